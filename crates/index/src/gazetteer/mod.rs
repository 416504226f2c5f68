//! The gazetteer is the list of entities entx can find: ids, types, names,
//! aliases and the attributes that rank them. It merges any number of
//! sources (the built-in files, a user's TSV or spaCy pattern files) in load
//! order, which is also the last tie-break between entities.

mod spacy;
mod tsv;

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};

pub use self::spacy::parse_spacy_jsonl;
pub use self::tsv::parse_tsv;

/// The longest alias accepted, in characters. Longer aliases are almost
/// always a spreadsheet export gone wrong; they are rejected with an error
/// naming the entry.
pub const MAX_ALIAS_CHARS: usize = 1000;

/// Index of an entity in a [`Gazetteer`], in load order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub u32);

impl EntityId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// How the capitalization of text must relate to an alias's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CaseMode {
    /// Text may be more capitalized than the alias, never less:
    /// `BAGHDAD` and `Baghdad` match `Baghdad`; `turkey` does not match
    /// `Turkey`; `Us` does not match `US`.
    #[default]
    Smart,
    /// Every letter's case must equal the alias's.
    Sensitive,
    /// Case is ignored.
    Insensitive,
}

impl CaseMode {
    /// The mode's name in gazetteer attributes.
    pub fn name(self) -> &'static str {
        match self {
            CaseMode::Smart => "smart",
            CaseMode::Sensitive => "sensitive",
            CaseMode::Insensitive => "insensitive",
        }
    }

    /// Parse `smart`, `sensitive` (or its synonym `strict`) and
    /// `insensitive`.
    pub fn parse(s: &str) -> Option<CaseMode> {
        match s {
            "smart" => Some(CaseMode::Smart),
            "sensitive" | "strict" => Some(CaseMode::Sensitive),
            "insensitive" => Some(CaseMode::Insensitive),
            _ => None,
        }
    }
}

/// One surface form of an entity, as written in the gazetteer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The alias text, as written.
    pub text: String,
    /// A case mode pinned to this alias alone (spaCy `ORTH` / `LOWER`
    /// token patterns), overriding the entity's and the global mode.
    pub case: Option<CaseMode>,
    /// From a row with `context=sports`: the alias names this entity only
    /// where the document is about sports (`Chelsea` the club, not the
    /// district). The row's own aliases carry it, not the entity's others.
    pub sports_only: bool,
}

/// An entity: something with an id, a type and names.
#[derive(Clone, Debug)]
pub struct Entity {
    /// The gazetteer id (`qasem-soleimani`, `geonames:98182`).
    pub id: String,
    /// The type label (`PERSON`, `ORG`, `LOC`, `NORP`, or a user's label).
    pub kind: String,
    /// The canonical name; also the first alias.
    pub name: String,
    /// Every alias, the name first, without duplicates.
    pub aliases: Vec<Alias>,
    /// Attributes other than the ones entx interprets, in file order.
    pub attributes: Vec<(String, String)>,
    /// Higher wins between entities that share an alias (default 0).
    pub priority: i64,
    /// A prominence prior (e.g. a city's population); after priority.
    pub population: u64,
    /// A case mode pinned by the gazetteer (`case=` attribute).
    pub case: Option<CaseMode>,
    /// Where the entity was first defined (`path:line`).
    pub origin: String,
}

impl Entity {
    /// The value of an attribute, if present.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// An entity definition as read from a source, before merging.
#[derive(Clone, Debug)]
pub struct EntityDef {
    /// Entity id.
    pub id: String,
    /// Type label.
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Aliases other than the name.
    pub aliases: Vec<Alias>,
    /// Raw `key=value` attributes in file order.
    pub attributes: Vec<(String, String)>,
    /// 1-based line in the source.
    pub line: u64,
}

/// A gazetteer source's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The native tab-separated format.
    Tsv,
    /// spaCy EntityRuler patterns, one JSON object per line.
    SpacyJsonl,
}

impl Format {
    /// The format a file name implies: `.jsonl`/`.ndjson`/`.json` are spaCy
    /// patterns, everything else is TSV.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("jsonl" | "ndjson" | "json") => Format::SpacyJsonl,
            _ => Format::Tsv,
        }
    }
}

/// All entities from all sources, in load order.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_id: HashMap<String, EntityId>,
    sources: Vec<String>,
    warnings: Vec<String>,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// The built-in gazetteer, from its files as `(file name, contents)`
    /// in load order (`entx::builtin::FILES`, which the binary embeds).
    pub fn builtin(files: &[(&str, &str)]) -> Result<Gazetteer> {
        let mut gaz = Gazetteer::new();
        gaz.add_builtin(files)?;
        Ok(gaz)
    }

    /// Add the built-in gazetteer's files (see [`Gazetteer::builtin`]),
    /// each named `<builtin>/NAME`.
    pub fn add_builtin(&mut self, files: &[(&str, &str)]) -> Result<()> {
        for (name, text) in files {
            self.add_source(&format!("<builtin>/{name}"), text, Format::Tsv)?;
        }
        Ok(())
    }

    /// Add a gazetteer file (any name; `.jsonl`/`.ndjson` are read as
    /// patterns, the rest as TSV). The CLI walks directories itself, with
    /// the walker every command shares, and adds the files it finds.
    pub fn add_path(&mut self, path: &Path) -> Result<()> {
        let io = |source| Error::Io { path: path.to_path_buf(), source };
        let bytes = std::fs::read(path).map_err(io)?;
        let name = path.display().to_string();
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let line = err.as_bytes()[..valid]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count() as u64
                    + 1;
                return Err(Error::Gazetteer {
                    path: name,
                    line,
                    msg: format!(
                        "invalid UTF-8 at byte {valid}; gazetteers must be \
                         UTF-8 text"
                    ),
                });
            }
        };
        self.add_source(&name, &text, Format::from_path(path))
    }

    /// Add one source's text, read in the given format.
    pub fn add_source(
        &mut self,
        name: &str,
        text: &str,
        format: Format,
    ) -> Result<()> {
        let defs = match format {
            Format::Tsv => parse_tsv(name, text)?,
            Format::SpacyJsonl => parse_spacy_jsonl(name, text)?,
        };
        self.sources.push(name.to_string());
        for def in defs {
            self.add_def(name, def)?;
        }
        Ok(())
    }

    /// Merge one definition: a new id becomes a new entity; a known id
    /// adds its aliases to the existing entity (the types must agree).
    pub fn add_def(&mut self, source: &str, def: EntityDef) -> Result<()> {
        let mut priority = None;
        let mut population = None;
        let mut case = None;
        let mut sports_only = false;
        let mut attributes = Vec::with_capacity(def.attributes.len());
        for (key, value) in def.attributes {
            let bad = |expected: &str| Error::Gazetteer {
                path: source.to_string(),
                line: def.line,
                msg: format!(
                    "attribute {key}: expected {expected}, found {value:?}"
                ),
            };
            match key.as_str() {
                "priority" => {
                    priority =
                        Some(value.parse().map_err(|_| bad("an integer"))?)
                }
                "population" => {
                    population = Some(
                        value
                            .parse()
                            .map_err(|_| bad("a non-negative integer"))?,
                    )
                }
                "case" => {
                    case = Some(CaseMode::parse(&value).ok_or_else(|| {
                        bad("strict, sensitive, smart or insensitive")
                    })?)
                }
                "context" => {
                    if value != "sports" {
                        return Err(bad("sports"));
                    }
                    sports_only = true;
                }
                _ => attributes.push((key, value)),
            }
        }
        let mut aliases = Vec::with_capacity(def.aliases.len() + 1);
        aliases.push(Alias {
            text: def.name.clone(),
            case: None,
            sports_only,
        });
        aliases.extend(
            def.aliases.into_iter().map(|a| Alias { sports_only, ..a }),
        );
        for alias in &aliases {
            let n = alias.text.chars().count();
            if n > MAX_ALIAS_CHARS {
                return Err(Error::Gazetteer {
                    path: source.to_string(),
                    line: def.line,
                    msg: format!(
                        "alias of entity {:?} is {n} characters long; the \
                         limit is {MAX_ALIAS_CHARS}",
                        def.id
                    ),
                });
            }
        }
        let origin = format!("{source}:{}", def.line);
        if let Some(&eid) = self.by_id.get(&def.id) {
            let entity = &mut self.entities[eid.index()];
            if entity.kind != def.kind {
                return Err(Error::Gazetteer {
                    path: source.to_string(),
                    line: def.line,
                    msg: format!(
                        "entity {:?} is defined again with type {:?}, but {} \
                         gave it type {:?}",
                        def.id, def.kind, entity.origin, entity.kind
                    ),
                });
            }
            // A context row extends an entity on purpose.
            if !sports_only {
                self.warnings.push(format!(
                    "{origin}: entity {:?} was already defined at {}; its \
                     aliases were added to that entity",
                    def.id, entity.origin
                ));
            }
            // An alias already there keeps its context: a context row
            // repeats the entity's name only to say whose aliases it adds.
            for alias in aliases {
                if !entity
                    .aliases
                    .iter()
                    .any(|a| a.text == alias.text && a.case == alias.case)
                {
                    entity.aliases.push(alias);
                }
            }
            if let Some(p) = priority {
                entity.priority = p;
            }
            if let Some(p) = population {
                entity.population = p;
            }
            if case.is_some() {
                entity.case = case;
            }
            for (k, v) in attributes {
                entity.attributes.retain(|(ek, _)| *ek != k);
                entity.attributes.push((k, v));
            }
            return Ok(());
        }
        let mut unique: Vec<Alias> = Vec::with_capacity(aliases.len());
        for alias in aliases {
            if !unique.contains(&alias) {
                unique.push(alias);
            }
        }
        let eid = EntityId(self.entities.len() as u32);
        self.by_id.insert(def.id.clone(), eid);
        self.entities.push(Entity {
            id: def.id,
            kind: def.kind,
            name: def.name,
            aliases: unique,
            attributes,
            priority: priority.unwrap_or(0),
            population: population.unwrap_or(0),
            case,
            origin,
        });
        Ok(())
    }

    /// All entities in load order; `EntityId(i)` is `entities()[i]`.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this index.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.index()]
    }

    /// Look an entity up by its gazetteer id.
    pub fn find(&self, id: &str) -> Option<EntityId> {
        self.by_id.get(id).copied()
    }

    /// The sources added, in load order.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// Add a warning about the sources (a symbolic-link loop in a
    /// gazetteer directory).
    pub fn warn(&mut self, msg: String) {
        self.warnings.push(msg);
    }

    /// Non-fatal problems found while loading (merged duplicate ids,
    /// skipped empty aliases, symbolic-link loops).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_duplicate_ids() {
        let mut g = Gazetteer::new();
        g.add_source("a", "x\tLOC\tX\tEks\n", Format::Tsv).unwrap();
        g.add_source("b", "x\tLOC\tX\tIks\tpriority=3\n", Format::Tsv)
            .unwrap();
        assert_eq!(g.len(), 1);
        let e = &g.entities()[0];
        let texts: Vec<&str> =
            e.aliases.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["X", "Eks", "Iks"]);
        assert_eq!(e.priority, 3);
        assert_eq!(g.warnings().len(), 1);
    }

    #[test]
    fn conflicting_types_are_an_error() {
        let mut g = Gazetteer::new();
        g.add_source("a", "x\tLOC\tX\t\n", Format::Tsv).unwrap();
        let err =
            g.add_source("b", "\n\nx\tORG\tX\t\n", Format::Tsv).unwrap_err();
        assert_eq!(
            err.to_string(),
            "b:3: entity \"x\" is defined again with type \"ORG\", but a:1 \
             gave it type \"LOC\""
        );
    }

    #[test]
    fn bad_attribute_values() {
        let mut g = Gazetteer::new();
        let err = g
            .add_source("a", "x\tLOC\tX\t\tpriority=high\n", Format::Tsv)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a:1: attribute priority: expected an integer, found \"high\""
        );
        let err = g
            .add_source("a", "x\tLOC\tX\t\tcase=loud\n", Format::Tsv)
            .unwrap_err();
        assert!(err.to_string().contains("expected strict, sensitive"));
    }

    #[test]
    fn long_alias_rejected() {
        let long = "a".repeat(MAX_ALIAS_CHARS + 1);
        let mut g = Gazetteer::new();
        let err = g
            .add_source("a", &format!("x\tLOC\tX\t{long}\n"), Format::Tsv)
            .unwrap_err();
        assert!(err
            .to_string()
            .starts_with("a:1: alias of entity \"x\" is 1001"));
    }
}
