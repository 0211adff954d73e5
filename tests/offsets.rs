//! Property tests: on random text made of names, clitics, emoji, harakat, tatweel, ZWJ,
//! ZWNJ, bidi controls and arbitrary characters, every entity's `text` is exactly the input
//! slice at its offsets, in every offset unit, and entities are sorted and disjoint.
#![cfg(not(target_arch = "wasm32"))]

use noor::{Annotator, OffsetUnit, Options};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "موسكو",
    "بموسكو",
    "لبنغازي",
    "وحلب",
    "القاهرة",
    "للقاهرة",
    "Paris",
    "New York",
    "MOSCOW",
    "Zürich",
    "Oman",
    "\u{064E}",
    "\u{0651}",
    "\u{0670}",
    "\u{0640}",
    "\u{200D}",
    "\u{200C}",
    "\u{200F}",
    "\u{202B}",
    "\u{2067}",
    "\u{2069}",
    "\u{FEFF}",
    "\u{00AD}",
    "😀",
    "👩‍👩‍👧",
    "🇱🇾",
    "e\u{301}",
    "İ",
    "ß",
    " ",
    " ",
    "\n",
    "،",
    ".",
    "-",
    "٢٠١٩",
    "ی",
    "ک",
    "ة",
    "إ",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn slice(text: &str, start: usize, end: usize, unit: OffsetUnit) -> String {
    match unit {
        OffsetUnit::Utf8 => text[start..end].to_string(),
        OffsetUnit::Utf16 => String::from_utf16(&text.encode_utf16().collect::<Vec<_>>()[start..end]).unwrap(),
        OffsetUnit::Chars => text.chars().skip(start).take(end - start).collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn entity_text_is_the_slice_at_its_offsets(t in text()) {
        for unit in [OffsetUnit::Utf8, OffsetUnit::Utf16, OffsetUnit::Chars] {
            let a = Annotator::new(Options { offsets: unit, ..Options::default() });
            let ents = a.annotate(&t).entities;
            let mut prev_end = 0;
            for e in &ents {
                prop_assert!(e.start < e.end && e.start >= prev_end, "sorted and disjoint: {:?}", ents);
                prop_assert_eq!(&slice(&t, e.start, e.end, unit), &e.text);
                prev_end = e.end;
            }
        }
    }

    #[test]
    fn normalization_maps_every_token_back(t in text()) {
        let n = noor::text::Normalized::new(&t);
        for tok in noor::text::tokenize(&n) {
            prop_assert!(t.is_char_boundary(tok.span.start) && t.is_char_boundary(tok.span.end));
            prop_assert!(tok.span.start <= tok.span.end && tok.span.end <= t.len());
        }
    }
}

#[test]
fn found_names_keep_their_marks() {
    let t = "😀\u{200F}بِمُوسْكُوَ\u{200F} 👩‍👩‍👧 Zürich";
    for unit in [OffsetUnit::Utf8, OffsetUnit::Utf16, OffsetUnit::Chars] {
        let a = Annotator::new(Options { offsets: unit, lexicon_only: true, ..Options::default() });
        let texts: Vec<String> = a.annotate(t).entities.into_iter().map(|e| e.text).collect();
        assert_eq!(texts, ["مُوسْكُوَ", "Zürich"]);
    }
}
