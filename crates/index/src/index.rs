//! A compiled gazetteer: everything extraction needs (entity table, alias
//! trie, postings, case data) in flat arrays, so it can be written to bytes
//! once (at build time for the built-in gazetteer, or by `entx gazetteer
//! build`) and loaded in milliseconds, checked so that damage is an error.
//!
//! An [`Index`] keeps the bytes it was loaded from (embedded in the binary,
//! memory-mapped, or owned: see [`IndexBytes`]) and uses its tables in
//! place; an [`IndexRef`] is a borrowed view of all of them at once.
//!
//! # File format
//!
//! `ENTXIDX\0`, a little-endian `u32` format version, the `u32` CRC-32 of
//! the rest of the file, then sections in a fixed order, each a `u64` byte
//! length followed by its bytes (padded to 8): integers are little-endian,
//! strings UTF-8. A damaged file fails the checksum; beyond it,
//! [`Index::from_bytes`] checks every length, offset and cross-reference,
//! and [`Index::from_bytes_bounds_checked`] every length and offset, so a
//! damaged or hostile file is an error or wrong mentions, never a panic.

use std::collections::HashMap;
use std::sync::Arc;

use crate::gazetteer::{CaseMode, Gazetteer};
use crate::normalize::{NormText, Normalizer};
use crate::prefilter::{FirstRuns, FirstWords, Prefixes};
use crate::trie::{Trie, TrieBuf, NO_PATTERN};

pub use crate::policy::is_common_word_alias;

const MAGIC: &[u8; 8] = b"ENTXIDX\0";
const VERSION: u32 = 10;

/// Case of one alias character, recorded per normalized byte.
pub const NONE: u8 = 0;
/// An upper-case letter (see [`NONE`]).
pub const UPPER: u8 = 1;
/// A lower-case letter (see [`NONE`]).
pub const LOWER: u8 = 2;

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

/// Bit of `Posting::case` set for aliases that name their entity only in
/// sports text (see `Alias::sports_only`).
const SPORTS: u8 = 0x20;

/// One (alias, entity) pair behind a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    /// The entity.
    pub entity: u32,
    /// Low bits: 0 when not pinned, otherwise 1 + the pinned [`CaseMode`];
    /// bit `0x10`: a common-word alias (see [`Posting::is_common`]); bit
    /// `0x20`: a sports-only alias (see [`Posting::is_sports_only`]).
    pub case: u8,
    /// The alias's case flags (see [`Index::flags`]): start.
    pub flags_start: u32,
    /// End of the case flags.
    pub flags_end: u32,
}

impl Posting {
    /// Whether this alias falls under the common-word rule.
    pub fn is_common(&self) -> bool {
        self.case & COMMON != 0
    }

    /// Whether this alias names its entity only in sports text. Such
    /// postings come after the others of their pattern.
    pub fn is_sports_only(&self) -> bool {
        self.case & SPORTS != 0
    }

    /// The case mode of this alias: its own, or else `default`.
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
pub struct Labels<'a> {
    /// The gazetteer id.
    pub id: &'a str,
    /// The type label.
    pub kind: &'a str,
    /// The canonical name.
    pub name: &'a str,
    /// The Wikidata item id, or `""`.
    pub wikidata: &'a str,
}

/// The strings of an entity, in the order of its ranges (see
/// `IndexRef::ranges`).
const ID: usize = 0;
const KIND: usize = 1;
const NAME: usize = 2;
const COUNTRY: usize = 3;
const WIKIDATA: usize = 4;
/// How many strings each entity has in `IndexRef::ranges`.
const STRINGS: usize = 5;

/// No symbol: an entity without a `country`.
pub const NO_SYMBOL: u32 = u32::MAX;

/// The sections of the file, in file order.
mod sec {
    pub const STRINGS: usize = 0;
    pub const RANGES: usize = 1;
    pub const PRIORITY: usize = 2;
    pub const POPULATION: usize = 3;
    pub const NODES: usize = 4;
    pub const EDGES: usize = 5;
    pub const ROOT: usize = 6;
    pub const STARTS: usize = 7;
    pub const POSTINGS: usize = 8;
    pub const FLAGS: usize = 9;
    pub const ALIASES: usize = 10;
    pub const FIRST_WORDS: usize = 11;
    pub const FIRST_WORDS_LOWER: usize = 12;
    pub const PREFIXES: usize = 13;
    pub const LOWER_PREFIXES: usize = 14;
    pub const SYMBOLS: usize = 15;
    pub const FIRST_RUNS: usize = 16;
    pub const COUNT: usize = 17;
}

/// A compiled gazetteer, kept in the bytes it was loaded from, whatever
/// holds them (`T`): its tables are used in place, as `regex-automata`
/// uses a serialized DFA. [`IndexBytes`] (the default) holds any of the
/// kinds entx uses. The bytes must be 8-byte aligned, so that the tables
/// of `u64`s can be read where they lie.
#[derive(Clone)]
pub struct Index<T = IndexBytes> {
    bytes: T,
    /// The byte range of each section in `bytes` (see [`sec`]), checked
    /// when the index was loaded.
    sections: [(usize, usize); sec::COUNT],
    /// `postings[starts[p]..starts[p + 1]]` belong to pattern `p`, ranked;
    /// decoded at load, as their 13-byte records are not aligned.
    postings: Vec<Posting>,
    /// All entity strings, concatenated: copied at load (see "Index
    /// storage" in DESIGN.md for why).
    strings: Box<str>,
    aliases: u64,
}

/// The bytes of an [`Index`]: embedded in the binary, owned (an index just
/// compiled, or read from a file), or a memory map of a file, which lives
/// as long as the index does.
#[derive(Clone, Debug)]
pub enum IndexBytes {
    /// Bytes that live as long as the program (the built-in index).
    Static(&'static [u8]),
    /// Bytes of our own, aligned.
    Owned(AlignedBytes),
    /// A file mapped into memory.
    Mapped(Arc<memmap2::Mmap>),
}

impl IndexBytes {
    /// A copy of `bytes`, aligned as an index needs them.
    pub fn copied(bytes: &[u8]) -> IndexBytes {
        IndexBytes::Owned(AlignedBytes::new(bytes))
    }
}

impl AsRef<[u8]> for IndexBytes {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        match self {
            IndexBytes::Static(b) => b,
            IndexBytes::Owned(b) => b.as_ref(),
            IndexBytes::Mapped(m) => m,
        }
    }
}

/// Bytes in a buffer of `u64`s, so that they start 8-byte aligned.
#[derive(Clone)]
pub struct AlignedBytes {
    words: Vec<u64>,
    len: usize,
}

impl AlignedBytes {
    /// A copy of `bytes`.
    pub fn new(bytes: &[u8]) -> AlignedBytes {
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()]
            .copy_from_slice(bytes);
        AlignedBytes { words, len: bytes.len() }
    }
}

impl AsRef<[u8]> for AlignedBytes {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        &bytemuck::cast_slice::<u64, u8>(&self.words)[..self.len]
    }
}

impl std::fmt::Debug for AlignedBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AlignedBytes({} bytes)", self.len)
    }
}

impl<T: AsRef<[u8]>> PartialEq for Index<T> {
    fn eq(&self, other: &Index<T>) -> bool {
        self.bytes.as_ref() == other.bytes.as_ref()
    }
}

impl<T: AsRef<[u8]>> Eq for Index<T> {}

impl<T: AsRef<[u8]>> std::fmt::Debug for Index<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("bytes", &self.bytes.as_ref().len())
            .field("entities", &self.len())
            .field("patterns", &self.pattern_count())
            .finish()
    }
}

/// All tables of an [`Index`], borrowed: what the matcher's loops use,
/// so that the sections are looked up once per text, not per access.
#[derive(Clone, Copy, Debug)]
pub struct IndexRef<'a> {
    /// All entity strings, concatenated.
    strings: &'a str,
    /// Per entity, [`STRINGS`] string ranges (id, kind, name, country,
    /// wikidata) as (start, end) pairs into `strings`.
    ranges: &'a [u32],
    priority: &'a [i64],
    population: &'a [u64],
    trie: Trie<'a>,
    /// `postings[starts[p]..starts[p + 1]]` belong to pattern `p`.
    starts: &'a [u32],
    postings: &'a [Posting],
    flags: &'a [u8],
    aliases: u64,
    /// Bloom filter of the first words of all patterns.
    first_words: FirstWords<'a>,
    /// The same for the patterns that can match where the text has a
    /// lower-case first letter under smart or sensitive case (see
    /// [`IndexRef::first_words_lower`]).
    first_words_lower: FirstWords<'a>,
    /// The first three bytes of all patterns.
    prefixes: Prefixes<'a>,
    /// The same for the patterns of [`IndexRef::first_words_lower`]: most
    /// lower-case words are dismissed by one bit test.
    lower_prefixes: Prefixes<'a>,
    /// Per entity, its id and its `country` as symbols (equal strings,
    /// equal symbols; [`NO_SYMBOL`] for no country), so document evidence
    /// compares integers instead of strings.
    symbols: &'a [u32],
    /// The trie node after each short first run.
    first_runs: FirstRuns<'a>,
}

/// A table of `X`s in place. The lengths and alignment were checked at
/// load, so this never falls back to the empty table; it does not panic
/// either, so that the tables a caller leaves unused cost nothing.
#[inline]
fn cast<X: bytemuck::Pod>(raw: &[u8]) -> &[X] {
    bytemuck::try_cast_slice(raw).unwrap_or_default()
}

impl<T: AsRef<[u8]>> Index<T> {
    /// All tables at once. (The accessors of `Index` look up only the
    /// tables they need.)
    #[inline]
    pub fn view(&self) -> IndexRef<'_> {
        let bytes = self.bytes.as_ref();
        let raw = |i: usize| {
            let (s, e) = self.sections[i];
            bytes.get(s..e).unwrap_or_default()
        };
        IndexRef {
            strings: &self.strings,
            ranges: cast(raw(sec::RANGES)),
            priority: cast(raw(sec::PRIORITY)),
            population: cast(raw(sec::POPULATION)),
            trie: Trie {
                nodes: cast(raw(sec::NODES)),
                edges: cast(raw(sec::EDGES)),
                root: cast(raw(sec::ROOT)),
            },
            starts: cast(raw(sec::STARTS)),
            postings: &self.postings,
            flags: raw(sec::FLAGS),
            aliases: self.aliases,
            first_words: FirstWords { bits: cast(raw(sec::FIRST_WORDS)) },
            first_words_lower: FirstWords {
                bits: cast(raw(sec::FIRST_WORDS_LOWER)),
            },
            prefixes: Prefixes { bits: cast(raw(sec::PREFIXES)) },
            lower_prefixes: Prefixes { bits: cast(raw(sec::LOWER_PREFIXES)) },
            symbols: cast(raw(sec::SYMBOLS)),
            first_runs: FirstRuns { slots: cast(raw(sec::FIRST_RUNS)) },
        }
    }

    /// Section `i`'s bytes.
    #[inline]
    fn raw(&self, i: usize) -> &[u8] {
        let (s, e) = self.sections[i];
        self.bytes.as_ref().get(s..e).unwrap_or_default()
    }

    /// Section `i` as a table of `X`s.
    #[inline]
    fn table<X: bytemuck::Pod>(&self, i: usize) -> &[X] {
        cast(self.raw(i))
    }

    /// String `k` of entity `i` (see [`IndexRef::string`]).
    #[inline]
    fn string(&self, i: u32, k: usize) -> &str {
        let ranges: &[u32] = self.table(sec::RANGES);
        let r = &ranges[i as usize * 2 * STRINGS + 2 * k..][..2];
        &self.strings[r[0] as usize..r[1] as usize]
    }

    /// The strings of entity `i`, by [`ID`] … [`WIKIDATA`]: the range
    /// table looked up once for all of them.
    #[inline]
    fn strings_of<'s>(&'s self, i: u32) -> impl Fn(usize) -> &'s str + 's {
        let ranges: &[u32] = self.table(sec::RANGES);
        let r = &ranges[i as usize * 2 * STRINGS..][..2 * STRINGS];
        move |k| &self.strings[r[2 * k] as usize..r[2 * k + 1] as usize]
    }

    /// The bytes of the index (what [`Index::to_bytes`] copies).
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.as_ref()
    }

    /// Serialize.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bytes.as_ref().to_vec()
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.view().len()
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.view().is_empty()
    }

    /// Number of aliases compiled (before de-duplication).
    pub fn alias_count(&self) -> u64 {
        self.aliases
    }

    /// Number of distinct normalized aliases.
    pub fn pattern_count(&self) -> usize {
        self.view().pattern_count()
    }

    /// Approximate bytes of the tables.
    pub fn memory_usage(&self) -> usize {
        self.view().memory_usage()
    }

    /// The entity with this index.
    pub fn entity(&self, i: u32) -> EntityRef<'_> {
        self.view().entity(i)
    }

    /// See [`IndexRef::symbols`].
    #[inline]
    pub fn symbols(&self, i: u32) -> (u32, u32) {
        let symbols: &[u32] = self.table(sec::SYMBOLS);
        let i = i as usize * 2;
        (symbols[i], symbols[i + 1])
    }

    /// See [`IndexRef::kind`].
    #[inline]
    pub fn kind(&self, i: u32) -> &str {
        self.string(i, KIND)
    }

    /// See [`IndexRef::name`].
    #[inline]
    pub fn name(&self, i: u32) -> &str {
        self.string(i, NAME)
    }

    /// See [`IndexRef::labels`].
    #[inline]
    pub fn labels(&self, i: u32) -> Labels<'_> {
        let string = self.strings_of(i);
        Labels {
            id: string(ID),
            kind: string(KIND),
            name: string(NAME),
            wikidata: string(WIKIDATA),
        }
    }

    /// See [`IndexRef::rank`].
    #[inline]
    pub fn rank(&self, i: u32) -> (i64, u64) {
        let priority: &[i64] = self.table(sec::PRIORITY);
        let population: &[u64] = self.table(sec::POPULATION);
        (priority[i as usize], population[i as usize])
    }

    /// The alias trie.
    #[inline]
    pub fn trie(&self) -> Trie<'_> {
        Trie {
            nodes: self.table(sec::NODES),
            edges: self.table(sec::EDGES),
            root: self.table(sec::ROOT),
        }
    }

    /// The trie node after each short first run (see [`FirstRuns`]).
    #[inline]
    pub fn first_runs(&self) -> FirstRuns<'_> {
        FirstRuns { slots: self.table(sec::FIRST_RUNS) }
    }

    /// The first-words filter of all patterns (see [`FirstWords`]).
    #[inline]
    pub fn first_words(&self) -> FirstWords<'_> {
        FirstWords { bits: self.table(sec::FIRST_WORDS) }
    }

    /// See [`IndexRef::first_words_lower`].
    #[inline]
    pub fn first_words_lower(&self) -> FirstWords<'_> {
        FirstWords { bits: self.table(sec::FIRST_WORDS_LOWER) }
    }

    /// The first bytes of all patterns (see [`Prefixes`]).
    #[inline]
    pub fn prefixes(&self) -> Prefixes<'_> {
        Prefixes { bits: self.table(sec::PREFIXES) }
    }

    /// The first bytes of the patterns of [`IndexRef::first_words_lower`].
    #[inline]
    pub fn lower_prefixes(&self) -> Prefixes<'_> {
        Prefixes { bits: self.table(sec::LOWER_PREFIXES) }
    }

    /// See [`IndexRef::postings`].
    #[inline]
    pub fn postings(&self, pattern: u32) -> &[Posting] {
        let starts: &[u32] = self.table(sec::STARTS);
        let p = pattern as usize;
        &self.postings[starts[p] as usize..starts[p + 1] as usize]
    }

    /// See [`IndexRef::flags`].
    #[inline]
    pub fn flags(&self, posting: &Posting) -> &[u8] {
        let (s, e) = (posting.flags_start, posting.flags_end);
        &self.raw(sec::FLAGS)[s as usize..e as usize]
    }

    /// Load an index and check everything: the checksum, every offset and
    /// every cross-reference, so a damaged or hostile file is an error,
    /// never a panic.
    pub fn from_bytes(bytes: T) -> Result<Index<T>, String> {
        let index = Index::from_bytes_bounds_checked(bytes)?;
        index.view().check_consistency()?;
        Ok(index)
    }

    /// Load an index, checking the checksum and every offset, but not the
    /// cross-references between tables (that the trie is a tree, that case
    /// flags fit their aliases, that first-run entries lead where their
    /// bytes do): a file that passes the checksum was written by entx, and
    /// a forged one can give wrong mentions but never a panic. What the CLI
    /// loads a compiled index file with: a third of the time of
    /// [`Index::from_bytes`] for a large index.
    pub fn from_bytes_bounds_checked(bytes: T) -> Result<Index<T>, String> {
        let index = Index::parse(bytes)?;
        check_checksum(index.bytes.as_ref())?;
        index.view().check_bounds()?;
        Ok(index)
    }

    /// Load an index this very program wrote: the one `build.rs` compiled
    /// into the binary. The format and section lengths are still checked,
    /// but not every offset or cross-reference; all accesses stay
    /// bounds-checked. Start-up then touches only the pages a run needs.
    pub fn from_trusted_bytes(bytes: T) -> Result<Index<T>, String> {
        Index::parse(bytes)
    }

    /// Find the sections, and check what every access relies on: the
    /// format, each section's length (a whole number of its items) and
    /// alignment, that the strings are UTF-8, and the sizes of the
    /// prefilter tables.
    fn parse(bytes: T) -> Result<Index<T>, String> {
        let b = bytes.as_ref();
        if b.len() < 12 || &b[..8] != MAGIC {
            return Err("not an entx index (bad magic bytes)".into());
        }
        let version = u32::from_le_bytes(b[8..12].try_into().expect("4"));
        if version == VERSION && b.len() < HEADER {
            return Err("index: truncated (section header)".into());
        }
        if version != VERSION {
            return Err(format!(
                "index format version {version}, this entx reads version \
                 {VERSION}; rebuild it with `entx gazetteer build`"
            ));
        }
        if cfg!(target_endian = "big") {
            return Err("index: tables are little-endian, and this machine \
                        is not"
                .into());
        }
        if b.as_ptr() as usize % 8 != 0 {
            return Err("index: bytes not 8-byte aligned (load a copy: \
                        IndexBytes::copied)"
                .into());
        }
        let mut r = Reader { bytes: b, pos: HEADER };
        let mut sections = [(0, 0); sec::COUNT];
        let mut strings = Box::<str>::default();
        for (i, range) in sections.iter_mut().enumerate() {
            *range = r.section()?;
            let n = range.1 - range.0;
            let item = match i {
                sec::STRINGS | sec::FLAGS | sec::POSTINGS => 1,
                sec::RANGES | sec::ROOT | sec::STARTS | sec::SYMBOLS => 4,
                _ => 8,
            };
            if n % item != 0 {
                return Err(format!(
                    "index: section length is not a multiple of {item}"
                ));
            }
            match i {
                sec::STRINGS => {
                    match std::str::from_utf8(&b[range.0..range.1]) {
                        Ok(s) => strings = s.into(),
                        Err(_) => {
                            return Err("index: strings are not UTF-8".into())
                        }
                    }
                }
                sec::POSTINGS if n % 13 != 0 => {
                    return Err(
                        "index: postings section has a partial record".into(),
                    );
                }
                _ => {}
            }
        }
        if r.pos != b.len() {
            return Err("index: trailing bytes after the last section".into());
        }
        let raw = |i: usize| &b[sections[i].0..sections[i].1];
        let postings = raw(sec::POSTINGS)
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
        let aliases = raw(sec::ALIASES)
            .get(..8)
            .map_or(0, |a| u64::from_le_bytes(a.try_into().expect("8")));
        let len = |i: usize| (sections[i].1 - sections[i].0) / 8;
        if len(sec::PREFIXES) != Prefixes::WORDS
            || len(sec::LOWER_PREFIXES) != Prefixes::WORDS
        {
            return Err("index: first-bytes table has a bad size".into());
        }
        if !len(sec::FIRST_WORDS).is_power_of_two()
            || !len(sec::FIRST_WORDS_LOWER).is_power_of_two()
        {
            return Err(
                "index: first-word filter size is not a power of two".into()
            );
        }
        if len(sec::SYMBOLS) != len(sec::PRIORITY) {
            // Two `u32` symbols per entity: as many bytes as its priority.
            return Err("index: entity tables disagree".into());
        }
        let runs = len(sec::FIRST_RUNS);
        if runs % 2 != 0 || !(runs / 2).is_power_of_two() {
            return Err("index: first-run table has a bad size".into());
        }
        Ok(Index { bytes, sections, postings, strings, aliases })
    }
}

impl Index {
    /// Compile a gazetteer. Aliases that normalize to nothing are skipped
    /// and reported in `warnings`.
    pub fn build(gaz: &Gazetteer, warnings: &mut Vec<String>) -> Index {
        let bytes = Parts::build(gaz, warnings).to_bytes();
        Index::from_trusted_bytes(IndexBytes::copied(&bytes))
            .expect("a new index reads back")
    }
}

impl<'a> IndexRef<'a> {
    /// Number of entities.
    pub fn len(&self) -> usize {
        self.priority.len()
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.priority.is_empty()
    }

    /// Number of distinct normalized aliases.
    pub fn pattern_count(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Number of aliases compiled (before de-duplication).
    pub fn alias_count(&self) -> u64 {
        self.aliases
    }

    /// Approximate bytes of the tables.
    pub fn memory_usage(&self) -> usize {
        self.strings.len()
            + self.ranges.len() * 4
            + self.priority.len() * 16
            + self.trie.memory_usage()
            + self.starts.len() * 4
            + std::mem::size_of_val(self.postings)
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
    pub fn symbols(&self, i: u32) -> (u32, u32) {
        let i = i as usize * 2;
        (self.symbols[i], self.symbols[i + 1])
    }

    /// The entity with this index.
    pub fn entity(&self, i: u32) -> EntityRef<'a> {
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
    fn string(&self, i: u32, k: usize) -> &'a str {
        let r = &self.ranges[i as usize * 2 * STRINGS + 2 * k..][..2];
        &self.strings[r[0] as usize..r[1] as usize]
    }

    /// An entity's type label alone (what the rules ask most).
    #[inline]
    pub fn kind(&self, i: u32) -> &'a str {
        self.string(i, KIND)
    }

    /// An entity's canonical name alone.
    #[inline]
    pub fn name(&self, i: u32) -> &'a str {
        self.string(i, NAME)
    }

    /// An entity's id, type and name only: what output needs, without the
    /// ranking data (two more cache misses per mention).
    #[inline]
    pub fn labels(&self, i: u32) -> Labels<'a> {
        Labels {
            id: self.string(i, ID),
            kind: self.kind(i),
            name: self.name(i),
            wikidata: self.string(i, WIKIDATA),
        }
    }

    /// The priority and population of an entity (ranking data only).
    #[inline]
    pub fn rank(&self, i: u32) -> (i64, u64) {
        (self.priority[i as usize], self.population[i as usize])
    }

    /// The alias trie.
    #[inline]
    pub fn trie(&self) -> Trie<'a> {
        self.trie
    }

    /// The trie node after each short first run (see [`FirstRuns`]).
    #[inline]
    pub fn first_runs(&self) -> FirstRuns<'a> {
        self.first_runs
    }

    /// The first-words filter of all patterns (see [`FirstWords`]).
    #[inline]
    pub fn first_words(&self) -> FirstWords<'a> {
        self.first_words
    }

    /// The first-words filter of the patterns that can match at a
    /// lower-case first letter under smart or sensitive case: those with a
    /// posting pinned to insensitive case, or whose first letter is not
    /// upper-case. A lower-case word start (most of them, in running text)
    /// is checked against this far smaller filter, which stays in L1.
    #[inline]
    pub fn first_words_lower(&self) -> FirstWords<'a> {
        self.first_words_lower
    }

    /// The first bytes of all patterns (see [`Prefixes`]).
    #[inline]
    pub fn prefixes(&self) -> Prefixes<'a> {
        self.prefixes
    }

    /// The first bytes of the patterns of [`IndexRef::first_words_lower`].
    #[inline]
    pub fn lower_prefixes(&self) -> Prefixes<'a> {
        self.lower_prefixes
    }

    /// The postings of a pattern, best entity first.
    #[inline]
    pub fn postings(&self, pattern: u32) -> &'a [Posting] {
        let p = pattern as usize;
        &self.postings[self.starts[p] as usize..self.starts[p + 1] as usize]
    }

    /// The case of each normalized byte of a posting's alias ([`UPPER`],
    /// [`LOWER`] or [`NONE`]); empty when it has no cased letter.
    #[inline]
    pub fn flags(&self, posting: &Posting) -> &'a [u8] {
        &self.flags[posting.flags_start as usize..posting.flags_end as usize]
    }

    /// Every offset and index a search can follow is in range, so that no
    /// table access can fail: with this alone a file that passes the
    /// checksum but was written by something else than entx can give wrong
    /// mentions, but never a panic or a hang (walks consume text, and the
    /// first-run probe is bounded). The test
    /// `bounds_checks_alone_never_panic` holds it to that.
    fn check_bounds(&self) -> Result<(), String> {
        let n = self.priority.len();
        if self.population.len() != n || self.ranges.len() != n * 2 * STRINGS {
            return Err("index: entity tables disagree".into());
        }
        let boundary = |i: usize| self.strings.is_char_boundary(i);
        for pair in self.ranges.chunks_exact(2) {
            let (s, e) = (pair[0] as usize, pair[1] as usize);
            if s > e || e > self.strings.len() || !boundary(s) || !boundary(e)
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
        for p in self.postings {
            if p.entity as usize >= n
                || p.case & 0x0F > 3
                || p.case & !(0x0F | COMMON | SPORTS) != 0
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

    /// What [`Index::build`] guarantees beyond [`IndexRef::check_bounds`]:
    /// the trie is a tree, every pattern has postings, every posting's case
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

/// The tables of an index being compiled, before they are written out.
#[derive(Default)]
struct Parts {
    strings: String,
    ranges: Vec<u32>,
    priority: Vec<i64>,
    population: Vec<u64>,
    trie: TrieBuf,
    starts: Vec<u32>,
    postings: Vec<Posting>,
    flags: Vec<u8>,
    aliases: u64,
    first_words: Vec<u64>,
    first_words_lower: Vec<u64>,
    prefixes: Vec<u64>,
    lower_prefixes: Vec<u64>,
    symbols: Vec<u32>,
    first_runs: Vec<u64>,
}

impl Parts {
    fn build(gaz: &Gazetteer, warnings: &mut Vec<String>) -> Parts {
        let z = Normalizer::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut pairs: Vec<(u32, Posting)> = Vec::new();
        let mut flags: Vec<u8> = Vec::new();
        let mut buf = NormText::new();
        let mut index = Parts::default();
        let mut interned: HashMap<&str, (u32, u32)> = HashMap::new();
        for (i, entity) in gaz.entities().iter().enumerate() {
            fn add(s: &str, strings: &mut String) -> (u32, u32) {
                let r =
                    (strings.len() as u32, (strings.len() + s.len()) as u32);
                strings.push_str(s);
                r
            }
            let id = add(&entity.id, &mut index.strings);
            let kind = match interned.get(entity.kind.as_str()) {
                Some(&r) => r,
                None => {
                    let r = add(&entity.kind, &mut index.strings);
                    interned.insert(&entity.kind, r);
                    r
                }
            };
            let name = add(&entity.name, &mut index.strings);
            let country = add(
                entity.attribute("country").unwrap_or(""),
                &mut index.strings,
            );
            let wikidata = add(
                entity.attribute("wikidata").unwrap_or(""),
                &mut index.strings,
            );
            index.ranges.extend([
                id.0, id.1, kind.0, kind.1, name.0, name.1, country.0,
                country.1, wikidata.0, wikidata.1,
            ]);
            index.priority.push(entity.priority);
            index.population.push(entity.population);
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
                    crate::policy::is_builtin_source(&entity.origin),
                    &entity.kind,
                    entity.priority,
                    &alias.text,
                    trimmed,
                ) {
                    case |= COMMON;
                }
                if alias.sports_only {
                    case |= SPORTS;
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
        // any that needs no sports context, then priority, then
        // prominence, then load order.
        pairs.sort_by(|(pa, a), (pb, b)| {
            let (ia, ib) = (a.entity as usize, b.entity as usize);
            pa.cmp(pb)
                .then(a.is_sports_only().cmp(&b.is_sports_only()))
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
        index.starts = starts;
        let keys: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
        index.trie = TrieBuf::build(&keys);
        index.first_words = FirstWords::build(&texts);
        index.first_runs =
            FirstRuns::build(&texts, |run| index.trie.as_trie().node_of(run));
        let mut symbol_of: HashMap<&str, u32> = HashMap::new();
        let mut symbols = Vec::with_capacity(index.len() * 2);
        for i in 0..index.len() as u32 {
            for s in [index.string(i, ID), index.string(i, COUNTRY)] {
                let next = symbol_of.len() as u32;
                symbols.push(match s {
                    "" => NO_SYMBOL,
                    s => *symbol_of.entry(s).or_insert(next),
                });
            }
        }
        index.symbols = symbols;
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
        index.flags = flags;
        index
    }

    fn len(&self) -> usize {
        self.priority.len()
    }

    fn string(&self, i: u32, k: usize) -> &str {
        let r = &self.ranges[i as usize * 2 * STRINGS + 2 * k..][..2];
        &self.strings[r[0] as usize..r[1] as usize]
    }

    fn postings(&self, pattern: u32) -> &[Posting] {
        let p = pattern as usize;
        &self.postings[self.starts[p] as usize..self.starts[p + 1] as usize]
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut w = Vec::with_capacity(self.strings.len() + 1024);
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
        section(&mut w, &u64s(&self.population));
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
        section(&mut w, &u64s(&self.first_words));
        section(&mut w, &u64s(&self.first_words_lower));
        section(&mut w, &u64s(&self.prefixes));
        section(&mut w, &u64s(&self.lower_prefixes));
        section(&mut w, &u32s(&self.symbols));
        section(&mut w, &u64s(&self.first_runs));
        restamp_checksum(&mut w);
        w
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
/// 8 bytes, so every section starts 8-byte aligned (see "Index
/// storage" in DESIGN.md).
fn section(w: &mut Vec<u8>, data: &[u8]) {
    w.extend_from_slice(&(data.len() as u64).to_le_bytes());
    w.extend_from_slice(data);
    w.resize(w.len().next_multiple_of(8), 0);
}

/// Magic bytes, version, and the CRC-32 of the rest of the file.
const HEADER: usize = 16;

fn u64s(v: &[u64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn u32s(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    /// The next section's byte range.
    fn section(&mut self) -> Result<(usize, usize), String> {
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
        Ok((end, stop))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Format;
    use crate::prefilter::run_key;

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

    /// Load a copy of `bytes` with every check.
    fn load(bytes: &[u8]) -> Result<Index, String> {
        Index::from_bytes(IndexBytes::copied(bytes))
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
        let trie = idx.trie();
        let key = |s: &[u8]| run_key(s, 0, s.len());
        for run in [&b"new"[..], b"ny", b"newark", b"al"] {
            assert_eq!(runs.get(key(run)), trie.node_of(run), "{run:?}");
            assert!(runs.get(key(run)).is_some());
        }
        // Upper case in the text folds to the pattern's lower case.
        assert_eq!(runs.get(key(b"NEW")), trie.node_of(b"new"));
        // Prefixes of a run, and runs longer than 8 bytes, are not there.
        for run in [&b"ne"[..], b"york", b"abcdefgh", b"qaeda"] {
            assert_eq!(runs.get(key(run)), None, "{run:?}");
        }
        // A table entry pointing at the wrong node fails validation.
        let mut bad = idx.to_bytes();
        let (start, _) = idx.sections[sec::FIRST_RUNS];
        let slot = runs.slots.iter().position(|&k| k == key(b"new"));
        let at = start + (slot.unwrap() + 1) * 8;
        bad[at] += 1;
        restamp_checksum(&mut bad);
        let err = load(&bad).unwrap_err();
        assert!(err.contains("first-run"), "{err}");
    }

    #[test]
    fn round_trip() {
        let idx = sample();
        let back = load(&idx.to_bytes()).unwrap();
        assert_eq!(back, idx);
        assert_eq!(back.entity(0).country, "GE");
        assert_eq!(back.entity(1).kind, "LOC");
        assert_eq!(back.pattern_count(), 2);
        assert_eq!(back.alias_count(), 3);
    }

    #[test]
    fn any_storage_reads_the_same() {
        let idx = sample();
        let owned = AlignedBytes::new(idx.as_bytes());
        let borrowed: Index<&[u8]> =
            Index::from_bytes(owned.as_ref()).unwrap();
        assert_eq!(borrowed.as_bytes(), idx.as_bytes());
        assert_eq!(borrowed.entity(0), idx.entity(0));
        assert_eq!(borrowed.view().postings(0), idx.postings(0));
        // The tables are used where they lie, not copied.
        let nodes = borrowed.trie().nodes.as_ptr() as usize;
        let range = owned.as_ref().as_ptr_range();
        assert!((range.start as usize..range.end as usize).contains(&nodes));
    }

    #[test]
    fn misaligned_bytes_are_an_error_not_a_copy() {
        let bytes = sample().to_bytes();
        let mut shifted = AlignedBytes::new(&[&[0u8][..], &bytes].concat());
        let err = Index::from_bytes(&shifted.as_ref()[1..]).unwrap_err();
        assert!(err.contains("aligned"), "{err}");
        shifted = AlignedBytes::new(&shifted.as_ref()[1..]);
        assert!(Index::from_bytes(shifted).is_ok());
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let bytes = sample().to_bytes();
        for cut in 0..bytes.len() {
            assert!(load(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn corrupted_bytes_never_panic() {
        let bytes = sample().to_bytes();
        for i in 12..bytes.len() {
            for v in [0u8, 1, 0x7f, 0xff] {
                let mut b = bytes.clone();
                b[i] = v;
                let _ = load(&b);
                // Past the checksum, to the checks behind it.
                restamp_checksum(&mut b);
                let _ = load(&b);
            }
        }
    }

    #[test]
    fn the_checksum_catches_what_no_other_check_can() {
        let bytes = sample().to_bytes();
        assert!(load(&bytes).is_ok());
        // A letter of an entity's name: every table still agrees.
        let at = HEADER
            + bytes[HEADER..]
                .windows(7)
                .position(|w| w == b"Georgia")
                .unwrap();
        let mut b = bytes.clone();
        b[at] = b'Z';
        for err in [
            load(&b).unwrap_err(),
            Index::from_bytes_bounds_checked(IndexBytes::copied(&b))
                .unwrap_err(),
        ] {
            assert!(err.contains("checksum mismatch"), "{err}");
        }
        restamp_checksum(&mut b);
        assert_eq!(load(&b).unwrap().entity(0).name, "Zeorgia");
    }
}
