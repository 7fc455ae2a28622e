//! Talk shortcuts: the commands no other SQL shell has (`\talks`, `\talk`, `\speaker`, `\tags`,
//! `\tag`, `\events`, `\writeups`, `\writeup`, `\random`). Each runs parameterised SQL over the
//! bundled schema and can show that SQL (`\talk+ 283`, `\? \talk`).

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use crate::engine::command::shortcut_sql::{self, require_catalogue, require_tables};
use crate::engine::command::{ANY, Arg, Command, Handler, Invocation, Offer};
use crate::engine::exec::{opt_text, text};
use crate::engine::render::hanging;
use crate::engine::session::Session;
use crate::engine::style::{Palette, Role};
use crate::talks::talk_card::{CARD_SQL, TAKEAWAYS_SQL, card, talk};

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\talks",
        aliases: &[],
        args: &[
            Arg::Optional(&[Arg::Value("EVENT|SERIES", Offer::Source("events"))]),
            Arg::Optional(&[Arg::Value("YEAR", Offer::Free)]),
            Arg::Optional(&[Arg::Opt("--kind", &Arg::Value("KIND", Offer::Source("kinds")))]),
        ],
        summary: "talks of an edition, a series or a year; KIND is keynote, talk, tutorial, lightning or other",
        help: "Lists talks with their id, kind, year, speakers and length. EVENT is an event's slug\n(pycon-us-2014); SERIES a series' slug or name (europython, pycon-us, \"PyCon US\"); an exact\nslug or series wins, else the events whose name contains the text. YEAR keeps one year.\n--kind keeps one kind of talk.\n\nExamples:\n  \\talks 2016\n  \\talks pycon-us\n  \\talks PyCon US 2017\n  \\talks 2017 --kind keynote\n  \\talks pycon-us-2014\n  \\talks+ 2016          (show the SQL too)",
        shows: &[("talks", TALKS_SQL)],
        run: Handler::Acts(talks),
    },
    Command {
        name: "\\talk",
        aliases: &[],
        args: &[Arg::Text("ID|TITLE|#N", Offer::Source("titles"))],
        summary: "a talk's card: speakers, event, video, tags and every write-up's takeaway",
        help: "Shows one talk: title, speakers, event and date, duration, video and slides links, tags, and\nwhat each write-up that mentions it took away. TITLE may be part of a title when it names one\ntalk; #N is row N of the last result.\n\nExamples:\n  \\talk 283\n  \\talk #3\n  \\talk grok the gil\n  \\talk+ 283            (show the SQL too)",
        shows: &[("card", CARD_SQL), ("takeaways", TAKEAWAYS_SQL)],
        run: Handler::Acts(talk),
    },
    Command {
        name: "\\speaker",
        aliases: &[],
        args: &[Arg::Text("NAME|#N", Offer::Source("speakers"))],
        summary: "a speaker's talks across the years (partial, accent- and case-insensitive)",
        help: "Lists the talks of every speaker whose name contains NAME, ignoring case and accents. #N takes\nthe speaker of row N of the last result (its speaker column, else the talk's first speaker).\n\nExamples:\n  \\speaker #2\n  \\speaker batchelder\n  \\speaker lukasz\n  \\speaker+ \"Ned Batchelder\"",
        shows: &[
            ("talks, by the speaker-name index", SPEAKER_INDEXED_SQL),
            ("talks, by a scan (short text)", SPEAKER_SQL),
        ],
        run: Handler::Acts(speaker),
    },
    Command {
        name: "\\tags",
        aliases: &[],
        args: &[],
        summary: "list tags with how many talks carry each",
        help: "Lists every tag and its number of talks, most used first.\n\nExample:\n  \\tags",
        shows: &[("tags", TAGS_SQL)],
        run: Handler::Acts(tags),
    },
    Command {
        name: "\\tag",
        aliases: &[],
        args: &[Arg::Text("NAME", Offer::Source("tags"))],
        summary: "talks with a tag",
        help: "Lists the talks tagged NAME (case-insensitive). NAME is the rest of the line, so a name of\nseveral words needs no quotes.\n\nExamples:\n  \\tag testing\n  \\tag lightning talks",
        shows: &[("talks", TAG_SQL)],
        run: Handler::Acts(tag),
    },
    Command {
        name: "\\events",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Value("SERIES|YEAR", Offer::Free)])],
        summary: "list the events (of a series or a year) with their series, city, dates and number of talks",
        help: "Lists every event in the database, or those of one series (its slug or name) or one year.\n\nExamples:\n  \\events\n  \\events pycon-us\n  \\events 2016",
        shows: &[("events", EVENTS_SQL)],
        run: Handler::Acts(events),
    },
    Command {
        name: "\\writeups",
        aliases: &[],
        args: &[],
        summary: "list the attendee write-ups and how many talks each covers",
        help: "Lists the write-ups the database draws on.\n\nExample:\n  \\writeups",
        shows: &[("write-ups", WRITEUPS_SQL)],
        run: Handler::Acts(writeups),
    },
    Command {
        name: "\\writeup",
        aliases: &[],
        args: &[Arg::Value("ID", Offer::Source("writeups"))],
        summary: "the talks a write-up covers, with its takeaway for each",
        help: "Shows one write-up and every talk it mentions.\n\nExample:\n  \\writeup 1",
        shows: &[("talks", WRITEUP_SQL)],
        run: Handler::Acts(writeup),
    },
    Command {
        name: "\\random",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Int("YEAR", "year", ANY)])],
        summary: "the card of a random talk, optionally from one year",
        help: "Picks a talk at random and shows its card.\n\nExamples:\n  \\random\n  \\random 2014",
        shows: &[("pick", RANDOM_SQL), ("card", CARD_SQL), ("takeaways", TAKEAWAYS_SQL)],
        run: Handler::Acts(random),
    },
];

/// ?1: the events' ids as a JSON array (NULL: every event), resolved first (`event_ids`) so the
/// talks come from the index on `talks(event_id, recorded, title)`, event by event in year order,
/// already sorted. CROSS JOIN keeps `events` the outer loop (else the planner may scan every talk
/// by title and sort), and the list constrains `e`, not `t` (on `t.event_id` SQLite walks every
/// other event's talks only to drop them: 45 ms for a page of a year of a million talks).
const TALKS_SQL: &str = "
SELECT o.id, o.title, o.kind, o.year, o.speakers, o.minutes
FROM events e
CROSS JOIN talks t ON t.event_id = e.id
JOIN talk_overview o ON o.id = t.id
WHERE (?1 IS NULL OR e.id IN (SELECT value FROM json_each(?1)))
  AND (?2 IS NULL OR t.kind = ?2)
ORDER BY e.year, e.id, t.recorded, t.title";

/// The events an argument names, first rule that finds any: an exact slug (?1), a series (?2: the
/// ids of the series whose slug or name is the text), the events whose name contains ?1; ?3 the
/// year (NULL: any). JSON arrays of ids.
const SLUG_IDS_SQL: &str =
    "SELECT json_group_array(id) FROM events WHERE slug = ?1 COLLATE NOCASE AND (?3 IS NULL OR year = ?3)";
const SERIES_IDS_SQL: &str = "SELECT json_group_array(id) FROM (SELECT id FROM events
 WHERE series_id IN (SELECT value FROM json_each(?2)) AND (?3 IS NULL OR year = ?3) ORDER BY year, id)";
const NAME_IDS_SQL: &str =
    "SELECT json_group_array(id) FROM events WHERE instr(lower(name), lower(?1)) > 0 AND (?3 IS NULL OR year = ?3)";

/// The series whose slug or name is `text` (case, accents and punctuation aside: `PyCon US`,
/// `pycon-us`): their ids as a JSON array. A database without series has none.
fn series_ids(s: &Session, text: &str) -> Result<String> {
    if !has_table(s, "series")? {
        return Ok("[]".to_string());
    }
    let key = crate::talks::pyvideo::series_key(text);
    let mut stmt = s.conn.prepare("SELECT id, slug, name FROM series")?;
    let ids: Vec<String> = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
        .filter_map(|row| row.ok())
        .filter(|(_, slug, name)| {
            let series_key = crate::talks::pyvideo::series_key;
            slug.eq_ignore_ascii_case(text) || series_key(slug) == key || series_key(name) == key
        })
        .map(|(id, _, _)| id.to_string())
        .collect();
    Ok(format!("[{}]", ids.join(",")))
}

/// The events of a year (?1).
const YEAR_IDS_SQL: &str = "SELECT json_group_array(id) FROM events WHERE year = ?1";

/// Whether a speaker's `name` contains ?1, ignoring case and accents. ASCII names (most of them)
/// are matched by LIKE in SQLite's own code, against ?2 = ?1 without accents and with LIKE's
/// wildcards escaped; only the others go through `unaccent`, so 200,000 names scan quickly.
macro_rules! name_match {
    () => {
        "(length(name) = length(CAST(name AS BLOB)) AND name LIKE '%' || ?2 || '%' ESCAPE '\\')
         OR (length(name) <> length(CAST(name AS BLOB)) AND instr(lower(unaccent(name)), lower(unaccent(?1))) > 0)"
    };
}

/// The same test narrowed first by the trigram index of folded names (`speaker_names`, see
/// schema.sql): its hits for ?3 (the folded text as an FTS5 phrase), plus the few names it cannot
/// fold, are checked with the same test as the scan, so both find exactly the same speakers.
macro_rules! indexed_name_match {
    () => {
        concat!(
            "id IN (SELECT rowid FROM speaker_names WHERE speaker_names MATCH ?3
                    UNION ALL SELECT id FROM speaker_names_other)
             AND (",
            name_match!(),
            ")"
        )
    };
}

/// Every talk of the speakers whose row passes `$filter` (a condition on `speakers`).
macro_rules! speaker_talks {
    ($filter:expr) => {
        concat!(
            "
SELECT s.name AS speaker, e.year, t.id, t.title, t.kind
FROM speakers s
JOIN talk_speakers ts ON ts.speaker_id = s.id
JOIN talks t ON t.id = ts.talk_id
JOIN events e ON e.id = t.event_id
WHERE s.id IN (SELECT id FROM speakers WHERE ",
            $filter,
            ")
ORDER BY s.name, e.year, t.title"
        )
    };
}

/// Whether any speaker passes `$filter`: the first hit ends the scan.
macro_rules! any_speaker {
    ($filter:expr) => {
        concat!("SELECT EXISTS (SELECT 1 FROM speakers WHERE ", $filter, ")")
    };
}

const SPEAKER_SQL: &str = speaker_talks!(name_match!());
const SPEAKER_INDEXED_SQL: &str = speaker_talks!(indexed_name_match!());
const SPEAKER_ANY_SQL: &str = any_speaker!(name_match!());
const SPEAKER_ANY_INDEXED_SQL: &str = any_speaker!(indexed_name_match!());

const TAGS_SQL: &str = "
SELECT g.name AS tag, count(tt.talk_id) AS talks
FROM tags g
LEFT JOIN talk_tags tt ON tt.tag_id = g.id
GROUP BY g.id
ORDER BY talks DESC, g.name";

const TAG_SQL: &str = "
SELECT o.id, o.title, o.year, o.speakers
FROM tags g
JOIN talk_tags tt ON tt.tag_id = g.id
JOIN talk_overview o ON o.id = tt.talk_id
WHERE g.name = ?1
ORDER BY o.year, o.title";

/// ?1: the events' ids as a JSON array (NULL: every event).
const EVENTS_SQL: &str = "
SELECT e.id, e.name, (SELECT name FROM series WHERE id = e.series_id) AS series, e.year, e.city,
       e.start_date, e.end_date, (SELECT count(*) FROM talks t WHERE t.event_id = e.id) AS talks
FROM events e
WHERE ?1 IS NULL OR e.id IN (SELECT value FROM json_each(?1))
ORDER BY e.year, e.id";

const WRITEUPS_SQL: &str = "
SELECT w.id, w.title, w.author, w.published, w.site, count(m.talk_id) AS talks
FROM writeups w
LEFT JOIN mentions m ON m.writeup_id = w.id
GROUP BY w.id
ORDER BY w.id";

const WRITEUP_SQL: &str = "
SELECT t.id, t.title, e.year, m.takeaway
FROM mentions m
JOIN talks t ON t.id = m.talk_id
JOIN events e ON e.id = t.event_id
WHERE m.writeup_id = ?1
ORDER BY t.title";

const RANDOM_SQL: &str = "
SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id
WHERE ?1 IS NULL OR e.year = ?1
ORDER BY random() LIMIT 1";

pub const KINDS: &[&str] = &["keynote", "talk", "tutorial", "lightning", "other"];

/// `--kind`'s value as the queries take it (lowercase; NULL when not given), or one line naming
/// the kinds there are.
pub(crate) fn kind_value(given: Option<&str>) -> Result<Value> {
    let Some(k) = given else { return Ok(Value::Null) };
    let lower = k.to_ascii_lowercase();
    if !KINDS.contains(&lower.as_str()) {
        bail!("unknown kind '{k}' (expected one of: {})", KINDS.join(", "));
    }
    Ok(Value::Text(lower))
}

fn talks(s: &mut Session, inv: &Invocation) -> Result<()> {
    let b = &inv.bound;
    // Words, not the values they were bound as: `\\talks 2017 PyCon US` binds `2017 PyCon` and
    // `US`, and the year is told apart by being a number.
    let words: Vec<String> =
        b.all("EVENT|SERIES").chain(b.all("YEAR")).flat_map(str::split_whitespace).map(str::to_string).collect();
    let kind = kind_value(b.get("--kind"))?;
    require_catalogue(s)?;
    let events = event_ids(s, &words)?;
    // A year of a big catalogue is tens of thousands of talks: the first page comes straight from
    // the indexes (events_year, talks_event_recorded: no sort), and the rest is not counted.
    s.decorate_next = Some(crate::talks::title_links::decorate);
    shortcut_sql::run_page(s, inv, TALKS_SQL, &[events, kind])?;
    Ok(())
}

/// The events `words` name (`[EVENT|SERIES] [YEAR]`, either alone): their ids as a JSON array,
/// NULL for no words; an error naming the words when none match.
fn event_ids(s: &Session, words: &[String]) -> Result<Value> {
    if words.is_empty() {
        return Ok(Value::Null);
    }
    let years: Vec<i64> = words.iter().filter_map(|w| w.parse::<i64>().ok()).collect();
    if years.len() > 1 {
        bail!("name one event or series and at most one year (\\talks pycon-us 2019)");
    }
    let year = years.first().copied();
    let joined = words.iter().filter(|w| w.parse::<i64>().is_err()).cloned().collect::<Vec<_>>().join(" ");
    let text: Vec<&String> = if joined.is_empty() { Vec::new() } else { vec![&joined] };
    let ids: String = match text.first() {
        Some(t) => {
            let slug_exists: bool =
                s.conn.query_row("SELECT EXISTS (SELECT 1 FROM events WHERE slug = ?1 COLLATE NOCASE)", [t], |r| {
                    r.get(0)
                })?;
            let series = if slug_exists { "[]".to_string() } else { series_ids(s, t)? };
            let sql = if slug_exists {
                SLUG_IDS_SQL
            } else if series != "[]" {
                SERIES_IDS_SQL
            } else {
                NAME_IDS_SQL
            };
            s.conn.query_row(sql, rusqlite::params![t, series, year], |r| r.get(0))?
        }
        None => s.conn.query_row(YEAR_IDS_SQL, [year], |r| r.get(0))?,
    };
    if ids == "[]" {
        bail!("no event matches '{}' (see \\events)", words.join(" "));
    }
    Ok(Value::Text(ids))
}

/// A write-up's heading: title, author, date, site.
type WriteupHead = (String, Option<String>, Option<String>, Option<String>);

fn speaker(s: &mut Session, inv: &Invocation) -> Result<()> {
    let name = inv.free_text();
    require_catalogue(s)?;
    let from_row;
    let name = if crate::talks::row_talks::is_handle(name.trim()) {
        from_row = crate::talks::row_talks::speaker(s, name.trim())?;
        from_row.as_str()
    } else {
        name.trim()
    };
    let folded = crate::talks::unaccent::unaccent(name);
    let like = folded.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    // The trigram index finds text of three letters or more; shorter text (or a database made
    // before the index) is looked for by a scan.
    let indexed = folded.chars().count() >= 3 && has_table(s, "speaker_names")? && has_table(s, "speaker_names_other")?;
    let mut params = vec![Value::Text(name.to_string()), Value::Text(like)];
    let (any_sql, sql) = if indexed {
        params.push(Value::Text(format!("\"{}\"", folded.replace('"', "\"\""))));
        (SPEAKER_ANY_INDEXED_SQL, SPEAKER_INDEXED_SQL)
    } else {
        (SPEAKER_ANY_SQL, SPEAKER_SQL)
    };
    let any: bool = s.conn.query_row(any_sql, rusqlite::params_from_iter(params.iter()), |r| r.get(0))?;
    if !any {
        let mut stmt = s.conn.prepare("SELECT name FROM speakers ORDER BY name")?;
        let all: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        match crate::talks::person_names::nearest_people(name, &all).as_slice() {
            [] => bail!("no speaker's name contains '{}'", name),
            near => bail!("no speaker's name contains '{}' — did you mean {}?", name, near.join(" or ")),
        }
    }
    s.decorate_next = Some(crate::talks::title_links::decorate);
    shortcut_sql::run(s, inv, sql, &params)?;
    Ok(())
}

fn has_table(s: &Session, name: &str) -> Result<bool> {
    Ok(s.conn.query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE name = ?1", [name], |r| r.get(0))?)
}

fn tags(s: &mut Session, inv: &Invocation) -> Result<()> {
    require_tables(s, "\\tags", &["tags", "talk_tags"])?;
    shortcut_sql::run(s, inv, TAGS_SQL, &[])?;
    Ok(())
}

fn tag(s: &mut Session, inv: &Invocation) -> Result<()> {
    // The rest of the line is the name, as for \speaker: `\tag lightning talks` needs no quotes.
    let name = inv.free_text();
    let name = name.trim();
    require_tables(s, "\\tag", &["tags", "talk_tags", "talk_overview"])?;
    // The name's index answers (its NOCASE is ASCII case, as the message's lookup); every name
    // is read only to suggest one.
    let known: bool =
        s.conn.query_row("SELECT EXISTS (SELECT 1 FROM tags WHERE name = ?1 COLLATE NOCASE)", [name], |r| r.get(0))?;
    if !known {
        let mut stmt = s.conn.prepare("SELECT name FROM tags ORDER BY name")?;
        let all: Vec<String> = stmt.query_map([], |r| text(r, 0))?.collect::<Result<_, _>>()?;
        drop(stmt);
        match crate::engine::diagnose::similar::nearest(name, all.iter().map(String::as_str)).as_slice() {
            [] => bail!("no tag named '{name}' (see \\tags)"),
            near => bail!("no tag named '{name}' — did you mean {}?", near.join(" or ")),
        }
    }
    shortcut_sql::run(s, inv, TAG_SQL, &[Value::Text(name.to_string())])?;
    Ok(())
}

fn events(s: &mut Session, inv: &Invocation) -> Result<()> {
    require_tables(s, "\\events", &["events", "talks", "series"])?;
    let words: Vec<String> = inv.bound.all("SERIES|YEAR").map(str::to_string).collect();
    let events = event_ids(s, &words)?;
    shortcut_sql::run(s, inv, EVENTS_SQL, &[events])?;
    Ok(())
}

fn writeups(s: &mut Session, inv: &Invocation) -> Result<()> {
    require_tables(s, "\\writeups", &["writeups", "mentions"])?;
    shortcut_sql::run(s, inv, WRITEUPS_SQL, &[])?;
    Ok(())
}

fn writeup(s: &mut Session, inv: &Invocation) -> Result<()> {
    let id = inv.bound.need("ID")?;
    let id = id.parse::<i64>().map_err(|_| anyhow::anyhow!("write-up id must be a number, not '{id}'"))?;
    require_catalogue(s)?;
    let head: Option<WriteupHead> = s
        .conn
        .query_row("SELECT title, author, published, site FROM writeups WHERE id = ?1", [id], |r| {
            Ok((text(r, 0)?, opt_text(r, 1)?, opt_text(r, 2)?, opt_text(r, 3)?))
        })
        .optional()?;
    let Some((title, author, published, site)) = head else {
        bail!("no write-up with id {id} (see \\writeups)");
    };
    let by: Vec<String> = [author, published, site].into_iter().flatten().collect();
    let by = if by.is_empty() { String::new() } else { format!(" ({})", by.join(", ")) };
    let p = Palette::themed(s.settings.paints(s.out.is_terminal()), s.settings.theme);
    let head = hanging("", &format!("{title}{by}"), 2, s.out.width().map(usize::from));
    writeln!(s.out, "{}", p.paint(Role::Header, head.trim_end_matches('\n')))?;
    // Takeaways are sentences: wrapped at word boundaries in their column rather than cut.
    let overflow = std::mem::replace(&mut s.settings.overflow, crate::engine::settings::Overflow::Wrap);
    let shown = shortcut_sql::run(s, inv, WRITEUP_SQL, &[Value::Integer(id)]);
    s.settings.overflow = overflow;
    shown?;
    Ok(())
}

fn random(s: &mut Session, inv: &Invocation) -> Result<()> {
    let year = inv.bound.int("YEAR").map_or(Value::Null, Value::Integer);
    require_catalogue(s)?;
    shortcut_sql::show(s, inv, RANDOM_SQL, std::slice::from_ref(&year))?;
    let id: Option<i64> = s.conn.query_row(RANDOM_SQL, [&year], |r| r.get(0)).optional()?;
    match id {
        Some(id) => card(s, inv, id),
        None => bail!("no talks from {}", crate::engine::sql::quote::literal(&year)),
    }
}

#[cfg(test)]
mod tests;
