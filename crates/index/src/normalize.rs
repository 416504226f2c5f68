//! Normalization makes spelling variants of one alias byte-identical, so a
//! single exact-match automaton finds them all, while an offset map keeps
//! every match tied to the untouched source text.
//!
//! The same [`Normalizer`] is applied to gazetteer aliases and to article
//! text. It folds:
//!
//! * case: letters are lower-cased (case rules are checked afterwards against
//!   the source, by the matcher);
//! * diacritics and compatibility forms: `Qāsem` → `qasem`, `São` → `sao`,
//!   `ﬁ` → `fi`, plus a few letters Unicode does not decompose (`ß` → `ss`,
//!   `ø` → `o`, `ł` → `l`, `æ` → `ae`, `ı` → `i` …);
//! * quotes: every apostrophe-like character becomes `'`, every double
//!   quotation mark becomes `"`;
//! * separators: a run of whitespace and hyphens (any dash that means hyphen)
//!   becomes one space when it holds at most one line break, and a paragraph
//!   break (`\n\n`) when it holds more;
//! * soft hyphens and zero-width characters are dropped.
//!
//! The reported text is never rewritten: [`NormText::source_start`] maps each
//! normalized byte back to the start of the source character it came from.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use crate::fold::fold_byte;

/// Normalized text plus the map back to the source.
///
/// `map[i]` is the byte offset, in the source text, of the character that
/// produced normalized byte `i`; `map[norm.len()]` is the source length.
/// The map is non-decreasing.
#[derive(Clone, Debug, Default)]
pub struct NormText {
    norm: Vec<u8>,
    map: Vec<u32>,
}

impl NormText {
    /// An empty buffer, to be filled by [`Normalizer::normalize_into`].
    pub fn new() -> NormText {
        NormText::default()
    }

    /// The normalized bytes (always valid UTF-8).
    pub fn as_bytes(&self) -> &[u8] {
        &self.norm
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        // Only whole chars are ever pushed onto `norm`.
        std::str::from_utf8(&self.norm).expect("normalized text is UTF-8")
    }

    /// Length of the normalized text in bytes.
    pub fn len(&self) -> usize {
        self.norm.len()
    }

    /// Whether the normalized text is empty.
    pub fn is_empty(&self) -> bool {
        self.norm.is_empty()
    }

    /// Source byte offset of the character that produced normalized byte
    /// `i`; for `i == len()` the source length.
    #[inline]
    pub fn source_start(&self, i: usize) -> usize {
        self.map[i] as usize
    }

    /// Whether normalized byte `i` is the first one produced by its source
    /// character, i.e. a match may begin or end here without splitting a
    /// character's expansion (`ß` → `ss`) or a UTF-8 sequence.
    #[inline]
    pub fn is_char_start(&self, i: usize) -> bool {
        i == 0 || i == self.norm.len() || self.map[i - 1] != self.map[i]
    }

    fn clear(&mut self) {
        self.norm.clear();
        self.map.clear();
    }
}

/// What a source character becomes.
enum Class {
    /// Whitespace or hyphen: part of a separator run. `breaks` counts line
    /// breaks (2 for a paragraph separator).
    Separator { breaks: u8 },
    /// Dropped without a trace (soft hyphen, zero-width characters).
    Ignored,
    /// Emitted, possibly as several characters.
    Text,
}

/// The one normalization function applied to both aliases and text.
#[derive(Clone, Copy, Debug, Default)]
pub struct Normalizer {
    _priv: (),
}

/// Byte classes for the normalizer's fast path.
const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const NEWLINE: u8 = 2;
const FOLD: u8 = 3;
const NON_ASCII: u8 = 4;
static ASCII_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = match i as u8 {
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c | b'-' => SPACE,
            b'\n' => NEWLINE,
            b'`' => FOLD,
            _ => PLAIN,
        };
        i += 1;
    }
    t
};

impl Normalizer {
    /// The normalizer.
    pub fn new() -> Normalizer {
        Normalizer { _priv: () }
    }

    /// Normalize `text` into `out`, replacing its previous contents.
    ///
    /// # Panics
    ///
    /// Panics if `text` is 4 GiB or longer (offsets are stored as `u32`);
    /// callers reject such input first.
    pub fn normalize_into(&self, text: &str, out: &mut NormText) {
        assert!(text.len() < u32::MAX as usize, "text too long for u32 map");
        out.clear();
        out.norm.reserve(text.len() + 1);
        out.map.reserve(text.len() + 1);
        let bytes = text.as_bytes();
        // The pending separator run.
        let mut run: Option<Run> = None;
        let mut i = 0;
        while i < bytes.len() {
            // Bulk path: a run of plain ASCII (no separator, no backtick)
            // maps byte for byte.
            let plain = bytes[i..]
                .iter()
                .position(|&b| ASCII_CLASS[b as usize] != PLAIN)
                .map_or(bytes.len(), |n| i + n);
            if plain > i {
                if run.is_some_and(|r| !r.is_break())
                    && is_split_period(
                        bytes,
                        i,
                        out.norm.last().copied().unwrap_or(0),
                    )
                {
                    run = None;
                }
                flush_run(&mut run, out);
                out.norm.extend(bytes[i..plain].iter().map(|&b| fold_byte(b)));
                out.map.extend(i as u32..plain as u32);
                i = plain;
                continue;
            }
            let b = bytes[i];
            match ASCII_CLASS[b as usize] {
                SPACE => {
                    run = Some(extend_run(run, i, b == b'-', 0));
                    i += 1;
                    continue;
                }
                NEWLINE => {
                    run = Some(extend_run(run, i, false, 1));
                    i += 1;
                    continue;
                }
                FOLD => {
                    flush_run(&mut run, out);
                    out.norm.push(fold_byte(b));
                    out.map.push(i as u32);
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let c = text[i..].chars().next().expect("i is on a char boundary");
            match classify(c) {
                Class::Separator { breaks } => {
                    run = Some(extend_run(run, i, is_hyphen(c), breaks));
                }
                Class::Ignored => {}
                Class::Text => {
                    let (n, m, pending) = (out.norm.len(), out.map.len(), run);
                    flush_run(&mut run, out);
                    if !fold_char(c, i as u32, out) {
                        // Folded to nothing (a lone combining mark): as if
                        // it were not there, so a separator run goes on.
                        out.norm.truncate(n);
                        out.map.truncate(m);
                        run = pending;
                    }
                }
            }
            i += c.len_utf8();
        }
        flush_run(&mut run, out);
        out.map.push(text.len() as u32);
    }

    /// Normalize `text` into a new string (convenience for tests and
    /// alias preparation; the hot path uses [`Self::normalize_into`]).
    pub fn normalize(&self, text: &str) -> String {
        let mut out = NormText::new();
        self.normalize_into(text, &mut out);
        out.as_str().to_string()
    }

    /// Normalize an alias: like [`Self::normalize`], then trim separator
    /// runs at both ends.
    pub fn normalize_alias(&self, alias: &str) -> String {
        let n = self.normalize(alias);
        n.trim_matches(|c| c == ' ' || c == '\n').to_string()
    }
}

/// A run of separators (whitespace and hyphens) being read.
#[derive(Clone, Copy, Debug)]
struct Run {
    start: usize,
    breaks: u8,
    space: bool,
    hyphen_after_space: bool,
    dash: bool,
}

impl Run {
    fn new(start: usize) -> Run {
        Run {
            start,
            breaks: 0,
            space: false,
            hyphen_after_space: false,
            dash: false,
        }
    }

    fn add(&mut self, hyphen: bool, breaks: u8) {
        self.breaks = self.breaks.saturating_add(breaks);
        if hyphen {
            self.hyphen_after_space |= self.space;
        } else {
            self.dash |= self.hyphen_after_space;
            self.space = true;
        }
    }

    /// Two line breaks, or a hyphen with whitespace on both sides (a
    /// spaced dash, `CRICKET - AUSTRALIA`): a break no alias spans.
    fn is_break(&self) -> bool {
        self.breaks >= 2 || self.dash
    }
}

#[inline]
fn extend_run(run: Option<Run>, at: usize, hyphen: bool, breaks: u8) -> Run {
    let mut run = run.unwrap_or_else(|| Run::new(at));
    run.add(hyphen, breaks);
    run
}

#[inline]
fn flush_run(run: &mut Option<Run>, out: &mut NormText) {
    if let Some(r) = run.take() {
        let start = r.start as u32;
        if r.is_break() {
            out.norm.extend_from_slice(b"\n\n");
            out.map.extend_from_slice(&[start, start]);
        } else {
            out.norm.push(b' ');
            out.map.push(start);
        }
    }
}

/// Whether a separator character is a hyphen (rather than whitespace).
fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2043}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

/// Classify a non-ASCII character.
fn classify(c: char) -> Class {
    match c {
        // Line and paragraph separators, next line.
        '\u{2028}' | '\u{85}' => Class::Separator { breaks: 1 },
        '\u{2029}' => Class::Separator { breaks: 2 },
        // Dashes that mean hyphen: hyphen, non-breaking hyphen, figure dash,
        // en dash, hyphen bullet, small and full-width hyphen-minus. The em
        // dash is punctuation, not a hyphen, and stays.
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2043}'
        | '\u{FE63}' | '\u{FF0D}' => Class::Separator { breaks: 0 },
        // Soft hyphen, zero-width space/joiners, word joiner, BOM.
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}'
        | '\u{FEFF}' => Class::Ignored,
        c if c.is_whitespace() => Class::Separator { breaks: 0 },
        _ => Class::Text,
    }
}

/// Emit the folded form of a non-ASCII text character; false when it
/// folds to nothing.
fn fold_char(c: char, src: u32, out: &mut NormText) -> bool {
    if let Some(s) = special_fold(c) {
        for &b in s.as_bytes() {
            out.norm.push(b);
            out.map.push(src);
        }
        return true;
    }
    let mut emitted = false;
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if let Some(s) = special_fold(d) {
            for &b in s.as_bytes() {
                out.norm.push(b);
                out.map.push(src);
            }
            emitted = true;
            return;
        }
        for l in d.to_lowercase() {
            // Lower-casing may itself produce combining marks (`İ`).
            if is_combining_mark(l) {
                continue;
            }
            let mut buf = [0u8; 4];
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                out.norm.push(b);
                out.map.push(src);
            }
            emitted = true;
        }
    });
    emitted
}

/// Folds that Unicode decomposition does not provide, and quote marks.
fn special_fold(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}'
        | '\u{02BC}' | '\u{02B9}' | '\u{00B4}' | '\u{FF07}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}'
        | '\u{00AB}' | '\u{00BB}' | '\u{FF02}' => "\"",
        'ß' | 'ẞ' => "ss",
        'Æ' | 'æ' => "ae",
        'Œ' | 'œ' => "oe",
        'Ø' | 'ø' => "o",
        'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'Ł' | 'ł' => "l",
        'Þ' | 'þ' => "th",
        'ı' => "i",
        'Ħ' | 'ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        _ => return None,
    })
}

/// The normalized bytes of `text` from a character onwards, produced on
/// demand: what [`Normalizer::normalize_into`] would produce for
/// `&text[start..]`, each byte with the source offset of its character and
/// whether it is the last byte of that character's expansion.
///
/// Normalization only carries state across a pending separator run, and no
/// run is pending at a character that emits output, so matching a trie
/// against this stream from a word start finds exactly what matching the
/// fully normalized text at that position would, without normalizing the
/// rest of the document.
#[derive(Debug)]
pub struct NormStream<'t, 'q> {
    text: &'t str,
    pos: usize,
    /// Pending bytes of a multi-byte expansion (reused buffer).
    queue: &'q mut NormText,
    queue_at: usize,
    queue_src: u32,
    /// The last byte emitted (before the first: the folded ASCII byte
    /// before the start, else 0).
    last: u8,
}

impl<'t, 'q> NormStream<'t, 'q> {
    /// Stream from byte `start`, which must be a char boundary; `queue` is
    /// a reusable buffer.
    #[inline]
    pub fn new(
        text: &'t str,
        start: usize,
        queue: &'q mut NormText,
    ) -> NormStream<'t, 'q> {
        queue.clear();
        NormStream {
            text,
            pos: start,
            queue,
            queue_at: 0,
            queue_src: 0,
            // What the text before `start` ended with, when the stream
            // starts inside an ASCII word (the matcher's shortcut past a
            // word it has already read).
            last: match start.checked_sub(1).map(|i| text.as_bytes()[i]) {
                Some(b) if b < 0x80 => fold_byte(b),
                _ => 0,
            },
        }
    }

    /// The next normalized byte, its source char's offset, and whether it
    /// ends that char's expansion.
    #[inline]
    pub fn next_byte(&mut self) -> Option<(u8, u32, bool)> {
        let next = self.next_inner();
        if let Some((b, _, _)) = next {
            self.last = b;
        }
        next
    }

    #[inline]
    fn next_inner(&mut self) -> Option<(u8, u32, bool)> {
        if self.queue_at < self.queue.norm.len() {
            let b = self.queue.norm[self.queue_at];
            self.queue_at += 1;
            return Some((
                b,
                self.queue_src,
                self.queue_at == self.queue.norm.len(),
            ));
        }
        let bytes = self.text.as_bytes();
        loop {
            let b = *bytes.get(self.pos)?;
            let at = self.pos;
            match ASCII_CLASS[b as usize] {
                PLAIN | FOLD => {
                    self.pos += 1;
                    return Some((fold_byte(b), at as u32, true));
                }
                SPACE | NEWLINE => match self.separator_run(at) {
                    Some(first) => return Some(first),
                    None => continue,
                },
                _ => {}
            }
            let c = self.text[at..].chars().next().expect("char boundary");
            match classify(c) {
                Class::Separator { .. } => match self.separator_run(at) {
                    Some(first) => return Some(first),
                    None => continue,
                },
                Class::Ignored => self.pos += c.len_utf8(),
                Class::Text => {
                    self.pos += c.len_utf8();
                    if let Some(first) = self.fold(c, at) {
                        return Some(first);
                    }
                }
            }
        }
    }

    /// Consume a separator run starting at `at` (with any ignored or
    /// vanishing characters inside it) and emit its first byte.
    /// `None` when the run is the space of a split-off period (see
    /// [`is_split_period`]) and vanishes.
    fn separator_run(&mut self, at: usize) -> Option<(u8, u32, bool)> {
        let bytes = self.text.as_bytes();
        let mut run = Run::new(at);
        while let Some(&b) = bytes.get(self.pos) {
            match ASCII_CLASS[b as usize] {
                SPACE => {
                    run.add(b == b'-', 0);
                    self.pos += 1;
                }
                NEWLINE => {
                    run.add(false, 1);
                    self.pos += 1;
                }
                PLAIN | FOLD => break,
                _ => {
                    let c = self.text[self.pos..]
                        .chars()
                        .next()
                        .expect("char boundary");
                    match classify(c) {
                        Class::Separator { breaks: n } => {
                            run.add(is_hyphen(c), n)
                        }
                        Class::Ignored => {}
                        Class::Text => {
                            self.queue.clear();
                            if fold_char(c, 0, self.queue) {
                                self.queue.clear();
                                break;
                            }
                        }
                    }
                    self.pos += c.len_utf8();
                }
            }
        }
        if run.is_break() {
            self.queue.clear();
            self.queue.norm.extend_from_slice(b"\n\n");
            self.queue_at = 1;
            self.queue_src = at as u32;
            Some((b'\n', at as u32, false))
        } else if is_split_period(bytes, self.pos, self.last) {
            None
        } else {
            Some((b' ', at as u32, true))
        }
    }

    fn fold(&mut self, c: char, at: usize) -> Option<(u8, u32, bool)> {
        self.queue.clear();
        if !fold_char(c, at as u32, self.queue) {
            return None;
        }
        self.queue_at = 1;
        self.queue_src = at as u32;
        Some((self.queue.norm[0], at as u32, self.queue.norm.len() == 1))
    }
}

/// Whether a separator run (no line break in it) before byte `i` is the
/// space of a split-off final period or exclamation mark in pre-tokenized
/// text (`U.S . data`, `Yahoo !`, CoNLL style): it follows a letter or
/// digit (`last`, the last normalized byte, so that normalizing twice
/// changes nothing) and comes before a `.` or `!` that ends the token. The space is dropped, so `U.S .` reads as the
/// alias `U.S.`; the reported span still covers the source text as
/// written. (A period that ends a line is the sentence's: the extractor
/// trims it off a mention again, see `crate::resolve`.)
#[inline]
fn is_split_period(bytes: &[u8], i: usize, last: u8) -> bool {
    last.is_ascii_alphanumeric()
        && matches!(bytes.get(i), Some(b'.' | b'!'))
        && ends_token(bytes, i + 1)
}

/// Whether the text at `i` ends a token once normalized: the end of the
/// text or a separator, after any characters that vanish.
fn ends_token(bytes: &[u8], mut i: usize) -> bool {
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            return matches!(ASCII_CLASS[b as usize], SPACE | NEWLINE);
        }
        // Valid UTF-8 from a char boundary: `i` follows an ASCII byte.
        let s = std::str::from_utf8(&bytes[i..])
            .or_else(|e| std::str::from_utf8(&bytes[i..i + e.valid_up_to()]));
        let Some(c) = s.ok().and_then(|s| s.chars().next()) else {
            return false;
        };
        match classify(c) {
            Class::Separator { .. } => return true,
            Class::Ignored => {}
            Class::Text => {
                let mut probe = NormText::new();
                if fold_char(c, 0, &mut probe) {
                    return false;
                }
            }
        }
        i += c.len_utf8();
    }
    true
}

/// Whether a character counts as a hyphen or whitespace separator.
pub fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t' | '\r' | '\n' | '\x0b' | '\x0c' | '-');
    }
    matches!(classify(c), Class::Separator { .. })
}

/// Whether a character is apostrophe-like (folds to `'`).
pub fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '`' || special_fold(c) == Some("'")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        Normalizer::new().normalize(s)
    }

    /// The stream from a char that emits output equals the suffix of the
    /// full normalization.
    #[test]
    fn stream_equals_normalize_suffix() {
        let z = Normalizer::new();
        for text in [
            "Abu Mahdi\nal-Muhandis",
            "a \u{301} b\n \n c",
            "Qāsem Soleimānī’s ß İzmir",
            "x\u{ad}y \u{2029} z ﬁ",
            "end  ",
            "SOCCER - JAPAN -x - \u{2013} y",
            "the U.S . data , Yahoo !\nFinance 3 .\nU.S .",
        ] {
            let mut full = NormText::new();
            z.normalize_into(text, &mut full);
            for (start, _) in text.char_indices() {
                let mut q = NormText::new();
                let mut st = NormStream::new(text, start, &mut q);
                let mut got = Vec::new();
                while let Some((b, src, last)) = st.next_byte() {
                    got.push((b, src as usize, last));
                }
                // Find where `start` begins in the full normalization.
                let Some(ns) = (0..full.len()).find(|&i| {
                    full.source_start(i) == start && full.is_char_start(i)
                }) else {
                    continue;
                };
                let want: Vec<(u8, usize, bool)> = (ns..full.len())
                    .map(|i| {
                        (
                            full.as_bytes()[i],
                            full.source_start(i),
                            full.is_char_start(i + 1),
                        )
                    })
                    .collect();
                assert_eq!(got, want, "{text:?} from {start}");
            }
        }
    }

    /// Pre-tokenized text splits a final period off its word (`U.S .`);
    /// the space goes, so the alias `U.S.` matches. Only one space after a
    /// letter or digit, before a `.`/`!` that ends the token.
    #[test]
    fn split_periods_join() {
        let cases = [
            ("U.S . data", "u.s. data"),
            ("Yahoo !\nFinance", "yahoo! finance"),
            ("Co . said", "co. said"),
            ("in 1996 . b", "in 1996. b"),
            ("the U.S .\nNext", "the u.s. next"),
            ("the U.S .", "the u.s."),
            ("a .-", "a. "),
            ("a  . b", "a. b"),
            ("a\n\n. b", "a\n\n. b"),
            ("a .. b", "a .. b"),
            ("a .5", "a .5"),
            ("a , b", "a , b"),
            (") . b", ") . b"),
        ];
        for (text, want) in cases {
            assert_eq!(n(text), want, "{text:?}");
        }
    }

    #[test]
    fn ascii_lowercases() {
        assert_eq!(n("BAGHDAD Baghdad"), "baghdad baghdad");
    }

    #[test]
    fn quotes_fold() {
        assert_eq!(n("Kata’ib"), n("Kata'ib"));
        assert_eq!(n("“proportionate”"), "\"proportionate\"");
    }

    #[test]
    fn diacritics_fold() {
        assert_eq!(n("Qāsem Soleimānī"), "qasem soleimani");
        assert_eq!(n("São Paulo"), "sao paulo");
        assert_eq!(n("Erdoğan"), "erdogan");
        assert_eq!(n("Straße"), "strasse");
        assert_eq!(n("Łódź"), "lodz");
    }

    #[test]
    fn dotted_capital_i() {
        // İ (2 bytes) decomposes to I + U+0307; the mark is dropped.
        assert_eq!(n("İzmir"), "izmir");
    }

    #[test]
    fn whitespace_runs() {
        assert_eq!(n("Abu Mahdi\nal-Muhandis"), "abu mahdi al muhandis");
        assert_eq!(n("head\u{a0}Ali  Shamkhani"), "head ali shamkhani");
        assert_eq!(n("a \r\n b"), "a b");
        assert_eq!(n("a\n\nb"), "a\n\nb");
        assert_eq!(n("a\n \n b"), "a\n\nb");
        assert_eq!(n("a\u{2029}b"), "a\n\nb");
    }

    #[test]
    fn spaced_dash_is_a_break() {
        assert_eq!(n("CRICKET - AUSTRALIA"), "cricket\n\naustralia");
        assert_eq!(n("a \u{2013} b"), "a\n\nb");
        assert_eq!(n("a- b"), "a b");
        assert_eq!(n("a -b"), "a b");
        assert_eq!(n("a-b"), "a b");
    }

    #[test]
    fn hyphens_are_spaces() {
        assert_eq!(n("al-Muhandis"), n("al Muhandis"));
        assert_eq!(n("al\u{2010}Muhandis"), "al muhandis");
        assert_eq!(n("al\u{2013}Muhandis"), "al muhandis");
        // A spaced hyphen is a dash: see spaced_dash_is_a_break.
        assert_eq!(n("a - b"), "a\n\nb");
        // The em dash is punctuation.
        assert_eq!(n("a\u{2014}b"), "a\u{2014}b");
    }

    #[test]
    fn soft_hyphen_ignored() {
        assert_eq!(n("Solei\u{ad}mani"), "soleimani");
    }

    #[test]
    fn alias_trimmed() {
        let z = Normalizer::new();
        assert_eq!(z.normalize_alias(" -U.S.- "), "u.s.");
    }

    #[test]
    fn map_points_at_source_chars() {
        let mut out = NormText::new();
        Normalizer::new().normalize_into("İzmir ve\u{a0} Ankara", &mut out);
        assert_eq!(out.as_str(), "izmir ve ankara");
        // 'i' from İ (bytes 0..2), 'z' at byte 2.
        assert_eq!(out.source_start(0), 0);
        assert_eq!(out.source_start(1), 2);
        // "ankara" starts at normalized byte 9, source byte 13
        // (İ=2, zmir=4, space=1, ve=2, nbsp=2, space=1 → 12, +1 for 'A'? no:
        // 2+4+1+2 = 9 is the NBSP, 9+2 = 11 is the space, 12 is 'A').
        assert_eq!(&out.as_str()[9..], "ankara");
        assert_eq!(out.source_start(9), 12);
        assert_eq!(out.source_start(out.len()), "İzmir ve\u{a0} Ankara".len());
    }

    #[test]
    fn char_start_respects_expansions() {
        let mut out = NormText::new();
        Normalizer::new().normalize_into("aß", &mut out);
        assert_eq!(out.as_str(), "ass");
        assert!(out.is_char_start(1));
        assert!(!out.is_char_start(2));
        assert!(out.is_char_start(3));
    }

    #[test]
    fn idempotent_examples() {
        let cases = [
            "İzmir",
            "a\n\n\nb",
            "Æsir ß",
            "ﬁ",
            "x\u{2029}\u{2028}y",
            " \u{301} ",
        ];
        for s in cases {
            assert_eq!(n(&n(s)), n(s), "{s:?}");
        }
    }
}
