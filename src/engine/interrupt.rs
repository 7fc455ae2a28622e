//! Ctrl-C outside the line editor. At the prompt rustyline reads Ctrl-C as a key (it clears the
//! line); while a statement runs the terminal delivers SIGINT, which lands here: interactive
//! sessions interrupt the running statement (`sqlite3_interrupt`) and keep going, scripts and
//! `-e` stop with exit status 130, as a shell expects of an interrupted command.
//!
//! An interactive Ctrl-C also raises a flag that waits check: `\watch` between runs, and the busy
//! handler (`busy.rs`) while another connection holds a lock.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rusqlite::{Connection, InterruptHandle};

static HANDLE: Mutex<Option<InterruptHandle>> = Mutex::new(None);
static SCRIPTED: AtomicBool = AtomicBool::new(false);
/// Set by Ctrl-C, cleared when a statement starts: long drawing loops poll it to stop at once, and
/// so do waits (`\watch`, the busy handler).
static PENDING: AtomicBool = AtomicBool::new(false);
/// The busy handler gave up because of Ctrl-C (so the error says "interrupted", not "locked").
static BUSY_INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// True when Ctrl-C was pressed since the current statement started.
pub fn pending() -> bool {
    PENDING.load(Ordering::Relaxed)
}

/// Forgets an earlier Ctrl-C: called as each statement (or wait) starts.
pub fn clear() {
    PENDING.store(false, Ordering::Relaxed);
    BUSY_INTERRUPTED.store(false, Ordering::Relaxed);
}

/// Routes SIGINT to `conn` (interactive) or to exit status 130 (scripts). Call once per process.
pub fn install(conn: &Connection, interactive: bool) -> Result<()> {
    if let Ok(mut slot) = HANDLE.lock() {
        *slot = Some(conn.get_interrupt_handle());
    }
    SCRIPTED.store(!interactive, Ordering::SeqCst);
    ctrlc::set_handler(on_interrupt).context("cannot install the Ctrl-C handler")
}

/// Routes SIGINT to a new connection (after `.open`/`\c`).
pub fn retarget(conn: &Connection) {
    if let Ok(mut slot) = HANDLE.lock() {
        *slot = Some(conn.get_interrupt_handle());
    }
}

/// Whether the last lock wait ended because of Ctrl-C.
pub fn busy_interrupted() -> bool {
    BUSY_INTERRUPTED.load(Ordering::Relaxed)
}

/// Sleeps up to `total`, waking early (returning false) on Ctrl-C.
pub fn sleep(total: Duration) -> bool {
    let until = Instant::now() + total;
    while !pending() {
        let now = Instant::now();
        if now >= until {
            return true;
        }
        std::thread::sleep((until - now).min(Duration::from_millis(50)));
    }
    false
}

/// Notes that a lock wait ended because of Ctrl-C (`busy.rs`), so its error says so.
pub fn note_busy_interrupted() {
    BUSY_INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Runs on the handler thread, not in signal context, so locking is allowed.
fn on_interrupt() {
    if SCRIPTED.load(Ordering::SeqCst) {
        std::process::exit(crate::engine::exit::INTERRUPTED);
    }
    PENDING.store(true, Ordering::Relaxed);
    // With no statement running this is a no-op: SQLite clears the flag when the next one starts.
    if let Ok(slot) = HANDLE.lock()
        && let Some(handle) = slot.as_ref()
    {
        handle.interrupt();
    }
}
