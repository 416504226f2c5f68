#!/usr/bin/env python3
"""Build entx's football-club gazetteer from openfootball/clubs.

Usage (from the repository root):

    python3 scripts/import_clubs.py [../shared/data/public/openfootball-clubs] \\
        [gazetteers/]

Reads every ``*.clubs.txt`` file of an openfootball/clubs tree (CC0 1.0) and
writes two files into the gazetteer directory:

    org-clubs.tsv              one ORG per club, with the aliases that no
                               other built-in entity uses (built in)
    org-clubs-sports-only.tsv  the aliases of those clubs that name them
                               only in sports text: place names
                               (Liverpool, Chelsea, Bologna) and single
                               words (Celtic, Bohemian, IMT): rows with
                               the same ids and ``context=sports``, which
                               extend the entities of org-clubs.tsv (both
                               built in, this one after the places).

openfootball's format: a club line ``Name[ | Alt], year, @ stadium, city
## comment``; the following indented ``| Alt | Alt`` lines give alternative
names (a trailing ``[de]`` marks another language's form: only ``[en]`` and
untagged names are taken); indented lines without ``|`` are addresses;
``ii)`` lines are reserve teams (left out); a club whose name carries its
years, "NK Primorje (1924-2011)", no longer exists and is left out (today's
news does not name it, and its short name is mostly a place now); ``#`` starts a comment; ``=``
lines are headings.  The country is the file's prefix (eng, sco, wal and nir
are GB; kos is XK).

Entities: id ``club:<cc>-<slug of name>``, type ORG, attributes
``kind=sports;sport=football;country=<CC>;source=openfootball`` (the
place-name rows carry ``context=sports``: their aliases name the club only
in a document about sports, which rule ``sports-context`` decides).  No Wikidata ids (the
source has none).  Alias rules, so that a club never takes a word or another
entity's name:

* an alias has >= 3 letters and is not only digits;
* a form used by two clubs (Rangers, United, City) is dropped from both,
  unless it is the name or short form of one of them (Everton FC's
  "Everton" is an alternative name of Everton de Viña del Mar too);
* a form with characters other than letters, digits, spaces and . ' & -
  is dropped (openfootball's ``$$sponsor$$`` markup);
* a form that is a common English word (common-words.txt: Van, Hall,
  Institute) is dropped;
* a one-word form that is a family name in English-language locales of
  Faker (FAKER_DIR: an unpacked wheel of the PyPI package Faker, MIT;
  Charlton, Hall) is dropped: in English news it is a person more often;
* a form that is a given name is dropped, except the club's own name with
  its football suffix (FC, AFC, CF ...) removed (Everton, Chelsea), which is
  kept with ``case=strict`` on the entity;
* a form that is an alias of a non-ORG built-in entity (a place, person or
  group) goes to org-clubs-sports-only.tsv only when that entity is a place
  and the form is not a common English word (Colón, Brusque);
* any other one-word form (Celtic, Bohemian, Juventus, IMT) goes to
  org-clubs-sports-only.tsv too: a single word is an adjective, a surname,
  a foreign word or an acronym as often as a club outside sports text,
  while "Celtic FC" or "Hansa Rostock" is the club anywhere;
* a form that is already an alias of another built-in ORG (the curated
  clubs of orgs.tsv) is dropped; the club then records ``same_as=<that
  id>`` when that ORG is a sports organisation of the same country, and
  when there is exactly one such ORG its sports-only aliases extend that
  entity instead (Chelsea names Chelsea FC of orgs.tsv);
* a club whose name itself is taken (a place, a curated entity) or is one
  word is named "<name> (football club)", which matches no ordinary text.

Output is deterministic (files and clubs in sorted order).  Standard library
only.
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gazetteer_data import (  # noqa: E402
    lexicon_path,
    faker_names, fold, letters, read_gazetteer, read_word_list, slug,
    surface_forms, write_tsv, TSV_COLUMNS)

OUT_FILE = "org-clubs.tsv"
PLACE_FILE = "org-clubs-sports-only.tsv"
COUNTRY_OF_PREFIX = {"eng": "GB", "sco": "GB", "wal": "GB", "nir": "GB",
                     "kos": "XK"}
# Words that say "football club" in a club's name; removing them gives the
# short form news uses ("Arsenal FC" -> "Arsenal").
FOOTBALL_WORDS = {"fc", "afc", "cf", "sc", "fk", "sk", "ac", "cd", "ca",
                  "sv", "nk", "bk", "if", "ik", "ff", "kv", "rc", "vfb",
                  "vfl", "tsv", "tsg", "fsv", "ssv", "ud", "sd", "rcd",
                  "club", "football", "de", "futbol", "fútbol"}
CLEAN = re.compile(r"[\w .'&\-]+")
DEFUNCT = re.compile(r"\((1[89]|20)[0-9]{2}\s*[-–]\s*(1[89]|20)[0-9]{2}\)")
LANG_TAG = re.compile(r"\s*\[([a-z]{2})\]\s*$")


def parse_file(path):
    """[(name, [alternative names])] of one *.clubs.txt file."""
    clubs = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            line = line.split("#", 1)[0].rstrip()
            if not line.strip() or line.startswith("="):
                continue
            if line[0].isspace():
                body = line.strip()
                if body.startswith("|") and clubs and clubs[-1]:
                    clubs[-1][1].extend(alternatives(body))
                continue
            if re.match(r"^[ivx]+\)", line):
                continue
            first = line.split(",", 1)[0]
            if DEFUNCT.search(first):
                clubs.append(None)  # its "|" lines follow: skip them too
                continue
            names = alternatives(first)
            if names:
                clubs.append((names[0], names[1:]))
    return [c for c in clubs if c]


def alternatives(text):
    out = []
    for part in text.split("|"):
        m = LANG_TAG.search(part)
        if m:
            if m.group(1) != "en":
                continue
            part = part[:m.start()]
        part = " ".join(part.split())
        if part:
            out.append(part)
    return out


def short_form(name):
    words = name.split()
    kept = [w for w in words if fold(w).strip(".") not in FOOTBALL_WORDS]
    return " ".join(kept) if kept and len(kept) < len(words) else None


def main(argv):
    args = argv[1:]
    if not 2 <= len(args) <= 3:
        sys.stderr.write(__doc__)
        return 2
    src, faker_dir = args[0], args[1]
    out = args[2] if len(args) == 3 else "gazetteers"
    surnames = {fold(n) for loc, n in faker_names(faker_dir, ("last_name",))
                if loc.startswith("en") and " " not in n}
    files = []
    for root, dirs, names in os.walk(src):
        dirs.sort()
        files += [os.path.join(root, n) for n in names
                  if n.endswith(".clubs.txt")]
    files.sort()
    common = read_word_list(os.path.join(out, "common-words.txt"))
    given = read_word_list(lexicon_path(out, "given-names.txt"))
    others = surface_forms(out)
    org_attrs, org_names = {}, {}
    for name in ("orgs.tsv",):
        for eid, kind, n, _, attrs in read_gazetteer(os.path.join(out, name)):
            org_attrs[eid] = attrs
            org_names[eid] = n

    clubs = []
    for path in files:
        prefix = os.path.basename(path).split(".")[0]
        cc = COUNTRY_OF_PREFIX.get(prefix, prefix.upper())
        for name, alts in parse_file(path):
            clubs.append((cc, name, alts))
    owners, primary = {}, {}
    for i, (cc, name, alts) in enumerate(clubs):
        short = short_form(name)
        for f in [name] + alts + ([short] if short else []):
            owners.setdefault(fold(f), set()).add(i)
        for f in [name] + ([short] if short else []):
            primary.setdefault(fold(f), set()).add(i)

    entities, place_rows, ids = [], [], set()
    for i, (cc, name, alts) in enumerate(clubs):
        short = short_form(name)
        forms = [name] + alts + ([short] if short else [])
        kept, places, same_as, strict = [], [], set(), False
        for f in forms:
            k = fold(f)
            if letters(f) < 3 or f.replace(" ", "").isdigit() or \
                    not CLEAN.fullmatch(f):
                continue
            if len(owners[k]) > 1 and primary.get(k) != {i}:
                continue
            if k in others:
                kinds = others[k]
                if any(t == "LOC" for t, _ in kinds) and all(
                        t != "ORG" for t, _ in kinds) and k not in common:
                    places.append(f)
                for t, eid in kinds:
                    a = org_attrs.get(eid, {})
                    if t == "ORG" and a.get("kind") == "sports" and \
                            a.get("country") == cc:
                        same_as.add(eid)
                continue
            if k in common or (" " not in k and k in surnames):
                continue
            if k in given:
                if f == short and f[0].isupper():
                    strict = True
                else:
                    continue
            kept.append(f)
        places += [f for f in kept if " " not in f.strip()]
        kept = [f for f in kept if " " in f.strip()]
        seen = set()
        kept = [f for f in kept if not (fold(f) in seen or seen.add(fold(f)))]
        places = [f for f in places
                  if not (fold(f) in seen or seen.add(fold(f)))]
        if not kept and not places:
            continue
        base = "club:%s-%s" % (cc.lower(), slug(name))
        eid, n = base, 2
        while eid in ids:
            eid, n = "%s-%d" % (base, n), n + 1
        ids.add(eid)
        if kept and kept[0] == name:
            display, aliases = name, kept[1:]
        else:
            display, aliases = "%s (football club)" % name, kept
        attrs = [("kind", "sports"), ("sport", "football"),
                 ("country", cc)]
        if strict:
            attrs.append(("case", "strict"))
        if same_as:
            attrs.append(("same_as", ",".join(sorted(same_as))))
        attrs.append(("source", "openfootball"))
        entities.append({"id": eid, "type": "ORG", "name": display,
                         "aliases": aliases, "attrs": attrs})
        if places:
            # The curated club, when there is exactly one, takes them: the
            # news' "Chelsea" is Chelsea FC of orgs.tsv.
            if len(same_as) == 1:
                (to,) = same_as
                row = {"id": to, "name": org_names[to]}
            else:
                row = {"id": eid, "name": display}
            place_rows.append(dict(row, type="ORG", aliases=places,
                                   attrs=[("context", "sports")]))

    # Two clubs may extend the same curated entity: one row each entity.
    merged = {}
    for row in place_rows:
        have = merged.setdefault(row["id"], dict(row, aliases=[]))
        for f in row["aliases"]:
            if all(fold(f) != fold(g) for g in have["aliases"]):
                have["aliases"].append(f)
    place_rows = list(merged.values())

    head = ("Source: openfootball/clubs (https://github.com/openfootball/"
            "clubs), CC0 1.0 (public domain dedication).")
    n, na = write_tsv(os.path.join(out, OUT_FILE), [
        "org-clubs.tsv — football clubs (openfootball/clubs)", head,
        "generated by scripts/import_clubs.py — do not edit by hand",
        "Aliases that name a club in sports text only (places, single "
        "words) are in org-clubs-sports-only.tsv.",
        TSV_COLUMNS], entities)
    sys.stderr.write("%s %6d entities %6d aliases\n" % (OUT_FILE, n, na))
    n, na = write_tsv(os.path.join(out, PLACE_FILE), [
        "org-clubs-sports-only.tsv — football clubs' aliases that name "
        "them in sports text only (openfootball/clubs)", head,
        "generated by scripts/import_clubs.py — do not edit by hand",
        "Rows extend the entities of org-clubs.tsv (same ids); "
        "context=sports: their aliases name the club in sports text only.",
        TSV_COLUMNS], place_rows)
    sys.stderr.write("%s %6d entities %6d aliases\n" % (PLACE_FILE, n, na))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
