//! Reading articles: JSONL records (choosing the id, text and kept fields
//! by dotted paths, borrowing from the line wherever JSON escaping allows)
//! and transparent decompression of gzip and zstd streams.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

/// A dotted path to a field of a JSON object (`article.body`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPath {
    spec: String,
    parts: Vec<String>,
}

impl FieldPath {
    /// Parse `a.b.c`. Empty segments are an error.
    pub fn parse(spec: &str) -> Result<FieldPath, String> {
        let parts: Vec<String> = spec.split('.').map(str::to_string).collect();
        if parts.iter().any(String::is_empty) {
            return Err(format!(
                "invalid field path {spec:?}: expected names separated by \
                 single dots, like article.body"
            ));
        }
        Ok(FieldPath { spec: spec.to_string(), parts })
    }

    /// The path as written.
    pub fn as_str(&self) -> &str {
        &self.spec
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spec)
    }
}

/// Which fields of a JSONL record to read.
#[derive(Clone, Debug)]
pub struct RecordSpec {
    /// Text fields, joined with a blank line (`"\n\n"`) when several. A
    /// field that is missing or null is left out of the join; a record
    /// none of whose text fields is there is an error.
    pub text: Vec<FieldPath>,
    /// The id field.
    pub id: FieldPath,
    /// Fields copied to the output.
    pub keep: Vec<FieldPath>,
}

impl RecordSpec {
    /// Parse the field paths given on a command line (`--text-field`,
    /// `--id-field`, `--keep`).
    pub fn parse(
        text: &[String],
        id: &str,
        keep: &[String],
    ) -> Result<RecordSpec, String> {
        let paths = |v: &[String]| {
            v.iter()
                .map(|f| FieldPath::parse(f))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(RecordSpec {
            text: paths(text)?,
            id: FieldPath::parse(id)?,
            keep: paths(keep)?,
        })
    }
}

impl Default for RecordSpec {
    fn default() -> RecordSpec {
        RecordSpec {
            text: vec![FieldPath::parse("text").expect("valid")],
            id: FieldPath::parse("id").expect("valid"),
            keep: Vec::new(),
        }
    }
}

/// The separator placed between several text fields. Offsets refer to the
/// joined text; a paragraph break also stops any match from spanning two
/// fields.
pub const FIELD_SEPARATOR: &str = "\n\n";

/// One JSONL record, borrowing from its line where it can.
#[derive(Debug)]
pub struct Record<'a> {
    /// The id value, verbatim, if present.
    pub id: Option<&'a RawValue>,
    /// Kept fields, in `--keep` order; absent fields are left out.
    pub keep: Vec<(&'a str, &'a RawValue)>,
}

/// Parse a JSONL line and return its id, kept fields, and text (appended
/// to `text`, which is cleared first). On error, the id is still returned
/// when it could be read, so the error record can carry it.
pub fn parse_record<'a>(
    line: &'a str,
    spec: &'a RecordSpec,
    text: &mut String,
) -> Result<Record<'a>, (Option<&'a RawValue>, String)> {
    text.clear();
    let top = Object::parse(line).map_err(|e| (None, invalid_json(&e)))?;
    let id = lookup(&top, &spec.id).ok().flatten();
    let fail = |msg: String| (id, msg);
    // With several text fields, a record often lacks one (no subtitle):
    // a missing or null field is left out, and the record fails only when
    // none is there.
    let mut found = 0;
    let mut null = None;
    for path in &spec.text {
        let raw = match lookup(&top, path).map_err(fail)? {
            Some(raw) if raw.get() == "null" => {
                null.get_or_insert(path);
                continue;
            }
            Some(raw) => raw,
            None => continue,
        };
        if found > 0 {
            text.push_str(FIELD_SEPARATOR);
        }
        found += 1;
        json_string_into(raw, text).map_err(|kind| {
            fail(format!(
                "text field {:?} is {kind}, expected a string",
                path.as_str()
            ))
        })?;
    }
    if found == 0 {
        return Err(fail(match (spec.text.as_slice(), null) {
            ([_], Some(path)) => {
                format!(
                    "text field {:?} is null, expected a string",
                    path.as_str()
                )
            }
            ([path], None) => format!(
                "missing text field {:?}; use --text-field to choose \
                 another field",
                path.as_str()
            ),
            (paths, _) => format!(
                "none of the text fields {} is present (each is missing or \
                 null); use --text-field to choose other fields",
                paths
                    .iter()
                    .map(|p| format!("{:?}", p.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }));
    }
    let mut keep = Vec::with_capacity(spec.keep.len());
    for path in &spec.keep {
        if let Some(raw) = lookup(&top, path).map_err(fail)? {
            keep.push((path.as_str(), raw));
        }
    }
    Ok(Record { id, keep })
}

fn invalid_json(e: &serde_json::Error) -> String {
    format!("invalid JSON: {e}")
}

/// A JSON object's members, borrowed; with duplicate keys the last wins
/// (as in jq and Python).
struct Object<'a> {
    members: Vec<(Cow<'a, str>, &'a RawValue)>,
}

impl<'a> Object<'a> {
    fn parse(json: &'a str) -> Result<Object<'a>, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        let obj = de.deserialize_map(ObjectVisitor)?;
        de.end()?;
        Ok(obj)
    }

    fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

struct ObjectVisitor;

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Object<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<Object<'de>, A::Error> {
        let mut members = Vec::new();
        while let Some(Key(k)) = map.next_key()? {
            let v: &'de RawValue = map.next_value()?;
            members.push((k, v));
        }
        Ok(Object { members })
    }
}

struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(
                self,
                v: &'de str,
            ) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Follow a dotted path; `Ok(None)` when a member is absent, `Err` when an
/// intermediate value is not an object.
fn lookup<'a>(
    top: &Object<'a>,
    path: &FieldPath,
) -> Result<Option<&'a RawValue>, String> {
    let mut raw = match top.get(&path.parts[0]) {
        Some(raw) => raw,
        None => return Ok(None),
    };
    for (depth, part) in path.parts.iter().enumerate().skip(1) {
        let parent = path.parts[..depth].join(".");
        if !raw.get().starts_with('{') {
            return Err(format!(
                "field {parent:?} is {}, expected an object containing {part:?}",
                kind_of(raw)
            ));
        }
        let obj = Object::parse(raw.get()).map_err(|e| invalid_json(&e))?;
        raw = match obj.get(part) {
            Some(raw) => raw,
            None => return Ok(None),
        };
    }
    Ok(Some(raw))
}

/// Append a JSON string value, unescaped, to `out`. `raw` has been
/// through serde_json's validation (no raw control characters, well-formed
/// escapes), which leaves only the surrogate pairing of `\u` escapes to
/// check here. By hand rather than through serde_json's string parser,
/// which copied every article twice: this copies runs between escapes
/// straight into the reused buffer.
fn json_string_into(
    raw: &RawValue,
    out: &mut String,
) -> Result<(), &'static str> {
    let json = raw.get();
    if !json.starts_with('"') {
        return Err(kind_of(raw));
    }
    let invalid = "an invalid string";
    let inner = json[1..].strip_suffix('"').ok_or(invalid)?;
    let bytes = inner.as_bytes();
    let mut from = 0;
    while let Some(n) = memchr::memchr(b'\\', &bytes[from..]) {
        let at = from + n;
        out.push_str(&inner[from..at]);
        let code = *bytes.get(at + 1).ok_or(invalid)?;
        from = at + 2;
        let c = match code {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hex = |at: usize| {
                    inner
                        .get(at..at + 4)
                        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .ok_or(invalid)
                };
                let unit = hex(from)?;
                from += 4;
                let scalar = match unit {
                    0xD800..=0xDBFF => {
                        if bytes.get(from..from + 2) != Some(b"\\u") {
                            return Err(invalid);
                        }
                        let low = hex(from + 2)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(invalid);
                        }
                        from += 6;
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(invalid),
                    _ => unit,
                };
                char::from_u32(scalar).ok_or(invalid)?
            }
            _ => return Err(invalid),
        };
        out.push(c);
    }
    out.push_str(&inner[from..]);
    Ok(())
}

/// "a number", "null", "an array" … for messages.
pub fn kind_of(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// A compression format recognised by its magic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip (`1f 8b`).
    Gzip,
    /// Zstandard (`28 b5 2f fd`).
    Zstd,
}

/// Wrap a reader so gzip and zstd streams are decompressed transparently,
/// detected by magic bytes (so misnamed files and stdin work too).
pub fn decompress<'a, R: Read + 'a>(
    rdr: R,
) -> io::Result<(Compression, Box<dyn BufRead + 'a>)> {
    let mut rdr = BufReader::with_capacity(1 << 16, rdr);
    let head = rdr.fill_buf()?;
    let kind = if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    };
    Ok(match kind {
        Compression::None => (kind, Box::new(rdr)),
        Compression::Gzip => (
            kind,
            Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::bufread::MultiGzDecoder::new(rdr),
            )),
        ),
        Compression::Zstd => (
            kind,
            Box::new(BufReader::with_capacity(
                1 << 16,
                zstd::stream::read::Decoder::with_buffer(rdr)?,
            )),
        ),
    })
}

/// Decode a text article's bytes: UTF-8 (a BOM is kept and ignored by
/// matching), UTF-16 with a BOM, or, failing both, UTF-8 with invalid
/// sequences replaced by U+FFFD. Returns the text and, when it was not
/// clean UTF-8, a note saying what was done.
pub fn decode_text(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), None);
    }
    let utf16 = |le: bool| {
        let units = bytes[2..].chunks(2).map(|c| match c {
            [a, b] if le => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return (
            Cow::Owned(utf16(true)),
            Some("UTF-16LE text (byte order mark) was decoded; offsets refer to the decoded text".into()),
        );
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return (
            Cow::Owned(utf16(false)),
            Some("UTF-16BE text (byte order mark) was decoded; offsets refer to the decoded text".into()),
        );
    }
    let at = std::str::from_utf8(bytes).unwrap_err().valid_up_to();
    (
        String::from_utf8_lossy(bytes),
        Some(format!(
            "invalid UTF-8 at byte {at}; invalid bytes were replaced by \
             U+FFFD and offsets refer to the replaced text"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &[&str], id: &str, keep: &[&str]) -> RecordSpec {
        RecordSpec {
            text: text.iter().map(|t| FieldPath::parse(t).unwrap()).collect(),
            id: FieldPath::parse(id).unwrap(),
            keep: keep.iter().map(|t| FieldPath::parse(t).unwrap()).collect(),
        }
    }

    fn parse(
        line: &str,
        spec: &RecordSpec,
    ) -> Result<(Option<String>, String, Vec<String>), String> {
        let mut text = String::new();
        match parse_record(line, spec, &mut text) {
            Ok(r) => Ok((
                r.id.map(|v| v.get().to_string()),
                text,
                r.keep
                    .iter()
                    .map(|(k, v)| format!("{k}={}", v.get()))
                    .collect(),
            )),
            Err((_, e)) => Err(e),
        }
    }

    /// The hand-written unescaper agrees with serde_json on every escape,
    /// surrogate pairs, and the lone surrogates serde_json rejects.
    #[test]
    fn strings_unescape_like_serde_json() {
        let cases = [
            r#""plain""#,
            r#""""#,
            r#""a\"b\\c\/d\be\ff\ng\rh\ti""#,
            r#""\u00e9\u0041\u20ac""#,
            r#""x \ud83c\udf89 y""#,
            r#""\ud800""#,
            r#""\udc00 z""#,
            r#""\ud800\u0041""#,
            r#""\ud800\udbff""#,
            r#""é ü 🎉 \n""#,
            r#""end\\""#,
        ];
        for json in cases {
            let raw: Box<RawValue> = serde_json::from_str(json).unwrap();
            let mut ours = String::from("kept ");
            let got = json_string_into(&raw, &mut ours).map(|()| ours);
            let want = serde_json::from_str::<String>(json)
                .map(|s| format!("kept {s}"))
                .map_err(|_| "an invalid string");
            assert_eq!(got, want, "{json}");
        }
    }

    #[test]
    fn plain_record() {
        let s = RecordSpec::default();
        assert_eq!(
            parse(r#"{"id": 7, "text": "Iran\nIraq"}"#, &s).unwrap(),
            (Some("7".into()), "Iran\nIraq".into(), vec![])
        );
    }

    #[test]
    fn nested_fields_join_and_keep() {
        let s = spec(
            &["title", "article.body"],
            "meta.id",
            &["lang", "meta.src", "absent"],
        );
        let line = r#"{"title":"T","article":{"body":"B"},"meta":{"id":"x-1","src":{"a":1}},"lang":"en"}"#;
        assert_eq!(
            parse(line, &s).unwrap(),
            (
                Some("\"x-1\"".into()),
                "T\n\nB".into(),
                vec!["lang=\"en\"".into(), "meta.src={\"a\":1}".into()]
            )
        );
    }

    #[test]
    fn missing_or_null_text_fields_are_left_out() {
        let s = spec(&["title", "sub", "body"], "id", &[]);
        let got = |line: &str| parse(line, &s).map(|(_, text, _)| text);
        assert_eq!(got(r#"{"title":"T","body":"B"}"#).unwrap(), "T\n\nB");
        assert_eq!(
            got(r#"{"title":null,"sub":"S","body":"B"}"#).unwrap(),
            "S\n\nB"
        );
        assert_eq!(got(r#"{"body":"B","sub":null}"#).unwrap(), "B");
        // An empty string is there: it keeps its place in the join.
        assert_eq!(got(r#"{"title":"","body":"B"}"#).unwrap(), "\n\nB");
        assert_eq!(
            got(r#"{"title":null,"x":"B"}"#).unwrap_err(),
            "none of the text fields \"title\", \"sub\", \"body\" is \
             present (each is missing or null); use --text-field to choose \
             other fields"
        );
        // A wrong type is still an error, whatever the other fields hold.
        assert_eq!(
            got(r#"{"title":"T","body":5}"#).unwrap_err(),
            "text field \"body\" is a number, expected a string"
        );
    }

    #[test]
    fn duplicate_keys_last_wins() {
        let s = RecordSpec::default();
        assert_eq!(parse(r#"{"text":"a","text":"b"}"#, &s).unwrap().1, "b");
    }

    #[test]
    fn errors() {
        let s = RecordSpec::default();
        assert!(parse("{\"text\": ", &s)
            .unwrap_err()
            .starts_with("invalid JSON: EOF"));
        assert!(parse("[1]", &s)
            .unwrap_err()
            .starts_with("invalid JSON: invalid type: sequence"));
        assert_eq!(
            parse(r#"{"body":"x"}"#, &s).unwrap_err(),
            "missing text field \"text\"; use --text-field to choose another field"
        );
        for (v, kind) in [
            ("1", "a number"),
            ("null", "null"),
            ("[]", "an array"),
            ("{}", "an object"),
            ("true", "a boolean"),
        ] {
            assert_eq!(
                parse(&format!(r#"{{"text":{v}}}"#), &s).unwrap_err(),
                format!("text field \"text\" is {kind}, expected a string")
            );
        }
        let s = spec(&["a.b"], "id", &[]);
        assert_eq!(
            parse(r#"{"a":"x"}"#, &s).unwrap_err(),
            "field \"a\" is a string, expected an object containing \"b\""
        );
    }

    #[test]
    fn error_keeps_the_id() {
        let s = RecordSpec::default();
        let mut text = String::new();
        let (id, _) =
            parse_record(r#"{"id":"k","text":5}"#, &s, &mut text).unwrap_err();
        assert_eq!(id.unwrap().get(), "\"k\"");
    }

    #[test]
    fn deep_nesting_does_not_crash() {
        // Fields entx does not read are skipped without recursion, so even
        // a million nested arrays are fine; nesting in a field that must be
        // parsed (a dotted path) hits serde_json's recursion limit instead.
        let s = RecordSpec::default();
        for depth in [1000, 1_000_000] {
            let line = format!(
                "{{\"text\":\"a\",\"x\":{}{}}}",
                "[".repeat(depth),
                "]".repeat(depth)
            );
            assert_eq!(parse(&line, &s).unwrap().1, "a");
        }
        let s = spec(&["x.y"], "id", &[]);
        let line = format!(
            "{{\"x\":{}1{}}}",
            "{\"y\":".repeat(1000),
            "}".repeat(1000)
        );
        assert!(parse(&line, &s).unwrap_err().contains("expected a string"));
    }

    #[test]
    fn field_path_validation() {
        assert!(FieldPath::parse("a..b").is_err());
        assert!(FieldPath::parse("").is_err());
    }

    #[test]
    fn decodes_utf16_and_bad_utf8() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Iraq".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let (t, note) = decode_text(&le);
        assert_eq!(t, "Iraq");
        assert!(note.unwrap().starts_with("UTF-16LE"));
        let (t, note) = decode_text(b"caf\xe9");
        assert_eq!(t, "caf\u{fffd}");
        assert!(note.unwrap().starts_with("invalid UTF-8 at byte 3"));
    }
}
