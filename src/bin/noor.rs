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
      noor tag --conll [--lang auto|ar|en] [FILE|-]     token<TAB>BIO-tag lines for one-token-per-line input
      noor eval GOLD.conll [--lang auto|ar|en] [--pred PRED.conll] [--slice FROM..TO]
                                                        entity-level P/R/F1 per type (conlleval semantics);
                                                        --slice 0.9..1 scores only the last 10% of the sentences
      noor lexicon build [--shared DIR] [--out FILE]    compile the gazetteers of ../shared into models/lexicon.bin
      noor lexicon lookup NAME...                       senses of a name in the shipped lexicon
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
                    && d.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
                if !ok {
                    return Err(Error::Input(format!("--date must be YYYY-MM-DD, not {d:?}")));
                }
                o.reference_date = Some(d.to_string());
            }
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
            "version" | "--version" | "-V" => write_out(&format!("noor {}\n", noor::VERSION)),
            "help" | "--help" | "-h" => write_out(&format!("{USAGE}\n")),
            other => Err(Error::Input(format!("unknown command {other:?} (see `noor help`)"))),
        }
    }

    fn annotate(rest: &[String]) -> Result<(), Error> {
        let a = Args::parse(rest, &["--lang", "--offsets", "--format", "--terms", "--date"], &[])?;
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
        let a = Args::parse(rest, &["--lang", "--terms", "--date"], &["--conll"])?;
        if !a.has("--conll") {
            return Err(Error::Input("tag needs --conll (one token per line, blank line between sentences)".into()));
        }
        let annotator = a.annotator()?;
        let text = read_input(a.at_most_one_input()?)?;
        let mut out = String::with_capacity(text.len() + text.len() / 2);
        for s in conll::parse(&text) {
            for (tok, tag) in s.tokens.iter().zip(annotator.tag_tokens(&s.tokens)) {
                out.push_str(tok);
                out.push('\t');
                out.push_str(&tag);
                out.push('\n');
            }
            out.push('\n');
        }
        write_out(&out)
    }

    fn eval(rest: &[String]) -> Result<(), Error> {
        let a = Args::parse(rest, &["--lang", "--pred", "--slice", "--terms"], &[])?;
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
                for g in &gold {
                    score.add(&g.tags, &annotator.tag_tokens(&g.tokens));
                }
            }
        }
        write_out(&format!("{gold_path}: {} sentences, {} tokens\n{}", gold.len(), score.tokens, score.table()))
    }

    fn lexicon(rest: &[String]) -> Result<(), Error> {
        match rest.split_first() {
            Some((sub, rest)) if sub == "build" => {
                let a = Args::parse(rest, &["--shared", "--out"], &[])?;
                let shared = PathBuf::from(a.value("--shared").unwrap_or("../shared"));
                if !shared.join("data/gazetteers").is_dir() {
                    return Err(Error::Io(format!(
                        "{}: no data/gazetteers here (pass --shared DIR)",
                        shared.display()
                    )));
                }
                let out = PathBuf::from(a.value("--out").unwrap_or("models/lexicon.bin"));
                let built = noor::lexicon::build::build(&shared, Path::new("kb"))?;
                std::fs::write(&out, &built.bytes).map_err(|e| Error::Io(format!("{}: {e}", out.display())))?;
                write_manifest(&shared, &out, &built)?;
                write_out(&format!("{}wrote {}\n", built.report, out.display()))
            }
            Some((sub, names)) if sub == "lookup" => {
                let lex = noor::lexicon::Lexicon::embedded();
                let mut out = String::new();
                for name in names {
                    out.push_str(&format!("{name}\t[{}]\n", noor::lexicon::key_of(name)));
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
                "usage: noor lexicon build [--shared DIR] [--out FILE] | noor lexicon lookup NAME...".into(),
            )),
        }
    }

    /// Writes `MANIFEST.md` next to the lexicon: inputs with hashes, sizes, the build report.
    fn write_manifest(shared: &Path, out: &Path, built: &noor::lexicon::build::Built) -> Result<(), Error> {
        use noor::lexicon::build::{
            evidence_corpora, gzip_len, sha256_file, KB_FILES, NAME_FILES, PERSON_TOKENS, PLACE_FILES, UNLABELED_AR,
        };
        let mut m = String::from(
            "# models/lexicon.bin\n\nWritten by `noor lexicon build` (`make lexicon`). Do not edit by hand.\n\n",
        );
        m.push_str("## Inputs (SHA-256)\n\n");
        let gaz = shared.join("data/gazetteers");
        for f in PLACE_FILES.iter().chain(NAME_FILES.iter()).chain([PERSON_TOKENS].iter()) {
            m.push_str(&format!("- `data/gazetteers/{f}` {}\n", sha256_file(&gaz.join(f))?));
        }
        m.push_str(&format!("- `{UNLABELED_AR}` {} (word frequencies only)\n", sha256_file(&shared.join(UNLABELED_AR))?));
        for f in KB_FILES {
            if Path::new(f).is_file() {
                m.push_str(&format!("- repository `{f}` {} (hand-written)\n", sha256_file(Path::new(f))?));
            }
        }
        for (label, path, _) in evidence_corpora(&shared.join("data/ner")) {
            let rel = path.strip_prefix(shared).unwrap_or(&path);
            m.push_str(&format!("- `{}` {} ({label}, evidence only)\n", rel.display(), sha256_file(&path)?));
        }
        m.push_str(&format!(
            "\n## Output\n\n- `{}`: {} bytes, {} bytes gzip\n\n## Report\n\n```\n{}```\n",
            out.display(),
            built.bytes.len(),
            gzip_len(&built.bytes),
            built.report
        ));
        let path = out.with_file_name("MANIFEST.md");
        std::fs::write(&path, m).map_err(|e| Error::Io(format!("{}: {e}", path.display())))
    }
}
