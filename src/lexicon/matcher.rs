//! Finding lexicon names in a tokenized text: every start token, every proclitic reading of
//! it, walked through the FST token by token.
//!
//! The walk from one start token stops at the first byte the FST has no transition for, so
//! a token that begins no name costs a few node visits. Matches are then reduced to the
//! leftmost-longest non-overlapping set by the resolver; here we report them all.

use super::{flags, Lexicon, Sense};
use crate::text::arabic::readings;
use crate::text::{Normalized, Token, TokenKind};
use fst::raw::{Fst, Node, Output};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The longest name, in tokens, that the matcher will try ("Democratic Republic of the
/// Congo" is 5 tokens, "جمهورية الكونغو الديمقراطية" 3; 8 leaves room for punctuation).
const MAX_TOKENS: usize = 8;

/// One occurrence of a lexicon key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexMatch {
    /// Byte range in the original text: the name only, without proclitics.
    pub span: Range<usize>,
    /// Token range `[first, last + 1)` in the token list (the first token may carry a proclitic).
    pub tokens: Range<usize>,
    /// The FST value: which senses.
    pub value: u64,
    /// Bytes of proclitic skipped at the start of the first token (0 if none).
    pub skip: usize,
}

impl LexMatch {
    /// The senses of this match, best first, that fit the original text (capitalization).
    pub fn senses<'l>(&self, lex: &'l Lexicon, original: &str) -> impl Iterator<Item = Sense<'l>> + use<'l> {
        self.sense_indices(lex, original).filter_map(move |i| lex.sense(i))
    }

    /// Like [`LexMatch::senses`], as indices of sense records ([`Lexicon::sense`]).
    pub fn sense_indices<'l>(&self, lex: &'l Lexicon, original: &str) -> impl Iterator<Item = usize> + use<'l> {
        let span = &original[self.span.clone()];
        let capitalized = span.chars().next().is_some_and(|c| !c.is_lowercase());
        let no_lower = !span.chars().any(char::is_lowercase);
        lex.sense_indices(self.value).filter(move |&i| {
            lex.sense(i).is_some_and(|s| {
                s.flags & flags::BLOCK == 0
                    && (capitalized || s.flags & flags::CAPITALIZED == 0)
                    && (no_lower || s.flags & flags::EXACT == 0)
            })
        })
    }
}

/// Feeds `bytes` from `node`; returns the node reached and the accumulated output.
fn walk<'f, D: AsRef<[u8]>>(
    fst: &'f Fst<D>,
    mut node: Node<'f>,
    mut out: Output,
    bytes: &[u8],
) -> Option<(Node<'f>, Output)> {
    for &b in bytes {
        let i = node.find_input(b)?;
        let t = node.transition(i);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    Some((node, out))
}

/// True if the whole `word` (matching form) is marked as a word of its own, not proclitic + name.
pub fn is_blocked_word(lex: &Lexicon, word: &str) -> bool {
    lex.fst().is_some_and(|fst| is_blocked(lex, fst, word))
}

/// True if the whole `word` is marked as a word of its own, not proclitic + name.
fn is_blocked<D: AsRef<[u8]>>(lex: &Lexicon, fst: &Fst<D>, word: &str) -> bool {
    fst.get(word).is_some_and(|v| lex.senses(v.value()).any(|s| s.flags & flags::BLOCK != 0))
}

/// Where the walk of one reading of a word ended: the FST state after its last byte.
#[derive(Clone, Copy)]
struct Start {
    /// Bytes of proclitic the reading skips.
    skip: usize,
    /// The node reached.
    addr: fst::raw::CompiledAddr,
    /// The output accumulated on the way.
    out: u64,
}

/// The readings of `word` that are a key or the beginning of one, as walked FST states.
fn starts<D: AsRef<[u8]>>(lex: &Lexicon, fst: &Fst<D>, word: &str, stem: &mut String) -> Vec<Start> {
    // Whether the word is blocked only matters for proclitic readings: most words have none
    // (every Latin word), and they are spared the lookup.
    let mut blocked = None;
    let mut out = Vec::new();
    for reading in readings(word) {
        if reading.skip > 0 && *blocked.get_or_insert_with(|| is_blocked(lex, fst, word)) {
            continue;
        }
        reading.form.write_to(stem);
        if let Some((node, acc)) = walk(fst, fst.root(), Output::zero(), stem.as_bytes()) {
            out.push(Start { skip: reading.skip, addr: node.addr(), out: acc.value() });
        }
    }
    out
}

/// Every occurrence of a lexicon key in the tokens of `norm`, in token order.
pub fn find(lex: &Lexicon, norm: &Normalized, tokens: &[Token]) -> Vec<LexMatch> {
    let Some(fst) = lex.fst() else {
        return Vec::new();
    };
    let text = norm.as_str();
    let mut out = Vec::new();
    let mut stem = String::new();
    // Words repeat (in news, half the tokens are among the few hundred most frequent words),
    // so the FST walks of each distinct word's readings are done once per text, not once per
    // occurrence: this halves the cost of the stage on Arabic, where each word has several
    // proclitic readings to try.
    let mut seen: FxHashMap<&str, Vec<Start>> = FxHashMap::default();
    for (i, tok) in tokens.iter().enumerate() {
        if tok.kind != TokenKind::Word {
            continue;
        }
        let word = &text[tok.norm.clone()];
        let starts = seen.entry(word).or_insert_with(|| starts(lex, fst, word, &mut stem));
        for st in starts.iter() {
            let mut node = fst.node(st.addr);
            let mut acc = Output::new(st.out);
            let start = tok.norm.start + st.skip;
            let mut j = i;
            loop {
                if node.is_final() {
                    let norm_range = start..tokens[j].norm.end;
                    out.push(LexMatch {
                        span: norm.original_range(norm_range),
                        tokens: i..j + 1,
                        value: acc.cat(node.final_output()).value(),
                        skip: st.skip,
                    });
                }
                j += 1;
                if j >= tokens.len() || j - i >= MAX_TOKENS {
                    break;
                }
                // A name never runs across a line break (a heading and the next paragraph).
                if text[tokens[j - 1].norm.end..tokens[j].norm.start].contains('\n') {
                    break;
                }
                let Some((n, a)) = walk(fst, node, acc, b" ") else {
                    break;
                };
                let Some((n, a)) = walk(fst, n, a, text[tokens[j].norm.clone()].as_bytes()) else {
                    break;
                };
                node = n;
                acc = a;
            }
        }
    }
    out
}
