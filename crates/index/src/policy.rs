//! Which aliases fall under the common-word rule: decided once here, so
//! that the index (which marks them) and `entx gazetteer lint` (which
//! reports them) cannot disagree.

/// The places of the built-in gazetteer below country rank whose alias is
/// a single common English word (`Nice`, `Reading`, `Split`, `Bath`): such
/// an alias must be capitalized in running text, so it does not match at
/// the start of a sentence or in all-caps text, where capitals say
/// nothing.
///
/// The rule guards the built-in long tail of small places, which nobody
/// chose one by one; an entry a user wrote (`builtin` false) is matched as
/// listed (`Turkey said no`). An alias in capitals (`US`, `IT`) is an
/// acronym, never the lower-case word.
pub fn is_common_word_alias(
    builtin: bool,
    kind: &str,
    priority: i64,
    alias: &str,
    norm: &str,
) -> bool {
    builtin
        && kind == "LOC"
        && priority < 30
        && alias.chars().next().is_some_and(char::is_uppercase)
        && !is_acronym(alias)
        && crate::words::is_common_word(norm)
}

/// Two letters or more and none of them lower-case.
fn is_acronym(alias: &str) -> bool {
    alias.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !alias.chars().any(char::is_lowercase)
}

/// Whether a source name is one of the built-in gazetteer's files.
pub fn is_builtin_source(name: &str) -> bool {
    name.starts_with("<builtin>/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per condition of the rule, worked out by hand.
    #[test]
    fn common_word_alias_table() {
        let rows: &[(bool, &str, i64, &str, &str, bool)] = &[
            // A small built-in place named like a word.
            (true, "LOC", 10, "Reading", "reading", true),
            // A user's entry is matched as listed.
            (false, "LOC", 10, "Reading", "reading", false),
            // Countries are exempt.
            (true, "LOC", 30, "Turkey", "turkey", false),
            // Not a place.
            (true, "ORG", 10, "Reading", "reading", false),
            // An acronym is not the word.
            (true, "LOC", 10, "US", "us", false),
            // Not a common word.
            (true, "LOC", 10, "Baghdad", "baghdad", false),
        ];
        for &(builtin, kind, priority, alias, norm, want) in rows {
            assert_eq!(
                is_common_word_alias(builtin, kind, priority, alias, norm),
                want,
                "{alias} {kind} {priority} builtin={builtin}"
            );
        }
    }
}
