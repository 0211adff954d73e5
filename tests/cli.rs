//! The `noor` command: outputs and one-line errors with non-zero exits, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn noor(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_noor"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run noor");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn fails_cleanly(out: &Output) -> String {
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.starts_with("noor: ") && !err.contains("panicked"), "{err:?}");
    err
}

#[test]
fn annotate_json_in_each_unit() {
    let text = "😀 زار موسكو";
    for (unit, start) in [("utf16", 7), ("utf8", 12), ("chars", 6)] {
        let out = noor(&["annotate", "--offsets", unit, "-"], text.as_bytes());
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let e = &v["entities"][0];
        assert_eq!(e["type"], "LOC");
        assert_eq!(e["text"], "موسكو");
        assert_eq!(e["start"], start, "{unit}");
        assert_eq!(e["id"], "geonames:524901");
    }
}

#[test]
fn annotate_html_escapes() {
    let out = noor(&["annotate", "--format", "html"], "<b>Cairo</b> & Paris".as_bytes());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("&lt;b&gt;<mark data-entity-type=\"LOC\""));
    assert!(!html.contains("<b>"));
}

#[test]
fn tag_conll_keeps_tokens_and_tags_clitic_tokens_whole() {
    let input = "وصل\nإلى\nبموسكو\n\nFlights\nto\nNew\nYork\n";
    let out = noor(&["tag", "--conll", "--lexicon-only"], input.as_bytes());
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "وصل\tO\nإلى\tO\nبموسكو\tB-LOC\n\nFlights\tO\nto\tO\nNew\tB-LOC\nYork\tI-LOC\n\n"
    );
}

#[test]
fn eval_scores_against_gold() {
    let dir = std::env::temp_dir().join(format!("noor-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gold = dir.join("gold.conll");
    std::fs::write(&gold, "وصل\tO\nإلى\tO\nبموسكو\tB-LOC\n\nأحمد\tB-PER\nفي\tO\nباريس\tB-LOC\n").unwrap();
    let out = noor(&["eval", "--lexicon-only", gold.to_str().unwrap()], b"");
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{table}");
    let loc = table.lines().find(|l| l.starts_with("LOC")).unwrap();
    assert!(loc.contains("100.00"), "{table}");
    let overall: Vec<&str> = table.lines().find(|l| l.starts_with("overall")).unwrap().split_whitespace().collect();
    assert_eq!(overall[4..], ["3", "2"], "{table}");
    let bad_slice = noor(&["eval", "--slice", "0.9", gold.to_str().unwrap()], b"");
    fails_cleanly(&bad_slice);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn errors_are_one_line() {
    assert!(fails_cleanly(&noor(&["annotate", "--bogus"], b"")).contains("unknown flag"));
    assert!(fails_cleanly(&noor(&["annotate", "/nonexistent/file.txt"], b"")).contains("/nonexistent/file.txt"));
    assert!(fails_cleanly(&noor(&["annotate"], b"ok \xff\xfe bad")).contains("UTF-8"));
    assert!(fails_cleanly(&noor(&["annotate", "--lang", "fr"], b"")).contains("--lang"));
    assert!(fails_cleanly(&noor(&["tag"], b"")).contains("--conll"));
    assert!(fails_cleanly(&noor(&["frobnicate"], b"")).contains("unknown command"));
    assert!(fails_cleanly(&noor(&["eval"], b"")).contains("gold"));
}

#[test]
fn empty_and_huge_inputs() {
    let out = noor(&["annotate"], b"");
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), r#"{"lang":"en","entities":[]}"#);
    let big = "وصل إلى بموسكو ثم إلى Paris. ".repeat(20_000);
    let out = noor(&["annotate"], big.as_bytes());
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["entities"].as_array().unwrap().len(), 40_000);
}

#[test]
fn terms_file() {
    let dir = std::env::temp_dir().join(format!("noor-terms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let terms = dir.join("terms.tsv");
    std::fs::write(&terms, "# watch\nمؤسسة الضياء\tORG\tme:diya\tDiya Foundation\n").unwrap();
    let out = noor(&["annotate", "--terms", terms.to_str().unwrap()], "تبرعت لمؤسسة الضياء".as_bytes());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["entities"][0]["text"], "مؤسسة الضياء");
    assert_eq!(v["entities"][0]["canonical"], "Diya Foundation");
    std::fs::write(&terms, "bad line without type\n").unwrap();
    let err = fails_cleanly(&noor(&["annotate", "--terms", terms.to_str().unwrap()], b"x"));
    assert!(err.contains("line 1"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}
