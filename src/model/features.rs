//! Features of the tagger: what it sees of each token and its neighbours.
//!
//! Every feature is a template id plus a string (the word, its suffix, its cluster, the
//! lexicon's opinion ...), hashed to 64 bits with FNV-1a. Hashing instead of a feature
//! dictionary keeps the model a flat table and feature extraction allocation-free.
//!
//! Templates, for token `i` (words are in matching form, see [`crate::text::Normalized`]):
//! - the word at `i-2 .. i+2`, and the bigrams `(i-1, i)` and `(i, i+1)`;
//! - prefixes and suffixes of 1–4 letters; the word shape (`Xxxx`, `XX`, `dd`) and its
//!   short form; capitalization in context (first word of the sentence or not);
//! - for Arabic words, each proclitic reading: the stem and which proclitic;
//! - word clusters learned from unlabeled news at 4, 6, 10 and 14 bits, at `i-1 .. i+1`;
//! - the lexicon's matches covering `i`: type, position (B/I), flags, at `i-1 .. i+1`;
//! - a bias feature.

use crate::lexicon::{flags, Lexicon};
use crate::model::clusters::Clusters;
use crate::text::arabic::{is_arabic_word, readings};
use crate::text::{Normalized, Token, TokenKind};

/// What the feature extractor knows about one token.
#[derive(Debug, Clone, Default)]
pub struct TokenInfo {
    /// Matching form.
    pub word: String,
    /// Shape of the original text (`Xxxx`, `xx`, `XX`, `dd`, `Xx-Xx`, `a` for Arabic).
    pub shape: String,
    /// True if this is the first token of the sentence.
    pub first: bool,
    /// Hierarchical cluster path of the word, if known.
    pub cluster: Option<u32>,
    /// Lexicon evidence: hashed strings like `LOC:B`, `PER:I`, `DEM:B`.
    pub lex: Vec<&'static str>,
}

/// Builds [`TokenInfo`] for every token of a text, given the lexicon's matches in it
/// (computed once by the pipeline and shared with the lexicon candidates).
pub fn token_infos(
    original: &str,
    norm: &Normalized,
    tokens: &[Token],
    lexicon: &Lexicon,
    matches: &[crate::lexicon::LexMatch],
    clusters: &Clusters,
) -> Vec<TokenInfo> {
    let text = norm.as_str();
    let mut out: Vec<TokenInfo> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let raw = &text[t.norm.clone()];
            let cluster = clusters.get(raw);
            let word = match t.kind {
                TokenKind::Number => digit_shape(raw),
                _ => raw.to_string(),
            };
            TokenInfo { shape: shape(&original[t.span.clone()]), first: i == 0, cluster, lex: Vec::new(), word }
        })
        .collect();
    for m in matches {
        // Every sense that fits the text, including names that are also words and
        // nationality adjectives: the model learns how far to trust each.
        for s in m.senses(lexicon, original) {
            let tag = lex_tag(s.kind, s.flags);
            for (k, ti) in m.tokens.clone().enumerate() {
                let pos = if k == 0 { tag.0 } else { tag.1 };
                if !out[ti].lex.contains(&pos) {
                    out[ti].lex.push(pos);
                }
            }
        }
    }
    out
}

/// The lexicon feature strings for a sense: (first token, following tokens).
fn lex_tag(kind: crate::Kind, fl: u8) -> (&'static str, &'static str) {
    use crate::Kind::*;
    if fl & flags::DEMONYM != 0 {
        return ("DEM:B", "DEM:I");
    }
    if fl & flags::CONTEXT != 0 {
        return ("CTX:B", "CTX:I");
    }
    if fl & flags::NAME_TOKEN != 0 {
        return ("NAME:B", "NAME:I");
    }
    match (kind, fl & flags::COUNTRY != 0) {
        (Loc, true) => ("CTRY:B", "CTRY:I"),
        (Loc, false) => ("LOC:B", "LOC:I"),
        (Org, _) => ("ORG:B", "ORG:I"),
        (Per, _) => ("PER:B", "PER:I"),
        _ => ("MISC:B", "MISC:I"),
    }
}

/// `1989` → `dddd`, `3.5` → `d.d`: numbers by shape, not value.
fn digit_shape(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_digit() { 'd' } else { c }).collect()
}

/// The shape of an original token: runs of the same class collapsed after two.
pub fn shape(s: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in s.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if crate::text::arabic::is_arabic_letter(c) {
            'a'
        } else if c.is_alphabetic() {
            'l'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        last = k;
        out.push(k);
    }
    out
}

/// FNV-1a over a template id and parts, separated so that ("ab","c") ≠ ("a","bc").
#[derive(Clone, Copy)]
pub struct Hasher(u64);

impl Hasher {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;

    /// Starts a feature of template `t`.
    pub fn new(t: u8) -> Self {
        let mut h = Hasher(Self::OFFSET);
        h.byte(t);
        h
    }

    fn byte(&mut self, b: u8) {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(Self::PRIME);
    }

    /// Adds a string part.
    pub fn str(mut self, s: &str) -> Self {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }

    /// Adds a string part given in pieces (hashes as their concatenation).
    pub fn str_parts(mut self, parts: &[&str]) -> Self {
        for p in parts {
            for &b in p.as_bytes() {
                self.byte(b);
            }
        }
        self.byte(0xff);
        self
    }

    /// Adds a number part.
    pub fn num(mut self, n: u64) -> Self {
        for b in n.to_le_bytes() {
            self.byte(b);
        }
        self
    }

    /// The hash.
    pub fn finish(self) -> u64 {
        // A final avalanche so that nearby strings spread over the table.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// Cluster prefix lengths used as features (coarse to fine).
const CLUSTER_BITS: [u32; 4] = [4, 6, 10, 14];

/// Appends the hashed features of token `i` to `out`.
pub fn features(toks: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    let at = |d: isize| -> Option<&TokenInfo> {
        let j = i as isize + d;
        (j >= 0).then(|| toks.get(j as usize)).flatten()
    };
    let w = |d: isize| at(d).map_or(if d < 0 { "<s>" } else { "</s>" }, |t| t.word.as_str());
    let t = &toks[i];
    out.push(Hasher::new(0).finish()); // bias
    for (k, d) in [-2isize, -1, 0, 1, 2].into_iter().enumerate() {
        out.push(Hasher::new(1 + k as u8).str(w(d)).finish());
    }
    out.push(Hasher::new(6).str(w(-1)).str(w(0)).finish());
    out.push(Hasher::new(7).str(w(0)).str(w(1)).finish());
    // Affixes by byte offsets of the first and last four characters: no allocation.
    let starts: Vec<usize> = t.word.char_indices().map(|(b, _)| b).take(5).collect();
    let ends: Vec<usize> = t.word.char_indices().rev().map(|(b, _)| b).take(4).collect();
    for n in 1..=4usize {
        if let Some(&p) = starts.get(n).or((n == starts.len()).then_some(&t.word.len())) {
            out.push(Hasher::new(8).num(n as u64).str(&t.word[..p]).finish());
        }
        if let Some(&s) = ends.get(n - 1) {
            out.push(Hasher::new(9).num(n as u64).str(&t.word[s..]).finish());
        }
    }
    out.push(Hasher::new(10).str(&t.shape).finish());
    out.push(Hasher::new(11).str(&t.shape).num(t.first as u64).finish());
    for d in [-1isize, 1] {
        if let Some(n) = at(d) {
            out.push(Hasher::new(12).num(d as u64).str(&n.shape).finish());
        }
    }
    if is_arabic_word(&t.word) {
        for r in readings(&t.word).filter(|r| r.skip > 0) {
            let h = match r.form {
                crate::text::arabic::StemForm::Slice(stem) => Hasher::new(13).str(stem),
                crate::text::arabic::StemForm::WithArticle(stem) => Hasher::new(13).str_parts(&["ال", stem]),
            };
            out.push(h.finish());
            out.push(Hasher::new(14).str(&t.word[..r.skip]).finish());
        }
    }
    for d in [-1isize, 0, 1] {
        if let Some(n) = at(d) {
            if let Some(c) = n.cluster {
                for bits in CLUSTER_BITS {
                    out.push(
                        Hasher::new(15)
                            .num(d as u64)
                            .num(bits as u64)
                            .num(crate::model::clusters::path_prefix(c, bits) as u64)
                            .finish(),
                    );
                }
            }
            for l in &n.lex {
                out.push(Hasher::new(16).num(d as u64).str(l).finish());
            }
            if d == 0 && n.lex.is_empty() {
                out.push(Hasher::new(17).finish());
            }
        }
    }
}
