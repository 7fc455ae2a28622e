//! Talks named by row handles: `\talk #3`, `\fav #1-5`, `\speaker #2` read the talk id (or the
//! speaker) of rows of the last result. A result's rows are talks when it has a `talk_id` column,
//! or an `id` column beside a `title` that is that talk's title (so `\events` ids, which are event
//! ids, are never taken for talks). A handle whose talk is gone says so.

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use crate::engine::capture::Captured;
use crate::engine::handles;
use crate::engine::session::Session;

/// True when `word` is meant as a handle (`#…`).
pub(crate) fn is_handle(word: &str) -> bool {
    word.starts_with('#')
}

/// The talk ids of the rows `word` names, or of the plain id `word`.
pub(crate) fn talk_ids(s: &Session, word: &str) -> Result<Vec<i64>> {
    if !is_handle(word) {
        return match word.parse::<i64>() {
            Ok(id) => Ok(vec![id]),
            Err(_) => bail!("talk id must be a number or a row handle (#3), not '{word}'"),
        };
    }
    let rows = handles::rows(s.last_result.as_ref(), word)?;
    let Some(last) = s.last_result.as_ref() else { bail!("no last result") };
    let (id_col, title_col) = columns(last, word)?;
    let mut ids = Vec::with_capacity(rows.len());
    for (n, row) in rows {
        let id = match &row[id_col] {
            Value::Integer(id) => *id,
            _ => bail!("row #{n} of the last result has no talk id"),
        };
        let title: Option<String> = s
            .conn
            .query_row("SELECT title FROM talks WHERE id = ?1", [id], |r| crate::engine::exec::text(r, 0))
            .optional()?;
        let Some(title) = title else {
            bail!("#{n} was talk {id}, which is no longer in the database: run the query again");
        };
        if let Some(t) = title_col
            && !matches!(&row[t], Value::Text(shown) if *shown == title)
        {
            bail!("the last result's rows are not talks (row #{n}'s id {id} is another talk's), so {word} names none");
        }
        ids.push(id);
    }
    Ok(ids)
}

/// The one talk id `word` names: a plain id or a single handle.
pub(crate) fn talk_id(s: &Session, word: &str) -> Result<i64> {
    match talk_ids(s, word)?.as_slice() {
        [id] => Ok(*id),
        many => bail!("{word} names {} rows; this command takes one talk", many.len()),
    }
}

/// Which columns of the last result hold a talk's id and its title (when shown).
fn columns(last: &Captured, word: &str) -> Result<(usize, Option<usize>)> {
    if let Some(i) = last.column("talk_id") {
        return Ok((i, None));
    }
    match (last.column("id"), last.column("title")) {
        (Some(i), Some(t)) => Ok((i, Some(t))),
        _ => bail!("the last result has no talk id column (id with title, or talk_id), so {word} names no talk"),
    }
}

/// The speaker a handle's row names: its `speaker` column, else the talk's first speaker.
pub(crate) fn speaker(s: &Session, word: &str) -> Result<String> {
    let rows = handles::rows(s.last_result.as_ref(), word)?;
    let [(n, row)] = rows.as_slice() else {
        bail!("{word} names {} rows; \\speaker takes one", rows.len());
    };
    if let Some(i) = s.last_result.as_ref().and_then(|l| l.column("speaker"))
        && let Value::Text(name) = &row[i]
    {
        return Ok(name.clone());
    }
    let id = talk_id(s, &format!("#{n}"))?;
    let name: Option<String> = s
        .conn
        .query_row(
            "SELECT s.name FROM talk_speakers ts JOIN speakers s ON s.id = ts.speaker_id
             WHERE ts.talk_id = ?1 ORDER BY ts.position LIMIT 1",
            [id],
            |r| crate::engine::exec::text(r, 0),
        )
        .optional()?;
    name.ok_or_else(|| anyhow::anyhow!("talk {id} (#{n}) has no speaker"))
}
