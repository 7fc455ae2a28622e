//! What the user watched and wants to watch: `\watched ID|#n [RATING] [NOTE]`, `\queue
//! add|rm|list|clear`. Kept in the user tables `watched` and `queue` of the open database, made on
//! first use; catalogue refreshes never touch them and re-point them when a talk's id moves (see
//! catalogue/upgrade.rs), as they do favorites and notes.

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use crate::engine::command::data::status;
use crate::engine::command::shortcut_sql::{self, require_tables};
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::import::sql_error;
use crate::engine::session::Session;
use crate::talks::row_talks;

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\watched",
        aliases: &[],
        args: &[Arg::Optional(&[
            Arg::Value("ID|#N", Offer::Source("titles")),
            Arg::Optional(&[Arg::Value("RATING", Offer::Free)]),
            Arg::Optional(&[Arg::Words("NOTE", Offer::Free)]),
        ])],
        summary: "mark a talk watched, with a rating 1-5 and a note; alone, list what you watched",
        help: "Marks the talk (an id, a row handle or a range of the last result) as watched today, with an\noptional rating from 1 to 5 and a note; a talk marked again keeps its old rating and note\nunless new ones are given. A watched talk leaves your queue. Without arguments, lists what\nyou watched, newest first. Kept in the watched table, which data upgrades never touch.\n\nExamples:\n  \\watched 283 5 \"clear and funny\"\n  \\watched #2 4\n  \\watched",
        shows: &[("mark", WATCH_SQL), ("list", WATCHED_LIST_SQL)],
        run: Handler::Acts(watched),
    },
    Command {
        name: "\\queue",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Either(&[
            &[Arg::Word(&["add", "rm"]), Arg::Value("ID|#N[-M]", Offer::Source("titles"))],
            &[Arg::Word(&["list"])],
            &[Arg::Word(&["clear"])],
        ])])],
        summary: "talks you mean to watch: add, rm, list, clear (\\plan puts them first)",
        help: "Keeps a list of talks to watch, in the order added. add and rm take an id, a row handle or\na range of the last result (#1-5); list shows the queue with each talk's length; clear empties\nit. \\plan fits queued talks first. Kept in the queue table, which data upgrades never touch.\n\nExamples:\n  \\queue add #1-3\n  \\queue add 283\n  \\queue rm 283\n  \\queue list\n  \\queue clear",
        shows: &[("add", QUEUE_ADD_SQL), ("list", QUEUE_LIST_SQL)],
        run: Handler::Acts(queue),
    },
];

/// The user tables, made on first use (`IF NOT EXISTS`: a database that has them keeps its rows).
pub(crate) const TABLES: &str = "
CREATE TABLE IF NOT EXISTS watched (
    talk_id    INTEGER PRIMARY KEY,
    rating     INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    note       TEXT,
    watched_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS queue (
    talk_id  INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    added_at TEXT NOT NULL DEFAULT (datetime('now'))
);";

const WATCH_SQL: &str = "
INSERT INTO watched (talk_id, rating, note) VALUES (?1, ?2, ?3)
ON CONFLICT (talk_id) DO UPDATE SET
    rating = coalesce(excluded.rating, rating),
    note = coalesce(excluded.note, note),
    watched_at = datetime('now')";

const WATCHED_LIST_SQL: &str = "
SELECT o.id, o.title, o.year, o.minutes, w.rating, w.note, w.watched_at
FROM watched w
JOIN talk_overview o ON o.id = w.talk_id
ORDER BY w.watched_at DESC, o.id";

const QUEUE_ADD_SQL: &str = "
INSERT INTO queue (talk_id, position)
VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM queue))
ON CONFLICT (talk_id) DO NOTHING";

const QUEUE_LIST_SQL: &str = "
SELECT o.id, o.title, o.year, o.speakers, o.minutes
FROM queue q
JOIN talk_overview o ON o.id = q.talk_id
ORDER BY q.position";

/// Whether the open database has the user table `name` yet.
pub(crate) fn has(s: &Session, name: &str) -> Result<bool> {
    Ok(s.conn.query_row(
        "SELECT count(*) > 0 FROM main.sqlite_schema WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get(0),
    )?)
}

fn title_of(s: &Session, id: i64) -> Result<String> {
    let title: Option<String> = s
        .conn
        .query_row("SELECT title FROM talks WHERE id = ?1", [id], |r| crate::engine::exec::text(r, 0))
        .optional()
        .map_err(sql_error)?;
    title.ok_or_else(|| anyhow::anyhow!("no talk with id {id}"))
}

/// Runs `f` in one `BEGIN IMMEDIATE` transaction (or the user's open one) after making the tables:
/// every talk of a range is marked, or none.
fn writing<T>(s: &mut Session, f: impl FnOnce(&mut Session) -> Result<T>) -> Result<T> {
    crate::engine::transaction::immediately(s, |s| {
        s.conn.execute_batch(TABLES).map_err(sql_error)?;
        f(s)
    })
}

/// A rating word: 1 to 5, else one clear line.
fn rating(word: &str) -> Result<Option<i64>> {
    match word.parse::<f64>() {
        Ok(r) if r.fract() == 0.0 && (1.0..=5.0).contains(&r) => Ok(Some(r as i64)),
        Ok(_) => bail!("a rating is a whole number from 1 to 5, not {word}"),
        Err(_) => Ok(None),
    }
}

/// A note as given, refused when it holds control characters (they would garble every listing).
pub(crate) fn note_text(words: &[String]) -> Result<Option<String>> {
    let note = words.join(" ");
    if let Some(c) = note.chars().find(|c| c.is_control()) {
        bail!("a note cannot hold control characters (found U+{:04X}); write it on one line", u32::from(c));
    }
    Ok((!note.trim().is_empty()).then(|| note.trim().to_string()))
}

fn watched(s: &mut Session, inv: &Invocation) -> Result<()> {
    require_tables(s, "\\watched", &["talks", "talk_overview"])?;
    let Some((target, rest)) = inv.args.split_first() else {
        if !has(s, "watched")? {
            writeln!(s.out, "Nothing watched yet: mark a talk with \\watched ID [RATING] [NOTE].")?;
            return Ok(s.out.flush()?);
        }
        shortcut_sql::run(s, inv, WATCHED_LIST_SQL, &[])?;
        return Ok(());
    };
    let ids = row_talks::talk_ids(s, target)?;
    let (stars, note_words) = match rest.split_first() {
        Some((first, more)) if !inv.quoted.get(1).copied().unwrap_or(false) => match rating(first)? {
            Some(r) => (Some(r), more),
            None => (None, rest),
        },
        _ => (None, rest),
    };
    let note = note_text(note_words)?;
    writing(s, |s| {
        for id in &ids {
            let title = title_of(s, *id)?;
            let params = [
                Value::Integer(*id),
                stars.map_or(Value::Null, Value::Integer),
                note.clone().map_or(Value::Null, Value::Text),
            ];
            shortcut_sql::show(s, inv, WATCH_SQL, &params)?;
            s.conn.execute(WATCH_SQL, rusqlite::params_from_iter(params.iter())).map_err(sql_error)?;
            let dequeued = s.conn.execute("DELETE FROM queue WHERE talk_id = ?1", [id]).map_err(sql_error)? > 0;
            let rated = stars.map(|r| format!(", rated {r}")).unwrap_or_default();
            let left = if dequeued { ", and took it off your queue" } else { "" };
            status(s, &format!("watched {id} {title}{rated}{left}"));
        }
        Ok(())
    })
}

fn queue(s: &mut Session, inv: &Invocation) -> Result<()> {
    require_tables(s, "\\queue", &["talks", "talk_overview"])?;
    let b = &inv.bound;
    if b.has("add") {
        let ids = row_talks::talk_ids(s, b.need("ID|#N[-M]")?)?;
        writing(s, |s| {
            for id in &ids {
                let title = title_of(s, *id)?;
                shortcut_sql::show(s, inv, QUEUE_ADD_SQL, &[Value::Integer(*id)])?;
                let added = s.conn.execute(QUEUE_ADD_SQL, [id]).map_err(sql_error)? > 0;
                let what = if added { "queued" } else { "already queued:" };
                status(s, &format!("{what} {id} {title}"));
            }
            Ok(())
        })
    } else if b.has("rm") {
        let ids = row_talks::talk_ids(s, b.need("ID|#N[-M]")?)?;
        writing(s, |s| {
            for id in &ids {
                if s.conn.execute("DELETE FROM queue WHERE talk_id = ?1", [id]).map_err(sql_error)? == 0 {
                    bail!("talk {id} is not in your queue");
                }
                let title = title_of(s, *id).unwrap_or_default();
                status(s, &format!("took {id} {title} off your queue"));
            }
            Ok(())
        })
    } else if b.has("clear") {
        let n = if has(s, "queue")? { s.conn.execute("DELETE FROM queue", []).map_err(sql_error)? } else { 0 };
        status(s, &format!("cleared your queue ({n} talk{})", if n == 1 { "" } else { "s" }));
        Ok(())
    } else {
        // `list`, or nothing.
        if !has(s, "queue")? {
            writeln!(s.out, "Your queue is empty: add talks with \\queue add ID (or #1-3).")?;
            return Ok(s.out.flush()?);
        }
        shortcut_sql::run(s, inv, QUEUE_LIST_SQL, &[])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::talks::watchlist::*;

    #[test]
    fn ratings_and_notes_are_checked() {
        assert_eq!(rating("4").expect("ok"), Some(4));
        assert_eq!(rating("great").expect("not a number"), None);
        assert_eq!(rating("6").expect_err("range").to_string(), "a rating is a whole number from 1 to 5, not 6");
        assert!(rating("0").is_err() && rating("4.5").is_err());
        let bad = note_text(&["a\u{1b}[31mb".to_string()]).expect_err("control");
        assert!(bad.to_string().contains("U+001B"), "{bad}");
        assert_eq!(note_text(&["good".into(), "talk".into()]).expect("note"), Some("good talk".into()));
    }
}
