//! Everything entx needs to compile a gazetteer into an index, in a crate
//! of its own so that `build.rs` can depend on it: the built-in index is
//! compiled at build time by the very code the runtime uses, so it is
//! byte-for-byte what `entx gazetteer build` would write (see DESIGN.md,
//! "Why an internal crate").
//!
//! * [`gazetteer`]: entities and aliases from TSV or spaCy pattern files;
//! * [`normalize`]: folds case, diacritics, quotes, hyphens and whitespace,
//!   keeping a map back to the source;
//! * [`fold`]: the ASCII fold and the ASCII word-byte test, one byte or
//!   eight at a time, for every fast path that must agree with
//!   [`normalize`];
//! * [`words`]: the common-English-word list, and [`policy`], which aliases
//!   it makes common-word aliases;
//! * [`trie`]: the alias trie;
//! * [`prefilter`]: the tables that dismiss most word starts before the
//!   trie is walked, built and probed here;
//! * [`index`]: the file format, its checks, and the entity table.
//!
//! This crate is internal to entx (not published); the `entx` crate
//! re-exports its modules under their old paths.

#![forbid(unsafe_code)]

pub mod error;
pub mod fold;
pub mod gazetteer;
pub mod index;
pub mod normalize;
pub mod policy;
pub mod prefilter;
pub mod trie;
pub mod words;

pub use crate::error::{Error, Result};
