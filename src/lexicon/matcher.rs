//! Finding lexicon names in a tokenized text: every start token, every proclitic reading of
//! it, walked through the FST token by token.
//!
//! The walk from one start token stops at the first byte the FST has no transition for, so
//! a token that begins no name costs a few node visits. Matches are then reduced to the
//! leftmost-longest non-overlapping set by the resolver; here we report them all.
//!
//! Where each word's readings lead in the FST is remembered across texts ([`WordCache`]):
//! those walks are most of the stage's cost, and a page is many short texts that repeat
//! the same words.

use super::keys::{Cursor, Keys, State};
use super::{encoding, filter, flags, FstBytes, Lexicon, Sense};
use crate::text::arabic::{readings, StemForm};
use crate::text::script::is_lower;
use crate::text::{Normalized, Token, TokenKind};
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
        let capitalized = span.chars().next().is_some_and(|c| !is_lower(c));
        let no_lower = !span.chars().any(is_lower);
        lex.sense_indices(self.value).filter(move |&i| {
            lex.sense_kind(i).is_some_and(|(_, f)| {
                f & flags::BLOCK == 0
                    && (capitalized || f & flags::CAPITALIZED == 0)
                    && (no_lower || f & flags::EXACT == 0)
            })
        })
    }
}

/// True if the whole `word` (matching form) is marked as a word of its own, not proclitic + name.
pub fn is_blocked_word(lex: &Lexicon, word: &str) -> bool {
    lex.keys().and_then(|k| k.get(&encoding::encode(word))).is_some_and(|value| blocks(lex, value))
}

/// True if the key of FST value `value` is marked as a word of its own ([`flags::BLOCK`]).
fn blocks(lex: &Lexicon, value: u64) -> bool {
    lex.sense_indices(value).any(|i| is_block(lex, i))
}

/// True if sense record `i` is a [`flags::BLOCK`] mark.
fn is_block(lex: &Lexicon, i: usize) -> bool {
    lex.sense_kind(i).is_some_and(|(_, f)| f & flags::BLOCK != 0)
}

/// Where the walk of one reading of a word ended.
#[derive(Clone, Copy)]
struct Start {
    /// Bytes of proclitic the reading skips.
    skip: usize,
    /// Where the walk is after the reading's last byte.
    state: State,
    /// The FST value if the reading is a key by itself.
    value: Option<u64>,
    /// True if some key goes on after the reading with a space (a longer name).
    continues: bool,
}

/// Appends to `out` the readings of `word` that are a key or the beginning of one, as
/// walked states. `buf` is scratch space for key forms; `root` is `keys.root()`.
fn starts<'k>(
    lex: &Lexicon,
    keys: &'k Keys<FstBytes>,
    root: Cursor<'k>,
    word: &str,
    buf: &mut Vec<u8>,
    out: &mut Vec<Start>,
) {
    // The word is put in key form once: every proclitic reading is the rest of the word after
    // prefix letters that take one byte each in key form (two in UTF-8), so a reading that
    // skips `skip` bytes of the word is its key form from byte `skip / 2` on.
    buf.clear();
    encoding::push(buf, word);
    let whole = buf.len();
    let mut blocked = false;
    for reading in readings(word) {
        // The whole word comes first. Its walk also tells whether the word is marked as a
        // word of its own (BLOCK), which forbids its proclitic readings: no second lookup.
        if reading.skip > 0 && blocked {
            break;
        }
        // The reading in key form: the article put back (after لل), then the stem.
        let article: &[u8] = if matches!(reading.form, StemForm::WithArticle(_)) { &encoding::ARTICLE } else { &[] };
        let stem = &buf[reading.skip / 2..whole];
        debug_assert!({
            let mut form = String::new();
            reading.form.write_to(&mut form);
            [article, stem].concat() == encoding::encode(&form)
        });
        // Most readings are the first word of no key: the filter turns them away unwalked.
        if !lex.may_begin_key(filter::hash(&[article, stem])) {
            continue;
        }
        let Some(cursor) = keys.walk(root, article.iter().chain(stem).copied()) else {
            continue;
        };
        let value = keys.value(&cursor);
        if reading.skip == 0 {
            blocked = value.is_some_and(|value| blocks(lex, value));
        }
        // Keep only a reading that is a key or the first word of one: a reading that merely
        // begins a longer word of the lexicon ("موس" of "موسكو") can lead nowhere, and
        // dropping it here spares every occurrence of the word a useless resumed walk.
        // What the occurrences need is kept with the state: most starts are one-word names
        // that begin no longer key, and those then cost no node decoding at all.
        // A key whose every sense is BLOCK (a word of its own, التي) names nothing: its
        // occurrences would be matches without a sense, which every reader skips.
        let value = value.filter(|&v| !lex.sense_indices(v).all(|i| is_block(lex, i)));
        let continues = keys.continues(&cursor, b' ');
        if value.is_some() || continues {
            out.push(Start { skip: reading.skip, state: cursor.state(), value, continues });
        }
    }
}

/// How many distinct words a lexicon remembers the walks of before it keeps only its most
/// used half (see [`crate::cache`]). News vocabularies are Zipfian: the few thousand most
/// frequent words cover most tokens, so a cache of 32k words keeps nearly every repeat of a
/// page or a reader's articles (wasm) and costs a few megabytes at most. A native annotator
/// reading a long stream holds 64k: over the million Arabic words of `noor bench`'s news
/// stream, with the tagger's cache of 64k words, the whole annotation took 7.08G
/// instructions with 32k and 7.00G with 64k (callgrind).
const CACHE_WORDS: usize = if cfg!(target_arch = "wasm32") { 1 << 15 } else { 1 << 16 };

/// Words longer than this (in bytes of matching form) are walked every time, not
/// remembered: words of names are far shorter (32 bytes is a 16-letter Arabic word), and
/// it bounds the cache's memory whatever the text.
const CACHE_WORD_BYTES: usize = 64;

/// The FST states each word's readings reach, remembered across texts.
///
/// A word's walks depend only on the word and the lexicon, and they are most of the stage's
/// cost (Arabic words have several proclitic readings, each walked from the root). A page
/// is many short texts (one per paragraph, heading, caption), and the same words recur in
/// all of them, so remembering the walks per lexicon, not per text, does each word once.
/// When full, the cache keeps the words used most since they were remembered (a count per
/// word, halved each time it is kept), which bounds memory without the bookkeeping of an
/// LRU and keeps what a stream of articles will ask for again.
#[derive(Default)]
pub(crate) struct WordCache {
    /// Hash of a word (matching form) to its range in `starts` and in `words`, and how often
    /// it was met again since it was remembered (saturating). Keyed by the
    /// hash, with the word kept in one arena, so that remembering a word allocates nothing
    /// of its own (an allocation per word, and a free per word when the cache was emptied,
    /// were a tenth of the stage).
    at: FxHashMap<u64, [u32; 5]>,
    words: String,
    starts: Vec<Start>,
    /// Length of `starts` that remembered words use; past it, the starts of a word that
    /// could not be remembered, valid until the next call.
    kept: usize,
}

impl WordCache {
    /// Forgets every word.
    pub(crate) fn clear(&mut self) {
        self.at.clear();
        self.words.clear();
        self.starts.clear();
        self.kept = 0;
    }

    /// Keeps the most used half of a full cache, their counts halved so that words frequent
    /// long ago make way for today's.
    fn keep_most_used(&mut self) {
        let keep = CACHE_WORDS / 2;
        let least = crate::cache::keep_threshold(self.at.values().map(|e| e[4].min(255) as u8), keep) as u32;
        let (old_words, old_starts) = (std::mem::take(&mut self.words), std::mem::take(&mut self.starts));
        let (words, starts) = (&mut self.words, &mut self.starts);
        let mut kept = 0;
        self.at.retain(|_, [from, to, w0, w1, uses]| {
            if *uses < least || kept >= keep {
                return false;
            }
            kept += 1;
            let (f, w) = (starts.len() as u32, words.len() as u32);
            starts.extend_from_slice(&old_starts[*from as usize..*to as usize]);
            words.push_str(&old_words[*w0 as usize..*w1 as usize]);
            (*from, *to, *w0, *w1, *uses) = (f, starts.len() as u32, w, words.len() as u32, *uses / 2);
            true
        });
        self.kept = self.starts.len();
    }

    /// The starts of `word`, walking its readings if it is not remembered.
    fn get<'k>(
        &mut self,
        lex: &Lexicon,
        keys: &'k Keys<FstBytes>,
        root: Cursor<'k>,
        word: &str,
        buf: &mut Vec<u8>,
    ) -> (usize, usize) {
        let h = {
            use std::hash::{Hash, Hasher};
            let mut hasher = rustc_hash::FxHasher::default();
            word.hash(&mut hasher);
            hasher.finish()
        };
        if let Some([from, to, w0, w1, uses]) = self.at.get_mut(&h) {
            if &self.words[*w0 as usize..*w1 as usize] == word {
                *uses = uses.saturating_add(1);
                return (*from as usize, *to as usize);
            }
        }
        if self.at.len() >= CACHE_WORDS {
            self.keep_most_used();
        }
        let known = self.at.contains_key(&h);
        self.starts.truncate(self.kept);
        let from = self.starts.len();
        starts(lex, keys, root, word, buf, &mut self.starts);
        let to = self.starts.len();
        // Two words with one 64-bit hash: the first keeps the slot, the second is walked each
        // time (its starts are dropped at the next call).
        if !known {
            let w0 = self.words.len();
            self.words.push_str(word);
            self.at.insert(h, [from as u32, to as u32, w0 as u32, self.words.len() as u32, 0]);
            self.kept = to;
        }
        (from, to)
    }
}

/// Every occurrence of a lexicon key in the tokens of `norm`, in token order.
pub fn find(lex: &Lexicon, norm: &Normalized, tokens: &[Token]) -> Vec<LexMatch> {
    let Some(keys) = lex.keys() else {
        return Vec::new();
    };
    let text = norm.as_str();
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let mut cache = lex.word_cache();
    let mut long_word = Vec::new();
    let root = keys.root();
    for (i, tok) in tokens.iter().enumerate() {
        if tok.kind != TokenKind::Word {
            continue;
        }
        let word = &text[tok.norm.clone()];
        let starts = if word.len() > CACHE_WORD_BYTES {
            long_word.clear();
            starts(lex, keys, root, word, &mut buf, &mut long_word);
            &long_word[..]
        } else {
            let (from, to) = cache.get(lex, keys, root, word, &mut buf);
            &cache.starts[from..to]
        };
        for st in starts.iter() {
            let start = tok.norm.start + st.skip;
            let mut push = |j: usize, value: u64| {
                out.push(LexMatch {
                    span: norm.original_range(start..tokens[j].norm.end),
                    tokens: i..j + 1,
                    value,
                    skip: st.skip,
                })
            };
            if let Some(value) = st.value {
                push(i, value);
            }
            if !st.continues {
                continue;
            }
            let mut cursor = keys.resume(st.state);
            let mut j = i;
            loop {
                if j > i {
                    if let Some(value) = keys.value(&cursor) {
                        push(j, value);
                    }
                }
                j += 1;
                if j >= tokens.len() || j - i >= MAX_TOKENS {
                    break;
                }
                // A name never runs across a line break (a heading and the next paragraph).
                // (Bytes, not chars: the gap is a space or two, and a char search costs a
                // memchr set-up per step.)
                if text.as_bytes()[tokens[j - 1].norm.end..tokens[j].norm.start].contains(&b'\n') {
                    break;
                }
                // A space, then the next word in key form, made only as far as the walk goes
                // (most names end before it, most other walks after a byte or two of it).
                let next_word = encoding::bytes(&text[tokens[j].norm.clone()]);
                let Some(next) = keys.walk(cursor, std::iter::once(b' ').chain(next_word)) else {
                    break;
                };
                cursor = next;
            }
        }
    }
    out
}

#[cfg(all(test, feature = "embed"))]
mod tests {
    use super::*;
    use crate::text::{tokenize, Lang};

    /// A full cache keeps the words it met again and drops the long tail, and what it
    /// finds never changes.
    #[test]
    fn a_full_cache_keeps_the_words_met_again() {
        // A cache of its own: the embedded lexicon's is shared with the tests running beside.
        let lex = Lexicon { cache: Default::default(), ..Lexicon::embedded(Lang::Ar).clone() };
        let run = |text: &str| {
            let n = Normalized::new(text);
            let t = tokenize(&n);
            find(&lex, &n, &t).into_iter().map(|m| (m.span, m.tokens, m.value, m.skip)).collect::<Vec<_>>()
        };
        let text = "وصل الوفد إلى موسكو ثم إلى القاهرة، وبالقاهرة التقى وزير خارجية روسيا.";
        let first = run(text);
        assert!(!first.is_empty());
        assert_eq!(run(text), first);
        let known = lex.word_cache().at.len();
        assert!(known > 5);
        // As many words as the cache holds, each once: the cache fills after the first
        // `CACHE_WORDS - known` of them, keeps the text's words (met twice), and takes the
        // last `known` fillers.
        let filler: String = (0..CACHE_WORDS).map(|n| format!("zq{n} ")).collect();
        run(&filler);
        assert_eq!(lex.word_cache().at.len(), 2 * known);
        assert_eq!(run(text), first);
        let cache = lex.word_cache();
        assert_eq!(cache.at.len(), 2 * known, "the text's words were kept");
        assert_eq!(cache.words.matches("zq").count(), known);
        assert_eq!(cache.kept, cache.starts.len());
    }
}
