//! The interactive prompt: reads input with rustyline, gathers multi-line statements behind a
//! continuation prompt, keeps history, and hands complete input to the session. With `output.rs`,
//! the only code that knows it talks to a terminal.

mod helper;
mod highlight;
mod hint;

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Result;
use rustyline::config::Configurer;
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{
    Cmd, ColorMode, CompletionType, ConditionalEventHandler, Config, Editor, Event, EventContext, EventHandler,
    KeyCode, KeyEvent, Modifiers, RepeatCount,
};

use crate::command;
use crate::dispatch;
use crate::output::is_broken_pipe;
use crate::schema::{self, Snapshot};
use crate::session::Session;
use crate::settings::EditMode;
use crate::style::{Palette, Role};
use helper::TalkHelper;

pub const CONTINUATION: &str = "   -> ";

fn history_path() -> Option<PathBuf> {
    crate::db::data_dir().ok().map(|d| d.join("history"))
}

fn rl_mode(mode: EditMode) -> rustyline::EditMode {
    match mode {
        EditMode::Emacs => rustyline::EditMode::Emacs,
        EditMode::Vi => rustyline::EditMode::Vi,
    }
}

/// F2: switch between emacs and vi keys without losing the line. The handler keeps the line and
/// cursor, then interrupts the read; the loop switches modes and reads again with them.
#[derive(Default)]
struct ModeToggle {
    requested: AtomicBool,
    kept: Mutex<(String, usize)>,
}

struct ModeToggleKey(Arc<ModeToggle>);

impl ConditionalEventHandler for ModeToggleKey {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if let Ok(mut kept) = self.0.kept.lock() {
            *kept = (ctx.line().to_string(), ctx.pos());
        }
        self.0.requested.store(true, Ordering::SeqCst);
        Some(Cmd::Interrupt)
    }
}

pub fn run(session: &mut Session) -> Result<()> {
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_dups(true)?
        .max_history_size(session.settings.history_size)?
        .completion_type(CompletionType::List)
        .edit_mode(rl_mode(session.settings.edit_mode))
        // style.rs already decided (NO_COLOR, --color); rustyline must not second-guess it.
        .color_mode(if session.settings.color { ColorMode::Forced } else { ColorMode::Disabled })
        .build();
    let mut rl: Editor<TalkHelper, FileHistory> = Editor::with_config(config)?;
    let palette = Palette::themed(session.settings.color, session.settings.theme);
    let snapshot = Snapshot::load(&session.conn);
    rl.set_helper(Some(TalkHelper::new(snapshot, palette, session.settings.keyword_case)));
    let toggle = Arc::new(ModeToggle::default());
    rl.bind_sequence(
        KeyEvent(KeyCode::F(2), Modifiers::NONE),
        EventHandler::Conditional(Box::new(ModeToggleKey(Arc::clone(&toggle)))),
    );
    let mut mode = session.settings.edit_mode;
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
    let mut initial: Option<(String, usize)> = None;
    loop {
        if session.settings.edit_mode != mode {
            mode = session.settings.edit_mode;
            rl.set_edit_mode(rl_mode(mode));
        }
        if let Some(h) = rl.helper_mut() {
            h.pending.clone_from(&pending);
        }
        let main_prompt = crate::prompt::text(session);
        let prompt = if pending.is_empty() { main_prompt.as_str() } else { CONTINUATION };
        let read = match initial.take() {
            Some((line, pos)) => {
                let pos = (0..=pos.min(line.len())).rev().find(|p| line.is_char_boundary(*p)).unwrap_or(0);
                rl.readline_with_initial(prompt, (&line[..pos], &line[pos..]))
            }
            None => rl.readline(prompt),
        };
        let line = match read {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) if toggle.requested.swap(false, Ordering::SeqCst) => {
                session.settings.edit_mode = match session.settings.edit_mode {
                    EditMode::Emacs => EditMode::Vi,
                    EditMode::Vi => EditMode::Emacs,
                };
                initial = toggle.kept.lock().ok().map(|k| k.clone());
                let msg = format!("edit mode: {}", session.settings.edit_mode.name());
                let _ = writeln!(session.out, "{}", palette.paint(Role::Dim, &msg));
                let _ = session.out.flush();
                continue;
            }
            // Ctrl-C drops the line and anything pending, as psql does.
            Err(ReadlineError::Interrupted) => {
                pending.clear();
                continue;
            }
            // Ctrl-D with a statement half typed drops it (and says so) rather than quitting with
            // the user's text silently lost; a second Ctrl-D on the empty prompt quits.
            Err(ReadlineError::Eof) if !pending.trim().is_empty() => {
                pending.clear();
                warn(session, "incomplete statement discarded (Ctrl-D again to quit)");
                continue;
            }
            Err(ReadlineError::Eof) if crate::transaction::settle(session, "quitting") => break,
            Err(ReadlineError::Eof) => continue,
            Err(e) => return Err(e.into()),
        };
        if pending.is_empty() {
            if line.trim().is_empty() {
                continue;
            }
            if command::is_command(&line) {
                remember(&mut rl, history.as_ref(), line.trim());
                if let Err(e) = command::run(session, &line)
                    && !is_broken_pipe(&e)
                    && !command::is_reported(&e)
                {
                    report(session, &format!("{e:#}"));
                }
                if session.quit {
                    if crate::transaction::settle(session, "quitting") {
                        break;
                    }
                    (session.quit, session.exit_status) = (false, None);
                }
                refresh_completion(&mut rl, session);
                // Named queries live in a file that commands (`\fs`, `\fd`) write.
                if let Some(h) = rl.helper_mut() {
                    h.snapshot.named_queries = command::named_query_names();
                }
                continue;
            }
        }
        pending.push_str(&line);
        pending.push('\n');
        if !dispatch::input_is_complete(&pending) {
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
        refresh_completion(&mut rl, session);
    }
    Ok(())
}

/// Between prompts: take a snapshot `\refresh` read, or reload what DDL or writes changed.
fn refresh_completion(rl: &mut Editor<TalkHelper, FileHistory>, session: &Session) {
    let Some(h) = rl.helper_mut() else { return };
    if let Some(snap) = schema::take_published() {
        h.snapshot = snap;
    } else {
        h.snapshot.refresh_if_changed(&session.conn);
    }
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
