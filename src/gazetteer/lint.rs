//! `entx gazetteer lint`: the checks that keep a gazetteer right, run on
//! raw source text so that what the loader forgives (empty aliases) is
//! still reported.
//!
//! Errors: a line that does not parse, a duplicate id, an empty or
//! whitespace-only alias. Warnings: an alias shared by entities of
//! different types, and an alias that is a common English word or has at
//! most two letters without a case rule to protect it.

use std::collections::HashMap;

use super::{parse_spacy_jsonl, parse_tsv, CaseMode, EntityDef, Format};
use crate::normalize::Normalizer;
use entx_index::policy::{is_builtin_source, is_common_word_alias};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Must be fixed: `lint` exits 1.
    Error,
    /// Worth a look.
    Warning,
}

/// One finding, located at `path:line`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The source.
    pub path: String,
    /// 1-based line.
    pub line: u64,
    /// What is wrong.
    pub msg: String,
}

/// Lint sources given as `(name, text, format)`, all together (duplicate
/// ids and shared aliases are looked for across sources).
pub fn lint(sources: &[(String, String, Format)]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut ids: HashMap<String, (String, u64)> = HashMap::new();
    // normalized, lower-cased alias → (type, entity id, path, line)
    let mut aliases: HashMap<String, (String, String, String, u64)> =
        HashMap::new();
    let z = Normalizer::new();
    for (path, text, format) in sources {
        if *format == Format::Tsv {
            raw_alias_checks(path, text, &mut out);
        }
        let defs = match format {
            Format::Tsv => parse_tsv(path, text),
            Format::SpacyJsonl => parse_spacy_jsonl(path, text),
        };
        let defs: Vec<EntityDef> = match defs {
            Ok(defs) => defs,
            Err(err) => {
                let (line, msg) = match &err {
                    crate::error::Error::Gazetteer { line, msg, .. } => {
                        (*line, msg.clone())
                    }
                    other => (0, other.to_string()),
                };
                out.push(Finding {
                    severity: Severity::Error,
                    path: path.clone(),
                    line,
                    msg,
                });
                continue;
            }
        };
        for def in defs {
            // A row with `context=sports` extends an entity defined before
            // with aliases that name it in sports text only (`Chelsea`):
            // its id is meant to repeat, and its aliases to be places too.
            let context_row =
                def.attributes.iter().any(|(k, _)| k == "context");
            if let Some((p, l)) = ids.get(&def.id).filter(|_| !context_row) {
                out.push(Finding {
                    severity: Severity::Error,
                    path: path.clone(),
                    line: def.line,
                    msg: format!(
                        "duplicate id {:?} (first defined at {p}:{l})",
                        def.id
                    ),
                });
            } else if !ids.contains_key(&def.id) {
                ids.insert(def.id.clone(), (path.clone(), def.line));
            }
            let attr = |k: &str| {
                def.attributes
                    .iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.as_str())
            };
            let priority: i64 =
                attr("priority").and_then(|v| v.parse().ok()).unwrap_or(0);
            let pinned = attr("case").and_then(CaseMode::parse);
            let names = std::iter::once((def.name.as_str(), None))
                .chain(def.aliases.iter().map(|a| (a.text.as_str(), a.case)));
            for (alias, alias_case) in names {
                let norm = z.normalize_alias(alias);
                if norm.is_empty() {
                    out.push(Finding {
                        severity: Severity::Error,
                        path: path.clone(),
                        line: def.line,
                        msg: format!("alias {alias:?} of {:?} has nothing to match (only spaces or hyphens)", def.id),
                    });
                    continue;
                }
                let case = alias_case.or(pinned);
                // Sports context protects an alias as a case rule does.
                let protected = context_row
                    || case == Some(CaseMode::Sensitive)
                    || is_common_word_alias(
                        is_builtin_source(path),
                        &def.kind,
                        priority,
                        alias,
                        &norm,
                    );
                let letters =
                    norm.chars().filter(|c| c.is_alphanumeric()).count();
                if !protected && case != Some(CaseMode::Insensitive) {
                    if letters <= 2 && alias.chars().any(char::is_lowercase) {
                        out.push(Finding {
                            severity: Severity::Warning,
                            path: path.clone(),
                            line: def.line,
                            msg: format!("alias {alias:?} of {:?} has at most two letters and no case rule (case=strict)", def.id),
                        });
                    } else if crate::words::is_common_word(&norm) {
                        out.push(Finding {
                            severity: Severity::Warning,
                            path: path.clone(),
                            line: def.line,
                            msg: format!("alias {alias:?} of {:?} is a common English word and no case rule protects it", def.id),
                        });
                    }
                }
                if context_row {
                    continue;
                }
                match aliases.get(&norm) {
                    Some((kind, id, p, l))
                        if *kind != def.kind && *id != def.id =>
                    {
                        out.push(Finding {
                            severity: Severity::Warning,
                            path: path.clone(),
                            line: def.line,
                            msg: format!(
                                "alias {alias:?} of {:?} ({}) is also an alias of {id:?} ({kind}) at {p}:{l}",
                                def.id, def.kind
                            ),
                        });
                    }
                    Some(_) => {}
                    None => {
                        aliases.insert(
                            norm,
                            (
                                def.kind.clone(),
                                def.id.clone(),
                                path.clone(),
                                def.line,
                            ),
                        );
                    }
                }
            }
        }
    }
    out.sort_by_key(|f| f.severity);
    out
}

/// Empty and whitespace-only aliases, which the reader skips silently.
fn raw_alias_checks(path: &str, text: &str, out: &mut Vec<Finding>) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some(aliases) = line.split('\t').nth(3) else { continue };
        if aliases.is_empty() {
            continue;
        }
        for (k, a) in aliases.split('|').enumerate() {
            if a.trim().is_empty() {
                out.push(Finding {
                    severity: Severity::Error,
                    path: path.to_string(),
                    line: i as u64 + 1,
                    msg: format!(
                        "alias {} is empty or only whitespace ({aliases:?})",
                        k + 1
                    ),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(Severity, u64, String)> {
        run_as("g.tsv", text)
    }

    fn run_as(path: &str, text: &str) -> Vec<(Severity, u64, String)> {
        lint(&[(path.into(), text.into(), Format::Tsv)])
            .into_iter()
            .map(|f| (f.severity, f.line, f.msg))
            .collect()
    }

    #[test]
    fn clean() {
        assert_eq!(run("baghdad\tLOC\tBaghdad\tBagdad\tpriority=10\n"), []);
    }

    #[test]
    fn errors() {
        let got = run(
            "a\tLOC\tAlpha\tAl||x\nb\tLOC\tBeta\t \na\tLOC\tAlpha\t\nc\tLOC\n",
        );
        let errors: Vec<_> = got
            .iter()
            .filter(|f| f.0 == Severity::Error)
            .map(|f| (f.1, f.2.as_str()))
            .collect();
        assert_eq!(
            errors,
            [
                (1, "alias 2 is empty or only whitespace (\"Al||x\")"),
                (2, "alias 1 is empty or only whitespace (\" \")"),
                (4, "expected at least 3 tab-separated columns (id, type, name), found 2: \"c\\tLOC\""),
            ]
        );
    }

    #[test]
    fn duplicate_ids_and_shared_aliases() {
        let got = run("a\tLOC\tJordan\t\tpriority=30\nb\tPERSON\tMichael Jordan\tJordan\na\tLOC\tA2\t\n");
        assert!(got.contains(&(
            Severity::Error,
            3,
            "duplicate id \"a\" (first defined at g.tsv:1)".into()
        )));
        assert!(got.contains(&(
            Severity::Warning,
            2,
            "alias \"Jordan\" of \"b\" (PERSON) is also an alias of \"a\" (LOC) at g.tsv:1".into()
        )));
    }

    /// A `context=sports` row extends the club defined before it with the
    /// place name: neither a duplicate id nor a shared alias to report.
    #[test]
    fn context_rows_extend_an_entity() {
        let got = run("c\tORG\tChelsea FC\t\nc\tORG\tChelsea FC\tChelsea\tcontext=sports\np\tLOC\tChelsea\t\tpriority=10\nc\tORG\tChelsea FC\t\n");
        assert_eq!(
            got,
            [(
                Severity::Error,
                4,
                "duplicate id \"c\" (first defined at g.tsv:1)".into()
            )]
        );
    }

    #[test]
    fn risky_aliases() {
        // "Shell" (ORG) is a common word with no case rule; "Reading"
        // (a city) is covered by the common-word rule, in a built-in file;
        // "Un" is short.
        let got = run_as("<builtin>/g.tsv", "shell\tORG\tShell\t\nrdg\tLOC\tReading\t\tpriority=10\nun\tORG\tUnited Nations\tUn\nfed\tORG\tFed\t\tcase=strict\n");
        let warnings: Vec<u64> = got
            .iter()
            .filter(|f| f.0 == Severity::Warning)
            .map(|f| f.1)
            .collect();
        assert_eq!(warnings, [1, 3]);
    }
}
