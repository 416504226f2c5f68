"""examples/spark/entx_spark.py against a direct `entx extract` run.

Each test that starts Spark runs spark-submit in local[2] mode on a corpus
the test writes itself from the repository's fixture texts, and compares
the part files, read in order, with what entx prints for the same file.

The entx binary is $ENTX_BIN, else target/release/entx (scripts/test-all.sh
builds it and sets ENTX_BIN).
"""

import gzip
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "spark" / "entx_spark.py"
FIXTURES = ROOT / "fixtures"


def entx_bin():
    path = Path(os.environ.get("ENTX_BIN", ROOT / "target/release/entx"))
    if not path.is_file():
        pytest.fail(f"no entx binary at {path}: build it with "
                    "`cargo build --release` or set ENTX_BIN")
    return path


def spark_submit():
    here = Path(sys.executable).parent / "spark-submit"
    found = str(here) if here.is_file() else shutil.which("spark-submit")
    if found is None:
        pytest.fail("spark-submit not found: pip install pyspark")
    return found


def load_wrapper():
    spec = importlib.util.spec_from_file_location("entx_spark", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------- corpus


def fixture_sentences():
    """Sentences of the fixture texts: the reference article, the check
    cases' article and records."""
    texts = [
        (FIXTURES / "articles" / "soleimani-anniversary.txt").read_text(),
        (FIXTURES / "check-cases" / "basic.txt").read_text(),
    ]
    for line in (FIXTURES / "check-cases" / "records.jsonl").open():
        if line.strip():
            texts.append(json.loads(line)["text"])
    sentences = []
    for text in texts:
        for s in re.split(r"(?<=[.!?])\s+|\n+", text):
            if s.strip():
                sentences.append(s.strip())
    assert len(sentences) > 30
    return sentences


def synthetic_articles(n, seed):
    """n JSONL lines: articles of 1 to 12 fixture sentences recombined,
    with string and number ids, a kept field, and now and then a long
    article, a blank or whitespace line, or a CRLF line end."""
    rnd = random.Random(seed)
    sentences = fixture_sentences()
    lines = []
    for i in range(n):
        k = 200 if i % 500 == 250 else rnd.randint(1, 12)
        text = " ".join(rnd.choice(sentences) for _ in range(k))
        if i % 3 == 0:
            text = text.replace(". ", ".\n\n", 1)
        rid = i if i % 7 == 0 else f"art-{i:05d}"
        rec = {"id": rid, "url": f"https://example.org/{i}", "text": text}
        line = json.dumps(rec, ensure_ascii=i % 2 == 0)
        if i % 97 == 0:
            line += "\r"
        lines.append(line)
        if i % 211 == 0:
            lines.append("" if i % 2 else "   ")
    return lines


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus as a directory, as a data lake holds one: a
    gzip-compressed first file (one partition: gzip cannot be split), then
    plain files, one in a subdirectory, and a hidden file that entx skips.
    The names are sorted differently from how the file system lists them
    (Hadoop's order for a local directory) more often than not."""
    d = tmp_path_factory.mktemp("corpus") / "news"
    (d / "2026-02").mkdir(parents=True)
    lines = synthetic_articles(3000, seed=7)
    (d / "2026-01-a.jsonl.gz").write_bytes(
        gzip.compress(("\n".join(lines[:800]) + "\n").encode()))
    names = ["2026-01-b", "2026-01-c", "2026-01-d", "2026-01-e",
             "2026-02/x"]
    for k, name in enumerate(names):
        last = k == len(names) - 1
        piece = lines[800 + 440 * k: None if last else 800 + 440 * (k + 1)]
        (d / f"{name}.jsonl").write_text("\n".join(piece) + "\n")
    (d / ".hidden.jsonl").write_text('{"id":"hidden","text":"Paris"}\n')
    return d


def run_spark(input_path, output, extract_args=(), extra=(), entx=None):
    cmd = [
        spark_submit(), "--master", "local[2]",
        "--conf", "spark.ui.enabled=false",
        str(SCRIPT), str(input_path), str(output),
        "--entx", str(entx or entx_bin()), *extra,
    ]
    if extract_args:
        cmd += ["--", *extract_args]
    # spark-submit merges the Python driver's stderr into its stdout (and
    # the executors' into its stderr): the messages are in `output`.
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1",
               SPARK_CONF_DIR=str(SCRIPT.parent / "conf"),
               PYSPARK_PYTHON=sys.executable)
    got = subprocess.run(cmd, capture_output=True, env=env, timeout=600)
    got.output = (got.stdout + got.stderr).decode()
    return got


def part_files(output):
    parts = sorted(Path(output).glob("part-*"))
    assert parts, f"no part files in {output}"
    return parts


def concatenated(output):
    data = b""
    for p in part_files(output):
        raw = p.read_bytes()
        data += gzip.decompress(raw) if p.suffix == ".gz" else raw
    return data


def direct(inputs, extract_args=()):
    return subprocess.run(
        [str(entx_bin()), "extract", *extract_args, *map(str, inputs)],
        capture_output=True)


# ---------------------------------------------------- through spark-submit


def test_part_files_equal_a_direct_run(corpus, tmp_path):
    # A gazetteer file and a gazetteer directory, both shipped.
    more = tmp_path / "more-gazetteers"
    more.mkdir()
    shutil.copy(FIXTURES / "gazetteers" / "patterns.jsonl", more)
    args = ["-g", str(FIXTURES / "gazetteers" / "small.tsv"),
            f"--gazetteer={more}", "--keep", "url"]
    want = direct([corpus], args)
    assert want.returncode == 0, want.stderr
    assert want.stdout.count(b"\n") == 3000

    out = tmp_path / "out"
    got = run_spark(corpus, out, args,
                    extra=["--partitions", "8", "--timing"])
    assert got.returncode == 0, got.output
    assert re.search(r"^entx_spark: 3000 records, [0-9]+ partitions, "
                     r"[0-9.]+ s in the job", got.output, re.M), got.output
    # The corpus was really cut in pieces, each through its own entx.
    assert len(part_files(out)) >= 6
    assert concatenated(out) == want.stdout


def test_bad_records_stay_in_place(tmp_path):
    lines = synthetic_articles(400, seed=11)
    lines[10] = '{"id": "no-text", "body": "Paris"}'
    lines[200] = '{"id": "broken", "text": '
    lines[301] = json.dumps({"text": "No id here, in Berlin."})
    lines[350] = "not JSON at all"
    lines_at = (10, 200, 301, 350)
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n")

    want = direct([path])
    assert want.returncode == 2
    # With --line-numbers, "line" counts from the start of the file as in
    # a direct run; only the name entx gives its input differs: "-" for
    # the stdin each partition is fed on, where a direct run has the path.
    name = re.escape(str(path)).encode()
    want_bytes = re.sub(b'"id":"' + name, b'"id":"-', want.stdout)

    out = tmp_path / "out"
    got = run_spark(path, out, extra=["--partitions", "3", "--line-numbers"])
    output = got.output
    assert got.returncode == 2, output
    assert len(part_files(out)) >= 3
    assert "entx_spark: 3 record(s) could not be processed" in output
    got_lines = concatenated(out).splitlines()
    want_lines = want_bytes.splitlines()
    # One output line per record: blank input lines give none.
    at = {i: sum(1 for x in lines[:i] if x.strip()) for i in lines_at}
    assert len(got_lines) == len(want_lines) == 400
    # Every line the same bytes but the id-less record's (below).
    for i, (g, w) in enumerate(zip(got_lines, want_lines)):
        assert i == at[301] or g == w, f"output line {i + 1}"

    records = [json.loads(x) for x in got_lines]
    assert records[at[10]] == {
        "id": "no-text",
        "error": 'missing text field "text"; use --text-field to choose '
                 "another field",
        "line": 11,
    }
    # An error record whose id entx cannot read is named PATH:LINE; the
    # stdin each partition is fed on is "-", and LINE counts from the
    # file's start as "line" does.
    assert records[at[200]]["id"] == "-:201"
    assert records[at[200]]["line"] == 201
    assert records[at[350]]["error"].startswith("invalid JSON")
    assert records[at[350]]["line"] == 351
    # No id: entx names it by its line on stdin (the partition's), not
    # the file's.
    assert re.fullmatch(r"-:[0-9]+", records[at[301]]["id"])
    assert records[at[301]]["mentions"][0]["text"] == "Berlin"
    assert want_lines[at[301]].startswith(b'{"id":"-:302",')


def test_bad_gazetteer_fails_the_job_with_entx_message(corpus, tmp_path):
    bad = FIXTURES / "bad-gazetteers" / "too-few-columns.tsv"
    got = run_spark(corpus / "2026-01-b.jsonl", tmp_path / "out",
                    ["-g", str(bad)],
                    extra=["--partitions", "2"])
    output = got.output
    assert got.returncode == 1, output
    # The driver's last word: which partition, and entx's own message.
    assert re.search(
        r"^entx_spark: entx failed in partition [0-9]+ \(exit status 2, "
        r"[0-9]+ of [0-9]+ records written\):\n"
        r"entx: \S+/too-few-columns\.tsv:3: expected at least 3 "
        r"tab-separated columns \(id, type, name\), found 2",
        got.stdout.decode(), re.M), output
    assert not (tmp_path / "out" / "_SUCCESS").exists()


def test_crashed_entx_fails_the_job(tmp_path):
    # Half the output, then a crash: exit status 101, as a Rust panic.
    fake = tmp_path / "entx"
    fake.write_text("#!/bin/sh\nhead -n 1\n"
                    "echo 'thread main panicked at src/x.rs:1:1' >&2\n"
                    "exit 101\n")
    fake.chmod(0o755)
    path = tmp_path / "in.jsonl"
    path.write_text('{"id":1,"text":"a"}\n{"id":2,"text":"b"}\n')
    got = run_spark(path, tmp_path / "out", entx=fake)
    output = got.output
    assert got.returncode == 1, output
    assert ("entx_spark: entx failed in partition 0 (exit status 101, 1 of "
            "2 records written):\nthread main panicked at src/x.rs:1:1\n"
            in got.stdout.decode()), output


# ------------------------------------------------ the wrapper's own parts


def test_gazetteer_args_become_shipped_files():
    w = load_wrapper()
    template, paths = w.split_gazetteers(
        ["-g", "a.tsv", "--no-rules", "-gb.idx", "--gazetteer=c/",
         "--gazetteer", "hdfs://nn/d.tsv", "--keep", "url"])
    assert paths == ["a.tsv", "b.idx", "c/", "hdfs://nn/d.tsv"]
    assert template == [("-g", 0), "--no-rules", ("-g", 1), ("-g", 2),
                        ("-g", 3), "--keep", "url"]


@pytest.mark.parametrize("flag", ["--pretty", "--input=text", "--glob"])
def test_options_that_break_one_line_per_record_are_refused(flag):
    w = load_wrapper()
    with pytest.raises(SystemExit, match="cannot be used here"):
        w.split_gazetteers([flag])


def test_a_failed_job_is_told_by_entx_message():
    w = load_wrapper()
    # The tail of what a failed task leaves in the driver's exception.
    java = (
        "An error occurred while calling o71.saveAsTextFile.\n"
        "  File \"entx_spark.py\", line 258, in run_partition\n"
        "    raise EntxFailed(\n"
        "EntxFailed: entx_spark: entx failed in partition 1 (exit status "
        "2, 0 of 43 records written):\n"
        "entx: /tmp/u/bad.tsv:3: expected at least 3 tab-separated columns\n"
        " SQLSTATE: 38000\n"
        "\tat org.apache.spark.api.python.BasePythonRunner.handle(x.scala)\n")
    assert w.failure_message(java) == (
        "entx_spark: entx failed in partition 1 (exit status 2, 0 of 43 "
        "records written):\n"
        "entx: /tmp/u/bad.tsv:3: expected at least 3 tab-separated columns")
    io = (
        "An error occurred while calling o23.partitions.\n"
        ": org.apache.hadoop.mapred.InvalidInputException: Input path does "
        "not exist: file:/tmp/x.jsonl\n"
        "\tat org.apache.hadoop.mapred.FileInputFormat.listStatus(x.java)\n"
        "Caused by: java.io.IOException: Input path does not exist: "
        "file:/tmp/x.jsonl\n")
    assert w.failure_message(io) == (
        "entx_spark: Input path does not exist: file:/tmp/x.jsonl")


def test_two_files_of_one_name_are_refused():
    w = load_wrapper()
    w.check_names([("--entx", "bin/entx"), ("-g", "a/people.tsv"),
                   ("-g", "hdfs://nn/g/places.idx")])
    with pytest.raises(SystemExit, match=(
            "entx_spark: -g a/people.tsv and -g hdfs://nn/b/people.tsv/ "
            "have the same name 'people.tsv', and Spark ships files by "
            "name; rename one")):
        w.check_names([("-g", "a/people.tsv"),
                       ("-g", "hdfs://nn/b/people.tsv/")])


def test_local_directories_are_read_in_entx_order(tmp_path):
    w = load_wrapper()
    for name in ["b/z.jsonl", "b/a.jsonl", "a.jsonl", ".h/x.jsonl",
                 ".y.jsonl", "c.jsonl.gz"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    want = [str(tmp_path / n)
            for n in ["a.jsonl", "b/a.jsonl", "b/z.jsonl", "c.jsonl.gz"]]
    assert w.walk(str(tmp_path)) == want
    spec = f"hdfs://nn/x,{tmp_path},file:{tmp_path}/b"
    assert w.expand_local_dirs(spec, True).split(",") == [
        "hdfs://nn/x", *want, *want[1:3]]
    # When a bare path means HDFS (a cluster's default file system).
    assert w.expand_local_dirs(str(tmp_path), False) == str(tmp_path)


def test_error_records_are_told_from_tagged_ones():
    w = load_wrapper()
    assert w.is_error_record(b'{"id":"-","error":"invalid JSON","line":12}')
    assert not w.is_error_record(b'{"id":1,"mentions":[],"entities":[]}')


def test_error_lines_count_from_the_partition_start():
    w = load_wrapper()
    assert (w.renumber(b'{"id":"-","error":"bad","line":3}', 1001)
            == b'{"id":"-","error":"bad","line":1003}')
    # entx names an error record whose id it cannot read PATH:LINE.
    assert (w.renumber(b'{"id":"-:3","error":"bad","line":3}', 1001)
            == b'{"id":"-:1003","error":"bad","line":1003}')
    # A record's own id is left alone, even one that looks like that.
    assert (w.renumber(b'{"id":"-:7","error":"bad","line":3}', 1001)
            == b'{"id":"-:7","error":"bad","line":1003}')


def test_blank_lines_are_those_entx_skips():
    w = load_wrapper()
    assert w.is_blank(b"") and w.is_blank(b" \t\r\x0c")
    # Not ASCII whitespace for entx (Rust's u8::is_ascii_whitespace), so
    # entx answers them with an error record.
    assert not w.is_blank(b"\x0b") and not w.is_blank("\u00a0".encode())


def test_missing_gazetteer_is_reported_before_spark_starts(tmp_path):
    got = subprocess.run(
        [sys.executable, str(SCRIPT), "in.jsonl", str(tmp_path / "out"),
         "--entx", str(entx_bin()), "--", "-g", "/nonexistent/g.tsv"],
        capture_output=True)
    assert got.returncode == 1
    assert got.stderr.decode() == (
        "entx_spark: -g /nonexistent/g.tsv: no such file or directory\n")
