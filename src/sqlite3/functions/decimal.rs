//! The sqlite3 shell's decimal extension: numbers as exact decimal text. `decimal(X)`,
//! `decimal_add`, `decimal_sub`, `decimal_mul`, `decimal_cmp`, the `decimal_sum` aggregate and the
//! `decimal` collation, with sqlite3's rules for how many fraction digits a result keeps.

use std::cmp::Ordering;

use rusqlite::Connection;
use rusqlite::functions::{Aggregate, Context, FunctionFlags};
use rusqlite::types::ValueRef;

/// A decimal number: its digits (most significant first), how many of them are after the point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    frac: usize,
}

impl Decimal {
    /// Reads text as sqlite3's `decimal_new` does: sign, digits, one point, an exponent; any other
    /// character is skipped.
    fn parse(text: &[u8]) -> Decimal {
        let mut d = Decimal::default();
        let mut i = text.iter().take_while(|b| b.is_ascii_whitespace()).count();
        match text.get(i) {
            Some(b'-') => (d.negative, i) = (true, i + 1),
            Some(b'+') => i += 1,
            _ => {}
        }
        while text.get(i) == Some(&b'0') {
            i += 1;
        }
        let (mut point, mut exp) = (None, 0i64);
        while i < text.len() {
            match text[i] {
                c @ b'0'..=b'9' => d.digits.push(c - b'0'),
                b'.' => point = Some(d.digits.len()),
                b'e' | b'E' => {
                    let mut j = i + 1;
                    let neg = match text.get(j) {
                        Some(b'-') => (j += 1, true).1,
                        Some(b'+') => (j += 1, false).1,
                        _ => false,
                    };
                    while j < text.len() && exp < 1_000_000 {
                        if text[j].is_ascii_digit() {
                            exp = exp * 10 + i64::from(text[j] - b'0');
                        }
                        j += 1;
                    }
                    if neg {
                        exp = -exp;
                    }
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        if let Some(p) = point {
            d.frac = d.digits.len() - p;
        }
        d.shift(exp);
        d
    }

    /// Multiplies by 10^exp, as sqlite3 applies an exponent: fraction digits first, then zeros.
    fn shift(&mut self, exp: i64) {
        let mut e = usize::try_from(exp.unsigned_abs()).unwrap_or(usize::MAX).min(1_000_000);
        if exp > 0 {
            let used = e.min(self.frac);
            self.frac -= used;
            e -= used;
            self.digits.extend(std::iter::repeat_n(0, e));
        } else if exp < 0 {
            let extra = (self.digits.len() - self.frac).saturating_sub(1);
            if extra > 0 {
                if extra >= e {
                    self.frac += e;
                    e = 0;
                } else {
                    e -= extra;
                    self.frac = self.digits.len() - 1;
                }
            }
            if e > 0 {
                self.digits.splice(0..0, std::iter::repeat_n(0, e));
                self.frac += e;
            }
        }
    }

    /// sqlite3's text for it: no leading zeros (one before the point), every fraction digit kept.
    fn text(&self) -> String {
        let n = self.digits.len();
        let zero = n == 0 || (n == 1 && self.digits[0] == 0);
        let mut s = String::new();
        if self.negative && !zero {
            s.push('-');
        }
        let whole = n.saturating_sub(self.frac);
        let skip = self.digits[..whole].iter().take_while(|&&d| d == 0).count().min(whole.saturating_sub(1));
        if whole == 0 {
            s.push('0');
        }
        s.extend(self.digits[skip..whole].iter().map(|d| char::from(b'0' + d)));
        if self.frac > 0 {
            s.push('.');
            s.extend(self.digits[whole..].iter().map(|d| char::from(b'0' + d)));
        }
        s
    }

    /// Pads to `digits` digits of which `frac` are after the point.
    fn expand(&mut self, digits: usize, frac: usize) {
        let add_frac = frac - self.frac;
        let add_sig = digits - self.digits.len() - add_frac;
        self.digits.splice(0..0, std::iter::repeat_n(0, add_sig));
        self.digits.extend(std::iter::repeat_n(0, add_frac));
        self.frac = frac;
    }

    fn add(&mut self, other: &Decimal) {
        let mut b = other.clone();
        let mut sig = self.digits.len() - self.frac;
        if sig > 0 && self.digits[0] == 0 {
            sig -= 1;
        }
        sig = sig.max(b.digits.len() - b.frac);
        let frac = self.frac.max(b.frac);
        let digits = sig + frac + 1;
        self.expand(digits, frac);
        b.expand(digits, frac);
        if self.negative == b.negative {
            let mut carry = 0;
            for i in (0..digits).rev() {
                let x = self.digits[i] + b.digits[i] + carry;
                (self.digits[i], carry) = if x >= 10 { (x - 10, 1) } else { (x, 0) };
            }
        } else {
            let (big, small) = if self.digits < b.digits {
                self.negative = !self.negative;
                (b.digits.clone(), self.digits.clone())
            } else {
                (self.digits.clone(), b.digits.clone())
            };
            let mut borrow = 0i8;
            for i in (0..digits).rev() {
                let x = big[i] as i8 - small[i] as i8 - borrow;
                (self.digits[i], borrow) = if x < 0 { ((x + 10) as u8, 1) } else { (x as u8, 0) };
            }
        }
    }

    fn mul(&self, b: &Decimal) -> Decimal {
        let (na, nb) = (self.digits.len(), b.digits.len());
        let mut acc = vec![0u32; na + nb + 2];
        for i in (0..na).rev() {
            let f = u32::from(self.digits[i]);
            let mut carry = 0;
            let mut k = i + nb + 2;
            for j in (0..nb).rev() {
                let x = acc[k] + f * u32::from(b.digits[j]) + carry;
                acc[k] = x % 10;
                carry = x / 10;
                k -= 1;
            }
            let x = acc[k] + carry;
            acc[k] = x % 10;
            acc[k - 1] += x / 10;
        }
        let mut d = Decimal {
            negative: self.negative != b.negative,
            digits: acc.into_iter().map(|x| x as u8).collect(),
            frac: self.frac + b.frac,
        };
        let min_frac = self.frac.min(b.frac);
        while d.frac > min_frac && d.digits.last() == Some(&0) {
            d.frac -= 1;
            d.digits.pop();
        }
        d
    }

    /// sqlite3's `decimal_cmp` (which orders 0.5 before 0.50, as it does).
    fn cmp(&self, b: &Decimal) -> Ordering {
        if self.negative != b.negative {
            return if self.negative { Ordering::Less } else { Ordering::Greater };
        }
        let (a, b) = if self.negative { (b, self) } else { (self, b) };
        let (sa, sb) = (a.digits.len() - a.frac, b.digits.len() - b.frac);
        if sa != sb {
            return sa.cmp(&sb);
        }
        let n = a.digits.len().min(b.digits.len());
        a.digits[..n].cmp(&b.digits[..n]).then(a.digits.len().cmp(&b.digits.len()))
    }
}

/// An argument as a decimal (its text, as SQLite converts it), or None for NULL.
fn arg(ctx: &Context<'_>, i: usize) -> Option<Decimal> {
    Some(match ctx.get_raw(i) {
        ValueRef::Null => return None,
        ValueRef::Integer(n) => Decimal::parse(n.to_string().as_bytes()),
        ValueRef::Real(r) => Decimal::parse(crate::engine::sql::number::format_real(r, 15).as_bytes()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Decimal::parse(t),
    })
}

pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("decimal", 1, flags, |ctx| Ok(arg(ctx, 0).map(|d| d.text())))?;
    conn.create_scalar_function("decimal_add", 2, flags, |ctx| {
        Ok(arg(ctx, 0).zip(arg(ctx, 1)).map(|(mut a, b)| (a.add(&b), a.text()).1))
    })?;
    conn.create_scalar_function("decimal_sub", 2, flags, |ctx| {
        Ok(arg(ctx, 0).zip(arg(ctx, 1)).map(|(mut a, mut b)| {
            b.negative = !b.negative;
            a.add(&b);
            a.text()
        }))
    })?;
    conn.create_scalar_function("decimal_mul", 2, flags, |ctx| {
        Ok(arg(ctx, 0).zip(arg(ctx, 1)).map(|(a, b)| a.mul(&b).text()))
    })?;
    conn.create_scalar_function("decimal_cmp", 2, flags, |ctx| {
        Ok(arg(ctx, 0).zip(arg(ctx, 1)).map(|(a, b)| a.cmp(&b) as i32))
    })?;
    conn.create_aggregate_function("decimal_sum", 1, flags, Sum)?;
    conn.create_collation("decimal", |a, b| Decimal::parse(a.as_bytes()).cmp(&Decimal::parse(b.as_bytes())))
}

/// `decimal_sum(X)`: the exact sum; NULLs are skipped; no rows at all give NULL.
struct Sum;

impl Aggregate<Decimal, Option<String>> for Sum {
    fn init(&self, _: &mut Context<'_>) -> rusqlite::Result<Decimal> {
        Ok(Decimal { negative: false, digits: vec![0], frac: 0 })
    }

    fn step(&self, ctx: &mut Context<'_>, acc: &mut Decimal) -> rusqlite::Result<()> {
        if let Some(d) = arg(ctx, 0) {
            acc.add(&d);
        }
        Ok(())
    }

    fn finalize(&self, _: &mut Context<'_>, acc: Option<Decimal>) -> rusqlite::Result<Option<String>> {
        Ok(acc.map(|d| d.text()))
    }
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::functions::decimal::*;

    fn t(s: &str) -> String {
        Decimal::parse(s.as_bytes()).text()
    }

    #[test]
    fn reads_and_writes_as_sqlite3() {
        assert_eq!(t("1.10"), "1.10");
        assert_eq!(t("007"), "7");
        assert_eq!(t("-0"), "0");
        assert_eq!(t("1e3"), "1000");
        assert_eq!(t("1.5e-3"), "0.0015");
        assert_eq!(t(".5"), "0.5");
    }

    #[test]
    fn arithmetic_is_exact() {
        let (mut a, b) = (Decimal::parse(b"0.1"), Decimal::parse(b"0.2"));
        a.add(&b);
        assert_eq!(a.text(), "0.3");
        let mut a = Decimal::parse(b"1");
        a.add(&Decimal::parse(b"-3"));
        assert_eq!(a.text(), "-2");
        assert_eq!(Decimal::parse(b"1.5").mul(&Decimal::parse(b"3")).text(), "4.5");
        assert_eq!(Decimal::parse(b"1").cmp(&Decimal::parse(b"2")), Ordering::Less);
    }
}
