//! The pipeline, stage by stage. This is the only module that knows the order:
//!
//! 1. **normalize** the text into its matching form ([`crate::text::Normalized`]);
//! 2. **tokenize** the matching form ([`crate::text::tokenize`]);
//! 3. **candidates** from each source: the lexicon ([`crate::lexicon`]) today; rules for
//!    dates and amounts and the learned tagger join here;
//! 4. **resolve** overlaps into one sorted, non-overlapping list ([`crate::resolve`]);
//! 5. **identity**: group mentions of the same entity;
//! 6. **offsets**: convert byte offsets into the unit the caller asked for.

use crate::entity::{Entity, Kind, Source};
use crate::lexicon::{self, flags, Lexicon};
use crate::resolve::resolve;
use crate::text::{detect_lang, to_unit, tokenize, Lang, Normalized, OffsetUnit};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What the caller can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// The language of the texts, or `Auto` to detect it per text.
    pub lang: Lang,
    /// The unit of the returned offsets (UTF-16 code units unless told otherwise).
    pub offsets: OffsetUnit,
}

/// The result of annotating one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// The language the text was processed as.
    pub lang: Lang,
    /// The entities, sorted by start, non-overlapping.
    pub entities: Vec<Entity>,
}

/// Finds entities in texts. Cheap to create; holds references to the shipped resources.
#[derive(Debug, Clone)]
pub struct Annotator {
    options: Options,
    lexicon: Lexicon,
}

impl Default for Annotator {
    fn default() -> Self {
        Annotator::new(Options::default())
    }
}

impl Annotator {
    /// An annotator with the shipped lexicon.
    pub fn new(options: Options) -> Self {
        Annotator {
            options,
            lexicon: Lexicon::embedded().clone(),
        }
    }

    /// An annotator with another lexicon (tests, experiments with a freshly built one).
    pub fn with_lexicon(options: Options, lexicon: Lexicon) -> Self {
        Annotator { options, lexicon }
    }

    /// The options in use.
    pub fn options(&self) -> Options {
        self.options
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Annotates one text; offsets are in the unit of [`Options::offsets`].
    ///
    /// ```
    /// use noor::{Annotator, Kind, Options};
    /// let a = Annotator::new(Options::default());
    /// let out = a.annotate("وصل الوفد بالأمس إلى بموسكو 😀 ثم إلى Paris.");
    /// let places: Vec<&str> = out.entities.iter().filter(|e| e.kind == Kind::Loc).map(|e| e.text.as_str()).collect();
    /// assert_eq!(places, ["موسكو", "Paris"]);
    /// ```
    pub fn annotate(&self, text: &str) -> Annotation {
        let mut a = self.annotate_bytes(text);
        convert(text, &mut a.entities, self.options.offsets);
        a
    }

    /// Annotates one text with UTF-8 byte offsets, whatever the options say.
    pub fn annotate_bytes(&self, text: &str) -> Annotation {
        let lang = match self.options.lang {
            Lang::Auto => detect_lang(text),
            l => l,
        };
        // 1-2. Matching form and tokens.
        let norm = Normalized::new(text);
        let tokens = tokenize(&norm);
        // 3. Candidates.
        let mut candidates = Vec::new();
        for m in lexicon::find(&self.lexicon, &norm, &tokens) {
            if let Some(s) = m.senses(&self.lexicon, text).next() {
                candidates.push(Entity {
                    start: m.span.start,
                    end: m.span.end,
                    kind: s.kind,
                    text: String::new(),
                    score: if s.flags & flags::COUNTRY != 0 {
                        0.95
                    } else {
                        0.9
                    },
                    id: Some(s.id.to_string()),
                    canonical: (!s.canonical.is_empty()).then(|| s.canonical.to_string()),
                    group: None,
                    value: None,
                    source: Source::Lexicon,
                });
            }
        }
        // 4. Resolve.
        let mut entities = resolve(candidates);
        // 5. Identity: mentions with the same id share a group, numbered by first mention.
        let mut groups: HashMap<String, u32> = HashMap::new();
        for e in &mut entities {
            e.text = text[e.start..e.end].to_string();
            if let Some(id) = &e.id {
                let next = groups.len() as u32;
                e.group = Some(*groups.entry(id.clone()).or_insert(next));
            }
        }
        Annotation { lang, entities }
    }

    /// Tags pre-tokenized text with BIO tags over PER, ORG, LOC and MISC, one tag per
    /// token. The tokens are joined by spaces and annotated as one text; a token that an
    /// entity touches gets the entity's tag, so a token with a proclitic attached (بموسكو)
    /// is tagged as the name, the way ANERcorp annotates whole tokens.
    ///
    /// ```
    /// let a = noor::Annotator::default();
    /// let tags = a.tag_tokens(&["وصل", "إلى", "بموسكو", "أمس"]);
    /// assert_eq!(tags, ["O", "O", "B-LOC", "O"]);
    /// ```
    pub fn tag_tokens(&self, tokens: &[impl AsRef<str>]) -> Vec<String> {
        let mut text = String::new();
        let mut ranges = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            ranges.push(text.len()..text.len() + t.as_ref().len());
            text.push_str(t.as_ref());
        }
        let mut tags = vec!["O".to_string(); tokens.len()];
        let entities = self.annotate_bytes(&text).entities;
        let mut k = 0;
        for e in entities.iter().filter(|e| e.kind.is_name()) {
            while k < ranges.len() && ranges[k].end <= e.start {
                k += 1;
            }
            let mut first = true;
            let mut j = k;
            while j < ranges.len() && ranges[j].start < e.end {
                if tags[j] == "O" {
                    tags[j] = format!("{}-{}", if first { "B" } else { "I" }, e.kind);
                    first = false;
                }
                j += 1;
            }
        }
        tags
    }
}

/// Converts the byte offsets of `entities` into `unit`.
pub(crate) fn convert(text: &str, entities: &mut [Entity], unit: OffsetUnit) {
    if unit == OffsetUnit::Utf8 {
        return;
    }
    let mut offs: Vec<usize> = entities.iter().flat_map(|e| [e.start, e.end]).collect();
    to_unit(text, &mut offs, unit);
    for (e, pair) in entities.iter_mut().zip(offs.chunks_exact(2)) {
        e.start = pair[0];
        e.end = pair[1];
    }
}

/// Counts entities per kind (for summaries).
pub fn count_by_kind(entities: &[Entity]) -> Vec<(Kind, usize)> {
    Kind::ALL
        .iter()
        .map(|&k| (k, entities.iter().filter(|e| e.kind == k).count()))
        .filter(|&(_, n)| n > 0)
        .collect()
}
