//! Which aliases fall under the common-word rule: decided once here, so
//! that the index (which marks them) and `entx gazetteer lint` (which
//! reports them) cannot disagree.

/// The places below country rank whose alias is a single common English
/// word (`Nice`, `Reading`, `Split`, `Bath`): such an alias must be
/// capitalized in running text, so it does not match at the start of a
/// sentence or in all-caps text, where capitals say nothing.
pub fn is_common_word_alias(
    kind: &str,
    priority: i64,
    alias: &str,
    norm: &str,
) -> bool {
    kind == "LOC"
        && priority < 30
        && alias.chars().next().is_some_and(char::is_uppercase)
        && crate::words::is_common_word(norm)
}
