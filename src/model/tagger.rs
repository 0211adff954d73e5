//! The tagger: a linear model over hashed features with first-order BIO transitions,
//! decoded by Viterbi. Trained as an averaged structured perceptron (see `train`).
//!
//! # File format
//!
//! ```text
//! "NOORTAG2"  u32 n_buckets  f32 scale  f32 transitions[T × T]  f32 start[T]
//!             n_buckets × (u32 fingerprints[4], i8 weights[4][T], u8 overflow, 11 zero bytes)
//! ```
//!
//! The weights are a hash table of 64-byte buckets, one CPU cache line each, of four entries
//! (a power of two of buckets, entries ≤ 0.7 of the room), laid out by the trainer, so that
//! loading is a bounds check and a copy into aligned memory (the padding makes a bucket's
//! bytes in the file its bytes in memory). A feature's hash chooses its
//! bucket; a 32-bit fingerprint of the hash tells the entries apart (a false match needs a
//! collision in both the bucket and the fingerprint, about 1 in 4·10⁹ per entry compared). A
//! bucket that was full when an entry had to pass it on to the next one is marked
//! `overflow`, so a lookup reads the next bucket only after a marked one.
//!
//! Why buckets and not plain slots: the lookups are most of the cost of a word the tagger
//! has not met before, and each is a cache miss on a table of 200 KB to 1 MB. With 13-byte
//! slots probed one after the other (`NOORTAG1`, load 0.6), a lookup compared 2.6 slots on
//! average (a third of the features looked up are not in the table, pruned or never seen,
//! and an absent one probes to the next empty slot), often across two cache lines; in a
//! bucket it reads one line, and the next only after an overflowed bucket (one in seven of
//! the Arabic model's, at load 0.60; one in twelve of the English model's, at 0.53). The padding makes the file about a fifth larger before gzip.
//!
//! Weights are quantized to `i8` with one scale for the whole table: the averaged
//! perceptron's weights are small integers divided by the number of updates, and 8 bits
//! keep the ranking of the tags on dev data (measured when the model is written).
//!
//! A file may go on with a second stage (the same format again, see `train::train_doc`) and
//! then with the name priors its features read ([`super::priors`], Arabic).

use super::priors::{is_priors, Priors};
use crate::Error;

/// The tags: O, then B and I for PER, ORG, LOC, MISC.
pub const TAGS: [&str; 9] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];
/// Number of tags.
pub const T: usize = TAGS.len();
const MAGIC: &[u8; 8] = b"NOORTAG2";
/// The previous format (slots probed one by one): named in the error a stale file gets.
const MAGIC_V1: &[u8; 8] = b"NOORTAG1";
/// Entries per bucket: four 13-byte entries fill 52 of a cache line's 64 bytes.
const WAYS: usize = 4;
/// Bytes of a bucket in the file, as in memory.
const BUCKET: usize = 64;
/// Bytes of the header before the buckets.
const HEAD: usize = 8 + 4 + 4 + 4 * T * T + 4 * T;

/// One bucket of the weight table: its 64 bytes as in the file, aligned to a cache line so
/// that it is read in one. Kept as bytes rather than parsed into fields, so that loading a
/// table is a copy, not a parse; the accessors read at constant offsets, which compile to
/// single loads (a cold native pass of the Arabic dev text: 0.5% fewer instructions than with
/// parsed fields).
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Bucket([u8; BUCKET]);

const _: () = assert!(std::mem::size_of::<Bucket>() == BUCKET);

/// Where a bucket's weights and overflow mark start (after the four fingerprints).
const WEIGHTS: usize = 4 * WAYS;
const OVERFLOW: usize = WEIGHTS + WAYS * T;

impl Bucket {
    const EMPTY: Bucket = Bucket([0; BUCKET]);

    /// Entry `j`'s fingerprint (0: no entry).
    #[inline]
    fn fp(&self, j: usize) -> u32 {
        let b = &self.0;
        u32::from_le_bytes([b[4 * j], b[4 * j + 1], b[4 * j + 2], b[4 * j + 3]])
    }

    /// Entry `j`'s quantized weight for tag `t`.
    #[inline]
    fn w(&self, j: usize, t: usize) -> i8 {
        self.0[WEIGHTS + j * T + t] as i8
    }

    /// Non-zero if an entry whose hash chose this bucket is in a later one.
    #[inline]
    fn overflow(&self) -> u8 {
        self.0[OVERFLOW]
    }
}

/// True if tag `b` may follow tag `a` (an I-X only after B-X or I-X).
pub fn allowed(a: Option<usize>, b: usize) -> bool {
    if b == 0 || b % 2 == 1 {
        return true; // O and B-X may follow anything
    }
    matches!(a, Some(a) if a != 0 && (a + 1) / 2 == b / 2)
}

/// A loaded tagging model.
#[derive(Clone)]
pub struct Tagger {
    /// The weight table (a power of two of buckets, at least one).
    table: std::sync::Arc<[Bucket]>,
    scale: f32,
    trans: [[f32; T]; T],
    start: [f32; T],
    /// The document-level second stage, if the file has one.
    doc: Option<Box<Tagger>>,
    /// The name priors of the words (empty if the file has none).
    priors: std::sync::Arc<Priors>,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger").field("buckets", &self.table.len()).finish()
    }
}

/// The 32-bit fingerprint stored for a feature hash (never 0, which marks an empty slot).
pub fn fingerprint(h: u64) -> u32 {
    ((h >> 32) as u32).max(1)
}

impl Tagger {
    /// Parses a model file.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Tagger, Error> {
        Tagger::from_slice(&bytes)
    }

    /// Parses a model file in place: the weights are copied once, into their buckets.
    pub fn from_slice(bytes: &[u8]) -> Result<Tagger, Error> {
        let bad = |w: &str| Error::Data(format!("model: {w}"));
        if bytes.starts_with(MAGIC_V1) {
            return Err(bad("a model in the earlier format (NOORTAG1): train it again"));
        }
        if bytes.len() < HEAD || &bytes[..8] != MAGIC {
            return Err(bad("not a Noor tagger model"));
        }
        let f32_at = |i: usize| f32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let buckets = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
        // Checked: `buckets` comes from the file, and buckets × BUCKET may not fit a 32-bit
        // usize (wasm).
        let end = buckets.checked_mul(BUCKET).and_then(|t| t.checked_add(HEAD));
        let Some(end) = end.filter(|&e| buckets.is_power_of_two() && e <= bytes.len()) else {
            return Err(bad("size mismatch"));
        };
        let rest = &bytes[end..];
        let (doc, priors) = if rest.is_empty() {
            (None, Default::default())
        } else if is_priors(rest) {
            (None, std::sync::Arc::new(Priors::from_bytes(rest)?))
        } else {
            // The second stage, and after it the priors if any: they belong to the first.
            let mut d = Tagger::from_slice(rest)?;
            let p = std::mem::take(&mut d.priors);
            (Some(Box::new(d)), p)
        };
        let scale = f32_at(12);
        let mut trans = [[0f32; T]; T];
        let mut start = [0f32; T];
        for (a, row) in trans.iter_mut().enumerate() {
            for (b, v) in row.iter_mut().enumerate() {
                *v = f32_at(16 + 4 * (a * T + b));
            }
        }
        for (b, v) in start.iter_mut().enumerate() {
            *v = f32_at(16 + 4 * T * T + 4 * b);
        }
        // Collected straight into the shared slice: one allocation of the table's size (a Vec
        // turned into an Arc would be a second, and wasm memory never shrinks).
        let table: std::sync::Arc<[Bucket]> =
            bytes[HEAD..end].as_chunks::<BUCKET>().0.iter().map(|b| Bucket(*b)).collect();
        Ok(Tagger { table, scale, trans, start, doc, priors })
    }

    /// The bytes of this stage alone (without a second stage or priors), as in the file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEAD + self.table.len() * BUCKET);
        head(&mut out, self.table.len(), self.scale, &self.trans, &self.start);
        for b in self.table.iter() {
            out.extend_from_slice(&b.0);
        }
        out
    }

    /// The transition and start scores.
    pub fn transitions(&self) -> ([[f32; T]; T], [f32; T]) {
        (self.trans, self.start)
    }

    /// The document-level second stage, if any.
    pub fn doc(&self) -> Option<&Tagger> {
        self.doc.as_deref()
    }

    /// The name priors of the words, which its features read (empty if it has none).
    pub fn priors(&self) -> &Priors {
        &self.priors
    }

    /// Adds the quantized weights of feature `h` to `scores`. `table` has a power of two
    /// of buckets, so the index masked by its length is in bounds.
    #[inline]
    fn add(table: &[Bucket], h: u64, scores: &mut [i32; T]) {
        let fp = fingerprint(h);
        let mask = table.len().wrapping_sub(1);
        let mut i = (h as usize) & mask;
        for _ in 0..table.len() {
            let b = &table[i];
            for j in 0..WAYS {
                if b.fp(j) == fp {
                    for t in 0..T {
                        scores[t] += b.w(j, t) as i32;
                    }
                    return;
                }
            }
            if b.overflow() == 0 {
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Scores every tag for one token's feature hashes.
    pub fn score(&self, feats: &[u64]) -> [f32; T] {
        self.sum(feats).map(|v| v as f32 * self.scale)
    }

    /// The quantized weights of `feats` summed per tag: [`Tagger::score`] before scaling.
    /// Integer sums do not depend on the order of addition, so partial sums can be kept and
    /// added later (see `emissions`).
    pub fn sum(&self, feats: &[u64]) -> [i32; T] {
        let table = &self.table[..];
        let mut s = [0i32; T];
        // `from_bytes` admits no empty table (its buckets are a power of two); checked
        // anyway, so that the mask below cannot wrap.
        if table.is_empty() {
            return s;
        }
        // Touch every feature's bucket before reading them: the loads are independent, so
        // the cache misses overlap instead of queueing one behind the other.
        let mask = table.len() - 1;
        let mut touch = 0u8;
        for &h in feats {
            touch ^= table[(h as usize) & mask].overflow();
        }
        std::hint::black_box(touch);
        for &h in feats {
            Tagger::add(table, h, &mut s);
        }
        s
    }

    /// The factor from summed quantized weights to scores.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Scores every tag of every token, given each token's feature hashes.
    pub fn emissions(&self, feats: &[Vec<u64>]) -> Vec<[f32; T]> {
        feats.iter().map(|fs| self.score(fs)).collect()
    }

    /// The best tag sequence for these emission scores.
    pub fn decode(&self, em: &[[f32; T]]) -> Vec<usize> {
        viterbi(em, &self.trans, &self.start)
    }

    /// [`Tagger::decode`], appending to `tags` and reusing `scratch` (a text is decoded
    /// sentence by sentence, and allocating per sentence showed in the profile).
    pub fn decode_into(&self, em: &[[f32; T]], scratch: &mut Vec<[f32; T]>, tags: &mut Vec<usize>) {
        viterbi_into(em, &self.trans, &self.start, scratch, tags)
    }
}

/// The larger of two scores (`f32::max` also handles NaN, which never occurs here, at the
/// cost of more instructions in the innermost loop).
#[inline]
fn larger(a: f32, b: f32) -> f32 {
    if b > a {
        b
    } else {
        a
    }
}

/// The index of the first largest score.
#[inline]
fn argmax(scores: impl Iterator<Item = (usize, f32)>) -> usize {
    let (mut arg, mut best) = (0, f32::NEG_INFINITY);
    for (a, v) in scores {
        if v > best {
            (arg, best) = (a, v);
        }
    }
    arg
}

/// The tags that may follow any tag: O and the B tags.
const FREE: [usize; 5] = [0, 1, 3, 5, 7];

/// The entity chunks of a tag sequence ([`TAGS`] indices) as `(type, first token, last token
/// + 1)`, type 1..=4 for PER, ORG, LOC, MISC (the tag `2 * type - 1` is its B tag): conlleval's
/// rules, as `eval::conll::chunks` on the tag names, without building strings for every token.
pub fn chunks(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let ty = t.div_ceil(2);
        let continues = t != 0 && t % 2 == 0; // an I tag
        match open {
            Some((k, _)) if continues && k == ty => {}
            _ => {
                if let Some((k, a)) = open.take() {
                    out.push((k, a, i));
                }
                if t != 0 {
                    open = Some((ty, i));
                }
            }
        }
    }
    if let Some((k, a)) = open {
        out.push((k, a, tags.len()));
    }
    out
}

/// Viterbi over BIO tags with transition and start scores, respecting [`allowed`].
pub fn viterbi(em: &[[f32; T]], trans: &[[f32; T]; T], start: &[f32; T]) -> Vec<usize> {
    let mut tags = Vec::with_capacity(em.len());
    viterbi_into(em, trans, start, &mut Vec::new(), &mut tags);
    tags
}

/// [`viterbi`], appending the tags to `tags`, with `delta` as working memory.
pub fn viterbi_into(
    em: &[[f32; T]],
    trans: &[[f32; T]; T],
    start: &[f32; T],
    delta: &mut Vec<[f32; T]>,
    tags: &mut Vec<usize>,
) {
    let n = em.len();
    if n == 0 {
        return;
    }
    let mut first = [f32::NEG_INFINITY; T];
    for b in 0..T {
        if allowed(None, b) {
            first[b] = em[0][b] + start[b];
        }
    }
    // The BIO constraints as the steps they leave: O and B-X may follow any tag, I-X only
    // B-X or I-X. Visiting only those (53 of the 81 pairs) is the same maximum without
    // scoring the forbidden steps. The forward pass keeps each position's best scores and
    // no back-pointers: a back-pointer is needed for one tag per position, and the
    // backtrace recomputes it from the kept scores (the same sums, so the same choice),
    // which leaves the forward pass branch-free maxima. Tried and not kept: keeping O alone at
    // the positions where O beats every other tag whatever the neighbours' tags (77% of the
    // Arabic dev positions; the same tags): testing each position, with a bound on rounding,
    // cost more than the steps saved (over a million words of Arabic news, 684M -> 848M
    // instructions for both passes).
    // The scores into each tag side by side (the transposed matrix): the inner loop reads a row.
    let into: [[f32; T]; T] = std::array::from_fn(|b| std::array::from_fn(|a| trans[a][b]));
    // Each position's scores from the previous ones, written out tag by tag: with constant
    // tags the compiler drops the bounds checks a loop over the tag lists kept (Viterbi on
    // the English dev texts, both stages: 32.9M -> 31.7M instructions).
    let best_into = |prev: &[f32; T], b: usize| -> f32 {
        let mut best = f32::NEG_INFINITY;
        for (p, t) in prev.iter().zip(&into[b]) {
            best = larger(best, p + t);
        }
        best
    };
    let inside = |prev: &[f32; T], b: usize| larger(prev[b - 1] + into[b][b - 1], prev[b] + into[b][b]);
    delta.clear();
    delta.reserve(n);
    delta.push(first);
    let mut prev = first;
    for e in &em[1..] {
        let p = &prev;
        let cur = [
            best_into(p, 0) + e[0],
            best_into(p, 1) + e[1],
            inside(p, 2) + e[2],
            best_into(p, 3) + e[3],
            inside(p, 4) + e[4],
            best_into(p, 5) + e[5],
            inside(p, 6) + e[6],
            best_into(p, 7) + e[7],
            inside(p, 8) + e[8],
        ];
        delta.push(cur);
        prev = cur;
    }
    // The first best wherever scores tie, as a scan that replaces only on a strictly
    // greater score would choose.
    let base = tags.len();
    tags.resize(base + n, 0);
    let tags = &mut tags[base..];
    tags[n - 1] = argmax((0..T).map(|b| (b, delta[n - 1][b])));
    for i in (1..n).rev() {
        let (b, prev) = (tags[i], &delta[i - 1]);
        let from = if FREE.contains(&b) { 0..T } else { b - 1..b + 1 };
        tags[i - 1] = argmax(from.map(|a| (a, prev[a] + into[b][a])));
    }
}

/// Writes the header of a model file.
fn head(out: &mut Vec<u8>, buckets: usize, scale: f32, trans: &[[f32; T]; T], start: &[f32; T]) {
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(buckets as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_le_bytes());
    for row in trans {
        for v in row {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    for v in start {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

/// Writes a model file from averaged weights (`feature hash → weights per tag`).
/// Features whose largest absolute weight is below `prune` are dropped.
pub fn write(weights: &[(u64, [f32; T])], trans: &[[f32; T]; T], start: &[f32; T], prune: f32) -> Vec<u8> {
    let kept: Vec<&(u64, [f32; T])> =
        weights.iter().filter(|(_, w)| w.iter().fold(0f32, |m, v| m.max(v.abs())) >= prune).collect();
    let max = kept.iter().flat_map(|(_, w)| w.iter()).fold(0f32, |m, v| m.max(v.abs())).max(1e-9);
    let scale = max / 127.0;
    // Entries at most 0.7 of the room: a bucket's entries are about Poisson with mean 2.8 or
    // less, and more than four (an overflow) in at most 15% of the buckets.
    let buckets = ((kept.len() as f64 / (0.7 * WAYS as f64)).ceil() as usize).next_power_of_two().max(4);
    let mut table = vec![Bucket::EMPTY; buckets];
    for (h, w) in kept {
        let mut i = (*h as usize) & (buckets - 1);
        loop {
            let b = &mut table[i];
            if let Some(j) = (0..WAYS).find(|&j| b.fp(j) == 0) {
                b.0[4 * j..4 * j + 4].copy_from_slice(&fingerprint(*h).to_le_bytes());
                for t in 0..T {
                    b.0[WEIGHTS + j * T + t] = (w[t] / scale).round().clamp(-127.0, 127.0) as i8 as u8;
                }
                break;
            }
            b.0[OVERFLOW] = 1;
            i = (i + 1) & (buckets - 1);
        }
    }
    let mut out = Vec::with_capacity(HEAD + buckets * BUCKET);
    head(&mut out, buckets, scale, trans, start);
    for b in &table {
        out.extend_from_slice(&b.0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A damaged header is an error, not a panic: a table larger than the file, and one whose
    /// byte size does not fit a usize on 32 bits.
    #[test]
    fn damaged_sizes_are_errors() {
        let good = write(&[(7, [1.0; T])], &[[0.0; T]; T], &[0.0; T], 0.0);
        assert!(Tagger::from_bytes(good.clone()).is_ok());
        for buckets in [1u32 << 20, 1 << 31, 3] {
            let mut bad = good.clone();
            bad[8..12].copy_from_slice(&buckets.to_le_bytes());
            assert!(Tagger::from_bytes(bad).is_err(), "{buckets} buckets");
        }
        let mut old = good.clone();
        old[..8].copy_from_slice(MAGIC_V1);
        assert!(matches!(Tagger::from_bytes(old), Err(Error::Data(m)) if m.contains("NOORTAG1")));
        for magic in [b"NOORPRI1", b"NOORPRI2"] {
            let mut with_priors = good.clone();
            with_priors.extend_from_slice(magic);
            with_priors.extend_from_slice(&u32::MAX.to_le_bytes());
            assert!(Tagger::from_bytes(with_priors).is_err());
        }
    }

    /// Entries whose hashes choose one bucket spill over into the next ones and are all found
    /// again, also across the end of the table; an absent feature of that bucket scores 0;
    /// the file written back is the file read.
    #[test]
    fn full_buckets_pass_entries_on() {
        // Nine features on bucket 0 (low bits 0, fingerprints 1..=9), and one more feature
        // than a table of 4 buckets holds at its load, on the last bucket.
        let mut ws: Vec<(u64, [f32; T])> = (1..=9u64).map(|k| (k << 32, [k as f32; T])).collect();
        ws.push((10 << 32 | 3, [-10.0; T]));
        let bytes = write(&ws, &[[0.0; T]; T], &[0.0; T], 0.0);
        let m = Tagger::from_bytes(bytes.clone()).unwrap();
        assert_eq!(m.table.len(), 4);
        assert_eq!((m.table[0].overflow(), m.table[1].overflow(), m.table[2].overflow()), (1, 1, 0));
        for (h, w) in &ws {
            let got = m.sum(&[*h]);
            assert_eq!(got.map(|v| v as f32 * m.scale()), w.map(|v| (v / m.scale()).round() * m.scale()), "{h:x}");
        }
        assert_eq!(m.sum(&[11 << 32]), [0; T]);
        assert_eq!(m.sum(&[11 << 32 | 2]), [0; T]);
        assert_eq!(m.to_bytes(), bytes);
    }

    #[test]
    fn bio_constraints() {
        assert!(allowed(None, 1) && !allowed(None, 2));
        for b in 0..T {
            assert_eq!(FREE.contains(&b), (0..T).all(|a| allowed(Some(a), b)));
            // the others (the I tags) may follow exactly their own B and I tags
            let after: Vec<usize> = (0..T).filter(|&a| allowed(Some(a), b)).collect();
            assert!(FREE.contains(&b) || after == [b - 1, b]);
        }
        assert!(allowed(Some(1), 2) && allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2) && !allowed(Some(0), 6));
    }

    /// The chunks of tag indices are conlleval's chunks of the tag names, on every sequence
    /// of up to five tags (illegal ones too: an I tag after O or after another type).
    #[test]
    fn chunks_match_conlleval() {
        for len in 0..=5u32 {
            for code in 0..(T as u32).pow(len) {
                let tags: Vec<usize> = (0..len).map(|k| (code / (T as u32).pow(k)) as usize % T).collect();
                let names: Vec<&str> = tags.iter().map(|&t| TAGS[t]).collect();
                let want: Vec<(String, usize, usize)> = crate::eval::conll::chunks(&names);
                let got: Vec<(String, usize, usize)> =
                    chunks(&tags).into_iter().map(|(k, a, b)| (TAGS[2 * k - 1][2..].to_string(), a, b)).collect();
                assert_eq!(got, want, "{names:?}");
            }
        }
    }

    /// Viterbi finds the best-scoring allowed sequence, checked against trying them all.
    #[test]
    fn viterbi_is_exhaustive_search() {
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut r = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 2000) as f32 / 100.0 - 10.0
        };
        for n in 1..=4 {
            for _ in 0..20 {
                let em: Vec<[f32; T]> = (0..n).map(|_| std::array::from_fn(|_| r())).collect();
                let trans: [[f32; T]; T] = std::array::from_fn(|_| std::array::from_fn(|_| r()));
                let start: [f32; T] = std::array::from_fn(|_| r());
                let score = |tags: &[usize]| {
                    let mut s = start[tags[0]] + em[0][tags[0]];
                    for i in 1..tags.len() {
                        s += trans[tags[i - 1]][tags[i]] + em[i][tags[i]];
                    }
                    s
                };
                let (mut best, mut best_score) = (Vec::new(), f32::NEG_INFINITY);
                for code in 0..T.pow(n as u32) {
                    let tags: Vec<usize> = (0..n).map(|i| code / T.pow(i as u32) % T).collect();
                    let ok = allowed(None, tags[0]) && tags.windows(2).all(|w| allowed(Some(w[0]), w[1]));
                    if ok && score(&tags) > best_score {
                        (best, best_score) = (tags.clone(), score(&tags));
                    }
                }
                let got = viterbi(&em, &trans, &start);
                assert!(allowed(None, got[0]) && got.windows(2).all(|w| allowed(Some(w[0]), w[1])));
                assert!((score(&got) - best_score).abs() < 1e-3, "{got:?} {best:?}");
            }
        }
    }

    #[test]
    fn round_trip_and_decode() {
        let mut w = [0f32; T];
        w[5] = 2.0; // feature 42 says B-LOC
        let mut w2 = [0f32; T];
        w2[6] = 1.5; // feature 7 says I-LOC
        let trans = [[0f32; T]; T];
        let bytes = write(&[(42, w), (7, w2), (99, [0.001; T])], &trans, &[0.0; T], 0.01);
        let m = Tagger::from_bytes(bytes.clone()).unwrap();
        let em = m.emissions(&[vec![42], vec![7], vec![]]);
        assert_eq!(m.decode(&em), [5, 6, 0]);
        // I-LOC cannot start a sentence even if it scores best.
        assert_eq!(m.decode(&m.emissions(&[vec![7]])), [0]);
        assert!(Tagger::from_bytes(bytes[..bytes.len() - 1].to_vec()).is_err());
    }
}
