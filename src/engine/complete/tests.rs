//! The engine against a fixture schema, one case per context the issue names.

use crate::engine::complete::name_index::Names;
use crate::engine::complete::snapshot::{ForeignKey, Table};
use crate::engine::complete::sources::{Set, Values};
use crate::engine::complete::*;

fn table(name: &str, cols: &[&str]) -> Table {
    Table {
        schema: "main".into(),
        name: name.into(),
        is_view: false,
        columns: cols.iter().map(|c| c.to_string()).collect(),
        types: Vec::new(),
    }
}

fn names(list: &[&str]) -> Names {
    Names::new(list.iter().map(|s| s.to_string()).collect())
}

/// The talks pack's values: speakers with their talk counts, tags, events, titles, write-ups.
fn values() -> Values {
    let mut v = Values::default();
    let speakers = ["Brett Cannon", "Guido van Rossum", "Ned Batchelder", "Łukasz Langa"].map(String::from).to_vec();
    v.put("speakers", Set::Names(Names::with_ids(speakers, vec![3, 1, 12, 2])));
    v.put("tags", Set::Names(names(&["async", "testing"])));
    v.put("events", Set::List(["PyCon US 2016", "2016"].map(String::from).to_vec()));
    let titles = Names::with_ids(vec!["Grok the GIL".into(), "Getting Started Testing".into()], vec![283, 53]);
    v.put("titles", Set::Names(titles));
    v.put("writeups", Set::Pairs(vec![(1, "Notes from PyCon".into()), (2, "My first PyCon".into())]));
    v
}

fn fixture() -> Snapshot {
    Snapshot {
        tables: vec![
            table("events", &["id", "name", "year"]),
            table("my table", &["a", "b c"]),
            table("speakers", &["id", "name"]),
            table("talk_overview", &["id", "title", "speakers"]),
            table("talk_speakers", &["talk_id", "speaker_id", "position"]),
            table("talks", &["id", "event_id", "title", "kind", "duration"]),
            table("users", &["id", "email", "display_name"]),
            Table { schema: "temp".into(), ..table("scratch", &["note"]) },
            Table { schema: "bk".into(), ..table("old_talks", &["id", "title"]) },
            Table { is_view: true, ..table("latest_talks", &["id", "title"]) },
        ],
        functions: ["count", "lower", "max", "substr"].map(String::from).to_vec(),
        values: values(),
        named_queries: vec!["recent".into()],
        schemas: vec!["main".into(), "temp".into(), "bk".into()],
        foreign_keys: vec![
            ForeignKey {
                from: "talks".into(),
                from_cols: vec!["event_id".into()],
                to: "events".into(),
                to_cols: vec!["id".into()],
            },
            ForeignKey {
                from: "talk_speakers".into(),
                from_cols: vec!["talk_id".into()],
                to: "talks".into(),
                to_cols: vec!["id".into()],
            },
            ForeignKey {
                from: "talk_speakers".into(),
                from_cols: vec!["speaker_id".into()],
                to: "speakers".into(),
                to_cols: vec![],
            },
        ],
        pragmas: ["foreign_keys", "table_info", "user_version"].map(String::from).to_vec(),
        indexes: vec![("main".into(), "talks_event".into())],
        triggers: vec![("main".into(), "talks_touch".into())],
        ..Snapshot::default()
    }
}

/// The options the tests complete with: keyword case `auto`, except that with nothing typed at
/// the cursor keywords come upper case (as the grammar writes them) rather than in the case of
/// the statement's last keyword, which `keywords_follow_the_case_of_the_statement` tests.
fn opts(buf: &str, cursor: usize) -> Options {
    let typing = buf[..cursor].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
    let keyword_case = if typing { KeywordCase::Auto } else { KeywordCase::Upper };
    Options { limit: 10_000, keyword_case }
}

/// Candidates at the `|` in `src` (or at the end when there is none).
fn at(src: &str) -> Vec<String> {
    let cursor = src.find('|').unwrap_or(src.len());
    let buf = src.replacen('|', "", 1);
    complete(&buf, cursor, &fixture(), &opts(&buf, cursor)).candidates.into_iter().map(|c| c.text).collect()
}

fn kinds(src: &str) -> Vec<(String, ItemKind)> {
    let cursor = src.find('|').unwrap_or(src.len());
    let buf = src.replacen('|', "", 1);
    complete(&buf, cursor, &fixture(), &opts(&buf, cursor)).candidates.into_iter().map(|c| (c.text, c.kind)).collect()
}

fn has(got: &[String], want: &[&str]) -> bool {
    want.iter().all(|w| got.iter().any(|g| g == w))
}

#[test]
fn statement_start_offers_statement_keywords_in_the_typed_case() {
    let got = at("");
    assert!(has(&got, &["SELECT", "INSERT", "WITH"]) && !got.contains(&"FROM".to_string()), "{got:?}");
    assert_eq!(at("sel"), ["select"]);
    assert_eq!(at("SEL"), ["SELECT"]);
    assert_eq!(at("Sel"), ["SELECT"]);
    let lower = Options { keyword_case: KeywordCase::Lower, ..Options::default() };
    assert_eq!(complete("SEL", 3, &fixture(), &lower).texts(), ["select"], "a keyword_case setting wins");
}

#[test]
fn tables_after_from_join_into_update_table() {
    // Main's tables, then temp's (both resolve unqualified), views, then attached databases.
    let tables = ["events", "\"my table\"", "speakers", "talk_overview", "talk_speakers", "talks", "users", "scratch"];
    let with_views = [&tables[..], &["latest_talks", "bk"]].concat();
    for src in ["select * from ", "select * from talks, "] {
        assert_eq!(at(src), with_views, "{src:?}");
    }
    for src in ["insert into ", "update "] {
        assert_eq!(at(src), [&tables[..], &["bk"]].concat(), "{src:?}: no views");
    }
    assert_eq!(at("drop table "), [&tables[..], &["bk", "IF EXISTS"]].concat());
    assert_eq!(at("drop view "), ["latest_talks", "IF EXISTS"]);
    assert_eq!(at("select * from ta"), ["talk_overview", "talk_speakers", "talks"]);
    assert_eq!(at("SELECT * FROM usr"), ["users"], "fuzzy subsequence");
    assert_eq!(at("select * from \"my"), ["\"my table\""], "an opened quote is kept");
}

#[test]
fn after_a_table_come_keywords() {
    let got = at("select * from talks t ");
    assert!(has(&got, &["JOIN", "WHERE", "ORDER BY", "GROUP BY", "LIMIT"]), "{got:?}");
    assert!(!got.iter().any(|c| c == "talks" || c == "SELECT" || c == "INSERT"), "only what can follow: {got:?}");
    assert_eq!(at("select * from talks wh"), ["where"]);
    assert_eq!(at("update talks "), ["SET", "AS"]);
    assert!(has(&at("select * from talks t join speakers s "), &["ON", "USING"]));
}

#[test]
fn columns_of_the_tables_named_even_when_from_comes_later() {
    let got = kinds("select | from talks");
    assert_eq!(
        got[..5].iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
        ["id", "event_id", "title", "kind", "duration"]
    );
    assert!(got.iter().any(|(t, k)| t == "count" && *k == ItemKind::Function), "functions too");
    assert!(got.iter().any(|(t, k)| t == "DISTINCT" && *k == ItemKind::Keyword), "keywords too");
    assert!(!got.iter().any(|(t, _)| t == "email"), "no columns of tables not named");
    assert_eq!(at("select ti| from talks"), ["title"], "columns, no keywords that cannot start a value");
    assert_eq!(at("select * from talks where dur"), ["duration"]);
    assert_eq!(at("select * from talks order by ki"), ["kind"]);
    assert_eq!(at("select * from talks group by ev"), ["event_id"]);
    assert_eq!(at("update talks set ti"), ["title"]);
    assert_eq!(at("select * from talks where kind = 'x' and dur"), ["duration"]);
}

#[test]
fn insert_column_list_offers_that_tables_columns_only() {
    assert_eq!(at("insert into talks ("), ["id", "event_id", "title", "kind", "duration"]);
    assert_eq!(at("insert into main.talks (id, ti"), ["title"]);
}

#[test]
fn alias_and_table_dot_give_only_that_tables_columns() {
    assert_eq!(at("select t.| from talks t join speakers s"), ["id", "event_id", "title", "kind", "duration"]);
    assert_eq!(at("select s.| from talks t join speakers s"), ["id", "name"]);
    assert_eq!(at("select speakers.na| from speakers"), ["name"]);
    assert_eq!(at("select x from talks as t where t.ki"), ["kind"]);
    assert_eq!(at("select users.| "), ["id", "email", "display_name"], "a table not yet in FROM still resolves");
}

#[test]
fn on_offers_the_foreign_key_condition_then_aliases() {
    let got = kinds("select * from talks t join talk_speakers ts on ");
    assert_eq!(got[0], ("ts.talk_id = t.id".to_string(), ItemKind::Join));
    assert_eq!(got[1], ("t".to_string(), ItemKind::Alias));
    assert_eq!(got[2], ("ts".to_string(), ItemKind::Alias));
    assert!(got.iter().any(|(t, _)| t == "speaker_id"));
}

#[test]
fn using_offers_the_columns_both_tables_share() {
    assert_eq!(at("select * from talks join talk_overview using ("), ["id", "title"]);
    assert_eq!(at("select * from talks join talk_overview using (id, "), ["id", "title"]);
}

#[test]
fn sub_selects_see_outer_aliases_but_not_siblings() {
    let src = "select * from talks t where exists (select 1 from talk_speakers ts where ts.talk_id = t.|)";
    assert_eq!(at(src), ["id", "event_id", "title", "kind", "duration"]);
    let inner = at("select * from talks t where t.id in (select talk_id from talk_speakers where pos|)");
    assert_eq!(inner, ["position"]);
    let outer = at("select | from talks t where t.id in (select talk_id from talk_speakers)");
    assert!(outer.contains(&"title".to_string()) && !outer.contains(&"position".to_string()), "{outer:?}");
    let sibling = at("select (select email from users), (select 1 from speakers where na|)");
    assert_eq!(sibling, ["name"], "only speakers is in scope");
}

#[test]
fn common_table_expressions_and_derived_tables_have_columns() {
    let rec = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT c.| FROM c";
    assert_eq!(at(rec), ["x"]);
    assert_eq!(at("with recent as (select id, title as headline from talks) select * from rec"), ["recent"]);
    assert_eq!(
        at("with recent as (select id, title as headline from talks) select | from recent")[..2],
        ["id", "headline"]
    );
    assert_eq!(at("select sub.| from (select id, count(*) n, t.title from talks t) sub"), ["id", "n", "title"]);
}

#[test]
fn only_the_statement_under_the_cursor_counts() {
    assert_eq!(at("select * from users; select ti| from talks; select 1 from speakers"), ["title"]);
    assert_eq!(at("select * from talks; select em| from users"), ["email"]);
    let start = at("select 1; sel");
    assert_eq!(start, ["select"]);
}

#[test]
fn nothing_inside_strings_comments_or_after_as() {
    assert!(at("select 'ta").is_empty());
    assert!(at("select * from talks where title = 'ab|c'").is_empty());
    assert!(at("select 1 -- fro").is_empty());
    assert!(at("select title as ").is_empty());
    assert!(at("select title as ti").is_empty());
    assert!(at("select 12").is_empty());
}

#[test]
fn names_that_need_quotes_are_quoted() {
    assert_eq!(at("select * from my"), ["\"my table\""]);
    assert_eq!(at("select b| from \"my table\"")[0], "\"b c\"");
}

#[test]
fn command_names_complete_at_the_start_of_input() {
    let got = at("\\d");
    assert_eq!(got[0], "\\d");
    assert!(got.contains(&"\\dt".to_string()), "{got:?}");
    assert_eq!(at(".tab"), [".tables"]);
    assert_eq!(at(".sch"), [".schema"]);
    assert!(!at("select 1 \\d").iter().any(|c| c.starts_with('\\')), "not inside SQL");
}

#[test]
fn table_arguments_of_commands() {
    assert_eq!(at("\\d ta"), ["talk_overview", "talk_speakers", "talks"]);
    assert_eq!(at("\\dt usr"), ["users"]);
    assert_eq!(at(".schema spe"), ["speakers"]);
    assert!(at("\\q ").is_empty(), "\\q takes nothing");
    assert!(at("\\? \\d").contains(&"\\dt".to_string()), "\\? takes command names");
}

#[test]
fn talk_values_formats_and_keywords_as_arguments() {
    assert_eq!(at("\\speaker ned"), ["\"Ned Batchelder\""]);
    assert_eq!(at("\\speaker batch"), ["\"Ned Batchelder\""], "word start");
    assert_eq!(at("\\speaker 'guido v"), ["\"Guido van Rossum\""]);
    assert_eq!(at("\\speaker ").len(), 4);
    assert_eq!(at("\\tag te"), ["testing"]);
    assert_eq!(at("\\talks 20"), ["2016"]);
    assert_eq!(at("\\talks pycon"), ["\"PyCon US 2016\""]);
    assert_eq!(at("\\talks 2016 "), ["--kind"], "after the event, its option");
    assert_eq!(at("\\talks 2016 --kind key"), ["keynote"]);
    assert_eq!(at("\\T cs"), ["csv"]);
    assert_eq!(at(".mode j"), ["json", "jsonl"]);
    assert_eq!(at("\\f re"), ["recent"]);
    assert_eq!(at("\\x o"), ["on", "off"]);
    assert_eq!(at("\\x ao"), ["auto"], "fuzzy when no prefix matches");
    assert!(at("\\search x").is_empty());
    assert_eq!(at("\\import "), ["pyvideo", "csv"]);
    assert_eq!(at("\\import csv data.csv ta"), ["talk_overview", "talk_speakers", "talks"]);
    assert_eq!(at("\\pset overfl"), ["overflow"]);
    assert_eq!(at("\\open 283 "), ["video", "slides"], "an id, then what to open");
    assert_eq!(at("\\talks -"), ["--kind"], "a dash asks for an option, not an event");
    assert!(at(&format!("\\trend {}", "ab ".repeat(3000))).is_empty(), "too long a line: no walk");
}

#[test]
fn a_speaker_shows_how_many_talks_beside_the_name() {
    let c = complete("\\speaker ned", 12, &fixture(), &Options::default());
    assert_eq!(c.candidates[0].note.as_deref(), Some("12 talks"));
    let c = complete("\\speaker guido", 14, &fixture(), &Options::default());
    assert_eq!(c.candidates[0].note.as_deref(), Some("1 talk"));
    assert_eq!(c.candidates[0].kind, ItemKind::Named("speaker"));
}

#[test]
fn chart_and_facets_offer_kinds_options_and_the_last_results_columns() {
    let mut snap = fixture();
    snap.result_columns = vec!["year".into(), "talks".into()];
    let texts = |line: &str| -> Vec<String> {
        complete(line, line.len(), &snap, &Options::default()).candidates.into_iter().map(|c| c.text).collect()
    };
    assert_eq!(texts("\\chart h"), ["hbar", "hist"]);
    assert!(texts("\\chart bar ").iter().any(|t| t == "--width"), "{:?}", texts("\\chart bar "));
    // Columns go where the declaration takes one: after hist and after --label/--value (`\\chart
    // bar year` would be refused).
    assert!(!texts("\\chart bar ").iter().any(|t| t == "year"));
    assert!(texts("\\chart hist ").iter().any(|t| t == "year"));
    assert!(texts("\\chart bar --label ").iter().any(|t| t == "year"));
    assert!(texts("\\chart --value talks --value ").iter().any(|t| t == "talks"));
    assert_eq!(texts("\\facets ye"), ["year"]);
}

#[test]
fn file_arguments_list_the_directory() {
    let dir = tempfile_dir();
    std::fs::write(dir.join("setup.sql"), "").expect("write");
    std::fs::create_dir(dir.join("scripts")).expect("mkdir");
    let base = format!("{}/", dir.display());
    let got = at(&format!("\\i {base}s"));
    assert_eq!(got, [format!("{base}scripts/"), format!("{base}setup.sql")]);
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("talkcli-complete-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn limit_keeps_the_best() {
    let mut snap = fixture();
    snap.values.put("speakers", Set::Names(Names::new((0..5000).map(|i| format!("Speaker {i:05}")).collect())));
    let line = "\\speaker speaker 0000";
    let got = complete(line, line.len(), &snap, &Options { limit: 3, ..Options::default() });
    assert_eq!(got.texts(), ["\"Speaker 00000\"", "\"Speaker 00001\"", "\"Speaker 00002\""]);
    assert_eq!(got.start, 9);
}

#[test]
fn any_cursor_in_odd_input_is_safe() {
    let inputs = [
        "  \\dt ta",
        "select \"é\"\"x\".| from [weird",
        "select 'unterminated",
        "/* open comment",
        "select (((",
        ")))select",
        "with a(x) as (select 1), b as (select x from a) select * from b join a using (x",
        "insert into \"my table\" (\"b c\", ",
        "\\speaker 'Émilie Du",
        ".mode  ",
        "ü.ü.ü",
        "select * from t1 join (select * from (select 1) x) y on ;; select",
    ];
    let snap = fixture();
    for src in inputs {
        for cursor in (0..=src.len()).filter(|c| src.is_char_boundary(*c)) {
            let got = complete(src, cursor, &snap, &Options::default());
            assert!(got.start <= cursor, "{src:?} at {cursor}");
        }
    }
}

#[test]
fn talks_completes_its_kind_option_and_kinds() {
    assert_eq!(at("\\talks --k"), ["--kind"]);
    assert_eq!(at("\\talks 2016 "), ["--kind"], "after the event only the option is left");
    assert_eq!(at("\\talks 2016 --kind key"), ["keynote"]);
    assert_eq!(at("\\talks --kind "), ["keynote", "talk", "tutorial", "lightning", "other"]);
    assert!(has(&at("\\talks --kind tutorial 20"), &["2016"]), "the event after the option");
    assert!(has(&at("\\talks "), &["2016", "\"PyCon US 2016\""]), "an empty argument is the event");
}

#[test]
fn order_and_group_take_by_and_expressions_take_no_statement_keywords() {
    assert_eq!(at("select * from talks order "), ["BY"]);
    assert_eq!(at("select * from talks group "), ["BY"]);
    let got = at("select * from talks where ");
    assert!(has(&got, &["id", "title", "count", "NOT", "EXISTS"]), "{got:?}");
    assert!(!got.iter().any(|c| c == "SELECT" || c == "FROM" || c == "INSERT" || c == "DROP"), "{got:?}");
    let on = at("select * from talks t join speakers s on t.id = s.id and ");
    assert!(has(&on, &["title", "name"]) && !on.contains(&"UPDATE".to_string()), "{on:?}");
}

#[test]
fn after_a_value_come_operators_and_the_clauses_that_can_follow() {
    let got = at("select title ");
    assert!(has(&got, &["AS", "FROM", "AND", "LIKE"]) && !got.contains(&"title".to_string()), "{got:?}");
    assert_eq!(at("select title fr"), ["from"]);
    let got = at("select * from talks where kind ");
    assert!(has(&got, &["IN", "LIKE", "IS", "BETWEEN", "ORDER BY", "LIMIT"]), "{got:?}");
    assert!(has(&at("select * from talks order by title "), &["ASC", "DESC", "LIMIT"]));
    assert_eq!(at("select * from talks limit 5 "), ["OFFSET"]);
}

#[test]
fn insert_skips_listed_columns_and_set_offers_columns_before_the_equals_sign() {
    assert_eq!(at("insert into talks (id, title, "), ["event_id", "kind", "duration"]);
    assert_eq!(at("update talks set "), ["id", "event_id", "title", "kind", "duration"]);
    let value = at("update talks set title = ");
    assert!(has(&value, &["title", "lower", "NULL"]), "after = any expression: {value:?}");
    assert_eq!(at("update talks set title = 'x', du"), ["duration"]);
}

#[test]
fn joins_come_from_foreign_keys_with_fresh_aliases() {
    let got = kinds("select * from talks t join ");
    let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        texts[..4],
        ["events e ON e.id = t.event_id", "talk_speakers ts ON ts.talk_id = t.id", "events", "talk_speakers"],
        "related tables first, each whole with its condition and on its own: {texts:?}"
    );
    assert_eq!((got[0].1, got[2].1), (ItemKind::Join, ItemKind::Table));
    assert!(texts.contains(&"users"), "other tables still follow");
    // An alias already in the statement is never reused.
    let got = at("select * from talk_speakers ts join speakers s join talks t join eve");
    assert_eq!(got[0], "events e ON e.id = t.event_id");
    assert!(got.contains(&"events e ON e.id = t.event_id".to_string()), "{got:?}");
    let clash = at("select * from talks e join eve");
    assert!(clash.contains(&"events e2 ON e2.id = e.event_id".to_string()), "{clash:?}");
    // After ON, the condition itself.
    assert_eq!(at("select * from talks t join talk_speakers ts on ")[0], "ts.talk_id = t.id");
    assert_eq!(at("select * from talk_speakers ts join speakers s on ")[0], "s.id = ts.speaker_id");
}

#[test]
fn schemas_complete_their_objects() {
    assert_eq!(at("select * from bk."), ["old_talks"]);
    assert_eq!(at("select * from temp."), ["scratch"]);
    assert_eq!(at("select * from main.ta"), ["talk_overview", "talk_speakers", "talks"]);
    assert_eq!(at("select * from bk.old_talks o where o."), ["id", "title"]);
    assert_eq!(
        at("select * from scratch where "),
        [
            "note",
            "count",
            "lower",
            "max",
            "substr",
            "NOT",
            "EXISTS",
            "CASE",
            "CAST",
            "NULL",
            "TRUE",
            "FALSE",
            "CURRENT_DATE",
            "CURRENT_TIME",
            "CURRENT_TIMESTAMP"
        ]
    );
    assert_eq!(at("\\d bk."), ["bk.old_talks"]);
    assert_eq!(at("\\dt temp.s"), ["temp.scratch"]);
}

#[test]
fn command_arguments_by_kind() {
    assert_eq!(at("\\import "), ["pyvideo", "csv"]);
    assert_eq!(
        at("\\import csv data.csv "),
        [
            "events",
            "\"my table\"",
            "speakers",
            "talk_overview",
            "talk_speakers",
            "talks",
            "users",
            "scratch",
            "old_talks",
            "latest_talks"
        ]
    );
    assert_eq!(at("\\import pyvideo --s"), ["--skip-bad"]);
    assert_eq!(at("\\talk gro"), ["\"Grok the GIL\""]);
    assert_eq!(at("\\talk 283"), ["283"]);
    assert_eq!(at("\\writeup "), ["1", "2"]);
    assert_eq!(at("\\writeup first"), ["2"], "letters match the titles");
    assert_eq!(at("\\tag as"), ["async"]);
    assert_eq!(at("\\speaker+ ned"), ["\"Ned Batchelder\""]);
    assert_eq!(at("\\speaker lukasz"), ["\"Łukasz Langa\""], "accents and case do not matter");
    let notes = kinds("\\talk 283");
    assert_eq!(notes[0].1, ItemKind::Named("talk"));
    let c = complete("\\talk 283", 9, &fixture(), &Options::default());
    assert_eq!(c.candidates[0].note.as_deref(), Some("Grok the GIL"));
}

#[test]
fn a_cut_list_carries_the_prefix_of_the_whole_set() {
    let mut snap = fixture();
    let many: Vec<String> = (0..1000).map(|i| format!("Annabel{i:04}")).chain(["Anne".to_string()]).collect();
    snap.values.put("speakers", Set::Names(Names::new(many)));
    let c = complete("\\speaker ann", 12, &snap, &Options { limit: 10, ..Options::default() });
    assert_eq!(c.candidates.len(), 10);
    assert_eq!(c.total, 1001);
    assert_eq!(c.common.as_deref(), Some("Ann"), "not Annabel0, which the first 10 share");
    let c = complete("\\speaker annab", 14, &snap, &Options { limit: 10, ..Options::default() });
    assert_eq!(c.common.as_deref(), Some("Annabel0"), "Anne no longer matches");
}

/// A reread after DDL describes only what changed, yet a view follows the tables it reads.
#[test]
fn a_schema_reread_describes_changed_tables_and_the_views_over_them() {
    let conn = rusqlite::Connection::open_in_memory().expect("db");
    conn.execute_batch("CREATE TABLE t(a); CREATE VIEW v AS SELECT * FROM t; CREATE TABLE u(x REFERENCES t(a));")
        .expect("ddl");
    let mut snap = Snapshot::load(&conn, Parts::NONE);
    let cols = |snap: &Snapshot, name: &str| snap.table(name).map(|t| t.columns.clone()).unwrap_or_default();
    assert_eq!(cols(&snap, "v"), ["a"]);
    conn.execute_batch("ALTER TABLE t ADD COLUMN b; CREATE TABLE w(y); DROP TABLE u; CREATE TABLE u(z)")
        .expect("alter");
    snap.reload_schema(&conn);
    assert_eq!(cols(&snap, "t"), ["a", "b"]);
    assert_eq!(cols(&snap, "v"), ["a", "b"], "the view over the changed table is described again");
    assert_eq!(cols(&snap, "u"), ["z"]);
    assert_eq!(cols(&snap, "w"), ["y"]);
    assert!(snap.foreign_keys.is_empty(), "{:?}", snap.foreign_keys);
    conn.execute_batch("DROP TABLE w").expect("drop");
    snap.reload_schema(&conn);
    assert!(snap.table("w").is_none());
    assert_eq!(cols(&snap, "v"), ["a", "b"]);
}

mod clauses;
mod descriptions;
mod line_start_and_arguments;
mod statement_positions;
