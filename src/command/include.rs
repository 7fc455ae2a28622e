//! `\i FILE` (`.read FILE`): runs a script file as `-f FILE` does, with the same error positions
//! and bail rule, from the prompt or from inside another script.

use std::cell::Cell;

use anyhow::{Context, Result, bail};

use super::{ArgKind, Command, Invocation, find};
use crate::script::{self, Reported};
use crate::session::Session;

/// Script commands.
pub static COMMANDS: &[Command] = &[Command {
    name: "\\i",
    aliases: &[".read", "\\include"],
    args: "FILE",
    summary: "run the statements and commands in FILE",
    help: "Runs FILE as `talkcli -f FILE` would: errors name the file, line and column, and the script\nstops at its first error unless talkcli runs with --continue.\n\nExample:\n  \\i setup.sql",
    arg_kind: ArgKind::File,
    run: include,
}];

/// Files can include files; this bound stops a file that includes itself.
const MAX_DEPTH: usize = 16;

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

pub fn include(s: &mut Session, inv: &Invocation) -> Result<()> {
    let [path] = inv.args.as_slice() else {
        bail!("{}", find("\\i").map_or_else(|| "usage: \\i FILE".to_string(), |c| c.usage()));
    };
    if DEPTH.get() >= MAX_DEPTH {
        bail!("\\i nested more than {MAX_DEPTH} deep (does {path} include itself?)");
    }
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {path}"))?;
    DEPTH.set(DEPTH.get() + 1);
    let result = script::run(s, std::io::BufReader::new(file), path);
    DEPTH.set(DEPTH.get() - 1);
    let result = result?;
    if result.errors > 0 {
        return Err(Reported { errors: result.errors, origin: path.clone() }.into());
    }
    Ok(())
}
