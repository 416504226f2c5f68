"""The html output in a real browser: headless Chromium renders the page
entx writes for the fixture article; the rendered DOM must have one
<mark> per mention (with its data- attributes and type label) and the
entities table, and a screenshot is saved.

    python3 tests/browser/check_html.py ENTX CHROMIUM OUT_DIR

Only the standard library: Chromium's --dump-dom gives the DOM after
scripts ran, html.parser reads it.
"""

import json
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTICLE = os.path.join(ROOT, "fixtures", "articles", "soleimani-anniversary.txt")


class Dom(HTMLParser):
    """Marks (attributes and text), entity table rows, script count."""

    def __init__(self):
        super().__init__()
        self.marks = []
        self.rows = []
        self.scripts = 0
        self._mark = None
        self._in_mt = False
        self._in_lbl = False
        self._table = 0
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "mark":
            self._mark = {"attrs": a, "text": "", "label": ""}
        elif tag == "span" and self._mark is not None:
            self._in_mt = a.get("class") == "mt"
            self._in_lbl = a.get("class") == "lbl"
        elif tag == "table" and "ents" in (a.get("class") or ""):
            self._table += 1
        elif tag == "tr" and self._table:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            self.marks.append(self._mark)
            self._mark = None
        elif tag == "span":
            self._in_mt = self._in_lbl = False
        elif tag == "td" and self._row is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self.rows.append(self._row)
            self._row = None
        elif tag == "table" and self._table:
            self._table -= 1

    def handle_data(self, data):
        if self._mark is not None and self._in_mt:
            self._mark["text"] += data
        if self._mark is not None and self._in_lbl:
            self._mark["label"] += data
        if self._cell is not None:
            self._cell += data


def chromium(binary, *args):
    cmd = [binary, "--headless", "--disable-gpu", "--no-first-run",
           "--hide-scrollbars", "--disable-dev-shm-usage"]
    if os.geteuid() == 0:
        cmd.append("--no-sandbox")  # Chromium refuses to run as root otherwise
    return subprocess.run(cmd + list(args), check=True, capture_output=True,
                          timeout=120).stdout


def main():
    entx, browser, out_dir = sys.argv[1:4]
    os.makedirs(out_dir, exist_ok=True)
    doc = json.loads(subprocess.run([entx, "extract", ARTICLE], check=True,
                                    capture_output=True).stdout)
    page = os.path.join(out_dir, "article.html")
    with open(page, "wb") as f:
        f.write(subprocess.run([entx, "extract", "--format", "html", ARTICLE],
                               check=True, capture_output=True).stdout)
    with tempfile.TemporaryDirectory() as profile:
        dom_html = chromium(browser, f"--user-data-dir={profile}",
                            "--dump-dom", "file://" + page).decode("utf-8")
    dom = Dom()
    dom.feed(dom_html)
    mentions = doc["mentions"]
    assert len(dom.marks) == len(mentions), (len(dom.marks), len(mentions))
    for mark, m in zip(dom.marks, mentions):
        a = mark["attrs"]
        assert mark["text"] == m["text"], (mark["text"], m["text"])
        assert mark["label"] == m["type"], (mark["label"], m["type"])
        assert a["data-type"] == m["type"]
        assert a["data-entity"] == (m["entity"] or "")
        assert a["data-name"] == m["name"]
        assert a["data-via"] == m["via"]
        assert a.get("tabindex") == "0"
        assert m["type"] in a["title"]
    entities = doc["entities"]
    assert len(dom.rows) == len(entities), (len(dom.rows), len(entities))
    for row, e in zip(dom.rows, entities):
        # Type, Name, Entity, [Wikidata when any entity has one,] Mentions
        assert row[0] == e["type"], (row, e)
        assert row[1] == e["name"], (row, e)
        assert row[2] == (e["entity"] or ""), (row, e)
        assert int(row[-1]) == e["count"], (row, e)
    assert dom.scripts == 1, dom.scripts
    shot = os.path.join(out_dir, "html-output.png")
    with tempfile.TemporaryDirectory() as profile:
        chromium(browser, f"--user-data-dir={profile}",
                 f"--screenshot={shot}", "--window-size=1200,900",
                 "file://" + page)
    assert os.path.getsize(shot) > 10_000, "screenshot is empty"
    print(f"browser: {len(dom.marks)} marks, {len(dom.rows)} entity rows; "
          f"screenshot {shot}")


if __name__ == "__main__":
    main()
