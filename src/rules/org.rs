//! Organizations the words make evident: capitalized words ending in a
//! company or institution word (`Acme Holdings Ltd`, `Bank of England`),
//! and, off by default, `X & Y` (`Procter & Gamble`).

use crate::text::tokenize::*;

use super::document::{Doc, Run};
use super::lexicon::*;
use super::Rule;

impl Doc<'_> {
    /// An organization starting at or after word `p`: capitalized words up
    /// to a suffix (`Acme Holdings Ltd`), an institution word with an `of`
    /// complement (`Bank of England`), or `X & Y`.
    pub(super) fn try_org(
        &mut self,
        p: usize,
        e: usize,
    ) -> Option<(Run, Rule)> {
        let rules = self.rules;
        if !(rules.on(Rule::OrgSuffix) || rules.on(Rule::Ampersand))
            || self.is_org_stop(p)
        {
            return None;
        }
        let e = e.min(p + 10);
        let mut start = p;
        let mut q = p;
        while q < e {
            if self.has(q, Shape::CLAIMED) {
                return None;
            }
            if rules.on(Rule::OrgSuffix)
                && self.is_head_of(q)
                && q + 2 < e
                && matches!(self.word(q + 1), "of" | "for")
                && !self.has(q + 2, Shape::LOWER)
            {
                // `Bank of England`, `University of California`.
                let mut end = q + 2;
                loop {
                    if rules.on(Rule::LongerName)
                        && self.complement_ends_at(end, e)
                    {
                        // `Bank of England Governor`, `Liberal Party of
                        // Canada Member`: the complement ends with the
                        // name it is.
                        break;
                    }
                    if end + 1 < e && !self.has(end + 1, Shape::LOWER) {
                        end += 1;
                    } else if end + 2 < e
                        && self.word(end + 1) == "and"
                        && !self.has(end + 2, Shape::LOWER)
                    {
                        end += 2;
                    } else {
                        break;
                    }
                }
                if start < q && !self.org_prefix_ok(start, q) {
                    return None;
                }
                return Some((Run { from: start, to: end }, Rule::OrgSuffix));
            }
            if rules.on(Rule::OrgSuffix)
                && q > start
                && self.is_suffix(q)
                && !self.has(q - 1, Shape::LOWER)
            {
                let mut end = q;
                while end + 1 < e && self.is_suffix(end + 1) {
                    end += 1;
                }
                // `Hong Kong Financial Secretary`, `First Bank System`: an
                // adjective, or part of a longer name.
                if end + 1 < e
                    && !self.has(end + 1, Shape::LOWER)
                    && !self.is_strong(end)
                {
                    q = end + 1;
                    continue;
                }
                if !self.org_prefix_ok(start, q) {
                    return None;
                }
                let start = self.partners_before(start, end);
                return Some((Run { from: start, to: end }, Rule::OrgSuffix));
            }
            if self.has(q, Shape::LOWER) {
                let w = self.word(q);
                if matches!(w, "of" | "for") {
                    // `Shares of X Corp`, `John Casesa of X Corp`: the name
                    // starts after `of` (not in `Gold Fields of South
                    // Africa`).
                    if self.of_restarts(start, q) {
                        start = q + 1;
                    }
                } else if !matches!(
                    w,
                    "and" | "de" | "du" | "des" | "la" | "le"
                ) {
                    break;
                }
            } else if self.is_org_stop(q) || self.is_title(q) && q > start {
                if q == start {
                    start = q + 1;
                } else {
                    break;
                }
            } else if is_modifier_word(self.word(q)) {
                // `Boston-based`, `Family-controlled`.
                start = q + 1;
            }
            q += 1;
        }
        if !rules.on(Rule::Ampersand) {
            return None;
        }
        // `Procter & Gamble`: the words around the first `&`.
        let amp = (start + 1..e).find(|&k| self.has(k, Shape::AMP))?;
        if self.has(amp - 1, Shape::LOWER) || self.has(amp, Shape::LOWER) {
            return None;
        }
        let mut end = amp;
        while end + 1 < e
            && !self.has(end + 1, Shape::LOWER)
            && !self.is_org_stop(end + 1)
        {
            end += 1;
        }
        if !self.org_prefix_ok(start, amp) {
            return None;
        }
        Some((Run { from: start, to: end }, Rule::Ampersand))
    }

    /// Where a partnership's name starts: `Carr, Riggs & Ingram, LLC`
    /// lists its partners with commas before the last two, which `&`
    /// joins. When words `[start, end]` hold an `&`, each capitalized
    /// word before them that a comma separates (at most three) belongs
    /// to the name too.
    pub(super) fn partners_before(&self, start: usize, end: usize) -> usize {
        if !(start + 1..=end).any(|k| self.has(k, Shape::AMP)) {
            return start;
        }
        let mut from = start;
        while from > 0 && start - from < 3 {
            let k = from - 1;
            if !self.has(from, Shape::COMMA)
                || self.has(from, Shape::LINE)
                || !self.has(k, Shape::CAP)
                || self.has(k, Shape::CLAIMED)
                || self.toks[k].gaz != NO_GAZ
                || self.is_stop(k)
                || self.is_title(k)
            {
                break;
            }
            from = k;
        }
        from
    }

    /// Whether the words `[start, of)` before an `of` are not part of the
    /// organization's name: one sentence-initial word (`Shares of`), a
    /// person (`John Casesa of`), a title (`General Manager of`).
    pub(super) fn of_restarts(&mut self, start: usize, of: usize) -> bool {
        if start >= of || of - start == 1 && self.has(start, Shape::SENT) {
            return true;
        }
        self.is_title(start)
            || self.is_title_mod(start)
            || self.given_flags(start).is_some()
            || self.has(start, Shape::INITIAL)
    }

    /// The words before an org suffix must not be events or stop words.
    pub(super) fn org_prefix_ok(&mut self, p: usize, q: usize) -> bool {
        if p >= q {
            return false;
        }
        for k in p..q {
            if self.has(k, Shape::LOWER) {
                continue;
            }
            if self.is_org_stop(k) || self.has(k, Shape::CLAIMED) {
                return false;
            }
            if self.class(k).intersects(Class::EVENT) {
                return false;
            }
        }
        true
    }
}

/// `Boston-based`, `Family-controlled`: a capitalized word whose last
/// hyphenated part is lower-case.
fn is_modifier_word(word: &str) -> bool {
    // A byte loop: `rsplit_once('-')` calls `memrchr`, too much for words
    // of a few bytes.
    word.bytes().rposition(|b| b == b'-').is_some_and(|dash| {
        word[dash + 1..].starts_with(|c: char| c.is_lowercase())
    })
}
