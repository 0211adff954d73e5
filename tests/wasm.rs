//! The wasm face under Node (wasm-bindgen-test): entities cross into JavaScript with UTF-16
//! offsets that slice JavaScript strings exactly. Run by `make test-wasm`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect};
use noor::wasm::Noor;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

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
    let noor = Noor::new(JsValue::UNDEFINED).unwrap();
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
    let noor = Noor::new(lexicon_only()).unwrap();
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
    let noor = Noor::new(opts.into()).unwrap();
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
    let mut noor = Noor::new(lexicon_only()).unwrap();
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
