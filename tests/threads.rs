//! Output must not depend on the number of worker threads: random small
//! corpora (JSONL and text files, some records broken, sometimes a file
//! large enough to be cut into several chunks) give byte-identical stdout,
//! stderr and exit codes with `--threads 1` and `--threads 3`.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use proptest::prelude::*;

/// Words from the built-in gazetteer mixed with filler, separators and a
/// few characters that exercise folding.
const WORDS: &[&str] = &[
    "Iran", "Iraq", "Baghdad", "U.S.", "IRAN", "iraq", "the", "and", "a",
    "Tehran", "said", "é", "ß", "’s", "-", ",", ".", "\\n", "\\u00e9",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(WORDS),
            prop::sample::select(&[" ", "", "  "][..]),
        ),
        0..40,
    )
    .prop_map(|v| v.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

/// One JSONL line: usually a record, sometimes a broken one.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (any::<u16>(), text()).prop_map(|(id, t)| {
            format!("{{\"id\":{id},\"text\":\"{t}\"}}")
        }),
        1 => text().prop_map(|t| format!("{{\"text\":\"{t}\"}}")),
        1 => Just("{\"id\":\"bad\",\"text\":7}".to_string()),
        1 => Just("{not json".to_string()),
        1 => Just(String::new()),
    ]
}

#[derive(Clone, Debug)]
enum File {
    Jsonl(Vec<String>),
    Text(String),
}

fn file() -> impl Strategy<Value = File> {
    prop_oneof![
        3 => prop::collection::vec(line(), 0..30).prop_map(File::Jsonl),
        1 => text().prop_map(|t| File::Text(t.replace("\\n", "\n"))),
    ]
}

fn write_corpus(dir: &Path, files: &[File], big: bool) -> Vec<String> {
    let mut names = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let (name, mut body) = match f {
            File::Jsonl(lines) => {
                (format!("f{i}.jsonl"), lines.join("\n") + "\n")
            }
            File::Text(t) => (format!("f{i}.txt"), t.clone()),
        };
        // Over 1 MiB, a JSONL file is cut into several chunks, which
        // different workers then process out of order.
        if big && i == 0 && matches!(f, File::Jsonl(_)) {
            let one = body.clone();
            while body.len() < (5 << 20) / 2 && !one.trim().is_empty() {
                body.push_str(&one);
            }
        }
        std::fs::write(dir.join(&name), body).unwrap();
        names.push(name);
    }
    names
}

fn run(dir: &Path, names: &[String], threads: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_entx"))
        .current_dir(dir)
        .args(["extract", "--threads", threads])
        .args(names)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes on other threads so a full pipe cannot block the
    // child while we wait for it.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).unwrap();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).unwrap();
        v
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("entx --threads {threads} did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output { status, stdout: out.join().unwrap(), stderr: err.join().unwrap() }
}

proptest! {
    // Each case spawns two processes: keep the count low.
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn one_and_three_threads_give_identical_output(
        files in prop::collection::vec(file(), 1..6),
        big in prop::bool::weighted(0.25),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let names = write_corpus(dir.path(), &files, big);
        let one = run(dir.path(), &names, "1");
        let three = run(dir.path(), &names, "3");
        prop_assert_ne!(one.status.code(), Some(101), "panicked");
        prop_assert_eq!(one.status.code(), three.status.code());
        prop_assert!(one.stdout == three.stdout, "stdout differs");
        prop_assert_eq!(
            String::from_utf8_lossy(&one.stderr),
            String::from_utf8_lossy(&three.stderr)
        );
        // One output line per input record or text file.
        let records: usize = files
            .iter()
            .map(|f| match f {
                File::Jsonl(lines) => {
                    lines.iter().filter(|l| !l.trim().is_empty()).count()
                }
                File::Text(_) => 1,
            })
            .sum();
        let lines = one.stdout.iter().filter(|&&b| b == b'\n').count();
        if big {
            prop_assert!(lines >= records);
        } else {
            prop_assert_eq!(lines, records);
        }
    }
}
