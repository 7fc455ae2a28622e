//! `\facets COLUMN…`: the most common values of columns of the last result (or of a table),
//! counted with a small bar each, like datasette's facets.

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::types::Value;

use crate::engine::chart::Look;
use crate::engine::chart::facet_counts::{self, Facet, Split};
use crate::engine::command::arg_spec::Bound;
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer, Within};
use crate::engine::session::Session;
use crate::engine::sql::quote;
use crate::engine::style::Palette;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\facets",
    aliases: &[],
    args: &[
        Arg::Optional(&[Arg::Value("TABLE", Offer::Tables)]),
        Arg::Many(&[Arg::Value("COLUMN", Offer::Columns)]),
        Arg::Optional(&[Arg::Opt("--top", &Arg::Int("N", "--top", Within(1, 10_000)))]),
        Arg::Optional(&[Arg::Either(&[&[Arg::Flag("--split")], &[Arg::Flag("--whole")]])]),
    ],
    summary: "most common values of columns of the last result (or a table), with counts and bars",
    help: "For each COLUMN, lists its most common values with a count, a bar and their share of the\nrows, as datasette's facets do. Without TABLE it counts the last result (so \\search then\n\\facets shows what the matches have in common); with TABLE it counts the whole table.\nA column of comma-separated lists, such as talk_overview.tags, counts each listed value\n(--split forces this, --whole turns it off). --top N shows N values (default 10).\n\nExamples:\n  \\search python\n  \\facets year kind\n  \\facets talk_overview tags\n  \\facets talk_overview speakers --top 5",
    shows: &[],
    run: Handler::Acts(facets),
}];

/// Values a facet shows by default.
const TOP: usize = 10;
/// Most distinct values read from a table for one facet.
const MAX_GROUPS: i64 = 100_000;

struct Parsed {
    names: Vec<String>,
    top: usize,
    split: Split,
}

fn parse(b: &Bound) -> Result<Parsed> {
    let top = b.count("--top").unwrap_or(TOP);
    let split = match b.last_of(&["--split", "--whole"]) {
        Some("--split") => Split::Always,
        Some(_) => Split::Never,
        None => Split::Auto,
    };
    // TABLE and the columns are told apart by what the database holds, not by position.
    let names = b.all("TABLE").chain(b.all("COLUMN")).map(str::to_string).collect();
    Ok(Parsed { names, top, split })
}

/// True when `name` is a column of `talk_overview`.
fn is_overview_column(s: &Session, name: &str) -> bool {
    s.conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('talk_overview') WHERE name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get::<_, i64>(0),
        )
        .is_ok_and(|n| n > 0)
}

/// True when `name` is a table or view of the open database.
fn is_table(s: &Session, name: &str) -> bool {
    s.conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get::<_, i64>(0),
        )
        .is_ok_and(|n| n > 0)
}

/// Talk columns that list several values (`talk_overview.speakers`, `.tags`): counted from the
/// rows they list (`talk_speakers`, `talk_tags`) of the talks `talks` selects, never by splitting
/// the shown text ("John Smith, Jr." is one speaker).
fn talk_list_sql(column: &str, talks: &str) -> Option<String> {
    talk_list(column).map(|(_, sql)| sql.replace("{talks}", talks))
}

/// A talk list column's link table and its counting SQL (`{talks}`: the talks' ids).
fn talk_list(column: &str) -> Option<(&'static str, String)> {
    let (table, sql) = match column.to_lowercase().as_str() {
        "speakers" => (
            "talk_speakers",
            "SELECT s.name, count(*) FROM talk_speakers ts JOIN speakers s ON s.id = ts.speaker_id
             WHERE ts.talk_id IN ({talks}) GROUP BY s.id",
        ),
        "tags" => (
            "talk_tags",
            "SELECT g.name, count(*) FROM talk_tags tt JOIN tags g ON g.id = tt.tag_id
             WHERE tt.talk_id IN ({talks}) GROUP BY g.id",
        ),
        _ => return None,
    };
    Some((table, sql.to_string()))
}

/// Column `name` of every talk that `talks` (SQL with ?1 = `arg`) selects: a list column from its
/// rows, any other from `talk_overview`.
fn of_talks(s: &Session, name: &str, talks: &str, arg: Option<&str>) -> Result<Option<Facet>> {
    let (sql, listed) = match talk_list_sql(name, talks) {
        Some(sql) => (sql, true),
        None => (
            format!(
                "SELECT o.{c}, count(*) FROM talk_overview o WHERE o.id IN ({talks}) GROUP BY o.{c}",
                c = quote::ident(name)
            ),
            false,
        ),
    };
    let Ok(mut stmt) = s.conn.prepare(&sql) else { return Ok(None) };
    let groups: Vec<(Value, u64)> = stmt
        .query_map(rusqlite::params_from_iter(arg), |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
        .collect::<Result<_, _>>()?;
    let mut facet = facet_counts::count(name, groups, if listed { Split::Never } else { Split::Auto });
    if listed {
        // Shares are of the talks, as for any other column, not of the listed values.
        let link = talk_list(name).map_or("talk_tags", |(table, _)| table);
        let (n, with): (i64, i64) = s.conn.query_row(
            &format!(
                "SELECT count(*), (SELECT count(DISTINCT talk_id) FROM {link} WHERE talk_id IN ({talks})) FROM ({talks})"
            ),
            rusqlite::params_from_iter(arg),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        facet.rows = n.max(0) as u64;
        // Talks that list none: the NULLs of the shown column.
        facet.nulls = (n - with).max(0) as u64;
        facet.split = true;
    }
    Ok(Some(facet))
}

/// Column `name` of the last result, grouped as `GROUP BY` would. After `\search`, every match
/// is counted, not only the page shown.
fn from_result(s: &Session, name: &str, split: Split) -> Result<Facet> {
    let Some(result) = s.last_result.as_ref() else { bail!("no last result") };
    if let Some(fts) = s.last_search.as_deref()
        && !matches!(split, Split::Always)
    {
        let all = "SELECT rowid FROM talk_search WHERE talk_search MATCH ?1";
        if let Some(mut facet) = of_talks(s, name, all, Some(fts))? {
            facet.column = format!("{name} (all {} matches of the search)", facet.rows);
            return Ok(facet);
        }
    }
    let Some(i) = result.column(name) else {
        return of_listed_talks(s, name, split);
    };
    let mut groups: Vec<(Value, u64)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for row in &result.rows {
        let v = row.get(i).cloned().unwrap_or(Value::Null);
        let k = format!("{v:?}");
        match index.get(&k) {
            Some(&at) => groups[at].1 += 1,
            None => {
                index.insert(k, groups.len());
                groups.push((v, 1));
            }
        }
    }
    Ok(facet_counts::count(&result.columns[i], groups, split))
}

/// A column the last result lacks, counted over the talks it lists: `\search` shows id, title and
/// year, and `\facets kind` then counts `talk_overview.kind` of those talks.
fn of_listed_talks(s: &Session, name: &str, split: Split) -> Result<Facet> {
    let Some(result) = s.last_result.as_ref() else { bail!("no last result") };
    let missing = || anyhow::anyhow!("no column {name} in the last result (columns: {})", result.columns.join(", "));
    let ids: Vec<i64> = match result.column("id") {
        Some(i) => result
            .rows
            .iter()
            .filter_map(|r| if let Some(Value::Integer(id)) = r.get(i) { Some(*id) } else { None })
            .collect(),
        None => return Err(missing()),
    };
    let ids_json = format!("[{}]", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
    let Some(mut facet) = of_talks(s, name, "SELECT value FROM json_each(?1)", Some(&ids_json))? else {
        return Err(missing());
    };
    if split != Split::Auto && talk_list_sql(name, "").is_none() {
        let groups = facet.counts.iter().map(|(k, n)| (Value::Text(k.clone()), *n)).collect();
        facet = facet_counts::count(name, groups, split);
    }
    facet.column = format!("{name} (talk_overview, of these {} talks)", ids.len());
    Ok(facet)
}

/// Column `column` of `table`, grouped in SQL.
fn from_table(s: &Session, table: &str, column: &str, split: Split) -> Result<(Facet, bool)> {
    if table.eq_ignore_ascii_case("talk_overview")
        && split != Split::Always
        && talk_list_sql(column, "").is_some()
        && let Some(facet) = of_talks(s, column, "SELECT id FROM talks", None)?
    {
        return Ok((facet, false));
    }
    // Qualified, so a missing column is an error: SQLite reads a bare "nosuch" as a string.
    let sql = format!(
        "SELECT x.{c}, count(*) FROM {t} AS x GROUP BY x.{c} ORDER BY count(*) DESC LIMIT ?1",
        c = quote::ident(column),
        t = quote::ident(table)
    );
    let mut stmt = match s.conn.prepare(&sql) {
        Ok(stmt) => stmt,
        Err(e) => {
            let msg = crate::engine::error::sql_error_message(&e);
            if msg.starts_with("no such column") {
                bail!("{table} has no column {column}");
            }
            bail!("{msg}");
        }
    };
    let groups: Vec<(Value, u64)> =
        stmt.query_map([MAX_GROUPS + 1], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?.collect::<Result<_, _>>()?;
    let partial = groups.len() as i64 > MAX_GROUPS;
    let groups = groups.into_iter().take(MAX_GROUPS as usize).collect();
    Ok((facet_counts::count(column, groups, split), partial))
}

fn facets(s: &mut Session, inv: &Invocation) -> Result<()> {
    let p = parse(&inv.bound)?;
    // After \\search, talk columns (`tags`, `speakers`, `kind` …) are the matches', not tables.
    let first_is_column = s.last_result.as_ref().is_some_and(|r| r.column(&p.names[0]).is_some())
        || (s.last_search.is_some() && is_overview_column(s, &p.names[0]));
    let table = (!first_is_column && is_table(s, &p.names[0])).then(|| p.names[0].clone());
    let columns = if table.is_some() { &p.names[1..] } else { &p.names[..] };
    if let Some(t) = &table
        && columns.is_empty()
    {
        bail!("name the columns of {t} to count: \\facets {t} COLUMN…");
    }
    if table.is_none() && s.last_result.is_none() {
        bail!("nothing to count yet: run a query first, or name a table: \\facets TABLE COLUMN…");
    }
    let to_terminal = s.out.is_terminal();
    let look = Look {
        width: s.out.width().map_or(80, usize::from).max(40),
        ascii: s.settings.chart_ascii,
        palette: Palette::themed(s.settings.paints(to_terminal), s.settings.theme),
        markdown: false,
        top: p.top,
        null_marker: s.settings.null_marker.clone(),
    };
    let mut text = String::new();
    for (n, column) in columns.iter().enumerate() {
        let (facet, partial) = match &table {
            Some(t) => from_table(s, t, column, p.split)?,
            None => (from_result(s, column, p.split)?, false),
        };
        if n > 0 {
            text.push('\n');
        }
        text.push_str(&facet_counts::draw(&facet, &look));
        if partial {
            text.push_str(&format!("  (counted over the {MAX_GROUPS} most common values)\n"));
        }
    }
    if table.is_none()
        && let Some(note) = s.last_result.as_ref().and_then(|r| r.capped_note())
    {
        text.push_str(&format!("{note}\n"));
    }
    s.out.write_all(text.as_bytes())?;
    s.out.flush()?;
    Ok(())
}
