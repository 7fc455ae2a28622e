//! Commands on the query buffer, the SQL typed so far and not yet run (psql's `\p \r \g \gx`).
//! They work on a continuation line too: `select *` then `\p` prints `select *` and leaves it.
//! The buffer belongs to the input layer, so each of these only names what it wants done.

use anyhow::{Result, bail};

use super::{ArgKind, Command, Effect, Handler, Invocation, Takes};
use crate::session::Session;

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\g",
        aliases: &["\\go"],
        args: "",
        summary: "run the query buffer (or, when it is empty, the last query again)",
        help: "Runs the statement typed so far, even without its closing ;. With an empty buffer,\nruns the last query again.\n\nExamples:\n  select count(*) from talks \\g\n  \\g",
        arg_kind: ArgKind::None,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Asks(go),
    },
    Command {
        name: "\\gx",
        aliases: &["\\G"],
        args: "",
        summary: "like \\g, drawing the result as vertical records",
        help: "Runs the query buffer (or the last query) as \\g does, one record per block with a line per\ncolumn, whatever the output format. A statement may also end in \\G, as in mysql.\n\nExamples:\n  select * from talks limit 1 \\gx\n  select * from events limit 1\\G",
        arg_kind: ArgKind::None,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Asks(go_vertical),
    },
    Command {
        name: "\\p",
        aliases: &["\\print"],
        args: "",
        summary: "print the query buffer (or, when it is empty, the last query)",
        help: "Shows the statement typed so far and not yet run; with an empty buffer, the last query.\n\nExample:\n  select title\n     -> \\p",
        arg_kind: ArgKind::None,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Asks(print),
    },
    Command {
        name: "\\r",
        aliases: &["\\reset"],
        args: "",
        summary: "clear the query buffer",
        help: "Forgets the statement typed so far (as Ctrl-C does) and returns to the first prompt.\n\nExample:\n  select oops\n     -> \\r",
        arg_kind: ArgKind::None,
        takes: Takes::Words,
        shows: &[],
        run: Handler::Asks(reset),
    },
];

fn no_args(inv: &Invocation) -> Result<()> {
    if !inv.args.is_empty() {
        bail!("{}", inv.usage);
    }
    Ok(())
}

fn go(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    no_args(inv)?;
    Ok(Effect::RunBuffer { vertical: false })
}

fn go_vertical(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    no_args(inv)?;
    Ok(Effect::RunBuffer { vertical: true })
}

fn print(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    no_args(inv)?;
    Ok(Effect::PrintBuffer)
}

fn reset(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    no_args(inv)?;
    Ok(Effect::ClearBuffer)
}
