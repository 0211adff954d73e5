//! Offset units: the core counts UTF-8 bytes; JavaScript counts UTF-16 code units; people
//! and many corpora count code points. This module owns the exact conversions between them.
//!
//! Conversions are done in one forward pass over the text for a whole sorted batch of
//! offsets, so converting every entity of an article costs one scan, not one per entity.

use serde::{Deserialize, Serialize};

/// The unit in which entity offsets are expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// UTF-8 bytes (what Rust `str` indexes).
    Utf8,
    /// UTF-16 code units (what JavaScript strings index). The default for every face.
    #[default]
    Utf16,
    /// Unicode scalar values (code points; Python `str` indexing).
    Chars,
}

impl OffsetUnit {
    /// Parses `utf8`, `utf16` or `chars`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "utf8" | "bytes" => Some(Self::Utf8),
            "utf16" => Some(Self::Utf16),
            "chars" | "codepoints" => Some(Self::Chars),
            _ => None,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Self::Utf8 => c.len_utf8(),
            Self::Utf16 => c.len_utf16(),
            Self::Chars => 1,
        }
    }
}

/// Converts UTF-8 byte offsets of `text` into `unit`, in place.
///
/// Offsets must lie on character boundaries (every offset the pipeline produces does);
/// an offset inside a character is rounded down to its start, and one past the end is
/// clamped to the length, so the function never panics.
///
/// ```
/// use noor::text::{to_unit, OffsetUnit};
/// let text = "😀 Paris";
/// let mut offs = [5, 10];
/// to_unit(text, &mut offs, OffsetUnit::Utf16);
/// assert_eq!(offs, [3, 8]);
/// ```
pub fn to_unit(text: &str, offsets: &mut [usize], unit: OffsetUnit) {
    if unit == OffsetUnit::Utf8 {
        for o in offsets.iter_mut() {
            *o = floor_boundary(text, *o);
        }
        return;
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let bytes = text.as_bytes();
    let (mut pos, mut counted) = (0usize, 0usize); // units in bytes[..pos]
    for i in order {
        // Sorted offsets have sorted floors: each range is counted once.
        let target = floor_boundary(text, offsets[i]);
        counted += units_in(&bytes[pos..target], unit);
        pos = target;
        offsets[i] = counted;
    }
}

/// The code points (or UTF-16 code units) of whole UTF-8 characters, counted on the bytes
/// without decoding: a character starts at every byte that is not a continuation byte
/// (`10xxxxxx`), and takes two UTF-16 units when it is four bytes long (lead byte `11110xxx`).
/// A loop the compiler vectorizes; decoding each character cost ten times as much, and every
/// text's entities are converted (2.5% of annotating Arabic news).
fn units_in(bytes: &[u8], unit: OffsetUnit) -> usize {
    let starts = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    match unit {
        OffsetUnit::Utf16 => starts + bytes.iter().filter(|&&b| b >= 0xF0).count(),
        _ => starts,
    }
}

/// Converts offsets given in `unit` into UTF-8 byte offsets of `text`, in place.
/// An offset that falls inside a character (half of a surrogate pair) is rounded down.
pub fn from_unit(text: &str, offsets: &mut [usize], unit: OffsetUnit) {
    if unit == OffsetUnit::Utf8 {
        for o in offsets.iter_mut() {
            *o = floor_boundary(text, *o);
        }
        return;
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut chars = text.char_indices().peekable();
    let mut units = 0usize;
    let mut byte = 0usize;
    for i in order {
        let target = offsets[i];
        while let Some(&(b, c)) = chars.peek() {
            let w = unit.width(c);
            if units + w > target {
                break;
            }
            units += w;
            byte = b + c.len_utf8();
            chars.next();
        }
        offsets[i] = byte;
    }
}

/// The largest char boundary of `text` at or below `i`.
pub fn floor_boundary(text: &str, i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    let mut i = i;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Length of `text` in `unit`.
pub fn len_in(text: &str, unit: OffsetUnit) -> usize {
    match unit {
        OffsetUnit::Utf8 => text.len(),
        OffsetUnit::Utf16 => text.encode_utf16().count(),
        OffsetUnit::Chars => text.chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astral_combining_and_arabic() {
        let t = "a😀é\u{301}حَفـتر";
        let bytes: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
        let mut u16s = bytes.clone();
        to_unit(t, &mut u16s, OffsetUnit::Utf16);
        let mut chars = bytes.clone();
        to_unit(t, &mut chars, OffsetUnit::Chars);
        assert_eq!(chars, (0..bytes.len()).collect::<Vec<_>>());
        assert_eq!(&u16s[..4], &[0, 1, 3, 4]);
        let mut back = u16s.clone();
        from_unit(t, &mut back, OffsetUnit::Utf16);
        assert_eq!(back, bytes);
        let mut back = chars.clone();
        from_unit(t, &mut back, OffsetUnit::Chars);
        assert_eq!(back, bytes);
        assert_eq!(len_in(t, OffsetUnit::Utf16), *u16s.last().unwrap());
    }

    /// Counting bytes gives what decoding gives, at every offset of a text mixing one- to
    /// four-byte characters, including offsets inside characters (rounded down).
    #[test]
    fn byte_counts_agree_with_decoding() {
        let t = "a😀é\u{301}حَفـتر €x😀😀\n";
        for unit in [OffsetUnit::Utf16, OffsetUnit::Chars] {
            let mut offs: Vec<usize> = (0..=t.len() + 2).rev().collect();
            let want: Vec<usize> = offs
                .iter()
                .map(|&o| {
                    t.char_indices().take_while(|&(b, c)| b + c.len_utf8() <= o).map(|(_, c)| unit.width(c)).sum()
                })
                .collect();
            to_unit(t, &mut offs, unit);
            assert_eq!(offs, want, "{unit:?}");
        }
    }

    #[test]
    fn out_of_range_is_clamped() {
        let mut o = [100, 2];
        to_unit("😀", &mut o, OffsetUnit::Utf16);
        assert_eq!(o, [2, 0]);
        let mut o = [1];
        from_unit("😀", &mut o, OffsetUnit::Utf16);
        assert_eq!(o, [0]);
    }
}
