use super::*;
use crate::gazetteer::EntityId;
use crate::text::tokenize::{is_boundary, is_end_boundary};

/// Gazetteer mentions for a test: (start, end, kind, population,
/// priority).
struct Gaz(Vec<(usize, usize, &'static str, u64, i64)>);

impl MentionInfo for Gaz {
    fn kind(&self, i: usize) -> &str {
        self.0[i].2
    }
    fn name(&self, i: usize) -> &str {
        self.0[i].2
    }
    fn population(&self, i: usize) -> u64 {
        self.0[i].3
    }
    fn priority(&self, i: usize) -> i64 {
        self.0[i].4
    }
}

fn mentions(gaz: &Gaz) -> Vec<Mention> {
    gaz.0
        .iter()
        .enumerate()
        .map(|(i, &(start, end, ..))| Mention {
            span: Span { start, end },
            entity: EntityId(i as u32),
            candidates: Vec::new(),
            sports: None,
        })
        .collect()
}

/// (start, end, kind, rule, name) of an added mention.
type Added = (usize, usize, &'static str, &'static str, String);

/// The added mentions and the drops.
fn run(text: &str, gaz: Gaz) -> (Vec<Added>, Vec<usize>) {
    let rules = Rules::builtin();
    let ms = mentions(&gaz);
    let mut out = RuleOutput::default();
    rules.apply(text, &ms, &gaz, &mut out);
    check_invariants(text, &ms, &out);
    let adds = out
        .add
        .iter()
        .map(|m| {
            (m.span.start, m.span.end, m.kind, m.rule.name(), m.name.clone())
        })
        .collect();
    (adds, out.drop.clone())
}

fn check_invariants(text: &str, ms: &[Mention], out: &RuleOutput) {
    let mut all: Vec<Span> = ms
        .iter()
        .enumerate()
        .filter(|(i, _)| !out.drop.contains(i))
        .map(|(_, m)| m.span)
        .collect();
    for m in &out.add {
        assert!(text.is_char_boundary(m.span.start));
        assert!(text.is_char_boundary(m.span.end));
        assert!(is_boundary(text, m.span.start), "{m:?}");
        assert!(is_end_boundary(text, m.span.end), "{m:?}");
        all.push(m.span);
    }
    all.sort();
    for w in all.windows(2) {
        assert!(w[0].end <= w[1].start, "overlap {w:?} in {text:?}");
    }
    assert!(out.add.windows(2).all(|w| w[0].span.start < w[1].span.start));
}

fn texts(text: &str, gaz: Gaz) -> Vec<(String, &'static str, &'static str)> {
    run(text, gaz)
        .0
        .into_iter()
        .map(|(s, e, kind, rule, _)| (text[s..e].to_string(), kind, rule))
        .collect()
}

#[test]
fn org_rule_does_not_prefix_a_gazetteer_org() {
    // "the Iranian " is 12 bytes: NORP 4..11, ORG 12..45. The suffix
    // rule must not merge them into one ORG.
    let text = "the Iranian Supreme National Security Council met";
    let gaz = Gaz(vec![(4, 11, "NORP", 0, 0), (12, 45, "ORG", 0, 0)]);
    let (adds, drop) = run(text, gaz);
    assert!(adds.is_empty(), "{adds:?}");
    assert!(drop.is_empty());
}

#[test]
fn given_name_and_surname() {
    let (adds, drop) =
        run("Yesterday Phil Simmons took four wickets.", Gaz(vec![]));
    // "Yesterday " is 10 bytes; "Phil Simmons" 12.
    assert_eq!(
        adds,
        vec![(10, 22, "PERSON", "given-name", "Phil Simmons".into())]
    );
    assert!(drop.is_empty());
}

#[test]
fn ambiguous_given_name_at_sentence_start() {
    // "Will" is also a verb: not trusted at the start of a sentence.
    assert!(run("Will Congress act? Will The Band play?", Gaz(vec![]))
        .0
        .is_empty());
    // Mid-sentence it is a name: "He said " is 8 bytes.
    let (adds, _) = run("He said Will Smith was late.", Gaz(vec![]));
    assert_eq!(
        adds,
        vec![(8, 18, "PERSON", "given-name", "Will Smith".into())]
    );
}

#[test]
fn headlines_in_capitals_are_left_alone() {
    let (adds, _) =
        run("SOCCER - PHIL SIMMONS JOINS LEICESTER .", Gaz(vec![]));
    assert!(adds.is_empty(), "{adds:?}");
}

#[test]
fn names_with_particles_initials_and_al() {
    assert_eq!(
        texts("He met George W. Bush and Rami al-Saadani.", Gaz(vec![])),
        vec![
            ("George W. Bush".to_string(), "PERSON", "given-name"),
            ("Rami al-Saadani".to_string(), "PERSON", "given-name"),
        ]
    );
    // An initial and a surname: bytes 0..8.
    let (adds, _) = run("J. Adams scored 40.", Gaz(vec![]));
    assert_eq!(adds, vec![(0, 8, "PERSON", "initial", "J. Adams".into())]);
}

#[test]
fn a_given_name_before_a_place_noun_is_not_a_person() {
    assert!(run("They played at Grace Road today.", Gaz(vec![])).0.is_empty());
}

#[test]
fn titles_are_not_part_of_the_name() {
    // "Prime Minister " is 15 bytes; "Stephen Harper" 14.
    let (adds, _) = run("Prime Minister Stephen Harper spoke.", Gaz(vec![]));
    assert_eq!(
        adds,
        vec![(15, 29, "PERSON", "title", "Stephen Harper".into())]
    );
    // "Mr. " is 4 bytes.
    let (adds, _) = run("Mr. Smith left early.", Gaz(vec![]));
    assert_eq!(adds, vec![(4, 9, "PERSON", "title", "Smith".into())]);
    // A title alone names nobody.
    assert!(run("The President said on Monday.", Gaz(vec![])).0.is_empty());
    // A gazetteer person with a title loses the title: "King " is 5.
    let (adds, drop) = run(
        "King Norodom Sihanouk spoke.",
        Gaz(vec![(0, 21, "PERSON", 0, 0)]),
    );
    assert_eq!(adds, vec![(5, 21, "PERSON", "title", "PERSON".into())]);
    assert_eq!(drop, vec![0]);
}

#[test]
fn role_nouns_announce_a_name() {
    assert_eq!(
        texts("England coach Hoddle named the squad.", Gaz(vec![])),
        vec![("Hoddle".to_string(), "PERSON", "role")]
    );
}

#[test]
fn organization_suffixes_and_heads() {
    // "Shares of " is 10 bytes; "Acme Holdings Ltd." 18 (the
    // abbreviation's period belongs to the name).
    let (adds, _) =
        run("Shares of Acme Holdings Ltd. rose 5 percent.", Gaz(vec![]));
    assert_eq!(
        adds,
        vec![(10, 28, "ORG", "org-suffix", "Acme Holdings Ltd.".into())]
    );
    // "the " is 4 bytes; "Bank of England" 15; the gazetteer's
    // England (12..19) is inside and gives way.
    let (adds, drop) = run(
        "the Bank of England said",
        Gaz(vec![(12, 19, "LOC", 56_000_000, 30)]),
    );
    assert_eq!(
        adds,
        vec![(4, 19, "ORG", "org-suffix", "Bank of England".into())]
    );
    assert_eq!(drop, vec![0]);
    // `ampersand` is off in the built-in rules; switched on, it finds
    // "Procter & Gamble".
    assert!(texts("He sued Procter & Gamble today.", Gaz(vec![])).is_empty());
    let mut rules = Rules::builtin();
    assert!(rules.set_enabled("ampersand", true));
    let text = "He sued Procter & Gamble today.";
    let mut out = RuleOutput::default();
    rules.apply(text, &[], &Gaz(vec![]), &mut out);
    // "He sued " is 8 bytes; "Procter & Gamble" 16.
    assert_eq!(out.add.len(), 1);
    assert_eq!((out.add[0].span.start, out.add[0].span.end), (8, 24));
    assert_eq!(out.add[0].rule, Rule::Ampersand);
    // An adjective before a title is no company.
    assert_eq!(
        texts(
            "Hong Kong Financial Secretary Donald Tsang said",
            Gaz(vec![(0, 9, "LOC", 7_000_000, 30)])
        ),
        vec![("Donald Tsang".to_string(), "PERSON", "title")]
    );
}

#[test]
fn surname_propagation() {
    // "Phil Simmons took four. " is 24 bytes, "Later " 6.
    let (adds, _) =
        run("Phil Simmons took four. Later Simmons added two.", Gaz(vec![]));
    assert_eq!(
        adds,
        vec![
            (0, 12, "PERSON", "given-name", "Phil Simmons".into()),
            (30, 37, "PERSON", "propagation", "Phil Simmons".into()),
        ]
    );
    // Not inside another capitalized sequence.
    let (adds, _) =
        run("Phil Simmons bowled. Simmons Street is closed.", Gaz(vec![]));
    assert_eq!(adds.len(), 1);
}

#[test]
fn a_minor_place_inside_a_name_is_a_surname() {
    let ramos = Gaz(vec![(6, 11, "LOC", 50_000, 10)]);
    let (adds, drop) = run("Fidel Ramos met them.", ramos);
    assert_eq!(
        adds,
        vec![(0, 11, "PERSON", "given-name", "Fidel Ramos".into())]
    );
    assert_eq!(drop, vec![0]);
    // A place of any size named like a given name, followed by a surname
    // no gazetteer entry has, is the person's given name ("said " is 5
    // bytes): the document says so, not the place's prominence.
    let jordan = Gaz(vec![(5, 11, "LOC", 10_000_000, 30)]);
    let (adds, drop) = run("said Jordan Henderson later", jordan);
    assert_eq!(
        adds,
        vec![(5, 21, "PERSON", "given-name", "Jordan Henderson".into())]
    );
    assert_eq!(drop, vec![0]);
    let big = Gaz(vec![(5, 13, "LOC", 4_000_000, 21)]);
    assert_eq!(run("said Victoria Beckham later", big).0.len(), 1);
    // Not before a generic noun, nor before another gazetteer entry.
    let jordan = Gaz(vec![(5, 11, "LOC", 10_000_000, 30)]);
    assert!(run("said Jordan Valley later", jordan).0.is_empty());
    let two = Gaz(vec![
        (5, 11, "LOC", 10_000_000, 30),
        (12, 17, "LOC", 10_000_000, 30),
    ]);
    assert!(run("said Jordan Syria later", two).0.is_empty());
}

#[test]
fn sports_tables_make_places_teams() {
    // Line 1 is 20 bytes plus "\n"; "Later " ends at 27.
    let text = "Bolton 3 2 1 0 5 2 7\nLater Bolton won in London.";
    let gaz = Gaz(vec![
        (0, 6, "LOC", 140_000, 10),
        (27, 33, "LOC", 140_000, 10),
        (41, 47, "LOC", 8_000_000, 21),
    ]);
    let (adds, drop) = run(text, gaz);
    assert_eq!(
        adds,
        vec![
            (0, 6, "ORG", "team", "Bolton".into()),
            (27, 33, "ORG", "team", "Bolton".into()),
        ]
    );
    assert_eq!(drop, vec![0, 1]);
    // A score line; national teams stay places.
    let text = "Reading 2 Stoke 2\nIsrael 2 Bulgaria 0";
    let gaz = Gaz(vec![
        (18, 24, "LOC", 8_000_000, 30),
        (27, 35, "LOC", 7_000_000, 30),
    ]);
    assert_eq!(
        texts(text, gaz),
        vec![
            ("Reading".to_string(), "ORG", "team"),
            ("Stoke".to_string(), "ORG", "team"),
        ]
    );
    // A dateline is a place.
    let text = "Bolton 3 2 1 0 5 2 7\nBOLTON , England 1996-08-30";
    let gaz = Gaz(vec![(0, 6, "LOC", 1, 10), (21, 27, "LOC", 1, 10)]);
    assert_eq!(run(text, gaz).1, vec![0]);
}

#[test]
fn acronyms_are_not_small_towns() {
    // "Germany's " is 10 bytes.
    let gaz =
        Gaz(vec![(0, 7, "LOC", 80_000_000, 30), (10, 13, "LOC", 20_000, 10)]);
    let (adds, drop) = run("Germany's DAX fell 1 percent.", gaz);
    assert!(adds.is_empty());
    assert_eq!(drop, vec![1]);
}

#[test]
fn unicode_and_odd_input_keep_the_invariants() {
    for text in [
        "",
        " ",
        "É",
        "José María Aznar dijo — «Mr. Ó Súilleabháin» & Co.",
        "Ça va, Jean-Pierre Raffarin? İzmir’s Mayor Ahmet Kaya.",
        "J.K. Rowling, U.S. Steel Corp., Lee Kuan Yew; Li Peng's aide.",
        "Dr.\nSmith\n\nMr. \u{a0}Jones & & Co\tInc.",
        "x-Y a-B al- bin 'Ali O'Brien's d'Estaing",
    ] {
        run(text, Gaz(vec![]));
    }
    let text = "Fidel Ramos, Ramos and RAMOS met Ramos-Horta.";
    run(
        text,
        Gaz(vec![(6, 11, "LOC", 50_000, 10), (13, 18, "LOC", 50_000, 10)]),
    );
}

#[test]
fn east_asian_family_names_come_first() {
    let (adds, _) = run(
        "Premier Li Peng arrived. Later Li spoke to reporters.",
        Gaz(vec![]),
    );
    let got: Vec<_> = adds.iter().map(|a| (a.2, a.3, a.4.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("PERSON", "title", "Li Peng"),
            ("PERSON", "propagation", "Li Peng"),
        ]
    );
}

#[test]
fn rules_can_be_switched_off() {
    let mut rules = Rules::builtin();
    assert!(rules.set_enabled("given-name", false));
    assert!(!rules.set_enabled("no-such-rule", false));
    let mut out = RuleOutput::default();
    rules.apply("He said Phil Simmons left.", &[], &Gaz(vec![]), &mut out);
    assert!(out.add.is_empty());
    for name in Rule::ALL.map(Rule::name) {
        assert!(rules.set_enabled(name, true));
    }
}

#[test]
fn organization_first_word_propagation() {
    // "Shares of " is 10 bytes, "Acme Holdings Ltd." 18, " rose 5
    // percent. " 17: the lone "Acme" is 45..49.
    let (adds, _) = run(
        "Shares of Acme Holdings Ltd. rose 5 percent. Acme said more.",
        Gaz(vec![]),
    );
    assert_eq!(
        adds,
        vec![
            (10, 28, "ORG", "org-suffix", "Acme Holdings Ltd.".into()),
            (45, 49, "ORG", "org-propagation", "Acme Holdings Ltd.".into()),
        ]
    );
    // Switched off, the lone word is left alone.
    let mut rules = Rules::builtin();
    rules.set(Rule::OrgPropagation, false);
    let mut out = RuleOutput::default();
    let text = "Shares of Acme Holdings Ltd. rose 5 percent. Acme said more.";
    rules.apply(text, &[], &Gaz(vec![]), &mut out);
    assert_eq!(out.add.len(), 1);
}

/// `sports-context`, one case a row: the text; its gazetteer mentions as
/// (text, kind, priority, club behind it: `None` no club, `Some(true)` the
/// club alone, `Some(false)` a place with a club behind it); the rule
/// mentions added (text, kind, rule) and the texts of the mentions dropped.
#[test]
fn sports_context_table() {
    type Row = (
        &'static str,
        &'static [(&'static str, &'static str, i64, Option<bool>)],
        &'static [(&'static str, &'static str, &'static str)],
        &'static [&'static str],
    );
    let table: &[Row] = &[
        // A result: the club alone stays, nothing added.
        (
            "Manchester United beat Chelsea.",
            &[
                ("Manchester United", "ORG", 0, None),
                ("Chelsea", "ORG", 0, Some(true)),
            ],
            &[],
            &[],
        ),
        // No sports, no result: the club alone is dropped.
        (
            "Chelsea is in London.",
            &[("Chelsea", "ORG", 0, Some(true))],
            &[],
            &["Chelsea"],
        ),
        // A result: the city gives way to the club behind it.
        (
            "Liverpool drew with Everton.",
            &[
                ("Liverpool", "LOC", 10, Some(false)),
                ("Everton", "ORG", 0, Some(true)),
            ],
            &[("Liverpool", "ORG", "sports-context")],
            &["Liverpool"],
        ),
        // A document about sports (goals, striker, league): the club,
        // except after "in".
        (
            "Goals from a striker top the league. Liverpool won in Liverpool.",
            &[
                ("Liverpool", "LOC", 10, Some(false)),
                ("Liverpool", "LOC", 10, Some(false)),
            ],
            &[("Liverpool", "ORG", "sports-context")],
            &["Liverpool"],
        ),
        // A country is its national side.
        (
            "Austria beat Chelsea.",
            &[
                ("Austria", "LOC", 30, Some(false)),
                ("Chelsea", "ORG", 0, Some(true)),
            ],
            &[],
            &[],
        ),
    ];
    for &(text, gaz, want_add, want_drop) in table {
        let mut from = 0;
        let mut spans = Vec::new();
        for &(t, kind, priority, _) in gaz {
            let s = from + text[from..].find(t).unwrap();
            from = s + t.len();
            spans.push((s, s + t.len(), kind, 0, priority));
        }
        let info = Gaz(spans);
        let mut ms = mentions(&info);
        for (m, &(_, _, _, club)) in ms.iter_mut().zip(gaz) {
            m.sports = match club {
                None => None,
                Some(true) => Some(m.entity),
                Some(false) => Some(EntityId(99)),
            };
        }
        let mut out = RuleOutput::default();
        Rules::builtin().apply(text, &ms, &info, &mut out);
        check_invariants(text, &ms, &out);
        let added: Vec<_> = out
            .add
            .iter()
            .map(|m| (&text[m.span.range()], m.kind, m.rule.name()))
            .collect();
        assert_eq!(added, want_add, "{text}");
        let dropped: Vec<_> =
            out.drop.iter().map(|&i| &text[ms[i].span.range()]).collect();
        assert_eq!(dropped, want_drop, "{text}");
    }
}

#[test]
fn partnership_names_list_partners_with_commas() {
    // "Harbeson, Fletcher & Bateh, LLP" is 8 + 2 + 8 + 3 + 5 + 2 + 3 = 31
    // bytes: the partners before the `&` pair belong to the name.
    assert_eq!(
        texts("Harbeson, Fletcher & Bateh, LLP joined.", Gaz(vec![])),
        vec![("Harbeson, Fletcher & Bateh, LLP".into(), "ORG", "org-suffix")]
    );
    // Without an `&` a comma list is not one name: "Acme Holdings Ltd"
    // alone.
    assert_eq!(
        texts("Buyers, Sellers, Acme Holdings Ltd and others.", Gaz(vec![])),
        vec![("Acme Holdings Ltd".into(), "ORG", "org-suffix")]
    );
}

#[test]
fn family_names_written_first() {
    // (text, persons found): the family name, then a given name of the
    // language's shape; English words after a family name stay apart.
    let table: &[(&str, &[&str])] = &[
        ("Officials said Gong Zhichao agreed.", &["Gong Zhichao"]),
        ("Officials said Moon Jae-in agreed.", &["Moon Jae-in"]),
        ("Officials said Nguyen Phu Trong agreed.", &["Nguyen Phu Trong"]),
        // Not Pinyin: no person (and "Long" alone is no name).
        ("They sailed past Long Island yesterday.", &[]),
        ("Officials said Sun Life agreed.", &[]),
    ];
    for &(text, want) in table {
        let got: Vec<String> = texts(text, Gaz(vec![]))
            .into_iter()
            .filter(|m| m.1 == "PERSON")
            .map(|m| m.0)
            .collect();
        assert_eq!(got, want, "{text}");
    }
    // The family name alone later is the person.
    let got = texts("Gong Zhichao spoke. Later Gong left.", Gaz(vec![]));
    assert_eq!(
        got,
        vec![
            ("Gong Zhichao".into(), "PERSON", "family-name-first"),
            ("Gong".into(), "PERSON", "propagation"),
        ]
    );
}

#[test]
fn longer_names_win_over_their_parts() {
    // "He led the " is 11 bytes: the province is 11..18, the party
    // 19..39; the whole name is one organization, with no entity.
    let (adds, drop) = run(
        "He led the Ontario New Democratic Party.",
        Gaz(vec![(11, 18, "LOC", 13_000_000, 21), (19, 39, "ORG", 0, 0)]),
    );
    assert_eq!(
        adds,
        vec![(
            11,
            39,
            "ORG",
            "longer-name",
            "Ontario New Democratic Party".into()
        )]
    );
    assert_eq!(drop, vec![0, 1]);
    // An organization head with `of` and a place: "She spoke in the " is
    // 17 bytes, "Parliament of " 14, "Norway" 31..37.
    let (adds, drop) = run(
        "She spoke in the Parliament of Norway.",
        Gaz(vec![(31, 37, "LOC", 5_000_000, 30)]),
    );
    assert_eq!(
        adds,
        vec![(17, 37, "ORG", "longer-name", "Parliament of Norway".into())]
    );
    assert_eq!(drop, vec![0]);
    // A club word and a town: "He plays for " is 13 bytes, "Hansa " 6.
    let rostock = || Gaz(vec![(19, 26, "LOC", 200_000, 10)]);
    let (adds, drop) = run("He plays for Hansa Rostock now.", rostock());
    assert_eq!(
        adds,
        vec![(13, 26, "ORG", "longer-name", "Hansa Rostock".into())]
    );
    assert_eq!(drop, vec![0]);
    // A venue word: "They played at the " is 19 bytes; "Santiago
    // Bernabeu Stadium" 25. A newsroom: "Reporting by the " is 17.
    assert_eq!(
        texts(
            "They played at the Santiago Bernabeu Stadium.",
            Gaz(vec![(19, 27, "LOC", 5_000_000, 21)])
        ),
        vec![("Santiago Bernabeu Stadium".to_string(), "LOC", "longer-name")]
    );
    assert_eq!(
        texts(
            "Reporting by the Riga Newsroom.",
            Gaz(vec![(17, 21, "LOC", 600_000, 21)])
        ),
        vec![("Riga Newsroom".to_string(), "ORG", "longer-name")]
    );
    // Capitalized words before a gazetteer organization with no head word
    // of its own join it ("said " is 5 bytes), but a place does not:
    // "Sarawak" and "Barisan Nasional" stay two names.
    assert_eq!(
        texts("said Herri Batasuna won", Gaz(vec![(11, 19, "ORG", 0, 0)])),
        vec![("Herri Batasuna".to_string(), "ORG", "longer-name")]
    );
    let (adds, drop) = run(
        "said Sarawak Barisan Nasional won",
        Gaz(vec![(5, 12, "LOC", 2_000_000, 20), (13, 29, "ORG", 0, 0)]),
    );
    assert!(adds.is_empty(), "{adds:?}");
    assert!(drop.is_empty());
    // Places side by side, or a place before a company, are separate
    // names: "Xland " and "Yland " are 6 bytes each, "Zed Corp" 8.
    let (adds, drop) = run(
        "Xland Yland Zed Corp",
        Gaz(vec![
            (0, 5, "LOC", 1_000, 10),
            (6, 11, "LOC", 1_000, 10),
            (12, 20, "ORG", 0, 0),
        ]),
    );
    assert!(adds.is_empty(), "{adds:?}");
    assert!(drop.is_empty());
    // The complement of an institution word ends with the name it is:
    // "Bank of England Governor " is 25 bytes, "Eddie George" 12.
    let bank = || Gaz(vec![(0, 15, "ORG", 0, 0)]);
    let text = "Bank of England Governor Eddie George said.";
    assert_eq!(
        run(text, bank()).0,
        vec![(25, 37, "PERSON", "title", "Eddie George".into())]
    );
    // Switched off: the club is a person named Hansa, and the bank's
    // complement runs on.
    let mut rules = Rules::builtin();
    rules.set(Rule::LongerName, false);
    let mut out = RuleOutput::default();
    let text = "He plays for Hansa Rostock now.";
    let gaz = rostock();
    rules.apply(text, &mentions(&gaz), &gaz, &mut out);
    assert_eq!(out.add.len(), 1);
    assert_eq!(
        (out.add[0].kind, out.add[0].rule),
        ("PERSON", Rule::GivenName)
    );
    out.clear();
    let text = "Bank of England Governor Eddie George said.";
    let gaz = bank();
    rules.apply(text, &mentions(&gaz), &gaz, &mut out);
    assert_eq!(out.add.len(), 1);
    assert_eq!((out.add[0].span.start, out.add[0].span.end), (0, 37));
}

#[test]
fn title_case_lines_need_stronger_evidence() {
    // `Will` (a given name that is also a verb) before a common word, in
    // a line whose `Says`, `It`, `To` are capitalized: no person.
    let text = "Iran Says It Will Respond To Israeli Strike";
    assert!(run(text, Gaz(vec![])).0.is_empty());
    // `Olive` is a given name, `Garden` a common word.
    assert!(run("Olive Garden Is Thriving Again", Gaz(vec![])).0.is_empty());
    // A given name and a surname that is no common word are a person,
    // cut before the first common word: "Why " is 4 bytes, "Warren
    // Buffett" 14.
    assert_eq!(
        run("Why Warren Buffett Loves Railroads So Much", Gaz(vec![])).0,
        vec![(4, 18, "PERSON", "title-case", "Warren Buffett".into())]
    );
    // `Smith` is a common word: the headline alone is no evidence.
    let headline = "Jane Smith Wins Big For Her Novel";
    assert!(run(headline, Gaz(vec![])).0.is_empty());
    // The body names her: the headline's 33 bytes and a line break, then
    // "Yesterday " (10 bytes) put the body's "Jane Smith" at 44..54.
    let text = format!("{headline}\nYesterday Jane Smith said she was happy.");
    assert_eq!(
        run(&text, Gaz(vec![])).0,
        vec![
            (0, 10, "PERSON", "title-case", "Jane Smith".into()),
            (44, 54, "PERSON", "given-name", "Jane Smith".into()),
        ]
    );
    // A company form is evidence enough: "Acme Holdings Inc" is 17 bytes.
    assert_eq!(
        run("Acme Holdings Inc Says It Will Buy Rival", Gaz(vec![])).0,
        vec![(0, 17, "ORG", "org-suffix", "Acme Holdings Inc".into())]
    );
    // Prose is not Title Case, whatever its capitals: "He said " is 8
    // bytes.
    assert_eq!(
        run("He said Will Smith and Jada Pinkett Smith came.", Gaz(vec![])).0
            [0],
        (8, 18, "PERSON", "given-name", "Will Smith".into())
    );
}

#[test]
fn byline_role_words_end_the_name() {
    // "By " is 3 bytes, "Jane Smith" 10: `Fool` leads up to the role.
    assert_eq!(
        run("By Jane Smith Fool Contributor", Gaz(vec![])).0,
        vec![(3, 13, "PERSON", "byline", "Jane Smith".into())]
    );
    // After a comma the name stopped anyway.
    assert_eq!(
        run("By Jane Smith, Fool Contributor", Gaz(vec![])).0,
        vec![(3, 13, "PERSON", "given-name", "Jane Smith".into())]
    );
    // "Mary Ann Jones" is 14 bytes; `Staff` leads up to `Writer`.
    assert_eq!(
        run("Mary Ann Jones Staff Writer", Gaz(vec![])).0,
        vec![(0, 14, "PERSON", "byline", "Mary Ann Jones".into())]
    );
}
