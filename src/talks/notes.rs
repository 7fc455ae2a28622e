//! Your own notes on talks: `\note ID|#N TEXT` adds one, `\notes [ID|#N]` lists them. Kept in the
//! `notes` user table, which catalogue refreshes never touch.

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use crate::engine::command::data::status;
use crate::engine::command::shortcut_sql::{self, require_tables};
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::import::sql_error;
use crate::engine::session::Session;
use crate::talks::row_talks;
use crate::talks::watchlist::note_text;

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\note",
        aliases: &[],
        args: &[Arg::Value("ID|#N", Offer::Source("titles")), Arg::Words("TEXT", Offer::Free)],
        summary: "add a note of your own to a talk",
        help: "Adds TEXT as a note on the talk (an id or a row handle of the last result), in the notes\ntable. A note is one line: control characters are refused.\n\nExamples:\n  \\note 283 \"watch again\"\n  \\note #2 the demo at 20 minutes",
        shows: &[("add", ADD_SQL)],
        run: Handler::Acts(note),
    },
    Command {
        name: "\\notes",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Value("ID|#N", Offer::Source("titles"))])],
        summary: "list your notes, or one talk's",
        help: "Lists your notes with their talks, newest first; with a talk, that talk's notes only.\n\nExamples:\n  \\notes\n  \\notes 283",
        shows: &[("list", LIST_SQL)],
        run: Handler::Acts(notes),
    },
];

const ADD_SQL: &str = "INSERT INTO notes (talk_id, body) VALUES (?1, ?2)";

const LIST_SQL: &str = "
SELECT n.talk_id, o.title, n.body AS note, n.created_at
FROM notes n
LEFT JOIN talk_overview o ON o.id = n.talk_id
WHERE ?1 IS NULL OR n.talk_id = ?1
ORDER BY n.created_at DESC, n.id DESC";

fn note(s: &mut Session, inv: &Invocation) -> Result<()> {
    require_tables(s, "\\note", &["notes", "talks"])?;
    let id = row_talks::talk_id(s, inv.bound.need("ID|#N")?)?;
    let words: Vec<String> = inv.bound.all("TEXT").map(str::to_string).collect();
    let Some(body) = note_text(&words)? else { bail!("a note needs some text") };
    let title: Option<String> = s
        .conn
        .query_row("SELECT title FROM talks WHERE id = ?1", [id], |r| crate::engine::exec::text(r, 0))
        .optional()
        .map_err(sql_error)?;
    let Some(title) = title else { bail!("no talk with id {id}") };
    let params = [Value::Integer(id), Value::Text(body)];
    shortcut_sql::show(s, inv, ADD_SQL, &params)?;
    s.conn.execute(ADD_SQL, rusqlite::params_from_iter(params.iter())).map_err(sql_error)?;
    status(s, &format!("noted on {id} {title}"));
    Ok(())
}

fn notes(s: &mut Session, inv: &Invocation) -> Result<()> {
    require_tables(s, "\\notes", &["notes", "talk_overview"])?;
    let talk = match inv.bound.get("ID|#N") {
        None => Value::Null,
        Some(t) => Value::Integer(row_talks::talk_id(s, t)?),
    };
    s.decorate_next = Some(crate::talks::title_links::decorate);
    shortcut_sql::run(s, inv, LIST_SQL, &[talk])?;
    Ok(())
}
