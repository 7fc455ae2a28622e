//! The background half of `refresh.rs`: a thread with a read-only connection of its own (the
//! session's files attached under the same names) reads the schema of `main` and the attached
//! databases, then the talk values, and posts each with the generation of the read, so an older
//! read never replaces a newer one. The prompt takes them in when it next looks.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use rusqlite::{Connection, InterruptHandle};

use crate::engine::complete::row_counts::{self, RowCounts};
use crate::engine::complete::schema::{self, Described, Objects, Which};
use crate::engine::complete::sources::{self, Parts, Prints, Values};

/// What a background read of the schema gives: the objects of `main` and the attached
/// databases, with functions and pragmas when asked.
pub(super) struct SchemaRead {
    pub(super) files: Objects,
    pub(super) functions: Option<(Vec<String>, Vec<String>)>,
}

/// Results of background reads, each with the generation of the read that made it; `None` for
/// a read that failed.
#[derive(Default)]
pub(super) struct Slots {
    pub(super) schema: Option<(u64, Option<SchemaRead>)>,
    pub(super) values: Option<(u64, Option<(Values, Parts)>)>,
    pub(super) rows: Option<(u64, RowCounts)>,
}

/// The hand-over between the reading threads and the prompt; `ready` wakes a Tab that waits.
#[derive(Default)]
pub(super) struct Shared {
    pub(super) slots: Mutex<Slots>,
    pub(super) ready: Condvar,
    /// Reads older than this were superseded by a newer one that reads all they would: they
    /// stop (a scan of a million titles no one will use only takes the CPU from the prompt).
    newest: AtomicU64,
    /// The connections of the reads running, to interrupt a superseded one's query.
    running: Mutex<Vec<(u64, InterruptHandle)>>,
}

impl Shared {
    /// Stops the reads older than `generation`.
    pub(super) fn supersede(&self, generation: u64) {
        self.newest.fetch_max(generation, Ordering::SeqCst);
        if let Ok(running) = self.running.lock() {
            for (_, handle) in running.iter().filter(|(g, _)| *g < generation) {
                handle.interrupt();
            }
        }
    }

    fn superseded(&self, generation: u64) -> bool {
        self.newest.load(Ordering::SeqCst) > generation
    }

    /// Posts a schema read, unless a newer one is waiting already.
    pub(super) fn post_schema(&self, generation: u64, read: Option<SchemaRead>) {
        self.post(|s| &mut s.schema, generation, read);
    }

    /// Posts a values read, unless a newer one is waiting already.
    pub(super) fn post_values(&self, generation: u64, read: Option<(Values, Parts)>) {
        self.post(|s| &mut s.values, generation, read);
    }

    /// Posts row counts, unless newer ones are waiting already.
    pub(super) fn post_rows(&self, generation: u64, rows: RowCounts) {
        self.post(|s| &mut s.rows, generation, rows);
    }

    fn post<T>(&self, slot: impl FnOnce(&mut Slots) -> &mut Option<(u64, T)>, generation: u64, read: T) {
        if let Ok(mut s) = self.slots.lock() {
            let slot = slot(&mut s);
            if slot.as_ref().is_none_or(|(g, _)| *g < generation) {
                *slot = Some((generation, read));
            }
        }
        self.ready.notify_all();
    }
}

/// One background read: the schema (when `described` is given), then the values.
pub(super) struct Job {
    pub(super) generation: u64,
    /// (name, file) of `main`, then of each attached database.
    pub(super) files: Vec<(String, String)>,
    /// The tables and views described so far, so unchanged ones are not described again.
    pub(super) described: Option<Described>,
    pub(super) functions: bool,
    /// The values to read when the schema is not read (else its talk tables say).
    pub(super) parts: Parts,
    pub(super) old: Prints,
    /// The values start this long after the job (at start: once the prompt is drawn, so it does
    /// not share the CPU with folding a million titles).
    pub(super) delay: Duration,
}

impl Job {
    pub(super) fn run(self, shared: &Shared) {
        let generation = self.generation;
        let reader = match open_reader(&self.files, self.described.is_some(), self.functions) {
            Ok(reader) => reader,
            Err(_) => return fail(shared, generation, self.described.is_some()),
        };
        if let Ok(mut running) = shared.running.lock() {
            running.push((generation, reader.get_interrupt_handle()));
        }
        self.read(shared, &reader);
        if let Ok(mut running) = shared.running.lock() {
            running.retain(|(g, _)| *g != generation);
        }
    }

    fn read(self, shared: &Shared, reader: &Connection) {
        let began = Instant::now();
        let generation = self.generation;
        let go = || !shared.superseded(generation);
        let mut parts = self.parts;
        if let Some(before) = self.described {
            if !go() {
                return;
            }
            let (files, read) = Objects::read(reader, Which::Files, before, false);
            if read.is_err() {
                return fail(shared, generation, true);
            }
            let functions = self.functions.then(|| schema::functions_and_pragmas(reader));
            parts = sources::present(&files.tables, Parts::ALL);
            shared.post_schema(generation, Some(SchemaRead { files, functions }));
        }
        std::thread::sleep(self.delay.saturating_sub(began.elapsed()));
        // Row counts first: they are cheap (bounded) and lists of tables want them.
        let rows = row_counts::read(reader, row_counts::BUDGET, &go);
        if go() {
            shared.post_rows(generation, rows);
        }
        // Only the parts whose fingerprint moved: a write to an unrelated table costs a few
        // counts, not a million titles.
        let (values, read) = Values::load_changed_while(reader, parts, &self.old, &go);
        if go() {
            shared.post_values(generation, Some((values, read)));
        }
    }
}

/// Says that a read failed, unless it was stopped: the prompt then reads on the session's
/// connection.
fn fail(shared: &Shared, generation: u64, schema: bool) {
    if shared.superseded(generation) {
        return;
    }
    if schema {
        shared.post_schema(generation, None);
    }
    shared.post_values(generation, None);
}

/// A read-only connection to the files, attached under the session's names, with talkcli's own
/// functions (the function list completion offers is the session's).
fn open_reader(files: &[(String, String)], attach: bool, functions: bool) -> rusqlite::Result<Connection> {
    let Some(((_, main), attached)) = files.split_first() else {
        return Err(rusqlite::Error::InvalidPath(PathBuf::new()));
    };
    let reader = crate::engine::readers::open_read_only(main)?;
    reader.busy_timeout(crate::engine::settings::busy_timeout())?;
    for (name, file) in attached.iter().filter(|_| attach) {
        reader.execute(&format!("ATTACH ?1 AS {}", crate::engine::sql::quote::ident(name)), [file])?;
    }
    if functions {
        let _ = crate::engine::command::register_functions(&reader);
    }
    Ok(reader)
}
