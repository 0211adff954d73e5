//! Compiling the gazetteers of `../shared/data/gazetteers/` into a lexicon file (native
//! only: this code never reaches the wasm).
//!
//! What is kept is decided by measurement, not by guesses:
//!
//! 1. **Selection by prominence.** Every country, continent and world region is kept;
//!    cities by population (see the `*_MIN_POP` constants for why each threshold); first-level
//!    subdivisions by name.
//! 2. **Selection by evidence.** The candidate lexicon is run over the *training* parts of
//!    the labeled news corpora (ANERcorp without its last 10%, which is our dev set; AQMAR
//!    train; CoNLL-2003 train; WikiGold train). A name that matches text annotated as no
//!    entity more often than text annotated as an entity, at least twice, is a common word
//!    in that language ("Of", "عين") and is dropped. Dev and test data are never read here.
//!
//! The report printed by `noor lexicon build` gives entry counts, sizes and source
//! versions; `models/MANIFEST.md` records the same with hashes of every input.

use super::compile::{write, Entry};
use super::{flags, Domain, Lexicon};
use crate::entity::Kind;
use crate::eval::conll::{self, Sentence};
use crate::text::{tokenize, Normalized};
use crate::Error;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Arabic-script names of cities in the region Arabic news covers day to day (see
/// [`REGION`]) are kept from this population up: a town of 15,000 in Syria or Libya makes
/// the news (درنة, تل رفعت); one elsewhere rarely does.
pub const AR_REGION_MIN_POP: u32 = 15_000;
/// Arabic-script names of cities elsewhere are kept from this population up.
pub const AR_MIN_POP: u32 = 100_000;
/// Countries of the Arab League and their neighbours whose towns Arabic news names.
pub const REGION: [&str; 27] = [
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY",
    "TN", "AE", "YE", "IR", "TR", "IL", "SS", "ER",
];
/// A city name that Wikidata uses at least this often as a token of people's names
/// (Vladimir, Jackson), and that is neither a capital nor a city of a million, is more
/// often a person in news than the place: it is left to the tagger, which sees context.
pub const PERSON_TOKEN_MAX: u32 = 20;
/// Latin-script primary city names are kept from this population up: below it, English
/// names of small towns collide with surnames and words far more often than news names
/// them (Measured: see the evidence filter's report).
pub const EN_MIN_POP: u32 = 100_000;
/// A name is dropped when it matched non-entity text at least this often in training data...
pub const EVIDENCE_MIN_O: u32 = 2;

/// A table read from a TSV file with a header line.
struct Tsv {
    cols: HashMap<String, usize>,
    rows: Vec<Vec<String>>,
}

impl Tsv {
    fn read(path: &Path) -> Result<Tsv, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
        let mut lines = text.lines();
        let header = lines.next().ok_or_else(|| Error::Data(format!("{}: empty file", path.display())))?;
        let cols = header.split('\t').enumerate().map(|(i, c)| (c.to_string(), i)).collect();
        let rows = lines.filter(|l| !l.is_empty()).map(|l| l.split('\t').map(str::to_string).collect()).collect();
        Ok(Tsv { cols, rows })
    }

    fn get<'a>(&self, row: &'a [String], col: &str) -> &'a str {
        self.cols.get(col).and_then(|&i| row.get(i)).map_or("", |s| s.as_str())
    }
}

fn country_code(s: &str) -> [u8; 2] {
    let b = s.as_bytes();
    if b.len() == 2 && b.iter().all(u8::is_ascii_uppercase) {
        [b[0], b[1]]
    } else {
        [0, 0]
    }
}

fn is_latin(name: &str) -> bool {
    name.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c))
}

/// The place files this build reads, in order of preference for canonical names.
pub const PLACE_FILES: [&str; 8] = [
    "cldr_territories.tsv",
    "geonames_continents.tsv",
    "countrystatecity_countries.tsv",
    "i18n_iso_countries.tsv",
    "world_countries.tsv",
    "pycountry_iso3166_1.tsv",
    "countrystatecity_states.tsv",
    "geonames_cities.tsv",
];

/// Reads the place names of the gazetteer directory and selects them by prominence.
pub fn gather_places(dir: &Path) -> Result<(Vec<Entry>, Vec<String>), Error> {
    let mut out = Vec::new();
    let person = person_token_counts(dir)?;
    let mut as_person = Vec::new();
    // Canonical English names by id: CLDR's short names ("Russia") win over official ones.
    let mut canonical: HashMap<String, String> = HashMap::new();
    for file in PLACE_FILES {
        let t = Tsv::read(&dir.join(file))?;
        for row in &t.rows {
            let id = t.get(row, "id");
            let name = t.get(row, "name");
            let lang = t.get(row, "lang");
            let feature = t.get(row, "feature");
            let pop: u32 = t.get(row, "population").parse::<u64>().map_or(0, |p| p.min(u32::MAX as u64) as u32);
            let kind = match t.get(row, "type") {
                "LOC" => Kind::Loc,
                "ORG" => Kind::Org,
                _ => continue, // demonyms are the knowledge-base issue's
            };
            if name.is_empty() || id.is_empty() || id == "un-m49:001" {
                continue; // "World" / "العالم" is a word, not a place to highlight
            }
            let mut fl = 0u8;
            let keep = match feature {
                "country" | "region" | "supranational" | "L.CONT" => {
                    fl |= flags::COUNTRY;
                    true
                }
                "A.ADM" => true,
                _ if file == "geonames_cities.tsv" => {
                    if feature == "P.PPLC" {
                        fl |= flags::CAPITAL;
                    }
                    let capital_or_seat = feature == "P.PPLC" || feature == "P.PPLA";
                    let in_region = REGION.contains(&t.get(row, "country"));
                    // Latin alternates of undetermined language (Moskau, Mosca) serve other
                    // languages than ours; they wait for those languages.
                    let prominent = match lang {
                        "ar" => pop >= if in_region { AR_REGION_MIN_POP } else { AR_MIN_POP } || capital_or_seat,
                        "en" => pop >= EN_MIN_POP || (capital_or_seat && pop >= EN_MIN_POP / 10),
                        _ => false,
                    };
                    let key = super::key_of(name);
                    let personal = feature != "P.PPLC"
                        && pop < 1_000_000
                        && !key.contains(' ')
                        && person.get(&key).is_some_and(|&n| n >= PERSON_TOKEN_MAX);
                    if prominent && personal {
                        as_person.push(format!("{name} ({})", t.get(row, "canonical_en")));
                    }
                    prominent && !personal
                }
                _ => false,
            };
            if !keep {
                continue;
            }
            if is_latin(name) {
                fl |= flags::CAPITALIZED;
            }
            // The ISO country of the place: from the id for ISO entries, else the `country`
            // column (the continents' `code` column holds continent codes, AF = Africa).
            let code = if let Some(c) = id.strip_prefix("iso3166-1:") {
                c
            } else if let Some(c) = id.strip_prefix("iso3166-2:") {
                c.split('-').next().unwrap_or("")
            } else {
                t.get(row, "country")
            };
            let canon =
                canonical.entry(id.to_string()).or_insert_with(|| t.get(row, "canonical_en").to_string()).clone();
            out.push(Entry {
                key: super::key_of(name),
                kind,
                domain: Domain::General,
                id: id.to_string(),
                canonical: canon,
                country: country_code(code),
                rank: pop,
                flags: fl,
            });
        }
    }
    as_person.sort();
    as_person.dedup();
    Ok((out, as_person))
}

/// The organization and person files of the shared gazetteers this build reads.
pub const NAME_FILES: [&str; 6] = [
    "wikidata_un_system_orgs_eticaai.tsv",
    "supraverden_international_orgs.tsv",
    "nsi_arabic_brands_operators.tsv",
    "everypolitician2015_wikidata_labels.tsv",
    "arwikicats_people.tsv",
    "world_countries.tsv",
];

/// The hand-written lists of the repository (facts: organizations, nationality adjectives).
pub const KB_FILES: [&str; 2] = ["kb/organizations.tsv", "kb/demonyms.tsv"];

/// Organizations, well-known people and nationality adjectives from the shared files
/// ([`NAME_FILES`]).
///
/// People are kept only under their full names (two words or more): a single given name or
/// surname is evidence for the tagger, not a name to highlight anywhere it appears.
pub fn gather_names(gaz: &Path) -> Result<Vec<Entry>, Error> {
    let mut out = Vec::new();
    for file in NAME_FILES {
        let t = Tsv::read(&gaz.join(file))?;
        for row in &t.rows {
            let kind = match t.get(row, "type") {
                "ORG" => Kind::Org,
                "PER" => Kind::Per,
                "NORP" => Kind::Misc,
                _ => continue,
            };
            let fl = if kind == Kind::Misc { flags::DEMONYM } else { 0 };
            let canonical = t.get(row, "canonical_en");
            push_name(
                &mut out,
                t.get(row, "name"),
                kind,
                Domain::General,
                t.get(row, "id"),
                &title_case(canonical),
                fl,
            );
        }
    }
    Ok(out)
}

/// The repository's hand-written lists ([`KB_FILES`] under `kb`): organizations with their
/// `exact` and `context` flags, and nationality adjectives, whose Arabic article and feminine
/// forms are derived here. They are facts we vouch for, so the evidence filter does not
/// apply to them (ANERcorp, for one, leaves "مجلس النواب" unmarked; we call it an ORG).
pub fn gather_kb(kb: &Path) -> Result<Vec<Entry>, Error> {
    let mut out = Vec::new();
    let orgs = kb.join("organizations.tsv");
    if orgs.is_file() {
        let t = Tsv::read(&orgs)?;
        for row in &t.rows {
            let Some(kind) = Kind::parse(t.get(row, "type")) else { continue };
            let mut fl = 0;
            for f in t.get(row, "flags").split(',') {
                match f.trim() {
                    "exact" => fl |= flags::EXACT,
                    "context" => fl |= flags::CONTEXT,
                    _ => {}
                }
            }
            let domain = if t.get(row, "note") == "sports" { Domain::Sports } else { Domain::General };
            push_name(&mut out, t.get(row, "name"), kind, domain, t.get(row, "id"), t.get(row, "canonical"), fl);
        }
    }
    let demonyms = kb.join("demonyms.tsv");
    if demonyms.is_file() {
        let t = Tsv::read(&demonyms)?;
        // English adjective per country, as the canonical of every form.
        let mut english: HashMap<&str, &str> = HashMap::new();
        for row in &t.rows {
            if t.get(row, "lang") == "en" && t.get(row, "form") == "adj" {
                english.entry(t.get(row, "country")).or_insert(t.get(row, "name"));
            }
        }
        for row in &t.rows {
            let country = t.get(row, "country");
            let id = format!("demonym:{country}");
            let canonical = english.get(country).copied().unwrap_or("");
            let name = t.get(row, "name");
            let mut forms = vec![name.to_string()];
            if t.get(row, "lang") == "ar" {
                // روسي → الروسي، روسية، الروسية.
                if t.get(row, "form") == "m" {
                    forms.push(format!("{name}ة"));
                }
                let bare = forms.clone();
                forms.extend(bare.iter().map(|f| format!("ال{f}")));
            }
            for f in forms {
                push_name(&mut out, &f, Kind::Misc, Domain::General, &id, canonical, flags::DEMONYM);
            }
        }
    }
    Ok(out)
}

/// Adds one organization, person or demonym name. People only under full names; Latin
/// names match capitalized, and acronyms only in capitals ("WHO", "ERIC").
fn push_name(out: &mut Vec<Entry>, name: &str, kind: Kind, domain: Domain, id: &str, canonical: &str, mut fl: u8) {
    let key = super::key_of(name);
    if key.is_empty() || id.is_empty() || (kind == Kind::Per && !key.contains(' ')) {
        return;
    }
    if is_latin(name) {
        fl |= flags::CAPITALIZED;
        let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase()) {
            fl |= flags::EXACT;
        }
    }
    out.push(Entry {
        key,
        kind,
        domain,
        id: id.to_string(),
        canonical: canonical.to_string(),
        country: [0, 0],
        rank: 0,
        flags: fl,
    });
}

/// "vladimir putin" → "Vladimir Putin" (ArWikiCats keys are lower case).
fn title_case(s: &str) -> String {
    if s.chars().any(char::is_uppercase) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// How often each name (as a key) is a token of a person's name in Wikidata (COLING 2018 lists).
fn person_token_counts(dir: &Path) -> Result<HashMap<String, u32>, Error> {
    let t = Tsv::read(&dir.join(PERSON_TOKENS))?;
    let mut counts: HashMap<String, u32> = HashMap::new();
    for row in &t.rows {
        let n: u32 = t.get(row, "count").parse().unwrap_or(0);
        *counts.entry(super::key_of(t.get(row, "name"))).or_default() += n;
    }
    Ok(counts)
}

/// Name-token lists: given names and surnames as single tokens, for the tagger's features.
/// Only well-attested tokens: Wikidata tokens used in at least [`NAME_TOKEN_MIN`] names, the
/// curated given/family name lists, and US given names with at least 5,000 births. A token
/// on a list of given names has the id [`super::GIVEN_NAME`] (the others `name-token`): in a language
/// no tagger of ours learned, a person the tagger finds is kept only if it starts with one
/// (see `annotate`).
pub fn gather_name_tokens(gaz: &Path) -> Result<Vec<Entry>, Error> {
    // key -> whether a list gives it as a given name
    let mut keys: std::collections::BTreeMap<String, bool> = std::collections::BTreeMap::new();
    for (key, n) in person_token_counts(gaz)? {
        if n >= NAME_TOKEN_MIN {
            keys.entry(key).or_insert(false);
        }
    }
    for file in ["akhateeb_arabic_names.tsv", "faker_person_names.tsv", "arabicnames_romanized.tsv"] {
        let t = Tsv::read(&gaz.join(file))?;
        for row in &t.rows {
            let ty = t.get(row, "type");
            if matches!(ty, "PER-GIVEN" | "PER-FAMILY") {
                *keys.entry(super::key_of(t.get(row, "name"))).or_insert(false) |= ty == "PER-GIVEN";
            }
        }
    }
    let t = Tsv::read(&gaz.join("ssa_us_given_names.tsv"))?;
    for row in &t.rows {
        if t.get(row, "births_total").parse::<u64>().unwrap_or(0) >= 5000 {
            keys.insert(super::key_of(t.get(row, "name")), true);
        }
    }
    let function_words: std::collections::HashSet<String> =
        AR_FUNCTION_WORDS.iter().map(|w| super::key_of(w)).collect();
    Ok(keys
        .into_iter()
        .filter(|(k, _)| !k.is_empty() && !k.contains(' ') && k.chars().count() >= 2 && !function_words.contains(k))
        .map(|(key, given)| Entry {
            key,
            kind: Kind::Per,
            domain: Domain::General,
            id: if given { super::GIVEN_NAME } else { "name-token" }.into(),
            canonical: String::new(),
            country: [0, 0],
            rank: 0,
            flags: flags::NAME_TOKEN,
        })
        .collect())
}

/// Arabic function words that the name-token lists give as names (transliterations: ما Ma,
/// هو Hu, في Fei, من Min, لا La, بين Ben, كان Kan ...), left out of the name tokens: in Arabic
/// text they are prepositions, particles and pronouns, and as name tokens they were a third
/// of the Arabic lexicon's matches (في alone 409 in the ANERcorp dev text). علي stays: it is
/// على "on" in matching form, but also the given name Ali.
///
/// Measured (ANERcorp dev pipeline, mean of training seeds 1-8): without these 80.61, with
/// them 80.89. Leaving out, instead, every Arabic name token the training text uses as a word
/// (one-word matches at least 10 times on O tokens and at most 5% inside a person's name:
/// 146 tokens, these among them, and علي, رئيس, كبير, العربي, دون, دور ...): 80.36; the same
/// keeping given names (84 tokens besides these): 80.50; only those met 40 times (21): 80.49.
/// Eight more function words as well (بأن فإن لو سوى لأي أنا دون وإلى): 80.44. So the gain of
/// these 13 is within what any change to the lexicon's features does to the mean (80.36 to
/// 80.89 for the five lists tried); they are kept because they are not names in Arabic text
/// and a third of the lexicon's matches was theirs.
pub const AR_FUNCTION_WORDS: [&str; 13] =
    ["في", "من", "إلى", "أن", "إن", "ما", "هو", "لا", "بين", "كان", "أو", "أي", "هي"];

/// Least number of Wikidata person names a token must appear in to count as a name token.
pub const NAME_TOKEN_MIN: u32 = 5;

/// The name-token lists besides [`PERSON_TOKENS`].
pub const NAME_TOKEN_FILES: [&str; 4] =
    ["akhateeb_arabic_names.tsv", "faker_person_names.tsv", "arabicnames_romanized.tsv", "ssa_us_given_names.tsv"];

/// The person-name token list used to set aside city names that are mostly people's names.
pub const PERSON_TOKENS: &str = "wikidata_person_name_tokens_coling2018.tsv";

/// Whole words that must not be read as proclitic + name: a word `w` of the unlabeled Arabic
/// news whose proclitic reading `p + s` names a lexicon key `s`, where `w` itself is at least
/// as frequent as `s`. بموسكو is rare next to موسكو, so it is ب + موسكو; فرانس is far more
/// frequent than رانس, so it is a word of its own.
pub fn clitic_blocks(lex: &Lexicon, freq: &HashMap<String, u32>) -> Vec<String> {
    let mut out = Vec::new();
    let mut form = String::new();
    for (w, &n) in freq {
        // A word of its own when some proclitic reading names a key, and every such reading
        // is rarer than the word itself (والقاهرة has the frequent reading و + القاهرة, so
        // its rarer reading وال + قاهرة does not make it a word of its own).
        let mut named = false;
        let mut all_rarer = true;
        for r in crate::text::arabic::readings(w).filter(|r| r.skip > 0) {
            r.form.write_to(&mut form);
            if lex.get(&form).is_empty() {
                continue;
            }
            named = true;
            if freq.get(&form).copied().unwrap_or(0) > n {
                all_rarer = false;
                break;
            }
        }
        if named && all_rarer {
            out.push(w.clone());
        }
    }
    out.sort();
    out
}

/// Word frequencies (matching form) of a gzip'd text file, Arabic-script words only.
pub fn arabic_word_counts(path: &Path) -> Result<HashMap<String, u32>, Error> {
    use std::io::BufRead;
    let f = std::fs::File::open(path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(f));
    let mut counts: HashMap<String, u32> = HashMap::new();
    for line in reader.lines() {
        let line = line.map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
        let n = Normalized::new(&line);
        for w in n.as_str().split(|c: char| !crate::text::arabic::is_arabic_letter(c)) {
            if w.len() >= 4 {
                if let Some(c) = counts.get_mut(w) {
                    *c += 1;
                } else {
                    counts.insert(w.to_string(), 1);
                }
            }
        }
    }
    Ok(counts)
}

/// How often a key matched text annotated as an entity, and as no entity.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    /// Matches that cover a whole gold entity (any type).
    pub entity: u32,
    /// Matches on tokens annotated O.
    pub other: u32,
}

/// Runs `lex` over labeled sentences and counts, per key, matches on entity and non-entity text.
pub fn measure(lex: &Lexicon, values: &HashMap<u64, String>, corpora: &[Vec<Sentence>]) -> HashMap<String, Evidence> {
    let mut ev: HashMap<String, Evidence> = HashMap::new();
    for sents in corpora {
        for s in sents {
            let (text, ranges) = s.text();
            let norm = Normalized::new(&text);
            let tokens = tokenize(&norm);
            let gold: Vec<(usize, usize)> = conll::chunks(&s.tags).into_iter().map(|(_, a, b)| (a, b)).collect();
            // Only the matches that would survive resolution (leftmost-longest): "York"
            // inside "New York" is not a match of its own.
            let mut matches: Vec<_> = super::find(lex, &norm, &tokens)
                .into_iter()
                .filter(|m| m.senses(lex, &text).next().is_some())
                .collect();
            matches.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
            let mut end = 0;
            for m in matches {
                if m.span.start < end {
                    continue;
                }
                end = m.span.end;
                let Some(key) = values.get(&m.value) else {
                    continue;
                };
                let e = ev.entry(key.clone()).or_default();
                // Evidence for the name if the match covers a whole gold entity ("مكة المكرمة"
                // over a gold "مكة" counts); against it if it lies on O tokens, or if a
                // proclitic reading lies inside a longer entity ("رانس" in "فرانس برس"). A
                // plain match inside a longer entity ("Madrid" in "Real Madrid") is no evidence.
                let first = ranges.iter().position(|r| r.end > m.span.start).unwrap_or(0);
                let last = ranges.iter().rposition(|r| r.start < m.span.end).unwrap_or(0) + 1;
                let overlapping: Vec<&(usize, usize)> = gold.iter().filter(|&&(a, b)| a < last && first < b).collect();
                if overlapping.iter().any(|&&(a, b)| first <= a && b <= last) {
                    e.entity += 1;
                } else if overlapping.is_empty() || m.skip > 0 {
                    e.other += 1;
                }
            }
        }
    }
    ev
}

/// The training sentences used as evidence: `(label, path, keep)` where `keep` trims a
/// file to its training part.
pub fn evidence_corpora(ner_dir: &Path) -> Vec<(String, PathBuf, Option<f64>)> {
    vec![
        ("ANERcorp train (first 90%)".into(), ner_dir.join("anercorp_camel_ar/train.txt"), Some(0.9)),
        ("AQMAR train".into(), ner_dir.join("aqmar_ar/train.txt"), None),
        ("CoNLL-2003 train".into(), ner_dir.join("conll2003_en/train.txt"), None),
        ("WikiGold train".into(), ner_dir.join("wikigold_en/train.txt"), None),
    ]
}

/// Reads a CoNLL file, keeping only the first `keep` fraction of its sentences.
pub fn read_conll(path: &Path, keep: Option<f64>) -> Result<Vec<Sentence>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
    let mut s = conll::parse(&text);
    if let Some(f) = keep {
        let n = (s.len() as f64 * f).round() as usize;
        s.truncate(n);
    }
    Ok(s)
}

/// The unlabeled Arabic news, for word frequencies (relative to `../shared`).
pub const UNLABELED_AR: &str = "data/unlabeled/news-ar.txt.gz";

/// The outcome of a build.
pub struct Built {
    /// The Arabic-script names: `models/lexicon-ar.bin`.
    pub ar: Vec<u8>,
    /// The other names (Latin script): `models/lexicon-en.bin`.
    pub en: Vec<u8>,
    /// A human-readable report (sizes, counts, dropped names, sources).
    pub report: String,
}

/// True if a key belongs in the Arabic lexicon: it is in Arabic script. A key never mixes
/// scripts in a way that matters here: a name is matched in one script or the other, and
/// each language's pack carries the names of its own script.
pub fn is_arabic_key(key: &str) -> bool {
    key.chars().find(|c| c.is_alphabetic()).is_some_and(crate::text::arabic::is_arabic_letter)
}

/// Builds the lexicon from `shared` (the `../shared` directory).
pub fn build(shared: &Path, kb: &Path) -> Result<Built, Error> {
    let (kept, mut report) = select(shared, kb)?;
    // One file per language pack, split by script (see `is_arabic_key`).
    let (ar, en): (Vec<Entry>, Vec<Entry>) = kept.into_iter().partition(|e| is_arabic_key(&e.key));
    let (ar, _) = write(&ar)?;
    let (en, _) = write(&en)?;
    for (name, b) in [("lexicon-ar.bin", &ar), ("lexicon-en.bin", &en)] {
        let l = Lexicon::from_bytes(b.clone())?;
        let _ = writeln!(
            report,
            "{name}: {} keys, {} senses, {} bytes ({} gzip)",
            l.len(),
            l.sense_count(),
            b.len(),
            gzip_len(b)
        );
    }
    let _ = writeln!(report, "sources:");
    for line in source_versions(&gaz_dir(shared)) {
        let _ = writeln!(report, "  {line}");
    }
    Ok(Built { ar, en, report })
}

fn gaz_dir(shared: &Path) -> PathBuf {
    shared.join("data/gazetteers")
}

/// Every entry the lexicon keeps, both scripts, with the report of how they were chosen
/// (what [`build`] writes, split by script).
pub fn select(shared: &Path, kb: &Path) -> Result<(Vec<Entry>, String), Error> {
    select_with(shared, kb, &EnSelection::default())
}

/// How the English pack's (Latin-script) names are chosen by use: see [`EN_MIN_USES`].
#[derive(Debug, Clone)]
pub struct EnSelection {
    /// Least number of uses in English text (see [`EN_MIN_USES`]); 0 keeps every name.
    pub min_uses: u32,
    /// Keep first-level subdivisions of the types in [`EN_SUBDIVISION_TYPES`] even when unused.
    pub major_subdivisions: bool,
    /// Keep capitals even when unused.
    pub capitals: bool,
}

impl Default for EnSelection {
    fn default() -> Self {
        EnSelection { min_uses: EN_MIN_USES, major_subdivisions: true, capitals: true }
    }
}

/// The same as [`select`], with the English selection given.
pub fn select_with(shared: &Path, kb: &Path, en: &EnSelection) -> Result<(Vec<Entry>, String), Error> {
    let gaz = shared.join("data/gazetteers");
    let ner = shared.join("data/ner");
    let (mut entries, as_person) = gather_places(&gaz)?;
    let places = entries.len();
    entries.extend(gather_names(&gaz)?);
    let kb_entries = gather_kb(kb)?;
    let (bytes, values) = write(&entries)?;
    let lex = Lexicon::from_bytes(bytes)?;
    let mut corpora = Vec::new();
    let mut report = String::new();
    for (label, path, keep) in evidence_corpora(&ner) {
        let s = read_conll(&path, keep)?;
        let _ = writeln!(report, "evidence: {label}: {} sentences", s.len());
        corpora.push(s);
    }
    let ev = measure(&lex, &values, &corpora);
    // Nationality adjectives are left unmarked by the Arabic corpora's convention (O in
    // ANERcorp), so their evidence says nothing about them: they are exempt.
    let demonym_keys: std::collections::HashSet<&str> =
        entries.iter().filter(|e| e.flags & flags::DEMONYM != 0).map(|e| e.key.as_str()).collect();
    let mut dropped: Vec<(&String, &Evidence)> = ev
        .iter()
        .filter(|(k, e)| e.other >= EVIDENCE_MIN_O && e.other > e.entity && !demonym_keys.contains(k.as_str()))
        .collect();
    dropped.sort_by(|a, b| b.1.other.cmp(&a.1.other).then(a.0.cmp(b.0)));
    let drop: std::collections::HashSet<&str> = dropped.iter().map(|(k, _)| k.as_str()).collect();
    let mut kept: Vec<Entry> = entries.iter().filter(|e| !drop.contains(e.key.as_str())).cloned().collect();
    let _ = writeln!(report, "hand-written (kb): {} senses, kept without the evidence filter", kb_entries.len());
    let kb_range = kept.len()..kept.len() + kb_entries.len();
    kept.extend(kb_entries);
    let name_tokens = gather_name_tokens(&gaz)?;
    let _ = writeln!(report, "name tokens (tagger features only): {}", name_tokens.len());
    kept.extend(name_tokens);
    let (bytes, _) = write(&kept)?;
    let lex = Lexicon::from_bytes(bytes)?;
    let freq = arabic_word_counts(&shared.join(UNLABELED_AR))?;
    let blocks = clitic_blocks(&lex, &freq);
    let _ = writeln!(
        report,
        "clitic blocks: {} words from {} distinct words of {UNLABELED_AR}, e.g. {}",
        blocks.len(),
        freq.len(),
        blocks.iter().take(12).cloned().collect::<Vec<_>>().join(" ")
    );
    kept.extend(blocks.into_iter().map(|w| Entry {
        key: w,
        kind: Kind::Misc,
        domain: Domain::General,
        id: String::new(),
        canonical: String::new(),
        country: [0, 0],
        rank: 0,
        flags: flags::BLOCK,
    }));
    if en.min_uses > 0 {
        select_english_by_use(shared, en, &corpora, kb_range, &mut kept, &mut report)?;
    }
    let (bytes, _) = write(&kept)?;
    let lex = Lexicon::from_bytes(bytes.clone())?;
    let _ = writeln!(report, "set aside as mostly person names ({}): {}", as_person.len(), as_person.join(", "));
    let _ = writeln!(
        report,
        "entries: {} senses read ({places} places), {} dropped as common words, {} keys and {} senses kept",
        entries.len(),
        dropped.len(),
        lex.len(),
        lex.sense_count()
    );
    let _ = writeln!(report, "dropped (other/entity matches in training data):");
    for (k, e) in dropped.iter().take(60) {
        let _ = writeln!(report, "  {k}\t{}/{}", e.other, e.entity);
    }
    if dropped.len() > 60 {
        let _ = writeln!(report, "  ... and {} more", dropped.len() - 60);
    }
    Ok((kept, report))
}

/// The unlabeled English news, for counting which English names are in use (relative to `../shared`).
pub const UNLABELED_EN: &str = "data/unlabeled/news-en.txt.gz";

/// A Latin-script name (the English pack's lexicon) is kept only if English text uses it at
/// least this often: matches in the unlabeled English news ([`UNLABELED_EN`], 5 million words)
/// plus the English training corpora (CoNLL-2003 train, WikiGold train). Countries, continents,
/// world regions, capitals, the major first-level subdivisions ([`EN_SUBDIVISION_TYPES`]),
/// nationality adjectives and our hand-written `kb` lists are kept whatever their use.
///
/// Why: the English lexicon was 584 KB gzip, over half of the English download, and two
/// thirds of its 39,800 senses are names no English text here contains: town names
/// (GeoNames), municipalities and districts (ISO 3166-2), person-name tokens no one in the
/// news bears, full names of people and organizations never written. Measured (CoNLL-2003 dev
/// whole pipeline / tagger alone / WikiGold dev pipeline, English pack gzip; each lexicon with
/// its tagger retrained by `noor train --lang en`):
///
/// | English names kept | CoNLL pipeline | tagger | WikiGold | pack |
/// |---|---|---|---|---|
/// | all | 92.19 | 93.00 | 67.15 | 1,058 KB |
/// | used ≥ 1 (this rule) | 92.21 | 92.94 | 66.85 | 678 KB |
/// | used ≥ 1, without the subdivision and capital exemptions | 92.20 | 92.92 | 66.06 | 635 KB |
/// | used ≥ 2 in the news (or in training text) | 92.13 | 92.87 | 65.88 | 606 KB |
/// | used ≥ 3 in the news (or in training text) | 92.08 | 92.82 | 66.24 | 597 KB |
/// | used in the news only (not training text) | 92.00 | 92.78 | 65.33 | 616 KB |
///
/// Taking back all of one group instead costs: every GeoNames place +157 KB (92.23 / 92.95 /
/// 66.06), every name token +60 KB (92.20 / 92.95 / 66.06), every subdivision +97 KB (92.24 /
/// 92.96 / 67.15). The tagger itself is unchanged by this rule (a name that matches the
/// training text is kept, so its features are the same); only names met in new text are lost.
pub const EN_MIN_USES: u32 = 1;

/// Kinds of first-level subdivision a reader knows by name (a state, a province, a region),
/// kept even when the English text here never names them; municipalities, districts,
/// parishes and the like are kept only when used.
pub const EN_SUBDIVISION_TYPES: [&str; 16] = [
    "state",
    "province",
    "region",
    "governorate",
    "prefecture",
    "land",
    "canton",
    "republic",
    "autonomous community",
    "autonomous region",
    "autonomous republic",
    "administrative region",
    "voivodship",
    "emirate",
    "oblast",
    "union territory",
];

/// Drops the Latin-script entries of `kept` that English text does not use (see
/// [`EN_MIN_USES`]); `kb` is the range of `kept` that holds the hand-written entries.
fn select_english_by_use(
    shared: &Path,
    en: &EnSelection,
    corpora: &[Vec<Sentence>],
    kb: std::ops::Range<usize>,
    kept: &mut Vec<Entry>,
    report: &mut String,
) -> Result<(), Error> {
    use std::io::BufRead;
    let latin: Vec<Entry> = kept.iter().filter(|e| !is_arabic_key(&e.key)).cloned().collect();
    let (bytes, values) = write(&latin)?;
    let lex = Lexicon::from_bytes(bytes)?;
    let mut uses: HashMap<u64, u32> = HashMap::new();
    let mut count = |line: &str| {
        let norm = Normalized::new(line);
        let tokens = tokenize(&norm);
        // Every match that fits the text (capitalization), overlapping ones too: the tagger's
        // features see them all.
        for m in super::find(&lex, &norm, &tokens) {
            if m.senses(&lex, line).next().is_some() {
                *uses.entry(m.value).or_default() += 1;
            }
        }
    };
    let path = shared.join(UNLABELED_EN);
    let f = std::fs::File::open(&path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
    let mut lines = 0usize;
    for line in std::io::BufReader::new(flate2::read::GzDecoder::new(f)).lines() {
        count(&line.map_err(|e| Error::Io(format!("{}: {e}", path.display())))?);
        lines += 1;
    }
    for sents in corpora {
        for s in sents {
            count(&s.text().0);
        }
    }
    let _ =
        writeln!(report, "English use counted in:\n- `{UNLABELED_EN}` {} (matches counted only)", sha256_file(&path)?);
    let used: std::collections::HashSet<&str> = values
        .iter()
        .filter(|(v, _)| uses.get(v).copied().unwrap_or(0) >= en.min_uses)
        .map(|(_, k)| k.as_str())
        .collect();
    let major: std::collections::HashSet<String> = if en.major_subdivisions {
        let t = Tsv::read(&gaz_dir(shared).join("countrystatecity_states.tsv"))?;
        t.rows
            .iter()
            .filter(|r| EN_SUBDIVISION_TYPES.contains(&t.get(r, "subdivision_type")))
            .map(|r| t.get(r, "id").to_string())
            .collect()
    } else {
        Default::default()
    };
    let before = latin.len();
    let mut i = 0;
    let mut dropped: HashMap<String, usize> = HashMap::new();
    kept.retain(|e| {
        let keep = is_arabic_key(&e.key)
            || kb.contains(&i)
            || used.contains(e.key.as_str())
            || e.flags & (flags::COUNTRY | flags::DEMONYM) != 0
            || (en.capitals && e.flags & flags::CAPITAL != 0)
            || major.contains(&e.id);
        i += 1;
        if !keep {
            *dropped.entry(source_group(e)).or_default() += 1;
        }
        keep
    });
    let mut dropped: Vec<(String, usize)> = dropped.into_iter().collect();
    dropped.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let _ = writeln!(
        report,
        "English names by use: {} of {before} Latin-script senses kept (names matched at least {} time(s) in {UNLABELED_EN} ({lines} paragraphs) or the English training text, \
         countries, regions, capitals, major subdivisions, demonyms, kb); dropped unused: {}",
        before - dropped.iter().map(|d| d.1).sum::<usize>(),
        en.min_uses,
        dropped.iter().map(|(g, n)| format!("{g} {n}")).collect::<Vec<_>>().join(", ")
    );
    Ok(())
}

/// A short name for the source of an entry, for reports: its id's scheme, or what it is.
fn source_group(e: &Entry) -> String {
    if e.flags & flags::NAME_TOKEN != 0 {
        return "person-name tokens".into();
    }
    let scheme = e.id.split(':').next().unwrap_or("");
    let scheme = if scheme.starts_with('Q') { "wikidata" } else { scheme };
    format!("{scheme} {}", e.kind)
}

/// Size of `bytes` after gzip at the highest level (what a server would send).
pub fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().map_or(0, |v| v.len())
}

/// The rows of the gazetteers' SOURCES.md table for the files this build reads.
pub fn source_versions(gaz: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(gaz.join("SOURCES.md")).unwrap_or_default();
    let mut out = Vec::new();
    for file in PLACE_FILES.iter().chain(NAME_FILES.iter()).chain([PERSON_TOKENS].iter()).chain(NAME_TOKEN_FILES.iter())
    {
        let needle = format!("| `{file}` |");
        if let Some(line) = text.lines().find(|l| l.starts_with(&needle)) {
            let cols: Vec<&str> = line.split('|').map(str::trim).collect();
            out.push(format!("{file}: {} ({})", cols.get(2).unwrap_or(&""), cols.get(3).unwrap_or(&"")));
        } else {
            out.push(format!("{file}: (not described in SOURCES.md)"));
        }
    }
    out
}

/// SHA-256 of a file, hex.
pub fn sha256_file(path: &Path) -> Result<String, Error> {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
    let d = Sha256::digest(&bytes);
    Ok(d.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str, id: &str, fl: u8, rank: u32) -> Entry {
        Entry {
            key: crate::lexicon::key_of(name),
            kind: Kind::Loc,
            domain: Domain::General,
            id: id.into(),
            canonical: name.into(),
            country: *b"LY",
            rank,
            flags: fl,
        }
    }

    #[test]
    fn round_trip_and_sense_order() {
        let entries = vec![
            e("طرابلس", "geonames:266826", 0, 200_000),
            e("طرابلس", "geonames:2210247", flags::CAPITAL, 1_150_000),
            e("Libya", "iso3166-1:LY", flags::COUNTRY | flags::CAPITALIZED, 6_000_000),
            e("ليبيا", "iso3166-1:LY", flags::COUNTRY, 6_000_000),
        ];
        let (bytes, values) = write(&entries).unwrap();
        assert_eq!(values.len(), 3);
        let lex = Lexicon::from_bytes(bytes).unwrap();
        assert_eq!(lex.len(), 3);
        let s = lex.lookup("طرابلس");
        assert_eq!(s.iter().map(|s| s.id).collect::<Vec<_>>(), ["geonames:2210247", "geonames:266826"]);
        assert_eq!(lex.lookup("LIBYA")[0].country_code(), "LY");
        assert!(lex.lookup("Tripoli").is_empty());
    }

    #[test]
    fn damaged_files_are_errors() {
        let (mut bytes, _) = write(&[e("درنة", "geonames:87205", 0, 1)]).unwrap();
        assert!(Lexicon::from_bytes(bytes[..bytes.len() - 3].to_vec()).is_err());
        bytes[0] = b'X';
        assert!(Lexicon::from_bytes(bytes).is_err());
        assert!(Lexicon::from_bytes(Vec::new()).unwrap().is_empty());
    }
}
