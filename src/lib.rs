//! # Noor (نور, "light")
//!
//! Noor finds the people, organizations, places, dates and amounts in news text, in Arabic
//! first and English second, and reports each as an exact span of the text it was given.
//! The same core runs natively (this crate and the `noor` command) and in the browser (the
//! wasm module behind `www/noor.js`).
//!
//! ## The pipeline
//!
//! Text flows one way, and the modules are laid out in the same order:
//!
//! ```text
//! text ─▶ normalize ─▶ tokenize ─▶ candidates ─────────▶ resolve ─▶ entities ─▶ render
//!         text::normalize  text::tokenize  lexicon (+ rules, model)  resolve   Entity   render::html, www/
//! ```
//!
//! - [`text`] folds the text into a *matching form* (Arabic letter variants, harakat,
//!   tatweel, Persian letters, digits, Latin case and accents) while keeping an exact map
//!   back to the original, then splits it into tokens and reads Arabic proclitics.
//! - [`lexicon`] finds known names (compiled from the shared gazetteers) in that form.
//! - [`resolve`] turns overlapping candidates into one sorted, non-overlapping list.
//! - [`annotate`] runs the stages in order; it is the only module that knows the order.
//! - [`pack`] holds what one language needs (lexicon, tagger, clusters): compiled in natively,
//!   loaded at run time in the browser, so a page downloads only its language's data.
//!
//! ## Offsets are sacred
//!
//! Every span points into the original, un-normalized text. Offsets are UTF-16 code units
//! by default (what JavaScript indexes), or UTF-8 bytes or code points on request, and the
//! `text` of an entity is always exactly the slice at its offsets:
//!
//! ```
//! use noor::{Annotator, Options, OffsetUnit, Kind};
//! let text = "😀 وصل الوفد إلى بِمُوسْكُو";
//! let a = Annotator::new(Options { offsets: OffsetUnit::Utf16, ..Options::default() });
//! let e = &a.annotate(text).entities[0];
//! assert_eq!(e.kind, Kind::Loc);
//! assert_eq!(e.canonical.as_deref(), Some("Moscow"));
//! let utf16: Vec<u16> = text.encode_utf16().collect();
//! assert_eq!(String::from_utf16(&utf16[e.start..e.end]).unwrap(), "مُوسْكُو");
//! ```

#![deny(missing_docs)]

pub mod annotate;
mod cache;
pub mod entity;
mod error;
pub mod eval;
pub mod identity;
pub mod lexicon;
pub mod model;
pub mod pack;
pub mod render;
pub mod resolve;
pub mod rules;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use annotate::{Annotation, Annotator, Options};
pub use entity::{Entity, Kind};
pub use error::Error;
pub use text::{Lang, OffsetUnit};

/// The library version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
