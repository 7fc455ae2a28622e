//! `\search WORDS`: full-text search over titles, speakers, tags and takeaways (the FTS5 table
//! `talk_search`), ranked by bm25 with the match marked in a snippet. The words are FTS5 query
//! syntax, so phrases (`"grok the gil"`) and prefixes (`dict*`) work; text that is not FTS5 syntax
//! (`it's`, `c++`) is searched for word by word instead of failing.

use anyhow::{Result, bail};
use rusqlite::types::Value;

use crate::engine::command::shortcut_sql::{self, require_tables};
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer, Within, find};
use crate::engine::error::sql_error_message;
use crate::engine::session::Session;
use crate::engine::settings::Format;
use crate::talks::search::paging::Paging;
use crate::talks::search_rank::{self, PAGE_SQL, RANK_SQL, Ranked, Split, page_of_best};

mod paging;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\search",
    aliases: &[],
    args: &[
        Arg::Text("WORDS", Offer::Free),
        Arg::Optional(&[Arg::Opt("--limit", &Arg::Int("N", "--limit", Within(1, paging::MAX_LIMIT as i64)))]),
        Arg::Optional(&[Arg::Opt("--page", &Arg::Int("N", "--page", Within(1, i64::MAX)))]),
    ],
    summary: "full-text search over titles, speakers, tags and takeaways, best match first",
    help: "Searches talks with SQLite FTS5 and shows the 50 best by bm25, the matched words marked\n[like this] in a snippet, and under the table how many talks match in all. --limit N (1 to\n1000) shows N a page, --page N the Nth page; \\facets after it counts every match, not the page.\nAccents and case are ignored. FTS5 syntax works: \"a phrase\", prefix*,\nAND, OR, NOT, and column filters such as speakers:davis. Text that is not valid FTS5 syntax\n(it's, c++, -gil) is searched for as plain words.\n\nExamples:\n  \\search gil\n  \\search \"grok the gil\"\n  \\search dict*\n  \\search speakers:batchelder\n  \\search+ asyncio       (show the SQL too)\n  \\search python --page 2\n  \\search python --limit 10 --page 3",
    shows: &[
        ("search", SEARCH_SQL),
        ("with 20,000 matches or more: one rowid range on each of several connections", RANK_SQL),
        ("then the page from the best of all ranges (?3: their ids, best first)", PAGE_SQL),
    ],
    run: Handler::Acts(search),
}];

/// Checks the query before any row is drawn, so a syntax error prints nothing but the error.
/// (One row is enough: counting every match would step through all of them.)
const CHECK_SQL: &str = "SELECT count(*) FROM (SELECT 1 FROM talk_search WHERE talk_search MATCH ?1 LIMIT 1)";

/// Two steps, so a word that matches 60,000 talks stays quick: the page (?3 talks after the best
/// ?4) by bm25 first, then a snippet for those only (in one query SQLite computes every match's
/// snippet before sorting).
const SEARCH_SQL: &str = concat!(
    "
WITH best(id, score) AS MATERIALIZED (
    SELECT rowid, bm25(talk_search) FROM talk_search
    WHERE talk_search MATCH ?1
    ORDER BY 2, 1
    LIMIT ?3 OFFSET ?4)",
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
    let (query, paging) = paging::split_options(&inv.rest)?;
    let query = query.as_str();
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
    // A later page is checked against the total before anything is drawn.
    let mut total = None;
    if paging.page > 1 {
        let n = count(s, &fts)?;
        if paging.offset() >= n {
            match n {
                0 => bail!("no talk matches {query}"),
                _ => bail!(
                    "page {} is past the end: {} {} {} of {}",
                    paging.page,
                    grouped(n),
                    if n == 1 { "match makes" } else { "matches make" },
                    pages_of(paging.pages(n)),
                    paging.limit
                ),
            }
        }
        total = Some(n);
    }
    // The snippet is FTS5's window of words around the match, fewer words on a narrow terminal,
    // and the table wraps rather than cuts, so the [marked] match is visible at any width.
    let words = s.out.width().map_or(12, |w| (i64::from(w) / 10).clamp(6, 12));
    let overflow = std::mem::replace(&mut s.settings.overflow, crate::engine::settings::Overflow::Wrap);
    // Human formats get the search's own line under the table (`3 of 120 matches …`) in place of
    // the table's `3 rows`; `\pset footer off` and `\t` leave both out.
    let human = matches!(s.settings.format, Format::Table | Format::Box | Format::Vertical);
    let says_count = s.settings.footer && !s.settings.tuples_only;
    let table_footer = s.settings.footer;
    s.settings.footer = table_footer && !human;
    s.decorate_next = Some(crate::talks::title_links::decorate);
    let rows = page(s, inv, fts.clone(), words, split, paging);
    s.settings.overflow = overflow;
    s.settings.footer = table_footer;
    let rows = rows?;
    use std::io::Write;
    if rows == 0 && s.settings.interactive {
        writeln!(s.out, "No talk matches {query}.")?;
    }
    if rows > 0 {
        s.last_search = Some(fts.clone());
    }
    // The table's footer counts the page; people exploring want the whole count too.
    if human && says_count && (rows > 0 || !s.settings.interactive) {
        let total = match total {
            Some(n) => n,
            None => count(s, &fts)?,
        };
        writeln!(s.out, "{}", footer(rows, total, paging))?;
    }
    Ok(())
}

/// Every match of `fts`.
fn count(s: &Session, fts: &str) -> Result<u64> {
    let n: i64 = s.conn.query_row(COUNT_SQL, [fts], |r| r.get(0)).map_err(crate::engine::error::explain)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

fn grouped(n: u64) -> String {
    group_digits(i64::try_from(n).unwrap_or(i64::MAX))
}

fn pages_of(n: u64) -> String {
    format!("{} {}", grouped(n), if n == 1 { "page" } else { "pages" })
}

/// The line under the table: `50 of 1,284 matches, best first (page 1 of 26; --page 2 for more)`.
fn footer(rows: u64, total: u64, paging: Paging) -> String {
    let all = grouped(total);
    if paging.page == 1 && total <= paging.limit {
        return format!("{all} {}", if total == 1 { "match" } else { "matches" });
    }
    let shown = match paging.page {
        1 => rows.to_string(),
        _ => format!("{}–{}", paging.offset() + 1, paging.offset() + rows),
    };
    let pages = paging.pages(total);
    let more = if paging.page < pages { format!("; --page {} for more", paging.page + 1) } else { String::new() };
    format!("{shown} of {all} matches, best first (page {} of {}{more})", paging.page, grouped(pages))
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

/// Shows (when asked) and draws the page of the best matches of `fts`: ranked on one connection,
/// or on several when there are many matches (`search_rank.rs`), the same rows either way.
fn page(s: &mut Session, inv: &Invocation, fts: String, words: i64, split: Split, paging: Paging) -> Result<u64> {
    let Some(Ranked { ids, ranges, elapsed }) = search_rank::rank(s, &fts, split, paging.through())? else {
        let number = |n: u64| Value::Integer(i64::try_from(n).unwrap_or(i64::MAX));
        let params = [Value::Text(fts), Value::Integer(words), number(paging.limit), number(paging.offset())];
        return shortcut_sql::run(s, inv, SEARCH_SQL, &params);
    };
    let skip = usize::try_from(paging.offset()).unwrap_or(usize::MAX);
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
    let ids = Value::Text(format!("[{}]", ids.iter().skip(skip).map(i64::to_string).collect::<Vec<_>>().join(",")));
    let page = format!(
        "-- then the page ({} after the best {}) of all ranges, on this connection:\n{}",
        paging.limit,
        paging.offset(),
        shortcut_sql::unindent(PAGE_SQL)
    );
    s.spent_before = elapsed;
    shortcut_sql::run(s, inv, &page, &[fts, Value::Integer(words), ids])
}

#[cfg(test)]
mod tests;
