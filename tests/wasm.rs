//! The wasm face under Node (wasm-bindgen-test): entities cross into JavaScript packed, with
//! UTF-16 offsets that slice JavaScript strings exactly. Run by `make test-wasm` in the browser
//! build's configuration (no packs compiled in): the tests load the language packs the way
//! `www/noor.js` does.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect};
use noor::render::packed::{unpack, Packed};
use noor::wasm::Noor;
use noor::Entity;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

/// A language pack as `make build` writes it, from the committed model files.
fn pack(lang: noor::Lang) -> Vec<u8> {
    use noor::pack::Pack;
    match lang {
        noor::Lang::Ar => Pack::assemble(
            lang,
            include_bytes!("../models/lexicon-ar.bin"),
            include_bytes!("../models/ner-ar.bin"),
            include_bytes!("../models/clusters-ar.bin"),
        ),
        _ => Pack::assemble(
            lang,
            include_bytes!("../models/lexicon-en.bin"),
            include_bytes!("../models/ner-en.bin"),
            include_bytes!("../models/clusters-en.bin"),
        ),
    }
}

/// A recognizer with both packs loaded.
fn loaded(options: JsValue) -> Noor {
    let mut noor = Noor::new(options).unwrap();
    assert_eq!(noor.load_pack(&pack(noor::Lang::Ar)).unwrap(), "ar");
    assert_eq!(noor.load_pack(&pack(noor::Lang::En)).unwrap(), "en");
    noor
}

/// The packed `[numbers, strings]` of a core call, unpacked in Rust (as `www/src/entities.js`
/// does in JavaScript).
fn unpacked(texts: &[&str], out: Array) -> Vec<Vec<Entity>> {
    assert_eq!(out.length(), 2);
    let numbers = js_sys::Float64Array::from(out.get(0)).to_vec();
    let strings = out.get(1).as_string().unwrap();
    unpack(texts, &Packed { numbers, strings }).expect("the packed entities fit the texts")
}

fn annotate(noor: &Noor, text: &str) -> Vec<Entity> {
    unpacked(&[text], noor.annotate_packed(text)).remove(0)
}

fn types(ents: &[Entity]) -> Vec<&'static str> {
    ents.iter().map(|e| e.kind.as_str()).collect()
}

/// `{lexiconOnly: true}`: deterministic results (the gazetteer only, no tagger).
fn lexicon_only() -> JsValue {
    let o = js_sys::Object::new();
    Reflect::set(&o, &"lexiconOnly".into(), &true.into()).unwrap();
    o.into()
}

#[wasm_bindgen_test]
fn with_the_tagger_offsets_still_slice() {
    let noor = loaded(JsValue::UNDEFINED);
    let text = "😀 وصل الرئيس سامي الفارس إلى بِمُوسْكُو, then 👩‍👩‍👧 John Smith flew to Zürich";
    let ents = annotate(&noor, text);
    assert!(ents.len() >= 2);
    let js = JsString::from(text);
    for e in &ents {
        assert_eq!(String::from(js.slice(e.start as u32, e.end as u32)), e.text);
    }
}

#[wasm_bindgen_test]
fn utf16_offsets_slice_js_strings() {
    let noor = loaded(lexicon_only());
    let text = "😀 👩‍👩‍👧 وصل إلى بِمُوسْكُو ثم Zürich";
    let ents = annotate(&noor, text);
    assert_eq!(types(&ents), ["LOC", "LOC"]);
    let js = JsString::from(text);
    for e in &ents {
        assert_eq!(String::from(js.slice(e.start as u32, e.end as u32)), e.text);
    }
    assert_eq!(ents[0].canonical.as_deref(), Some("Moscow"));
    assert!(ents[0].id.as_deref().is_some_and(|id| id.starts_with("geonames:")));
}

#[wasm_bindgen_test]
fn batch_and_options() {
    let opts: js_sys::Object = lexicon_only().into();
    Reflect::set(&opts, &"lang".into(), &"ar".into()).unwrap();
    let noor = loaded(opts.into());
    let texts = ["القاهرة", "", "Paris and Cairo"];
    let out = unpacked(&texts, noor.annotate_batch_packed(texts.iter().map(|t| t.to_string()).collect()));
    let lens: Vec<usize> = out.iter().map(Vec::len).collect();
    assert_eq!(lens, [1, 0, 2]);
    assert_eq!(out[2][1].text, "Cairo");
    assert_eq!(Noor::entity_types()[out[2][1].kind as usize], "LOC");
    let bad = js_sys::Object::new();
    Reflect::set(&bad, &"lang".into(), &"xx".into()).unwrap();
    assert!(Noor::new(bad.into()).is_err());
}

#[wasm_bindgen_test]
fn watchlist_terms() {
    let mut noor = loaded(lexicon_only());
    let term = js_sys::Object::new();
    Reflect::set(&term, &"text".into(), &"مؤسسة الضياء".into()).unwrap();
    Reflect::set(&term, &"type".into(), &"ORG".into()).unwrap();
    let n = noor.add_terms(Array::of1(&term).into()).unwrap();
    assert_eq!(n, 1);
    assert_eq!(types(&annotate(&noor, "تبرعت لمؤسسة الضياء")), ["ORG"]);
    assert_eq!(noor.remove_terms(vec!["مؤسسة الضياء".into()]).unwrap(), 1);
    assert!(annotate(&noor, "تبرعت لمؤسسة الضياء").is_empty());
    assert!(noor.add_terms(JsValue::from_str("nope")).is_err());
}

#[wasm_bindgen_test]
fn packs_load_per_language() {
    let mut noor = Noor::new(JsValue::UNDEFINED).unwrap();
    assert!(noor.languages().is_empty());
    // Without a pack: no names, but the rules still find dates.
    let text = "وصل الوفد إلى موسكو في 17 سبتمبر 2023";
    let ents = annotate(&noor, text);
    assert_eq!(types(&ents), ["DATE"]);
    assert_eq!(ents[0].value.as_deref(), Some("2023-09-17"));
    assert!(noor.load_pack(b"not a pack").is_err());
    assert!(noor.load_pack(&pack(noor::Lang::Ar)[..1000]).is_err());
    noor.load_pack(&pack(noor::Lang::Ar)).unwrap();
    assert_eq!(noor.languages(), ["ar"]);
    assert_eq!(types(&annotate(&noor, text)), ["LOC", "DATE"]);
    // The English pack is separate: Latin names wait for it.
    assert!(annotate(&noor, "Flights to Moscow resumed").is_empty());
}
