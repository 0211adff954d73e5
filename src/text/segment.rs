//! Word boundaries (UAX #29) of the matching form, exactly as `unicode-segmentation`'s
//! `split_word_bounds` draws them, with a hand-written fast path for the characters news
//! text is made of.
//!
//! Why not the crate alone: for every character it looks up the Word_Break category with a
//! binary search in a table of 1,100 ranges and runs its general state machine (all of
//! WB3–WB16); that was most of the cost of tokenizing. News in the matching form is almost
//! all ASCII, Arabic letters and a little punctuation, whose categories fit in small direct
//! tables, and whose words need only WB3, WB3d and WB5–WB13b.
//!
//! Why the result is the crate's, boundary for boundary: the crate's forward iterator keeps
//! no state between segments that changes its answer (its one cached category is the value
//! it would look up again), so the next segment is a function of the rest of the text alone.
//! At each boundary [`Segments`] therefore either computes that function itself
//! ([`fast_segment`], a transcription of the crate's state machine restricted to the
//! categories of the tables) or, as soon as any character it would have to look at is not
//! in the tables or has a category whose rules it does not implement (Extend, Format, ZWJ,
//! Hebrew_Letter, Katakana, Regional_Indicator: WB3c, WB4, WB7a–c, WB13, WB15–16), asks the
//! crate for the first segment of the rest. The tables are copied from the crate's
//! (`unicode-segmentation` 1.13); a test compares them with the crate for every character
//! they cover, and `super::equivalence` compares whole tokenizations with the crate's.

use unicode_segmentation::UnicodeSegmentation;

/// The Word_Break categories the fast path distinguishes. `Slow` stands for every category
/// and character it leaves to the crate.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cat {
    Other,
    // The three that join each other come together, so that [`is_word`] is one comparison.
    ALetter,
    Numeric,
    ExtendNumLet,
    MidLetter,
    MidNum,
    MidNumLet,
    SingleQuote,
    DoubleQuote,
    WSegSpace,
    Cr,
    Lf,
    Newline,
    Slow,
}

use Cat::*;

/// A direct table of `N` code points from `base`: `Other` except for the given ranges (the
/// crate's, for that block).
const fn table<const N: usize>(base: u32, ranges: &[(u32, u32, Cat)]) -> [Cat; N] {
    let mut t = [Other; N];
    let mut k = 0;
    while k < ranges.len() {
        let (lo, hi, cat) = ranges[k];
        let mut u = lo;
        while u <= hi {
            t[(u - base) as usize] = cat;
            u += 1;
        }
        k += 1;
    }
    t
}

/// U+0000..=U+007F.
static ASCII: [Cat; 128] = table(
    0,
    &[
        (0x0A, 0x0A, Lf),
        (0x0B, 0x0C, Newline),
        (0x0D, 0x0D, Cr),
        (0x20, 0x20, WSegSpace),
        (0x22, 0x22, DoubleQuote),
        (0x27, 0x27, SingleQuote),
        (0x2C, 0x2C, MidNum),
        (0x2E, 0x2E, MidNumLet),
        (0x30, 0x39, Numeric),
        (0x3A, 0x3A, MidLetter),
        (0x3B, 0x3B, MidNum),
        (0x41, 0x5A, ALetter),
        (0x5F, 0x5F, ExtendNumLet),
        (0x61, 0x7A, ALetter),
    ],
);

/// U+0080..=U+00FF (NBSP, guillemets, the degree sign, ×; letters are mostly folded away).
static LATIN1: [Cat; 128] = table(
    0x80,
    &[
        (0x85, 0x85, Newline),
        (0xAA, 0xAA, ALetter),
        (0xAD, 0xAD, Slow), // Format
        (0xB5, 0xB5, ALetter),
        (0xB7, 0xB7, MidLetter),
        (0xB8, 0xB8, ALetter),
        (0xBA, 0xBA, ALetter),
        (0xC0, 0xD6, ALetter),
        (0xD8, 0xF6, ALetter),
        (0xF8, 0xFF, ALetter),
    ],
);

/// U+0600..=U+06FF.
static ARABIC: [Cat; 256] = table(
    0x600,
    &[
        (0x600, 0x605, Numeric),
        (0x60C, 0x60D, MidNum),
        (0x610, 0x61A, Slow), // Extend
        (0x61C, 0x61C, Slow), // Format
        (0x620, 0x64A, ALetter),
        (0x64B, 0x65F, Slow), // Extend
        (0x660, 0x669, Numeric),
        (0x66B, 0x66B, Numeric),
        (0x66C, 0x66C, MidNum),
        (0x66E, 0x66F, ALetter),
        (0x670, 0x670, Slow), // Extend
        (0x671, 0x6D3, ALetter),
        (0x6D5, 0x6D5, ALetter),
        (0x6D6, 0x6DC, Slow), // Extend
        (0x6DD, 0x6DD, Numeric),
        (0x6DF, 0x6E4, Slow), // Extend
        (0x6E5, 0x6E6, ALetter),
        (0x6E7, 0x6E8, Slow), // Extend
        (0x6EA, 0x6ED, Slow), // Extend
        (0x6EE, 0x6EF, ALetter),
        (0x6F0, 0x6F9, Numeric),
        (0x6FA, 0x6FC, ALetter),
        (0x6FF, 0x6FF, ALetter),
    ],
);

/// U+2000..=U+207F (spaces, dashes, quotes, the ellipsis).
static PUNCT: [Cat; 128] = table(
    0x2000,
    &[
        (0x2000, 0x2006, WSegSpace),
        (0x2008, 0x200A, WSegSpace),
        (0x200C, 0x200F, Slow), // Extend, ZWJ, Format
        (0x2018, 0x2019, MidNumLet),
        (0x2024, 0x2024, MidNumLet),
        (0x2027, 0x2027, MidLetter),
        (0x2028, 0x2029, Newline),
        (0x202A, 0x202E, Slow), // Format
        (0x202F, 0x202F, ExtendNumLet),
        (0x203F, 0x2040, ExtendNumLet),
        (0x2044, 0x2044, MidNum),
        (0x2054, 0x2054, ExtendNumLet),
        (0x205F, 0x205F, WSegSpace),
        (0x2060, 0x2064, Slow), // Format
        (0x2066, 0x206F, Slow), // Format
        (0x2071, 0x2071, ALetter),
        (0x207F, 0x207F, ALetter),
    ],
);

/// What the tokenizer needs to know of a character besides its category: the bits
/// [`ALPHA`], [`NUMERIC`] and [`VISIBLE`] of [`class_of`].
pub(crate) type Class = u8;
/// A letter (`char::is_alphabetic`).
pub(crate) const ALPHA: Class = 1;
/// A digit or other number that is not a letter (`char::is_numeric`).
pub(crate) const NUMERIC: Class = 2;
/// Not white space (`char::is_whitespace`).
pub(crate) const VISIBLE: Class = 4;

/// The class of one character.
pub(crate) fn class_of(c: char) -> Class {
    // Arabic letters first: `char::is_alphabetic` is a slow table search outside ASCII.
    let kind = if c.is_ascii_alphabetic() || super::arabic::is_arabic_letter(c) || c.is_alphabetic() {
        ALPHA
    } else if c.is_numeric() {
        NUMERIC
    } else {
        0
    };
    kind | if c.is_whitespace() { 0 } else { VISIBLE }
}

/// A character of the tables: its category and class.
#[derive(Clone, Copy)]
struct Info {
    cat: Cat,
    class: Class,
}

/// The code points below U+0800 (one and two bytes in UTF-8) at their own index, then
/// U+2000..=U+207F from [`AT_PUNCT`]; what is not in the four blocks above is `Slow`. The
/// classes are filled in from [`class_of`] itself (on first use: `char::is_alphabetic` and
/// its kin are not `const`), so that they cannot differ.
type Tables = [Info; AT_PUNCT + 0x80];
const AT_PUNCT: usize = 0x800;

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        std::array::from_fn(|k| {
            let (cat, u) = match k {
                0x00..0x80 => (ASCII[k], k),
                0x80..0x100 => (LATIN1[k - 0x80], k),
                0x600..0x700 => (ARABIC[k - 0x600], k),
                AT_PUNCT.. => (PUNCT[k - AT_PUNCT], k - AT_PUNCT + 0x2000),
                _ => (Slow, k),
            };
            let class = char::from_u32(u as u32).map_or(0, class_of);
            Info { cat, class }
        })
    })
}

/// The category and class of the character starting at byte `i` of `b` (valid UTF-8, `i`
/// on a character boundary) and its length in bytes; `Slow` outside the tables.
#[inline]
fn info_at(t: &Tables, b: &[u8], i: usize) -> (Info, usize) {
    const SLOW: (Info, usize) = (Info { cat: Slow, class: 0 }, 0);
    let Some(&b0) = b.get(i) else { return SLOW };
    if b0 < 0x80 {
        return (t[usize::from(b0)], 1);
    }
    let b1 = b.get(i + 1).copied().unwrap_or(0);
    match b0 {
        // 110xxxxx 10xxxxxx: U+0080..=U+07FF.
        0xC2..=0xDF => (t[(usize::from(b0 & 0x1F) << 6) | usize::from(b1 & 0x3F)], 2),
        // 11100010 1000000x 10xxxxxx: U+2000..=U+207F.
        0xE2 if matches!(b1, 0x80 | 0x81) => {
            let b2 = b.get(i + 2).copied().unwrap_or(0);
            (t[AT_PUNCT + ((usize::from(b1 & 0x01) << 6) | usize::from(b2 & 0x3F))], 3)
        }
        _ => SLOW,
    }
}

/// The word-boundary segments of a text, as (start, end, class of all its characters):
/// the segments of `text.split_word_bounds()`, without its cost where the fast path applies.
pub(crate) struct Segments<'a> {
    text: &'a str,
    pos: usize,
    tables: &'static Tables,
}

/// The segments of `text`.
pub(crate) fn segments(text: &str) -> Segments<'_> {
    Segments { text, pos: 0, tables: tables() }
}

impl Iterator for Segments<'_> {
    type Item = (usize, usize, Class);

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.pos;
        let rest = self.text.get(start..).filter(|r| !r.is_empty())?;
        let (end, class) = match fast_segment(self.tables, self.text.as_bytes(), start) {
            Some(found) => found,
            None => {
                // The crate never yields an empty segment of a non-empty text; taking the
                // whole rest if it did keeps the iteration finite.
                let seg = rest.split_word_bounds().next().filter(|s| !s.is_empty()).unwrap_or(rest);
                (start + seg.len(), seg.chars().fold(0, |k, c| k | class_of(c)))
            }
        };
        self.pos = end;
        Some((start, end, class))
    }
}

/// The crate's `UWordBounds::next` on `b[i..]` (see its source for the rule numbers), with
/// the class of the segment's characters, for texts whose characters up to the boundary (and
/// the one after it that the rules look at) are in the tables; `None` where the crate must
/// decide.
fn fast_segment(t: &Tables, b: &[u8], i: usize) -> Option<(usize, Class)> {
    let (first, n) = info_at(t, b, i);
    let mut class = first.class;
    let mut j = i + n;
    match first.cat {
        Slow => return None,
        // WB3, WB3a: CR LF stays together; CR, LF and Newline stand alone otherwise.
        Cr => return Some((if b.get(j) == Some(&b'\n') { j + 1 } else { j }, class)),
        Lf | Newline => return Some((j, class)),
        ALetter | Numeric | ExtendNumLet | WSegSpace => {}
        // WB999, unless WB4 attaches an Extend, Format or ZWJ that follows: the crate's.
        Other | MidLetter | MidNum | MidNumLet | SingleQuote | DoubleQuote => {
            return (j == b.len() || info_at(t, b, j).0.cat != Slow).then_some((j, class));
        }
    }
    // The category of the last character taken: the crate's state (Letter, Numeric,
    // ExtendNumLet, WSegSpace).
    let mut prev = first.cat;
    loop {
        // The longest run of characters that join the one before.
        let (next, n) = if prev == WSegSpace {
            // WB3d.
            loop {
                let (next, n) = info_at(t, b, j);
                if next.cat != WSegSpace {
                    break (next, n);
                }
                class |= next.class;
                j += n;
            }
        } else {
            // WB5, WB8, WB9, WB10, WB13a, WB13b: letters, digits and connectors, with ASCII in
            // a loop of its own (most of English; the same loop for two-byte characters made
            // Arabic no faster and English slower).
            loop {
                while let Some(&c) = b.get(j).filter(|c| c.is_ascii()) {
                    let next = t[usize::from(c)];
                    if !is_word(next.cat) {
                        break;
                    }
                    class |= next.class;
                    prev = next.cat;
                    j += 1;
                }
                let (next, n) = info_at(t, b, j);
                if !is_word(next.cat) {
                    break (next, n);
                }
                class |= next.class;
                prev = next.cat;
                j += n;
            }
        };
        match (prev, next.cat) {
            // The text ends (`info_at` gives `Slow` past the end).
            (_, Slow) if j >= b.len() => return Some((j, class)),
            // WB4 (Extend, Format, ZWJ) and the rest: the crate's.
            (_, Slow) => return None,
            // WB6, WB7 (a letter, a separator and a letter stay together) and WB11, WB12 (the
            // same for digits); otherwise the segment ends before the separator.
            (ALetter, MidLetter | MidNumLet | SingleQuote) | (Numeric, MidNum | MidNumLet | SingleQuote) => {
                let (after, m) = info_at(t, b, j + n);
                if after.cat == Slow && j + n < b.len() {
                    return None;
                }
                if after.cat != prev {
                    return Some((j, class));
                }
                class |= next.class | after.class;
                j += n + m;
            }
            // WB999.
            _ => return Some((j, class)),
        }
    }
}

/// Letters, digits and connectors (`_`), which join each other (WB5–WB13b).
fn is_word(cat: Cat) -> bool {
    matches!(cat, ALetter | Numeric | ExtendNumLet)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The crate's segmentation and ours, as lists of segment ends.
    fn both(s: &str) -> (Vec<usize>, Vec<usize>) {
        let theirs: Vec<usize> = s.split_word_bound_indices().map(|(i, w)| i + w.len()).collect();
        let ours = segments(s).map(|(_, end, _)| end).collect();
        (theirs, ours)
    }

    #[track_caller]
    fn check(s: &str) {
        let (theirs, ours) = both(s);
        assert_eq!(ours, theirs, "word boundaries of {s:?}");
    }

    /// One character of each Word_Break category, and some of each kind of fast character.
    const PROBES: &[char] = &[
        'a', 'Z', '1', ':', ',', ';', '.', '\'', '"', '_', ' ', '\r', '\n', '\u{0B}', '\t', '!', '-', '\u{301}',
        '\u{200D}', '\u{200C}', '\u{200F}', '\u{AD}', 'א', 'ア', '🇦', '😀', '\u{2642}', 'ب', 'ـ', '\u{64E}', '٣', '،',
        '\u{66B}', '\u{66C}', '\u{600}', '\u{2019}', '\u{2024}', '\u{2027}', '\u{202F}', '\u{2003}', '\u{2028}',
        '\u{85}', '\u{B7}', '\u{A0}', 'é', 'ж', '中', '\u{FEFF}', '\u{3000}',
    ];

    /// Every character in the fast tables, doubled and next to every probe, and between the
    /// pairs that tell the separators apart (WB6, WB7, WB7a–c, WB11, WB12): a wrong category
    /// in a table changes some boundary here.
    #[test]
    fn tables_agree_with_the_crate() {
        let fast = (0u32..0x800).chain(0x2000..0x2080).filter_map(char::from_u32);
        let mut s = String::new();
        for c in fast.filter(|&c| info_at(tables(), c.encode_utf8(&mut [0; 4]).as_bytes(), 0).0.cat != Slow) {
            let mut run = |w: &[char]| {
                s.clear();
                s.extend(w);
                check(&s);
            };
            run(&[c]);
            run(&[c, c]);
            for &p in PROBES {
                run(&[c, p]);
                run(&[p, c]);
            }
            for (p, q) in
                [('a', 'a'), ('1', '1'), ('א', 'א'), ('a', '1'), ('1', 'a'), ('a', '.'), ('1', '.'), ('.', 'a')]
            {
                run(&[p, c, q]);
                run(&[p, q, c]);
                run(&[c, p, q]);
            }
        }
    }

    #[test]
    fn adversarial_strings() {
        for s in [
            "",
            "a",
            "don't e.g. U.S. 3.5 1,000,000 1.2.3 a1b2 _x_ x__y 3_000",
            "foo.bar foo. .foo foo:bar: a'b' 'a' a\"b",
            "\r\n\r\r\n\n \u{0B}\u{0C}  \t\t  x",
            "مُوسْكُو بِسْمِ اللّٰهِ حفـــتر ۱۴۰۲ ٢٠١٩ ٣٫٥ ١٬٠٠٠ و١ ا،ب ا.ب ا'ب",
            "a\u{301}b \u{301}x  \u{301} x\u{200D}\u{200D}y 👨\u{200D}👩\u{200D}👧 a\u{200D}😀 \u{200D}😀",
            "🇸🇦🇪🇬🇺 🏳\u{FE0F}\u{200D}🌈 ☝🏽 1\u{FE0F}\u{20E3}",
            "שָׁלוֹם צה\"ל ש'א カタカナ_ー ｶﾀｶﾅ",
            "x\u{202B}موسكو\u{202C}y \u{FEFF}a\u{2060}b \u{AD}soft\u{AD}",
            "’s Egypt’s ‘quoted’ “double” a\u{2019}b 1\u{2019}000 a\u{2024}b",
            "\u{2003}\u{2003} \u{3000}a\u{202F}b a\u{2028}b\u{2029}",
            "ﻻ ﷲ ﭐ Ω ω ж Жук 中文 한국어 ไทย",
            "1.a a.1 1'a a'1 1:1 a:1 1;2 1,a",
        ] {
            check(s);
            // Every suffix: the fast path must agree at every starting point.
            for (i, _) in s.char_indices() {
                check(&s[i..]);
            }
        }
    }
}
