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
    command::is_command(text) || is_complete(text) || strip_vertical(text).is_some() || trailing_chart(text).is_some()
}

/// SQL ended by `\chart …` instead of `;` (psql-style): the SQL and the command line, when the
/// backslash stands outside strings and comments after some SQL, on the input's last line.
pub fn trailing_chart(text: &str) -> Option<(&str, &str)> {
    let tokens = tokenize(text);
    let at = tokens.iter().enumerate().find_map(|(i, t)| {
        let next = tokens.get(i + 1)?;
        (t.kind == Kind::Punct
            && t.text(text) == "\\"
            && next.start == t.end
            && next.kind == Kind::Word
            && next.text(text).eq_ignore_ascii_case("chart"))
        .then_some(t.start)
    })?;
    let (body, cmd) = text.split_at(at);
    let has_sql = tokenize(body).iter().any(|t| !t.is_trivia() && t.kind != Kind::Semi);
    (has_sql && !cmd.trim_end().contains('\n')).then_some((body, cmd.trim()))
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
    let (mut failures, ended) = session.one_input(|s| run_statements(s, sql, bail));
    if let Err(e) = ended {
        failures.push(Failure { offset: 0, error_offset: None, statement: sql.to_string(), error: ExecError::Io(e) });
    }
    failures
}

fn run_statements(session: &mut Session, sql: &str, bail: bool) -> Vec<Failure> {
    let (body, vertical, chart) = match (strip_vertical(sql), trailing_chart(sql)) {
        (Some(body), _) => (body, true, None),
        (None, Some((body, cmd))) => (body, false, Some(cmd)),
        (None, None) => (sql, false, None),
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
        } else if let Some(cmd) = chart.filter(|_| i == last) {
            chart_after(session, st.text, cmd)
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

/// Runs the last statement without drawing its rows, then charts them with `cmd`.
fn chart_after(session: &mut Session, sql: &str, cmd: &str) -> Result<crate::exec::Outcome, ExecError> {
    let outcome = session.capture(sql)?;
    if !outcome.is_query {
        return Err(ExecError::Io(std::io::Error::other("\\chart needs a query that returns rows")));
    }
    match command::run(session, cmd) {
        Ok(()) => Ok(outcome),
        Err(e) if crate::output::is_broken_pipe(&e) => Err(ExecError::Io(std::io::ErrorKind::BrokenPipe.into())),
        Err(e) => Err(ExecError::Io(std::io::Error::other(format!("{e:#}")))),
    }
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

    #[test]
    fn trailing_chart_ends_sql() {
        let sql = "select year, count(*) from talk_overview group by year \\chart bar --ascii";
        assert_eq!(
            trailing_chart(sql),
            Some(("select year, count(*) from talk_overview group by year ", "\\chart bar --ascii"))
        );
        assert!(input_is_complete("select 1\n  \\chart spark\n"));
        assert_eq!(trailing_chart("select '\\chart'"), None, "inside a string");
        assert_eq!(trailing_chart("select 1 -- \\chart"), None, "inside a comment");
        assert_eq!(trailing_chart("\\chart"), None, "no SQL before it");
        assert_eq!(trailing_chart("select 1 \\charts"), None);
    }
}
