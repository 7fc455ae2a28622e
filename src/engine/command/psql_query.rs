//! psql's commands that run the query buffer and do more with its result: `\gexec` runs each
//! value as a statement, `\crosstabview` pivots the result into a grid. The input layer hands
//! them the query buffer (or the last query) through an `Effect`.

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::types::{Value, ValueRef};

use crate::engine::command::{Arg, Command, Effect, Handler, Invocation, Offer};
use crate::engine::render::{RenderContext, Renderer, escape_controls, renderer_for};
use crate::engine::session::Session;

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
            Arg::Value("COLV", Offer::Free),
            Arg::Optional(&[Arg::Value("COLH", Offer::Free), Arg::Optional(&[Arg::Value("COLD", Offer::Free)])]),
        ])],
        summary: "run the query buffer and show its result as a grid: COLV down, COLH across, COLD in the cells (psql)",
        help: "As psql's \\crosstabview: one row for each value of COLV, one column for each value of COLH (both\nin the order they first appear), COLD in the cells. Columns are named or numbered from 1; with\nthree columns in the result they default to the first, second and third. Two values for one cell\nare an error.\n\nExample:\n  select year, kind, count(*) from talk_overview group by 1, 2 \\crosstabview",
        shows: &[],
        run: Handler::Asks(crosstab),
    },
];

fn gexec(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    if !inv.args.is_empty() {
        bail!("{}", inv.usage);
    }
    Ok(Effect::ExecEachValue)
}

fn crosstab(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    if inv.args.len() > 3 {
        bail!("{}", inv.usage);
    }
    Ok(Effect::Crosstab(inv.args.clone()))
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
        crate::engine::exec::run(&s.conn, st.text, &[], Some(&s.vars), &mut kept, &mut std::io::sink())?;
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
pub(crate) fn show_crosstab(s: &mut Session, sql: &str, args: &[String]) -> Result<()> {
    let kept = keep(s, sql, "\\crosstabview")?;
    let (v, h, d) = pick_columns(&kept.columns, args)?;
    let (columns, rows) = pivot(&kept, v, h, d)?;
    let ctx = RenderContext::from_settings(&s.settings, s.out.is_terminal(), s.out.width());
    let mut renderer = renderer_for(s.settings.format, ctx);
    let pager = (s.settings.pager && s.out.is_terminal())
        .then(|| crate::engine::output::pager_command(s.settings.pager_command.as_deref()));
    s.out.begin_result(pager);
    let drawn = (|| -> std::io::Result<()> {
        renderer.begin(&mut s.out, &columns)?;
        for row in &rows {
            let refs: Vec<ValueRef<'_>> = row.iter().map(ValueRef::from).collect();
            renderer.row(&mut s.out, &refs)?;
        }
        renderer.end(&mut s.out, Some(rows.len() as u64))
    })();
    let ended = s.out.end_result();
    drawn?;
    ended?;
    Ok(())
}

/// The vertical, horizontal and data columns: named or numbered from 1; by default the first two,
/// and the one left over when the result has three.
fn pick_columns(columns: &[String], args: &[String]) -> Result<(usize, usize, usize)> {
    if columns.len() < 3 && args.len() < 3 {
        bail!("\\crosstabview: the query must return at least three columns (it returns {})", columns.len());
    }
    let find = |a: &String| -> Result<usize> {
        if let Ok(n) = a.parse::<usize>() {
            return (1..=columns.len()).contains(&n).then(|| n - 1).ok_or_else(|| {
                anyhow::anyhow!("\\crosstabview: column number {n} is out of range 1 to {}", columns.len())
            });
        }
        columns
            .iter()
            .position(|c| c == a)
            .or_else(|| columns.iter().position(|c| c.eq_ignore_ascii_case(a)))
            .ok_or_else(|| anyhow::anyhow!("\\crosstabview: no column named '{}' in the result", escape_controls(a)))
    };
    let v = args.first().map(&find).transpose()?.unwrap_or(0);
    let h = args.get(1).map(&find).transpose()?.unwrap_or(1);
    if v == h {
        bail!("\\crosstabview: the vertical and horizontal columns must differ");
    }
    let d = match args.get(2) {
        Some(a) => find(a)?,
        None => {
            let rest: Vec<usize> = (0..columns.len()).filter(|i| *i != v && *i != h).collect();
            match rest.as_slice() {
                [d] => *d,
                _ => bail!("\\crosstabview: name the data column (the result has {} columns)", columns.len()),
            }
        }
    };
    Ok((v, h, d))
}

/// The grid: COLV's name then one column per distinct COLH value; one row per distinct COLV value.
fn pivot(kept: &Kept, v: usize, h: usize, d: usize) -> Result<(Vec<String>, Vec<Vec<Value>>)> {
    let label = |val: &Value| match val {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
    };
    let mut across: Vec<&Value> = Vec::new();
    let mut down: Vec<&Value> = Vec::new();
    for row in &kept.rows {
        if !across.contains(&&row[h]) {
            across.push(&row[h]);
        }
        if !down.contains(&&row[v]) {
            down.push(&row[v]);
        }
    }
    let mut grid = vec![vec![Value::Null; across.len() + 1]; down.len()];
    let mut filled = vec![vec![false; across.len()]; down.len()];
    for (r, key) in down.iter().enumerate() {
        grid[r][0] = (*key).clone();
    }
    for row in &kept.rows {
        let r = down.iter().position(|x| *x == &row[v]).unwrap_or(0);
        let c = across.iter().position(|x| *x == &row[h]).unwrap_or(0);
        if filled[r][c] {
            bail!(
                "\\crosstabview: the result has more than one value for row '{}', column '{}'",
                escape_controls(&label(&row[v])),
                escape_controls(&label(&row[h]))
            );
        }
        filled[r][c] = true;
        grid[r][c + 1] = row[d].clone();
    }
    let mut columns = vec![kept.columns[v].clone()];
    columns.extend(across.iter().map(|x| label(x)));
    Ok((columns, grid))
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
        let (cols, rows) = pivot(&k, 0, 1, 2).expect("pivot");
        assert_eq!(cols, ["year", "talk", "keynote"]);
        assert_eq!(rows[0], [Value::Text("2017".into()), Value::Integer(3), Value::Integer(1)]);
        assert_eq!(rows[1], [Value::Text("2018".into()), Value::Integer(5), Value::Null]);
    }

    #[test]
    fn two_values_for_one_cell_and_bad_columns_are_errors() {
        let k = kept(&[("2017", "talk", 3), ("2017", "talk", 4)]);
        assert!(
            pivot(&k, 0, 1, 2).unwrap_err().to_string().contains("more than one value for row '2017', column 'talk'")
        );
        let cols = k.columns.clone();
        assert_eq!(pick_columns(&cols, &[]).expect("defaults"), (0, 1, 2));
        assert_eq!(pick_columns(&cols, &["kind".into(), "1".into()]).expect("named"), (1, 0, 2));
        assert!(pick_columns(&cols, &["4".into()]).is_err());
        assert!(pick_columns(&cols, &["nope".into()]).unwrap_err().to_string().contains("no column named 'nope'"));
        assert!(pick_columns(&cols, &["year".into(), "year".into()]).is_err());
        assert!(pick_columns(&cols[..2], &[]).is_err());
    }
}
