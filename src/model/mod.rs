//! The learned tagger ([`tagger`]: decoding; `train`: the averaged perceptron, native only),
//! what it sees ([`features`]) and what it learns from besides labeled text: hierarchical
//! word clusters of the unlabeled news ([`clusters`]; learned natively by `clusters_build`)
//! and what a first tagger found in that news ([`priors`]; learned by `train`).

pub mod clusters;
#[cfg(not(target_arch = "wasm32"))]
pub mod clusters_build;
mod emissions;
pub mod features;
pub mod priors;
pub mod tagger;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use clusters::Clusters;
use tagger::Tagger;

/// A language's tagger with the word clusters its features use.
#[derive(Clone)]
pub struct Model {
    /// The trained weights.
    tagger: Tagger,
    /// The clusters of that language's unlabeled news.
    clusters: Clusters,
    /// Each word's partial emission sums, remembered across texts (see `emissions`).
    sums: std::sync::Arc<std::sync::Mutex<emissions::WordSums>>,
    /// The second stage's weights of [`features::doc_bias`] for each first-stage tag, looked
    /// up once here rather than for every token.
    doc_bias: [[i32; tagger::T]; tagger::T],
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model").field("tagger", &self.tagger).field("clusters", &self.clusters).finish()
    }
}

impl Model {
    /// A model from its tagger and clusters.
    pub fn new(tagger: Tagger, clusters: Clusters) -> Model {
        let doc_bias =
            std::array::from_fn(|tag| tagger.doc().map_or([0; tagger::T], |d| d.sum(&[features::doc_bias(tag)])));
        Model { tagger, clusters, sums: Default::default(), doc_bias }
    }

    /// The trained weights.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The word clusters the features use.
    pub fn clusters(&self) -> &Clusters {
        &self.clusters
    }

    /// Forgets the word sums remembered across texts: the next texts are tagged as by a
    /// fresh instance (benchmarks measure cold starts with it; the tags never change).
    pub fn clear_cache(&self) {
        self.word_sums().clear();
    }

    /// The cache of word sums, locked (emptied first if a panic left it poisoned).
    fn word_sums(&self) -> std::sync::MutexGuard<'_, emissions::WordSums> {
        crate::cache::lock_cache(&self.sums, emissions::WordSums::clear)
    }

    /// Tags the tokens of a text: BIO tag indices ([`tagger::TAGS`]) and a confidence per
    /// token of a name (the margin of the chosen tag over the next best, squashed into 0..1;
    /// 1 for a token tagged O, whose confidence no caller reads: an `exp` per token of the
    /// text took 3% of an Arabic pass).
    pub fn tag(
        &self,
        original: &str,
        norm: &crate::text::Normalized,
        tokens: &[crate::text::Token],
        lexicon: &crate::lexicon::Lexicon,
        matches: &[crate::lexicon::LexMatch],
    ) -> (Vec<usize>, Vec<f64>) {
        let (infos, em) = emissions::emissions(
            &mut self.word_sums(),
            &self.tagger,
            &self.clusters,
            original,
            norm,
            tokens,
            lexicon,
            matches,
        );
        let mut buf = Vec::with_capacity(64);
        // Each sentence is decoded on its own, as in training: one Viterbi path over the
        // whole text would let a name run on across a line break ("Glenn Somerville" then
        // the dateline "WASHINGTON" read as I-PER).
        let sentences = sentences(&infos);
        let mut scratch = Vec::new();
        let mut decode = |t: &Tagger, em: &[[f32; tagger::T]]| -> Vec<usize> {
            let mut tags = Vec::with_capacity(em.len());
            for r in &sentences {
                t.decode_into(&em[r.clone()], &mut scratch, &mut tags);
            }
            tags
        };
        let mut tags = decode(&self.tagger, &em);
        let mut em = em;
        if let Some(doc) = self.tagger.doc() {
            // Second stage: the same scores plus what the first stage found elsewhere in the text.
            let counts = features::DocCounts::new(infos.iter().map(|t| &t.doc).zip(tags.iter().copied()));
            for (i, e) in em.iter_mut().enumerate() {
                buf.clear();
                counts.features_varying(&infos[i].doc, tags[i], &mut buf);
                let mut s = doc.sum(&buf);
                for (v, b) in s.iter_mut().zip(&self.doc_bias[tags[i]]) {
                    *v += b;
                }
                for t in 0..tagger::T {
                    e[t] += s[t] as f32 * doc.scale();
                }
            }
            tags = decode(doc, &em);
        }
        let conf = tags
            .iter()
            .zip(&em)
            .map(|(&t, e)| {
                if t == 0 {
                    return 1.0; // outside any name: see above
                }
                let other = e.iter().enumerate().filter(|&(k, _)| k != t).map(|(_, v)| *v).fold(f32::MIN, f32::max);
                let margin = (e[t] - other) as f64;
                1.0 / (1.0 + (-margin).exp())
            })
            .collect();
        (tags, conf)
    }
}

/// The token ranges of the sentences of a text (see [`features::place`]).
fn sentences(infos: &[features::TokenInfo]) -> Vec<std::ops::Range<usize>> {
    runs(infos, |t| t.sent)
}

/// The ranges of consecutive items with the same key.
pub(crate) fn runs<T, K: PartialEq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut a = 0;
    for i in 1..=items.len() {
        if i == items.len() || key(&items[i]) != key(&items[a]) {
            out.push(a..i);
            a = i;
        }
    }
    out
}

/// The model shipped for `lang` (in its language pack, see [`crate::pack`]), if there is one.
#[cfg(feature = "embed")]
pub fn embedded(lang: crate::text::Lang) -> Option<&'static Model> {
    crate::pack::embedded(lang).and_then(|p| p.model.as_ref())
}

#[cfg(all(test, feature = "embed"))]
mod bench {
    /// Model-stage throughput (`NOOR_BENCH=FILE LANG cargo test --release --lib model::bench -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn model_stage_speed() {
        let Ok(spec) = std::env::var("NOOR_BENCH") else { return };
        let (path, lang) = spec.split_once(' ').unwrap_or((spec.as_str(), "en"));
        let lang = if lang == "ar" { crate::text::Lang::Ar } else { crate::text::Lang::En };
        let text = std::fs::read_to_string(path).unwrap();
        let model = super::embedded(lang).expect("model");
        let lexicon = crate::lexicon::Lexicon::embedded(lang);
        // Paragraph-sized texts, as a page gives them.
        let paras: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let prepared: Vec<_> = paras
            .iter()
            .map(|p| {
                let norm = crate::text::Normalized::new(p);
                let tokens = crate::text::tokenize(&norm);
                let matches = crate::lexicon::find(lexicon, &norm, &tokens);
                (p, norm, tokens, matches)
            })
            .collect();
        let n: usize = prepared.iter().map(|x| x.2.len()).sum();
        // CPU time of this thread (the machine may be shared): utime + stime in clock ticks.
        let cpu = || -> f64 {
            let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
            let f: Vec<&str> = s.rsplit(')').next().unwrap_or("").split_whitespace().collect();
            let t = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
            (t(11) + t(12)) / 100.0
        };
        for round in 0..3 {
            let t = std::time::Instant::now();
            let c = cpu();
            let mut k = 0;
            for _ in 0..5 {
                for (p, norm, tokens, matches) in &prepared {
                    k += model.tag(p, norm, tokens, lexicon, matches).0.len();
                }
            }
            let s = t.elapsed().as_secs_f64();
            let c = cpu() - c;
            eprintln!(
                "round {round}: {k} tokens in {s:.3} s wall, {c:.2} s CPU: {:.0} tokens/s wall, {:.0} tokens/CPU-s",
                5.0 * n as f64 / s,
                5.0 * n as f64 / c
            );
        }
    }
}
