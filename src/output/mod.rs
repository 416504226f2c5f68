//! The output schema, in one place: how a document's mentions become one
//! JSON object, serialized from borrowed data straight into a writer.
//!
//! # Format
//!
//! One JSON object per document (JSON Lines; `--pretty` indents):
//!
//! ```text
//! {"id": "a.txt",                 // path as given, "-" for stdin, or the
//!                                 // JSONL record's id copied verbatim
//!  "mentions": [                  // sorted by start, never overlapping
//!    {"start": 164, "end": 179,   // Unicode code points, half-open
//!     "byte_start": 164, "byte_end": 179,   // UTF-8 bytes, half-open
//!     "text": "Qasem Soleimani",  // the source text between the offsets
//!     "type": "PERSON",           // the entity's type label
//!     "entity": "qasem-soleimani",// the gazetteer id
//!     "wikidata": "Q…",           // only when the entity has a Wikidata id
//!     "name": "Qasem Soleimani",  // the canonical name
//!     "via": "gazetteer",         // how it was found: "gazetteer", or
//!                                 // "rule:NAME" for a rule-based source
//!                                 // (then "entity" is null)
//!     "candidates": ["…"]}],      // only when the alias is ambiguous:
//!                                 // the other entities' ids, best first
//!  "entities": [                  // one row per distinct entity (rule
//!    {"entity": "qasem-soleimani",// mentions: per type and name), in
//!                                 // order of first mention
//!     "name": "Qasem Soleimani", "type": "PERSON",
//!     "count": 20, "first": 68}]} // first: code-point start of the first mention
//! ```
//!
//! A record that could not be processed is reported in its place as
//! `{"id": …, "error": "…", "line": N}` (`line` only for JSONL input).
//! Fields named with `--keep` are copied after `id`.

use std::io;

use foldhash::HashMap;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::extract::{Extractor, Mention, Span};
use crate::gazetteer::EntityId;
use crate::rules::RuleMention;

/// A document id: a string we own the meaning of (a path), or a JSON value
/// copied verbatim from the input record.
#[derive(Clone, Copy, Debug)]
pub enum DocId<'a> {
    /// A string, serialized as a JSON string.
    Str(&'a str),
    /// A JSON value copied as is.
    Raw(&'a RawValue),
    /// No id (serialized as `null`).
    Null,
}

impl Serialize for DocId<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            DocId::Str(v) => s.serialize_str(v),
            DocId::Raw(v) => v.serialize(s),
            DocId::Null => s.serialize_none(),
        }
    }
}

/// Reusable buffers for writing documents.
#[derive(Debug, Default)]
pub struct JsonWriter {
    pretty: bool,
    /// Gazetteer and rule mentions merged by start.
    items: Vec<Item>,
    chars: Vec<(usize, usize)>,
    spans: Vec<Span>,
    rows: Vec<Row>,
    row_of: HashMap<RowKey, usize>,
    /// The compact form of the current document.
    buf: Vec<u8>,
}

/// A mention of either source, by index.
#[derive(Clone, Copy, Debug)]
enum Item {
    Gazetteer(usize),
    Rule(usize),
}

/// What the output shows of one mention, from either source.
struct Fields<'a> {
    span: Span,
    kind: &'a str,
    /// The gazetteer id; `None` for a rule mention.
    entity: Option<&'a str>,
    /// The entity's Wikidata id; `None` when it has none.
    wikidata: Option<&'a str>,
    name: &'a str,
    via: Via,
    candidates: &'a [EntityId],
}

impl Item {
    fn fields<'a>(
        self,
        extractor: &'a Extractor,
        doc: &'a DocumentOut<'_>,
    ) -> Fields<'a> {
        match self {
            Item::Gazetteer(i) => {
                let m = &doc.mentions[i];
                let e = extractor.index().labels(m.entity.0);
                Fields {
                    span: m.span,
                    kind: e.kind,
                    entity: Some(e.id),
                    wikidata: Some(e.wikidata).filter(|w| !w.is_empty()),
                    name: e.name,
                    via: Via::Gazetteer,
                    candidates: &m.candidates,
                }
            }
            Item::Rule(i) => {
                let m = &doc.rules[i];
                Fields {
                    span: m.span,
                    kind: m.kind,
                    entity: None,
                    wikidata: None,
                    name: &m.name,
                    via: Via::Rule(m.rule),
                    candidates: &[],
                }
            }
        }
    }
}

/// What an `entities` row is keyed by: a gazetteer entity, or a rule
/// mention's type and name (its first occurrence's index).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum RowKey {
    Entity(EntityId),
    Named(&'static str, String),
}

#[derive(Debug)]
struct Row {
    item: Item,
    count: usize,
    first: usize,
}

/// One document's result, ready to serialize.
pub struct DocumentOut<'a> {
    /// The document id.
    pub id: DocId<'a>,
    /// Extra fields copied from the input record (`--keep`).
    pub keep: &'a [(&'a str, &'a RawValue)],
    /// The source text the mentions point into.
    pub text: &'a str,
    /// The gazetteer mentions, sorted by start.
    pub mentions: &'a [Mention],
    /// Rule mentions, sorted by start (never overlapping the others).
    pub rules: &'a [RuleMention],
}

impl JsonWriter {
    /// A writer of compact (`pretty == false`) or indented JSON.
    pub fn new(pretty: bool) -> JsonWriter {
        JsonWriter { pretty, ..JsonWriter::default() }
    }

    /// Write one document as one line (or an indented block) ending in
    /// `\n`.
    pub fn write_document<W: io::Write + ?Sized>(
        &mut self,
        wtr: &mut W,
        extractor: &Extractor,
        doc: &DocumentOut<'_>,
    ) -> io::Result<()> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        self.append_document(&mut buf, extractor, doc);
        let result = wtr.write_all(&buf);
        self.buf = buf;
        result
    }

    /// [`JsonWriter::write_document`] at the end of a buffer, without the
    /// copy through a buffer of its own that a generic writer needs.
    pub fn append_document(
        &mut self,
        out: &mut Vec<u8>,
        extractor: &Extractor,
        doc: &DocumentOut<'_>,
    ) {
        self.prepare(doc);
        if self.pretty {
            let value = Doc { w: self, extractor, doc };
            // Writing into a Vec cannot fail.
            let _ = self.write_value(out, &value);
        } else {
            self.put_document(out, extractor, doc);
        }
    }

    /// Merge the two sources' mentions by start, count their code-point
    /// offsets and gather the `entities` rows.
    fn prepare(&mut self, doc: &DocumentOut<'_>) {
        self.items.clear();
        let (mut g, mut r) = (0, 0);
        while g < doc.mentions.len() || r < doc.rules.len() {
            let take_rule = match (doc.mentions.get(g), doc.rules.get(r)) {
                (Some(m), Some(x)) => x.span.start < m.span.start,
                (None, Some(_)) => true,
                _ => false,
            };
            if take_rule {
                self.items.push(Item::Rule(r));
                r += 1;
            } else {
                self.items.push(Item::Gazetteer(g));
                g += 1;
            }
        }
        self.spans.clear();
        self.spans.extend(self.items.iter().map(|&it| match it {
            Item::Gazetteer(i) => doc.mentions[i].span,
            Item::Rule(i) => doc.rules[i].span,
        }));
        span_char_offsets(doc.text, &self.spans, &mut self.chars);
        self.rows.clear();
        self.row_of.clear();
        for (&item, &(cs, _)) in self.items.iter().zip(&self.chars) {
            let key = match item {
                Item::Gazetteer(i) => RowKey::Entity(doc.mentions[i].entity),
                Item::Rule(i) => {
                    RowKey::Named(doc.rules[i].kind, doc.rules[i].name.clone())
                }
            };
            match self.row_of.get(&key) {
                Some(&i) => self.rows[i].count += 1,
                None => {
                    self.row_of.insert(key, self.rows.len());
                    self.rows.push(Row { item, count: 1, first: cs });
                }
            }
        }
    }

    /// The compact form of a document, written by hand: byte for byte what
    /// serde_json writes for [`Doc`] (a test compares the two), at a
    /// fraction of the cost of a serializer's per-field calls. This is on
    /// every document's path, and was a quarter of a corpus run's time.
    fn put_document(
        &self,
        buf: &mut Vec<u8>,
        extractor: &Extractor,
        doc: &DocumentOut<'_>,
    ) {
        buf.extend_from_slice(b"{\"id\":");
        put_id(buf, doc.id);
        for (k, v) in doc.keep {
            buf.push(b',');
            put_str(buf, k);
            buf.push(b':');
            buf.extend_from_slice(v.get().as_bytes());
        }
        buf.extend_from_slice(b",\"mentions\":[");
        for (n, (&item, &(cs, ce))) in
            self.items.iter().zip(&self.chars).enumerate()
        {
            if n > 0 {
                buf.push(b',');
            }
            let Fields { span, kind, entity, wikidata, name, via, candidates } =
                item.fields(extractor, doc);
            buf.extend_from_slice(b"{\"start\":");
            put_uint(buf, cs);
            buf.extend_from_slice(b",\"end\":");
            put_uint(buf, ce);
            buf.extend_from_slice(b",\"byte_start\":");
            put_uint(buf, span.start);
            buf.extend_from_slice(b",\"byte_end\":");
            put_uint(buf, span.end);
            buf.extend_from_slice(b",\"text\":");
            put_str(buf, &doc.text[span.range()]);
            buf.extend_from_slice(b",\"type\":");
            put_str(buf, kind);
            buf.extend_from_slice(b",\"entity\":");
            put_opt_str(buf, entity);
            if let Some(w) = wikidata {
                buf.extend_from_slice(b",\"wikidata\":");
                put_str(buf, w);
            }
            buf.extend_from_slice(b",\"name\":");
            put_str(buf, name);
            buf.extend_from_slice(b",\"via\":");
            match via {
                Via::Gazetteer => buf.extend_from_slice(b"\"gazetteer\""),
                Via::Rule(rule) => {
                    buf.extend_from_slice(b"\"rule:");
                    put_str_contents(buf, rule);
                    buf.push(b'"');
                }
            }
            if !candidates.is_empty() {
                buf.extend_from_slice(b",\"candidates\":[");
                for (c, &id) in candidates.iter().enumerate() {
                    if c > 0 {
                        buf.push(b',');
                    }
                    put_str(buf, extractor.index().labels(id.0).id);
                }
                buf.push(b']');
            }
            buf.push(b'}');
        }
        buf.extend_from_slice(b"],\"entities\":[");
        for (n, r) in self.rows.iter().enumerate() {
            if n > 0 {
                buf.push(b',');
            }
            let Fields { entity, wikidata, name, kind, .. } =
                r.item.fields(extractor, doc);
            buf.extend_from_slice(b"{\"entity\":");
            put_opt_str(buf, entity);
            if let Some(w) = wikidata {
                buf.extend_from_slice(b",\"wikidata\":");
                put_str(buf, w);
            }
            buf.extend_from_slice(b",\"name\":");
            put_str(buf, name);
            buf.extend_from_slice(b",\"type\":");
            put_str(buf, kind);
            buf.extend_from_slice(b",\"count\":");
            put_uint(buf, r.count);
            buf.extend_from_slice(b",\"first\":");
            put_uint(buf, r.first);
            buf.push(b'}');
        }
        buf.extend_from_slice(b"]}\n");
    }

    /// Write an error record in place of a document.
    pub fn write_error<W: io::Write + ?Sized>(
        &mut self,
        wtr: &mut W,
        id: DocId<'_>,
        error: &str,
        line: Option<u64>,
    ) -> io::Result<()> {
        #[derive(Serialize)]
        struct ErrorOut<'a> {
            id: DocId<'a>,
            error: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            line: Option<u64>,
        }
        self.write_value(wtr, &ErrorOut { id, error, line })
    }

    fn write_value<W: io::Write + ?Sized, T: Serialize>(
        &self,
        wtr: &mut W,
        value: &T,
    ) -> io::Result<()> {
        if self.pretty {
            serde_json::to_writer_pretty(&mut *wtr, value)?;
        } else {
            serde_json::to_writer(&mut *wtr, value)?;
        }
        wtr.write_all(b"\n")
    }
}

fn put_id(buf: &mut Vec<u8>, id: DocId<'_>) {
    match id {
        DocId::Str(s) => put_str(buf, s),
        DocId::Raw(raw) => buf.extend_from_slice(raw.get().as_bytes()),
        DocId::Null => buf.extend_from_slice(b"null"),
    }
}

fn put_uint(buf: &mut Vec<u8>, n: usize) {
    buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn put_opt_str(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => put_str(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

/// A JSON string, escaped as serde_json escapes it.
fn put_str(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    put_str_contents(buf, s);
    buf.push(b'"');
}

/// The bytes JSON strings must escape: control characters, `"`, `\`.
static ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

fn put_str_contents(buf: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    // Eight bytes at a time while they need no escape (nearly always),
    // then byte by byte.
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let flagged = escapes8(x);
        if flagged == 0 {
            i += 8;
            continue;
        }
        // The lowest flagged byte is always one to escape (see `escapes8`).
        let at = i + flagged.trailing_zeros() as usize / 8;
        buf.extend_from_slice(&bytes[from..at]);
        put_escape(buf, bytes[at]);
        from = at + 1;
        i = at + 1;
    }
    for (k, &b) in bytes[i..].iter().enumerate() {
        if ESCAPE[b as usize] {
            buf.extend_from_slice(&bytes[from..i + k]);
            put_escape(buf, b);
            from = i + k + 1;
        }
    }
    buf.extend_from_slice(&bytes[from..]);
}

/// The high bit of each byte of `x` that JSON strings must escape (below
/// 0x20, `"`, `\`): exact when none is (a byte at or above 0x80 is never
/// flagged, and no borrow crosses bytes), and then exact up to the lowest
/// flagged byte (bytes above it may be flagged by a borrow).
#[inline]
fn escapes8(x: u64) -> u64 {
    use crate::swar::{HIGH, LOW};
    let below = |y: u64, n: u8| y.wrapping_sub(n as u64 * LOW) & !y & HIGH;
    below(x, 0x20)
        | below(x ^ (b'"' as u64 * LOW), 1)
        | below(x ^ (b'\\' as u64 * LOW), 1)
}

/// The escape of byte `b`, one that JSON strings must escape, as
/// serde_json writes it.
fn put_escape(buf: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => buf.extend_from_slice(b"\\\""),
        b'\\' => buf.extend_from_slice(b"\\\\"),
        b'\n' => buf.extend_from_slice(b"\\n"),
        b'\r' => buf.extend_from_slice(b"\\r"),
        b'\t' => buf.extend_from_slice(b"\\t"),
        0x08 => buf.extend_from_slice(b"\\b"),
        0x0c => buf.extend_from_slice(b"\\f"),
        _ => {
            buf.extend_from_slice(b"\\u00");
            buf.push(HEX[(b >> 4) as usize]);
            buf.push(HEX[(b & 0xf) as usize]);
        }
    }
}

struct Doc<'a> {
    w: &'a JsonWriter,
    extractor: &'a Extractor,
    doc: &'a DocumentOut<'a>,
}

impl Serialize for Doc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &self.doc.id)?;
        for (k, v) in self.doc.keep {
            map.serialize_entry(k, v)?;
        }
        map.serialize_entry("mentions", &Mentions(self))?;
        map.serialize_entry("entities", &Entities(self))?;
        map.end()
    }
}

struct Mentions<'a>(&'a Doc<'a>);

impl Serialize for Mentions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let mut seq = s.serialize_seq(Some(d.w.items.len()))?;
        for (&item, &(cs, ce)) in d.w.items.iter().zip(&d.w.chars) {
            let f = item.fields(d.extractor, d.doc);
            let out = MentionOut {
                start: cs,
                end: ce,
                byte_start: f.span.start,
                byte_end: f.span.end,
                text: &d.doc.text[f.span.range()],
                kind: f.kind,
                entity: f.entity,
                wikidata: f.wikidata,
                name: f.name,
                via: f.via,
                candidates: Candidates(d.extractor, f.candidates),
            };
            seq.serialize_element(&out)?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct MentionOut<'a> {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    entity: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<&'a str>,
    name: &'a str,
    via: Via,
    #[serde(skip_serializing_if = "Candidates::is_empty")]
    candidates: Candidates<'a>,
}

/// How a mention was found: `"gazetteer"` or `"rule:NAME"`.
#[derive(Clone, Copy)]
enum Via {
    Gazetteer,
    Rule(&'static str),
}

impl Serialize for Via {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Via::Gazetteer => s.serialize_str("gazetteer"),
            Via::Rule(rule) => s.collect_str(&format_args!("rule:{rule}")),
        }
    }
}

struct Candidates<'a>(&'a Extractor, &'a [EntityId]);

impl Candidates<'_> {
    fn is_empty(&self) -> bool {
        self.1.is_empty()
    }
}

impl Serialize for Candidates<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|&e| self.0.entity(e).id))
    }
}

struct Entities<'a>(&'a Doc<'a>);

impl Serialize for Entities<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct EntityOut<'a> {
            entity: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            wikidata: Option<&'a str>,
            name: &'a str,
            #[serde(rename = "type")]
            kind: &'a str,
            count: usize,
            first: usize,
        }
        let d = self.0;
        s.collect_seq(d.w.rows.iter().map(|r| {
            let f = r.item.fields(d.extractor, d.doc);
            EntityOut {
                entity: f.entity,
                wikidata: f.wikidata,
                name: f.name,
                kind: f.kind,
                count: r.count,
                first: r.first,
            }
        }))
    }
}

/// Code-point offsets for each mention's byte span, in one pass over the
/// text (mentions are sorted and do not overlap).
pub fn char_offsets(
    text: &str,
    mentions: &[Mention],
    out: &mut Vec<(usize, usize)>,
) {
    let spans: Vec<Span> = mentions.iter().map(|m| m.span).collect();
    span_char_offsets(text, &spans, out);
}

/// Code-point offsets for sorted, non-overlapping byte spans, in one pass.
pub fn span_char_offsets(
    text: &str,
    spans: &[Span],
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    if text.is_ascii() {
        out.extend(spans.iter().map(|s| (s.start, s.end)));
        return;
    }
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut chars = 0;
    let advance = |to: usize, pos: &mut usize, chars: &mut usize| {
        *chars += count_chars(&bytes[*pos..to]);
        *pos = to;
    };
    for span in spans {
        advance(span.start, &mut pos, &mut chars);
        let cs = chars;
        advance(span.end, &mut pos, &mut chars);
        out.push((cs, chars));
    }
}

/// Number of UTF-8 code points in a byte slice that starts and ends on
/// char boundaries: every byte that is not a continuation byte.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ExtractorBuilder, Format, Gazetteer, Scratch};

    /// The hand-written compact form equals serde_json's, byte for byte,
    /// on strings that need every kind of escape.
    #[test]
    fn compact_writer_matches_serde_json() {
        let mut gaz = Gazetteer::new();
        let tsv = "q\"1\tORG\tQuote \\\"Q\" Co\tQuote Co|Q\n\
                   bs\\2\tLOC\tBack\\slash\tBackslash\n\
                   u3\tPERSON\tİlhan Öz\tÖz\n\
                   u4\tLOC\tÖz\t\n";
        gaz.add_source("t", tsv, Format::Tsv).unwrap();
        let ex = ExtractorBuilder::new().build(gaz).unwrap();
        let text = "Quote Co met İlhan Öz \u{1}\"x\" and Öz; Backslash\n\tend";
        let mut scratch = Scratch::new();
        let mentions = ex.extract(text, &mut scratch).to_vec();
        assert!(mentions.len() >= 3, "{mentions:?}");
        let rules = vec![RuleMention {
            span: Span { start: 0, end: 5 },
            kind: "ORG",
            name: "a \"b\"\u{7}\\".into(),
            rule: "org-suffix",
        }];
        let (gm, rm): (Vec<Mention>, Vec<RuleMention>) = (
            mentions.into_iter().filter(|m| m.span.start >= 5).collect(),
            rules,
        );
        let raw: Box<RawValue> =
            serde_json::from_str(r#"{"n": [1, "\u00e9"]}"#).unwrap();
        let keep = [("url\"", &*raw), ("n", &*raw)];
        for id in [DocId::Str("a\"\u{1f}b"), DocId::Raw(&raw), DocId::Null] {
            let doc = DocumentOut {
                id,
                keep: &keep,
                text,
                mentions: &gm,
                rules: &rm,
            };
            let mut w = JsonWriter::new(false);
            let mut ours = Vec::new();
            w.write_document(&mut ours, &ex, &doc).unwrap();
            let mut appended = b"before\n".to_vec();
            w.append_document(&mut appended, &ex, &doc);
            assert_eq!(appended[b"before\n".len()..], ours[..]);
            let mut theirs = Vec::new();
            serde_json::to_writer(
                &mut theirs,
                &Doc { w: &w, extractor: &ex, doc: &doc },
            )
            .unwrap();
            theirs.push(b'\n');
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs).unwrap()
            );
        }
    }
    /// The SWAR escape scan writes what serde_json writes: every byte
    /// value (escaped or not, ASCII or part of a character) at every
    /// position of an eight-byte chunk, in strings long and short.
    #[test]
    fn string_escapes_match_serde_json() {
        let specials = [
            "\u{0}", "\u{1f}", "\"", "\\", "\n", "\t", "\u{7f}", "é", "!",
            "#", "[", "]", " ",
        ];
        let mut inputs = vec![String::new()];
        for b in 0u8..0x80 {
            for len in [1, 7, 8, 9, 16, 21] {
                for at in 0..len {
                    let mut s = "x".repeat(len);
                    s.replace_range(at..at + 1, &char::from(b).to_string());
                    inputs.push(s);
                }
            }
        }
        for a in specials {
            for b in specials {
                inputs.push(format!("{a}abcdefgh{b}{a}ijk{b}"));
                inputs.push(format!("{a}{b}{a}{b}{a}{b}{a}{b}{a}"));
            }
        }
        for s in &inputs {
            let mut ours = Vec::new();
            put_str(&mut ours, s);
            assert_eq!(ours, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_string_escapes_as_serde_json(s in "(\\PC|[\u{0}-\u{1f}\"\\\\]){0,40}") {
            let mut ours = Vec::new();
            put_str(&mut ours, &s);
            proptest::prop_assert_eq!(ours, serde_json::to_vec(&s).unwrap());
        }
    }

    #[test]
    fn char_offsets_count_code_points() {
        // "İ" is 2 bytes, "🎉" 4 bytes.
        let text = "İ 🎉 Iran and Iraq";
        let m = |s: usize, e: usize| Mention {
            span: Span { start: s, end: e },
            entity: EntityId(0),
            candidates: vec![],
        };
        let iran = text.find("Iran").unwrap();
        let iraq = text.find("Iraq").unwrap();
        assert_eq!((iran, iraq), (8, 17));
        let mut out = Vec::new();
        char_offsets(text, &[m(iran, iran + 4), m(iraq, iraq + 4)], &mut out);
        assert_eq!(out, [(4, 8), (13, 17)]);
    }
}
