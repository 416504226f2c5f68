//! What the built-in data alone finds: imported parties, countries and
//! athletes with their ids, given names from many languages, the
//! counts of `gazetteer stats`, clubs and companies.

use crate::util::{entx, json_lines, OkStdout};
use std::path::PathBuf;

fn extract(text: &str) -> serde_json::Value {
    let out = entx().arg("extract").write_stdin(text).ok_stdout();
    json_lines(&out).remove(0)
}

/// The mention whose text is `text`.
fn mention<'a>(
    doc: &'a serde_json::Value,
    text: &str,
) -> &'a serde_json::Value {
    doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == text)
        .unwrap_or_else(|| panic!("no mention {text:?} in {doc}"))
}

fn gazetteer_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("gazetteers").join(name)
}

#[test]
fn an_athlete_is_a_person() {
    let doc = extract("Kylian Mbappé scored twice against Spain.");
    let m = mention(&doc, "Kylian Mbappé");
    assert_eq!(m["type"], "PERSON");
    assert_eq!(m["entity"], "kylian-mbappe");
    // hand-curated people carry no Wikidata id: none is guessed
    assert!(m.get("wikidata").is_none(), "{m}");
}

#[test]
fn a_country_carries_its_wikidata_id() {
    // country-codes.csv: Germany, GeoNames 2921044, Wikidata Q183
    let doc = extract("Exports from Germany fell.");
    let m = mention(&doc, "Germany");
    assert_eq!(m["entity"], "geonames:2921044");
    assert_eq!(m["wikidata"], "Q183");
}

#[test]
fn a_party_carries_its_wikidata_id() {
    // partyfacts-wikidata.csv row: HUN, 42, Q633442, Jobbik
    let doc = extract("Jobbik lost votes in the election.");
    let m = mention(&doc, "Jobbik");
    assert_eq!(m["type"], "ORG");
    assert_eq!(m["entity"], "partyfacts:42");
    assert_eq!(m["wikidata"], "Q633442");
    // a curated party joined on name and country: Labour (GBR, Q9630)
    let doc = extract("The Labour Party won the vote.");
    assert_eq!(mention(&doc, "Labour Party")["wikidata"], "Q9630");
}

#[test]
fn given_names_from_many_languages_find_people() {
    // Pernilla (Swedish) and Hilde (Norwegian, German) are in the
    // lexicon; the family names are in no gazetteer.
    let doc = extract("Pernilla Wahlquist met Hilde Brekkestad on Monday.");
    for name in ["Pernilla Wahlquist", "Hilde Brekkestad"] {
        let m = mention(&doc, name);
        assert_eq!(m["type"], "PERSON");
        assert_eq!(m["via"], "rule:given-name");
    }
}

#[test]
fn carmakers_by_their_news_names() {
    let doc = extract(
        "Shares of GM, Ford Motor Co and Daimler rose 2 percent on Tuesday.",
    );
    assert_eq!(mention(&doc, "GM")["entity"], "general-motors");
    assert_eq!(mention(&doc, "Ford Motor Co")["entity"], "ford-motor-company");
    // Daimler AG was renamed Mercedes-Benz Group in 2022
    let m = mention(&doc, "Daimler");
    assert_eq!(m["type"], "ORG");
    assert_eq!(m["entity"], "mercedes-benz");
}

#[test]
fn stats_count_wikidata_ids_per_type() {
    let out =
        entx().args(["gazetteer", "stats", "--format", "json"]).ok_stdout();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let w = |k: &str| v["wikidata_by_type"][k].as_u64().unwrap();
    // 248 of the 252 countries are in country-codes.csv with an id; the
    // 4,063 Party Facts parties and 144 curated parties all have one.
    assert!(w("LOC") >= 240, "{v}");
    assert!(w("ORG") >= 4_000, "{v}");
    assert_eq!(w("PERSON"), 0, "{v}");
    assert_eq!(
        v["wikidata"].as_u64().unwrap(),
        v["wikidata_by_type"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum::<u64>()
    );
    let text = entx().args(["gazetteer", "stats"]).ok_stdout();
    let text = String::from_utf8(text).unwrap();
    assert!(text.lines().next().unwrap().ends_with("with a Wikidata id"));
}

#[test]
fn stats_count_parties_clubs_companies_and_given_names() {
    // The issue's floors: 4,000 parties, 2,500 sports clubs, 5,000
    // companies, 15,000 given names in the rules' lexicon; every party
    // from Party Facts has its id (a curated party may not).
    let out =
        entx().args(["gazetteer", "stats", "--format", "json"]).ok_stdout();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let kind = |k: &str| v["by_kind"][k].as_u64().unwrap();
    assert!(kind("party") >= 4_000, "{v}");
    assert!(kind("sports") >= 2_500, "{v}");
    assert!(kind("company") >= 5_000, "{v}");
    assert!(v["wikidata_by_kind"]["party"].as_u64().unwrap() >= 4_063);
    assert!(v["lexicon_given_names"].as_u64().unwrap() >= 15_000, "{v}");
    let text = entx().args(["gazetteer", "stats"]).ok_stdout();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("\nby kind (the kind= attribute):\n"), "{text}");
    assert!(text.trim_end().ends_with(" given names"), "{text}");
}

#[test]
fn stats_count_no_wikidata_in_a_gazetteer_without_ids() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.tsv");
    std::fs::write(
        &g,
        "a\tORG\tAlpha Corp\t\twikidata=Q1\nb\tORG\tBeta\t\t\n",
    )
    .unwrap();
    let out = entx()
        .args(["gazetteer", "stats", "--format", "json", "--no-builtin", "-g"])
        .arg(&g)
        .ok_stdout();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["wikidata"], 1);
    assert_eq!(v["wikidata_by_type"], serde_json::json!({"ORG": 1}));
}

#[test]
fn the_built_in_clubs_are_found_by_their_news_names() {
    // openfootball's Udinese Calcio (one word: in a result only) and
    // Saint Mirren FC (St Mirren, anywhere)
    let out = entx()
        .arg("extract")
        .write_stdin("Udinese drew with St Mirren in a friendly.")
        .ok_stdout();
    let doc = json_lines(&out).remove(0);
    assert_eq!(mention(&doc, "Udinese")["entity"], "club:it-udinese-calcio");
    assert_eq!(
        mention(&doc, "St Mirren")["entity"],
        "club:gb-saint-mirren-fc"
    );
}

#[test]
fn the_built_in_companies_include_listed_companies() {
    // the SEC's "KEYCORP /NEW/" (CIK 91576), written "Keycorp"; the
    // matcher lets text be more capitalized than the alias
    let out = entx()
        .arg("extract")
        .write_stdin("KeyCorp reported results on Tuesday.")
        .ok_stdout();
    let doc = json_lines(&out).remove(0);
    let m = mention(&doc, "KeyCorp");
    assert_eq!(m["type"], "ORG");
    assert_eq!(m["entity"], "sec:91576");
}

#[test]
fn the_opt_in_files_lint_clean_with_the_builtin_ones() {
    // no duplicate id and no new warning: linted together with the files
    // of builtin.list, the opt-in file adds no finding at all
    let list =
        std::fs::read_to_string(gazetteer_file("builtin.list")).unwrap();
    let builtin: Vec<PathBuf> = list
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| gazetteer_file(l.trim()))
        .collect();
    let summary = |extra: &[&str]| {
        let out = entx()
            .args(["gazetteer", "lint"])
            .args(&builtin)
            .args(extra.iter().copied().map(gazetteer_file))
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        out.lines().last().unwrap().split_once(": ").unwrap().1.to_string()
    };
    let alone = summary(&[]);
    assert!(alone.starts_with("0 errors"), "{alone}");
    let with = summary(&["org-markets.tsv"]);
    assert_eq!(with, alone);
}

#[test]
fn the_issue_examples_from_public_data() {
    // Clubs (openfootball; the Colts in a result), companies by their
    // news short forms, given names from many languages, a family name
    // written first, today's athletes.
    let text = "Everton drew with Udinese while St Mirren lost.\n\
                The Colts beat the Steelers 24-17.\n\
                GM and Daimler shares rose.\n\
                Pernilla Wiberg and Hilde Gerg skied.\n\
                Chinese official Gong Zhichao spoke.\n\
                Erling Haaland and Coco Gauff won.";
    let out = entx().arg("extract").write_stdin(text).ok_stdout();
    let doc = json_lines(&out).remove(0);
    for (name, kind, entity) in [
        ("Everton", "ORG", Some("everton-fc")),
        ("Udinese", "ORG", Some("club:it-udinese-calcio")),
        ("St Mirren", "ORG", Some("club:gb-saint-mirren-fc")),
        ("Colts", "ORG", Some("indianapolis-colts")),
        ("Steelers", "ORG", Some("pittsburgh-steelers")),
        ("GM", "ORG", Some("general-motors")),
        ("Daimler", "ORG", Some("mercedes-benz")),
        ("Pernilla Wiberg", "PERSON", None),
        ("Hilde Gerg", "PERSON", None),
        ("Gong Zhichao", "PERSON", None),
        ("Erling Haaland", "PERSON", Some("erling-haaland")),
        ("Coco Gauff", "PERSON", Some("coco-gauff")),
    ] {
        let m = mention(&doc, name);
        assert_eq!(m["type"], kind, "{name}");
        assert_eq!(m["entity"].as_str(), entity, "{name}");
    }
}
