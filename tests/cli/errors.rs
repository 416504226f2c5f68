use predicates::prelude::*;

use crate::util::{entx, fixture, json_lines};

#[test]
fn malformed_gazetteer_names_path_and_line() {
    entx()
        .args(["extract", "-g"])
        .arg(fixture("bad-gazetteers/too-few-columns.tsv"))
        .write_stdin("x")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "too-few-columns.tsv:3: expected at least 3 tab-separated \
             columns (id, type, name), found 2",
        ));
}

#[test]
fn missing_gazetteer_is_an_error() {
    entx()
        .args(["extract", "-g", "no/such/gazetteer.tsv"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("entx: no/such/gazetteer.tsv: "));
}

#[test]
fn unreadable_file_others_still_processed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Iraq").unwrap();
    let assert = entx()
        .current_dir(dir.path())
        .args(["extract", "missing.txt", "ok.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("entx: missing.txt: "));
    let docs = json_lines(&assert.get_output().stdout);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], "missing.txt");
    // The record says what went wrong; the id says where.
    let error = docs[0]["error"].as_str().unwrap();
    assert!(error.starts_with("No such file or directory"), "{error}");
    assert!(docs[0].get("line").is_none());
    assert_eq!(docs[1]["mentions"][0]["text"], "Iraq");
}

#[test]
fn two_stdins_rejected() {
    entx()
        .args(["extract", "-", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "stdin (`-`) may be given only once",
        ));
}

#[test]
fn usage_error_exits_2() {
    entx().args(["extract", "--no-such-flag"]).assert().code(2);
    entx().args(["extract", "--case", "loud"]).assert().code(2);
}

#[cfg(unix)]
#[test]
fn closed_stdout_exits_0_silently() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "Iran and Iraq. ".repeat(20_000)).unwrap();
    let mut paths = Vec::new();
    for _ in 0..50 {
        paths.push(big.clone());
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_entx"))
        .arg("extract")
        .args(&paths)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
