//! Data never drives the terminal: a pyvideo folder (made here) whose titles, speakers and tags
//! carry OSC 52 (clipboard), ESC [2J (clear screen), OSC 8 (hyperlink), BEL, CSI U+009B and the
//! U+202E override is imported, then every human output path is walked and no raw control byte
//! may reach stdout or stderr.

use std::path::Path;

use crate::util::{Env, Pty};

const TALKS: &[(&str, &str)] = &[
    (
        "evil-one",
        r#"{"title": "Evil one \u001b]52;c;ZXZpbA==\u0007 \u001b[2J \u202eeno", "speakers": ["Mallory \u001b[2J"],
            "recorded": "2031-05-02", "tags": ["evil\u0007tag"], "duration": 1800, "description": "x\u001b[2J",
            "videos": [{"type": "youtube", "url": "https://www.youtube.com/watch?v=evil1"}]}"#,
    ),
    (
        "evil-two",
        r#"{"title": "Evil two \u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\ \u009b31m",
            "speakers": ["Mallory \u001b]52;c;ZXZpbA==\u0007"], "recorded": "2031-05-03",
            "tags": ["evil\u202etag"], "videos": [], "duration": null, "description": ""}"#,
    ),
];

fn make_folder(root: &Path) {
    let conf = root.join("evil-conf-2031");
    std::fs::create_dir_all(conf.join("videos")).expect("mkdir");
    std::fs::write(conf.join("category.json"), r#"{"title": "Evil Conf \u001b[2J 2031", "start_date": "2031-05-01"}"#)
        .expect("category");
    for (slug, json) in TALKS {
        std::fs::write(conf.join("videos").join(format!("{slug}.json")), json).expect("video");
    }
}

/// The raw control sequences of the catalogue, as bytes.
fn dirty(bytes: &[u8]) -> Option<String> {
    let bad: &[(&[u8], &str)] =
        &[(b"\x1b", "ESC"), (b"\x07", "BEL"), ("\u{9b}".as_bytes(), "CSI U+009B"), ("\u{202e}".as_bytes(), "U+202E")];
    bad.iter()
        .find(|(seq, _)| bytes.windows(seq.len()).any(|w| w == *seq))
        .map(|(_, name)| format!("{name} in {:?}", String::from_utf8_lossy(bytes)))
}

#[test]
fn no_human_output_path_lets_the_catalogue_drive_the_terminal() {
    let env = Env::new();
    let folder = env.path("pyvideo");
    make_folder(&folder);
    let imported = env.cmd().args(["import", "pyvideo"]).arg(folder.join("evil-conf-2031")).output().expect("import");
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    assert_eq!(dirty(&imported.stderr), None);

    // A bad file whose name carries escapes: the import error names it, escaped.
    let bad = env.path("bad").join("evil-bad-2032");
    std::fs::create_dir_all(bad.join("videos")).expect("mkdir");
    std::fs::write(bad.join("category.json"), r#"{"title": "Bad 2032"}"#).expect("category");
    std::fs::write(bad.join("videos").join("x\x1b[2J\u{9b}.json"), "{not json").expect("bad video");
    let failed = env.cmd().args(["import", "pyvideo"]).arg(&bad).output().expect("import");
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("\\e[2J"), "{:?}", failed.stderr);
    assert_eq!(dirty(&failed.stderr), None);

    // (line mode and box are sqlite3's bytes to a pipe, like csv; on a terminal they escape: unit
    // tests, and the box through a terminal in `render::format_box_on_a_terminal_…`.)
    let formats = ["table", "vertical", "markdown", "html", "json", "jsonl"];
    let mut runs: Vec<Vec<String>> = [
        "\\talk Evil one",
        "\\talk Evil",
        "\\random 2031",
        "\\speaker Mallory",
        "\\tag evil",
        "\\tags",
        "\\talks 2031",
        "\\events",
        "\\search Evil",
        "\\talks \x1b[2J",
        "select * from \"evil\x1b]52;c;eA==\x07\"",
        "\\pset null_marker \x1b[2J",
    ]
    .iter()
    .map(|c| vec!["-e".to_string(), c.to_string()])
    .collect();
    for f in formats {
        let q = "select * from talk_overview where title like 'Evil%'";
        runs.push(vec!["--format".into(), f.into(), "-e".into(), q.into()]);
    }
    runs.push(vec!["--complete".into(), "\\speaker Mall".into()]);
    runs.push(vec!["--complete".into(), "\\tag ev".into()]);
    let mut saw_escaped = false;
    for args in runs {
        let out = env.cmd().args(&args).output().expect("run talkcli");
        assert_eq!(dirty(&out.stdout), None, "stdout of {args:?}");
        assert_eq!(dirty(&out.stderr), None, "stderr of {args:?}");
        saw_escaped |= String::from_utf8_lossy(&out.stdout).contains("\\e]52");
    }
    assert!(saw_escaped, "the evil titles were shown (escaped) somewhere");
    // Machine formats keep sqlite3's bytes.
    let q = "select title from talks where title like 'Evil one%'";
    let csv = env.cmd().args(["--format", "csv", "-e", q]).output().expect("csv");
    assert!(csv.stdout.windows(5).any(|w| w == b"\x1b]52;"), "{:?}", csv.stdout);
}

#[test]
fn the_tab_list_shows_evil_speakers_escaped() {
    let env = Env::new();
    let folder = env.path("pyvideo");
    make_folder(&folder);
    let imported = env.cmd().args(["import", "pyvideo"]).arg(folder.join("evil-conf-2031")).output().expect("import");
    assert!(imported.status.success());
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &[]);
    pty.send("\\speaker Mall");
    pty.send("\t");
    pty.send("\t");
    pty.send("ZZSENTINEL");
    let shown = pty.expect("ZZSENTINEL");
    assert!(shown.contains("\\e[2J") || shown.contains("\\e]52"), "{shown:?}");
    for raw in ["\x1b[2J", "\x1b]52", "\x07Z"] {
        assert!(!shown.contains(raw), "{raw:?} reached the terminal: {shown:?}");
    }
    pty.ctrl('c');
    pty.expect("talks> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// Names, queries and values the user supplies (a table, column, index and view named with an
/// OSC 52 clipboard write and a CSI clear-screen, a hand-edited named query) are shown escaped by
/// every command that prints them: talkcli's own to a pipe, sqlite3's byte-exact ones on a terminal.
#[test]
fn every_command_that_prints_user_names_shows_them_escaped() {
    let env = Env::new();
    let e = "\x1b]52;c;ZXZpbA==\x07\x1b[2J";
    let setup = format!(
        "create table \"t{e}\" (\"c{e}\" text, n int); insert into \"t{e}\" values ('v{e}', 1);
         create index \"i{e}\" on \"t{e}\"(\"c{e}\"); create view \"v{e}\" as select * from \"t{e}\";"
    );
    env.run(&["--db", "evil.db"], &setup).ok();
    std::fs::create_dir_all(env.data_dir()).expect("data dir");
    std::fs::write(
        env.data_dir().join("named_queries.json"),
        r#"{"q\u001b[2J": "select 1 as \"\u001b]52;c;eA==\u0007\""}"#,
    )
    .expect("named queries");
    let search = format!("select * from \"t{e}\" where \"c{e}\" = 'x';");
    let commands = [
        "\\f".to_string(),
        format!(".eqp on\n{search}"),
        format!(".eqp full\n{search}"),
        format!("explain query plan {search}"),
        "\\d".to_string(),
        "\\dt".to_string(),
        "\\di".to_string(),
        "\\dv".to_string(),
        format!("\\d \"t{e}\""),
        format!("\\d+ \"t{e}\""),
        format!("\\x\nselect * from \"v{e}\";"),
        format!("select * from \"v{e}\";"),
    ];
    for command in &commands {
        let run = env.run(&["--db", "evil.db"], command);
        assert_eq!(dirty(run.stdout.as_bytes()), None, "stdout of {command:?}");
        assert_eq!(dirty(run.stderr.as_bytes()), None, "stderr of {command:?}");
        assert!(run.stdout.contains("\\e["), "{command:?} showed the name: {}", run.stdout);
    }
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &["--db", "evil.db"]);
    for (i, command) in [".tables", ".indexes", ".schema", ".fullschema", "\\f"].iter().enumerate() {
        pty.line(command);
        // The marker appears only in the result, not in the echo of what was typed.
        pty.line(&format!("select 'ZZ' || {i} as marker;"));
        let shown = pty.expect(&format!("ZZ{i}"));
        assert!(shown.contains("\\e["), "{command} showed the name: {shown:?}");
        for raw in ["\x1b[2J", "\x1b]52", "\x07"] {
            assert!(!shown.contains(raw), "{command}: {raw:?} reached the terminal: {shown:?}");
        }
    }
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}
