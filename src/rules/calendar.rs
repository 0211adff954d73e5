//! The little Gregorian arithmetic the date rules need: day numbers, weekdays, ISO weeks,
//! month lengths, and parsing the reference date. Hand-written (a few dozen lines) rather
//! than a date crate, which would bring time zones and formatting the wasm does not need.
//!
//! Days are counted from 1970-01-01 (day 0) with the proleptic Gregorian calendar, using
//! Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms, exact for every year
//! an `i32` holds.

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// Parses `YYYY-MM-DD` (a valid day, else `None`).
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let day = Day { year: y as i32, month: m as u8, day: d as u8 };
        day.is_valid().then_some(day)
    }

    /// True if the month is 1..=12 and the day exists in it.
    pub fn is_valid(self) -> bool {
        (1..=12).contains(&self.month) && self.day >= 1 && self.day <= days_in_month(self.year, self.month)
    }

    /// Days since 1970-01-01.
    pub fn number(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day with this number (inverse of [`Day::number`]).
    pub fn from_number(z: i64) -> Day {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    /// `n` days later (earlier for negative `n`).
    pub fn add_days(self, n: i64) -> Day {
        Day::from_number(self.number() + n)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.number() + 3).rem_euclid(7) + 1) as u8
    }

    /// ISO 8601 week: (week-numbering year, week 1..=53).
    pub fn iso_week(self) -> (i32, u8) {
        // The week belongs to the year of its Thursday.
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = Day { year: thursday.year, month: 1, day: 1 };
        let week = (thursday.number() - jan1.number()) / 7 + 1;
        (thursday.year, week as u8)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{}-{:02}-{:02}", year4(self.year), self.month, self.day)
    }
}

/// A year as at least four digits (negative years keep their sign).
pub(crate) fn year4(y: i32) -> String {
    if y < 0 {
        format!("-{:04}", -i64::from(y))
    } else {
        format!("{y:04}")
    }
}

/// True for Gregorian leap years.
pub(crate) fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month (0 for a month outside 1..=12).
pub(crate) fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Year and month `n` months after (`y`, `m`).
pub(crate) fn add_months(y: i32, m: u8, n: i64) -> (i32, u8) {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + n;
    (total.div_euclid(12) as i32, (total.rem_euclid(12) + 1) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Day {
        Day { year: y, month: m, day }
    }

    #[test]
    fn numbers_round_trip() {
        assert_eq!(d(1970, 1, 1).number(), 0);
        assert_eq!(d(2000, 3, 1).number(), 11_017);
        for n in (-800_000..800_000).step_by(997) {
            assert_eq!(Day::from_number(n).number(), n);
        }
        assert_eq!(d(2023, 12, 31).add_days(1), d(2024, 1, 1));
        assert_eq!(d(2024, 3, 1).add_days(-1), d(2024, 2, 29));
    }

    #[test]
    fn weekdays_and_iso_weeks() {
        assert_eq!(d(2023, 9, 28).weekday(), 4); // a Thursday
        assert_eq!(d(2023, 9, 26).weekday(), 2);
        assert_eq!(d(2023, 9, 28).iso_week(), (2023, 39));
        assert_eq!(d(2021, 1, 3).iso_week(), (2020, 53));
        assert_eq!(d(2024, 12, 30).iso_week(), (2025, 1));
    }

    #[test]
    fn parsing_and_months() {
        assert_eq!(Day::parse("2023-09-28"), Some(d(2023, 9, 28)));
        assert_eq!(Day::parse("2023-02-29"), None);
        assert_eq!(Day::parse("2024-02-29"), Some(d(2024, 2, 29)));
        assert_eq!(Day::parse("2023-9-28"), None);
        assert_eq!(Day::parse("٢٠٢٣-09-28"), None);
        assert_eq!(add_months(2023, 1, -1), (2022, 12));
        assert_eq!(add_months(2023, 11, 3), (2024, 2));
        assert_eq!(d(2023, 9, 2).iso(), "2023-09-02");
    }
}
