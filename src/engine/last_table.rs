//! `_`, the last result as a table: `select * from _ where year > 2015` refines what was just
//! shown without retyping its SQL. The rows are made into the session's temp table `_` only when a
//! statement names it, by running the last query again, so a result nobody refines (a million rows
//! to a pipe) costs nothing. If the database changed since the result was shown, the rows could
//! differ from what the user saw: `_` refuses then rather than hold other rows under the same name.

use anyhow::{Result, bail};
use rusqlite::types::Value;
use rusqlite::{Connection, ToSql};

use crate::engine::sql::lexer::{Kind, tokenize};
use crate::engine::vars::Variables;

/// What `_` would hold.
#[derive(Debug, Default)]
pub(crate) enum LastQuery {
    /// No query has produced a result yet in this session (or on this connection).
    #[default]
    None,
    /// The last statement failed.
    Failed,
    /// A query produced a result not yet held in `_`: its SQL, parameters and variables, and the
    /// database's change marks when it ran.
    /// `rows` is its row count when every row was stepped (a result cut at the screen's row
    /// limit may not have been counted to its end).
    Pending { sql: String, params: Vec<Value>, vars: Variables, marks: (u64, i64), rows: Option<u64> },
    /// The temp table `_` holds the last result.
    Held,
}

/// The temp table's name, and where its next version is built.
const NAME: &str = "_";
const STAGING: &str = "\"_ next\"";

/// True when `sql` names `_` as a table (a bare `_` word, not `a_b`, not inside a string).
pub(crate) fn mentions(sql: &str) -> bool {
    // Most statements have no `_` standing alone: skip the lexer for them.
    let bytes = sql.as_bytes();
    let alone = bytes.iter().enumerate().any(|(i, b)| {
        *b == b'_' && (i == 0 || !is_word_byte(bytes[i - 1])) && bytes.get(i + 1).is_none_or(|n| !is_word_byte(*n))
    });
    alone && tokenize(sql).iter().any(|t| t.kind == Kind::Word && t.text(sql) == NAME)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// The database's change marks: this connection's total changes and the file's data version
/// (which moves when another connection commits).
pub(crate) fn marks(conn: &Connection) -> (u64, i64) {
    let version = conn.query_row("PRAGMA data_version", [], |r| r.get(0)).unwrap_or(0);
    (conn.total_changes(), version)
}

/// The parameters of a query, owned, to run it again.
pub(crate) fn owned(params: &[&dyn ToSql]) -> Vec<Value> {
    params
        .iter()
        .map(|p| match p.to_sql() {
            Ok(rusqlite::types::ToSqlOutput::Owned(v)) => v,
            Ok(rusqlite::types::ToSqlOutput::Borrowed(v)) => crate::engine::capture::owned(v),
            _ => Value::Null,
        })
        .collect()
}

/// Whether the user has a table or view of their own called `_`, which then wins: talkcli never
/// shadows it with its temp table.
fn users_own(conn: &Connection) -> bool {
    conn.query_row("SELECT count(*) FROM main.sqlite_schema WHERE name = '_' COLLATE NOCASE", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok_and(|n| n > 0)
}

fn held(conn: &Connection) -> bool {
    conn.query_row("SELECT count(*) FROM temp.sqlite_schema WHERE name = '_'", [], |r| r.get::<_, i64>(0))
        .is_ok_and(|n| n > 0)
}

/// Makes sure the temp table `_` holds the last result, at most `most` rows of it. Does nothing
/// when the user has a `_` of their own.
pub(crate) fn hold(conn: &Connection, last: &mut LastQuery, most: usize) -> Result<()> {
    if users_own(conn) {
        return Ok(());
    }
    let (sql, params, vars, then, rows) = match last {
        LastQuery::None => bail!("_ names the last result, and there is none yet: run a query first"),
        LastQuery::Failed => {
            bail!("_ names the last result, and the last statement failed: run a query that works first")
        }
        LastQuery::Held if held(conn) => return Ok(()),
        LastQuery::Held => bail!("_ is gone (a ROLLBACK undid it): run the query again"),
        LastQuery::Pending { sql, params, vars, marks, rows } => (sql, params, vars, *marks, *rows),
    };
    if marks(conn) != then {
        bail!("the database changed since the last result, so _ would not hold what was shown: run the query again");
    }
    let body = sql.trim().trim_end_matches(';');
    // A result of `INSERT … RETURNING` cannot be had again without writing again.
    if !conn.prepare(body).is_ok_and(|st| st.readonly()) {
        bail!("_ cannot hold the last result: it came from a statement that writes, and that is not run twice");
    }
    let too_many = || {
        anyhow::anyhow!(
            "the last result has more than {most} rows, more than _ holds (\\pset last_result_rows N raises it); _ is unchanged"
        )
    };
    if rows.is_some_and(|n| n > most as u64) {
        return Err(too_many());
    }
    // A result counted to its end is copied as it is (a LIMIT around it would cost SQLite a
    // second pass over sorted rows); one not counted is stopped one row past the cap.
    let build = match rows {
        Some(_) => format!("CREATE TEMP TABLE {STAGING} AS SELECT * FROM ({body}\n)"),
        None => format!("CREATE TEMP TABLE {STAGING} AS SELECT * FROM ({body}\n) LIMIT {}", most.saturating_add(1)),
    };
    conn.execute_batch(&format!("DROP TABLE IF EXISTS temp.{STAGING}"))?;
    let mut stmt = match conn.prepare(&build) {
        Ok(stmt) => stmt,
        Err(e) => {
            bail!(
                "_ cannot be made from the last result ({}): only a SELECT, VALUES or WITH query can be read again",
                crate::engine::error::sql_error_message(&e)
            )
        }
    };
    for (i, p) in params.iter().enumerate() {
        stmt.raw_bind_parameter(i + 1, p)?;
    }
    for i in 1..=stmt.parameter_count() {
        if let Some(name) = stmt.parameter_name(i).map(str::to_string)
            && let Some(v) = vars.get(&name)
            && (!name.starts_with('?') || params.is_empty())
        {
            stmt.raw_bind_parameter(i, v)?;
        }
    }
    stmt.raw_execute()?;
    drop(stmt);
    let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM temp.{STAGING}"), [], |r| r.get(0))?;
    if usize::try_from(rows).is_ok_and(|n| n > most) {
        conn.execute_batch(&format!("DROP TABLE temp.{STAGING}"))?;
        return Err(too_many());
    }
    conn.execute_batch(&format!(
        "DROP TABLE IF EXISTS temp.\"{NAME}\"; ALTER TABLE temp.{STAGING} RENAME TO \"{NAME}\""
    ))?;
    *last = LastQuery::Held;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::engine::last_table::*;

    #[test]
    fn only_a_bare_underscore_names_the_table() {
        assert!(mentions("select * from _ where year > 2015"));
        assert!(mentions("select count(*) from _"));
        assert!(!mentions("select talk_id from favorites"));
        assert!(!mentions("select '_' from t"));
        assert!(!mentions("select \"_\" from t"));
        assert!(!mentions("select 1 -- _"));
    }

    fn pending(conn: &Connection, sql: &str) -> LastQuery {
        LastQuery::Pending {
            sql: sql.into(),
            params: vec![],
            vars: Variables::default(),
            marks: marks(conn),
            rows: None,
        }
    }

    fn counted_pending(conn: &Connection, sql: &str, rows: u64) -> LastQuery {
        LastQuery::Pending {
            sql: sql.into(),
            params: vec![],
            vars: Variables::default(),
            marks: marks(conn),
            rows: Some(rows),
        }
    }

    #[test]
    fn holds_the_full_result_and_chains() {
        let conn = Connection::open_in_memory().expect("open");
        let mut last = pending(
            &conn,
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000) SELECT x FROM n",
        );
        hold(&conn, &mut last, 10_000).expect("hold");
        let n: i64 = conn.query_row("SELECT count(*) FROM _", [], |r| r.get(0)).expect("count");
        assert_eq!(n, 5000);
        let mut last = pending(&conn, "SELECT x * 2 AS y FROM _ WHERE x <= 3;");
        hold(&conn, &mut last, 10_000).expect("chain");
        let sum: i64 = conn.query_row("SELECT sum(y) FROM _", [], |r| r.get(0)).expect("sum");
        assert_eq!(sum, 12);
    }

    #[test]
    fn refuses_past_the_limit_a_changed_database_and_no_result() {
        let conn = Connection::open_in_memory().expect("open");
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)").expect("setup");
        let mut last = pending(&conn, "SELECT x FROM t");
        let e = hold(&conn, &mut last, 2).expect_err("too many").to_string();
        assert!(e.contains("more than 2 rows"), "{e}");
        let mut counted = counted_pending(&conn, "SELECT x FROM t", 3);
        let e = hold(&conn, &mut counted, 2).expect_err("counted, too many").to_string();
        assert!(e.contains("more than 2 rows"), "{e}");
        let mut counted = counted_pending(&conn, "SELECT x FROM t ORDER BY x DESC", 3);
        hold(&conn, &mut counted, 3).expect("counted, fits");
        let first: i64 = conn.query_row("SELECT x FROM _ ORDER BY rowid LIMIT 1", [], |r| r.get(0)).expect("first");
        assert_eq!(first, 3, "rows keep the result's order");
        conn.execute("DELETE FROM t WHERE x = 1", []).expect("delete");
        let e = hold(&conn, &mut last, 10).expect_err("changed").to_string();
        assert!(e.contains("database changed"), "{e}");
        assert!(hold(&conn, &mut LastQuery::None, 10).expect_err("none").to_string().contains("none yet"));
        assert!(hold(&conn, &mut LastQuery::Failed, 10).expect_err("failed").to_string().contains("failed"));
    }
}
