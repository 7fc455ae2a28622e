//! What to do with one complete piece of input: a backslash command, or SQL statements run in
//! order. The REPL and the script runner both come through here, so input means the same thing
//! typed or scripted.
//!
//! A statement may end with `\G` instead of `;` (as in mysql): it then runs in vertical records.

use crate::command;
use crate::exec::ExecError;
use crate::session::Session;
use crate::settings::Format;
use crate::sql::lexer::{Kind, tokenize};
use crate::sql::{is_complete, split};

/// True when typed or scripted text is ready to run: a command line, complete SQL, or SQL ended
/// by `\G`.
pub fn input_is_complete(text: &str) -> bool {
    command::is_command(text) || is_complete(text) || strip_vertical(text).is_some()
}

/// The SQL before a trailing `\G`, when the `\G` stands outside strings and comments after some
/// SQL; `None` otherwise.
pub fn strip_vertical(text: &str) -> Option<&str> {
    let body = text.trim_end().strip_suffix("\\G")?;
    let tokens = tokenize(body);
    let open = tokens.iter().any(|t| t.unterminated) || tokens.last().is_some_and(|t| t.kind == Kind::LineComment);
    let has_sql = tokens.iter().any(|t| !t.is_trivia() && t.kind != Kind::Semi);
    (!open && has_sql).then_some(body)
}

/// A statement that failed: where it started (byte offset in the input), where the error is
/// (byte offset, when SQLite says), and why.
#[derive(Debug)]
pub struct Failure {
    pub offset: usize,
    pub error_offset: Option<usize>,
    /// The statement's text.
    pub statement: String,
    pub error: ExecError,
}

/// Runs every statement in `sql`, in order. With `bail`, stops at the first failure; otherwise
/// runs on. Returns the failures.
pub fn run_sql(session: &mut Session, sql: &str, bail: bool) -> Vec<Failure> {
    let (mut failures, ended) = session.one_input(|s| {
        let failures = run_statements(s, sql, bail);
        // `.changes on`: sqlite3 reports the counts after each input that ran without error.
        if let Some(line) = command::changes_line(s).filter(|_| failures.is_empty()) {
            use std::io::Write;
            if let Err(e) = writeln!(s.out, "{line}") {
                return vec![Failure {
                    offset: 0,
                    error_offset: None,
                    statement: String::new(),
                    error: ExecError::Io(e),
                }];
            }
        }
        failures
    });
    if let Err(e) = ended {
        failures.push(Failure { offset: 0, error_offset: None, statement: sql.to_string(), error: ExecError::Io(e) });
    }
    failures
}

fn run_statements(session: &mut Session, sql: &str, bail: bool) -> Vec<Failure> {
    let (body, vertical) = match strip_vertical(sql) {
        Some(body) => (body, true),
        None => (sql, false),
    };
    let statements = split(body);
    let last = statements.len().saturating_sub(1);
    let mut failures = Vec::new();
    if !sql.trim().is_empty() {
        session.last_sql = Some(sql.trim().to_string());
    }
    for (i, st) in statements.into_iter().enumerate() {
        let result = if vertical && i == last {
            session.run_sql_as(st.text, Format::Vertical)
        } else {
            session.run_sql(st.text)
        };
        if let Err(error) = result {
            let broken_pipe = matches!(&error, ExecError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe);
            let error_offset = match &error {
                ExecError::Sql(rusqlite::Error::SqlInputError { offset, .. }) => {
                    usize::try_from(*offset).ok().filter(|o| *o <= st.text.len()).map(|o| st.offset + o)
                }
                _ => None,
            };
            failures.push(Failure { offset: st.offset, error_offset, statement: st.text.to_string(), error });
            if bail || broken_pipe {
                break;
            }
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_backslash_g_completes_input() {
        assert!(input_is_complete("select 1 \\G"));
        assert!(input_is_complete("select *\nfrom talks\\G\n"));
        assert_eq!(strip_vertical("select 1 \\G  "), Some("select 1 "));
        assert!(!input_is_complete("select '\\G"), "inside a string");
        assert!(!input_is_complete("select 1 -- \\G"), "inside a comment");
        assert!(!input_is_complete("\n\\G") || command::is_command("\n\\G"));
        assert_eq!(strip_vertical("  \\G"), None);
    }
}
