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

/// A trie over byte strings, borrowed from an index's tables. Node 0 is
/// the root; nodes are numbered in depth-first order, so the nodes of a
/// long alias sit together in memory (a walk is a run of sequential reads,
/// not a cache miss per byte).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Trie<'a> {
    /// Per node, plus a sentinel: `first edge | pattern << 32`; a node's
    /// edges end where the next node's begin.
    pub(crate) nodes: &'a [u64],
    /// Per edge (grouped by node, sorted by byte): `byte | target << 8`.
    pub(crate) edges: &'a [u64],
    /// Direct transitions from the root, [`NO_PATTERN`] when absent.
    pub(crate) root: &'a [u32],
}

/// The tables of a trie being built (see [`Trie`]), before they are
/// written into an index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrieBuf {
    pub(crate) nodes: Vec<u64>,
    pub(crate) edges: Vec<u64>,
    pub(crate) root: Vec<u32>,
}

impl TrieBuf {
    /// The trie these tables make.
    pub fn as_trie(&self) -> Trie<'_> {
        Trie { nodes: &self.nodes, edges: &self.edges, root: &self.root }
    }

    /// Build a trie of `patterns`; pattern `i` is reported as `i`.
    /// Duplicate patterns keep the first index.
    pub fn build(patterns: &[&[u8]]) -> TrieBuf {
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_by(|&a, &b| {
            patterns[a as usize].cmp(patterns[b as usize]).then(a.cmp(&b))
        });
        // Edges as (parent, byte, child) in creation (depth-first) order;
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
        // Group edges by parent (counting sort, stable).
        let n = pattern.len();
        let mut start = vec![0usize; n + 1];
        for &(parent, _, _) in &edges {
            start[parent as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut grouped = vec![(0u8, 0u32); edges.len()];
        for &(parent, b, child) in &edges {
            grouped[fill[parent as usize]] = (b, child);
            fill[parent as usize] += 1;
        }
        // Nodes were created in depth-first (pre-)order, and are stored in
        // that order: a node's first child comes right after it, so walking
        // down a long alias reads memory sequentially.
        let mut nodes = Vec::with_capacity(n + 1);
        let mut out_edges = Vec::with_capacity(edges.len());
        for node in 0..n {
            nodes.push(out_edges.len() as u64 | (pattern[node] as u64) << 32);
            for &(b, child) in &grouped[start[node]..start[node + 1]] {
                out_edges.push(b as u64 | (child as u64) << 8);
            }
        }
        nodes.push(out_edges.len() as u64 | (NO_PATTERN as u64) << 32);
        let mut root = vec![NO_PATTERN; 256];
        for &e in &out_edges[..(nodes[1] & 0xFFFF_FFFF) as usize] {
            root[(e & 0xFF) as usize] = (e >> 8) as u32;
        }
        TrieBuf { nodes, edges: out_edges, root }
    }
}

impl Trie<'_> {
    /// Heap bytes used.
    pub fn memory_usage(&self) -> usize {
        self.nodes.len() * 8 + self.edges.len() * 8 + self.root.len() * 4
    }

    /// Whether some pattern starts with byte `b`.
    #[inline]
    pub fn starts_with(&self, b: u8) -> bool {
        self.root[b as usize] != NO_PATTERN
    }

    /// The root's child for byte `b`.
    #[inline]
    pub fn root_child(&self, b: u8) -> Option<u32> {
        let n = self.root[b as usize];
        (n != NO_PATTERN).then_some(n)
    }

    /// The node reached by walking `key` from the root.
    pub fn node_of(&self, key: &[u8]) -> Option<u32> {
        let (&first, rest) = key.split_first()?;
        let mut node = self.root_child(first)?;
        for &b in rest {
            node = self.child(node, b)?;
        }
        Some(node)
    }

    /// The pattern ending at `node`, or [`NO_PATTERN`].
    #[inline]
    pub fn pattern_at(&self, node: u32) -> u32 {
        (self.nodes[node as usize] >> 32) as u32
    }

    /// The child of `node` for byte `b`.
    #[inline]
    pub fn child(&self, node: u32, b: u8) -> Option<u32> {
        let s = (self.nodes[node as usize] & 0xFFFF_FFFF) as usize;
        let e = (self.nodes[node as usize + 1] & 0xFFFF_FFFF) as usize;
        let edges = &self.edges[s..e];
        let found = if edges.len() <= 8 {
            edges.iter().find(|&&x| x as u8 == b)
        } else {
            edges
                .binary_search_by_key(&b, |&x| x as u8)
                .ok()
                .map(|i| &edges[i])
        };
        found.map(|&x| (x >> 8) as u32)
    }

    #[cfg(test)]
    /// Call `f(pattern, end)` for every pattern that is a prefix of
    /// `hay[start..]`, shortest first; `end` is exclusive.
    pub fn prefixes(
        &self,
        hay: &[u8],
        start: usize,
        mut f: impl FnMut(u32, usize),
    ) {
        let Some(mut node) = hay.get(start).and_then(|&b| self.root_child(b))
        else {
            return;
        };
        let mut i = start + 1;
        loop {
            let p = self.pattern_at(node);
            if p != NO_PATTERN {
                f(p, i);
            }
            let Some(next) = hay.get(i).and_then(|&b| self.child(node, b))
            else {
                return;
            };
            node = next;
            i += 1;
        }
    }

    /// Depth of every node, and
    /// for nodes at depth 1 to 8 the bytes on the path to them,
    /// little-endian in a `u64` (0 for other nodes: what
    /// [`crate::prefilter::FirstRuns`] keys are checked against); an error
    /// unless the nodes form a tree in which every node is numbered after
    /// its parent (as [`TrieBuf::build`] numbers them, depth-first).
    pub fn depths_and_keys(&self) -> Result<(Vec<u32>, Vec<u64>), String> {
        let n = self.nodes.len() - 1;
        let mut depth = vec![u32::MAX; n];
        let mut keys = vec![0u64; n];
        depth[0] = 0;
        // Nodes are numbered depth-first, so every edge leads forward: one
        // pass in node order sees each node's parent before the node, and
        // needs no stack (a stack-based traversal was most of the time it
        // takes to load a large index). A file that breaks the order is
        // rejected.
        for node in 0..n {
            let d = depth[node];
            if d == u32::MAX {
                return Err("trie: a node no edge leads to".into());
            }
            let s = (self.nodes[node] & 0xFFFF_FFFF) as usize;
            let e = (self.nodes[node + 1] & 0xFFFF_FFFF) as usize;
            for &x in &self.edges[s..e] {
                let t = (x >> 8) as usize;
                if t <= node {
                    return Err("trie: an edge leads backwards".into());
                }
                if depth[t] != u32::MAX {
                    return Err("trie: a node is reached twice".into());
                }
                depth[t] = d + 1;
                if d < 8 {
                    keys[t] = keys[node] | (x & 0xFF) << (8 * d);
                }
            }
        }
        let s = (self.nodes[0] & 0xFFFF_FFFF) as usize;
        let e = (self.nodes[1] & 0xFFFF_FFFF) as usize;
        for (b, &t) in self.root.iter().enumerate() {
            if t != NO_PATTERN
                && !self.edges[s..e]
                    .iter()
                    .any(|&x| (x & 0xFF) as usize == b && (x >> 8) as u32 == t)
            {
                return Err("trie: root table disagrees with edges".into());
            }
        }
        Ok((depth, keys))
    }

    /// Check the internal consistency of a trie read from bytes, so that
    /// searching it can never index out of bounds.
    pub fn validate(&self, patterns: usize) -> Result<(), String> {
        if self.nodes.len() < 2 {
            return Err("trie: node table too short".into());
        }
        let n = self.nodes.len() - 1;
        let first = |x: u64| (x & 0xFFFF_FFFF) as usize;
        if first(self.nodes[0]) != 0
            || first(self.nodes[n]) != self.edges.len()
            || self.nodes.windows(2).any(|w| first(w[0]) > first(w[1]))
        {
            return Err("trie: edge table out of order".into());
        }
        if self.edges.iter().any(|&x| (x >> 8) as usize >= n) {
            return Err("trie: edge to a missing node".into());
        }
        if self.nodes[..n].iter().any(|&x| {
            let p = (x >> 32) as u32;
            p != NO_PATTERN && p as usize >= patterns
        }) {
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

    fn all(t: &Trie<'_>, hay: &str, start: usize) -> Vec<(u32, usize)> {
        let mut v = Vec::new();
        t.prefixes(hay.as_bytes(), start, |p, e| v.push((p, e)));
        v
    }

    #[test]
    fn finds_every_prefix() {
        let pats: Vec<&[u8]> =
            vec![b"new york", b"new", b"new york times", b"york", b"new"];
        let t = TrieBuf::build(&pats);
        let t = t.as_trie();
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
        let t = TrieBuf::build(&pats);
        let t = t.as_trie();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(all(&t, w, 0), [(i as u32, 2)]);
        }
    }

    #[test]
    fn depths_and_keys_reject_what_build_never_makes() {
        let pats: Vec<&[u8]> = vec![b"ab", b"ac"];
        let buf = TrieBuf::build(&pats);
        let t = buf.as_trie();
        let (depth, keys) = t.depths_and_keys().unwrap();
        let ab = t.node_of(b"ab").unwrap() as usize;
        assert_eq!(
            (depth[ab], keys[ab]),
            (2, u64::from_le_bytes(*b"ab\0\0\0\0\0\0"))
        );
        // An edge pointing back at the root (a cycle), and two edges to the
        // same node: both are errors, not hangs or panics.
        let mut back = buf.clone();
        let last = back.edges.len() - 1;
        back.edges[last] = b'z' as u64;
        let err = back.as_trie().depths_and_keys().unwrap_err();
        assert!(err.contains("backwards"), "{err}");
        let mut twice = buf.clone();
        let first = twice.edges[last - 1];
        twice.edges[last] = (first & !0xFF) | b'z' as u64;
        let err = twice.as_trie().depths_and_keys().unwrap_err();
        assert!(err.contains("twice"), "{err}");
    }

    #[test]
    fn empty_trie() {
        let t = TrieBuf::build(&[]);
        let t = t.as_trie();
        t.validate(0).unwrap();
        assert_eq!(all(&t, "abc", 0), []);
    }
}
