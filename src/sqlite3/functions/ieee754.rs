//! The sqlite3 shell's ieee754 functions: a REAL as `ieee754(M,E)` (M * 2^E, M as small as it can
//! be while E stays at most 0) and back, its mantissa and exponent alone, and its 8 bytes as a blob.

use rusqlite::Connection;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;

pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("ieee754", 1, flags, |ctx| {
        let (m, e) = split(value(ctx));
        Ok(format!("ieee754({m},{e})"))
    })?;
    conn.create_scalar_function("ieee754_mantissa", 1, flags, |ctx| Ok(split(value(ctx)).0))?;
    conn.create_scalar_function("ieee754_exponent", 1, flags, |ctx| Ok(split(value(ctx)).1))?;
    conn.create_scalar_function("ieee754", 2, flags, |ctx| {
        let m = ctx.get::<Option<i64>>(0).ok().flatten().unwrap_or(0);
        let e = ctx.get::<Option<i64>>(1).ok().flatten().unwrap_or(0);
        Ok(join(m, e))
    })?;
    conn.create_scalar_function("ieee754_to_blob", 1, flags, |ctx| {
        Ok(match ctx.get_raw(0) {
            ValueRef::Real(r) => Some(r.to_bits().to_be_bytes().to_vec()),
            ValueRef::Integer(n) => Some((n as f64).to_bits().to_be_bytes().to_vec()),
            _ => None,
        })
    })?;
    conn.create_scalar_function("ieee754_from_blob", 1, flags, |ctx| {
        Ok(match ctx.get_raw(0) {
            ValueRef::Blob(b) => <[u8; 8]>::try_from(b).ok().map(|b| f64::from_bits(u64::from_be_bytes(b))),
            _ => None,
        })
    })?;
    Ok(())
}

/// The argument as a double: an 8-byte blob is read as one (big-endian), anything else as SQLite
/// converts it (text that is not a number, NULL and other blobs are 0.0).
fn value(ctx: &Context<'_>) -> f64 {
    match ctx.get_raw(0) {
        ValueRef::Blob(b) if b.len() == 8 => {
            <[u8; 8]>::try_from(b).map_or(0.0, |b| f64::from_bits(u64::from_be_bytes(b)))
        }
        ValueRef::Real(r) => r,
        ValueRef::Integer(n) => n as f64,
        ValueRef::Text(t) => std::str::from_utf8(t).ok().and_then(leading_number).unwrap_or(0.0),
        _ => 0.0,
    }
}

/// SQLite's text-to-real: the longest leading number (`'1.5abc'` is 1.5), else 0.
fn leading_number(text: &str) -> Option<f64> {
    let t = text.trim_start();
    let end = t.find(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c))).unwrap_or(t.len());
    (1..=end).rev().find_map(|n| t[..n].parse::<f64>().ok())
}

/// (M, E) with `r == M * 2^E`, as sqlite3's ieee754.c computes them.
fn split(r: f64) -> (i64, i64) {
    let negative = r < 0.0;
    let bits = r.abs().to_bits();
    if bits == 0 {
        return (0, -1075);
    }
    let mut e = (bits >> 52) as i64;
    let mut m = (bits & ((1 << 52) - 1)) as i64;
    if e == 0 {
        m <<= 1;
    } else {
        m |= 1 << 52;
    }
    while e < 1075 && m > 0 && m & 1 == 0 {
        m >>= 1;
        e += 1;
    }
    (if negative { -m } else { m }, e - 1075)
}

/// `M * 2^E` as a double, as sqlite3's two-argument ieee754() builds it.
fn join(m: i64, e: i64) -> Option<f64> {
    let mut e = e.clamp(-10000, 10000);
    let negative = m < 0;
    let mut m = if negative { m.checked_neg()? } else { m };
    if m == 0 && e > -1000 && e < 1000 {
        return Some(0.0);
    }
    while (m >> 32) & 0xffe0_0000 != 0 {
        m >>= 1;
        e += 1;
    }
    while m != 0 && (m >> 32) & 0xfff0_0000 == 0 {
        m <<= 1;
        e -= 1;
    }
    e += 1075;
    if e <= 0 {
        m = if 1 - e >= 64 { 0 } else { m >> (1 - e) };
        e = 0;
    } else if e > 0x7ff {
        e = 0x7ff;
    }
    let mut a = (m as u64) & ((1 << 52) - 1);
    a |= (e as u64) << 52;
    if negative {
        a |= 1 << 63;
    }
    Some(f64::from_bits(a))
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::functions::ieee754::*;

    #[test]
    fn split_and_join_as_sqlite3() {
        assert_eq!(split(2.0), (2, 0));
        assert_eq!(split(6.0), (6, 0));
        assert_eq!(split(-0.1), (-3602879701896397, -55));
        assert_eq!(split(0.0), (0, -1075));
        assert_eq!(split(0.5), (1, -1));
        assert_eq!(join(1, 3), Some(8.0));
        assert_eq!(join(-3602879701896397, -55), Some(-0.1));
        assert_eq!(join(0, 1), Some(0.0));
        for v in [1.5, -2.25e300, 5e-324, f64::MAX, 0.1 + 0.2] {
            let (m, e) = split(v);
            assert_eq!(join(m, e), Some(v), "{v}");
        }
    }
}
