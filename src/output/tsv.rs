//! Tab-separated values, one mention a row, for spreadsheets and `cut`.
//!
//! A header, then `id start end type entity wikidata name via text` per
//! mention (code-point offsets, half-open; `entity` empty for rule
//! mentions, `wikidata` empty when unknown). In every field `\` is written
//! `\\`, a tab `\t`, a line feed `\n` and a carriage return `\r`, so a row
//! is one line with exactly nine fields. A document without mentions has
//! no rows; a record that could not be processed has none either (it is
//! reported on stderr only).

use super::{id_text, Annotations, DocumentOut};
use crate::extract::Extractor;

/// The column names.
pub const HEADER: &str =
    "id\tstart\tend\ttype\tentity\twikidata\tname\tvia\ttext\n";

pub(crate) fn put_header(out: &mut Vec<u8>) {
    out.extend_from_slice(HEADER.as_bytes());
}

/// A field with `\`, tab, line feed and carriage return escaped.
pub(crate) fn put_field(out: &mut Vec<u8>, s: &str) {
    for b in s.bytes() {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

/// Write one row per mention.
pub(crate) fn put_document(
    out: &mut Vec<u8>,
    ann: &Annotations,
    extractor: &Extractor,
    doc: &DocumentOut<'_>,
) {
    let id = id_text(doc.id);
    let mut num = itoa::Buffer::new();
    for m in ann.mentions(extractor, doc) {
        put_field(out, &id);
        out.push(b'\t');
        out.extend_from_slice(num.format(m.start).as_bytes());
        out.push(b'\t');
        out.extend_from_slice(num.format(m.end).as_bytes());
        out.push(b'\t');
        put_field(out, m.kind);
        out.push(b'\t');
        put_field(out, m.entity.unwrap_or(""));
        out.push(b'\t');
        put_field(out, m.wikidata.unwrap_or(""));
        out.push(b'\t');
        put_field(out, m.name);
        out.push(b'\t');
        put_field(out, &m.via.to_string());
        out.push(b'\t');
        put_field(out, m.text);
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{annotate, sample};

    #[test]
    fn escapes() {
        let mut out = Vec::new();
        put_field(&mut out, "a\tb\\c\nd\re");
        assert_eq!(out, b"a\\tb\\\\c\\nd\\re");
    }

    #[test]
    fn one_row_per_mention() {
        // Ann Lee: code points 4..11 ("A\tb " before it is 4); the
        // wikidata id comes from the gazetteer's wikidata= attribute.
        let (ex, text) = sample("A\tb Ann Lee and Acme Corp");
        let (ann, doc) = annotate(&ex, text);
        let mut out = Vec::new();
        put_document(&mut out, &ann, &ex, &doc);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "t\t4\t11\tPERSON\tann-lee\tQ1\tAnn Lee\tgazetteer\tAnn Lee\n\
             t\t16\t25\tORG\tacme\t\tAcme Corp\tgazetteer\tAcme Corp\n"
        );
    }
}
