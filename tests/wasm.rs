//! The wasm face under Node (wasm-bindgen-test): entities cross into JavaScript with UTF-16
//! offsets that slice JavaScript strings exactly. Run by `make test-wasm` in the browser
//! build's configuration (no packs compiled in): the tests load the language packs the way
//! `www/noor.js` does.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect};
use noor::wasm::Noor;
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

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap()
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
    let ents: Array = noor.annotate(text).unwrap().into();
    assert!(ents.length() >= 2);
    let js = JsString::from(text);
    for e in ents.iter() {
        let (s, t) = (get(&e, "start").as_f64().unwrap() as u32, get(&e, "end").as_f64().unwrap() as u32);
        assert_eq!(String::from(js.slice(s, t)), get(&e, "text").as_string().unwrap());
    }
}

#[wasm_bindgen_test]
fn utf16_offsets_slice_js_strings() {
    let noor = loaded(lexicon_only());
    let text = "😀 👩‍👩‍👧 وصل إلى بِمُوسْكُو ثم Zürich";
    let ents: Array = noor.annotate(text).unwrap().into();
    assert_eq!(ents.length(), 2);
    let js = JsString::from(text);
    for e in ents.iter() {
        let (s, t) = (get(&e, "start").as_f64().unwrap() as u32, get(&e, "end").as_f64().unwrap() as u32);
        assert_eq!(String::from(js.slice(s, t)), get(&e, "text").as_string().unwrap());
        assert_eq!(get(&e, "type").as_string().unwrap(), "LOC");
    }
    assert_eq!(get(&ents.get(0), "canonical").as_string().unwrap(), "Moscow");
}

#[wasm_bindgen_test]
fn batch_and_options() {
    let opts: js_sys::Object = lexicon_only().into();
    Reflect::set(&opts, &"lang".into(), &"ar".into()).unwrap();
    let noor = loaded(opts.into());
    let out: Array =
        noor.annotate_batch(vec!["القاهرة".into(), String::new(), "Paris and Cairo".into()]).unwrap().into();
    let lens: Vec<u32> = out.iter().map(|a| Array::from(&a).length()).collect();
    assert_eq!(lens, [1, 0, 2]);
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
    let ents: Array = noor.annotate("تبرعت لمؤسسة الضياء").unwrap().into();
    assert_eq!(get(&ents.get(0), "type").as_string().unwrap(), "ORG");
    assert_eq!(noor.remove_terms(vec!["مؤسسة الضياء".into()]).unwrap(), 1);
    assert_eq!(Array::from(&noor.annotate("تبرعت لمؤسسة الضياء").unwrap()).length(), 0);
    assert!(noor.add_terms(JsValue::from_str("nope")).is_err());
}

#[wasm_bindgen_test]
fn packs_load_per_language() {
    let mut noor = Noor::new(JsValue::UNDEFINED).unwrap();
    assert!(noor.languages().is_empty());
    // Without a pack: no names, but the rules still find dates.
    let text = "وصل الوفد إلى موسكو في 17 سبتمبر 2023";
    let ents: Array = noor.annotate(text).unwrap().into();
    let types: Vec<String> = ents.iter().map(|e| get(&e, "type").as_string().unwrap()).collect();
    assert_eq!(types, ["DATE"]);
    assert!(noor.load_pack(b"not a pack").is_err());
    assert!(noor.load_pack(&pack(noor::Lang::Ar)[..1000]).is_err());
    noor.load_pack(&pack(noor::Lang::Ar)).unwrap();
    assert_eq!(noor.languages(), ["ar"]);
    let ents: Array = noor.annotate(text).unwrap().into();
    let types: Vec<String> = ents.iter().map(|e| get(&e, "type").as_string().unwrap()).collect();
    assert_eq!(types, ["LOC", "DATE"]);
    // The English pack is separate: Latin names wait for it.
    let ents: Array = noor.annotate("Flights to Moscow resumed").unwrap().into();
    assert_eq!(ents.length(), 0);
}
