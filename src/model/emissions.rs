//! Emission scores, computed by word rather than by feature: what each distinct word
//! contributes is summed once and remembered across texts.
//!
//! A token's score for a tag is the sum of the weights of its features (see
//! [`features`](super::features)). Most of those features depend on one word alone: the
//! token's own word, affixes, shape, readings and clusters ([`own`]), and what each
//! neighbour in the ±2 window adds ([`near`]). Only a few combine two words or depend on
//! the token's place ([`context`]: bigrams, Latin shape and cluster n-grams, lexicon
//! matches). So a word's six partial sums (its own features as the first word of a sentence
//! or not, and as the neighbour at −2, −1, +1 and +2) are computed on first sight and kept;
//! a token then costs the few context lookups plus five additions of remembered rows,
//! instead of some forty probes of a table too large for the CPU cache. Natively that is
//! most of the tagger's time; in the news, a text's words are mostly words it or an
//! earlier text already used.
//!
//! The weights are integers (`i8`, one scale for the table), so the sums are exact: the
//! scores are bit for bit those of scoring every feature, which a test checks on the dev
//! texts.

use super::clusters::Clusters;
use super::features::{
    context_varying, near, own, own_first, place, word_info, Affixes, TokenInfo, BIAS, NO_LEX, WINDOW,
};
use super::tagger::{Tagger, T};
use crate::text::{Normalized, Token};
use rustc_hash::FxHashMap;

/// Words remembered before the cache keeps only its most used half (see [`crate::cache`]).
/// An entry is a [`Word`] (under 200 bytes), its key (at most [`CACHE_KEY_BYTES`], some 20
/// in news) and its slot in the index, about 250 bytes for a news word.
///
/// A news page uses a few thousand distinct words and never fills the cache, so in wasm (a
/// page, a reader) it stays at 16k words, some 4 MB when full. A native annotator reading a
/// stream of articles fills it, and Arabic, whose words carry their proclitics, has a wide
/// vocabulary: over the million words of news of `noor bench`, the whole annotation took
/// 7.78G instructions with 16k words, 7.37G with 32k, 7.08G with 64k and 6.96G with 128k
/// (callgrind). Natively it holds 64k words, some 16 MB when full.
const CACHE_WORDS: usize = if cfg!(target_arch = "wasm32") { 16 * 1024 } else { 64 * 1024 };

/// Words longer than this (bytes of original plus matching form) are scored every time:
/// no name's word is that long, and it bounds the arena.
const CACHE_KEY_BYTES: usize = 128;

/// Partial sums of one word, as `i16`: a word has at most 47 features of its own (word,
/// 8 affixes, 2 shapes, 4 readings × 2, 4 clusters, 4 × 4 clusters of the readings' stems,
/// 2 × 4 name priors), and 47 × 127 fits with room to spare.
type Row = [i16; T];

/// What is remembered of a word.
#[derive(Clone)]
struct Word {
    /// Its features' view of it, place fields at their defaults (its [`Affixes`], which
    /// only [`own`] reads, are not kept: the sums below hold them).
    info: TokenInfo,
    /// [`own`] summed, for a word that is not (`[0]`) or is (`[1]`) first in its sentence.
    own: [Row; 2],
    /// [`near`] summed, as the neighbour at each distance of [`WINDOW`].
    near: [Row; 4],
}

/// The cache of word sums for one tagger.
#[derive(Default)]
pub(crate) struct WordSums {
    /// Hash of a key (see [`key`]) to the word's index in `words` and its key's range in
    /// `keys`, where keys are kept one after the other to be compared on a hit.
    at: FxHashMap<u64, (u32, u32, u32)>,
    keys: Vec<u8>,
    words: Vec<Word>,
    /// How often each word was met again since it was remembered (or since the cache last
    /// kept it, halved), saturating.
    uses: Vec<u8>,
    /// [`near`] summed for a window running past the sentence, at each distance.
    outside: Option<[Row; 4]>,
    /// The weights of the constant features of `context`: [`BIAS`], and [`BIAS`] with
    /// [`NO_LEX`] (for a token no lexicon match covers).
    constant: Option<[[i32; T]; 2]>,
}

impl WordSums {
    /// Forgets every word.
    pub(crate) fn clear(&mut self) {
        self.at.clear();
        self.keys.clear();
        self.words.clear();
        self.uses.clear();
    }

    /// Keeps the most used half of a full cache (see [`crate::cache`]), their counts halved
    /// so that words frequent long ago make way for today's.
    fn keep_most_used(&mut self) {
        let keep = CACHE_WORDS / 2;
        let least = crate::cache::keep_threshold(self.uses.iter().copied(), keep);
        let WordSums { at, keys, words, uses, .. } = self;
        let (old_keys, old_words, old_uses) = (std::mem::take(keys), std::mem::take(words), std::mem::take(uses));
        at.retain(|_, (i, k0, k1)| {
            let old = *i as usize;
            if old_uses[old] < least || words.len() >= keep {
                return false;
            }
            let from = keys.len();
            keys.extend_from_slice(&old_keys[*k0 as usize..*k1 as usize]);
            (*i, *k0, *k1) = (words.len() as u32, from as u32, keys.len() as u32);
            words.push(old_words[old].clone());
            uses.push(old_uses[old] / 2);
            true
        });
    }
}

/// Sums the weights of `feats` into a row (exact: see [`Row`]).
fn row(tagger: &Tagger, feats: &[u64]) -> Row {
    tagger.sum(feats).map(|v| v.clamp(i16::MIN as i32, i16::MAX as i32) as i16)
}

/// The word's sums, computed from its features.
fn score_word(tagger: &Tagger, info: &TokenInfo, affixes: &Affixes, buf: &mut Vec<u64>) -> ([Row; 2], [Row; 4]) {
    // The two rows differ in one feature (`own_first`): sum the rest once and swap that one.
    // Sums are of integers, so taking a weight out again is exact.
    buf.clear();
    own(info, affixes, false, buf);
    let inside = tagger.sum(buf);
    let (not_first, first) = (tagger.sum(&[own_first(info, false)]), tagger.sum(&[own_first(info, true)]));
    let clamp = |v: i32| v.clamp(i16::MIN as i32, i16::MAX as i32) as i16;
    let own_rows = [inside.map(clamp), std::array::from_fn(|t| clamp(inside[t] - not_first[t] + first[t]))];
    let mut near_rows = [[0; T]; 4];
    for (d, r) in WINDOW.into_iter().zip(near_rows.iter_mut()) {
        buf.clear();
        near(d, Some(info), buf);
        *r = row(tagger, buf);
    }
    (own_rows, near_rows)
}

/// Appends the key of a token's word to `key`: what [`word_info`] reads (the written form,
/// the matching form and whether it is a number).
fn key(key: &mut Vec<u8>, written: &str, raw: &str, number: bool) {
    key.clear();
    key.extend_from_slice(written.as_bytes());
    key.push(0xff); // never in UTF-8: the two forms cannot run together
    key.extend_from_slice(raw.as_bytes());
    key.push(number as u8);
}

fn hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// The tokens' feature views (as [`features::token_infos`](super::features::token_infos)
/// builds them) and their emission scores.
#[inline(never)] // A wasm function of its own: see `Annotator::recognize`.
pub(crate) fn emissions(
    sums: &mut WordSums,
    tagger: &Tagger,
    clusters: &Clusters,
    original: &str,
    norm: &Normalized,
    tokens: &[Token],
    lexicon: &crate::lexicon::Lexicon,
    matches: &[crate::lexicon::LexMatch],
) -> (Vec<TokenInfo>, Vec<[f32; T]>) {
    let text = norm.as_str();
    let mut buf = Vec::with_capacity(64);
    let mut k = Vec::with_capacity(64);
    // Each token's word: an index into `sums.words`, or into `uncached` (after the
    // cached ones) for a word too long to remember or when the cache is full.
    let mut uncached: Vec<Word> = Vec::new();
    let mut which: Vec<usize> = Vec::with_capacity(tokens.len());
    let mut infos: Vec<TokenInfo> = Vec::with_capacity(tokens.len());
    for t in tokens {
        let (written, raw) = (&original[t.span.clone()], &text[t.norm.clone()]);
        key(&mut k, written, raw, t.kind == crate::text::TokenKind::Number);
        let h = hash(&k);
        let known = sums.at.get(&h).copied();
        if let Some((i, k0, k1)) = known {
            if sums.keys[k0 as usize..k1 as usize] == k[..] {
                sums.uses[i as usize] = sums.uses[i as usize].saturating_add(1);
                infos.push(sums.words[i as usize].info.clone());
                which.push(i as usize);
                continue;
            }
        }
        let (info, affixes) = word_info(raw, written, t.kind, clusters, tagger.priors());
        let (own_rows, near_rows) = score_word(tagger, &info, &affixes, &mut buf);
        let word = Word { info: info.clone(), own: own_rows, near: near_rows };
        infos.push(info);
        // A word the cache cannot take (too long, a hash collision, or a full cache, which
        // makes room after this text so as not to move rows under it).
        if k.len() > CACHE_KEY_BYTES || known.is_some() || sums.words.len() >= CACHE_WORDS {
            which.push(usize::MAX - uncached.len());
            uncached.push(word);
            continue;
        }
        let k0 = sums.keys.len();
        sums.keys.extend_from_slice(&k);
        sums.at.insert(h, (sums.words.len() as u32, k0 as u32, sums.keys.len() as u32));
        which.push(sums.words.len());
        sums.words.push(word);
        sums.uses.push(0);
    }
    place(&mut infos, original, norm, tokens, lexicon, matches);
    let outside = *sums.outside.get_or_insert_with(|| {
        let mut rows = [[0; T]; 4];
        for (d, r) in WINDOW.into_iter().zip(rows.iter_mut()) {
            buf.clear();
            near(d, None, &mut buf);
            *r = row(tagger, &buf);
        }
        rows
    });
    let word = |i: usize| -> &Word {
        let w = which[i];
        if w < sums.words.len() {
            &sums.words[w]
        } else {
            &uncached[usize::MAX - w]
        }
    };
    let constant = *sums.constant.get_or_insert_with(|| [tagger.sum(&[BIAS]), tagger.sum(&[BIAS, NO_LEX])]);
    let scale = tagger.scale();
    let em = (0..tokens.len())
        .map(|i| {
            buf.clear();
            context_varying(&infos, i, &mut buf);
            let mut s = tagger.sum(&buf);
            for (v, c) in s.iter_mut().zip(&constant[(infos[i].lex == 0) as usize]) {
                *v += c;
            }
            let add = |s: &mut [i32; T], r: &Row| {
                for (v, &x) in s.iter_mut().zip(r) {
                    *v += x as i32;
                }
            };
            add(&mut s, &word(i).own[infos[i].first as usize]);
            for (slot, d) in WINDOW.into_iter().enumerate() {
                match i.checked_add_signed(d).filter(|&j| j < infos.len() && infos[j].sent == infos[i].sent) {
                    Some(j) => add(&mut s, &word(j).near[slot]),
                    None => add(&mut s, &outside[slot]),
                }
            }
            s.map(|v| v as f32 * scale)
        })
        .collect();
    if sums.words.len() >= CACHE_WORDS {
        sums.keep_most_used();
    }
    (infos, em)
}

#[cfg(all(test, feature = "embed"))]
mod tests {
    use super::*;
    use crate::model::features::{features, token_infos};
    use crate::text::{tokenize, Lang};

    /// Scores every feature of every token, the way training sees them.
    fn reference(model: &crate::model::Model, text: &str, lex: &crate::lexicon::Lexicon) -> Vec<[f32; T]> {
        let norm = Normalized::new(text);
        let tokens = tokenize(&norm);
        let matches = crate::lexicon::find(lex, &norm, &tokens);
        let (infos, affixes) =
            token_infos(text, &norm, &tokens, lex, &matches, model.clusters(), model.tagger().priors());
        let mut buf = Vec::new();
        (0..tokens.len())
            .map(|i| {
                buf.clear();
                features(&infos, &affixes, i, &mut buf);
                model.tagger().score(&buf)
            })
            .collect()
    }

    fn by_words(
        sums: &mut WordSums,
        model: &crate::model::Model,
        text: &str,
        lex: &crate::lexicon::Lexicon,
    ) -> Vec<[f32; T]> {
        let norm = Normalized::new(text);
        let tokens = tokenize(&norm);
        let matches = crate::lexicon::find(lex, &norm, &tokens);
        emissions(sums, model.tagger(), model.clusters(), text, &norm, &tokens, lex, &matches).1
    }

    /// Texts of our own: sentences over line breaks, repeated words (cache hits, also as
    /// first word and as neighbours), a word too long to remember, numbers, mixed scripts.
    fn texts(lang: Lang) -> Vec<String> {
        let long = "x".repeat(200);
        match lang {
            Lang::Ar => vec![
                "قال وزير الخارجية المصري إن القاهرة ستستضيف المؤتمر في 12 مارس.\nوقال الوزير للصحفيين إن القاهرة مستعدة."
                    .into(),
                format!("وصل الرئيس إلى بيروت {long} ثم غادر بيروت إلى دمشق يوم 2024/05/01"),
                "بيروت\nبيروت بيروت\n\nوزير".into(),
            ],
            _ => vec![
                "Officials in Cairo said on Monday that the talks in Geneva would resume.\nCairo said the talks were over."
                    .into(),
                format!("The talks in Geneva {long} ended; Geneva and Cairo agreed on 3.5 million dollars."),
                "Geneva\nGeneva Geneva\n\nTalks in القاهرة".into(),
            ],
        }
    }

    #[test]
    fn scores_by_word_equal_scores_by_feature() {
        for lang in [Lang::Ar, Lang::En] {
            let model = crate::model::embedded(lang).expect("model");
            let lex = crate::lexicon::Lexicon::embedded(lang);
            let mut sums = WordSums::default();
            // Twice over: cold, then with every word remembered.
            for round in 0..2 {
                for text in texts(lang) {
                    assert_eq!(by_words(&mut sums, model, &text, lex), reference(model, &text, lex), "{round}: {text}");
                }
            }
            assert!(!sums.words.is_empty());
            // A text of words each used once fills the cache; after it, the cache keeps the
            // words met again (those of the texts above), not the long tail, and scores stay
            // exact throughout.
            let known = sums.words.len();
            let filler: String = (0..CACHE_WORDS).map(|n| format!("zq{n} ")).collect();
            assert_eq!(by_words(&mut sums, model, &filler, lex), reference(model, &filler, lex));
            assert!(sums.words.len() <= CACHE_WORDS / 2);
            assert_eq!((sums.at.len(), sums.uses.len()), (sums.words.len(), sums.words.len()));
            assert_eq!(sums.words.len(), known, "the words met twice are kept");
            assert!(!sums.keys.windows(2).any(|w| w == b"zq"), "the words met once are not");
            for text in texts(lang) {
                assert_eq!(by_words(&mut sums, model, &text, lex), reference(model, &text, lex));
            }
            assert_eq!(sums.words.len(), known, "the kept words are found again");
        }
    }

    /// The same on every dev text of ../shared, when it is there.
    #[test]
    fn scores_by_word_equal_scores_by_feature_on_dev_texts() {
        let dir = std::env::var_os("NOOR_SHARED")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
        if !dir.join("data/ner").exists() {
            eprintln!("skipped: {} not found", dir.display());
            return;
        }
        for lang in [Lang::Ar, Lang::En] {
            let corpus = crate::eval::bench::Corpus::dev(&dir, lang).expect("dev corpus");
            let model = crate::model::embedded(lang).expect("model");
            let lex = crate::lexicon::Lexicon::embedded(lang);
            let mut sums = WordSums::default();
            for doc in &corpus.docs {
                assert_eq!(by_words(&mut sums, model, doc, lex), reference(model, doc, lex));
            }
        }
    }
}
