//! What every stage reads the text through: the tokenizer (word
//! boundaries for the matcher, words with their shape for the rules) and
//! the byte-class tests it and the matcher share.

pub(crate) mod swar;
pub mod tokenize;
