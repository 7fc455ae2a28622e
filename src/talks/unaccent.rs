//! `unaccent(text)`: text without diacritics, so `\speaker` finds "Łukasz" from "lukasz" and
//! "José" from "jose". Registered as an SQL function so the SQL a shortcut shows runs as typed;
//! the folding itself is the engine's (`engine/fold.rs`), which completion matches names with.

use anyhow::Result;
use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

pub use crate::engine::fold::unaccent;

pub fn register(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "unaccent",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx| {
            // Text that is not UTF-8 (any SQLite file may hold it) folds with U+FFFD for the bad
            // bytes rather than failing the whole query.
            Ok(match ctx.get_raw(0) {
                rusqlite::types::ValueRef::Null => None,
                rusqlite::types::ValueRef::Text(b) | rusqlite::types::ValueRef::Blob(b) => {
                    Some(unaccent(&String::from_utf8_lossy(b)))
                }
                rusqlite::types::ValueRef::Integer(n) => Some(n.to_string()),
                rusqlite::types::ValueRef::Real(f) => Some(f.to_string()),
            })
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::talks::unaccent::*;

    #[test]
    fn folds_accents_and_special_letters() {
        let cases = [("José", "Jose"), ("Łukasz Langa", "Lukasz Langa"), ("Ñandú", "Nandu"), ("Straße", "Strasse")];
        for (src, want) in cases {
            assert_eq!(unaccent(src), want, "{src}");
        }
    }

    #[test]
    fn works_as_sql_and_passes_null_through() {
        let conn = Connection::open_in_memory().expect("db");
        register(&conn).expect("register");
        let (a, b): (String, Option<String>) =
            conn.query_row("SELECT unaccent('Émile'), unaccent(NULL)", [], |r| Ok((r.get(0)?, r.get(1)?))).expect("q");
        assert_eq!((a.as_str(), b), ("Emile", None));
    }

    /// The speaker-name index folds in plain SQL (schema.sql's `speaker_folded`). Wherever that
    /// fold gives ASCII it must be what `unaccent` gives, or `\speaker` would miss names; every
    /// other name is listed in `speaker_names_other` and checked by `unaccent` itself.
    #[test]
    fn the_sql_fold_of_speaker_names_agrees_with_unaccent() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(crate::talks::catalogue::SCHEMA).expect("schema");
        conn.execute_batch(
            "WITH RECURSIVE c(x) AS (SELECT 128 UNION ALL SELECT x + 1 FROM c WHERE x < 65533)
             INSERT INTO speakers (id, name) SELECT x, 'a' || char(x) || 'Z' FROM c
             WHERE x NOT BETWEEN 55296 AND 57343",
        )
        .expect("every character");
        let mut st = conn
            .prepare(
                "SELECT s.name, f.folded, s.id IN (SELECT id FROM speaker_names_other)
                 FROM speakers s JOIN speaker_folded f ON f.id = s.id",
            )
            .expect("prepare");
        let rows: Vec<(String, String, bool)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .map(|r| r.expect("row"))
            .collect();
        assert!(rows.len() > 60_000, "{}", rows.len());
        let mut folded = 0;
        for (name, sql_fold, other) in rows {
            assert_eq!(other, !sql_fold.is_ascii(), "{name:?} → {sql_fold:?}");
            if sql_fold.is_ascii() {
                assert_eq!(sql_fold, unaccent(&name), "{name:?}");
                folded += usize::from(sql_fold != name);
            }
        }
        assert!(folded >= 170, "{folded}");
    }
}
