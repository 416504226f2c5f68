//! What every stage passes on: a span of source bytes and a gazetteer
//! mention. A leaf module, so that the matcher, the rules and the output
//! can all use it without depending on each other.

use crate::gazetteer::EntityId;

/// A half-open range of UTF-8 byte offsets into the source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span as a range, for slicing the source text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// A resolved occurrence of an entity in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where, in source bytes (half-open).
    pub span: Span,
    /// The entity chosen for this span.
    pub entity: EntityId,
    /// Other entities sharing the matched alias that also passed the case
    /// rule, best first. Empty for unambiguous aliases.
    pub candidates: Vec<EntityId>,
    /// The entity the alias names in sports text only (`Chelsea` the club,
    /// from a gazetteer row with `context=sports`), if any: behind
    /// `entity`, or `entity` itself when nothing else matched.
    pub sports: Option<EntityId>,
}

impl Mention {
    /// Whether the span names an entity only in sports text, and nothing
    /// else.
    pub fn is_sports_only(&self) -> bool {
        self.sports == Some(self.entity)
    }
}
