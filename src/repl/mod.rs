//! The interactive prompt: reads input with rustyline, gathers multi-line statements behind a
//! continuation prompt, keeps history, and hands complete input to the session. With `output.rs`,
//! the only code that knows it talks to a terminal.

mod helper;

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Config, Editor};

use crate::command;
use crate::dispatch;
use crate::output::is_broken_pipe;
use crate::session::Session;
use crate::sql::is_complete;
use crate::style::Role;
use helper::TalkHelper;

pub const PROMPT: &str = "talks> ";
pub const CONTINUATION: &str = "   -> ";

fn history_path() -> Option<PathBuf> {
    crate::db::data_dir().ok().map(|d| d.join("history"))
}

pub fn run(session: &mut Session) -> Result<()> {
    let edit_mode = match session.settings.edit_mode {
        crate::settings::EditMode::Emacs => rustyline::EditMode::Emacs,
        crate::settings::EditMode::Vi => rustyline::EditMode::Vi,
    };
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_dups(true)?
        .max_history_size(session.settings.history_size)?
        .edit_mode(edit_mode)
        .build();
    let mut rl: Editor<TalkHelper, FileHistory> = Editor::with_config(config)?;
    rl.set_helper(Some(TalkHelper::default()));
    let history = history_path();
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        // A missing file is the normal first run; anything else is worth one line.
        if let Err(e) = rl.load_history(path)
            && !matches!(&e, ReadlineError::Io(io) if io.kind() == std::io::ErrorKind::NotFound)
        {
            warn(session, &format!("cannot read history {}: {e}", path.display()));
        }
    }

    let mut pending = String::new();
    loop {
        let prompt = if pending.is_empty() { PROMPT } else { CONTINUATION };
        let line = match rl.readline(prompt) {
            Ok(line) => line,
            // Ctrl-C drops the line and anything pending, as psql does.
            Err(ReadlineError::Interrupted) => {
                pending.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.into()),
        };
        if pending.is_empty() {
            if line.trim().is_empty() {
                continue;
            }
            if command::is_command(&line) {
                remember(&mut rl, history.as_ref(), line.trim());
                if let Err(e) = command::run(session, &line) {
                    if is_broken_pipe(&e) || command::is_reported(&e) {
                        continue;
                    }
                    report(session, &format!("{e:#}"));
                }
                if session.quit {
                    break;
                }
                continue;
            }
        }
        pending.push_str(&line);
        pending.push('\n');
        if !is_complete(&pending) {
            continue;
        }
        let entry = std::mem::take(&mut pending);
        remember(&mut rl, history.as_ref(), entry.trim_end());
        if !crate::confirm::approve(session, &entry) {
            continue;
        }
        for failure in dispatch::run_sql(session, &entry, true) {
            report(session, &failure.error.to_string());
        }
    }
    Ok(())
}

/// Adds a whole entry to history and appends it to the file at once, so a crash loses nothing and
/// two sessions running together both keep theirs.
fn remember(rl: &mut Editor<TalkHelper, FileHistory>, path: Option<&PathBuf>, entry: &str) {
    if matches!(rl.add_history_entry(entry), Ok(true))
        && let Some(path) = path
    {
        let _ = rl.append_history(path);
    }
}

fn report(session: &mut Session, msg: &str) {
    let _ = session.out.flush();
    let head = session.err_palette.paint(Role::Error, "error:");
    let _ = writeln!(std::io::stderr(), "{head} {msg}");
}

fn warn(session: &mut Session, msg: &str) {
    let head = session.err_palette.paint(Role::Dim, "warning:");
    let _ = writeln!(std::io::stderr(), "{head} {msg}");
}
