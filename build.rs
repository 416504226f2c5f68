//! Compiles the built-in gazetteer (`gazetteers/builtin.list`) into an index
//! at build time, so `entx` starts in milliseconds instead of rebuilding
//! the alias trie on every run. The index is compiled by the same crate the
//! runtime uses (`entx-index`, in `crates/index`), so the build-time index
//! is byte-for-byte what the runtime would build from the same files.

use std::path::Path;

use entx_index::gazetteer::{Format, Gazetteer};
use entx_index::index::Index;

fn main() {
    // Changes to `entx-index` rebuild this script, which then runs again.
    println!("cargo:rerun-if-changed=gazetteers");
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
    let mut gaz = Gazetteer::new();
    let mut files = String::from("&[\n");
    for name in &names {
        let path = root.join("gazetteers").join(name);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        gaz.add_source(&format!("<builtin>/{name}"), &text, Format::Tsv)
            .unwrap_or_else(|e| panic!("built-in gazetteer: {e}"));
        files.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    files.push_str("]\n");
    let mut warnings = gaz.warnings().to_vec();
    let idx = Index::build(&gaz, &mut warnings);
    for w in warnings {
        println!("cargo:warning=built-in gazetteer: {w}");
    }
    std::fs::write(out.join("builtin_files.rs"), files).expect("write");
    std::fs::write(out.join("builtin.idx"), idx.as_bytes()).expect("write");
}
