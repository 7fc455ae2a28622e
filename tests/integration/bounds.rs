//! Bounded time and memory: what the fault-and-fuzz run found growing or hanging — a reader that
//! closes its pipe early over an endless query, a huge statement with an error. Each case runs
//! under `timeout`, so a regression fails with status 124 instead of hanging the suite.

use crate::util::{BIN, Env};

/// An endless query: every format must stop writing it once its reader is gone.
const ENDLESS: &str = "with recursive c(x) as (select 1 union all select x + 1 from c) select x, 'abc' as y from c";

/// Runs `script` with bash (`$1` = talkcli under `timeout 10`), returning talkcli's exit status as
/// the script's last line `rc=N`, and its stdout and stderr.
fn bash(env: &Env, script: &str) -> crate::util::Run {
    let mut cmd = std::process::Command::new("bash");
    crate::util::neutral(&mut cmd, env.home()).env("TERM", "dumb").args(["-c", script, "bash", BIN]);
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
