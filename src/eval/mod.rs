//! Measuring: reading CoNLL files ([`conll`]), entity-level precision, recall and F1 with
//! conlleval semantics ([`score`]), and speed (`bench`, native only: `noor bench`).

#[cfg(all(not(target_arch = "wasm32"), feature = "embed"))]
pub mod bench;
pub mod conll;
pub mod score;
