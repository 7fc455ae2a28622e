//! `import pyvideo`: loads event folders in pyvideo/data's layout (`<event>/category.json` and
//! `<event>/videos/*.json`) into the catalogue tables.
//!
//! Every file is read and checked before anything is written, then everything is written in one
//! transaction: a bad file either aborts the whole import (naming the file and the field) or, with
//! `skip_bad`, is left out and listed. Rows are matched on natural keys (event slug, talk file name,
//! person key, tag name), so importing the same folders twice changes nothing and a newer copy
//! updates rows in place. The bundled catalogue is built by these same rules (`seed.rs`).

mod read;
mod rules;
mod seed;
mod write;

pub use crate::talks::pyvideo::seed::catalogue_sql;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rusqlite::Connection;

use crate::engine::import::progress::Progress;
use crate::talks::catalogue;
use crate::talks::person_names::{is_placeholder_speaker, person_key};
use crate::talks::pyvideo::read::{event_folders, read_event};
use crate::talks::pyvideo::write::Writer;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Leave out bad files (listed in the report) instead of rolling everything back.
    pub skip_bad: bool,
    /// Draw a progress bar on stderr (the caller checks that stderr is a terminal).
    pub progress: bool,
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
    pub elapsed: Duration,
}

impl Report {
    /// `imported 143 talks, 221 speakers, 12 tags from pycon-us-2017 in 0.4 s (143 new, 0 updated)`, or
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
        s
    }

    /// The summary of an import that added or updated talks.
    fn changed(&self, from: &str) -> String {
        format!(
            "imported {} talk{}, {} speaker{}, {} tag{} from {from} in {:.1} s ({} new, {} updated)",
            self.talks,
            plural(self.talks),
            self.speakers,
            plural(self.speakers),
            self.tags,
            plural(self.tags),
            self.elapsed.as_secs_f64(),
            self.new_talks,
            self.updated_talks
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Imports the event folders `dirs` into `conn` in one transaction. A directory that holds event
/// folders (rather than being one) imports each of them.
pub fn import(conn: &Connection, dirs: &[PathBuf], opts: Options) -> Result<Report> {
    let started = Instant::now();
    let mut folders = Vec::new();
    for dir in dirs {
        folders.extend(event_folders(dir)?);
    }
    let files: usize = folders.iter().map(|f| f.files.len() + 1).sum();
    let progress = Progress::new(opts.progress, files as u64, "reading");

    let mut report = Report::default();
    let mut events = Vec::new();
    for folder in &folders {
        match read_event(folder, &progress, opts.skip_bad, &mut report.skipped) {
            Ok(ev) => events.push(ev),
            Err(bad) if opts.skip_bad => report.skipped.push((bad.file, bad.problem)),
            Err(bad) => {
                progress.finish();
                bail!("{}: {}", bad.file, bad.problem);
            }
        }
    }
    progress.phase("writing", events.iter().map(|e| e.talks.len() as u64).sum());

    let tx = crate::engine::import::ImportTx::begin(conn)?;
    catalogue::ensure_schema(&tx)?;
    let mut writer = Writer::new(&tx)?;
    writer.add_speakers(&events)?;
    for ev in &events {
        writer.write_event(ev, &mut report, &progress)?;
    }
    drop(writer);
    // The index is derived from the tables: rebuilt whole (one shared definition in db.rs) when any
    // talk changed, left alone by an import that changed nothing.
    if report.new_talks + report.updated_talks > 0 {
        progress.phase("indexing", 0);
        tx.execute_batch(catalogue::REBUILD_SEARCH).context("rebuilding the search index")?;
    }
    tx.commit()?;
    progress.finish();

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
    report.elapsed = started.elapsed();
    Ok(report)
}
