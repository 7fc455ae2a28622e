//! `import pyvideo`: loads event folders in pyvideo/data's layout (`<event>/category.json` and
//! `<event>/videos/*.json`) into the catalogue tables.
//!
//! Every file is read and checked before anything is written, then everything is written in one
//! transaction: a bad file either aborts the whole import (naming the file and the field) or, with
//! `skip_bad`, is left out and listed. Rows are matched on natural keys (event slug, talk file name,
//! person key, tag name), so importing the same folders twice changes nothing and a newer copy
//! updates rows in place. Kinds follow seed/gen_catalogue.py's rules.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::{Map, Value};

use super::names::{Spellings, fold_spaces, is_placeholder_speaker, person_key, tag_name};
use super::progress::Progress;
use crate::db;

/// A recorded session longer than this (seconds) that is not a keynote or lightning block is a tutorial.
const TUTORIAL_MIN_SECONDS: i64 = 5400;

/// A `recorded` date this many days away from the middle of an event's dates is an upload date.
/// Conferences run about a week and a half with tutorials and sprints, so the middle date of the
/// files is at most about a week from either end.
const UPLOAD_DATE_DAYS: i64 = 7;

/// Sessions the title/duration rules cannot classify, keyed by (event slug, file name): the same
/// lists as KIND_OVERRIDES and TUTORIALS_2014 in seed/gen_catalogue.py, so re-importing the bundled
/// editions keeps their kinds.
const KIND_OVERRIDES: &[(&str, &str, &str)] = &[
    ("pycon-us-2016", "guido-van-rossum-python-language-pycon-2016", "keynote"),
    ("pycon-us-2016", "partial-harry-percival-python-bootcamp-pycon-2016", "tutorial"),
];
const TUTORIALS_2014: &[&str] = &[
    "0-to-00111100-with-web2py",
    "bayesian-statistics-made-simple-0",
    "beyond-defaults-creating-polished-visualizations",
    "build-your-own-pidoorbell-learn-home-automatio",
    "contribute-with-me-getting-started-with-open-sou-0",
    "data-wrangling-for-kaggle-data-science-competitio",
    "descriptors-and-metaclasses-understanding-and-u",
    "distributed-task-processing-using-celery",
    "diving-deeper-into-machine-learning-with-scikit-l",
    "django-for-web-designers-and-front-end-developers",
    "dynamics-and-control-with-python",
    "exploring-machine-learning-with-scikit-learn",
    "faster-python-programs-through-optimization-1",
    "flask-by-example",
    "generators-the-final-frontier",
    "getting-started-with-django-a-crash-course",
    "hands-on-intro-to-python-for-beginning-programmer",
    "hands-on-with-pydata-how-to-build-a-minimal",
    "how-to-formulate-a-science-problem-and-analyze",
    "improving-automated-testing-with-pytest",
    "introduction-to-game-programming",
    "introduction-to-sqlalchemy-0",
    "introduction-to-web-and-data-scraping-with-pyt",
    "ipython-in-depth-high-productivity-interactive-a-1",
    "lets-learn-twisted-python",
    "mining-social-web-apis-with-ipython-notebook",
    "mrjob-snakes-on-a-hadoop",
    "postgresql-proficiency-for-python-people",
    "python-32-web-development-with-pyramid",
    "python-epiphanies-1",
    "python-for-social-scientists",
    "search-101-an-introduction-to-information-retrie",
    "shiny-lets-be-bad-guys-exploiting-and-mitigati-2",
    "tdd-for-web-applications-from-scratch",
];

/// People's own spellings where the most frequent one in the files is not it (gen_catalogue.py's
/// PREFERRED_SPELLING), keyed by person key.
const PREFERRED_SPELLINGS: &[(&str, &str)] = &[("jake vanderplas", "Jake VanderPlas")];

/// Per-event slide collections: not the slides of one talk.
const GENERIC_SLIDE_URLS: &[&str] =
    &["https://github.com/pycon/2016-slides", "https://speakerdeck.com/pycon2016", "https://speakerdeck.com/pycon2017"];

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
    /// `imported 143 talks, 221 speakers, 12 tags from pycon-us-2017 in 0.4 s (143 new, 0 updated)`
    pub fn summary(&self) -> String {
        let from = match self.events.as_slice() {
            [] => "no events".to_string(),
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            many => format!("{} events", many.len()),
        };
        let mut s = format!(
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
        );
        if !self.skipped.is_empty() {
            s.push_str(&format!("; skipped {} bad file{}", self.skipped.len(), plural(self.skipped.len())));
        }
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One event folder, read and checked.
struct Event {
    slug: String,
    name: String,
    year: Option<i64>,
    start_date: Option<String>,
    url: Option<String>,
    talks: Vec<Talk>,
}

/// One video file, read and checked.
struct Talk {
    slug: String,
    title: String,
    speakers: Vec<String>,
    recorded: Option<String>,
    duration: Option<i64>,
    tags: Vec<String>,
    video_url: Option<String>,
    slides_url: Option<String>,
    description: Option<String>,
}

/// A problem with one file: `pycon-x/videos/y.json: speakers: expected a list of strings`.
struct Bad {
    file: String,
    problem: String,
}

/// Imports the event folders `dirs` into `conn` in one transaction. A directory that holds event
/// folders (rather than being one) imports each of them.
pub fn import(conn: &mut Connection, dirs: &[PathBuf], opts: Options) -> Result<Report> {
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

    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db::explain)?;
    db::ensure_schema(&tx)?;
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
        tx.execute_batch(db::REBUILD_SEARCH).context("rebuilding the search index")?;
    }
    tx.commit().map_err(db::explain)?;
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

/// An event folder and its video files, sorted by name.
struct Folder {
    dir: PathBuf,
    slug: String,
    files: Vec<PathBuf>,
}

fn event_folders(dir: &Path) -> Result<Vec<Folder>> {
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

fn read_event(
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
    let mut talks = Vec::with_capacity(folder.files.len());
    for path in &folder.files {
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let label = format!("{}/videos/{file_name}", folder.slug);
        let slug = file_name.trim_end_matches(".json").to_string();
        match read_talk(path, &label, slug) {
            Ok(t) => talks.push(t),
            Err(bad) if skip_bad => skipped.push((bad.file, bad.problem)),
            Err(bad) => return Err(bad),
        }
        progress.inc();
    }
    let year = year_of(&folder.slug).or_else(|| year_of(&name)).or_else(|| {
        let mut years: Vec<i64> = talks.iter().filter_map(|t| t.recorded.as_deref()?.get(..4)?.parse().ok()).collect();
        years.sort_unstable();
        years.get(years.len() / 2).copied()
    });
    Ok(Event { slug: folder.slug.clone(), name, year, start_date, url, talks })
}

fn read_json(path: &Path, label: &str) -> Result<Map<String, Value>, Bad> {
    let bad = |problem: String| Bad { file: label.to_string(), problem };
    let bytes = std::fs::read(path).map_err(|e| bad(format!("cannot read: {e}")))?;
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
    let description = match f.required("description")? {
        Value::String(s) => Some(s.clone()).filter(|s| !s.trim().is_empty()),
        _ => return Err(f.bad("description", "expected a string")),
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

/// `2016-06-01T00:00:00` → `2016-06-01`; anything that is not a real date → None.
fn date_prefix(s: &str) -> Option<String> {
    let d = s.trim().get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let (m, day): (u32, u32) = (d[5..7].parse().ok()?, d[8..10].parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&day)).then(|| d.to_string())
}

/// The first plausible four-digit year in `s`.
fn year_of(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let w = &b[i..i + 4];
        let boundary = (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if boundary && w.iter().all(u8::is_ascii_digit) {
            let y: i64 = std::str::from_utf8(w).ok()?.parse().ok()?;
            (1990..=2100).contains(&y).then_some(y)
        } else {
            None
        }
    })
}

/// The talk's own slide deck among its related URLs, as gen_catalogue.py's `pick_slides_url`.
fn pick_slides_url(related: &[(String, String)]) -> Option<String> {
    for (label, url) in related {
        let url = url.trim();
        let low = url.to_lowercase();
        if url.is_empty() || url.ends_with("...") || GENERIC_SLIDE_URLS.contains(&low.trim_end_matches('/')) {
            continue;
        }
        if label.to_lowercase().contains("slide") {
            return Some(url.to_string());
        }
        let rest = low.strip_prefix("https://").or_else(|| low.strip_prefix("http://")).unwrap_or("");
        let rest = rest.strip_prefix("www.").unwrap_or(rest);
        for host in ["speakerdeck.com/", "slideshare.net/"] {
            if let Some(path) = rest.strip_prefix(host) {
                let mut parts = path.split('/');
                let user = parts.next().unwrap_or("");
                let deck = parts.next().unwrap_or("").split(['?', '#']).next().unwrap_or("");
                if !user.is_empty() && !deck.is_empty() {
                    return Some(url.to_string());
                }
            }
        }
        if low.split('?').next().unwrap_or("").ends_with(".pdf") {
            return Some(url.to_string());
        }
    }
    None
}

fn has_word(haystack: &str, word: &str) -> bool {
    haystack.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(word))
}

/// keynote / lightning / other from the title, tutorial from a long duration (or, when the source
/// has no durations, from the words tutorial/workshop), talk otherwise.
fn infer_kind(event: &str, slug: &str, title: &str, duration: Option<i64>, speakers: &[String]) -> &'static str {
    if let Some((_, _, kind)) = KIND_OVERRIDES.iter().find(|(e, s, _)| *e == event && *s == slug) {
        return kind;
    }
    let words: Vec<String> =
        title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let lower = words.join(" ");
    if words.windows(2).any(|w| w[0] == "lightning" && (w[1] == "talk" || w[1] == "talks")) {
        return "lightning";
    }
    if has_word(title, "keynote") {
        return "keynote";
    }
    let t = fold_spaces(title).to_lowercase();
    let other_prefixes = [
        "opening statement",
        "opening address",
        "closing address",
        "welcome to pycon",
        "final remarks",
        "panel discussion",
    ];
    if other_prefixes.iter().any(|p| t.starts_with(p))
        || t == "thank you"
        || t == "python software foundation"
        || has_word(title, "awards")
    {
        return "other";
    }
    if !speakers.is_empty() && speakers.iter().all(|s| is_placeholder_speaker(s)) {
        return "other";
    }
    if event == "pycon-us-2014" && TUTORIALS_2014.contains(&slug) {
        return "tutorial";
    }
    match duration {
        Some(d) if d > TUTORIAL_MIN_SECONDS => "tutorial",
        Some(_) => "talk",
        None if lower.contains("tutorial") || lower.contains("workshop") => "tutorial",
        None => "talk",
    }
}

/// Prepared statements over one transaction.
struct Writer<'c> {
    conn: &'c Connection,
    speaker_ids: HashMap<String, i64>,
    tag_ids: HashMap<String, i64>,
    next_event_id: i64,
    next_talk_id: i64,
}

impl<'c> Writer<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        let mut speaker_ids = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name FROM speakers ORDER BY id")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            speaker_ids.entry(person_key(&name)).or_insert(id);
        }
        let mut tag_ids = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name FROM tags")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            tag_ids.entry(tag_name(&name)).or_insert(id);
        }
        let next = |table: &str| -> Result<i64> {
            let max: i64 = conn.query_row(&format!("SELECT coalesce(max(id), 0) FROM {table}"), [], |r| r.get(0))?;
            Ok((max + 1).max(db::IMPORT_ID_BASE))
        };
        Ok(Writer { conn, speaker_ids, tag_ids, next_event_id: next("events")?, next_talk_id: next("talks")? })
    }

    /// Adds every person not yet in the database, spelled as most files spell them.
    fn add_speakers(&mut self, events: &[Event]) -> Result<()> {
        let mut spellings = Spellings::default();
        for s in events.iter().flat_map(|e| &e.talks).flat_map(|t| &t.speakers) {
            if !is_placeholder_speaker(s) && !self.speaker_ids.contains_key(&person_key(s)) {
                spellings.add(s);
            }
        }
        let mut new: Vec<(String, String)> = spellings
            .canonical()
            .into_iter()
            .map(|(key, name)| match PREFERRED_SPELLINGS.iter().find(|(k, _)| *k == key) {
                Some((_, preferred)) => (key, preferred.to_string()),
                None => (key, name),
            })
            .collect();
        new.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()).then(a.1.cmp(&b.1)));
        let mut insert = self.conn.prepare_cached("INSERT INTO speakers (name) VALUES (?1)")?;
        let mut find = self.conn.prepare_cached("SELECT id FROM speakers WHERE name = ?1")?;
        for (key, name) in new {
            // The NOCASE unique index may already hold this name in another case under a different key
            // (it folds ASCII case only, person keys fold more, so this is rare).
            let id = match find.query_row([&name], |r| r.get::<_, i64>(0)).optional()? {
                Some(id) => id,
                None => {
                    insert.execute([&name])?;
                    self.conn.last_insert_rowid()
                }
            };
            self.speaker_ids.insert(key, id);
        }
        Ok(())
    }

    fn tag_id(&mut self, name: &str) -> Result<i64> {
        if let Some(id) = self.tag_ids.get(name) {
            return Ok(*id);
        }
        self.conn.prepare_cached("INSERT INTO tags (name) VALUES (?1)")?.execute([name])?;
        let id = self.conn.last_insert_rowid();
        self.tag_ids.insert(name.to_string(), id);
        Ok(id)
    }

    fn write_event(&mut self, ev: &Event, report: &mut Report, progress: &Progress) -> Result<()> {
        let existing = self
            .conn
            .prepare_cached("SELECT id, start_date, end_date FROM events WHERE slug = ?1")?
            .query_row([&ev.slug], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
            })
            .optional()?;
        let (event_id, start, end) = match existing {
            Some((id, start, end)) => {
                // Keep facts the source does not carry (city, dates) as they are.
                self.conn
                    .prepare_cached(
                        "UPDATE events SET name = ?2, url = coalesce(?3, url) WHERE id = ?1
                           AND (name IS NOT ?2 OR (?3 IS NOT NULL AND url IS NOT ?3))",
                    )?
                    .execute(params![id, ev.name, ev.url])?;
                (id, start, end)
            }
            None => {
                let Some(year) = ev.year else {
                    bail!(
                        "{}/category.json: cannot tell the event's year (no year in the folder name or title, no recorded dates)",
                        ev.slug
                    );
                };
                let id = self.next_event_id;
                self.next_event_id += 1;
                self.conn
                    .prepare_cached(
                        "INSERT INTO events (id, slug, name, year, start_date, url) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )?
                    .execute(params![id, ev.slug, ev.name, year, ev.start_date, ev.url])?;
                (id, ev.start_date.clone(), None)
            }
        };
        let window = recorded_window(ev, start.as_deref(), end.as_deref());
        for talk in &ev.talks {
            self.write_talk(event_id, &ev.slug, talk, window.as_ref(), report)
                .with_context(|| format!("{}/videos/{}.json", ev.slug, talk.slug))?;
            progress.inc();
        }
        Ok(())
    }

    fn write_talk(
        &mut self,
        event_id: i64,
        event_slug: &str,
        t: &Talk,
        window: Option<&(String, String)>,
        report: &mut Report,
    ) -> Result<()> {
        // Upload dates (outside the event) say nothing about when the talk was given.
        let recorded = t.recorded.clone().filter(|d| window.is_none_or(|(lo, hi)| lo <= d && d <= hi));
        let kind = infer_kind(event_slug, &t.slug, &t.title, t.duration, &t.speakers);
        let existing = self
            .conn
            .prepare_cached("SELECT id FROM talks WHERE event_id = ?1 AND slug = ?2")?
            .query_row(params![event_id, t.slug], |r| r.get::<_, i64>(0))
            .optional()?;
        let talk_id = match existing {
            Some(id) => {
                let changed = self
                    .conn
                    .prepare_cached(
                        "UPDATE talks SET title = ?2, kind = ?3, recorded = ?4, duration = ?5, video_url = ?6,
                                slides_url = ?7, description = ?8, in_catalogue = 1
                         WHERE id = ?1 AND (title IS NOT ?2 OR kind IS NOT ?3 OR recorded IS NOT ?4
                           OR duration IS NOT ?5 OR video_url IS NOT ?6 OR slides_url IS NOT ?7
                           OR description IS NOT ?8 OR in_catalogue IS NOT 1)",
                    )?
                    .execute(params![
                        id,
                        t.title,
                        kind,
                        recorded,
                        t.duration,
                        t.video_url,
                        t.slides_url,
                        t.description
                    ])?;
                let links_changed = self.write_links(id, t, false)?;
                if changed > 0 || links_changed {
                    report.updated_talks += 1;
                }
                return Ok(());
            }
            None => {
                let id = self.next_talk_id;
                self.next_talk_id += 1;
                self.conn
                    .prepare_cached(
                        "INSERT INTO talks (id, event_id, slug, title, kind, recorded, duration, video_url, slides_url,
                                            description, in_catalogue)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)",
                    )?
                    .execute(params![
                        id,
                        event_id,
                        t.slug,
                        t.title,
                        kind,
                        recorded,
                        t.duration,
                        t.video_url,
                        t.slides_url,
                        t.description
                    ])?;
                report.new_talks += 1;
                id
            }
        };
        self.write_links(talk_id, t, true)?;
        Ok(())
    }

    /// Makes the talk's speakers (billing order) and tags those of the file; true when they changed.
    fn write_links(&mut self, talk_id: i64, t: &Talk, new: bool) -> Result<bool> {
        let mut speaker_ids = Vec::new();
        for s in &t.speakers {
            if is_placeholder_speaker(s) {
                continue;
            }
            let id = *self.speaker_ids.get(&person_key(s)).context("speaker missing from the import's list")?;
            if !speaker_ids.contains(&id) {
                speaker_ids.push(id);
            }
        }
        let mut tag_ids = Vec::new();
        for g in &t.tags {
            tag_ids.push(self.tag_id(g)?);
        }
        tag_ids.sort_unstable();
        tag_ids.dedup();
        if !new {
            let old_speakers: Vec<i64> = self
                .conn
                .prepare_cached("SELECT speaker_id FROM talk_speakers WHERE talk_id = ?1 ORDER BY position")?
                .query_map([talk_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let old_tags: Vec<i64> = self
                .conn
                .prepare_cached("SELECT tag_id FROM talk_tags WHERE talk_id = ?1 ORDER BY tag_id")?
                .query_map([talk_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if old_speakers == speaker_ids && old_tags == tag_ids {
                return Ok(false);
            }
            self.conn.prepare_cached("DELETE FROM talk_speakers WHERE talk_id = ?1")?.execute([talk_id])?;
            self.conn.prepare_cached("DELETE FROM talk_tags WHERE talk_id = ?1")?.execute([talk_id])?;
        }
        let mut ins = self
            .conn
            .prepare_cached("INSERT INTO talk_speakers (talk_id, speaker_id, position) VALUES (?1, ?2, ?3)")?;
        for (pos, sid) in speaker_ids.iter().enumerate() {
            ins.execute(params![talk_id, sid, pos as i64 + 1])?;
        }
        let mut ins = self.conn.prepare_cached("INSERT INTO talk_tags (talk_id, tag_id) VALUES (?1, ?2)")?;
        for gid in &tag_ids {
            ins.execute(params![talk_id, gid])?;
        }
        Ok(true)
    }
}

/// The dates a talk of this event can have been recorded on: the event's own dates when known,
/// else a week either side of the middle recorded date (most files carry the real date; upload
/// dates come weeks later).
fn recorded_window(ev: &Event, start: Option<&str>, end: Option<&str>) -> Option<(String, String)> {
    if let (Some(s), Some(e)) = (start, end) {
        return Some((s.to_string(), e.to_string()));
    }
    let mut days: Vec<i64> = ev.talks.iter().filter_map(|t| day_number(t.recorded.as_deref()?)).collect();
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let mid = days[days.len() / 2];
    Some((date_of_day(mid - UPLOAD_DATE_DAYS), date_of_day(mid + UPLOAD_DATE_DAYS)))
}

/// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic without a date crate.
fn day_number(date: &str) -> Option<i64> {
    let (y, m, d): (i64, i64, i64) =
        (date.get(..4)?.parse().ok()?, date.get(5..7)?.parse().ok()?, date.get(8..10)?.parse().ok()?);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn date_of_day(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_generator_rules() {
        let none: &[String] = &[];
        let various = ["Various speakers".to_string()];
        let cases: &[(&str, Option<i64>, &[String], &str)] = &[
            ("Lightning Talks", Some(3600), none, "lightning"),
            ("Friday Lightning talk session", None, none, "lightning"),
            ("Keynote", Some(7000), none, "keynote"),
            ("Opening Statements", None, none, "other"),
            ("PSF Community Service Awards", None, none, "other"),
            ("Room 1 morning", Some(9000), &various, "other"),
            ("Bootcamp", Some(10_000), none, "tutorial"),
            ("Intro to parsing", Some(1800), none, "talk"),
            ("Parsing workshop", None, none, "tutorial"),
            ("Parsing workshop", Some(1800), none, "talk"),
            ("Thank you", None, none, "other"),
        ];
        for (title, duration, speakers, want) in cases {
            assert_eq!(infer_kind("x-2020", "f", title, *duration, speakers), *want, "{title}");
        }
        assert_eq!(infer_kind("pycon-us-2014", "flask-by-example", "Flask by Example", None, none), "tutorial");
    }

    #[test]
    fn dates_and_years() {
        assert_eq!(date_prefix("2016-06-01T10:00:00"), Some("2016-06-01".into()));
        assert_eq!(date_prefix("2016-13-01"), None);
        assert_eq!(date_prefix("soon"), None);
        assert_eq!(year_of("pycon-us-2017"), Some(2017));
        assert_eq!(year_of("pycon-20170"), None);
        assert_eq!(year_of("europython"), None);
        for d in ["1970-01-01", "2000-02-29", "2016-06-05", "2024-12-31"] {
            assert_eq!(date_of_day(day_number(d).expect("date")), d);
        }
        assert_eq!(day_number("2016-06-05").expect("d") - day_number("2016-05-28").expect("d"), 8);
    }

    #[test]
    fn slides_are_the_talks_own_deck() {
        let r = |l: &str, u: &str| (l.to_string(), u.to_string());
        assert_eq!(pick_slides_url(&[r("", "https://speakerdeck.com/pycon2016")]), None);
        assert_eq!(
            pick_slides_url(&[r("", "https://github.com/PyCon/2016-slides"), r("", "https://example.org/deck.pdf")]),
            Some("https://example.org/deck.pdf".into())
        );
        assert_eq!(pick_slides_url(&[r("Slides", "https://example.org/x")]), Some("https://example.org/x".into()));
        assert_eq!(
            pick_slides_url(&[r("", "https://www.slideshare.net/someone/my-deck")]),
            Some("https://www.slideshare.net/someone/my-deck".into())
        );
        assert_eq!(pick_slides_url(&[r("", "https://example.org/blog")]), None);
    }
}
