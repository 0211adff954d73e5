//! A standalone HTML page with the entities of a text highlighted, for `noor annotate
//! --format html`. Every character of the text is escaped; the page needs no network.

use crate::entity::{Entity, Kind};
use crate::text::Lang;
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The colors of the demo and the extension (www/styles.css), repeated here so the page
/// stands alone.
fn color(kind: Kind) -> &'static str {
    match kind {
        Kind::Per => "#ffd8a8",
        Kind::Org => "#b2f2bb",
        Kind::Loc => "#a5d8ff",
        Kind::Misc => "#e5dbff",
        Kind::Date => "#ffec99",
        Kind::Time => "#ffe3e3",
        Kind::Num => "#e9ecef",
        Kind::Money => "#c3fae8",
        Kind::Percent => "#fcc2d7",
    }
}

/// Renders `text` with `entities` (UTF-8 byte offsets) as a complete HTML document.
///
/// ```
/// use noor::{Annotator, Options, OffsetUnit};
/// let text = "Talks in <Cairo> & Paris";
/// let a = Annotator::new(Options { offsets: OffsetUnit::Utf8, lexicon_only: true, ..Options::default() });
/// let html = noor::render::html::page(text, &a.annotate(text).entities, noor::Lang::En);
/// assert!(html.contains("&lt;<mark"));
/// assert!(html.contains("data-entity-type=\"LOC\""));
/// ```
pub fn page(text: &str, entities: &[Entity], lang: Lang) -> String {
    let (code, dir) = match lang {
        Lang::Ar => ("ar", "rtl"),
        _ => ("en", "ltr"),
    };
    let mut out = String::with_capacity(text.len() * 2 + 2048);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{code}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Noor</title>\n<style>\nbody{{font:18px/1.8 system-ui,'Noto Sans Arabic','Noto Naskh Arabic',sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;white-space:pre-wrap}}\n\
         mark{{color:inherit;border-radius:0;padding:0}}\n"
    );
    for k in Kind::ALL {
        let _ = writeln!(out, "mark[data-entity-type=\"{k}\"]{{background:{}}}", color(k));
    }
    out.push_str("</style>\n</head>\n<body>");
    let mut at = 0;
    for e in entities {
        if e.start < at || e.end > text.len() || !text.is_char_boundary(e.start) || !text.is_char_boundary(e.end) {
            continue;
        }
        escape(&text[at..e.start], &mut out);
        let mut title = String::from(e.kind.as_str());
        if let Some(c) = &e.canonical {
            title.push_str(" · ");
            title.push_str(c);
        }
        if let Some(id) = &e.id {
            title.push_str(" · ");
            title.push_str(id);
        }
        out.push_str("<mark data-entity-type=\"");
        out.push_str(e.kind.as_str());
        out.push_str("\" title=\"");
        escape(&title, &mut out);
        out.push_str("\">");
        escape(&text[e.start..e.end], &mut out);
        out.push_str("</mark>");
        at = e.end;
    }
    escape(&text[at..], &mut out);
    out.push_str("</body>\n</html>\n");
    out
}
