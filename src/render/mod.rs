//! The last stage: showing entities. In Rust, a standalone HTML page ([`html`]); in the
//! browser, the JavaScript shim in `www/` does the same on live pages, receiving the entities
//! [`packed`] into one array of numbers and one string.

pub mod html;
pub mod packed;
