//! Ranking split across connections draws exactly the page one connection draws, on a synthetic
//! catalogue with more matches than the split needs and score ties that cross the ranges.

use std::path::Path;

use rusqlite::Connection;

use crate::engine::command::words::{Takes, parse};
use crate::engine::output::Output;
use crate::engine::session::Session;
use crate::engine::settings::Settings;
use crate::engine::style::Palette;
use crate::talks::search::{as_words, search_split};
use crate::talks::search_rank::Split;

const ONE: Split = Split { min_matches: i64::MAX, parts: 1 };
const SPLIT: Split = Split { min_matches: 1_000, parts: 3 };

/// 12,000 talks beside the bundled ones. 30 of them, spread over all ids, score best for `fast`
/// (the word twice in a short title) and tie; the 20 more a page needs come from the next group
/// of equal scores, so the rowid breaks the tie; lengths vary for the rest.
const SYNTHETIC: &str = "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)
INSERT INTO talks (id, event_id, slug, title)
SELECT 500000 + i * 7, (SELECT min(id) FROM events), 'synthetic-' || i,
       CASE WHEN i % 400 = 0 THEN 'Fast fast code'
            WHEN i % 5 = 1 THEN 'Fast code ' || (i % 11)
            WHEN i % 5 = 2 THEN 'Making code fast, and its tests ' || (i % 13)
            WHEN i % 5 = 3 THEN 'Slow code'
            ELSE 'Fast and slow: a long title about code, number ' || (i % 3) END
FROM n;
";

fn catalogue(path: &Path) {
    let mut conn = Connection::open(path).expect("db");
    crate::engine::command::register_functions(&conn).expect("functions");
    crate::talks::catalogue::load_catalogue(&mut conn).expect("catalogue");
    conn.execute_batch(SYNTHETIC).expect("synthetic talks");
    conn.execute_batch(crate::talks::catalogue::REBUILD_SEARCH).expect("search index");
}

fn session(path: &Path) -> Session {
    let conn = Connection::open(path).expect("db");
    crate::engine::command::register_functions(&conn).expect("functions");
    Session::new(conn, Settings::default(), Output::stdout(), path.display().to_string(), Palette::new(false))
}

/// What `\search[+] WORDS` prints, ranked as `split` says.
fn search(s: &mut Session, out: &Path, words: &str, plus: bool, split: Split) -> String {
    s.out.to_file(out).expect("output file");
    let mut inv = parse(&format!("\\search {words}"), Takes::Text).expect("parse");
    inv.show_sql = plus;
    search_split(s, &inv, split).expect("search");
    s.out.to_stdout().expect("back to stdout");
    std::fs::read_to_string(out).expect("output")
}

#[test]
fn a_split_ranking_draws_the_page_one_connection_draws() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, out) = (dir.path().join("synthetic.db"), dir.path().join("out.txt"));
    catalogue(&db);
    let mut s = session(&db);
    for words in ["fast", "code", "\"fast code\"", "fast NOT slow", "title:fast OR slow", "fas*", "fast -code"] {
        let one = search(&mut s, &out, words, false, ONE);
        let split = search(&mut s, &out, words, false, SPLIT);
        assert_eq!(split, one, "{words}");
        assert_eq!(one.lines().filter(|l| l.starts_with("| ")).count(), 51, "a header and 50 talks: {one}");
        // The split form was the one that ran, and says so.
        let shown = search(&mut s, &out, words, true, SPLIT);
        assert!(shown.contains("-- 1000 matches or more: ranked on 3 connections at once,"), "{words}: {shown}");
        assert!(shown.ends_with(&one), "{words}");
    }
    let top = search(&mut s, &out, "fast", false, SPLIT);
    let ids: Vec<&str> = top.lines().skip(3).take(3).map(|l| l.split('|').nth(1).unwrap_or("").trim()).collect();
    assert_eq!(ids, ["502800", "505600", "508400"], "the tied best, lowest id first: {top}");
    // Few matches: one connection, whatever the machine.
    let few = search(&mut s, &out, "\"fast fast\"", true, SPLIT);
    assert!(!few.contains("connections at once"), "{few}");
}

#[test]
fn bm25_over_a_rowid_range_scores_as_over_the_whole_table() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("synthetic.db");
    catalogue(&db);
    let conn = Connection::open(&db).expect("db");
    let scores = |range: &str| -> Vec<(i64, u64)> {
        let sql = format!(
            "SELECT rowid, bm25(talk_search) FROM talk_search WHERE talk_search MATCH 'fast OR code' {range} ORDER BY rowid"
        );
        let mut st = conn.prepare(&sql).expect("prepare");
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get::<_, f64>(1)?.to_bits()))).expect("query");
        rows.map(|r| r.expect("row")).collect()
    };
    let whole = scores("");
    let mut parts = scores("AND rowid BETWEEN 0 AND 530000");
    parts.extend(scores("AND rowid BETWEEN 530001 AND 10000000"));
    assert!(whole.len() > 10_000);
    assert_eq!(parts, whole);
}

#[test]
fn an_open_transaction_ranks_on_the_session_connection_and_sees_its_writes() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, out) = (dir.path().join("synthetic.db"), dir.path().join("out.txt"));
    catalogue(&db);
    let mut s = session(&db);
    s.conn
        .execute_batch(
            "BEGIN;
             INSERT INTO talks (id, event_id, slug, title) SELECT 900001, min(id), 'uncommitted', 'Fast fast fast' FROM events;
             INSERT INTO talk_search (rowid, title) VALUES (900001, 'Fast fast fast');",
        )
        .expect("write");
    let page = search(&mut s, &out, "fast", true, SPLIT);
    assert!(!page.contains("connections at once"), "{page}");
    assert!(
        page.lines()
            .nth(page.lines().position(|l| l.contains("| id")).unwrap_or(0) + 2)
            .is_some_and(|l| l.contains("900001")),
        "{page}"
    );
    s.conn.execute_batch("ROLLBACK").expect("rollback");
    let page = search(&mut s, &out, "fast", true, SPLIT);
    assert!(page.contains("connections at once") && !page.contains("900001"), "{page}");
}

#[test]
fn natural_text_becomes_fts5_strings() {
    let cases: &[(&str, &str)] = &[
        ("it's c++", "\"it's\" \"c++\""),
        ("-gil AND", "\"-gil\" \"AND\""),
        ("dict* **", "\"dict\"*"),
        ("*", ""),
        ("\"grok the", "\"grok\" \"the\""),
        ("nocolumn:x", "\"nocolumn:x\""),
    ];
    for (query, want) in cases {
        assert_eq!(as_words(query), *want, "{query}");
    }
}
