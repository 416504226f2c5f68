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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{Format, Gazetteer};
    use crate::index::{restamp_checksum, Index, IndexBytes};
    use crate::{ExtractorBuilder, Scratch};

    #[test]
    fn the_builtin_index_is_used_in_place() {
        // Its tables are views of these bytes: a copy would be elsewhere.
        let idx = Index::from_trusted_bytes(IndexBytes::Static(INDEX));
        assert_eq!(idx.unwrap().as_bytes().as_ptr(), INDEX.as_ptr());
    }

    #[test]
    fn the_builtin_index_passes_full_validation() {
        // The binary loads it without the deep checks; prove they hold.
        let full = Index::from_bytes(IndexBytes::Static(INDEX)).unwrap();
        assert_eq!(
            full,
            Index::from_trusted_bytes(IndexBytes::Static(INDEX)).unwrap()
        );
    }

    #[test]
    fn the_builtin_index_is_what_the_runtime_compiles() {
        let gaz = Gazetteer::builtin(FILES).unwrap();
        let idx = Index::build(&gaz, &mut Vec::new());
        assert!(idx.as_bytes() == INDEX, "build.rs and the runtime differ");
    }

    #[test]
    fn bounds_checks_alone_never_panic() {
        // What the CLI loads a compiled index with: any byte damaged (and
        // the checksum forged to match) is an error, or an index that
        // extracts without a panic, whatever the cross-references say.
        let mut g = Gazetteer::new();
        g.add_source(
            "t",
            "a\tLOC\tGeorgia\tSakartvelo|New York|NY|de Gaulle\tcountry=GE\n\
             b\tORG\tal-Qaeda\tAbcdefghijk Lm|U.S.|İzmir\tpriority=2\n",
            Format::Tsv,
        )
        .unwrap();
        let bytes = Index::build(&g, &mut Vec::new()).to_bytes();
        let text = "New York, NY: de Gaulle and AL-QAEDA in Georgia \
                    (Sakartvelo); abcdefghijk lm, the U.S. and İZMIR, izmir.";
        let mut scratch = Scratch::new();
        let mut loaded = 0;
        for i in 12..bytes.len() {
            for v in [0u8, 1, 0x7f, 0xff, bytes[i] ^ 0x08] {
                let mut b = bytes.clone();
                b[i] = v;
                restamp_checksum(&mut b);
                let Ok(index) =
                    Index::from_bytes_bounds_checked(IndexBytes::copied(&b))
                else {
                    continue;
                };
                loaded += 1;
                let ex = ExtractorBuilder::new().build_from_index(index);
                for m in ex.extract(text, &mut scratch) {
                    let e = ex.entity(m.entity);
                    let _ = (e.id, e.kind, e.name, &text[m.span.range()]);
                }
            }
        }
        // Most damage lands in bit tables and still loads.
        assert!(loaded > bytes.len(), "{loaded} of {}", bytes.len());
    }
}
