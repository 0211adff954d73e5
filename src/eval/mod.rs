//! Measuring accuracy: reading CoNLL files ([`conll`]) and entity-level precision, recall
//! and F1 with conlleval semantics ([`score`]).

pub mod conll;
pub mod score;
