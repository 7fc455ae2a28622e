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
