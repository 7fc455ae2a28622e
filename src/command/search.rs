//! `\search WORDS`: full-text search over titles, speakers, tags and takeaways (the FTS5 table
//! `talk_search`), ranked by bm25 with the match marked in a snippet. The words are FTS5 query
//! syntax, so phrases (`"grok the gil"`) and prefixes (`dict*`) work.

use anyhow::{Result, bail};
use rusqlite::types::Value;

use super::shown::{self, require_tables};
use super::{ArgKind, Command, Invocation, find};
use crate::exec::sql_error_message;
use crate::session::Session;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\search",
    aliases: &[],
    args: "WORDS",
    summary: "full-text search over titles, speakers, tags and takeaways, best match first",
    help: "Searches talks with SQLite FTS5 and shows the 50 best by bm25, the matched words marked\n[like this] in a snippet. Accents and case are ignored. FTS5 syntax works: \"a phrase\", prefix*,\nAND, OR, NOT, and column filters such as speakers:davis.\n\nExamples:\n  \\search gil\n  \\search \"grok the gil\"\n  \\search dict*\n  \\search speakers:batchelder\n  \\search+ asyncio       (show the SQL too)",
    arg_kind: ArgKind::Free,
    run: search,
}];

/// Checks the query before any row is drawn, so a syntax error prints nothing but the error.
const CHECK_SQL: &str = "SELECT count(*) FROM talk_search WHERE talk_search MATCH ?1";

const SEARCH_SQL: &str = "
SELECT t.id, t.title, e.year,
       snippet(talk_search, -1, '[', ']', '…', 12) AS snippet
FROM talk_search
JOIN talks t ON t.id = talk_search.rowid
JOIN events e ON e.id = t.event_id
WHERE talk_search MATCH ?1
ORDER BY bm25(talk_search), t.id
LIMIT 50";

pub static SHOWN: &[(&str, &[(&str, &str)])] = &[("\\search", &[("search", SEARCH_SQL)])];

fn search(s: &mut Session, inv: &Invocation) -> Result<()> {
    let query = inv.rest.trim();
    if query.is_empty() {
        let usage = find("\\search").map_or_else(String::new, |c| c.usage());
        bail!("{usage}");
    }
    require_tables(s, "\\search", &["talk_search", "talks", "events"])?;
    if let Err(e) = s.conn.query_row(CHECK_SQL, [query], |r| r.get::<_, i64>(0)) {
        bail!("bad search query: {}", sql_error_message(&e).trim_start_matches("fts5: "));
    }
    let rows = shown::run(s, inv, SEARCH_SQL, &[Value::Text(query.to_string())])?;
    if rows == 0 && s.settings.interactive {
        use std::io::Write;
        writeln!(s.out, "No talk matches {query}.")?;
    }
    Ok(())
}
