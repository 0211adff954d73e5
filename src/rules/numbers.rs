//! Numbers, money and percentages: digits in any script with their separators ("1,500",
//! "3.5", "٣٫٥"), number words ("ثلاثة ملايين", "خمسة وعشرون", "two million"), a currency
//! before or after the amount ("$5 billion", "3 ملايين يورو", "مليون دينار ليبي") and
//! percent signs and words ("12.5%", "٪", "بالمئة", "في المئة", "percent").
//!
//! Amounts are exact decimals ([`Dec`]): "1.5 مليار" is 1500000000, not a float that prints
//! as 1499999999.9999998.
//!
//! The guards here decide what only looks like a number (see the module docs of
//! [`super`]): they are shared with the date and time grammars.

use super::words::{bit, class_at, name_at, vocab, Class, Name, UPPER, WEAK};
use super::{Cx, Found};
use crate::entity::Kind;
use crate::text::TokenKind;

/// A non-negative exact decimal: `mant / 10^frac`. 64 bits hold every amount news writes
/// (trillions with cents); arithmetic is checked, and an overflow is no entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dec {
    mant: u64,
    frac: u32,
}

impl Dec {
    /// Zero.
    pub const ZERO: Dec = Dec { mant: 0, frac: 0 };

    /// An integer.
    pub fn int(n: u64) -> Dec {
        Dec { mant: n, frac: 0 }
    }

    /// Parses an amount's digits: as [`Dec::parse`], except that one dot before exactly
    /// three digits groups thousands ("150.000 دولار" is 150000, as Arabic papers write it)
    /// unless `decimal_only` (a scale follows, "4.464 مليون", or the text is not Arabic).
    /// `decimal_only` looks at the tokens around, so it is asked only about such a dot.
    pub fn parse_amount(s: &str, decimal_only: impl FnOnce() -> bool) -> Option<Dec> {
        let thousands = dots(s) == 1
            && !s.contains([',', '٫', '٬'])
            && s.split_once('.')
                .is_some_and(|(a, b)| (1..=3).contains(&a.len()) && !a.starts_with('0') && b.len() == 3)
            && !decimal_only();
        if thousands {
            return Dec::parse(&s.replace('.', ""));
        }
        Dec::parse(s)
    }

    /// Parses digits (ASCII, as in the matching form) with grouping and decimal
    /// separators: "1,500,000", "3.5", "3,5", "1.000.000", "3٫5", "3٬000". A form that is
    /// neither (a version "2.3.1", an IP address) is `None`.
    pub fn parse(s: &str) -> Option<Dec> {
        if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // Most amounts are plain digits ("2019", "15"): no separators to look for. An
        // overflow is None, as below.
        if s.bytes().all(|b| b.is_ascii_digit()) {
            return s.parse().ok().map(Dec::int);
        }
        let count = |c: char| s.matches(c).count();
        let (commas, dots) = (count(','), count('.'));
        let (group, decimal): (&[char], Option<char>) = if s.contains('٫') {
            (&[',', '٬'], Some('٫'))
        } else if commas > 0 && dots > 0 {
            // The last one is the decimal point: "1,234.5" or "1.234,5".
            if s.rfind('.') > s.rfind(',') {
                (&[','], Some('.'))
            } else {
                (&['.'], Some(','))
            }
        } else if commas > 0 {
            if grouped(s, &[',', '٬']) {
                (&[',', '٬'], None)
            } else if commas == 1 {
                (&['٬'], Some(','))
            } else {
                return None;
            }
        } else if dots > 0 {
            if dots == 1 {
                (&['٬'], Some('.'))
            } else if grouped(s, &['.']) {
                (&['.'], None)
            } else {
                return None;
            }
        } else {
            (&['٬'], None)
        };
        let (int_part, frac_part) = match decimal.and_then(|d| s.split_once(d)) {
            Some((a, b)) => (a, b),
            None => (s, ""),
        };
        if int_part.contains(group) && !grouped(int_part, group) {
            return None;
        }
        let mut mant: u64 = 0;
        let mut frac = 0u32;
        for c in int_part.chars().filter(|c| !group.contains(c)) {
            mant = mant.checked_mul(10)?.checked_add(c.to_digit(10)? as u64)?;
        }
        for c in frac_part.chars() {
            mant = mant.checked_mul(10)?.checked_add(c.to_digit(10)? as u64)?;
            frac += 1;
        }
        Some(Dec { mant, frac })
    }

    fn align(self, frac: u32) -> Option<u64> {
        self.mant.checked_mul(10u64.checked_pow(frac - self.frac)?)
    }

    /// `self + o`.
    pub fn add(self, o: Dec) -> Option<Dec> {
        let frac = self.frac.max(o.frac);
        Some(Dec { mant: self.align(frac)?.checked_add(o.align(frac)?)?, frac })
    }

    /// `self × 10^e`.
    pub fn pow10(self, e: u32) -> Option<Dec> {
        if self.frac >= e {
            Some(Dec { mant: self.mant, frac: self.frac - e })
        } else {
            Some(Dec { mant: self.mant.checked_mul(10u64.checked_pow(e - self.frac)?)?, frac: 0 })
        }
    }

    /// The integer value, if it is one and fits.
    pub fn as_int(self) -> Option<u64> {
        let p = 10u64.checked_pow(self.frac)?;
        (self.mant % p == 0).then_some(self.mant / p)
    }
}

impl std::fmt::Display for Dec {
    /// Digits, a point only if there is a fraction, no trailing zeros: `1500000`, `12.5`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.frac == 0 {
            return std::fmt::Display::fmt(&self.mant, f);
        }
        let digits = self.mant.to_string();
        let frac = self.frac as usize;
        if frac == 0 {
            return f.write_str(&digits);
        }
        let padded = format!("{digits:0>width$}", width = frac + 1);
        let (a, b) = padded.split_at(padded.len() - frac);
        let b = b.trim_end_matches('0');
        if b.is_empty() {
            f.write_str(a)
        } else {
            write!(f, "{a}.{b}")
        }
    }
}

/// True if `s` is digit groups of three after a first group of one to three, split by one
/// of `seps`: "1,500,000".
fn grouped(s: &str, seps: &[char]) -> bool {
    let mut parts = s.split(|c| seps.contains(&c));
    let first = parts.next().unwrap_or("");
    (1..=3).contains(&first.len()) && parts.all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The number of dots in a digit string. Counted byte by byte: `matches('.')` sets up a
/// memchr search, which costs more than the few bytes of a number.
pub(crate) fn dots(digits: &str) -> usize {
    digits.bytes().filter(|&b| b == b'.').count()
}

/// The digits of a token: proclitic (و2020), digits with separators, letter suffix
/// (1445هـ, 17th, 5bn, 10am).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Digits<'a> {
    /// Bytes of Arabic proclitic before the digits.
    pub skip: usize,
    /// The digits and their separators.
    pub digits: &'a str,
    /// Letters after the digits (empty if none).
    pub suffix: &'a str,
}

impl Digits<'_> {
    /// The value if the digits are plain (no separators) and short.
    pub fn int(&self) -> Option<u32> {
        if self.digits.len() > 9 || !self.digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.digits.parse().ok()
    }

    /// Number of digits if plain, else 0.
    pub fn plain_len(&self) -> usize {
        if self.digits.bytes().all(|b| b.is_ascii_digit()) {
            self.digits.len()
        } else {
            0
        }
    }
}

/// Proclitics that can stand before digits in one token ("و2020", "ب5"); longest first.
const DIGIT_CLITICS: [&str; 8] = ["وب", "ول", "فب", "فل", "و", "ف", "ب", "ل"];

/// The digits of token `tok`, after an optional proclitic: None if it does not start with
/// a digit (after the proclitic), or if what follows the digits is not all letters. Found
/// once per token, when the rules first see the text ([`super::Cx`] keeps them), because
/// every grammar asks for the digits of the same few tokens again and again (a number
/// token is read about ten times).
pub(crate) fn digits_of(tok: &str) -> Option<Digits<'_>> {
    let starts_digit = |s: &str| s.as_bytes().first().is_some_and(u8::is_ascii_digit);
    let (skip, rest) = if starts_digit(tok) {
        (0, tok)
    } else {
        DIGIT_CLITICS.iter().find_map(|p| tok.strip_prefix(p).filter(|r| starts_digit(r)).map(|r| (p.len(), r)))?
    };
    let mut end = 0;
    for (k, c) in rest.char_indices() {
        if c.is_ascii_digit() {
            end = k + 1;
        } else if !matches!(c, ',' | '.' | '٫' | '٬') {
            break;
        }
    }
    let (digits, suffix) = (rest.get(..end)?, rest.get(end..)?);
    if !suffix.chars().all(char::is_alphabetic) {
        return None;
    }
    Some(Digits { skip, digits, suffix })
}

/// The digits of token `i` (None if it does not start with a digit, after an optional
/// proclitic when `clitics`).
pub(crate) fn digits_at<'a>(cx: &Cx<'a>, i: usize, clitics: bool) -> Option<Digits<'a>> {
    cx.digits(i).filter(|d| d.skip == 0 || clitics)
}

/// Separators that join numbers into something that is not one number: 2-1, 17/9, 10:30.
fn is_sep(w: &str) -> bool {
    matches!(w, "-" | "–" | "—" | "−" | "/" | ":" | "\\")
}

/// True if number token `i` is joined to another number by a separator (a score, a
/// fraction, a phone number, a range, a date or a time: each of those is decided elsewhere,
/// never as a single number). "2 - 1" with spaces counts for small numbers (scores).
pub(crate) fn in_chain(cx: &Cx, i: usize) -> bool {
    // "صفر" (zero) is written out in scores: "1 - صفر".
    let numberish = |k: usize| (cx.has_digit(k) && !cx.blocked(k)) || cx.w(k) == "صفر";
    let small = |k: usize| cx.w(k) == "صفر" || digits_at(cx, k, false).is_some_and(|d| d.plain_len() <= 2);
    let left = i >= 2 && is_sep(cx.w(i - 1)) && numberish(i - 2) && {
        (cx.joined(i) && cx.joined(i - 1)) || (small(i) && small(i - 2) && cx.w(i - 1) != "/")
    };
    let right = is_sep(cx.w(i + 1)) && numberish(i + 2) && {
        (cx.joined(i + 1) && cx.joined(i + 2)) || (small(i) && small(i + 2) && cx.w(i + 1) != "/")
    };
    left || right
}

/// True if number token `i` looks like part of a phone number: after a joined "+", or one
/// of three or more numbers in a row ("+218 91 234 5678", "91 234 5678").
pub(crate) fn phone_like(cx: &Cx, i: usize) -> bool {
    if i > 0 && cx.joined(i) && cx.w(i - 1) == "+" {
        return true;
    }
    let is_num = |k: usize| cx.kind(k) == Some(TokenKind::Number);
    if !is_num(i) {
        return false;
    }
    let mut a = i;
    while a > 0 && is_num(a - 1) {
        a -= 1;
    }
    let mut b = i;
    while is_num(b + 1) {
        b += 1;
    }
    // The first of a phone run may follow a "+" too: "+218 91 ...".
    b - a >= 2 || (a > 0 && cx.joined(a) && cx.w(a - 1) == "+")
}

/// True if number token `i` is part of a name or code: "F-16", "كوفيد-19", "#5".
fn name_joined(cx: &Cx, i: usize) -> bool {
    if i == 0 || !cx.joined(i) {
        return false;
    }
    let before = cx.w(i - 1);
    if before == "#" || before == "№" {
        return true;
    }
    matches!(before, "-" | "–") && i >= 2 && cx.joined(i - 1) && cx.kind(i - 2) == Some(TokenKind::Word)
}

/// True if the number at token `i` labels something ("المادة 5", "article 5", "No. 5").
pub(crate) fn labelled(cx: &Cx, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let label = |k: usize| class_at(cx, k, true, bit(Class::Label)).is_some_and(|h| h.end == k + 1);
    label(i - 1) || (i >= 2 && cx.w(i - 1) == "." && label(i - 2))
}

/// An amount: digits or number words, with scales.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Amount {
    /// Proclitic bytes before the first token.
    pub skip: usize,
    /// Token after the amount.
    pub end: usize,
    /// The value.
    pub value: Dec,
    /// True if the amount starts with digits.
    pub numeric: bool,
}

/// Parses an amount at token `i`: "3", "1,500", "3.5 مليون", "ثلاثة ملايين", "مليون و500
/// ألف", "خمسة وعشرون", "two hundred and fifty thousand", "5bn". With `money`, the
/// ambiguous scale "m" counts ("$5m"). None for a lone weak word ("one", "أحد", "a") or a
/// bare plural scale ("ملايين", "thousands": vague, not a number).
pub(crate) fn amount_at(cx: &Cx, i: usize, money: bool) -> Option<Amount> {
    let mut j = i;
    let mut skip = 0;
    let mut total = Dec::ZERO;
    let mut current: Option<Dec> = None;
    let mut strong = false;
    let mut numeric = false;
    // The last scale above hundreds: a later one must be smaller ("مليون و500 ألف" is one
    // number, "8 آلاف و15 ألفا" two).
    let mut last_scale: Option<u8> = None;
    let is_scale = |n: &Name| matches!(n.class, Class::Scale(..)) && (money || !n.has(WEAK));
    loop {
        let first = j == i;
        // Later parts join with a proclitic و ("وعشرون", "و500") or English "and".
        let mut k = j;
        if !first && cx.w(k) == "and" && (current.is_some_and(|c| c.as_int().unwrap_or(0) >= 100) || total != Dec::ZERO)
        {
            k += 1;
        }
        let joined_by_wa = |skip: usize| skip == "و".len() && cx.w(k).starts_with('و');
        // "نصف مليون", "half a million": a fraction of the scale after it.
        if first {
            if let Some((q, s, e)) = fraction_at(cx, k, true) {
                let e = if cx.w(e) == "a" { e + 1 } else { e };
                name_at(cx, e, false, bit(Class::Scale(0, 0)), &|n| {
                    matches!(n.class, Class::Scale(3.., 1)) && !n.has(WEAK)
                })?;
                skip = s;
                current = Some(q);
                j = e;
                continue;
            }
        }
        // "مليون ونصف [المليون]", "a million and a half": half of the last scale more.
        if let (Some(l), None, false) = (last_scale, current, first) {
            let (k, and_a) = if cx.w(k) == "a" { (k + 1, true) } else { (k, false) };
            if let Some((q, s, e)) = fraction_at(cx, k, !and_a) {
                if and_a || (s > 0 && joined_by_wa(s)) {
                    total = total.add(q.pow10(u32::from(l))?)?;
                    j = e;
                    // "المليون" repeated after the fraction.
                    let w = cx.w(j);
                    if w.strip_prefix("ال").is_some_and(|r| lookup(r, |n| n.class == Class::Scale(l, 1)).is_some()) {
                        j += 1;
                    }
                    break;
                }
            }
        }
        // A later part followed by a scale as large as one already taken starts a new
        // number: "8 آلاف و15 ألفا".
        let too_big = |e: usize| {
            last_scale.is_some_and(|l| {
                name_at(cx, e, false, bit(Class::Scale(0, 0)), &|n| matches!(n.class, Class::Scale(s, _) if s >= l))
                    .is_some()
            })
        };
        if let Some(d) = digits_at(cx, k, true) {
            if (!first && !joined_by_wa(d.skip)) || current.is_some() || too_big(k + 1) {
                break;
            }
            // "150.000 دولار" groups thousands with a dot; English "43.305" is a decimal.
            let decimal_only = || {
                let arabic_around =
                    [k + 1, k.wrapping_sub(1)].iter().any(|&t| crate::text::arabic::is_arabic_word(cx.w(t)));
                let scale_next = class_at(cx, k + 1, false, bit(Class::Scale(0, 0))).is_some();
                scale_next || !d.suffix.is_empty() || !arabic_around
            };
            let Some(v) = Dec::parse_amount(d.digits, decimal_only) else {
                break;
            };
            let scale = match d.suffix {
                "" => None,
                s => match lookup(s, is_scale) {
                    Some(Class::Scale(e, 1)) => Some(e),
                    _ => break,
                },
            };
            if first {
                skip = d.skip;
                numeric = true;
            }
            strong = true;
            j = k + 1;
            match scale {
                Some(e) => {
                    total = total.add(v.pow10(u32::from(e))?)?;
                    last_scale = Some(e);
                }
                None => current = Some(v),
            }
            continue;
        }
        let Some(h) = name_at(cx, k, true, bit(Class::Cardinal(0)) | bit(Class::Scale(0, 0)), &|n| {
            matches!(n.class, Class::Cardinal(_)) || is_scale(n)
        }) else {
            break;
        };
        // A new part (a number word, or a scale with nothing before it) after the first
        // needs the Arabic و: "مليون ثلاثة" is two numbers, "مليون وثلاثة" one.
        let new_part = matches!(h.name.class, Class::Cardinal(_)) || current.is_none();
        let arabic = crate::text::arabic::is_arabic_word(cx.w(k));
        // Nor does a weak word ("$1.8m an hour") or a number word after digits ("5 two").
        let weak_later = new_part && (h.name.has(WEAK) || (numeric && h.skip == 0 && !arabic));
        if !first
            && ((h.skip > 0 && !(joined_by_wa(h.skip) && new_part))
                || (arabic && new_part && h.skip == 0)
                || weak_later)
        {
            break;
        }
        if first {
            skip = h.skip;
        }
        // "القرن التاسع عشر", "الثالث عشر": عشر after an ordinal makes it an ordinal.
        if first && h.name.class == Class::Cardinal(10) && k > 0 && cx.w(k - 1).starts_with("ال") {
            break;
        }
        let mut end = h.end;
        match h.name.class {
            Class::Cardinal(v) => {
                let mut v = u64::from(v);
                let mut weak = h.name.has(WEAK);
                // Arabic teens: ثلاثة عشر, اثنا عشر.
                if v < 10
                    && name_at(cx, end, false, bit(Class::Cardinal(0)), &|n| matches!(n.class, Class::Cardinal(10)))
                        .is_some()
                {
                    v += 10;
                    end += 1;
                    weak = false;
                }
                // English compound tens: twenty-five.
                if v >= 20 && v % 10 == 0 && cx.w(end) == "-" && cx.joined(end) && cx.joined(end + 1) {
                    if let Some(uh) = name_at(cx, end + 1, false, bit(Class::Cardinal(0)), &|n| {
                        matches!(n.class, Class::Cardinal(1..=9))
                    }) {
                        if let Class::Cardinal(u) = uh.name.class {
                            v += u64::from(u);
                            end = uh.end;
                        }
                    }
                }
                if !first && too_big(end) {
                    break;
                }
                current = match current {
                    None => Some(Dec::int(v)),
                    Some(c) => {
                        let c_int = c.as_int().unwrap_or(u64::MAX);
                        let units_then_tens = c_int < 10 && (20..100).contains(&v) && joined_by_wa(h.skip);
                        let hundreds_then_rest = c_int >= 100 && c_int % 100 == 0 && c_int < 1000 && v < 100;
                        if units_then_tens || hundreds_then_rest {
                            Some(c.add(Dec::int(v))?)
                        } else {
                            break;
                        }
                    }
                };
                strong |= !weak;
            }
            Class::Scale(e, count) => {
                if e > 2 && last_scale.is_some_and(|l| e >= l) {
                    break;
                }
                let c = match current {
                    None if count == 0 => break,
                    // English needs a number before a scale ("a million", not "million").
                    None if first && !arabic => break,
                    None => Dec::int(u64::from(count)),
                    Some(_) if count == 2 => break,
                    Some(c) => c,
                };
                strong = true;
                if e == 2 {
                    if c.as_int().is_none_or(|n| n >= 100) {
                        break;
                    }
                    current = Some(c.pow10(2)?);
                } else {
                    total = total.add(c.pow10(u32::from(e))?)?;
                    current = None;
                    last_scale = Some(e);
                }
            }
            _ => break,
        }
        j = end;
    }
    if j == i || !strong {
        return None;
    }
    let value = match current {
        Some(c) => total.add(c)?,
        None => total,
    };
    Some(Amount { skip, end: j, value, numeric })
}

/// A fraction word at `k` (نصف, ربع, half): (value, proclitic bytes, end).
fn fraction_at(cx: &Cx, k: usize, clitics: bool) -> Option<(Dec, usize, usize)> {
    if cx.any(k) & bit(Class::Fraction(2)) == 0 {
        return None;
    }
    let h = class_at(cx, k, clitics, bit(Class::Fraction(2)))?;
    let q = match h.name.class {
        Class::Fraction(2) => Dec { mant: 5, frac: 1 },
        Class::Fraction(4) => Dec { mant: 25, frac: 2 },
        _ => return None,
    };
    Some((q, h.skip, h.end))
}

/// The class of the vocabulary entry whose whole key is `s`, if it satisfies `want`.
fn lookup(s: &str, want: impl Fn(&Name) -> bool) -> Option<Class> {
    let v = vocab();
    let lo = v.partition_point(|e| e.key < s);
    v[lo..].iter().take_while(|e| e.key == s).find(|e| want(e)).map(|e| e.class)
}

/// True unless number token `i` is a phone number, a label, part of a name or joined to
/// other numbers, or has a leading zero ("021", an area code or an identifier).
fn number_ok(cx: &Cx, i: usize) -> bool {
    let Some(d) = digits_at(cx, i, true) else {
        return true;
    };
    let leading_zero = d.digits.len() > 1 && d.digits.starts_with('0') && d.digits.as_bytes()[1].is_ascii_digit();
    !(leading_zero || phone_like(cx, i) || in_chain(cx, i) || name_joined(cx, i) || labelled(cx, i))
}

/// A currency after an amount at token `j`: (code, end). English puts the nationality
/// first ("Saudi riyals"), Arabic after ("ريال سعودي", "دولارًا أمريكيًا").
fn currency_after(cx: &Cx, j: usize) -> Option<(&'static str, usize)> {
    let mut k = j;
    let mut adj = None;
    if let Some(h) = name_at(cx, k, false, bit(Class::CurrencyAdj("")), &|n| {
        matches!(n.class, Class::CurrencyAdj(_)) && n.has(super::words::EN)
    }) {
        if cx.cased(k) && (!h.name.has(UPPER) || cx.upper(k)) {
            if let Class::CurrencyAdj(c) = h.name.class {
                adj = Some(c);
                k = h.end;
            }
        }
    }
    let h = class_at(cx, k, false, bit(Class::Currency("")))?;
    if h.name.has(UPPER) && !cx.upper(k) {
        return None;
    }
    let Class::Currency(mut code) = h.name.class else {
        return None;
    };
    let mut end = h.end;
    if let Some(a) = adj {
        code = a;
    } else if let Some(a) = arabic_adjective(cx, end) {
        code = a;
        end += 1;
    }
    Some((code, end))
}

/// A nationality adjective at token `k` after an Arabic currency word, in any of its
/// endings: أمريكي, أمريكيًا (accusative), تركية (feminine).
fn arabic_adjective(cx: &Cx, k: usize) -> Option<&'static str> {
    let w = cx.w(k);
    if !crate::text::arabic::is_arabic_word(w) {
        return None;
    }
    let want = |n: &Name| matches!(n.class, Class::CurrencyAdj(_)) && n.has(super::words::AR);
    let stem = w.strip_suffix('ا').or_else(|| w.strip_suffix('ه'));
    let class = lookup(w, want).or_else(|| stem.and_then(|s| lookup(s, want)))?;
    match class {
        Class::CurrencyAdj(c) => Some(c),
        _ => None,
    }
}

/// A currency symbol or code before an amount: "$5 billion", "US$ 3m", "€20", "USD 5".
fn money_prefixed(cx: &Cx, i: usize) -> Option<Found> {
    let mut k = i;
    // "US$": the adjective joined to the symbol.
    if cx.w(k) == "us" && cx.upper(k) && cx.w(k + 1) == "$" && cx.joined(k + 1) {
        k += 1;
    }
    let h = class_at(cx, k, false, bit(Class::Currency("")))?;
    let symbol = !h.name.key.chars().any(char::is_alphabetic);
    if !(symbol || (h.name.has(UPPER) && cx.upper(k))) {
        return None;
    }
    let Class::Currency(code) = h.name.class else {
        return None;
    };
    // A symbol after a number belongs to it ("5 €"), handled by `at` there.
    if i > 0 && cx.has_digit(i - 1) && cx.joined(i) {
        return None;
    }
    let a = amount_at(cx, h.end, true)?;
    if a.skip > 0 || (a.numeric && !number_ok(cx, h.end)) {
        return None;
    }
    Some(Found { start: i, skip: 0, end: a.end, kind: Kind::Money, value: format!("{} {code}", a.value), score: 0.95 })
}

/// The number, money or percentage starting at token `i`, if any.
pub(crate) fn at(cx: &Cx, i: usize) -> Option<Found> {
    const START: u32 = bit(Class::Currency(""))
        | bit(Class::CurrencyAdj(""))
        | bit(Class::Cardinal(0))
        | bit(Class::Scale(0, 0))
        | bit(Class::Fraction(2))
        | bit(Class::PercentWord);
    if !cx.can(i, START) && !matches!(cx.w(i), "%" | "٪") {
        return None;
    }
    if let Some(f) = money_prefixed(cx, i) {
        return Some(f);
    }
    // A percent sign before its number, as Arabic text sometimes stores it: "%12".
    if matches!(cx.w(i), "%" | "٪") && cx.joined(i + 1) && !(i > 0 && cx.joined(i) && cx.has_digit(i - 1)) {
        let a = amount_at(cx, i + 1, false)?;
        if a.numeric && a.skip == 0 && number_ok(cx, i + 1) {
            return Some(Found {
                start: i,
                skip: 0,
                end: a.end,
                kind: Kind::Percent,
                value: format!("{}%", a.value),
                score: 0.9,
            });
        }
        return None;
    }
    let a = amount_at(cx, i, false)?;
    if a.numeric && !number_ok(cx, i) {
        return None;
    }
    let found =
        |end: usize, kind: Kind, value: String, score: f64| Found { start: i, skip: a.skip, end, kind, value, score };
    if let Some((code, end)) = currency_after(cx, a.end) {
        return Some(found(end, Kind::Money, format!("{} {code}", a.value), 0.95));
    }
    if let Some(h) = class_at(cx, a.end, false, bit(Class::PercentWord)) {
        return Some(found(h.end, Kind::Percent, format!("{}%", a.value), 0.95));
    }
    // Digits glued to letters that are no scale ("5g", "3d") are no number.
    Some(found(a.end, Kind::Num, a.value.to_string(), if a.numeric { 0.9 } else { 0.8 }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        Dec::parse(s).map(|d| d.to_string())
    }

    #[test]
    fn decimals() {
        assert_eq!(p("1,500,000").as_deref(), Some("1500000"));
        assert_eq!(p("3.5").as_deref(), Some("3.5"));
        assert_eq!(p("3,5").as_deref(), Some("3.5"));
        assert_eq!(p("1.000.000").as_deref(), Some("1000000"));
        assert_eq!(p("1,234.50").as_deref(), Some("1234.5"));
        assert_eq!(p("1.234,5").as_deref(), Some("1234.5"));
        assert_eq!(p("3٫25").as_deref(), Some("3.25"));
        assert_eq!(p("3٬000").as_deref(), Some("3000"));
        assert_eq!(p("2.3.1"), None);
        assert_eq!(p("192.168.1.1"), None);
        assert_eq!(p("12,34,5"), None);
        let d = Dec::parse("1.5").unwrap().pow10(9).unwrap();
        assert_eq!(d.to_string(), "1500000000");
        assert_eq!(Dec::parse("0.05").unwrap().to_string(), "0.05");
        assert_eq!(Dec::parse("99999999999999999999"), None);
        assert_eq!(Dec::parse("9999999999999").unwrap().pow10(12), None);
    }
}
