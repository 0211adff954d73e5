//! What the caches kept across texts share: their lock, and how a full one chooses what to
//! keep.
//!
//! Two caches outlive a text: the lexicon's walks of each word ([`crate::lexicon`]) and the
//! tagger's sums of each word ([`crate::model`]). A page fills neither; a long-running
//! annotator reading a stream of articles fills both, and what it then drops decides how
//! fast it goes on. News vocabularies are Zipfian: the same few thousand words make most of
//! every article, while most distinct words come once and never again. Emptying a full
//! cache throws the first away with the second; keeping the words used most since they
//! were remembered keeps the first.
//!
//! Measured over the news stream of `noor bench` (a million words of the unlabeled news per
//! language, one instance, caches of 16k words for the tagger and 32k for the lexicon):
//! emptying a full cache against keeping its most used half, the whole annotation took
//! 8.09G against 7.78G instructions in Arabic (-3.9%) and 5.41G against 5.37G in English
//! (valgrind's callgrind), and in three rounds taken in turns Arabic read 792k-805k against
//! 832k-846k tokens per second (one of the new runs fell on a slow moment: 684k), English
//! 1.01M-1.11M against 1.08M-1.32M. How many words each cache holds is its own module's
//! choice (more natively, where streams are read, than in wasm, where pages are).

/// A cache's lock. A panic while it was held leaves it poisoned and its contents perhaps
/// half-written; a cache can always start over, so a poisoned one is emptied by `clear`
/// before use instead of failing every later call.
pub(crate) fn lock_cache<T>(m: &std::sync::Mutex<T>, clear: impl FnOnce(&mut T)) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(guard) => guard,
        Err(poisoned) => {
            let mut guard = poisoned.into_inner();
            clear(&mut guard);
            m.clear_poison();
            guard
        }
    }
}

/// The least use count a full cache keeps an entry with, given every entry's count: the
/// smallest that keeps at most `keep` entries, and always at least 1 (a word used once since
/// it was remembered is the long tail). Counts are bytes (saturating): above 255 uses, a
/// word is frequent enough to keep whatever its exact count.
pub(crate) fn keep_threshold(counts: impl Iterator<Item = u8>, keep: usize) -> u8 {
    let mut histogram = [0usize; 256];
    for c in counts {
        histogram[c as usize] += 1;
    }
    // From the most used down, the counts whose entries all still fit.
    let mut kept = 0;
    for t in (1..256).rev() {
        kept += histogram[t];
        if kept > keep {
            return (t + 1).min(255) as u8;
        }
    }
    1
}

#[cfg(test)]
mod tests {
    use super::keep_threshold;

    #[test]
    fn keeps_the_most_used_within_the_bound() {
        // Ten words used once, five twice, two five times.
        let counts = [1u8; 10].into_iter().chain([2; 5]).chain([5; 2]);
        assert_eq!(keep_threshold(counts.clone(), 100), 1);
        assert_eq!(keep_threshold(counts.clone(), 7), 2);
        assert_eq!(keep_threshold(counts.clone(), 6), 3);
        assert_eq!(keep_threshold(counts.clone(), 2), 3);
        assert_eq!(keep_threshold(counts, 1), 6);
        // Words never used again are never kept, however much room there is.
        assert_eq!(keep_threshold([0u8; 8].into_iter(), 100), 1);
        // Saturated counts: nothing above 255 to tell apart.
        assert_eq!(keep_threshold([255u8; 8].into_iter(), 4), 255);
    }
}
