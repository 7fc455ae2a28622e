//! `\search WORDS`: full-text search over titles, speakers, tags and takeaways (the FTS5 table
//! `talk_search`), ranked by bm25 with the match marked in a snippet. The words are FTS5 query
//! syntax, so phrases (`"grok the gil"`) and prefixes (`dict*`) work; text that is not FTS5 syntax
//! (`it's`, `c++`) is searched for word by word instead of failing.

use anyhow::{Result, bail};
use rusqlite::types::Value;

use crate::engine::command::shortcut_sql::{self, require_tables};
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer, find};
use crate::engine::error::sql_error_message;
use crate::engine::session::Session;
use crate::engine::settings::Format;
use crate::talks::search_rank::{self, PAGE_SQL, RANK_SQL, Ranked, Split, page_of_best};

pub static COMMANDS: &[Command] = &[Command {
    name: "\\search",
    aliases: &[],
    args: &[Arg::Text("WORDS", Offer::Free)],
    summary: "full-text search over titles, speakers, tags and takeaways, best match first",
    help: "Searches talks with SQLite FTS5 and shows the 50 best by bm25, the matched words marked\n[like this] in a snippet. Accents and case are ignored. FTS5 syntax works: \"a phrase\", prefix*,\nAND, OR, NOT, and column filters such as speakers:davis. Text that is not valid FTS5 syntax\n(it's, c++, -gil) is searched for as plain words.\n\nExamples:\n  \\search gil\n  \\search \"grok the gil\"\n  \\search dict*\n  \\search speakers:batchelder\n  \\search+ asyncio       (show the SQL too)",
    shows: &[
        ("search", SEARCH_SQL),
        ("with 20,000 matches or more: one rowid range on each of several connections", RANK_SQL),
        ("then the best 50 of all ranges (?3: their ids, best first)", PAGE_SQL),
    ],
    run: Handler::Acts(search),
}];

/// Checks the query before any row is drawn, so a syntax error prints nothing but the error.
/// (One row is enough: counting every match would step through all of them.)
const CHECK_SQL: &str = "SELECT count(*) FROM (SELECT 1 FROM talk_search WHERE talk_search MATCH ?1 LIMIT 1)";

/// Two steps, so a word that matches 60,000 talks stays quick: the 50 best by bm25 first, then a
/// snippet for those only (in one query SQLite computes every match's snippet before sorting).
const SEARCH_SQL: &str = concat!(
    "
WITH best(id, score) AS MATERIALIZED (
    SELECT rowid, bm25(talk_search) FROM talk_search
    WHERE talk_search MATCH ?1
    ORDER BY 2, 1
    LIMIT 50)",
    page_of_best!("best.score, best.id")
);

const SYNTAX: &str = "search words, \"a phrase\", prefix*, AND/OR/NOT, or column:word";

/// Whether FTS5 accepts `query`, with its error message when not.
fn check(s: &Session, query: &str) -> Result<(), String> {
    match s.conn.query_row(CHECK_SQL, [query], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(()),
        Err(e) => Err(sql_error_message(&e).trim_start_matches("fts5: ").to_string()),
    }
}

/// `query` with each whitespace-separated word made an FTS5 string (a trailing `*` kept as a
/// prefix search, quotes dropped): any text FTS5 refuses (`"grok the`, `it's`, `nocolumn:x`) is
/// searched for as the words it holds.
fn as_words(query: &str) -> String {
    let words: Vec<String> = query
        .split_whitespace()
        .filter_map(|w| {
            let w = w.replace('"', "");
            let stem = w.trim_end_matches('*');
            let prefix = if stem.len() < w.len() { "*" } else { "" };
            (!stem.is_empty()).then(|| format!("\"{}\"{prefix}", stem.replace('"', "\"\"")))
        })
        .collect();
    words.join(" ")
}

fn search(s: &mut Session, inv: &Invocation) -> Result<()> {
    search_split(s, inv, Split::for_this_machine())
}

/// `\search`, ranking on several connections when `split` says so (tests choose).
fn search_split(s: &mut Session, inv: &Invocation, split: Split) -> Result<()> {
    let query = inv.rest.trim();
    if query.is_empty() {
        let usage = find("\\search").map_or_else(String::new, |c| c.usage());
        bail!("{usage}");
    }
    require_tables(s, "\\search", &["talk_search", "talks", "events"])?;
    let fts = match check(s, query) {
        Ok(()) => query.to_string(),
        // Text that is not FTS5 syntax (`it's`, `c++`, `-gil`, `"grok the`): its words as written.
        Err(e) => match as_words(query) {
            words if words.is_empty() => bail!("bad search query: nothing to search for; {SYNTAX}"),
            words if check(s, &words).is_ok() => words,
            _ => bail!("bad search query: {e}; {SYNTAX}"),
        },
    };
    // The snippet is FTS5's window of words around the match, fewer words on a narrow terminal,
    // and the table wraps rather than cuts, so the [marked] match is visible at any width.
    let words = s.out.width().map_or(12, |w| (i64::from(w) / 10).clamp(6, 12));
    let overflow = std::mem::replace(&mut s.settings.overflow, crate::engine::settings::Overflow::Wrap);
    s.decorate_next = Some(crate::talks::title_links::decorate);
    let rows = page(s, inv, fts.clone(), words, split);
    s.settings.overflow = overflow;
    let rows = rows?;
    use std::io::Write;
    if rows == 0 && s.settings.interactive {
        writeln!(s.out, "No talk matches {query}.")?;
    }
    if rows > 0 {
        s.last_search = Some(fts.clone());
    }
    // The table's footer counts the page; people exploring want the whole count too.
    if rows > 0 && matches!(s.settings.format, Format::Table | Format::Box | Format::Vertical) {
        let total: i64 = s.conn.query_row(COUNT_SQL, [&fts], |r| r.get(0)).map_err(crate::engine::error::explain)?;
        let total = group_digits(total);
        let line = if rows as usize >= PAGE_SIZE {
            format!("{rows} of {total} matches, best first")
        } else {
            format!("{total} {}", if total == "1" { "match" } else { "matches" })
        };
        writeln!(s.out, "{line}")?;
    }
    Ok(())
}

/// `1284` → `1,284`.
pub(crate) fn group_digits(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Every match of a query: what the page is of.
const COUNT_SQL: &str = "SELECT count(*) FROM talk_search WHERE talk_search MATCH ?1";

/// Talks a page shows.
const PAGE_SIZE: usize = 50;

/// Shows (when asked) and draws the page of the best matches of `fts`: ranked on one connection,
/// or on several when there are many matches (`search_rank.rs`), the same rows either way.
fn page(s: &mut Session, inv: &Invocation, fts: String, words: i64, split: Split) -> Result<u64> {
    let Some(Ranked { ids, ranges, elapsed }) = search_rank::rank(s, &fts, split)? else {
        return shortcut_sql::run(s, inv, SEARCH_SQL, &[Value::Text(fts), Value::Integer(words)]);
    };
    let fts = Value::Text(fts);
    let ranges: Vec<String> = ranges.iter().map(|(a, b)| format!("{a}, {b}")).collect();
    let rank = format!(
        "-- {} matches or more: ranked on {} connections at once,\n-- one rowid range (?2 to ?3) each:\n{}\n-- ?1 = {}\n-- ?2, ?3 = {}",
        split.min_matches,
        ranges.len(),
        shortcut_sql::unindent(RANK_SQL).trim_end(),
        crate::engine::sql::quote::literal(&fts),
        ranges.join(" | ")
    );
    shortcut_sql::show(s, inv, &rank, &[])?;
    let ids = Value::Text(format!("[{}]", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")));
    let page = format!("-- then the best 50 of all ranges, on this connection:\n{}", shortcut_sql::unindent(PAGE_SQL));
    s.spent_before = elapsed;
    shortcut_sql::run(s, inv, &page, &[fts, Value::Integer(words), ids])
}

#[cfg(test)]
mod tests;
