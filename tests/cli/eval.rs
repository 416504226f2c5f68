//! The expected scores are worked out by hand in fixtures/eval/README.md.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{entx, fixture};

/// `entx eval --format json` on fixtures/eval files, parsed.
fn eval_json(gold: &str, pred: &str, extra: &[&str]) -> Value {
    let out = entx()
        .args(["eval", "--format", "json", "--gold"])
        .arg(fixture(gold))
        .arg("--pred")
        .arg(fixture(pred))
        .args(extra)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("JSON output")
}

/// (tp, fp, fn) of a score object.
fn counts(v: &Value) -> (u64, u64, u64) {
    let n = |k: &str| v[k].as_u64().unwrap_or_else(|| panic!("{k} in {v}"));
    (n("tp"), n("fp"), n("fn"))
}

fn close(got: &Value, want: f64) {
    let got = got.as_f64().expect("a number");
    assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
}

/// Checks tp/fp/fn and P/R/F1 against hand-computed values.
fn assert_scores(v: &Value, tp_fp_fn: (u64, u64, u64), prf: (f64, f64, f64)) {
    assert_eq!(counts(v), tp_fp_fn, "{v}");
    close(&v["precision"], prf.0);
    close(&v["recall"], prf.1);
    close(&v["f1"], prf.2);
    assert_eq!(v["support"].as_u64(), Some(tp_fp_fn.0 + tp_fp_fn.2));
}

#[test]
fn every_measure_on_a_hand_computed_pair() {
    let r = eval_json("eval/gold.jsonl", "eval/pred.jsonl", &[]);
    let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["entity", "partial", "span", "strict"]);

    assert_scores(&r["strict"]["micro"], (4, 4, 4), (0.5, 0.5, 0.5));
    let strict = &r["strict"]["per_type"];
    let third = 2.0 / 3.0;
    assert_scores(&strict["PER"], (2, 1, 1), (third, third, third));
    assert_scores(&strict["ORG"], (2, 2, 0), (0.5, 1.0, third));
    assert_scores(&strict["LOC"], (0, 1, 3), (0.0, 0.0, 0.0));
    assert_eq!(strict.as_object().unwrap().len(), 3);

    assert_scores(&r["span"]["micro"], (5, 3, 3), (0.625, 0.625, 0.625));
    assert_scores(
        &r["span"]["per_type"]["LOC"],
        (1, 1, 2),
        (0.5, 1.0 / 3.0, 0.4),
    );
    assert_scores(&r["span"]["per_type"]["ORG"], (2, 1, 0), (third, 1.0, 0.8));

    assert_scores(&r["partial"]["micro"], (6, 2, 2), (0.75, 0.75, 0.75));
    assert_scores(&r["entity"]["micro"], (5, 3, 3), (0.625, 0.625, 0.625));
}

#[test]
fn table_by_default() {
    entx()
        .args(["eval", "--gold"])
        .arg(fixture("eval/gold.jsonl"))
        .arg("--pred")
        .arg(fixture("eval/pred.jsonl"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "measure  type     precision  recall      f1      tp      fp      fn  support\n",
        ))
        .stdout(predicate::str::contains(
            "strict   ORG         0.5000  1.0000  0.6667       2       2       0        2\n\
             strict   PER         0.6667  0.6667  0.6667       2       1       1        3\n\
             strict   micro       0.5000  0.5000  0.5000       4       4       4        8\n",
        ))
        .stdout(predicate::str::contains(
            "1 prediction inside MISC spans not scored",
        ))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn ignore_in_and_map_options() {
    // "Indian" inside the MISC span now counts: P = 4/9, R = 1/2.
    let r =
        eval_json("eval/gold.jsonl", "eval/pred.jsonl", &["--ignore-in", ""]);
    assert_scores(
        &r["strict"]["micro"],
        (4, 5, 4),
        (4.0 / 9.0, 0.5, 8.0 / 17.0),
    );
    // No renaming: PERSON and GPE fall out of PER,ORG,LOC.
    let r = eval_json("eval/gold.jsonl", "eval/pred.jsonl", &["--map", ""]);
    assert_scores(&r["strict"]["micro"], (2, 3, 0), (0.4, 1.0, 4.0 / 7.0));
    // --types restricts.
    let r =
        eval_json("eval/gold.jsonl", "eval/pred.jsonl", &["--types", "ORG"]);
    assert_scores(&r["strict"]["micro"], (2, 2, 0), (0.5, 1.0, 2.0 / 3.0));
    assert_eq!(r["strict"]["per_type"].as_object().unwrap().len(), 1);
}

#[test]
fn spacy_gold_scores_like_jsonl_gold() {
    let r = eval_json("eval/gold.spacy.jsonl", "eval/pred.jsonl", &[]);
    assert_scores(&r["strict"]["micro"], (4, 4, 4), (0.5, 0.5, 0.5));
    // No entity ids in spaCy spans: no entity measure.
    assert_eq!(r["entity"], Value::Null);
}

#[test]
fn conll_iob1_and_iob2() {
    for gold in ["eval/iob1.conll", "eval/iob2.conll"] {
        let r = eval_json(gold, "eval/conll-pred.jsonl", &[]);
        assert_scores(
            &r["strict"]["micro"],
            (2, 1, 2),
            (2.0 / 3.0, 0.5, 4.0 / 7.0),
        );
        assert_scores(
            &r["partial"]["micro"],
            (3, 0, 1),
            (1.0, 0.75, 6.0 / 7.0),
        );
    }
    // Forced, whatever the file is called.
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.data");
    std::fs::copy(fixture("eval/iob1.conll"), &gold).unwrap();
    let out = entx()
        .args(["eval", "--format", "json", "--gold-format", "conll", "--gold"])
        .arg(&gold)
        .arg("--pred")
        .arg(fixture("eval/conll-pred.jsonl"))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let r: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(counts(&r["strict"]["micro"]), (2, 1, 2));
}

#[test]
fn min_f1_gate() {
    let run = |min: &str| {
        let mut cmd = entx();
        cmd.args(["eval", "--gold"])
            .arg(fixture("eval/gold.jsonl"))
            .arg("--pred")
            .arg(fixture("eval/pred.jsonl"))
            .args(["--min-f1", min]);
        cmd.assert()
    };
    // Strict micro F1 is exactly 0.5.
    run("0.5").code(0).stderr("");
    run("0.49").code(0);
    run("0.51")
        .code(1)
        .stderr("entx: strict micro F1 0.5000 is below --min-f1 0.51\n");
    run("1.5").code(2).stderr(predicate::str::contains("between 0 and 1"));
}

#[test]
fn errors_with_context() {
    entx()
        .args(["eval", "--errors", "2", "--gold"])
        .arg(fixture("eval/gold.jsonl"))
        .arg("--pred")
        .arg(fixture("eval/pred.jsonl"))
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with(
            "first 2 strict errors (FP: predicted, not in gold; FN: gold, \
             not predicted):\n  \
             FN  g1  PER         18..33  Angela Merkel met [Emmanuel Macron] \
             in Paris.\n  \
             FP  g1  PER         27..33  Angela Merkel met Emmanuel [Macron] \
             in Paris.\n",
        ));
    let r =
        eval_json("eval/gold.jsonl", "eval/pred.jsonl", &["--errors", "1"]);
    assert_eq!(
        r["errors"],
        serde_json::json!([{"kind": "fn", "doc": "g1", "type": "PER",
                            "start": 18, "end": 33, "text": "Emmanuel Macron"}])
    );
}

#[test]
fn extracts_when_no_predictions_are_given() {
    let run = |extra: &[&str]| {
        let out = entx()
            .args(["eval", "--format", "json", "--no-builtin", "-g"])
            .arg(fixture("gazetteers/small.tsv"))
            .arg("--gold")
            .arg(fixture("eval/small-gold.jsonl"))
            .args(extra)
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice::<Value>(&out).unwrap()
    };
    // Gdańsk is a CITY in small.tsv: not a scored type.
    let r = run(&[]);
    assert_scores(&r["strict"]["micro"], (1, 0, 1), (1.0, 0.5, 2.0 / 3.0));
    // Entity ids agree with the gold's.
    assert_eq!(counts(&r["entity"]["micro"]), (1, 0, 1));
    let r = run(&["--map", "PERSON=PER,CITY=LOC"]);
    assert_scores(&r["strict"]["micro"], (2, 0, 0), (1.0, 1.0, 1.0));
    // The same texts given as CORPUS.
    let r = run(&[fixture("eval/small-gold.jsonl").to_str().unwrap()]);
    assert_eq!(counts(&r["strict"]["micro"]), (1, 0, 1));
}

#[test]
fn corpus_with_other_texts_is_an_error() {
    entx()
        .args(["eval", "--gold"])
        .arg(fixture("eval/gold.jsonl"))
        .arg(fixture("eval/gold.spacy.jsonl"))
        .assert()
        .code(0);
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(
        &corpus,
        "{\"text\": \"x\"}\n{\"text\": \"y\"}\n{\"text\": \"z\"}\n",
    )
    .unwrap();
    entx()
        .args(["eval", "--gold"])
        .arg(fixture("eval/gold.jsonl"))
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "corpus.jsonl:1: the text of document null differs from the \
             gold text",
        ));
}

#[test]
fn bad_inputs_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let short = dir.path().join("short.jsonl");
    std::fs::write(&short, "{\"id\": \"g1\", \"mentions\": []}\n").unwrap();
    entx()
        .args(["eval", "--gold"])
        .arg(fixture("eval/gold.jsonl"))
        .arg("--pred")
        .arg(&short)
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "entx: document count differs: the gold file has 3, the \
             predictions have 1\n",
        );
    let bad = dir.path().join("bad.conll");
    std::fs::write(&bad, "Kent B-ORG\nwon X-ORG\n").unwrap();
    entx()
        .args(["eval", "--gold"])
        .arg(&bad)
        .arg("--pred")
        .arg(&short)
        .assert()
        .code(2)
        .stderr(predicate::str::ends_with(
            "bad.conll:2: unknown tag \"X-ORG\": expected O, B-TYPE or I-TYPE \
             (IOB1 or IOB2)\n",
        ));
    entx()
        .args(["eval", "--gold", "no/such/gold.jsonl", "--pred", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("entx: no/such/gold.jsonl: "));
    entx()
        .args(["eval", "--gold"])
        .arg(fixture("eval/gold.jsonl"))
        .args(["--map", "PERSON"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--map: invalid mapping \"PERSON\""));
}
