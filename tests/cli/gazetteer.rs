//! `entx gazetteer`: build/load an index, stats, lint, export.

use assert_cmd::assert::Assert;
use predicates::prelude::*;

use crate::util::{entx, fixture, json_lines, mentions, OkStdout};

#[test]
fn built_index_gives_the_same_output_as_the_sources() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("small.idx");
    entx()
        .args(["gazetteer", "build", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/small.tsv"))
        .arg("-o")
        .arg(&idx)
        .assert()
        .success()
        .stderr(predicate::str::contains("entities"));
    let text = "Anna Kowalska flew from Gdańsk to Atlanta, Georgia";
    let from_tsv = entx()
        .args(["extract", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/small.tsv"))
        .write_stdin(text)
        .ok_stdout();
    let from_idx =
        entx().args(["extract", "-g"]).arg(&idx).write_stdin(text).ok_stdout();
    assert_eq!(from_idx, from_tsv);
    assert_eq!(mentions(&json_lines(&from_idx)[0]).len(), 3);
}

/// `entx extract` with an index of `small.tsv` after `damage` was done to
/// its bytes: the failure it must report, with exit status 2.
fn extract_with_damaged_index(damage: impl FnOnce(&mut Vec<u8>)) -> Assert {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("x.idx");
    entx()
        .args(["gazetteer", "build", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/small.tsv"))
        .arg("-o")
        .arg(&idx)
        .assert()
        .success();
    let mut bytes = std::fs::read(&idx).unwrap();
    damage(&mut bytes);
    std::fs::write(&idx, &bytes).unwrap();
    entx()
        .args(["extract", "-g"])
        .arg(&idx)
        .write_stdin("x")
        .assert()
        .code(2)
        .stdout("")
}

#[test]
fn damaged_index_is_an_error() {
    extract_with_damaged_index(|b| b.truncate(b.len() / 2))
        .stderr(predicate::str::contains("x.idx: index: truncated"));
}

#[test]
fn a_damaged_byte_fails_the_index_checksum() {
    // Inside the strings, the first section: every offset stays valid.
    extract_with_damaged_index(|b| b[40] ^= 0x01).stderr(
        predicate::str::contains(
            "x.idx: index: checksum mismatch (the file is damaged; rebuild \
             it with `entx gazetteer build`)",
        ),
    );
}

#[test]
fn rebuilding_an_index_replaces_the_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("x.idx");
    let build = |tsv: &str| {
        let src = dir.path().join("src.tsv");
        std::fs::write(&src, tsv).unwrap();
        entx()
            .args(["gazetteer", "build", "--no-builtin", "-g"])
            .arg(&src)
            .arg("-o")
            .arg(&idx)
            .assert()
            .success();
    };
    let found = |text: &str| {
        let out = entx()
            .args(["extract", "--no-rules", "-g"])
            .arg(&idx)
            .write_stdin(text.to_string())
            .ok_stdout();
        mentions(&json_lines(&out)[0])
            .into_iter()
            .map(|(_, entity, _)| entity)
            .collect::<Vec<_>>()
    };
    build("q1\tLOC\tAtlantis\t\n");
    // An open handle on the old file, as a running entx has its map.
    let old = std::fs::read(&idx).unwrap();
    let held = std::fs::File::open(&idx).unwrap();
    build("q2\tLOC\tLemuria\t\n");
    assert_eq!(found("Atlantis and Lemuria"), ["q2"]);
    // The old inode was replaced, not rewritten: the handle still reads
    // the old index.
    let mut still = Vec::new();
    std::io::Read::read_to_end(&mut &held, &mut still).unwrap();
    assert_eq!(still, old);
    // No temporary file is left, and the index has the permissions of
    // any file written in that directory (not a temporary file's 0600).
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"").unwrap();
        let mode = |p: &std::path::Path| {
            std::fs::metadata(p).unwrap().permissions().mode() & 0o777
        };
        assert_eq!(mode(&idx), mode(&plain));
    }
}

#[test]
fn index_cannot_be_mixed_with_sources() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("x.idx");
    entx()
        .args(["gazetteer", "build", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/small.tsv"))
        .arg("-o")
        .arg(&idx)
        .assert()
        .success();
    entx()
        .args(["extract", "-g"])
        .arg(&idx)
        .arg("-g")
        .arg(fixture("gazetteers/small.tsv"))
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a compiled index cannot be merged"));
}

#[test]
fn stats_json_shape_and_builtin_coverage() {
    let out =
        entx().args(["gazetteer", "stats", "--format", "json"]).ok_stdout();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let n = |k: &str| v["by_type"][k].as_u64().unwrap();
    assert!(
        n("LOC") >= 30_000
            && n("PERSON") >= 1_500
            && n("ORG") >= 2_000
            && n("NORP") >= 200,
        "{v}"
    );
    assert!(v["entities"].as_u64().unwrap() >= 35_000);
    assert!(v["aliases"].as_u64().unwrap() > v["entities"].as_u64().unwrap());
}

#[test]
fn stats_counts_a_small_gazetteer() {
    let out = entx()
        .args(["gazetteer", "stats", "--format", "json", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/small.tsv"))
        .ok_stdout();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    // small.tsv: 4 entities; aliases = names + Kowalska, Danzig, Sakartvelo.
    assert_eq!(v["entities"], 4);
    assert_eq!(v["aliases"], 7);
    assert_eq!(
        v["by_type"],
        serde_json::json!({"CITY": 1, "LOC": 2, "PERSON": 1})
    );
}

#[test]
fn lint_builtin_is_clean_of_errors() {
    entx()
        .args(["gazetteer", "lint", "--errors-only"])
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 errors"));
}

#[test]
fn lint_reports_errors_with_path_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.tsv");
    std::fs::write(
        &g,
        "a\tLOC\tAlpha\tAl||x\na\tORG\tAgain\t\nshell\tORG\tShell\t\n",
    )
    .unwrap();
    let out = entx()
        .args(["gazetteer", "lint"])
        .arg(&g)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let name = g.display().to_string();
    assert!(
        out.contains(&format!("{name}:1: error: alias 2 is empty")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{name}:2: error: duplicate id \"a\"")),
        "{out}"
    );
    // Warnings: "Al" and "x" are short with lower case and no case rule;
    // "Alpha", "Again" and "Shell" are common English words ("Alpha" is a
    // place, but in a user's gazetteer, which is matched as listed: the
    // common-word rule guards only the built-in one).
    assert!(
        out.contains(&format!(
            "{name}:1: warning: alias \"Al\" of \"a\" has at most two letters"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("{name}:1: warning: alias \"x\" of \"a\"")),
        "{out}"
    );
    assert!(out.contains(&format!("{name}:2: warning: alias \"Again\" of \"a\" is a common English word")), "{out}");
    assert!(
        out.contains(&format!("{name}:3: warning: alias \"Shell\"")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{name}:1: warning: alias \"Alpha\" of \"a\" is a common English word")),
        "{out}"
    );
    assert!(out.ends_with("1 sources: 2 errors, 5 warnings\n"), "{out}");
}

#[test]
fn export_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let out = entx()
        .args(["gazetteer", "export", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/small.tsv"))
        .ok_stdout();
    let tsv = String::from_utf8(out).unwrap();
    assert!(
        tsv.contains(
            "georgia-country\tLOC\tGeorgia\tSakartvelo\tpriority=2\n"
        ),
        "{tsv}"
    );
    let path = dir.path().join("e.tsv");
    std::fs::write(&path, &tsv).unwrap();
    let text = "Kowalska in Gdańsk";
    let a = entx()
        .args(["extract", "--no-builtin", "-g"])
        .arg(&path)
        .write_stdin(text)
        .assert()
        .success();
    let b = entx()
        .args(["extract", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/small.tsv"))
        .write_stdin(text)
        .assert()
        .success();
    assert_eq!(a.get_output().stdout, b.get_output().stdout);
}
