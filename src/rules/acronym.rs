//! Acronyms that are not small towns: `DAX` in ordinary text is not Dax,
//! France.

use crate::text::tokenize::*;

use super::document::Doc;
use super::MINOR_PRIORITY;

impl Doc<'_> {
    /// Small towns matched by an acronym in ordinary text (`DAX` is not
    /// Dax, France): dropped.
    pub(super) fn acronyms(&self, drop: &mut Vec<usize>) {
        for (i, t) in self.toks.iter().enumerate() {
            let g = t.gaz;
            if g == NO_GAZ
                || !t.flags.intersects(Shape::UPPER)
                || t.flags
                    .intersects(Shape::SHOUT | Shape::CLAIMED | Shape::LINE)
            {
                // Datelines (`BOGOTA , Colombia 1996-08-30`) start lines.
                continue;
            }
            // A dateline inside a line: `CHARLESTON , W.Va.`.
            if self.toks.get(i + 1).is_some_and(|n| {
                n.flags.intersects(Shape::COMMA)
                    && n.flags.intersects(Shape::CAP | Shape::INITIAL)
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
}
