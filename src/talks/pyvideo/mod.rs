//! `import pyvideo`: loads event folders in pyvideo/data's layout (`<event>/category.json` and
//! `<event>/videos/*.json`) into the catalogue tables.
//!
//! Every file is read and checked before anything is written, then everything is written in one
//! transaction: a bad file either aborts the whole import (naming the file and the field) or, with
//! `skip_bad`, is left out and listed. Rows are matched on natural keys (event slug, talk file name,
//! person key, tag name), so importing the same folders twice changes nothing and a newer copy
//! updates rows in place. The bundled catalogue is built by these same rules (`seed.rs`).

mod extract;
mod model;
mod parse;
mod read;
mod rules;
mod seed;
mod write;

pub use crate::talks::pyvideo::extract::write_extract;
pub(crate) use crate::talks::pyvideo::rules::series_key;
pub use crate::talks::pyvideo::seed::catalogue_files;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rusqlite::Connection;

use crate::engine::import::progress::Progress;
use crate::talks::catalogue as db;
use crate::talks::person_names::{is_placeholder_speaker, person_key};
use crate::talks::pyvideo::model::Event;
use crate::talks::pyvideo::read::{Problems, event_folders, read_event};
use crate::talks::pyvideo::write::Writer;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Leave out bad files (listed in the report) instead of rolling everything back.
    pub skip_bad: bool,
    /// Draw a progress bar on stderr (the caller checks that stderr is a terminal).
    pub progress: bool,
    /// Add the catalogue tables to a database holding other tables and no catalogue.
    pub into_existing: bool,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    pub events: Vec<String>,
    pub talks: usize,
    pub speakers: usize,
    pub tags: usize,
    pub new_talks: usize,
    pub updated_talks: usize,
    /// Files left out with `skip_bad`: (file, problem).
    pub skipped: Vec<(String, String)>,
    /// Invalid fields left out of talks that were imported, with `skip_bad`: (file, problem).
    pub dropped: Vec<(String, String)>,
    pub elapsed: Duration,
}

impl Report {
    /// `imported 143 talks, 221 speakers, 12 tags from pycon-us-2017 in 0.4 s (143 new, 0 updated,
    /// 0 unchanged)`, or
    /// `nothing to import: 143 talks from pycon-us-2017 already up to date (checked in 0.1 s)`.
    pub fn summary(&self) -> String {
        let from = match self.events.as_slice() {
            [] => "no events".to_string(),
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            many => format!("{} events", many.len()),
        };
        let mut s = if self.new_talks + self.updated_talks > 0 {
            self.changed(&from)
        } else if self.talks == 0 {
            format!("nothing to import: no talks in {from} (checked in {:.1} s)", self.elapsed.as_secs_f64())
        } else {
            format!(
                "nothing to import: {} talk{} from {from} already up to date (checked in {:.1} s)",
                self.talks,
                plural(self.talks),
                self.elapsed.as_secs_f64()
            )
        };
        if !self.skipped.is_empty() {
            s.push_str(&format!("; skipped {} bad file{}", self.skipped.len(), plural(self.skipped.len())));
        }
        if !self.dropped.is_empty() {
            s.push_str(&format!("; left out {} bad field{}", self.dropped.len(), plural(self.dropped.len())));
        }
        s
    }

    /// The summary of an import that added or updated talks.
    fn changed(&self, from: &str) -> String {
        format!(
            "imported {} talk{}, {} speaker{}, {} tag{} from {from} in {:.1} s ({} new, {} updated, {} unchanged)",
            self.talks,
            plural(self.talks),
            self.speakers,
            plural(self.speakers),
            self.tags,
            plural(self.tags),
            self.elapsed.as_secs_f64(),
            self.new_talks,
            self.updated_talks,
            self.talks.saturating_sub(self.new_talks + self.updated_talks)
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Imports the event folders `dirs` into `conn` in one transaction. A directory that holds event
/// folders (rather than being one) imports each of them. Every file is read and checked first: any
/// problem stops the import before it writes (all of them listed), unless `skip_bad`.
pub fn import(conn: &Connection, dirs: &[PathBuf], opts: Options) -> Result<Report> {
    let started = Instant::now();
    // Ctrl-C at the prompt sets a flag the steps below check: reading files runs no SQL for
    // SQLite's own interrupt to stop.
    crate::engine::interrupt::clear();
    if !opts.into_existing {
        refuse_unrelated(conn)?;
    }
    let mut folders = Vec::new();
    for dir in dirs {
        folders.extend(event_folders(dir)?);
    }
    let files: usize = folders.iter().map(|f| f.files.len() + 1).sum();
    let progress = Progress::new(opts.progress, files as u64, "reading");
    let mut problems = Problems::default();
    let mut events: Vec<Event> = Vec::new();
    for folder in &folders {
        stop_if_interrupted()?;
        events.extend(read_event(folder, &progress, &mut problems));
    }
    let clean = problems.files.is_empty() && problems.fields.is_empty();
    if !opts.skip_bad && !clean {
        progress.finish();
        return Err(refusal(&problems).into());
    }
    let mut report = Report {
        skipped: problems.files.into_iter().map(|b| (b.file, b.problem)).collect(),
        dropped: problems.fields.into_iter().map(|b| (b.file, b.problem)).collect(),
        ..Report::default()
    };
    write_events(conn, &events, &mut report, &progress)?;
    progress.finish();
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Ctrl-C was pressed: the import stops, and its transaction (if begun) is rolled back.
fn stop_if_interrupted() -> Result<()> {
    if crate::engine::interrupt::pending() {
        bail!("interrupted: nothing was imported");
    }
    Ok(())
}

/// Refuses to add the catalogue's tables to a database that has tables of its own and no talk
/// catalogue (`--db chinook.db import pyvideo DIR` is more likely a wrong file than a wish).
fn refuse_unrelated(conn: &Connection) -> Result<()> {
    let (has_talks, others): (bool, String) = conn.query_row(
        "SELECT coalesce(sum(name = 'talks'), 0) > 0, coalesce(group_concat(name, ', '), '')
         FROM (SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if !has_talks && !others.is_empty() {
        anyhow::bail!(
            "this database holds other tables ({others}) and no talk catalogue: importing would add about 15 \
             catalogue tables to it; add --into-existing to do so"
        );
    }
    Ok(())
}

/// An import that found problems and wrote nothing: the problems (one line each, to print
/// before the error), and the error itself.
#[derive(Debug)]
pub struct Refused {
    pub problems: Vec<String>,
    summary: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.summary)
    }
}

impl std::error::Error for Refused {}

fn refusal(problems: &Problems) -> Refused {
    let all: Vec<&model::Bad> = problems.files.iter().chain(&problems.fields).collect();
    let n = all.len();
    Refused {
        problems: all.iter().map(|b| format!("{}: {}", b.file, b.problem)).collect(),
        summary: format!(
            "nothing imported: {n} problem{} (--skip-bad imports the rest, leaving out each bad file or field)",
            plural(n)
        ),
    }
}

/// Writes checked events in one transaction (or a savepoint in the user's): talks matched on
/// (event slug, file name), people on their person key, tags on their name.
fn write_events(conn: &Connection, events: &[Event], report: &mut Report, progress: &Progress) -> Result<()> {
    progress.phase("writing", events.iter().map(|e| e.talks.len() as u64).sum());
    let tx = crate::engine::import::ImportTx::begin(conn)?;
    db::ensure_schema(&tx)?;
    let mut writer = Writer::new(&tx)?;
    writer.add_series(events)?;
    // New speakers are indexed in one pass after they are added, not by the trigger once each
    // (a file of 100,000 speakers). Their ids follow every id there (INSERT without an id).
    let before: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM speakers", [], |r| r.get(0))?;
    tx.execute_batch("DROP TRIGGER IF EXISTS speakers_index_insert")?;
    writer.add_speakers(events)?;
    tx.execute(
        "INSERT INTO speaker_names (rowid, name) SELECT id, folded FROM speaker_folded WHERE id > ?1",
        [before],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO speaker_names_other (id) SELECT id FROM speaker_folded WHERE id > ?1 AND folded GLOB '*[^ -~]*'",
        [before],
    )?;
    tx.execute_batch(db::SCHEMA).context("schema.sql")?;
    for ev in events {
        stop_if_interrupted()?;
        writer.write_event(ev, report, progress)?;
    }
    stop_if_interrupted()?;
    drop(writer);
    // The index is derived from the tables: rebuilt whole (one shared definition in db.rs) when any
    // talk changed, left alone by an import that changed nothing.
    if report.new_talks + report.updated_talks > 0 {
        progress.phase("indexing", 0);
        tx.execute_batch(db::REBUILD_SEARCH).context("rebuilding the search index")?;
    }
    tx.commit()?;
    report.events = events.iter().map(|e| e.slug.clone()).collect();
    let (speakers, tags): (HashSet<String>, HashSet<String>) = (
        events
            .iter()
            .flat_map(|e| &e.talks)
            .flat_map(|t| &t.speakers)
            .filter(|s| !is_placeholder_speaker(s))
            .map(|s| person_key(s))
            .collect(),
        events.iter().flat_map(|e| &e.talks).flat_map(|t| &t.tags).cloned().collect(),
    );
    report.talks = events.iter().map(|e| e.talks.len()).sum();
    report.speakers = speakers.len();
    report.tags = tags.len();
    Ok(())
}
