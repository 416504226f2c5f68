//! The `entx` binary: parse arguments, run, and turn the outcome into an
//! exit code. A closed stdout (`entx … | head`) is a clean exit.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match entx::cli::run() {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            // writeln!, not the eprint macros: a closed stderr must not
            // turn an error into a panic.
            let _ = writeln!(std::io::stderr(), "entx: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Rust ignores SIGPIPE, so a closed pipe arrives as an `io::Error`
/// somewhere in the chain (ripgrep's `main` does the same walk).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
