//! The snapshot completion reads: the schema of every database the connection sees (tables,
//! views, columns, indexes, triggers, foreign keys), SQL functions and pragmas, and the talk
//! values command arguments complete to (speakers, tags, events, titles, write-ups).
//!
//! The schema is read by `schema.rs`, `temp` apart from the other databases (temporary tables
//! live only on the session's connection); `refresh.rs` reads the rest, and the values, which
//! can be large (a million titles), on a thread with a connection of its own. Nothing here runs
//! while the user types.

use rusqlite::Connection;

use crate::engine::command::objects;
use crate::engine::complete::name_index::Names;
use crate::engine::complete::row_counts::{self, RowCounts};
use crate::engine::complete::schema::{self, Described, Objects, Which, strings};
pub use crate::engine::complete::schema::{ForeignKey, Table};

/// The talk values command arguments complete to.
#[derive(Debug, Clone, Default)]
pub struct Values {
    pub speakers: Names,
    pub tags: Names,
    /// Event names and years (`PyCon US 2016`, `2016`).
    pub events: Vec<String>,
    /// Talk titles, each with the talk's id.
    pub titles: Names,
    /// Write-up ids with their titles.
    pub writeups: Vec<(i64, String)>,
    /// What each part held when read (rows, highest id, total length of the names), in the order
    /// of `PARTS`: a reload reads again only the parts whose print moved.
    pub prints: Prints,
}

/// One fingerprint per part of `Values`.
pub type Prints = [Option<(i64, i64, i64)>; 5];

/// Each part's table and the query that fingerprints it.
const PRINT_SQL: [&str; 5] = [
    "SELECT count(*), coalesce(max(id), 0), CAST(total(length(name)) AS INTEGER) FROM speakers",
    "SELECT count(*), coalesce(max(id), 0), CAST(total(length(name)) AS INTEGER) FROM tags",
    "SELECT count(*), coalesce(max(id), 0), CAST(total(length(name) + year) AS INTEGER) FROM events",
    "SELECT count(*), coalesce(max(id), 0), CAST(total(length(title)) AS INTEGER) FROM talks",
    "SELECT count(*), coalesce(max(id), 0), CAST(total(length(title)) AS INTEGER) FROM writeups",
];

/// The speakers' fingerprint with their talk counts' (see `speakers`).
const SPEAKERS_WITH_TALKS_PRINT_SQL: &str = "SELECT count(*), coalesce(max(id), 0),
    CAST(total(length(name)) AS INTEGER) + (SELECT count(*) + CAST(total(speaker_id) AS INTEGER) FROM talk_speakers)
    FROM speakers";

/// Which values to read (`--complete` reads only what its one argument needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub speakers: bool,
    pub tags: bool,
    pub events: bool,
    pub titles: bool,
    pub writeups: bool,
}

impl Parts {
    fn flags(self) -> [bool; 5] {
        [self.speakers, self.tags, self.events, self.titles, self.writeups]
    }

    fn from_flags(f: [bool; 5]) -> Parts {
        Parts { speakers: f[0], tags: f[1], events: f[2], titles: f[3], writeups: f[4] }
    }

    pub const ALL: Parts = Parts { speakers: true, tags: true, events: true, titles: true, writeups: true };
    pub const NONE: Parts = Parts { speakers: false, tags: false, events: false, titles: false, writeups: false };
}

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
        format!(
            "{} tables, {} views, {} functions, {} speakers, {} tags",
            self.tables.len() - views,
            views,
            self.functions.len(),
            self.values.speakers.len(),
            self.values.tags.len()
        )
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
        talk_parts(&self.temp.tables, Parts::ALL) != Parts::NONE
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

    /// Which values this database has tables for.
    pub fn value_parts(&self, wanted: Parts) -> Parts {
        talk_parts(&self.tables, wanted)
    }
}

/// Which values the `main` or `temp` tables among `tables` hold.
pub(crate) fn talk_parts(tables: &[Table], wanted: Parts) -> Parts {
    let has = |name: &str| {
        tables.iter().any(|t| (t.schema == "main" || t.schema == "temp") && t.name.eq_ignore_ascii_case(name))
    };
    Parts {
        speakers: wanted.speakers && has("speakers"),
        tags: wanted.tags && has("tags"),
        events: wanted.events && has("events"),
        titles: wanted.titles && has("talks"),
        writeups: wanted.writeups && has("writeups"),
    }
}

impl Values {
    /// Reads the parts of `parts` whose fingerprint differs from `old`; returns them with the
    /// parts read (the others are empty: keep the ones you have).
    pub fn load_changed(conn: &Connection, parts: Parts, old: &Prints) -> (Values, Parts) {
        Values::load_changed_while(conn, parts, old, &|| true)
    }

    /// `load_changed`, stopping between queries once `go` says no (a newer read superseded this
    /// one): what it returns then is incomplete and must not be used.
    pub(crate) fn load_changed_while(
        conn: &Connection,
        parts: Parts,
        old: &Prints,
        go: &dyn Fn() -> bool,
    ) -> (Values, Parts) {
        let mut prints: Prints = [None; 5];
        let mut read = [false; 5];
        for (i, wanted) in parts.flags().into_iter().enumerate() {
            if wanted && go() {
                let print = |sql: &str| conn.query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).ok();
                // Speakers' talk counts move with `talk_speakers`, when there is one.
                prints[i] =
                    if i == 0 { print(SPEAKERS_WITH_TALKS_PRINT_SQL) } else { None }.or_else(|| print(PRINT_SQL[i]));
                read[i] = prints[i].is_none() || prints[i] != old[i];
            }
        }
        let read = Parts::from_flags(read);
        let mut v = Values::load_while(conn, read, go);
        v.prints = prints;
        (v, read)
    }

    /// Puts the parts `read` of `new` in place of these, with all of `new`'s prints.
    pub fn merge(&mut self, new: Values, read: Parts) {
        let [speakers, tags, events, titles, writeups] = read.flags();
        if speakers {
            self.speakers = new.speakers;
        }
        if tags {
            self.tags = new.tags;
        }
        if events {
            self.events = new.events;
        }
        if titles {
            self.titles = new.titles;
        }
        if writeups {
            self.writeups = new.writeups;
        }
        self.prints = new.prints;
    }

    /// Reads the values named in `parts`; a missing table leaves its part empty.
    pub fn load(conn: &Connection, parts: Parts) -> Values {
        Values::load_while(conn, parts, &|| true)
    }

    fn load_while(conn: &Connection, parts: Parts, go: &dyn Fn() -> bool) -> Values {
        let mut v = Values::default();
        if parts.speakers && go() {
            v.speakers = speakers(conn);
        }
        if parts.tags && go() {
            v.tags = Names::new(strings(conn, "SELECT name FROM tags"));
        }
        if parts.events && go() {
            v.events = strings(
                conn,
                "SELECT name FROM (SELECT name, year FROM events UNION SELECT CAST(year AS TEXT), year FROM events)
                 ORDER BY year, length(name), name",
            );
        }
        if parts.titles && go() {
            let (ids, titles) = pairs(conn, "SELECT id, title FROM talks").into_iter().unzip();
            v.titles = Names::with_ids(titles, ids);
        }
        if parts.writeups && go() {
            v.writeups = pairs(conn, "SELECT id, title FROM writeups ORDER BY id");
        }
        v
    }
}

/// Speaker names, each with how many talks they are billed on (the list shows it beside the
/// name); -1 for each when there is no `talk_speakers` table to count in.
fn speakers(conn: &Connection) -> Names {
    let counted = pairs(
        conn,
        "SELECT coalesce(n, 0), name FROM speakers
         LEFT JOIN (SELECT speaker_id, count(*) AS n FROM talk_speakers GROUP BY speaker_id) ON speaker_id = id",
    );
    if !counted.is_empty() {
        let (counts, names) = counted.into_iter().unzip();
        return Names::with_ids(names, counts);
    }
    let names = strings(conn, "SELECT name FROM speakers");
    let unknown = vec![-1; names.len()];
    Names::with_ids(names, unknown)
}

/// (id, text) rows; an error gives an empty list.
fn pairs(conn: &Connection, sql: &str) -> Vec<(i64, String)> {
    let read = || -> rusqlite::Result<Vec<(i64, String)>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)))?;
        Ok(rows.filter_map(|r| r.ok()).filter_map(|(id, t)| Some((id, t?))).collect())
    };
    read().unwrap_or_default()
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
        assert!(snap.values.speakers.is_empty());
        assert!(snap.functions.iter().any(|f| f == "count"));
        assert!(snap.pragmas.iter().any(|p| p == "table_info"));
    }

    #[test]
    fn a_reload_reads_only_the_parts_that_changed() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(
            "CREATE TABLE speakers(id INTEGER PRIMARY KEY, name); CREATE TABLE tags(id INTEGER PRIMARY KEY, name);
             INSERT INTO speakers(name) VALUES ('Ada'); INSERT INTO tags(name) VALUES ('async');",
        )
        .expect("ddl");
        let parts = Parts { speakers: true, tags: true, ..Parts::NONE };
        let (first, read) = Values::load_changed(&conn, parts, &[None; 5]);
        assert_eq!(read, parts, "nothing known yet: everything is read");
        conn.execute_batch("UPDATE speakers SET name = 'Ada Lovelace'").expect("update");
        let (second, read) = Values::load_changed(&conn, parts, &first.prints);
        assert_eq!(read, Parts { speakers: true, ..Parts::NONE }, "a renamed speaker is noticed, tags are kept");
        assert_eq!(second.speakers.iter().collect::<Vec<_>>(), ["Ada Lovelace"]);
        let mut values = first.clone();
        values.merge(second, read);
        assert_eq!((values.speakers.len(), values.tags.len()), (1, 1));
        let (_, read) = Values::load_changed(&conn, parts, &values.prints);
        assert_eq!(read, Parts::NONE);
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
