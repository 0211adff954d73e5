//! Helpers shared by the integration tests: where `../shared` is, and how to skip visibly.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared data directory (`NOOR_SHARED`, else `../shared` next to the repository), or
/// `None` with a visible message when it is absent. Under `NOOR_REQUIRE_SHARED=1` (set by
/// `.ci/run`) an absent directory is a failure, not a skip.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("NOOR_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("seed").is_dir() && dir.join("data").is_dir() {
        return Some(dir);
    }
    if std::env::var("NOOR_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("{} is required (NOOR_REQUIRE_SHARED=1) but absent", dir.display());
    }
    eprintln!("SKIPPED: {} not found; tests on shared data did not run", dir.display());
    None
}
