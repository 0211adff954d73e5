//! The date rules on the seed article (`../shared/seed/`): every gold DATE mention found by
//! `noor::rules::find` with its exact span and a sensible value, with and without the
//! publication day as reference, and no DATE on a gold name. Extra DATE and NUM candidates
//! are listed in the output. Skipped with a message where `../shared` is absent.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use noor::text::{to_unit, tokenize, Normalized, OffsetUnit};
use noor::{Entity, Kind};
use serde_json::Value;

/// (start, end, type, text) of the gold mentions, in code points.
fn gold(dir: &std::path::Path) -> (String, Vec<(usize, usize, String, String)>) {
    let text = std::fs::read_to_string(dir.join("seed/article-ar.txt")).expect("seed article");
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("seed/gold.json")).expect("gold")).expect("gold json");
    let mentions = g["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| {
            (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
                m["type"].as_str().unwrap().to_string(),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (text, mentions)
}

/// The rule candidates with code-point offsets.
fn rules(text: &str, reference: Option<&str>) -> Vec<Entity> {
    let norm = Normalized::new(text);
    let mut ents = noor::rules::find(text, &norm, &tokenize(&norm), reference);
    let mut offs: Vec<usize> = ents.iter().flat_map(|e| [e.start, e.end]).collect();
    to_unit(text, &mut offs, OffsetUnit::Chars);
    for (e, p) in ents.iter_mut().zip(offs.chunks_exact(2)) {
        e.start = p[0];
        e.end = p[1];
    }
    ents
}

/// The values expected for the ten gold dates (in text order), without and with the
/// reference day 2023-09-28 (the Thursday of the visit).
const EXPECTED: [(&str, &str, &str); 10] = [
    ("اليوم الخميس", "+P0D", "2023-09-28"),
    ("عام 2019", "2019", "2019"),
    ("أول أمس الثلاثاء", "-P2D", "2023-09-26"),
    ("17 سبتمبر/ أيلول الماضي", "-XXXX-09-17", "2023-09-17"),
    ("فبراير/ شباط من عام 2022", "2022-02", "2022-02"),
    ("إبريل/ نيسان من عام 2019", "2019-04", "2019-04"),
    ("يونيو/ حزيران من عام 2020", "2020-06", "2020-06"),
    ("الثلاثاء الماضي", "-XXXX-WXX-2", "2023-09-26"),
    ("أغسطس/ آب الماضي", "-XXXX-08", "2023-08"),
    ("الأسبوع قبل الماضي", "-P2W", "2023-W37"),
];

#[test]
fn seed_dates() {
    let Some(dir) = common::shared() else { return };
    let (text, gold) = gold(&dir);
    let dates: Vec<&(usize, usize, String, String)> = gold.iter().filter(|g| g.2 == "DATE").collect();
    assert_eq!(dates.len(), 10, "the seed gold has 10 DATE mentions");
    for (reference, column) in [(None, 1), (Some("2023-09-28"), 2)] {
        let ents = rules(&text, reference);
        println!("reference date {reference:?}:");
        for (g, want) in dates.iter().zip(EXPECTED) {
            assert_eq!(g.3, want.0, "gold order changed");
            let e = ents
                .iter()
                .find(|e| e.kind == Kind::Date && e.start == g.0 && e.end == g.1)
                .unwrap_or_else(|| panic!("DATE {:?} at {}..{} not found with its exact span", g.3, g.0, g.1));
            let value = e.value.as_deref().unwrap_or("");
            println!("  DATE {:<28} {value}", format!("{:?}", e.text));
            let want = if column == 1 { want.1 } else { want.2 };
            assert_eq!(value, want, "value of {:?}", g.3);
        }
        // No DATE over a gold name; list every candidate that is not a gold DATE.
        for e in &ents {
            let is_gold_date = dates.iter().any(|g| g.0 == e.start && g.1 == e.end);
            if is_gold_date {
                continue;
            }
            println!(
                "  extra {} {:?} at {}..{} = {}",
                e.kind,
                e.text,
                e.start,
                e.end,
                e.value.as_deref().unwrap_or("")
            );
            if e.kind == Kind::Date {
                let on_name =
                    gold.iter().find(|g| matches!(g.2.as_str(), "PER" | "ORG" | "LOC") && e.start < g.1 && g.0 < e.end);
                assert!(on_name.is_none(), "DATE {:?} overlaps the gold name {:?}", e.text, on_name);
            }
        }
    }
}
