//! Cutting one input into chunks of whole records for the workers, with two
//! promises users rely on: a record that arrives on a pipe is passed on
//! within [`FLUSH_AFTER`] even when nothing follows it (`tail -f feed.jsonl
//! | entx extract`), and no record is held in memory beyond
//! `--max-record-bytes`, however long its line (`entx extract < /dev/zero`).
//!
//! Regular files are read in place, on the reader thread, as before: a file
//! never stalls, so nothing here waits on a clock. Anything else (a pipe, a
//! terminal, a FIFO) is read by a pump thread that hands over each block as
//! it arrives, so that the reader can notice when the input goes quiet and
//! pass on the complete lines it holds. See DESIGN.md, "Reading input".

use std::io::{self, BufRead, Read};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::input::decompress;

/// Bytes of JSONL per chunk handed to a worker.
const CHUNK_BYTES: usize = 1 << 18;

/// How long a complete record from a pipe may wait for more to join its
/// chunk before it is passed on alone (and its output flushed).
pub(super) const FLUSH_AFTER: Duration = Duration::from_millis(100);

/// Bytes per read of a pipe. A pipe gives what it has, so this only caps
/// a block.
const PUMP_BLOCK: usize = 1 << 16;

/// A unit of work for a worker.
pub(super) enum Chunk {
    /// A whole text article.
    Text { name: Arc<str>, bytes: Vec<u8> },
    /// Complete JSONL lines, the first being line `first_line` of `name`.
    Jsonl { name: Arc<str>, first_line: u64, data: Vec<u8> },
    /// An input or a record that could not be read; `line` for a JSONL
    /// record.
    Error { name: Arc<str>, line: Option<u64>, msg: String },
}

/// How to read an input's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    /// The whole input is one article.
    Text,
    /// One record per line.
    Jsonl,
    /// JSONL if the first bytes read start (after white space) with `{`.
    Sniff,
}

/// An opened input.
pub(super) struct Input {
    /// The raw bytes, possibly compressed.
    pub raw: Box<dyn Read + Send>,
    /// Whether reads may block for a while (anything but a regular file):
    /// chunks are then cut short when the input goes quiet, and each is
    /// flushed to stdout as soon as it is written.
    pub live: bool,
}

/// Where chunks go: `send(chunk, flush)` is false once the pipeline has
/// shut down.
pub(super) type Sink<'a> = dyn FnMut(Chunk, bool) -> bool + 'a;

/// What every input shares.
pub(super) struct Shared {
    /// `--max-record-bytes`.
    pub max_record: u64,
    /// Raw bytes read so far, for the progress bar.
    pub counter: Arc<AtomicU64>,
    /// Set when the writer has stopped (`--fail-fast`, a closed stdout):
    /// a quiet pipe is then given up rather than waited on.
    pub stop: Arc<AtomicBool>,
}

/// How often a reader waiting on a quiet pipe checks [`Shared::stop`].
const STOP_POLL: Duration = Duration::from_millis(200);

/// Read one input to its end, or until the pipeline shuts down (then
/// false).
pub(super) fn read(
    input: Input,
    name: &Arc<str>,
    format: Format,
    shared: &Shared,
    send: &mut Sink<'_>,
) -> bool {
    let live = input.live;
    let max_record = shared.max_record;
    let counted =
        Counting { inner: input.raw, counter: Arc::clone(&shared.counter) };
    let mut send = |chunk: Chunk| send(chunk, live);
    if live {
        let mut blocks = Pump::start(counted, Arc::clone(&shared.stop));
        drive(&mut blocks, name, format, max_record, live, &mut send)
    } else {
        match decompress(counted) {
            Ok((_, rdr)) => {
                let mut blocks = InPlace { rdr, used: 0 };
                drive(&mut blocks, name, format, max_record, live, &mut send)
            }
            Err(err) => send(Chunk::Error {
                name: Arc::clone(name),
                line: None,
                msg: err.to_string(),
            }),
        }
    }
}

/// What a source of blocks gave.
enum Next<'a> {
    /// The next bytes of the (decompressed) input.
    Bytes(&'a [u8]),
    /// Nothing arrived within the wait asked for.
    Stalled,
    /// The input ended.
    End,
    /// The pipeline has shut down.
    Stop,
    /// Reading failed; nothing more follows.
    Failed(io::Error),
}

/// Decompressed input bytes, a block at a time.
trait Blocks {
    /// The next block; `wait` bounds how long to wait for it (ignored by
    /// inputs that never stall).
    fn next(&mut self, wait: Option<Duration>) -> Next<'_>;
}

/// A regular file, read on the calling thread straight from the
/// decompressor's buffer.
struct InPlace<'a> {
    rdr: Box<dyn BufRead + 'a>,
    used: usize,
}

impl Blocks for InPlace<'_> {
    fn next(&mut self, _wait: Option<Duration>) -> Next<'_> {
        self.rdr.consume(std::mem::take(&mut self.used));
        loop {
            match self.rdr.fill_buf() {
                Ok(_) => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Next::Failed(e),
            }
        }
        // Filled above: this returns the same buffer without reading.
        match self.rdr.fill_buf() {
            Ok([]) => Next::End,
            Ok(buf) => {
                self.used = buf.len();
                Next::Bytes(buf)
            }
            Err(e) => Next::Failed(e),
        }
    }
}

/// A pipe (or terminal, FIFO …), read and decompressed by a thread of its
/// own that sends each block as it arrives. The thread is detached, not
/// scoped: it may sit in a read that never returns (a quiet `tail -f`)
/// when entx is done, and it ends with the process.
struct Pump {
    rx: Receiver<io::Result<Vec<u8>>>,
    block: Vec<u8>,
    stop: Arc<AtomicBool>,
}

impl Pump {
    fn start<R: Read + Send + 'static>(raw: R, stop: Arc<AtomicBool>) -> Pump {
        let (tx, rx) = sync_channel(4);
        std::thread::spawn(move || {
            let mut rdr = match decompress(raw) {
                Ok((_, rdr)) => rdr,
                Err(err) => {
                    let _ = tx.send(Err(err));
                    return;
                }
            };
            loop {
                let mut block = vec![0; PUMP_BLOCK];
                match rdr.read(&mut block) {
                    Ok(0) => return,
                    Ok(n) => {
                        block.truncate(n);
                        if tx.send(Ok(block)).is_err() {
                            return;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            }
        });
        Pump { rx, block: Vec::new(), stop }
    }
}

impl Blocks for Pump {
    fn next(&mut self, wait: Option<Duration>) -> Next<'_> {
        let got = match wait {
            Some(wait) => self.rx.recv_timeout(wait),
            None => loop {
                match self.rx.recv_timeout(STOP_POLL) {
                    Err(RecvTimeoutError::Timeout)
                        if self.stop.load(Ordering::Relaxed) =>
                    {
                        return Next::Stop;
                    }
                    Err(RecvTimeoutError::Timeout) => {}
                    got => break got,
                }
            },
        };
        match got {
            Ok(Ok(block)) => {
                self.block = block;
                Next::Bytes(&self.block)
            }
            Ok(Err(err)) => Next::Failed(err),
            Err(RecvTimeoutError::Timeout) => Next::Stalled,
            Err(RecvTimeoutError::Disconnected) => Next::End,
        }
    }
}

/// Feed an input's blocks to the reader for its format.
fn drive(
    blocks: &mut dyn Blocks,
    name: &Arc<str>,
    format: Format,
    max_record: u64,
    live: bool,
    send: &mut dyn FnMut(Chunk) -> bool,
) -> bool {
    let new = |jsonl: bool| {
        if jsonl {
            Records::Jsonl(Lines::new(name, max_record, live))
        } else {
            Records::Text(Article::new(name, max_record))
        }
    };
    let mut records = match format {
        Format::Text => Some(new(false)),
        Format::Jsonl => Some(new(true)),
        Format::Sniff => None,
    };
    loop {
        let wait = match &records {
            Some(Records::Jsonl(lines)) => lines.wait(),
            _ => None,
        };
        match blocks.next(wait) {
            Next::Bytes(bytes) => {
                let records = records.get_or_insert_with(|| {
                    new(bytes.iter().find(|b| !b.is_ascii_whitespace())
                        == Some(&b'{'))
                });
                let ok = match records {
                    Records::Jsonl(lines) => lines.push(bytes, send),
                    Records::Text(article) => {
                        article.push(bytes);
                        true
                    }
                };
                if !ok {
                    return false;
                }
            }
            Next::Stalled => {
                if let Some(Records::Jsonl(lines)) = &mut records {
                    if !lines.pass_on(send) {
                        return false;
                    }
                }
            }
            Next::Stop => return false,
            Next::End => {
                return match records.unwrap_or_else(|| new(false)) {
                    Records::Jsonl(lines) => lines.end(send),
                    Records::Text(article) => send(article.end()),
                };
            }
            Next::Failed(err) => {
                return match records {
                    Some(Records::Jsonl(lines)) => lines.fail(&err, send),
                    _ => send(Chunk::Error {
                        name: Arc::clone(name),
                        line: None,
                        msg: err.to_string(),
                    }),
                };
            }
        }
    }
}

/// The reader for an input's format.
enum Records {
    Text(Article),
    Jsonl(Lines),
}

/// `record is N bytes, over --max-record-bytes LIMIT`.
fn too_long(seen: u64, max_record: u64) -> String {
    format!("record is {seen} bytes, over --max-record-bytes {max_record}")
}

/// A text input: one article, held whole up to the limit and only counted
/// beyond it.
struct Article {
    name: Arc<str>,
    max_record: u64,
    bytes: Vec<u8>,
    seen: u64,
}

impl Article {
    fn new(name: &Arc<str>, max_record: u64) -> Article {
        Article {
            name: Arc::clone(name),
            max_record,
            bytes: Vec::new(),
            seen: 0,
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        self.seen += bytes.len() as u64;
        if self.seen > self.max_record {
            self.bytes = Vec::new();
        } else {
            self.bytes.extend_from_slice(bytes);
        }
    }

    fn end(self) -> Chunk {
        if self.seen > self.max_record {
            Chunk::Error {
                name: self.name,
                line: None,
                msg: too_long(self.seen, self.max_record),
            }
        } else {
            Chunk::Text { name: self.name, bytes: self.bytes }
        }
    }
}

/// A JSONL input, cut at line ends into chunks of about [`CHUNK_BYTES`].
/// A line longer than the limit is dropped as soon as it passes the limit
/// and only counted to its end, where it becomes an error record between
/// the chunks before and after it.
struct Lines {
    name: Arc<str>,
    max_record: u64,
    live: bool,
    /// Complete lines, then the start of the current one.
    data: Vec<u8>,
    /// Where the current (incomplete) line starts in `data`.
    line_start: usize,
    /// The number of `data`'s first line.
    first_line: u64,
    /// The number of the current line.
    line_no: u64,
    /// Bytes of an over-long current line seen so far (none of it kept).
    skipping: Option<u64>,
    /// When `data`'s first complete line arrived (live inputs only).
    since: Option<Instant>,
}

impl Lines {
    fn new(name: &Arc<str>, max_record: u64, live: bool) -> Lines {
        Lines {
            name: Arc::clone(name),
            max_record,
            live,
            data: Vec::with_capacity(CHUNK_BYTES + 4096),
            line_start: 0,
            first_line: 1,
            line_no: 1,
            skipping: None,
            since: None,
        }
    }

    /// How long to wait for more input before passing on what is held.
    fn wait(&self) -> Option<Duration> {
        let since = self.since?;
        Some((since + FLUSH_AFTER).saturating_duration_since(Instant::now()))
    }

    fn push(
        &mut self,
        mut bytes: &[u8],
        send: &mut dyn FnMut(Chunk) -> bool,
    ) -> bool {
        while !bytes.is_empty() {
            let nl = memchr::memchr(b'\n', bytes);
            // The current line's length so far, without its `\n`.
            let upto = nl.unwrap_or(bytes.len());
            let held = match self.skipping {
                Some(seen) => seen,
                None => (self.data.len() - self.line_start) as u64,
            };
            let len = held + upto as u64;
            if self.skipping.is_some() || len > self.max_record {
                self.data.truncate(self.line_start);
                match nl {
                    None => {
                        self.skipping = Some(len);
                        return true;
                    }
                    Some(at) => {
                        self.skipping = None;
                        bytes = &bytes[at + 1..];
                        let msg = too_long(len, self.max_record);
                        if !self.error_line(msg, send) {
                            return false;
                        }
                        continue;
                    }
                }
            }
            let Some(at) = nl else {
                self.data.extend_from_slice(bytes);
                return true;
            };
            self.data.extend_from_slice(&bytes[..=at]);
            bytes = &bytes[at + 1..];
            self.complete_line();
            if self.line_start >= CHUNK_BYTES && !self.pass_on(send) {
                return false;
            }
        }
        true
    }

    fn complete_line(&mut self) {
        if self.live && self.line_start == 0 {
            self.since = Some(Instant::now());
        }
        self.line_start = self.data.len();
        self.line_no += 1;
    }

    /// Send the complete lines held, keeping the current line's start.
    fn pass_on(&mut self, send: &mut dyn FnMut(Chunk) -> bool) -> bool {
        self.since = None;
        if self.line_start == 0 {
            return true;
        }
        let mut next = Vec::with_capacity(CHUNK_BYTES + 4096);
        next.extend_from_slice(&self.data[self.line_start..]);
        let mut data = std::mem::replace(&mut self.data, next);
        data.truncate(self.line_start);
        self.line_start = 0;
        let first_line = std::mem::replace(&mut self.first_line, self.line_no);
        send(Chunk::Jsonl { name: Arc::clone(&self.name), first_line, data })
    }

    /// Report the current line (whose bytes are gone) as an error record
    /// in its place, and move on to the next line.
    fn error_line(
        &mut self,
        msg: String,
        send: &mut dyn FnMut(Chunk) -> bool,
    ) -> bool {
        if !self.pass_on(send) {
            return false;
        }
        let line = Some(self.line_no);
        self.line_no += 1;
        self.first_line = self.line_no;
        send(Chunk::Error { name: Arc::clone(&self.name), line, msg })
    }

    fn end(mut self, send: &mut dyn FnMut(Chunk) -> bool) -> bool {
        if let Some(seen) = self.skipping {
            return self.error_line(too_long(seen, self.max_record), send);
        }
        if self.data.len() > self.line_start {
            // A last line without `\n`.
            self.complete_line();
        }
        self.pass_on(send)
    }

    /// The input broke: the complete lines still go out, the line being
    /// read becomes the one error record.
    fn fail(
        mut self,
        err: &io::Error,
        send: &mut dyn FnMut(Chunk) -> bool,
    ) -> bool {
        self.data.truncate(self.line_start);
        self.skipping = None;
        self.error_line(err.to_string(), send)
    }
}

/// Counts bytes read from an input, for the progress bar.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks given in advance; `None` is a stall.
    struct Script(Vec<Option<Vec<u8>>>, Vec<u8>);

    impl Blocks for Script {
        fn next(&mut self, _wait: Option<Duration>) -> Next<'_> {
            if self.0.is_empty() {
                return Next::End;
            }
            match self.0.remove(0) {
                Some(b) => {
                    self.1 = b;
                    Next::Bytes(&self.1)
                }
                None => Next::Stalled,
            }
        }
    }

    /// Chunks as text: `L<first>:<data>`, `E<line>:<msg>`, `T:<bytes>`.
    fn cut(
        blocks: &[Option<&str>],
        format: Format,
        max: u64,
        live: bool,
    ) -> Vec<String> {
        let mut script = Script(
            blocks.iter().map(|b| b.map(|s| s.as_bytes().to_vec())).collect(),
            Vec::new(),
        );
        let mut got = Vec::new();
        let name: Arc<str> = Arc::from("in");
        let ok = drive(&mut script, &name, format, max, live, &mut |c| {
            got.push(match c {
                Chunk::Jsonl { first_line, data, .. } => {
                    format!(
                        "L{first_line}:{}",
                        String::from_utf8(data).unwrap()
                    )
                }
                Chunk::Error { line, msg, .. } => format!("E{line:?}:{msg}"),
                Chunk::Text { bytes, .. } => {
                    format!("T:{}", String::from_utf8(bytes).unwrap())
                }
            });
            true
        });
        assert!(ok);
        got
    }

    #[test]
    fn lines_across_blocks_make_one_chunk() {
        assert_eq!(
            cut(
                &[Some("{\"a\n{\"b"), Some("\"}\n{c")],
                Format::Jsonl,
                100,
                false
            ),
            ["L1:{\"a\n{\"b\"}\n{c"]
        );
    }

    #[test]
    fn a_stall_passes_on_the_complete_lines_only() {
        assert_eq!(
            cut(
                &[Some("x\ny"), None, Some("z\n"), None],
                Format::Jsonl,
                100,
                true
            ),
            ["L1:x\n", "L2:yz\n"]
        );
    }

    #[test]
    fn over_long_lines_become_errors_in_place() {
        // Line 2 is 6 bytes (split over three blocks), line 4 is 5 bytes
        // and ends the input without a newline; the limit is 4.
        let got = cut(
            &[Some("ab\nxyz"), Some("uv"), Some("w\n\nccc\n12345")],
            Format::Jsonl,
            4,
            false,
        );
        assert_eq!(
            got,
            [
                "L1:ab\n",
                "ESome(2):record is 6 bytes, over --max-record-bytes 4",
                "L3:\nccc\n",
                "ESome(5):record is 5 bytes, over --max-record-bytes 4",
            ]
        );
        // Exactly at the limit is fine.
        assert_eq!(
            cut(&[Some("1234\n")], Format::Jsonl, 4, false),
            ["L1:1234\n"]
        );
    }

    #[test]
    fn text_over_the_limit_is_counted_not_kept() {
        assert_eq!(
            cut(&[Some("abc"), Some("defg")], Format::Text, 5, false),
            ["ENone:record is 7 bytes, over --max-record-bytes 5"]
        );
        assert_eq!(cut(&[Some("abc")], Format::Text, 5, false), ["T:abc"]);
    }

    #[test]
    fn sniffing_picks_the_format_from_the_first_block() {
        assert_eq!(
            cut(&[Some(" {\"a\":1}\n")], Format::Sniff, 99, false),
            ["L1: {\"a\":1}\n"]
        );
        assert_eq!(
            cut(&[Some("Iraq\n")], Format::Sniff, 99, false),
            ["T:Iraq\n"]
        );
        assert_eq!(cut(&[], Format::Sniff, 99, false), ["T:"]);
    }
}
