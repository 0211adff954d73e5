//! The JavaScript face: a thin wasm-bindgen layer over [`crate::Annotator`]. No logic lives
//! here; options and watchlists come in through `serde-wasm-bindgen`, entities go out packed
//! ([`crate::render::packed`]) with UTF-16 offsets, so that `text.slice(e.start, e.end) ===
//! e.text` in JavaScript once `www/src/entities.js` has unpacked them.

use crate::lexicon::Term;
use crate::render::packed;
use crate::{Annotator, OffsetUnit, Options};
use wasm_bindgen::prelude::*;

/// A recognizer instance (`new Noor({lang})` in JavaScript).
#[wasm_bindgen]
pub struct Noor {
    annotator: Annotator,
}

/// `[numbers, strings]` as JavaScript values: one copy of the numbers, one string.
fn to_js(p: &packed::Packed) -> js_sys::Array {
    js_sys::Array::of2(&js_sys::Float64Array::from(&p.numbers[..]), &JsValue::from_str(&p.strings))
}

fn js_error(e: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&e.to_string()).into()
}

#[wasm_bindgen]
impl Noor {
    /// Creates a recognizer. `options` is `undefined` or `{lang: 'auto' | 'ar' | 'en'}`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Noor, JsValue> {
        let mut opts: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(|e| js_error(format!("noor: bad options: {e}")))?
        };
        // JavaScript indexes strings in UTF-16 code units; nothing else makes sense here.
        opts.offsets = OffsetUnit::Utf16;
        Ok(Noor { annotator: Annotator::new(opts) })
    }

    /// The entities of `text`, sorted and non-overlapping, with UTF-16 offsets, packed as
    /// `[numbers: Float64Array, strings: string]` (see [`crate::render::packed`]);
    /// `www/src/entities.js` unpacks them into `{start, end, type, text, ...}` objects.
    #[wasm_bindgen(js_name = annotatePacked)]
    pub fn annotate_packed(&self, text: &str) -> js_sys::Array {
        to_js(&packed::pack(&[self.annotator.annotate(text).entities]))
    }

    /// The entities of many texts in one call, packed like [`Noor::annotate_packed`] (one
    /// count and entity list per text), so that a page's blocks cross the JS/wasm boundary
    /// once. The texts are one document: places are disambiguated by all of them and `group`
    /// numbers are shared across them.
    #[wasm_bindgen(js_name = annotateBatchPacked)]
    pub fn annotate_batch_packed(&self, texts: Vec<String>) -> js_sys::Array {
        let all: Vec<Vec<crate::Entity>> = texts.iter().map(|t| self.annotator.annotate(t).entities).collect();
        to_js(&packed::pack(&all))
    }

    /// The entity types in the order the packed `type` numbers index them.
    #[wasm_bindgen(js_name = entityTypes)]
    pub fn entity_types() -> Vec<String> {
        crate::Kind::ALL.iter().map(|k| k.as_str().to_string()).collect()
    }

    /// Adds names to watch: an array of `{text, type, id?, label?}`. Returns the number of
    /// watched names afterwards.
    #[wasm_bindgen(js_name = addTerms)]
    pub fn add_terms(&mut self, terms: JsValue) -> Result<usize, JsValue> {
        let terms: Vec<Term> =
            serde_wasm_bindgen::from_value(terms).map_err(|e| js_error(format!("noor: bad terms: {e}")))?;
        self.annotator.add_terms(terms).map_err(js_error)?;
        Ok(self.annotator.terms().len())
    }

    /// Removes watched names, given by text (any spelling) or id. Returns how many were removed.
    #[wasm_bindgen(js_name = removeTerms)]
    pub fn remove_terms(&mut self, which: Vec<String>) -> Result<usize, JsValue> {
        self.annotator.remove_terms(&which).map_err(js_error)
    }

    /// The watched names, as `{text, type, id?, label?}` objects.
    pub fn terms(&self) -> Result<JsValue, JsValue> {
        serde_wasm_bindgen::to_value(self.annotator.terms()).map_err(js_error)
    }

    /// Loads a language pack (the bytes of `noor-ar.pack` or `noor-en.pack`) and returns its
    /// language code. The browser build has no pack compiled in; `www/noor.js` fetches the
    /// packs it needs from its own directory and calls this.
    #[wasm_bindgen(js_name = loadPack)]
    pub fn load_pack(&mut self, bytes: &[u8]) -> Result<String, JsValue> {
        let lang = self.annotator.load_pack(bytes).map_err(js_error)?;
        Ok(lang.code().to_string())
    }

    /// The codes of the languages whose pack is loaded.
    pub fn languages(&self) -> Vec<String> {
        self.annotator.languages().iter().map(|l| l.code().to_string()).collect()
    }

    /// The language `text` would be processed as (`ar` or `en`).
    #[wasm_bindgen(js_name = detectLang)]
    pub fn detect_lang(&self, text: &str) -> String {
        crate::text::detect_lang(text).code().to_string()
    }
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}
