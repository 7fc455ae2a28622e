//! Data-version upgrades of the bundled database that keep every row the user added or changed.
//!
//! talkcli cannot ask the user which catalogue rows are theirs, so it compares. `seed/bundled-*.tsv`
//! records a fingerprint (a hash of the column values) of every row talkcli shipped, from the data
//! version named in the file on. At an upgrade each catalogue row, by primary key, is one of:
//!
//! - **untouched** (its fingerprint is the shipped one): refreshed from the new seed, or removed
//!   when the new seed drops it — unless a note, a favorite or any other row still refers to it;
//! - **changed by the user** (a corrected title): kept as the user left it;
//! - **deleted by the user**: stays deleted;
//! - **added by the user** (by SQL or an import): kept. When the new seed brings a row with the same
//!   id, the user's row moves to a fresh id from `IMPORT_ID_BASE` up and everything that refers to
//!   it (notes, favorites, links, the user's own tables) follows, so nothing re-attaches to the new
//!   talk. When the new seed brings the same thing under another id (a speaker of the same name, a
//!   talk with the same event and file name), the user's row is merged into it the same way.
//!
//! Everything runs in one `BEGIN IMMEDIATE` transaction with foreign-key actions off, so a crash or
//! a kill leaves the database as it was before, and nothing cascades into the user's tables.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result, bail};
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use crate::engine::sql::quote;
use crate::talks::catalogue::{DATA_VERSION, IMPORT_ID_BASE, REBUILD_SEARCH, REBUILD_SPEAKER_NAMES, SCHEMA, SEED};

/// What each data version shipped: (first data version, fingerprints). A data version uses the
/// last entry at or below it. A new entry is needed only when the seed's rows change; the test
/// `the_recorded_fingerprints_match_the_shipped_seed` says when.
pub static SHIPPED: &[(i64, &str)] =
    &[(1, include_str!("../../../seed/bundled-v1.tsv")), (5, include_str!("../../../seed/bundled-v5.tsv"))];

/// Catalogue tables with their own ids, parents first, and the columns (besides the id) that name
/// one thing, so a user's row and a new bundled row for the same thing are merged.
const ENTITIES: &[(&str, &[&str])] = &[
    ("series", &["slug"]),
    ("events", &["slug"]),
    ("speakers", &["name"]),
    ("tags", &["name"]),
    ("projects", &["name"]),
    ("writeups", &["source"]),
    ("talks", &["event_id", "slug"]),
];

/// Catalogue tables that link entities; their key is their primary key.
const LINKS: &[&str] = &["talk_speakers", "talk_tags", "related_urls", "mentions", "writeup_projects"];

/// User tables that refer to talks by id without declaring a foreign key.
const TALK_REFERENCES: &[(&str, &str)] =
    &[("favorites", "talk_id"), ("notes", "talk_id"), ("watched", "talk_id"), ("queue", "talk_id")];

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike `DefaultHasher`.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// One table's shipped rows: the columns hashed and key → fingerprint.
#[derive(Default)]
struct Shipped {
    columns: Vec<String>,
    rows: HashMap<String, u64>,
}

fn parse_shipped(text: &str) -> Result<HashMap<String, Shipped>> {
    let mut tables: HashMap<String, Shipped> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["columns", table, cols] => {
                tables.entry((*table).to_string()).or_default().columns = cols.split(',').map(str::to_string).collect();
            }
            [table, key, hash] => {
                let hash =
                    u64::from_str_radix(hash, 16).with_context(|| format!("bad fingerprint on line {}", n + 1))?;
                tables.entry((*table).to_string()).or_default().rows.insert((*key).to_string(), hash);
            }
            _ => bail!("bad line {} in the shipped fingerprints", n + 1),
        }
    }
    Ok(tables)
}

/// The primary-key columns of `table` in `schema`, in key order.
fn key_columns(conn: &Connection, schema: &str, table: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare("SELECT name FROM pragma_table_info(?1, ?2) WHERE pk > 0 ORDER BY pk")?;
    let cols = st.query_map([table, schema], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(cols)
}

fn all_columns(conn: &Connection, schema: &str, table: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare("SELECT name FROM pragma_table_info(?1, ?2) ORDER BY cid")?;
    let cols = st.query_map([table, schema], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(cols)
}

fn key_expr(keys: &[String]) -> String {
    keys.iter().map(|k| format!("CAST({} AS TEXT)", quote::ident(k))).collect::<Vec<_>>().join(" || ',' || ")
}

/// key → fingerprint of every row of `schema.table`, hashing `columns`; `None` when the table
/// lacks one of them (then no row can match what was shipped).
fn fingerprints(
    conn: &Connection,
    schema: &str,
    table: &str,
    columns: &[String],
) -> Result<Option<HashMap<String, u64>>> {
    let present = all_columns(conn, schema, table)?;
    if columns.is_empty() || columns.iter().any(|c| !present.contains(c)) {
        return Ok(None);
    }
    let keys = key_columns(conn, schema, table)?;
    let values =
        columns.iter().map(|c| format!("quote({})", quote::ident(c))).collect::<Vec<_>>().join(" || char(31) || ");
    let sql = format!("SELECT {}, {values} FROM {schema}.{}", key_expr(&keys), quote::ident(table));
    let mut st = conn.prepare(&sql)?;
    let mut out = HashMap::new();
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let key: String = r.get(0)?;
        let text = r.get_ref(1)?.as_bytes().unwrap_or_default().to_vec();
        out.insert(key, fnv(&text));
    }
    Ok(Some(out))
}

#[cfg(test)]
/// The fingerprint file for the catalogue in `conn` (as `seed/bundled-*.tsv` holds it).
pub fn shipped_text(conn: &Connection) -> Result<String> {
    use std::fmt::Write as _;
    let mut out = String::from(
        "# Fingerprints of the catalogue rows talkcli ships (generated; see src/db/upgrade.rs).\n\
         # columns<TAB>table<TAB>hashed columns, then table<TAB>key<TAB>FNV-1a of the quoted values.\n",
    );
    for table in ENTITIES.iter().map(|(t, _)| *t).chain(LINKS.iter().copied()) {
        let columns = all_columns(conn, "main", table)?;
        let _ = writeln!(out, "columns\t{table}\t{}", columns.join(","));
        let prints = fingerprints(conn, "main", table, &columns)?.unwrap_or_default();
        let mut rows: Vec<_> = prints.into_iter().collect();
        rows.sort_by(|a, b| natural(&a.0).cmp(&natural(&b.0)).then(a.0.cmp(&b.0)));
        for (key, hash) in rows {
            let _ = writeln!(out, "{table}\t{key}\t{hash:016x}");
        }
    }
    Ok(out)
}

#[cfg(test)]
fn natural(key: &str) -> Vec<i64> {
    key.split(',').map(|p| p.parse().unwrap_or(i64::MAX)).collect()
}

/// Builds this talkcli's catalogue in memory: what the upgrade copies from. `seed` is the SQL
/// loaded after the catalogue files (the tests add their own).
fn new_catalogue(seed: &[(&str, &str)]) -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    conn.execute_batch(SCHEMA).context("schema.sql")?;
    conn.execute_batch("DROP TRIGGER speakers_index_insert").context("schema.sql")?;
    conn.execute_batch("BEGIN")?;
    crate::talks::catalogue::tables::load(&conn, crate::talks::catalogue::tables::CATALOGUE)?;
    conn.execute_batch("COMMIT")?;
    for (name, sql) in seed {
        conn.execute_batch(sql).with_context(|| format!("loading {name}"))?;
    }
    Ok(conn)
}

/// The fingerprints shipped at `version`.
fn shipped_at(version: i64) -> Result<HashMap<String, Shipped>> {
    let text = SHIPPED.iter().rev().find(|(v, _)| *v <= version.max(1)).map_or(SHIPPED[0].1, |(_, t)| *t);
    parse_shipped(text)
}

/// True when the seed's rows are the same at `version` as now (the same fingerprint file): an
/// upgrade from it changes the schema only, so no row needs comparing.
pub fn seed_unchanged_since(version: i64) -> bool {
    let at = SHIPPED.iter().rev().find(|(v, _)| *v <= version.max(1));
    matches!((at, SHIPPED.last()), (Some((a, _)), Some((b, _))) if a == b)
}

/// Upgrades the catalogue in `conn` (already in a write transaction, with foreign keys off) to
/// this talkcli's seed, keeping the user's rows (see the module comment).
pub fn upgrade(conn: &Connection, from_version: i64) -> Result<()> {
    let shipped = shipped_at(from_version)?;
    let new = new_catalogue(SEED)?;
    upgrade_with(conn, &shipped, &new)?;
    conn.pragma_update(None, "user_version", DATA_VERSION)?;
    Ok(())
}

/// What became of one table's rows.
struct Plan {
    /// Rows the user added whose key the new seed also uses.
    collide: Vec<String>,
    /// Untouched shipped rows: replaced (when the new seed has them) or dropped.
    untouched: HashSet<String>,
    /// Keys whose new-seed row must not be written: the user changed, deleted or added that row.
    keep: HashSet<String>,
}

fn plan(conn: &Connection, shipped: Option<&Shipped>, new: &Connection, table: &str) -> Result<Plan> {
    let empty = Shipped::default();
    let shipped = shipped.unwrap_or(&empty);
    let current = fingerprints(conn, "main", table, &shipped.columns)?;
    let keys = key_columns(conn, "main", table)?;
    let mut present = HashSet::new();
    {
        let mut st = conn.prepare(&format!("SELECT {} FROM main.{}", key_expr(&keys), quote::ident(table)))?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            present.insert(r.get::<_, String>(0)?);
        }
    }
    let mut new_keys = HashSet::new();
    {
        let mut st = new.prepare(&format!("SELECT {} FROM main.{}", key_expr(&keys), quote::ident(table)))?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            new_keys.insert(r.get::<_, String>(0)?);
        }
    }
    let mut out = Plan { collide: Vec::new(), untouched: HashSet::new(), keep: HashSet::new() };
    for key in &present {
        match shipped.rows.get(key) {
            Some(print) if current.as_ref().and_then(|c| c.get(key)) == Some(print) => {
                out.untouched.insert(key.clone());
            }
            Some(_) => {
                out.keep.insert(key.clone());
            }
            None if new_keys.contains(key) => out.collide.push(key.clone()),
            None => {}
        }
    }
    for key in shipped.rows.keys() {
        if !present.contains(key) {
            out.keep.insert(key.clone()); // deleted by the user
        }
    }
    Ok(out)
}

/// Every (table, column) that refers to `parent`'s id: declared foreign keys in any table, plus
/// the user tables that refer to talks by convention.
fn references(conn: &Connection, parent: &str) -> Result<Vec<(String, String)>> {
    let mut st = conn.prepare(
        "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = ?1 COLLATE NOCASE",
    )?;
    let mut refs: Vec<(String, String)> =
        st.query_map([parent], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    if parent == "talks" {
        for (t, c) in TALK_REFERENCES {
            let exists: bool =
                conn.query_row("SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2", [t, c], |r| r.get(0))?;
            if exists && !refs.iter().any(|(rt, rc)| rt == t && rc == c) {
                refs.push(((*t).to_string(), (*c).to_string()));
            }
        }
    }
    Ok(refs)
}

/// Points everything that refers (by `refs`, the table's `references`) to row `from` at `to`.
fn remap(conn: &Connection, refs: &[(String, String)], from: i64, to: i64) -> Result<()> {
    for (child, column) in refs {
        // A link that would become a duplicate of one already there is dropped, not doubled.
        // Cached: compiling these (and the triggers they fire) for every moved row is what would
        // make an upgrade of thousands of rows take minutes.
        conn.prepare_cached(&format!(
            "UPDATE OR IGNORE main.{} SET {c} = ?2 WHERE {c} = ?1",
            quote::ident(child),
            c = quote::ident(column)
        ))?
        .execute([from, to])?;
        conn.prepare_cached(&format!("DELETE FROM main.{} WHERE {} = ?1", quote::ident(child), quote::ident(column)))?
            .execute([from])?;
    }
    Ok(())
}

fn is_referenced(conn: &Connection, table: &str, id: i64) -> Result<bool> {
    for (child, column) in references(conn, table)? {
        let sql =
            format!("SELECT EXISTS (SELECT 1 FROM main.{} WHERE {} = ?1)", quote::ident(&child), quote::ident(&column));
        if conn.query_row(&sql, [id], |r| r.get::<_, bool>(0))? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The new seed's rows of `table`: column names and (key, values) pairs.
/// Rows by key, with their values in column order.
type KeyedRows = Vec<(String, Vec<Value>)>;

fn new_rows(new: &Connection, table: &str) -> Result<(Vec<String>, KeyedRows)> {
    let cols = all_columns(new, "main", table)?;
    let keys = key_columns(new, "main", table)?;
    let list = cols.iter().map(|c| quote::ident(c)).collect::<Vec<_>>().join(", ");
    let mut st = new.prepare(&format!("SELECT {}, {list} FROM main.{}", key_expr(&keys), quote::ident(table)))?;
    let rows = st
        .query_map([], |r| {
            let key: String = r.get(0)?;
            let values = (1..=cols.len()).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>()?;
            Ok((key, values))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((cols, rows))
}

fn delete_keys(conn: &Connection, table: &str, keys: impl Iterator<Item = String>) -> Result<()> {
    let key_cols = key_columns(conn, "main", table)?;
    // Column by column, so the primary key's index finds each row (the joined text form of
    // `key_expr` would scan the table for every key).
    let filter = key_cols.iter().enumerate().map(|(i, c)| format!("{} = ?{}", quote::ident(c), i + 1));
    let sql = format!("DELETE FROM main.{} WHERE {}", quote::ident(table), filter.collect::<Vec<_>>().join(" AND "));
    let mut st = conn.prepare(&sql)?;
    for key in keys {
        st.execute(params_from_iter(key_values(&key)))?;
    }
    Ok(())
}

/// A key as `key_expr` writes it (`12,3`), back as values: integers where they are.
fn key_values(key: &str) -> Vec<Value> {
    key.split(',').map(|p| p.parse::<i64>().map_or_else(|_| Value::Text(p.to_string()), Value::Integer)).collect()
}

/// The upgrade itself, against given shipped fingerprints and a given new catalogue (the tests
/// give their own).
fn upgrade_with(conn: &Connection, shipped: &HashMap<String, Shipped>, new: &Connection) -> Result<()> {
    conn.execute_batch("DROP VIEW IF EXISTS main.talk_overview; DROP TABLE IF EXISTS main.talk_search;")?;
    let mut inserted: HashSet<(String, i64)> = HashSet::new();
    let mut plans = HashMap::new();
    for table in ENTITIES.iter().map(|(t, _)| *t).chain(LINKS.iter().copied()) {
        plans.insert(table, plan(conn, shipped.get(table), new, table)?);
    }
    // 1. The user's rows whose ids the new seed takes move out of the way, references and all.
    let mut next: i64 = IMPORT_ID_BASE;
    for (table, _) in ENTITIES {
        let max: Option<i64> = conn.query_row(&format!("SELECT max(id) FROM main.{table}"), [], |r| r.get(0))?;
        next = next.max(max.unwrap_or(0) + 1);
        let refs = references(conn, table)?;
        for key in &plans[table].collide {
            let from: i64 = key.parse().context("entity key")?;
            conn.prepare_cached(&format!("UPDATE main.{table} SET id = ?2 WHERE id = ?1"))?.execute([from, next])?;
            remap(conn, &refs, from, next)?;
            next += 1;
        }
    }
    // 2. Untouched shipped rows give way to the new seed's (dropped ones are handled last).
    for (table, _) in ENTITIES {
        let (_, rows) = new_rows(new, table)?;
        let in_new: HashSet<&String> = rows.iter().map(|(k, _)| k).collect();
        let replaced: Vec<String> = plans[table].untouched.iter().filter(|k| in_new.contains(k)).cloned().collect();
        delete_keys(conn, table, replaced.into_iter())?;
    }
    // 3. The new seed's entities, merging a user's row that names the same thing.
    for (table, unique) in ENTITIES {
        let (cols, rows) = new_rows(new, table)?;
        let list = cols.iter().map(|c| quote::ident(c)).collect::<Vec<_>>().join(", ");
        let marks = (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let insert = format!("INSERT INTO main.{table} ({list}) VALUES ({marks})");
        let same = format!(
            "SELECT id FROM main.{table} WHERE {}",
            unique
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{} = ?{}", quote::ident(c), i + 1))
                .collect::<Vec<_>>()
                .join(" AND ")
        );
        let plan = &plans[table];
        let refs = references(conn, table)?;
        for (key, values) in rows {
            let id: i64 = key.parse().context("entity key")?;
            let exists: bool = conn
                .prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM main.{table} WHERE id = ?1)"))?
                .query_row([id], |r| r.get(0))?;
            if plan.keep.contains(&key) || exists {
                continue;
            }
            let probe: Vec<Value> = unique
                .iter()
                .map(|u| cols.iter().position(|c| c == u).map_or(Value::Null, |i| values[i].clone()))
                .collect();
            let twin: Option<i64> = {
                let mut st = conn.prepare_cached(&same)?;
                let mut found = st.query(params_from_iter(probe.iter()))?;
                found.next()?.map(|r| r.get(0)).transpose()?
            };
            if let Some(twin) = twin {
                remap(conn, &refs, twin, id)?;
                conn.prepare_cached(&format!("DELETE FROM main.{table} WHERE id = ?1"))?.execute([twin])?;
            }
            conn.prepare_cached(&insert)?
                .execute(params_from_iter(values.iter()))
                .with_context(|| format!("adding {table} {key}"))?;
            inserted.insert(((*table).to_string(), conn.last_insert_rowid()));
        }
    }
    // 4. Links: untouched ones are replaced or dropped; the user's stay.
    for table in LINKS {
        let plan = &plans[table];
        delete_keys(conn, table, plan.untouched.iter().cloned())?;
        let (cols, rows) = new_rows(new, table)?;
        let list = cols.iter().map(|c| quote::ident(c)).collect::<Vec<_>>().join(", ");
        let marks = (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let mut st = conn.prepare(&format!("INSERT OR IGNORE INTO main.{table} ({list}) VALUES ({marks})"))?;
        for (key, values) in rows {
            if plan.keep.contains(&key) {
                continue;
            }
            if st.execute(params_from_iter(values.iter()))? > 0 {
                inserted.insert(((*table).to_string(), conn.last_insert_rowid()));
            }
        }
    }
    // 5. Untouched rows the new seed dropped go, unless something still refers to them.
    for (table, _) in ENTITIES.iter().rev() {
        let (_, rows) = new_rows(new, table)?;
        let in_new: HashSet<String> = rows.into_iter().map(|(k, _)| k).collect();
        for key in plans[table].untouched.iter().filter(|k| !in_new.contains(*k)) {
            let id: i64 = key.parse().context("entity key")?;
            if !is_referenced(conn, table, id)? {
                conn.execute(&format!("DELETE FROM main.{table} WHERE id = ?1"), [id])?;
            }
        }
    }
    // 6. A new row that refers to something the user deleted is left out.
    for table in ENTITIES.iter().map(|(t, _)| *t).chain(LINKS.iter().copied()) {
        let broken: Vec<i64> = conn
            .prepare("SELECT DISTINCT rowid FROM pragma_foreign_key_check(?1)")?
            .query_map([table], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for rowid in broken {
            if inserted.contains(&(table.to_string(), rowid)) {
                conn.execute(&format!("DELETE FROM main.{table} WHERE rowid = ?1"), [rowid])?;
            }
        }
    }
    conn.execute_batch(SCHEMA).context("schema.sql")?;
    conn.execute_batch(REBUILD_SEARCH).context("building the search index")?;
    conn.execute_batch(REBUILD_SPEAKER_NAMES).context("building the speaker-name index")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::talks::catalogue::upgrade::*;

    fn shipped_now() -> HashMap<String, Shipped> {
        let conn = new_catalogue(SEED).expect("seed");
        parse_shipped(&shipped_text(&conn).expect("text")).expect("parse")
    }

    #[test]
    fn the_recorded_fingerprints_match_the_shipped_seed() {
        let conn = new_catalogue(SEED).expect("seed");
        let now = shipped_text(&conn).expect("fingerprints");
        let recorded = SHIPPED.last().map(|(_, t)| *t).unwrap_or_default();
        if let Some(path) = std::env::var_os("TALKCLI_WRITE_SHIPPED") {
            std::fs::write(path, &now).expect("write");
        }
        assert!(
            now == recorded,
            "the seed's rows changed: bump DATA_VERSION, write the new fingerprints with \
             TALKCLI_WRITE_SHIPPED=seed/bundled-vN.tsv cargo test --lib recorded_fingerprints, \
             and add them to SHIPPED (keep the old files: older databases compare against them)"
        );
    }

    /// A database as talkcli made it, with a user's changes, upgraded to a seed that adds talk 21716
    /// (an id the user's own talk has), a speaker with the user speaker's name, and retitles talk 7.
    #[test]
    fn an_upgrade_keeps_user_rows_and_moves_colliding_ones() {
        let conn = new_catalogue(SEED).expect("old");
        conn.execute_batch(
            "INSERT INTO talks (id, event_id, slug, title) VALUES (21716, 1, 'mine', 'My own talk');
             INSERT INTO notes (talk_id, body) VALUES (21716, 'my note');
             INSERT INTO favorites (talk_id) VALUES (21716);
             INSERT INTO speakers (id, name) VALUES (12892, 'Ada Quill');
             INSERT INTO talk_speakers VALUES (21716, 12892, 1);
             UPDATE talks SET title = 'Corrected' WHERE id = 53;
             INSERT INTO notes (talk_id, body) VALUES (12, 'on a talk the new seed drops');
             DELETE FROM talk_speakers WHERE talk_id = 100; DELETE FROM talk_tags WHERE talk_id = 100;
             DELETE FROM mentions WHERE talk_id = 100; DELETE FROM talks WHERE id = 100;",
        )
        .expect("user rows");
        let mut next: Vec<(&str, String)> = SEED.iter().map(|(n, s)| (*n, (*s).to_string())).collect();
        next.push((
            "extra",
            "INSERT INTO talks (id, event_id, slug, title) VALUES (21716, 2, 'new-one', 'A new bundled talk');
             UPDATE talks SET title = 'Retitled' WHERE id = 7;
             INSERT INTO speakers (id, name) VALUES (12900, 'ada quill');
             DELETE FROM talk_speakers WHERE talk_id IN (12, 13); DELETE FROM talk_tags WHERE talk_id IN (12, 13);
             DELETE FROM mentions WHERE talk_id IN (12, 13); DELETE FROM talks WHERE id IN (12, 13);"
                .to_string(),
        ));
        let seed: Vec<(&str, &str)> = next.iter().map(|(n, s)| (*n, s.as_str())).collect();
        let new = new_catalogue(&seed).expect("new");
        conn.execute_batch("PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE").expect("begin");
        upgrade_with(&conn, &shipped_now(), &new).expect("upgrade");
        conn.execute_batch("COMMIT").expect("commit");
        let q = |sql: &str| -> String {
            conn.query_row(&format!("SELECT CAST(({sql}) AS TEXT)"), [], |r| r.get::<_, String>(0)).expect(sql)
        };
        assert_eq!(q("SELECT title FROM talks WHERE id = 21716"), "A new bundled talk");
        let mine = q("SELECT id FROM talks WHERE slug = 'mine'");
        assert!(mine.parse::<i64>().expect("id") >= IMPORT_ID_BASE, "{mine}");
        assert_eq!(q("SELECT group_concat(talk_id) FROM notes WHERE body = 'my note'"), mine);
        assert_eq!(q("SELECT group_concat(talk_id) FROM favorites"), mine);
        assert_eq!(q(&format!("SELECT speakers FROM talk_overview WHERE id = {mine}")), "ada quill");
        assert_eq!(q("SELECT count(*) FROM speakers WHERE name = 'ada quill'"), "1");
        assert_eq!(q("SELECT title FROM talks WHERE id = 53"), "Corrected");
        assert_eq!(q("SELECT title FROM talks WHERE id = 7"), "Retitled");
        assert_eq!(q("SELECT count(*) FROM talks WHERE id IN (12, 13)"), "1", "12 has a note, 13 goes");
        assert_eq!(q("SELECT count(*) FROM talks WHERE id = 100"), "0", "a talk the user deleted stays deleted");
        assert_eq!(q("SELECT count(*) FROM pragma_foreign_key_check"), "0");
    }
}
