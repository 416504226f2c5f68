//! Write seed inputs for the fuzz targets into `corpus/<target>/`:
//! real compiled indexes for `index`, gazetteer files for `gazetteer_tsv`,
//! JSONL lines for `jsonl_input`.
//!
//! ```text
//! cd fuzz && cargo run --example seeds
//! ```

use std::fs;
use std::path::Path;

use entx::index::{Index, IndexBytes};
use entx::{Format, Gazetteer};

const TSV: &str = "\
# id\ttype\tname\taliases\tattributes
georgia-country\tLOC\tGeorgia\tSakartvelo|GE\tpriority=2;country=GE
georgia-us-state\tLOC\tGeorgia\tGa.\tpopulation=10711908
irgc\tORG\tIslamic Revolutionary Guard Corps\tIRGC|Revolutionary Guards\tcase=sensitive
izmir\tLOC\tİzmir\tSmyrna
strasse\tMISC\tStraße\tU.S.-backed|e\u{301}clair|...
";

const SPACY: &str = r#"{"label": "ORG", "pattern": "Apple", "id": "apple"}
{"label": "ORG", "pattern": "Apple Inc.", "id": "apple"}
{"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}]}
{"label": "PERSON", "pattern": [{"ORTH": "Qasem"}, {"TEXT": "Soleimani"}]}
"#;

const JSONL: &[&str] = &[
    r#"{"id": 7, "text": "Iran\nIraq"}"#,
    r#"{"title":"T","article":{"body":"B\u00e9"},"meta":{"id":"x-1","src":{"a":1}},"lang":"en","text":"x"}"#,
    r#"{"text":"a","text":"b","a":{"b":{"c":"deep"}},"title":"t"}"#,
    r#"{"id":null,"text":5}"#,
    r#"{"text":"\ud83d\ude00 \"q\" \\ \/"}"#,
];

/// Compile `gaz`, checking that the bytes load back (a seed the current
/// format rejects would only exercise the error paths).
fn index_bytes(gaz: &Gazetteer) -> Vec<u8> {
    let bytes = Index::build(gaz, &mut Vec::new()).to_bytes();
    Index::from_bytes(IndexBytes::copied(&bytes)).expect("seed index loads");
    bytes
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join(name), bytes).unwrap();
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut gaz = Gazetteer::new();
    gaz.add_source("seed.tsv", TSV, Format::Tsv).unwrap();
    let small = index_bytes(&gaz);
    write(&root.join("index"), "small.idx", &small);
    gaz.add_source("seed.jsonl", SPACY, Format::SpacyJsonl).unwrap();
    let mixed = index_bytes(&gaz);
    write(&root.join("index"), "mixed.idx", &mixed);
    let empty = index_bytes(&Gazetteer::new());
    write(&root.join("index"), "empty.idx", &empty);
    write(&root.join("gazetteer_tsv"), "seed.tsv", TSV.as_bytes());
    write(&root.join("gazetteer_tsv"), "seed.jsonl", SPACY.as_bytes());
    for (i, line) in JSONL.iter().enumerate() {
        write(&root.join("jsonl_input"), &format!("seed{i}"), line.as_bytes());
    }
    println!("seeds written under {}", root.display());
}
