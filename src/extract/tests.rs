//! Table tests for the match semantics written down in DESIGN.md. Each
//! expected mention is `(entity id, byte start, surface text)`; offsets were
//! counted by hand (ASCII letters are one byte; the counts for multi-byte
//! characters are spelled out next to the case).

use super::*;
use crate::gazetteer::Format;

fn extractor(source: &str, tsv: &str, case: CaseMode) -> Extractor {
    let mut gaz = Gazetteer::new();
    gaz.add_source(source, tsv, Format::Tsv).unwrap();
    ExtractorBuilder::new().case(case).build(gaz).unwrap()
}

fn check(tsv: &str, case: CaseMode, text: &str, want: &[(&str, usize, &str)]) {
    check_in("test.tsv", tsv, case, text, want)
}

/// [`check`] with the gazetteer loaded as one of the built-in files, for
/// the rules that guard only those (the common-word rule).
fn check_builtin(tsv: &str, text: &str, want: &[(&str, usize, &str)]) {
    check_in("<builtin>/test.tsv", tsv, CaseMode::Smart, text, want)
}

fn check_in(
    source: &str,
    tsv: &str,
    case: CaseMode,
    text: &str,
    want: &[(&str, usize, &str)],
) {
    let ex = extractor(source, tsv, case);
    let mut scratch = Scratch::new();
    let got: Vec<(String, usize, String)> = ex
        .extract(text, &mut scratch)
        .iter()
        .map(|m| {
            (
                ex.entity(m.entity).id.to_string(),
                m.span.start,
                text[m.span.range()].to_string(),
            )
        })
        .collect();
    let want: Vec<(String, usize, String)> = want
        .iter()
        .map(|&(id, s, t)| (id.to_string(), s, t.to_string()))
        .collect();
    assert_eq!(got, want, "text: {text:?}");
}

/// `t!(name, gazetteer TSV, text, [(id, byte start, surface)…])`, smart case.
macro_rules! t {
    ($name:ident, $gaz:expr, $text:expr, $want:expr) => {
        #[test]
        fn $name() {
            check($gaz, CaseMode::Smart, $text, &$want)
        }
    };
    ($name:ident, $case:expr, $gaz:expr, $text:expr, $want:expr) => {
        #[test]
        fn $name() {
            check($gaz, $case, $text, &$want)
        }
    };
}

const IRAN: &str = "iran\tLOC\tIran\t\n";

// ---- BOUNDARY: whole words only (UAX #29) ----
t!(boundary_not_inside_word, IRAN, "Iranian forces", []);
t!(
    boundary_hyphen_compound,
    IRAN,
    "Iran-backed militias",
    [("iran", 0, "Iran")]
);
t!(
    boundary_abbreviation_before_hyphen,
    "us\tLOC\tUnited States\tU.S.\n",
    "a U.S.-designated group",
    [("us", 2, "U.S.")]
);
t!(
    boundary_not_inside_abbreviation,
    "us\tLOC\tUnited States\tU.S\n",
    "U.S.A.",
    []
);
t!(boundary_digits_glue, "g7\tORG\tG7\t\n", "G7 and G77", [("g7", 0, "G7")]);
t!(
    boundary_parentheses,
    "irgc\tORG\tIRGC\t\n",
    "Corps (IRGC), a",
    [("irgc", 7, "IRGC")]
);

// ---- NORMALIZATION: variants match, the source text is reported ----
t!(
    quotes_curly_equals_straight,
    "kh\tORG\tKata'ib Hezbollah\t\n",
    "Brigades (Kata’ib Hezbollah)",
    [("kh", 10, "Kata’ib Hezbollah")]
);
t!(
    // "Qāsem Soleimānī": ā and ī are 2 bytes each → 18 bytes.
    diacritics_in_text,
    "qs\tPERSON\tQasem Soleimani\t\n",
    "Qāsem Soleimānī spoke",
    [("qs", 0, "Qāsem Soleimānī")]
);
t!(
    diacritics_in_alias,
    "sp\tLOC\tSão Paulo\t\n",
    "in Sao Paulo and São Paulo",
    // "in Sao Paulo and " = 17 bytes.
    [("sp", 3, "Sao Paulo"), ("sp", 17, "São Paulo")]
);
t!(
    whitespace_single_line_break,
    "amm\tPERSON\tAbu Mahdi al-Muhandis\t\n",
    "was Abu Mahdi\nal-Muhandis, the",
    [("amm", 4, "Abu Mahdi\nal-Muhandis")]
);
t!(
    whitespace_no_break_space,
    "as\tPERSON\tAli Shamkhani\t\n",
    "head\u{a0}Ali\u{a0}Shamkhani read",
    // "head" + NBSP (2 bytes) = 6; "Ali" + NBSP + "Shamkhani" = 3+2+9.
    [("as", 6, "Ali\u{a0}Shamkhani")]
);
t!(
    whitespace_paragraph_break_stops,
    "amm\tPERSON\tAbu Mahdi\t\n",
    "Abu\n\nMahdi",
    []
);
t!(
    // A hyphen with whitespace on both sides is a dash: it stops matches.
    spaced_dash_stops,
    "ca\tORG\tCricket Australia\t\n",
    "CRICKET - AUSTRALIA",
    []
);
t!(
    hyphen_equals_space,
    "amm\tPERSON\tal-Muhandis\t\n",
    "al Muhandis and al‐Muhandis",
    // "al Muhandis and " = 16 bytes; U+2010 is a 3-byte hyphen.
    [("amm", 0, "al Muhandis"), ("amm", 16, "al‐Muhandis")]
);
t!(
    soft_hyphen_ignored,
    "qs\tPERSON\tSoleimani\t\n",
    "Solei\u{ad}mani",
    [("qs", 0, "Solei\u{ad}mani")]
);

// ---- POSSESSIVE ----
t!(
    possessive_curly,
    "qs\tPERSON\tSoleimani\t\n",
    "Soleimani’s death",
    [("qs", 0, "Soleimani")]
);
t!(possessive_straight, IRAN, "Iran's policy", [("iran", 0, "Iran")]);
t!(
    possessive_plural,
    "am\tNORP\tAmericans\t\n",
    "the Americans' claim",
    [("am", 4, "Americans")]
);
t!(apostrophe_inside_word_blocks, "k\tORG\tKata\t\n", "Kata'ib", []);

// ---- CASE ----
t!(
    case_smart_more_capitalized_ok,
    "bg\tLOC\tBaghdad\t\n",
    "BAGHDAD and Baghdad",
    [("bg", 0, "BAGHDAD"), ("bg", 12, "Baghdad")]
);
t!(
    case_smart_capitalized_lowercase_alias,
    "amm\tPERSON\tal-Muhandis\t\n",
    "Al-Muhandis said",
    [("amm", 0, "Al-Muhandis")]
);
t!(
    case_smart_less_capitalized_fails,
    "us\tLOC\tUnited States\tUS\n",
    "Please let us know. Us too.",
    []
);
t!(case_smart_common_word, "tr\tLOC\tTurkey\t\n", "roast turkey", []);
t!(
    case_sensitive_flag,
    CaseMode::Sensitive,
    "bg\tLOC\tBaghdad\t\n",
    "BAGHDAD and Baghdad",
    [("bg", 12, "Baghdad")]
);
t!(
    case_insensitive_flag,
    CaseMode::Insensitive,
    "tr\tLOC\tTurkey\t\n",
    "roast turkey",
    [("tr", 6, "turkey")]
);
t!(
    case_pinned_by_entity,
    "tr\tLOC\tTurkey\t\tcase=insensitive\nbg\tLOC\tBaghdad\t\tcase=strict\n",
    "roast turkey in BAGHDAD",
    [("tr", 6, "turkey")]
);

// ---- OVERLAP ----
t!(
    overlap_longest_wins,
    "ny\tLOC\tNew York\t\nyk\tLOC\tYork\t\nnyt\tORG\tNew York Times\t\n",
    "the New York Times in York",
    [("nyt", 4, "New York Times"), ("yk", 22, "York")]
);
t!(
    overlap_failed_long_does_not_hide_short,
    "al\tPERSON\tAl\t\nag\tPERSON\tAl Gore\t\n",
    "Al Gorey said",
    [("al", 0, "Al")]
);
t!(
    overlap_priority_breaks_ties,
    "ab\tORG\tAlpha Beta\t\nbg\tORG\tBeta Gamma\t\tpriority=5\n",
    "Alpha Beta Gamma",
    [("bg", 6, "Beta Gamma")]
);
t!(
    overlap_load_order_breaks_ties,
    "ab\tORG\tAlpha Beta\t\nbg\tORG\tBeta Gamma\t\n",
    "Alpha Beta Gamma",
    [("ab", 0, "Alpha Beta")]
);

// ---- UNICODE offsets ----
t!(
    // İ is 2 bytes: "İzmir ve " = 2+4+1+2+1 = 10.
    unicode_fold_changes_length_before_match,
    "an\tLOC\tAnkara\t\n",
    "İzmir ve Ankara",
    [("an", 10, "Ankara")]
);
t!(unicode_emoji_before, IRAN, "🎉 Iran", [("iran", 5, "Iran")]);
t!(
    // "Pe" + U+0301 (2 bytes) + "rez" = 7 bytes.
    unicode_combining_marks,
    "p\tPERSON\tPérez\t\n",
    "Pe\u{301}rez and",
    [("p", 0, "Pe\u{301}rez")]
);
t!(unicode_cjk_before, IRAN, "北京 Iran", [("iran", 7, "Iran")]);
// UAX #29 breaks between ideographs, so a Han alias is found in running
// text without spaces ("在" is 3 bytes).
t!(unicode_cjk_alias, "bj\tLOC\t北京\t\n", "在北京市", [("bj", 3, "北京")]);

#[test]
fn ambiguous_alias_lists_candidates() {
    let ex = extractor(
        "test.tsv",
        "ga-state\tLOC\tGeorgia\t\tpriority=1\n\
         ga-country\tLOC\tGeorgia\t\tpriority=2\n\
         ga-other\tLOC\tGeorgia\t\tpriority=1\n",
        CaseMode::Smart,
    );
    let mut scratch = Scratch::new();
    let ms = ex.extract("in Georgia", &mut scratch);
    assert_eq!(ms.len(), 1);
    assert_eq!(ex.entity(ms[0].entity).id, "ga-country");
    let others: Vec<&str> =
        ms[0].candidates.iter().map(|&e| ex.entity(e).id).collect();
    // Equal priority: load order.
    assert_eq!(others, ["ga-state", "ga-other"]);
}

#[test]
fn candidates_respect_case() {
    // "US" (country) and "us" would not share a mention: lower text only
    // passes the lower-case alias.
    let ex = extractor(
        "test.tsv",
        "us\tLOC\tUnited States\tUS\nus-pron\tOTHER\tus\t\n",
        CaseMode::Smart,
    );
    let mut scratch = Scratch::new();
    let ms = ex.extract("tell us", &mut scratch).to_vec();
    assert_eq!(ms.len(), 1);
    assert_eq!(ex.entity(ms[0].entity).id, "us-pron");
    assert!(ms[0].candidates.is_empty());
}

// ---- COMMON WORDS: minor places named like English words ----
const NICE: &str =
    "nice\tLOC\tNice\t\tpriority=10\nfr\tLOC\tTurkey\t\tpriority=30\n";
/// `tb!(name, gazetteer TSV, text, [(id, byte start, surface)…])`: [`t!`]
/// with the gazetteer as a built-in file.
macro_rules! tb {
    ($name:ident, $gaz:expr, $text:expr, $want:expr) => {
        #[test]
        fn $name() {
            check_builtin($gaz, $text, &$want)
        }
    };
}
tb!(
    common_word_mid_sentence,
    NICE,
    "a trip to Nice in May",
    [("nice", 10, "Nice")]
);
tb!(common_word_sentence_start, NICE, "Nice weather. Nice is far.", []);
tb!(common_word_after_line_break, NICE, "x\nNice", []);
tb!(common_word_all_caps, NICE, "FLIGHTS TO NICE", []);
// `He said: "` is 10 bytes; a colon does not end a sentence.
tb!(common_word_after_quote, NICE, "He said: \"Nice", [("nice", 10, "Nice")]);
// Countries (priority 30 and above) are exempt.
tb!(
    common_word_country_exempt,
    NICE,
    "Turkey said. TURKEY",
    [("fr", 0, "Turkey"), ("fr", 13, "TURKEY")]
);
// A user's gazetteer is matched as listed: the rule guards the built-in
// long tail only.
t!(
    common_word_user_entry_as_listed,
    "tr\tLOC\tTurkey\t\n",
    "Turkey said no.",
    [("tr", 0, "Turkey")]
);
// An alias in capitals is an acronym, never the word: "US" at the start of
// a sentence is found, "us" is not.
tb!(
    common_word_acronym_alias,
    "us\tLOC\tUS\t\tpriority=10\n",
    "US troops left. Give us time.",
    [("us", 0, "US")]
);

// ---- DOCUMENT EVIDENCE: the rest of the article picks among options ----
const GEORGIA: &str = "ge\tLOC\tGeorgia\t\tpriority=30\n\
                       us\tLOC\tUnited States\t\tpriority=30\n\
                       ga\tLOC\tGeorgia\t\tpriority=20;country=us\n\
                       atl\tLOC\tAtlanta\t\tpriority=10;country=us\n\
                       tbs\tLOC\tTbilisi\t\tpriority=10;country=ge\n";

fn best_and_candidates(tsv: &str, text: &str) -> Vec<(String, Vec<String>)> {
    let ex = extractor("test.tsv", tsv, CaseMode::Smart);
    let mut scratch = Scratch::new();
    ex.extract(text, &mut scratch)
        .iter()
        .map(|m| {
            (
                ex.entity(m.entity).id.to_string(),
                m.candidates
                    .iter()
                    .map(|&c| ex.entity(c).id.to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn evidence_city_in_the_state() {
    // Atlanta's country is the US, and so is the state's: the state wins.
    let got = best_and_candidates(GEORGIA, "Atlanta, Georgia");
    assert_eq!(got[1], ("ga".to_string(), vec!["ge".to_string()]));
}

#[test]
fn evidence_city_in_the_country() {
    // Tbilisi's country is the country Georgia: it stays first.
    let got = best_and_candidates(GEORGIA, "Tbilisi, Georgia");
    assert_eq!(got[1], ("ge".to_string(), vec!["ga".to_string()]));
}

#[test]
fn no_evidence_keeps_the_static_ranking() {
    let got = best_and_candidates(GEORGIA, "Georgia voted.");
    assert_eq!(got, [("ge".to_string(), vec!["ga".to_string()])]);
}
