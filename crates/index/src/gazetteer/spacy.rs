//! Reader for spaCy EntityRuler pattern files, so users can bring the
//! gazetteers they already have: one JSON object per line,
//! `{"label": "ORG", "pattern": "Apple", "id": "apple"}`, where `pattern` is
//! a string or a list of single-token `ORTH` / `LOWER` / `TEXT` literals.

use serde::Deserialize;

use super::{Alias, CaseMode, EntityDef};
use crate::error::{Error, Result};

#[derive(Deserialize)]
struct Line {
    label: String,
    pattern: Pattern,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Pattern {
    Phrase(String),
    Tokens(Vec<serde_json::Map<String, serde_json::Value>>),
}

/// Parse a spaCy pattern file. Lines sharing an `id` become one entity
/// (the first pattern is its name); a line without `id` is its own entity,
/// with `LABEL:pattern` as id. Token patterns are joined with spaces;
/// `ORTH`/`TEXT` tokens make the alias case-sensitive, `LOWER` tokens make
/// it case-insensitive. Other token attributes (`POS`, `OP`, regexes …)
/// cannot be expressed as a literal and are an error naming the line.
pub fn parse_spacy_jsonl(name: &str, text: &str) -> Result<Vec<EntityDef>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut defs: Vec<EntityDef> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = i as u64 + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let err = |msg: String| Error::Gazetteer {
            path: name.to_string(),
            line: line_no,
            msg,
        };
        let parsed: Line = serde_json::from_str(line).map_err(|e| {
            err(format!(
                "expected a spaCy pattern object {{\"label\", \"pattern\", \
                 \"id\"}}: {e}"
            ))
        })?;
        if parsed.label.trim().is_empty() {
            return Err(err("expected a non-empty \"label\"".into()));
        }
        let (alias, case) = match parsed.pattern {
            Pattern::Phrase(p) => (p, None),
            Pattern::Tokens(tokens) => token_alias(&tokens).map_err(err)?,
        };
        if alias.trim().is_empty() {
            return Err(err("expected a non-empty \"pattern\"".into()));
        }
        let id =
            parsed.id.unwrap_or_else(|| format!("{}:{}", parsed.label, alias));
        let alias = Alias { text: alias, case, sports_only: false };
        if let Some(&k) = index.get(&id) {
            let def = &mut defs[k];
            if def.kind == parsed.label {
                def.aliases.push(alias);
                continue;
            }
        }
        index.insert(id.clone(), defs.len());
        // The first pattern is the name; a token pattern's case rule then
        // holds for the whole entity unless later aliases pin their own.
        let mut attributes = vec![("source".to_string(), "spacy".to_string())];
        match case {
            Some(CaseMode::Sensitive) => {
                attributes.push(("case".into(), "sensitive".into()))
            }
            Some(CaseMode::Insensitive) => {
                attributes.push(("case".into(), "insensitive".into()))
            }
            _ => {}
        }
        defs.push(EntityDef {
            id,
            kind: parsed.label,
            name: alias.text,
            aliases: Vec::new(),
            attributes,
            line: line_no,
        });
    }
    Ok(defs)
}

fn token_alias(
    tokens: &[serde_json::Map<String, serde_json::Value>],
) -> std::result::Result<(String, Option<CaseMode>), String> {
    let mut words = Vec::with_capacity(tokens.len());
    let mut case = None;
    for (i, tok) in tokens.iter().enumerate() {
        if tok.len() != 1 {
            return Err(format!(
                "token {i}: expected exactly one of ORTH, TEXT or LOWER, \
                 found {} keys",
                tok.len()
            ));
        }
        let (key, value) = tok.iter().next().expect("one key");
        let Some(word) = value.as_str() else {
            return Err(format!(
                "token {i}: expected a string value for {key}, found {value}"
            ));
        };
        let mode = match key.as_str() {
            "ORTH" | "TEXT" => CaseMode::Sensitive,
            "LOWER" => CaseMode::Insensitive,
            other => {
                return Err(format!(
                    "token {i}: only ORTH, TEXT and LOWER literals are \
                     supported, found {other}"
                ))
            }
        };
        // Mixed token kinds: the weakest constraint (insensitive) wins.
        case = match (case, mode) {
            (Some(CaseMode::Insensitive), _) | (_, CaseMode::Insensitive) => {
                Some(CaseMode::Insensitive)
            }
            _ => Some(mode),
        };
        words.push(word.to_string());
    }
    Ok((words.join(" "), case))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_and_tokens() {
        let defs = parse_spacy_jsonl(
            "p.jsonl",
            r#"{"label": "ORG", "pattern": "Apple", "id": "apple"}
{"label": "ORG", "pattern": "Apple Inc.", "id": "apple"}
{"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}]}
"#,
        )
        .unwrap();
        assert_eq!(defs.len(), 2);
        assert_eq!(defs[0].id, "apple");
        assert_eq!(defs[0].name, "Apple");
        assert_eq!(defs[0].aliases[0].text, "Apple Inc.");
        assert_eq!(defs[1].id, "GPE:san francisco");
        assert!(defs[1].aliases.is_empty());
        assert!(defs[1]
            .attributes
            .contains(&("case".into(), "insensitive".into())));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse_spacy_jsonl("p.jsonl", "\n{\"label\": \"ORG\"}\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("p.jsonl:2: expected a spaCy pattern object"),
            "{e}"
        );
        let e = parse_spacy_jsonl(
            "p.jsonl",
            r#"{"label": "ORG", "pattern": [{"POS": "NOUN"}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("only ORTH, TEXT and LOWER"), "{e}");
    }
}
