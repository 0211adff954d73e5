//! Features of the tagger: what it sees of each token and its neighbours.
//!
//! Every feature is a template id plus a value (the word, its suffix, its cluster, the
//! lexicon's opinion ...) mixed into 64 bits. The strings of a token are hashed once, when
//! its [`TokenInfo`] is built (FNV-1a, digits folded); a feature is then a cheap mix of a
//! template id, a position and those hashes. Hashing instead of a feature dictionary keeps the
//! model a flat table and feature extraction free of per-token allocation.
//!
//! Templates, for token `i` (words are in matching form, see [`crate::text::Normalized`]):
//! - the word at `i-2 .. i+2`, and the bigrams `(i-1, i)` and `(i, i+1)`;
//! - prefixes and suffixes of 1–4 letters; the word shape (`Xxxx`, `XX`, `dd`) and its
//!   short form; capitalization in context (first word of the sentence or not), and for
//!   Latin-script words the shapes of `i-1, i, i+1` together and the 6-bit clusters of
//!   `i-1, i` together;
//! - for Arabic words, each proclitic reading: the stem, which proclitic, and the stem's
//!   cluster (بموسكو is seen as a city through موسكو);
//! - word clusters learned from unlabeled news at 4, 6, 10 and 14 bits, at `i-1 .. i+1`
//!   (Arabic words also at `i-2` and `i+2`), and for Arabic words the 6-bit clusters of
//!   `i-1, i` and of `i, i+1` together;
//! - the lexicon's matches covering `i`: type, position (B/I), flags, at `i-1 .. i+1`;
//! - the name priors of the word and of its first proclitic reading's stem that has one:
//!   how often the tagger found it inside each type of name in the unlabeled news (see
//!   [`super::priors`]; Arabic only);
//! - the trigger priors of the neighbours at ±1 (of the word, or else of its first proclitic
//!   reading's stem that has one): how often the tagger found a name beginning after the
//!   previous word, or ending before the next one, in the unlabeled news (Arabic only);
//! - a bias feature.
//!
//! The templates are grouped by what they read: the token's word alone ([`own`]), one
//! neighbour's word alone ([`near`]), or several words and the token's place ([`context`]).
//! The first two are the same wherever a word occurs, which lets the tagger sum them once
//! per distinct word (see `emissions`).
//!
//! Measured and left out: the consonant-vowel skeleton of an Arabic word and of its first
//! reading's stem (each letter a long vowel ا و ي or a consonant; transliterated names keep
//! their source's vowels), an Arabic stand-in for the word shape: ANERcorp dev pipeline, mean
//! of seeds 1-8, 80.49 against 80.89. The character trigrams of an Arabic word (up to eight,
//! to see inside transliterated foreign names, which the affixes see only at their ends):
//! 80.72 against 80.89. Only the first two proclitic readings as features, to make a new
//! word cheaper to score: 80.54 against 80.89.
//!
//! The document-level second stage ([`DocCounts`]) adds what the first stage decided about
//! the other occurrences of the same word (or stem) in the same text.

use crate::lexicon::{flags, Lexicon};
use crate::model::clusters::{path_prefix, Clusters};
use crate::model::priors::Priors;
use crate::text::arabic::{is_arabic_word, readings, StemForm};
use crate::text::{Normalized, Token, TokenKind};

/// Proclitic readings kept per token (the longest prefixes are rare).
const MAX_READINGS: usize = 4;

/// What the feature extractor knows about one token: hashes of its strings, and its place.
/// The features only the token itself reads are apart, in [`Affixes`].
#[derive(Debug, Clone, Default)]
pub struct TokenInfo {
    /// The word in matching form (numbers by digit shape).
    pub word: u64,
    /// Shape of the original text (`Xxxx`, `xx`, `XX`, `dd`, `Xx-Xx`, `a` for Arabic).
    pub shape: u64,
    /// The first character class of the shape (`X`, `x`, `d`, `a` ...).
    pub shape_head: char,
    /// True if this is the first token of the sentence.
    pub first: bool,
    /// The sentence the token is in (the word window does not cross sentences).
    pub sent: u32,
    /// True for an Arabic word.
    pub arabic: bool,
    /// Hierarchical cluster path of the word, if known.
    pub cluster: Option<u32>,
    /// Lexicon evidence: a bit per kind and position (see `lex_bit`).
    pub lex: u16,
    /// Keys of the document-level stage.
    pub doc: DocKey,
    /// The word's trigger codes ([`super::priors`]): the next token begins a name (`[0]`),
    /// the previous token ends one (`[1]`); each the word's own, or else that of its first
    /// proclitic reading's stem that has one (0: none).
    pub triggers: [u8; 2],
}

/// The hashes of a word's parts: read by its own features ([`own`]) and by no neighbour's.
#[derive(Debug, Clone, Default)]
pub struct Affixes {
    /// Prefixes of 1..=4 characters (0 where the word is shorter).
    pub prefix: [u64; 4],
    /// Suffixes of 1..=4 characters (0 where the word is shorter).
    pub suffix: [u64; 4],
    /// Proclitic readings: (stem, proclitic) hashes; 0 after the last.
    pub readings: [(u64, u64); MAX_READINGS],
    /// The cluster path of each reading's stem; 0 where it has none (a path is never 0).
    pub stem_clusters: [u32; MAX_READINGS],
    /// The word's name prior ([`super::priors::code`]; 0: none).
    pub prior: u8,
    /// The name prior of the first proclitic reading's stem that has one (0: none).
    pub stem_prior: u8,
}

/// FNV-1a over bytes.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Fnv {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;

    /// A fresh hash.
    pub fn new() -> Self {
        Fnv(Self::OFFSET)
    }

    /// Adds bytes.
    pub fn bytes(mut self, s: &[u8]) -> Self {
        for &b in s {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
        self
    }

    /// The hash (never 0, which marks "absent").
    pub fn get(self) -> u64 {
        self.0.max(1)
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Fnv::new()
    }
}

/// The final avalanche of a feature: template, position and value into one well-mixed hash.
#[inline]
pub const fn mix(template: u8, d: i8, v: u64) -> u64 {
    let mut x = v ^ ((template as u64) << 56 | ((d as u8) as u64) << 48).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

/// Two hashes into one value (order matters).
#[inline]
fn pair(a: u64, b: u64) -> u64 {
    a.rotate_left(23).wrapping_mul(0x2545_f491_4f6c_dd1d) ^ b
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
    priors: &Priors,
) -> (Vec<TokenInfo>, Vec<Affixes>) {
    let text = norm.as_str();
    let (mut infos, affixes): (Vec<TokenInfo>, Vec<Affixes>) = tokens
        .iter()
        .map(|t| word_info(&text[t.norm.clone()], &original[t.span.clone()], t.kind, clusters, priors))
        .unzip();
    place(&mut infos, original, norm, tokens, lexicon, matches);
    (infos, affixes)
}

/// Sets what depends on a token's place in the text rather than on its word: the sentence
/// it is in, whether it starts it, and the lexicon's matches covering it.
pub fn place(
    infos: &mut [TokenInfo],
    original: &str,
    norm: &Normalized,
    tokens: &[Token],
    lexicon: &Lexicon,
    matches: &[crate::lexicon::LexMatch],
) {
    let text = norm.as_str();
    let mut sent = 0u32;
    for (i, (info, t)) in infos.iter_mut().zip(tokens).enumerate() {
        // A sentence starts after sentence-final punctuation or a line break, so that a
        // text of many sentences is seen the way the training sentences were.
        let first = i == 0 || {
            let p = &tokens[i - 1];
            let prev = &text[p.norm.clone()];
            let gap = original.get(p.span.end..t.span.start).unwrap_or("");
            gap.contains('\n')
                || (SPLIT_AT_PUNCT
                    && p.kind == TokenKind::Punct
                    && matches!(prev, "." | "!" | "?" | "؟" | "…" | "..." | "۔"))
        };
        sent += (first && i > 0) as u32;
        info.first = first;
        info.sent = sent;
        info.doc.cap = info.shape_head == 'X' && !first && info.doc.word != 0;
        info.lex = 0;
    }
    for m in matches {
        // Every sense that fits the text, including names that are also words and
        // nationality adjectives: the model learns how far to trust each.
        for (kind, fl) in m.sense_indices(lexicon, original).filter_map(|i| lexicon.sense_kind(i)) {
            let bit = lex_bit(kind, fl);
            for (k, ti) in m.tokens.clone().enumerate() {
                infos[ti].lex |= 1 << (bit + (k > 0) as u32);
            }
        }
    }
}

/// The hash of a word in matching form (digits as `d` in a number): [`TokenInfo::word`], and
/// the key of its name prior ([`super::priors`]).
pub fn word_hash(raw: &str, kind: TokenKind) -> u64 {
    if kind != TokenKind::Number {
        return Fnv::new().bytes(raw.as_bytes()).get();
    }
    let mut h = Fnv::new();
    let mut buf = [0u8; 4];
    for c in raw.chars() {
        let c = if c.is_ascii_digit() { 'd' } else { c };
        h = h.bytes(c.encode_utf8(&mut buf).as_bytes());
    }
    h.get()
}

/// What a token's word alone tells the features: `raw` in matching form, `written` as the
/// text has it. Its place ([`place`]) is left at the defaults: not first, sentence 0, no
/// lexicon evidence.
pub fn word_info(
    raw: &str,
    written: &str,
    kind: TokenKind,
    clusters: &Clusters,
    priors: &Priors,
) -> (TokenInfo, Affixes) {
    let mut info = TokenInfo { cluster: clusters.get(raw), ..TokenInfo::default() };
    let mut parts = Affixes::default();
    let number = kind == TokenKind::Number;
    // Word and prefixes in one pass; digits as `d` for numbers (as `word_hash`).
    let mut h = Fnv::new();
    let mut buf = [0u8; 4];
    for (n, c) in raw.chars().enumerate() {
        let c = if number && c.is_ascii_digit() { 'd' } else { c };
        h = h.bytes(c.encode_utf8(&mut buf).as_bytes());
        if n < 4 {
            parts.prefix[n] = mix(8, n as i8, h.get());
        }
    }
    info.word = h.get();
    let codes = priors.codes(crate::model::priors::spelled(info.word, written));
    parts.prior = codes[0];
    info.triggers = [codes[1], codes[2]];
    let mut s = Fnv::new();
    for (n, c) in raw.chars().rev().take(4).enumerate() {
        let c = if number && c.is_ascii_digit() { 'd' } else { c };
        s = s.bytes(c.encode_utf8(&mut buf).as_bytes());
        parts.suffix[n] = mix(9, n as i8, s.get());
    }
    (info.shape, info.shape_head) = shape_hash(written);
    info.arabic = is_arabic_word(raw);
    if info.arabic {
        let mut with_article = String::new();
        for (k, r) in readings(raw).filter(|r| r.skip > 0).take(MAX_READINGS).enumerate() {
            let (stem, cluster) = match r.form {
                StemForm::Slice(stem) => (Fnv::new().bytes(stem.as_bytes()).get(), clusters.get(stem)),
                StemForm::WithArticle(_) => {
                    r.form.write_to(&mut with_article);
                    (Fnv::new().bytes(with_article.as_bytes()).get(), clusters.get(&with_article))
                }
            };
            parts.readings[k] = (stem, Fnv::new().bytes(raw[..r.skip].as_bytes()).get());
            parts.stem_clusters[k] = cluster.unwrap_or(0);
            if parts.stem_prior == 0 || info.triggers.contains(&0) {
                // The stem's hash is that of the same string as a word (`word_hash`), and it
                // ends as the word does.
                let codes = priors.codes(crate::model::priors::spelled(stem, written));
                if parts.stem_prior == 0 {
                    parts.stem_prior = codes[0];
                }
                for (t, c) in info.triggers.iter_mut().zip(&codes[1..]) {
                    if *t == 0 {
                        *t = *c;
                    }
                }
            }
        }
    }
    // An Arabic function word gets no document keys: what the first stage made of its other
    // occurrences says nothing about it, and matching forms run a preposition and a name
    // together (على and the name علي), which with the second stage's bias for names (see
    // `train::Settings::for_lang`) turned the preposition into the name found elsewhere.
    if raw.chars().any(crate::text::script::is_letter)
        && !(info.arabic && crate::lexicon::titles::is_function_word(raw))
    {
        info.doc = DocKey {
            word: info.word,
            stems: [parts.readings[0].0, parts.readings[1].0, parts.readings[2].0],
            lower: info.shape_head == 'x',
            cap: false,
        };
    }
    (info, parts)
}

/// The bit for the first token of a match of this sense (the next bit: the
/// following tokens). Measured and left out: a bit of their own for the name tokens that a
/// list gives as given names (ANERcorp dev pipeline, mean of seeds 1-8, 80.79 against 80.89).
fn lex_bit(kind: crate::Kind, fl: u8) -> u32 {
    use crate::Kind::*;
    if fl & flags::DEMONYM != 0 {
        return 0;
    }
    if fl & flags::CONTEXT != 0 {
        return 2;
    }
    if fl & flags::NAME_TOKEN != 0 {
        return 4;
    }
    match (kind, fl & flags::COUNTRY != 0) {
        (Loc, true) => 6,
        (Loc, false) => 8,
        (Org, _) => 10,
        (Per, _) => 12,
        _ => 14,
    }
}

/// The shape classes of a token, with runs of one class cut after two ("Cairo" → X x x).
fn shape_classes(s: &str) -> impl Iterator<Item = char> + '_ {
    let (mut last, mut run) = ('\0', 0);
    s.chars().map(shape_class).filter(move |&k| {
        if k == last {
            run += 1;
            run < 2
        } else {
            (last, run) = (k, 0);
            true
        }
    })
}

/// The shape of an original token ([`shape_classes`]), hashed, with its first class.
fn shape_hash(s: &str) -> (u64, char) {
    let mut h = Fnv::new();
    let mut head = '\0';
    let mut buf = [0u8; 4];
    for k in shape_classes(s) {
        if head == '\0' {
            head = k;
        }
        h = h.bytes(k.encode_utf8(&mut buf).as_bytes());
    }
    (h.get(), head)
}

fn shape_class(c: char) -> char {
    // ASCII and Arabic letters first, without Unicode's tables (an Arabic letter has no case
    // and is no digit): their lookups were a tenth of reading a new Arabic word. The test
    // `shape_class_fast_paths` checks every character against the general rule below.
    if c.is_ascii() {
        return if c.is_ascii_uppercase() {
            'X'
        } else if c.is_ascii_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
    }
    if crate::text::arabic::is_arabic_letter(c) {
        return 'a';
    }
    shape_class_general(c)
}

/// [`shape_class`] by Unicode's properties alone.
fn shape_class_general(c: char) -> char {
    if c.is_uppercase() {
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
    }
}

/// The shape of an original token as a string (for reports and tests).
pub fn shape(s: &str) -> String {
    shape_classes(s).collect()
}

/// A line break always starts a new sentence for the word window (training sentences have
/// none, so this changes nothing there, and a page's lines are not run together). Cutting
/// at sentence-final punctuation too was measured and left off: CoNLL dev first stage 91.69
/// against 91.96 (ranks like `1.` in results tables), and no gain when 15 dev sentences are
/// annotated as one space-joined text (90.47 against 90.39).
const SPLIT_AT_PUNCT: bool = false;

/// Cluster prefix lengths used as features (coarse to fine).
const CLUSTER_BITS: [u32; 4] = [4, 6, 10, 14];

/// Sentence boundary markers for the word window.
const BOS: u64 = 0x5eed_0000_0000_0001;
const EOS: u64 = 0x5eed_0000_0000_0002;

/// Appends the hashed features of token `i` to `out`: its [`context`], its [`own`]
/// features, and what each neighbour in the word window adds ([`near`]).
pub fn features(toks: &[TokenInfo], affixes: &[Affixes], i: usize, out: &mut Vec<u64>) {
    context(toks, i, out);
    own(&toks[i], &affixes[i], toks[i].first, out);
    for d in WINDOW {
        near(d, neighbour(toks, i, d), out);
    }
}

/// The distances of the neighbours in the word window.
pub const WINDOW: [isize; 4] = [-2, -1, 1, 2];

/// The token `d` places from `i`, if it is in the same sentence.
#[inline]
pub fn neighbour(toks: &[TokenInfo], i: usize, d: isize) -> Option<&TokenInfo> {
    let j = i.checked_add_signed(d)?;
    toks.get(j).filter(|x| x.sent == toks[i].sent)
}

/// The features of a token that depend only on its word (the same for every occurrence;
/// `first` is whether it starts its sentence): the word, affixes, shape, proclitic readings
/// with their stems' clusters, and clusters. Emission scores are additive, so the tagger
/// sums these once per distinct word (see `emissions`).
pub fn own(t: &TokenInfo, a: &Affixes, first: bool, out: &mut Vec<u64>) {
    out.push(mix(1, 0, t.word));
    for n in 0..4 {
        if a.prefix[n] != 0 {
            out.push(a.prefix[n]);
        }
        if a.suffix[n] != 0 {
            out.push(a.suffix[n]);
        }
    }
    out.push(mix(10, 0, t.shape));
    out.push(own_first(t, first));
    for &(stem, pre) in a.readings.iter().take_while(|r| r.0 != 0) {
        out.push(mix(13, 0, stem));
        out.push(mix(14, 0, pre));
    }
    clusters_at(0, t, out);
    // The clusters of the readings' stems, each distinct path once: most words with a
    // proclitic are too rare to have a cluster of their own (the clusters keep the 20k most
    // frequent words), while their stem has one. With the clusters at ±2 (in `near`) and the
    // Arabic cluster bigrams (in `context`), on ANERcorp dev, mean of 8 seeds, prune 2, one
    // bag: tagger alone 72.81 -> 73.83, pipeline 72.04 -> 73.11 (stem clusters and ±2
    // alone: tagger 73.52); the file about 20 KB gzip larger at the same seed.
    for (k, &c) in a.stem_clusters.iter().enumerate() {
        if c != 0 && !a.stem_clusters[..k].contains(&c) {
            for (j, bits) in CLUSTER_BITS.into_iter().enumerate() {
                out.push(mix(18, j as i8, path_prefix(c, bits) as u64));
            }
        }
    }
    // The name priors (see `priors`): a feature per type the word, or its stem, was found in
    // a name of at least 10% of the time, with its share's bucket. Measured in
    // `train::Settings::for_lang`.
    for (template, code) in [(19, a.prior), (20, a.stem_prior)] {
        for x in 0..4 {
            let b = (code >> (2 * x)) & 3;
            if b != 0 {
                out.push(mix(template, x, b as u64));
            }
        }
    }
}

/// The one feature of [`own`] that depends on `first`: the shape at the start of a sentence
/// or elsewhere (a capital means less at the start). `emissions` sums the rest once for both.
pub fn own_first(t: &TokenInfo, first: bool) -> u64 {
    mix(11, first as i8, t.shape)
}

/// The features a neighbour `d` places away adds to a token: its word, and for the next
/// neighbours its shape, clusters and trigger priors (for an Arabic neighbour, its clusters
/// at ±2 too).
/// `None`: the window runs past the sentence. Like [`own`], a function of the neighbour's
/// word alone.
pub fn near(d: isize, n: Option<&TokenInfo>, out: &mut Vec<u64>) {
    out.push(mix(1, d as i8, n.map_or(if d < 0 { BOS } else { EOS }, |n| n.word)));
    let Some(n) = n else { return };
    if matches!(d, -1 | 1) {
        out.push(mix(12, d as i8, n.shape));
        clusters_at(d, n, out);
        // The trigger priors (see `priors`): the previous word's share of next tokens
        // beginning a name of each type, the next word's share of previous tokens ending
        // one, by bucket. Measured in `train::Settings::for_lang`.
        let (template, code) = if d < 0 { (21, n.triggers[0]) } else { (22, n.triggers[1]) };
        for x in 0..4 {
            let b = (code >> (2 * x)) & 3;
            if b != 0 {
                out.push(mix(template, x, b as u64));
            }
        }
    } else if n.arabic {
        // Arabic only, so that the English model (no Arabic in CoNLL) is unchanged.
        clusters_at(d, n, out);
    }
}

fn clusters_at(d: isize, n: &TokenInfo, out: &mut Vec<u64>) {
    if let Some(c) = n.cluster {
        for (k, bits) in CLUSTER_BITS.into_iter().enumerate() {
            out.push(mix(15, d as i8 * 4 + k as i8, path_prefix(c, bits) as u64));
        }
    }
}

/// The features of token `i` that combine it with its neighbours or its place: the bias,
/// word bigrams, Latin shape trigram and cluster bigram, Arabic cluster bigrams, and the
/// lexicon's matches.
pub fn context(toks: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    out.push(BIAS);
    context_varying(toks, i, out);
    if toks[i].lex == 0 {
        out.push(NO_LEX);
    }
}

/// The bias feature of [`context`]: every token has it.
pub const BIAS: u64 = mix(0, 0, 0);

/// The feature of [`context`] of a token no lexicon match covers.
pub const NO_LEX: u64 = mix(17, 0, 0);

/// [`context`] without its two constant features ([`BIAS`], and [`NO_LEX`] for a token no
/// match covers), whose weights `emissions` looks up once per tagger instead of once per
/// token.
pub fn context_varying(toks: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    let at = |d: isize| neighbour(toks, i, d);
    let w = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |t| t.word);
    let t = &toks[i];
    out.push(mix(6, 0, pair(w(-1), t.word)));
    out.push(mix(7, 0, pair(t.word, w(1))));
    if !t.arabic {
        // Latin script: shapes around the word, and the coarse classes of a word pair.
        let sh = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |x| x.shape);
        out.push(mix(33, 0, pair(pair(sh(-1), t.shape), sh(1))));
        if let (Some(p), Some(c)) = (at(-1).and_then(|x| x.cluster), t.cluster) {
            out.push(mix(32, 0, (path_prefix(p, 6) as u64) << 32 | path_prefix(c, 6) as u64));
        }
    } else {
        // Arabic: the coarse classes of the pairs (i-1, i) and (i, i+1). Measured with the
        // stem clusters and clusters at ±2 (tagger alone, 8 seeds): 73.52 -> 73.83. Measured
        // on top and left out, each within ±0.3 (4 seeds): word shapes by length, lexicon
        // matches at ±2, the 1-3 letter prefixes of the longest stem (+25 KB gzip), cluster
        // prefixes of 8, 12 and all bits (+50 KB), the stems' clusters and the stems
        // themselves at ±1, first-stage tags of the neighbours in the second stage.
        let c6 = |x: Option<&TokenInfo>| x.and_then(|x| x.cluster).map(|c| path_prefix(c, 6) as u64);
        if let (Some(p), Some(c)) = (c6(at(-1)), c6(Some(t))) {
            out.push(mix(34, 0, p << 32 | c));
        }
        if let (Some(c), Some(n)) = (c6(Some(t)), c6(at(1))) {
            out.push(mix(34, 1, c << 32 | n));
        }
    }
    for d in -1isize..=1 {
        if let Some(n) = at(d) {
            let mut l = n.lex;
            while l != 0 {
                let b = l.trailing_zeros();
                out.push(mix(16, d as i8, b as u64));
                l &= l - 1;
            }
        }
    }
}

/// What the document-level stage knows about one token: hashed keys under which its other
/// occurrences in the same text are found.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocKey {
    /// The word (matching form); 0 for punctuation and numbers.
    pub word: u64,
    /// The stems of its proclitic readings (Arabic), 0 where there are fewer.
    pub stems: [u64; 3],
    /// Written in lower case (Latin script).
    pub lower: bool,
    /// Written capitalized (Latin script) and not the first token of its sentence.
    pub cap: bool,
}

/// The document keys of a token.
pub fn doc_key(t: &TokenInfo) -> DocKey {
    t.doc
}

/// The entity type of a tag: 0 for O, 1..=4 for PER ORG LOC MISC.
fn type_of(tag: usize) -> usize {
    tag.div_ceil(2)
}

/// The document feature every token has: its first-stage tag.
pub const fn doc_bias(tag: usize) -> u64 {
    mix(40, 0, tag as u64)
}

/// Counts of first-stage types per key over a document.
#[derive(Default)]
pub struct DocCounts {
    words: std::collections::HashMap<u64, [u16; 6], std::hash::BuildHasherDefault<Identity>>,
    stems: std::collections::HashMap<u64, [u16; 6], std::hash::BuildHasherDefault<Identity>>,
}

/// Keys are already well-mixed 64-bit hashes: hashing them again would only cost time.
#[derive(Default)]
pub struct Identity(u64);

impl std::hash::Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, b: &[u8]) {
        for &x in b {
            self.0 = (self.0 << 8 | x as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl DocCounts {
    /// Counts the first-stage tags of a document's tokens (slot 5: written in lower case).
    pub fn new<'a>(tokens: impl Iterator<Item = (&'a DocKey, usize)>) -> DocCounts {
        // Room for every token's keys at the start: growing the tables as a text's words come in
        // rehashed them several times per text.
        let n = tokens.size_hint().0;
        let mut c = DocCounts {
            words: std::collections::HashMap::with_capacity_and_hasher(n, Default::default()),
            stems: std::collections::HashMap::with_capacity_and_hasher(2 * n, Default::default()),
        };
        for (k, tag) in tokens {
            if k.word == 0 {
                continue;
            }
            let y = type_of(tag);
            let e = c.words.entry(k.word).or_default();
            e[y] += 1;
            e[5] += k.lower as u16;
            // A word is found both under itself and its stems, so بموسكو meets موسكو.
            c.stems.entry(k.word).or_default()[y] += 1;
            for &s in k.stems.iter().filter(|&&s| s != 0) {
                c.stems.entry(s).or_default()[y] += 1;
            }
        }
        c
    }

    /// Appends the document features of a token whose first-stage tag is `tag`.
    pub fn features(&self, k: &DocKey, tag: usize, out: &mut Vec<u64>) {
        out.push(doc_bias(tag));
        self.features_varying(k, tag, out);
    }

    /// [`DocCounts::features`] without the first, which depends on `tag` alone
    /// ([`doc_bias`]): the tagger looks its weights up once, not once per token.
    pub fn features_varying(&self, k: &DocKey, tag: usize, out: &mut Vec<u64>) {
        let y = type_of(tag) as u64;
        if k.word == 0 {
            return;
        }
        let own = type_of(tag);
        let mut others = self.words.get(&k.word).copied().unwrap_or_default();
        others[own] = others[own].saturating_sub(1);
        others[5] = others[5].saturating_sub(k.lower as u16);
        let total: u16 = others[..5].iter().sum();
        if total > 0 {
            let maj = (0..5).max_by_key(|&x| (others[x], std::cmp::Reverse(x))).unwrap_or(0);
            out.push(mix(41, 0, (maj as u64) << 8 | y));
            let ent: u16 = others[1..5].iter().sum();
            let frac = (4 * ent as u32 / total as u32) as u64; // 0..=4
            out.push(mix(42, 0, frac << 8 | y));
            for x in 1..5 {
                if others[x] > 0 {
                    out.push(mix(43, 0, (x as u64) << 8 | y));
                }
            }
        }
        if k.cap {
            out.push(mix(44, 0, ((others[5] > 0) as u64) << 8 | y));
        }
        // Stems: the word's own stems and the word itself as a stem of others.
        let mut st = [0u16; 6];
        let mut add = |h: u64| {
            if let Some(c) = self.stems.get(&h) {
                for x in 0..5 {
                    st[x] += c[x];
                }
            }
        };
        add(k.word);
        for &s in k.stems.iter().filter(|&&s| s != 0) {
            add(s);
        }
        let n_own = 1 + k.stems.iter().filter(|&&s| s != 0).count() as u16;
        st[own] = st[own].saturating_sub(n_own);
        for x in 1..5 {
            if st[x] > others[x] {
                out.push(mix(45, 0, (x as u64) << 8 | y));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII and Arabic shortcuts of `shape_class` give what the general rule gives, for
    /// every character (including the Arabic block's digits and marks, which are no letters).
    #[test]
    fn shape_class_fast_paths() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(shape_class(c), shape_class_general(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("Cairo"), "Xxx");
        assert_eq!(shape("USA"), "XX");
        assert_eq!(shape("1987"), "dd");
        assert_eq!(shape("Al-Ahram"), "Xx-Xxx");
        assert_eq!(shape_hash("Cairo").1, 'X');
        assert_eq!(shape_hash("Cairo").0, shape_hash("Paris").0);
        assert_ne!(shape_hash("Cairo").0, shape_hash("cairo").0);
    }

    #[test]
    fn features_are_deterministic_and_distinct() {
        let text = "زار الرئيس بموسكو أمس";
        let norm = Normalized::new(text);
        let tokens = crate::text::tokenize(&norm);
        let lex = Lexicon::embedded(crate::text::Lang::Ar);
        let matches = crate::lexicon::find(lex, &norm, &tokens);
        let (infos, affixes) = token_infos(text, &norm, &tokens, lex, &matches, &Clusters::empty(), &Priors::default());
        let mut a = Vec::new();
        let mut b = Vec::new();
        features(&infos, &affixes, 2, &mut a);
        features(&infos, &affixes, 2, &mut b);
        assert_eq!(a, b);
        // The proclitic reading of بموسكو gives the stem موسكو.
        assert!(affixes[2].readings[0].0 != 0);
        let mut c = Vec::new();
        features(&infos, &affixes, 1, &mut c);
        assert_ne!(a, c);
    }
}
