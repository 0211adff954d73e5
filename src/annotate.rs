//! The pipeline, stage by stage. This is the only module that knows the order:
//!
//! 1. **normalize** the text into its matching form ([`crate::text::Normalized`]);
//! 2. **tokenize** the matching form ([`fn@crate::text::tokenize`]);
//! 3. **candidates** from each source: the learned tagger ([`crate::model`]), the lexicon
//!    and its patterns ([`crate::lexicon`]), the rules for dates, times and amounts
//!    ([`crate::rules`]) and the user's watchlist;
//! 4. **resolve** overlaps into one sorted, non-overlapping list ([`crate::resolve`]),
//!    then read the document as a whole: clubs named like a place or a word in a sports
//!    report, names of several words repeated where the tagger missed them, surnames of the
//!    full names found elsewhere in it;
//! 5. **identity**: choose each name's sense from the whole document, group mentions of
//!    the same entity ([`crate::identity`]);
//! 6. **offsets**: convert byte offsets into the unit the caller asked for.

use crate::entity::{Entity, Kind, Source};
use crate::identity::{self, Mentions};
use crate::lexicon::{self, flags, Domain, LexMatch, Lexicon, Sense, Term, Watchlist};
use crate::model::Model;
use crate::pack::Pack;
use crate::resolve::resolve;
use crate::text::{
    read_languages, to_unit, tokenize, Lang, Normalized, OffsetUnit, Reading, TaggerUse, Token, TokenKind,
};
use crate::Error;
// Maps keyed by the words and spans of one text: FxHash is several times faster than SipHash
// on such short keys (SipHash was ~3% of annotating), and a page crafted to make them collide
// could only slow its own annotation down, at the sizes of a page.
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What the caller can choose.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// The language of the texts, or `Auto` to detect it per text.
    pub lang: Lang,
    /// The unit of the returned offsets (UTF-16 code units unless told otherwise).
    pub offsets: OffsetUnit,
    /// The publication day (`YYYY-MM-DD`) that relative dates ("أمس", "last week") resolve
    /// against; without it they keep a relative value.
    pub reference_date: Option<String>,
    /// Skip the learned tagger: only the lexicon, its patterns, the rules and the watchlist
    /// (faster, and predictable: every name found is a name on a list).
    pub lexicon_only: bool,
    /// Only these types (all when absent), e.g. names without dates and amounts.
    pub types: Option<Vec<Kind>>,
}

/// The result of annotating one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// The language the text was processed as.
    pub lang: Lang,
    /// The entities, sorted by start, non-overlapping.
    pub entities: Vec<Entity>,
}

/// Finds entities in texts. Cheap to create and to clone: the language packs are shared.
#[derive(Debug, Clone)]
pub struct Annotator {
    options: Options,
    watchlist: Watchlist,
    /// The loaded language pack of each language (Arabic, English).
    packs: [Option<Arc<Pack>>; 2],
}

fn slot(lang: Lang) -> usize {
    if lang == Lang::Ar {
        0
    } else {
        1
    }
}

impl Default for Annotator {
    fn default() -> Self {
        Annotator::new(Options::default())
    }
}

impl Annotator {
    /// An annotator with the language packs compiled into the library (feature `embed`, the
    /// default); without that feature it starts with none: see [`Annotator::load_pack`].
    pub fn new(options: Options) -> Self {
        #[cfg(feature = "embed")]
        let packs = [crate::pack::embedded(Lang::Ar).cloned(), crate::pack::embedded(Lang::En).cloned()];
        #[cfg(not(feature = "embed"))]
        let packs = [None, None];
        Annotator { options, watchlist: Watchlist::default(), packs }
    }

    /// An annotator that uses `lexicon` for every language, with the shipped taggers (tests,
    /// experiments with a freshly built lexicon).
    pub fn with_lexicon(options: Options, lexicon: Lexicon) -> Self {
        let mut a = Annotator::new(options);
        for (i, lang) in [Lang::Ar, Lang::En].into_iter().enumerate() {
            let model = a.packs[i].as_ref().and_then(|p| p.model.clone());
            a.packs[i] = Some(Arc::new(Pack { lang, lexicon: lexicon.clone(), model }));
        }
        a
    }

    /// Loads a language pack from the bytes of a `.pack` file ([`crate::pack`]) and returns
    /// its language; it replaces any pack of that language.
    pub fn load_pack(&mut self, bytes: &[u8]) -> Result<Lang, Error> {
        let pack = Pack::from_bytes(bytes)?;
        let lang = pack.lang;
        self.packs[slot(lang)] = Some(Arc::new(pack));
        Ok(lang)
    }

    /// The languages whose pack is loaded.
    pub fn languages(&self) -> Vec<Lang> {
        [Lang::Ar, Lang::En].into_iter().filter(|&l| self.packs[slot(l)].is_some()).collect()
    }

    /// The options in use.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Uses `model` as the tagger for `lang` (`None`: no tagger, lexicon and rules only).
    pub fn with_model(mut self, lang: Lang, model: Option<Model>) -> Self {
        let cell = &mut self.packs[slot(lang)];
        let lexicon = cell.as_ref().map_or_else(Lexicon::empty, |p| p.lexicon.clone());
        *cell = Some(Arc::new(Pack { lang, lexicon, model }));
        self
    }

    /// The lexicon used for texts in `lang` (empty if its pack is not loaded).
    pub fn lexicon(&self, lang: Lang) -> Lexicon {
        self.packs[slot(lang)].as_ref().map_or_else(Lexicon::empty, |p| p.lexicon.clone())
    }

    /// Adds names to watch; they are found like lexicon names and win over every other source.
    ///
    /// ```
    /// use noor::{Annotator, Kind, lexicon::Term};
    /// let mut a = Annotator::default();
    /// a.add_terms(vec![Term { text: "حي الزيتون".into(), kind: Kind::Loc, id: Some("me:zaytoun".into()), label: None }]).unwrap();
    /// let e = &a.annotate("قصف في بحي الزيتون").entities[0];
    /// assert_eq!((e.text.as_str(), e.id.as_deref()), ("حي الزيتون", Some("me:zaytoun")));
    /// ```
    pub fn add_terms(&mut self, terms: Vec<Term>) -> Result<(), Error> {
        self.watchlist.add(terms)
    }

    /// Removes watched names by text (any spelling) or id; returns how many were removed.
    pub fn remove_terms(&mut self, which: &[String]) -> Result<usize, Error> {
        self.watchlist.remove(which)
    }

    /// The watched names.
    pub fn terms(&self) -> &[Term] {
        self.watchlist.terms()
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
        self.annotate_many(&[text]).pop().unwrap_or(Annotation { lang: Lang::En, entities: Vec::new() })
    }

    /// Annotates the texts of one document (the blocks of a page, the paragraphs of an
    /// article): each text gets its own entities, while identity is decided over all of them,
    /// so a place is disambiguated by the whole document and `group` numbers are shared.
    ///
    /// ```
    /// let a = noor::Annotator::default();
    /// let out = a.annotate_many(&["زار وفد من الأردن", "ثم وصل إلى عمان"]);
    /// assert_eq!(out[1].entities[0].canonical.as_deref(), Some("Amman"));
    /// ```
    pub fn annotate_many(&self, texts: &[&str]) -> Vec<Annotation> {
        self.run(texts, self.options.offsets, false)
    }

    /// Annotates one text with UTF-8 byte offsets, whatever the options say.
    pub fn annotate_bytes(&self, text: &str) -> Annotation {
        self.run(&[text], OffsetUnit::Utf8, false).pop().unwrap_or(Annotation { lang: Lang::En, entities: Vec::new() })
    }

    /// The names of one text with UTF-8 byte offsets, as a CoNLL corpus annotates them (see
    /// [`Annotator::tag_tokens`]): a name the tagger found inside a date or an amount
    /// ("دولار" in "مليون دولار", MISC in ANERcorp) is not hidden by it.
    pub(crate) fn names_bytes(&self, text: &str) -> Vec<Entity> {
        let mut a = self.run(&[text], OffsetUnit::Utf8, true);
        a.pop().map(|a| a.entities.into_iter().filter(|e| e.kind.is_name()).collect()).unwrap_or_default()
    }

    /// The whole pipeline over the texts of one document; `names_only`: the CoNLL view, where
    /// dates, times and amounts yield to the tagger's names they overlap.
    fn run(&self, texts: &[&str], unit: OffsetUnit, names_only: bool) -> Vec<Annotation> {
        // 0. Which pack reads each text, and whether its tagger may (see `text::script`): a
        // language chosen by the caller is taken at its word.
        let readings = match self.options.lang {
            Lang::Auto => read_languages(texts),
            lang => vec![Reading { lang, tagger: TaggerUse::All }; texts.len()],
        };
        let mut recs: Vec<Recognized> =
            texts.iter().zip(readings).map(|(t, reading)| self.recognize(t, reading, names_only)).collect();
        // 4b. Document context: in a sports report, clubs named like places or words are clubs.
        sports_context(texts, &mut recs);
        // A lone head noun ("البنك" after "البنك التجاري") refers back to a name; it is not one.
        let mut keys = lexicon::NameKeys::default();
        drop_anaphoric_heads(&mut recs, &mut keys);
        // 4c. Document consistency: a name of several words found once is found wherever it is
        // repeated, and a surname seen in a full name is found on its own too.
        propagate_names(texts, &mut recs, &mut keys);
        propagate_surnames(texts, &mut recs, &mut keys);
        // 5. Identity over the whole document.
        let mut docs: Vec<Mentions> = recs.iter_mut().map(|r| std::mem::take(&mut r.mentions)).collect();
        identity::assign(&mut docs, &mut keys);
        // 6. Offsets in the caller's unit.
        docs.into_iter()
            .zip(recs)
            .zip(texts)
            .map(|((mut d, r), text)| {
                if let Some(types) = &self.options.types {
                    d.entities.retain(|e| types.contains(&e.kind));
                }
                convert(text, &mut d.entities, unit);
                Annotation { lang: r.lang, entities: d.entities }
            })
            .collect()
    }

    /// Stages 1 to 4 for one text: resolved entities (byte offsets) with their lexicon senses.
    // Each stage of the pipeline stays a function of its own in the wasm build
    // (`#[inline(never)]` here and on the stages it calls): V8 compiles a wasm function with
    // Liftoff on its first call, in a time that grows faster than the function's size, and
    // with every stage inlined `annotate` was one 71 KB function that took 10 ms of a 50 ms
    // start-up to compile (wasm-opt's inliner is capped for the same reason: `WASM_OPT_FLAGS`
    // in the Makefile). The calls cost nothing measurable: they are made once per text.
    #[inline(never)]
    fn recognize(&self, text: &str, reading: Reading, names_only: bool) -> Recognized {
        let lang = reading.lang;
        // The tagger is trusted in the language it learned. In another language in Latin
        // letters (German) only the persons it finds that start with a given name on our
        // lists are kept; in Persian and in other scripts (Russian) it does not run: there the
        // text gets what needs no tagger, as with `lexicon_only` (see `text::script`).
        let lexicon_only = self.options.lexicon_only || reading.tagger == TaggerUse::None;
        let persons_only = reading.tagger == TaggerUse::Persons;
        // The language's pack: without one, only the rules and the watchlist speak.
        let pack = self.packs[slot(lang)].as_deref();
        let lexicon = pack.map_or_else(Lexicon::empty, |p| p.lexicon.clone());
        // 1-2. Matching form and tokens.
        let norm = Normalized::new(text);
        let tokens = tokenize(&norm);
        // 3. Candidates, each with the lexicon senses it may name.
        let mut candidates = Vec::new();
        let mut senses_at: FxHashMap<(usize, usize), Vec<usize>> = FxHashMap::default();
        let matches = lexicon::find(&lexicon, &norm, &tokens);
        let mut sports = 0;
        let mut clubs = Vec::new();
        // Persian (Arabic letters, no tagger): our Arabic lists' names that are everyday
        // Persian words are not names there (see `lexicon::persian`).
        let persian = lang == Lang::Ar && reading.tagger == TaggerUse::None;
        for m in &matches {
            if persian
                && !lexicon::persian::keeps(
                    m.skip,
                    tokens[m.tokens.clone()].iter().map(|t| &norm.as_str()[t.norm.clone()]),
                )
            {
                continue;
            }
            // Names that are also ordinary words wait for the tagger; nationality adjectives
            // are MISC in English news and unmarked in Arabic news (as in ANERcorp). Clubs
            // named like a place or a word wait for the document (`sports_context`). The
            // flags are read without decoding the senses' strings: only the chosen one is.
            let mut senses = Vec::new();
            let mut club = Vec::new();
            for i in m.sense_indices(&lexicon, text) {
                let Some((kind, fl)) = lexicon.sense_kind(i) else { continue };
                if fl & (flags::CONTEXT | flags::NAME_TOKEN) == 0 && (fl & flags::DEMONYM == 0 || lang == Lang::En) {
                    senses.push(i);
                } else if kind == Kind::Org && fl & flags::CONTEXT != 0 && lexicon.sense_domain(i) == Domain::Sports {
                    club.push(i);
                }
            }
            if !club.is_empty() {
                clubs.push((m.span.clone(), club));
            }
            let Some(s) = senses.first().and_then(|&i| lexicon.sense(i)) else { continue };
            if s.domain == Domain::Sports {
                sports += 1;
            }
            let mut e = entity(m, &s, Source::Lexicon);
            if s.kind == Kind::Org && lang == Lang::Ar {
                e.start = tokens[after_club_word(&norm, &tokens, m.tokens.start, m.tokens.end)].span.start.max(e.start);
            }
            senses_at.entry((e.start, e.end)).or_insert(senses);
            candidates.push(e);
        }
        // Names in the other script (Zürich in an Arabic article) come from the other language's
        // pack when it is loaded, with their most prominent sense: the document's context is
        // read in its own language. Most texts have no such token, and then no second pass.
        let other = self.packs[1 - slot(lang)].as_deref().filter(|_| {
            tokens.iter().any(|t| {
                t.kind == TokenKind::Word
                    && crate::text::arabic::is_arabic_word(&norm.as_str()[t.norm.clone()]) != (lang == Lang::Ar)
            })
        });
        if let Some(other) = other {
            let usable =
                |s: &Sense<'_>| s.flags & (flags::CONTEXT | flags::NAME_TOKEN) == 0 && (s.flags & flags::DEMONYM == 0);
            for m in lexicon::find(&other.lexicon, &norm, &tokens) {
                if let Some(s) = m.senses(&other.lexicon, text).find(|s| usable(s)) {
                    candidates.push(entity(&m, &s, Source::Lexicon));
                }
            }
        }
        let model = if lexicon_only { None } else { pack.and_then(|p| p.model.as_ref()) };
        // Where the tagger found any name, kept or not (byte spans; only where it keeps persons
        // alone: see the resolver's call below).
        let mut heard: Vec<(usize, usize)> = Vec::new();
        if let Some(model) = model {
            // The whole text at once: the tagger's word window stops at line breaks (it learned from
            // single sentences), while its second stage reads what it found in the whole text.
            // A text far longer than any article is tagged in parts cut at line breaks, so that
            // the tagger's per-token working memory stays bounded.
            let (tags, conf) = tag_in_parts(model, text, &norm, &tokens, &lexicon, &matches);
            let words = TextWords { norm: &norm, tokens: &tokens, set: Default::default() };
            let chunks = crate::model::tagger::chunks(&tags);
            for (ty, a, b) in chunks.into_iter().flat_map(|(ty, a, b)| {
                split_at_conjunction(&lexicon, text, &norm, &tokens, &matches, a, b).map(move |(a, b)| (ty, a, b))
            }) {
                // The type of a chunk is that of its B tag ("B-PER").
                let Some(kind) = crate::model::tagger::TAGS[2 * ty - 1].strip_prefix("B-").and_then(Kind::parse) else {
                    continue;
                };
                // A name does not start on punctuation, nor end on it but for what belongs to
                // it (see `name_end`), and each language's tagger speaks for its own script
                // only: Latin names in Arabic text are the lexicon's (and the other way round).
                let Some(a) = (a..b).find(|&i| tokens[i].kind != TokenKind::Punct) else { continue };
                let Some(b) = name_end(&norm, &tokens, a, b) else { continue };
                let first = &norm.as_str()[tokens[a].norm.clone()];
                if crate::text::arabic::is_arabic_word(first) != (lang == Lang::Ar) {
                    continue;
                }
                if persons_only {
                    heard.push((tokens[a].span.start, tokens[b - 1].span.end));
                    if !(kind == Kind::Per && starts_with_given_name(&lexicon, text, &tokens, &matches, a, b)) {
                        continue;
                    }
                }
                // Confidence: the weakest token's margin, squashed; two decimals are all it is worth.
                let a = if kind == Kind::Org && lang == Lang::Ar { after_club_word(&norm, &tokens, a, b) } else { a };
                let a = if kind == Kind::Per && lang == Lang::Ar {
                    given_name_before(&lexicon, text, &norm, &tokens, &matches, &tags, a)
                } else {
                    a
                };
                let score = (conf[a..b].iter().copied().fold(1.0, f64::min).max(0.01) * 100.0).round() / 100.0;
                let start = name_start(&lexicon, &norm, &tokens[a], &words);
                // A person's name goes on past an honorific and over a foreign family name
                // the tagger left out ("سليم بك كرماروف"), where it tagged nothing else.
                let b = match kind {
                    Kind::Org if lang == Lang::Ar => org_end_before_demonym(&lexicon, &norm, &tokens, &matches, a, b),
                    Kind::Per if lang == Lang::Ar => {
                        let e = lexicon::titles::extend_person(&lexicon, &norm, &tokens, b);
                        if tags[b..e].iter().all(|&t| t == 0) {
                            e
                        } else {
                            b
                        }
                    }
                    _ => b,
                };
                candidates.push(Entity::candidate(start, tokens[b - 1].span.end, kind, score, Source::Model));
            }
        }
        candidates.extend(crate::rules::find(text, &norm, &tokens, self.options.reference_date.as_deref()));
        for m in lexicon::patterns::find(&lexicon, text, &norm, &tokens) {
            candidates.push(Entity::candidate(m.span.start, m.span.end, Kind::Org, 0.85, Source::Rules));
        }
        candidates.extend(crate::rules::works::find(text, &norm, &tokens));
        if lang == Lang::Ar && !lexicon_only && !persons_only {
            // Weaker than the tagger: ranked as a lexicon match, it yields to any name the
            // tagger found where it overlaps, and speaks where the tagger found nothing.
            for m in lexicon::titles::find(&lexicon, &norm, &tokens) {
                candidates.push(Entity::candidate(m.span.start, m.span.end, Kind::Per, 0.6, Source::Lexicon));
            }
        }
        for m in lexicon::find(self.watchlist.lexicon(), &norm, &tokens) {
            if let Some(s) = m.senses(self.watchlist.lexicon(), text).next() {
                candidates.push(entity(&m, &s, Source::User));
            }
        }
        if names_only {
            // The CoNLL view: a name the tagger found inside (or across) a date or an amount
            // wins over it; dates and amounts still hide the weaker guesses they overlap.
            let names: Vec<(usize, usize)> = candidates
                .iter()
                .filter(|c| c.source == Source::Model && c.kind.is_name())
                .map(|c| (c.start, c.end))
                .collect();
            candidates.retain(|c| c.kind.is_name() || !names.iter().any(|&(s, e)| s < c.end && c.start < e));
        }
        // 4. Resolve. The tagger read every span in its own script when it ran. Where it keeps
        // only persons, a place it read as a name of another type is no less a name: only
        // its silence counts (a Persian word such as اگر "if" is also a place on our lists).
        let tagged = model.is_some();
        let mut entities = resolve(candidates, |c| {
            tagged
                && text
                    .get(c.start..c.end)
                    .is_some_and(|s| crate::text::arabic::is_arabic_word(s) == (lang == Lang::Ar))
                && !heard.iter().any(|&(s, e)| s < c.end && c.start < e)
        });
        let mut senses = Vec::with_capacity(entities.len());
        for e in &mut entities {
            e.text = text[e.start..e.end].to_string();
            let from_lexicon = e.source == Source::Lexicon;
            senses.push(if from_lexicon {
                senses_at.remove(&(e.start, e.end)).unwrap_or_default()
            } else {
                Vec::new()
            });
        }
        Recognized { lang, norm, tokens, mentions: Mentions { entities, senses, lexicon }, sports, clubs }
    }

    /// Tags pre-tokenized text with BIO tags over PER, ORG, LOC and MISC, one tag per
    /// token. The tokens are joined by spaces and annotated as one text; a token that an
    /// entity touches gets the entity's tag, so a token with a proclitic attached (بموسكو)
    /// is tagged as the name, the way ANERcorp annotates whole tokens. CoNLL corpora have no
    /// dates or amounts: here those yield to the tagger's names they overlap, so that a name
    /// inside an amount (the currency of "مليون دولار", MISC in ANERcorp) keeps its tag.
    ///
    /// ```
    /// let a = noor::Annotator::default();
    /// let tags = a.tag_tokens(&["وصل", "إلى", "بموسكو", "أمس"]);
    /// assert_eq!(tags, ["O", "O", "B-LOC", "O"]);
    /// ```
    pub fn tag_tokens(&self, tokens: &[impl AsRef<str>]) -> Vec<String> {
        let (text, ranges) = crate::eval::conll::join(tokens);
        let entities = self.names_bytes(&text);
        crate::eval::conll::span_tags(
            &ranges,
            entities.iter().filter(|e| e.kind.is_name()).map(|e| (e.kind, e.start..e.end)),
        )
    }

    /// Like [`Annotator::tag_tokens`] for the sentences of one document, read as one text
    /// (sentences on their own lines), so that document-level context counts: one tag list
    /// per sentence.
    ///
    /// ```
    /// let a = noor::Annotator::default();
    /// let s1: Vec<String> = ["وصل", "إلى", "بموسكو"].map(String::from).to_vec();
    /// let s2: Vec<String> = ["ثم", "غادر"].map(String::from).to_vec();
    /// let tags = a.tag_document(&[&s1, &s2]);
    /// assert_eq!(tags, [vec!["O", "O", "B-LOC"], vec!["O", "O"]]);
    /// ```
    pub fn tag_document(&self, sentences: &[&[String]]) -> Vec<Vec<String>> {
        let (text, ranges) = crate::eval::conll::join_document(sentences);
        let entities = self.names_bytes(&text);
        ranges
            .iter()
            .map(|r| {
                crate::eval::conll::span_tags(
                    r,
                    entities.iter().filter(|e| e.kind.is_name()).map(|e| (e.kind, e.start..e.end)),
                )
            })
            .collect()
    }
}

/// One text after stage 4, with what later document-level stages need.
struct Recognized {
    lang: Lang,
    norm: Normalized,
    tokens: Vec<Token>,
    mentions: Mentions,
    /// Matches of names that only sports news uses (clubs, leagues, federations).
    sports: usize,
    /// Matches of clubs named like a place or a word (flagged `context`), with their senses:
    /// names only in a sports document.
    clubs: Vec<(std::ops::Range<usize>, Vec<usize>)>,
}

/// How many lexicon matches of sports bodies (clubs, leagues, federations; not those flagged
/// `context`) make a document a sports report. Measured on ANERcorp dev (pipeline F1, 77.38
/// without the step; AQMAR dev, mostly Wikipedia text, 51.71): 3 scores 79.01 and 51.66.
/// Counting also the `context` clubs the tagger read as organizations made the step fire in
/// news that names a union or a cooperation council (الاتحاد, التعاون): at 1, 2, 3 and 5
/// mentions 78.17, 78.26, 78.26, 78.38 (AQMAR 51.54 to 51.71), before the step replaced the
/// lexicon's places too (the city of a club: 78.38 -> 79.01). Three is a short report's worth.
const SPORTS_MIN: usize = 3;

/// In a sports report, a club named like a place or a word (ليون, السد, الشمال, Porto: flagged
/// `context` in `kb/`, and no name of its own anywhere else) is the club: it becomes an
/// organization, with the club's identity, where nothing else was found or where the tagger
/// or the lexicon found a name of exactly its span (a player or the city, in a match report).
/// A document is a sports report when it names [`SPORTS_MIN`] sports bodies; the texts of one
/// call are one document. Words that are club names too (الاتفاق "the agreement", المصري
/// "Egyptian") are the price: in a sports report they are read as the clubs.
#[inline(never)] // See `Annotator::recognize`.
fn sports_context(texts: &[&str], recs: &mut [Recognized]) {
    let evidence: usize = recs.iter().map(|r| r.sports).sum();
    if evidence < SPORTS_MIN {
        return;
    }
    for (r, text) in recs.iter_mut().zip(texts) {
        let mut added: Vec<(Entity, Vec<usize>)> = Vec::new();
        for (span, senses) in std::mem::take(&mut r.clubs) {
            let Some(s) = senses.first().and_then(|&i| r.mentions.lexicon.sense(i)) else { continue };
            let mut e = Entity::candidate(span.start, span.end, Kind::Org, 0.9, Source::Lexicon);
            e.text = text[span.clone()].to_string();
            e.id = (!s.id.is_empty()).then(|| s.id.to_string());
            e.canonical = (!s.canonical.is_empty()).then(|| s.canonical.to_string());
            let ents = &r.mentions.entities;
            let first = ents.partition_point(|o| o.end <= e.start);
            let overlapping: Vec<usize> = (first..ents.len()).take_while(|&k| ents[k].start < e.end).collect();
            match overlapping.as_slice() {
                // Matches may overlap one another ("every occurrence"): the first one stands.
                [] if added.last().is_none_or(|(a, _)| a.end <= e.start) => added.push((e, senses)),
                [k] if (ents[*k].start, ents[*k].end) == (e.start, e.end)
                    && (ents[*k].source == Source::Model
                        || (ents[*k].source == Source::Lexicon && ents[*k].kind != Kind::Org)) =>
                {
                    r.mentions.entities[*k] = e;
                    r.mentions.senses[*k] = senses;
                }
                _ => {}
            }
        }
        insert_sorted(&mut r.mentions, added);
    }
}

/// Adds entities found by a document stage (none of them overlapping the text's entities or
/// each other) to a text's mentions, which stay sorted by start.
fn insert_sorted(mentions: &mut Mentions, added: Vec<(Entity, Vec<usize>)>) {
    if added.is_empty() {
        return;
    }
    let mut both: Vec<(Entity, Vec<usize>)> = std::mem::take(&mut mentions.entities)
        .into_iter()
        .zip(std::mem::take(&mut mentions.senses))
        .chain(added)
        .collect();
    both.sort_by_key(|(e, _)| e.start);
    (mentions.entities, mentions.senses) = both.into_iter().unzip();
}

/// The last two letters of the words looked for in a text. Every reading of a word ends as
/// the word does (readings only cut proclitics off its front), so a word whose last two
/// letters end none of them needs no lookup: most words of a text are spared hashing their
/// readings (Arabic has no capitals to go by).
struct Endings(FxHashSet<(Option<char>, Option<char>)>);

impl Endings {
    fn ending(w: &str) -> (Option<char>, Option<char>) {
        let mut c = w.chars().rev();
        (c.next(), c.next())
    }

    fn of<'a>(words: impl Iterator<Item = &'a String>) -> Endings {
        Endings(words.map(|w| Endings::ending(w)).collect())
    }

    /// False if no reading of `word` can be one of the words.
    fn may_read(&self, word: &str) -> bool {
        self.0.contains(&Endings::ending(word))
    }
}

/// Drops the organizations of one Arabic word that the tagger found where the word, with the
/// article, is the head noun of a longer organization's name in the same document: after
/// "البنك التجاري", a later "البنك" ("the bank") refers back to it and is not a name. The
/// tagger's second stage, which reads the first stage's tags of the same word elsewhere,
/// tends to tag such words. ANERcorp leaves them unmarked: in its first 90%, the first
/// words with the article of organizations of several words stand alone 514 times outside
/// any name and 45 times as an organization, most of those names in their own right
/// (الجزيرة 20 times, the channel and the club; الويبو, WIPO, 9). Only the tagger's finds
/// are dropped: a name on our lists (a club, a newspaper) is a name on its own. ANERcorp
/// dev, pipeline: 81.29 -> 81.48.
#[inline(never)] // See `Annotator::recognize`.
fn drop_anaphoric_heads(recs: &mut [Recognized], keys: &mut lexicon::NameKeys) {
    let mut heads: FxHashSet<String> = FxHashSet::default();
    for r in recs.iter().filter(|r| r.lang == Lang::Ar) {
        for e in r.mentions.entities.iter().filter(|e| e.kind == Kind::Org) {
            let key = keys.key(&e.text);
            if let Some((first, _)) = key.split_once(' ') {
                if first.starts_with("ال") {
                    heads.insert(first.to_string());
                }
            }
        }
    }
    if heads.is_empty() {
        return;
    }
    let mut form = String::new();
    // A tagger's organization of one word that, with the article, is one of the heads.
    let mut anaphoric = |e: &Entity| {
        if e.kind != Kind::Org || e.source != Source::Model {
            return false;
        }
        let key = keys.key(&e.text);
        !key.contains(' ')
            && crate::text::arabic::readings(key).any(|rd| {
                rd.form.write_to(&mut form);
                rd.form.has_article() && heads.contains(form.as_str())
            })
    };
    for r in recs.iter_mut().filter(|r| r.lang == Lang::Ar) {
        let m = &mut r.mentions;
        (m.entities, m.senses) = std::mem::take(&mut m.entities)
            .into_iter()
            .zip(std::mem::take(&mut m.senses))
            .filter(|(e, _)| !anaphoric(e))
            .unzip();
    }
}

/// Finds, in every text of the document, the names of two words or more found anywhere in
/// it, again: where the tagger read "البنك التجاري" as an organization in one paragraph and
/// missed it in the next, or found "فايزة أبوالنجا" once. The first word may carry a
/// proclitic (للبنك التجاري), as in the lexicon; a repeat overlapping another entity is left
/// as it is. Names of one word are not carried: too many are also ordinary words.
#[inline(never)] // See `Annotator::recognize`.
fn propagate_names(texts: &[&str], recs: &mut [Recognized], keys: &mut lexicon::NameKeys) {
    // First word (matching form) -> the other words, with the kind and identity found.
    type Found = (Vec<String>, Kind, Option<String>, Option<String>);
    let mut names: FxHashMap<String, Vec<Found>> = FxHashMap::default();
    for r in recs.iter() {
        for e in r.mentions.entities.iter().filter(|e| e.kind.is_name()) {
            let key = keys.key(&e.text);
            let mut words = key.split(' ').map(str::to_string);
            let Some(first) = words.next() else { continue };
            let rest: Vec<String> = words.collect();
            if rest.is_empty() || first.chars().count() < 2 {
                continue;
            }
            let list = names.entry(first).or_default();
            if !list.iter().any(|f| f.0 == rest) {
                list.push((rest, e.kind, e.id.clone(), e.canonical.clone()));
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let endings = Endings::of(names.keys());
    let mut form = String::new();
    for (r, text) in recs.iter_mut().zip(texts) {
        let mut added: Vec<Entity> = Vec::new();
        let norm = r.norm.as_str();
        let toks = &r.tokens;
        for (i, tok) in toks.iter().enumerate().filter(|(_, t)| t.kind == TokenKind::Word) {
            let word = &norm[tok.norm.clone()];
            if !endings.may_read(word) {
                continue;
            }
            let found = crate::text::arabic::readings(word).find_map(|rd| {
                rd.form.write_to(&mut form);
                let list = names.get(form.as_str())?;
                list.iter()
                    .filter(|(rest, ..)| {
                        rest.len() < toks.len() - i
                            && rest.iter().enumerate().all(|(k, w)| &norm[toks[i + 1 + k].norm.clone()] == w)
                    })
                    .max_by_key(|(rest, ..)| rest.len())
                    .map(|f| (rd.skip, f))
            });
            let Some((skip, (rest, kind, id, canonical))) = found else { continue };
            let start = r.norm.original_start(tok.norm.start + skip);
            let end = toks[i + rest.len()].span.end;
            if text[start..end].chars().next().is_none_or(crate::text::script::is_lower) {
                continue;
            }
            let ents = &r.mentions.entities;
            let first = ents.partition_point(|o| o.end <= start);
            if first < ents.len() && ents[first].start < end {
                continue;
            }
            if added.last().is_some_and(|a| a.end > start) {
                continue;
            }
            let mut e = Entity::candidate(start, end, *kind, 0.7, Source::Lexicon);
            e.text = text[start..end].to_string();
            e.id.clone_from(id);
            e.canonical.clone_from(canonical);
            added.push(e);
        }
        insert_sorted(&mut r.mentions, added.into_iter().map(|e| (e, Vec::new())).collect());
    }
}

/// Finds, in every text of the document, the surnames of the multiword person names found
/// anywhere in it ("فلاديمير بوتين" … "بوتين"; "Joe Biden" … "Biden"), with the same
/// proclitic rules as the lexicon, where no other entity is. The identity stage then puts
/// them in the full name's group. This is the document-level consistency of Ratinov and
/// Roth (2009) in its simplest, safest form.
#[inline(never)] // See `Annotator::recognize`.
fn propagate_surnames(texts: &[&str], recs: &mut [Recognized], keys: &mut lexicon::NameKeys) {
    // Surnames are single tokens: a map from matching form to the full name's identity.
    let mut surnames: FxHashMap<String, (Option<String>, Option<String>)> = FxHashMap::default();
    for r in recs.iter() {
        for e in r.mentions.entities.iter().filter(|e| e.kind == Kind::Per) {
            let key = keys.key(&e.text);
            let Some((_, last)) = key.rsplit_once(' ') else { continue };
            // Three letters at least: initials and particles ("bin", "al") are not surnames; nor
            // is a function word ("علي" is also the matching form of the preposition على).
            if last.chars().count() < 3
                || !last.chars().all(crate::text::script::is_letter)
                || lexicon::titles::is_function_word(last)
            {
                continue;
            }
            surnames.entry(last.to_string()).or_insert((e.id.clone(), e.canonical.clone()));
        }
    }
    if surnames.is_empty() {
        return;
    }
    let endings = Endings::of(surnames.keys());
    let mut form = String::new();
    for (r, text) in recs.iter_mut().zip(texts) {
        let mut added: Vec<Entity> = Vec::new();
        // Each distinct word's readings are looked up once (words repeat).
        // Sized for every token at once: growing it word by word rehashed it several times per text.
        let mut seen: FxHashMap<&str, Option<(usize, &(Option<String>, Option<String>))>> =
            FxHashMap::with_capacity_and_hasher(r.tokens.len(), Default::default());
        let norm = r.norm.as_str();
        for tok in r.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            // A word written in lower case is no surname (checked below on the name's span,
            // which starts where the word does unless an Arabic proclitic is cut off): most
            // English words are spared the lookup.
            if text.get(tok.span.clone()).and_then(|w| w.chars().next()).is_some_and(crate::text::script::is_lower) {
                continue;
            }
            let word = &norm[tok.norm.clone()];
            if !endings.may_read(word) {
                continue;
            }
            let found = *seen.entry(word).or_insert_with(|| {
                crate::text::arabic::readings(word).find_map(|rd| {
                    rd.form.write_to(&mut form);
                    surnames.get(form.as_str()).map(|id| (rd.skip, id))
                })
            });
            let Some((skip, (id, canonical))) = found else { continue };
            let span = r.norm.original_range(tok.norm.start + skip..tok.norm.end);
            // Capitalized in Latin script, like the full name.
            if text[span.clone()].chars().next().is_none_or(crate::text::script::is_lower) {
                continue;
            }
            let mut e = Entity::candidate(span.start, span.end, Kind::Per, 0.8, Source::Lexicon);
            e.text = text[span.clone()].to_string();
            e.id.clone_from(id);
            e.canonical.clone_from(canonical);
            // In this document the word is the person's name: it replaces a gazetteer reading
            // of exactly the same span (a place that shares the surname), and yields to
            // anything else it overlaps.
            // Resolved entities are sorted and disjoint, so their ends are sorted too: the ones
            // this word overlaps are found by binary search (new ones wait in `added`).
            let ents = &r.mentions.entities;
            let first = ents.partition_point(|o| o.end <= e.start);
            let overlapping: Vec<usize> = (first..ents.len()).take_while(|&k| ents[k].start < e.end).collect();
            match overlapping.as_slice() {
                [] => added.push(e),
                [k] if r.mentions.entities[*k].source == Source::Lexicon
                    && r.mentions.entities[*k].kind != Kind::Per
                    && (r.mentions.entities[*k].start, r.mentions.entities[*k].end) == (e.start, e.end) =>
                {
                    r.mentions.entities[*k] = e;
                    r.mentions.senses[*k] = Vec::new();
                }
                _ => {}
            }
        }
        insert_sorted(&mut r.mentions, added.into_iter().map(|e| (e, Vec::new())).collect());
    }
}

/// The words of a text, as a set built on the first question: only a name whose first
/// token may carry an Arabic proclitic asks ([`name_start`]), so an English text never
/// pays for hashing all its words.
struct TextWords<'a> {
    norm: &'a Normalized,
    tokens: &'a [Token],
    set: std::cell::OnceCell<FxHashSet<&'a str>>,
}

impl TextWords<'_> {
    fn contains(&self, w: &str) -> bool {
        let (norm, tokens) = (self.norm.as_str(), self.tokens);
        let set = self.set.get_or_init(|| {
            let mut set = FxHashSet::with_capacity_and_hasher(tokens.len(), Default::default());
            set.extend(tokens.iter().filter(|t| t.kind == TokenKind::Word).map(|t| &norm[t.norm.clone()]));
            set
        });
        set.contains(w)
    }
}

/// Where a name tagged by the model starts within its first token: after a proclitic (و ف ب
/// ل ك, لل) when the rest is a known name (a lexicon key) or appears on its own elsewhere in
/// the text (بموسكو … موسكو), else at the token's start. The tagger labels whole tokens, as
/// ANERcorp does; the span must cover the name only.
fn name_start(lex: &Lexicon, norm: &Normalized, tok: &Token, words: &TextWords) -> usize {
    let word = &norm.as_str()[tok.norm.clone()];
    let mut split = crate::text::arabic::readings(word).filter(|r| r.skip > 0).peekable();
    // A word with no proclitic reading (every Latin word) starts where it starts; the lexicon
    // lookups below are only for the words that could be cut.
    if split.peek().is_none()
        || lex.get(word).iter().any(|s| s.flags & flags::BLOCK == 0)
        || lexicon::is_blocked_word(lex, word)
    {
        return tok.span.start;
    }
    let mut form = String::new();
    for r in split {
        r.form.write_to(&mut form);
        // Articles stay with the name (الجزائر): only conjunctions and prepositions are cut.
        let cut = &word[..r.skip];
        if cut.ends_with("ال") {
            continue;
        }
        let known = !lex.get(&form).is_empty() || words.contains(form.as_str());
        if known {
            return norm.original_start(tok.norm.start + r.skip);
        }
    }
    tok.span.start
}

/// Where a name the tagger tagged over tokens `a..b` ends (`a` is not punctuation): after its
/// last token that is not punctuation, or after trailing punctuation that belongs to the
/// name: a closing bracket whose opening bracket is in the name ("Mladost ( BJ )"), or the
/// period or apostrophe right after a Latin word ("Salomon Bros.", "Lord's"; not an ellipsis,
/// and Arabic has no such abbreviations). Other punctuation the tagger took (a quote, a
/// comma) is cut.
fn name_end(norm: &Normalized, tokens: &[Token], a: usize, b: usize) -> Option<usize> {
    let s = norm.as_str();
    let form = |i: usize| &s[tokens[i].norm.clone()];
    let mut end = b;
    while end > a {
        if tokens[end - 1].kind != TokenKind::Punct {
            return Some(end);
        }
        let belongs = match form(end - 1) {
            ")" => (a..end - 1).any(|i| form(i) == "("),
            "]" => (a..end - 1).any(|i| form(i) == "["),
            p @ ("." | "'" | "’" | "'s" | "’s") => {
                end - 1 > a
                    && tokens[end - 2].kind == TokenKind::Word
                    && !crate::text::arabic::is_arabic_word(form(end - 2))
                    && (end >= tokens.len() || tokens[end].kind != TokenKind::Punct || form(end) != p)
            }
            _ => false,
        };
        if belongs {
            return Some(end);
        }
        end -= 1;
    }
    None
}

/// The parts of a name the tagger tagged over tokens `a..b`: two lexicon names joined by the
/// conjunction و ("أرسنال وموناكو": Arsenal and Monaco) are two names, where no lexicon name
/// spans the join ("البوسنة والهرسك" is one). Both sides must be names the lexicon proposes on
/// their own (not mere given names or ordinary words), so that "Ali and Omar" or "the
/// ministry of X and Y" are left as the tagger read them.
fn split_at_conjunction(
    lexicon: &Lexicon,
    text: &str,
    norm: &Normalized,
    tokens: &[Token],
    matches: &[LexMatch],
    a: usize,
    b: usize,
) -> impl Iterator<Item = (usize, usize)> {
    let named = |m: &LexMatch| {
        m.senses(lexicon, text).any(|s| s.flags & (flags::CONTEXT | flags::NAME_TOKEN | flags::DEMONYM) == 0)
    };
    let mut cuts = vec![a];
    // Matches come in token order: only those that start within the name are looked at, and
    // the few conditions are checked cheapest first (most names have no inner و at all).
    let first = matches.partition_point(|m| m.tokens.start < a);
    let inside = &matches[first..matches.partition_point(|m| m.tokens.start < b)];
    for (c, tok) in tokens.iter().enumerate().take(b).skip(a + 1) {
        let from = cuts.last().copied().unwrap_or(a);
        let joined = norm.as_str()[tok.norm.clone()].starts_with('و')
            && inside.iter().any(|m| m.tokens.start == c && m.skip == 'و'.len_utf8() && named(m))
            && inside.iter().any(|m| m.tokens.start >= from && m.tokens.end == c && named(m))
            && !matches[..first + inside.partition_point(|m| m.tokens.start < c)]
                .iter()
                .any(|m| m.tokens.start < c && c < m.tokens.end);
        if joined {
            cuts.push(c);
        }
    }
    cuts.push(b);
    let parts: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    parts.into_iter()
}

/// Most tokens the tagger reads in one call: a long article is a few thousand; past this,
/// a text (a book, a whole site's dump) is cut at the next line break. The tagger keeps a few
/// hundred bytes per token while it works, so this bounds its memory to a few megabytes.
const TAGGER_PART: usize = 20_000;

/// Tags `tokens` whole, or in parts of about [`TAGGER_PART`] tokens cut at line breaks.
#[inline(never)] // See `Annotator::recognize`.
fn tag_in_parts(
    model: &Model,
    text: &str,
    norm: &Normalized,
    tokens: &[Token],
    lexicon: &Lexicon,
    matches: &[LexMatch],
) -> (Vec<usize>, Vec<f64>) {
    if tokens.len() <= TAGGER_PART {
        return model.tag(text, norm, tokens, lexicon, matches);
    }
    let s = norm.as_str();
    let (mut tags, mut conf) = (Vec::with_capacity(tokens.len()), Vec::with_capacity(tokens.len()));
    let (mut start, mut next) = (0, 0);
    for i in 1..=tokens.len() {
        let line_break = i < tokens.len() && s[tokens[i - 1].norm.end..tokens[i].norm.start].contains('\n');
        if i < tokens.len() && !(line_break && i - start >= TAGGER_PART) {
            continue;
        }
        // Matches come in token order and never cross a line break (see the matcher).
        let mut part = Vec::new();
        while next < matches.len() && matches[next].tokens.start < i {
            let m = &matches[next];
            if m.tokens.start >= start && m.tokens.end <= i {
                part.push(LexMatch { tokens: m.tokens.start - start..m.tokens.end - start, ..m.clone() });
            }
            next += 1;
        }
        let (t, c) = model.tag(text, norm, &tokens[start..i], lexicon, &part);
        tags.extend(t);
        conf.extend(c);
        start = i;
    }
    (tags, conf)
}

/// A candidate entity for a lexicon or watchlist match with the given sense.
fn entity(m: &LexMatch, s: &Sense<'_>, source: Source) -> Entity {
    let score = match source {
        Source::User => 1.0,
        _ if s.flags & flags::COUNTRY != 0 => 0.95,
        _ => 0.9,
    };
    let mut e = Entity::candidate(m.span.start, m.span.end, s.kind, score, source);
    e.id = (!s.id.is_empty()).then(|| s.id.to_string());
    e.canonical = (!s.canonical.is_empty()).then(|| s.canonical.to_string());
    e
}

/// Converts the byte offsets of `entities` into `unit`.
#[inline(never)] // See `Annotator::recognize`.
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

/// Whether the person's name the tagger found over tokens `a..b` is one by our lists, as far
/// as a text in a language it did not learn can tell: two words or more, the first a given
/// name on our lists (or the start of a listed person's name). Measured with the English
/// tagger on other languages' dev sets (`noor eval --lang auto`), persons found / precision
/// / recall, the tagger's all against these: CoNLL-2002 Spanish 1,989 / 49.8 / 81.0 against
/// 730 / 88.4 / 52.8, Dutch 1,937 / 28.2 / 77.8 against 399 / 67.9 / 38.6; WikiANN German
/// 14,512 / 19.6 / 62.3 against 2,372 / 73.2 / 38.0. Starting the name at a given name
/// inside the span instead ("Bundeskanzler Olaf Scholz") found a few more at much lower
/// precision (Dutch 56.1, German 58.0).
fn starts_with_given_name(
    lexicon: &Lexicon,
    text: &str,
    tokens: &[Token],
    matches: &[lexicon::LexMatch],
    a: usize,
    b: usize,
) -> bool {
    if tokens[a..b].iter().filter(|t| t.kind == TokenKind::Word).count() < 2 {
        return false;
    }
    matches_in(matches, &tokens[a].span).any(|m| {
        m.sense_indices(lexicon, text)
            .filter_map(|i| lexicon.sense(i))
            .any(|s| s.kind == Kind::Per && (s.flags & flags::NAME_TOKEN == 0 || s.id == crate::lexicon::GIVEN_NAME))
    })
}

/// Where an Arabic person's name the tagger found at token `a` starts: one token earlier
/// when that token is a given name on our lists that the tagger left out, as it does with
/// the given name of a name it reads by its family part ("وأشرف عبد الباقي" read as
/// "عبد الباقي", "حجاج عبد العظيم" as "عبد العظيم", "، وعلي الحجار" in a list as "الحجار").
/// The given name must be the whole token or follow the conjunction و only (not an article:
/// الرئيس is a title, though رئيس is a given name), on the same line, not a function word
/// (على, written علي in matching form) and not the first word of its sentence, where a
/// verb with و that is also a given name begins it ("ووعد", "وواصل").
///
/// Measured on ANERcorp dev (`noor eval`, pipeline): 79.87 -> 80.19, persons 80.20 -> 81.23.
fn given_name_before(
    lexicon: &Lexicon,
    text: &str,
    norm: &Normalized,
    tokens: &[Token],
    matches: &[lexicon::LexMatch],
    tags: &[usize],
    a: usize,
) -> usize {
    if a < 2 || tags[a - 1] != 0 || tokens[a - 1].kind != TokenKind::Word {
        return a;
    }
    let line_break = |i: usize| text[tokens[i - 1].span.end..tokens[i].span.start].contains('\n');
    let raw = &norm.as_str()[tokens[a - 1].norm.clone()];
    let sentence_start =
        matches!(&norm.as_str()[tokens[a - 2].norm.clone()], "." | "|" | "!" | "؟" | "?" | ":" | "\"" | "«");
    if line_break(a)
        || line_break(a - 1)
        || sentence_start
        || lexicon::titles::is_function_word(raw)
        || text[tokens[a - 1].span.clone()].ends_with('ى')
    {
        return a;
    }
    let given = matches_in(matches, &tokens[a - 1].span).any(|m| {
        m.tokens.end == a
            && (m.skip == 0 || (m.skip == 'و'.len_utf8() && raw.starts_with('و')))
            && !raw[m.skip..].starts_with("ال")
            && m.sense_indices(lexicon, text)
                .filter_map(|i| lexicon.sense(i))
                .any(|s| s.kind == Kind::Per && s.id == crate::lexicon::GIVEN_NAME)
    });
    if given {
        a - 1
    } else {
        a
    }
}

/// Where an Arabic organization the tagger found over tokens `a..b` ends: before its last
/// word when that word is a nationality adjective on our lists and no other word of the name
/// has the article. A foreign name written in Arabic letters is followed by its country's
/// adjective as an apposition, not as part of the name ("بيلد الألمانية", the German
/// Bild; "سكاي نيوز البريطانية"), while a name made of Arabic common nouns ends with it
/// ("وكالة الأنباء المصرية", "اللجنة الدولية"), as ANERcorp marks them both.
fn org_end_before_demonym(
    lexicon: &Lexicon,
    norm: &Normalized,
    tokens: &[Token],
    matches: &[lexicon::LexMatch],
    a: usize,
    b: usize,
) -> usize {
    if b < a + 2 {
        return b;
    }
    let form = |i: usize| &norm.as_str()[tokens[i].norm.clone()];
    // The article, after any proclitic (للوكالة, والحزب): the word's readings say where.
    let has_article = |i: usize| crate::text::arabic::readings(form(i)).any(|r| r.form.has_article());
    if (a..b - 1).any(has_article) {
        return b;
    }
    let demonym = matches_in(matches, &tokens[b - 1].span).any(|m| {
        m.tokens == (b - 1..b)
            && m.skip == 0
            && lexicon
                .sense_indices(m.value)
                .any(|i| lexicon.sense_kind(i).is_some_and(|(_, f)| f & flags::DEMONYM != 0))
    });
    if demonym {
        b - 1
    } else {
        b
    }
}

/// Where an Arabic organization over tokens `a..b` starts: after its first word when that
/// word is نادي "club" (with a proclitic or the article or not: بنادي, النادي) and a name
/// follows, as ANERcorp marks clubs (نادي [الوحدة] 15 times in its first 90% against 4 with
/// the word inside; النادي 7 against 4).
/// The club keeps its identity ("نادي قطر" is Qatar SC, and "قطر" alone is then the club).
fn after_club_word(norm: &Normalized, tokens: &[Token], a: usize, b: usize) -> usize {
    if b < a + 2 || tokens[a + 1].kind != TokenKind::Word {
        return a;
    }
    if crate::text::arabic::readings(&norm.as_str()[tokens[a].norm.clone()]).any(|r| r.form.is("نادي")) {
        a + 1
    } else {
        a
    }
}

/// The lexicon matches whose name starts inside `token` (its byte span). Matches come in the
/// order of their first tokens (`lexicon::find`): found by binary search, not a scan per name.
fn matches_in<'m>(matches: &'m [LexMatch], token: &std::ops::Range<usize>) -> impl Iterator<Item = &'m LexMatch> {
    let from = matches.partition_point(|m| m.span.start < token.start);
    let end = token.end;
    matches[from..].iter().take_while(move |m| m.span.start < end)
}

/// Counts entities per kind (for summaries).
pub fn count_by_kind(entities: &[Entity]) -> Vec<(Kind, usize)> {
    Kind::ALL.iter().map(|&k| (k, entities.iter().filter(|e| e.kind == k).count())).filter(|&(_, n)| n > 0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Entry;
    use crate::text::tokenize;

    /// Where `name_end` ends a name tagged over all tokens of `text`, as the text of the name.
    fn end_of(text: &str) -> Option<String> {
        let norm = Normalized::new(text);
        let tokens = tokenize(&norm);
        name_end(&norm, &tokens, 0, tokens.len()).map(|b| text[..tokens[b - 1].span.end].to_string())
    }

    /// In a language no tagger of ours learned, the tagger's findings are not all taken: in
    /// German only its persons that start with a given name ("Peter Müller", not "Die
    /// Bundesregierung"), in Persian none (what a lexicon-only run finds), in the same document
    /// as texts the taggers read in full; a language the caller names is taken at its word.
    #[cfg(feature = "embed")]
    #[test]
    fn the_taggers_read_only_their_own_languages() {
        let german = "Die Bundesregierung hat am Mittwoch in Berlin beschlossen, dass Peter Müller, der Minister, \
            nach Paris reist. Der Vorschlag der Kommission wurde von der Opposition kritisiert, die eine Debatte \
            im Bundestag verlangt.";
        let persian = "به گزارش خبرگزاری ایسنا، حسن روحانی رئیس جمهور ایران روز چهارشنبه در تهران گفت که دولت \
            برای مذاکره آماده است.";
        let english = "Chancellor Olaf Scholz said that he would travel to Paris on Wednesday with the minister.";
        let auto = Annotator::new(Options::default());
        let lexicon_only = Annotator::new(Options { lexicon_only: true, ..Options::default() });
        let full = auto.annotate_many(&[german, persian, english]);
        let listed = lexicon_only.annotate_many(&[german, persian, english]);
        let persons = |a: &Annotation| {
            a.entities.iter().filter(|e| e.kind == Kind::Per).map(|e| e.text.clone()).collect::<Vec<_>>()
        };
        assert_eq!(persons(&full[0]), ["Peter Müller"]);
        assert!(full[0].entities.iter().any(|e| e.text == "Berlin"));
        // (group numbers are the document's: compare what was found)
        let found = |a: &Annotation| a.entities.iter().map(|e| (e.start, e.end, e.kind)).collect::<Vec<_>>();
        assert_eq!(found(&full[1]), found(&listed[1]));
        assert!(full[1].entities.iter().any(|e| e.text == "تهران"));
        // Everyday Persian words that our Arabic lists hold as places (اگر: Eger, بالا: Pala,
        // دوشنبه "Monday": Dushanbe) are not names in Persian text; Tehran still is.
        let everyday = "اگر قیمت نفت بالا برود، روز دوشنبه در تهران جلسه برگزار می شود.";
        let names: Vec<String> =
            auto.annotate(everyday).entities.into_iter().filter(|e| e.kind.is_name()).map(|e| e.text).collect();
        assert_eq!(names, ["تهران"]);
        assert_eq!(found(&full[2]), found(&auto.annotate(english)));
        assert!(full[2].entities.iter().any(|e| e.source == Source::Model));
        // Named by the caller: the English tagger reads the German text, nouns and all.
        let en = Annotator::new(Options { lang: Lang::En, ..Options::default() });
        assert!(persons(&en.annotate(german)).len() > 1, "{:?}", en.annotate(german));
    }

    #[test]
    fn trailing_punctuation_that_belongs_to_the_name_stays() {
        // A bracket closed inside the name, an abbreviation's period, a possessive place name.
        assert_eq!(end_of("Mladost ( BJ )").as_deref(), Some("Mladost ( BJ )"));
        assert_eq!(end_of("Salomon Bros.").as_deref(), Some("Salomon Bros."));
        assert_eq!(end_of("Salomon Bros .").as_deref(), Some("Salomon Bros ."));
        assert_eq!(end_of("Lord's").as_deref(), Some("Lord's"));
        // Anything else is cut: an unopened bracket, a quote, a comma, an ellipsis, an
        // Arabic word's period (Arabic has no abbreviations with a period).
        assert_eq!(end_of("Mladost )").as_deref(), Some("Mladost"));
        assert_eq!(end_of("Mladost \"").as_deref(), Some("Mladost"));
        assert_eq!(end_of("Mladost ,").as_deref(), Some("Mladost"));
        assert_eq!(end_of("Mladost ..").as_deref(), Some("Mladost"));
        assert_eq!(end_of("ريكاردو .").as_deref(), Some("ريكاردو"));
        assert_eq!(end_of(" , ."), None);
    }

    fn lexicon(names: &[(&str, Kind, u8)]) -> Lexicon {
        let entries: Vec<Entry> = names
            .iter()
            .map(|&(name, kind, fl)| Entry {
                key: lexicon::key_of(name),
                kind,
                domain: Default::default(),
                id: format!("test:{name}"),
                canonical: String::new(),
                country: [0, 0],
                rank: 1,
                flags: fl,
            })
            .collect();
        Lexicon::from_bytes(crate::lexicon::compile::write(&entries).expect("compiles").0).expect("loads")
    }

    #[test]
    fn a_club_named_like_a_city_is_a_club_only_in_a_sports_report() {
        let name = |name: &str, kind, domain, fl| Entry {
            key: lexicon::key_of(name),
            kind,
            domain,
            id: format!("test:{name}:{}", kind.as_str()),
            canonical: String::new(),
            country: [0, 0],
            rank: 0,
            flags: fl,
        };
        let entries = [
            name("يوفنتوس", Kind::Org, Domain::Sports, 0),
            name("أرسنال", Kind::Org, Domain::Sports, 0),
            name("الاتحاد الدولي لكرة القدم", Kind::Org, Domain::Sports, 0),
            name("ليون", Kind::Org, Domain::Sports, flags::CONTEXT),
            name("ليون", Kind::Loc, Domain::General, 0),
            name("الشمال", Kind::Org, Domain::Sports, flags::CONTEXT),
            name("الأمم المتحدة", Kind::Org, Domain::General, 0),
        ];
        let lex = Lexicon::from_bytes(crate::lexicon::compile::write(&entries).expect("compiles").0).expect("loads");
        let options = Options { lang: Lang::Ar, lexicon_only: true, ..Default::default() };
        let a = Annotator::with_lexicon(options, lex);
        let found = |texts: &[&str]| -> Vec<Vec<(String, Kind, Option<String>)>> {
            a.annotate_many(texts)
                .into_iter()
                .map(|an| an.entities.into_iter().map(|e| (e.text, e.kind, e.id)).collect())
                .collect()
        };
        let org = |t: &str| (t.to_string(), Kind::Org, Some(format!("test:{t}:ORG")));
        let loc = |t: &str| (t.to_string(), Kind::Loc, Some(format!("test:{t}:LOC")));
        // Not a sports report (one sports name, or none): the city, and the word, stay what they are.
        assert_eq!(found(&["وصل إلى ليون من الشمال"]), [vec![loc("ليون")]]);
        assert_eq!(found(&["فاز ليون على يوفنتوس"]), [vec![loc("ليون"), org("يوفنتوس")]]);
        // Three sports bodies named in the document, here across its texts: the clubs.
        let report = found(&["غرم الاتحاد الدولي لكرة القدم يوفنتوس وأرسنال.", "فاز ليون على الشمال والأمم المتحدة"]);
        assert_eq!(report[1], [org("ليون"), org("الشمال"), org("الأمم المتحدة")]);
        // Inside a longer name the club's name is not the club.
        let names = [name("ليون الأول", Kind::Per, Domain::General, 0)];
        let lex = Lexicon::from_bytes(
            crate::lexicon::compile::write(&[&entries[..], &names[..]].concat()).expect("compiles").0,
        )
        .expect("loads");
        let a = Annotator::with_lexicon(Options { lang: Lang::Ar, lexicon_only: true, ..Default::default() }, lex);
        let e = &a.annotate_many(&["يوفنتوس وأرسنال والاتحاد الدولي لكرة القدم", "ليون الأول"])[1].entities;
        assert_eq!(e.iter().map(|e| (e.text.as_str(), e.kind)).collect::<Vec<_>>(), [("ليون الأول", Kind::Per)]);
    }

    /// The parts `split_at_conjunction` makes of a name tagged over all tokens of `text`.
    fn parts(lex: &Lexicon, text: &str) -> Vec<String> {
        let norm = Normalized::new(text);
        let tokens = tokenize(&norm);
        let matches = lexicon::find(lex, &norm, &tokens);
        split_at_conjunction(lex, text, &norm, &tokens, &matches, 0, tokens.len())
            .map(|(a, b)| text[tokens[a].span.start..tokens[b - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn two_names_joined_by_wa_are_two_names() {
        let lex = lexicon(&[
            ("أرسنال", Kind::Org, 0),
            ("موناكو", Kind::Loc, flags::COUNTRY),
            ("البوسنة", Kind::Loc, 0),
            ("الهرسك", Kind::Loc, 0),
            ("البوسنة والهرسك", Kind::Loc, flags::COUNTRY),
            ("علي", Kind::Per, flags::NAME_TOKEN),
            ("عمر", Kind::Per, flags::NAME_TOKEN),
        ]);
        assert_eq!(parts(&lex, "أرسنال وموناكو"), ["أرسنال", "وموناكو"]);
        // One name spans the join.
        assert_eq!(parts(&lex, "البوسنة والهرسك"), ["البوسنة والهرسك"]);
        // Given names are not names the lexicon proposes on their own: the tagger's reading stands.
        assert_eq!(parts(&lex, "علي وعمر"), ["علي وعمر"]);
        // The left side must end a lexicon name right at the join.
        assert_eq!(parts(&lex, "وزارة الخارجية وموناكو"), ["وزارة الخارجية وموناكو"]);
        // Without a lexicon, nothing is cut.
        assert_eq!(parts(&Lexicon::empty(), "أرسنال وموناكو"), ["أرسنال وموناكو"]);
    }

    /// The name `given_name_before` makes of a person the tagger found from the word `from`
    /// (counted in tokens) to the end of `text`.
    fn person_from(lex: &Lexicon, text: &str, from: usize) -> String {
        let norm = Normalized::new(text);
        let tokens = tokenize(&norm);
        let matches = lexicon::find(lex, &norm, &tokens);
        let tags: Vec<usize> = (0..tokens.len()).map(|i| if i < from { 0 } else { 1 + (i > from) as usize }).collect();
        let a = given_name_before(lex, text, &norm, &tokens, &matches, &tags, from);
        text[tokens[a].span.start..].to_string()
    }

    #[test]
    fn a_given_name_the_tagger_left_out_starts_the_name() {
        let given = |name: &str| Entry {
            key: lexicon::key_of(name),
            kind: Kind::Per,
            domain: Default::default(),
            id: crate::lexicon::GIVEN_NAME.into(),
            canonical: String::new(),
            country: [0, 0],
            rank: 1,
            flags: flags::NAME_TOKEN,
        };
        let entries: Vec<Entry> = ["أشرف", "علي", "رئيس", "وعد", "حجاج"].into_iter().map(given).collect();
        let lex = Lexicon::from_bytes(crate::lexicon::compile::write(&entries).expect("compiles").0).expect("loads");
        // A given name, alone or after the conjunction و, joins the name.
        assert_eq!(person_from(&lex, "قدم الفنان حجاج عبد العظيم", 3), "حجاج عبد العظيم");
        assert_eq!(person_from(&lex, "، ومحمد هنيدي ، وأشرف عبد الباقي", 5), "وأشرف عبد الباقي");
        assert_eq!(person_from(&lex, "منير ، وعلي الحجار", 3), "وعلي الحجار");
        // Not a word that is not on the lists, nor one with the article (a title).
        assert_eq!(person_from(&lex, "قال السفير كلاوس ايبرمان", 2), "كلاوس ايبرمان");
        assert_eq!(person_from(&lex, "وكان الرئيس طالباني", 2), "طالباني");
        // Not a function word (على, علي in matching form), nor a verb that begins its
        // sentence, nor a word across a line break.
        assert_eq!(person_from(&lex, "رد عمرو على فريقه", 3), "فريقه");
        assert_eq!(person_from(&lex, "انتهى . ووعد عبدالسلام جمعة", 3), "عبدالسلام جمعة");
        assert_eq!(person_from(&lex, "ووعد عبدالسلام جمعة", 1), "عبدالسلام جمعة");
        assert_eq!(person_from(&lex, "قال أشرف\nعبد الباقي", 2), "عبد الباقي");
    }

    #[test]
    fn an_organization_leaves_out_the_word_club_and_a_foreign_names_nationality() {
        let span = |text: &str, a: usize, b: usize| -> String {
            let norm = Normalized::new(text);
            let tokens = tokenize(&norm);
            text[tokens[a].span.start..tokens[b - 1].span.end].to_string()
        };
        let club = |text: &str| -> String {
            let norm = Normalized::new(text);
            let tokens = tokenize(&norm);
            span(text, after_club_word(&norm, &tokens, 0, tokens.len()), tokens.len())
        };
        assert_eq!(club("نادي الوحدة"), "الوحدة");
        assert_eq!(club("بنادي الغرافة"), "الغرافة");
        assert_eq!(club("النادي الأهلي"), "الأهلي");
        // Not a club word, nothing after it, or punctuation after it.
        assert_eq!(club("مصرف قطر"), "مصرف قطر");
        assert_eq!(club("نادي"), "نادي");
        assert_eq!(club("نادي ،"), "نادي ،");
        assert_eq!(club("منادي الوحدة"), "منادي الوحدة");

        let lex = lexicon(&[("الألمانية", Kind::Misc, flags::DEMONYM), ("المصرية", Kind::Misc, flags::DEMONYM)]);
        let org = |text: &str| -> String {
            let norm = Normalized::new(text);
            let tokens = tokenize(&norm);
            let matches = lexicon::find(&lex, &norm, &tokens);
            span(text, 0, org_end_before_demonym(&lex, &norm, &tokens, &matches, 0, tokens.len()))
        };
        assert_eq!(org("بيلد الألمانية"), "بيلد");
        assert_eq!(org("بي ام دبليو الألمانية"), "بي ام دبليو");
        // A name of common nouns (with the article, after a proclitic too) keeps it.
        assert_eq!(org("وكالة الأنباء المصرية"), "وكالة الأنباء المصرية");
        assert_eq!(org("للوكالة المصرية"), "للوكالة المصرية");
        // Only a nationality on our lists, and only as the last word of two or more.
        assert_eq!(org("بيلد اليومية"), "بيلد اليومية");
        assert_eq!(org("المصرية"), "المصرية");
    }

    /// Arabic texts as recognized before any entity is found, for the document stages.
    fn arabic_texts(texts: &[&str]) -> Vec<Recognized> {
        texts
            .iter()
            .map(|t| {
                let norm = Normalized::new(t);
                let tokens = tokenize(&norm);
                Recognized { lang: Lang::Ar, norm, tokens, mentions: Mentions::default(), sports: 0, clubs: Vec::new() }
            })
            .collect()
    }

    /// Adds the `nth` occurrence of `name` in `text` to `r` as an organization from `source`.
    fn add_org(r: &mut Recognized, text: &str, name: &str, nth: usize, source: Source) {
        let start = text.match_indices(name).nth(nth).expect("the name is in the text").0;
        let mut e = Entity::candidate(start, start + name.len(), Kind::Org, 0.9, source);
        e.text = name.into();
        r.mentions.entities.push(e);
        r.mentions.senses.push(Vec::new());
    }

    #[test]
    fn a_head_noun_alone_refers_back_to_the_name() {
        let texts = ["قال رئيس البنك التجاري إن الأرباح ارتفعت", "وأكد أن البنك سيصدر سندات وأن والبنك والجزيرة"];
        let mut recs = arabic_texts(&texts);
        add_org(&mut recs[0], texts[0], "البنك التجاري", 0, Source::Model);
        add_org(&mut recs[1], texts[1], "البنك", 0, Source::Model);
        // With a proclitic, and a name of one word found by the lexicon, not by the tagger.
        add_org(&mut recs[1], texts[1], "والبنك", 0, Source::Model);
        add_org(&mut recs[1], texts[1], "الجزيرة", 0, Source::Lexicon);
        let found = |r: &Recognized| r.mentions.entities.iter().map(|e| e.text.clone()).collect::<Vec<_>>();
        let mut alone = vec![recs.pop().unwrap()];
        // Without the longer name in the document, the word alone stays.
        drop_anaphoric_heads(&mut alone, &mut Default::default());
        assert_eq!(found(&alone[0]), ["البنك", "والبنك", "الجزيرة"]);
        recs.extend(alone);
        drop_anaphoric_heads(&mut recs, &mut Default::default());
        assert_eq!(found(&recs[0]), ["البنك التجاري"]);
        assert_eq!(found(&recs[1]), ["الجزيرة"]);
        assert_eq!(recs[1].mentions.senses.len(), 1);
    }

    #[test]
    fn a_name_found_once_is_found_where_it_is_repeated() {
        let texts = [
            "قال رئيس البنك التجاري إن الأرباح ارتفعت",
            "وافقت الجمعية العمومية للبنك التجاري على البنك المركزي",
            "وقال البنك التجاري القطري",
            "التجاري البنك",
        ];
        let mut recs = arabic_texts(&texts);
        add_org(&mut recs[0], texts[0], "البنك التجاري", 0, Source::Model);
        // Another entity where the name is repeated stays as it is.
        add_org(&mut recs[2], texts[2], "البنك التجاري القطري", 0, Source::Model);
        propagate_names(&texts, &mut recs, &mut Default::default());
        let found = |r: &Recognized| r.mentions.entities.iter().map(|e| (e.text.clone(), e.kind)).collect::<Vec<_>>();
        assert_eq!(found(&recs[0]), [("البنك التجاري".to_string(), Kind::Org)]);
        // With a proclitic on the first word; the first word alone is not the name.
        assert_eq!(found(&recs[1]).len(), 1);
        assert!(found(&recs[1])[0].0.ends_with("بنك التجاري"), "{:?}", found(&recs[1]));
        assert_eq!(found(&recs[2]), [("البنك التجاري القطري".to_string(), Kind::Org)]);
        // The words in another order are not the name.
        assert!(found(&recs[3]).is_empty());
    }
}
