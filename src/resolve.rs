//! The resolver: the one stage where candidates from every source (user watchlist, rules,
//! lexicon, learned model) meet and become the final, sorted, non-overlapping entities.
//!
//! First, **the tagger decides over the lexicon**: a lexicon match that overlaps a name the
//! tagger found is dropped, unless both agree on span and type (then the lexicon's match,
//! which carries an identity, stands). The tagger has seen the lexicon's opinion as a
//! feature and the context besides ("Chicago" in a results table is a team, an ORG).
//! Lexicon matches where the tagger found nothing stay: they add recall.
//!
//! Then, precedence, in order:
//! 1. **Leftmost**: of two overlapping candidates, the one that starts first wins.
//! 2. **Longest**: among those starting at the same place, the longer wins
//!    ("الأمم المتحدة" over "الأمم").
//! 3. **Source**: at equal span, user terms beat rules, rules beat the lexicon, the
//!    lexicon beats the model ([`Source`]'s order).
//! 4. **Score**: then the higher score.
//!
//! Later stages (grouping, document consistency) work on the resolved list.

use crate::entity::{Entity, Source};
use std::cmp::Reverse;

/// Picks the final entities from overlapping candidates (offsets in any one unit).
///
/// ```
/// use noor::{Entity, Kind};
/// use noor::entity::Source;
/// use noor::resolve::resolve;
/// let e = |s, e, src| Entity { start: s, end: e, kind: Kind::Loc, text: String::new(), score: 0.9,
///     id: None, canonical: None, group: None, value: None, source: src };
/// // The user's term wins its span; the overlapping rule match after it goes.
/// let out = resolve(vec![e(4, 9, Source::Rules), e(0, 5, Source::Lexicon), e(0, 5, Source::User)]);
/// assert_eq!(out.iter().map(|x| (x.start, x.end, x.source)).collect::<Vec<_>>(), [(0, 5, Source::User)]);
/// // The tagger's name replaces an overlapping lexicon match.
/// let out = resolve(vec![e(4, 9, Source::Model), e(0, 5, Source::Lexicon)]);
/// assert_eq!(out.iter().map(|x| (x.start, x.end)).collect::<Vec<_>>(), [(4, 9)]);
/// ```
pub fn resolve(mut candidates: Vec<Entity>) -> Vec<Entity> {
    candidates.retain(|c| c.end > c.start);
    // The tagger's spans come from one BIO sequence, so they never overlap: sorted by start,
    // their ends are sorted too, and the spans a lexicon match overlaps are found by binary
    // search (a scan per match would make long documents quadratic).
    let mut model: Vec<(usize, usize, crate::Kind)> =
        candidates.iter().filter(|c| c.source == Source::Model).map(|c| (c.start, c.end, c.kind)).collect();
    model.sort_unstable_by_key(|&(s, e, _)| (s, e));
    if !model.is_empty() {
        candidates.retain(|c| {
            if c.source != Source::Lexicon {
                return true;
            }
            let first = model.partition_point(|&(_, e, _)| e <= c.start);
            model[first..]
                .iter()
                .take_while(|&&(s, _, _)| s < c.end)
                .all(|&(s, e, k)| (s, e, k) == (c.start, c.end, c.kind))
        });
    }
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
        Entity::candidate(start, end, Kind::Loc, score, source)
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
        // The tagger over the lexicon: an overlapping lexicon match goes, an agreeing one stays.
        let mut team = ent(0, 7, Source::Model, 0.6);
        team.kind = Kind::Org;
        let r = resolve(vec![ent(0, 7, Source::Lexicon, 0.9), team.clone(), ent(9, 12, Source::Lexicon, 0.9)]);
        assert_eq!(r.iter().map(|e| (e.start, e.kind)).collect::<Vec<_>>(), [(0, Kind::Org), (9, Kind::Loc)]);
        let r = resolve(vec![ent(0, 7, Source::Lexicon, 0.9), ent(0, 7, Source::Model, 0.6)]);
        assert_eq!(r[0].source, Source::Lexicon);
        let r = resolve(vec![ent(0, 12, Source::Lexicon, 0.9), team.clone()]);
        assert_eq!((r[0].end, r[0].kind), (7, Kind::Org));
        // A lexicon match the tagger's name only partly agrees with goes too, even if longer.
        let mut org = ent(0, 12, Source::Lexicon, 0.9);
        org.kind = Kind::Org;
        let r = resolve(vec![org, team]);
        assert_eq!((r.len(), r[0].end, r[0].source), (1, 7, Source::Model));
        // Sorted, non-overlapping, empty spans dropped.
        let r = resolve(vec![
            ent(10, 12, Source::Model, 1.0),
            ent(2, 2, Source::User, 1.0),
            ent(5, 11, Source::Rules, 1.0),
        ]);
        assert_eq!(r.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>(), [(5, 11)]);
    }
}
