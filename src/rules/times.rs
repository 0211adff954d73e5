//! Times of day: clock times ("10:30", "15:00 GMT"), hours with a day period ("10:30
//! صباحًا", "3 p.m. GMT", "10am"), Arabic ordinal hours after الساعة ("الساعة الثالثة",
//! "الساعة العاشرة والنصف مساءً", "الثالثة فجرًا") and noon and midnight.
//!
//! A bare hour needs الساعة, a day period or "o'clock" to count: "3" alone is a number,
//! "الثالثة" alone is "the third".

use super::numbers::{digits_at, phone_like};
use super::words::{bit, class_at, name_at, Class, Period, AR, LOCAL, UPPER};
use super::{Cx, Found};
use crate::entity::Kind;

/// The time starting at token `i`, if any.
pub(crate) fn at(cx: &Cx, i: usize) -> Option<Found> {
    if !cx.can(i, bit(Class::Clock) | bit(Class::Period(Period::Noon)) | bit(Class::Hour(1))) {
        return None;
    }
    let mut j = i;
    let mut skip = None;
    if let Some(h) = class_at(cx, j, true, bit(Class::Clock)) {
        skip = Some(h.skip);
        j = h.end;
    }
    let clock_word = skip.is_some();
    // A bare number is a time only before ":", a day period or "o'clock" ("10:30", "3 p.m.").
    if !clock_word && cx.has_digit(i) && cx.mask(i) == 0 {
        const AFTER: u32 = bit(Class::Period(Period::Am)) | bit(Class::OClock) | bit(Class::Zone(0));
        let suffix = cx.w(i).ends_with("am") || cx.w(i).ends_with("pm");
        if !suffix && cx.w(i + 1) != ":" && cx.any(i + 1) & AFTER == 0 {
            return None;
        }
    }
    // Noon and midnight on their own: "at noon", "منتصف الليل".
    if !clock_word {
        if let Some(h) = name_at(cx, i, true, bit(Class::Period(Period::Am)), &|n| {
            matches!(n.class, Class::Period(Period::Noon | Period::Midnight))
        }) {
            let hour = if h.name.class == Class::Period(Period::Noon) { 12 } else { 0 };
            return Some(time(i, h.skip, h.end, hour, 0, None, 0.9));
        }
    }
    let (mut hour, minute, mut end, colon, mut period, s) = clock(cx, j, !clock_word)?;
    let skip = skip.unwrap_or(s);
    // Day period after the clock: صباحًا, مساءً, p.m., ص / م (only right after digits).
    if period.is_none() {
        if let Some(h) = class_at(cx, end, false, bit(Class::Period(Period::Am))) {
            let single_letter = h.name.key.chars().count() == 1 && h.name.has(AR);
            let after_digits = cx.has_digit(end - 1);
            if !single_letter || after_digits {
                if let Class::Period(p) = h.name.class {
                    period = Some(p);
                    end = h.end;
                }
            }
        }
    }
    let oclock = class_at(cx, end, false, bit(Class::OClock)).map(|h| h.end);
    if let Some(e) = oclock {
        end = e;
    }
    if !(clock_word || colon || period.is_some() || oclock.is_some()) {
        return None;
    }
    if let Some(p) = period {
        // "15:00 مساءً" is redundant but clear; "15:00 a.m." and "0 p.m." are no times.
        let pm_like = matches!(p, Period::Pm | Period::Afternoon | Period::Evening | Period::Night);
        if (hour > 12 && !pm_like) || (hour == 0 && !colon) {
            return None;
        }
        hour = adjust(hour, p);
    }
    if minute >= 60 || hour > 24 || (hour == 24 && minute > 0) {
        return None;
    }
    if hour == 24 {
        hour = 0;
    }
    // A zone: GMT, UTC (capitals), بتوقيت غرينتش, بالتوقيت المحلي.
    let mut zone = None;
    if let Some(h) = class_at(cx, end, false, bit(Class::Zone(0))) {
        if !h.name.has(UPPER) || cx.upper(end) {
            if let Class::Zone(z) = h.name.class {
                zone = Some(z);
                end = h.end;
            }
        }
    }
    Some(time(i, skip, end, hour, minute, zone, 0.9))
}

/// The clock part at `j`: "10:30[:15]", "10am", "10", "الثالثة [والنصف]".
/// Returns (hour, minute, end, had a colon, period from a suffix, proclitic bytes).
#[allow(clippy::type_complexity)]
fn clock(cx: &Cx, j: usize, clitics: bool) -> Option<(u8, u8, usize, bool, Option<Period>, usize)> {
    if let Some(d) = digits_at(cx, j, clitics) {
        // "1400 GMT", "الساعة 1430 بتوقيت غرينتش": hours and minutes in four digits, with a
        // zone after them (checked by the caller) or الساعة before.
        if d.plain_len() == 4 && d.suffix.is_empty() && !phone_like(cx, j) {
            let n = d.int()?;
            let (hour, minute) = (u8::try_from(n / 100).ok()?, u8::try_from(n % 100).ok()?);
            let zone =
                class_at(cx, j + 1, false, bit(Class::Zone(0))).is_some_and(|h| !h.name.has(UPPER) || cx.upper(j + 1));
            let clock_word = j > 0 && class_at(cx, j - 1, true, bit(Class::Clock)).is_some();
            return (hour < 24 && minute < 60 && (zone || clock_word)).then_some((
                hour,
                minute,
                j + 1,
                true,
                None,
                d.skip,
            ));
        }
        if phone_like(cx, j) || !(1..=2).contains(&d.plain_len()) {
            return None;
        }
        let hour = u8::try_from(d.int()?).ok()?;
        // "10am", "3pm".
        let period = match d.suffix {
            "" => None,
            "am" => Some(Period::Am),
            "pm" => Some(Period::Pm),
            _ => return None,
        };
        let mut end = j + 1;
        let mut minute = 0;
        let mut colon = false;
        if period.is_none() && cx.w(end) == ":" && cx.joined(end) && cx.joined(end + 1) {
            let m = digits_at(cx, end + 1, false)?;
            if m.plain_len() != 2 {
                return None;
            }
            minute = u8::try_from(m.int()?).ok()?;
            colon = true;
            end += 2;
            // Seconds.
            if cx.w(end) == ":" && cx.joined(end) && cx.joined(end + 1) {
                if digits_at(cx, end + 1, false).is_some_and(|s| s.plain_len() == 2) {
                    end += 2;
                } else {
                    return None;
                }
            }
            // A further colon chain is no time ("1:2:3:4").
            if cx.w(end) == ":" && cx.joined(end) {
                return None;
            }
        }
        return Some((hour, minute, end, colon, period, d.skip));
    }
    let h = class_at(cx, j, clitics, bit(Class::Hour(1)))?;
    let Class::Hour(mut hour) = h.name.class else {
        return None;
    };
    let mut end = h.end;
    let mut minute = 0u8;
    if let Some(m) = class_at(cx, end, false, bit(Class::Minutes(0))) {
        if let Class::Minutes(delta) = m.name.class {
            if delta < 0 {
                hour = if hour == 1 { 12 } else { hour - 1 };
                minute = (60 + i16::from(delta)) as u8;
            } else {
                minute = delta as u8;
            }
            end = m.end;
        }
    }
    Some((hour, minute, end, false, None, h.skip))
}

/// A 12-hour reading made 24-hour by its day period.
fn adjust(hour: u8, p: Period) -> u8 {
    match p {
        Period::Am | Period::Morning => {
            if hour == 12 {
                0
            } else {
                hour
            }
        }
        Period::Pm | Period::Afternoon | Period::Evening => {
            if hour < 12 {
                hour + 12
            } else {
                hour
            }
        }
        // "العاشرة ليلًا" is 22:00, "الثالثة ليلًا" 03:00.
        Period::Night => {
            if (6..12).contains(&hour) {
                hour + 12
            } else if hour == 12 {
                0
            } else {
                hour
            }
        }
        Period::Noon => 12,
        Period::Midnight => 0,
    }
}

fn time(start: usize, skip: usize, end: usize, hour: u8, minute: u8, zone: Option<i16>, score: f64) -> Found {
    let zone = match zone {
        None | Some(LOCAL) => String::new(),
        Some(0) => "Z".to_string(),
        Some(z) => {
            format!("{}{:02}:{:02}", if z < 0 { '-' } else { '+' }, z.unsigned_abs() / 60, z.unsigned_abs() % 60)
        }
    };
    Found { start, skip, end, kind: Kind::Time, value: format!("T{hour:02}:{minute:02}{zone}"), score }
}
