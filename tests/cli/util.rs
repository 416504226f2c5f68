//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// The `entx` binary, with a hermetic environment.
pub fn entx() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_entx"));
    cmd.env_remove("NO_COLOR").env("TERM", "dumb");
    cmd
}

/// A path under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel)
}

/// Parse JSON Lines output.
pub fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(out)
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// `(type, entity, text)` of each mention of one output document.
pub fn mentions(doc: &serde_json::Value) -> Vec<(String, String, String)> {
    doc["mentions"]
        .as_array()
        .expect("mentions array")
        .iter()
        .map(|m| {
            (
                m["type"].as_str().unwrap().to_string(),
                m["entity"].as_str().unwrap().to_string(),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Run a command that must succeed and return its stdout.
pub trait OkStdout {
    /// `assert().success()`, then the captured stdout.
    fn ok_stdout(&mut self) -> Vec<u8>;
}

impl OkStdout for assert_cmd::Command {
    fn ok_stdout(&mut self) -> Vec<u8> {
        self.assert().success().get_output().stdout.clone()
    }
}
