//! Named queries (`\fs`, `\f`, `\fd`) through the binary: saved in the data directory, run with
//! bound arguments, and safe against damaged files.

use crate::util::{Env, table_rows};

#[test]
fn save_list_run_delete() {
    let env = Env::new();
    env.sql("\\fs by_year select id, title from talk_overview where year = $1 order by id limit $2").ok();
    env.sql("\\fs ids select id from talks where id in ($*) order by id").ok();
    let out = env.sql("\\f").ok().to_string();
    assert_eq!(
        out,
        "by_year  select id, title from talk_overview where year = $1 order by id limit $2\n\
         ids      select id from talks where id in ($*) order by id\n"
    );
    let out = env.sql("\\f by_year 2016 2").ok().to_string();
    let rows = table_rows(&out);
    assert_eq!(rows.len(), 2, "{out}");
    let years = env.sql(&format!("select year from talk_overview where id in ({}, {});", rows[0][0], rows[1][0]));
    assert_eq!(table_rows(years.ok()), [["2016"], ["2016"]]);
    let out = env.sql("\\f ids 283 243 53").ok().to_string();
    assert_eq!(table_rows(&out), [["53"], ["243"], ["283"]]);
    env.sql("\\fd ids").ok();
    let out = env.sql("\\f").ok().to_string();
    assert!(out.starts_with("by_year ") && !out.contains("ids"), "{out}");
}

#[test]
fn named_queries_live_in_the_data_dir_and_work_with_any_db() {
    let env = Env::new();
    env.sql("\\fs answer select 40 + $1 as answer").ok();
    assert!(env.data_dir().join("named_queries.json").is_file());
    let out = env.run(&["--db", ":memory:", "-e", "\\f answer 2"], "").ok().to_string();
    assert_eq!(table_rows(&out), [["42"]]);
}

#[test]
fn arguments_are_bound_never_pasted() {
    let env = Env::new();
    env.sql("\\fs titled select count(*) as n from talks where title = $1").ok();
    let out = env.sql("\\f titled \"x' or 1=1 --\"").ok().to_string();
    assert_eq!(table_rows(&out), [["0"]]);
    let out = env.sql("\\f titled '1; drop table talks'").ok().to_string();
    assert_eq!(table_rows(&out), [["0"]]);
    let out = env.sql("select count(*) > 400 from talks;").ok().to_string();
    assert_eq!(table_rows(&out), [["1"]]);
    // Placeholders inside strings stay text.
    env.sql("\\fs literal select '$1' as a, $1 as b").ok();
    let out = env.sql("\\f literal 7").ok().to_string();
    assert_eq!(table_rows(&out), [["$1", "7"]]);
}

#[test]
fn wrong_argument_counts_are_clear_errors() {
    let env = Env::new();
    env.sql("\\fs two select $1, $2").ok();
    env.sql("\\fs many select 1 where 1 in ($*)").ok();
    env.sql("\\fs none select 1").ok();
    assert_eq!(env.sql("\\f two 1").fails(1).trim_end(), "error: line 1: named query two takes 2 arguments, got 1");
    assert_eq!(env.sql("\\f two 1 2 3").fails(1).trim_end(), "error: line 1: named query two takes 2 arguments, got 3");
    assert_eq!(
        env.sql("\\f many").fails(1).trim_end(),
        "error: line 1: named query many takes at least 1 argument, got 0"
    );
    assert_eq!(env.sql("\\f none x").fails(1).trim_end(), "error: line 1: named query none takes 0 arguments, got 1");
}

#[test]
fn bad_saves_and_unknown_names() {
    let env = Env::new();
    let err = env.sql("\\fs 'bad name' select 1").fails(1).to_string();
    assert!(err.contains("bad name"), "{err}");
    let err = env.sql("\\fs two_stmts select 1; select 2").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: a named query holds one SQL statement; this has 2");
    let err = env.sql("\\fs zero select $0").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: placeholder $0 is out of range: use $1 to $99");
    assert!(!env.data_dir().join("named_queries.json").exists(), "nothing saved after errors");
    env.sql("\\fs by_year select $1").ok();
    assert_eq!(
        env.sql("\\f by_yaer 2016").fails(1).trim_end(),
        "error: line 1: no named query 'by_yaer' — did you mean by_year?"
    );
    assert_eq!(env.sql("\\fd nothing").fails(1).trim_end(), "error: line 1: no named query 'nothing'");
}

#[test]
fn a_damaged_file_is_reported_and_never_overwritten() {
    let env = Env::new();
    std::fs::create_dir_all(env.data_dir()).expect("mkdir");
    let file = env.data_dir().join("named_queries.json");
    std::fs::write(&file, "{\"a\": \"select 1\",,}").expect("write");
    for cmd in ["\\f", "\\fs b select 2", "\\fd a", "\\f a"] {
        let err = env.sql(cmd).fails(1).to_string();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("named_queries.json is damaged") && err.contains("fix or remove it"), "{cmd}: {err}");
    }
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "{\"a\": \"select 1\",,}");
}

#[test]
fn a_replaced_query_keeps_one_entry() {
    let env = Env::new();
    env.sql("\\fs q select 1 as old").ok();
    env.sql("\\fs q select 2 as new").ok();
    assert_eq!(env.sql("\\f").ok(), "q  select 2 as new\n");
    // Saving left no temporary files behind.
    let names: Vec<String> = std::fs::read_dir(env.data_dir())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("named"))
        .collect();
    assert_eq!(names, ["named_queries.json"]);
}

/// Arguments such as `007`, `1e3` or `+5` were bound as numbers, so they never matched the text
/// they spell; quoted arguments are always text, and only numbers that read back exactly as typed
/// bind as numbers.
#[test]
fn arguments_bind_as_numbers_only_when_they_read_back_exactly() {
    let env = Env::new();
    let db = env.path("nq.db").to_str().expect("utf-8 path").to_string();
    env.run(
        &["--db", &db, "-e", "create table z(code text); insert into z values ('007'), ('1e3'), ('+5'), ('12');"],
        "",
    )
    .ok();
    env.sql("\\fs byc select code from z where code = $1").ok();
    env.sql("\\fs kind select typeof($1) as t").ok();
    for (arg, want) in
        [("'007'", "007"), ("\"1e3\"", "1e3"), ("007", "007"), ("1e3", "1e3"), ("+5", "+5"), ("12", "12")]
    {
        let out = env.run(&["--db", &db, "-e", &format!("\\f byc {arg}")], "").ok().to_string();
        assert_eq!(table_rows(&out), [[want]], "\\f byc {arg}: {out}");
    }
    // Without a column's affinity, the bound type shows.
    for (arg, want) in
        [("2016", "integer"), ("-3", "integer"), ("1.5", "real"), ("'2016'", "text"), ("007", "text"), ("1e3", "text")]
    {
        let out = env.sql(&format!("\\f kind {arg}")).ok().to_string();
        assert_eq!(table_rows(&out), [[want]], "\\f kind {arg}: {out}");
    }
    // Year columns are INTEGER: a number matches, and so does a quoted year (column affinity).
    env.sql("\\fs by_year select count(*) > 100 as many from talk_overview where year = $1").ok();
    env.sql("\\fs ev select count(*) > 0 as n from events where year = $1").ok();
    for arg in ["2016", "'2016'"] {
        assert_eq!(table_rows(env.sql(&format!("\\f by_year {arg}")).ok()), [["1"]], "{arg}");
        assert_eq!(table_rows(env.sql(&format!("\\f ev {arg}")).ok()), [["1"]], "{arg}");
    }
}

/// `\fs` saved commands and broken SQL that could never run (`\fs q8 \talk $1` failed only at
/// `\f q8 5`, with `unrecognized token: "\"`).
#[test]
fn saving_refuses_commands_and_syntax_errors_but_not_missing_tables() {
    let env = Env::new();
    let cases = [
        ("\\fs q8 \\talk $1", "error: line 1: cannot save q8: \\talk is a command; a named query is one SQL statement"),
        ("\\fs q9 .tables", "error: line 1: cannot save q9: .tables is a command; a named query is one SQL statement"),
        ("\\fs q10 selec * from talks where id = $1", "error: line 1: cannot save q10: near \"selec\": syntax error"),
        ("\\fs q11 select * from talks where", "error: line 1: cannot save q11: incomplete input"),
        ("\\fs q12 -- only a comment", "error: line 1: q12: a named query needs an SQL statement, not only a comment"),
    ];
    for (cmd, want) in cases {
        assert_eq!(env.sql(cmd).fails(1).trim_end(), want, "{cmd}");
    }
    assert!(!env.data_dir().join("named_queries.json").exists(), "nothing saved after errors");
    // A table that does not exist yet is fine: named queries work with any --db.
    env.sql("\\fs later select n from later_table where n > $1").ok();
    let db = env.path("later.db").to_str().expect("utf-8 path").to_string();
    let out = env
        .run(
            &[
                "--db",
                &db,
                "-e",
                "create table later_table(n); insert into later_table values (1), (5)",
                "-e",
                "\\f later 2",
            ],
            "",
        )
        .ok()
        .to_string();
    assert_eq!(table_rows(&out), [["5"]]);
}
