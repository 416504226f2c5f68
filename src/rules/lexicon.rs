//! The rules' lexicon: the word lists under `gazetteers/lexicon/` and the
//! word classes they give each word of a document.
//!
//! Lists are data, not code: one entry a line, `#` comments, embedded in
//! the binary. Some lists are matched as written (titles, roles,
//! particles, organization suffixes), others folded like the gazetteer
//! (case, diacritics, hyphens: stop words, generic nouns, given names).

use crate::normalize::{NormText, Normalizer};
use crate::text::tokenize::{Shape, Tok};

use super::wordmap::{ShortKey, WordMap};
use super::Rules;

/// The embedded list of given names.
pub const GIVEN_NAMES: &str =
    include_str!("../../gazetteers/lexicon/given-names.txt");
/// The embedded list of organization suffixes and heads.
pub const ORG_SUFFIXES: &str =
    include_str!("../../gazetteers/lexicon/org-suffixes.txt");

/// The embedded list of East Asian family names written first.
const SURNAMES_FIRST: &str =
    include_str!("../../gazetteers/lexicon/surnames-east-asian.txt");

/// The embedded list of words of sports reporting.
const SPORTS_WORDS: &str =
    include_str!("../../gazetteers/lexicon/sports-words.txt");

/// Lists matched folded, with the class each gives.
const FOLDED: &[(&str, Class)] = &[
    (include_str!("../../gazetteers/lexicon/stop-words.txt"), Class::STOP),
    (
        include_str!("../../gazetteers/lexicon/generic-nouns.txt"),
        Class::GENERIC,
    ),
    (include_str!("../../gazetteers/lexicon/event-words.txt"), Class::EVENT),
    (
        include_str!("../../gazetteers/lexicon/org-stop-words.txt"),
        Class::ORG_OK,
    ),
];

/// Lists matched as written, with the class each gives.
const EXACT: &[(&str, Class)] = &[
    (include_str!("../../gazetteers/lexicon/titles.txt"), Class::TITLE),
    (
        include_str!("../../gazetteers/lexicon/title-modifiers.txt"),
        Class::TITLE_MOD,
    ),
    (include_str!("../../gazetteers/lexicon/particles.txt"), Class::PARTICLE),
    (include_str!("../../gazetteers/lexicon/roles.txt"), Class::ROLE),
    (
        include_str!("../../gazetteers/lexicon/capitalized-particles.txt"),
        Class::CAP_PARTICLE,
    ),
    (include_str!("../../gazetteers/lexicon/numerals.txt"), Class::NUMERAL),
];

/// Given-name flags.
pub(super) const NAME_AMBIGUOUS: u8 = 1;
pub(super) const NAME_FAMILY_FIRST: u8 = 2;

bitflags::bitflags! {
    /// The classes the lexicon gives a word (a word may have several).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub(crate) struct Class: u16 {
        /// A stop word: not a name when capitalized at a sentence start.
        const STOP = 1;
        /// A generic noun (`Street`, `Cup`): the sequence is a place, event or thing.
        const GENERIC = 1 << 1;
        /// A given name.
        const GIVEN = 1 << 2;
        /// A given name that is also a common word (`Will`).
        const AMBIGUOUS = 1 << 3;
        /// A family name written first (`Li`, `Kim`).
        const FAMILY_FIRST = 1 << 4;
        /// A company or institution word that ends a name (`Inc`, `University`).
        const SUFFIX = 1 << 5;
        /// A company form that stays a suffix before a capitalized word.
        const STRONG = 1 << 6;
        /// An institution word with an `of`/`for` complement (`Bank of`).
        const HEAD_OF = 1 << 7;
        /// A title (`President`, `Mr`).
        const TITLE = 1 << 8;
        /// A word that may precede a title (`Prime`, `Foreign`).
        const TITLE_MOD = 1 << 9;
        /// A lower-case particle inside a name (`al`, `de`).
        const PARTICLE = 1 << 10;
        /// A role noun before a name (`coach`, `striker`).
        const ROLE = 1 << 11;
        /// A word that ends an organization prefix as an event (`Cup`).
        const EVENT = 1 << 12;
        /// A stop word that may start an organization (`First`, `New`).
        const ORG_OK = 1 << 13;
        /// A capitalized particle that starts a surname (`de Silva`, `Van
        /// Basten`).
        const CAP_PARTICLE = 1 << 14;
        /// A Roman numeral after a name (`Leopold III`).
        const NUMERAL = 1 << 15;
    }
}

impl Rules {
    /// Rules from lists in the formats of the built-in files: one entry a
    /// line, `#` comments. A given name may end in `?` (also a common word:
    /// not trusted at the start of a sentence) and/or `*` (a family name
    /// written first: `Li`, `Kim`). An org line is a suffix word (`Inc`),
    /// or an institution word followed by ` of` or ` for` (`Bank of`); the
    /// suffixes before a line `# ---- company words ----` are company forms
    /// that stay suffixes even when a capitalized word follows.
    pub fn from_lists(given_names: &str, org_suffixes: &str) -> Rules {
        let mut rules = Rules {
            exact: WordMap::default(),
            folded: WordMap::default(),
            sports_words: WordMap::default(),
            sports_firsts: [0; 16],
            surnames_first: WordMap::default(),
            longer: WordMap::default(),
            office: super::office::Contexts::builtin(),
            title_case: super::titlecase::Words::builtin(),
            enabled: u32::MAX,
        };
        for &(list, class) in super::longer::LISTS {
            for w in lines(list) {
                *rules.longer.entry(w, 0) |= class;
            }
        }
        let mut key = String::new();
        let mut norm = NormText::new();
        let mut folded = |word: &str, class: Class, rules: &mut Rules| {
            fold_into(word, &mut key, &mut norm);
            *rules.folded.entry(&key, Class::empty()) |= class;
        };
        for &(list, class) in FOLDED {
            for w in lines(list) {
                folded(w, class, &mut rules);
            }
        }

        for line in lines(given_names) {
            let word = line.trim_end_matches(['?', '*']);
            let marks = &line[word.len()..];
            let mut class = Class::GIVEN;
            if marks.contains('?') {
                class |= Class::AMBIGUOUS;
            }
            if marks.contains('*') {
                class |= Class::FAMILY_FIRST;
            }
            folded(word.trim(), class, &mut rules);
        }
        let exact = |word: &str, class: Class, rules: &mut Rules| {
            *rules.exact.entry(word, Class::empty()) |= class;
        };
        for &(list, class) in EXACT {
            for w in lines(list) {
                exact(w, class, &mut rules);
            }
        }
        let mut strong = true;
        for line in org_suffixes.lines().map(str::trim) {
            if line.starts_with("# ---- company words") {
                strong = false;
            }
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(head) =
                line.strip_suffix(" of").or_else(|| line.strip_suffix(" for"))
            {
                exact(head.trim(), Class::HEAD_OF, &mut rules);
            } else {
                let class = if strong {
                    Class::SUFFIX | Class::STRONG
                } else {
                    Class::SUFFIX
                };
                exact(line.trim_end_matches('.'), class, &mut rules);
            }
        }
        let (mut key, mut norm) = (String::new(), NormText::new());
        for (n, w) in lines(SPORTS_WORDS).enumerate() {
            fold_into(w, &mut key, &mut norm);
            rules.sports_words.entry(&key, n as u16);
            let first = key.as_bytes()[0];
            if first.is_ascii_lowercase() && key.len() < 16 {
                rules.sports_firsts[key.len()] |= 1 << (first - b'a');
            }
        }
        for line in lines(SURNAMES_FIRST) {
            let (name, lang) = line.split_once('\t').unwrap_or((line, ""));
            fold_into(name.trim(), &mut key, &mut norm);
            *rules.surnames_first.entry(&key, 0) |=
                super::family::language_bit(lang.trim());
        }
        rules
    }

    /// Look up the classes of the words that can matter: capitalized
    /// words, and lower-case words next to one. The capitalized stop
    /// words inside a sentence (`Says` in `Iran Says It …`), which may
    /// mark a Title-Case line, go to `marks`.
    pub(super) fn classify(
        &self,
        text: &str,
        toks: &mut [Tok],
        key: &mut String,
        norm: &mut NormText,
        marks: &mut Vec<u32>,
    ) {
        marks.clear();
        let n = toks.len();
        let bytes = text.as_bytes();
        for i in 0..n {
            let f = toks[i].flags;
            let (s, e) = (toks[i].start as usize, toks[i].end as usize);
            let w = &text[s..e];
            let mut class = Class::empty();
            if f.intersects(Shape::CAP | Shape::NAMEPART) {
                match ShortKey::new_in(bytes, s, e) {
                    // Most words: fold the key itself, no string.
                    Some(k) if k.is_ascii() => {
                        class =
                            self.exact.get_short(k).unwrap_or(Class::empty())
                                | self
                                    .folded
                                    .get_short(k.fold_ascii())
                                    .unwrap_or(Class::empty());
                    }
                    _ => {
                        class = self.exact.get(w).unwrap_or(Class::empty());
                        fold_into(w, key, norm);
                        class |=
                            self.folded.get(key).unwrap_or(Class::empty());
                    }
                }
            } else if f.intersects(Shape::LOWER)
                && (i + 1 < n
                    && toks[i + 1]
                        .flags
                        .intersects(Shape::CAP | Shape::NAMEPART)
                    || i > 0 && toks[i - 1].flags.intersects(Shape::CAP))
            {
                class = match ShortKey::new_in(bytes, s, e) {
                    Some(k) => self.exact.get_short(k),
                    None => self.exact.get(w),
                }
                .unwrap_or(Class::empty());
            }
            toks[i].class = class.bits();
            if class.intersects(Class::STOP)
                && f & (Shape::CAP | Shape::UPPER | Shape::SENT) == Shape::CAP
            {
                marks.push(i as u32);
            }
        }
    }
}

/// How many given names the built-in lexicon lists.
pub fn given_name_count() -> usize {
    lines(GIVEN_NAMES).count()
}

/// Non-comment, non-blank lines, trimmed.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Fold a word the way the gazetteer does (case, diacritics, hyphens).
pub(super) fn fold_into(word: &str, key: &mut String, norm: &mut NormText) {
    key.clear();
    if word.is_ascii() {
        for &b in word.as_bytes() {
            key.push(entx_index::fold::fold_word_byte(b) as char);
        }
        return;
    }
    Normalizer::new().normalize_into(word, norm);
    key.push_str(norm.as_str().trim());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    proptest::proptest! {
        /// Word classes found through integer keys (folded inside the key
        /// for ASCII words) are those of the words looked up as strings,
        /// folded with `fold_into`: on words of the built-in lists in
        /// mixed case, hyphenated, with diacritics, and longer than a key.
        #[test]
        fn classify_agrees_with_string_lookups(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "President", "PRESIDENT", "president", "Inc", "inc", "INC",
                    "Ltd", "Bank", "of", "John", "JOHN", "john", "Li", "Kim",
                    "al", "-", "`", "'", "The", "Monday", "José", "JOSÉ",
                    "Zoë", "Ł", "ﬁ", "Corporation", "Incorporated", "De", "de",
                    "Sanchez-Vicario", "Anne-Marie", "Tuesday", "Secretary",
                    "Internationalization", "xxxxxxxxxxxxxxxx", " ", " ",
                    " ", ". ", "\n", "ǅ",
                ]),
                0..40,
            )
        ) {
            let text: String = parts.concat();
            let rules = Rules::builtin();
            let mut toks = Vec::new();
            tokenize(&text, &mut toks);
            let (mut key, mut norm) = (String::new(), NormText::new());
            let mut marks = Vec::new();
            rules.classify(&text, &mut toks, &mut key, &mut norm, &mut marks);
            for (i, t) in toks.iter().enumerate() {
                let w = &text[t.start as usize..t.end as usize];
                let f = t.flags;
                let mut want = Class::empty();
                if f.intersects(Shape::CAP | Shape::NAMEPART) {
                    fold_into(w, &mut key, &mut norm);
                    want = rules.exact.get(w).unwrap_or(Class::empty())
                        | rules.folded.get(&key).unwrap_or(Class::empty());
                } else if f.intersects(Shape::LOWER)
                    && (toks.get(i + 1).is_some_and(|n| n.flags.intersects(Shape::CAP | Shape::NAMEPART))
                        || i > 0 && toks[i - 1].flags.intersects(Shape::CAP))
                {
                    want = rules.exact.get(w).unwrap_or(Class::empty());
                }
                proptest::prop_assert_eq!(t.class, want.bits(), "{:?} in {:?}", w, text);
            }
        }
    }
}
