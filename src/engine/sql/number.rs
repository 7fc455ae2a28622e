//! SQLite's own text for a REAL: `%!.Ng` in SQLite's printf, whose last digits differ from any Rust
//! formatting. 15 digits is what SQLite shows, 17 what `quote()` writes, 20 what the sqlite3 shell's
//! quote and insert modes write so the value reads back exactly.

use std::os::raw::c_int;

/// `v` as SQLite's printf writes it with `digits` significant digits.
pub fn format_real(v: f64, digits: u8) -> String {
    let mut buf = [0u8; 50];
    String::from_utf8_lossy(real_bytes(v, digits, &mut buf)).into_owned()
}

/// The same bytes, into a buffer the caller owns (renderers write them without an allocation).
pub fn real_bytes(v: f64, digits: u8, buf: &mut [u8; 50]) -> &[u8] {
    // SAFETY: sqlite3_snprintf writes at most `buf.len()` bytes including the NUL terminator, and
    // the format consumes exactly one int and one double.
    unsafe {
        rusqlite::ffi::sqlite3_snprintf(
            buf.len() as c_int,
            buf.as_mut_ptr().cast(),
            c"%!.*g".as_ptr(),
            c_int::from(digits),
            v,
        );
    }
    let len = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    &buf[..len]
}

#[cfg(test)]
mod tests {
    use crate::engine::sql::number::format_real;

    #[test]
    fn reals_read_as_sqlite_own_printf_writes_them() {
        let conn = rusqlite::Connection::open_in_memory().expect("memory db");
        for v in [0.1, 0.1 + 0.2, 1.0, -2.5e-300, 1e301, 123_456_789.123_456_78, f64::INFINITY] {
            for digits in [15u8, 17, 20] {
                let sql = format!("SELECT printf('%!.{digits}g', ?1)");
                let sqlite: String = conn.query_row(&sql, [v], |r| r.get(0)).expect("printf");
                assert_eq!(format_real(v, digits), sqlite, "{v:e} with {digits} digits");
            }
        }
    }
}
