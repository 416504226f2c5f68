//! `entx extract`: read articles (files, directories, stdin; plain text or
//! JSONL; optionally gzip/zstd-compressed), tag them on N threads, and
//! print one JSON object per input record in input order.
//!
//! The pipeline: one reader thread cuts the inputs into chunks (a whole
//! text article, or about 256 KiB of complete JSONL lines; see `feed`) and
//! numbers them; worker threads, each with its own [`Scratch`] and output
//! buffer, turn a chunk into output bytes; the calling thread writes chunks
//! back in sequence order. Channels are bounded and so are records
//! (`--max-record-bytes`), so memory stays bounded however large the
//! corpus; output bytes do not depend on the thread count.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::Context;
use clap::ValueEnum;

use super::feed::{self, Chunk};
use super::{GazetteerArgs, Messages, RecordArgs};
use crate::input::{decode_text, parse_record, RecordSpec};
use crate::output::{DocId, DocumentOut, JsonWriter};
use crate::{Extractor, Scratch};

/// Tag articles and print one JSON object per article.
///
/// Each PATH is a file, a directory (searched recursively) or `-` for
/// stdin; with no PATH, stdin is read. A text file is one article; a
/// `.jsonl`/`.ndjson` file (or `--input jsonl`) holds one article per line.
/// `.gz` and `.zst` inputs are decompressed transparently. Output is JSON
/// Lines in input order: {"id", "mentions", "entities"}, or {"id", "error",
/// "line"} for a record that could not be processed.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// Files, directories or `-` (stdin).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    gazetteer: GazetteerArgs,

    /// Input format: by file extension (`.jsonl`, `.ndjson` → jsonl), and
    /// for stdin by its first byte (`{` → jsonl).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input: InputFormat,

    #[command(flatten)]
    record: RecordArgs,

    /// Only read files in directories whose path matches this glob
    /// (repeatable), e.g. --glob '*.jsonl.gz'.
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,

    /// Worker threads (default: all cores). Output is identical for any N.
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,

    /// Longest record read, in bytes (suffixes K, M, G: powers of 1024):
    /// a longer JSONL line or text article becomes an error record and is
    /// skipped without being held in memory. At most 4G - 1.
    #[arg(
        long,
        value_name = "BYTES",
        default_value = "256M",
        value_parser = parse_size
    )]
    max_record_bytes: u64,

    /// Stop at the first bad record or unreadable input instead of
    /// reporting it and going on.
    #[arg(long)]
    fail_fast: bool,

    /// Print a summary to stderr at the end.
    #[arg(long)]
    stats: bool,

    /// Indent the JSON output, for reading.
    #[arg(long)]
    pretty: bool,

    /// No warnings, per-record errors or progress bar on stderr (the exit
    /// code still reports errors).
    #[arg(short, long)]
    quiet: bool,
}

const EXAMPLES: &str = "\
Examples:
  entx extract article.txt                       one article
  curl -s URL | entx extract | jq '.entities'    from a pipe
  entx extract corpus.jsonl.gz --stats > out.jsonl
  entx extract --text-field title --text-field body --keep url dump.jsonl
  entx extract news/ --glob '*.txt' -j 8
  entx extract -g my.tsv --no-builtin --pretty article.txt

A bad record is reported on stderr (FILE:LINE: what) and as
{\"id\", \"error\", \"line\"} in its place; the rest still runs and the
exit status is 2.";

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    Auto,
    Text,
    Jsonl,
}

/// One input, as the user named it.
#[derive(Clone, Debug)]
enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::Stdin => "-".into(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// What a worker made of a chunk.
#[derive(Default)]
struct Done {
    out: Vec<u8>,
    /// Flush stdout once this is written (the chunk came from a pipe).
    flush: bool,
    errors: Vec<String>,
    warnings: Vec<String>,
    docs: u64,
    failed: u64,
    mentions: u64,
    text_bytes: u64,
}

/// Settings shared by the workers.
struct Job<'a> {
    extractor: &'a Extractor,
    spec: RecordSpec,
    pretty: bool,
    fail_fast: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let msgs = Messages::new(args.quiet);
    let sources = sources(&args)?;
    let threads = match args.threads {
        Some(0) => anyhow::bail!("--threads must be at least 1"),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let spec = args.record.spec()?;
    let started = Instant::now();
    let extractor = args.gazetteer.build(&msgs)?;
    let job = Job {
        extractor: &extractor,
        spec,
        pretty: args.pretty,
        fail_fast: args.fail_fast,
    };
    let progress =
        Progress::new(!args.quiet && io::stderr().is_terminal(), &sources);
    let mut out = super::stdout();
    let reading =
        Reading { format: args.input, max_record: args.max_record_bytes };
    let totals = pipeline(
        &job, &sources, reading, threads, &progress, &msgs, &mut *out,
    )?;
    out.flush().context("writing output")?;
    progress.finish();
    if args.stats {
        let secs = started.elapsed().as_secs_f64();
        let mb = totals.text_bytes as f64 / 1e6;
        super::messages::note(format_args!(
            "stats: {} documents, {} errors, {} mentions, {:.1} MB of \
             text in {:.2} s ({:.1} MB/s, {:.0} docs/s), {} threads, \
             gazetteer {} patterns in {:.1} MB",
            totals.docs,
            totals.failed,
            totals.mentions,
            mb,
            secs,
            mb / secs.max(1e-9),
            totals.docs as f64 / secs.max(1e-9),
            threads,
            extractor.pattern_count(),
            extractor.memory_usage() as f64 / 1e6,
        ));
    }
    Ok(if msgs.has_errored() { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Expand the PATH arguments: `-` is stdin, directories are walked in
/// sorted order (hidden entries skipped), filtered by --glob.
fn sources(args: &Args) -> anyhow::Result<Vec<Source>> {
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            anyhow::bail!(
                "no input: give article paths, or pipe an article to stdin \
                 (e.g. `cat article.txt | entx extract`)"
            );
        }
        paths.push(PathBuf::from("-"));
    }
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        anyhow::bail!("stdin (`-`) may be given only once");
    }
    let glob = if args.glob.is_empty() {
        None
    } else {
        let mut b = globset::GlobSetBuilder::new();
        for g in &args.glob {
            let glob = globset::GlobBuilder::new(g)
                .literal_separator(false)
                .build()
                .with_context(|| format!("invalid --glob {g:?}"))?;
            b.add(glob);
        }
        Some(b.build().context("building --glob set")?)
    };
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if path.is_dir() {
            walk(&path, glob.as_ref(), &mut out);
        } else {
            out.push(Source::File(path));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, glob: Option<&globset::GlobSet>, out: &mut Vec<Source>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
        // Reported when the reader opens it as a file.
        Err(_) => {
            out.push(Source::File(dir.to_path_buf()));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries;
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        // Only directories and regular files: a FIFO, socket or device in
        // a walked directory would block or make no sense as an article.
        let Ok(meta) = std::fs::metadata(&path) else {
            out.push(Source::File(path));
            continue;
        };
        if meta.is_dir() {
            walk(&path, glob, out);
        } else if !meta.is_file() {
            continue;
        } else if glob.is_none_or(|g| {
            g.is_match(&path)
                || path.file_name().is_some_and(|n| g.is_match(n))
        }) {
            out.push(Source::File(path));
        }
    }
}

/// How inputs are read.
#[derive(Clone, Copy)]
struct Reading {
    format: InputFormat,
    max_record: u64,
}

/// Parse a size: bytes, or with a K, M or G suffix (powers of 1024; an
/// `iB` or `B` after it is allowed). Between 1 byte and 4 GiB - 1, entx's
/// article limit.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let t = t.strip_suffix("iB").or_else(|| t.strip_suffix('B')).unwrap_or(t);
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 10),
        Some((i, 'm' | 'M')) => (&t[..i], 20),
        Some((i, 'g' | 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = digits.parse().map_err(|_| {
        "expected a number of bytes, like 1000, 64K, 256M or 1G".to_string()
    })?;
    match n.checked_shl(shift).filter(|&b| b >> shift == n) {
        Some(b) if (1..u64::from(u32::MAX)).contains(&b) => Ok(b),
        _ => Err(format!(
            "must be between 1 and {} bytes (4 GiB - 1)",
            u32::MAX - 1
        )),
    }
}

#[derive(Default)]
struct Totals {
    docs: u64,
    failed: u64,
    mentions: u64,
    text_bytes: u64,
}

/// Run reader, workers and the ordered writer; return the totals.
fn pipeline(
    job: &Job<'_>,
    sources: &[Source],
    reading: Reading,
    threads: usize,
    progress: &Progress,
    msgs: &Messages,
    out: &mut dyn Write,
) -> anyhow::Result<Totals> {
    let (work_tx, work_rx) = sync_channel::<Work>(threads * 2);
    let (done_tx, done_rx) = sync_channel::<(u64, Done)>(threads * 2);
    // Output buffers go back from the writer to the workers: fresh ones
    // cost a page fault per 4 KiB.
    let (free_tx, free_rx) = sync_channel::<Vec<u8>>(threads * 2);
    let free_rx = Mutex::new(free_rx);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let shared = feed::Shared {
        max_record: reading.max_record,
        counter: progress.counter(),
        stop: Arc::new(AtomicBool::new(false)),
    };
    let stop = Arc::clone(&shared.stop);
    std::thread::scope(|scope| {
        scope.spawn(move || read_all(sources, reading, &shared, work_tx));
        for _ in 0..threads {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            let free = &free_rx;
            scope.spawn(move || work(job, &rx, &tx, free));
        }
        drop(done_tx);
        drop(work_rx);
        let totals = write_in_order(
            done_rx,
            &free_tx,
            job.fail_fast,
            progress,
            msgs,
            out,
        );
        stop.store(true, Ordering::Relaxed);
        totals
    })
}

fn write_in_order(
    done_rx: Receiver<(u64, Done)>,
    free: &SyncSender<Vec<u8>>,
    fail_fast: bool,
    progress: &Progress,
    msgs: &Messages,
    out: &mut dyn Write,
) -> anyhow::Result<Totals> {
    let mut totals = Totals::default();
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    for (seq, done) in done_rx {
        pending.insert(seq, done);
        while let Some(mut done) = pending.remove(&next) {
            next += 1;
            out.write_all(&done.out)?;
            if done.flush {
                out.flush()?;
            }
            let mut buf = std::mem::take(&mut done.out);
            buf.clear();
            // Full (the workers have spares): let this one go.
            let _ = free.try_send(buf);
            for w in &done.warnings {
                msgs.warn(w);
            }
            for e in &done.errors {
                msgs.error(e);
            }
            totals.docs += done.docs;
            totals.failed += done.failed;
            totals.mentions += done.mentions;
            totals.text_bytes += done.text_bytes;
            progress.update(totals.docs);
            if fail_fast && done.failed > 0 {
                return Ok(totals);
            }
        }
    }
    Ok(totals)
}

/// A numbered chunk, and whether to flush stdout once it is written.
type Work = (u64, Chunk, bool);

/// The reader thread: cut every source into numbered chunks.
fn read_all(
    sources: &[Source],
    reading: Reading,
    shared: &feed::Shared,
    tx: SyncSender<Work>,
) {
    let mut seq = 0u64;
    let mut send = |chunk: Chunk, flush: bool| -> bool {
        let ok = tx.send((seq, chunk, flush)).is_ok();
        seq += 1;
        ok
    };
    for source in sources {
        let name: Arc<str> = Arc::from(source.name());
        if !read_source(source, &name, reading, shared, &mut send) {
            return;
        }
    }
}

/// Read one source; false when the pipeline has shut down.
fn read_source(
    source: &Source,
    name: &Arc<str>,
    reading: Reading,
    shared: &feed::Shared,
    send: &mut feed::Sink<'_>,
) -> bool {
    let error =
        |msg: String| Chunk::Error { name: Arc::clone(name), line: None, msg };
    let input = match source {
        Source::Stdin => {
            feed::Input { raw: Box::new(io::stdin()), live: !stdin_is_file() }
        }
        Source::File(path) => {
            if path.is_dir() {
                let msg = "is a directory that could not be read".into();
                return send(error(msg), false);
            }
            match std::fs::File::open(path) {
                Ok(f) => {
                    let live = !f.metadata().is_ok_and(|m| m.is_file());
                    feed::Input { raw: Box::new(f), live }
                }
                Err(err) => return send(error(err.to_string()), false),
            }
        }
    };
    let format = match (reading.format, source) {
        (InputFormat::Jsonl, _) => feed::Format::Jsonl,
        (InputFormat::Text, _) => feed::Format::Text,
        (InputFormat::Auto, Source::File(path)) if is_jsonl_name(path) => {
            feed::Format::Jsonl
        }
        (InputFormat::Auto, Source::File(_)) => feed::Format::Text,
        (InputFormat::Auto, Source::Stdin) => feed::Format::Sniff,
    };
    feed::read(input, name, format, shared, send)
}

/// Whether stdin is a regular file (`entx extract < corpus.jsonl`), read
/// in place like a named file rather than as a pipe.
#[cfg(unix)]
fn stdin_is_file() -> bool {
    use std::os::fd::AsFd;
    io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map(std::fs::File::from)
        .and_then(|f| f.metadata())
        .is_ok_and(|m| m.is_file())
}

#[cfg(not(unix))]
fn stdin_is_file() -> bool {
    false
}

/// The lines of a chunk, each with its `\n` if it has one (memchr, not a
/// byte-by-byte closure: this runs over every input byte).
struct Lines<'a> {
    data: &'a [u8],
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if self.data.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', self.data)
            .map_or(self.data.len(), |i| i + 1);
        let (line, rest) = self.data.split_at(end);
        self.data = rest;
        Some(line)
    }
}

/// `.jsonl`/`.ndjson`, optionally followed by `.gz`/`.zst`.
fn is_jsonl_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let name = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .or_else(|| name.strip_suffix(".zstd"))
        .unwrap_or(name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

/// A worker thread: take chunks until the reader is done.
fn work(
    job: &Job<'_>,
    rx: &Mutex<Receiver<Work>>,
    tx: &SyncSender<(u64, Done)>,
    free: &Mutex<Receiver<Vec<u8>>>,
) {
    let mut scratch = Scratch::new();
    let mut writer = JsonWriter::new(job.pretty);
    let mut text = String::new();
    loop {
        let next = rx.lock().map(|rx| rx.recv());
        let Ok(Ok((seq, chunk, flush))) = next else { return };
        let mut done = Done { flush, ..Done::default() };
        if let Ok(Ok(buf)) = free.lock().map(|free| free.try_recv()) {
            done.out = buf;
        }
        // Writing into a Vec cannot fail.
        let _ = process(
            job,
            chunk,
            &mut scratch,
            &mut writer,
            &mut text,
            &mut done,
        );
        if tx.send((seq, done)).is_err() {
            return;
        }
    }
}

fn process(
    job: &Job<'_>,
    chunk: Chunk,
    scratch: &mut Scratch,
    writer: &mut JsonWriter,
    text: &mut String,
    done: &mut Done,
) -> io::Result<()> {
    match chunk {
        Chunk::Error { name, line, msg } => {
            let id = match line {
                Some(line) => format!("{name}:{line}"),
                None => name.to_string(),
            };
            record_error(writer, done, &name, DocId::Str(&id), line, &msg)
        }
        Chunk::Text { name, bytes } => {
            let (decoded, note) = decode_text(&bytes);
            if let Some(note) = note {
                done.warnings.push(format!("{name}: {note}"));
            }
            tag(
                job,
                writer,
                done,
                DocId::Str(&name),
                &[],
                &decoded,
                scratch,
                None,
                &name,
            )
        }
        Chunk::Jsonl { name, first_line, data } => {
            let lines = Lines { data: &data };
            for (this, raw) in (first_line..).zip(lines) {
                let mut line = raw.strip_suffix(b"\n").unwrap_or(raw);
                line = line.strip_suffix(b"\r").unwrap_or(line);
                if this == 1 {
                    line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
                }
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let line = match std::str::from_utf8(line) {
                    Ok(line) => line,
                    Err(e) => {
                        let msg = format!(
                            "invalid UTF-8 at byte {} of the line",
                            e.valid_up_to()
                        );
                        let id = format!("{name}:{this}");
                        record_error(
                            writer,
                            done,
                            &name,
                            DocId::Str(&id),
                            Some(this),
                            &msg,
                        )?;
                        if job.fail_fast {
                            return Ok(());
                        }
                        continue;
                    }
                };
                match parse_record(line, &job.spec, text) {
                    Ok(rec) => {
                        let fallback;
                        let id = match rec.id {
                            Some(raw) => DocId::Raw(raw),
                            None => {
                                fallback = format!("{name}:{this}");
                                DocId::Str(&fallback)
                            }
                        };
                        tag(
                            job,
                            writer,
                            done,
                            id,
                            &rec.keep,
                            text,
                            scratch,
                            Some(this),
                            &name,
                        )?;
                    }
                    Err((id, msg)) => {
                        let fallback;
                        let id = match id {
                            Some(raw) => DocId::Raw(raw),
                            None => {
                                fallback = format!("{name}:{this}");
                                DocId::Str(&fallback)
                            }
                        };
                        record_error(
                            writer,
                            done,
                            &name,
                            id,
                            Some(this),
                            &msg,
                        )?;
                    }
                }
                if job.fail_fast && done.failed > 0 {
                    return Ok(());
                }
            }
            Ok(())
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn tag(
    job: &Job<'_>,
    writer: &mut JsonWriter,
    done: &mut Done,
    id: DocId<'_>,
    keep: &[(&str, &serde_json::value::RawValue)],
    text: &str,
    scratch: &mut Scratch,
    line: Option<u64>,
    name: &str,
) -> io::Result<()> {
    if text.len() >= u32::MAX as usize {
        let msg =
            "article is 4 GiB or larger; entx handles articles up to 4 GiB";
        return record_error(writer, done, name, id, line, msg);
    }
    let found = job.extractor.extract_all(text, scratch);
    let mentions = found.mentions;
    done.docs += 1;
    done.mentions += mentions.len() as u64;
    done.text_bytes += text.len() as u64;
    let doc = DocumentOut { id, keep, text, mentions, rules: found.rules };
    writer.append_document(&mut done.out, job.extractor, &doc);
    Ok(())
}

fn record_error(
    writer: &mut JsonWriter,
    done: &mut Done,
    name: &str,
    id: DocId<'_>,
    line: Option<u64>,
    msg: &str,
) -> io::Result<()> {
    done.failed += 1;
    done.errors.push(match line {
        Some(line) => format!("{name}:{line}: {msg}"),
        None => format!("{name}: {msg}"),
    });
    writer.write_error(&mut done.out, id, msg, line)
}

/// The progress bar on a terminal's stderr: records, MB/s and, when every
/// input is a regular file, the ETA.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    read: Arc<AtomicU64>,
}

impl Progress {
    fn new(enabled: bool, sources: &[Source]) -> Progress {
        let read = Arc::new(AtomicU64::new(0));
        if !enabled {
            return Progress { bar: None, read };
        }
        let total: Option<u64> = sources
            .iter()
            .map(|s| match s {
                Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
                Source::Stdin => None,
            })
            .sum();
        let bar = match total {
            Some(total) => indicatif::ProgressBar::new(total).with_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
                )
                .expect("valid template"),
            ),
            None => indicatif::ProgressBar::new_spinner().with_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {bytes} {bytes_per_sec} {msg}",
                )
                .expect("valid template"),
            ),
        };
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
        Progress { bar: Some(bar), read }
    }

    fn counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.read)
    }

    fn update(&self, docs: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(self.read.load(Ordering::Relaxed));
            bar.set_message(format!("{docs} records"));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
