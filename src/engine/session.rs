//! One open database with its settings and output: the state every input acts on, whether it came
//! from the REPL, `-e`, a script on stdin or `\i FILE`.

use std::io::Write;

use rusqlite::Connection;

use crate::engine::capture::{CHARTED, Captured, Capturing, PASSING, Silent};
use crate::engine::error::{self, Level};
use crate::engine::exec::{self, ExecError, Outcome};
use crate::engine::input_report;
use crate::engine::output::Output;
use crate::engine::render::{RenderContext, renderer_for};
use crate::engine::settings::{Expanded, Format, Settings};
use crate::engine::sql::split;
use crate::engine::style::{Palette, Role};

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

pub struct Session {
    pub conn: Connection,
    pub settings: Settings,
    pub out: Output,
    /// What `\conninfo` reports: the file path, or a description.
    pub db_label: String,
    /// Palette for messages on stderr.
    pub err_palette: Palette,
    /// The SQL input run last (all its statements), for `\e` to edit.
    pub last_sql: Option<String>,
    /// Whether the open database is the bundled talk database (the prompt says `talks` then).
    pub bundled: bool,
    /// `\set` / `.parameter` variables, bound to `:NAME` parameters.
    pub vars: crate::engine::vars::Variables,
    /// The rows of the last query result (bounded), for `\chart` and `\facets`.
    pub last_result: Option<Captured>,
    /// The FTS5 query of the last result when `\search` drew it: `\facets` then counts every
    /// match, not only the page shown. Cleared by any other result.
    pub last_search: Option<String>,
    /// What the SQL name `_` stands for: the last result's query, or the temp table holding it.
    pub(crate) last_query: crate::engine::last_table::LastQuery,
    /// Set by `\last` while it re-shows the last result: the showing does not make a new one.
    pub(crate) keep_last: bool,
    /// Set by a pack's command before its query: how to decorate that one result where links are
    /// drawn (the talks pack links titles to their videos).
    pub decorate_next: Option<crate::engine::render::Decorator>,
    /// Read-only connections to the main database file, for work split across threads.
    pub readers: crate::engine::readers::Readers,
    /// Time a command spent before its query (ranking on those connections), which `\timing`
    /// adds to the query's own.
    pub spent_before: std::time::Duration,
    /// The last error said, in full with its place, for `\errverbose`.
    pub last_error: Option<String>,
}

/// A query for `Session::run`: its SQL and what to run it with.
pub struct Query<'a> {
    sql: &'a str,
    params: &'a [&'a dyn rusqlite::ToSql],
    /// Drawn in this format; `None`: the session's own (`\x on` makes tables records).
    format: Option<Format>,
    /// Rows past the row limit are counted for the footer (`1,000 of 1,500 rows shown`); off for
    /// shortcuts whose result can be huge, whose footer then says more were not counted.
    count_rest: bool,
    /// SQL the user wrote: `.eqp on` prints its plan first.
    explained: bool,
}

impl<'a> Query<'a> {
    pub fn new(sql: &'a str) -> Self {
        Query { sql, params: &[], format: None, count_rest: true, explained: false }
    }

    /// Values bound to `?1…?n`, in order.
    pub fn params(self, params: &'a [&'a dyn rusqlite::ToSql]) -> Self {
        Query { params, ..self }
    }

    pub fn format(self, format: Format) -> Self {
        Query { format: Some(format), ..self }
    }

    /// Rows past the row limit are not counted.
    pub fn page(self) -> Self {
        Query { count_rest: false, ..self }
    }

    /// The user's own SQL, which `.eqp on` explains first.
    pub fn explained(self) -> Self {
        Query { explained: true, ..self }
    }
}

impl Session {
    pub fn new(conn: Connection, settings: Settings, out: Output, db_label: String, err_palette: Palette) -> Self {
        Session {
            conn,
            settings,
            out,
            db_label,
            err_palette,
            last_sql: None,
            last_result: None,
            last_search: None,
            last_query: crate::engine::last_table::LastQuery::None,
            keep_last: false,
            decorate_next: None,
            readers: crate::engine::readers::Readers::default(),
            spent_before: std::time::Duration::ZERO,
            last_error: None,
            bundled: false,
            vars: crate::engine::vars::Variables::default(),
        }
    }

    /// The database's short name: `talks` for the bundled one, else the file name without its
    /// extension.
    pub fn db_name(&self) -> String {
        if self.bundled {
            return "talks".to_string();
        }
        let path = std::path::Path::new(&self.db_label);
        path.file_stem().map_or_else(|| self.db_label.clone(), |s| s.to_string_lossy().into_owned())
    }

    /// Runs one whole input (a command line, or SQL with all its statements) through `f`, then ends
    /// a `\once` that was in force before it: `\once FILE` covers exactly the next input's output,
    /// whether a query printed it or a command wrote it directly.
    pub fn one_input<T>(&mut self, f: impl FnOnce(&mut Session) -> T) -> (T, std::io::Result<()>) {
        let mark = self.out.once_mark();
        let result = f(self);
        let ended = self.out.end_once(mark);
        (result, ended)
    }

    /// `one_input` for a command line: a `\once` waiting for output outlives a command that wrote
    /// none (`\once FILE` then `\T json` then the query: the query's result goes to FILE).
    pub fn one_command<T>(&mut self, f: impl FnOnce(&mut Session) -> T) -> (T, std::io::Result<()>) {
        let mark = self.out.once_mark();
        let result = f(self);
        let ended = self.out.end_once_after_command(mark);
        (result, ended)
    }

    /// Runs every statement in `sql`, in order, as one input (see `one_input`); `format` overrides
    /// the session's for all of them (`\gx`). With `bail`, stops at the first failure. With
    /// `capture_last`, the last statement's rows are kept as the last result without being drawn
    /// (`SELECT … \chart`). Returns the failures.
    pub fn run_statements(
        &mut self,
        sql: &str,
        format: Option<Format>,
        bail: bool,
        capture_last: bool,
    ) -> Vec<Failure> {
        let (mut failures, ended) = self.one_input(|s| {
            let timer = s.settings.sqlite3_timer.then(input_report::start);
            let mut failures = s.statements(sql, format, bail, capture_last);
            // `.timer on`: sqlite3 prints the time of each input (chunk of statements), failed or not.
            if let Some(start) = timer
                && let Err(e) = s.out.status(&input_report::line(&start))
            {
                failures.push(Failure { offset: 0, error_offset: None, statement: String::new(), error: e.into() });
            }
            // `.changes on`: the counts after each input that ran without error. A status line, as
            // `.timer`'s: on the terminal at the prompt, on stderr when output is a pipe or a file
            // (sqlite3 writes it among the rows; a documented difference).
            if let Some(line) =
                s.settings.count_changes.then(|| input_report::changes(&s.conn)).filter(|_| failures.is_empty())
                && let Err(e) = s.out.status(&line)
            {
                failures.push(Failure { offset: 0, error_offset: None, statement: String::new(), error: e.into() });
            }
            failures
        });
        if let Err(e) = ended {
            failures.push(Failure { offset: 0, error_offset: None, statement: sql.to_string(), error: e.into() });
        }
        failures
    }

    fn statements(&mut self, sql: &str, format: Option<Format>, bail: bool, capture_last: bool) -> Vec<Failure> {
        let mut failures = Vec::new();
        if !sql.trim().is_empty() {
            self.last_sql = Some(sql.trim().to_string());
        }
        let statements = split(sql);
        let last = statements.len().saturating_sub(1);
        for (i, st) in statements.into_iter().enumerate() {
            let format = format.unwrap_or_else(|| self.effective_format());
            let result = self.hold_last_if_named(st.text).and_then(|()| {
                if capture_last && i == last {
                    self.capture(st.text)
                } else {
                    self.run(Query::new(st.text).explained().format(format))
                }
            });
            let result = result.and_then(|outcome| self.refuse_output_onto_attached().map(|()| outcome));
            if let Err(error) = result {
                // `\o |head -1` stopped reading: this statement's output ends there, quietly.
                if matches!(&error, ExecError::Io(e) if crate::engine::output::is_program_gone(e)) {
                    continue;
                }
                if !self.keep_last {
                    self.last_query = crate::engine::last_table::LastQuery::Failed;
                }
                let broken_pipe = matches!(&error, ExecError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe);
                // Where in the statement the error is, when SQLite or the unset variable says.
                let at = match &error {
                    ExecError::Sql(rusqlite::Error::SqlInputError { offset, .. }) => usize::try_from(*offset).ok(),
                    ExecError::Unset { at, .. } => *at,
                    _ => None,
                };
                let error_offset = at.filter(|o| *o <= st.text.len()).map(|o| st.offset + o);
                failures.push(Failure { offset: st.offset, error_offset, statement: st.text.to_string(), error });
                if bail || broken_pipe {
                    break;
                }
            }
        }
        failures
    }

    /// After a statement (an ATTACH) made a file output goes to one of the open databases: it is
    /// detached again before anything is written over it, and the statement counts as failed.
    fn refuse_output_onto_attached(&mut self) -> Result<(), ExecError> {
        let files = self.out.files();
        let Some((file, schema)) =
            files.iter().find_map(|f| crate::engine::db::files::database_at(&self.conn, f).map(|d| (*f, d)))
        else {
            return Ok(());
        };
        let message = format!(
            "output goes to {} (\\o), so it cannot be attached as {schema}; send output elsewhere first",
            file.display()
        );
        if schema != "main" && schema != "temp" {
            let quoted = schema.replace('"', "\"\"");
            self.conn.execute_batch(&format!("DETACH \"{quoted}\"")).map_err(ExecError::Sql)?;
        }
        Err(ExecError::Io(std::io::Error::other(message)))
    }

    /// Makes the temp table `_` hold the last result when `sql` names it.
    fn hold_last_if_named(&mut self, sql: &str) -> Result<(), ExecError> {
        if !crate::engine::last_table::mentions(sql) {
            return Ok(());
        }
        self.hold_last().map_err(|e| ExecError::Io(std::io::Error::other(e.to_string())))
    }

    /// Makes the temp table `_` hold the last result (see `last_table`).
    pub(crate) fn hold_last(&mut self) -> anyhow::Result<()> {
        crate::engine::last_table::hold(&self.conn, &mut self.last_query, self.settings.last_result_rows)
    }

    /// Forgets the last result: the connection changed (`\c`), so its rows and handles name
    /// nothing here.
    pub(crate) fn forget_last(&mut self) {
        self.last_result = None;
        self.last_query = crate::engine::last_table::LastQuery::None;
    }

    /// Says that something failed, on one line of stderr: `error: PLACE: message`.
    pub fn error(&mut self, place: Option<&str>, msg: &str) {
        let _ = self.out.flush();
        self.last_error = Some(match place {
            Some(place) => format!("{place}: {msg}"),
            None => msg.to_string(),
        });
        error::say(&self.err_palette, Level::Error, place, msg);
    }

    /// Runs `f` with what it writes paged as a result is: through the pager when it grows taller
    /// than the screen (help, a talk's card, `\d+`, charts).
    pub fn paged<T>(&mut self, f: impl FnOnce(&mut Session) -> anyhow::Result<T>) -> anyhow::Result<T> {
        let pager = (self.settings.pager && self.out.is_terminal())
            .then(|| crate::engine::output::pager_command(self.settings.pager_command.as_deref()));
        self.out.begin_result(pager);
        let done = f(self);
        let ended = self.out.end_result();
        let value = done?;
        ended?;
        Ok(value)
    }

    /// Says something the user should know that did not stop anything: `warning: message`.
    pub fn warn(&mut self, msg: &str) {
        let _ = self.out.flush();
        error::say(&self.err_palette, Level::Warning, None, msg);
    }

    /// Format this statement's result is drawn in (`\x on` forces vertical records).
    fn effective_format(&self) -> Format {
        match (self.settings.format, self.settings.expanded) {
            (Format::Table | Format::Box, Expanded::On) => Format::Vertical,
            (f, _) => f,
        }
    }

    /// Runs one query and shows its result: the one way the session runs SQL for the user and for
    /// commands (see `Query` for the options).
    pub fn run(&mut self, q: Query<'_>) -> Result<Outcome, ExecError> {
        let format = q.format.unwrap_or_else(|| self.effective_format());
        if q.explained && self.settings.eqp {
            self.print_plan(q.sql)?;
        }
        self.query_paged(&q, format)
    }

    /// `.eqp on`: the statement's plan (and with `full` its bytecode) before it runs, as sqlite3
    /// prints them. A statement that does not prepare gets no plan; running it reports the error.
    fn print_plan(&mut self, sql: &str) -> Result<(), ExecError> {
        let is_explain = self.conn.prepare(sql).map(|st| st.is_explain() != 0).unwrap_or(true);
        if is_explain {
            return Ok(());
        }
        let mut plan = crate::engine::render::PlanRenderer::default();
        if exec::run(
            &self.conn,
            exec::Sql::new(&format!("EXPLAIN QUERY PLAN {sql}")).vars(&self.vars),
            &mut plan,
            &mut self.out,
        )
        .is_err()
        {
            return Ok(());
        }
        if self.settings.eqp_full {
            let mut code = crate::engine::render::BytecodeRenderer::default();
            let _ = exec::run(
                &self.conn,
                exec::Sql::new(&format!("EXPLAIN {sql}")).vars(&self.vars),
                &mut code,
                &mut self.out,
            );
        }
        Ok(())
    }

    /// The query, its result drawn through the pager when one is on.
    fn query_paged(&mut self, q: &Query<'_>, format: Format) -> Result<Outcome, ExecError> {
        let pager = (self.settings.pager && self.out.is_terminal())
            .then(|| crate::engine::output::pager_command(self.settings.pager_command.as_deref()));
        self.out.begin_result(pager);
        if self.settings.wide == crate::engine::settings::Wide::Scroll && format == Format::Table {
            self.out.scroll_wide_lines();
        }
        let result = self.query_inner(q, format);
        let ended = self.out.end_result();
        let outcome = result?;
        ended?;
        Ok(outcome)
    }

    fn query_inner(&mut self, q: &Query<'_>, format: Format) -> Result<Outcome, ExecError> {
        let (sql, params) = (q.sql, q.params);
        let to_terminal = self.out.is_terminal();
        let ctx = RenderContext {
            stream: self.out.is_pipe(),
            ..RenderContext::from_settings(&self.settings, to_terminal, self.out.width())
        };
        let decorate = std::mem::take(&mut self.decorate_next)
            .filter(|_| matches!(format, Format::Table | Format::Vertical) && self.out.links(self.settings.hyperlinks));
        let numbered = self.settings.row_handles
            && self.settings.interactive
            && to_terminal
            && ctx.columnar.is_none()
            && matches!(format, Format::Table | Format::Box);
        let mut renderer = renderer_for(format, ctx);
        if numbered {
            renderer = crate::engine::handles::Numbered::wrap(renderer);
        }
        if let Some(decorate) = decorate {
            renderer = decorate(renderer, &self.conn, &self.settings.null_marker);
        }
        // psql's `\C`: above human formats only (never inside csv or json), not with `\t`.
        let titled = matches!(format, Format::Table | Format::Box | Format::Vertical | Format::List | Format::Markdown);
        if let Some(title) = self.settings.title.as_deref().filter(|_| titled && !self.settings.tuples_only) {
            renderer = crate::engine::render::Titled::wrap(renderer, title);
        }
        let mut keep = Captured::new(Vec::new(), PASSING);
        let mut capturing = Capturing { inner: renderer.as_mut(), keep: &mut keep, limit: PASSING };
        let before = std::mem::take(&mut self.spent_before);
        let statement = exec::Sql { text: sql, params, vars: Some(&self.vars), count_rest: q.count_rest };
        let outcome = exec::run(&self.conn, statement, &mut capturing, &mut self.out)?;
        if outcome.is_query && !self.keep_last {
            let rows = keep.finished.then_some(keep.total);
            self.last_result = Some(keep);
            self.last_search = None;
            self.last_query = crate::engine::last_table::LastQuery::Pending {
                sql: sql.to_string(),
                params: crate::engine::last_table::owned(params),
                vars: self.vars.clone(),
                marks: crate::engine::last_table::marks(&self.conn),
                rows,
            };
        }
        if self.settings.interactive && !outcome.is_query {
            let msg = match outcome.changes {
                Some(1) => "OK, 1 row affected".to_string(),
                Some(n) => format!("OK, {n} rows affected"),
                None => "OK".to_string(),
            };
            let msg = Palette::themed(self.settings.paints(to_terminal), self.settings.theme).paint(Role::Dim, &msg);
            writeln!(self.out, "{msg}")?;
        }
        if self.settings.timing {
            // A status line, never data: on stderr when results go to a pipe or a file.
            self.out.status(&format!("Time: {:.3} ms", (before + outcome.elapsed).as_secs_f64() * 1000.0))?;
        }
        Ok(outcome)
    }

    /// Runs one query and keeps its rows (bounded) as the last result without drawing them: what
    /// `SELECT … \chart` charts.
    fn capture(&mut self, sql: &str) -> Result<Outcome, ExecError> {
        let mut keep = Captured::new(Vec::new(), CHARTED);
        let mut silent = Capturing { inner: &mut Silent, keep: &mut keep, limit: CHARTED };
        let outcome = exec::run(&self.conn, exec::Sql::new(sql).vars(&self.vars), &mut silent, &mut self.out)?;
        if !outcome.is_query {
            return Err(ExecError::Io(std::io::Error::other("\\chart needs a query that returns rows")));
        }
        let rows = keep.finished.then_some(keep.total);
        self.last_result = Some(keep);
        self.last_search = None;
        self.last_query = crate::engine::last_table::LastQuery::Pending {
            sql: sql.to_string(),
            params: Vec::new(),
            vars: self.vars.clone(),
            marks: crate::engine::last_table::marks(&self.conn),
            rows,
        };
        Ok(outcome)
    }
}
