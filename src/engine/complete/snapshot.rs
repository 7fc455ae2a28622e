//! The snapshot completion reads: the schema of every database the connection sees (tables,
//! views, columns, indexes, triggers, foreign keys), SQL functions and pragmas, and the values
//! of the packs' sources command arguments complete to (see `sources.rs`).
//!
//! The schema is read by `schema.rs`, `temp` apart from the other databases (temporary tables
//! live only on the session's connection); `refresh.rs` reads the rest, and the values, which
//! can be large (a million titles), on a thread with a connection of its own. Nothing here runs
//! while the user types.

use rusqlite::Connection;

use crate::engine::command::objects;
use crate::engine::complete::row_counts::{self, RowCounts};
use crate::engine::complete::schema::{self, Described, Objects, Which};
pub use crate::engine::complete::schema::{ForeignKey, Table};
use crate::engine::complete::sources::{self, Parts, Shape, Values};

/// What changed since the snapshot was read: compared before each prompt, a few pragmas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp {
    /// Each database's name and `schema_version`.
    pub schema: Vec<(String, i64)>,
    /// `PRAGMA data_version`: moves when another connection commits.
    pub data: i64,
    /// Rows this connection changed.
    pub changes: u64,
}

impl Stamp {
    pub fn read(conn: &Connection) -> Stamp {
        let schema = objects::schemas(conn)
            .into_iter()
            .map(|s| {
                let v = conn
                    .query_row(&format!("PRAGMA {}.schema_version", crate::engine::sql::quote::ident(&s)), [], |r| {
                        r.get(0)
                    })
                    .unwrap_or(-1);
                (s, v)
            })
            .collect();
        let data = conn.query_row("PRAGMA data_version", [], |r| r.get(0)).unwrap_or(-1);
        Stamp { schema, data, changes: conn.total_changes() }
    }
}

/// Everything completion knows about the database, as of the last refresh.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Database names: main, temp, attached ones.
    pub schemas: Vec<String>,
    pub tables: Vec<Table>,
    /// (schema, name) of indexes and of triggers.
    pub indexes: Vec<(String, String)>,
    pub triggers: Vec<(String, String)>,
    pub foreign_keys: Vec<ForeignKey>,
    /// SQL function names, deduplicated and sorted.
    pub functions: Vec<String>,
    /// Pragma names, from SQLite's own list.
    pub pragmas: Vec<String>,
    pub values: Values,
    /// Row counts of the tables whose count is cheap to know (`row_counts.rs`), read with the
    /// values.
    pub rows: RowCounts,
    /// Saved named queries (`\f NAME`); filled by whoever loads the snapshot (the store lives in
    /// `command/`).
    pub named_queries: Vec<String>,
    /// Column names of the last query result (`\chart --label …`, `\facets …`); filled by the
    /// prompt after each input.
    pub result_columns: Vec<String>,
    /// Row handles of the last result (`#1`, …) with a label each (its title), for commands that
    /// take a row; filled by the prompt after each input.
    pub result_handles: Vec<(String, String)>,
    /// When the schema was last read on the session's connection.
    pub stamp: Stamp,
    /// The objects of `temp` and of the other databases, read apart (see `schema.rs`); the lists
    /// above are assembled from them. Opaque outside the crate.
    pub temp: Objects,
    pub files: Objects,
}

impl Snapshot {
    /// What it holds, in a few words: what `\refresh` reports.
    pub fn summary(&self) -> String {
        let views = self.tables.iter().filter(|t| t.is_view).count();
        let mut out =
            format!("{} tables, {} views, {} functions", self.tables.len() - views, views, self.functions.len());
        // The sources of names (speakers, tags), not the long lists (titles) or fixed ones.
        for s in sources::all().iter().filter(|s| matches!(s.shape, Shape::Names | Shape::Counted(_))) {
            out.push_str(&format!(", {} {}", self.values.count(s.name), s.name));
        }
        out
    }

    /// Reads the schema and the given values on one connection. Failures of single parts leave
    /// those parts empty: completion must keep working on any database.
    pub fn load(conn: &Connection, parts: Parts) -> Snapshot {
        let mut snap = Snapshot::default();
        snap.reload_schema(conn);
        snap.values = Values::load(conn, parts);
        snap.rows = row_counts::read(conn, row_counts::BUDGET, &|| true);
        snap
    }

    /// Tables, views, columns, indexes, triggers, foreign keys of every database; functions and
    /// pragmas: everything on `conn`, now.
    pub fn reload_schema(&mut self, conn: &Connection) {
        self.stamp = Stamp::read(conn);
        self.schemas = self.stamp.schema.iter().map(|(s, _)| s.clone()).collect();
        self.reload_temp(conn, false);
        self.reload_files(conn);
    }

    /// Rereads the `temp` database (the session's own), every view described again with
    /// `fresh_views` (a temporary view may read tables of `main` that changed).
    pub(crate) fn reload_temp(&mut self, conn: &Connection, fresh_views: bool) {
        let before = std::mem::take(&mut self.temp.described);
        self.temp = Objects::read(conn, Which::Temp, before, fresh_views).0;
        self.assemble();
    }

    /// Rereads `main` and the attached databases on `conn`, and functions and pragmas when not
    /// known yet.
    pub(crate) fn reload_files(&mut self, conn: &Connection) {
        let before = std::mem::take(&mut self.files.described);
        self.files = Objects::read(conn, Which::Files, before, false).0;
        if self.functions.is_empty() {
            (self.functions, self.pragmas) = schema::functions_and_pragmas(conn);
        }
        self.assemble();
    }

    /// Puts objects of `main` and attached databases read elsewhere (a background connection)
    /// in place of the ones known.
    pub(crate) fn set_files(&mut self, files: Objects) {
        self.files = files;
        self.assemble();
    }

    /// The described tables of `main` and attached databases, for a read elsewhere to reuse.
    pub(crate) fn files_described(&self) -> Described {
        self.files.described.clone()
    }

    /// Whether the `temp` database has views (their columns may follow `main`'s tables) or talk
    /// tables (whose values only the session's connection can read).
    pub(crate) fn temp_has_views(&self) -> bool {
        self.temp.has_views()
    }

    pub(crate) fn temp_has_talk_tables(&self) -> bool {
        sources::present(&self.temp.tables, Parts::ALL) != Parts::NONE
    }

    /// The lists completion reads, in the order SQLite resolves names: main, temp, attached.
    fn assemble(&mut self) {
        let main = |schema: &String| schema == "main";
        let (f, t) = (&self.files, &self.temp);
        self.tables = (f.tables.iter().filter(|x| main(&x.schema)))
            .chain(&t.tables)
            .chain(f.tables.iter().filter(|x| !main(&x.schema)))
            .cloned()
            .collect();
        let ordered = |a: &[(String, String)], b: &[(String, String)]| -> Vec<(String, String)> {
            (a.iter().filter(|x| main(&x.0))).chain(b).chain(a.iter().filter(|x| !main(&x.0))).cloned().collect()
        };
        self.indexes = ordered(&f.indexes, &t.indexes);
        self.triggers = ordered(&f.triggers, &t.triggers);
        self.foreign_keys = (f.foreign_keys.iter().filter(|x| main(&x.0)))
            .chain(&t.foreign_keys)
            .chain(f.foreign_keys.iter().filter(|x| !main(&x.0)))
            .map(|(_, fk)| fk.clone())
            .collect();
    }

    /// The table or view `name` as SQLite resolves an unqualified name: temp, then main, then
    /// attached databases.
    pub fn table(&self, name: &str) -> Option<&Table> {
        let named = |t: &&Table| t.name.eq_ignore_ascii_case(name);
        self.tables
            .iter()
            .filter(named)
            .find(|t| t.schema == "temp")
            .or_else(|| self.tables.iter().filter(named).find(|t| t.schema == "main"))
            .or_else(|| self.tables.iter().find(named))
    }

    /// `schema.name`, or the unqualified lookup when `schema` is `None`.
    pub fn table_in(&self, schema: Option<&str>, name: &str) -> Option<&Table> {
        match schema {
            Some(s) => {
                self.tables.iter().find(|t| t.schema.eq_ignore_ascii_case(s) && t.name.eq_ignore_ascii_case(name))
            }
            None => self.table(name),
        }
    }

    /// What the completion list shows beside table `schema.name`: its row count, when known.
    pub(crate) fn rows_of(&self, schema: &str, name: &str) -> Option<&str> {
        self.rows.get(&(schema.to_string(), name.to_string())).map(String::as_str)
    }

    pub fn is_schema(&self, name: &str) -> bool {
        self.schemas.iter().any(|s| s.eq_ignore_ascii_case(name)) || name.eq_ignore_ascii_case("temp")
    }

    /// Which value sources this database has tables for.
    pub fn value_parts(&self, wanted: Parts) -> Parts {
        sources::present(&self.tables, wanted)
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::complete::snapshot::*;

    #[test]
    fn reads_every_schema_with_foreign_keys_and_tolerates_missing_talk_tables() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(
            "CREATE TABLE users(id INTEGER PRIMARY KEY, name); CREATE VIEW v AS SELECT name FROM users;
             CREATE TABLE orders(id, user_id REFERENCES users(id)); CREATE INDEX oi ON orders(user_id);
             CREATE TEMP TABLE scratch(x); ATTACH ':memory:' AS bk; CREATE TABLE bk.old(y);",
        )
        .expect("ddl");
        let snap = Snapshot::load(&conn, Parts::ALL);
        let names: Vec<String> = snap.tables.iter().map(|t| format!("{}.{}", t.schema, t.name)).collect();
        assert_eq!(names, ["main.orders", "main.users", "main.v", "temp.scratch", "bk.old"]);
        assert_eq!(snap.table("USERS").map(|t| t.columns.clone()), Some(vec!["id".into(), "name".into()]));
        assert!(snap.table("v").is_some_and(|t| t.is_view));
        assert_eq!(snap.table_in(Some("bk"), "old").map(|t| t.columns.clone()), Some(vec!["y".into()]));
        assert_eq!(
            snap.foreign_keys,
            [ForeignKey {
                from: "orders".into(),
                from_cols: vec!["user_id".into()],
                to: "users".into(),
                to_cols: vec!["id".into()]
            }]
        );
        assert_eq!(snap.indexes, [("main".to_string(), "oi".to_string())]);
        assert_eq!(snap.values.count("speakers"), 0);
        assert!(snap.functions.iter().any(|f| f == "count"));
        assert!(snap.pragmas.iter().any(|p| p == "table_info"));
    }

    #[test]
    fn the_stamp_moves_with_ddl_in_any_schema_and_with_writes() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch("CREATE TABLE t(a)").expect("ddl");
        let a = Stamp::read(&conn);
        assert_eq!(a, Stamp::read(&conn));
        conn.execute_batch("INSERT INTO t VALUES (1)").expect("insert");
        let b = Stamp::read(&conn);
        assert!(b.changes != a.changes && b.schema == a.schema);
        conn.execute_batch("CREATE TEMP TABLE x(y)").expect("temp ddl");
        assert!(Stamp::read(&conn).schema != b.schema);
    }
}
