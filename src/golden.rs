//! Annotated data and golden files: reading gold (and predicted) entity
//! spans in the formats `entx eval` accepts, pairing gold and predicted
//! documents, and showing spans in reports (`entx eval`, and the
//! snapshot diffs of `entx check` in [`crate::snapshot`]).
//!
//! # Gold formats
//!
//! All offsets are Unicode code points, half-open.
//!
//! * **jsonl**: one document a line, `{"id", "text", "entities": [{"start",
//!   "end", "type"}]}` (`label` is read for `type`; `entity` or `kb_id` as
//!   an entity id; `canonical` or `name` as a canonical name), as in
//!   `../shared/data/` and `../shared/gold/`.
//! * **entx**: entx's own output, spans under `"mentions"` (`entity` is the
//!   id, `name` the canonical name).
//! * **spacy**: `{"text", "entities": [[start, end, label], …]}` a line, or
//!   one JSON array of such objects or of spaCy v2 training pairs
//!   `[text, {"entities": [[start, end, label], …]}]`.
//! * **conll**: CoNLL column files: the token in the first column, the tag
//!   in the last; a blank line ends a sentence and `-DOCSTART-` starts a
//!   document (a file without it is one document). Tags are IOB1 or IOB2
//!   (`I-X` after anything but `B-X`/`I-X` starts an entity, `B-X` always
//!   does), IOBES/BILOU are read too. The text is rebuilt as the tokens
//!   joined by single spaces and the sentences by newlines, as in
//!   `../shared/data/conll2003/`; documents are named `FILE:LINE` after the
//!   line where they start.
//!
//! [`Format::Auto`] picks CoNLL for `.conll`, `.iob*`, `.bio*` and CoNLL
//! split names (`eng.testa`), JSON when the content starts with `{` or `[`,
//! and CoNLL otherwise; for JSON it reads `"mentions"` when a record has
//! them and `"entities"` otherwise, each element an object or an array.

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

use crate::metrics::Labeled;

/// How to read a gold or prediction file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// By extension and content.
    Auto,
    /// JSON, spans under `"entities"` as objects.
    Jsonl,
    /// JSON, spans under `"mentions"` (entx output).
    Entx,
    /// JSON, spans under `"entities"` as `[start, end, label]`.
    Spacy,
    /// CoNLL columns, IOB1 or IOB2.
    Conll,
}

/// One annotated document.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The `"id"` value (`null` when absent); `"FILE:LINE"` for CoNLL.
    pub id: Value,
    /// The text, when the file has it.
    pub text: Option<String>,
    /// The spans, in file order.
    pub spans: Vec<Labeled>,
    /// The line the document starts on (1-based).
    pub line: u64,
}

impl Document {
    /// The id for messages: a string as is, other JSON as JSON.
    pub fn display_id(&self) -> String {
        display_id(&self.id)
    }
}

/// A string id as is, other JSON values as JSON.
pub fn display_id(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A problem with a gold or prediction file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The file, as named.
    pub path: String,
    /// The 1-based line, when one is to blame.
    pub line: Option<u64>,
    /// What was expected and what was found.
    pub msg: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.msg),
            None => write!(f, "{}: {}", self.path, self.msg),
        }
    }
}

impl std::error::Error for ReadError {}

/// Read the documents of a file's content. `name` is used for messages,
/// CoNLL document ids, and format detection by extension.
pub fn read_documents(
    name: &str,
    content: &str,
    format: Format,
) -> Result<Vec<Document>, ReadError> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let format = match format {
        Format::Auto => detect(name, content),
        f => f,
    };
    match format {
        Format::Conll => parse_conll(name, content),
        json => parse_json(name, content, json),
    }
}

/// [`Format::Conll`] or [`Format::Auto`] (JSON, shape chosen per record).
pub fn detect(name: &str, content: &str) -> Format {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let base = base
        .strip_suffix(".gz")
        .or_else(|| base.strip_suffix(".zst"))
        .unwrap_or(base);
    let ext = base.rsplit_once('.').map_or("", |(_, e)| e);
    let conll_ext = matches!(
        ext.to_ascii_lowercase().as_str(),
        "conll"
            | "conll03"
            | "iob"
            | "iob1"
            | "iob2"
            | "bio"
            | "bioes"
            | "testa"
            | "testb"
            | "train"
    );
    if conll_ext {
        return Format::Conll;
    }
    match content.trim_start().chars().next() {
        Some('{' | '[') | None => Format::Auto,
        Some(_) => Format::Conll,
    }
}

fn parse_json(
    name: &str,
    content: &str,
    format: Format,
) -> Result<Vec<Document>, ReadError> {
    let err = |line: Option<u64>, msg: String| ReadError {
        path: name.to_string(),
        line,
        msg,
    };
    if content.trim_start().starts_with('[') {
        let values: Vec<Value> = serde_json::from_str(content)
            .map_err(|e| err(Some(e.line() as u64), invalid_json(&e)))?;
        return values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                array_record(v)
                    .and_then(|record| record_document(&record, format, 0))
                    .map_err(|msg| {
                        err(None, format!("element {}: {msg}", i + 1))
                    })
            })
            .collect();
    }
    let mut docs = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let no = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line)
            .map_err(|e| err(Some(no), invalid_json(&e)))?;
        docs.push(
            record_document(&value, format, no)
                .map_err(|msg| err(Some(no), msg))?,
        );
    }
    Ok(docs)
}

/// An element of a JSON array file as a record: an object as is, or a
/// spaCy v2 training pair `[text, {"entities": …}]` as `{"text", …}`.
fn array_record(v: &Value) -> Result<Value, String> {
    match v {
        Value::Array(pair) if pair.len() == 2 => {
            let mut obj = pair[1].as_object().cloned().ok_or_else(|| {
                "expected [text, {\"entities\": …}]".to_string()
            })?;
            obj.insert("text".into(), pair[0].clone());
            Ok(Value::Object(obj))
        }
        other => Ok(other.clone()),
    }
}

/// serde_json's message without its " at line L column C" suffix, which
/// the caller reports its own way.
pub(crate) fn invalid_json(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => &msg,
    };
    format!("invalid JSON: {msg}")
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn record_document(
    value: &Value,
    format: Format,
    line: u64,
) -> Result<Document, String> {
    let obj = value.as_object().ok_or_else(|| {
        format!("expected a JSON object, found {}", kind_of(value))
    })?;
    if let (Some(Value::String(error)), None) =
        (obj.get("error"), obj.get("mentions"))
    {
        return Err(format!(
            "an error record ({error:?}), not an annotated document"
        ));
    }
    let text = match obj.get("text") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(v) => {
            return Err(format!(
                "\"text\" is {}, expected a string",
                kind_of(v)
            ))
        }
    };
    let key = match format {
        Format::Entx => Some("mentions"),
        Format::Jsonl | Format::Spacy => Some("entities"),
        _ if obj.get("mentions").is_some_and(Value::is_array) => {
            Some("mentions")
        }
        _ if obj.contains_key("entities") => Some("entities"),
        _ => None,
    };
    let mut spans = Vec::new();
    if let Some(key) = key {
        let items = match obj.get(key) {
            Some(Value::Array(items)) => items.as_slice(),
            None if format == Format::Auto => &[],
            None => return Err(format!("missing {key:?}")),
            Some(v) => {
                return Err(format!(
                    "{key:?} is {}, expected an array",
                    kind_of(v)
                ))
            }
        };
        for (i, item) in items.iter().enumerate() {
            let span = labeled(item)
                .map_err(|msg| format!("{key:?} element {}: {msg}", i + 1))?;
            spans.push(span);
        }
    }
    if let Some(text) = &text {
        let len = text.chars().count();
        if let Some(s) = spans.iter().find(|s| s.end > len) {
            return Err(format!(
                "span {}..{} ends beyond the text ({len} code points); \
                 offsets must be Unicode code points",
                s.start, s.end
            ));
        }
    }
    let id = obj.get("id").cloned().unwrap_or(Value::Null);
    Ok(Document { id, text, spans, line })
}

/// A span from `{"start", "end", "type"}` or `[start, end, label]`.
fn labeled(item: &Value) -> Result<Labeled, String> {
    let offset = |v: Option<&Value>, what: &str| -> Result<usize, String> {
        match v {
            Some(v) => v.as_u64().map(|n| n as usize).ok_or_else(|| {
                format!("{what:?} is {v}, expected a non-negative integer")
            }),
            None => Err(format!("missing {what:?}")),
        }
    };
    let string =
        |v: Option<&Value>| v.and_then(Value::as_str).map(String::from);
    let span = match item {
        Value::Object(m) => Labeled {
            start: offset(m.get("start"), "start")?,
            end: offset(m.get("end"), "end")?,
            kind: string(m.get("type").or_else(|| m.get("label")))
                .ok_or("missing \"type\" (a string)")?,
            entity: string(m.get("entity").or_else(|| m.get("kb_id"))),
            name: string(m.get("canonical").or_else(|| m.get("name"))),
        },
        Value::Array(a) if a.len() >= 3 => Labeled {
            start: offset(a.first(), "start")?,
            end: offset(a.get(1), "end")?,
            kind: string(a.get(2))
                .ok_or("the label (third item) is not a string")?,
            entity: string(a.get(3)),
            name: None,
        },
        other => {
            return Err(format!(
                "expected {{\"start\", \"end\", \"type\"}} or [start, end, \
                 label], found {}",
                kind_of(other)
            ))
        }
    };
    if span.start > span.end {
        return Err(format!("start {} is after end {}", span.start, span.end));
    }
    Ok(span)
}

/// Read a CoNLL column file (IOB1 or IOB2; IOBES/BILOU also work).
pub fn parse_conll(
    name: &str,
    content: &str,
) -> Result<Vec<Document>, ReadError> {
    let mut docs = Vec::new();
    let mut doc = ConllDoc::new(name, 1);
    for (i, line) in content.lines().enumerate() {
        let no = i as u64 + 1;
        // What `entx extract --format conll` writes for a record it could
        // not process; `error:` is no tag, so no CoNLL line looks like it.
        if line.starts_with("# error: ") {
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            doc.finish(&mut docs);
            doc = ConllDoc::new(name, no);
            continue;
        }
        let mut cols = line.split_whitespace();
        let Some(token) = cols.next() else {
            doc.close();
            doc.in_sentence = false;
            continue;
        };
        let Some(tag) = cols.last() else {
            return Err(ReadError {
                path: name.to_string(),
                line: Some(no),
                msg: format!(
                    "expected a token and a tag separated by whitespace, \
                     found only {token:?}"
                ),
            });
        };
        doc.token(token, tag).map_err(|msg| ReadError {
            path: name.to_string(),
            line: Some(no),
            msg,
        })?;
    }
    doc.finish(&mut docs);
    Ok(docs)
}

/// A CoNLL document being rebuilt.
struct ConllDoc {
    id: String,
    line: u64,
    text: String,
    /// Length of `text` in code points.
    chars: usize,
    spans: Vec<Labeled>,
    /// The entity being read: type, start, end so far.
    open: Option<(String, usize, usize)>,
    in_sentence: bool,
}

impl ConllDoc {
    fn new(name: &str, line: u64) -> ConllDoc {
        ConllDoc {
            id: format!("{name}:{line}"),
            line,
            text: String::new(),
            chars: 0,
            spans: Vec::new(),
            open: None,
            in_sentence: false,
        }
    }

    fn close(&mut self) {
        if let Some((kind, start, end)) = self.open.take() {
            self.spans.push(Labeled {
                start,
                end,
                kind,
                ..Labeled::default()
            });
        }
    }

    fn token(&mut self, token: &str, tag: &str) -> Result<(), String> {
        if self.in_sentence {
            self.text.push(' ');
            self.chars += 1;
        } else if !self.text.is_empty() {
            self.text.push('\n');
            self.chars += 1;
        }
        self.in_sentence = true;
        let start = self.chars;
        self.text.push_str(token);
        self.chars += token.chars().count();
        let end = self.chars;
        if tag == "O" {
            self.close();
            return Ok(());
        }
        let (prefix, kind) = tag
            .split_once('-')
            .filter(|(p, k)| p.len() == 1 && !k.is_empty())
            .ok_or_else(|| {
                format!(
                    "unknown tag {tag:?}: expected O, B-TYPE or I-TYPE \
                     (IOB1 or IOB2)"
                )
            })?;
        let continues = self.open.as_ref().is_some_and(|o| o.0 == kind);
        match prefix {
            "I" | "E" | "L" if continues => {
                if let Some(open) = &mut self.open {
                    open.2 = end;
                }
            }
            "B" | "I" | "E" | "L" | "S" | "U" => {
                self.close();
                self.open = Some((kind.to_string(), start, end));
            }
            _ => {
                return Err(format!(
                    "unknown tag {tag:?}: expected O, B-TYPE or I-TYPE \
                     (IOB1 or IOB2)"
                ))
            }
        }
        if matches!(prefix, "E" | "L" | "S" | "U") {
            self.close();
        }
        Ok(())
    }

    fn finish(mut self, docs: &mut Vec<Document>) {
        self.close();
        if self.text.is_empty() {
            return;
        }
        docs.push(Document {
            id: Value::String(self.id),
            text: Some(self.text),
            spans: self.spans,
            line: self.line,
        });
    }
}

/// For each gold document, the index of its predicted document: the one at
/// the same position, unless the gold id is the id of some prediction and
/// the one at the same position has another id (score.py's rule; with
/// repeated ids the last wins). The counts must be equal.
pub fn pair_documents(
    gold: &[Document],
    pred: &[Document],
) -> Result<Vec<usize>, String> {
    if gold.len() != pred.len() {
        return Err(format!(
            "document count differs: the gold file has {}, the predictions \
             have {}",
            gold.len(),
            pred.len()
        ));
    }
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (i, p) in pred.iter().enumerate() {
        by_id.insert(p.id.to_string(), i);
    }
    Ok(gold
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let gid = g.id.to_string();
            match by_id.get(&gid) {
                Some(&j) if pred[i].id != g.id => j,
                _ => i,
            }
        })
        .collect())
}

/// The text around a span, for reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// Up to the given width of code points before the span, `…` first
    /// when cut.
    pub before: String,
    /// The span.
    pub inside: String,
    /// Up to the given width of code points after it, `…` last when cut.
    pub after: String,
}

/// Up to `width` code points of context either side of the code-point
/// span `start..end`, each part [`sanitize`]d onto one line; `None` when
/// the span is not within the text.
pub fn snippet(
    text: &str,
    start: usize,
    end: usize,
    width: usize,
) -> Option<Snippet> {
    if start > end {
        return None;
    }
    let byte = |n: usize| {
        text.char_indices().map(|(i, _)| i).chain([text.len()]).nth(n)
    };
    let (bs, be) = (byte(start)?, byte(end)?);
    let from = byte(start.saturating_sub(width)).expect("before start");
    let to = byte(end + width).unwrap_or(text.len());
    let cut_left = if from > 0 { "…" } else { "" };
    let cut_right = if to < text.len() { "…" } else { "" };
    Some(Snippet {
        before: format!("{cut_left}{}", sanitize(&text[from..bs])),
        inside: sanitize(&text[bs..be]),
        after: format!("{}{cut_right}", sanitize(&text[be..to])),
    })
}

/// Text made safe for one line of a terminal or CI log: `\n`, `\r` and
/// `\t` written as escapes, other control, bidi and zero-width characters
/// as `\u{…}`.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Bidi controls and zero-width characters, which can reorder or hide
/// text on a terminal.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spans(doc: &Document) -> Vec<(usize, usize, &str)> {
        doc.spans.iter().map(|s| (s.start, s.end, s.kind.as_str())).collect()
    }

    // "Phil Simmons" is a PER, then two adjacent ORGs "Kent" and
    // "Surrey" (IOB1 marks the second with B-), then "LONDON".
    const IOB1: &str = "\
-DOCSTART- -X- O O

Phil NNP I-NP I-PER
Simmons NNP I-NP I-PER
beat VBD I-VP O
Kent NNP I-NP I-ORG
Surrey NNP I-NP B-ORG
.	.	O	O

LONDON NNP I-NP I-LOC
";

    const IOB2: &str = "\
-DOCSTART- -X- O O

Phil NNP B-NP B-PER
Simmons NNP I-NP I-PER
beat VBD B-VP O
Kent NNP B-NP B-ORG
Surrey NNP I-NP B-ORG
.	.	O	O

LONDON NNP B-NP B-LOC
";

    #[test]
    fn conll_iob1_and_iob2_decode_alike() {
        // Text: "Phil Simmons beat Kent Surrey .\nLONDON"
        //        0    5       13   18   23     30  32
        let want = [
            (0, 12, "PER"),
            (18, 22, "ORG"),
            (23, 29, "ORG"),
            (32, 38, "LOC"),
        ];
        for src in [IOB1, IOB2] {
            let docs = parse_conll("t.conll", src).unwrap();
            assert_eq!(docs.len(), 1);
            let text = docs[0].text.as_deref().unwrap();
            assert_eq!(text, "Phil Simmons beat Kent Surrey .\nLONDON");
            assert_eq!(spans(&docs[0]), want);
            assert_eq!(docs[0].id, json!("t.conll:1"));
        }
    }

    #[test]
    fn conll_documents_sentences_and_unicode() {
        let src = "\
-DOCSTART- O

Zürich I-LOC
is O

Kraków B-LOC
Nowa I-ORG
-DOCSTART- O
Huta B-ORG
";
        let docs = parse_conll("x", src).unwrap();
        assert_eq!(docs.len(), 2);
        // "Zürich is\nKraków Nowa": an entity ends at a type change.
        assert_eq!(docs[0].text.as_deref(), Some("Zürich is\nKraków Nowa"));
        assert_eq!(
            spans(&docs[0]),
            [(0, 6, "LOC"), (10, 16, "LOC"), (17, 21, "ORG")]
        );
        assert_eq!((docs[1].id.as_str(), docs[1].line), (Some("x:8"), 8));
        assert_eq!(spans(&docs[1]), [(0, 4, "ORG")]);
    }

    #[test]
    fn conll_iobes_and_errors() {
        let docs =
            parse_conll("x", "a S-PER\nb B-ORG\nc E-ORG\nd I-ORG\n").unwrap();
        assert_eq!(
            spans(&docs[0]),
            [(0, 1, "PER"), (2, 5, "ORG"), (6, 7, "ORG")]
        );
        let err = parse_conll("x", "a O\nb PER\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x:2: unknown tag \"PER\": expected O, B-TYPE or I-TYPE (IOB1 or \
             IOB2)"
        );
        let err = parse_conll("x", "\nlonely\n").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("x:2: expected a token and a tag"));
    }

    #[test]
    fn json_shapes() {
        let src = r#"{"id": "a", "text": "Iraq and Iran", "entities": [{"start": 0, "end": 4, "type": "LOC", "canonical": "Iraq"}]}
{"id": "b", "text": "Iraq", "entities": [[0, 4, "GPE"]]}

{"id": "c", "mentions": [{"start": 9, "end": 13, "type": "LOC", "entity": "iran", "name": "Iran"}], "entities": [{"entity": "iran"}]}
{"id": "d", "text": "no annotations"}
"#;
        let docs = read_documents("g.jsonl", src, Format::Auto).unwrap();
        assert_eq!(docs.len(), 4);
        assert_eq!(docs[0].spans[0].name.as_deref(), Some("Iraq"));
        assert_eq!(spans(&docs[1]), [(0, 4, "GPE")]);
        assert_eq!(docs[2].spans[0].entity.as_deref(), Some("iran"));
        assert_eq!(docs[2].line, 4);
        assert!(docs[3].spans.is_empty());
        // spaCy v2 training pairs in one JSON array.
        let src = r#"[["Iraq", {"entities": [[0, 4, "GPE"]]}]]"#;
        let docs = read_documents("train.json", src, Format::Auto).unwrap();
        assert_eq!(spans(&docs[0]), [(0, 4, "GPE")]);
        assert_eq!(docs[0].text.as_deref(), Some("Iraq"));
    }

    #[test]
    fn json_errors_name_the_line() {
        let bad = |src: &str| {
            read_documents("g.jsonl", src, Format::Auto)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            bad("{}\n{\"text\": \"ab\", \"entities\": [[0, 9, \"X\"]]}"),
            "g.jsonl:2: span 0..9 ends beyond the text (2 code points); \
             offsets must be Unicode code points"
        );
        assert_eq!(
            bad("{\"entities\": [{\"start\": 0, \"end\": 1}]}"),
            "g.jsonl:1: \"entities\" element 1: missing \"type\" (a string)"
        );
        assert!(bad("{\"x\": ").starts_with("g.jsonl:1: invalid JSON: "));
        assert_eq!(
            bad("{\"id\": 1, \"error\": \"boom\", \"line\": 3}"),
            "g.jsonl:1: an error record (\"boom\"), not an annotated document"
        );
    }

    #[test]
    fn detection() {
        assert_eq!(detect("eng.testa", "{"), Format::Conll);
        assert_eq!(detect("dir/x.conll.gz", ""), Format::Conll);
        assert_eq!(detect("x.jsonl", " {\"a\": 1}"), Format::Auto);
        assert_eq!(detect("x.txt", "-DOCSTART- O\n"), Format::Conll);
    }

    #[test]
    fn pairing_by_order_then_id() {
        let doc =
            |id: Value| Document { id, text: None, spans: vec![], line: 1 };
        let gold = [doc(json!("a")), doc(json!("b")), doc(json!("x"))];
        let pred = [doc(json!("b")), doc(json!("a")), doc(json!("y"))];
        assert_eq!(pair_documents(&gold, &pred).unwrap(), [1, 0, 2]);
        assert!(pair_documents(&gold, &pred[..2])
            .unwrap_err()
            .starts_with("document count differs"));
    }

    #[test]
    fn snippets() {
        let text = "An Iranian woman\nwalks past Soleimani";
        let s = snippet(text, 3, 10, 5).unwrap();
        assert_eq!(
            (s.before.as_str(), s.inside.as_str(), s.after.as_str()),
            ("An ", "Iranian", " woma…")
        );
        let s = snippet(text, 28, 37, 12).unwrap();
        assert_eq!(s.before, "…\\nwalks past ");
        assert_eq!(s.after, "");
        assert!(snippet(text, 30, 99, 3).is_none());
        assert_eq!(sanitize("a\u{202e}b\u{7}"), "a\\u{202e}b\\u{7}");
    }
}
