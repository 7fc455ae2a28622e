//! Messages that tell the truth once: a full disk is said once per failed output, `\backup`
//! inside the session's own transaction names that transaction (not "another connection"), and
//! charts name infinities as such rather than calling them NULL or drawing NaN bins.

use crate::util::Env;

#[test]
fn output_to_a_full_device_is_said_once() {
    let env = Env::new();
    env.sql("select 1;").ok();
    for script in ["\\o /dev/full\nselect 1;\n", ".once /dev/full\nselect 1;\n", "select 1 \\g /dev/full\n"] {
        let run = env.run(&[], script);
        assert_eq!(run.code, Some(1), "{script}");
        assert_eq!(run.stderr.matches("No space left on device").count(), 1, "{script}: {}", run.stderr);
    }
}

#[test]
fn backup_inside_the_sessions_own_transaction_says_so_and_leaves_no_file() {
    let env = Env::new();
    let copy = env.path("copy.db");
    let script = format!("create table a (x);\nbegin;\ninsert into a values (1);\n\\backup {}\n", copy.display());
    let run = env.run(&["--db", "t.db"], &script);
    assert!(
        run.stderr.contains("this session's own transaction is open: COMMIT or ROLLBACK it first"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("another connection"), "{}", run.stderr);
    assert!(!copy.exists(), "an empty file was left where the backup failed");
    // Outside a transaction it works.
    env.run(&["--db", "t.db", "-e", &format!("\\backup {}", copy.display())], "");
    assert!(copy.exists());
}

#[test]
fn charts_name_infinities_and_bin_the_largest_finite_numbers() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let run = env.sql("select 1e999 as x, 1 as y \\chart");
    assert!(run.ok().contains("Inf  "), "{}", run.stdout);
    let run = env.sql("select 'a' as l, 1e999 as v union all select 'b', 3 \\chart");
    let out = run.ok();
    assert!(out.contains("1 infinite value (Inf) skipped") && !out.contains("NULL"), "{out}");
    let run =
        env.sql("select -1e308 as x union all select 1e308 union all select 5 union all select 1e999 \\chart hist");
    let out = run.ok();
    assert!(!out.contains("NaN") && !out.contains("infe0"), "{out}");
    assert!(out.contains("[-1e308, ") && out.contains(", 1e308]") && out.contains("3 values of x"), "{out}");
    assert!(out.contains("1 infinite value (Inf) skipped"), "{out}");
}

/// A first run on a full disk: the cause is said once ("database or disk is full: Error code 13:
/// database or disk is full" said it twice), and the catalogue is still there, in memory.
#[test]
fn a_first_run_on_a_full_disk_says_the_cause_once() {
    let env = Env::first_run();
    let script = r#"D="$HOME/.local/share/talkcli"
        mkdir -p "$D" && mount -t tmpfs -o size=1m tmpfs "$D" || exit 99
        dd if=/dev/zero of="$D/fill" bs=4k 2>/dev/null
        "$1" -e 'select count(*) from talks;'; echo "rc=$?""#;
    let Some(run) = crate::safety::in_mount_namespace(&env, script) else { return };
    assert!(
        run.stdout.contains(&format!(" {} |", crate::data::catalogue_talks())) && run.stdout.ends_with("rc=0\n"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("read-only copy of the talk database in memory"), "{}", run.stderr);
    let full = run.stderr.matches("full").count();
    assert_eq!(full, 1, "{}", run.stderr);
}
