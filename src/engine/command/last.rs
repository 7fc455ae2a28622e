//! `\last`: the last result again, every row of it (no row limit, in the pager when it is taller
//! than the screen), or written to a CSV file. It reads the temp table `_`, so it shows the full
//! result, not only the rows the screen showed.

use anyhow::{Context, Result};

use crate::engine::command::data::status;
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::render::{RenderContext, renderer_for};
use crate::engine::session::{Query, Session};
use crate::engine::settings::Format;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\last",
    aliases: &[],
    args: &[Arg::Optional(&[Arg::Word(&["csv"]), Arg::Value("FILE", Offer::Files)])],
    summary: "the last result in full, or as CSV; in SQL it is the table _",
    help: "Shows the last result again without the row limit (in the pager when it is taller than the\nscreen), or writes it with `csv FILE`. The same rows are the table _ in SQL: a query on _\nmakes a new last result. _ holds up to last_result_rows rows (\\pset last_result_rows).\n\nExamples:\n  \\last\n  \\last csv picks.csv\n  select * from _ where year > 2015 order by minutes",
    shows: &[("rows", SHOW_SQL)],
    run: Handler::Acts(last),
}];

const SHOW_SQL: &str = "SELECT * FROM _";

fn last(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.hold_last()?;
    match inv.bound.get("FILE") {
        None => show_all(s),
        Some(file) => write_csv(s, file),
    }
}

/// Every row of `_`, in the session's format, without becoming a new last result.
fn show_all(s: &mut Session) -> Result<()> {
    let limit = std::mem::replace(&mut s.settings.row_limit, usize::MAX);
    s.keep_last = true;
    let shown = s.run(Query::new(SHOW_SQL));
    s.keep_last = false;
    s.settings.row_limit = limit;
    shown?;
    Ok(())
}

fn write_csv(s: &mut Session, file: &str) -> Result<()> {
    let path = crate::engine::paths::expand_home(file);
    let existed = path.exists();
    let handle = std::fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = std::io::BufWriter::new(handle);
    let mut ctx = RenderContext::from_settings(&s.settings, false, None);
    ctx.headers = true;
    ctx.col_separator = None;
    ctx.row_separator = None;
    let mut csv = renderer_for(Format::Csv, ctx);
    let outcome = crate::engine::exec::run(&s.conn, crate::engine::exec::Sql::new(SHOW_SQL), csv.as_mut(), &mut out)?;
    std::io::Write::flush(&mut out).with_context(|| format!("cannot write {}", path.display()))?;
    let replaced = if existed { " (it replaced the file that was there)" } else { "" };
    let rows = if outcome.rows == 1 { "1 row".to_string() } else { format!("{} rows", outcome.rows) };
    status(s, &format!("wrote {rows} to {}{replaced}", path.display()));
    Ok(())
}
