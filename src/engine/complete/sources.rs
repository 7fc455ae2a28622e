//! Value sources: the sets of names command arguments complete to, registered by packs (pgcli's
//! refreshers). The engine knows none of them by name: a pack declares each source's table, the
//! query that reads it and the one that fingerprints it, and a command's declaration asks for a
//! source by its name (`Offer::Source("speakers")`).

use rusqlite::Connection;

pub use crate::engine::command::value_source::{Shape, Source};
use crate::engine::complete::name_index::Names;
use crate::engine::complete::schema::{Table, strings};
use crate::engine::sql::quote;

/// The values of one source, as read.
#[derive(Debug, Clone, Default)]
pub enum Set {
    #[default]
    Empty,
    Names(Names),
    List(Vec<String>),
    Pairs(Vec<(i64, String)>),
}

static SOURCES: std::sync::OnceLock<Vec<&'static Source>> = std::sync::OnceLock::new();

/// The installed packs' sources, in registration order: their index is their place in `Values`.
pub fn all() -> &'static [&'static Source] {
    SOURCES.get_or_init(|| crate::engine::command::packs().iter().flat_map(|p| p.sources.iter()).collect())
}

/// The index of the source called `name`.
pub fn index(name: &str) -> Option<usize> {
    all().iter().position(|s| s.name == name)
}

/// Which sources to read: one bit per registered source (`--complete` reads only what its one
/// argument needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts(u64);

impl Parts {
    pub const ALL: Parts = Parts(u64::MAX);
    pub const NONE: Parts = Parts(0);

    /// The source called `name` alone (none when no pack registered it).
    pub fn of(name: &str) -> Parts {
        index(name).map_or(Parts::NONE, |i| Parts(1 << i))
    }

    pub fn has(self, i: usize) -> bool {
        i < 64 && self.0 & (1 << i) != 0
    }

    pub fn with(self, other: Parts) -> Parts {
        Parts(self.0 | other.0)
    }
}

/// What each source held when read (rows, highest id, total length of the names).
pub type Prints = Vec<Option<(i64, i64, i64)>>;

/// The values command arguments complete to: one set per registered source.
#[derive(Debug, Clone, Default)]
pub struct Values {
    sets: Vec<Set>,
    /// Each source's fingerprint when read, same order: a reload reads again only the sources
    /// whose print moved.
    pub prints: Prints,
}

/// Which of the sources in `wanted` have their table among the `main` or `temp` tables.
pub(crate) fn present(tables: &[Table], wanted: Parts) -> Parts {
    let has = |name: &str| {
        tables.iter().any(|t| (t.schema == "main" || t.schema == "temp") && t.name.eq_ignore_ascii_case(name))
    };
    let mut bits = 0;
    for (i, s) in all().iter().enumerate() {
        if wanted.has(i) && !s.table.is_empty() && has(s.table) {
            bits |= 1 << i;
        }
    }
    Parts(bits)
}

impl Values {
    /// The set of the source called `name` (empty when unknown or not read).
    pub fn set(&self, name: &str) -> &Set {
        static EMPTY: Set = Set::Empty;
        index(name).and_then(|i| self.sets.get(i)).unwrap_or(&EMPTY)
    }

    /// How many values the source called `name` holds.
    pub fn count(&self, name: &str) -> usize {
        match self.set(name) {
            Set::Empty => 0,
            Set::Names(n) => n.len(),
            Set::List(l) => l.len(),
            Set::Pairs(p) => p.len(),
        }
    }

    /// Puts `set` in place for the source called `name` (tests and benchmarks build values by
    /// hand).
    pub fn put(&mut self, name: &str, set: Set) {
        if let Some(i) = index(name) {
            if self.sets.len() <= i {
                self.sets.resize(i + 1, Set::Empty);
            }
            self.sets[i] = set;
        }
    }

    /// Reads the sources of `parts` whose fingerprint differs from `old`; returns them with the
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
        let n = all().len();
        let mut prints: Prints = vec![None; n];
        let mut read = 0u64;
        for (i, s) in all().iter().enumerate() {
            if parts.has(i) && !s.print.is_empty() && go() {
                prints[i] = conn.query_row(s.print, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).ok();
                if prints[i].is_none() || prints[i] != old.get(i).copied().flatten() {
                    read |= 1 << i;
                }
            }
        }
        let read = Parts(read);
        let mut v = Values::load_while(conn, read, go);
        v.prints = prints;
        (v, read)
    }

    /// Puts the parts `read` of `new` in place of these, with all of `new`'s prints.
    pub fn merge(&mut self, new: Values, read: Parts) {
        let n = all().len();
        self.sets.resize(n, Set::Empty);
        for (i, set) in new.sets.into_iter().enumerate() {
            if read.has(i) && i < n {
                self.sets[i] = set;
            }
        }
        self.prints = new.prints;
    }

    /// Reads the sources named in `parts`; a missing table leaves its set empty.
    pub fn load(conn: &Connection, parts: Parts) -> Values {
        Values::load_while(conn, parts, &|| true)
    }

    fn load_while(conn: &Connection, parts: Parts, go: &dyn Fn() -> bool) -> Values {
        let sets = all()
            .iter()
            .enumerate()
            .map(|(i, s)| if parts.has(i) && go() { read(conn, s) } else { Set::Empty })
            .collect();
        Values { sets, prints: Vec::new() }
    }
}

fn read(conn: &Connection, src: &Source) -> Set {
    match src.shape {
        Shape::Names => Set::Names(Names::new(strings(conn, src.read))),
        Shape::Ordered => Set::List(strings(conn, src.read)),
        Shape::Counted(_) => {
            // A count rides where a title's id does. Without the table the count comes from (a
            // database of the user's own with just a `speakers` table), the names alone, with
            // no count (-1) to show.
            let (counts, names) = match pairs(conn, src.read, false) {
                Ok(rows) => rows.into_iter().unzip(),
                Err(_) => {
                    let names = strings(conn, &format!("SELECT name FROM {}", quote::ident(src.table)));
                    (vec![-1; names.len()], names)
                }
            };
            Set::Names(Names::with_ids(names, counts))
        }
        Shape::Titled => {
            let (ids, names) = pairs(conn, src.read, true).unwrap_or_default().into_iter().unzip();
            Set::Names(Names::with_ids(names, ids))
        }
        Shape::Numbered => Set::Pairs(pairs(conn, src.read, true).unwrap_or_default()),
        // Offered straight from the declaration: there is nothing to read.
        Shape::Fixed(_) => Set::Empty,
    }
}

/// (number, text) rows, the number first (`id_first`) or second; rows with no text are left out.
fn pairs(conn: &Connection, sql: &str, id_first: bool) -> rusqlite::Result<Vec<(i64, String)>> {
    let (n, t) = if id_first { (0, 1) } else { (1, 0) };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(n)?, r.get::<_, Option<String>>(t)?)))?;
    Ok(rows.filter_map(|r| r.ok()).filter_map(|(id, t)| Some((id, t?))).collect())
}

#[cfg(test)]
mod tests {
    use crate::engine::complete::sources::*;

    #[test]
    fn a_reload_reads_only_the_sources_that_changed() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(
            "CREATE TABLE speakers(id INTEGER PRIMARY KEY, name); CREATE TABLE tags(id INTEGER PRIMARY KEY, name);
             CREATE TABLE talk_speakers(talk_id, speaker_id);
             INSERT INTO speakers(name) VALUES ('Ada'); INSERT INTO tags(name) VALUES ('async');",
        )
        .expect("ddl");
        let parts = Parts::of("speakers").with(Parts::of("tags"));
        let (first, read) = Values::load_changed(&conn, parts, &Vec::new());
        assert_eq!(read, parts, "nothing known yet: everything is read");
        conn.execute_batch("UPDATE speakers SET name = 'Ada Lovelace'").expect("update");
        let (second, read) = Values::load_changed(&conn, parts, &first.prints);
        assert_eq!(read, Parts::of("speakers"), "a renamed speaker is noticed, tags are kept");
        let Set::Names(names) = second.set("speakers") else { panic!("speakers are names") };
        assert_eq!(names.iter().collect::<Vec<_>>(), ["Ada Lovelace"]);
        let mut values = first.clone();
        values.merge(second, read);
        assert_eq!((values.count("speakers"), values.count("tags")), (1, 1));
        let (_, read) = Values::load_changed(&conn, parts, &values.prints);
        assert_eq!(read, Parts::NONE);
    }

    #[test]
    fn sources_are_read_only_where_their_table_is() {
        let t = |name: &str| Table {
            schema: "main".into(),
            name: name.into(),
            is_view: false,
            columns: vec![],
            types: vec![],
        };
        assert_eq!(present(&[t("speakers")], Parts::ALL), Parts::of("speakers"));
        assert_eq!(present(&[t("other")], Parts::ALL), Parts::NONE);
    }
}
