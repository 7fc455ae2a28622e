//! The schema objects of every database the connection sees (main, temp and attached ones), as
//! one SQL subquery, so listings, `\d NAME`, `.schema` and completion all find temporary tables
//! and `ATTACH`ed databases the same way.

use rusqlite::Connection;

use crate::engine::sql::quote;

/// The connection's database names in order: main, temp (when it exists), attached ones.
pub fn schemas(conn: &Connection) -> Vec<String> {
    let read = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("SELECT name FROM pragma_database_list ORDER BY seq")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    let mut names = read().unwrap_or_else(|_| vec!["main".to_string()]);
    if !names.iter().any(|n| n == "temp") {
        names.insert(1.min(names.len()), "temp".to_string());
    }
    names
}

/// A subquery with columns `schema, type, name, tbl_name, sql` over every database; FTS5 shadow
/// tables and SQLite's internal tables are left out (its automatic indexes stay, as `\di` lists
/// them). Use as `FROM (…) o`.
pub fn objects_sql(conn: &Connection) -> String {
    objects_sql_in(&schemas(conn))
}

/// `objects_sql` over the given databases only (completion reads `temp` apart from the others).
pub fn objects_sql_in(schemas: &[String]) -> String {
    let parts: Vec<String> = schemas
        .iter()
        .map(|s| {
            let q = quote::ident(s);
            let lit = s.replace('\'', "''");
            format!(
                "SELECT '{lit}' AS schema, type, name, tbl_name, sql FROM {q}.sqlite_schema
                 WHERE (name NOT LIKE 'sqlite\\_%' ESCAPE '\\' OR type = 'index')
                   AND name NOT IN (SELECT v.name || x.suffix FROM {q}.sqlite_schema v,
                       (SELECT '_data' AS suffix UNION ALL SELECT '_idx' UNION ALL SELECT '_content'
                        UNION ALL SELECT '_docsize' UNION ALL SELECT '_config') x
                       WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%')"
            )
        })
        .collect();
    format!("({})", parts.join(" UNION ALL "))
}

/// Splits `bk.talks` into (Some("bk"), "talks") when `bk` is a database of the connection;
/// anything else is a plain name.
pub fn split_qualified(conn: &Connection, name: &str) -> (Option<String>, String) {
    if let Some((db, rest)) = name.split_once('.')
        && schemas(conn).iter().any(|s| s.eq_ignore_ascii_case(db))
    {
        return (Some(db.to_ascii_lowercase()), rest.to_string());
    }
    (None, name.to_string())
}

#[cfg(test)]
mod tests {
    use crate::engine::command::objects::*;

    #[test]
    fn temp_and_attached_objects_are_listed_with_their_schema() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(
            "CREATE TABLE t(a); CREATE TEMP VIEW tv AS SELECT 1 AS x; ATTACH ':memory:' AS bk;
             CREATE TABLE bk.b(c); CREATE VIRTUAL TABLE f USING fts5(x);",
        )
        .expect("ddl");
        let sql = format!("SELECT schema || '.' || name FROM {} ORDER BY 1", objects_sql(&conn));
        let mut stmt = conn.prepare(&sql).expect("prepare");
        let got: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("q").map(Result::unwrap).collect();
        assert_eq!(got, ["bk.b", "main.f", "main.t", "temp.tv"]);
        assert_eq!(split_qualified(&conn, "bk.b"), (Some("bk".into()), "b".into()));
        assert_eq!(split_qualified(&conn, "x.b"), (None, "x.b".into()));
    }
}
