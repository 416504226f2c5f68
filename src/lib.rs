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
//! No `unsafe` anywhere but the one memory map of a compiled index in
//! [`load`] (explicitly allowed there, with its reasoning).

#![deny(unsafe_code)]

pub mod builtin;
#[doc(hidden)]
pub mod cli;
pub mod error;
pub mod extract;
pub mod gazetteer;
pub mod golden;
pub mod index;
pub mod input;
pub mod load;
mod matcher;
pub mod mention;
pub mod metrics;
pub mod normalize;
pub mod output;
pub mod resolve;
pub mod rules;
pub mod snapshot;
#[doc(hidden)]
pub mod testing;
pub mod text;
mod trie;
pub mod walk;
pub mod words;

pub use crate::error::{Error, Result};
pub use crate::extract::{
    Extractor, ExtractorBuilder, Mention, Scratch, Span,
};
pub use crate::gazetteer::{
    Alias, CaseMode, Entity, EntityId, Format, Gazetteer,
};
