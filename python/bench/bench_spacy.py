#!/usr/bin/env python3
"""Documents per second: entx's spaCy component against spaCy's EntityRuler
with the same aliases, on the same articles.

    python python/bench/bench_spacy.py /work/shared/corpus/news.jsonl.gz \
        --articles 1000 --runs 5 --entx-bin target/release/entx

The aliases are the built-in gazetteer's, exported with
`entx gazetteer export` and turned into EntityRuler phrase patterns (one
per alias: {"label": TYPE, "pattern": ALIAS, "id": ID}). The EntityRuler
matches on ORTH, its default (case-sensitive); entx uses smart case.
Building the EntityRuler (adding the patterns) is timed apart from tagging.
Every pipeline is `spacy.blank("en")` plus one component, so the
tokenizer's time is in every figure; "tokenizer only" gives it alone.
Figures are medians over --runs runs. Not needed by the tests.
"""

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time

import spacy

import entx
import entx.spacy  # noqa: F401  (registers the factory)


def read_articles(path, n):
    opener = gzip.open if str(path).endswith(".gz") else open
    texts = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if len(texts) == n:
                break
            line = line.strip()
            if line:
                texts.append(json.loads(line)["text"])
    return texts


def ruler_patterns(entx_bin):
    tsv = subprocess.run(
        [entx_bin, "gazetteer", "export"], check=True, capture_output=True, text=True
    ).stdout
    patterns = []
    for line in tsv.splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        ent_id, label, name = cols[0], cols[1], cols[2]
        aliases = [name] + [a for a in (cols[3] if len(cols) > 3 else "").split("|") if a]
        for alias in dict.fromkeys(aliases):
            patterns.append({"label": label, "pattern": alias, "id": ent_id})
    return patterns


def median_time(fn, runs):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="JSONL (optionally .gz) with a 'text' field")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--entx-bin", default="target/release/entx")
    args = ap.parse_args()

    texts = read_articles(args.corpus, args.articles)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} articles, {mb:.1f} MB, spaCy {spacy.__version__}, "
          f"median of {args.runs} runs", file=sys.stderr)

    patterns = ruler_patterns(args.entx_bin)
    print(f"{len(patterns)} EntityRuler phrase patterns", file=sys.stderr)

    def blank():
        return spacy.blank("en")

    def with_entx(threads):
        def build():
            nlp = spacy.blank("en")
            nlp.add_pipe("entx", config={"threads": threads})
            return nlp
        return build

    def with_ruler():
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns(patterns)
        return nlp

    ex = entx.Extractor()
    pipelines = [
        ("tokenizer only (spacy.blank)", blank),
        ("entx component, threads=1", with_entx(1)),
        ("entx component, threads=2", with_entx(2)),
        (f"EntityRuler, {len(patterns):,} phrase patterns", with_ruler),
    ]
    built = {}
    build_secs = {}
    for name, make in pipelines:
        build_secs[name], built[name] = median_time(make, args.runs)

    def tag(nlp):
        return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=256))

    def bare():
        return sum(len(d["mentions"]) for d in ex.extract_many(texts, threads=1))

    bare_name = "entx.Extractor.extract_many, no spaCy, threads=1"
    # Rounds that run every pipeline in turn, so that the machine's load,
    # which drifts, weighs on each alike.
    times = {name: [] for name, _ in pipelines}
    times[bare_name] = []
    found = {}
    for _ in range(args.runs):
        for name, _ in pipelines:
            start = time.perf_counter()
            found[name] = tag(built[name])
            times[name].append(time.perf_counter() - start)
        start = time.perf_counter()
        found[bare_name] = bare()
        times[bare_name].append(time.perf_counter() - start)

    print("| pipeline | docs/s | MB/s | ents (mentions) | build s |")
    print("|---|---:|---:|---:|---:|")
    for name in times:
        secs = statistics.median(times[name])
        b = build_secs.get(name)
        b = f"{b:.2f}" if b is not None else "-"
        print(f"| {name} | {len(texts) / secs:,.0f} | {mb / secs:.2f} | "
              f"{found[name]:,} | {b} |")


if __name__ == "__main__":
    main()
