//! The one line an interactive start prints, as pgcli, litecli and sqlite3 do: the version, the
//! database and what it holds (in a pack's words when its tables are a pack's), and how to get
//! help. Scripts, `-q` and `less_chatty` skip it.

use rusqlite::Connection;

use crate::engine::session::Session;

/// `talkcli 0.1.0 · talks: 425 talks from 3 events · \? for help, \q to quit`.
pub(crate) fn line(session: &Session) -> String {
    let name = crate::engine::render::escape_controls(&session.db_name()).replace('\n', "\\n");
    let holds = contents(&session.conn).map(|c| format!(": {c}")).unwrap_or_default();
    format!("talkcli {} · {name}{holds} · \\? for help, \\q to quit", env!("CARGO_PKG_VERSION"))
}

/// What the database holds in a few words: a pack's words when the tables are its own (the
/// talks pack counts talks and events), else how many tables. `None` when even that cannot be
/// read (a locked or damaged file: the first statement says so itself).
fn contents(conn: &Connection) -> Option<String> {
    if let Some(words) = crate::engine::command::pack_contents(conn) {
        return Some(words);
    }
    let tables = conn
        .query_row(
            "select count(*) from main.sqlite_schema where type = 'table' and name not like 'sqlite%'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .ok()?;
    Some(match tables {
        0 => "empty".to_string(),
        1 => "1 table".to_string(),
        n => format!("{} tables", crate::engine::sql::group_thousands(n.max(0).unsigned_abs())),
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::repl::banner::*;

    #[test]
    fn says_what_the_database_holds() {
        let conn = Connection::open_in_memory().expect("memory");
        assert_eq!(contents(&conn).as_deref(), Some("empty"));
        conn.execute_batch("create table t(x);").expect("table");
        assert_eq!(contents(&conn).as_deref(), Some("1 table"));
        conn.execute_batch("create table talks(id); create table events(id);").expect("tables");
        assert_eq!(contents(&conn).as_deref(), Some("0 talks from 0 events"), "the talks pack's words");
    }
}
