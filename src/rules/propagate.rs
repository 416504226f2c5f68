//! Propagation: after a full name, a lone surname (or an East Asian family
//! name written first, or an organization's distinctive first word)
//! anywhere in the document refers to it.

use crate::gazetteer::EntityId;
use crate::mention::Span;
use crate::text::tokenize::*;

use super::document::Doc;
use super::lexicon::*;
use super::wordmap::WordMap;
use super::{Rule, RuleMention};

impl Doc<'_> {
    /// Lone occurrences of a person's surname (or an org's first word)
    /// anywhere in the document.
    pub(super) fn propagate(
        &mut self,
        base: usize,
        add: &mut Vec<RuleMention>,
        keys: &mut WordMap<(usize, &'static str)>,
        names: &mut Vec<(String, Option<EntityId>)>,
        sources: &mut Vec<(usize, usize, &'static str, usize)>,
    ) {
        keys.clear();
        names.clear();
        sources.clear();
        let persons = self.rules.on(Rule::Propagation);
        let orgs = self.rules.on(Rule::OrgPropagation);
        for m in &add[base..] {
            let on = match (m.kind, m.rule) {
                ("PERSON", _) => persons,
                (_, Rule::OrgSuffix | Rule::Ampersand) => orgs,
                _ => false,
            };
            if on {
                sources.push((m.span.start, m.span.end, m.kind, names.len()));
                names.push((m.name.clone(), m.entity));
            }
        }
        if persons {
            for (g, m) in self.mentions.iter().enumerate() {
                if self.info.kind(g) == "PERSON" {
                    sources.push((
                        m.span.start,
                        m.span.end,
                        "PERSON",
                        names.len(),
                    ));
                    names.push((
                        self.info.name(g).to_string(),
                        Some(self.mentions[g].entity),
                    ));
                }
            }
        }
        sources.sort_unstable();
        let n = self.toks.len();
        let mut ti = 0;
        for &(start, end, kind, name) in sources.iter() {
            // Sources are few and sorted: a binary search, not a walk.
            ti +=
                self.toks[ti..].partition_point(|t| (t.end as usize) <= start);
            if ti >= n {
                break;
            }
            let mut last = ti;
            while last + 1 < n && (self.toks[last + 1].start as usize) < end {
                last += 1;
            }
            let key_tok = if kind == "PERSON" {
                let family_first = self
                    .given_flags(ti)
                    .is_some_and(|f| f & NAME_FAMILY_FIRST != 0)
                    || self.is_family_first(ti, last);
                if family_first && last > ti {
                    ti
                } else {
                    // The last word, numerals and initials aside.
                    let mut k = last;
                    while k > ti
                        && (self.has(k, Shape::INITIAL)
                            || self.is_numeral(k)
                            || matches!(self.word(k), "Jr" | "Sr"))
                    {
                        k -= 1;
                    }
                    k
                }
            } else {
                if last == ti
                    || self.toks[ti].gaz != NO_GAZ
                    || self.is_suffix(ti)
                    || self.is_head_of(ti)
                    || self.given_flags(ti).is_some()
                    || self.is_stop(ti)
                {
                    continue;
                }
                ti
            };
            // Short keys only for family names (`Li`).
            let min = if self.class(key_tok).intersects(Class::FAMILY_FIRST)
                || kind == "PERSON" && key_tok < last
            {
                2
            } else {
                3
            };
            if self.has(key_tok, Shape::LOWER | Shape::DIGIT | Shape::INITIAL)
                || self.word(key_tok).chars().count() < min
            {
                continue;
            }
            keys.entry(self.fold(key_tok), (name, kind));
        }
        if keys.is_empty() {
            return;
        }
        for i in 0..n {
            let f = self.toks[i].flags;
            if f.intersects(Shape::CLAIMED)
                || !f.intersects(Shape::CAP | Shape::UPPER)
                || f.intersects(Shape::INITIAL)
            {
                continue;
            }
            let Some((name, kind)) = self.folded_get(keys, i) else {
                continue;
            };
            if kind == "ORG" && f.intersects(Shape::UPPER) {
                continue;
            }
            if f.intersects(Shape::SENT) && self.is_stop(i) {
                continue;
            }
            // Alone: not glued to other capitalized words (except on a
            // capitalized line, where every word is capitalized), save a
            // particle (`de Silva`) or, on such a line, a given name
            // (`KEVIN BROWN`).
            let mut from = i;
            let shouted = f.intersects(Shape::SHOUT);
            if i > 0 && self.joins_previous(i) {
                let particle = self.is_particle(i - 1)
                    || self.class(i - 1).intersects(Class::CAP_PARTICLE);
                let shouted_given = shouted
                    && self.has(i - 1, Shape::UPPER)
                    && self.given_flags(i - 1).is_some();
                // (`Later Simmons added`: a sentence-initial stop word
                // does not glue.)
                let stop_start =
                    self.has(i - 1, Shape::SENT) && self.is_stop(i - 1);
                let glued = !shouted
                    && self.chain_member(i - 1)
                    && !self.has(i - 1, Shape::LOWER)
                    && !stop_start;
                if kind == "PERSON" && (particle || shouted_given) {
                    from = i - 1;
                } else if glued {
                    continue;
                }
            }
            if !f.intersects(Shape::SHOUT)
                && i + 1 < n
                && self.joins_previous(i + 1)
                && self.chain_member(i + 1)
                && !self.has(i + 1, Shape::LOWER)
            {
                continue;
            }
            if (from..=i).any(|k| self.has(k, Shape::CLAIMED)) {
                continue;
            }
            let start = self.toks[from].start as usize;
            let end = self.toks[i].end as usize;
            // Only a minor place (or another person) may give way.
            let mut lo =
                self.mentions.partition_point(|m| m.span.end <= start);
            let mut ok = true;
            while lo < self.mentions.len()
                && self.mentions[lo].span.start < end
            {
                let m = self.mentions[lo].span;
                ok &= m.start >= start
                    && m.end <= end
                    && kind == "PERSON"
                    && self.info.kind(lo) == "LOC"
                    && self.person_may_replace(lo, false);
                lo += 1;
            }
            if !ok
                || !is_boundary(self.text, start)
                || !is_end_boundary(self.text, end)
            {
                continue;
            }
            for k in from..=i {
                self.toks[k].flags |= Shape::CLAIMED;
            }
            add.push(RuleMention {
                span: Span { start, end },
                kind,
                name: names[name].0.clone(),
                entity: names[name].1,
                rule: if kind == "PERSON" {
                    Rule::Propagation
                } else {
                    Rule::OrgPropagation
                },
            });
        }
    }
}
