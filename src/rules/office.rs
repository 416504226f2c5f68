//! Offices and parties name their state: `Georgia Gov. Brian Kemp`, `the
//! New York Democrat`, `the state legislature of Georgia` and the party
//! tag `(D-Calif.)` speak of the US state, not of the country Georgia or
//! of New York City. The words around the place are evidence for its
//! first-level division reading, which the document evidence (DESIGN.md,
//! rule 9) then prefers; a party tag's state abbreviation (`Calif.`,
//! `N.Y.`), which the gazetteer does not list, is tagged as the state.
//!
//! The contexts are data (`gazetteers/lexicon/office-contexts.txt`, one
//! pattern a line around `<place>`), and so are the abbreviations
//! (`gazetteers/lexicon/state-abbreviations.txt`: AP style and postal
//! codes).

use crate::mention::Span;
use crate::text::tokenize::{is_boundary, is_end_boundary};

use super::{MentionInfo, Rule, RuleMention, Rules};

/// The embedded office and party contexts.
const CONTEXTS: &str =
    include_str!("../../gazetteers/lexicon/office-contexts.txt");

/// The embedded state abbreviations: `abbreviation<TAB>state`.
const ABBREVIATIONS: &str =
    include_str!("../../gazetteers/lexicon/state-abbreviations.txt");

/// One context: the text before the place, after it (either may be
/// empty) and the country it speaks of (empty for any).
#[derive(Clone, Debug)]
struct Pattern {
    before: String,
    after: String,
    country: String,
    /// The first byte of `after` past a leading space and the last of
    /// `before` before a trailing space, compared before the patterns
    /// (see [`key_after`]): most patterns fail on that byte, and every
    /// ambiguous place with a division among its options is tried.
    after_key: Option<u8>,
    before_key: Option<u8>,
}

/// The placeholder for the place in a context pattern.
const PLACE: &str = "<place>";

/// The words that say a place next to them is a first-level division:
/// the text right before it (`state of `), right after it (` Gov.`), or
/// both (`(D-`, `)`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Contexts {
    /// Each pattern, in file order.
    patterns: Vec<Pattern>,
    /// Party-tag abbreviations, the state each names and its country,
    /// sorted.
    abbreviations: Vec<(String, String, String)>,
}

impl Contexts {
    /// The built-in lists.
    pub(crate) fn builtin() -> Contexts {
        Contexts::from_lists(CONTEXTS, ABBREVIATIONS)
    }

    /// Contexts from pattern lines (`<place> Gov.`, `state of <place>`)
    /// and abbreviation lines (`Calif.<TAB>California<TAB>United
    /// States`); `#` comments.
    pub(crate) fn from_lists(contexts: &str, abbreviations: &str) -> Contexts {
        let mut out = Contexts::default();
        for line in lines(contexts) {
            let (pattern, country) =
                line.split_once('\t').unwrap_or((line, ""));
            let Some(at) = pattern.find(PLACE) else { continue };
            let (before, after) =
                (&pattern[..at], &pattern[at + PLACE.len()..]);
            out.patterns.push(Pattern {
                before: before.to_string(),
                after: after.to_string(),
                country: country.trim().to_string(),
                after_key: key_after(after.as_bytes()),
                // A one-letter `before` may be capitalized: no key.
                before_key: key_before(before.as_bytes())
                    .filter(|_| before.len() > 1),
            });
        }
        for line in lines(abbreviations) {
            let mut fields = line.split('\t').map(str::trim);
            if let (Some(abbr), Some(state), Some(country)) =
                (fields.next(), fields.next(), fields.next())
            {
                out.abbreviations.push((
                    abbr.to_string(),
                    state.to_string(),
                    country.to_string(),
                ));
            }
        }
        out.abbreviations.sort();
        out
    }

    /// Whether the words around `span` of `text` are an office or party
    /// context (`Georgia| Gov.`, `state of |Georgia`, `(R-|Georgia|)`),
    /// and if so the name of the country whose divisions they speak of
    /// (`United States`), or `""` for any.
    pub(crate) fn office(&self, text: &str, span: Span) -> Option<&str> {
        let (head, tail) = (&text[..span.start], &text[span.end..]);
        let (head_key, tail_key) =
            (key_before(head.as_bytes()), key_after(tail.as_bytes()));
        let fits = |key: Option<u8>, text: Option<u8>| match (key, text) {
            (None, _) => true,
            // An apostrophe in a pattern accepts `’` (E2 80 99).
            (Some(b'\''), Some(0xE2 | 0x99)) => true,
            (Some(k), t) => Some(k) == t,
        };
        self.patterns
            .iter()
            .find(|p| {
                fits(p.after_key, tail_key)
                    && fits(p.before_key, head_key)
                    && follows(tail, &p.after)
                    && precedes(head, &p.before)
            })
            .map(|p| p.country.as_str())
    }

    /// The state a party tag's abbreviation names, and its country
    /// (`Calif.` → `California`, `United States`).
    fn state(&self, abbr: &str) -> Option<(&str, &str)> {
        let i = self
            .abbreviations
            .binary_search_by(|(a, ..)| a.as_str().cmp(abbr))
            .ok()?;
        let (_, state, country) = &self.abbreviations[i];
        Some((state, country))
    }
}

/// The first byte of `b` past one leading space, tab or no-break space.
fn key_after(b: &[u8]) -> Option<u8> {
    match b {
        [b' ' | b'\t', rest @ ..] | [0xC2, 0xA0, rest @ ..] => {
            rest.first().copied()
        }
        _ => b.first().copied(),
    }
}

/// The last byte of `b` before one trailing space, tab or no-break space.
fn key_before(b: &[u8]) -> Option<u8> {
    match b {
        [rest @ .., b' ' | b'\t'] | [rest @ .., 0xC2, 0xA0] => {
            rest.last().copied()
        }
        _ => b.last().copied(),
    }
}

/// Non-comment, non-blank lines, trimmed at the end only (a pattern may
/// start with a space: ` Gov.` is not a pattern, `<place> Gov.` is).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Whether pattern character `p` accepts text character `c`: a space any
/// horizontal whitespace, an apostrophe either apostrophe.
fn same(p: char, c: char) -> bool {
    p == c
        || p == ' ' && (c == '\t' || c == '\u{a0}')
        || p == '\'' && c == '\u{2019}'
}

/// Whether `tail` starts with `pattern`, ending at a word boundary when
/// the pattern ends in a letter (` Democrat` is not ` Democratic`).
fn follows(tail: &str, pattern: &str) -> bool {
    let mut t = tail.chars();
    for p in pattern.chars() {
        if !t.next().is_some_and(|c| same(p, c)) {
            return false;
        }
    }
    !pattern.ends_with(char::is_alphanumeric)
        || t.next().is_none_or(|c| !c.is_alphanumeric())
}

/// Whether `head` ends with `pattern`, starting at a word boundary when
/// the pattern starts with a letter; the pattern's first letter may be
/// capitalized (`State of Georgia`).
fn precedes(head: &str, pattern: &str) -> bool {
    let mut h = head.chars().rev();
    let mut ps = pattern.chars().rev().peekable();
    while let Some(p) = ps.next() {
        let Some(c) = h.next() else { return false };
        let first = ps.peek().is_none();
        if !(same(p, c) || first && p.to_uppercase().eq(c.to_uppercase())) {
            return false;
        }
    }
    !pattern.starts_with(char::is_alphanumeric)
        || h.next().is_none_or(|c| !c.is_alphanumeric())
}

impl Rules {
    /// The `office` rule's context around `span`, if any: see
    /// [`Contexts::office`].
    pub(crate) fn office(&self, text: &str, span: Span) -> Option<&str> {
        if !self.on(Rule::Office) {
            return None;
        }
        self.office.office(text, span)
    }

    /// Party tags (`(D-Calif.)`, `, R-Ga.,`): a state abbreviation after
    /// a party letter and a hyphen, with no gazetteer mention on it, is
    /// the state (a LOC rule mention with the state's entity).
    pub(super) fn party_tags(
        &self,
        text: &str,
        mentions: &[crate::mention::Mention],
        info: &dyn MentionInfo,
        add: &mut Vec<RuleMention>,
    ) {
        let b = text.as_bytes();
        for dash in memchr::memchr_iter(b'-', b) {
            // `(D-` or ` R-`: one party letter after `(` or a space.
            if dash < 2
                || !matches!(b[dash - 1], b'D' | b'R' | b'I')
                || !matches!(b[dash - 2], b'(' | b' ')
            {
                continue;
            }
            let start = dash + 1;
            // The abbreviation: letters and periods (`N.Y.`, `Calif.`).
            let len = b[start..]
                .iter()
                .position(|c| !(c.is_ascii_alphabetic() || *c == b'.'))
                .unwrap_or(b.len() - start);
            let end = start + len;
            // A tag closes with `)` or `,`.
            let closed = matches!(b.get(end), Some(b')' | b','));
            if len < 2 || !closed || (b[dash - 2] == b'(') != (b[end] == b')')
            {
                continue;
            }
            let Some((state, country)) = self.office.state(&text[start..end])
            else {
                continue;
            };
            let span = Span { start, end };
            if !is_boundary(text, start) || !is_end_boundary(text, end) {
                continue;
            }
            let taken = mentions
                .iter()
                .any(|m| m.span.start < span.end && span.start < m.span.end)
                || add.iter().any(|m| {
                    m.span.start < span.end && span.start < m.span.end
                });
            if taken {
                continue;
            }
            let Some(entity) = info.division(state, country) else {
                continue;
            };
            add.push(RuleMention {
                span,
                kind: "LOC",
                name: state.to_string(),
                rule: Rule::Office,
                entity: Some(entity),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, place: &str) -> Span {
        let start = text.find(place).unwrap();
        Span { start, end: start + place.len() }
    }

    #[test]
    fn contexts_around_a_place() {
        let c = Contexts::builtin();
        let us = Some("United States");
        let yes = [
            ("the New York Democrat said", "New York", us),
            ("Georgia Gov. Brian Kemp", "Georgia", us),
            ("the state legislature of Georgia met", "Georgia", Some("")),
            ("The State of Georgia sued", "Georgia", Some("")),
            ("the governor of Georgia vetoed", "Georgia", Some("")),
            ("Sen. Smith (R-Georgia) spoke", "Georgia", us),
            ("Rep. Smith, R-Georgia, spoke", "Georgia", us),
            ("Georgia\u{2019}s attorney general spoke", "Georgia", us),
            ("Georgia Republicans voted", "Georgia", us),
        ];
        for (text, place, country) in yes {
            assert_eq!(c.office(text, span(text, place)), country, "{text}");
        }
        let no = [
            ("the New York Democratic primary", "New York"),
            ("Tbilisi, Georgia said", "Georgia"),
            ("Georgia Governorate", "Georgia"),
            ("the interstate of Georgia", "Georgia"),
            ("Georgia", "Georgia"),
            ("Tbilisi (Georgia) and", "Georgia"),
            ("ATLANTA, Georgia, March 6", "Georgia"),
            ("NEW YORK, March 6 - ", "NEW YORK"),
        ];
        for (text, place) in no {
            assert_eq!(c.office(text, span(text, place)), None, "{text}");
        }
    }

    #[test]
    fn ap_abbreviations_and_postal_codes() {
        let c = Contexts::builtin();
        let us = |state| Some((state, "United States"));
        assert_eq!(c.state("Calif."), us("California"));
        assert_eq!(c.state("N.Y."), us("New York"));
        assert_eq!(c.state("Ga."), us("Georgia"));
        assert_eq!(c.state("W.Va."), us("West Virginia"));
        assert_eq!(c.state("TX"), us("Texas"));
        assert_eq!(c.state("Tex."), us("Texas"));
        assert_eq!(c.state("Texas"), None);
        assert_eq!(c.state("Calif"), None);
    }
}
