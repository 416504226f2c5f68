//! Which word starts are worth a trie walk: byte-class masks over 64 bytes
//! at a time pick the possible starts, and the index's first-bytes,
//! first-words and first-runs filters dismiss most of them before any
//! walk. The filters are built with the index (`crate::index`); this is
//! their query side.

use crate::text::swar::{gather, in_range, HIGH};
pub(super) use entx_index::fold::fold_byte as fold_ascii;
use entx_index::fold::is_word_byte;
use entx_index::prefilter::FirstWords;

/// Bit masks over 64 source bytes (byte k → bit k; bytes past the end of
/// the text are 0 in every mask). Computed 16 bytes at a time with SSE2 on
/// x86-64, otherwise eight at a time in a `u64` (SWAR): this is what makes
/// skipping ordinary words cheap.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Masks {
    /// ASCII word bytes (letters, digits, `_`): UAX #29 never breaks
    /// between two of them, so no match starts between two.
    pub(super) word: u64,
    /// Bytes no match starts on: ASCII whitespace, `-`, UTF-8
    /// continuation bytes.
    pub(super) skip: u64,
    /// Non-ASCII bytes.
    pub(super) high: u64,
}

impl Masks {
    /// The masks of the 64-byte block `block` of `bytes`.
    #[inline]
    pub(super) fn of_block(bytes: &[u8], block: usize) -> Masks {
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
        use crate::text::swar::sse2::{splat, within};
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
pub(super) fn window(cur: u64, next: u64, k: usize) -> u64 {
    if k == 0 {
        cur
    } else {
        cur >> k | next << (64 - k)
    }
}

/// Word, skip and non-ASCII bits of eight bytes (byte k → bit k).
#[inline]
pub(super) fn masks8(x: u64) -> (u8, u8, u8) {
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
pub(super) enum Start {
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
    pub(super) fn after_run(len: usize) -> Start {
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
pub(super) fn first_word_may_match(
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
pub(super) fn first_word_may_match_slow(
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
pub(super) enum Second {
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
pub(super) fn verdict(
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
pub(super) fn second_run(bytes: &[u8], end1: usize) -> Second {
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
pub(super) fn word_run_end(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|&b| !is_word_byte(b))
        .map_or(bytes.len(), |n| at + n)
}

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
