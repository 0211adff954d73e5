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
    /// True if the form is `s` (compared where it lies, with no string built).
    pub fn is(&self, s: &str) -> bool {
        match self {
            StemForm::Slice(x) => *x == s,
            StemForm::WithArticle(x) => s.strip_prefix("ال") == Some(*x),
        }
    }

    /// True if the form has the article: its stem starts with ال, or the article was
    /// restored after لل.
    pub fn has_article(&self) -> bool {
        match self {
            StemForm::Slice(x) => x.starts_with("ال"),
            StemForm::WithArticle(_) => true,
        }
    }

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
    let splits = if is_arabic_word(token) { proclitic_splits(token) } else { Splits::default() };
    whole.chain(splits)
}

/// The most proclitic readings one token can have: one conjunction or none, times one
/// preposition or none, times the article or none (two forms after ل) is at most 11 besides
/// the whole token.
const MAX_SPLITS: usize = 12;

/// The proclitic readings of one token, held inline as (prefix length, article restored)
/// pairs: every word of every text is split (by the lexicon matcher and by the tagger's
/// features), and a heap allocation per word cost more than the splitting itself.
#[derive(Default)]
struct Splits<'a> {
    token: &'a str,
    /// Bytes of prefix (at most 8: وبال, فلل) and whether ال is restored before the stem.
    items: [(u8, bool); MAX_SPLITS],
    len: u8,
    next: u8,
}

impl Splits<'_> {
    /// Adds the reading that skips `skip` bytes (the stem is the rest of the token, made
    /// only of Arabic letters: two bytes each in UTF-8, so its length is twice its letters).
    fn push(&mut self, skip: usize, article: bool) {
        let len = self.len as usize;
        if self.token.len() - skip < 2 * MIN_STEM_CHARS || len == MAX_SPLITS {
            return;
        }
        let item = (skip as u8, article);
        if self.items[..len].contains(&item) {
            return;
        }
        // Insertion keeps the readings in order of increasing prefix length, ties in the
        // order they were found (a stable sort, as a sort of 12 items).
        let at = self.items[..len].iter().position(|x| x.0 > item.0).unwrap_or(len);
        self.items[at..=len].rotate_right(1);
        self.items[at] = item;
        self.len += 1;
    }
}

impl<'a> Iterator for Splits<'a> {
    type Item = Reading<'a>;

    fn next(&mut self) -> Option<Reading<'a>> {
        if self.next == self.len {
            return None;
        }
        let (skip, article) = self.items[self.next as usize];
        self.next += 1;
        let stem = &self.token[skip as usize..];
        let form = if article { StemForm::WithArticle(stem) } else { StemForm::Slice(stem) };
        Some(Reading { skip: skip as usize, form })
    }
}

fn proclitic_splits(token: &str) -> Splits<'_> {
    let mut out = Splits { token, ..Splits::default() };
    // Every reading below cuts a conjunction (و ف), a preposition or particle (ب ل ك س) or
    // the article (ال) off the front: a word that begins with another letter (most words)
    // has none, and is spared the checks.
    if !token.starts_with(['و', 'ف', 'ب', 'ل', 'ك', 'س', 'ا']) {
        return out;
    }
    // The prefixes are letters and every stem is the rest of the token, so a token with
    // anything but Arabic letters in it (digits, a Latin letter, a hyphen) has no stem made
    // only of letters: it has no proclitic reading.
    if !token.chars().all(is_arabic_letter) {
        return out;
    }
    // Conjunction, then preposition/future particle, then article: walk the fixed order.
    const CONJ: [Option<[u8; 2]>; 3] = [None, Some(utf8('و')), Some(utf8('ف'))];
    const PREP: [Option<[u8; 2]>; 5] = [None, Some(utf8('ب')), Some(LAM), Some(utf8('ك')), Some(SEEN)];
    const LAM: [u8; 2] = utf8('ل');
    const SEEN: [u8; 2] = utf8('س');
    const ALEF: [u8; 2] = utf8('ا');
    let bytes = token.as_bytes();
    for conj in CONJ {
        let Some(after_conj) = strip(bytes, conj) else {
            continue;
        };
        for prep in PREP {
            let Some(after_prep) = strip(after_conj, prep) else {
                continue;
            };
            let skip_before_article = token.len() - after_prep.len();
            if skip_before_article > 0 {
                out.push(skip_before_article, false);
            }
            // The article: ال, except that after ل it is written لل (one ل already eaten).
            if prep == Some(LAM) {
                if let Some(stem) = strip(after_prep, Some(LAM)) {
                    let skip = token.len() - stem.len();
                    out.push(skip, true);
                    out.push(skip, false);
                }
            } else if prep != Some(SEEN) {
                if let Some(stem) = strip(after_prep, Some(ALEF)).and_then(|x| strip(x, Some(LAM))) {
                    out.push(token.len() - stem.len(), false);
                }
            }
        }
    }
    out
}

/// An Arabic letter's two bytes in UTF-8 (the letters are U+0620..U+06FF, all below U+0800).
const fn utf8(c: char) -> [u8; 2] {
    let c = c as u32;
    [(0xC0 | (c >> 6)) as u8, (0x80 | (c & 0x3F)) as u8]
}

/// `bytes` after the letter `letter` (none: all of it), if they begin with it. Compared as two
/// bytes and not with `str::strip_prefix`: a string pattern calls `memcmp`, which took 5% of
/// a cold Arabic pass in the fifteen comparisons of each word beginning with a prefix letter.
fn strip(bytes: &[u8], letter: Option<[u8; 2]>) -> Option<&[u8]> {
    match letter {
        None => Some(bytes),
        Some(l) => match bytes {
            [a, b, rest @ ..] if [*a, *b] == l => Some(rest),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_compared_where_they_lie() {
        let (slice, restored) = (StemForm::Slice("الوحده"), StemForm::WithArticle("وحده"));
        assert!(slice.is("الوحده") && restored.is("الوحده"));
        assert!(!slice.is("وحده") && !restored.is("وحده") && !restored.is("لوحده"));
        assert!(slice.has_article() && restored.has_article() && !StemForm::Slice("بيلد").has_article());
    }

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
