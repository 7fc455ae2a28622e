//! `talkcli import pyvideo|csv` and the `\import`/`.import` commands, on the synthetic fixtures in
//! tests/fixtures/pyvideo (see its README for which file carries which quirk).

use std::path::{Path, PathBuf};

use crate::util::{Env, Run, table_rows};

/// A private copy of the fixture folders, so tests can damage or edit them.
fn fixtures(env: &Env) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pyvideo");
    let dst = env.path("pyvideo");
    copy_tree(&src, &dst);
    dst
}

fn copy_tree(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("mkdir");
    for entry in std::fs::read_dir(src).expect("read fixture dir") {
        let entry = entry.expect("entry");
        let to = dst.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf8 path")
}

/// `talkcli --db DB ARGS…`
fn on_db(env: &Env, db: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--db", s(db)];
    all.extend_from_slice(args);
    env.run(&all, "")
}

fn query(env: &Env, db: &Path, sql: &str) -> Vec<Vec<String>> {
    table_rows(on_db(env, db, &["-e", sql]).ok())
}

/// Asserts success with nothing on stdout and returns stderr, where imports report what they did.
#[track_caller]
fn done(run: &Run) -> &str {
    assert_eq!(run.code, Some(0), "expected success\nstdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "imports print nothing on stdout");
    &run.stderr
}

/// The summary line without its timing.
fn summary(out: &str) -> String {
    let line = out.lines().last().unwrap_or_default();
    let (head, tail) = line.split_once(" in ").expect("summary has a timing");
    let after = tail.split_once(" s").map_or("", |(_, rest)| rest);
    format!("{head} in T s{after}")
}

fn import_fixtures(env: &Env, db: &Path) -> (PathBuf, String) {
    let dir = fixtures(env);
    let out = done(&on_db(env, db, &["import", "pyvideo", s(&dir.join("conf-a-2021")), s(&dir.join("conf-b-2019"))]))
        .to_string();
    (dir, out)
}

#[test]
fn every_quirk_of_the_pyvideo_layout_is_handled() {
    let env = Env::new();
    let db = env.path("conf.db");
    let (_, out) = import_fixtures(&env, &db);
    assert_eq!(
        summary(&out),
        "imported 17 talks, 14 speakers, 5 tags from conf-a-2021 and conf-b-2019 in T s (17 new, 0 updated, 0 unchanged)"
    );

    assert_eq!(
        query(&env, &db, "select slug, name, year, start_date, url from events order by year;"),
        [
            ["conf-b-2019", "Conf B 2019", "2019", "<null>", "<null>"],
            ["conf-a-2021", "Conf A 2021", "2021", "2021-05-12", "https://conf-a.example.org/2021/"],
        ]
    );
    // Kinds: keynote/lightning/other from titles and placeholders, tutorials from duration, or from
    // title words when the source has no durations (conf-b).
    assert_eq!(
        query(&env, &db, "select slug, kind from talks where kind <> 'talk' order by slug;"),
        [
            ["education-room-1", "other"],
            ["final-remarks", "other"],
            ["friday-lightning-talks", "lightning"],
            ["hands-on-parsing", "tutorial"],
            ["intro-workshop-making-maps", "tutorial"],
            ["keynote-day-one", "keynote"],
            ["keynote-day-two", "keynote"],
            ["tutorial-time-series", "tutorial"],
        ]
    );
    // Titles trimmed and folded; \u escapes decoded; same-titled files stay separate talks.
    assert_eq!(
        query(
            &env,
            &db,
            "select title from talks where slug in ('testing-all-the-things', 'cafe-internals') order by slug;"
        ),
        [["Café internals"], ["Testing all the things"]]
    );
    assert_eq!(query(&env, &db, "select count(*) from talks where title = 'Keynote';"), [["2"]]);
    // One row per person: spaces folded, case and accent variants merged, most common spelling kept.
    assert_eq!(
        query(&env, &db, "select name from speakers order by name;"),
        [
            ["Ada Quill"],
            ["Bea Ortiz"],
            ["Cy Moreau"],
            ["Dee Ng"],
            ["Eli Park"],
            ["Fay Lund"],
            ["Gus Ito"],
            ["Hal Weiss"],
            ["Ivy Chen"],
            ["Jon Bell"],
            ["José Núñez"],
            ["Kim Ruiz"],
            ["Lou Park"],
            ["Zoë Park"],
        ]
    );
    assert_eq!(
        query(&env, &db, "select speakers from talk_overview where title like 'Friday Lightning%';"),
        [["Dee Ng, Eli Park, Ada Quill"]]
    );
    assert_eq!(query(&env, &db, "select count(*) from talk_overview where speakers like 'José Núñez%';"), [["3"]]);
    // No speaker rows for an empty list or the placeholder.
    assert_eq!(
        query(
            &env,
            &db,
            "select count(*) from talk_speakers ts join talks t on t.id = ts.talk_id
             where t.slug in ('final-remarks', 'education-room-1');"
        ),
        [["0"]]
    );
    // Tags case-folded and de-duplicated.
    assert_eq!(
        query(&env, &db, "select name from tags order by name;"),
        [["cpython"], ["parsing"], ["testing"], ["time series"], ["web"]]
    );
    assert_eq!(
        query(&env, &db, "select tags from talk_overview where title = 'Testing all the things';"),
        [["testing, web"]]
    );
    // Upload dates and unknown values become NULL; a date with a time keeps the date.
    assert_eq!(
        query(
            &env,
            &db,
            "select slug, recorded, duration from talks
             where slug in ('late-upload', 'cafe-internals', 'recorded-null') order by slug;"
        ),
        [
            ["cafe-internals", "2021-05-13", "<null>"],
            ["late-upload", "<null>", "1750"],
            ["recorded-null", "<null>", "<null>"],
        ]
    );
    // The talk's own deck, never a conference-wide link; YouTube preferred among video hosts.
    assert_eq!(
        query(
            &env,
            &db,
            "select slug, slides_url, video_url from talks
             where slug in ('fast-sets', 'testing-all-the-things', 'faster-dicts') order by slug;"
        ),
        [
            ["fast-sets", "https://speakerdeck.com/josenunez/fast-sets", "https://www.youtube.com/watch?v=Fast_s"],
            ["faster-dicts", "<null>", "https://www.youtube.com/watch?v=dicts"],
            ["testing-all-the-things", "https://example.org/ada/testing", "https://www.youtube.com/watch?v=__Test"],
        ]
    );
    // Imported talks are searchable, and the description is kept for the user's own queries.
    assert_eq!(
        query(
            &env,
            &db,
            "select t.slug from talk_search s join talks t on t.id = s.rowid where talk_search match 'nunez' order by t.slug;"
        ),
        [["fast-sets"], ["faster-dicts"], ["fastest-lists"]]
    );
    assert_eq!(query(&env, &db, "select count(*) from talks where description like 'Synthetic%';"), [["17"]]);
}

#[test]
fn importing_the_same_folders_twice_changes_nothing() {
    let env = Env::new();
    let db = env.path("conf.db");
    let (dir, _) = import_fixtures(&env, &db);
    let before = on_db(&env, &db, &["-e", ".dump"]).ok().to_string();
    let out = done(&on_db(&env, &db, &["import", "pyvideo", s(&dir)])).to_string();
    assert_eq!(
        summary(&out),
        "nothing to import: 17 talks from conf-a-2021 and conf-b-2019 already up to date (checked in T s)"
    );
    assert_eq!(on_db(&env, &db, &["-e", ".dump"]).ok(), before);
}

#[test]
fn a_newer_copy_updates_talks_in_place() {
    let env = Env::new();
    let db = env.path("conf.db");
    let (dir, _) = import_fixtures(&env, &db);
    let id = query(&env, &db, "select id from talks where slug = 'fast-sets';");
    let file = dir.join("conf-a-2021/videos/fast-sets.json");
    let text = std::fs::read_to_string(&file).expect("read").replace("Fast sets", "Fast sets, revised");
    std::fs::write(&file, text.replace("\"José Núñez\"", "\"José Núñez\", \"Ivy Chen\"")).expect("write");
    let out = done(&on_db(&env, &db, &["import", "pyvideo", s(&dir.join("conf-a-2021"))])).to_string();
    let in_conf_a = query(
        &env,
        &db,
        "select count(*) - 1 from talks t join events e on e.id = t.event_id where e.slug = 'conf-a-2021';",
    );
    assert!(summary(&out).contains(&format!("(0 new, 1 updated, {} unchanged)", in_conf_a[0][0])), "{out}");
    assert_eq!(query(&env, &db, "select id from talks where title = 'Fast sets, revised';"), id);
    assert_eq!(
        query(&env, &db, "select speakers from talk_overview where title = 'Fast sets, revised';"),
        [["José Núñez, Ivy Chen"]]
    );
    assert_eq!(query(&env, &db, "select count(*) from talks;"), [["17"]]);
}

/// Imports the fixtures after `damage` and expects one error line that starts with `want`, and an
/// untouched database.
fn rolls_back(damage: impl FnOnce(&Path), want: &str) {
    let env = Env::new();
    let db = env.path("conf.db");
    on_db(&env, &db, &["-e", "create table mine (x); insert into mine values (1);"]).ok();
    let dir = fixtures(&env);
    damage(&dir);
    let (b, a) = (dir.join("conf-b-2019"), dir.join("conf-a-2021"));
    let run = on_db(&env, &db, &["import", "pyvideo", "--into-existing", s(&b), s(&a)]);
    let err = run.fails(1);
    // The problem on its own line, then the error.
    let want = want.strip_prefix("error: ").unwrap_or(want);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.starts_with(want), "want {want:?}, got {err:?}");
    assert!(
        err.ends_with(
            "error: nothing imported: 1 problem (--skip-bad imports the rest, leaving out each bad file or field)\n"
        ),
        "{err}"
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    // Nothing of either folder (not even the good one read first) was written.
    assert_eq!(
        query(&env, &db, "select name from sqlite_schema where type = 'table' and name not like 'sqlite%';"),
        [["mine"]]
    );
}

#[test]
fn a_corrupt_json_file_rolls_the_whole_import_back() {
    rolls_back(
        |d| std::fs::write(d.join("conf-a-2021/videos/zz-broken.json"), "{\"title\": \"Half a file\",").expect("write"),
        "error: conf-a-2021/videos/zz-broken.json: not valid JSON: EOF while parsing",
    );
}

#[test]
fn a_wrong_type_is_named_with_its_field() {
    rolls_back(
        |d| {
            let f = d.join("conf-a-2021/videos/fast-sets.json");
            let text = std::fs::read_to_string(&f).expect("read");
            std::fs::write(&f, text.replace("[\n  \"José Núñez\"\n ]", "\"José Núñez\"")).expect("write");
        },
        "error: conf-a-2021/videos/fast-sets.json: speakers: expected a list of strings",
    );
}

#[test]
fn a_missing_required_field_is_named() {
    rolls_back(
        |d| {
            std::fs::write(
                d.join("conf-a-2021/videos/untitled.json"),
                r#"{"speakers": [], "recorded": null, "description": "", "videos": []}"#,
            )
            .expect("write")
        },
        "error: conf-a-2021/videos/untitled.json: title: missing (a required field)",
    );
}

#[test]
fn an_unreadable_file_is_named() {
    // A directory where a file should be cannot be read, even by root.
    rolls_back(
        |d| std::fs::create_dir(d.join("conf-a-2021/videos/odd.json")).expect("mkdir"),
        "error: conf-a-2021/videos/odd.json: cannot read:",
    );
}

#[test]
fn skip_bad_imports_the_good_files_and_lists_the_bad() {
    let env = Env::new();
    let db = env.path("conf.db");
    let dir = fixtures(&env);
    std::fs::write(dir.join("conf-a-2021/videos/zz-broken.json"), "not json").expect("write");
    std::fs::write(
        dir.join("conf-b-2019/videos/bad-duration.json"),
        r#"{"title": "T", "speakers": [], "recorded": null, "description": "", "videos": [], "duration": "long"}"#,
    )
    .expect("write");
    let run = on_db(&env, &db, &["import", "pyvideo", "--skip-bad", s(&dir)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "skipped conf-a-2021/videos/zz-broken.json: not valid JSON: expected ident at line 1 column 2",
            "left out conf-b-2019/videos/bad-duration.json: duration: expected a number of seconds or null (the talk is imported without it)",
        ]
    );
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(summary(&run.stderr).starts_with("imported 18 talks,"), "{}", run.stderr);
    assert!(summary(&run.stderr).ends_with("; skipped 1 bad file; left out 1 bad field"), "{}", run.stderr);
    assert_eq!(query(&env, &db, "select count(*) from talks;"), [["18"]]);
    assert_eq!(query(&env, &db, "select duration from talks where slug = 'bad-duration';"), [["<null>"]]);
}

/// A field that is present but invalid is never turned into NULL silently: the import names each
/// file and field and changes nothing; --skip-bad imports the talk without them and lists each.
#[test]
fn invalid_fields_stop_the_import_or_are_left_out_and_listed() {
    let env = Env::new();
    let db = env.path("conf.db");
    let dir = fixtures(&env);
    std::fs::write(
        dir.join("conf-a-2021/videos/zz-bad.json"),
        r#"{"title": "Bad facts", "speakers": ["Ann Lee"], "recorded": "2019-13-45", "videos": [], "duration": -5}"#,
    )
    .expect("write");
    let run = on_db(&env, &db, &["import", "pyvideo", s(&dir)]);
    let err = run.fails(1);
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "conf-a-2021/videos/zz-bad.json: recorded: not a date: \"2019-13-45\"",
            "conf-a-2021/videos/zz-bad.json: duration: negative: -5",
            "error: nothing imported: 2 problems (--skip-bad imports the rest, leaving out each bad file or field)",
        ],
        "{err}"
    );
    assert_eq!(query(&env, &db, "select count(*) from sqlite_schema where name = 'talks';"), [["0"]]);
    let run = on_db(&env, &db, &["import", "pyvideo", "--skip-bad", s(&dir)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("left out conf-a-2021/videos/zz-bad.json: recorded: not a date: \"2019-13-45\" (the talk is imported without it)\nleft out conf-a-2021/videos/zz-bad.json: duration: negative: -5 (the talk is imported without it)\n"), "{}", run.stderr);
    assert_eq!(query(&env, &db, "select recorded, duration from talks where slug = 'zz-bad';"), [["<null>", "<null>"]]);
}

#[test]
fn a_folder_that_is_not_pyvideo_is_refused() {
    let env = Env::new();
    let db = env.path("conf.db");
    std::fs::create_dir(env.path("empty")).expect("mkdir");
    let err = on_db(&env, &db, &["import", "pyvideo", s(&env.path("empty"))]).fails(1).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not a pyvideo event folder"), "{err}");
}

#[test]
fn the_import_command_adds_talks_to_the_bundled_catalogue() {
    let env = Env::new();
    let dir = fixtures(&env);
    let speakers = |env: &Env| -> usize {
        table_rows(env.sql("select count(*) from speakers;").ok())[0][0].parse().expect("a count")
    };
    let speakers_before = speakers(&env);
    let out = done(&env.sql(&format!("\\import pyvideo {}", s(&dir.join("conf-a-2021"))))).to_string();
    assert!(out.starts_with("imported 14 talks, 12 speakers, 4 tags from conf-a-2021 in "), "{out}");
    // Seed talks are untouched; the new ones sit beside them with ids of their own.
    let seed = crate::data::catalogue_talks();
    let rows = table_rows(
        env.sql(
            "select count(*), sum(id >= 1000000), max(id) filter (where id < 1000000) from talks;
             select t.title from talk_search s join talks t on t.id = s.rowid
             where talk_search match 'parsing' and t.id >= 1000000;",
        )
        .ok(),
    );
    assert_eq!(rows, [vec![(seed + 14).to_string(), "14".into(), seed.to_string()], vec!["Hands-on Parsing".into()]]);
    assert_eq!(speakers(&env), speakers_before + 12);
}

#[test]
fn csv_files_import_into_new_and_existing_tables() {
    let env = Env::new();
    let db = env.path("csv.db");
    let file = env.path("people.csv");
    std::fs::write(
        &file,
        "\u{feff}name,city,talks\r\n\"Quill, Ada\",\"Oslo \"\"North\"\"\",3\r\nBea Ortiz,\"Porto\nCentro\",1\r\n",
    )
    .expect("write");
    let out = done(&on_db(&env, &db, &["import", "csv", s(&file), "--table", "people"])).to_string();
    assert!(out.starts_with("imported 2 rows into new table people in "), "{out}");
    assert_eq!(
        query(&env, &db, "select name, replace(city, char(10), '/'), talks, typeof(talks) from people order by name;"),
        [["Bea Ortiz", "Porto/Centro", "1", "text"], ["Quill, Ada", "Oslo \"North\"", "3", "text"]]
    );

    // \import csv into an existing typed table: columns matched by header name, affinity applies.
    let more = env.path("more.csv");
    std::fs::write(&more, "score,who\n5,Ada\n4,Bea\n").expect("write");
    let out = done(&on_db(
        &env,
        &db,
        &["-e", &format!("create table ratings (who text, score integer);\n\\import csv {} ratings", s(&more))],
    ))
    .to_string();
    assert!(out.starts_with("imported 2 rows into ratings in "), "{out}");
    assert_eq!(query(&env, &db, "select sum(score), typeof(score) from ratings;"), [["9", "integer"]]);

    // A short row rolls the whole file back and names its line.
    let bad = env.path("bad.csv");
    std::fs::write(&bad, "score,who\n1,Cy\n2\n").expect("write");
    let err = on_db(&env, &db, &["-e", &format!("\\import csv {} ratings", s(&bad))]).fails(1).to_string();
    assert_eq!(err.trim_end(), format!("error: line 1: {}: line 3: expected 2 fields, found 1", s(&bad)));
    assert_eq!(query(&env, &db, "select count(*) from ratings;"), [["2"]]);
}

#[test]
fn a_large_import_draws_no_progress_bar_when_stderr_is_not_a_terminal() {
    let env = Env::new();
    let db = env.path("big.db");
    let videos = env.path("big-conf-2022/videos");
    std::fs::create_dir_all(&videos).expect("mkdir");
    std::fs::write(env.path("big-conf-2022/category.json"), r#"{"title": "Big Conf 2022"}"#).expect("write");
    for i in 0..320 {
        let talk = format!(
            r#"{{"title": "Talk {i}", "speakers": ["Speaker {}"], "recorded": "2022-06-0{}", "description": "", "videos": []}}"#,
            i % 40,
            1 + i % 3
        );
        std::fs::write(videos.join(format!("talk-{i:03}.json")), talk).expect("write");
    }
    let run = on_db(&env, &db, &["import", "pyvideo", s(&env.path("big-conf-2022"))]);
    assert_eq!(done(&run).lines().count(), 1, "only the summary: {}", run.stderr);
    assert_eq!(
        summary(done(&run)),
        "imported 320 talks, 40 speakers, 0 tags from big-conf-2022 in T s (320 new, 0 updated, 0 unchanged)"
    );
}

#[test]
fn an_import_inside_the_users_transaction_is_part_of_it() {
    let env = Env::new();
    let db = env.path("tx.db");
    let file = env.path("t.csv");
    std::fs::write(&file, "a\n1\n").expect("write");
    let script =
        format!("begin;\n\\import csv {f} kept\ncommit;\nbegin;\n\\import csv {f} undone\nrollback;\n", f = s(&file));
    let out = done(&on_db(&env, &db, &["-e", &script])).to_string();
    assert_eq!(out.lines().filter(|l| l.starts_with("imported 1 row into new table")).count(), 2, "{out}");
    assert_eq!(query(&env, &db, "select name from sqlite_schema where type = 'table';"), [["kept"]]);
    // A failing import inside the user's transaction undoes only itself.
    std::fs::write(env.path("bad.csv"), "a\n2\n3,4\n").expect("write");
    let script =
        format!("begin;\ninsert into kept values (5);\n\\import csv {} kept\ncommit;", s(&env.path("bad.csv")));
    let run = env.run(&["--db", s(&db), "--continue", "-e", &script], "");
    assert!(run.fails(1).contains("line 3: expected 1 field, found 2"), "{}", run.stderr);
    assert_eq!(query(&env, &db, "select a from kept order by a;"), [["1"], ["5"]]);
}

/// Writes the events `slugs` of the bundled catalogue's facts-only extract (seed/pyvideo.jsonl.gz)
/// back out in pyvideo's layout: what a pyvideo/data checkout of them holds, less the prose.
fn extract_folders(env: &Env, slugs: &[&str]) -> PathBuf {
    use std::io::Read as _;
    let gz = std::fs::File::open(Path::new(env!("CARGO_MANIFEST_DIR")).join("seed/pyvideo.jsonl.gz")).expect("extract");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut text).expect("gunzip");
    let root = env.path("pyvideo-data");
    let mut event: Option<PathBuf> = None;
    for line in text.lines() {
        let mut obj: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line).expect("json");
        if let Some(slug) = obj.remove("event") {
            let slug = slug.as_str().expect("slug").to_string();
            event = slugs.contains(&slug.as_str()).then(|| root.join(&slug));
            if let Some(dir) = &event {
                std::fs::create_dir_all(dir.join("videos")).expect("mkdir");
                std::fs::write(dir.join("category.json"), serde_json::Value::Object(obj).to_string()).expect("write");
            }
        } else if let Some(dir) = &event {
            let file = obj.remove("file").expect("file");
            let path = dir.join("videos").join(format!("{}.json", file.as_str().expect("name")));
            std::fs::write(path, serde_json::Value::Object(obj).to_string()).expect("write");
        }
    }
    root
}

/// The bundled catalogue is generated by the importer's own rules from the pyvideo extract, so
/// importing those same files (seed/bundled-events.txt names them) into the bundled database finds
/// everything already as it is.
#[test]
fn importing_the_bundled_catalogues_source_changes_nothing() {
    let env = Env::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listed = std::fs::read_to_string(root.join("seed/bundled-events.txt")).expect("list");
    let mut bundled: Vec<&str> = listed.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    if bundled == ["*"] {
        bundled = vec!["pycon-us-2017", "europython-2019"];
    }
    let src = extract_folders(&env, &bundled);
    let talks: usize =
        bundled.iter().map(|e| std::fs::read_dir(src.join(e).join("videos")).expect("dir").count()).sum();
    let out = done(&env.run(&["import", "pyvideo", s(&src)], "")).to_string();
    bundled.sort_unstable();
    let events = match bundled[..] {
        [one, two] => format!("{one} and {two}"),
        _ => format!("{} events", bundled.len()),
    };
    assert_eq!(
        summary(&out),
        format!("nothing to import: {talks} talks from {events} already up to date (checked in T s)")
    );
}

/// pyvideo's files with durations in milliseconds: refused field by field, or left out and listed.
#[test]
fn bad_fields_of_real_files_are_named_and_left_out_with_skip_bad() {
    let env = Env::new();
    let db = env.path("fr.db");
    let src = extract_folders(&env, &["pycon-fr-2016"]);
    let run = on_db(&env, &db, &["import", "pyvideo", s(&src)]);
    let err = run.fails(1);
    assert_eq!(
        err.lines().filter(|l| l.contains(": duration: ") && l.ends_with("seconds is more than a day")).count(),
        47,
        "{err}"
    );
    assert!(
        err.ends_with(
            "error: nothing imported: 47 problems (--skip-bad imports the rest, leaving out each bad file or field)\n"
        ),
        "{err}"
    );
    let out = done(&on_db(&env, &db, &["import", "pyvideo", "--skip-bad", s(&src)])).to_string();
    assert_eq!(out.lines().filter(|l| l.starts_with("left out pycon-fr-2016/videos/")).count(), 47, "{out}");
    assert!(summary(&out).starts_with("imported 47 talks,"), "{out}");
    assert!(summary(&out).ends_with("(47 new, 0 updated, 0 unchanged); left out 47 bad fields"), "{out}");
    assert_eq!(query(&env, &db, "select count(*) from talks where duration is null;"), [["47"]]);
}

/// A database with tables of its own and no talk catalogue is not given the catalogue's tables
/// unless asked: a wrong --db is more likely than a wish.
#[test]
fn importing_into_an_unrelated_database_needs_into_existing() {
    let env = Env::new();
    let db = env.path("music.db");
    on_db(&env, &db, &["-e", "create table albums (title); insert into albums values ('Blue');"]).ok();
    let dir = fixtures(&env);
    let run = on_db(&env, &db, &["import", "pyvideo", s(&dir)]);
    assert_eq!(
        run.fails(1).trim_end(),
        "error: this database holds other tables (albums) and no talk catalogue: importing would add about 15 \
         catalogue tables to it; add --into-existing to do so"
    );
    assert_eq!(query(&env, &db, "select group_concat(name) from sqlite_schema;"), [["albums"]]);
    let out = done(&on_db(&env, &db, &["import", "pyvideo", "--into-existing", s(&dir)])).to_string();
    assert!(summary(&out).starts_with("imported 17 talks,"), "{out}");
    assert_eq!(query(&env, &db, "select title from albums;"), [["Blue"]]);
    // A catalogue database takes more without asking.
    let out = done(&on_db(&env, &db, &["import", "pyvideo", s(&dir)])).to_string();
    assert!(summary(&out).starts_with("nothing to import"), "{out}");
}
