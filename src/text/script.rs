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
    let (mut arabic, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(4000) {
        letters += 1;
        if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c) {
            arabic += 1;
        }
    }
    if letters > 0 && arabic * 3 >= letters {
        Lang::Ar
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects() {
        assert_eq!(detect_lang("وصل إلى موسكو via Reuters"), Lang::Ar);
        assert_eq!(detect_lang("He flew to Moscow."), Lang::En);
        assert_eq!(detect_lang("123 !"), Lang::En);
    }
}
