//! Entities packed for the trip into JavaScript: one array of numbers and one string per
//! call, which `www/src/entities.js` turns back into entity objects.
//!
//! # Why not objects
//!
//! Building each entity as a JavaScript object from wasm (`serde-wasm-bindgen`) costs a
//! crossing of the wasm/JS boundary for every field and every string: on the English dev
//! texts under Node that was about a sixth of `annotate()`. Numbers copied out as one
//! `Float64Array` and the few strings as one string cross once; the objects are then built in
//! JavaScript, where that is cheap. The entity's `text` is not sent at all: it is the slice
//! `text.slice(start, end)` of the caller's own string (offsets are UTF-16 code units).
//!
//! # Layout
//!
//! For each text in order: the number of its entities, then [`FIELDS`] numbers per entity:
//!
//! ```text
//! start  end  type  score  group  id-length  canonical-length  value-length
//! ```
//!
//! `type` indexes [`Kind::ALL`]; `group` is -1 when absent; a length is -1 for an absent
//! string, else its length in UTF-16 code units, and the present strings follow each other in
//! [`Packed::strings`] in that order (id, canonical, value), entity after entity.
//!
//! ```
//! use noor::render::packed::{pack, unpack};
//! use noor::{Annotator, OffsetUnit, Options};
//!
//! let a = Annotator::new(Options { offsets: OffsetUnit::Utf16, lexicon_only: true, ..Options::default() });
//! let texts = ["Flights to Moscow resumed", "no names here"];
//! let mut found: Vec<_> = texts.iter().map(|t| a.annotate(t).entities).collect();
//! let packed = pack(&found);
//! // Everything but the pipeline stage an entity came from (which stays in Rust) comes back.
//! found.iter_mut().flatten().for_each(|e| e.source = Default::default());
//! assert_eq!(unpack(&texts, &packed).unwrap(), found);
//! assert_eq!(found[0][0].text, "Moscow");
//! ```

use crate::entity::{Entity, Kind, Source};

/// Numbers per entity.
pub const FIELDS: usize = 8;

/// The entities of one or more texts, packed (see the module docs for the layout).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Packed {
    /// Per text: its entity count, then [`FIELDS`] numbers per entity.
    pub numbers: Vec<f64>,
    /// The entities' ids, canonical names and values, back to back.
    pub strings: String,
}

/// Packs the entities of each text (offsets as the caller will read them: UTF-16 for
/// JavaScript).
pub fn pack(texts: &[Vec<Entity>]) -> Packed {
    let n: usize = texts.iter().map(|t| 1 + t.len() * FIELDS).sum();
    let mut p = Packed { numbers: Vec::with_capacity(n), strings: String::new() };
    for entities in texts {
        p.numbers.push(entities.len() as f64);
        for e in entities {
            let kind = Kind::ALL.iter().position(|&k| k == e.kind).unwrap_or(0);
            let group = e.group.map_or(-1.0, f64::from);
            p.numbers.extend_from_slice(&[e.start as f64, e.end as f64, kind as f64, e.score, group]);
            for s in [&e.id, &e.canonical, &e.value] {
                match s {
                    Some(s) => {
                        p.numbers.push(s.encode_utf16().count() as f64);
                        p.strings.push_str(s);
                    }
                    None => p.numbers.push(-1.0),
                }
            }
        }
    }
    p
}

/// The entities of `texts` back from [`pack`] (the Rust twin of `www/src/entities.js`, for
/// tests): `None` if the numbers do not fit the layout or the texts.
pub fn unpack(texts: &[&str], p: &Packed) -> Option<Vec<Vec<Entity>>> {
    let strings: Vec<u16> = p.strings.encode_utf16().collect();
    let (mut at, mut s) = (0usize, 0usize);
    let mut next = || -> Option<f64> {
        let v = p.numbers.get(at).copied();
        at += 1;
        v
    };
    let mut out = Vec::with_capacity(texts.len());
    for text in texts {
        let units: Vec<u16> = text.encode_utf16().collect();
        let count = next()? as usize;
        let mut entities = Vec::with_capacity(count);
        for _ in 0..count {
            let (start, end, kind, score, group) = (next()?, next()?, next()?, next()?, next()?);
            let (start, end) = (start as usize, end as usize);
            let mut take = |len: f64| -> Option<Option<String>> {
                if len < 0.0 {
                    return Some(None);
                }
                let piece = strings.get(s..s + len as usize)?;
                s += len as usize;
                Some(Some(String::from_utf16(piece).ok()?))
            };
            let (id, canonical, value) = (take(next()?)?, take(next()?)?, take(next()?)?);
            entities.push(Entity {
                start,
                end,
                kind: *Kind::ALL.get(kind as usize)?,
                text: String::from_utf16(units.get(start..end)?).ok()?,
                score,
                id,
                canonical,
                group: (group >= 0.0).then_some(group as u32),
                value,
                source: Source::default(),
            });
        }
        out.push(entities);
    }
    (at == p.numbers.len() && s == strings.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(start: usize, end: usize, kind: Kind, text: &str) -> Entity {
        Entity { text: text.into(), ..Entity::candidate(start, end, kind, 0.5, Source::default()) }
    }

    /// Every field survives, strings outside the BMP included, absent ones stay absent.
    #[test]
    fn round_trip() {
        let text = "😀 Zürich, 5 مليون دولار";
        let mut a = e(3, 9, Kind::Loc, "Zürich");
        a.id = Some("geonames:2657896".into());
        a.canonical = Some("Zürich 😀".into());
        a.group = Some(0);
        let mut b = e(11, 24, Kind::Money, "5 مليون دولار");
        b.value = Some("5000000 USD".into());
        let texts = vec![vec![a, b], vec![], vec![e(0, 1, Kind::Num, "1")]];
        let p = pack(&texts);
        assert_eq!(p.numbers.len(), 3 + 3 * FIELDS);
        assert_eq!(unpack(&[text, "", "1"], &p).unwrap(), texts);
    }

    /// Numbers that do not fit the texts give `None`, never a panic.
    #[test]
    fn bad_input_is_refused() {
        let p = pack(&[vec![e(0, 5, Kind::Per, "Sarah")]]);
        assert!(unpack(&["Sara"], &p).is_none()); // offsets past the text
        assert!(unpack(&[], &p).is_none()); // numbers left over
        assert!(unpack(&["Sarah", "x"], &p).is_none()); // numbers missing
        let mut q = p.clone();
        q.numbers[3] = 42.0; // no such type
        assert!(unpack(&["Sarah"], &q).is_none());
    }
}
