//! One document being worked on: its words and their classes, the
//! capitalized sequences the rules examine, and [`Doc::emit`], the one
//! place that decides whether a rule mention may be added and which
//! gazetteer mentions it replaces.

use crate::mention::{Mention, Span};
use crate::normalize::NormText;
use crate::text::tokenize::{
    is_abbrev, is_boundary, is_end_boundary, Shape, Tok, NO_GAZ,
};

use super::lexicon::*;
use super::wordmap::{ShortKey, WordMap};
use super::{MentionInfo, Rule, RuleMention, Rules};

/// One document being worked on.
pub(super) struct Doc<'a> {
    pub(super) rules: &'a Rules,
    pub(super) text: &'a str,
    pub(super) mentions: &'a [Mention],
    pub(super) info: &'a dyn MentionInfo,
    pub(super) toks: &'a mut Vec<Tok>,
    pub(super) key: &'a mut String,
    pub(super) norm: &'a mut NormText,
    /// The Title-Case lines (word ranges), when `title-case` is on.
    pub(super) title_case: &'a [(u32, u32)],
}

/// Words `[from, to]` (inclusive) of a candidate mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Run {
    pub(super) from: usize,
    pub(super) to: usize,
}

impl Doc<'_> {
    pub(super) fn word(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.text[t.start as usize..t.end as usize]
    }

    pub(super) fn has(&self, i: usize, f: Shape) -> bool {
        self.toks[i].flags.intersects(f)
    }

    /// The folded word (in `self.key`).
    pub(super) fn fold(&mut self, i: usize) -> &str {
        let t = self.toks[i];
        let w = &self.text[t.start as usize..t.end as usize];
        fold_into(w, self.key, self.norm);
        self.key
    }

    /// The value of word `i`, folded, in `map`: short ASCII words are
    /// folded in their key, no string built.
    pub(super) fn folded_get<V: Copy>(
        &mut self,
        map: &WordMap<V>,
        i: usize,
    ) -> Option<V> {
        let t = self.toks[i];
        let (s, e) = (t.start as usize, t.end as usize);
        match ShortKey::new_in(self.text.as_bytes(), s, e) {
            Some(k) if k.is_ascii() => map.get_short(k.fold_ascii()),
            _ => map.get(self.fold(i)),
        }
    }

    pub(super) fn class(&self, i: usize) -> Class {
        Class::from_bits_retain(self.toks[i].class)
    }

    pub(super) fn is_stop(&self, i: usize) -> bool {
        self.class(i).intersects(Class::STOP)
    }

    pub(super) fn is_org_stop(&self, i: usize) -> bool {
        self.class(i) & (Class::STOP | Class::ORG_OK) == Class::STOP
    }

    pub(super) fn is_generic(&self, i: usize) -> bool {
        self.class(i).intersects(Class::GENERIC)
    }

    pub(super) fn given_flags(&self, i: usize) -> Option<u8> {
        let c = self.class(i);
        if !self.has(i, Shape::CAP)
            || self.has(i, Shape::INITIAL)
            || !c.intersects(Class::GIVEN)
        {
            return None;
        }
        let mut flags = 0;
        if c.intersects(Class::AMBIGUOUS) {
            flags |= NAME_AMBIGUOUS;
        }
        if c.intersects(Class::FAMILY_FIRST) {
            flags |= NAME_FAMILY_FIRST;
        }
        Some(flags)
    }

    pub(super) fn is_suffix(&self, i: usize) -> bool {
        self.class(i).intersects(Class::SUFFIX)
    }

    pub(super) fn is_strong(&self, i: usize) -> bool {
        self.class(i).intersects(Class::STRONG)
    }

    pub(super) fn is_head_of(&self, i: usize) -> bool {
        self.class(i).intersects(Class::HEAD_OF)
    }

    pub(super) fn is_title(&self, i: usize) -> bool {
        self.has(i, Shape::CAP) && self.class(i).intersects(Class::TITLE)
    }

    pub(super) fn is_title_mod(&self, i: usize) -> bool {
        self.class(i).intersects(Class::TITLE_MOD)
    }

    /// A Roman numeral after a name (`Leopold III`).
    pub(super) fn is_numeral(&self, i: usize) -> bool {
        self.class(i).intersects(Class::NUMERAL)
    }

    pub(super) fn is_particle(&self, i: usize) -> bool {
        self.has(i, Shape::LOWER) && self.class(i).intersects(Class::PARTICLE)
    }

    /// Whether word `i` follows word `i - 1` closely enough to be part of
    /// one name.
    pub(super) fn joins_previous(&self, i: usize) -> bool {
        if i == 0 || self.has(i - 1, Shape::POSS) || self.has(i, Shape::LINE) {
            return false;
        }
        let f = self.toks[i].flags;
        f.intersects(Shape::JOINED | Shape::AMP)
            || f.intersects(Shape::JOINED_DOT) && is_abbrev(self.word(i - 1))
    }

    /// May word `i` be part of a capitalized sequence? Asked of every
    /// word, so the flag tests that settle most words are inlined into the
    /// callers and only a lower-case word before a capitalized one goes on
    /// to [`Doc::connector`].
    #[inline]
    pub(super) fn chain_member(&self, i: usize) -> bool {
        let f = self.toks[i].flags;
        if f.intersects(Shape::SHOUT | Shape::DIGIT) {
            return false;
        }
        if f.intersects(Shape::CAP | Shape::INITIAL | Shape::NAMEPART) {
            return true;
        }
        // Lower-case connectors and particles inside a sequence.
        f.intersects(Shape::LOWER)
            && (self.is_suffix(i) // `plc`
                || self
                    .toks
                    .get(i + 1)
                    .is_some_and(|t| t.flags.intersects(Shape::CAP | Shape::NAMEPART))
                    && self.connector(i))
    }

    /// Whether lower-case word `i`, before a capitalized word, joins it in
    /// a sequence: a particle or `of`, `for`, `and`.
    #[inline(never)]
    pub(super) fn connector(&self, i: usize) -> bool {
        !self.has(i + 1, Shape::SHOUT)
            && self.joins_previous(i + 1)
            && (self.is_particle(i)
                || matches!(self.word(i), "of" | "for" | "and"))
    }

    /// One past the last word of the sequence starting at `s`.
    pub(super) fn chain_end(&self, s: usize) -> usize {
        let mut e = s + 1;
        while e < self.toks.len()
            && self.joins_previous(e)
            && self.chain_member(e)
        {
            e += 1;
        }
        // `Commodity Systems, Inc.`: a company form after a comma.
        if e < self.toks.len()
            && self.has(e, Shape::COMMA)
            && self.is_strong(e)
            && !self.has(e - 1, Shape::LOWER)
        {
            e += 1;
        }
        e
    }

    /// Find the ORG and PERSON mentions in the sequence `[s, e)`.
    pub(super) fn chain(
        &mut self,
        s: usize,
        e: usize,
        add: &mut Vec<RuleMention>,
    ) {
        // Most sequences have no gazetteer name for `longer-name` to widen.
        // (nor one that is a single gazetteer name).
        let longer = self.rules.on(Rule::LongerName)
            && self.toks[s..e].iter().any(|t| t.gaz != NO_GAZ)
            && self.toks[s..e].iter().any(|t| t.gaz != self.toks[s].gaz);
        let mut p = s;
        while p < e {
            if self.has(p, Shape::LOWER | Shape::CLAIMED) && !self.is_suffix(p)
            {
                p += 1;
                continue;
            }
            if longer {
                if let Some((run, kind)) = self.try_longer(p, e) {
                    if self.emit(run, kind, Rule::LongerName, false, add) {
                        p = run.to + 1;
                        continue;
                    }
                }
            }
            if let Some((run, rule)) = self.try_org(p, e) {
                if run.from > p {
                    // `John Casesa of Schroder Wertheim & Co`.
                    self.persons(s, p, run.from, add);
                }
                if self.emit(run, "ORG", rule, false, add) {
                    p = run.to + 1;
                    continue;
                }
            }
            if let Some((run, rule)) = self.try_person(s, p, e) {
                if self.emit(run, "PERSON", rule, false, add) {
                    p = run.to + 1;
                    continue;
                }
            }
            p += 1;
        }
    }

    /// The persons in `[p, e)` of the sequence starting at `s`.
    pub(super) fn persons(
        &mut self,
        s: usize,
        mut p: usize,
        e: usize,
        add: &mut Vec<RuleMention>,
    ) {
        while p < e {
            if let Some((run, rule)) = self.try_person(s, p, e) {
                if self.emit(run, "PERSON", rule, false, add) {
                    p = run.to + 1;
                    continue;
                }
            }
            p += 1;
        }
    }

    /// Add a rule mention for the words of `run` if the gazetteer allows:
    /// every gazetteer mention it overlaps lies inside it and may be
    /// replaced. A run that is exactly one gazetteer mention is left to the
    /// gazetteer unless `relabel`. Returns whether the words are taken.
    pub(super) fn emit(
        &mut self,
        run: Run,
        kind: &'static str,
        rule: Rule,
        relabel: bool,
        add: &mut Vec<RuleMention>,
    ) -> bool {
        if kind == "PERSON"
            && run.from == run.to
            && rule != Rule::Title
            && rule != Rule::Role
        {
            return false;
        }
        let Some((run, rule)) = self.guard(run, kind, rule, add) else {
            return false;
        };
        let start = self.toks[run.from].start as usize;
        let mut end = self.toks[run.to].end as usize;
        if (run.from..=run.to).any(|k| self.has(k, Shape::CLAIMED)) {
            return false;
        }
        // `Acme Corp.`: the abbreviation's period belongs to the name.
        if kind == "ORG"
            && self.has(run.to, Shape::DOTTED)
            && matches!(
                self.word(run.to),
                "Inc" | "Corp" | "Co" | "Ltd" | "Bros"
            )
        {
            end += 1;
        }
        let mut lo = self.mentions.partition_point(|m| m.span.end <= start);
        let mut covered = false;
        // A gazetteer ORG this one extends (`Bank of America` + `Corp`):
        // the longer name is that entity.
        let mut extends = None;
        while lo < self.mentions.len() && self.mentions[lo].span.start < end {
            let m = &self.mentions[lo];
            if m.span.start < start || m.span.end > end {
                return false;
            }
            if m.span.start == start && m.span.end == end {
                covered = true;
            }
            let ok = match kind {
                "PERSON" => self.person_may_replace(lo, m.span.start == start),
                _ if rule == Rule::LongerName => {
                    self.longer_may_replace(kind, lo)
                }
                // An ORG rule may extend a gazetteer ORG (`Bank of America`
                // + `Corp`) but not just put words in front of one
                // (`Iranian Supreme National Security Council`).
                _ => {
                    (self.info.kind(lo) != "PERSON" || rule != Rule::Team)
                        && !(self.info.kind(lo) == "ORG"
                            && m.span.end == end
                            && m.span.start > start)
                }
            };
            if !ok {
                return false;
            }
            if kind == "ORG"
                && rule == Rule::OrgSuffix
                && m.span.start == start
                && self.info.kind(lo) == "ORG"
            {
                extends = Some(m.entity);
            }
            lo += 1;
        }
        if covered && !relabel {
            // The gazetteer already has exactly this span.
            return true;
        }
        if !is_boundary(self.text, start) || !is_end_boundary(self.text, end) {
            return false;
        }
        for k in run.from..=run.to {
            self.toks[k].flags |= Shape::CLAIMED;
        }
        add.push(RuleMention {
            span: Span { start, end },
            kind,
            name: self.text[start..end].to_string(),
            rule,
            entity: extends,
        });
        true
    }
}

/// Record, for each word, the gazetteer mention overlapping it (the first
/// one, should a word overlap two). A document has few mentions and many
/// words, so each mention finds its first word by binary search instead of
/// a walk over every word.
pub(super) fn map_mentions(toks: &mut [Tok], mentions: &[Mention]) {
    let mut t = 0;
    for (j, m) in mentions.iter().enumerate() {
        let (s, e) = (m.span.start, m.span.end);
        t += toks[t..].partition_point(|w| (w.end as usize) <= s);
        for w in &mut toks[t..] {
            if w.start as usize >= e {
                break;
            }
            if w.gaz == NO_GAZ {
                w.gaz = j as u32;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::EntityId;
    use crate::text::tokenize::tokenize;

    /// [`map_mentions`] as it was: a walk over every word.
    pub(super) fn map_mentions_walk(toks: &mut [Tok], mentions: &[Mention]) {
        let mut j = 0;
        for t in toks.iter_mut() {
            let (s, e) = (t.start as usize, t.end as usize);
            while j < mentions.len() && mentions[j].span.end <= s {
                j += 1;
            }
            if j < mentions.len() && mentions[j].span.start < e {
                t.gaz = j as u32;
            }
        }
    }

    proptest::proptest! {
        /// Mentions found by binary search mark the same words as the walk
        /// over every word, with spans that start and end anywhere (inside
        /// words, between them, several in one word).
        #[test]
        fn map_mentions_agrees_with_walk(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Abc", "de", " ", "  ", ".", "-", "é", "\u{2019}s", "1,2",
                    "\n", "J.", "xyzxyzxyzxyzxyzxyz",
                ]),
                0..40,
            ),
            cuts in proptest::collection::vec((0usize..400, 0usize..12), 0..12),
        ) {
            let text: String = parts.concat();
            let floor = |mut p: usize| {
                p = p.min(text.len());
                while !text.is_char_boundary(p) {
                    p -= 1;
                }
                p
            };
            let mut spans: Vec<(usize, usize)> =
                cuts.iter().map(|&(s, l)| (floor(s), floor(s + l))).collect();
            spans.sort_unstable();
            let mut mentions = Vec::new();
            let mut last_end = 0;
            for (start, end) in spans {
                if start < end && start >= last_end {
                    mentions.push(Mention {
                        span: Span { start, end },
                        entity: EntityId(0),
                        candidates: Vec::new(),
                        sports: None,
                    });
                    last_end = end;
                }
            }
            let mut got = Vec::new();
            tokenize(&text, &mut got);
            let mut want = got.clone();
            map_mentions(&mut got, &mentions);
            map_mentions_walk(&mut want, &mentions);
            proptest::prop_assert_eq!(
                got.iter().map(|t| t.gaz).collect::<Vec<_>>(),
                want.iter().map(|t| t.gaz).collect::<Vec<_>>(),
                "{:?} {:?}", text, mentions
            );
        }
    }
}
