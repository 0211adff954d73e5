//! Language packs: everything one language needs besides the code (its lexicon, its tagger's
//! weights and its word clusters) in one file, so that a reader of Arabic news downloads the
//! Arabic data only.
//!
//! The native library and CLI compile both languages' packs in (cargo feature `embed`, on by
//! default). The wasm build for the browser leaves them out: the module is code only, and
//! `www/noor.js` fetches `noor-ar.pack` or `noor-en.pack` next to it and hands the bytes to
//! [`crate::Annotator::load_pack`]. A text in a language whose pack is not loaded still gets
//! the rules (dates, numbers) and the watchlist, but no names from the lexicon or tagger.
//!
//! The format is a header and three length-prefixed sections, each in the format its loader
//! already reads, so a pack is the committed model files put side by side:
//!
//! ```text
//! "NOORPAK1"  lang code (2 bytes, "ar" or "en")
//! u32 LE length, lexicon   (models/lexicon-LANG.bin)
//! u32 LE length, tagger    (models/ner-LANG.bin; may be empty: no tagger)
//! u32 LE length, clusters  (models/clusters-LANG.bin; may be empty)
//! ```
//!
//! ```
//! use noor::pack::Pack;
//! use noor::Lang;
//! let bytes = Pack::assemble(Lang::Ar, &[], &[], &[]);
//! let pack = Pack::from_bytes(&bytes).unwrap();
//! assert_eq!((pack.lang, pack.lexicon.len(), pack.model.is_none()), (Lang::Ar, 0, true));
//! assert!(Pack::from_bytes(&bytes[..bytes.len() - 1]).is_err());
//! ```

use crate::lexicon::Lexicon;
use crate::model::{clusters::Clusters, tagger::Tagger, Model};
use crate::text::Lang;
use crate::Error;

/// The first bytes of a pack file.
pub const MAGIC: &[u8; 8] = b"NOORPAK1";

/// One language's data, loaded.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The language the pack serves (`ar` or `en`).
    pub lang: Lang,
    /// Its names, in its script.
    pub lexicon: Lexicon,
    /// Its tagger with the clusters its features use, if the pack has one.
    pub model: Option<Model>,
}

impl Pack {
    /// Puts the three files of a language side by side in the pack format.
    pub fn assemble(lang: Lang, lexicon: &[u8], tagger: &[u8], clusters: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(10 + 12 + lexicon.len() + tagger.len() + clusters.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(lang.code().as_bytes());
        for part in [lexicon, tagger, clusters] {
            out.extend_from_slice(&(part.len() as u32).to_le_bytes());
            out.extend_from_slice(part);
        }
        out
    }

    /// Splits a pack into its sections: `(lang, lexicon, tagger, clusters)`.
    pub fn sections(bytes: &[u8]) -> Result<(Lang, [&[u8]; 3]), Error> {
        let bad = |what: &str| Error::Data(format!("pack: {what}"));
        if bytes.len() < 10 || &bytes[..8] != MAGIC {
            return Err(bad("not a Noor language pack (bad magic)"));
        }
        let lang = match &bytes[8..10] {
            b"ar" => Lang::Ar,
            b"en" => Lang::En,
            other => return Err(bad(&format!("unknown language {:?}", String::from_utf8_lossy(other)))),
        };
        let mut at = 10;
        let mut parts: [&[u8]; 3] = [&[]; 3];
        for part in &mut parts {
            let len = bytes.get(at..at + 4).ok_or_else(|| bad("truncated"))?;
            let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
            *part = bytes.get(at + 4..at + 4 + len).ok_or_else(|| bad("truncated"))?;
            at += 4 + len;
        }
        if at != bytes.len() {
            return Err(bad("trailing bytes"));
        }
        Ok((lang, parts))
    }

    /// Loads a pack from its bytes (copied: the caller may free them).
    pub fn from_bytes(bytes: &[u8]) -> Result<Pack, Error> {
        let (lang, [lexicon, tagger, clusters]) = Pack::sections(bytes)?;
        let lexicon = Lexicon::from_bytes(lexicon.to_vec())?;
        let model = if tagger.is_empty() {
            None
        } else {
            Some(Model::new(Tagger::from_slice(tagger)?, Clusters::from_bytes(clusters)?))
        };
        Ok(Pack { lang, lexicon, model })
    }
}

/// The packs compiled into the library (feature `embed`), loaded on first use.
#[cfg(feature = "embed")]
pub fn embedded(lang: Lang) -> Option<&'static std::sync::Arc<Pack>> {
    use std::sync::{Arc, OnceLock};
    static AR: OnceLock<Option<Arc<Pack>>> = OnceLock::new();
    static EN: OnceLock<Option<Arc<Pack>>> = OnceLock::new();
    let (cell, files) = match lang {
        Lang::Ar => (&AR, files::AR),
        _ => (&EN, files::EN),
    };
    cell.get_or_init(|| {
        // The embedded files are written and checked by the build commands and by the tests; if
        // one were ever damaged, the language would work without it rather than panic.
        let lexicon = Lexicon::from_static(files[0]).unwrap_or_else(|_| Lexicon::empty());
        let model = Tagger::from_slice(files[1])
            .and_then(|tagger| Ok(Model::new(tagger, Clusters::from_bytes(files[2])?)))
            .ok();
        Some(Arc::new(Pack { lang, lexicon, model }))
    })
    .as_ref()
}

/// The bytes of a pack for `lang`, assembled from the embedded files (`noor pack`).
#[cfg(feature = "embed")]
pub fn embedded_bytes(lang: Lang) -> Vec<u8> {
    let f = if lang == Lang::Ar { files::AR } else { files::EN };
    Pack::assemble(lang, f[0], f[1], f[2])
}

/// The committed model files: lexicon, tagger, clusters per language.
#[cfg(feature = "embed")]
mod files {
    pub static AR: [&[u8]; 3] = [
        include_bytes!("../models/lexicon-ar.bin"),
        include_bytes!("../models/ner-ar.bin"),
        include_bytes!("../models/clusters-ar.bin"),
    ];
    pub static EN: [&[u8]; 3] = [
        include_bytes!("../models/lexicon-en.bin"),
        include_bytes!("../models/ner-en.bin"),
        include_bytes!("../models/clusters-en.bin"),
    ];
}

#[cfg(all(test, feature = "embed"))]
mod tests {
    use super::*;

    #[test]
    fn embedded_packs_round_trip() {
        for lang in [Lang::Ar, Lang::En] {
            let bytes = embedded_bytes(lang);
            let pack = Pack::from_bytes(&bytes).unwrap();
            let shipped = embedded(lang).unwrap();
            assert_eq!(pack.lang, lang);
            assert_eq!(pack.lexicon.len(), shipped.lexicon.len());
            assert!(pack.lexicon.len() > 1000 && pack.model.is_some());
        }
        let bad = embedded_bytes(Lang::En);
        assert!(Pack::from_bytes(&bad[..100]).is_err());
        let mut other = bad.clone();
        other[8..10].copy_from_slice(b"xx");
        assert!(Pack::from_bytes(&other).is_err());
    }
}
