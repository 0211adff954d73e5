//! CoNLL files: one token per line (first column), an optional tag in the last column, a
//! blank line between sentences. `-DOCSTART-` lines separate documents.

use std::ops::Range;

/// A sentence of a CoNLL file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens (first column).
    pub tokens: Vec<String>,
    /// The tags (last column) when the file has two or more columns, else empty.
    pub tags: Vec<String>,
    /// True if this sentence starts a new document (it followed a `-DOCSTART-` line).
    pub doc_start: bool,
}

impl Sentence {
    /// The tokens joined by single spaces, with each token's byte range in that text.
    pub fn text(&self) -> (String, Vec<Range<usize>>) {
        join(&self.tokens)
    }
}

/// Tokens joined by single spaces, with each token's byte range in that text.
pub fn join(tokens: &[impl AsRef<str>]) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        ranges.push(text.len()..text.len() + t.as_ref().len());
        text.push_str(t.as_ref());
    }
    (text, ranges)
}

/// How many consecutive sentences make one document in a file without `-DOCSTART-` marks
/// (ANERcorp, AQMAR): about a news article's length. The pipeline reads a whole document at
/// once (a name tagged confidently in one sentence helps its other mentions), so evaluating
/// sentence by sentence would measure something no reader sees.
pub const DOC_SENTENCES: usize = 15;

/// The documents of a CoNLL file, as ranges of sentence indices: split at `-DOCSTART-` marks
/// when the file has them, else every `per_doc` sentences.
///
/// ```
/// use noor::eval::conll::{documents, parse};
/// let s = parse("-DOCSTART- O\n\na O\n\nb O\n\n-DOCSTART- O\n\nc O\n");
/// assert_eq!(documents(&s, 15), [0..2, 2..3]);
/// let s = parse("a O\n\nb O\n\nc O\n");
/// assert_eq!(documents(&s, 2), [0..2, 2..3]);
/// ```
pub fn documents(sentences: &[Sentence], per_doc: usize) -> Vec<Range<usize>> {
    let marked = sentences.iter().any(|s| s.doc_start);
    let per_doc = per_doc.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=sentences.len() {
        let cut = i == sentences.len() || if marked { sentences[i].doc_start } else { i - start == per_doc };
        if cut && i > start {
            out.push(start..i);
            start = i;
        }
    }
    out
}

/// The sentences of a document as one text: tokens joined by spaces, sentences by line
/// breaks; with each sentence's token byte ranges in that text.
pub fn join_document(sentences: &[&[String]]) -> (String, Vec<Vec<Range<usize>>>) {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(sentences.len());
    for (k, s) in sentences.iter().enumerate() {
        if k > 0 {
            text.push('\n');
        }
        let (t, r) = join(s);
        let base = text.len();
        text.push_str(&t);
        ranges.push(r.into_iter().map(|r| r.start + base..r.end + base).collect());
    }
    (text, ranges)
}

/// BIO tags for `tokens` (byte ranges, in text order) from typed `spans`: every token a span
/// touches takes its type, B on the first, I after, so a token with a proclitic attached
/// (بموسكو) is tagged as the name it holds, the way ANERcorp annotates whole tokens. A token
/// already tagged keeps its tag.
pub fn span_tags<K: std::fmt::Display>(
    tokens: &[Range<usize>],
    spans: impl IntoIterator<Item = (K, Range<usize>)>,
) -> Vec<String> {
    let mut tags = vec!["O".to_string(); tokens.len()];
    for (kind, span) in spans {
        let mut first = true;
        // Tokens are disjoint and in order: the ones a span touches are found by binary search.
        let from = tokens.partition_point(|t| t.end <= span.start);
        for j in from..tokens.len() {
            let t = &tokens[j];
            if t.start >= span.end {
                break;
            }
            if t.start < span.end && span.start < t.end && tags[j] == "O" {
                tags[j] = format!("{}-{kind}", if first { "B" } else { "I" });
                first = false;
            }
        }
    }
    tags
}

/// Parses CoNLL text. Columns are split on tabs, or on spaces when a line has no tab.
pub fn parse(input: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut next_doc = false;
    for line in input.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let cols: Vec<&str> =
            if line.contains('\t') { line.split('\t').collect() } else { line.split_whitespace().collect() };
        if cols[0] == "-DOCSTART-" {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            next_doc = true;
            continue;
        }
        if cur.tokens.is_empty() {
            cur.doc_start = std::mem::take(&mut next_doc);
        }
        cur.tokens.push(cols[0].to_string());
        if cols.len() >= 2 {
            cur.tags.push(cols[cols.len() - 1].trim().to_string());
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// Entity chunks of a BIO (or IOB1) tag sequence as `(type, first token, last token + 1)`,
/// with conlleval's rules: a chunk starts at `B-X`, at `I-X` after a different type or after
/// `O`, and ends where the next token does not continue it.
pub fn chunks(tags: &[impl AsRef<str>]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (prefix, kind) = match t.split_once('-') {
            Some((p, k)) if p == "B" || p == "I" || p == "E" || p == "S" => (p, k),
            _ => ("O", ""),
        };
        let continues = prefix == "I" || prefix == "E";
        match &open {
            Some((k, _)) if continues && k == kind => {}
            _ => {
                if let Some((k, s)) = open.take() {
                    out.push((k, s, i));
                }
                if prefix != "O" {
                    open = Some((kind.to_string(), i));
                }
            }
        }
        if prefix == "E" || prefix == "S" {
            if let Some((k, s)) = open.take() {
                out.push((k, s, i + 1));
            }
        }
    }
    if let Some((k, s)) = open {
        out.push((k, s, tags.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sentences_and_docs() {
        let s = parse("-DOCSTART- O\n\nA\tB-PER\nb\tI-PER\n\nc O\n");
        assert_eq!(s.len(), 2);
        assert!(s[0].doc_start && !s[1].doc_start);
        assert_eq!(s[0].tags, ["B-PER", "I-PER"]);
        assert_eq!(s[1].tokens, ["c"]);
        assert_eq!(s[0].text().0, "A b");
    }

    #[test]
    fn chunk_rules() {
        let c = chunks(&["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]);
        assert_eq!(
            c,
            vec![
                ("PER".to_string(), 0, 2),
                ("LOC".to_string(), 3, 5),
                ("LOC".to_string(), 5, 6),
                ("ORG".to_string(), 6, 7)
            ]
        );
    }
}
