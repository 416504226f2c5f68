//! `entx::input::parse_record` on arbitrary lines with several record
//! specs: never a panic, and a parsed text (and id, and kept fields) equals
//! what `serde_json::Value` gives for the same field(s).

#![no_main]

use entx::input::{parse_record, FieldPath, RecordSpec, FIELD_SEPARATOR};
use libfuzzer_sys::fuzz_target;

fn spec(text: &[&str], id: &str, keep: &[&str]) -> RecordSpec {
    let p = |s: &str| FieldPath::parse(s).expect("valid path");
    RecordSpec {
        text: text.iter().map(|t| p(t)).collect(),
        id: p(id),
        keep: keep.iter().map(|t| p(t)).collect(),
    }
}

/// Follow a dotted path through a Value (duplicate keys: serde_json's
/// `Value` keeps the last, as entx does).
fn get<'v>(
    v: &'v serde_json::Value,
    path: &str,
) -> Option<&'v serde_json::Value> {
    path.split('.').try_fold(v, |v, part| v.as_object()?.get(part))
}

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    let specs = [
        RecordSpec::default(),
        spec(&["article.body"], "meta.id", &[]),
        spec(&["title", "text", "a.b.c"], "id", &[]),
        spec(&["text"], "id", &["lang", "meta.src", "text"]),
    ];
    let value: Option<serde_json::Value> = serde_json::from_str(&line).ok();
    let mut text = String::from("stale");
    for spec in &specs {
        match parse_record(&line, spec, &mut text) {
            Ok(rec) => {
                // serde_json's Value rejects some lines entx accepts:
                // nesting deeper than 128 in fields entx skips, numbers out
                // of f64 range. Compare only when it parses.
                let Some(v) = value.as_ref() else { continue };
                let want: Vec<&str> = spec
                    .text
                    .iter()
                    .map(|f| {
                        get(v, f.as_str())
                            .and_then(|s| s.as_str())
                            .unwrap_or_else(|| panic!("{f} in {line:?}"))
                    })
                    .collect();
                assert_eq!(text, want.join(FIELD_SEPARATOR), "{line:?}");
                if let Some(id) = rec.id {
                    let got: serde_json::Value =
                        serde_json::from_str(id.get()).expect("id is JSON");
                    assert_eq!(Some(&got), get(v, spec.id.as_str()));
                }
                for (k, raw) in &rec.keep {
                    let got: serde_json::Value =
                        serde_json::from_str(raw.get()).expect("kept is JSON");
                    assert_eq!(Some(&got), get(v, k), "{k} in {line:?}");
                }
            }
            Err((_, msg)) => assert!(!msg.is_empty()),
        }
    }
});
