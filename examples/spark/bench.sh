#!/usr/bin/env bash
# The figures of the README's "Scale out" section: a direct entx run, the
# start-up of one entx process, and entx_spark.py in Spark's local mode on
# the same corpus with 1 to 32 partitions. Wall seconds, best of ROUNDS.
#
#   examples/spark/bench.sh [CORPUS.jsonl.gz] [ENTX]
#
# Needs spark-submit on PATH (pip install pyspark) and Java 17.
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS=${1:-../shared/corpus/news.jsonl.gz}
ENTX=${2:-target/release/entx}
ROUNDS=${ROUNDS:-3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SPARK_LOCAL_IP=127.0.0.1 SPARK_CONF_DIR=$PWD/examples/spark/conf

zcat "$CORPUS" > "$TMP/news.jsonl"
: > "$TMP/empty.jsonl"
head -n 1 "$TMP/news.jsonl" > "$TMP/one.jsonl"
records=$(grep -c . "$TMP/news.jsonl")

# Best wall time of ROUNDS runs of "$@", in seconds.
best() {
  local b="" t
  for _ in $(seq "$ROUNDS"); do
    /usr/bin/time -f %e -o "$TMP/time" "$@" >/dev/null 2>&1 || true
    t=$(tail -n 1 "$TMP/time")
    if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; fi
  done
  echo "$b"
}

row() { # label seconds
  awk -v l="$1" -v s="$2" -v n="$records" \
    'BEGIN{printf "| %s | %.2f | %s |\n", l, s, (s > 0 ? sprintf("%d", n / s) : "-")}'
}

# 100 process starts, in seconds each.
starts() {
  local input=$1 t
  /usr/bin/time -f %e -o "$TMP/time" sh -c \
    "for i in \$(seq 100); do $ENTX extract --input jsonl -j 1 < $input > /dev/null; done"
  t=$(tail -n 1 "$TMP/time")
  awk -v t="$t" 'BEGIN{printf "%.1f ms", t * 10}'
}

# spark-submit in local[2] mode, best of ROUNDS by wall time: prints the
# wall seconds and the job's own seconds (--timing: without Spark's start).
spark() { # partitions input
  local b="" job="" t j out=$TMP/out
  for _ in $(seq "$ROUNDS"); do
    rm -rf "$out"
    /usr/bin/time -f %e -o "$TMP/time" spark-submit --master 'local[2]' \
      --conf spark.ui.enabled=false examples/spark/entx_spark.py "$2" "$out" \
      --entx "$ENTX" --partitions "$1" --timing > "$TMP/log" 2>&1 || true
    t=$(tail -n 1 "$TMP/time")
    j=$(sed -n 's/.* partitions, \([0-9.]*\) s in the job.*/\1/p' "$TMP/log")
    if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t job=${j:-0}; fi
  done
  echo "$b $job"
}

srow() { # label "wall job"
  set -- "$1" $2
  awk -v l="$1" -v s="$2" -v j="$3" -v n="$records" \
    'BEGIN{printf "| %s | %.2f | %d | %.2f | %d |\n", l, s, n / s, j, (j > 0 ? n / j : 0)}'
}

echo "corpus: $CORPUS ($records records), $(nproc) cores, $(date -u +%F), best of $ROUNDS"
echo "entx start-up, one process (mean of 100): empty input $(starts "$TMP/empty.jsonl"), one record $(starts "$TMP/one.jsonl")"
echo
echo "| run | wall s | records/s |"
echo "|---|---|---|"
row "entx extract -j 1 (direct)" "$(best "$ENTX" extract -j 1 "$TMP/news.jsonl")"
row "entx extract -j 2 (direct)" "$(best "$ENTX" extract -j 2 "$TMP/news.jsonl")"
row "entx extract -j 2 (direct, from .gz)" "$(best "$ENTX" extract -j 2 "$CORPUS")"
echo
echo "| spark-submit local[2] | wall s | records/s | job s | records/s in the job |"
echo "|---|---|---|---|---|"
set -- $(spark 1 "$TMP/empty.jsonl")
echo "| empty input (Spark's own start and stop) | $1 | - | $2 | - |"
for n in 2 8 32; do
  srow "$n partitions" "$(spark "$n" "$TMP/news.jsonl")"
done
srow "from .gz (1 partition)" "$(spark 1 "$CORPUS")"
