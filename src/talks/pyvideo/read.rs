//! Reading pyvideo folders: every file parsed and checked, with errors that name the file and the
//! field, before anything is written.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};

use crate::engine::import::progress::Progress;
use crate::talks::pyvideo::model::{Bad, Event};
use crate::talks::pyvideo::parse::{Parsed, parse_category, parse_talk};
use crate::talks::pyvideo::rules::year_of;

/// An event folder and its video files, sorted by name.
pub(super) struct Folder {
    dir: PathBuf,
    slug: String,
    pub(super) files: Vec<PathBuf>,
    /// Entries not read: symbolic links that lead out of the folder.
    refused: Vec<Bad>,
}

impl Folder {
    pub(super) fn slug(&self) -> &str {
        &self.slug
    }

    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }
}

pub(super) fn event_folders(dir: &Path) -> Result<Vec<Folder>> {
    if !dir.is_dir() {
        bail!("{}: not a directory", dir.display());
    }
    if dir.join("category.json").exists() {
        return Ok(vec![folder(dir)?]);
    }
    // A pyvideo/data checkout: every sub-folder with a category.json is an event.
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        // Dot folders (`.schemas`, `.tests` of a pyvideo/data checkout) are not events.
        .filter(|p| p.file_name().is_some_and(|n| !n.to_string_lossy().starts_with('.')))
        .filter(|p| p.join("category.json").is_file())
        .collect();
    subdirs.sort();
    if subdirs.is_empty() {
        bail!("{}: not a pyvideo event folder (no category.json in it or its sub-folders)", dir.display());
    }
    subdirs.iter().map(|d| folder(d)).collect()
}

fn folder(dir: &Path) -> Result<Folder> {
    let slug = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .with_context(|| format!("{}: cannot tell the event's folder name", dir.display()))?;
    let videos = dir.join("videos");
    let inside = dir.canonicalize().with_context(|| format!("{}: cannot open", dir.display()))?;
    let mut files = Vec::new();
    let mut refused = Vec::new();
    if videos.is_dir() {
        for entry in std::fs::read_dir(&videos).with_context(|| format!("{slug}/videos: cannot list"))? {
            let entry = entry.with_context(|| format!("{slug}/videos: cannot list"))?;
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            // A link may point anywhere (another user's files, /dev): only links that stay in
            // the event folder are read.
            let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
            if is_link && !path.canonicalize().is_ok_and(|target| target.starts_with(&inside)) {
                let name = entry.file_name().to_string_lossy().into_owned();
                refused.push(Bad {
                    file: format!("{slug}/videos/{name}"),
                    problem: "a symbolic link out of the event folder: not followed".to_string(),
                });
                continue;
            }
            files.push(path);
        }
    }
    files.sort();
    refused.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(Folder { dir: dir.to_path_buf(), slug, files, refused })
}

/// Reads one event folder. Files that cannot be imported at all go to `problems.files`, invalid
/// fields of talks that are kept to `problems.fields`; the caller decides whether they stop the
/// import. None when the folder's `category.json` itself is bad.
pub(super) fn read_event(folder: &Folder, progress: &Progress, problems: &mut Problems) -> Option<Event> {
    let cat_name = format!("{}/category.json", folder.slug);
    progress.inc();
    let parsed = read_json(&folder.dir.join("category.json"), &cat_name)
        .and_then(|cat| parse_category(&folder.slug, &cat, &cat_name));
    problems.files.extend(folder.refused.iter().map(|b| Bad { file: b.file.clone(), problem: b.problem.clone() }));
    let mut event = match parsed {
        Ok(event) => event,
        Err(bad) => {
            problems.files.push(bad);
            return None;
        }
    };
    // Parsing is independent per file: spread it over a few threads, keep the results in file order.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let chunk = folder.files.len().div_ceil(threads).max(64);
    let results: Vec<Result<Parsed, Bad>> = std::thread::scope(|scope| {
        let handles: Vec<_> = folder
            .files
            .chunks(chunk)
            .map(|paths| {
                // Ctrl-C stops reading at the next file; the import then stops before writing.
                let go = |_: &&PathBuf| !crate::engine::interrupt::pending();
                scope.spawn(move || {
                    paths.iter().take_while(go).map(|p| read_file(folder, p, progress)).collect::<Vec<_>>()
                })
            })
            .collect();
        // A panic in a reader is a bug: re-raise it rather than lose that reader's files.
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    for result in results {
        match result {
            Ok(parsed) => {
                event.talks.push(parsed.talk);
                problems.fields.extend(parsed.bad_fields);
            }
            Err(bad) => problems.files.push(bad),
        }
    }
    event.year = event_year(&event);
    Some(event)
}

/// What reading found wrong: whole files, and fields of talks that can be imported without them.
#[derive(Default)]
pub(super) struct Problems {
    pub(super) files: Vec<Bad>,
    pub(super) fields: Vec<Bad>,
}

/// The event's year: from its folder name, else its title, else the middle of its talks' dates.
pub(super) fn event_year(event: &Event) -> Option<i64> {
    year_of(&event.slug).or_else(|| year_of(&event.name)).or_else(|| {
        let mut years: Vec<i64> =
            event.talks.iter().filter_map(|t| t.recorded.as_deref()?.get(..4)?.parse().ok()).collect();
        years.sort_unstable();
        years.get(years.len() / 2).copied()
    })
}

fn read_file(folder: &Folder, path: &Path, progress: &Progress) -> Result<Parsed, Bad> {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let label = format!("{}/videos/{file_name}", folder.slug);
    let slug = file_name.trim_end_matches(".json").to_string();
    let talk = read_talk(path, &label, slug);
    progress.inc();
    talk
}

pub(super) fn read_json(path: &Path, label: &str) -> Result<Map<String, Value>, Bad> {
    let bad = |problem: String| Bad { file: label.to_string(), problem };
    let bytes = crate::engine::userfile::read_checked(path, crate::engine::userfile::JSON_CAP)
        .map_err(|p| bad(format!("cannot read: {p}")))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| bad(format!("not UTF-8: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(obj)) => Ok(obj),
        Ok(_) => Err(bad("expected a JSON object".to_string())),
        Err(e) => Err(bad(format!("not valid JSON: {e}"))),
    }
}

fn read_talk(path: &Path, label: &str, slug: String) -> Result<Parsed, Bad> {
    parse_talk(&read_json(path, label)?, label, slug)
}
