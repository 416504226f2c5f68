#!/usr/bin/env python3
"""Build entx's listed-company gazetteer (gazetteers/org-companies.tsv) from
the SEC's ticker list.

Usage (from the repository root):

    python3 scripts/import_companies.py COMPANY_TICKERS_JSON FAKER_DIR \
        [gazetteers/]

Reads a file in the format of the SEC's ``company_tickers.json``
(``{"0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."}, ...}``;
an ``exchange`` member is used when present).  The SEC's data is a work of
the US government, in the public domain.  The copy used is the one shipped in
the PyPI package edgartools (see gazetteers/SOURCES.md for the exact steps):
rows ordered by market capitalization, largest first, which is the order
used to settle two companies wanting one short form.

Each company (one per CIK; the first row of a CIK gives its ticker) is an
ORG with id ``sec:<cik>`` and attributes
``kind=company;ticker=T;exchange=E;cik=N;source=sec``.  Forms, by rule:

* the SEC title, in title case when it is written in capitals ("MICROSOFT
  CORP" -> "Microsoft Corp"; of, and, the, de ... stay lower case; words of
  at most 3 letters that are no English word stay capitals: KLA), without
  SEC markers (``/DE/``, ``/ADR``) and commas;
* that title without its trailing legal form (LEGAL_FORMS: Inc, Corp,
  Corporation, Co, Company, Ltd, plc, LLC, LP, N.V., S.A., AG, SE ...) and
  a leading "The": "Microsoft";
* that form without trailing group words (GROUP_WORDS: Holdings, Holding,
  Group): "Alibaba";
* the ticker, only when it is the initials of the name's words (the ticker
  is then also the name's acronym: AMD, ADP), it
  has >= 3 letters (two-letter ones, IP, PS, RL, are mostly other things) and is written in capitals (so it matches only capitals).
  Other tickers stay in the ``ticker=`` attribute: a bare ticker in text
  (ALL, IT, ON, CAT, F) is a word far more often than a company.

A form is dropped when it has < 3 letters (but for acronym tickers), is a
single common English word (common-words.txt: Target, Block, Match), a
given name or a family name (the last names of Faker's person providers,
FAKER_DIR: an unpacked wheel of the PyPI package Faker, MIT: Williams,
Pearson, Cummins), has only common words and no legal form (National Bank,
North-West: a description, not a name), is an alias of another built-in entity (a place, a person, a
curated organization), or was taken by a larger company.  A company whose
own short name is a curated organization's alias is left out: the curated
entity already stands for it.  Below the SINGLE_WORD_RANK largest
companies, a company whose name (without legal form) is one word is left
out, and so is a one-word short form of a larger name ("Huize" of Huize
Holding).  Funds, trusts, ETFs and blank-check
companies (names with Fund, Trust, ETF, Acquisition, or a closing roman
numeral) are left out.

Output is deterministic (SEC order).  Standard library only.
"""

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gazetteer_data import (  # noqa: E402
    lexicon_path,
    faker_surnames, fold, letters, read_word_list, surface_forms, write_tsv,
    TSV_COLUMNS)

OUT_FILE = "org-companies.tsv"
# Below this rank (by market capitalization) a company must have a name of
# two words or more: a small company's one-word name (Westwood, Huize,
# Bancorp) is far more often something else in news than the company.
SINGLE_WORD_RANK = 1000
LEGAL_FORMS = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "cos",
    "companies", "ltd", "limited", "plc", "llc", "lp", "l p", "llp", "n v",
    "nv", "s a", "sa", "ag", "se", "asa", "ab", "a s", "as", "s p a", "spa",
    "tbk", "sab", "de", "c v", "cv", "s a b", "oyj", "bhd", "kk", "pte",
    "pty", "k k", "s e", "sarl", "gmbh", "publ", "com",
}
GROUP_WORDS = {"holdings", "holding", "group"}
SMALL_WORDS = {"of", "and", "the", "for", "de", "du", "la", "le", "des",
               "del", "y", "e", "in", "on", "at", "a", "an", "&"}
SKIP_WORDS = {"fund", "trust", "etf", "etn", "acquisition", "acquisitions",
              "portfolio", "spac", "etfs"}
COMMON = set()  # common-words.txt, read by main()
ROMAN = re.compile(r"^(i|ii|iii|iv|v|vi|vii|viii|ix|x)$")


def clean_title(title):
    # SEC markers: /DE/, /CAN/, /NEW, INC/DE, /ADR (not A/S: one letter)
    t = re.sub(r"\s*/[A-Za-z]{2,5}/?(?=\s|$)", " ", title)
    t = re.sub(r"(?<=\w)/(?=\s|$)", " ", t)  # "CORP/"
    t = t.replace(",", " ")
    words = t.split()
    if title.upper() == title:
        out = []
        for i, w in enumerate(words):
            lw = w.lower()
            if i and lw in SMALL_WORDS:
                out.append(lw)
            elif len(w) <= 3 and w.isalpha() and lw not in COMMON \
                    and key(w) not in LEGAL_FORMS:
                out.append(w)  # an acronym: KLA, RTX, ING
            else:
                out.append(w[:1] + w[1:].lower())
        words = out
    return " ".join(words)


def key(w):
    return w.lower().replace(".", " ").strip().replace("  ", " ")


def strip_trailing(words, vocab):
    words = list(words)
    while len(words) > 1 and (key(words[-1]) in vocab or (
            words[-1] == "&")):
        words.pop()
    # "S.A.", "N.V." split by the title case as one token; "& Co" pairs
    return words


def forms_of(title):
    full = clean_title(title)
    words = full.split()
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    base = strip_trailing(words, LEGAL_FORMS)
    short = strip_trailing(base, GROUP_WORDS | LEGAL_FORMS)
    return full, " ".join(base), " ".join(short)


def initials(name):
    return "".join(w[0] for w in name.split()
                   if w.lower() not in SMALL_WORDS and w[0].isalpha()).upper()


def main(argv):
    args = argv[1:]
    if not 2 <= len(args) <= 3:
        sys.stderr.write(__doc__)
        return 2
    src, faker_dir = args[0], args[1]
    out = args[2] if len(args) == 3 else "gazetteers"
    surnames = faker_surnames(faker_dir)
    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    rows = [data[k] for k in sorted(data, key=int)]
    common = read_word_list(os.path.join(out, "common-words.txt"))
    COMMON.update(common)
    given = read_word_list(lexicon_path(out, "given-names.txt"))
    others = surface_forms(out)
    taken = set()
    seen_cik = set()
    entities = []
    for r in rows:
        cik = int(r["cik_str"])
        if cik in seen_cik:
            continue
        seen_cik.add(cik)
        ticker = (r.get("ticker") or "").strip()
        full, base, short = forms_of(r["title"])
        lw = [w.lower().strip(".") for w in base.split()]
        if any(w in SKIP_WORDS for w in lw) or (lw and ROMAN.match(lw[-1])):
            continue
        if fold(short) in others or fold(base) in others:
            continue  # a curated entity (or a place) already has this name
        rank = len(seen_cik) - 1
        if rank >= SINGLE_WORD_RANK and len(base.split()) < 2:
            continue
        cands = []
        for form in (base, full, short):
            k = fold(form)
            if letters(form) < 3 or k in taken or k in others:
                continue
            if " " not in k and (k in common or k in given or k in surnames
                                 or rank >= SINGLE_WORD_RANK):
                continue
            words = [w for w in re.split(r"[\s\-]+", k) if w]
            if all(w in common or w in SMALL_WORDS for w in words) and \
                    not any(key(w) in LEGAL_FORMS for w in form.split()):
                continue
            if k in {fold(c) for c in cands}:
                continue
            cands.append(form)
        if (re.fullmatch(r"[A-Z]{3,5}", ticker)
                and initials(base) == ticker and len(base.split()) >= 2
                and fold(ticker) not in common and fold(ticker) not in given
                and fold(ticker) not in others
                and fold(ticker) not in taken):
            cands.append(ticker)
        if not cands:
            continue
        for c in cands:
            taken.add(fold(c))
        name = cands[0] if fold(cands[0]) == fold(base) else base + \
            " (company)"
        aliases = [c for c in cands if fold(c) != fold(name)]
        attrs = [("kind", "company")]
        if ticker:
            attrs.append(("ticker", ticker))
        if r.get("exchange"):
            attrs.append(("exchange", r["exchange"]))
        attrs += [("cik", str(cik)), ("source", "sec")]
        entities.append({"id": "sec:%d" % cik, "type": "ORG", "name": name,
                         "aliases": aliases, "attrs": attrs})
    header = [
        "org-companies.tsv — US-listed companies (SEC company tickers)",
        "Source: U.S. Securities and Exchange Commission company_tickers "
        "list (public domain, US government work), as shipped in the PyPI "
        "package edgartools; order: market capitalization.",
        "generated by scripts/import_companies.py — do not edit by hand",
        TSV_COLUMNS,
    ]
    n, na = write_tsv(os.path.join(out, OUT_FILE), header, entities)
    sys.stderr.write("%s %6d entities %6d aliases\n" % (OUT_FILE, n, na))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
