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
