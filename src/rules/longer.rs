//! Longer names win over their parts: a gazetteer name strictly inside a
//! longer run of capitalized words that is one name gives way to that name,
//! with the type the name's head word says. `Ontario New Democratic Party`
//! is one party, not a province and a party; `Parliament of Norway`, `Riga
//! Newsroom` and `Hansa Rostock` are organizations, not places; `Santiago
//! Bernabeu Stadium` is a stadium, not a city in Chile.
//!
//! The gazetteer's longest match already wins among its own names; this
//! rule widens a gazetteer name to a longer one the gazetteer does not
//! list, when the words around it show it is a part: an organization head
//! word after it (`gazetteers/lexicon/org-heads.txt`) or before it with an
//! `of` complement, a venue word after it (`venue-words.txt`), a club word
//! next to a town (`club-words.txt`), or capitalized words before a
//! gazetteer organization. The longer name has no gazetteer entity.

use crate::text::tokenize::*;

use super::document::{Doc, Run};
use super::wordmap::ShortKey;

/// A word that ends the name of a venue or street (`Stadium`, `Park`).
pub(super) const VENUE: u8 = 1;
/// A word that ends an organization's name (`Party`, `Newsroom`) or
/// heads it before `of` and a place (`Parliament of Norway`).
pub(super) const ORG_HEAD: u8 = 2;
/// A word that names a club with its town (`Dynamo`, `Hansa`).
pub(super) const CLUB: u8 = 4;

/// The most words a longer name is examined over, and the most units
/// (a gazetteer name or one word) it has before its head.
const MAX_WORDS: usize = 8;
const MAX_UNITS: usize = 6;

/// One unit of a run: a whole gazetteer mention, or one word.
#[derive(Clone, Copy, Debug)]
struct Unit {
    from: usize,
    to: usize,
    gaz: Option<usize>,
}

impl Doc<'_> {
    /// The rule's classes of word `i` ([`VENUE`], [`ORG_HEAD`], [`CLUB`]).
    fn longer_class(&self, i: usize) -> u8 {
        let t = &self.toks[i];
        let (s, e) = (t.start as usize, t.end as usize);
        match ShortKey::new_in(self.text.as_bytes(), s, e) {
            Some(k) => self.rules.longer.get_short(k),
            None => self.rules.longer.get(self.word(i)),
        }
        .unwrap_or(0)
    }

    /// The unit starting at word `q`: the gazetteer mention that starts
    /// there and covers whole words, or the word itself; `None` when a
    /// gazetteer mention starts before `q` or ends inside a word.
    fn unit(&self, q: usize) -> Option<Unit> {
        let g = self.toks[q].gaz;
        if g == NO_GAZ {
            return Some(Unit { from: q, to: q, gaz: None });
        }
        let span = self.mentions[g as usize].span;
        if span.start != self.toks[q].start as usize {
            return None;
        }
        let mut to = q;
        while to + 1 < self.toks.len() && self.toks[to + 1].gaz == g {
            to += 1;
        }
        (span.end == self.toks[to].end as usize).then_some(Unit {
            from: q,
            to,
            gaz: Some(g as usize),
        })
    }

    /// Whether the name may end at word `t` of the sequence ending before
    /// `e`: no capitalized word follows it in the sequence, or a title
    /// (`Riga Newsroom Editor`) does.
    fn ends_at(&self, t: usize, e: usize) -> bool {
        t + 1 >= e || self.has(t + 1, Shape::LOWER) || self.is_title(t + 1)
    }

    /// A longer name starting at word `p` of the sequence ending before
    /// `e`, with a gazetteer name strictly inside it, and its type.
    pub(super) fn try_longer(
        &mut self,
        p: usize,
        e: usize,
    ) -> Option<(Run, &'static str)> {
        if p + 1 >= e
            || self.has(p, Shape::LOWER | Shape::CLAIMED | Shape::INITIAL)
        {
            return None;
        }
        let lim = e.min(p + MAX_WORDS);
        // Most sequences have no gazetteer name: nothing to widen.
        if self.toks[p..lim].iter().all(|t| t.gaz == NO_GAZ) {
            return None;
        }
        let mut units = [Unit { from: 0, to: 0, gaz: None }; MAX_UNITS];
        let mut n = 0;
        let mut q = p;
        while q < lim && n < MAX_UNITS {
            if q > p && !self.joins_previous(q)
                || self.has(q, Shape::LOWER | Shape::CLAIMED | Shape::DIGIT)
            {
                break;
            }
            let Some(u) = self.unit(q) else { break };
            if u.gaz.is_none()
                && (self.is_org_stop(q)
                    || self.is_title(q)
                    || self.has(q, Shape::INITIAL))
            {
                break;
            }
            units[n] = u;
            n += 1;
            q = u.to + 1;
        }
        let units = &units[..n];
        if units.is_empty() {
            return None;
        }
        if let Some(run) = self.club(units, e) {
            return Some((run, "ORG"));
        }
        if let Some(found) = self.headed(units, e) {
            return Some(found);
        }
        self.venue_named_after_a_person(units, e).map(|run| (run, "LOC"))
    }

    /// `Hansa Rostock`, `Moscow Dynamo`: a club word and a town.
    fn club(&self, units: &[Unit], e: usize) -> Option<Run> {
        let [a, b, ..] = *units else { return None };
        if !self.ends_at(b.to, e) {
            return None;
        }
        let club =
            |u: Unit| u.gaz.is_none() && self.longer_class(u.from) & CLUB != 0;
        let town = |u: Unit| u.gaz.is_some_and(|g| self.info.kind(g) == "LOC");
        (club(a) && town(b) || town(a) && club(b))
            .then_some(Run { from: a.from, to: b.to })
    }

    /// A name ending in a head word (`Ontario New Democratic Party`,
    /// `Riga Newsroom`, `Victoria Park`) or in a gazetteer organization
    /// (`Progressive Conservative Party of Canada` when the gazetteer has
    /// only `Conservative Party of Canada`), or a head word with an `of`
    /// complement (`Parliament of Norway`, `House of Commons of Canada`).
    fn headed(
        &mut self,
        units: &[Unit],
        e: usize,
    ) -> Option<(Run, &'static str)> {
        let p = units[0].from;
        for (k, &u) in units.iter().enumerate() {
            let class =
                if u.gaz.is_none() { self.longer_class(u.from) } else { 0 };
            let gaz_org = u.gaz.is_some_and(|g| self.info.kind(g) == "ORG");
            let kind = if class & VENUE != 0 {
                "LOC"
            } else if class & ORG_HEAD != 0 || gaz_org {
                "ORG"
            } else {
                continue;
            };
            let prefix = &units[..k];
            // The words before the head: gazetteer names of the kinds the
            // longer name may take in, and other capitalized words that
            // are no given name.
            let allowed = |d: &Self, v: &Unit| match v.gaz {
                Some(g) => d.longer_may_replace(kind, g),
                None => kind == "LOC" || d.given_flags(v.from).is_none(),
            };
            let place =
                |v: &Unit| v.gaz.is_some_and(|g| self.info.kind(g) == "LOC");
            if !prefix.iter().all(|v| allowed(self, v))
                // `Xland Yland`: two places side by side are two names.
                || prefix.windows(2).any(|w| place(&w[0]) && place(&w[1]))
                // `Yland Zed Corp`: a place before a company is no part
                // of its name.
                || gaz_org
                    && self.is_strong(u.to)
                    && prefix.last().is_some_and(place)
            {
                return None;
            }
            // `Australian Labor Party Coalition`: a head word after an
            // organization that has one is no part of its name.
            if class & ORG_HEAD != 0
                && prefix.last().is_some_and(|v| {
                    v.gaz.is_some_and(|g| self.info.kind(g) == "ORG")
                        && self.org_head_word(v.to)
                })
            {
                continue;
            }
            let mut to = u.to;
            let mut parts = prefix.iter().filter(|v| v.gaz.is_some()).count()
                + usize::from(u.gaz.is_some());
            if kind == "ORG" {
                // `of` and a place, once or more: `House of Commons of
                // Canada`.
                while to + 2 < e
                    && self.word(to + 1) == "of"
                    && self.joins_previous(to + 2)
                {
                    let Some(c) = self.unit(to + 2) else { break };
                    if c.gaz.is_none_or(|g| self.info.kind(g) != "LOC") {
                        break;
                    }
                    to = c.to;
                    parts += 1;
                }
            }
            if to == u.to && prefix.is_empty()
                || !self.ends_at(to, e)
                || parts == 0
                // `Texas Federation of Republican Women`: the name goes on.
                || to + 1 < e && matches!(self.word(to + 1), "of" | "for")
                // `Workers ' Party of Belgium`: the name began before.
                || k == 0 && p > 0 && self.has(p - 1, Shape::CAP)
            {
                // A head alone or a gazetteer name alone (nothing longer),
                // or one inside a longer run: a later head may end it.
                continue;
            }
            if gaz_org && to == u.to && !self.org_head_word(u.to) {
                // Capitalized words before a gazetteer organization with no
                // head word (`Herri Batasuna`, `Reynard Honda`): not a
                // place (`Sarawak Barisan Nasional`, `US National Academy
                // of Sciences` are two names), nor a word capitalized for
                // starting the sentence.
                if prefix.iter().any(|v| v.gaz.is_some())
                    || self.has(p, Shape::SENT)
                {
                    return None;
                }
            }
            return Some((Run { from: units[0].from, to }, kind));
        }
        None
    }

    /// `at the Santiago Bernabeu` (and a full stop, a comma or a
    /// preposition after it): a venue named after a person, whose given
    /// name the gazetteer has as a place.
    fn venue_named_after_a_person(
        &mut self,
        units: &[Unit],
        e: usize,
    ) -> Option<Run> {
        let [a, b, ..] = *units else { return None };
        let p = a.from;
        if p < 2
            || a.gaz.is_none()
            || b.gaz.is_some()
            || a.from != a.to
            || self.given_flags(p).is_none()
            || self.word(p - 1) != "the"
            || !matches!(self.word(p - 2), "at" | "At")
            || !self.ends_at(b.to, e)
            || self.info.kind(a.gaz?) != "LOC"
        {
            return None;
        }
        let rest = &self.text[self.toks[b.to].end as usize..];
        let rest = rest.trim_start_matches([' ', '\t']);
        let next = rest.split(|c: char| !c.is_alphanumeric()).next()?;
        let ok = rest.starts_with(['.', ',', ';', ':', ')', '\n'])
            || rest.is_empty()
            || matches!(
                next,
                "on" | "in"
                    | "at"
                    | "against"
                    | "for"
                    | "with"
                    | "where"
                    | "when"
                    | "before"
                    | "after"
                    | "and"
                    | "last"
                    | "this"
            );
        ok.then_some(Run { from: p, to: b.to })
    }

    /// Whether the `of` complement of an institution word, in a sequence
    /// ending before `e`, ends at word `t` (`Bank of England Governor`): a
    /// gazetteer place or organization ends there, and no company form
    /// (`Bank of America Corp`), place noun (`Conservative Party of New
    /// York State`) or `and` and another place (`Charity Commission for
    /// England and Wales`) follows.
    pub(super) fn complement_ends_at(&self, t: usize, e: usize) -> bool {
        let g = self.toks[t].gaz;
        if g == NO_GAZ
            || !matches!(self.info.kind(g as usize), "LOC" | "ORG")
            || self.mentions[g as usize].span.end != self.toks[t].end as usize
        {
            return false;
        }
        let n = t + 1;
        if n >= e {
            return true;
        }
        let and_place = n + 1 < e
            && self.word(n) == "and"
            && self.toks[n + 1].gaz != NO_GAZ
            && self.info.kind(self.toks[n + 1].gaz as usize) == "LOC";
        !(self.is_strong(n) || self.is_generic(n) || and_place)
    }

    /// Whether word `t` is an organization head (`Party`) or an
    /// `org-suffix` word (`Association`, `Ltd`).
    fn org_head_word(&self, t: usize) -> bool {
        self.is_suffix(t) || self.longer_class(t) & ORG_HEAD != 0
    }

    /// Whether gazetteer mention `g` may give way to a longer `kind` name:
    /// an organization takes in places and organizations (not
    /// nationalities: `Iranian Supreme National Security Council` stays
    /// two), a venue places and people.
    pub(super) fn longer_may_replace(&self, kind: &str, g: usize) -> bool {
        matches!(
            (kind, self.info.kind(g)),
            ("ORG", "LOC" | "ORG") | ("LOC", "LOC" | "PERSON")
        )
    }
}

/// The rule's lists, one class each.
pub(super) const LISTS: &[(&str, u8)] = &[
    (include_str!("../../gazetteers/lexicon/venue-words.txt"), VENUE),
    (include_str!("../../gazetteers/lexicon/org-heads.txt"), ORG_HEAD),
    (include_str!("../../gazetteers/lexicon/club-words.txt"), CLUB),
];
