//! Ranking a search with many matches on several connections at once. bm25 reads one record per
//! match (the row's length, from `talk_search_docsize`): about 50 ms on one core for a word that
//! 62,500 talks of a million contain. What bm25 takes from beyond the row (each phrase's IDF, the
//! average length) FTS5 computes over the whole table, whatever the rowid constraint, so matches
//! split into rowid ranges get the very scores they get together, and the best 50 of the ranges'
//! best 50 by (score, rowid) are the best 50 of all: the same page, in the same order.

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use rusqlite::Connection;

use crate::engine::session::Session;

/// One range of the matches of ?1, rowids ?2 to ?3, ranked: its best ?4 (the page asked for and
/// every page before it).
pub(crate) const RANK_SQL: &str = "
SELECT rowid, bm25(talk_search) FROM talk_search
WHERE talk_search MATCH ?1 AND rowid BETWEEN ?2 AND ?3
ORDER BY 2, 1
LIMIT ?4";

/// The page for the talks in `best(id)`, in `$order`, with their snippets: the second step of
/// both ways of ranking. `+rowid` keeps the id list from becoming an FTS5 rowid constraint, which
/// re-reads the whole doclist once per id; the range of the ids is one, so only the matches within
/// it are read.
macro_rules! page_of_best {
    ($order:literal) => {
        concat!(
            "
SELECT t.id, t.title, e.year, s.snippet
FROM best
JOIN (SELECT rowid AS id,
             snippet(talk_search, -1, '[', ']', '…', ?2) AS snippet
      FROM talk_search
      WHERE talk_search MATCH ?1
        AND rowid BETWEEN (SELECT min(id) FROM best)
                      AND (SELECT max(id) FROM best)
        AND +rowid IN (SELECT id FROM best)) s ON s.id = best.id
JOIN talks t ON t.id = best.id
JOIN events e ON e.id = t.event_id
ORDER BY ",
            $order
        )
    };
}
pub(crate) use page_of_best;

/// The page for talks already ranked (?3: their ids as a JSON array, best first).
pub(crate) const PAGE_SQL: &str =
    concat!("\nWITH best(pos, id) AS MATERIALIZED (SELECT key, value FROM json_each(?3))", page_of_best!("best.pos"));

/// When ranking is split, and into how many parts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split {
    /// Fewer matches than this rank on one connection: a thread would cost more than it saves.
    pub min_matches: i64,
    /// Connections ranking at once, one rowid range each: the session's and `parts - 1` readers.
    pub parts: usize,
}

impl Split {
    /// Up to 4 parts, one per CPU; 20,000 matches take about 16 ms on one.
    pub(crate) fn for_this_machine() -> Split {
        // Asked once: on Linux the answer reads cgroup files.
        static CPUS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
        let cpus = *CPUS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        Split { min_matches: 20_000, parts: cpus.min(4) }
    }
}

/// The outcome of a split ranking.
pub(crate) struct Ranked {
    /// The best `through` talks' ids, best first.
    pub ids: Vec<i64>,
    /// Each connection's rowid range.
    pub ranges: Vec<(i64, i64)>,
    pub elapsed: Duration,
}

/// Ranks the best `through` matches of `fts` split by rowid on several connections, or says (`None`) that the
/// session's connection should rank them alone: few matches, one CPU, an in-memory or temporary
/// database, a `talk_search` of its own in `temp`, an open transaction (other connections cannot see
/// its writes), a reader that cannot open or fails, or another connection committing meanwhile.
pub(crate) fn rank(s: &mut Session, fts: &str, split: Split, through: u64) -> Result<Option<Ranked>> {
    let through = i64::try_from(through).unwrap_or(i64::MAX);
    let start = Instant::now();
    if split.parts < 2 || !s.conn.is_autocommit() {
        return Ok(None);
    }
    let Some(path) = crate::engine::readers::main_file(&s.conn) else { return Ok(None) };
    let conn = &s.conn;
    let one = |sql: &str, params: &[&dyn rusqlite::ToSql]| conn.query_row(sql, params, |r| r.get::<_, i64>(0));
    let shadowed = one("SELECT count(*) FROM temp.sqlite_schema WHERE name = 'talk_search' COLLATE NOCASE", &[])?;
    let enough = "SELECT count(*) FROM (SELECT 1 FROM talk_search WHERE talk_search MATCH ?1 LIMIT ?2)";
    if shadowed > 0 || one(enough, &[&fts, &split.min_matches])? < split.min_matches.max(1) {
        return Ok(None);
    }
    let lo = one("SELECT rowid FROM talk_search WHERE talk_search MATCH ?1 ORDER BY rowid LIMIT 1", &[&fts])?;
    let hi = one("SELECT rowid FROM talk_search WHERE talk_search MATCH ?1 ORDER BY rowid DESC LIMIT 1", &[&fts])?;
    let ranges = ranges(lo, hi, split.parts);
    if ranges.len() < 2 {
        return Ok(None);
    }
    let version = data_version(&s.conn)?;
    let Some(readers) = s.readers.get(&path, ranges.len() - 1) else { return Ok(None) };

    crate::engine::interrupt::clear();
    let handles: Vec<_> = readers.iter().map(Connection::get_interrupt_handle).collect();
    // The session's connection ranks the first range, a reader on a thread of its own each other.
    let (mine, parts) = std::thread::scope(|scope| {
        // Each reader's thread holds a sender: the channel closes when the last ends, even by a panic.
        let (running, watch) = std::sync::mpsc::channel::<()>();
        let workers: Vec<_> = readers
            .iter_mut()
            .zip(&ranges[1..])
            .map(|(reader, &range)| {
                let running = running.clone();
                scope.spawn(move || {
                    let _running = running;
                    rank_range(reader, fts, range, through)
                })
            })
            .collect();
        drop(running);
        let mine = rank_range(&s.conn, fts, ranges[0], through);
        // Ctrl-C interrupts the session's connection only: the readers are told here.
        if mine.is_err() || crate::engine::interrupt::pending() {
            handles.iter().for_each(|h| h.interrupt());
        }
        while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = watch.recv_timeout(Duration::from_millis(20)) {
            if crate::engine::interrupt::pending() {
                handles.iter().for_each(|h| h.interrupt());
            }
        }
        let theirs: Vec<_> =
            workers.into_iter().map(|w| w.join().unwrap_or(Err(rusqlite::Error::InvalidQuery))).collect();
        (mine, theirs)
    });
    let mut best = mine.map_err(|e| anyhow!(crate::engine::error::sql_error_message(&e)))?;
    if crate::engine::interrupt::pending() {
        return Err(anyhow!("interrupted"));
    }
    for part in parts {
        match part {
            Ok(rows) => best.extend(rows),
            // A reader failed where the session's connection may not (a lock, a file it cannot
            // read): the session's connection ranks alone.
            Err(_) => return Ok(None),
        }
    }
    if data_version(&s.conn)? != version {
        return Ok(None);
    }
    Ok(Some(Ranked { ids: best_of(best, through), ranges, elapsed: start.elapsed() }))
}

/// (score, rowid) of one range's best.
type Scored = (Option<f64>, i64);

fn rank_range(conn: &Connection, fts: &str, (from, to): (i64, i64), through: i64) -> rusqlite::Result<Vec<Scored>> {
    let mut st = conn.prepare_cached(RANK_SQL)?;
    let rows = st.query_map(rusqlite::params![fts, from, to, through], |r| Ok((r.get(1)?, r.get(0)?)))?;
    rows.collect()
}

/// The best `through` ids of all ranges, in SQLite's `ORDER BY score, rowid` order (NULL first; equal
/// scores, -0.0 and 0.0 included, by rowid).
fn best_of(mut scored: Vec<Scored>, through: i64) -> Vec<i64> {
    scored.sort_by(|(a, x), (b, y)| {
        let by_score = match (a, b) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, Some(_)) => std::cmp::Ordering::Less,
            (Some(_), None) => std::cmp::Ordering::Greater,
            (Some(a), Some(b)) => a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal),
        };
        by_score.then(x.cmp(y))
    });
    scored.into_iter().take(usize::try_from(through).unwrap_or(usize::MAX)).map(|(_, id)| id).collect()
}

/// `parts` consecutive rowid ranges of about equal width covering `lo..=hi`.
fn ranges(lo: i64, hi: i64, parts: usize) -> Vec<(i64, i64)> {
    let width = i128::from(hi) - i128::from(lo) + 1;
    let parts = i128::try_from(parts).unwrap_or(1).clamp(1, width.max(1));
    let edge = |i: i128| i128::from(lo) + width * i / parts;
    let rowid = |x: i128| i64::try_from(x).unwrap_or(hi);
    (0..parts).map(|i| (rowid(edge(i)), rowid(edge(i + 1) - 1))).collect()
}

/// Changes when another connection commits: the readers saw what the session sees only if it did
/// not change while they read.
fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use crate::talks::search_rank::*;

    #[test]
    fn ranges_cover_the_rowids_once() {
        assert_eq!(ranges(1, 10, 2), vec![(1, 5), (6, 10)]);
        assert_eq!(ranges(16, 1_000_000, 3), vec![(16, 333_343), (333_344, 666_671), (666_672, 1_000_000)]);
        assert_eq!(ranges(5, 6, 4), vec![(5, 5), (6, 6)]);
        assert_eq!(ranges(7, 7, 2), vec![(7, 7)]);
        assert_eq!(ranges(i64::MIN, i64::MAX, 2), vec![(i64::MIN, -1), (0, i64::MAX)]);
    }

    #[test]
    fn the_best_are_ordered_as_sqlite_orders_them() {
        let scored =
            vec![(Some(-1.0), 9), (Some(0.0), 1), (None, 5), (Some(-2.0), 7), (Some(-1.0), 3), (Some(-0.0), 0)];
        assert_eq!(best_of(scored.clone(), 50), vec![5, 7, 3, 9, 0, 1]);
        assert_eq!(best_of(scored, 2), vec![5, 7]);
        let many: Vec<Scored> = (0..120).rev().map(|i| (Some(-1.0), i)).collect();
        assert_eq!(best_of(many, 50), (0..50).collect::<Vec<_>>());
    }
}
