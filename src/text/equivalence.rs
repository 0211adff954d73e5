//! Tests only: the fast paths of the text layer against the plain code they replaced, which
//! is kept here (and in [`super::normalize::new_per_char`]) as the oracle. Folding one
//! character at a time and tokenizing on `unicode-segmentation`'s word bounds must give the
//! same folded text, the same map back for every folded byte, and the same tokens, on every
//! text: the shared corpora, hand-made adversarial strings, every one- and two-byte character
//! and General Punctuation in context, and random mixtures.

use super::normalize::{new_per_char, Normalized};
use super::tokenize::{tokenize, Token, TokenKind};
use unicode_segmentation::UnicodeSegmentation;

/// `tokenize` as it was before [`super::segment`]: the crate's word bounds, and each
/// segment's kind from its characters.
fn tokenize_per_char(n: &Normalized) -> Vec<Token> {
    let text = n.as_str();
    let mut out = Vec::with_capacity(text.len() / 5);
    for (i, seg) in text.split_word_bound_indices() {
        let mut has_alpha = false;
        let mut has_digit = false;
        let mut all_space = true;
        for c in seg.chars() {
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

/// Fast and plain agree on `text`; `None` if they do, else what differs.
fn differs(text: &str) -> Option<String> {
    let (fast, plain) = (Normalized::new(text), new_per_char(text));
    if fast.as_str() != plain.as_str() {
        return Some(format!("folded text of {text:?}: {:?} != {:?}", fast.as_str(), plain.as_str()));
    }
    if fast != plain {
        return Some(format!("offsets of {text:?}"));
    }
    if Normalized::fold(text) != plain.as_str() {
        return Some(format!("Normalized::fold of {text:?}"));
    }
    let (fast_tokens, plain_tokens) = (tokenize(&fast), tokenize_per_char(&plain));
    (fast_tokens != plain_tokens).then(|| format!("tokens of {text:?}: {fast_tokens:?} != {plain_tokens:?}"))
}

#[track_caller]
fn check(text: &str) {
    if let Some(what) = differs(text) {
        panic!("fast and plain differ: {what}");
    }
}

#[test]
fn adversarial_strings() {
    for s in [
        "",
        " ",
        "a",
        "\u{301}",
        "\u{64E}بِمُوسْكُو",
        "Russia's and Egypt’s 's ’s s's",
        "don't e.g. U.S. 3.5 1,000,000 1.2.3 a1b2 _x_ x__y 3_000 ٣٫٥ ١٬٠٠٠",
        "مُوسْكُو بِسْمِ اللّٰهِ الرَّحْمٰنِ حفـــتر ـــ ۱۴۰۲ ٢٠١٩ و١ ا،ب ا.ب",
        "أحمد إسرائيل آسيا ٱلله مصطفى درنة ایران کرمان ۍې",
        "a\u{301}b \u{301}x  \u{301} x\u{200D}\u{200D}y 👨\u{200D}👩\u{200D}👧 a\u{200D}😀 \u{200D}😀",
        "🇸🇦🇪🇬🇺 🏳\u{FE0F}\u{200D}🌈 ☝🏽 1\u{FE0F}\u{20E3}",
        "می\u{200C}خواهم \u{202B}موسكو\u{202C} a\u{00AD}b\u{FEFF} \u{2066}x\u{2069} \u{061C}ا\u{200F}",
        "درنةَ\u{200F} x ة\u{200D}\u{64E} \u{200D}\u{64E}",
        "Zürich São Paulo ŁÓDŹ Straße Æsir Øresund İstanbul Ceaușescu Cafe\u{301} ĲSSEL Ⱥ ǅ ﬁ",
        "Ω ω ΣΊΣΥΦΟΣ Жук ЖУК Ԁ שָׁלוֹם צה\"ל ש'א カタカナ_ー ｶﾀｶﾅ 中文 한국어 ไทย",
        "«القاهرة» “quoted” ‘single’ — – … • ° × ÷ € £ ¥ © ® ™ \u{A0}\u{A0} \u{2003}\u{3000}",
        "\r\n\r\r\n\n \u{0B}\u{0C} \t\t \u{85} \u{2028}\u{2029} x",
        "ﻻ ﷲ ﭐ ﻷ \u{6DD}١ \u{600}٢ \u{610}ب ب\u{6D6}",
        "1.a a.1 1'a a'1 1:1 a:1 1;2 1,a a\u{2019}b 1\u{2019}000 a\u{2024}b",
    ] {
        check(s);
        // Every prefix and suffix: runs and segments then start and end everywhere.
        for (i, _) in s.char_indices() {
            check(&s[i..]);
            check(&s[..i]);
        }
    }
}

/// Every character of one and two bytes and of General Punctuation, alone and next to
/// ASCII and Arabic letters, marks, spaces and digits.
#[test]
fn every_short_character_in_context() {
    let chars = (0u32..0x800).chain(0x2000..0x2080).filter_map(char::from_u32);
    let mut s = String::new();
    for c in chars {
        for [before, after] in [
            ["", ""],
            ["a", "b"],
            ["ب", "ت"],
            ["", "\u{64E}"],
            ["\u{64E}", ""],
            [" ", "1"],
            ["1", "s"],
            ["Z", "\u{301}"],
        ] {
            s.clear();
            s.push_str(before);
            s.push(c);
            s.push(c);
            s.push_str(after);
            check(&s);
        }
    }
}

/// Random mixtures of the characters the fast paths treat differently.
#[cfg(not(target_arch = "wasm32"))]
mod random {
    use proptest::prelude::*;

    /// The pieces of the random texts, between `|`.
    const PIECES: &str = concat!(
        "a|Z|s|'s|’s|1|٣|۴|.|,|:|;|'|\"|_| |  |\t|\r\n|\n|ب|ة|أ|ى|ي|ی|ک|ـ|\u{64E}|\u{651}|\u{670}|\u{610}|",
        "\u{6D6}|،|؛|\u{66B}|\u{66C}|\u{600}|«|»|\u{A0}|é|É|ß|ø|İ|Ж|ж|Ω|א|ア|中|\u{301}|\u{200C}|\u{200D}|",
        "\u{200F}|\u{202B}|\u{AD}|\u{FEFF}|\u{2019}|\u{2014}|\u{2028}|\u{202F}|\u{3000}|😀|🇸|\u{FE0F}|🏽|موسكو|Paris",
    );

    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            6 => proptest::sample::select(PIECES.split('|').collect::<Vec<_>>()).prop_map(str::to_string),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(piece, 0..30).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn fast_equals_plain(t in text()) {
            let what = super::differs(&t);
            prop_assert!(what.is_none(), "{}", what.unwrap_or_default());
        }
    }
}

/// Every text of `../shared/data/ner` (as the documents `noor bench` annotates, and the
/// first lines of each file as they are, tags and all) and the first lines of the unlabeled
/// news. (The same comparison in release over every line and document of both, 473 MB, is
/// how the fast paths were checked when they were written; this is its share that a debug
/// build runs in seconds.)
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn shared_corpora() {
    use std::io::BufRead;
    let dir = std::env::var_os("NOOR_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let Ok(sets) = std::fs::read_dir(dir.join("data/ner")) else {
        assert!(std::env::var("NOOR_REQUIRE_SHARED").as_deref() != Ok("1"), "{} is required", dir.display());
        eprintln!("SKIPPED: {} not found", dir.display());
        return;
    };
    let mut files: Vec<_> = sets
        .flatten()
        .filter(|set| set.path().is_dir())
        .flat_map(|set| std::fs::read_dir(set.path()).into_iter().flatten().flatten())
        .map(|f| f.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut texts = 0;
    for path in &files {
        let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let head: Vec<&str> = raw.lines().take(200).collect();
        check(&head.join("\n"));
        let sentences = crate::eval::conll::parse(&raw);
        for doc in crate::eval::conll::documents(&sentences, crate::eval::conll::DOC_SENTENCES) {
            let text: Vec<String> = sentences[doc].iter().map(|s| s.tokens.join(" ")).collect();
            check(&text.join("\n"));
            texts += 1;
        }
    }
    for news in ["news-ar.txt.gz", "news-en.txt.gz"] {
        let path = dir.join("data/unlabeled").join(news);
        let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let lines: Vec<String> = std::io::BufReader::new(flate2::read::GzDecoder::new(file))
            .lines()
            .take(1000)
            .map_while(Result::ok)
            .collect();
        for block in lines.chunks(20) {
            check(&block.join("\n"));
            texts += 1;
        }
    }
    assert!(files.len() >= 30 && texts > 10_000, "{} files, {texts} texts", files.len());
}
