//! Batch processing: many inputs, JSONL corpora, compression, threads,
//! bad records in the middle of a corpus.

use std::io::Write;

use predicates::prelude::*;

use crate::util::{entx, json_lines, OkStdout};

fn write(
    dir: &std::path::Path,
    name: &str,
    data: &[u8],
) -> std::path::PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, data).unwrap();
    path
}

/// (id as JSON text, mention texts) of each output line.
fn summary(out: &[u8]) -> Vec<(String, Vec<String>)> {
    json_lines(out)
        .iter()
        .map(|d| {
            let texts = d["mentions"]
                .as_array()
                .map(|ms| {
                    ms.iter()
                        .map(|m| m["text"].as_str().unwrap().to_string())
                        .collect()
                })
                .unwrap_or_default();
            (d["id"].to_string(), texts)
        })
        .collect()
}

#[test]
fn files_directory_and_stdin_in_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"Iran");
    write(dir.path(), "news/2.txt", b"Iraq");
    write(dir.path(), "news/1.txt", b"Israel");
    write(dir.path(), "news/.hidden.txt", b"Syria");
    write(
        dir.path(),
        "news/sub/3.jsonl",
        b"{\"id\": 3, \"text\": \"Baghdad\"}\n",
    );
    let out = entx()
        .current_dir(dir.path())
        .args(["extract", "a.txt", "news", "-"])
        .write_stdin("Basra")
        .ok_stdout();
    // Directories are walked in sorted order, hidden files skipped; the
    // .jsonl file is read as JSONL.
    assert_eq!(
        summary(&out),
        [
            ("\"a.txt\"".to_string(), vec!["Iran".to_string()]),
            ("\"news/1.txt\"".to_string(), vec!["Israel".to_string()]),
            ("\"news/2.txt\"".to_string(), vec!["Iraq".to_string()]),
            ("3".to_string(), vec!["Baghdad".to_string()]),
            ("\"-\"".to_string(), vec!["Basra".to_string()]),
        ]
    );
}

#[test]
fn glob_filters_directories() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d/a.txt", b"Iran");
    write(dir.path(), "d/b.md", b"Iraq");
    let out = entx()
        .current_dir(dir.path())
        .args(["extract", "--glob", "*.txt", "d"])
        .ok_stdout();
    assert_eq!(
        summary(&out),
        [("\"d/a.txt\"".to_string(), vec!["Iran".to_string()])]
    );
}

#[test]
fn jsonl_nested_fields_numeric_ids_and_keep() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write(
        dir.path(),
        "c.jsonl",
        br#"{"meta": {"id": 17, "src": "afp"}, "title": "Iran", "article": {"body": "talks in Baghdad"}, "lang": "en"}
{"meta": {"id": "x-2"}, "title": "Iraq", "article": {"body": "none"}}
"#,
    );
    let out = entx()
        .args([
            "extract",
            "--id-field",
            "meta.id",
            "--text-field",
            "title",
            "--text-field",
            "article.body",
        ])
        .args(["--keep", "lang", "--keep", "meta.src"])
        .arg(&corpus)
        .ok_stdout();
    let text = String::from_utf8(out).unwrap();
    let first = text.lines().next().unwrap();
    // Field order: id, kept fields (absent ones left out), mentions.
    assert!(
        first.starts_with(
            r#"{"id":17,"lang":"en","meta.src":"afp","mentions":["#
        ),
        "{first}"
    );
    let docs = json_lines(text.as_bytes());
    // Joined text is "Iran\n\ntalks in Baghdad": Baghdad starts at 4+2+9 = 15.
    assert_eq!(docs[0]["mentions"][1]["text"], "Baghdad");
    assert_eq!(docs[0]["mentions"][1]["start"], 15);
    assert_eq!(docs[1]["id"], "x-2");
    assert!(docs[1].get("lang").is_none());
}

#[test]
fn missing_id_falls_back_to_path_and_line() {
    let out = entx()
        .args(["extract", "--input", "jsonl"])
        .write_stdin("\n{\"text\": \"Iran\"}\n")
        .ok_stdout();
    // The blank first line is not a record; the record is on line 2.
    assert_eq!(json_lines(&out)[0]["id"], "-:2");
}

#[test]
fn stdin_jsonl_is_detected() {
    let out = entx()
        .arg("extract")
        .write_stdin("{\"id\": 1, \"text\": \"Iran\"}\n{\"id\": 2, \"text\": \"Iraq\"}\n")
        .ok_stdout();
    assert_eq!(json_lines(&out).len(), 2);
}

fn corpus_lines(n: usize) -> String {
    let words = [
        "Iran",
        "said",
        "Iraq",
        "the",
        "U.S.",
        "and",
        "Baghdad",
        "Kata’ib Hezbollah",
        "Qāsem",
        "Soleimani’s",
    ];
    (0..n)
        .map(|i| {
            let text: Vec<&str> = (0..(i % 37) + 1)
                .map(|k| words[(i * 7 + k * 3) % words.len()])
                .collect();
            serde_json::json!({"id": i, "text": text.join(" ")}).to_string()
                + "\n"
        })
        .collect()
}

#[test]
fn gzip_and_zstd_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let plain = corpus_lines(200);
    let mut gz = flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::default(),
    );
    gz.write_all(plain.as_bytes()).unwrap();
    let gz_path = write(dir.path(), "c.jsonl.gz", &gz.finish().unwrap());
    let zst = zstd::encode_all(plain.as_bytes(), 3).unwrap();
    let zst_path = write(dir.path(), "c.jsonl.zst", &zst);
    let plain_path = write(dir.path(), "c.jsonl", plain.as_bytes());
    let run = |p: &std::path::Path| entx().arg("extract").arg(p).ok_stdout();
    let want = run(&plain_path);
    assert_eq!(json_lines(&want).len(), 200);
    assert_eq!(run(&gz_path), want);
    assert_eq!(run(&zst_path), want);
    // Compressed stdin is recognised by its magic bytes.
    let out = entx()
        .args(["extract", "--input", "jsonl"])
        .write_stdin(zstd::encode_all(plain.as_bytes(), 3).unwrap())
        .ok_stdout();
    assert_eq!(out, want);
}

#[test]
fn threads_give_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // Several MiB so the corpus spans many chunks.
    let path = write(dir.path(), "c.jsonl", corpus_lines(25_000).as_bytes());
    let run = |t: &str| {
        entx().args(["extract", "--threads", t]).arg(&path).ok_stdout()
    };
    let one = run("1");
    assert_eq!(json_lines(&one).len(), 25_000);
    assert!(
        std::fs::metadata(&path).unwrap().len() > 3 << 20,
        "spans several 1 MiB chunks"
    );
    assert_eq!(run("2"), one);
    assert_eq!(run("4"), one);
}

#[test]
fn broken_lines_are_reported_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut corpus = String::new();
    corpus.push_str("{\"id\": 1, \"text\": \"Iran\"}\n");
    corpus.push_str("{\"id\": 2, \"text\": \"Iraq\"\n"); // truncated
    corpus.push_str("{\"id\": 3, \"text\": 42}\n"); // text is a number
    corpus.push_str("{\"id\": 4, \"body\": \"Israel\"}\n"); // no text field
    let bytes = [
        corpus.as_bytes(),
        b"{\"id\": 5, \"text\": \"caf\xe9\"}\n",
        b"{\"id\": 6, \"text\": \"Basra\"}\n",
    ]
    .concat();
    let path = write(dir.path(), "c.jsonl", &bytes);
    let assert = entx().arg("extract").arg(&path).assert().code(2);
    let out = assert.get_output();
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.len(), 6, "one output line per record");
    assert_eq!(docs[0]["mentions"][0]["text"], "Iran");
    assert_eq!(docs[1]["line"], 2);
    assert!(docs[1]["error"].as_str().unwrap().starts_with("invalid JSON: "));
    assert_eq!(docs[2]["id"], 3);
    assert_eq!(
        docs[2]["error"],
        "text field \"text\" is a number, expected a string"
    );
    assert_eq!(docs[3]["id"], 4);
    assert_eq!(docs[3]["error"], "missing text field \"text\"; use --text-field to choose another field");
    // `{"id": 5, "text": "caf` is 22 bytes, so the stray \xe9 is byte 22.
    assert_eq!(docs[4]["error"], "invalid UTF-8 at byte 22 of the line");
    assert_eq!(docs[4]["line"], 5);
    assert_eq!(docs[5]["mentions"][0]["text"], "Basra");
    let err = String::from_utf8_lossy(&out.stderr);
    let name = path.display().to_string();
    for line in [2, 3, 4, 5] {
        assert!(err.contains(&format!("entx: {name}:{line}: ")), "{err}");
    }
}

#[test]
fn fail_fast_stops_at_the_first_error() {
    let out = entx()
        .args(["extract", "--input", "jsonl", "--fail-fast"])
        .write_stdin("{\"text\": \"Iran\"}\nnot json\n{\"text\": \"Iraq\"}\n")
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 2);
    assert!(docs[1]["error"].is_string());
}

#[test]
fn empty_inputs() {
    // An empty JSONL corpus has no records: no output, success.
    entx()
        .args(["extract", "--input", "jsonl"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
    // An empty text article is one document with no mentions.
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "empty.txt", b"");
    let out = entx().arg("extract").arg(&p).ok_stdout();
    assert_eq!(json_lines(&out)[0]["mentions"], serde_json::json!([]));
}

#[test]
fn fifty_megabyte_single_line_article() {
    let dir = tempfile::tempdir().unwrap();
    // "Iran " + 50 MB of filler with no alias + " Iraq": two mentions, the
    // second at a code-point offset far past 2^24.
    let filler = "lorem ipsum dolor sit amet ".repeat(50 * 1024 * 1024 / 27);
    let text = format!("Iran {filler} Iraq");
    let line = serde_json::json!({"id": "big", "text": text}).to_string();
    let path = write(dir.path(), "big.jsonl", line.as_bytes());
    let out =
        entx().args(["extract", "--stats"]).arg(&path).assert().success();
    let docs = json_lines(&out.get_output().stdout);
    assert_eq!(docs.len(), 1);
    let ms = docs[0]["mentions"].as_array().unwrap();
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[0]["start"], 0);
    let iraq = 5 + filler.len() + 1;
    assert_eq!(ms[1]["start"].as_u64().unwrap() as usize, iraq);
    assert_eq!(ms[1]["byte_end"].as_u64().unwrap() as usize, iraq + 4);
    out.stderr(predicate::str::contains(
        "entx: stats: 1 documents, 0 errors, 2 mentions",
    ));
}

#[test]
fn zero_threads_is_a_usage_error() {
    entx()
        .args(["extract", "--threads", "0"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--threads must be at least 1"));
}
