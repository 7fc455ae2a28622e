//! Exploring: row handles (`\talk #3`, `\fav #1-5`), `_` and `\last`, `\similar`, `\trend`,
//! `\compare`, and the watch plan (`\watched`, `\queue`, `\plan`, `\progress`), through the
//! binary and, for handles and their completion, a real terminal at 80 columns.

use rusqlite::Connection;

use crate::util::{Env, Pty, table_rows};

const KEYNOTES_2017: &str = "\\talks \"PyCon US 2017\" --kind keynote\n";

/// Stdout of a run that succeeded while saying things on stderr (the commands' status lines).
#[track_caller]
fn succeeded(run: &crate::util::Run) -> String {
    assert_eq!(run.code, Some(0), "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    run.stdout.clone()
}

fn run_on(env: &Env, script: &str) -> crate::util::Run {
    env.run(&["--bail=false"], script)
}

#[test]
fn underscore_is_the_last_result_and_a_query_on_it_makes_a_new_one() {
    let env = Env::new();
    let out = env
        .sql(
            "select id, title from talks where id in (7, 9, 11) order by id;
             select count(*) from _;
             select id, title from talks where id in (7, 9, 11) order by id;
             select id from _ where id > 7 order by id;
             select count(*) from _;",
        )
        .ok()
        .to_string();
    let rows = table_rows(&out);
    assert_eq!(rows[3], ["3"], "{out}");
    assert_eq!(&rows[7..], [vec!["9".to_string()], vec!["11".to_string()], vec!["2".to_string()]], "{out}");
}

#[test]
fn underscore_before_a_result_after_a_failure_or_a_change_says_so() {
    let env = Env::new();
    let err = env.sql("select * from _;").fails(1).to_string();
    assert!(err.contains("_ names the last result, and there is none yet: run a query first"), "{err}");
    let run = run_on(&env, "select * from nosuch;\nselect * from _;\n");
    assert!(run.stderr.contains("and the last statement failed"), "{}", run.stderr);
    let run = run_on(
        &env,
        "select id from talks where id < 5;\ninsert into favorites (talk_id) values (1);\nselect * from _;\n",
    );
    assert!(run.stderr.contains("the database changed since the last result"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    // Another database (\c) has no last result yet: neither _ nor handles reach the old one.
    let other = env.path("other.db");
    let run = run_on(
        &env,
        &format!("select id, title from talks limit 2;\n\\c {}\nselect * from _;\n\\c\n\\fav #1\n", other.display()),
    );
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(errors[0].contains("_ names the last result, and there is none yet"), "{}", run.stderr);
    assert!(errors[1].contains("#1 names a row of the last result, and there is none yet"), "{}", run.stderr);
}

#[test]
fn last_writes_the_full_result_as_csv() {
    let env = Env::new();
    let file = env.path("picks.csv");
    let run = env.sql(&format!(
        "\\pset row_limit 2\nselect id, year from talk_overview where id in (7, 9, 11) order by id;\n\\last csv {}\n",
        file.display()
    ));
    succeeded(&run);
    assert_eq!(run.stderr.trim_end(), format!("wrote 3 rows to {}", file.display()));
    assert_eq!(std::fs::read_to_string(&file).expect("csv"), "id,year\n7,2014\n9,2014\n11,2014\n");
    let err = env.sql("\\last").fails(1).to_string();
    assert!(err.contains("there is none yet"), "{err}");
}

#[test]
fn handles_name_rows_of_the_last_result_and_pipes_show_none() {
    let env = Env::new();
    let out =
        succeeded(&env.sql(&format!("{KEYNOTES_2017}\\fav #1-2\nselect talk_id from favorites order by talk_id;\n")));
    assert!(out.starts_with("+-----+") && out.lines().nth(1).is_some_and(|l| l.starts_with("| id ")), "{out}");
    assert_eq!(table_rows(&out)[4..], [["345"], ["363"]]);
    let run = run_on(
        &env,
        &format!("{KEYNOTES_2017}\\fav #3-1\n\\fav #1-99999999\n\\fav #9\n\\fav #0\n\\events\n\\talk #1\n"),
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "error: line 2: the range #3-1 runs backwards: write #1-3",
            "error: line 3: the range #1-99999999 names 99999999 rows; one range takes at most 1000",
            "error: line 4: #9 is past the end of the last result (4 rows)",
            "error: line 5: row handles start at #1, not #0",
            "error: line 7: the last result has no talk id column (id with title, or talk_id), so #1 names no talk",
        ]
    );
    assert_eq!(table_rows(env.sql("select count(*) from favorites;").ok()), [["2"]], "nothing changed");
    let run = run_on(&env, &format!("{KEYNOTES_2017}delete from talks where id = 345;\n\\talk #1\n\\speaker #2\n"));
    assert!(run.stderr.contains("#1 was talk 345, which is no longer in the database"), "{}", run.stderr);
}

#[test]
fn watched_queue_and_plan_keep_to_their_rules() {
    let env = Env::new();
    let run = env.sql(&format!("{KEYNOTES_2017}\\queue add #1-2\n\\watched #3 5 \"sharp and short\"\n\\plan 3h\n"));
    let out = succeeded(&run);
    let plan = table_rows(&out);
    let ids: Vec<&str> = plan[4..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(&ids[..2], ["345", "363"], "queued talks first: {out}");
    assert!(!ids.contains(&"373"), "a watched talk is not planned again: {out}");
    assert!(out.contains("of 3h 00m planned; order: your queue, then ratings you gave similar talks, then newest."));
    assert!(out.contains("Without a duration, so not planned:"), "{out}");
    assert!(run.stderr.contains("watched 373 Keynote: Python@Instragram, rated 5"), "{}", run.stderr);
    for spelling in ["90m", "1h30", "1.5h", "5400s", "1h30m"] {
        let out = env.sql(&format!("\\plan {spelling}\n")).ok().to_string();
        assert!(out.contains("of 1h 30m planned"), "{spelling}: {out}");
    }
    let m3u = env.sql("\\plan 1h --m3u\n").ok().to_string();
    assert!(m3u.starts_with("#EXTM3U\n#EXTINF:") && m3u.contains("\nhttps://"), "{m3u}");

    let before = env.sql("select * from watched; select * from queue;").ok().to_string();
    let run = run_on(
        &env,
        "\\plan 0m\n\\plan 10000h\n\\plan 5400\n\\plan soon\n\\watched 345 6\n\\watched 345 4 \"a\u{1b}[31mb\"\n\\queue add #1\n\\queue shuffle\n",
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "error: line 1: a plan needs at least a minute, and 0m is less",
            "error: line 2: 10000h is more than a week of watching; a plan covers at most 168h",
            "error: line 3: '5400' has no unit: write 5400s for seconds or 5400m for minutes",
            "error: line 4: 'soon' is not a duration: write 90m, 1h30, 1.5h or 5400s",
            "error: line 5: a rating is a whole number from 1 to 5, not 6",
            "error: line 6: a note cannot hold control characters (found U+001B); write it on one line",
            "error: line 7: #1 names a row of the last result, and there is none yet: run a query first",
            "error: line 8: 'shuffle' is none of: add, rm, list, clear; usage: \\queue [add|rm ID|#N[-M] | list | clear]",
        ]
    );
    assert_eq!(env.sql("select * from watched; select * from queue;").ok(), before, "nothing changed");
    let out = env.sql("\\progress\n").ok().to_string();
    assert_eq!(table_rows(&out)[0][..4], ["series", "PyCon US", "1", "0.7"], "{out}");
}

#[test]
fn watched_and_queued_talks_survive_a_data_upgrade_and_a_dump() {
    let env = Env::new();
    succeeded(&env.sql("\\queue add 283\n\\watched 7 4 \"again\"\n"));
    {
        let conn = Connection::open(env.data_dir().join("talks.db")).expect("open");
        conn.execute_batch("PRAGMA user_version = 1;").expect("make it old");
    }
    let out = env
        .sql("pragma user_version; select talk_id, rating, note from watched; select talk_id from queue;")
        .ok()
        .to_string();
    let rows = table_rows(&out);
    assert_eq!(rows[0], [talkcli::DATA_VERSION.to_string()]);
    assert_eq!(rows[1..], [vec!["7", "4", "again"], vec!["283"]]);
    let dump = env.sql(".dump").ok().to_string();
    assert!(
        dump.contains("INSERT INTO watched VALUES(7,4,'again',") && dump.contains("INSERT INTO queue VALUES(283,1,"),
        "{dump}"
    );
}

#[test]
fn similar_trend_and_compare_explain_themselves() {
    let env = Env::new();
    let out = env.sql("\\similar 283\n").ok().to_string();
    let rows = table_rows(&out);
    assert_eq!((rows[0][0].as_str(), rows[0][4].as_str()), ("21281", "words: fast, safe"), "{out}");
    assert!(
        rows.iter()
            .any(|r| r[0] == "141" && r[4] == "same speaker (A. Jesse Jiryu Davis) · words: write · same series"),
        "{out}"
    );
    let shown = env.sql("\\similar+ 283\n").ok().to_string();
    assert!(shown.contains("FROM temp.talk_title_vocab WHERE term = ?1") && shown.contains("-- ?1 = 283"), "{shown}");
    let out = env.sql("\\trend asyncio testing --series \"PyCon US\"\n").ok().to_string();
    let rows = table_rows(&out);
    assert!(
        rows.contains(&vec!["2017".into(), "143".into(), "2".into(), "1.4".into(), "4".into(), "2.8".into()]),
        "{out}"
    );
    assert!(out.contains("a = asyncio %   b = testing %"), "{out}");
    // Returning speakers: those of a year who spoke in any earlier year, counted here in SQL.
    let returning = |year: i64| -> i64 {
        let sql = format!(
            "select count(distinct ts.speaker_id) from talk_speakers ts join talks t on t.id = ts.talk_id
               join events e on e.id = t.event_id
             where e.year = {year} and ts.speaker_id in (select ts2.speaker_id from talk_speakers ts2
               join talks t2 on t2.id = ts2.talk_id join events e2 on e2.id = t2.event_id where e2.year < {year});"
        );
        table_rows(env.sql(&sql).ok())[0][0].parse().expect("a count")
    };
    let (was, now) = (returning(2016), returning(2017));
    let change = if now >= was { format!("▲ +{}", now - was) } else { format!("▼ −{}", was - now) };
    let out = env.sql("\\compare 2016 2017\n").ok().to_string();
    assert!(
        table_rows(&out).contains(&vec!["returning speakers".into(), was.to_string(), now.to_string(), change]),
        "{out}"
    );
    let run = run_on(&env, "\\similar 99999\n\\trend zzzz\n\\trend x --series Foo\n\\compare 2016 nowhere\n");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "error: line 1: no talk with id 99999",
            "error: line 2: no talk's title or tags mention 'zzzz'",
            "error: line 3: no event series is named 'Foo' (series: Bay Piggies, Boston Python Meetup, Caipyra, ChiPy, Chicago Djangonauts, Data School, DataCamp, DePy)",
            "error: line 4: no year, event or series matches 'nowhere' (see \\events)",
        ]
    );
}

/// At the prompt, a table numbers its rows; `\talk #2` opens the second; Tab after `#` offers the
/// handles with their titles; `\pset row_handles off` turns the column off.
#[test]
fn handles_at_an_80_column_prompt_with_completion() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 40, &[("PAGER", "cat")], &[]);
    pty.line("\\talks \"PyCon US 2017\" --kind keynote");
    pty.expect("| #1 | 345 |");
    pty.expect("| #4 | 365 |");
    pty.next_prompt();
    pty.line("\\talk #2");
    pty.expect("Keynote: Do It For Science");
    pty.expect("Katy Huff");
    pty.next_prompt();
    pty.send("\\similar #");
    pty.send("\t\t");
    let shown = pty.expect("Keynote: Kubernetes for Pythonistas");
    assert!(shown.contains("#1") && shown.contains("#2"), "{shown:?}");
    pty.send("3\t");
    pty.expect("\\similar #3");
    pty.ctrl('u');
    pty.ready();
    pty.line("\\pset row_handles off");
    pty.next_prompt();
    pty.line("select id from talks where id = 283;");
    pty.expect("| 283 |");
    pty.next_prompt();
    // \last shows every row of the last result, past the row limit the screen kept to (handles
    // are off by now).
    pty.line("\\pset row_limit 2");
    pty.next_prompt();
    pty.line("select id from talks where id in (7, 9, 11) order by id;");
    let first = pty.expect("2 of 3 rows shown");
    assert!(first.contains("|  9 |") && !first.contains("| 11 |"), "{first:?}");
    pty.next_prompt();
    pty.line("\\last");
    pty.expect("| 11 |");
    pty.next_prompt();
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// Every `$ talkcli -e "…"` capture in the how-to is what talkcli prints today (stdout, then
/// stderr) in a pipe, run in order on one database as the guide reads.
#[test]
fn the_plan_how_to_shows_real_output() {
    let env = Env::new();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/howto/plan-what-to-watch.md");
    let doc = std::fs::read_to_string(path).expect("how-to");
    let mut checked = 0;
    for block in doc.split("```\n").skip(1).step_by(2) {
        let Some(rest) = block.strip_prefix("$ talkcli -e \"") else { continue };
        let (command, shown) = rest.split_once("\"\n").expect("a command line");
        let out = env.run(&["-e", command], "");
        assert_eq!(format!("{}{}", out.stdout, out.stderr), shown, "{command}");
        checked += 1;
    }
    assert!(checked >= 14, "only {checked} captures found");
}

#[test]
fn notes_take_handles_and_refuse_control_characters() {
    let env = Env::new();
    let run =
        env.sql("select id, title from talks where id in (7, 9) order by id;\n\\note #2 'watch again'\n\\notes 9\n");
    let out = succeeded(&run);
    assert_eq!(run.stderr, "noted on 9 Ansible - Python-Powered Radically Simple IT Automation\n");
    assert_eq!(
        table_rows(&out)[2][..3],
        ["9", "Ansible - Python-Powered Radically Simple IT Automation", "watch again"]
    );
    let err = env.sql("\\note 7 'a\u{7}b'").fails(1).to_string();
    assert_eq!(
        err.trim_end(),
        "error: line 1: a note cannot hold control characters (found U+0007); write it on one line"
    );
    assert_eq!(table_rows(env.sql("select count(*) from notes;").ok()), [["1"]], "nothing changed");
}

#[test]
fn the_new_commands_complete_their_arguments() {
    let env = Env::new();
    let complete =
        |text: &str| -> Vec<String> { env.run(&["--complete", text], "").ok().lines().map(str::to_string).collect() };
    assert_eq!(complete("\\similar 283"), ["283"]);
    assert!(complete("\\trend te").contains(&"testing".to_string()));
    let years = env
        .run(&["--format", "list", "-e", "select distinct year from events where year like '201%' order by year"], "");
    let years: Vec<String> = years.ok().lines().skip(1).map(str::to_string).collect();
    assert_eq!(complete("\\compare 201"), years, "the catalogue's years of the 2010s");
    assert!(!complete("\\compare 2016 ").contains(&"--kind".to_string()), "\\compare takes no --kind");
    assert_eq!(complete("\\plan 3h --k"), ["--kind"]);
    assert_eq!(complete("\\queue "), ["add", "rm", "list", "clear"]);
}

#[test]
fn a_plan_sent_to_a_markdown_file_is_markdown() {
    let env = Env::new();
    let file = env.path("plan.md");
    env.sql(&format!("\\o {}\n\\plan 1h --kind lightning\n\\o\n", file.display())).ok();
    let text = std::fs::read_to_string(&file).expect("plan.md");
    assert!(text.starts_with("| id | title | year | speakers | minutes | ends | why |\n|--:|---|"), "{text}");
    assert!(text.contains("planned; order: your queue"), "{text}");
}
