use std::path::Path;

use predicates::prelude::*;

use crate::util::{entx, fixture, OkStdout};

/// A temporary copy of fixtures/check-cases with `*.want.json` renamed to
/// `*.expected.json` (see its README), plus the test gazetteer.
fn cases() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["basic.txt", "records.jsonl"] {
        std::fs::copy(
            fixture("check-cases").join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    for stem in ["basic", "records"] {
        std::fs::copy(
            fixture("check-cases").join(format!("{stem}.want.json")),
            dir.path().join(format!("{stem}.expected.json")),
        )
        .unwrap();
    }
    std::fs::copy(
        fixture("gazetteers/small.tsv"),
        dir.path().join("small.tsv"),
    )
    .unwrap();
    dir
}

/// `entx check --no-builtin -g small.tsv` run inside `dir`.
fn check(dir: &Path) -> assert_cmd::Command {
    let mut cmd = entx();
    cmd.current_dir(dir).args(["check", "--no-builtin", "-g", "small.tsv"]);
    cmd
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn all_pass() {
    let dir = cases();
    check(dir.path()).arg(".").assert().code(0).stderr("").stdout(
        "ok     ./basic.txt\nok     ./records.jsonl\n2 passed, 0 failed\n",
    );
}

#[test]
fn repository_fixtures_pass() {
    // The golden test CI runs: every fixture in the repository, with the
    // built-in gazetteer. Test inputs without an expected file are skipped.
    entx()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "fixtures/"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "ok     fixtures/articles/soleimani-anniversary.txt\n",
        ))
        .stdout(predicate::str::ends_with(" passed, 0 failed\n"));
}

#[test]
fn one_drifted_shows_exactly_the_changed_mention() {
    let dir = cases();
    // The gazetteer changes an id: one mention of basic.txt (Gdańsk) now
    // points elsewhere; records.jsonl has no Gdańsk and still passes.
    let gaz = read(dir.path().join("small.tsv"));
    let gaz = gaz.replace("gdansk\tCITY", "gdansk-pl\tCITY");
    std::fs::write(dir.path().join("small.tsv"), gaz).unwrap();
    let before = read(dir.path().join("basic.expected.json"));
    let out = check(dir.path()).arg(".").assert().code(1).stderr("");
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let want = "\
FAIL   ./basic.txt
    document 1 (basic.txt): 0 missing, 0 unexpected, 1 changed mentions
      ~ changed    CITY    gdansk                        24..30  Anna \
Kowalska flew from [Gdańsk] to Georgia on Monday.\\nKowalsk…
          entity: \"gdansk\" → \"gdansk-pl\"
ok     ./records.jsonl
1 passed, 1 failed
";
    assert_eq!(stdout, want, "got:\n{stdout}");
    // A failing check never writes.
    assert_eq!(read(dir.path().join("basic.expected.json")), before);
}

#[test]
fn drift_lists_missing_and_unexpected_with_context() {
    let dir = cases();
    let path = dir.path().join("basic.txt");
    // "Georgia" becomes "Gruzia" (same length: later offsets stay put) and
    // a new mention appears at the end.
    let text = read(&path).replace("Georgia", "Gruzia ") + "Danzig.\n";
    std::fs::write(&path, text).unwrap();
    check(dir.path())
        .arg("basic.txt")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "document 1 (basic.txt): 1 missing, 1 unexpected, 0 changed",
        ))
        .stdout(predicate::str::contains(
            "- missing    LOC     georgia-country               34..41  \
             … Kowalska flew from Gdańsk to [Gruzia ] on \
             Monday.\\nKowalska said the …\n",
        ))
        .stdout(predicate::str::contains(
            "+ unexpected CITY    gdansk                        87..93  \
             …lska said the trip was short.\\n[Danzig].\\n\n",
        ))
        .stdout(predicate::str::ends_with("0 passed, 1 failed\n"));
}

#[test]
fn bless_then_pass_and_matching_files_untouched() {
    let dir = cases();
    let gaz = read(dir.path().join("small.tsv"))
        .replace("gdansk\tCITY", "gdansk-pl\tCITY");
    std::fs::write(dir.path().join("small.tsv"), gaz).unwrap();
    // A matching expected file in another layout (compact JSON Lines):
    // equal as JSON, so --bless must leave its bytes alone.
    let compact: String = read(dir.path().join("records.expected.json"))
        .split_inclusive("\n}\n")
        .map(|doc| {
            let v: serde_json::Value = serde_json::from_str(doc).unwrap();
            format!("{v}\n")
        })
        .collect();
    std::fs::write(dir.path().join("records.expected.json"), &compact)
        .unwrap();

    check(dir.path())
        .args(["--bless", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "blessed  ./basic.txt → ./basic.expected.json\n",
        ))
        .stdout(predicate::str::contains("ok     ./records.jsonl\n"))
        .stdout(predicate::str::ends_with("1 passed, 0 failed, 1 blessed\n"));
    assert_eq!(read(dir.path().join("records.expected.json")), compact);
    let blessed = read(dir.path().join("basic.expected.json"));
    assert!(blessed.contains("\"entity\": \"gdansk-pl\""), "{blessed}");

    check(dir.path())
        .arg(".")
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("2 passed, 0 failed\n"));
}

#[test]
fn bless_creates_exactly_what_extract_prints() {
    let dir = cases();
    std::fs::write(dir.path().join("new.txt"), "Danzig and Gdańsk.").unwrap();
    check(dir.path())
        .args(["--bless", "new.txt"])
        .assert()
        .code(0)
        .stdout("created  new.txt → new.expected.json\n0 passed, 0 failed, 1 blessed\n");
    let extracted = entx()
        .current_dir(dir.path())
        .args(["extract", "--pretty", "--no-builtin", "-g", "small.tsv"])
        .arg("new.txt")
        .ok_stdout();
    assert_eq!(
        read(dir.path().join("new.expected.json")).as_bytes(),
        extracted
    );
    check(dir.path()).arg("new.txt").assert().code(0);
}

#[test]
fn txt_id_is_the_file_name_wherever_check_runs() {
    let dir = cases();
    // Run from the parent directory: the path differs, the id does not.
    let parent = dir.path().parent().unwrap();
    let name = dir.path().file_name().unwrap().to_str().unwrap();
    entx()
        .current_dir(parent)
        .args(["check", "--no-builtin", "-g"])
        .arg(dir.path().join("small.tsv"))
        .arg(format!("{name}/basic.txt"))
        .assert()
        .code(0);
}

#[test]
fn missing_expected_file_is_an_error() {
    let dir = cases();
    std::fs::write(dir.path().join("new.txt"), "Gdańsk").unwrap();
    check(dir.path())
        .args(["new.txt", "basic.txt"])
        .assert()
        .code(2)
        .stdout("ok     basic.txt\n1 passed, 0 failed, 1 error\n")
        .stderr(
            "entx: new.txt: no expected file new.expected.json; create it \
             with `entx check --bless new.txt`\n",
        );
}

#[test]
fn expected_file_without_article_is_an_error() {
    let dir = cases();
    std::fs::write(dir.path().join("orphan.expected.json"), "{}").unwrap();
    check(dir.path())
        .arg(".")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "entx: ./orphan.expected.json: no article beside it: expected \
             orphan.txt or orphan.jsonl",
        ))
        .stdout(predicate::str::ends_with("2 passed, 0 failed, 1 error\n"));
}

#[test]
fn unreadable_input_and_bad_expected_json_are_errors() {
    let dir = cases();
    std::fs::write(dir.path().join("basic.expected.json"), "{\"id\": ")
        .unwrap();
    check(dir.path())
        .args(["basic.txt", "nope.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "entx: basic.expected.json:1: invalid JSON: EOF while parsing",
        ))
        .stderr(predicate::str::contains("entx: nope.txt: "));
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    check(dir.path()).arg("empty").assert().code(2).stderr(
        "entx: empty: no fixtures found: expected ARTICLE.txt or \
         ARTICLE.jsonl beside ARTICLE.expected.json\n",
    );
}

#[test]
fn jsonl_fixture_ids_come_from_records() {
    let dir = cases();
    let path = dir.path().join("records.expected.json");
    std::fs::write(&path, read(&path).replace("\"r2\"", "\"r9\"")).unwrap();
    check(dir.path())
        .arg("records.jsonl")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
        "document 2 (r2): 0 missing, 0 unexpected, 0 changed mentions\n      \
             ~ field \"id\": \"r9\" → \"r2\"\n",
    ));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = cases();
    let path = dir.path().join("basic.txt");
    std::fs::write(&path, read(&path) + "Danzig.\n").unwrap();
    // Not a terminal: plain, whatever NO_COLOR says.
    check(dir.path())
        .arg("basic.txt")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\x1b[").not());
    check(dir.path())
        .args(["--color", "always", "basic.txt"])
        .env("NO_COLOR", "1")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\x1b[32m+\x1b[0m unexpected"));
    check(dir.path())
        .args(["--color", "never", "basic.txt"])
        .assert()
        .stdout(predicate::str::contains("\x1b[").not());
}
