//! Waiting for another connection's write lock, and saying truthfully what happened when it failed.
//!
//! SQLite's own busy timeout cannot tell afterwards whether it waited: a transaction that read the
//! database before another connection committed fails at once (`SQLITE_BUSY_SNAPSHOT`, or plain
//! `SQLITE_BUSY` where waiting would deadlock), and "waited 5.0 s" would then be false. So talkcli
//! waits in its own busy handler, which notes when a wait began and when it last looked.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::engine::settings::busy_timeout;

/// (when the current wait began, when the handler last ran).
static WAIT: Mutex<Option<(Instant, Instant)>> = Mutex::new(None);

/// Called by SQLite while another connection holds the lock: `count` is how often it was called
/// for this wait. Sleeps a little longer each time, until the timeout.
fn wait_for_lock(count: i32) -> bool {
    let now = Instant::now();
    let start = {
        let Ok(mut w) = WAIT.lock() else { return false };
        let start = match *w {
            Some((start, _)) if count > 0 => start,
            _ => now,
        };
        *w = Some((start, now));
        start
    };
    let waited = now.duration_since(start);
    let timeout = busy_timeout();
    if waited >= timeout {
        return false;
    }
    // Ctrl-C at the prompt ends the wait at once (SQLite's interrupt does not reach a busy wait).
    if crate::engine::interrupt::pending() {
        crate::engine::interrupt::note_busy_interrupted();
        return false;
    }
    let step = Duration::from_millis(match count {
        0..=2 => 1,
        3..=5 => 5,
        6..=10 => 20,
        _ => 50,
    });
    std::thread::sleep(step.min(timeout - waited));
    if let Ok(mut w) = WAIT.lock() {
        *w = Some((start, Instant::now()));
    }
    true
}

extern "C" fn busy_callback(_: *mut std::ffi::c_void, count: std::ffi::c_int) -> std::ffi::c_int {
    // A panic must not cross into C: treat one as "stop waiting".
    std::panic::catch_unwind(|| std::ffi::c_int::from(wait_for_lock(count))).unwrap_or(0)
}

/// Makes `conn` wait for locks through `wait_for_lock` (in place of `busy_timeout`).
pub fn install(conn: &Connection) -> rusqlite::Result<()> {
    // SAFETY: the handle is live for the call; the callback has the signature SQLite expects and
    // uses no user pointer.
    let rc = unsafe { rusqlite::ffi::sqlite3_busy_handler(conn.handle(), Some(busy_callback), std::ptr::null_mut()) };
    if rc == rusqlite::ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rc), None))
    }
}

/// How long the wait that just ended lasted; `None` when no wait ended just now (SQLite failed
/// without waiting).
fn just_waited() -> Option<Duration> {
    let (start, last) = (*WAIT.lock().ok()?)?;
    (last.elapsed() < Duration::from_millis(500)).then(|| last.duration_since(start))
}

/// The one line for a lock failure (`SQLITE_BUSY` and its kinds); `None` for other errors.
pub fn message(err: &rusqlite::ffi::Error) -> Option<String> {
    if err.code != rusqlite::ErrorCode::DatabaseBusy {
        return None;
    }
    const MOVED_AHEAD: &str = "another connection wrote to the database after this transaction began reading it, \
        so it cannot write without losing that change; ROLLBACK and run it again (BEGIN IMMEDIATE waits its turn instead)";
    if crate::engine::interrupt::busy_interrupted() {
        return Some("interrupted while waiting for another connection's lock".to_string());
    }
    if err.extended_code == rusqlite::ffi::SQLITE_BUSY_SNAPSHOT {
        return Some(MOVED_AHEAD.to_string());
    }
    match just_waited() {
        Some(waited) if waited + Duration::from_millis(50) >= busy_timeout() => Some(format!(
            "the database is locked by another connection (waited {:.1} s); try again when it has finished",
            waited.as_secs_f64().max(busy_timeout().as_secs_f64())
        )),
        _ => Some(format!(
            "the database is locked by another connection that is writing; {}",
            &MOVED_AHEAD[MOVED_AHEAD.find("ROLLBACK").unwrap_or(0)..]
        )),
    }
}
