//! Acronyms the article defines: "the World Health Organization (WHO)",
//! "Ziosk Holdings Inc (ZHI)", "General Motors Co (NYSE: GM)". The short
//! form becomes an alias of the long form for this document, so the
//! parenthesised form and every later one are tagged as the long form is.
//!
//! Long forms are found as Schwartz and Hearst do ("A simple algorithm
//! for identifying abbreviation definitions in biomedical text", 2003):
//! the short form's letters, read from the last, are found in order in the
//! words before the parenthesis, and its first letter starts a word; the
//! shortest such long form wins. entx adds what news needs: the long form
//! is a name (its words capitalized, `of`/`for`/`and`/`the`/`&` between
//! them), and a ticker after an exchange (`NYSE: GM`) names the company
//! just before it without spelling it.

use crate::gazetteer::EntityId;
use crate::mention::Span;
use crate::text::tokenize::{is_boundary, is_end_boundary, Shape, NO_GAZ};

use super::document::Doc;
use super::{Rule, RuleMention};

/// Exchanges whose tickers follow a company's name in parentheses.
const EXCHANGES: &[&str] = &[
    "NYSE", "NASDAQ", "Nasdaq", "AMEX", "LSE", "TSX", "TSE", "ASX", "HKEX",
    "NYSEArca", "OTC", "Euronext", "Xetra", "SIX", "NSE", "BSE",
];

/// Words that may sit inside a long form without a capital, in English
/// and in the languages whose party and company names news quotes
/// (`Open Vlaamse Liberalen en Democraten (VLD)`, `Partido de la
/// Revolución Democrática`).
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "the", "on", "de", "du", "des", "la", "le", "del",
    "di", "da", "en", "et", "e", "y", "und", "van", "von",
];

/// What a defined short form stands for.
#[derive(Clone, Debug)]
struct Definition {
    /// Index of the short form's word.
    short: usize,
    kind: &'static str,
    name: String,
    entity: Option<EntityId>,
    /// The long form, when no mention has it yet and it is to be tagged.
    long: Option<Span>,
}

impl Doc<'_> {
    /// Tag every defined short form after its definition (and the long
    /// form, when nothing else found it) in `add`.
    pub(super) fn acronym_definitions(
        &mut self,
        base: usize,
        add: &mut Vec<RuleMention>,
    ) {
        let mut defs: Vec<Definition> = Vec::new();
        for i in 1..self.toks.len() {
            // Most words are not in capitals: one flag test each.
            if !self.has(i, Shape::UPPER) {
                continue;
            }
            if let Some(def) = self.definition_at(i, base, add) {
                defs.push(def);
            }
        }
        if defs.is_empty() {
            return;
        }
        let mention = |def: &Definition, span| RuleMention {
            span,
            kind: def.kind,
            name: def.name.clone(),
            rule: Rule::AcronymDefinition,
            entity: def.entity,
        };
        for def in &defs {
            if let Some(span) = def.long {
                if self.claim_span(span) {
                    add.push(mention(def, span));
                }
            }
        }
        // One pass over the words: each word in capitals that some short
        // form spells is the first definition of it at or before the word
        // (one walk, not one per definition: a long document defines
        // hundreds).
        for k in defs[0].short..self.toks.len() {
            if !self.has(k, Shape::UPPER) {
                continue;
            }
            let word = self.word(k);
            let Some(def) = defs
                .iter()
                .take_while(|d| d.short <= k)
                .find(|d| self.word(d.short) == word)
            else {
                continue;
            };
            let t = self.toks[k];
            // The gazetteer found this very entity there already.
            if t.gaz != NO_GAZ
                && def.entity == Some(self.mentions[t.gaz as usize].entity)
            {
                continue;
            }
            let span = Span { start: t.start as usize, end: t.end as usize };
            if self.claim_span(span) {
                add.push(mention(def, span));
            }
        }
    }

    /// The definition whose short form is word `i`: `LONG FORM (SF)` or
    /// `COMPANY (EXCHANGE: SF)`.
    fn definition_at(
        &self,
        i: usize,
        base: usize,
        add: &[RuleMention],
    ) -> Option<Definition> {
        let t = self.toks[i];
        let (s, e) = (t.start as usize, t.end as usize);
        if !is_short_form(self.word(i))
            || !self.text[e..].trim_start_matches(' ').starts_with(')')
        {
            return None;
        }
        // `(SF)`, or `(EXCHANGE: SF)` with the exchange as word i - 1;
        // spaces inside the parentheses are allowed (`( WHO )` in
        // tokenized text).
        let opens_at = |at: usize| {
            let before = self.text[..at].trim_end_matches(' ');
            before.ends_with('(').then(|| before.len() - 1)
        };
        let (open, ticker) = if let Some(open) = opens_at(s) {
            (open, false)
        } else {
            let x = self.toks[i - 1];
            let between = &self.text[x.end as usize..s];
            let exchange = &self.text[x.start as usize..x.end as usize];
            match opens_at(x.start as usize) {
                Some(open)
                    if EXCHANGES.contains(&exchange)
                        && between.trim() == ":" =>
                {
                    (open, true)
                }
                _ => return None,
            }
        };
        // The long form ends at the word before the parenthesis, with
        // only spaces between.
        let last = if ticker { i.checked_sub(2)? } else { i - 1 };
        let lt = self.toks[last];
        if !self.text[lt.end as usize..open].chars().all(|c| c == ' ') {
            return None;
        }
        let lf_end = lt.end as usize;
        if !ticker {
            if let Some(def) = self.named_by_mention(i, lf_end, base, add) {
                return Some(def);
            }
        }
        let first = if ticker {
            // The company is the mention that ends there.
            return self.linked(lf_end, None, base, add).map(
                |(kind, name, entity)| Definition {
                    short: i,
                    kind,
                    name,
                    entity,
                    long: None,
                },
            );
        } else {
            self.long_form_start(self.word(i), last)?
        };
        let lf_start = self.toks[first].start as usize;
        if let Some((kind, name, entity)) =
            self.linked(lf_end, Some(lf_start), base, add)
        {
            return Some(Definition {
                short: i,
                kind,
                name,
                entity,
                long: None,
            });
        }
        // Not linked: an organization named by the long form, which must
        // have two words or more.
        if first == last {
            return None;
        }
        Some(Definition {
            short: i,
            kind: "ORG",
            name: self.text[lf_start..lf_end].to_string(),
            entity: None,
            long: Some(Span { start: lf_start, end: lf_end }),
        })
    }

    /// The definition of short form `i` by the mention (gazetteer or
    /// rule) that ends at `end`, when the short form's letters are found
    /// in its words, the first starting its first word: `Carr, Riggs &
    /// Ingram, LLC (CRI)`, whose commas no run of name words crosses.
    fn named_by_mention(
        &self,
        i: usize,
        end: usize,
        base: usize,
        add: &[RuleMention],
    ) -> Option<Definition> {
        let (gazetteer, rule) = self.ending_at(end, &add[base..]);
        let span = gazetteer
            .map(|g| self.mentions[g].span)
            .or(rule.map(|m| m.span))?;
        let letters: Vec<char> = self
            .word(i)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let words: Vec<Vec<char>> = self.text[span.range()]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().map(|c| c.to_ascii_lowercase()).collect())
            .collect();
        if words.first()?.first() != letters.first()
            || !matches(&letters, &words)
        {
            return None;
        }
        let (kind, name, entity) =
            self.linked(end, Some(span.start), base, add)?;
        Some(Definition { short: i, kind, name, entity, long: None })
    }

    /// The first word of the long form of `short` ending at word `last`:
    /// the shortest run of name words before it in which the short form's
    /// letters appear in order, the first at the start of a word.
    fn long_form_start(&self, short: &str, last: usize) -> Option<usize> {
        let letters: Vec<char> = short
            .chars()
            .filter(|c| c.is_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        // Schwartz and Hearst's bound on the long form's length.
        let max_words = (letters.len() + 5).min(letters.len() * 2);
        let mut first = last;
        let mut words = 1;
        loop {
            if self.is_name_word(first)
                && self.has(first, Shape::CAP)
                && matches(&letters, &self.words_text(first, last))
            {
                return Some(first);
            }
            if first == 0 || words >= max_words || !self.joins_previous(first)
            {
                return None;
            }
            first -= 1;
            if !self.is_name_word(first) {
                return None;
            }
            words += 1;
        }
    }

    /// Whether word `k` may be part of a long form.
    fn is_name_word(&self, k: usize) -> bool {
        if self.has(k, Shape::SHOUT) {
            return false;
        }
        self.has(k, Shape::CAP | Shape::NAMEPART)
            || CONNECTORS.contains(&self.word(k))
    }

    /// The text of words `first..=last`, lower-cased, one space apart.
    fn words_text(&self, first: usize, last: usize) -> Vec<Vec<char>> {
        (first..=last)
            .map(|k| {
                self.word(k).chars().map(|c| c.to_ascii_lowercase()).collect()
            })
            .collect()
    }

    /// A gazetteer or rule mention that ends at `end` and starts at or
    /// before `start` (any start for a ticker's company): its type, name
    /// and entity.
    fn linked(
        &self,
        end: usize,
        start: Option<usize>,
        base: usize,
        add: &[RuleMention],
    ) -> Option<(&'static str, String, Option<EntityId>)> {
        let covers = |span: Span| start.is_none_or(|s| span.start <= s);
        let (gazetteer, rule) = self.ending_at(end, &add[base..]);
        if let Some(g) = gazetteer.filter(|&g| covers(self.mentions[g].span)) {
            let kind = match self.info.kind(g) {
                "ORG" => "ORG",
                "PERSON" => "PERSON",
                "LOC" => "LOC",
                _ => return None,
            };
            return Some((
                kind,
                self.info.name(g).to_string(),
                Some(self.mentions[g].entity),
            ));
        }
        rule.filter(|m| covers(m.span))
            .map(|m| (m.kind, m.name.clone(), m.entity))
    }

    /// The gazetteer mention (by index) and the rule mention among `rules`
    /// that end at `end`, if any. Mentions never overlap, so sorted by
    /// start (the rule mentions: see `Rules::apply`) they are sorted by end
    /// too, and a binary search finds each.
    fn ending_at<'r>(
        &self,
        end: usize,
        rules: &'r [RuleMention],
    ) -> (Option<usize>, Option<&'r RuleMention>) {
        let g = self.mentions.partition_point(|m| m.span.end < end);
        let r = rules.partition_point(|m| m.span.end < end);
        (
            self.mentions
                .get(g)
                .is_some_and(|m| m.span.end == end)
                .then_some(g),
            rules.get(r).filter(|m| m.span.end == end),
        )
    }

    /// Claim the words of `span` for a rule mention, when none is claimed
    /// already, every gazetteer mention it overlaps lies inside it, and it
    /// is a whole word at both ends.
    fn claim_span(&mut self, span: Span) -> bool {
        let from =
            self.toks.partition_point(|t| (t.end as usize) <= span.start);
        let mut to = from;
        while to < self.toks.len() && (self.toks[to].start as usize) < span.end
        {
            if self.has(to, Shape::CLAIMED) {
                return false;
            }
            to += 1;
        }
        // The mentions overlapping the span, found by binary search (they
        // are sorted and never overlap).
        let first =
            self.mentions.partition_point(|m| m.span.end <= span.start);
        let inside = self.mentions[first..]
            .iter()
            .take_while(|m| m.span.start < span.end)
            .all(|m| m.span.start >= span.start && m.span.end <= span.end);
        if from == to
            || !inside
            || !is_boundary(self.text, span.start)
            || !is_end_boundary(self.text, span.end)
        {
            return false;
        }
        for k in from..to {
            self.toks[k].flags |= Shape::CLAIMED;
        }
        true
    }
}

/// Whether a word can be a defined short form: 2 to 10 letters and
/// digits, a capital first, no lower-case letter and at least two capitals
/// (`WHO`, `ZHI`, `IAEA`; not `G7`, `GmbH`, `Reuters`, `2019`).
fn is_short_form(word: &str) -> bool {
    let n = word.chars().count();
    (2..=10).contains(&n)
        && word.starts_with(|c: char| c.is_uppercase())
        && word.chars().all(char::is_alphanumeric)
        && !word.chars().any(char::is_lowercase)
        && word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Schwartz and Hearst's match: the short form's letters, from the last,
/// found in order in the long form's words, the first letter at the start
/// of a word. `long_form_start` tries the shortest run of words first, so
/// when a run matches, the first letter starts its first word.
fn matches(letters: &[char], words: &[Vec<char>]) -> bool {
    let flat: Vec<(char, bool)> = words
        .iter()
        .flat_map(|w| w.iter().enumerate().map(|(k, &c)| (c, k == 0)))
        .collect();
    let mut j = flat.len();
    for (n, &c) in letters.iter().enumerate().rev() {
        loop {
            if j == 0 {
                return false;
            }
            j -= 1;
            let (d, starts) = flat[j];
            if d == c && (n > 0 || starts) {
                break;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<Vec<char>> {
        s.split(' ').map(|w| w.to_lowercase().chars().collect()).collect()
    }

    fn letters(s: &str) -> Vec<char> {
        s.to_lowercase().chars().collect()
    }

    /// One row per case of the match, worked out by hand.
    #[test]
    fn schwartz_hearst_match_table() {
        let rows: &[(&str, &str, bool)] = &[
            ("WHO", "World Health Organization", true),
            ("ZHI", "Ziosk Holdings Inc", true),
            ("IAEA", "International Atomic Energy Agency", true),
            // Letters inside words count after the first.
            ("NVDA", "Nvidia", true),
            // The first letter must start a word.
            ("WHO", "Shadow Health Organization", false),
            // Letters out of order.
            ("OHW", "World Health Organization", false),
        ];
        for &(short, long, want) in rows {
            assert_eq!(
                matches(&letters(short), &words(long)),
                want,
                "{short} / {long}"
            );
        }
    }

    #[test]
    fn short_forms() {
        for w in ["WHO", "ZHI", "IAEA", "PMF", "NVDA", "G7S"] {
            assert!(is_short_form(w), "{w}");
        }
        for w in ["AP2020X1234", "W", "G7", "Reuters", "2019", "GmbH", "A-B"] {
            assert!(!is_short_form(w), "{w}");
        }
    }
}
