//! Property tests over the library: random texts and gazetteers drawn from
//! a tiny alphabet (so aliases collide with text and each other often),
//! checked against a brute-force reference matcher that shares only the
//! character normalization with entx.

use entx::gazetteer::EntityDef;
use entx::normalize::{is_apostrophe, NormText, Normalizer};
use entx::output::{DocId, DocumentOut, JsonWriter};
use entx::{Alias, CaseMode, ExtractorBuilder, Gazetteer, Scratch};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

const ALPHABET: &[&str] = &[
    "a", "b", "s", "A", "B", "S", "é", "É", "İ", "ß", " ", " ", "-", "\n",
    "\u{a0}", "’", "'", ".", "\u{ad}", "\u{301}", "1",
];

fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(ALPHABET).prop_map(str::to_string)
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max).prop_map(|v| v.concat())
}

/// Mostly ASCII words and spaces.
fn wordy_piece() -> BoxedStrategy<String> {
    prop::sample::select(vec![
        "a", "b", "s", "A", "B", "S", "ab", "Ba", "sab", "ABS", "1", " ", " ",
        " ", "-", ". ", "\n", "'", "’", "é", "İ",
    ])
    .prop_map(str::to_string)
    .boxed()
}

/// Longer texts of mostly ASCII words, so that runs cross the 64-byte
/// blocks the extractor scans in, and its ASCII shortcuts are taken.
fn long_text(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(wordy_piece(), min..max).prop_map(|v| v.concat())
}

#[derive(Clone, Debug)]
struct Ent {
    aliases: Vec<String>,
    priority: i64,
    /// Pinned case mode; `None` takes the extractor's.
    case: Option<CaseMode>,
}

fn entity() -> impl Strategy<Value = Ent> {
    entity_of(piece().boxed())
}

fn entity_of(piece: BoxedStrategy<String>) -> impl Strategy<Value = Ent> {
    (
        prop::collection::vec(
            prop::collection::vec(piece, 1..5).prop_map(|v| v.concat()),
            1..3,
        ),
        0i64..3,
        prop::sample::select(vec![
            Some(CaseMode::Smart),
            Some(CaseMode::Sensitive),
            Some(CaseMode::Insensitive),
            None,
        ]),
    )
        .prop_map(|(aliases, priority, case)| Ent {
            aliases,
            priority,
            case,
        })
}

fn gazetteer(ents: &[Ent]) -> Gazetteer {
    let mut gaz = Gazetteer::new();
    for (i, e) in ents.iter().enumerate() {
        let mut attributes = vec![("priority".into(), e.priority.to_string())];
        match e.case {
            Some(CaseMode::Smart) => {
                attributes.push(("case".into(), "smart".into()))
            }
            Some(CaseMode::Sensitive) => {
                attributes.push(("case".into(), "sensitive".into()))
            }
            Some(CaseMode::Insensitive) => {
                attributes.push(("case".into(), "insensitive".into()))
            }
            None => {}
        }
        gaz.add_def(
            "prop",
            EntityDef {
                id: format!("e{i}"),
                kind: "T".into(),
                name: e.aliases[0].clone(),
                aliases: e.aliases[1..]
                    .iter()
                    .map(|a| Alias {
                        text: a.clone(),
                        case: None,
                        sports_only: false,
                    })
                    .collect(),
                attributes,
                line: i as u64 + 1,
            },
        )
        .unwrap();
    }
    gaz
}

/// (entity index, byte start, byte end, other candidate indices)
type Found = (usize, usize, usize, Vec<usize>);

fn real(ents: &[Ent], text: &str, default: CaseMode) -> Vec<Found> {
    let ex =
        ExtractorBuilder::new().case(default).build(gazetteer(ents)).unwrap();
    let mut scratch = Scratch::new();
    let idx = |id: &str| id[1..].parse::<usize>().unwrap();
    ex.extract(text, &mut scratch)
        .iter()
        .map(|m| {
            (
                idx(ex.entity(m.entity).id),
                m.span.start,
                m.span.end,
                m.candidates.iter().map(|&c| idx(ex.entity(c).id)).collect(),
            )
        })
        .collect()
}

/// Whether a character leaves a trace in normalized text.
fn emits(c: char) -> bool {
    let n = Normalizer::new().normalize(&c.to_string());
    !n.is_empty() && !n.trim().is_empty()
}

fn case_ok(mode: CaseMode, slice: &str, alias: &str) -> bool {
    let z = Normalizer::new();
    let (mut ts, mut al) = (NormText::new(), NormText::new());
    z.normalize_into(slice, &mut ts);
    z.normalize_into(alias, &mut al);
    let lead = al.as_str().len() - al.as_str().trim_start().len();
    let at = |s: &str, i: usize| s[i..].chars().next().unwrap();
    (0..ts.len()).all(|j| {
        let t = at(slice, ts.source_start(j));
        let a = at(alias, al.source_start(j + lead));
        match mode {
            CaseMode::Insensitive => true,
            CaseMode::Smart => !a.is_uppercase() || t.is_uppercase(),
            CaseMode::Sensitive => {
                (!a.is_uppercase() || t.is_uppercase())
                    && (!a.is_lowercase() || !t.is_uppercase())
            }
        }
    })
}

/// The brute-force reference: every span on word boundaries whose
/// normalized text equals a normalized alias, resolved by the documented
/// ranking (length in chars, priority, load order, start).
fn naive(ents: &[Ent], text: &str, default: CaseMode) -> Vec<Found> {
    let z = Normalizer::new();
    let mut bounds: Vec<usize> =
        text.split_word_bound_indices().map(|(i, _)| i).collect();
    bounds.push(text.len());
    let is_b = |i: usize| bounds.contains(&i);
    let is_end = |e: usize| {
        if is_b(e) {
            return true;
        }
        let mut rest = text[e..].chars();
        match (rest.next(), rest.next()) {
            (Some(a), Some('s' | 'S')) if is_apostrophe(a) => {
                is_b(e + a.len_utf8() + 1)
            }
            (Some(a), _) if is_apostrophe(a) => {
                text[..e].ends_with(['s', 'S']) && is_b(e + a.len_utf8())
            }
            _ => false,
        }
    };
    let starts: Vec<usize> =
        (0..text.len()).filter(|&i| text.is_char_boundary(i)).collect();
    // A slice is normalized as part of the text: whether ` .` is a
    // split-off period depends on what follows it.
    let mut full = NormText::new();
    z.normalize_into(text, &mut full);
    let in_context = |s: usize, e: usize| -> String {
        let bytes: Vec<u8> = (0..full.len())
            .filter(|&i| (s..e).contains(&full.source_start(i)))
            .map(|i| full.as_bytes()[i])
            .collect();
        String::from_utf8(bytes).unwrap()
    };
    let mut cands = Vec::new();
    for &s in &starts {
        for e in (s + 1..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            let slice = &text[s..e];
            let (first, last) =
                (slice.chars().next().unwrap(), slice.chars().last().unwrap());
            if !emits(first) || !emits(last) || !is_b(s) || !is_end(e) {
                continue;
            }
            let norm = in_context(s, e);
            let mut ok: Vec<usize> = (0..ents.len())
                .filter(|&i| {
                    ents[i].aliases.iter().any(|a| {
                        let na = z.normalize_alias(a);
                        !na.is_empty()
                            && na == norm
                            && case_ok(
                                ents[i].case.unwrap_or(default),
                                slice,
                                a,
                            )
                    })
                })
                .collect();
            if ok.is_empty() {
                continue;
            }
            ok.sort_by_key(|&i| (-ents[i].priority, i));
            // A period split off at a line's end is the sentence's.
            let line_ends =
                matches!(text[e..].chars().next(), None | Some('\n' | '\r'));
            let kept =
                slice.strip_suffix(" .").map(|k| k.trim_end_matches(' '));
            let e = if line_ends
                && slice.len() >= 3
                && kept.is_some_and(|k| k.ends_with(char::is_alphanumeric))
            {
                s + kept.unwrap_or_default().len()
            } else {
                e
            };
            cands.push((text[s..e].chars().count(), s, e, ok));
        }
    }
    cands.sort_by_key(|(len, s, _, ok)| {
        (std::cmp::Reverse(*len), -ents[ok[0]].priority, ok[0], *s)
    });
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out: Vec<Found> = Vec::new();
    for (_, s, e, ok) in cands {
        if taken.iter().all(|&(ts, te)| e <= ts || te <= s) {
            taken.push((s, e));
            out.push((ok[0], s, e, ok[1..].to_vec()));
        }
    }
    out.sort_by_key(|f| f.1);
    // Document evidence (DESIGN.md rule 6): an ambiguous mention whose
    // best entity is not itself mentioned unambiguously switches to the
    // first candidate that is (these entities have no `country`).
    let evidence: Vec<usize> =
        out.iter().filter(|f| f.3.is_empty()).map(|f| f.0).collect();
    for f in out.iter_mut().filter(|f| !f.3.is_empty()) {
        if evidence.contains(&f.0) {
            continue;
        }
        if let Some(i) = f.3.iter().position(|c| evidence.contains(c)) {
            let best = f.3.remove(i);
            f.3.insert(0, f.0);
            f.0 = best;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn matches_naive_reference(
        ents in prop::collection::vec(entity(), 1..5),
        text in text(24),
        default in case_mode(),
    ) {
        prop_assert_eq!(
            real(&ents, &text, default),
            naive(&ents, &text, default)
        );
    }

    #[test]
    fn output_offsets_slice_the_text(
        ents in prop::collection::vec(entity(), 1..5),
        text in text(40),
    ) {
        let ex = ExtractorBuilder::new().build(gazetteer(&ents)).unwrap();
        let mut scratch = Scratch::new();
        let mentions = ex.extract(&text, &mut scratch).to_vec();
        let mut buf = Vec::new();
        let doc = DocumentOut { id: DocId::Str("p"), keep: &[], text: &text, mentions: &mentions, rules: &[] };
        JsonWriter::new(false).write_document(&mut buf, &ex, &doc).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let mut prev_end = 0;
        for m in v["mentions"].as_array().unwrap() {
            let g = |k: &str| m[k].as_u64().unwrap() as usize;
            let (s, e, bs, be) = (g("start"), g("end"), g("byte_start"), g("byte_end"));
            prop_assert!(s < e && e <= chars.len());
            prop_assert!(bs >= prev_end, "sorted and non-overlapping");
            prev_end = be;
            let by_chars: String = chars[s..e].iter().collect();
            prop_assert_eq!(m["text"].as_str().unwrap(), by_chars.as_str());
            prop_assert_eq!(m["text"].as_str().unwrap(), &text[bs..be]);
        }
        // Deterministic: a second run with a reused scratch gives the same.
        let again = ex.extract(&text, &mut scratch).to_vec();
        prop_assert_eq!(again, mentions);
    }

    #[test]
    fn normalization_is_idempotent_and_mapped(text in text(40)) {
        let z = Normalizer::new();
        let once = z.normalize(&text);
        prop_assert_eq!(z.normalize(&once), once.clone());
        let mut nt = NormText::new();
        z.normalize_into(&text, &mut nt);
        let mut prev = 0;
        for i in 0..=nt.len() {
            let s = nt.source_start(i);
            prop_assert!(s >= prev && s <= text.len());
            prop_assert!(text.is_char_boundary(s));
            prev = s;
        }
    }
}

fn case_mode() -> impl Strategy<Value = CaseMode> {
    prop::sample::select(vec![
        CaseMode::Smart,
        CaseMode::Sensitive,
        CaseMode::Insensitive,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Texts of several 64-byte blocks, where word runs cross block ends
    /// and the first-words prefilter reads its masks across two blocks.
    #[test]
    fn long_texts_match_naive_reference(
        ents in prop::collection::vec(entity_of(wordy_piece()), 1..8),
        text in long_text(40, 100),
        default in case_mode(),
    ) {
        prop_assert_eq!(
            real(&ents, &text, default),
            naive(&ents, &text, default)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The checks the `extract` fuzz target runs (fuzz/), on stable.
    #[test]
    fn fuzz_invariants_hold(
        ents in prop::collection::vec(entity(), 1..5),
        text in text(40),
        case in case_mode(),
    ) {
        let gaz = gazetteer(&ents);
        if let Err(msg) = entx::testing::check_invariants(&gaz, case, &text) {
            prop_assert!(false, "{}", msg);
        }
    }
}
