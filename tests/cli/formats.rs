//! `entx extract --format`: every format written from the same mentions
//! as json, read back (CoNLL by `entx eval`, offsets slicing the text),
//! escaping, per-document files, errors, determinism.

use predicates::prelude::*;

use crate::util::{entx, fixture, json_lines, OkStdout};

const ARTICLE: &str = "articles/soleimani-anniversary.txt";

/// The fixture article's json output: its text and mentions.
fn article_json() -> (String, Vec<serde_json::Value>) {
    let text = std::fs::read_to_string(fixture(ARTICLE)).unwrap();
    let out = entx().arg("extract").arg(fixture(ARTICLE)).ok_stdout();
    let doc = json_lines(&out).remove(0);
    (text, doc["mentions"].as_array().unwrap().clone())
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn format_of(args: &[&str], stdin: &str) -> String {
    let out = entx()
        .args(["extract", "--no-builtin", "--no-rules"])
        .arg("-g")
        .arg(fixture("gazetteers/small.tsv"))
        .args(args)
        .write_stdin(stdin)
        .ok_stdout();
    String::from_utf8(out).unwrap()
}

/// The four mentions of this text with the small gazetteer, worked out
/// by hand: "Anna Kowalska" PERSON, "Gdańsk" CITY, "Kowalska" PERSON,
/// "Georgia" LOC.
const SMALL: &str = "Anna Kowalska visited Gdańsk.\nKowalska left Georgia.";

#[test]
fn conll_tokens_and_tags() {
    let out = format_of(&["--format", "conll"], SMALL);
    assert_eq!(
        out,
        "-DOCSTART-\tO\n\n\
         Anna\tB-PERSON\nKowalska\tI-PERSON\nvisited\tO\nGdańsk\tB-CITY\n\
         .\tO\n\n\
         Kowalska\tB-PERSON\nleft\tO\nGeorgia\tB-LOC\n.\tO\n\n"
    );
}

/// `entx eval` reads the CoNLL output back with the same mentions: the
/// rebuilt text is the tokens joined by spaces, sentences by newlines,
/// "Anna Kowalska visited Gdańsk .\nKowalska left Georgia .", and the
/// predictions below are its four spans, counted by hand.
#[test]
fn conll_reads_back_through_eval() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("out.conll");
    std::fs::write(&gold, format_of(&["--format", "conll"], SMALL)).unwrap();
    let pred = dir.path().join("pred.jsonl");
    let text = "Anna Kowalska visited Gdańsk .\nKowalska left Georgia .";
    let rec = serde_json::json!({"id": "x", "text": text, "entities": [
        {"start": 0, "end": 13, "type": "PERSON"},
        {"start": 22, "end": 28, "type": "CITY"},
        {"start": 31, "end": 39, "type": "PERSON"},
        {"start": 45, "end": 52, "type": "LOC"},
    ]});
    std::fs::write(&pred, format!("{rec}\n")).unwrap();
    let out = entx()
        .args(["eval", "--gold-format", "conll", "--format", "json"])
        .args(["--types", "PERSON,CITY,LOC", "--map", ""])
        .arg("--gold")
        .arg(&gold)
        .arg("--pred")
        .arg(&pred)
        .ok_stdout();
    let r: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let micro = &r["strict"]["micro"];
    assert_eq!(micro["tp"], 4, "{r}");
    assert_eq!(micro["fp"], 0, "{r}");
    assert_eq!(micro["fn"], 0, "{r}");
}

/// On the fixture article: one B- tag per json mention, and each
/// mention's tokens are its text without whitespace.
#[test]
fn conll_has_every_mention_of_the_article() {
    let (_, mentions) = article_json();
    let out = entx()
        .args(["extract", "--format", "conll"])
        .arg(fixture(ARTICLE))
        .ok_stdout();
    let mut found: Vec<(String, String)> = Vec::new();
    for line in std::str::from_utf8(&out).unwrap().lines() {
        let Some((tok, tag)) = line.split_once('\t') else { continue };
        if let Some(kind) = tag.strip_prefix("B-") {
            found.push((tok.to_string(), kind.to_string()));
        } else if tag.starts_with("I-") {
            found.last_mut().unwrap().0.push_str(tok);
        }
    }
    let want: Vec<(String, String)> = mentions
        .iter()
        .map(|m| {
            let t = m["text"].as_str().unwrap();
            (
                t.split_whitespace().collect(),
                m["type"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(want.len() > 50);
    assert_eq!(found, want);
}

#[test]
fn spacy_offsets_slice_the_text() {
    let (text, mentions) = article_json();
    let out = entx()
        .args(["extract", "--format", "spacy"])
        .arg(fixture(ARTICLE))
        .ok_stdout();
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    let doc = docs[0].as_object().unwrap();
    let keys: Vec<&str> = doc.keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    assert_eq!(doc["text"], text);
    let ents = doc["ents"].as_array().unwrap();
    assert_eq!(ents.len(), mentions.len());
    for (e, m) in ents.iter().zip(&mentions) {
        let (s, t) =
            (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
        assert_eq!(slice(&text, s as usize, t as usize), m["text"]);
        assert_eq!(e["label"], m["type"]);
        assert_eq!(
            e["kb_id"].as_str().unwrap(),
            m["entity"].as_str().unwrap_or("")
        );
    }
}

/// Undo the tsv escapes.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(c) => out.push(c),
            None => {}
        }
    }
    out
}

#[test]
fn tsv_columns() {
    let (text, mentions) = article_json();
    let out = entx()
        .args(["extract", "--format", "tsv"])
        .arg(fixture(ARTICLE))
        .ok_stdout();
    let out = String::from_utf8(out).unwrap();
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("id\tstart\tend\ttype\tentity\twikidata\tname\tvia\ttext")
    );
    let rows: Vec<Vec<&str>> =
        lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), mentions.len());
    for (r, m) in rows.iter().zip(&mentions) {
        assert_eq!(r.len(), 9);
        assert!(r[0].ends_with("soleimani-anniversary.txt"));
        let (s, e) = (r[1].parse().unwrap(), r[2].parse().unwrap());
        assert_eq!(slice(&text, s, e), unescape(r[8]));
        assert_eq!(r[3], m["type"]);
        assert_eq!(r[4], m["entity"].as_str().unwrap_or(""));
        assert_eq!(r[6], m["name"]);
        assert_eq!(r[7], m["via"]);
    }
}

#[test]
fn tsv_escapes_tabs_and_newlines() {
    let corpus = "{\"id\": \"a\\tb\", \"text\": \"x\\tAnna Kowalska\"}\n";
    let out = format_of(&["--format", "tsv", "--input", "jsonl"], corpus);
    assert_eq!(
        out,
        "id\tstart\tend\ttype\tentity\twikidata\tname\tvia\ttext\n\
         a\\tb\t2\t15\tPERSON\tanna-kowalska\t\tAnna Kowalska\tgazetteer\t\
         Anna Kowalska\n"
    );
}

/// A T line: its (start, end) fragments, type and text.
type TextBound = (Vec<(usize, usize)>, String, String);

/// The T lines of an .ann file.
fn brat_spans(ann: &str) -> Vec<TextBound> {
    ann.lines()
        .filter(|l| l.starts_with('T'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let (kind, frags) = f[1].split_once(' ').unwrap();
            let frags = frags
                .split(';')
                .map(|p| {
                    let (s, e) = p.split_once(' ').unwrap();
                    (s.parse().unwrap(), e.parse().unwrap())
                })
                .collect();
            (frags, kind.to_string(), f[2].to_string())
        })
        .collect()
}

#[test]
fn brat_files_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    // Ids "a/b" and "a b" share the stem a_b; "A_B" too on a
    // case-insensitive file system: they become a_b, a_b-2, A_B-3.
    let corpus = "{\"id\": \"a/b\", \"text\": \"Anna Kowalska in Gdańsk\"}\n\
                  {\"id\": \"a b\", \"text\": \"Kowalska\\nleft\"}\n\
                  {\"id\": \"A_B\", \"text\": \"Anna\\nKowalska\"}\n\
                  {\"id\": \"bad\"}\n\
                  {\"id\": \"<script>\", \"text\": \"none\"}\n";
    entx()
        .args(["extract", "--no-builtin", "--no-rules", "--format", "brat"])
        .arg("-g")
        .arg(fixture("gazetteers/small.tsv"))
        .args(["--input", "jsonl", "--output-dir"])
        .arg(&out)
        .write_stdin(corpus)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("-:4:"));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "A_B-3.ann",
            "A_B-3.txt",
            "a_b-2.ann",
            "a_b-2.txt",
            "a_b.ann",
            "a_b.txt",
            "errors.jsonl",
            "script_.ann",
            "script_.txt"
        ]
    );
    let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap();
    assert_eq!(read("a_b.txt"), "Anna Kowalska in Gdańsk");
    assert_eq!(
        read("a_b.ann"),
        "T1\tPERSON 0 13\tAnna Kowalska\n\
         #1\tAnnotatorNotes T1\tanna-kowalska; Anna Kowalska; via gazetteer\n\
         T2\tCITY 17 23\tGdańsk\n\
         #2\tAnnotatorNotes T2\tgdansk; Gdańsk; via gazetteer\n"
    );
    // A mention across a line break: two fragments.
    assert_eq!(
        brat_spans(&read("A_B-3.ann")),
        [(vec![(0, 4), (5, 13)], "PERSON".into(), "Anna Kowalska".into())]
    );
    assert_eq!(read("script_.ann"), "");
    let errors = json_lines(read("errors.jsonl").as_bytes());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["id"], "bad");
    assert_eq!(errors[0]["line"], 4);
}

#[test]
fn brat_offsets_slice_the_txt() {
    let dir = tempfile::tempdir().unwrap();
    entx()
        .args(["extract", "--format", "brat", "--output-dir"])
        .arg(dir.path())
        .arg(fixture(ARTICLE))
        .assert()
        .success();
    let stem = "fixtures_articles_soleimani-anniversary.txt";
    let name = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.ends_with(&format!("{stem}.ann")))
        .expect("an .ann file");
    let ann = std::fs::read_to_string(dir.path().join(&name)).unwrap();
    let txt_name = name.replace(".ann", ".txt");
    let txt = std::fs::read_to_string(dir.path().join(txt_name)).unwrap();
    let (_, mentions) = article_json();
    let spans = brat_spans(&ann);
    assert_eq!(spans.len(), mentions.len());
    for ((frags, kind, text), m) in spans.iter().zip(&mentions) {
        let pieces: Vec<String> =
            frags.iter().map(|&(s, e)| slice(&txt, s, e)).collect();
        assert_eq!(&pieces.join(" "), text);
        assert_eq!(kind, m["type"].as_str().unwrap());
    }
}

#[test]
fn html_escapes_and_marks() {
    let corpus = "{\"id\": \"<script>alert(1)</script>\", \"text\": \
                  \"<script>alert('x')</script> Anna Kowalska & Georgia\"}\n";
    let out = format_of(&["--format", "html", "--input", "jsonl"], corpus);
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert!(out.ends_with("</html>\n"));
    assert_eq!(out.matches("<script").count(), 1, "only the page's script");
    assert!(out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "));
    assert!(out.contains("<h2 id=\"d0-0-h\">&lt;script&gt;alert(1)"));
    assert_eq!(out.matches("<mark ").count(), 2);
    assert!(out.contains("<span class=\"mt\">Anna Kowalska</span>"));
    assert!(out.contains("<nav id=\"contents\""));
    assert!(!out.contains("http://") && !out.contains("src="));
}

#[test]
fn html_output_dir_has_pages_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = "{\"id\": \"index\", \"text\": \"Anna Kowalska\"}\n\
                  {\"id\": 7, \"text\": \"Georgia\"}\n\
                  {\"id\": 8, \"text\": 5}\n";
    entx()
        .args(["extract", "--format", "html", "--input", "jsonl"])
        .arg("--output-dir")
        .arg(dir.path())
        .write_stdin(corpus)
        .assert()
        .code(2)
        .stdout("");
    let index =
        std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    // "index" is taken by the index page itself.
    assert!(index.contains("<a href=\"index-2.html\">index</a>"));
    assert!(index.contains("<a href=\"7.html\">7</a>"));
    assert!(index.contains("8: not processed"));
    let page = std::fs::read_to_string(dir.path().join("7.html")).unwrap();
    assert_eq!(page.matches("<mark ").count(), 1);
    assert!(page.contains("<a href=\"index.html\">All documents</a>"));
    assert!(dir.path().join("errors.jsonl").exists());
}

#[test]
fn errors_in_each_format() {
    let corpus = "{\"id\": 1, \"text\": \"Georgia\"}\nnot json\n";
    let run = |format: &str| {
        let a = entx()
            .args(["extract", "--no-builtin", "--no-rules", "-g"])
            .arg(fixture("gazetteers/small.tsv"))
            .args(["--input", "jsonl", "--format", format])
            .write_stdin(corpus)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("-:2:"));
        String::from_utf8(a.get_output().stdout.clone()).unwrap()
    };
    let conll = run("conll");
    assert!(conll.starts_with("-DOCSTART-\tO\n\nGeorgia\tB-LOC\n\n"));
    let last = conll.lines().last().unwrap();
    // A JSONL error is named PATH:LINE, here stdin's `-` and line 2.
    assert!(last.starts_with("# error: {\"id\":\"-:2\",\"error\":"), "{last}");
    assert!(last.ends_with(",\"line\":2}"), "{last}");
    let spacy = json_lines(run("spacy").as_bytes());
    assert_eq!(spacy[1]["line"], 2);
    assert!(spacy[1]["error"].is_string());
    let tsv = run("tsv");
    assert_eq!(tsv.lines().count(), 2, "header and one row: {tsv}");
    assert!(run("html").contains("Not processed (line 2)"));
}

#[test]
fn same_bytes_for_any_thread_count() {
    let corpus: String = (0..300)
        .map(|i| {
            format!(
                "{{\"id\": {i}, \"text\": \"Anna Kowalska met {i} in \
                 Georgia.\\nKowalska left.\"}}\n"
            )
        })
        .collect();
    for format in ["conll", "spacy", "tsv", "html"] {
        let one = format_of(
            &["--format", format, "--input", "jsonl", "-j", "1"],
            &corpus,
        );
        let four = format_of(
            &["--format", format, "--input", "jsonl", "-j", "4"],
            &corpus,
        );
        assert_eq!(one, four, "{format}");
    }
}

#[test]
fn usage_errors() {
    entx()
        .args(["extract", "--format", "brat"])
        .arg(fixture(ARTICLE))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--output-dir"));
    entx()
        .args(["extract", "--format", "conll", "--pretty"])
        .arg(fixture(ARTICLE))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--pretty"));
    entx()
        .args(["extract", "--output-dir", "x"])
        .arg(fixture(ARTICLE))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--output-dir applies"));
}

/// A mention found by a rule (a company suffix) has no gazetteer id:
/// kb_id "" in spacy, an empty entity column in tsv, "-" in brat's note.
/// "Quarrington Widgets Ltd" is code points 10..33.
#[test]
fn rule_mentions_have_no_entity() {
    let text = "Shares of Quarrington Widgets Ltd rose.";
    let run = |format: &str| {
        let out = entx()
            .args(["extract", "--format", format])
            .write_stdin(text)
            .ok_stdout();
        String::from_utf8(out).unwrap()
    };
    let spacy = json_lines(run("spacy").as_bytes());
    assert_eq!(
        spacy[0]["ents"],
        serde_json::json!([
            {"start": 10, "end": 33, "label": "ORG", "kb_id": ""}
        ])
    );
    let tsv = run("tsv");
    let row: Vec<&str> = tsv.lines().nth(1).unwrap().split('\t').collect();
    assert_eq!(row[..6], ["-", "10", "33", "ORG", "", ""]);
    assert!(row[7].starts_with("rule:"), "{row:?}");
}
