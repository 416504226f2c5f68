//! The gazetteer readers (native TSV and spaCy JSONL) on arbitrary text:
//! never a panic; whatever parses is merged into a gazetteer and compiled,
//! and the compiled extractor runs over the same text.

#![no_main]

use entx::gazetteer::{parse_spacy_jsonl, parse_tsv, EntityDef};
use entx::{ExtractorBuilder, Gazetteer, Scratch};
use libfuzzer_sys::fuzz_target;

fn build(defs: Vec<EntityDef>, text: &str) {
    let mut gaz = Gazetteer::new();
    for def in defs {
        // Conflicting types or bad attribute values are errors, not panics.
        let _ = gaz.add_def("fuzz", def);
    }
    let extractor = ExtractorBuilder::new().build(gaz).expect("build");
    let _ = extractor.warnings().count();
    let mut scratch = Scratch::new();
    let _ = extractor.extract(text, &mut scratch);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(defs) = parse_tsv("fuzz.tsv", text) {
        build(defs, text);
    }
    if let Ok(defs) = parse_spacy_jsonl("fuzz.jsonl", text) {
        build(defs, text);
    }
});
