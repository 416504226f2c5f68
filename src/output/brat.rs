//! brat standoff: a document's text (`ID.txt`) and its annotations
//! (`ID.ann`), for correcting entx's output in brat or INCEpTION.
//!
//! Each mention is a text-bound annotation `T1\tTYPE START END\ttext`
//! (code-point offsets into the `.txt`, as brat counts), and its entity is
//! an annotator note `#1\tAnnotatorNotes T1\tENTITY; NAME; via VIA` with
//! `; wikidata Q…` and `; candidates A, B` when known (`-` for the entity
//! of a rule mention). brat's annotation lines cannot hold a line break,
//! so a mention spanning one becomes a discontinuous annotation: its
//! fragments are the pieces between line breaks and tabs, `T1\tTYPE 0 5;6
//! 10\tAnn Lee`, the text being the fragments joined by a space (brat's
//! own rule). Notes have tabs and line breaks replaced by spaces.

use super::{candidate_ids, Annotations, DocumentOut};
use crate::extract::Extractor;

/// Characters a fragment may not hold.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\t'
            | '\u{b}'
            | '\u{c}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The fragments of the text `text`, starting at code point `start`:
/// (start, end, text) of each non-empty piece between breaks.
fn fragments(text: &str, start: usize) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut from: Option<(usize, usize)> = None; // (code point, byte)
    let mut cp = start;
    for (b, c) in text.char_indices() {
        if is_break(c) {
            if let Some((fc, fb)) = from.take() {
                out.push((fc, cp, &text[fb..b]));
            }
        } else if from.is_none() {
            from = Some((cp, b));
        }
        cp += 1;
    }
    if let Some((fc, fb)) = from {
        out.push((fc, cp, &text[fb..]));
    }
    out
}

fn put_note_text(out: &mut String, s: &str) {
    out.extend(s.chars().map(|c| if is_break(c) { ' ' } else { c }));
}

/// The `.txt` and `.ann` contents of one document.
pub(crate) fn document(
    ann: &Annotations,
    extractor: &Extractor,
    doc: &DocumentOut<'_>,
) -> (Vec<u8>, Vec<u8>) {
    use std::fmt::Write;
    let mut a = String::new();
    for (n, m) in ann.mentions(extractor, doc).enumerate() {
        let n = n + 1;
        let frags = fragments(m.text, m.start);
        let _ =
            write!(a, "T{n}\t{}", m.kind.replace(char::is_whitespace, "_"));
        for (i, (s, e, _)) in frags.iter().enumerate() {
            let sep = if i == 0 { ' ' } else { ';' };
            let _ = write!(a, "{sep}{s} {e}");
        }
        a.push('\t');
        for (i, (_, _, t)) in frags.iter().enumerate() {
            if i > 0 {
                a.push(' ');
            }
            a.push_str(t);
        }
        let _ = write!(a, "\n#{n}\tAnnotatorNotes T{n}\t");
        put_note_text(&mut a, m.entity.unwrap_or("-"));
        a.push_str("; ");
        put_note_text(&mut a, m.name);
        let _ = write!(a, "; via {}", m.via);
        if let Some(w) = m.wikidata {
            a.push_str("; wikidata ");
            put_note_text(&mut a, w);
        }
        if !m.candidates.is_empty() {
            a.push_str("; candidates ");
            let ids: Vec<&str> =
                candidate_ids(extractor, m.candidates).collect();
            put_note_text(&mut a, &ids.join(", "));
        }
        a.push('\n');
    }
    (doc.text.as_bytes().to_vec(), a.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{annotate, sample};

    #[test]
    fn fragments_split_at_line_breaks() {
        assert_eq!(fragments("Ann Lee", 5), [(5, 12, "Ann Lee")]);
        // "Ann\r\n Lee": "Ann" 10..13, then \r \n, " Lee" 15..19.
        assert_eq!(
            fragments("Ann\r\n Lee", 10),
            [(10, 13, "Ann"), (15, 19, " Lee")]
        );
    }

    #[test]
    fn text_bound_annotations_and_notes() {
        // "ü" is one code point (two bytes): Ann Lee at 2..9, Acme Corp
        // across the line break at 14..18 and 19..23.
        let (ex, text) = sample("ü Ann Lee and Acme\nCorp.");
        let (ann, doc) = annotate(&ex, text);
        let (txt, a) = document(&ann, &ex, &doc);
        assert_eq!(txt, text.as_bytes());
        assert_eq!(
            String::from_utf8(a).unwrap(),
            "T1\tPERSON 2 9\tAnn Lee\n\
             #1\tAnnotatorNotes T1\tann-lee; Ann Lee; via gazetteer; \
             wikidata Q1\n\
             T2\tORG 14 18;19 23\tAcme Corp\n\
             #2\tAnnotatorNotes T2\tacme; Acme Corp; via gazetteer\n"
        );
    }
}
