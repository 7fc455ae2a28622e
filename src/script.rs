//! Non-interactive input (`talkcli < file`, `-e`, `-f`): reads lines as the sqlite3 shell does,
//! runs each complete statement as soon as it is complete, and reports errors with their line.
//! Scripts never go through the line editor.

use std::io::{BufRead, Write};

use anyhow::Result;

use crate::command;
use crate::dispatch;
use crate::exec::ExecError;
use crate::output::is_broken_pipe;
use crate::session::Session;
use crate::sql::{is_complete, lexer, line_col};
use crate::style::Role;

/// How a script run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScriptResult {
    pub errors: usize,
    /// The reader of our output went away: stop quietly.
    pub broken_pipe: bool,
}

/// True when `text` holds only whitespace and comments.
fn is_blank(text: &str) -> bool {
    // Fast path for the common line that starts with a word: not blank, no need to lex it.
    match text.trim_start().bytes().next() {
        None => return true,
        Some(b) if b.is_ascii_alphanumeric() => return false,
        _ => {}
    }
    lexer::tokenize(text).iter().all(|t| t.is_trivia() && !t.unterminated)
}

/// Runs every statement and command read from `input`. `origin` names the input in messages
/// (empty for stdin and -e).
pub fn run(session: &mut Session, input: impl BufRead, origin: &str) -> Result<ScriptResult> {
    let mut runner = Runner { session, origin, errors: 0 };
    let mut buf = String::new();
    let mut buf_line = 1; // line number of the first line in `buf`
    let mut lineno = 0;
    let mut input = input;
    let mut raw = Vec::new();
    loop {
        raw.clear();
        let n = input
            .read_until(b'\n', &mut raw)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", if origin.is_empty() { "input" } else { origin }))?;
        if n == 0 {
            break;
        }
        if raw.last() == Some(&b'\n') {
            raw.pop();
            if raw.last() == Some(&b'\r') {
                raw.pop();
            }
        }
        // Bytes that are not UTF-8 become U+FFFD: the line still runs, as sqlite3 runs it.
        let line = String::from_utf8_lossy(&raw).into_owned();
        lineno += 1;
        if buf.is_empty() {
            if is_blank(&line) {
                continue;
            }
            if command::is_command(&line) {
                if !runner.command(&line, lineno)? {
                    return Ok(runner.finish(false));
                }
                if runner.session.quit {
                    break;
                }
                continue;
            }
            buf_line = lineno;
        }
        buf.push_str(&line);
        buf.push('\n');
        let ends = (line.contains(';') && is_complete(&buf))
            || (line.trim_end().ends_with("\\G") && dispatch::strip_vertical(&buf).is_some())
            || (line.contains('\\') && dispatch::trailing_chart(&buf).is_some());
        if ends {
            let ok = runner.statements(&buf, buf_line)?;
            buf.clear();
            if !ok {
                return Ok(runner.finish(false));
            }
        }
    }
    if !is_blank(&buf) && !runner.session.quit {
        let ok = runner.statements(&buf, buf_line)?;
        if !ok {
            return Ok(runner.finish(false));
        }
    }
    Ok(runner.finish(false))
}

struct Runner<'a> {
    session: &'a mut Session,
    origin: &'a str,
    errors: usize,
}

impl Runner<'_> {
    fn finish(&self, broken_pipe: bool) -> ScriptResult {
        ScriptResult { errors: self.errors, broken_pipe }
    }

    /// Runs the statements of a complete buffer; false means stop reading.
    fn statements(&mut self, buf: &str, first_line: usize) -> Result<bool> {
        let bail = self.session.settings.bail;
        self.echo(buf.trim())?;
        let failures = dispatch::run_sql(self.session, buf, bail);
        for f in &failures {
            if matches!(&f.error, ExecError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe) {
                return Err(anyhow::anyhow!(std::io::Error::from(std::io::ErrorKind::BrokenPipe)));
            }
            let (line, col) = line_col(buf, f.error_offset.unwrap_or(f.offset));
            // One line: the message, then the statement's first line so the user sees which one failed.
            let msg = format!("{} (in: {})", f.error, statement_head(&f.statement));
            self.report_at(first_line + line - 1, Some(col), &msg);
        }
        Ok(failures.is_empty() || !bail)
    }

    /// Runs one command line; false means stop reading.
    fn command(&mut self, line: &str, lineno: usize) -> Result<bool> {
        self.echo(line.trim())?;
        if let Err(err) = command::run(self.session, line) {
            if is_broken_pipe(&err) {
                return Err(err);
            }
            if let Some(nested) = err.downcast_ref::<command::Reported>() {
                self.errors += nested.errors;
            } else {
                self.report(lineno, &format!("{err:#}"));
            }
            if self.session.settings.bail {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `.echo on`: the input, as read, before it runs (as sqlite3 prints it).
    fn echo(&mut self, text: &str) -> Result<()> {
        if self.session.settings.echo {
            writeln!(self.session.out, "{text}")?;
        }
        Ok(())
    }

    fn report(&mut self, line: usize, msg: &str) {
        self.report_at(line, None, msg);
    }

    /// `error: FILE: line L, column C: message` on stderr.
    fn report_at(&mut self, line: usize, col: Option<usize>, msg: &str) {
        self.errors += 1;
        let _ = self.session.out.flush();
        let at = match col {
            Some(c) => format!("line {line}, column {c}"),
            None => format!("line {line}"),
        };
        let where_ = if self.origin.is_empty() { at } else { format!("{}: {at}", self.origin) };
        let head = self.session.err_palette.paint(Role::Error, "error:");
        let _ = writeln!(std::io::stderr(), "{head} {where_}: {msg}");
    }
}

/// The first line of a statement, shortened for an error message.
fn statement_head(statement: &str) -> String {
    const MAX: usize = 60;
    let first = statement.lines().next().unwrap_or("").trim();
    let mut head: String = first.chars().take(MAX).collect();
    if first.chars().count() > MAX || statement.trim_end().len() > first.len() {
        head.push('…');
    }
    crate::render::escape_controls(&head)
}
