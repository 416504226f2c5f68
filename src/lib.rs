//! entx finds the people, organizations and places of a gazetteer in news
//! text and reports them with exact offsets into the original text.
//!
//! The pipeline, one module each:
//!
//! * [`gazetteer`]: entities and aliases from TSV or spaCy pattern files;
//! * [`normalize`]: folds case, diacritics, quotes, hyphens and whitespace,
//!   keeping a map back to the source;
//! * [`index`]: a compiled gazetteer (alias trie searched from word starts,
//!   entity table) that serializes and loads in milliseconds;
//! * [`tokenize`]: UAX #29 word boundaries, checked only at candidate ends;
//! * [`resolve`]: longest-first, priority-ranked overlap resolution;
//! * [`extract`]: the [`Extractor`] that ties them together;
//! * [`rules`]: rule-based sources run after the gazetteer (given names,
//!   titles, company suffixes, propagation within an article);
//! * [`output`]: the JSON Lines schema;
//! * [`input`]: JSONL records and compressed inputs;
//! * [`load`]: gazetteer paths and switches to an [`Extractor`], for the
//!   CLI and the Python binding alike;
//! * [`golden`] and [`metrics`]: golden-fixture comparison and scoring,
//!   behind `entx check` and `entx eval`;
//! * [`words`]: the common-English-word list.
//! * `swar`: byte classes of eight bytes at once, for the matcher and
//!   the rules' tokenizer;
//! * `wordmap`: the rules' word-class maps, with short words as integer
//!   keys.
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
