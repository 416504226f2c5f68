use std::path::Path;

use predicates::prelude::*;

use crate::util::{entx, fixture};

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
    // The *.want.json files are in the older format (`extract --pretty`
    // output, absolute offsets): still read and compared.
    let dir = cases();
    check(dir.path()).arg(".").assert().code(0).stderr("").stdout(
        "ok     ./basic.txt\nok     ./records.jsonl\n2 passed, 0 failed\n",
    );
}

#[test]
fn repository_fixtures_pass() {
    // The golden test CI runs: every article in fixtures/articles, with the
    // built-in gazetteer.
    entx()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "fixtures/articles/"])
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
    // a new mention appears at the end. The missing mention is shown by
    // its text: the current text no longer reads "Georgia" there, and
    // context cut from it would be from the wrong words.
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
             \"Georgia\"\n",
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
            "updated  ./basic.txt → ./basic.expected.json\n",
        ))
        .stdout(predicate::str::contains("ok     ./records.jsonl\n"))
        .stdout(predicate::str::ends_with(
            "1 passed, 0 failed, 0 created, 1 updated\n",
        ));
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
fn bless_creates_a_snapshot_one_mention_a_line() {
    let dir = cases();
    std::fs::write(dir.path().join("new.txt"), "Danzig and Gdańsk.").unwrap();
    check(dir.path()).args(["--bless", "new.txt"]).assert().code(0).stdout(
        "created  new.txt → new.expected.json\n\
             0 passed, 0 failed, 1 created, 0 updated\n",
    );
    // "Danzig" at code point 0 and "Gdańsk" at 11, both on line 1: both
    // aliases of gdansk in small.tsv.
    let want = r#"{
  "id": "new.txt",
  "mentions": [
    {"at": "1:0", "text": "Danzig", "type": "CITY", "entity": "gdansk", "name": "Gdańsk", "via": "gazetteer"},
    {"at": "1:11", "text": "Gdańsk", "type": "CITY", "entity": "gdansk", "name": "Gdańsk", "via": "gazetteer"}
  ],
  "entities": [
    {"entity": "gdansk", "name": "Gdańsk", "type": "CITY", "count": 2, "first": "1:0"}
  ]
}
"#;
    assert_eq!(read(dir.path().join("new.expected.json")), want);
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
fn article_without_expected_file_is_new() {
    let dir = cases();
    std::fs::write(dir.path().join("new.txt"), "Gdańsk").unwrap();
    check(dir.path())
        .args(["new.txt", "basic.txt"])
        .assert()
        .code(1)
        .stderr("")
        .stdout(
            "new    new.txt (no new.expected.json: `entx check --bless \
             new.txt` creates it)\nok     basic.txt\n\
             1 passed, 0 failed, 1 new\n",
        );
    // In a folder too: every article is a fixture.
    check(dir.path())
        .arg(".")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("new    ./new.txt "))
        .stdout(predicate::str::ends_with("2 passed, 0 failed, 1 new\n"));
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
             orphan.txt or orphan.jsonl (delete it if the article is gone)",
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
        "entx: empty: no fixtures found: expected articles (*.txt, \
         *.jsonl, *.ndjson)\n",
    );
}

#[test]
fn jsonl_fixture_ids_come_from_records() {
    let dir = cases();
    let path = dir.path().join("records.expected.json");
    std::fs::write(&path, read(&path).replace("\"r2\"", "\"r9\"")).unwrap();
    // Documents pair by id: r2 is new, r9 is gone.
    check(dir.path()).arg("records.jsonl").assert().code(1).stdout(
        "FAIL   records.jsonl\n    \
         + document 2 (r2): in the output, not expected\n    \
         - document 2 (r9): expected, not in the output\n\
         0 passed, 1 failed\n",
    );
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

/// `cases()` with both expected files rewritten by `--bless` into the
/// snapshot format (deleted first, so `--bless` creates them).
fn blessed_cases() -> tempfile::TempDir {
    let dir = cases();
    for stem in ["basic", "records"] {
        std::fs::remove_file(dir.path().join(format!("{stem}.expected.json")))
            .unwrap();
    }
    check(dir.path()).args(["--bless", "."]).assert().code(0).stdout(
        predicate::str::ends_with(
            "0 passed, 0 failed, 2 created, 0 updated\n",
        ),
    );
    dir
}

#[test]
fn new_drifted_and_moved_then_bless() {
    let dir = blessed_cases();
    // basic.txt gains a word in front of line 1 (10 code points: the three
    // mentions there move, Kowalska on line 2 stays at 2:0) and a line 3
    // with a new mention; new.txt has no expected file.
    let path = dir.path().join("basic.txt");
    std::fs::write(&path, format!("Yesterday {}Danzig.\n", read(&path)))
        .unwrap();
    std::fs::write(dir.path().join("new.txt"), "Gdańsk").unwrap();
    let out = check(dir.path()).arg(".").assert().code(1).stderr("");
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    // Context: 30 code points either side, counted by hand on
    // "Yesterday Anna Kowalska flew from Gdańsk to Georgia on Monday.\n…".
    let want = "\
FAIL   ./basic.txt
    document 1 (basic.txt): 0 missing, 1 unexpected, 0 changed, 3 moved \
mentions
      > moved      PERSON  anna-kowalska             1:0 → 1:10  \
Yesterday [Anna Kowalska] flew from Gdańsk to Georgia o…
      > moved      CITY    gdansk                   1:24 → 1:34  \
…erday Anna Kowalska flew from [Gdańsk] to Georgia on Monday.\\nKowalsk…
      > moved      LOC     georgia-country          1:34 → 1:44  \
… Kowalska flew from Gdańsk to [Georgia] on Monday.\\nKowalska said the …
      + unexpected CITY    gdansk                           3:0  \
…lska said the trip was short.\\n[Danzig].\\n
new    ./new.txt (no new.expected.json: `entx check --bless ./new.txt` \
creates it)
ok     ./records.jsonl
1 passed, 1 failed, 1 new
";
    assert_eq!(stdout, want, "got:\n{stdout}");

    check(dir.path()).args(["--bless", "."]).assert().code(0).stdout(
        "updated  ./basic.txt → ./basic.expected.json\n\
         created  ./new.txt → ./new.expected.json\n\
         ok     ./records.jsonl\n\
         1 passed, 0 failed, 1 created, 1 updated\n",
    );
    check(dir.path())
        .arg(".")
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("3 passed, 0 failed\n"));
}

#[test]
fn an_inserted_word_changes_only_that_lines_mentions() {
    // What `git diff` shows after a --bless: the lines that differ.
    let dir = blessed_cases();
    let expected = dir.path().join("basic.expected.json");
    let before = read(&expected);
    let path = dir.path().join("basic.txt");
    std::fs::write(&path, format!("Yesterday {}", read(&path))).unwrap();
    check(dir.path()).args(["--bless", "basic.txt"]).assert().code(0);
    let after = read(&expected);
    let changed: Vec<(&str, &str)> =
        before.lines().zip(after.lines()).filter(|(b, a)| b != a).collect();
    assert_eq!(before.lines().count(), after.lines().count());
    // The three mentions of line 1 and the "first" of their three
    // entities; Kowalska's mention at 2:0 is untouched.
    assert_eq!(changed.len(), 6, "{changed:#?}");
    assert!(after.contains("{\"at\": \"2:0\", \"text\": \"Kowalska\""));
    assert!(after.contains("{\"at\": \"1:44\", \"text\": \"Georgia\""));
}

#[test]
fn jsonl_record_inserted_in_front_is_one_new_document() {
    let dir = blessed_cases();
    let path = dir.path().join("records.jsonl");
    std::fs::write(
        &path,
        format!("{{\"id\": \"r0\", \"text\": \"Danzig.\"}}\n{}", read(&path)),
    )
    .unwrap();
    // r1 and r2 pair by id wherever they are: only r0 is reported.
    check(dir.path()).arg("records.jsonl").assert().code(1).stdout(
        "FAIL   records.jsonl\n    \
         + document 1 (r0): in the output, not expected\n\
         0 passed, 1 failed\n",
    );
    check(dir.path())
        .args(["--bless", "records.jsonl"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("updated  records.jsonl"));
    check(dir.path()).arg("records.jsonl").assert().code(0);
}

#[test]
fn older_format_with_a_word_inserted_shows_moved_mentions() {
    // basic.want.json has absolute offsets: every mention shifts by the 10
    // code points of "Yesterday ", and is reported as moved (old → new
    // offsets), not as missing plus unexpected with context cut from the
    // wrong words.
    let dir = cases();
    let path = dir.path().join("basic.txt");
    std::fs::write(&path, format!("Yesterday {}", read(&path))).unwrap();
    check(dir.path())
        .arg("basic.txt")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "document 1 (basic.txt): 0 missing, 0 unexpected, 0 changed, \
             4 moved mentions\n",
        ))
        .stdout(predicate::str::contains(
            "      > moved      PERSON  anna-kowalska            \
             0..13 → 10..23  Yesterday [Anna Kowalska] flew",
        ))
        .stdout(predicate::str::contains(
            "      > moved      PERSON  anna-kowalska            \
             53..61 → 63..71  ",
        ))
        .stdout(predicate::str::ends_with("0 passed, 1 failed\n"));
}
