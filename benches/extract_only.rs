//! Extraction alone, without reading, JSON or writing: the corpus's texts
//! are parsed once, then extracted from in one process several times, and
//! the best and median passes are printed. Far less noisy than timing the
//! whole program on a shared machine; DESIGN.md ("The hot path") uses it to
//! judge matcher changes.
//!
//! ```sh
//! cargo bench --bench extract_only -- CORPUS.jsonl [INDEX.idx|builtin] [PASSES] [--rules]
//! ```
//!
//! CORPUS.jsonl has one article per line with a `text` field (decompress
//! `../shared/corpus/news.jsonl.gz` first). INDEX.idx is a compiled index
//! from `entx gazetteer build`, loaded as the CLI loads it; `builtin` (the
//! default) is the built-in gazetteer. The rules run only with `--rules`
//! (the built-in rules, as `entx extract` runs them by default).

use std::time::Instant;

use entx::index::{Index, IndexBytes};
use entx::rules::Rules;
use entx::{ExtractorBuilder, Scratch};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let with_rules = std::env::args().any(|a| a == "--rules");
    // `cargo bench` passes `--bench`; skip flags.
    let args: Vec<String> =
        std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let Some(corpus) = args.first() else {
        eprintln!(
            "usage: extract_only CORPUS.jsonl [INDEX.idx|builtin] [PASSES] [--rules]"
        );
        std::process::exit(2);
    };
    let index = args.get(1).map_or("builtin", String::as_str);
    let passes: usize = args.get(2).map_or(Ok(9), |p| p.parse())?.max(1);

    let mut texts = Vec::new();
    for line in std::fs::read_to_string(corpus)?.lines() {
        let record: serde_json::Value = serde_json::from_str(line)?;
        texts.push(record["text"].as_str().unwrap_or("").to_owned());
    }
    let index = if index == "builtin" {
        Index::from_bytes(IndexBytes::Static(entx::builtin::INDEX))?
    } else {
        let bytes = IndexBytes::copied(&std::fs::read(index)?);
        Index::from_bytes_bounds_checked(bytes)?
    };
    let extractor = ExtractorBuilder::new()
        .rules(with_rules.then(Rules::builtin))
        .build_from_index(index);

    let mut scratch = Scratch::new();
    let mut times = Vec::with_capacity(passes);
    let mut mentions = 0;
    for _ in 0..passes {
        let start = Instant::now();
        mentions = 0;
        for text in &texts {
            let found = extractor.extract_all(text, &mut scratch);
            mentions += found.mentions.len() + found.rules.len();
        }
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "{} texts, {mb:.1} MB, {mentions} mentions; best {:.4} s ({:.1} MB/s), median {:.4} s over {passes} passes",
        texts.len(),
        times[0],
        mb / times[0],
        times[passes / 2],
    );
    Ok(())
}
