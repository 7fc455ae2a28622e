//! psql's commands that run the query buffer and do more with its result: `\gexec` runs each
//! value as a statement, `\crosstabview` pivots the result into a grid. The input layer hands
//! them the query buffer (or the last query) through an `Effect`.

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::types::{Value, ValueRef};

use crate::engine::command::{Arg, Command, Effect, Handler, Invocation, Offer};
use crate::engine::render::{RenderContext, Renderer, escape_controls, renderer_for};
use crate::engine::session::Session;
use crate::engine::settings::Format;

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\gexec",
        aliases: &[],
        args: &[],
        summary: "run the query buffer, then run each value of its result as a statement (psql)",
        help: "As psql's \\gexec: runs the query buffer (or the last query), then each non-NULL value of its\nresult, row by row and left to right, as an SQL statement of its own. At the prompt, a DROP or a\nDELETE without WHERE among them still asks first.\n\nExample:\n  select 'drop view ' || name from sqlite_schema where name like 'tmp_%' \\gexec",
        shows: &[],
        run: Handler::Asks(gexec),
    },
    Command {
        name: "\\crosstabview",
        aliases: &[],
        args: &[Arg::Optional(&[
            Arg::Value("COLV", Offer::Columns),
            Arg::Optional(&[
                Arg::Value("COLH", Offer::Columns),
                Arg::Optional(&[
                    Arg::Value("COLD", Offer::Columns),
                    Arg::Optional(&[Arg::Value("SORTCOLH", Offer::Columns)]),
                ]),
            ]),
        ])],
        summary: "run the query buffer and show its result as a grid: COLV down, COLH across, COLD in the cells (psql)",
        help: "As psql's \\crosstabview: one row for each value of COLV, one column for each value of COLH (both\nin the order they first appear), COLD in the cells. Columns are named or numbered from 1 (a quoted\nname matches exactly, an unquoted one in any case); COLV and COLH default to the first and second,\nCOLD to the one left when the result has three. With SORTCOLH, the COLH columns are ordered by that\ncolumn's integer values (from each COLH value's first row; other values count as 0). A cell no row\nfills is blank; two values for one cell are an error.\n\nExamples:\n  select year, kind, count(*) from talk_overview group by 1, 2 \\crosstabview\n  select kind, year, count(*), -year from talk_overview group by 1, 2 \\crosstabview 1 2 3 4",
        shows: &[],
        run: Handler::Asks(crosstab),
    },
];

fn gexec(_: &mut Session, _: &Invocation) -> Result<Effect> {
    Ok(Effect::ExecEachValue)
}

fn crosstab(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    Ok(Effect::Crosstab(inv.args.iter().cloned().zip(inv.quoted.iter().copied()).collect()))
}

/// Keeps a whole result: its column names and rows.
#[derive(Default)]
struct Kept {
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

impl Renderer for Kept {
    fn begin(&mut self, _: &mut dyn Write, columns: &[String]) -> std::io::Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }

    fn row(&mut self, _: &mut dyn Write, row: &[ValueRef<'_>]) -> std::io::Result<()> {
        let row = row.iter().map(|v| Value::try_from(*v)).collect::<Result<_, _>>().map_err(std::io::Error::other)?;
        self.rows.push(row);
        Ok(())
    }

    fn end(&mut self, _: &mut dyn Write, _: Option<u64>) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `sql` (its statements, the last one's result kept) without printing.
fn keep(s: &mut Session, sql: &str, name: &str) -> Result<Kept> {
    let mut last = None;
    for st in crate::engine::sql::split(sql) {
        let mut kept = Kept::default();
        crate::engine::exec::run(
            &s.conn,
            crate::engine::exec::Sql::new(st.text).vars(&s.vars),
            &mut kept,
            &mut std::io::sink(),
        )?;
        last = Some(kept);
    }
    match last {
        Some(k) if !k.columns.is_empty() => Ok(k),
        _ => bail!("{name}: the query returns no rows to use"),
    }
}

/// `\gexec`: the non-NULL values of `sql`'s result, row by row, left to right, as statements.
pub(crate) fn statements_from(s: &mut Session, sql: &str) -> Result<Vec<String>> {
    let kept = keep(s, sql, "\\gexec")?;
    let text = |v: &Value| match v {
        Value::Null => None,
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(r) => Some(r.to_string()),
        Value::Text(t) => Some(t.clone()),
        Value::Blob(b) => Some(String::from_utf8_lossy(b).into_owned()),
    };
    Ok(kept.rows.iter().flat_map(|r| r.iter().filter_map(text)).filter(|t| !t.trim().is_empty()).collect())
}

/// `\crosstabview`: runs `sql` and draws its result pivoted, in the session's format.
pub(crate) fn show_crosstab(s: &mut Session, sql: &str, args: &[(String, bool)]) -> Result<()> {
    let kept = keep(s, sql, "\\crosstabview")?;
    let picked = pick_columns(&kept.columns, args)?;
    let grid = pivot(&kept, picked, &s.settings.null_marker)?;
    let ctx = RenderContext::from_settings(&s.settings, s.out.is_terminal(), s.out.width());
    let mut renderer = renderer_for(s.settings.format, ctx);
    let pager = (s.settings.pager && s.out.is_terminal())
        .then(|| crate::engine::output::pager_command(s.settings.pager_command.as_deref()));
    s.out.begin_result(pager);
    // psql leaves a cell no row fills blank, apart from a NULL one (shown as `\pset null`); in
    // csv, json and the like it stays NULL, which is what psql's csv writes for it.
    let aligned = matches!(s.settings.format, Format::Table | Format::Box | Format::Vertical);
    let empty = if aligned { Value::Text(String::new()) } else { Value::Null };
    let drawn = (|| -> std::io::Result<()> {
        renderer.begin(&mut s.out, &grid.columns)?;
        for r in 0..grid.rows.len() {
            if renderer.full() {
                break;
            }
            let row = grid.row(r, &kept, picked.d, &empty);
            let refs: Vec<ValueRef<'_>> = row.iter().map(ValueRef::from).collect();
            renderer.row(&mut s.out, &refs)?;
        }
        renderer.end(&mut s.out, Some(grid.rows.len() as u64))
    })();
    let ended = s.out.end_result();
    drawn?;
    ended?;
    Ok(())
}

/// The columns `\crosstabview` reads: down, across, in the cells, and what orders the columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Picked {
    v: usize,
    h: usize,
    d: usize,
    sort: Option<usize>,
}

/// The vertical, horizontal and data columns and the sort column, as psql picks them: named or
/// numbered from 1; by default the first two, and the one left over when the result has three.
fn pick_columns(columns: &[String], args: &[(String, bool)]) -> Result<Picked> {
    if columns.len() < 3 {
        bail!("\\crosstabview: the query must return at least three columns (it returns {})", columns.len());
    }
    let find = |a: &(String, bool)| column_index(columns, &a.0, a.1);
    let v = args.first().map(find).transpose()?.unwrap_or(0);
    let h = args.get(1).map(find).transpose()?.unwrap_or(1);
    if v == h {
        bail!("\\crosstabview: the vertical and horizontal columns must differ");
    }
    let d = match args.get(2) {
        Some(a) => find(a)?,
        None if columns.len() == 3 => (0..3).find(|i| *i != v && *i != h).unwrap_or(2),
        None => bail!("\\crosstabview: name the data column (the result has {} columns)", columns.len()),
    };
    let sort = args.get(3).map(find).transpose()?;
    Ok(Picked { v, h, d, sort })
}

/// Column `arg` of the result: a number from 1 when it is unquoted digits, else a name (quoted:
/// exactly; unquoted: exactly, else in any case, as SQLite reads names). Two matches are an error.
fn column_index(columns: &[String], arg: &str, quoted: bool) -> Result<usize> {
    let shown = escape_controls(arg);
    if !quoted && !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit()) {
        return match arg.parse::<usize>() {
            Ok(n) if (1..=columns.len()).contains(&n) => Ok(n - 1),
            _ => bail!("\\crosstabview: column number {shown} is out of range 1 to {}", columns.len()),
        };
    }
    let exact: Vec<usize> = (0..columns.len()).filter(|i| columns[*i] == arg).collect();
    let matches = if exact.is_empty() && !quoted {
        (0..columns.len()).filter(|i| columns[*i].to_lowercase() == arg.to_lowercase()).collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [i] => Ok(*i),
        [] => bail!("\\crosstabview: no column named '{shown}' in the result"),
        _ => bail!("\\crosstabview: the result has more than one column named '{shown}'"),
    }
}

/// A header value's text, as psql compares and shows it.
fn label(val: &Value, null: &str) -> String {
    match val {
        Value::Null => null.to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => crate::engine::sql::number::format_real(*r, 17),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
    }
}

/// psql's rank of a header column from its sort value: the value when it reads as an integer
/// (`-?[0-9]+`), else 0.
fn rank(val: &Value) -> i64 {
    match val {
        Value::Integer(i) => *i,
        Value::Text(t) => {
            let digits = t.strip_prefix('-').unwrap_or(t);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) { t.parse().unwrap_or(0) } else { 0 }
        }
        _ => 0,
    }
}

/// psql's limit on the columns of a grid.
const MAX_COLUMNS: usize = 1600;

/// A header value as psql tells values apart: by text, NULL apart from every text.
fn key(val: &Value) -> Option<String> {
    (!matches!(val, Value::Null)).then(|| label(val, ""))
}

/// The pivoted result: column names, and per row its COLV value and its cells as (column, row of
/// the result whose COLD it shows), so the grid costs what the result holds, however sparse.
struct Grid<'a> {
    columns: Vec<String>,
    rows: Vec<(&'a Value, Vec<(usize, usize)>)>,
}

impl Grid<'_> {
    /// Row `r` of the grid: its COLV value, then each column's COLD value, or `empty` where no
    /// row of the result fills the cell.
    fn row(&self, r: usize, kept: &Kept, d: usize, empty: &Value) -> Vec<Value> {
        let (head, cells) = &self.rows[r];
        let mut row = vec![empty.clone(); self.columns.len()];
        row[0] = (*head).clone();
        for &(c, source) in cells {
            row[c + 1] = kept.rows[source][d].clone();
        }
        row
    }
}

/// The grid: COLV's name then one column per distinct COLH value; one row per distinct COLV value.
fn pivot<'a>(kept: &'a Kept, p: Picked, null: &str) -> Result<Grid<'a>> {
    use std::collections::HashMap;
    let mut across: Vec<&Value> = Vec::new();
    let mut ranks: Vec<i64> = Vec::new();
    let mut column_of: HashMap<Option<String>, usize> = HashMap::new();
    let mut row_of: HashMap<Option<String>, usize> = HashMap::new();
    let mut rows: Vec<(&Value, Vec<(usize, usize)>)> = Vec::new();
    let mut placed: Vec<(usize, usize, usize)> = Vec::with_capacity(kept.rows.len());
    for (source, row) in kept.rows.iter().enumerate() {
        let c = *column_of.entry(key(&row[p.h])).or_insert_with(|| {
            across.push(&row[p.h]);
            // The sort value of a COLH value's first row, as psql keeps it.
            ranks.push(p.sort.map_or(0, |c| rank(&row[c])));
            across.len() - 1
        });
        if across.len() > MAX_COLUMNS {
            bail!("\\crosstabview: the grid would have more than {MAX_COLUMNS} columns (psql's limit)");
        }
        let r = *row_of.entry(key(&row[p.v])).or_insert_with(|| {
            rows.push((&row[p.v], Vec::new()));
            rows.len() - 1
        });
        placed.push((r, c, source));
    }
    // Stable: equal ranks keep the order of first appearance.
    let mut order: Vec<usize> = (0..across.len()).collect();
    if p.sort.is_some() {
        order.sort_by_key(|&i| ranks[i]);
    }
    let mut position = vec![0; across.len()];
    for (at, &i) in order.iter().enumerate() {
        position[i] = at;
    }
    let mut filled = std::collections::HashSet::new();
    for (r, c, source) in placed {
        if !filled.insert((r, c)) {
            let row = &kept.rows[source];
            bail!(
                "\\crosstabview: the result has more than one value for row '{}', column '{}'",
                escape_controls(&label(&row[p.v], null)),
                escape_controls(&label(&row[p.h], null))
            );
        }
        rows[r].1.push((position[c], source));
    }
    let mut columns = vec![kept.columns[p.v].clone()];
    columns.extend(order.iter().map(|&i| label(across[i], null)));
    Ok(Grid { columns, rows })
}

#[cfg(test)]
mod tests {
    use crate::engine::command::psql_query::*;

    fn kept(rows: &[(&str, &str, i64)]) -> Kept {
        Kept {
            columns: vec!["year".into(), "kind".into(), "n".into()],
            rows: rows
                .iter()
                .map(|(a, b, n)| vec![Value::Text((*a).into()), Value::Text((*b).into()), Value::Integer(*n)])
                .collect(),
        }
    }

    #[test]
    fn pivots_in_order_of_appearance_with_empty_cells() {
        let k = kept(&[("2017", "talk", 3), ("2017", "keynote", 1), ("2018", "talk", 5)]);
        let (cols, rows) = grid(&k, Picked { v: 0, h: 1, d: 2, sort: None });
        assert_eq!(cols, ["year", "talk", "keynote"]);
        assert_eq!(rows[0], [Value::Text("2017".into()), Value::Integer(3), Value::Integer(1)]);
        assert_eq!(rows[1], [Value::Text("2018".into()), Value::Integer(5), Value::Null]);
    }

    fn grid(k: &Kept, p: Picked) -> (Vec<String>, Vec<Vec<Value>>) {
        let g = pivot(k, p, "").expect("pivot");
        let rows = (0..g.rows.len()).map(|r| g.row(r, k, p.d, &Value::Null)).collect();
        (g.columns, rows)
    }

    #[test]
    fn values_are_told_apart_by_text_and_columns_are_capped() {
        let k = Kept {
            columns: vec!["v".into(), "h".into(), "d".into()],
            rows: vec![
                vec![Value::Integer(1), Value::Null, Value::Integer(10)],
                vec![Value::Text("1".into()), Value::Text("".into()), Value::Integer(20)],
            ],
        };
        // 1 and '1' are one row (psql compares text); NULL and '' are two columns.
        let (cols, rows) = grid(&k, Picked { v: 0, h: 1, d: 2, sort: None });
        assert_eq!(cols, ["v", "", ""]);
        assert_eq!(rows, [[Value::Integer(1), Value::Integer(10), Value::Integer(20)]]);
        let wide = Kept {
            columns: k.columns.clone(),
            rows: (0..=MAX_COLUMNS as i64).map(|i| vec![Value::Integer(0), Value::Integer(i), Value::Null]).collect(),
        };
        let err = pivot(&wide, Picked { v: 0, h: 1, d: 2, sort: None }, "").err().expect("too wide").to_string();
        assert!(err.contains("more than 1600 columns"), "{err}");
    }

    fn args(a: &[&str]) -> Vec<(String, bool)> {
        a.iter().map(|a| (a.trim_matches('"').to_string(), a.starts_with('"'))).collect()
    }

    #[test]
    fn two_values_for_one_cell_and_bad_columns_are_errors() {
        let k = kept(&[("2017", "talk", 3), ("2017", "talk", 4)]);
        let p = Picked { v: 0, h: 1, d: 2, sort: None };
        assert!(
            pivot(&k, p, "")
                .err()
                .expect("two values")
                .to_string()
                .contains("more than one value for row '2017', column 'talk'")
        );
        let cols = k.columns.clone();
        let pick = |a: &[&str]| pick_columns(&cols, &args(a)).map(|p| (p.v, p.h, p.d, p.sort));
        assert_eq!(pick(&[]).expect("defaults"), (0, 1, 2, None));
        assert_eq!(pick(&["KIND", "1"]).expect("named"), (1, 0, 2, None));
        assert_eq!(pick(&["1", "2", "3", "n"]).expect("sorted"), (0, 1, 2, Some(2)));
        assert!(pick(&["4"]).unwrap_err().to_string().contains("column number 4 is out of range 1 to 3"));
        assert!(pick(&["\"KIND\""]).unwrap_err().to_string().contains("no column named 'KIND'"));
        assert!(pick(&["nope"]).unwrap_err().to_string().contains("no column named 'nope'"));
        assert!(pick(&["year", "year"]).is_err());
        assert!(pick_columns(&cols[..2], &args(&["1", "2", "1"])).is_err(), "three columns at least, always");
        let twice = ["a".to_string(), "A".to_string(), "n".to_string()];
        assert!(pick_columns(&twice, &args(&["a"])).is_ok(), "an exact match wins");
        assert!(pick_columns(&twice, &args(&["\"a\"", "n"])).is_ok());
        let err = pick_columns(&twice, &args(&["2", "A2"])).unwrap_err().to_string();
        assert!(err.contains("no column named 'A2'"), "{err}");
        let same = ["a".to_string(), "a".to_string(), "n".to_string()];
        assert!(pick_columns(&same, &args(&["a"])).unwrap_err().to_string().contains("more than one column named"));
    }

    #[test]
    fn a_sort_column_orders_the_header_by_its_integers() {
        // kind ranked by its first row's n: keynote 1, other -2 (text), talk 3; 'x' ranks as 0.
        let k = Kept {
            columns: vec!["year".into(), "kind".into(), "n".into(), "r".into()],
            rows: [
                ("2017", "talk", 3, Value::Integer(3)),
                ("2017", "keynote", 1, Value::Integer(1)),
                ("2018", "talk", 5, Value::Integer(9)),
                ("2018", "other", 2, Value::Text("-2".into())),
                ("2018", "lightning", 4, Value::Text("x".into())),
            ]
            .into_iter()
            .map(|(y, kind, n, r)| vec![Value::Text(y.into()), Value::Text(kind.into()), Value::Integer(n), r])
            .collect(),
        };
        let (cols, rows) = grid(&k, Picked { v: 0, h: 1, d: 2, sort: Some(3) });
        assert_eq!(cols, ["year", "other", "lightning", "keynote", "talk"]);
        assert_eq!(
            rows[1],
            [Value::Text("2018".into()), Value::Integer(2), Value::Integer(4), Value::Null, Value::Integer(5)]
        );
    }
}
