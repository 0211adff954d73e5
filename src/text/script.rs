//! Which language a text is in, as far as the pipeline needs to know: the script of its
//! letters. Arabic script means Arabic (Persian and Urdu pages are written in it too, and
//! the Arabic models are the best we have for them); Latin or anything else means English.

use serde::{Deserialize, Serialize};

/// A language the pipeline has resources for, or `Auto` to decide from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Decide per text from its letters.
    #[default]
    Auto,
    /// Arabic.
    Ar,
    /// English.
    En,
}

impl Lang {
    /// Parses `auto`, `ar` or `en`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "auto" => Some(Self::Auto),
            "ar" => Some(Self::Ar),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The code (`auto`, `ar`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Ar => "ar",
            Self::En => "en",
        }
    }
}

/// Decides the language of `text` from the first 4,000 letters: Arabic if at least a third
/// are Arabic-script letters, otherwise English. A third, not a half, because Arabic news
/// often quotes Latin names, URLs and numbers.
pub fn detect_lang(text: &str) -> Lang {
    const LETTERS: usize = 4000;
    let (mut arabic, mut letters) = (0usize, 0usize);
    // Byte by byte through ASCII (most of an English text), a character at a time elsewhere:
    // decoding every character of an English text was 2% of annotating it.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && letters < LETTERS {
        if bytes[i].is_ascii() {
            letters += bytes[i].is_ascii_alphabetic() as usize;
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else { break };
        i += c.len_utf8();
        if is_letter(c) {
            letters += 1;
            if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c) {
                arabic += 1;
                // A third of the most letters ever read: Arabic whatever follows.
                if arabic * 3 >= LETTERS {
                    return Lang::Ar;
                }
            }
        }
    }
    if letters > 0 && arabic * 3 >= letters {
        Lang::Ar
    } else {
        Lang::En
    }
}

/// `char::is_lowercase`, answered without the Unicode tables for ASCII and the Arabic block
/// (which has no case): the capitalization checks on lexicon matches and surnames run on
/// every Arabic name too.
#[inline]
pub(crate) fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        false
    } else {
        c.is_lowercase()
    }
}

/// `char::is_alphabetic`, answered without the Unicode tables for ASCII and the Arabic
/// block. Detection looks at every letter of an Arabic text, and the general lookup (a
/// binary search of Unicode's ranges) was a tenth of annotating Arabic with language
/// detection on.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        // The Alphabetic ranges of the Arabic block (letters, and the marks Unicode counts
        // as alphabetic); the test below checks them against the standard library's tables.
        matches!(c, '\u{0610}'..='\u{061A}'
            | '\u{0620}'..='\u{0657}'
            | '\u{0659}'..='\u{065F}'
            | '\u{066E}'..='\u{06D3}'
            | '\u{06D5}'..='\u{06DC}'
            | '\u{06E1}'..='\u{06E8}'
            | '\u{06ED}'..='\u{06EF}'
            | '\u{06FA}'..='\u{06FC}'
            | '\u{06FF}')
    } else {
        c.is_alphabetic()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_as_the_unicode_tables_say() {
        for c in ('\0'..='\u{07FF}').chain(['\u{FB50}', '\u{FEFC}', '\u{1F600}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{:04X}", c as u32);
            assert_eq!(is_lower(c), c.is_lowercase(), "{:04X}", c as u32);
        }
    }

    #[test]
    fn detects() {
        assert_eq!(detect_lang("وصل إلى موسكو via Reuters"), Lang::Ar);
        assert_eq!(detect_lang("He flew to Moscow."), Lang::En);
        assert_eq!(detect_lang("123 !"), Lang::En);
    }

    /// The byte-wise scan decides as a scan of the letters (the first 4,000) does, on texts
    /// whose Arabic share crosses a third before, at and after the 4,000th letter.
    #[test]
    fn detection_reads_the_first_4000_letters() {
        let is_arabic = |c: &char| ('\u{0600}'..='\u{06FF}').contains(c) || ('\u{0750}'..='\u{077F}').contains(c);
        let by_letters = |text: &str| {
            let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).take(4000).collect();
            let arabic = letters.iter().filter(|c| is_arabic(c)).count();
            if !letters.is_empty() && arabic * 3 >= letters.len() {
                Lang::Ar
            } else {
                Lang::En
            }
        };
        for latin in [0, 1, 1000, 2660, 2667, 2668, 3999, 4000, 4001, 6000] {
            for arabic in [0, 1, 1333, 1334, 2000, 4000] {
                for order in 0..3 {
                    let (l, a) = ("é a-1 ".repeat(latin / 2), "بـ، ".repeat(arabic));
                    let text = match order {
                        0 => format!("{l}{a}"),
                        1 => format!("{a}{l}"),
                        _ => format!("😀{l}\u{0301}{a}日本"),
                    };
                    assert_eq!(detect_lang(&text), by_letters(&text), "{latin} {arabic} {order}");
                }
            }
        }
    }
}
