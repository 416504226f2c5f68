//! Word boundaries decide whether a candidate is a whole-word match: Unicode
//! UAX #29 rules, with an ASCII fast path so boundary checks cost a few
//! comparisons on ordinary English text.
//!
//! entx never tokenizes a whole document. The matcher proposes candidates
//! and only their two ends are checked here. When the characters around a
//! position are ASCII, the UAX #29 rules that can apply to ASCII (WB5–WB13b)
//! are evaluated directly; otherwise a short window of text around the
//! position is segmented with `unicode-segmentation`.
//!
//! On top of UAX #29, a possessive `'s`/`’s` (or a bare apostrophe) after a
//! word ends the word for matching purposes: see [`is_end_boundary`].

use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::is_apostrophe;

/// How far the Unicode fallback looks on either side of a position.
const WINDOW: usize = 64;

/// Whether a position between two bytes of `text` is a UAX #29 word
/// boundary. `pos` must be a char boundary of `text`. The start and the end
/// of the text are boundaries.
pub fn is_boundary(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    if pos == 0 || pos >= b.len() {
        return true;
    }
    let lo = pos.saturating_sub(2);
    let hi = (pos + 2).min(b.len());
    if b[lo..hi].is_ascii() {
        return is_ascii_boundary(b, pos);
    }
    is_unicode_boundary(text, pos)
}

/// Whether a match ending at `pos` ends a word: either `pos` is a word
/// boundary, or what follows is a possessive `'s` / `’s` that is itself
/// followed by a boundary (`Soleimani’s` → `Soleimani`), or a bare
/// apostrophe after a word ending in `s` (`the Americans' claim`).
pub fn is_end_boundary(text: &str, pos: usize) -> bool {
    if is_boundary(text, pos) {
        return true;
    }
    let rest = &text[pos..];
    let mut chars = rest.chars();
    let Some(apos) = chars.next() else { return true };
    if !is_apostrophe(apos) {
        return false;
    }
    let after_apos = pos + apos.len_utf8();
    match chars.next() {
        Some('s' | 'S') => is_boundary(text, after_apos + 1),
        _ => {
            // A bare apostrophe: accept when the word ends in s and the
            // apostrophe is not inside a word (`Jones'` but not `Kata'ib`).
            text[..pos].ends_with(['s', 'S']) && is_boundary(text, after_apos)
        }
    }
}

#[inline]
fn is_letter(b: u8) -> bool {
    b.is_ascii_alphabetic()
}

/// ALetter, Numeric or ExtendNumLet: the ASCII characters that glue to
/// each other (WB5, WB8–WB10, WB13a/b).
#[inline]
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// MidLetter or MidNumLetQ: may join two letters (WB6/WB7).
#[inline]
fn is_mid_letter(b: u8) -> bool {
    matches!(b, b'.' | b'\'' | b':')
}

/// MidNum or MidNumLetQ: may join two digits (WB11/WB12).
#[inline]
fn is_mid_num(b: u8) -> bool {
    matches!(b, b'.' | b'\'' | b',' | b';')
}

fn is_ascii_boundary(b: &[u8], pos: usize) -> bool {
    let (x, y) = (b[pos - 1], b[pos]);
    if b"\r" == &[x] && y == b'\n' {
        return false; // WB3
    }
    if is_word(x) && is_word(y) {
        return false;
    }
    let before2 = if pos >= 2 { Some(b[pos - 2]) } else { None };
    let after2 = b.get(pos + 1).copied();
    // WB6 / WB12: word × mid word.
    if is_word(x) && !is_word(y) {
        if let Some(z) = after2 {
            if is_letter(x) && is_mid_letter(y) && is_letter(z) {
                return false;
            }
            if x.is_ascii_digit() && is_mid_num(y) && z.is_ascii_digit() {
                return false;
            }
        }
        return true;
    }
    // WB7 / WB11: word mid × word.
    if !is_word(x) && is_word(y) {
        if let Some(w) = before2 {
            if is_letter(w) && is_mid_letter(x) && is_letter(y) {
                return false;
            }
            if w.is_ascii_digit() && is_mid_num(x) && y.is_ascii_digit() {
                return false;
            }
        }
        return true;
    }
    // Two non-word ASCII characters: WB3d keeps horizontal whitespace
    // runs together, everything else breaks (WB999).
    !(x == b' ' && y == b' ')
}

fn is_unicode_boundary(text: &str, pos: usize) -> bool {
    let mut start = pos.saturating_sub(WINDOW);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    // Start the window just after an ASCII space when there is one, so
    // segmentation restarts where UAX #29 always breaks anyway.
    if let Some(sp) =
        text.as_bytes()[start..pos].iter().rposition(|&c| c == b' ')
    {
        start += sp + 1;
    }
    let mut end = (pos + WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let window = &text[start..end];
    let target = pos - start;
    if target == 0 {
        // pos directly follows a space: whitespace × letter always breaks
        // unless the character at pos is Extend/Format/ZWJ (WB4), which a
        // segmenter started at the space would see as well.
        let prev_space = &text[start - 1..end];
        return prev_space.split_word_bound_indices().any(|(i, _)| i == 1);
    }
    window.split_word_bound_indices().any(|(i, _)| i == target)
}

// ---------------------------------------------------------------------
// Words: the tokenizer the rules read a document through.

/// One word of the text.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Tok {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) flags: Shape,
    /// Index of the gazetteer mention overlapping the word, or `NO_GAZ`.
    pub(crate) gaz: u32,
    /// Word classes (`C_*`), for capitalized words and the lower-case
    /// words next to them.
    pub(crate) class: u16,
}

pub(crate) const NO_GAZ: u32 = u32::MAX;

bitflags::bitflags! {
    /// What the tokenizer says of a word: its shape (capitalized, all
    /// capitals, initials …) and how it is joined to the word before.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub(crate) struct Shape: u16 {
    /// First character upper-case.
        const CAP = 1;
    /// At least two letters and no lower-case letter.
        const UPPER = 1 << 1;
    /// First character lower-case.
        const LOWER = 1 << 2;
    /// First character a digit.
        const DIGIT = 1 << 3;
    /// Initials: `J.` or `J.K.` (the word includes the final period).
        const INITIAL = 1 << 4;
    /// First word of a sentence or of a line.
        const SENT = 1 << 5;
    /// Separated from the previous word by horizontal whitespace only.
        const JOINED = 1 << 6;
    /// Separated from the previous word by a period and horizontal whitespace.
        const JOINED_DOT = 1 << 7;
    /// Separated from the previous word by `&` (and optional spaces).
        const AMP = 1 << 8;
    /// In a sentence or line written mostly in capitals.
        const SHOUT = 1 << 9;
    /// Followed by a possessive `'s`.
        const POSS = 1 << 10;
    /// Part of a rule mention already.
        const CLAIMED = 1 << 11;
    /// First word of a line.
        const LINE = 1 << 12;
    /// A lower-case name part: `al-Assad`, `bin-Laden`.
        const NAMEPART = 1 << 13;
    /// Directly followed by a period.
        const DOTTED = 1 << 14;
    /// Separated from the previous word by one comma (`Acme , Inc`).
        const COMMA = 1 << 15;
    }
}

/// Words after which a period does not end the sentence.
#[rustfmt::skip]
const ABBREVS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov",
    "Lt", "Col", "Capt", "Sgt", "Prof", "Rev", "Adm", "Maj", "Brig", "Cmdr",
    "No", "Co", "Inc", "Corp", "Ltd", "vs", "v", "Mt", "Ft", "Messrs", "Mme",
];
/// Whether `word` is one of [`ABBREVS`]. Asked at every period after a
/// word; almost all of those words are rejected by their first byte and
/// length before the list is searched (searching the list for every such
/// word was 1.2% of a default run's instructions).
/// `every_abbreviation_passes_the_gate` checks that the gate lets every
/// entry through.
pub(crate) fn is_abbrev(word: &str) -> bool {
    match word.as_bytes() {
        [b'A'..=b'Z', ..] if word.len() <= 6 => ABBREVS.contains(&word),
        [b'v', ..] if word.len() <= 2 => ABBREVS.contains(&word),
        _ => false,
    }
}

/// Whether `c` continues a word.
#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The flags a word starting on an ASCII letter or digit gets from its
/// first byte; 0 for every other byte.
static START_FLAGS: [Shape; 256] = {
    let mut t = [Shape::empty(); 256];
    let mut c = 0;
    while c < 128 {
        t[c] = match c as u8 {
            b'A'..=b'Z' => Shape::CAP,
            b'a'..=b'z' => Shape::LOWER,
            b'0'..=b'9' => Shape::DIGIT,
            _ => Shape::empty(),
        };
        c += 1;
    }
    t
};

/// `letters` plus the letters of `mask`, saturating at 2: the tokenizer
/// only asks whether a word has one letter, or two or more.
#[inline]
fn add_letters(letters: u8, mask: u32) -> u8 {
    (letters + (mask != 0) as u8 + (mask & mask.wrapping_sub(1) != 0) as u8)
        .min(2)
}

/// The end of the ASCII letters and digits from `j`, sixteen bytes at a
/// time; counts their letters into `letters` (saturating at 2) and notes
/// a lower-case one in `lower`.
#[inline]
fn ascii_run(
    b: &[u8],
    mut j: usize,
    letters: &mut u8,
    lower: &mut bool,
) -> usize {
    while let Some(chunk) = b.get(j..j + 16) {
        let (alnum, lo, letter) = crate::text::swar::alnum_lower_letter16(
            chunk.try_into().expect("16 bytes"),
        );
        let k = (!alnum).trailing_zeros();
        let in_word = (1u32 << k) - 1;
        *letters = add_letters(*letters, letter & in_word);
        *lower |= lo & in_word != 0;
        j += k as usize;
        if k < 16 {
            return j;
        }
    }
    while let Some(&c) = b.get(j) {
        if !c.is_ascii_alphanumeric() {
            break;
        }
        if c.is_ascii_alphabetic() {
            *letters = add_letters(*letters, 1);
            *lower |= c.is_ascii_lowercase();
        }
        j += 1;
    }
    j
}

/// What the tokenizer carries from one word to the next.
struct Cursor {
    /// The next word starts a sentence.
    sent: bool,
    /// The next word starts a line.
    line: bool,
    /// Separator since the previous word: 0 spaces only, 1 a period right
    /// after the word then spaces, 2 an ampersand, 4 a comma, 3 anything
    /// else.
    gap: u8,
    /// Where the previous word ended.
    prev_end: usize,
}

impl Cursor {
    fn new() -> Cursor {
        Cursor { sent: true, line: true, gap: 3, prev_end: 0 }
    }

    /// An ASCII byte at `at` between words (not a letter or digit).
    #[inline]
    fn separator(&mut self, c: u8, at: usize, text: &str, toks: &[Tok]) {
        match c {
            b' ' | b'\t' => {}
            b'\n' | b'\r' => {
                self.sent = true;
                self.line = true;
                self.gap = 3;
            }
            b'.' => {
                let after_word = at == self.prev_end && !toks.is_empty();
                let abbrev = after_word && {
                    let t = toks.last().expect("a word");
                    t.flags.intersects(Shape::INITIAL)
                        || is_abbrev(&text[t.start as usize..t.end as usize])
                };
                if !abbrev {
                    self.sent = true;
                }
                self.gap = if after_word && self.gap == 0 { 1 } else { 3 };
            }
            b'!' | b'?' | b':' => {
                self.sent = true;
                self.gap = 3;
            }
            b'&' => self.gap = if self.gap == 0 { 2 } else { 3 },
            b',' => self.gap = if self.gap == 0 { 4 } else { 3 },
            // Quotes and brackets keep a sentence start pending.
            _ => self.gap = 3,
        }
    }

    /// A non-ASCII character between words.
    #[inline]
    fn not_word(&mut self, ch: char) {
        if !ch.is_whitespace() {
            self.gap = 3;
        }
    }

    /// Push the word `start..end` (its flags so far, whether it has one
    /// letter or two or more, and a lower-case one), taking the periods
    /// of initials; returns where the text goes on.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn push_word(
        &mut self,
        text: &str,
        start: usize,
        mut end: usize,
        mut flags: Shape,
        letters: u8,
        lower: bool,
        toks: &mut Vec<Tok>,
    ) -> usize {
        let b = text.as_bytes();
        // Initials: `J.` and `J.K.`.
        if flags.intersects(Shape::CAP)
            && letters == 1
            && end - start <= 4
            && b.get(end) == Some(&b'.')
        {
            let mut k = end + 1;
            while k + 1 < b.len()
                && b[k].is_ascii_uppercase()
                && b[k + 1] == b'.'
            {
                k += 2;
            }
            if char_at(text, k).is_none_or(|c| !is_word_char(c)) {
                end = k;
                flags |= Shape::INITIAL;
            }
        }
        if letters >= 2 && !lower {
            flags |= Shape::UPPER;
        }
        if self.sent {
            flags |= Shape::SENT;
        }
        if self.line {
            flags |= Shape::LINE;
        }
        if b.get(end) == Some(&b'.') {
            flags |= Shape::DOTTED;
        }
        // The flag of each `gap` value (a table: the `match` it replaced
        // was a chain of compares for every word).
        const GAP_FLAGS: [Shape; 5] = [
            Shape::JOINED,
            Shape::JOINED_DOT,
            Shape::AMP,
            Shape::empty(),
            Shape::COMMA,
        ];
        flags |= GAP_FLAGS[self.gap as usize];
        toks.push(Tok {
            start: start as u32,
            end: end as u32,
            flags,
            gaz: NO_GAZ,
            class: 0,
        });
        self.sent = false;
        self.line = false;
        self.gap = if flags.intersects(Shape::POSS) { 3 } else { 0 };
        self.prev_end = end;
        end
    }
}

/// The case flag of a word's first character, when it is not ASCII.
fn first_char_flags(ch: char) -> Shape {
    if ch.is_uppercase() {
        Shape::CAP
    } else if ch.is_lowercase() {
        Shape::LOWER
    } else if ch.is_numeric() {
        Shape::DIGIT
    } else {
        Shape::empty()
    }
}

/// Joiners: an apostrophe or hyphen at `j` between letters. Returns where
/// the word goes on after it, or `None` when the word ends at `j` (with
/// `Shape::POSS` set before a possessive `'s`); sets `Shape::NAMEPART` on `al-Assad`.
#[inline]
fn joiner(text: &str, j: usize, flags: &mut Shape) -> Option<usize> {
    if !matches!(text.as_bytes().get(j), Some(b'\'' | b'-' | 0xE2)) {
        return None;
    }
    let joiner = char_at(text, j)?;
    if !(is_apos(joiner) || joiner == '-') {
        return None;
    }
    let after = j + joiner.len_utf8();
    let next = char_at(text, after)?;
    if !next.is_alphabetic() {
        return None;
    }
    if is_apos(joiner) && (next == 's' || next == 'S') {
        let after_s = after + 1;
        if char_at(text, after_s).is_none_or(|c| !is_word_char(c)) {
            *flags |= Shape::POSS;
            return None;
        }
    }
    if joiner == '-' && flags.intersects(Shape::LOWER) && next.is_uppercase() {
        *flags |= Shape::NAMEPART;
    }
    Some(after)
}

/// Split `text` into words with the flags the rules need. Linear; no
/// allocation beyond `toks`.
pub(crate) fn tokenize(text: &str, toks: &mut Vec<Tok>) {
    toks.clear();
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut cur = Cursor::new();
    while i < n {
        let c = b[i];
        let mut flags = START_FLAGS[c as usize];
        // Branches, not a `match` on a class: a jump table here was
        // mispredicted four times in ten.
        if flags.is_empty() {
            if c == b' ' {
                i += 1;
                continue;
            }
            if c < 0x80 {
                cur.separator(c, i, text, toks);
                i += 1;
                continue;
            }
            let ch = char_at(text, i).unwrap_or(' ');
            if !is_word_char(ch) {
                cur.not_word(ch);
                i += ch.len_utf8();
                continue;
            }
            flags = first_char_flags(ch);
        }
        // A word.
        let start = i;
        let mut j = i;
        let mut letters = 0u8;
        let mut lower = false;
        loop {
            j = ascii_run(b, j, &mut letters, &mut lower);
            let Some(&c) = b.get(j) else { break };
            if c == b' ' {
                break; // the common case, settled first
            }
            if c >= 0x80 {
                let ch = char_at(text, j).unwrap_or(' ');
                if is_word_char(ch) {
                    if ch.is_alphabetic() {
                        letters = add_letters(letters, 1);
                        lower |= ch.is_lowercase();
                    }
                    j += ch.len_utf8();
                    continue;
                }
            } else if flags.intersects(Shape::DIGIT)
                && matches!(c, b'.' | b',')
                && b.get(j + 1).is_some_and(u8::is_ascii_digit)
            {
                // `63.02`, `1,071`: one number.
                j += 1;
                continue;
            }
            match joiner(text, j, &mut flags) {
                Some(after) => j = after,
                None => break,
            }
        }
        i = cur.push_word(text, start, j, flags, letters, lower, toks);
        // One space after a word, as the loop would skip it.
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
}

/// Flag the words of sentences and lines written mostly in capitals
/// (`LONDON 1996-08-30`, `NEW YORK 74 55 .574`, headlines).
pub(crate) fn mark_shouting(toks: &mut [Tok]) {
    let mut s = 0;
    while s < toks.len() {
        let mut e = s + 1;
        while e < toks.len() && !toks[e].flags.intersects(Shape::SENT) {
            e += 1;
        }
        let (mut alpha, mut upper) = (0, 0);
        for t in &toks[s..e] {
            if t.flags.intersects(Shape::CAP | Shape::LOWER) {
                alpha += 1;
                if t.flags.intersects(Shape::UPPER) {
                    upper += 1;
                }
            }
        }
        if upper >= 2 && upper * 2 > alpha
            || upper >= 1 && alpha == 1 && e - s > 1
        {
            for t in &mut toks[s..e] {
                t.flags |= Shape::SHOUT;
            }
        }
        s = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every UAX #29 boundary of `text`, computed by unicode-segmentation.
    fn reference(text: &str) -> Vec<usize> {
        let mut v: Vec<usize> =
            text.split_word_bound_indices().map(|(i, _)| i).collect();
        v.push(text.len());
        v
    }

    fn ours(text: &str) -> Vec<usize> {
        (0..=text.len())
            .filter(|&i| text.is_char_boundary(i) && is_boundary(text, i))
            .collect()
    }

    #[test]
    fn agrees_with_unicode_segmentation() {
        for text in [
            "Iran-backed militias",
            "U.S.-designated",
            "Iranian Iran",
            "3.14 and 1,000,000 people",
            "can't won't O'Brien",
            "Soleimani’s death",
            "Qāsem Soleimānī",
            "İzmir ve Ankara",
            "a_b c:d e.f",
            "日本の東京",
            "emoji 🎉 here",
            "tab\tand  two spaces\r\nnext",
            "combining e\u{301}clair",
        ] {
            assert_eq!(ours(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn iran_not_in_iranian() {
        assert!(!is_boundary("Iranian", 4));
        assert!(is_boundary("Iran-backed", 4));
        assert!(is_boundary("U.S.-designated", 4));
    }

    #[test]
    fn possessives_end_words() {
        assert!(is_end_boundary("Soleimani’s death", 9));
        assert!(is_end_boundary("Soleimani's death", 9));
        assert!(is_end_boundary("Americans' claim", 9));
        assert!(!is_end_boundary("Kata'ib", 4));
        assert!(!is_end_boundary("Iran'sx", 4));
        assert!(is_end_boundary("Iran's", 4));
    }
}

#[cfg(test)]
mod word_tests {
    use super::*;

    /// The tokenizer's word scanning as it was before the masks, one byte
    /// or character at a time (separators, joiners and the finished word's
    /// flags are shared): what [`tokenize`] must agree with.
    fn tokenize_bytewise(text: &str, toks: &mut Vec<Tok>) {
        toks.clear();
        let b = text.as_bytes();
        let n = b.len();
        let mut i = 0;
        let mut cur = Cursor::new();
        while i < n {
            let c = b[i];
            if c < 0x80 && !c.is_ascii_alphanumeric() {
                cur.separator(c, i, text, toks);
                i += 1;
                continue;
            }
            let mut flags = match c {
                b'A'..=b'Z' => Shape::CAP,
                b'a'..=b'z' => Shape::LOWER,
                b'0'..=b'9' => Shape::DIGIT,
                _ => {
                    let ch = char_at(text, i).unwrap_or(' ');
                    if !is_word_char(ch) {
                        cur.not_word(ch);
                        i += ch.len_utf8();
                        continue;
                    }
                    first_char_flags(ch)
                }
            };
            let start = i;
            let mut j = i;
            let mut letters = 0u32;
            let mut lower = false;
            loop {
                while j < n {
                    let c = b[j];
                    if c < 0x80 {
                        if !c.is_ascii_alphanumeric() {
                            if flags.intersects(Shape::DIGIT)
                                && matches!(c, b'.' | b',')
                                && b.get(j + 1).is_some_and(u8::is_ascii_digit)
                            {
                                j += 1;
                                continue;
                            }
                            break;
                        }
                        if c.is_ascii_alphabetic() {
                            letters += 1;
                            lower |= c.is_ascii_lowercase();
                        }
                        j += 1;
                    } else {
                        let ch = char_at(text, j).unwrap_or(' ');
                        if !is_word_char(ch) {
                            break;
                        }
                        if ch.is_alphabetic() {
                            letters += 1;
                            lower |= ch.is_lowercase();
                        }
                        j += ch.len_utf8();
                    }
                }
                match joiner(text, j, &mut flags) {
                    Some(after) => j = after,
                    None => break,
                }
            }
            let letters = letters.min(2) as u8;
            i = cur.push_word(text, start, j, flags, letters, lower, toks);
        }
    }

    /// Words of `text` as (word, flags) pairs, for the table test.
    fn words(text: &str) -> Vec<(&str, Shape)> {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        toks.iter()
            .map(|t| (&text[t.start as usize..t.end as usize], t.flags))
            .collect()
    }

    #[test]
    fn every_abbreviation_passes_the_gate() {
        for w in ABBREVS {
            assert!(is_abbrev(w), "{w}");
        }
        for w in ["mr", "Mr.", "MESSRS.", "Messrsx", "vv", "said", "V", ""] {
            assert!(!is_abbrev(w), "{w}");
        }
    }

    /// One row per tokenizer rule; flags worked out by hand.
    #[test]
    fn tokenizer_table() {
        let rows: &[(&str, &[(&str, Shape)])] = &[
            // Sentence and line starts; words joined by spaces only.
            (
                "Ab cd",
                &[
                    ("Ab", Shape::CAP | Shape::SENT | Shape::LINE),
                    ("cd", Shape::LOWER | Shape::JOINED),
                ],
            ),
            // Two or more letters, none lower-case: Shape::UPPER.
            (
                "NEW York",
                &[
                    (
                        "NEW",
                        Shape::CAP | Shape::UPPER | Shape::SENT | Shape::LINE,
                    ),
                    ("York", Shape::CAP | Shape::JOINED),
                ],
            ),
            // `63.02` and `1,071` are one number each.
            (
                "63.02 1,071",
                &[
                    ("63.02", Shape::DIGIT | Shape::SENT | Shape::LINE),
                    ("1,071", Shape::DIGIT | Shape::JOINED),
                ],
            ),
            // Initials take their periods; `Mr.` does not end a sentence.
            (
                "J.K. Rowling met Mr. Smith",
                &[
                    (
                        "J.K.",
                        Shape::CAP
                            | Shape::INITIAL
                            | Shape::SENT
                            | Shape::LINE,
                    ),
                    ("Rowling", Shape::CAP | Shape::JOINED),
                    ("met", Shape::LOWER | Shape::JOINED),
                    ("Mr", Shape::CAP | Shape::JOINED | Shape::DOTTED),
                    ("Smith", Shape::CAP | Shape::JOINED_DOT),
                ],
            ),
            // A period that is not an abbreviation's starts a sentence.
            (
                "ends. Next",
                &[
                    (
                        "ends",
                        Shape::LOWER
                            | Shape::SENT
                            | Shape::LINE
                            | Shape::DOTTED,
                    ),
                    ("Next", Shape::CAP | Shape::SENT | Shape::JOINED_DOT),
                ],
            ),
            // A possessive `'s` (either apostrophe) ends the word, and its
            // `s` is a word of its own, not joined; other apostrophes join.
            (
                "Smith\u{2019}s O'Neil",
                &[
                    (
                        "Smith",
                        Shape::CAP | Shape::POSS | Shape::SENT | Shape::LINE,
                    ),
                    ("s", Shape::LOWER),
                    ("O'Neil", Shape::CAP | Shape::JOINED),
                ],
            ),
            // A hyphen joins letters; lower-case before upper is a name
            // part.
            (
                "al-Assad Anne-Gaelle",
                &[
                    (
                        "al-Assad",
                        Shape::LOWER
                            | Shape::NAMEPART
                            | Shape::SENT
                            | Shape::LINE,
                    ),
                    ("Anne-Gaelle", Shape::CAP | Shape::JOINED),
                ],
            ),
            // `&` and `,` between words.
            (
                "Procter & Gamble, Inc",
                &[
                    ("Procter", Shape::CAP | Shape::SENT | Shape::LINE),
                    ("Gamble", Shape::CAP | Shape::AMP),
                    ("Inc", Shape::CAP | Shape::COMMA),
                ],
            ),
            // A line break starts a line and a sentence; `:` a sentence.
            (
                "a\nb: c",
                &[
                    ("a", Shape::LOWER | Shape::SENT | Shape::LINE),
                    ("b", Shape::LOWER | Shape::SENT | Shape::LINE),
                    ("c", Shape::LOWER | Shape::SENT),
                ],
            ),
            // Non-ASCII letters, combining marks and caseless scripts.
            (
                "Émile Zola\u{301} \u{4e00}\u{4e8c}",
                &[
                    ("Émile", Shape::CAP | Shape::SENT | Shape::LINE),
                    ("Zola\u{301}", Shape::CAP | Shape::JOINED),
                    ("\u{4e00}\u{4e8c}", Shape::UPPER | Shape::JOINED),
                ],
            ),
            // Words longer than sixteen bytes, crossing chunks.
            (
                "Abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                &[
                    (
                        "Abcdefghijklmnopqrstuvwxyz",
                        Shape::CAP | Shape::SENT | Shape::LINE,
                    ),
                    (
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        Shape::CAP | Shape::UPPER | Shape::JOINED,
                    ),
                ],
            ),
        ];
        for (text, want) in rows {
            assert_eq!(words(text), *want, "{text:?}");
        }
    }

    proptest::proptest! {
        /// The masked tokenizer finds the same words with the same flags
        /// as the bytewise one, on texts of the characters that matter to
        /// it, long enough to cross its sixteen-byte chunks.
        #[test]
        fn tokenizer_agrees_with_bytewise(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "A", "b", "Z", "z", "q", "0", "9", ".", ",", "'", "\u{2019}",
                    "-", " ", " ", "\t", "\n", "\r", "&", "!", "?", ":", "_",
                    "\"", "(", "s", "S", "J.", "Mr", "Inc", "é", "É", "ß",
                    "\u{1c5}", "\u{4e00}", "\u{301}", "\u{a0}", "\u{663}",
                    "\u{2014}", "\u{201c}", "abcdefghijklmnop", "ABCDEFGHIJ",
                    "1234567", "\u{2013}",
                ]),
                0..60,
            )
        ) {
            let text: String = parts.concat();
            let (mut got, mut want) = (Vec::new(), Vec::new());
            tokenize(&text, &mut got);
            tokenize_bytewise(&text, &mut want);
            let key = |t: &Tok| (t.start, t.end, t.flags);
            proptest::prop_assert_eq!(
                got.iter().map(key).collect::<Vec<_>>(),
                want.iter().map(key).collect::<Vec<_>>(),
                "{:?}", text
            );
        }
    }
}
