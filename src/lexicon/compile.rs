//! Compiling entries (name + sense) into the lexicon format of [`super`]. Used by the
//! offline build (`noor lexicon build`) and at run time for user watchlists, so it is small
//! and has no native-only dependency.

use super::{flags, MAGIC, RECORD};
use crate::entity::Kind;
use crate::Error;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// One name with one sense, before compilation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key (see [`super::key_of`]).
    pub key: String,
    /// Type of the entity.
    pub kind: Kind,
    /// Stable identifier.
    pub id: String,
    /// English display name.
    pub canonical: String,
    /// ISO country code, or `[0, 0]`.
    pub country: [u8; 2],
    /// Prominence (population).
    pub rank: u32,
    /// See [`flags`].
    pub flags: u8,
}

/// Compiles entries into the bytes of a lexicon file, and returns with them the FST value
/// of every key (for measurements on the result).
pub fn write(entries: &[Entry]) -> Result<(Vec<u8>, HashMap<u64, String>), Error> {
    // Group senses by key (the FST takes keys in byte order); best sense first: countries,
    // then capitals, then by rank. One sort of references, not a tree of vectors: this also
    // compiles user watchlists at run time, where 10,000 terms must take milliseconds.
    let mut sorted: Vec<&Entry> = entries.iter().filter(|e| !e.key.is_empty()).collect();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    let by_key = sorted.chunk_by(|a, b| a.key == b.key).map(|group| (group[0].key.as_str(), group.to_vec()));
    let mut strings = String::new();
    let mut string_at: FxHashMap<(&str, &str), u32> = FxHashMap::default();
    let mut records: Vec<u8> = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    let mut values = HashMap::new();
    let mut n = 0u64;
    for (key, mut senses) in by_key {
        senses.sort_by(|a, b| {
            let pa = (a.flags & flags::COUNTRY != 0, a.flags & flags::CAPITAL != 0, a.rank);
            let pb = (b.flags & flags::COUNTRY != 0, b.flags & flags::CAPITAL != 0, b.rank);
            pb.cmp(&pa).then(a.id.cmp(&b.id))
        });
        senses.dedup_by(|a, b| a.id == b.id);
        senses.truncate(0xFFFF);
        let value = (n << 16) | senses.len() as u64;
        for s in &senses {
            if s.id.len() > 0xFFFF || s.canonical.len() > 0xFFFF {
                return Err(Error::Data(format!("lexicon: id or name too long in {:?}", s.key)));
            }
            let off = *string_at.entry((s.id.as_str(), s.canonical.as_str())).or_insert_with(|| {
                let at = strings.len() as u32;
                strings.push_str(&s.id);
                strings.push_str(&s.canonical);
                at
            });
            let kind = Kind::ALL.iter().position(|&k| k == s.kind).unwrap_or(0) as u8;
            records.extend_from_slice(&[kind, s.flags, s.country[0], s.country[1]]);
            records.extend_from_slice(&s.rank.to_le_bytes());
            records.extend_from_slice(&off.to_le_bytes());
            records.extend_from_slice(&(s.id.len() as u16).to_le_bytes());
            records.extend_from_slice(&(s.canonical.len() as u16).to_le_bytes());
            n += 1;
        }
        builder.insert(key, value).map_err(|e| Error::Data(format!("lexicon: {e}")))?;
        values.insert(value, key.to_string());
    }
    let fst = builder.into_inner().map_err(|e| Error::Data(format!("lexicon: {e}")))?;
    let mut out = Vec::with_capacity(16 + fst.len() + strings.len() + records.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(n as u32).to_le_bytes());
    out.extend_from_slice(&(fst.len() as u32).to_le_bytes());
    out.extend_from_slice(&fst);
    out.extend_from_slice(&(strings.len() as u32).to_le_bytes());
    out.extend_from_slice(strings.as_bytes());
    debug_assert_eq!(records.len(), n as usize * RECORD);
    out.extend_from_slice(&records);
    Ok((out, values))
}
