//! People whose names the tagger cuts short in Arabic news: a transliterated foreign family
//! name after the given name or after an honorific ("بك", "باشا"), and the later mentions
//! of that family name on its own, which join the full name's group (made-up people).
#![cfg(not(target_arch = "wasm32"))]

use noor::{Annotator, Kind, Lang, Options};

fn people(text: &str) -> Vec<(String, Option<u32>)> {
    let a = Annotator::new(Options { lang: Lang::Ar, ..Options::default() });
    a.annotate(text).entities.into_iter().filter(|e| e.kind == Kind::Per).map(|e| (e.text, e.group)).collect()
}

/// The honorific does not end the name, and the family name after it is found again alone.
#[test]
fn family_name_after_an_honorific() {
    let p = people("وصرح رئيس الوفد كريم بك دوبرانوف للصحفيين أن المباحثات مثمرة. وكان دوبرانوف قد زار المدينة مراراً.");
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(p[0].0, "كريم بك دوبرانوف", "{p:?}");
    assert_eq!(p[1].0, "دوبرانوف", "{p:?}");
    assert_eq!(p[0].1, p[1].1, "{p:?}");
}

/// A foreign family name right after a given name the tagger found alone.
#[test]
fn foreign_family_name_after_a_given_name() {
    let p = people("واستقبل الرئيس الجورجي ميخائيل تاباكادزه الوفد.");
    assert_eq!(p.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["ميخائيل تاباكادزه"], "{p:?}");
    let p = people("والتقى حسن بك غورالوف بالسفير.");
    assert_eq!(p.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["حسن بك غورالوف"], "{p:?}");
}
