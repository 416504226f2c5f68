"""Unit tests of the gazetteer importers' rules (scripts/import_*.py), on
small inputs written here: run with

    python3 -m unittest discover -s scripts -p 'test_*.py'

Standard library only, like the importers.  Expected values are worked out
by hand from the rules in each importer's docstring.
"""

import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gazetteer_data  # noqa: E402
import import_clubs  # noqa: E402
import import_companies  # noqa: E402
import import_given_names  # noqa: E402
import import_parties  # noqa: E402


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def tsv_rows(path):
    return [(e, k, n, a, at) for e, k, n, a, at in
            gazetteer_data.read_gazetteer(path)]


class GazetteerDir:
    """A tiny built-in gazetteer: one city, one curated party, a word list
    and a given-name list."""

    def __init__(self, tmp):
        self.dir = tmp
        write(os.path.join(tmp, "builtin.list"),
              "# test\nloc-cities.tsv\norgs.tsv\n")
        write(os.path.join(tmp, "loc-cities.tsv"),
              "geonames:1\tLOC\tLiverpool\t\tpriority=10\n")
        write(os.path.join(tmp, "orgs.tsv"),
              "# curated\nlabour\tORG\tLabour Party\tLabour\t"
              "source=curated;kind=party;country=GB\n")
        write(os.path.join(tmp, "common-words.txt"),
              "# words\nvoice\ntarget\nvan\n")
        write(os.path.join(tmp, "given-names.txt"),
              "# names\nJohn\nEverton\n")


class FoldTest(unittest.TestCase):
    def test_folds_case_diacritics_hyphens_and_letters(self):
        self.assertEqual(gazetteer_data.fold("Mbappé"), "mbappe")
        self.assertEqual(gazetteer_data.fold("Jean-Luc"), "jean luc")
        self.assertEqual(gazetteer_data.fold("Uđi"), "udi")
        self.assertEqual(gazetteer_data.fold("D’Angelo"), "d'angelo")

    def test_slug(self):
        self.assertEqual(gazetteer_data.slug("Saint Mirren FC"),
                         "saint-mirren-fc")
        self.assertEqual(gazetteer_data.slug("İstanbul Başakşehir"),
                         "istanbul-basaksehir")


class CompanyFormsTest(unittest.TestCase):
    def setUp(self):
        import_companies.COMMON.update({"oil", "new"})

    def test_legal_forms_and_group_words(self):
        self.assertEqual(import_companies.forms_of("MICROSOFT CORP"),
                         ("Microsoft Corp", "Microsoft", "Microsoft"))
        self.assertEqual(
            import_companies.forms_of("Alibaba Group Holding Ltd"),
            ("Alibaba Group Holding Ltd", "Alibaba Group Holding",
             "Alibaba"))
        self.assertEqual(import_companies.forms_of("BANK OF AMERICA CORP /DE/"),
                         ("Bank of America Corp", "Bank of America",
                          "Bank of America"))

    def test_short_acronym_words_keep_capitals(self):
        self.assertEqual(import_companies.forms_of("KLA CORP")[1], "KLA")

    def test_initials(self):
        self.assertEqual(import_companies.initials("Advanced Micro Devices"),
                         "AMD")
        self.assertEqual(import_companies.initials("Bank of America"), "BA")

    def test_import(self):
        with tempfile.TemporaryDirectory() as tmp:
            g = GazetteerDir(tmp)
            faker = os.path.join(tmp, "faker")
            person = os.path.join(faker, "faker", "providers", "person",
                                  "en_US")
            os.makedirs(person)
            write(os.path.join(person, "__init__.py"),
                  "class Provider:\n    last_names = ('Williams',)\n")
            data = {
                "0": {"cik_str": 2488, "ticker": "AMD",
                      "title": "ADVANCED MICRO DEVICES INC"},
                "1": {"cik_str": 27419, "ticker": "TGT",
                      "title": "TARGET CORP"},
                "2": {"cik_str": 107263, "ticker": "WMB",
                      "title": "WILLIAMS COMPANIES INC"},
                "3": {"cik_str": 1, "ticker": "XFND",
                      "title": "Example Income Fund"},
                "4": {"cik_str": 2488, "ticker": "AMD2",
                      "title": "ADVANCED MICRO DEVICES INC"},
            }
            src = os.path.join(tmp, "tickers.json")
            write(src, json.dumps(data))
            self.assertEqual(import_companies.main(
                ["x", src, faker, g.dir]), 0)
            rows = tsv_rows(os.path.join(tmp, "org-companies.tsv"))
            by_id = {r[0]: r for r in rows}
            self.assertEqual(sorted(by_id), ["sec:107263", "sec:2488",
                                             "sec:27419"])
            amd = by_id["sec:2488"]
            self.assertEqual(amd[2], "Advanced Micro Devices")
            self.assertEqual(amd[3], ["Advanced Micro Devices Inc", "AMD"])
            self.assertEqual(amd[4]["ticker"], "AMD")
            # "Target" is a common word, "Williams" a family name: only the
            # forms with the legal form stay, under a name that matches
            # nothing
            self.assertEqual(by_id["sec:27419"][2], "Target (company)")
            self.assertEqual(by_id["sec:27419"][3], ["Target Corp"])
            self.assertEqual(by_id["sec:107263"][3], ["Williams Companies Inc"])


class PartiesTest(unittest.TestCase):
    def test_import(self):
        with tempfile.TemporaryDirectory() as tmp:
            g = GazetteerDir(tmp)
            codes = os.path.join(tmp, "codes.csv")
            write(codes, "ISO3166-1-Alpha-3,ISO3166-1-Alpha-2,"
                         "CLDR display name,official_name_en\n"
                         "GBR,GB,UK,United Kingdom\nCZE,CZ,Czechia,Czechia\n"
                         "HUN,HU,Hungary,Hungary\nNOR,NO,Norway,Norway\n"
                         "SWE,SE,Sweden,Sweden\n")
            src = os.path.join(tmp, "pf.csv")
            write(src, "country,partyfacts_id,wikidata_id,name,name_short,"
                       "name_native\n"
                       "GBR,1,Q9630,Labour Party,Lab,\n"
                       "HUN,42,Q633442,Jobbik,Jobbik/English,\n"
                       "CZE,7,Q62029792,Voice,Hlas,\n"
                       "NOR,9,Q500190,Liberal Party,V,Venstre\n"
                       "SWE,10,Q123,Liberal Party,L,\n")
            self.assertEqual(import_parties.main(["x", src, codes, g.dir]), 0)
            rows = {r[0]: r for r in tsv_rows(
                os.path.join(tmp, "org-parties.tsv"))}
            self.assertNotIn("partyfacts:1", rows)  # the curated Labour
            self.assertEqual(rows["partyfacts:42"][2], "Jobbik")
            self.assertEqual(rows["partyfacts:42"][4]["wikidata"], "Q633442")
            # a common word and a shared name match no ordinary text
            self.assertEqual(rows["partyfacts:7"][2], "Voice (Czechia)")
            self.assertEqual(rows["partyfacts:7"][3], ["Hlas"])
            self.assertEqual(rows["partyfacts:9"][2], "Liberal Party (Norway)")
            self.assertEqual(rows["partyfacts:9"][3], ["Venstre"])
            curated = tsv_rows(os.path.join(tmp, "orgs.tsv"))
            self.assertEqual(curated[0][4]["wikidata"], "Q9630")
            # a rerun gives the same bytes
            with open(os.path.join(tmp, "orgs.tsv"), "rb") as f:
                before = f.read()
            import_parties.main(["x", src, codes, g.dir])
            with open(os.path.join(tmp, "orgs.tsv"), "rb") as f:
                self.assertEqual(f.read(), before)


class ClubsTest(unittest.TestCase):
    def test_import(self):
        with tempfile.TemporaryDirectory() as tmp:
            g = GazetteerDir(tmp)
            src = os.path.join(tmp, "clubs", "europe", "england")
            os.makedirs(src)
            write(os.path.join(src, "eng.clubs.txt"),
                  "= England\n\n"
                  "Everton FC, 1878, @ Goodison Park, Liverpool\n"
                  "  | Everton | FC Everton\n"
                  "Liverpool FC, 1892, Liverpool  ## Anfield\n"
                  "  | Liverpool | Liverpool Football Club\n"
                  "Vanity FC (1900-1950), Nowhere\n"
                  "  | Vanity\n"
                  "Van FC, Nowhere\n"
                  "  | FC Van Town [de]\n")
            faker = os.path.join(tmp, "faker", "faker", "providers",
                                 "person", "en_US")
            os.makedirs(faker)
            write(os.path.join(faker, "__init__.py"),
                  "class Provider:\n    last_names = ('Smith',)\n")
            self.assertEqual(import_clubs.main(
                ["x", os.path.join(tmp, "clubs"),
                 os.path.join(tmp, "faker"), g.dir]), 0)
            rows = {r[0]: r for r in tsv_rows(
                os.path.join(tmp, "org-clubs.tsv"))}
            self.assertEqual(sorted(rows), ["club:gb-everton-fc",
                                            "club:gb-liverpool-fc",
                                            "club:gb-van-fc"])
            ev = rows["club:gb-everton-fc"]
            # Everton is a given name: kept as the short name, case=strict;
            # a single word, it names the club in sports text only
            self.assertEqual(ev[3], ["FC Everton"])
            self.assertEqual(ev[4]["case"], "strict")
            # Its own names need no sports context; the place names do.
            self.assertNotIn("context", ev[4])
            # "Van" is a common word, "FC Van Town" another language's form
            self.assertEqual(rows["club:gb-van-fc"][3], [])
            places = tsv_rows(os.path.join(tmp, "org-clubs-sports-only.tsv"))
            self.assertEqual([(r[0], r[3]) for r in places],
                             [("club:gb-everton-fc", ["Everton"]),
                              ("club:gb-liverpool-fc", ["Liverpool"])])
            self.assertEqual(places[1][4], {"context": "sports"})


class GivenNamesTest(unittest.TestCase):
    def test_well_formed(self):
        ok = import_given_names.well_formed
        self.assertTrue(ok("Pernilla"))
        self.assertTrue(ok("Jean-Luc"))
        self.assertTrue(ok("Þorleifur"))
        self.assertFalse(ok("Al"))  # two letters
        self.assertFalse(ok("McDonald"))
        self.assertFalse(ok("Mary Ann"))
        self.assertFalse(ok("ひろし"))

    def test_import_keeps_the_hand_part(self):
        with tempfile.TemporaryDirectory() as tmp:
            g = GazetteerDir(tmp)
            person = os.path.join(tmp, "f", "faker", "providers", "person")
            for loc, body in (
                    ("sv_SE", "first_names = ('Pernilla', 'John', 'Van')\n"),
                    ("en_US", "first_names_female = {'Liverpool': 1.0, "
                              "'Hilde': 0.5, 'Jackson': 0.1}\n"
                              "last_names = ('Jackson',)\n")):
                os.makedirs(os.path.join(person, loc))
                write(os.path.join(person, loc, "__init__.py"),
                      "class Provider:\n    " + body.replace("\n", "\n    "))
            path = os.path.join(tmp, "given-names.txt")
            with open(path, encoding="utf-8") as f:
                hand = f.read()
            for _ in range(2):  # a rerun gives the same file
                self.assertEqual(import_given_names.main(
                    ["x", os.path.join(tmp, "f"), g.dir]), 0)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                self.assertEqual(
                    text, hand.rstrip("\n") + "\n\n"
                    + import_given_names.GENERATED_MARK
                    + "\nHilde\nPernilla\n")


if __name__ == "__main__":
    unittest.main()
