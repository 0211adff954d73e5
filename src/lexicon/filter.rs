//! A Bloom filter of the first words of a lexicon's keys, stored with the lexicon.
//!
//! # Why
//!
//! The matcher walks the FST from every distinct word of a text under each of its proclitic
//! readings, and keeps a reading only if it is a whole key or the first word of a longer one.
//! Measured on the dev texts, only 14% of Arabic readings and 21% of English ones are, yet
//! every walk costs a node visit per byte until the FST runs out of keys sharing the reading's
//! beginning, which in a lexicon of 20,000 names is several letters deep. A reading that is not
//! the first word of any key can be turned away by this filter for the price of one hash,
//! with no false negatives: what it lets through is walked as before.
//!
//! # Representation
//!
//! `m` bits (ten per first word, rounded up to whole bytes), three probes per word derived from
//! one 64-bit FNV-1a hash by double hashing, each mapped onto `0..m` by a multiply-shift
//! rather than a division. About 1% false positives, which cost only the walk they would
//! have cost anyway. FNV-1a is written out here, not taken from a crate, because the bits are
//! stored in the lexicon file and must not change with a dependency's version.

/// Bits per first word: about 1% false positives with three probes.
const BITS_PER_WORD: usize = 10;
/// Probes per word.
const PROBES: u64 = 3;

/// 64-bit FNV-1a of the concatenation of `parts`.
pub(crate) fn hash(parts: &[&[u8]]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in parts.iter().flat_map(|p| p.iter()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The bit positions of a word of hash `h` in a filter of `bits` bits.
fn probes(h: u64, bits: u64) -> impl Iterator<Item = u64> {
    // Double hashing: h1 + i·h2, with h2 odd so that the probes differ.
    let (h1, h2) = (h, h.rotate_left(32) | 1);
    (0..PROBES).map(move |i| {
        let x = h1.wrapping_add(i.wrapping_mul(h2));
        ((x as u128 * bits as u128) >> 64) as u64
    })
}

/// The filter's bytes for these words (key forms of first words; repeats are harmless).
pub(crate) fn build<'a>(words: impl ExactSizeIterator<Item = &'a [u8]>) -> Vec<u8> {
    let len = (words.len() * BITS_PER_WORD).div_ceil(8).max(8);
    let mut out = vec![0u8; len];
    let bits = len as u64 * 8;
    for w in words {
        for p in probes(hash(&[w]), bits) {
            out[(p / 8) as usize] |= 1 << (p % 8);
        }
    }
    out
}

/// True unless the word of hash `h` ([`hash`]) is certainly not among the words the filter
/// was built from. An empty filter lets everything through.
pub(crate) fn may_contain(filter: &[u8], h: u64) -> bool {
    if filter.is_empty() {
        return true;
    }
    let bits = filter.len() as u64 * 8;
    probes(h, bits).all(|p| filter[(p / 8) as usize] & (1 << (p % 8)) != 0)
}

/// The first word of a key form: up to its first space.
pub(crate) fn first_word(key: &[u8]) -> &[u8] {
    key.split(|&b| b == b' ').next().unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_false_negatives_and_few_false_positives() {
        let words: Vec<String> = (0..5_000).map(|i| format!("name{i}")).collect();
        let f = build(words.iter().map(|w| w.as_bytes()));
        assert!(words.iter().all(|w| may_contain(&f, hash(&[w.as_bytes()]))));
        let false_pos = (0..10_000).filter(|i| may_contain(&f, hash(&[format!("other{i}").as_bytes()]))).count();
        assert!(false_pos < 300, "{false_pos} false positives in 10,000");
        assert!(may_contain(&[], hash(&[b"anything"])));
        // A word hashes alike whole or in parts.
        assert_eq!(hash(&[b"new york"]), hash(&[b"new", b" york"]));
        assert_eq!(first_word(b"new york"), b"new");
        assert_eq!(first_word(b"cairo"), b"cairo");
    }
}
