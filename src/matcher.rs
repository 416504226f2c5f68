//! The matcher turns every alias into one normalized pattern of a single
//! Aho-Corasick automaton and reports *all* occurrences, overlapping ones
//! included, so that a longer candidate failing a boundary or case check
//! never hides a shorter valid one. Choosing among candidates is
//! [`crate::resolve`]'s job.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::{Error, Result};
use crate::gazetteer::{CaseMode, EntityId, Gazetteer};
use crate::normalize::{NormText, Normalizer};

/// Case of one alias character, recorded per normalized byte.
const NONE: u8 = 0;
const UPPER: u8 = 1;
const LOWER: u8 = 2;

/// One (alias, entity) pair behind a pattern.
#[derive(Clone, Debug)]
pub(crate) struct Posting {
    pub entity: EntityId,
    case: CaseMode,
    /// Range into `Matcher::flags`; empty when no case check is needed.
    flags: (u32, u32),
}

/// A compiled gazetteer: the automaton and, for each pattern, its postings
/// ranked best first.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    ac: AhoCorasick,
    /// `postings[starts[p]..starts[p + 1]]` belong to pattern `p`.
    starts: Vec<u32>,
    postings: Vec<Posting>,
    flags: Vec<u8>,
    patterns: usize,
}

impl Matcher {
    /// Compile every alias of `gaz`. `default_case` applies to entities and
    /// aliases that do not pin their own mode. Aliases that normalize to
    /// nothing (only spaces or hyphens) are skipped with a warning.
    pub fn build(
        gaz: &Gazetteer,
        default_case: CaseMode,
        warnings: &mut Vec<String>,
    ) -> Result<Matcher> {
        let normalizer = Normalizer::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut pairs: Vec<(u32, Posting)> = Vec::new();
        let mut flags: Vec<u8> = Vec::new();
        let mut buf = NormText::new();
        for (i, entity) in gaz.entities().iter().enumerate() {
            let eid = EntityId(i as u32);
            for alias in &entity.aliases {
                normalizer.normalize_into(&alias.text, &mut buf);
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
                let case = alias.case.or(entity.case).unwrap_or(default_case);
                let range = alias_flags(
                    &alias.text,
                    &buf,
                    lead,
                    trimmed.len(),
                    case,
                    &mut flags,
                );
                let next = texts.len() as u32;
                let pid =
                    *ids.entry(trimmed.to_string()).or_insert_with(|| {
                        texts.push(trimmed.to_string());
                        next
                    });
                pairs.push((pid, Posting { entity: eid, case, flags: range }));
            }
        }
        // Group by pattern; within a pattern rank the best entity first:
        // priority, then prominence, then load order.
        pairs.sort_by(|(pa, a), (pb, b)| {
            let (ea, eb) = (gaz.entity(a.entity), gaz.entity(b.entity));
            pa.cmp(pb)
                .then(eb.priority.cmp(&ea.priority))
                .then(eb.population.cmp(&ea.population))
                .then(a.entity.cmp(&b.entity))
        });
        let mut starts = Vec::with_capacity(texts.len() + 1);
        let mut postings = Vec::with_capacity(pairs.len());
        for (pid, posting) in pairs {
            while starts.len() <= pid as usize {
                starts.push(postings.len() as u32);
            }
            postings.push(posting);
        }
        while starts.len() <= texts.len() {
            starts.push(postings.len() as u32);
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .map_err(|source| Error::Build { aliases: texts.len(), source })?;
        Ok(Matcher { ac, starts, postings, flags, patterns: texts.len() })
    }

    /// Number of distinct normalized aliases.
    pub fn pattern_count(&self) -> usize {
        self.patterns
    }

    /// Heap memory used by the automaton, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.ac.memory_usage()
            + self.postings.len() * std::mem::size_of::<Posting>()
            + self.flags.len()
            + self.starts.len() * 4
    }

    /// The automaton.
    pub fn automaton(&self) -> &AhoCorasick {
        &self.ac
    }

    /// The postings of a pattern, best first.
    pub fn postings(&self, pattern: usize) -> &[Posting] {
        let (s, e) = (self.starts[pattern], self.starts[pattern + 1]);
        &self.postings[s as usize..e as usize]
    }

    /// Whether the source text under normalized range `ns..ns + len`
    /// satisfies the posting's case rule.
    pub fn case_ok(
        &self,
        posting: &Posting,
        text: &str,
        norm: &NormText,
        ns: usize,
    ) -> bool {
        let (s, e) = posting.flags;
        if s == e {
            return true;
        }
        let flags = &self.flags[s as usize..e as usize];
        for (j, &flag) in flags.iter().enumerate() {
            if flag == NONE {
                continue;
            }
            let at = norm.source_start(ns + j);
            let upper = is_upper_at(text, at);
            match (posting.case, flag) {
                (_, UPPER) if !upper => return false,
                (CaseMode::Sensitive, LOWER) if upper => return false,
                _ => {}
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

/// Record the case of each normalized byte of the trimmed alias and return
/// its range in `flags`, or an empty range when the rule cannot fail.
fn alias_flags(
    alias: &str,
    norm: &NormText,
    lead: usize,
    len: usize,
    case: CaseMode,
    flags: &mut Vec<u8>,
) -> (u32, u32) {
    let start = flags.len();
    let mut needed = false;
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
        needed |= match case {
            CaseMode::Smart => flag == UPPER,
            CaseMode::Sensitive => flag != NONE,
            CaseMode::Insensitive => false,
        };
        flags.push(flag);
    }
    if !needed {
        flags.truncate(start);
        return (start as u32, start as u32);
    }
    (start as u32, flags.len() as u32)
}
