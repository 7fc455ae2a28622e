//! One open database with its settings and output: the state every input acts on, whether it came
//! from the REPL, `-e`, a script on stdin or `\i FILE`.

use std::io::Write;

use rusqlite::Connection;

use crate::exec::{self, ExecError, Outcome};
use crate::output::Output;
use crate::render::{RenderContext, renderer_for};
use crate::settings::{Expanded, Format, Settings};
use crate::style::{Palette, Role};

pub struct Session {
    pub conn: Connection,
    pub settings: Settings,
    pub out: Output,
    /// What `\conninfo` reports: the file path, or a description.
    pub db_label: String,
    /// Set by `\q`; the REPL and script runner stop reading input.
    pub quit: bool,
    /// The exit status `.exit N` asked for.
    pub exit_status: Option<i32>,
    /// Palette for messages on stderr.
    pub err_palette: Palette,
    /// The SQL input run last (all its statements), for `\e` to edit.
    pub last_sql: Option<String>,
    /// Whether the open database is the bundled talk database (the prompt says `talks` then).
    pub bundled: bool,
    /// `\set` / `.parameter` variables, bound to `:NAME` parameters.
    pub vars: crate::vars::Variables,
}

impl Session {
    pub fn new(conn: Connection, settings: Settings, out: Output, db_label: String, err_palette: Palette) -> Self {
        Session {
            conn,
            settings,
            out,
            db_label,
            quit: false,
            exit_status: None,
            err_palette,
            last_sql: None,
            bundled: false,
            vars: crate::vars::Variables::default(),
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

    /// Format this statement's result is drawn in (`\x on` forces vertical records).
    fn effective_format(&self) -> Format {
        match (self.settings.format, self.settings.expanded) {
            (Format::Table, Expanded::On) => Format::Vertical,
            (f, _) => f,
        }
    }

    /// Runs one SQL statement and prints its result (and the timing, when on).
    pub fn run_sql(&mut self, sql: &str) -> Result<Outcome, ExecError> {
        let format = self.effective_format();
        self.run_sql_as(sql, format)
    }

    /// Like `run_sql` with parameters, in the session's current format.
    pub fn run_query(&mut self, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Outcome, ExecError> {
        let format = self.effective_format();
        self.query(sql, params, format)
    }

    /// Runs one SQL statement, drawing its result in `format`.
    pub fn run_sql_as(&mut self, sql: &str, format: Format) -> Result<Outcome, ExecError> {
        self.query(sql, &[], format)
    }

    /// Runs SQL with bound parameters and prints the result: what commands use for their queries.
    pub fn query(&mut self, sql: &str, params: &[&dyn rusqlite::ToSql], format: Format) -> Result<Outcome, ExecError> {
        let pager = (self.settings.pager && self.out.is_terminal())
            .then(|| crate::output::pager_command(self.settings.pager_command.as_deref()));
        self.out.begin_result(pager);
        let result = self.query_inner(sql, params, format);
        let ended = self.out.end_result();
        let outcome = result?;
        ended?;
        Ok(outcome)
    }

    fn query_inner(
        &mut self,
        sql: &str,
        params: &[&dyn rusqlite::ToSql],
        format: Format,
    ) -> Result<Outcome, ExecError> {
        let to_terminal = self.out.is_terminal();
        let ctx = RenderContext::from_settings(&self.settings, to_terminal, self.out.width());
        let mut renderer = renderer_for(format, ctx);
        // Variables bind to the user's own SQL; a command's query has its parameters already.
        let vars = params.is_empty().then_some(&self.vars);
        let outcome = exec::run(&self.conn, sql, params, vars, renderer.as_mut(), &mut self.out)?;
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
            writeln!(self.out, "Time: {:.3} ms", outcome.elapsed.as_secs_f64() * 1000.0)?;
        }
        Ok(outcome)
    }
}
