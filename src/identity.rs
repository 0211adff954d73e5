//! Identity, the stage after the resolver: which entity a mention names, and which
//! mentions name the same one.
//!
//! - **Disambiguation.** A name with several senses (طرابلس: Tripoli in Libya or in Lebanon;
//!   عمان: Oman or Amman) takes the sense whose country the rest of the document mentions
//!   (ليبيا or بنغازي → Libya; الأردن → Amman). Without such evidence it keeps its most
//!   prominent sense only when that sense dominates (see [`dominates`]); otherwise it stays a
//!   place with no id rather than a confident wrong one. Only senses of the mention's type
//!   compete: the resolver has settled the type (with the tagger), and a country in the
//!   context says which place is meant, not that a name is a place ("Chechen" stays the
//!   demonym in a text about Russia, not the Chechen Republic).
//! - **Grouping.** Mentions with the same id share a `group`, numbered in order of first
//!   mention across all texts of a document (a page's blocks are one document); mentions
//!   without an id group by their matching form and type.

use crate::entity::{Entity, Kind};
use crate::lexicon::{flags, Lexicon, NameKeys, Sense};
// Keyed by country codes, ids and the words of one document: FxHash is several times
// faster than SipHash on such short keys, and a page crafted to collide could only slow
// its own annotation down (the maps hold at most a few thousand keys).
use rustc_hash::FxHashMap;

/// One text's entities with, for each, the lexicon senses it may name (best first; empty
/// when the entity did not come from the lexicon).
#[derive(Debug)]
pub struct Mentions {
    /// The resolved entities (offsets in any unit).
    pub entities: Vec<Entity>,
    /// Candidate sense indices per entity ([`Lexicon::sense`]).
    pub senses: Vec<Vec<usize>>,
    /// The lexicon the indices point into (the text's language's: the texts of one document
    /// may be in different languages).
    pub lexicon: Lexicon,
}

impl Default for Mentions {
    fn default() -> Self {
        Mentions { entities: Vec::new(), senses: Vec::new(), lexicon: Lexicon::empty() }
    }
}

/// True if `top` may be chosen over `next` without context: the same country (Kuwait the
/// state and Kuwait City), the same place under two ids (Africa as a GeoNames continent and
/// as a UN region), a country over a mere town, or a place at least five times as
/// populous that is not up against a country or capital of another state.
pub fn dominates(top: &Sense<'_>, next: &Sense<'_>) -> bool {
    let big = |s: &Sense<'_>| s.flags & (flags::COUNTRY | flags::CAPITAL) != 0;
    if top.country == next.country && (top.country != [0, 0] || top.canonical == next.canonical) {
        return true;
    }
    if big(next) {
        return false;
    }
    top.flags & flags::COUNTRY != 0 || top.rank as u64 >= 5 * next.rank as u64
}

/// Chooses a sense for every lexicon mention of the document `docs`, then numbers groups.
/// `keys` holds the keys of entity texts that earlier stages of the same document computed.
#[inline(never)] // A wasm function of its own: see `Annotator::recognize`.
pub fn assign(docs: &mut [Mentions], keys: &mut NameKeys) {
    // Countries the document mentions unambiguously, by how often.
    let mut context: FxHashMap<[u8; 2], u32> = FxHashMap::default();
    for d in docs.iter() {
        let lex = &d.lexicon;
        for senses in &d.senses {
            if let [only] = senses.as_slice() {
                if let Some(s) = lex.sense(*only).filter(|s| s.country != [0, 0]) {
                    *context.entry(s.country).or_default() += 1;
                }
            }
        }
    }
    for d in docs.iter_mut() {
        let lex = &d.lexicon;
        for (e, senses) in d.entities.iter_mut().zip(&d.senses) {
            if senses.len() < 2 {
                continue;
            }
            let all: Vec<Sense<'_>> =
                senses.iter().filter_map(|&i| lex.sense(i)).filter(|s| s.kind == e.kind).collect();
            let support = |s: &Sense<'_>| context.get(&s.country).copied().unwrap_or(0);
            let best = all.iter().map(support).max().unwrap_or(0);
            let chosen = match all.as_slice() {
                // The only sense of its type (the others were of another type).
                [only] => Some(only),
                _ if best > 0 => all.iter().find(|s| support(s) == best),
                [top, next, ..] if dominates(top, next) => Some(top),
                _ => None,
            };
            match chosen {
                Some(s) => {
                    e.id = Some(s.id.to_string());
                    e.canonical = (!s.canonical.is_empty()).then(|| s.canonical.to_string());
                }
                None => {
                    e.id = None;
                    e.canonical = None;
                }
            }
        }
    }
    // Groups: by id; a later one-word person mention joins the earlier full name whose
    // surname it is (and takes its identity); otherwise by type and matching form.
    let mut groups: FxHashMap<String, u32> = FxHashMap::default();
    let mut surnames: FxHashMap<String, (u32, Option<String>, Option<String>)> = FxHashMap::default();
    for d in docs.iter_mut() {
        // Groups are for names; a date or an amount is its own value.
        for e in d.entities.iter_mut().filter(|e| e.kind.is_name()) {
            let text_key = keys.key(&e.text);
            if e.kind == Kind::Per && !text_key.contains(' ') {
                if let Some((g, id, canonical)) = surnames.get(text_key) {
                    if e.id.is_none() || e.id == *id {
                        e.group = Some(*g);
                        e.id.clone_from(id);
                        e.canonical.clone_from(canonical);
                        continue;
                    }
                }
            }
            let key = match &e.id {
                Some(id) if !id.is_empty() => id.clone(),
                _ => format!("{}:{}", e.kind, text_key),
            };
            let next = groups.len() as u32;
            let g = *groups.entry(key).or_insert(next);
            e.group = Some(g);
            if e.kind == Kind::Per {
                if let Some((_, last)) = text_key.rsplit_once(' ') {
                    surnames.entry(last.to_string()).or_insert((g, e.id.clone(), e.canonical.clone()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(country: &[u8; 2], rank: u32, fl: u8) -> Sense<'static> {
        Sense {
            kind: crate::Kind::Loc,
            domain: Default::default(),
            id: "",
            canonical: "",
            country: *country,
            rank,
            flags: fl,
        }
    }

    #[test]
    fn dominance() {
        // Moscow, Russia over Mesquite, Texas.
        assert!(dominates(&s(b"RU", 10_000_000, flags::CAPITAL), &s(b"US", 144_000, 0)));
        // Oman (country) against Amman (capital of another state): no.
        assert!(!dominates(&s(b"OM", 4_000_000, flags::COUNTRY), &s(b"JO", 1_900_000, flags::CAPITAL)));
        // Kuwait the state and Kuwait City: same country.
        assert!(dominates(&s(b"KW", 4_000_000, flags::COUNTRY), &s(b"KW", 60_000, flags::CAPITAL)));
        // Two towns of similar size: no.
        assert!(!dominates(&s(b"LY", 300_000, 0), &s(b"LB", 200_000, 0)));
    }
}
