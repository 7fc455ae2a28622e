//! Output formats, output commands, large results: what a user sees on stdout, byte for byte where
//! a format promises it.

use std::process::{Command, Stdio};

use crate::util::{BIN, Env, table_rows};

/// Values that stress every format: separators, quotes, NULL vs empty, non-ASCII, newlines,
/// numbers of both kinds, a blob.
const TRICKY: &str = "\
select 1 as id, 'x,y' as text, null as n, '' as e, 2.5 as r union all
select 2, 'say \"hi\"', 'it''s', 'é 日本', -7 union all
select 3, 'two' || char(10) || 'lines', 'tab' || char(9) || 'in', 'a b', 1e10 union all
select 4, 'plain', x'414243', '-', 0.25";

#[test]
fn csv_is_byte_for_byte_what_sqlite3_prints() {
    let Some(sqlite3) = crate::util::tool("sqlite3") else { return };
    let env = Env::new();
    let ours = env.run(&["--db", ":memory:", "--format", "csv", "-e", TRICKY], "").ok().to_string();
    let theirs = crate::util::neutral(&mut Command::new(&sqlite3), env.home())
        .args(["-csv", "-header", ":memory:", TRICKY])
        .output()
        .expect("sqlite3");
    assert!(theirs.status.success());
    assert_eq!(ours, String::from_utf8_lossy(&theirs.stdout));
    assert!(ours.starts_with("id,text,n,e,r\n1,\"x,y\",,\"\",2.5\n"), "{ours}");
}

#[test]
fn tsv_is_what_sqlite3_tabs_prints() {
    let Some(sqlite3) = crate::util::tool("sqlite3") else { return };
    let env = Env::new();
    let ours = env.run(&["--db", ":memory:", "--format", "tsv", "-e", TRICKY], "").ok().to_string();
    let theirs = crate::util::neutral(&mut Command::new(&sqlite3), env.home())
        .args(["-tabs", "-header", ":memory:", TRICKY])
        .output()
        .expect("sqlite3");
    assert_eq!(ours, String::from_utf8_lossy(&theirs.stdout));
}

/// `--format list|quote|insert` against the sqlite3 shell's modes of the same name, with headers
/// (talkcli's default) and without (`.headers off`).
#[test]
fn list_quote_and_insert_are_what_sqlite3_prints() {
    let Some(sqlite3) = crate::util::tool("sqlite3") else { return };
    let env = Env::new();
    for (format, mode) in [("list", ".mode list"), ("quote", ".mode quote"), ("insert", ".mode insert")] {
        for headers in ["on", "off"] {
            let dot = format!(".headers {headers}");
            let ours =
                env.run(&["--db", ":memory:", "--format", format, "-e", &dot, "-e", TRICKY], "").ok().to_string();
            let theirs = crate::util::neutral(&mut Command::new(&sqlite3), env.home())
                .args(["-cmd", mode, "-cmd", &dot, ":memory:", TRICKY])
                .output()
                .expect("sqlite3");
            assert!(theirs.status.success());
            assert_eq!(ours, String::from_utf8_lossy(&theirs.stdout), "{format} with headers {headers}");
        }
    }
    let ours = env.run(&["--db", ":memory:", "-e", ".mode insert talks", "-e", "select 1 as id"], "").ok().to_string();
    assert_eq!(ours, "INSERT INTO talks(id) VALUES(1);\n");
    // `\\T` takes a table name only for insert; `.mode` ignores one, as sqlite3 does, but not two.
    let err = env.run(&["-e", "\\T csv extra"], "").fails(1).to_string();
    assert!(err.contains("usage: \\T"), "only insert takes a table name: {err}");
    let err = env.run(&["-e", "\\T qbox extra"], "").fails(1).to_string();
    assert!(err.contains("usage: \\T"), "qbox is box, and takes no table name either: {err}");
    env.run(&["-e", ".mode csv extra"], "").ok();
    let err = env.run(&["-e", ".mode csv extra more"], "").fails(1).to_string();
    assert!(err.contains("extra argument: \"more\""), "{err}");
}

#[test]
fn json_keeps_types() {
    let env = Env::new();
    let out = env.run(&["--db", ":memory:", "--format", "json", "-e", TRICKY], "").ok().to_string();
    let want = r#"[{"id":1,"text":"x,y","n":null,"e":"","r":2.5},
{"id":2,"text":"say \"hi\"","n":"it's","e":"é 日本","r":-7},
{"id":3,"text":"two\nlines","n":"tab\tin","e":"a b","r":10000000000.0},
{"id":4,"text":"plain","n":"414243","e":"-","r":0.25}]
"#;
    assert_eq!(out, want);
}

#[test]
fn jsonl_markdown_and_html() {
    let env = Env::new();
    let q = "select 1 as n, 'a|b' as t, null as z";
    let out = env.run(&["--db", ":memory:", "--format", "jsonl", "-e", q], "").ok().to_string();
    assert_eq!(out, "{\"n\":1,\"t\":\"a|b\",\"z\":null}\n");
    let out = env.run(&["--db", ":memory:", "--format", "markdown", "-e", q], "").ok().to_string();
    assert_eq!(out, "| n | t | z |\n|--:|---|---|\n| 1 | a\\|b | <null> |\n");
    let out = env.run(&["--db", ":memory:", "--format", "html", "-e", q], "").ok().to_string();
    assert!(out.contains("<tr><td align=\"right\">1</td><td>a|b</td><td>&lt;null&gt;</td></tr>"), "{out}");
}

#[test]
fn mode_and_t_switch_formats_inside_a_script() {
    let env = Env::new();
    let script = "select 1 as a;\n\\T csv\nselect 2 as a;\n\\T json\nselect 3 as a;\n\\T table\nselect 4 as a;\n";
    let out = env.run(&["--db", ":memory:"], script).ok().to_string();
    let want =
        "+---+\n| a |\n+---+\n| 1 |\n+---+\n1 row\na\n2\n[{\"a\":3}]\n+---+\n| a |\n+---+\n| 4 |\n+---+\n1 row\n";
    assert_eq!(out, want);
    // `.mode csv` is sqlite3's: rows end with CRLF (its command-line -csv and talkcli's \T csv with LF).
    let out =
        env.run(&["--db", ":memory:"], ".mode csv\nselect 2 as a;\n.mode list\nselect 3 as b;\n").ok().to_string();
    assert_eq!(out, "a\r\n2\r\nb\n3\n");
}

#[test]
fn unknown_format_in_a_script_is_one_line_and_exit_1() {
    let env = Env::new();
    let run = env.run(&["--db", ":memory:"], "\\T xml\nselect 'never';\n");
    let err = run.fails(1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unknown format 'xml'"), "{err}");
    assert!(!run.stdout.contains("never"));
}

#[test]
fn vertical_records_and_backslash_g() {
    let env = Env::new();
    let out = env.run(&["--db", ":memory:"], "select 1 as id, 'Grok' as title \\G\nselect 2 as id;\n").ok().to_string();
    assert_eq!(out, "-[ RECORD 1 ]\nid    | 1\ntitle | Grok\n1 row\n+----+\n| id |\n+----+\n|  2 |\n+----+\n1 row\n");
    let out =
        env.run(&["--db", ":memory:", "--format", "vertical", "-e", "select null as n, '' as e"], "").ok().to_string();
    assert_eq!(out, "-[ RECORD 1 ]\nn | <null>\ne | \n1 row\n");
}

#[test]
fn x_on_turns_tables_vertical() {
    let env = Env::new();
    let out = env.run(&["--db", ":memory:"], "\\x on\nselect 5 as five;\n\\x off\nselect 6 as six;\n").ok().to_string();
    assert!(out.starts_with("-[ RECORD 1 ]\nfive | 5\n"), "{out}");
    assert_eq!(table_rows(&out), [["6"]]);
}

#[test]
fn null_marker_is_configurable_and_distinct_from_empty() {
    let env = Env::new();
    let out = env.run(&["--db", ":memory:"], "\\null ∅\nselect null as n, '' as e;\n").ok().to_string();
    assert_eq!(table_rows(&out), [["∅", ""]]);
    // csv keeps NULL empty whatever \null says; sqlite3's .nullvalue sets it everywhere, as there.
    let out = env.run(&["--db", ":memory:"], "\\null NULL\n\\T csv\nselect null as n, '' as e;\n").ok().to_string();
    assert_eq!(out, "n,e\n,\"\"\n");
    let out = env
        .run(&["--db", ":memory:"], ".nullvalue NULL\n\\T csv\nselect null as n, '' as e;\n.mode list\nselect null;\n")
        .ok()
        .to_string();
    assert_eq!(out, "n,e\nNULL,\"\"\nnull\nNULL\n");
}

#[test]
fn timing_prints_the_time() {
    let env = Env::new();
    let run = env.run(&["--db", ":memory:"], "\\timing on\nselect 1 as a;\n");
    // A status line: on stderr, never among the rows written to a pipe (issue 22).
    assert!(run.stdout.ends_with("1 row\n") && !run.stdout.contains("Time"), "{}", run.stdout);
    assert!(run.stderr.starts_with("Time: ") && run.stderr.ends_with(" ms\n"), "{}", run.stderr);
    assert_eq!(run.code, Some(0));
}

#[test]
fn output_to_a_file_and_once() {
    let env = Env::new();
    let all = env.path("all.csv");
    let one = env.path("one.json");
    let script = format!(
        "\\T csv\n\\o {}\nselect 1 as a;\nselect 2 as b;\n\\o\nselect 3 as c;\n\\T json\n\\once {}\nselect 4 as d;\nselect 5 as e;\n",
        all.display(),
        one.display()
    );
    let out = env.run(&["--db", ":memory:"], &script).ok().to_string();
    assert_eq!(std::fs::read_to_string(&all).expect("all.csv"), "a\n1\nb\n2\n");
    assert_eq!(std::fs::read_to_string(&one).expect("one.json"), "[{\"d\":4}]\n");
    assert_eq!(out, "c\n3\n[{\"e\":5}]\n");
}

#[test]
fn o_to_an_unwritable_path_is_one_line() {
    let env = Env::new();
    let run = env.run(&["--db", ":memory:"], "\\o /nonexistent/dir/x.csv\nselect 1;\n");
    let err = run.fails(1);
    assert!(err.starts_with("error: line 1: cannot write /nonexistent/dir/x.csv"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn control_characters_are_escaped_in_tables_but_exact_in_csv() {
    let env = Env::new();
    let q = "select 'a' || char(27) || '[31mred' || char(7) || char(13) as v";
    let out = env.run(&["--db", ":memory:", "-e", q], "").ok().to_string();
    assert!(!out.contains('\x1b') && !out.contains('\x07') && !out.contains('\r'), "{out:?}");
    assert!(out.contains("a\\e[31mred\\x07\\r"), "{out}");
    let out = env.run(&["--db", ":memory:", "--format", "csv", "-e", q], "").ok().to_string();
    assert_eq!(out, "v\n\"a\x1b[31mred\x07\r\"\n");
}

#[test]
fn numbers_align_right_and_the_footer_counts_rows() {
    let env = Env::new();
    let out = env.sql("select 5 as n, 'x' as t union all select 12345, 'long text'").ok().to_string();
    assert!(out.contains("|     5 | x         |"), "{out}");
    assert!(out.ends_with("+-------+-----------+\n2 rows\n"), "{out}");
}

#[test]
fn pipes_get_every_row_of_a_table() {
    let env = Env::new();
    let q = "with recursive c(x) as (select 1 union all select x+1 from c limit 1500) select x from c";
    let out = env.run(&["--db", ":memory:", "--row-limit", "10", "-e", q], "").ok().to_string();
    assert_eq!(table_rows(&out).len(), 1500);
    assert!(out.ends_with("1,500 rows\n"), "{}", &out[out.len() - 40..]);
}

#[test]
fn an_error_inside_a_transaction_commits_nothing() {
    let env = Env::new();
    let db = env.path("t.db");
    let db = db.to_str().expect("utf8");
    env.run(&["--db", db, "-e", "create table t(x)"], "").ok();
    let script =
        "begin;\ninsert into t values (1);\ninsert into nope values (2);\ninsert into t values (3);\ncommit;\n";
    env.run(&["--db", db], script).fails(1);
    let out = env.run(&["--db", db, "--format", "csv", "-e", "select count(*) as n from t"], "").ok().to_string();
    assert_eq!(out, "n\n0\n");
}

#[test]
fn bail_false_is_continue() {
    let env = Env::new();
    let run = env.run(&["--db", ":memory:", "--bail=false"], "select nope;\nselect 'after' as a;\n");
    run.fails(1);
    assert_eq!(table_rows(&run.stdout), [["after"]]);
    let run = env.run(&["--db", ":memory:", "--bail"], "select nope;\nselect 'after' as a;\n");
    run.fails(1);
    assert!(!run.stdout.contains("after"));
}

#[test]
fn broken_pipe_during_csv_exits_quietly() {
    let env = Env::new();
    let out = crate::util::neutral(&mut Command::new("sh"), env.home())
        .arg("-c")
        .arg(format!(
            "'{BIN}' --db :memory: --format csv -e 'with recursive c(x) as (select 1 union all select x+1 from c limit 3000000) select x, x*2 from c' | head -2; echo \"status=$?\""
        ))
        .output()
        .expect("sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stdout, "x,x*2\n1,2\nstatus=0\n");
    assert!(stderr.is_empty(), "{stderr}");
}

/// Peak resident memory (KiB) of talkcli writing `rows` generated rows as csv to /dev/null.
fn peak_rss_kib(env: &Env, rows: u64) -> u64 {
    let q = format!(
        "with recursive c(x) as (select 1 union all select x+1 from c limit {rows}) \
         select x, 'name ' || x, x * 0.5, printf('%020d', x) from c"
    );
    let child = crate::util::neutral(&mut Command::new(BIN), env.home())
        .args(["--db", ":memory:", "--format", "csv", "-e", &q])
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    let mut peak = 0;
    let mut child = child;
    // VmHWM is the high-water mark, so polling until exit catches the peak.
    loop {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status"))
            && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
        {
            peak = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap_or(peak).max(peak);
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    peak
}

#[test]
fn streaming_csv_memory_does_not_grow_with_rows() {
    let env = Env::new();
    env.sql("select 1").ok(); // create the bundled db first so it does not count
    let small = peak_rss_kib(&env, 20_000);
    let large = peak_rss_kib(&env, 2_000_000);
    // 2,000,000 rows of ~45 bytes would need ~90 MB buffered; streaming stays flat.
    assert!(large < 30 * 1024, "peak {large} KiB for 2M rows");
    assert!(large < small + 8 * 1024, "grew from {small} KiB to {large} KiB");
}

mod terminal {
    //! Paging and `\x auto` need a real terminal of a known size.

    use crate::util::{Env, Pty};

    /// A pager that marks every line it shows, so the test can see it was used.
    const MARKING_PAGER: &str = "sed 's/^/paged: /'";

    #[test]
    fn tall_results_go_through_the_pager_and_pager_off_stops_it() {
        let env = Env::new();
        let mut pty = Pty::spawn_sized(&env, 80, 20, &[("PAGER", MARKING_PAGER)], &[]);
        let q = "with recursive c(x) as (select 1 union all select x+1 from c limit 50) select x * 1000 as n from c;";
        pty.line(q);
        pty.expect("paged: | #50 | 50000 |");
        pty.expect("paged: 50 rows");
        pty.expect("talks> ");
        // A short result is printed directly.
        pty.line("select 'short' as s;");
        let before = pty.expect("1 row");
        assert!(before.contains("| short |") && !before.contains("paged: | short"), "{before}");
        pty.line("\\pager off");
        pty.expect("Pager is off.");
        pty.line(q);
        let before = pty.expect("50 rows");
        assert!(before.contains("| 50000 |") && !before.contains("paged:"), "{before}");
        pty.line("\\q");
        assert_eq!(pty.wait_exit(), 0);
    }

    /// `PAGER=less` without `-R` showed raw escape codes: talkcli adds `R` to `LESS`, as pgcli does,
    /// keeping what the user set there.
    #[test]
    fn a_less_pager_gets_r_in_less() {
        use std::os::unix::fs::PermissionsExt;
        let env = Env::new();
        std::fs::create_dir(env.path("bin")).expect("bin");
        let less = env.path("bin/less");
        std::fs::write(&less, "#!/bin/sh\necho \"LESS is [$LESS]\"\ncat >/dev/null\n").expect("less");
        std::fs::set_permissions(&less, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let q = "with recursive c(x) as (select 1 union all select x+1 from c limit 50) select x from c;";
        let pager = less.display().to_string();
        for (set, want) in [(None, "LESS is [-R]"), (Some("-S"), "LESS is [-S -R]"), (Some("FRX"), "LESS is [FRX]")] {
            let mut vars = vec![("PAGER", pager.as_str())];
            vars.extend(set.map(|v| ("LESS", v)));
            let mut pty = Pty::spawn_sized(&env, 80, 20, &vars, &[]);
            pty.line(q);
            pty.expect(want);
            pty.expect("talks> ");
            pty.line("\\q");
            assert_eq!(pty.wait_exit(), 0);
        }
    }

    /// A pager other than less shows escape codes as text: it gets the text without them, unless
    /// `--color always` asks for colour everywhere.
    #[test]
    fn other_pagers_get_no_escape_codes_unless_colour_is_forced() {
        use std::os::unix::fs::PermissionsExt;
        let env = Env::new();
        std::fs::create_dir(env.path("bin")).expect("bin");
        for name in ["more", "less"] {
            let pager = env.path(&format!("bin/{name}"));
            std::fs::write(&pager, "#!/bin/sh\ncat > \"$0.out\"\necho paged\n").expect("pager");
            std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        let q = "with recursive c(x) as (select 1 union all select x+1 from c limit 50) select x, null as z from c;";
        for (name, args, escapes) in
            [("more", &[][..], false), ("less", &[][..], true), ("more", &["--color", "always"][..], true)]
        {
            let pager = env.path(&format!("bin/{name}")).display().to_string();
            let mut pty = Pty::spawn_sized(&env, 80, 20, &[("PAGER", pager.as_str()), ("NO_COLOR", "")], args);
            pty.line(q);
            pty.expect("paged");
            pty.expect("talks> ");
            pty.line("\\q");
            assert_eq!(pty.wait_exit(), 0);
            let shown = std::fs::read(format!("{pager}.out")).expect("what the pager got");
            let text = String::from_utf8_lossy(&shown);
            assert!(text.contains("<null>") && text.contains("50 rows"), "{name} {args:?}: {text}");
            assert_eq!(shown.contains(&0x1b), escapes, "{name} {args:?}: {text:?}");
        }
    }

    #[test]
    fn a_pager_that_cannot_start_warns_once_and_prints() {
        let env = Env::new();
        let mut pty = Pty::spawn_sized(&env, 80, 10, &[("PAGER", "/nonexistent/pager")], &[]);
        pty.line("with recursive c(x) as (select 1 union all select x+1 from c limit 30) select x from c;");
        let before = pty.expect("30 rows");
        assert!(before.contains("warning: cannot start pager '/nonexistent/pager'"), "{before}");
        assert!(before.contains("| 29 |"), "{before}");
        pty.expect("talks> ");
        pty.line("with recursive c(x) as (select 1 union all select x+1 from c limit 31) select x from c;");
        let before = pty.expect("31 rows");
        assert!(!before.contains("warning:") && before.contains("| 30 |"), "{before}");
        pty.expect("talks> ");
        pty.line("\\q");
        assert_eq!(pty.wait_exit(), 0);
    }

    #[test]
    fn a_table_too_wide_to_cut_usefully_becomes_records_and_says_so() {
        let env = Env::new();
        let mut pty = Pty::spawn_sized(&env, 40, 40, &[], &[]);
        // Numbers are never cut: four of them cannot share 40 columns, so records (\x auto is the default).
        pty.line("select 1234567890 as a, 2234567890 as b, 3234567890 as c, 'a title' as title;");
        pty.expect("-[ RECORD 1 ]");
        pty.expect("title | a title");
        pty.expect("1 row");
        pty.expect("(shown as records");
        pty.line("\\x off");
        pty.expect("Expanded display is off.");
        pty.line("select 2 as id, 'short' as title;");
        pty.expect("| id | title |");
        pty.expect("|  2 | short |");
        pty.line("\\q");
        assert_eq!(pty.wait_exit(), 0);
    }

    #[test]
    fn narrow_terminal_truncates_long_text_and_uses_the_room() {
        let env = Env::new();
        let mut pty = Pty::spawn_sized(&env, 40, 40, &[], &[]);
        pty.line("select 1234567890 as id, 'a title far too wide for a forty column screen' as title;");
        let before = pty.expect("1 row");
        // The text is cut (rexpect shows the `…` byte by byte), the number is whole, and the table
        // (with its row handles) takes exactly the 40 columns it has.
        assert!(before.contains("| #1 | 1234567890 | a title far too "), "{before}");
        assert!(
            !before.contains("screen |") && before.contains("+----+------------+--------------------+\r\n"),
            "{before}"
        );
        pty.line("\\q");
        assert_eq!(pty.wait_exit(), 0);
    }

    #[test]
    fn the_talks_table_fits_80_columns_with_numbers_and_dates_whole() {
        let env = Env::new();
        let mut pty = Pty::spawn_sized(&env, 80, 60, &[], &[]);
        pty.line("select id, title, kind, recorded, duration from talks order by id limit 5;");
        let before = pty.expect("5 rows");
        let rows: Vec<&str> = before.lines().filter(|l| l.starts_with("| ") || l.starts_with("+-")).collect();
        assert!(rows.len() >= 9, "{before}");
        for l in &rows {
            // rexpect hands over bytes as Latin-1: `…` arrives as three characters.
            let l = l.replace("\u{e2}\u{80}\u{a6}", "…");
            assert!(l.trim_end().chars().count() <= 80, "wider than 80: {l}");
        }
        let data: Vec<&&str> = rows.iter().filter(|l| l.starts_with("| ") && !l.contains(" id ")).collect();
        for l in data {
            // cells[1] is the row handle (`#1`).
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            assert!(cells[1].starts_with('#'), "no handle: {l}");
            assert!(cells[2].parse::<i64>().is_ok(), "id cut: {l}");
            assert!(cells[5].len() == 10 && !cells[5].contains('…'), "date cut: {l}");
        }
        pty.line("\\q");
        assert_eq!(pty.wait_exit(), 0);
    }
}

#[test]
fn mode_box_draws_unicode_rules() {
    let env = Env::new();
    let out = env
        .run(&["--db", ":memory:"], ".mode box\nselect 1 as n, '日本' as t;\n.mode table\nselect 2 as n;\n")
        .ok()
        .to_string();
    // sqlite3's layout: widths in characters (so 日本 overhangs, as in sqlite3), no row count.
    assert_eq!(
        out,
        "┌───┬────┐\n│ n │ t  │\n├───┼────┤\n│ 1 │ 日本 │\n└───┴────┘\n+---+\n| n |\n+---+\n| 2 |\n+---+\n"
    );
    // `\\T table` keeps talkcli's table, footer and all.
    let out = env.run(&["--db", ":memory:"], "\\T table\nselect 2 as n;\n").ok().to_string();
    assert_eq!(out, "+---+\n| n |\n+---+\n| 2 |\n+---+\n1 row\n");
}
