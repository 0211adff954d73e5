//! The resolver: the one stage where candidates from every source (user watchlist, rules,
//! lexicon, learned model) meet and become the final, sorted, non-overlapping entities.
//!
//! Precedence, in order:
//! 1. **Leftmost**: of two overlapping candidates, the one that starts first wins.
//! 2. **Longest**: among those starting at the same place, the longer wins
//!    ("الأمم المتحدة" over "الأمم").
//! 3. **Source**: at equal span, user terms beat rules, rules beat the lexicon, the
//!    lexicon beats the model ([`Source`]'s order).
//! 4. **Score**: then the higher score.
//!
//! Later stages (grouping, document consistency) work on the resolved list.

use crate::entity::Entity;
#[cfg(doc)]
use crate::entity::Source;
use std::cmp::Reverse;

/// Picks the final entities from overlapping candidates (offsets in any one unit).
///
/// ```
/// use noor::{Entity, Kind};
/// use noor::entity::Source;
/// use noor::resolve::resolve;
/// let e = |s, e, src| Entity { start: s, end: e, kind: Kind::Loc, text: String::new(), score: 0.9,
///     id: None, canonical: None, group: None, value: None, source: src };
/// let out = resolve(vec![e(4, 9, Source::Model), e(0, 5, Source::Lexicon), e(0, 3, Source::User)]);
/// assert_eq!(out.iter().map(|x| (x.start, x.end)).collect::<Vec<_>>(), [(0, 5)]);
/// ```
pub fn resolve(mut candidates: Vec<Entity>) -> Vec<Entity> {
    candidates.retain(|c| c.end > c.start);
    candidates.sort_by(|a, b| {
        (a.start, Reverse(a.end), Reverse(a.source))
            .cmp(&(b.start, Reverse(b.end), Reverse(b.source)))
            .then(b.score.total_cmp(&a.score))
    });
    let mut out: Vec<Entity> = Vec::with_capacity(candidates.len());
    for c in candidates {
        if out.last().is_none_or(|last| c.start >= last.end) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Source;
    use crate::Kind;

    fn ent(start: usize, end: usize, source: Source, score: f64) -> Entity {
        Entity {
            start,
            end,
            kind: Kind::Loc,
            text: String::new(),
            score,
            id: None,
            canonical: None,
            group: None,
            value: None,
            source,
        }
    }

    #[test]
    fn precedence() {
        // Longest wins at the same start.
        let r = resolve(vec![ent(0, 3, Source::Lexicon, 1.0), ent(0, 8, Source::Lexicon, 0.5)]);
        assert_eq!((r[0].start, r[0].end), (0, 8));
        // Source breaks ties of equal spans.
        let r = resolve(vec![ent(0, 3, Source::Model, 1.0), ent(0, 3, Source::User, 0.1)]);
        assert_eq!(r[0].source, Source::User);
        // Score breaks ties of equal span and source.
        let r = resolve(vec![ent(0, 3, Source::Model, 0.2), ent(0, 3, Source::Model, 0.7)]);
        assert_eq!(r[0].score, 0.7);
        // Sorted, non-overlapping, empty spans dropped.
        let r = resolve(vec![
            ent(10, 12, Source::Model, 1.0),
            ent(2, 2, Source::User, 1.0),
            ent(5, 11, Source::Lexicon, 1.0),
        ]);
        assert_eq!(r.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>(), [(5, 11)]);
    }
}
