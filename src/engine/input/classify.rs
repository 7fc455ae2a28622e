//! What one line of input is: nothing (blank or only a comment), a command line, or SQL that may
//! end in a command (`select 1 \g`, `\p` on a continuation line). The one place that decides it,
//! for the prompt, pastes, scripts, the rc file and `\i` alike.

use crate::engine::command;
use crate::engine::sql::lexer::{Kind, tokenize};

/// One line, classified against the SQL already waiting in the query buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line<'a> {
    /// Whitespace or comments only, with nothing waiting: it opens no continuation.
    Blank,
    /// A whole command line (`\dt`, `.tables`, `help`), typed with nothing waiting.
    Command(&'a str),
    /// SQL for the buffer, then possibly a command that starts at a backslash outside strings and
    /// comments and takes the rest of the line (as in psql).
    Sql { sql: &'a str, command: Option<&'a str> },
}

/// Classifies `line`, given the buffer's text `pending` (whose open strings and comments the line
/// continues).
pub(crate) fn classify<'a>(pending: &str, line: &'a str) -> Line<'a> {
    if pending.is_empty() {
        if is_blank(line) {
            return Line::Blank;
        }
        // Dot commands and bare words (`help`, `quit`) count only at the start of a statement, as
        // in sqlite3: on a continuation line `.5` is a number.
        if command::is_command(line) {
            return Line::Command(line);
        }
    }
    match backslash(pending, line) {
        Some(at) => Line::Sql { sql: &line[..at], command: Some(&line[at..]) },
        None => Line::Sql { sql: line, command: None },
    }
}

/// Byte offset in `line` of the first backslash that stands outside strings, names and comments.
fn backslash(pending: &str, line: &str) -> Option<usize> {
    // Most lines hold no backslash at all: no need to lex them.
    if !line.contains('\\') {
        return None;
    }
    let text = format!("{pending}{line}");
    let at = tokenize(&text)
        .into_iter()
        .find(|t| t.start >= pending.len() && t.kind == Kind::Punct && t.text(&text).starts_with('\\'))?
        .start;
    Some(at - pending.len())
}

/// True when `text` holds only whitespace and finished comments (a `--` comment ends with its line).
pub(crate) fn is_blank(text: &str) -> bool {
    // Fast path for the common line that starts with a word: not blank, no need to lex it.
    match text.trim_start().bytes().next() {
        None => return true,
        Some(b) if b.is_ascii_alphanumeric() => return false,
        _ => {}
    }
    tokenize(text).iter().all(|t| t.is_trivia() && (!t.unterminated || t.kind == Kind::LineComment))
}

#[cfg(test)]
mod tests {
    use crate::engine::input::classify::*;

    #[test]
    fn lines_are_classified_once() {
        let sql = |sql, command| Line::Sql { sql, command };
        let cases: &[(&str, &str, Line<'_>)] = &[
            ("", "", Line::Blank),
            ("", "  -- only a comment", Line::Blank),
            ("", "/* done */", Line::Blank),
            ("", "\\dt", Line::Command("\\dt")),
            ("", ".tables", Line::Command(".tables")),
            ("", "help", Line::Command("help")),
            ("", "select 1;", sql("select 1;", None)),
            ("", "select 1 \\gx", sql("select 1 ", Some("\\gx"))),
            ("", "select 1; \\dt t*", sql("select 1; ", Some("\\dt t*"))),
            ("", "select '\\dt'", sql("select '\\dt'", None)),
            ("", "select 1 -- \\dt", sql("select 1 -- \\dt", None)),
            ("", "/* open", sql("/* open", None)),
            ("select\n", ".5;", sql(".5;", None)),
            ("select\n", "help", sql("help", None)),
            ("select\n", "\\p", sql("", Some("\\p"))),
            ("select 'a\n", "\\p'", sql("\\p'", None)),
            ("select 1 /* \n", "\\q */", sql("\\q */", None)),
            ("select 1\n", "-- x", sql("-- x", None)),
        ];
        for (pending, line, want) in cases {
            assert_eq!(classify(pending, line), *want, "{pending:?} + {line:?}");
        }
    }

    #[test]
    fn blank_means_nothing_to_run() {
        assert!(is_blank("  \n-- c\n/* d */"));
        assert!(!is_blank("/* open"));
        assert!(!is_blank("select"));
    }
}
