//! The ASCII fold and the ASCII word-byte test, written once: the
//! normalizer, the index's prefilter keys, the matcher's first-byte test
//! and the rules' word keys all fold ASCII the same way, one byte at a time
//! or eight at once (SWAR), and a fast path that disagrees with
//! [`crate::normalize`] would silently lose matches.

/// The high bit of every byte.
pub const HIGH: u64 = 0x8080_8080_8080_8080;
/// The low bit of every byte.
pub const LOW: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `y` that lies in `lo..=hi`; every byte of
/// `y` must be below 0x80 (so that no carry crosses into the next byte),
/// and `lo <= hi < 0x80`.
#[inline]
pub fn in_range(y: u64, lo: u8, hi: u8) -> u64 {
    debug_assert!(y & HIGH == 0 && lo <= hi && hi < 0x80);
    y.wrapping_add((0x80 - lo as u64) * LOW)
        & !y.wrapping_add((0x7f - hi as u64) * LOW)
        & HIGH
}

/// What the normalizer makes of each byte that is not a separator:
/// ASCII letters lower-cased, `` ` `` as `'`, everything else itself.
static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    t[b'`' as usize] = b'\'';
    t
};

/// The normalized form of an ASCII byte that is not a separator (letters
/// lower-cased, `` ` `` as `'`); bytes from 0x80 up are returned as they
/// are.
#[inline]
pub fn fold_byte(b: u8) -> u8 {
    FOLD[b as usize]
}

/// [`fold_byte`], and `-` as a space: what normalizing a single ASCII word
/// does to each of its bytes (a hyphen is a separator, and one separator
/// between words becomes one space).
#[inline]
pub fn fold_word_byte(b: u8) -> u8 {
    if b == b'-' {
        b' '
    } else {
        fold_byte(b)
    }
}

/// [`fold_word_byte`] of eight ASCII bytes at once (zero bytes stay zero).
#[inline]
pub fn fold8(x: u64) -> u64 {
    // Each mask has 0x80 in the bytes it selects; `>> 7` makes that 0x01,
    // and a multiple of it changes those bytes alone (no carries: every
    // byte changed is at least the amount taken off).
    let upper = in_range(x, b'A', b'Z') >> 7;
    let dash = in_range(x, b'-', b'-') >> 7;
    let grave = in_range(x, b'`', b'`') >> 7;
    (x + upper * (b'a' - b'A') as u64)
        - dash * (b'-' - b' ') as u64
        - grave * (b'`' - b'\'') as u64
}

/// ASCII upper-case letters in eight bytes made lower-case, any other byte
/// (non-ASCII ones included) left alone: how the prefilter keys fold runs
/// of word bytes.
#[inline]
pub fn lower8(x: u64) -> u64 {
    let upper = in_range(x & !HIGH, b'A', b'Z') & !x;
    x | (upper >> 2)
}

/// ASCII letters (either case), digits and `_`: the bytes UAX #29 never
/// breaks between, so a run of them is part of one word.
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c == b'_';
        i += 1;
    }
    t
};

/// Whether `b` is an ASCII word byte: a letter of either case, a digit, or
/// `_`.
#[inline]
pub fn is_word_byte(b: u8) -> bool {
    WORD[b as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_byte_table() {
        for (b, want) in [
            (b'A', b'a'),
            (b'Z', b'z'),
            (b'a', b'a'),
            (b'@', b'@'), // neighbours of A-Z
            (b'[', b'['),
            (b'`', b'\''),
            (b'-', b'-'),
            (b'0', b'0'),
            (0xC3, 0xC3),
        ] {
            assert_eq!(fold_byte(b), want, "{b:#x}");
        }
        assert_eq!(fold_word_byte(b'-'), b' ');
        assert_eq!(fold_word_byte(b'Q'), b'q');
    }

    #[test]
    fn fold8_matches_bytewise() {
        for b in 0u8..0x80 {
            let x =
                u64::from_le_bytes([b, b'A', b'z', b'@', b'[', b'-', 0, b]);
            let want: Vec<u8> =
                x.to_le_bytes().iter().map(|&c| fold_word_byte(c)).collect();
            assert_eq!(fold8(x).to_le_bytes().to_vec(), want, "{b:#x}");
        }
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
    fn word_bytes() {
        let words: Vec<u8> =
            (0..=255u8).filter(|&b| is_word_byte(b)).collect();
        let mut want: Vec<u8> = (b'0'..=b'9').collect();
        want.extend(b'A'..=b'Z');
        want.push(b'_');
        want.extend(b'a'..=b'z');
        assert_eq!(words, want);
    }
}
