"""The spaCy component: spans, ents, extension, config, save and load."""

import json
import subprocess
import sys

import pytest

spacy = pytest.importorskip("spacy")

import entx  # noqa: E402
from spacy.tokens import Span  # noqa: E402

from conftest import ROOT  # noqa: E402

ARTICLE = ROOT / "fixtures/articles/soleimani-anniversary.txt"


def article():
    with open(ARTICLE, encoding="utf-8", newline="") as f:
        # A rule mention too (no gazetteer id: kb_id_ "").
        return f.read() + "\nJennifer Castellano said.\n"


def spans_of(doc, key="entx"):
    return [
        (s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc.spans[key]
    ]


def test_user_gazetteer_spans_ents_and_extension(small_tsv):
    nlp = spacy.blank("en")
    nlp.add_pipe(
        "entx", config={"gazetteers": [str(small_tsv)], "builtin": False, "rules": False}
    )
    doc = nlp("Über Gdańsk: Danzig. Georgia won.")
    expected = [
        (5, 11, "CITY", "gdansk"),
        (13, 19, "CITY", "gdansk"),
        (21, 28, "LOC", "georgia-country"),
    ]
    assert spans_of(doc) == expected
    assert [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents] == expected
    georgia = doc.spans["entx"][2]
    assert georgia._.entx["candidates"] == ["georgia-us-state"]
    assert georgia._.entx["via"] == "gazetteer"
    assert doc.spans["entx"][0]._.entx["wikidata"] == "Q1792"


def test_builtin_same_mentions_as_extractor():
    nlp = spacy.blank("en")
    nlp.add_pipe("entx")
    text = article()
    doc = nlp(text)
    mentions = entx.Extractor().extract(text)["mentions"]
    assert len(doc.spans["entx"]) == len(mentions)
    for span, m in zip(doc.spans["entx"], mentions):
        assert span._.entx == m
        assert span.label_ == m["type"]
        assert span.kb_id_ == (m["entity"] or "")
        # "expand": the span covers the mention, and is the mention
        # whenever spaCy's tokens end where entx's mention does.
        assert span.start_char <= m["start"] and m["end"] <= span.end_char
    exact = sum(
        (s.start_char, s.end_char) == (m["start"], m["end"])
        for s, m in zip(doc.spans["entx"], mentions)
    )
    assert exact >= len(mentions) - 2
    assert any(s.kb_id_ == "" for s in doc.spans["entx"])  # rule mentions


def test_pipe_matches_call():
    nlp = spacy.blank("en")
    nlp.add_pipe("entx", config={"threads": 2})
    paragraphs = [p for p in article().split("\n") if p.strip()]
    piped = [spans_of(d) for d in nlp.pipe(paragraphs, batch_size=5)]
    called = [spans_of(nlp(p)) for p in paragraphs]
    assert piped == called
    assert sum(map(len, piped)) > 20


def test_existing_ents_win_unless_overwrite(small_tsv):
    def run(overwrite):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns([{"label": "MISC", "pattern": "Gdańsk"}])
        nlp.add_pipe(
            "entx",
            config={
                "gazetteers": [str(small_tsv)],
                "builtin": False,
                "overwrite_ents": overwrite,
            },
        )
        doc = nlp("Gdańsk and Danzig")
        return [(e.text, e.label_) for e in doc.ents], len(doc.spans["entx"])

    assert run(False) == ([("Gdańsk", "MISC"), ("Danzig", "CITY")], 2)
    assert run(True) == ([("Gdańsk", "CITY"), ("Danzig", "CITY")], 2)


def test_spans_key(small_tsv):
    nlp = spacy.blank("en")
    nlp.add_pipe(
        "entx", config={"gazetteers": [str(small_tsv)], "builtin": False, "spans_key": "places"}
    )
    doc = nlp("Danzig")
    assert spans_of(doc, "places") == [(0, 6, "CITY", "gdansk")]
    assert "entx" not in doc.spans


def test_mention_inside_a_spacy_token_expands(tmp_path):
    # spaCy keeps "@Danzig" as one token: "expand" covers the token.
    gaz = tmp_path / "g.tsv"
    gaz.write_text("gdansk\tCITY\tGdańsk\tDanzig\n", encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("entx", config={"gazetteers": [str(gaz)], "builtin": False, "rules": False})
    doc = nlp("see @Danzig now")
    mentions = [s._.entx for s in doc.spans["entx"]]
    assert [(m["start"], m["end"]) for m in mentions] == [(5, 11)]
    span = doc.spans["entx"][0]
    assert span.start_char <= 5 and span.end_char >= 11


def test_saved_pipeline_loads_with_same_spans(tmp_path, small_tsv):
    nlp = spacy.blank("en")
    nlp.add_pipe(
        "entx",
        config={"gazetteers": [str(small_tsv)], "case": "insensitive", "overwrite_ents": True},
    )
    text = article() + "\nDANZIG, georgia and Gdańsk."
    before = spans_of(nlp(text))
    nlp.to_disk(tmp_path / "pipeline")
    cfg = (tmp_path / "pipeline/config.cfg").read_text()
    assert json.dumps([str(small_tsv)]) in cfg.replace("'", '"')

    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["entx"]
    settings = loaded.config["components"]["entx"]
    assert settings["gazetteers"] == [str(small_tsv)]
    assert settings["case"] == "insensitive"
    assert settings["overwrite_ents"] is True
    after = spans_of(loaded(text))
    assert after == before
    assert "DANZIG" in [text[s:e] for s, e, _, _ in after]

    # A fresh interpreter that never imports entx: spaCy finds the factory
    # through the spacy_factories entry point.
    script = (
        "import json, sys, spacy\n"
        "nlp = spacy.load(sys.argv[1])\n"
        "doc = nlp(sys.stdin.read())\n"
        "print(json.dumps([[s.start_char, s.end_char, s.label_, s.kb_id_]"
        " for s in doc.spans['entx']]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "pipeline")],
        input=text, capture_output=True, text=True, check=True,
    ).stdout
    assert [tuple(s) for s in json.loads(out)] == before


def test_bad_config_raises_on_add_pipe(tmp_path):
    nlp = spacy.blank("en")
    with pytest.raises(entx.GazetteerError) as info:
        nlp.add_pipe("entx", config={"gazetteers": [str(tmp_path / "nope.tsv")]})
    assert "nope.tsv" in str(info.value)
