//! Random small gazetteers (aliases from a narrow alphabet, so they collide
//! with the text and with each other, plus raw Unicode), random case modes
//! and priorities, and a text that mixes the aliases with other pieces;
//! checks every invariant of `Extractor::extract` with
//! `entx::testing::check_invariants`, the same function the property tests
//! run on stable.

#![no_main]

use arbitrary::Arbitrary;
use entx::gazetteer::EntityDef;
use entx::{Alias, CaseMode, Gazetteer};
use libfuzzer_sys::fuzz_target;

/// Pieces that exercise folding, separators and boundaries.
const ALPHABET: &[&str] = &[
    "a", "b", "s", "A", "B", "S", "é", "É", "e\u{301}", "İ", "ı", "ß", "ẞ",
    "ﬁ", " ", "  ", "-", "\n", "\n\n", "\r\n", "\r", "\t", "\u{a0}",
    "\u{2029}", "\u{2013}", "’", "'", "`", ".", ",", "\u{ad}", "\u{200d}",
    "\u{feff}", "\u{301}", "1", "2", "_", "😀", "日本", "\u{0}", "U.S.",
    "Iran", "Iraq",
];

#[derive(Arbitrary, Debug)]
enum Str {
    /// Pieces of the alphabet, by index.
    Alpha(Vec<u8>),
    /// Any string.
    Raw(String),
}

impl Str {
    fn render(&self) -> String {
        match self {
            Str::Alpha(v) => v
                .iter()
                .take(64)
                .map(|&b| ALPHABET[b as usize % ALPHABET.len()])
                .collect(),
            Str::Raw(s) => s.chars().take(64).collect(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Ent {
    id: u8,
    kind: bool,
    aliases: Vec<(Str, u8)>,
    priority: i8,
    population: u16,
    case: u8,
}

#[derive(Arbitrary, Debug)]
enum Part {
    /// The n-th alias of all entities, possibly re-cased.
    Alias(u8, u8),
    Piece(Str),
}

#[derive(Arbitrary, Debug)]
struct Inputs {
    entities: Vec<Ent>,
    text: Vec<Part>,
    case: u8,
}

fn mode(b: u8) -> Option<CaseMode> {
    match b % 4 {
        0 => None,
        1 => Some(CaseMode::Smart),
        2 => Some(CaseMode::Sensitive),
        _ => Some(CaseMode::Insensitive),
    }
}

fn mode_name(m: CaseMode) -> &'static str {
    match m {
        CaseMode::Smart => "smart",
        CaseMode::Sensitive => "sensitive",
        CaseMode::Insensitive => "insensitive",
    }
}

fn recase(s: &str, how: u8) -> String {
    match how % 4 {
        0 => s.to_string(),
        1 => s.to_uppercase(),
        2 => s.to_lowercase(),
        _ => s
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 0 {
                    c.to_uppercase().collect::<String>()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    }
}

fuzz_target!(|inputs: Inputs| {
    let mut gaz = Gazetteer::new();
    let mut all_aliases = Vec::new();
    for (line, e) in inputs.entities.iter().take(8).enumerate() {
        let aliases: Vec<Alias> = e
            .aliases
            .iter()
            .take(4)
            .map(|(s, c)| Alias { text: s.render(), case: mode(*c) })
            .collect();
        let Some((first, rest)) = aliases.split_first() else { continue };
        all_aliases.extend(aliases.iter().map(|a| a.text.clone()));
        let mut attributes = vec![
            ("priority".to_string(), e.priority.to_string()),
            ("population".to_string(), e.population.to_string()),
        ];
        if let Some(m) = mode(e.case) {
            attributes.push(("case".into(), mode_name(m).into()));
        }
        let def = EntityDef {
            id: format!("e{}", e.id % 8),
            kind: if e.kind { "LOC" } else { "ORG" }.into(),
            name: first.text.clone(),
            aliases: rest.to_vec(),
            attributes,
            line: line as u64 + 1,
        };
        // Conflicting types for a repeated id are an error; that is fine.
        let _ = gaz.add_def("fuzz", def);
    }
    let mut text = String::new();
    for part in inputs.text.iter().take(32) {
        match part {
            Part::Alias(i, how) if !all_aliases.is_empty() => {
                let a = &all_aliases[*i as usize % all_aliases.len()];
                text.push_str(&recase(a, *how));
            }
            Part::Alias(..) => {}
            Part::Piece(s) => text.push_str(&s.render()),
        }
    }
    let case = mode(inputs.case).unwrap_or_default();
    if let Err(msg) = entx::testing::check_invariants(&gaz, case, &text) {
        panic!("{msg}\ntext: {text:?}\ngazetteer: {:#?}", gaz.entities());
    }
});
