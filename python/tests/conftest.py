"""Shared fixtures: the repository root, the CLI binary, small gazetteers."""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]

# A user gazetteer whose matches are worked out by hand in the tests:
# Gdańsk has a Wikidata id, Georgia is ambiguous (the country ranks first).
SMALL_TSV = (
    "# id\ttype\tname\taliases\tattributes\n"
    "gdansk\tCITY\tGdańsk\tDanzig\twikidata=Q1792\n"
    "georgia-us-state\tLOC\tGeorgia\t\tpriority=1\n"
    "georgia-country\tLOC\tGeorgia\tSakartvelo\tpriority=2\n"
)


@pytest.fixture(scope="session")
def entx_bin():
    """The `entx` binary built from this checkout (scripts/test-all.sh
    builds it and passes its path in ENTX_BIN)."""
    path = pathlib.Path(os.environ.get("ENTX_BIN", ROOT / "target/release/entx"))
    if not path.is_file():
        pytest.fail(
            f"no entx binary at {path}: run `cargo build --release` or set ENTX_BIN"
        )
    return path


@pytest.fixture
def small_tsv(tmp_path):
    path = tmp_path / "small.tsv"
    path.write_text(SMALL_TSV, encoding="utf-8")
    return path
