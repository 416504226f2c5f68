//! The output schema, in one place: how a document's mentions become one
//! JSON object, serialized from borrowed data straight into a writer.
//!
//! # Format
//!
//! One JSON object per document (JSON Lines; `--pretty` indents). The
//! other formats (`conll`, `spacy`, `brat`, `tsv`, `html`) live in the
//! submodules and write the same mentions ([`DocumentWriter`]).
//!
//! The JSON form:
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

pub mod brat;
pub mod conll;
pub mod html;
pub mod spacy;
pub mod tsv;

use foldhash::HashMap;
use serde::ser::Serializer;
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

/// The output formats `entx extract --format` offers. Every one is written
/// from the same merged mentions of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// JSON Lines, the schema above.
    Json,
    /// CoNLL/IOB2: a token and its tag a line ([`conll`]).
    Conll,
    /// spaCy-ready JSON Lines with `ents` ([`spacy`]).
    Spacy,
    /// brat standoff: a `.txt` and an `.ann` per document ([`brat`]).
    Brat,
    /// One mention a row, tab-separated ([`tsv`]).
    Tsv,
    /// A self-contained HTML page with highlighted mentions ([`html`]).
    Html,
}

/// What the writer made of one document, for the caller that owns files
/// and the contents list: per-document formats (brat, html with an output
/// directory) put their files here; html on one page its contents entry.
#[derive(Debug, Default)]
pub struct Entry {
    /// The document id as text (a JSON string id unquoted, other JSON
    /// values as written), for titles and file names.
    pub id: String,
    /// The HTML anchor of the document on a single page.
    pub anchor: String,
    /// Number of mentions.
    pub mentions: usize,
    /// Number of distinct entities.
    pub entities: usize,
    /// The error message, for a record that could not be processed.
    pub error: Option<String>,
    /// Files to write, as (extension, contents): named by the caller from
    /// [`file_stem`] of `id`, made unique.
    pub files: Vec<(&'static str, Vec<u8>)>,
}

/// Writes documents in any [`OutputFormat`]: the bytes for the output
/// stream into a buffer, and per-document files into [`Entry`] values.
#[derive(Debug)]
pub struct DocumentWriter {
    format: OutputFormat,
    /// Per-document files (brat; html with an output directory) rather
    /// than one stream.
    per_document: bool,
    json: JsonWriter,
    conll: conll::Tokens,
    /// The chunk being written and the document number in it: unique,
    /// thread-independent HTML anchors.
    chunk: u64,
    in_chunk: usize,
}

impl DocumentWriter {
    /// A writer of `format`; `pretty` indents json; `per_document` makes
    /// files instead of a stream (required for brat; optional for html).
    pub fn new(
        format: OutputFormat,
        pretty: bool,
        per_document: bool,
    ) -> DocumentWriter {
        DocumentWriter {
            format,
            per_document: per_document || format == OutputFormat::Brat,
            json: JsonWriter::new(pretty),
            conll: conll::Tokens::default(),
            chunk: 0,
            in_chunk: 0,
        }
    }

    /// What the stream starts with: the tsv header, the html page's head.
    pub fn begin(&self, out: &mut Vec<u8>) {
        match self.format {
            OutputFormat::Tsv => tsv::put_header(out),
            OutputFormat::Html if !self.per_document => {
                html::put_page_start(out, "entx: entities", None)
            }
            _ => {}
        }
    }

    /// Number the documents that follow as those of chunk `seq`.
    pub fn begin_chunk(&mut self, seq: u64) {
        self.chunk = seq;
        self.in_chunk = 0;
    }

    /// Write one document: stream bytes to `out`, files or a contents
    /// entry to `entries`.
    pub fn document(
        &mut self,
        out: &mut Vec<u8>,
        entries: &mut Vec<Entry>,
        extractor: &Extractor,
        doc: &DocumentOut<'_>,
    ) {
        if self.format == OutputFormat::Json {
            self.in_chunk += 1;
            self.json.append_document(out, extractor, doc);
            return;
        }
        let anchor = self.next_anchor();
        self.json.ann.prepare(doc);
        let ann = &self.json.ann;
        let entry = |files| Entry {
            id: id_text(doc.id),
            anchor: anchor.clone(),
            mentions: ann.items.len(),
            entities: ann.rows.len(),
            error: None,
            files,
        };
        match self.format {
            OutputFormat::Json => unreachable!("written above"),
            OutputFormat::Conll => {
                conll::put_document(out, &mut self.conll, ann, extractor, doc)
            }
            OutputFormat::Spacy => {
                spacy::put_document(out, ann, extractor, doc)
            }
            OutputFormat::Tsv => tsv::put_document(out, ann, extractor, doc),
            OutputFormat::Brat => {
                let (txt, a) = brat::document(ann, extractor, doc);
                entries.push(entry(vec![("txt", txt), ("ann", a)]));
            }
            OutputFormat::Html if self.per_document => {
                let mut page = Vec::new();
                let title = id_text(doc.id);
                html::put_page_start(&mut page, &title, Some("index.html"));
                html::put_document(&mut page, &anchor, ann, extractor, doc);
                html::put_page_end(&mut page, None);
                entries.push(entry(vec![("html", page)]));
            }
            OutputFormat::Html => {
                html::put_document(out, &anchor, ann, extractor, doc);
                entries.push(entry(Vec::new()));
            }
        }
    }

    /// Write an error record in place of a document: a JSON error record
    /// (json, spacy; and the side file of per-document formats), a
    /// comment (conll), an error section (html); tsv has no place for it
    /// (the caller reports it on stderr).
    pub fn error(
        &mut self,
        out: &mut Vec<u8>,
        entries: &mut Vec<Entry>,
        id: DocId<'_>,
        msg: &str,
        line: Option<u64>,
    ) {
        let anchor = self.next_anchor();
        let entry = || Entry {
            id: id_text(id),
            anchor: anchor.clone(),
            error: Some(msg.to_string()),
            ..Entry::default()
        };
        match self.format {
            _ if self.per_document => {
                // The side file takes compact records, one a line.
                let mut compact = JsonWriter::new(false);
                let _ = compact.write_error(out, id, msg, line);
                if self.format == OutputFormat::Html {
                    entries.push(entry());
                }
            }
            OutputFormat::Json | OutputFormat::Spacy => {
                let _ = self.json.write_error(out, id, msg, line);
            }
            OutputFormat::Conll => conll::put_error(out, id, msg, line),
            OutputFormat::Tsv => {}
            OutputFormat::Html => {
                html::put_error(out, &anchor, &id_text(id), msg, line);
                entries.push(entry());
            }
            OutputFormat::Brat => unreachable!("brat is per document"),
        }
    }

    /// What the stream ends with: the html page's contents list (from the
    /// entries of every document, in order) and its end.
    pub fn finish(&self, out: &mut Vec<u8>, entries: &[Entry]) {
        if self.format == OutputFormat::Html && !self.per_document {
            html::put_page_end(out, Some(entries));
        }
    }

    /// The index page of per-document html pages: `pages` pairs each
    /// entry with the file name its page was written to (`None` for an
    /// error).
    pub fn index_page(&self, pages: &[(Entry, Option<String>)]) -> Vec<u8> {
        let mut out = Vec::new();
        html::put_index(&mut out, pages);
        out
    }

    fn next_anchor(&mut self) -> String {
        let anchor = format!("d{}-{}", self.chunk, self.in_chunk);
        self.in_chunk += 1;
        anchor
    }
}

/// A document id as text: a JSON string id without its quotes, another
/// JSON value as written, `""` for none.
pub fn id_text(id: DocId<'_>) -> String {
    match id {
        DocId::Str(s) => s.to_string(),
        DocId::Raw(raw) => serde_json::from_str::<String>(raw.get())
            .unwrap_or_else(|_| raw.get().to_string()),
        DocId::Null => String::new(),
    }
}

/// A file name stem for a document id: ASCII letters, digits, `-`, `_`
/// and `.` kept, every run of other characters one `_`, no leading `.`
/// or `_`, at most 100 bytes, `doc` when nothing is left. Different ids
/// can share a stem: the caller makes them unique (see DESIGN.md).
pub fn file_stem(id: &str) -> String {
    let mut stem = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            stem.push(c);
        } else if !stem.ends_with('_') {
            stem.push('_');
        }
        if stem.len() >= 100 {
            break;
        }
    }
    let stem = stem.trim_start_matches(['.', '_']);
    if stem.is_empty() {
        "doc".to_string()
    } else {
        stem.to_string()
    }
}

/// Reusable buffers for writing documents as JSON.
#[derive(Debug, Default)]
pub struct JsonWriter {
    pretty: bool,
    ann: Annotations,
}

/// A document's mentions from both sources merged by start, with their
/// code-point offsets and the `entities` rows: what every format writes.
#[derive(Debug, Default)]
pub(crate) struct Annotations {
    /// Gazetteer and rule mentions merged by start.
    items: Vec<Item>,
    chars: Vec<(usize, usize)>,
    spans: Vec<Span>,
    rows: Vec<Row>,
    row_of: HashMap<RowKey, usize>,
}

/// A mention of either source, by index.
#[derive(Clone, Copy, Debug)]
enum Item {
    Gazetteer(usize),
    Rule(usize),
}

/// What the output shows of one mention, from either source.
pub(crate) struct Fields<'a> {
    /// Source bytes, half-open.
    pub span: Span,
    /// Code points, half-open.
    pub start: usize,
    pub end: usize,
    /// The source text between the offsets.
    pub text: &'a str,
    pub kind: &'a str,
    /// The gazetteer id; `None` for a rule mention.
    pub entity: Option<&'a str>,
    /// The entity's Wikidata id; `None` when it has none.
    pub wikidata: Option<&'a str>,
    pub name: &'a str,
    pub via: Via,
    pub candidates: &'a [EntityId],
}

/// One `entities` row: an entity's fields (those of its first mention),
/// how many mentions it has and where the first starts (code points).
pub(crate) struct EntityRow<'a> {
    pub fields: Fields<'a>,
    pub count: usize,
    pub first: usize,
    /// Index of the first mention among the document's mentions.
    pub at: usize,
}

impl Item {
    fn fields<'a>(
        self,
        extractor: &'a Extractor,
        doc: &'a DocumentOut<'_>,
        (start, end): (usize, usize),
    ) -> Fields<'a> {
        match self {
            Item::Gazetteer(i) => {
                let m = &doc.mentions[i];
                let e = extractor.index().labels(m.entity.0);
                Fields {
                    span: m.span,
                    start,
                    end,
                    text: &doc.text[m.span.range()],
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
                let (entity, wikidata, name) = match m.entity {
                    Some(id) => {
                        let e = extractor.index().labels(id.0);
                        let wikidata =
                            Some(e.wikidata).filter(|w| !w.is_empty());
                        (Some(e.id), wikidata, e.name)
                    }
                    None => (None, None, m.name.as_str()),
                };
                Fields {
                    span: m.span,
                    start,
                    end,
                    text: &doc.text[m.span.range()],
                    kind: m.kind,
                    entity,
                    wikidata,
                    name,
                    via: Via::Rule(m.rule.name()),
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
    /// Index of the first mention in `items`.
    at: usize,
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

impl Annotations {
    /// Merge the two sources' mentions by start, count their code-point
    /// offsets and gather the `entities` rows.
    pub(crate) fn prepare(&mut self, doc: &DocumentOut<'_>) {
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
        for (at, &item) in self.items.iter().enumerate() {
            let key = match item {
                Item::Gazetteer(i) => RowKey::Entity(doc.mentions[i].entity),
                Item::Rule(i) => match doc.rules[i].entity {
                    Some(id) => RowKey::Entity(id),
                    None => RowKey::Named(
                        doc.rules[i].kind,
                        doc.rules[i].name.clone(),
                    ),
                },
            };
            match self.row_of.get(&key) {
                Some(&i) => self.rows[i].count += 1,
                None => {
                    self.row_of.insert(key, self.rows.len());
                    self.rows.push(Row { item, count: 1, at });
                }
            }
        }
    }

    /// The mentions, sorted by start.
    pub(crate) fn mentions<'a>(
        &'a self,
        extractor: &'a Extractor,
        doc: &'a DocumentOut<'_>,
    ) -> impl ExactSizeIterator<Item = Fields<'a>> + 'a {
        self.items
            .iter()
            .zip(&self.chars)
            .map(move |(&item, &cs)| item.fields(extractor, doc, cs))
    }

    /// The `entities` rows, in order of first mention.
    pub(crate) fn entities<'a>(
        &'a self,
        extractor: &'a Extractor,
        doc: &'a DocumentOut<'_>,
    ) -> impl ExactSizeIterator<Item = EntityRow<'a>> + 'a {
        self.rows.iter().map(move |r| EntityRow {
            fields: r.item.fields(extractor, doc, self.chars[r.at]),
            count: r.count,
            first: self.chars[r.at].0,
            at: r.at,
        })
    }
}

/// The ids of a mention's other candidate entities, best first.
pub(crate) fn candidate_ids<'a>(
    extractor: &'a Extractor,
    candidates: &'a [EntityId],
) -> impl Iterator<Item = &'a str> + 'a {
    candidates.iter().map(move |&id| extractor.index().labels(id.0).id)
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
        let mut buf = Vec::new();
        self.append_document(&mut buf, extractor, doc);
        wtr.write_all(&buf)
    }

    /// [`JsonWriter::write_document`] at the end of a buffer, without the
    /// copy through a buffer of its own that a generic writer needs.
    pub fn append_document(
        &mut self,
        out: &mut Vec<u8>,
        extractor: &Extractor,
        doc: &DocumentOut<'_>,
    ) {
        self.ann.prepare(doc);
        if self.pretty {
            put_document(
                &mut Emit::<true>::new(out),
                &self.ann,
                extractor,
                doc,
            );
        } else {
            put_document(
                &mut Emit::<false>::new(out),
                &self.ann,
                extractor,
                doc,
            );
        }
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
        let value = ErrorOut { id, error, line };
        if self.pretty {
            serde_json::to_writer_pretty(&mut *wtr, &value)?;
        } else {
            serde_json::to_writer(&mut *wtr, &value)?;
        }
        wtr.write_all(b"\n")
    }
}

/// JSON punctuation and layout, compact or indented as serde_json's
/// `PrettyFormatter` indents (two spaces; `[]`/`{}` when empty; raw
/// values verbatim), so the schema below is written once for both.
pub(crate) struct Emit<'b, const PRETTY: bool> {
    pub buf: &'b mut Vec<u8>,
    depth: usize,
    /// Whether the open container has a value yet (serde_json's rule).
    has_value: bool,
}

impl<'b, const PRETTY: bool> Emit<'b, PRETTY> {
    pub fn new(buf: &'b mut Vec<u8>) -> Self {
        Emit { buf, depth: 0, has_value: false }
    }

    pub fn open(&mut self, bracket: u8) {
        if PRETTY {
            self.depth += 1;
            self.has_value = false;
        }
        self.buf.push(bracket);
    }

    pub fn close(&mut self, bracket: u8) {
        if PRETTY {
            self.depth -= 1;
            if self.has_value {
                self.newline();
            }
            self.has_value = true;
        }
        self.buf.push(bracket);
    }

    /// Before a key given with its quotes (`b"\"start\""`), then `:`.
    pub fn key(&mut self, quoted: &[u8], first: bool) {
        self.elem(first);
        self.buf.extend_from_slice(quoted);
        self.colon();
    }

    /// A document object's opening: `{`, its `id` and the `--keep`
    /// fields copied after it, which every per-document JSON format starts
    /// with.
    pub fn document_head(&mut self, doc: &DocumentOut<'_>) {
        self.open(b'{');
        self.key(b"\"id\"", true);
        put_id(self.buf, doc.id);
        for (k, v) in doc.keep {
            self.key_str(k, false);
            self.buf.extend_from_slice(v.get().as_bytes());
        }
    }

    /// `"wikidata": ID` when the entity has one.
    fn wikidata(&mut self, wikidata: Option<&str>) {
        if let Some(w) = wikidata {
            self.key(b"\"wikidata\"", false);
            put_str(self.buf, w);
        }
    }

    /// Before a key that needs escaping.
    pub fn key_str(&mut self, key: &str, first: bool) {
        self.elem(first);
        put_str(self.buf, key);
        self.colon();
    }

    /// Before an array element (or a key).
    pub fn elem(&mut self, first: bool) {
        if !first {
            self.buf.push(b',');
        }
        if PRETTY {
            self.newline();
            self.has_value = true;
        }
    }

    fn colon(&mut self) {
        if PRETTY {
            self.buf.extend_from_slice(b": ");
        } else {
            self.buf.push(b':');
        }
    }

    fn newline(&mut self) {
        self.buf.push(b'\n');
        for _ in 0..self.depth {
            self.buf.extend_from_slice(b"  ");
        }
    }
}

/// The JSON schema (module docs), written once: compact or indented by
/// `e`. By hand rather than through serde's per-field calls: this is on
/// every document's path, and serde was a quarter of a corpus run's time.
fn put_document<const P: bool>(
    e: &mut Emit<'_, P>,
    ann: &Annotations,
    extractor: &Extractor,
    doc: &DocumentOut<'_>,
) {
    e.document_head(doc);
    e.key(b"\"mentions\"", false);
    e.open(b'[');
    for (n, m) in ann.mentions(extractor, doc).enumerate() {
        e.elem(n == 0);
        e.open(b'{');
        e.key(b"\"start\"", true);
        put_uint(e.buf, m.start);
        e.key(b"\"end\"", false);
        put_uint(e.buf, m.end);
        e.key(b"\"byte_start\"", false);
        put_uint(e.buf, m.span.start);
        e.key(b"\"byte_end\"", false);
        put_uint(e.buf, m.span.end);
        e.key(b"\"text\"", false);
        put_str(e.buf, m.text);
        e.key(b"\"type\"", false);
        put_str(e.buf, m.kind);
        e.key(b"\"entity\"", false);
        put_opt_str(e.buf, m.entity);
        e.wikidata(m.wikidata);
        e.key(b"\"name\"", false);
        put_str(e.buf, m.name);
        e.key(b"\"via\"", false);
        match m.via {
            Via::Gazetteer => e.buf.extend_from_slice(b"\"gazetteer\""),
            Via::Rule(rule) => {
                e.buf.extend_from_slice(b"\"rule:");
                put_str_contents(e.buf, rule);
                e.buf.push(b'"');
            }
        }
        if !m.candidates.is_empty() {
            e.key(b"\"candidates\"", false);
            e.open(b'[');
            for (c, id) in candidate_ids(extractor, m.candidates).enumerate() {
                e.elem(c == 0);
                put_str(e.buf, id);
            }
            e.close(b']');
        }
        e.close(b'}');
    }
    e.close(b']');
    e.key(b"\"entities\"", false);
    e.open(b'[');
    for (n, r) in ann.entities(extractor, doc).enumerate() {
        let f = &r.fields;
        e.elem(n == 0);
        e.open(b'{');
        e.key(b"\"entity\"", true);
        put_opt_str(e.buf, f.entity);
        e.wikidata(f.wikidata);
        e.key(b"\"name\"", false);
        put_str(e.buf, f.name);
        e.key(b"\"type\"", false);
        put_str(e.buf, f.kind);
        e.key(b"\"count\"", false);
        put_uint(e.buf, r.count);
        e.key(b"\"first\"", false);
        put_uint(e.buf, r.first);
        e.close(b'}');
    }
    e.close(b']');
    e.close(b'}');
    e.buf.push(b'\n');
}

/// How a mention was found: `"gazetteer"` or `"rule:NAME"`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Via {
    Gazetteer,
    Rule(&'static str),
}

impl std::fmt::Display for Via {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Via::Gazetteer => f.write_str("gazetteer"),
            Via::Rule(rule) => write!(f, "rule:{rule}"),
        }
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
    use crate::text::swar::{HIGH, LOW};
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
pub(crate) mod tests {
    use super::*;
    use crate::{ExtractorBuilder, Format, Gazetteer, Scratch};

    /// A small extractor for the writers' tests (no rules): PERSON
    /// "Ann Lee" (`ann-lee`, Wikidata Q1) and ORG "Acme Corp" (`acme`).
    pub(crate) fn sample(text: &str) -> (Extractor, &'static str) {
        let mut gaz = Gazetteer::new();
        let tsv = "ann-lee\tPERSON\tAnn Lee\t\twikidata=Q1\n\
                   acme\tORG\tAcme Corp\t\t\n";
        gaz.add_source("t", tsv, Format::Tsv).unwrap();
        let ex = ExtractorBuilder::new().rules(None).build(gaz).unwrap();
        (ex, Box::leak(text.to_string().into_boxed_str()))
    }

    /// `text`'s mentions, as a document with id "t", and its annotations.
    pub(crate) fn annotate(
        ex: &Extractor,
        text: &'static str,
    ) -> (Annotations, DocumentOut<'static>) {
        let mentions = ex.extract(text, &mut Scratch::new()).to_vec();
        let mentions: &'static [Mention] = Box::leak(mentions.into());
        let doc = DocumentOut {
            id: DocId::Str("t"),
            keep: &[],
            text,
            mentions,
            rules: &[],
        };
        let mut ann = Annotations::default();
        ann.prepare(&doc);
        (ann, doc)
    }

    /// The JSON layout, worked out by hand for a document with a rule
    /// mention, an ambiguous gazetteer mention and a kept field: compact,
    /// and indented as serde_json's `to_writer_pretty` indents.
    #[test]
    fn json_compact_and_pretty() {
        let mut gaz = Gazetteer::new();
        let tsv = "a1\tLOC\tGeorgia\tGeorgia\tpriority=2\n\
                   a2\tLOC\tGeorgia US\tGeorgia\tpriority=1\n";
        gaz.add_source("t", tsv, Format::Tsv).unwrap();
        let ex = ExtractorBuilder::new().rules(None).build(gaz).unwrap();
        // "Georgia" starts at 10: `Bo "X" in ` is ten characters.
        let text = "Bo \"X\" in Georgia";
        let mentions = ex.extract(text, &mut Scratch::new()).to_vec();
        let rules = [RuleMention {
            span: Span { start: 0, end: 2 },
            kind: "PERSON",
            name: "Bo".into(),
            rule: crate::rules::Rule::GivenName,
            entity: None,
        }];
        let raw: Box<RawValue> = serde_json::from_str("[1, \"é\"]").unwrap();
        let keep = [("n", &*raw)];
        let doc = DocumentOut {
            id: DocId::Str("a\"b"),
            keep: &keep,
            text,
            mentions: &mentions,
            rules: &rules,
        };
        let mut compact = Vec::new();
        JsonWriter::new(false)
            .write_document(&mut compact, &ex, &doc)
            .unwrap();
        let mut appended = b"x".to_vec();
        JsonWriter::new(false).append_document(&mut appended, &ex, &doc);
        assert_eq!(appended[1..], compact[..]);
        let m1 = "{\"start\":0,\"end\":2,\"byte_start\":0,\"byte_end\":2,\
                  \"text\":\"Bo\",\"type\":\"PERSON\",\"entity\":null,\
                  \"name\":\"Bo\",\"via\":\"rule:given-name\"}";
        let m2 = "{\"start\":10,\"end\":17,\"byte_start\":10,\
                  \"byte_end\":17,\"text\":\"Georgia\",\"type\":\"LOC\",\
                  \"entity\":\"a1\",\"name\":\"Georgia\",\
                  \"via\":\"gazetteer\",\"candidates\":[\"a2\"]}";
        let e1 = "{\"entity\":null,\"name\":\"Bo\",\"type\":\"PERSON\",\
                  \"count\":1,\"first\":0}";
        let e2 = "{\"entity\":\"a1\",\"name\":\"Georgia\",\"type\":\"LOC\",\
                  \"count\":1,\"first\":10}";
        let want = format!(
            "{{\"id\":\"a\\\"b\",\"n\":[1, \"é\"],\"mentions\":[{m1},{m2}],\
             \"entities\":[{e1},{e2}]}}\n"
        );
        assert_eq!(String::from_utf8(compact).unwrap(), want);

        let mut pretty = Vec::new();
        JsonWriter::new(true).write_document(&mut pretty, &ex, &doc).unwrap();
        let pretty = String::from_utf8(pretty).unwrap();
        let want_start = "{\n  \"id\": \"a\\\"b\",\n  \"n\": [1, \"é\"],\n  \
                          \"mentions\": [\n    {\n      \"start\": 0,\n";
        assert!(pretty.starts_with(want_start), "{pretty}");
        let want_end = "      \"via\": \"gazetteer\",\n      \"candidates\": [\n\
                        \x20       \"a2\"\n      ]\n    }\n  ],\n  \"entities\": [\n\
                        \x20   {\n      \"entity\": null,\n";
        assert!(pretty.contains(want_end), "{pretty}");
        assert!(pretty.ends_with("      \"first\": 10\n    }\n  ]\n}\n"));
        // Empty arrays stay on one line.
        let empty = DocumentOut {
            id: DocId::Null,
            keep: &[],
            text: "",
            mentions: &[],
            rules: &[],
        };
        let mut out = Vec::new();
        JsonWriter::new(true).write_document(&mut out, &ex, &empty).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \"id\": null,\n  \"mentions\": [],\n  \"entities\": []\n}\n"
        );
    }

    #[test]
    fn file_stems() {
        assert_eq!(file_stem("news/2020/a b.txt"), "news_2020_a_b.txt");
        assert_eq!(file_stem("../../etc/passwd"), "etc_passwd");
        assert_eq!(file_stem("<script>"), "script_");
        assert_eq!(file_stem("Zürich"), "Z_rich");
        assert_eq!(file_stem(""), "doc");
        assert_eq!(file_stem("..."), "doc");
        assert_eq!(file_stem(&"x".repeat(300)).len(), 100);
    }

    #[test]
    fn id_texts() {
        let n: Box<RawValue> = serde_json::from_str("42").unwrap();
        let s: Box<RawValue> = serde_json::from_str("\"a\\u00e9\"").unwrap();
        assert_eq!(id_text(DocId::Raw(&n)), "42");
        assert_eq!(id_text(DocId::Raw(&s)), "aé");
        assert_eq!(id_text(DocId::Str("x")), "x");
        assert_eq!(id_text(DocId::Null), "");
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
            sports: None,
        };
        let iran = text.find("Iran").unwrap();
        let iraq = text.find("Iraq").unwrap();
        assert_eq!((iran, iraq), (8, 17));
        let mut out = Vec::new();
        char_offsets(text, &[m(iran, iran + 4), m(iraq, iraq + 4)], &mut out);
        assert_eq!(out, [(4, 8), (13, 17)]);
    }
}
