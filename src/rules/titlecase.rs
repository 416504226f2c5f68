//! Lines written in Title Case (`Iran Says It Will Respond To Israeli
//! Strike`) capitalize every word, so capitals there say little: a given
//! name before a capitalized common word (`Will Respond`, `Olive Garden`)
//! is no evidence of a person, nor an institution word after common words
//! (`Consumer Products Division`) of an organization. In such a line the
//! `given-name`, `title`, `initial`, `role` and `org-suffix` rules need
//! stronger evidence: the same name found in the article's other lines,
//! or name words that are no common English words.
//!
//! A line is in Title Case when at least two thirds of its words are
//! capitalized, its lower-case words are short (four letters at most) or
//! function words, and words that prose writes in lower case (`To`, `It`,
//! `Will`, `Says`: `gazetteers/lexicon/title-case-words.txt`) are
//! capitalized inside it (not at the start of a line or sentence, nor
//! after a dash or colon), at least one and at least as many as its
//! lower-case words. A line of names (`Hambros Bank Ltd and S.G. Warburg`) has no such
//! capitalized word, and prose (a hard-wrapped line, a sentence listing
//! organizations: `helped … Americans for Peace Now`) has longer
//! lower-case words.

use entx_index::words::is_listed;

use crate::text::tokenize::{Shape, Tok};

use super::document::{Doc, Run};
use super::lexicon::{fold_into, NAME_AMBIGUOUS};
use super::wordmap::{ShortKey, WordMap};
use super::{Rule, RuleMention};

/// The embedded list of words that mark a Title-Case line.
const MARKERS: &str =
    include_str!("../../gazetteers/lexicon/title-case-words.txt");

/// The embedded list of byline role nouns.
const ROLES: &str = include_str!("../../gazetteers/lexicon/byline-roles.txt");

/// The `title-case` rule's marker words (folded) and the `byline` rule's
/// role nouns (as written).
#[derive(Clone, Debug, Default)]
pub(crate) struct Words {
    markers: WordMap<()>,
    pub(super) roles: WordMap<()>,
}

impl Words {
    /// The built-in lists.
    pub(crate) fn builtin() -> Words {
        let mut words = Words::default();
        let (mut key, mut norm) = (String::new(), Default::default());
        for w in lines(MARKERS) {
            fold_into(w, &mut key, &mut norm);
            words.markers.entry(&key, ());
        }
        for w in lines(ROLES) {
            words.roles.entry(w, ());
        }
        words
    }
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The Title-Case lines of a document, as ranges of word indices
/// `[start, end)`, ascending, into `out`. Only the lines of `marks` (the
/// capitalized stop words inside a sentence, found while the words were
/// classified) can be: most documents have none, and no line is looked
/// at.
pub(super) fn title_case_lines(
    text: &str,
    toks: &[Tok],
    marks: &[u32],
    words: &Words,
    out: &mut Vec<(u32, u32)>,
) {
    out.clear();
    let bytes = text.as_bytes();
    let mut seen = 0;
    for &m in marks {
        let m = m as usize;
        if m < seen || !is_inner_marker(text, &toks[m], words) {
            continue;
        }
        let mut s = m;
        while s > 0 && !toks[s].flags.intersects(Shape::LINE) {
            s -= 1;
        }
        let mut e = m + 1;
        while e < toks.len() && !toks[e].flags.intersects(Shape::LINE) {
            e += 1;
        }
        seen = e;
        let (mut alpha, mut lower) = (0usize, 0usize);
        for t in &toks[s..e] {
            if t.flags.intersects(Shape::CAP | Shape::LOWER) {
                alpha += 1;
                lower += t.flags.intersects(Shape::LOWER) as usize;
            }
        }
        if alpha >= 3
            && lower * 3 <= alpha
            && !toks[s].flags.intersects(Shape::SHOUT)
            // Title Case writes only short function words in lower case
            // (`to`, `of`, `against`); prose has longer words too
            // (`helped with the development of … Peace Now`).
            && toks[s..e].iter().all(|t| {
                !t.flags.intersects(Shape::LOWER)
                    || t.end - t.start <= 4
                    || is_marker(text, bytes, t, words)
            })
            && markers(text, &toks[s + 1..e], words) >= lower.max(1)
        {
            out.push((s as u32, e as u32));
        }
    }
}

/// How many of `toks` are capitalized marker words inside a sentence.
fn markers(text: &str, toks: &[Tok], words: &Words) -> usize {
    toks.iter().filter(|t| is_inner_marker(text, t, words)).count()
}

/// Whether `t` is a capitalized marker word inside a sentence: not at its
/// start, nor after a dash or colon (`LONDON, June 15 - An International
/// …`).
fn is_inner_marker(text: &str, t: &Tok, words: &Words) -> bool {
    let bytes = text.as_bytes();
    let s = t.start as usize;
    t.flags & (Shape::CAP | Shape::UPPER | Shape::SENT) == Shape::CAP
        && !(s >= 2 && matches!(&bytes[s - 2..s], b"- " | b": "))
        && is_marker(text, bytes, t, words)
}

fn is_marker(text: &str, bytes: &[u8], t: &Tok, words: &Words) -> bool {
    let (s, e) = (t.start as usize, t.end as usize);
    match ShortKey::new_in(bytes, s, e) {
        Some(k) if k.is_ascii() => {
            words.markers.get_short(k.fold_ascii()).is_some()
        }
        _ => {
            let (mut key, mut norm) = (String::new(), Default::default());
            fold_into(&text[s..e], &mut key, &mut norm);
            words.markers.get(&key).is_some()
        }
    }
}

impl Doc<'_> {
    /// Whether word `i` is in a Title-Case line.
    pub(super) fn in_title_case(&self, i: usize) -> bool {
        let i = i as u32;
        let k = self.title_case.partition_point(|&(_, e)| e <= i);
        self.title_case.get(k).is_some_and(|&(s, _)| s <= i)
    }

    /// Whether word `k` is a common English word (or a stop word).
    pub(super) fn is_common(&mut self, k: usize) -> bool {
        self.is_stop(k) || is_listed(self.fold(k))
    }

    /// The part of `run` a rule may tag in a Title-Case line, if any: the
    /// longest part whose text the rules found in the article's other
    /// lines; otherwise a person whose first name words are evidence
    /// enough (a given name not marked `?`, also a common word, in
    /// `given-names.txt`, or a title or role before it, and a surname
    /// that is no common word or stop word), cut before the
    /// first common word after them (`Warren Buffett Loves` → `Warren
    /// Buffett`); or an organization with a company form (`Inc`) or a
    /// name word that is no common word (`Jefferies Group`).
    pub(super) fn title_case_run(
        &mut self,
        run: Run,
        kind: &'static str,
        rule: Rule,
        add: &[RuleMention],
    ) -> Option<Run> {
        if let Some(to) = self.found_elsewhere(run, add) {
            return Some(Run { from: run.from, to });
        }
        if kind == "ORG" {
            let named = (run.from..run.to)
                .any(|k| self.has(k, Shape::CAP) && !self.is_common(k));
            return (self.is_strong(run.to) || named).then_some(run);
        }
        // The name words: not initials or lower-case particles.
        let name_word =
            |d: &Self, k: usize| !d.has(k, Shape::INITIAL | Shape::LOWER);
        let first = (run.from..=run.to).find(|&k| name_word(self, k))?;
        let second = (first + 1..=run.to).find(|&k| name_word(self, k));
        let announced =
            matches!(rule, Rule::Title | Rule::Role | Rule::Initial);
        let given =
            self.given_flags(first).is_some_and(|f| f & NAME_AMBIGUOUS == 0);
        // The last of the words that must be no common words.
        let core_end = if rule == Rule::GivenName || announced && given {
            second?
        } else {
            first
        };
        let evident = if rule == Rule::GivenName {
            given && !self.is_common(core_end)
        } else {
            announced && (given || !self.is_common(core_end))
        };
        if !evident {
            return None;
        }
        let mut to = core_end;
        while to < run.to && !self.is_common(to + 1) {
            to += 1;
        }
        Some(Run { from: run.from, to })
    }

    /// The last word of the longest part of `run`, from its first word,
    /// whose text a rule mention outside the Title-Case lines has.
    fn found_elsewhere(&self, run: Run, add: &[RuleMention]) -> Option<usize> {
        let start = self.toks[run.from].start as usize;
        (run.from..=run.to).rev().find(|&k| {
            let found = &self.text[start..self.toks[k].end as usize];
            add.iter().any(|m| {
                self.text[m.span.range()].eq_ignore_ascii_case(found) && {
                    let t = self.toks.partition_point(|w| {
                        (w.start as usize) < m.span.start
                    });
                    !self.in_title_case(t)
                }
            })
        })
    }

    /// What [`Doc::emit`] may tag of `run`, found by `rule`: without a
    /// byline's role words (`byline`), and in a Title-Case line only with
    /// stronger evidence (`title-case`). A run these rules change names
    /// them in `via`.
    pub(super) fn guard(
        &mut self,
        run: Run,
        kind: &'static str,
        rule: Rule,
        add: &[RuleMention],
    ) -> Option<(Run, Rule)> {
        let mut out = (run, rule);
        if kind == "PERSON"
            && run.to >= run.from + 2
            && self.rules.on(Rule::Byline)
        {
            if let Some(cut) = self.byline_run(run) {
                out = (cut, Rule::Byline);
            }
        }
        if !self.title_case.is_empty()
            && matches!(
                rule,
                Rule::GivenName
                    | Rule::Title
                    | Rule::Initial
                    | Rule::Role
                    | Rule::OrgSuffix
                    | Rule::Ampersand
            )
            && self.in_title_case(run.from)
        {
            let cut = self.title_case_run(out.0, kind, rule, add)?;
            if cut != out.0 {
                out = (cut, Rule::TitleCase);
            }
        }
        Some(out)
    }
}
