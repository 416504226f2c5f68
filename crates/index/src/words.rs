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
