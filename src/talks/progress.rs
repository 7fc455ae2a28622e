//! `\progress`: what you watched (the `watched` table), as hours per series, year and tag, each
//! with a spark line of the last twelve months, so a habit (or its lapse) shows at a glance.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use rusqlite::types::Value;

use crate::engine::command::shortcut_sql::{self, require_tables};
use crate::engine::command::{Command, Handler, Invocation};
use crate::engine::session::Session;
use crate::talks::watchlist;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\progress",
    aliases: &[],
    args: &[],
    summary: "hours watched per series, year and tag, with a spark line of the last 12 months",
    help: "Sums the talks you marked with \\watched: talks and hours per event series, per year of the\nevent and per tag (the ten most watched), each with a spark line of the hours watched in each\nof the last twelve months (oldest first; a blank is a month without any). Talks without a\nduration count as talks, not hours.\n\nExample:\n  \\progress",
    shows: &[("watched", WATCHED_SQL), ("table", TABLE_SQL)],
    run: Handler::Acts(progress),
}];

/// Every watched talk once per group it counts in: (group, name, talk, seconds, months ago).
const WATCHED_SQL: &str = concat!(
    "
WITH w AS (
    SELECT w.talk_id, coalesce(t.duration, 0) AS secs, e.year, ",
    series_of_event!(),
    " AS series,
           (strftime('%Y', 'now') - strftime('%Y', w.watched_at)) * 12
             + strftime('%m', 'now') - strftime('%m', w.watched_at) AS ago
    FROM watched w JOIN talks t ON t.id = w.talk_id JOIN events e ON e.id = t.event_id)
SELECT 1, series, talk_id, secs, ago FROM w
UNION ALL SELECT 2, CAST(year AS TEXT), talk_id, secs, ago FROM w
UNION ALL SELECT 3, g.name, w.talk_id, secs, ago FROM w JOIN talk_tags tt ON tt.talk_id = w.talk_id JOIN tags g ON g.id = tt.tag_id"
);

/// The sums as a table (?1: JSON array of [by, name, talks, hours, spark]).
const TABLE_SQL: &str = "
SELECT j.value ->> 0 AS \"by\", j.value ->> 1 AS name, j.value ->> 2 AS talks, j.value ->> 3 AS hours,
       j.value ->> 4 AS \"last 12 months\"
FROM json_each(?1) j ORDER BY j.key";

const GROUPS: [&str; 3] = ["series", "year", "tag"];
/// Most tags listed: the rest would push the series and years off the screen.
const MOST_TAGS: usize = 10;

/// One group's sums: talks, seconds, and seconds per month (index 0 = eleven months ago).
#[derive(Default)]
struct Sum {
    talks: u64,
    seconds: i64,
    months: [i64; 12],
}

/// A spark line: one character per value, scaled to the largest; blank for nothing.
pub(crate) fn spark(values: &[i64], ascii: bool) -> String {
    let levels: Vec<char> =
        if ascii { ".:-=+*#@".chars().collect() } else { "▁▂▃▄▅▆▇█".chars().collect() };
    let top = values.iter().copied().max().unwrap_or(0).max(1);
    values
        .iter()
        .map(|v| {
            if *v <= 0 {
                ' '
            } else {
                let i = ((*v as f64 / top as f64) * (levels.len() - 1) as f64).round() as usize;
                levels[i.min(levels.len() - 1)]
            }
        })
        .collect()
}

fn progress(s: &mut Session, inv: &Invocation) -> Result<()> {
    require_tables(s, "\\progress", &["talks", "events", "talk_tags", "tags"])?;
    if !watchlist::has(s, "watched")? {
        writeln!(s.out, "Nothing watched yet: mark a talk with \\watched ID [RATING] [NOTE].")?;
        return Ok(s.out.flush()?);
    }
    shortcut_sql::show(s, inv, WATCHED_SQL, &[])?;
    let mut st = s.conn.prepare(WATCHED_SQL)?;
    let rows: Vec<(i64, String, i64, i64, i64)> = st
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                crate::engine::exec::text(r, 1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, Option<i64>>(4)?.unwrap_or(99),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    drop(st);
    let mut sums: BTreeMap<(i64, String), Sum> = BTreeMap::new();
    for (group, name, _, secs, ago) in rows {
        let sum = sums.entry((group, name)).or_default();
        sum.talks += 1;
        sum.seconds += secs;
        if let Ok(ago) = usize::try_from(ago)
            && ago < 12
        {
            sum.months[11 - ago] += secs;
        }
    }
    let ascii = s.settings.chart_ascii;
    let mut table = Vec::new();
    for (g, label) in GROUPS.iter().enumerate() {
        let mut these: Vec<(&String, &Sum)> =
            sums.iter().filter(|((group, _), _)| *group == g as i64 + 1).map(|((_, n), sum)| (n, sum)).collect();
        these.sort_by(|a, b| b.1.seconds.cmp(&a.1.seconds).then(b.1.talks.cmp(&a.1.talks)).then(a.0.cmp(b.0)));
        if g == 2 {
            these.truncate(MOST_TAGS);
        }
        for (name, sum) in these {
            let hours = (sum.seconds as f64 / 360.0).round() / 10.0;
            table.push(serde_json::json!([label, name, sum.talks, hours, spark(&sum.months, ascii)]));
        }
    }
    let json = Value::Text(serde_json::Value::Array(table).to_string());
    shortcut_sql::run(s, inv, TABLE_SQL, &[json])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::talks::progress::*;

    #[test]
    fn spark_lines_scale_to_the_largest() {
        assert_eq!(spark(&[0, 1, 4, 8], false), " ▂▅█");
        assert_eq!(spark(&[0, 8], true), " @");
        assert_eq!(spark(&[0, 0], false), "  ");
    }
}
