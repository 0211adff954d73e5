//! Dates: calendar dates with month names in both Arabic traditions and English ("17
//! سبتمبر/ أيلول الماضي", "فبراير (شباط) من عام 2022", "September 17, 2023", "17 Sept."),
//! Hijri months ("12 رمضان 1445 هـ"), numeric dates ("17/9/2023", "2023-09-17"), years
//! ("عام 2019", "في 2022", "1445 هـ"), ordinal days ("الحادي والعشرين من سبتمبر", "the
//! first of March"), day ranges ("16-18 December"), weekdays and relative expressions ("أول
//! أمس الثلاثاء", "الأسبوع قبل الماضي", "last week", "two days ago", "منذ يومين", "قبل ثلاثة
//! أيام", "in two days"), decades ("الثمانينيات", "1980s"), centuries ("القرن العشرين",
//! "20th century") and modifiers ("أواخر عام 2019", "mid-March", "the end of 2019").
//!
//! Each grammar returns its longest match at a token; [`at`] picks the longest of them.
//! Values follow the conventions documented in [`super`].

use super::calendar::{add_months, days_in_month, year4, Day};
use super::numbers::{amount_at, digits_at, dots, in_chain, labelled, phone_like};
use super::words::{bit, class_at, name_at, readings, Class, Era, Hit, Modifier, Unit, ABBR, AR, EN, SHORT, UPPER};
use super::{Cx, Found};
use crate::entity::Kind;

/// Confidence of a date whose words leave no doubt.
const SURE: f64 = 0.95;
/// Confidence of a date found from a weaker cue (a year after "في", a month that is also
/// a word).
const LIKELY: f64 = 0.85;
/// Confidence of a bare four-digit year.
const BARE_YEAR: f64 = 0.7;

/// Month names that are also common words or names and need a day, a year, a partner
/// month, a direction or a preposition to count: مارس (he practised), آب (أب, father),
/// نيسان (a car maker), ماي/جوان/أوت (Maghrebi, also words), May and March.
const WEAK_MONTHS: &[&str] = &["مارس", "اب", "نيسان", "ماي", "جوان", "اوت", "may", "march"];

/// Words after اليوم that make it "the day" of something, not "today": اليوم التالي,
/// اليوم الأول, اليوم العالمي, اليوم السابع (a newspaper), اليوم الذي.
const NOT_TODAY_AFTER: &[&str] = &[
    "التالي",
    "الاول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
    "الاخير",
    "الوطني",
    "العالمي",
    "الدولي",
    "الذي",
    "نفسه",
    "ذاته",
    // "اليوم الآخر": the Last Day.
    "الاخر",
    "الموعود",
    "المشهود",
];
/// Words before اليوم that make it "that day" or "all day".
/// "في اليوم" is mostly "per day" ("71 سنتًا في اليوم").
/// "عين اليوم" and "دار اليوم" are newspapers.
const NOT_TODAY_BEFORE: &[&str] =
    &["ذلك", "ذاك", "نفس", "ذات", "طوال", "طيله", "كل", "في", "عين", "دار", "صحيفه", "جريده"];
/// Words before a weekday that make it the name of a prayer or a sermon, not a day:
/// صلاة الجمعة, خطب الجمعة.
/// Also with a proclitic (لصلاة الجمعة); "Sheffield Wednesday" is a football club.
const NOT_WEEKDAY_BEFORE: &[&str] = &["صلاه", "خطبه", "خطب", "صلوات", "sheffield"];
/// Words that join two dates: "2019 و2020" (as a proclitic), "2019 and 2020", "2019-2020".
const CONNECTORS: &[&str] = &["and", "or", "to", "through", "until", "-", "–", "/", "الي", "حتي", "او", "و"];

/// The best date starting at token `i`. `last_date_end` is where the previous date found
/// in the text ended (a bare year right after a date and a connector is a date too).
pub(crate) fn at(cx: &Cx, i: usize, last_date_end: Option<usize>) -> Option<Found> {
    let mut best = Longest::default();
    best.keep(range_first(cx, i));
    best.keep(numeric(cx, i));
    best.keep(calendar(cx, i));
    best.keep(relative(cx, i));
    best.keep(year(cx, i, last_date_end));
    best.keep(decade(cx, i));
    best.keep(century(cx, i));
    best.keep(modified(cx, i));
    best.0
}

/// The longest of the matches offered, the first one at equal length. Kept as they come
/// rather than gathered in an array: a [`Found`] is large, and most tokens offer none.
#[derive(Default)]
struct Longest(Option<Found>);

impl Longest {
    /// Takes `f` if it is longer than the match held.
    fn keep(&mut self, f: Option<Found>) {
        if let Some(f) = f {
            if self.0.as_ref().is_none_or(|b| f.end > b.end) {
                self.0 = Some(f);
            }
        }
    }
}

fn date(start: usize, skip: usize, end: usize, value: String, score: f64) -> Found {
    Found { start, skip, end, kind: Kind::Date, value, score }
}

// ---------------------------------------------------------------------------------------
// Numeric dates

/// "17/9/2023", "17-9-2023", "2023-09-17", "2023/9/17", "17.9.2023": day first unless
/// only month first makes a date ("9/17/2023"), a four-digit year required.
fn numeric(cx: &Cx, i: usize) -> Option<Found> {
    if !cx.has_digit(i) {
        return None;
    }
    let d = digits_at(cx, i, true)?;
    if !d.suffix.is_empty() {
        return None;
    }
    let mut parts = [(0u32, 0usize); 3];
    let end;
    if dots(d.digits) == 2 {
        for (slot, p) in parts.iter_mut().zip(d.digits.split('.')) {
            *slot = (plain(p)?, p.len());
        }
        end = i + 1;
    } else {
        let sep = cx.w(i + 1);
        let chained = |k: usize| cx.joined(k);
        if !matches!(sep, "/" | "-") || cx.w(i + 3) != sep || !(1..=4).all(|o| chained(i + o)) {
            return None;
        }
        parts[0] = (plain(d.digits)?, d.digits.len());
        for (slot, k) in [(1, i + 2), (2, i + 4)] {
            let p = digits_at(cx, k, false)?;
            if !p.suffix.is_empty() {
                return None;
            }
            parts[slot] = (plain(p.digits)?, p.digits.len());
        }
        end = i + 5;
    }
    // Longer chains are phone numbers or codes, not dates.
    let more_after =
        matches!(cx.w(end), "/" | "-" | ".") && cx.joined(end) && cx.has_digit(end + 1) && cx.joined(end + 1);
    let more_before = i >= 2 && matches!(cx.w(i - 1), "/" | "-" | "+") && cx.joined(i);
    if more_after || more_before {
        return None;
    }
    let [(a, la), (b, lb), (c, lc)] = parts;
    let (y, m, dd) = if la == 4 && lb <= 2 && lc <= 2 {
        (a, b, c)
    } else if lc == 4 && la <= 2 && lb <= 2 {
        if b <= 12 {
            (c, b, a)
        } else {
            (c, a, b)
        }
    } else {
        return None;
    };
    if !(1000..=2999).contains(&y) {
        return None;
    }
    // Numeric dates are modern: a year 1300..1499 is a Hijri year ("10/1/1436").
    if (1300..1500).contains(&y) {
        let ok = (1..=12).contains(&m) && (1..=30).contains(&dd);
        return ok.then(|| date(i, d.skip, end, format!("H{y}-{m:02}-{dd:02}"), SURE));
    }
    let day = Day { year: y as i32, month: u8::try_from(m).ok()?, day: u8::try_from(dd).ok()? };
    day.is_valid().then(|| date(i, d.skip, end, day.iso(), SURE))
}

/// A plain digit string as a number.
fn plain(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

// ---------------------------------------------------------------------------------------
// Calendar dates with month names

/// What a calendar date says.
#[derive(Debug, Default, Clone, Copy)]
struct Parts {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    hijri: bool,
    bc: bool,
    /// Direction relative to the reference day: الماضي −1, المقبل +1, قبل الماضي −2.
    dir: Option<i8>,
    /// A relative year: "من العام الماضي" −1.
    rel_year: Option<i8>,
}

/// "[weekday ,] [day] month[/month] [year | suffix]", "month day[, year]", "last September".
fn calendar(cx: &Cx, i: usize) -> Option<Found> {
    const START: u32 = bit(Class::Prefix(0))
        | bit(Class::Weekday(1))
        | bit(Class::DayWord)
        | bit(Class::MonthWord)
        | bit(Class::Month(1))
        | bit(Class::HijriMonth(1))
        | bit(Class::Ordinal(1));
    if !cx.can(i, START) {
        return None;
    }
    // A number starts a date only as the day before a month ("17 سبتمبر", "17th of May").
    const MONTHS: u32 = bit(Class::Month(1)) | bit(Class::HijriMonth(1));
    if cx.mask(i) & START == 0 && cx.mask(i + 1) & MONTHS == 0 && cx.mask(i + 2) & MONTHS == 0 {
        return None;
    }
    let mut j = i;
    let mut skip: Option<usize> = None;
    let mut p = Parts::default();
    let mut licensed = false; // context that licenses a weak month name

    // English "last / next / this" before a month.
    if let Some(h) = class_at(cx, j, false, bit(Class::Prefix(0))) {
        if let (Class::Prefix(d), Some(_)) = (h.name.class, month_group(cx, h.end, false)) {
            p.dir = Some(d);
            licensed = true;
            skip = Some(0);
            j = h.end;
        }
    }
    // A weekday before the date: "الخميس 28 سبتمبر", "Thursday, Sept. 28".
    if skip.is_none() {
        if let Some((end, s, _)) = weekday_phrase(cx, j, true) {
            let mut k = end;
            if matches!(cx.w(k), "," | "،") {
                k += 1;
            }
            let day = day_any(cx, k, false).is_some_and(|(_, e, _, o)| !o || matches!(cx.w(e), "of" | "من"));
            if day || month_group(cx, k, false).is_some() {
                skip = Some(s);
                j = k;
            }
        }
    }
    // "شهر" before a month: "شهر رمضان".
    if skip.is_none() {
        if let Some(h) = class_at(cx, j, true, bit(Class::MonthWord)) {
            if month_group(cx, h.end, false).is_some() {
                skip = Some(h.skip);
                j = h.end;
                licensed = true;
            }
        }
    }
    // A day before the month: "17 سبتمبر", "17th of September", "يوم 17 سبتمبر".
    {
        let first = skip.is_none();
        let mut k = j;
        let mut s0 = None;
        if first {
            if let Some(h) = class_at(cx, k, true, bit(Class::DayWord)) {
                s0 = Some(h.skip);
                k = h.end;
            }
        }
        if let Some((day, end, s, ordinal)) = day_any(cx, k, first && s0.is_none()) {
            let mut m = end;
            let of = matches!(cx.w(m), "of" | "من");
            if of {
                m += 1;
            }
            // "الأول من شهر مارس".
            if ordinal && month_group(cx, m, false).is_none() {
                if let Some(h) = class_at(cx, m, false, bit(Class::MonthWord)) {
                    m = h.end;
                }
            }
            // An ordinal is a day only before "من" / "of" and a month: "الأول من مارس".
            if (of || !ordinal) && month_group(cx, m, false).is_some() {
                p.day = Some(day);
                if first {
                    skip = Some(s0.unwrap_or(s));
                }
                j = m;
            }
        }
    }
    let (mh, mend, partner) = month_group(cx, j, skip.is_none())?;
    let skip = skip.unwrap_or(mh.skip);
    j = mend;
    match mh.name.class {
        Class::Month(m) => p.month = Some(m),
        Class::HijriMonth(m) => {
            p.month = Some(m);
            p.hijri = true;
        }
        _ => return None,
    }
    let english = mh.name.has(EN);
    // English day after the month: "September 17", "Sept. 17th".
    if p.day.is_none() && english {
        if let Some((day, end, _)) = day_at(cx, j, false) {
            p.day = Some(day);
            j = end;
        }
    }
    // The year, or else a direction.
    if let Some((end, y)) = year_part(cx, j, p.hijri) {
        match y {
            YearVal::Num(y, era) => {
                p.year = Some(y);
                match era {
                    Some(Era::Ah) | Some(Era::Bh) => p.hijri = true,
                    Some(Era::Bc) => p.bc = true,
                    _ => {}
                }
            }
            YearVal::Rel(n) => p.rel_year = Some(n),
        }
        j = end;
    } else if p.dir.is_none() {
        if let Some((d, end)) = suffix_at(cx, j) {
            p.dir = Some(d);
            j = end;
        }
    }
    // A weak month name counts only with context; with a proclitic only with a day, a
    // year or a partner ("باب" is a door, not ب + آب; "ومارس" is "and practised").
    let weak = WEAK_MONTHS.contains(&mh.name.key) || p.hijri || (english && mh.name.has(ABBR));
    if weak && mh.skip > 0 && !(partner || p.day.is_some() || p.year.is_some()) {
        return None;
    }
    let has_context = partner || p.day.is_some() || p.year.is_some() || p.rel_year.is_some() || p.dir.is_some();
    if weak && !has_context && !licensed {
        let cue = !p.hijri && !mh.name.has(ABBR) && i > 0 && cue_before(cx, i);
        if !cue {
            return None;
        }
    }
    if let (Some(d), Some(m)) = (p.day, p.month) {
        let max = if p.hijri { 30 } else { days_in_month(p.year.unwrap_or(2000), m) };
        if d == 0 || d > max {
            return None;
        }
    }
    let score = if weak && !(p.day.is_some() || p.year.is_some() || partner) { LIKELY } else { SURE };
    Some(date(i, skip, j, calendar_value(cx, &p), score))
}

/// A month name at `j`, with its partner from the other tradition if there is one
/// ("سبتمبر/ أيلول", "فبراير (شباط)", "أيلول - سبتمبر"). English names must be capitalized;
/// an abbreviation takes its period ("Sept."). Returns (hit, end, partner found).
fn month_group(cx: &Cx, j: usize, clitics: bool) -> Option<(Hit, usize, bool)> {
    let h = name_at(cx, j, clitics, bit(Class::Month(1)) | bit(Class::HijriMonth(1)), &|n| {
        matches!(n.class, Class::Month(_) | Class::HijriMonth(_)) && !n.has(SHORT)
    })?;
    if h.name.has(EN) && !cx.cased(j) {
        return None;
    }
    let mut end = h.end;
    if h.name.has(EN) && h.name.has(ABBR) && cx.w(end) == "." && cx.joined(end) {
        end += 1;
    }
    let sep = cx.w(end);
    // "يوليو تموز": the two traditions side by side, without a separator.
    if h.name.has(AR) && matches!(h.name.class, Class::Month(_)) {
        let same = |n: &super::words::Name| n.class == h.name.class && n.key != h.name.key && !n.has(SHORT);
        if let Some(p) = name_at(cx, end, false, bit(h.name.class), &same) {
            return Some((h, p.end, true));
        }
    }
    if matches!(sep, "/" | "-" | "–" | "(") {
        if let Some(p) = name_at(cx, end + 1, false, bit(h.name.class), &|n| n.class == h.name.class && !n.has(SHORT)) {
            if sep != "(" {
                return Some((h, p.end, true));
            }
            if cx.w(p.end) == ")" {
                return Some((h, p.end + 1, true));
            }
        }
    }
    Some((h, end, false))
}

/// A day of the month at `j`: 1..=31, one or two digits, optionally "17th"; not the hour
/// of a time ("10:30") nor part of a phone number or a score.
fn day_at(cx: &Cx, j: usize, clitics: bool) -> Option<(u8, usize, usize)> {
    let d = digits_at(cx, j, clitics)?;
    if !matches!(d.suffix, "" | "st" | "nd" | "rd" | "th") || !(1..=2).contains(&d.plain_len()) {
        return None;
    }
    let day = d.int()?;
    if !(1..=31).contains(&day) || (in_chain(cx, j) && !range_second(cx, j)) || phone_like(cx, j) {
        return None;
    }
    Some((day as u8, j + 1, d.skip))
}

/// True if day token `j` ends a two-day range "16-18" (and nothing longer: "1-2-3").
fn range_second(cx: &Cx, j: usize) -> bool {
    let sep = |k: usize| matches!(cx.w(k), "-" | "–" | "/" | ":") && cx.joined(k) && cx.joined(k + 1);
    j >= 2
        && matches!(cx.w(j - 1), "-" | "–")
        && sep(j - 1)
        && digits_at(cx, j - 2, false).is_some_and(|d| (1..=2).contains(&d.plain_len()) && d.suffix.is_empty())
        && !(j >= 3 && sep(j - 3))
        && !sep(j + 1)
}

/// The first day of a range whose month is said once, after the last day: "16" in "16-18
/// ديسمبر", "من 10 إلى 15 مارس", "26 و27 مارس 2016", "19 و20 و21 ماي", "16 to 18 December".
/// Its value is the last day's with the day replaced.
fn range_first(cx: &Cx, i: usize) -> Option<Found> {
    let d = digits_at(cx, i, true)?;
    if !d.suffix.is_empty() || !(1..=2).contains(&d.plain_len()) || phone_like(cx, i) {
        return None;
    }
    let day = d.int()?;
    let w = cx.w(i + 1);
    let k = if matches!(w, "-" | "–" | "الي" | "حتي" | "to" | "and" | "و") {
        if matches!(w, "-" | "–") && !(cx.joined(i + 1) && cx.joined(i + 2)) {
            return None;
        }
        i + 2
    } else if w.starts_with('و') && digits_at(cx, i + 1, true).is_some_and(|x| x.skip == "و".len()) {
        i + 1
    } else {
        return None;
    };
    let second = calendar(cx, k).or_else(|| range_first(cx, k)).filter(|f| f.start == k && !f.value.contains(' '))?;
    // The last day's value ends in "-DD"; the first day is earlier.
    let v = &second.value;
    let (head, last) = v.split_at(v.len().checked_sub(2)?);
    let last: u32 = last.parse().ok()?;
    if !head.ends_with('-') || head.len() < 8 || !(1..last).contains(&day) {
        return None;
    }
    Some(date(i, d.skip, i + 1, format!("{head}{day:02}"), LIKELY))
}

/// A day of the month at `j`, in digits ([`day_at`]) or as an ordinal word ("الأول",
/// "الحادي والعشرين", "first"): (day, end, proclitic bytes, was an ordinal word).
fn day_any(cx: &Cx, j: usize, clitics: bool) -> Option<(u8, usize, usize, bool)> {
    if let Some((d, end, s)) = day_at(cx, j, clitics) {
        return Some((d, end, s, false));
    }
    if cx.any(j) & bit(Class::Ordinal(1)) == 0 {
        return None;
    }
    // Never with a proclitic: "والعشرين" continues an ordinal, it does not begin one.
    let h = name_at(cx, j, false, bit(Class::Ordinal(1)), &|n| matches!(n.class, Class::Ordinal(1..=31)))?;
    let Class::Ordinal(d) = h.name.class else {
        return None;
    };
    Some((d, h.end, h.skip, true))
}

/// A year after a month or on its own.
#[derive(Debug, Clone, Copy)]
enum YearVal {
    /// A year number and its era if written.
    Num(i32, Option<Era>),
    /// A year relative to the reference year.
    Rel(i8),
}

/// The year part after a month: "2023", ", 2023", "من عام 2022", "عام 1445 هـ", "من العام
/// الماضي", "last year".
fn year_part(cx: &Cx, j: usize, hijri: bool) -> Option<(usize, YearVal)> {
    let mut k = j;
    if matches!(cx.w(k), "," | "،") && cx.has_digit(k + 1) {
        k += 1;
    }
    if matches!(cx.w(k), "من" | "of") {
        k += 1;
    }
    let (k2, year_word) = match class_at(cx, k, false, bit(Class::YearWord)) {
        Some(h) => (h.end, true),
        None => (k, false),
    };
    if let Some((y, era, end)) = year_number(cx, k2, year_word, hijri) {
        return Some((end, YearVal::Num(y, era)));
    }
    if let Some(h) =
        name_at(cx, k, false, bit(Class::UnitWord(Unit::Day)), &|n| matches!(n.class, Class::UnitWord(Unit::Year)))
    {
        if let Some((d, end)) = suffix_at(cx, h.end) {
            return Some((end, YearVal::Rel(d)));
        }
    }
    if let Some(h) = name_at(cx, k, false, bit(Class::Relative(Unit::Day, 0)), &|n| {
        matches!(n.class, Class::Relative(Unit::Year, _))
    }) {
        if let Class::Relative(_, d) = h.name.class {
            return Some((h.end, YearVal::Rel(d)));
        }
    }
    None
}

/// A year number at `k` with an optional era ("2019", "2019م", "1445 هـ", "300 ق.م").
/// Four digits are needed without an era or a year word before; years are 1000..=2999 (or
/// a Hijri year) unless an era is written.
fn year_number(cx: &Cx, k: usize, year_word: bool, hijri: bool) -> Option<(i32, Option<Era>, usize)> {
    let d = digits_at(cx, k, false)?;
    let len = d.plain_len();
    let y = d.int()? as i32;
    let mut era = match d.suffix {
        "" => None,
        "م" => Some(Era::Ad),
        "ه" => Some(Era::Ah),
        "ad" | "ce" => Some(Era::Ad),
        "bc" | "bce" => Some(Era::Bc),
        _ => return None,
    };
    let mut end = k + 1;
    if era.is_none() {
        if let Some(h) = class_at(cx, end, false, bit(Class::Era(Era::Ad))) {
            if let Class::Era(e) = h.name.class {
                era = Some(e);
                end = h.end;
                // "هـ." and "ق.م." keep their period.
                if cx.w(end) == "." && cx.joined(end) && h.name.key.chars().count() <= 3 {
                    end += 1;
                }
            }
        }
    }
    // "م" is also metres: "100م" is a distance, "1990م" a year.
    let metres = era == Some(Era::Ad) && (d.suffix == "م" || cx.w(k + 1) == "م") && !year_word;
    let ok = match era {
        Some(_) if metres => len == 4 && y >= 1000,
        Some(_) => (1..=4).contains(&len) && y > 0,
        None if year_word => (3..=4).contains(&len) && (hijri || (1000..=2999).contains(&y) || len == 3),
        None => len == 4 && (1000..=2999).contains(&y),
    };
    if !ok || phone_like(cx, k) || (in_chain(cx, k) && !year_range(cx, k)) {
        return None;
    }
    Some((y, era, end))
}

/// A relative suffix at `j`: الماضي, قبل الماضي, المقبل, الجاري. (direction, end)
fn suffix_at(cx: &Cx, j: usize) -> Option<(i8, usize)> {
    let h = class_at(cx, j, false, bit(Class::Suffix(0)))?;
    match h.name.class {
        Class::Suffix(d) => Some((d, h.end)),
        _ => None,
    }
}

/// True if the token before `i` is a word that makes the next number a year or the next
/// month name a month: في, منذ, in, since (with a proclitic: وفي).
fn cue_before(cx: &Cx, i: usize) -> bool {
    if i >= 2 && cx.w(i - 1) == "-" && cx.joined(i - 1) && cx.w(i - 2) == "mid" {
        return true;
    }
    i > 0 && class_at(cx, i - 1, true, bit(Class::YearCue)).is_some_and(|h| h.end == i)
}

/// The value of a calendar date (see the module docs of [`super`]).
fn calendar_value(cx: &Cx, p: &Parts) -> String {
    let m = p.month.unwrap_or(1);
    let mut out = String::new();
    let r = cx.reference;
    let mut sign = "";
    let year = if let Some(y) = p.year {
        if p.bc {
            format!("BC{y:04}")
        } else {
            year4(y)
        }
    } else if p.hijri {
        if let Some(d) = p.dir.filter(|&d| d != 0) {
            sign = if d < 0 { "-" } else { "+" };
        }
        "XXXX".to_string()
    } else if let (Some(n), Some(r)) = (p.rel_year, r) {
        year4(r.year + i32::from(n))
    } else if let (Some(d), Some(r)) = (p.dir, r) {
        // The nearest such day or month before (after) the reference day.
        let key = (m, p.day.unwrap_or(0));
        let rkey = (r.month, if p.day.is_some() { r.day } else { 0 });
        let y = match d.signum() {
            -1 => r.year - i32::from(key >= rkey) - i32::from(-d - 1),
            1 => r.year + i32::from(key <= rkey) + i32::from(d - 1),
            _ => r.year,
        };
        year4(y)
    } else if let Some(r) = r.filter(|_| p.rel_year.is_none()) {
        year4(r.year)
    } else {
        if let Some(d) = p.dir.filter(|&d| d != 0) {
            sign = if d < 0 { "-" } else { "+" };
        }
        "XXXX".to_string()
    };
    out.push_str(sign);
    if p.hijri {
        out.push('H');
    }
    out.push_str(&year);
    if let Some(m) = p.month {
        out.push_str(&format!("-{m:02}"));
        if let Some(d) = p.day {
            out.push_str(&format!("-{d:02}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Weekdays and relative expressions

/// "[يوم] weekday" at `j`: (end, proclitic bytes, ISO weekday). English names must be
/// capitalized; an English abbreviation ("Tue") only with `abbr`.
fn weekday_phrase(cx: &Cx, j: usize, abbr: bool) -> Option<(usize, usize, u8)> {
    let mut k = j;
    let mut skip = None;
    if let Some(h) = class_at(cx, k, true, bit(Class::DayWord)) {
        skip = Some(h.skip);
        k = h.end;
    }
    let h = weekday_at(cx, k, skip.is_none(), abbr)?;
    let Class::Weekday(w) = h.name.class else {
        return None;
    };
    Some((h.end, skip.unwrap_or(h.skip), w))
}

/// A weekday name at `k` (Arabic with its article: الخميس; never the short forms).
fn weekday_at(cx: &Cx, k: usize, clitics: bool, abbr: bool) -> Option<Hit> {
    let h = name_at(cx, k, clitics, bit(Class::Weekday(1)), &|n| {
        matches!(n.class, Class::Weekday(_)) && !n.has(SHORT) && (abbr || !n.has(ABBR))
    })?;
    if k > 0 && readings(cx.w(k - 1), true).any(|(_, w)| NOT_WEEKDAY_BEFORE.contains(&w)) {
        return None;
    }
    (!h.name.has(EN) || cx.cased(k)).then_some(h)
}

/// Relative expressions: "[يوم] أمس [الثلاثاء]", "الأسبوع الماضي", "last week", "الأسبوع قبل
/// الماضي", "[يوم] الثلاثاء [الماضي]", "Tuesday", "two days ago".
fn relative(cx: &Cx, i: usize) -> Option<Found> {
    let mut best = Longest::default();
    best.keep(relative_day(cx, i));
    best.keep(relative_phrase(cx, i));
    best.keep(weekday_alone(cx, i));
    best.keep(ago(cx, i));
    best.keep(offset(cx, i));
    best.0
}

/// "[يوم] أمس|اليوم|غدًا|أول أمس [weekday]", "yesterday", "today".
fn relative_day(cx: &Cx, i: usize) -> Option<Found> {
    if cx.mask(i) & (bit(Class::DayWord) | bit(Class::Relative(Unit::Day, 0))) == 0 {
        return None;
    }
    let mut k = i;
    let mut skip = None;
    if let Some(h) = class_at(cx, k, true, bit(Class::DayWord)) {
        skip = Some(h.skip);
        k = h.end;
    }
    let h = name_at(cx, k, skip.is_none(), bit(Class::Relative(Unit::Day, 0)), &|n| {
        matches!(n.class, Class::Relative(Unit::Day, _))
    })?;
    let Class::Relative(_, n) = h.name.class else {
        return None;
    };
    match h.name.key {
        // "اليوم التالي" is the day after, "ذلك اليوم" that day: no reference to today.
        "اليوم" if cx.is_any(h.end, NOT_TODAY_AFTER) || (k > 0 && cx.is_any(k - 1, NOT_TODAY_BEFORE)) => {
            return None;
        }
        // "بأمس الحاجة" is "in dire need".
        "امس" if cx.w(k)[..h.skip].ends_with('ب') || cx.w(h.end) == "الحاجه" => return None,
        // A capitalized "Today" inside a sentence names something (the "Today" programme).
        "today" | "yesterday" | "tomorrow" => {
            let sentence_start = k == 0 || matches!(cx.w(k - 1), "." | "!" | "?" | "\"" | "“" | ":" | "(" | "-" | "—");
            if cx.cased(k) && !sentence_start {
                return None;
            }
        }
        _ => {}
    }
    let mut end = h.end;
    if let Some(w) = weekday_at(cx, end, false, false) {
        end = w.end;
    } else if cx.w(end) == "(" && cx.w(end + 2) == ")" && weekday_at(cx, end + 1, false, false).is_some() {
        // "اليوم (الاثنين)", as many Arabic papers write it.
        end += 3;
    }
    let value = match cx.reference {
        Some(r) => r.add_days(i64::from(n)).iso(),
        None => duration(n, 'D'),
    };
    // "the day before yesterday": the entry is keyed from "day"; the span takes "the".
    if h.name.key.starts_with("day ") {
        return (k > 0 && cx.w(k - 1) == "the").then(|| date(k - 1, 0, end, value, SURE));
    }
    Some(date(i, skip.unwrap_or(h.skip), end, value, SURE))
}

/// CLDR phrases ("الأسبوع الماضي", "next month", "last Sunday", "هذا الشهر") and a unit
/// with a suffix ("الأسبوع قبل الماضي", "الشهر المقبل", "العام الجاري").
fn relative_phrase(cx: &Cx, i: usize) -> Option<Found> {
    if cx.mask(i) & (bit(Class::Relative(Unit::Day, 0)) | bit(Class::UnitWord(Unit::Day))) == 0 {
        return None;
    }
    // "الربع الأخير" is as often "the final quarter (of the year)" as "last quarter".
    let cldr = name_at(cx, i, true, bit(Class::Relative(Unit::Day, 0)), &|n| {
        matches!(n.class, Class::Relative(u, _) if u != Unit::Day) && n.key != "الربع الاخير"
    })
    .and_then(|h| match h.name.class {
        Class::Relative(u, n) => Some((u, n, h.skip, h.end)),
        _ => None,
    });
    let unit_suffix = class_at(cx, i, true, bit(Class::UnitWord(Unit::Day))).and_then(|h| {
        let Class::UnitWord(u) = h.name.class else {
            return None;
        };
        let (d, end) = suffix_at(cx, h.end)?;
        Some((u, d, h.skip, end))
    });
    let (unit, n, skip, end) = match (cldr, unit_suffix) {
        (Some(a), Some(b)) => {
            if b.3 > a.3 {
                b
            } else {
                a
            }
        }
        (a, b) => a.or(b)?,
    };
    let value = relative_value(cx, unit, Some(n));
    // "the week before last", keyed from "week".
    if cx.w(i) == "week" && cx.w(i + 1) == "before" {
        return (i > 0 && cx.w(i - 1) == "the").then(|| date(i - 1, 0, end, value, SURE));
    }
    Some(date(i, skip, end, value, SURE))
}

/// "[يوم] الخميس [الماضي]", "Tuesday": a weekday on its own, with an optional direction.
fn weekday_alone(cx: &Cx, i: usize) -> Option<Found> {
    if cx.mask(i) & (bit(Class::DayWord) | bit(Class::Weekday(1))) == 0 {
        return None;
    }
    let (mut end, skip, w) = weekday_phrase(cx, i, false)?;
    let mut dir = None;
    if let Some((d, e)) = suffix_at(cx, end) {
        dir = Some(d);
        end = e;
    }
    Some(date(i, skip, end, relative_value(cx, Unit::Weekday(w), dir), SURE))
}

/// "two days ago", "3 weeks ago", "a year ago".
fn ago(cx: &Cx, i: usize) -> Option<Found> {
    if !cx.can(i, bit(Class::Cardinal(0)) | bit(Class::Scale(0, 0))) {
        return None;
    }
    // Cheap test first: "ago" must follow within a few tokens.
    if !(i + 2..i + 6).any(|k| cx.w(k) == "ago") {
        return None;
    }
    let (n, k) = if matches!(cx.w(i), "a" | "an") {
        (1, i + 1)
    } else {
        let a = amount_at(cx, i, false)?;
        (a.value.as_int().filter(|&n| n <= 1000)?, a.end)
    };
    let h = class_at(cx, k, false, bit(Class::UnitCount(Unit::Day)))?;
    if cx.w(h.end) != "ago" {
        return None;
    }
    let Class::UnitCount(unit) = h.name.class else {
        return None;
    };
    let n = -(i8::try_from(n).ok()?);
    Some(date(i, 0, h.end + 1, relative_value(cx, unit, Some(n)), SURE))
}

/// The value of `unit` moved by `n` (None: a plain weekday) from the reference day.
fn relative_value(cx: &Cx, unit: Unit, n: Option<i8>) -> String {
    let r = cx.reference;
    let k = i64::from(n.unwrap_or(0));
    match (unit, r) {
        (Unit::Day, Some(r)) => r.add_days(k).iso(),
        (Unit::Day, None) => duration(k as i8, 'D'),
        (Unit::Week, Some(r)) => {
            let (y, w) = r.add_days(7 * k).iso_week();
            format!("{}-W{w:02}", year4(y))
        }
        (Unit::Week, None) => duration(k as i8, 'W'),
        (Unit::Month, Some(r)) => {
            let (y, m) = add_months(r.year, r.month, k);
            format!("{}-{m:02}", year4(y))
        }
        (Unit::Month, None) => duration(k as i8, 'M'),
        (Unit::Quarter, Some(r)) => {
            let (y, m) = add_months(r.year, r.month, 3 * k);
            format!("{}-Q{}", year4(y), (m - 1) / 3 + 1)
        }
        (Unit::Quarter, None) => duration(k as i8, 'Q'),
        (Unit::Year, Some(r)) => year4(r.year + k as i32),
        (Unit::Year, None) => duration(k as i8, 'Y'),
        (Unit::Weekday(w), Some(r)) => {
            let today = i64::from(r.weekday());
            let w = i64::from(w);
            let delta = match n {
                // Plain: the latest such day on or before the reference day.
                None => -((today - w).rem_euclid(7)),
                // "this Tuesday": in the reference day's ISO week.
                Some(0) => w - today,
                Some(n) if n < 0 => {
                    let back = match (today - w).rem_euclid(7) {
                        0 => 7,
                        b => b,
                    };
                    -back - 7 * (i64::from(-n) - 1)
                }
                Some(n) => {
                    let ahead = match (w - today).rem_euclid(7) {
                        0 => 7,
                        a => a,
                    };
                    ahead + 7 * (i64::from(n) - 1)
                }
            };
            r.add_days(delta).iso()
        }
        (Unit::Weekday(w), None) => {
            let sign = match n {
                Some(n) if n < 0 => "-",
                Some(n) if n > 0 => "+",
                _ => "",
            };
            format!("{sign}XXXX-WXX-{w}")
        }
    }
}

/// A signed ISO 8601 duration from the reference day: `-P1D`, `+P0D`, `+P2W`.
fn duration(n: i8, unit: char) -> String {
    let sign = if n < 0 { '-' } else { '+' };
    format!("{sign}P{}{unit}", i16::from(n).abs())
}

// ---------------------------------------------------------------------------------------
// Years on their own

/// "عام 2019", "سنة 1990", "1445 هـ", "2019م", "300 ق.م", "في 2022" (span on the number),
/// "2019 و2020", "2019-2020", and a bare year 1900..=2099 (lower confidence).
fn year(cx: &Cx, i: usize, last_date_end: Option<usize>) -> Option<Found> {
    if !cx.can(i, bit(Class::YearWord)) {
        return None;
    }
    // A year word first: "عام 2019", "لعام 2020" (the proclitic stays outside).
    if let Some(h) = class_at(cx, i, true, bit(Class::YearWord)) {
        if let Some((y, era, end)) = year_number(cx, h.end, true, false) {
            return Some(date(i, h.skip, end, year_value(y, era), SURE));
        }
    }
    let d = digits_at(cx, i, true)?;
    let era_next = cx.any(i + 1) & bit(Class::Era(Era::Ad)) != 0;
    if (d.plain_len() != 4 && !era_next && d.suffix.is_empty()) || labelled(cx, i) {
        return None;
    }
    let (y, era, end) = year_number(cx, i, false, false).or_else(|| {
        // A proclitic on the number ("و2020", "ب2019"): read the digits after it.
        if d.skip == 0 || !d.suffix.is_empty() || d.plain_len() != 4 {
            return None;
        }
        let y = d.int()? as i32;
        ((1000..=2999).contains(&y) && !in_chain(cx, i)).then_some((y, None, i + 1))
    })?;
    if era.is_some() {
        return Some(date(i, d.skip, end, year_value(y, era), SURE));
    }
    // A number followed by a scale, a currency, a percent sign or a colon is an amount or
    // a time, not a year.
    const AMOUNT: u32 = bit(Class::Scale(0, 0))
        | bit(Class::Currency(""))
        | bit(Class::PercentWord)
        | bit(Class::UnitCount(Unit::Day))
        | bit(Class::ArUnit(Unit::Day, 0))
        | bit(Class::Zone(0));
    let amount_after = name_at(cx, end, false, AMOUNT, &|n| {
        matches!(n.class, Class::Scale(..) | Class::Currency(_) | Class::PercentWord | Class::UnitCount(_))
            || (matches!(n.class, Class::ArUnit(_, c) if c != 1 || n.key.ends_with('ا')))
            || (matches!(n.class, Class::Zone(_)) && (!n.has(UPPER) || cx.upper(end)))
    })
    .is_some()
        || (cx.w(end) == ":" && cx.joined(end));
    if amount_after {
        return None;
    }
    let coordinated = (d.skip > 0 && cx.w(i).starts_with('و') && last_date_end == Some(i))
        || (i > 0 && cx.is_any(i - 1, CONNECTORS) && last_date_end == Some(i - 1));
    if coordinated || (cue_before(cx, i) && cue_year_ok(cx, i, y)) || year_range(cx, i) {
        return Some(date(i, d.skip, end, year_value(y, None), LIKELY));
    }
    // A bare year: round hundreds (1900, 2000) are more often counts.
    if (1900..=2099).contains(&y) && y % 100 != 0 && d.skip == 0 {
        return Some(date(i, 0, end, year_value(y, None), BARE_YEAR));
    }
    None
}

/// True unless a cue word makes year `y` at token `i` a count after all: a year before
/// 1500 ("من 1022 أسرة", "one in 1000"), or "أكثر من 2000", "نحو 2000".
fn cue_year_ok(cx: &Cx, i: usize, y: i32) -> bool {
    const MORE: &[&str] = &["اكثر", "اقل", "نحو", "حوالي", "قرابه", "زهاء", "one"];
    let before = |k: usize| k > 0 && readings(cx.w(k - 1), true).any(|(_, w)| MORE.contains(&w));
    y >= 1500 && !before(i) && !(i > 0 && before(i - 1))
}

/// True if year token `k` and another year make a range: "2019-2020", "2019/2020".
fn year_range(cx: &Cx, k: usize) -> bool {
    let year_at = |t: usize| {
        digits_at(cx, t, false)
            .filter(|d| d.suffix.is_empty() && d.plain_len() == 4)
            .and_then(|d| d.int())
            .filter(|y| (1000..=2999).contains(y))
    };
    let Some(y) = year_at(k) else {
        return false;
    };
    let sep = |t: usize| matches!(cx.w(t), "-" | "–" | "/") && cx.joined(t) && cx.joined(t + 1);
    let next = sep(k + 1) && year_at(k + 2).is_some_and(|z| z > y) && !sep(k + 3);
    let prev = k >= 2 && sep(k - 1) && year_at(k - 2).is_some_and(|z| z < y) && !(k >= 4 && sep(k - 3));
    next || prev
}

/// A year's value: `2019`, `H1445`, `BC0300`.
fn year_value(y: i32, era: Option<Era>) -> String {
    match era {
        Some(Era::Ah) => format!("H{}", year4(y)),
        Some(Era::Bh) => format!("H-{}", year4(y)),
        Some(Era::Bc) => format!("BC{y:04}"),
        _ => year4(y),
    }
}

// ---------------------------------------------------------------------------------------
// Offsets from the reference day: "منذ يومين", "قبل ثلاثة أيام", "in two days"

/// The direction of an offset word before token `i`: قبل and منذ (ago) −1, بعد and "in"
/// +1, with an Arabic conjunction on it (وقبل). Returns (direction, proclitic bytes).
fn offset_word(cx: &Cx, i: usize) -> Option<(i8, usize)> {
    let k = i.checked_sub(1)?;
    let w = cx.w(k);
    if w == "in" {
        return Some((1, 0));
    }
    readings(w, true).take(3).find_map(|(skip, rest)| {
        let d = match rest {
            "قبل" | "منذ" => -1,
            "بعد" => 1,
            _ => return None,
        };
        // Only a conjunction may stand before: "وقبل", "فمنذ".
        (skip == 0 || matches!(&w[..skip], "و" | "ف")).then_some((d, skip))
    })
}

/// "منذ يومين", "قبل ثلاثة أيام", "بعد 15 يوما", "قبل عام", "in two days": a count of days,
/// weeks, months or years from the reference day. The offset word is in the span (it says
/// the direction, as "ago" does). Not when the count is measured from something else:
/// "قبل ثلاثة أيام من الانتخابات", "in two years of war".
fn offset(cx: &Cx, i: usize) -> Option<Found> {
    const START: u32 = bit(Class::Cardinal(0)) | bit(Class::Scale(0, 0)) | bit(Class::ArUnit(Unit::Day, 1));
    if !cx.can(i, START) {
        return None;
    }
    let (dir, skip) = offset_word(cx, i)?;
    let english = cx.w(i - 1) == "in";
    let unit_at = |k: usize, plural_ok: bool| {
        let h = if english {
            class_at(cx, k, false, bit(Class::UnitCount(Unit::Day)))?
        } else {
            name_at(
                cx,
                k,
                false,
                bit(Class::ArUnit(Unit::Day, 0)),
                &|n| matches!(n.class, Class::ArUnit(_, c) if plural_ok || c > 0),
            )?
        };
        match h.name.class {
            Class::UnitCount(u) => Some((u, 0u8, h.end)),
            Class::ArUnit(u, c) => Some((u, c, h.end)),
            _ => None,
        }
    };
    // A dual or singular unit alone ("منذ يومين", "قبل عام [واحد]"), or a count and a unit.
    let (n, unit, mut end) = match (!english).then(|| unit_at(i, false)).flatten() {
        Some((u, c, e)) => {
            let mut e = e;
            if c == 1 && matches!(cx.w(e), "واحد" | "واحده") {
                e += 1;
            } else if c == 1 {
                // "قبل عام 2019", "منذ شهر رمضان", "بعد يوم الجمعة": not an offset.
                const NAMES: u32 = bit(Class::Month(1))
                    | bit(Class::HijriMonth(1))
                    | bit(Class::Weekday(1))
                    | bit(Class::Relative(Unit::Day, 0));
                // "بعد شهر الصيام" is "after the month of fasting".
                if cx.has_digit(e) || cx.any(e) & NAMES != 0 || cx.w(e).starts_with("ال") {
                    return None;
                }
            }
            (u64::from(c), u, e)
        }
        None => {
            let a = amount_at(cx, i, false)?;
            if a.skip > 0 {
                return None;
            }
            let n = a.value.as_int().filter(|n| (1..=100).contains(n))?;
            let (u, c, e) = unit_at(a.end, true)?;
            // Arabic: 3..10 take the plural, 11 and more the singular ("15 يوما").
            if !english && c == 2 {
                return None;
            }
            (n, u, e)
        }
    };
    if matches!(cx.w(end), "من" | "علي" | "of" | "after" | "before" | "later" | "earlier") {
        return None;
    }
    // "in two days' time".
    if english && matches!(cx.w(end), "'" | "’") && cx.w(end + 1) == "time" {
        end += 2;
    }
    let n = i8::try_from(n).ok()? * dir;
    Some(date(i - 1, skip, end, relative_value(cx, unit, Some(n)), if english { LIKELY } else { SURE }))
}

// ---------------------------------------------------------------------------------------
// Decades and centuries

/// A century as said: the number (21 for the 21st), before the common era, or relative to
/// the reference day's century.
#[derive(Debug, Clone, Copy)]
enum Century {
    Num(u8, bool),
    Rel(i8),
}

impl Century {
    /// The century's two leading digits (20 for 20XX: the 21st century), if known.
    fn digits(self, cx: &Cx) -> Option<(i32, bool)> {
        match self {
            Century::Num(n, bc) => Some((i32::from(n) - 1, bc)),
            Century::Rel(d) => cx.reference.map(|r| (r.year.div_euclid(100) + i32::from(d), false)),
        }
    }

    /// The value: `19XX`, `BC04XX`, or without a reference day `-P1CE` (TIMEX3's unit for
    /// centuries).
    fn value(self, cx: &Cx) -> String {
        match (self, self.digits(cx)) {
            (_, Some((c, true))) => format!("BC{c:02}XX"),
            (_, Some((c, false))) => format!("{c:02}XX"),
            (Century::Rel(d), None) => format!("{}P{}CE", if d < 0 { '-' } else { '+' }, d.unsigned_abs()),
            (Century::Num(..), None) => unreachable!("a numbered century has digits"),
        }
    }
}

/// "القرن العشرين", "القرن الحادي والعشرين", "القرن 21", "القرن الـ21", "القرن الخامس قبل
/// الميلاد", "القرن الماضي"; "20th century", "twentieth century", "21st-century", "last
/// century" (without "the"). Returns the century and the token after it.
fn century_at(cx: &Cx, i: usize, clitics: bool) -> Option<(Century, usize, usize)> {
    // Arabic: the word first.
    if let Some(h) = name_at(cx, i, clitics, bit(Class::CenturyWord), &|n| n.class == Class::CenturyWord && n.has(AR)) {
        let k = h.end;
        let (c, mut end) = if let Some(o) =
            name_at(cx, k, false, bit(Class::Ordinal(1)), &|n| matches!(n.class, Class::Ordinal(1..=21)))
        {
            let Class::Ordinal(n) = o.name.class else {
                return None;
            };
            (Century::Num(n, false), o.end)
        } else if let Some((d, e)) = suffix_at(cx, k) {
            (Century::Rel(d), e)
        } else {
            let w = cx.w(k);
            let digits = w.strip_prefix("ال").unwrap_or(w);
            let n: u8 = (1..=2).contains(&digits.len()).then(|| digits.parse().ok()).flatten()?;
            if !(1..=21).contains(&n) || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (Century::Num(n, false), k + 1)
        };
        if let Century::Num(n, _) = c {
            if let Some(e) =
                name_at(cx, end, false, bit(Class::Era(Era::Ad)), &|n| matches!(n.class, Class::Era(Era::Bc | Era::Ad)))
            {
                let bc = e.name.class == Class::Era(Era::Bc);
                end = e.end;
                if cx.w(end) == "." && cx.joined(end) {
                    end += 1;
                }
                return Some((Century::Num(n, bc), h.skip, end));
            }
        }
        return Some((c, h.skip, end));
    }
    // English: the number first.
    let (c, k) = if let Some(d) = digits_at(cx, i, false) {
        if !matches!(d.suffix, "st" | "nd" | "rd" | "th") {
            return None;
        }
        let n = d.int().filter(|n| (1..=21).contains(n))? as u8;
        (Century::Num(n, false), i + 1)
    } else if let Some(o) = name_at(cx, i, false, bit(Class::Ordinal(1)) | bit(Class::Prefix(0)), &|n| {
        matches!(n.class, Class::Ordinal(1..=21) | Class::Prefix(_))
    }) {
        match o.name.class {
            Class::Ordinal(n) => (Century::Num(n, false), o.end),
            Class::Prefix(d) => (Century::Rel(d), o.end),
            _ => return None,
        }
    } else {
        return None;
    };
    let k = if cx.w(k) == "-" && cx.joined(k) && cx.joined(k + 1) { k + 1 } else { k };
    let h = name_at(cx, k, false, bit(Class::CenturyWord), &|n| n.class == Class::CenturyWord && n.has(EN))?;
    // "20th Century Fox" is a studio.
    if cx.cased(k) && cx.cased(h.end) && cx.kind(h.end) == Some(crate::text::TokenKind::Word) {
        return None;
    }
    let mut end = h.end;
    let mut c = c;
    if let Century::Num(n, _) = c {
        // "5th century BC".
        if let Some(d) = digits_era(cx, end) {
            c = Century::Num(n, d.0);
            end = d.1;
        }
    }
    Some((c, 0, end))
}

/// "BC", "B.C.", "AD" after an English century: (before the common era, end).
fn digits_era(cx: &Cx, k: usize) -> Option<(bool, usize)> {
    let h = name_at(cx, k, false, bit(Class::Era(Era::Ad)), &|n| {
        matches!(n.class, Class::Era(Era::Bc | Era::Ad)) && n.has(EN)
    })?;
    if !cx.upper(k) {
        return None;
    }
    Some((h.name.class == Class::Era(Era::Bc), h.end))
}

/// A century on its own (see [`century_at`]).
fn century(cx: &Cx, i: usize) -> Option<Found> {
    const START: u32 = bit(Class::CenturyWord) | bit(Class::Ordinal(1)) | bit(Class::Prefix(0));
    if !cx.can(i, START) {
        return None;
    }
    let (c, skip, end) = century_at(cx, i, true)?;
    Some(date(i, skip, end, c.value(cx), SURE))
}

/// "الثمانينيات", "ثمانينيات القرن الماضي", "التسعينيات من القرن العشرين", "1980s",
/// "1980's", "'80s" (the apostrophe is in the span), "the 80s" ("the" is not). Value: the
/// decade with its last digit unknown, `198X`; a decade without its century is taken to be
/// the 20th century's (the 1920s to the 1990s), as news means it.
fn decade(cx: &Cx, i: usize) -> Option<Found> {
    if !cx.can(i, bit(Class::Decade(1))) {
        return None;
    }
    if let Some(h) = class_at(cx, i, true, bit(Class::Decade(1))) {
        let Class::Decade(d) = h.name.class else {
            return None;
        };
        let mut end = h.end;
        // "في العشرينات من عمره" is an age.
        if cx.w(end) == "من"
            && matches!(cx.w(end + 1).strip_prefix("ال").unwrap_or(cx.w(end + 1)).get(..6), Some("عمر"))
        {
            return None;
        }
        let mut century = 19;
        let k = if cx.w(end) == "من" { end + 1 } else { end };
        if let Some((c, 0, e)) = century_at(cx, k, false).filter(|c| cx.w(k) != "century" && c.1 == 0) {
            // "ثمانينيات القرن الماضي" without a reference day: the 20th century.
            century = match c {
                Century::Rel(r) if cx.reference.is_none() => 20 + i32::from(r),
                _ => match c.digits(cx) {
                    Some((n, false)) => n,
                    _ => return None,
                },
            };
            end = e;
        }
        return Some(date(i, h.skip, end, format!("{century:02}{d}X"), SURE));
    }
    let d = digits_at(cx, i, false)?;
    // "1980's": the "'s" is two more tokens.
    let (digits, end) = match (d.suffix, d.plain_len()) {
        ("s", 4) => (d.digits, i + 1),
        ("", 4) if matches!(cx.w(i + 1), "'" | "’") && cx.w(i + 2) == "s" && cx.joined(i + 1) && cx.joined(i + 2) => {
            (d.digits, i + 3)
        }
        ("s", 2) => (d.digits, i + 1),
        _ => return None,
    };
    if !digits.ends_with('0') {
        return None;
    }
    let mut start = i;
    let value = if digits.len() == 4 {
        let y: i32 = digits.parse().ok()?;
        if !(1000..=2990).contains(&y) {
            return None;
        }
        format!("{}X", &digits[..3])
    } else {
        // "'80s" and "the 80s" only (a bare "80s" is as often an age: "in his 80s").
        let apostrophe = i > 0 && matches!(cx.w(i - 1), "'" | "’") && cx.joined(i);
        if apostrophe {
            start = i - 1;
        } else if !(i > 0 && cx.w(i - 1) == "the") {
            return None;
        }
        let century = if digits.starts_with(['0', '1']) { "20" } else { "19" };
        format!("{century}{}X", &digits[..1])
    };
    Some(date(start, 0, end, value, SURE))
}

// ---------------------------------------------------------------------------------------
// Modifiers

/// "أواخر عام 2019", "مطلع الشهر الجاري", "منتصف مارس", "early 2020", "late September",
/// "mid-March", "the end of 2019": a date with a TIMEX3 `mod`, written after the value and
/// a space (`2019 END`, `+P0M START`, `XXXX-03 MID`). The modifier is in the span, and so is
/// the "the" of "the end of".
fn modified(cx: &Cx, i: usize) -> Option<Found> {
    if cx.mask(i) & bit(Class::Mod(Modifier::Start)) == 0 {
        return None;
    }
    let h = class_at(cx, i, true, bit(Class::Mod(Modifier::Start)))?;
    let Class::Mod(m) = h.name.class else {
        return None;
    };
    let mut k = h.end;
    // "mid-March", "mid-2019".
    if cx.w(k) == "-" && cx.joined(k) && cx.joined(k + 1) && h.name.key == "mid" {
        k += 1;
    }
    let inner = at(cx, k, None).filter(|f| f.start == k && f.skip == 0 && !f.value.contains(' '))?;
    let start = if h.name.key.ends_with(" of") && i > 0 && cx.w(i - 1) == "the" { i - 1 } else { i };
    Some(date(
        start,
        if start == i { h.skip } else { 0 },
        inner.end,
        format!("{} {}", inner.value, m.as_str()),
        inner.score,
    ))
}
