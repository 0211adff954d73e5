//! The text layer, the bottom of the pipeline: the matching form of a text with its exact
//! map back to the original ([`normalize`]), tokens ([`mod@tokenize`]), Arabic proclitics
//! ([`arabic`]), offset units ([`offsets`]) and script detection ([`script`]).
//!
//! Nothing here knows about entities; everything above uses it.

pub mod arabic;
#[cfg(test)]
mod equivalence;
pub mod normalize;
pub mod offsets;
pub mod script;
mod segment;
pub mod tokenize;

pub use normalize::Normalized;
pub use offsets::{from_unit, len_in, to_unit, OffsetUnit};
pub use script::{detect_lang, read_languages, Evidence, Lang, Reading, TaggerUse};
pub use tokenize::{tokenize, Token, TokenKind};
