//! Reader for the native gazetteer format: one entity per line,
//! `id <TAB> type <TAB> name <TAB> aliases [<TAB> attributes]`, aliases
//! separated by `|`, attributes `key=value` separated by `;`, `#` comments
//! and blank lines ignored.

use super::{Alias, EntityDef};
use crate::error::{Error, Result};

/// Parse a native gazetteer. `name` is used in error messages
/// (`name:line: …`). A UTF-8 BOM and CRLF line ends are accepted.
///
/// Empty aliases (`a||b`, a trailing `|`) are skipped: they carry no
/// information and spreadsheet exports produce them. `entx gazetteer lint`
/// reports them.
pub fn parse_tsv(name: &str, text: &str) -> Result<Vec<EntityDef>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut defs = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = i as u64 + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let err = |msg: String| Error::Gazetteer {
            path: name.to_string(),
            line: line_no,
            msg,
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(err(format!(
                "expected at least 3 tab-separated columns (id, type, name), \
                 found {}: {:?}",
                cols.len(),
                truncate(line)
            )));
        }
        if cols.len() > 5 {
            return Err(err(format!(
                "expected at most 5 tab-separated columns (id, type, name, \
                 aliases, attributes), found {}",
                cols.len()
            )));
        }
        let id = cols[0].trim();
        let kind = cols[1].trim();
        let entity_name = cols[2].trim();
        if id.is_empty() {
            return Err(err(
                "expected an entity id in column 1, found an empty field"
                    .into(),
            ));
        }
        if kind.is_empty() || kind.contains(char::is_whitespace) {
            return Err(err(format!(
                "expected a type label without spaces in column 2 (PERSON, \
                 ORG, LOC, NORP …), found {kind:?}"
            )));
        }
        if entity_name.is_empty() {
            return Err(err(format!(
                "expected a name in column 3 for entity {id:?}, found an \
                 empty field"
            )));
        }
        let aliases = cols
            .get(3)
            .map(|a| {
                a.split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(|a| Alias {
                        text: a.to_string(),
                        case: None,
                        sports_only: false,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut attributes = Vec::new();
        if let Some(attrs) = cols.get(4) {
            for pair in
                attrs.split(';').map(str::trim).filter(|p| !p.is_empty())
            {
                let Some((k, v)) = pair.split_once('=') else {
                    return Err(err(format!(
                        "expected attributes as key=value separated by ';', \
                         found {pair:?}"
                    )));
                };
                let k = k.trim();
                if k.is_empty() {
                    return Err(err(format!(
                        "expected an attribute name before '=', found {pair:?}"
                    )));
                }
                attributes.push((k.to_string(), v.trim().to_string()));
            }
        }
        defs.push(EntityDef {
            id: id.to_string(),
            kind: kind.to_string(),
            name: entity_name.to_string(),
            aliases,
            attributes,
            line: line_no,
        });
    }
    Ok(defs)
}

fn truncate(s: &str) -> String {
    if s.chars().count() <= 60 {
        return s.to_string();
    }
    let mut t: String = s.chars().take(60).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_tsv("g.tsv", text).unwrap_err().to_string()
    }

    #[test]
    fn reads_all_columns() {
        let defs = parse_tsv(
            "g.tsv",
            "# comment\n\nirgc\tORG\tIslamic Revolutionary Guard Corps\tIRGC|Revolutionary Guards\tpriority=2;case=smart\n",
        )
        .unwrap();
        assert_eq!(defs.len(), 1);
        let d = &defs[0];
        assert_eq!(d.id, "irgc");
        assert_eq!(d.kind, "ORG");
        assert_eq!(d.aliases.len(), 2);
        assert_eq!(d.aliases[1].text, "Revolutionary Guards");
        assert_eq!(
            d.attributes,
            [("priority".into(), "2".into()), ("case".into(), "smart".into())]
        );
        assert_eq!(d.line, 3);
    }

    #[test]
    fn bom_crlf_and_three_columns() {
        let defs =
            parse_tsv("g.tsv", "\u{feff}a\tLOC\tA\r\nb\tLOC\tB\t\t\r\n")
                .unwrap();
        assert_eq!(defs.len(), 2);
        assert_eq!(defs[0].id, "a");
        assert!(defs[1].aliases.is_empty());
    }

    #[test]
    fn empty_aliases_skipped() {
        let defs = parse_tsv("g.tsv", "a\tLOC\tA\tB||  |C|\n").unwrap();
        let t: Vec<&str> =
            defs[0].aliases.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(t, ["B", "C"]);
    }

    #[test]
    fn too_few_columns() {
        assert_eq!(
            err("ok\tLOC\tOk\nbad\tLOC\n"),
            "g.tsv:2: expected at least 3 tab-separated columns (id, type, \
             name), found 2: \"bad\\tLOC\""
        );
    }

    #[test]
    fn too_many_columns() {
        assert_eq!(
            err("a\tLOC\tA\t\t\tx\n"),
            "g.tsv:1: expected at most 5 tab-separated columns (id, type, \
             name, aliases, attributes), found 6"
        );
    }

    #[test]
    fn empty_fields() {
        assert!(err("\tLOC\tA\n").contains("g.tsv:1: expected an entity id"));
        assert!(err("a\t\tA\n").contains("expected a type label"));
        assert!(err("a\tMY TYPE\tA\n").contains("found \"MY TYPE\""));
        assert!(err("a\tLOC\t \n").contains("expected a name in column 3"));
    }

    #[test]
    fn bad_attribute() {
        assert_eq!(
            err("a\tLOC\tA\t\tpriority\n"),
            "g.tsv:1: expected attributes as key=value separated by ';', \
             found \"priority\""
        );
    }
}
