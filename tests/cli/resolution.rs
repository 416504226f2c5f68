//! Document-level resolution through the real binary: the examples of the
//! issue "Document-level resolution", each worked out by hand.

use crate::util::{entx, json_lines, OkStdout};

/// A temporary gazetteer file.
fn gazetteer(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".tsv").tempfile().unwrap();
    std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
    f
}

#[test]
fn propagation_keeps_the_id() {
    let gaz = gazetteer("huang\tPERSON\tJensen Huang\t\twikidata=Q123\n");
    // "Nvidia chief executive " is 23 bytes: "Jensen Huang" is 23..35;
    // " spoke. " takes it to 43: "Huang" is 43..48.
    let out = entx()
        .args(["extract", "--no-builtin", "-g"])
        .arg(gaz.path())
        .write_stdin("Nvidia chief executive Jensen Huang spoke. Huang said.")
        .ok_stdout();
    let doc = &json_lines(&out)[0];
    let m = &doc["mentions"];
    assert_eq!(m.as_array().unwrap().len(), 2, "{doc}");
    assert_eq!(
        (m[0]["start"].as_u64(), m[0]["end"].as_u64()),
        (Some(23), Some(35))
    );
    assert_eq!(m[0]["via"], "gazetteer");
    assert_eq!(
        (m[1]["start"].as_u64(), m[1]["end"].as_u64()),
        (Some(43), Some(48))
    );
    assert_eq!(m[1]["text"], "Huang");
    assert_eq!(m[1]["via"], "rule:propagation");
    assert_eq!(m[1]["entity"], "huang");
    assert_eq!(m[1]["wikidata"], "Q123");
    assert_eq!(m[1]["name"], "Jensen Huang");
    // One row for the one man, counting both mentions.
    let rows = doc["entities"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{doc}");
    assert_eq!(rows[0]["entity"], "huang");
    assert_eq!(rows[0]["count"], 2);
    assert_eq!(rows[0]["first"], 23);
}

#[test]
fn a_title_trimmed_from_a_gazetteer_person_keeps_the_id() {
    let gaz = gazetteer("sihanouk\tPERSON\tKing Norodom Sihanouk\t\t\n");
    // "King " is 5 bytes: the name without the title is 5..21.
    let out = entx()
        .args(["extract", "--no-builtin", "-g"])
        .arg(gaz.path())
        .write_stdin("King Norodom Sihanouk spoke.")
        .ok_stdout();
    let doc = &json_lines(&out)[0];
    let m = &doc["mentions"][0];
    assert_eq!((m["start"].as_u64(), m["end"].as_u64()), (Some(5), Some(21)));
    assert_eq!(m["via"], "rule:title");
    assert_eq!(m["entity"], "sihanouk");
    assert_eq!(m["name"], "King Norodom Sihanouk");
}
