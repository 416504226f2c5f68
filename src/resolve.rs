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
pub fn resolve(
    cands: &[Candidate],
    text_len: usize,
    scratch: &mut ResolveScratch,
    picked: &mut Vec<u32>,
) {
    picked.clear();
    scratch.order.clear();
    scratch.order.extend(0..cands.len() as u32);
    scratch.order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&cands[a as usize], &cands[b as usize]);
        b.chars
            .cmp(&a.chars)
            .then(b.priority.cmp(&a.priority))
            .then(b.population.cmp(&a.population))
            .then(a.entity.cmp(&b.entity))
            .then(a.start.cmp(&b.start))
            .then(a.end.cmp(&b.end))
    });
    let words = text_len / 64 + 1;
    scratch.taken.clear();
    scratch.taken.resize(words, 0);
    for &i in &scratch.order {
        let c = &cands[i as usize];
        if !any_set(&scratch.taken, c.start, c.end) {
            set_range(&mut scratch.taken, c.start, c.end);
            picked.push(i);
        }
    }
    picked.sort_unstable_by_key(|&i| cands[i as usize].start);
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
        resolve(cands, 100, &mut ResolveScratch::default(), &mut picked);
        picked
            .iter()
            .map(|&i| (cands[i as usize].start, cands[i as usize].end))
            .collect()
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
