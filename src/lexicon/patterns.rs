//! Organization names that follow a pattern rather than a list: ministries and embassies.
//!
//! "وزارة الدفاع الروسية", "وزارة التربية والتعليم", "Ministry of Foreign Affairs",
//! "Russia's Defence Ministry", "the US State Department": every government has a dozen
//! such bodies, so listing them would never end. They share a shape:
//!
//! - Arabic: a head noun (وزارة ministry, سفارة embassy, قنصلية consulate), possibly with a
//!   proclitic (بوزارة, لوزارة), then the portfolio: one definite word (الدفاع), optionally
//!   joined by و (والتعليم) or qualified by a definite adjective (الشؤون الخارجية), and
//!   optionally a nationality adjective or a country (الروسية, المصرية, الأردن).
//!   An embassy or consulate takes a country or a nationality adjective directly.
//! - English: `Ministry|Department of X [and Y]` or `X Ministry|Department`, where X are
//!   capitalized words, optionally preceded by a nationality adjective (Russian Defence
//!   Ministry).
//!
//! Nationality adjectives and countries come from the lexicon (DEMONYM and COUNTRY senses),
//! so the patterns know as many countries as the lexicon does.

use super::{flags, Lexicon};
use crate::text::arabic::{readings, StemForm};
use crate::text::{Normalized, Token, TokenKind};
use std::ops::Range;

/// Most words a portfolio may span after the head ("الشؤون الخارجية والمغتربين" is three).
const MAX_PORTFOLIO: usize = 3;

/// Arabic heads that take a portfolio (ministry) or a country (embassy, consulate).
const AR_MINISTRY: &str = "وزاره";
const AR_MISSIONS: [&str; 2] = ["سفاره", "قنصليه"];
/// English heads.
const EN_HEADS: [&str; 2] = ["ministry", "department"];
/// Lower-case words allowed inside an English name ("Ministry of Foreign Affairs and Trade").
const EN_GLUE: [&str; 4] = ["of", "and", "for", "the"];

/// An organization found by a pattern: its span in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternMatch {
    /// Byte range in the original text (the name only, without a proclitic).
    pub span: Range<usize>,
}

/// What the lexicon says a single word (in matching form) is.
fn word_class(lex: &Lexicon, word: &str) -> (bool, bool) {
    let (mut demonym, mut country) = (false, false);
    for s in lex.get(word) {
        demonym |= s.flags & flags::DEMONYM != 0;
        country |= s.flags & flags::COUNTRY != 0;
    }
    (demonym, country)
}

/// True for a definite Arabic word (ال…), also after the conjunction و (وال…).
fn definite(w: &str) -> bool {
    w.strip_prefix('و').unwrap_or(w).starts_with("ال") && w.chars().count() > 3
}

/// A nationality adjective in the feminine with the article (الروسيه → روسي is a DEMONYM).
fn feminine_demonym(lex: &Lexicon, w: &str) -> bool {
    let Some(stem) = w.strip_prefix("ال").and_then(|s| s.strip_suffix('ه')) else { return false };
    word_class(lex, stem).0 || word_class(lex, w).0
}

/// Finds ministries, embassies and consulates in the tokens of `norm`.
#[inline(never)] // A wasm function of its own: see `Annotator::recognize`.
pub fn find(lex: &Lexicon, original: &str, norm: &Normalized, tokens: &[Token]) -> Vec<PatternMatch> {
    let text = norm.as_str();
    let word = |i: usize| -> Option<&str> {
        tokens.get(i).filter(|t| t.kind == TokenKind::Word).map(|t| &text[t.norm.clone()])
    };
    let mut out = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        // This runs for every token and finds a head in few: the bytes are tested before the
        // word is made a `str` (the test reads less memory, and this loop was a tenth of the
        // lexicon stage). Every Arabic head ends in ه; an English head has its own length.
        if tok.kind != TokenKind::Word {
            continue;
        }
        let bytes = &text.as_bytes()[tok.norm.clone()];
        let maybe_arabic = bytes.ends_with("ه".as_bytes());
        if !maybe_arabic && !EN_HEADS.iter().any(|h| h.len() == bytes.len()) {
            continue;
        }
        let w = &text[tok.norm.clone()];
        // Arabic: the head may carry a proclitic; the span starts after it. A reading is the
        // rest of the word after its proclitics, so only a word that ends with a head can have
        // one: that test spares every other word its readings.
        let arabic_head = maybe_arabic && (w.ends_with(AR_MINISTRY) || AR_MISSIONS.iter().any(|h| w.ends_with(h)));
        for r in arabic_head.then(|| readings(w)).into_iter().flatten() {
            let StemForm::Slice(head) = r.form else { continue };
            let mut end = None;
            if head == AR_MINISTRY {
                let mut j = i + 1;
                let mut taken = 0;
                while taken < MAX_PORTFOLIO {
                    let Some(next) = word(j) else { break };
                    let joined = next.starts_with("وال");
                    let adjective = next.starts_with("ال") && next.ends_with("يه");
                    let ok = if taken == 0 { definite(next) } else { joined || adjective };
                    if !ok || feminine_demonym(lex, next) {
                        break;
                    }
                    end = Some(j);
                    taken += 1;
                    j += 1;
                }
                if end.is_some() {
                    if let Some(next) = word(j) {
                        if feminine_demonym(lex, next) || word_class(lex, next).1 {
                            end = Some(j);
                        }
                    }
                }
            } else if AR_MISSIONS.contains(&head) {
                if let Some(next) = word(i + 1) {
                    if feminine_demonym(lex, next) || word_class(lex, next).1 {
                        end = Some(i + 1);
                    }
                }
            }
            if let Some(j) = end {
                out.push(PatternMatch { span: norm.original_range(tok.norm.start + r.skip..tokens[j].norm.end) });
                break;
            }
        }
        // English: "Ministry of X", "X Ministry".
        if EN_HEADS.contains(&w) && is_capitalized(original, tok) {
            if let Some(m) = english_of_form(original, tokens, i, &word) {
                out.push(m);
            } else if let Some(m) = english_prefix_form(lex, original, tokens, i, &word) {
                out.push(m);
            }
        }
    }
    out
}

/// "Ministry of Foreign Affairs and Trade": head, `of`, then capitalized words and glue,
/// ending on a capitalized word.
fn english_of_form<'a>(
    original: &str,
    tokens: &[Token],
    i: usize,
    word: &dyn Fn(usize) -> Option<&'a str>,
) -> Option<PatternMatch> {
    if word(i + 1) != Some("of") {
        return None;
    }
    let mut last = None;
    let mut j = i + 2;
    while j < tokens.len() && j <= i + 8 {
        let w = word(j)?;
        if is_capitalized(original, &tokens[j]) {
            last = Some(j);
        } else if !EN_GLUE.contains(&w) {
            break;
        }
        j += 1;
    }
    let last = last?;
    Some(PatternMatch { span: tokens[i].span.start..tokens[last].span.end })
}

/// "Defence Ministry", "Russian Defence Ministry", "State Department": capitalized words
/// before the head (at most three), optionally starting with a nationality adjective.
fn english_prefix_form<'a>(
    lex: &Lexicon,
    original: &str,
    tokens: &[Token],
    i: usize,
    word: &dyn Fn(usize) -> Option<&'a str>,
) -> Option<PatternMatch> {
    if !is_capitalized(original, &tokens[i]) {
        return None;
    }
    let mut first = None;
    let mut j = i;
    while j > 0 && i - j < 3 {
        j -= 1;
        let Some(w) = word(j) else { break };
        // A possessive ("Russia's Defence Ministry") is a place of its own, not part of the name.
        let possessive = w.ends_with("'s") || w.ends_with("\u{2019}s");
        if !is_capitalized(original, &tokens[j]) || EN_GLUE.contains(&w) || possessive {
            break;
        }
        first = Some(j);
        if word_class(lex, w).0 {
            break; // a nationality adjective opens the name
        }
    }
    let first = first?;
    Some(PatternMatch { span: tokens[first].span.start..tokens[i].span.end })
}

/// True if the original text of the token starts with an upper-case letter.
fn is_capitalized(original: &str, tok: &Token) -> bool {
    original.get(tok.span.clone()).and_then(|s| s.chars().next()).is_some_and(char::is_uppercase)
}
