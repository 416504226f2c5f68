//! spaCy-ready JSON Lines: the text and its entities as code-point spans,
//! so `doc.char_span(start, end, label=…, kb_id=…)` rebuilds them in a
//! spaCy `Doc` made from the same text.
//!
//! `{"id": …, "text": "…", "ents": [{"start", "end", "label", "kb_id"}]}`,
//! `--keep` fields after `id`; `kb_id` is the gazetteer id, `""` for rule
//! mentions. A record that could not be processed is the JSON error
//! record `{"id", "error", "line"}`, which has no `text`.

use super::{put_str, put_uint, Annotations, DocumentOut, Emit};
use crate::extract::Extractor;

/// Write one document as one line.
pub(crate) fn put_document(
    out: &mut Vec<u8>,
    ann: &Annotations,
    extractor: &Extractor,
    doc: &DocumentOut<'_>,
) {
    let e = &mut Emit::<false>::new(out);
    e.document_head(doc);
    e.key(b"\"text\"", false);
    put_str(e.buf, doc.text);
    e.key(b"\"ents\"", false);
    e.open(b'[');
    for (n, m) in ann.mentions(extractor, doc).enumerate() {
        e.elem(n == 0);
        e.open(b'{');
        e.key(b"\"start\"", true);
        put_uint(e.buf, m.start);
        e.key(b"\"end\"", false);
        put_uint(e.buf, m.end);
        e.key(b"\"label\"", false);
        put_str(e.buf, m.kind);
        e.key(b"\"kb_id\"", false);
        put_str(e.buf, m.entity.unwrap_or(""));
        e.close(b'}');
    }
    e.close(b']');
    e.close(b'}');
    e.buf.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{annotate, sample};

    #[test]
    fn code_point_spans_and_kb_ids() {
        // "É" is 2 bytes: "Ann Lee" starts at code point 3, byte 4.
        let (ex, text) = sample("Él Ann Lee");
        let (ann, doc) = annotate(&ex, text);
        let mut out = Vec::new();
        put_document(&mut out, &ann, &ex, &doc);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"id\":\"t\",\"text\":\"Él Ann Lee\",\"ents\":[{\"start\":3,\
             \"end\":10,\"label\":\"PERSON\",\"kb_id\":\"ann-lee\"}]}\n"
        );
    }
}
