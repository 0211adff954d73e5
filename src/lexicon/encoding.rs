//! The byte form of keys inside the lexicon's FST: UTF-8, except that each Arabic letter
//! is one byte.
//!
//! # Why
//!
//! The matcher walks the FST one byte at a time from every word of the text, under each of
//! its proclitic readings, so the cost of the lexicon stage is the number of node visits.
//! In UTF-8 an Arabic letter is two bytes whose first is one of two values (0xD8 or 0xD9):
//! every letter costs two visits, and the second one lands on a node with up to 26
//! transitions, which the `fst` crate searches linearly (it builds a byte index only for
//! nodes of more than 32). Writing each letter of U+0620–U+065F as the single byte
//! `0x80 + (c - 0x0620)` halves the visits on Arabic and turns the letter choice into one
//! indexed node. It also makes the FST smaller, since there are half as many states to store.
//!
//! # Why it is unambiguous
//!
//! The bytes 0x80–0xBF never begin a UTF-8 character (they only continue one, after a lead
//! byte that fixes how many follow), so a byte in that range where a character should begin
//! can only be an encoded Arabic letter, and [`decode`] reads every key back exactly. ASCII
//! and every other script keep their UTF-8 bytes, so English keys are unchanged.
//!
//! ```
//! use noor::lexicon::encoding::{decode, encode};
//! assert_eq!(encode("cairo"), b"cairo");
//! assert_eq!(encode("القاهره").len(), 7); // one byte per letter, 14 in UTF-8
//! assert_eq!(decode(&encode("القاهره é")).as_deref(), Some("القاهره é"));
//! ```

/// The key form of the article ال (what a reading after لل puts back before the stem).
pub const ARTICLE: [u8; 2] = [0x87, 0xA4];

/// First and last code point written as one byte.
const FIRST: u32 = 0x0620;
const LAST: u32 = 0x065F;
/// The byte of [`FIRST`]; `BASE + 63` = 0xBF is the last byte that cannot start UTF-8.
const BASE: u8 = 0x80;

/// Appends the key form of `s` to `out`.
#[inline]
pub fn push(out: &mut Vec<u8>, s: &str) {
    if s.is_ascii() {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    // The same bytes as [`bytes`], written a character at a time into room reserved once
    // (a key form is never longer than the UTF-8): extending from the byte iterator cost
    // a tenth more of a new word's walks in the matcher (a loop over the UTF-8 bytes, with
    // its bounds checks, cost more still).
    out.reserve(s.len());
    for c in s.chars() {
        let u = c as u32;
        if (FIRST..=LAST).contains(&u) {
            out.push(BASE + (u - FIRST) as u8);
        } else {
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
}

/// The key form of `s`, byte by byte, made as it is read (for walks that usually stop
/// after a byte or two).
pub fn bytes(s: &str) -> impl Iterator<Item = u8> + '_ {
    let mut chars = s.chars();
    let mut pending = [0u8; 4];
    let (mut at, mut len) = (0, 0);
    std::iter::from_fn(move || {
        if at == len {
            let c = chars.next()?;
            let u = c as u32;
            if (FIRST..=LAST).contains(&u) {
                return Some(BASE + (u - FIRST) as u8);
            }
            len = c.encode_utf8(&mut pending).len();
            at = 0;
        }
        at += 1;
        Some(pending[at - 1])
    })
}

/// The key form of `s`.
pub fn encode(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    push(&mut out, s);
    out
}

/// The text of a key form written by [`encode`]; `None` if `bytes` is not one.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (BASE..=BASE + (LAST - FIRST) as u8).contains(&b) {
            out.push(char::from_u32(FIRST + (b - BASE) as u32)?);
            i += 1;
            continue;
        }
        let len = match b {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let s = std::str::from_utf8(bytes.get(i..i + len)?).ok()?;
        out.push_str(s);
        i += len;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_order_within_a_script() {
        for s in ["", "a b", "موسكو", "وزاره الدفاع الروسيه", "zürich", "گیلان", "ع-ب", "北京"]
        {
            assert_eq!(decode(&encode(s)).as_deref(), Some(s), "{s}");
        }
        // Arabic letters keep their alphabetical order among themselves.
        assert!(encode("ا") < encode("ب") && encode("ب") < encode("ي"));
        assert_eq!(decode(&[0xC3]), None);
        assert_eq!(encode("ال"), ARTICLE);
        for s in ["", "a b", "موسكو", "zürich", "گیلان", "ع-ب", "北京", "😀x"] {
            assert_eq!(bytes(s).collect::<Vec<u8>>(), encode(s), "{s}");
        }
        // The encoder agrees with the definition, letter by letter, over the whole Arabic
        // block and its neighbours.
        for u in 0x0580..0x0700u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let want: Vec<u8> =
                if (FIRST..=LAST).contains(&u) { vec![BASE + (u - FIRST) as u8] } else { c.to_string().into_bytes() };
            assert_eq!(encode(&format!("a{c}b")), [&b"a"[..], &want, b"b"].concat(), "U+{u:04X}");
        }
    }
}
