//! `\plan DURATION [filters]`: talks that fit the time, best first by a stated rule — queued talks
//! first (in queue order), then the average rating you gave watched talks sharing a tag or a
//! speaker with it, then the newest. Talks already watched are left out; talks without a duration
//! are listed apart, never guessed. The plan is a table (with handles at the prompt, so `\queue add
//! #1-3` works), Markdown (`--markdown`, e.g. with `\o plan.md`) or an M3U playlist (`--m3u`).

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::types::Value;

use crate::engine::command::shortcut_sql::{self, require_catalogue};
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::session::{Query, Session};
use crate::engine::settings::Format;
use crate::talks::watchlist;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\plan",
    aliases: &[],
    args: &[Arg::Value("DURATION", Offer::Free), Arg::Optional(&[Arg::Value("YEAR|EVENT", Offer::Source("events"))]), Arg::Optional(&[Arg::Opt("--kind", &Arg::Value("KIND", Offer::Source("kinds")))]), Arg::Optional(&[Arg::Opt("--tag", &Arg::Value("TAG", Offer::Source("tags")))]), Arg::Optional(&[Arg::Either(&[&[Arg::Flag("--markdown")], &[Arg::Flag("--m3u")]])])],
    summary: "talks that fit the time you have, best first: queue, then ratings of similar talks, then newest",
    help: "Picks unwatched talks whose lengths add up to at most DURATION (90m, 1h30, 1.5h, 5400s; at\nmost 168h). Order: your queue first, then the average rating you gave watched talks that\nshare a tag or a speaker, then the newest. Each talk is taken when it still fits. Talks\nwithout a duration are listed apart, never guessed. --markdown writes a Markdown table and\n--m3u an M3U playlist of the video links (send either to a file with \\o FILE; a file
named *.md gets Markdown without --markdown).\n\nExamples:\n  \\plan 3h\n  \\plan 90m 2017 --kind talk\n  \\plan 2h --tag testing --m3u",
    shows: &[("candidates", CANDIDATES_SQL), ("plan", PLAN_SQL)],
    run: Handler::Acts(plan),
}];

/// Most time a plan covers: a week of watching, so a typo (`10000h`) is not a plan.
const MOST_SECONDS: u64 = 168 * 3600;

/// Parses a duration: `90m`, `45min`, `1h30`, `1h30m`, `1.5h`, `2h`, `5400s`. A bare number is
/// refused (seconds or minutes? the user says which).
pub(crate) fn parse_duration(text: &str) -> Result<u64> {
    let t = text.trim().to_ascii_lowercase();
    let bad = || anyhow::anyhow!("'{text}' is not a duration: write 90m, 1h30, 1.5h or 5400s");
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        bail!("'{text}' has no unit: write {text}s for seconds or {text}m for minutes");
    }
    let number =
        |s: &str| -> Result<f64> { s.parse::<f64>().ok().filter(|n| n.is_finite() && *n >= 0.0).ok_or_else(bad) };
    let seconds = if let Some((h, m)) = t.split_once('h') {
        let m = m.strip_suffix("min").or_else(|| m.strip_suffix('m')).unwrap_or(m);
        let minutes = if m.is_empty() { 0.0 } else { number(m)? };
        if minutes >= 60.0 {
            return Err(bad());
        }
        number(h)? * 3600.0 + minutes * 60.0
    } else if let Some(m) = t.strip_suffix("min").or_else(|| t.strip_suffix('m')) {
        number(m)? * 60.0
    } else if let Some(s) = t.strip_suffix('s') {
        number(s)?
    } else {
        return Err(bad());
    };
    if seconds < 60.0 {
        bail!("a plan needs at least a minute, and {text} is less");
    }
    if seconds > MOST_SECONDS as f64 {
        bail!("{text} is more than a week of watching; a plan covers at most 168h");
    }
    Ok(seconds.round() as u64)
}

/// `1h 05m`, `45m`.
pub(crate) fn hm(seconds: u64) -> String {
    let m = (seconds + 30) / 60;
    if m >= 60 { format!("{}h {:02}m", m / 60, m % 60) } else { format!("{m}m") }
}

/// Whether event `e` is the one ?1 names: its year, its slug, or part of its name.
macro_rules! event_matches {
    () => {
        "e.year = ?1 OR e.slug = ?1 COLLATE NOCASE OR instr(lower(e.name), lower(?1)) > 0"
    };
}

/// Unwatched talks matching the filters, best first. ?1 event (year, slug or part of a name),
/// ?2 kind, ?3 tag. `{watched}` and `{queue}` are the user tables or empty stand-ins.
const CANDIDATES_SQL: &str = concat!(
    "
WITH liked AS (SELECT talk_id, rating FROM {watched} WHERE rating IS NOT NULL),
near(talk_id, rating) AS (
    SELECT tt.talk_id, l.rating FROM liked l
    JOIN talk_tags lt ON lt.talk_id = l.talk_id JOIN talk_tags tt ON tt.tag_id = lt.tag_id
    UNION ALL
    SELECT ts.talk_id, l.rating FROM liked l
    JOIN talk_speakers ls ON ls.talk_id = l.talk_id JOIN talk_speakers ts ON ts.speaker_id = ls.speaker_id),
score AS (SELECT talk_id, avg(rating) AS rating FROM near GROUP BY talk_id)
SELECT t.id, t.duration, q.position, sc.rating
FROM talks t
JOIN events e ON e.id = t.event_id
LEFT JOIN {queue} q ON q.talk_id = t.id
LEFT JOIN score sc ON sc.talk_id = t.id
WHERE t.in_catalogue = 1 AND t.id NOT IN (SELECT talk_id FROM {watched})
  AND (?1 IS NULL OR ",
    event_matches!(),
    ")
  AND (?2 IS NULL OR t.kind = ?2)
  AND (?3 IS NULL OR t.id IN (SELECT tt.talk_id FROM talk_tags tt JOIN tags g ON g.id = tt.tag_id WHERE g.name = ?3))
ORDER BY q.position IS NULL, q.position, sc.rating IS NULL, sc.rating DESC, e.year DESC, t.recorded DESC, t.id"
);

/// Whether an event matches ?1 as the candidates' filter reads it.
const EVENT_SQL: &str = concat!("SELECT EXISTS (SELECT 1 FROM events e WHERE ", event_matches!(), ")");

/// The chosen talks in plan order (?1 a JSON array of [id, why, ends at]).
const PLAN_SQL: &str = "
SELECT o.id, o.title, o.year, o.speakers, o.minutes, j.value ->> 2 AS ends, j.value ->> 1 AS why
FROM json_each(?1) j
JOIN talk_overview o ON o.id = j.value ->> 0
ORDER BY j.key";

/// What `\plan` was asked for.
struct Ask {
    seconds: u64,
    event: Value,
    kind: Value,
    tag: Value,
    format: Option<Format>,
    m3u: bool,
}

fn parse_args(inv: &Invocation) -> Result<Ask> {
    let b = &inv.bound;
    let text = |v: Option<&str>| v.map_or(Value::Null, |v| Value::Text(v.to_string()));
    let ask = Ask {
        seconds: parse_duration(b.need("DURATION")?)?,
        event: b
            .get("YEAR|EVENT")
            .map_or(Value::Null, |e| e.parse::<i64>().map_or_else(|_| Value::Text(e.to_string()), Value::Integer)),
        kind: crate::talks::shortcuts::kind_value(b.get("--kind"))?,
        tag: text(b.get("--tag")),
        format: b.has("--markdown").then_some(Format::Markdown),
        m3u: b.has("--m3u"),
    };
    if ask.m3u && ask.format.is_some() {
        bail!("choose one of --markdown and --m3u");
    }
    Ok(ask)
}

/// A candidate: id, seconds (None: no duration), queue position, rating of similar talks.
type Candidate = (i64, Option<i64>, Option<i64>, Option<f64>);

fn plan(s: &mut Session, inv: &Invocation) -> Result<()> {
    let ask = parse_args(inv)?;
    require_catalogue(s)?;
    if let Value::Text(tag) = &ask.tag {
        let found: bool = s.conn.query_row("SELECT count(*) > 0 FROM tags WHERE name = ?1", [tag], |r| r.get(0))?;
        if !found {
            bail!("no tag named '{tag}' (see \\tags)");
        }
    }
    if ask.event != Value::Null {
        let found: bool = s.conn.query_row(EVENT_SQL, [&ask.event], |r| r.get(0))?;
        if !found {
            let shown = match &ask.event {
                Value::Text(t) => t.clone(),
                other => crate::engine::sql::quote::literal(other),
            };
            bail!("no event matches '{shown}' (see \\events)");
        }
    }
    let empty_watched = "(SELECT NULL AS talk_id, NULL AS rating WHERE 0)";
    let empty_queue = "(SELECT NULL AS talk_id, NULL AS position WHERE 0)";
    let watched = if watchlist::has(s, "watched")? { "watched" } else { empty_watched };
    let queue = if watchlist::has(s, "queue")? { "queue" } else { empty_queue };
    let sql = CANDIDATES_SQL.replace("{watched}", watched).replace("{queue}", queue);
    let params = [ask.event.clone(), ask.kind.clone(), ask.tag.clone()];
    shortcut_sql::show(s, inv, &sql, &params)?;
    let mut stmt = s.conn.prepare(&sql)?;
    let all: Vec<Candidate> = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    let mut left = ask.seconds;
    let mut chosen = Vec::new();
    let mut undated = Vec::new();
    for (id, secs, queued, rating) in &all {
        let Some(secs) = secs.and_then(|d| u64::try_from(d).ok()).filter(|d| *d > 0) else {
            undated.push(*id);
            continue;
        };
        if secs <= left {
            left -= secs;
            let why = match (queued, rating) {
                (Some(p), _) => format!("queued #{p}"),
                (None, Some(r)) => format!("like talks you rated {r:.1}"),
                (None, None) => "newest first".to_string(),
            };
            chosen.push(serde_json::json!([id, why, hm(ask.seconds - left)]));
        }
    }
    if chosen.is_empty() {
        bail!("no unwatched talk with a known length fits in {}", hm(ask.seconds));
    }
    let used = ask.seconds - left;
    let json = Value::Text(serde_json::Value::Array(chosen).to_string());
    if ask.m3u {
        return m3u(s, inv, json);
    }
    s.decorate_next = Some(crate::talks::title_links::decorate);
    shortcut_sql::show(s, inv, PLAN_SQL, std::slice::from_ref(&json))?;
    // `\o plan.md` then `\plan 3h`: a Markdown file gets a Markdown table, as `\chart` draws.
    let to_markdown = s
        .out
        .file_path()
        .and_then(|p| p.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    let format = ask.format.or(to_markdown.then_some(Format::Markdown));
    match format {
        Some(format) => s.run(Query::new(PLAN_SQL).params(&[&json]).format(format))?,
        None => s.run(Query::new(PLAN_SQL).params(&[&json]))?,
    };
    writeln!(
        s.out,
        "{} of {} planned; order: your queue, then ratings you gave similar talks, then newest.",
        hm(used),
        hm(ask.seconds)
    )?;
    if !undated.is_empty() {
        let shown: Vec<String> = undated.iter().take(10).map(i64::to_string).collect();
        let more = if undated.len() > 10 { format!(" and {} more", undated.len() - 10) } else { String::new() };
        writeln!(s.out, "Without a duration, so not planned: {}{more}.", shown.join(", "))?;
    }
    s.out.flush()?;
    Ok(())
}

/// The plan as an M3U playlist: each talk's length, title and video link.
fn m3u(s: &mut Session, inv: &Invocation, json: Value) -> Result<()> {
    let sql = "SELECT t.duration, t.title, t.video_url FROM json_each(?1) j JOIN talks t ON t.id = j.value ->> 0 ORDER BY j.key";
    shortcut_sql::show(s, inv, sql, std::slice::from_ref(&json))?;
    let mut stmt = s.conn.prepare(sql)?;
    let rows: Vec<(i64, String, Option<String>)> =
        stmt.query_map([&json], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    writeln!(s.out, "#EXTM3U")?;
    for (secs, title, url) in rows {
        let Some(url) = url else { continue };
        // One line each: a title's line breaks would end the entry.
        let title = title.replace(['\r', '\n'], " ");
        writeln!(s.out, "#EXTINF:{secs},{title}\n{url}")?;
    }
    s.out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::talks::plan::*;

    #[test]
    fn durations_in_every_spelling() {
        for (text, secs) in [
            ("90m", 5400),
            ("1h30", 5400),
            ("1h30m", 5400),
            ("1.5h", 5400),
            ("5400s", 5400),
            ("45min", 2700),
            ("3h", 10800),
        ] {
            assert_eq!(parse_duration(text).expect(text), secs, "{text}");
        }
    }

    #[test]
    fn bad_durations_say_why() {
        let err = |t: &str| parse_duration(t).expect_err(t).to_string();
        assert_eq!(err("5400"), "'5400' has no unit: write 5400s for seconds or 5400m for minutes");
        assert_eq!(err("0m"), "a plan needs at least a minute, and 0m is less");
        assert_eq!(err("10000h"), "10000h is more than a week of watching; a plan covers at most 168h");
        assert_eq!(err("1h75"), "'1h75' is not a duration: write 90m, 1h30, 1.5h or 5400s");
        assert_eq!(err("soon"), "'soon' is not a duration: write 90m, 1h30, 1.5h or 5400s");
        assert!(parse_duration("-5m").is_err() && parse_duration("NaNm").is_err());
    }
}
