//! Rule-based mention sources layered on the gazetteer.
//!
//! A gazetteer only knows the names it lists: most people and companies in
//! the news are not in it, and some names it does list are also surnames (a
//! town called Ramos) or sports teams (Surrey, NEW YORK in a standings
//! table). The rules add what the text itself makes evident, with no model,
//! in a few linear passes over the words of one document:
//!
//! * `given-name`: a common given name (`gazetteers/given-names.txt`)
//!   followed by one to three capitalized words is a PERSON (`Phil
//!   Simmons`, `Anne-Gaelle Sidot`, `George W. Bush`, `Rami al-Saadani`);
//! * `initial`: initials followed by a capitalized word (`J. Adams`);
//! * `title`: a title (`President`, `Mr.`, `Prime Minister`) followed by
//!   capitalized words: the words are a PERSON, the title is not part of the
//!   mention (a gazetteer PERSON that starts with a title is trimmed too);
//! * `role`: the same after a lower-case role noun (`coach Glenn Hoddle`,
//!   `striker Shearer`);
//! * `org-suffix`: capitalized words ending in a company or institution word
//!   (`gazetteers/org-suffixes.txt`: `Inc.`, `Ltd`, `Party`, `University`),
//!   or an institution word with an `of` complement (`Bank of England`);
//! * `ampersand`: capitalized words joined by `&` (`Procter & Gamble`);
//! * `team`: the names in sports tables (standings `Bolton 3 2 1 0 5 2 7`,
//!   scores `Chicago 4 HOUSTON 3`, fixtures `Reading v Stoke`) are ORG, and
//!   so are the other mentions of a place that the tables show is a team;
//! * `propagation`: lone occurrences of a person's surname (or of an East
//!   Asian family name written first) anywhere in the document are that
//!   person;
//! * `org-propagation`: the same for the distinctive first word of an
//!   organization found by the rules.
//!
//! The rules respect the gazetteer. A rule mention never overlaps a
//! gazetteer mention it does not replace, and it replaces only:
//! PERSON mentions (with a longer or better name); minor places inside a
//! person's name (a LOC of priority ≤ [`MINOR_PRIORITY`], or ≤
//! [`SURNAME_PRIORITY`] after the first word, with population below
//! [`MINOR_POPULATION`]: `Fidel Ramos`, `Mariano Rivera`); any mention
//! inside an `org-suffix` or `team` ORG (`Bank of England`); and places
//! that the tables show are teams. Except for `team` and `propagation`,
//! nothing fires on lines written mostly in capitals (headlines, tables).
//!
//! The caller runs the gazetteer, hands its mentions to [`Rules::apply`]
//! with a [`MentionInfo`] describing them, removes [`RuleOutput::drop`] and
//! inserts [`RuleOutput::add`]: after a sort by start, the mentions never
//! overlap.

use foldhash::HashSet;

use crate::extract::{Mention, Span};
use crate::normalize::{NormText, Normalizer};
use crate::swar;
use crate::tokenize::{is_boundary, is_end_boundary};
use crate::wordmap::{ShortKey, WordMap};

/// The embedded list of given names.
pub const GIVEN_NAMES: &str = include_str!("../gazetteers/given-names.txt");
/// The embedded list of organization suffixes and heads.
pub const ORG_SUFFIXES: &str = include_str!("../gazetteers/org-suffixes.txt");

/// A place below this population may be a surname inside a person's name.
pub const MINOR_POPULATION: u64 = 1_000_000;

/// Highest priority of a place that may be a given name (`Adem`, `Inga`):
/// cities (10 in the built-in gazetteer), not capitals (21), regions,
/// countries.
pub const MINOR_PRIORITY: i64 = 10;

/// Highest priority of a place that may be a surname after a given name
/// (`Mariano Rivera`, `Anthony Washington`): cities, admin regions and
/// capitals, not countries (30) or continents.
pub const SURNAME_PRIORITY: i64 = 21;

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
}

/// A mention found by a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleMention {
    /// Where, in source bytes (half-open).
    pub span: Span,
    /// `"PERSON"` or `"ORG"`.
    pub kind: &'static str,
    /// The canonical name: the span's text, or for `propagation` the full
    /// name the word refers back to.
    pub name: String,
    /// Which rule found it (see [`RULE_NAMES`]).
    pub rule: &'static str,
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
    names: Vec<String>,
    /// Propagation sources: (start, end, kind, index into `names`).
    sources: Vec<(usize, usize, &'static str, usize)>,
    /// Folded texts of places that are teams in this document.
    teams: HashSet<String>,
}

/// One word of the text.
#[derive(Clone, Copy, Debug, Default)]
struct Tok {
    start: u32,
    end: u32,
    flags: u16,
    /// Index of the gazetteer mention overlapping the word, or `NO_GAZ`.
    gaz: u32,
    /// Word classes (`C_*`), for capitalized words and the lower-case
    /// words next to them.
    class: u16,
}

const NO_GAZ: u32 = u32::MAX;

/// First character upper-case.
const CAP: u16 = 1;
/// At least two letters and no lower-case letter.
const UPPER: u16 = 1 << 1;
/// First character lower-case.
const LOWER: u16 = 1 << 2;
/// First character a digit.
const DIGIT: u16 = 1 << 3;
/// Initials: `J.` or `J.K.` (the word includes the final period).
const INITIAL: u16 = 1 << 4;
/// First word of a sentence or of a line.
const SENT: u16 = 1 << 5;
/// Separated from the previous word by horizontal whitespace only.
const JOINED: u16 = 1 << 6;
/// Separated from the previous word by a period and horizontal whitespace.
const JOINED_DOT: u16 = 1 << 7;
/// Separated from the previous word by `&` (and optional spaces).
const AMP: u16 = 1 << 8;
/// In a sentence or line written mostly in capitals.
const SHOUT: u16 = 1 << 9;
/// Followed by a possessive `'s`.
const POSS: u16 = 1 << 10;
/// Part of a rule mention already.
const CLAIMED: u16 = 1 << 11;
/// First word of a line.
const LINE: u16 = 1 << 12;
/// A lower-case name part: `al-Assad`, `bin-Laden`.
const NAMEPART: u16 = 1 << 13;
/// Directly followed by a period.
const DOTTED: u16 = 1 << 14;
/// Separated from the previous word by one comma (`Acme , Inc`).
const COMMA: u16 = 1 << 15;

const RULE_GIVEN: u32 = 1;
const RULE_INITIAL: u32 = 1 << 1;
const RULE_TITLE: u32 = 1 << 2;
const RULE_ORG: u32 = 1 << 3;
const RULE_PROPAGATION: u32 = 1 << 4;
const RULE_ORG_PROPAGATION: u32 = 1 << 5;
const RULE_ROLE: u32 = 1 << 6;
const RULE_AMP: u32 = 1 << 7;
const RULE_TEAM: u32 = 1 << 8;
const RULE_ACRONYM: u32 = 1 << 9;

/// The rules, by the names [`RuleMention::rule`] and
/// [`Rules::set_enabled`] use.
pub const RULE_NAMES: &[&str] = &[
    "given-name",
    "initial",
    "title",
    "role",
    "org-suffix",
    "ampersand",
    "team",
    "propagation",
    "org-propagation",
    "acronym",
];

fn rule_bit(name: &str) -> Option<u32> {
    Some(match name {
        "given-name" => RULE_GIVEN,
        "initial" => RULE_INITIAL,
        "title" => RULE_TITLE,
        "role" => RULE_ROLE,
        "org-suffix" => RULE_ORG,
        "ampersand" => RULE_AMP,
        "team" => RULE_TEAM,
        "propagation" => RULE_PROPAGATION,
        "org-propagation" => RULE_ORG_PROPAGATION,
        "acronym" => RULE_ACRONYM,
        _ => return None,
    })
}

/// Given-name flags.
const NAME_AMBIGUOUS: u8 = 1;
const NAME_FAMILY_FIRST: u8 = 2;

/// The rule data and switches. Build once ([`Rules::builtin`]) and share
/// between threads.
#[derive(Clone, Debug)]
pub struct Rules {
    /// Word classes (`C_*`) of words as written: titles, suffixes, heads,
    /// particles, roles.
    exact: WordMap<u16>,
    /// Word classes of folded words: stop words, generic nouns, given
    /// names, event words.
    folded: WordMap<u16>,
    enabled: u32,
}

/// Word classes.
const C_STOP: u16 = 1;
const C_GENERIC: u16 = 1 << 1;
const C_GIVEN: u16 = 1 << 2;
const C_AMBIGUOUS: u16 = 1 << 3;
const C_FAMILY_FIRST: u16 = 1 << 4;
const C_SUFFIX: u16 = 1 << 5;
const C_STRONG: u16 = 1 << 6;
const C_HEAD_OF: u16 = 1 << 7;
const C_TITLE: u16 = 1 << 8;
const C_TITLE_MOD: u16 = 1 << 9;
const C_PARTICLE: u16 = 1 << 10;
const C_ROLE: u16 = 1 << 11;
const C_EVENT: u16 = 1 << 12;
const C_ORG_OK: u16 = 1 << 13;

/// Capitalized words that are not names: function words, pronouns, days,
/// months, and other frequent sentence starters.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "a", "about", "above", "according", "across", "after", "again", "against",
    "ago", "ah", "all", "almost", "along", "already", "also", "although",
    "always", "am", "among", "an", "and", "another", "any", "anyone",
    "anything", "are", "around", "as", "at", "away", "back", "be", "because",
    "been", "before", "being", "below", "besides", "between", "beyond", "both",
    "but", "by", "can", "cannot", "could", "despite", "did", "do", "does",
    "doing", "done", "down", "during", "each", "early", "either", "else",
    "enough", "even", "ever", "every", "everyone", "everything", "except",
    "far", "few", "first", "for", "former", "from", "further", "had", "has",
    "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
    "his", "how", "however", "i", "if", "in", "including", "indeed", "inside",
    "instead", "into", "is", "it", "its", "itself", "just", "last", "late",
    "later", "latest", "least", "less", "like", "many", "may", "maybe", "me",
    "meanwhile", "might", "more", "moreover", "most", "much", "must", "my",
    "near", "neither", "never", "nevertheless", "new", "next", "no", "none",
    "nor", "not", "nothing", "now", "of", "off", "often", "old", "on", "once",
    "one", "only", "onto", "or", "other", "others", "otherwise", "our", "ours",
    "out", "outside", "over", "own", "per", "perhaps", "please", "plus",
    "prior", "rather", "regarding", "same", "second", "several", "she",
    "should", "since", "so", "some", "someone", "something", "sometimes",
    "soon", "still", "such", "than", "that", "the", "their", "theirs", "them",
    "themselves", "then", "there", "therefore", "these", "they", "third",
    "this", "those", "though", "through", "throughout", "thus", "to", "today",
    "together", "tomorrow", "tonight", "too", "toward", "towards", "under",
    "unless", "unlike", "until", "up", "upon", "us", "very", "via", "was",
    "we", "well", "were", "what", "whatever", "when", "whenever", "where",
    "whereas", "whether", "which", "while", "who", "whoever", "whom", "whose",
    "why", "will", "with", "within", "without", "would", "yes", "yesterday",
    "yet", "you", "your", "yours", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november",
    "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "said",
    "says", "say", "told", "added", "asked", "see", "note", "notes", "source",
    "sources", "update", "updated", "reporting", "editing", "writing",
    "additional", "photo", "video", "click", "read", "more", "related",
    "advertisement", "total", "half", "result", "results", "standings",
    "scores", "table", "round", "week", "weekend", "year", "month", "day",
    "morning", "afternoon", "evening", "night", "mr", "mrs", "ms", "dr", "st",
    "no", "nos", "vs", "v", "am", "pm", "gmt", "bst", "est", "edt", "cet",
    "utc", "mt", "ft", "oh", "ok", "okay", "dear", "thank", "thanks", "hello",
    "sir",
];

/// Nouns that, inside or right after a capitalized sequence, make it a
/// place, event or thing rather than a person.
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "road", "street", "st", "avenue", "ave", "lane", "drive", "boulevard",
    "square", "park", "stadium", "arena", "field", "fields", "ground",
    "grounds", "river", "lake", "sea", "ocean", "gulf", "mountain",
    "mountains", "mount", "hill", "hills", "island", "islands", "bay",
    "valley", "desert", "forest", "beach", "coast", "airport", "port",
    "harbour", "harbor", "station", "hospital", "clinic", "hotel", "church",
    "cathedral", "chapel", "mosque", "temple", "synagogue", "bridge", "tower",
    "towers", "hall", "house", "palace", "castle", "center", "centre",
    "building", "plaza", "mall", "market", "prison", "jail", "camp", "base",
    "cup", "trophy", "open", "championship", "championships", "games",
    "olympics", "olympic", "grand", "prix", "tour", "classic", "masters",
    "marathon", "series", "derby", "day", "award", "awards", "prize", "medal",
    "war", "wars", "act", "law", "treaty", "accord", "accords", "plan",
    "index", "festival", "show", "world", "street", "bowl", "final", "finals",
    "league", "division", "conference", "summit", "county", "district",
    "province", "region", "state", "states", "city", "town", "village",
    "republic", "kingdom", "empire", "north", "south", "east", "west",
    "central", "northern", "southern", "eastern", "western", "airlines",
    "avenue", "way", "gate", "wall", "canal", "dam", "strait", "cape",
    "peninsula", "zone", "stock", "exchange", "dollar", "dollars", "peso",
    "yen", "euro", "pound", "shares", "bonds", "treasury", "treasuries",
    "futures", "index", "composite", "average", "rate", "rates", "report",
    "survey", "news", "times", "post", "journal", "magazine", "online", "tv",
    "radio", "christmas", "easter", "ramadan", "eid", "new", "year", "years",
];

/// Titles that announce a person's name.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Miss", "Mme", "Mlle", "Dr", "Prof", "Professor", "Sir",
    "Dame", "Lord", "Lady", "Baroness", "Baron", "Count", "Countess",
    "President", "Premier", "Chancellor", "Minister", "Secretary", "Senator",
    "Sen", "Rep", "Representative", "Congressman", "Congresswoman", "Governor",
    "Gov", "Mayor", "Judge", "General", "Gen", "Lt", "Lieutenant", "Col",
    "Colonel", "Capt", "Captain", "Cmdr", "Commander", "Admiral", "Adm", "Sgt",
    "Sergeant", "Brig", "Brigadier", "Marshal", "Maj", "King", "Queen",
    "Prince", "Princess", "Pope", "Archbishop", "Bishop", "Rev", "Reverend",
    "Father", "Imam", "Rabbi", "Sheikh", "Sheik", "Shaikh", "Ayatollah",
    "Mullah", "Emir", "Amir", "Sultan", "Ambassador", "Envoy", "Chairman",
    "Chairwoman", "Coach", "Inspector", "Detective", "Prosecutor", "Spokesman",
    "Spokeswoman", "Dictator", "Pharaoh", "Tsar", "Czar", "Shah", "Crown",
    "Vice-President", "Vice-Premier", "Secretary-General", "Director",
    "Commissioner", "Superintendent", "Speaker", "Mufti", "Lieutenant-Colonel",
    "Lieutenant-General", "Major-General", "Brigadier-General", "Vice-Admiral",
    "Rear-Admiral", "Councillor", "Patriarch", "Cardinal",
];

/// Words that may precede a title (`Prime Minister`, `Foreign Minister`).
#[rustfmt::skip]
const TITLE_MODS: &[&str] = &[
    "Prime", "Vice", "Deputy", "Foreign", "Defence", "Defense", "Finance",
    "Interior", "Home", "Former", "Acting", "Chief", "State", "Trade",
    "Economy", "Economic", "Economics", "Labour", "Labor", "Justice", "Health",
    "Education", "Agriculture", "Energy", "Oil", "Transport", "Environment",
    "Industry", "Culture", "Sports", "Opposition", "Senior", "Assistant",
    "Under", "Junior", "Attorney", "Supreme", "Grand", "Lieutenant", "Rear",
    "Air", "Police", "Army", "Military", "Security", "Intelligence",
    "Information", "Communications", "Treasury", "Commerce", "Development",
    "Planning", "Tourism", "Water", "Housing", "Immigration", "Fisheries",
    "Social", "Welfare", "Public", "Manager", "Managing", "Executive", "Operating", "Officer", "Presidential", "Parliamentary", "Party",
    "Team", "Head", "Caretaker", "Interim", "Incoming", "Outgoing", "US",
    "U.S.", "British", "French", "German", "Russian", "Chinese", "Israeli",
    "Iranian", "Iraqi", "Syrian", "Egyptian", "Saudi", "Turkish", "Japanese",
    "Indian", "Pakistani", "American", "Afghan", "Palestinian", "Italian",
    "Spanish", "Canadian", "Australian", "Polish", "Ukrainian", "Mexican",
    "Brazilian", "European", "Republican", "Democratic", "Democrat",
    "Independent", "Conservative", "Liberal", "Socialist", "Communist",
];

/// Lower-case nouns that, right before a capitalized name, announce a
/// person (`coach Glenn Hoddle`, `striker Shearer`).
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "president", "minister", "premier", "chancellor", "secretary", "senator",
    "governor", "mayor", "judge", "general", "colonel", "commander",
    "ambassador", "envoy", "chairman", "chairwoman", "chairperson",
    "spokesman", "spokeswoman", "spokesperson", "coach", "manager", "captain",
    "skipper", "striker", "midfielder", "defender", "goalkeeper", "keeper",
    "winger", "forward", "playmaker", "batsman", "bowler", "all-rounder",
    "opener", "spinner", "off-spinner", "leg-spinner", "pitcher",
    "quarterback", "outfielder", "infielder", "shortstop", "catcher", "jockey",
    "trainer", "driver", "rider", "cyclist", "sprinter", "runner", "swimmer",
    "champion", "compatriot", "teammate", "team-mate", "analyst", "economist",
    "strategist", "director", "lawyer", "attorney", "prosecutor", "leader",
    "founder", "actor", "actress", "singer", "author", "novelist", "writer",
    "poet", "professor", "scientist", "researcher", "correspondent",
    "reporter", "columnist", "editor", "investor", "billionaire",
    "businessman", "businesswoman", "tycoon", "dissident", "activist",
    "candidate", "nominee", "deputy", "aide", "adviser", "advisor", "officer",
    "detective", "inspector", "sergeant", "lieutenant", "chief", "ceo", "cfo",
    "boss", "dealer", "trader", "broker", "premier", "counterpart",
    "successor", "predecessor", "rival", "challenger", "opponent", "veteran",
    "newcomer", "widow", "wife", "husband", "son", "daughter", "brother",
    "sister", "father", "mother", "uncle", "cousin", "nephew", "niece",
    "grandson", "granddaughter", "king", "queen", "prince", "princess", "pope",
    "cardinal", "bishop", "archbishop", "sheikh", "imam", "rabbi", "pastor",
    "priest", "cleric", "dr", "mr", "mrs", "ms",
];

/// Lower-case particles inside names.
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "dei", "degli", "dos", "das", "do", "du",
    "des", "van", "von", "der", "den", "ter", "ten", "le", "la", "bin", "ibn",
    "bint", "al", "el", "y", "zu", "ul", "ud",
];

/// Words after which a period does not end the sentence.
#[rustfmt::skip]
const ABBREVS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov",
    "Lt", "Col", "Capt", "Sgt", "Prof", "Rev", "Adm", "Maj", "Brig", "Cmdr",
    "No", "Co", "Inc", "Corp", "Ltd", "vs", "v", "Mt", "Ft", "Messrs", "Mme",
];
/// Stop words that may still start or sit inside an organization's name
/// (`First Bank System Inc.`, `New York Cotton Exchange`).
const ORG_STOP_OK: &[&str] =
    &["first", "new", "second", "third", "national", "general"];

/// Capitalized particles that start a surname (`de Silva`, `Van Basten`).
const CAP_PARTICLES: &[&str] =
    &["De", "Van", "Von", "Di", "Da", "Del", "Della", "Du", "Dos", "Le"];

/// Roman numerals after a name (`Leopold III`).
const NUMERALS: &[&str] = &["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];

/// Words that end organization prefixes as events (`World Cup Group`).
const EVENT_WORDS: &[&str] = &[
    "cup",
    "championship",
    "championships",
    "games",
    "olympic",
    "olympics",
    "league",
    "world",
    "grand",
    "prix",
    "tour",
];

/// Whether `word` is one of [`ABBREVS`]. Asked at every period after a
/// word; almost all of those words are rejected by their first byte and
/// length before the list is searched (searching the list for every such
/// word was 1.2% of a default run's instructions).
/// `every_abbreviation_passes_the_gate` checks that the gate lets every
/// entry through.
fn is_abbrev(word: &str) -> bool {
    match word.as_bytes() {
        [b'A'..=b'Z', ..] if word.len() <= 6 => ABBREVS.contains(&word),
        [b'v', ..] if word.len() <= 2 => ABBREVS.contains(&word),
        _ => false,
    }
}

impl Rules {
    /// The built-in rule data (embedded from `gazetteers/given-names.txt`
    /// and `gazetteers/org-suffixes.txt`), every rule enabled but
    /// `ampersand` (`Smith & Wesson`-style names): it found a few more
    /// organizations in the dev data and cost more in precision.
    pub fn builtin() -> Rules {
        let mut rules = Rules::from_lists(GIVEN_NAMES, ORG_SUFFIXES);
        rules.set_enabled("ampersand", false);
        rules
    }

    /// Rules from lists in the formats of the built-in files: one entry a
    /// line, `#` comments. A given name may end in `?` (also a common word:
    /// not trusted at the start of a sentence) and/or `*` (a family name
    /// written first: `Li`, `Kim`). An org line is a suffix word (`Inc`),
    /// or an institution word followed by ` of` or ` for` (`Bank of`); the
    /// suffixes before a line `# ---- company words ----` are company forms
    /// that stay suffixes even when a capitalized word follows.
    pub fn from_lists(given_names: &str, org_suffixes: &str) -> Rules {
        let mut rules = Rules {
            exact: WordMap::default(),
            folded: WordMap::default(),
            enabled: u32::MAX,
        };
        let mut key = String::new();
        let mut norm = NormText::new();
        let mut folded = |word: &str, class: u16, rules: &mut Rules| {
            fold_into(word, &mut key, &mut norm);
            *rules.folded.entry(&key, 0) |= class;
        };
        for (words, class) in [
            (STOP, C_STOP),
            (GENERIC, C_GENERIC),
            (EVENT_WORDS, C_EVENT),
            (ORG_STOP_OK, C_ORG_OK),
        ] {
            for w in words {
                folded(w, class, &mut rules);
            }
        }
        for line in lines(given_names) {
            let word = line.trim_end_matches(['?', '*']);
            let marks = &line[word.len()..];
            let mut class = C_GIVEN;
            if marks.contains('?') {
                class |= C_AMBIGUOUS;
            }
            if marks.contains('*') {
                class |= C_FAMILY_FIRST;
            }
            folded(word.trim(), class, &mut rules);
        }
        let exact = |word: &str, class: u16, rules: &mut Rules| {
            *rules.exact.entry(word, 0) |= class;
        };
        for (words, class) in [
            (TITLES, C_TITLE),
            (TITLE_MODS, C_TITLE_MOD),
            (PARTICLES, C_PARTICLE),
            (ROLES, C_ROLE),
        ] {
            for w in words {
                exact(w, class, &mut rules);
            }
        }
        let mut strong = true;
        for line in org_suffixes.lines().map(str::trim) {
            if line.starts_with("# ---- company words") {
                strong = false;
            }
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(head) =
                line.strip_suffix(" of").or_else(|| line.strip_suffix(" for"))
            {
                exact(head.trim(), C_HEAD_OF, &mut rules);
            } else {
                let class =
                    if strong { C_SUFFIX | C_STRONG } else { C_SUFFIX };
                exact(line.trim_end_matches('.'), class, &mut rules);
            }
        }
        rules
    }

    /// Look up the classes of the words that can matter: capitalized
    /// words, and lower-case words next to one.
    fn classify(
        &self,
        text: &str,
        toks: &mut [Tok],
        key: &mut String,
        norm: &mut NormText,
    ) {
        let n = toks.len();
        let bytes = text.as_bytes();
        for i in 0..n {
            let f = toks[i].flags;
            let (s, e) = (toks[i].start as usize, toks[i].end as usize);
            let w = &text[s..e];
            let mut class = 0;
            if f & (CAP | NAMEPART) != 0 {
                match ShortKey::new_in(bytes, s, e) {
                    // Most words: fold the key itself, no string.
                    Some(k) if k.is_ascii() => {
                        class = self.exact.get_short(k).unwrap_or(0)
                            | self
                                .folded
                                .get_short(k.fold_ascii())
                                .unwrap_or(0);
                    }
                    _ => {
                        class = self.exact.get(w).unwrap_or(0);
                        fold_into(w, key, norm);
                        class |= self.folded.get(key).unwrap_or(0);
                    }
                }
            } else if f & LOWER != 0
                && (i + 1 < n && toks[i + 1].flags & (CAP | NAMEPART) != 0
                    || i > 0 && toks[i - 1].flags & CAP != 0)
            {
                class = match ShortKey::new_in(bytes, s, e) {
                    Some(k) => self.exact.get_short(k),
                    None => self.exact.get(w),
                }
                .unwrap_or(0);
            }
            toks[i].class = class;
        }
    }

    /// Turn one rule on or off by name (see [`RULE_NAMES`]); false when
    /// the name is unknown.
    pub fn set_enabled(&mut self, rule: &str, on: bool) -> bool {
        let Some(bit) = rule_bit(rule) else { return false };
        if on {
            self.enabled |= bit;
        } else {
            self.enabled &= !bit;
        }
        true
    }

    fn on(&self, bit: u32) -> bool {
        self.enabled & bit != 0
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
    /// an `org-suffix`/`team` ORG, or a place that is a team.
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
        );
        mark_shouting(&mut scratch.toks);
        let mut doc = Doc {
            rules: self,
            text,
            mentions,
            info,
            toks: &mut scratch.toks,
            key: &mut scratch.key,
            norm: &mut scratch.norm,
        };
        if self.on(RULE_TITLE) {
            doc.trim_titles(add);
        }
        if self.on(RULE_TEAM) {
            doc.teams(add, &mut scratch.teams);
        }
        // Capitalized sequences, left to right.
        let n = doc.toks.len();
        let mut i = 0;
        while i < n {
            if !doc.chain_member(i) {
                i += 1;
                continue;
            }
            let e = doc.chain_end(i);
            doc.chain(i, e, add);
            i = e.max(i + 1);
        }
        if self.on(RULE_PROPAGATION | RULE_ORG_PROPAGATION) {
            doc.propagate(
                base,
                add,
                &mut scratch.keys,
                &mut scratch.names,
                &mut scratch.sources,
            );
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
        if self.on(RULE_ACRONYM) {
            doc.acronyms(drop);
        }
        drop.sort_unstable();
        drop.dedup();
    }
}

/// Non-comment, non-blank lines, trimmed.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Fold a word the way the gazetteer does (case, diacritics, hyphens).
fn fold_into(word: &str, key: &mut String, norm: &mut NormText) {
    key.clear();
    if word.is_ascii() {
        for &b in word.as_bytes() {
            key.push(entx_index::fold::fold_word_byte(b) as char);
        }
        return;
    }
    Normalizer::new().normalize_into(word, norm);
    key.push_str(norm.as_str().trim());
}

/// One document being worked on.
struct Doc<'a> {
    rules: &'a Rules,
    text: &'a str,
    mentions: &'a [Mention],
    info: &'a dyn MentionInfo,
    toks: &'a mut Vec<Tok>,
    key: &'a mut String,
    norm: &'a mut NormText,
}

/// Words `[from, to]` (inclusive) of a candidate mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    from: usize,
    to: usize,
}

impl Doc<'_> {
    fn word(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.text[t.start as usize..t.end as usize]
    }

    fn has(&self, i: usize, f: u16) -> bool {
        self.toks[i].flags & f != 0
    }

    /// The folded word (in `self.key`).
    fn fold(&mut self, i: usize) -> &str {
        let t = self.toks[i];
        let w = &self.text[t.start as usize..t.end as usize];
        fold_into(w, self.key, self.norm);
        self.key
    }

    /// The value of word `i`, folded, in `map`: short ASCII words are
    /// folded in their key, no string built.
    fn folded_get<V: Copy>(
        &mut self,
        map: &WordMap<V>,
        i: usize,
    ) -> Option<V> {
        let t = self.toks[i];
        let (s, e) = (t.start as usize, t.end as usize);
        match ShortKey::new_in(self.text.as_bytes(), s, e) {
            Some(k) if k.is_ascii() => map.get_short(k.fold_ascii()),
            _ => map.get(self.fold(i)),
        }
    }

    fn class(&self, i: usize) -> u16 {
        self.toks[i].class
    }

    fn is_stop(&self, i: usize) -> bool {
        self.class(i) & C_STOP != 0
    }

    fn is_org_stop(&self, i: usize) -> bool {
        self.class(i) & (C_STOP | C_ORG_OK) == C_STOP
    }

    fn is_generic(&self, i: usize) -> bool {
        self.class(i) & C_GENERIC != 0
    }

    fn given_flags(&self, i: usize) -> Option<u8> {
        let c = self.class(i);
        if !self.has(i, CAP) || self.has(i, INITIAL) || c & C_GIVEN == 0 {
            return None;
        }
        let mut flags = 0;
        if c & C_AMBIGUOUS != 0 {
            flags |= NAME_AMBIGUOUS;
        }
        if c & C_FAMILY_FIRST != 0 {
            flags |= NAME_FAMILY_FIRST;
        }
        Some(flags)
    }

    fn is_suffix(&self, i: usize) -> bool {
        self.class(i) & C_SUFFIX != 0
    }

    fn is_strong(&self, i: usize) -> bool {
        self.class(i) & C_STRONG != 0
    }

    fn is_head_of(&self, i: usize) -> bool {
        self.class(i) & C_HEAD_OF != 0
    }

    fn is_title(&self, i: usize) -> bool {
        self.has(i, CAP) && self.class(i) & C_TITLE != 0
    }

    fn is_title_mod(&self, i: usize) -> bool {
        self.class(i) & C_TITLE_MOD != 0
    }

    fn is_particle(&self, i: usize) -> bool {
        self.has(i, LOWER) && self.class(i) & C_PARTICLE != 0
    }

    /// Whether word `i` follows word `i - 1` closely enough to be part of
    /// one name.
    fn joins_previous(&self, i: usize) -> bool {
        if i == 0 || self.has(i - 1, POSS) || self.has(i, LINE) {
            return false;
        }
        let f = self.toks[i].flags;
        f & (JOINED | AMP) != 0
            || f & JOINED_DOT != 0 && is_abbrev(self.word(i - 1))
    }

    /// May word `i` be part of a capitalized sequence? Asked of every
    /// word, so the flag tests that settle most words are inlined into the
    /// callers and only a lower-case word before a capitalized one goes on
    /// to [`Doc::connector`].
    #[inline]
    fn chain_member(&self, i: usize) -> bool {
        let f = self.toks[i].flags;
        if f & (SHOUT | DIGIT) != 0 {
            return false;
        }
        if f & (CAP | INITIAL | NAMEPART) != 0 {
            return true;
        }
        // Lower-case connectors and particles inside a sequence.
        f & LOWER != 0
            && (self.is_suffix(i) // `plc`
                || self
                    .toks
                    .get(i + 1)
                    .is_some_and(|t| t.flags & (CAP | NAMEPART) != 0)
                    && self.connector(i))
    }

    /// Whether lower-case word `i`, before a capitalized word, joins it in
    /// a sequence: a particle or `of`, `for`, `and`.
    #[inline(never)]
    fn connector(&self, i: usize) -> bool {
        !self.has(i + 1, SHOUT)
            && self.joins_previous(i + 1)
            && (self.is_particle(i)
                || matches!(self.word(i), "of" | "for" | "and"))
    }

    /// One past the last word of the sequence starting at `s`.
    fn chain_end(&self, s: usize) -> usize {
        let mut e = s + 1;
        while e < self.toks.len()
            && self.joins_previous(e)
            && self.chain_member(e)
        {
            e += 1;
        }
        // `Commodity Systems, Inc.`: a company form after a comma.
        if e < self.toks.len()
            && self.has(e, COMMA)
            && self.is_strong(e)
            && !self.has(e - 1, LOWER)
        {
            e += 1;
        }
        e
    }

    /// Find the ORG and PERSON mentions in the sequence `[s, e)`.
    fn chain(&mut self, s: usize, e: usize, add: &mut Vec<RuleMention>) {
        let mut p = s;
        while p < e {
            if self.has(p, LOWER | CLAIMED) && !self.is_suffix(p) {
                p += 1;
                continue;
            }
            if let Some((run, rule)) = self.try_org(p, e) {
                if run.from > p {
                    // `John Casesa of Schroder Wertheim & Co`.
                    self.persons(s, p, run.from, add);
                }
                if self.emit(run, "ORG", rule, false, add) {
                    p = run.to + 1;
                    continue;
                }
            }
            if let Some((run, rule)) = self.try_person(s, p, e) {
                if self.emit(run, "PERSON", rule, false, add) {
                    p = run.to + 1;
                    continue;
                }
            }
            p += 1;
        }
    }

    /// The persons in `[p, e)` of the sequence starting at `s`.
    fn persons(
        &mut self,
        s: usize,
        mut p: usize,
        e: usize,
        add: &mut Vec<RuleMention>,
    ) {
        while p < e {
            if let Some((run, rule)) = self.try_person(s, p, e) {
                if self.emit(run, "PERSON", rule, false, add) {
                    p = run.to + 1;
                    continue;
                }
            }
            p += 1;
        }
    }

    /// An organization starting at or after word `p`: capitalized words up
    /// to a suffix (`Acme Holdings Ltd`), an institution word with an `of`
    /// complement (`Bank of England`), or `X & Y`.
    fn try_org(&mut self, p: usize, e: usize) -> Option<(Run, &'static str)> {
        let rules = self.rules;
        if !rules.on(RULE_ORG | RULE_AMP) || self.is_org_stop(p) {
            return None;
        }
        let e = e.min(p + 10);
        let mut start = p;
        let mut q = p;
        while q < e {
            if self.has(q, CLAIMED) {
                return None;
            }
            if rules.on(RULE_ORG)
                && self.is_head_of(q)
                && q + 2 < e
                && matches!(self.word(q + 1), "of" | "for")
                && !self.has(q + 2, LOWER)
            {
                // `Bank of England`, `University of California`.
                let mut end = q + 2;
                loop {
                    if end + 1 < e && !self.has(end + 1, LOWER) {
                        end += 1;
                    } else if end + 2 < e
                        && self.word(end + 1) == "and"
                        && !self.has(end + 2, LOWER)
                    {
                        end += 2;
                    } else {
                        break;
                    }
                }
                if start < q && !self.org_prefix_ok(start, q) {
                    return None;
                }
                return Some((Run { from: start, to: end }, "org-suffix"));
            }
            if rules.on(RULE_ORG)
                && q > start
                && self.is_suffix(q)
                && !self.has(q - 1, LOWER)
            {
                let mut end = q;
                while end + 1 < e && self.is_suffix(end + 1) {
                    end += 1;
                }
                // `Hong Kong Financial Secretary`, `First Bank System`: an
                // adjective, or part of a longer name.
                if end + 1 < e
                    && !self.has(end + 1, LOWER)
                    && !self.is_strong(end)
                {
                    q = end + 1;
                    continue;
                }
                if !self.org_prefix_ok(start, q) {
                    return None;
                }
                return Some((Run { from: start, to: end }, "org-suffix"));
            }
            if self.has(q, LOWER) {
                let w = self.word(q);
                if matches!(w, "of" | "for") {
                    // `Shares of X Corp`, `John Casesa of X Corp`: the name
                    // starts after `of` (not in `Gold Fields of South
                    // Africa`).
                    if self.of_restarts(start, q) {
                        start = q + 1;
                    }
                } else if !matches!(
                    w,
                    "and" | "de" | "du" | "des" | "la" | "le"
                ) {
                    break;
                }
            } else if self.is_org_stop(q) || self.is_title(q) && q > start {
                if q == start {
                    start = q + 1;
                } else {
                    break;
                }
            } else if is_modifier_word(self.word(q)) {
                // `Boston-based`, `Family-controlled`.
                start = q + 1;
            }
            q += 1;
        }
        if !rules.on(RULE_AMP) {
            return None;
        }
        // `Procter & Gamble`: the words around the first `&`.
        let amp = (start + 1..e).find(|&k| self.has(k, AMP))?;
        if self.has(amp - 1, LOWER) || self.has(amp, LOWER) {
            return None;
        }
        let mut end = amp;
        while end + 1 < e
            && !self.has(end + 1, LOWER)
            && !self.is_org_stop(end + 1)
        {
            end += 1;
        }
        if !self.org_prefix_ok(start, amp) {
            return None;
        }
        Some((Run { from: start, to: end }, "ampersand"))
    }

    /// Whether the words `[start, of)` before an `of` are not part of the
    /// organization's name: one sentence-initial word (`Shares of`), a
    /// person (`John Casesa of`), a title (`General Manager of`).
    fn of_restarts(&mut self, start: usize, of: usize) -> bool {
        if start >= of || of - start == 1 && self.has(start, SENT) {
            return true;
        }
        self.is_title(start)
            || self.is_title_mod(start)
            || self.given_flags(start).is_some()
            || self.has(start, INITIAL)
    }

    /// The words before an org suffix must not be events or stop words.
    fn org_prefix_ok(&mut self, p: usize, q: usize) -> bool {
        if p >= q {
            return false;
        }
        for k in p..q {
            if self.has(k, LOWER) {
                continue;
            }
            if self.is_org_stop(k) || self.has(k, CLAIMED) {
                return false;
            }
            if self.class(k) & C_EVENT != 0 {
                return false;
            }
        }
        true
    }

    /// A person starting at or after word `p` of the sequence `[s, e)`.
    fn try_person(
        &mut self,
        s: usize,
        p: usize,
        e: usize,
    ) -> Option<(Run, &'static str)> {
        let rules = self.rules;
        // Title path: `Prime Minister Stephen Harper`, `Mr. Smith`.
        let mut q = p;
        let mut titled = false;
        while q < e
            && !self.has(q, LOWER)
            && (self.is_title(q) || self.is_title_mod(q))
        {
            titled |= self.is_title(q);
            q += 1;
        }
        if titled && rules.on(RULE_TITLE) {
            if q < e {
                if let Some(run) = self.name_run(q, q, e, 3) {
                    return Some((run, "title"));
                }
            }
            return None;
        }
        // A role noun right before the sequence: `coach Glenn Hoddle`.
        if p == s
            && rules.on(RULE_ROLE)
            && s > 0
            && self.has(s, JOINED)
            && !self.has(s, LINE)
            && self.has(s - 1, LOWER)
            && self.class(s - 1) & C_ROLE != 0
        {
            if let Some(run) = self.name_run(p, p, e, 3) {
                return Some((run, "role"));
            }
        }
        if self.has(p, INITIAL) {
            if rules.on(RULE_INITIAL)
                && p + 1 < e
                && self.toks[p].gaz == NO_GAZ
                && !self.has(p - (p > 0) as usize, CLAIMED)
            {
                if let Some(run) = self.name_run(p, p + 1, e, 3) {
                    return Some((run, "initial"));
                }
            }
            return None;
        }
        if rules.on(RULE_GIVEN) && p + 1 < e {
            let flags = self.given_flags(p)?;
            if flags & NAME_AMBIGUOUS != 0 && self.has(p, SENT) {
                return None;
            }
            // (`Will` is a stop word, and an ambiguous name.)
            if self.has(p, UPPER)
                || self.is_stop(p) && flags & NAME_AMBIGUOUS == 0
                || !self.person_gaz_ok(p, true)
            {
                return None;
            }
            if let Some(run) = self.name_run(p, p + 1, e, 3) {
                return Some((run, "given-name"));
            }
        }
        None
    }

    /// Whether the gazetteer mention on word `i` (if any) may be part of a
    /// person's name: as its first word, or after it.
    fn person_gaz_ok(&self, i: usize, first: bool) -> bool {
        let g = self.toks[i].gaz;
        g == NO_GAZ || self.person_may_replace(g as usize, first)
    }

    fn person_may_replace(&self, g: usize, first: bool) -> bool {
        match self.info.kind(g) {
            "PERSON" => true,
            "LOC" => {
                let max =
                    if first { MINOR_PRIORITY } else { SURNAME_PRIORITY };
                self.info.priority(g) <= max
                    && self.info.population(g) < MINOR_POPULATION
            }
            _ => false,
        }
    }

    /// Name words from `q` (at least one, at most `max`) for a run starting
    /// at `from`: capitalized non-stop words, initials, particles,
    /// `al-`-words, and a closing numeral (`Leopold III`).
    fn name_run(
        &mut self,
        from: usize,
        q: usize,
        e: usize,
        max: usize,
    ) -> Option<Run> {
        let mut k = q;
        let mut last = None;
        let mut count = 0;
        while k < e && count < max {
            if self.is_particle(k) {
                // `bin Laden`, `van Gaal`: needs a name after it.
                if k + 1 < e && self.name_word(k + 1) {
                    k += 1;
                    continue;
                }
                break;
            }
            if self.has(k, INITIAL) && self.toks[k].gaz == NO_GAZ {
                k += 1;
                continue;
            }
            if count > 0 && NUMERALS.contains(&self.word(k)) {
                last = Some(k);
                break;
            }
            // `Billie Jean King said`: a title word closing a name.
            let closing_title = count > 0
                && self.is_title(k)
                && (k + 1 >= e || self.has(k + 1, LOWER));
            if !closing_title && !self.name_word(k) {
                break;
            }
            last = Some(k);
            count += 1;
            if self.has(k, POSS) {
                break;
            }
            k += 1;
        }
        let to = last?;
        // `Grace Road`, `Morgan Stanley Group`: a thing, not a person.
        if to + 1 < e && !self.has(to, POSS) {
            let n = to + 1;
            if !self.has(n, LOWER)
                && (self.is_suffix(n)
                    || self.is_generic(n)
                    || self.is_head_of(n))
            {
                return None;
            }
        }
        Some(Run { from, to })
    }

    /// A capitalized word that may be part of a person's name after its
    /// first word.
    fn name_word(&mut self, k: usize) -> bool {
        let f = self.toks[k].flags;
        if f & NAMEPART != 0 {
            return self.toks[k].gaz == NO_GAZ;
        }
        if f & CAP == 0 || f & (UPPER | INITIAL | DIGIT | CLAIMED) != 0 {
            return false;
        }
        if self.is_suffix(k)
            || self.is_head_of(k)
            || self.is_title(k)
            || self.is_title_mod(k)
        {
            return false;
        }
        if !self.person_gaz_ok(k, false) {
            return false;
        }
        !self.is_stop(k) && !self.is_generic(k)
    }

    /// Add a rule mention for the words of `run` if the gazetteer allows:
    /// every gazetteer mention it overlaps lies inside it and may be
    /// replaced. A run that is exactly one gazetteer mention is left to the
    /// gazetteer unless `relabel`. Returns whether the words are taken.
    fn emit(
        &mut self,
        run: Run,
        kind: &'static str,
        rule: &'static str,
        relabel: bool,
        add: &mut Vec<RuleMention>,
    ) -> bool {
        let start = self.toks[run.from].start as usize;
        let mut end = self.toks[run.to].end as usize;
        if kind == "PERSON"
            && run.from == run.to
            && rule != "title"
            && rule != "role"
        {
            return false;
        }
        if (run.from..=run.to).any(|k| self.has(k, CLAIMED)) {
            return false;
        }
        // `Acme Corp.`: the abbreviation's period belongs to the name.
        if kind == "ORG"
            && self.has(run.to, DOTTED)
            && matches!(
                self.word(run.to),
                "Inc" | "Corp" | "Co" | "Ltd" | "Bros"
            )
        {
            end += 1;
        }
        let mut lo = self.mentions.partition_point(|m| m.span.end <= start);
        let mut covered = false;
        while lo < self.mentions.len() && self.mentions[lo].span.start < end {
            let m = &self.mentions[lo];
            if m.span.start < start || m.span.end > end {
                return false;
            }
            if m.span.start == start && m.span.end == end {
                covered = true;
            }
            let ok = match kind {
                "PERSON" => self.person_may_replace(lo, m.span.start == start),
                // An ORG rule may extend a gazetteer ORG (`Bank of America`
                // + `Corp`) but not just put words in front of one
                // (`Iranian Supreme National Security Council`).
                _ => {
                    (self.info.kind(lo) != "PERSON" || rule != "team")
                        && !(self.info.kind(lo) == "ORG"
                            && m.span.end == end
                            && m.span.start > start)
                }
            };
            if !ok {
                return false;
            }
            lo += 1;
        }
        if covered && !relabel {
            // The gazetteer already has exactly this span.
            return true;
        }
        if !is_boundary(self.text, start) || !is_end_boundary(self.text, end) {
            return false;
        }
        for k in run.from..=run.to {
            self.toks[k].flags |= CLAIMED;
        }
        add.push(RuleMention {
            span: Span { start, end },
            kind,
            name: self.text[start..end].to_string(),
            rule,
        });
        true
    }

    /// Small towns matched by an acronym in ordinary text (`DAX` is not
    /// Dax, France): dropped.
    fn acronyms(&self, drop: &mut Vec<usize>) {
        for (i, t) in self.toks.iter().enumerate() {
            let g = t.gaz;
            if g == NO_GAZ
                || t.flags & UPPER == 0
                || t.flags & (SHOUT | CLAIMED | LINE) != 0
            {
                // Datelines (`BOGOTA , Colombia 1996-08-30`) start lines.
                continue;
            }
            // A dateline inside a line: `CHARLESTON , W.Va.`.
            if self.toks.get(i + 1).is_some_and(|n| {
                n.flags & COMMA != 0 && n.flags & (CAP | INITIAL) != 0
            }) {
                continue;
            }
            let m = self.mentions[g as usize].span;
            if m.start == t.start as usize
                && m.end == t.end as usize
                && self.info.kind(g as usize) == "LOC"
                && self.info.priority(g as usize) <= MINOR_PRIORITY
            {
                drop.push(g as usize);
            }
        }
    }

    /// Gazetteer persons that start with a title (`King Norodom Sihanouk`)
    /// lose the title.
    fn trim_titles(&mut self, add: &mut Vec<RuleMention>) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            // Straight to the next title word inside a gazetteer mention.
            let Some(skip) = self.toks[i..]
                .iter()
                .position(|t| t.gaz != NO_GAZ && t.class & C_TITLE != 0)
            else {
                break;
            };
            i += skip;
            let g = self.toks[i].gaz;
            if self.info.kind(g as usize) != "PERSON"
                || self.mentions[g as usize].span.start
                    != self.toks[i].start as usize
                || !self.is_title(i)
            {
                i += 1;
                continue;
            }
            let m = self.mentions[g as usize].span;
            let mut k = i;
            while k < n
                && self.toks[k].gaz == g
                && (self.is_title(k) || self.is_title_mod(k))
            {
                k += 1;
            }
            if k < n
                && self.toks[k].gaz == g
                && self.has(k, CAP)
                && is_boundary(self.text, self.toks[k].start as usize)
            {
                let start = self.toks[k].start as usize;
                let mut j = k;
                while j < n && self.toks[j].gaz == g {
                    self.toks[j].flags |= CLAIMED;
                    j += 1;
                }
                add.push(RuleMention {
                    span: Span { start, end: m.end },
                    kind: "PERSON",
                    name: self.info.name(g as usize).to_string(),
                    rule: "title",
                });
                i = j;
                continue;
            }
            i += 1;
        }
    }

    /// Sports tables: standings (`Bolton 3 2 1 0 5 2 7`), scores (`Chicago
    /// 4 HOUSTON 3`, `Somerset 83 and 174`), fixtures (`Reading v Stoke`).
    /// Their names are teams (ORG); the places among them are teams in the
    /// whole document.
    fn teams(
        &mut self,
        add: &mut Vec<RuleMention>,
        teams: &mut HashSet<String>,
    ) {
        teams.clear();
        let n = self.toks.len();
        let base = add.len();
        let mut a = 0;
        while a < n {
            let mut b = a + 1;
            while b < n && !self.has(b, LINE) {
                b += 1;
            }
            self.team_line(a, b, add);
            a = b;
        }
        if base == add.len() {
            return;
        }
        // Places shown to be teams.
        for m in &add[base..] {
            let lo =
                self.mentions.partition_point(|x| x.span.end <= m.span.start);
            if let Some(x) = self.mentions.get(lo) {
                if x.span == m.span && self.info.kind(lo) == "LOC" {
                    fold_into(&self.text[m.span.range()], self.key, self.norm);
                    teams.insert(self.key.clone());
                }
            }
        }
        if teams.is_empty() {
            return;
        }
        let mut i = 0;
        while i < n {
            let g = self.toks[i].gaz;
            if g == NO_GAZ || self.has(i, CLAIMED) {
                i += 1;
                continue;
            }
            let span = self.mentions[g as usize].span;
            let mut j = i;
            while j + 1 < n && self.toks[j + 1].gaz == g {
                j += 1;
            }
            let whole = span.start == self.toks[i].start as usize
                && span.end == self.toks[j].end as usize;
            if whole && self.info.kind(g as usize) == "LOC" {
                fold_into(&self.text[span.range()], self.key, self.norm);
                if teams.contains(self.key.as_str())
                    && !self.place_context(i, j)
                {
                    for k in i..=j {
                        self.toks[k].flags |= CLAIMED;
                    }
                    add.push(RuleMention {
                        span,
                        kind: "ORG",
                        name: self.text[span.range()].to_string(),
                        rule: "team",
                    });
                }
            }
            i = j + 1;
        }
    }

    /// Whether the place in words `[i, j]` reads as a place: a dateline
    /// (`LONDON 1996-08-30`) or after `in`, `at`, `near`, `from`.
    fn place_context(&self, i: usize, j: usize) -> bool {
        // A year soon after, on the same line: `WIGAN , England 1996-08-31`.
        let mut k = j + 1;
        while k < self.toks.len() && k <= j + 4 && !self.has(k, LINE) {
            if self.has(k, DIGIT) && self.word(k).len() == 4 {
                return true;
            }
            k += 1;
        }
        i > 0
            && matches!(
                self.word(i - 1),
                "in" | "at" | "near" | "from" | "outside" | "to" | "In" | "At"
            )
    }

    /// The teams of one line `[a, b)`.
    fn team_line(&mut self, a: usize, b: usize, add: &mut Vec<RuleMention>) {
        let Some(n1) = self.team_name(a, b) else { return };
        if n1 >= b {
            return;
        }
        let short =
            |d: &Self, k: usize| d.has(k, DIGIT) && d.word(k).len() <= 3;
        if short(self, n1) && self.has(n1, JOINED) {
            let mut k = n1;
            while k < b && short(self, k) {
                k += 1;
            }
            if k == b && k - n1 >= 3 {
                // Standings.
                self.emit_team(a, n1 - 1, add);
                return;
            }
            if k - n1 == 1 && k < b {
                if let Some(n2) = self.team_name(k, b) {
                    let tail_ok =
                        n2 + 1 == b || self.after(n2).starts_with('(');
                    if n2 < b && short(self, n2) && tail_ok {
                        // A score.
                        self.emit_team(a, n1 - 1, add);
                        self.emit_team(k, n2 - 1, add);
                        return;
                    }
                }
            }
            // `Somerset 83 and 174 (...)`, `Surrey 429-7`: a place with a
            // score.
            let g = self.toks[a].gaz;
            if g != NO_GAZ
                && self.info.kind(g as usize) == "LOC"
                && self.mentions[g as usize].span.start
                    == self.toks[a].start as usize
                && self.mentions[g as usize].span.end
                    == self.toks[n1 - 1].end as usize
            {
                let rest = self.after(n1);
                if rest.is_empty()
                    || rest.starts_with(['(', ',', '-'])
                    || rest.starts_with("and ")
                    || rest.starts_with("for ")
                {
                    self.emit_team(a, n1 - 1, add);
                }
            }
            return;
        }
        if matches!(self.word(n1), "v" | "vs" | "V" | "VS" | "AT" | "at")
            && n1 + 1 < b
        {
            if let Some(n2) = self.team_name(n1 + 1, b) {
                if n2 == b || self.after(n2 - 1).starts_with('(') {
                    // A fixture (`X at Y`: Y is where it is played).
                    self.emit_team(a, n1 - 1, add);
                    if !matches!(self.word(n1), "AT" | "at") {
                        self.emit_team(n1 + 1, n2 - 1, add);
                    }
                }
            }
        }
    }

    /// A team in words `[from, to]`, unless it is a country or larger
    /// (national teams are their country).
    fn emit_team(
        &mut self,
        from: usize,
        to: usize,
        add: &mut Vec<RuleMention>,
    ) {
        for k in from..=to {
            let g = self.toks[k].gaz;
            if g != NO_GAZ
                && self.info.kind(g as usize) == "LOC"
                && self.info.priority(g as usize) > SURNAME_PRIORITY
            {
                return;
            }
        }
        self.emit(Run { from, to }, "ORG", "team", true, add);
    }

    /// The text after word `k` up to the end of its line, trimmed at the
    /// start.
    fn after(&self, k: usize) -> &str {
        let rest = &self.text[self.toks[k].end as usize..];
        let line = rest.split('\n').next().unwrap_or("");
        line.trim_start_matches([' ', '\t', '.'])
    }

    /// A team name: one to four capitalized words from `a` (`of` allowed
    /// inside: `Queen of South`), no stop word, no person. One past its end.
    fn team_name(&mut self, a: usize, b: usize) -> Option<usize> {
        let mut k = a;
        while k < b && k < a + 4 {
            if k > a && !self.joins_previous(k) {
                break;
            }
            if self.has(k, CAP) && !self.has(k, INITIAL) {
                if self.is_stop(k) || self.has(k, CLAIMED) {
                    return None;
                }
                let g = self.toks[k].gaz;
                if g != NO_GAZ && self.info.kind(g as usize) == "PERSON" {
                    return None;
                }
                k += 1;
            } else if k > a
                && self.word(k) == "of"
                && k + 1 < b
                && self.has(k + 1, CAP)
            {
                k += 1;
            } else {
                break;
            }
        }
        (k > a && !self.has(k - 1, LOWER)).then_some(k)
    }

    /// Lone occurrences of a person's surname (or an org's first word)
    /// anywhere in the document.
    fn propagate(
        &mut self,
        base: usize,
        add: &mut Vec<RuleMention>,
        keys: &mut WordMap<(usize, &'static str)>,
        names: &mut Vec<String>,
        sources: &mut Vec<(usize, usize, &'static str, usize)>,
    ) {
        keys.clear();
        names.clear();
        sources.clear();
        let persons = self.rules.on(RULE_PROPAGATION);
        let orgs = self.rules.on(RULE_ORG_PROPAGATION);
        for m in &add[base..] {
            let on = match (m.kind, m.rule) {
                ("PERSON", _) => persons,
                (_, "org-suffix" | "ampersand") => orgs,
                _ => false,
            };
            if on {
                sources.push((m.span.start, m.span.end, m.kind, names.len()));
                names.push(m.name.clone());
            }
        }
        if persons {
            for (g, m) in self.mentions.iter().enumerate() {
                if self.info.kind(g) == "PERSON" {
                    sources.push((
                        m.span.start,
                        m.span.end,
                        "PERSON",
                        names.len(),
                    ));
                    names.push(self.info.name(g).to_string());
                }
            }
        }
        sources.sort_unstable();
        let n = self.toks.len();
        let mut ti = 0;
        for &(start, end, kind, name) in sources.iter() {
            // Sources are few and sorted: a binary search, not a walk.
            ti +=
                self.toks[ti..].partition_point(|t| (t.end as usize) <= start);
            if ti >= n {
                break;
            }
            let mut last = ti;
            while last + 1 < n && (self.toks[last + 1].start as usize) < end {
                last += 1;
            }
            let key_tok = if kind == "PERSON" {
                let family_first = self
                    .given_flags(ti)
                    .is_some_and(|f| f & NAME_FAMILY_FIRST != 0);
                if family_first && last > ti {
                    ti
                } else {
                    // The last word, numerals and initials aside.
                    let mut k = last;
                    while k > ti
                        && (self.has(k, INITIAL)
                            || NUMERALS.contains(&self.word(k))
                            || matches!(self.word(k), "Jr" | "Sr"))
                    {
                        k -= 1;
                    }
                    k
                }
            } else {
                if last == ti
                    || self.toks[ti].gaz != NO_GAZ
                    || self.is_suffix(ti)
                    || self.is_head_of(ti)
                    || self.given_flags(ti).is_some()
                    || self.is_stop(ti)
                {
                    continue;
                }
                ti
            };
            // Short keys only for family names (`Li`).
            let min =
                if self.class(key_tok) & C_FAMILY_FIRST != 0 { 2 } else { 3 };
            if self.has(key_tok, LOWER | DIGIT | INITIAL)
                || self.word(key_tok).chars().count() < min
            {
                continue;
            }
            keys.entry(self.fold(key_tok), (name, kind));
        }
        if keys.is_empty() {
            return;
        }
        for i in 0..n {
            let f = self.toks[i].flags;
            if f & CLAIMED != 0 || f & (CAP | UPPER) == 0 || f & INITIAL != 0 {
                continue;
            }
            let Some((name, kind)) = self.folded_get(keys, i) else {
                continue;
            };
            if kind == "ORG" && f & UPPER != 0 {
                continue;
            }
            if f & SENT != 0 && self.is_stop(i) {
                continue;
            }
            // Alone: not glued to other capitalized words (except on a
            // capitalized line, where every word is capitalized), save a
            // particle (`de Silva`) or, on such a line, a given name
            // (`KEVIN BROWN`).
            let mut from = i;
            if i > 0 && self.joins_previous(i) {
                let w = self.word(i - 1);
                let particle =
                    self.is_particle(i - 1) || CAP_PARTICLES.contains(&w);
                let shouted_given = f & SHOUT != 0
                    && self.has(i - 1, UPPER)
                    && self.given_flags(i - 1).is_some();
                if kind == "PERSON" && (particle || shouted_given) {
                    from = i - 1;
                } else if f & SHOUT == 0
                    && self.chain_member(i - 1)
                    && !self.has(i - 1, LOWER)
                    && !(self.has(i - 1, SENT) && self.is_stop(i - 1))
                {
                    // (`Later Simmons added`: a sentence-initial stop
                    // word does not glue.)
                    continue;
                }
            }
            if f & SHOUT == 0
                && i + 1 < n
                && self.joins_previous(i + 1)
                && self.chain_member(i + 1)
                && !self.has(i + 1, LOWER)
            {
                continue;
            }
            if (from..=i).any(|k| self.has(k, CLAIMED)) {
                continue;
            }
            let start = self.toks[from].start as usize;
            let end = self.toks[i].end as usize;
            // Only a minor place (or another person) may give way.
            let mut lo =
                self.mentions.partition_point(|m| m.span.end <= start);
            let mut ok = true;
            while lo < self.mentions.len()
                && self.mentions[lo].span.start < end
            {
                let m = self.mentions[lo].span;
                ok &= m.start >= start
                    && m.end <= end
                    && kind == "PERSON"
                    && self.info.kind(lo) == "LOC"
                    && self.person_may_replace(lo, false);
                lo += 1;
            }
            if !ok
                || !is_boundary(self.text, start)
                || !is_end_boundary(self.text, end)
            {
                continue;
            }
            for k in from..=i {
                self.toks[k].flags |= CLAIMED;
            }
            add.push(RuleMention {
                span: Span { start, end },
                kind,
                name: names[name].clone(),
                rule: if kind == "PERSON" {
                    "propagation"
                } else {
                    "org-propagation"
                },
            });
        }
    }
}

/// `Boston-based`, `Family-controlled`: a capitalized word whose last
/// hyphenated part is lower-case.
fn is_modifier_word(word: &str) -> bool {
    // A byte loop: `rsplit_once('-')` calls `memrchr`, too much for words
    // of a few bytes.
    word.bytes().rposition(|b| b == b'-').is_some_and(|dash| {
        word[dash + 1..].starts_with(|c: char| c.is_lowercase())
    })
}

/// Whether `c` continues a word.
#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The flags a word starting on an ASCII letter or digit gets from its
/// first byte; 0 for every other byte.
static START_FLAGS: [u16; 256] = {
    let mut t = [0; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = match c as u8 {
            b'A'..=b'Z' => CAP,
            b'a'..=b'z' => LOWER,
            b'0'..=b'9' => DIGIT,
            _ => 0,
        };
        c += 1;
    }
    t
};

/// `letters` plus the letters of `mask`, saturating at 2: the tokenizer
/// only asks whether a word has one letter, or two or more.
#[inline]
fn add_letters(letters: u8, mask: u32) -> u8 {
    (letters + (mask != 0) as u8 + (mask & mask.wrapping_sub(1) != 0) as u8)
        .min(2)
}

/// The end of the ASCII letters and digits from `j`, sixteen bytes at a
/// time; counts their letters into `letters` (saturating at 2) and notes
/// a lower-case one in `lower`.
#[inline]
fn ascii_run(
    b: &[u8],
    mut j: usize,
    letters: &mut u8,
    lower: &mut bool,
) -> usize {
    while let Some(chunk) = b.get(j..j + 16) {
        let (alnum, lo, letter) =
            swar::alnum_lower_letter16(chunk.try_into().expect("16 bytes"));
        let k = (!alnum).trailing_zeros();
        let in_word = (1u32 << k) - 1;
        *letters = add_letters(*letters, letter & in_word);
        *lower |= lo & in_word != 0;
        j += k as usize;
        if k < 16 {
            return j;
        }
    }
    while let Some(&c) = b.get(j) {
        if !c.is_ascii_alphanumeric() {
            break;
        }
        if c.is_ascii_alphabetic() {
            *letters = add_letters(*letters, 1);
            *lower |= c.is_ascii_lowercase();
        }
        j += 1;
    }
    j
}

/// What the tokenizer carries from one word to the next.
struct Cursor {
    /// The next word starts a sentence.
    sent: bool,
    /// The next word starts a line.
    line: bool,
    /// Separator since the previous word: 0 spaces only, 1 a period right
    /// after the word then spaces, 2 an ampersand, 4 a comma, 3 anything
    /// else.
    gap: u8,
    /// Where the previous word ended.
    prev_end: usize,
}

impl Cursor {
    fn new() -> Cursor {
        Cursor { sent: true, line: true, gap: 3, prev_end: 0 }
    }

    /// An ASCII byte at `at` between words (not a letter or digit).
    #[inline]
    fn separator(&mut self, c: u8, at: usize, text: &str, toks: &[Tok]) {
        match c {
            b' ' | b'\t' => {}
            b'\n' | b'\r' => {
                self.sent = true;
                self.line = true;
                self.gap = 3;
            }
            b'.' => {
                let after_word = at == self.prev_end && !toks.is_empty();
                let abbrev = after_word && {
                    let t = toks.last().expect("a word");
                    t.flags & INITIAL != 0
                        || is_abbrev(&text[t.start as usize..t.end as usize])
                };
                if !abbrev {
                    self.sent = true;
                }
                self.gap = if after_word && self.gap == 0 { 1 } else { 3 };
            }
            b'!' | b'?' | b':' => {
                self.sent = true;
                self.gap = 3;
            }
            b'&' => self.gap = if self.gap == 0 { 2 } else { 3 },
            b',' => self.gap = if self.gap == 0 { 4 } else { 3 },
            // Quotes and brackets keep a sentence start pending.
            _ => self.gap = 3,
        }
    }

    /// A non-ASCII character between words.
    #[inline]
    fn not_word(&mut self, ch: char) {
        if !ch.is_whitespace() {
            self.gap = 3;
        }
    }

    /// Push the word `start..end` (its flags so far, whether it has one
    /// letter or two or more, and a lower-case one), taking the periods
    /// of initials; returns where the text goes on.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn push_word(
        &mut self,
        text: &str,
        start: usize,
        mut end: usize,
        mut flags: u16,
        letters: u8,
        lower: bool,
        toks: &mut Vec<Tok>,
    ) -> usize {
        let b = text.as_bytes();
        // Initials: `J.` and `J.K.`.
        if flags & CAP != 0
            && letters == 1
            && end - start <= 4
            && b.get(end) == Some(&b'.')
        {
            let mut k = end + 1;
            while k + 1 < b.len()
                && b[k].is_ascii_uppercase()
                && b[k + 1] == b'.'
            {
                k += 2;
            }
            if char_at(text, k).is_none_or(|c| !is_word_char(c)) {
                end = k;
                flags |= INITIAL;
            }
        }
        if letters >= 2 && !lower {
            flags |= UPPER;
        }
        if self.sent {
            flags |= SENT;
        }
        if self.line {
            flags |= LINE;
        }
        if b.get(end) == Some(&b'.') {
            flags |= DOTTED;
        }
        // The flag of each `gap` value (a table: the `match` it replaced
        // was a chain of compares for every word).
        const GAP_FLAGS: [u16; 5] = [JOINED, JOINED_DOT, AMP, 0, COMMA];
        flags |= GAP_FLAGS[self.gap as usize];
        toks.push(Tok {
            start: start as u32,
            end: end as u32,
            flags,
            gaz: NO_GAZ,
            class: 0,
        });
        self.sent = false;
        self.line = false;
        self.gap = if flags & POSS != 0 { 3 } else { 0 };
        self.prev_end = end;
        end
    }
}

/// The case flag of a word's first character, when it is not ASCII.
fn first_char_flags(ch: char) -> u16 {
    if ch.is_uppercase() {
        CAP
    } else if ch.is_lowercase() {
        LOWER
    } else if ch.is_numeric() {
        DIGIT
    } else {
        0
    }
}

/// Joiners: an apostrophe or hyphen at `j` between letters. Returns where
/// the word goes on after it, or `None` when the word ends at `j` (with
/// `POSS` set before a possessive `'s`); sets `NAMEPART` on `al-Assad`.
#[inline]
fn joiner(text: &str, j: usize, flags: &mut u16) -> Option<usize> {
    if !matches!(text.as_bytes().get(j), Some(b'\'' | b'-' | 0xE2)) {
        return None;
    }
    let joiner = char_at(text, j)?;
    if !(is_apos(joiner) || joiner == '-') {
        return None;
    }
    let after = j + joiner.len_utf8();
    let next = char_at(text, after)?;
    if !next.is_alphabetic() {
        return None;
    }
    if is_apos(joiner) && (next == 's' || next == 'S') {
        let after_s = after + 1;
        if char_at(text, after_s).is_none_or(|c| !is_word_char(c)) {
            *flags |= POSS;
            return None;
        }
    }
    if joiner == '-' && *flags & LOWER != 0 && next.is_uppercase() {
        *flags |= NAMEPART;
    }
    Some(after)
}

/// Split `text` into words with the flags the rules need. Linear; no
/// allocation beyond `toks`.
fn tokenize(text: &str, toks: &mut Vec<Tok>) {
    toks.clear();
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut cur = Cursor::new();
    while i < n {
        let c = b[i];
        let mut flags = START_FLAGS[c as usize];
        // Branches, not a `match` on a class: a jump table here was
        // mispredicted four times in ten.
        if flags == 0 {
            if c == b' ' {
                i += 1;
                continue;
            }
            if c < 0x80 {
                cur.separator(c, i, text, toks);
                i += 1;
                continue;
            }
            let ch = char_at(text, i).unwrap_or(' ');
            if !is_word_char(ch) {
                cur.not_word(ch);
                i += ch.len_utf8();
                continue;
            }
            flags = first_char_flags(ch);
        }
        // A word.
        let start = i;
        let mut j = i;
        let mut letters = 0u8;
        let mut lower = false;
        loop {
            j = ascii_run(b, j, &mut letters, &mut lower);
            let Some(&c) = b.get(j) else { break };
            if c == b' ' {
                break; // the common case, settled first
            }
            if c >= 0x80 {
                let ch = char_at(text, j).unwrap_or(' ');
                if is_word_char(ch) {
                    if ch.is_alphabetic() {
                        letters = add_letters(letters, 1);
                        lower |= ch.is_lowercase();
                    }
                    j += ch.len_utf8();
                    continue;
                }
            } else if flags & DIGIT != 0
                && matches!(c, b'.' | b',')
                && b.get(j + 1).is_some_and(u8::is_ascii_digit)
            {
                // `63.02`, `1,071`: one number.
                j += 1;
                continue;
            }
            match joiner(text, j, &mut flags) {
                Some(after) => j = after,
                None => break,
            }
        }
        i = cur.push_word(text, start, j, flags, letters, lower, toks);
        // One space after a word, as the loop would skip it.
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
}

/// Record, for each word, the gazetteer mention overlapping it (the first
/// one, should a word overlap two). A document has few mentions and many
/// words, so each mention finds its first word by binary search instead of
/// a walk over every word.
fn map_mentions(toks: &mut [Tok], mentions: &[Mention]) {
    let mut t = 0;
    for (j, m) in mentions.iter().enumerate() {
        let (s, e) = (m.span.start, m.span.end);
        t += toks[t..].partition_point(|w| (w.end as usize) <= s);
        for w in &mut toks[t..] {
            if w.start as usize >= e {
                break;
            }
            if w.gaz == NO_GAZ {
                w.gaz = j as u32;
            }
        }
    }
}

/// Flag the words of sentences and lines written mostly in capitals
/// (`LONDON 1996-08-30`, `NEW YORK 74 55 .574`, headlines).
fn mark_shouting(toks: &mut [Tok]) {
    let mut s = 0;
    while s < toks.len() {
        let mut e = s + 1;
        while e < toks.len() && toks[e].flags & SENT == 0 {
            e += 1;
        }
        let (mut alpha, mut upper) = (0, 0);
        for t in &toks[s..e] {
            if t.flags & (CAP | LOWER) != 0 {
                alpha += 1;
                if t.flags & UPPER != 0 {
                    upper += 1;
                }
            }
        }
        if upper >= 2 && upper * 2 > alpha
            || upper >= 1 && alpha == 1 && e - s > 1
        {
            for t in &mut toks[s..e] {
                t.flags |= SHOUT;
            }
        }
        s = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::EntityId;

    /// The tokenizer's word scanning as it was before the masks, one byte
    /// or character at a time (separators, joiners and the finished word's
    /// flags are shared): what [`tokenize`] must agree with.
    fn tokenize_bytewise(text: &str, toks: &mut Vec<Tok>) {
        toks.clear();
        let b = text.as_bytes();
        let n = b.len();
        let mut i = 0;
        let mut cur = Cursor::new();
        while i < n {
            let c = b[i];
            if c < 0x80 && !c.is_ascii_alphanumeric() {
                cur.separator(c, i, text, toks);
                i += 1;
                continue;
            }
            let mut flags = match c {
                b'A'..=b'Z' => CAP,
                b'a'..=b'z' => LOWER,
                b'0'..=b'9' => DIGIT,
                _ => {
                    let ch = char_at(text, i).unwrap_or(' ');
                    if !is_word_char(ch) {
                        cur.not_word(ch);
                        i += ch.len_utf8();
                        continue;
                    }
                    first_char_flags(ch)
                }
            };
            let start = i;
            let mut j = i;
            let mut letters = 0u32;
            let mut lower = false;
            loop {
                while j < n {
                    let c = b[j];
                    if c < 0x80 {
                        if !c.is_ascii_alphanumeric() {
                            if flags & DIGIT != 0
                                && matches!(c, b'.' | b',')
                                && b.get(j + 1).is_some_and(u8::is_ascii_digit)
                            {
                                j += 1;
                                continue;
                            }
                            break;
                        }
                        if c.is_ascii_alphabetic() {
                            letters += 1;
                            lower |= c.is_ascii_lowercase();
                        }
                        j += 1;
                    } else {
                        let ch = char_at(text, j).unwrap_or(' ');
                        if !is_word_char(ch) {
                            break;
                        }
                        if ch.is_alphabetic() {
                            letters += 1;
                            lower |= ch.is_lowercase();
                        }
                        j += ch.len_utf8();
                    }
                }
                match joiner(text, j, &mut flags) {
                    Some(after) => j = after,
                    None => break,
                }
            }
            let letters = letters.min(2) as u8;
            i = cur.push_word(text, start, j, flags, letters, lower, toks);
        }
    }

    /// Words of `text` as (word, flags) pairs, for the table test.
    fn words(text: &str) -> Vec<(&str, u16)> {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        toks.iter()
            .map(|t| (&text[t.start as usize..t.end as usize], t.flags))
            .collect()
    }

    #[test]
    fn every_abbreviation_passes_the_gate() {
        for w in ABBREVS {
            assert!(is_abbrev(w), "{w}");
        }
        for w in ["mr", "Mr.", "MESSRS.", "Messrsx", "vv", "said", "V", ""] {
            assert!(!is_abbrev(w), "{w}");
        }
    }

    /// One row per tokenizer rule; flags worked out by hand.
    #[test]
    fn tokenizer_table() {
        let rows: &[(&str, &[(&str, u16)])] = &[
            // Sentence and line starts; words joined by spaces only.
            ("Ab cd", &[("Ab", CAP | SENT | LINE), ("cd", LOWER | JOINED)]),
            // Two or more letters, none lower-case: UPPER.
            (
                "NEW York",
                &[("NEW", CAP | UPPER | SENT | LINE), ("York", CAP | JOINED)],
            ),
            // `63.02` and `1,071` are one number each.
            (
                "63.02 1,071",
                &[("63.02", DIGIT | SENT | LINE), ("1,071", DIGIT | JOINED)],
            ),
            // Initials take their periods; `Mr.` does not end a sentence.
            (
                "J.K. Rowling met Mr. Smith",
                &[
                    ("J.K.", CAP | INITIAL | SENT | LINE),
                    ("Rowling", CAP | JOINED),
                    ("met", LOWER | JOINED),
                    ("Mr", CAP | JOINED | DOTTED),
                    ("Smith", CAP | JOINED_DOT),
                ],
            ),
            // A period that is not an abbreviation's starts a sentence.
            (
                "ends. Next",
                &[
                    ("ends", LOWER | SENT | LINE | DOTTED),
                    ("Next", CAP | SENT | JOINED_DOT),
                ],
            ),
            // A possessive `'s` (either apostrophe) ends the word, and its
            // `s` is a word of its own, not joined; other apostrophes join.
            (
                "Smith\u{2019}s O'Neil",
                &[
                    ("Smith", CAP | POSS | SENT | LINE),
                    ("s", LOWER),
                    ("O'Neil", CAP | JOINED),
                ],
            ),
            // A hyphen joins letters; lower-case before upper is a name
            // part.
            (
                "al-Assad Anne-Gaelle",
                &[
                    ("al-Assad", LOWER | NAMEPART | SENT | LINE),
                    ("Anne-Gaelle", CAP | JOINED),
                ],
            ),
            // `&` and `,` between words.
            (
                "Procter & Gamble, Inc",
                &[
                    ("Procter", CAP | SENT | LINE),
                    ("Gamble", CAP | AMP),
                    ("Inc", CAP | COMMA),
                ],
            ),
            // A line break starts a line and a sentence; `:` a sentence.
            (
                "a\nb: c",
                &[
                    ("a", LOWER | SENT | LINE),
                    ("b", LOWER | SENT | LINE),
                    ("c", LOWER | SENT),
                ],
            ),
            // Non-ASCII letters, combining marks and caseless scripts.
            (
                "Émile Zola\u{301} \u{4e00}\u{4e8c}",
                &[
                    ("Émile", CAP | SENT | LINE),
                    ("Zola\u{301}", CAP | JOINED),
                    ("\u{4e00}\u{4e8c}", UPPER | JOINED),
                ],
            ),
            // Words longer than sixteen bytes, crossing chunks.
            (
                "Abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                &[
                    ("Abcdefghijklmnopqrstuvwxyz", CAP | SENT | LINE),
                    ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", CAP | UPPER | JOINED),
                ],
            ),
        ];
        for (text, want) in rows {
            assert_eq!(words(text), *want, "{text:?}");
        }
    }

    proptest::proptest! {
        /// The masked tokenizer finds the same words with the same flags
        /// as the bytewise one, on texts of the characters that matter to
        /// it, long enough to cross its sixteen-byte chunks.
        #[test]
        fn tokenizer_agrees_with_bytewise(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "A", "b", "Z", "z", "q", "0", "9", ".", ",", "'", "\u{2019}",
                    "-", " ", " ", "\t", "\n", "\r", "&", "!", "?", ":", "_",
                    "\"", "(", "s", "S", "J.", "Mr", "Inc", "é", "É", "ß",
                    "\u{1c5}", "\u{4e00}", "\u{301}", "\u{a0}", "\u{663}",
                    "\u{2014}", "\u{201c}", "abcdefghijklmnop", "ABCDEFGHIJ",
                    "1234567", "\u{2013}",
                ]),
                0..60,
            )
        ) {
            let text: String = parts.concat();
            let (mut got, mut want) = (Vec::new(), Vec::new());
            tokenize(&text, &mut got);
            tokenize_bytewise(&text, &mut want);
            let key = |t: &Tok| (t.start, t.end, t.flags);
            proptest::prop_assert_eq!(
                got.iter().map(key).collect::<Vec<_>>(),
                want.iter().map(key).collect::<Vec<_>>(),
                "{:?}", text
            );
        }
    }

    /// [`map_mentions`] as it was: a walk over every word.
    fn map_mentions_walk(toks: &mut [Tok], mentions: &[Mention]) {
        let mut j = 0;
        for t in toks.iter_mut() {
            let (s, e) = (t.start as usize, t.end as usize);
            while j < mentions.len() && mentions[j].span.end <= s {
                j += 1;
            }
            if j < mentions.len() && mentions[j].span.start < e {
                t.gaz = j as u32;
            }
        }
    }

    proptest::proptest! {
        /// Mentions found by binary search mark the same words as the walk
        /// over every word, with spans that start and end anywhere (inside
        /// words, between them, several in one word).
        #[test]
        fn map_mentions_agrees_with_walk(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Abc", "de", " ", "  ", ".", "-", "é", "\u{2019}s", "1,2",
                    "\n", "J.", "xyzxyzxyzxyzxyzxyz",
                ]),
                0..40,
            ),
            cuts in proptest::collection::vec((0usize..400, 0usize..12), 0..12),
        ) {
            let text: String = parts.concat();
            let floor = |mut p: usize| {
                p = p.min(text.len());
                while !text.is_char_boundary(p) {
                    p -= 1;
                }
                p
            };
            let mut spans: Vec<(usize, usize)> =
                cuts.iter().map(|&(s, l)| (floor(s), floor(s + l))).collect();
            spans.sort_unstable();
            let mut mentions = Vec::new();
            let mut last_end = 0;
            for (start, end) in spans {
                if start < end && start >= last_end {
                    mentions.push(Mention {
                        span: Span { start, end },
                        entity: EntityId(0),
                        candidates: Vec::new(),
                    });
                    last_end = end;
                }
            }
            let mut got = Vec::new();
            tokenize(&text, &mut got);
            let mut want = got.clone();
            map_mentions(&mut got, &mentions);
            map_mentions_walk(&mut want, &mentions);
            proptest::prop_assert_eq!(
                got.iter().map(|t| t.gaz).collect::<Vec<_>>(),
                want.iter().map(|t| t.gaz).collect::<Vec<_>>(),
                "{:?} {:?}", text, mentions
            );
        }
    }

    proptest::proptest! {
        /// Word classes found through integer keys (folded inside the key
        /// for ASCII words) are those of the words looked up as strings,
        /// folded with `fold_into`: on words of the built-in lists in
        /// mixed case, hyphenated, with diacritics, and longer than a key.
        #[test]
        fn classify_agrees_with_string_lookups(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "President", "PRESIDENT", "president", "Inc", "inc", "INC",
                    "Ltd", "Bank", "of", "John", "JOHN", "john", "Li", "Kim",
                    "al", "-", "`", "'", "The", "Monday", "José", "JOSÉ",
                    "Zoë", "Ł", "ﬁ", "Corporation", "Incorporated", "De", "de",
                    "Sanchez-Vicario", "Anne-Marie", "Tuesday", "Secretary",
                    "Internationalization", "xxxxxxxxxxxxxxxx", " ", " ",
                    " ", ". ", "\n", "ǅ",
                ]),
                0..40,
            )
        ) {
            let text: String = parts.concat();
            let rules = Rules::builtin();
            let mut toks = Vec::new();
            tokenize(&text, &mut toks);
            let (mut key, mut norm) = (String::new(), NormText::new());
            rules.classify(&text, &mut toks, &mut key, &mut norm);
            for (i, t) in toks.iter().enumerate() {
                let w = &text[t.start as usize..t.end as usize];
                let f = t.flags;
                let mut want = 0;
                if f & (CAP | NAMEPART) != 0 {
                    fold_into(w, &mut key, &mut norm);
                    want = rules.exact.get(w).unwrap_or(0)
                        | rules.folded.get(&key).unwrap_or(0);
                } else if f & LOWER != 0
                    && (toks.get(i + 1).is_some_and(|n| n.flags & (CAP | NAMEPART) != 0)
                        || i > 0 && toks[i - 1].flags & CAP != 0)
                {
                    want = rules.exact.get(w).unwrap_or(0);
                }
                proptest::prop_assert_eq!(t.class, want, "{:?} in {:?}", w, text);
            }
        }
    }

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
                (m.span.start, m.span.end, m.kind, m.rule, m.name.clone())
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

    fn texts(
        text: &str,
        gaz: Gaz,
    ) -> Vec<(String, &'static str, &'static str)> {
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
        assert!(run("They played at Grace Road today.", Gaz(vec![]))
            .0
            .is_empty());
    }

    #[test]
    fn titles_are_not_part_of_the_name() {
        // "Prime Minister " is 15 bytes; "Stephen Harper" 14.
        let (adds, _) =
            run("Prime Minister Stephen Harper spoke.", Gaz(vec![]));
        assert_eq!(
            adds,
            vec![(15, 29, "PERSON", "title", "Stephen Harper".into())]
        );
        // "Mr. " is 4 bytes.
        let (adds, _) = run("Mr. Smith left early.", Gaz(vec![]));
        assert_eq!(adds, vec![(4, 9, "PERSON", "title", "Smith".into())]);
        // A title alone names nobody.
        assert!(run("The President said on Monday.", Gaz(vec![]))
            .0
            .is_empty());
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
        assert!(
            texts("He sued Procter & Gamble today.", Gaz(vec![])).is_empty()
        );
        let mut rules = Rules::builtin();
        assert!(rules.set_enabled("ampersand", true));
        let text = "He sued Procter & Gamble today.";
        let mut out = RuleOutput::default();
        rules.apply(text, &[], &Gaz(vec![]), &mut out);
        // "He sued " is 8 bytes; "Procter & Gamble" 16.
        assert_eq!(out.add.len(), 1);
        assert_eq!((out.add[0].span.start, out.add[0].span.end), (8, 24));
        assert_eq!(out.add[0].rule, "ampersand");
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
        let (adds, _) = run(
            "Phil Simmons took four. Later Simmons added two.",
            Gaz(vec![]),
        );
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
        // A country is not a surname ("said " is 5 bytes).
        let jordan = Gaz(vec![(5, 11, "LOC", 10_000_000, 30)]);
        assert!(run("said Jordan Henderson later", jordan).0.is_empty());
        // A big city is not a given name.
        let big = Gaz(vec![(5, 13, "LOC", 4_000_000, 21)]);
        assert!(run("said Victoria Beckham later", big).0.is_empty());
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
        let gaz = Gaz(vec![
            (0, 7, "LOC", 80_000_000, 30),
            (10, 13, "LOC", 20_000, 10),
        ]);
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
        let got: Vec<_> =
            adds.iter().map(|a| (a.2, a.3, a.4.as_str())).collect();
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
        for name in RULE_NAMES {
            assert!(rules.set_enabled(name, true));
        }
    }
}
