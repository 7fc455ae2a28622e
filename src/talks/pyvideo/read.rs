//! Reading pyvideo folders: every file parsed and checked, with errors that name the file and the
//! field, before anything is written.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};

use crate::engine::import::progress::Progress;
use crate::talks::person_names::{fold_spaces, tag_name};
use crate::talks::pyvideo::rules::{date_prefix, pick_slides_url, year_of};

/// One event folder, read and checked.
pub(super) struct Event {
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) year: Option<i64>,
    pub(super) start_date: Option<String>,
    /// Not in pyvideo's own files; the bundled catalogue's source adds it with `city`.
    pub(super) end_date: Option<String>,
    pub(super) city: Option<String>,
    pub(super) url: Option<String>,
    pub(super) talks: Vec<Talk>,
}

/// One video file, read and checked.
pub(super) struct Talk {
    pub(super) slug: String,
    pub(super) title: String,
    pub(super) speakers: Vec<String>,
    pub(super) recorded: Option<String>,
    pub(super) duration: Option<i64>,
    pub(super) tags: Vec<String>,
    pub(super) video_url: Option<String>,
    pub(super) slides_url: Option<String>,
    pub(super) description: Option<String>,
}

/// A problem with one file: `pycon-x/videos/y.json: speakers: expected a list of strings`.
pub(super) struct Bad {
    pub(super) file: String,
    pub(super) problem: String,
}

/// An event folder and its video files, sorted by name.
pub(super) struct Folder {
    dir: PathBuf,
    slug: String,
    pub(super) files: Vec<PathBuf>,
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
    let mut files = Vec::new();
    if videos.is_dir() {
        for entry in std::fs::read_dir(&videos).with_context(|| format!("{slug}/videos: cannot list"))? {
            let path = entry.with_context(|| format!("{slug}/videos: cannot list"))?.path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(Folder { dir: dir.to_path_buf(), slug, files })
}

pub(super) fn read_event(
    folder: &Folder,
    progress: &Progress,
    skip_bad: bool,
    skipped: &mut Vec<(String, String)>,
) -> Result<Event, Bad> {
    let cat_name = format!("{}/category.json", folder.slug);
    let cat = read_json(&folder.dir.join("category.json"), &cat_name)?;
    progress.inc();
    let field = Fields { file: &cat_name, obj: &cat };
    let name = fold_spaces(&field.string("title")?);
    if name.is_empty() {
        return Err(field.bad("title", "must not be empty"));
    }
    let url = field.opt_string("url")?.filter(|u| !u.trim().is_empty());
    let start_date = field.opt_string("start_date")?.and_then(|d| date_prefix(&d));
    let end_date = field.opt_string("end_date")?.and_then(|d| date_prefix(&d));
    let city = field.opt_string("city")?.map(|c| fold_spaces(&c)).filter(|c| !c.is_empty());
    // Parsing is independent per file: spread it over a few threads, keep the results in file order.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let chunk = folder.files.len().div_ceil(threads).max(64);
    let results: Vec<Result<Talk, Bad>> = std::thread::scope(|scope| {
        let handles: Vec<_> = folder
            .files
            .chunks(chunk)
            .map(|paths| scope.spawn(move || paths.iter().map(|p| read_file(folder, p, progress)).collect::<Vec<_>>()))
            .collect();
        // A panic in a reader is a bug: re-raise it rather than lose that reader's files.
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    let mut talks = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(t) => talks.push(t),
            Err(bad) if skip_bad => skipped.push((bad.file, bad.problem)),
            Err(bad) => return Err(bad),
        }
    }
    let year = year_of(&folder.slug).or_else(|| year_of(&name)).or_else(|| {
        let mut years: Vec<i64> = talks.iter().filter_map(|t| t.recorded.as_deref()?.get(..4)?.parse().ok()).collect();
        years.sort_unstable();
        years.get(years.len() / 2).copied()
    });
    Ok(Event { slug: folder.slug.clone(), name, year, start_date, end_date, city, url, talks })
}

fn read_file(folder: &Folder, path: &Path, progress: &Progress) -> Result<Talk, Bad> {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let label = format!("{}/videos/{file_name}", folder.slug);
    let slug = file_name.trim_end_matches(".json").to_string();
    let talk = read_talk(path, &label, slug);
    progress.inc();
    talk
}

fn read_json(path: &Path, label: &str) -> Result<Map<String, Value>, Bad> {
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

fn read_talk(path: &Path, label: &str, slug: String) -> Result<Talk, Bad> {
    let obj = read_json(path, label)?;
    let f = Fields { file: label, obj: &obj };
    let title = fold_spaces(&f.string("title")?);
    if title.is_empty() {
        return Err(f.bad("title", "must not be empty"));
    }
    let speakers = f.strings("speakers", true)?.iter().map(|s| fold_spaces(s)).filter(|s| !s.is_empty()).collect();
    let recorded = match f.required("recorded")? {
        Value::Null => None,
        Value::String(s) => date_prefix(s),
        _ => return Err(f.bad("recorded", "expected a date string or null")),
    };
    // Optional here although pyvideo always has it: the bundled catalogue's facts-only source leaves
    // the prose out.
    let description = match obj.get("description") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()).filter(|s| !s.trim().is_empty()),
        Some(_) => return Err(f.bad("description", "expected a string")),
    };
    let duration = match obj.get("duration") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_i64() {
            Some(d) if d >= 0 => Some(d),
            Some(_) => None, // a negative length is unknown
            None => return Err(f.bad("duration", "expected a whole number of seconds or null")),
        },
        Some(_) => return Err(f.bad("duration", "expected a whole number of seconds or null")),
    };
    let mut tags = Vec::new();
    for t in f.strings("tags", false)? {
        let t = tag_name(&t);
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    let videos = match f.required("videos")? {
        Value::Array(items) => items
            .iter()
            .map(|v| match v {
                Value::Object(o) => match (o.get("type"), o.get("url")) {
                    (None | Some(Value::String(_) | Value::Null), Some(Value::String(url))) => {
                        Ok((o.get("type").and_then(Value::as_str).unwrap_or("").to_string(), url.trim().to_string()))
                    }
                    _ => Err(()),
                },
                _ => Err(()),
            })
            .collect::<Result<Vec<_>, ()>>()
            .map_err(|()| f.bad("videos", "expected a list of {type, url} objects"))?,
        _ => return Err(f.bad("videos", "expected a list of {type, url} objects")),
    };
    let related = match obj.get("related_urls") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|r| match r {
                Value::String(u) => Ok((String::new(), u.clone())),
                Value::Object(o) => match (o.get("label"), o.get("url")) {
                    (None | Some(Value::Null), Some(Value::String(u))) => Ok((String::new(), u.clone())),
                    (Some(Value::String(l)), Some(Value::String(u))) => Ok((l.clone(), u.clone())),
                    _ => Err(()),
                },
                _ => Err(()),
            })
            .collect::<Result<Vec<_>, ()>>()
            .map_err(|()| f.bad("related_urls", "expected a list of URLs or {label, url} objects"))?,
        Some(_) => return Err(f.bad("related_urls", "expected a list of URLs or {label, url} objects")),
    };
    let video_url = videos
        .iter()
        .find(|(typ, url)| typ == "youtube" && !url.is_empty())
        .or_else(|| videos.iter().find(|(_, url)| !url.is_empty()))
        .map(|(_, url)| url.clone());
    Ok(Talk {
        slug,
        title,
        speakers,
        recorded,
        duration,
        tags,
        video_url,
        slides_url: pick_slides_url(&related),
        description,
    })
}

/// Typed access to one JSON object's fields, with errors that name the file and the field.
struct Fields<'a> {
    file: &'a str,
    obj: &'a Map<String, Value>,
}

impl Fields<'_> {
    fn bad(&self, field: &str, problem: &str) -> Bad {
        Bad { file: self.file.to_string(), problem: format!("{field}: {problem}") }
    }

    fn required(&self, field: &str) -> Result<&Value, Bad> {
        self.obj.get(field).ok_or_else(|| self.bad(field, "missing (a required field)"))
    }

    fn string(&self, field: &str) -> Result<String, Bad> {
        match self.required(field)? {
            Value::String(s) => Ok(s.clone()),
            _ => Err(self.bad(field, "expected a string")),
        }
    }

    fn opt_string(&self, field: &str) -> Result<Option<String>, Bad> {
        match self.obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.bad(field, "expected a string")),
        }
    }

    /// A list of strings; `null` or (when optional) absence is an empty list.
    fn strings(&self, field: &str, required: bool) -> Result<Vec<String>, Bad> {
        let value = if required { Some(self.required(field)?) } else { self.obj.get(field) };
        match value {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| self.bad(field, "expected a list of strings")),
            Some(_) => Err(self.bad(field, "expected a list of strings")),
        }
    }
}
