//! The speaker-name index finds exactly what the scan finds.

use rusqlite::Connection;

use crate::talks::shortcuts::{SPEAKER_ANY_INDEXED_SQL, SPEAKER_ANY_SQL, SPEAKER_INDEXED_SQL, SPEAKER_SQL};
use crate::talks::unaccent::unaccent;

fn catalogue() -> Connection {
    let mut conn = Connection::open_in_memory().expect("db");
    crate::talks::unaccent::register(&conn).expect("unaccent");
    crate::talks::catalogue::load_catalogue(&mut conn).expect("catalogue");
    conn.execute_batch(
        "INSERT INTO speakers (id, name) VALUES (900001, 'Zoë Ångström'), (900002, 'Jürgen Straße'),
             (900003, 'Иван Ёжиков'), (900004, 'Rene' || char(769) || ' Combining'), (900005, 'ＦＵＬＬ Width'),
             (900006, 'O''Connor 100%_x'), (900007, 'ŁUKASZ UPPER');
         INSERT INTO talk_speakers (talk_id, speaker_id, position)
             SELECT 1, id, 10 + id - 900000 FROM speakers WHERE id > 900000;",
    )
    .expect("speakers");
    conn
}

/// (speaker, talk id) rows of `sql` for `text`, and whether the existence check agrees.
fn found(conn: &Connection, sql: &str, any_sql: &str, text: &str, indexed: bool) -> Vec<(String, i64)> {
    let folded = unaccent(text);
    let like = folded.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let mut params = vec![text.to_string(), like];
    if indexed {
        params.push(format!("\"{}\"", folded.replace('"', "\"\"")));
    }
    let mut st = conn.prepare(sql).expect("prepare");
    let rows: Vec<(String, i64)> = st
        .query_map(rusqlite::params_from_iter(params.iter()), |r| Ok((r.get(0)?, r.get(2)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    let any: bool = conn.query_row(any_sql, rusqlite::params_from_iter(params.iter()), |r| r.get(0)).expect("exists");
    assert_eq!(any, !rows.is_empty(), "{text}");
    rows
}

#[test]
fn the_index_finds_the_same_speakers_as_the_scan_ignoring_accents_and_case() {
    let conn = catalogue();
    let cases = [
        "lukasz",
        "LANGA",
        "łukasz langa",
        "zoe ang",
        "ÅNGSTRÖM",
        "strasse",
        "jurgen",
        "иван",
        "ёжик",
        "rené",
        "rene",
        "full",
        "ＦＵＬＬ",
        "ＦＵＬＬ wi",
        "o'connor",
        "100%_",
        "0%_",
        "ukasz upp",
        "nobody at all",
        "ned",
        "van",
    ];
    // (The command looks for text of fewer than three letters by a scan: the index cannot.)
    for text in cases {
        let scan = found(&conn, SPEAKER_SQL, SPEAKER_ANY_SQL, text, false);
        let index = found(&conn, SPEAKER_INDEXED_SQL, SPEAKER_ANY_INDEXED_SQL, text, true);
        assert_eq!(index, scan, "{text}");
    }
    let names = |text| {
        let mut v: Vec<String> =
            found(&conn, SPEAKER_INDEXED_SQL, SPEAKER_ANY_INDEXED_SQL, text, true).into_iter().map(|r| r.0).collect();
        v.dedup();
        v
    };
    // Every "lukasz", however spelt, and nothing else: the catalogue holds both "Lukasz" and "Łukasz".
    let lukasz = names("lukasz");
    for name in ["Łukasz Langa", "ŁUKASZ UPPER", "Lukasz Czarnecki", "Łukasz Czarnecki"] {
        assert!(lukasz.iter().any(|n| n == name), "{name} missing from {lukasz:?}");
    }
    assert!(lukasz.iter().all(|n| unaccent(n).to_lowercase().contains("lukasz")), "{lukasz:?}");
    assert_eq!(names("zoe ang"), ["Zoë Ångström"]);
    assert_eq!(names("ＦＵＬＬ wi"), ["ＦＵＬＬ Width"]);
    assert!(names("nobody at all").is_empty());
}
