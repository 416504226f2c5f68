//! Compiles the built-in gazetteer (`gazetteers/builtin.list`) into an index
//! at build time, so `entx` starts in milliseconds instead of rebuilding
//! the alias trie on every run. The library's own modules are compiled into
//! this script with `#[path]`, so the build-time index is byte-for-byte what
//! the runtime would build from the same files.

#![allow(dead_code)]

use std::path::Path;

#[path = "src/error.rs"]
mod error;
#[path = "src/gazetteer/mod.rs"]
mod gazetteer;
#[path = "src/index.rs"]
mod index;
#[path = "src/normalize.rs"]
mod normalize;
#[path = "src/trie.rs"]
mod trie;
#[path = "src/words.rs"]
mod words;

/// The runtime embeds these files; the build script reads them from disk.
mod builtin {
    pub const FILES: &[(&str, &str)] = &[];
}

fn main() {
    for p in [
        "gazetteers",
        "src/error.rs",
        "src/gazetteer",
        "src/index.rs",
        "src/normalize.rs",
        "src/trie.rs",
        "src/words.rs",
    ] {
        println!("cargo:rerun-if-changed={p}");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    let list = std::fs::read_to_string(root.join("gazetteers/builtin.list"))
        .expect("gazetteers/builtin.list");
    let names: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut gaz = gazetteer::Gazetteer::new();
    let mut files = String::from("&[\n");
    for name in &names {
        let path = root.join("gazetteers").join(name);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        gaz.add_source(
            &format!("<builtin>/{name}"),
            &text,
            gazetteer::Format::Tsv,
        )
        .unwrap_or_else(|e| panic!("built-in gazetteer: {e}"));
        files.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    files.push_str("]\n");
    let mut warnings = gaz.warnings().to_vec();
    let idx = index::Index::build(&gaz, &mut warnings);
    for w in warnings {
        println!("cargo:warning=built-in gazetteer: {w}");
    }
    std::fs::write(out.join("builtin_files.rs"), files).expect("write");
    std::fs::write(out.join("builtin.idx"), idx.to_bytes()).expect("write");
}
