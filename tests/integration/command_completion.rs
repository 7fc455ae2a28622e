//! Argument completion of commands, through `talkcli --complete TEXT` (one candidate per line: what
//! Tab would offer at the end of TEXT). Each command's `arg_kind` drives it.
//!
//! NOT yet listed in main.rs: it needs the completion engine and `--complete` (issue 3); the lead
//! enables this module when both are merged.

use crate::util::Env;

fn complete(env: &Env, text: &str) -> Vec<String> {
    let run = env.run(&["--complete", text], "");
    run.ok().lines().map(str::to_string).collect()
}

#[track_caller]
fn offers(got: &[String], want: &str) {
    assert!(got.iter().any(|c| c.contains(want)), "{want:?} not among {got:?}");
}

#[test]
fn speaker_names_complete_after_speaker() {
    let env = Env::new();
    let got = complete(&env, "\\speaker Ned");
    offers(&got, "Ned Batchelder");
    assert!(got.iter().all(|c| c.contains("Ned")), "{got:?}");
}

#[test]
fn tags_complete_after_tag() {
    let env = Env::new();
    let tags = env.sql("select name from tags order by name limit 1;").ok().to_string();
    let first = crate::util::table_rows(&tags)[0][0].clone();
    let prefix: String = first.chars().take(2).collect();
    offers(&complete(&env, &format!("\\tag {prefix}")), &first);
}

#[test]
fn events_complete_after_talks() {
    let env = Env::new();
    // Years lead, earliest first, each followed by its editions.
    let first = env.sql("select min(year) from events;").ok().to_string();
    let first = crate::util::table_rows(&first)[0][0].clone();
    let got = complete(&env, "\\talks ");
    assert_eq!(got.first(), Some(&first), "{got:?}");
    offers(&complete(&env, "\\talks 201"), "2016");
    offers(&complete(&env, "\\talks PyCon US 201"), "\"PyCon US 2016\"");
    assert_eq!(complete(&env, "\\talks 2017 --kind lig"), ["lightning"]);
    assert_eq!(complete(&env, "\\talks 2017 --"), ["--kind"]);
}

#[test]
fn tables_complete_after_the_d_family() {
    let env = Env::new();
    for cmd in ["\\d", "\\dt", ".schema", "\\di"] {
        let got = complete(&env, &format!("{cmd} talk_o"));
        offers(&got, "talk_overview");
    }
    offers(&complete(&env, "\\dv talk"), "talk_overview");
}

#[test]
fn files_complete_after_read_and_edit() {
    let env = Env::new();
    std::fs::write(env.path("myscript.sql"), "select 1;\n").expect("write");
    for cmd in ["\\i", ".read", "\\e"] {
        offers(&complete(&env, &format!("{cmd} mys")), "myscript.sql");
    }
}

#[test]
fn named_queries_complete_after_f_and_fd() {
    let env = Env::new();
    env.sql("\\fs by_year select $1").ok();
    env.sql("\\fs by_speaker select $1").ok();
    for cmd in ["\\f", "\\fd"] {
        let got = complete(&env, &format!("{cmd} by_"));
        offers(&got, "by_year");
        offers(&got, "by_speaker");
    }
}

#[test]
fn commands_complete_after_help() {
    let env = Env::new();
    let got = complete(&env, "\\? \\tal");
    offers(&got, "\\talk");
    offers(&got, "\\talks");
}

#[test]
fn keywords_complete_after_h() {
    let env = Env::new();
    offers(&complete(&env, "\\h sel"), "SELECT");
    // Every statement's topic is offered, the new ones too.
    offers(&complete(&env, "\\h sav"), "SAVEPOINT");
    offers(&complete(&env, "\\h pra"), "PRAGMA");
}
