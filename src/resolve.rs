//! Overlap resolution turns valid, possibly overlapping candidates into the
//! non-overlapping mentions that are reported, by a ranking that is fully
//! written down so output never depends on iteration order.
//!
//! Rank (best first):
//! 1. the longer span, in source characters;
//! 2. the higher `priority` of the best entity;
//! 3. the larger `population` (prominence) of the best entity;
//! 4. the earlier-loaded best entity;
//! 5. the earlier start.
//!
//! Candidates are taken best first; one that overlaps an already taken
//! candidate is dropped.

/// A candidate that passed the boundary and case checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Source byte offsets, half-open.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// Length of the span in characters.
    pub chars: u32,
    /// The best entity's priority.
    pub priority: i64,
    /// The best entity's population.
    pub population: u64,
    /// The best entity's load-order index.
    pub entity: u32,
    /// Index of the candidate's data in the caller's tables.
    pub data: u32,
}

/// Reusable buffers for [`resolve`].
#[derive(Clone, Debug, Default)]
pub struct ResolveScratch {
    order: Vec<u32>,
    taken: Vec<u64>,
}

/// Pick non-overlapping candidates by rank. Returns the indices (into
/// `cands`) of the picked candidates, sorted by start.
///
/// Candidates whose spans are not linked by a chain of overlaps never
/// compete, so the greedy choice is made in each cluster of overlapping
/// candidates on its own; when `cands` come in start order (as the
/// extractor finds them) the clusters are found in one pass, and the
/// many candidates that overlap nothing are taken without sorting. The
/// result is the same as ranking all of them at once.
pub fn resolve(
    cands: &[Candidate],
    scratch: &mut ResolveScratch,
    picked: &mut Vec<u32>,
) {
    picked.clear();
    if !cands.is_sorted_by_key(|c| c.start) {
        let base = cands.iter().map(|c| c.start).min().unwrap_or(0);
        let end = cands.iter().map(|c| c.end).max().unwrap_or(0);
        rank_and_pick(cands, 0..cands.len(), (base, end), scratch, picked);
        picked.sort_unstable_by_key(|&i| cands[i as usize].start);
        return;
    }
    let mut i = 0;
    while i < cands.len() {
        let base = cands[i].start;
        let mut end = cands[i].end;
        let mut j = i + 1;
        while j < cands.len() && cands[j].start < end {
            end = end.max(cands[j].end);
            j += 1;
        }
        if j == i + 1 {
            picked.push(i as u32);
        } else {
            let from = picked.len();
            rank_and_pick(cands, i..j, (base, end), scratch, picked);
            picked[from..].sort_unstable_by_key(|&k| cands[k as usize].start);
        }
        i = j;
    }
}

/// The greedy choice among `cands[range]`, whose spans lie within
/// `base..end`: best first, each one that overlaps none taken so far.
/// Appends to `picked` in rank order.
fn rank_and_pick(
    cands: &[Candidate],
    range: std::ops::Range<usize>,
    (base, end): (usize, usize),
    scratch: &mut ResolveScratch,
    picked: &mut Vec<u32>,
) {
    scratch.order.clear();
    scratch.order.extend(range.start as u32..range.end as u32);
    scratch.order.sort_unstable_by(|&a, &b| {
        by_rank(&cands[a as usize], &cands[b as usize])
    });
    scratch.taken.clear();
    scratch.taken.resize((end - base) / 64 + 1, 0);
    for &i in &scratch.order {
        let c = &cands[i as usize];
        let (start, end) = (c.start - base, c.end - base);
        if !any_set(&scratch.taken, start, end) {
            set_range(&mut scratch.taken, start, end);
            picked.push(i);
        }
    }
}

/// The ranking of the module's documentation, best first (the end breaks
/// the last tie, between candidates of one start).
fn by_rank(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    b.chars
        .cmp(&a.chars)
        .then(b.priority.cmp(&a.priority))
        .then(b.population.cmp(&a.population))
        .then(a.entity.cmp(&b.entity))
        .then(a.start.cmp(&b.start))
        .then(a.end.cmp(&b.end))
}

fn any_set(bits: &[u64], start: usize, end: usize) -> bool {
    (start..end).any(|i| bits[i / 64] & (1 << (i % 64)) != 0)
}

fn set_range(bits: &mut [u64], start: usize, end: usize) {
    for i in start..end {
        bits[i / 64] |= 1 << (i % 64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(
        start: usize,
        end: usize,
        priority: i64,
        entity: u32,
    ) -> Candidate {
        Candidate {
            start,
            end,
            chars: (end - start) as u32,
            priority,
            population: 0,
            entity,
            data: 0,
        }
    }

    fn run(cands: &[Candidate]) -> Vec<(usize, usize)> {
        let mut picked = Vec::new();
        resolve(cands, &mut ResolveScratch::default(), &mut picked);
        picked
            .iter()
            .map(|&i| (cands[i as usize].start, cands[i as usize].end))
            .collect()
    }

    /// The rule as first written: rank every candidate at once, take each
    /// that overlaps none taken so far.
    fn resolve_all_at_once(cands: &[Candidate]) -> Vec<u32> {
        let mut order: Vec<u32> = (0..cands.len() as u32).collect();
        order
            .sort_by(|&a, &b| by_rank(&cands[a as usize], &cands[b as usize]));
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let mut picked = Vec::new();
        for i in order {
            let c = &cands[i as usize];
            if taken.iter().all(|&(s, e)| c.end <= s || e <= c.start) {
                taken.push((c.start, c.end));
                picked.push(i);
            }
        }
        picked.sort_by_key(|&i| cands[i as usize].start);
        picked
    }

    proptest::proptest! {
        /// Clusters picked one by one give what ranking all at once gives,
        /// in start order (as the extractor produces them: one span per
        /// start and end) or shuffled.
        #[test]
        fn clusters_agree_with_all_at_once(
            spans in proptest::collection::btree_map(
                (0usize..300, 1usize..12),
                (0i64..3, 0u64..3, 0u32..4),
                0..40,
            ),
            shuffle in proptest::prelude::any::<u64>(),
        ) {
            let mut cands: Vec<Candidate> = spans
                .iter()
                .map(|(&(start, len), &(priority, population, entity))| Candidate {
                    start,
                    end: start + len,
                    chars: len as u32 / 2 + 1,
                    priority,
                    population,
                    entity,
                    data: 0,
                })
                .collect();
            let mut scratch = ResolveScratch::default();
            let mut picked = Vec::new();
            resolve(&cands, &mut scratch, &mut picked);
            proptest::prop_assert_eq!(&picked, &resolve_all_at_once(&cands));
            // The same candidates out of start order.
            let n = cands.len();
            for i in 0..n {
                let j = (shuffle as usize).wrapping_mul(i + 7) % n;
                cands.swap(i, j);
            }
            resolve(&cands, &mut scratch, &mut picked);
            proptest::prop_assert_eq!(&picked, &resolve_all_at_once(&cands));
        }
    }

    #[test]
    fn longest_wins() {
        // "New York Times": New York (0..8), York Times (4..14), whole (0..14).
        let c = [cand(0, 8, 0, 0), cand(4, 14, 0, 1), cand(0, 14, 0, 2)];
        assert_eq!(run(&c), [(0, 14)]);
    }

    #[test]
    fn priority_breaks_length_ties() {
        // "A B C": "A B" (0..3, priority 0) vs "B C" (2..5, priority 5).
        let c = [cand(0, 3, 0, 0), cand(2, 5, 5, 1)];
        assert_eq!(run(&c), [(2, 5)]);
    }

    #[test]
    fn load_order_then_start() {
        let c = [cand(2, 5, 0, 1), cand(0, 3, 0, 0)];
        assert_eq!(run(&c), [(0, 3)]);
        let c = [cand(2, 5, 0, 0), cand(0, 3, 0, 0)];
        assert_eq!(run(&c), [(0, 3)]);
    }

    #[test]
    fn non_overlapping_all_kept_sorted() {
        let c = [cand(10, 12, 0, 0), cand(0, 3, 0, 1), cand(3, 5, 0, 2)];
        assert_eq!(run(&c), [(0, 3), (3, 5), (10, 12)]);
    }
}
