//! `talkcli --complete TEXT`: the candidates Tab would offer at the end of TEXT, one per line,
//! from the same engine and snapshot the prompt uses.

use crate::util::{Env, Pty};

fn complete(env: &Env, args: &[&str], text: &str) -> Vec<String> {
    let mut all = args.to_vec();
    all.extend(["--complete", text]);
    env.run(&all, "").ok().lines().map(str::to_string).collect()
}

/// A database with no talk tables at all, as `--db` may open.
fn fixture_db(env: &Env) -> String {
    let path = env.path("fixture.db");
    let p = path.to_str().expect("utf-8 path").to_string();
    env.run(
        &["--db", &p, "-e", "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT, email TEXT); CREATE TABLE orders(id, user_id, total); INSERT INTO users(name) VALUES ('alice');"],
        "",
    )
    .ok();
    p
}

#[test]
fn table_names_after_from_on_the_bundled_database() {
    let env = Env::new();
    assert_eq!(complete(&env, &[], "select * from talk_ov"), ["talk_overview"]);
    let got = complete(&env, &[], "SELECT * FROM talk");
    for t in ["talks", "talk_overview", "talk_speakers", "talk_tags"] {
        assert!(got.contains(&t.to_string()), "{t} missing from {got:?}");
    }
    assert!(!got.contains(&"talk_search_data".to_string()), "FTS shadow tables are hidden: {got:?}");
}

#[test]
fn alias_dot_gives_that_tables_columns_in_order() {
    let env = Env::new();
    let got = complete(&env, &[], "select * from talks t join speakers s on s.id = t.id where t.");
    assert_eq!(got[..4], ["id", "event_id", "slug", "title"]);
    assert!(!got.contains(&"name".to_string()), "speakers' columns stay out: {got:?}");
    assert_eq!(complete(&env, &[], "select * from speakers s where s."), ["id", "name"]);
}

#[test]
fn fuzzy_matches_and_keyword_case_on_another_database() {
    let env = Env::new();
    let db = fixture_db(&env);
    assert_eq!(complete(&env, &["--db", &db], "select * from usr"), ["users"]);
    assert_eq!(complete(&env, &["--db", &db], "select * from users where em"), ["email"]);
    assert_eq!(complete(&env, &["--db", &db], "sel"), ["select"]);
    assert_eq!(complete(&env, &["--db", &db], "SEL"), ["SELECT"]);
    let on = complete(&env, &["--db", &db], "select * from users u join orders o on ");
    assert_eq!(on[..2], ["u", "o"], "aliases first after ON: {on:?}");
}

#[test]
fn nothing_inside_a_string_or_after_as() {
    let env = Env::new();
    assert!(complete(&env, &[], "select * from talks where title = 'ta").is_empty());
    assert!(complete(&env, &[], "select title as t").is_empty());
}

#[test]
fn commands_and_their_arguments() {
    let env = Env::new();
    assert_eq!(complete(&env, &[], "\\refr"), ["\\refresh"]);
    assert_eq!(complete(&env, &[], ".sche"), [".schema"]);
    assert_eq!(complete(&env, &[], "\\d talk_sp"), ["talk_speakers"]);
    assert_eq!(complete(&env, &[], "\\editmode "), ["emacs", "vi"]);
}

#[test]
fn refresh_reports_what_completion_knows() {
    let env = Env::new();
    let out = env.sql("\\refresh").ok().to_string();
    assert!(out.starts_with("completion refreshed: "), "{out}");
    assert!(!out.contains(" 0 speakers"), "the bundled data has speakers: {out}");
    let db = fixture_db(&env);
    let out = env.run(&["--db", &db, "-e", "\\refresh"], "").ok().to_string();
    assert!(out.starts_with("completion refreshed: 2 tables, 0 views, "), "{out}");
    assert!(out.ends_with(" functions, 0 speakers, 0 tags\n"), "no talk tables, no talk names: {out}");
}

#[test]
fn talk_values_formats_and_files_as_command_arguments() {
    let env = Env::new();
    assert_eq!(complete(&env, &[], "\\speaker batche"), ["\"Ned Batchelder\""], "word-start match, quoted");
    assert!(complete(&env, &[], "\\tag te").contains(&"testing".to_string()));
    // Years and editions come from the catalogue itself, earliest first.
    let column = |sql: &str| -> Vec<String> {
        let out = env.run(&["--format", "list", "-e", sql], "");
        out.ok().lines().skip(1).map(str::to_string).collect()
    };
    let years = column("select distinct year from events where year like '201%' order by year");
    assert_eq!(complete(&env, &[], "\\talks 201"), years);
    let editions = column("select name from events where name like 'PyCon US 201%' order by year");
    let editions: Vec<String> = editions.iter().map(|name| format!("\"{name}\"")).collect();
    assert_eq!(complete(&env, &[], "\\talks pycon us 201"), editions);
    assert_eq!(complete(&env, &[], "\\T cs"), ["csv"]);
    assert_eq!(complete(&env, &[], ".mode js"), ["json", "jsonl"]);
    assert_eq!(complete(&env, &[], "\\x "), ["on", "off", "auto"]);
    std::fs::create_dir(env.path("sql")).expect("mkdir");
    std::fs::write(env.path("sql/setup.sql"), "select 1;").expect("write");
    std::fs::write(env.path("sql/report.sql"), "select 2;").expect("write");
    assert_eq!(complete(&env, &[], "\\i sql/s"), ["sql/setup.sql"]);
    assert_eq!(complete(&env, &[], ".read sq"), ["sql/"]);
    assert_eq!(complete(&env, &[], "\\o sql/"), ["sql/report.sql", "sql/setup.sql"]);
}

#[test]
fn named_queries_complete_after_f() {
    let env = Env::new();
    env.sql("\\fs by_year select title from talk_overview where year = $1").ok();
    assert_eq!(complete(&env, &[], "\\f by"), ["by_year"]);
}

/// A database with foreign keys, plus an rc file that makes a temporary table and attaches a
/// second database, as a user's startup file might.
fn schemas_fixture(env: &Env) -> (String, String) {
    let db = env.path("shop.db").to_str().expect("utf-8").to_string();
    let other = env.path("archive.db").to_str().expect("utf-8").to_string();
    env.run(
        &[
            "--db",
            &db,
            "-e",
            "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT);
          CREATE TABLE orders(id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), total REAL);
          CREATE TABLE order_lines(order_id INTEGER REFERENCES orders, item TEXT);
          CREATE INDEX orders_user ON orders(user_id);",
        ],
        "",
    )
    .ok();
    env.run(&["--db", &other, "-e", "CREATE TABLE old_orders(id, total); CREATE VIEW big AS SELECT 1 AS n;"], "").ok();
    let rc = env.path("rc.sql");
    std::fs::write(&rc, format!("ATTACH '{other}' AS bk;\nCREATE TEMP TABLE scratch(note TEXT, user_id INTEGER);\n"))
        .expect("rc");
    (db, rc.to_str().expect("utf-8").to_string())
}

#[test]
fn joins_schemas_and_grammar_on_a_fixture_with_foreign_keys_temp_and_attached() {
    let env = Env::new();
    let (db, rc) = schemas_fixture(&env);
    let args = ["--db", db.as_str(), "--init", rc.as_str()];
    let join = complete(&env, &args, "select * from orders o join ");
    assert_eq!(join[..2], ["order_lines ol ON ol.order_id = o.id", "users u ON u.id = o.user_id"], "{join:?}");
    assert_eq!(join[2..4], ["order_lines", "users"], "then the related tables, before the others: {join:?}");
    let on = complete(&env, &args, "select * from orders o join users u on ");
    assert_eq!(on[..3], ["u.id = o.user_id", "o", "u"], "the condition first, then aliases: {on:?}");
    assert_eq!(complete(&env, &args, "select * from bk."), ["old_orders", "big"]);
    assert_eq!(complete(&env, &args, "select * from temp."), ["scratch"]);
    let from = complete(&env, &args, "select * from ");
    assert!(from.contains(&"scratch".to_string()) && from.contains(&"bk".to_string()), "{from:?}");
    assert_eq!(complete(&env, &args, "select * from scratch where no"), ["note", "not"]);
    assert_eq!(complete(&env, &args, "select * from users order "), ["by"], "in the case the statement is typed");
    assert_eq!(complete(&env, &args, "pragma table_in"), ["table_info"]);
    assert_eq!(complete(&env, &args, "\\d bk.o"), ["bk.old_orders"]);
}

#[test]
fn listings_and_describe_see_temporary_and_attached_objects() {
    let env = Env::new();
    let (db, rc) = schemas_fixture(&env);
    let run = |cmd: &str| env.run(&["--db", &db, "--init", &rc, "-e", cmd], "").ok().to_string();
    let dt = run("\\dt");
    for name in ["users", "orders", "temp.scratch", "bk.old_orders", "bk.big"] {
        assert!(dt.contains(name), "{name} missing from \\dt:\n{dt}");
    }
    let only_bk = run("\\dt bk.*");
    assert!(only_bk.contains("bk.old_orders") && !only_bk.contains("users"), "{only_bk}");
    assert!(run("\\dv").contains("bk.big"));
    let d = run("\\d scratch");
    assert!(d.contains("note") && d.contains("user_id"), "{d}");
    let d = run("\\d bk.old_orders");
    assert!(d.contains("total"), "{d}");
    let err = env.run(&["--db", &db, "--init", &rc, "-e", "\\d bk.nothing"], "").fails(1).to_string();
    assert!(err.contains("no table or view named 'bk.nothing'"), "{err}");
}

#[test]
fn talk_arguments_and_a_bounded_ranked_list() {
    let env = Env::new();
    // Accents fold both ways: "lukasz" offers every Łukasz and Lukasz, and only them.
    let lukasz = complete(&env, &[], "\\speaker lukasz");
    assert!(lukasz.contains(&"\"Łukasz Langa\"".to_string()), "{lukasz:?}");
    assert!(lukasz.contains(&"\"Lukasz Kakol\"".to_string()), "{lukasz:?}");
    assert!(lukasz.iter().all(|c| c.replace('Ł', "L").starts_with("\"Lukasz ")), "{lukasz:?}");
    assert_eq!(complete(&env, &[], "\\speaker+ batchelder"), ["\"Ned Batchelder\""]);
    assert_eq!(complete(&env, &[], "\\import "), ["pyvideo", "csv"]);
    assert_eq!(complete(&env, &[], "\\talk 283"), ["283"]);
    assert!(complete(&env, &[], "\\talk grok").iter().any(|t| t.starts_with("\"Grok the GIL")));
    assert!(!complete(&env, &[], "\\writeup ").is_empty());
    let all = complete(&env, &[], "\\speaker ");
    assert_eq!(all.len(), 100, "at most 100 candidates, best first");
}

/// The statements QA found falling back to every keyword, on the fixture with foreign keys, a
/// temporary table and an attached database.
#[test]
fn statements_offer_only_what_can_follow_on_every_schema() {
    let env = Env::new();
    let (db, rc) = schemas_fixture(&env);
    let args = ["--db", db.as_str(), "--init", rc.as_str()];
    // Keywords come in the case the statement is typed in (keyword_case = auto).
    let c = |text: &str| complete(&env, &args, text);
    assert_eq!(c("alter "), ["table"]);
    assert_eq!(c("alter table "), ["order_lines", "orders", "users", "scratch", "bk"], "tables, no views");
    assert_eq!(c("alter table orders "), ["rename to", "rename column", "add column", "drop column"]);
    assert_eq!(c("alter table orders drop column "), ["id", "user_id", "total"]);
    assert_eq!(c("alter table scratch rename column "), ["note", "user_id"], "a temporary table's columns");
    assert_eq!(c("alter table bk.old_orders rename "), ["id", "total", "to", "column"], "an attached table's");
    assert_eq!(c("create index i on orders("), ["id", "user_id", "total"]);
    assert_eq!(c("create unique index if not exists i on orders(total, "), ["id", "user_id"]);
    assert_eq!(c("create index i on orders(total "), ["asc", "desc", "collate"]);
    assert_eq!(c("create index i on scratch("), ["note", "user_id"]);
    assert_eq!(c("create index i on bk.old_orders("), ["id", "total"]);
    assert_eq!(c("vacuum "), ["main", "temp", "bk", "into"]);
    assert_eq!(c("vacuum bk "), ["into"]);
    assert_eq!(c("detach "), ["bk", "database"], "attached databases only, never main or temp");
    assert_eq!(c("detach database "), ["bk"]);
    assert_eq!(c("attach "), ["database"]);
    assert_eq!(c("attach 'other.db' "), ["as"]);
    let dir = env.path("");
    let dir = dir.to_str().expect("utf-8").trim_end_matches('/');
    assert_eq!(c(&format!("attach '{dir}/arch")), [format!("{dir}/archive.db")], "the file is completed");
    let reindex = c("reindex ");
    for want in ["orders", "orders_user", "main", "bk", "NOCASE"] {
        assert!(reindex.contains(&want.to_string()), "{want} missing from {reindex:?}");
    }
    assert!(c("analyze ").contains(&"orders_user".to_string()));
    assert_eq!(c("begin "), ["deferred", "immediate", "exclusive", "transaction"]);
    assert_eq!(c("rollback "), ["transaction", "to savepoint"]);
    assert_eq!(c("release "), ["savepoint"]);
    assert_eq!(c("insert or "), ["replace", "ignore", "abort", "fail", "rollback"]);
    assert_eq!(c("delete "), ["from"]);
    assert_eq!(c("create trigger t after delete on orders "), ["for each row", "when", "begin"]);
    assert_eq!(c("create table t(n integer references users("), ["id", "name"]);
    assert!(c("savepoint ").is_empty());
}

/// Tab after `ALTER TABLE talks ` in an 80-column terminal lists the table's actions, labelled,
/// and nothing else (before, every keyword came alphabetically).
#[test]
fn tab_after_alter_table_lists_its_actions_at_80_columns() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &[]);
    pty.send("ALTER TABLE talks ");
    // One Tab lists (as pgcli's menu), the kinds in one aligned column.
    pty.send("\t");
    let shown = pty.expect("DROP COLUMN    keyword");
    for action in ["RENAME TO      keyword", "RENAME COLUMN  keyword", "ADD COLUMN     keyword"] {
        assert!(shown.contains(action), "{action} missing: {shown:?}");
    }
    assert!(!shown.contains("ABORT") && !shown.contains("ANALYZE"), "every keyword listed: {shown:?}");
    // The list is the actions: `dr` and Tab completes the only one that fits.
    pty.send("dr\t");
    pty.expect("ALTER TABLE talks drop column");
    pty.ctrl('u');
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// A one-shot `--complete '\speaker TEXT'` reads only the names that contain TEXT (through the
/// trigram index) when they answer as all names do: the candidates are those of a copy of the
/// database without that index, where every name is read. Prefix, word-start, substring (more of
/// them than a list shows: `annonx` inside 150 names), accents, quotes and no match at all.
#[test]
fn speaker_candidates_read_through_the_index_match_reading_every_name() {
    let env = Env::new();
    let db = env.path("indexed.db");
    let plain = env.path("plain.db");
    let (db, plain) = (db.to_str().expect("utf-8"), plain.to_str().expect("utf-8"));
    env.run(&["-e", &format!("VACUUM INTO '{db}'")], "").ok();
    env.run(
        &["--db", db, "-e", "INSERT INTO speakers(name) SELECT 'Zed Brannonx ' || value FROM generate_series(1, 150)"],
        "",
    )
    .ok();
    env.run(&["--db", db, "-e", &format!("VACUUM INTO '{plain}'")], "").ok();
    env.run(&["--db", plain, "-e", "DROP TABLE speaker_names"], "").ok();
    let texts = [
        "\\speaker Ann",
        "\\speaker hett",
        "\\speaker lukasz",
        "\\speaker Łuk",
        "\\speaker \"ned b",
        "\\speaker van ",
        "\\speaker smith",
        "\\speaker david",
        "\\speaker annonx",
        "\\speaker brannonx 1",
        "\\speaker ettinger",
        "\\speaker zzqqx",
        "\\speaker Jo",
    ];
    for text in texts {
        let indexed = complete(&env, &["--db", db], text);
        assert_eq!(indexed, complete(&env, &["--db", plain], text), "{text}");
        if text != "\\speaker zzqqx" {
            assert!(!indexed.is_empty(), "{text}");
        }
    }
    assert_eq!(complete(&env, &["--db", db], "\\speaker annonx").len(), 100);
}

/// The list a Tab prints at 80 columns says what each candidate is: a column's declared type, a
/// table's row count (the bundled catalogue is small enough to count), a speaker's talk count.
#[test]
fn the_list_describes_columns_tables_and_speakers_at_80_columns() {
    let env = Env::new();
    let count = |sql: &str| crate::util::table_rows(env.sql(sql).ok())[0][0].clone();
    // SQLite's printf groups thousands as the list does.
    let talk_speakers = count("select printf('%,d', count(*)) from talk_speakers;");
    let ned =
        count("select count(*) from talk_speakers join speakers on id = speaker_id where name = 'Ned Batchelder';");
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["-q"]);
    // The list from `first` (a candidate) to the line drawn again below it (with the prefix the
    // candidates share), spaces collapsed.
    let mut listed = |typed: &str, first: &str, line: &str| {
        pty.send(typed);
        pty.send("\t");
        pty.expect(first);
        let shown = format!("{first}{}", pty.expect(line));
        pty.ctrl('u');
        shown.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let shown = listed("select * from talks where d", "duration", "where d");
    assert!(shown.contains("duration column INTEGER"), "{shown}");
    assert!(shown.contains("description column TEXT"), "{shown}");
    // Counts are read after the prompt is up, off the typing path: a Tab before they are in
    // lists the tables without them.
    let want = format!("talk_speakers table {talk_speakers} rows");
    let shown =
        (0..100).map(|_| listed("select * from talk_s", "talk_speakers", "from talk_s")).find(|s| s.contains(&want));
    assert!(shown.is_some(), "{want} never listed");
    let shown = listed("\\speaker Ned", "\"Ned Batchelder\"", "\\speaker \"Ned");
    let want = format!("\"Ned Batchelder\" speaker {ned} talk");
    assert!(shown.contains(&want), "{want} in {shown}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}
