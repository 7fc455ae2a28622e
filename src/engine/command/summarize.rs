//! `\summarize TABLE|QUERY`: one row per column with its type, min, max, distinct count, average,
//! quartiles and NULL share, as DuckDB's SUMMARIZE. All of it is one SQL query that scans the
//! data once (SQLite's min/max/count plus the `talkcli_profile` aggregate), so it stays fast on
//! large tables.

use anyhow::{Result, bail};

use crate::engine::command::shortcut_sql;
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::session::Session;
use crate::engine::sql::quote;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\summarize",
    aliases: &[],
    args: &[Arg::Text("TABLE|QUERY", Offer::Tables)],
    summary: "one row per column: type, min, max, distinct values, NULL %, average and quartiles",
    help: "Profiles a table, a view or the rows of a query in one scan, as DuckDB's SUMMARIZE:\ncolumn type (declared, else the storage classes seen), min, max, distinct values (exact up\nto 100,000, then a HyperLogLog estimate within about 2%), for numeric columns the average\nand the quartiles q25/q50/q75 (values the column holds: position ⌊p·(n−1)⌋ in sorted\norder), the row count and the share of NULLs.\n\nExamples:\n  \\summarize talks\n  \\summarize talk_overview\n  \\summarize select minutes, year from talk_overview where kind = 'keynote'",
    shows: &[],
    run: Handler::Acts(summarize),
}];

/// One column of the source: its name and declared type.
struct Column {
    name: String,
    decl: Option<String>,
}

/// The source to scan (a quoted table name or a parenthesised query) and its columns.
fn source(s: &Session, arg: &str) -> Result<(String, Vec<Column>)> {
    let arg = arg.trim().trim_end_matches(';').trim();
    let is_name = !arg.contains(char::is_whitespace)
        && s.conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE",
                [arg],
                |r| r.get::<_, i64>(0),
            )
            .is_ok_and(|n| n > 0);
    let from = if is_name {
        quote::ident(arg)
    } else if arg
        .split_whitespace()
        .next()
        .is_some_and(|w| ["select", "with", "values"].iter().any(|k| w.eq_ignore_ascii_case(k)))
    {
        format!("({arg})")
    } else {
        bail!("no table or view named {arg} (\\summarize takes a table, a view or a SELECT query)");
    };
    let probe = format!("SELECT * FROM {from} AS q LIMIT 0");
    let stmt =
        s.conn.prepare(&probe).map_err(|e| anyhow::anyhow!("{}", crate::engine::error::sql_error_message(&e)))?;
    if !stmt.readonly() {
        bail!("\\summarize reads only: give it a SELECT query");
    }
    let columns = stmt
        .columns()
        .map(|c| Column { name: c.name().to_string(), decl: c.decl_type().map(str::to_string) })
        .collect();
    Ok((from, columns))
}

/// The one query: a single scan into one row of aggregates, unfolded into a row per column.
fn summary_sql(from: &str, columns: &[Column]) -> String {
    let mut scan = vec!["count(*) AS n".to_string()];
    for (i, c) in columns.iter().enumerate() {
        let col = format!("q.{}", quote::ident(&c.name));
        scan.push(format!("min({col}) AS min{i}, max({col}) AS max{i}, count({col}) AS count{i}"));
    }
    // One profile call per row for all columns: a call per column per row costs more than the work.
    let all: Vec<String> = columns.iter().map(|c| format!("q.{}", quote::ident(&c.name))).collect();
    scan.push(format!("talkcli_profile({}) AS p", all.join(", ")));
    let rows: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let decl = c.decl.as_deref().map_or_else(|| "NULL".to_string(), quote::text);
            format!(
                "SELECT {name} AS column_name, coalesce({decl}, nullif(json_extract(p, '$[{i}].types'), '')) AS column_type,\n       \
                 min{i} AS min, max{i} AS max, json_extract(p, '$[{i}].distinct') AS distinct_values,\n       \
                 round(json_extract(p, '$[{i}].avg'), 2) AS avg, json_extract(p, '$[{i}].q[0]') AS q25,\n       \
                 json_extract(p, '$[{i}].q[1]') AS q50, json_extract(p, '$[{i}].q[2]') AS q75, n AS count,\n       \
                 round(100.0 * (n - count{i}) / max(n, 1), 1) AS null_pct\nFROM scan",
                name = quote::text(&c.name)
            )
        })
        .collect();
    format!(
        "WITH scan AS MATERIALIZED (\n  SELECT {}\n  FROM {from} AS q\n)\n{}",
        scan.join(",\n         "),
        rows.join("\nUNION ALL\n")
    )
}

fn summarize(s: &mut Session, inv: &Invocation) -> Result<()> {
    let (from, columns) = source(s, &inv.rest)?;
    if columns.is_empty() {
        bail!("nothing to summarize: the query has no columns");
    }
    let sql = summary_sql(&from, &columns);
    shortcut_sql::run(s, inv, &sql, &[])?;
    Ok(())
}
