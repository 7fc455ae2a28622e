//! psql's display habits (issue 22): `\pset border 0|1|2` for tables and `\x` records, and
//! `\crosstabview`'s fourth argument; their bad arguments are one line and change nothing.

use crate::util::{Env, Pty};

fn mem(env: &Env, script: &str) -> crate::util::Run {
    env.run(&["--db", ":memory:", "--continue"], script)
}

/// What the terminal showed, as text: the harness hands over each byte as one char.
fn utf8(shown: &str) -> String {
    let bytes: Vec<u8> = shown.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

const TABLE: &str = "create table t(id int, title text);\ninsert into t values (7, 'Grok the GIL'), (12, null);\n";

#[test]
fn border_draws_tables_as_psql_does_and_shows_in_pset() {
    let env = Env::new();
    let out = mem(&env, &format!("{TABLE}\\pset border 0\nselect * from t;\n\\pset border 1\nselect * from t;\n\\pset border 2\nselect * from t;\n"))
        .ok()
        .to_string();
    let zero = "id    title     \n-- ------------\n 7 Grok the GIL\n12 <null>\n2 rows\n";
    let one = " id |    title     \n----+--------------\n  7 | Grok the GIL\n 12 | <null>\n2 rows\n";
    let two = "+----+--------------+\n| id | title        |\n+----+--------------+\n|  7 | Grok the GIL |\n| 12 | <null>       |\n+----+--------------+\n2 rows\n";
    assert_eq!(out, format!("{zero}{one}{two}"));
    // From the command line too, and with `\t`; the setting shows in \pset's list and by name.
    let run =
        env.run(&["--db", ":memory:", "-e", "\\pset border 1", "-e", "\\t on", "-e", "select 1 as n, 'x' as s"], "");
    assert_eq!(run.ok(), " 1 | x\n");
    // Quoted names and values are the text inside, as psql reads them.
    let out = mem(&env, "\\pset 'border' '1'\n\\pset footer 'off'\n\\pset format 'aligned'\nselect 1 as n;\n")
        .ok()
        .to_string();
    assert_eq!(out, " n \n---\n 1\n");
    let out = mem(&env, "\\pset border\n\\pset border 0\n\\pset border\n\\pset\n").ok().to_string();
    assert!(out.starts_with("Border style is 2.\nBorder style is 0.\n"), "{out}");
    assert!(out.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["border", "0"]), "{out}");
}

#[test]
fn border_draws_records_as_psql_does_once_set() {
    let env = Env::new();
    let script = format!(
        "{TABLE}\\x on\nselect * from t where id = 7;\n\\pset border 2\nselect * from t where id = 7;\n\\pset border 0\nselect * from t where id = 7;\n"
    );
    let out = mem(&env, &script).ok().to_string();
    // Unset: pgcli's records; border 2: a frame; border 0: psql's `* Record`.
    let want = "\
-[ RECORD 1 ]-------
id    | 7
title | Grok the GIL
1 row
+-[ RECORD 1 ]---------+
| id    | 7            |
| title | Grok the GIL |
+-------+--------------+
1 row
* Record 1
id    7
title Grok the GIL
1 row
";
    assert_eq!(out, want);
}

/// At 80 columns a long text is cut to fit the terminal at every border, the table keeps psql's
/// unframed layout at border 1, and `\x` records follow the border.
#[test]
fn border_one_fits_an_80_column_terminal() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["-q", "--db", ":memory:"]);
    pty.line("\\pset border 1");
    pty.expect("Border style is 1.");
    pty.line("select 1 as id, replace(hex(zeroblob(60)), '0', 'word ') as words;");
    let shown = utf8(&pty.expect("1 row"));
    let lines: Vec<&str> = shown.lines().map(|l| l.trim_end_matches('\r')).collect();
    let rule = lines.iter().position(|l| l.starts_with("----+")).unwrap_or_else(|| panic!("no rule:\n{shown}"));
    // The row handle column (`#1`) first, as at every prompt.
    assert!(lines[rule - 1].starts_with(" #  | id |"), "{shown}");
    let row = lines[rule + 1];
    assert!(row.starts_with(" #1 |  1 | word word") && row.ends_with('…'), "{shown}");
    for line in &lines[rule - 1..=rule + 1] {
        assert!(line.chars().count() <= 80, "{} > 80: {line}", line.chars().count());
        assert!(!line.starts_with('+') && !line.starts_with('|'), "no frame: {line}");
    }
    pty.line("\\x on");
    pty.expect("Expanded display is on.");
    pty.line("select 1 as a_long_column_name;");
    let shown = utf8(&pty.expect("1 row"));
    // psql's border-1 record rule: a junction where the names end.
    assert!(shown.contains("\n-[ RECORD 1 ]------+--") && shown.contains("\na_long_column_name | 1"), "{shown}");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn crosstabview_sorts_its_header_by_a_fourth_column() {
    let env = Env::new();
    let setup = "create table t(y int, k text, n int, r);\n\
                 insert into t values (2017, 'talk', 3, 2), (2017, 'keynote', 1, '1'), (2018, 'talk', 5, 9), \
                 (2018, 'tutorial', 7, -1), (2018, 'panel', 2, 'x');\n\\T csv\n";
    let out =
        mem(&env, &format!("{setup}select * from t \\crosstabview y k n r\nselect * from t \\crosstabview 1 2 3 4\n"))
            .ok()
            .to_string();
    // tutorial -1, panel 'x' (0), keynote '1', talk 2 (its first row's value, not 9).
    let grid = "y,tutorial,panel,keynote,talk\n2017,,,1,3\n2018,7,2,,5\n";
    assert_eq!(out, format!("{grid}{grid}"));
    let out =
        mem(&env, &format!("{setup}select k as \"Kind\", y, n from t \\crosstabview \"Kind\" y\n")).ok().to_string();
    assert!(out.starts_with("Kind,2017,2018\n"), "{out}");
}

/// `\pset border` and `\crosstabview` with missing, extra, quoted and unicode arguments: one
/// line on stderr, the border as it was, the open transaction and the earlier rows kept.
#[test]
fn border_and_crosstab_refuse_bad_arguments_in_one_line() {
    let env = Env::new();
    let cases: &[(&str, &str)] = &[
        ("\\pset border 3", "\\pset border: expected 0, 1 or 2, not '3'"),
        ("\\pset border -1", "not '-1'"),
        ("\\pset border 'two'", "not 'two'"),
        ("\\pset border １", "not '１'"),
        ("\\pset border ٢", "not '٢'"),
        ("\\pset border 1 2", "not '1 2'"),
        ("\\pset border ''", "not ''"),
        ("\\pset border \"1\"", "not '\"1\"'"),
        ("\\pset border 01", "not '01'"),
        ("\\pset bördér 1", "unknown setting 'bördér'"),
        ("\\crosstabview a b c d e", "usage: \\crosstabview [COLV [COLH [COLD [SORTCOLH]]]]"),
        ("select * from t \\crosstabview 0", "column number 0 is out of range 1 to 4"),
        ("select * from t \\crosstabview 99999999999999999999", "column number 99999999999999999999 is out of range"),
        ("select * from t \\crosstabview 'ÿ'", "no column named 'ÿ' in the result"),
        ("select * from t \\crosstabview '1'", "no column named '1' in the result"),
        ("select * from t \\crosstabview y Y", "the vertical and horizontal columns must differ"),
        ("select * from t \\crosstabview y k", "name the data column (the result has 4 columns)"),
        ("select * from t \\crosstabview y k n 'nöpe'", "no column named 'nöpe' in the result"),
        ("select * from t \\crosstabview y k n 5", "column number 5 is out of range 1 to 4"),
        ("select y, k from t \\crosstabview", "the query must return at least three columns (it returns 2)"),
        (
            "with recursive c(i) as (select 1 union all select i + 1 from c where i < 1601) select 0, i, 1 from c \\crosstabview",
            "the grid would have more than 1600 columns (psql's limit)",
        ),
    ];
    for (line, says) in cases {
        let script = format!(
            "create table t(y int, k text, n int, r);\ninsert into t values (2017, 'talk', 3, 1);\n\
             begin;\ninsert into t values (2018, 'talk', 4, 2);\n{line}\nselect count(*) as n from t;\ncommit;\n"
        );
        let run = mem(&env, &script);
        let errors: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(errors.len(), 1, "{line}: {}", run.stderr);
        assert!(errors[0].contains(says), "{line}: {}", run.stderr);
        // Still border 2 (framed), the transaction still open and both rows there.
        assert_eq!(run.stdout, "+---+\n| n |\n+---+\n| 2 |\n+---+\n1 row\n", "{line}");
    }
}

/// The examples of `\pset border` and `\crosstabview` in the workbench how-to show what the
/// binary prints.
#[test]
fn the_workbench_how_to_shows_real_border_and_crosstab_output() {
    let env = Env::new();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/howto/workbench.md");
    let doc = std::fs::read_to_string(path).expect("how-to");
    let mut checked = 0;
    for block in doc.split("\n$ talkcli -e \"").skip(1) {
        let (line, rest) = block.split_once("\"\n").expect("a command line");
        let shown = rest.split("```").next().unwrap_or_default();
        let mut args = Vec::new();
        for command in line.split("\" -e \"") {
            args.extend(["-e", command]);
        }
        let out = env.run(&args, "");
        assert_eq!(format!("{}{}", out.stdout, out.stderr), shown, "{line}");
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} captures found");
}

/// As psql shows it: a cell no row fills is blank, a NULL value is the null marker; csv writes
/// both empty.
#[test]
fn crosstabview_leaves_unfilled_cells_blank_and_shows_null_as_null() {
    let env = Env::new();
    let setup = "create table t(y int, k text, n int);\n\
                 insert into t values (2017, 'talk', 3), (2018, 'talk', NULL), (2018, 'keynote', 1);\n";
    let out = mem(&env, &format!("{setup}\\null (null)\nselect * from t \\crosstabview\n")).ok().to_string();
    assert_eq!(
        out,
        "+------+--------+---------+\n\
         | y    | talk   | keynote |\n\
         +------+--------+---------+\n\
         | 2017 |      3 |         |\n\
         | 2018 | (null) |       1 |\n\
         +------+--------+---------+\n\
         2 rows\n"
    );
    let out = mem(&env, &format!("{setup}\\T csv\nselect * from t \\crosstabview\n")).ok().to_string();
    assert_eq!(out, "y,talk,keynote\n2017,3,\n2018,,1\n");
}
