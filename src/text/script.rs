//! Which language a text is in, as far as the pipeline needs to know: which language pack
//! reads it (the script of its letters: Arabic script means the Arabic pack, anything else
//! the English one), and whether it is the language that pack's tagger learned.
//!
//! The second question matters because a tagger trained on English news reads a German or
//! Spanish page as a page of English names (every capitalized noun a person: "Die
//! Bundesregierung", "Mittwoch"), and one trained on Arabic reads Persian function words as
//! names; a highlighter must not paint such guesses. So a text in another language keeps
//! what needs no tagger (names on our lists, dates and amounts) and, in Latin letters, only
//! the persons the tagger finds that start with a given name on our lists ([`TaggerUse`]).
//! [`Evidence`] gathers what tells the languages apart cheaply, and [`read_languages`]
//! decides for the texts of one document, whose short texts (headings, captions) borrow the
//! verdict of the whole.

use serde::{Deserialize, Serialize};

/// A language the pipeline has resources for, or `Auto` to decide from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Decide per text from its letters.
    #[default]
    Auto,
    /// Arabic.
    Ar,
    /// English.
    En,
}

impl Lang {
    /// Parses `auto`, `ar` or `en`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "auto" => Some(Self::Auto),
            "ar" => Some(Self::Ar),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The code (`auto`, `ar`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Ar => "ar",
            Self::En => "en",
        }
    }
}

/// The pack that reads `text`, from its first 4,000 letters (see [`Evidence::lang`]).
pub fn detect_lang(text: &str) -> Lang {
    Evidence::of(text).lang()
}

/// Function words that are frequent in English news and rare in the other languages written
/// in Latin letters (not "in", "an", "was", "will": German words too; not "to", "on": Czech
/// and Polish). Sorted, for a binary search.
const ENGLISH_WORDS: &[&str] = &[
    "and", "are", "at", "be", "been", "but", "by", "from", "had", "has", "have", "her", "his", "it", "its", "not",
    "of", "said", "she", "that", "the", "their", "they", "this", "were", "which", "who", "with", "would",
];

/// Function words of the European and other Latin-script languages that English news does not
/// use (German, French, Spanish, Portuguese, Italian, Dutch, Czech, Polish, the Scandinavian
/// languages, Romanian, Indonesian, Turkish, Hungarian). Left out: words that English text
/// carries inside names or abbreviations ("de", "la", "le", "el", "al", "van", "von", "del",
/// "los", "dos", "das", "des", "der" ("van der"), "les", "du", "di", "che", "dan", "yang", "meg", "per", "par",
/// "pro", "non", "com", "est", "care", "din", "var" (VAR), "er", "au" (AU),
/// "az", "como", "mit" (MIT), "uma"), and one-letter words ("y", "v", "s", "w", "z":
/// "Southend v Swindon", "Women 's"); measured on CoNLL-2003, whose result tables name
/// many foreign players and clubs. Sorted, for a binary search.
const OTHER_WORDS: &[&str] = &[
    "af", "ainda", "akan", "alla", "anche", "ao", "att", "auch", "auf", "aus", "aussi", "aux", "av", "avait", "avec",
    "años", "bahwa", "bei", "bij", "bir", "bu", "ce", "ces", "cette", "con", "cu", "cuando", "că", "daha", "dalam",
    "dans", "dari", "dass", "dat", "daß", "dei", "della", "delle", "dem", "den", "dengan", "desde", "det", "deze",
    "diese", "dieser", "dieses", "disse", "dit", "dla", "donde", "dopo", "ein", "eine", "einem", "einen", "einer",
    "eines", "ela", "ele", "elle", "elles", "em", "en", "entre", "es", "essere", "esta", "este", "está", "et", "foi",
    "fost", "fue", "fueron", "för", "für", "gegen", "gibi", "gli", "han", "har", "hasta", "hay", "hebben", "heeft",
    "het", "hogy", "ikke", "il", "ile", "ils", "im", "ini", "ist", "itu", "için", "jak", "jako", "je", "jeg", "jego",
    "jest", "jsou", "juga", "já", "ke", "které", "který", "leur", "leurs", "lo", "maar", "mais", "mas", "med", "muy",
    "más", "na", "naar", "nach", "nel", "nella", "nem", "nicht", "niet", "noch", "nog", "nous", "nu", "não", "och",
    "oder", "og", "olarak", "oleh", "ont", "ook", "oraz", "os", "pada", "para", "pas", "pe", "pela", "pelo", "pentru",
    "perché", "pero", "più", "podle", "pour", "przez", "på", "quando", "que", "questo", "qui", "sau", "se", "seit",
    "selon", "ser", "seu", "sich", "sie", "sind", "się", "sobre", "som", "sono", "sonra", "sont", "stato", "sua",
    "sul", "sur", "sus", "são", "también", "tidak", "til", "tras", "uit", "um", "und", "une", "unter", "untuk", "ve",
    "voor", "vous", "werden", "wie", "wird", "worden", "wordt", "wurde", "zijn", "zum", "zur", "är", "és", "était",
    "été", "în", "über", "że", "și",
];

/// What tells the languages of a text apart, counted over its first [`Evidence::LETTERS`]
/// letters. Counts add up, so the texts of a document can be judged together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Letters read.
    pub letters: u32,
    /// Arabic-script letters among them.
    pub arabic: u32,
    /// Latin letters among them (with or without diacritics).
    pub latin: u32,
    /// Letters only Arabic writes (ي ك ة ى: Persian writes ی ک ه, Urdu ی ک ہ).
    pub arabic_only: u32,
    /// Letters Arabic does not write and Persian or Urdu do (پ چ ژ گ ک ی; ٹ ڈ ڑ ں ھ ہ ے).
    pub persian: u32,
    /// Latin letters with diacritics (é ü ß ç ñ ş ř ł …): a few in English news (names), one
    /// in fifty letters or more in the other languages.
    pub diacritics: u32,
    /// Latin-script words read.
    pub words: u32,
    /// Of them, English function words ("the", "said", "which" …).
    pub english: u32,
    /// Of them, function words of the other Latin-script languages ("und", "dans", "também" …).
    pub other: u32,
}

/// A verdict on one text: the pack that reads it, and how far its tagger is trusted there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The language pack (`Ar` or `En`).
    pub lang: Lang,
    /// What of the pack's tagger's findings the text keeps.
    pub tagger: TaggerUse,
}

/// What of a tagger's findings a text keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaggerUse {
    /// All: the text is in the language the tagger learned (or not known to be in another).
    All,
    /// Only persons of two words or more that start with a given name on our lists: the text
    /// is in another language in Latin letters (German, Spanish). There the English tagger
    /// still tells "Olaf Scholz" for a person, but it also takes every capitalized German
    /// noun for a name.
    Persons,
    /// Nothing: the text is in a script neither tagger reads (Cyrillic, Greek, Han …), or in
    /// Persian or Urdu. Arabic given names are ordinary words as often as not, and in Persian
    /// text the Arabic tagger's persons that start with one were mostly phrases (هزار میلیارد
    /// "a thousand billion", می رود "goes": on the two saved Persian pages).
    None,
}

impl Evidence {
    /// Letters read per text: enough to decide, and a bound on the cost of a long text.
    pub const LETTERS: u32 = 4000;

    /// Counts the evidence in the first [`Evidence::LETTERS`] letters of `text`.
    pub fn of(text: &str) -> Evidence {
        let mut e = Evidence::default();
        // The current Latin word, lower-cased; a longer one is no function word.
        let mut word = [0u8; 12];
        let (mut len, mut long) = (0usize, false);
        // Letters of the current word, and how many of them are capitals: a word in capitals
        // ("SER A SER B" in a bond table, a shouted headline) is an abbreviation as often as a
        // word, so only words in lower case or capitalized count as function words.
        let (mut n, mut caps) = (0u32, 0u32);
        let push = |word: &mut [u8; 12], b: &[u8], len: &mut usize, long: &mut bool| {
            if *len + b.len() <= word.len() {
                word[*len..*len + b.len()].copy_from_slice(b);
                *len += b.len();
            } else {
                *long = true;
            }
        };
        let end_word = |e: &mut Evidence, word: &[u8], long: bool, n: u32, caps: u32| {
            if word.is_empty() {
                return;
            }
            e.words += 1;
            let Ok(w) = std::str::from_utf8(word) else { return };
            if long || (n >= 2 && caps == n) {
                // no function word
            } else if ENGLISH_WORDS.binary_search(&w).is_ok() {
                e.english += 1;
            } else if OTHER_WORDS.binary_search(&w).is_ok() {
                e.other += 1;
            }
        };
        // Byte by byte through ASCII (most of an English text), a character at a time
        // elsewhere: decoding every character of an English text was 2% of annotating it.
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() && e.letters < Self::LETTERS {
            let b = bytes[i];
            if b.is_ascii() {
                i += 1;
                if b.is_ascii_alphabetic() {
                    e.letters += 1;
                    e.latin += 1;
                    (n, caps) = (n + 1, caps + b.is_ascii_uppercase() as u32);
                    push(&mut word, &[b.to_ascii_lowercase()], &mut len, &mut long);
                } else {
                    end_word(&mut e, &word[..len], long, n, caps);
                    (len, long, n, caps) = (0, false, 0, 0);
                }
                continue;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else { break };
            i += c.len_utf8();
            if ('\u{00C0}'..='\u{024F}').contains(&c) && c.is_alphabetic() {
                e.letters += 1;
                e.latin += 1;
                e.diacritics += 1;
                (n, caps) = (n + 1, caps + c.is_uppercase() as u32);
                for l in c.to_lowercase() {
                    push(&mut word, l.encode_utf8(&mut [0u8; 4]).as_bytes(), &mut len, &mut long);
                }
                continue;
            }
            end_word(&mut e, &word[..len], long, n, caps);
            (len, long, n, caps) = (0, false, 0, 0);
            if !is_letter(c) {
                continue;
            }
            e.letters += 1;
            if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c) {
                e.arabic += 1;
                match c {
                    'ي' | 'ك' | 'ة' | 'ى' => e.arabic_only += 1,
                    'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' | 'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ھ' | 'ہ' | 'ے' => {
                        e.persian += 1
                    }
                    _ => {}
                }
            }
        }
        end_word(&mut e, &word[..len], long, n, caps);
        e
    }

    /// Adds another text's evidence.
    pub fn add(&mut self, o: &Evidence) {
        self.letters += o.letters;
        self.arabic += o.arabic;
        self.latin += o.latin;
        self.arabic_only += o.arabic_only;
        self.persian += o.persian;
        self.diacritics += o.diacritics;
        self.words += o.words;
        self.english += o.english;
        self.other += o.other;
    }

    /// The pack: Arabic if at least a third of the letters are Arabic-script (a third, not a
    /// half, because Arabic news quotes Latin names, URLs and numbers), else English.
    pub fn lang(&self) -> Lang {
        if self.letters > 0 && self.arabic * 3 >= self.letters {
            Lang::Ar
        } else {
            Lang::En
        }
    }

    /// Most letters are in a script neither Arabic nor Latin (a text without letters is not).
    pub fn other_script(&self) -> bool {
        self.lang() == Lang::En && self.latin * 2 < self.letters
    }

    /// Whether the text is in the language its pack's tagger learned: `Some(false)` when it
    /// is clearly another (Persian or Urdu letters where Arabic ones would be; other
    /// languages' function words or diacritics where English ones would be; a script that is
    /// neither Arabic nor Latin), `Some(true)` when it is clearly that language, `None` when
    /// the text is too short to tell (a heading, a name). The thresholds are proportions, so
    /// that a few foreign names in an English table ("De Graafschap", "Le Havre") do not
    /// count; measured on the saved pages and on the dev sets, whose every document stays
    /// Arabic or English.
    pub fn trained(&self) -> Option<bool> {
        if self.lang() == Lang::Ar {
            return if self.persian >= 3 && self.persian > self.arabic_only {
                Some(false)
            } else if self.arabic_only >= 3 {
                Some(true)
            } else {
                None
            };
        }
        if self.other_script() {
            return Some(false); // Cyrillic, Greek, Han, Hangul, Armenian …: no tagger of ours
        }
        let (words, english, other) = (self.words, self.english, self.other);
        let foreign_words = other >= 3 && other * 20 >= words && other > 2 * english;
        let foreign_letters = self.diacritics >= 10 && self.diacritics * 50 >= self.latin && english * 20 < words;
        if foreign_words || foreign_letters {
            Some(false)
        } else if english >= 3 && english * 20 >= words {
            Some(true)
        } else {
            None
        }
    }
}

/// Reads the texts of one document: each text's pack from its own letters (an English page
/// may quote Arabic), and what of its tagger's findings it keeps: nothing if the text is in
/// another script (a Chinese headline is short, but plainly not English); else all, or only
/// persons (nothing in Persian: see [`TaggerUse`]), as the text is or is not in the tagger's
/// language by its own evidence where that decides, else by the evidence of all the
/// document's texts of its script (Arabic, Latin), else all (what a text with nothing to
/// tell is taken for) unless most of the document's letters are in another script.
pub fn read_languages(texts: &[&str]) -> Vec<Reading> {
    let evidence: Vec<Evidence> = texts.iter().map(|t| Evidence::of(t)).collect();
    let (mut whole, mut all) = ([Evidence::default(); 2], Evidence::default());
    for e in &evidence {
        all.add(e);
        if !e.other_script() {
            whole[(e.lang() == Lang::En) as usize].add(e);
        }
    }
    // On a page mostly in another script (Russian, Chinese), the Latin bits that cannot tell
    // (menus, brand names) are not taken for English either.
    let default = !all.other_script();
    evidence
        .iter()
        .map(|e| {
            let lang = e.lang();
            let trained = e.trained().or_else(|| whole[(lang == Lang::En) as usize].trained()).unwrap_or(default);
            let tagger = match (e.other_script(), trained) {
                (true, _) => TaggerUse::None,
                (false, true) => TaggerUse::All,
                (false, false) if lang == Lang::Ar => TaggerUse::None,
                (false, false) => TaggerUse::Persons,
            };
            Reading { lang, tagger }
        })
        .collect()
}

/// `char::is_lowercase`, answered without the Unicode tables for ASCII and the Arabic block
/// (which has no case): the capitalization checks on lexicon matches and surnames run on
/// every Arabic name too.
#[inline]
pub(crate) fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        false
    } else {
        c.is_lowercase()
    }
}

/// `char::is_alphabetic`, answered without the Unicode tables for ASCII and the Arabic
/// block. Detection looks at every letter of an Arabic text, and the general lookup (a
/// binary search of Unicode's ranges) was a tenth of annotating Arabic with language
/// detection on.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        // The Alphabetic ranges of the Arabic block (letters, and the marks Unicode counts
        // as alphabetic); the test below checks them against the standard library's tables.
        matches!(c, '\u{0610}'..='\u{061A}'
            | '\u{0620}'..='\u{0657}'
            | '\u{0659}'..='\u{065F}'
            | '\u{066E}'..='\u{06D3}'
            | '\u{06D5}'..='\u{06DC}'
            | '\u{06E1}'..='\u{06E8}'
            | '\u{06ED}'..='\u{06EF}'
            | '\u{06FA}'..='\u{06FC}'
            | '\u{06FF}')
    } else {
        c.is_alphabetic()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_as_the_unicode_tables_say() {
        for c in ('\0'..='\u{07FF}').chain(['\u{FB50}', '\u{FEFC}', '\u{1F600}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{:04X}", c as u32);
            assert_eq!(is_lower(c), c.is_lowercase(), "{:04X}", c as u32);
        }
    }

    const GERMAN: &str = "Die Bundesregierung hat am Mittwoch in Berlin beschlossen, dass der Bundeskanzler nach \
        Paris reist. Der Vorschlag der Kommission wurde von der Opposition kritisiert, die eine Debatte im Bundestag \
        verlangt.";
    const SPANISH: &str = "El presidente del Gobierno viajó el miércoles a Bruselas para reunirse con la Comisión \
        Europea. La oposición criticó la decisión y pidió que el Congreso debata el acuerdo, según fuentes del partido.";
    const ENGLISH: &str = "The government said on Wednesday that the minister would travel to Paris, where he is \
        expected to meet his French counterpart. The opposition has criticised the decision.";
    const ARABIC: &str = "قالت الحكومة يوم الأربعاء إن الوزير سيسافر إلى باريس حيث يلتقي نظيره الفرنسي.";
    const PERSIAN: &str = "به گزارش خبرگزاری ایسنا، رئیس جمهور ایران روز چهارشنبه در تهران گفت که دولت برای \
        مذاکره آماده است.";

    #[test]
    fn tells_the_languages_the_taggers_learned_from_others() {
        let trained = |t: &str| Evidence::of(t).trained();
        assert_eq!(trained(ENGLISH), Some(true));
        assert_eq!(trained(ARABIC), Some(true));
        for other in [GERMAN, SPANISH, PERSIAN, "Президент России заявил в среду, что Москва готова к переговорам."]
        {
            assert_eq!(trained(other), Some(false), "{other}");
        }
        assert_eq!(Evidence::of(PERSIAN).lang(), Lang::Ar);
        // Too short to tell, or foreign names in an English results table.
        for unsure in [
            "Barack Obama visited Paris.",
            "ليبيا",
            "Southend v Swindon , Le Havre 2 De Graafschap 1 , Bayern Munich 2 van der Sar",
        ] {
            assert_eq!(trained(unsure), None, "{unsure}");
        }
    }

    #[test]
    fn short_texts_borrow_the_documents_verdict() {
        let tagger =
            |texts: &[&str]| read_languages(texts).iter().map(|r| r.tagger == TaggerUse::All).collect::<Vec<_>>();
        // A German heading on a German page, an English one on an English page.
        assert_eq!(tagger(&["Kanzler Scholz reist nach Paris", GERMAN]), [false, false]);
        assert_eq!(tagger(&["Minister Travels To Paris", ENGLISH]), [true, true]);
        // A Chinese headline is short but plainly not English; the Arabic text of an English
        // page is read by the Arabic tagger.
        assert_eq!(tagger(&["国务院总理会见法国总统", ENGLISH, ARABIC]), [false, true, true]);
        let readings = read_languages(&[PERSIAN, "ایران", "Tehran Times"]);
        assert_eq!(
            readings.iter().map(|r| (r.lang, r.tagger)).collect::<Vec<_>>(),
            [(Lang::Ar, TaggerUse::None), (Lang::Ar, TaggerUse::None), (Lang::En, TaggerUse::All)]
        );
        let uses = |texts: &[&str]| read_languages(texts).iter().map(|r| r.tagger).collect::<Vec<_>>();
        assert_eq!(uses(&["国务院总理会见法国总统", GERMAN]), [TaggerUse::None, TaggerUse::Persons]);
        // Nothing to tell anywhere: the taggers read it, as before.
        assert_eq!(tagger(&["Barack Obama", "2024"]), [true, true]);
        // A page mostly in another script: its Latin menu items are not taken for English.
        assert_eq!(tagger(&["Москва готова к переговорам, заявил президент России в среду.", "Home"]), [false, false]);
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [ENGLISH_WORDS, OTHER_WORDS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
        assert!(ENGLISH_WORDS.iter().all(|w| OTHER_WORDS.binary_search(w).is_err()));
    }

    #[test]
    fn detects() {
        assert_eq!(detect_lang("وصل إلى موسكو via Reuters"), Lang::Ar);
        assert_eq!(detect_lang("He flew to Moscow."), Lang::En);
        assert_eq!(detect_lang("123 !"), Lang::En);
    }

    /// The byte-wise scan decides as a scan of the letters (the first 4,000) does, on texts
    /// whose Arabic share crosses a third before, at and after the 4,000th letter.
    #[test]
    fn detection_reads_the_first_4000_letters() {
        let is_arabic = |c: &char| ('\u{0600}'..='\u{06FF}').contains(c) || ('\u{0750}'..='\u{077F}').contains(c);
        let by_letters = |text: &str| {
            let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).take(4000).collect();
            let arabic = letters.iter().filter(|c| is_arabic(c)).count();
            if !letters.is_empty() && arabic * 3 >= letters.len() {
                Lang::Ar
            } else {
                Lang::En
            }
        };
        for latin in [0, 1, 1000, 2660, 2667, 2668, 3999, 4000, 4001, 6000] {
            for arabic in [0, 1, 1333, 1334, 2000, 4000] {
                for order in 0..3 {
                    let (l, a) = ("é a-1 ".repeat(latin / 2), "بـ، ".repeat(arabic));
                    let text = match order {
                        0 => format!("{l}{a}"),
                        1 => format!("{a}{l}"),
                        _ => format!("😀{l}\u{0301}{a}日本"),
                    };
                    assert_eq!(detect_lang(&text), by_letters(&text), "{latin} {arabic} {order}");
                }
            }
        }
    }
}
