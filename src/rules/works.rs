//! Titles of works: a programme, film, series, book, novel, song, play or album that Arabic
//! news names in quotation marks after the word that announces it (برنامج « حوار من القلب »,
//! بعنوان " مبدأ حواء ", مسلسل « … »), and in the same way the names of stadiums (استاد "
//! سانتياغو برنابيو ", ملعب " فارول "). Such a title is any words at all, and the tagger,
//! which reads words, not quotation marks, finds at best a person's name inside it ("مع نور"
//! read as نور); the marks, after a word that announces a title, are certain. The title is a
//! MISC entity (ANERcorp marks programmes, books and stadiums so); its span is inside the
//! marks.
//!
//! The announcing words are few and closed, so they are listed here in matching form (ة as
//! ه, أ as ا), with the proclitics and the article a word may carry (وبرنامج, البرنامج).

use crate::entity::{Entity, Kind, Source};
use crate::text::arabic::readings;
use crate::text::{Normalized, Token, TokenKind};

/// Words that announce a title, in matching form, sorted: programme, entitled, its title,
/// film, series, book, novel, song, play, album, poem (and the accusative and possessive
/// forms news writes: برنامجا, برنامجه, برنامجها); stadium (استاد, ستاد, ملعب).
const CUES: &[&str] = &[
    "استاد",
    "اغنيه",
    "البوم",
    "برنامج",
    "برنامجا",
    "برنامجه",
    "برنامجها",
    "بعنوان",
    "روايه",
    "ستاد",
    "عنوانه",
    "فيلم",
    "فيلما",
    "فيلمه",
    "قصيده",
    "كتاب",
    "كتابا",
    "كتابه",
    "مسرحيه",
    "مسلسل",
    "مسلسلا",
    "ملعب",
];

/// The longest title, in tokens: longer runs between marks are quotations, not titles.
const MAX_TOKENS: usize = 8;

/// The quotation mark that closes `open`, if `open` is one that opens a title.
fn closing(open: &str) -> Option<&'static str> {
    match open {
        "«" => Some("»"),
        "“" => Some("”"),
        "\"" => Some("\""),
        "'" => Some("'"),
        _ => None,
    }
}

fn is_cue(word: &str) -> bool {
    let mut form = String::new();
    readings(word).any(|r| {
        form.clear();
        r.form.write_to(&mut form);
        CUES.binary_search(&form.as_str()).is_ok()
            || form.strip_prefix("ال").is_some_and(|f| CUES.binary_search(&f).is_ok())
    })
}

/// The titles in `text` (`norm`, `tokens`: its matching form and tokens), as MISC
/// candidates with byte offsets into `text`.
///
/// ```
/// use noor::text::{tokenize, Normalized};
/// let text = "قدم برنامج « حوار من القلب » على قناة المحور.";
/// let norm = Normalized::new(text);
/// let found = noor::rules::works::find(text, &norm, &tokenize(&norm));
/// assert_eq!(found.iter().map(|e| &text[e.start..e.end]).collect::<Vec<_>>(), ["حوار من القلب"]);
/// ```
pub fn find(text: &str, norm: &Normalized, tokens: &[Token]) -> Vec<Entity> {
    let m = norm.as_str();
    let w = |i: usize| &m[tokens[i].norm.clone()];
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < tokens.len() {
        // The mark first: it is one comparison, and few words are followed by one.
        let Some(close) = closing(w(i + 1)) else {
            i += 1;
            continue;
        };
        if tokens[i].kind != TokenKind::Word || !is_cue(w(i)) {
            i += 1;
            continue;
        }
        // Doubled marks ('' as ANERcorp writes them) open as one.
        let mut a = i + 1;
        while a < tokens.len() && w(a) == w(i + 1) {
            a += 1;
        }
        let end = tokens.len().min(a + MAX_TOKENS + 1);
        let found = (a..end).find(|&j| w(j) == close || (tokens[j].kind == TokenKind::Punct && ends_sentence(w(j))));
        if let Some(b) = found.filter(|&b| b > a && w(b) == close) {
            let (start, stop) = (tokens[a].span.start, tokens[b - 1].span.end);
            let words = tokens[a..b].iter().any(|t| t.kind == TokenKind::Word);
            if words && !text[start..stop].contains('\n') {
                out.push(Entity::candidate(start, stop, Kind::Misc, 0.85, Source::Rules));
                i = b + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Punctuation that ends a sentence: a title does not run over it.
fn ends_sentence(p: &str) -> bool {
    matches!(p, "." | "!" | "?" | "؟")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn titles(text: &str) -> Vec<&str> {
        let norm = Normalized::new(text);
        find(text, &norm, &tokenize(&norm)).into_iter().map(|e| &text[e.start..e.end]).collect()
    }

    #[test]
    fn cues_are_sorted() {
        assert!(CUES.windows(2).all(|p| p[0] < p[1]));
    }

    #[test]
    fn a_title_after_its_announcing_word() {
        assert_eq!(titles("من خلال برنامج « حوار من القلب » الذي يذاع"), ["حوار من القلب"]);
        assert_eq!(titles("كتاب جديد بعنوان \" مبدأ حواء \" صدر أمس"), ["مبدأ حواء"]);
        assert_eq!(titles("قدمت برنامجها «حبيب الملايين» ومسلسل “ليالي الحلمية”"), ["حبيب الملايين", "ليالي الحلمية"]);
        // with proclitics and the article, and the doubled marks of ANERcorp
        assert_eq!(titles("وفي البرنامج '' الناس وأنا '' حيث"), ["الناس وأنا"]);
        assert_eq!(titles("ظهر ببرنامج « مع نور » أمس"), ["مع نور"]);
        // a stadium's name
        assert_eq!(titles("على استاد \" سانتياغو برنابيو \" في مدريد"), ["سانتياغو برنابيو"]);
        assert_eq!(titles("فاز بملعب « فارول » أمس"), ["فارول"]);
    }

    #[test]
    fn not_a_title() {
        // No announcing word, marks that never close, a sentence in between, a quotation too
        // long to be a title, a line break, empty marks.
        assert!(titles("قال « إن الوضع خطير » أمس").is_empty());
        assert!(titles("برنامج « الناس وأنا").is_empty());
        assert!(titles("برنامج « الناس. وأنا »").is_empty());
        assert!(titles("بعنوان « كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة »").is_empty());
        assert!(titles("برنامج « الناس\nوأنا »").is_empty());
        assert!(titles("برنامج « » أمس").is_empty());
        assert!(titles("برنامج").is_empty());
    }
}
