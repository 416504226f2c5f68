//! Byte classes of eight bytes at once in a `u64` (SWAR), shared by the
//! matcher's word-start masks and the rules' tokenizer, so that scanning
//! ASCII text costs a few instructions per eight bytes instead of a few
//! per byte.

/// The high bit of every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;
/// The low bit of every byte.
pub(crate) const LOW: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `y` that lies in `lo..=hi`; every byte of
/// `y` must be below 0x80 (so that no carry crosses into the next byte),
/// and `lo <= hi < 0x80`.
#[inline]
pub(crate) fn in_range(y: u64, lo: u8, hi: u8) -> u64 {
    debug_assert!(y & HIGH == 0 && lo <= hi && hi < 0x80);
    y.wrapping_add((0x80 - lo as u64) * LOW)
        & !y.wrapping_add((0x7f - hi as u64) * LOW)
        & HIGH
}

/// The high bit of each byte, as an 8-bit mask (byte k → bit k).
#[inline]
pub(crate) fn gather(high_bits: u64) -> u8 {
    (((high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56) as u8
}

/// ASCII letters and digits, ASCII lower-case letters, and ASCII letters
/// among the eight bytes of `x` (little-endian: byte k → bit k).
#[inline]
pub(crate) fn alnum_lower_letter(x: u64) -> (u8, u8, u8) {
    let ascii = !x & HIGH;
    let y = x & !HIGH;
    let lower = in_range(y, b'a', b'z') & ascii;
    let letter = lower | (in_range(y, b'A', b'Z') & ascii);
    let alnum = letter | (in_range(y, b'0', b'9') & ascii);
    (gather(alnum), gather(lower), gather(letter))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position, among neighbours that would
    /// show a carry or a borrow leaking across bytes.
    #[test]
    fn classes_agree_with_bytewise() {
        for b in 0u8..=255 {
            for k in 0..8 {
                for fill in [0x00u8, 0x7f, 0x80, 0xff, b'z', b'A', b'0'] {
                    let mut bytes = [fill; 8];
                    bytes[k] = b;
                    let x = u64::from_le_bytes(bytes);
                    let want = |f: fn(&u8) -> bool| {
                        bytes
                            .iter()
                            .enumerate()
                            .filter(|(_, c)| f(c))
                            .fold(0u8, |m, (i, _)| m | 1 << i)
                    };
                    assert_eq!(
                        alnum_lower_letter(x),
                        (
                            want(u8::is_ascii_alphanumeric),
                            want(u8::is_ascii_lowercase),
                            want(u8::is_ascii_alphabetic),
                        ),
                        "{bytes:?}"
                    );
                }
            }
        }
    }
}
