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

/// Rules only: a user gazetteer of one name no test text has.
fn rules_only() -> (tempfile::NamedTempFile, String) {
    let gaz = gazetteer("xyzzy\tORG\tXyzzy Plugh\t\t\n");
    let path = gaz.path().to_str().unwrap().to_string();
    (gaz, path)
}

/// (text, type, entity, name, via) of each mention of one article.
fn tagged(
    args: &[&str],
    text: &str,
) -> Vec<(String, String, Option<String>, String, String)> {
    let out = entx().arg("extract").args(args).write_stdin(text).ok_stdout();
    let doc = &json_lines(&out)[0];
    doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap().to_string(),
                m["type"].as_str().unwrap().to_string(),
                m["entity"].as_str().map(str::to_string),
                m["name"].as_str().unwrap().to_string(),
                m["via"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_defined_acronym_is_its_long_form() {
    let gaz =
        gazetteer("who\tORG\tWorld Health Organization\t\twikidata=Q7817\n");
    let got = tagged(
        &["--no-builtin", "-g", gaz.path().to_str().unwrap()],
        "The World Health Organization (WHO) met. Later WHO said no.",
    );
    let who = |via: &str| {
        (
            "WHO".to_string(),
            "ORG".to_string(),
            Some("who".to_string()),
            "World Health Organization".to_string(),
            via.to_string(),
        )
    };
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].0, "World Health Organization");
    assert_eq!(got[1], who("rule:acronym-definition"));
    assert_eq!(got[2], who("rule:acronym-definition"));
}

#[test]
fn an_unlinked_long_form_is_an_organization() {
    // The org-suffix rule finds "Ziosk Holdings Inc"; "(ZHI)" defines the
    // short form, so the later ZHI is that organization too.
    let (_gaz, path) = rules_only();
    let got = tagged(
        &["--no-builtin", "-g", &path],
        "Ziosk Holdings Inc (ZHI) rose. ZHI shares rose 5 percent.",
    );
    let names: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(t, ty, _, name, _)| (t.as_str(), ty.as_str(), name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Ziosk Holdings Inc", "ORG", "Ziosk Holdings Inc"),
            ("ZHI", "ORG", "Ziosk Holdings Inc"),
            ("ZHI", "ORG", "Ziosk Holdings Inc"),
        ]
    );
}

#[test]
fn a_ticker_names_the_company_before_it() {
    let gaz = gazetteer("gm\tORG\tGeneral Motors\t\t\n");
    let got = tagged(
        &["--no-builtin", "-g", gaz.path().to_str().unwrap()],
        "General Motors (NYSE: GM) said. GM shares fell.",
    );
    let gm: Vec<_> = got.iter().filter(|m| m.0 == "GM").collect();
    assert_eq!(gm.len(), 2, "{got:?}");
    for m in gm {
        assert_eq!(m.2.as_deref(), Some("gm"));
        assert_eq!(m.4, "rule:acronym-definition");
    }
}

#[test]
fn years_agencies_and_quantities_are_no_definitions() {
    for text in [
        "The plan was signed in 2019 (2019) and reported (AP) later.",
        "Output rose to 5 (MW) this year, Reuters (Reuters) said.",
        "the council said (UN) nothing.",
    ] {
        let (_gaz, path) = rules_only();
        let got = tagged(&["--no-builtin", "-g", &path], text);
        assert!(
            got.iter().all(|m| m.4 != "rule:acronym-definition"),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn a_rule_can_be_switched_off_by_name() {
    let (_gaz, path) = rules_only();
    let got = tagged(
        &["--no-builtin", "-g", &path, "--rule-off", "acronym-definition"],
        "Ziosk Holdings Inc (ZHI) rose. ZHI shares rose 5 percent.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    entx()
        .args(["extract", "--rule-off", "no-such-rule"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("acronym-definition"));
}

#[test]
fn a_given_name_and_a_surname_are_a_person_not_the_place() {
    // Chad, Victoria and Jordan are places in the built-in gazetteer and
    // given names in the rules' lexicon.
    for (text, person) in [
        ("Chad Smith plays drums.", "Chad Smith"),
        ("He met Victoria Beckham there.", "Victoria Beckham"),
        ("Fans cheered as Jordan Peterson spoke.", "Jordan Peterson"),
    ] {
        let got = tagged(&[], text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!((got[0].0.as_str(), got[0].1.as_str()), (person, "PERSON"));
    }
    // The place stays a place before a generic noun or a lower-case word.
    for text in ["Troops left Chad Valley.", "Rain fell in Chad on Monday."] {
        let got = tagged(&[], text);
        assert!(got.iter().any(|m| m.0 == "Chad" && m.1 == "LOC"), "{got:?}");
    }
}

#[test]
fn a_user_gazetteer_is_matched_as_listed() {
    // Turkey with no population (priority 0) and US as an alias: the
    // common-word rule guards only the built-in long tail, and an alias in
    // capitals is never the word "us".
    let gaz = gazetteer("tr\tLOC\tTurkey\t\t\nus\tLOC\tUnited States\tUS\t\n");
    let path = gaz.path().to_str().unwrap().to_string();
    let got = tagged(
        &["--no-builtin", "--no-rules", "-g", &path],
        "Turkey said no.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2.as_deref(), Some("tr"));
    let got = tagged(
        &["--no-builtin", "--no-rules", "-g", &path],
        "US troops left.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2.as_deref(), Some("us"));
}

/// The mention whose text is `text`, as (type, entity, via).
fn find<'a>(
    got: &'a [(String, String, Option<String>, String, String)],
    text: &str,
) -> Option<(&'a str, Option<&'a str>, &'a str)> {
    got.iter()
        .find(|m| m.0 == text)
        .map(|m| (m.1.as_str(), m.2.as_deref(), m.4.as_str()))
}

#[test]
fn a_result_names_the_club_behind_a_place() {
    // "Chelsea" names the club only in sports text (built-in context row
    // of chelsea-fc); "beat" before it and another club on the line say
    // this is a result.
    let got = tagged(&[], "Manchester United beat Chelsea on Saturday.");
    assert_eq!(
        find(&got, "Manchester United"),
        Some(("ORG", Some("manchester-united"), "gazetteer"))
    );
    assert_eq!(
        find(&got, "Chelsea"),
        Some(("ORG", Some("chelsea-fc"), "gazetteer"))
    );
    // Liverpool is a city too: in a result the club replaces the city.
    let got = tagged(&[], "Liverpool drew with Everton.");
    assert_eq!(
        find(&got, "Liverpool"),
        Some(("ORG", Some("liverpool-fc"), "rule:sports-context"))
    );
    assert_eq!(
        find(&got, "Everton"),
        Some(("ORG", Some("everton-fc"), "gazetteer"))
    );
}

#[test]
fn outside_sports_the_place_stays() {
    // No sports word, no result: the places (Fulham the London district),
    // no club.
    let got = tagged(&[], "Liverpool is a city in England. Fulham is quiet.");
    assert_eq!(find(&got, "Liverpool").map(|m| m.0), Some("LOC"));
    assert_eq!(find(&got, "Fulham").map(|m| m.0), Some("LOC"));
    // The rule switched off: the club is never taken, even in a result.
    let got = tagged(
        &["--rule-off", "sports-context"],
        "Manchester United beat Chelsea on Saturday.",
    );
    assert_eq!(find(&got, "Chelsea"), None);
    // Without rules nothing knows what the document is about.
    let got =
        tagged(&["--no-rules"], "Manchester United beat Chelsea on Saturday.");
    assert_eq!(find(&got, "Chelsea"), None);
}

#[test]
fn in_a_sports_document_places_named_like_clubs_are_clubs() {
    // Three words of sports reporting (goals, striker, league): the
    // document is about sports. Brighton and Liverpool are the clubs,
    // except after "in" (a place), and England stays the country (a
    // national side is its country).
    let text = "Brighton won 2-0 with goals from their striker.\n\
                Liverpool stay top of the league.\n\
                The fans celebrated in Liverpool and England.";
    let got = tagged(&[], text);
    let clubs: Vec<_> = got
        .iter()
        .map(|m| (m.0.as_str(), m.1.as_str(), m.2.as_deref()))
        .collect();
    assert_eq!(
        clubs,
        [
            ("Brighton", "ORG", Some("brighton-and-hove-albion")),
            ("Liverpool", "ORG", Some("liverpool-fc")),
            ("Liverpool", "LOC", Some("geonames:2644210")),
            ("England", "LOC", Some("geonames:6269131")),
        ]
    );
}

#[test]
fn county_sides_in_a_cricket_report() {
    // innings, wickets, bowled: about sports. Derbyshire is only a club
    // in the gazetteer; Somerset is a county too.
    let text = "Derbyshire beat Somerset by an innings.\n\
                Somerset lost six wickets before lunch and were bowled out.";
    let got = tagged(&[], text);
    let orgs: Vec<_> = got
        .iter()
        .map(|m| (m.0.as_str(), m.1.as_str(), m.2.as_deref()))
        .collect();
    assert_eq!(
        orgs,
        [
            ("Derbyshire", "ORG", Some("derbyshire-ccc")),
            ("Somerset", "ORG", Some("somerset-ccc")),
            ("Somerset", "ORG", Some("somerset-ccc")),
        ]
    );
}

#[test]
fn in_a_schedule_the_away_side_is_the_team_and_at_the_venue() {
    // A baseball schedule: "X AT Y" is X playing at Y's ground. The
    // standings line shows DETROIT is a team, but after AT it is where
    // the game is played.
    let text = "BASEBALL - MAJOR LEAGUE STANDINGS\n\
                DETROIT 53 74 .417\n\
                KANSAS CITY 58 70 .453\n\
                FRIDAY'S SCHEDULE\n\
                KANSAS CITY AT DETROIT\n";
    let got = tagged(&[], text);
    let last: Vec<_> = got
        .iter()
        .rev()
        .take(2)
        .map(|m| (m.0.as_str(), m.1.as_str()))
        .collect();
    assert_eq!(last, [("DETROIT", "LOC"), ("KANSAS CITY", "ORG")]);
}

#[test]
fn a_partnership_and_its_acronym() {
    // Partners listed with commas before the last two, which & joins;
    // the short form's letters C, R, I start the partners' names, so the
    // acronym after the whole name is defined by it, here in tokenized
    // text (spaces before commas and inside the parentheses).
    let text = "Harbeson, Fletcher & Bateh, LLP has joined \
                Carr , Riggs & Ingram , LLC ( CRI ) .\nCRI grew.";
    let got = tagged(&[], text);
    let names: Vec<_> = got
        .iter()
        .map(|m| (m.0.as_str(), m.1.as_str(), m.3.as_str(), m.4.as_str()))
        .collect();
    let cri = "Carr , Riggs & Ingram , LLC";
    assert_eq!(
        names,
        [
            (
                "Harbeson, Fletcher & Bateh, LLP",
                "ORG",
                "Harbeson, Fletcher & Bateh, LLP",
                "rule:org-suffix"
            ),
            (cri, "ORG", cri, "rule:org-suffix"),
            ("CRI", "ORG", cri, "rule:acronym-definition"),
            ("CRI", "ORG", cri, "rule:acronym-definition"),
        ]
    );
    // A comma list of places before a company is not a partnership.
    let got = tagged(&[], "Offices in Paris, London & Partners Ltd opened.");
    assert!(got.iter().any(|m| m.0 == "Paris" && m.1 == "LOC"), "{got:?}");
}

#[test]
fn split_periods_of_tokenized_text() {
    // Mid-line the split period is the name's (U.S. as FiNER-ORD marks
    // it); at a line's end it is the sentence's (as CoNLL-2003 marks it).
    let got =
        tagged(&[], "Shares of U.S . firms rose .\nThey sold to the U.S .\n");
    let us: Vec<_> =
        got.iter().map(|m| (m.0.as_str(), m.1.as_str())).collect();
    assert_eq!(us, [("U.S .", "LOC"), ("U.S", "LOC")]);
    let got = tagged(&[], "Quotes from Yahoo !\nFinance .");
    assert_eq!(got[0].0, "Yahoo !");
    assert_eq!(got[0].2.as_deref(), Some("yahoo"));
}

// Longer names win over their parts (issue 19, item 4): each example of
// the issue, with the built-in gazetteer.

#[test]
fn a_longer_name_is_one_mention_not_its_parts() {
    // (text, the one mention expected, its type).
    for (text, name, kind) in [
        (
            "He joined the Progressive Conservative Party of Canada in 1990.",
            "Progressive Conservative Party of Canada",
            "ORG",
        ),
        ("He plays for Hansa Rostock this year.", "Hansa Rostock", "ORG"),
        ("Reporting by the Riga Newsroom.", "Riga Newsroom", "ORG"),
        (
            "He led the Ontario New Democratic Party.",
            "Ontario New Democratic Party",
            "ORG",
        ),
        (
            "She spoke in the Parliament of Norway.",
            "Parliament of Norway",
            "ORG",
        ),
        (
            "He sat in the House of Commons of Canada.",
            "House of Commons of Canada",
            "ORG",
        ),
        (
            "They played at the Santiago Bernabéu Stadium.",
            "Santiago Bernabéu Stadium",
            "LOC",
        ),
        ("He met Paris Hilton there.", "Paris Hilton", "PERSON"),
        ("Chad Smith plays drums.", "Chad Smith", "PERSON"),
        (
            "Fans cheered as Jordan Peterson spoke.",
            "Jordan Peterson",
            "PERSON",
        ),
        ("He met Victoria Beckham there.", "Victoria Beckham", "PERSON"),
    ] {
        let got = tagged(&[], text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(
            (got[0].0.as_str(), got[0].1.as_str()),
            (name, kind),
            "{text}"
        );
    }
}

#[test]
fn a_stadium_named_after_a_man_is_not_the_city_of_his_given_name() {
    // Santiago is a city in the built-in gazetteer.
    let got =
        tagged(&[], "Real Madrid won 2-0 at the Santiago Bernabéu on Sunday.");
    let stadium: Vec<_> =
        got.iter().filter(|m| m.0.starts_with("Santiago")).collect();
    assert_eq!(stadium.len(), 1, "{got:?}");
    assert_eq!(
        (stadium[0].0.as_str(), stadium[0].1.as_str()),
        ("Santiago Bernabéu", "LOC")
    );
    assert_eq!(stadium[0].2, None);
}

#[test]
fn a_name_widened_from_a_gazetteer_part_has_no_entity() {
    // The user gazetteer has only the shorter party: the longer name is
    // found by the rule, with no entity, and names itself.
    let gaz = gazetteer("cpc\tORG\tConservative Party of Canada\t\t\n");
    let path = gaz.path().to_str().unwrap().to_string();
    let text =
        "He joined the Progressive Conservative Party of Canada in 1990.";
    let got = tagged(&["--no-builtin", "-g", &path], text);
    let whole = "Progressive Conservative Party of Canada".to_string();
    assert_eq!(
        got,
        [(
            whole.clone(),
            "ORG".to_string(),
            None,
            whole,
            "rule:longer-name".to_string()
        )]
    );
    // Switched off, the gazetteer's party stays.
    let got = tagged(
        &["--no-builtin", "-g", &path, "--rule-off", "longer-name"],
        text,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "Conservative Party of Canada");
    assert_eq!(got[0].2.as_deref(), Some("cpc"));
}

// Issue 19, items 5 and 6: offices name their state; Title Case and
// bylines. The ids are those of the built-in gazetteer
// (`gazetteers/loc-admin1.tsv`, `loc-cities.tsv`, `loc-countries.tsv`).

/// New York State, New York City, Georgia the US state, Georgia the
/// country, California.
const NEW_YORK_STATE: &str = "geonames:5128638";
const NEW_YORK_CITY: &str = "geonames:5128581";
const GEORGIA_STATE: &str = "geonames:4197000";
const GEORGIA_COUNTRY: &str = "geonames:614540";
const CALIFORNIA: &str = "geonames:5332921";

/// The entity and candidates of the mention whose text is `text`.
fn entity_of(args: &[&str], input: &str, text: &str) -> (String, Vec<String>) {
    let out = entx().arg("extract").args(args).write_stdin(input).ok_stdout();
    let doc = &json_lines(&out)[0];
    let m = doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == text)
        .unwrap_or_else(|| panic!("no {text:?} in {doc}"));
    let candidates = m["candidates"]
        .as_array()
        .map(|c| c.iter().map(|c| c.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    (m["entity"].as_str().unwrap().to_string(), candidates)
}

#[test]
fn an_office_or_party_word_names_the_state() {
    let (e, candidates) = entity_of(
        &[],
        "The New York Democrat said he would vote no.",
        "New York",
    );
    assert_eq!(e, NEW_YORK_STATE);
    assert_eq!(candidates, [NEW_YORK_CITY]);
    for text in [
        "Georgia Gov. Brian Kemp signed the bill.",
        "The state legislature of Georgia met.",
        "Rep. Ann Smith (R-Georgia) spoke.",
    ] {
        let (e, candidates) = entity_of(&[], text, "Georgia");
        assert_eq!(e, GEORGIA_STATE, "{text}");
        assert_eq!(candidates, [GEORGIA_COUNTRY], "{text}");
    }
    // A state settled by its office is evidence for the other mentions.
    let text = "Georgia Gov. Brian Kemp spoke. Georgia needs rain.";
    let got = tagged(&[], text);
    let georgias: Vec<_> = got.iter().filter(|m| m.0 == "Georgia").collect();
    assert_eq!(georgias.len(), 2, "{got:?}");
    assert!(georgias.iter().all(|m| m.2.as_deref() == Some(GEORGIA_STATE)));
    // No office: the static ranking and the document's evidence stand.
    let (e, _) = entity_of(&[], "Tbilisi, Georgia said no.", "Georgia");
    assert_eq!(e, GEORGIA_COUNTRY);
    // The rule switched off.
    let (e, _) = entity_of(
        &["--rule-off", "office"],
        "Georgia Gov. Brian Kemp signed the bill.",
        "Georgia",
    );
    assert_eq!(e, GEORGIA_COUNTRY);
}

#[test]
fn a_party_tag_names_the_state() {
    let text =
        "Sen. Dianne Feinstein (D-Calif.) and Rep. Kevin Brady (R-Texas) spoke.";
    let got = tagged(&[], text);
    let calif = got.iter().find(|m| m.0 == "Calif.").expect("Calif.");
    assert_eq!(calif.1, "LOC");
    assert_eq!(calif.2.as_deref(), Some(CALIFORNIA));
    assert_eq!(calif.3, "California");
    assert_eq!(calif.4, "rule:office");
    assert!(got.iter().any(|m| m.0 == "Texas" && m.1 == "LOC"), "{got:?}");
    // The party letter is nothing.
    assert!(got.iter().all(|m| !m.0.contains('D') || m.0.contains("Dianne")));
    assert!(!got.iter().any(|m| m.0 == "R" || m.0 == "D"), "{got:?}");
    // AP style after a comma, and initials: "N.Y.".
    let got = tagged(&[], "Rep. John LaFalce, D-N.Y., said no.");
    let ny = got.iter().find(|m| m.0 == "N.Y.").expect("N.Y.");
    assert_eq!(ny.2.as_deref(), Some(NEW_YORK_STATE));
    // An abbreviation outside a tag is not a state.
    let got = tagged(&[], "He felt Ill. Calif. is far.");
    assert!(!got.iter().any(|m| m.4 == "rule:office"), "{got:?}");
    let got = tagged(&["--rule-off", "office"], text);
    assert!(!got.iter().any(|m| m.0 == "Calif."), "{got:?}");
}

#[test]
fn divisions_of_a_users_gazetteer() {
    // The state is the place with a country at priority 20; the party
    // tag's abbreviation finds it by its name and its country's name.
    let gaz = gazetteer(
        "us\tLOC\tUnited States\t\tpriority=30\n\
         ge\tLOC\tGeorgia\t\tpriority=30\n\
         us-ga\tLOC\tGeorgia\t\tpriority=20;country=us\n\
         us-ca\tLOC\tCalifornia\t\tpriority=20;country=us\n",
    );
    let path = gaz.path().to_str().unwrap().to_string();
    let args = ["--no-builtin", "-g", path.as_str()];
    let (e, candidates) =
        entity_of(&args, "Georgia Gov. Brian Kemp signed.", "Georgia");
    assert_eq!((e.as_str(), candidates), ("us-ga", vec!["ge".to_string()]));
    let (e, _) = entity_of(&args, "Ann Lee (D-Calif.) spoke.", "Calif.");
    assert_eq!(e, "us-ca");
}

#[test]
fn title_case_lines_need_stronger_evidence() {
    // The headline: `Will` is no person before `Respond`.
    let headline = "Iran Says It Will Respond To Israeli Strike";
    let got = tagged(&[], headline);
    assert!(!got.iter().any(|m| m.1 == "PERSON"), "{got:?}");
    // Switched off, the given-name rule fires as before.
    let got = tagged(&["--rule-off", "title-case"], headline);
    assert!(got.iter().any(|m| m.0 == "Will Respond"), "{got:?}");
    // A brand in a Title-Case line is no person.
    let got = tagged(&[], "Olive Garden Is Thriving Again");
    assert!(!got.iter().any(|m| m.1 == "PERSON"), "{got:?}");
    // Bylines keep the person, not the role's words.
    let got = tagged(&[], "By Jane Smith Fool Contributor");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].1.as_str()),
        ("Jane Smith", "PERSON")
    );
    assert_eq!(got[0].4, "rule:byline");
    let got = tagged(&[], "By Jane Smith, Fool Contributor");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "Jane Smith");
}
