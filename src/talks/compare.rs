//! `\compare A B`: two years, events or series side by side — talks, kinds, median length, top
//! tags, speakers new and returning — with the differences marked. A side is a year (`2016`), an
//! event's slug (`pycon-us-2016`), a series name (`PyCon US`) or part of events' names.

use anyhow::{Result, bail};
use rusqlite::types::Value;

use crate::engine::command::shortcut_sql::{self, require_tables};
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::session::{Query, Session};

pub static COMMANDS: &[Command] = &[Command {
    name: "\\compare",
    aliases: &[],
    args: &[Arg::Value("A", Offer::Source("events")), Arg::Value("B", Offer::Source("events"))],
    summary: "two years, events or series side by side: talks, kinds, length, tags, new speakers",
    help: "Compares two sides, each a year, an event slug, a series or part of event names: number of\ntalks, each kind, median length, the top tags, speakers, and how many of them spoke at an\nearlier event (returning) or not (new). The last column marks what grew (▲) or shrank (▼)\nfrom A to B. Quote a side of several words.\n\nExamples:\n  \\compare 2016 2017\n  \\compare pycon-us-2014 pycon-us-2017",
    shows: &[("events of a side", EVENTS_SQL), ("figures of a side", FIGURES_SQL), ("table", TABLE_SQL)],
    run: Handler::Acts(compare),
}];

/// The events a side names (?1): a year, a slug, a series, else part of the name.
const EVENTS_SQL: &str = concat!(
    "
SELECT e.id FROM events e
WHERE CASE
    WHEN EXISTS (SELECT 1 FROM events e WHERE CAST(e.year AS TEXT) = ?1) THEN CAST(e.year AS TEXT) = ?1
    WHEN EXISTS (SELECT 1 FROM events e WHERE e.slug = ?1 COLLATE NOCASE) THEN e.slug = ?1 COLLATE NOCASE
    WHEN EXISTS (SELECT 1 FROM events e WHERE ",
    series_of_event!(),
    " = ?1 COLLATE NOCASE) THEN ",
    series_of_event!(),
    " = ?1 COLLATE NOCASE
    ELSE instr(lower(e.name), lower(?1)) > 0
END"
);

/// One side's figures, the events given as a JSON array (?1), as (figure, value) rows.
const FIGURES_SQL: &str = "
WITH kinds(o, kind) AS (VALUES (1, 'keynote'), (2, 'talk'), (3, 'tutorial'), (4, 'lightning'), (5, 'other')),
side AS (SELECT t.* FROM talks t WHERE t.in_catalogue = 1 AND t.event_id IN (SELECT value FROM json_each(?1))),
first AS (SELECT min(e.start_date) AS d, min(e.year) AS y FROM events e WHERE e.id IN (SELECT value FROM json_each(?1))),
people AS (SELECT DISTINCT ts.speaker_id FROM talk_speakers ts JOIN side ON side.id = ts.talk_id),
back AS (
    SELECT count(*) AS n FROM people p
    WHERE EXISTS (SELECT 1 FROM talk_speakers ts JOIN talks t ON t.id = ts.talk_id JOIN events e ON e.id = t.event_id, first
                  WHERE ts.speaker_id = p.speaker_id AND e.year < first.y)),
lengths AS (SELECT duration FROM side WHERE duration > 0 ORDER BY duration),
tagged AS (SELECT g.name, count(*) AS n FROM side JOIN talk_tags tt ON tt.talk_id = side.id JOIN tags g ON g.id = tt.tag_id
           GROUP BY g.id ORDER BY n DESC, g.name LIMIT 3)
SELECT 'talks', count(*) FROM side
UNION ALL SELECT * FROM (SELECT '  kind ' || k.kind, count(side.id) FROM kinds k LEFT JOIN side ON side.kind = k.kind
                         GROUP BY k.o ORDER BY k.o)
UNION ALL SELECT 'median minutes', (SELECT duration / 60 FROM lengths LIMIT 1 OFFSET (SELECT (count(*) - 1) / 2 FROM lengths))
UNION ALL SELECT 'speakers', count(*) FROM people
UNION ALL SELECT 'returning speakers', n FROM back
UNION ALL SELECT 'new speakers', (SELECT count(*) FROM people) - n FROM back
UNION ALL SELECT 'top tags', (SELECT group_concat(name || ' ' || n, ', ') FROM tagged)";

/// The two sides as a table (?1: JSON array of [figure, A, B, mark]).
const TABLE_SQL: &str = "
SELECT j.value ->> 0 AS figure, j.value ->> 1 AS a, j.value ->> 2 AS b, j.value ->> 3 AS change
FROM json_each(?1) j ORDER BY j.key";

fn events_of(s: &mut Session, inv: &Invocation, side: &str) -> Result<Vec<i64>> {
    shortcut_sql::show(s, inv, EVENTS_SQL, &[Value::Text(side.to_string())])?;
    let mut st = s.conn.prepare(EVENTS_SQL)?;
    let ids: Vec<i64> = st.query_map([side], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if ids.is_empty() {
        bail!("no year, event or series matches '{side}' (see \\events)");
    }
    Ok(ids)
}

fn figures(s: &mut Session, inv: &Invocation, events: &[i64]) -> Result<Vec<(String, Value)>> {
    let json = Value::Text(serde_json::json!(events).to_string());
    shortcut_sql::show(s, inv, FIGURES_SQL, std::slice::from_ref(&json))?;
    let mut st = s.conn.prepare(FIGURES_SQL)?;
    let rows = st
        .query_map([&json], |r| Ok((crate::engine::exec::text(r, 0)?, r.get::<_, Value>(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn as_text(v: &Value) -> serde_json::Value {
    match v {
        Value::Integer(i) => serde_json::json!(i),
        Value::Real(r) => serde_json::json!(r),
        Value::Text(t) => serde_json::json!(t),
        _ => serde_json::Value::Null,
    }
}

/// ▲ +n when B is larger, ▼ −n when smaller, blank when equal or not a number.
fn mark(a: &Value, b: &Value) -> String {
    match (a, b) {
        (Value::Integer(a), Value::Integer(b)) if b > a => format!("▲ +{}", b - a),
        (Value::Integer(a), Value::Integer(b)) if b < a => format!("▼ −{}", a - b),
        (Value::Text(a), Value::Text(b)) if a != b => "≠".to_string(),
        _ => String::new(),
    }
}

fn compare(s: &mut Session, inv: &Invocation) -> Result<()> {
    let (a, b) = (inv.bound.need("A")?, inv.bound.need("B")?);
    require_tables(s, "\\compare", &["talks", "events", "talk_speakers", "talk_tags", "tags"])?;
    let (ea, eb) = (events_of(s, inv, a)?, events_of(s, inv, b)?);
    let (fa, fb) = (figures(s, inv, &ea)?, figures(s, inv, &eb)?);
    let rows: Vec<serde_json::Value> = fa
        .iter()
        .zip(fb.iter())
        .map(|((name, va), (_, vb))| serde_json::json!([name, as_text(va), as_text(vb), mark(va, vb)]))
        .collect();
    let json = Value::Text(serde_json::Value::Array(rows).to_string());
    shortcut_sql::show(s, inv, TABLE_SQL, std::slice::from_ref(&json))?;
    let a_name = crate::engine::sql::quote::ident(a);
    let b_name = crate::engine::sql::quote::ident(b);
    let sql = TABLE_SQL.replace("AS a,", &format!("AS {a_name},")).replace("AS b,", &format!("AS {b_name},"));
    s.run(Query::new(&sql).params(&[&json]))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::talks::compare::*;

    #[test]
    fn marks_say_which_way() {
        assert_eq!(mark(&Value::Integer(3), &Value::Integer(5)), "▲ +2");
        assert_eq!(mark(&Value::Integer(5), &Value::Integer(3)), "▼ −2");
        assert_eq!(mark(&Value::Integer(5), &Value::Integer(5)), "");
    }
}
