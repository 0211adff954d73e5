//! Compiling entries (name + sense) into the lexicon format of [`super`]. Used by the
//! offline build (`noor lexicon build`, keys in an FST) and at run time for user watchlists
//! (keys in a sorted array), so it is small and has no native-only dependency.

use super::keys::{Keys, Sorted};
use super::{encoding, filter, flags, Lexicon, MAGIC, RECORD};
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
    /// The field the name belongs to.
    pub domain: super::Domain,
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

/// An [`Entry`] borrowed: what compiling reads, so that a watchlist is compiled from its
/// terms without copying their strings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntryView<'a> {
    pub(crate) key: &'a str,
    pub(crate) kind: Kind,
    pub(crate) domain: super::Domain,
    pub(crate) id: &'a str,
    pub(crate) canonical: &'a str,
    pub(crate) country: [u8; 2],
    pub(crate) rank: u32,
    pub(crate) flags: u8,
}

impl Entry {
    fn view(&self) -> EntryView<'_> {
        EntryView {
            key: &self.key,
            kind: self.kind,
            domain: self.domain,
            id: &self.id,
            canonical: &self.canonical,
            country: self.country,
            rank: self.rank,
            flags: self.flags,
        }
    }
}

/// Compiles entries into the bytes of a lexicon file, and returns with them the FST value
/// of every key (for measurements on the result).
pub fn write(entries: &[Entry]) -> Result<(Vec<u8>, HashMap<u64, String>), Error> {
    let mut values = HashMap::new();
    let views: Vec<EntryView<'_>> = entries.iter().map(Entry::view).collect();
    let parts = parts(&views, |value, key| {
        values.insert(value, key.to_string());
    })?;
    Ok((parts.into_file()?, values))
}

/// Compiles entries into a lexicon whose keys are a sorted array, not an FST (see
/// [`super::keys`]): what user watchlists use, since they are compiled at run time.
pub(crate) fn compile_sorted(entries: &[EntryView<'_>]) -> Result<Lexicon, Error> {
    let p = parts(entries, |_, _| {})?;
    let keys = Sorted::from_sorted(p.keys);
    let strings_len = p.strings.len();
    let mut bytes = p.strings.into_bytes();
    bytes.extend_from_slice(&p.records);
    Lexicon::from_parts(Keys::Sorted(keys.into()), bytes, strings_len)
}

/// A lexicon before its keys are indexed: keys in byte order with their values, and the
/// senses they point to.
struct Parts {
    /// Key form (see [`super::encoding`]) and value (first sense << 16 | sense count).
    keys: Vec<(Vec<u8>, u64)>,
    strings: String,
    records: Vec<u8>,
}

impl Parts {
    /// The bytes of a lexicon file: the header, the FST of the keys, strings, records and
    /// the filter of first words.
    fn into_file(self) -> Result<Vec<u8>, Error> {
        let mut builder = fst::MapBuilder::memory();
        for (key, value) in &self.keys {
            builder.insert(key, *value).map_err(|e| Error::Data(format!("lexicon: {e}")))?;
        }
        let fst = builder.into_inner().map_err(|e| Error::Data(format!("lexicon: {e}")))?;
        let n = self.records.len() / RECORD;
        let mut out = Vec::with_capacity(20 + fst.len() + self.strings.len() + self.records.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&(fst.len() as u32).to_le_bytes());
        out.extend_from_slice(&fst);
        out.extend_from_slice(&(self.strings.len() as u32).to_le_bytes());
        out.extend_from_slice(self.strings.as_bytes());
        out.extend_from_slice(&self.records);
        let firsts: rustc_hash::FxHashSet<&[u8]> = self.keys.iter().map(|(k, _)| filter::first_word(k)).collect();
        let filter = filter::build(firsts.into_iter());
        out.extend_from_slice(&(filter.len() as u32).to_le_bytes());
        out.extend_from_slice(&filter);
        Ok(out)
    }
}

/// Groups senses by key, best sense first, and lays out their records; tells `each_key`
/// the value of every key.
fn parts<'a>(entries: &[EntryView<'a>], mut each_key: impl FnMut(u64, &str)) -> Result<Parts, Error> {
    // Keys go in the byte order of their key form; best sense first: countries, then
    // capitals, then by rank. One sort of indices, not a tree of vectors: this also compiles
    // user watchlists at run time, where 10,000 terms must take milliseconds. The sort
    // compares the keys' first eight bytes as one integer and reads the rest only on a tie
    // (comparing byte strings was most of the sort's time); ties between equal keys go by
    // input order, so the result is that of a stable sort.
    let mut encoded: Vec<(Vec<u8>, &EntryView<'a>)> =
        entries.iter().filter(|e| !e.key.is_empty()).map(|e| (encoding::encode(e.key), e)).collect();
    let prefix = |k: &[u8]| {
        let mut p = [0u8; 8];
        let n = k.len().min(8);
        p[..n].copy_from_slice(&k[..n]);
        u64::from_be_bytes(p)
    };
    let mut order: Vec<(u64, u32)> = encoded.iter().enumerate().map(|(i, (k, _))| (prefix(k), i as u32)).collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| encoded[a.1 as usize].0.cmp(&encoded[b.1 as usize].0)).then(a.1.cmp(&b.1))
    });
    let mut strings = String::new();
    let mut string_at: FxHashMap<(&'a str, &'a str), u32> = FxHashMap::default();
    let mut records: Vec<u8> = Vec::new();
    let mut keys = Vec::new();
    let mut n = 0u64;
    let mut senses: Vec<&EntryView<'a>> = Vec::new();
    let mut at = 0;
    while at < order.len() {
        let first = order[at].1 as usize;
        let end = at + order[at..].iter().take_while(|o| encoded[o.1 as usize].0 == encoded[first].0).count();
        senses.clear();
        senses.extend(order[at..end].iter().map(|o| encoded[o.1 as usize].1));
        at = end;
        senses.sort_by(|a, b| {
            let pa = (a.flags & flags::COUNTRY != 0, a.flags & flags::CAPITAL != 0, a.rank);
            let pb = (b.flags & flags::COUNTRY != 0, b.flags & flags::CAPITAL != 0, b.rank);
            pb.cmp(&pa).then(a.id.cmp(b.id))
        });
        senses.dedup_by(|a, b| a.id == b.id);
        senses.truncate(0xFFFF);
        let value = (n << 16) | senses.len() as u64;
        for s in &senses {
            if s.id.len() > 0xFFFF || s.canonical.len() > 0xFFFF {
                return Err(Error::Data(format!("lexicon: id or name too long in {:?}", s.key)));
            }
            let off = *string_at.entry((s.id, s.canonical)).or_insert_with(|| {
                let at = strings.len() as u32;
                strings.push_str(s.id);
                strings.push_str(s.canonical);
                at
            });
            records.extend_from_slice(&[super::kind_byte(s.kind, s.domain), s.flags, s.country[0], s.country[1]]);
            records.extend_from_slice(&s.rank.to_le_bytes());
            records.extend_from_slice(&off.to_le_bytes());
            records.extend_from_slice(&(s.id.len() as u16).to_le_bytes());
            records.extend_from_slice(&(s.canonical.len() as u16).to_le_bytes());
            n += 1;
        }
        each_key(value, encoded[first].1.key);
        keys.push((std::mem::take(&mut encoded[first].0), value));
    }
    debug_assert_eq!(records.len(), n as usize * RECORD);
    Ok(Parts { keys, strings, records })
}
