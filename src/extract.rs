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
use crate::index::{EntityRef, Index, Posting, LOWER, UPPER};
use crate::normalize::{NormText, Normalizer};
use crate::resolve::{resolve, Candidate, ResolveScratch};
use crate::tokenize::{is_boundary, is_end_boundary};

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

    /// Compile a gazetteer.
    pub fn build(&self, gazetteer: Gazetteer) -> Result<Extractor> {
        let mut warnings = gazetteer.warnings().to_vec();
        let index = Index::build(&gazetteer, &mut warnings);
        Ok(Extractor { index, case: self.case, warnings })
    }

    /// Use an already compiled gazetteer.
    pub fn build_from_index(&self, index: Index) -> Extractor {
        Extractor { index, case: self.case, warnings: Vec::new() }
    }
}

/// A compiled gazetteer, ready to extract. Immutable, `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Extractor {
    index: Index,
    case: CaseMode,
    warnings: Vec<String>,
}

/// Per-thread buffers reused across documents; create one per thread with
/// [`Scratch::new`] and pass it to every [`Extractor::extract`] call.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    norm: NormText,
    hits: Vec<(u32, u32, u32)>,
    cands: Vec<Candidate>,
    /// For each candidate: range into `passing`.
    data: Vec<(u32, u32)>,
    passing: Vec<u32>,
    picked: Vec<u32>,
    resolve: ResolveScratch,
    mentions: Vec<Mention>,
}

impl Scratch {
    /// Empty buffers.
    pub fn new() -> Scratch {
        Scratch::default()
    }
}

/// ASCII letters, digits and `_`: UAX #29 never breaks between two of
/// these, so no match can start between two of them.
static IS_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

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
            &scratch.cands,
            text.len(),
            &mut scratch.resolve,
            &mut scratch.picked,
        );
        scratch.mentions.clear();
        for &i in &scratch.picked {
            let c = &scratch.cands[i as usize];
            let (s, e) = scratch.data[c.data as usize];
            let passing = &scratch.passing[s as usize..e as usize];
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
        &scratch.mentions
    }

    /// Collect every candidate that passes the boundary and case checks.
    fn candidates(&self, text: &str, scratch: &mut Scratch) {
        Normalizer::new().normalize_into(text, &mut scratch.norm);
        scratch.hits.clear();
        scratch.cands.clear();
        scratch.data.clear();
        scratch.passing.clear();
        let norm = &scratch.norm;
        let hay = norm.as_bytes();
        let trie = self.index.trie();
        let hits = &mut scratch.hits;
        let mut prev_word = false;
        for (i, &b) in hay.iter().enumerate() {
            // A match starts on a char, not between two ASCII word bytes,
            // and at the first byte of its source character's expansion.
            let word = IS_WORD[b as usize];
            let ok = !(prev_word && word)
                && (b & 0xC0) != 0x80
                && norm.is_char_start(i);
            prev_word = word;
            if ok {
                trie.prefixes(hay, i, |p, end| {
                    hits.push((p, i as u32, end as u32));
                });
            }
        }
        for &(pattern, ns, ne) in &scratch.hits {
            let (ns, ne) = (ns as usize, ne as usize);
            if !norm.is_char_start(ne) {
                continue;
            }
            let start = norm.source_start(ns);
            let last = norm.source_start(ne - 1);
            let end = last + char_len_at(text, last);
            if !is_boundary(text, start) || !is_end_boundary(text, end) {
                continue;
            }
            let from = scratch.passing.len() as u32;
            for posting in self.index.postings(pattern) {
                if self.case_ok(posting, text, norm, ns, ne) {
                    scratch.passing.push(posting.entity);
                }
            }
            let to = scratch.passing.len() as u32;
            if from == to {
                continue;
            }
            let best = self.index.entity(scratch.passing[from as usize]);
            scratch.cands.push(Candidate {
                start,
                end,
                chars: char_count(&text[start..end]),
                priority: best.priority,
                population: best.population,
                entity: scratch.passing[from as usize],
                data: scratch.data.len() as u32,
            });
            scratch.data.push((from, to));
        }
    }

    /// Whether the source text under normalized range `ns..ne` satisfies
    /// the posting's case rule.
    fn case_ok(
        &self,
        posting: &Posting,
        text: &str,
        norm: &NormText,
        ns: usize,
        ne: usize,
    ) -> bool {
        let mode = posting.case(self.case);
        if mode == CaseMode::Insensitive {
            return true;
        }
        let flags = self.index.flags(posting);
        for (j, &flag) in flags.iter().enumerate() {
            if flag != UPPER && !(flag == LOWER && mode == CaseMode::Sensitive)
            {
                continue;
            }
            if ns + j >= ne {
                break;
            }
            let upper = is_upper_at(text, norm.source_start(ns + j));
            if (flag == UPPER) != upper {
                return false;
            }
        }
        true
    }
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
