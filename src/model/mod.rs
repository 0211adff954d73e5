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

use crate::text::Lang;
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

/// The model shipped for `lang`, if there is one.
pub fn embedded(lang: Lang) -> Option<&'static Model> {
    use std::sync::OnceLock;
    static AR: OnceLock<Option<Model>> = OnceLock::new();
    static EN: OnceLock<Option<Model>> = OnceLock::new();
    let (cell, weights, clusters): (_, &'static [u8], &'static [u8]) = match lang {
        Lang::Ar => (&AR, embedded_files::NER_AR, embedded_files::CLUSTERS_AR),
        _ => (&EN, embedded_files::NER_EN, embedded_files::CLUSTERS_EN),
    };
    cell.get_or_init(|| {
        // A damaged embedded file means no tagger (the lexicon and rules still work), not a panic.
        let tagger = Tagger::from_bytes(weights.to_vec()).ok()?;
        let clusters = Clusters::from_static(clusters).ok()?;
        Some(Model { tagger, clusters })
    })
    .as_ref()
}

/// The model files compiled into the library.
mod embedded_files {
    pub static NER_AR: &[u8] = include_bytes!("../../models/ner-ar.bin");
    pub static NER_EN: &[u8] = include_bytes!("../../models/ner-en.bin");
    pub static CLUSTERS_AR: &[u8] = include_bytes!("../../models/clusters-ar.bin");
    pub static CLUSTERS_EN: &[u8] = include_bytes!("../../models/clusters-en.bin");
}
