//! Golden snapshots for `entx check`: the expected-file format, made so
//! that an edit to an article changes few lines of its expected file, and
//! the diff that lines expected and current mentions up by content, so
//! that a mention whose offsets moved is reported as moved, not as one
//! missing and one unexpected mention.
//!
//! # The expected file
//!
//! A stream of JSON documents, one per article (a JSONL fixture has one
//! per record), each the document `entx extract` prints with two changes:
//!
//! * a mention's `start`, `end`, `byte_start` and `byte_end` are replaced
//!   by `"at": "LINE:COL"`, the 1-based line of the article it starts on
//!   and its code-point column there (0-based); its end follows from its
//!   `"text"`, and the byte offsets from the article. An entity's `first`
//!   is written the same way. Inserting words shifts the columns of the
//!   mentions on that line only, where absolute offsets would shift every
//!   later mention.
//! * one mention (and one entity) per line, so a changed mention is one
//!   changed line in `git diff`.
//!
//! The conversion is checked, not assumed: a mention whose `text` is not
//! the article's text at its offsets, or whose byte offsets do not match,
//! keeps its offsets as they are, so the difference still shows.
//!
//! Expected files in the older format (`entx extract --pretty` output,
//! absolute offsets) are still read and compared as they are.
//!
//! # The diff
//!
//! Documents are paired by `"id"` (the k-th document with an id with the
//! k-th current one with that id), so a record inserted into a JSONL
//! fixture is one new document. Within a document, mentions are aligned by
//! a longest common subsequence over (text, type, entity); an aligned pair
//! at another position is *moved*, an unaligned expected and current
//! mention at the same position is *changed*, and the rest are missing or
//! unexpected.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::fmt;

use serde_json::{Map, Value};

use crate::golden::{display_id, invalid_json, ReadError};

/// A mention's offset fields, which `"at"` replaces.
const OFFSET_FIELDS: [&str; 4] = ["start", "end", "byte_start", "byte_end"];

/// Key order in a written snapshot; other keys follow, sorted.
const DOCUMENT_KEYS: &[&str] = &["id"];
const DOCUMENT_LAST: &[&str] = &["mentions", "entities"];
const MENTION_KEYS: &[&str] = &[
    "at",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "text",
    "type",
    "entity",
    "name",
    "via",
];
const ENTITY_KEYS: &[&str] = &["entity", "name", "type", "count", "first"];

/// Past this many cells, mention lists are aligned greedily instead of by
/// a longest common subsequence (a table of `u32` of this size is 64 MB).
const MAX_LCS_CELLS: usize = 16 << 20;

/// Where the lines of a text start, and where each code point is, so
/// offsets can be turned into `LINE:COL` and back.
pub struct Lines<'a> {
    text: &'a str,
    /// Code-point offset of each line's first character.
    starts: Vec<usize>,
    /// Byte offset of each code point, and the text's length last.
    bytes: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// Index a text.
    pub fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        let mut bytes = Vec::with_capacity(text.len() + 1);
        for (i, (b, c)) in text.char_indices().enumerate() {
            bytes.push(b);
            if c == '\n' {
                starts.push(i + 1);
            }
        }
        bytes.push(text.len());
        Lines { text, starts, bytes }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The 1-based line and 0-based column of a code-point offset.
    fn line_col(&self, offset: usize) -> Option<(usize, usize)> {
        if offset >= self.bytes.len() {
            return None;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        Some((line, offset - self.starts[line - 1]))
    }

    /// The code-point offset of a 1-based line and a column in it.
    fn offset(&self, line: u64, col: u64) -> Option<usize> {
        let line = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *self.starts.get(line)?;
        // Up to the line's newline: a column past it is on the next line.
        let end = self.starts.get(line + 1).map_or(self.len(), |s| s - 1);
        let at = start.checked_add(usize::try_from(col).ok()?)?;
        (at <= end).then_some(at)
    }

    /// Length in code points.
    fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// The byte offset of a code-point offset.
    fn byte(&self, offset: usize) -> Option<usize> {
        self.bytes.get(offset).copied()
    }

    /// The text between two code-point offsets.
    fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        let (bs, be) = (self.byte(start)?, self.byte(end)?);
        self.text.get(bs..be)
    }
}

/// An extract output document in snapshot form (see the module docs),
/// given the text it was extracted from.
pub fn to_snapshot(doc: &Value, text: &str) -> Value {
    let Some(obj) = doc.as_object() else { return doc.clone() };
    let lines = Lines::new(text);
    let mut out = obj.clone();
    if let Some(Value::Array(ms)) = obj.get("mentions") {
        let ms = ms.iter().map(|m| mention_at(m, &lines)).collect();
        out.insert("mentions".into(), Value::Array(ms));
    }
    if let Some(Value::Array(es)) = obj.get("entities") {
        let es = es.iter().map(|e| entity_at(e, &lines)).collect();
        out.insert("entities".into(), Value::Array(es));
    }
    Value::Object(out)
}

fn mention_at(m: &Value, lines: &Lines<'_>) -> Value {
    let Some(obj) = m.as_object() else { return m.clone() };
    let n = |k: &str| {
        obj.get(k)
            .and_then(Value::as_u64)
            .and_then(|v| usize::try_from(v).ok())
    };
    let (Some(s), Some(e), Some(bs), Some(be)) =
        (n("start"), n("end"), n("byte_start"), n("byte_end"))
    else {
        return m.clone();
    };
    let text = obj.get("text").and_then(Value::as_str);
    let consistent = s <= e
        && text.is_some()
        && lines.slice(s, e) == text
        && lines.byte(s) == Some(bs)
        && lines.byte(e) == Some(be);
    let Some((line, col)) = lines.line_col(s).filter(|_| consistent) else {
        return m.clone();
    };
    let mut out = obj.clone();
    for k in OFFSET_FIELDS {
        out.remove(k);
    }
    out.insert("at".into(), Value::String(format!("{line}:{col}")));
    Value::Object(out)
}

fn entity_at(e: &Value, lines: &Lines<'_>) -> Value {
    let first = e.get("first").and_then(Value::as_u64);
    let at = first
        .and_then(|f| usize::try_from(f).ok())
        .and_then(|f| lines.line_col(f));
    match (e.as_object(), at) {
        (Some(obj), Some((line, col))) => {
            let mut out = obj.clone();
            out.insert("first".into(), Value::String(format!("{line}:{col}")));
            Value::Object(out)
        }
        _ => e.clone(),
    }
}

/// Whether an expected document is in the older format (absolute
/// offsets), to be compared with the output as it is.
pub fn is_legacy(doc: &Value) -> bool {
    let mentions = mention_list(doc).unwrap_or(&[]);
    let entities = doc.get("entities").and_then(Value::as_array);
    !mentions.iter().any(|m| m.get("at").is_some())
        && (mentions.iter().any(|m| m.get("start").is_some())
            || entities.is_some_and(|es| {
                es.iter().any(|e| e.get("first").is_some_and(Value::is_u64))
            }))
}

/// The expected-file bytes for extract output documents and their texts
/// (the same number of each).
pub fn write(docs: &[Value], texts: &[String]) -> String {
    let mut out = String::new();
    for (doc, text) in docs.iter().zip(texts) {
        write_document(&mut out, &to_snapshot(doc, text));
    }
    out
}

fn write_document(out: &mut String, doc: &Value) {
    let Some(obj) = doc.as_object() else {
        write_compact(out, doc, &[]);
        out.push('\n');
        return;
    };
    let mut keys: Vec<&String> = Vec::new();
    keys.extend(
        DOCUMENT_KEYS
            .iter()
            .filter_map(|k| obj.get_key_value(*k).map(|kv| kv.0)),
    );
    keys.extend(
        obj.keys()
            .filter(|k| !DOCUMENT_KEYS.contains(&k.as_str()))
            .filter(|k| !DOCUMENT_LAST.contains(&k.as_str())),
    );
    keys.extend(
        DOCUMENT_LAST
            .iter()
            .filter_map(|k| obj.get_key_value(*k).map(|kv| kv.0)),
    );
    out.push_str("{\n");
    for (i, key) in keys.iter().enumerate() {
        out.push_str("  ");
        write_compact(out, &Value::String(key.to_string()), &[]);
        out.push_str(": ");
        let order = match key.as_str() {
            "mentions" => MENTION_KEYS,
            "entities" => ENTITY_KEYS,
            _ => &[],
        };
        match &obj[key.as_str()] {
            Value::Array(items) if !items.is_empty() => {
                out.push_str("[\n");
                for (j, item) in items.iter().enumerate() {
                    out.push_str("    ");
                    write_compact(out, item, order);
                    out.push_str(if j + 1 < items.len() {
                        ",\n"
                    } else {
                        "\n"
                    });
                }
                out.push_str("  ]");
            }
            v => write_compact(out, v, &[]),
        }
        out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
    }
    out.push_str("}\n");
}

/// JSON on one line with a space after `:` and `,`, an object's keys in
/// `order` first and the rest sorted.
fn write_compact(out: &mut String, v: &Value, order: &[&str]) {
    match v {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_compact(out, item, &[]);
            }
            out.push(']');
        }
        Value::Object(obj) => {
            let first =
                order.iter().filter(|k| obj.contains_key(**k)).copied();
            let rest =
                obj.keys().map(String::as_str).filter(|k| !order.contains(k));
            out.push('{');
            for (i, k) in first.chain(rest).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_compact(out, &Value::String(k.to_string()), &[]);
                out.push_str(": ");
                write_compact(out, &obj[k], &[]);
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Parse the documents of an expected file (or of extract output): a
/// stream of JSON values, or one JSON array of them.
pub fn parse(name: &str, text: &str) -> Result<Vec<Value>, ReadError> {
    let err = |e: serde_json::Error| ReadError {
        path: name.to_string(),
        line: Some(e.line() as u64),
        msg: invalid_json(&e),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('[') {
        return serde_json::from_str(text).map_err(err);
    }
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .map_err(err)
}

/// Where a mention is, as its expected file or the output says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Position {
    /// `"at": "LINE:COL"` (snapshot format).
    LineCol {
        /// 1-based line.
        line: u64,
        /// 0-based code-point column.
        col: u64,
    },
    /// `start..end` in code points (older format).
    Span {
        /// Code-point start.
        start: u64,
        /// Code-point end.
        end: u64,
    },
    /// Neither could be read.
    Unknown,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::LineCol { line, col } => write!(f, "{line}:{col}"),
            Position::Span { start, end } => write!(f, "{start}..{end}"),
            Position::Unknown => f.write_str("?"),
        }
    }
}

/// The fields of a mention shown in a diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionInfo {
    /// Where it is.
    pub position: Position,
    /// `"type"`.
    pub kind: String,
    /// `"entity"`.
    pub entity: String,
    /// `"text"`.
    pub text: String,
}

impl MentionInfo {
    fn of(v: &Value) -> MentionInfo {
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("");
        let n = |k: &str| v.get(k).and_then(Value::as_u64);
        let at = s("at").split_once(':').and_then(|(l, c)| {
            Some(Position::LineCol {
                line: l.parse().ok()?,
                col: c.parse().ok()?,
            })
        });
        let span = || match (n("start"), n("end")) {
            (Some(start), Some(end)) => Position::Span { start, end },
            _ => Position::Unknown,
        };
        MentionInfo {
            position: at.unwrap_or_else(span),
            kind: s("type").to_string(),
            entity: s("entity").to_string(),
            text: s("text").to_string(),
        }
    }

    /// The mention's code-point span in a text, if the text there reads
    /// the mention's own text: the current article for a current mention,
    /// and for an expected one only where that part of the article has
    /// not changed (the text an expected file was made from is not kept).
    pub fn span_in(&self, lines: &Lines<'_>) -> Option<(usize, usize)> {
        let start = match self.position {
            Position::LineCol { line, col } => lines.offset(line, col)?,
            Position::Span { start, .. } => usize::try_from(start).ok()?,
            Position::Unknown => return None,
        };
        let end = start.checked_add(self.text.chars().count())?;
        (lines.slice(start, end)? == self.text).then_some((start, end))
    }
}

/// A field whose value differs; `None` where it is absent.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    /// The field's name.
    pub field: String,
    /// The expected value.
    pub expected: Option<Value>,
    /// The value found now.
    pub actual: Option<Value>,
}

/// How one mention differs between expected and current output.
#[derive(Clone, Debug, PartialEq)]
pub enum MentionChange {
    /// Expected, no longer found.
    Missing(MentionInfo),
    /// Found, not expected.
    Unexpected(MentionInfo),
    /// The same text, type and entity, at another position (other fields
    /// may differ too).
    Moved {
        /// The expected mention.
        expected: MentionInfo,
        /// The current one.
        actual: MentionInfo,
        /// Fields other than the position that differ.
        fields: Vec<FieldChange>,
    },
    /// At the same position with other values.
    Changed {
        /// The expected mention.
        expected: MentionInfo,
        /// The current one.
        actual: MentionInfo,
        /// What differs, by field name.
        fields: Vec<FieldChange>,
    },
}

/// How one document differs.
#[derive(Clone, Debug, PartialEq)]
pub enum DocumentChange {
    /// Expected, not in the output.
    Missing,
    /// In the output, not expected.
    Unexpected,
    /// In both, with differences.
    Changed {
        /// Mention-level changes, in document order.
        mentions: Vec<MentionChange>,
        /// Other top-level fields that differ (`"entities"` only when the
        /// mentions are the same, since it follows from them).
        fields: Vec<FieldChange>,
    },
}

/// A document that differs.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentDiff {
    /// Position in the output (0-based), or in the expected file for a
    /// missing document.
    pub index: usize,
    /// The document's id, for display.
    pub id: String,
    /// What differs.
    pub change: DocumentChange,
}

/// Compare an expected file's documents with the current extract output
/// (one text per output document), documents paired by id; empty when
/// they agree. Each expected document in the older format is compared
/// with the output as it is, the others with its snapshot form.
pub fn compare(
    expected: &[Value],
    actual: &[Value],
    texts: &[String],
) -> Vec<DocumentDiff> {
    let id_key = |v: &Value| v.get("id").unwrap_or(&Value::Null).to_string();
    let mut by_id: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (j, a) in actual.iter().enumerate() {
        by_id.entry(id_key(a)).or_default().push_back(j);
    }
    let mut pair = vec![None; actual.len()];
    let mut missing = Vec::new();
    for (i, e) in expected.iter().enumerate() {
        match by_id.get_mut(&id_key(e)).and_then(VecDeque::pop_front) {
            Some(j) => pair[j] = Some(i),
            None => missing.push(i),
        }
    }
    let id_of = |v: &Value| display_id(v.get("id").unwrap_or(&Value::Null));
    let mut diffs = Vec::new();
    for (j, a) in actual.iter().enumerate() {
        let Some(i) = pair[j] else {
            let change = DocumentChange::Unexpected;
            diffs.push(DocumentDiff { index: j, id: id_of(a), change });
            continue;
        };
        let e = &expected[i];
        let a = if is_legacy(e) {
            a.clone()
        } else {
            to_snapshot(a, texts.get(j).map_or("", String::as_str))
        };
        if *e != a {
            let change = diff_document(e, &a);
            diffs.push(DocumentDiff { index: j, id: id_of(&a), change });
        }
    }
    for i in missing {
        let (id, change) = (id_of(&expected[i]), DocumentChange::Missing);
        diffs.push(DocumentDiff { index: i, id, change });
    }
    diffs
}

fn diff_document(expected: &Value, actual: &Value) -> DocumentChange {
    let mentions = diff_mentions(
        mention_list(expected).unwrap_or(&[]),
        mention_list(actual).unwrap_or(&[]),
    );
    let empty = Map::new();
    let fields = diff_fields(
        expected.as_object().unwrap_or(&empty),
        actual.as_object().unwrap_or(&empty),
        |k| k == "mentions" || (k == "entities" && !mentions.is_empty()),
    );
    let fields = if mentions.is_empty() && fields.is_empty() {
        // Not objects, or the mentions differ in a way the alignment
        // cannot show: show the whole documents.
        diff_fields(
            &Map::from_iter([("document".into(), expected.clone())]),
            &Map::from_iter([("document".into(), actual.clone())]),
            |_| false,
        )
    } else {
        fields
    };
    DocumentChange::Changed { mentions, fields }
}

fn mention_list(doc: &Value) -> Option<&[Value]> {
    doc.get("mentions")?.as_array().map(Vec::as_slice)
}

fn diff_fields(
    expected: &Map<String, Value>,
    actual: &Map<String, Value>,
    skip: impl Fn(&str) -> bool,
) -> Vec<FieldChange> {
    let keys: BTreeSet<&String> =
        expected.keys().chain(actual.keys()).collect();
    keys.into_iter()
        .filter(|k| !skip(k))
        .filter(|k| expected.get(*k) != actual.get(*k))
        .map(|k| FieldChange {
            field: k.clone(),
            expected: expected.get(k).cloned(),
            actual: actual.get(k).cloned(),
        })
        .collect()
}

/// One step of an alignment of expected with current mentions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Both(usize, usize),
    Expected(usize),
    Actual(usize),
}

/// What lines two mentions up: their text, type and entity.
fn content(m: &Value) -> (&str, &str, &str) {
    let s = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("");
    (s("text"), s("type"), s("entity"))
}

/// Where a mention is, as a string to compare positions by.
fn position(m: &Value) -> Option<String> {
    match MentionInfo::of(m).position {
        Position::Unknown => None,
        p => Some(p.to_string()),
    }
}

/// The steps of a longest common subsequence of the two lists by
/// [`content`], in order (common ends trimmed first, so an edit in one
/// place costs a table of the changed middle only).
fn align(expected: &[Value], actual: &[Value]) -> Vec<Step> {
    let same =
        |i: usize, j: usize| content(&expected[i]) == content(&actual[j]);
    let mut head = 0;
    while head < expected.len().min(actual.len()) && same(head, head) {
        head += 1;
    }
    let mut tail = 0;
    while tail < (expected.len() - head).min(actual.len() - head)
        && same(expected.len() - 1 - tail, actual.len() - 1 - tail)
    {
        tail += 1;
    }
    let (n, m) = (expected.len() - head - tail, actual.len() - head - tail);
    let mut steps: Vec<Step> = (0..head).map(|i| Step::Both(i, i)).collect();
    if n.saturating_mul(m) > MAX_LCS_CELLS {
        // Too large to align: the positional pairing below still finds
        // the mentions that changed in place.
        steps.extend((head..head + n).map(Step::Expected));
        steps.extend((head..head + m).map(Step::Actual));
    } else {
        // lcs[i * (m + 1) + j]: the LCS length of the middles from i, j.
        let w = m + 1;
        let mut lcs = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * w + j] = if same(head + i, head + j) {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && same(head + i, head + j) {
                steps.push(Step::Both(head + i, head + j));
                (i, j) = (i + 1, j + 1);
            } else if j == m
                || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])
            {
                steps.push(Step::Expected(head + i));
                i += 1;
            } else {
                steps.push(Step::Actual(head + j));
                j += 1;
            }
        }
    }
    let (de, da) = (expected.len() - tail, actual.len() - tail);
    steps.extend((0..tail).map(|k| Step::Both(de + k, da + k)));
    steps
}

fn diff_mentions(expected: &[Value], actual: &[Value]) -> Vec<MentionChange> {
    let empty = Map::new();
    let fields_of = |e: &Value, a: &Value| {
        diff_fields(
            e.as_object().unwrap_or(&empty),
            a.as_object().unwrap_or(&empty),
            |k| k == "at" || OFFSET_FIELDS.contains(&k),
        )
    };
    let steps = align(expected, actual);
    // An expected and a current mention left over at the same position
    // are one changed mention (a new entity id, say).
    let mut left_at: HashMap<String, VecDeque<usize>> = HashMap::new();
    for s in &steps {
        if let Step::Expected(i) = *s {
            if let Some(p) = position(&expected[i]) {
                left_at.entry(p).or_default().push_back(i);
            }
        }
    }
    let mut taken = vec![false; expected.len()];
    let mut changed_with = vec![None; actual.len()];
    for s in &steps {
        if let Step::Actual(j) = *s {
            let found = position(&actual[j])
                .and_then(|p| left_at.get_mut(&p)?.pop_front());
            if let Some(i) = found {
                taken[i] = true;
                changed_with[j] = Some(i);
            }
        }
    }
    let mut changes = Vec::new();
    for s in steps {
        match s {
            Step::Both(i, j) => {
                let (e, a) = (&expected[i], &actual[j]);
                if e == a {
                    continue;
                }
                let (expected, actual) =
                    (MentionInfo::of(e), MentionInfo::of(a));
                let fields = fields_of(e, a);
                if position(e) != position(a) {
                    changes.push(MentionChange::Moved {
                        expected,
                        actual,
                        fields,
                    });
                } else {
                    let fields = diff_fields(
                        e.as_object().unwrap_or(&empty),
                        a.as_object().unwrap_or(&empty),
                        |_| false,
                    );
                    changes.push(MentionChange::Changed {
                        expected,
                        actual,
                        fields,
                    });
                }
            }
            Step::Expected(i) if !taken[i] => {
                changes.push(MentionChange::Missing(MentionInfo::of(
                    &expected[i],
                )));
            }
            Step::Expected(_) => {}
            Step::Actual(j) => match changed_with[j] {
                Some(i) => changes.push(MentionChange::Changed {
                    expected: MentionInfo::of(&expected[i]),
                    actual: MentionInfo::of(&actual[j]),
                    fields: fields_of(&expected[i], &actual[j]),
                }),
                None => {
                    changes.push(MentionChange::Unexpected(MentionInfo::of(
                        &actual[j],
                    )));
                }
            },
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// An extract mention of `text` at code points `s..`, bytes `bs..`.
    fn m(s: u64, bs: u64, text: &str, kind: &str, entity: &str) -> Value {
        let e = s + text.chars().count() as u64;
        let be = bs + text.len() as u64;
        json!({"start": s, "end": e, "byte_start": bs, "byte_end": be,
               "text": text, "type": kind, "entity": entity})
    }

    #[test]
    fn line_col_round_trip_with_multibyte_text() {
        // "Zażółć\nAnna Nowak": line 2 starts at code point 7.
        let lines = Lines::new("Zażółć\nAnna Nowak");
        assert_eq!(lines.line_col(0), Some((1, 0)));
        assert_eq!(lines.line_col(7), Some((2, 0)));
        assert_eq!(lines.line_col(12), Some((2, 5)));
        assert_eq!(lines.offset(2, 5), Some(12));
        assert_eq!(lines.offset(1, 7), None, "past the end of line 1");
        assert_eq!(lines.offset(3, 0), None);
        // "Nowak": code points 12..17, bytes 16..21 (ż, ó, ł, ć: 2 bytes).
        let doc = json!({"id": "a", "mentions": [m(12, 16, "Nowak", "PERSON", "n")],
                         "entities": [{"entity": "n", "first": 12}]});
        let snap = to_snapshot(&doc, "Zażółć\nAnna Nowak");
        assert_eq!(
            snap,
            json!({"id": "a", "mentions": [{"at": "2:5", "text": "Nowak",
                   "type": "PERSON", "entity": "n"}],
                   "entities": [{"entity": "n", "first": "2:5"}]})
        );
        assert!(is_legacy(&doc) && !is_legacy(&snap));
        let info = MentionInfo::of(&snap["mentions"][0]);
        assert_eq!(info.span_in(&lines), Some((12, 17)));
        // The same position in an edited text that no longer reads
        // "Nowak" there gives no span (so no context from the wrong text).
        assert_eq!(info.span_in(&Lines::new("Zażółć\nAnna Kowalska")), None);
    }

    #[test]
    fn inconsistent_offsets_are_kept() {
        // Byte offsets wrong for "ż": left as they are.
        let bad = json!({"start": 2, "end": 3, "byte_start": 2, "byte_end": 3,
                         "text": "ż", "type": "X", "entity": "x"});
        let doc = json!({"mentions": [bad.clone()]});
        assert_eq!(to_snapshot(&doc, "Zażółć")["mentions"][0], bad);
    }

    #[test]
    fn one_mention_per_line() {
        let doc = json!({"id": "a", "keep": {"k": 1},
                         "mentions": [m(0, 0, "Anna", "PERSON", "anna"),
                                      m(5, 5, "Rome", "LOC", "rome")],
                         "entities": []});
        let got = write(&[doc], &["Anna Rome".to_string()]);
        let want = "\
{
  \"id\": \"a\",
  \"keep\": {\"k\": 1},
  \"mentions\": [
    {\"at\": \"1:0\", \"text\": \"Anna\", \"type\": \"PERSON\", \"entity\": \"anna\"},
    {\"at\": \"1:5\", \"text\": \"Rome\", \"type\": \"LOC\", \"entity\": \"rome\"}
  ],
  \"entities\": []
}
";
        assert_eq!(got, want);
        assert_eq!(parse("x", &got).unwrap().len(), 1);
    }

    #[test]
    fn outputs_as_stream_or_array() {
        let stream = "{\n  \"id\": 1\n}\n{\"id\": 2}\n";
        let array = "[{\"id\": 1}, {\"id\": 2}]";
        assert_eq!(parse("e", stream).unwrap(), parse("e", array).unwrap());
        let err = parse("e", "{\n  \"id\": \n").unwrap_err();
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn an_inserted_word_moves_mentions_it_does_not_lose_them() {
        // "Anna met Rome." becomes "Yesterday Anna met Rome. Nowak"
        // (10 code points inserted in front, one mention added at the end).
        let old = "Anna met Rome.".to_string();
        let new = "Yesterday Anna met Rome. Nowak".to_string();
        let before = json!({"id": "a", "mentions": [
            m(0, 0, "Anna", "PERSON", "anna"), m(9, 9, "Rome", "LOC", "rome")]});
        let after = json!({"id": "a", "mentions": [
            m(10, 10, "Anna", "PERSON", "anna"), m(19, 19, "Rome", "LOC", "rome"),
            m(25, 25, "Nowak", "PERSON", "nowak")]});
        let expected = parse("e", &write(&[before], &[old])).unwrap();
        let diffs = compare(&expected, &[after], &[new]);
        assert_eq!(diffs.len(), 1);
        let DocumentChange::Changed { mentions, fields } = &diffs[0].change
        else {
            panic!("{diffs:?}")
        };
        assert!(fields.is_empty(), "{fields:?}");
        let shown: Vec<String> = mentions
            .iter()
            .map(|c| match c {
                MentionChange::Moved { expected, actual, fields } => {
                    assert!(fields.is_empty());
                    format!(
                        "moved {} {} -> {}",
                        expected.text, expected.position, actual.position
                    )
                }
                MentionChange::Unexpected(m) => {
                    format!("new {} {}", m.text, m.position)
                }
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "moved Anna 1:0 -> 1:10",
                "moved Rome 1:9 -> 1:19",
                "new Nowak 1:25"
            ]
        );
    }

    #[test]
    fn same_position_other_entity_is_changed_and_legacy_is_compared_raw() {
        let texts = ["Gdańsk".to_string()];
        let e = [
            json!({"id": "a", "mentions": [m(0, 0, "Gdańsk", "CITY", "gdansk")]}),
        ];
        let a = [
            json!({"id": "a", "mentions": [m(0, 0, "Gdańsk", "CITY", "gdansk-pl")]}),
        ];
        // Legacy expected (absolute offsets): compared as is.
        let diffs = compare(&e, &a, &texts);
        assert_eq!(diffs.len(), 1);
        let DocumentChange::Changed { mentions, .. } = &diffs[0].change else {
            panic!("{diffs:?}")
        };
        match &mentions[..] {
            [MentionChange::Changed { expected, fields, .. }] => {
                assert_eq!(
                    expected.position,
                    Position::Span { start: 0, end: 6 }
                );
                assert_eq!(fields.len(), 1);
                assert_eq!(fields[0].field, "entity");
                assert_eq!(fields[0].actual, Some(json!("gdansk-pl")));
            }
            other => panic!("{other:?}"),
        }
        // Snapshot form equal to the output: no differences.
        let snap = parse("e", &write(&a, &texts)).unwrap();
        assert!(compare(&snap, &a, &texts).is_empty());
    }

    #[test]
    fn alignment_keeps_order_and_repeats() {
        let v = |t: &str| json!({"text": t, "type": "X", "entity": t});
        let steps = |e: &[&str], a: &[&str]| {
            let e: Vec<Value> = e.iter().map(|t| v(t)).collect();
            let a: Vec<Value> = a.iter().map(|t| v(t)).collect();
            align(&e, &a)
        };
        use Step::{Actual as A, Both as B, Expected as E};
        // The B between two As is the one gone; both As stay paired.
        assert_eq!(
            steps(&["a", "b", "a"], &["a", "a"]),
            [B(0, 0), E(1), B(2, 1)]
        );
        // A swap: one kept, the other gone and new.
        assert_eq!(steps(&["a", "b"], &["b", "a"]), [E(0), B(1, 0), A(1)]);
        assert_eq!(steps(&[], &["a"]), [A(0)]);
    }

    #[test]
    fn jsonl_documents_pair_by_id() {
        let doc = |id: &str| json!({"id": id, "mentions": []});
        let texts = vec![String::new(); 3];
        let expected = [doc("r1"), doc("r2")];
        let actual = [doc("r1"), doc("r0"), doc("r2")];
        let diffs = compare(&expected, &actual, &texts);
        assert_eq!(
            diffs,
            [DocumentDiff {
                index: 1,
                id: "r0".into(),
                change: DocumentChange::Unexpected
            }]
        );
        let diffs = compare(&actual, &expected, &texts[..2]);
        assert_eq!(
            diffs,
            [DocumentDiff {
                index: 1,
                id: "r0".into(),
                change: DocumentChange::Missing
            }]
        );
    }
}
