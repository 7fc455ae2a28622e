//! The sqlite3 shell's `uint` collation: text compared as text, except that runs of digits compare
//! as the unsigned integers they spell (`a9` < `a10`, `a010` = `a10`).

use std::cmp::Ordering;

use rusqlite::Connection;

pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_collation("uint", |a, b| compare(a.as_bytes(), b.as_bytes()))
}

fn compare(a: &[u8], b: &[u8]) -> Ordering {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() {
            if !b[j].is_ascii_digit() {
                return a[i].cmp(&b[j]);
            }
            while i < a.len() && a[i] == b'0' {
                i += 1;
            }
            while j < b.len() && b[j] == b'0' {
                j += 1;
            }
            let mut k = 0;
            while i + k < a.len() && a[i + k].is_ascii_digit() && j + k < b.len() && b[j + k].is_ascii_digit() {
                k += 1;
            }
            if i + k < a.len() && a[i + k].is_ascii_digit() {
                return Ordering::Greater;
            }
            if j + k < b.len() && b[j + k].is_ascii_digit() {
                return Ordering::Less;
            }
            match a[i..i + k].cmp(&b[j..j + k]) {
                Ordering::Equal => (i, j) = (i + k, j + k),
                other => return other,
            }
        } else if a[i] != b[j] {
            return a[i].cmp(&b[j]);
        } else {
            (i, j) = (i + 1, j + 1);
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::functions::uint::*;

    #[test]
    fn digits_compare_as_numbers() {
        assert_eq!(compare(b"a9", b"a10"), Ordering::Less);
        assert_eq!(compare(b"a010", b"a10"), Ordering::Equal);
        assert_eq!(compare(b"x", b"X"), Ordering::Greater);
        assert_eq!(compare(b"v2.10", b"v2.9"), Ordering::Greater);
        assert_eq!(compare(b"a", b"ab"), Ordering::Less);
    }
}
