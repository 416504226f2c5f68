//! Diagnostics on stderr: every line starts with `entx: `, and any error
//! sets a flag that turns the final exit code into 2 after the rest of the
//! batch has run. Lines are written with `writeln!` and write errors are
//! ignored: `eprintln!` panics when stderr is closed (`entx … 2>&-`), and a
//! message nobody can read must not turn into a crash.

use std::fmt::Display;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Write `entx: MSG` to stderr, whatever `--quiet` says (summaries the
/// user asked for, the reason for an exit status).
pub fn note(msg: impl Display) {
    let _ = writeln!(io::stderr().lock(), "entx: {msg}");
}

/// Where the CLI reports problems.
#[derive(Debug, Default)]
pub struct Messages {
    quiet: bool,
    errored: AtomicBool,
}

impl Messages {
    /// `quiet` silences warnings and per-record errors (the exit code
    /// still reports errors).
    pub fn new(quiet: bool) -> Messages {
        Messages { quiet, errored: AtomicBool::new(false) }
    }

    /// Report an error that does not stop the run.
    pub fn error(&self, msg: impl Display) {
        self.errored.store(true, Ordering::Relaxed);
        if !self.quiet {
            note(msg);
        }
    }

    /// Report a warning (no effect on the exit code).
    pub fn warn(&self, msg: impl Display) {
        if !self.quiet {
            note(format_args!("warning: {msg}"));
        }
    }

    /// Whether any error was reported.
    pub fn has_errored(&self) -> bool {
        self.errored.load(Ordering::Relaxed)
    }
}
