//! `entx eval`: score predictions against annotated (gold) data, or let
//! entx extract from the gold texts and score that.
//!
//! The strict measure is `../shared/tools/score.py`'s, with its defaults
//! (`--types PER,ORG,LOC`, `--map PERSON=PER,GPE=LOC,FAC=LOC`, `--ignore-in
//! MISC`) and its document pairing (by position, or by `"id"` when the ids
//! disagree), so the two agree to every printed decimal on the same files.
//! The measures and file formats are described in [`crate::metrics`] and
//! [`crate::golden`].

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::check::{ColorWhen, Paint};
use super::{GazetteerArgs, Messages};
use crate::golden::{self, Document, Format};
use crate::metrics::{self, EntityKey, Evaluator, Labeled, Options, Report};
use crate::output::{Annotations, DocId, DocumentOut};
use crate::{Extractor, Scratch};

/// Code points of context shown either side of an error.
const CONTEXT: usize = 30;

/// Score predictions against annotated data: P/R/F1 per type and overall.
///
/// Gold and predictions are JSONL ({"id", "text", "entities": [{"start",
/// "end", "type"}]}), entx output ("mentions"), spaCy-style ({"text",
/// "entities": [[start, end, label]]}) or CoNLL column files (IOB1/IOB2).
/// Offsets are Unicode code points. Without --pred, entx extracts from the
/// gold texts (or CORPUS) with the gazetteer options below. Documents pair
/// by position, or by "id" where the ids disagree (as score.py does).
///
/// Four measures: strict (same span and type; what score.py computes),
/// span (same span, any type), partial (overlapping, same type, one to
/// one) and entity (distinct entities per document, when the gold spans
/// have entity ids or canonical names).
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// The annotated file (`-` for stdin).
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,

    /// The predictions to score (`-` for stdin). Without it, entx
    /// extracts.
    #[arg(long, value_name = "FILE", conflicts_with = "corpus")]
    pred: Option<PathBuf>,

    /// Extract from this file's texts (JSONL with "id" and "text", or any
    /// gold format) instead of the gold file's; they must be the same
    /// texts.
    #[arg(value_name = "CORPUS")]
    corpus: Option<PathBuf>,

    /// Format of --gold: by extension and content, or forced.
    #[arg(long, value_enum, value_name = "FORMAT")]
    #[arg(default_value_t = FormatArg::Auto)]
    gold_format: FormatArg,

    /// Format of --pred: by extension and content, or forced.
    #[arg(long, value_enum, value_name = "FORMAT")]
    #[arg(default_value_t = FormatArg::Auto)]
    pred_format: FormatArg,

    /// The types scored (after --map), comma-separated; others are left
    /// out on both sides. Default as in score.py.
    #[arg(long, value_name = "TYPES", default_value = metrics::DEFAULT_TYPES)]
    types: String,

    /// Rename types on both sides before scoring: FROM=TO,… (replaces the
    /// default, as in score.py; '' for none).
    #[arg(long, value_name = "MAP", default_value = metrics::DEFAULT_MAP)]
    map: String,

    /// Do not score predictions that overlap a gold span of these types
    /// and match no gold span (score.py's rule; '' to score them).
    #[arg(long, value_name = "TYPES")]
    #[arg(default_value = metrics::DEFAULT_IGNORE_IN)]
    ignore_in: String,

    /// List the first N strict false positives and false negatives, with
    /// context.
    #[arg(long, value_name = "N", default_value_t = 0)]
    errors: usize,

    /// Output a table (text) or JSON.
    #[arg(long, value_enum, value_name = "FORMAT")]
    #[arg(default_value_t = Output::Text)]
    format: Output,

    /// Exit with status 1 when the strict micro F1 is below X (0 to 1): a
    /// CI gate.
    #[arg(long, value_name = "X")]
    min_f1: Option<f64>,

    /// Colour the table: auto means when stdout is a terminal, NO_COLOR is
    /// unset or empty and TERM is not dumb.
    #[arg(long, value_enum, value_name = "WHEN")]
    #[arg(default_value_t = ColorWhen::Auto)]
    color: ColorWhen,

    #[command(flatten, next_help_heading = "Extraction (without --pred)")]
    gazetteer: GazetteerArgs,
}

const EXAMPLES: &str = "\
Examples:
  entx eval --gold gold.jsonl --pred pred.jsonl
  entx eval --gold gold.jsonl                     extract from the gold texts
  entx eval --gold gold.jsonl corpus.jsonl        extract from corpus.jsonl
  entx eval --gold eng.testa --gold-format conll --pred pred.jsonl
  entx eval --gold gold.jsonl --types PER,ORG,LOC,NORP --errors 20
  entx eval --gold gold.jsonl --format json | jq .strict.micro.f1
  entx eval --gold gold.jsonl --min-f1 0.75       exit 1 below 0.75

Defaults follow ../shared/tools/score.py: --types PER,ORG,LOC,
--map PERSON=PER,GPE=LOC,FAC=LOC, --ignore-in MISC.";

/// The `--gold-format`/`--pred-format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// By extension (.conll, .iob, eng.testa → conll) and content.
    Auto,
    /// {"id", "text", "entities": [{"start", "end", "type"}]}.
    Jsonl,
    /// entx output: spans under "mentions".
    Entx,
    /// {"text", "entities": [[start, end, label]]}.
    Spacy,
    /// CoNLL columns: token first, IOB1/IOB2 tag last.
    Conll,
}

impl FormatArg {
    fn format(self) -> Format {
        match self {
            FormatArg::Auto => Format::Auto,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Entx => Format::Entx,
            FormatArg::Spacy => Format::Spacy,
            FormatArg::Conll => Format::Conll,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Output {
    Text,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let msgs = Messages::new(false);
    if let Some(x) = args.min_f1 {
        if !(0.0..=1.0).contains(&x) {
            anyhow::bail!("--min-f1 {x} is not between 0 and 1");
        }
    }
    let stdin_uses =
        [Some(&args.gold), args.pred.as_ref(), args.corpus.as_ref()]
            .into_iter()
            .flatten()
            .filter(|p| p.as_os_str() == "-")
            .count();
    if stdin_uses > 1 {
        anyhow::bail!("stdin (`-`) may be given only once");
    }
    if args.pred.is_some()
        && (!args.gazetteer.gazetteers.is_empty() || args.gazetteer.no_builtin)
    {
        anyhow::bail!(
            "--gazetteer and --no-builtin apply when entx extracts; with \
             --pred the predictions are already made"
        );
    }
    let types = metrics::parse_list(&args.types);
    if types.is_empty() {
        anyhow::bail!(
            "--types is empty: name the types to score, like PER,ORG"
        );
    }
    let map = metrics::parse_map(&args.map)
        .map_err(|e| anyhow::anyhow!("--map: {e}"))?;

    let gold_name = args.gold.display().to_string();
    let gold = read(&args.gold, args.gold_format.format())?;
    let pred = match &args.pred {
        Some(path) => read(path, args.pred_format.format())?,
        None => {
            let extractor = args.gazetteer.build(&msgs)?;
            let source = match &args.corpus {
                Some(path) => {
                    let corpus = read(path, Format::Auto)?;
                    same_texts(&gold, &corpus, &path.display().to_string())?;
                    corpus
                }
                None => gold.clone(),
            };
            let name = args.corpus.as_ref().unwrap_or(&args.gold);
            extract_all(&extractor, &source, &name.display().to_string())?
        }
    };
    let pairs =
        golden::pair_documents(&gold, &pred).map_err(anyhow::Error::msg)?;

    let opts = Options {
        types,
        map,
        ignore_in: metrics::parse_list(&args.ignore_in),
        entity_key: EntityKey::detect(gold.iter().flat_map(|d| &d.spans)),
        max_errors: args.errors,
    };
    let mut evaluator = Evaluator::new(opts.clone());
    for (i, g) in gold.iter().enumerate() {
        evaluator.add(i, &g.spans, &pred[pairs[i]].spans);
    }
    let report = evaluator.finish();

    let mut out = super::stdout();
    match args.format {
        Output::Json => write_json(&mut *out, &report, &gold)?,
        Output::Text => {
            let paint = args.color.paint();
            let source = match &args.pred {
                Some(p) => p.display().to_string(),
                None => format!(
                    "extracted by entx from {}",
                    args.corpus.as_ref().unwrap_or(&args.gold).display()
                ),
            };
            writeln!(
                out,
                "gold: {gold_name} ({} document{}); predictions: {source}",
                gold.len(),
                if gold.len() == 1 { "" } else { "s" }
            )?;
            write_table(&mut *out, &report, &opts, paint)?;
            write_errors(&mut *out, &report, &gold, paint)?;
        }
    }
    out.flush().context("writing output")?;
    if let Some(min) = args.min_f1 {
        let f1 = report.strict.micro.f1();
        if f1 < min {
            super::messages::note(format_args!(
                "strict micro F1 {f1:.4} is below --min-f1 {min}"
            ));
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Read a gold or prediction file (`-` is stdin; gzip and zstd are
/// decompressed).
fn read(path: &Path, format: Format) -> anyhow::Result<Vec<Document>> {
    let name = path.display().to_string();
    let raw: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).with_context(|| name.clone())?)
    };
    let mut content = String::new();
    crate::input::decompress(raw)
        .and_then(|(_, mut rdr)| rdr.read_to_string(&mut content))
        .with_context(|| name.clone())?;
    Ok(golden::read_documents(&name, &content, format)?)
}

/// Check that CORPUS holds the gold texts, so offsets line up.
fn same_texts(
    gold: &[Document],
    corpus: &[Document],
    name: &str,
) -> anyhow::Result<()> {
    let pairs = golden::pair_documents(gold, corpus)
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    for (g, &j) in gold.iter().zip(&pairs) {
        let c = &corpus[j];
        if g.text.is_some() && c.text.is_some() && g.text != c.text {
            anyhow::bail!(
                "{name}:{}: the text of document {} differs from the gold \
                 text; offsets would not line up",
                c.line,
                c.display_id()
            );
        }
    }
    Ok(())
}

/// Extract from each document's text, in parallel; the predictions keep
/// the documents' ids.
fn extract_all(
    extractor: &Extractor,
    docs: &[Document],
    name: &str,
) -> anyhow::Result<Vec<Document>> {
    for d in docs {
        match &d.text {
            None => anyhow::bail!(
                "{name}:{}: document {} has no \"text\" to extract from; \
                 give --pred",
                d.line,
                d.display_id()
            ),
            Some(t) if t.len() >= u32::MAX as usize => anyhow::bail!(
                "{name}:{}: article is 4 GiB or larger; entx handles \
                 articles up to 4 GiB",
                d.line
            ),
            Some(_) => {}
        }
    }
    Ok(docs
        .par_iter()
        .map_init(
            || (Scratch::new(), Annotations::default()),
            |(scratch, ann), d| {
                let text = d.text.as_deref().expect("checked above");
                // The mentions as `entx extract` writes them: the one
                // document path every command shares.
                let found = extractor.extract_all(text, scratch);
                let doc = DocumentOut {
                    id: DocId::Null,
                    keep: &[],
                    text,
                    mentions: found.mentions,
                    rules: found.rules,
                };
                ann.prepare(&doc);
                let spans: Vec<Labeled> = ann
                    .mentions(extractor, &doc)
                    .map(|f| Labeled {
                        start: f.start,
                        end: f.end,
                        kind: f.kind.to_string(),
                        entity: f.entity.map(str::to_string),
                        name: Some(f.name.to_string()),
                    })
                    .collect();
                Document { id: d.id.clone(), text: None, spans, line: d.line }
            },
        )
        .collect())
}

/// The measures in report order, with a short description.
fn measures(report: &Report) -> Vec<(&'static str, &metrics::Scores)> {
    let mut v = vec![
        ("strict", &report.strict),
        ("span", &report.span),
        ("partial", &report.partial),
    ];
    if let Some(entity) = &report.entity {
        v.push(("entity", entity));
    }
    v
}

fn write_table(
    out: &mut dyn Write,
    report: &Report,
    opts: &Options,
    paint: Paint,
) -> anyhow::Result<()> {
    let types: Vec<&str> = opts.types.iter().map(String::as_str).collect();
    let mut mapping: Vec<String> =
        opts.map.iter().map(|(k, v)| format!("{k}={v}")).collect();
    mapping.sort();
    let mut notes = format!("types {}", types.join(","));
    if !mapping.is_empty() {
        notes.push_str(&format!("; mapped {}", mapping.join(",")));
    }
    if !opts.ignore_in.is_empty() {
        let ignored: Vec<&str> =
            opts.ignore_in.iter().map(String::as_str).collect();
        let s = if report.ignored == 1 { "" } else { "s" };
        notes.push_str(&format!(
            "; {} prediction{s} inside {} spans not scored",
            report.ignored,
            ignored.join(",")
        ));
    }
    if report.entity.is_none() {
        notes.push_str("; no entity ids in gold: no entity measure");
    }
    writeln!(out, "{notes}")?;
    writeln!(out)?;
    let header = format!(
        "{:<8} {:<8} {:>9} {:>7} {:>7} {:>7} {:>7} {:>7} {:>8}",
        "measure",
        "type",
        "precision",
        "recall",
        "f1",
        "tp",
        "fp",
        "fn",
        "support"
    );
    writeln!(out, "{}", paint.bold(&header))?;
    for (name, scores) in measures(report) {
        let rows = scores
            .per_type
            .iter()
            .map(|(t, c)| (t.as_str(), c, false))
            .chain([("micro", &scores.micro, true)]);
        for (kind, c, micro) in rows {
            let line = format!(
                "{:<8} {:<8} {:>9.4} {:>7.4} {:>7.4} {:>7} {:>7} {:>7} {:>8}",
                name,
                golden::sanitize(kind),
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_,
                c.support()
            );
            let line = if micro { paint.bold(&line) } else { line };
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

fn write_errors(
    out: &mut dyn Write,
    report: &Report,
    gold: &[Document],
    paint: Paint,
) -> anyhow::Result<()> {
    if report.errors.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        paint.bold(&format!(
            "first {} strict errors (FP: predicted, not in gold; FN: gold, \
             not predicted):",
            report.errors.len()
        ))
    )?;
    for e in &report.errors {
        let doc = &gold[e.doc];
        let tag = if e.false_positive {
            paint.red("FP")
        } else {
            paint.yellow("FN")
        };
        let snippet = doc
            .text
            .as_deref()
            .and_then(|t| golden::snippet(t, e.start, e.end, CONTEXT));
        let context = match snippet {
            Some(s) => format!(
                "{}{}{}",
                paint.dim(&s.before),
                paint.bold(&format!("[{}]", s.inside)),
                paint.dim(&s.after)
            ),
            None => String::new(),
        };
        writeln!(
            out,
            "  {tag}  {}  {:<6} {:>11}  {context}",
            golden::sanitize(&doc.display_id()),
            golden::sanitize(&e.kind),
            format!("{}..{}", e.start, e.end),
        )?;
    }
    Ok(())
}

fn write_json(
    out: &mut dyn Write,
    report: &Report,
    gold: &[Document],
) -> anyhow::Result<()> {
    #[derive(Serialize)]
    struct ErrorOut<'a> {
        kind: &'static str,
        doc: &'a Value,
        #[serde(rename = "type")]
        kind_: &'a str,
        start: usize,
        end: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        text: Option<String>,
    }
    #[derive(Serialize)]
    struct JsonOut<'a> {
        #[serde(flatten)]
        report: &'a Report,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        errors: Vec<ErrorOut<'a>>,
    }
    let errors = report
        .errors
        .iter()
        .map(|e| {
            let doc = &gold[e.doc];
            ErrorOut {
                kind: if e.false_positive { "fp" } else { "fn" },
                doc: &doc.id,
                kind_: &e.kind,
                start: e.start,
                end: e.end,
                text: doc.text.as_deref().map(|t| {
                    t.chars().skip(e.start).take(e.end - e.start).collect()
                }),
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &JsonOut { report, errors })
        .map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
