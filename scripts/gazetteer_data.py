"""Helpers shared by the gazetteer importers (scripts/import_*.py).

Why a module: every importer must fold names the way entx does, know which
surface forms the rest of the built-in gazetteer already uses (so an import
never steals a place's or a person's alias) and write the same TSV format
byte for byte reproducibly.  Python 3 standard library only.
"""

import ast
import os
import unicodedata

APOSTROPHES = "’‘ʼ`´"
# Letters that NFKD leaves alone but the matcher reads as plain Latin ones.
LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o",
                         "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "ß": "ss",
                         "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                         "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H"})

TSV_COLUMNS = "columns: id<TAB>type<TAB>name<TAB>aliases<TAB>attributes"


def fold(s):
    """Case-, diacritic-, apostrophe- and hyphen-insensitive key (the
    matcher folds the same way, so two aliases with one key are one alias)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.translate(LETTERS)
    for a in APOSTROPHES:
        s = s.replace(a, "'")
    s = s.lower().replace("-", " ")
    return " ".join(s.split())


def letters(s):
    return sum(1 for c in s if c.isalpha())


def slug(s):
    """A readable ASCII id part: "Tottenham Hotspur" -> "tottenham-hotspur"."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    out, dash = [], False
    for c in s.lower():
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def lexicon_path(gaz_dir, name):
    """The rule lexicon file `name` (given-names.txt ...): under
    `lexicon/` where the rules keep their word lists, else beside the
    gazetteers (the older layout)."""
    nested = os.path.join(gaz_dir, "lexicon", name)
    return nested if os.path.exists(nested) else os.path.join(gaz_dir, name)


def read_word_list(path):
    """One entry a line, `#` comments; markers `?`/`*` after a name dropped."""
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            words.add(fold(line.rstrip("?*")))
    return words


def read_gazetteer(path):
    """Rows of a TSV gazetteer as (id, type, name, [aliases], {attrs})."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            cols += [""] * (5 - len(cols))
            attrs = dict(kv.split("=", 1) for kv in cols[4].split(";")
                         if "=" in kv)
            aliases = [a for a in cols[3].split("|") if a]
            rows.append((cols[0], cols[1], cols[2], aliases, attrs))
    return rows


def builtin_files(gaz_dir):
    with open(os.path.join(gaz_dir, "builtin.list"), encoding="utf-8") as f:
        return [line.strip() for line in f
                if line.strip() and not line.startswith("#")]


# The outputs of the importers: no importer reads another's (nor its own)
# output, so each gives the same bytes whatever the order they are run in.
IMPORTED = {"org-parties.tsv", "org-clubs.tsv", "org-clubs-sports-only.tsv",
            "org-companies.tsv"}


def surface_forms(gaz_dir):
    """fold(alias) -> {(type, id)} over the built-in files that no importer
    of this family writes (curated files and the GeoNames import)."""
    forms = {}
    for name in builtin_files(gaz_dir):
        if name in IMPORTED or not name.endswith(".tsv"):
            continue
        for eid, kind, ename, aliases, _ in read_gazetteer(
                os.path.join(gaz_dir, name)):
            for a in [ename] + aliases:
                forms.setdefault(fold(a), set()).add((kind, eid))
    return forms


def write_tsv(path, header, entities):
    """entities: dicts with id, type, name, aliases, attrs [(k, v)], in the
    order given (callers sort).  Returns (entities, aliases)."""
    lines = ["# " + h for h in header]
    seen = set()
    for e in entities:
        assert e["id"] not in seen, e["id"]
        seen.add(e["id"])
        for a in [e["name"]] + e["aliases"]:
            assert a and a == a.strip() and not set(a) & set("|\t\n"), a
        attrs = ";".join("%s=%s" % kv for kv in e["attrs"])
        assert "\t" not in attrs and "\n" not in attrs, attrs
        lines.append("\t".join([e["id"], e["type"], e["name"],
                                "|".join(e["aliases"]), attrs]))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    return len(entities), sum(len(e["aliases"]) for e in entities)


def faker_names(faker_dir, prefixes):
    """Every string assigned, in any locale's person Provider of an unpacked
    Faker wheel (MIT), to a name starting with one of `prefixes`
    ("first_name", "last_name" ...).  The files are parsed with `ast`,
    never imported.  Returns [(locale, string)] in file order."""
    person = os.path.join(faker_dir, "faker", "providers", "person")
    out = []
    for loc in sorted(os.listdir(person)):
        path = os.path.join(person, loc, "__init__.py")
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), filename=path)
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Assign, ast.AnnAssign)):
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [
                node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if not any(n.startswith(tuple(prefixes)) for n in names):
                continue
            for sub in ast.walk(node.value):
                if isinstance(sub, ast.Constant) and isinstance(sub.value,
                                                                str):
                    out.append((loc, sub.value.strip()))
    return out


def faker_surnames(faker_dir):
    """Folded single-word family names of Faker's locales."""
    return {fold(s) for _, s in faker_names(faker_dir, ("last_name",))
            if s and " " not in s.strip()}
