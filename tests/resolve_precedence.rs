//! How the whole pipeline merges the tagger with the lexicon and the rules (src/resolve.rs,
//! the candidates of `recognize`, the identity stage): the pipeline must not turn a right
//! tagger answer into a wrong one. Each case is one measured on the dev sets, in made-up text.
#![cfg(not(target_arch = "wasm32"))]

use noor::{Annotator, Kind, Lang, Options};

fn annotator(lang: Lang, lexicon_only: bool) -> Annotator {
    Annotator::new(Options { lang, lexicon_only, ..Options::default() })
}

fn names(a: &Annotator, text: &str) -> Vec<(String, Kind)> {
    a.annotate(text).entities.into_iter().filter(|e| e.kind.is_name()).map(|e| (e.text, e.kind)).collect()
}

/// A country in the context picks which place a name is; it does not make a demonym a place
/// ("Chechen" is also the Chechen Republic, in Russia).
#[test]
fn context_does_not_change_a_mentions_type() {
    for lexicon_only in [false, true] {
        let a = annotator(Lang::En, lexicon_only);
        let n = names(&a, "Chechen fighters left Grozny on Monday, Russia said.");
        assert!(n.contains(&("Chechen".to_string(), Kind::Misc)), "lexicon_only {lexicon_only}: {n:?}");
        assert!(n.contains(&("Russia".to_string(), Kind::Loc)), "lexicon_only {lexicon_only}: {n:?}");
    }
}

/// A gazetteer place in a word the tagger read as an ordinary word ("وجده": he found it; also
/// Oujda) is not a place; without the tagger, the lexicon alone still speaks.
#[test]
fn a_place_the_tagger_read_as_a_word_is_not_a_place() {
    let text = "وقال الكاتب إن القارئ سيجد في الرواية عالما حيث وجده يلقي الضوء على مشاكل البسطاء.";
    assert_eq!(names(&annotator(Lang::Ar, false), text), []);
    assert_eq!(names(&annotator(Lang::Ar, true), text), [("وجده".to_string(), Kind::Loc)]);
    // Places the tagger found keep the lexicon's identity.
    let e = annotator(Lang::Ar, false).annotate("وصل الوفد إلى موسكو أمس").entities;
    assert!(e.iter().any(|e| e.text == "موسكو" && e.kind == Kind::Loc && e.id.is_some()), "{e:?}");
}

/// A tagger's name that closes a bracket keeps it (CoNLL's "Mladost ( BJ )").
#[test]
fn a_name_keeps_the_bracket_it_closes() {
    let a = annotator(Lang::En, false);
    let tags = a.tag_tokens(&["Sloboda", "4", "Mladost", "(", "BJ", ")", "0"]);
    assert_eq!(tags[2..6], ["B-ORG", "I-ORG", "I-ORG", "I-ORG"], "{tags:?}");
}

/// A name pattern the tagger read as two names ("German" MISC, "Foreign Ministry" ORG)
/// gives way to them.
#[test]
fn a_name_pattern_yields_to_the_taggers_names() {
    let a = annotator(Lang::En, false);
    let tokens = ["\"", "German", "Foreign", "Ministry", "spokesman", "Martin", "Erdmann", "said", "."];
    let tags = a.tag_tokens(&tokens);
    assert_eq!(tags[1..4], ["B-MISC", "B-ORG", "I-ORG"], "{tags:?}");
}
