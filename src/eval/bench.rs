//! The native benchmark (`noor bench`, part of `make bench`): recognizer throughput on the
//! dev texts of `../shared/data/ner` and over a million words of the unlabeled news of
//! `../shared/data/unlabeled`, what each pipeline stage costs, how long a 10,000-name
//! watchlist takes to compile, and whether time grows linearly with the input.
//!
//! Shared machines drift, so every timing is the median of several runs with its min and max,
//! and the stage costs are given as shares of the whole pipeline's time on the same texts,
//! measured in the same run. Stage times come from calling each stage's public function on
//! the same documents the annotator sees ([`fn@crate::text::tokenize`], [`crate::lexicon::find`],
//! [`crate::rules::find`], [`crate::model::Model::tag`]); their sum is less than the whole
//! because resolving, identity and offset conversion are not counted in any of them.

use crate::eval::conll::{self, Sentence};
use crate::lexicon::{self, Lexicon, Term};
use crate::text::{tokenize, Lang, Normalized};
use crate::{Annotator, Error, Kind, Options};
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

/// How many sentences of ANERcorp make one "document" (the corpus has no document marks):
/// the same as `noor eval`.
pub const AR_DOC_SENTENCES: usize = conll::DOC_SENTENCES;

/// A timing: median, min and max of the runs, in seconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Timing {
    /// Median of the runs.
    pub median_s: f64,
    /// Fastest run.
    pub min_s: f64,
    /// Slowest run.
    pub max_s: f64,
    /// Number of runs.
    pub runs: usize,
}

impl Timing {
    /// Runs `f` `runs` times (after one warm-up run) and keeps the median, min and max.
    pub fn measure(runs: usize, mut f: impl FnMut()) -> Timing {
        f();
        let samples: Vec<f64> = (0..runs.max(1))
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .collect();
        Timing { runs, ..Timing::of(samples) }
    }

    /// The median, min and max of `samples` (seconds; at least one), counted as its runs.
    pub fn of(mut samples: Vec<f64>) -> Timing {
        samples.sort_by(f64::total_cmp);
        let n = samples.len();
        Timing { median_s: samples[n / 2], min_s: samples[0], max_s: samples[n - 1], runs: n }
    }
}

/// Times `part` against `whole`, run in turn `runs` times (at least 9) after a warm-up of
/// each, and returns `part`'s timing with the median of the `part / whole` ratios of the
/// pairs. A share computed this way survives the machine changing speed during the
/// benchmark (shared and virtual machines do, by a third or more for seconds at a time),
/// which a ratio of two medians taken seconds apart does not.
pub fn paired_share(runs: usize, mut whole: impl FnMut(), mut part: impl FnMut()) -> (Timing, f64) {
    whole();
    part();
    let time = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        t.elapsed().as_secs_f64()
    };
    let n = runs.max(9);
    let (mut parts, mut ratios) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let w = time(&mut whole);
        let p = time(&mut part);
        parts.push(p);
        ratios.push(p / w.max(f64::MIN_POSITIVE));
    }
    ratios.sort_by(f64::total_cmp);
    let timing = Timing::of(parts);
    (timing, ratios[n / 2])
}

/// The dev texts of one language, as documents: sentences on their own lines, tokens joined
/// by single spaces.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Where the texts come from.
    pub name: String,
    /// The language.
    pub lang: Lang,
    /// One string per document.
    pub docs: Vec<String>,
    /// Number of corpus tokens.
    pub tokens: usize,
}

impl Corpus {
    /// UTF-8 bytes of all documents.
    pub fn bytes(&self) -> usize {
        self.docs.iter().map(String::len).sum()
    }

    /// Groups sentences into documents ([`conll::documents`]): at `-DOCSTART-` marks when
    /// the corpus has them, else every `per_doc` sentences.
    pub fn from_sentences(name: &str, lang: Lang, sentences: &[Sentence], per_doc: usize) -> Corpus {
        let docs = conll::documents(sentences, per_doc)
            .into_iter()
            .map(|d| sentences[d].iter().map(|s| s.tokens.join(" ")).collect::<Vec<_>>().join("\n"))
            .collect();
        let tokens = sentences.iter().map(|s| s.tokens.len()).sum();
        Corpus { name: name.to_string(), lang, docs, tokens }
    }

    /// The dev texts in `shared`: CoNLL-2003 dev for English, the last 10% of ANERcorp train
    /// (our Arabic dev set) for Arabic.
    pub fn dev(shared: &Path, lang: Lang) -> Result<Corpus, Error> {
        let ner = shared.join("data/ner");
        let (rel, name) = match lang {
            Lang::Ar => ("anercorp_camel_ar/train.txt", "ANERcorp dev (last 10% of train)"),
            _ => ("conll2003_en/dev.txt", "CoNLL-2003 dev"),
        };
        let path = ner.join(rel);
        let text = std::fs::read_to_string(&path).map_err(|e| Error::Input(format!("{}: {e}", path.display())))?;
        let mut sentences = conll::parse(&text);
        if lang == Lang::Ar {
            let from = (sentences.len() as f64 * 0.9).round() as usize;
            sentences.drain(..from);
        }
        Ok(Corpus::from_sentences(name, lang, &sentences, AR_DOC_SENTENCES))
    }
}

/// How many stretches of the unlabeled news a stream sample is drawn from (see
/// [`Corpus::news`]): the files are grouped by source, so one stretch from the start would
/// measure one newspaper's style only.
pub const NEWS_STRETCHES: usize = 40;

/// Whitespace words that make a document of a news stream: about a news article.
pub const NEWS_DOC_WORDS: usize = 400;

impl Corpus {
    /// About `words` whitespace words of the unlabeled news of `shared`
    /// (`data/unlabeled/news-LANG.txt.gz`), as documents of consecutive paragraphs of some
    /// [`NEWS_DOC_WORDS`] words, drawn from [`NEWS_STRETCHES`] stretches spread evenly over
    /// the file. Tokens are counted as the annotator tokenizes them (words, numbers and
    /// punctuation marks, as the CoNLL files count them), since the text has no other
    /// tokenization.
    pub fn news(shared: &Path, lang: Lang, words: usize) -> Result<Corpus, Error> {
        use std::io::Read;
        let rel = crate::model::clusters_build::input_path(lang);
        let path = shared.join(rel);
        let io = |e: std::io::Error| Error::Input(format!("{}: {e}", path.display()));
        let f = std::fs::File::open(&path).map_err(io)?;
        let mut text = String::new();
        flate2::read::GzDecoder::new(std::io::BufReader::new(f)).read_to_string(&mut text).map_err(io)?;
        let lines: Vec<&str> = text.lines().collect();
        let per_stretch = words.div_ceil(NEWS_STRETCHES);
        let mut docs = Vec::new();
        for k in 0..NEWS_STRETCHES {
            let mut taken = 0;
            let mut doc = String::new();
            for line in &lines[k * lines.len() / NEWS_STRETCHES..(k + 1) * lines.len() / NEWS_STRETCHES] {
                if !doc.is_empty() {
                    doc.push('\n');
                }
                doc.push_str(line);
                let n = doc.split_whitespace().count();
                if n >= NEWS_DOC_WORDS {
                    taken += n;
                    docs.push(std::mem::take(&mut doc));
                    if taken >= per_stretch {
                        break;
                    }
                }
            }
        }
        let tokens = docs.iter().map(|d| tokenize(&Normalized::new(d)).len()).sum();
        let name = format!("unlabeled news ({rel}, {NEWS_STRETCHES} stretches)");
        Ok(Corpus { name, lang, docs, tokens })
    }
}

/// Throughput of one configuration over a corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Throughput {
    /// The timing of one pass over all documents.
    pub timing: Timing,
    /// Corpus tokens per second (median run).
    pub tokens_per_s: f64,
    /// UTF-8 megabytes (10^6 bytes) per second (median run).
    pub mb_per_s: f64,
}

impl Throughput {
    fn of(timing: Timing, tokens: usize, bytes: usize) -> Throughput {
        Throughput {
            timing,
            tokens_per_s: tokens as f64 / timing.median_s,
            mb_per_s: bytes as f64 / 1e6 / timing.median_s,
        }
    }
}

/// One stage's time over the corpus and its share of the whole pipeline's.
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    /// The stage.
    pub name: String,
    /// What it covers.
    pub what: String,
    /// Its timing over all documents.
    pub timing: Timing,
    /// Its time as a fraction of the whole pipeline's: the median ratio over runs of the
    /// two taken in turn (see [`paired_share`]).
    pub share: f64,
}

/// The results for one language.
#[derive(Debug, Clone, Serialize)]
pub struct LangReport {
    /// `ar` or `en`.
    pub lang: String,
    /// The corpus.
    pub corpus: String,
    /// Documents, tokens and bytes.
    pub docs: usize,
    /// Corpus tokens.
    pub tokens: usize,
    /// UTF-8 bytes.
    pub bytes: usize,
    /// The whole pipeline (tagger, lexicon, patterns, rules, resolve, identity), each pass
    /// starting with empty caches, as a fresh instance (a page) would.
    pub full: Throughput,
    /// The same with the caches of a previous pass kept, as a long-running annotator reading
    /// a stream of articles would have them (for information: the target is read on `full`).
    pub full_warm: Throughput,
    /// Without the tagger (`lexicon_only`).
    pub lexicon_only: Throughput,
    /// Stage costs.
    pub stages: Vec<Stage>,
}

/// Throughput over a long stream of news articles.
#[derive(Debug, Clone, Serialize)]
pub struct StreamReport {
    /// `ar` or `en`.
    pub lang: String,
    /// The corpus.
    pub corpus: String,
    /// Documents.
    pub docs: usize,
    /// Tokens, as the annotator counts them.
    pub tokens: usize,
    /// UTF-8 bytes.
    pub bytes: usize,
    /// The whole pipeline over all documents, one per call, each pass starting with empty
    /// caches: a fresh instance given a stream of articles, its caches filling (and keeping
    /// their most used half when full) as it goes.
    pub full: Throughput,
}

/// The time to compile a watchlist.
#[derive(Debug, Clone, Serialize)]
pub struct WatchlistReport {
    /// Number of terms.
    pub terms: usize,
    /// Compiling them into a fresh annotator.
    pub timing: Timing,
}

/// One point of the linearity series.
#[derive(Debug, Clone, Serialize)]
pub struct Scale {
    /// Input size in MB (10^6 bytes).
    pub mb: usize,
    /// Tokens in the input (whitespace-separated).
    pub tokens: usize,
    /// Annotating it as one text.
    pub timing: Timing,
    /// Tokens per second.
    pub tokens_per_s: f64,
}

/// Everything `noor bench` measures.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Runs per timing.
    pub runs: usize,
    /// Per language.
    pub langs: Vec<LangReport>,
    /// Per language, over a stream of unlabeled news.
    pub streams: Vec<StreamReport>,
    /// Compiling 10,000 watched names.
    pub watchlist: WatchlistReport,
    /// Time against input size (English dev text repeated).
    pub linearity: Vec<Scale>,
}

/// Empties the caches every annotator shares across texts (the lexicons' word walks, the
/// taggers' word sums), so that the next texts are read as by a fresh instance.
fn clear_caches() {
    for lang in [Lang::Ar, Lang::En] {
        Lexicon::embedded(lang).clear_cache();
        if let Some(m) = crate::model::embedded(lang) {
            m.clear_cache();
        }
    }
}

/// Measures one language.
pub fn bench_lang(corpus: &Corpus, runs: usize) -> LangReport {
    let opts = Options { lang: corpus.lang, ..Options::default() };
    let full = Annotator::new(opts.clone());
    let lex_only = Annotator::new(Options { lexicon_only: true, ..opts });
    let (tokens, bytes) = (corpus.tokens, corpus.bytes());
    // Each timed run reads the corpus as a fresh instance would: the lexicon's cache of word
    // walks (kept across texts, see `lexicon::find`) and the tagger's of word sums start
    // empty, and fill as the documents go by, as they do on a page.
    let cold = clear_caches;
    let run_all = |a: &Annotator| {
        cold();
        for d in &corpus.docs {
            std::hint::black_box(a.annotate(d));
        }
    };
    let full_t = Timing::measure(runs, || run_all(&full));
    // The caches are those of the warm-up pass and then of the previous run.
    let warm_t = Timing::measure(runs, || {
        for d in &corpus.docs {
            std::hint::black_box(full.annotate(d));
        }
    });
    let lex_only_t = Timing::measure(runs, || run_all(&lex_only));

    // Stage by stage on the same documents, each stage fed what it needs, prepared outside
    // the timed part.
    let lexicon = Lexicon::embedded(corpus.lang);
    let prepared: Vec<(Normalized, Vec<crate::text::Token>)> = corpus
        .docs
        .iter()
        .map(|d| {
            let n = Normalized::new(d);
            let t = tokenize(&n);
            (n, t)
        })
        .collect();
    let matches: Vec<Vec<lexicon::LexMatch>> = prepared.iter().map(|(n, t)| lexicon::find(lexicon, n, t)).collect();
    let mut stages = Vec::new();
    let mut stage = |name: &str, what: &str, part: &mut dyn FnMut()| {
        let (timing, share) = paired_share(runs, || run_all(&full), part);
        stages.push(Stage { name: name.into(), what: what.into(), timing, share });
    };
    stage("normalize + tokenize", "matching form and UAX #29 tokens", &mut || {
        for d in &corpus.docs {
            let n = Normalized::new(d);
            std::hint::black_box(tokenize(&n));
        }
    });
    stage(
        "lexicon",
        "gazetteer lookup (leftmost-longest, proclitic readings) and ministry/embassy patterns",
        &mut || {
            cold();
            for ((n, t), d) in prepared.iter().zip(&corpus.docs) {
                std::hint::black_box(lexicon::find(lexicon, n, t));
                std::hint::black_box(lexicon::patterns::find(lexicon, d, n, t));
            }
        },
    );
    stage("rules", "dates, times, numbers, money, percentages", &mut || {
        for ((n, t), d) in prepared.iter().zip(&corpus.docs) {
            std::hint::black_box(crate::rules::find(d, n, t, None));
        }
    });
    if let Some(model) = crate::model::embedded(corpus.lang) {
        stage("tagger", "features (incl. lexicon and cluster lookups), scores, Viterbi", &mut || {
            model.clear_cache();
            for (((n, t), d), m) in prepared.iter().zip(&corpus.docs).zip(&matches) {
                std::hint::black_box(model.tag(d, n, t, lexicon, m));
            }
        });
    }
    LangReport {
        lang: corpus.lang.code().to_string(),
        corpus: corpus.name.clone(),
        docs: corpus.docs.len(),
        tokens,
        bytes,
        full: Throughput::of(full_t, tokens, bytes),
        full_warm: Throughput::of(warm_t, tokens, bytes),
        lexicon_only: Throughput::of(lex_only_t, tokens, bytes),
        stages,
    }
}

/// Times a fresh annotator over every document of `corpus` in turn: each run starts with
/// empty caches, which then fill as the articles go by (see [`StreamReport::full`]).
pub fn stream(corpus: &Corpus, runs: usize) -> StreamReport {
    let a = Annotator::new(Options { lang: corpus.lang, ..Options::default() });
    let timing = Timing::measure(runs, || {
        clear_caches();
        for d in &corpus.docs {
            std::hint::black_box(a.annotate(d));
        }
    });
    StreamReport {
        lang: corpus.lang.code().to_string(),
        corpus: corpus.name.clone(),
        docs: corpus.docs.len(),
        tokens: corpus.tokens,
        bytes: corpus.bytes(),
        full: Throughput::of(timing, corpus.tokens, corpus.bytes()),
    }
}

/// `n` watchlist terms made from the corpus: distinct word bigrams, alternating types, every
/// tenth with an id. Real watchlists are names of one to three words; bigrams of news text
/// have the same shape and the same alphabet.
pub fn watchlist_terms(corpus: &Corpus, n: usize) -> Vec<Term> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    'docs: for d in &corpus.docs {
        let words: Vec<&str> = d.split_whitespace().filter(|w| w.chars().all(char::is_alphabetic)).collect();
        for pair in words.windows(2) {
            let text = format!("{} {}", pair[0], pair[1]);
            if !seen.insert(text.clone()) {
                continue;
            }
            let i = out.len();
            let kind = [Kind::Per, Kind::Org, Kind::Loc][i % 3];
            out.push(Term { text, kind, id: (i % 10 == 0).then(|| format!("bench:{i}")), label: None });
            if out.len() == n {
                break 'docs;
            }
        }
    }
    out
}

/// Times annotating the corpus text repeated to 1, 2, 4 and 8 MB, each as one text. The
/// sizes take turns run by run (after one untimed run of each), as in the Node benchmark: run
/// one size after the other, a change of the machine's speed during the series fell on the
/// larger sizes only (a report read 0.64 at 8 MB against 1 MB; two runs in turns right
/// after it read 0.85 and 1.04).
pub fn linearity(corpus: &Corpus, runs: usize) -> Vec<Scale> {
    let base = corpus.docs.join("\n");
    let a = Annotator::new(Options { lang: corpus.lang, ..Options::default() });
    let texts: Vec<(usize, String)> = [1usize, 2, 4, 8]
        .iter()
        .map(|&mb| {
            let mut text = String::with_capacity(mb * 1_000_000 + base.len());
            while text.len() < mb * 1_000_000 {
                text.push_str(&base);
                text.push('\n');
            }
            let cut = (0..=mb * 1_000_000).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            text.truncate(cut);
            (mb, text)
        })
        .collect();
    for (_, text) in &texts {
        std::hint::black_box(a.annotate(text));
    }
    let mut samples = vec![Vec::with_capacity(runs.max(1)); texts.len()];
    for _ in 0..runs.max(1) {
        for ((_, text), times) in texts.iter().zip(samples.iter_mut()) {
            let t = Instant::now();
            std::hint::black_box(a.annotate(text));
            times.push(t.elapsed().as_secs_f64());
        }
    }
    texts
        .iter()
        .zip(samples)
        .map(|((mb, text), times)| {
            let timing = Timing::of(times);
            let tokens = text.split_whitespace().count();
            Scale { mb: *mb, tokens, timing, tokens_per_s: tokens as f64 / timing.median_s }
        })
        .collect()
}

/// Whitespace words of each language's news stream: a million, so that a run is long
/// enough for the caches to reach the state they keep over a long stream.
const STREAM_WORDS: usize = 1_000_000;

/// Runs the whole native benchmark.
pub fn run(shared: &Path, runs: usize) -> Result<Report, Error> {
    let ar = Corpus::dev(shared, Lang::Ar)?;
    let en = Corpus::dev(shared, Lang::En)?;
    let langs = vec![bench_lang(&ar, runs), bench_lang(&en, runs)];
    let mut streams = Vec::new();
    for lang in [Lang::Ar, Lang::En] {
        let news = Corpus::news(shared, lang, STREAM_WORDS)?;
        streams.push(stream(&news, runs.min(3)));
    }
    let mut terms = watchlist_terms(&ar, 5_000);
    terms.extend(watchlist_terms(&en, 10_000 - terms.len()));
    let timing = Timing::measure(runs, || {
        let mut a = Annotator::new(Options::default());
        // Bigrams of real text are valid terms; a failure here is a bug worth seeing.
        a.add_terms(terms.clone()).expect("watchlist terms");
        std::hint::black_box(a.terms().len());
    });
    let watchlist = WatchlistReport { terms: terms.len(), timing };
    let linearity = linearity(&en, runs.min(3));
    Ok(Report { runs, langs, streams, watchlist, linearity })
}

fn fmt_int(x: f64) -> String {
    let s = format!("{:.0}", x);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ms(t: &Timing) -> String {
    format!("{:.1} ms ({:.1}–{:.1})", t.median_s * 1e3, t.min_s * 1e3, t.max_s * 1e3)
}

impl Report {
    /// The report's section of BENCHMARKS.md.
    pub fn markdown(&self) -> String {
        let mut s = String::from("## Native throughput and stage costs (`noor bench`)\n\n");
        s.push_str(&format!(
            "One core, release build (`target/release-native/noor`), median of {} runs after a warm-up \
             (min–max in brackets). Texts: the dev sets, one document per article (CoNLL-2003 `-DOCSTART-`; \
             ANERcorp in blocks of {AR_DOC_SENTENCES} sentences), annotated one document per call. Each run \
             starts with empty caches (the tagger's word sums, the lexicon's word walks), as a fresh instance \
             would; the target is read there and on the stream of news below. For information, *warm caches*: the same run with the caches \
             of the previous run kept, as a long-running annotator reading a stream of articles has them.\n\n",
            self.runs
        ));
        s.push_str(
            "| language | corpus | tokens | whole pipeline | tokens/s | MB/s | tokens/s, warm caches | lexicon-only tokens/s |\n",
        );
        s.push_str("|---|---|---:|---|---:|---:|---:|---:|\n");
        for l in &self.langs {
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} | {:.2} | {} | {} |\n",
                l.lang,
                l.corpus,
                fmt_int(l.tokens as f64),
                ms(&l.full.timing),
                fmt_int(l.full.tokens_per_s),
                l.full.mb_per_s,
                fmt_int(l.full_warm.tokens_per_s),
                fmt_int(l.lexicon_only.tokens_per_s)
            ));
        }
        if !self.streams.is_empty() {
            s.push_str(&format!(
                "\nA stream of news: a million words of each language's unlabeled news (`../shared/data/unlabeled`, \
                 drawn from 40 stretches spread over the file, so every source is in it), in documents of about \
                 400 words, annotated one document per call by one instance whose caches start empty, \
                 fill as the articles go by, and keep their most used words when full (median of {} runs). Tokens as the annotator counts them \
                 (words, numbers, punctuation).\n\n| language | documents | tokens | whole pipeline | tokens/s | MB/s |\n|---|---:|---:|---|---:|---:|\n",
                self.streams[0].full.timing.runs
            ));
            for st in &self.streams {
                s.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {:.2} |\n",
                    st.lang,
                    fmt_int(st.docs as f64),
                    fmt_int(st.tokens as f64),
                    ms(&st.full.timing),
                    fmt_int(st.full.tokens_per_s),
                    st.full.mb_per_s
                ));
            }
        }
        s.push_str(
            "\nStage costs, each timed alone on the same documents, as a share of the whole pipeline's time \
                    (resolving, identity and offsets are the rest). The share is the median ratio over runs of \
                    the stage and the whole pipeline timed in turn, which holds when the machine changes speed \
                    between runs; every run starts with empty lexicon caches, as a fresh instance would:\n\n",
        );
        s.push_str("| language | stage | covers | time | share of pipeline |\n|---|---|---|---|---:|\n");
        for l in &self.langs {
            for st in &l.stages {
                s.push_str(&format!(
                    "| {} | {} | {} | {} | {:.1}% |\n",
                    l.lang,
                    st.name,
                    st.what,
                    ms(&st.timing),
                    st.share * 100.0
                ));
            }
        }
        s.push_str(&format!(
            "\nWatchlist: compiling {} terms (word bigrams of the dev texts, half Arabic, half English) takes {} natively.\n",
            fmt_int(self.watchlist.terms as f64),
            ms(&self.watchlist.timing)
        ));
        s.push_str("\nLinearity (English dev text repeated, annotated as one text; the sizes take turns run by run):\n\n| input | tokens | time | tokens/s |\n|---:|---:|---|---:|\n");
        for p in &self.linearity {
            s.push_str(&format!(
                "| {} MB | {} | {} | {} |\n",
                p.mb,
                fmt_int(p.tokens as f64),
                ms(&p.timing),
                fmt_int(p.tokens_per_s)
            ));
        }
        s
    }

    /// The lines of the report's headline table: `(metric, value, target, met)`.
    pub fn headline(&self) -> Vec<(String, String, String, Option<bool>)> {
        let mut h = Vec::new();
        for l in &self.langs {
            h.push((
                format!("native throughput, {} (dev texts, fresh instance)", l.lang),
                format!("{} tokens/s", fmt_int(l.full.tokens_per_s)),
                "≥ 1,000,000 tokens/s".to_string(),
                Some(l.full.tokens_per_s >= 1e6),
            ));
        }
        for st in &self.streams {
            h.push((
                format!("native throughput, {} (a million words of news, one instance)", st.lang),
                format!("{} tokens/s", fmt_int(st.full.tokens_per_s)),
                "≥ 1,000,000 tokens/s".to_string(),
                Some(st.full.tokens_per_s >= 1e6),
            ));
        }
        for l in &self.langs {
            for (name, target) in [("lexicon", 0.10), ("rules", 0.10)] {
                if let Some(st) = l.stages.iter().find(|s| s.name == name) {
                    h.push((
                        format!("{name} share of annotate time, {}", l.lang),
                        format!("{:.1}%", st.share * 100.0),
                        format!("≤ {:.0}%", target * 100.0),
                        Some(st.share <= target),
                    ));
                }
            }
        }
        if let (Some(first), Some(last)) = (self.linearity.first(), self.linearity.last()) {
            let ratio = last.tokens_per_s / first.tokens_per_s;
            h.push((
                format!("linearity: tokens/s at {} MB ÷ at {} MB", last.mb, first.mb),
                format!("{ratio:.2}"),
                "≈ 1 (linear)".to_string(),
                Some(ratio > 0.8),
            ));
        }
        h
    }
}
