//! Directory walking shared by every command: a symbolic link back up the
//! tree (`sub/up -> ..`) is reported once and every file read once.

#![cfg(unix)]

use std::path::Path;

use predicates::prelude::*;

use crate::util::{entx, fixture};

/// `dir/a.txt`, `dir/sub/b.txt` and the loop `dir/sub/up -> ..`.
fn looped(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for (rel, text) in files {
        std::fs::write(dir.path().join(rel), text).unwrap();
    }
    std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
    dir
}

/// The one warning a loop gets.
fn loop_warning(dir: &Path) -> String {
    format!(
        "entx: warning: {}/sub/up: symbolic link loop (points back to {}); \
         not followed\n",
        dir.display(),
        dir.display()
    )
}

#[test]
fn extract_reads_each_article_once_and_warns_once() {
    let dir = looped(&[("a.txt", "Gdańsk"), ("sub/b.txt", "Danzig")]);
    let out = entx()
        .args(["extract", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/small.tsv"))
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(loop_warning(dir.path()));
    let docs = crate::util::json_lines(&out.get_output().stdout);
    let ids: Vec<String> =
        docs.iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
    let d = dir.path().display();
    assert_eq!(ids, [format!("{d}/a.txt"), format!("{d}/sub/b.txt")]);
}

#[test]
fn check_runs_each_fixture_once() {
    let dir = looped(&[("a.txt", "Gdańsk")]);
    let check = || {
        let mut cmd = entx();
        cmd.current_dir(dir.path())
            .args(["check", "--no-builtin", "-g"])
            .arg(fixture("gazetteers/small.tsv"));
        cmd
    };
    check().arg("--bless").arg(dir.path()).assert().code(0);
    check()
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(loop_warning(dir.path()))
        .stdout(predicate::str::ends_with("\n1 passed, 0 failed\n"));
}

#[test]
fn gazetteer_directory_is_loaded_once() {
    // Loaded twice, small.tsv would merge with itself and warn about
    // duplicate ids; loaded once, the loop warning is all there is.
    let small =
        std::fs::read_to_string(fixture("gazetteers/small.tsv")).unwrap();
    let dir = looped(&[("sub/small.tsv", &small)]);
    let out = entx()
        .args(["extract", "--no-builtin", "-g"])
        .arg(dir.path())
        .write_stdin("Danzig")
        .assert()
        .code(0)
        .stderr(loop_warning(dir.path()));
    let docs = crate::util::json_lines(&out.get_output().stdout);
    assert_eq!(docs[0]["mentions"][0]["entity"], "gdansk");
}

#[test]
fn gazetteer_directory_skips_hidden_files_and_quiet_hides_the_warning() {
    // A hidden file (an editor's backup, say) in a gazetteer folder is not
    // loaded, as in article folders: were it, "Danzig" would be found.
    let small =
        std::fs::read_to_string(fixture("gazetteers/small.tsv")).unwrap();
    let dir = looped(&[
        ("sub/small.tsv", "anna\tPERSON\tAnna\t\n"),
        ("sub/.small.tsv", &small),
    ]);
    let out = entx()
        .args(["extract", "--quiet", "--no-builtin", "-g"])
        .arg(dir.path())
        .write_stdin("Danzig and Anna")
        .assert()
        .code(0)
        .stderr("");
    let docs = crate::util::json_lines(&out.get_output().stdout);
    let mentions = docs[0]["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 1);
    assert_eq!(mentions[0]["entity"], "anna");
}
