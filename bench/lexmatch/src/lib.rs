//! fst vs daachorse for Noor's lexicon matching: the same task done with both structures.
//!
//! # The task (identical for every structure)
//!
//! The haystack is the normalized text in a fixed layout: one sentence per line, every token
//! preceded and followed by one space, `" tok tok tok \n"`. A *match* is a lexicon key that
//! starts at a token start and ends at a token end (word boundaries), never crosses a line,
//! chosen leftmost-longest and non-overlapping: at the first token start where some key
//! begins take the longest key, continue after it.
//!
//! * fst: walk the FST byte by byte from each token start (what `src/lexicon/matcher.rs`
//!   does), remember the last final state that sits before a space.
//! * daachorse: patterns are `" " + key + " "`, so a match can only start and end at a word
//!   boundary; `leftmost_find_iter` with `MatchKind::LeftmostLongest`, restarted at the space
//!   that ends each match so that the next name may share it ("paris london" finds both).
//!
//! Values: the lexicon's FST value is `first sense << 16 | count`; daachorse stores
//! `first << 8 | count` in a `u32` (count < 256, first < 2^24, checked when building), and
//! [`daac_value`] turns it back into the FST value so that checksums can be compared.

/// A match: byte range of the name in the haystack and the lexicon value (FST form).
pub type Hit = (usize, usize, u64);

/// FST value from the packed daachorse value.
#[inline]
pub fn daac_value(v: u32) -> u64 {
    (((v >> 8) as u64) << 16) | (v & 0xFF) as u64
}

/// Packed daachorse value from the FST value (`None` if it does not fit).
pub fn pack_value(v: u64) -> Option<u32> {
    let (first, count) = (v >> 16, v & 0xFFFF);
    (count < 256 && first < (1 << 24)).then(|| ((first << 8) | count) as u32)
}

/// Token starts of the haystack layout: a byte after a space that is neither space nor newline.
#[inline]
fn is_token_start(h: &[u8], i: usize) -> bool {
    i > 0 && h[i - 1] == b' ' && h[i] != b' ' && h[i] != b'\n'
}

/// The number of token starts (the baseline module's "work").
pub fn count_tokens(h: &[u8]) -> usize {
    (1..h.len()).filter(|&i| is_token_start(h, i)).count()
}

/// Word tokens of the haystack (for the exact-lookup benchmark).
pub fn tokens(h: &str) -> impl Iterator<Item = &str> {
    h.split([' ', '\n']).filter(|t| !t.is_empty())
}

#[cfg(feature = "fst")]
pub mod with_fst {
    use super::{is_token_start, Hit};
    use fst::raw::{Fst, Output};

    /// The longest key starting at `i` that ends before a space: (end, value).
    #[inline]
    fn longest_at<D: AsRef<[u8]>>(fst: &Fst<D>, h: &[u8], i: usize) -> Option<(usize, u64)> {
        let mut node = fst.root();
        let mut out = Output::zero();
        let mut best = None;
        let mut j = i;
        while j < h.len() {
            let b = h[j];
            if b == b' ' && node.is_final() {
                best = Some((j, out.cat(node.final_output()).value()));
            }
            if b == b'\n' {
                break;
            }
            match node.find_input(b) {
                Some(k) => {
                    let t = node.transition(k);
                    out = out.cat(t.out);
                    node = fst.node(t.addr);
                    j += 1;
                }
                None => break,
            }
        }
        best
    }

    /// Leftmost-longest word-boundary matches; calls `f` for each, returns how many.
    pub fn scan<D: AsRef<[u8]>>(fst: &Fst<D>, h: &[u8], mut f: impl FnMut(Hit)) -> usize {
        let mut n = 0;
        let mut i = 1;
        while i < h.len() {
            if is_token_start(h, i) {
                if let Some((end, v)) = longest_at(fst, h, i) {
                    f((i, end, v));
                    n += 1;
                    i = end + 1;
                    continue;
                }
            }
            i += 1;
        }
        n
    }

    /// Exact key lookup (`Lexicon::get`).
    #[inline]
    pub fn get<D: AsRef<[u8]>>(fst: &Fst<D>, key: &str) -> Option<u64> {
        fst.get(key).map(|o| o.value())
    }
}

#[cfg(any(feature = "daac", feature = "daac-char"))]
pub mod with_daac {
    use super::{daac_value, Hit};
    use daachorse::{CharwiseDoubleArrayAhoCorasick, DoubleArrayAhoCorasick};

    /// Leftmost-longest word-boundary matches with the bytewise automaton.
    pub fn scan(pma: &DoubleArrayAhoCorasick<u32>, h: &[u8], mut f: impl FnMut(Hit)) -> usize {
        let mut n = 0;
        let mut pos = 0;
        while let Some(m) = pma.leftmost_find_iter(&h[pos..]).next() {
            let (s, e) = (pos + m.start(), pos + m.end());
            f((s + 1, e - 1, daac_value(m.value())));
            n += 1;
            pos = e - 1; // the closing space may open the next name
        }
        n
    }

    /// The same with the charwise automaton (haystack as `str`; `pos` is always at a space).
    pub fn scan_char(pma: &CharwiseDoubleArrayAhoCorasick<u32>, h: &str, mut f: impl FnMut(Hit)) -> usize {
        let mut n = 0;
        let mut pos = 0;
        while let Some(m) = pma.leftmost_find_iter(&h[pos..]).next() {
            let (s, e) = (pos + m.start(), pos + m.end());
            f((s + 1, e - 1, daac_value(m.value())));
            n += 1;
            pos = e - 1;
        }
        n
    }

    /// Exact lookup emulated with a search: `" key "` matches the whole query or nothing.
    /// `buf` is a scratch string (one allocation per call otherwise).
    pub fn get(pma: &DoubleArrayAhoCorasick<u32>, key: &str, buf: &mut String) -> Option<u64> {
        buf.clear();
        buf.push(' ');
        buf.push_str(key);
        buf.push(' ');
        let m = pma.leftmost_find_iter(buf.as_bytes()).next()?;
        (m.start() == 0 && m.end() == buf.len()).then(|| daac_value(m.value()))
    }

    /// The same with the charwise automaton.
    pub fn get_char(pma: &CharwiseDoubleArrayAhoCorasick<u32>, key: &str, buf: &mut String) -> Option<u64> {
        buf.clear();
        buf.push(' ');
        buf.push_str(key);
        buf.push(' ');
        let m = pma.leftmost_find_iter(buf.as_str()).next()?;
        (m.start() == 0 && m.end() == buf.len()).then(|| daac_value(m.value()))
    }
}

/// The wasm module: `load(bytes)` copies a serialized structure in, `parse()` makes it usable
/// (fst: checks the header, searches in place; daachorse: deserializes into its arrays),
/// `set_text` stores the haystack, `scan()` counts matches, `checksum()` sums their values,
/// `lookups()` looks up every token of the haystack as an exact key and counts the hits.
/// Exactly one of the features `fst`, `daac`, `daac-char` is on, or none (baseline).
#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen::prelude::*;

    #[cfg(all(feature = "fst", not(feature = "daac"), not(feature = "daac-char")))]
    type S = fst::raw::Fst<&'static [u8]>;
    #[cfg(feature = "daac")]
    type S = daachorse::DoubleArrayAhoCorasick<u32>;
    #[cfg(feature = "daac-char")]
    type S = daachorse::CharwiseDoubleArrayAhoCorasick<u32>;
    #[cfg(not(any(feature = "fst", feature = "daac", feature = "daac-char")))]
    type S = usize;

    struct State {
        bytes: &'static [u8],
        s: Option<S>,
        text: String,
        sum: u64,
    }

    static mut STATE: State = State { bytes: &[], s: None, text: String::new(), sum: 0 };

    #[allow(static_mut_refs)]
    fn st() -> &'static mut State {
        // Single-threaded wasm; every export runs to completion.
        unsafe { &mut STATE }
    }

    /// Takes ownership of the bytes (copied in by wasm-bindgen). Leaked on purpose: a
    /// benchmark loads a handful of times.
    #[wasm_bindgen]
    pub fn load(bytes: Vec<u8>) -> usize {
        let st = st();
        st.bytes = Box::leak(bytes.into_boxed_slice());
        st.s = None;
        st.bytes.len()
    }

    /// Makes the loaded bytes searchable; returns a size (keys or states) to check.
    #[wasm_bindgen]
    pub fn parse() -> usize {
        let st = st();
        #[cfg(all(feature = "fst", not(feature = "daac"), not(feature = "daac-char")))]
        let (s, n) = {
            let f = fst::raw::Fst::new(st.bytes).expect("fst");
            let n = f.len();
            (f, n)
        };
        #[cfg(feature = "daac")]
        let (s, n) = {
            let (p, _) = daachorse::DoubleArrayAhoCorasick::<u32>::deserialize(st.bytes).expect("daac");
            let n = p.num_states();
            (p, n)
        };
        #[cfg(feature = "daac-char")]
        let (s, n) = {
            let (p, _) = daachorse::CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(st.bytes).expect("daac");
            let n = p.num_states();
            (p, n)
        };
        #[cfg(not(any(feature = "fst", feature = "daac", feature = "daac-char")))]
        let (s, n) = (st.bytes.len(), st.bytes.len());
        st.s = Some(s);
        n
    }

    #[wasm_bindgen]
    pub fn set_text(text: String) -> usize {
        let st = st();
        st.text = text;
        st.text.len()
    }

    /// Matches in the stored text (the value sum goes to `checksum()`).
    #[wasm_bindgen]
    pub fn scan() -> usize {
        let st = st();
        let s = st.s.as_ref().expect("parse first");
        let h = st.text.as_str();
        let mut sum = 0u64;
        let _ = (&mut sum, s);
        #[cfg(all(feature = "fst", not(feature = "daac"), not(feature = "daac-char")))]
        let n = crate::with_fst::scan(s, h.as_bytes(), |(_, _, v)| sum = sum.wrapping_add(v));
        #[cfg(feature = "daac")]
        let n = crate::with_daac::scan(s, h.as_bytes(), |(_, _, v)| sum = sum.wrapping_add(v));
        #[cfg(feature = "daac-char")]
        let n = crate::with_daac::scan_char(s, h, |(_, _, v)| sum = sum.wrapping_add(v));
        #[cfg(not(any(feature = "fst", feature = "daac", feature = "daac-char")))]
        let n = crate::count_tokens(h.as_bytes());
        st.sum = sum;
        n
    }

    /// Sum of the values of the last scan's matches (as f64; exact below 2^53).
    #[wasm_bindgen]
    pub fn checksum() -> f64 {
        (st().sum % (1u64 << 53)) as f64
    }

    /// Exact lookups of every token of the stored text; returns the number of hits.
    #[wasm_bindgen]
    pub fn lookups() -> usize {
        let st = st();
        let s = st.s.as_ref().expect("parse first");
        let _ = s;
        let mut hits = 0;
        let mut buf = String::new();
        let _ = &mut buf;
        for t in crate::tokens(&st.text) {
            #[cfg(all(feature = "fst", not(feature = "daac"), not(feature = "daac-char")))]
            let hit = crate::with_fst::get(s, t).is_some();
            #[cfg(feature = "daac")]
            let hit = crate::with_daac::get(s, t, &mut buf).is_some();
            #[cfg(feature = "daac-char")]
            let hit = crate::with_daac::get_char(s, t, &mut buf).is_some();
            #[cfg(not(any(feature = "fst", feature = "daac", feature = "daac-char")))]
            let hit = t.len() == 1;
            hits += hit as usize;
        }
        hits
    }
}
