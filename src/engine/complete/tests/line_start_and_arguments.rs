//! The empty line (statements and commands), keyword case following the statement, sub-selects
//! and star columns, a setting's values and quoted paths with spaces.

use crate::engine::complete::tests::{at, fixture, has};
use crate::engine::complete::*;

#[test]
fn keywords_follow_the_case_of_the_statement() {
    let auto = Options::default();
    let texts = |src: &str| complete(src, src.len(), &fixture(), &auto).texts().join(",");
    assert_eq!(texts("select * from talks left "), "join,outer join");
    assert_eq!(texts("SELECT * FROM talks LEFT "), "JOIN,OUTER JOIN");
    assert_eq!(texts("begin "), "deferred,immediate,exclusive,transaction");
    assert_eq!(texts("select * from talks LEFT j"), "join", "what is typed wins over what came before");
    assert!(texts("").starts_with("ALTER,"), "nothing typed at all: upper case");
}

#[test]
fn the_empty_line_offers_statements_and_commands() {
    let c = complete("", 0, &fixture(), &Options::default());
    let texts = c.texts();
    assert!(texts.contains(&"SELECT") && texts.contains(&"\\dt") && texts.contains(&"\\?"), "{texts:?}");
    let dt = c.candidates.iter().find(|c| c.text == "\\dt").and_then(|c| c.note.as_deref());
    assert!(dt.is_some_and(|n| n.contains("table")), "a command comes with its summary: {dt:?}");
    assert!(!texts.contains(&"\\go"), "each command once, by its own name (\\g, not \\go)");
}

#[test]
fn sub_selects_and_star_columns() {
    assert_eq!(at("select * fr"), ["from"]);
    assert_eq!(at("select t.* fr"), ["from"]);
    assert!(!at("select 2 * fr").contains(&"from".to_string()), "a product wants an operand");
    assert_eq!(at("select * from talks where id in (sel"), ["select"]);
    assert!(has(&at("select * from talks where exists ("), &["SELECT", "WITH"]));
    assert!(!at("select count(").contains(&"SELECT".to_string()), "a function's bracket is no sub-select");
}

#[test]
fn setting_values_and_quoted_paths() {
    let texts = |src: &str| complete(src, src.len(), &fixture(), &Options::default()).texts().join(",");
    assert_eq!(texts("\\pset overflow "), "truncate,wrap");
    assert_eq!(texts("\\pset less_chatty "), "on,off");
    assert!(texts("\\pset format ").contains("vertical"));
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().display().to_string();
    std::fs::create_dir(dir.path().join("dir with space")).expect("dir");
    std::fs::write(dir.path().join("dir with space/a.sql"), "").expect("file");
    // A directory with a space: quoted, the quote left open so the next Tab goes inside.
    let c = complete(&format!("\\i {base}/dir"), 4 + base.len() + 4, &fixture(), &Options::default());
    assert_eq!(c.texts(), [format!("\"{base}/dir with space/")]);
    assert_eq!(c.start, 3);
    for typed in [format!("\\i \"{base}/dir with space/"), format!("\\i \"{base}/dir with space/\"")] {
        let c = complete(&typed, typed.len(), &fixture(), &Options::default());
        assert_eq!(c.texts(), [format!("\"{base}/dir with space/a.sql\"")], "{typed}");
        assert_eq!(c.start, 3, "the whole quoted word is replaced");
    }
}
