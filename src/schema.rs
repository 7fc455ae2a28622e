//! The cached schema snapshot completion reads: tables, views, their columns, SQL functions and
//! the talk-domain values (speakers, tags, events) that command arguments complete to.
//!
//! It is read with SQL between prompts and never while the user types, so a Tab costs no query.
//! Databases opened with `--db` may lack the talk tables; those parts are then simply empty.

use rusqlite::Connection;

/// A table or view and its columns, in declaration order.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub name: String,
    pub is_view: bool,
    pub columns: Vec<String>,
}

/// Everything completion knows about the database, as of the last refresh.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub tables: Vec<Table>,
    /// SQL function names, deduplicated and sorted.
    pub functions: Vec<String>,
    pub speakers: Vec<String>,
    pub tags: Vec<String>,
    /// Event names and years (`PyCon US 2016`, `2016`).
    pub events: Vec<String>,
    /// Saved named queries (`\f NAME`).
    /// Saved named queries; filled by whoever loads the snapshot (the store lives in `command/`).
    pub named_queries: Vec<String>,
    /// `PRAGMA schema_version` when the tables were read, to notice DDL from any source.
    pub schema_version: i64,
    /// `total_changes()` when the talk values were read, to notice writes.
    pub total_changes: u64,
}

impl Snapshot {
    /// Reads the whole snapshot. Failures of single parts leave those parts empty: completion
    /// must keep working on any database.
    pub fn load(conn: &Connection) -> Snapshot {
        let mut snap = Snapshot::default();
        snap.reload_schema(conn);
        snap.reload_values(conn);
        snap
    }

    /// Reloads whatever changed since the snapshot was taken: the schema when `schema_version`
    /// moved (DDL, from any source), talk values when the connection wrote anything. Returns
    /// whether anything was reloaded.
    pub fn refresh_if_changed(&mut self, conn: &Connection) -> bool {
        let mut changed = false;
        if schema_version(conn) != self.schema_version {
            self.reload_schema(conn);
            changed = true;
        }
        if changed || conn.total_changes() != self.total_changes {
            self.reload_values(conn);
            changed = true;
        }
        changed
    }

    /// Tables, views and columns; function names.
    pub fn reload_schema(&mut self, conn: &Connection) {
        self.schema_version = schema_version(conn);
        self.tables = read_tables(conn).unwrap_or_default();
        // Operators such as `->` are listed as functions too; only names can be typed as a call.
        self.functions = strings(conn, "SELECT DISTINCT name FROM pragma_function_list ORDER BY name")
            .into_iter()
            .filter(|n| n.starts_with(|c: char| c.is_alphabetic() || c == '_'))
            .collect();
    }

    /// Speakers, tags, events and named queries.
    pub fn reload_values(&mut self, conn: &Connection) {
        self.total_changes = conn.total_changes();
        let has = |name: &str| self.tables.iter().any(|t| t.name.eq_ignore_ascii_case(name));
        self.speakers =
            if has("speakers") { strings(conn, "SELECT name FROM speakers ORDER BY name") } else { Vec::new() };
        self.tags = if has("tags") { strings(conn, "SELECT name FROM tags ORDER BY name") } else { Vec::new() };
        self.events = if has("events") {
            strings(
                conn,
                "SELECT name FROM (SELECT name, year FROM events UNION SELECT CAST(year AS TEXT), year FROM events)
                 ORDER BY year, length(name), name",
            )
        } else {
            Vec::new()
        };
    }

    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name.eq_ignore_ascii_case(name))
    }
}

fn schema_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA schema_version", [], |r| r.get(0)).unwrap_or(-1)
}

/// One column of strings; an error (e.g. a missing table) gives an empty list.
fn strings(conn: &Connection, sql: &str) -> Vec<String> {
    let read = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, Option<String>>(0))?;
        Ok(rows.filter_map(|r| r.ok().flatten()).collect())
    };
    read().unwrap_or_default()
}

/// Tables and views with their columns in one pass. Shadow tables of FTS5 indexes are left out,
/// as `\dt` leaves them out.
fn read_tables(conn: &Connection) -> rusqlite::Result<Vec<Table>> {
    let mut stmt = conn.prepare(
        "SELECT name, type = 'view' FROM sqlite_schema
         WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
           AND name NOT IN (SELECT name || suffix FROM sqlite_schema,
                 (SELECT '_data' AS suffix UNION ALL SELECT '_idx' UNION ALL SELECT '_content'
                  UNION ALL SELECT '_docsize' UNION ALL SELECT '_config')
                 WHERE sql LIKE 'CREATE VIRTUAL TABLE%')
         ORDER BY name",
    )?;
    let mut tables: Vec<Table> = stmt
        .query_map([], |r| Ok(Table { name: r.get(0)?, is_view: r.get(1)?, columns: Vec::new() }))?
        .collect::<rusqlite::Result<_>>()?;
    let mut cols = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    for t in &mut tables {
        // A view over a dropped table cannot be described; it still completes as a name.
        if let Ok(rows) = cols.query_map([&t.name], |r| r.get::<_, String>(0)) {
            t.columns = rows.filter_map(Result::ok).collect();
        }
    }
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tables_columns_and_tolerates_missing_talk_tables() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch("CREATE TABLE users(id, name); CREATE VIEW v AS SELECT name FROM users;").expect("ddl");
        let mut snap = Snapshot::load(&conn);
        assert_eq!(snap.tables.len(), 2);
        assert_eq!(snap.table("USERS").map(|t| t.columns.clone()), Some(vec!["id".into(), "name".into()]));
        assert!(snap.table("v").is_some_and(|t| t.is_view));
        assert!(snap.speakers.is_empty());
        assert!(snap.functions.iter().any(|f| f == "count"));

        assert!(!snap.refresh_if_changed(&conn), "nothing changed yet");
        conn.execute_batch(
            "CREATE TABLE speakers(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO speakers(name) VALUES ('Ada');",
        )
        .expect("ddl");
        assert!(snap.refresh_if_changed(&conn));
        assert_eq!(snap.speakers, ["Ada"]);
        conn.execute("INSERT INTO speakers(name) VALUES ('Bob')", []).expect("insert");
        assert!(snap.refresh_if_changed(&conn), "a write refreshes talk values");
        assert_eq!(snap.speakers, ["Ada", "Bob"]);
    }
}
