//! sqlite3's safe mode (`-safe`, and `.safe`) for scripts that are not to be trusted: SQL may read
//! and change the open database, and nothing else — no ATTACH (nor VACUUM INTO), no `readfile`,
//! `writefile`, `edit`, `load_extension`, nor `fsdir` (which sqlite3 allows). Each refusal is one
//! line, in sqlite3's words. Once on, it stays on for the process, as sqlite3's does; the commands
//! it refuses (`.shell`, `.output`, `.read`, `.open FILE` …) are the engine's `command::outside`.

use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use rusqlite::{Connection, ffi};

use crate::engine::command::{Arg, Command, Handler, Invocation};
use crate::engine::session::Session;

/// Whether safe mode is on: every connection opened from then on gets the authorizer too.
static ON: AtomicBool = AtomicBool::new(false);

/// Functions that reach outside the database (sqlite3's list).
const REFUSED_FUNCTIONS: &[&str] =
    &["edit", "fts3_tokenizer", "load_extension", "readfile", "writefile", "zipfile", "zipfile_cds"];

pub static COMMANDS: &[Command] = &[Command {
    name: ".safe",
    aliases: &[],
    args: &[Arg::Optional(&[Arg::Bool])],
    summary: "turn on sqlite3's safe mode for the rest of the session (no files, programs, ATTACH)",
    help: "From here on, SQL may read and change the open database and nothing else: ATTACH, VACUUM INTO,\nreadfile(), writefile() and load_extension() are refused, and so are the commands that reach\noutside it (.shell, .system, .output, .once, .read, .open FILE, .import, .backup, .restore, .cd,\n\\e, \\w, \\g FILE …). It cannot be turned off again. The same as starting with -safe.\n\nExamples:\n  .safe\n  .read untrusted.sql",
    shows: &[],
    run: Handler::Acts(safe_cmd),
}];

fn safe_cmd(s: &mut Session, inv: &Invocation) -> Result<()> {
    match inv.bound.on_off() {
        Some(false) => anyhow::bail!("safe mode cannot be turned off"),
        _ => enable(s),
    }
}

/// Turns safe mode on for the session and its connection.
pub(crate) fn enable(s: &mut Session) -> Result<()> {
    ON.store(true, Ordering::SeqCst);
    s.settings.safe = true;
    install(&s.conn);
    Ok(())
}

/// Installs the authorizer on `conn` when safe mode is on (every new connection comes here).
pub(crate) fn guard(conn: &Connection) {
    if ON.load(Ordering::SeqCst) {
        install(conn);
    }
}

fn install(conn: &Connection) {
    // SAFETY: the handle is `conn`'s open connection; the callback takes no user data and is a
    // plain function that lives for the whole program.
    unsafe {
        ffi::sqlite3_set_authorizer(conn.handle(), Some(authorize), std::ptr::null_mut());
    }
}

/// SQLite's authorizer callback: ATTACH and the refused functions are denied, with the reason
/// noted for the error message (SQLite itself only says "not authorized").
unsafe extern "C" fn authorize(
    _data: *mut c_void,
    action: c_int,
    arg1: *const c_char,
    arg2: *const c_char,
    _db: *const c_char,
    _trigger: *const c_char,
) -> c_int {
    let reason = match action {
        ffi::SQLITE_ATTACH => Some("cannot run ATTACH in safe mode".to_string()),
        // fsdir lists folders and reads files (sqlite3's safe mode lets it; talkcli does not).
        // SAFETY: for SQLITE_READ SQLite passes the table's name as a C string.
        ffi::SQLITE_READ
            if !arg1.is_null() && unsafe { CStr::from_ptr(arg1) }.to_bytes().eq_ignore_ascii_case(b"fsdir") =>
        {
            Some("cannot use fsdir in safe mode".to_string())
        }
        ffi::SQLITE_FUNCTION if !arg2.is_null() => {
            // SAFETY: for SQLITE_FUNCTION SQLite passes the function's name as a C string.
            let name = unsafe { CStr::from_ptr(arg2) }.to_string_lossy().to_ascii_lowercase();
            REFUSED_FUNCTIONS.contains(&name.as_str()).then(|| format!("cannot use the {name}() function in safe mode"))
        }
        _ => None,
    };
    match reason {
        Some(reason) => {
            crate::engine::error::note_refusal(reason);
            ffi::SQLITE_DENY
        }
        None => ffi::SQLITE_OK,
    }
}
