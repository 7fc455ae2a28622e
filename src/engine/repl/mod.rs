//! The interactive prompt: reads lines with rustyline (editing, history, Ctrl-C) and hands each
//! line, or each line of a paste, to the input layer, which decides what it means. With `output.rs`,
//! the only code that knows it talks to a terminal.

mod banner;
mod helper;
mod highlight;
mod hint;
mod menu;
mod typing_menu;

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Result;
use rustyline::config::Configurer;
use rustyline::error::ReadlineError;
use rustyline::history::{FileHistory, History};
use rustyline::{
    Cmd, ColorMode, CompletionType, ConditionalEventHandler, Config, Editor, Event, EventContext, EventHandler,
    KeyCode, KeyEvent, Modifiers, RepeatCount,
};

use crate::engine::command;
use crate::engine::complete::Live;
use crate::engine::exit::Quit;
use crate::engine::input::{Flow, Input};
use crate::engine::output::is_broken_pipe;
use crate::engine::repl::helper::TalkHelper;
use crate::engine::session::Session;
use crate::engine::settings::{CompletionStyle, EditMode};
use crate::engine::style::{Palette, Role};

pub const CONTINUATION: &str = "   -> ";
pub const VI_CONTINUATION: &str = "[vi]    -> ";

fn history_path() -> Option<PathBuf> {
    crate::engine::paths::data_dir().ok().map(|d| d.join("history"))
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

/// Runs the prompt until the user leaves, with the status `\q N` asked for.
pub fn run(session: &mut Session) -> Result<Quit> {
    let toggle = Arc::new(ModeToggle::default());
    let mut rl = editor(session, &toggle)?;
    let history = history_path();
    if let Some(path) = &history {
        load_history(&mut rl, session, path);
    }
    let palette = Palette::themed(session.settings.color, session.settings.theme);
    if !session.settings.less_chatty {
        let line = banner::line(session);
        let _ = writeln!(session.out, "{}", palette.paint(Role::Dim, &line));
        let _ = session.out.flush();
    }

    let history_size = session.settings.history_size;
    let mut mode = session.settings.edit_mode;
    let mut input = Input::prompt();
    // What was typed since the query buffer was last empty: one history entry, however many lines.
    let mut entry = String::new();
    let mut initial: Option<(String, usize)> = None;
    loop {
        if session.settings.edit_mode != mode {
            mode = session.settings.edit_mode;
            rl.set_edit_mode(rl_mode(mode));
        }
        let prompt = before_read(&mut rl, session, &input, mode);
        let read = match initial.take() {
            Some((line, pos)) => {
                let pos = (0..=pos.min(line.len())).rev().find(|p| line.is_char_boundary(*p)).unwrap_or(0);
                rl.readline_with_initial(&prompt, (&line[..pos], &line[pos..]))
            }
            None => rl.readline(&prompt),
        };
        let text = match read {
            Ok(text) => text,
            Err(ReadlineError::Interrupted) if toggle.requested.swap(false, Ordering::SeqCst) => {
                initial = switch_edit_mode(&rl, session, &toggle, &prompt, &palette);
                continue;
            }
            // Ctrl-C drops the line and the unfinished statement, as psql does; what already ran
            // stays in history.
            Err(ReadlineError::Interrupted) => {
                // The line stays as typed (as after Ctrl-C in psql); an as-you-type menu under
                // it goes.
                let rows = menu_rows(&rl);
                if rows > 0 && session.out.is_terminal() {
                    let _ = write!(session.out, "\x1b[{rows}A\r\x1b[J");
                    let _ = session.out.flush();
                }
                input.discard();
                remember(&mut rl, session, history.as_ref(), &mut entry, history_size);
                continue;
            }
            // Ctrl-D with a statement half typed drops it (and says so) rather than quitting with
            // the user's text silently lost; a second Ctrl-D on the empty prompt quits.
            Err(ReadlineError::Eof) if !input.pending().trim().is_empty() => {
                input.discard();
                remember(&mut rl, session, history.as_ref(), &mut entry, history_size);
                session.warn("incomplete statement discarded (Ctrl-D again to quit)");
                continue;
            }
            Err(ReadlineError::Eof) if crate::engine::transaction::settle(session, "quitting") => break,
            Err(ReadlineError::Eof) => continue,
            Err(e) => return Err(e.into()),
        };
        if !text.trim().is_empty() {
            if !entry.is_empty() {
                entry.push('\n');
            }
            entry.push_str(text.trim_end());
        }
        // A paste arrives as one text of many lines: each runs as in a script.
        let flow = feed(session, &mut input, &text)?;
        let _ = session.out.flush();
        // `\e`: history keeps the SQL the editor returned, so Up brings it back, not `\e`.
        if let Some(edited) = input.edited.take() {
            entry = edited;
        }
        if input.pending().is_empty() {
            remember(&mut rl, session, history.as_ref(), &mut entry, history_size);
        }
        refresh_completion(&mut rl, session, &mut input);
        if let Some(status) = flow {
            remember(&mut rl, session, history.as_ref(), &mut entry, history_size);
            // Inside a transaction, quitting asks first; staying goes back to the prompt.
            if crate::engine::transaction::settle(session, "quitting") {
                return Ok(status);
            }
        }
    }
    remember(&mut rl, session, history.as_ref(), &mut entry, history_size);
    Ok(Quit::Usual)
}

/// The line editor as the settings ask, with the completion helper (its snapshot read on a
/// thread, so the prompt comes at once) and F2 bound to switch edit modes.
fn editor(session: &Session, toggle: &Arc<ModeToggle>) -> Result<Editor<TalkHelper, FileHistory>> {
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_dups(true)?
        .max_history_size(session.settings.history_size)?
        .completion_type(match session.settings.completion {
            CompletionStyle::List => CompletionType::List,
            CompletionStyle::Cycle => CompletionType::Circular,
        })
        // The first Tab lists what it cannot complete, as pgcli's menu; the list always fits the
        // screen (menu.rs), so rustyline's "Display all N possibilities?" never comes.
        .completion_show_all_if_ambiguous(true)
        .completion_prompt_limit(usize::MAX)
        .edit_mode(rl_mode(session.settings.edit_mode))
        // style.rs already decided (NO_COLOR, --color); rustyline must not second-guess it.
        .color_mode(if session.settings.color { ColorMode::Forced } else { ColorMode::Disabled })
        .build();
    let mut rl: Editor<TalkHelper, FileHistory> = Editor::with_config(config)?;
    let palette = Palette::themed(session.settings.color, session.settings.theme);
    let mut live = Live::start(&session.conn);
    live.snapshot_mut().named_queries = command::named_query_names();
    let st = &session.settings;
    rl.set_helper(Some(TalkHelper::new(live, palette, st.keyword_case, st.completion)));
    rl.bind_sequence(
        KeyEvent(KeyCode::F(2), Modifiers::NONE),
        EventHandler::Conditional(Box::new(ModeToggleKey(Arc::clone(toggle)))),
    );
    Ok(rl)
}

/// The history file into the editor; lines that cannot be read cost one warning, never the rest.
fn load_history(rl: &mut Editor<TalkHelper, FileHistory>, session: &mut Session, path: &std::path::Path) {
    if let Some(dir) = path.parent() {
        let _ = crate::engine::userfile::create_private_dir(dir);
    }
    match crate::engine::history::load(path) {
        Ok(loaded) => {
            for entry in &loaded.entries {
                let _ = rl.history_mut().add(entry);
            }
            if loaded.skipped > 0 {
                let lines = if loaded.skipped == 1 { "line" } else { "lines" };
                session.warn(&format!("skipped {} unreadable {lines} of history {}", loaded.skipped, path.display()));
            }
        }
        Err(e) => session.warn(&crate::engine::error::message(&e)),
    }
}

/// Brings the helper up to date with the settings a command may have changed, and returns the
/// prompt to show: the database, a transaction and read-only (`prompt.rs`), `[vi]` in vi keys,
/// the continuation prompt inside a statement, psql's `>> ` for `\copy … from stdin` rows.
fn before_read(rl: &mut Editor<TalkHelper, FileHistory>, session: &Session, input: &Input, mode: EditMode) -> String {
    // `\pset completion cycle` takes effect at the next prompt; with the as-you-type menu, Tab
    // cycles through its candidates (as pgcli's menu), never printing a list over it.
    let while_typing = session.settings.complete_while_typing;
    let style = if while_typing { CompletionStyle::Cycle } else { session.settings.completion };
    let mut switch_style = false;
    if let Some(h) = rl.helper_mut() {
        h.while_typing = while_typing;
        h.menu_rows.set(0);
        switch_style = h.style != style;
        h.style = style;
        h.pending.clear();
        h.pending.push_str(input.pending());
        // `\pset theme light` recolours what is typed as well as what is shown.
        h.palette = Palette::themed(session.settings.color, session.settings.theme);
    }
    if switch_style {
        rl.set_completion_type(match style {
            CompletionStyle::List => CompletionType::List,
            CompletionStyle::Cycle => CompletionType::Circular,
        });
    }
    let mut main_prompt = crate::engine::prompt::text(session);
    if input.skipping() {
        main_prompt = crate::engine::prompt::inactive(&main_prompt);
    }
    let prompt = match (input.pending().is_empty(), mode) {
        _ if input.copying() => ">> ".to_string(),
        (true, EditMode::Emacs) => main_prompt,
        (false, EditMode::Emacs) => CONTINUATION.to_string(),
        (true, EditMode::Vi) => format!("[vi] {main_prompt}"),
        (false, EditMode::Vi) => VI_CONTINUATION.to_string(),
    };
    if let Some(h) = rl.helper_mut() {
        h.prompt_width.set(crate::engine::render::display_width(&prompt));
    }
    prompt
}

/// F2: the other edit mode, and the line as it was to read again. The copy left on screen (with
/// its dim history hint, as if typed) is erased, so the switch leaves no trace in the scrollback.
fn switch_edit_mode(
    rl: &Editor<TalkHelper, FileHistory>,
    session: &mut Session,
    toggle: &ModeToggle,
    prompt: &str,
    palette: &Palette,
) -> Option<(String, usize)> {
    session.settings.edit_mode = match session.settings.edit_mode {
        EditMode::Emacs => EditMode::Vi,
        EditMode::Vi => EditMode::Emacs,
    };
    let initial = toggle.kept.lock().ok().map(|k| k.clone());
    if let Some((line, _)) = &initial
        && session.out.is_terminal()
    {
        let width = crate::engine::render::display_width(prompt);
        let rows = rows_taken(width, line, terminal_size::terminal_size().map_or(80, |(w, _)| w.0));
        let _ = write!(session.out, "\x1b[{}A\r\x1b[J", rows + menu_rows(rl));
    }
    let msg = format!("edit mode: {}", session.settings.edit_mode.name());
    let _ = writeln!(session.out, "{}", palette.paint(Role::Dim, &msg));
    let _ = session.out.flush();
    initial
}

/// Rows the as-you-type menu took under the line when the read ended.
fn menu_rows(rl: &Editor<TalkHelper, FileHistory>) -> usize {
    rl.helper().map_or(0, |h| h.menu_rows.get())
}

/// Rows of the terminal a line took behind a prompt `prompt` columns wide, with the cursor after
/// its end (a hint is cut to the row it starts on, so it takes none of its own).
fn rows_taken(prompt: usize, line: &str, cols: u16) -> usize {
    let cols = usize::from(cols).max(1);
    line.split('\n')
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 { prompt } else { 0 };
            (lead + crate::engine::render::display_width(part)) / cols + 1
        })
        .sum()
}

/// Runs the lines of one read (a typed line, or a whole paste). `Some` means quit.
fn feed(session: &mut Session, input: &mut Input, text: &str) -> Result<Option<Quit>> {
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        match input.line(session, line.trim_end_matches('\r')) {
            Ok(Flow::Go) => {}
            Ok(Flow::Quit(status)) => return Ok(Some(status)),
            // No to the destructive-SQL question: say what ran and what did not, and stop here.
            Ok(Flow::Declined) => {
                let last = lines.iter().rposition(|l| !l.trim().is_empty()).unwrap_or(i).max(i) + 1;
                let not_run = if last == i + 1 { format!("line {last}") } else { format!("lines {} to {last}", i + 1) };
                let what = match i {
                    _ if lines.len() == 1 => "nothing ran".to_string(),
                    0 => "nothing of the paste ran".to_string(),
                    1 => format!("paste {not_run} did not run; line 1 ran"),
                    _ => format!("paste {not_run} did not run; lines 1 to {i} ran"),
                };
                crate::engine::confirm::cancelled(session, &what);
                input.discard();
                break;
            }
            // A typed line (not a paste) that failed: the statement being typed stays in the
            // query buffer, as in psql (`select 1, \nosuch` must not lose `select 1,`).
            Ok(Flow::Stop) if lines.len() == 1 => break,
            Ok(Flow::Stop) => {
                let rest = lines[i + 1..].iter().filter(|l| !l.trim().is_empty()).count();
                if rest > 0 || !input.pending().is_empty() {
                    session.warn(&format!("stopped at the error: {rest} more line(s) of the paste not run"));
                }
                input.discard();
                break;
            }
            // The pager was closed early: nothing more to show of this input.
            Err(e) if is_broken_pipe(&e) => {
                input.discard();
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// Before each prompt: take a snapshot `\refresh` read, or notice (a few pragmas) what this
/// session or another process changed and refresh that, in the background where another
/// connection sees what this one does.
fn refresh_completion(rl: &mut Editor<TalkHelper, FileHistory>, session: &Session, input: &mut Input) {
    let Some(h) = rl.helper_mut() else { return };
    let live = h.live.get_mut();
    // After `\c`/`.open` the snapshot is the new file's; the check that follows costs a few
    // pragmas and tells a Tab at this very prompt where to look for another process's changes.
    if let Some(snap) = input.completion.take() {
        live.replace(*snap);
    }
    live.before_prompt(&session.conn);
    // Named queries live in a file that commands (`\fs`, `\fd`) write.
    live.snapshot_mut().named_queries = command::named_query_names();
    live.snapshot_mut().result_columns = session.last_result.as_ref().map(|r| r.columns.clone()).unwrap_or_default();
    live.snapshot_mut().result_handles =
        session.last_result.as_ref().map(crate::engine::handles::labels).unwrap_or_default();
}

/// Adds a whole entry to history (and empties it) and saves it to the file at once (atomically,
/// see history.rs), so a crash loses nothing and two sessions running together both keep theirs.
/// A save that fails (a full disk, a read-only home) is said once a session, as psql says "could
/// not save history"; the entry stays in this session's history.
fn remember(
    rl: &mut Editor<TalkHelper, FileHistory>,
    session: &mut Session,
    path: Option<&PathBuf>,
    entry: &mut String,
    max: usize,
) {
    if entry.is_empty() {
        return;
    }
    if matches!(rl.add_history_entry(entry.as_str()), Ok(true))
        && let Some(path) = path
        && let Err(e) = crate::engine::history::append(path, entry, max)
        && crate::engine::history::first_failure()
    {
        session.warn(&format!("could not save history: {} (said once)", crate::engine::error::message(&e)));
    }
    entry.clear();
}
