//! Runs one SQL statement and streams its rows into a renderer.
//!
//! The only place that steps statements, so timing, change counts and interruption are handled once.

use std::io::Write;
use std::time::{Duration, Instant};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, ToSql};

use crate::engine::render::Renderer;
use crate::engine::vars::{self, Variables};

mod raw;

/// What running one statement produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Whether the statement returns columns (a query), even when it produced no rows.
    pub is_query: bool,
    pub rows: u64,
    /// Rows changed by INSERT/UPDATE/DELETE; `None` for other statements.
    pub changes: Option<u64>,
    pub elapsed: Duration,
}

pub use crate::engine::error::ExecError;

/// A column as text for talkcli's own displays: bytes that are not UTF-8 (any SQLite file may hold
/// them) become U+FFFD instead of failing the whole command; numbers are written out.
pub(crate) fn opt_text(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<String>> {
    Ok(match row.get_ref(i)? {
        ValueRef::Null => None,
        ValueRef::Text(b) | ValueRef::Blob(b) => Some(String::from_utf8_lossy(b).into_owned()),
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
    })
}

/// `opt_text` for a column that is never NULL.
pub(crate) fn text(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    opt_text(row, i)?.ok_or_else(|| rusqlite::Error::InvalidColumnType(i, String::new(), rusqlite::types::Type::Null))
}

/// One statement to run: its SQL (exactly one statement), the values bound to `?1…?n` in order
/// and, for SQL the user wrote, the session's variables named parameters bind to. Values are never
/// pasted into the SQL text.
#[derive(Clone, Copy)]
pub struct Sql<'a> {
    pub text: &'a str,
    pub params: &'a [&'a dyn ToSql],
    pub vars: Option<&'a Variables>,
    /// Rows past what the renderer shows are counted; false: one more step tells whether there
    /// are any, for shortcuts whose full result can be huge.
    pub count_rest: bool,
}

impl<'a> Sql<'a> {
    /// `text` with no values and no variables, every row counted.
    pub fn new(text: &'a str) -> Self {
        Sql { text, params: &[], vars: None, count_rest: true }
    }

    pub fn vars(self, vars: &'a Variables) -> Self {
        Sql { vars: Some(vars), ..self }
    }
}

/// Prepares and steps the statement, feeding rows to `renderer`.
pub fn run(
    conn: &Connection,
    statement: Sql<'_>,
    renderer: &mut dyn Renderer,
    out: &mut dyn Write,
) -> Result<Outcome, ExecError> {
    let Sql { text: sql, params, vars, count_rest } = statement;
    let started = Instant::now();
    if let Some(at) = sql.find('\0') {
        return Err(ExecError::Sql(nul_error(sql, at)));
    }
    let (expanded, edits) = match vars {
        Some(v) => vars::expand_mapped(sql, v).map_err(|e| ExecError::Unset { message: e.message, at: Some(e.at) })?,
        None => (std::borrow::Cow::Borrowed(sql), Vec::new()),
    };
    if crate::engine::rawtext::has_escapes(&expanded) {
        return raw::run(conn, &expanded, params.len(), renderer, out, started);
    }
    let mut stmt = conn.prepare(&expanded).map_err(|e| match e {
        // The caret goes under what the user typed, not under the rewrite of `:'name'`.
        rusqlite::Error::SqlInputError { error, msg, offset, .. } if !edits.is_empty() => {
            let offset = usize::try_from(offset)
                .map_or(offset, |o| i32::try_from(vars::original_offset(&edits, o)).unwrap_or(offset));
            rusqlite::Error::SqlInputError { error, msg, sql: sql.to_string(), offset }
        }
        other => other,
    })?;
    for (i, p) in params.iter().enumerate() {
        stmt.raw_bind_parameter(i + 1, p)?;
    }
    if let Some(vars) = vars {
        bind_variables(&mut stmt, sql, vars, !params.is_empty())?;
    }
    // EXPLAIN and EXPLAIN QUERY PLAN are drawn as the sqlite3 shell draws them, in any format.
    let mut explain: Option<Box<dyn Renderer>> = match stmt.is_explain() {
        1 => Some(Box::<crate::engine::render::BytecodeRenderer>::default()),
        2 => Some(Box::<crate::engine::render::PlanRenderer>::default()),
        _ => None,
    };
    let renderer: &mut dyn Renderer = match explain.as_deref_mut() {
        Some(r) => r,
        None => renderer,
    };
    let ncols = stmt.column_count();
    let is_query = ncols > 0;
    // Only data-changing statements report a change count; sqlite3_changes() is stale otherwise.
    let is_dml = !stmt.readonly() && starts_with_dml(sql);
    if is_query {
        let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
        renderer.begin(out, &names)?;
    }
    let readonly = stmt.readonly();
    crate::engine::interrupt::clear();
    let mut rows = stmt.raw_query();
    let mut count = 0u64;
    // Every row is counted unless stepping stopped early (`None` then).
    let mut early: Option<Option<u64>> = None;
    loop {
        let row = match rows.next() {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(e) => {
                if is_query {
                    renderer.failed(out)?;
                }
                return Err(e.into());
            }
        };
        // Values borrow the row, which the next step invalidates, so the vector lives one row.
        let mut values: Vec<ValueRef<'_>> = Vec::with_capacity(ncols);
        for i in 0..ncols {
            values.push(row.get_ref(i)?);
        }
        // A row without columns (PRAGMA incremental_vacuum) prints nothing, as in sqlite3.
        if ncols > 0 {
            renderer.row(out, &values)?;
        }
        count += 1;
        if renderer.full() && readonly {
            // The renderer shows no more rows: count the rest only while that is cheap, so the
            // first screen of a huge result appears at once. (A statement that writes is always
            // run to its end.)
            early = Some(if count_rest {
                crate::engine::exec::count_rest(&mut rows, count)?
            } else {
                rows.next()?.is_none().then_some(count)
            });
            break;
        }
    }
    drop(rows);
    if let Some(Some(total)) = early {
        count = total;
    }
    let elapsed = started.elapsed();
    if is_query {
        renderer.end(out, early.unwrap_or(Some(count)))?;
    }
    let changes = is_dml.then(|| conn.changes());
    Ok(Outcome { is_query, rows: count, changes, elapsed })
}

/// Runs SQL that returns nothing to show (DDL talkcli writes from user data, such as `.import`'s
/// CREATE TABLE), keeping bytes that are not UTF-8 (see `rawtext`) as they were read.
pub(crate) fn execute_text(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    if crate::engine::rawtext::has_escapes(sql) { raw::execute(conn, sql) } else { conn.execute_batch(sql) }
}

/// Binds every named parameter of `stmt` (`:x`, `$x`, `@x`, `?NNN`) to its variable. A named
/// parameter without a value is an error (a typo should not silently read NULL); an unset `?NNN`
/// stays NULL, as in sqlite3 (`sql`, the statement as typed, says where a missing one is). With `positional` (a command or named query bound `?1…?n` itself),
/// numbered parameters are left to it.
fn bind_variables(
    stmt: &mut rusqlite::Statement<'_>,
    sql: &str,
    vars: &Variables,
    positional: bool,
) -> Result<(), ExecError> {
    for i in 1..=stmt.parameter_count() {
        let Some(name) = stmt.parameter_name(i).map(str::to_string) else { continue };
        if positional && name.starts_with('?') {
            continue;
        }
        match vars.get(&name) {
            Some(value) => stmt.raw_bind_parameter(i, value)?,
            None if name.starts_with('?') => {}
            None => {
                let at = vars::locate(sql, &name);
                return Err(ExecError::Unset { message: vars::unset_message(&name), at });
            }
        }
    }
    Ok(())
}

/// SQLite reads SQL text up to its first NUL byte, so a statement holding one would run cut short
/// or fail with "bad parameter or other API misuse". It is refused instead, at the NUL's place, so
/// the message names its line and column.
fn nul_error(sql: &str, at: usize) -> rusqlite::Error {
    rusqlite::Error::SqlInputError {
        error: rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
        msg: "a NUL byte (\\0) in the SQL text: SQLite cannot read past it (write char(0) or x'00' for one)"
            .to_string(),
        sql: sql.to_string(),
        offset: i32::try_from(at).unwrap_or(i32::MAX),
    }
}

/// Steps the rest of a result for at most `BUDGET`, counting rows: the total when it finished.
fn count_rest(rows: &mut rusqlite::Rows<'_>, mut count: u64) -> Result<Option<u64>, ExecError> {
    const BUDGET: Duration = Duration::from_millis(100);
    let started = Instant::now();
    while rows.next()?.is_some() {
        count += 1;
        if count.is_multiple_of(4096) && started.elapsed() > BUDGET {
            return Ok(None);
        }
    }
    Ok(Some(count))
}

fn starts_with_dml(sql: &str) -> bool {
    // Fast path: a statement that starts with a word (no leading comment) needs no lexing.
    let trimmed = sql.trim_start();
    if trimmed.starts_with(|c: char| c.is_ascii_alphabetic()) {
        let word = trimmed.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').next().unwrap_or("");
        return ["insert", "update", "delete", "replace", "with"].iter().any(|k| word.eq_ignore_ascii_case(k));
    }
    let first = crate::engine::sql::lexer::tokenize(sql)
        .into_iter()
        .find(|t| !t.is_trivia())
        .map(|t| t.text(sql).to_ascii_lowercase());
    matches!(first.as_deref(), Some("insert" | "update" | "delete" | "replace" | "with"))
}
