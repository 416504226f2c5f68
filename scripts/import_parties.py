#!/usr/bin/env python3
"""Build entx's political-party gazetteer (gazetteers/org-parties.tsv) from
Party Facts' Wikidata table.

Usage (from the repository root):

    python3 scripts/import_parties.py \\
        [../shared/data/public/partyfacts-wikidata.csv] \\
        [../shared/data/public/country-codes.csv] [gazetteers/]

Reads partyfacts-wikidata.csv (hdigital/partyfactsdata
``import/wikipedia/wikidata.csv``, MIT; the rows come from Wikidata, CC0:
columns country (ISO-3), partyfacts_id, wikidata_id, name, name_short,
name_native) and country-codes.csv (datasets/country-codes, ODC-PDDL-1.0) for
ISO-3 -> ISO-2 and the English country name.  Writes
``<out>/org-parties.tsv`` and adds ``wikidata=`` to the curated parties of
``<out>/orgs.tsv`` that the table lists under the same name and country (the
join the source gives: same folded name, same country; nothing else is
changed in that file).

Every party is an ORG with id ``partyfacts:<id>`` and attributes
``kind=party;country=<ISO-2>;wikidata=Q...;source=partyfacts``.  Rules, so
that a party never takes a word, a place or another entity's name:

* The name is the English name.  A trailing parenthesis (Wikipedia's
  disambiguation "(Bulgaria)", "(1973)", a branch) is dropped for matching.
* The name matches text only when it is unambiguous: no other party in the
  table has the same folded name, no other built-in entity (any file of
  builtin.list but this one and orgs.tsv's parties) has it as an alias, and
  it is not a common English word (common-words.txt) or a given name.
  Otherwise the entity's name is "<name> (<country>)", which documents the
  party but matches no ordinary text ("Liberal Party (Norway)").
* The short name becomes an alias when it is one token (Party Facts writes
  spaces as "/"; "X/English" is read as X), Latin script, has >= 3 letters,
  is unique in the table, is no other built-in alias, no common word and no
  given name (PACMA, Jobbik, DMK, BSP; not PD, PR, PPP).
* The native name becomes an alias under the same rules when it is one or
  more Latin-script words with >= 4 letters (Fidesz, Podemos).
* A party that is a curated party of orgs.tsv (same folded name, same
  country) is not written again: the curated row gets its wikidata= instead.

Output is deterministic (sorted by Party Facts id).  Standard library only.
"""

import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gazetteer_data import (  # noqa: E402
    lexicon_path,
    fold, letters, read_gazetteer, read_word_list, surface_forms, write_tsv,
    TSV_COLUMNS)

OUT_FILE = "org-parties.tsv"
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9&'.\-]*")


def read_countries(path):
    by_iso3 = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            iso3 = row["ISO3166-1-Alpha-3"].strip()
            iso2 = row["ISO3166-1-Alpha-2"].strip()
            name = row["CLDR display name"].strip() or row[
                "official_name_en"].strip()
            if iso3:
                by_iso3[iso3] = (iso2, name)
    return by_iso3


def base_name(name):
    return re.sub(r"\s*\([^()]*\)$", "", name).strip()


def latin_words(s):
    return bool(s) and all(LATIN_WORD.fullmatch(w) for w in s.split())


def main(argv):
    args = argv[1:]
    if len(args) > 3:
        sys.stderr.write(__doc__)
        return 2
    defaults = [os.path.join("..", "shared", "data", "public", f)
                for f in ("partyfacts-wikidata.csv", "country-codes.csv")]
    defaults.append("gazetteers")
    src, codes, out = (args + defaults[len(args):])[:3]
    countries = read_countries(codes)
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    common = read_word_list(os.path.join(out, "common-words.txt"))
    given = read_word_list(lexicon_path(out, "given-names.txt"))
    curated = read_gazetteer(os.path.join(out, "orgs.tsv"))
    curated_party = {}
    for eid, kind, name, aliases, attrs in curated:
        if attrs.get("kind") == "party":
            curated_party[(attrs.get("country"), fold(name))] = eid
    others = surface_forms(out)

    name_count, short_count = {}, {}
    for r in rows:
        k = fold(base_name(r["name"]))
        name_count[k] = name_count.get(k, 0) + 1
        s = r["name_short"].split("/")
        short = s[0] if len(s) == 1 or s[1:] == ["English"] else ""
        r["_short"] = short
        if short:
            short_count[fold(short)] = short_count.get(fold(short), 0) + 1

    def free(text, table_count):
        k = fold(text)
        return (table_count.get(k, 1) == 1 and k not in others
                and k not in common and k not in given)

    wikidata_for_curated = {}
    entities = []
    for r in sorted(rows, key=lambda r: int(r["partyfacts_id"])):
        qid = r["wikidata_id"].strip()
        if not re.fullmatch(r"Q[1-9][0-9]*", qid):
            continue
        iso2, cname = countries.get(r["country"], ("", r["country"]))
        name = r["name"].strip()
        base = base_name(name)
        cur = curated_party.get((iso2, fold(base)))
        if cur is not None:
            if wikidata_for_curated.get(cur, qid) != qid:
                wikidata_for_curated[cur] = None  # two candidates: no join
            else:
                wikidata_for_curated[cur] = qid
            continue
        aliases = []
        if free(base, name_count) and latin_words(base):
            display = base
        else:
            display = "%s (%s)" % (base, cname)
        short = r["_short"]
        if (short and LATIN_WORD.fullmatch(short) and letters(short) >= 3
                and free(short, short_count)):
            aliases.append(short)
        native = r["name_native"].strip()
        if (native and native[0].isupper() and latin_words(native)
                and letters(native) >= 4
                and fold(native) != fold(display)
                and free(native, name_count)):
            aliases.append(native)
        aliases = [a for i, a in enumerate(aliases)
                   if fold(a) != fold(display)
                   and fold(a) not in {fold(b) for b in aliases[:i]}]
        attrs = [("kind", "party")]
        if iso2:
            attrs.append(("country", iso2))
        attrs += [("wikidata", qid), ("source", "partyfacts")]
        entities.append({"id": "partyfacts:" + r["partyfacts_id"],
                         "type": "ORG", "name": display,
                         "aliases": aliases, "attrs": attrs})

    header = [
        "org-parties.tsv — political parties with Wikidata ids (Party Facts)",
        "Source: Party Facts (https://partyfacts.herokuapp.com/), "
        "hdigital/partyfactsdata import/wikipedia/wikidata.csv, MIT licence; "
        "the rows come from Wikidata (CC0).",
        "generated by scripts/import_parties.py — do not edit by hand",
        "A party whose name is ambiguous or a common word is named "
        "'Name (Country)' and matches no ordinary text.",
        TSV_COLUMNS,
    ]
    n, na = write_tsv(os.path.join(out, OUT_FILE), header, entities)
    sys.stderr.write("%s %6d entities %6d aliases\n" % (OUT_FILE, n, na))

    # the join into the curated file: only the wikidata= attribute changes
    path = os.path.join(out, "orgs.tsv")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    joined = 0
    for i, line in enumerate(lines):
        cols = line.split("\t")
        if line.startswith("#") or len(cols) != 5 or \
                "kind=party" not in cols[4].split(";"):
            continue
        qid = wikidata_for_curated.get(cols[0])
        attrs = [kv for kv in cols[4].split(";")
                 if kv and not kv.startswith("wikidata=")]
        if qid:
            at = next((j for j, kv in enumerate(attrs)
                       if kv.startswith("source=")), len(attrs))
            attrs.insert(at + 1, "wikidata=" + qid)
            joined += 1
        cols[4] = ";".join(attrs)
        lines[i] = "\t".join(cols)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))
    sys.stderr.write("orgs.tsv: wikidata= on %d curated parties\n" % joined)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
