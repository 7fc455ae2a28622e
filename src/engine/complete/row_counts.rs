//! Row counts beside table names in the completion list (`talks  table  21,715 rows`), read only
//! where that is cheap, with the talk values after a write, never at Tab:
//!
//! - `sqlite_stat1`, when ANALYZE filled it: its count is read, not counted, so any size
//!   qualifies; it is shown as an estimate (`~1,000,000 rows`) since it dates from the last
//!   ANALYZE.
//! - Otherwise `count(*)`, only in a database file of at most `COUNT_LIMIT` bytes: counting every
//!   table then reads the file at most once (the bundled 20 MB catalogue's 25 tables take about
//!   3 ms). A bigger file would make each refresh after a write scan it (a 1M-talk catalogue is
//!   hundreds of megabytes), so its tables get no count; and counting stops after `BUDGET`
//!   (`BUDGET_AT_PROMPT` on the session's connection) whatever the size, leaving the rest uncounted.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::engine::command::objects;
use crate::engine::complete::schema::strings;
use crate::engine::sql::{counted, quote};

/// (schema, table) → what the list shows beside the table (`1,234 rows`, `~1,234 rows`).
pub type RowCounts = HashMap<(String, String), String>;

/// Largest database file whose tables are counted with `count(*)`.
const COUNT_LIMIT: i64 = 64 << 20;

/// Time all counting of one read may take: on a background connection, and on the session's
/// own (an in-memory database), where the prompt waits for it.
pub(crate) const BUDGET: Duration = Duration::from_millis(50);
pub(crate) const BUDGET_AT_PROMPT: Duration = Duration::from_millis(10);

/// The counts of the tables of every database on `conn` that are cheap to know; no count is
/// begun once `budget` has passed, nor when `go` says no (a newer read superseded this one).
pub(crate) fn read(conn: &Connection, budget: Duration, go: &dyn Fn() -> bool) -> RowCounts {
    let deadline = Instant::now() + budget;
    let mut counts = RowCounts::new();
    for schema in objects::schemas(conn) {
        let q = quote::ident(&schema);
        let estimates = stat1(conn, &q);
        let pragma = |name: &str| conn.query_row(&format!("PRAGMA {q}.{name}"), [], |r| r.get::<_, i64>(0));
        let size = match (pragma("page_count"), pragma("page_size")) {
            (Ok(count), Ok(size)) => count.saturating_mul(size),
            _ => i64::MAX,
        };
        let tables = strings(
            conn,
            &format!(
                "SELECT name FROM {q}.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'
                 AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            ),
        );
        for table in tables {
            if let Some(&n) = estimates.get(&table.to_lowercase()) {
                counts.insert((schema.clone(), table), format!("~{}", rows(n)));
                continue;
            }
            if size > COUNT_LIMIT || !go() || Instant::now() >= deadline {
                continue;
            }
            let sql = format!("SELECT count(*) FROM {q}.{}", quote::ident(&table));
            if let Ok(n) = conn.query_row(&sql, [], |r| r.get::<_, i64>(0)) {
                counts.insert((schema.clone(), table), rows(n));
            }
        }
    }
    counts
}

/// What `sqlite_stat1` of database `q` says each table holds (the first number of a row's stat;
/// the largest of a table's rows, as a partial index holds fewer), by lower-case name.
fn stat1(conn: &Connection, q: &str) -> HashMap<String, i64> {
    let sql = format!("SELECT tbl, stat FROM {q}.sqlite_stat1");
    let mut found: HashMap<String, i64> = HashMap::new();
    let Ok(mut stmt) = conn.prepare(&sql) else { return found };
    let Ok(rows) = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))) else {
        return found;
    };
    for (table, stat) in rows.filter_map(Result::ok) {
        let first = stat.as_deref().and_then(|s| s.split_whitespace().next()).and_then(|n| n.parse::<i64>().ok());
        if let Some(n) = first {
            let e = found.entry(table.to_lowercase()).or_insert(n);
            *e = (*e).max(n);
        }
    }
    found
}

fn rows(n: i64) -> String {
    counted(u64::try_from(n).unwrap_or(0), "row")
}

#[cfg(test)]
mod tests {
    use crate::engine::complete::row_counts::*;

    #[test]
    fn counts_small_tables_and_reads_estimates_from_analyze() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(
            "CREATE TABLE one(a); INSERT INTO one VALUES (1);
             CREATE TABLE many(a); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
             INSERT INTO many SELECT i FROM n;
             CREATE VIRTUAL TABLE v USING fts5(x); ATTACH ':memory:' AS bk; CREATE TABLE bk.old(y);",
        )
        .expect("ddl");
        let counts = read(&conn, BUDGET, &|| true);
        let get = |s: &str, t: &str| counts.get(&(s.to_string(), t.to_string())).cloned();
        assert_eq!(get("main", "one").as_deref(), Some("1 row"));
        assert_eq!(get("main", "many").as_deref(), Some("1,500 rows"));
        assert_eq!(get("bk", "old").as_deref(), Some("0 rows"));
        assert_eq!(get("main", "v"), None, "virtual tables are not counted");
        conn.execute_batch("CREATE INDEX many_a ON many(a); ANALYZE main").expect("analyze");
        // ANALYZE's count stands, marked as an estimate, even when rows came since.
        conn.execute_batch("INSERT INTO many VALUES (0)").expect("insert");
        let counts = read(&conn, BUDGET, &|| true);
        assert_eq!(counts.get(&("main".to_string(), "many".to_string())).map(String::as_str), Some("~1,500 rows"));
        assert!(read(&conn, BUDGET, &|| false).values().all(|v| v.starts_with('~')), "stopped: estimates only");
    }
}
