//! The facts-only extract of a pyvideo/data checkout that the bundled catalogue is generated from
//! (`seed/pyvideo.jsonl.gz`): one JSON object a line, an event's line (`{"event": slug, …}`, from
//! its `category.json`) followed by one line per video file (`{"file": name, …}`) in file-name
//! order. Only facts are kept — titles, speakers, dates, durations, language, tags, video and
//! related URLs; never a description, summary or other prose — as pyvideo wrote them, so the
//! importer's own checks and rules run on them as on the files.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};

use crate::talks::pyvideo::model::{Bad, Event};
use crate::talks::pyvideo::parse::{parse_category, parse_talk};
use crate::talks::pyvideo::read::{Problems, event_folders, event_year, read_json};

/// The fields of a `category.json` that are facts.
const EVENT_FACTS: &[&str] = &["title", "url", "start_date", "end_date"];
/// The fields of a video file that are facts.
const TALK_FACTS: &[&str] =
    &["title", "speakers", "recorded", "duration", "language", "tags", "videos", "related_urls"];

/// The extract of the event folders in `dir` (a pyvideo/data checkout or one event folder).
pub fn write_extract(dir: &Path) -> Result<String> {
    let mut out = String::new();
    for folder in event_folders(dir)? {
        let label = format!("{}/category.json", folder.slug());
        let cat = read_json(&folder.dir().join("category.json"), &label).map_err(bad_error)?;
        let mut line = keep(&cat, EVENT_FACTS, |_, v| v.clone());
        line.insert("event".into(), Value::String(folder.slug().to_string()));
        writeln!(out, "{}", Value::Object(line))?;
        for path in &folder.files {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let label = format!("{}/videos/{name}", folder.slug());
            let obj = read_json(path, &label).map_err(bad_error)?;
            let mut line = keep(&obj, TALK_FACTS, link_facts);
            line.insert("file".into(), Value::String(name.trim_end_matches(".json").to_string()));
            writeln!(out, "{}", Value::Object(line))?;
        }
    }
    Ok(out)
}

fn bad_error(bad: Bad) -> anyhow::Error {
    anyhow::anyhow!("{}: {}", bad.file, bad.problem)
}

/// The `fields` of `obj` that it has, each through `map`.
fn keep(obj: &Map<String, Value>, fields: &[&str], map: fn(&str, &Value) -> Value) -> Map<String, Value> {
    fields.iter().filter_map(|f| obj.get(*f).map(|v| ((*f).to_string(), map(f, v)))).collect()
}

/// Video and related-URL entries keep their URL and its type or label only.
fn link_facts(field: &str, value: &Value) -> Value {
    let tag = match field {
        "videos" => "type",
        "related_urls" => "label",
        _ => return value.clone(),
    };
    match value {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| match item {
                    Value::Object(o) => Value::Object(keep(o, &[tag, "url"], |_, v| v.clone())),
                    other => other.clone(),
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Reads an extract into checked events, as `import` reads folders. `facts` adds what pyvideo
/// does not have (an event's city and dates): lines of `slug<TAB>city<TAB>start<TAB>end<TAB>url`.
pub(super) fn read_extract(text: &str, facts: &str) -> Result<(Vec<Event>, Problems)> {
    let mut events: Vec<Event> = Vec::new();
    let mut problems = Problems::default();
    for (n, line) in text.lines().enumerate() {
        let obj: Map<String, Value> =
            serde_json::from_str(line).with_context(|| format!("extract line {}: not a JSON object", n + 1))?;
        if let Some(Value::String(slug)) = obj.get("event") {
            let mut obj = obj.clone();
            add_event_facts(&mut obj, slug, facts);
            if let Some(ev) = events.last_mut() {
                ev.year = event_year(ev);
            }
            match parse_category(slug, &obj, &format!("{slug}/category.json")) {
                Ok(ev) => events.push(ev),
                Err(bad) => bail!("{}: {}", bad.file, bad.problem),
            }
        } else if let Some(Value::String(file)) = obj.get("file") {
            let Some(ev) = events.last_mut() else { bail!("extract line {}: a talk before any event", n + 1) };
            let label = format!("{}/videos/{file}.json", ev.slug);
            match parse_talk(&obj, &label, file.clone()) {
                Ok(parsed) => {
                    ev.talks.push(parsed.talk);
                    problems.fields.extend(parsed.bad_fields);
                }
                Err(bad) => problems.files.push(bad),
            }
        } else {
            bail!("extract line {}: neither an event nor a file", n + 1);
        }
    }
    if let Some(ev) = events.last_mut() {
        ev.year = event_year(ev);
    }
    Ok((events, problems))
}

fn add_event_facts(obj: &mut Map<String, Value>, slug: &str, facts: &str) {
    for line in facts.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.first() != Some(&slug) {
            continue;
        }
        for (i, key) in [(1, "city"), (2, "start_date"), (3, "end_date"), (4, "url")] {
            if let Some(v) = cols.get(i).filter(|v| !v.is_empty()) {
                obj.insert(key.to_string(), Value::String((*v).to_string()));
            }
        }
    }
}
