//! Checking pyvideo's JSON objects: a `category.json` into an event, a video file into a talk.
//! A problem that leaves nothing to import (no title, not an object) rejects the file; a field that
//! is present but invalid (a date that is not one, a negative or absurd duration, a wrong type) is
//! a problem of that field, which the import either stops on or, with `--skip-bad`, leaves out and
//! lists.

use serde_json::{Map, Value};

use crate::talks::person_names::{fold_spaces, tag_name};
use crate::talks::pyvideo::model::{Bad, Event, Talk};
use crate::talks::pyvideo::rules::{day_number, pick_slides_url};

/// Longest duration taken as seconds: a day. pyvideo has files whose `duration` is in milliseconds
/// (47 of PyCon FR 2016's say a talk ran a month).
pub(super) const MAX_DURATION_SECONDS: i64 = 86_400;

/// A talk and the problems of the fields left out of it.
pub(super) struct Parsed {
    pub(super) talk: Talk,
    pub(super) bad_fields: Vec<Bad>,
}

/// An event from its `category.json` object, without talks yet (and without a year when only
/// the talks' dates can tell it: see `read::event_year`).
pub(super) fn parse_category(slug: &str, cat: &Map<String, Value>, label: &str) -> Result<Event, Bad> {
    let field = Fields { file: label, obj: cat };
    let name = fold_spaces(&field.string("title")?);
    if name.is_empty() {
        return Err(field.bad("title", "must not be empty"));
    }
    let url = field.opt_string("url")?.filter(|u| !u.trim().is_empty());
    let start_date = field.opt_date("start_date")?;
    let end_date = field.opt_date("end_date")?;
    let city = field.opt_string("city")?.map(|c| fold_spaces(&c)).filter(|c| !c.is_empty());
    Ok(Event { slug: slug.to_string(), name, year: None, start_date, end_date, city, url, talks: Vec::new() })
}

/// A talk from its video file's JSON object; `label` names the file in errors.
pub(super) fn parse_talk(obj: &Map<String, Value>, label: &str, slug: String) -> Result<Parsed, Bad> {
    let f = Fields { file: label, obj };
    let title = fold_spaces(&f.string("title")?);
    if title.is_empty() {
        return Err(f.bad("title", "must not be empty"));
    }
    let mut bad_fields = Vec::new();
    let speakers = keep(&mut bad_fields, f.strings("speakers", true))
        .unwrap_or_default()
        .iter()
        .map(|s| fold_spaces(s))
        .filter(|s| !s.is_empty())
        .collect();
    let recorded = keep(&mut bad_fields, f.required("recorded").and_then(|_| f.opt_date("recorded"))).flatten();
    let description = keep(&mut bad_fields, f.opt_string("description")).flatten().filter(|s| !s.trim().is_empty());
    let duration = keep(&mut bad_fields, f.duration()).flatten();
    let language = keep(&mut bad_fields, f.opt_string("language"))
        .flatten()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let mut tags = Vec::new();
    for t in keep(&mut bad_fields, f.strings("tags", false)).unwrap_or_default() {
        let t = tag_name(&t);
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    let videos =
        keep(&mut bad_fields, f.required("videos").and_then(|_| f.links("videos", "type"))).unwrap_or_default();
    let related = keep(&mut bad_fields, f.links("related_urls", "label")).unwrap_or_default();
    let video_url = videos
        .iter()
        .find(|(typ, url)| typ == "youtube" && !url.is_empty())
        .or_else(|| videos.iter().find(|(_, url)| !url.is_empty()))
        .map(|(_, url)| url.clone());
    let slides_url = pick_slides_url(&related);
    let related = related
        .into_iter()
        .map(|(label, url)| (fold_spaces(&label), url.trim().to_string()))
        .filter(|(_, url)| !url.is_empty() && Some(url) != slides_url.as_ref())
        .fold(Vec::new(), |mut v: Vec<(String, String)>, item| {
            if !v.iter().any(|(_, u)| *u == item.1) {
                v.push(item);
            }
            v
        });
    let talk =
        Talk { slug, title, speakers, recorded, duration, tags, video_url, slides_url, related, language, description };
    Ok(Parsed { talk, bad_fields })
}

/// The value, or None with its problem noted.
fn keep<T>(problems: &mut Vec<Bad>, r: Result<T, Bad>) -> Option<T> {
    r.map_err(|b| problems.push(b)).ok()
}

/// Typed access to one JSON object's fields, with errors that name the file and the field.
pub(super) struct Fields<'a> {
    pub(super) file: &'a str,
    pub(super) obj: &'a Map<String, Value>,
}

impl Fields<'_> {
    pub(super) fn bad(&self, field: &str, problem: &str) -> Bad {
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

    /// A date (`2019-05-03`, or a date-time whose first ten characters are one) or null; an
    /// empty string is no date.
    fn opt_date(&self, field: &str) -> Result<Option<String>, Bad> {
        let Some(s) = self.opt_string(field)? else { return Ok(None) };
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        match s.get(..10).filter(|d| is_real_date(d)) {
            Some(d) if s.len() == 10 || s.as_bytes()[10] == b'T' || s.as_bytes()[10] == b' ' => Ok(Some(d.to_string())),
            _ => Err(self.bad(field, &format!("not a date: {}", Value::String(s.to_string())))),
        }
    }

    /// Whole seconds, from 0 to a day; a number with a fraction is rounded.
    fn duration(&self) -> Result<Option<i64>, Bad> {
        let n = match self.obj.get("duration") {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::Number(n)) => n,
            Some(_) => return Err(self.bad("duration", "expected a number of seconds or null")),
        };
        let secs = match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i,
            (None, Some(f)) if f.is_finite() && f.abs() < 1e15 => f.round() as i64,
            _ => return Err(self.bad("duration", &format!("not a length in seconds: {n}"))),
        };
        if secs < 0 {
            return Err(self.bad("duration", &format!("negative: {n}")));
        }
        if secs > MAX_DURATION_SECONDS {
            return Err(self.bad("duration", &format!("{n} seconds is more than a day")));
        }
        Ok(Some(secs))
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

    /// A list of URLs or `{<tag>, url}` objects (`videos` give a `type`, `related_urls` a
    /// `label`): (tag, url) pairs, the tag empty where none is given.
    fn links(&self, field: &str, tag: &str) -> Result<Vec<(String, String)>, Bad> {
        let problem = format!("expected a list of URLs or {{{tag}, url}} objects");
        let items = match self.obj.get(field) {
            None | Some(Value::Null) => return Ok(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(_) => return Err(self.bad(field, &problem)),
        };
        items
            .iter()
            .map(|item| match item {
                Value::String(u) => Some((String::new(), u.trim().to_string())),
                Value::Object(o) => match (o.get(tag), o.get("url")) {
                    (None | Some(Value::Null), Some(Value::String(u))) => Some((String::new(), u.trim().to_string())),
                    (Some(Value::String(t)), Some(Value::String(u))) => Some((t.clone(), u.trim().to_string())),
                    _ => None,
                },
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| self.bad(field, &problem))
    }
}

/// `YYYY-MM-DD` naming a day of the calendar (no 2019-02-30).
pub(super) fn is_real_date(d: &str) -> bool {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return false;
    }
    day_number(d).is_some_and(|n| crate::talks::pyvideo::rules::date_of_day(n) == d)
}

#[cfg(test)]
mod tests {
    use crate::talks::pyvideo::parse::*;

    fn parse(json: &str) -> Result<Parsed, Bad> {
        let obj: Map<String, Value> = serde_json::from_str(json).expect("json");
        parse_talk(&obj, "ev/videos/t.json", "t".into())
    }

    fn problems(json: &str) -> Vec<String> {
        parse(json).map(|p| p.bad_fields.into_iter().map(|b| b.problem).collect()).unwrap_or_default()
    }

    #[test]
    fn invalid_fields_are_problems_of_their_field() {
        let p = problems(r#"{"title":"T","speakers":[],"videos":[],"recorded":"2019-13-45","duration":-5}"#);
        assert_eq!(p, ["recorded: not a date: \"2019-13-45\"", "duration: negative: -5"]);
        let p = problems(r#"{"title":"T","speakers":"Ann","videos":[],"recorded":"2019-02-30","duration":"30"}"#);
        assert_eq!(
            p,
            [
                "speakers: expected a list of strings",
                "recorded: not a date: \"2019-02-30\"",
                "duration: expected a number of seconds or null"
            ]
        );
        let p = problems(r#"{"title":"T","speakers":[],"videos":[],"recorded":null,"duration":2549840}"#);
        assert_eq!(p, ["duration: 2549840 seconds is more than a day"]);
        assert!(parse(r#"{"title":"  ","speakers":[],"videos":[],"recorded":null}"#).is_err());
    }

    #[test]
    fn good_fields_are_kept() {
        let parsed = parse(
            r#"{"title":"T","speakers":["Ann"],"videos":[{"type":"youtube","url":"https://y/1"}],
                "recorded":"2019-05-03T11:30:00+00:00","duration":1759.4,"language":"spa",
                "related_urls":[{"label":"Slides","url":"https://x/s.pdf"},"https://x/repo","https://x/repo"]}"#,
        )
        .ok()
        .expect("parses");
        assert!(parsed.bad_fields.is_empty());
        let t = parsed.talk;
        assert_eq!(
            (t.recorded.as_deref(), t.duration, t.language.as_deref()),
            (Some("2019-05-03"), Some(1759), Some("spa"))
        );
        assert_eq!(t.slides_url.as_deref(), Some("https://x/s.pdf"));
        assert_eq!(t.related, [(String::new(), "https://x/repo".to_string())]);
    }
}
