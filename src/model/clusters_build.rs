//! Learning the word clusters of [`super::clusters`] from unlabeled news (native only).
//!
//! # Method
//!
//! 1. **Tokens.** Each line of the gzip'd text is folded to matching form
//!    ([`Normalized`]) and split by the pipeline's own [`tokenize()`], so the clusters see
//!    exactly the words the tagger will look up. Words and numbers are clustered; every ASCII
//!    digit becomes `0` (a digit-shape class: "1987" and "2015" are both "0000").
//!    Punctuation is kept as context only. A line is one paragraph; its edges are two extra
//!    contexts (`<s>`, `</s>`).
//! 2. **Vocabulary.** The `max_words` most frequent words seen at least `min_count` times are
//!    clustered; the `contexts` most frequent tokens (any kind) are the contexts.
//! 3. **Co-occurrence.** Every word is counted with each context at offsets −2, −1, +1, +2,
//!    each offset its own column (left and right, near and far apart). Brown clustering uses
//!    only the immediate neighbour; two tokens each side keep its syntactic flavour (what
//!    precedes "في" or follows "Mr.") and add a little topic.
//! 4. **PPMI.** Positive pointwise mutual information with context-distribution smoothing
//!    (context counts raised to 0.75, Levy, Goldberg & Dagan 2015), which keeps frequent
//!    contexts from dominating and rare ones from being overrated.
//! 5. **Randomized SVD** (Halko, Martinsson & Tropp 2011) of the PPMI matrix to `dims`
//!    dimensions: a Gaussian test matrix with oversampling, `power_iters` subspace iterations
//!    and a small dense eigenproblem. Rows are the left singular vectors scaled by
//!    √(singular value) (the "eigenvalue weighting" p = 0.5 of Levy et al.), then normalized
//!    to unit length, so only the direction (the kind of contexts) matters, not frequency.
//! 6. **Divisive 2-means.** The vocabulary is split in two by k-means with k = 2 (initialized
//!    by the sign of the projection on the node's first principal direction, which is
//!    deterministic, then refined by Lloyd iterations, points weighted by log frequency), and
//!    each half is split again, to `depth` levels. The bits on the way from the root are a
//!    word's path; the heavier half (by weight) is bit 0. This gives the same kind of object as
//!    Brown clustering, a binary tree whose prefixes are coarser clusters.
//!
//! Why not exact Brown clustering: it merges clusters by the loss of bigram mutual
//! information, O(V·C²) with a window of C clusters; on 12M words with C = 1000 it takes
//! hours, not minutes. The spectral route takes one to two minutes per language on two cores.
//!
//! # Measurements that chose the parameters
//!
//! A small greedy averaged-perceptron tagger (word, shape, affixes, neighbouring words, and
//! the 4/6/10/14-bit prefixes of the clusters of the word and its two neighbours) trained on
//! CoNLL-2003 train, WikiGold train, the first 90% of ANERcorp and AQMAR train, and scored
//! (entity-level F1) on CoNLL-2003 dev, WikiGold dev, the last 10% of ANERcorp and AQMAR dev:
//!
//! | clusters | CoNLL dev | WikiGold dev | ANERcorp last 10% | AQMAR dev |
//! |---|---:|---:|---:|---:|
//! | none | 85.7 | 45.9 | 60.6 | 49.1 |
//! | the shipped ones | 88.2 | 53.5 | 67.5 | 53.8 |
//!
//! Those dev sets move by about ±1 F1 between variants that are equally good, so the
//! variants were also ranked by a steadier check: every word type of the labeled corpora
//! (3,113 English and 2,197 Arabic entity types found in the clusters) gets the entity type
//! of the other labeled types under its longest shared prefix (14, 10, 6, then 4 bits), and
//! we count how often that is its own type. Shipped parameters: 51.8% (English), 38.5%
//! (Arabic). Window ±1 only 45.8 / 32.5; σ⁰ (no eigenvalue weighting) 46.2 / 32.6; σ¹
//! 50.6 / 39.1; 50 dimensions 50.3 / 37.4; 200 dimensions 50.0 / 35.9 (and three times
//! slower); uniform weights in the 2-means 49.0 / 34.9, √count 50.9 / 36.6; no context
//! smoothing 51.7 / 39.4; 5k contexts 49.5 / 36.9, 20k 49.1 / 38.3; 150k Arabic words
//! clustered (only 60k written) 34.6; the top of the tree rebuilt bottom-up by Ward's
//! criterion over the nodes at depth 8 or 11 50.0 / 36.4; without the line edges as
//! contexts 50.5 / 35.8. None was better on both
//! languages by more than the noise, so the simplest stayed.
//!
//! Size: the first file format, an FST of the words, cost about 9.5 bytes per Arabic word (6
//! gzip'd) with 14-bit paths; the 60k most frequent Arabic words took about 360 KB gzip (80k:
//! 480 KB, and no better F1 on these dev sets; 12-bit paths lost about 1 F1). Today's hashed
//! keys take about 5.3 bytes a word, gzip'd or not (see [`super::clusters`]). English has only about 28k words seen
//! five times in 5M tokens; all are written.
//!
//! Everything is deterministic: one seeded generator (SplitMix64) makes the random test
//! matrix and the power-iteration starts, ties are broken by word order, and the work split
//! across threads never changes the order in which numbers are added.

use super::clusters::{digit_shape, path_prefix, path_string, write_paths};
use crate::text::{tokenize, Normalized, TokenKind};
use crate::Error;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// What the build reads, relative to `../shared`.
pub fn input_path(lang: crate::Lang) -> &'static str {
    match lang {
        crate::Lang::En => "data/unlabeled/news-en.txt.gz",
        _ => "data/unlabeled/news-ar.txt.gz",
    }
}

/// The parameters of a build.
#[derive(Debug, Clone)]
pub struct Params {
    /// Words to cluster (the most frequent).
    pub max_words: usize,
    /// Minimum count of a clustered word.
    pub min_count: u64,
    /// Contexts: the most frequent tokens of any kind.
    pub contexts: usize,
    /// Tokens on each side.
    pub window: usize,
    /// Context-distribution smoothing exponent.
    pub cds: f64,
    /// Dimensions kept from the SVD.
    pub dims: usize,
    /// Extra random directions of the randomized SVD.
    pub oversample: usize,
    /// Subspace (power) iterations of the randomized SVD.
    pub power_iters: usize,
    /// Singular values are raised to this power in the word vectors.
    pub eig_weight: f64,
    /// Depth of the tree (longest path, bits).
    pub depth: u32,
    /// Lloyd iterations of each 2-means split.
    pub kmeans_iters: usize,
    /// Weight of a word in the 2-means: 0 = uniform, 1 = ln(count), 2 = √count.
    pub weighting: u8,
    /// Words written to the file (the most frequent; the others only shape the tree).
    pub keep_words: usize,
    /// Bits of path written to the file.
    pub keep_bits: u32,
    /// Seed of the random generator.
    pub seed: u64,
    /// Threads.
    pub threads: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            max_words: 80_000,
            min_count: 5,
            contexts: 10_000,
            window: 2,
            cds: 0.75,
            dims: 100,
            oversample: 20,
            power_iters: 2,
            eig_weight: 0.5,
            depth: 14,
            kmeans_iters: 20,
            weighting: 1,
            keep_words: 60_000,
            keep_bits: 14,
            seed: 0x4e4f_4f52,
            threads: 2,
        }
    }
}

impl Params {
    /// The parameters as one line (for the manifest).
    pub fn describe(&self) -> String {
        format!(
            "words≤{} (count≥{}), contexts {}, window ±{} by offset, PPMI cds {}, rSVD {} dims (+{} oversampling, {} power iterations, σ^{}), 2-means depth {} ({} Lloyd iterations, {} weights), file: {} words × {} bits, seed {:#x}",
            self.max_words,
            self.min_count,
            self.contexts,
            self.window,
            self.cds,
            self.dims,
            self.oversample,
            self.power_iters,
            self.eig_weight,
            self.depth,
            self.kmeans_iters,
            ["uniform", "ln(count)", "√count"].get(self.weighting as usize).unwrap_or(&"?"),
            self.keep_words,
            self.keep_bits,
            self.seed
        )
    }
}

/// Line separator in a token stream.
const SEP: u32 = u32::MAX;
const NONE: u32 = u32::MAX;

/// A tokenized corpus: token types by descending count, and the text as type ids.
pub struct Corpus {
    /// Token types (matching form, digits as `0`), most frequent first (ties by text).
    pub types: Vec<String>,
    /// Count of each type.
    pub counts: Vec<u64>,
    /// True for words and numbers, false for punctuation.
    pub is_word: Vec<bool>,
    /// The text as type ids, lines separated by `u32::MAX`.
    pub stream: Vec<u32>,
    /// Number of lines.
    pub lines: usize,
}

impl Corpus {
    /// Number of word and number tokens.
    pub fn word_tokens(&self) -> u64 {
        self.counts.iter().zip(&self.is_word).filter(|(_, &w)| w).map(|(c, _)| c).sum()
    }
}

/// Reads and tokenizes a gzip'd text file, one paragraph per line, on `threads` threads.
pub fn read_corpus(path: &Path, threads: usize) -> Result<Corpus, Error> {
    use std::io::Read;
    let io = |e: std::io::Error| Error::Io(format!("{}: {e}", path.display()));
    let f = std::fs::File::open(path).map_err(io)?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::io::BufReader::new(f)).read_to_string(&mut text).map_err(io)?;
    Ok(tokenize_text(&text, threads))
}

struct Local {
    map: HashMap<String, u32>,
    types: Vec<(String, bool)>,
    counts: Vec<u64>,
    stream: Vec<u32>,
    lines: usize,
}

fn tokenize_chunk(text: &str) -> Local {
    let mut l = Local { map: HashMap::new(), types: Vec::new(), counts: Vec::new(), stream: Vec::new(), lines: 0 };
    let mut shaped = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let n = Normalized::new(line);
        let s = n.as_str();
        for t in tokenize(&n) {
            let w = &s[t.norm.clone()];
            let is_word = t.kind != TokenKind::Punct;
            let key = if is_word && w.bytes().any(|b| b.is_ascii_digit()) {
                shaped.clear();
                shaped.push_str(&digit_shape(w));
                shaped.as_str()
            } else {
                w
            };
            let id = match l.map.get(key) {
                Some(&id) => id,
                None => {
                    let id = l.types.len() as u32;
                    l.map.insert(key.to_string(), id);
                    l.types.push((key.to_string(), is_word));
                    l.counts.push(0);
                    id
                }
            };
            l.counts[id as usize] += 1;
            l.stream.push(id);
        }
        l.stream.push(SEP);
        l.lines += 1;
    }
    l
}

/// Splits `text` into `parts` pieces at line breaks.
fn split_lines(text: &str, parts: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..parts.max(1) {
        let mut cut = (text.len() * i / parts).max(start);
        while cut < text.len() && !text.is_char_boundary(cut) {
            cut += 1;
        }
        cut = text[cut..].find('\n').map_or(text.len(), |p| cut + p + 1);
        out.push(&text[start..cut]);
        start = cut;
    }
    out.push(&text[start..]);
    out
}

/// Tokenizes a text already in memory (see [`read_corpus`]).
pub fn tokenize_text(text: &str, threads: usize) -> Corpus {
    let chunks = split_lines(text, threads.max(1));
    let locals: Vec<Local> = std::thread::scope(|s| {
        let hs: Vec<_> = chunks.iter().map(|c| s.spawn(move || tokenize_chunk(c))).collect();
        hs.into_iter().map(|h| h.join().expect("tokenizer thread")).collect()
    });
    // Merge the local type tables, then number the types by descending count.
    let mut map: HashMap<&str, u32> = HashMap::new();
    let mut types: Vec<(&str, bool)> = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    let mut remaps = Vec::new();
    for l in &locals {
        let mut remap = Vec::with_capacity(l.types.len());
        for (i, (t, w)) in l.types.iter().enumerate() {
            let g = *map.entry(t.as_str()).or_insert_with(|| {
                types.push((t.as_str(), *w));
                counts.push(0);
                (types.len() - 1) as u32
            });
            counts[g as usize] += l.counts[i];
            remap.push(g);
        }
        remaps.push(remap);
    }
    let mut order: Vec<u32> = (0..types.len() as u32).collect();
    order.sort_by(|&a, &b| {
        counts[b as usize].cmp(&counts[a as usize]).then(types[a as usize].0.cmp(types[b as usize].0))
    });
    let mut rank = vec![0u32; order.len()];
    for (r, &g) in order.iter().enumerate() {
        rank[g as usize] = r as u32;
    }
    let total: usize = locals.iter().map(|l| l.stream.len()).sum();
    let mut stream = Vec::with_capacity(total);
    for (l, remap) in locals.iter().zip(&remaps) {
        stream.extend(l.stream.iter().map(|&id| if id == SEP { SEP } else { rank[remap[id as usize] as usize] }));
    }
    Corpus {
        types: order.iter().map(|&g| types[g as usize].0.to_string()).collect(),
        counts: order.iter().map(|&g| counts[g as usize]).collect(),
        is_word: order.iter().map(|&g| types[g as usize].1).collect(),
        stream,
        lines: locals.iter().map(|l| l.lines).sum(),
    }
}

/// A sparse matrix in compressed rows.
pub struct Csr {
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// Row `r` holds entries `indptr[r]..indptr[r + 1]`.
    pub indptr: Vec<usize>,
    /// Column of each entry.
    pub indices: Vec<u32>,
    /// Value of each entry.
    pub values: Vec<f32>,
}

impl Csr {
    /// The transpose.
    pub fn transpose(&self) -> Csr {
        let mut counts = vec![0usize; self.cols + 1];
        for &c in &self.indices {
            counts[c as usize + 1] += 1;
        }
        for i in 0..self.cols {
            counts[i + 1] += counts[i];
        }
        let indptr = counts.clone();
        let mut next = counts;
        let mut indices = vec![0u32; self.indices.len()];
        let mut values = vec![0f32; self.values.len()];
        for r in 0..self.rows {
            for k in self.indptr[r]..self.indptr[r + 1] {
                let c = self.indices[k] as usize;
                indices[next[c]] = r as u32;
                values[next[c]] = self.values[k];
                next[c] += 1;
            }
        }
        Csr { rows: self.cols, cols: self.rows, indptr, indices, values }
    }
}

/// Which rows and columns a corpus contributes to the co-occurrence matrix.
pub struct Vocab {
    /// Type id of each row (clustered word).
    pub words: Vec<u32>,
    /// Row of each type id, or `u32::MAX`.
    pub row_of: Vec<u32>,
    /// Context index of each type id, or `u32::MAX`; `<s>` and `</s>` follow the last one.
    pub ctx_of: Vec<u32>,
    /// Number of contexts including `<s>` and `</s>`.
    pub n_ctx: usize,
}

/// Chooses the clustered words and the contexts.
pub fn vocab(c: &Corpus, p: &Params) -> Vocab {
    let mut words = Vec::new();
    let mut row_of = vec![NONE; c.types.len()];
    for (id, (&count, &is_word)) in c.counts.iter().zip(&c.is_word).enumerate() {
        if words.len() >= p.max_words || count < p.min_count {
            break;
        }
        if is_word {
            row_of[id] = words.len() as u32;
            words.push(id as u32);
        }
    }
    let n = p.contexts.min(c.types.len());
    let ctx_of = (0..c.types.len()).map(|id| if id < n { id as u32 } else { NONE }).collect();
    Vocab { words, row_of, ctx_of, n_ctx: n + 2 }
}

/// Counts words with their contexts at each offset: column = context × 2·window + slot, slot
/// 0..window for the left offsets (farthest first) and window..2·window for the right ones.
pub fn cooccurrence(c: &Corpus, v: &Vocab, p: &Params) -> Csr {
    let w = p.window.max(1);
    let slots = 2 * w;
    let bos = (v.n_ctx - 2) as u32;
    let eos = (v.n_ctx - 1) as u32;
    // Split the stream at line separators, one piece per thread.
    let parts = p.threads.max(1);
    let mut bounds = vec![0usize];
    for i in 1..parts {
        let mut cut = (c.stream.len() * i / parts).max(*bounds.last().unwrap_or(&0));
        while cut < c.stream.len() && c.stream[cut] != SEP {
            cut += 1;
        }
        bounds.push((cut + 1).min(c.stream.len()));
    }
    bounds.push(c.stream.len());
    let runs: Vec<Vec<(u64, u32)>> = std::thread::scope(|s| {
        let hs: Vec<_> = bounds
            .windows(2)
            .map(|b| {
                let piece = &c.stream[b[0]..b[1]];
                s.spawn(move || {
                    let mut keys: Vec<u64> = Vec::with_capacity(piece.len() * slots);
                    for line in piece.split(|&t| t == SEP) {
                        for (i, &t) in line.iter().enumerate() {
                            let row = v.row_of[t as usize];
                            if row == NONE {
                                continue;
                            }
                            let base = u64::from(row) << 32;
                            for d in 1..=w {
                                // Left: the token d before, or <s> just past the line start.
                                let left = if i >= d {
                                    v.ctx_of[line[i - d] as usize]
                                } else if i + 1 == d {
                                    bos
                                } else {
                                    NONE
                                };
                                if left != NONE {
                                    keys.push(base | (u64::from(left) * slots as u64 + (w - d) as u64));
                                }
                                let right = if i + d < line.len() {
                                    v.ctx_of[line[i + d] as usize]
                                } else if i + d == line.len() {
                                    eos
                                } else {
                                    NONE
                                };
                                if right != NONE {
                                    keys.push(base | (u64::from(right) * slots as u64 + (w + d - 1) as u64));
                                }
                            }
                        }
                    }
                    keys.sort_unstable();
                    let mut run: Vec<(u64, u32)> = Vec::new();
                    for k in keys {
                        match run.last_mut() {
                            Some((lk, n)) if *lk == k => *n += 1,
                            _ => run.push((k, 1)),
                        }
                    }
                    run
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("co-occurrence thread")).collect()
    });
    // Merge the sorted runs (sums of integers: the order does not matter).
    let mut merged: Vec<(u64, u32)> = Vec::new();
    for run in runs {
        if merged.is_empty() {
            merged = run;
            continue;
        }
        let mut out = Vec::with_capacity(merged.len() + run.len());
        let (mut i, mut j) = (0, 0);
        while i < merged.len() || j < run.len() {
            if j == run.len() || (i < merged.len() && merged[i].0 < run[j].0) {
                out.push(merged[i]);
                i += 1;
            } else if i == merged.len() || run[j].0 < merged[i].0 {
                out.push(run[j]);
                j += 1;
            } else {
                out.push((merged[i].0, merged[i].1 + run[j].1));
                i += 1;
                j += 1;
            }
        }
        merged = out;
    }
    let rows = v.words.len();
    let mut indptr = vec![0usize; rows + 1];
    let mut indices = Vec::with_capacity(merged.len());
    let mut values = Vec::with_capacity(merged.len());
    for &(k, n) in &merged {
        indptr[(k >> 32) as usize + 1] += 1;
        indices.push(k as u32);
        values.push(n as f32);
    }
    for r in 0..rows {
        indptr[r + 1] += indptr[r];
    }
    Csr { rows, cols: v.n_ctx * slots, indptr, indices, values }
}

/// Replaces counts by positive PMI with context-distribution smoothing `cds`; entries that
/// become zero are removed.
pub fn ppmi(m: &mut Csr, cds: f64) {
    let mut col = vec![0f64; m.cols];
    let mut row = vec![0f64; m.rows];
    for (r, sum) in row.iter_mut().enumerate() {
        for k in m.indptr[r]..m.indptr[r + 1] {
            col[m.indices[k] as usize] += f64::from(m.values[k]);
            *sum += f64::from(m.values[k]);
        }
    }
    let smoothed: Vec<f64> = col.iter().map(|&c| c.powf(cds)).collect();
    let z: f64 = smoothed.iter().sum();
    let mut indptr = vec![0usize; m.rows + 1];
    let mut w = 0;
    for r in 0..m.rows {
        for k in m.indptr[r]..m.indptr[r + 1] {
            let c = m.indices[k] as usize;
            // pmi = log( P(w,c) / (P(w) P_cds(c)) ) = log( n(w,c) · Z / (n(w) · n(c)^cds) )
            let pmi = (f64::from(m.values[k]) * z / (row[r] * smoothed[c])).ln();
            if pmi > 0.0 {
                m.indices[w] = c as u32;
                m.values[w] = pmi as f32;
                w += 1;
            }
        }
        indptr[r + 1] = w;
    }
    m.indices.truncate(w);
    m.values.truncate(w);
    m.indptr = indptr;
}

/// A dense row-major matrix.
#[derive(Clone)]
pub struct Dense {
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// `rows × cols` values, row by row.
    pub data: Vec<f64>,
}

impl Dense {
    fn zeros(rows: usize, cols: usize) -> Dense {
        Dense { rows, cols, data: vec![0.0; rows * cols] }
    }
    fn row(&self, r: usize) -> &[f64] {
        &self.data[r * self.cols..(r + 1) * self.cols]
    }
}

/// SplitMix64: a small, fast, seedable generator (the build must be reproducible).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in (0, 1].
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 / (1u64 << 53) as f64
    }
    /// Standard normal (Box–Muller).
    pub fn gaussian(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// `A · X` for sparse `A` and dense `X`, rows split across threads.
fn spmm(a: &Csr, x: &Dense, threads: usize) -> Dense {
    let mut y = Dense::zeros(a.rows, x.cols);
    let l = x.cols;
    let per = a.rows.div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        for (ci, chunk) in y.data.chunks_mut(per * l).enumerate() {
            s.spawn(move || {
                for (i, out) in chunk.chunks_mut(l).enumerate() {
                    let r = ci * per + i;
                    for k in a.indptr[r]..a.indptr[r + 1] {
                        let v = f64::from(a.values[k]);
                        for (o, xv) in out.iter_mut().zip(x.row(a.indices[k] as usize)) {
                            *o += v * xv;
                        }
                    }
                }
            });
        }
    });
    y
}

/// `Xᵀ X` (cols × cols), partial sums per thread added in a fixed order.
fn gram(x: &Dense, threads: usize) -> Vec<f64> {
    let l = x.cols;
    let per = x.rows.div_ceil(threads.max(1)).max(1);
    let parts: Vec<Vec<f64>> = std::thread::scope(|s| {
        let hs: Vec<_> = x
            .data
            .chunks(per * l)
            .map(|chunk| {
                s.spawn(move || {
                    let mut g = vec![0f64; l * l];
                    for row in chunk.chunks(l) {
                        for i in 0..l {
                            let ri = row[i];
                            if ri == 0.0 {
                                continue;
                            }
                            let gi = &mut g[i * l..(i + 1) * l];
                            for j in i..l {
                                gi[j] += ri * row[j];
                            }
                        }
                    }
                    g
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("gram thread")).collect()
    });
    let mut g = vec![0f64; l * l];
    for p in parts {
        for (a, b) in g.iter_mut().zip(p) {
            *a += b;
        }
    }
    for i in 0..l {
        for j in 0..i {
            g[i * l + j] = g[j * l + i];
        }
    }
    g
}

/// Upper Cholesky factor `R` of a symmetric positive definite `g` (`g = RᵀR`), or `None`.
fn cholesky(g: &[f64], l: usize) -> Option<Vec<f64>> {
    let mut r = vec![0f64; l * l];
    for j in 0..l {
        let mut d = g[j * l + j];
        for k in 0..j {
            d -= r[k * l + j] * r[k * l + j];
        }
        if d <= 1e-12 * g[j * l + j].abs().max(1e-300) {
            return None;
        }
        let d = d.sqrt();
        r[j * l + j] = d;
        for i in j + 1..l {
            let mut s = g[j * l + i];
            for k in 0..j {
                s -= r[k * l + j] * r[k * l + i];
            }
            r[j * l + i] = s / d;
        }
    }
    Some(r)
}

/// Orthonormalizes the columns of `x` in place (Cholesky QR, twice, for accuracy; modified
/// Gram–Schmidt if the Gram matrix is too ill-conditioned).
fn orthonormalize(x: &mut Dense, threads: usize) {
    for _ in 0..2 {
        let l = x.cols;
        let g = gram(x, threads);
        let Some(r) = cholesky(&g, l) else {
            gram_schmidt(x);
            return;
        };
        // Each row y becomes y R⁻¹: solve z R = y by forward substitution.
        let per = x.rows.div_ceil(threads.max(1)).max(1);
        std::thread::scope(|s| {
            for chunk in x.data.chunks_mut(per * l) {
                let r = &r;
                s.spawn(move || {
                    for row in chunk.chunks_mut(l) {
                        for j in 0..l {
                            let mut v = row[j];
                            for k in 0..j {
                                v -= row[k] * r[k * l + j];
                            }
                            row[j] = v / r[j * l + j];
                        }
                    }
                });
            }
        });
    }
}

fn gram_schmidt(x: &mut Dense) {
    let (n, l) = (x.rows, x.cols);
    for j in 0..l {
        let norm = (0..n).map(|r| x.data[r * l + j].powi(2)).sum::<f64>().sqrt();
        for r in 0..n {
            x.data[r * l + j] = if norm > 0.0 { x.data[r * l + j] / norm } else { 0.0 };
        }
        let mut dots = vec![0f64; l];
        for r in 0..n {
            let row = &x.data[r * l..(r + 1) * l];
            for k in j + 1..l {
                dots[k] += row[j] * row[k];
            }
        }
        for r in 0..n {
            let row = &mut x.data[r * l..(r + 1) * l];
            let rj = row[j];
            for k in j + 1..l {
                row[k] -= dots[k] * rj;
            }
        }
    }
}

/// Eigenvalues (descending) and eigenvectors (columns of an `l × l` row-major matrix) of a
/// symmetric matrix, by cyclic Jacobi rotations.
fn sym_eig(mut a: Vec<f64>, l: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0f64; l * l];
    for i in 0..l {
        v[i * l + i] = 1.0;
    }
    for _sweep in 0..100 {
        let off: f64 = (0..l)
            .flat_map(|i| (0..l).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * l + j].powi(2))
            .sum();
        let diag: f64 = (0..l).map(|i| a[i * l + i].powi(2)).sum();
        if off <= 1e-24 * diag.max(1e-300) {
            break;
        }
        for p in 0..l {
            for q in p + 1..l {
                let apq = a[p * l + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let (app, aqq) = (a[p * l + p], a[q * l + q]);
                let theta = (aqq - app) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..l {
                    let (akp, akq) = (a[k * l + p], a[k * l + q]);
                    a[k * l + p] = c * akp - s * akq;
                    a[k * l + q] = s * akp + c * akq;
                }
                for k in 0..l {
                    let (apk, aqk) = (a[p * l + k], a[q * l + k]);
                    a[p * l + k] = c * apk - s * aqk;
                    a[q * l + k] = s * apk + c * aqk;
                }
                for k in 0..l {
                    let (vkp, vkq) = (v[k * l + p], v[k * l + q]);
                    v[k * l + p] = c * vkp - s * vkq;
                    v[k * l + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..l).collect();
    order.sort_by(|&i, &j| a[j * l + j].total_cmp(&a[i * l + i]).then(i.cmp(&j)));
    let vals = order.iter().map(|&i| a[i * l + i]).collect();
    let mut vecs = vec![0f64; l * l];
    for (new, &old) in order.iter().enumerate() {
        for k in 0..l {
            vecs[k * l + new] = v[k * l + old];
        }
    }
    (vals, vecs)
}

/// Word vectors: the top `dims` left singular vectors of `a` scaled by σ^`eig_weight`, rows
/// normalized to unit length. Returns the vectors (rows × dims, f32) and the singular values.
pub fn embed(a: &Csr, p: &Params) -> (Vec<f32>, Vec<f64>) {
    let at = a.transpose();
    let l = (p.dims + p.oversample).min(a.cols).min(a.rows).max(1);
    let mut rng = Rng::new(p.seed);
    let omega = Dense { rows: a.cols, cols: l, data: (0..a.cols * l).map(|_| rng.gaussian()).collect() };
    let mut q = spmm(a, &omega, p.threads);
    orthonormalize(&mut q, p.threads);
    for _ in 0..p.power_iters {
        let mut z = spmm(&at, &q, p.threads);
        orthonormalize(&mut z, p.threads);
        q = spmm(a, &z, p.threads);
        orthonormalize(&mut q, p.threads);
    }
    // B = Qᵀ A; its Gram B Bᵀ = (Aᵀ Q)ᵀ (Aᵀ Q) gives the left singular vectors of B.
    let bt = spmm(&at, &q, p.threads);
    let (vals, vecs) = sym_eig(gram(&bt, p.threads), l);
    let dims = p.dims.min(l);
    let sigma: Vec<f64> = vals.iter().take(dims).map(|&v| v.max(0.0).sqrt()).collect();
    let scale: Vec<f64> = sigma.iter().map(|s| s.powf(p.eig_weight)).collect();
    let mut out = vec![0f32; a.rows * dims];
    for r in 0..a.rows {
        let qr = q.row(r);
        let o = &mut out[r * dims..(r + 1) * dims];
        for (j, oj) in o.iter_mut().enumerate() {
            let mut s = 0.0;
            for (k, qk) in qr.iter().enumerate() {
                s += qk * vecs[k * l + j];
            }
            *oj = (s * scale[j]) as f32;
        }
        let norm = o.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            o.iter_mut().for_each(|x| *x /= norm);
        }
    }
    (out, sigma)
}

/// Divisive 2-means over unit vectors `x` (rows × `dims`) with weights `w`: the path of each
/// row as `1 << len | bits`.
pub fn bisect(x: &[f32], dims: usize, w: &[f32], p: &Params) -> Vec<u32> {
    let n = w.len();
    let mut paths = vec![1u32; n];
    let depth = p.depth.min(super::clusters::MAX_PATH_LEN);
    let all: Vec<u32> = (0..n as u32).collect();
    if n < 2 || depth == 0 {
        return paths;
    }
    // Split the root here, then each half of the tree on its own thread.
    let (zero, one) = split(x, dims, w, &all, p, 1);
    let halves = [(zero, 0b10u32), (one, 0b11u32)];
    let results: Vec<Vec<(u32, u32)>> = std::thread::scope(|s| {
        let hs: Vec<_> = halves
            .iter()
            .map(|(members, path)| {
                let (members, path) = (members.clone(), *path);
                s.spawn(move || {
                    let mut out = Vec::with_capacity(members.len());
                    let mut stack = vec![(members, path)];
                    while let Some((m, path)) = stack.pop() {
                        if m.len() < 2 || super::clusters::path_len(path) >= depth {
                            out.extend(m.iter().map(|&i| (i, path)));
                            continue;
                        }
                        let (a, b) = split(x, dims, w, &m, p, path);
                        stack.push((a, path << 1));
                        stack.push((b, path << 1 | 1));
                    }
                    out
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("bisection thread")).collect()
    });
    for (i, path) in results.into_iter().flatten() {
        paths[i as usize] = path;
    }
    paths
}

/// Splits `members` in two by weighted 2-means; the heavier half comes first.
fn split(x: &[f32], d: usize, w: &[f32], members: &[u32], p: &Params, path: u32) -> (Vec<u32>, Vec<u32>) {
    let row = |i: u32| &x[i as usize * d..(i as usize + 1) * d];
    let total: f64 = members.iter().map(|&i| f64::from(w[i as usize])).sum();
    let mut mean = vec![0f64; d];
    for &i in members {
        let wi = f64::from(w[i as usize]);
        for (m, &v) in mean.iter_mut().zip(row(i)) {
            *m += wi * f64::from(v);
        }
    }
    mean.iter_mut().for_each(|m| *m /= total.max(1e-300));
    // First principal direction of the node by power iteration from a seeded start.
    let mut rng = Rng::new(p.seed ^ u64::from(path).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut dir: Vec<f64> = (0..d).map(|_| rng.gaussian()).collect();
    let mut proj = vec![0f64; members.len()];
    for _ in 0..12 {
        let mut next = vec![0f64; d];
        for (k, &i) in members.iter().enumerate() {
            let r = row(i);
            let t: f64 = r.iter().zip(&mean).zip(&dir).map(|((&v, m), u)| (f64::from(v) - m) * u).sum();
            proj[k] = t;
            let wt = f64::from(w[i as usize]) * t;
            for ((nx, &v), m) in next.iter_mut().zip(r).zip(&mean) {
                *nx += wt * (f64::from(v) - m);
            }
        }
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm == 0.0 {
            break;
        }
        dir = next.into_iter().map(|v| v / norm).collect();
    }
    for (k, &i) in members.iter().enumerate() {
        proj[k] = row(i).iter().zip(&mean).zip(&dir).map(|((&v, m), u)| (f64::from(v) - m) * u).sum();
    }
    let mut side: Vec<bool> = proj.iter().map(|&t| t > 0.0).collect();
    // Lloyd iterations of 2-means from that split.
    for _ in 0..p.kmeans_iters {
        let mut c = [vec![0f64; d], vec![0f64; d]];
        let mut cw = [0f64; 2];
        for (k, &i) in members.iter().enumerate() {
            let s = side[k] as usize;
            let wi = f64::from(w[i as usize]);
            cw[s] += wi;
            for (cv, &v) in c[s].iter_mut().zip(row(i)) {
                *cv += wi * f64::from(v);
            }
        }
        if cw[0] == 0.0 || cw[1] == 0.0 {
            break;
        }
        for s in 0..2 {
            c[s].iter_mut().for_each(|v| *v /= cw[s]);
        }
        // |x - c1|² < |x - c0|²  ⟺  x·(c1 - c0) > (|c1|² - |c0|²) / 2
        let diff: Vec<f64> = c[1].iter().zip(&c[0]).map(|(a, b)| a - b).collect();
        let thr = (c[1].iter().map(|v| v * v).sum::<f64>() - c[0].iter().map(|v| v * v).sum::<f64>()) / 2.0;
        let mut changed = false;
        for (k, &i) in members.iter().enumerate() {
            let t: f64 = row(i).iter().zip(&diff).map(|(&v, dd)| f64::from(v) * dd).sum();
            let s = t > thr;
            if s != side[k] {
                side[k] = s;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let (mut a, mut b): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    for (k, &i) in members.iter().enumerate() {
        if side[k] {
            b.push(i);
        } else {
            a.push(i);
        }
    }
    if a.is_empty() || b.is_empty() {
        // Identical points: cut the (frequency-ordered) list in half.
        let mut all = members.to_vec();
        b = all.split_off(all.len() / 2);
        a = all;
    }
    let weight = |v: &[u32]| v.iter().map(|&i| f64::from(w[i as usize])).sum::<f64>();
    if weight(&b) > weight(&a) {
        std::mem::swap(&mut a, &mut b);
    }
    (a, b)
}

/// The outcome of learning: every clustered word with its count and full path.
pub struct Learned {
    /// `(word, count, path)`, most frequent first.
    pub words: Vec<(String, u64, u32)>,
    /// Lines and word tokens read.
    pub lines: usize,
    /// Word and number tokens read.
    pub tokens: u64,
    /// Distinct word types read.
    pub types: usize,
    /// Time taken by each stage.
    pub timings: Vec<(&'static str, f64)>,
}

/// Learns clusters from a corpus already read.
pub fn learn_corpus(c: &Corpus, p: &Params, timings: &mut Vec<(&'static str, f64)>) -> Vec<(String, u64, u32)> {
    let t = Instant::now();
    let v = vocab(c, p);
    let mut m = cooccurrence(c, &v, p);
    timings.push(("co-occurrence", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    ppmi(&mut m, p.cds);
    timings.push(("ppmi", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    let (x, _sigma) = embed(&m, p);
    timings.push(("svd", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    let dims = x.len() / v.words.len().max(1);
    let weights: Vec<f32> = v
        .words
        .iter()
        .map(|&id| {
            let n = c.counts[id as usize] as f32;
            match p.weighting {
                0 => 1.0,
                2 => n.sqrt(),
                _ => n.ln().max(1.0),
            }
        })
        .collect();
    let paths = bisect(&x, dims, &weights, p);
    timings.push(("2-means", t.elapsed().as_secs_f64()));
    v.words.iter().zip(paths).map(|(&id, path)| (c.types[id as usize].clone(), c.counts[id as usize], path)).collect()
}

/// Reads `input` and learns clusters.
pub fn learn(input: &Path, p: &Params) -> Result<Learned, Error> {
    let mut timings = Vec::new();
    let t = Instant::now();
    let c = read_corpus(input, p.threads)?;
    timings.push(("read + tokenize", t.elapsed().as_secs_f64()));
    let words = learn_corpus(&c, p, &mut timings);
    Ok(Learned { words, lines: c.lines, tokens: c.word_tokens(), types: c.types.len(), timings })
}

/// The cluster file of the `keep_words` most frequent words, paths cut to `keep_bits`.
pub fn compile(words: &[(String, u64, u32)], p: &Params) -> Result<Vec<u8>, Error> {
    let entries =
        words.iter().take(p.keep_words).map(|(w, _, path)| (w.clone(), path_prefix(*path, p.keep_bits))).collect();
    write_paths(entries)
}

/// Words whose neighbours in the tree the report shows, per language.
pub fn probes(lang: crate::Lang) -> &'static [&'static str] {
    match lang {
        crate::Lang::En => &[
            "cairo",
            "baghdad",
            "london",
            "john",
            "michael",
            "smith",
            "january",
            "monday",
            "said",
            "announced",
            "company",
            "minister",
            "reuters",
            "dollars",
            "0000",
        ],
        _ => &[
            "القاهره",
            "بغداد",
            "لندن",
            "محمد",
            "احمد",
            "يناير",
            "الاثنين",
            "قال",
            "اعلن",
            "شركه",
            "وزير",
            "الرياض",
            "دولار",
            "0000",
        ],
    }
}

/// For each probe word: its path and the most frequent words sharing its first `bits` bits.
pub fn neighbours(words: &[(String, u64, u32)], probes: &[&str], bits: u32, n: usize) -> String {
    let mut out = String::new();
    for probe in probes {
        let Some((_, _, path)) = words.iter().find(|(w, _, _)| w == probe) else {
            let _ = writeln!(out, "  {probe}: (not in the vocabulary)");
            continue;
        };
        let pre = path_prefix(*path, bits);
        let same: Vec<&str> =
            words.iter().filter(|(_, _, q)| path_prefix(*q, bits) == pre).take(n).map(|(w, _, _)| w.as_str()).collect();
        let size = words.iter().filter(|(_, _, q)| path_prefix(*q, bits) == pre).count();
        let _ = writeln!(out, "  {probe} {} [{} words]: {}", path_string(pre), size, same.join(" "));
    }
    out
}

/// The outcome of a build.
pub struct Built {
    /// The cluster file.
    pub bytes: Vec<u8>,
    /// Its size after gzip -9.
    pub gzip_len: usize,
    /// What was learned.
    pub learned: Learned,
    /// A human-readable report.
    pub report: String,
    /// Seconds taken.
    pub seconds: f64,
}

/// Learns the clusters of `input` and compiles the file, with a report.
pub fn build(input: &Path, lang: crate::Lang, p: &Params) -> Result<Built, Error> {
    let t = Instant::now();
    let learned = learn(input, p)?;
    let bytes = compile(&learned.words, p)?;
    let gz = crate::lexicon::build::gzip_len(&bytes);
    let seconds = t.elapsed().as_secs_f64();
    let mut r = String::new();
    let _ = writeln!(
        r,
        "{}: {} lines, {} word tokens, {} word types; {} words clustered, {} written",
        input.display(),
        learned.lines,
        learned.tokens,
        learned.types,
        learned.words.len(),
        learned.words.len().min(p.keep_words)
    );
    let _ = writeln!(r, "parameters: {}", p.describe());
    let stages: Vec<String> = learned.timings.iter().map(|(s, t)| format!("{s} {t:.1}s")).collect();
    let _ = writeln!(r, "time: {seconds:.1}s ({})", stages.join(", "));
    let _ = writeln!(r, "size: {} bytes, {} gzip", bytes.len(), gz);
    for bits in [6, 10, 14] {
        let _ = writeln!(r, "clusters at {bits} bits (most frequent members):");
        r.push_str(&neighbours(&learned.words, probes(lang), bits, 14));
    }
    Ok(Built { bytes, gzip_len: gz, learned, report: r, seconds })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eigen_and_orthonormal() {
        let a = vec![4.0, 1.0, 0.0, 1.0, 3.0, 0.5, 0.0, 0.5, 1.0];
        let (vals, vecs) = sym_eig(a.clone(), 3);
        assert!(vals[0] >= vals[1] && vals[1] >= vals[2]);
        for j in 0..3 {
            // A v = λ v
            for i in 0..3 {
                let av: f64 = (0..3).map(|k| a[i * 3 + k] * vecs[k * 3 + j]).sum();
                assert!((av - vals[j] * vecs[i * 3 + j]).abs() < 1e-9);
            }
        }
        let mut rng = Rng::new(7);
        let mut x = Dense { rows: 50, cols: 4, data: (0..200).map(|_| rng.gaussian()).collect() };
        orthonormalize(&mut x, 2);
        let g = gram(&x, 1);
        for i in 0..4 {
            for j in 0..4 {
                assert!((g[i * 4 + j] - if i == j { 1.0 } else { 0.0 }).abs() < 1e-9);
            }
        }
    }

    /// A toy language: "the X sat" for animals, "in Y today" for towns. The tree must put
    /// the animals on one side and the towns on the other, identically on 1 and 2 threads.
    #[test]
    fn toy_corpus_separates_classes() {
        let animals = ["cat", "dog", "cow", "hen", "fox"];
        let towns = ["cairo", "tunis", "rome", "oslo", "lima"];
        let mut text = String::new();
        let mut rng = Rng::new(1);
        for _ in 0..3000 {
            let a = animals[(rng.next_u64() % 5) as usize];
            let t = towns[(rng.next_u64() % 5) as usize];
            let _ = writeln!(text, "the {a} sat in {t} today, the {a} ate in {t} in 1999.");
        }
        let p = Params { contexts: 50, dims: 4, oversample: 4, depth: 6, min_count: 1, ..Params::default() };
        let mut learned = Vec::new();
        for threads in [1, 2] {
            let c = tokenize_text(&text, threads);
            learned.push(learn_corpus(&c, &Params { threads, ..p.clone() }, &mut Vec::new()));
        }
        assert_eq!(learned[0], learned[1]);
        let path = |w: &str| learned[0].iter().find(|(x, _, _)| x == w).unwrap().2;
        let common = |a: &str, b: &str| {
            let (pa, pb) = (path(a), path(b));
            (1..=6).take_while(|&k| path_prefix(pa, k) == path_prefix(pb, k)).count()
        };
        for a in animals {
            for t in towns {
                assert!(common(a, "cat") > common(a, t), "{a} {t}");
                assert!(common(t, "cairo") > common(a, t), "{a} {t}");
            }
        }
        let bytes = compile(&learned[0], &p).unwrap();
        let c = super::super::clusters::Clusters::from_bytes(&bytes).unwrap();
        assert_eq!(c.get("1987"), c.get("0000"));
        assert!(c.get("0000").is_some());
    }
}
