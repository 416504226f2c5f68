//! CoNLL/IOB2 output: one token and its tag a line, for sequence-labelling
//! tools and `entx eval --gold-format conll`. entx never tokenizes for
//! matching, so this module owns the one tokenization the format needs.
//!
//! Tokens are UAX #29 words and punctuation with whitespace dropped, also
//! cut at every mention boundary so that each mention is whole tokens
//! (`Soleimani’s` → `Soleimani`, `’s` when only `Soleimani` is a mention).
//! A sentence ends at a line break, or after `.`, `!`, `?` or `…` (and any
//! closing quote or bracket) when the next token starts with an upper-case
//! letter or an opening quote, unless the `.` follows a title (`Mr.`) or a
//! dotted abbreviation (`U.S.`); never inside a mention. A document starts
//! with `-DOCSTART-\tO` and a blank line; each sentence ends with a blank
//! line. A record that could not be processed is a `# error: {json}`
//! comment line, which entx's CoNLL reader skips.

use unicode_segmentation::UnicodeSegmentation;

use super::{Annotations, DocId, DocumentOut, JsonWriter};
use crate::extract::{Extractor, Span};

/// Reusable token and cut buffers.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    cuts: Vec<usize>,
    tokens: Vec<Span>,
}

/// Titles after which a `.` does not end a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Sgt", "Capt", "Sen",
    "Rep", "Gov", "Prof", "Jr", "Sr", "No", "Mt", "Ft", "vs",
];

/// Split `text` into tokens (byte spans): UAX #29 segments without their
/// whitespace, cut again at every position in `cuts` (sorted).
pub(crate) fn tokenize(text: &str, cuts: &[usize], out: &mut Vec<Span>) {
    out.clear();
    let mut cut = 0;
    for (at, seg) in text.split_word_bound_indices() {
        // A segment may hold whitespace next to other characters (a
        // format character after a space): only the runs between
        // whitespace are tokens.
        let mut run: Option<usize> = None;
        for (i, c) in seg.char_indices().chain([(seg.len(), ' ')]) {
            let pos = at + i;
            if c.is_whitespace() {
                if let Some(start) = run.take() {
                    push_cut(out, start, pos, cuts, &mut cut);
                }
            } else if run.is_none() {
                run = Some(pos);
            }
        }
    }
}

/// Push `start..end`, cut at the positions of `cuts` inside it.
fn push_cut(
    out: &mut Vec<Span>,
    mut start: usize,
    end: usize,
    cuts: &[usize],
    next: &mut usize,
) {
    while *next < cuts.len() && cuts[*next] <= start {
        *next += 1;
    }
    while *next < cuts.len() && cuts[*next] < end {
        out.push(Span { start, end: cuts[*next] });
        start = cuts[*next];
        *next += 1;
    }
    out.push(Span { start, end });
}

fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "…")
}

fn is_closing(t: &str) -> bool {
    matches!(t, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

fn starts_sentence(t: &str) -> bool {
    t.chars().next().is_some_and(|c| {
        c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '«' | '(')
    })
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whether a sentence ends between token `i - 1` and token `i`.
fn is_sentence_break(text: &str, tokens: &[Span], i: usize) -> bool {
    let tok = |k: usize| &text[tokens[k].range()];
    let gap = &text[tokens[i - 1].end..tokens[i].start];
    if gap.chars().any(is_line_break) {
        return true;
    }
    if gap.is_empty() || !starts_sentence(tok(i)) {
        return false;
    }
    // Back over closing quotes and brackets to the terminal mark.
    let mut k = i - 1;
    while k > 0 && is_closing(tok(k)) {
        k -= 1;
    }
    if !is_terminal(tok(k)) {
        return false;
    }
    if tok(k) == "." && k > 0 && tokens[k - 1].end == tokens[k].start {
        let word = tok(k - 1);
        // `U.S.`: UAX #29 keeps `U.S` together; `A.` an initial.
        let initial =
            word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if word.contains('.') || initial || TITLES.contains(&word) {
            return false;
        }
    }
    true
}

/// Write one document: `-DOCSTART-`, then its sentences.
pub(crate) fn put_document(
    out: &mut Vec<u8>,
    scratch: &mut Tokens,
    ann: &Annotations,
    extractor: &Extractor,
    doc: &DocumentOut<'_>,
) {
    let text = doc.text;
    scratch.cuts.clear();
    for &s in &ann.spans {
        scratch.cuts.extend([s.start, s.end]);
    }
    tokenize(text, &scratch.cuts, &mut scratch.tokens);
    let tokens = &scratch.tokens;
    out.extend_from_slice(b"-DOCSTART-\tO\n\n");
    let mut mentions = ann.mentions(extractor, doc).peekable();
    let mut in_mention = false;
    for (i, t) in tokens.iter().enumerate() {
        while mentions.peek().is_some_and(|m| m.span.end <= t.start) {
            mentions.next();
        }
        let mention = mentions.peek().filter(|m| m.span.start <= t.start);
        let begins = mention.is_some_and(|m| m.span.start == t.start);
        if i > 0 && !in_mention | begins && is_sentence_break(text, tokens, i)
        {
            out.push(b'\n');
        }
        out.extend_from_slice(text[t.range()].as_bytes());
        out.push(b'\t');
        match mention {
            Some(m) => {
                out.extend_from_slice(if begins { b"B-" } else { b"I-" });
                out.extend_from_slice(m.kind.as_bytes());
                in_mention = t.end < m.span.end;
            }
            None => {
                out.push(b'O');
                in_mention = false;
            }
        }
        out.push(b'\n');
    }
    if !tokens.is_empty() {
        out.push(b'\n');
    }
}

/// An error record as a comment line: `# error: ` and the JSON error
/// record.
pub(crate) fn put_error(
    out: &mut Vec<u8>,
    id: DocId<'_>,
    msg: &str,
    line: Option<u64>,
) {
    out.extend_from_slice(b"# error: ");
    let _ = JsonWriter::new(false).write_error(out, id, msg, line);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{annotate, sample};

    fn words<'a>(text: &'a str, cuts: &[usize]) -> Vec<&'a str> {
        let mut out = Vec::new();
        tokenize(text, cuts, &mut out);
        out.iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn tokens_are_words_and_punctuation_cut_at_mentions() {
        assert_eq!(
            words("Soleimani’s  men, (U.S.)\n", &[]),
            ["Soleimani’s", "men", ",", "(", "U.S", ".", ")"]
        );
        // A mention "Soleimani" (0..9) cuts the possessive off.
        assert_eq!(
            words("Soleimani’s men", &[0, 9]),
            ["Soleimani", "’s", "men"]
        );
        // A cut inside a word (a mention ending mid-word).
        assert_eq!(words("abcdef g", &[2, 4]), ["ab", "cd", "ef", "g"]);
    }

    #[test]
    fn sentences_end_at_line_breaks_and_final_punctuation() {
        let text = "Mr. Smith met U.S. envoys. They left!\nBye";
        let mut tokens = Vec::new();
        tokenize(text, &[], &mut tokens);
        let breaks: Vec<&str> = (1..tokens.len())
            .filter(|&i| is_sentence_break(text, &tokens, i))
            .map(|i| &text[tokens[i].range()])
            .collect();
        // Not after "Mr." (a title) nor "U.S." (dotted); after "envoys."
        // and at the newline.
        assert_eq!(breaks, ["They", "Bye"]);
    }

    /// Hand-worked: gazetteer ORG "Acme Corp" and PERSON "Ann Lee"; a
    /// rule mention never splits a sentence even across a line break.
    #[test]
    fn document_as_iob2() {
        let (ex, text) = sample("Ann Lee joined Acme Corp. Ann Lee's\nrole");
        let (ann, doc) = annotate(&ex, text);
        let mut out = Vec::new();
        put_document(&mut out, &mut Tokens::default(), &ann, &ex, &doc);
        let want = "-DOCSTART-\tO\n\n\
                    Ann\tB-PERSON\nLee\tI-PERSON\njoined\tO\n\
                    Acme\tB-ORG\nCorp\tI-ORG\n.\tO\n\n\
                    Ann\tB-PERSON\nLee\tI-PERSON\n's\tO\n\n\
                    role\tO\n\n";
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    /// What entx's own CoNLL reader makes of the output: the same
    /// mentions (tokens joined by spaces), same types.
    #[test]
    fn reads_back_with_the_same_mentions() {
        let src = "Ann Lee (of Acme Corp) spoke.\n\nAcme Corp’s  head, Ann \
                   Lee, said: “Acme Corp!” Done";
        let (ex, text) = sample(src);
        let (ann, doc) = annotate(&ex, text);
        let mut out = Vec::new();
        put_document(&mut out, &mut Tokens::default(), &ann, &ex, &doc);
        put_error(&mut out, DocId::Str("x"), "bad", Some(3));
        let out = String::from_utf8(out).unwrap();
        let docs = crate::golden::parse_conll("t", &out).unwrap();
        assert_eq!(docs.len(), 1);
        let rebuilt = docs[0].text.as_deref().unwrap();
        let got: Vec<(String, &str)> = docs[0]
            .spans
            .iter()
            .map(|s| {
                let t: String = rebuilt
                    .chars()
                    .skip(s.start)
                    .take(s.end - s.start)
                    .collect();
                (t, s.kind.as_str())
            })
            .collect();
        let want: Vec<(String, &str)> = ann
            .mentions(&ex, &doc)
            .map(|m| (m.text.to_string(), m.kind))
            .collect();
        assert_eq!(want.len(), 5);
        assert_eq!(got, want);
    }

    #[test]
    fn error_is_a_comment() {
        let mut out = Vec::new();
        put_error(&mut out, DocId::Str("a\nb"), "bad \"x\"", Some(2));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "# error: {\"id\":\"a\\nb\",\"error\":\"bad \\\"x\\\"\",\"line\":2}\n"
        );
    }
}
