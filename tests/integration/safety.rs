//! Nothing lost, nothing let in: the user's files under concurrency, faults and hostile input.
//! One test per promise in docs/explanation.md ("What talkcli promises about your data").

use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;

use crate::util::{Env, Pty, table_rows};

#[test]
fn named_queries_saved_by_ten_processes_at_once_are_all_kept() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let children: Vec<_> = (0..10)
        .map(|p| {
            let script: String = (0..20).map(|i| format!("\\fs q{p}_{i} select {p} * 100 + {i}\n")).collect();
            env.cmd().args(["-e", &script]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let list = env.sql("\\f").ok().to_string();
    assert_eq!(list.lines().count(), 200, "{list}");
    let store = env.data_dir().join("named_queries.json");
    let saved: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&store).expect("read")).expect("json");
    assert_eq!(saved.len(), 200);
    assert_eq!(std::fs::metadata(&store).expect("meta").permissions().mode() & 0o777, 0o600);
}

#[test]
fn output_onto_the_open_database_is_refused_and_the_database_survives() {
    let env = Env::new();
    env.sql("insert into favorites (talk_id) values (3);").ok();
    let db = env.data_dir().join("talks.db");
    let link = env.path("link.db");
    std::os::unix::fs::symlink(&db, &link).expect("symlink");
    let wal = format!("{}-wal", db.display());
    let shm = format!("{}-shm", db.display());
    let cases = [
        format!("\\o {}", db.display()),
        format!("\\once {}", db.display()),
        format!(".output {}", db.display()),
        format!(".once {}", db.display()),
        format!("\\o {}", link.display()),
        format!("\\o {wal}"),
        format!("\\once {shm}"),
        format!("\\backup {}", link.display()),
    ];
    for command in &cases {
        let run = env.sql(&format!("{command}\nselect 1;"));
        let err = run.fails(1);
        assert_eq!(err.lines().count(), 1, "{command}: {err}");
        assert!(err.contains("choose another file") && err.contains("open database"), "{command}: {err}");
    }
    let out = env.sql("pragma integrity_check; select talk_id from favorites;").ok().to_string();
    assert_eq!(table_rows(&out), [["ok"], ["3"]]);
}

/// Makes the bundled database look as data version 1 left it: no `talks.description`.
fn make_version_1(env: &Env) {
    let conn = rusqlite::Connection::open(env.data_dir().join("talks.db")).expect("open");
    conn.execute_batch("ALTER TABLE talks DROP COLUMN description; PRAGMA user_version = 1;").expect("make it old");
}

#[test]
fn an_upgrade_from_version_1_keeps_rows_the_user_added_or_changed_in_the_catalogue() {
    let env = Env::new();
    env.sql("select 1;").ok();
    env.sql(
        "insert into talks (event_id, slug, title) values (2, 'my-talk', 'My own talk');
         insert into notes (talk_id, body) select id, 'my note' from talks where slug = 'my-talk';
         insert into favorites (talk_id) select id from talks where slug = 'my-talk';
         update talks set title = 'Getting Started Testing (corrected)' where id = 53;
         insert into speakers (name) values ('Ada Quill');
         insert into talk_speakers (talk_id, speaker_id, position)
           select t.id, s.id, 1 from talks t, speakers s where t.slug = 'my-talk' and s.name = 'Ada Quill';
         insert into tags (name) values ('my-tag');
         insert into talk_tags (talk_id, tag_id) select 53, id from tags where name = 'my-tag';
         insert into mentions (writeup_id, talk_id, takeaway) values (1, 53, 'my own takeaway');",
    )
    .ok();
    let before = env
        .sql(
            "select id from talks where slug = 'my-talk';
             select count(*) from talks; select count(*) from speakers; select count(*) from tags;",
        )
        .ok()
        .to_string();
    let before = table_rows(&before);
    make_version_1(&env);
    let out = env
        .sql(&format!(
            "pragma user_version;
             select title, speakers from talk_overview where id = {id};
             select talk_id, body from notes;
             select talk_id from favorites;
             select title, tags, mentions from talk_overview where id = 53;
             select count(*) from talks; select count(*) from speakers; select count(*) from tags;
             select count(*) from talk_search where talk_search match 'corrected';
             select count(*) from pragma_foreign_key_check;",
            id = before[0][0]
        ))
        .ok()
        .to_string();
    let id = before[0][0].clone();
    let s = |v: &str| v.to_string();
    assert_eq!(
        table_rows(&out),
        [
            vec![talkcli::DATA_VERSION.to_string()],
            vec![s("My own talk"), s("Ada Quill")],
            vec![id.clone(), s("my note")],
            vec![id],
            vec![s("Getting Started Testing (corrected)"), s("my-tag"), s("1")],
            before[1].clone(),
            before[2].clone(),
            before[3].clone(),
            vec![s("1")],
            vec![s("0")],
        ]
    );
}

/// Runs `cmd` to completion, killing it after `secs` (a hang is a failure, not a stuck test run).
pub(crate) fn finish_within(mut cmd: std::process::Command, secs: u64) -> crate::util::Run {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let started = std::time::Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return crate::util::Run::from(child.wait_with_output().expect("output"));
        }
        if started.elapsed().as_secs() >= secs {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!("talkcli still running after {secs} s; stderr: {}", String::from_utf8_lossy(&out.stderr));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

pub(crate) fn mkfifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(path.to_str().expect("utf8")).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}

#[test]
fn only_regular_files_are_read_as_config_rc_scripts_and_import_input() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let fifo = env.path("fifo");
    mkfifo(&fifo);
    let fifo_s = fifo.to_str().expect("utf8");

    for config in ["/dev/zero", fifo_s] {
        let mut cmd = env.cmd();
        cmd.env("TALKCLI_CONFIG", config).args(["-e", "select 42;"]);
        let run = finish_within(cmd, 20);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert!(run.stdout.contains("42"), "{}", run.stdout);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains("not a regular file; using the default settings"), "{}", run.stderr);
    }
    let big = env.path("big.toml");
    std::fs::write(&big, format!("timing = false\n{}", "# padding\n".repeat(200_000))).expect("write");
    let mut cmd = env.cmd();
    cmd.env("TALKCLI_CONFIG", &big).args(["-e", "select 1;"]);
    let run = finish_within(cmd, 20);
    assert!(run.stderr.contains("too large") && run.stderr.contains("the limit is 1 MiB"), "{}", run.stderr);

    for args in [vec!["-f", fifo_s], vec!["--init", fifo_s, "-e", "select 1;"], vec!["-e", &format!("\\i {fifo_s}")]] {
        let mut cmd = env.cmd();
        cmd.args(&args);
        let run = finish_within(cmd, 20);
        assert_eq!(run.code, Some(1), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("it is a pipe (FIFO), not a regular file"), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    let mut cmd = env.cmd();
    cmd.args(["-e", "\\i /dev/zero"]);
    assert!(finish_within(cmd, 20).stderr.contains("it is a device, not a regular file"));
    // --init /dev/null stays the way to skip the rc file.
    env.run(&["--init", "/dev/null", "-e", "select 1;"], "").ok();

    // An import folder holding a *.json symlink to /dev/zero: that file is named and refused.
    let event = env.path("conf-z-2020");
    std::fs::create_dir_all(event.join("videos")).expect("mkdir");
    std::fs::write(event.join("category.json"), r#"{"title": "Conf Z 2020"}"#).expect("write");
    std::os::unix::fs::symlink("/dev/zero", event.join("videos/endless.json")).expect("symlink");
    let mut cmd = env.cmd();
    cmd.args(["import", "pyvideo", event.to_str().expect("utf8")]);
    let run = finish_within(cmd, 20);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("endless.json: a symbolic link out of the event folder: not followed"),
        "{}",
        run.stderr
    );
    let mut cmd = env.cmd();
    cmd.args(["import", "csv", fifo_s, "--table", "x"]);
    let run = finish_within(cmd, 20);
    assert!(run.stderr.contains("it is a pipe (FIFO), not a regular file"), "{}", run.stderr);

    // Reading a script from stdin is unchanged.
    assert!(env.run(&[], "select 7;").ok().contains('7'));
}

#[test]
fn a_bad_byte_in_the_history_file_costs_only_that_line() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let file = env.data_dir().join("history");
    std::fs::write(&file, b"#V2\nselect 'first' as f;\nselect '\xff broken';\nselect 'second' as s;\n").expect("write");
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &[]);
    // The newest readable entry comes back with Up.
    pty.send("\x1b[A");
    pty.expect("select 'second' as s;");
    pty.send("\r");
    pty.expect("| second |");
    pty.line("select 'third' as t;");
    pty.expect("| third |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    let saved = std::fs::read(&file).expect("read");
    assert_eq!(
        saved,
        b"#V2\nselect 'first' as f;\nselect '\xff broken';\nselect 'second' as s;\nselect 'third' as t;\n\\\\q\n"
    );
    assert_eq!(std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777, 0o600);
}

/// Runs `script` with sh in a private mount namespace (`unshare -rm`: root inside, the test's own
/// user outside), with the test's environment and `$1` = the talkcli binary. `None` when this system
/// does not allow it (fails instead when CI is set).
pub(crate) fn in_mount_namespace(env: &Env, script: &str) -> Option<crate::util::Run> {
    let usable = crate::util::neutral(&mut std::process::Command::new("unshare"), env.home())
        .args(["-rm", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !usable {
        assert!(std::env::var_os("CI").is_none(), "unshare -rm does not work here: cannot simulate faulty storage");
        eprintln!("note: unshare -rm does not work here; skipping the storage-fault simulation");
        return None;
    }
    let out = crate::util::neutral(&mut std::process::Command::new("unshare"), env.home())
        .args(["-rm", "sh", "-c", script, "sh", crate::util::BIN])
        .env("TERM", "dumb")
        .stdin(Stdio::null())
        .output()
        .expect("unshare");
    Some(crate::util::Run::from(out))
}

#[test]
fn a_read_only_data_directory_still_opens_the_database_for_reading() {
    let env = Env::new();
    env.sql("insert into favorites (talk_id) values (53);").ok();
    let script = r#"D="$HOME/.local/share/talkcli"
        mount --bind "$D" "$D" && mount -o remount,ro,bind "$D" || exit 99
        "$1" -e 'select count(*) from talks; select talk_id from favorites;'; echo "rc=$?"
        "$1" --readonly -e 'select count(*) from talks;' 2>&1; echo "rc=$?"
        "$1" -e 'insert into favorites (talk_id) values (7);' 2>/dev/null; echo "rc=$?""#;
    let Some(run) = in_mount_namespace(&env, script) else { return };
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let talks = crate::data::catalogue_talks().to_string();
    assert_eq!(table_rows(&run.stdout), [[talks.as_str()], ["53"], [talks.as_str()]], "{}", run.stdout);
    let codes: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("rc=")).collect();
    assert_eq!(codes, ["rc=0", "rc=0", "rc=1"], "{}", run.stdout);
    assert_eq!(
        run.stderr.trim_end(),
        format!(
            "warning: cannot write to {}/talks.db (its directory is on a read-only file system); opened it read-only",
            env.data_dir().display()
        )
    );

    // A first run in a home that cannot be written works on a copy in memory.
    let fresh = Env::first_run();
    let script = r#"mount --bind "$HOME" "$HOME" && mount -o remount,ro,bind "$HOME" || exit 99
        "$1" -e 'select count(*) from talks;'; echo "rc=$?""#;
    let Some(run) = in_mount_namespace(&fresh, script) else { return };
    assert_eq!(table_rows(&run.stdout), [[talks.as_str()]], "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.ends_with("rc=0\n"), "{}", run.stdout);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("using a read-only copy of the talk database in memory"), "{}", run.stderr);
}

#[test]
fn a_full_disk_after_a_failed_write_leaves_the_database_readable() {
    let env = Env::new();
    env.sql("insert into favorites (talk_id) values (53);").ok();
    std::fs::copy(env.data_dir().join("talks.db"), env.path("copy.db")).expect("copy");
    let script = r#"D="$HOME/.local/share/talkcli"
        mount -t tmpfs -o size=32m tmpfs "$D" || exit 99
        cp "$HOME/copy.db" "$D/talks.db" && dd if=/dev/zero of="$D/fill" bs=4k 2>/dev/null
        "$1" -e "insert into notes (talk_id, body) values (1, hex(randomblob(300000)));" 2>/dev/null; echo "rc=$?"
        "$1" -e 'select count(*) from talks; select talk_id from favorites;'; echo "rc=$?"
        "$1" --readonly -e 'pragma integrity_check; select count(*) from notes;' 2>&1; echo "rc=$?""#;
    let Some(run) = in_mount_namespace(&env, script) else { return };
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let codes: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("rc=")).collect();
    assert_eq!(codes, ["rc=1", "rc=0", "rc=0"], "{}\n{}", run.stdout, run.stderr);
    let talks = crate::data::catalogue_talks().to_string();
    assert_eq!(table_rows(&run.stdout), [[talks.as_str()], ["53"], ["ok"], ["0"]], "{}", run.stdout);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("(the disk is full); opened it read-only"), "{}", run.stderr);
}

#[test]
fn leftovers_of_an_interrupted_first_run_are_removed_and_new_files_are_private() {
    let env = Env::first_run();
    env.sql("select 1;").ok();
    let db = env.data_dir().join("talks.db");
    assert_eq!(std::fs::metadata(&db).expect("db").permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::metadata(env.data_dir()).expect("dir").permissions().mode() & 0o777, 0o700);
    // A process that has exited left its partial files; a running one's are its own business.
    let mut gone = crate::util::neutral(&mut std::process::Command::new("true"), env.home()).spawn().expect("spawn");
    let dead = gone.id();
    gone.wait().expect("wait");
    let alive = std::process::id();
    let dead_files = [format!("talks.db.partial-{dead}"), format!("talks.db.partial-{dead}-journal")];
    for f in &dead_files {
        std::fs::write(env.data_dir().join(f), b"half a database").expect("write");
    }
    let live_file = env.data_dir().join(format!("talks.db.partial-{alive}"));
    std::fs::write(&live_file, b"being built").expect("write");
    env.sql("select 1;").ok();
    for f in &dead_files {
        assert!(!env.data_dir().join(f).exists(), "{f} was left behind");
    }
    assert!(live_file.exists(), "a running process's partial file was removed");
}

#[test]
fn the_edit_file_is_private_in_a_private_directory_and_removed_after() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let editor = env.path("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nstat -c %a \"$1\" \"$(dirname \"$1\")\" > \"$HOME/log\"\necho \"$1\" >> \"$HOME/log\"\n",
    )
    .expect("write");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let tmp = env.path("tmp");
    std::fs::create_dir(&tmp).expect("mkdir");
    let run = env.run_env(
        &[("EDITOR", editor.to_str().expect("utf8")), ("TMPDIR", tmp.to_str().expect("utf8"))],
        &["-e", "select 'edited' as e;\n\\e"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let log = std::fs::read_to_string(env.path("log")).expect("the editor ran");
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines[..2], ["600", "700"], "{log}");
    let file = std::path::Path::new(lines[2]);
    assert!(file.starts_with(&tmp), "{log}");
    assert!(!file.to_str().expect("utf8").contains(&format!("-{}-", std::process::id())), "{log}");
    assert!(std::fs::read_dir(&tmp).expect("list").next().is_none(), "the temporary directory was left behind");
}

#[test]
fn bail_takes_its_value_after_a_space_and_version_takes_nothing_else() {
    let env = Env::new();
    // On two lines: an error drops the rest of its own line (input chunk), as in sqlite3.
    let run = env.run(&["--bail", "false", "-e", "select nonsense;\nselect 'after' as a;"], "");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stdout.contains("after"), "the script went on after the error: {}", run.stdout);
    assert!(!env.path("false").exists(), "a database file named false was created");
    let run = env.run(&["--bail", "true", "-e", "select nonsense; select 'after' as a;"], "");
    assert!(!run.stdout.contains("after") && !env.path("true").exists(), "{}", run.stdout);
    let run = env.run(&["-V", "extra"], "");
    assert!(run.fails(2).contains("'--version' cannot be used with"), "{}", run.stderr);
    assert!(run.stdout.is_empty() && !env.path("extra").exists());
    assert_eq!(env.run(&["-V"], "").ok(), format!("talkcli {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_nul_byte_in_a_script_is_named_with_its_line() {
    let env = Env::new();
    std::fs::write(env.path("nul.sql"), b"select 1;\nselect 'a\0b';\nselect 5;\n").expect("write");
    let run = env.run(&["-f", "nul.sql"], "");
    let err = run.fails(1).to_string();
    assert_eq!(
        err.lines().next().unwrap_or_default(),
        "error: nul.sql: line 2, column 10: a NUL byte (\\0) in the SQL text: SQLite cannot read past it \
         (write char(0) or x'00' for one) (in: select 'a\\x00b';)"
    );
    assert_eq!(table_rows(&run.stdout), [["1"]]);
    // With --continue the rest runs, as after any failed statement.
    let run = env.run(&["--continue"], "select 1;\n\0\nselect 5;\nselect 6;\n");
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.starts_with("error: line 2, column 1: a NUL byte"), "{}", run.stderr);
    assert_eq!(table_rows(&run.stdout), [["1"], ["6"]]);
}

#[test]
fn a_transaction_another_writer_moved_ahead_of_is_not_said_to_have_waited() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let bin = crate::util::BIN;
    let script = format!(
        "begin;\nselect count(*) from notes;\n\\! {bin} -e \"insert into notes (talk_id, body) values (1, 'other');\"\n\
         insert into notes (talk_id, body) values (2, 'mine');\n"
    );
    let started = std::time::Instant::now();
    let run = env.run_env(&[("TALKCLI_BUSY_TIMEOUT_MS", "30000")], &["-e", &script]);
    let err = run.fails(1).to_string();
    assert!(started.elapsed().as_secs() < 25, "it waited for the whole timeout");
    assert!(!err.contains("waited"), "{err}");
    assert!(err.contains("another connection wrote to the database after this transaction began reading it"), "{err}");
    assert!(err.contains("BEGIN IMMEDIATE"), "{err}");
    assert_eq!(table_rows(env.sql("select body from notes;").ok()), [["other"]]);
}

#[test]
fn text_that_is_not_utf8_shows_everywhere_and_keeps_tables_aligned() {
    let env = Env::new();
    env.sql(
        "update talks set title = cast(x'47494cff20616761696e' as text) where id = 283;
         insert into speakers (name) values (cast(x'416461ff' as text));
         insert into talk_speakers values (283, (select max(id) from speakers), 9);",
    )
    .ok();
    for command in ["\\talk 283", "\\speaker Ada", "\\fav 283", "\\favs", "\\tag testing", "\\writeup 2"] {
        let run = env.sql(command);
        assert_eq!(run.code, Some(0), "{command}: {}", run.stderr);
    }
    let card = env.sql("\\talk 283").ok().to_string();
    assert!(card.starts_with("GIL\u{fffd} again\n") && card.contains("Ada\u{fffd}"), "{card}");
    let sql = "select id, title, 'x' as after from talks where id in (283, 53) order by id";
    for format in
        ["table", "box", "vertical", "csv", "tsv", "json", "jsonl", "markdown", "html", "list", "quote", "insert"]
    {
        let run = env.run(&["--format", format, "-e", sql], "");
        assert_eq!(run.code, Some(0), "{format}: {}", run.stderr);
        assert!(run.stdout.contains("GIL"), "{format}: {}", run.stdout);
        if format == "table" || format == "box" {
            let widths: Vec<usize> = run
                .stdout
                .lines()
                .filter(|l| !l.ends_with("rows"))
                .map(unicode_width::UnicodeWidthStr::width)
                .collect();
            assert!(widths.windows(2).all(|w| w[0] == w[1]), "{format}: ragged table\n{}", run.stdout);
        }
    }
}

#[test]
fn a_data_directory_the_user_may_not_write_still_opens_the_database_for_reading() {
    let env = Env::new();
    env.sql("insert into favorites (talk_id) values (53);").ok();
    let dir = env.data_dir();
    let db = dir.join("talks.db");
    let mode =
        |p: &std::path::Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let run = if root {
        // Root may write anywhere: run talkcli as another user (nobody) over root's files instead.
        for p in [env.home().to_path_buf(), env.home().join(".local"), env.home().join(".local/share"), dir.clone()] {
            mode(&p, 0o755);
        }
        mode(&db, 0o644);
        // The config is private (0700/0600): opened up too, so only the data directory differs.
        let config = env.home().join(".config/talkcli");
        for (p, m) in
            [(env.home().join(".config"), 0o755), (config.clone(), 0o755), (config.join("config.toml"), 0o644)]
        {
            if p.exists() {
                mode(&p, m);
            }
        }
        let out = crate::util::neutral(&mut std::process::Command::new("setpriv"), env.home())
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", crate::util::BIN, "-e"])
            .arg("select count(*) from talks; select talk_id from favorites;")
            .output();
        match out {
            Ok(out) => crate::util::Run::from(out),
            Err(e) => {
                assert!(std::env::var_os("CI").is_none(), "setpriv is needed to test as another user: {e}");
                eprintln!("note: setpriv is missing; skipping");
                return;
            }
        }
    } else {
        mode(&db, 0o444);
        mode(&dir, 0o555);
        let run = env.run(&["-e", "select count(*) from talks; select talk_id from favorites;"], "");
        mode(&dir, 0o700);
        mode(&db, 0o600);
        run
    };
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(table_rows(&run.stdout), [[crate::data::catalogue_talks().to_string().as_str()], ["53"]]);
    assert_eq!(
        run.stderr.trim_end(),
        format!("warning: cannot write to {} (you may not write in its directory); opened it read-only", db.display())
    );
}

/// `.dump` takes as many patterns as sqlite3 does: a thousand made an OR deeper than SQLite allows.
#[test]
fn dump_takes_a_thousand_patterns() {
    let env = Env::new();
    let patterns: Vec<String> = (0..1500).map(|i| format!("t{i}")).collect();
    let script = format!("create table t7(x);\ninsert into t7 values (1);\n.dump {}\n", patterns.join(" "));
    let out = env.run(&["--db", ":memory:"], &script);
    assert!(out.ok().contains("CREATE TABLE t7(x);\nINSERT INTO t7 VALUES(1);\n"), "{}", out.stdout);
}

/// A name pasted by mistake (thousands of characters) is answered at once: looking for a
/// speaker, tag or command it might mean measured its distance to every name, which took over two
/// minutes for \speaker.
#[test]
fn a_pasted_wall_of_text_gets_its_answer_at_once() {
    let env = Env::new();
    let wall = vec!["w"; 3000].join(" ");
    for (line, want) in [
        (format!("\\speaker {wall}"), "no speaker's name contains"),
        (format!("\\tag {wall}"), "no tag named"),
        (format!("\\{}", "z".repeat(6000)), "unknown command"),
        (format!("\\talks {wall}"), "no event matches 'w w w"),
        (format!("\\h {wall}"), "no SQL help for 'w w w"),
        (format!(".print {wall}"), ""),
    ] {
        let mut cmd = env.cmd();
        cmd.args(["-e", &line]);
        let run = finish_within(cmd, 60);
        if want.is_empty() {
            // sqlite3 prints any number of words.
            assert_eq!(run.ok().len(), wall.len() + 1);
            continue;
        }
        let err = run.fails(1);
        assert!(err.contains(want) && err.lines().count() == 1, "{}: {err}", &line[..10]);
    }
}
