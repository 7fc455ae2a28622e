//! Commands on the query buffer, the SQL typed so far and not yet run (psql's `\p \r \g \gx \w`).
//! They work on a continuation line too: `select *` then `\p` prints `select *` and leaves it.
//! The buffer belongs to the input layer, so each of these only names what it wants done.

use anyhow::{Result, bail};

use crate::engine::command::{Arg, Command, Effect, Handler, Invocation, Offer};
use crate::engine::output::Sink;
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\g",
        aliases: &["\\go"],
        args: &[Arg::Optional(&[Arg::Either(&[
            &[Arg::Value("FILE", Offer::Files)],
            &[Arg::Text("|COMMAND", Offer::Free)],
        ])])],
        summary: "run the query buffer (or, when it is empty, the last query again), optionally into FILE or |COMMAND",
        help: "Runs the statement typed so far, even without its closing ;. With an empty buffer,\nruns the last query again. With FILE, the result goes to FILE (truncated) instead of the screen;\nwith |COMMAND, to that program's input (sh -c).\n\nExamples:\n  select count(*) from talks \\g\n  \\g\n  select * from talks \\g ~/talks.txt\n  select title from talks \\g |grep -i async",
        shows: &[],
        run: Handler::Asks(go),
    },
    Command {
        name: "\\gx",
        aliases: &["\\G"],
        args: &[Arg::Optional(&[Arg::Either(&[
            &[Arg::Value("FILE", Offer::Files)],
            &[Arg::Text("|COMMAND", Offer::Free)],
        ])])],
        summary: "like \\g, drawing the result as vertical records",
        help: "Runs the query buffer (or the last query) as \\g does, one record per block with a line per\ncolumn, whatever the output format. A statement may also end in \\G, as in mysql.\n\nExamples:\n  select * from talks limit 1 \\gx\n  select * from events limit 1\\G",
        shows: &[],
        run: Handler::Asks(go_vertical),
    },
    Command {
        name: "\\p",
        aliases: &["\\print"],
        args: &[],
        summary: "print the query buffer (or, when it is empty, the last query)",
        help: "Shows the statement typed so far and not yet run; with an empty buffer, the last query.\n\nExample:\n  select title\n     -> \\p",
        shows: &[],
        run: Handler::Asks(print),
    },
    Command {
        name: "\\w",
        aliases: &["\\write"],
        args: &[Arg::Either(&[&[Arg::Text("FILE", Offer::Files)], &[Arg::Text("|COMMAND", Offer::Free)]])],
        summary: "write the query buffer (or, when it is empty, the last query) to FILE or |COMMAND",
        help: "Saves the statement typed so far (or the last query) in FILE, truncating it, or sends it to\nCOMMAND's input. The buffer stays as it was.\n\nExamples:\n  select * from talk_overview where year = 2017\n     -> \\w ~/query.sql\n  \\w |pbcopy",
        shows: &[],
        run: Handler::Asks(write),
    },
    Command {
        name: "\\r",
        aliases: &["\\reset"],
        args: &[],
        summary: "clear the query buffer",
        help: "Forgets the statement typed so far (as Ctrl-C does) and returns to the first prompt.\n\nExample:\n  select oops\n     -> \\r",
        shows: &[],
        run: Handler::Asks(reset),
    },
];

/// `\g`'s optional destination: none, one FILE, or `|COMMAND`.
fn destination(inv: &Invocation, name: &str) -> Result<Option<Sink>> {
    match (Sink::parse(&inv.rest, inv.args.first().map(String::as_str)), inv.args.len()) {
        (Some(Sink::Pipe(cmd)), _) if cmd.is_empty() => bail!("{name}: no command after |"),
        (Some(Sink::Pipe(cmd)), _) => Ok(Some(Sink::Pipe(cmd))),
        (sink, 0 | 1) => Ok(sink),
        _ => bail!("{name}: one FILE (quote a name with spaces) or |COMMAND"),
    }
}

fn go(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    Ok(Effect::RunBuffer { vertical: false, to: destination(inv, "\\g")? })
}

fn go_vertical(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    Ok(Effect::RunBuffer { vertical: true, to: destination(inv, "\\gx")? })
}

fn write(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    match destination(inv, "\\w")? {
        Some(sink) => Ok(Effect::WriteBuffer(sink)),
        // Free text that did not split into words: a quote left open.
        None => bail!("\\w: the file name's quote is not closed"),
    }
}

fn print(_: &mut Session, _: &Invocation) -> Result<Effect> {
    Ok(Effect::PrintBuffer)
}

fn reset(_: &mut Session, _: &Invocation) -> Result<Effect> {
    Ok(Effect::ClearBuffer)
}
