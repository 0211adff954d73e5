//! User watchlists: names a reader adds at run time ("add this minister", "watch this
//! company"), matched exactly like the shipped lexicon (same normalization, proclitics and
//! word boundaries) and compiled into the same format, so one matcher serves both.
//!
//! Compiling is a sort and an FST build: 10,000 terms take a few milliseconds. Removing
//! terms recompiles what is left; watchlists are small next to that cost.

use super::compile::{compile_sorted, EntryView};
use super::{key_of, Lexicon};
use crate::entity::Kind;
use crate::Error;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A name to watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The name as users write it; matched in any spelling the normalizer folds together.
    pub text: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: Kind,
    /// An identifier to report (defaults to `user:<text>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A display label to report as the canonical name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Term {
    /// The id reported for matches: the given one, else `user:<text>`.
    pub fn effective_id(&self) -> String {
        // Not `format!`: ten thousand of these were a tenth of compiling a watchlist.
        self.id.clone().unwrap_or_else(|| ["user:", self.text.as_str()].concat())
    }
}

/// The terms a user watches, compiled.
#[derive(Debug, Clone)]
pub struct Watchlist {
    terms: Vec<Term>,
    /// The matching form of each term (parallel to `terms`).
    keys: Vec<String>,
    lexicon: Lexicon,
}

impl Default for Watchlist {
    fn default() -> Self {
        Watchlist { terms: Vec::new(), keys: Vec::new(), lexicon: Lexicon::empty() }
    }
}

impl Watchlist {
    /// The terms, in the order they were added.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The compiled form.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Adds terms (a term with the same text and type replaces the earlier one).
    ///
    /// ```
    /// use noor::lexicon::{Term, Watchlist};
    /// use noor::Kind;
    /// let mut w = Watchlist::default();
    /// w.add(vec![Term { text: "شركة النور".into(), kind: Kind::Org, id: None, label: Some("Al-Noor Co.".into()) }]).unwrap();
    /// assert_eq!(w.lexicon().lookup("شركه النور")[0].canonical, "Al-Noor Co.");
    /// ```
    pub fn add(&mut self, terms: Vec<Term>) -> Result<(), Error> {
        // Every term is checked before any is added, so a bad term leaves the list as it was.
        let mut added = Vec::with_capacity(terms.len());
        for t in terms {
            let key = key_of(&t.text);
            // Names are matched from a word token on (see the matcher), so a term must start with a letter.
            if !key.starts_with(char::is_alphabetic) {
                return Err(Error::Input(format!("watchlist: term {:?} must start with a letter", t.text)));
            }
            added.push((key, t));
        }
        // The new terms go after the old ones, and of the terms with the same type and key
        // only the last is kept: found with one hash map over borrowed keys (comparing each
        // new term with every old one made 10,000 terms take over a minute).
        let mut keys = std::mem::take(&mut self.keys);
        let mut terms = std::mem::take(&mut self.terms);
        for (key, t) in added {
            keys.push(key);
            terms.push(t);
        }
        let keep: Vec<bool> = {
            let mut last: FxHashMap<(Kind, &str), usize> = FxHashMap::default();
            for (i, (k, t)) in keys.iter().zip(&terms).enumerate() {
                last.insert((t.kind, k.as_str()), i);
            }
            keys.iter().zip(&terms).enumerate().map(|(i, (k, t))| last[&(t.kind, k.as_str())] == i).collect()
        };
        // `retain` visits the elements once, in order.
        let mut flags = keep.iter();
        keys.retain(|_| flags.next() == Some(&true));
        let mut flags = keep.iter();
        terms.retain(|_| flags.next() == Some(&true));
        (self.keys, self.terms) = (keys, terms);
        self.compile()
    }

    /// Removes every term whose text (in any spelling) or id is in `which`; returns how many.
    pub fn remove(&mut self, which: &[String]) -> Result<usize, Error> {
        let keys: HashSet<String> = which.iter().map(|w| key_of(w)).collect();
        let ids: HashSet<&str> = which.iter().map(String::as_str).collect();
        let before = self.terms.len();
        let (kept_keys, kept): (Vec<String>, Vec<Term>) = std::mem::take(&mut self.keys)
            .into_iter()
            .zip(std::mem::take(&mut self.terms))
            .filter(|(k, t)| !keys.contains(k) && !ids.contains(t.effective_id().as_str()))
            .unzip();
        (self.keys, self.terms) = (kept_keys, kept);
        let removed = before - self.terms.len();
        if removed > 0 {
            self.compile()?;
        }
        Ok(removed)
    }

    fn compile(&mut self) -> Result<(), Error> {
        // Borrowed views of the terms: only the ids made up for terms without one are new
        // strings.
        let ids: Vec<std::borrow::Cow<'_, str>> = self
            .terms
            .iter()
            .map(|t| match &t.id {
                Some(id) => std::borrow::Cow::Borrowed(id.as_str()),
                None => std::borrow::Cow::Owned(t.effective_id()),
            })
            .collect();
        let entries: Vec<EntryView<'_>> = self
            .terms
            .iter()
            .zip(&self.keys)
            .zip(&ids)
            .map(|((t, key), id)| EntryView {
                key,
                kind: t.kind,
                domain: Default::default(),
                id,
                canonical: t.label.as_deref().unwrap_or_default(),
                country: [0, 0],
                rank: 0,
                flags: 0,
            })
            .collect();
        self.lexicon = compile_sorted(&entries)?;
        Ok(())
    }

    /// Parses a watchlist file: one term per line, `text<TAB>type[<TAB>id[<TAB>label]]`;
    /// blank lines and lines starting with `#` are skipped.
    pub fn parse_tsv(input: &str) -> Result<Vec<Term>, Error> {
        let mut out = Vec::new();
        for (n, line) in input.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let bad = |why: &str| Error::Input(format!("terms line {}: {why}", n + 1));
            if cols.len() < 2 || cols.len() > 4 {
                return Err(bad("expected text<TAB>type[<TAB>id[<TAB>label]]"));
            }
            let kind = Kind::parse(cols[1].trim()).ok_or_else(|| bad(&format!("unknown type {:?}", cols[1])))?;
            let opt = |i: usize| cols.get(i).map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
            out.push(Term { text: cols[0].trim().to_string(), kind, id: opt(2), label: opt(3) });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_replace_remove() {
        let mut w = Watchlist::default();
        let t = |s: &str, k| Term { text: s.into(), kind: k, id: None, label: None };
        w.add(vec![t("Acme Corp", Kind::Org), t("أكمي", Kind::Org)]).unwrap();
        w.add(vec![t("ACME corp", Kind::Org)]).unwrap();
        assert_eq!(w.terms().len(), 2);
        assert_eq!(w.remove(&["acme CORP".into()]).unwrap(), 1);
        assert_eq!(w.remove(&["user:أكمي".into()]).unwrap(), 1);
        assert!(w.lexicon().is_empty());
        assert!(w.add(vec![t(" ... ", Kind::Org)]).is_err());
    }

    #[test]
    fn replacement_keeps_order_and_bad_batches_change_nothing() {
        let mut w = Watchlist::default();
        let t = |s: &str, k, id: &str| Term { text: s.into(), kind: k, id: Some(id.into()), label: None };
        w.add(vec![t("Acme", Kind::Org, "a"), t("Beta", Kind::Org, "b"), t("Acme", Kind::Loc, "c")]).unwrap();
        // The same name and type replaces the earlier term, which moves to the end.
        w.add(vec![t("ACME", Kind::Org, "a2"), t("Gamma", Kind::Per, "g"), t("gamma", Kind::Per, "g2")]).unwrap();
        let ids: Vec<&str> = w.terms().iter().map(|t| t.id.as_deref().unwrap()).collect();
        assert_eq!(ids, ["b", "c", "a2", "g2"]);
        assert_eq!(w.lexicon().lookup("acme").len(), 2);
        // One bad term rejects the whole batch.
        assert!(w.add(vec![t("Delta", Kind::Org, "d"), t("123", Kind::Org, "x")]).is_err());
        assert_eq!(w.terms().len(), 4);
        assert!(w.lexicon().lookup("delta").is_empty());
        assert_eq!(w.remove(&["c".into(), "beta".into()]).unwrap(), 2);
        let ids: Vec<&str> = w.terms().iter().map(|t| t.id.as_deref().unwrap()).collect();
        assert_eq!(ids, ["a2", "g2"]);
    }

    #[test]
    fn tsv() {
        let terms = Watchlist::parse_tsv("# mine\nAcme\tORG\tnoor:acme\tAcme Inc.\n\nحي النور\tLOC\n").unwrap();
        assert_eq!(terms.len(), 2);
        assert_eq!(terms[0].label.as_deref(), Some("Acme Inc."));
        assert!(Watchlist::parse_tsv("Acme\n").is_err());
        assert!(Watchlist::parse_tsv("Acme\tTHING\n").is_err());
    }
}
