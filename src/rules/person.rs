//! People the words make evident: a given name and a surname (`Phil
//! Simmons`), initials (`J. Adams`), a title (`President Hassan Rouhani`,
//! whose title is not part of the name) or a role noun (`coach Glenn
//! Hoddle`) before capitalized words.

use crate::mention::Span;
use crate::text::tokenize::*;

use super::document::{Doc, Run};
use super::lexicon::*;
use super::{Rule, RuleMention};
use super::{MINOR_POPULATION, MINOR_PRIORITY, SURNAME_PRIORITY};

impl Doc<'_> {
    /// A person starting at or after word `p` of the sequence `[s, e)`.
    pub(super) fn try_person(
        &mut self,
        s: usize,
        p: usize,
        e: usize,
    ) -> Option<(Run, Rule)> {
        let rules = self.rules;
        // Title path: `Prime Minister Stephen Harper`, `Mr. Smith`.
        let mut q = p;
        let mut titled = false;
        while q < e
            && !self.has(q, Shape::LOWER)
            && (self.is_title(q) || self.is_title_mod(q))
        {
            titled |= self.is_title(q);
            q += 1;
        }
        if titled && rules.on(Rule::Title) {
            if q < e {
                if let Some(run) = self.name_run(q, q, e, 3) {
                    return Some((run, Rule::Title));
                }
            }
            return None;
        }
        // A role noun right before the sequence: `coach Glenn Hoddle`.
        if p == s
            && rules.on(Rule::Role)
            && s > 0
            && self.has(s, Shape::JOINED)
            && !self.has(s, Shape::LINE)
            && self.has(s - 1, Shape::LOWER)
            && self.class(s - 1).intersects(Class::ROLE)
        {
            if let Some(run) = self.name_run(p, p, e, 3) {
                return Some((run, Rule::Role));
            }
        }
        if self.has(p, Shape::INITIAL) {
            if rules.on(Rule::Initial)
                && p + 1 < e
                && self.toks[p].gaz == NO_GAZ
                && !self.has(p - (p > 0) as usize, Shape::CLAIMED)
            {
                if let Some(run) = self.name_run(p, p + 1, e, 3) {
                    return Some((run, Rule::Initial));
                }
            }
            return None;
        }
        if let Some(found) = self.try_family_first(p, e) {
            return Some(found);
        }
        if rules.on(Rule::GivenName) && p + 1 < e {
            let flags = self.given_flags(p)?;
            if flags & NAME_AMBIGUOUS != 0 && self.has(p, Shape::SENT) {
                return None;
            }
            // (`Will` is a stop word, and an ambiguous name.)
            if self.has(p, Shape::UPPER)
                || self.is_stop(p) && flags & NAME_AMBIGUOUS == 0
                || !self.person_gaz_ok(p, true)
            {
                return None;
            }
            if let Some(run) = self.name_run(p, p + 1, e, 3) {
                return Some((run, Rule::GivenName));
            }
        }
        None
    }

    /// Whether the gazetteer mention on word `i` (if any) may be part of a
    /// person's name: as its first word, or after it.
    pub(super) fn person_gaz_ok(&self, i: usize, first: bool) -> bool {
        let g = self.toks[i].gaz;
        g == NO_GAZ || self.person_may_replace(g as usize, first)
    }

    pub(super) fn person_may_replace(&self, g: usize, first: bool) -> bool {
        match self.info.kind(g) {
            "PERSON" => true,
            "LOC" => {
                let max =
                    if first { MINOR_PRIORITY } else { SURNAME_PRIORITY };
                self.info.priority(g) <= max
                    && self.info.population(g) < MINOR_POPULATION
                    || first && self.given_name_before_surname(g)
            }
            _ => false,
        }
    }

    /// Whether gazetteer place `g` is one word that is also a given name,
    /// followed by a capitalized word that no gazetteer entry has and that
    /// is no generic noun, stop word, suffix or title: `Chad Smith`,
    /// `Jordan Peterson`, `Paris Hilton` are people, whatever the size of
    /// the place (`Victoria Falls` is one gazetteer place, `Jordan Valley`
    /// ends in a generic noun).
    fn given_name_before_surname(&self, g: usize) -> bool {
        let span = self.mentions[g].span;
        let t = self.toks.partition_point(|w| (w.start as usize) < span.start);
        let Some(tok) = self.toks.get(t) else { return false };
        let next = t + 1;
        tok.start as usize == span.start
            && tok.end as usize == span.end
            && self.given_flags(t).is_some()
            && next < self.toks.len()
            && self.joins_previous(next)
            && self.has(next, Shape::CAP)
            && !self.has(next, Shape::UPPER | Shape::SHOUT)
            && self.toks[next].gaz == NO_GAZ
            && !self.is_generic(next)
            && !self.is_stop(next)
            && !self.is_suffix(next)
            && !self.is_title(next)
    }

    /// Name words from `q` (at least one, at most `max`) for a run starting
    /// at `from`: capitalized non-stop words, initials, particles,
    /// `al-`-words, and a closing numeral (`Leopold III`).
    pub(super) fn name_run(
        &mut self,
        from: usize,
        q: usize,
        e: usize,
        max: usize,
    ) -> Option<Run> {
        let mut k = q;
        let mut last = None;
        let mut count = 0;
        while k < e && count < max {
            if self.is_particle(k) {
                // `bin Laden`, `van Gaal`: needs a name after it.
                if k + 1 < e && self.name_word(k + 1) {
                    k += 1;
                    continue;
                }
                break;
            }
            if self.has(k, Shape::INITIAL) && self.toks[k].gaz == NO_GAZ {
                k += 1;
                continue;
            }
            if count > 0 && self.is_numeral(k) {
                last = Some(k);
                break;
            }
            // `Billie Jean King said`: a title word closing a name.
            let closing_title = count > 0
                && self.is_title(k)
                && (k + 1 >= e || self.has(k + 1, Shape::LOWER));
            if !closing_title && !self.name_word(k) {
                break;
            }
            last = Some(k);
            count += 1;
            if self.has(k, Shape::POSS) {
                break;
            }
            k += 1;
        }
        let to = last?;
        // `Grace Road`, `Morgan Stanley Group`: a thing, not a person.
        if to + 1 < e && !self.has(to, Shape::POSS) {
            let n = to + 1;
            if !self.has(n, Shape::LOWER)
                && (self.is_suffix(n)
                    || self.is_generic(n)
                    || self.is_head_of(n))
            {
                return None;
            }
        }
        Some(Run { from, to })
    }

    /// A capitalized word that may be part of a person's name after its
    /// first word.
    pub(super) fn name_word(&mut self, k: usize) -> bool {
        let f = self.toks[k].flags;
        if f.intersects(Shape::NAMEPART) {
            return self.toks[k].gaz == NO_GAZ;
        }
        if !f.intersects(Shape::CAP)
            || f.intersects(
                Shape::UPPER | Shape::INITIAL | Shape::DIGIT | Shape::CLAIMED,
            )
        {
            return false;
        }
        if self.is_suffix(k)
            || self.is_head_of(k)
            || self.is_title(k)
            || self.is_title_mod(k)
        {
            return false;
        }
        if !self.person_gaz_ok(k, false) {
            return false;
        }
        !self.is_stop(k) && !self.is_generic(k)
    }

    /// Gazetteer persons that start with a title (`King Norodom Sihanouk`)
    /// lose the title.
    pub(super) fn trim_titles(&mut self, add: &mut Vec<RuleMention>) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            // Straight to the next title word inside a gazetteer mention.
            let Some(skip) = self.toks[i..].iter().position(|t| {
                t.gaz != NO_GAZ && t.class & Class::TITLE.bits() != 0
            }) else {
                break;
            };
            i += skip;
            let g = self.toks[i].gaz;
            if self.info.kind(g as usize) != "PERSON"
                || self.mentions[g as usize].span.start
                    != self.toks[i].start as usize
                || !self.is_title(i)
            {
                i += 1;
                continue;
            }
            let m = self.mentions[g as usize].span;
            let mut k = i;
            while k < n
                && self.toks[k].gaz == g
                && (self.is_title(k) || self.is_title_mod(k))
            {
                k += 1;
            }
            if k < n
                && self.toks[k].gaz == g
                && self.has(k, Shape::CAP)
                && is_boundary(self.text, self.toks[k].start as usize)
            {
                let start = self.toks[k].start as usize;
                let mut j = k;
                while j < n && self.toks[j].gaz == g {
                    self.toks[j].flags |= Shape::CLAIMED;
                    j += 1;
                }
                add.push(RuleMention {
                    span: Span { start, end: m.end },
                    kind: "PERSON",
                    name: self.info.name(g as usize).to_string(),
                    rule: Rule::Title,
                    entity: Some(self.mentions[g as usize].entity),
                });
                i = j;
                continue;
            }
            i += 1;
        }
    }
}
