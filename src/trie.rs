//! A byte trie of normalized aliases, searched only from word starts, and
//! stored as flat arrays so a compiled gazetteer loads with a copy instead
//! of a rebuild.
//!
//! Why not an Aho-Corasick automaton: entx only reports whole-word matches,
//! so a match can only begin where a word begins. Walking a trie from each
//! word start finds every alias there (overlapping ones included) and never
//! proposes the mid-word candidates (`ran` in `Iran`) an automaton over all
//! positions must then reject. And `aho-corasick` automata cannot be
//! serialized, which made start-up with a large gazetteer cost a full
//! rebuild (see DESIGN.md, "Why a trie").

/// "No pattern ends here."
pub const NO_PATTERN: u32 = u32::MAX;

/// A trie over byte strings. Node 0 is the root.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trie {
    /// Per node: first edge index.
    pub(crate) edge_start: Vec<u32>,
    /// Per node: the pattern ending here, or [`NO_PATTERN`].
    pub(crate) pattern: Vec<u32>,
    /// Per edge (grouped by source node, sorted by byte): the byte.
    pub(crate) edge_byte: Vec<u8>,
    /// Per edge: the target node.
    pub(crate) edge_target: Vec<u32>,
    /// Direct transitions from the root, `NO_PATTERN` when absent.
    pub(crate) root: Vec<u32>,
}

impl Trie {
    /// Build a trie of `patterns`; pattern `i` is reported as `i`.
    /// Duplicate patterns keep the first index.
    pub fn build(patterns: &[&[u8]]) -> Trie {
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_by(|&a, &b| {
            patterns[a as usize].cmp(patterns[b as usize]).then(a.cmp(&b))
        });
        // Edges as (parent, byte, child), created in sorted-key order, so
        // each parent's edges are created in increasing byte order.
        let mut edges: Vec<(u32, u8, u32)> = Vec::new();
        let mut pattern = vec![NO_PATTERN];
        // path[d] = node reached after d bytes of the previous key.
        let mut path: Vec<u32> = vec![0];
        let mut prev: &[u8] = &[];
        for &p in &order {
            let key = patterns[p as usize];
            let lcp = key.iter().zip(prev).take_while(|(a, b)| a == b).count();
            path.truncate(lcp + 1);
            for &b in &key[lcp..] {
                let parent = *path.last().expect("root is on the path");
                let child = pattern.len() as u32;
                pattern.push(NO_PATTERN);
                edges.push((parent, b, child));
                path.push(child);
            }
            let node = *path.last().expect("root is on the path") as usize;
            if pattern[node] == NO_PATTERN {
                pattern[node] = p;
            }
            prev = key;
        }
        // Counting sort of edges by parent (stable: bytes stay sorted).
        let n = pattern.len();
        let mut edge_start = vec![0u32; n + 1];
        for &(parent, _, _) in &edges {
            edge_start[parent as usize + 1] += 1;
        }
        for i in 0..n {
            edge_start[i + 1] += edge_start[i];
        }
        let mut fill = edge_start.clone();
        let mut edge_byte = vec![0u8; edges.len()];
        let mut edge_target = vec![0u32; edges.len()];
        for &(parent, b, child) in &edges {
            let at = fill[parent as usize] as usize;
            edge_byte[at] = b;
            edge_target[at] = child;
            fill[parent as usize] += 1;
        }
        let mut root = vec![NO_PATTERN; 256];
        for e in edge_start[0] as usize..edge_start[1] as usize {
            root[edge_byte[e] as usize] = edge_target[e];
        }
        Trie { edge_start, pattern, edge_byte, edge_target, root }
    }

    /// Heap bytes used.
    pub fn memory_usage(&self) -> usize {
        self.edge_start.len() * 4
            + self.pattern.len() * 4
            + self.edge_byte.len()
            + self.edge_target.len() * 4
            + self.root.len() * 4
    }

    /// Whether some pattern starts with byte `b`.
    #[inline]
    pub fn starts_with(&self, b: u8) -> bool {
        self.root[b as usize] != NO_PATTERN
    }

    #[cfg(test)]
    /// Call `f(pattern, end)` for every pattern that is a prefix of
    /// `hay[start..]`, shortest first; `end` is exclusive.
    #[inline]
    pub fn prefixes(
        &self,
        hay: &[u8],
        start: usize,
        mut f: impl FnMut(u32, usize),
    ) {
        let Some(&first) = hay.get(start) else { return };
        let mut node = self.root[first as usize];
        if node == NO_PATTERN {
            return;
        }
        let mut i = start + 1;
        loop {
            let p = self.pattern[node as usize];
            if p != NO_PATTERN {
                f(p, i);
            }
            let Some(&b) = hay.get(i) else { return };
            match self.child(node, b) {
                Some(next) => node = next,
                None => return,
            }
            i += 1;
        }
    }

    /// The root's child for byte `b`.
    #[inline]
    pub fn root_child(&self, b: u8) -> Option<u32> {
        let n = self.root[b as usize];
        (n != NO_PATTERN).then_some(n)
    }

    /// The pattern ending at `node`, or [`NO_PATTERN`].
    #[inline]
    pub fn pattern_at(&self, node: u32) -> u32 {
        self.pattern[node as usize]
    }

    /// The child of `node` for byte `b`.
    #[inline]
    pub fn child(&self, node: u32, b: u8) -> Option<u32> {
        let s = self.edge_start[node as usize] as usize;
        let e = self.edge_start[node as usize + 1] as usize;
        let bytes = &self.edge_byte[s..e];
        let at = if bytes.len() <= 16 {
            bytes.iter().position(|&x| x == b)?
        } else {
            bytes.binary_search(&b).ok()?
        };
        Some(self.edge_target[s + at])
    }

    /// Depth of every node (`u32::MAX` if unreachable from the root); an
    /// error if some node is reachable twice (not a tree).
    pub fn depths(&self) -> Result<Vec<u32>, String> {
        let mut depth = vec![u32::MAX; self.pattern.len()];
        depth[0] = 0;
        let mut queue = vec![0u32];
        while let Some(node) = queue.pop() {
            let s = self.edge_start[node as usize] as usize;
            let e = self.edge_start[node as usize + 1] as usize;
            for &t in &self.edge_target[s..e] {
                if depth[t as usize] != u32::MAX {
                    return Err("trie: a node is reached twice".into());
                }
                depth[t as usize] = depth[node as usize] + 1;
                queue.push(t);
            }
        }
        for (b, &t) in self.root.iter().enumerate() {
            if t != NO_PATTERN {
                let ok = (self.edge_start[0]..self.edge_start[1]).any(|e| {
                    self.edge_byte[e as usize] as usize == b
                        && self.edge_target[e as usize] == t
                });
                if !ok {
                    return Err("trie: root table disagrees with edges".into());
                }
            }
        }
        Ok(depth)
    }

    /// Check the internal consistency of a trie read from bytes, so that
    /// searching it can never index out of bounds.
    pub fn validate(&self, patterns: usize) -> Result<(), String> {
        let n = self.pattern.len();
        if n == 0 || self.edge_start.len() != n + 1 {
            return Err("trie: node tables disagree".into());
        }
        if self.edge_byte.len() != self.edge_target.len()
            || self.edge_start[0] != 0
            || self.edge_start[n] as usize != self.edge_byte.len()
            || self.edge_start.windows(2).any(|w| w[0] > w[1])
        {
            return Err("trie: edge table out of order".into());
        }
        if self.edge_target.iter().any(|&t| t as usize >= n) {
            return Err("trie: edge to a missing node".into());
        }
        if self
            .pattern
            .iter()
            .any(|&p| p != NO_PATTERN && p as usize >= patterns)
        {
            return Err("trie: reference to a missing pattern".into());
        }
        if self.root.len() != 256
            || self.root.iter().any(|&t| t != NO_PATTERN && t as usize >= n)
        {
            return Err("trie: bad root table".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(t: &Trie, hay: &str, start: usize) -> Vec<(u32, usize)> {
        let mut v = Vec::new();
        t.prefixes(hay.as_bytes(), start, |p, e| v.push((p, e)));
        v
    }

    #[test]
    fn finds_every_prefix() {
        let pats: Vec<&[u8]> =
            vec![b"new york", b"new", b"new york times", b"york", b"new"];
        let t = Trie::build(&pats);
        t.validate(pats.len()).unwrap();
        assert_eq!(
            all(&t, "new york times square", 0),
            [(1, 3), (0, 8), (2, 14)]
        );
        assert_eq!(all(&t, "new york times square", 4), [(3, 8)]);
        assert_eq!(all(&t, "ne", 0), []);
        assert_eq!(all(&t, "", 0), []);
    }

    #[test]
    fn wide_nodes_use_binary_search() {
        let words: Vec<String> =
            (b'a'..=b'z').map(|c| format!("x{}", c as char)).collect();
        let pats: Vec<&[u8]> = words.iter().map(|w| w.as_bytes()).collect();
        let t = Trie::build(&pats);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(all(&t, w, 0), [(i as u32, 2)]);
        }
    }

    #[test]
    fn empty_trie() {
        let t = Trie::build(&[]);
        t.validate(0).unwrap();
        assert_eq!(all(&t, "abc", 0), []);
    }
}
