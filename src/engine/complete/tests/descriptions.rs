//! The list's descriptions beside candidates: column types and row counts.

use crate::engine::complete::tests::fixture;
use crate::engine::complete::{Options, complete};

/// The list's descriptions: a column's declared type (from the statement's table when two
/// tables disagree), a table's row count when known.
#[test]
fn candidates_carry_column_types_and_row_counts() {
    let mut snap = fixture();
    for t in &mut snap.tables {
        t.types = t.columns.iter().map(|c| if c == "id" { "INTEGER".into() } else { String::new() }).collect();
        if t.name == "talks" {
            t.types = vec!["INTEGER".into(), "INT".into(), "TEXT".into(), "TEXT".into(), "REAL".into()];
        }
        if t.name == "events" {
            t.types[1] = "VARCHAR(80)".into();
        }
    }
    snap.rows.insert(("main".into(), "talks".into()), "21,715 rows".into());
    let notes = |buf: &str| -> Vec<(String, Option<String>)> {
        let found = complete(buf, buf.len(), &snap, &Options::default());
        found.candidates.into_iter().map(|c| (c.text, c.note)).collect()
    };
    let note = |list: &[(String, Option<String>)], text: &str| {
        list.iter().find(|(t, _)| t == text).and_then(|(_, n)| n.clone())
    };
    let got = notes("select * from talks where ti");
    assert_eq!(note(&got, "title").as_deref(), Some("TEXT"), "{got:?}");
    let got = notes("select * from events where na");
    assert_eq!(note(&got, "name").as_deref(), Some("VARCHAR(80)"), "the statement's table: {got:?}");
    let got = notes("select * from talks where i");
    assert_eq!(note(&got, "id").as_deref(), Some("INTEGER"), "{got:?}");
    let got = notes("select * from ta");
    assert_eq!(note(&got, "talks").as_deref(), Some("21,715 rows"), "{got:?}");
    assert_eq!(note(&got, "talk_speakers"), None, "not counted: no note");
}
