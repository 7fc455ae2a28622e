//! Keeping the snapshot fresh without making anyone wait: before each prompt a few pragmas
//! (`schema_version` of every database, `data_version`, the connection's change count) say
//! whether anything changed, here or in another process. What changed is read on a thread with
//! a read-only connection of its own (the same files attached under the same names), schema
//! first, then the talk values (up to a million titles), and swapped in when ready: the prompt
//! comes back at once and the user types meanwhile. A Tab waits briefly for a schema read still
//! running, so a table just created completes; a Tab also checks (one pragma) whether another
//! process changed the schema while the prompt waited.
//!
//! Only what another connection cannot see is read on the session's connection, at once: the
//! `temp` database (normally empty), and everything when the database is in memory, a
//! transaction is open (its DDL is not committed yet) or the background read failed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::engine::complete::reader::{Job, Shared};
use crate::engine::complete::snapshot::{Snapshot, Stamp};
use crate::engine::complete::sources::{Parts, Values};

/// What changed since the last look.
#[derive(Clone, Copy)]
struct Changed {
    temp: bool,
    files: bool,
    data: bool,
}

/// The snapshot the prompt completes from, and the machinery that refreshes it.
pub struct Live {
    snap: Snapshot,
    /// The database as last seen before a prompt: what the reads started since then will show.
    seen: Stamp,
    shared: Arc<Shared>,
    /// Generation of the newest read started; of the newest schema and values reads asked for
    /// in the background, and of the newest ones in `snap`.
    started: u64,
    schema_asked: u64,
    schema_got: u64,
    values_asked: u64,
    values_got: u64,
    /// Generation of the row counts in `snap`.
    rows_got: u64,
    /// A background read failed: the next prompt reads on the session's connection.
    failed: bool,
    /// Rows were written in the open transaction: other connections see them only after it.
    txn_writes: bool,
    /// The files, when the last prompt found the schema readable by another connection; and
    /// the connection a Tab checks `main`'s schema version on (`check_elsewhere`).
    elsewhere: Option<Vec<(String, String)>>,
    checker: Option<(String, Connection)>,
}

impl Live {
    /// Starts reading the schema and then the values in the background: the first prompt does
    /// not wait for either (a Tab does, briefly).
    pub fn start(conn: &Connection) -> Live {
        let seen = Stamp::read(conn);
        // An empty `temp` (the usual case) needs no read; an rc file may have filled it.
        let temp = seen.schema.iter().any(|(s, v)| s == "temp" && *v != 0);
        let mut live = Live {
            snap: Snapshot::default(),
            seen,
            shared: Arc::default(),
            started: 0,
            schema_asked: 0,
            schema_got: 0,
            values_asked: 0,
            values_got: 0,
            rows_got: 0,
            failed: false,
            txn_writes: false,
            elsewhere: None,
            checker: None,
        };
        live.refresh(conn, Changed { temp, files: true, data: true }, Duration::from_millis(50));
        live
    }

    /// A snapshot read elsewhere (`\refresh`) replaces the current one, values included.
    pub fn replace(&mut self, snap: Snapshot) {
        self.seen = snap.stamp.clone();
        self.snap = snap;
        self.started += 1;
        self.shared.supersede(self.started);
        // It may be of another file (`.open`): the next prompt says what can be read elsewhere.
        self.elsewhere = None;
        self.schema_asked = self.started;
        self.schema_got = self.started;
        self.values_asked = self.started;
        self.values_got = self.started;
        self.rows_got = self.started;
    }

    /// The cheap check before a prompt: rereads what changed in any database, here or in another
    /// process, mostly in the background. Returns whether a schema changed.
    pub fn before_prompt(&mut self, conn: &Connection) -> bool {
        let now = Stamp::read(conn);
        let temp = |s: &Stamp| s.schema.iter().find(|(n, _)| n == "temp").map(|(_, v)| *v);
        let files = |s: &Stamp| s.schema.iter().filter(|(n, _)| n != "temp").cloned().collect::<Vec<_>>();
        let mut changed = Changed {
            temp: temp(&now) != temp(&self.seen),
            files: files(&now) != files(&self.seen),
            data: now.data != self.seen.data || now.changes != self.seen.changes,
        };
        // Other connections see rows written in a transaction once it commits: read again then.
        if !conn.is_autocommit() {
            self.txn_writes |= changed.data;
        } else if std::mem::take(&mut self.txn_writes) {
            changed.data = true;
        }
        self.seen = now;
        self.refresh(conn, changed, Duration::ZERO);
        changed.temp || changed.files
    }

    fn refresh(&mut self, conn: &Connection, changed: Changed, delay: Duration) {
        self.poll();
        self.snap.schemas = self.seen.schema.iter().map(|(s, _)| s.clone()).collect();
        let failed = std::mem::take(&mut self.failed);
        let files_changed = changed.files || failed;
        if changed.temp || (files_changed && self.snap.temp_has_views()) {
            self.snap.reload_temp(conn, files_changed);
        }
        let files = database_files(conn);
        // Talk tables in `temp` and an in-memory main database are seen only here.
        let values_elsewhere =
            !failed && files.first().is_some_and(|(_, f)| !f.is_empty()) && !self.snap.temp_has_talk_tables();
        // Uncommitted DDL and in-memory attached databases too.
        let schema_elsewhere = values_elsewhere && conn.is_autocommit() && files.iter().all(|(_, f)| !f.is_empty());
        self.elsewhere = schema_elsewhere.then(|| files.clone());
        if files_changed && !schema_elsewhere {
            self.snap.reload_files(conn);
            self.started += 1;
            (self.schema_asked, self.schema_got) = (self.started, self.started);
        }
        // A schema read still running is superseded by this one, which must read it again.
        let schema_job = schema_elsewhere && (files_changed || self.schema_pending());
        if !(schema_job || files_changed || changed.temp || changed.data || failed) {
            return;
        }
        self.started += 1;
        let generation = self.started;
        // Older reads still running stop, unless this one leaves out a schema they would read.
        if schema_job || !self.schema_pending() {
            self.shared.supersede(generation);
        }
        let parts = self.snap.value_parts(Parts::ALL);
        if !values_elsewhere {
            let (values, read) = Values::load_changed(conn, parts, &self.snap.values.prints);
            self.snap.values.merge(values, read);
            let budget = crate::engine::complete::row_counts::BUDGET_AT_PROMPT;
            self.snap.rows = crate::engine::complete::row_counts::read(conn, budget, &|| true);
            (self.values_asked, self.values_got, self.rows_got) = (generation, generation, generation);
            return;
        }
        self.spawn(generation, files, schema_job, parts, delay);
    }

    /// At a Tab: whether another process changed `main`'s schema since the last prompt (one
    /// pragma, on a read-only connection of its own); if so, starts reading it, so the Tab that
    /// waits for it offers a table created meanwhile. Nothing when the last prompt found the
    /// schema readable only on the session's connection.
    pub fn check_elsewhere(&mut self) {
        let Some(files) = self.elsewhere.clone() else { return };
        let Some((_, main)) = files.first() else { return };
        if self.checker.as_ref().is_none_or(|(f, _)| f != main) {
            self.checker = crate::engine::readers::open_read_only(main).ok().map(|c| (main.clone(), c));
        }
        let Some((_, checker)) = &self.checker else { return };
        // No busy timeout: a locked database answers at once, and the Tab does not wait.
        let Ok(version) = checker.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0)) else { return };
        let Some(seen) = self.seen.schema.iter_mut().find(|(n, _)| n == "main") else { return };
        if seen.1 == version {
            return;
        }
        seen.1 = version;
        self.started += 1;
        let generation = self.started;
        self.shared.supersede(generation);
        let parts = self.snap.value_parts(Parts::ALL);
        self.spawn(generation, files, true, parts, Duration::ZERO);
    }

    fn spawn(
        &mut self,
        generation: u64,
        files: Vec<(String, String)>,
        schema_job: bool,
        parts: Parts,
        delay: Duration,
    ) {
        let job = Job {
            generation,
            files,
            described: schema_job.then(|| self.snap.files_described()),
            functions: schema_job && self.snap.functions.is_empty(),
            parts,
            old: self.snap.values.prints.clone(),
            delay,
        };
        let shared = Arc::clone(&self.shared);
        match std::thread::Builder::new().name("completion-refresh".into()).spawn(move || job.run(&shared)) {
            Ok(_) => {
                if schema_job {
                    self.schema_asked = generation;
                }
                self.values_asked = generation;
            }
            // No thread: the next prompt reads here.
            Err(_) => self.failed = true,
        }
    }

    /// Takes in what background reads finished, unless something newer is in already.
    fn poll(&mut self) {
        let (schema, values, rows) = match self.shared.slots.lock() {
            Ok(mut s) => (s.schema.take(), s.values.take(), s.rows.take()),
            Err(_) => return,
        };
        if let Some((generation, rows)) = rows
            && generation > self.rows_got
        {
            (self.rows_got, self.snap.rows) = (generation, rows);
        }
        if let Some((generation, read)) = schema
            && generation > self.schema_got
        {
            self.schema_got = generation;
            match read {
                Some(read) => {
                    self.snap.set_files(read.files);
                    if let Some((functions, pragmas)) = read.functions {
                        (self.snap.functions, self.snap.pragmas) = (functions, pragmas);
                    }
                }
                None => self.failed = true,
            }
        }
        if let Some((generation, read)) = values
            && generation > self.values_got
        {
            self.values_got = generation;
            match read {
                Some((values, parts)) => self.snap.values.merge(values, parts),
                None => self.failed = true,
            }
        }
    }

    /// Polls until `pending` says the wait is over or `max` has passed, sleeping until a read
    /// posts something.
    fn wait(&mut self, max: Duration, pending: fn(&Live) -> bool) {
        let until = Instant::now() + max;
        loop {
            self.poll();
            let left = until.saturating_duration_since(Instant::now());
            if !pending(self) || left.is_zero() {
                return;
            }
            if let Ok(slots) = self.shared.slots.lock()
                && slots.schema.is_none()
                && slots.values.is_none()
            {
                let _ = self.shared.ready.wait_timeout(slots, left);
            }
        }
    }

    #[cfg(test)]
    /// The current snapshot, with what background reads finished meanwhile.
    pub fn snapshot(&mut self) -> &Snapshot {
        self.poll();
        &self.snap
    }

    /// The snapshot, waiting up to `max` for a schema read still running: a Tab right after
    /// `CREATE TABLE` (or another process's) should offer the new table.
    pub fn snapshot_with_schema(&mut self, max: Duration) -> &Snapshot {
        self.wait(max, Live::schema_pending);
        &self.snap
    }

    /// The snapshot, waiting up to `max` for the values (and schema) still loading: a Tab on a
    /// speaker's name right after start should find the names, not nothing.
    pub fn snapshot_with_values(&mut self, max: Duration) -> &Snapshot {
        self.wait(max, Live::loading);
        &self.snap
    }

    pub fn snapshot_mut(&mut self) -> &mut Snapshot {
        self.poll();
        &mut self.snap
    }

    /// Whether a schema read started in the background has not been taken in yet.
    pub fn schema_pending(&self) -> bool {
        self.schema_got < self.schema_asked
    }

    /// Whether a read (schema or values) has not been taken in yet.
    pub fn loading(&self) -> bool {
        self.schema_pending() || self.values_got < self.values_asked
    }
}

/// (name, file) of `main` and each attached database, in the connection's order; the file is
/// empty for an in-memory or temporary database.
fn database_files(conn: &Connection) -> Vec<(String, String)> {
    let read = || -> rusqlite::Result<Vec<(String, String)>> {
        let mut stmt = conn.prepare("SELECT name, file FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))?;
        rows.collect()
    };
    read().unwrap_or_default()
}

#[cfg(test)]
mod tests;
