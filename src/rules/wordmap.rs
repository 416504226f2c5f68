//! Word → classes maps for the rules, keyed so that a lookup of a short
//! word hashes and compares two integers instead of a string: the rules
//! look up every capitalized word of every document (twice: as written,
//! and folded), and string keys made that a tenth of a default run.

use foldhash::HashMap;

use entx_index::fold::fold8;

use crate::text::swar::HIGH;

/// The longest word kept as a [`ShortKey`].
const SHORT: usize = 16;

/// A word of at most [`SHORT`] bytes: its bytes little-endian in two
/// `u64`s, zero-padded, and its length (so that padding never collides
/// with a word that ends in NUL bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct ShortKey {
    lo: u64,
    hi: u64,
    len: u8,
}

impl ShortKey {
    /// The key of `word`, if it is short enough.
    #[inline]
    pub(crate) fn new(word: &[u8]) -> Option<ShortKey> {
        if word.len() > SHORT {
            return None;
        }
        let mut buf = [0u8; SHORT];
        buf[..word.len()].copy_from_slice(word);
        Some(ShortKey::from_window(&buf, word.len()))
    }

    /// [`ShortKey::new`] of `text[start..end]`, read as two unaligned
    /// loads and masked when sixteen bytes are there to read (a copy of a
    /// few bytes into a buffer is a `memcpy` call).
    #[inline]
    pub(crate) fn new_in(
        text: &[u8],
        start: usize,
        end: usize,
    ) -> Option<ShortKey> {
        let len = end - start;
        if len > SHORT {
            return None;
        }
        match text.get(start..start + SHORT) {
            Some(window) => Some(ShortKey::from_window(window, len)),
            None => ShortKey::new(&text[start..end]),
        }
    }

    /// The key of the first `len` bytes of a sixteen-byte `window`.
    #[inline]
    fn from_window(window: &[u8], len: usize) -> ShortKey {
        let (lo, hi) = window.split_at(8);
        // The low `n` bytes of a `u64`.
        let keep =
            |n: usize| if n >= 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
        ShortKey {
            lo: u64::from_le_bytes(lo.try_into().expect("8 bytes"))
                & keep(len),
            hi: u64::from_le_bytes(hi.try_into().expect("8 bytes"))
                & keep(len.saturating_sub(8)),
            len: len as u8,
        }
    }

    /// Whether every byte is ASCII.
    #[inline]
    pub(crate) fn is_ascii(&self) -> bool {
        (self.lo | self.hi) & HIGH == 0
    }

    /// The key of the word folded as the rules fold ASCII words
    /// (`rules::fold_into`): letters lower-cased, `-` to a space, `` ` ``
    /// to `'`. Only for an ASCII key.
    #[inline]
    pub(crate) fn fold_ascii(self) -> ShortKey {
        debug_assert!(self.is_ascii());
        ShortKey { lo: fold8(self.lo), hi: fold8(self.hi), len: self.len }
    }
}

/// Word → value (the rules' word classes, or a document's propagation
/// keys); words of up to 16 bytes as [`ShortKey`]s, longer ones as
/// strings.
#[derive(Clone, Debug)]
pub(crate) struct WordMap<V> {
    short: HashMap<ShortKey, V>,
    long: HashMap<Box<str>, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap { short: HashMap::default(), long: HashMap::default() }
    }
}

impl<V: Copy> WordMap<V> {
    /// The value of `word`, inserted as `fresh` if it has none.
    pub(crate) fn entry(&mut self, word: &str, fresh: V) -> &mut V {
        match ShortKey::new(word.as_bytes()) {
            Some(key) => self.short.entry(key).or_insert(fresh),
            None => self.long.entry(word.into()).or_insert(fresh),
        }
    }

    /// The value of `word`.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<V> {
        match ShortKey::new(word.as_bytes()) {
            Some(key) => self.get_short(key),
            None => self.long.get(word).copied(),
        }
    }

    /// The value of the word whose key is `key`.
    #[inline]
    pub(crate) fn get_short(&self, key: ShortKey) -> Option<V> {
        self.short.get(&key).copied()
    }

    pub(crate) fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folding `rules::fold_into` does for ASCII words, byte by byte.
    fn fold_bytewise(word: &str) -> String {
        word.bytes()
            .map(|b| match b {
                b'-' => ' ',
                b'`' => '\'',
                _ => b.to_ascii_lowercase() as char,
            })
            .collect()
    }

    #[test]
    fn fold_ascii_table() {
        // (word, folded): one row per rule, and every byte position.
        let rows = [
            ("Smith", "smith"),
            ("McDONALD", "mcdonald"),
            ("al-Assad", "al assad"),
            ("O`Neil", "o'neil"),
            ("@[`{", "@['{"), // neighbours of A-Z, a-z
            ("ABCDEFGHIJKLMNOP", "abcdefghijklmnop"), // sixteen bytes
            ("Zz-09_", "zz 09_"),
            ("", ""),
        ];
        for (word, folded) in rows {
            let key = ShortKey::new(word.as_bytes()).expect("short");
            assert!(key.is_ascii(), "{word}");
            assert_eq!(
                key.fold_ascii(),
                ShortKey::new(folded.as_bytes()).unwrap(),
                "{word}"
            );
            assert_eq!(folded, fold_bytewise(word), "{word}");
        }
    }

    #[test]
    fn fold_ascii_agrees_with_bytewise_on_every_byte() {
        for b in 0u8..0x80 {
            for at in [0, 7, 8, 15] {
                let mut word = vec![b'x'; 16];
                word[at] = b;
                let word = String::from_utf8(word).unwrap();
                let key = ShortKey::new(word.as_bytes()).unwrap();
                let want = fold_bytewise(&word);
                assert_eq!(
                    key.fold_ascii(),
                    ShortKey::new(want.as_bytes()).unwrap(),
                    "byte {b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn new_in_agrees_with_new() {
        let text = "The Qāsem Soleimani-led force, 0123456789abcdefghij.";
        let b = text.as_bytes();
        for start in 0..=b.len() {
            for end in start..=b.len() {
                assert_eq!(
                    ShortKey::new_in(b, start, end),
                    ShortKey::new(&b[start..end]),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn keys_tell_lengths_and_bytes_apart() {
        let a = ShortKey::new(b"ab").unwrap();
        assert_ne!(a, ShortKey::new(b"ab\0").unwrap());
        assert_ne!(a, ShortKey::new(b"ba").unwrap());
        assert!(ShortKey::new(&[b'a'; 17]).is_none());
        assert!(!ShortKey::new("é".as_bytes()).unwrap().is_ascii());
    }

    #[test]
    fn short_and_long_words() {
        let mut map = WordMap::default();
        *map.entry("Inc", 0) |= 1;
        *map.entry("Inc", 0) |= 4;
        *map.entry("Internationalization", 0) |= 2; // 20 bytes: a string
        *map.entry("exactly16bytes!!", 0) |= 8;
        assert_eq!(map.get("Inc"), Some(5));
        assert_eq!(map.get("inc"), None);
        assert_eq!(map.get("Internationalization"), Some(2));
        assert_eq!(map.get("Internationalizatio"), None);
        assert_eq!(map.get("exactly16bytes!!"), Some(8));
        assert_eq!(map.get(""), None);
        let key = ShortKey::new(b"INC").unwrap();
        assert_eq!(map.get_short(key), None);
        assert_eq!(map.get_short(key.fold_ascii()), None);
        *map.entry("inc", 0) |= 16;
        assert_eq!(map.get_short(key.fold_ascii()), Some(16));
        assert!(!map.is_empty());
        map.clear();
        assert!(map.is_empty());
        assert_eq!(map.get("Inc"), None);
        assert_eq!(map.get("Internationalization"), None);
    }
}
