//! Precision, recall and F1 of predicted entity spans against gold spans:
//! what `entx eval` reports, as pure functions over labeled spans (no I/O).
//!
//! Offsets are Unicode code points, half-open, as in entx's output and the
//! gold files it reads. Four measures, each with micro totals and per-type
//! rows ([`Report`]):
//!
//! * **strict**: same start, end and type. Gold and predicted spans are
//!   *sets* of `(start, end, type)`, so duplicates collapse. This is exactly
//!   `../shared/tools/score.py`.
//! * **span**: same start and end, any type. A gold span is matched by at
//!   most one prediction (same-type pairs first); a match counts under the
//!   gold type, an unmatched prediction under its own type.
//! * **partial**: same type and overlapping spans. Matched one to one,
//!   greedily: gold spans in order of end, each to the unmatched
//!   overlapping prediction that ends first.
//! * **entity**: per document, the set of distinct `(entity, type)` pairs
//!   found, against the gold set: "did we find Qasem Soleimani in this
//!   article", however often and wherever he is mentioned. Available when
//!   the gold spans carry entity ids (compared with predicted ids) or
//!   canonical names (compared with predicted names); see [`EntityKey`].
//!
//! Before scoring, types are renamed with [`Options::map`] on both sides and
//! spans of types outside [`Options::types`] are dropped. A prediction that
//! overlaps a gold span of an [`Options::ignore_in`] type (MISC by default)
//! and matches no gold span is not counted at all, neither right nor wrong,
//! as in score.py: gazetteers tag "Iranian" in "Iranian-born" where CoNLL
//! says MISC, and that is not the tagger's error.
//!
//! Zero denominators give 0.0 (precision with no predictions, recall with
//! no gold spans, F1 when both are zero), like score.py.
//!
//! ```
//! use entx::metrics::{Evaluator, Labeled, Options};
//!
//! let gold = [Labeled::new(0, 4, "LOC"), Labeled::new(10, 15, "PER")];
//! let pred = [Labeled::new(0, 4, "LOC"), Labeled::new(10, 13, "PER")];
//! let mut eval = Evaluator::new(Options::default());
//! eval.add(0, &gold, &pred);
//! let report = eval.finish();
//! assert_eq!(report.strict.micro.tp, 1);
//! assert_eq!(report.strict.micro.f1(), 0.5);
//! assert_eq!(report.partial.micro.f1(), 1.0);
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// A typed span of text, half-open, in Unicode code points, with the
/// entity it refers to when known.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Labeled {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The type label as written in the file (before [`Options::map`]).
    pub kind: String,
    /// An entity id (`"qasem-soleimani"`), when the file has one.
    pub entity: Option<String>,
    /// A canonical name (`"Qasem Soleimani"`), when the file has one.
    pub name: Option<String>,
}

impl Labeled {
    /// A span with a type and no entity.
    pub fn new(start: usize, end: usize, kind: &str) -> Labeled {
        Labeled { start, end, kind: kind.to_string(), ..Labeled::default() }
    }
}

/// Which field identifies an entity for the entity-level measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityKey {
    /// [`Labeled::entity`]: gazetteer ids on both sides.
    Id,
    /// [`Labeled::name`]: canonical names (gold `canonical`, entx `name`).
    Name,
}

impl EntityKey {
    /// Ids when any gold span has one, else names when any has one, else
    /// `None` (no entity-level score).
    pub fn detect<'a>(
        gold: impl IntoIterator<Item = &'a Labeled>,
    ) -> Option<EntityKey> {
        let mut key = None;
        for g in gold {
            if g.entity.is_some() {
                return Some(EntityKey::Id);
            }
            if g.name.is_some() {
                key = Some(EntityKey::Name);
            }
        }
        key
    }

    fn of<'a>(&self, l: &'a Labeled) -> Option<&'a str> {
        match self {
            EntityKey::Id => l.entity.as_deref(),
            EntityKey::Name => l.name.as_deref(),
        }
    }
}

/// What to score and how labels line up.
#[derive(Clone, Debug)]
pub struct Options {
    /// The types scored, after mapping.
    pub types: BTreeSet<String>,
    /// Renames applied to gold and predicted types before anything else.
    pub map: HashMap<String, String>,
    /// Predictions overlapping a gold span of these types (after mapping)
    /// are not scored unless they match a gold span.
    pub ignore_in: BTreeSet<String>,
    /// The entity-level key; `None` leaves [`Report::entity`] empty.
    pub entity_key: Option<EntityKey>,
    /// How many strict false positives and negatives to keep as examples.
    pub max_errors: usize,
}

/// score.py's defaults: `--types PER,ORG,LOC`,
/// `--map PERSON=PER,GPE=LOC,FAC=LOC`, `--ignore-in MISC`.
impl Default for Options {
    fn default() -> Options {
        Options {
            types: parse_list(DEFAULT_TYPES),
            map: parse_map(DEFAULT_MAP).expect("valid default map"),
            ignore_in: parse_list(DEFAULT_IGNORE_IN),
            entity_key: None,
            max_errors: 0,
        }
    }
}

/// The default `--types` (as in score.py).
pub const DEFAULT_TYPES: &str = "PER,ORG,LOC";
/// The default `--map` (as in score.py).
pub const DEFAULT_MAP: &str = "PERSON=PER,GPE=LOC,FAC=LOC";
/// The default `--ignore-in` (as in score.py).
pub const DEFAULT_IGNORE_IN: &str = "MISC";

/// Split `A,B,C` into a set; empty items are dropped, so `""` is empty.
pub fn parse_list(spec: &str) -> BTreeSet<String> {
    spec.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Parse `FROM=TO,FROM=TO`; `""` is no mapping.
pub fn parse_map(spec: &str) -> Result<HashMap<String, String>, String> {
    let mut map = HashMap::new();
    for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match item.split_once('=') {
            Some((from, to))
                if !from.trim().is_empty() && !to.trim().is_empty() =>
            {
                map.insert(from.trim().to_string(), to.trim().to_string());
            }
            _ => {
                return Err(format!(
                    "invalid mapping {item:?}: expected FROM=TO, like \
                     PERSON=PER"
                ))
            }
        }
    }
    Ok(map)
}

/// True positives, false positives and false negatives; the ratios are
/// computed from them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Matched predictions.
    pub tp: u64,
    /// Predictions matching no gold span.
    pub fp: u64,
    /// Gold spans matched by no prediction.
    pub fn_: u64,
}

impl Counts {
    /// tp / (tp + fp), or 0.0 when there are no predictions.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), or 0.0 when there are no gold spans.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall, or 0.0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// The number of gold spans: tp + fn.
    pub fn support(&self) -> u64 {
        self.tp + self.fn_
    }

    fn add(&mut self, other: &Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(num: u64, den: u64) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// `{"precision", "recall", "f1", "tp", "fp", "fn", "support"}`.
impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Counts", 7)?;
        st.serialize_field("precision", &self.precision())?;
        st.serialize_field("recall", &self.recall())?;
        st.serialize_field("f1", &self.f1())?;
        st.serialize_field("tp", &self.tp)?;
        st.serialize_field("fp", &self.fp)?;
        st.serialize_field("fn", &self.fn_)?;
        st.serialize_field("support", &self.support())?;
        st.end()
    }
}

/// One measure: micro totals and one row per scored type (every type in
/// [`Options::types`], even with no spans).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Summed over all types.
    pub micro: Counts,
    /// By type, sorted.
    pub per_type: BTreeMap<String, Counts>,
}

impl Scores {
    fn new(types: &BTreeSet<String>) -> Scores {
        Scores {
            micro: Counts::default(),
            per_type: types
                .iter()
                .map(|t| (t.clone(), Counts::default()))
                .collect(),
        }
    }

    fn count(&mut self, kind: &str, tp: u64, fp: u64, fn_: u64) {
        let c = Counts { tp, fp, fn_ };
        self.micro.add(&c);
        self.per_type.entry(kind.to_string()).or_default().add(&c);
    }
}

/// A strict false positive or false negative, for `--errors`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    /// The document's position in the gold file (as given to
    /// [`Evaluator::add`]).
    pub doc: usize,
    /// A prediction matching no gold span (else a gold span no prediction
    /// matched).
    pub false_positive: bool,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The type, after mapping.
    pub kind: String,
}

/// Every measure, summed over the documents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Exact span and type.
    pub strict: Scores,
    /// Exact span, any type.
    pub span: Scores,
    /// Overlapping span, same type.
    pub partial: Scores,
    /// Distinct entities per document; `None` without an [`EntityKey`].
    pub entity: Option<Scores>,
    /// Predictions of scored types left out by the ignore-in rule (strict).
    #[serde(skip)]
    pub ignored: u64,
    /// The first [`Options::max_errors`] strict errors, in document order
    /// and by position within a document.
    #[serde(skip)]
    pub errors: Vec<Miss>,
}

/// Accumulates scores one document at a time.
#[derive(Debug)]
pub struct Evaluator {
    opts: Options,
    report: Report,
}

/// Gold and predicted types at one span.
type Sides<'a> = (Vec<&'a str>, Vec<&'a str>);

/// A span after mapping: (start, end, type).
type Triple<'a> = (usize, usize, &'a str);

impl Evaluator {
    /// An evaluator with no documents yet.
    pub fn new(opts: Options) -> Evaluator {
        let report = Report {
            strict: Scores::new(&opts.types),
            span: Scores::new(&opts.types),
            partial: Scores::new(&opts.types),
            entity: opts.entity_key.map(|_| Scores::new(&opts.types)),
            ignored: 0,
            errors: Vec::new(),
        };
        Evaluator { opts, report }
    }

    /// Score one document: its gold spans against its predicted spans
    /// (labels as in the files; mapping and filtering happen here). `doc`
    /// is only recorded in [`Report::errors`].
    pub fn add(&mut self, doc: usize, gold: &[Labeled], pred: &[Labeled]) {
        let map = |kind: &str| -> String {
            self.opts.map.get(kind).map_or(kind, String::as_str).to_string()
        };
        let gold: Vec<(usize, usize, String, &Labeled)> =
            gold.iter().map(|l| (l.start, l.end, map(&l.kind), l)).collect();
        let pred: Vec<(usize, usize, String, &Labeled)> =
            pred.iter().map(|l| (l.start, l.end, map(&l.kind), l)).collect();
        let types = &self.opts.types;
        let g: HashSet<Triple<'_>> = gold
            .iter()
            .filter(|x| types.contains(&x.2))
            .map(|x| (x.0, x.1, x.2.as_str()))
            .collect();
        let p: HashSet<Triple<'_>> = pred
            .iter()
            .filter(|x| types.contains(&x.2))
            .map(|x| (x.0, x.1, x.2.as_str()))
            .collect();
        let skip: Vec<(usize, usize)> = gold
            .iter()
            .filter(|x| self.opts.ignore_in.contains(&x.2))
            .map(|x| (x.0, x.1, x.2.as_str()))
            .filter(|t| !g.contains(t))
            .map(|(s, e, _)| (s, e))
            .collect();
        let skipped = |q: &Triple<'_>| {
            skip.iter().any(|&(s, e)| overlaps((s, e), (q.0, q.1)))
        };

        // strict: score.py, line for line.
        let p_strict: HashSet<Triple<'_>> = p
            .iter()
            .filter(|q| g.contains(q) || !skipped(q))
            .copied()
            .collect();
        self.report.ignored += (p.len() - p_strict.len()) as u64;
        for q in &p_strict {
            let hit = g.contains(q);
            self.report.strict.count(q.2, hit as u64, !hit as u64, 0);
        }
        let mut misses = Vec::new();
        for q in &g {
            if !p_strict.contains(q) {
                self.report.strict.count(q.2, 0, 0, 1);
                misses.push((q.0, q.1, false, q.2));
            }
        }
        for q in &p_strict {
            if !g.contains(q) {
                misses.push((q.0, q.1, true, q.2));
            }
        }
        misses.sort_unstable();
        for (start, end, false_positive, kind) in misses {
            if self.report.errors.len() >= self.opts.max_errors {
                break;
            }
            let kind = kind.to_string();
            self.report.errors.push(Miss {
                doc,
                false_positive,
                start,
                end,
                kind,
            });
        }

        // span: same offsets, any type, one to one.
        let gold_spans: HashSet<(usize, usize)> =
            g.iter().map(|q| (q.0, q.1)).collect();
        let p_span: Vec<Triple<'_>> = sorted(
            p.iter()
                .filter(|q| gold_spans.contains(&(q.0, q.1)) || !skipped(q)),
        );
        let mut by_span: BTreeMap<(usize, usize), Sides<'_>> = BTreeMap::new();
        for q in sorted(g.iter()) {
            by_span.entry((q.0, q.1)).or_default().0.push(q.2);
        }
        for q in &p_span {
            by_span.entry((q.0, q.1)).or_default().1.push(q.2);
        }
        for (mut gs, mut ps) in by_span.into_values() {
            // Same-type pairs first, then any leftover pairs.
            gs.retain(|t| match ps.iter().position(|u| u == t) {
                Some(i) => {
                    ps.remove(i);
                    self.report.span.count(t, 1, 0, 0);
                    false
                }
                None => true,
            });
            let pairs = gs.len().min(ps.len());
            for t in &gs[..pairs] {
                self.report.span.count(t, 1, 0, 0);
            }
            for t in &gs[pairs..] {
                self.report.span.count(t, 0, 0, 1);
            }
            for t in &ps[pairs..] {
                self.report.span.count(t, 0, 1, 0);
            }
        }

        // partial: overlapping, same type, one to one.
        let p_partial: Vec<Triple<'_>> = sorted(p.iter().filter(|q| {
            g.iter().any(|x| x.2 == q.2 && overlaps((x.0, x.1), (q.0, q.1)))
                || !skipped(q)
        }));
        for kind in types {
            let mut gs: Vec<(usize, usize)> =
                g.iter().filter(|q| q.2 == kind).map(|q| (q.0, q.1)).collect();
            let mut ps: Vec<(usize, usize)> = p_partial
                .iter()
                .filter(|q| q.2 == kind)
                .map(|q| (q.0, q.1))
                .collect();
            gs.sort_unstable_by_key(|&(s, e)| (e, s));
            ps.sort_unstable_by_key(|&(s, e)| (e, s));
            let mut used = vec![false; ps.len()];
            let mut tp = 0;
            for &gspan in &gs {
                let found = (0..ps.len())
                    .find(|&i| !used[i] && overlaps(gspan, ps[i]));
                if let Some(i) = found {
                    used[i] = true;
                    tp += 1;
                }
            }
            let (np, ng) = (ps.len() as u64, gs.len() as u64);
            self.report.partial.count(kind, tp, np - tp, ng - tp);
        }

        // entity: distinct (entity, type) per document.
        if let (Some(key), Some(scores)) =
            (self.opts.entity_key, self.report.entity.as_mut())
        {
            let gold_entities: BTreeSet<(&str, &str)> = gold
                .iter()
                .filter(|x| types.contains(&x.2))
                .filter_map(|x| Some((key.of(x.3)?, x.2.as_str())))
                .collect();
            let pred_entities: BTreeSet<(&str, &str)> = pred
                .iter()
                .filter(|x| p_strict.contains(&(x.0, x.1, x.2.as_str())))
                .filter_map(|x| Some((key.of(x.3)?, x.2.as_str())))
                .collect();
            for e in &pred_entities {
                let hit = gold_entities.contains(e);
                scores.count(e.1, hit as u64, !hit as u64, 0);
            }
            for e in gold_entities.difference(&pred_entities) {
                scores.count(e.1, 0, 0, 1);
            }
        }
    }

    /// The scores so far.
    pub fn finish(self) -> Report {
        self.report
    }
}

/// Whether two half-open spans share a code point (score.py's test).
fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn sorted<'a, 'b: 'a>(
    it: impl Iterator<Item = &'a Triple<'b>>,
) -> Vec<Triple<'b>> {
    let mut v: Vec<Triple<'b>> = it.copied().collect();
    v.sort_unstable();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(start: usize, end: usize, kind: &str) -> Labeled {
        Labeled::new(start, end, kind)
    }

    fn with_entity(start: usize, end: usize, kind: &str, e: &str) -> Labeled {
        Labeled { entity: Some(e.to_string()), ..l(start, end, kind) }
    }

    fn no_ignore() -> Options {
        Options { ignore_in: BTreeSet::new(), ..Options::default() }
    }

    fn eval(opts: Options, docs: &[(&[Labeled], &[Labeled])]) -> Report {
        let mut ev = Evaluator::new(opts);
        for (i, (g, p)) in docs.iter().enumerate() {
            ev.add(i, g, p);
        }
        ev.finish()
    }

    #[test]
    fn zero_denominators_are_zero() {
        let c = Counts::default();
        assert_eq!((c.precision(), c.recall(), c.f1()), (0.0, 0.0, 0.0));
        // No predictions: precision 0, recall 0.
        let c = Counts { tp: 0, fp: 0, fn_: 3 };
        assert_eq!((c.precision(), c.recall(), c.f1()), (0.0, 0.0, 0.0));
        // No gold: recall 0.
        let c = Counts { tp: 0, fp: 2, fn_: 0 };
        assert_eq!((c.precision(), c.recall(), c.f1()), (0.0, 0.0, 0.0));
        // Nothing at all scores 0, not 1 (score.py's convention).
        let r = eval(Options::default(), &[(&[], &[])]);
        assert_eq!(r.strict.micro.f1(), 0.0);
        assert_eq!(r.strict.per_type.len(), 3);
    }

    #[test]
    fn ratios() {
        // P = 2/3, R = 2/4, F1 = 2·(2/3)(1/2)/(2/3 + 1/2) = 4/7.
        let c = Counts { tp: 2, fp: 1, fn_: 2 };
        assert_eq!(c.precision(), 2.0 / 3.0);
        assert_eq!(c.recall(), 0.5);
        assert!((c.f1() - 4.0 / 7.0).abs() < 1e-12);
        assert_eq!(c.support(), 4);
    }

    #[test]
    fn gold_against_itself_is_perfect() {
        let gold = [
            with_entity(0, 4, "LOC", "iraq"),
            with_entity(10, 15, "PERSON", "trump"),
            with_entity(20, 25, "ORG", "irgc"),
            l(30, 33, "MISC"),
        ];
        let opts = Options {
            entity_key: EntityKey::detect(&gold),
            ..Options::default()
        };
        let r = eval(opts, &[(&gold, &gold)]);
        for s in [&r.strict, &r.span, &r.partial, r.entity.as_ref().unwrap()] {
            assert_eq!(s.micro, Counts { tp: 3, fp: 0, fn_: 0 });
            assert_eq!(s.micro.f1(), 1.0);
        }
    }

    #[test]
    fn swapping_gold_and_pred_swaps_precision_and_recall() {
        let a = [l(0, 4, "LOC"), l(10, 15, "PER"), l(20, 25, "ORG")];
        let b = [l(0, 4, "LOC"), l(10, 14, "PER"), l(40, 45, "ORG")];
        let ab = eval(no_ignore(), &[(&a, &b)]);
        let ba = eval(no_ignore(), &[(&b, &a)]);
        for (x, y) in [
            (&ab.strict, &ba.strict),
            (&ab.span, &ba.span),
            (&ab.partial, &ba.partial),
        ] {
            assert_eq!(x.micro.precision(), y.micro.recall());
            assert_eq!(x.micro.recall(), y.micro.precision());
            assert_eq!(x.micro.f1(), y.micro.f1());
        }
        // strict: LOC matches; PER offsets differ; ORG elsewhere.
        // P = R = 1/3.
        assert_eq!(ab.strict.micro, Counts { tp: 1, fp: 2, fn_: 2 });
        // partial: PER overlaps too. P = R = 2/3.
        assert_eq!(ab.partial.micro, Counts { tp: 2, fp: 1, fn_: 1 });
    }

    #[test]
    fn defaults_map_and_restrict_types() {
        // PERSON→PER, GPE→LOC, FAC→LOC; NORP is not scored at all.
        let gold = [l(0, 4, "PERSON"), l(5, 9, "GPE"), l(10, 14, "NORP")];
        let pred = [l(0, 4, "PER"), l(5, 9, "LOC"), l(20, 24, "NORP")];
        let r = eval(Options::default(), &[(&gold, &pred)]);
        assert_eq!(r.strict.micro, Counts { tp: 2, fp: 0, fn_: 0 });
        assert_eq!(r.strict.per_type["PER"].tp, 1);
        assert_eq!(r.strict.per_type["ORG"], Counts::default());
    }

    #[test]
    fn duplicates_collapse_like_sets() {
        let gold = [l(0, 4, "LOC"), l(0, 4, "LOC")];
        let pred = [l(0, 4, "LOC"), l(0, 4, "LOC"), l(0, 4, "LOC")];
        let r = eval(Options::default(), &[(&gold, &pred)]);
        assert_eq!(r.strict.micro, Counts { tp: 1, fp: 0, fn_: 0 });
    }

    #[test]
    fn ignore_in_drops_predictions_inside_misc() {
        // "West Indian": gold MISC 0..11, the tagger says LOC 5..11.
        let gold = [l(0, 11, "MISC"), l(20, 26, "PER")];
        let pred = [l(5, 11, "LOC"), l(20, 26, "PER")];
        let r = eval(Options::default(), &[(&gold, &pred)]);
        assert_eq!(r.strict.micro, Counts { tp: 1, fp: 0, fn_: 0 });
        assert_eq!(r.ignored, 1);
        assert_eq!(r.span.micro, Counts { tp: 1, fp: 0, fn_: 0 });
        assert_eq!(r.partial.micro, Counts { tp: 1, fp: 0, fn_: 0 });
        // Disabled, it is a false positive.
        let r = eval(no_ignore(), &[(&gold, &pred)]);
        assert_eq!(r.strict.micro, Counts { tp: 1, fp: 1, fn_: 0 });
        assert_eq!(r.ignored, 0);
    }

    #[test]
    fn span_measure_ignores_type_but_matches_once() {
        let gold = [l(0, 4, "LOC"), l(0, 4, "ORG"), l(10, 14, "PER")];
        let pred = [l(0, 4, "ORG"), l(10, 14, "ORG")];
        let r = eval(no_ignore(), &[(&gold, &pred)]);
        // 0..4: ORG pairs with ORG; LOC is left → fn. 10..14 matches
        // across types (counted under the gold type PER).
        assert_eq!(r.span.micro, Counts { tp: 2, fp: 0, fn_: 1 });
        assert_eq!(r.span.per_type["PER"], Counts { tp: 1, fp: 0, fn_: 0 });
        assert_eq!(r.span.per_type["LOC"], Counts { tp: 0, fp: 0, fn_: 1 });
        assert_eq!(r.strict.micro, Counts { tp: 1, fp: 1, fn_: 2 });
    }

    #[test]
    fn partial_matches_one_to_one() {
        // One long gold span, two short predictions inside it: one match,
        // one false positive.
        let gold = [l(0, 20, "ORG")];
        let pred = [l(0, 5, "ORG"), l(10, 20, "ORG"), l(30, 35, "ORG")];
        let r = eval(no_ignore(), &[(&gold, &pred)]);
        assert_eq!(r.partial.micro, Counts { tp: 1, fp: 2, fn_: 0 });
        // Touching is not overlapping (half-open spans).
        let r = eval(no_ignore(), &[(&[l(0, 5, "ORG")], &[l(5, 9, "ORG")])]);
        assert_eq!(r.partial.micro, Counts { tp: 0, fp: 1, fn_: 1 });
    }

    #[test]
    fn entity_measure_counts_distinct_entities_per_document() {
        let gold = [
            with_entity(0, 9, "PERSON", "soleimani"),
            with_entity(20, 29, "PERSON", "soleimani"),
            with_entity(40, 44, "LOC", "iraq"),
        ];
        // Found once, at other offsets; Iraq missed; Iran extra.
        let pred = [
            with_entity(50, 59, "PERSON", "soleimani"),
            with_entity(60, 64, "LOC", "iran"),
        ];
        let opts = Options {
            entity_key: EntityKey::detect(&gold),
            ..Options::default()
        };
        let r = eval(opts, &[(&gold, &pred), (&gold[..1], &[])]);
        // doc 0: tp soleimani, fp iran, fn iraq; doc 1: fn soleimani.
        assert_eq!(r.entity.unwrap().micro, Counts { tp: 1, fp: 1, fn_: 2 });
    }

    #[test]
    fn entity_key_detection() {
        assert_eq!(EntityKey::detect(&[l(0, 1, "X")]), None);
        let named = Labeled { name: Some("Iraq".into()), ..l(0, 4, "LOC") };
        assert_eq!(EntityKey::detect([&named]), Some(EntityKey::Name));
        let both = [named, with_entity(0, 1, "LOC", "iraq")];
        assert_eq!(EntityKey::detect(&both), Some(EntityKey::Id));
    }

    #[test]
    fn errors_are_sorted_and_limited() {
        let gold = [l(10, 14, "LOC"), l(0, 4, "PER")];
        let pred = [l(5, 8, "ORG"), l(20, 24, "LOC")];
        let opts = Options { max_errors: 3, ..Options::default() };
        let r = eval(opts, &[(&gold, &pred)]);
        let got: Vec<(usize, bool)> =
            r.errors.iter().map(|m| (m.start, m.false_positive)).collect();
        assert_eq!(got, [(0, false), (5, true), (10, false)]);
    }

    #[test]
    fn map_parsing() {
        assert!(parse_map("").unwrap().is_empty());
        assert_eq!(parse_map("A=B, C=D").unwrap()["C"], "D");
        let err = parse_map("PERSON").unwrap_err();
        assert!(err.starts_with("invalid mapping \"PERSON\""), "{err}");
        assert!(parse_list("").is_empty());
        assert_eq!(parse_list("PER,,LOC").len(), 2);
    }
}
