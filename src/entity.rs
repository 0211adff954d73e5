//! The data model everything flows through: an [`Entity`] is a typed span of the original
//! text, with optional identity (`id`, `canonical`), a `group` shared by mentions of the
//! same thing, and a normalized `value` for dates and amounts.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The type of an entity. Serialized as the upper-case tag (`"PER"`, `"LOC"`, ...), the
/// names used by CoNLL, ANERcorp and displaCy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organization: agencies, companies, parties, armed groups, institutions.
    #[serde(rename = "ORG")]
    Org,
    /// A place: countries, regions, cities, geographic features.
    #[serde(rename = "LOC")]
    Loc,
    /// Other names: nationalities, events, works.
    #[serde(rename = "MISC")]
    Misc,
    /// A date or a period of days or longer.
    #[serde(rename = "DATE")]
    Date,
    /// A time of day.
    #[serde(rename = "TIME")]
    Time,
    /// A number that is not money or a percentage.
    #[serde(rename = "NUM")]
    Num,
    /// An amount of money.
    #[serde(rename = "MONEY")]
    Money,
    /// A percentage.
    #[serde(rename = "PERCENT")]
    Percent,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 9] =
        [Kind::Per, Kind::Org, Kind::Loc, Kind::Misc, Kind::Date, Kind::Time, Kind::Num, Kind::Money, Kind::Percent];

    /// The tag (`PER`, `ORG`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Per => "PER",
            Kind::Org => "ORG",
            Kind::Loc => "LOC",
            Kind::Misc => "MISC",
            Kind::Date => "DATE",
            Kind::Time => "TIME",
            Kind::Num => "NUM",
            Kind::Money => "MONEY",
            Kind::Percent => "PERCENT",
        }
    }

    /// Parses a tag; also accepts the common aliases `PERS`, `GPE` (as LOC) and `NORP` (as MISC).
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "PER" | "PERS" | "PERSON" => Kind::Per,
            "ORG" => Kind::Org,
            "LOC" | "GPE" => Kind::Loc,
            "MISC" | "NORP" => Kind::Misc,
            "DATE" => Kind::Date,
            "TIME" => Kind::Time,
            "NUM" | "CARDINAL" => Kind::Num,
            "MONEY" => Kind::Money,
            "PERCENT" => Kind::Percent,
            _ => return None,
        })
    }

    /// True for the name types of the CoNLL tag set (PER, ORG, LOC, MISC).
    pub fn is_name(self) -> bool {
        matches!(self, Kind::Per | Kind::Org | Kind::Loc | Kind::Misc)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A mention found in a text.
///
/// `start` and `end` are offsets into the original text, in the unit the caller asked for
/// (UTF-16 code units unless told otherwise), and `text` is exactly that slice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Start offset in the original text.
    pub start: usize,
    /// End offset (exclusive) in the original text.
    pub end: usize,
    /// The type.
    #[serde(rename = "type")]
    pub kind: Kind,
    /// The original text of the span.
    pub text: String,
    /// Confidence in 0..=1.
    pub score: f64,
    /// A stable identifier when the mention is known, e.g. `geonames:524901` or `iso3166-1:RU`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The display name of the identified entity (English), e.g. `Moscow`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// Mentions of one entity in a text share a group number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<u32>,
    /// A normalized value for dates, times and amounts (`2023-09-17`, `5000000 USD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Where the mention came from (`lexicon`, `rules`, `model`, `user`); not serialized.
    #[serde(skip)]
    pub source: Source,
}

impl Entity {
    /// A candidate from a pipeline stage: a typed span (byte offsets into the original) with
    /// no text, identity or value yet; later stages fill those in.
    pub fn candidate(start: usize, end: usize, kind: Kind, score: f64, source: Source) -> Entity {
        Entity {
            start,
            end,
            kind,
            text: String::new(),
            score,
            id: None,
            canonical: None,
            group: None,
            value: None,
            source,
        }
    }
}

/// The pipeline stage that proposed an entity. The resolver uses it for precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Source {
    /// The learned tagger.
    #[default]
    Model,
    /// The compiled gazetteer.
    Lexicon,
    /// Date, time and number rules.
    Rules,
    /// A user's watchlist (highest precedence: the user asked for it).
    User,
}
