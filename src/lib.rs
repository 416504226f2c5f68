//! entx finds the people, organizations and places of a gazetteer in news
//! text and reports them with exact offsets into the original text.
//!
//! The pipeline, in the order data flows through it:
//!
//! * [`gazetteer`]: entities and aliases from TSV or spaCy pattern files;
//! * [`normalize`]: folds case, diacritics, quotes, hyphens and whitespace,
//!   keeping a map back to the source;
//! * [`index`]: a compiled gazetteer (alias trie searched from word starts,
//!   prefilters, entity table) that serializes and is used in place;
//! * [`load`] and [`walk`]: gazetteer paths and switches to an
//!   [`Extractor`], for the CLI and the Python binding alike;
//! * [`text`]: the tokenizer (UAX #29 boundaries at candidate ends, words
//!   with their shape for the rules) and byte classes;
//! * [`mention`]: `Span` and `Mention`, what every later stage passes on;
//! * `matcher`: text → candidate spans (the prefilter's query side and
//!   the trie walk);
//! * [`resolve`]: longest-first, priority-ranked overlap resolution;
//! * [`extract`]: the [`Extractor`], the stage driver;
//! * [`rules`]: document-level rules after the gazetteer, one module per
//!   family (people, organizations, sports, propagation, acronyms);
//! * [`output`]: mentions → bytes, JSON Lines and the other formats;
//! * [`input`]: JSONL records and compressed inputs;
//! * [`golden`], [`metrics`] and [`snapshot`]: gold readers, scoring and
//!   golden snapshots, behind `entx eval` and `entx check`;
//! * [`words`]: the common-English-word list.
//!
//! Only `cli` knows about argv, stdout and exit codes.
//!
//! `gazetteer`, `normalize`, `index` and `words` live in the internal
//! crate `entx-index` (`crates/index`), which `build.rs` also uses to
//! compile the built-in index; they are re-exported here under their
//! paths.
//!
//! No `unsafe` anywhere but the one memory map of a compiled index in
//! [`load`] (explicitly allowed there, with its reasoning).

#![deny(unsafe_code)]

pub mod builtin;
#[doc(hidden)]
pub mod cli;
pub use entx_index::error;
pub mod extract;
pub mod gazetteer;
pub mod golden;
pub use entx_index::index;
pub mod input;
pub mod load;
mod matcher;
pub mod mention;
pub mod metrics;
pub use entx_index::normalize;
pub mod output;
pub mod resolve;
pub mod rules;
pub mod snapshot;
#[doc(hidden)]
pub mod testing;
pub mod text;
use entx_index::trie;
pub mod walk;
pub use entx_index::words;

pub use crate::error::{Error, Result};
pub use crate::extract::{
    Extractor, ExtractorBuilder, Mention, Scratch, Span,
};
pub use crate::gazetteer::{
    Alias, CaseMode, Entity, EntityId, Format, Gazetteer,
};
