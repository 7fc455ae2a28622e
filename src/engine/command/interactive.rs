//! Commands about the interactive experience itself: reloading what completion knows, and
//! switching the line editor's key bindings.

use std::io::Write;

use anyhow::Result;

use crate::engine::command::{Arg, Command, Effect, Handler, Invocation};
use crate::engine::session::Session;
use crate::engine::settings::EditMode;

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\refresh",
        aliases: &[".refresh"],
        args: &[],
        summary: "reload the tables, columns and talk names that Tab completes",
        help: "Completion reads a snapshot of the schema and of speaker, tag and event names. It refreshes\nby itself before each prompt when this session or another program changed the schema or the data;\n\\refresh reloads it now and says what it holds.\n\nExample:\n  \\refresh",
        shows: &[],
        run: Handler::Asks(refresh),
    },
    Command {
        name: "\\editmode",
        aliases: &[".editmode"],
        args: &[Arg::Optional(&[Arg::Word(&["emacs", "vi"])])],
        summary: "switch the line editor between emacs and vi keys (F2 toggles too)",
        help: "Without an argument, toggles between emacs and vi key bindings; with one, selects it.\nAt the prompt, F2 toggles as well, keeping the line being typed.\n\nExamples:\n  \\editmode vi\n  \\editmode",
        shows: &[],
        run: Handler::Acts(edit_mode),
    },
];

fn refresh(_: &mut Session, _: &Invocation) -> Result<Effect> {
    Ok(Effect::RefreshCompletion { say: true })
}

fn edit_mode(s: &mut Session, inv: &Invocation) -> Result<()> {
    let mode = match inv.bound.get("emacs").or(inv.bound.get("vi")) {
        None => match s.settings.edit_mode {
            EditMode::Emacs => EditMode::Vi,
            EditMode::Vi => EditMode::Emacs,
        },
        Some(name) => name.parse().map_err(|e: String| anyhow::anyhow!(e))?,
    };
    s.settings.edit_mode = mode;
    writeln!(s.out, "edit mode: {}", mode.name())?;
    s.out.flush()?;
    Ok(())
}
