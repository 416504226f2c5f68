//! `entx check`: golden fixtures, the regression test CI runs on entx
//! itself. Each fixture is an article next to the output entx is expected
//! to produce for it; a fixture passes when the current extraction equals
//! the expected file as JSON.
//!
//! Fixtures:
//!
//! * `ARTICLE.txt` (any name not ending in `.jsonl`/`.ndjson`, when named
//!   on the command line) is one article; its document id in the output
//!   is the file *name*, not the path, so expected files do not depend on
//!   the working directory.
//! * `ARTICLE.jsonl` (or `.ndjson`) holds one article per line, read like
//!   `entx extract` reads JSONL (`--text-field`, `--id-field`, `--keep`);
//!   ids come from the records (`NAME:LINE` when a record has none).
//! * `ARTICLE.expected.json`, beside it, holds exactly what `entx extract
//!   --pretty` prints for it: one pretty-printed document per record, each
//!   followed by a newline. For a `.txt` fixture that is a single JSON
//!   object. (A JSON array of documents is also read, never written.)
//!
//! A directory is searched recursively (hidden entries skipped) for
//! `*.expected.json` files, each with its article beside it, so articles
//! without an expected file (test inputs, gazetteers) are left alone; name
//! a new article explicitly with `--bless` to create its expected file. A
//! path ending in `.expected.json` stands for its article.
//!
//! `--bless` writes the current output to each expected file that is
//! missing, unreadable as JSON or different, and never touches one that
//! already matches (even if formatted differently).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use serde_json::Value;

use super::{GazetteerArgs, Messages, RecordArgs};
use crate::golden::{
    self, DocumentChange, DocumentDiff, FieldChange, MentionChange,
    MentionInfo,
};
use crate::input::{decode_text, parse_record, RecordSpec};
use crate::output::{DocId, DocumentOut, JsonWriter};
use crate::{Extractor, Scratch};

const EXPECTED_SUFFIX: &str = ".expected.json";

/// Code points of context shown either side of a mention in a diff.
const CONTEXT: usize = 30;

/// Compare each fixture's extraction with its expected file.
///
/// A fixture is ARTICLE.txt or ARTICLE.jsonl with ARTICLE.expected.json
/// beside it, holding what `entx extract --pretty ARTICLE` prints (for a
/// .txt the id is the file name). Directories are searched recursively for
/// expected files. On drift, a mention-level diff is printed; the last line
/// is `N passed, M failed`. Exit status: 0 when all pass, 1 when any
/// drifted, 2 on errors (missing expected file, unreadable input).
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// Fixture directories, or article files.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    gazetteer: GazetteerArgs,

    /// Write the current output to every expected file that is missing or
    /// differs; files that already match are not touched.
    #[arg(long)]
    bless: bool,

    #[command(flatten)]
    record: RecordArgs,

    /// Colour the report: auto means when stdout is a terminal, NO_COLOR
    /// is unset or empty and TERM is not dumb.
    #[arg(long, value_enum, value_name = "WHEN")]
    #[arg(default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

const EXAMPLES: &str = "\
Examples:
  entx check fixtures/                     every fixture under fixtures/
  entx check -g my.tsv cases/a.txt         with the options extract takes
  entx check --bless fixtures/             rewrite the drifted expected files
  entx check --bless fixtures/new.txt      create new.expected.json
  cd fixtures && entx extract --pretty new.txt > new.expected.json
                                           the same by hand (the id is the
                                           path as given, so run it there)

Review a --bless with `git diff`: every changed line is a changed mention.";

/// When to colour human-readable output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set and non-empty or TERM=dumb.
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

impl ColorWhen {
    /// Whether to colour stdout.
    pub(super) fn paint(self) -> Paint {
        Paint(match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR")
                        .is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        })
    }
}

/// ANSI styling, or none.
#[derive(Clone, Copy, Debug)]
pub(super) struct Paint(bool);

impl Paint {
    fn style(self, code: &str, s: &str) -> String {
        if self.0 && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    pub(super) fn bold(self, s: &str) -> String {
        self.style("1", s)
    }

    pub(super) fn red(self, s: &str) -> String {
        self.style("31", s)
    }

    pub(super) fn green(self, s: &str) -> String {
        self.style("32", s)
    }

    pub(super) fn yellow(self, s: &str) -> String {
        self.style("33", s)
    }

    pub(super) fn dim(self, s: &str) -> String {
        self.style("2", s)
    }
}

/// An article and its expected file.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fixture {
    article: PathBuf,
    expected: PathBuf,
    jsonl: bool,
}

/// What became of one fixture.
enum Outcome {
    Pass,
    Fail { diffs: Vec<DocumentDiff>, texts: Vec<String> },
    Blessed { created: bool },
}

/// The current output for a fixture.
struct Rendered {
    bytes: Vec<u8>,
    texts: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let msgs = Messages::new(false);
    let paint = args.color.paint();
    let spec = args.record.spec()?;
    let mut out = super::stdout();
    let mut errors = 0usize;
    let mut report_error = |out: &mut dyn Write, msg: &str| {
        // Keep stdout and stderr in order in a combined CI log.
        let flushed = out.flush();
        msgs.error(msg);
        errors += 1;
        flushed
    };
    let mut fixtures = Vec::new();
    for found in find_fixtures(&args.paths) {
        match found {
            Ok(fx) if !fixtures.contains(&fx) => fixtures.push(fx),
            Ok(_) => {}
            Err(msg) => report_error(&mut *out, &msg)?,
        }
    }
    let extractor = if fixtures.is_empty() {
        None
    } else {
        Some(args.gazetteer.build(&msgs)?)
    };
    let (mut passed, mut failed, mut blessed) = (0usize, 0usize, 0usize);
    let mut scratch = Scratch::new();
    for fx in &fixtures {
        let extractor = extractor.as_ref().expect("built when any fixture");
        let shown = fx.article.display().to_string();
        match check(fx, extractor, &spec, &mut scratch, args.bless, &msgs) {
            Ok(Outcome::Pass) => {
                passed += 1;
                writeln!(out, "{}  {shown}", paint.green("ok   "))?;
            }
            Ok(Outcome::Blessed { created }) => {
                blessed += 1;
                let what = if created { "created" } else { "blessed" };
                writeln!(
                    out,
                    "{}  {shown} → {}",
                    paint.yellow(what),
                    fx.expected.display()
                )?;
            }
            Ok(Outcome::Fail { diffs, texts }) => {
                failed += 1;
                writeln!(out, "{}  {shown}", paint.bold(&paint.red("FAIL ")))?;
                print_diffs(&mut *out, &diffs, &texts, paint)?;
            }
            Err(msg) => report_error(&mut *out, &msg)?,
        }
    }
    let mut summary = format!("{passed} passed, {failed} failed");
    if args.bless {
        summary.push_str(&format!(", {blessed} blessed"));
    }
    if errors > 0 {
        let s = if errors == 1 { "" } else { "s" };
        summary.push_str(&format!(", {errors} error{s}"));
    }
    writeln!(out, "{summary}")?;
    out.flush().context("writing output")?;
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The fixtures named by the command line, in order; directories sorted.
fn find_fixtures(paths: &[PathBuf]) -> Vec<Result<Fixture, String>> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files);
            let before = found.len();
            for file in files {
                if name_of(&file).ends_with(EXPECTED_SUFFIX) {
                    found.push(from_expected(&file));
                }
            }
            if found.len() == before {
                found.push(Err(format!(
                    "{}: no fixtures found: expected ARTICLE.txt or \
                     ARTICLE.jsonl beside ARTICLE{EXPECTED_SUFFIX}",
                    path.display()
                )));
            }
        } else if name_of(path).ends_with(EXPECTED_SUFFIX) {
            found.push(from_expected(path));
        } else {
            let name = name_of(path);
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            found.push(Ok(Fixture {
                article: path.clone(),
                expected: path
                    .with_file_name(format!("{stem}{EXPECTED_SUFFIX}")),
                jsonl: is_jsonl(&name),
            }));
        }
    }
    found
}

/// The article beside an expected file.
fn from_expected(expected: &Path) -> Result<Fixture, String> {
    let name = name_of(expected);
    let stem = &name[..name.len() - EXPECTED_SUFFIX.len()];
    let articles: Vec<PathBuf> = ["txt", "jsonl", "ndjson"]
        .iter()
        .map(|ext| expected.with_file_name(format!("{stem}.{ext}")))
        .filter(|p| p.is_file())
        .collect();
    match articles.as_slice() {
        [article] => Ok(Fixture {
            article: article.clone(),
            expected: expected.to_path_buf(),
            jsonl: is_jsonl(&name_of(article)),
        }),
        [] => Err(format!(
            "{}: no article beside it: expected {stem}.txt or {stem}.jsonl",
            expected.display()
        )),
        _ => Err(format!(
            "{}: more than one article beside it ({}); keep one",
            expected.display(),
            articles.iter().map(|p| name_of(p)).collect::<Vec<_>>().join(", ")
        )),
    }
}

fn name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn is_jsonl(name: &str) -> bool {
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

/// Files under a directory, sorted, hidden entries skipped.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> =
        rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if name_of(&path).starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Run one fixture; `Err` is an error (exit 2), not a drift.
fn check(
    fx: &Fixture,
    extractor: &Extractor,
    spec: &RecordSpec,
    scratch: &mut Scratch,
    bless: bool,
    msgs: &Messages,
) -> Result<Outcome, String> {
    let rendered = render(fx, extractor, spec, scratch, msgs)?;
    let expected_path = fx.expected.display().to_string();
    let write = |created: bool| {
        std::fs::write(&fx.expected, &rendered.bytes)
            .map(|()| Outcome::Blessed { created })
            .map_err(|e| format!("{expected_path}: {e}"))
    };
    let content = match std::fs::read_to_string(&fx.expected) {
        Ok(content) => content,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if bless {
                return write(true);
            }
            return Err(format!(
                "{}: no expected file {expected_path}; create it with \
                 `entx check --bless {}`",
                fx.article.display(),
                fx.article.display()
            ));
        }
        Err(e) => return Err(format!("{expected_path}: {e}")),
    };
    let expected = match golden::parse_outputs(&expected_path, &content) {
        Ok(values) => values,
        Err(_) if bless => return write(false),
        Err(e) => return Err(e.to_string()),
    };
    let text = std::str::from_utf8(&rendered.bytes).expect("JSON is UTF-8");
    let actual =
        golden::parse_outputs("output", text).expect("entx output is JSON");
    if expected == actual {
        return Ok(Outcome::Pass);
    }
    if bless {
        return write(false);
    }
    let diffs = golden::diff_outputs(&expected, &actual);
    Ok(Outcome::Fail { diffs, texts: rendered.texts })
}

/// Extract a fixture's articles into pretty JSON, as `entx extract
/// --pretty` would (with the file name as a text article's id).
fn render(
    fx: &Fixture,
    extractor: &Extractor,
    spec: &RecordSpec,
    scratch: &mut Scratch,
    msgs: &Messages,
) -> Result<Rendered, String> {
    let shown = fx.article.display().to_string();
    let bytes =
        std::fs::read(&fx.article).map_err(|e| format!("{shown}: {e}"))?;
    let name = name_of(&fx.article);
    let mut writer = JsonWriter::new(true);
    let mut out = Rendered { bytes: Vec::new(), texts: Vec::new() };
    let mut tag = |id: DocId<'_>,
                   keep: &[(&str, &serde_json::value::RawValue)],
                   text: &str,
                   line: Option<u64>| {
        if text.len() >= u32::MAX as usize {
            let at = line.map_or(String::new(), |l| format!(":{l}"));
            return Err(format!(
                "{shown}{at}: article is 4 GiB or larger; entx handles \
                 articles up to 4 GiB"
            ));
        }
        let found = extractor.extract_all(text, scratch);
        let doc = DocumentOut {
            id,
            keep,
            text,
            mentions: found.mentions,
            rules: found.rules,
        };
        writer
            .write_document(&mut out.bytes, extractor, &doc)
            .expect("writing to a Vec");
        out.texts.push(text.to_string());
        Ok(())
    };
    if !fx.jsonl {
        let (text, note) = decode_text(&bytes);
        if let Some(note) = note {
            msgs.warn(format!("{shown}: {note}"));
        }
        tag(DocId::Str(&name), &[], &text, None)?;
        return Ok(out);
    }
    let content = std::str::from_utf8(&bytes).map_err(|e| {
        format!("{shown}: invalid UTF-8 at byte {}", e.valid_up_to())
    })?;
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let mut text = String::new();
    for (i, line) in content.lines().enumerate() {
        let no = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let rec = parse_record(line, spec, &mut text)
            .map_err(|(_, msg)| format!("{shown}:{no}: {msg}"))?;
        let fallback = format!("{name}:{no}");
        let id = rec.id.map_or(DocId::Str(&fallback), DocId::Raw);
        tag(id, &rec.keep, &text, Some(no))?;
    }
    Ok(out)
}

/// Print the differences of a failed fixture, document by document.
fn print_diffs(
    out: &mut dyn Write,
    diffs: &[DocumentDiff],
    texts: &[String],
    paint: Paint,
) -> io::Result<()> {
    for diff in diffs {
        let id = golden::sanitize(&diff.id);
        let n = diff.index + 1;
        match &diff.change {
            DocumentChange::Missing => writeln!(
                out,
                "    {} document {n} ({id}): expected, not in the output",
                paint.red("-")
            )?,
            DocumentChange::Unexpected => writeln!(
                out,
                "    {} document {n} ({id}): in the output, not expected",
                paint.green("+")
            )?,
            DocumentChange::Changed { mentions, fields } => {
                let count = |f: fn(&MentionChange) -> bool| {
                    mentions.iter().filter(|m| f(m)).count()
                };
                let missing =
                    count(|m| matches!(m, MentionChange::Missing(_)));
                let unexpected =
                    count(|m| matches!(m, MentionChange::Unexpected(_)));
                let changed = mentions.len() - missing - unexpected;
                writeln!(
                    out,
                    "    document {n} ({id}): {missing} missing, \
                     {unexpected} unexpected, {changed} changed mentions"
                )?;
                let text = texts.get(diff.index).map(String::as_str);
                for m in mentions {
                    print_mention(out, m, text, paint)?;
                }
                for f in fields {
                    writeln!(
                        out,
                        "      {} field {:?}: {}",
                        paint.yellow("~"),
                        f.field,
                        field_change(f)
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn print_mention(
    out: &mut dyn Write,
    change: &MentionChange,
    text: Option<&str>,
    paint: Paint,
) -> io::Result<()> {
    let (sigil, label, m) = match change {
        MentionChange::Missing(m) => (paint.red("-"), "missing   ", m),
        MentionChange::Unexpected(m) => (paint.green("+"), "unexpected", m),
        MentionChange::Changed { expected, .. } => {
            (paint.yellow("~"), "changed   ", expected)
        }
    };
    writeln!(
        out,
        "      {sigil} {label} {:<7} {:<24} {:>11}  {}",
        golden::sanitize(&m.kind),
        golden::sanitize(&m.entity),
        format!("{}..{}", m.start, m.end),
        context(m, text, paint)
    )?;
    if let MentionChange::Changed { fields, .. } = change {
        for f in fields {
            writeln!(out, "          {}: {}", f.field, field_change(f))?;
        }
    }
    Ok(())
}

/// `…words before [mention] words after…`, or the mention's own text when
/// the article's text is not at hand.
fn context(m: &MentionInfo, text: Option<&str>, paint: Paint) -> String {
    let snippet = text.and_then(|t| {
        golden::snippet(t, m.start as usize, m.end as usize, CONTEXT)
    });
    match snippet {
        Some(s) => format!(
            "{}{}{}",
            paint.dim(&s.before),
            paint.bold(&format!("[{}]", s.inside)),
            paint.dim(&s.after)
        ),
        None => format!("{:?}", golden::sanitize(&m.text)),
    }
}

/// `"a" → "b"`, values shortened to fit a line.
fn field_change(f: &FieldChange) -> String {
    let show = |v: &Option<Value>| match v {
        None => "(absent)".to_string(),
        Some(v) => {
            let s = golden::sanitize(&v.to_string());
            if s.chars().count() > 60 {
                let cut: String = s.chars().take(59).collect();
                format!("{cut}…")
            } else {
                s
            }
        }
    };
    format!("{} → {}", show(&f.expected), show(&f.actual))
}
