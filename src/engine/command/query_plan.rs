//! `\explain QUERY`: the query plan as sqlite3 draws it, with the index each step uses marked,
//! and a one-line hint under the plan for every large table a step reads from end to end.

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::Connection;

use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::render::{PlanRow, plan_tree};
use crate::engine::session::Session;
use crate::engine::sql::lexer::{Kind, tokenize};
use crate::engine::sql::quote;
use crate::engine::style::{Palette, Role};

/// A table with at least this many rows is worth an index when a query reads all of it.
const LARGE_TABLE: i64 = 1000;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\explain",
    aliases: &[],
    args: &[Arg::Text("QUERY", Offer::Free)],
    summary: "show how SQLite runs QUERY: its plan, the indexes used, full scans of large tables",
    help: "Prints QUERY's plan as the sqlite3 shell's EXPLAIN QUERY PLAN tree, with each index a step uses\nmarked, then a hint for every table of 1000 rows or more that a step reads from end to end (SCAN\nwithout an index): an index on the columns it filters by would let SQLite search instead.\nThe query is not run.\n\nExamples:\n  \\explain select * from talks where kind = 'keynote'\n  \\explain select * from talk_overview where title like 'Async%'",
    shows: &[],
    run: Handler::Acts(explain),
}];

fn explain(s: &mut Session, inv: &Invocation) -> Result<()> {
    let query = inv.rest.trim().trim_end_matches(';').trim();
    if query.is_empty() {
        bail!("\\explain: no query, only ';'");
    }
    let rows = plan(&s.conn, query)?;
    let palette = Palette::themed(s.settings.paints(s.out.is_terminal()), s.settings.theme);
    // Table and index names are data: control characters in them are shown, never sent.
    let tree = plan_tree(&rows, &|d| mark_index(&crate::engine::render::escape_controls(d), &palette));
    s.out.write_all(tree.as_bytes())?;
    let mut seen = BTreeSet::new();
    for row in &rows {
        let Some(name) = full_scan(&row.detail) else { continue };
        let Some(table) = resolve_table(&s.conn, query, name) else { continue };
        if !seen.insert(table.clone()) {
            continue;
        }
        let count: i64 =
            s.conn.query_row(&format!("SELECT count(*) FROM {}", quote::ident(&table)), [], |r| r.get(0))?;
        if count >= LARGE_TABLE {
            let hint = format!(
                "hint: SCAN {name} reads all {count} rows of {table}; an index on the columns it filters by would let SQLite search instead"
            );
            writeln!(s.out, "{}", palette.paint(Role::Hint, &crate::engine::render::escape_controls(&hint)))?;
        }
    }
    s.out.flush()?;
    Ok(())
}

/// The rows of `EXPLAIN QUERY PLAN query`.
fn plan(conn: &Connection, query: &str) -> Result<Vec<PlanRow>> {
    let sql = format!("EXPLAIN QUERY PLAN {query}");
    let mut stmt = conn.prepare(&sql).map_err(|e| anyhow::anyhow!(crate::engine::error::sql_error_message(&e)))?;
    let rows = stmt
        .query_map([], |r| Ok(PlanRow { id: r.get(0)?, parent: r.get(1)?, detail: r.get(3)? }))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The step's text with the index it uses painted (`USING [COVERING] INDEX name`, `USING
/// INTEGER PRIMARY KEY`, `USING PRIMARY KEY`).
fn mark_index(detail: &str, palette: &Palette) -> String {
    let Some(at) = detail.find(" USING ") else { return detail.to_string() };
    let using = &detail[at + 1..];
    let end = if let Some(rest) =
        using.strip_prefix("USING COVERING INDEX ").or_else(|| using.strip_prefix("USING INDEX "))
    {
        let name_len = rest.find(' ').unwrap_or(rest.len());
        using.len() - rest.len() + name_len
    } else if using.starts_with("USING INTEGER PRIMARY KEY") {
        "USING INTEGER PRIMARY KEY".len()
    } else if using.starts_with("USING PRIMARY KEY") {
        "USING PRIMARY KEY".len()
    } else {
        return detail.to_string();
    };
    format!("{} {}{}", &detail[..at], palette.paint(Role::Keyword, &using[..end]), &using[end..])
}

/// The table (or alias) a step reads from end to end: `SCAN name` with no index.
fn full_scan(detail: &str) -> Option<&str> {
    let rest = detail.strip_prefix("SCAN ")?;
    if rest.contains(" USING ") || rest.starts_with('(') || rest.starts_with("CONSTANT") {
        return None;
    }
    rest.split(' ').next()
}

/// The table `name` stands for: itself, or the table it aliases in the query or a view.
fn resolve_table(conn: &Connection, query: &str, name: &str) -> Option<String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .ok()?
        .query_map([], |r| r.get(0))
        .ok()?
        .filter_map(Result::ok)
        .collect();
    let known = |w: &str| tables.iter().find(|t| t.eq_ignore_ascii_case(w)).cloned();
    if let Some(t) = known(name) {
        return Some(t);
    }
    let views: Vec<String> = conn
        .prepare("SELECT sql FROM sqlite_schema WHERE type = 'view' AND sql IS NOT NULL")
        .ok()?
        .query_map([], |r| r.get(0))
        .ok()?
        .filter_map(Result::ok)
        .collect();
    std::iter::once(query.to_string()).chain(views).find_map(|text| alias_of(&text, name, &known))
}

/// In `text`, the table written just before `alias` (`talks t`, `talks AS t`).
fn alias_of(text: &str, alias: &str, known: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let words: Vec<String> = tokenize(text)
        .iter()
        .filter(|t| !t.is_trivia())
        .map(|t| {
            let w = t.text(text);
            // An unterminated quote (`"x`) has no closing character to drop.
            if t.kind == Kind::QuotedIdent { w.get(1..w.len() - 1).unwrap_or("").to_string() } else { w.to_string() }
        })
        .collect();
    words.iter().enumerate().find_map(|(i, w)| {
        if !w.eq_ignore_ascii_case(alias) || i == 0 {
            return None;
        }
        let before =
            if words[i - 1].eq_ignore_ascii_case("as") { words.get(i.checked_sub(2)?)? } else { &words[i - 1] };
        known(before)
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::command::query_plan::*;

    #[test]
    fn full_scans_are_scan_steps_without_an_index() {
        assert_eq!(full_scan("SCAN t"), Some("t"));
        assert_eq!(full_scan("SCAN talks USING COVERING INDEX talks_year"), None);
        assert_eq!(full_scan("SCAN (subquery-4)"), None);
        assert_eq!(full_scan("SCAN CONSTANT ROW"), None);
        assert_eq!(full_scan("SEARCH t USING INDEX i (a=?)"), None);
    }

    #[test]
    fn aliases_lead_to_their_tables() {
        let known = |w: &str| ["talks", "events"].iter().find(|t| t.eq_ignore_ascii_case(w)).map(|t| t.to_string());
        let sql = "select * from talks t join events AS e on e.id = t.event_id";
        assert_eq!(alias_of(sql, "t", &known).as_deref(), Some("talks"));
        assert_eq!(alias_of(sql, "e", &known).as_deref(), Some("events"));
        assert_eq!(alias_of(sql, "x", &known), None);
        assert_eq!(alias_of("select * from talks \"", "t", &known), None, "an unterminated quote is no panic");
    }

    #[test]
    fn the_index_a_step_uses_is_painted() {
        let palette = Palette::new(true);
        let marked = mark_index("SEARCH t USING INDEX talks_year (year=?)", &palette);
        assert!(
            marked.starts_with("SEARCH t \u{1b}[") && marked.ends_with("USING INDEX talks_year\u{1b}[0m (year=?)"),
            "{marked:?}"
        );
        assert_eq!(mark_index("SCAN t", &palette), "SCAN t");
        assert_eq!(mark_index("SEARCH t USING INDEX i (a=?)", &Palette::new(false)), "SEARCH t USING INDEX i (a=?)");
    }
}
