//! The matching form of a text, and the exact way back to the original.
//!
//! Names are looked up in a *folded* form of the text, so that "موسكو" written with a
//! hamza, a shadda, a tatweel or Persian letters still matches, and "Zürich" matches
//! "zurich". The page, however, must never see that form: every span we report points into
//! the original string. [`Normalized`] therefore keeps, for every byte of the folded text,
//! the byte range of the original character it came from.
//!
//! What folding does (and why):
//! - Arabic: harakat U+064B–U+065F and the dagger alef U+0670 are dropped (news writes them
//!   rarely and inconsistently); tatweel U+0640 is dropped (it only stretches a letter);
//!   أ إ آ ٱ → ا, ى → ي, ة → ه (the three spelling variations news text mixes freely);
//!   Persian ی ک → ي ك; Arabic-Indic and Extended Arabic-Indic digits → ASCII digits.
//! - Latin: lower case, diacritics removed (é → e, ß → ss, ø → o).
//! - Invisible controls (ZWJ, ZWNJ, bidi marks and isolates, soft hyphen, BOM) are dropped.
//! - Every other character is kept as it is.
//!
//! A dropped mark belongs to the letter before it: the original range of that letter grows
//! to cover it, so a span never cuts a haraka off its base letter. Dropped controls belong
//! to nothing: a span that ends before a trailing RLM does not include it.

use std::ops::Range;

/// A text in matching form plus a byte-exact map back to the original.
#[derive(Debug, Clone)]
#[cfg_attr(test, derive(PartialEq))]
pub struct Normalized {
    text: String,
    /// For each byte of `text`: byte offset in the original where the producing character starts.
    orig_start: Vec<u32>,
    /// For each byte of `text`: byte offset in the original where the producing character
    /// (with the marks attached to it) ends.
    orig_end: Vec<u32>,
}

/// What one original character contributes to the matching form.
enum Fold {
    /// Kept or replaced by these characters.
    Emit(FoldStr),
    /// A mark that belongs to the preceding letter (harakat, tatweel, combining accents).
    Attach,
    /// An invisible control that belongs to nothing.
    Drop,
}

/// A short replacement string without allocation (at most 3 chars: case folding of a few
/// Latin letters yields more than one).
struct FoldStr {
    buf: [char; 3],
    len: u8,
}

impl FoldStr {
    fn one(c: char) -> Self {
        FoldStr { buf: [c, '\0', '\0'], len: 1 }
    }
    fn two(a: char, b: char) -> Self {
        FoldStr { buf: [a, b, '\0'], len: 2 }
    }
    fn chars(&self) -> &[char] {
        &self.buf[..self.len as usize]
    }
}

impl Normalized {
    /// Folds `original` into its matching form.
    ///
    /// ```
    /// use noor::text::Normalized;
    /// let n = Normalized::new("بِمُوسْكُو");
    /// assert_eq!(n.as_str(), "بموسكو");
    /// // "موسكو" in the folded text maps back to the original letters with their marks.
    /// let folded = n.as_str().find("موسكو").unwrap();
    /// let orig = n.original_range(folded..n.as_str().len());
    /// assert_eq!(&"بِمُوسْكُو"[orig], "مُوسْكُو");
    /// ```
    #[inline(never)] // A wasm function of its own: see `Annotator::recognize`.
    pub fn new(original: &str) -> Self {
        let bytes = original.as_bytes();
        let two_byte = two_byte_folds();
        let mut text = String::with_capacity(original.len());
        let mut orig_start: Vec<u32> = Vec::with_capacity(original.len() + 1);
        let mut orig_end: Vec<u32> = Vec::with_capacity(original.len() + 1);
        // Output byte range of the last emitted character, so that marks can extend it.
        let mut last: Option<Range<usize>> = None;
        let mut i = 0;
        while i < bytes.len() {
            // Nearly every character of news text folds to one character of its own length:
            // ASCII (to its lower case), Arabic letters (to themselves or a variant), most of
            // the other two-byte letters and punctuation. A run of them maps byte for byte, so
            // its offsets are written in bulk and its text copied in pieces between the
            // characters that change; several times cheaper than a `fold_char` per character,
            // for the same bytes and offsets (none of these characters is a mark or a control).
            let run = fold_run(original, i, two_byte, &mut text);
            if let Some(run_bytes) = bytes.get(i..run.end).filter(|r| !r.is_empty()) {
                let at = i as u32;
                if run.ascii {
                    orig_start.extend(at..run.end as u32);
                    orig_end.extend(at + 1..run.end as u32 + 1);
                } else {
                    // Characters of one and two bytes only: a byte maps to the character that
                    // starts at it, or one byte before if it is the second byte (10xxxxxx) of
                    // two; a lead byte (11xxxxxx) starts a character of two bytes.
                    let bytes_at = run_bytes.iter().enumerate().map(|(k, &b)| (at + k as u32, b));
                    orig_start.extend(bytes_at.clone().map(|(k, b)| k - u32::from(b & 0xC0 == 0x80)));
                    orig_end.extend(bytes_at.map(|(k, b)| k + 1 + u32::from(b >= 0xC0)));
                }
                let last_len = if run_bytes.last().is_some_and(u8::is_ascii) { 1 } else { 2 };
                last = Some(orig_start.len() - last_len..orig_start.len());
                i = run.end;
                continue;
            }
            let Some(c) = original.get(i..).and_then(|rest| rest.chars().next()) else { break };
            let end = (i + c.len_utf8()) as u32;
            match fold_char(c) {
                Fold::Emit(s) => {
                    let from = text.len();
                    for &o in s.chars() {
                        text.push(o);
                    }
                    let n = text.len() - from;
                    orig_start.extend(std::iter::repeat_n(i as u32, n));
                    orig_end.extend(std::iter::repeat_n(end, n));
                    last = Some(from..text.len());
                }
                Fold::Attach => {
                    if let Some(r) = &last {
                        for e in &mut orig_end[r.clone()] {
                            *e = end;
                        }
                    }
                }
                Fold::Drop => {
                    // A control ends the attachment: a mark after it has no base letter.
                    last = None;
                }
            }
            i = end as usize;
        }
        Normalized { text, orig_start, orig_end }
    }

    /// The matching form of `original` alone, without the way back: what
    /// `Normalized::new(original).as_str()` is, for callers that need only the folded text
    /// (lexicon keys, watched names), without the cost of the map.
    ///
    /// ```
    /// use noor::text::Normalized;
    /// assert_eq!(Normalized::fold("الأُمَم Zürich"), "الامم zurich");
    /// ```
    pub fn fold(original: &str) -> String {
        let two_byte = two_byte_folds();
        let mut text = String::with_capacity(original.len());
        let mut i = 0;
        while i < original.len() {
            // The same runs as in `new`.
            let run = fold_run(original, i, two_byte, &mut text);
            if run.end > i {
                i = run.end;
                continue;
            }
            let Some(c) = original.get(i..).and_then(|rest| rest.chars().next()) else { break };
            if let Fold::Emit(s) = fold_char(c) {
                text.extend(s.chars());
            }
            i += c.len_utf8();
        }
        text
    }

    /// The matching form.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a non-empty byte range of the matching form to the byte range of the original
    /// text that produced it (including marks attached to its last letter).
    ///
    /// # Panics
    /// Never for ranges produced by this crate; an empty or out-of-bounds range yields an
    /// empty range at the nearest valid position instead of panicking.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        if self.text.is_empty() {
            return 0..0;
        }
        let last = self.text.len() - 1;
        let a = r.start.min(last);
        if r.end <= r.start {
            let p = self.orig_start[a] as usize;
            return p..p;
        }
        let b = (r.end - 1).min(last);
        self.orig_start[a] as usize..self.orig_end[b] as usize
    }

    /// Original byte offset where the character producing folded byte `i` starts.
    pub fn original_start(&self, i: usize) -> usize {
        self.orig_start.get(i).map_or_else(|| self.orig_end.last().copied().unwrap_or(0) as usize, |&v| v as usize)
    }
}

/// A run of characters that each fold to one character of the same length: see [`fold_run`].
struct FoldRun {
    /// Byte offset where the run ends.
    end: usize,
    /// Whether the run is all ASCII (then every byte is its own character).
    ascii: bool,
}

/// Appends to `text` the folds of the run of characters from `i` that fold to one
/// character of their own length: ASCII, and two-byte characters whose entry in
/// [`two_byte_folds`] is not [`TWO_BYTE_OTHER`].
fn fold_run(original: &str, i: usize, two_byte: &TwoByteFolds, text: &mut String) -> FoldRun {
    let bytes = original.as_bytes();
    let mut run = FoldRun { end: i, ascii: true };
    // `original[copied..run.end]` is yet to be copied to `text` as it is (up to ASCII case).
    let mut copied = i;
    while let Some(&b) = bytes.get(run.end) {
        if b.is_ascii() {
            // Long runs of ASCII (English) eight bytes at a time.
            while let Some(&w) = bytes.get(run.end..run.end + 8).and_then(|w| <&[u8; 8]>::try_from(w).ok()) {
                if u64::from_le_bytes(w) & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                run.end += 8;
            }
            while bytes.get(run.end).is_some_and(u8::is_ascii) {
                run.end += 1;
            }
            continue;
        }
        // U+0080..=U+07FF in two bytes: 110xxxxx 10xxxxxx.
        let Some(&cont) = bytes.get(run.end + 1).filter(|_| (0xC2..=0xDF).contains(&b)) else { break };
        match two_byte[(usize::from(b & 0x1F) << 6) | usize::from(cont & 0x3F)] {
            TWO_BYTE_SAME => {}
            TWO_BYTE_OTHER => break,
            to => {
                let Some(o) = char::from_u32(u32::from(to)) else { break };
                push_lowercase(text, original.get(copied..run.end).unwrap_or_default());
                text.push(o);
                copied = run.end + 2;
            }
        }
        run.end += 2;
        run.ascii = false;
    }
    push_lowercase(text, original.get(copied..run.end).unwrap_or_default());
    run
}

/// Appends `s` to `text` with ASCII in lower case.
fn push_lowercase(text: &mut String, s: &str) {
    let from = text.len();
    text.push_str(s);
    if let Some(added) = text.get_mut(from..) {
        added.make_ascii_lowercase();
    }
}

/// For each code point below U+0800 (the two-byte ones are used): [`TWO_BYTE_SAME`] if
/// `fold_char` keeps the character as it is, the code point of the one character of two
/// bytes it folds to, or [`TWO_BYTE_OTHER`] for anything else (marks, controls, letters
/// that lose their accent: these take the general path).
type TwoByteFolds = [u16; 0x800];
const TWO_BYTE_SAME: u16 = 1;
const TWO_BYTE_OTHER: u16 = 0;

/// The table of [`TwoByteFolds`], filled once from `fold_char` itself, so that the policy
/// stays in one place and the fast path only saves the `match` for each character.
fn two_byte_folds() -> &'static TwoByteFolds {
    static TABLE: std::sync::OnceLock<TwoByteFolds> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|u| {
            let Some(c) = char::from_u32(u as u32).filter(|c| c.len_utf8() == 2) else { return TWO_BYTE_OTHER };
            match fold_char(c) {
                Fold::Emit(s) if s.chars() == [c] => TWO_BYTE_SAME,
                Fold::Emit(s) => match s.chars() {
                    &[o] if o.len_utf8() == 2 => o as u16,
                    _ => TWO_BYTE_OTHER,
                },
                Fold::Attach | Fold::Drop => TWO_BYTE_OTHER,
            }
        })
    })
}

/// Folds one character. Kept in one `match` so that the whole policy reads in one place.
fn fold_char(c: char) -> Fold {
    use Fold::*;
    match c {
        // Arabic harakat, superscript alef, tatweel: marks of the preceding letter.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => Attach,
        // Quranic annotation marks and combining diacritics of Latin and other scripts.
        '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}' => Attach,
        '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' => Attach,
        // Invisible controls: ZWNJ, ZWJ, LRM, RLM, ALM, bidi embeddings and isolates, soft hyphen, BOM, word joiner.
        '\u{200C}'
        | '\u{200D}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'
        | '\u{2066}'..='\u{2069}'
        | '\u{00AD}'
        | '\u{FEFF}' => Drop,
        // Arabic letter variants.
        'أ' | 'إ' | 'آ' | 'ٱ' => Emit(FoldStr::one('ا')),
        'ى' => Emit(FoldStr::one('ي')),
        'ة' => Emit(FoldStr::one('ه')),
        'ی' | 'ي' | 'ۍ' | 'ې' => Emit(FoldStr::one('ي')),
        'ک' => Emit(FoldStr::one('ك')),
        // Arabic-Indic and Extended Arabic-Indic digits.
        '\u{0660}'..='\u{0669}' => Emit(FoldStr::one(char::from(b'0' + (c as u32 - 0x0660) as u8))),
        '\u{06F0}'..='\u{06F9}' => Emit(FoldStr::one(char::from(b'0' + (c as u32 - 0x06F0) as u8))),
        c if c.is_ascii() => Emit(FoldStr::one(c.to_ascii_lowercase())),
        // The rest of the Arabic block has no case and no variants to fold: skip the Latin
        // tables and the Unicode case lookup, which are slow for non-ASCII letters.
        '\u{0600}'..='\u{06FF}' => Emit(FoldStr::one(c)),
        c => match latin_base(c) {
            Some(s) => Emit(s),
            None => {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(a), None) => match latin_base(a) {
                        Some(s) => Emit(s),
                        None => Emit(FoldStr::one(a)),
                    },
                    // Multi-char lower case (İ → i + U+0307): keep the letters, drop the marks.
                    (Some(a), Some(b)) if is_combining(b) => Emit(FoldStr::one(a)),
                    (Some(a), Some(b)) => Emit(FoldStr::two(a, b)),
                    (None, _) => Emit(FoldStr::one(c)),
                }
            }
        },
    }
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Base letters of the precomposed Latin letters of Latin-1 Supplement and Latin Extended-A
/// and the common ones of Extended-B, already lower-cased.
///
/// Why a table and not `unicode-normalization`: its decomposition tables cover every script
/// and would add tens of kilobytes to the wasm, while news names need only these ~250
/// letters; everything outside stays as it is (and still matches itself).
fn latin_base(c: char) -> Option<FoldStr> {
    const LATIN1: &str =
        // U+00C0..=U+00FF, one base letter per code point ('\0' = not a letter to fold)
        "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";
    const EXT_A: &str = concat!(
        // U+0100..=U+017F, grouped by base letter
        "aaaaaa",
        "cccccccc",
        "dddd",
        "eeeeeeeeee",
        "gggggggg",
        "hhhh",
        "iiiiiiiiii",
        "\0\0",
        "jj",
        "kkk",
        "llllllllll",
        "nnnnnnn",
        "\0\0",
        "oooooo",
        "\0\0",
        "rrrrrr",
        "ssssssss",
        "tttttt",
        "uuuuuuuuuuuu",
        "ww",
        "yyy",
        "zzzzzz",
        "s"
    );
    const _: () = assert!(LATIN1.len() == 64 && EXT_A.len() == 128);
    let u = c as u32;
    let pick = |table: &str, base: u32| -> Option<FoldStr> {
        let b = *table.as_bytes().get((u - base) as usize)?;
        (b != 0).then(|| FoldStr::one(b as char))
    };
    match c {
        'æ' | 'Æ' => Some(FoldStr::two('a', 'e')),
        'œ' | 'Œ' => Some(FoldStr::two('o', 'e')),
        'ß' => Some(FoldStr::two('s', 's')),
        'ø' | 'Ø' => Some(FoldStr::one('o')),
        'ð' | 'Ð' | 'đ' | 'Đ' => Some(FoldStr::one('d')),
        'þ' | 'Þ' => Some(FoldStr::two('t', 'h')),
        'ł' | 'Ł' => Some(FoldStr::one('l')),
        'ı' => Some(FoldStr::one('i')),
        'Ĳ' | 'ĳ' => Some(FoldStr::two('i', 'j')),
        'ș' | 'Ș' | 'ş' | 'Ş' => Some(FoldStr::one('s')),
        'ț' | 'Ț' | 'ţ' | 'Ţ' => Some(FoldStr::one('t')),
        'ǎ' | 'Ǎ' => Some(FoldStr::one('a')),
        'ǐ' | 'Ǐ' => Some(FoldStr::one('i')),
        'ǒ' | 'Ǒ' | 'ơ' | 'Ơ' => Some(FoldStr::one('o')),
        'ǔ' | 'Ǔ' | 'ư' | 'Ư' => Some(FoldStr::one('u')),
        '\u{00C0}'..='\u{00FF}' => pick(LATIN1, 0xC0),
        '\u{0100}'..='\u{017F}' => pick(EXT_A, 0x100),
        _ => None,
    }
}

/// The fold one character at a time, as [`Normalized::new`] did before its fast paths:
/// kept as the oracle that the equivalence tests (`super::equivalence`) compare it with.
#[cfg(test)]
pub(super) fn new_per_char(original: &str) -> Normalized {
    let mut text = String::with_capacity(original.len());
    let mut orig_start = Vec::with_capacity(original.len() + 1);
    let mut orig_end = Vec::with_capacity(original.len() + 1);
    let mut last: Option<Range<usize>> = None;
    for (i, c) in original.char_indices() {
        let end = (i + c.len_utf8()) as u32;
        match fold_char(c) {
            Fold::Emit(s) => {
                let from = text.len();
                for &o in s.chars() {
                    text.push(o);
                }
                let n = text.len() - from;
                orig_start.extend(std::iter::repeat_n(i as u32, n));
                orig_end.extend(std::iter::repeat_n(end, n));
                last = Some(from..text.len());
            }
            Fold::Attach => {
                if let Some(r) = &last {
                    for e in &mut orig_end[r.clone()] {
                        *e = end;
                    }
                }
            }
            Fold::Drop => last = None,
        }
    }
    Normalized { text, orig_start, orig_end }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        Normalized::new(s).as_str().to_string()
    }

    #[test]
    fn arabic_letters_and_marks() {
        assert_eq!(fold("أَحْمَد"), "احمد");
        assert_eq!(fold("إسرائيل"), "اسرائيل");
        assert_eq!(fold("آسيا"), "اسيا");
        assert_eq!(fold("مصطفى"), "مصطفي");
        assert_eq!(fold("درنة"), "درنه");
        assert_eq!(fold("حفـــتر"), "حفتر");
        assert_eq!(fold("ایران کرمان"), "ايران كرمان");
        assert_eq!(fold("عام ٢٠١٩ و۱۴۰۲"), "عام 2019 و1402");
        assert_eq!(fold("الرَّحْمٰن"), "الرحمن");
    }

    #[test]
    fn latin_case_and_diacritics() {
        assert_eq!(fold("Zürich São Paulo ŁÓDŹ"), "zurich sao paulo lodz");
        assert_eq!(fold("Straße Æsir Øresund"), "strasse aesir oresund");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Ceaușescu"), "ceausescu");
        // Already decomposed input: the combining accent is dropped.
        assert_eq!(fold("Cafe\u{301}"), "cafe");
    }

    #[test]
    fn controls_are_ignored() {
        assert_eq!(fold("می\u{200C}خواهم"), "ميخواهم");
        assert_eq!(fold("\u{202B}موسكو\u{202C}"), "موسكو");
        assert_eq!(fold("a\u{00AD}b\u{FEFF}"), "ab");
    }

    #[test]
    fn marks_belong_to_the_letter_before() {
        let s = "درنةَ\u{200F} x";
        let n = Normalized::new(s);
        let r = n.original_range(0..n.as_str().find(' ').unwrap());
        // The fatha after ة is inside the span; the RLM after it is not.
        assert_eq!(&s[r], "درنةَ");
    }

    #[test]
    fn expansions_map_to_the_whole_character() {
        let s = "Großstadt";
        let n = Normalized::new(s);
        assert_eq!(n.as_str(), "grossstadt");
        // The first folded "s" of "ss" maps to the whole ß.
        let r = n.original_range(3..4);
        assert_eq!(&s[r], "ß");
    }
}
