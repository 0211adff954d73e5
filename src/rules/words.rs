//! The rules' vocabulary: every word or fixed phrase the date, time and amount grammars
//! look for, in matching form, with what it means ([`Class`]).
//!
//! Two sources are merged into one sorted table at first use:
//! - the CLDR names (months in every Arabic tradition, Hijri months, weekdays, eras, day
//!   periods, relative days and weeks), generated from `../shared` into
//!   [`super::cldr_tables`] by [`super::build`];
//! - the hand-written words below ([`HAND`]): spellings CLDR lacks (يونيه, كانون ثاني),
//!   the grammar's glue (عام, الماضي, قبل الماضي, الساعة, "ago"), number words, scales,
//!   currencies and percent words.
//!
//! A phrase is stored as its tokens joined by single spaces (`اول امس`, `p.m .`), so the
//! lookup walks tokens, never builds strings: binary search on the first token's text,
//! then token-by-token comparison. The first token of an expression may carry an Arabic
//! proclitic (و ف ب ل and their pairs), which stays outside the span.

use super::cldr_tables::CLDR;
use super::numbers::{digits_of, Digits};
use super::Cx;
use crate::text::TokenKind;
use std::sync::OnceLock;

/// An Arabic name (flag).
pub(crate) const AR: u8 = 1;
/// An English name (flag): must start with a capital in the text when it is a month or a
/// weekday ("May", not "may").
pub(crate) const EN: u8 = 2;
/// CLDR's abbreviated width only ("Sept", "Tue").
pub(crate) const ABBR: u8 = 4;
/// CLDR's short width only ("أحد", "Tu"): too ambiguous to find on their own.
pub(crate) const SHORT: u8 = 8;
/// Must be written in capitals in the text (codes: "GMT", "USD").
pub(crate) const UPPER: u8 = 16;
/// Needs context to count (a day, a year, a partner month, an amount): "مارس" is also a
/// verb, "آب" folds to "اب" (father), "m" is also metres.
pub(crate) const WEAK: u8 = 32;

/// What a vocabulary entry means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// A Gregorian month, 1..=12.
    Month(u8),
    /// A Hijri month, 1..=12.
    HijriMonth(u8),
    /// A weekday, ISO numbering: 1 = Monday … 7 = Sunday.
    Weekday(u8),
    /// An era.
    Era(Era),
    /// A part of the day.
    Period(Period),
    /// A fixed relative expression: unit and offset ("أمس" = day −1, "next week" = week +1).
    Relative(Unit, i8),
    /// عام, العام, سنة: the word before a year number.
    YearWord,
    /// يوم: the word before a weekday or a relative day ("يوم الخميس", "يوم أمس").
    DayWord,
    /// شهر: the word before a month name ("شهر رمضان").
    MonthWord,
    /// A unit that a relative suffix turns into a date: الأسبوع, الشهر, العام.
    UnitWord(Unit),
    /// A counted unit for "N days ago": day, days, weeks ...
    UnitCount(Unit),
    /// A relative suffix: الماضي (−1), قبل الماضي (−2), المقبل (+1), الجاري (0).
    Suffix(i8),
    /// A relative prefix: last (−1), next (+1), this (0).
    Prefix(i8),
    /// "ago".
    Ago,
    /// A word before a bare year that makes it a year: في, منذ, in, since ...
    YearCue,
    /// الساعة: the word before a clock time.
    Clock,
    /// "o'clock".
    OClock,
    /// An hour as an Arabic ordinal: الثالثة = 3.
    Hour(u8),
    /// Minutes added to an hour word: والنصف = +30, إلا ربعا = −15.
    Minutes(i8),
    /// A time zone, as minutes east of UTC; [`LOCAL`] for local time without an offset.
    Zone(i16),
    /// A cardinal number word: ثلاثة = 3, twenty = 20.
    Cardinal(u16),
    /// A scale word: (power of ten, count): ألف = (3, 1), مليونين = (6, 2), ملايين = (6, 0)
    /// where 0 means a plural that needs a number before it.
    Scale(u8, u8),
    /// A currency word or symbol, with its ISO 4217 code (or an English name where the
    /// country is not said: "dinar").
    Currency(&'static str),
    /// A nationality that names the currency: دولار أمريكي, Saudi riyals.
    CurrencyAdj(&'static str),
    /// A percent sign or word: %, ٪, بالمئة, في المئة, percent.
    PercentWord,
    /// A word after which a number is a label, not a quantity: المادة 5, article 5, رقم 3.
    Label,
    /// An ordinal that can name a day of the month or a century: الأول = 1, الحادي
    /// والعشرين = 21, "first", "twenty-first".
    Ordinal(u8),
    /// A decade word, the tens digit: الثمانينيات = 8.
    Decade(u8),
    /// القرن, "century".
    CenturyWord,
    /// A modifier before a date: مطلع, منتصف, أواخر, "early", "mid", "late", "the end of".
    Mod(Modifier),
    /// An Arabic counted unit for "قبل ثلاثة أيام", "منذ يومين": (unit, count), count 2 for
    /// the dual (يومين), 1 for the singular (عام, عاما), 0 for a plural that needs a number.
    ArUnit(Unit, u8),
    /// A fraction of a scale, by its denominator: نصف مليون (2), ربع مليون (4), "half a
    /// million"; after one: "مليون ونصف", "and a half".
    Fraction(u8),
}

/// A TIMEX3 `mod` of [`Class::Mod`]: which part of the period is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modifier {
    /// مطلع, بداية, أوائل, "early", "the beginning of".
    Start,
    /// منتصف, أواسط, "mid", "the middle of".
    Mid,
    /// أواخر, نهاية, "late", "the end of".
    End,
}

impl Modifier {
    /// The TIMEX3 name: `START`, `MID`, `END`.
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::Start => "START",
            Modifier::Mid => "MID",
            Modifier::End => "END",
        }
    }
}

/// The time zone of [`Class::Zone`] that has no offset: local time.
pub(crate) const LOCAL: i16 = i16::MIN;

/// An era of [`Class::Era`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Era {
    /// Before Christ / before the common era.
    Bc,
    /// Anno Domini / common era.
    Ad,
    /// Anno Hegirae (هـ).
    Ah,
    /// Before the Hijra.
    Bh,
}

/// A part of the day of [`Class::Period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    /// a.m., ص
    Am,
    /// p.m., م
    Pm,
    /// noon
    Noon,
    /// midnight
    Midnight,
    /// morning, صباحًا, فجرًا
    Morning,
    /// afternoon, ظهرًا, بعد الظهر
    Afternoon,
    /// evening, مساءً
    Evening,
    /// night, ليلًا
    Night,
}

/// The unit of a relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Days.
    Day,
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
    /// Quarters.
    Quarter,
    /// Years.
    Year,
    /// A weekday (ISO 1..=7): "last Sunday" is (Weekday(7), −1).
    Weekday(u8),
}

/// One vocabulary entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Name {
    /// Tokens in matching form, joined by single spaces.
    pub key: &'static str,
    /// What it means.
    pub class: Class,
    /// [`AR`], [`EN`], [`ABBR`], [`SHORT`], [`UPPER`], [`WEAK`].
    pub flags: u8,
}

impl Name {
    /// True if `flag` is set.
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

const fn n(key: &'static str, class: Class, flags: u8) -> Name {
    Name { key, class, flags }
}

use Class::*;

/// Hand-written vocabulary (matching form: أ إ آ → ا, ى → ي, ة → ه, no harakat, Latin lower
/// case). Order does not matter; the table is sorted at first use and a test checks that
/// every key is already in matching form.
const HAND: &[Name] = &[
    // Month spellings CLDR does not list: Egyptian يونيه/يوليه, Levantine forms without ال.
    n("يونيه", Month(6), AR),
    n("يوليه", Month(7), AR),
    n("تشرين اول", Month(10), AR),
    n("تشرين ثاني", Month(11), AR),
    n("كانون اول", Month(12), AR),
    n("كانون ثاني", Month(1), AR),
    // Hijri month variants (genitive ذي, the other names of the fourth to sixth months).
    n("ربيع الثاني", HijriMonth(4), AR),
    n("ربيع اول", HijriMonth(3), AR),
    n("جمادي الاول", HijriMonth(5), AR),
    n("جمادي الاخر", HijriMonth(6), AR),
    n("جمادي الثاني", HijriMonth(6), AR),
    n("جمادي الثانيه", HijriMonth(6), AR),
    n("ذي القعده", HijriMonth(11), AR),
    n("ذي الحجه", HijriMonth(12), AR),
    // Eras written out.
    n("هجري", Era(Era::Ah), AR),
    n("هجريه", Era(Era::Ah), AR),
    n("للهجره", Era(Era::Ah), AR),
    n("ميلاديه", Era(Era::Ad), AR),
    n("للميلاد", Era(Era::Ad), AR),
    // Day periods CLDR lacks or spells otherwise.
    n("مساءا", Period(Period::Evening), AR),
    n("عصرا", Period(Period::Afternoon), AR),
    n("بعد الظهيره", Period(Period::Afternoon), AR),
    n("منتصف الليل", Period(Period::Midnight), AR),
    n("منتصف النهار", Period(Period::Noon), AR),
    n("a.m", Period(Period::Am), EN),
    n("p.m", Period(Period::Pm), EN),
    // Relative days beyond CLDR's.
    n("الامس", Relative(Unit::Day, -1), AR),
    n("اول من امس", Relative(Unit::Day, -2), AR),
    n("امس الاول", Relative(Unit::Day, -2), AR),
    n("بعد غد", Relative(Unit::Day, 2), AR),
    n("يوم غد", Relative(Unit::Day, 1), AR),
    n("هذا العام", Relative(Unit::Year, 0), AR),
    n("هذه السنه", Relative(Unit::Year, 0), AR),
    // Keyed without their "the" (the span takes it back): "the" is the most frequent
    // English word and would send every one of them through the grammars.
    n("day before yesterday", Relative(Unit::Day, -2), EN),
    n("day after tomorrow", Relative(Unit::Day, 2), EN),
    n("tonight", Relative(Unit::Day, 0), EN),
    n("week before last", Relative(Unit::Week, -2), EN),
    // Grammar glue for dates.
    n("عام", YearWord, AR),
    n("العام", YearWord, AR),
    n("عامي", YearWord, AR),
    n("سنه", YearWord, AR),
    n("السنه", YearWord, AR),
    n("يوم", DayWord, AR),
    n("شهر", MonthWord, AR),
    n("الاسبوع", UnitWord(Unit::Week), AR),
    n("الشهر", UnitWord(Unit::Month), AR),
    n("العام", UnitWord(Unit::Year), AR),
    n("السنه", UnitWord(Unit::Year), AR),
    n("الماضي", Suffix(-1), AR),
    n("الماضيه", Suffix(-1), AR),
    n("المنصرم", Suffix(-1), AR),
    n("المنصرمه", Suffix(-1), AR),
    n("الفائت", Suffix(-1), AR),
    n("الفائته", Suffix(-1), AR),
    n("المقبل", Suffix(1), AR),
    n("المقبله", Suffix(1), AR),
    n("القادم", Suffix(1), AR),
    n("القادمه", Suffix(1), AR),
    n("الجاري", Suffix(0), AR),
    n("الحالي", Suffix(0), AR),
    n("الحاليه", Suffix(0), AR),
    n("قبل الماضي", Suffix(-2), AR),
    n("قبل الماضيه", Suffix(-2), AR),
    n("بعد المقبل", Suffix(2), AR),
    n("بعد المقبله", Suffix(2), AR),
    n("بعد القادم", Suffix(2), AR),
    n("بعد القادمه", Suffix(2), AR),
    n("last", Prefix(-1), EN),
    n("next", Prefix(1), EN),
    n("this", Prefix(0), EN),
    n("ago", Ago, EN),
    n("day", UnitCount(Unit::Day), EN),
    n("days", UnitCount(Unit::Day), EN),
    n("week", UnitCount(Unit::Week), EN),
    n("weeks", UnitCount(Unit::Week), EN),
    n("month", UnitCount(Unit::Month), EN),
    n("months", UnitCount(Unit::Month), EN),
    n("year", UnitCount(Unit::Year), EN),
    n("years", UnitCount(Unit::Year), EN),
    // Words that make the next number a year: في 2022, since 2019.
    n("في", YearCue, AR),
    n("منذ", YearCue, AR),
    n("حتي", YearCue, AR),
    n("خلال", YearCue, AR),
    n("قبل", YearCue, AR),
    n("بعد", YearCue, AR),
    n("مطلع", YearCue, AR),
    n("اوائل", YearCue, AR),
    n("اواخر", YearCue, AR),
    n("اواسط", YearCue, AR),
    n("منتصف", YearCue, AR),
    n("نهايه", YearCue, AR),
    n("بدايه", YearCue, AR),
    n("الي", YearCue, AR),
    n("من", YearCue, AR),
    n("in", YearCue, EN),
    n("since", YearCue, EN),
    n("until", YearCue, EN),
    n("till", YearCue, EN),
    n("by", YearCue, EN),
    n("before", YearCue, EN),
    n("after", YearCue, EN),
    n("during", YearCue, EN),
    n("from", YearCue, EN),
    n("through", YearCue, EN),
    n("early", YearCue, EN),
    n("late", YearCue, EN),
    n("mid", YearCue, EN),
    n("of", YearCue, EN),
    // Clock times.
    n("الساعه", Clock, AR),
    n("o'clock", OClock, EN),
    n("o\u{2019}clock", OClock, EN),
    n("الواحده", Hour(1), AR),
    n("الثانيه", Hour(2), AR),
    n("الثالثه", Hour(3), AR),
    n("الرابعه", Hour(4), AR),
    n("الخامسه", Hour(5), AR),
    n("السادسه", Hour(6), AR),
    n("السابعه", Hour(7), AR),
    n("الثامنه", Hour(8), AR),
    n("التاسعه", Hour(9), AR),
    n("العاشره", Hour(10), AR),
    n("الحاديه عشره", Hour(11), AR),
    n("الثانيه عشره", Hour(12), AR),
    n("والنصف", Minutes(30), AR),
    n("والربع", Minutes(15), AR),
    n("والثلث", Minutes(20), AR),
    n("الا ربعا", Minutes(-15), AR),
    n("الا ربع", Minutes(-15), AR),
    n("الا الربع", Minutes(-15), AR),
    n("الا ثلثا", Minutes(-20), AR),
    n("الا الثلث", Minutes(-20), AR),
    n("gmt", Zone(0), EN | UPPER),
    n("utc", Zone(0), EN | UPPER),
    n("cet", Zone(60), EN | UPPER),
    n("cest", Zone(120), EN | UPPER),
    n("bst", Zone(60), EN | UPPER),
    n("est", Zone(-300), EN | UPPER),
    n("edt", Zone(-240), EN | UPPER),
    n("pst", Zone(-480), EN | UPPER),
    n("pdt", Zone(-420), EN | UPPER),
    n("et", Zone(LOCAL), EN | UPPER),
    n("local time", Zone(LOCAL), EN),
    n("غرينتش", Zone(0), AR),
    n("جرينتش", Zone(0), AR),
    n("غرينيتش", Zone(0), AR),
    n("بتوقيت غرينتش", Zone(0), AR),
    n("بتوقيت جرينتش", Zone(0), AR),
    n("بتوقيت غرينيتش", Zone(0), AR),
    n("بتوقيت مكه المكرمه", Zone(180), AR),
    n("بتوقيت مكه", Zone(180), AR),
    n("بالتوقيت المحلي", Zone(LOCAL), AR),
    n("توقيت غرينتش", Zone(0), AR),
    n("ت.غ", Zone(0), AR),
    // Cardinals. WEAK ones count only inside a compound or before a scale: أحد is also
    // "someone", ست "lady", سبع "lion", "one" an English pronoun, "a" an article.
    n("صفر", Cardinal(0), AR | WEAK),
    n("واحد", Cardinal(1), AR),
    n("واحده", Cardinal(1), AR),
    n("احد", Cardinal(1), AR | WEAK),
    n("احدي", Cardinal(1), AR | WEAK),
    n("اثنان", Cardinal(2), AR),
    n("اثنين", Cardinal(2), AR),
    n("اثنتان", Cardinal(2), AR),
    n("اثنتين", Cardinal(2), AR),
    n("اثنا", Cardinal(2), AR | WEAK),
    n("اثني", Cardinal(2), AR | WEAK),
    n("اثنتا", Cardinal(2), AR | WEAK),
    n("اثنتي", Cardinal(2), AR | WEAK),
    n("ثلاث", Cardinal(3), AR),
    n("ثلاثه", Cardinal(3), AR),
    n("اربع", Cardinal(4), AR),
    n("اربعه", Cardinal(4), AR),
    n("خمس", Cardinal(5), AR),
    n("خمسه", Cardinal(5), AR),
    n("ست", Cardinal(6), AR | WEAK),
    n("سته", Cardinal(6), AR),
    n("سبع", Cardinal(7), AR | WEAK),
    n("سبعه", Cardinal(7), AR),
    n("ثمان", Cardinal(8), AR | WEAK),
    n("ثماني", Cardinal(8), AR),
    n("ثمانيه", Cardinal(8), AR),
    n("تسع", Cardinal(9), AR),
    n("تسعه", Cardinal(9), AR),
    n("عشر", Cardinal(10), AR),
    n("عشره", Cardinal(10), AR),
    n("عشرون", Cardinal(20), AR),
    n("عشرين", Cardinal(20), AR),
    n("ثلاثون", Cardinal(30), AR),
    n("ثلاثين", Cardinal(30), AR),
    n("اربعون", Cardinal(40), AR),
    n("اربعين", Cardinal(40), AR),
    n("خمسون", Cardinal(50), AR),
    n("خمسين", Cardinal(50), AR),
    n("ستون", Cardinal(60), AR),
    n("ستين", Cardinal(60), AR),
    n("سبعون", Cardinal(70), AR),
    n("سبعين", Cardinal(70), AR),
    n("ثمانون", Cardinal(80), AR),
    n("ثمانين", Cardinal(80), AR),
    n("تسعون", Cardinal(90), AR),
    n("تسعين", Cardinal(90), AR),
    n("ثلاثمئه", Cardinal(300), AR),
    n("ثلاثمائه", Cardinal(300), AR),
    n("اربعمئه", Cardinal(400), AR),
    n("اربعمائه", Cardinal(400), AR),
    n("خمسمئه", Cardinal(500), AR),
    n("خمسمائه", Cardinal(500), AR),
    n("ستمئه", Cardinal(600), AR),
    n("ستمائه", Cardinal(600), AR),
    n("سبعمئه", Cardinal(700), AR),
    n("سبعمائه", Cardinal(700), AR),
    n("ثمانمئه", Cardinal(800), AR),
    n("ثمانمائه", Cardinal(800), AR),
    n("ثمانيمئه", Cardinal(800), AR),
    n("تسعمئه", Cardinal(900), AR),
    n("تسعمائه", Cardinal(900), AR),
    n("a", Cardinal(1), EN | WEAK),
    n("an", Cardinal(1), EN | WEAK),
    n("one", Cardinal(1), EN | WEAK),
    n("two", Cardinal(2), EN),
    n("three", Cardinal(3), EN),
    n("four", Cardinal(4), EN),
    n("five", Cardinal(5), EN),
    n("six", Cardinal(6), EN),
    n("seven", Cardinal(7), EN),
    n("eight", Cardinal(8), EN),
    n("nine", Cardinal(9), EN),
    n("ten", Cardinal(10), EN),
    n("eleven", Cardinal(11), EN),
    n("twelve", Cardinal(12), EN),
    n("thirteen", Cardinal(13), EN),
    n("fourteen", Cardinal(14), EN),
    n("fifteen", Cardinal(15), EN),
    n("sixteen", Cardinal(16), EN),
    n("seventeen", Cardinal(17), EN),
    n("eighteen", Cardinal(18), EN),
    n("nineteen", Cardinal(19), EN),
    n("twenty", Cardinal(20), EN),
    n("thirty", Cardinal(30), EN),
    n("forty", Cardinal(40), EN),
    n("fifty", Cardinal(50), EN),
    n("sixty", Cardinal(60), EN),
    n("seventy", Cardinal(70), EN),
    n("eighty", Cardinal(80), EN),
    n("ninety", Cardinal(90), EN),
    // Scales: (power of ten, count); count 0 = plural ("ملايين", "millions").
    n("مئه", Scale(2, 1), AR),
    n("مائه", Scale(2, 1), AR),
    n("مئتان", Scale(2, 2), AR),
    n("مئتين", Scale(2, 2), AR),
    n("مئتا", Scale(2, 2), AR),
    n("مئتي", Scale(2, 2), AR),
    n("مائتان", Scale(2, 2), AR),
    n("مائتين", Scale(2, 2), AR),
    n("مائتا", Scale(2, 2), AR),
    n("مائتي", Scale(2, 2), AR),
    n("مئات", Scale(2, 0), AR),
    n("الف", Scale(3, 1), AR),
    n("الفا", Scale(3, 1), AR),
    n("الفان", Scale(3, 2), AR),
    n("الفين", Scale(3, 2), AR),
    n("الاف", Scale(3, 0), AR),
    n("مليون", Scale(6, 1), AR),
    n("مليونا", Scale(6, 1), AR),
    n("مليونان", Scale(6, 2), AR),
    n("مليونين", Scale(6, 2), AR),
    n("ملايين", Scale(6, 0), AR),
    n("مليار", Scale(9, 1), AR),
    n("مليارا", Scale(9, 1), AR),
    n("ملياران", Scale(9, 2), AR),
    n("مليارين", Scale(9, 2), AR),
    n("مليارات", Scale(9, 0), AR),
    n("بليون", Scale(9, 1), AR),
    n("بليونا", Scale(9, 1), AR),
    n("تريليون", Scale(12, 1), AR),
    n("تريليونا", Scale(12, 1), AR),
    n("ترليون", Scale(12, 1), AR),
    n("تريليونات", Scale(12, 0), AR),
    n("hundred", Scale(2, 1), EN),
    n("hundreds", Scale(2, 0), EN),
    n("thousand", Scale(3, 1), EN),
    n("thousands", Scale(3, 0), EN),
    n("million", Scale(6, 1), EN),
    n("millions", Scale(6, 0), EN),
    n("mln", Scale(6, 1), EN),
    n("mn", Scale(6, 1), EN),
    n("m", Scale(6, 1), EN | WEAK),
    n("billion", Scale(9, 1), EN),
    n("billions", Scale(9, 0), EN),
    n("bn", Scale(9, 1), EN),
    n("trillion", Scale(12, 1), EN),
    n("tn", Scale(12, 1), EN),
    // Currencies. A name used in several countries without the country said keeps its
    // English name as the value's unit ("dinar"); دولار and "dollar" alone are US dollars,
    // جنيه alone the Egyptian pound (the dominant readings in Arabic and English news).
    n("$", Currency("USD"), 0),
    n("€", Currency("EUR"), 0),
    n("£", Currency("GBP"), 0),
    n("¥", Currency("JPY"), 0),
    n("₹", Currency("INR"), 0),
    n("₽", Currency("RUB"), 0),
    n("₪", Currency("ILS"), 0),
    n("₺", Currency("TRY"), 0),
    n("دولار", Currency("USD"), AR),
    n("دولارا", Currency("USD"), AR),
    n("دولارات", Currency("USD"), AR),
    n("يورو", Currency("EUR"), AR),
    n("جنيه", Currency("EGP"), AR),
    n("جنيها", Currency("EGP"), AR),
    n("جنيهات", Currency("EGP"), AR),
    n("ين", Currency("JPY"), AR),
    n("يوان", Currency("CNY"), AR),
    n("روبل", Currency("RUB"), AR),
    n("روبلا", Currency("RUB"), AR),
    n("روبلات", Currency("RUB"), AR),
    n("شيكل", Currency("ILS"), AR),
    n("شيكلا", Currency("ILS"), AR),
    n("شيكلات", Currency("ILS"), AR),
    n("ريال", Currency("riyal"), AR),
    n("ريالا", Currency("riyal"), AR),
    n("ريالات", Currency("riyal"), AR),
    n("درهم", Currency("dirham"), AR),
    n("درهما", Currency("dirham"), AR),
    n("دراهم", Currency("dirham"), AR),
    n("دينار", Currency("dinar"), AR),
    n("دينارا", Currency("dinar"), AR),
    n("دنانير", Currency("dinar"), AR),
    n("ليره", Currency("lira"), AR),
    n("ليرات", Currency("lira"), AR),
    n("روبيه", Currency("rupee"), AR),
    n("فرنك", Currency("franc"), AR),
    n("فرنكا", Currency("franc"), AR),
    n("dollar", Currency("USD"), EN),
    n("dollars", Currency("USD"), EN),
    n("euro", Currency("EUR"), EN),
    n("euros", Currency("EUR"), EN),
    n("pound", Currency("GBP"), EN),
    n("pounds", Currency("GBP"), EN),
    n("sterling", Currency("GBP"), EN),
    n("yen", Currency("JPY"), EN),
    n("yuan", Currency("CNY"), EN),
    n("renminbi", Currency("CNY"), EN),
    n("rouble", Currency("RUB"), EN),
    n("roubles", Currency("RUB"), EN),
    n("ruble", Currency("RUB"), EN),
    n("rubles", Currency("RUB"), EN),
    n("shekel", Currency("ILS"), EN),
    n("shekels", Currency("ILS"), EN),
    n("riyal", Currency("riyal"), EN),
    n("riyals", Currency("riyal"), EN),
    n("dirham", Currency("dirham"), EN),
    n("dirhams", Currency("dirham"), EN),
    n("dinar", Currency("dinar"), EN),
    n("dinars", Currency("dinar"), EN),
    n("lira", Currency("lira"), EN),
    n("liras", Currency("lira"), EN),
    n("rupee", Currency("rupee"), EN),
    n("rupees", Currency("rupee"), EN),
    n("franc", Currency("franc"), EN),
    n("francs", Currency("franc"), EN),
    n("usd", Currency("USD"), UPPER),
    n("eur", Currency("EUR"), UPPER),
    n("gbp", Currency("GBP"), UPPER),
    n("jpy", Currency("JPY"), UPPER),
    n("cny", Currency("CNY"), UPPER),
    n("chf", Currency("CHF"), UPPER),
    n("rub", Currency("RUB"), UPPER),
    n("sar", Currency("SAR"), UPPER),
    n("aed", Currency("AED"), UPPER),
    n("egp", Currency("EGP"), UPPER),
    n("lyd", Currency("LYD"), UPPER),
    n("qar", Currency("QAR"), UPPER),
    n("kwd", Currency("KWD"), UPPER),
    n("jod", Currency("JOD"), UPPER),
    n("iqd", Currency("IQD"), UPPER),
    n("tnd", Currency("TND"), UPPER),
    n("dzd", Currency("DZD"), UPPER),
    n("mad", Currency("MAD"), UPPER),
    n("try", Currency("TRY"), UPPER),
    n("ils", Currency("ILS"), UPPER),
    n("inr", Currency("INR"), UPPER),
    // Nationalities after an Arabic currency word (accusative ـًا and feminine ـة forms are
    // tried by stripping the last letter) and before an English one.
    n("امريكي", CurrencyAdj("USD"), AR),
    n("اميركي", CurrencyAdj("USD"), AR),
    n("كندي", CurrencyAdj("CAD"), AR),
    n("استرالي", CurrencyAdj("AUD"), AR),
    n("ليبي", CurrencyAdj("LYD"), AR),
    n("كويتي", CurrencyAdj("KWD"), AR),
    n("اردني", CurrencyAdj("JOD"), AR),
    n("عراقي", CurrencyAdj("IQD"), AR),
    n("بحريني", CurrencyAdj("BHD"), AR),
    n("تونسي", CurrencyAdj("TND"), AR),
    n("جزائري", CurrencyAdj("DZD"), AR),
    n("سعودي", CurrencyAdj("SAR"), AR),
    n("قطري", CurrencyAdj("QAR"), AR),
    n("عماني", CurrencyAdj("OMR"), AR),
    n("يمني", CurrencyAdj("YER"), AR),
    n("ايراني", CurrencyAdj("IRR"), AR),
    n("اماراتي", CurrencyAdj("AED"), AR),
    n("مغربي", CurrencyAdj("MAD"), AR),
    n("مصري", CurrencyAdj("EGP"), AR),
    n("سوداني", CurrencyAdj("SDG"), AR),
    n("لبناني", CurrencyAdj("LBP"), AR),
    n("سوري", CurrencyAdj("SYP"), AR),
    n("تركي", CurrencyAdj("TRY"), AR),
    n("استرليني", CurrencyAdj("GBP"), AR),
    n("سويسري", CurrencyAdj("CHF"), AR),
    n("صيني", CurrencyAdj("CNY"), AR),
    n("ياباني", CurrencyAdj("JPY"), AR),
    n("روسي", CurrencyAdj("RUB"), AR),
    n("هندي", CurrencyAdj("INR"), AR),
    n("باكستاني", CurrencyAdj("PKR"), AR),
    n("us", CurrencyAdj("USD"), EN | UPPER),
    n("american", CurrencyAdj("USD"), EN),
    n("canadian", CurrencyAdj("CAD"), EN),
    n("australian", CurrencyAdj("AUD"), EN),
    n("saudi", CurrencyAdj("SAR"), EN),
    n("qatari", CurrencyAdj("QAR"), EN),
    n("libyan", CurrencyAdj("LYD"), EN),
    n("kuwaiti", CurrencyAdj("KWD"), EN),
    n("jordanian", CurrencyAdj("JOD"), EN),
    n("iraqi", CurrencyAdj("IQD"), EN),
    n("bahraini", CurrencyAdj("BHD"), EN),
    n("tunisian", CurrencyAdj("TND"), EN),
    n("algerian", CurrencyAdj("DZD"), EN),
    n("omani", CurrencyAdj("OMR"), EN),
    n("yemeni", CurrencyAdj("YER"), EN),
    n("iranian", CurrencyAdj("IRR"), EN),
    n("emirati", CurrencyAdj("AED"), EN),
    n("moroccan", CurrencyAdj("MAD"), EN),
    n("egyptian", CurrencyAdj("EGP"), EN),
    n("sudanese", CurrencyAdj("SDG"), EN),
    n("lebanese", CurrencyAdj("LBP"), EN),
    n("syrian", CurrencyAdj("SYP"), EN),
    n("turkish", CurrencyAdj("TRY"), EN),
    n("swiss", CurrencyAdj("CHF"), EN),
    n("chinese", CurrencyAdj("CNY"), EN),
    n("japanese", CurrencyAdj("JPY"), EN),
    n("russian", CurrencyAdj("RUB"), EN),
    n("indian", CurrencyAdj("INR"), EN),
    n("pakistani", CurrencyAdj("PKR"), EN),
    n("british", CurrencyAdj("GBP"), EN),
    // Percent.
    n("%", PercentWord, 0),
    n("٪", PercentWord, 0),
    n("بالمئه", PercentWord, AR),
    n("بالمائه", PercentWord, AR),
    n("بالميه", PercentWord, AR),
    n("في المئه", PercentWord, AR),
    n("في المائه", PercentWord, AR),
    n("percent", PercentWord, EN),
    n("per cent", PercentWord, EN),
    n("pct", PercentWord, EN),
    // Ordinals: days of the month (الأول من مارس) and centuries (القرن العشرين).
    n("الاول", Ordinal(1), AR),
    n("الثاني", Ordinal(2), AR),
    n("الثالث", Ordinal(3), AR),
    n("الرابع", Ordinal(4), AR),
    n("الخامس", Ordinal(5), AR),
    n("السادس", Ordinal(6), AR),
    n("السابع", Ordinal(7), AR),
    n("الثامن", Ordinal(8), AR),
    n("التاسع", Ordinal(9), AR),
    n("العاشر", Ordinal(10), AR),
    n("الحادي عشر", Ordinal(11), AR),
    n("الثاني عشر", Ordinal(12), AR),
    n("الثالث عشر", Ordinal(13), AR),
    n("الرابع عشر", Ordinal(14), AR),
    n("الخامس عشر", Ordinal(15), AR),
    n("السادس عشر", Ordinal(16), AR),
    n("السابع عشر", Ordinal(17), AR),
    n("الثامن عشر", Ordinal(18), AR),
    n("التاسع عشر", Ordinal(19), AR),
    n("العشرين", Ordinal(20), AR),
    n("العشرون", Ordinal(20), AR),
    n("الحادي والعشرين", Ordinal(21), AR),
    n("الحادي والعشرون", Ordinal(21), AR),
    n("الثاني والعشرين", Ordinal(22), AR),
    n("الثاني والعشرون", Ordinal(22), AR),
    n("الثالث والعشرين", Ordinal(23), AR),
    n("الثالث والعشرون", Ordinal(23), AR),
    n("الرابع والعشرين", Ordinal(24), AR),
    n("الرابع والعشرون", Ordinal(24), AR),
    n("الخامس والعشرين", Ordinal(25), AR),
    n("الخامس والعشرون", Ordinal(25), AR),
    n("السادس والعشرين", Ordinal(26), AR),
    n("السادس والعشرون", Ordinal(26), AR),
    n("السابع والعشرين", Ordinal(27), AR),
    n("السابع والعشرون", Ordinal(27), AR),
    n("الثامن والعشرين", Ordinal(28), AR),
    n("الثامن والعشرون", Ordinal(28), AR),
    n("التاسع والعشرين", Ordinal(29), AR),
    n("التاسع والعشرون", Ordinal(29), AR),
    n("الثلاثين", Ordinal(30), AR),
    n("الحادي والثلاثين", Ordinal(31), AR),
    n("first", Ordinal(1), EN),
    n("second", Ordinal(2), EN),
    n("third", Ordinal(3), EN),
    n("fourth", Ordinal(4), EN),
    n("fifth", Ordinal(5), EN),
    n("sixth", Ordinal(6), EN),
    n("seventh", Ordinal(7), EN),
    n("eighth", Ordinal(8), EN),
    n("ninth", Ordinal(9), EN),
    n("tenth", Ordinal(10), EN),
    n("eleventh", Ordinal(11), EN),
    n("twelfth", Ordinal(12), EN),
    n("thirteenth", Ordinal(13), EN),
    n("fourteenth", Ordinal(14), EN),
    n("fifteenth", Ordinal(15), EN),
    n("sixteenth", Ordinal(16), EN),
    n("seventeenth", Ordinal(17), EN),
    n("eighteenth", Ordinal(18), EN),
    n("nineteenth", Ordinal(19), EN),
    n("twentieth", Ordinal(20), EN),
    n("twenty - first", Ordinal(21), EN),
    n("twenty - second", Ordinal(22), EN),
    n("twenty - third", Ordinal(23), EN),
    n("twenty - fourth", Ordinal(24), EN),
    n("twenty - fifth", Ordinal(25), EN),
    n("twenty - sixth", Ordinal(26), EN),
    n("twenty - seventh", Ordinal(27), EN),
    n("twenty - eighth", Ordinal(28), EN),
    n("twenty - ninth", Ordinal(29), EN),
    n("thirtieth", Ordinal(30), EN),
    n("thirty - first", Ordinal(31), EN),
    // Decades: الثمانينيات, ثمانينات (the tens digit).
    n("عشرينيات", Decade(2), AR),
    n("العشرينيات", Decade(2), AR),
    n("عشرينات", Decade(2), AR),
    n("العشرينات", Decade(2), AR),
    n("ثلاثينيات", Decade(3), AR),
    n("الثلاثينيات", Decade(3), AR),
    n("ثلاثينات", Decade(3), AR),
    n("الثلاثينات", Decade(3), AR),
    n("اربعينيات", Decade(4), AR),
    n("الاربعينيات", Decade(4), AR),
    n("اربعينات", Decade(4), AR),
    n("الاربعينات", Decade(4), AR),
    n("خمسينيات", Decade(5), AR),
    n("الخمسينيات", Decade(5), AR),
    n("خمسينات", Decade(5), AR),
    n("الخمسينات", Decade(5), AR),
    n("ستينيات", Decade(6), AR),
    n("الستينيات", Decade(6), AR),
    n("ستينات", Decade(6), AR),
    n("الستينات", Decade(6), AR),
    n("سبعينيات", Decade(7), AR),
    n("السبعينيات", Decade(7), AR),
    n("سبعينات", Decade(7), AR),
    n("السبعينات", Decade(7), AR),
    n("ثمانينيات", Decade(8), AR),
    n("الثمانينيات", Decade(8), AR),
    n("ثمانينات", Decade(8), AR),
    n("الثمانينات", Decade(8), AR),
    n("تسعينيات", Decade(9), AR),
    n("التسعينيات", Decade(9), AR),
    n("تسعينات", Decade(9), AR),
    n("التسعينات", Decade(9), AR),
    n("القرن", CenturyWord, AR),
    n("century", CenturyWord, EN),
    // Modifiers (TIMEX3 mod): مطلع 2020, أواخر عام 2019, mid-March, the end of 2019.
    n("مطلع", Mod(Modifier::Start), AR),
    n("مستهل", Mod(Modifier::Start), AR),
    n("بدايه", Mod(Modifier::Start), AR),
    n("بدايات", Mod(Modifier::Start), AR),
    n("اوائل", Mod(Modifier::Start), AR),
    n("منتصف", Mod(Modifier::Mid), AR),
    n("اواسط", Mod(Modifier::Mid), AR),
    n("اواخر", Mod(Modifier::End), AR),
    n("نهايه", Mod(Modifier::End), AR),
    n("نهايات", Mod(Modifier::End), AR),
    n("ختام", Mod(Modifier::End), AR),
    n("early", Mod(Modifier::Start), EN),
    n("mid", Mod(Modifier::Mid), EN),
    n("late", Mod(Modifier::End), EN),
    n("beginning of", Mod(Modifier::Start), EN),
    n("start of", Mod(Modifier::Start), EN),
    n("middle of", Mod(Modifier::Mid), EN),
    n("end of", Mod(Modifier::End), EN),
    // Arabic counted units: منذ يومين, قبل ثلاثة أيام, قبل عام, بعد 15 يوما.
    n("يوم", ArUnit(Unit::Day, 1), AR),
    n("يوما", ArUnit(Unit::Day, 1), AR),
    n("يومين", ArUnit(Unit::Day, 2), AR),
    n("يومان", ArUnit(Unit::Day, 2), AR),
    n("ايام", ArUnit(Unit::Day, 0), AR),
    n("اسبوع", ArUnit(Unit::Week, 1), AR),
    n("اسبوعا", ArUnit(Unit::Week, 1), AR),
    n("اسبوعين", ArUnit(Unit::Week, 2), AR),
    n("اسبوعان", ArUnit(Unit::Week, 2), AR),
    n("اسابيع", ArUnit(Unit::Week, 0), AR),
    n("شهر", ArUnit(Unit::Month, 1), AR),
    n("شهرا", ArUnit(Unit::Month, 1), AR),
    n("شهرين", ArUnit(Unit::Month, 2), AR),
    n("شهران", ArUnit(Unit::Month, 2), AR),
    n("اشهر", ArUnit(Unit::Month, 0), AR),
    n("شهور", ArUnit(Unit::Month, 0), AR),
    n("عام", ArUnit(Unit::Year, 1), AR),
    n("عاما", ArUnit(Unit::Year, 1), AR),
    n("سنه", ArUnit(Unit::Year, 1), AR),
    n("عامين", ArUnit(Unit::Year, 2), AR),
    n("عامان", ArUnit(Unit::Year, 2), AR),
    n("سنتين", ArUnit(Unit::Year, 2), AR),
    n("سنتان", ArUnit(Unit::Year, 2), AR),
    n("اعوام", ArUnit(Unit::Year, 0), AR),
    n("سنوات", ArUnit(Unit::Year, 0), AR),
    n("سنين", ArUnit(Unit::Year, 0), AR),
    n("نصف", Fraction(2), AR),
    n("ربع", Fraction(4), AR),
    n("half", Fraction(2), EN),
    n("dlrs", Currency("USD"), EN),
    n("dlr", Currency("USD"), EN),
    n("stg", Currency("GBP"), EN),
    // Labels: the number after them names something (an article, a verse, a flight).
    n("الماده", Label, AR),
    n("ماده", Label, AR),
    n("البند", Label, AR),
    n("بند", Label, AR),
    n("الفقره", Label, AR),
    n("فقره", Label, AR),
    n("الايه", Label, AR),
    n("ايه", Label, AR),
    n("الفصل", Label, AR),
    n("الصفحه", Label, AR),
    n("صفحه", Label, AR),
    n("رقم", Label, AR),
    n("القرار", Label, AR),
    n("قرار", Label, AR),
    n("الرحله", Label, AR),
    n("اف", Label, AR),
    n("ميغ", Label, AR),
    n("article", Label, EN),
    n("verse", Label, EN),
    n("section", Label, EN),
    n("chapter", Label, EN),
    n("clause", Label, EN),
    n("paragraph", Label, EN),
    n("page", Label, EN),
    n("no", Label, EN),
    n("number", Label, EN),
    n("resolution", Label, EN),
    n("flight", Label, EN),
    n("room", Label, EN),
    n("item", Label, EN),
    n("#", Label, 0),
];

/// The merged vocabulary, sorted by key, and an index from each first word to the range
/// of entries that start with it and the classes of those that can begin an expression.
/// Hand-written entries come first among equal keys so that they can refine a CLDR
/// reading (منتصف الليل is midnight, not "night").
struct Vocab {
    names: Vec<Name>,
    /// Open addressing by [`hash`] of the first word: (hash, lo, hi); `hi == 0` is an
    /// empty bucket. Every token of every text is looked up here, so it is one hash and
    /// usually one probe of a 16 KB table, with no key comparison unless the hash matches.
    /// A fixed-size array, so that a masked bucket index needs no bounds check.
    table: Box<[(u32, u16, u16); BUCKETS]>,
    /// Per bucket, the classes ([`bit`]) of its entries: those that can begin an
    /// expression ([`can_start`]), and all.
    masks: Box<[(u32, u32); BUCKETS]>,
}

/// Buckets of [`Vocab::table`] (a power of two, about four times the first words).
const BUCKETS: usize = 2048;

/// A hash of a word from its length and its first and last bytes (eight, four, or all of
/// them): two loads and a multiplication, where a byte-wise hash costs one per byte.
fn hash(w: &str) -> u32 {
    let b = w.as_bytes();
    let n = b.len();
    let u64_at = |i: usize| b.get(i..i + 8).and_then(|s| <[u8; 8]>::try_from(s).ok()).map_or(0, u64::from_le_bytes);
    let u32_at = |i: usize| b.get(i..i + 4).and_then(|s| <[u8; 4]>::try_from(s).ok()).map_or(0, u32::from_le_bytes);
    let x = if n >= 8 {
        u64_at(0) ^ u64_at(n - 8).rotate_left(23)
    } else if n >= 4 {
        u64::from(u32_at(0)) | u64::from(u32_at(n - 4)) << 32
    } else {
        b.iter().fold(0u64, |h, &c| h << 8 | u64::from(c))
    };
    ((x ^ (n as u64) << 56).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as u32
}

fn index() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let mut names: Vec<Name> = HAND.iter().chain(CLDR.iter()).copied().collect();
        names.sort_by(|a, b| a.key.cmp(b.key)); // stable: hand entries stay first
        let first = |e: &Name| e.key.split(' ').next().unwrap_or("");
        let mut table = Box::new([(0u32, 0u16, 0u16); BUCKETS]);
        let mut masks = Box::new([(0u32, 0u32); BUCKETS]);
        // Entries sharing a first word are contiguous: "w" < "w ..." < "wX..." in byte order.
        let mut k = 0;
        while k < names.len() {
            let w = first(&names[k]);
            let mut end = k;
            let (mut mask, mut any) = (0, 0);
            while end < names.len() && first(&names[end]) == w {
                if can_start(&names[end]) {
                    mask |= bit(names[end].class);
                }
                any |= bit(names[end].class);
                end += 1;
            }
            let h = hash(w);
            let mut b = h as usize & (BUCKETS - 1);
            while table[b].2 != 0 {
                b = (b + 1) & (BUCKETS - 1);
            }
            table[b] = (h, k as u16, end as u16);
            masks[b] = (mask, any);
            k = end;
        }
        Vocab { names, table, masks }
    })
}

impl Vocab {
    /// The entries whose first word is `w`: (lo, hi, (start mask, all classes)).
    fn get(&self, w: &str) -> Option<(u16, u16, (u32, u32))> {
        let h = hash(w);
        let mut b = h as usize & (BUCKETS - 1);
        loop {
            let (bh, lo, hi) = self.table[b];
            if hi == 0 {
                return None;
            }
            if bh == h {
                let key = self.names[usize::from(lo)].key.as_bytes();
                let w = w.as_bytes();
                if key.starts_with(w) && matches!(key.get(w.len()), None | Some(b' ')) {
                    return Some((lo, hi, self.masks[b]));
                }
            }
            b = (b + 1) & (BUCKETS - 1);
        }
    }
}

/// The merged vocabulary, sorted by key.
pub(crate) fn vocab() -> &'static [Name] {
    &index().names
}

/// Arabic proclitic prefixes that may stand before the first word of an expression
/// (conjunction, then preposition): the span starts after them. [`readings`] reads them off
/// a word's first two letters; the tests check it against this list.
#[cfg(test)]
const CLITICS: [&str; 10] = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"];

/// The readings of a token's start: the whole token, then (for Arabic words, if
/// `clitics`) each proclitic split that leaves at least two letters or a digit. Yields
/// (bytes skipped, rest).
///
/// The proclitics are و ف ب ل ك and the pairs وب ول فب فل وك (conjunction, then
/// preposition). A word begins with at most one single letter of them and one pair (whose
/// first letter is that single one), so the splits are read off the first two letters
/// rather than tried prefix by prefix: every Arabic token of every text comes here, and
/// trying ten prefixes one by one was 4% of annotating Arabic news.
pub(crate) fn readings(tok: &str, clitics: bool) -> impl Iterator<Item = (usize, &str)> {
    let splits = if clitics { clitic_splits(tok) } else { [None; 2] };
    std::iter::once((0, tok)).chain(splits.into_iter().flatten().map(move |skip| (skip, &tok[skip..])))
}

/// The bytes of each proclitic reading of [`readings`] (single letter, then pair), where
/// the rest is at least two letters or starts with a digit. Read from the bytes: the five
/// letters are two bytes each in UTF-8, and decoding characters cost twice as much here.
#[inline]
fn clitic_splits(tok: &str) -> [Option<usize>; 2] {
    const WAW: [u8; 2] = [0xD9, 0x88]; // و
    const FA: [u8; 2] = [0xD9, 0x81]; // ف
    const BA: [u8; 2] = [0xD8, 0xA8]; // ب
    const LAM: [u8; 2] = [0xD9, 0x84]; // ل
    const KAF: [u8; 2] = [0xD9, 0x83]; // ك
    let b = tok.as_bytes();
    let letter = |i: usize| b.get(i..i + 2).map(|l| [l[0], l[1]]);
    // The rest (from a character boundary: the letters before it are two bytes each) starts
    // with a digit or has more than one character.
    let rest_ok = |i: usize| match b.get(i) {
        Some(c) if c.is_ascii_digit() => true,
        Some(_) => tok.get(i..).is_some_and(|rest| rest.chars().nth(1).is_some()),
        None => false,
    };
    let mut out = [None; 2];
    let first = letter(0);
    if matches!(first, Some(WAW | FA | BA | LAM | KAF)) {
        if rest_ok(2) {
            out[0] = Some(2);
        }
        let pair = match first {
            Some(WAW) => matches!(letter(2), Some(BA | LAM | KAF)),
            Some(FA) => matches!(letter(2), Some(BA | LAM)),
            _ => false,
        };
        if pair && rest_ok(4) {
            out[1] = Some(4);
        }
    }
    out
}

/// One reading of a token that begins vocabulary entries: proclitic bytes skipped and the
/// range of entries whose first word is the rest. `hi == lo` is an empty slot.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Slot {
    skip: u8,
    lo: u16,
    hi: u16,
}

/// Readings kept per token; three cover every combination the vocabulary has.
pub(crate) const SLOTS: usize = 3;

/// What the rules know about a token before any grammar runs.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokInfo<'a> {
    /// The token in matching form.
    pub word: &'a str,
    /// The readings that begin vocabulary entries, whole token first.
    pub slots: [Slot; SLOTS],
    /// The classes ([`bit`]) of those entries that can begin an expression.
    pub mask: u32,
    /// The classes of all those entries.
    pub any: u32,
    /// True if the token has a digit.
    pub digit: bool,
    /// Its digits, if it starts with them (after a proclitic).
    pub digits: Option<Digits<'a>>,
}

/// The vocabulary, for [`tok_info`] (fetched once per text, not per token).
pub(crate) struct Lookup(&'static Vocab);

/// The vocabulary index, built at first use.
pub(crate) fn lookup() -> Lookup {
    Lookup(index())
}

/// Looks a token up once, so that every later lookup is a scan of a few entries. Inlined
/// into the loop over a text's tokens, so that the result is built in place; the rarer
/// proclitic readings are looked up out of line ([`TokInfo::add_clitics`]).
#[inline]
pub(crate) fn tok_info<'a>(v: &Lookup, tok: &'a str, kind: TokenKind) -> TokInfo<'a> {
    let mut out = TokInfo { word: tok, ..TokInfo::default() };
    let first = tok.as_bytes().first().copied().unwrap_or(b' ');
    // Only a token with a digit has digits to read (most words are spared the search). A
    // number or a word with a digit counts as one; punctuation never does.
    if kind == TokenKind::Number || tok.bytes().any(|b| b.is_ascii_digit()) {
        out.digit = kind != TokenKind::Punct;
        out.digits = digits_of(tok);
    }
    match kind {
        // Numbers begin no entry, nor does ASCII punctuation other than "$", "%" and "#"
        // (together a fifth of all tokens): no need to hash them.
        TokenKind::Number => return out,
        TokenKind::Punct if first.is_ascii() && !matches!(first, b'$' | b'%' | b'#') => return out,
        TokenKind::Punct | TokenKind::Word => {}
    }
    let n = out.add(v.0, 0, 0, tok);
    // Arabic letters are two bytes starting with 0xD8..=0xDB; only they take proclitics.
    if matches!(first, 0xD8..=0xDB) {
        out.add_clitics(v.0, n);
    }
    out
}

impl TokInfo<'_> {
    /// Records reading `stem` (after `skip` bytes of proclitic) in slot `n` if it begins
    /// vocabulary entries; returns the next free slot.
    fn add(&mut self, v: &Vocab, n: usize, skip: usize, stem: &str) -> usize {
        let Some((lo, hi, (mask, any))) = v.get(stem) else {
            return n;
        };
        if let Some(slot) = self.slots.get_mut(n) {
            *slot = Slot { skip: skip as u8, lo, hi };
        }
        self.mask |= mask;
        self.any |= any;
        n + 1
    }

    /// Records the readings of an Arabic word with a proclitic, from slot `n` on.
    #[inline(never)]
    fn add_clitics(&mut self, v: &Vocab, mut n: usize) {
        let word = self.word;
        for skip in clitic_splits(word).into_iter().flatten() {
            if n >= SLOTS {
                break;
            }
            n = self.add(v, n, skip, &word[skip..]);
        }
    }
}

/// A vocabulary entry found in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    /// The entry.
    pub name: Name,
    /// Bytes of proclitic at the start of the first token (outside the span).
    pub skip: usize,
    /// Token index after the last token of the entry.
    pub end: usize,
}

/// The longest vocabulary entry of one of the classes `classes` (a union of [`bit`]s) that
/// satisfies `want` and starts at token `i`. With `clitics`, the first token may carry an
/// Arabic proclitic; the whole-token reading is preferred when both match ("فبراير" is
/// February, not ف + براير).
///
/// The grammars ask this about every token they try, mostly in vain (a number has no
/// entries, "a" is no month): the classes are tested against the token's precomputed ones
/// before any entry is looked at, and against each entry's before `want` is called.
pub(crate) fn name_at(cx: &Cx, i: usize, clitics: bool, classes: u32, want: &dyn Fn(&Name) -> bool) -> Option<Hit> {
    if cx.any(i) & classes == 0 {
        return None;
    }
    let names = &index().names;
    for slot in cx.slots(i) {
        if slot.hi == slot.lo || (slot.skip > 0 && !clitics) {
            continue;
        }
        let stem_len = cx.w(i).len() - usize::from(slot.skip);
        let mut best: Option<Hit> = None;
        for e in names.get(usize::from(slot.lo)..usize::from(slot.hi)).unwrap_or_default() {
            if bit(e.class) & classes == 0 || !want(e) {
                continue;
            }
            let end = match e.key.get(stem_len + 1..) {
                None => i + 1,
                Some(more) => match match_words(cx, i + 1, more) {
                    Some(end) => end,
                    None => continue,
                },
            };
            if best.is_none_or(|b| end > b.end) {
                best = Some(Hit { name: *e, skip: usize::from(slot.skip), end });
            }
        }
        if best.is_some() {
            return best;
        }
    }
    None
}

/// The longest vocabulary entry of one of the classes `classes` that starts at token `i`
/// ([`name_at`] without a further test).
pub(crate) fn class_at(cx: &Cx, i: usize, clitics: bool, classes: u32) -> Option<Hit> {
    name_at(cx, i, clitics, classes, &|_| true)
}

/// Matches the space-separated `words` against tokens from `j`; the token after them.
fn match_words(cx: &Cx, mut j: usize, words: &str) -> Option<usize> {
    for w in words.split(' ') {
        if j >= cx.len() || cx.w(j) != w {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// True if a vocabulary entry that can begin an expression starts at token `i` (with or
/// without a proclitic): the cheap test that lets the rules skip most tokens at once. Glue
/// that only follows or precedes an expression (في, الماضي, GMT, %) does not count, so
/// the frequent في and "of" are not tried.
pub(crate) fn may_start(cx: &Cx, i: usize) -> bool {
    cx.mask(i) != 0
}

/// One bit per [`Class`] variant, for [`token_mask`] and the grammars' first test.
pub(crate) const fn bit(c: Class) -> u32 {
    1 << match c {
        Month(_) => 0,
        HijriMonth(_) => 1,
        Weekday(_) => 2,
        Era(_) => 3,
        Period(_) => 4,
        Relative(..) => 5,
        YearWord => 6,
        DayWord => 7,
        MonthWord => 8,
        UnitWord(_) => 9,
        UnitCount(_) => 10,
        Suffix(_) => 11,
        Prefix(_) => 12,
        Ago => 13,
        YearCue => 14,
        Clock => 15,
        OClock => 16,
        Hour(_) => 17,
        Minutes(_) => 18,
        Zone(_) => 19,
        Cardinal(_) => 20,
        Scale(..) => 21,
        Currency(_) => 22,
        CurrencyAdj(_) => 23,
        PercentWord => 24,
        Label => 25,
        Ordinal(_) => 26,
        Decade(_) => 27,
        CenturyWord => 28,
        Mod(_) => 29,
        ArUnit(..) => 30,
        Fraction(_) => 31,
    }
}

/// True for the entries an expression can begin with. Glue that only follows or precedes
/// an expression (في, الماضي, GMT, %, "in the morning") does not count, so that the
/// frequent في, "in" and "at" are never tried; nor do the short weekdays ("We"), Arabic
/// currency words (they follow their amount) and nationalities other than "US" ("US$").
fn can_start(e: &Name) -> bool {
    match e.class {
        YearCue | Suffix(_) | Era(_) | Zone(_) | Ago | UnitCount(_) | Minutes(_) | OClock | PercentWord | Label => {
            false
        }
        // A plural unit follows its number ("ثلاثة أيام"); the dual and the singular begin
        // "منذ يومين", "قبل عام" (the grammar takes the word before back).
        ArUnit(_, count) => count > 0,
        Period(p) => matches!(p, Period::Noon | Period::Midnight),
        Currency(_) => e.has(UPPER) || !e.key.chars().any(char::is_alphabetic),
        CurrencyAdj(_) => e.has(UPPER),
        _ => !e.has(SHORT),
    }
}

/// The matching-form key of a name: folded, tokenized, tokens joined by single spaces
/// (what [`name_at`] compares against). Used by the table generator and the tests.
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn key_of(name: &str) -> String {
    let norm = crate::text::Normalized::new(name);
    let toks = crate::text::tokenize(&norm);
    let words: Vec<&str> = toks.iter().map(|t| &norm.as_str()[t.norm.clone()]).collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proclitics_begin_with_the_letters_readings_looks_for() {
        for p in CLITICS {
            assert!(p.starts_with(['و', 'ف', 'ب', 'ل', 'ك']), "{p}");
        }
        let r: Vec<(usize, &str)> = readings("وبالقاهرة", true).collect();
        assert!(r.contains(&(0, "وبالقاهرة")) && r.contains(&("وب".len(), "القاهرة")), "{r:?}");
        assert_eq!(readings("القاهرة", true).count(), 1);
    }

    #[test]
    fn hand_keys_are_in_matching_form() {
        for e in HAND {
            assert_eq!(key_of(e.key), e.key, "hand key {:?} is not in matching form", e.key);
        }
    }

    #[test]
    fn cldr_keys_are_sorted_and_folded() {
        assert!(CLDR.windows(2).all(|w| w[0].key <= w[1].key));
        for e in CLDR {
            assert_eq!(key_of(e.key), e.key);
        }
        assert!(CLDR.iter().any(|e| e.key == "سبتمبر" && e.class == Month(9)));
        assert!(CLDR.iter().any(|e| e.key == "اول امس" && e.class == Relative(Unit::Day, -2)));
    }

    /// The splits read off the first two letters are those of trying every proclitic.
    #[test]
    fn readings_are_those_of_every_proclitic_tried() {
        let letters = ["و", "ف", "ب", "ل", "ك", "ا", "م", "1", "x", "€", "😀", ""];
        for a in letters {
            for b in letters {
                for c in letters {
                    for d in ["", "ه", "2"] {
                        let tok = format!("{a}{b}{c}{d}");
                        let tried: Vec<(usize, &str)> = std::iter::once((0, tok.as_str()))
                            .chain(CLITICS.iter().filter_map(|p| {
                                let rest = tok.strip_prefix(p)?;
                                let mut cs = rest.chars();
                                let ok = match (cs.next(), cs.next()) {
                                    (Some(c), _) if c.is_ascii_digit() => true,
                                    (Some(_), Some(_)) => true,
                                    _ => false,
                                };
                                ok.then_some((p.len(), rest))
                            }))
                            .collect();
                        assert_eq!(readings(&tok, true).collect::<Vec<_>>(), tried, "{tok}");
                        assert_eq!(readings(&tok, false).count(), 1);
                    }
                }
            }
        }
    }

    #[test]
    fn proclitic_readings() {
        let r: Vec<(usize, &str)> = readings("ويونيو", true).collect();
        assert_eq!(r[0], (0, "ويونيو"));
        assert!(r.contains(&("و".len(), "يونيو")));
        assert!(readings("و2020", true).any(|x| x.1 == "2020"));
        // A lone letter after the prefix is not a reading.
        assert!(!readings("وه", true).any(|x| x.0 > 0));
        assert_eq!(readings("Paris", true).count(), 1);
    }
}
