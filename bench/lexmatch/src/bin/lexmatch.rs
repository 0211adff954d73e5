//! Native half of the experiment (see ../../README.md):
//!
//! 1. reads the keys of the shipped lexicon (the FSTs inside the lexicon files given) and the dev
//!    texts, normalized and tokenized by the main crate (`noor::text`);
//! 2. builds fst, bytewise and charwise daachorse over the same keys (build time, sizes);
//! 3. measures load, scan and exact-lookup speed natively and checks that all structures find
//!    the same matches;
//! 4. writes the serialized structures and the haystacks for the wasm half, and native.json.
//!
//! Usage: lexmatch <shared dir> <out dir> <runs> <lexicon.bin>...

use daachorse::{
    CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, DoubleArrayAhoCorasick,
    DoubleArrayAhoCorasickBuilder, MatchKind,
};
use fst::raw::Fst;
use fst::{MapBuilder, Streamer};
use lexmatch::{pack_value, tokens, with_daac, with_fst, Hit};
use std::fmt::Write as _;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Median seconds of `runs` calls of `f`.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut ts = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = std::hint::black_box(f());
        ts.push(t.elapsed().as_secs_f64());
        last = Some(r);
    }
    (median(ts), last.unwrap())
}

/// Median seconds per call of each function, measured in rounds (every function once per round,
/// each repeated for ~0.1 s) so that load changes on a shared machine hit all of them alike.
/// Also returns each function's result.
fn interleaved(runs: usize, fs: &mut [&mut dyn FnMut() -> usize]) -> Vec<(f64, usize)> {
    let mut reps = Vec::new();
    let mut res = Vec::new();
    for f in fs.iter_mut() {
        let t = Instant::now();
        res.push(std::hint::black_box(f()));
        let once = t.elapsed().as_secs_f64().max(1e-7);
        reps.push(((0.1 / once).ceil() as usize).clamp(1, 1_000_000));
    }
    let mut ts = vec![Vec::new(); fs.len()];
    for _ in 0..runs {
        for (k, f) in fs.iter_mut().enumerate() {
            let t = Instant::now();
            for _ in 0..reps[k] {
                std::hint::black_box(f());
            }
            ts[k].push(t.elapsed().as_secs_f64() / reps[k] as f64);
        }
    }
    ts.into_iter().zip(res).map(|(t, r)| (median(t), r)).collect()
}

/// The haystack layout of lib.rs from a CoNLL file's sentences `[from, to)` (fractions).
fn haystack(path: &str, from: f64, to: f64) -> (String, usize) {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let sents = noor::eval::conll::parse(&raw);
    let n = sents.len() as f64;
    let (lo, hi) = ((n * from).round() as usize, (n * to).round() as usize);
    let mut h = String::new();
    for s in &sents[lo..hi] {
        let (text, _) = s.text();
        let norm = noor::text::Normalized::new(&text);
        h.push(' ');
        for t in noor::text::tokenize(&norm) {
            let w = &norm.as_str()[t.norm.clone()];
            if w.is_empty() || w.contains([' ', '\n']) {
                continue;
            }
            h.push_str(w);
            h.push(' ');
        }
        h.push('\n');
    }
    (h, hi - lo)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        eprintln!("usage: lexmatch <shared dir> <out dir> <runs> <lexicon.bin>...");
        std::process::exit(2);
    }
    let (shared, out) = (&args[1], &args[2]);
    let runs: usize = args[3].parse().expect("runs");
    let lex_paths = &args[4..];
    std::fs::create_dir_all(out).unwrap();
    let mut j = String::from("{\n");

    // --- 1. keys and texts. With several lexicon files (one per language pack), the keys are
    // merged into one structure; a key in two files keeps the first file's value, and the sense
    // indices of later files are offset so that values stay distinct.
    let mut merged: std::collections::BTreeMap<String, u64> = Default::default();
    let (mut file_bytes, mut senses, mut shipped) = (0, 0u64, Vec::new());
    let mut per_file: Vec<String> = Vec::new();
    for path in lex_paths {
        let lex = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        // Version 2 files keep each Arabic letter as one byte inside the FST
        // (`noor::lexicon::encoding`); the structures compared here are built from the keys
        // as UTF-8 text, as both crates take them.
        assert_eq!(&lex[..8], b"NOORLEX2", "{path}: not a Noor lexicon (version 2)");
        let fst_len = u32::from_le_bytes(lex[12..16].try_into().unwrap()) as usize;
        let fst_bytes = lex[16..16 + fst_len].to_vec();
        let checked = noor::lexicon::Lexicon::from_bytes(lex.clone()).expect("lexicon parses");
        let map = fst::Map::new(fst_bytes.clone()).expect("fst");
        assert_eq!(map.len(), checked.len(), "key count differs from Lexicon::len");
        let mut st = map.stream();
        while let Some((k, v)) = st.next() {
            merged.entry(noor::lexicon::encoding::decode(k).expect("a key form")).or_insert(v + (senses << 16));
        }
        // Per-file sizes (the language packs ship separately): the file's own FST and daachorse
        // automata over the same keys, written for report.mjs to gzip.
        let stem = std::path::Path::new(path).file_stem().unwrap().to_string_lossy().to_string();
        let mut own: Vec<(String, u32)> = Vec::new();
        let mut st2 = map.stream();
        while let Some((k, v)) = st2.next() {
            own.push((format!(" {} ", noor::lexicon::encoding::decode(k).expect("a key form")), pack_value(v).expect("value fits")));
        }
        drop(st2);
        let b: DoubleArrayAhoCorasick<u32> = DoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(own.iter().map(|(k, v)| (k.as_str(), *v)))
            .unwrap();
        let c: CharwiseDoubleArrayAhoCorasick<u32> = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(own.iter().map(|(k, v)| (k.as_str(), *v)))
            .unwrap();
        std::fs::write(format!("{out}/file-{stem}-fst.bin"), &fst_bytes).unwrap();
        std::fs::write(format!("{out}/file-{stem}-daac.bin"), b.serialize()).unwrap();
        std::fs::write(format!("{out}/file-{stem}-daac-char.bin"), c.serialize()).unwrap();
        per_file.push(format!("\"{stem}\": {{\"keys\": {}, \"file_bytes\": {}}}", map.len(), lex.len()));
        eprintln!("{path}: {} keys, {} senses, fst {} bytes", map.len(), checked.sense_count(), fst_len);
        file_bytes += lex.len();
        senses += checked.sense_count() as u64;
        shipped = fst_bytes;
    }
    let keys: Vec<(String, u64)> = merged.into_iter().collect();
    let _ = writeln!(j, "  \"files\": {{{}}},", per_file.join(", "));
    let key_bytes: usize = keys.iter().map(|(k, _)| k.len()).sum();
    let multiword = keys.iter().filter(|(k, _)| k.contains(' ')).count();
    let arabic = keys.iter().filter(|(k, _)| k.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c))).count();
    let packed: Vec<u32> = keys.iter().map(|(_, v)| pack_value(*v).expect("value fits in u32")).collect();
    eprintln!("keys: {} ({} bytes, {} multiword, {} Arabic)", keys.len(), key_bytes, multiword, arabic);
    let _ = write!(
        j,
        "  \"lexicon\": {{\"files\": {:?}, \"file_bytes\": {}, \"keys\": {}, \"key_bytes\": {}, \"multiword_keys\": {}, \"arabic_keys\": {}, \"senses\": {}}},\n",
        lex_paths, file_bytes, keys.len(), key_bytes, multiword, arabic, senses
    );

    let (en, en_sents) = haystack(&format!("{shared}/data/ner/conll2003_en/dev.txt"), 0.0, 1.0);
    let (ar, ar_sents) = haystack(&format!("{shared}/data/ner/anercorp_camel_ar/train.txt"), 0.9, 1.0);
    std::fs::write(format!("{out}/text-en.txt"), &en).unwrap();
    std::fs::write(format!("{out}/text-ar.txt"), &ar).unwrap();
    let _ = write!(
        j,
        "  \"texts\": {{\"en\": {{\"sentences\": {en_sents}, \"bytes\": {}, \"tokens\": {}}}, \"ar\": {{\"sentences\": {ar_sents}, \"bytes\": {}, \"tokens\": {}}}}},\n",
        en.len(), tokens(&en).count(), ar.len(), tokens(&ar).count()
    );

    // --- 2. build
    let build_runs = runs.min(5).max(3);
    let (t_fst, fst_bytes) = time(build_runs, || {
        let mut b = MapBuilder::memory();
        for (k, v) in &keys {
            b.insert(k, *v).unwrap();
        }
        b.into_inner().unwrap()
    });
    // The FST searched below is the one built here from the UTF-8 keys (the shipped files
    // encode Arabic letters in one byte, see the note above, so they are not byte-identical).
    let merged_files = lex_paths.len() > 1;
    let shipped_file = shipped;
    let shipped = fst_bytes.clone();
    let pats = || keys.iter().zip(&packed).map(|((k, _), &v)| (format!(" {k} "), v));
    let (t_daac, daac) = time(build_runs, || {
        DoubleArrayAhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build_with_values(pats()).unwrap()
    });
    let (t_daac_char, daac_char) = time(build_runs, || {
        CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(pats())
            .unwrap()
    });
    let daac_ser = daac.serialize();
    let daac_char_ser = daac_char.serialize();
    std::fs::write(format!("{out}/fst.bin"), &shipped).unwrap();
    std::fs::write(format!("{out}/daac.bin"), &daac_ser).unwrap();
    std::fs::write(format!("{out}/daac-char.bin"), &daac_char_ser).unwrap();
    eprintln!(
        "build: fst {:.3}s {} B (shipped {} B) | daac {:.3}s {} B | daac-char {:.3}s {} B",
        t_fst,
        fst_bytes.len(),
        shipped_file.len(),
        t_daac,
        daac_ser.len(),
        t_daac_char,
        daac_char_ser.len()
    );
    let _ = write!(
        j,
        "  \"build\": {{\"fst\": {{\"seconds\": {t_fst:.4}, \"bytes\": {}, \"shipped_bytes\": {}, \"identical_to_shipped\": {}, \"merged_from_several_files\": {merged_files}}}, \
\"daac\": {{\"seconds\": {t_daac:.4}, \"bytes\": {}, \"heap_bytes\": {}, \"states\": {}}}, \
\"daac_char\": {{\"seconds\": {t_daac_char:.4}, \"bytes\": {}, \"heap_bytes\": {}, \"states\": {}}}}},\n",
        fst_bytes.len(), shipped_file.len(), fst_bytes == shipped_file,
        daac_ser.len(), daac.heap_bytes(), daac.num_states(),
        daac_char_ser.len(), daac_char.heap_bytes(), daac_char.num_states()
    );

    // Size variants (not used by the wasm half): without the 2-gram prefilter, and over the
    // bare keys (no boundary spaces; such an automaton cannot enforce word boundaries itself).
    let no_pf: DoubleArrayAhoCorasick<u32> = DoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .use_prefilter(false)
        .build_with_values(pats())
        .unwrap();
    let bare: DoubleArrayAhoCorasick<u32> = DoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build_with_values(keys.iter().zip(&packed).map(|((k, _), &v)| (k.as_str(), v)))
        .unwrap();
    let char_no_pf: CharwiseDoubleArrayAhoCorasick<u32> = CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .use_prefilter(false)
        .build_with_values(pats())
        .unwrap();
    let no_pf_ser = no_pf.serialize();
    std::fs::write(format!("{out}/daac-nopf.bin"), &no_pf_ser).unwrap();
    let _ = write!(
        j,
        "  \"daac_variants\": {{\"no_prefilter_bytes\": {}, \"char_no_prefilter_bytes\": {}, \"bare_keys_bytes\": {}, \"bare_keys_states\": {}}},\n",
        no_pf_ser.len(), char_no_pf.serialize().len(), bare.serialize().len(), bare.num_states()
    );

    // --- 3a. load (bytes already in memory)
    let l = interleaved(
        runs,
        &mut [
            &mut || Fst::new(shipped.as_slice()).unwrap().len(),
            &mut || Fst::new(shipped.clone()).unwrap().len(),
            &mut || DoubleArrayAhoCorasick::<u32>::deserialize(&daac_ser).unwrap().0.num_states(),
            &mut || unsafe { DoubleArrayAhoCorasick::<u32>::deserialize_unchecked(&daac_ser).0.num_states() },
            &mut || CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(&daac_char_ser).unwrap().0.num_states(),
            &mut || unsafe {
                CharwiseDoubleArrayAhoCorasick::<u32>::deserialize_unchecked(&daac_char_ser).0.num_states()
            },
        ],
    );
    let (l_fst, l_fst_copy, l_daac, l_daac_u, l_char, l_char_u) = (l[0].0, l[1].0, l[2].0, l[3].0, l[4].0, l[5].0);
    eprintln!(
        "load: fst {:.1}us (copy {:.1}us) | daac {:.2}ms (unchecked {:.2}ms) | char {:.2}ms (unchecked {:.2}ms)",
        l_fst * 1e6,
        l_fst_copy * 1e6,
        l_daac * 1e3,
        l_daac_u * 1e3,
        l_char * 1e3,
        l_char_u * 1e3
    );
    let _ = write!(
        j,
        "  \"native_load_us\": {{\"fst_in_place\": {:.4}, \"fst_copy\": {:.2}, \"daac\": {:.1}, \"daac_unchecked\": {:.1}, \"daac_char\": {:.1}, \"daac_char_unchecked\": {:.1}}},\n",
        l_fst * 1e6, l_fst_copy * 1e6, l_daac * 1e6, l_daac_u * 1e6, l_char * 1e6, l_char_u * 1e6
    );

    // --- 3b. scan: same matches?
    let fst = Fst::new(shipped.as_slice()).unwrap();
    let (daac, _) = DoubleArrayAhoCorasick::<u32>::deserialize(&daac_ser).unwrap();
    let (daac_char, _) = CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(&daac_char_ser).unwrap();
    j.push_str("  \"native_scan\": {\n");
    let mut all_equal = true;
    for (li, (lang, h)) in [("en", &en), ("ar", &ar)].into_iter().enumerate() {
        let collect = |f: &dyn Fn(&mut dyn FnMut(Hit)) -> usize| {
            let mut v = Vec::new();
            f(&mut |x| v.push(x));
            v
        };
        let a = collect(&|cb| with_fst::scan(&fst, h.as_bytes(), cb));
        let b = collect(&|cb| with_daac::scan(&daac, h.as_bytes(), cb));
        let c = collect(&|cb| with_daac::scan_char(&daac_char, h, cb));
        let equal = a == b && a == c;
        all_equal &= equal;
        if !equal {
            let d = a.iter().zip(&b).position(|(x, y)| x != y);
            eprintln!("{lang}: MISMATCH fst {} daac {} char {} first diff at {d:?}", a.len(), b.len(), c.len());
        }
        let sum: u64 = a.iter().fold(0u64, |s, x| s.wrapping_add(x.2));
        let mb = h.len() as f64 / 1e6;
        let t = interleaved(
            runs,
            &mut [
                &mut || with_fst::scan(&fst, h.as_bytes(), |_| {}),
                &mut || with_daac::scan(&daac, h.as_bytes(), |_| {}),
                &mut || with_daac::scan_char(&daac_char, h, |_| {}),
                &mut || with_daac::scan(&no_pf, h.as_bytes(), |_| {}),
            ],
        );
        let (s_fst, s_daac, s_char, s_nopf) = (t[0].0, t[1].0, t[2].0, t[3].0);
        assert!(t.iter().all(|x| x.1 == a.len()));
        // Exact lookups of every token.
        let toks: Vec<&str> = tokens(h).collect();
        let (mut b1, mut b2) = (String::new(), String::new());
        let g = interleaved(
            runs,
            &mut [
                &mut || toks.iter().filter(|t| with_fst::get(&fst, t).is_some()).count(),
                &mut || toks.iter().filter(|t| with_daac::get(&daac, t, &mut b1).is_some()).count(),
                &mut || toks.iter().filter(|t| with_daac::get_char(&daac_char, t, &mut b2).is_some()).count(),
            ],
        );
        let ((g_fst, hits_fst), (g_daac, hits_daac), (g_char, hits_char)) = (g[0], g[1], g[2]);
        assert!(hits_fst == hits_daac && hits_fst == hits_char, "lookup hits differ");
        eprintln!(
            "{lang}: {} matches; scan MB/s fst {:.1} daac {:.1} char {:.1} nopf {:.1}; lookups/s fst {:.2}M daac {:.2}M char {:.2}M",
            a.len(), mb / s_fst, mb / s_daac, mb / s_char, mb / s_nopf,
            toks.len() as f64 / g_fst / 1e6, toks.len() as f64 / g_daac / 1e6, toks.len() as f64 / g_char / 1e6
        );
        let _ = write!(
            j,
            "    \"{lang}\": {{\"matches\": {}, \"matches_daac\": {}, \"matches_daac_char\": {}, \"same_matches\": {equal}, \"checksum\": {}, \
\"scan_ms\": {{\"fst\": {:.4}, \"daac\": {:.4}, \"daac_char\": {:.4}}}, \"scan_mb_s\": {{\"fst\": {:.2}, \"daac\": {:.2}, \"daac_char\": {:.2}, \"daac_no_prefilter\": {:.2}}}, \
\"lookup_tokens\": {}, \"lookup_hits\": {hits_fst}, \"lookup_ms\": {{\"fst\": {:.4}, \"daac\": {:.4}, \"daac_char\": {:.4}}}}}{}\n",
            a.len(), b.len(), c.len(), sum % (1u64 << 53),
            s_fst * 1e3, s_daac * 1e3, s_char * 1e3, mb / s_fst, mb / s_daac, mb / s_char, mb / s_nopf,
            toks.len(), g_fst * 1e3, g_daac * 1e3, g_char * 1e3,
            if li == 0 { "," } else { "" }
        );
    }
    j.push_str("  },\n");

    // --- 3c. every key found by the emulated exact lookup?
    let mut buf = String::new();
    let ok_daac = keys.iter().filter(|(k, v)| with_daac::get(&daac, k, &mut buf) == Some(*v)).count();
    let ok_char = keys.iter().filter(|(k, v)| with_daac::get_char(&daac_char, k, &mut buf) == Some(*v)).count();
    eprintln!("exact lookup of all keys: daac {ok_daac}/{} char {ok_char}/{}", keys.len(), keys.len());
    let _ = write!(
        j,
        "  \"exact_lookup_all_keys\": {{\"keys\": {}, \"daac_ok\": {ok_daac}, \"daac_char_ok\": {ok_char}}},\n  \"all_same_matches\": {all_equal},\n  \"runs\": {runs}\n}}\n",
        keys.len()
    );
    std::fs::write(format!("{out}/native.json"), j).unwrap();
    if !all_equal {
        std::process::exit(1);
    }
}
