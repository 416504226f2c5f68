use crate::util::{entx, fixture, json_lines, mentions, OkStdout};

#[test]
fn reference_article_matches_hand_annotation() {
    // The expected file was derived from the human annotation in
    // ../shared/gold (spans and types), ids mapped by hand. It is in
    // `entx check`'s snapshot format (positions as LINE:COL), to which
    // to_snapshot converts extract's output, checking that each mention's
    // offsets read its text (a mention whose offsets do not keeps them,
    // and then differs).
    let out = entx()
        .current_dir(fixture("articles"))
        .args(["extract", "--pretty", "soleimani-anniversary.txt"])
        .ok_stdout();
    let text =
        std::fs::read_to_string(fixture("articles/soleimani-anniversary.txt"))
            .unwrap();
    let got: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let got = entx::snapshot::to_snapshot(&got, &text);
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture(
            "articles/soleimani-anniversary.expected.json",
        ))
        .unwrap(),
    )
    .unwrap();
    let (g, w) = (
        got["mentions"].as_array().unwrap(),
        want["mentions"].as_array().unwrap(),
    );
    for (a, b) in g.iter().zip(w) {
        assert_eq!(a, b);
    }
    assert_eq!(g.len(), w.len());
    assert_eq!(got, want);
}

#[test]
fn stdin_is_one_article_with_id_dash() {
    let out = entx()
        .arg("extract")
        .write_stdin("Strike in Baghdad, Iraq.")
        .ok_stdout();
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["id"], "-");
    let m = &docs[0]["mentions"][0];
    assert_eq!(m["start"], 10);
    assert_eq!(m["end"], 17);
    assert_eq!(m["byte_start"], 10);
    assert_eq!(m["text"], "Baghdad");
    assert_eq!(m["via"], "gazetteer");
    assert_eq!(docs[0]["entities"][1]["entity"], "geonames:99237");
    assert_eq!(docs[0]["entities"][1]["first"], 19);
}

#[test]
fn several_files_in_order_and_dash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Iraq").unwrap();
    std::fs::write(dir.path().join("b.txt"), "Iran").unwrap();
    let out = entx()
        .current_dir(dir.path())
        .args(["extract", "b.txt", "-", "a.txt"])
        .write_stdin("Israel")
        .ok_stdout();
    let ids: Vec<String> = json_lines(&out)
        .iter()
        .map(|d| {
            format!(
                "{}={}",
                d["id"].as_str().unwrap(),
                d["mentions"][0]["text"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(ids, ["b.txt=Iran", "-=Israel", "a.txt=Iraq"]);
}

#[test]
fn user_gazetteer_without_builtin() {
    let out = entx()
        .args(["extract", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/small.tsv"))
        .write_stdin("Ms Kowalska met Iran's envoy in Gdańsk.")
        .ok_stdout();
    let docs = json_lines(&out);
    assert_eq!(
        mentions(&docs[0]),
        [
            ("PERSON".into(), "anna-kowalska".into(), "Kowalska".into()),
            ("CITY".into(), "gdansk".into(), "Gdańsk".into()),
        ]
    );
    // Code points vs bytes: "ń" is 2 bytes.
    let m = &docs[0]["mentions"][1];
    assert_eq!((m["start"].as_u64(), m["end"].as_u64()), (Some(32), Some(38)));
    assert_eq!(
        (m["byte_start"].as_u64(), m["byte_end"].as_u64()),
        (Some(32), Some(39))
    );
}

#[test]
fn spacy_patterns_are_read() {
    let out = entx()
        .args(["extract", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/patterns.jsonl"))
        .write_stdin("apple pie at Apple and in SAN FRANCISCO")
        .ok_stdout();
    let docs = json_lines(&out);
    assert_eq!(
        mentions(&docs[0]),
        [
            ("ORG".into(), "apple".into(), "Apple".into()),
            ("GPE".into(), "GPE:san francisco".into(), "SAN FRANCISCO".into()),
        ]
    );
}

#[test]
fn builtin_plus_user_gazetteer_directory() {
    let out = entx()
        .arg("extract")
        .arg("-g")
        .arg(fixture("gazetteers"))
        .write_stdin("Kowalska in Baghdad")
        .ok_stdout();
    let docs = json_lines(&out);
    let texts: Vec<String> =
        mentions(&docs[0]).into_iter().map(|m| m.2).collect();
    assert_eq!(texts, ["Kowalska", "Baghdad"]);
}

#[test]
fn ambiguous_alias_has_candidates() {
    let out = entx()
        .args(["extract", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/small.tsv"))
        .write_stdin("Atlanta, Georgia")
        .ok_stdout();
    let docs = json_lines(&out);
    let m = &docs[0]["mentions"][0];
    assert_eq!(m["entity"], "georgia-country");
    assert_eq!(m["candidates"], serde_json::json!(["georgia-us-state"]));
    // Unambiguous mentions carry no candidates field.
    let out = entx()
        .args(["extract", "--no-builtin", "-g"])
        .arg(fixture("gazetteers/small.tsv"))
        .write_stdin("Gdańsk")
        .ok_stdout();
    assert!(json_lines(&out)[0]["mentions"][0].get("candidates").is_none());
}

#[test]
fn news_edge_cases_from_the_reference_article() {
    let out = entx()
        .arg("extract")
        .write_stdin(
            "Please let us know. Soleimani’s death. head\u{a0}Ali Shamkhani.",
        )
        .ok_stdout();
    let docs = json_lines(&out);
    let texts: Vec<String> =
        mentions(&docs[0]).into_iter().map(|m| m.2).collect();
    assert_eq!(texts, ["Soleimani", "Ali Shamkhani"]);
}

#[test]
fn case_flag() {
    let run = |case: &str| {
        let out = entx()
            .args(["extract", "--case", case])
            .write_stdin("IRAQ and iraq")
            .ok_stdout();
        mentions(&json_lines(&out)[0]).len()
    };
    assert_eq!(run("smart"), 1);
    assert_eq!(run("sensitive"), 0);
    assert_eq!(run("insensitive"), 2);
}

#[test]
fn empty_article() {
    let out = entx().arg("extract").write_stdin("").ok_stdout();
    assert_eq!(out, b"{\"id\":\"-\",\"mentions\":[],\"entities\":[]}\n");
}

#[test]
fn invalid_utf8_is_processed_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    // "Caf\xe9 in Baghdad": \xe9 alone is not UTF-8.
    std::fs::write(&path, b"Caf\xe9 in Baghdad").unwrap();
    let assert = entx().arg("extract").arg(&path).assert().success();
    let out = assert.get_output();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("latin1.txt: invalid UTF-8 at byte 3"), "{err}");
    let docs = json_lines(&out.stdout);
    let m = &docs[0]["mentions"][0];
    // U+FFFD replaces the byte: 1 code point, 3 bytes.
    assert_eq!(m["text"], "Baghdad");
    assert_eq!(m["start"], 8);
    assert_eq!(m["byte_start"], 10);
}

#[test]
fn wikidata_attribute_is_on_mentions_and_entity_rows() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = dir.path().join("w.tsv");
    std::fs::write(
        &gaz,
        "irgc\tORG\tIslamic Revolutionary Guard Corps\tIRGC\twikidata=Q186119\n\
         pmf\tORG\tPopular Mobilization Forces\tPMF\t\n",
    )
    .unwrap();
    for pretty in [false, true] {
        let mut cmd = entx();
        cmd.args(["extract", "--no-builtin", "-g"]).arg(&gaz);
        if pretty {
            cmd.arg("--pretty");
        }
        let out = cmd.write_stdin("The IRGC and the PMF.").ok_stdout();
        let docs: Vec<serde_json::Value> = if pretty {
            vec![serde_json::from_slice(&out).unwrap()]
        } else {
            json_lines(&out)
        };
        let doc = &docs[0];
        assert_eq!(doc["mentions"][0]["wikidata"], "Q186119");
        assert_eq!(doc["entities"][0]["wikidata"], "Q186119");
        // No id, no field (not null): the PMF row has none.
        assert!(doc["mentions"][1].get("wikidata").is_none());
        assert!(doc["entities"][1].get("wikidata").is_none());
    }
}
