//! Invariant checks shared by the fuzz targets (`fuzz/`) and the property
//! tests (`tests/props.rs`), so that stable CI runs the very checks the
//! fuzzers run on nightly (STYLE §2.9.7). Not part of the public API.

use crate::extract::{ExtractorBuilder, Mention, Scratch};
use crate::gazetteer::{CaseMode, EntityId, Gazetteer};
use crate::normalize::Normalizer;
use crate::output::{DocId, DocumentOut, JsonWriter};
use crate::text::tokenize::{is_boundary, is_end_boundary};

/// Build an extractor from `gaz` (with `case` as the default case mode)
/// and check every
/// invariant of [`crate::Extractor::extract`] on `text`:
///
/// * spans lie inside the text, on char boundaries, and are non-empty;
/// * spans are sorted by start and never overlap;
/// * each span starts on a word boundary ([`is_boundary`]) and ends on an
///   end boundary ([`is_end_boundary`]);
/// * the normalized span equals a normalized alias of the chosen entity
///   and of every listed candidate;
/// * extracting again, with the same and with a fresh [`Scratch`], gives
///   the same mentions;
/// * the JSON written by [`JsonWriter`] has `text` fields equal to both the
///   code-point slice and the byte slice, and per-entity counts that add
///   up.
///
/// Returns a description of the first violation.
pub fn check_invariants(
    gaz: &Gazetteer,
    case: CaseMode,
    text: &str,
) -> Result<(), String> {
    let extractor = ExtractorBuilder::new()
        .case(case)
        .build(gaz.clone())
        .map_err(|e| format!("build failed: {e}"))?;
    let mut scratch = Scratch::new();
    let mentions = extractor.extract(text, &mut scratch).to_vec();
    check_mentions(gaz, text, &mentions)?;
    let again = extractor.extract(text, &mut scratch);
    if again != mentions.as_slice() {
        return Err(format!(
            "second extraction with the same scratch differs: {again:?} vs \
             {mentions:?}"
        ));
    }
    let fresh = extractor.extract(text, &mut Scratch::new()).to_vec();
    if fresh != mentions {
        return Err(format!(
            "extraction with a fresh scratch differs: {fresh:?} vs \
             {mentions:?}"
        ));
    }
    check_json(&extractor, text, &mentions)
}

/// The span, boundary and alias invariants of one extraction.
pub fn check_mentions(
    gaz: &Gazetteer,
    text: &str,
    mentions: &[Mention],
) -> Result<(), String> {
    let z = Normalizer::new();
    let mut prev_end = 0;
    for (k, m) in mentions.iter().enumerate() {
        let (s, e) = (m.span.start, m.span.end);
        if s >= e || e > text.len() {
            return Err(format!("mention {k}: bad span {s}..{e}"));
        }
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            return Err(format!("mention {k}: {s}..{e} splits a char"));
        }
        if s < prev_end {
            return Err(format!(
                "mention {k}: {s}..{e} overlaps or precedes the previous \
                 mention (ends at {prev_end})"
            ));
        }
        prev_end = e;
        if !is_boundary(text, s) {
            return Err(format!("mention {k}: start {s} is not a boundary"));
        }
        if !is_end_boundary(text, e) {
            return Err(format!("mention {k}: end {e} is not a boundary"));
        }
        let norm = z.normalize(&text[s..e]);
        // A period split off at a line's end is the sentence's: the mention
        // stops before it though the alias has it (`U.S .` gives `U.S`).
        let spaces = text[e..].len() - text[e..].trim_start_matches(' ').len();
        let with_period = (spaces > 0 && text[e + spaces..].starts_with('.'))
            .then(|| z.normalize(&text[s..e + spaces + 1]));
        for id in std::iter::once(&m.entity).chain(&m.candidates) {
            if !has_alias(gaz, *id, &norm, &z)
                && !with_period
                    .as_ref()
                    .is_some_and(|p| has_alias(gaz, *id, p, &z))
            {
                return Err(format!(
                    "mention {k}: {:?} (normalized {norm:?}) is not an alias \
                     of entity {:?}",
                    &text[s..e],
                    gaz.entity(*id).id
                ));
            }
        }
        if m.candidates.contains(&m.entity) {
            return Err(format!("mention {k}: entity listed as a candidate"));
        }
    }
    Ok(())
}

fn has_alias(
    gaz: &Gazetteer,
    id: EntityId,
    norm: &str,
    z: &Normalizer,
) -> bool {
    if id.index() >= gaz.len() {
        return false;
    }
    gaz.entity(id).aliases.iter().any(|a| {
        let na = z.normalize_alias(&a.text);
        !na.is_empty() && na == norm
    })
}

/// Serialize one document and check its offsets against the text.
pub fn check_json(
    extractor: &crate::Extractor,
    text: &str,
    mentions: &[Mention],
) -> Result<(), String> {
    let mut buf = Vec::new();
    let doc = DocumentOut {
        id: DocId::Str("fuzz"),
        keep: &[],
        text,
        mentions,
        rules: &[],
    };
    JsonWriter::new(false)
        .write_document(&mut buf, extractor, &doc)
        .map_err(|e| format!("writing JSON: {e}"))?;
    if buf.last() != Some(&b'\n') || buf[..buf.len() - 1].contains(&b'\n') {
        return Err("JSON output is not exactly one line".into());
    }
    let v: serde_json::Value = serde_json::from_slice(&buf)
        .map_err(|e| format!("output is not JSON: {e}"))?;
    let chars: Vec<char> = text.chars().collect();
    let out = v["mentions"].as_array().ok_or("no mentions array")?;
    if out.len() != mentions.len() {
        return Err("mention count differs in JSON".into());
    }
    for (k, (j, m)) in out.iter().zip(mentions).enumerate() {
        let g = |key: &str| {
            j[key]
                .as_u64()
                .map(|n| n as usize)
                .ok_or_else(|| format!("mention {k}: no {key}"))
        };
        let (s, e, bs, be) =
            (g("start")?, g("end")?, g("byte_start")?, g("byte_end")?);
        if (bs, be) != (m.span.start, m.span.end) {
            return Err(format!("mention {k}: byte offsets differ"));
        }
        if s >= e || e > chars.len() {
            return Err(format!("mention {k}: bad code-point span {s}..{e}"));
        }
        let by_chars: String = chars[s..e].iter().collect();
        let t = j["text"].as_str().ok_or("no text")?;
        if t != by_chars || t != &text[bs..be] {
            return Err(format!(
                "mention {k}: text {t:?} != code points {by_chars:?} or \
                 bytes {:?}",
                &text[bs..be]
            ));
        }
    }
    let total: u64 = v["entities"]
        .as_array()
        .ok_or("no entities array")?
        .iter()
        .map(|r| r["count"].as_u64().unwrap_or(0))
        .sum();
    if total != mentions.len() as u64 {
        return Err(format!(
            "entity counts add up to {total}, not {}",
            mentions.len()
        ));
    }
    Ok(())
}
