//! The bundled database: first run, catalogue counts, and the links between write-ups and talks.

use crate::util::{Env, table_rows};

/// How many talks the bundled catalogue has: one a line of seed/catalogue/talks.tsv, after its header.
pub fn catalogue_talks() -> usize {
    let tsv = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seed/catalogue/talks.tsv"))
        .expect("seed/catalogue/talks.tsv");
    tsv.lines().count() - 1
}

#[test]
fn first_run_creates_the_database_in_the_data_dir() {
    let env = Env::first_run();
    assert!(!env.data_dir().join("talks.db").exists());
    let out = env.sql("select count(*) from talks where in_catalogue = 1;").ok().to_string();
    assert_eq!(table_rows(&out), [[catalogue_talks().to_string()]]);
    assert!(env.data_dir().join("talks.db").is_file());
    // No leftovers from the build-then-rename step.
    let leftovers: Vec<_> = std::fs::read_dir(env.data_dir())
        .expect("data dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn xdg_data_home_is_honoured() {
    let env = Env::new();
    let xdg = env.path("xdg");
    let run = env.cmd().env("XDG_DATA_HOME", &xdg).args(["-e", "select 1;"]).output().expect("run");
    assert!(run.status.success());
    assert!(xdg.join("talkcli/talks.db").is_file());
}

#[test]
fn the_data_version_is_stamped() {
    let env = Env::new();
    let out = env.sql("pragma user_version;").ok().to_string();
    assert_eq!(table_rows(&out), [[talkcli::DATA_VERSION.to_string()]]);
}

#[test]
fn grok_the_gil_is_mentioned_by_two_writeups() {
    let env = Env::new();
    let out = env
        .sql(
            "select count(distinct m.writeup_id) from mentions m join talks t on t.id = m.talk_id
             where t.title like 'Grok the GIL%';",
        )
        .ok()
        .to_string();
    assert_eq!(table_rows(&out), [["2"]]);
}

#[test]
fn ned_batchelders_2016_talk_is_linked_to_the_2016_writeup() {
    let env = Env::new();
    let out = env
        .sql(
            "select t.title, e.year, we.year from speakers s
               join talk_speakers ts on ts.speaker_id = s.id
               join talks t on t.id = ts.talk_id
               join events e on e.id = t.event_id
               join mentions m on m.talk_id = t.id
               join writeups w on w.id = m.writeup_id
               join events we on we.id = w.event_id
             where s.name = 'Ned Batchelder' and e.year = 2016;",
        )
        .ok()
        .to_string();
    let rows = table_rows(&out);
    assert_eq!(rows.len(), 1, "{out}");
    assert!(rows[0][0].to_lowercase().contains("machete"), "{out}");
    assert_eq!(rows[0][1..], ["2016", "2016"]);
}

#[test]
fn seed_is_clean() {
    let env = Env::new();
    let out = env
        .sql(
            "select
               (select count(*) from speakers where lower(name) like 'various speakers'),
               (select count(*) from talks where title <> trim(title) or title like '%  %'),
               (select count(*) from speakers where name <> trim(name) or name like '%  %'),
               (select count(*) from writeups where id not in (select writeup_id from mentions)),
               (select count(*) from pragma_foreign_key_check);",
        )
        .ok()
        .to_string();
    assert_eq!(table_rows(&out), [["0", "0", "0", "0", "0"]]);
}

#[test]
fn every_kind_of_talk_is_present() {
    let env = Env::new();
    let out = env.sql("select kind from talks group by kind order by kind;").ok().to_string();
    assert_eq!(table_rows(&out), [["keynote"], ["lightning"], ["other"], ["talk"], ["tutorial"]]);
}

#[test]
fn full_text_search_finds_takeaways_and_titles() {
    let env = Env::new();
    let out = env
        .sql("select t.title from talk_search s join talks t on t.id = s.rowid where talk_search match 'gil' order by rank;")
        .ok()
        .to_string();
    let rows = table_rows(&out);
    // The best match has the word in its title; the catalogue's GIL talks are all found.
    assert!(rows[0][0].to_lowercase().contains("gil"), "{out}");
    assert!(rows.iter().any(|r| r[0].starts_with("Grok the GIL")), "{out}");
}

#[test]
fn the_overview_view_gives_one_talk_a_row() {
    let env = Env::new();
    let out = env
        .sql("select (select count(*) from talk_overview) = (select count(*) from talks), speakers from talk_overview where title like 'Grok the GIL%';")
        .ok()
        .to_string();
    let rows = table_rows(&out);
    assert_eq!(rows[0][0], "1");
    assert!(rows[0][1].contains("Davis"), "{out}");
}

#[test]
fn db_flag_opens_or_creates_another_file() {
    let env = Env::first_run();
    let db = env.path("other.db");
    env.run(&["--db", db.to_str().expect("utf8 path"), "-e", "create table t(x); insert into t values (42);"], "").ok();
    let out = env.run(&["--db", db.to_str().expect("utf8 path"), "-e", "select x from t;"], "").ok().to_string();
    assert_eq!(table_rows(&out), [["42"]]);
    // The bundled database is not created when another file is opened.
    assert!(!env.data_dir().join("talks.db").exists());
}

#[test]
fn a_file_that_is_not_a_database_is_one_clear_error() {
    let env = Env::new();
    let bad = env.path("notes.txt");
    std::fs::write(&bad, "hello, this is a plain text file and certainly not a database").expect("write");
    let err = env.run(&["--db", bad.to_str().expect("utf8 path"), "-e", "select 1;"], "").fails(1).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("notes.txt") && err.contains("not a database"), "{err}");
}
