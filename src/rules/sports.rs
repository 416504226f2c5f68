//! Sports tables: standings, scores and fixtures name teams (ORG), and a
//! place the tables show is a team is a team everywhere in the document.

use foldhash::HashSet;

use crate::text::tokenize::*;

use super::document::{Doc, Run};
use super::lexicon::*;
use super::{Rule, RuleMention, SURNAME_PRIORITY};

impl Doc<'_> {
    /// Sports tables: standings (`Bolton 3 2 1 0 5 2 7`), scores (`Chicago
    /// 4 HOUSTON 3`, `Somerset 83 and 174`), fixtures (`Reading v Stoke`).
    /// Their names are teams (ORG); the places among them are teams in the
    /// whole document.
    pub(super) fn teams(
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
            while b < n && !self.has(b, Shape::LINE) {
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
            if g == NO_GAZ || self.has(i, Shape::CLAIMED) {
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
                        self.toks[k].flags |= Shape::CLAIMED;
                    }
                    add.push(RuleMention {
                        span,
                        kind: "ORG",
                        name: self.text[span.range()].to_string(),
                        rule: Rule::Team,
                        // The club named like the place, if the gazetteer
                        // has one.
                        entity: self.mentions[g as usize].sports,
                    });
                }
            }
            i = j + 1;
        }
    }

    /// Whether the place in words `[i, j]` reads as a place: a dateline
    /// (`LONDON 1996-08-30`) or after `in`, `at`, `near`, `from`.
    pub(super) fn place_context(&self, i: usize, j: usize) -> bool {
        // A year soon after, on the same line: `WIGAN , England 1996-08-31`.
        let mut k = j + 1;
        while k < self.toks.len() && k <= j + 4 && !self.has(k, Shape::LINE) {
            if self.has(k, Shape::DIGIT) && self.word(k).len() == 4 {
                return true;
            }
            k += 1;
        }
        i > 0
            && matches!(
                self.word(i - 1),
                "in" | "at"
                    | "near"
                    | "from"
                    | "outside"
                    | "to"
                    | "In"
                    | "At"
                    | "AT"
            )
    }

    /// Whether the document is about sports: three different words of
    /// sports reporting (`gazetteers/lexicon/sports-words.txt`: `goals`,
    /// `innings`, `striker`, `SOCCER`). The caller also counts sports
    /// tables (rule `team`).
    pub(super) fn is_about_sports(&mut self) -> bool {
        let words = &self.rules.sports_words;
        let mut seen = [u16::MAX; 3];
        let mut n = 0;
        let firsts = &self.rules.sports_firsts;
        for i in 0..self.toks.len() {
            // Only a word whose length and first letter some sports word
            // has is looked up.
            let t = self.toks[i];
            let len = (t.end - t.start) as usize;
            let first = self.text.as_bytes()[t.start as usize] | 0x20;
            if len >= firsts.len()
                || !first.is_ascii_lowercase()
                || firsts[len] >> (first - b'a') & 1 == 0
            {
                continue;
            }
            if let Some(w) = self.folded_get(words, i) {
                if !seen[..n].contains(&w) {
                    seen[n] = w;
                    n += 1;
                    if n == seen.len() {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// Whether the gazetteer mention `g` is a country or larger: a national
    /// team is its country (CoNLL and OntoNotes type it a place).
    fn country(&self, g: u32) -> bool {
        self.info.kind(g as usize) == "LOC"
            && self.info.priority(g as usize) > SURNAME_PRIORITY
    }

    /// Whether the words `[i, j]` are a side in a result, outside a
    /// document about sports: next to a result verb (`beat Chelsea`,
    /// `drew with Chelsea`, `Chelsea lost`), on a line with a score
    /// (`2-1`) or another organization (`Manchester United beat
    /// Chelsea`).
    pub(super) fn result_context(&self, i: usize, j: usize) -> bool {
        let w = |k: usize| self.word(k);
        // `beat the Steelers`: the article is skipped.
        let s = if i > 1 && w(i - 1) == "the" && !self.has(i, Shape::LINE) {
            i - 1
        } else {
            i
        };
        let before = s > 0
            && !self.has(s, Shape::LINE)
            && (matches!(
                w(s - 1),
                "beat"
                    | "beats"
                    | "defeated"
                    | "defeat"
                    | "thrashed"
                    | "edged"
                    | "routed"
                    | "v"
                    | "vs"
                    | "against"
            ) || s > 1
                && (w(s - 1) == "with"
                    && matches!(
                        w(s - 2),
                        "drew" | "draw" | "draws" | "tied"
                    )
                    || w(s - 1) == "to"
                        && matches!(w(s - 2), "lost" | "lose" | "loses")));
        let after = j + 1 < self.toks.len()
            && !self.has(j + 1, Shape::LINE)
            && matches!(
                w(j + 1),
                "beat"
                    | "beats"
                    | "defeated"
                    | "drew"
                    | "lost"
                    | "thrashed"
                    | "edged"
                    | "routed"
                    | "v"
                    | "vs"
            );
        if !before && !after {
            return false;
        }
        // The line: from the word after the last line break before `i` to
        // the next one.
        let mut a = i;
        while a > 0 && !self.has(a, Shape::LINE) {
            a -= 1;
        }
        let mut b = j + 1;
        while b < self.toks.len() && !self.has(b, Shape::LINE) {
            b += 1;
        }
        let g = self.toks[i].gaz;
        (a..b).any(|k| {
            let o = self.toks[k].gaz;
            (o != NO_GAZ
                && o != g
                && (self.info.kind(o as usize) == "ORG"
                    || self.mentions[o as usize].sports.is_some()))
                || (k + 1 < b
                    && self.has(k, Shape::DIGIT)
                    && self.has(k + 1, Shape::DIGIT)
                    && self.text[self.toks[k].end as usize
                        ..self.toks[k + 1].start as usize]
                        == *"-")
        })
    }

    /// Resolve the gazetteer mentions whose alias names a club in sports
    /// text only (`context=sports`). In a document about sports, unless
    /// the words read as a place (`in Chelsea`, a dateline), the club
    /// wins: a place is replaced by the club (rule `sports-context`), a
    /// club alone stays. Anywhere else, a club alone is dropped and the
    /// place stays.
    pub(super) fn sports_context(
        &mut self,
        on: bool,
        tables: bool,
        add: &mut Vec<RuleMention>,
        drop: &mut Vec<usize>,
    ) {
        let n = self.toks.len();
        // Whether the document is about sports, read once when a mention
        // needs it.
        let mut sports = tables.then_some(true);
        let mut i = 0;
        while i < n {
            let g = self.toks[i].gaz;
            if g == NO_GAZ {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < n && self.toks[j + 1].gaz == g {
                j += 1;
            }
            let m = &self.mentions[g as usize];
            let claimed = (i..=j).any(|k| self.has(k, Shape::CLAIMED));
            if let (Some(club), false) = (m.sports, claimed) {
                let team_here = on
                    && !self.place_context(i, j)
                    && !self.country(g)
                    && (self.result_context(i, j)
                        || *sports
                            .get_or_insert_with(|| self.is_about_sports()));
                if team_here {
                    if !m.is_sports_only() {
                        for k in i..=j {
                            self.toks[k].flags |= Shape::CLAIMED;
                        }
                        add.push(RuleMention {
                            span: m.span,
                            kind: "ORG",
                            name: self.text[m.span.range()].to_string(),
                            rule: Rule::SportsContext,
                            entity: Some(club),
                        });
                    }
                } else if m.is_sports_only() {
                    drop.push(g as usize);
                    for k in i..=j {
                        self.toks[k].gaz = NO_GAZ;
                    }
                }
            }
            i = j + 1;
        }
    }

    /// The teams of one line `[a, b)`.
    pub(super) fn team_line(
        &mut self,
        a: usize,
        b: usize,
        add: &mut Vec<RuleMention>,
    ) {
        let Some(n1) = self.team_name(a, b) else { return };
        if n1 >= b {
            return;
        }
        let short = |d: &Self, k: usize| {
            d.has(k, Shape::DIGIT) && d.word(k).len() <= 3
        };
        if short(self, n1) && self.has(n1, Shape::JOINED) {
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
    pub(super) fn emit_team(
        &mut self,
        from: usize,
        to: usize,
        add: &mut Vec<RuleMention>,
    ) {
        if (from..=to).any(|k| {
            let g = self.toks[k].gaz;
            g != NO_GAZ && self.country(g)
        }) {
            return;
        }
        self.emit(Run { from, to }, "ORG", Rule::Team, true, add);
    }

    /// The text after word `k` up to the end of its line, trimmed at the
    /// start.
    pub(super) fn after(&self, k: usize) -> &str {
        let rest = &self.text[self.toks[k].end as usize..];
        let line = rest.split('\n').next().unwrap_or("");
        line.trim_start_matches([' ', '\t', '.'])
    }

    /// A team name: one to four capitalized words from `a` (`of` allowed
    /// inside: `Queen of South`), no stop word, no person. One past its end.
    pub(super) fn team_name(&mut self, a: usize, b: usize) -> Option<usize> {
        let mut k = a;
        while k < b && k < a + 4 {
            if k > a && !self.joins_previous(k) {
                break;
            }
            if self.has(k, Shape::CAP) && !self.has(k, Shape::INITIAL) {
                if self.is_stop(k) || self.has(k, Shape::CLAIMED) {
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
                && self.has(k + 1, Shape::CAP)
            {
                k += 1;
            } else {
                break;
            }
        }
        (k > a && !self.has(k - 1, Shape::LOWER)).then_some(k)
    }
}
