//! The library's error type: every failure says where (file and line, or
//! entity) and what was expected, so the CLI can print it as is.

use std::path::PathBuf;

/// An error from loading a gazetteer or building an extractor.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A gazetteer line that cannot be read.
    #[error("{path}:{line}: {msg}")]
    Gazetteer {
        /// The gazetteer source (a path, or `<builtin>/NAME`).
        path: String,
        /// 1-based line number.
        line: u64,
        /// What was expected and what was found.
        msg: String,
    },
    /// A compiled gazetteer (`.idx`) that cannot be loaded.
    #[error("{path}: {msg}")]
    Index {
        /// The index file.
        path: String,
        /// What is wrong with it.
        msg: String,
    },
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// Shorthand for results with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
