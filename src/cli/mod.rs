//! The command line: the only part of entx that knows about argv, the
//! environment, stdout, stderr and exit codes. Each subcommand lives in the
//! module of the same name.

mod extract;
mod messages;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use crate::{CaseMode, Extractor, ExtractorBuilder, Gazetteer};

pub use self::messages::Messages;

const EXAMPLES: &str = "\
Examples:
  entx extract article.txt                      tag one article
  cat article.txt | entx extract                the same, from stdin
  entx extract --pretty article.txt             indented JSON, for reading
  entx extract -g people.tsv --no-builtin a.txt only your own gazetteer
  entx extract a.txt | jq -r '.mentions[] | [.type, .text] | @tsv'

Exit status: 0 on success, 1 when a check or an evaluation gate fails,
2 when something went wrong (bad gazetteer, unreadable input).";

/// Find the people, organizations and places in news text.
#[derive(Debug, Parser)]
#[command(name = "entx", version, after_long_help = EXAMPLES)]
#[command(max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Tag articles and print one JSON object per article.
    Extract(extract::Args),
}

/// Options shared by every command that builds an extractor.
#[derive(Debug, clap::Args)]
pub struct GazetteerArgs {
    /// Add a gazetteer file or directory (repeatable). Files ending in
    /// .jsonl are read as spaCy EntityRuler patterns, others as entx TSV.
    #[arg(short = 'g', long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,

    /// Leave out the built-in gazetteer.
    #[arg(long)]
    no_builtin: bool,

    /// How the case of text must relate to an alias's: smart lets text be
    /// more capitalized than the alias, never less.
    #[arg(long, value_enum, default_value_t = CaseArg::Smart)]
    case: CaseArg,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CaseArg {
    Smart,
    Sensitive,
    Insensitive,
}

impl GazetteerArgs {
    /// Load the gazetteers and compile them, reporting load warnings.
    pub fn build(&self, msgs: &Messages) -> anyhow::Result<Extractor> {
        let mut gaz = Gazetteer::new();
        if !self.no_builtin {
            gaz.add_builtin().context("loading the built-in gazetteer")?;
        }
        for path in &self.gazetteers {
            gaz.add_path(path)?;
        }
        if gaz.is_empty() {
            anyhow::bail!(
                "no gazetteer entities: give -g PATH, or drop --no-builtin"
            );
        }
        let case = match self.case {
            CaseArg::Smart => CaseMode::Smart,
            CaseArg::Sensitive => CaseMode::Sensitive,
            CaseArg::Insensitive => CaseMode::Insensitive,
        };
        let extractor = ExtractorBuilder::new().case(case).build(gaz)?;
        for w in extractor.warnings() {
            msgs.warn(w);
        }
        Ok(extractor)
    }
}

/// Parse argv and run the chosen command.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract::run(args),
    }
}

/// Standard output, locked once, line-buffered on a terminal and
/// block-buffered otherwise.
pub fn stdout() -> Box<dyn Write> {
    let out = io::stdout();
    if out.is_terminal() {
        Box::new(io::LineWriter::new(out.lock()))
    } else {
        Box::new(io::BufWriter::with_capacity(1 << 16, out.lock()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_debug_assert() {
        Cli::command().debug_assert();
    }
}
