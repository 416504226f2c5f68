//! From what a user names (gazetteer paths, the built-in gazetteer on or
//! off, a case mode, rules on or off) to an [`Extractor`]: the command line
//! and the Python binding both start here, so a path means the same thing
//! to both.

use std::path::{Path, PathBuf};

use crate::index::{Index, IndexBytes};
use crate::rules::Rule;
use crate::walk;
use crate::{CaseMode, Extractor, ExtractorBuilder, Gazetteer};

/// The gazetteer sources and switches an extractor is built from.
#[derive(Clone, Debug)]
pub struct Sources {
    /// Gazetteer files or directories, in load order: `.jsonl`/`.ndjson`
    /// files are spaCy EntityRuler patterns, others entx TSV; a directory
    /// adds its `.tsv`, `.jsonl` and `.ndjson` files. A compiled index
    /// (`.idx`, recognized by its magic bytes) must be the only path, and is
    /// then used on its own, without the built-in gazetteer.
    pub gazetteers: Vec<PathBuf>,
    /// Whether the built-in gazetteer comes first.
    pub builtin: bool,
    /// The case mode for entities and aliases that do not pin their own.
    pub case: CaseMode,
    /// Whether the rule-based sources run after the gazetteer.
    pub rules: bool,
    /// Rules switched off (with `rules`; the others keep their default).
    pub rules_off: Vec<Rule>,
}

impl Default for Sources {
    /// The built-in gazetteer, smart case, rules on: what `entx extract`
    /// uses with no options.
    fn default() -> Sources {
        Sources {
            gazetteers: Vec::new(),
            builtin: true,
            case: CaseMode::Smart,
            rules: true,
            rules_off: Vec::new(),
        }
    }
}

/// Why no extractor (or gazetteer) could be made from [`Sources`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// A gazetteer source that cannot be read or parsed.
    #[error(transparent)]
    Gazetteer(#[from] crate::Error),
    /// The built-in gazetteer failed to load: a fault of this build of
    /// entx, not of the user's input.
    #[error("loading the built-in gazetteer: {0}")]
    Builtin(String),
    /// A compiled index named together with other sources.
    #[error(
        "{}: a compiled index cannot be merged with other gazetteers; \
         build one index from all sources with \
         `entx gazetteer build -g … -o FILE`",
        .0.display()
    )]
    IndexWithOthers(PathBuf),
    /// A compiled index that cannot be mapped or is damaged.
    #[error("{}: {msg}", path.display())]
    Index {
        /// The index file.
        path: PathBuf,
        /// What is wrong with it.
        msg: String,
    },
    /// A gazetteer directory that could not be walked.
    #[error("{0}")]
    Walk(String),
    /// Neither the built-in gazetteer nor any entity from the paths.
    #[error("no gazetteer entities")]
    Empty,
}

/// The gazetteer sources merged in load order (the built-in files first
/// when wanted, then each path). A compiled index is refused here: it
/// cannot be merged.
pub fn gazetteer(sources: &Sources) -> Result<Gazetteer, LoadError> {
    let mut gaz = Gazetteer::new();
    if sources.builtin {
        gaz.add_builtin(crate::builtin::FILES)
            .map_err(|e| LoadError::Builtin(e.to_string()))?;
    }
    for path in &sources.gazetteers {
        if is_index(path) {
            return Err(LoadError::IndexWithOthers(path.clone()));
        }
        if !path.is_dir() {
            gaz.add_path(path)?;
            continue;
        }
        // Load order is walk order, so that merges and ties between
        // sources are the same on every run.
        let mut loops = Vec::new();
        for found in walk::files(path, &mut |w| loops.push(w)) {
            let file = found.map_err(|e| LoadError::Walk(e.to_string()))?;
            if is_gazetteer_name(&file) {
                gaz.add_path(&file)?;
            }
        }
        for w in loops {
            gaz.warn(w);
        }
    }
    Ok(gaz)
}

/// Build the extractor: the embedded index when only the built-in
/// gazetteer is wanted, a compiled index on its own, or a fresh compile of
/// the built-in gazetteer and the given sources. Problems that do not stop
/// the build (merged duplicate ids …) are in [`Extractor::warnings`].
pub fn extractor(sources: &Sources) -> Result<Extractor, LoadError> {
    let mut builder = ExtractorBuilder::new();
    builder.case(sources.case);
    if sources.rules {
        let mut rules = crate::rules::Rules::builtin();
        for &rule in &sources.rules_off {
            rules.set(rule, false);
        }
        builder.rules(Some(rules));
    }
    if sources.gazetteers.is_empty() && sources.builtin {
        let index = Index::from_trusted_bytes(IndexBytes::Static(
            crate::builtin::INDEX,
        ))
        .map_err(|msg| LoadError::Builtin(format!("built-in index: {msg}")))?;
        return Ok(builder.build_from_index(index));
    }
    if let [path] = sources.gazetteers.as_slice() {
        if is_index(path) {
            let index_error =
                |msg: String| LoadError::Index { path: path.clone(), msg };
            let bytes = map(path).map_err(|e| index_error(e.to_string()))?;
            let index = Index::from_bytes_bounds_checked(bytes)
                .map_err(index_error)?;
            return Ok(builder.build_from_index(index));
        }
    }
    let gaz = gazetteer(sources)?;
    if gaz.is_empty() {
        return Err(LoadError::Empty);
    }
    Ok(builder.build(gaz)?)
}

/// Map a compiled index into memory, so that its tables are used in place
/// (the map lives as long as the index: see [`IndexBytes`]): no copy, and
/// the pages come straight from the page cache. It took loading the 26 MB
/// index of 200,000 aliases, validation included, from 72 ms (read into a
/// buffer) to 43 ms (see DESIGN.md, "Why a trie").
#[allow(unsafe_code)]
fn map(path: &Path) -> std::io::Result<IndexBytes> {
    let file = std::fs::File::open(path)?;
    // SAFETY: the map is only read, through `&[u8]`, and must not change
    // underneath. That holds unless another process writes to the file in
    // place while entx runs; entx's own writer (`entx gazetteer build`)
    // never does: it writes a new file and renames it over the old one,
    // which leaves this mapping intact. Were the file changed anyway, entx
    // could report nonsense or stop (a panic, or SIGBUS if it shrank), but
    // every table access is bounds-checked, so it cannot read past the map.
    // ripgrep makes the same trade-off for its inputs; here it is made for
    // one file the user compiled.
    let map = unsafe { memmap2::MmapOptions::new().populate().map(&file)? };
    Ok(IndexBytes::Mapped(std::sync::Arc::new(map)))
}

/// Whether a file found in a gazetteer directory is a source: `.tsv`,
/// `.jsonl` or `.ndjson` (other files, like word lists, are left alone).
pub fn is_gazetteer_name(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("tsv" | "jsonl" | "ndjson")
    )
}

/// Whether a path is a compiled index (by its magic bytes).
pub fn is_index(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok_and(|()| &magic == b"ENTXIDX\0")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn user_gazetteer_alone() {
        let (_dir, tsv) = temp_file("p.tsv", b"ak\tPERSON\tAnna Kowalska\n");
        let sources = Sources {
            gazetteers: vec![tsv],
            builtin: false,
            rules: false,
            ..Sources::default()
        };
        let ex = extractor(&sources).unwrap();
        let mut scratch = crate::Scratch::new();
        let found =
            ex.extract_all("Baghdad, then Anna Kowalska.", &mut scratch);
        // "Baghdad" is only in the built-in gazetteer, left out here.
        let spans: Vec<(usize, usize)> = found
            .mentions
            .iter()
            .map(|m| (m.span.start, m.span.end))
            .collect();
        assert_eq!(spans, [(14, 27)]);
        assert!(found.rules.is_empty());
    }

    #[test]
    fn nothing_to_load_is_empty() {
        let sources = Sources { builtin: false, ..Sources::default() };
        assert!(matches!(extractor(&sources), Err(LoadError::Empty)));
    }

    #[test]
    fn missing_path_names_the_path() {
        let sources = Sources {
            gazetteers: vec![PathBuf::from("/nonexistent/people.tsv")],
            builtin: false,
            ..Sources::default()
        };
        let err = extractor(&sources).unwrap_err();
        assert!(matches!(err, LoadError::Gazetteer(_)));
        assert!(err.to_string().starts_with("/nonexistent/people.tsv: "));
    }

    #[test]
    fn index_is_refused_among_other_sources() {
        let (_dir, idx) = temp_file("a.idx", b"ENTXIDX\0rest");
        let sources = Sources {
            gazetteers: vec![idx.clone(), idx.clone()],
            ..Sources::default()
        };
        let err = extractor(&sources).unwrap_err();
        assert!(matches!(err, LoadError::IndexWithOthers(p) if p == idx));
    }

    #[test]
    fn damaged_index_names_the_path() {
        let (_dir, idx) = temp_file("a.idx", b"ENTXIDX\0rest");
        let sources =
            Sources { gazetteers: vec![idx.clone()], ..Sources::default() };
        let err = extractor(&sources).unwrap_err();
        assert!(matches!(&err, LoadError::Index { path, .. } if *path == idx));
    }
}
