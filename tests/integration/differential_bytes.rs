//! Bytes that are not UTF-8 are kept, as sqlite3 keeps them: every byte value 0x01–0xFF through a
//! script's string literal, `.import` and `.dump`, and `-e`/`-cmd`/SQL arguments, compared with
//! what Debian's sqlite3 stores and prints.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Stdio};

use crate::util::{Env, neutral, tool};

/// Every byte but NUL, as an SQL string literal's contents (quotes doubled).
fn all_bytes_literal() -> Vec<u8> {
    let mut v = Vec::new();
    for b in 1u8..=255 {
        v.push(b);
        if b == b'\'' {
            v.push(b);
        }
    }
    v
}

/// Runs `cmd` with `stdin`, returning stdout (the run must succeed).
fn bytes_out(cmd: &mut Command, stdin: &[u8]) -> Vec<u8> {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    use std::io::Write;
    // A shell given SQL arguments reads no stdin and may be gone before it is written.
    if let Err(e) = child.stdin.take().expect("stdin").write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn every_byte_survives_a_script_import_and_dump() {
    let env = Env::new();
    let Some(debian) = tool("sqlite3") else { return };
    let mut script = b"create table t(a);\ninsert into t values ('".to_vec();
    script.extend(all_bytes_literal());
    script.extend_from_slice(b"');\n");
    let hex_of = |db: &str| {
        bytes_out(neutral(&mut Command::new(&debian), env.home()).arg(env.path(db)).arg("select hex(a) from t"), b"")
    };
    let expected: String = (1u8..=255).map(|b| format!("{b:02X}")).collect::<String>() + "\n";

    // A script: the bytes stored are the bytes written.
    bytes_out(env.cmd().arg("-batch").arg(env.path("script.db")), &script);
    bytes_out(neutral(&mut Command::new(&debian), env.home()).arg(env.path("theirs.db")), &script);
    assert_eq!(String::from_utf8_lossy(&hex_of("script.db")), expected);
    assert_eq!(hex_of("script.db"), hex_of("theirs.db"));

    // .dump writes them as sqlite3 does, and the dump reads back to the same bytes.
    let ours = bytes_out(env.cmd().arg(env.path("script.db")).arg(".dump"), b"");
    let theirs =
        bytes_out(neutral(&mut Command::new(&debian), env.home()).arg(env.path("theirs.db")).arg(".dump"), b"");
    assert_eq!(ours, theirs, "dumps differ");
    bytes_out(env.cmd().arg("-batch").arg(env.path("reloaded.db")), &ours);
    assert_eq!(String::from_utf8_lossy(&hex_of("reloaded.db")), expected);

    // .import of a CSV holding every byte (quoted), into a new table named by its header.
    let mut csv = b"a\n\"".to_vec();
    for b in 1u8..=255 {
        csv.push(b);
        if b == b'"' {
            csv.push(b);
        }
    }
    csv.extend_from_slice(b"\"\n");
    std::fs::write(env.path("all.csv"), &csv).expect("write csv");
    bytes_out(env.cmd().arg(env.path("imported.db")).arg(".import --csv all.csv t"), b"");
    assert_eq!(String::from_utf8_lossy(&hex_of("imported.db")), expected);
}

#[test]
fn latin1_in_arguments_and_output_as_sqlite3() {
    let env = Env::new();
    let Some(debian) = tool("sqlite3") else { return };
    let db = env.path("args.db");
    let sql = OsStr::from_bytes(b"select 'caf\xe9' as n\xe9, hex('\xe9')");
    let cases: Vec<Vec<&OsStr>> = vec![
        vec![OsStr::new("-header"), db.as_os_str(), sql],
        vec![OsStr::new("-cmd"), sql, OsStr::new("-csv"), db.as_os_str()],
        vec![OsStr::new("-echo"), OsStr::new("-html"), OsStr::new("-header"), db.as_os_str()],
        vec![OsStr::new("-line"), db.as_os_str()],
    ];
    let stdin = b".print caf\xe9\nselect 'x\xff' as y\xfe;\n";
    for args in cases {
        let ours = bytes_out(env.cmd().args(&args), stdin);
        let theirs = bytes_out(neutral(&mut Command::new(&debian), env.home()).args(&args), stdin);
        assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs), "{args:?}");
        assert_eq!(ours, theirs, "{args:?}");
    }
    // talkcli's -e too keeps the bytes.
    let run = env.cmd().arg("--db").arg(&db).arg("-e").arg(OsStr::from_bytes(b"select hex('\xe9\xff')")).output();
    let out = run.expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("E9FF"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn an_error_in_latin1_sql_is_shown_escaped() {
    let env = Env::new();
    let run = env.run(&["-batch", env.path("e.db").to_str().expect("utf-8")], "");
    run.ok();
    let out = env
        .cmd()
        .arg(env.path("e.db"))
        .stdin(Stdio::null())
        .arg(OsStr::from_bytes(b"select nosuch\xe9"))
        .output()
        .expect("run");
    let err = String::from_utf8(out.stderr).expect("messages are UTF-8");
    assert!(err.contains("no such column: nosuch\\xe9"), "{err}");
    assert_eq!(out.status.code(), Some(1));
}
