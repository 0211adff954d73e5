//! The CoNLL view of the Arabic pipeline (`noor tag --conll`, `noor eval`): names only, as
//! ANERcorp annotates them.
#![cfg(not(target_arch = "wasm32"))]

use noor::{Annotator, Kind, Lang, Options};

/// A currency inside an amount is MISC in ANERcorp: in the CoNLL view the tagger's name is
/// not hidden by the amount, while `annotate` still returns the amount itself.
#[test]
fn currency_inside_an_amount() {
    let a = Annotator::new(Options { lang: Lang::Ar, ..Options::default() });
    let tokens = ["وبلغت", "قيمة", "الصفقة", "مليون", "دولار", "حسب", "البيان"];
    let tags = a.tag_tokens(&tokens);
    assert_eq!(tags[4], "B-MISC", "{tags:?}");
    assert!(tags.iter().enumerate().all(|(i, t)| i == 4 || t == "O"), "{tags:?}");
    let ents = a.annotate(&tokens.join(" ")).entities;
    assert!(ents.iter().any(|e| e.kind == Kind::Money && e.text.ends_with("دولار")), "{ents:?}");
}

/// Dates and amounts still hide weaker guesses in the CoNLL view: only the tagger's names
/// win over them, and a function word is never a surname (علي is also على).
#[test]
fn function_words_are_not_surnames() {
    let a = Annotator::new(Options { lang: Lang::Ar, ..Options::default() });
    let text = "وصل اللاعب جوزيه علي إلى المدينة وحصل على الجائزة";
    let ents = a.annotate(text).entities;
    let per: Vec<&str> = ents.iter().filter(|e| e.kind == Kind::Per).map(|e| e.text.as_str()).collect();
    assert!(!per.contains(&"على"), "{per:?}");
}
