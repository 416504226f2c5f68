//! Bylines name a person and a role: `By Jane Smith, Fool Contributor`,
//! `Jane Smith Staff Writer`. The role's words are capitalized like the
//! name's, so a name run goes on into them; a byline role noun
//! (`gazetteers/lexicon/byline-roles.txt`: `Contributor`,
//! `Correspondent`, `Writer`) ends the name before it and before the
//! common words that lead up to it (`Fool`, `Staff`, `Senior`).

use super::document::{Doc, Run};

impl Doc<'_> {
    /// `run` (a person of three or more words) without the byline role
    /// in or right after it, if there is one: `Jane Smith Fool` before
    /// `Contributor` → `Jane Smith`. The name keeps at least two words.
    pub(super) fn byline_run(&mut self, run: Run) -> Option<Run> {
        let last = (run.to + 1).min(self.toks.len() - 1);
        let role = (run.from + 2..=last).find(|&k| {
            let t = self.toks[k];
            let w = &self.text[t.start as usize..t.end as usize];
            (k <= run.to || self.joins_previous(k))
                && self.rules.title_case.roles.get(w).is_some()
        })?;
        let mut to = role - 1;
        while to > run.from + 1 && self.is_common(to) {
            to -= 1;
        }
        (to < run.to).then_some(Run { from: run.from, to })
    }
}
