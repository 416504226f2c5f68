//! The gazetteer is the list of entities entx can find: ids, types, names,
//! aliases and the attributes that rank them. The model and the TSV and
//! spaCy readers live in the index crate (`build.rs` needs them); the
//! linter, which only `entx gazetteer lint` needs, lives here.

pub use entx_index::gazetteer::*;

pub mod lint;
