//! The one directory walker behind everything that takes a folder
//! (`extract DIR`, `check DIR`, `-g DIR`, `gazetteer lint DIR`, and the
//! library's gazetteer loading), so that
//! they agree on order, hidden entries and symbolic links, and a link back
//! up the tree is followed once, not until the path is too long.
//!
//! Rules, the same for every command:
//!
//! * Entries come depth first, each directory's entries sorted by file
//!   name (byte order), a subdirectory walked where its name sorts: the
//!   order `sort()` on the paths of one directory gave before, so outputs
//!   stay byte-identical.
//! * Names starting with `.` are skipped below the root (the root itself
//!   may be `.`). `.gitignore` and `.ignore` files mean nothing here: a
//!   folder of articles is data, not a source tree.
//! * Symbolic links are followed. A link to one of its own ancestors
//!   (`sub/up -> ..`) is a loop: it is reported once, as a warning, and not
//!   entered, so no file is read twice through it.
//! * Only regular files are yielded: a FIFO, socket or device in a walked
//!   directory would block or make no sense as an input.

use std::path::{Path, PathBuf};

/// A path that could not be walked (an unreadable directory, a dangling
/// symbolic link), with the reason.
#[derive(Debug)]
pub struct WalkError {
    /// The path.
    pub path: PathBuf,
    /// Why it could not be walked.
    pub err: std::io::Error,
}

impl std::fmt::Display for WalkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.err)
    }
}

/// The regular files under `dir`, in walk order, with an error in place of
/// each entry that could not be read. A symbolic-link loop is passed to
/// `warn` as a message naming the link and the ancestor it points back to.
pub fn files(
    dir: &Path,
    warn: &mut dyn FnMut(String),
) -> Vec<Result<PathBuf, WalkError>> {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    let mut out = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => out.push(Ok(e.into_path())),
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                if let Some(ancestor) = err.loop_ancestor() {
                    warn(format!(
                        "{}: symbolic link loop (points back to {}); not \
                         followed",
                        path.display(),
                        ancestor.display()
                    ));
                    continue;
                }
                let err = err.into_io_error().unwrap_or_else(|| {
                    std::io::Error::other("cannot walk this path")
                });
                out.push(Err(WalkError { path, err }));
            }
        }
    }
    out
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path, found: &[Result<PathBuf, WalkError>]) -> Vec<String> {
        found
            .iter()
            .map(|r| match r {
                Ok(p) => p.strip_prefix(dir).unwrap().display().to_string(),
                Err(e) => {
                    let rel = e.path.strip_prefix(dir).unwrap();
                    format!("error {}", rel.display())
                }
            })
            .collect()
    }

    #[test]
    fn sorted_depth_first_hidden_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        for rel in ["b.txt", "a/z.txt", "a/b.txt", "a.txt", ".h/x.txt", ".y"] {
            let p = d.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let mut warnings = Vec::new();
        // "a" sorts before "a.txt" (byte order), and its files come there.
        assert_eq!(
            names(d, &files(d, &mut |w| warnings.push(w))),
            ["a/b.txt", "a/z.txt", "a.txt", "b.txt"]
        );
        assert!(warnings.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn loops_are_entered_once_and_dangling_links_are_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("a.txt"), "x").unwrap();
        std::fs::write(d.join("sub/b.txt"), "x").unwrap();
        std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
        std::os::unix::fs::symlink("nowhere", d.join("sub/x.txt")).unwrap();
        let mut warnings = Vec::new();
        assert_eq!(
            names(d, &files(d, &mut |w| warnings.push(w))),
            ["a.txt", "sub/b.txt", "error sub/x.txt"]
        );
        // The loop is one warning, not an error.
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("symbolic link loop"), "{warnings:?}");
    }
}
