//! Tokens: words, numbers and punctuation of the matching form, by Unicode word
//! boundaries (UAX #29, via `unicode-segmentation`).
//!
//! Tokenizing the *matching* form rather than the original means that harakat, tatweel and
//! invisible controls can never split a word; each token still knows its original span
//! through [`Normalized::original_range`].

use super::normalize::Normalized;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits).
    Word,
    /// Digits only (with UAX #29's internal separators, as in 3.5 or 1,000).
    Number,
    /// Anything else that is not white space: punctuation, symbols, emoji.
    Punct,
}

/// One token of a [`Normalized`] text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the matching form.
    pub norm: Range<usize>,
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// Words, numbers, punctuation.
    pub kind: TokenKind,
}

/// Splits a normalized text into tokens, dropping white space.
///
/// ```
/// use noor::text::{tokenize, Normalized, TokenKind};
/// let n = Normalized::new("وصل إلى بنغازي، أمس.");
/// let toks = tokenize(&n);
/// let words: Vec<&str> = toks.iter().map(|t| &n.as_str()[t.norm.clone()]).collect();
/// assert_eq!(words, ["وصل", "الي", "بنغازي", "،", "امس", "."]);
/// assert_eq!(toks[3].kind, TokenKind::Punct);
/// ```
pub fn tokenize(n: &Normalized) -> Vec<Token> {
    let text = n.as_str();
    let mut out = Vec::with_capacity(text.len() / 5);
    for (i, seg) in text.split_word_bound_indices() {
        let mut has_alpha = false;
        let mut has_digit = false;
        let mut all_space = true;
        for c in seg.chars() {
            // Arabic letters first: `char::is_alphabetic` is a slow table search outside ASCII.
            if c.is_ascii_alphabetic() || crate::text::arabic::is_arabic_letter(c) || c.is_alphabetic() {
                has_alpha = true;
            } else if c.is_numeric() {
                has_digit = true;
            }
            if !c.is_whitespace() {
                all_space = false;
            }
        }
        if all_space {
            continue;
        }
        let kind = if has_alpha {
            TokenKind::Word
        } else if has_digit {
            TokenKind::Number
        } else {
            TokenKind::Punct
        };
        // The English possessive is its own token, so that "Russia's" holds the name "Russia".
        let stem_len = ["'s", "\u{2019}s"].iter().find_map(|p| seg.strip_suffix(p)).map(str::len);
        if let (TokenKind::Word, Some(len)) = (kind, stem_len.filter(|&l| l > 0)) {
            for (r, k) in [(i..i + len, TokenKind::Word), (i + len..i + seg.len(), TokenKind::Punct)] {
                out.push(Token { span: n.original_range(r.clone()), norm: r, kind: k });
            }
            continue;
        }
        let norm = i..i + seg.len();
        out.push(Token { span: n.original_range(norm.clone()), norm, kind });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_into_the_original() {
        let s = "لـ\"القواتِ\" في  Zürich 😀!";
        let n = Normalized::new(s);
        let toks = tokenize(&n);
        let orig: Vec<&str> = toks.iter().map(|t| &s[t.span.clone()]).collect();
        assert_eq!(orig, ["لـ", "\"", "القواتِ", "\"", "في", "Zürich", "😀", "!"]);
    }

    #[test]
    fn possessive_is_split() {
        let s = "Russia's and Egypt’s";
        let n = Normalized::new(s);
        let orig: Vec<&str> = tokenize(&n).iter().map(|t| &s[t.span.clone()]).collect();
        assert_eq!(orig, ["Russia", "'s", "and", "Egypt", "’s"]);
    }

    #[test]
    fn numbers_and_words() {
        let n = Normalized::new("عام ٢٠١٩ 3.5");
        let kinds: Vec<TokenKind> = tokenize(&n).iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [TokenKind::Word, TokenKind::Number, TokenKind::Number]);
    }
}
