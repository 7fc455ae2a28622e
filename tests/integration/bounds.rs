//! Bounded time and memory: what the fault-and-fuzz run found growing or hanging — a reader that
//! closes its pipe early over an endless query, a huge statement with an error. Each case runs
//! under `timeout`, so a regression fails with status 124 instead of hanging the suite.

use crate::util::{BIN, Env};

/// An endless query: every format must stop writing it once its reader is gone.
const ENDLESS: &str = "with recursive c(x) as (select 1 union all select x + 1 from c) select x, 'abc' as y from c";

/// Runs `script` with bash (`$1` = talkcli under `timeout 10`), returning talkcli's exit status as
/// the script's last line `rc=N`, and its stdout and stderr.
fn bash(env: &Env, script: &str) -> crate::util::Run {
    let mut cmd = crate::util::neutral_shell(env, "bash");
    cmd.args(["-c", script, "bash", BIN]);
    crate::safety::finish_within(cmd, 60)
}

#[test]
fn a_reader_that_stops_early_stops_an_endless_query_in_every_format() {
    let env = Env::new();
    env.sql("select 1;").ok();
    for setup in
        ["", "\\T box", "\\T csv", "\\T vertical", ".mode table", ".mode box", ".mode column", ".mode markdown"]
    {
        let script = format!(
            "set -o pipefail; printf '%s\\n' '{setup}' \"{ENDLESS};\" | timeout 10 \"$1\" | head -5; echo \"rc=$?\""
        );
        let run = bash(&env, &script);
        // 141 is SIGPIPE's status (a shell pipeline's writer killed by it), 0 a quiet exit.
        assert!(run.stdout.ends_with("rc=0\n") || run.stdout.ends_with("rc=141\n"), "{setup}: {}", run.stdout);
        assert!(run.stdout.contains("abc"), "{setup}: {}", run.stdout);
        assert_eq!(run.stderr, "", "{setup}");
    }
    // Through talkcli's own pipes: the statement stops quietly and the session goes on.
    for (send, query) in [
        ("\\o |head -1", format!("{ENDLESS};")),
        (".once |head -1", format!("{ENDLESS};")),
        ("", format!("{ENDLESS} \\g |head -1")),
    ] {
        let script = format!(
            "printf '%s\\n' '{send}' \"{query}\" '\\o' \"select 'after' as a;\" | timeout 10 \"$1\"; echo \"rc=$?\""
        );
        let run = bash(&env, &script);
        assert!(run.stdout.ends_with("rc=0\n"), "{send} {query}: {}\n{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("| after |"), "{send}: {}", run.stdout);
        assert_eq!(run.stderr, "", "{send}");
    }
}

#[test]
fn an_error_in_a_one_megabyte_statement_is_reported_at_once() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let sql = format!("select {} from no_such_table;\n", vec!["1"; 330_000].join(", "));
    std::fs::write(env.path("big.sql"), &sql).expect("write");
    let run = bash(&env, "timeout 10 \"$1\" -f big.sql; echo \"rc=$?\"");
    assert!(run.stdout.ends_with("rc=1\n"), "{}\n{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(lines[0].contains("no such table: no_such_table"), "{}", run.stderr);
    assert!(lines[1].starts_with("LINE 1: ...") && lines[1].ends_with("from no_such_table;"), "{}", run.stderr);
    assert!(lines[1].len() < 100, "{}", lines[1]);
}

/// Runs `cmd` to its end and returns its exit status and its peak resident memory in KiB, as GNU
/// time reports it. Not `wait4` on a child of this process: std starts children sharing this
/// process's memory until they exec (vfork), and Linux then counts this process's peak, which
/// grows with the tests running beside it, as the child's (135 MiB once for a 20 MiB import).
fn peak_kib(env: &Env, cmd: std::process::Command) -> (i32, i64) {
    let mut timed = crate::util::neutral_shell(env, "/usr/bin/time");
    timed.args(["-f", "talkcli-peak %x %M"]).arg(cmd.get_program()).args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => timed.env(k, v),
            None => timed.env_remove(k),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        timed.current_dir(dir);
    }
    let out = timed.stdin(std::process::Stdio::null()).output().expect("run /usr/bin/time (Debian: apt install time)");
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err.lines().rev().find_map(|l| l.strip_prefix("talkcli-peak ")).expect("time's report");
    let (code, kib) = line.split_once(' ').expect("status and memory");
    (code.parse().expect("status"), kib.parse().expect("KiB"))
}

#[test]
fn csv_imports_stream_in_bounded_memory_and_read_only_regular_files() {
    use std::io::Write;
    let env = Env::new();
    let csv = env.path("big.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&csv).expect("create"));
    writeln!(f, "a,b").expect("write");
    let pad = "x".repeat(270);
    for i in 0..250_000 {
        writeln!(f, "{i},{pad}").expect("write");
    }
    f.flush().expect("flush");
    drop(f);
    let size = std::fs::metadata(&csv).expect("meta").len();
    assert!(size > 60 << 20, "{size}");
    let csv_s = csv.to_str().expect("utf8");
    for script in [format!(".import --csv {csv_s} t1"), format!("\\import csv {csv_s} t2")] {
        let mut cmd = env.cmd();
        cmd.args(["--db", "m.db", "-e", &script]);
        let (code, kib) = peak_kib(&env, cmd);
        assert_eq!(code, 0, "{script}");
        assert!(kib < 50 * 1024, "{script}: {kib} KiB for a {} MiB file", size >> 20);
    }
    let counts =
        env.run(&["--db", "m.db", "-e", "select (select count(*) from t1) as a, (select count(*) from t2) as b;"], "");
    assert!(counts.ok().contains("| 250000 | 250000 |"), "{}", counts.stdout);

    // Devices and FIFOs are refused at once, in one line, as `\import csv` refuses them.
    let fifo = env.path("fifo");
    crate::safety::mkfifo(&fifo);
    for (file, is) in
        [("/dev/zero", "a device"), ("/dev/urandom", "a device"), (fifo.to_str().expect("utf8"), "a pipe")]
    {
        let run = bash(&env, &format!("timeout 10 \"$1\" --db m.db -e '.import --csv {file} t3'; echo \"rc=$?\""));
        assert!(run.stdout.ends_with("rc=1\n"), "{file}: {}", run.stdout);
        assert!(run.stderr.contains(&format!("it is {is}")) && run.stderr.lines().count() == 1, "{}", run.stderr);
    }
}

#[test]
fn numeric_arguments_and_edited_files_have_bounds_with_one_line_past_them() {
    let env = Env::new();
    env.sql("select 1;").ok();
    // `.width 2147483647` then a box result filled memory at gigabytes a second.
    let run = bash(&env, "timeout 10 \"$1\" -e '.width 2147483647' -e '.mode box' -e 'select 1;'; echo \"rc=$?\"");
    assert!(run.stdout.ends_with("rc=1\n"), "{}", run.stdout);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("each width must be a whole number from -10000 to 10000"), "{}", run.stderr);
    assert!(env.run(&["-e", ".width 10000 -10000"], "").ok().is_empty());

    // `\e FILE` reads back only a regular file of a sane size (EDITOR=true leaves it as it is).
    let fifo = env.path("edit.fifo");
    crate::safety::mkfifo(&fifo);
    let big = env.path("big.sql");
    std::fs::write(&big, "-- padding\n".repeat(2 << 20)).expect("write");
    for (file, says) in [
        ("/dev/zero".to_string(), "it is a device, not a regular file".to_string()),
        (fifo.display().to_string(), "it is a pipe (FIFO), not a regular file".to_string()),
        (big.display().to_string(), "it is too large (23068672 bytes; the limit is 16 MiB)".to_string()),
    ] {
        let script = format!("EDITOR=true timeout 10 \"$1\" -e '\\e {file}'; echo \"rc=$?\"");
        let run = bash(&env, &script);
        assert!(run.stdout.ends_with("rc=1\n"), "{file}: {}", run.stdout);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains(&says), "{file}: {}", run.stderr);
    }
}
