//! The shell as a workbench, run as scripts: variables bound as parameters (never pasted into SQL),
//! `.parameter`, `\gset`, `\echo`, output to programs, `.open`/`\c`, `~` in file arguments,
//! `\watch` with a count, an open transaction at the end of a script, and `\s`.

use crate::util::Env;

fn count_talks(env: &Env) -> i64 {
    env.sql("select count(*) from talks;").ok();
    let out = env.run(&["--format", "csv", "-e", "select count(*) as n from talks;"], "");
    out.ok().lines().nth(1).and_then(|l| l.parse().ok()).expect("a count")
}

#[test]
fn a_variable_holding_sql_is_only_ever_a_value() {
    let env = Env::new();
    let before = count_talks(&env);
    let script = "\\set evil '1; drop table talks'\n\
                  select count(*) as n from talks where id = :evil;\n\
                  select :'evil' as v, typeof(:evil) as t;\n\
                  .parameter set :evil2 '0 or 1=1); drop table talks; --'\n\
                  select count(*) as n2 from talks where title = $evil2;\n";
    let run = env.run(&["--format", "csv"], script);
    assert_eq!(run.ok(), "n\n0\nv,t\n\"1; drop table talks\",text\nn2\n0\n");
    assert_eq!(count_talks(&env), before, "the talks table is untouched");
}

#[test]
fn an_identifier_variable_is_quoted_so_it_cannot_break_out() {
    let env = Env::new();
    let before = count_talks(&env);
    let ok = env.run(&["--format", "csv"], "\\set t talks\nselect count(*) > 0 as some from :\"t\";\n");
    assert_eq!(ok.ok(), "some\n1\n");
    let evil = "\\set t 'talks\"; drop table talks; --'\nselect count(*) from :\"t\";\n";
    let err = env.run(&[], evil).fails(1).to_string();
    assert!(err.contains("no such table: talks\"; drop table talks; --"), "{err}");
    assert_eq!(count_talks(&env), before);
}

#[test]
fn colons_in_strings_comments_and_casts_are_not_variables() {
    let env = Env::new();
    let sql = "select ':n' as a, '::x' as b, ':''n''' as c -- :n and :'n'\n;";
    assert_eq!(env.run(&["--format", "csv", "-e", sql], "").ok(), "a,b,c\n:n,::x,\":'n'\"\n");
}

#[test]
fn a_variable_that_is_not_set_is_named() {
    let env = Env::new();
    let err = env.run(&["-e", "select :nope;"], "").fails(1).to_string();
    assert!(err.contains("variable nope is not set (\\set nope VALUE"), "{err}");
    let err = env.run(&["-e", "select :'nope';"], "").fails(1).to_string();
    assert!(err.contains("variable nope is not set"), "{err}");
    let err = env.run(&["-e", "\\set 2x 1"], "").fails(1).to_string();
    assert!(err.contains("invalid variable name '2x'"), "{err}");
}

#[test]
fn the_caret_points_at_the_variable_that_is_not_set() {
    let env = Env::new();
    let err = env.run(&[], "select 1,\n  :nope + 2;\n").fails(1).to_string();
    assert!(err.contains("line 2, column 3: variable nope is not set"), "{err}");
    assert!(err.contains("LINE 2:   :nope + 2;\n          ^"), "{err}");
    let err = env.run(&[], "select 'x', :'gone';\n").fails(1).to_string();
    assert!(err.contains("line 1, column 13: variable gone is not set"), "{err}");
}

#[test]
fn set_lists_unsets_and_numbers_bind_as_numbers() {
    let env = Env::new();
    let script = "\\set year 2017\n\\set who Ned Batchelder\n\\set\n\
                  select typeof(:year) as t, :year + 1 as next, :who as who;\n\
                  select title from talks limit :year - 2016;\n\\unset year\n\\set\n";
    let out = env.run(&["--format", "csv"], script);
    let out = out.ok();
    assert!(out.starts_with("who = 'NedBatchelder'\nyear = 2017\nt,next,who\ninteger,2018,NedBatchelder\n"), "{out}");
    assert!(out.ends_with("who = 'NedBatchelder'\n"), "{out}");
}

#[test]
fn parameter_commands_share_the_store_with_set() {
    let env = Env::new();
    let script = ".parameter init\n.parameter set :a 'it''s'\n.parameter set $b 12\n.parameter set @c NULL\n\
                  .parameter list\nselect :a as a, typeof($b) as b, @c is null as c;\n\\set d 4\n\
                  .parameter unset a\n.parameter list\n.parameter clear\n.parameter list\n\\set\n";
    let out = env.run(&["--format", "csv"], script);
    assert_eq!(out.ok(), ":a 'it''s'\n:b 12\n:c NULL\na,b,c\n\"it's\",integer,1\n:b 12\n:c NULL\n:d 4\n");
    let err = env.run(&["-e", ".parameter frob"], "").fails(1).to_string();
    assert!(err.contains("usage: .parameter"), "{err}");
}

#[test]
fn gset_stores_one_row_and_echo_prints_it() {
    let env = Env::new();
    let script = "select 7 as n, 'x y' as label, null as gone;\n\\gset\n\\echo n=:n label=:'label' :gone\n\
                  select 1 as a;\n\\gset p_\n\\echo -n :p_a\n\\echo '' done\n";
    let out = env.run(&["--format", "csv"], script);
    assert_eq!(out.ok(), "n,label,gone\n7,\"x y\",\nn=7 label='x y' :gone\na\n1\n1 done\n");
    let err = env.run(&[], "select 1 union select 2;\n\\gset\n").fails(1).to_string();
    assert!(err.contains("returned 2 rows (it must return exactly one)"), "{err}");
    let err = env.run(&[], "select 1 where 0;\n\\gset\n").fails(1).to_string();
    assert!(err.contains("returned no rows"), "{err}");
}

#[test]
fn output_goes_to_a_program_with_o_and_once() {
    let env = Env::new();
    let script = "select 'before' as a;\n\\o |tr a-z A-Z\nselect 'piped' as b;\n\\o\nselect 'after' as c;\n\
                  .once |wc -l\nselect * from talks limit 4;\nselect 'back' as d;\n";
    let out = env.run(&["--format", "csv"], script);
    assert_eq!(
        out.ok().split_whitespace().collect::<Vec<_>>(),
        ["a", "before", "B", "PIPED", "c", "after", "5", "d", "back"]
    );
}

#[test]
fn a_failing_output_program_is_an_error() {
    let env = Env::new();
    let out = env.run(&[], "\\o |exit 3\nselect 1;\n\\o\nselect 2;\n");
    let err = out.fails(1);
    assert!(err.contains("the output command 'exit 3' failed"), "{err}");
}

#[test]
fn tilde_means_home_in_file_arguments() {
    let env = Env::new();
    std::fs::write(env.path("inc.sql"), "select 'from include' as x;\n").expect("write");
    let script = "\\o ~/o.txt\nselect 'to o' as y;\n\\o\n\\once ~/once.txt\nselect 'to once' as z;\n\\i ~/inc.sql\n\
                  .read ~/inc.sql\n.open ~/other.db\ncreate table t(x);\n";
    let out = env.run(&["--format", "csv"], script);
    assert_eq!(out.ok(), "x\n\"from include\"\nx\n\"from include\"\n");
    assert_eq!(std::fs::read_to_string(env.path("o.txt")).expect("o.txt"), "y\n\"to o\"\n");
    assert_eq!(std::fs::read_to_string(env.path("once.txt")).expect("once.txt"), "z\n\"to once\"\n");
    assert!(env.path("other.db").is_file());
    let edited = env.run_env(&[("EDITOR", "true")], &["--format", "csv", "-e", "\\e ~/inc.sql"]);
    assert!(edited.ok().contains("from include"), "\\e FILE expands ~: {}", edited.stdout);
}

#[test]
fn open_and_c_switch_databases_and_back() {
    let env = Env::new();
    let script = ".open notes.db\ncreate table note(body);\ninsert into note values ('hi');\n\
                  select count(*) as tables from sqlite_schema;\n\\c\nselect count(*) > 100 as bundled from talks;\n\
                  \\c notes.db\nselect body from note;\n";
    let out = env.run(&["--format", "csv"], script);
    assert_eq!(out.stdout, "tables\n1\nbundled\n1\nbody\nhi\n");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

#[test]
fn open_options_as_sqlite3() {
    let env = Env::new();
    env.run(&[], ".open n.db\ncreate table t(x);\ninsert into t values (1);\n").ok();
    let err = env.run(&[], ".open --readonly n.db\ninsert into t values (2);\n").fails(1).to_string();
    assert!(err.contains("readonly") || err.contains("read-only"), "{err}");
    let err = env.run(&["--readonly"], ".open n.db\ninsert into t values (2);\n").fails(1).to_string();
    assert!(err.contains("readonly") || err.contains("read-only"), "--readonly is honoured: {err}");
    let out = env.run(&["--format", "csv"], ".open --new n.db\nselect count(*) as n from sqlite_schema;\n");
    assert_eq!(out.ok(), "n\n0\n");
    let err = env.run(&[], ".open --zip n.db\n").fails(1).to_string();
    assert!(err.contains("unknown option --zip"), "{err}");
}

#[test]
fn a_file_that_is_not_a_database_leaves_the_session_where_it_was() {
    let env = Env::new();
    std::fs::write(env.path("notes.txt"), "plain text, long enough to be read as a database header....")
        .expect("write");
    let script = ".bail off\n.open notes.txt\nselect count(*) > 100 as still_bundled from talks;\n";
    let out = env.run(&["--format", "csv"], script);
    assert_eq!(out.stdout, "still_bundled\n1\n");
    assert!(out.stderr.contains("notes.txt") && out.stderr.contains("not a database"), "{}", out.stderr);
}

#[test]
fn a_script_ending_inside_a_transaction_rolls_back_with_one_warning() {
    let env = Env::new();
    let run = env.run(&[], "create table kept(x);\nbegin;\ninsert into kept values (1);\n");
    assert_eq!(run.code, Some(0));
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: the open transaction was rolled back (the script ended, no COMMIT)"),
        "{}",
        run.stderr
    );
    let out = env.run(&["--format", "csv", "-e", "select count(*) as n from kept;"], "");
    assert_eq!(out.ok(), "n\n0\n");
}

#[test]
fn watch_with_a_count_runs_the_last_query_again() {
    let env = Env::new();
    let out = env.run(&["--format", "csv"], "select 'tick' as t;\n\\watch 0.1 c=2\n");
    let out = out.ok();
    assert_eq!(out.matches("tick").count(), 3, "{out}");
    let headers: Vec<&str> = out.lines().filter(|l| l.ends_with("(every 0.1s)")).collect();
    assert_eq!(headers.len(), 2, "{out}");
    assert!(headers[0].len() == "2026-01-01 00:00:00 (every 0.1s)".len(), "{out}");
    let err = env.run(&[], "\\watch 0\n").fails(1).to_string();
    assert!(err.contains("interval must be a number of seconds above 0"), "{err}");
}

#[test]
fn status_shows_settings_paths_and_database() {
    let env = Env::new();
    let out = env.run(&[], "\\set year 2017\n\\status\n");
    let out = out.ok();
    for needle in
        ["database:", "talks.db", "config file:", "data directory:", "history file:", "prompt:", "pager:", "variables:"]
    {
        assert!(out.contains(needle), "{needle} missing from:\n{out}");
    }
}

#[test]
fn g_sends_the_buffer_to_a_file_or_a_program() {
    let env = Env::new();
    let script = "select 'to file' as a \\g ~/g.txt\nselect 'piped' as b \\g |tr a-z A-Z\nselect 'screen' as c;\n\
                  \\g |wc -l\nselect 'vertical' as d \\gx ~/gx.txt\n";
    let out = env.run(&["--format", "csv"], script);
    assert_eq!(out.ok().split_whitespace().collect::<Vec<_>>(), ["B", "PIPED", "c", "screen", "2"]);
    assert_eq!(std::fs::read_to_string(env.path("g.txt")).expect("g.txt"), "a\n\"to file\"\n");
    let gx = std::fs::read_to_string(env.path("gx.txt")).expect("gx.txt");
    assert!(gx.contains("d") && gx.contains("vertical") && !gx.contains(','), "{gx}");
}

#[test]
fn w_writes_the_buffer_or_the_last_query() {
    let env = Env::new();
    let script = "select 1 as one;\n\\w ~/last.sql\nselect 2\n  as two\n\\w ~/buffer.sql\n;\n\\w |tr a-z A-Z\n";
    let out = env.run(&["--format", "csv"], script);
    assert_eq!(out.ok(), "one\n1\ntwo\n2\nSELECT 2\n  AS TWO\n;\n");
    assert_eq!(std::fs::read_to_string(env.path("last.sql")).expect("last"), "select 1 as one;\n");
    assert_eq!(std::fs::read_to_string(env.path("buffer.sql")).expect("buffer"), "select 2\n  as two\n");
    let err = env.run(&[], "\\w\n").fails(1).to_string();
    assert!(err.contains("usage: \\w FILE | |COMMAND"), "{err}");
}

#[test]
fn gset_and_watch_end_a_statement_as_g_does() {
    let env = Env::new();
    let script = "select 40 + 2 as answer \\gset\n\\echo :answer\nselect :answer - 1 as less \\watch 0.1 c=2\n";
    let out = env.run(&["--format", "csv"], script);
    let out = out.ok();
    assert!(out.starts_with("42\n"), "{out}");
    assert_eq!(out.matches("less\n41\n").count(), 2, "{out}");
}

#[test]
fn a_named_query_uses_variables_and_keeps_its_own_arguments() {
    let env = Env::new();
    let script = "\\fs byyear select count(*) > 0 as some from talk_overview where year = $1 and kind = :kind\n\
                  \\set kind talk\n.parameter set ?1 1999\n\\f byyear 2017\n";
    assert_eq!(env.run(&["--format", "csv"], script).ok(), "some\n1\n");
}

#[test]
fn once_and_g_file_return_to_where_o_was_sending_output() {
    let env = Env::new();
    let script = "\\o |tr a-z A-Z\nselect 'one' as a;\n\\once ~/once.txt\nselect 'two' as b;\nselect 'three' as c;\n\
                  \\o ~/o.txt\nselect 'four' as d \\g ~/g.txt\nselect 'five' as e;\n\\o\nselect 'six' as f;\n";
    let out = env.run(&["--format", "csv"], script);
    assert_eq!(out.ok(), "A\nONE\nC\nTHREE\nf\nsix\n");
    assert_eq!(std::fs::read_to_string(env.path("once.txt")).expect("once"), "b\ntwo\n");
    assert_eq!(std::fs::read_to_string(env.path("g.txt")).expect("g"), "d\nfour\n");
    assert_eq!(std::fs::read_to_string(env.path("o.txt")).expect("o"), "e\nfive\n");
}

#[test]
fn the_caret_points_into_what_was_typed_even_after_a_quoted_variable() {
    let env = Env::new();
    let err = env.run(&[], "\\set n 5\nselect :'n', :'n' frm talks;\n").fails(1).to_string();
    let line = err.lines().find(|l| l.contains("select :'n'") && !l.starts_with("error")).expect("statement line");
    let caret = err.lines().find(|l| l.trim() == "^").expect("caret line");
    assert_eq!(caret.find('^'), line.find("talks"), "{err}");
}
