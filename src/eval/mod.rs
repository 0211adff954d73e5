//! Measuring: reading CoNLL files ([`conll`]), entity-level precision, recall and F1 with
//! conlleval semantics ([`score`]), and speed (`bench`, native only: `noor bench`).

#[cfg(not(target_arch = "wasm32"))]
pub mod bench;
pub mod conll;
pub mod score;
