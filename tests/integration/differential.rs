//! The differential test: a corpus of scripts run through talkcli and the sqlite3 shell in every
//! sqlite3-compatible mode, comparing stdout, the exit status and the final database.
//!
//! Debian's `sqlite3` is 3.40 while talkcli bundles a newer SQLite, so a difference may be the
//! library's rather than the shell's. The reference shell (`tests/tools/build-reference-shell.sh`:
//! Debian's shell.c built against talkcli's own amalgamation) tells them apart: where talkcli
//! differs from Debian's shell but agrees with the reference, the difference is the library's and is
//! only noted; where it differs from both, the test fails. With `CI` set, a missing shell fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::util::{Env, neutral, tool};

/// Modes both shells share (sqlite3's names; talkcli takes them from `.mode`), including the
/// columnar ones, which `.mode` draws in sqlite3's layout.
const MODES: &[&str] =
    &["list", "csv", "tabs", "quote", "insert", "line", "ascii", "json", "box", "table", "column", "markdown"];

/// Which modes a script runs in.
#[derive(Clone, Copy)]
enum Modes {
    All,
    /// Output that does not depend on the mode (schema commands, EXPLAIN): list only.
    ListOnly,
    /// Every mode but these, for a documented difference.
    AllBut(&'static [&'static str]),
}

use Modes::{All, AllBut, ListOnly};

/// (name, script, modes).
const CORPUS: &[(&str, &str, Modes)] = &[
    (
        "triggers, CTEs and window functions",
        "create table t(id integer primary key, name text, score real);
create table log(msg text);
create trigger tr after insert on t begin
  insert into log values('added ' || new.name);
end;
insert into t(name, score) values ('a', 1.5), ('b;c', 2), ('d''e', null), ('f', 2);
with recursive c(x) as (select 1 union all select x + 1 from c where x < 5)
select x, sum(x) over (order by x) as running from c;
select name, rank() over (order by score desc) as r, score from t order by id;
select * from log;
update t set score = score * 2 where score > 1 returning id, score;
",
        All,
    ),
    (
        "views, semicolons in strings, comments",
        "-- a comment; with a semicolon
create table s(a, b); /* block ; comment */
insert into s values ('x;y', 'multi
line'), ('it''s', '');
create view v as select a, length(b) as n from s;
select * from v; select 'semi;colon' as c; -- trailing comment
select a
  from s -- inside
 where b = '';
",
        All,
    ),
    (
        "blobs, NULLs, numbers and unicode",
        "select x'00ff10' as b, null as n, '' as e, 'é日本🙂' as u, 1e100 as big, -0.0 as negzero;
select 9223372036854775807 as maxint, 1.0/3 as third, 0.1 + 0.2 as sum, 2.0 as two;
select typeof(x'00') as t, quote(x'abcd') as q, char(9) || 'tab' as tab, 'a\"b' as dq;
select 'line' || char(10) || 'break' as lb, 'cr' || char(13) as cr;
",
        // json: talkcli writes blobs as hex (sqlite3 writes their raw bytes, which is not JSON).
        AllBut(&["json"]),
    ),
    (
        "EXPLAIN, EXPLAIN QUERY PLAN and .eqp",
        "create table t(a integer primary key, b, c);
create index t_b on t(b);
create table u(x, y);
insert into t values (1, 2, 3), (2, 2, 4);
explain query plan select * from t where b = 1;
explain query plan select * from t join u on u.x = t.a where c > 3 order by y;
explain query plan select (select count(*) from u where u.x = t.b) from t;
explain select b from t where c = 1;
.eqp on
select a from t where b = 2;
select 1 as one;
.eqp off
select 2 as two;
",
        ListOnly,
    ),
    (
        "errors mid-line drop the rest of the chunk",
        "create table t(a);
select nosuch; insert into t values(1);
select count(*) as n from t;
insert into t values(2); select bad syntax here; insert into t values(3);
select * from t;
insert into t values(4);
select sum(a) as total from t;
",
        All,
    ),
    (
        "dot commands between statements",
        ".print \"A\\tB\"
.print 'single\\tquoted' unquoted\\tword
create table k(a integer primary key autoincrement, b);
insert into k(b) values ('one'), ('two');
.nullvalue NULL
select a, b, null as n from k;
.nullvalue ''
select changes() as c, total_changes() as tc;
update k set b = b || '!';
select 1 as one;
.limit length
create table parent(id integer primary key);
create table child(p references parent(id));
insert into child values (5);
pragma foreign_keys;
",
        All,
    ),
    (
        "schema commands",
        "create table a1(x integer primary key autoincrement, y text unique);
create table b2(p, q, foreign key (p) references a1(x));
create index b2_q on b2(q);
create view v1 as select x, y from a1;
create trigger tg after delete on a1 begin delete from b2 where p = old.x; end;
create table \"odd name\"(\"select\", [x y]);
insert into a1(y) values ('one'), ('two');
insert into \"odd name\" values (1, 2);
create table longer_table_name_here(id integer primary key, title text not null, year integer, kind text default 'talk');
attach ':memory:' as aux;
create table aux.t3(a);
create index aux.t3_a on t3(a);
create temp table tt(b);
create temp view tv as select * from tt;
.tables
.tables a%
.tables b% a%
.indexes
.indexes b2
.schema
.schema a1
.schema --indent
.schema -indent b%
.schema aux.%
.schema --nosys
.fullschema
.dump
.dump a%
.dump --data-only
.dump --nosys b% v%
.dump --newlines odd%
",
        ListOnly,
    ),
    (
        ".width, wrapping and multi-line cells in the columnar modes",
        "create table w(id integer primary key, name text, note text, amount real);
insert into w values (1, 'short', 'one' || char(10) || 'two', 2.5),
  (2, 'a rather longer name than most', null, -10), (3, 'tab' || char(9) || 'bed', 'x', 1e20),
  (4, 'é日本語', 'crlf' || char(13) || char(10) || 'next', 0.5);
select * from w;
.width 4 -12 0 -8
select * from w;
.width -2
select id, name from w where id < 3;
.width
.mode box --wrap 10 --wordwrap on
select name, note from w;
.mode table --wrap 6
select name from w;
.mode markdown --quote
select * from w;
.mode column
.headers off
select * from w;
.headers on
.nullvalue (none)
.mode qbox
select null as n, 'it''s' as q, x'0102' as b;
.mode table
select * from w where id > 100;
",
        All,
    ),
    (
        "echo",
        ".echo on
select 1 as a;
  select 2 as b;   select 3 as c;
-- comment line

select 4
  as d;
.print
.print done
",
        ListOnly,
    ),
    (
        ".output and .once: stdout, no argument, and |cmd quoted as sqlite3 takes it",
        ".output '|cat -n'
select 1 as a;
.output
.output stdout
select 2 as b;
.once
select 3 as c;
.once stdout
select 4 as d;
.once '| tr 6 X'
select 6 as e;
select 7 as f;
.output '|sed s/^/piped:/'
select 8 as g;
.output stdout
select 9 as h;
",
        All,
    ),
    (
        "the shell's SQL functions and collations",
        "create table f(name text);
insert into f values ('file10'), ('file9'), ('File2'), ('file010'), (NULL);
select name, name regexp '^file\\d+$' as re, regexpi('^FILE', name) as rei from f order by rowid;
select name from f where name is not null order by name collate uint, rowid;
select value from generate_series(1, 10, 4);
select * from generate_series(5, 1, -2);
select hex(sha3('abc')) as h256, hex(sha3('abc', 384)) as h384, hex(sha3(12)) as n, sha3(null) as z;
select hex(sha3_query('select * from f; select 1.5, x''00''')) as q;
select ieee754(0.1) as a, ieee754(-3.0) as b, ieee754(1, -2) as c, ieee754_mantissa(12.5) as m,
  ieee754_exponent(12.5) as e, hex(ieee754_to_blob(2.5)) as tb, ieee754_from_blob(x'4004000000000000') as fb;
select writefile('written.txt', 'some ' || 'bytes') as n, hex(readfile('written.txt')) as back,
  readfile('no such file') as missing;
select name, lsmode(mode) as m, cast(data as text) as data from fsdir('written.txt');
select lsmode(16877) as d, lsmode(null) as n;
select edit('hello', 'sed -i s/hello/bye/') as e, typeof(edit(x'6869', 'true')) as b, edit(5, 'true') as n;
select edit('kept', 'false');
select decimal('1.10') as d, decimal_add('0.1', '0.2') as s, decimal_sub('1', '3.25') as m,
  decimal_mul('-1.20', '0.50') as p, decimal_cmp('10', '9.99') as c, decimal('1.5e-3') as e;
select decimal_sum(name regexp '1') as n from f;
select x from (select '10' x union all select '9.5' union all select '-1') order by x collate decimal;
select floor(2.5) as fl, ceil(2.1) as ce, pow(2, 10) as p, round(pi(), 6) as pi, log(100) as lg;
select regexp('[', 'x');
select 'after the error';
",
        All,
    ),
    (
        "echo of block comments alone and beside statements",
        ".echo on
/* a block
   comment */
select 1 as a;
/* one */ select 2 as b;
select 3 as c; /* after */

/* another
*/
.print between
/* before */
select 4 as d;
",
        ListOnly,
    ),
    (
        "a statement failing after some rows, and .mode column's header",
        "create table t(a unique);
insert into t values(1);
select a from t union all select abs(-9223372036854775808);
insert into t values(2), (1) returning a;
select 1 as x union all select json('[1');
select 5 as e;
.headers off
select a from t union all select abs(-9223372036854775808) union all select 3;
.mode column
select 6 as f;
",
        All,
    ),
    (
        ".once then .import of text that is not UTF-8 or holds NUL, in csv, list and tabs",
        "create table t(a, b);
insert into t values (cast(x'41004243' as text), 'x'), (cast(x'ff0a41' as text), cast(x'22e92c22' as text)),
  (x'0001', 'y'), ('a\"b', 'c,d'), ('caf' || cast(x'e9' as text), 'z');
.mode csv
.once out.csv
select * from t;
.import out.csv u
.mode list
.once out.txt
select * from t;
.import out.txt v
.mode tabs
.once out.tsv
select * from t;
.import out.tsv w
.mode list
select hex(a), hex(b) from u;
select count(*) from v;
select hex(a), hex(b) from w;
",
        ListOnly,
    ),
];

/// The reference shell (`TALKCLI_REFERENCE_SQLITE3`, else where the build script puts it) when
/// it runs; without it, a failure under CI and a note elsewhere.
fn reference_shell(env: &Env) -> Option<PathBuf> {
    let path = std::env::var_os("TALKCLI_REFERENCE_SQLITE3")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/reference-shell/sqlite3"));
    let runs = neutral(&mut Command::new(&path), env.home())
        .arg("-version")
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        let msg = "the reference sqlite3 shell is missing (build it with tests/tools/build-reference-shell.sh)";
        assert!(std::env::var_os("CI").is_none(), "{msg}");
        eprintln!("note: {msg}; differences from Debian's sqlite3 cannot be told library from shell");
    }
    runs.then_some(path)
}

struct Outcome {
    stdout: String,
    code: Option<i32>,
    database: String,
}

/// Runs `script` on a new database file with `cmd`, then (with `dumper`) dumps the database.
fn run(env: &Env, cmd: &mut Command, db: &Path, script: &str, dumper: Option<&Path>) -> Outcome {
    let _ = std::fs::remove_file(db);
    let out = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().and_then(|mut c| {
        use std::io::Write;
        c.stdin.take().expect("stdin").write_all(script.as_bytes())?;
        c.wait_with_output()
    });
    let out = out.expect("run a shell");
    let database = dumper.map_or_else(String::new, |d| {
        let dump = neutral(&mut Command::new(d), env.home()).arg(db).arg(".dump").output().expect("dump");
        String::from_utf8_lossy(&dump.stdout).into_owned()
    });
    Outcome { stdout: String::from_utf8_lossy(&out.stdout).into_owned(), code: out.status.code(), database }
}

#[test]
fn scripts_give_what_the_sqlite3_shell_gives_in_every_mode() {
    let env = Env::new();
    let Some(debian) = tool("sqlite3") else { return };
    let reference = reference_shell(&env);
    // One thread per script, each on its own database file: the runs are independent processes.
    let results: Vec<(Vec<String>, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = CORPUS
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                let (env, debian, reference) = (&env, &debian, &reference);
                scope.spawn(move || check(env, &env.path(&format!("diff-{i}.db")), entry, debian, reference.as_deref()))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a corpus thread panicked")).collect()
    });
    let (failures, library): (Vec<String>, Vec<String>) =
        results.into_iter().fold((Vec::new(), Vec::new()), |(mut f, mut l), (ef, el)| {
            f.extend(ef);
            l.extend(el);
            (f, l)
        });
    if !library.is_empty() {
        eprintln!("note: library differences from Debian's sqlite3 (the reference shell agrees): {library:?}");
    }
    if reference.is_none() && !failures.is_empty() {
        // Outside CI without the reference shell (CI fails above instead), a difference may be the
        // newer bundled library's: say what differs rather than fail a developer's `cargo test`.
        eprintln!(
            "note: {} difference(s) from Debian's sqlite3 that only the reference shell can attribute:\n{}",
            failures.len(),
            failures.join("\n")
        );
        return;
    }
    assert!(failures.is_empty(), "{} difference(s) from the sqlite3 shell:\n{}", failures.len(), failures.join("\n"));
}

/// One script in each of its modes: the differences that are talkcli's, and those that are the
/// library's. The final database is compared once, after the first mode (it does not depend on it).
fn check(
    env: &Env,
    db: &Path,
    (name, script, modes): &(&str, &str, Modes),
    debian: &Path,
    reference: Option<&Path>,
) -> (Vec<String>, Vec<String>) {
    let (mut failures, mut library) = (Vec::new(), Vec::new());
    let modes: Vec<&str> = match modes {
        All => MODES.to_vec(),
        ListOnly => vec!["list"],
        AllBut(skip) => MODES.iter().copied().filter(|m| !skip.contains(m)).collect(),
    };
    for (k, mode) in modes.into_iter().enumerate() {
        let dumper = (k == 0).then_some(debian);
        let script = format!(".mode {mode}\n.headers on\n{script}");
        let mut ours = env.cmd();
        ours.args(["--continue", "--db"]).arg(db);
        let ours = run(env, &mut ours, db, &script, dumper);
        let theirs = run(env, neutral(&mut Command::new(debian), env.home()).arg(db), db, &script, dumper);
        let same = |a: &Outcome, b: &Outcome| {
            same_stdout(mode, &a.stdout, &b.stdout) && a.code == b.code && a.database == b.database
        };
        if same(&ours, &theirs) {
            continue;
        }
        let by_reference =
            reference.map(|r| run(env, neutral(&mut Command::new(r), env.home()).arg(db), db, &script, dumper));
        match by_reference {
            Some(r) if same(&ours, &r) => library.push(format!("{name} ({mode})")),
            r => failures.push(describe(name, mode, &ours, r.as_ref().unwrap_or(&theirs))),
        }
    }
    (failures, library)
}

/// Byte for byte, except json, where a REAL may be spelled differently but must be the same
/// number (talkcli writes the shortest text that reads back, sqlite3 `%!.20g`).
fn same_stdout(mode: &str, a: &str, b: &str) -> bool {
    if mode != "json" || a == b {
        return a == b;
    }
    let values = |s: &str| -> Option<Vec<serde_json::Value>> {
        serde_json::Deserializer::from_str(s).into_iter::<serde_json::Value>().collect::<Result<_, _>>().ok()
    };
    matches!((values(a), values(b)), (Some(x), Some(y)) if x == y)
}

fn describe(name: &str, mode: &str, ours: &Outcome, theirs: &Outcome) -> String {
    let mut s = format!("--- {name}, .mode {mode}:\n");
    if ours.code != theirs.code {
        s.push_str(&format!("exit status: talkcli {:?}, sqlite3 {:?}\n", ours.code, theirs.code));
    }
    if ours.stdout != theirs.stdout {
        s.push_str(&format!("stdout, talkcli:\n{}\nstdout, sqlite3:\n{}\n", ours.stdout, theirs.stdout));
    }
    if ours.database != theirs.database {
        s.push_str(&format!("database, talkcli:\n{}\ndatabase, sqlite3:\n{}\n", ours.database, theirs.database));
    }
    s
}

#[test]
fn show_names_the_output_as_sqlite3_does() {
    let env = Env::new();
    let Some(debian) = tool("sqlite3") else { return };
    let script = ".output shown.txt\n.show\n.output stdout\n.show\n.output '|cat'\n.show\n";
    let output_lines = |cmd: &mut Command| -> Vec<String> {
        let _ = std::fs::remove_file(env.path("shown.txt"));
        let db = env.path("show.db");
        let out = run(&env, cmd.arg(&db), &db, script, None);
        let file = std::fs::read_to_string(env.path("shown.txt")).expect("the .output file");
        (file + &out.stdout).lines().filter(|l| l.trim_start().starts_with("output:")).map(str::to_string).collect()
    };
    let ours = output_lines(&mut env.cmd());
    assert_eq!(ours, ["      output: shown.txt", "      output: stdout", "      output: |cat"]);
    assert_eq!(ours, output_lines(neutral(&mut Command::new(debian), env.home())));
    assert!(!env.path("stdout").exists(), ".output stdout made a file");
}

/// A documented difference: sqlite3's ascii import skips a record whose first field is empty
/// (saying "extras ignored"); talkcli keeps it, since data is never dropped quietly.
#[test]
fn ascii_import_keeps_a_record_whose_first_field_is_empty() {
    let env = Env::new();
    std::fs::write(env.path("in.txt"), "a\x1fb\x1e\x1fy\x1ez\x1fw\x1e").expect("write input");
    let db = env.path("ascii.db");
    let script =
        ".mode ascii\n.import in.txt t\n.mode list\nselect count(*) from t;\nselect quote(a), quote(b) from t;\n";
    let run = env.run(&["--db", db.to_str().expect("utf-8")], script);
    assert_eq!(run.ok(), "count(*)\n2\nquote(a)|quote(b)\n''|'y'\n'z'|'w'\n");
}
