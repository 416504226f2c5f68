//! The built-in gazetteer: the files listed in `gazetteers/builtin.list`,
//! embedded in the binary so an installed `entx` works anywhere, both as
//! text (for merging with a user's gazetteers, `lint` and `export`) and as
//! an index compiled by `build.rs` (for a fast start).

/// Each embedded file as `(file name, contents)`, in load order.
pub const FILES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

/// The compiled index of [`FILES`], built by `build.rs`; 8-byte aligned,
/// so that its tables are used in place (see
/// [`crate::index::Index::from_trusted_bytes`]).
pub static INDEX: &[u8] = &ALIGNED.0;

#[repr(C, align(8))]
struct Aligned<B: ?Sized>(B);

static ALIGNED: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/builtin.idx")));
