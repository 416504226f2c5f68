//! Integration tests through the real `entx` binary. One test binary for
//! link time (ripgrep's layout); each module covers one area.

mod util;

/// Many inputs, JSONL corpora, compression, threads, bad records.
mod batch;
/// What the built-in data finds: imported parties, countries, athletes,
/// given names, clubs and companies; the counts of `gazetteer stats`.
mod builtin_data;
/// `entx check`: golden fixtures, diffs, --bless.
mod check;
/// Exit codes, messages and broken pipes.
mod errors;
/// `entx eval`: scores on hand-computed gold/pred pairs, CoNLL, gates.
mod eval;
/// `entx extract` on single articles: inputs, schema, semantics, fixture.
mod extract;
/// `entx extract --format`: conll, spacy, brat, tsv, html.
mod formats;
/// `entx gazetteer`: build, stats, lint, export.
mod gazetteer;
/// Adversarial inputs: encodings, sizes, JSON shapes, bad gazetteers.
mod hardening;
/// Document-level resolution: the examples.
mod resolution;
/// Pipes, record limits, record-level errors, a failing stderr.
mod streams;
/// Directory walking: order, hidden files, symbolic-link loops.
mod walk;
