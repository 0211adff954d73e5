//! The last stage: showing entities. In Rust, a standalone HTML page ([`html`]); in the
//! browser, the JavaScript shim in `www/` does the same on live pages.

pub mod html;
