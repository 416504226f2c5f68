//! Document-level rules: what the text itself makes evident about names
//! the gazetteer does not settle, with no model, in a few linear passes
//! over the words of one document.
//!
//! A gazetteer only knows the names it lists: most people and companies in
//! the news are not in it, and some names it does list are also surnames (a
//! town called Ramos) or sports teams (Surrey, NEW YORK in a standings
//! table). Each rule family lives in its own module:
//!
//! * `person`: `given-name` (a common given name from
//!   `gazetteers/lexicon/given-names.txt` followed by one to three
//!   capitalized words: `Phil Simmons`, `George W. Bush`), `initial`
//!   (`J. Adams`), `title` (`President`, `Mr.`, `Prime Minister` before
//!   capitalized words; the title is not part of the mention, and a
//!   gazetteer PERSON that starts with one is trimmed) and `role` (`coach
//!   Glenn Hoddle`, `striker Shearer`);
//! * `org`: `org-suffix` (capitalized words ending in a company or
//!   institution word from `gazetteers/lexicon/org-suffixes.txt`: `Acme
//!   Holdings Ltd`, or an institution word with an `of` complement: `Bank
//!   of England`) and `ampersand` (`Procter & Gamble`, off by default);
//! * `sports`: `team`, the names in sports tables (standings `Bolton 3 2
//!   1 0 5 2 7`, scores `Chicago 4 HOUSTON 3`, fixtures `Reading v Stoke`)
//!   are ORG, and so are the other mentions of a place the tables show is a
//!   team;
//! * `propagate`: `propagation` (lone occurrences of a person's surname,
//!   or of an East Asian family name written first, are that person) and
//!   `org-propagation` (the same for the distinctive first word of an
//!   organization found by the rules);
//! * `acronym`: `acronym`, small towns matched by an acronym in ordinary
//!   text (`DAX` is not Dax, France) are dropped;
//! * `definition`: `acronym-definition`, a short form the article defines
//!   (`the World Health Organization (WHO)`) is its long form wherever it
//!   appears after the definition.
//! * `longer`: `longer-name`, a gazetteer name strictly inside a longer
//!   name gives way to it (`Ontario New Democratic Party`, `Parliament of
//!   Norway`, `Hansa Rostock`, `Santiago Bernabeu Stadium`).
//! * `office`: `office`, office and party words around a place
//!   (`Georgia Gov.`, `the New York Democrat`) make it a first-level
//!   division in the document evidence (`crate::extract`), and a party
//!   tag's state abbreviation (`(D-Calif.)`) is the state;
//! * `titlecase`: `title-case`, in a line written in Title Case the
//!   person and organization rules need stronger evidence (`Iran Says It
//!   Will Respond` names nobody);
//! * `byline`: `byline`, a byline's role words (`Jane Smith Fool
//!   Contributor`) are not part of the name.
//!
//! `lexicon` holds the word lists (data files under
//! `gazetteers/lexicon/`) and the word classes they give; `document` the
//! per-document state the rules share: the words, their classes, the
//! capitalized sequences, and `Doc::emit`, the one place that decides
//! which gazetteer mentions a rule mention may replace.
//!
//! The rules respect the gazetteer. A rule mention never overlaps a
//! gazetteer mention it does not replace, and it replaces only: PERSON
//! mentions (with a longer or better name); minor places inside a person's
//! name (a LOC of priority ≤ [`MINOR_PRIORITY`], or ≤ [`SURNAME_PRIORITY`]
//! after the first word, with population below [`MINOR_POPULATION`]:
//! `Fidel Ramos`, `Mariano Rivera`); any mention inside an `org-suffix` or
//! `team` ORG (`Bank of England`); places that the tables show are
//! teams; and, for `longer-name`, places and organizations inside a longer
//! organization, places and people inside a venue. Except for `team` and `propagation`, nothing fires on lines
//! written mostly in capitals (headlines, tables).
//!
//! The caller runs the gazetteer, hands its mentions to [`Rules::apply`]
//! with a [`MentionInfo`] describing them, removes [`RuleOutput::drop`] and
//! inserts [`RuleOutput::add`]: after a sort by start, the mentions never
//! overlap.

mod acronym;
mod byline;
mod definition;
mod document;
mod family;
mod lexicon;
mod longer;
mod office;
mod org;
mod person;
mod propagate;
mod sports;
mod titlecase;
mod wordmap;

use foldhash::HashSet;

use crate::gazetteer::EntityId;
use crate::mention::{Mention, Span};
use crate::normalize::NormText;
use crate::text::tokenize::{mark_shouting, tokenize, Tok};

use self::document::{map_mentions, Doc};
use self::lexicon::Class;
pub use self::lexicon::{given_name_count, GIVEN_NAMES, ORG_SUFFIXES};
use self::wordmap::WordMap;

/// A place below this population may be a surname inside a person's name.
pub const MINOR_POPULATION: u64 = 1_000_000;

/// Highest priority of a place that may be a given name (`Adem`, `Inga`):
/// cities (10 in the built-in gazetteer), not capitals (21), regions,
/// countries.
pub const MINOR_PRIORITY: i64 = 10;

/// Priority of a first-level division (a US state, a province) in the
/// built-in gazetteer (`gazetteers/loc-admin1.tsv`): a place with a
/// `country` at this priority is the division the `office` rule prefers.
pub const DIVISION_PRIORITY: i64 = 20;

/// Highest priority of a place that may be a surname after a given name
/// (`Mariano Rivera`, `Anthony Washington`): cities, admin regions and
/// capitals, not countries (30) or continents.
pub const SURNAME_PRIORITY: i64 = 21;

/// One rule: its name (in `via` as `rule:NAME`, and for
/// [`Rules::set_enabled`]), its bit in [`Rules`]' switches, and whether
/// it runs by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A given name followed by capitalized words.
    GivenName,
    /// Initials followed by a capitalized word.
    Initial,
    /// A title before capitalized words.
    Title,
    /// A lower-case role noun before capitalized words.
    Role,
    /// Capitalized words ending in a company or institution word.
    OrgSuffix,
    /// Capitalized words joined by `&`.
    Ampersand,
    /// Names in sports tables, and the places they show are teams.
    Team,
    /// A person's surname alone, after the full name.
    Propagation,
    /// An organization's first word alone, after the full name.
    OrgPropagation,
    /// Small towns matched by an acronym, dropped.
    Acronym,
    /// A short form the article defines (`World Health Organization
    /// (WHO)`), tagged as its long form.
    AcronymDefinition,
    /// In a document about sports, a club named like a place (`Chelsea`)
    /// is the club.
    SportsContext,
    /// A family name written first (`Gong Zhichao`).
    FamilyFirst,
    /// A gazetteer name inside a longer name gives way to it (`Ontario
    /// New Democratic Party`, `Hansa Rostock`).
    LongerName,
    /// An office or party word next to a place (`Georgia Gov.`, `New York
    /// Democrat`, `(D-Calif.)`) names a first-level division.
    Office,
    /// In a line written in Title Case, names need stronger evidence.
    TitleCase,
    /// A byline's role words (`Fool Contributor`) are not the name.
    Byline,
}

impl Rule {
    /// Every rule, in the order `--help` and DESIGN.md list them.
    pub const ALL: [Rule; 17] = [
        Rule::GivenName,
        Rule::Initial,
        Rule::Title,
        Rule::Role,
        Rule::OrgSuffix,
        Rule::Ampersand,
        Rule::Team,
        Rule::Propagation,
        Rule::OrgPropagation,
        Rule::Acronym,
        Rule::AcronymDefinition,
        Rule::SportsContext,
        Rule::FamilyFirst,
        Rule::LongerName,
        Rule::Office,
        Rule::TitleCase,
        Rule::Byline,
    ];

    /// The rule's name, as in `via` (`rule:given-name`).
    pub const fn name(self) -> &'static str {
        match self {
            Rule::GivenName => "given-name",
            Rule::Initial => "initial",
            Rule::Title => "title",
            Rule::Role => "role",
            Rule::OrgSuffix => "org-suffix",
            Rule::Ampersand => "ampersand",
            Rule::Team => "team",
            Rule::Propagation => "propagation",
            Rule::OrgPropagation => "org-propagation",
            Rule::Acronym => "acronym",
            Rule::AcronymDefinition => "acronym-definition",
            Rule::SportsContext => "sports-context",
            Rule::FamilyFirst => "family-name-first",
            Rule::LongerName => "longer-name",
            Rule::Office => "office",
            Rule::TitleCase => "title-case",
            Rule::Byline => "byline",
        }
    }

    /// Whether the rule runs by default. `ampersand` (`Smith & Wesson`)
    /// found a few more organizations in the dev data and cost more in
    /// precision (DESIGN.md, "Rules").
    pub const fn default_on(self) -> bool {
        !matches!(self, Rule::Ampersand)
    }

    /// The rule called `name`.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }

    const fn bit(self) -> u32 {
        1 << self as u32
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What the rules need to know about each gazetteer mention.
pub trait MentionInfo {
    /// The type label (`PERSON`, `ORG`, `LOC`, `NORP`, …).
    fn kind(&self, i: usize) -> &str;
    /// The canonical name.
    fn name(&self, i: usize) -> &str;
    /// The population attribute (0 when unknown).
    fn population(&self, i: usize) -> u64;
    /// The priority attribute.
    fn priority(&self, i: usize) -> i64;
    /// The first-level division of the country called `country` that the
    /// gazetteer lists under `name` (`California`, `United States`: the
    /// state, not Montana province of Bulgaria for `Montana`), if any;
    /// for the `office` rule's party tags (`(D-Calif.)`).
    fn division(&self, _name: &str, _country: &str) -> Option<EntityId> {
        None
    }
}

/// A mention found by a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleMention {
    /// Where, in source bytes (half-open).
    pub span: Span,
    /// `"PERSON"`, `"ORG"`, or `"LOC"` (a venue, `longer-name`).
    pub kind: &'static str,
    /// The canonical name: the span's text, or for `propagation` the full
    /// name the word refers back to.
    pub name: String,
    /// Which rule found it.
    pub rule: Rule,
    /// The gazetteer entity it names, when the rule found it through one:
    /// a surname propagated from a gazetteer person, a gazetteer person's
    /// name without its title. The output then gives that entity's id,
    /// name and Wikidata id, and counts the mention in its row.
    pub entity: Option<EntityId>,
}

/// What [`Rules::apply`] found: mentions to add, and gazetteer mentions (by
/// index) to drop. Reuse one per thread and [`RuleOutput::clear`] it
/// between documents.
#[derive(Debug, Default)]
pub struct RuleOutput {
    /// Rule mentions, sorted by start.
    pub add: Vec<RuleMention>,
    /// Indices of the gazetteer mentions they replace, ascending.
    pub drop: Vec<usize>,
    scratch: Scratch,
}

impl RuleOutput {
    /// Empty the output (buffers are kept).
    pub fn clear(&mut self) {
        self.add.clear();
        self.drop.clear();
    }
}

/// Per-document buffers, reused.
#[derive(Debug, Default)]
struct Scratch {
    toks: Vec<Tok>,
    /// Folded text of the current word.
    key: String,
    norm: NormText,
    /// Propagation keys: folded word → (index into `names`, kind).
    keys: WordMap<(usize, &'static str)>,
    /// Propagation's full names, with the gazetteer entity of each.
    names: Vec<(String, Option<EntityId>)>,
    /// Propagation sources: (start, end, kind, index into `names`).
    sources: Vec<(usize, usize, &'static str, usize)>,
    /// Folded texts of places that are teams in this document.
    teams: HashSet<String>,
    /// The Title-Case lines, as word ranges.
    title_case: Vec<(u32, u32)>,
    /// Capitalized stop words inside a sentence (see `Rules::classify`).
    marks: Vec<u32>,
}

/// The rule data and switches. Build once ([`Rules::builtin`]) and share
/// between threads.
#[derive(Clone, Debug)]
pub struct Rules {
    /// Word classes ([`Class`]) of words as written: titles, suffixes, heads,
    /// particles, roles.
    exact: WordMap<Class>,
    /// Word classes of folded words: stop words, generic nouns, given
    /// names, event words.
    folded: WordMap<Class>,
    /// Words of sports reporting (folded), each with its own number.
    sports_words: WordMap<u16>,
    /// For each length in bytes, the first letters of the sports words of
    /// that length (bit 0 `a`): most words need no lookup.
    sports_firsts: [u32; 16],
    /// East Asian family names, with the languages (`family::ZH` …) that
    /// write them first.
    surnames_first: WordMap<u8>,
    /// Venue, organization-head and club words of `longer-name`, as
    /// written.
    longer: WordMap<u8>,
    /// The `office` rule's contexts and party-tag abbreviations.
    office: office::Contexts,
    /// The `title-case` rule's words (folded) and the `byline` rule's role
    /// nouns (as written).
    title_case: titlecase::Words,
    enabled: u32,
}

impl Rules {
    /// The built-in rule data (the lists in `gazetteers/lexicon/`), every
    /// rule on that is on by default ([`Rule::default_on`]).
    pub fn builtin() -> Rules {
        let mut rules = Rules::from_lists(GIVEN_NAMES, ORG_SUFFIXES);
        for rule in Rule::ALL {
            rules.set(rule, rule.default_on());
        }
        rules
    }

    /// Turn one rule on or off.
    pub fn set(&mut self, rule: Rule, on: bool) {
        if on {
            self.enabled |= rule.bit();
        } else {
            self.enabled &= !rule.bit();
        }
    }

    /// Turn one rule on or off by name (see [`Rule::name`]); false when
    /// the name is unknown.
    pub fn set_enabled(&mut self, rule: &str, on: bool) -> bool {
        let Some(rule) = Rule::from_name(rule) else { return false };
        self.set(rule, on);
        true
    }

    /// Whether `rule` is on.
    pub fn on(&self, rule: Rule) -> bool {
        self.enabled & rule.bit() != 0
    }

    /// Given a text and the gazetteer mentions already found in it (sorted,
    /// non-overlapping, byte spans) and what `info` says about each (kind,
    /// name, population, priority), append the rule mentions to add to
    /// `out.add` (sorted by start) and the indices of the gazetteer
    /// mentions they replace to `out.drop` (ascending). After dropping
    /// those and adding these, mentions never overlap, and every added span
    /// starts and ends on a word boundary. Clear `out` between documents.
    ///
    /// A gazetteer mention is replaced only by a rule mention that covers
    /// it, and only when it is a PERSON (a longer name, or the name without
    /// its title), a minor place inside a person's name, any mention inside
    /// an `org-suffix`/`team` ORG, a place that is a team, or a part of
    /// a longer name (`longer-name`).
    pub fn apply(
        &self,
        text: &str,
        mentions: &[Mention],
        info: &dyn MentionInfo,
        out: &mut RuleOutput,
    ) {
        let base = out.add.len();
        let RuleOutput { add, drop, scratch } = out;
        tokenize(text, &mut scratch.toks);
        if scratch.toks.is_empty() {
            return;
        }
        map_mentions(&mut scratch.toks, mentions);
        self.classify(
            text,
            &mut scratch.toks,
            &mut scratch.key,
            &mut scratch.norm,
            &mut scratch.marks,
        );
        mark_shouting(&mut scratch.toks);
        scratch.title_case.clear();
        if self.on(Rule::TitleCase) {
            titlecase::title_case_lines(
                text,
                &scratch.toks,
                &scratch.marks,
                &self.title_case,
                &mut scratch.title_case,
            );
        }
        let mut doc = Doc {
            rules: self,
            text,
            mentions,
            info,
            toks: &mut scratch.toks,
            key: &mut scratch.key,
            norm: &mut scratch.norm,
            title_case: &scratch.title_case,
        };
        if self.on(Rule::Title) {
            doc.trim_titles(add);
        }
        let before = add.len();
        if self.on(Rule::Team) {
            doc.teams(add, &mut scratch.teams);
        }
        if mentions.iter().any(|m| m.sports.is_some()) {
            // Switched off, no club named like a place is ever taken.
            let on = self.on(Rule::SportsContext);
            let tables = add.len() > before;
            doc.sports_context(on, tables, add, drop);
        }
        // Capitalized sequences, left to right; those of Title-Case lines
        // last, when the other lines' names are known (`title-case`).
        let n = doc.toks.len();
        let passes = if doc.title_case.is_empty() { 1 } else { 2 };
        for pass in 0..passes {
            let mut i = 0;
            while i < n {
                if !doc.chain_member(i) {
                    i += 1;
                    continue;
                }
                let e = doc.chain_end(i);
                if passes == 1 || doc.in_title_case(i) == (pass == 1) {
                    doc.chain(i, e, add);
                }
                i = e.max(i + 1);
            }
        }
        if self.on(Rule::Office) {
            self.party_tags(text, mentions, info, add);
        }
        if self.on(Rule::Propagation) || self.on(Rule::OrgPropagation) {
            doc.propagate(
                base,
                add,
                &mut scratch.keys,
                &mut scratch.names,
                &mut scratch.sources,
            );
        }
        if self.on(Rule::AcronymDefinition) {
            // Sorted, so that definitions find the mention before a
            // parenthesis by binary search.
            add[base..].sort_by_key(|m| m.span.start);
            doc.acronym_definitions(base, add);
        }
        add[base..].sort_by_key(|m| m.span.start);
        // Every gazetteer mention overlapping an added span is replaced.
        let mut j = 0;
        for m in &add[base..] {
            while j < mentions.len() && mentions[j].span.end <= m.span.start {
                j += 1;
            }
            let mut k = j;
            while k < mentions.len() && mentions[k].span.start < m.span.end {
                drop.push(k);
                k += 1;
            }
        }
        if self.on(Rule::Acronym) {
            doc.acronyms(drop);
        }
        drop.sort_unstable();
        drop.dedup();
    }
}

#[cfg(test)]
mod tests;
