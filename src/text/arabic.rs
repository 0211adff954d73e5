//! Arabic word structure that matters for finding names: proclitics.
//!
//! Arabic writes short function words as prefixes of the next word: و (and), ف (so),
//! ب (in, by), ل (for), ك (like), س (future), and the article ال. A name therefore
//! often appears as وحفتر, لبنغازي, بموسكو or والقاهرة. The matcher looks up every
//! token both whole and with each possible prefix removed, and reports the span on the
//! name only.
//!
//! The prefixes combine in a fixed order: conjunction (و ف), then preposition or future
//! particle (ب ل ك س), then the article (ال). One spelling rule matters: ل + ال is written
//! لل (the alef drops), so للقوات is ل + القوات. For such tokens we offer the stem both
//! with the article restored (القوات, which is how a lexicon lists the name) and bare.
//!
//! All strings here are in matching form (see [`crate::text::Normalized`]): أ إ آ are
//! already ا, so the prefixes need only the plain letters.

/// One way to read a token: skip `skip` bytes of prefix, then look up `form`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading<'a> {
    /// Bytes of the token (in matching form) that are a proclitic and stay outside the span.
    pub skip: usize,
    /// The stem to look up: a slice of the token, or the stem with ال restored after لل.
    pub form: StemForm<'a>,
}

/// The looked-up form of a [`Reading`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StemForm<'a> {
    /// The rest of the token after the prefix.
    Slice(&'a str),
    /// ال followed by the rest of the token (for لل / ولل / فلل).
    WithArticle(&'a str),
}

impl StemForm<'_> {
    /// Writes the form into `out` (cleared first).
    pub fn write_to(&self, out: &mut String) {
        out.clear();
        match self {
            StemForm::Slice(s) => out.push_str(s),
            StemForm::WithArticle(s) => {
                out.push_str("ال");
                out.push_str(s);
            }
        }
    }
}

/// Letters a stem must keep after a prefix is removed. Two letters admit real names (قم,
/// صور with و: وصور) while refusing to read a lone letter as a name.
const MIN_STEM_CHARS: usize = 2;

/// True if `c` is an Arabic letter (the letters block, not digits or punctuation).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

/// True if the token is written in Arabic letters.
pub fn is_arabic_word(token: &str) -> bool {
    token.chars().next().is_some_and(is_arabic_letter)
}

/// Every reading of an Arabic token: the whole token first, then each proclitic split, in
/// order of increasing prefix length. Non-Arabic tokens have only the whole reading.
///
/// ```
/// use noor::text::arabic::{readings, StemForm};
/// let r: Vec<_> = readings("للقوات").collect();
/// assert!(r.iter().any(|x| x.skip == "لل".len() && x.form == StemForm::WithArticle("قوات")));
/// let r: Vec<_> = readings("بموسكو").collect();
/// assert!(r.iter().any(|x| x.form == StemForm::Slice("موسكو")));
/// ```
pub fn readings(token: &str) -> impl Iterator<Item = Reading<'_>> {
    let whole = std::iter::once(Reading { skip: 0, form: StemForm::Slice(token) });
    let splits = if is_arabic_word(token) { proclitic_splits(token) } else { Vec::new() };
    whole.chain(splits)
}

fn proclitic_splits(token: &str) -> Vec<Reading<'_>> {
    let mut out = Vec::new();
    // Conjunction, then preposition/future particle, then article: walk the fixed order.
    for conj in ["", "و", "ف"] {
        let Some(after_conj) = token.strip_prefix(conj) else {
            continue;
        };
        for prep in ["", "ب", "ل", "ك", "س"] {
            let Some(after_prep) = after_conj.strip_prefix(prep) else {
                continue;
            };
            let skip_before_article = token.len() - after_prep.len();
            if skip_before_article > 0 {
                push(&mut out, skip_before_article, StemForm::Slice(after_prep));
            }
            // The article: ال, except that after ل it is written لل (one ل already eaten).
            if prep == "ل" {
                if let Some(stem) = after_prep.strip_prefix('ل') {
                    let skip = token.len() - stem.len();
                    push(&mut out, skip, StemForm::WithArticle(stem));
                    push(&mut out, skip, StemForm::Slice(stem));
                }
            } else if prep != "س" {
                if let Some(stem) = after_prep.strip_prefix("ال") {
                    push(&mut out, token.len() - stem.len(), StemForm::Slice(stem));
                }
            }
        }
    }
    out.sort_by_key(|r| r.skip);
    out.dedup();
    out
}

fn push<'a>(out: &mut Vec<Reading<'a>>, skip: usize, form: StemForm<'a>) {
    let stem = match &form {
        StemForm::Slice(s) | StemForm::WithArticle(s) => s,
    };
    if stem.chars().count() >= MIN_STEM_CHARS && stem.chars().all(is_arabic_letter) {
        out.push(Reading { skip, form });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(t: &str) -> Vec<(String, String)> {
        readings(t)
            .map(|r| {
                let mut s = String::new();
                r.form.write_to(&mut s);
                (t[..r.skip].to_string(), s)
            })
            .collect()
    }

    fn has(t: &str, prefix: &str, stem: &str) -> bool {
        forms(t).contains(&(prefix.to_string(), stem.to_string()))
    }

    #[test]
    fn every_proclitic() {
        assert!(has("وحفتر", "و", "حفتر"));
        assert!(has("فحفتر", "ف", "حفتر"));
        assert!(has("بموسكو", "ب", "موسكو"));
        assert!(has("لبنغازي", "ل", "بنغازي"));
        assert!(has("كموسكو", "ك", "موسكو"));
        assert!(has("للقوات", "لل", "القوات"));
        assert!(has("للقوات", "لل", "قوات"));
        assert!(has("والقاهره", "و", "القاهره"));
        assert!(has("والقاهره", "وال", "قاهره"));
        assert!(has("بالقاهره", "ب", "القاهره"));
        assert!(has("فبالقاهره", "فب", "القاهره"));
        assert!(has("وبالقاهره", "وبال", "قاهره"));
        assert!(has("فللقوات", "فلل", "القوات"));
        assert!(has("القاهره", "ال", "قاهره"));
    }

    #[test]
    fn whole_token_first_and_short_stems_refused() {
        assert_eq!(forms("وهران")[0], (String::new(), "وهران".to_string()));
        assert!(!has("وه", "و", "ه"));
        assert_eq!(forms("Paris").len(), 1);
    }
}
