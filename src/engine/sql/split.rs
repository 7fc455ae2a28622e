//! The one completeness rule: when does typed or scripted text hold whole statements?
//!
//! `is_complete` has the semantics of SQLite's `sqlite3_complete` (same state machine, same token
//! classes), so `;` inside strings, quoted names, comments and `CREATE TRIGGER … BEGIN … END;` bodies
//! never ends a statement. The REPL validator, the continuation prompt and the script splitter all
//! call into this file, so they cannot disagree.

use crate::engine::sql::lexer::{Kind, Token, tokenize};

/// Token classes of sqlite3_complete's state machine.
#[derive(Clone, Copy)]
enum Class {
    Semi = 0,
    Ws = 1,
    Other = 2,
    Explain = 3,
    Create = 4,
    Temp = 5,
    Trigger = 6,
    End = 7,
}

/// State 1 means "at a statement boundary"; 5–7 are inside a trigger body.
const START: u8 = 1;

/// Transition table copied in meaning from SQLite's complete.c: rows are states, columns classes.
const TRANS: [[u8; 8]; 8] = [
    //  SEMI WS OTHER EXPLAIN CREATE TEMP TRIGGER END
    [1, 0, 2, 3, 4, 2, 2, 2], // 0 INVALID (nothing seen yet)
    [1, 1, 2, 3, 4, 2, 2, 2], // 1 START
    [1, 2, 2, 2, 2, 2, 2, 2], // 2 NORMAL
    [1, 3, 3, 2, 4, 2, 2, 2], // 3 EXPLAIN
    [1, 4, 2, 2, 2, 4, 5, 2], // 4 CREATE
    [6, 5, 5, 5, 5, 5, 5, 5], // 5 TRIGGER
    [6, 6, 5, 5, 5, 5, 5, 7], // 6 SEMI (inside a trigger)
    [1, 7, 5, 5, 5, 5, 5, 5], // 7 END
];

fn class(tok: &Token, src: &str) -> Class {
    match tok.kind {
        Kind::Space | Kind::LineComment | Kind::BlockComment => Class::Ws,
        Kind::Semi => Class::Semi,
        Kind::Word => {
            let w = tok.text(src);
            if w.eq_ignore_ascii_case("create") {
                Class::Create
            } else if w.eq_ignore_ascii_case("trigger") {
                Class::Trigger
            } else if w.eq_ignore_ascii_case("temp") || w.eq_ignore_ascii_case("temporary") {
                Class::Temp
            } else if w.eq_ignore_ascii_case("end") {
                Class::End
            } else if w.eq_ignore_ascii_case("explain") {
                Class::Explain
            } else {
                Class::Other
            }
        }
        _ => Class::Other,
    }
}

/// True when `sql` ends exactly at the end of a statement, as `sqlite3_complete` (SQLite 3.54,
/// bundled) decides: a trailing `--` comment without its newline is still unfinished.
pub fn is_complete(sql: &str) -> bool {
    let mut state = 0u8;
    for tok in tokenize(sql) {
        // An unterminated string, name or block comment can never be complete.
        if tok.unterminated {
            return false;
        }
        state = TRANS[state as usize][class(&tok, sql) as usize];
    }
    state == START
}

/// Length of the longest prefix of `sql` that `is_complete` accepts up to its closing `;`: the
/// statements that can run now, leaving an unfinished one (`select 1; select 2; sel` → up to the
/// second `;`). 0 when no statement is finished yet.
pub fn complete_len(sql: &str) -> usize {
    let mut state = 0u8;
    let mut end = 0;
    for tok in tokenize(sql) {
        if tok.unterminated {
            break;
        }
        state = TRANS[state as usize][class(&tok, sql) as usize];
        if tok.kind == Kind::Semi && state == START {
            end = tok.end;
        }
    }
    end
}

/// One statement found in a buffer: byte offset of its first meaningful token and its text
/// (including the closing `;` when there is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement<'a> {
    pub offset: usize,
    pub text: &'a str,
}

/// Splits a buffer into statements. Pieces made only of whitespace and comments are dropped;
/// text after the last `;` becomes a final statement without one (it runs as sqlite3 runs it).
pub fn split(sql: &str) -> Vec<Statement<'_>> {
    let mut out = Vec::new();
    let mut state = 0u8;
    let mut first: Option<usize> = None;
    for tok in tokenize(sql) {
        let prev = state;
        state = TRANS[state as usize][class(&tok, sql) as usize];
        if first.is_none() && !tok.is_trivia() && tok.kind != Kind::Semi {
            first = Some(tok.start);
        }
        if tok.kind == Kind::Semi && state == START {
            // A lone `;` (state was already START or INVALID) is an empty statement: skip it.
            if let Some(start) = first.take().filter(|_| prev != START && prev != 0) {
                out.push(Statement { offset: start, text: &sql[start..tok.end] });
            }
        }
    }
    if let Some(start) = first {
        out.push(Statement { offset: start, text: sql[start..].trim_end() });
    }
    out
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map_or(before, |n| &before[n + 1..]).chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use crate::engine::sql::split::*;

    /// SQLite's own answer, the reference every case is checked against.
    fn sqlite_complete(sql: &str) -> bool {
        let c = std::ffi::CString::new(sql).expect("no NUL in test input");
        // SAFETY: sqlite3_complete reads a NUL-terminated string and keeps no pointer to it.
        unsafe { rusqlite::ffi::sqlite3_complete(c.as_ptr()) != 0 }
    }

    #[test]
    fn complete_len_stops_before_the_unfinished_statement() {
        assert_eq!(complete_len("select 1; select 2; sel"), "select 1; select 2;".len());
        assert_eq!(complete_len("select 1"), 0);
        assert_eq!(complete_len("select ';'"), 0);
        let trigger = "create trigger t after insert on x begin select 1; end; sel";
        assert_eq!(complete_len(trigger), trigger.len() - " sel".len());
        assert_eq!(complete_len("create trigger t after insert on x begin select 1;"), 0);
        // Agrees with the completeness rule: a complete buffer has a complete prefix, and the
        // prefix found is itself complete.
        for (sql, complete) in CASES {
            let n = complete_len(sql);
            assert!(!complete || n > 0, "{sql:?}");
            assert!(n == 0 || is_complete(&sql[..n]), "{sql:?}");
        }
    }

    const CASES: &[(&str, bool)] = &[
        ("", false),
        ("   ", false),
        (";", true),
        ("select 1", false),
        ("select 1;", true),
        ("select 1; ", true),
        ("select 1; -- trailing", false),
        ("select 1; -- trailing\n", true),
        ("select (1;", true),
        ("select 1; /* open", false),
        ("select ';'", false),
        ("select ';';", true),
        ("select 'it''s';", true),
        ("select \"a;b\";", true),
        ("select [a;b];", true),
        ("select `a;b`;", true),
        ("select 1 -- ;\n", false),
        ("select 1 /* ; */", false),
        ("create trigger t after insert on x begin select 1;", false),
        ("create trigger t after insert on x begin select 1; end", false),
        ("create trigger t after insert on x begin select 1; end;", true),
        ("CREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN DELETE FROM y; END;", true),
        ("create temporary trigger t after insert on x begin select 1; end;", true),
        ("explain create trigger t after insert on x begin select 1; end;", true),
        ("create table end(x);", true),
        ("select 1; select 2", false),
        ("select 1; select 2;", true),
    ];

    #[test]
    fn agrees_with_sqlite3_complete() {
        for (sql, want) in CASES {
            assert_eq!(sqlite_complete(sql), *want, "sqlite disagrees with the table on {sql:?}");
            assert_eq!(is_complete(sql), *want, "is_complete({sql:?})");
        }
    }

    #[test]
    fn splits_statements() {
        let texts = |s| split(s).into_iter().map(|st| st.text).collect::<Vec<_>>();
        assert_eq!(texts("select 1; select 2;"), ["select 1;", "select 2;"]);
        assert_eq!(texts("select ';' ; -- c\n select 2"), ["select ';' ;", "select 2"]);
        assert_eq!(texts(";;  ; -- only comments\n"), Vec::<&str>::new());
        let trig = "create trigger t after insert on x begin insert into y values(';'); end;";
        assert_eq!(texts(&format!("{trig}\nselect 1;")), [trig, "select 1;"]);
    }

    #[test]
    fn offsets_give_lines() {
        let src = "select 1;\n\n  select\n 2;";
        let sts = split(src);
        assert_eq!(line_col(src, sts[1].offset), (3, 3));
    }

    /// Pieces that exercise every state of the machine: quotes, comments, trigger keywords, `;`.
    const PIECES: &[&str] = &[
        "select",
        " ",
        "\n",
        ";",
        "'",
        "''",
        "'a;b'",
        "\"",
        "\"x;y\"",
        "[",
        "]",
        "`",
        "--",
        "-- c;",
        "/*",
        "*/",
        "/* ; */",
        "-",
        "/",
        "*",
        "create",
        "CREATE",
        "temp",
        "TEMPORARY",
        "trigger",
        "TRIGGER",
        "begin",
        "end",
        "END",
        "explain",
        "x",
        "1",
        "é",
        "(",
        ")",
        "\t",
        "endx",
        "triggers",
        "createtrigger",
        "insert into t values(1)",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// `is_complete` is SQLite's `sqlite3_complete` on any mix of the tricky pieces.
        #[test]
        fn is_complete_matches_sqlite3_complete(parts in proptest::collection::vec(0..PIECES.len(), 0..14)) {
            let sql: String = parts.iter().map(|&i| PIECES[i]).collect();
            proptest::prop_assert_eq!(is_complete(&sql), sqlite_complete(&sql), "input {:?}", sql);
        }

        /// Same property on arbitrary text made of SQL-ish characters.
        #[test]
        fn is_complete_matches_on_random_text(sql in "[a-zA-Z;'\"`\\[\\]\\-/* \n\t()é]{0,40}") {
            proptest::prop_assert_eq!(is_complete(&sql), sqlite_complete(&sql), "input {:?}", sql);
        }

        /// Every statement `split` finds is complete by itself (with its `;`), and together they
        /// cover the complete input in order.
        #[test]
        fn split_pieces_are_complete_statements(parts in proptest::collection::vec(0..PIECES.len(), 0..14)) {
            let sql: String = parts.iter().map(|&i| PIECES[i]).collect();
            if is_complete(&sql) {
                for st in split(&sql) {
                    proptest::prop_assert!(sqlite_complete(&format!("{}\n", st.text)) || !st.text.ends_with(';'),
                        "piece {:?} of {:?}", st.text, sql);
                }
            }
        }
    }
}
