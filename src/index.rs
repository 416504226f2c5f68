//! A compiled gazetteer: everything extraction needs (entity table, alias
//! trie, postings, case data) in flat arrays, so it can be written to bytes
//! once (at build time for the built-in gazetteer, or by `entx gazetteer
//! build`) and loaded in milliseconds, checked so that damage is an error.
//!
//! # File format
//!
//! `ENTXIDX\0`, a little-endian `u32` format version, the `u32` CRC-32 of
//! the rest of the file, then sections in a fixed order, each a `u64` byte
//! length followed by its bytes (padded to 8): integers are little-endian,
//! strings UTF-8. A damaged file fails the checksum; beyond it,
//! [`Index::from_bytes`] checks every length, offset and cross-reference,
//! and [`Index::from_static_bytes`] every length and offset, so a damaged
//! or hostile file is an error or wrong mentions, never a panic.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::gazetteer::{CaseMode, Gazetteer};
use crate::normalize::{NormText, Normalizer};
use crate::trie::{Trie, NO_PATTERN};

const MAGIC: &[u8; 8] = b"ENTXIDX\0";
const VERSION: u32 = 10;

/// Case of one alias character, recorded per normalized byte.
pub(crate) const NONE: u8 = 0;
pub(crate) const UPPER: u8 = 1;
pub(crate) const LOWER: u8 = 2;

/// A borrowed view of one entity of a compiled gazetteer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityRef<'a> {
    /// The gazetteer id.
    pub id: &'a str,
    /// The type label.
    pub kind: &'a str,
    /// The canonical name.
    pub name: &'a str,
    /// The `country` attribute, or `""`.
    pub country: &'a str,
    /// The `wikidata` attribute (a Wikidata item id such as `Q794`), or
    /// `""`.
    pub wikidata: &'a str,
    /// Ranking priority.
    pub priority: i64,
    /// Prominence prior.
    pub population: u64,
}

/// Bit of `Posting::case` set for common-word aliases (see
/// [`is_common_word_alias`]).
const COMMON: u8 = 0x10;

/// The places below country rank whose alias is a single common English
/// word (`Nice`, `Reading`, `Split`, `Bath`): such an alias must be
/// capitalized in running text, so it does not match at the start of a
/// sentence or in all-caps text, where capitals say nothing.
pub fn is_common_word_alias(
    kind: &str,
    priority: i64,
    alias: &str,
    norm: &str,
) -> bool {
    kind == "LOC"
        && priority < 30
        && alias.chars().next().is_some_and(char::is_uppercase)
        && crate::words::is_common_word(norm)
}

/// One (alias, entity) pair behind a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Posting {
    pub entity: u32,
    /// Low bits: 0 when not pinned, otherwise 1 + the pinned [`CaseMode`];
    /// bit [`COMMON`]: a common-word alias.
    pub case: u8,
    pub flags_start: u32,
    pub flags_end: u32,
}

impl Posting {
    /// Whether this alias falls under the common-word rule.
    pub fn is_common(&self) -> bool {
        self.case & COMMON != 0
    }

    pub fn case(&self, default: CaseMode) -> CaseMode {
        match self.case & 0x0F {
            1 => CaseMode::Smart,
            2 => CaseMode::Sensitive,
            3 => CaseMode::Insensitive,
            _ => default,
        }
    }
}

fn case_code(mode: Option<CaseMode>) -> u8 {
    match mode {
        None => 0,
        Some(CaseMode::Smart) => 1,
        Some(CaseMode::Sensitive) => 2,
        Some(CaseMode::Insensitive) => 3,
    }
}

/// An entity's id, type and name (see [`Index::labels`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Labels<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub name: &'a str,
    /// The Wikidata item id, or `""`.
    pub wikidata: &'a str,
}

/// The strings of an entity, in the order of its ranges (see
/// `Index::ranges`).
const ID: usize = 0;
const KIND: usize = 1;
const NAME: usize = 2;
const COUNTRY: usize = 3;
const WIKIDATA: usize = 4;
/// How many strings each entity has in `Index::ranges`.
const STRINGS: usize = 5;

/// No symbol: an entity without a `country`.
pub(crate) const NO_SYMBOL: u32 = u32::MAX;

/// A compiled gazetteer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    // The tables are `Cow`s: owned when compiled or read from a file,
    // borrowed in place from the binary for the built-in index (see
    // `Index::from_trusted_bytes`).
    /// All entity strings, concatenated.
    strings: Cow<'static, str>,
    /// Per entity, [`STRINGS`] string ranges (id, kind, name, country,
    /// wikidata) as
    /// (start, end) pairs into `strings`.
    ranges: Cow<'static, [u32]>,
    priority: Cow<'static, [i64]>,
    population: Cow<'static, [u64]>,
    trie: Trie,
    /// `postings[starts[p]..starts[p + 1]]` belong to pattern `p`, ranked.
    starts: Cow<'static, [u32]>,
    postings: Vec<Posting>,
    flags: Cow<'static, [u8]>,
    aliases: u64,
    /// Bloom filter of the first words of all patterns (see
    /// [`FirstWords`]).
    first_words: FirstWords,
    /// The trie node after each short first run (see [`FirstRuns`]).
    first_runs: FirstRuns,
    /// Per entity, its id and its `country` as symbols (equal strings,
    /// equal symbols; [`NO_SYMBOL`] for no country), so document evidence
    /// compares integers instead of strings.
    symbols: Cow<'static, [u32]>,
    /// The same for the patterns that can match where the text has a
    /// lower-case first letter under smart or sensitive case (see
    /// [`Index::first_words_lower`]).
    first_words_lower: FirstWords,
    /// The first three bytes of all patterns (see [`Prefixes`]).
    prefixes: Prefixes,
    /// The same for the patterns of [`Index::first_words_lower`]: most
    /// lower-case words are dismissed by one bit test.
    lower_prefixes: Prefixes,
}

/// A Bloom filter of the first words of every pattern, so that most word
/// starts in a text are dismissed without walking the trie.
///
/// A pattern's *runs* are its maximal runs of ASCII letters, digits and
/// `_` (normalized text is lower-case). A pattern with one run (or none) is
/// entered as `single(run1)`; any other as `pair(run1, run2)` and, so that
/// most words need only one hash, as `prefix(run1)`.
///
/// Why this is exact: a whole-word match covers the text's first run
/// entirely, because UAX #29 never breaks between two ASCII word characters
/// and the byte that ends the run in the text cannot equal a word byte of
/// the alias. The same holds for the second run. So when the text's runs
/// from a start position are ASCII and end on ASCII bytes, an alias can only
/// match there if `single(t1)` is in the filter, or both `prefix(t1)` and
/// `pair(t1, t2)` are; a miss skips the walk. All keys of a first run live
/// in one `u64` bucket chosen by the run (a blocked Bloom filter: one cache
/// line per word start), two bits per key, 16 bits per key overall and at
/// least 4 KiB: about 2% false positives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirstWords {
    pub(crate) bits: Cow<'static, [u64]>,
}

/// The runs of ASCII word bytes of a normalized pattern: the first run
/// (possibly empty) and the second, if any.
fn runs(p: &[u8]) -> (&[u8], Option<&[u8]>) {
    let end1 = p.iter().position(|&c| !is_word_byte(c)).unwrap_or(p.len());
    let rest = &p[end1..];
    let Some(start2) = rest.iter().position(|&c| is_word_byte(c)) else {
        return (&p[..end1], None);
    };
    let rest = &rest[start2..];
    let end2 =
        rest.iter().position(|&c| !is_word_byte(c)).unwrap_or(rest.len());
    (&p[..end1], Some(&rest[..end2]))
}

impl FirstWords {
    fn build(patterns: &[String]) -> FirstWords {
        // (bucket hash, bits to set): the bucket is chosen by the first
        // run alone, so a lookup touches one u64 for all of its keys.
        let mut keys: Vec<(u64, u64)> = Vec::new();
        for p in patterns {
            match runs(p.as_bytes()) {
                (w, None) => keys.push((single_key(w), bits(single_key(w)))),
                (w1, Some(w2)) => {
                    let h1 = single_key(w1);
                    keys.push((h1, bits(pair_key(w1, w2))));
                    keys.push((h1, prefix_bits(h1)));
                }
            }
        }
        keys.sort_unstable();
        keys.dedup();
        // At least 4 KiB: a small filter costs nothing to keep in L1, and
        // keeps a crowded bucket (every "al …" alias shares one) from
        // catching 1 in 32 words of the text.
        let nbits = (keys.len() * 16).next_power_of_two().max(1 << 15);
        let mut bits = vec![0; nbits / 64];
        let mask = bits.len() - 1;
        for (bucket, b) in keys {
            bits[bucket as usize & mask] |= b;
        }
        FirstWords { bits: Cow::Owned(bits) }
    }

    /// The `u64` of the filter that holds the keys of a first run.
    #[inline]
    pub fn bucket(&self, first_run_key: u64) -> usize {
        (first_run_key as usize) & (self.bits.len() - 1)
    }

    /// The bucket's bits.
    #[inline]
    pub fn word(&self, bucket: usize) -> u64 {
        self.bits[bucket]
    }
}

/// Which words can begin some pattern, judged by their first three bytes
/// through a table that stays in L1 (7 KiB): it dismisses most word starts
/// with one bit test, before the [`FirstWords`] filter, whose larger table
/// costs a cache miss per lookup with a big gazetteer.
///
/// Bytes are taken by class: a word byte (ASCII letter of either case,
/// digit, `_`) is its own class; any other ASCII byte, and the end of the
/// text or pattern, is class 0; a non-ASCII byte is `NON_ASCII` (38).
/// For a pattern starting with word byte `p0` followed by `p1`, `p2`:
///
/// * `p1` is class 0 (the pattern's first run is one byte): bit
///   `(p0, 0, 0)`;
/// * `p1` is a word byte: bits `(p0, p1, p2)` and `(p0, p1, NON_ASCII)`;
/// * `p1` is non-ASCII: no bit (see below).
///
/// At a word start `t0` (an ASCII word byte) the text's next two bytes are
/// looked up the same way. Why this is exact (as for [`FirstWords`]): a
/// match must cover the text's first run whole, and an ASCII byte
/// normalizes to itself lower-cased if it is a word byte and to an ASCII
/// non-word byte (or one space for a run of separators) if not. So if `t1`
/// is an ASCII non-word byte, the pattern's first run is `p0` alone; if
/// `t1` and `t2` are ASCII word bytes, the pattern starts with `t0 t1 t2`;
/// if `t1` is a word byte and `t2` an ASCII non-word byte, the pattern's
/// first run is `t0 t1`. When `t1` is non-ASCII the table is not consulted
/// (it may normalize to anything, or vanish); when only `t2` is, bit
/// `(t0, t1, NON_ASCII)` says whether any pattern starts with `t0 t1`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefixes {
    bits: Cow<'static, [u64]>,
}

/// Byte classes of [`Prefixes`]: 1 to 37 for `a`–`z` (either case), `0`–`9`
/// and `_`, [`Prefixes::NON_ASCII`] for bytes 0x80 and above, 0 for the rest.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b'a'..=b'z' => c - b'a' + 1,
            b'A'..=b'Z' => c - b'A' + 1,
            b'0'..=b'9' => c - b'0' + 27,
            b'_' => 37,
            0x80..=0xFF => Prefixes::NON_ASCII,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The [`CLASS`] of `bytes[i]`; 0 (as for an ASCII non-word byte) past the
/// end.
#[inline]
fn class_at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).map_or(0, |&b| CLASS[b as usize])
}

impl Prefixes {
    /// The class of non-ASCII bytes.
    const NON_ASCII: u8 = 38;
    /// Bits in the table: first byte (37 word classes) × second (38: word
    /// classes and 0) × third (39).
    const BITS: usize = 37 * 38 * 39;
    /// `u64`s in the table.
    pub(crate) const WORDS: usize = Self::BITS.div_ceil(64);

    fn build<'p>(patterns: impl Iterator<Item = &'p [u8]>) -> Prefixes {
        let mut bits = vec![0u64; Self::WORDS];
        let mut set = |c0: u8, c1: u8, c2: u8| {
            let i = Self::bit(c0, c1, c2);
            bits[i / 64] |= 1 << (i % 64);
        };
        for p in patterns {
            let c0 = class_at(p, 0);
            if c0 == 0 || c0 == Self::NON_ASCII {
                continue; // such a start is never looked up
            }
            match class_at(p, 1) {
                0 => set(c0, 0, 0),
                Self::NON_ASCII => {}
                c1 => {
                    set(c0, c1, class_at(p, 2));
                    set(c0, c1, Self::NON_ASCII);
                }
            }
        }
        Prefixes { bits: Cow::Owned(bits) }
    }

    /// The bit of classes `c0` (1..=37), `c1` (0..=37), `c2` (0..=38).
    #[inline]
    fn bit(c0: u8, c1: u8, c2: u8) -> usize {
        ((c0 as usize - 1) * 38 + c1 as usize) * 39 + c2 as usize
    }

    /// Whether some pattern can match at `at`, a word start: false only
    /// when none can.
    #[inline]
    pub fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        let c0 = class_at(bytes, at);
        let c1 = class_at(bytes, at + 1);
        if c0 == 0 || c0 == Self::NON_ASCII || c1 == Self::NON_ASCII {
            return true;
        }
        let c2 = if c1 == 0 { 0 } else { class_at(bytes, at + 2) };
        let i = Self::bit(c0, c1, c2);
        self.bits[i / 64] >> (i % 64) & 1 == 1
    }
}

/// Where the trie stands after each pattern's first run, when that run is
/// one to eight bytes long: looked up with the text's first run at a word
/// start, it replaces a walk of those bytes through the trie (a cache miss
/// or two per byte) with one probe, and answers exactly whether any
/// pattern starts with that run (see [`FirstWords`] for why a match must
/// cover the text's whole first run).
///
/// Open addressing with linear probing over `[key, node]` pairs, at most
/// half full. A key is the run's bytes, little-endian in a `u64` (see
/// [`run_key`]); word bytes are never 0, so 0 marks an empty slot and
/// every run has its own key: no hash collisions to verify.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirstRuns {
    slots: Cow<'static, [u64]>,
}

impl FirstRuns {
    fn build(patterns: &[String], trie: &Trie) -> FirstRuns {
        let mut runs: Vec<&[u8]> = patterns
            .iter()
            .map(|p| runs(p.as_bytes()).0)
            .filter(|r| (1..=8).contains(&r.len()))
            .collect();
        runs.sort_unstable();
        runs.dedup();
        let n = (runs.len() * 2).next_power_of_two().max(16);
        let mut table = FirstRuns { slots: Cow::Owned(vec![0; n * 2]) };
        for run in runs {
            let node = trie.node_of(run).expect("a pattern's prefix");
            let key = run_key(run, 0, run.len());
            let mut slot = table.home(key);
            let slots = table.slots.to_mut();
            while slots[slot * 2] != 0 {
                slot = (slot + 1) & (n - 1);
            }
            slots[slot * 2] = key;
            slots[slot * 2 + 1] = node as u64;
        }
        table
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        let n = self.slots.len() / 2;
        (key.wrapping_mul(K) >> 32) as usize & (n - 1)
    }

    /// The trie node after the run with this [`run_key`], if some pattern
    /// starts with that run.
    #[inline]
    pub fn get(&self, key: u64) -> Option<u32> {
        let n = self.slots.len() / 2;
        let mut slot = self.home(key);
        for _ in 0..n {
            match self.slots[slot * 2] {
                0 => return None,
                k if k == key => return Some(self.slots[slot * 2 + 1] as u32),
                _ => slot = (slot + 1) & (n - 1),
            }
        }
        None
    }

    /// Every entry's node exists (`nodes` of them): what a probe needs.
    fn check_bounds(&self, nodes: usize) -> Result<(), String> {
        let bad = self
            .slots
            .chunks_exact(2)
            .any(|pair| pair[0] != 0 && pair[1] >= nodes as u64);
        if bad {
            return Err(
                "index: first-run table entry to a missing node".into()
            );
        }
        Ok(())
    }

    /// Every entry must be a run of normalized word bytes that leads to its
    /// node in the trie (`short_keys`: see [`Trie::depths_and_keys`]), and be found
    /// where `get` looks for it.
    fn validate(&self, short_keys: &[u64]) -> Result<(), String> {
        // The size was checked when the index was parsed.
        let bad = || Err("index: bad first-run table entry".to_string());
        for pair in self.slots.chunks_exact(2) {
            let (key, node) = (pair[0], pair[1]);
            if key == 0 {
                continue;
            }
            let bytes = key.to_le_bytes();
            let len = bytes.iter().position(|&b| b == 0).unwrap_or(8);
            let run = &bytes[..len];
            if bytes[len..].iter().any(|&b| b != 0)
                || !run.iter().all(|&b| is_word_byte(b))
                || short_keys.get(node as usize) != Some(&key)
                || self.get(key).map(u64::from) != Some(node)
            {
                return bad();
            }
        }
        Ok(())
    }
}

/// The [`FirstRuns`] key of `bytes[start..end]`, a run of ASCII word bytes
/// one to eight bytes long: its bytes lower-cased, little-endian, zero
/// past the end.
#[inline]
pub fn run_key(bytes: &[u8], start: usize, end: usize) -> u64 {
    debug_assert!((1..=8).contains(&(end - start)));
    lower8(load(bytes, start, end - start))
}

/// Up to eight bytes from `bytes[at..]`, little-endian, zero past `n`.
#[inline]
fn load(bytes: &[u8], at: usize, n: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(b) => {
            let x = u64::from_le_bytes(b.try_into().expect("8 bytes"));
            if n == 8 {
                x
            } else {
                x & ((1u64 << (8 * n)) - 1)
            }
        }
        None => {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(&bytes[at..at + n]);
            u64::from_le_bytes(buf)
        }
    }
}

/// The two bits a `single` or `pair` key sets in its bucket.
#[inline]
pub fn bits(h: u64) -> u64 {
    1 << ((h >> 40) & 63) | 1 << ((h >> 52) & 63)
}

/// The two bits `prefix(run)` sets, from `single(run)`: other bits of the
/// same hash, so checking it costs no second hash.
#[inline]
pub fn prefix_bits(single: u64) -> u64 {
    1 << ((single >> 46) & 63) | 1 << ((single >> 58) & 63)
}

/// Filter key of a pattern with a single run `w` (ASCII; upper-case
/// letters count as lower-case).
#[inline]
pub fn single_key(w: &[u8]) -> u64 {
    single_key_at(w, 0, w.len())
}

/// Filter key of a pattern whose first two runs are `w1`, `w2`.
#[inline]
pub fn pair_key(w1: &[u8], w2: &[u8]) -> u64 {
    let mut both = w1.to_vec();
    both.extend_from_slice(w2);
    pair_key_at(&both, (0, w1.len()), (w1.len(), both.len()))
}

/// [`single_key`] of `bytes[start..end]`.
#[inline]
pub fn single_key_at(bytes: &[u8], start: usize, end: usize) -> u64 {
    finish(mix_run_at(0x5bd1_e995_1234_5678, bytes, start, end))
}

/// [`pair_key`] of the runs `bytes[s1..e1]` and `bytes[s2..e2]`.
#[inline]
pub fn pair_key_at(
    bytes: &[u8],
    (s1, e1): (usize, usize),
    (s2, e2): (usize, usize),
) -> u64 {
    let h = mix_run_at(0x9e37_79b9_7f4a_7c15, bytes, s1, e1);
    finish(mix_run_at(h ^ 0xff, bytes, s2, e2))
}

const K: u64 = 0x9fb2_1c65_1e98_df25;

/// Hash `bytes[start..end]` eight bytes at a time, lower-casing ASCII
/// letters on the way, reading straight from `bytes` (masking off what lies
/// past `end`) rather than copying: the per-word-start hot path, where most
/// runs take one multiplication. Part of the index format.
#[inline]
fn mix_run_at(seed: u64, bytes: &[u8], start: usize, end: usize) -> u64 {
    let mut h = seed ^ ((end - start) as u64).wrapping_mul(K);
    let mut at = start;
    loop {
        let n = (end - at).min(8);
        h = (h ^ lower8(load(bytes, at, n))).wrapping_mul(K);
        at += n;
        if at >= end {
            return h;
        }
        h ^= h >> 29;
    }
}

/// Fold the high bits (which the products mix best) into the low ones,
/// which choose the bucket.
#[inline]
fn finish(h: u64) -> u64 {
    h ^ (h >> 32)
}

/// ASCII upper-case letters in eight bytes made lower-case (SWAR).
#[inline]
fn lower8(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW: u64 = 0x0101_0101_0101_0101;
    let y = x & !HIGH;
    let upper = y.wrapping_add((0x80 - b'A' as u64) * LOW)
        & !y.wrapping_add((0x7f - b'Z' as u64) * LOW)
        & !x
        & HIGH;
    x | (upper >> 2)
}

/// ASCII letters (lower-case, as normalized), digits and `_`.
#[inline]
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'
}

impl Index {
    /// Compile a gazetteer. Aliases that normalize to nothing are skipped
    /// and reported in `warnings`.
    pub fn build(gaz: &Gazetteer, warnings: &mut Vec<String>) -> Index {
        let z = Normalizer::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut pairs: Vec<(u32, Posting)> = Vec::new();
        let mut flags: Vec<u8> = Vec::new();
        let mut buf = NormText::new();
        let mut index = Index::default();
        let mut interned: HashMap<&str, (u32, u32)> = HashMap::new();
        for (i, entity) in gaz.entities().iter().enumerate() {
            fn add(s: &str, strings: &mut String) -> (u32, u32) {
                let r =
                    (strings.len() as u32, (strings.len() + s.len()) as u32);
                strings.push_str(s);
                r
            }
            let id = add(&entity.id, index.strings.to_mut());
            let kind = match interned.get(entity.kind.as_str()) {
                Some(&r) => r,
                None => {
                    let r = add(&entity.kind, index.strings.to_mut());
                    interned.insert(&entity.kind, r);
                    r
                }
            };
            let name = add(&entity.name, index.strings.to_mut());
            let country = add(
                entity.attribute("country").unwrap_or(""),
                index.strings.to_mut(),
            );
            let wikidata = add(
                entity.attribute("wikidata").unwrap_or(""),
                index.strings.to_mut(),
            );
            index.ranges.to_mut().extend([
                id.0, id.1, kind.0, kind.1, name.0, name.1, country.0,
                country.1, wikidata.0, wikidata.1,
            ]);
            index.priority.to_mut().push(entity.priority);
            index.population.to_mut().push(entity.population);
            for alias in &entity.aliases {
                z.normalize_into(&alias.text, &mut buf);
                let norm = buf.as_str();
                let lead =
                    norm.len() - norm.trim_start_matches([' ', '\n']).len();
                let trimmed = norm.trim_matches([' ', '\n']);
                if trimmed.is_empty() {
                    warnings.push(format!(
                        "{}: alias {:?} of entity {:?} has no letters, digits \
                         or punctuation to match; skipped",
                        entity.origin, alias.text, entity.id
                    ));
                    continue;
                }
                index.aliases += 1;
                let (fs, fe) = alias_flags(
                    &alias.text,
                    &buf,
                    lead,
                    trimmed.len(),
                    &mut flags,
                );
                let next = texts.len() as u32;
                let pid =
                    *ids.entry(trimmed.to_string()).or_insert_with(|| {
                        texts.push(trimmed.to_string());
                        next
                    });
                let mut case = case_code(alias.case.or(entity.case));
                if is_common_word_alias(
                    &entity.kind,
                    entity.priority,
                    &alias.text,
                    trimmed,
                ) {
                    case |= COMMON;
                }
                pairs.push((
                    pid,
                    Posting {
                        entity: i as u32,
                        case,
                        flags_start: fs,
                        flags_end: fe,
                    },
                ));
            }
        }
        // Group by pattern; within a pattern rank the best entity first:
        // priority, then prominence, then load order.
        pairs.sort_by(|(pa, a), (pb, b)| {
            let (ia, ib) = (a.entity as usize, b.entity as usize);
            pa.cmp(pb)
                .then(index.priority[ib].cmp(&index.priority[ia]))
                .then(index.population[ib].cmp(&index.population[ia]))
                .then(ia.cmp(&ib))
        });
        let mut starts = Vec::with_capacity(texts.len() + 1);
        for (pid, posting) in pairs {
            while starts.len() <= pid as usize {
                starts.push(index.postings.len() as u32);
            }
            index.postings.push(posting);
        }
        while starts.len() <= texts.len() {
            starts.push(index.postings.len() as u32);
        }
        index.starts = Cow::Owned(starts);
        let keys: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
        index.trie = Trie::build(&keys);
        index.first_words = FirstWords::build(&texts);
        index.first_runs = FirstRuns::build(&texts, &index.trie);
        let mut symbol_of: HashMap<&str, u32> = HashMap::new();
        let mut symbols = Vec::with_capacity(index.len() * 2);
        for i in 0..index.len() as u32 {
            let e = index.entity(i);
            for s in [e.id, e.country] {
                let next = symbol_of.len() as u32;
                symbols.push(match s {
                    "" => NO_SYMBOL,
                    s => *symbol_of.entry(s).or_insert(next),
                });
            }
        }
        index.symbols = Cow::Owned(symbols);
        let lower: Vec<String> = texts
            .iter()
            .enumerate()
            .filter(|&(p, _)| {
                index.postings(p as u32).iter().any(|post| {
                    post.case & 0x0F == case_code(Some(CaseMode::Insensitive))
                        || post.flags_start == post.flags_end
                        || flags[post.flags_start as usize] != UPPER
                })
            })
            .map(|(_, t)| t.clone())
            .collect();
        index.first_words_lower = FirstWords::build(&lower);
        index.prefixes = Prefixes::build(texts.iter().map(|p| p.as_bytes()));
        index.lower_prefixes =
            Prefixes::build(lower.iter().map(|p| p.as_bytes()));
        index.flags = Cow::Owned(flags);
        index
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.priority.len()
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.priority.is_empty()
    }

    /// Number of aliases compiled (before de-duplication).
    pub fn alias_count(&self) -> u64 {
        self.aliases
    }

    /// Number of distinct normalized aliases.
    pub fn pattern_count(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Approximate heap bytes.
    pub fn memory_usage(&self) -> usize {
        self.strings.len()
            + self.ranges.len() * 4
            + self.priority.len() * 16
            + self.trie.memory_usage()
            + self.starts.len() * 4
            + self.postings.len() * std::mem::size_of::<Posting>()
            + self.flags.len()
            + self.first_words.bits.len() * 8
            + self.first_words_lower.bits.len() * 8
            + self.prefixes.bits.len() * 8
            + self.lower_prefixes.bits.len() * 8
            + self.symbols.len() * 4
            + self.first_runs.slots.len() * 8
    }

    /// An entity's id and country as symbols (see [`NO_SYMBOL`]).
    #[inline]
    pub(crate) fn symbols(&self, i: u32) -> (u32, u32) {
        let i = i as usize * 2;
        (self.symbols[i], self.symbols[i + 1])
    }

    /// The entity with this index.
    pub fn entity(&self, i: u32) -> EntityRef<'_> {
        let (priority, population) = self.rank(i);
        EntityRef {
            id: self.string(i, ID),
            kind: self.kind(i),
            name: self.name(i),
            country: self.string(i, COUNTRY),
            wikidata: self.string(i, WIKIDATA),
            priority,
            population,
        }
    }

    /// String `k` ([`ID`] … [`WIKIDATA`]) of entity `i`.
    #[inline]
    fn string(&self, i: u32, k: usize) -> &str {
        let r = &self.ranges[i as usize * 2 * STRINGS + 2 * k..][..2];
        &self.strings[r[0] as usize..r[1] as usize]
    }

    /// An entity's type label alone (what the rules ask most).
    #[inline]
    pub(crate) fn kind(&self, i: u32) -> &str {
        self.string(i, KIND)
    }

    /// An entity's canonical name alone.
    #[inline]
    pub(crate) fn name(&self, i: u32) -> &str {
        self.string(i, NAME)
    }

    /// An entity's id, type and name only: what output needs, without the
    /// ranking data (two more cache misses per mention).
    #[inline]
    pub(crate) fn labels(&self, i: u32) -> Labels<'_> {
        Labels {
            id: self.string(i, ID),
            kind: self.kind(i),
            name: self.name(i),
            wikidata: self.string(i, WIKIDATA),
        }
    }

    /// The priority and population of an entity (ranking data only).
    #[inline]
    pub(crate) fn rank(&self, i: u32) -> (i64, u64) {
        (self.priority[i as usize], self.population[i as usize])
    }

    pub(crate) fn trie(&self) -> &Trie {
        &self.trie
    }

    pub(crate) fn first_runs(&self) -> &FirstRuns {
        &self.first_runs
    }

    pub(crate) fn first_words(&self) -> &FirstWords {
        &self.first_words
    }

    /// The first-words filter of the patterns that can match at a
    /// lower-case first letter under smart or sensitive case: those with a
    /// posting pinned to insensitive case, or whose first letter is not
    /// upper-case. A lower-case word start (most of them, in running text)
    /// is checked against this far smaller filter, which stays in L1.
    pub(crate) fn first_words_lower(&self) -> &FirstWords {
        &self.first_words_lower
    }

    /// The first bytes of all patterns (see [`Prefixes`]).
    pub(crate) fn prefixes(&self) -> &Prefixes {
        &self.prefixes
    }

    /// The first bytes of the patterns of [`Index::first_words_lower`].
    pub(crate) fn lower_prefixes(&self) -> &Prefixes {
        &self.lower_prefixes
    }

    pub(crate) fn postings(&self, pattern: u32) -> &[Posting] {
        let p = pattern as usize;
        &self.postings[self.starts[p] as usize..self.starts[p + 1] as usize]
    }

    pub(crate) fn flags(&self, posting: &Posting) -> &[u8] {
        &self.flags[posting.flags_start as usize..posting.flags_end as usize]
    }

    /// Serialize.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Vec::with_capacity(self.memory_usage() + 1024);
        w.extend_from_slice(MAGIC);
        w.extend_from_slice(&VERSION.to_le_bytes());
        w.resize(HEADER, 0);
        section(&mut w, self.strings.as_bytes());
        section(&mut w, &u32s(&self.ranges));
        section(
            &mut w,
            &self
                .priority
                .iter()
                .flat_map(|v| v.to_le_bytes())
                .collect::<Vec<u8>>(),
        );
        section(
            &mut w,
            &self
                .population
                .iter()
                .flat_map(|v| v.to_le_bytes())
                .collect::<Vec<u8>>(),
        );
        section(&mut w, &u64s(&self.trie.nodes));
        section(&mut w, &u64s(&self.trie.edges));
        section(&mut w, &u32s(&self.trie.root));
        section(&mut w, &u32s(&self.starts));
        let mut p = Vec::with_capacity(self.postings.len() * 13);
        for post in &self.postings {
            p.extend_from_slice(&post.entity.to_le_bytes());
            p.push(post.case);
            p.extend_from_slice(&post.flags_start.to_le_bytes());
            p.extend_from_slice(&post.flags_end.to_le_bytes());
        }
        section(&mut w, &p);
        section(&mut w, &self.flags);
        section(&mut w, &self.aliases.to_le_bytes());
        section(&mut w, &u64s(&self.first_words.bits));
        section(&mut w, &u64s(&self.first_words_lower.bits));
        section(&mut w, &u64s(&self.prefixes.bits));
        section(&mut w, &u64s(&self.lower_prefixes.bits));
        section(&mut w, &u32s(&self.symbols));
        section(&mut w, &u64s(&self.first_runs.slots));
        restamp_checksum(&mut w);
        w
    }

    /// Deserialize and check everything: the checksum, every offset and
    /// every cross-reference, so a damaged or hostile file is an error,
    /// never a panic. The tables are copied.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, String> {
        let index = Index::parse_checked(bytes, |_| None)?;
        index.check_consistency()?;
        Ok(index)
    }

    /// Deserialize bytes that live as long as the program (a compiled
    /// index the CLI maps for good), using the tables in place when
    /// `bytes` is 8-byte aligned. The checksum and every offset are
    /// checked, but not the cross-references between tables (that the
    /// trie is a tree, that case flags fit their aliases, that first-run
    /// entries lead where their bytes do): a file that passes the checksum
    /// was written by entx, and a forged one can give wrong mentions but
    /// never a panic. Loading a large index takes a third of the time.
    pub fn from_static_bytes(bytes: &'static [u8]) -> Result<Index, String> {
        Index::parse_checked(bytes, Some)
    }

    /// What [`Index::from_static_bytes`] checks, on bytes that are copied:
    /// for tests and fuzzing.
    #[doc(hidden)]
    pub fn from_bytes_bounds_checked(bytes: &[u8]) -> Result<Index, String> {
        Index::parse_checked(bytes, |_| None)
    }

    /// [`Index::parse`], then the checksum and every offset (see
    /// [`Index::check_bounds`]).
    fn parse_checked<'a>(
        bytes: &'a [u8],
        borrow: impl Fn(&'a [u8]) -> Option<&'static [u8]>,
    ) -> Result<Index, String> {
        let index = Index::parse(bytes, borrow)?;
        check_checksum(bytes)?;
        index.check_bounds()?;
        Ok(index)
    }

    /// Deserialize an index this very program wrote: the one `build.rs`
    /// compiled into the binary. The format and section lengths are still
    /// checked, but not every cross-reference (a third of the start-up
    /// time); all accesses stay bounds-checked. The tables are used in
    /// place, not copied, when `bytes` is 8-byte aligned (as the built-in
    /// index is) on a little-endian machine: start-up then touches only
    /// the pages a run needs instead of copying 14 MB.
    pub fn from_trusted_bytes(bytes: &'static [u8]) -> Result<Index, String> {
        Index::parse(bytes, Some)
    }

    /// `borrow` says whether a section may be used in place (it returns
    /// the section as `'static`), or must be copied.
    fn parse<'a>(
        bytes: &'a [u8],
        borrow: impl Fn(&'a [u8]) -> Option<&'static [u8]>,
    ) -> Result<Index, String> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err("not an entx index (bad magic bytes)".into());
        }
        let version =
            u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if version == VERSION && bytes.len() < HEADER {
            return Err("index: truncated (section header)".into());
        }
        if version != VERSION {
            return Err(format!(
                "index format version {version}, this entx reads version \
                 {VERSION}; rebuild it with `entx gazetteer build`"
            ));
        }
        let mut r = Reader { bytes, pos: HEADER };
        let raw = r.section()?;
        let strings = match borrow(raw).map(std::str::from_utf8) {
            Some(Ok(s)) => Cow::Borrowed(s),
            _ => Cow::Owned(
                String::from_utf8(raw.to_vec())
                    .map_err(|_| "index: strings are not UTF-8".to_string())?,
            ),
        };
        let ranges = table(r.section()?, &borrow, u32::from_le_bytes)?;
        let priority = table(r.section()?, &borrow, i64::from_le_bytes)?;
        let population = table(r.section()?, &borrow, u64::from_le_bytes)?;
        let trie = Trie {
            nodes: table(r.section()?, &borrow, u64::from_le_bytes)?,
            edges: table(r.section()?, &borrow, u64::from_le_bytes)?,
            root: to_u32s(r.section()?)?,
        };
        let starts = table(r.section()?, &borrow, u32::from_le_bytes)?;
        let raw = r.section()?;
        if raw.len() % 13 != 0 {
            return Err("index: postings section has a partial record".into());
        }
        let postings = raw
            .chunks_exact(13)
            .map(|c| Posting {
                entity: u32::from_le_bytes(c[0..4].try_into().expect("4")),
                case: c[4],
                flags_start: u32::from_le_bytes(
                    c[5..9].try_into().expect("4"),
                ),
                flags_end: u32::from_le_bytes(c[9..13].try_into().expect("4")),
            })
            .collect();
        let raw = r.section()?;
        let flags = match borrow(raw) {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(raw.to_vec()),
        };
        let aliases = to_u64s(r.section()?)?.first().copied().unwrap_or(0);
        let first_words = FirstWords {
            bits: table(r.section()?, &borrow, u64::from_le_bytes)?,
        };
        let first_words_lower = FirstWords {
            bits: table(r.section()?, &borrow, u64::from_le_bytes)?,
        };
        let prefixes = Prefixes {
            bits: table(r.section()?, &borrow, u64::from_le_bytes)?,
        };
        let lower_prefixes = Prefixes {
            bits: table(r.section()?, &borrow, u64::from_le_bytes)?,
        };
        if prefixes.bits.len() != Prefixes::WORDS
            || lower_prefixes.bits.len() != Prefixes::WORDS
        {
            return Err("index: first-bytes table has a bad size".into());
        }
        if !first_words.bits.len().is_power_of_two()
            || !first_words_lower.bits.len().is_power_of_two()
        {
            return Err(
                "index: first-word filter size is not a power of two".into()
            );
        }
        let symbols = table(r.section()?, &borrow, u32::from_le_bytes)?;
        if symbols.len() != priority.len() * 2 {
            return Err("index: entity tables disagree".into());
        }
        let first_runs = FirstRuns {
            slots: table(r.section()?, &borrow, u64::from_le_bytes)?,
        };
        let n = first_runs.slots.len() / 2;
        if first_runs.slots.len() % 2 != 0 || !n.is_power_of_two() {
            return Err("index: first-run table has a bad size".into());
        }
        if r.pos != bytes.len() {
            return Err("index: trailing bytes after the last section".into());
        }
        let index = Index {
            strings,
            ranges,
            priority,
            population,
            trie,
            starts,
            postings,
            flags,
            aliases,
            first_words,
            first_words_lower,
            prefixes,
            lower_prefixes,
            symbols,
            first_runs,
        };
        Ok(index)
    }

    /// Every offset and index a search can follow is in range, so that no
    /// table access can fail: with this alone a file that passes the
    /// checksum but was written by something else than entx can give wrong
    /// mentions, but never a panic or a hang (walks consume text, and the
    /// first-run probe is bounded). The table test
    /// `bounds_checks_alone_never_panic` holds it to that.
    fn check_bounds(&self) -> Result<(), String> {
        let n = self.priority.len();
        if self.population.len() != n || self.ranges.len() != n * 2 * STRINGS {
            return Err("index: entity tables disagree".into());
        }
        for pair in self.ranges.chunks_exact(2) {
            let (s, e) = (pair[0] as usize, pair[1] as usize);
            if s > e
                || e > self.strings.len()
                || !self.strings.is_char_boundary(s)
                || !self.strings.is_char_boundary(e)
            {
                return Err("index: string range out of bounds".into());
            }
        }
        let patterns = self.starts.len().saturating_sub(1);
        if self.starts.is_empty()
            || self.starts[0] != 0
            || self.starts.windows(2).any(|w| w[0] > w[1])
            || self.starts[patterns] as usize != self.postings.len()
        {
            return Err("index: postings table out of order".into());
        }
        for p in &self.postings {
            if p.entity as usize >= n
                || p.case & 0x0F > 3
                || p.case & !(0x0F | COMMON) != 0
                || p.flags_start > p.flags_end
                || p.flags_end as usize > self.flags.len()
            {
                return Err("index: bad posting".into());
            }
        }
        if self.flags.iter().any(|&f| f > LOWER) {
            return Err("index: bad case flag".into());
        }
        self.trie.validate(patterns)?;
        self.first_runs.check_bounds(self.trie.nodes.len() - 1)
    }

    /// What [`Index::build`] guarantees beyond [`Index::check_bounds`]: the
    /// trie is a tree, every pattern has postings, every posting's case
    /// flags cover its pattern exactly (or are absent), and every first-run
    /// entry leads to the node its bytes lead to. These follow the trie's
    /// edges across the whole file, the bulk of loading time for a large
    /// index, so only [`Index::from_bytes`] checks them; the checksum
    /// guards files entx wrote.
    fn check_consistency(&self) -> Result<(), String> {
        let (depths, short_keys) = self.trie.depths_and_keys()?;
        self.first_runs.validate(&short_keys)?;
        for (node, &depth) in depths.iter().enumerate() {
            let p = self.trie.pattern_at(node as u32);
            if p == NO_PATTERN || depth == u32::MAX {
                continue;
            }
            let list = self.postings(p);
            if list.is_empty() {
                return Err("index: pattern without postings".into());
            }
            for post in list {
                let len = post.flags_end - post.flags_start;
                if len != 0 && len != depth {
                    return Err(
                        "index: case flags do not fit the alias".into()
                    );
                }
            }
        }
        Ok(())
    }
}

/// The CRC-32 of everything after the header, as stored in it.
fn checksum(bytes: &[u8]) -> u32 {
    crc32fast::hash(&bytes[HEADER..])
}

/// Whether the stored checksum matches (`bytes` is at least a header long).
fn check_checksum(bytes: &[u8]) -> Result<(), String> {
    let stored = u32::from_le_bytes(bytes[12..16].try_into().expect("4"));
    if stored != checksum(bytes) {
        return Err("index: checksum mismatch (the file is damaged; \
                    rebuild it with `entx gazetteer build`)"
            .into());
    }
    Ok(())
}

/// Write the checksum of serialized index bytes into their header: for
/// tests and fuzzing, which damage an index on purpose and want the damage
/// to reach the checks behind the checksum.
#[doc(hidden)]
pub fn restamp_checksum(bytes: &mut [u8]) {
    if bytes.len() >= HEADER {
        let sum = checksum(bytes);
        bytes[12..16].copy_from_slice(&sum.to_le_bytes());
    }
}

/// Record the case of each normalized byte of the trimmed alias and return
/// its range in `flags`, or an empty range when the alias has no cased
/// letter (no case rule can fail then).
fn alias_flags(
    alias: &str,
    norm: &NormText,
    lead: usize,
    len: usize,
    flags: &mut Vec<u8>,
) -> (u32, u32) {
    let start = flags.len();
    let mut cased = false;
    for j in lead..lead + len {
        let at = norm.source_start(j);
        let c = alias[at..].chars().next().expect("map points at a char");
        let flag = if c.is_uppercase() {
            UPPER
        } else if c.is_lowercase() {
            LOWER
        } else {
            NONE
        };
        cased |= flag != NONE;
        flags.push(flag);
    }
    if !cased {
        flags.truncate(start);
    }
    (start as u32, flags.len() as u32)
}

/// A section: its length (`u64`), its bytes, and zeros up to a multiple of
/// 8 bytes, so every section starts 8-byte aligned (see
/// [`Index::from_trusted_bytes`]).
fn section(w: &mut Vec<u8>, data: &[u8]) {
    w.extend_from_slice(&(data.len() as u64).to_le_bytes());
    w.extend_from_slice(data);
    w.resize(w.len().next_multiple_of(8), 0);
}

/// Magic bytes, version, and the CRC-32 of the rest of the file.
const HEADER: usize = 16;

/// A table of little-endian numbers: borrowed in place when `borrow`
/// allows it, the machine is little-endian and the bytes are aligned;
/// otherwise decoded into a vector.
fn table<'a, T: bytemuck::Pod, const N: usize>(
    raw: &'a [u8],
    borrow: &impl Fn(&'a [u8]) -> Option<&'static [u8]>,
    from_le: fn([u8; N]) -> T,
) -> Result<Cow<'static, [T]>, String> {
    if cfg!(target_endian = "little") {
        if let Some(Ok(t)) = borrow(raw).map(bytemuck::try_cast_slice) {
            return Ok(Cow::Borrowed(t));
        }
    }
    if raw.len() % N != 0 {
        return Err(format!("index: section length is not a multiple of {N}"));
    }
    Ok(raw
        .chunks_exact(N)
        .map(|c| from_le(c.try_into().expect("N bytes")))
        .collect())
}

fn u64s(v: &[u64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn u32s(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn to_u32s(b: &[u8]) -> Result<Vec<u32>, String> {
    if b.len() % 4 != 0 {
        return Err("index: section length is not a multiple of 4".into());
    }
    Ok(b.chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().expect("4")))
        .collect())
}

fn to_u64s(b: &[u8]) -> Result<Vec<u64>, String> {
    if b.len() % 8 != 0 {
        return Err("index: section length is not a multiple of 8".into());
    }
    Ok(b.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().expect("8")))
        .collect())
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn section(&mut self) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(8).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return Err("index: truncated (section header)".into());
        };
        let len = u64::from_le_bytes(
            self.bytes[self.pos..end].try_into().expect("8"),
        );
        let stop = usize::try_from(len)
            .ok()
            .and_then(|l| end.checked_add(l))
            .filter(|&s| s <= self.bytes.len());
        let Some(stop) = stop else {
            return Err("index: truncated (section body)".into());
        };
        let padded = stop.next_multiple_of(8);
        if padded > self.bytes.len() {
            return Err("index: truncated (section padding)".into());
        }
        self.pos = padded;
        Ok(&self.bytes[end..stop])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Format;

    fn sample() -> Index {
        let mut g = Gazetteer::new();
        g.add_source(
            "t",
            "a\tLOC\tGeorgia\tSakartvelo\tpriority=2;country=GE\nb\tLOC\tGeorgia\t\tpopulation=10\n",
            Format::Tsv,
        )
        .unwrap();
        Index::build(&g, &mut Vec::new())
    }

    #[test]
    fn lower8_matches_bytewise() {
        for b in 0u8..=255 {
            let x = u64::from_le_bytes([
                b,
                b'A',
                b'z',
                b'@',
                b'[',
                0x80 | b,
                b'Z',
                0,
            ]);
            let want: Vec<u8> = x
                .to_le_bytes()
                .iter()
                .map(|c| c.to_ascii_lowercase())
                .collect();
            assert_eq!(lower8(x).to_le_bytes().to_vec(), want, "{b:#x}");
        }
    }

    #[test]
    fn prefixes_table() {
        // Normalized patterns, as the index holds them.
        let pats: [&[u8]; 5] =
            [b"of", b"o'brien", b"abc", b"x", "da\u{434}".as_bytes()];
        let t = Prefixes::build(pats.iter().copied());
        let may = |text: &str| t.may_start(text.as_bytes(), 0);
        for (text, want) in [
            ("of the", true),    // (o, f, end of run)
            ("Of", true),        // the end of the text is class 0 too
            ("OF", true),        // word bytes are classed without case
            ("often", false),    // no pattern starts "oft"
            ("o'neil", true),    // first run "o": (o, 0, 0), like o'brien
            ("o-ring", true),    // any ASCII non-word byte is class 0
            ("ox", false),       // no pattern starts "ox"
            ("abc", true),       //
            ("abd", false),      //
            ("ab", false),       // "abc" cannot match "ab" whole
            ("ab\u{e9}", true),  // non-ASCII third byte: any "ab…"
            ("a\u{e9}", true),   // non-ASCII second byte: not judged
            ("x", true),         //
            ("x y", true),       //
            ("xy", false),       //
            ("dab", false),      // "daд": its third byte is not ASCII
            ("da", false),       //
            ("da\u{434}", true), //
            ("\"quote", true),   // a non-word start is not judged
            ("9/11", false),     // no pattern starts with a digit
        ] {
            assert_eq!(may(text), want, "{text:?}");
        }
        // Offsets past the start, and the end of the text.
        assert!(t.may_start(b"the of", 4));
        assert!(!t.may_start(b"the ab", 4));
    }

    #[test]
    fn keys_ignore_ascii_case() {
        assert_eq!(single_key(b"IRAN"), single_key(b"iran"));
        assert_eq!(pair_key(b"New", b"YORK"), pair_key(b"new", b"york"));
        assert_ne!(pair_key(b"new", b"york"), pair_key(b"newy", b"ork"));
        assert_ne!(single_key(b"new"), pair_key(b"new", b""));
    }

    #[test]
    fn first_runs_lead_to_the_trie_node_of_the_run() {
        let mut g = Gazetteer::new();
        g.add_source(
            "t",
            "a\tLOC\tNew York\tNY|Newark Bay|Abcdefghij|Al-Qaeda\n",
            Format::Tsv,
        )
        .unwrap();
        let idx = Index::build(&g, &mut Vec::new());
        let runs = idx.first_runs();
        let key = |s: &[u8]| run_key(s, 0, s.len());
        for run in [&b"new"[..], b"ny", b"newark", b"al"] {
            assert_eq!(runs.get(key(run)), idx.trie().node_of(run), "{run:?}");
            assert!(runs.get(key(run)).is_some());
        }
        // Upper case in the text folds to the pattern's lower case.
        assert_eq!(runs.get(key(b"NEW")), idx.trie().node_of(b"new"));
        // Prefixes of a run, and runs longer than 8 bytes, are not there.
        for run in [&b"ne"[..], b"york", b"abcdefgh", b"qaeda"] {
            assert_eq!(runs.get(key(run)), None, "{run:?}");
        }
        // A table entry pointing at the wrong node fails validation.
        let mut bad = idx.clone();
        let slot = bad.first_runs.slots.iter().position(|&k| k == key(b"new"));
        bad.first_runs.slots.to_mut()[slot.unwrap() + 1] += 1;
        let err = Index::from_bytes(&bad.to_bytes()).unwrap_err();
        assert!(err.contains("first-run"), "{err}");
    }

    #[test]
    fn round_trip() {
        let idx = sample();
        let back = Index::from_bytes(&idx.to_bytes()).unwrap();
        assert_eq!(back, idx);
        assert_eq!(back.entity(0).country, "GE");
        assert_eq!(back.entity(1).kind, "LOC");
        assert_eq!(back.pattern_count(), 2);
        assert_eq!(back.alias_count(), 3);
    }

    #[test]
    fn the_builtin_index_is_used_in_place() {
        let idx = Index::from_trusted_bytes(crate::builtin::INDEX).unwrap();
        if cfg!(target_endian = "little") {
            assert!(matches!(idx.trie.nodes, Cow::Borrowed(_)));
            assert!(matches!(idx.first_runs.slots, Cow::Borrowed(_)));
            assert!(matches!(idx.strings, Cow::Borrowed(_)));
        }
        // Misaligned bytes are copied instead, and read the same.
        let mut shifted = vec![0u8; crate::builtin::INDEX.len() + 1];
        shifted[1..].copy_from_slice(crate::builtin::INDEX);
        let shifted: &'static [u8] = Box::leak(shifted.into_boxed_slice());
        let copy = Index::from_trusted_bytes(&shifted[1..]).unwrap();
        assert!(matches!(copy.trie.nodes, Cow::Owned(_)));
        assert_eq!(copy, idx);
    }

    #[test]
    fn the_builtin_index_passes_full_validation() {
        // The binary loads it without the deep checks; prove they hold.
        let full = Index::from_bytes(crate::builtin::INDEX).unwrap();
        assert_eq!(
            full,
            Index::from_trusted_bytes(crate::builtin::INDEX).unwrap()
        );
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let bytes = sample().to_bytes();
        for cut in 0..bytes.len() {
            assert!(Index::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn corrupted_bytes_never_panic() {
        let bytes = sample().to_bytes();
        for i in 12..bytes.len() {
            for v in [0u8, 1, 0x7f, 0xff] {
                let mut b = bytes.clone();
                b[i] = v;
                let _ = Index::from_bytes(&b);
                // Past the checksum, to the checks behind it.
                restamp_checksum(&mut b);
                let _ = Index::from_bytes(&b);
            }
        }
    }

    #[test]
    fn the_checksum_catches_what_no_other_check_can() {
        let bytes = sample().to_bytes();
        assert!(Index::from_bytes(&bytes).is_ok());
        // A letter of an entity's name: every table still agrees.
        let at = HEADER
            + bytes[HEADER..]
                .windows(7)
                .position(|w| w == b"Georgia")
                .unwrap();
        let mut b = bytes.clone();
        b[at] = b'Z';
        for err in [
            Index::from_bytes(&b).unwrap_err(),
            Index::from_bytes_bounds_checked(&b).unwrap_err(),
        ] {
            assert!(err.contains("checksum mismatch"), "{err}");
        }
        restamp_checksum(&mut b);
        assert_eq!(Index::from_bytes(&b).unwrap().entity(0).name, "Zeorgia");
    }

    #[test]
    fn bounds_checks_alone_never_panic() {
        // What the CLI loads a compiled index with: any byte damaged (and
        // the checksum forged to match) is an error, or an index that
        // extracts without a panic, whatever the cross-references say.
        use crate::{ExtractorBuilder, Scratch};
        let mut g = Gazetteer::new();
        g.add_source(
            "t",
            "a\tLOC\tGeorgia\tSakartvelo|New York|NY|de Gaulle\tcountry=GE\n\
             b\tORG\tal-Qaeda\tAbcdefghijk Lm|U.S.|İzmir\tpriority=2\n",
            Format::Tsv,
        )
        .unwrap();
        let bytes = Index::build(&g, &mut Vec::new()).to_bytes();
        let text = "New York, NY: de Gaulle and AL-QAEDA in Georgia \
                    (Sakartvelo); abcdefghijk lm, the U.S. and İZMIR, izmir.";
        let mut scratch = Scratch::new();
        let mut loaded = 0;
        for i in 12..bytes.len() {
            for v in [0u8, 1, 0x7f, 0xff, bytes[i] ^ 0x08] {
                let mut b = bytes.clone();
                b[i] = v;
                restamp_checksum(&mut b);
                let Ok(index) = Index::from_bytes_bounds_checked(&b) else {
                    continue;
                };
                loaded += 1;
                let ex = ExtractorBuilder::new().build_from_index(index);
                for m in ex.extract(text, &mut scratch) {
                    let e = ex.entity(m.entity);
                    let _ = (e.id, e.kind, e.name, &text[m.span.range()]);
                }
            }
        }
        // Most damage lands in bit tables and still loads.
        assert!(loaded > bytes.len(), "{loaded} of {}", bytes.len());
    }
}
