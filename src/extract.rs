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
use crate::gazetteer::{CaseMode, Entity, EntityId, Gazetteer};
use crate::matcher::Matcher;
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

    /// Compile the gazetteer.
    pub fn build(&self, gazetteer: Gazetteer) -> Result<Extractor> {
        let mut warnings = Vec::new();
        let matcher = Matcher::build(&gazetteer, self.case, &mut warnings)?;
        Ok(Extractor { gazetteer, matcher, warnings })
    }
}

/// A compiled gazetteer, ready to extract. Immutable, `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Extractor {
    gazetteer: Gazetteer,
    matcher: Matcher,
    warnings: Vec<String>,
}

/// Per-thread buffers reused across documents; create one per thread with
/// [`Scratch::new`] and pass it to every [`Extractor::extract`] call.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    norm: NormText,
    cands: Vec<Candidate>,
    /// For each candidate: range into `passing`.
    data: Vec<(u32, u32)>,
    passing: Vec<EntityId>,
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

impl Extractor {
    /// The gazetteer this extractor was built from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The entity behind a mention.
    pub fn entity(&self, id: EntityId) -> &Entity {
        self.gazetteer.entity(id)
    }

    /// Problems found while compiling (aliases that normalize to nothing),
    /// after the gazetteer's own warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &str> {
        self.gazetteer
            .warnings()
            .iter()
            .chain(self.warnings.iter())
            .map(String::as_str)
    }

    /// Number of distinct normalized aliases.
    pub fn pattern_count(&self) -> usize {
        self.matcher.pattern_count()
    }

    /// Approximate heap memory of the compiled matcher, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.matcher.memory_usage()
    }

    /// Find the mentions in `text`: sorted by start, never overlapping,
    /// each starting and ending on a word boundary. Spans are byte offsets
    /// into `text`.
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
                if other != passing[0] && !candidates.contains(&other) {
                    candidates.push(other);
                }
            }
            scratch.mentions.push(Mention {
                span: Span { start: c.start, end: c.end },
                entity: passing[0],
                candidates,
            });
        }
        &scratch.mentions
    }

    /// Collect every candidate that passes the boundary and case checks.
    fn candidates(&self, text: &str, scratch: &mut Scratch) {
        Normalizer::new().normalize_into(text, &mut scratch.norm);
        scratch.cands.clear();
        scratch.data.clear();
        scratch.passing.clear();
        let norm = &scratch.norm;
        let gaz = &self.gazetteer;
        for m in
            self.matcher.automaton().find_overlapping_iter(norm.as_bytes())
        {
            let (ns, ne) = (m.start(), m.end());
            if !norm.is_char_start(ns) || !norm.is_char_start(ne) {
                continue;
            }
            let start = norm.source_start(ns);
            let last = norm.source_start(ne - 1);
            let end = last + char_len_at(text, last);
            if !is_boundary(text, start) || !is_end_boundary(text, end) {
                continue;
            }
            let from = scratch.passing.len() as u32;
            for posting in self.matcher.postings(m.pattern().as_usize()) {
                if self.matcher.case_ok(posting, text, norm, ns) {
                    scratch.passing.push(posting.entity);
                }
            }
            let to = scratch.passing.len() as u32;
            if from == to {
                continue;
            }
            let best = gaz.entity(scratch.passing[from as usize]);
            scratch.cands.push(Candidate {
                start,
                end,
                chars: char_count(&text[start..end]),
                priority: best.priority,
                population: best.population,
                entity: scratch.passing[from as usize].0,
                data: scratch.data.len() as u32,
            });
            scratch.data.push((from, to));
        }
    }
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
