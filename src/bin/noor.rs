//! The `noor` command: a thin face over the library (annotate, tag, eval, lexicon build).
//! Every failure prints one line and exits non-zero; nothing here panics on bad input.

// The command line is native only; on wasm32 (built when the wasm tests run) this binary is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use noor::eval::{conll, score::Score};
    use noor::render::html;
    use noor::{Annotator, Error, Lang, OffsetUnit, Options};
    use std::io::{Read, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    const USAGE: &str = "\
    noor — finds people, organizations, places and dates in Arabic and English news

    usage:
      noor annotate [--lang auto|ar|en] [--offsets utf16|utf8|chars] [--format json|html] [FILE|-]
      noor tag --conll [--lang auto|ar|en] [FILE|-]     token<TAB>BIO-tag lines for one-token-per-line input, read
                                                        by document (-DOCSTART- marks, else 15 sentences)
      noor eval GOLD.conll [--lang auto|ar|en] [--pred PRED.conll] [--slice FROM..TO]
                                                        entity-level P/R/F1 per type (conlleval semantics);
                                                        --slice 0.9..1 scores only the last 10% of the sentences
      noor lexicon build [--shared DIR] [--out-dir DIR] compile the gazetteers of ../shared into models/lexicon-{ar,en}.bin
      noor pack --lang ar|en [--out FILE]               write a language pack (lexicon, tagger, clusters) for the browser
      noor lexicon lookup NAME...                       senses of a name in the shipped lexicon
      noor clusters build --lang ar|en [--shared DIR] [--out FILE] [--keep WORDS] [--bits N]
                                                        learn word clusters from the unlabeled news (models/clusters-LANG.bin)
      noor rules tables [--shared DIR]                  regenerate src/rules/cldr_tables.rs from CLDR
      noor train --lang ar|en [--shared DIR] [--epochs N] [--out FILE] [--seed N] [--prune W]
                 [--doc-window N] [--doc-epochs N] [--bags N] [--silver N] [--clusters FILE]
                                                        train the tagger on ../shared/data/ner (models/ner-LANG.bin)
      noor bench [--shared DIR] [--runs N] [--out-dir DIR]
                                                        native throughput, stage costs, watchlist compile time and
                                                        linearity on the dev texts, and throughput over a million
                                                        words of unlabeled news (target/bench/native.{md,json})
      noor version";

    pub fn main() -> ExitCode {
        // A bug must still end in one readable line, not a backtrace.
        std::panic::set_hook(Box::new(|info| {
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            eprintln!("noor: internal error: {msg} (please report this)");
        }));
        let args: Vec<String> = std::env::args().skip(1).collect();
        match std::panic::catch_unwind(|| run(&args)) {
            Ok(Ok(())) => ExitCode::SUCCESS,
            Ok(Err(e)) => {
                eprintln!("noor: {e}");
                ExitCode::from(2)
            }
            Err(_) => ExitCode::from(70),
        }
    }

    /// Parsed flags and positional arguments of one command.
    struct Args {
        flags: Vec<(String, Option<String>)>,
        positional: Vec<String>,
    }

    impl Args {
        /// Splits `args`; `valued` lists the flags that take a value.
        fn parse(args: &[String], valued: &[&str], switches: &[&str]) -> Result<Args, Error> {
            let mut flags = Vec::new();
            let mut positional = Vec::new();
            let mut it = args.iter();
            while let Some(a) = it.next() {
                if a == "-" || !a.starts_with('-') {
                    positional.push(a.clone());
                } else if let Some((k, v)) = a.split_once('=').filter(|(k, _)| valued.contains(k)) {
                    flags.push((k.to_string(), Some(v.to_string())));
                } else if valued.contains(&a.as_str()) {
                    let v = it.next().ok_or_else(|| Error::Input(format!("{a} needs a value")))?;
                    flags.push((a.clone(), Some(v.clone())));
                } else if switches.contains(&a.as_str()) {
                    flags.push((a.clone(), None));
                } else {
                    return Err(Error::Input(format!("unknown flag {a} (see `noor help`)")));
                }
            }
            Ok(Args { flags, positional })
        }

        fn value(&self, name: &str) -> Option<&str> {
            self.flags.iter().rev().find(|(k, _)| k == name).and_then(|(_, v)| v.as_deref())
        }

        fn has(&self, name: &str) -> bool {
            self.flags.iter().any(|(k, _)| k == name)
        }

        /// An annotator with these options and the watchlist of `--terms`, if given.
        fn annotator(&self) -> Result<Annotator, Error> {
            let mut a = Annotator::new(self.options()?);
            if let Some(path) = self.value("--model") {
                // An experiment's model instead of the shipped one, for the language given by --lang.
                let lang = match self.value("--lang") {
                    Some("ar") => Lang::Ar,
                    Some("en") => Lang::En,
                    _ => return Err(Error::Input("--model needs --lang ar or --lang en".into())),
                };
                let bytes = std::fs::read(path).map_err(|e| Error::Io(format!("{path}: {e}")))?;
                let tagger = noor::model::tagger::Tagger::from_bytes(bytes)?;
                let clusters = match std::fs::read(format!("models/clusters-{}.bin", lang.code())) {
                    Ok(b) => noor::model::clusters::Clusters::from_bytes(&b)?,
                    Err(_) => noor::model::clusters::Clusters::empty(),
                };
                a = a.with_model(lang, Some(noor::model::Model::new(tagger, clusters)));
            }
            if let Some(path) = self.value("--terms") {
                let terms = noor::lexicon::Watchlist::parse_tsv(&read_input(Some(path))?)
                    .map_err(|e| Error::Input(format!("{path}: {e}")))?;
                a.add_terms(terms)?;
            }
            Ok(a)
        }

        fn options(&self) -> Result<Options, Error> {
            let mut o = Options::default();
            if let Some(l) = self.value("--lang") {
                o.lang =
                    Lang::parse(l).ok_or_else(|| Error::Input(format!("--lang must be auto, ar or en, not {l:?}")))?;
            }
            if let Some(u) = self.value("--offsets") {
                o.offsets = OffsetUnit::parse(u)
                    .ok_or_else(|| Error::Input(format!("--offsets must be utf16, utf8 or chars, not {u:?}")))?;
            }
            if let Some(d) = self.value("--date") {
                let ok = d.len() == 10
                    && d.bytes()
                        .enumerate()
                        .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
                if !ok {
                    return Err(Error::Input(format!("--date must be YYYY-MM-DD, not {d:?}")));
                }
                o.reference_date = Some(d.to_string());
            }
            o.lexicon_only = self.has("--lexicon-only");
            Ok(o)
        }

        fn at_most_one_input(&self) -> Result<Option<&str>, Error> {
            match self.positional.as_slice() {
                [] => Ok(None),
                [one] => Ok(Some(one)),
                _ => Err(Error::Input("give at most one input file".into())),
            }
        }
    }

    /// Reads a file (or stdin for `-` / none) as UTF-8.
    fn read_input(path: Option<&str>) -> Result<String, Error> {
        let (bytes, name) = match path {
            None | Some("-") => {
                let mut b = Vec::new();
                std::io::stdin().read_to_end(&mut b).map_err(|e| Error::Io(format!("stdin: {e}")))?;
                (b, "stdin".to_string())
            }
            Some(p) => (std::fs::read(p).map_err(|e| Error::Io(format!("{p}: {e}")))?, p.to_string()),
        };
        String::from_utf8(bytes).map_err(|e| {
            Error::Input(format!("{name}: not valid UTF-8 (first bad byte at offset {})", e.utf8_error().valid_up_to()))
        })
    }

    fn write_out(s: &str) -> Result<(), Error> {
        let mut out = std::io::stdout().lock();
        match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
            // A closed pipe (`noor annotate | head`) is the reader's choice, not an error.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Io(format!("stdout: {e}"))),
            _ => Ok(()),
        }
    }

    fn run(args: &[String]) -> Result<(), Error> {
        let Some((cmd, rest)) = args.split_first() else {
            println!("{USAGE}");
            return Ok(());
        };
        match cmd.as_str() {
            "annotate" => annotate(rest),
            "tag" => tag(rest),
            "eval" => eval(rest),
            "lexicon" => lexicon(rest),
            "clusters" => clusters(rest),
            "train" => train(rest),
            "rules" => rules(rest),
            "bench" => bench(rest),
            "pack" => pack(rest),
            "version" | "--version" | "-V" => write_out(&format!("noor {}\n", noor::VERSION)),
            "help" | "--help" | "-h" => write_out(&format!("{USAGE}\n")),
            other => Err(Error::Input(format!("unknown command {other:?} (see `noor help`)"))),
        }
    }

    /// `noor pack`: one language's shipped files as one pack for the browser build.
    fn pack(rest: &[String]) -> Result<(), Error> {
        let a = Args::parse(rest, &["--lang", "--out"], &[])?;
        let lang = match a.value("--lang") {
            Some("ar") => Lang::Ar,
            Some("en") => Lang::En,
            _ => return Err(Error::Input("pack needs --lang ar or --lang en".into())),
        };
        let out = PathBuf::from(a.value("--out").map_or_else(|| format!("noor-{}.pack", lang.code()), str::to_string));
        let bytes = noor::pack::embedded_bytes(lang);
        std::fs::write(&out, &bytes).map_err(|e| Error::Io(format!("{}: {e}", out.display())))?;
        write_out(&format!("wrote {} ({} bytes)\n", out.display(), bytes.len()))
    }

    fn bench(rest: &[String]) -> Result<(), Error> {
        let a = Args::parse(rest, &["--shared", "--runs", "--out-dir"], &[])?;
        let shared = PathBuf::from(a.value("--shared").unwrap_or("../shared"));
        if !shared.join("data/ner").is_dir() {
            return Err(Error::Io(format!("{}: no data/ner here (pass --shared DIR)", shared.display())));
        }
        let runs: usize = match a.value("--runs") {
            None => 5,
            Some(v) => v
                .parse()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| Error::Input(format!("--runs must be a positive number, not {v:?}")))?,
        };
        let dir = PathBuf::from(a.value("--out-dir").unwrap_or("target/bench"));
        std::fs::create_dir_all(&dir).map_err(|e| Error::Io(format!("{}: {e}", dir.display())))?;
        let report = noor::eval::bench::run(&shared, runs)?;
        let headline: Vec<serde_json::Value> = report
            .headline()
            .into_iter()
            .map(|(metric, value, target, met)| serde_json::json!({"metric": metric, "value": value, "target": target, "met": met}))
            .collect();
        let mut json = serde_json::to_value(&report).map_err(|e| Error::Data(e.to_string()))?;
        json["headline"] = serde_json::Value::Array(headline);
        let md = report.markdown();
        for (name, body) in [("native.json", format!("{json:#}\n")), ("native.md", md.clone())] {
            let p = dir.join(name);
            std::fs::write(&p, body).map_err(|e| Error::Io(format!("{}: {e}", p.display())))?;
        }
        write_out(&md)
    }

    fn annotate(rest: &[String]) -> Result<(), Error> {
        let a = Args::parse(
            rest,
            &["--lang", "--offsets", "--format", "--terms", "--date", "--model"],
            &["--lexicon-only"],
        )?;
        let annotator = a.annotator()?;
        let text = read_input(a.at_most_one_input()?)?;
        match a.value("--format").unwrap_or("json") {
            "json" => {
                let out = annotator.annotate(&text);
                let json = serde_json::to_string(&out).map_err(|e| Error::Data(e.to_string()))?;
                write_out(&format!("{json}\n"))
            }
            "html" => {
                let out = annotator.annotate_bytes(&text);
                write_out(&html::page(&text, &out.entities, out.lang))
            }
            f => Err(Error::Input(format!("--format must be json or html, not {f:?}"))),
        }
    }

    fn tag(rest: &[String]) -> Result<(), Error> {
        let a = Args::parse(rest, &["--lang", "--terms", "--date", "--model"], &["--conll", "--lexicon-only"])?;
        if !a.has("--conll") {
            return Err(Error::Input("tag needs --conll (one token per line, blank line between sentences)".into()));
        }
        let annotator = a.annotator()?;
        let text = read_input(a.at_most_one_input()?)?;
        let mut out = String::with_capacity(text.len() + text.len() / 2);
        let sentences = conll::parse(&text);
        for (s, tags) in sentences.iter().zip(tag_documents(&annotator, &sentences)) {
            if s.doc_start {
                out.push_str("-DOCSTART-\tO\n\n");
            }
            for (tok, tag) in s.tokens.iter().zip(tags) {
                out.push_str(tok);
                out.push('\t');
                out.push_str(&tag);
                out.push('\n');
            }
            out.push('\n');
        }
        write_out(&out)
    }

    /// Tags sentences document by document (see `conll::documents`): one tag list per sentence.
    fn tag_documents(annotator: &Annotator, sentences: &[conll::Sentence]) -> Vec<Vec<String>> {
        let mut out = Vec::with_capacity(sentences.len());
        for doc in conll::documents(sentences, conll::DOC_SENTENCES) {
            let toks: Vec<&[String]> = sentences[doc].iter().map(|s| s.tokens.as_slice()).collect();
            out.extend(annotator.tag_document(&toks));
        }
        out
    }

    fn eval(rest: &[String]) -> Result<(), Error> {
        let a = Args::parse(rest, &["--lang", "--pred", "--slice", "--terms", "--model"], &["--lexicon-only"])?;
        let gold_path = a.at_most_one_input()?.ok_or_else(|| Error::Input("eval needs a gold CoNLL file".into()))?;
        let mut gold = conll::parse(&read_input(Some(gold_path))?);
        if let Some(slice) = a.value("--slice") {
            let bad = || Error::Input(format!("--slice must be FROM..TO with 0 <= FROM < TO <= 1, not {slice:?}"));
            let (from, to) = slice.split_once("..").ok_or_else(bad)?;
            let (from, to): (f64, f64) = (from.parse().map_err(|_| bad())?, to.parse().map_err(|_| bad())?);
            if !(0.0..1.0).contains(&from) || to <= from || to > 1.0 {
                return Err(bad());
            }
            let n = gold.len() as f64;
            let (lo, hi) = ((n * from).round() as usize, (n * to).round() as usize);
            gold = gold[lo..hi].to_vec();
        }
        if gold.iter().any(|s| s.tags.len() != s.tokens.len()) {
            return Err(Error::Input(format!("{gold_path}: every line needs a token and a tag")));
        }
        let mut score = Score::default();
        match a.value("--pred") {
            Some(p) => {
                let pred = conll::parse(&read_input(Some(p))?);
                if pred.len() != gold.len() || pred.iter().zip(&gold).any(|(p, g)| p.tags.len() != g.tokens.len()) {
                    return Err(Error::Input(format!("{p}: sentences and tokens must line up with {gold_path}")));
                }
                for (g, p) in gold.iter().zip(&pred) {
                    score.add(&g.tags, &p.tags);
                }
            }
            None => {
                let annotator = a.annotator()?;
                for (g, tags) in gold.iter().zip(tag_documents(&annotator, &gold)) {
                    score.add(&g.tags, &tags);
                }
            }
        }
        write_out(&format!("{gold_path}: {} sentences, {} tokens\n{}", gold.len(), score.tokens, score.table()))
    }

    fn lexicon(rest: &[String]) -> Result<(), Error> {
        match rest.split_first() {
            Some((sub, rest)) if sub == "build" => {
                let a = Args::parse(rest, &["--shared", "--out-dir"], &[])?;
                let shared = PathBuf::from(a.value("--shared").unwrap_or("../shared"));
                if !shared.join("data/gazetteers").is_dir() {
                    return Err(Error::Io(format!(
                        "{}: no data/gazetteers here (pass --shared DIR)",
                        shared.display()
                    )));
                }
                let dir = PathBuf::from(a.value("--out-dir").unwrap_or("models"));
                let built = noor::lexicon::build::build(&shared, Path::new("kb"))?;
                for (name, bytes) in [("lexicon-ar.bin", &built.ar), ("lexicon-en.bin", &built.en)] {
                    let out = dir.join(name);
                    std::fs::write(&out, bytes).map_err(|e| Error::Io(format!("{}: {e}", out.display())))?;
                }
                write_manifest(&shared, &dir, &built)?;
                write_out(&format!("{}wrote {}/lexicon-ar.bin and lexicon-en.bin\n", built.report, dir.display()))
            }
            Some((sub, names)) if sub == "lookup" => {
                let mut out = String::new();
                for name in names {
                    let key = noor::lexicon::key_of(name);
                    let lang = if noor::lexicon::build::is_arabic_key(&key) { Lang::Ar } else { Lang::En };
                    let lex = noor::lexicon::Lexicon::embedded(lang);
                    out.push_str(&format!("{name}\t[{key}]\n"));
                    for s in lex.lookup(name) {
                        out.push_str(&format!(
                            "  {}\t{}\t{}\t{}\t{}\n",
                            s.kind,
                            s.id,
                            s.canonical,
                            s.country_code(),
                            s.rank
                        ));
                    }
                }
                write_out(&out)
            }
            _ => Err(Error::Input(
                "usage: noor lexicon build [--shared DIR] [--out-dir DIR] | noor lexicon lookup NAME...".into(),
            )),
        }
    }

    /// Writes `MANIFEST.md` next to the lexicon: inputs with hashes, sizes, the build report.
    fn write_manifest(shared: &Path, dir: &Path, built: &noor::lexicon::build::Built) -> Result<(), Error> {
        use noor::lexicon::build::{
            evidence_corpora, gzip_len, sha256_file, KB_FILES, NAME_FILES, NAME_TOKEN_FILES, PERSON_TOKENS,
            PLACE_FILES, UNLABELED_AR,
        };
        let mut m = String::from(
            "# models/lexicon-ar.bin, models/lexicon-en.bin\n\nWritten by `noor lexicon build` (`make lexicon`). \
             Do not edit by hand. Names in Arabic script go to the Arabic pack's lexicon, the others to the \
             English pack's.\n\n",
        );
        m.push_str("## Inputs (SHA-256)\n\n");
        let gaz = shared.join("data/gazetteers");
        for f in
            PLACE_FILES.iter().chain(NAME_FILES.iter()).chain([PERSON_TOKENS].iter()).chain(NAME_TOKEN_FILES.iter())
        {
            m.push_str(&format!("- `data/gazetteers/{f}` {}\n", sha256_file(&gaz.join(f))?));
        }
        m.push_str(&format!(
            "- `{UNLABELED_AR}` {} (word frequencies only)\n",
            sha256_file(&shared.join(UNLABELED_AR))?
        ));
        for f in KB_FILES {
            if Path::new(f).is_file() {
                m.push_str(&format!("- repository `{f}` {} (hand-written)\n", sha256_file(Path::new(f))?));
            }
        }
        for (label, path, _) in evidence_corpora(&shared.join("data/ner")) {
            let rel = path.strip_prefix(shared).unwrap_or(&path);
            m.push_str(&format!("- `{}` {} ({label}, evidence only)\n", rel.display(), sha256_file(&path)?));
        }
        m.push_str("\n## Output\n\n");
        for (name, bytes) in [("lexicon-ar.bin", &built.ar), ("lexicon-en.bin", &built.en)] {
            m.push_str(&format!("- `models/{name}`: {} bytes, {} bytes gzip\n", bytes.len(), gzip_len(bytes)));
        }
        m.push_str(&format!("\n## Report\n\n```\n{}```\n", built.report));
        let path = dir.join("MANIFEST.md");
        std::fs::write(&path, m).map_err(|e| Error::Io(format!("{}: {e}", path.display())))
    }

    /// `noor train`: trains the tagger of one language and writes the model and its manifest.
    fn train(rest: &[String]) -> Result<(), Error> {
        use noor::model::train::{corpora, prepare, read, train, Settings};
        let a = Args::parse(
            rest,
            &[
                "--lang",
                "--shared",
                "--epochs",
                "--out",
                "--seed",
                "--prune",
                "--doc-window",
                "--doc-epochs",
                "--clusters",
                "--bags",
                "--silver",
            ],
            &[],
        )?;
        let lang = match a.value("--lang") {
            Some("ar") => Lang::Ar,
            Some("en") => Lang::En,
            _ => return Err(Error::Input("train needs --lang ar or --lang en".into())),
        };
        let shared = PathBuf::from(a.value("--shared").unwrap_or("../shared"));
        let ner = shared.join("data/ner");
        if !ner.is_dir() {
            return Err(Error::Io(format!("{}: no data/ner here (pass --shared DIR)", shared.display())));
        }
        let mut settings = Settings::for_lang(lang);
        if let Some(e) = a.value("--epochs") {
            settings.epochs = e.parse().map_err(|_| Error::Input(format!("--epochs must be a number, not {e:?}")))?;
        }
        if let Some(n) = a.value("--silver") {
            settings.silver = n.parse().map_err(|_| Error::Input(format!("--silver must be a number, not {n:?}")))?;
        }
        if let Some(p) = a.value("--prune") {
            settings.prune = p.parse().map_err(|_| Error::Input(format!("--prune must be a number, not {p:?}")))?;
        }
        if let Some(s) = a.value("--bags") {
            settings.bags = s.parse().map_err(|_| Error::Input(format!("--bags must be a number, not {s:?}")))?;
        }
        if let Some(s) = a.value("--doc-window") {
            settings.doc_window =
                s.parse().map_err(|_| Error::Input(format!("--doc-window must be a number, not {s:?}")))?;
        }
        if let Some(s) = a.value("--doc-epochs") {
            settings.doc_epochs =
                s.parse().map_err(|_| Error::Input(format!("--doc-epochs must be a number, not {s:?}")))?;
        }
        if let Some(s) = a.value("--seed") {
            settings.seed = s.parse().map_err(|_| Error::Input(format!("--seed must be a number, not {s:?}")))?;
        }
        let out =
            PathBuf::from(a.value("--out").map_or_else(|| format!("models/ner-{}.bin", lang.code()), String::from));
        let started = std::time::Instant::now();
        let lexicon = noor::lexicon::Lexicon::embedded(lang);
        let clusters_path = PathBuf::from(
            a.value("--clusters").map_or_else(|| format!("models/clusters-{}.bin", lang.code()), String::from),
        );
        let clusters = match std::fs::read(&clusters_path) {
            Ok(b) => noor::model::clusters::Clusters::from_bytes(&b)?,
            Err(_) => {
                eprintln!("train: {} not found; training without word clusters", clusters_path.display());
                noor::model::clusters::Clusters::empty()
            }
        };
        let clusters = &clusters;
        let (train_c, dev_c) = corpora(lang);
        let mut dev_s = Vec::new();
        for c in &dev_c {
            dev_s.extend(read(&ner, c)?);
        }
        // One training run, both stages, the features with the name priors `priors` (empty:
        // none).
        let run = |train_c: &[noor::model::train::Corpus],
                   silver: &[noor::eval::conll::Sentence],
                   priors: &noor::model::priors::Priors,
                   log: &mut dyn FnMut(&str)|
         -> Result<(noor::model::train::Trained, Option<noor::model::train::DocStage>), Error> {
            let mut train_x = Vec::new();
            let mut next_doc = 0;
            for c in train_c {
                let mut x = prepare(&read(&ner, c)?, lexicon, clusters, priors);
                for e in &mut x {
                    e.domain = c.domain;
                }
                noor::model::train::assign_docs(&mut x, settings.doc_window, &mut next_doc);
                train_x.extend(x);
            }
            if !silver.is_empty() {
                let mut x = prepare(silver, lexicon, clusters, priors);
                for e in &mut x {
                    e.domain = noor::model::train::SILVER_DOMAIN;
                }
                noor::model::train::assign_docs(&mut x, settings.doc_window, &mut next_doc);
                train_x.extend(x);
            }
            log(&format!("train: {} sentences, dev: {} sentences; features extracted", train_x.len(), dev_s.len()));
            let mut dev_x = prepare(&dev_s, lexicon, clusters, priors);
            noor::model::train::assign_docs(&mut dev_x, settings.doc_window, &mut next_doc);
            let mut trained = train(&train_x, &dev_x, settings, log);
            let mut doc_stage = None;
            if settings.doc_window > 1 {
                let m1 = noor::model::tagger::Tagger::from_slice(&trained.bytes)?;
                let d = noor::model::train::train_doc(&train_x, &dev_x, &m1, trained.best_epoch, settings, log);
                log(&format!(
                    "doc stage: dev F1 windows of {}: {:.2} (first stage {:.2}); single sentences {:.2}",
                    settings.doc_window,
                    d.dev_docs.total.f1(),
                    d.dev_docs_first.total.f1(),
                    d.dev_sents.total.f1()
                ));
                trained.bytes.extend_from_slice(&d.bytes);
                doc_stage = Some(d);
            }
            Ok((trained, doc_stage))
        };
        let mut priors = noor::model::priors::Priors::default();
        let mut priors_note = String::new();
        let mut silver: Vec<noor::eval::conll::Sentence> = Vec::new();
        if settings.priors_min > 0 {
            // A first model without priors tags the unlabeled news; its findings are the priors
            // of the model shipped (see `Settings::priors_min`), and its most confident
            // sentences join the training data (`Settings::silver`). NOOR_PRIORS_CACHE=FILE
            // keeps them in FILE and FILE.silver (CoNLL) and reads them from there when they
            // exist (experiments over seeds).
            let cache = std::env::var("NOOR_PRIORS_CACHE").ok().filter(|p| !p.is_empty());
            let silver_cache = cache.as_ref().map(|p| format!("{p}.silver"));
            if let (Some(bytes), Some(text)) = (
                cache.as_ref().and_then(|p| std::fs::read(p).ok()),
                silver_cache.as_ref().and_then(|p| std::fs::read_to_string(p).ok()),
            ) {
                priors = noor::model::priors::Priors::from_bytes(&bytes)?;
                silver = noor::eval::conll::parse(&text);
                silver.truncate(settings.silver);
                priors_note = format!("read from {}", cache.as_deref().unwrap_or(""));
            } else {
                let t = std::time::Instant::now();
                let first_c = noor::model::train::priors_corpora(lang).unwrap_or_else(|| train_c.clone());
                let first = run(&first_c, &[], &priors, &mut |line| eprintln!("priors, first model: {line}"))?.0.bytes;
                let model = noor::model::Model::new(noor::model::tagger::Tagger::from_bytes(first)?, clusters.clone());
                let news = shared.join(noor::lexicon::build::UNLABELED_AR);
                let (p, n, s) = noor::model::train::news_priors(
                    &news,
                    &model,
                    lexicon,
                    settings.priors_min,
                    (settings.silver, settings.silver_conf),
                )?;
                priors = p;
                silver = s;
                priors_note =
                    format!("{n} tokens; the first model and the tagging took {:.0} s", t.elapsed().as_secs_f64());
                if let (Some(path), Some(silver_path)) = (&cache, &silver_cache) {
                    std::fs::write(path, priors.to_bytes()).map_err(|e| Error::Io(format!("{path}: {e}")))?;
                    let mut text = String::new();
                    for x in &silver {
                        for (tok, tag) in x.tokens.iter().zip(&x.tags) {
                            text.push_str(&format!("{tok}\t{tag}\n"));
                        }
                        text.push('\n');
                    }
                    std::fs::write(silver_path, text).map_err(|e| Error::Io(format!("{silver_path}: {e}")))?;
                }
            }
            eprintln!(
                "priors: {} words, {} with a name code, {} with trigger codes ({priors_note})",
                priors.len(),
                priors.count(|c| c[0] != 0),
                priors.count(|c| c[1] != 0 || c[2] != 0)
            );
        }
        let (mut trained, doc_stage) = run(&train_c, &silver, &priors, &mut |line| eprintln!("{line}"))?;
        if !priors.is_empty() {
            trained.bytes.extend_from_slice(&priors.to_bytes());
        }
        std::fs::write(&out, &trained.bytes).map_err(|e| Error::Io(format!("{}: {e}", out.display())))?;
        let secs = started.elapsed().as_secs_f64();
        // The whole pipeline with the new model (lexicon, patterns, resolver), as `noor eval` runs it.
        let model = noor::model::Model::new(noor::model::tagger::Tagger::from_slice(&trained.bytes)?, clusters.clone());
        let annotator = Annotator::new(Options { lang, ..Options::default() }).with_model(lang, Some(model));
        let mut pipeline = noor::eval::score::Score::default();
        for (s, tags) in dev_s.iter().zip(tag_documents(&annotator, &dev_s)) {
            pipeline.add(&s.tags, &tags);
        }
        eprintln!("pipeline dev F1 {:.2}", pipeline.total.f1());
        // The manifest: data with hashes and licenses, settings, dev scores, size.
        let mut m = format!(
            "# {}\n\nWritten by `noor train --lang {}` (`make train-{}`). Do not edit by hand.\n\n## Data\n\n",
            out.display(),
            lang.code(),
            lang.code()
        );
        for (role, list) in [("train", &train_c), ("dev", &dev_c)] {
            for c in list.iter() {
                let sha = noor::lexicon::build::sha256_file(&ner.join(c.path))?;
                m.push_str(&format!(
                    "- {role}: `data/ner/{}` sentences {:.0}%..{:.0}% ({}; {}) sha256 {sha}\n",
                    c.path,
                    c.part.0 * 100.0,
                    c.part.1 * 100.0,
                    c.label,
                    c.license
                ));
            }
        }
        if !priors.is_empty() {
            let sha = noor::lexicon::build::sha256_file(&shared.join(noor::lexicon::build::UNLABELED_AR))?;
            m.push_str(&format!(
                "- name priors: `{}` (unlabeled Arabic news; research and non-commercial licences, see its SOURCES.md; per-word counts only, no text) sha256 {sha}\n",
                noor::lexicon::build::UNLABELED_AR
            ));
            if !silver.is_empty() {
                m.push_str(&format!(
                    "- silver sentences: the first {} sentences of the same file that the first model (see below) tagged with a name, every name's tokens at confidence {} or more, with its tags (trained with features of their own domain; the weights only, no text, are in the model)\n",
                    silver.len(),
                    settings.silver_conf
                ));
            }
        }
        m.push_str(&format!(
            "\n## Model\n\n- averaged structured perceptron, BIO over PER ORG LOC MISC, first-order Viterbi\n- features: words at -2..+2, bigrams, affixes 1-4, shapes (Latin: shape trigram, 6-bit cluster bigram), Arabic proclitic readings, word clusters (4/6/10/14-bit prefixes, -1..+1; Arabic: -2..+2, of the proclitic readings' stems, 6-bit cluster bigrams), lexicon matches by type and position (-1..+1)\n- settings: epochs {} (best on dev: {}), seed {}, prune |w| < {}, bags {}\n{}{}{}- {} training sentences, {} distinct features; dev F1 by epoch: {}\n- file: {} bytes, {} bytes gzip; trained in {secs:.0} s\n\n## Dev scores of the first stage (tagger alone, sentence by sentence)\n\n```\n{}```\n{}",
            settings.epochs,
            trained.best_epoch,
            settings.seed,
            settings.prune,
            settings.bags,
            if settings.recall_margin == [0.0; 4] && settings.doc_bias == [0.0; 4] {
                String::new()
            } else {
                format!(
                    "- recall over precision, per type PER ORG LOC MISC: gold entity tags trained to beat O by {:?} steps (both stages); the second stage adds {:?} to each type's tags when decoding (see `Settings::for_lang`)\n",
                    settings.recall_margin, settings.doc_bias
                )
            },
            if priors.is_empty() {
                String::new()
            } else {
                format!(
                    "- name priors of the words (features of the word and of its proclitic readings' stems): a first model trained without them tagged `{}` ({priors_note}), and the {} words found at least {} times there keep their share of occurrences inside each type of name; the {} of them found at least {} times also keep (trigger priors, features of the tokens after and before the word) their shares of occurrences whose next token begins a name of each type and whose previous token ends one; {} bytes gzip of the file (see `Settings::priors_min`, `train::TRIGGER_MIN`)\n",
                    noor::lexicon::build::UNLABELED_AR,
                    priors.len(),
                    settings.priors_min,
                    priors.count(|c| c[1] != 0 || c[2] != 0),
                    noor::model::train::TRIGGER_MIN,
                    noor::lexicon::build::gzip_len(&priors.to_bytes())
                )
            },
            doc_stage.as_ref().map_or(String::new(), |d| format!(
                "- document-level second stage (stacked on the first stage's scores; first-stage tags of the same word or stem elsewhere in the text; trained on 5-fold cross-predictions, documents = windows of {} sentences): epochs {} (best: {}), step {}; dev F1 by epoch (windows): {}\n- dev F1 tagger alone: windows of {} sentences {:.2} (first stage alone {:.2}); each sentence on its own {:.2}\n",
                settings.doc_window, settings.doc_epochs, d.best_epoch, settings.doc_eta,
                d.curve.iter().map(|f| format!("{f:.2}")).collect::<Vec<_>>().join(" "),
                settings.doc_window, d.dev_docs.total.f1(), d.dev_docs_first.total.f1(), d.dev_sents.total.f1())),
            trained.sentences,
            trained.features,
            trained.curve.iter().map(|f| format!("{f:.2}")).collect::<Vec<_>>().join(" "),
            trained.bytes.len(),
            noor::lexicon::build::gzip_len(&trained.bytes),
            trained.dev.table(),
            doc_stage.as_ref().map_or(String::new(), |d| format!(
                "\n## Dev scores of both stages (tagger alone), documents = windows of {} sentences\n\n```\n{}```\n",
                settings.doc_window,
                d.dev_docs.table()
            ))
        ));
        m.push_str(&format!(
            "\n## Dev scores of the whole pipeline (`noor eval`: by document, {} sentences)\n\npipeline dev F1: {:.2}\n\n```\n{}```",
            noor::eval::conll::DOC_SENTENCES,
            pipeline.total.f1(),
            pipeline.table()
        ));
        let manifest = out.with_extension("md");
        std::fs::write(&manifest, m).map_err(|e| Error::Io(format!("{}: {e}", manifest.display())))?;
        write_out(&format!("{}wrote {} and {}\n", pipeline.table(), out.display(), manifest.display()))
    }

    /// `noor clusters build --lang ar|en [--shared DIR] [--out FILE]`: learns the word clusters
    /// of the unlabeled news and records the build in `CLUSTERS.md` next to the output.
    fn clusters(rest: &[String]) -> Result<(), Error> {
        use noor::model::clusters_build;
        let usage = || {
            Error::Input(
                "usage: noor clusters build --lang ar|en [--shared DIR] [--out FILE] [--keep WORDS] [--bits N]".into(),
            )
        };
        let Some((_, rest)) = rest.split_first().filter(|(s, _)| *s == "build") else {
            return Err(usage());
        };
        let a = Args::parse(rest, &["--lang", "--shared", "--out", "--keep", "--bits"], &[])?;
        let lang = match a.value("--lang") {
            Some("ar") => Lang::Ar,
            Some("en") => Lang::En,
            _ => return Err(usage()),
        };
        let mut p = clusters_build::Params::default();
        // The 20k most frequent Arabic words fit the download budget (125 KB gzip against 364 KB
        // for 60k) for about 0.5 dev F1 (see models/CLUSTERS.md); English keeps all 28k.
        if lang == Lang::Ar {
            p.keep_words = 20_000;
        }
        if let Some(k) = a.value("--keep") {
            p.keep_words = k.parse().map_err(|_| usage())?;
        }
        if let Some(b) = a.value("--bits") {
            p.keep_bits = b.parse().map_err(|_| usage())?;
        }
        if !a.positional.is_empty() {
            return Err(usage());
        }
        let code = if lang == Lang::En { "en" } else { "ar" };
        let shared = PathBuf::from(a.value("--shared").unwrap_or("../shared"));
        let rel = clusters_build::input_path(lang);
        let input = shared.join(rel);
        if !input.is_file() {
            return Err(Error::Io(format!("{}: not found (pass --shared DIR)", input.display())));
        }
        let default_out = format!("models/clusters-{code}.bin");
        let out = PathBuf::from(a.value("--out").unwrap_or(&default_out));
        let built = clusters_build::build(&input, lang, &p)?;
        std::fs::write(&out, &built.bytes).map_err(|e| Error::Io(format!("{}: {e}", out.display())))?;
        // One row per language in the manifest; a rebuild replaces its own row only.
        let manifest = out.with_file_name("CLUSTERS.md");
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let row = format!(
            "| `{name}` | `{rel}` {} | {} | {} words of {} tokens | {:.0} s | {} bytes, {} gzip | {} |",
            noor::lexicon::build::sha256_file(&input)?,
            code,
            built.learned.words.len().min(p.keep_words),
            built.learned.tokens,
            built.seconds,
            built.bytes.len(),
            built.gzip_len,
            p.describe()
        );
        let head = "# models/clusters-*.bin\n\nWritten by `noor clusters build --lang ar|en` (`make clusters`). Do not edit by hand.\n\
            Method: PPMI of words × contexts at offsets ±1, ±2, randomized SVD, divisive 2-means \
            (see `src/model/clusters_build.rs`).\n\n\
            Size against accuracy (ANERcorp dev, tagger first stage / both stages on 15-sentence windows / \
            pipeline): Arabic 60k words (364 KB gzip) 72.64 / 73.78 / 70.87, 35k (216 KB) 72.46 / 73.63 / 70.02, \
            20k (125 KB, shipped) 72.09 / 73.61 / 70.12. English (CoNLL dev): all 28k words (171 KB, shipped) \
            91.96 / 93.00 / 91.83, 18k (109 KB) 91.76 / 92.37 / 91.60. Those sizes are of the first file format \
            (the words in an FST); the hashed keys of today's format (`src/model/clusters.rs`) take about 5.3 bytes \
            a word, which gzip cannot shrink: 106 KB for the shipped 20k Arabic words, 147 KB for English's 28k.\n\n\
            | file | input (SHA-256) | lang | words | time | size | parameters |\n|---|---|---|---|---|---|---|\n";
        let old = std::fs::read_to_string(&manifest).unwrap_or_default();
        let mut rows: Vec<String> = old
            .lines()
            .filter(|l| l.starts_with("| `") && !l.starts_with(&format!("| `{name}` |")))
            .map(str::to_string)
            .collect();
        rows.push(row);
        rows.sort();
        let text = format!("{head}{}\n", rows.join("\n"));
        std::fs::write(&manifest, text).map_err(|e| Error::Io(format!("{}: {e}", manifest.display())))?;
        write_out(&format!("{}wrote {} and {}\n", built.report, out.display(), manifest.display()))
    }

    /// `noor rules tables [--shared DIR] [--out FILE]`: regenerates the CLDR name table of
    /// the date rules (src/rules/cldr_tables.rs) from ../shared/data/gazetteers/cldr_dates.tsv.
    fn rules(rest: &[String]) -> Result<(), Error> {
        match rest.split_first() {
            Some((sub, rest)) if sub == "tables" => {
                let a = Args::parse(rest, &["--shared", "--out"], &[])?;
                if !a.positional.is_empty() {
                    return Err(Error::Input("usage: noor rules tables [--shared DIR] [--out FILE]".into()));
                }
                let shared = PathBuf::from(a.value("--shared").unwrap_or("../shared"));
                let out = PathBuf::from(a.value("--out").unwrap_or(noor::rules::build::OUTPUT));
                let src = noor::rules::build::tables(&shared)?;
                std::fs::write(&out, &src).map_err(|e| Error::Io(format!("{}: {e}", out.display())))?;
                let n = src.lines().filter(|l| l.trim_start().starts_with("Name {")).count();
                write_out(&format!(
                    "wrote {} ({n} names from {})\n",
                    out.display(),
                    shared.join(noor::rules::build::INPUT).display()
                ))
            }
            _ => Err(Error::Input("usage: noor rules tables [--shared DIR] [--out FILE]".into())),
        }
    }
}
