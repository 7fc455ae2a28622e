//! SQL quoting, in one place: identifiers (`"my ""t"""`), text literals (`'it''s'`), any value as
//! a literal, and whether a name needs quotes at all — asked of SQLite's own keyword check, so
//! completion, `.mode insert` and `.dump` never disagree about the same name.

use rusqlite::types::Value;

use crate::engine::sql::number::format_real;

/// `"name"` with inner `"` doubled: an identifier SQLite reads back as `name`, whatever it holds.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `'text'` with inner `'` doubled.
pub fn text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// True when `name` cannot stand bare as an identifier: not a plain ASCII word, or a keyword
/// (SQLite's own list, `sqlite3_keyword_check`).
pub fn needs_quotes(name: &str) -> bool {
    let mut chars = name.chars();
    let plain = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !plain {
        return true;
    }
    let Ok(len) = std::os::raw::c_int::try_from(name.len()) else { return true };
    // SAFETY: the pointer and length describe `name`'s bytes, which outlive the call.
    unsafe { rusqlite::ffi::sqlite3_keyword_check(name.as_ptr().cast(), len) != 0 }
}

/// `name` bare when it can be, else quoted, as the sqlite3 shell writes identifiers.
pub fn ident_if_needed(name: &str) -> String {
    if needs_quotes(name) { ident(name) } else { name.to_string() }
}

/// A value as an SQL literal, as SQLite's `quote()` writes it: REALs with 15 significant digits, or
/// 17 when 15 would not read back as the same value; blobs as `X'…'`.
pub fn literal(v: &Value) -> String {
    match v {
        Value::Null => "NULL".to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => {
            let short = format_real(*f, 15);
            if short.parse::<f64>().ok() == Some(*f) { short } else { format_real(*f, 17) }
        }
        Value::Text(s) => text(s),
        Value::Blob(b) => format!("X'{}'", b.iter().map(|x| format!("{x:02X}")).collect::<String>()),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::sql::quote::*;

    #[test]
    fn names_are_quoted_only_when_sqlite_needs_it() {
        for (name, quoted) in [
            ("talks", false),
            ("_x1", false),
            ("select", true),
            ("order", true),
            ("a b", true),
            ("1x", true),
            ("", true),
            ("é", true),
        ] {
            assert_eq!(needs_quotes(name), quoted, "{name}");
        }
        assert_eq!(ident_if_needed("my \"t\""), "\"my \"\"t\"\"\"");
        assert_eq!(ident_if_needed("talks"), "talks");
    }

    #[test]
    fn literals_read_back_as_the_value() {
        assert_eq!(literal(&Value::Text("it's".into())), "'it''s'");
        assert_eq!(literal(&Value::Null), "NULL");
        assert_eq!(literal(&Value::Integer(-3)), "-3");
        assert_eq!(literal(&Value::Real(0.1)), "0.1");
        assert_eq!(literal(&Value::Real(0.1 + 0.2)), "0.30000000000000004");
        assert_eq!(literal(&Value::Blob(vec![0, 0xab])), "X'00AB'");
    }
}
