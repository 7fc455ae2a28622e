//! `\trend WORD|TAG … [--series S]`: the share of each year's talks whose title or tags mention
//! a word (or carry a tag), as a table with the numbers and a bar chart beside it; several words
//! are compared side by side. The table is the last result, so `\chart line` or `_` work on it.

use anyhow::{Result, bail};
use rusqlite::types::Value;

use crate::engine::command::shortcut_sql::{self, require_tables};
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\trend",
    aliases: &[],
    args: &[
        Arg::Many(&[Arg::Value("WORD|TAG", Offer::Source("tags"))]),
        Arg::Optional(&[Arg::Opt("--series", &Arg::Value("S", Offer::Free))]),
    ],
    summary: "share of each year's talks mentioning a word or carrying a tag; several words compare",
    help: "For each year, the talks whose title or tags hold WORD (a phrase when quoted), as a count and a\nshare of that year's talks, with a bar chart. Several words are compared side by side (at\nmost 6). --series keeps one event series.\n\nExamples:\n  \\trend asyncio\n  \\trend testing django flask\n  \\trend \"machine learning\" --series \"PyCon US\"",
    shows: &[("shares", TREND_SQL)],
    run: Handler::Acts(trend),
}];

/// The talks of the chosen series (?1, NULL for all) by year, with one word's (?2) count and share.
const TREND_SQL: &str = concat!(
    "
WITH base AS (
    SELECT t.id, e.year FROM talks t JOIN events e ON e.id = t.event_id
    WHERE t.in_catalogue = 1 AND (?1 IS NULL OR ",
    series_of_event!(),
    " = ?1 COLLATE NOCASE))
SELECT year, count(*) AS talks,
       sum(id IN (SELECT rowid FROM talk_search WHERE talk_search MATCH ?2)) AS \"WORD\",
       round(100.0 * sum(id IN (SELECT rowid FROM talk_search WHERE talk_search MATCH ?2)) / count(*), 1) AS \"WORD %\"
FROM base
GROUP BY year
ORDER BY year"
);

/// Most words one `\trend` compares: more would not fit beside each other.
const MOST_WORDS: usize = 6;

/// The FTS5 query for a word or phrase in titles and tags.
fn match_expr(word: &str) -> String {
    format!("{{title tags}} : \"{}\"", word.replace('"', "\"\""))
}

/// The trend query for `words` (one count and one share column each).
fn trend_sql(words: &[String]) -> String {
    let (head, tail) = TREND_SQL.split_once("       sum(").unwrap_or((TREND_SQL, ""));
    let (_, from) = tail.split_once("\nFROM base").unwrap_or(("", tail));
    let mut cols = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let name = crate::engine::sql::quote::ident(w);
        let pct = crate::engine::sql::quote::ident(&format!("{w} %"));
        let hit = format!("id IN (SELECT rowid FROM talk_search WHERE talk_search MATCH ?{})", i + 2);
        cols.push(format!("       sum({hit}) AS {name},\n       round(100.0 * sum({hit}) / count(*), 1) AS {pct}"));
    }
    format!("{head}{}\nFROM base{from}", cols.join(",\n"))
}

fn trend(s: &mut Session, inv: &Invocation) -> Result<()> {
    let words: Vec<String> =
        inv.bound.all("WORD|TAG").map(str::trim).filter(|w| !w.is_empty()).map(str::to_string).collect();
    let series = inv.bound.get("--series").map_or(Value::Null, |v| Value::Text(v.to_string()));
    if words.is_empty() {
        bail!("\\trend needs a word or tag that is not blank");
    }
    if words.len() > MOST_WORDS {
        bail!("\\trend compares at most {MOST_WORDS} words at once, not {}", words.len());
    }
    if let Some(c) = words.iter().flat_map(|w| w.chars()).find(|c| c.is_control()) {
        bail!("a word cannot hold control characters (found U+{:04X})", u32::from(c));
    }
    require_tables(s, "\\trend", &["talks", "events", "talk_search"])?;
    if let Value::Text(name) = &series {
        check_series(s, name)?;
    }
    for w in &words {
        let n: i64 =
            s.conn.query_row("SELECT count(*) FROM talk_search WHERE talk_search MATCH ?1", [match_expr(w)], |r| {
                r.get(0)
            })?;
        if n == 0 {
            bail!("no talk's title or tags mention '{w}'");
        }
    }
    let sql = trend_sql(&words);
    let mut params = vec![series];
    params.extend(words.iter().map(|w| Value::Text(match_expr(w))));
    shortcut_sql::run(s, inv, &sql, &params)?;
    let parsed = crate::engine::command::chart::bars("year", words.iter().map(|w| format!("{w} %")).collect());
    crate::engine::command::chart::draw_last(s, &parsed)
}

/// One clear line when no event belongs to the series `name`, naming the ones there are.
pub(crate) fn check_series(s: &Session, name: &str) -> Result<()> {
    let sql = concat!("SELECT DISTINCT ", series_of_event!(), " FROM events e ORDER BY 1");
    let mut st = s.conn.prepare(sql)?;
    let all: Vec<String> = st.query_map([], |r| crate::engine::exec::text(r, 0))?.collect::<rusqlite::Result<_>>()?;
    if !all.iter().any(|a| a.eq_ignore_ascii_case(name)) {
        let shown: Vec<&str> = all.iter().take(8).map(String::as_str).collect();
        bail!("no event series is named '{name}' (series: {})", shown.join(", "));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::talks::trend::*;

    #[test]
    fn one_word_is_the_declared_sql() {
        let one = trend_sql(&["WORD".to_string()]);
        assert_eq!(one, TREND_SQL);
        let two = trend_sql(&["asyncio".into(), "web apps".into()]);
        assert!(two.contains("MATCH ?3)) / count(*), 1) AS \"web apps %\""), "{two}");
    }
}
