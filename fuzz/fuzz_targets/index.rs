//! `Index::from_bytes` on arbitrary bytes: an error or a valid index, never
//! a panic; an index that loads must extract from any text without a panic.
//! The checksum is forged to match first, or almost every input would stop
//! there; the bytes are then loaded with the checks the CLI uses
//! (`from_bytes_bounds_checked`: offsets only) and, if that fails, with
//! every check. Seed the corpus with a real index (see fuzz/README.md).

#![no_main]

use entx::index::{Index, IndexBytes};
use entx::{ExtractorBuilder, Scratch};
use libfuzzer_sys::fuzz_target;

const TEXTS: &[&str] = &[
    "Georgia and Sakartvelo, GEORGIA's capital; georgia.",
    "İzmir ve Ankara — Straße, ﬁ, e\u{301}, U.S.-backed 日本 😀",
    "",
];

fuzz_target!(|data: &[u8]| {
    let mut bytes = data.to_vec();
    entx::index::restamp_checksum(&mut bytes);
    let bytes = IndexBytes::copied(&bytes);
    let index = match Index::from_bytes_bounds_checked(bytes.clone()) {
        Ok(index) => index,
        Err(_) => {
            assert!(Index::from_bytes(bytes).is_err());
            return;
        }
    };
    let _ = (index.len(), index.pattern_count(), index.memory_usage());
    for i in 0..index.len() {
        let _ = index.entity(i as u32);
    }
    let extractor = ExtractorBuilder::new().build_from_index(index);
    let mut scratch = Scratch::new();
    // The tail of the input, as text, reaches patterns the fixed texts miss.
    let tail = String::from_utf8_lossy(&data[data.len().saturating_sub(64)..]);
    for text in TEXTS.iter().copied().chain([&*tail]) {
        for m in extractor.extract(text, &mut scratch) {
            let e = extractor.entity(m.entity);
            let _ = (e.id, e.kind, e.name, &text[m.span.range()]);
        }
    }
});
