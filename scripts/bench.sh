#!/usr/bin/env bash
# Benchmark entx against grep -F -w -o -f with the same alias lists, on the
# same machine in the same run. Prints a Markdown table: MB/s, docs/s, wall
# and CPU seconds, peak RSS and the ratio to grep, per configuration; then
# start-up on the fixture article and the memory of a 10x larger corpus.
#
#   scripts/bench.sh [CORPUS.jsonl.gz] [RUNS]
#
# Defaults: ../shared/corpus/news.jsonl.gz, 5 runs (medians are reported).
# Needs: cargo, python3, GNU grep, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpus/news.jsonl.gz}
RUNS=${2:-5}
GEONAMES=${GEONAMES:-../shared/data/geonames/cities15000.txt}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

cargo build --release -q
ENTX=target/release/entx

zcat -f "$CORPUS" > "$TMP/corpus.jsonl"
BYTES=$(stat -c %s "$TMP/corpus.jsonl")
DOCS=$(wc -l < "$TMP/corpus.jsonl")

# Alias lists for grep: every name and alias of the gazetteer.
aliases() { awk -F'\t' '!/^#/ && NF>=3 { print $3; n=split($4, a, "|"); for (i=1;i<=n;i++) if (a[i]!="") print a[i] }' "$@" | sort -u; }
$ENTX gazetteer export > "$TMP/builtin.tsv"
aliases "$TMP/builtin.tsv" > "$TMP/builtin.aliases"
python3 scripts/cities_gazetteer.py "$GEONAMES" --max-aliases 200000 > "$TMP/cities.tsv" 2>/dev/null
aliases "$TMP/cities.tsv" > "$TMP/cities.aliases"
$ENTX gazetteer build --no-builtin -g "$TMP/cities.tsv" -o "$TMP/cities.idx" 2>/dev/null

# median_time CMD...: median wall seconds, max RSS (KB) and the median
# run's CPU seconds (user + sys, all threads) over $RUNS runs.
median_time() {
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M %U %S" -o "$TMP/t" "$@" > /dev/null 2>&1 || true
    cat "$TMP/t"
  done | sort -n | awk '{ t[NR]=$1; c[NR]=$3+$4; if ($2>m) m=$2 } END { i=int((NR+1)/2); printf "%s %s %.2f\n", t[i], m, c[i] }'
}

row() { # name seconds rss grep_seconds cpu_seconds
  python3 - "$@" "$BYTES" "$DOCS" <<'PY'
import sys
name, s, rss, g, cpu, nbytes, docs = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
s = max(s, 1e-3)
print(f"| {name} | {nbytes/1e6/s:.1f} | {docs/s:,.0f} | {s:.2f} | {cpu:.2f} | {rss/1024:.0f} | {g/s:.2f}x |")
PY
}

echo "corpus: $CORPUS ($((BYTES/1000000)) MB decompressed, $DOCS docs), medians of $RUNS runs, $(nproc) cores"
echo
echo "| configuration | MB/s | docs/s | wall s | CPU s | peak RSS (MB) | vs grep |"
echo "|---|---|---|---|---|---|---|"
read -r gb _ gbc < <(median_time grep -F -w -o -f "$TMP/builtin.aliases" "$TMP/corpus.jsonl")
read -r gc _ gcc < <(median_time grep -F -w -o -f "$TMP/cities.aliases" "$TMP/corpus.jsonl")
row "grep -F -w -o -f, built-in aliases ($(wc -l < "$TMP/builtin.aliases"))" "$gb" 0 "$gb" "$gbc"
row "grep -F -w -o -f, 200k city aliases" "$gc" 0 "$gc" "$gcc"
# -j N is the number of extraction threads; a reader thread and the
# writer run beside them, hence CPU seconds above wall seconds at -j 1.
for t in 1 2; do
  read -r s m c < <(median_time $ENTX extract --no-rules -j $t "$TMP/corpus.jsonl")
  row "entx --no-rules, built-in gazetteer, -j $t" "$s" "$m" "$gb" "$c"
done
for t in 1 2; do
  read -r s m c < <(median_time $ENTX extract -j $t "$TMP/corpus.jsonl")
  row "entx (default: gazetteer + rules), built-in, -j $t" "$s" "$m" "$gb" "$c"
done
for t in 1 2; do
  read -r s m c < <(median_time $ENTX extract --no-rules -g "$TMP/cities.idx" -j $t "$TMP/corpus.jsonl")
  row "entx --no-rules, 200k-alias index, -j $t" "$s" "$m" "$gc" "$c"
done
read -r s m c < <(median_time $ENTX extract --no-rules --no-builtin -g "$TMP/cities.tsv" -j 1 "$TMP/corpus.jsonl")
row "entx --no-rules, 200k-alias TSV (compiled at start), -j 1" "$s" "$m" "$gc" "$c"

echo
FIX=fixtures/articles/soleimani-anniversary.txt
read -r sg _ < <(median_time grep -F -w -o -f "$TMP/builtin.aliases" "$FIX")
read -r se me _ < <(median_time $ENTX extract "$FIX")
read -r sl ml _ < <(median_time $ENTX extract -g "$TMP/cities.idx" "$FIX")
read -r st mt _ < <(median_time $ENTX extract --no-builtin -g "$TMP/cities.tsv" "$FIX")
echo "start-up on the fixture article: entx (built-in) ${se}s, ${me} KB; grep with the same $(wc -l < "$TMP/builtin.aliases") aliases ${sg}s;"
echo "  entx -g 200k index ${sl}s, ${ml} KB; entx -g 200k TSV ${st}s, ${mt} KB"

echo
for _ in $(seq 10); do cat "$TMP/corpus.jsonl"; done > "$TMP/corpus10.jsonl"
read -r s1 m1 _ < <(RUNS=1 median_time $ENTX extract -j 2 "$TMP/corpus.jsonl")
read -r s10 m10 _ < <(RUNS=1 median_time $ENTX extract -j 2 "$TMP/corpus10.jsonl")
echo "memory: peak RSS ${m1} KB on the corpus, ${m10} KB on 10x the corpus (${s1}s vs ${s10}s)"
