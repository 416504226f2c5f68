//! The command line: the only part of entx that knows about argv, the
//! environment, stdout, stderr and exit codes. Each subcommand lives in the
//! module of the same name.

mod check;
mod eval;
mod extract;
mod feed;
mod gazetteer;
mod messages;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::load::{self, LoadError, Sources};
use crate::{CaseMode, Extractor, Gazetteer};

pub use self::messages::Messages;

const EXAMPLES: &str = "\
Examples:
  entx extract article.txt                      tag one article
  cat article.txt | entx extract                the same, from stdin
  entx extract --pretty article.txt             indented JSON, for reading
  entx extract -g people.tsv --no-builtin --no-rules a.txt
                                                only your own gazetteer
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
    /// Compare extraction with golden fixtures (ARTICLE.expected.json).
    Check(check::Args),
    /// Score predictions (or entx itself) against annotated data.
    Eval(eval::Args),
    /// Look after gazetteers: build an index, stats, lint, export.
    Gazetteer(gazetteer::Args),
}

/// Options shared by every command that builds an extractor.
#[derive(Debug, clap::Args)]
pub struct GazetteerArgs {
    /// Add a gazetteer file or directory (repeatable). Files ending in
    /// .jsonl are read as spaCy EntityRuler patterns, others as entx TSV.
    #[arg(short = 'g', long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,

    /// Leave out the built-in gazetteer (its people, organizations,
    /// places and groups). The rules still run, with their own built-in
    /// word lists (given names, company suffixes, titles), and still find
    /// people and organizations; add --no-rules for your gazetteer's
    /// entries alone.
    #[arg(long)]
    no_builtin: bool,

    /// How the case of text must relate to an alias's: smart lets text be
    /// more capitalized than the alias, never less.
    #[arg(long, value_enum, default_value_t = CaseArg::Smart)]
    case: CaseArg,

    /// Gazetteer matches only: no rule-based sources (given name +
    /// surname, titles, company suffixes, propagation of names within an
    /// article …), and so none of their built-in word lists. Faster, and
    /// fewer people and organizations found. The gazetteers in use are
    /// unchanged (see --no-builtin).
    #[arg(long)]
    no_rules: bool,

    /// Switch one rule off (repeatable), by its name in `via`:
    /// given-name, initial, title, role, org-suffix, ampersand, team,
    /// propagation, org-propagation, acronym, acronym-definition,
    /// sports-context, family-name-first, longer-name, office, title-case,
    /// byline.
    #[arg(long, value_name = "RULE", value_parser = parse_rule)]
    rule_off: Vec<crate::rules::Rule>,
}

/// The JSONL record options shared by `extract` and `check`.
#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// JSONL field holding the text; repeat to join several fields with a
    /// blank line (offsets refer to the joined text). Dotted paths reach
    /// into nested objects: article.body
    #[arg(long, value_name = "PATH", default_value = "text")]
    text_field: Vec<String>,

    /// JSONL field holding the id, copied verbatim to the output.
    #[arg(long, value_name = "PATH", default_value = "id")]
    id_field: String,

    /// Copy this JSONL field to the output, after "id" (repeatable).
    #[arg(long, value_name = "PATH")]
    keep: Vec<String>,
}

/// Fields entx writes itself, which `--keep` may not copy over.
const OUTPUT_KEYS: &[&str] = &["id", "mentions", "entities", "error", "line"];

impl RecordArgs {
    /// The record spec, or a usage error (bad path, `--keep` clash).
    pub fn spec(&self) -> anyhow::Result<crate::input::RecordSpec> {
        if let Some(k) =
            self.keep.iter().find(|k| OUTPUT_KEYS.contains(&k.as_str()))
        {
            anyhow::bail!(
                "--keep {k:?} would clash with the output's own {k:?} \
                 field; keep a field with another name"
            );
        }
        crate::input::RecordSpec::parse(
            &self.text_field,
            &self.id_field,
            &self.keep,
        )
        .map_err(anyhow::Error::msg)
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CaseArg {
    Smart,
    Sensitive,
    Insensitive,
}

impl GazetteerArgs {
    fn case_mode(&self) -> CaseMode {
        match self.case {
            CaseArg::Smart => CaseMode::Smart,
            CaseArg::Sensitive => CaseMode::Sensitive,
            CaseArg::Insensitive => CaseMode::Insensitive,
        }
    }

    /// What `entx::load` builds from.
    fn sources(&self) -> Sources {
        Sources {
            gazetteers: self.gazetteers.clone(),
            builtin: !self.no_builtin,
            case: self.case_mode(),
            rules: !self.no_rules,
            rules_off: self.rule_off.clone(),
        }
    }

    /// The gazetteer sources (built-in files unless --no-builtin, then each
    /// -g path), merged in load order. Compiled indexes are refused here.
    /// A symbolic-link loop in a -g directory is a warning, among the
    /// gazetteer's warnings.
    pub fn load(&self) -> anyhow::Result<Gazetteer> {
        Ok(load::gazetteer(&self.sources())?)
    }

    /// Build the extractor (see [`load::extractor`]), warnings on stderr.
    pub fn build(&self, msgs: &Messages) -> anyhow::Result<Extractor> {
        let extractor = match load::extractor(&self.sources()) {
            Ok(extractor) => extractor,
            Err(LoadError::Empty) => anyhow::bail!(
                "no gazetteer entities: give -g PATH, or drop --no-builtin"
            ),
            Err(err) => return Err(err.into()),
        };
        for w in extractor.warnings() {
            msgs.warn(w);
        }
        Ok(extractor)
    }
}

/// A rule by its name (`--rule-off`).
fn parse_rule(name: &str) -> Result<crate::rules::Rule, String> {
    crate::rules::Rule::from_name(name).ok_or_else(|| {
        let names: Vec<&str> =
            crate::rules::Rule::ALL.iter().map(|r| r.name()).collect();
        format!("unknown rule; the rules are {}", names.join(", "))
    })
}

/// Parse argv and run the chosen command.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Check(args) => check::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Gazetteer(args) => gazetteer::run(args),
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
