//! The one line an interactive start prints, as pgcli, litecli and sqlite3 do: the version, the
//! database and what it holds, and how to get help. Scripts, `-q` and `less_chatty` skip it.

use rusqlite::Connection;

use crate::engine::session::Session;

/// `talkcli 0.1.0 · talks: 425 talks from 3 events · \? for help, \q to quit`.
pub(crate) fn line(session: &Session) -> String {
    let name = crate::engine::render::escape_controls(&session.db_name()).replace('\n', "\\n");
    let holds = contents(&session.conn).map(|c| format!(": {c}")).unwrap_or_default();
    format!("talkcli {} · {name}{holds} · \\? for help, \\q to quit", env!("CARGO_PKG_VERSION"))
}

/// What the database holds in a few words: its talks and events when it has the catalogue's
/// tables, else how many tables. `None` when even that cannot be read (a locked or damaged file:
/// the prompt then says so itself at the first statement).
fn contents(conn: &Connection) -> Option<String> {
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).ok();
    if let (Some(talks), Some(events)) =
        (count("select count(*) from main.talks"), count("select count(*) from main.events"))
    {
        return Some(format!("{} from {}", plural(talks, "talk", "talks"), plural(events, "event", "events")));
    }
    let tables = count("select count(*) from main.sqlite_schema where type = 'table' and name not like 'sqlite%'")?;
    Some(if tables == 0 { "empty".to_string() } else { plural(tables, "table", "tables") })
}

fn plural(n: i64, one: &str, many: &str) -> String {
    let word = if n == 1 { one } else { many };
    format!("{} {word}", crate::engine::sql::group_thousands(n.max(0).unsigned_abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_the_database_holds() {
        let conn = Connection::open_in_memory().unwrap();
        assert_eq!(contents(&conn).as_deref(), Some("empty"));
        conn.execute_batch("create table t(x); create table talks(id); create table events(id);").unwrap();
        assert_eq!(contents(&conn).as_deref(), Some("0 talks from 0 events"));
        conn.execute_batch("insert into talks values (1); insert into events values (1);").unwrap();
        assert_eq!(contents(&conn).as_deref(), Some("1 talk from 1 event"));
        conn.execute_batch("drop table talks").unwrap();
        assert_eq!(contents(&conn).as_deref(), Some("2 tables"));
    }
}
