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
//! "NOORCLU1"  u32 max_len  u32 fst_len  fst (word → 1 << len | bits)
//! ```
//!
//! Little-endian integers. Words are keys in matching form ([`crate::text::Normalized`]) with
//! every ASCII digit replaced by `0` (so "1987" is looked up as "0000", a digit-shape class);
//! [`Clusters::get`] does that replacement itself. As for the lexicon, the FST is searched
//! where it lies: loading a cluster file checks its header and allocates nothing per word.

use crate::Error;

const MAGIC: &[u8; 8] = b"NOORCLU1";
const HEADER: usize = 16;

/// The longest path a file may hold (the sentinel bit must fit in a `u32`).
pub const MAX_PATH_LEN: u32 = 31;

/// Bytes that back a cluster file: borrowed from the binary, or owned after reading a file.
#[derive(Clone)]
enum Bytes {
    Static(&'static [u8]),
    Owned(std::sync::Arc<[u8]>),
}

/// The FST's part of the file.
#[derive(Clone)]
struct FstBytes {
    bytes: Bytes,
}

impl AsRef<[u8]> for FstBytes {
    fn as_ref(&self) -> &[u8] {
        let b = match &self.bytes {
            Bytes::Static(b) => b,
            Bytes::Owned(b) => &b[..],
        };
        &b[HEADER..]
    }
}

/// A loaded set of word clusters.
#[derive(Clone)]
pub struct Clusters {
    fst: Option<fst::Map<FstBytes>>,
    max_len: u32,
    /// A hash index of the FST built at load time: `(fingerprint, path)` slots, open
    /// addressing. A lookup is one hash of the word and a probe or two instead of an FST walk.
    index: std::sync::Arc<[(u32, u32)]>,
}

/// FNV-1a's offset basis and prime: the index hash is FNV-1a over the word's bytes (ASCII
/// digits read as `0`), finished by [`mix`].
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// One byte of the index hash.
fn hash_byte(h: u64, b: u8) -> u64 {
    let b = if b.is_ascii_digit() { b'0' } else { b };
    (h ^ b as u64).wrapping_mul(FNV_PRIME)
}

/// The finish of the index hash (a murmur3 mix: FNV's low bits alone pick slots poorly).
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The index hash of a word in matching form, with ASCII digits read as `0`.
fn key_hash(word: &str) -> u64 {
    mix(word.bytes().fold(FNV_OFFSET, hash_byte))
}

/// Builds the hash index by walking the FST depth first, hashing each word as its path is
/// walked (FNV-1a is computed byte by byte, so a prefix's hash is shared by every word below
/// it). Streaming the keys instead cost three times as much (the stream copies every key),
/// and this runs at every start-up: it was three quarters of loading a language pack.
fn build_index(fst: &fst::Map<FstBytes>) -> std::sync::Arc<[(u32, u32)]> {
    let raw = fst.as_fst();
    let slots = (fst.len() * 2).next_power_of_two().max(16);
    let mut index = vec![(0u32, 0u32); slots];
    let mut insert = |h: u64, v: u64| {
        let fp = ((h >> 32) as u32).max(1);
        let mut i = h as usize & (slots - 1);
        while index[i].0 != 0 {
            i = (i + 1) & (slots - 1);
        }
        index[i] = (fp, v as u32);
    };
    let root = raw.root();
    if root.is_final() {
        insert(mix(FNV_OFFSET), root.final_output().value());
    }
    // (node, next transition to follow, hash of the path so far, output of the path so far)
    let mut stack = vec![(root, 0usize, FNV_OFFSET, 0u64)];
    while let Some(top) = stack.last_mut() {
        let (node, i, h, out) = *top;
        if i == node.len() {
            stack.pop();
            continue;
        }
        top.1 += 1;
        let t = node.transition(i);
        let (h, out) = (hash_byte(h, t.inp), out + t.out.value());
        let next = raw.node(t.addr);
        if next.is_final() {
            insert(mix(h), out + next.final_output().value());
        }
        stack.push((next, 0, h, out));
    }
    index.into()
}

/// [`build_index`] the slow way, by streaming the keys (what the depth-first walk must equal).
#[cfg(test)]
fn build_index_by_stream(fst: &fst::Map<FstBytes>) -> std::sync::Arc<[(u32, u32)]> {
    use fst::{IntoStreamer, Streamer};
    let slots = (fst.len() * 2).next_power_of_two().max(16);
    let mut index = vec![(0u32, 0u32); slots];
    let mut s = fst.into_stream();
    while let Some((k, v)) = s.next() {
        let Ok(word) = std::str::from_utf8(k) else { continue };
        let h = key_hash(word);
        let fp = ((h >> 32) as u32).max(1);
        let mut i = h as usize & (slots - 1);
        while index[i].0 != 0 {
            i = (i + 1) & (slots - 1);
        }
        index[i] = (fp, v as u32);
    }
    index.into()
}

impl std::fmt::Debug for Clusters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clusters").field("words", &self.len()).field("max_len", &self.max_len).finish()
    }
}

impl Clusters {
    /// Clusters with no words: every lookup is `None`.
    pub fn empty() -> Clusters {
        Clusters { fst: None, max_len: 0, index: std::sync::Arc::new([]) }
    }

    /// Loads clusters from the bytes of a file written by [`write()`]. Empty bytes give
    /// [`Clusters::empty`].
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Clusters, Error> {
        Clusters::parse(Bytes::Owned(bytes.into()))
    }

    /// Loads clusters from bytes compiled into the binary (`include_bytes!`), without copying.
    pub fn from_static(bytes: &'static [u8]) -> Result<Clusters, Error> {
        Clusters::parse(Bytes::Static(bytes))
    }

    fn parse(bytes: Bytes) -> Result<Clusters, Error> {
        let b: &[u8] = match &bytes {
            Bytes::Static(b) => b,
            Bytes::Owned(b) => b,
        };
        if b.is_empty() {
            return Ok(Clusters::empty());
        }
        let bad = |what: &str| Error::Data(format!("clusters: {what}"));
        if b.len() < HEADER || &b[..8] != MAGIC {
            return Err(bad("not a Noor cluster file (bad magic)"));
        }
        let u32_at = |at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
        let max_len = u32_at(8);
        let fst_len = u32_at(12) as usize;
        if max_len == 0 || max_len > MAX_PATH_LEN {
            return Err(bad("bad path length"));
        }
        if HEADER + fst_len != b.len() {
            return Err(bad("size mismatch (truncated or damaged file)"));
        }
        let fst = fst::Map::new(FstBytes { bytes }).map_err(|e| Error::Data(format!("clusters: {e}")))?;
        // The FST's own checksum: one pass over a few hundred kilobytes, once per load, so
        // that a damaged file is an error here rather than wrong clusters later.
        fst.as_fst().verify().map_err(|e| Error::Data(format!("clusters: {e}")))?;
        let index = build_index(&fst);
        Ok(Clusters { fst: Some(fst), max_len, index })
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.fst.as_ref().map_or(0, |f| f.len())
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
    /// let c = Clusters::from_bytes(noor::model::clusters::write(&[("cairo", "0110"), ("0000", "10")]).unwrap()).unwrap();
    /// assert_eq!(c.get("cairo"), Some(0b1_0110));
    /// assert_eq!(c.get("1987"), Some(0b1_10));
    /// assert_eq!(path_prefix(c.get("cairo").unwrap(), 2), 0b1_01);
    /// ```
    pub fn get(&self, word: &str) -> Option<u32> {
        if self.index.is_empty() || word.is_empty() {
            return None;
        }
        let h = key_hash(word);
        let fp = ((h >> 32) as u32).max(1);
        let mask = self.index.len() - 1;
        let mut i = h as usize & mask;
        let v = loop {
            let (k, v) = self.index[i];
            if k == 0 {
                return None;
            }
            if k == fp {
                break v as u64;
            }
            i = (i + 1) & mask;
        };
        // A value that is not a sentinel-encoded path can only come from a damaged file.
        (v > 1 && v < 1 << (MAX_PATH_LEN + 1)).then_some(v as u32)
    }

    /// Every word with its path, in byte order of the words (for inspection and tests).
    pub fn words(&self) -> Vec<(String, u32)> {
        use fst::{IntoStreamer, Streamer};
        let mut out = Vec::with_capacity(self.len());
        if let Some(f) = &self.fst {
            let mut s = f.into_stream();
            while let Some((k, v)) = s.next() {
                out.push((String::from_utf8_lossy(k).into_owned(), v as u32));
            }
        }
        out
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

/// Writes a cluster file from `(word, 1 << len | bits)` pairs.
pub fn write_paths(mut entries: Vec<(String, u32)>) -> Result<Vec<u8>, Error> {
    // Stable sort: of two equal keys the first given wins.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|b, a| a.0 == b.0);
    let mut max_len = 1;
    let mut builder = fst::MapBuilder::memory();
    for (w, p) in &entries {
        let len = path_len(*p);
        if len == 0 || len > MAX_PATH_LEN || w.is_empty() {
            return Err(Error::Input(format!("clusters: bad entry {w:?}")));
        }
        max_len = max_len.max(len);
        builder.insert(w, u64::from(*p)).map_err(|e| Error::Data(format!("clusters: {e}")))?;
    }
    let fst = builder.into_inner().map_err(|e| Error::Data(format!("clusters: {e}")))?;
    let mut out = Vec::with_capacity(HEADER + fst.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&max_len.to_le_bytes());
    out.extend_from_slice(&(fst.len() as u32).to_le_bytes());
    out.extend_from_slice(&fst);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        write(&[("cairo", "011010"), ("baghdad", "011011"), ("said", "10"), ("القاهره", "0110"), ("0000", "111")])
            .unwrap()
    }

    #[test]
    fn round_trip() {
        let c = Clusters::from_bytes(sample()).unwrap();
        assert_eq!(c.len(), 5);
        assert_eq!(c.max_len(), 6);
        assert_eq!(c.get("cairo").map(path_string).as_deref(), Some("011010"));
        assert_eq!(c.get("القاهره").map(path_string).as_deref(), Some("0110"));
        assert_eq!(c.get("2015").map(path_string).as_deref(), Some("111"));
        assert_eq!(c.get("cair"), None);
        assert_eq!(c.get(""), None);
        let words = c.words();
        assert_eq!(words.len(), 5);
        assert!(words.windows(2).all(|w| w[0].0 < w[1].0));
        let again = write_paths(words).unwrap();
        assert_eq!(again, sample());
        let s: &'static [u8] = Box::leak(sample().into_boxed_slice());
        assert_eq!(Clusters::from_static(s).unwrap().get("said"), Some(0b110));
    }

    #[test]
    fn empty() {
        let c = Clusters::empty();
        assert!(c.is_empty());
        assert_eq!(c.get("cairo"), None);
        assert!(Clusters::from_bytes(Vec::new()).unwrap().is_empty());
        let none = Clusters::from_bytes(write(&[]).unwrap()).unwrap();
        assert!(none.is_empty());
    }

    #[test]
    fn damaged_files_are_errors() {
        let good = sample();
        assert!(Clusters::from_bytes(b"NOORLEX1xxxxxxxxxxxx".to_vec()).is_err());
        assert!(Clusters::from_bytes(good[..10].to_vec()).is_err());
        assert!(Clusters::from_bytes(good[..good.len() - 1].to_vec()).is_err());
        let mut longer = good.clone();
        longer.push(0);
        assert!(Clusters::from_bytes(longer).is_err());
        // A wrong length field, and a damaged FST with the right length.
        let mut bad_len = good.clone();
        bad_len[12] ^= 1;
        assert!(Clusters::from_bytes(bad_len).is_err());
        let mut bad_depth = good.clone();
        bad_depth[8] = 40;
        assert!(Clusters::from_bytes(bad_depth).is_err());
        let mut bad_fst = good.clone();
        let n = bad_fst.len();
        for b in &mut bad_fst[n - 24..] {
            *b = 0xff;
        }
        assert!(Clusters::from_bytes(bad_fst).is_err());
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

    /// The depth-first index is the streamed one, slot for slot, on the shipped files.
    #[test]
    fn index_by_walk_equals_index_by_stream() {
        for bytes in
            [&include_bytes!("../../models/clusters-en.bin")[..], &include_bytes!("../../models/clusters-ar.bin")[..]]
        {
            let c = Clusters::from_static(bytes).unwrap();
            let fst = c.fst.as_ref().unwrap();
            assert_eq!(build_index(fst), build_index_by_stream(fst));
        }
        let c = Clusters::from_bytes(sample()).unwrap();
        assert_eq!(build_index(c.fst.as_ref().unwrap()), build_index_by_stream(c.fst.as_ref().unwrap()));
    }

    /// The committed cluster files load and group words as news readers would.
    #[test]
    fn shipped_clusters_make_sense() {
        let en = Clusters::from_static(include_bytes!("../../models/clusters-en.bin")).unwrap();
        let ar = Clusters::from_static(include_bytes!("../../models/clusters-ar.bin")).unwrap();
        assert!((20_000..=80_000).contains(&en.len()), "{}", en.len());
        assert!((15_000..=80_000).contains(&ar.len()), "{}", ar.len());
        assert_eq!(en.max_len(), 14);
        assert_eq!(ar.max_len(), 14);
        // Every key is in matching form with digits as 0, as `get` expects.
        for (w, _) in en.words().iter().chain(ar.words().iter()).step_by(97) {
            assert_eq!(digit_shape(crate::text::Normalized::new(w).as_str()), *w);
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
