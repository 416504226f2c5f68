//! The command line: the only part of entx that knows about argv, the
//! environment, stdout, stderr and exit codes. Each subcommand lives in the
//! module of the same name.

mod check;
mod eval;
mod extract;
mod gazetteer;
mod messages;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use crate::index::{Index, IndexBytes};
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

    /// Leave out the built-in gazetteer.
    #[arg(long)]
    no_builtin: bool,

    /// How the case of text must relate to an alias's: smart lets text be
    /// more capitalized than the alias, never less.
    #[arg(long, value_enum, default_value_t = CaseArg::Smart)]
    case: CaseArg,

    /// Gazetteer matches only: no rule-based sources (given name +
    /// surname, titles, company suffixes, propagation of names within an
    /// article …). Faster, and fewer people and organizations found.
    #[arg(long)]
    no_rules: bool,
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

    /// The gazetteer sources (built-in files unless --no-builtin, then each
    /// -g path), merged in load order. Compiled indexes are refused here.
    pub fn load(&self) -> anyhow::Result<Gazetteer> {
        let mut gaz = Gazetteer::new();
        if !self.no_builtin {
            gaz.add_builtin(crate::builtin::FILES)
                .context("loading the built-in gazetteer")?;
        }
        for path in &self.gazetteers {
            if is_index(path) {
                anyhow::bail!(
                    "{}: a compiled index cannot be merged with other \
                     gazetteers; build one index from all sources with \
                     `entx gazetteer build -g … -o FILE`",
                    path.display()
                );
            }
            gaz.add_path(path)?;
        }
        Ok(gaz)
    }

    /// Build the extractor: the embedded index when only the built-in
    /// gazetteer is wanted, a compiled index (`-g FILE.idx`) on its own, or
    /// a fresh compile of the built-in and the given sources.
    pub fn build(&self, msgs: &Messages) -> anyhow::Result<Extractor> {
        let mut builder = ExtractorBuilder::new();
        builder.case(self.case_mode());
        if !self.no_rules {
            builder.rules(Some(crate::rules::Rules::builtin()));
        }
        if self.gazetteers.is_empty() && !self.no_builtin {
            let index = Index::from_trusted_bytes(IndexBytes::Static(
                crate::builtin::INDEX,
            ))
            .map_err(|msg| anyhow::anyhow!("built-in index: {msg}"))?;
            return Ok(builder.build_from_index(index));
        }
        if let [path] = self.gazetteers.as_slice() {
            if is_index(path) {
                let bytes =
                    map(path).with_context(|| path.display().to_string())?;
                let index = Index::from_bytes_bounds_checked(bytes).map_err(
                    |msg| anyhow::anyhow!("{}: {msg}", path.display()),
                )?;
                return Ok(builder.build_from_index(index));
            }
        }
        let gaz = self.load()?;
        if gaz.is_empty() {
            anyhow::bail!(
                "no gazetteer entities: give -g PATH, or drop --no-builtin"
            );
        }
        let extractor = builder.build(gaz)?;
        for w in extractor.warnings() {
            msgs.warn(w);
        }
        Ok(extractor)
    }
}

/// Map a compiled index into memory, so that its tables are used in place
/// (the map lives as long as the index: see [`IndexBytes`]): no copy, and
/// the pages come straight from the page cache. It took loading the 26 MB index of 200,000 aliases,
/// validation included, from 72 ms (read into a buffer) to 43 ms (see
/// DESIGN.md, "Why a trie").
#[allow(unsafe_code)]
fn map(path: &std::path::Path) -> std::io::Result<IndexBytes> {
    let file = std::fs::File::open(path)?;
    // SAFETY: the map is only read, through `&[u8]`, and must not change
    // underneath. That holds unless another process writes to the file in
    // place while entx runs; entx's own writer (`entx gazetteer build`)
    // never does: it writes a new file and renames it over the old one,
    // which leaves this mapping intact. Were the file changed anyway, entx
    // could report nonsense or stop (a panic, or SIGBUS if it shrank), but
    // every table access is bounds-checked, so it cannot read past the map.
    // ripgrep makes the same trade-off for its inputs; here it is made for
    // one file the user compiled.
    let map = unsafe { memmap2::MmapOptions::new().populate().map(&file)? };
    Ok(IndexBytes::Mapped(std::sync::Arc::new(map)))
}

/// Whether a path is a compiled index (by its magic bytes).
fn is_index(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok_and(|()| &magic == b"ENTXIDX\0")
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
