//! Favorites: `\fav ID`, `\unfav ID`, `\favs`. Kept in the `favorites` table of the open
//! database, a user table that catalogue refreshes never touch.

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use crate::engine::command::data::status;
use crate::engine::command::shortcut_sql::{self, require_tables};
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::import::sql_error;
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\fav",
        aliases: &[],
        args: &[Arg::Value("ID|#N[-M]", Offer::Free)],
        summary: "mark a talk as a favorite",
        help: "Adds the talk with this id to your favorites (the favorites table). A row handle of the last\nresult (#3) or a range of them (#1-5) adds those rows' talks, all or none.\n\nExamples:\n  \\fav 283\n  \\fav #1-5",
        shows: &[("add", ADD_SQL)],
        run: Handler::Acts(fav),
    },
    Command {
        name: "\\unfav",
        aliases: &[],
        args: &[Arg::Value("ID|#N[-M]", Offer::Free)],
        summary: "remove a talk from the favorites",
        help: "Removes the talk with this id (or the rows' talks a handle or range names) from your favorites.\n\nExamples:\n  \\unfav 283\n  \\unfav #2",
        shows: &[("remove", REMOVE_SQL)],
        run: Handler::Acts(unfav),
    },
    Command {
        name: "\\favs",
        aliases: &[],
        args: &[],
        summary: "list your favorite talks",
        help: "Lists your favorites, most recently added first.\n\nExample:\n  \\favs",
        shows: &[("list", LIST_SQL)],
        run: Handler::Acts(favs),
    },
];

const ADD_SQL: &str = "INSERT INTO favorites (talk_id) VALUES (?1) ON CONFLICT (talk_id) DO NOTHING";
const REMOVE_SQL: &str = "DELETE FROM favorites WHERE talk_id = ?1";
const LIST_SQL: &str = "
SELECT o.id, o.title, o.year, o.speakers, f.added_at
FROM favorites f
JOIN talk_overview o ON o.id = f.talk_id
ORDER BY f.added_at DESC, o.id";

/// The talks one argument names: an id, a row handle or a range of them (`#1-5`).
fn talk_ids(s: &Session, inv: &Invocation) -> Result<Vec<i64>> {
    crate::talks::row_talks::talk_ids(s, inv.bound.need("ID|#N[-M]")?)
}

fn tables(s: &Session, what: &str) -> Result<()> {
    require_tables(s, what, &["favorites", "talks", "talk_overview"])
}

fn title_of(s: &Session, id: i64) -> Result<Option<String>> {
    s.conn
        .query_row("SELECT title FROM talks WHERE id = ?1", [id], |r| crate::engine::exec::text(r, 0))
        .optional()
        .map_err(sql_error)
}

fn fav(s: &mut Session, inv: &Invocation) -> Result<()> {
    tables(s, "\\fav")?;
    let ids = talk_ids(s, inv)?;
    crate::engine::transaction::immediately(s, |s| ids.iter().try_for_each(|id| add(s, inv, *id)))
}

fn add(s: &mut Session, inv: &Invocation, id: i64) -> Result<()> {
    let Some(title) = title_of(s, id)? else {
        bail!("no talk with id {id}");
    };
    shortcut_sql::show(s, inv, ADD_SQL, &[Value::Integer(id)])?;
    let added = s.conn.execute(ADD_SQL, [id]).map_err(sql_error)?;
    if added == 0 {
        status(s, &format!("{id} {title} is already a favorite"));
    } else {
        status(s, &format!("added {id} {title} to your favorites"));
    }
    Ok(())
}

fn unfav(s: &mut Session, inv: &Invocation) -> Result<()> {
    tables(s, "\\unfav")?;
    let ids = talk_ids(s, inv)?;
    crate::engine::transaction::immediately(s, |s| ids.iter().try_for_each(|id| remove(s, inv, *id)))
}

fn remove(s: &mut Session, inv: &Invocation, id: i64) -> Result<()> {
    shortcut_sql::show(s, inv, REMOVE_SQL, &[Value::Integer(id)])?;
    if s.conn.execute(REMOVE_SQL, [id]).map_err(sql_error)? == 0 {
        bail!("talk {id} is not a favorite");
    }
    let title = title_of(s, id)?.unwrap_or_default();
    status(s, &format!("removed {id} {title} from your favorites"));
    Ok(())
}

fn favs(s: &mut Session, inv: &Invocation) -> Result<()> {
    tables(s, "\\favs")?;
    let rows = shortcut_sql::run(s, inv, LIST_SQL, &[])?;
    if rows == 0 && s.settings.interactive {
        writeln!(s.out, "No favorites yet: add one with \\fav ID.")?;
        // Written after the query's output ended: flushed now, not after the next command's.
        s.out.flush()?;
    }
    Ok(())
}
