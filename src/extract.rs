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
use crate::index::{EntityRef, Index, NO_SYMBOL};
use crate::matcher::{MatchScratch, Matcher};
pub use crate::mention::{Mention, Span};
use crate::resolve::{resolve, ResolveScratch};
use crate::rules::DIVISION_PRIORITY;
use crate::rules::{MentionInfo, RuleMention, RuleOutput, Rules};

/// Configures and builds an [`Extractor`].
#[derive(Clone, Debug, Default)]
pub struct ExtractorBuilder {
    case: CaseMode,
    rules: Option<std::sync::Arc<Rules>>,
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

    /// Rule-based sources to run after the gazetteer in
    /// [`Extractor::extract_all`] (see [`crate::rules`]); none by default.
    pub fn rules(&mut self, rules: Option<Rules>) -> &mut ExtractorBuilder {
        self.rules = rules.map(std::sync::Arc::new);
        self
    }

    /// Compile a gazetteer.
    pub fn build(&self, gazetteer: Gazetteer) -> Result<Extractor> {
        let mut warnings = gazetteer.warnings().to_vec();
        let index = Index::build(&gazetteer, &mut warnings);
        Ok(Extractor {
            index,
            case: self.case,
            rules: self.rules.clone(),
            warnings,
        })
    }

    /// Use an already compiled gazetteer.
    pub fn build_from_index(&self, index: Index) -> Extractor {
        Extractor {
            index,
            case: self.case,
            rules: self.rules.clone(),
            warnings: Vec::new(),
        }
    }
}

/// A compiled gazetteer, ready to extract. Immutable, `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Extractor {
    index: Index,
    case: CaseMode,
    rules: Option<std::sync::Arc<Rules>>,
    warnings: Vec<String>,
}

/// Everything found in one text by [`Extractor::extract_all`]: gazetteer
/// mentions (those a rule replaced removed) and rule mentions, each sorted
/// by start; together they never overlap.
#[derive(Clone, Copy, Debug)]
pub struct Extraction<'s> {
    /// Gazetteer mentions.
    pub mentions: &'s [Mention],
    /// Rule mentions.
    pub rules: &'s [RuleMention],
}

/// Per-thread buffers reused across documents; create one per thread with
/// [`Scratch::new`] and pass it to every [`Extractor::extract`] call.
#[derive(Debug, Default)]
pub struct Scratch {
    matching: MatchScratch,
    picked: Vec<u32>,
    resolve: ResolveScratch,
    mentions: Vec<Mention>,
    evidence: Vec<u32>,
    /// Mentions an office context settled (`office` rule), ascending.
    settled: Vec<u32>,
    rule_out: RuleOutput,
}

impl Scratch {
    /// Empty buffers.
    pub fn new() -> Scratch {
        Scratch::default()
    }
}

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
    ///
    /// An alias that names its entity only in sports text (a club named
    /// like its district, see DESIGN.md "Sports context") is not reported
    /// here, where nothing knows what the document is about;
    /// [`Self::extract_all`] with the rules on weighs it.
    pub fn extract<'s>(
        &self,
        text: &str,
        scratch: &'s mut Scratch,
    ) -> &'s [Mention] {
        self.gazetteer_mentions(text, scratch);
        scratch.mentions.retain(|m| !m.is_sports_only());
        &scratch.mentions
    }

    /// The gazetteer's mentions, sports-only ones included.
    fn gazetteer_mentions(&self, text: &str, scratch: &mut Scratch) {
        self.candidates(text, scratch);
        resolve(
            &scratch.matching.hits.cands,
            &mut scratch.resolve,
            &mut scratch.picked,
        );
        scratch.mentions.clear();
        for &i in &scratch.picked {
            let c = &scratch.matching.hits.cands[i as usize];
            let (s, sports, e) = scratch.matching.hits.data[c.data as usize];
            let hits = &scratch.matching.hits.passing;
            // Entities that need no sports context come first; a sports
            // club stands behind them, or alone.
            let (passing, club) = if s < sports {
                (&hits[s as usize..sports as usize], hits.get(sports as usize))
            } else {
                (&hits[s as usize..e as usize], hits.get(s as usize))
            };
            let club = club.filter(|_| sports < e).map(|&c| EntityId(c));
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
                sports: club,
            });
        }
        self.use_document_evidence(
            text,
            &mut scratch.mentions,
            &mut scratch.evidence,
            &mut scratch.settled,
        );
    }

    /// Gazetteer mentions, then the rule-based sources configured with
    /// [`ExtractorBuilder::rules`]: the rules may replace gazetteer
    /// mentions they cover (a minor place that is a surname inside a
    /// person's name) and add mentions of their own.
    pub fn extract_all<'s>(
        &self,
        text: &str,
        scratch: &'s mut Scratch,
    ) -> Extraction<'s> {
        self.gazetteer_mentions(text, scratch);
        scratch.rule_out.clear();
        let Some(rules) = &self.rules else {
            scratch.mentions.retain(|m| !m.is_sports_only());
            return Extraction {
                mentions: &scratch.mentions,
                rules: &scratch.rule_out.add,
            };
        };
        let info = Info { ex: self, mentions: &scratch.mentions };
        rules.apply(text, &scratch.mentions, &info, &mut scratch.rule_out);
        if !scratch.rule_out.drop.is_empty() {
            let drop = &scratch.rule_out.drop;
            let mut i = 0;
            scratch.mentions.retain(|_| {
                i += 1;
                drop.binary_search(&(i - 1)).is_err()
            });
        }
        Extraction {
            mentions: &scratch.mentions,
            rules: &scratch.rule_out.add,
        }
    }

    /// Re-rank ambiguous mentions by what the rest of the document says:
    /// an option whose own id, or whose `country`, is an unambiguous
    /// mention's id or country wins over the static ranking ("Atlanta,
    /// Georgia" → the US state, "Tbilisi, Georgia" → the country). The
    /// static ranking breaks ties; the other options stay in `candidates`.
    ///
    /// With the `office` rule on, the words around a mention come first:
    /// an office or party context ("Georgia Gov.", "the New York
    /// Democrat", "(R-Georgia)") settles it on its first-level division,
    /// and a settled mention is evidence for the others as an unambiguous
    /// one is ("Georgia Gov. Brian Kemp … Georgia's economy").
    fn use_document_evidence(
        &self,
        text: &str,
        mentions: &mut [Mention],
        evidence: &mut Vec<u32>,
        settled: &mut Vec<u32>,
    ) {
        if mentions.iter().all(|m| m.candidates.is_empty()) {
            return;
        }
        // Ids and countries as symbols (see `Index::symbols`).
        evidence.clear();
        // A club named like a place says nothing until the rules know the
        // document is about sports.
        for m in mentions
            .iter()
            .filter(|m| m.candidates.is_empty() && !m.is_sports_only())
        {
            self.push_symbols(m.entity, evidence);
        }
        evidence.sort_unstable();
        evidence.dedup();
        settled.clear();
        if let Some(rules) = self.rules.as_deref() {
            self.settle_offices(rules, text, mentions, evidence, settled);
        }
        if evidence.is_empty() {
            return;
        }
        let is_settled = |i: usize| settled.binary_search(&(i as u32)).is_ok();
        let supported = |e: EntityId| {
            let (id, country) = self.index.symbols(e.0);
            evidence.binary_search(&id).is_ok()
                || (country != NO_SYMBOL
                    && evidence.binary_search(&country).is_ok())
        };
        for (i, m) in mentions.iter_mut().enumerate() {
            if m.candidates.is_empty() || is_settled(i) || supported(m.entity)
            {
                continue;
            }
            if let Some(i) = m.candidates.iter().position(|&c| supported(c)) {
                let best = m.candidates.remove(i);
                m.candidates.insert(0, m.entity);
                m.entity = best;
            }
        }
    }

    /// The `office` rule: settle each ambiguous mention that an office
    /// or party context surrounds on its first-level division (of the
    /// context's country if it names one; of a country in `evidence` if
    /// one is; else the best ranked), record it in `settled` and add it
    /// to `evidence`.
    fn settle_offices(
        &self,
        rules: &Rules,
        text: &str,
        mentions: &mut [Mention],
        evidence: &mut Vec<u32>,
        settled: &mut Vec<u32>,
    ) {
        let found = evidence.len();
        for (i, m) in mentions.iter_mut().enumerate() {
            if m.candidates.is_empty()
                || !self.is_division(m.entity)
                    && !m.candidates.iter().any(|&e| self.is_division(e))
            {
                continue;
            }
            let Some(country) = rules.office(text, m.span) else { continue };
            let countries: Vec<u32> = if country.is_empty() {
                Vec::new()
            } else {
                let named = self.entities_named(country);
                named.iter().map(|e| self.index.symbols(e.0).0).collect()
            };
            let options = || {
                std::iter::once(m.entity)
                    .chain(m.candidates.iter().copied())
                    .enumerate()
                    .filter(|&(_, e)| {
                        self.is_division(e)
                            && (country.is_empty()
                                || countries
                                    .contains(&self.index.symbols(e.0).1))
                    })
            };
            let in_evidence = |e: EntityId| {
                let country = self.index.symbols(e.0).1;
                evidence[..found].binary_search(&country).is_ok()
            };
            let Some((k, _)) = options()
                .find(|&(_, e)| in_evidence(e))
                .or_else(|| options().next())
            else {
                continue;
            };
            if k > 0 {
                let division = m.candidates.remove(k - 1);
                m.candidates.insert(0, m.entity);
                m.entity = division;
            }
            settled.push(i as u32);
            self.push_symbols(m.entity, evidence);
        }
        evidence.sort_unstable();
        evidence.dedup();
    }

    /// Push the id and country symbols of `e`.
    fn push_symbols(&self, e: EntityId, evidence: &mut Vec<u32>) {
        let (id, country) = self.index.symbols(e.0);
        evidence.push(id);
        if country != NO_SYMBOL {
            evidence.push(country);
        }
    }

    /// Whether entity `e` is a first-level division: a place with a
    /// `country` at the divisions' priority ([`DIVISION_PRIORITY`]).
    fn is_division(&self, e: EntityId) -> bool {
        self.index.rank(e.0).0 == DIVISION_PRIORITY
            && self.index.symbols(e.0).1 != NO_SYMBOL
            && self.index.kind(e.0) == "LOC"
    }

    /// The entities with an alias that is all of `name`, best first.
    fn entities_named(&self, name: &str) -> Vec<EntityId> {
        let mut scratch = MatchScratch::default();
        self.candidates_into(name, &mut scratch);
        let hits = &scratch.hits;
        hits.cands
            .iter()
            .zip(&hits.data)
            .filter(|(c, _)| c.start == 0 && c.end == name.len())
            // (Clubs named like a place are no division.)
            .flat_map(|(_, &(s, sports, _))| {
                &hits.passing[s as usize..sports as usize]
            })
            .map(|&e| EntityId(e))
            .collect()
    }

    /// Collect every candidate that passes the boundary and case checks.
    fn candidates(&self, text: &str, scratch: &mut Scratch) {
        self.candidates_into(text, &mut scratch.matching);
    }

    fn candidates_into(&self, text: &str, scratch: &mut MatchScratch) {
        Matcher { index: &self.index, case: self.case }
            .candidates(text, scratch);
    }
}

/// What the rules see of the gazetteer mentions.
struct Info<'a> {
    ex: &'a Extractor,
    mentions: &'a [Mention],
}

impl MentionInfo for Info<'_> {
    fn kind(&self, i: usize) -> &str {
        self.ex.index.kind(self.mentions[i].entity.0)
    }
    fn name(&self, i: usize) -> &str {
        self.ex.index.name(self.mentions[i].entity.0)
    }
    fn population(&self, i: usize) -> u64 {
        self.ex.index.rank(self.mentions[i].entity.0).1
    }
    fn priority(&self, i: usize) -> i64 {
        self.ex.index.rank(self.mentions[i].entity.0).0
    }
    fn division(&self, name: &str, country: &str) -> Option<EntityId> {
        // Asked once per party tag, which few articles have: fresh matches
        // of the names, not a table built for every extractor.
        let countries: Vec<u32> = self
            .ex
            .entities_named(country)
            .into_iter()
            .map(|e| self.ex.index.symbols(e.0).0)
            .collect();
        self.ex.entities_named(name).into_iter().find(|&e| {
            self.ex.is_division(e)
                && countries.contains(&self.ex.index.symbols(e.0).1)
        })
    }
}

#[cfg(test)]
mod tests;
