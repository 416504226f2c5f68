//! The extractor is the library's front door: built once from a gazetteer,
//! shared by all threads, it turns a text into sorted, non-overlapping
//! mentions (normalize → match → check boundaries and case → resolve).
//!
//! ```
//! use entx::{ExtractorBuilder, Gazetteer, Format, Scratch};
//!
//! let mut gaz = Gazetteer::new();
//! gaz.add_source("demo", "iran\tLOC\tIran\t\n", Format::Tsv).unwrap();
//! let extractor = ExtractorBuilder::new().build(gaz).unwrap();
//! let mut scratch = Scratch::new();
//! let text = "Iran’s foreign policy, not Iranian";
//! let mentions = extractor.extract(text, &mut scratch);
//! assert_eq!(mentions.len(), 1);
//! assert_eq!(&text[mentions[0].span.range()], "Iran");
//! ```

use crate::error::Result;
use crate::gazetteer::{CaseMode, EntityId, Gazetteer};
use crate::index::{
    EntityRef, Index, IndexRef, Posting, LOWER, NO_SYMBOL, UPPER,
};
use crate::normalize::{NormStream, NormText};
use crate::resolve::{resolve, Candidate, ResolveScratch};
use crate::rules::{MentionInfo, RuleMention, RuleOutput, Rules};
use crate::swar::{gather, in_range, HIGH};
use crate::tokenize::{is_boundary, is_end_boundary};
use crate::trie::NO_PATTERN;
use entx_index::fold::{fold_byte as fold_ascii, is_word_byte};
use entx_index::prefilter::{run_key, FirstWords};

/// A half-open range of UTF-8 byte offsets into the source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span as a range, for slicing the source text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// A resolved occurrence of an entity in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where, in source bytes (half-open).
    pub span: Span,
    /// The entity chosen for this span.
    pub entity: EntityId,
    /// Other entities sharing the matched alias that also passed the case
    /// rule, best first. Empty for unambiguous aliases.
    pub candidates: Vec<EntityId>,
}

/// Configures and builds an [`Extractor`].
#[derive(Clone, Debug, Default)]
pub struct ExtractorBuilder {
    case: CaseMode,
    rules: Option<std::sync::Arc<Rules>>,
}

impl ExtractorBuilder {
    /// Default settings: smart case.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The case mode for entities and aliases that do not pin their own.
    pub fn case(&mut self, mode: CaseMode) -> &mut ExtractorBuilder {
        self.case = mode;
        self
    }

    /// Rule-based sources to run after the gazetteer in
    /// [`Extractor::extract_all`] (see [`crate::rules`]); none by default.
    pub fn rules(&mut self, rules: Option<Rules>) -> &mut ExtractorBuilder {
        self.rules = rules.map(std::sync::Arc::new);
        self
    }

    /// Compile a gazetteer.
    pub fn build(&self, gazetteer: Gazetteer) -> Result<Extractor> {
        let mut warnings = gazetteer.warnings().to_vec();
        let index = Index::build(&gazetteer, &mut warnings);
        Ok(Extractor {
            index,
            case: self.case,
            rules: self.rules.clone(),
            warnings,
        })
    }

    /// Use an already compiled gazetteer.
    pub fn build_from_index(&self, index: Index) -> Extractor {
        Extractor {
            index,
            case: self.case,
            rules: self.rules.clone(),
            warnings: Vec::new(),
        }
    }
}

/// A compiled gazetteer, ready to extract. Immutable, `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Extractor {
    index: Index,
    case: CaseMode,
    rules: Option<std::sync::Arc<Rules>>,
    warnings: Vec<String>,
}

/// Everything found in one text by [`Extractor::extract_all`]: gazetteer
/// mentions (those a rule replaced removed) and rule mentions, each sorted
/// by start; together they never overlap.
#[derive(Clone, Copy, Debug)]
pub struct Extraction<'s> {
    /// Gazetteer mentions.
    pub mentions: &'s [Mention],
    /// Rule mentions.
    pub rules: &'s [RuleMention],
}

/// Per-thread buffers reused across documents; create one per thread with
/// [`Scratch::new`] and pass it to every [`Extractor::extract`] call.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Source offset of each normalized byte of the current trie walk.
    walk: Vec<u32>,
    /// Expansion buffer for the normalized stream.
    queue: NormText,
    hits: Hits,
    picked: Vec<u32>,
    resolve: ResolveScratch,
    mentions: Vec<Mention>,
    evidence: Vec<u32>,
    rule_out: RuleOutput,
}

/// Candidates found so far in one text.
#[derive(Clone, Debug, Default)]
struct Hits {
    cands: Vec<Candidate>,
    /// For each candidate: range into `passing`.
    data: Vec<(u32, u32)>,
    passing: Vec<u32>,
}

impl Scratch {
    /// Empty buffers.
    pub fn new() -> Scratch {
        Scratch::default()
    }
}

/// Bit masks over 64 source bytes (byte k → bit k; bytes past the end of
/// the text are 0 in every mask). Computed 16 bytes at a time with SSE2 on
/// x86-64, otherwise eight at a time in a `u64` (SWAR): this is what makes
/// skipping ordinary words cheap.
#[derive(Clone, Copy, Debug, Default)]
struct Masks {
    /// ASCII word bytes (letters, digits, `_`): UAX #29 never breaks
    /// between two of them, so no match starts between two.
    word: u64,
    /// Bytes no match starts on: ASCII whitespace, `-`, UTF-8
    /// continuation bytes.
    skip: u64,
    /// Non-ASCII bytes.
    high: u64,
}

impl Masks {
    /// The masks of the 64-byte block `block` of `bytes`.
    #[inline]
    fn of_block(bytes: &[u8], block: usize) -> Masks {
        let start = block * 64;
        let mut m = Masks::default();
        if let Some(full) = bytes.get(start..start + 64) {
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            return Masks::of_full_block_sse2(full.try_into().expect("64"));
            #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
            for (i, part) in full.chunks_exact(8).enumerate() {
                let x = u64::from_le_bytes(part.try_into().expect("8 bytes"));
                m.add(i, x);
            }
        } else if let Some(tail) = bytes.get(start..) {
            for (i, part) in tail.chunks(8).enumerate() {
                let mut buf = [0u8; 8];
                buf[..part.len()].copy_from_slice(part);
                m.add(i, u64::from_le_bytes(buf));
            }
        }
        m
    }

    /// [`Masks::of_block`] of a whole block, 16 bytes at a time with SSE2
    /// (part of every x86-64 CPU) through `safe_arch`'s safe wrappers:
    /// the SWAR version was a sixth of all extraction instructions.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[inline]
    fn of_full_block_sse2(block: &[u8; 64]) -> Masks {
        use crate::swar::sse2::{splat, within};
        use safe_arch::*;
        let mut m = Masks::default();
        for (i, part) in block.chunks_exact(16).enumerate() {
            let x = load_unaligned_m128i(part.try_into().expect("16 bytes"));
            let letter = within(bitor_m128i(x, splat(0x20)), b'a', b'z');
            let word = bitor_m128i(
                bitor_m128i(letter, within(x, b'0', b'9')),
                cmp_eq_mask_i8_m128i(x, splat(b'_')),
            );
            let space = bitor_m128i(
                bitor_m128i(
                    within(x, b'\t', b'\r'),
                    cmp_eq_mask_i8_m128i(x, splat(b' ')),
                ),
                cmp_eq_mask_i8_m128i(x, splat(b'-')),
            );
            // Continuation bytes 0x80..=0xBF are -128..=-65 as i8.
            let continuation = cmp_lt_mask_i8_m128i(x, splat(0xC0));
            let bits =
                |v: m128i| (move_mask_i8_m128i(v) as u16 as u64) << (16 * i);
            m.word |= bits(word);
            m.skip |= bits(bitor_m128i(space, continuation));
            m.high |= bits(x);
        }
        m
    }

    #[inline]
    fn add(&mut self, i: usize, x: u64) {
        let (w, s, h) = masks8(x);
        self.word |= (w as u64) << (8 * i);
        self.skip |= (s as u64) << (8 * i);
        self.high |= (h as u64) << (8 * i);
    }
}

/// The 64 bits of a mask from bit `k` of `cur` on, continuing into `next`.
#[inline]
fn window(cur: u64, next: u64, k: usize) -> u64 {
    if k == 0 {
        cur
    } else {
        cur >> k | next << (64 - k)
    }
}

/// Word, skip and non-ASCII bits of eight bytes (byte k → bit k).
#[inline]
fn masks8(x: u64) -> (u8, u8, u8) {
    let ascii = !x & HIGH;
    let y = x & !HIGH;
    let word = (in_range(y, b'a', b'z')
        | in_range(y, b'A', b'Z')
        | in_range(y, b'0', b'9')
        | in_range(y, b'_', b'_'))
        & ascii;
    let continuation = x & HIGH & !(x << 1);
    let space = (in_range(y, b'\t', b'\r')
        | in_range(y, b' ', b' ')
        | in_range(y, b'-', b'-'))
        & ascii;
    (gather(word), gather(space | continuation), gather(x & HIGH))
}

/// What the first-words prefilter says about a word start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Start {
    /// No alias can match here.
    Skip,
    /// Some alias may: walk the trie from here.
    Walk,
    /// Some alias may, and the text's first run is ASCII, ends on ASCII,
    /// and is this many bytes long (one to eight): look its trie node up
    /// in [`crate::index::FirstRuns`] instead of walking it.
    Run(usize),
}

impl Start {
    #[inline]
    fn after_run(len: usize) -> Start {
        if (1..=8).contains(&len) {
            Start::Run(len)
        } else {
            Start::Walk
        }
    }
}

/// The first-words prefilter (see [`FirstWords`]): whether
/// an alias of `filter` can match at `start`, an ASCII byte.
/// `word` and `high` are the word and non-ASCII masks of the 64 bytes from
/// `start` (see [`Masks`]); the runs are found from them without a loop,
/// and byte by byte only where they reach past those 64 bytes.
#[inline]
fn first_word_may_match(
    filter: FirstWords<'_>,
    bytes: &[u8],
    start: usize,
    word: u64,
    high: u64,
) -> Start {
    let end1 = (!word).trailing_zeros() as usize;
    if end1 >= 64 {
        return first_word_may_match_slow(filter, bytes, start);
    }
    if high >> end1 & 1 == 1 {
        return Start::Walk; // the word goes on in non-ASCII: no shortcut
    }
    verdict(filter, bytes, start, start + end1, || {
        // Bytes past the end of the text are 0 in both masks.
        let avail = bytes.len() - start;
        // The stretch between the runs: ASCII non-word bytes only.
        let start2 =
            end1 + ((!(word | high)) >> end1).trailing_ones() as usize;
        if start2 >= avail {
            return Second::None;
        }
        if start2 >= 64 {
            return second_run(bytes, start + end1);
        }
        if high >> start2 & 1 == 1 {
            return Second::NotAscii;
        }
        let end2 = start2 + (!(word >> start2)).trailing_zeros() as usize;
        if end2 >= 64 {
            return second_run(bytes, start + end1);
        }
        if high >> end2 & 1 == 1 {
            return Second::NotAscii;
        }
        Second::At(start + start2, start + end2)
    })
}

/// [`first_word_may_match`] for a first run that reaches past 64 bytes,
/// one byte at a time.
#[cold]
fn first_word_may_match_slow(
    filter: FirstWords<'_>,
    bytes: &[u8],
    start: usize,
) -> Start {
    let end1 = word_run_end(bytes, start);
    if bytes.get(end1).is_some_and(|&b| b >= 0x80) {
        return Start::Walk;
    }
    verdict(filter, bytes, start, end1, || second_run(bytes, end1))
}

/// The second run of ASCII word bytes, seen from the first one's end.
enum Second {
    /// The text ends first: only one-run aliases fit.
    None,
    /// It starts or ends in non-ASCII: the filter cannot tell.
    NotAscii,
    /// `start..end`.
    At(usize, usize),
}

/// The filter's verdict on the first run `start..end1` (ASCII, followed by
/// an ASCII byte or the end of the text); `second` finds the second run,
/// only when the first one alone does not decide.
#[inline]
fn verdict(
    filter: FirstWords<'_>,
    bytes: &[u8],
    start: usize,
    end1: usize,
    second: impl FnOnce() -> Second,
) -> Start {
    let run = filter.probe(bytes, start, end1);
    if run.may_be_single() {
        return Start::after_run(end1 - start);
    }
    if !run.may_go_on() {
        return Start::Skip; // no alias of two runs or more starts with this
    }
    match second() {
        Second::None => Start::Skip,
        Second::NotAscii => Start::after_run(end1 - start),
        Second::At(start2, end2) => {
            if run.may_pair(bytes, (start, end1), (start2, end2)) {
                Start::after_run(end1 - start)
            } else {
                Start::Skip
            }
        }
    }
}

/// [`Second`] from `end1`, one byte at a time.
#[cold]
fn second_run(bytes: &[u8], end1: usize) -> Second {
    let Some(gap) =
        bytes[end1..].iter().position(|&b| is_word_byte(b) || b >= 0x80)
    else {
        return Second::None;
    };
    let start2 = end1 + gap;
    if bytes[start2] >= 0x80 {
        return Second::NotAscii;
    }
    let end2 = word_run_end(bytes, start2);
    if bytes.get(end2).is_some_and(|&b| b >= 0x80) {
        return Second::NotAscii;
    }
    Second::At(start2, end2)
}

/// Where the run of ASCII word bytes from `at` ends.
fn word_run_end(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|&b| !is_word_byte(b))
        .map_or(bytes.len(), |n| at + n)
}

impl Extractor {
    /// The compiled gazetteer.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The entity behind a mention.
    pub fn entity(&self, id: EntityId) -> EntityRef<'_> {
        self.index.entity(id.0)
    }

    /// Problems found while loading and compiling (merged duplicate ids,
    /// aliases that normalize to nothing).
    pub fn warnings(&self) -> impl Iterator<Item = &str> {
        self.warnings.iter().map(String::as_str)
    }

    /// Number of distinct normalized aliases.
    pub fn pattern_count(&self) -> usize {
        self.index.pattern_count()
    }

    /// Approximate heap memory of the compiled gazetteer, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.index.memory_usage()
    }

    /// Find the mentions in `text`: sorted by start, never overlapping,
    /// each starting and ending on a word boundary. Spans are byte offsets
    /// into `text`.
    ///
    /// # Panics
    ///
    /// Panics if `text` is 4 GiB or longer.
    pub fn extract<'s>(
        &self,
        text: &str,
        scratch: &'s mut Scratch,
    ) -> &'s [Mention] {
        self.candidates(text, scratch);
        resolve(
            &scratch.hits.cands,
            &mut scratch.resolve,
            &mut scratch.picked,
        );
        scratch.mentions.clear();
        for &i in &scratch.picked {
            let c = &scratch.hits.cands[i as usize];
            let (s, e) = scratch.hits.data[c.data as usize];
            let passing = &scratch.hits.passing[s as usize..e as usize];
            let mut candidates = Vec::new();
            for &other in &passing[1..] {
                let other = EntityId(other);
                if other.0 != passing[0] && !candidates.contains(&other) {
                    candidates.push(other);
                }
            }
            scratch.mentions.push(Mention {
                span: Span { start: c.start, end: c.end },
                entity: EntityId(passing[0]),
                candidates,
            });
        }
        self.use_document_evidence(
            &mut scratch.mentions,
            &mut scratch.evidence,
        );
        &scratch.mentions
    }

    /// Gazetteer mentions, then the rule-based sources configured with
    /// [`ExtractorBuilder::rules`]: the rules may replace gazetteer
    /// mentions they cover (a minor place that is a surname inside a
    /// person's name) and add mentions of their own.
    pub fn extract_all<'s>(
        &self,
        text: &str,
        scratch: &'s mut Scratch,
    ) -> Extraction<'s> {
        self.extract(text, scratch);
        scratch.rule_out.clear();
        if let Some(rules) = &self.rules {
            let info = Info { ex: self, mentions: &scratch.mentions };
            rules.apply(text, &scratch.mentions, &info, &mut scratch.rule_out);
            if !scratch.rule_out.drop.is_empty() {
                let drop = &scratch.rule_out.drop;
                let mut i = 0;
                scratch.mentions.retain(|_| {
                    i += 1;
                    drop.binary_search(&(i - 1)).is_err()
                });
            }
        }
        Extraction {
            mentions: &scratch.mentions,
            rules: &scratch.rule_out.add,
        }
    }

    /// Re-rank ambiguous mentions by what the rest of the document says:
    /// an option whose own id, or whose `country`, is an unambiguous
    /// mention's id or country wins over the static ranking ("Atlanta,
    /// Georgia" → the US state, "Tbilisi, Georgia" → the country). The
    /// static ranking breaks ties; the other options stay in `candidates`.
    fn use_document_evidence(
        &self,
        mentions: &mut [Mention],
        evidence: &mut Vec<u32>,
    ) {
        if mentions.iter().all(|m| m.candidates.is_empty()) {
            return;
        }
        // Ids and countries as symbols (see `Index::symbols`).
        evidence.clear();
        for m in mentions.iter().filter(|m| m.candidates.is_empty()) {
            let (id, country) = self.index.symbols(m.entity.0);
            evidence.push(id);
            if country != NO_SYMBOL {
                evidence.push(country);
            }
        }
        if evidence.is_empty() {
            return;
        }
        evidence.sort_unstable();
        evidence.dedup();
        let supported = |e: EntityId| {
            let (id, country) = self.index.symbols(e.0);
            evidence.binary_search(&id).is_ok()
                || (country != NO_SYMBOL
                    && evidence.binary_search(&country).is_ok())
        };
        for m in mentions.iter_mut().filter(|m| !m.candidates.is_empty()) {
            if supported(m.entity) {
                continue;
            }
            if let Some(i) = m.candidates.iter().position(|&c| supported(c)) {
                let best = m.candidates.remove(i);
                m.candidates.insert(0, m.entity);
                m.entity = best;
            }
        }
    }

    /// Collect every candidate that passes the boundary and case checks.
    fn candidates(&self, text: &str, scratch: &mut Scratch) {
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
        scratch: &mut Scratch,
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
        scratch: &mut Scratch,
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
        let from = hits.passing.len() as u32;
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
        hits.data.push((from, to));
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

/// What the rules see of the gazetteer mentions.
struct Info<'a> {
    ex: &'a Extractor,
    mentions: &'a [Mention],
}

impl MentionInfo for Info<'_> {
    fn kind(&self, i: usize) -> &str {
        self.ex.index.kind(self.mentions[i].entity.0)
    }
    fn name(&self, i: usize) -> &str {
        self.ex.index.name(self.mentions[i].entity.0)
    }
    fn population(&self, i: usize) -> u64 {
        self.ex.index.rank(self.mentions[i].entity.0).1
    }
    fn priority(&self, i: usize) -> i64 {
        self.ex.index.rank(self.mentions[i].entity.0).0
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

#[cfg(test)]
mod tests;

#[cfg(test)]
mod mask_tests {
    use super::*;

    #[test]
    fn masks_agree_with_bytewise() {
        // Whole blocks (SSE2 on x86-64) and a partial one (SWAR).
        let mut bytes: Vec<u8> = (0u8..=255).collect();
        bytes.extend_from_slice("İzmir ve\u{a0}Ankara_9-\t\n".as_bytes());
        for chunk in bytes.chunks(64) {
            let m = Masks::of_block(chunk, 0);
            let (word, skip) = (m.word, m.skip);
            for (k, &b) in chunk.iter().enumerate() {
                let w = b.is_ascii_alphanumeric() || b == b'_';
                let s = matches!(b, b'\t'..=b'\r' | b' ' | b'-')
                    || (b & 0xC0) == 0x80;
                assert_eq!(word >> k & 1 == 1, w, "word bit for {b:#x}");
                assert_eq!(skip >> k & 1 == 1, s, "skip bit for {b:#x}");
                assert_eq!(m.high >> k & 1 == 1, b >= 0x80, "{b:#x}");
            }
        }
    }
}
