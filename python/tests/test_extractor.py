"""entx.Extractor: same output as the CLI, offsets, options, errors."""

import json
import pickle
import subprocess
import threading
import warnings

import pytest

import entx

from conftest import ROOT

ARTICLE = ROOT / "fixtures/articles/soleimani-anniversary.txt"


def read_text(path):
    # newline="": the CLI sees "\r\n" as is, and so must Python.
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def cli_extract(entx_bin, path, *args):
    out = subprocess.run(
        [str(entx_bin), "extract", *args, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    doc = json.loads(out)
    del doc["id"]
    return doc


# Rule mentions of three kinds, and ambiguous "Georgia" (candidates).
RULES_PARAGRAPH = (
    "\nJennifer Castellano, of Brightwater Logistics Ltd., said. "
    "Castellano added that Georgia was calm.\n"
)


@pytest.fixture
def article_with_rules(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(read_text(ARTICLE) + RULES_PARAGRAPH, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "cli_args, kwargs",
    [
        ([], {}),
        (["--no-rules"], {"rules": False}),
        (["--case", "insensitive"], {"case": "insensitive"}),
        (["--case", "sensitive", "--no-rules"], {"case": "sensitive", "rules": False}),
    ],
)
def test_same_as_cli_on_the_fixture_article(entx_bin, cli_args, kwargs):
    expected = cli_extract(entx_bin, ARTICLE, *cli_args)
    got = entx.Extractor(**kwargs).extract(read_text(ARTICLE))
    # json.dumps keeps key order: same keys, same order, same values.
    assert json.dumps(got) == json.dumps(expected)
    assert len(got["mentions"]) > 20
    assert any("candidates" in m for m in got["mentions"])


def test_same_as_cli_with_rule_mentions(entx_bin, article_with_rules):
    expected = cli_extract(entx_bin, article_with_rules)
    got = entx.Extractor().extract(read_text(article_with_rules))
    assert json.dumps(got) == json.dumps(expected)
    rules = [(m["text"], m["via"], m["entity"]) for m in got["mentions"]
             if m["via"] != "gazetteer"]
    assert rules == [
        ("Jennifer Castellano", "rule:given-name", None),
        ("Brightwater Logistics Ltd.", "rule:org-suffix", None),
        ("Castellano", "rule:propagation", None),
    ]


def test_offsets_are_python_string_indices():
    text = read_text(ARTICLE)
    doc = entx.Extractor().extract(text)
    raw = text.encode("utf-8")
    for m in doc["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
        assert raw[m["byte_start"] : m["byte_end"]].decode("utf-8") == m["text"]


def test_user_gazetteer_without_builtin(small_tsv):
    ex = entx.Extractor(gazetteers=[small_tsv], builtin=False, rules=False)
    # "Über " is 5 code points and 6 bytes; "ń" is 2 bytes.
    doc = ex.extract("Über Gdańsk: Danzig. Georgia won.")
    expected = {
        "mentions": [
            {"start": 5, "end": 11, "byte_start": 6, "byte_end": 13,
             "text": "Gdańsk", "type": "CITY", "entity": "gdansk",
             "wikidata": "Q1792", "name": "Gdańsk", "via": "gazetteer"},
            {"start": 13, "end": 19, "byte_start": 15, "byte_end": 21,
             "text": "Danzig", "type": "CITY", "entity": "gdansk",
             "wikidata": "Q1792", "name": "Gdańsk", "via": "gazetteer"},
            {"start": 21, "end": 28, "byte_start": 23, "byte_end": 30,
             "text": "Georgia", "type": "LOC", "entity": "georgia-country",
             "name": "Georgia", "via": "gazetteer",
             "candidates": ["georgia-us-state"]},
        ],
        "entities": [
            {"entity": "gdansk", "wikidata": "Q1792", "name": "Gdańsk",
             "type": "CITY", "count": 2, "first": 5},
            {"entity": "georgia-country", "name": "Georgia", "type": "LOC",
             "count": 1, "first": 21},
        ],
    }
    assert json.dumps(doc) == json.dumps(expected)


def test_user_gazetteer_same_as_cli(entx_bin, small_tsv, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Danzig, Georgia. Sakartvelo and GDAŃSK.\n", encoding="utf-8")
    expected = cli_extract(entx_bin, article, "-g", str(small_tsv), "--no-builtin")
    got = entx.Extractor([str(small_tsv)], builtin=False).extract(read_text(article))
    assert json.dumps(got) == json.dumps(expected)
    assert [m["text"] for m in got["mentions"]] == [
        "Danzig", "Georgia", "Sakartvelo", "GDAŃSK"
    ]


def test_compiled_index_same_as_its_sources(entx_bin, small_tsv, tmp_path):
    idx = tmp_path / "small.idx"
    subprocess.run(
        [str(entx_bin), "gazetteer", "build", "-g", str(small_tsv),
         "--no-builtin", "-o", str(idx)],
        check=True, capture_output=True,
    )
    text = "Danzig and Georgia, then Gdańsk."
    from_tsv = entx.Extractor([small_tsv], builtin=False).extract(text)
    from_idx = entx.Extractor([idx]).extract(text)
    assert from_idx == from_tsv
    assert len(from_idx["mentions"]) == 3


def test_directory_of_gazetteers(small_tsv):
    ex = entx.Extractor([small_tsv.parent], builtin=False, rules=False)
    assert [m["entity"] for m in ex.extract("Danzig")["mentions"]] == ["gdansk"]


def test_case_modes(small_tsv):
    def texts(case):
        ex = entx.Extractor([small_tsv], builtin=False, rules=False, case=case)
        return [m["text"] for m in ex.extract("danzig DANZIG Danzig")["mentions"]]

    # smart: text may be more capitalized than the alias, never less.
    assert texts("smart") == ["DANZIG", "Danzig"]
    assert texts("sensitive") == ["Danzig"]
    assert texts("insensitive") == ["danzig", "DANZIG", "Danzig"]


def test_empty_text_and_no_mentions():
    ex = entx.Extractor()
    assert ex.extract("") == {"mentions": [], "entities": []}
    assert ex.extract("nothing here at all") == {"mentions": [], "entities": []}


# -- errors ---------------------------------------------------------------


def test_missing_gazetteer_raises_gazetteer_error(tmp_path):
    missing = tmp_path / "nope.tsv"
    with pytest.raises(entx.GazetteerError) as info:
        entx.Extractor([missing])
    assert str(missing) in str(info.value)
    assert isinstance(info.value, entx.EntxError)


def test_malformed_gazetteer_names_path_and_line():
    bad = ROOT / "fixtures/bad-gazetteers/too-few-columns.tsv"
    with pytest.raises(entx.GazetteerError, match="too-few-columns.tsv:3: expected at least 3"):
        entx.Extractor([bad], builtin=False)


def test_index_among_other_gazetteers_is_refused(entx_bin, small_tsv, tmp_path):
    idx = tmp_path / "small.idx"
    subprocess.run(
        [str(entx_bin), "gazetteer", "build", "-g", str(small_tsv),
         "--no-builtin", "-o", str(idx)],
        check=True, capture_output=True,
    )
    with pytest.raises(entx.GazetteerError, match="cannot be merged"):
        entx.Extractor([idx, small_tsv])


def test_damaged_index_names_path(tmp_path):
    idx = tmp_path / "bad.idx"
    idx.write_bytes(b"ENTXIDX\0" + b"\0" * 64)
    with pytest.raises(entx.GazetteerError) as info:
        entx.Extractor([idx])
    assert str(idx) in str(info.value)


def test_no_entities_at_all(tmp_path):
    with pytest.raises(entx.GazetteerError, match="no gazetteer entities"):
        entx.Extractor(builtin=False)
    empty = tmp_path / "empty.tsv"
    empty.write_text("# nothing\n")
    with pytest.raises(entx.GazetteerError, match="no gazetteer entities"):
        entx.Extractor([empty], builtin=False)


def test_bad_arguments():
    with pytest.raises(ValueError, match="case must be"):
        entx.Extractor(case="upper")
    with pytest.raises(TypeError, match="list of paths"):
        entx.Extractor("people.tsv")
    with pytest.raises(TypeError, match="must be str"):
        entx.Extractor().extract(b"bytes")


def test_duplicate_id_warns(tmp_path):
    path = tmp_path / "dup.tsv"
    path.write_text("x\tPERSON\tAnna Nowak\n\nx\tPERSON\tA. Nowak\n")
    with pytest.warns(entx.GazetteerWarning, match="dup.tsv:3: entity \"x\" was already defined"):
        ex = entx.Extractor([path], builtin=False)
    assert len(ex.warnings) == 1
    assert [m["text"] for m in ex.extract("A. Nowak")["mentions"]] == ["A. Nowak"]


# -- extract_many ---------------------------------------------------------


def corpus():
    article = read_text(ARTICLE)
    paragraphs = [p for p in article.split("\n") if p.strip()]
    # Different lengths, empty texts, repeats: order must still hold.
    return paragraphs + ["", article, "Baghdad"] + paragraphs[::-1]


def test_extract_many_is_extract_in_order():
    ex = entx.Extractor()
    texts = corpus()
    one_by_one = [ex.extract(t) for t in texts]
    assert list(ex.extract_many(texts, threads=1)) == one_by_one
    assert list(ex.extract_many(texts, threads=4, chunk_size=7)) == one_by_one


def test_extract_many_thread_count_does_not_change_output():
    ex = entx.Extractor()
    texts = corpus() * 3
    one = [json.dumps(d) for d in ex.extract_many(texts, threads=1)]
    four = [json.dumps(d) for d in ex.extract_many(texts, threads=4)]
    assert one == four
    assert len(one) == len(texts)


def test_extract_many_reads_its_input_lazily():
    pulled = []

    def texts():
        for i in range(10):
            pulled.append(i)
            yield f"Iraq and Iran, {i}"

    results = entx.Extractor().extract_many(texts(), threads=2, chunk_size=3)
    assert pulled == []
    first = next(results)
    assert pulled == [0, 1, 2]
    assert [m["text"] for m in first["mentions"]] == ["Iraq", "Iran"]
    rest = list(results)
    assert len(rest) == 9
    assert pulled == list(range(10))


def test_extract_many_error_comes_after_the_texts_before_it():
    results = entx.Extractor().extract_many(["Iraq", "Iran", 3, "Syria"], threads=2)
    assert next(results)["mentions"][0]["text"] == "Iraq"
    assert next(results)["mentions"][0]["text"] == "Iran"
    with pytest.raises(TypeError, match="must be str, not int"):
        next(results)
    with pytest.raises(StopIteration):
        next(results)


def test_extract_many_bad_arguments():
    ex = entx.Extractor()
    assert list(ex.extract_many([])) == []
    with pytest.raises(ValueError, match="threads must be at least 1"):
        ex.extract_many(["x"], threads=0)
    with pytest.raises(ValueError, match="chunk_size"):
        ex.extract_many(["x"], chunk_size=0)
    with pytest.raises(TypeError):
        ex.extract_many(5)


def test_one_extractor_shared_by_python_threads():
    ex = entx.Extractor()
    texts = corpus()
    expected = [ex.extract(t) for t in texts]
    results = {}

    def run(k):
        results[k] = [ex.extract(t) for t in texts]

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected for k in range(4))


def test_pickle_rebuilds_from_the_same_sources(small_tsv):
    ex = entx.Extractor([small_tsv], builtin=False, rules=False, case="insensitive")
    copy = pickle.loads(pickle.dumps(ex))
    assert repr(copy) == repr(ex)
    assert copy.extract("danzig") == ex.extract("danzig")
    assert len(copy.extract("danzig")["mentions"]) == 1


def test_repr_and_pattern_count(small_tsv):
    ex = entx.Extractor([small_tsv], builtin=False)
    assert repr(ex) == (
        f'entx.Extractor(gazetteers=["{small_tsv}"], builtin=False, '
        'rules=True, case="smart")'
    )
    # Gdańsk, Danzig, Georgia, Sakartvelo.
    assert ex.pattern_count == 4
