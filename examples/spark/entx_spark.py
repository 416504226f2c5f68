#!/usr/bin/env python3
"""Run `entx extract` over a JSONL corpus with Apache Spark.

    spark-submit examples/spark/entx_spark.py INPUT OUTPUT \\
        [--entx PATH] [--partitions N] [--compress] [--line-numbers] [--timing]
        [-- EXTRACT-ARGS...]

INPUT is any path Spark's text reader takes (a file, a directory, a glob,
comma-separated paths; local, HDFS, S3 ...; .gz decompressed). OUTPUT is a
new directory of JSONL part files (part-00000, part-00001, ...): read in
order, they hold one output record per input record, in input order, the
same bytes as `entx extract INPUT` for records that carry an id.

The entx binary and every -g gazetteer or index named in EXTRACT-ARGS are
shipped with the job (SparkContext.addFile), so executors need nothing
installed. Each partition goes through one `entx extract --input jsonl -j 1`
process, streamed: a thread feeds the partition's lines to entx while its
output is read back.

A bad record is an error record in place, as with entx itself, and the job
exits 2 at the end; a failed entx (bad gazetteer, crash, missing binary)
fails the task with entx's message, and the job exits 1.
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from urllib.parse import urlparse

# entx skips a line made only of these (Rust's u8::is_ascii_whitespace),
# and prints nothing for it; any other line gets exactly one output line.
ASCII_BLANK = b" \t\n\r\x0c"

# Options of `entx extract` that name a file the executors need.
GAZETTEER_FLAGS = ("-g", "--gazetteer")

# Options that make no sense when entx reads a partition on stdin and the
# output must be one JSON line per record.
REFUSED_FLAGS = ("--pretty", "--glob", "--input")

# The end of an error record (see is_error_record).
ERROR_LINE = re.compile(rb',"line":([0-9]+)\}$')

# A cause in a Java stack trace, ": java.io.IOException: what" or
# "Caused by: java.io.IOException: what"; group 1 is the what.
JAVA_CAUSE = re.compile(
    r"^(?:: |Caused by: )[\w.$]+(?:Exception|Error): (.*)$", re.M)

# The marker a failed task's message starts with, found again on the
# driver in the (long) Java exception text.
FAILED = "entx_spark: entx failed"


def parse_args(argv):
    """Split `OURS -- EXTRACT-ARGS` and parse ours."""
    if "--" in argv:
        cut = argv.index("--")
        ours, extract_args = argv[:cut], argv[cut + 1 :]
    else:
        ours, extract_args = argv, []
    p = argparse.ArgumentParser(
        prog="entx_spark.py",
        description="Run `entx extract` over a JSONL corpus with Spark.",
        epilog="Arguments after -- go to `entx extract`.",
    )
    p.add_argument("input", help="JSONL input (plain or .gz), any path "
                   "Spark reads")
    p.add_argument("output", help="output directory (must not exist)")
    p.add_argument("--entx", default=None,
                   help="the entx binary to ship (default: `entx` on PATH); "
                   "it must be built for the executors' OS and CPU")
    p.add_argument("--partitions", type=int, default=None,
                   help="minimum number of input partitions (Spark "
                   "splits plain files; a .gz file is one partition)")
    p.add_argument("--compress", action="store_true",
                   help="write gzip-compressed part files")
    p.add_argument("--timing", action="store_true",
                   help="print the records, partitions and seconds of the "
                   "job itself (without Spark's start and stop)")
    p.add_argument("--line-numbers", action="store_true",
                   help="count the lines of each partition first (one more "
                   "pass over the input), so that \"line\" in error records "
                   "counts from the start of the input, as entx does for "
                   "one file; without it, it counts from the start of the "
                   "record's partition")
    args = p.parse_args(ours)
    return args, extract_args


def scheme_of(path):
    """`file` for a plain local path, else the URL scheme (hdfs, s3a ...)."""
    scheme = urlparse(path).scheme
    return scheme if len(scheme) > 1 else "file"


def local_path(path):
    """The local file system path of `path`, or None for a remote one."""
    if scheme_of(path) != "file":
        return None
    if path.startswith("file:"):
        return urlparse(path).path
    return os.path.abspath(path)


def walk(directory):
    """The files under a local directory in the order entx reads them:
    sorted by name, recursively, hidden entries skipped."""
    files = []
    for name in sorted(os.listdir(directory)):
        if name.startswith("."):
            continue
        path = os.path.join(directory, name)
        if os.path.isdir(path):
            files += walk(path)
        elif os.path.isfile(path):
            files.append(path)
    return files


def expand_local_dirs(spec, local_default):
    """INPUT with each local directory replaced by its files in entx's
    order (Hadoop lists a local directory in the file system's order, and
    reads no subdirectory). HDFS and S3 list in name order already.
    `local_default`: a path without a scheme is on the local disk."""
    parts = []
    for part in spec.split(","):
        on_disk = local_default or part.startswith("file:")
        local = local_path(part) if on_disk else None
        files = walk(local) if local and os.path.isdir(local) else []
        # A name Hadoop would read as a glob or a list stays unexpanded.
        if files and not any(set(f) & set(",*?[]{}\\") for f in files):
            parts += files
        else:
            parts.append(part)
    return ",".join(parts)


def split_gazetteers(extract_args):
    """Find the -g paths: returns (template, paths) where each -g value in
    the template is replaced by its index into paths."""
    template, paths = [], []
    i = 0
    while i < len(extract_args):
        a = extract_args[i]
        value = None
        if a in GAZETTEER_FLAGS:
            if i + 1 == len(extract_args):
                raise SystemExit(f"entx_spark: {a} needs a PATH")
            value = extract_args[i + 1]
            i += 2
        elif a.startswith("--gazetteer="):
            value = a[len("--gazetteer="):]
            i += 1
        elif a.startswith("-g") and not a.startswith("--"):
            value = a[2:]
            i += 1
        else:
            if a in REFUSED_FLAGS or a.split("=", 1)[0] in REFUSED_FLAGS:
                raise SystemExit(
                    f"entx_spark: {a} cannot be used here: entx reads each "
                    "partition as JSONL on stdin and writes one line per "
                    "record")
            template.append(a)
            i += 1
            continue
        template.append(("-g", len(paths)))
        paths.append(value)
    return template, paths


def shipped_name(path):
    """The name SparkFiles.get finds a shipped file or directory by."""
    local = local_path(path)
    if local is not None:
        return os.path.basename(local.rstrip("/"))
    return os.path.basename(urlparse(path).path.rstrip("/"))


def check_names(paths):
    """Spark ships files by name: two with one name cannot both go."""
    seen = {}
    for what, path in paths:
        name = shipped_name(path)
        if name in seen:
            raise SystemExit(
                f"entx_spark: {seen[name]} and {what} {path} have the same "
                f"name {name!r}, and Spark ships files by name; rename one")
        seen[name] = f"{what} {path}"


def ship(sc, path):
    """addFile `path` (file or directory); return the name SparkFiles.get
    finds it by on an executor."""
    local = local_path(path)
    if local is not None:
        sc.addFile(local, recursive=os.path.isdir(local))
    else:
        # Remote: Spark fetches it; a directory needs recursive=True.
        sc.addFile(path, recursive=path.endswith("/"))
    return shipped_name(path)


def is_blank(line):
    """`line` is bytes, as the partition's lines are."""
    return not line.strip(ASCII_BLANK)


def is_error_record(out):
    """An entx error record ends in `"line":N}`; every other record ends
    in `]}` (its "entities" array). `out` is bytes."""
    return len(out) > 2 and out[-1:] == b"}" and out[-2:-1].isdigit()


class EntxFailed(RuntimeError):
    pass


def renumber(out, first_line):
    """An error record's "line" counted from `first_line` (the input line
    its partition starts at, from 1) instead of from the partition's; so is
    the `-:LINE` id entx gives an error record whose own id it cannot
    read."""
    m = ERROR_LINE.search(out)
    if m is None:
        return out
    old = int(m.group(1))
    n = old + first_line - 1
    out = out[:m.start()] + b',"line":%d}' % n
    own = b'{"id":"-:%d",' % old
    if out.startswith(own):
        out = b'{"id":"-:%d",' % n + out[len(own):]
    return out


def run_partition(index, lines, binary, argv, counters, first_line=1):
    """Pipe one partition through entx, yielding its output lines.

    entx starts only when the partition has a line. A thread writes the
    lines to entx's stdin while this generator reads its stdout, so neither
    side waits on a full pipe; stderr is drained by another thread. entx
    exits 2 both for bad records (each already an error record in the
    output) and for fatal trouble: the output count tells them apart, as
    every non-blank input line yields exactly one output line."""
    it = iter(lines)
    first = next(it, None)
    if first is None:
        return
    proc = subprocess.Popen(
        [binary, *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    fed = [0]
    feed_error = []

    def feed():
        try:
            wtr = proc.stdin
            for line in _chain(first, it):
                if not is_blank(line):
                    fed[0] += 1
                wtr.write(line)
                wtr.write(b"\n")
            wtr.close()
        except BrokenPipeError:
            pass  # entx stopped reading; its exit status says why
        except BaseException as e:  # noqa: BLE001 (reported below)
            feed_error.append(e)
            try:
                proc.stdin.close()
            except OSError:
                pass

    # entx's messages go on to the executor's log as they come (one a bad
    # record: there may be many); the last few make a failure's message.
    where = f"partition {index}"
    if first_line != 1:
        where += f" (from input line {first_line})"
    last_messages = collections.deque(maxlen=20)

    def drain():
        for raw in proc.stderr:
            msg = raw.decode("utf-8", "replace").rstrip("\n")
            last_messages.append(msg)
            sys.stderr.write(f"entx_spark: {where}: {msg}\n")

    feeder = threading.Thread(target=feed, daemon=True)
    drainer = threading.Thread(target=drain, daemon=True)
    feeder.start()
    drainer.start()
    out_count = errors = 0
    try:
        for raw in proc.stdout:
            out = raw.rstrip(b"\n")
            out_count += 1
            if is_error_record(out):
                errors += 1
                if first_line != 1:
                    out = renumber(out, first_line)
            yield out
    finally:
        # Also reached when Spark stops reading early (e.g. take(n)).
        proc.stdout.close()
        feeder.join()
        code = proc.wait()
        drainer.join()
    if feed_error:
        raise feed_error[0]
    if code not in (0, 2) or out_count != fed[0]:
        tail = "\n".join(last_messages) or "(no message)"
        raise EntxFailed(
            f"{FAILED} in partition {index} (exit status {code}, "
            f"{out_count} of {fed[0]} records written):\n{tail}")
    bad_records, records = counters
    records.add(out_count)
    if code == 2:
        bad_records.add(max(errors, 1))


def _chain(first, rest):
    yield first
    yield from rest


def failure_message(exc):
    """What went wrong, out of a failed job's (long) Java exception text:
    entx's message when entx failed, else the innermost Java cause."""
    text = str(exc)
    i = text.find(FAILED)
    if i >= 0:
        lines = []
        for line in text[i:].splitlines():
            # Spark 4 ends a Python worker's message with " SQLSTATE: …".
            if (line.startswith("\tat ") or not line.strip()
                    or line.startswith(" SQLSTATE: ")):
                break
            lines.append(line)
        return "\n".join(lines)
    causes = JAVA_CAUSE.findall(text)
    if causes:
        return f"entx_spark: {causes[-1]}"
    return f"entx_spark: {text.strip() or repr(exc)}"


def main(argv):
    args, extract_args = parse_args(argv)
    template, gazetteers = split_gazetteers(extract_args)
    binary = args.entx or shutil.which("entx")
    if binary is None:
        raise SystemExit("entx_spark: no entx on PATH; give --entx PATH")

    shipped = [("--entx", binary)] + [("-g", g) for g in gazetteers]
    check_names(shipped)
    for what, path in shipped:
        local = local_path(path)
        if local is not None and not os.path.exists(local):
            raise SystemExit(
                f"entx_spark: {what} {path}: no such file or directory")

    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("entx")
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel(os.environ.get("ENTX_SPARK_LOG_LEVEL", "WARN"))
    # Lines end at "\n" only, as in entx (Hadoop's default also ends one at
    # a lone "\r"); a "\r\n" line keeps its "\r", which entx drops.
    sc._jsc.hadoopConfiguration().set(
        "textinputformat.record.delimiter", "\n")

    try:
        bad = run_job(sc, args, binary, template, gazetteers)
    except Exception as e:  # noqa: BLE001 (the job failed: say why)
        sys.stderr.write(f"{failure_message(e)}\n")
        sc.stop()
        return 1
    sc.stop()
    if bad:
        sys.stderr.write(
            f"entx_spark: {bad} record(s) could not be processed; they are "
            "error records in the output\n")
        return 2
    return 0


def run_job(sc, args, binary, template, gazetteers):
    """Ship the files, run the job; returns the number of bad records."""
    from pyspark import SparkFiles

    binary_name = ship(sc, binary)
    gazetteer_names = [ship(sc, g) for g in gazetteers]
    threads = any(a in ("-j", "--threads") or str(a).startswith(
        ("-j", "--threads=")) for a in template if isinstance(a, str))

    def executor_argv():
        argv = ["extract", "--input", "jsonl"]
        if not threads:
            argv += ["-j", "1"]
        for a in template:
            if isinstance(a, tuple):
                argv += ["-g", SparkFiles.get(gazetteer_names[a[1]])]
            else:
                argv.append(a)
        return argv

    counters = (sc.accumulator(0), sc.accumulator(0))
    start = time.monotonic()

    default_fs = sc._jsc.hadoopConfiguration().get("fs.defaultFS") or ""
    inputs = expand_local_dirs(args.input, default_fs.startswith("file:"))
    if args.partitions:
        rdd = sc.textFile(inputs, args.partitions, use_unicode=False)
    else:
        rdd = sc.textFile(inputs, use_unicode=False)
    first_lines = None
    if args.line_numbers and rdd.getNumPartitions() > 1:
        counts = rdd.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
        first_lines = [1]
        for c in counts[:-1]:
            first_lines.append(first_lines[-1] + c)

    def partition(index, lines):
        path = SparkFiles.get(binary_name)
        if not os.access(path, os.X_OK):
            os.chmod(path, 0o755)
        first_line = first_lines[index] if first_lines else 1
        return run_partition(index, lines, path, executor_argv(),
                             counters, first_line)

    out = rdd.mapPartitionsWithIndex(partition, preservesPartitioning=True)
    codec = ("org.apache.hadoop.io.compress.GzipCodec"
             if args.compress else None)
    out.saveAsTextFile(args.output, compressionCodecClass=codec)
    if args.timing:
        secs = time.monotonic() - start
        n = counters[1].value
        sys.stderr.write(
            f"entx_spark: {n} records, {rdd.getNumPartitions()} partitions, "
            f"{secs:.2f} s in the job ({n / secs:.0f} records/s)\n")
    return counters[0].value


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
