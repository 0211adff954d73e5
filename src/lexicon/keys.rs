//! The key index of a lexicon, and walking it one byte at a time.
//!
//! Two representations behind one interface, chosen by how a lexicon is made:
//!
//! - **FST** (the `fst` crate) for the shipped lexicons: tens of thousands of names, built
//!   once offline, searched where they lie (no load step), and small, since they share
//!   prefixes and suffixes (see the parent module for the measurements).
//! - **Sorted keys** for user watchlists: built at run time, every time a user adds a name,
//!   so the cost that matters is the build. Building an FST is most of the cost of
//!   compiling a watchlist (its node registry hashes every state); a sorted array costs
//!   only the sort. A walk step is then two binary searches in the range of keys that share
//!   the bytes walked so far, which for a watchlist of thousands of names costs about what
//!   an FST step does.
//!
//! The matcher sees a [`Cursor`] while it walks and keeps a [`State`] (plain numbers, no
//! borrow) in its cache of word walks.

use fst::raw::{CompiledAddr, Node, Output};

/// The key index.
#[derive(Clone)]
pub(crate) enum Keys<D: AsRef<[u8]>> {
    /// An FST from key to value.
    Fst(fst::Map<D>),
    /// Keys in byte order, with their values.
    Sorted(std::sync::Arc<Sorted>),
}

/// Keys in byte order, concatenated, with their values.
#[derive(Debug, Default)]
pub(crate) struct Sorted {
    bytes: Vec<u8>,
    /// End of key `i` in `bytes` (its start is the end of key `i - 1`).
    ends: Vec<u32>,
    values: Vec<u64>,
}

impl Sorted {
    /// From keys already in strictly increasing byte order.
    pub(crate) fn from_sorted(keys: impl IntoIterator<Item = (Vec<u8>, u64)>) -> Sorted {
        let mut s = Sorted::default();
        for (k, v) in keys {
            debug_assert!(s.ends.is_empty() || s.key(s.ends.len() - 1) < &k[..]);
            s.bytes.extend_from_slice(&k);
            s.ends.push(s.bytes.len() as u32);
            s.values.push(v);
        }
        s
    }

    fn key(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.bytes[start..self.ends[i] as usize]
    }

    /// The first index in `lo..hi` where `pred` turns false (`pred` must be true, then false).
    fn partition(&self, mut lo: usize, mut hi: usize, pred: impl Fn(&[u8]) -> bool) -> usize {
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.key(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Narrows the keys `lo..hi`, which share their first `depth` bytes, to those whose next
    /// byte is `b`.
    fn step(&self, lo: usize, hi: usize, depth: usize, b: u8) -> Option<(usize, usize)> {
        // A key that ends at `depth` sorts first; then the keys go by their byte at `depth`.
        let from = self.partition(lo, hi, |k| k.get(depth).is_none_or(|&x| x < b));
        let to = self.partition(from, hi, |k| k[depth] == b);
        (from < to).then_some((from, to))
    }
}

/// Where a walk is, without borrowing the index (what the matcher caches).
#[derive(Debug, Clone, Copy)]
pub(crate) enum State {
    /// An FST node and the output gathered on the way to it.
    Fst { addr: CompiledAddr, out: u64 },
    /// The keys `lo..hi` share the `depth` bytes walked.
    Sorted { lo: u32, hi: u32, depth: u32 },
}

/// Where a walk is, ready for the next byte.
#[derive(Clone, Copy)]
pub(crate) enum Cursor<'k> {
    /// A decoded FST node (decoding is the costly part of an FST step, so a walk keeps it).
    Fst(Node<'k>, Output),
    /// See [`State::Sorted`].
    Sorted { lo: usize, hi: usize, depth: usize },
}

impl<D: AsRef<[u8]>> Keys<D> {
    /// Number of keys.
    pub(crate) fn len(&self) -> usize {
        match self {
            Keys::Fst(m) => m.len(),
            Keys::Sorted(s) => s.values.len(),
        }
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: &[u8]) -> Option<u64> {
        match self {
            Keys::Fst(m) => m.get(key),
            Keys::Sorted(s) => {
                let i = s.partition(0, s.values.len(), |k| k < key);
                (i < s.values.len() && s.key(i) == key).then(|| s.values[i])
            }
        }
    }

    /// Before the first byte.
    pub(crate) fn root(&self) -> Cursor<'_> {
        match self {
            Keys::Fst(m) => Cursor::Fst(m.as_fst().root(), Output::zero()),
            Keys::Sorted(s) => Cursor::Sorted { lo: 0, hi: s.values.len(), depth: 0 },
        }
    }

    /// Back to a cursor from a state this index gave.
    pub(crate) fn resume(&self, state: State) -> Cursor<'_> {
        match (self, state) {
            (Keys::Fst(m), State::Fst { addr, out }) => Cursor::Fst(m.as_fst().node(addr), Output::new(out)),
            (Keys::Sorted(_), State::Sorted { lo, hi, depth }) => {
                Cursor::Sorted { lo: lo as usize, hi: hi as usize, depth: depth as usize }
            }
            // A state of the other kind cannot come from this index; start over rather than
            // misread it.
            _ => self.root(),
        }
    }

    /// Feeds `bytes`; `None` as soon as no key continues with them (the rest is not read,
    /// so bytes made on the fly are made only as far as they are needed).
    pub(crate) fn walk<'k>(&'k self, cursor: Cursor<'k>, bytes: impl IntoIterator<Item = u8>) -> Option<Cursor<'k>> {
        match (self, cursor) {
            (Keys::Fst(m), Cursor::Fst(mut node, mut out)) => {
                let fst = m.as_fst();
                for b in bytes {
                    let t = node.transition(node.find_input(b)?);
                    out = out.cat(t.out);
                    node = fst.node(t.addr);
                }
                Some(Cursor::Fst(node, out))
            }
            (Keys::Sorted(s), Cursor::Sorted { mut lo, mut hi, mut depth }) => {
                for b in bytes {
                    (lo, hi) = s.step(lo, hi, depth, b)?;
                    depth += 1;
                }
                Some(Cursor::Sorted { lo, hi, depth })
            }
            _ => None,
        }
    }

    /// The value of the key that ends here, if one does.
    pub(crate) fn value(&self, cursor: &Cursor<'_>) -> Option<u64> {
        match (self, cursor) {
            (_, Cursor::Fst(node, out)) => node.is_final().then(|| out.cat(node.final_output()).value()),
            (Keys::Sorted(s), &Cursor::Sorted { lo, hi, depth }) => {
                (lo < hi && s.key(lo).len() == depth).then(|| s.values[lo])
            }
            _ => None,
        }
    }
}

impl<D: AsRef<[u8]>> Keys<D> {
    /// True if some key goes on from here with byte `b`.
    pub(crate) fn continues(&self, cursor: &Cursor<'_>, b: u8) -> bool {
        match (self, cursor) {
            (_, Cursor::Fst(node, _)) => node.find_input(b).is_some(),
            (Keys::Sorted(s), &Cursor::Sorted { lo, hi, depth }) => s.step(lo, hi, depth, b).is_some(),
            _ => false,
        }
    }
}

impl Cursor<'_> {
    /// The state to keep.
    pub(crate) fn state(&self) -> State {
        match self {
            Cursor::Fst(node, out) => State::Fst { addr: node.addr(), out: out.value() },
            &Cursor::Sorted { lo, hi, depth } => State::Sorted { lo: lo as u32, hi: hi as u32, depth: depth as u32 },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both representations answer every walk alike.
    #[test]
    fn sorted_keys_walk_like_the_fst() {
        let mut keys: Vec<&[u8]> = vec![b"a", b"ab", b"abc", b"abd", b"b", b"ba", b"new york", b"new", b"zz"];
        keys.sort();
        let fst = fst::Map::from_iter(keys.iter().enumerate().map(|(i, k)| (*k, i as u64 * 7))).unwrap();
        let fst: Keys<Vec<u8>> = Keys::Fst(fst::Map::new(fst.into_fst().into_inner()).unwrap());
        let sorted: Keys<Vec<u8>> =
            Keys::Sorted(Sorted::from_sorted(keys.iter().enumerate().map(|(i, k)| (k.to_vec(), i as u64 * 7))).into());
        let probes: [&[u8]; 12] =
            [b"", b"a", b"ab", b"abc", b"abe", b"b", b"bab", b"c", b"new", b"new ", b"new york", b"zz"];
        for p in probes {
            for idx in [&fst, &sorted] {
                assert_eq!(idx.get(p), fst.get(p), "{p:?}");
            }
            let a = fst.walk(fst.root(), p.iter().copied()).map(|c| fst.value(&c));
            // Split the walk in two to go through a kept state.
            let (x, y) = p.split_at(p.len() / 2);
            let b = sorted.walk(sorted.root(), x.iter().copied()).and_then(|c| {
                let st = c.state();
                sorted.walk(sorted.resume(st), y.iter().copied())
            });
            assert_eq!(a, b.map(|c| sorted.value(&c)), "{p:?}");
        }
        assert_eq!(fst.len(), sorted.len());
    }
}
