//! Hierarchical word clusters learned from unlabeled news, as features for the tagger.
//!
//! # Why
//!
//! The labeled corpora are small (ANERcorp has about 150k tokens, CoNLL-2003 about 200k), so
//! most names and many context words a tagger meets in an article were never seen in
//! training. Word clusters learned from a much larger unlabeled corpus bridge that gap: an
//! unseen town shares a cluster with the towns that were seen, an unseen first name with the
//! first names. Brown clusters used this way lifted Illinois NER by several F1 points
//! (Ratinov & Roth 2009); Miller et al. (2004) and Koo et al. (2008) showed why the
//! *hierarchy* matters: a feature per path prefix of several lengths lets the learner pick
//! how coarse a class to trust, and a short prefix is a coarse class.
//!
//! # What a cluster is
//!
//! Every word of the vocabulary has a *path*: a string of up to 31 bits read from the root
//! of a binary tree over the vocabulary. Two words whose paths share a long prefix are
//! distributionally similar. A path is returned as one `u32` with a sentinel bit in front of
//! it (`1 << len | bits`), so that paths of different lengths never collide and a prefix is a
//! shift: see [`path_prefix`]. The paths are learned by `clusters_build` (native only):
//! positive PMI of words with their neighbours (±2 tokens, left and right apart), reduced by a
//! randomized SVD, then split top-down by 2-means into a binary tree. That module's
//! documentation has the details and the measurements that chose them.
//!
//! # Format
//!
//! ```text
//! "NOORCLU2"  u32 max_len  u32 words  u32 k  u32 payload_len  payload  u32 checksum
//! ```
//!
//! Little-endian integers. A word is not stored: its *key* is, the top [`KEY_BITS`] bits of
//! a 64-bit hash of the word in matching form ([`crate::text::Normalized`]) with every ASCII
//! digit read as `0` (so "1987" finds the digit-shape class of "0000"; [`Clusters::get`]
//! hashes the same way). The payload lists the words by increasing key: the gap from the
//! previous key (the first from 0) as a Rice code with parameter `k` (the quotient
//! `gap >> k` in unary, that many 0 bits and a 1, then the low `k` bits), then the path in
//! `max_len + 1` bits; bits are read from the lowest bit of each byte up, and the last byte
//! is padded with zeros. The checksum (`checksum`, below) covers the payload.
//!
//! # Why hashed keys and not the words
//!
//! A cluster file is loaded at every start-up, in the browser too, and the tagger asks for
//! the cluster of every distinct word it meets, so lookups must be a hash probe. The first
//! format stored the words in an FST (compact: shared prefixes and suffixes are stored once)
//! and built the hash index from it at load time: decoding the FST's nodes cost three
//! quarters of loading a language pack (17M of 22M instructions natively, 10 ms of 15 under
//! Node). Keys sorted and Rice-coded are about as small (uniform keys: the gaps are
//! geometric, and a Rice code spends about 2 bits over their entropy, `KEY_BITS - log2(words)`)
//! and the index is built from them in one pass. The cost is that the words cannot be
//! listed from the file: a word's cluster is found by asking for the word (`noor clusters
//! build` learns them again from the news and reports sample neighbourhoods).

use crate::Error;

const MAGIC: &[u8; 8] = b"NOORCLU2";
const HEADER: usize = 24;

/// The longest path a file may hold (the sentinel bit must fit in a `u32`).
pub const MAX_PATH_LEN: u32 = 31;

/// Bits of a word's key. A word outside the vocabulary gets a vocabulary word's cluster only
/// when their keys agree: odds of `words / 2^40` per lookup (1 in 39 million for 28k words,
/// against 1 in 150 thousand, a wrong feature every few hundred articles, with 32 bits),
/// and each bit more costs one bit per word of file (3.5 KB for 28k words).
pub const KEY_BITS: u32 = 40;

/// A loaded set of word clusters.
#[derive(Clone)]
pub struct Clusters {
    words: usize,
    max_len: u32,
    /// The hash index: `(low 32 bits of the key, path)` slots, open addressing with linear
    /// probing, home slot from the key's top bits; a slot with path 0 is empty. A false match
    /// would need a word of the same probe run whose key differs only in the top bits, which
    /// also choose the home slot: about one lookup in 2^32.
    index: std::sync::Arc<[(u32, u32)]>,
}

/// FNV-1a's offset basis and prime: the key hash is FNV-1a over the word's bytes (ASCII
/// digits read as `0`), finished by [`mix`].
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// One byte of the key hash.
fn hash_byte(h: u64, b: u8) -> u64 {
    let b = if b.is_ascii_digit() { b'0' } else { b };
    (h ^ b as u64).wrapping_mul(FNV_PRIME)
}

/// The finish of the key hash (a murmur3 mix: FNV's bits alone are poorly spread).
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The key of a word in matching form, with ASCII digits read as `0`: the top [`KEY_BITS`]
/// bits of its hash.
fn key(word: &str) -> u64 {
    mix(word.bytes().fold(FNV_OFFSET, hash_byte)) >> (64 - KEY_BITS)
}

/// A checksum of the payload, so that a damaged file is an error at load rather than wrong
/// clusters later. Eight bytes a step (a multiply and a rotate each): it runs at every load,
/// where a byte-wise CRC would cost as much as decoding the payload.
fn checksum(bytes: &[u8]) -> u32 {
    let mut h = FNV_OFFSET ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h ^ u64::from_le_bytes(last)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let h = mix(h);
    (h ^ h >> 32) as u32
}

/// Reads the payload's bits, lowest bit of each byte first.
struct BitReader<'a> {
    bytes: &'a [u8],
    /// Position in bits.
    pos: usize,
}

impl BitReader<'_> {
    /// The 64 bits from the byte holding `pos` on, zeros past the end, shifted so that bit 0
    /// is the one at `pos`: at least 57 valid bits.
    fn peek(&self) -> u64 {
        let at = self.pos / 8;
        let word = match self.bytes.get(at..at + 8) {
            Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
            None => {
                let mut last = [0u8; 8];
                let rest = self.bytes.get(at..).unwrap_or(&[]);
                last[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(last)
            }
        };
        word >> (self.pos % 8)
    }

    /// The next `n` bits (`n` at most 57).
    fn bits(&mut self, n: u32) -> u64 {
        let v = self.peek() & ((1u64 << n) - 1);
        self.pos += n as usize;
        v
    }

    /// A unary number: the count of 0 bits before the next 1. `None` past the end.
    fn unary(&mut self) -> Option<u64> {
        let mut q = 0;
        loop {
            if self.pos >= self.bytes.len() * 8 {
                return None;
            }
            let tz = self.peek().trailing_zeros();
            if tz < 57 {
                self.pos += tz as usize + 1;
                return Some(q + tz as u64);
            }
            self.pos += 57;
            q += 57;
        }
    }
}

/// Writes bits, lowest bit of each byte first.
#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter {
    /// Appends the low `n` bits of `v` (`n` at most 32).
    fn bits(&mut self, v: u64, n: u32) {
        self.acc |= (v & ((1u64 << n) - 1)) << self.n;
        self.n += n;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// The bytes, the last one padded with zeros.
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// The Rice parameter for `words` uniform keys: the gaps are about geometric with mean
/// `2^KEY_BITS / words`, whose best Rice parameter is near log2 of `ln 2` times the mean.
fn rice_parameter(words: usize) -> u32 {
    let mean = (1u64 << KEY_BITS) / words.max(1) as u64;
    let target = mean / 10 * 7;
    63u32.saturating_sub(target.max(1).leading_zeros()).min(KEY_BITS)
}

/// The index's number of slots for `words` words: at most half full, so that a probe run is
/// short (about 1.5 slots for a word found).
fn slots_for(words: usize) -> Option<usize> {
    Some(words.checked_mul(2)?.checked_next_power_of_two()?.max(16))
}

impl std::fmt::Debug for Clusters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clusters").field("words", &self.words).field("max_len", &self.max_len).finish()
    }
}

impl Clusters {
    /// Clusters with no words: every lookup is `None`.
    pub fn empty() -> Clusters {
        Clusters { words: 0, max_len: 0, index: std::sync::Arc::new([]) }
    }

    /// Loads clusters from the bytes of a file written by [`write()`]. Empty bytes give
    /// [`Clusters::empty`]. The index is built here; the bytes are not kept.
    pub fn from_bytes(bytes: &[u8]) -> Result<Clusters, Error> {
        if bytes.is_empty() {
            return Ok(Clusters::empty());
        }
        let bad = |what: &str| Error::Data(format!("clusters: {what}"));
        if bytes.len() < HEADER + 4 || &bytes[..8] != MAGIC {
            return Err(bad("not a Noor cluster file (bad magic or too short)"));
        }
        let u32_at = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        let (max_len, words, k, payload_len) = (u32_at(8), u32_at(12) as usize, u32_at(16), u32_at(20) as usize);
        if max_len == 0 || max_len > MAX_PATH_LEN {
            return Err(bad("bad path length"));
        }
        if k > KEY_BITS {
            return Err(bad("bad Rice parameter"));
        }
        if HEADER.checked_add(payload_len).and_then(|n| n.checked_add(4)) != Some(bytes.len()) {
            return Err(bad("size mismatch (truncated or damaged file)"));
        }
        let payload = &bytes[HEADER..HEADER + payload_len];
        if checksum(payload) != u32_at(HEADER + payload_len) {
            return Err(bad("checksum mismatch (damaged file)"));
        }
        // Every word takes at least 1 + k + max_len + 1 bits: a word count the payload cannot
        // hold is damage, caught before the index is allocated for it.
        if words as u64 * u64::from(k + max_len + 2) > payload_len as u64 * 8 {
            return Err(bad("more words than the payload holds"));
        }
        let slots = slots_for(words).ok_or_else(|| bad("too many words"))?;
        let (mask, home_shift) = (slots - 1, KEY_BITS - slots.trailing_zeros());
        let mut index = vec![(0u32, 0u32); slots];
        let mut r = BitReader { bytes: payload, pos: 0 };
        let mut prev: Option<u64> = None;
        for _ in 0..words {
            let q = r.unary().ok_or_else(|| bad("payload ends early"))?;
            if q >> (KEY_BITS - k) != 0 {
                return Err(bad("key out of range"));
            }
            let gap = q << k | r.bits(k);
            let key = prev.map_or(gap, |p| p + gap);
            if key >> KEY_BITS != 0 || (prev.is_some() && gap == 0) {
                return Err(bad("keys out of order"));
            }
            prev = Some(key);
            let path = r.bits(max_len + 1) as u32;
            if path_len(path) == 0 {
                return Err(bad("bad path"));
            }
            let mut i = (key >> home_shift) as usize;
            while index[i].1 != 0 {
                i = (i + 1) & mask;
            }
            index[i] = (key as u32, path);
        }
        if r.pos.div_ceil(8) != payload_len {
            return Err(bad("payload longer than its words"));
        }
        Ok(Clusters { words, max_len, index: index.into() })
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words
    }

    /// True if there are no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The longest path in the file (bits).
    pub fn max_len(&self) -> u32 {
        self.max_len
    }

    /// The path of a word given in matching form (`Normalized::new(w).as_str()`), as
    /// `1 << len | bits` (see [`path_prefix`]); `None` for a word outside the vocabulary.
    /// Digits are replaced by `0` here, so numbers find their digit-shape class.
    ///
    /// ```
    /// use noor::model::clusters::{Clusters, path_prefix};
    /// let c = Clusters::from_bytes(&noor::model::clusters::write(&[("cairo", "0110"), ("0000", "10")]).unwrap()).unwrap();
    /// assert_eq!(c.get("cairo"), Some(0b1_0110));
    /// assert_eq!(c.get("1987"), Some(0b1_10));
    /// assert_eq!(c.get("giza"), None);
    /// assert_eq!(path_prefix(c.get("cairo").unwrap(), 2), 0b1_01);
    /// ```
    pub fn get(&self, word: &str) -> Option<u32> {
        if self.index.is_empty() || word.is_empty() {
            return None;
        }
        let key = key(word);
        let mask = self.index.len() - 1;
        let mut i = (key >> (KEY_BITS - self.index.len().trailing_zeros())) as usize;
        loop {
            let (k, path) = self.index[i];
            if path == 0 {
                return None;
            }
            if k == key as u32 {
                return Some(path);
            }
            i = (i + 1) & mask;
        }
    }
}

/// The lookup key of a word in matching form: every ASCII digit becomes `0`.
pub fn digit_shape(word: &str) -> String {
    word.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect()
}

/// Length in bits of a path (`1 << len | bits`); 0 for the invalid path 0.
pub fn path_len(path: u32) -> u32 {
    31u32.saturating_sub(path.leading_zeros())
}

/// The first `bits` bits of a path, still in `1 << len | bits` form, so that prefixes of
/// different lengths are different numbers. A path no longer than `bits` is returned as it
/// is (the usual convention for Brown-cluster prefix features: the whole path of a word high
/// in the tree is its own coarse class).
///
/// ```
/// use noor::model::clusters::{path_prefix, path_len};
/// let p = 0b1_0110_1100;          // path "01101100"
/// assert_eq!(path_prefix(p, 4), 0b1_0110);
/// assert_eq!(path_len(path_prefix(p, 4)), 4);
/// assert_eq!(path_prefix(p, 14), p);
/// assert_ne!(path_prefix(0b1_0, 1), path_prefix(0b1_00, 2));
/// ```
pub fn path_prefix(path: u32, bits: u32) -> u32 {
    let len = path_len(path);
    if len <= bits {
        path
    } else {
        path >> (len - bits)
    }
}

/// A path as a string of `0` and `1` (for reports).
pub fn path_string(path: u32) -> String {
    let len = path_len(path);
    (0..len).rev().map(|i| if path >> i & 1 == 1 { '1' } else { '0' }).collect()
}

/// Parses a path written as `0` and `1` into `1 << len | bits`.
pub fn parse_path(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > MAX_PATH_LEN as usize {
        return None;
    }
    s.bytes().try_fold(1u32, |acc, b| match b {
        b'0' => Some(acc << 1),
        b'1' => Some(acc << 1 | 1),
        _ => None,
    })
}

/// Writes a cluster file from `(word, path)` pairs, path written as `0`/`1` (words in
/// matching form; digits are replaced by `0` here, and a repeated key keeps its first path).
pub fn write(words: &[(&str, &str)]) -> Result<Vec<u8>, Error> {
    let mut entries: Vec<(String, u32)> = Vec::with_capacity(words.len());
    for (w, p) in words {
        let path = parse_path(p).ok_or_else(|| Error::Input(format!("clusters: bad path {p:?} for {w:?}")))?;
        entries.push((digit_shape(w), path));
    }
    write_paths(entries)
}

/// Writes a cluster file from `(word, 1 << len | bits)` pairs (words in matching form, digits
/// already `0`). A repeated word keeps its first path; of two words with the same key (odds
/// about `words² / 2^41`: 1 in 2,800 files of 28k words) the smaller in byte order is kept.
pub fn write_paths(mut entries: Vec<(String, u32)>) -> Result<Vec<u8>, Error> {
    // Stable sort: of two equal words the first given wins.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|b, a| a.0 == b.0);
    let mut max_len = 1;
    let mut keyed = Vec::with_capacity(entries.len());
    for (w, p) in &entries {
        let len = path_len(*p);
        if len == 0 || len > MAX_PATH_LEN || w.is_empty() {
            return Err(Error::Input(format!("clusters: bad entry {w:?}")));
        }
        max_len = max_len.max(len);
        keyed.push((key(w), *p));
    }
    // Stable again: words of equal keys stay in byte order.
    keyed.sort_by_key(|&(k, _)| k);
    keyed.dedup_by_key(|&mut (k, _)| k);
    let k = rice_parameter(keyed.len());
    let mut bits = BitWriter::default();
    let mut prev = 0;
    for &(key, path) in &keyed {
        let gap = key - prev;
        prev = key;
        let mut q = gap >> k;
        while q >= 32 {
            bits.bits(0, 32);
            q -= 32;
        }
        bits.bits(1 << q, q as u32 + 1);
        // The remainder in two pieces: `bits` takes at most 32 at a time.
        let r = gap & ((1u64 << k) - 1);
        bits.bits(r, k.min(32));
        bits.bits(r >> 32.min(k), k.saturating_sub(32));
        bits.bits(u64::from(path), max_len + 1);
    }
    let payload = bits.finish();
    let mut out = Vec::with_capacity(HEADER + payload.len() + 4);
    out.extend_from_slice(MAGIC);
    for v in [max_len, keyed.len() as u32, k, payload.len() as u32] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&payload);
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        // Paths of different lengths, Arabic and a digit shape.
        write(&[("cairo", "011010"), ("baghdad", "011011"), ("said", "10"), ("القاهره", "0110"), ("0000", "111")])
            .unwrap()
    }

    #[test]
    fn round_trip() {
        let c = Clusters::from_bytes(&sample()).unwrap();
        assert_eq!(c.len(), 5);
        assert_eq!(c.max_len(), 6);
        assert_eq!(c.get("cairo").map(path_string).as_deref(), Some("011010"));
        assert_eq!(c.get("baghdad").map(path_string).as_deref(), Some("011011"));
        assert_eq!(c.get("القاهره").map(path_string).as_deref(), Some("0110"));
        assert_eq!(c.get("2015").map(path_string).as_deref(), Some("111"));
        assert_eq!(c.get("cair"), None);
        assert_eq!(c.get(""), None);
        // The order words are given in does not matter; a repeated word keeps its first path.
        let again = write(&[
            ("0000", "111"),
            ("said", "10"),
            ("القاهره", "0110"),
            ("baghdad", "011011"),
            ("cairo", "011010"),
            ("said", "11"),
        ])
        .unwrap();
        assert_eq!(again, sample());
    }

    /// A distinct word for each number (digits would all read as 0: the number is spelled in
    /// letters).
    fn spelled(prefix: char, mut i: usize) -> String {
        let mut w = String::from(prefix);
        loop {
            w.push((b'a' + (i % 26) as u8) as char);
            i /= 26;
            if i == 0 {
                return w;
            }
        }
    }

    /// Every word of a large random vocabulary comes back with its path, and words outside it
    /// find nothing, whatever the Rice parameter and the path width.
    #[test]
    fn many_words() {
        let mut rng = 0x1234_5678_9abc_def0u64;
        let mut next = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        for (n, len) in [(1usize, 1u32), (3, 31), (1000, 14), (40_000, 9)] {
            let words: Vec<(String, u32)> =
                (0..n).map(|i| (spelled('w', i), 1 << len | (next() as u32 & ((1 << len) - 1)))).collect();
            let bytes = write_paths(words.clone()).unwrap();
            let c = Clusters::from_bytes(&bytes).unwrap();
            assert_eq!((c.len(), c.max_len()), (n, len));
            for (w, p) in &words {
                assert_eq!(c.get(w), Some(*p), "{w}");
            }
            assert!((0..n).all(|i| c.get(&spelled('x', i)).is_none()));
        }
    }

    /// The Rice parameter chosen for a count of words is near the best one for its keys.
    #[test]
    fn rice_parameter_is_near_best() {
        let words: Vec<(String, u32)> = (0..20_000).map(|i| (spelled('w', i), 0b1_0101)).collect();
        let size = |k: u32| {
            let mut keys: Vec<u64> = words.iter().map(|(w, _)| key(w)).collect();
            keys.sort();
            let mut prev = 0;
            keys.iter()
                .map(|&key| {
                    let gap = key - prev;
                    prev = key;
                    (gap >> k) + 1 + u64::from(k)
                })
                .sum::<u64>()
        };
        let k = rice_parameter(words.len());
        assert!((k - 1..=k + 1).all(|j| size(k) <= size(j)), "k = {k}");
    }

    #[test]
    fn empty() {
        let c = Clusters::empty();
        assert!(c.is_empty());
        assert_eq!(c.get("cairo"), None);
        assert!(Clusters::from_bytes(&[]).unwrap().is_empty());
        let none = Clusters::from_bytes(&write(&[]).unwrap()).unwrap();
        assert!(none.is_empty());
        assert_eq!(none.get("cairo"), None);
    }

    #[test]
    fn damaged_files_are_errors() {
        let good = sample();
        assert!(Clusters::from_bytes(b"NOORLEX1xxxxxxxxxxxxxxxxxxxxxxxx").is_err());
        assert!(Clusters::from_bytes(&good[..10]).is_err());
        assert!(Clusters::from_bytes(&good[..good.len() - 1]).is_err());
        let mut longer = good.clone();
        longer.push(0);
        assert!(Clusters::from_bytes(&longer).is_err());
        // Every header field: path length, word count, Rice parameter, payload length.
        for (at, value) in [(8, 40u32), (8, 0), (12, 6), (12, 4), (12, u32::MAX), (16, 41), (16, 3), (20, 1)] {
            let mut bad = good.clone();
            bad[at..at + 4].copy_from_slice(&value.to_le_bytes());
            assert!(Clusters::from_bytes(&bad).is_err(), "field at {at} = {value}");
        }
        // Any flipped bit in the payload or the checksum.
        for i in HEADER..good.len() {
            for bit in 0..8 {
                let mut bad = good.clone();
                bad[i] ^= 1 << bit;
                assert!(Clusters::from_bytes(&bad).is_err(), "byte {i} bit {bit}");
            }
        }
    }

    /// A payload that is damaged but carries a matching checksum is still an error, never a
    /// panic or a wrong index: the structure is checked as it is decoded.
    #[test]
    fn damaged_payloads_with_good_checksums_are_errors() {
        let good = sample();
        let payload_len = good.len() - HEADER - 4;
        let with = |payload: &[u8]| {
            let mut b = good[..HEADER].to_vec();
            b[20..24].copy_from_slice(&(payload.len() as u32).to_le_bytes());
            b.extend_from_slice(payload);
            b.extend_from_slice(&checksum(payload).to_le_bytes());
            Clusters::from_bytes(&b)
        };
        assert!(with(&good[HEADER..HEADER + payload_len]).is_ok());
        assert!(with(&vec![0; payload_len]).is_err()); // no 1 bit: unary runs off the end
        assert!(with(&good[HEADER..HEADER + payload_len - 2]).is_err());
        let mut longer = good[HEADER..HEADER + payload_len].to_vec();
        longer.push(0);
        assert!(with(&longer).is_err());
    }

    #[test]
    fn prefixes() {
        let p = parse_path("0110110011").unwrap();
        assert_eq!(path_len(p), 10);
        assert_eq!(path_string(path_prefix(p, 4)), "0110");
        assert_eq!(path_string(path_prefix(p, 6)), "011011");
        assert_eq!(path_prefix(p, 10), p);
        assert_eq!(path_prefix(p, 14), p);
        // Prefixes of different lengths never collide, even when their bits agree.
        assert_ne!(parse_path("0").unwrap(), parse_path("00").unwrap());
        assert_ne!(path_prefix(parse_path("0000").unwrap(), 2), path_prefix(parse_path("000").unwrap(), 3));
        assert_eq!(parse_path(""), None);
        assert_eq!(parse_path("012"), None);
        assert_eq!(path_len(0), 0);
        assert_eq!(path_len(parse_path(&"1".repeat(31)).unwrap()), 31);
        assert!(write(&[("x", "")]).is_err());
    }

    /// Bits two words' paths share (0 if either is unknown).
    fn common(c: &Clusters, a: &str, b: &str) -> u32 {
        match (c.get(a), c.get(b)) {
            (Some(p), Some(q)) => (1..=path_len(p).min(path_len(q)))
                .take_while(|&k| path_prefix(p, k) == path_prefix(q, k))
                .count() as u32,
            _ => 0,
        }
    }

    /// The committed cluster files load and group words as news readers would.
    #[test]
    fn shipped_clusters_make_sense() {
        let en = Clusters::from_bytes(include_bytes!("../../models/clusters-en.bin")).unwrap();
        let ar = Clusters::from_bytes(include_bytes!("../../models/clusters-ar.bin")).unwrap();
        assert!((20_000..=80_000).contains(&en.len()), "{}", en.len());
        assert!((15_000..=80_000).contains(&ar.len()), "{}", ar.len());
        assert_eq!(en.max_len(), 14);
        assert_eq!(ar.max_len(), 14);
        // Keys are of words in matching form with digits as 0, as `get` expects: a word as
        // written in an article finds its cluster once normalized.
        for w in ["Cairo", "القاهرة", "بغداد"] {
            let c = if w.is_ascii() { &en } else { &ar };
            assert!(c.get(crate::text::Normalized::new(w).as_str()).is_some(), "{w}");
        }
        let show = |c: &Clusters, a: &str, b: &str| {
            eprintln!("{a} {b}: {}", common(c, a, b));
            common(c, a, b)
        };
        // Towns are nearer each other than a town and a verb; so are first names, months,
        // weekdays, currencies and speech verbs.
        assert!(show(&en, "cairo", "nairobi") >= 10);
        assert!(show(&en, "cairo", "baghdad") > show(&en, "cairo", "said"));
        assert!(show(&en, "london", "paris") > show(&en, "london", "said"));
        assert!(show(&en, "john", "michael") >= 10);
        assert!(show(&en, "january", "february") >= 10);
        assert!(show(&en, "monday", "tuesday") >= 10);
        assert!(show(&en, "said", "says") >= 8);
        assert!(show(&en, "john", "london") < 6);
        assert!(en.get("1987").is_some() && en.get("1987") == en.get("2015"));
        assert!(show(&ar, "القاهره", "بغداد") >= 6);
        assert!(show(&ar, "القاهره", "بغداد") > show(&ar, "القاهره", "قال"));
        assert!(show(&ar, "بغداد", "دمشق") >= 10);
        assert!(show(&ar, "محمد", "احمد") >= 10);
        assert!(show(&ar, "يناير", "فبراير") >= 10);
        assert!(show(&ar, "دولار", "ريال") >= 10);
        assert!(show(&ar, "قال", "اكد") >= 8);
        assert!(show(&ar, "محمد", "بغداد") < 6);
        assert!(ar.get("2015").is_some());
    }

    #[test]
    fn digit_shapes() {
        assert_eq!(digit_shape("1,987.5"), "0,000.0");
        assert_eq!(digit_shape("f16"), "f00");
        assert_eq!(digit_shape("كورونا"), "كورونا");
    }
}
