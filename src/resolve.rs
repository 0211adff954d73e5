//! The resolver: the one stage where candidates from every source (user watchlist, rules,
//! lexicon, learned model) meet and become the final, sorted, non-overlapping entities.
//!
//! First, **the tagger decides over the lexicon**:
//! - a lexicon match, or a name made by a rule (an organization pattern such as "German
//!   Foreign Ministry"), that overlaps a name the tagger found is dropped, unless both agree
//!   on span and type (then the lexicon's match, which carries an identity, stands). The
//!   tagger has seen the lexicon's opinion as a feature and the context besides ("Chicago"
//!   in a results table is a team, an ORG; CoNLL's "German" MISC + "Foreign Ministry" ORG).
//!   One exception: a listed organization stands where the tagger read a person on exactly
//!   its span. The tagger reads a new foreign word in a sports report as a player more often
//!   than as a club (لسلتيك, "to Celtic"), while a name that is an organization's and also
//!   a person's is flagged `context` in our lists (`kb/`) and makes no match of its own.
//! - a lexicon **place** in text the tagger read, where it found nothing, is dropped too:
//!   the tagger knows every gazetteer place as a feature and is at its most reliable on
//!   places, so its silence means the word is not one here ("الكردي" the adjective, "وجده"
//!   "he found it", "West" of "West Indian"). On the four dev sets these matches were 7
//!   false positives and no true one.
//! - other lexicon matches where the tagger found nothing stay: they add recall (curated
//!   organizations the tagger's corpus leaves unmarked, titled persons, demonyms).
//!
//! - a title of a work in quotation marks (`rules::works`) does not yield: the marks after a
//!   word that announces a title delimit it, and the tagger does not read them (it finds
//!   "نور" in برنامج « مع نور »).
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
/// `tagger_read(c)` tells whether the tagger read the span of candidate `c` and could have
/// named it: it ran, and the span is in its language's script (false for everything when
/// there is no tagger, or with `lexicon_only`).
///
/// ```
/// use noor::{Entity, Kind};
/// use noor::entity::Source;
/// use noor::resolve::resolve;
/// let e = |s, e, src| Entity { start: s, end: e, kind: Kind::Loc, text: String::new(), score: 0.9,
///     id: None, canonical: None, group: None, value: None, source: src };
/// // The user's term wins its span; the overlapping rule match after it goes.
/// let out = resolve(vec![e(4, 9, Source::Rules), e(0, 5, Source::Lexicon), e(0, 5, Source::User)], |_| false);
/// assert_eq!(out.iter().map(|x| (x.start, x.end, x.source)).collect::<Vec<_>>(), [(0, 5, Source::User)]);
/// // The tagger's name replaces an overlapping lexicon match.
/// let out = resolve(vec![e(4, 9, Source::Model), e(0, 5, Source::Lexicon)], |_| true);
/// assert_eq!(out.iter().map(|x| (x.start, x.end)).collect::<Vec<_>>(), [(4, 9)]);
/// // A place the tagger read and did not name goes; one it could not read stays.
/// assert!(resolve(vec![e(0, 5, Source::Lexicon)], |_| true).is_empty());
/// assert_eq!(resolve(vec![e(0, 5, Source::Lexicon)], |_| false).len(), 1);
/// ```
#[inline(never)] // A wasm function of its own: see `Annotator::recognize`.
pub fn resolve(mut candidates: Vec<Entity>, tagger_read: impl Fn(&Entity) -> bool) -> Vec<Entity> {
    candidates.retain(|c| c.end > c.start);
    // The tagger's spans come from one BIO sequence, so they never overlap: sorted by start,
    // their ends are sorted too, and the spans a lexicon match overlaps are found by binary
    // search (a scan per match would make long documents quadratic).
    let mut model: Vec<(usize, usize, crate::Kind)> =
        candidates.iter().filter(|c| c.source == Source::Model).map(|c| (c.start, c.end, c.kind)).collect();
    model.sort_unstable_by_key(|&(s, e, _)| (s, e));
    candidates.retain(|c| {
        // Dates, times and amounts are the rules' alone; names from rules are patterns over
        // the same words the tagger reads, but for titles of works, which quotation marks
        // delimit (`rules::works`, the rules' only MISC).
        let yields = c.source == Source::Lexicon
            || (c.source == Source::Rules && c.kind.is_name() && c.kind != crate::Kind::Misc);
        if !yields {
            return true;
        }
        let first = model.partition_point(|&(_, e, _)| e <= c.start);
        let mut overlapping = model[first..].iter().take_while(|&&(s, _, _)| s < c.end).peekable();
        if overlapping.peek().is_none() {
            return !(c.source == Source::Lexicon && c.kind == crate::Kind::Loc && tagger_read(c));
        }
        overlapping.all(|&(s, e, k)| {
            (s, e) == (c.start, c.end)
                && (k == c.kind || (c.source == Source::Lexicon && c.kind == crate::Kind::Org && k == crate::Kind::Per))
        })
    });
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
        let r = resolve(vec![ent(0, 3, Source::Lexicon, 1.0), ent(0, 8, Source::Lexicon, 0.5)], |_| false);
        assert_eq!((r[0].start, r[0].end), (0, 8));
        // Source breaks ties of equal spans.
        let r = resolve(vec![ent(0, 3, Source::Model, 1.0), ent(0, 3, Source::User, 0.1)], |_| false);
        assert_eq!(r[0].source, Source::User);
        // Score breaks ties of equal span and source.
        let r = resolve(vec![ent(0, 3, Source::Model, 0.2), ent(0, 3, Source::Model, 0.7)], |_| false);
        assert_eq!(r[0].score, 0.7);
        // The tagger over the lexicon: an overlapping lexicon match goes, an agreeing one stays.
        let mut team = ent(0, 7, Source::Model, 0.6);
        team.kind = Kind::Org;
        let r =
            resolve(vec![ent(0, 7, Source::Lexicon, 0.9), team.clone(), ent(9, 12, Source::Lexicon, 0.9)], |_| false);
        assert_eq!(r.iter().map(|e| (e.start, e.kind)).collect::<Vec<_>>(), [(0, Kind::Org), (9, Kind::Loc)]);
        let r = resolve(vec![ent(0, 7, Source::Lexicon, 0.9), ent(0, 7, Source::Model, 0.6)], |_| false);
        assert_eq!(r[0].source, Source::Lexicon);
        let r = resolve(vec![ent(0, 12, Source::Lexicon, 0.9), team.clone()], |_| false);
        assert_eq!((r[0].end, r[0].kind), (7, Kind::Org));
        // A listed organization over the tagger's person of exactly its span; not over a
        // longer or shorter one, nor over another type.
        let club = kind(ent(0, 7, Source::Lexicon, 0.9), Kind::Org);
        let player = kind(ent(0, 7, Source::Model, 0.6), Kind::Per);
        let r = resolve(vec![club.clone(), player.clone()], |_| true);
        assert_eq!((r.len(), r[0].kind, r[0].source), (1, Kind::Org, Source::Lexicon));
        let r = resolve(vec![club.clone(), kind(ent(0, 9, Source::Model, 0.6), Kind::Per)], |_| true);
        assert_eq!((r.len(), r[0].kind, r[0].source), (1, Kind::Per, Source::Model));
        let r = resolve(vec![club.clone(), kind(ent(0, 7, Source::Model, 0.6), Kind::Loc)], |_| true);
        assert_eq!((r.len(), r[0].kind), (1, Kind::Loc));
        let r = resolve(vec![kind(club, Kind::Loc), player], |_| true);
        assert_eq!((r.len(), r[0].kind), (1, Kind::Per));
        // A lexicon match the tagger's name only partly agrees with goes too, even if longer.
        let mut org = ent(0, 12, Source::Lexicon, 0.9);
        org.kind = Kind::Org;
        let r = resolve(vec![org, team], |_| false);
        assert_eq!((r.len(), r[0].end, r[0].source), (1, 7, Source::Model));
        // Sorted, non-overlapping, empty spans dropped.
        let r = resolve(
            vec![
                ent(10, 12, Source::Model, 1.0),
                ent(2, 2, Source::User, 1.0),
                kind(ent(5, 11, Source::Rules, 1.0), Kind::Date),
            ],
            |_| false,
        );
        assert_eq!(r.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>(), [(5, 11)]);
    }

    fn kind(mut e: Entity, k: Kind) -> Entity {
        e.kind = k;
        e
    }

    #[test]
    fn rule_names_yield_to_the_tagger() {
        // CoNLL's "German" (MISC) + "Foreign Ministry" (ORG), not the pattern's "German
        // Foreign Ministry".
        let pattern = kind(ent(0, 24, Source::Rules, 0.85), Kind::Org);
        let german = kind(ent(0, 6, Source::Model, 1.0), Kind::Misc);
        let ministry = kind(ent(7, 24, Source::Model, 0.5), Kind::Org);
        let r = resolve(vec![pattern.clone(), german, ministry], |_| true);
        assert_eq!(r.iter().map(|e| (e.start, e.kind)).collect::<Vec<_>>(), [(0, Kind::Misc), (7, Kind::Org)]);
        // Where the tagger found nothing, the pattern's organization stands ("وزارة الدفاع
        // الروسية" in the seed article).
        let r = resolve(vec![pattern.clone()], |_| true);
        assert_eq!((r.len(), r[0].source), (1, Source::Rules));
        // Dates and amounts are not names: a tagger name inside one does not remove it here
        // (the CoNLL view does that before resolving).
        let date = kind(ent(0, 24, Source::Rules, 0.95), Kind::Date);
        let r = resolve(vec![date, kind(ent(7, 12, Source::Model, 0.5), Kind::Misc)], |_| true);
        assert_eq!((r.len(), r[0].kind), (1, Kind::Date));
    }

    #[test]
    fn places_the_tagger_read_and_left_go() {
        let place = ent(0, 6, Source::Lexicon, 0.9);
        // Read and not named: the place goes (the tagger knew it from its features).
        assert!(resolve(vec![place.clone()], |_| true).is_empty());
        // Not read (no tagger, lexicon only, or another script): it stays.
        assert_eq!(resolve(vec![place.clone()], |_| false).len(), 1);
        // Agreeing with the tagger: it stays, with the lexicon's identity.
        let r = resolve(vec![place.clone(), ent(0, 6, Source::Model, 0.7)], |_| true);
        assert_eq!((r.len(), r[0].source), (1, Source::Lexicon));
        // Organizations, persons and demonyms the tagger left unnamed stay: they add recall.
        for k in [Kind::Org, Kind::Per, Kind::Misc] {
            assert_eq!(resolve(vec![kind(place.clone(), k)], |_| true).len(), 1, "{k:?}");
        }
        // A user's place is never the tagger's to drop.
        assert_eq!(resolve(vec![ent(0, 6, Source::User, 1.0)], |_| true).len(), 1);
    }

    /// A title in quotation marks (a rule's MISC) stands over the tagger's name inside it; a
    /// rule's organization pattern yields to it, as a lexicon match does.
    #[test]
    fn titles_of_works_do_not_yield_to_the_tagger() {
        let title = kind(ent(0, 10, Source::Rules, 0.85), Kind::Misc);
        let person = kind(ent(5, 10, Source::Model, 0.3), Kind::Per);
        let r = resolve(vec![title.clone(), person.clone()], |_| true);
        assert_eq!(r.iter().map(|e| (e.start, e.end, e.kind)).collect::<Vec<_>>(), [(0, 10, Kind::Misc)]);
        let pattern = kind(ent(0, 10, Source::Rules, 0.85), Kind::Org);
        let r = resolve(vec![pattern, person], |_| true);
        assert_eq!(r.iter().map(|e| (e.start, e.end, e.kind)).collect::<Vec<_>>(), [(5, 10, Kind::Per)]);
    }
}
