//! `entx check`: golden fixtures, the regression test CI runs on entx
//! itself, with the manners of snapshot tools (`cargo insta`, `jest -u`):
//! every article in a fixture folder is a fixture, one without an
//! expected file is reported as new, and `--bless` creates the missing
//! expected files and rewrites the drifted ones.
//!
//! Fixtures:
//!
//! * `ARTICLE.txt` is one article; its document id in the output is the
//!   file *name*, not the path, so expected files do not depend on the
//!   working directory. Named on the command line, a file of any other
//!   name (not `.jsonl`/`.ndjson`) is read the same way.
//! * `ARTICLE.jsonl` (or `.ndjson`) holds one article per line, read like
//!   `entx extract` reads JSONL (`--text-field`, `--id-field`, `--keep`);
//!   ids come from the records (`NAME:LINE` when a record has none), and
//!   documents are compared by id.
//! * `ARTICLE.expected.json`, beside it, holds the expected output in the
//!   snapshot format of [`crate::snapshot`] (one mention per line, positions
//!   as `LINE:COL`). Files in the older format (`entx extract --pretty`
//!   output) are still read.
//!
//! A directory is walked (see `walk`) for `*.txt`, `*.jsonl` and
//! `*.ndjson` articles; an expected file there without its article is an
//! error, so a deleted article does not leave a stale expected file
//! behind. A path ending in `.expected.json` stands for its article.
//!
//! `--bless` writes the current output to each expected file that is
//! missing, unreadable as JSON or different, and never touches one that
//! already matches (even if formatted differently or in the older format).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use serde_json::Value;

use super::{GazetteerArgs, Messages, RecordArgs};
use crate::golden;
use crate::input::{decode_text, parse_record, RecordSpec};
use crate::output::{DocId, DocumentOut, JsonWriter};
use crate::snapshot::{
    self, DocumentChange, DocumentDiff, FieldChange, Lines, MentionChange,
    MentionInfo,
};
use crate::{Extractor, Scratch};

const EXPECTED_SUFFIX: &str = ".expected.json";

/// Code points of context shown either side of a mention in a diff.
const CONTEXT: usize = 30;

/// Compare each fixture's extraction with its expected file.
///
/// Every article (ARTICLE.txt, ARTICLE.jsonl) in a fixture folder is a
/// fixture; ARTICLE.expected.json beside it holds the expected output. On
/// drift, a mention-level diff is printed; an article without an expected
/// file is reported as new. The last line is `N passed, M failed` (then
/// `K new`, or with --bless `K created, L updated`). Exit status: 0 when
/// all pass (or were blessed), 1 when any drifted or is new, 2 on errors
/// (unreadable input, expected file without its article).
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// Fixture directories, or article files.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    gazetteer: GazetteerArgs,

    /// Create the expected file of every new fixture and rewrite every
    /// one that differs; files that already match are not touched.
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
  entx check fixtures/articles/            every article in the folder
  entx check -g my.tsv cases/a.txt         with the options extract takes
  entx check --bless fixtures/articles/    create new, rewrite drifted
  entx check --bless fixtures/new.txt      create new.expected.json

Review a --bless with `git diff`: the expected file has one mention per
line, positioned by LINE:COL, so an edit to one paragraph of an article
changes the lines of that paragraph's mentions only.";

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
    Fail {
        diffs: Vec<DocumentDiff>,
        texts: Vec<String>,
    },
    /// No expected file, and no --bless.
    New,
    /// --bless wrote the expected file.
    Written {
        created: bool,
    },
}

/// The current output for a fixture: extract's documents, parsed, and
/// the text of each.
struct Rendered {
    docs: Vec<Value>,
    texts: Vec<String>,
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    new: usize,
    created: usize,
    updated: usize,
    errors: usize,
}

impl Tally {
    /// `N passed, M failed`, then whatever else happened.
    fn summary(&self, bless: bool) -> String {
        let mut s = format!("{} passed, {} failed", self.passed, self.failed);
        if self.new > 0 {
            s.push_str(&format!(", {} new", self.new));
        }
        if bless {
            s.push_str(&format!(
                ", {} created, {} updated",
                self.created, self.updated
            ));
        }
        if self.errors > 0 {
            let plural = if self.errors == 1 { "" } else { "s" };
            s.push_str(&format!(", {} error{plural}", self.errors));
        }
        s
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let msgs = Messages::new(false);
    let paint = args.color.paint();
    let spec = args.record.spec()?;
    let mut out = super::stdout();
    let mut tally = Tally::default();
    let mut report_error = |out: &mut dyn Write, msg: &str| {
        // Keep stdout and stderr in order in a combined CI log.
        let flushed = out.flush();
        msgs.error(msg);
        tally.errors += 1;
        flushed
    };
    let mut fixtures = Vec::new();
    for found in find_fixtures(&args.paths, &msgs) {
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
    let mut scratch = Scratch::new();
    for fx in &fixtures {
        let extractor = extractor.as_ref().expect("built when any fixture");
        let shown = fx.article.display().to_string();
        match check(fx, extractor, &spec, &mut scratch, args.bless, &msgs) {
            Ok(Outcome::Pass) => {
                tally.passed += 1;
                writeln!(out, "{}  {shown}", paint.green("ok   "))?;
            }
            Ok(Outcome::New) => {
                tally.new += 1;
                writeln!(
                    out,
                    "{}  {shown} (no {}: `entx check --bless {shown}` \
                     creates it)",
                    paint.bold(&paint.yellow("new  ")),
                    name_of(&fx.expected),
                )?;
            }
            Ok(Outcome::Written { created }) => {
                let what = if created {
                    tally.created += 1;
                    "created"
                } else {
                    tally.updated += 1;
                    "updated"
                };
                writeln!(
                    out,
                    "{}  {shown} → {}",
                    paint.yellow(what),
                    fx.expected.display()
                )?;
            }
            Ok(Outcome::Fail { diffs, texts }) => {
                tally.failed += 1;
                writeln!(out, "{}  {shown}", paint.bold(&paint.red("FAIL ")))?;
                print_diffs(&mut *out, &diffs, &texts, paint)?;
            }
            Err(msg) => report_error(&mut *out, &msg)?,
        }
    }
    writeln!(out, "{}", tally.summary(args.bless))?;
    out.flush().context("writing output")?;
    Ok(if tally.errors > 0 {
        ExitCode::from(2)
    } else if tally.failed > 0 || tally.new > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The fixtures named by the command line, in order; directories in walk
/// order.
fn find_fixtures(
    paths: &[PathBuf],
    msgs: &Messages,
) -> Vec<Result<Fixture, String>> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = found.len();
            in_folder(path, msgs, &mut found);
            if found.len() == before {
                found.push(Err(format!(
                    "{}: no fixtures found: expected articles (*.txt, \
                     *.jsonl, *.ndjson)",
                    path.display()
                )));
            }
        } else if name_of(path).ends_with(EXPECTED_SUFFIX) {
            found.push(from_expected(path));
        } else {
            let name = name_of(path);
            found.push(Ok(Fixture {
                article: path.clone(),
                expected: expected_for(path),
                jsonl: is_jsonl(&name),
            }));
        }
    }
    found
}

/// Every article in a folder, and an error for each expected file there
/// that is not an article's (none beside it, or two articles share it).
fn in_folder(
    dir: &Path,
    msgs: &Messages,
    found: &mut Vec<Result<Fixture, String>>,
) {
    let mut articles = Vec::new();
    let mut expected = Vec::new();
    for file in crate::walk::files(dir, &mut |w| msgs.warn(w)) {
        match file {
            Ok(file) if name_of(&file).ends_with(EXPECTED_SUFFIX) => {
                expected.push(file);
            }
            Ok(file) if is_article(&name_of(&file)) => articles.push(file),
            Ok(_) => {}
            Err(e) => found.push(Err(e.to_string())),
        }
    }
    let owners = |exp: &Path| {
        articles.iter().filter(|a| expected_for(a) == exp).count()
    };
    for article in &articles {
        let exp = expected_for(article);
        if owners(&exp) == 1 {
            found.push(Ok(Fixture {
                article: article.clone(),
                jsonl: is_jsonl(&name_of(article)),
                expected: exp,
            }));
        }
    }
    for exp in &expected {
        if owners(exp) != 1 {
            found.push(from_expected(exp));
        }
    }
}

/// `DIR/STEM.expected.json` for `DIR/STEM.EXT`.
fn expected_for(article: &Path) -> PathBuf {
    let name = name_of(article);
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    article.with_file_name(format!("{stem}{EXPECTED_SUFFIX}"))
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
            "{}: no article beside it: expected {stem}.txt or {stem}.jsonl \
             (delete it if the article is gone)",
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

/// Whether a file found in a fixture folder is an article.
fn is_article(name: &str) -> bool {
    name.ends_with(".txt") || is_jsonl(name)
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
        let bytes = snapshot::write(&rendered.docs, &rendered.texts);
        std::fs::write(&fx.expected, bytes)
            .map(|()| Outcome::Written { created })
            .map_err(|e| format!("{expected_path}: {e}"))
    };
    let content = match std::fs::read_to_string(&fx.expected) {
        Ok(content) => content,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return if bless { write(true) } else { Ok(Outcome::New) };
        }
        Err(e) => return Err(format!("{expected_path}: {e}")),
    };
    let expected = match snapshot::parse(&expected_path, &content) {
        Ok(values) => values,
        Err(_) if bless => return write(false),
        Err(e) => return Err(e.to_string()),
    };
    let diffs = snapshot::compare(&expected, &rendered.docs, &rendered.texts);
    if diffs.is_empty() {
        Ok(Outcome::Pass)
    } else if bless {
        write(false)
    } else {
        Ok(Outcome::Fail { diffs, texts: rendered.texts })
    }
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
    let mut bytes_out = Vec::new();
    let mut texts = Vec::new();
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
            .write_document(&mut bytes_out, extractor, &doc)
            .expect("writing to a Vec");
        texts.push(text.to_string());
        Ok(())
    };
    if !fx.jsonl {
        let (text, note) = decode_text(&bytes);
        if let Some(note) = note {
            msgs.warn(format!("{shown}: {note}"));
        }
        tag(DocId::Str(&name), &[], &text, None)?;
        return Ok(parsed(bytes_out, texts));
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
    Ok(parsed(bytes_out, texts))
}

/// Extract's output read back as JSON values.
fn parsed(bytes: Vec<u8>, texts: Vec<String>) -> Rendered {
    let text = String::from_utf8(bytes).expect("JSON is UTF-8");
    let docs = snapshot::parse("output", &text).expect("entx output is JSON");
    Rendered { docs, texts }
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
                let moved =
                    count(|m| matches!(m, MentionChange::Moved { .. }));
                let changed = mentions.len() - missing - unexpected - moved;
                let moved = if moved > 0 {
                    format!(", {moved} moved")
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "    document {n} ({id}): {missing} missing, \
                     {unexpected} unexpected, {changed} changed{moved} \
                     mentions"
                )?;
                let text = texts.get(diff.index).map_or("", String::as_str);
                let lines = Lines::new(text);
                for m in mentions {
                    print_mention(out, m, &lines, paint)?;
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

/// One line for a mention (two or more when fields changed), with its
/// context in the current text where that text is known to hold it.
fn print_mention(
    out: &mut dyn Write,
    change: &MentionChange,
    lines: &Lines<'_>,
    paint: Paint,
) -> io::Result<()> {
    let (sigil, label, m, at, fields) = match change {
        MentionChange::Missing(m) => {
            (paint.red("-"), "missing   ", m, m.position.to_string(), None)
        }
        MentionChange::Unexpected(m) => {
            (paint.green("+"), "unexpected", m, m.position.to_string(), None)
        }
        MentionChange::Changed { expected, fields, .. } => (
            paint.yellow("~"),
            "changed   ",
            expected,
            expected.position.to_string(),
            Some(fields),
        ),
        MentionChange::Moved { expected, actual, fields } => (
            paint.yellow(">"),
            "moved     ",
            actual,
            format!("{} → {}", expected.position, actual.position),
            Some(fields),
        ),
    };
    writeln!(
        out,
        "      {sigil} {label} {:<7} {:<24} {:>11}  {}",
        golden::sanitize(&m.kind),
        golden::sanitize(&m.entity),
        at,
        context(m, lines, paint)
    )?;
    for f in fields.into_iter().flatten() {
        writeln!(out, "          {}: {}", f.field, field_change(f))?;
    }
    Ok(())
}

/// `…words before [mention] words after…` from the current text, or the
/// mention's own text, quoted, when the current text does not read it at
/// its position: an expected mention whose part of the article was edited
/// (the text an expected file was made from is not kept).
fn context(m: &MentionInfo, lines: &Lines<'_>, paint: Paint) -> String {
    let snippet = m.span_in(lines).and_then(|(start, end)| {
        golden::snippet(lines.text(), start, end, CONTEXT)
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
