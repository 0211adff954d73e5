//! People introduced by their office: "اللواء المتقاعد يوسف الحريري", "نائب وزير الخارجية
//! يوسف كرم" (made-up people).
//!
//! Arabic news names a person after their title almost every time it first mentions them,
//! and the person is often one no list knows. The shape is regular:
//!
//! - a **title**: an office or a rank (a fixed list below: facts of the language, not names),
//!   possibly with a proclitic (ووزير, للرئيس);
//! - up to three words that **qualify** it: definite words (الليبي, المتقاعد, الدفاع, للأمم,
//!   المتحدة) or another title (نائب وزير);
//! - the **name**: a word the lexicon knows as a given-name token (its `NAME_TOKEN` senses,
//!   compiled from the shared name lists), then up to two more words that are not function
//!   words, titles, or places and organizations the lexicon knows; never across punctuation
//!   or a line break.
//!
//! The tagger finds most people by context; this catches the ones its two-word window misses
//! when the title is three words back, and the document stage then finds the surname's
//! other mentions.

use super::{flags, Lexicon};
use crate::entity::Kind;
use crate::text::arabic::{readings, StemForm};
use crate::text::{Normalized, Token, TokenKind};
use std::ops::Range;

/// Titles in matching form (ة → ه, أ/إ/آ → ا): offices, ranks, honorifics.
const TITLES: &[&str] = &[
    "الرئيس",
    "رئيس",
    "الرئيسه",
    "رئيسه",
    "الوزير",
    "وزير",
    "الوزيره",
    "وزيره",
    "نائب",
    "النائب",
    "اللواء",
    "العقيد",
    "العميد",
    "الفريق",
    "المشير",
    "الجنرال",
    "الرائد",
    "النقيب",
    "السفير",
    "سفير",
    "السفيره",
    "الشيخ",
    "الامير",
    "الاميره",
    "الملك",
    "الملكه",
    "السلطان",
    "المستشار",
    "المستشاره",
    "المتحدث",
    "المتحدثه",
    "الناطق",
    "القائد",
    "الزعيم",
    "الامين",
    "المبعوث",
    "المنسق",
    "الدكتور",
    "الدكتوره",
    "السيد",
    "السيده",
    "القاضي",
    "المدعي",
    "حاكم",
    "الحاكم",
    "محافظ",
    "المحافظ",
    "مدير",
    "المدير",
    "المديره",
    "البابا",
    "المرشح",
    "المرشحه",
    "المرشد",
    "الامام",
    "اللاعب",
    "اللاعبه",
    "المدرب",
    "الفنان",
    "الفنانه",
    "الممثل",
    "الممثله",
    "المطرب",
    "المطربه",
    "الكاتب",
    "الكاتبه",
    "الصحافي",
    "الصحافيه",
    "الصحفي",
    "الصحفيه",
    "الناشط",
    "الناشطه",
    "المعارض",
    "المعارضه",
    "زعيم",
    "قائد",
    "رئيس",
    "نائبه",
];

/// Words that end a name: prepositions, conjunctions, pronouns, particles, time words.
const STOP: &[&str] = &[
    "في",
    "من",
    "على",
    "علي",
    "الي",
    "عن",
    "مع",
    "ان",
    "الذي",
    "التي",
    "الذين",
    "قد",
    "لم",
    "لن",
    "ما",
    "لا",
    "هو",
    "هي",
    "كان",
    "كانت",
    "بعد",
    "قبل",
    "خلال",
    "حيث",
    "او",
    "ثم",
    "بين",
    "عند",
    "منذ",
    "حتي",
    "كما",
    "لدي",
    "امس",
    "اليوم",
    "غدا",
    "الان",
    "ايضا",
    "انه",
    "انها",
    "الا",
    "اذا",
    "اي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "يوم",
    "عام",
    "قال",
    "قالت",
    "اكد",
    "اكدت",
    "اعلن",
    "اعلنت",
    "الذي",
    "حول",
    "ضد",
    "نحو",
    "لقد",
];

/// Spokesman titles: "المتحدث باسم الخارجية" is "the spokesman *for* the foreign ministry",
/// so after them باسم is a preposition that opens the qualifiers, not the given name Basem.
const SPOKESMAN: &[&str] = &["المتحدث", "المتحدثه", "الناطق", "الناطقه"];

/// True if `w` (matching form) is a function word: a preposition, conjunction, pronoun,
/// particle or time word ("علي" is also the matching form of the preposition على). Such a
/// word never starts or continues a name, and is never a surname on its own.
pub fn is_function_word(w: &str) -> bool {
    STOP.contains(&w)
}

/// Most words that may qualify a title before the name.
const MAX_QUALIFIERS: usize = 3;
/// Most words of a name after its first.
const MAX_MORE: usize = 2;

/// A person found after a title: the span of the name in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitledName {
    /// Byte range in the original text.
    pub span: Range<usize>,
}

/// True if `w` is a title, possibly after proclitics (ووزير, للرئيس). Asked of every Arabic
/// word, so it tries the few possible proclitic lengths against the list instead of building
/// all readings of the word.
fn is_title(w: &str) -> bool {
    let mut skip = 0;
    for c in w.chars().take(3) {
        if TITLES.contains(&&w[skip..]) {
            return true;
        }
        if !matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
            return false;
        }
        skip += c.len_utf8();
    }
    TITLES.contains(&&w[skip..])
}

fn definite(w: &str) -> bool {
    readings(w).any(|r| {
        matches!(r.form, StemForm::Slice(s) if s.starts_with("ال")) || r.skip > 0 && w[..r.skip].ends_with("لل")
    })
}

fn name_token(lex: &Lexicon, w: &str) -> bool {
    lex.get(w).iter().any(|s| s.flags & flags::NAME_TOKEN != 0 && s.kind == Kind::Per)
}

/// A place or organization the lexicon knows (and not also a name token).
fn known_other(lex: &Lexicon, w: &str) -> bool {
    let senses = lex.get(w);
    !senses.iter().any(|s| s.flags & flags::NAME_TOKEN != 0)
        && senses.iter().any(|s| matches!(s.kind, Kind::Loc | Kind::Org) && s.flags & flags::BLOCK == 0)
}

/// Finds people introduced by a title in the tokens of `norm` (Arabic only).
pub fn find(lex: &Lexicon, norm: &Normalized, tokens: &[Token]) -> Vec<TitledName> {
    let text = norm.as_str();
    // The word at `i`, if `i` is a word on the same line as the one before it.
    let word = |i: usize| -> Option<&str> {
        let t = tokens.get(i).filter(|t| t.kind == TokenKind::Word)?;
        if i > 0 && text[tokens[i - 1].norm.end..t.norm.start].contains('\n') {
            return None;
        }
        Some(&text[t.norm.clone()])
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(w) = word(i) else {
            i += 1;
            continue;
        };
        // Cheap test first: every title is a word of three letters or more that is on the list.
        if !crate::text::arabic::is_arabic_word(w) || !is_title(w) {
            i += 1;
            continue;
        }
        // Qualifiers, then the first name token. Another title is a qualifier even where the
        // lexicon also knows it as a given name (نائب رئيس: رئيس is the office here).
        let spokesman = SPOKESMAN.iter().any(|t| w.ends_with(t));
        let mut j = i + 1;
        let mut start = None;
        for _ in 0..=MAX_QUALIFIERS {
            let Some(v) = word(j) else { break };
            if spokesman && v == "باسم" {
                j += 1;
                continue;
            }
            if !is_title(v) && name_token(lex, v) && !definite(v) && !STOP.contains(&v) {
                start = Some(j);
                break;
            }
            if !(definite(v) || is_title(v)) {
                break;
            }
            j += 1;
        }
        let Some(first) = start else {
            i += 1;
            continue;
        };
        let mut last = first;
        for k in first + 1..=first + MAX_MORE {
            let Some(v) = word(k) else { break };
            let conjunction = v.starts_with('و') && !name_token(lex, v);
            if STOP.contains(&v) || is_title(v) || conjunction || known_other(lex, v) {
                break;
            }
            // A definite word continues a name after عبد / ابو / بن (عبد الفتاح), as a family
            // name in ي (الحريري, السيسي), or when it is a name token itself; other definite
            // words are what follows the name (الأسبوع, المقبل).
            let prev = word(k - 1).unwrap_or("");
            let family = v.ends_with('ي') && v.chars().count() > 4;
            if definite(v) && !name_token(lex, v) && !family && !matches!(prev, "عبد" | "ابو" | "ابي" | "بن" | "ابن")
            {
                break;
            }
            last = k;
        }
        // One word followed by a known place or organization is a noun in construct with it,
        // not a name: "رئيس نادي الزمالك" (the president of the Zamalek club).
        if last == first && word(first + 1).is_some_and(|v| known_other(lex, v)) {
            i = first;
            continue;
        }
        out.push(TitledName { span: tokens[first].span.start..tokens[last].span.end });
        i = last + 1;
    }
    out
}

#[cfg(all(test, feature = "embed"))]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        let lex = Lexicon::embedded(crate::Lang::Ar);
        let n = Normalized::new(text);
        let t = crate::text::tokenize(&n);
        find(lex, &n, &t).into_iter().map(|m| &text[m.span]).collect()
    }

    #[test]
    fn title_qualifiers_name() {
        assert_eq!(names("استقبل اللواء الليبي المتقاعد يوسف الحريري، ثم غادر"), ["يوسف الحريري"]);
        assert_eq!(names("التقى الوزير يوسف الأسبوع الماضي وفدا"), ["يوسف"]);
        assert_eq!(names("قال نائب وزير الخارجية يوسف كرم إن الوفد وصل"), ["يوسف كرم"]);
        assert_eq!(names("وصرح الرئيس عبد الكريم غلاب في بيان"), ["عبد الكريم غلاب"]);
        // After a spokesman, باسم is "for": the qualifiers follow, then the name.
        assert_eq!(names("قال المتحدث باسم الخارجية يوسف كرم إن الوفد وصل"), ["يوسف كرم"]);
    }

    #[test]
    fn offices_are_not_names() {
        // رئيس is an office after نائب, even if the lexicon also knows it as a given name.
        assert!(names("قال نائب رئيس الوزراء إن الوفد وصل").is_empty());
        // باسم after a spokesman is a preposition.
        assert!(names("وقال المتحدث باسم الحكومة إن الوفد وصل").is_empty());
        assert!(names("وقال الناطق الرسمي باسم الحكومة إن الوفد وصل").is_empty());
        // A noun in construct with a known place: the club of Cairo, not a man called نادي.
        assert!(names("وقال رئيس نادي القاهرة إن الفريق جاهز").is_empty());
    }

    #[test]
    fn no_name_no_match() {
        assert!(names("قال الرئيس إن الوفد وصل إلى القاهرة").is_empty());
        assert!(names("اجتمع وزير الدفاع مع قادة الجيش").is_empty());
        // Not across a line or punctuation.
        assert!(names("قال الرئيس\nيوسف").is_empty());
    }
}
