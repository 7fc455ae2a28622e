//! `\\talk`: one talk's card (speakers, event, links, tags) and what every write-up that mentions
//! it took away, found by id or by part of its title.

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use crate::engine::command::Invocation;
use crate::engine::command::shortcut_sql;
use crate::engine::command::shortcut_sql::require_catalogue;
use crate::engine::exec::{opt_text, text};
use crate::engine::render::hanging;
use crate::engine::session::Session;
use crate::engine::style::{Palette, Role};
use crate::talks::title_links::link_lines;

pub(super) const CARD_SQL: &str = "
SELECT o.title, o.speakers, o.event, t.recorded, t.duration, o.kind, t.video_url, t.slides_url, o.tags
FROM talk_overview o
JOIN talks t ON t.id = o.id
WHERE o.id = ?1";

pub(super) const TAKEAWAYS_SQL: &str = "
SELECT w.id, w.title, w.author, w.published, m.takeaway
FROM mentions m
JOIN writeups w ON w.id = m.writeup_id
WHERE m.talk_id = ?1
ORDER BY w.published, w.id";

const FIND_TITLE_SQL: &str = "
SELECT id, title, year, title = ?1 COLLATE NOCASE AS exact
FROM talk_overview
WHERE instr(lower(unaccent(title)), lower(unaccent(?1))) > 0
ORDER BY exact DESC, year, title";

pub(super) fn talk(s: &mut Session, inv: &Invocation) -> Result<()> {
    let key = inv.free_text();
    require_catalogue(s)?;
    let id = match key.trim().parse::<i64>() {
        Ok(id) => id,
        Err(_) if crate::talks::row_talks::is_handle(key.trim()) => crate::talks::row_talks::talk_id(s, key.trim())?,
        Err(_) => find_by_title(s, key.trim())?,
    };
    s.paged(|s| card(s, inv, id))
}

/// The id of the one talk whose title contains `text`; an exact title wins over partial ones.
fn find_by_title(s: &Session, text: &str) -> Result<i64> {
    let mut stmt = s.conn.prepare(FIND_TITLE_SQL)?;
    let hits: Vec<(i64, String, i64, bool)> = stmt
        .query_map([text], |r| Ok((r.get(0)?, crate::engine::exec::text(r, 1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    match hits.as_slice() {
        // `\\search` only when it has words to look for (`\\talk %` has none).
        [] if text.chars().any(char::is_alphanumeric) => bail!("no talk title contains '{text}' (try \\search {text})"),
        [] => bail!("no talk title contains '{text}'"),
        [one] => Ok(one.0),
        [first, ..] if first.3 && hits.iter().filter(|h| h.3).count() == 1 => Ok(first.0),
        many => {
            let list: Vec<String> = many.iter().take(5).map(|(id, t, y, _)| format!("{id} {t} ({y})")).collect();
            let more = if many.len() > 5 { format!(", … {} more", many.len() - 5) } else { String::new() };
            bail!(
                "{} talks match '{text}': {}{more} — give the id, e.g. \\talk {}",
                many.len(),
                list.join("; "),
                many[0].0
            )
        }
    }
}

/// One write-up's takeaway about a talk: write-up id, title, author, date, takeaway.
type Takeaway = (i64, String, Option<String>, Option<String>, String);

/// A talk's card: the talk, then one paragraph per write-up that mentions it.
pub(super) fn card(s: &mut Session, inv: &Invocation, id: i64) -> Result<()> {
    type Row = (
        String,
        Option<String>,
        String,
        Option<String>,
        Option<i64>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let params = [Value::Integer(id)];
    shortcut_sql::show(s, inv, CARD_SQL, &params)?;
    let row: Option<Row> = s
        .conn
        .query_row(CARD_SQL, [id], |r| {
            Ok((
                text(r, 0)?,
                opt_text(r, 1)?,
                text(r, 2)?,
                opt_text(r, 3)?,
                r.get(4)?,
                text(r, 5)?,
                opt_text(r, 6)?,
                opt_text(r, 7)?,
                opt_text(r, 8)?,
            ))
        })
        .optional()?;
    let Some((title, speakers, event, recorded, duration, kind, video, slides, tags)) = row else {
        bail!("no talk with id {id}");
    };
    shortcut_sql::show(s, inv, TAKEAWAYS_SQL, &params)?;
    let mut stmt = s.conn.prepare(TAKEAWAYS_SQL)?;
    let takeaways: Vec<Takeaway> = stmt
        .query_map([id], |r| Ok((r.get(0)?, text(r, 1)?, opt_text(r, 2)?, opt_text(r, 3)?, text(r, 4)?)))?
        .collect::<Result<_, _>>()?;
    drop(stmt);

    let p = Palette::themed(s.settings.paints(s.out.is_terminal()), s.settings.theme);
    let width = s.out.width().map(usize::from);
    let none = || "—".to_string();
    // Title and video link to the video where the terminal draws links.
    let link_to = video.clone().filter(|_| s.out.links(s.settings.hyperlinks));
    let head = hanging("", &title, 0, width);
    let head = match &link_to {
        Some(url) => link_lines(&head, "", 0, url),
        None => head,
    };
    let mut text = format!("{}\n", p.paint(Role::Header, head.trim_end_matches('\n')));
    let mut field = |label: &str, value: String| {
        let prefix = format!("  {}  ", p.paint(Role::Dim, &format!("{label:<9}")));
        let drawn = hanging(&prefix, &value, 13, width);
        text.push_str(&match (&link_to, label) {
            (Some(url), "video") => link_lines(&drawn, &prefix, 13, url),
            _ => drawn,
        });
    };
    field("id", id.to_string());
    field("speakers", speakers.unwrap_or_else(none));
    field(
        "event",
        match recorded {
            Some(d) => format!("{event}, {d}"),
            None => event,
        },
    );
    field("kind", kind);
    field("duration", duration.map_or_else(none, |d| format!("{} min", (d + 30) / 60)));
    field("video", video.unwrap_or_else(none));
    if let Some(slides) = slides {
        field("slides", slides);
    }
    field("tags", tags.unwrap_or_else(none));
    if takeaways.is_empty() {
        text.push_str(&format!("\n{}\n", p.paint(Role::Dim, "No write-up mentions this talk.")));
    } else {
        text.push_str(&format!("\n{}\n", p.paint(Role::Header, "What the write-ups took away")));
        for (wid, wtitle, author, published, takeaway) in takeaways {
            let by: Vec<String> = [author, published].into_iter().flatten().collect();
            let by = if by.is_empty() { String::new() } else { format!(" ({})", by.join(", ")) };
            text.push_str(&hanging("  ", &format!("[{wid}] {wtitle}{by}"), 6, width));
            text.push_str(&hanging("      ", &takeaway, 6, width));
        }
    }
    s.out.write_all(text.as_bytes())?;
    s.out.flush()?;
    Ok(())
}
