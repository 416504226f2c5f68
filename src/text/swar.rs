//! Byte classes of eight bytes at once in a `u64` (SWAR), or sixteen with
//! SSE2, shared by the matcher's word-start masks and the rules' tokenizer,
//! so that scanning ASCII text costs a few instructions per eight or
//! sixteen bytes instead of a few per byte.

pub(crate) use entx_index::fold::{in_range, HIGH, LOW};

/// The high bit of each byte, as an 8-bit mask (byte k → bit k).
#[inline]
pub(crate) fn gather(high_bits: u64) -> u8 {
    (((high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56) as u8
}

/// ASCII letters and digits, ASCII lower-case letters, and ASCII letters
/// among the eight bytes of `x` (little-endian: byte k → bit k).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline]
pub(crate) fn alnum_lower_letter(x: u64) -> (u8, u8, u8) {
    let ascii = !x & HIGH;
    let y = x & !HIGH;
    let lower = in_range(y, b'a', b'z') & ascii;
    let letter = lower | (in_range(y, b'A', b'Z') & ascii);
    let alnum = letter | (in_range(y, b'0', b'9') & ascii);
    (gather(alnum), gather(lower), gather(letter))
}

/// Byte tests on sixteen bytes at once with SSE2 (part of every x86-64
/// CPU), through `safe_arch`'s safe wrappers; shared by the matcher's masks
/// and [`alnum_lower_letter16`].
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) mod sse2 {
    use safe_arch::*;

    /// `b` in every byte.
    #[inline]
    pub(crate) fn splat(b: u8) -> m128i {
        set_splat_i8_m128i(b as i8)
    }

    /// All ones in each byte of `x` that lies in `lo..=hi` (ASCII bounds,
    /// `lo > 0`, `hi < 0x7f`). Signed compares: non-ASCII bytes are
    /// negative, below every ASCII range.
    #[inline]
    pub(crate) fn within(x: m128i, lo: u8, hi: u8) -> m128i {
        bitand_m128i(
            cmp_gt_mask_i8_m128i(x, splat(lo - 1)),
            cmp_lt_mask_i8_m128i(x, splat(hi + 1)),
        )
    }
}

/// [`alnum_lower_letter`] of sixteen bytes (byte k → bit k), with SSE2
/// (part of every x86-64 CPU) through `safe_arch`'s safe wrappers.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
pub(crate) fn alnum_lower_letter16(bytes: &[u8; 16]) -> (u32, u32, u32) {
    use safe_arch::*;
    let x = load_unaligned_m128i(bytes);
    let lower = sse2::within(x, b'a', b'z');
    let letter = sse2::within(bitor_m128i(x, sse2::splat(0x20)), b'a', b'z');
    let alnum = bitor_m128i(letter, sse2::within(x, b'0', b'9'));
    let bits = |v: m128i| move_mask_i8_m128i(v) as u32;
    (bits(alnum), bits(lower), bits(letter))
}

/// [`alnum_lower_letter`] of sixteen bytes (byte k → bit k).
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline]
pub(crate) fn alnum_lower_letter16(bytes: &[u8; 16]) -> (u32, u32, u32) {
    let half = |i: usize| {
        let x = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8"));
        let (a, l, t) = alnum_lower_letter(x);
        (a as u32, l as u32, t as u32)
    };
    let ((a0, l0, t0), (a1, l1, t1)) = (half(0), half(8));
    (a0 | a1 << 8, l0 | l1 << 8, t0 | t1 << 8)
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
                    let mut wide = [fill; 16];
                    wide[k] = b;
                    wide[k + 8] = b;
                    let (a, l, t) = alnum_lower_letter(x);
                    let (a, l, t) = (a as u32, l as u32, t as u32);
                    assert_eq!(
                        alnum_lower_letter16(&wide),
                        (a | a << 8, l | l << 8, t | t << 8),
                        "{wide:?}"
                    );
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
