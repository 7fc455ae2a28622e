//! Keeping the snapshot fresh without making anyone wait: before each prompt a few pragmas
//! (`schema_version` of every database, `data_version`, the connection's change count) say
//! whether anything changed, here or in another process. A changed schema is reread at once (it
//! is small, and temporary tables are visible only on the session's connection); the talk values
//! (up to a million titles) are read on a thread with a read-only connection of its own, and
//! swapped in when ready, so the prompt comes back at once and the user types meanwhile.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OpenFlags};

use super::snapshot::{Parts, Snapshot, Stamp, Values};

/// A snapshot `\refresh` read, waiting for the REPL to take it before the next prompt. Commands
/// see only the session, the REPL owns the completer: this is the hand-over between them.
static REFRESHED: Mutex<Option<Snapshot>> = Mutex::new(None);

/// Hands a freshly read snapshot to the REPL.
pub fn publish(snap: Snapshot) {
    if let Ok(mut slot) = REFRESHED.lock() {
        *slot = Some(snap);
    }
}

/// The snapshot `\refresh` published since the last call, if any.
pub fn take_published() -> Option<Snapshot> {
    REFRESHED.lock().ok().and_then(|mut slot| slot.take())
}

/// Values read by a background thread: (generation, values, the parts read).
type Slot = Arc<Mutex<Option<(u64, Values, Parts)>>>;

/// The snapshot the prompt completes from, and the machinery that refreshes it.
pub struct Live {
    snap: Snapshot,
    /// When the values were last asked for.
    values_stamp: Stamp,
    slot: Slot,
    /// Generation of the newest load started, and of the values in `snap`.
    started: u64,
    taken: u64,
}

impl Live {
    /// Reads the schema now and starts reading the values in the background.
    pub fn start(conn: &Connection) -> Live {
        let mut snap = Snapshot::default();
        snap.reload_schema(conn);
        let mut live = Live { values_stamp: snap.stamp.clone(), snap, slot: Arc::default(), started: 0, taken: 0 };
        live.load_values_after(conn, std::time::Duration::from_millis(50));
        live
    }

    /// A snapshot read elsewhere (`\refresh`) replaces the current one, values included.
    pub fn replace(&mut self, snap: Snapshot) {
        self.values_stamp = snap.stamp.clone();
        self.snap = snap;
        self.taken = self.started;
    }

    /// The cheap check before a prompt: rereads the schema when any database's schema changed
    /// and starts a values reload when anything was written. Returns whether the schema changed.
    pub fn before_prompt(&mut self, conn: &Connection) -> bool {
        let now = Stamp::read(conn);
        let schema_changed = now.schema != self.snap.stamp.schema;
        if schema_changed {
            self.snap.reload_schema(conn);
        }
        if schema_changed || now.data != self.values_stamp.data || now.changes != self.values_stamp.changes {
            self.load_values(conn);
        }
        schema_changed
    }

    /// The current snapshot, with values a background read finished meanwhile.
    pub fn snapshot(&mut self) -> &Snapshot {
        let ready = self.slot.lock().ok().and_then(|mut s| s.take());
        if let Some((generation, values, read)) = ready
            && generation > self.taken
        {
            self.taken = generation;
            self.snap.values.merge(values, read);
        }
        &self.snap
    }

    /// The snapshot, waiting up to `max` for a values load still running: a Tab on a speaker's
    /// name right after start should find the names, not nothing.
    pub fn snapshot_with_values(&mut self, max: std::time::Duration) -> &Snapshot {
        let until = std::time::Instant::now() + max;
        while self.loading() && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        self.snapshot()
    }

    pub fn snapshot_mut(&mut self) -> &mut Snapshot {
        self.snapshot();
        &mut self.snap
    }

    /// Whether a values load is still running (tests and the benchmark wait on it).
    pub fn loading(&self) -> bool {
        self.taken < self.started && self.slot.lock().map(|s| s.is_none()).unwrap_or(false)
    }

    fn load_values(&mut self, conn: &Connection) {
        self.load_values_after(conn, std::time::Duration::ZERO);
    }

    /// Starts a values load that begins after `delay` (at start: once the prompt is drawn, so the
    /// first prompt does not share the CPU with folding a million titles).
    fn load_values_after(&mut self, conn: &Connection, delay: std::time::Duration) {
        self.values_stamp = Stamp::read(conn);
        let parts = self.snap.value_parts(Parts::ALL);
        self.started += 1;
        let generation = self.started;
        // Temporary talk tables and in-memory databases are visible only on this connection.
        let temp = self.snap.tables.iter().any(|t| t.schema == "temp");
        let old = self.snap.values.prints;
        match main_file(conn).filter(|_| !temp && parts != Parts::NONE) {
            Some(path) => {
                let slot = Arc::clone(&self.slot);
                std::thread::spawn(move || {
                    std::thread::sleep(delay);
                    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                    let Ok(reader) = Connection::open_with_flags(&path, flags) else { return };
                    let _ = reader.busy_timeout(crate::settings::busy_timeout());
                    // Only the parts whose fingerprint moved: a write to an unrelated table costs
                    // a few counts, not a million titles.
                    let (values, read) = Values::load_changed(&reader, parts, &old);
                    if let Ok(mut s) = slot.lock()
                        && s.as_ref().is_none_or(|(g, ..)| *g < generation)
                    {
                        *s = Some((generation, values, read));
                    }
                });
            }
            None => {
                let (values, read) = Values::load_changed(conn, parts, &old);
                self.snap.values.merge(values, read);
                self.taken = generation;
            }
        }
    }
}

/// The main database's file, or `None` for an in-memory or temporary database.
fn main_file(conn: &Connection) -> Option<PathBuf> {
    conn.query_row("SELECT file FROM pragma_database_list WHERE name = 'main'", [], |r| r.get::<_, String>(0))
        .ok()
        .filter(|f| !f.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(live: &mut Live) {
        for _ in 0..500 {
            if !live.loading() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        live.snapshot();
    }

    #[test]
    fn values_load_in_the_background_and_follow_writes_from_anywhere() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.db");
        let conn = Connection::open(&path).expect("db");
        conn.execute_batch(
            "CREATE TABLE speakers(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO speakers(name) VALUES ('Ada');",
        )
        .expect("ddl");
        let mut live = Live::start(&conn);
        wait(&mut live);
        assert_eq!(live.snapshot().values.speakers.iter().collect::<Vec<_>>(), ["Ada"]);
        assert!(!live.before_prompt(&conn), "nothing changed");

        // Another process (connection) writes and creates a table.
        let other = Connection::open(&path).expect("other");
        other.execute_batch("INSERT INTO speakers(name) VALUES ('Bob'); CREATE TABLE extra(x);").expect("other");
        assert!(live.before_prompt(&conn), "the schema change is seen");
        assert!(live.snapshot().table("extra").is_some());
        wait(&mut live);
        assert_eq!(live.snapshot().values.speakers.len(), 2);
    }
}
