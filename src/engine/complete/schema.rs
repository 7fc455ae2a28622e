//! Reading the objects of some of a connection's databases: tables, views and their columns,
//! indexes, triggers, foreign keys. The `temp` database is read apart from the others: it is
//! visible only on the session's connection, while `main` and attached files can be read by a
//! background connection of their own (`refresh.rs`) without the user waiting.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::engine::command::objects;

/// A table or view and its columns, in declaration order.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// `main`, `temp` or an attached database's name.
    pub schema: String,
    pub name: String,
    pub is_view: bool,
    pub columns: Vec<String>,
    /// Each column's declared type, same order (empty when none is declared).
    pub types: Vec<String>,
}

impl Table {
    /// The declared type of column `name` (the completion list shows it), if it has one.
    pub(crate) fn type_of(&self, name: &str) -> Option<&str> {
        let i = self.columns.iter().position(|c| c.eq_ignore_ascii_case(name))?;
        self.types.get(i).map(String::as_str).filter(|t| !t.is_empty())
    }
}

/// `from(from_cols) REFERENCES to(to_cols)`; `to_cols` empty means the primary key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForeignKey {
    pub from: String,
    pub from_cols: Vec<String>,
    pub to: String,
    pub to_cols: Vec<String>,
}

/// Which of a connection's databases to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    /// Temporary objects only (the session's own).
    Temp,
    /// `main` and attached databases: what another connection to the same files sees too.
    Files,
}

/// The objects of the databases one read covered, in the order completion offers them (`main`
/// first, then by name).
#[derive(Debug, Clone, Default)]
pub struct Objects {
    pub(crate) tables: Vec<Table>,
    /// (schema, name) of indexes and of triggers.
    pub(crate) indexes: Vec<(String, String)>,
    pub(crate) triggers: Vec<(String, String)>,
    /// Each with the schema of its table.
    pub(crate) foreign_keys: Vec<(String, ForeignKey)>,
    /// Tables and views described by this read, by (schema, name, SQL text): the next read
    /// describes only what changed (compiling a big view's columns costs milliseconds).
    pub(crate) described: Described,
}

/// What `Objects::described` holds; opaque outside this module.
#[derive(Debug, Clone, Default)]
pub struct Described(HashMap<(String, String, String), (Table, Vec<ForeignKey>)>);

impl Objects {
    /// Reads the databases `which` names on `conn`, describing again only the tables and views
    /// that are not in `before` (with `fresh_views`, every view: its tables may live in another
    /// read). An error leaves what was read so far and is returned with it.
    pub(crate) fn read(
        conn: &Connection,
        which: Which,
        before: Described,
        fresh_views: bool,
    ) -> (Objects, rusqlite::Result<()>) {
        let mut objs = Objects::default();
        let schemas: Vec<String> =
            objects::schemas(conn).into_iter().filter(|s| (s == "temp") == (which == Which::Temp)).collect();
        if schemas.is_empty() {
            return (objs, Ok(()));
        }
        let done = objs.read_objects(conn, &schemas, before.0, fresh_views);
        (objs, done)
    }

    fn read_objects(
        &mut self,
        conn: &Connection,
        schemas: &[String],
        mut before: HashMap<(String, String, String), (Table, Vec<ForeignKey>)>,
        fresh_views: bool,
    ) -> rusqlite::Result<()> {
        let sql = format!(
            "SELECT schema, type, name, tbl_name, sql FROM {} WHERE type IN ('table', 'view', 'index', 'trigger')
             ORDER BY schema = 'main' DESC, schema = 'temp' DESC, name",
            objects::objects_sql_in(schemas)
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows: Vec<(String, String, String, String)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, Option<String>>(4)?.unwrap_or_default()))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // A view's columns follow the tables it reads: it is described again when a table or view
        // its SQL names was created, dropped or changed.
        let changed: Vec<String> = rows
            .iter()
            .filter(|(schema, kind, name, sql)| {
                kind != "index"
                    && kind != "trigger"
                    && !before.contains_key(&(schema.clone(), name.clone(), sql.clone()))
            })
            .map(|(_, _, name, _)| name.to_lowercase())
            .chain(
                before
                    .keys()
                    .filter(|(schema, name, sql)| !rows.iter().any(|(s, _, n, q)| s == schema && n == name && q == sql))
                    .map(|(_, name, _)| name.to_lowercase()),
            )
            .collect();
        let mut cols = conn.prepare("SELECT name, type FROM pragma_table_info(?1, ?2) ORDER BY cid")?;
        let mut fks = conn
            .prepare("SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1, ?2) ORDER BY id, seq")?;
        for (schema, kind, name, sql) in rows {
            let key = (schema.clone(), name.clone(), sql.clone());
            if kind == "table" || kind == "view" {
                let lower = sql.to_lowercase();
                let stale = kind == "view" && (fresh_views || changed.iter().any(|c| lower.contains(c.as_str())));
                if let Some((table, fks)) = before.remove(&key).filter(|_| !stale) {
                    self.tables.push(table.clone());
                    self.foreign_keys.extend(fks.iter().map(|fk| (schema.clone(), fk.clone())));
                    self.described.0.insert(key, (table, fks));
                    continue;
                }
            }
            match kind.as_str() {
                // Automatic indexes cannot be dropped: not offered.
                "index" if name.starts_with("sqlite_") => {}
                "index" => self.indexes.push((schema, name)),
                "trigger" => self.triggers.push((schema, name)),
                _ => {
                    // A view over a dropped table cannot be described; it still completes as a name.
                    let (columns, types) = cols
                        .query_map([&name, &schema], |r| {
                            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default()))
                        })
                        .map(|rows| rows.filter_map(Result::ok).unzip())
                        .unwrap_or_default();
                    let mut keys: Vec<ForeignKey> = Vec::new();
                    if kind == "table"
                        && let Ok(rows) = fks.query_map([&name, &schema], |r| {
                            Ok((
                                r.get::<_, i64>(0)?,
                                r.get::<_, String>(1)?,
                                r.get::<_, String>(2)?,
                                r.get::<_, Option<String>>(3)?,
                            ))
                        })
                    {
                        let mut last = -1;
                        for (id, to, from, to_col) in rows.filter_map(Result::ok) {
                            if id != last {
                                keys.push(ForeignKey { from: name.clone(), to, ..ForeignKey::default() });
                                last = id;
                            }
                            if let Some(fk) = keys.last_mut() {
                                fk.from_cols.push(from);
                                fk.to_cols.extend(to_col);
                            }
                        }
                    }
                    let table = Table { schema: schema.clone(), name, is_view: kind == "view", columns, types };
                    self.foreign_keys.extend(keys.iter().map(|fk| (schema.clone(), fk.clone())));
                    self.described.0.insert(key, (table.clone(), keys));
                    self.tables.push(table);
                }
            }
        }
        Ok(())
    }

    /// Whether any view is among the objects (a temporary view may read `main`'s tables).
    pub(crate) fn has_views(&self) -> bool {
        self.tables.iter().any(|t| t.is_view)
    }
}

/// SQL function names (deduplicated, sorted) and pragma names of a connection.
pub(crate) fn functions_and_pragmas(conn: &Connection) -> (Vec<String>, Vec<String>) {
    // Operators such as `->` are listed as functions too; only names can be typed as a call.
    let functions = strings(conn, "SELECT DISTINCT name FROM pragma_function_list ORDER BY name")
        .into_iter()
        .filter(|n| n.starts_with(|c: char| c.is_alphabetic() || c == '_'))
        .collect();
    (functions, strings(conn, "SELECT name FROM pragma_pragma_list ORDER BY name"))
}

/// One column of strings; an error (e.g. a missing table) gives an empty list.
pub(crate) fn strings(conn: &Connection, sql: &str) -> Vec<String> {
    let read = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, Option<String>>(0))?;
        Ok(rows.filter_map(|r| r.ok().flatten()).collect())
    };
    read().unwrap_or_default()
}
