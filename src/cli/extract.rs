//! `entx extract`: read articles, tag them, print one JSON object per
//! article in input order.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use super::{GazetteerArgs, Messages};
use crate::output::{DocId, DocumentOut, JsonWriter};
use crate::{Extractor, Scratch};

/// Tag articles and print one JSON object per article.
///
/// Each PATH is one article; `-` (or no PATH) reads one article from stdin.
/// Output is JSON Lines in input order: {"id", "mentions", "entities"}.
#[derive(Debug, clap::Args)]
#[command(after_long_help = super::EXAMPLES)]
pub struct Args {
    /// Articles to tag; `-` is stdin.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    gazetteer: GazetteerArgs,

    /// Indent the JSON output, for reading.
    #[arg(long)]
    pretty: bool,

    /// Don't print warnings or per-article errors (the exit code still
    /// reports them).
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let msgs = Messages::new(args.quiet);
    let mut paths = args.paths;
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
    let extractor = args.gazetteer.build(&msgs)?;
    let mut out = super::stdout();
    let mut writer = JsonWriter::new(args.pretty);
    let mut scratch = Scratch::new();
    let mut buf = Vec::new();
    for path in &paths {
        let name = path.display().to_string();
        match read_article(path, &mut buf) {
            Ok(()) => {
                let text = decode(&buf, &name, &msgs);
                tag(
                    &extractor,
                    &mut writer,
                    &mut out,
                    &name,
                    &text,
                    &mut scratch,
                )?;
            }
            Err(err) => {
                let msg = format!("{name}: {err}");
                msgs.error(&msg);
                writer.write_error(&mut out, DocId::Str(&name), &msg, None)?;
            }
        }
    }
    out.flush().context("writing output")?;
    Ok(if msgs.has_errored() { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn tag(
    extractor: &Extractor,
    writer: &mut JsonWriter,
    out: &mut dyn Write,
    name: &str,
    text: &str,
    scratch: &mut Scratch,
) -> io::Result<()> {
    let mentions = extractor.extract(text, scratch);
    let doc = DocumentOut { id: DocId::Str(name), keep: &[], text, mentions };
    writer.write_document(out, extractor, &doc)
}

fn read_article(path: &std::path::Path, buf: &mut Vec<u8>) -> io::Result<()> {
    buf.clear();
    if path.as_os_str() == "-" {
        io::stdin().lock().read_to_end(buf)?;
    } else {
        std::fs::File::open(path)?.read_to_end(buf)?;
    }
    Ok(())
}

/// Text from bytes: invalid UTF-8 is replaced by U+FFFD (offsets then
/// refer to the replaced text) and a warning names the article.
fn decode<'a>(bytes: &'a [u8], name: &str, msgs: &Messages) -> Cow<'a, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(err) => {
            msgs.warn(format_args!(
                "{name}: invalid UTF-8 at byte {}; invalid bytes were \
                 replaced by U+FFFD and offsets refer to the replaced text",
                err.valid_up_to()
            ));
            String::from_utf8_lossy(bytes)
        }
    }
}
