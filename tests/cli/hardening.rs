//! Adversarial inputs (issue 6): whatever a corpus or a gazetteer throws at
//! entx, it must end (every run here has a timeout), never panic (exit 101),
//! never drop a record silently, and say what happened in the documented
//! shapes: `entx: PATH:LINE: what` / `entx: PATH: what` on stderr and
//! `{"id", "error", "line"}` records on stdout.
//!
//! Most tests use their own small gazetteer (`--no-builtin -g`), so they do
//! not depend on what the built-in one contains. Offsets are worked out by
//! hand in the comments.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use tempfile::TempDir;

use crate::util::{entx, json_lines};

/// Entities used by most tests.
const GAZ: &str = "\
iraq\tLOC\tIraq
iran\tLOC\tIran
baghdad\tLOC\tBaghdad
abu-dhabi\tLOC\tAbu Dhabi
";

/// A temporary directory holding `g.tsv` (the [`GAZ`] entities).
fn setup() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("g.tsv"), GAZ).unwrap();
    dir
}

/// `entx extract --no-builtin -g g.tsv`, run in `dir`, with a timeout so a
/// hang fails the test instead of the whole run.
fn extract(dir: &Path) -> assert_cmd::Command {
    let mut cmd = entx();
    cmd.current_dir(dir).timeout(Duration::from_secs(60)).args([
        "extract",
        "--no-builtin",
        "-g",
        "g.tsv",
    ]);
    cmd
}

/// `entx extract --no-builtin` with a gazetteer path, for gazetteer tests.
fn with_gazetteer(dir: &Path, gaz: &str) -> assert_cmd::Command {
    let mut cmd = entx();
    cmd.current_dir(dir).timeout(Duration::from_secs(60)).args([
        "extract",
        "--no-builtin",
        "-g",
        gaz,
    ]);
    cmd
}

/// The outcome of a run, checked for the things that must never happen.
struct Run {
    code: i32,
    docs: Vec<Value>,
    stderr: String,
}

fn run(cmd: &mut assert_cmd::Command) -> Run {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let code = out.status.code().expect("exited, not killed (timeout?)");
    assert_ne!(code, 101, "panicked: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for line in stderr.lines() {
        assert!(line.starts_with("entx: "), "stderr shape: {line:?}");
    }
    Run { code, docs: json_lines(&out.stdout), stderr }
}

/// `(text, start, end, byte_start, byte_end)` of each mention.
fn spans(doc: &Value) -> Vec<(String, u64, u64, u64, u64)> {
    doc["mentions"]
        .as_array()
        .unwrap_or_else(|| panic!("not a document: {doc}"))
        .iter()
        .map(|m| {
            let n = |k: &str| m[k].as_u64().unwrap();
            (
                m["text"].as_str().unwrap().to_string(),
                n("start"),
                n("end"),
                n("byte_start"),
                n("byte_end"),
            )
        })
        .collect()
}

fn m(
    text: &str,
    s: u64,
    e: u64,
    bs: u64,
    be: u64,
) -> (String, u64, u64, u64, u64) {
    (text.to_string(), s, e, bs, be)
}

fn texts(doc: &Value) -> Vec<String> {
    spans(doc).into_iter().map(|s| s.0).collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

// ---------------------------------------------------------------------------
// Encodings

#[test]
fn windows_1252_text_file_is_read_with_replacement_and_a_warning() {
    let dir = setup();
    // "Café “Iraq” Iran" in Windows-1252: é = E9, “ = 93, ” = 94, none of
    // them valid UTF-8 on its own. Each becomes U+FFFD (1 code point, 3
    // bytes): "Caf\u{FFFD} \u{FFFD}Iraq\u{FFFD} Iran".
    write(dir.path(), "cp1252.txt", b"Caf\xe9 \x93Iraq\x94 Iran");
    let r = run(extract(dir.path()).arg("cp1252.txt"));
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stderr,
        "entx: warning: cp1252.txt: invalid UTF-8 at byte 3; invalid bytes \
         were replaced by U+FFFD and offsets refer to the replaced text\n"
    );
    assert_eq!(r.docs.len(), 1);
    // Code points: C a f � ␠ � = 0..6, Iraq 6..10, � 10, ␠ 11, Iran 12..16.
    // Bytes: Caf 0..3, � 3..6, ␠ 6, � 7..10, Iraq 10..14, � 14..17, ␠ 17,
    // Iran 18..22.
    assert_eq!(
        spans(&r.docs[0]),
        [m("Iraq", 6, 10, 10, 14), m("Iran", 12, 16, 18, 22)]
    );
}

#[test]
fn invalid_utf8_jsonl_line_is_an_error_record_in_place() {
    let dir = setup();
    write(
        dir.path(),
        "bad.jsonl",
        b"{\"id\":1,\"text\":\"Caf\xe9 Iraq\"}\n{\"id\":2,\"text\":\"Iran\"}\n",
    );
    let r = run(extract(dir.path()).arg("bad.jsonl"));
    assert_eq!(r.code, 2);
    // `{"id":1,"text":"Caf` is 19 bytes.
    assert_eq!(
        r.stderr,
        "entx: bad.jsonl:1: invalid UTF-8 at byte 19 of the line\n"
    );
    assert_eq!(r.docs.len(), 2);
    assert_eq!(
        r.docs[0],
        serde_json::json!({
            "id": "bad.jsonl:1",
            "error": "invalid UTF-8 at byte 19 of the line",
            "line": 1
        })
    );
    assert_eq!(r.docs[1]["id"], 2);
    assert_eq!(texts(&r.docs[1]), ["Iran"]);
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

#[test]
fn utf16_with_bom_is_decoded_with_a_warning() {
    let dir = setup();
    // 😀 is a surrogate pair in UTF-16, one code point and 4 bytes after
    // decoding: 😀 0, ␠ 1, Iraq 2..6 (bytes 5..9), ␠ 6, İ 7 (2 bytes:
    // 10..12), ␠ 8, Iran 9..13 (bytes 13..17).
    let text = "😀 Iraq İ Iran";
    write(dir.path(), "le.txt", utf16(text, true));
    write(dir.path(), "be.txt", utf16(text, false));
    for (name, label) in [("le.txt", "UTF-16LE"), ("be.txt", "UTF-16BE")] {
        let r = run(extract(dir.path()).arg(name));
        assert_eq!(r.code, 0, "{name}");
        assert_eq!(
            r.stderr,
            format!(
                "entx: warning: {name}: {label} text (byte order mark) was \
                 decoded; offsets refer to the decoded text\n"
            )
        );
        assert_eq!(
            spans(&r.docs[0]),
            [m("Iraq", 2, 6, 5, 9), m("Iran", 9, 13, 13, 17)],
            "{name}"
        );
    }
}

#[test]
fn utf16_with_odd_length_ends_in_a_replacement_char() {
    let dir = setup();
    let mut bytes = utf16("Iraq", true);
    bytes.push(b'x'); // half a code unit
    write(dir.path(), "odd.txt", bytes);
    let r = run(extract(dir.path()).arg("odd.txt"));
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("UTF-16LE"), "{}", r.stderr);
    // "Iraq\u{FFFD}": the replacement char is a word boundary.
    assert_eq!(spans(&r.docs[0]), [m("Iraq", 0, 4, 0, 4)]);
}

#[test]
fn utf8_bom_is_kept_in_text_files_and_ignored_by_matching() {
    let dir = setup();
    write(dir.path(), "bom.txt", b"\xEF\xBB\xBFIraq");
    let r = run(extract(dir.path()).arg("bom.txt"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    // U+FEFF is code point 0 (bytes 0..3) and stays in the text.
    assert_eq!(spans(&r.docs[0]), [m("Iraq", 1, 5, 3, 7)]);
}

#[test]
fn utf8_bom_before_the_first_jsonl_record_is_stripped() {
    let dir = setup();
    write(
        dir.path(),
        "bom.jsonl",
        b"\xEF\xBB\xBF{\"id\":1,\"text\":\"Iraq\"}\n{\"id\":2,\"text\":\"Iran\"}\n",
    );
    let r = run(extract(dir.path()).arg("bom.jsonl"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(r.docs.len(), 2);
    assert_eq!(r.docs[0]["id"], 1);
    assert_eq!(spans(&r.docs[0]), [m("Iraq", 0, 4, 0, 4)]);
    assert_eq!(texts(&r.docs[1]), ["Iran"]);
}

// ---------------------------------------------------------------------------
// Control characters and line ends

#[test]
fn nul_bytes_in_a_text_file_are_word_boundaries() {
    let dir = setup();
    write(dir.path(), "nul.txt", b"Iraq\0Iran\0\0Baghdad\0");
    let r = run(extract(dir.path()).arg("nul.txt"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(
        spans(&r.docs[0]),
        [
            m("Iraq", 0, 4, 0, 4),
            m("Iran", 5, 9, 5, 9),
            m("Baghdad", 11, 18, 11, 18)
        ]
    );
}

#[test]
fn nul_in_jsonl_escaped_is_text_raw_is_an_error() {
    let dir = setup();
    write(
        dir.path(),
        "nul.jsonl",
        b"{\"id\":1,\"text\":\"Iraq\\u0000Iran\"}\n{\"id\":2,\"text\":\"a\0b\"}\n{\"id\":3,\"text\":\"Iran\"}\n",
    );
    let r = run(extract(dir.path()).arg("nul.jsonl"));
    assert_eq!(r.code, 2);
    assert_eq!(r.docs.len(), 3);
    assert_eq!(
        spans(&r.docs[0]),
        [m("Iraq", 0, 4, 0, 4), m("Iran", 5, 9, 5, 9)]
    );
    // A raw control character inside a JSON string is invalid JSON; the id
    // cannot be read, so the record carries the path and line.
    assert_eq!(r.docs[1]["id"], "nul.jsonl:2");
    assert_eq!(r.docs[1]["line"], 2);
    let error = r.docs[1]["error"].as_str().unwrap();
    assert!(error.starts_with("invalid JSON: control character"), "{error}");
    assert!(
        r.stderr.starts_with("entx: nul.jsonl:2: invalid JSON: control"),
        "{}",
        r.stderr
    );
    assert_eq!(texts(&r.docs[2]), ["Iran"]);
}

#[test]
fn crlf_and_lone_cr_in_text() {
    let dir = setup();
    write(
        dir.path(),
        "crlf.txt",
        b"Iraq\r\nIran\rBaghdad\r\nAbu\r\nDhabi, Abu\rDhabi, Abu\r\n\r\nDhabi\r\n",
    );
    let r = run(extract(dir.path()).arg("crlf.txt"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    // Iraq 0..4, \r\n 4..6, Iran 6..10, \r 10, Baghdad 11..18, \r\n 18..20,
    // "Abu\r\nDhabi" 20..30 (one line break: a space), ", " 30..32,
    // "Abu\rDhabi" 32..41 (a CR is whitespace), ", " 41..43, then
    // "Abu\r\n\r\nDhabi": two line breaks are a paragraph break, so no
    // match across them.
    assert_eq!(
        spans(&r.docs[0]),
        [
            m("Iraq", 0, 4, 0, 4),
            m("Iran", 6, 10, 6, 10),
            m("Baghdad", 11, 18, 11, 18),
            m("Abu\r\nDhabi", 20, 30, 20, 30),
            m("Abu\rDhabi", 32, 41, 32, 41),
        ]
    );
}

#[test]
fn crlf_jsonl_lines_parse_and_keep_their_numbers() {
    let dir = setup();
    write(
        dir.path(),
        "crlf.jsonl",
        "{\"id\":1,\"text\":\"Iraq\"}\r\n{\"id\":2,\"text\":7}\r\n\r\n{\"id\":4,\"text\":\"Iran\"}\r\n",
    );
    let r = run(extract(dir.path()).arg("crlf.jsonl"));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "entx: crlf.jsonl:2: text field \"text\" is a number, expected a string\n"
    );
    assert_eq!(r.docs.len(), 3, "the blank CRLF line is skipped");
    assert_eq!(texts(&r.docs[0]), ["Iraq"]);
    assert_eq!(r.docs[1]["line"], 2);
    assert_eq!(r.docs[2]["id"], 4);
    assert_eq!(texts(&r.docs[2]), ["Iran"]);
}

#[test]
fn lone_cr_jsonl_is_one_line_and_reported_not_dropped() {
    // JSON Lines separates records with \n (optionally \r\n). A file with
    // old Mac line ends is a single line holding several values: one error
    // record for line 1, exit 2, nothing silently lost.
    let dir = setup();
    write(
        dir.path(),
        "cr.jsonl",
        "{\"id\":1,\"text\":\"Iraq\"}\r{\"id\":2,\"text\":\"Iran\"}\r",
    );
    let r = run(extract(dir.path()).arg("cr.jsonl"));
    assert_eq!(r.code, 2);
    assert_eq!(r.docs.len(), 1);
    assert_eq!(r.docs[0]["line"], 1);
    let error = r.docs[0]["error"].as_str().unwrap();
    assert!(error.starts_with("invalid JSON: trailing characters"), "{error}");
    assert!(r.stderr.starts_with("entx: cr.jsonl:1: invalid JSON: "));
}

// ---------------------------------------------------------------------------
// Size

#[test]
fn hundred_megabyte_article_without_newline() {
    let dir = setup();
    let path = dir.path().join("big.txt");
    {
        // 1,000 blocks of exactly 100,000 bytes: "Iraq " (5) + "lorem "
        // × 16,665 (99,990) + "ipsa " (5). No newline anywhere.
        let mut w =
            std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let filler = "lorem ".repeat(16_665);
        for _ in 0..1000 {
            w.write_all(b"Iraq ").unwrap();
            w.write_all(filler.as_bytes()).unwrap();
            w.write_all(b"ipsa ").unwrap();
        }
        w.flush().unwrap();
    }
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 100_000_000);
    let r = run(extract(dir.path()).arg("big.txt"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(r.docs.len(), 1);
    let s = spans(&r.docs[0]);
    assert_eq!(s.len(), 1000);
    assert_eq!(s[0], m("Iraq", 0, 4, 0, 4));
    assert_eq!(
        s[999],
        m("Iraq", 99_900_000, 99_900_004, 99_900_000, 99_900_004)
    );
    assert_eq!(r.docs[0]["entities"][0]["count"], 1000);
}

#[test]
fn every_word_is_an_alias() {
    let dir = tempfile::tempdir().unwrap();
    // 500 entities w0 … w499; 10,000 words, each one of them, between
    // assorted separators: every word is a mention.
    let mut gaz = String::new();
    for i in 0..500 {
        gaz.push_str(&format!("e{i}\tMISC\tw{i}\n"));
    }
    write(dir.path(), "words.tsv", gaz);
    let seps = [" ", "\n", ", ", " - ", "\u{a0}", "; ", "\t", " (", ") "];
    let mut text = String::new();
    for k in 0..10_000usize {
        text.push_str(&format!("w{}", (k * 7) % 500));
        text.push_str(seps[k % seps.len()]);
    }
    write(dir.path(), "all.txt", &text);
    let r = run(with_gazetteer(dir.path(), "words.tsv").arg("all.txt"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let s = spans(&r.docs[0]);
    assert_eq!(s.len(), 10_000);
    for (k, (t, ..)) in s.iter().enumerate() {
        assert_eq!(t, &format!("w{}", (k * 7) % 500));
    }
    let rows = r.docs[0]["entities"].as_array().unwrap();
    assert_eq!(rows.len(), 500);
    assert!(rows.iter().all(|row| row["count"] == 20));
}

// ---------------------------------------------------------------------------
// JSON shapes

#[test]
fn deeply_nested_arrays() {
    let dir = setup();
    let nest = |d: usize| format!("{}{}", "[".repeat(d), "]".repeat(d));
    let lines = [
        // In a field entx does not read: skipped without recursion.
        format!("{{\"id\":1,\"x\":{},\"text\":\"Iraq\"}}", nest(1000)),
        format!("{{\"id\":2,\"x\":{},\"text\":\"Iran\"}}", nest(100_000)),
        // As the text field: an error record naming the type.
        format!("{{\"id\":3,\"text\":{}}}", nest(1000)),
        "{\"id\":4,\"text\":\"Baghdad\"}".to_string(),
    ];
    write(dir.path(), "nest.jsonl", lines.join("\n") + "\n");
    let r = run(extract(dir.path()).arg("nest.jsonl"));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "entx: nest.jsonl:3: text field \"text\" is an array, expected a string\n"
    );
    assert_eq!(r.docs.len(), 4);
    assert_eq!(texts(&r.docs[0]), ["Iraq"]);
    assert_eq!(texts(&r.docs[1]), ["Iran"]);
    assert_eq!(
        r.docs[2],
        serde_json::json!({
            "id": 3,
            "error": "text field \"text\" is an array, expected a string",
            "line": 3
        })
    );
    assert_eq!(texts(&r.docs[3]), ["Baghdad"]);
}

#[test]
fn deeply_nested_kept_field_is_copied_verbatim() {
    let dir = setup();
    let nest = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
    write(
        dir.path(),
        "keep.jsonl",
        format!("{{\"id\":1,\"x\":{nest},\"text\":\"Iraq\"}}\n"),
    );
    let out = extract(dir.path())
        .args(["--keep", "x", "keep.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let line = String::from_utf8(out.stdout).unwrap();
    // serde_json's Value cannot hold this depth; check the bytes.
    assert!(
        line.starts_with(&format!("{{\"id\":1,\"x\":{nest},\"mentions\":["))
    );
}

#[test]
fn text_field_of_the_wrong_type_names_the_type() {
    let dir = setup();
    let kinds = [
        ("1", "a number"),
        ("-2.5e3", "a number"),
        ("null", "null"),
        ("[\"Iraq\"]", "an array"),
        ("{\"a\":\"Iraq\"}", "an object"),
        ("true", "a boolean"),
    ];
    let mut jsonl = String::new();
    for (i, (v, _)) in kinds.iter().enumerate() {
        jsonl.push_str(&format!("{{\"id\":\"r{i}\",\"text\":{v}}}\n"));
    }
    jsonl.push_str("{\"id\":\"ok\",\"text\":\"Iraq\"}\n");
    write(dir.path(), "types.jsonl", jsonl);
    let r = run(extract(dir.path()).arg("types.jsonl"));
    assert_eq!(r.code, 2);
    assert_eq!(r.docs.len(), kinds.len() + 1);
    let mut want_stderr = String::new();
    for (i, (_, kind)) in kinds.iter().enumerate() {
        let msg = format!("text field \"text\" is {kind}, expected a string");
        assert_eq!(
            r.docs[i],
            serde_json::json!({"id": format!("r{i}"), "error": msg, "line": i + 1})
        );
        want_stderr.push_str(&format!("entx: types.jsonl:{}: {msg}\n", i + 1));
    }
    assert_eq!(r.stderr, want_stderr);
    assert_eq!(texts(&r.docs[kinds.len()]), ["Iraq"]);
}

#[test]
fn duplicate_keys_last_wins() {
    let dir = setup();
    write(
        dir.path(),
        "dup.jsonl",
        "{\"id\":1,\"text\":\"Iran\",\"id\":2,\"text\":\"Iraq\"}\n",
    );
    let r = run(extract(dir.path()).arg("dup.jsonl"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(r.docs[0]["id"], 2);
    assert_eq!(texts(&r.docs[0]), ["Iraq"]);
}

// ---------------------------------------------------------------------------
// Gazetteers

#[test]
fn empty_aliases_are_skipped_silently() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "e.tsv", "a\tMISC\tAlpha\tBeta||Gamma|\n");
    let r = run(with_gazetteer(dir.path(), "e.tsv")
        .write_stdin("Alpha, Beta and Gamma"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(texts(&r.docs[0]), ["Alpha", "Beta", "Gamma"]);
}

#[test]
fn punctuation_only_alias_matches_literally() {
    // Decision: an alias made only of punctuation is a literal like any
    // other (it has something to match); boundaries still apply.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.tsv", "dots\tMISC\t...\n");
    let r =
        run(with_gazetteer(dir.path(), "p.tsv")
            .write_stdin("Wait... what ... ok"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    // "Wait" 0..4, "..." 4..7, " what " 7..13, "..." 13..16.
    assert_eq!(
        spans(&r.docs[0]),
        [m("...", 4, 7, 4, 7), m("...", 13, 16, 13, 16)]
    );
}

#[test]
fn whitespace_and_hyphen_only_aliases_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "w.tsv",
        "ok\tMISC\tOkay\n\
         ws\tMISC\tWs\t---| \u{2013} |\u{a0}\n\
         dash\tMISC\t - \n",
    );
    let r = run(with_gazetteer(dir.path(), "w.tsv").write_stdin("Okay - Ws"));
    assert_eq!(r.code, 0);
    // The NBSP-only alias is trimmed to nothing by the TSV reader (an empty
    // alias); the others reach the compiler, which names path:line.
    assert_eq!(
        r.stderr,
        "entx: warning: w.tsv:2: alias \"---\" of entity \"ws\" has no \
         letters, digits or punctuation to match; skipped\n\
         entx: warning: w.tsv:2: alias \"\u{2013}\" of entity \"ws\" has no \
         letters, digits or punctuation to match; skipped\n\
         entx: warning: w.tsv:3: alias \"-\" of entity \"dash\" has no \
         letters, digits or punctuation to match; skipped\n"
    );
    assert_eq!(texts(&r.docs[0]), ["Okay", "Ws"]);
}

#[test]
fn overlong_alias_is_an_error_naming_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let ok = "a".repeat(1000);
    let long = "b".repeat(100_000);
    write(
        dir.path(),
        "long.tsv",
        format!("fine\tMISC\tFine\t{ok}\nlong\tMISC\tLong\t{long}\n"),
    );
    let r = run(with_gazetteer(dir.path(), "long.tsv").write_stdin("Fine"));
    assert_eq!(r.code, 2);
    assert!(r.docs.is_empty());
    assert_eq!(
        r.stderr,
        "entx: long.tsv:2: alias of entity \"long\" is 100000 characters \
         long; the limit is 1000\n"
    );
    // Exactly at the limit is fine, and matches.
    write(dir.path(), "edge.tsv", format!("fine\tMISC\tFine\t{ok}\n"));
    let r = run(with_gazetteer(dir.path(), "edge.tsv")
        .write_stdin(format!("x {ok} y")));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(spans(&r.docs[0]), [m(&ok, 2, 1002, 2, 1002)]);
}

#[test]
fn a_million_aliases_load_and_work() {
    // About 14 s and 800 MB in a debug build, 4.4 s in release.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("million.tsv");
    {
        let mut w =
            std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        for i in 0..1_000_000 {
            writeln!(w, "e{i}\tLOC\tPlace{i}").unwrap();
        }
        w.flush().unwrap();
    }
    let r = run(with_gazetteer(dir.path(), "million.tsv")
        .write_stdin("Place0, Place999999 and Place1000000."));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(
        spans(&r.docs[0]),
        [m("Place0", 0, 6, 0, 6), m("Place999999", 8, 19, 8, 19)]
    );
    assert_eq!(r.docs[0]["mentions"][1]["entity"], "e999999");
}

#[test]
fn duplicate_ids_merge_and_conflicting_types_fail() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "dup.tsv", "x\tLOC\tXland\tEks\nx\tLOC\tXland\tIks\n");
    let r =
        run(with_gazetteer(dir.path(), "dup.tsv")
            .write_stdin("Xland, Eks, Iks"));
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stderr,
        "entx: warning: dup.tsv:2: entity \"x\" was already defined at \
         dup.tsv:1; its aliases were added to that entity\n"
    );
    assert_eq!(texts(&r.docs[0]), ["Xland", "Eks", "Iks"]);
    let rows = r.docs[0]["entities"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["count"], 3);

    write(dir.path(), "conflict.tsv", "x\tLOC\tXland\n\nx\tORG\tXland\n");
    let r =
        run(with_gazetteer(dir.path(), "conflict.tsv").write_stdin("Xland"));
    assert_eq!(r.code, 2);
    assert!(r.docs.is_empty());
    assert_eq!(
        r.stderr,
        "entx: conflict.tsv:3: entity \"x\" is defined again with type \
         \"ORG\", but conflict.tsv:1 gave it type \"LOC\"\n"
    );
}

#[test]
fn gazetteer_with_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bom.tsv",
        b"\xEF\xBB\xBFx\tLOC\tXland\tEks\r\ny\tLOC\tYland\r\n",
    );
    write(
        dir.path(),
        "bom.jsonl",
        b"\xEF\xBB\xBF{\"label\":\"ORG\",\"pattern\":\"Zed Corp\",\"id\":\"z\"}\r\n",
    );
    let r = run(with_gazetteer(dir.path(), "bom.tsv")
        .args(["-g", "bom.jsonl"])
        .write_stdin("Xland Eks Yland Zed Corp"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let ids: Vec<&str> = r.docs[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["entity"].as_str().unwrap())
        .collect();
    // No U+FEFF in the first id, no \r in the last alias of a line.
    assert_eq!(ids, ["x", "x", "y", "z"]);
}

#[test]
fn gazetteer_line_with_too_few_columns() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "few.tsv", "x\tLOC\tXland\r\ny\tLOC\r\n");
    let r = run(with_gazetteer(dir.path(), "few.tsv").write_stdin("Xland"));
    assert_eq!(r.code, 2);
    assert!(r.docs.is_empty());
    assert_eq!(
        r.stderr,
        "entx: few.tsv:2: expected at least 3 tab-separated columns (id, \
         type, name), found 2: \"y\\tLOC\"\n"
    );
}

#[test]
fn gazetteer_in_windows_1252_is_an_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "cp.tsv", b"x\tLOC\tXland\ncafe\tORG\tCaf\xe9\n");
    let r = run(with_gazetteer(dir.path(), "cp.tsv").write_stdin("Xland"));
    assert_eq!(r.code, 2);
    assert!(r.docs.is_empty());
    // Byte 24: "x\tLOC\tXland\n" is 12 bytes, "cafe\tORG\tCaf" 12 more.
    assert_eq!(
        r.stderr,
        "entx: cp.tsv:2: invalid UTF-8 at byte 24; gazetteers must be UTF-8 \
         text\n"
    );
}

// ---------------------------------------------------------------------------
// Directories and special files

#[test]
fn gazetteer_directory_loads_known_extensions_recursively() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "gaz/a.tsv", "x\tLOC\tXland\n");
    write(dir.path(), "gaz/sub/b.tsv", "y\tLOC\tYland\n");
    write(
        dir.path(),
        "gaz/sub/deeper/c.jsonl",
        "{\"label\":\"ORG\",\"pattern\":\"Zed\",\"id\":\"z\"}\n",
    );
    // Only .tsv, .jsonl and .ndjson are read from a directory: other files
    // (word lists, notes) are ignored, even though they would not parse.
    write(dir.path(), "gaz/README.md", "# not\ta\tgazetteer\tat\tall\tno\n");
    write(dir.path(), "gaz/words.txt", "Quux\n");
    std::fs::create_dir_all(dir.path().join("gaz/empty")).unwrap();
    let r =
        run(with_gazetteer(dir.path(), "gaz")
            .write_stdin("Xland Yland Zed Quux"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(texts(&r.docs[0]), ["Xland", "Yland", "Zed"]);
}

#[test]
fn empty_gazetteer_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("none")).unwrap();
    let r = run(with_gazetteer(dir.path(), "none").write_stdin("Xland"));
    assert_eq!(r.code, 2);
    assert!(r.docs.is_empty());
    assert_eq!(
        r.stderr,
        "entx: no gazetteer entities: give -g PATH, or drop --no-builtin\n"
    );
}

fn is_root() -> bool {
    // Root reads files and directories whatever their mode.
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false)
}

#[cfg(unix)]
#[test]
fn extract_walks_directories_and_reports_unreadable_entries() {
    use std::os::unix::fs::PermissionsExt;
    let dir = setup();
    write(dir.path(), "in/a.txt", "Iraq");
    write(dir.path(), "in/sub/b.txt", "Iran");
    write(dir.path(), "in/.hidden.txt", "Baghdad");
    write(dir.path(), "in/locked/c.txt", "Baghdad");
    std::fs::create_dir_all(dir.path().join("in/empty")).unwrap();
    // A file that disappeared between listing and reading.
    std::os::unix::fs::symlink(
        "/nonexistent/gone.txt",
        dir.path().join("in/gone.txt"),
    )
    .unwrap();
    let locked = dir.path().join("in/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))
        .unwrap();
    let r = run(extract(dir.path()).arg("in"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755))
        .unwrap();
    assert_eq!(r.code, 2);
    let ids: Vec<&str> =
        r.docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(r.docs[0]["id"], "in/a.txt");
    assert_eq!(texts(&r.docs[0]), ["Iraq"]);
    assert_eq!(r.docs[1]["id"], "in/gone.txt");
    assert_eq!(r.docs[1]["error"], "No such file or directory (os error 2)");
    assert!(r.docs[1].get("line").is_none());
    assert!(r.stderr.contains(
        "entx: in/gone.txt: No such file or directory (os error 2)\n"
    ));
    if is_root() {
        // Root reads the 000 directory anyway: nothing to assert about it
        // but its place in the sorted walk.
        assert_eq!(
            ids,
            ["in/a.txt", "in/gone.txt", "in/locked/c.txt", "in/sub/b.txt"]
        );
    } else {
        assert_eq!(
            ids,
            ["in/a.txt", "in/gone.txt", "in/locked", "in/sub/b.txt"]
        );
        assert_eq!(
            r.docs[2]["error"],
            "is a directory that could not be read"
        );
        assert!(r.stderr.contains(
            "entx: in/locked: is a directory that could not be read\n"
        ));
    }
    assert_eq!(texts(&r.docs[ids.len() - 1]), ["Iran"]);
}

#[test]
fn extract_on_an_empty_directory_prints_nothing() {
    let dir = setup();
    std::fs::create_dir_all(dir.path().join("nothing/here")).unwrap();
    let r = run(extract(dir.path()).arg("nothing"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert!(r.docs.is_empty());
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error_record() {
    use std::os::unix::fs::PermissionsExt;
    let dir = setup();
    let path = write(dir.path(), "secret.txt", "Iraq");
    write(dir.path(), "open.txt", "Iran");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000))
        .unwrap();
    let r = run(extract(dir.path()).args(["secret.txt", "open.txt"]));
    assert_eq!(r.docs.len(), 2);
    assert_eq!(texts(&r.docs[1]), ["Iran"]);
    if is_root() {
        // Root ignores file modes: the file is read like any other.
        assert_eq!(r.code, 0);
        assert_eq!(texts(&r.docs[0]), ["Iraq"]);
    } else {
        assert_eq!(r.code, 2);
        assert_eq!(r.docs[0]["error"], "Permission denied (os error 13)");
        assert!(r.stderr.contains("entx: secret.txt: Permission denied"));
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status =
        std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn fifo_named_on_the_command_line_is_read() {
    let dir = setup();
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f =
                std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            f.write_all(b"Iraq and Iran").unwrap();
        })
    };
    let r = run(extract(dir.path()).arg("pipe.txt"));
    writer.join().unwrap();
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(texts(&r.docs[0]), ["Iraq", "Iran"]);
}

#[cfg(unix)]
#[test]
// Was a bug (found by this test): walking a directory opened a FIFO.
fn fifo_inside_a_walked_directory_does_not_hang() {
    let dir = setup();
    write(dir.path(), "in/a.txt", "Iraq");
    mkfifo(&dir.path().join("in/pipe.txt"));
    let mut cmd = extract(dir.path());
    cmd.arg("in").timeout(Duration::from_secs(20));
    let r = run(&mut cmd);
    // Like ripgrep: special files met while walking are skipped (naming one
    // on the command line still reads it, see the test above).
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(r.docs.len(), 1);
    assert_eq!(texts(&r.docs[0]), ["Iraq"]);
}

#[test]
fn truncated_gzip_keeps_every_complete_record() {
    use std::io::Read;
    let dir = setup();
    let mut jsonl = String::new();
    for i in 0..5000 {
        jsonl.push_str(&format!(
            "{{\"id\":{i},\"text\":\"Iraq {}\"}}\n",
            "pad ".repeat(i % 37)
        ));
    }
    let mut gz =
        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(jsonl.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let cut = &gz[..gz.len() / 2];
    write(dir.path(), "cut.jsonl.gz", cut);
    // What a reader can recover from the cut stream: whole lines up to the
    // first error.
    let mut got = Vec::new();
    let mut dec = flate2::read::MultiGzDecoder::new(cut);
    let mut buf = [0u8; 4096];
    loop {
        match dec.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
    let complete = got.iter().filter(|&&b| b == b'\n').count();
    assert!(complete > 100 && complete < 5000, "{complete}");

    let r = run(extract(dir.path()).arg("cut.jsonl.gz"));
    assert_eq!(r.code, 2);
    for (i, doc) in r.docs[..complete].iter().enumerate() {
        assert_eq!(doc["id"], i, "record {i} kept, in order");
        assert_eq!(texts(doc), ["Iraq"]);
    }
    // Then the damage is reported once, at the first incomplete line (the
    // line's start is not parsed as a record of its own).
    let rest = &r.docs[complete..];
    assert_eq!(rest.len(), 1, "{rest:?}");
    let line = complete + 1;
    assert_eq!(rest[0]["line"], line);
    assert_eq!(rest[0]["id"], format!("cut.jsonl.gz:{line}"));
    assert!(rest[0]["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(&format!("entx: cut.jsonl.gz:{line}: ")),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------
// Closed stdout

#[cfg(unix)]
fn closed_stdout(args: &[&str], dir: &Path, read_first: usize) {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_entx"))
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    if read_first > 0 {
        let mut first = vec![0u8; read_first];
        stdout.read_exact(&mut first).unwrap();
    }
    drop(stdout);
    // wait_with_output has no timeout; poll instead.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            assert_eq!(status.code(), Some(0), "{err}");
            assert_eq!(err, "");
            return;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("entx did not exit after its stdout was closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn closed_stdout_on_a_jsonl_corpus_exits_0_silently() {
    let dir = setup();
    let mut jsonl = String::new();
    for i in 0..200_000 {
        jsonl
            .push_str(&format!("{{\"id\":{i},\"text\":\"Iraq and Iran\"}}\n"));
    }
    write(dir.path(), "c.jsonl", jsonl);
    let base = ["extract", "--no-builtin", "-g", "g.tsv"];
    for threads in ["1", "3"] {
        let mut args = base.to_vec();
        args.extend(["--threads", threads, "c.jsonl"]);
        // After one line, and before anything was read.
        closed_stdout(&args, dir.path(), 10);
        closed_stdout(&args, dir.path(), 0);
    }
}

#[test]
fn damaged_index_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one.tsv", "x\tLOC\tXland\n");
    let out = entx()
        .current_dir(dir.path())
        .timeout(Duration::from_secs(60))
        .args(["gazetteer", "build", "--no-builtin", "-g", "one.tsv"])
        .args(["-o", "one.idx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let bytes = std::fs::read(dir.path().join("one.idx")).unwrap();
    // Magic and version only: the first section header is missing.
    write(dir.path(), "head.idx", &bytes[..12]);
    let r = run(with_gazetteer(dir.path(), "head.idx").write_stdin("Xland"));
    assert_eq!(r.code, 2);
    assert!(r.docs.is_empty());
    assert_eq!(
        r.stderr,
        "entx: head.idx: index: truncated (section header)\n"
    );
    // Cut inside the last section.
    write(dir.path(), "cut.idx", &bytes[..bytes.len() - 1]);
    let r = run(with_gazetteer(dir.path(), "cut.idx").write_stdin("Xland"));
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "entx: cut.idx: index: truncated (section body)\n");
    // Every byte after the header set to 0xFF in turn: loads or fails
    // cleanly, never panics (the fuzz target `index` does this at scale).
    for i in (12..bytes.len()).step_by(97) {
        let mut b = bytes.clone();
        b[i] = 0xFF;
        write(dir.path(), "flip.idx", &b);
        let r =
            run(with_gazetteer(dir.path(), "flip.idx").write_stdin("Xland"));
        assert!(r.code == 0 || r.code == 2, "byte {i}: {}", r.code);
        if r.code == 2 {
            assert!(r.stderr.starts_with("entx: flip.idx: "), "{}", r.stderr);
        }
    }
}

/// The top-level keys of a JSON object, in order, duplicates included
/// (`serde_json::Value` would silently keep only the last).
fn top_level_keys(line: &str) -> Vec<String> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some(k) = map.next_key::<String>()? {
                map.next_value::<IgnoredAny>()?;
                keys.push(k);
            }
            Ok(keys)
        }
    }
    serde_json::Deserializer::from_str(line).deserialize_map(Keys).unwrap()
}

#[test]
// Was a bug (found by this test): --keep could duplicate output keys, and a
// kept "error" made a good document look like an error record. Such names
// are now a usage error.
fn kept_fields_never_collide_with_output_keys() {
    let dir = setup();
    write(
        dir.path(),
        "k.jsonl",
        "{\"id\":1,\"text\":\"Iraq\",\"mentions\":5,\"error\":\"no\",\
         \"meta\":{\"error\":\"x\"}}\n",
    );
    for key in ["id", "mentions", "entities", "error", "line"] {
        let r = run(extract(dir.path()).args(["--keep", key, "k.jsonl"]));
        assert_eq!(r.code, 2, "{key}");
        assert!(r.docs.is_empty(), "{key}");
        assert_eq!(
            r.stderr,
            format!(
                "entx: --keep {key:?} would clash with the output's own \
                 {key:?} field; keep a field with another name\n"
            )
        );
    }
    // A dotted path is written under its full name: no clash.
    let out = extract(dir.path())
        .args(["--keep", "meta.error", "k.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let line = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        top_level_keys(line.trim_end()),
        ["id", "meta.error", "mentions", "entities"]
    );
}

#[cfg(unix)]
#[test]
// Was a bug (found by this test): -g DIR opened a FIFO.
fn fifo_inside_a_gazetteer_directory_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "gaz/a.tsv", "x\tLOC\tXland\n");
    mkfifo(&dir.path().join("gaz/pipe.tsv"));
    let mut cmd = with_gazetteer(dir.path(), "gaz");
    cmd.write_stdin("Xland").timeout(Duration::from_secs(20));
    let r = run(&mut cmd);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(texts(&r.docs[0]), ["Xland"]);
}
