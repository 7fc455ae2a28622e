//! psql's `\watch`: the last query again every few seconds, under a line with the time, until
//! Ctrl-C (or a count, for scripts). Ctrl-C during the wait is seen through the interrupt flag;
//! during a run it interrupts the statement.

use std::io::Write;
use std::time::Duration;

use anyhow::{Result, bail};

use crate::engine::command::effect::WatchPlan as Plan;
use crate::engine::command::{Arg, Command, Effect, Handler, Invocation, Offer};
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\watch",
    aliases: &[],
    args: &[
        Arg::Optional(&[Arg::Value("SECONDS", Offer::Free)]),
        Arg::Optional(&[Arg::Value("i=SECONDS", Offer::Free)]),
        Arg::Optional(&[Arg::Value("c=COUNT", Offer::Free)]),
    ],
    summary: "run the query buffer (or the last query) every SECONDS (default 2) until Ctrl-C",
    help: "Runs the statement typed so far (or, with an empty buffer, the last query) again and again, every SECONDS seconds (2 unless given; decimals allowed),\neach time under a line with the date and time. Ctrl-C stops it. c=COUNT stops after COUNT runs\n(useful in scripts); i=SECONDS is the same as SECONDS, as in psql. The pager is not used.\n\nExamples:\n  select count(*) from favorites \\watch\n  \\watch 10\n  \\watch 0.5 c=3",
    shows: &[],
    run: Handler::Asks(watch),
}];

/// The longest interval accepted: a day.
const MAX_SECONDS: f64 = 86_400.0;

pub(crate) fn parse(args: &[String]) -> Result<Plan, String> {
    let mut plan = Plan { every: 2.0, count: None };
    let seconds = |text: &str| -> Result<f64, String> {
        match text.parse::<f64>() {
            Ok(s) if s.is_finite() && s > 0.0 && s <= MAX_SECONDS => Ok(s),
            _ => {
                Err(format!("\\watch: the interval must be a number of seconds above 0 (at most a day), not '{text}'"))
            }
        }
    };
    for arg in args {
        if let Some(v) = arg.strip_prefix("i=").or_else(|| arg.strip_prefix("interval=")) {
            plan.every = seconds(v)?;
        } else if let Some(v) = arg.strip_prefix("c=").or_else(|| arg.strip_prefix("count=")) {
            match v.parse::<u64>() {
                Ok(n) if n > 0 => plan.count = Some(n),
                _ => return Err(format!("\\watch: the count must be a whole number above 0, not '{v}'")),
            }
        } else {
            plan.every = seconds(arg)?;
        }
    }
    Ok(plan)
}

/// `2s`, `0.5s`: the interval as the header shows it.
fn interval_text(every: f64) -> String {
    let text = format!("{every:.3}");
    format!("{}s", text.trim_end_matches('0').trim_end_matches('.'))
}

fn watch(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    let plan = parse(&inv.args).map_err(|e| anyhow::anyhow!(e))?;
    Ok(Effect::WatchBuffer(plan))
}

/// Runs `sql` every `plan.every` seconds under a header line, without the pager, until Ctrl-C or
/// the count.
pub(super) fn watch_loop(s: &mut Session, sql: &str, plan: Plan) -> Result<()> {
    let pager = std::mem::replace(&mut s.settings.pager, false);
    let result = repeat(s, sql, plan);
    s.settings.pager = pager;
    result
}

fn repeat(s: &mut Session, sql: &str, plan: Plan) -> Result<()> {
    crate::engine::interrupt::clear();
    let mut runs = 0u64;
    loop {
        // SQLite's clock and the C library's time zone: no dependency just for a date.
        let now: String = s
            .conn
            .query_row("SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')", [], |r| r.get(0))
            .unwrap_or_default();
        writeln!(s.out, "{now} (every {})\n", interval_text(plan.every))?;
        s.out.flush()?;
        let failures = s.run_statements(sql, None, true, false);
        if let Some(f) = failures.into_iter().next() {
            if crate::engine::interrupt::pending() || f.error.to_string() == "interrupted" {
                return Ok(());
            }
            bail!("{}", f.error);
        }
        writeln!(s.out)?;
        s.out.flush()?;
        runs += 1;
        if plan.count.is_some_and(|c| runs >= c) || crate::engine::interrupt::pending() {
            return Ok(());
        }
        if !crate::engine::interrupt::sleep(Duration::from_secs_f64(plan.every)) {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::command::watch::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn intervals_and_counts() {
        assert_eq!(parse(&[]), Ok(Plan { every: 2.0, count: None }));
        assert_eq!(parse(&args(&["0.5", "c=3"])), Ok(Plan { every: 0.5, count: Some(3) }));
        assert_eq!(parse(&args(&["i=10"])), Ok(Plan { every: 10.0, count: None }));
        for bad in ["0", "-1", "nan", "inf", "x", "c=0", "c=-2", "100000"] {
            assert!(parse(&args(&[bad])).is_err(), "{bad}");
        }
        assert_eq!(interval_text(2.0), "2s");
        assert_eq!(interval_text(0.25), "0.25s");
    }
}
