//! `entx gazetteer`: look after gazetteers — compile an index (`build`),
//! count what is in them (`stats`), check them (`lint`) and print the
//! merged result (`export`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};

use super::{GazetteerArgs, Messages};
use crate::gazetteer::Gazetteer;
use crate::index::Index;

/// Look after gazetteers: build an index, stats, lint, export.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Compile gazetteers into an index file that `-g FILE` loads in
    /// milliseconds. The index holds everything given (by default the
    /// built-in gazetteer too) and is used on its own.
    Build {
        #[command(flatten)]
        gazetteer: GazetteerArgs,
        /// Where to write the index.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Count entities and aliases, per type and per source file.
    Stats {
        #[command(flatten)]
        gazetteer: GazetteerArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
        format: StatsFormat,
    },
    /// Check gazetteers: the built-in one, or the given files and
    /// directories. Errors (unparseable lines, duplicate ids, empty
    /// aliases) exit 1; warnings (an alias shared across types, common
    /// words or two-letter aliases without a case rule) are listed.
    Lint {
        /// Files or directories to lint (default: the built-in gazetteer).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// List errors only.
        #[arg(long)]
        errors_only: bool,
    },
    /// Print the merged gazetteer in the native TSV format.
    Export {
        #[command(flatten)]
        gazetteer: GazetteerArgs,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum StatsFormat {
    Text,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Build { gazetteer, output } => build(&gazetteer, &output),
        Command::Stats { gazetteer, format } => stats(&gazetteer, format),
        Command::Export { gazetteer } => export(&gazetteer),
        Command::Lint { paths, errors_only } => lint(&paths, errors_only),
    }
}

fn lint(paths: &[PathBuf], errors_only: bool) -> anyhow::Result<ExitCode> {
    use crate::gazetteer::lint::{lint, Severity};
    use crate::gazetteer::Format;
    let mut sources: Vec<(String, String, Format)> = Vec::new();
    if paths.is_empty() {
        for (name, text) in crate::builtin::FILES {
            sources.push((
                format!("<builtin>/{name}"),
                text.to_string(),
                Format::Tsv,
            ));
        }
    }
    for path in paths {
        let mut files = Vec::new();
        if path.is_dir() {
            for found in
                crate::walk::files(path, &mut |w| Messages::new(false).warn(w))
            {
                let file = found.map_err(anyhow::Error::msg)?;
                if crate::load::is_gazetteer_name(&file) {
                    files.push(file);
                }
            }
        } else {
            files.push(path.clone());
        }
        for file in files {
            let text = std::fs::read_to_string(&file)
                .with_context(|| file.display().to_string())?;
            sources.push((
                file.display().to_string(),
                text,
                Format::from_path(&file),
            ));
        }
    }
    let findings = lint(&sources);
    let errors =
        findings.iter().filter(|f| f.severity == Severity::Error).count();
    let mut out = super::stdout();
    for f in &findings {
        if errors_only && f.severity != Severity::Error {
            continue;
        }
        let label = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(out, "{}:{}: {label}: {}", f.path, f.line, f.msg)?;
    }
    writeln!(
        out,
        "{} sources: {errors} errors, {} warnings",
        sources.len(),
        findings.len() - errors
    )?;
    out.flush()?;
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn build(args: &GazetteerArgs, output: &Path) -> anyhow::Result<ExitCode> {
    let msgs = Messages::new(false);
    let gaz = args.load()?;
    let mut warnings = gaz.warnings().to_vec();
    let index = Index::build(&gaz, &mut warnings);
    for w in &warnings {
        msgs.warn(w);
    }
    let bytes = index.to_bytes();
    write_replacing(output, &bytes)
        .with_context(|| format!("writing {}", output.display()))?;
    super::messages::note(format_args!(
        "wrote {} ({} entities, {} aliases, {:.1} MB)",
        output.display(),
        index.len(),
        index.alias_count(),
        bytes.len() as f64 / 1e6
    ));
    Ok(ExitCode::SUCCESS)
}

/// Write `bytes` to a new file beside `path`, then rename it over `path`:
/// an entx that has the old index mapped keeps reading the old file (see
/// `load::map`), and an interrupted build leaves no half-written index.
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".entx-index-");
    // Like any new file (`std::fs::write`): 0666 less the umask, not the
    // temporary file's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Per-type and per-source counts.
#[derive(Default, serde::Serialize)]
struct Counts {
    entities: usize,
    aliases: usize,
    by_type: BTreeMap<String, usize>,
    aliases_by_type: BTreeMap<String, usize>,
    /// Entities with a `wikidata=` id: the key users join on.
    wikidata: usize,
    wikidata_by_type: BTreeMap<String, usize>,
    /// Entities by their `kind=` attribute (party, sports, company …),
    /// with how many of each have a Wikidata id.
    by_kind: BTreeMap<String, usize>,
    wikidata_by_kind: BTreeMap<String, usize>,
    by_source: BTreeMap<String, usize>,
    /// Given names in the rules' lexicon (`gazetteers/lexicon/`), which
    /// find the people no gazetteer lists.
    lexicon_given_names: usize,
}

fn count(gaz: &Gazetteer) -> Counts {
    let mut c = Counts::default();
    for e in gaz.entities() {
        c.entities += 1;
        c.aliases += e.aliases.len();
        *c.by_type.entry(e.kind.clone()).or_default() += 1;
        *c.aliases_by_type.entry(e.kind.clone()).or_default() +=
            e.aliases.len();
        let with_wikidata = e.attribute("wikidata").is_some();
        c.wikidata += usize::from(with_wikidata);
        *c.wikidata_by_type.entry(e.kind.clone()).or_default() +=
            usize::from(with_wikidata);
        if let Some(kind) = e.attribute("kind") {
            *c.by_kind.entry(kind.to_string()).or_default() += 1;
            *c.wikidata_by_kind.entry(kind.to_string()).or_default() +=
                usize::from(with_wikidata);
        }
        let source = e.origin.rsplit_once(':').map_or(&*e.origin, |(s, _)| s);
        *c.by_source.entry(source.to_string()).or_default() += 1;
    }
    c.lexicon_given_names = crate::rules::given_name_count();
    c
}

fn stats(
    args: &GazetteerArgs,
    format: StatsFormat,
) -> anyhow::Result<ExitCode> {
    let gaz = args.load()?;
    let c = count(&gaz);
    let mut out = super::stdout();
    match format {
        StatsFormat::Json => {
            serde_json::to_writer(&mut out, &c)?;
            out.write_all(b"\n")?;
        }
        StatsFormat::Text => {
            writeln!(
                out,
                "{} entities, {} aliases, {} with a Wikidata id",
                c.entities, c.aliases, c.wikidata
            )?;
            writeln!(out, "\nby type:")?;
            for (kind, n) in &c.by_type {
                writeln!(
                    out,
                    "  {kind:<10} {n:>8} entities {:>8} aliases {:>8} wikidata",
                    c.aliases_by_type[kind], c.wikidata_by_type[kind]
                )?;
            }
            writeln!(out, "\nby kind (the kind= attribute):")?;
            for (kind, n) in &c.by_kind {
                writeln!(
                    out,
                    "  {kind:<16} {n:>8} entities {:>8} wikidata",
                    c.wikidata_by_kind[kind]
                )?;
            }
            writeln!(out, "\nby source (entities first defined there):")?;
            for (source, n) in &c.by_source {
                writeln!(out, "  {n:>8}  {source}")?;
            }
            writeln!(
                out,
                "\nrule lexicon: {} given names",
                c.lexicon_given_names
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn export(args: &GazetteerArgs) -> anyhow::Result<ExitCode> {
    let gaz = args.load()?;
    let mut out = super::stdout();
    writeln!(out, "# entx gazetteer export: {} entities", gaz.len())?;
    for e in gaz.entities() {
        let aliases: Vec<&str> =
            e.aliases.iter().skip(1).map(|a| a.text.as_str()).collect();
        let mut attrs: Vec<String> = Vec::new();
        if e.priority != 0 {
            attrs.push(format!("priority={}", e.priority));
        }
        if e.population != 0 {
            attrs.push(format!("population={}", e.population));
        }
        if let Some(case) = e.case {
            attrs.push(format!("case={}", case.name()));
        }
        attrs.extend(e.attributes.iter().map(|(k, v)| format!("{k}={v}")));
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            e.id,
            e.kind,
            e.name,
            aliases.join("|"),
            attrs.join(";")
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
