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
use crate::output::{
    file_stem, DocId, DocumentOut, DocumentWriter, Entry, OutputFormat,
};
use crate::{Extractor, Scratch};

/// Tag articles and print one JSON object per article.
///
/// Each PATH is a file, a directory (searched recursively) or `-` for
/// stdin; with no PATH, stdin is read. A text file is one article; a
/// `.jsonl`/`.ndjson` file (or `--input jsonl`) holds one article per line.
/// `.gz` and `.zst` inputs are decompressed transparently. Output is JSON
/// Lines in input order: {"id", "mentions", "entities"}, or {"id", "error",
/// "line"} for a record that could not be processed; --format picks
/// another format (README, "Output formats").
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

    /// Output format: json (JSON Lines), conll (IOB2), spacy (JSONL with
    /// char spans), brat (.txt + .ann per document; needs --output-dir),
    /// tsv (a mention a row), html (a page to read).
    #[arg(long, value_enum, value_name = "FORMAT")]
    #[arg(default_value_t = FormatArg::Json)]
    format: FormatArg,

    /// Write one file set per document into DIR (brat; html: a page per
    /// document plus index.html) instead of to stdout.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,

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
  entx extract --format tsv corpus.jsonl > mentions.tsv
  entx extract --format html article.txt > article.html
  entx extract --format html --output-dir pages/ corpus.jsonl.gz
  entx extract --format brat --output-dir brat/ corpus.jsonl

A bad record is reported on stderr (FILE:LINE: what) and as
{\"id\", \"error\", \"line\"} in its place; the rest still runs and the
exit status is 2.";

/// The `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Json,
    Conll,
    Spacy,
    Brat,
    Tsv,
    Html,
}

impl FormatArg {
    fn format(self) -> OutputFormat {
        match self {
            FormatArg::Json => OutputFormat::Json,
            FormatArg::Conll => OutputFormat::Conll,
            FormatArg::Spacy => OutputFormat::Spacy,
            FormatArg::Brat => OutputFormat::Brat,
            FormatArg::Tsv => OutputFormat::Tsv,
            FormatArg::Html => OutputFormat::Html,
        }
    }
}

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
    /// Per-document files, or html contents entries.
    entries: Vec<Entry>,
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
    format: OutputFormat,
    per_document: bool,
    fail_fast: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let msgs = Messages::new(args.quiet);
    let sources = sources(&args, &msgs)?;
    let threads = match args.threads {
        Some(0) => anyhow::bail!("--threads must be at least 1"),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let spec = args.record.spec()?;
    let format = args.format.format();
    if args.pretty && format != OutputFormat::Json {
        anyhow::bail!("--pretty applies to --format json only");
    }
    match (format, &args.output_dir) {
        (OutputFormat::Brat, None) => anyhow::bail!(
            "--format brat writes a .txt and an .ann per document: give \
             --output-dir DIR"
        ),
        (OutputFormat::Brat | OutputFormat::Html, _) | (_, None) => {}
        (_, Some(_)) => anyhow::bail!(
            "--output-dir applies to --format brat and html; other formats \
             go to stdout"
        ),
    }
    let started = Instant::now();
    let extractor = args.gazetteer.build(&msgs)?;
    let job = Job {
        extractor: &extractor,
        spec,
        pretty: args.pretty,
        format,
        per_document: args.output_dir.is_some(),
        fail_fast: args.fail_fast,
    };
    let progress =
        Progress::new(!args.quiet && io::stderr().is_terminal(), &sources);
    let mut out = super::stdout();
    let mut files = Files::new(&job, args.output_dir.clone())?;
    let writer = DocumentWriter::new(format, job.pretty, job.per_document);
    let mut head = Vec::new();
    writer.begin(&mut head);
    out.write_all(&head)?;
    let reading =
        Reading { format: args.input, max_record: args.max_record_bytes };
    let totals = pipeline(
        &job, &sources, reading, threads, &progress, &msgs, &mut *out,
        &mut files,
    )?;
    files.finish(&writer, &mut *out)?;
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

/// Expand the PATH arguments: `-` is stdin, directories are walked (see
/// `walk`), filtered by --glob.
fn sources(args: &Args, msgs: &Messages) -> anyhow::Result<Vec<Source>> {
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
            for found in crate::walk::files(&path, &mut |w| msgs.warn(w)) {
                match found {
                    Ok(file) if !is_selected(&file, glob.as_ref()) => {}
                    Ok(file) => out.push(Source::File(file)),
                    // Reported when the reader opens it, in its place.
                    Err(e) => out.push(Source::File(e.path)),
                }
            }
        } else {
            out.push(Source::File(path));
        }
    }
    Ok(out)
}

/// Whether --glob lets a file found in a directory through: its path or
/// its name matches.
fn is_selected(path: &Path, glob: Option<&globset::GlobSet>) -> bool {
    glob.is_none_or(|g| {
        g.is_match(path) || path.file_name().is_some_and(|n| g.is_match(n))
    })
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

/// Where per-document files go (`--output-dir`), and the entries an html
/// contents list or index page is made of.
struct Files {
    dir: Option<PathBuf>,
    /// Keep the entries (html); brat's are dropped once written.
    keep: bool,
    entries: Vec<(Entry, Option<String>)>,
    /// File stems taken so far, lower-cased (case-insensitive file
    /// systems): a later id with the same stem gets `-2`, `-3`, ….
    used: std::collections::HashSet<String>,
    /// `DIR/errors.jsonl`, opened at the first error record.
    errors: Option<io::BufWriter<std::fs::File>>,
}

impl Files {
    fn new(job: &Job<'_>, dir: Option<PathBuf>) -> anyhow::Result<Files> {
        let mut used = std::collections::HashSet::new();
        if let Some(dir) = &dir {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating {}", dir.display()))?;
            if job.format == OutputFormat::Html {
                used.insert("index".to_string());
            }
        }
        Ok(Files {
            dir,
            keep: job.format == OutputFormat::Html,
            entries: Vec::new(),
            used,
            errors: None,
        })
    }

    /// A document's stream bytes: to stdout, or with an output directory
    /// (where they can only be error records) to `DIR/errors.jsonl`.
    fn stream(&mut self, bytes: &[u8], out: &mut dyn Write) -> io::Result<()> {
        let Some(dir) = &self.dir else { return out.write_all(bytes) };
        if bytes.is_empty() {
            return Ok(());
        }
        if self.errors.is_none() {
            let f = std::fs::File::create(dir.join("errors.jsonl"))?;
            self.errors = Some(io::BufWriter::new(f));
        }
        self.errors.as_mut().expect("opened above").write_all(bytes)
    }

    /// Write a chunk's per-document files under unique names.
    fn add(&mut self, entries: Vec<Entry>) -> anyhow::Result<()> {
        for mut entry in entries {
            let mut name = None;
            if let (Some(dir), false) = (&self.dir, entry.files.is_empty()) {
                let stem = file_stem(&entry.id);
                let mut unique = stem.clone();
                let mut n = 1;
                while !self.used.insert(unique.to_lowercase()) {
                    n += 1;
                    unique = format!("{stem}-{n}");
                }
                for (ext, bytes) in std::mem::take(&mut entry.files) {
                    let path = dir.join(format!("{unique}.{ext}"));
                    std::fs::write(&path, bytes).with_context(|| {
                        format!("writing {}", path.display())
                    })?;
                    if ext == "html" {
                        name = Some(format!("{unique}.{ext}"));
                    }
                }
            }
            if self.keep {
                self.entries.push((entry, name));
            }
        }
        Ok(())
    }

    /// The end of the output: the html page's contents list, or the
    /// index page of per-document pages.
    fn finish(
        &mut self,
        writer: &DocumentWriter,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        if let Some(errors) = &mut self.errors {
            errors.flush().context("writing errors.jsonl")?;
        }
        match &self.dir {
            Some(dir) if self.keep => {
                let path = dir.join("index.html");
                std::fs::write(&path, writer.index_page(&self.entries))
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            Some(_) => {}
            None => {
                let entries: Vec<Entry> =
                    self.entries.drain(..).map(|(e, _)| e).collect();
                let mut tail = Vec::new();
                writer.finish(&mut tail, &entries);
                out.write_all(&tail)?;
            }
        }
        Ok(())
    }
}

/// Run reader, workers and the ordered writer; return the totals.
#[allow(clippy::too_many_arguments)]
fn pipeline(
    job: &Job<'_>,
    sources: &[Source],
    reading: Reading,
    threads: usize,
    progress: &Progress,
    msgs: &Messages,
    out: &mut dyn Write,
    files: &mut Files,
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
            files,
        );
        stop.store(true, Ordering::Relaxed);
        totals
    })
}

#[allow(clippy::too_many_arguments)]
fn write_in_order(
    done_rx: Receiver<(u64, Done)>,
    free: &SyncSender<Vec<u8>>,
    fail_fast: bool,
    progress: &Progress,
    msgs: &Messages,
    out: &mut dyn Write,
    files: &mut Files,
) -> anyhow::Result<Totals> {
    let mut totals = Totals::default();
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    for (seq, done) in done_rx {
        pending.insert(seq, done);
        while let Some(mut done) = pending.remove(&next) {
            next += 1;
            files.stream(&done.out, out)?;
            files.add(std::mem::take(&mut done.entries))?;
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
    let mut writer =
        DocumentWriter::new(job.format, job.pretty, job.per_document);
    let mut text = String::new();
    loop {
        let next = rx.lock().map(|rx| rx.recv());
        let Ok(Ok((seq, chunk, flush))) = next else { return };
        writer.begin_chunk(seq);
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
    writer: &mut DocumentWriter,
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
    writer: &mut DocumentWriter,
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
    writer.document(&mut done.out, &mut done.entries, job.extractor, &doc);
    Ok(())
}

fn record_error(
    writer: &mut DocumentWriter,
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
    writer.error(&mut done.out, &mut done.entries, id, msg, line);
    Ok(())
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
