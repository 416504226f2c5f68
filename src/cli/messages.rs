//! Diagnostics on stderr: every line starts with `entx: `, and any error
//! sets a flag that turns the final exit code into 2 after the rest of the
//! batch has run.

use std::sync::atomic::{AtomicBool, Ordering};

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
    pub fn error(&self, msg: impl std::fmt::Display) {
        self.errored.store(true, Ordering::Relaxed);
        if !self.quiet {
            eprintln!("entx: {msg}");
        }
    }

    /// Report a warning (no effect on the exit code).
    pub fn warn(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("entx: warning: {msg}");
        }
    }

    /// Whether any error was reported.
    pub fn has_errored(&self) -> bool {
        self.errored.load(Ordering::Relaxed)
    }
}
