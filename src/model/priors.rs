//! Name priors learned from unlabeled news by self-training: for each word frequent enough
//! in the news, how often the tagger itself finds it in a person, organization, place or
//! other name there.
//!
//! # Why
//!
//! ANERcorp is small, and most names in a new article were never seen in training: on
//! ANERcorp dev, 230 of the 1454 entity tokens are words unseen in training, outside the 20k
//! words that have a cluster, yet at least 5 times in the unlabeled news. The tagger reads
//! such a word from one context; over the news it has met the word in dozens, and what it
//! made of it there (the club after `فريق`, the person after `الرئيس`) is evidence it cannot
//! gather from one sentence. So the training command tags the news with a first model
//! (its tagger alone: the pipeline would add the lexicon's own names, see
//! `train::news_priors`), counts per word the share of occurrences inside each type of name,
//! and trains the shipped model with those shares as features of the word and of its
//! proclitic readings' stems (`features::own`). This is the
//! "prediction history" of Ratinov and Roth (2009) widened from the document to the corpus.
//!
//! # Trigger priors
//!
//! From the same tagging of the news, each word also gets two trigger codes: the shares of
//! its occurrences whose next token begins a name of each type (الرئيس, وزير before a
//! person, وكالة before an organization, بلدة before a place), and whose previous token ends
//! one (قال after a person). They are features of the token after and before the word
//! (`features::near`): a name's first word is often new, its trigger seldom is.
//!
//! # Format
//!
//! ```text
//! "NOORPRI1"  u32 n  n × u16 key deltas  n × u8 codes
//! "NOORPRI2"  u32 n  n × u16 key deltas  n × u8 codes  n × u8 next codes  n × u8 prev codes
//! ```
//!
//! Appended to the tagger's file (see [`super::tagger`]). Keys are 24-bit fingerprints of
//! the word's hash ([`key`]), sorted and stored as differences from the previous key, which
//! gzip packs into well under two bytes; a code holds two bits per type ([`code`]). A word
//! of the text not in the table has code 0, and another word's fingerprint is hit with
//! probability n / 2^24 (0.06% for the 10k words kept): a false prior now and then, which
//! the weights of the prior features absorb like any noise. The second version adds the
//! trigger codes, each kind in a plane of its own (which gzip packs better than interleaved);
//! a table without trigger codes is written in the first.

use crate::Error;

const MAGIC: &[u8; 8] = b"NOORPRI1";
/// The second version: with the trigger codes.
const MAGIC2: &[u8; 8] = b"NOORPRI2";

/// The codes of a word: its name prior, then its trigger codes (the next token begins a name,
/// the previous token ends one), each as [`code`] makes them.
pub type Codes = [u8; 3];

/// The bits of a key.
const KEY_BITS: u32 = 24;

/// True if `bytes` start a priors section.
pub fn is_priors(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC) || bytes.starts_with(MAGIC2)
}

/// The key of a word, from its hash ([`super::features::word_hash`]).
pub fn key(word: u64) -> u32 {
    (super::features::mix(19, 0, word) >> (64 - KEY_BITS)) as u32
}

/// The key a word's prior is stored under: its hash in matching form ([`word_hash`]), told
/// apart by the letter the matching form folded at its end, ة into ه and ى into ي, as
/// written (`written`: the word, or for a stem the word it ends). Those letters tell a noun
/// from a verb with a pronoun and a name from a preposition, which the news keeps apart
/// while the matching form merges them: وجدة ("and Jeddah", a place 200 times in the news)
/// and وجده ("he found it", 46 times), على and علي. Not measured apart from counting the
/// tagger's names instead of the pipeline's (see `train::news_priors`), which it came with.
///
/// [`word_hash`]: super::features::word_hash
pub fn spelled(word: u64, written: &str) -> u64 {
    match written.chars().rev().find(|&c| crate::text::arabic::is_arabic_letter(c)) {
        Some('ة') => word ^ 0x7a3f_0000_0000_0001,
        Some('ى') => word ^ 0x7a3f_0000_0000_0002,
        _ => word,
    }
}

/// The code of a word's counts: occurrences, then occurrences inside a PER, ORG, LOC and MISC
/// name. Two bits per type, PER in the lowest: 0 under 10% of the occurrences, 1 from
/// 10%, 2 from 30%, 3 from 60%.
pub fn code(counts: [u32; 5]) -> u8 {
    let mut c = 0u8;
    for x in 1..5 {
        let f = counts[x] as f64 / counts[0].max(1) as f64;
        let b = if f >= 0.6 {
            3
        } else if f >= 0.3 {
            2
        } else {
            u8::from(f >= 0.1)
        };
        c |= b << (2 * (x - 1));
    }
    c
}

/// A loaded table of name priors.
#[derive(Debug, Clone, Default)]
pub struct Priors {
    keys: Vec<u32>,
    codes: Vec<Codes>,
}

impl Priors {
    /// The table of words with these codes (all 0 is dropped: it is what absence means).
    pub fn new(words: impl IntoIterator<Item = (u64, Codes)>) -> Priors {
        let mut kv: Vec<(u32, Codes)> = words.into_iter().filter(|w| w.1 != [0; 3]).map(|(w, c)| (key(w), c)).collect();
        kv.sort_unstable();
        // Two words on one key: keep the first code (rare: a few in 10k).
        kv.dedup_by_key(|x| x.0);
        Priors { keys: kv.iter().map(|x| x.0).collect(), codes: kv.iter().map(|x| x.1).collect() }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Number of words whose codes pass `f`.
    pub fn count(&self, f: impl Fn(&Codes) -> bool) -> usize {
        self.codes.iter().filter(|c| f(c)).count()
    }

    /// True if there is none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The codes of a word (by [`super::features::word_hash`]): its name prior, then its
    /// trigger codes ([`Codes`]); 0 where it has none.
    pub fn codes(&self, word: u64) -> Codes {
        self.keys.binary_search(&key(word)).map_or([0; 3], |i| self.codes[i])
    }

    /// The section's bytes. A key more than 65535 past the previous one is reached through
    /// keys of code 0 in steps of 65535, which read as no prior (with 10k keys in 2^24, gaps
    /// average 1600: there are none in the shipped file).
    pub fn to_bytes(&self) -> Vec<u8> {
        let triggers = self.codes.iter().any(|c| c[1] != 0 || c[2] != 0);
        let mut deltas = Vec::with_capacity(2 * self.keys.len());
        let mut planes = [Vec::with_capacity(self.keys.len()), Vec::new(), Vec::new()];
        let mut last = 0u32;
        for (&k, c) in self.keys.iter().zip(&self.codes) {
            while k - last > u16::MAX as u32 {
                deltas.extend_from_slice(&u16::MAX.to_le_bytes());
                for p in &mut planes {
                    p.push(0);
                }
                last += u16::MAX as u32;
            }
            deltas.extend_from_slice(&((k - last) as u16).to_le_bytes());
            for (p, &x) in planes.iter_mut().zip(c) {
                p.push(x);
            }
            last = k;
        }
        let n = planes[0].len();
        let mut out = Vec::with_capacity(12 + deltas.len() + 3 * n);
        out.extend_from_slice(if triggers { MAGIC2 } else { MAGIC });
        out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&deltas);
        for p in &planes[..if triggers { 3 } else { 1 }] {
            out.extend_from_slice(p);
        }
        out
    }

    /// Parses a section written by [`Priors::to_bytes`] (and nothing after it), of either
    /// version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Priors, Error> {
        let bad = |w: &str| Error::Data(format!("model priors: {w}"));
        if bytes.len() < 12 || !is_priors(bytes) {
            return Err(bad("not a priors section"));
        }
        let planes = if bytes.starts_with(MAGIC2) { 3 } else { 1 };
        let n = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
        // Checked: `n` comes from the file, and 5 × n may not fit a 32-bit usize (wasm).
        if n.checked_mul(2 + planes).and_then(|x| x.checked_add(12)) != Some(bytes.len()) {
            return Err(bad("size mismatch"));
        }
        let mut keys = Vec::with_capacity(n);
        let mut last = 0u32;
        for d in bytes[12..12 + 2 * n].chunks_exact(2) {
            // Saturating: a damaged file must not overflow; the order check below rejects it.
            last = last.saturating_add(u16::from_le_bytes([d[0], d[1]]) as u32);
            keys.push(last);
        }
        if keys.windows(2).any(|w| w[0] >= w[1]) || last >= 1 << KEY_BITS {
            return Err(bad("keys out of order"));
        }
        let plane = |p: usize| &bytes[12 + (2 + p) * n..12 + (3 + p) * n];
        let codes = (0..n).map(|i| std::array::from_fn(|p| if p < planes { plane(p)[i] } else { 0 })).collect();
        Ok(Priors { keys, codes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_by_share() {
        assert_eq!(code([10, 0, 0, 0, 0]), 0);
        assert_eq!(code([10, 7, 0, 0, 0]), 3);
        assert_eq!(code([10, 0, 3, 0, 0]), 2 << 2);
        assert_eq!(code([10, 0, 0, 1, 9]), 1 << 4 | 3 << 6);
    }

    #[test]
    fn round_trip() {
        let words: Vec<(u64, Codes)> =
            (1..300u64).map(|w| (w.wrapping_mul(0x9e37_79b9_7f4a_7c15), [(w % 200) as u8, 0, 0])).collect();
        // 300 keys in 2^24: most gaps are over 65535 (see `to_bytes`).
        let p = Priors::new(words.iter().copied());
        let bytes = p.to_bytes();
        // No trigger codes: the first version.
        assert!(bytes.starts_with(MAGIC));
        let q = Priors::from_bytes(&bytes).unwrap();
        assert!(q.len() > p.len());
        for &(w, c) in &words {
            assert_eq!(q.codes(w), c);
        }
        assert!(Priors::from_bytes(&bytes[..20]).is_err());
        // Dense enough for no filler keys: read back as written.
        let dense =
            Priors::new((1..20_000u64).map(|w| (w.wrapping_mul(0x9e37_79b9_7f4a_7c15), [1 + (w % 200) as u8, 0, 0])));
        let r = Priors::from_bytes(&dense.to_bytes()).unwrap();
        assert_eq!((&r.keys, &r.codes), (&dense.keys, &dense.codes));
    }

    #[test]
    fn round_trip_with_triggers() {
        let words: Vec<(u64, Codes)> = (1..5_000u64)
            .map(|w| (w.wrapping_mul(0x9e37_79b9_7f4a_7c15), [(w % 7) as u8, (w % 5) as u8, (w % 3) as u8]))
            .collect();
        let p = Priors::new(words.iter().copied());
        let bytes = p.to_bytes();
        assert!(bytes.starts_with(MAGIC2));
        let q = Priors::from_bytes(&bytes).unwrap();
        for &(w, c) in &words {
            assert_eq!(q.codes(w), c);
        }
        // Damaged: cut, or a count that does not fit (on 32 bits, 5 × n overflows).
        assert!(Priors::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        let mut big = bytes.clone();
        big[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Priors::from_bytes(&big).is_err());
        // The same bytes read as the first version do not fit.
        let mut v1 = bytes;
        v1[..8].copy_from_slice(MAGIC);
        assert!(Priors::from_bytes(&v1).is_err());
    }
}
