//! The tables that dismiss most word starts of a text before the alias
//! trie is walked, built and probed in one place: the probe side must hash
//! and fold exactly as the build side did, or matches are silently lost.
//! All three are part of the index format.
//!
//! * [`Prefixes`]: the first three bytes of every pattern, by class, in a
//!   7 KiB bit table that stays in L1;
//! * [`FirstWords`]: a blocked Bloom filter of the first one or two words
//!   of every pattern;
//! * [`FirstRuns`]: the trie node after each short first word, so the walk
//!   starts there.
//!
//! The matcher probes them once per word start, so every probe here is
//! `#[inline]`.

use crate::fold::{is_word_byte, lower8};

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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FirstWords<'a> {
    /// A power of two of buckets (checked when an index is loaded).
    pub(crate) bits: &'a [u64],
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

impl FirstWords<'_> {
    /// The filter's table for these normalized patterns.
    pub fn build(patterns: &[String]) -> Vec<u64> {
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
        bits
    }

    /// Look up the text's first run at a word start, `bytes[start..end]`
    /// (ASCII word bytes, either case): one hash and one bucket, whatever
    /// is asked of the answer next.
    #[inline]
    pub fn probe(&self, bytes: &[u8], start: usize, end: usize) -> FirstRun {
        let h1 = single_key_at(bytes, start, end);
        let bucket = self.bits[(h1 as usize) & (self.bits.len() - 1)];
        FirstRun { h1, bucket }
    }
}

/// What [`FirstWords`] knows of one first run of a text (see
/// [`FirstWords::probe`]).
#[derive(Clone, Copy, Debug)]
pub struct FirstRun {
    h1: u64,
    bucket: u64,
}

impl FirstRun {
    /// Whether some pattern may be this run alone (false only when none
    /// is).
    #[inline]
    pub fn may_be_single(&self) -> bool {
        self.bucket & bits(self.h1) == bits(self.h1)
    }

    /// Whether some pattern of two runs or more may start with this run
    /// (false only when none does).
    #[inline]
    pub fn may_go_on(&self) -> bool {
        self.bucket & prefix_bits(self.h1) == prefix_bits(self.h1)
    }

    /// Whether some pattern may start with this run (`bytes[r1.0..r1.1]`)
    /// and then the second run `bytes[r2.0..r2.1]`.
    #[inline(always)]
    pub fn may_pair(
        &self,
        bytes: &[u8],
        r1: (usize, usize),
        r2: (usize, usize),
    ) -> bool {
        let h2 = bits(pair_key_at(bytes, r1, r2));
        self.bucket & h2 == h2
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefixes<'a> {
    /// [`Prefixes::WORDS`] long (checked when an index is loaded).
    pub(crate) bits: &'a [u64],
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

impl Prefixes<'_> {
    /// The class of non-ASCII bytes.
    const NON_ASCII: u8 = 38;
    /// Bits in the table: first byte (37 word classes) × second (38: word
    /// classes and 0) × third (39).
    const BITS: usize = 37 * 38 * 39;
    /// `u64`s in the table.
    pub const WORDS: usize = Self::BITS.div_ceil(64);

    /// The table for these normalized patterns.
    pub fn build<'p>(patterns: impl Iterator<Item = &'p [u8]>) -> Vec<u64> {
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
        bits
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FirstRuns<'a> {
    /// Pairs; a power of two of them (checked when an index is loaded).
    pub(crate) slots: &'a [u64],
}

impl FirstRuns<'_> {
    /// The table for these normalized patterns, whose first runs lead to
    /// trie nodes as `node_of` says.
    pub fn build(
        patterns: &[String],
        node_of: impl Fn(&[u8]) -> Option<u32>,
    ) -> Vec<u64> {
        let mut runs: Vec<&[u8]> = patterns
            .iter()
            .map(|p| runs(p.as_bytes()).0)
            .filter(|r| (1..=8).contains(&r.len()))
            .collect();
        runs.sort_unstable();
        runs.dedup();
        let n = (runs.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0; n * 2];
        for run in runs {
            let node = node_of(run).expect("a pattern's prefix");
            let key = run_key(run, 0, run.len());
            let mut slot = home(key, n);
            while slots[slot * 2] != 0 {
                slot = (slot + 1) & (n - 1);
            }
            slots[slot * 2] = key;
            slots[slot * 2 + 1] = node as u64;
        }
        slots
    }

    /// The trie node after the run with this [`run_key`], if some pattern
    /// starts with that run.
    #[inline]
    pub fn get(&self, key: u64) -> Option<u32> {
        let n = self.slots.len() / 2;
        let mut slot = home(key, n);
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
    pub(crate) fn check_bounds(&self, nodes: usize) -> Result<(), String> {
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
    /// node in the trie (`short_keys`: see
    /// [`crate::trie::Trie::depths_and_keys`]), and be found where `get`
    /// looks for it.
    pub(crate) fn validate(&self, short_keys: &[u64]) -> Result<(), String> {
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
                || !run
                    .iter()
                    .all(|&b| is_word_byte(b) && !b.is_ascii_uppercase())
                || short_keys.get(node as usize) != Some(&key)
                || self.get(key).map(u64::from) != Some(node)
            {
                return bad();
            }
        }
        Ok(())
    }
}

/// The slot where a [`FirstRuns`] key of `n` slots is looked for first.
#[inline]
fn home(key: u64, n: usize) -> usize {
    (key.wrapping_mul(K) >> 32) as usize & (n - 1)
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
fn bits(h: u64) -> u64 {
    1 << ((h >> 40) & 63) | 1 << ((h >> 52) & 63)
}

/// The two bits `prefix(run)` sets, from `single(run)`: other bits of the
/// same hash, so checking it costs no second hash.
#[inline]
fn prefix_bits(single: u64) -> u64 {
    1 << ((single >> 46) & 63) | 1 << ((single >> 58) & 63)
}

/// Filter key of a pattern with a single run `w` (ASCII; upper-case
/// letters count as lower-case).
fn single_key(w: &[u8]) -> u64 {
    single_key_at(w, 0, w.len())
}

/// Filter key of a pattern whose first two runs are `w1`, `w2`.
fn pair_key(w1: &[u8], w2: &[u8]) -> u64 {
    let mut both = w1.to_vec();
    both.extend_from_slice(w2);
    pair_key_at(&both, (0, w1.len()), (w1.len(), both.len()))
}

/// [`single_key`] of `bytes[start..end]`.
#[inline]
fn single_key_at(bytes: &[u8], start: usize, end: usize) -> u64 {
    finish(mix_run_at(0x5bd1_e995_1234_5678, bytes, start, end))
}

/// [`pair_key`] of the runs `bytes[s1..e1]` and `bytes[s2..e2]`.
#[inline]
fn pair_key_at(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_table() {
        // Normalized patterns, as the index holds them.
        let pats: [&[u8]; 5] =
            [b"of", b"o'brien", b"abc", b"x", "da\u{434}".as_bytes()];
        let bits = Prefixes::build(pats.iter().copied());
        let t = Prefixes { bits: &bits };
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
    fn first_words_probe() {
        let pats: Vec<String> =
            ["iran", "new york", "new york times", "al-qaeda"]
                .map(String::from)
                .to_vec();
        let bits = FirstWords::build(&pats);
        let f = FirstWords { bits: &bits };
        // The text's runs, as the matcher finds them: (start, end).
        let text = b"IRAN, New York and al Qaeda";
        let iran = f.probe(text, 0, 4);
        assert!(iran.may_be_single());
        let new = f.probe(text, 6, 9);
        assert!(new.may_go_on());
        assert!(new.may_pair(text, (6, 9), (10, 14)));
        let al = f.probe(text, 19, 21);
        assert!(al.may_go_on() && al.may_pair(text, (19, 21), (22, 27)));
        // A Bloom filter may say yes wrongly, but with four keys in 512
        // buckets these run far apart.
        let and = f.probe(text, 15, 18);
        assert!(!and.may_be_single() && !and.may_go_on());
        assert!(!new.may_pair(text, (6, 9), (15, 18)));
    }
}
