//! The built-in gazetteer: the files of `gazetteers/`, embedded in the
//! binary at compile time so an installed `entx` works anywhere.

/// Each embedded file as `(file name, contents)`, in load order.
pub const FILES: &[(&str, &str)] =
    &[("core.tsv", include_str!("../gazetteers/core.tsv"))];
