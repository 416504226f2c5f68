//! Evaluation harness for `entx::rules` (ignored by default): runs the
//! built-in gazetteer plus the rules over a gold JSONL file and writes
//! predictions that `score.py` reads.
//!
//! ```sh
//! RULES_GOLD=/work/shared/data/conll2003/dev.jsonl RULES_PRED=/tmp/p.jsonl \
//!   RULES_OFF=propagation,title cargo test --test rules_eval -- --ignored --nocapture
//! ```
//!
//! `RULES_OFF=all` runs the gazetteer alone. `RULES_BENCH=corpus.jsonl`
//! times extraction with and without rules instead (text field `text`).

use std::io::{BufRead, BufWriter, Write};
use std::time::Instant;

use entx::extract::Mention;
use entx::index::{Index, IndexBytes};
use entx::rules::{MentionInfo, Rule, RuleOutput, Rules};
use entx::{Extractor, ExtractorBuilder, Scratch};

struct Info<'a> {
    ex: &'a Extractor,
    ms: &'a [Mention],
}

impl MentionInfo for Info<'_> {
    fn kind(&self, i: usize) -> &str {
        self.ex.entity(self.ms[i].entity).kind
    }
    fn name(&self, i: usize) -> &str {
        self.ex.entity(self.ms[i].entity).name
    }
    fn population(&self, i: usize) -> u64 {
        self.ex.entity(self.ms[i].entity).population
    }
    fn priority(&self, i: usize) -> i64 {
        self.ex.entity(self.ms[i].entity).priority
    }
}

fn rules_from_env() -> Option<Rules> {
    let mut rules = Rules::builtin();
    let off = std::env::var("RULES_OFF").unwrap_or_default();
    if off == "all" {
        return None;
    }
    for r in off.split(',').filter(|r| !r.is_empty()) {
        assert!(
            rules.set_enabled(r, false),
            "unknown rule {r}; known: {:?}",
            Rule::ALL.map(Rule::name)
        );
    }
    Some(rules)
}

fn extractor() -> Extractor {
    let idx = Index::from_bytes(IndexBytes::Static(entx::builtin::INDEX))
        .expect("built-in index");
    ExtractorBuilder::new().build_from_index(idx)
}

/// (start, end, kind, rule) in bytes, merged and sorted.
fn run(
    ex: &Extractor,
    rules: Option<&Rules>,
    text: &str,
    scratch: &mut Scratch,
    out: &mut RuleOutput,
) -> Vec<(usize, usize, String, String)> {
    let ms: Vec<Mention> = ex.extract(text, scratch).to_vec();
    let mut merged = Vec::new();
    out.clear();
    if let Some(rules) = rules {
        rules.apply(text, &ms, &Info { ex, ms: &ms }, out);
    }
    for (i, m) in ms.iter().enumerate() {
        if out.drop.binary_search(&i).is_err() {
            let kind = ex.entity(m.entity).kind.to_string();
            merged.push((
                m.span.start,
                m.span.end,
                kind,
                "gazetteer".to_string(),
            ));
        }
    }
    for a in &out.add {
        merged.push((
            a.span.start,
            a.span.end,
            a.kind.to_string(),
            a.rule.to_string(),
        ));
    }
    merged.sort();
    for w in merged.windows(2) {
        assert!(
            w[0].1 <= w[1].0,
            "overlap: {:?} {:?} in {text:?}",
            w[0],
            w[1]
        );
    }
    merged
}

fn char_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

#[test]
#[ignore]
fn rules_eval() {
    let Ok(gold) = std::env::var("RULES_GOLD") else {
        eprintln!("set RULES_GOLD and RULES_PRED");
        return;
    };
    let pred = std::env::var("RULES_PRED").expect("RULES_PRED");
    let ex = extractor();
    let rules = rules_from_env();
    let mut scratch = Scratch::new();
    let mut out = RuleOutput::default();
    let mut w = BufWriter::new(std::fs::File::create(pred).unwrap());
    let f = std::io::BufReader::new(std::fs::File::open(gold).unwrap());
    let mut per_rule = std::collections::BTreeMap::<String, usize>::new();
    for line in f.lines() {
        let line = line.unwrap();
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value = serde_json::from_str(&line).unwrap();
        let text = doc["text"].as_str().unwrap();
        let merged = run(&ex, rules.as_ref(), text, &mut scratch, &mut out);
        let mentions: Vec<serde_json::Value> = merged
            .iter()
            .map(|(s, e, k, r)| {
                *per_rule.entry(r.clone()).or_default() += 1;
                serde_json::json!({
                    "start": char_index(text, *s), "end": char_index(text, *e),
                    "type": k, "text": &text[*s..*e], "rule": r,
                })
            })
            .collect();
        let rec = serde_json::json!({"id": doc["id"], "mentions": mentions});
        writeln!(w, "{rec}").unwrap();
    }
    eprintln!("mentions per source: {per_rule:?}");
}

#[test]
#[ignore]
fn rules_bench() {
    let Ok(path) = std::env::var("RULES_BENCH") else {
        eprintln!("set RULES_BENCH");
        return;
    };
    let texts: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["text"].as_str().unwrap_or("").to_string()
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let ex = extractor();
    let rules = Rules::builtin();
    let mut scratch = Scratch::new();
    let mut out = RuleOutput::default();
    let reps = 5;
    let (mut gaz_t, mut all_t, mut rules_only) = (vec![], vec![], vec![]);
    for _ in 0..reps {
        let t = Instant::now();
        let mut n = 0;
        for text in &texts {
            n += ex.extract(text, &mut scratch).len();
        }
        gaz_t.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let mut r = 0;
        let mut rt = 0.0;
        for text in &texts {
            let ms = ex.extract(text, &mut scratch);
            let t2 = Instant::now();
            out.clear();
            rules.apply(text, ms, &InfoRef { ex: &ex, ms }, &mut out);
            rt += t2.elapsed().as_secs_f64();
            r += out.add.len();
        }
        all_t.push(t.elapsed().as_secs_f64());
        rules_only.push(rt);
        eprintln!("gazetteer mentions {n}, rule mentions {r}");
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[v.len() / 2]
    };
    let (g, a, r) = (med(&mut gaz_t), med(&mut all_t), med(&mut rules_only));
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "{mb:.1} MB, {} docs: gazetteer {g:.3}s ({:.1} MB/s); gazetteer+rules {a:.3}s ({:.1} MB/s); rules alone {r:.3}s ({:.1} MB/s)",
        texts.len(), mb / g, mb / a, mb / r
    );
}

struct InfoRef<'a> {
    ex: &'a Extractor,
    ms: &'a [Mention],
}

impl MentionInfo for InfoRef<'_> {
    fn kind(&self, i: usize) -> &str {
        self.ex.entity(self.ms[i].entity).kind
    }
    fn name(&self, i: usize) -> &str {
        self.ex.entity(self.ms[i].entity).name
    }
    fn population(&self, i: usize) -> u64 {
        self.ex.entity(self.ms[i].entity).population
    }
    fn priority(&self, i: usize) -> i64 {
        self.ex.entity(self.ms[i].entity).priority
    }
}
