//! Generating `rules::cldr_tables` from `../shared/data/gazetteers/cldr_dates.tsv` (native
//! only: the wasm carries the generated table, never this code or the TSV).
//!
//! The shared data is read only by build commands and only the derived file is committed
//! (`noor rules tables`, `make rules`); `tests/rules_tables.rs` regenerates the file and
//! fails if it differs from the committed one, so the two cannot drift apart.
//!
//! Every row becomes one entry: the name in matching form (the key the rules compare
//! tokens against), what it means, and flags for language and width. Rows that fold to the
//! same key with the same meaning (أبريل and إبريل) are merged.

use super::words::key_of;
use crate::Error;
use std::collections::BTreeSet;
use std::path::Path;

/// Where the input lives under the shared directory.
pub const INPUT: &str = "data/gazetteers/cldr_dates.tsv";
/// Where the output lives in the repository.
pub const OUTPUT: &str = "src/rules/cldr_tables.rs";

/// The Rust source of `src/rules/cldr_tables.rs`, generated from `shared/` + [`INPUT`].
pub fn tables(shared: &Path) -> Result<String, Error> {
    let path = shared.join(INPUT);
    let tsv = std::fs::read_to_string(&path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| Error::Data(format!("{}: no column {name:?}", path.display())))
    };
    let (c_id, c_type, c_lang, c_name, c_index, c_width) =
        (col("id")?, col("type")?, col("lang")?, col("name")?, col("index")?, col("width")?);
    // (key, class, flags): a set, so equal folded rows merge and the output is sorted.
    let mut rows: BTreeSet<(String, String, String)> = BTreeSet::new();
    for (n, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let get = |c: usize| f.get(c).copied().unwrap_or("");
        let bad = |what: &str| Error::Data(format!("{}:{}: {what}", path.display(), n + 2));
        let id = get(c_id);
        let last = id.rsplit(':').next().unwrap_or("");
        let class = match get(c_type) {
            "DATE-MONTH" => format!("Month({})", month(last).ok_or_else(|| bad("month id"))?),
            "DATE-MONTH-HIJRI" => {
                format!("HijriMonth({})", month(last).ok_or_else(|| bad("month id"))?)
            }
            "DATE-WEEKDAY" => format!("Weekday({})", weekday(last).ok_or_else(|| bad("weekday id"))?),
            "DATE-ERA" => match (id.contains(":islamic:"), last) {
                (false, "0") => "Era(Bc)".into(),
                (false, "1") => "Era(Ad)".into(),
                (true, "0") => "Era(Ah)".into(),
                (true, "1") => "Era(Bh)".into(),
                _ => return Err(bad("era id")),
            },
            "DATE-DAYPERIOD" => {
                let p = match get(c_index) {
                    "am" => "Am",
                    "pm" => "Pm",
                    "noon" => "Noon",
                    "midnight" => "Midnight",
                    i if i.starts_with("morning") => "Morning",
                    i if i.starts_with("afternoon") => "Afternoon",
                    i if i.starts_with("evening") => "Evening",
                    i if i.starts_with("night") => "Night",
                    _ => return Err(bad("day period")),
                };
                format!("Period({p})")
            }
            "DATE-RELATIVE" => {
                // cldr:relative:<unit>:<offset>
                let parts: Vec<&str> = id.split(':').collect();
                let unit = match parts.get(2).copied().unwrap_or("") {
                    "day" => "Unit::Day".to_string(),
                    "week" => "Unit::Week".to_string(),
                    "month" => "Unit::Month".to_string(),
                    "quarter" => "Unit::Quarter".to_string(),
                    "year" => "Unit::Year".to_string(),
                    w => format!("Unit::Weekday({})", weekday(w).ok_or_else(|| bad("relative unit"))?),
                };
                let off: i8 = get(c_index).parse().map_err(|_| bad("relative offset"))?;
                format!("Relative({unit}, {off})")
            }
            _ => continue,
        };
        let mut flags = vec![match get(c_lang) {
            "ar" => "AR",
            "en" => "EN",
            _ => return Err(bad("language")),
        }];
        let width = get(c_width);
        if width == "short" {
            flags.push("SHORT");
        } else if !width.is_empty() && !width.split(',').any(|w| w == "wide") {
            flags.push("ABBR");
        }
        let key = key_of(get(c_name));
        if key.is_empty() {
            return Err(bad("empty name"));
        }
        rows.insert((key, class, flags.join(" | ")));
    }
    let version = source_version(shared);
    let mut out = String::new();
    out.push_str(&format!(
        "//! CLDR month, weekday, era, day-period and relative-day names in matching form.\n\
         //!\n\
         //! @generated by `noor rules tables` (src/rules/build.rs; `make rules`) from\n\
         //! `../shared/{INPUT}` ({version}), SHA-256 {}.\n\
         //! Do not edit by hand: regenerate. `tests/rules_tables.rs` checks that this file is current.\n\
         //!\n\
         //! Data from the Unicode Common Locale Data Repository (CLDR), Copyright © 2004-2026\n\
         //! Unicode, Inc., under the Unicode License v3 (licenses/cldr-unicode-license-v3.txt).\n\
         \n\
         use super::words::{{Class::*, Era::*, Name, Period::*, Unit, ABBR, AR, EN, SHORT}};\n\
         \n\
         /// {} names, sorted by key (bytes) for binary search.\n\
         pub(crate) static CLDR: &[Name] = &[\n",
        sha256_hex(tsv.as_bytes()),
        rows.len()
    ));
    for (key, class, flags) in &rows {
        out.push_str(&format!("    Name {{ key: {key:?}, class: {class}, flags: {flags} }},\n"));
    }
    out.push_str("];\n");
    Ok(out)
}

/// Month number from a CLDR id tail ("09").
fn month(s: &str) -> Option<u8> {
    s.parse().ok().filter(|m| (1..=12).contains(m))
}

/// ISO weekday (1 = Monday … 7 = Sunday) from CLDR's day key.
fn weekday(s: &str) -> Option<u8> {
    Some(match s {
        "mon" => 1,
        "tue" => 2,
        "wed" => 3,
        "thu" => 4,
        "fri" => 5,
        "sat" => 6,
        "sun" => 7,
        _ => return None,
    })
}

/// The source and version of the TSV, from the gazetteers' SOURCES.md table.
fn source_version(shared: &Path) -> String {
    let md = std::fs::read_to_string(shared.join("data/gazetteers/SOURCES.md")).unwrap_or_default();
    md.lines()
        .find(|l| l.starts_with("| `cldr_dates.tsv` |"))
        .and_then(|l| l.split('|').nth(2))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "version not described in SOURCES.md".into())
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
