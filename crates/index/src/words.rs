//! Common English words (SCOWL, see `gazetteers/common-words.txt`): the
//! list behind the common-word rule and `entx gazetteer lint`.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The embedded word list.
const TEXT: &str = include_str!("../../../gazetteers/common-words.txt");

/// The set of common English words (lower case).
pub fn common_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        TEXT.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether a normalized alias is a single common English word.
pub fn is_common_word(norm: &str) -> bool {
    common_words().contains(norm)
}

/// Whether `word` (lower case) is in the list, by binary search over its
/// sorted lines: nothing is built, for callers that ask about a few words
/// now and then (the rules' `title-case` and `byline`) and should not pay
/// for [`common_words`]' set.
pub fn is_listed(word: &str) -> bool {
    static BODY: OnceLock<&'static [u8]> = OnceLock::new();
    let body = BODY.get_or_init(|| {
        let header = TEXT
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.len() + 1)
            .sum::<usize>();
        &TEXT.as_bytes()[header.min(TEXT.len())..]
    });
    let word = word.as_bytes();
    let (mut lo, mut hi) = (0, body.len());
    // `lo` and `hi` stay at line starts (or the end).
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start =
            body[..mid].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let end = body[mid..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.len(), |p| mid + p);
        match body[start..end].cmp(word) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_search_agrees_with_the_set() {
        for &w in common_words() {
            assert!(is_listed(w), "{w}");
        }
        for w in ["", "aardvarks", "zzz", "smithy", "Smith", "a b", "#"] {
            assert_eq!(is_listed(w), common_words().contains(w), "{w}");
        }
    }
}
