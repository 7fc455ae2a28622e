//! Running a statement whose text is not UTF-8 (a Latin-1 literal in a script): its original bytes
//! (see `rawtext`) go to SQLite's own prepare, as sqlite3 passes them, because rusqlite's `prepare`
//! takes only `&str`. The rest is what `exec::run` does, through SQLite's C API.

use std::ffi::CStr;
use std::io::Write;
use std::os::raw::c_int;
use std::time::Instant;

use rusqlite::Connection;
use rusqlite::ffi;
use rusqlite::types::ValueRef;

use crate::engine::exec::{ExecError, Outcome, starts_with_dml};
use crate::engine::render::Renderer;

/// A prepared statement, finalized when dropped.
struct Stmt<'c> {
    ptr: *mut ffi::sqlite3_stmt,
    db: *mut ffi::sqlite3,
    _conn: std::marker::PhantomData<&'c Connection>,
}

impl Drop for Stmt<'_> {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from sqlite3_prepare_v2 on this connection and is finalized once.
        unsafe { ffi::sqlite3_finalize(self.ptr) };
    }
}

/// The connection's last error, as rusqlite reports SQLite's errors.
fn last_error(db: *mut ffi::sqlite3) -> rusqlite::Error {
    // SAFETY: `db` is an open connection; the message is copied before any other call on it.
    let (code, msg) = unsafe {
        let msg = ffi::sqlite3_errmsg(db);
        // Bytes of the SQL quoted in the message stay escapes, shown as `\xe9`.
        let msg = if msg.is_null() {
            String::new()
        } else {
            crate::engine::rawtext::decode(CStr::from_ptr(msg).to_bytes()).into_owned()
        };
        (ffi::sqlite3_extended_errcode(db), msg)
    };
    rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some(msg))
}

impl<'c> Stmt<'c> {
    /// Prepares the one statement in `bytes`; `text` is the same SQL escaped, for error places.
    fn prepare(conn: &'c Connection, text: &str, bytes: &[u8]) -> Result<Self, ExecError> {
        let len = c_int::try_from(bytes.len()).map_err(|_| {
            rusqlite::Error::SqliteFailure(ffi::Error::new(ffi::SQLITE_TOOBIG), Some("string or blob too big".into()))
        })?;
        let mut ptr = std::ptr::null_mut();
        // SAFETY: the handle is the open connection `conn` borrows; SQLite reads `len` bytes of
        // `bytes` (which outlives the call) and writes the statement pointer.
        let (rc, db) = unsafe {
            let db = conn.handle();
            (ffi::sqlite3_prepare_v2(db, bytes.as_ptr().cast(), len, &mut ptr, std::ptr::null_mut()), db)
        };
        if rc != ffi::SQLITE_OK || ptr.is_null() {
            if !ptr.is_null() {
                // SAFETY: a statement prepared with an error is still finalized.
                unsafe { ffi::sqlite3_finalize(ptr) };
            }
            return Err(input_error(db, text, rc));
        }
        Ok(Stmt { ptr, db, _conn: std::marker::PhantomData })
    }

    fn column_count(&self) -> usize {
        // SAFETY: a live statement.
        usize::try_from(unsafe { ffi::sqlite3_column_count(self.ptr) }).unwrap_or(0)
    }

    fn column_name(&self, i: usize) -> String {
        // SAFETY: a live statement and a column index below its column count; the name is copied.
        let name = unsafe { ffi::sqlite3_column_name(self.ptr, i as c_int) };
        if name.is_null() {
            return String::new();
        }
        // SAFETY: SQLite returns a NUL-terminated string valid until the next call on the statement.
        crate::engine::rawtext::decode(unsafe { CStr::from_ptr(name) }.to_bytes()).into_owned()
    }

    /// Steps once: true for a row, false when done.
    fn step(&mut self) -> Result<bool, ExecError> {
        // SAFETY: a live statement.
        match unsafe { ffi::sqlite3_step(self.ptr) } {
            ffi::SQLITE_ROW => Ok(true),
            ffi::SQLITE_DONE => Ok(false),
            _ => Err(ExecError::Sql(last_error(self.db))),
        }
    }

    /// Column `i` of the current row; it borrows the statement, so it is gone before the next step.
    fn value(&self, i: usize) -> ValueRef<'_> {
        let i = i as c_int;
        // SAFETY: a live statement on a row, a column index below its count; text and blob
        // pointers are read after their type and stay valid until the next step (the borrow).
        unsafe {
            let bytes = |p: *const u8| {
                let n = usize::try_from(ffi::sqlite3_column_bytes(self.ptr, i)).unwrap_or(0);
                if p.is_null() || n == 0 { &[][..] } else { std::slice::from_raw_parts(p, n) }
            };
            match ffi::sqlite3_column_type(self.ptr, i) {
                ffi::SQLITE_INTEGER => ValueRef::Integer(ffi::sqlite3_column_int64(self.ptr, i)),
                ffi::SQLITE_FLOAT => ValueRef::Real(ffi::sqlite3_column_double(self.ptr, i)),
                ffi::SQLITE_TEXT => ValueRef::Text(bytes(ffi::sqlite3_column_text(self.ptr, i))),
                ffi::SQLITE_BLOB => ValueRef::Blob(bytes(ffi::sqlite3_column_blob(self.ptr, i).cast())),
                _ => ValueRef::Null,
            }
        }
    }
}

/// A prepare error with its place in `text` (the escaped SQL), for the caret under the input.
fn input_error(db: *mut ffi::sqlite3, text: &str, rc: c_int) -> ExecError {
    // SAFETY: an open connection.
    let offset = unsafe { ffi::sqlite3_error_offset(db) };
    match (last_error(db), usize::try_from(offset)) {
        (rusqlite::Error::SqliteFailure(error, Some(msg)), Ok(at)) if rc != ffi::SQLITE_OK => {
            let offset = i32::try_from(crate::engine::rawtext::text_offset(text, at)).unwrap_or(i32::MAX);
            ExecError::Sql(rusqlite::Error::SqlInputError { error, msg, sql: text.to_string(), offset })
        }
        (e, _) => ExecError::Sql(e),
    }
}

/// `exec::run` for SQL holding bytes that are not UTF-8 (`text`, escaped). Parameters cannot be
/// bound here: such a statement naming a variable is refused with one message.
pub(super) fn run(
    conn: &Connection,
    text: &str,
    params: usize,
    renderer: &mut dyn Renderer,
    out: &mut dyn Write,
    started: Instant,
) -> Result<Outcome, ExecError> {
    let bytes = crate::engine::rawtext::encode(text);
    let mut stmt = Stmt::prepare(conn, text, &bytes)?;
    // SAFETY: a live statement, for each of these three questions.
    let (nparams, explain, readonly) = unsafe {
        (
            ffi::sqlite3_bind_parameter_count(stmt.ptr),
            ffi::sqlite3_stmt_isexplain(stmt.ptr),
            ffi::sqlite3_stmt_readonly(stmt.ptr) != 0,
        )
    };
    if nparams > 0 || params > 0 {
        let msg = "SQL holding bytes that are not UTF-8 cannot use parameters or variables".to_string();
        return Err(ExecError::Sql(rusqlite::Error::SqliteFailure(ffi::Error::new(ffi::SQLITE_ERROR), Some(msg))));
    }
    let mut explained: Option<Box<dyn Renderer>> = match explain {
        1 => Some(Box::<crate::engine::render::BytecodeRenderer>::default()),
        2 => Some(Box::<crate::engine::render::PlanRenderer>::default()),
        _ => None,
    };
    let renderer: &mut dyn Renderer = match explained.as_deref_mut() {
        Some(r) => r,
        None => renderer,
    };
    let ncols = stmt.column_count();
    let is_query = ncols > 0;
    let is_dml = !readonly && starts_with_dml(text);
    if is_query {
        let names: Vec<String> = (0..ncols).map(|i| stmt.column_name(i)).collect();
        renderer.begin(out, &names)?;
    }
    crate::engine::interrupt::clear();
    let mut count = 0u64;
    loop {
        match stmt.step() {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                if is_query {
                    renderer.failed(out)?;
                }
                return Err(e);
            }
        }
        if ncols > 0 && !renderer.full() {
            let values: Vec<ValueRef<'_>> = (0..ncols).map(|i| stmt.value(i)).collect();
            renderer.row(out, &values)?;
        }
        count += 1;
    }
    let elapsed = started.elapsed();
    if is_query {
        renderer.end(out, Some(count))?;
    }
    let changes = is_dml.then(|| conn.changes());
    Ok(Outcome { is_query, rows: count, changes, elapsed })
}

/// Runs one statement that returns no rows of interest (DDL), from its escaped text.
pub(super) fn execute(conn: &Connection, text: &str) -> rusqlite::Result<()> {
    let bytes = crate::engine::rawtext::encode(text);
    let sql_error = |e: ExecError| match e {
        ExecError::Sql(e) => e,
        other => rusqlite::Error::SqliteFailure(ffi::Error::new(ffi::SQLITE_ERROR), Some(other.to_string())),
    };
    let mut stmt = Stmt::prepare(conn, text, &bytes).map_err(sql_error)?;
    while stmt.step().map_err(sql_error)? {}
    Ok(())
}
