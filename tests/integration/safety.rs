//! Nothing lost, nothing let in: the user's files under concurrency, faults and hostile input.
//! One test per promise in docs/explanation.md ("What talkcli promises about your data").

use std::io::Write;
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
