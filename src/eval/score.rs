//! Entity-level precision, recall and F1, per type and overall: an entity counts as
//! correct only when its type and both boundaries match (conlleval semantics).

use super::conll::chunks;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Counts for one type (or for all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities that match a gold entity exactly.
    pub correct: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
}

impl Counts {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        pct(self.correct, self.predicted)
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.correct, self.gold)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Accumulated scores over sentences.
#[derive(Debug, Clone, Default)]
pub struct Score {
    /// Counts per entity type.
    pub by_type: BTreeMap<String, Counts>,
    /// Counts over all types.
    pub total: Counts,
    /// Tokens seen.
    pub tokens: usize,
}

impl Score {
    /// Adds one sentence's gold and predicted tags (same length).
    pub fn add(&mut self, gold: &[impl AsRef<str>], pred: &[impl AsRef<str>]) {
        self.tokens += gold.len();
        let g = chunks(gold);
        let p = chunks(pred);
        for (k, _, _) in &g {
            self.by_type.entry(k.clone()).or_default().gold += 1;
            self.total.gold += 1;
        }
        for c in &p {
            let e = self.by_type.entry(c.0.clone()).or_default();
            e.predicted += 1;
            self.total.predicted += 1;
            if g.contains(c) {
                e.correct += 1;
                self.total.correct += 1;
            }
        }
    }

    /// A table of P/R/F1 per type and overall.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{:<8} {:>7} {:>7} {:>7} {:>7} {:>7}", "type", "prec", "recall", "F1", "gold", "pred");
        for (k, c) in &self.by_type {
            let _ = writeln!(
                s,
                "{:<8} {:>7.2} {:>7.2} {:>7.2} {:>7} {:>7}",
                k,
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted
            );
        }
        let c = self.total;
        let _ = writeln!(
            s,
            "{:<8} {:>7.2} {:>7.2} {:>7.2} {:>7} {:>7}",
            "overall",
            c.precision(),
            c.recall(),
            c.f1(),
            c.gold,
            c.predicted
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_only() {
        let mut s = Score::default();
        s.add(&["B-PER", "I-PER", "O", "B-LOC"], &["B-PER", "O", "O", "B-LOC"]);
        assert_eq!(s.total, Counts { correct: 1, predicted: 2, gold: 2 });
        assert_eq!(s.by_type["LOC"].f1(), 100.0);
        assert_eq!(s.by_type["PER"].f1(), 0.0);
        assert!((s.total.f1() - 50.0).abs() < 1e-9);
    }
}
