#!/usr/bin/env bash
# Every test the project has: Rust (unit, integration, property, golden
# fixtures), Python package and spaCy component, Spark, browser. It
# installs what it needs itself: a Python virtual environment under
# target/test-venv, Java and Chromium from the system packages when missing.
#
#   scripts/test-all.sh            everything
#   ENTX_TEST_ONLY=rust scripts/test-all.sh   one section (rust, importers, python, spark, browser)
#
# `cargo test` stays the quick Rust loop.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ONLY=${ENTX_TEST_ONLY:-}
VENV=$ROOT/target/test-venv

section() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }
say() { printf '== %s\n' "$*"; }

# The Python virtual environment every Python-side test shares.
venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
  fi
  "$VENV/bin/python" -m pip install -q "$@"
}

# Debian packages, installed only when the command is missing.
need_apt() {
  local cmd=$1 pkg=$2
  if ! command -v "$cmd" >/dev/null 2>&1; then
    say "installing $pkg (for $cmd)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$pkg" >/dev/null
  fi
}

if section rust; then
  say "cargo test"
  cargo test
  say "entx check fixtures/articles/ (golden fixtures)"
  cargo run -q -- check fixtures/articles/
  say "entx gazetteer lint (the built-in gazetteer)"
  cargo run -q -- gazetteer lint --errors-only
fi

if section importers; then
  say "gazetteer importers (scripts/test_importers.py, standard library only)"
  python3 -m unittest discover -s scripts -p 'test_*.py'
fi

# Later sections (python, spark, browser) build the release binary once.
release() {
  cargo build --release -q
  echo "$ROOT/target/release/entx"
}

if section spark; then
  # examples/spark/entx_spark.py in Spark's local mode against direct runs
  # (tests/spark/). PySpark from PyPI brings Spark itself; it needs Java.
  need_apt java default-jre-headless
  venv 'pyspark>=4,<5' pytest
  ENTX_BIN=$(release)
  say "pytest tests/spark (Spark local mode)"
  # Spark binds to the machine's name unless told; log4j's default level
  # for the driver and executors is kept at WARN by the script itself.
  ENTX_BIN=$ENTX_BIN SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$VENV/bin/python" \
    "$VENV/bin/python" -m pytest -q tests/spark
fi

# The html output in headless Chromium (Debian's package): the rendered DOM
# of the fixture article's page, and a screenshot in target/browser/.
if section browser; then
  need_apt chromium chromium
  say "html output in headless Chromium"
  python3 tests/browser/check_html.py "$(release)" "$(command -v chromium)" \
    "$ROOT/target/browser"
fi

if section python; then
  ENTX_BIN=$(release)
  export ENTX_BIN
  venv maturin pytest spacy
  say "pip install ./python (the Python package and spaCy component)"
  # The venv's maturin builds it (no isolated build environment to fill;
  # maturin's build backend runs `maturin` from PATH); the extension's
  # cargo target dir, python/target, is kept between runs.
  PATH="$VENV/bin:$PATH" "$VENV/bin/python" -m pip install -q \
    --no-build-isolation --force-reinstall --no-deps ./python
  say "pytest python/tests"
  "$VENV/bin/python" -m pytest -q python/tests
fi

say "all test sections passed"
