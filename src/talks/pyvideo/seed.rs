//! The bundled catalogue (`seed/catalogue/*.tsv`) as the importer builds it: the committed
//! facts-only extract (`seed/pyvideo.jsonl.gz`, see `extract.rs`) is imported into an empty
//! in-memory database with the very rules `talkcli import pyvideo` uses, then written out one
//! table a file (`db/seed.rs` says the format). One set of rules in one language;
//! `examples/gen_catalogue.rs` runs it, and a test checks that the committed files are what it
//! writes, byte for byte.
//!
//! Ids never change once shipped (notes and favorites refer to talks by id): every row the
//! previous catalogue has keeps its id, found by its natural key, and new rows are numbered after
//! the highest id in a stable order.

use std::collections::HashMap;
use std::fmt::Write as _;

use anyhow::{Context, Result};
use rusqlite::Connection;
use rusqlite::types::Value;

use crate::engine::import::progress::Progress;
use crate::talks::catalogue::tables::field;
use crate::talks::person_names::person_key;
use crate::talks::pyvideo::extract::read_extract;
use crate::talks::pyvideo::read::Problems;
use crate::talks::pyvideo::{Report, write_events};

/// The generated files, in `seed/catalogue/`, besides which `left_out.tsv` lists what the
/// generator left out of the source (bad fields, as `--skip-bad` would).
pub(crate) const CATALOGUE_FILES: &[&str] =
    &["series.tsv", "events.tsv", "speakers.tsv", "tags.tsv", "talks.tsv", "related_urls.tsv", "left_out.tsv"];

/// The catalogue files for the events `bundled` names (`seed/bundled-events.txt`: one slug a
/// line, or `*` for all) of the extract `extract`, with the event facts `facts`, keeping the ids of
/// `previous` (a database holding the catalogue shipped before, or an empty one): (file, text).
pub fn catalogue_files(
    extract: &str,
    facts: &str,
    bundled: &str,
    previous: &Connection,
) -> Result<Vec<(String, String)>> {
    let (mut events, mut problems) = read_extract(extract, facts)?;
    let wanted: Vec<&str> = bundled.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    if !wanted.contains(&"*") {
        events.retain(|e| wanted.contains(&e.slug.as_str()));
        let kept = |file: &str| wanted.iter().any(|w| file.starts_with(&format!("{w}/")));
        problems.files.retain(|b| kept(&b.file));
        problems.fields.retain(|b| kept(&b.file));
    }
    let conn = Connection::open_in_memory()?;
    crate::engine::db::files::configure(&conn)?;
    let mut report = Report::default();
    write_events(&conn, &events, &mut report, &Progress::new(false, 0, ""))?;
    let ids = Ids::new(&conn, previous)?;
    let mut out = Vec::new();
    for name in CATALOGUE_FILES {
        let text = match *name {
            "left_out.tsv" => left_out(&problems),
            _ => ids.table(&conn, name.trim_end_matches(".tsv"))?,
        };
        out.push(((*name).to_string(), text));
    }
    Ok(out)
}

fn left_out(problems: &Problems) -> String {
    let mut out = String::from("file\tproblem\n");
    for bad in problems.files.iter().chain(&problems.fields) {
        let _ =
            writeln!(out, "{}\t{}", field(&Value::Text(bad.file.clone())), field(&Value::Text(bad.problem.clone())));
    }
    out
}

/// Old id → shipped id, per table.
struct Ids {
    map: HashMap<&'static str, HashMap<i64, i64>>,
}

/// Each entity table: the SQL giving (id, natural key) in the order new ids are handed out.
const KEYS: &[(&str, &str)] = &[
    ("series", "SELECT id, slug FROM series ORDER BY slug"),
    ("events", "SELECT id, slug FROM events ORDER BY year, slug"),
    ("speakers", "SELECT id, name FROM speakers ORDER BY lower(name), name"),
    ("tags", "SELECT id, name FROM tags ORDER BY name"),
    (
        "talks",
        "SELECT t.id, e.slug || '/' || t.slug FROM talks t JOIN events e ON e.id = t.event_id
         ORDER BY e.year, e.slug, t.slug",
    ),
];

impl Ids {
    fn new(conn: &Connection, previous: &Connection) -> Result<Self> {
        let mut map = HashMap::new();
        for (table, sql) in KEYS {
            let key = |name: String| if *table == "speakers" { person_key(&name) } else { name };
            let mut shipped: HashMap<String, i64> = HashMap::new();
            let exists: bool = previous.query_row(
                "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )?;
            if exists {
                let mut stmt = previous.prepare(sql)?;
                for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
                    let (id, name) = row?;
                    shipped.insert(key(name), id);
                }
            }
            let mut next = shipped.values().max().copied().unwrap_or(0) + 1;
            let mut ids = HashMap::new();
            let mut stmt = conn.prepare(sql)?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
                let (id, name) = row?;
                let shipped_id = shipped.get(&key(name)).copied().unwrap_or_else(|| {
                    next += 1;
                    next - 1
                });
                ids.insert(id, shipped_id);
            }
            map.insert(*table, ids);
        }
        Ok(Ids { map })
    }

    fn id(&self, table: &str, old: &Value) -> Value {
        match old {
            Value::Integer(i) => self.map.get(table).and_then(|m| m.get(i)).map_or(Value::Null, |n| Value::Integer(*n)),
            _ => Value::Null,
        }
    }

    /// One table's file: its header, then its rows by (new) id.
    fn table(&self, conn: &Connection, table: &str) -> Result<String> {
        let (columns, refs): (&str, &[(usize, &str)]) = match table {
            "series" => ("id, slug, name", &[(0, "series")]),
            "events" => {
                ("id, slug, name, year, city, start_date, end_date, url, series_id", &[(0, "events"), (8, "series")])
            }
            "speakers" => ("id, name", &[(0, "speakers")]),
            "tags" => ("id, name", &[(0, "tags")]),
            "talks" => (
                "id, event_id, slug, title, kind, recorded, duration, language, video_url, slides_url",
                &[(0, "talks"), (1, "events")],
            ),
            _ => ("talk_id, position, label, url", &[(0, "talks")]),
        };
        let mut stmt = conn.prepare(&format!("SELECT {columns} FROM {table}"))?;
        let n = stmt.column_count();
        let mut rows: Vec<Vec<Value>> = stmt
            .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())?
            .collect::<Result<_, _>>()
            .with_context(|| format!("reading {table}"))?;
        for row in &mut rows {
            for (i, t) in refs {
                row[*i] = self.id(t, &row[*i]);
            }
        }
        let mut header: Vec<String> = columns.split(", ").map(str::to_string).collect();
        if table == "talks" {
            header.extend(["speakers".to_string(), "tags".to_string()]);
            let speakers = self.lists(
                conn,
                "SELECT talk_id, speaker_id FROM talk_speakers ORDER BY talk_id, position",
                "speakers",
                false,
            )?;
            let tags = self.lists(conn, "SELECT talk_id, tag_id FROM talk_tags", "tags", true)?;
            for row in &mut rows {
                let id = int(&row[0]);
                row.push(Value::Text(speakers.get(&id).cloned().unwrap_or_default()));
                row.push(Value::Text(tags.get(&id).cloned().unwrap_or_default()));
            }
        }
        rows.sort_by_key(|r| (int(&r[0]), r.get(1).map(int).unwrap_or(0)));
        let mut out = header.join("\t");
        out.push('\n');
        for row in rows {
            let line: Vec<String> = row.iter().map(field).collect();
            out.push_str(&line.join("\t"));
            out.push('\n');
        }
        Ok(out)
    }

    /// talk (new id) → its comma-separated new ids of `table`; sorted when the order means nothing.
    fn lists(&self, conn: &Connection, sql: &str, table: &str, sort: bool) -> Result<HashMap<i64, String>> {
        let mut by_talk: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut stmt = conn.prepare(sql)?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (talk, other) = row?;
            let talk = int(&self.id("talks", &Value::Integer(talk)));
            by_talk.entry(talk).or_default().push(int(&self.id(table, &Value::Integer(other))));
        }
        Ok(by_talk
            .into_iter()
            .map(|(talk, mut ids)| {
                if sort {
                    ids.sort_unstable();
                }
                (talk, ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
            })
            .collect())
    }
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Integer(i) => *i,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use crate::talks::pyvideo::seed::*;
    use std::io::Read as _;
    use std::path::Path;

    fn root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    fn read(path: &str) -> String {
        std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The committed catalogue is exactly what the importer's rules make of the committed extract:
    /// change a rule or the extract and this fails until `cargo run --example gen_catalogue` is run.
    #[test]
    fn the_committed_catalogue_is_what_the_importer_generates() {
        let mut extract = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(root().join("seed/pyvideo.jsonl.gz")).expect("extract"))
            .read_to_string(&mut extract)
            .expect("gunzip");
        let mut previous = Connection::open_in_memory().expect("db");
        crate::talks::catalogue::load_catalogue(&mut previous).expect("committed catalogue");
        let files =
            catalogue_files(&extract, &read("seed/event-facts.tsv"), &read("seed/bundled-events.txt"), &previous)
                .expect("generate");
        for (name, generated) in files {
            let committed = read(&format!("seed/catalogue/{name}"));
            if generated != committed {
                let first = generated.lines().zip(committed.lines()).position(|(a, b)| a != b).unwrap_or(0);
                panic!(
                    "seed/catalogue/{name} is out of date (first difference at line {}):\n  generated: {}\n  committed: {}\nrun `cargo run --example gen_catalogue`",
                    first + 1,
                    generated.lines().nth(first).unwrap_or("(end)"),
                    committed.lines().nth(first).unwrap_or("(end)")
                );
            }
        }
    }

    /// The extract holds facts only: none of pyvideo's description or summary prose.
    #[test]
    fn the_extract_is_facts_only() {
        let mut extract = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(root().join("seed/pyvideo.jsonl.gz")).expect("extract"))
            .read_to_string(&mut extract)
            .expect("gunzip");
        let (mut events, mut talks) = (0, 0);
        for line in extract.lines() {
            let obj: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line).expect("json");
            let allowed: &[&str] = if obj.contains_key("event") {
                events += 1;
                &["event", "title", "url", "start_date", "end_date"]
            } else {
                talks += 1;
                &["file", "title", "speakers", "recorded", "duration", "language", "tags", "videos", "related_urls"]
            };
            assert!(obj.keys().all(|k| allowed.contains(&k.as_str())), "{line}");
        }
        assert_eq!((events, talks), (540, 21_715));
    }
}
