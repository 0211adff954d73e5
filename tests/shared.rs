//! Checks on the shared data (`../shared`): the seed article and the lexicon's manifest.
//! Skipped with a message where `../shared` is absent; mandatory in `.ci/run`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use noor::{Annotator, Kind, OffsetUnit, Options};
use serde_json::Value;

struct Gold {
    start: usize,
    end: usize,
    kind: String,
    text: String,
    required: bool,
}

fn gold(dir: &std::path::Path) -> (String, Vec<Gold>) {
    let text = std::fs::read_to_string(dir.join("seed/article-ar.txt")).expect("seed article");
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("seed/gold.json")).expect("gold")).expect("json");
    let mentions = g["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| Gold {
            start: m["start"].as_u64().unwrap() as usize,
            end: m["end"].as_u64().unwrap() as usize,
            kind: m["type"].as_str().unwrap().to_string(),
            text: m["text"].as_str().unwrap().to_string(),
            required: m["required"].as_bool().unwrap_or(true),
        })
        .collect();
    (text, mentions)
}

/// Recall and precision per type with overlap matching, printed as a table; LOC must be
/// perfect (every required mention found with its exact span, no false positive).
#[test]
fn seed_article() {
    let Some(dir) = common::shared() else { return };
    let (text, gold) = gold(&dir);
    let a = Annotator::new(Options { offsets: OffsetUnit::Chars, ..Options::default() });
    let ents = a.annotate(&text).entities;
    println!("seed article: {} entities found, {} gold mentions", ents.len(), gold.len());
    println!("{:<6} {:>8} {:>10} {:>9}", "type", "recall", "precision", "exact");
    let overlaps = |e: &noor::Entity, g: &Gold| e.start < g.end && g.start < e.end;
    for kind in ["PER", "ORG", "LOC", "DATE"] {
        let req: Vec<&Gold> = gold.iter().filter(|g| g.kind == kind && g.required).collect();
        let found = req.iter().filter(|g| ents.iter().any(|e| e.kind.as_str() == kind && overlaps(e, g))).count();
        let exact = req
            .iter()
            .filter(|g| ents.iter().any(|e| e.kind.as_str() == kind && e.start == g.start && e.end == g.end))
            .count();
        let pred: Vec<&noor::Entity> = ents.iter().filter(|e| e.kind.as_str() == kind).collect();
        let correct = pred.iter().filter(|e| gold.iter().any(|g| g.kind == kind && overlaps(e, g))).count();
        println!(
            "{kind:<6} {:>7.1}% {:>9.1}% {:>4}/{:<4}",
            100.0 * found as f64 / req.len().max(1) as f64,
            if pred.is_empty() { 100.0 } else { 100.0 * correct as f64 / pred.len() as f64 },
            exact,
            req.len()
        );
    }
    // Every entity's text is the slice at its (code point) offsets.
    let chars: Vec<char> = text.chars().collect();
    for e in &ents {
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
    }
    // Issue 2 acceptance: all 20 required LOC mentions, exact spans on the name only, no LOC false positive.
    let locs: Vec<&Gold> = gold.iter().filter(|g| g.kind == "LOC" && g.required).collect();
    assert_eq!(locs.len(), 20);
    for g in &locs {
        assert!(
            ents.iter().any(|e| e.kind == Kind::Loc && e.start == g.start && e.end == g.end),
            "LOC {:?} at {} not found with its exact span",
            g.text,
            g.start
        );
    }
    for e in ents.iter().filter(|e| e.kind == Kind::Loc) {
        assert!(
            gold.iter().any(|g| g.kind == "LOC" && overlaps(e, g)),
            "LOC false positive {:?} at {}",
            e.text,
            e.start
        );
        assert!(e.id.is_some(), "LOC {:?} has no id", e.text);
    }
}

/// Issue 3 acceptance: these organizations of the seed article are found as ORG, and no
/// ORG is found where the gold has none.
#[test]
fn seed_article_organizations() {
    let Some(dir) = common::shared() else { return };
    let (text, gold) = gold(&dir);
    let a = Annotator::new(Options { offsets: OffsetUnit::Chars, ..Options::default() });
    let ents = a.annotate(&text).entities;
    let orgs: Vec<&noor::Entity> = ents.iter().filter(|e| e.kind == Kind::Org).collect();
    for name in [
        "فرانس برس",
        "العربي الجديد",
        "فيسبوك",
        "مجلس النواب",
        "وزارة الدفاع الروسية",
        "القوات المسلحة العربية الليبية",
    ] {
        assert!(orgs.iter().any(|e| e.text == name), "ORG {name:?} not found");
    }
    for e in &orgs {
        assert!(
            gold.iter().any(|g| g.kind == "ORG" && e.start < g.end && g.start < e.end),
            "ORG false positive {:?} at {}",
            e.text,
            e.start
        );
    }
}

/// The committed lexicon was built from the shared data as it is now: every input hash in
/// models/MANIFEST.md matches the file in ../shared (else run `make lexicon`).
#[test]
fn lexicon_manifest_matches_shared_data() {
    let Some(dir) = common::shared() else { return };
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/models/MANIFEST.md")).expect("manifest");
    let mut checked = 0;
    for line in manifest.lines().filter(|l| l.starts_with("- `data/")) {
        let mut parts = line.split('`');
        let rel = parts.nth(1).unwrap();
        let hash = parts.next().unwrap().split_whitespace().next().unwrap();
        let actual = noor::lexicon::build::sha256_file(&dir.join(rel)).expect("input file");
        assert_eq!(actual, hash, "{rel} changed since the lexicon was built: run `make lexicon`");
        checked += 1;
    }
    assert!(checked >= 8, "manifest lists {checked} inputs");
    // The hand-written lists of the repository, too.
    for line in manifest.lines().filter(|l| l.starts_with("- repository `")) {
        let rel = line.split('`').nth(1).unwrap();
        let hash = line.split('`').nth(2).unwrap().split_whitespace().next().unwrap();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        let actual = noor::lexicon::build::sha256_file(&path).expect("kb file");
        assert_eq!(actual, hash, "{rel} changed since the lexicon was built: run `make lexicon`");
    }
}

/// The committed word clusters and taggers were built from the shared data as it is now.
#[test]
fn model_manifests_match_shared_data() {
    let Some(dir) = common::shared() else { return };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for manifest in ["models/CLUSTERS.md", "models/ner-ar.md", "models/ner-en.md"] {
        let text = std::fs::read_to_string(root.join(manifest)).expect("manifest");
        for line in text.lines() {
            // `data/...` followed (in the same line) by a 64-hex-digit SHA-256.
            let Some(path) = line.split('`').find(|p| p.starts_with("data/")) else { continue };
            let Some(hash) = line.split(|c: char| !c.is_ascii_hexdigit()).find(|w| w.len() == 64) else { continue };
            let actual = noor::lexicon::build::sha256_file(&dir.join(path)).expect("input file");
            assert_eq!(actual, hash, "{path} changed since {manifest} was written: rebuild it");
            checked += 1;
        }
    }
    assert!(checked >= 5, "{checked} inputs checked");
}
