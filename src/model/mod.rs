//! The learned tagger ([`tagger`]: decoding; `train`: the averaged perceptron, native only),
//! what it sees ([`features`]) and what it learns from besides labeled text: hierarchical
//! word clusters of the unlabeled news ([`clusters`]; learned natively by `clusters_build`).

pub mod clusters;
#[cfg(not(target_arch = "wasm32"))]
pub mod clusters_build;
pub mod features;
pub mod tagger;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use clusters::Clusters;
use tagger::Tagger;

/// A language's tagger with the word clusters its features use.
#[derive(Debug, Clone)]
pub struct Model {
    /// The trained weights.
    pub tagger: Tagger,
    /// The clusters of that language's unlabeled news.
    pub clusters: Clusters,
}

impl Model {
    /// Tags the tokens of a text: BIO tag indices ([`tagger::TAGS`]) and a confidence per
    /// token (the margin of the chosen tag over the next best, squashed into 0..1).
    pub fn tag(
        &self,
        original: &str,
        norm: &crate::text::Normalized,
        tokens: &[crate::text::Token],
        lexicon: &crate::lexicon::Lexicon,
        matches: &[crate::lexicon::LexMatch],
    ) -> (Vec<usize>, Vec<f64>) {
        let infos = features::token_infos(original, norm, tokens, lexicon, matches, &self.clusters);
        let mut buf = Vec::with_capacity(64);
        let em: Vec<[f32; tagger::T]> = (0..tokens.len())
            .map(|i| {
                buf.clear();
                features::features(&infos, i, &mut buf);
                self.tagger.score(&buf)
            })
            .collect();
        let tags = self.tagger.decode(&em);
        let conf = tags
            .iter()
            .zip(&em)
            .map(|(&t, e)| {
                let other = e.iter().enumerate().filter(|&(k, _)| k != t).map(|(_, v)| *v).fold(f32::MIN, f32::max);
                let margin = (e[t] - other) as f64;
                1.0 / (1.0 + (-margin).exp())
            })
            .collect();
        (tags, conf)
    }
}

/// The model shipped for `lang` (in its language pack, see [`crate::pack`]), if there is one.
#[cfg(feature = "embed")]
pub fn embedded(lang: crate::text::Lang) -> Option<&'static Model> {
    crate::pack::embedded(lang).and_then(|p| p.model.as_ref())
}
