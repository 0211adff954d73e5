//! Tokens: words, numbers and punctuation of the matching form, by Unicode word
//! boundaries (UAX #29, those of `unicode-segmentation`, drawn faster by `text::segment`).
//!
//! Tokenizing the *matching* form rather than the original means that harakat, tatweel and
//! invisible controls can never split a word; each token still knows its original span
//! through [`Normalized::original_range`].

use super::normalize::Normalized;
use super::segment;
use std::ops::Range;

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
#[inline(never)] // A wasm function of its own: see `Annotator::recognize`.
pub fn tokenize(n: &Normalized) -> Vec<Token> {
    let text = n.as_str();
    let mut out = Vec::with_capacity(text.len() / 5);
    for (start, end, class) in segment::segments(text) {
        // White space is not a token; a letter makes a word, else a digit a number.
        let kind = match class {
            c if c & segment::VISIBLE == 0 => continue,
            c if c & segment::ALPHA != 0 => TokenKind::Word,
            c if c & segment::NUMERIC != 0 => TokenKind::Number,
            _ => TokenKind::Punct,
        };
        // The English possessive is its own token, so that "Russia's" holds the name "Russia"
        // (the last byte first: most words do not end in s).
        if kind == TokenKind::Word && text.as_bytes().get(end.wrapping_sub(1)) == Some(&b's') {
            let seg = text.get(start..end).unwrap_or_default();
            let stem_len = ["'s", "\u{2019}s"].iter().find_map(|p| seg.strip_suffix(p)).map(str::len);
            if let Some(len) = stem_len.filter(|&l| l > 0) {
                for (r, k) in [(start..start + len, TokenKind::Word), (start + len..end, TokenKind::Punct)] {
                    out.push(Token { span: n.original_range(r.clone()), norm: r, kind: k });
                }
                continue;
            }
        }
        out.push(Token { span: n.original_range(start..end), norm: start..end, kind });
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
