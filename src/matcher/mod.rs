//! The matcher: text → candidate spans. It visits only the word starts the
//! prefilter lets through, walks the alias trie with the normalized text,
//! and keeps every alias that ends on a word boundary and passes the case
//! check, with the entities behind it. Overlaps are left to
//! [`crate::resolve`].

mod prefilter;

use crate::gazetteer::CaseMode;
use crate::index::{Index, IndexRef, Posting, LOWER, UPPER};
use crate::normalize::{NormStream, NormText};
use crate::resolve::Candidate;
use crate::text::tokenize::{is_boundary, is_end_boundary};
use crate::trie::NO_PATTERN;
use entx_index::prefilter::run_key;

use self::prefilter::{
    first_word_may_match, fold_ascii, window, Masks, Start,
};

/// The matcher over one compiled gazetteer, under one case mode.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Matcher<'a> {
    pub(crate) index: &'a Index,
    pub(crate) case: CaseMode,
}

/// The matcher's per-thread buffers.
#[derive(Clone, Debug, Default)]
pub(crate) struct MatchScratch {
    /// Source offset of each normalized byte of the current trie walk.
    walk: Vec<u32>,
    /// Expansion buffer for the normalized stream.
    queue: NormText,
    pub(crate) hits: Hits,
}

/// Candidates found so far in one text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Hits {
    pub(crate) cands: Vec<Candidate>,
    /// For each candidate: its range in `passing` (start, start of the
    /// sports-only entities, end).
    pub(crate) data: Vec<(u32, u32, u32)>,
    pub(crate) passing: Vec<u32>,
}

impl Matcher<'_> {
    /// Collect every candidate that passes the boundary and case checks.
    pub(crate) fn candidates(&self, text: &str, scratch: &mut MatchScratch) {
        scratch.hits.cands.clear();
        scratch.hits.data.clear();
        scratch.hits.passing.clear();
        let bytes = text.as_bytes();
        // The tables, looked up once per text.
        let ix = self.index.view();
        let trie = ix.trie();
        // Visit only possible word starts: not between two ASCII word
        // bytes, not on ASCII whitespace, not on a UTF-8 continuation byte,
        // and only where some alias begins with the (folded) byte. Masks
        // are computed 64 bytes at a time so ordinary words are skipped
        // without branching.
        let filter = ix.first_words();
        let runs = ix.first_runs();
        let all_prefixes = ix.prefixes();
        // Under insensitive case a lower-case start can match any alias;
        // under the others only some.
        let insensitive = self.case == CaseMode::Insensitive;
        let lower_filter = ix.first_words_lower();
        let lower_prefixes = ix.lower_prefixes();
        let mut carry = 0u64;
        let mut next = Masks::of_block(bytes, 0);
        for block in 0..bytes.len().div_ceil(64) {
            let cur = next;
            next = Masks::of_block(bytes, block + 1);
            let inside = cur.word & ((cur.word << 1) | carry);
            carry = cur.word >> 63;
            // Bytes past the end are 0 in `skip` too: cut them off.
            let valid = match bytes.len() - block * 64 {
                n if n >= 64 => u64::MAX,
                n => (1u64 << n) - 1,
            };
            let mut starts = !(inside | cur.skip) & valid;
            while starts != 0 {
                let k = starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let at = block * 64 + k;
                let b = bytes[at];
                if b < 0x80 {
                    if !trie.starts_with(fold_ascii(b)) {
                        continue;
                    }
                    let (prefixes, filter) =
                        if b.is_ascii_lowercase() && !insensitive {
                            (lower_prefixes, lower_filter)
                        } else {
                            (all_prefixes, filter)
                        };
                    if !prefixes.may_start(bytes, at) {
                        continue;
                    }
                    let word = window(cur.word, next.word, k);
                    let high = window(cur.high, next.high, k);
                    match first_word_may_match(filter, bytes, at, word, high) {
                        Start::Skip => continue,
                        Start::Walk => {}
                        Start::Run(len) => {
                            let key = run_key(bytes, at, at + len);
                            if let Some(node) = runs.get(key) {
                                self.walk_from_run(
                                    &ix, text, at, len, node, scratch,
                                );
                            }
                            continue;
                        }
                    }
                }
                self.walk(&ix, text, at, scratch);
            }
        }
    }

    /// Walk the trie with the normalized text from `start`, keeping every
    /// alias found that passes the boundary and case checks.
    fn walk(
        &self,
        ix: &IndexRef<'_>,
        text: &str,
        start: usize,
        scratch: &mut MatchScratch,
    ) {
        let trie = ix.trie();
        let mut stream = NormStream::new(text, start, &mut scratch.queue);
        let Some((b, src, last)) = stream.next_byte() else { return };
        if src as usize != start {
            return;
        }
        let Some(node) = trie.root_child(b) else { return };
        scratch.walk.clear();
        scratch.walk.push(src);
        self.walk_on(
            ix,
            text,
            start,
            node,
            last,
            stream,
            &mut scratch.walk,
            &mut scratch.hits,
        );
    }

    /// [`Extractor::walk`] when the text's first run at `start` (ASCII,
    /// `len` bytes, followed by an ASCII byte or the end) leads to `node`:
    /// the walk goes on from the run's end.
    fn walk_from_run(
        &self,
        ix: &IndexRef<'_>,
        text: &str,
        start: usize,
        len: usize,
        node: u32,
        scratch: &mut MatchScratch,
    ) {
        scratch.walk.clear();
        scratch.walk.extend((start..start + len).map(|i| i as u32));
        let stream = NormStream::new(text, start + len, &mut scratch.queue);
        self.walk_on(
            ix,
            text,
            start,
            node,
            true,
            stream,
            &mut scratch.walk,
            &mut scratch.hits,
        );
    }

    /// The walk from `node`, reached with `walk` (one source offset per
    /// normalized byte so far); `last`: whether the last byte ended its
    /// source character.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn walk_on(
        &self,
        ix: &IndexRef<'_>,
        text: &str,
        start: usize,
        mut node: u32,
        mut last: bool,
        mut stream: NormStream<'_, '_>,
        walk: &mut Vec<u32>,
        hits: &mut Hits,
    ) {
        let trie = ix.trie();
        // Checked once, when the first alias is found.
        let mut start_ok = None;
        loop {
            let pattern = trie.pattern_at(node);
            if last && pattern != NO_PATTERN {
                if !*start_ok.get_or_insert_with(|| is_boundary(text, start)) {
                    return;
                }
                self.hit(ix, text, start, pattern, walk, hits);
            }
            let Some((b, src, l)) = stream.next_byte() else { return };
            let Some(next) = trie.child(node, b) else { return };
            node = next;
            last = l;
            walk.push(src);
        }
    }

    /// Check an alias ending at the current end of the walk.
    #[allow(clippy::too_many_arguments)]
    fn hit(
        &self,
        ix: &IndexRef<'_>,
        text: &str,
        start: usize,
        pattern: u32,
        walk: &[u32],
        hits: &mut Hits,
    ) {
        let last = *walk.last().expect("non-empty walk") as usize;
        let end = last + char_len_at(text, last);
        if !is_end_boundary(text, end) {
            return;
        }
        let end = without_sentence_period(text, start, end);
        let from = hits.passing.len() as u32;
        let mut sports = None;
        let mut capitals_say_nothing = None;
        for posting in ix.postings(pattern) {
            if !self.case_ok(ix, posting, text, walk) {
                continue;
            }
            if posting.is_common()
                && *capitals_say_nothing.get_or_insert_with(|| {
                    is_sentence_start(text, start)
                        || is_all_caps(&text[start..end])
                })
            {
                continue;
            }
            if posting.is_sports_only() && sports.is_none() {
                sports = Some(hits.passing.len() as u32);
            }
            hits.passing.push(posting.entity);
        }
        let to = hits.passing.len() as u32;
        if from == to {
            return;
        }
        let (priority, population) = ix.rank(hits.passing[from as usize]);
        hits.cands.push(Candidate {
            start,
            end,
            chars: char_count(&text[start..end]),
            priority,
            population,
            entity: hits.passing[from as usize],
            data: hits.data.len() as u32,
        });
        hits.data.push((from, sports.unwrap_or(to), to));
    }

    /// Whether the source characters behind the walk (one source offset
    /// per normalized byte) satisfy the posting's case rule.
    fn case_ok(
        &self,
        ix: &IndexRef<'_>,
        posting: &Posting,
        text: &str,
        walk: &[u32],
    ) -> bool {
        let mode = posting.case(self.case);
        if mode == CaseMode::Insensitive {
            return true;
        }
        let flags = ix.flags(posting);
        for (&flag, &src) in flags.iter().zip(walk) {
            if flag != UPPER && !(flag == LOWER && mode == CaseMode::Sensitive)
            {
                continue;
            }
            if (flag == UPPER) != is_upper_at(text, src as usize) {
                return false;
            }
        }
        true
    }
}

/// Whether `pos` opens a sentence: only spaces, tabs, opening quotes and
/// brackets stand between it and the start of the text, a line break, or
/// a sentence-final `.`, `!` or `?`.
fn is_sentence_start(text: &str, pos: usize) -> bool {
    for c in text[..pos].chars().rev() {
        match c {
            ' ' | '\t' | '\u{a0}' | '"' | '\'' | '(' | '[' | '“' | '‘'
            | '«' => {}
            '\n' | '\r' | '.' | '!' | '?' => return true,
            _ => return false,
        }
    }
    true
}

/// Whether a span has letters and none of them is lower-case.
fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn is_upper_at(text: &str, at: usize) -> bool {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        return b.is_ascii_uppercase();
    }
    text[at..].chars().next().is_some_and(|c| c.is_uppercase())
}

fn char_len_at(text: &str, at: usize) -> usize {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        1
    } else {
        text[at..].chars().next().map_or(1, char::len_utf8)
    }
}

fn char_count(s: &str) -> u32 {
    if s.is_ascii() {
        s.len() as u32
    } else {
        s.chars().count() as u32
    }
}

/// The end of a match whose alias ends in a period (`U.S.`) that the text
/// split off at the end of a line (`to the U.S .`, CoNLL style: one
/// sentence a line): that period is the sentence's, and the mention stops
/// before it. Mid-line (`U.S . data`) the period is the name's.
fn without_sentence_period(text: &str, start: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let line_ends = matches!(b.get(end), None | Some(b'\n' | b'\r'));
    if !line_ends || end < start + 3 || !text[..end].ends_with(" .") {
        return end;
    }
    // A match starts on a character that is not a space. Only a period
    // split off a word is the sentence's (`U.S .`, not `. .`).
    let kept = text[..end - 1].trim_end_matches(' ');
    if kept.ends_with(char::is_alphanumeric) {
        kept.len()
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::without_sentence_period;

    #[test]
    fn sentence_period_is_trimmed_at_line_ends_only() {
        // (text, match start, match end, expected end)
        let cases = [
            ("to the U.S .", 7, 12, 10),
            ("to the U.S .\nNext", 7, 12, 10),
            ("to the U.S  .", 7, 13, 10),
            ("the U.S . data", 4, 9, 9),
            ("the U.S.", 4, 8, 8),
            ("St .", 0, 4, 2),
            // The alias is the period alone, or ends in punctuation.
            ("a .", 2, 3, 3),
            (". .", 0, 3, 3),
        ];
        for (text, start, end, want) in cases {
            let got = without_sentence_period(text, start, end);
            assert_eq!(got, want, "{text:?}");
        }
    }
}
