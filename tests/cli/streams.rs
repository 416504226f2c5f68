//! What a user relies on when entx reads a stream: a record from a quiet
//! pipe comes out at once, an over-long record costs neither memory nor
//! its neighbours, each bad line is one error record with a `PATH:LINE`
//! id, and a stderr that cannot be written never crashes entx.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

use crate::util::{entx, json_lines};

const ENTX: &str = env!("CARGO_BIN_EXE_entx");

/// Plenty for one record on a loaded machine; without the flush on a quiet
/// pipe the line never comes (the test then fails here, not by hanging).
const PATIENCE: Duration = Duration::from_secs(20);

fn mention_texts(doc: &Value) -> Vec<&str> {
    doc["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect()
}

/// `tail -f feed.jsonl | entx extract`: each record's line comes out while
/// stdin stays open, even with the start of the next record pending.
#[test]
fn records_from_a_quiet_pipe_come_out_while_it_stays_open() {
    let mut child = Command::new(ENTX)
        .args(["extract", "--no-rules"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    let next = || -> Value {
        let line =
            rx.recv_timeout(PATIENCE).expect("a line while stdin is open");
        serde_json::from_str(&line).unwrap()
    };

    stdin.write_all(b"{\"id\":1,\"text\":\"Iraq\"}\n").unwrap();
    stdin.flush().unwrap();
    let doc = next();
    assert_eq!(
        (doc["id"].clone(), mention_texts(&doc)),
        (1.into(), vec!["Iraq"])
    );

    // A whole record and the start of another in one write.
    stdin.write_all(b"{\"id\":2,\"text\":\"Iran\"}\n{\"id\":3,\"te").unwrap();
    stdin.flush().unwrap();
    let doc = next();
    assert_eq!(
        (doc["id"].clone(), mention_texts(&doc)),
        (2.into(), vec!["Iran"])
    );

    stdin.write_all(b"xt\":\"Basra\"}\n").unwrap();
    stdin.flush().unwrap();
    let doc = next();
    assert_eq!(
        (doc["id"].clone(), mention_texts(&doc)),
        (3.into(), vec!["Basra"])
    );

    drop(stdin);
    assert!(rx.recv_timeout(PATIENCE).is_err(), "nothing more");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// A line longer than --max-record-bytes becomes an error record in its
/// place, naming the limit and its size; the records around it are whole.
#[test]
fn an_over_long_record_is_an_error_in_place() {
    let dir = tempfile::tempdir().unwrap();
    // Line 2: `{"id":2,"text":"` (16) + 5,000 × "Iraq " (25,000) + `"}`
    // (2) = 25,018 bytes without its newline.
    let long = format!("{{\"id\":2,\"text\":\"{}\"}}", "Iraq ".repeat(5000));
    assert_eq!(long.len(), 25_018);
    let jsonl = format!(
        "{{\"id\":1,\"text\":\"Iran\"}}\n{long}\n{{\"id\":3,\"text\":\"Iraq\"}}\n"
    );
    std::fs::write(dir.path().join("c.jsonl"), jsonl).unwrap();
    let out = entx()
        .current_dir(dir.path())
        .args([
            "extract",
            "--no-rules",
            "--max-record-bytes",
            "1000",
            "c.jsonl",
        ])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let docs = json_lines(&out.stdout);
    let msg = "record is 25018 bytes, over --max-record-bytes 1000";
    assert_eq!(docs.len(), 3);
    assert_eq!(mention_texts(&docs[0]), ["Iran"]);
    assert_eq!(
        docs[1],
        serde_json::json!({"id": "c.jsonl:2", "error": msg, "line": 2})
    );
    assert_eq!(docs[2]["id"], 3);
    assert_eq!(mention_texts(&docs[2]), ["Iraq"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("entx: c.jsonl:2: {msg}\n")
    );

    // The same record read whole under a larger limit (1K = 1024 bytes is
    // still too small; 25018 is exactly enough).
    for (limit, ok) in [("1K", false), ("25018", true), ("1M", true)] {
        let out = entx()
            .current_dir(dir.path())
            .args([
                "extract",
                "--no-rules",
                "--max-record-bytes",
                limit,
                "c.jsonl",
            ])
            .output()
            .unwrap();
        let docs = json_lines(&out.stdout);
        assert_eq!(docs[1].get("error").is_none(), ok, "{limit}");
        assert_eq!(out.status.code(), Some(if ok { 0 } else { 2 }), "{limit}");
    }
}

/// A text article over the limit is one error record; the next input is
/// read as usual.
#[test]
fn an_over_long_text_article_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.txt"), "Iraq ".repeat(300)).unwrap();
    std::fs::write(dir.path().join("small.txt"), "Iran").unwrap();
    let out = entx()
        .current_dir(dir.path())
        .args([
            "extract",
            "--max-record-bytes",
            "1000",
            "big.txt",
            "small.txt",
        ])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let docs = json_lines(&out.stdout);
    assert_eq!(
        docs[0],
        serde_json::json!({
            "id": "big.txt",
            "error": "record is 1500 bytes, over --max-record-bytes 1000"
        })
    );
    assert_eq!(mention_texts(&docs[1]), ["Iran"]);
}

/// `--max-record-bytes` takes a size and refuses nonsense.
#[test]
fn max_record_bytes_values() {
    for bad in ["0", "-1", "abc", "4G", "1T", "18446744073709551615K"] {
        entx()
            .args(["extract", "--max-record-bytes", bad, "-"])
            .write_stdin("Iraq")
            .assert()
            .code(2);
    }
}

/// 1 GB on one line through a pipe, under a 768 MiB address-space limit:
/// the line is counted, not held, and the records around it come out.
#[test]
#[cfg(target_os = "linux")]
fn an_endless_line_stays_within_a_memory_limit() {
    let script = r#"ulimit -v 786432 && {
        printf '{"id":1,"text":"Iran"}\n'
        head -c 1000000000 /dev/zero
        printf '\n{"id":3,"text":"Iraq"}\n'
    } | "$0" extract --no-rules --max-record-bytes 1M"#;
    let out = assert_cmd::Command::new("sh")
        .args(["-c", script, ENTX])
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let docs = json_lines(&out.stdout);
    let msg = "record is 1000000000 bytes, over --max-record-bytes 1048576";
    assert_eq!(docs.len(), 3, "{stderr}");
    assert_eq!(mention_texts(&docs[0]), ["Iran"]);
    assert_eq!(
        docs[1],
        serde_json::json!({"id": "-:2", "error": msg, "line": 2})
    );
    assert_eq!(mention_texts(&docs[2]), ["Iraq"]);
    assert_eq!(stderr, format!("entx: -:2: {msg}\n"));
}

/// With several text fields, a missing or null one is left out; only a
/// record with none of them is an error.
#[test]
fn missing_and_null_text_fields_count_as_absent() {
    let jsonl = concat!(
        "{\"id\":1,\"title\":\"Iraq\",\"body\":null}\n",
        "{\"id\":2,\"body\":\"Iran\"}\n",
        "{\"id\":3,\"title\":null}\n",
        "{\"id\":4,\"title\":\"Iraq\",\"body\":\"Iran\"}\n",
    );
    let out = entx()
        .args(["extract", "--no-rules", "--text-field", "title"])
        .args(["--text-field", "body", "--input", "jsonl", "-"])
        .write_stdin(jsonl)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.len(), 4);
    assert_eq!(mention_texts(&docs[0]), ["Iraq"]);
    assert_eq!(mention_texts(&docs[1]), ["Iran"]);
    // Alone, "Iran" starts at 0: the missing title left no separator.
    assert_eq!(docs[1]["mentions"][0]["start"], 0);
    assert_eq!(docs[2]["id"], 3);
    assert_eq!(
        docs[2]["error"],
        "none of the text fields \"title\", \"body\" is present (each is \
         missing or null); use --text-field to choose other fields"
    );
    // "Iraq" (0..4), "\n\n" (4..6), "Iran" (6..10).
    assert_eq!(docs[3]["mentions"][1]["start"], 6);
}

/// A line that is not JSON, or not UTF-8, has no id to copy: its error
/// record's id is PATH:LINE.
#[test]
fn unreadable_lines_get_path_line_ids() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: &[u8] =
        b"{\"id\":1,\"text\":\"Iraq\"}\n{\"text\":\"caf\xe9\"}\n{\"id\":\n";
    std::fs::write(dir.path().join("c.jsonl"), bytes).unwrap();
    let out = entx()
        .current_dir(dir.path())
        .args(["extract", "c.jsonl"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[1]["id"], "c.jsonl:2");
    assert_eq!(docs[2]["id"], "c.jsonl:3");
}

/// A stderr that fails every write (`2>/dev/full`): no panic, and the
/// exit status still says what happened.
#[test]
#[cfg(target_os = "linux")]
fn a_failing_stderr_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Iraq").unwrap();
    std::fs::write(dir.path().join("bad.jsonl"), "{\"id\":1,\"text\":5}\n")
        .unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"caf\xe9 Iraq").unwrap();
    let cases: &[(&str, i32)] = &[
        // a summary, a per-record error, a fatal error, a warning
        ("extract --stats a.txt", 0),
        ("extract bad.jsonl", 2),
        ("extract -g missing.tsv a.txt", 2),
        ("extract latin1.txt", 0),
    ];
    for &(args, code) in cases {
        for redirect in ["2>/dev/full", "2>&-"] {
            let script = format!("exec \"$0\" {args} {redirect}");
            let out = Command::new("sh")
                .args(["-c", &script, ENTX])
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(code), "{args} {redirect}");
        }
    }
}
