//! The input layer: every way text reaches talkcli (the prompt, a paste, `-e`, `-f`, stdin, the rc
//! file, `\i`, what `\e` brings back) arrives here one line at a time and means the same thing.
//! Each line is classified once (`classify`), SQL collects in the query buffer (`buffer`) and
//! runs as soon as a statement is complete (`sql::complete_len`), and commands run at once, even
//! on a continuation line. Commands never call back up: they return an `Effect`, carried out here.

mod buffer;
mod classify;
mod conditional;
mod script;

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};

use crate::engine::command::{self, Effect};
use crate::engine::complete::{Parts, Snapshot};
use crate::engine::input::buffer::QueryBuffer;
pub(crate) use crate::engine::input::classify::is_blank;
use crate::engine::input::classify::{Line, classify};
pub(crate) use crate::engine::input::script::{Ended, run_script};
use crate::engine::output::is_broken_pipe;
use crate::engine::session::Session;
use crate::engine::settings::Format;
use crate::engine::sql::line_col;

/// How deep `\i` may nest, so a file that reads itself fails instead of overflowing the stack.
const MAX_DEPTH: usize = 16;

/// What the reader does after a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Read on.
    Go,
    /// Stop reading this input (an error with `--bail` in force).
    Stop,
    /// Leave talkcli.
    Quit(crate::engine::exit::Quit),
    /// The person at the prompt said no to running destructive SQL: it did not run, and neither
    /// does the rest of what was read with it (a paste); the reader says so.
    Declined,
}

/// One source of lines and its query buffer.
pub(crate) struct Input {
    buffer: QueryBuffer,
    /// Names the source in messages: a file name, or empty for the prompt, stdin and `-e`.
    origin: String,
    lineno: usize,
    depth: usize,
    /// Typed or pasted at the prompt: asks before destructive SQL, errors carry no line number.
    at_prompt: bool,
    /// Errors never stop this source (the rc file, as sqlite3's -init).
    keep_going: bool,
    /// Failures reported so far, nested `\i` files included.
    pub(crate) errors: usize,
    /// A snapshot `\refresh` loaded, for the prompt to hand to completion.
    pub(crate) completion: Option<Box<Snapshot>>,
    /// The open `\if` blocks of this source.
    conds: conditional::Conditionals,
    /// What `\e` returned at the prompt: history keeps it instead of the lines that called it.
    pub(crate) edited: Option<String>,
    /// `\copy … from stdin`: the table to fill and the lines read for it so far, up to `\.`.
    copying: Option<(Box<command::copy::CopyIn>, String)>,
}

impl Input {
    /// The prompt's input: lines typed or pasted.
    pub(crate) fn prompt() -> Self {
        Input::new(String::new(), 0, true, false)
    }

    fn new(origin: String, depth: usize, at_prompt: bool, keep_going: bool) -> Self {
        Input {
            buffer: QueryBuffer::default(),
            origin,
            lineno: 0,
            depth,
            at_prompt,
            keep_going,
            errors: 0,
            completion: None,
            conds: conditional::Conditionals::default(),
            edited: None,
            copying: None,
        }
    }

    /// The SQL typed so far and not yet run.
    pub(crate) fn pending(&self) -> &str {
        self.buffer.text()
    }

    /// Forgets the unfinished statement and any `\copy` rows being typed (Ctrl-C).
    pub(crate) fn discard(&mut self) {
        self.buffer.clear();
        self.copying = None;
    }

    /// Whether lines are being skipped (inside an inactive `\if` branch): the prompt says so.
    pub(crate) fn skipping(&self) -> bool {
        !self.conds.active()
    }

    /// Handles one line (without its newline).
    pub(crate) fn line(&mut self, s: &mut Session, line: &str) -> Result<Flow> {
        self.lineno += 1;
        if self.copying.is_some() {
            return self.copy_line(s, line);
        }
        if !self.conds.active() {
            return self.skip(s, line);
        }
        match classify(self.buffer.text(), line) {
            Line::Blank => {
                // sqlite3 echoes blank and comment lines between statements too, as read.
                self.echo(s, line)?;
                Ok(Flow::Go)
            }
            Line::Command(text) => {
                self.echo(s, text)?;
                self.run_command(s, text)
            }
            Line::Sql { sql, command } => {
                if (command.is_none() || !is_blank(sql))
                    && let Some(comment) = self.buffer.push_line(sql.trim_end_matches('\r'), self.lineno)
                {
                    // A comment over several lines, alone: echoed when it ends, as sqlite3 does.
                    self.echo(s, &comment)?;
                }
                if sql.contains(';') {
                    let flow = self.run_complete(s)?;
                    if flow != Flow::Go {
                        return Ok(flow);
                    }
                }
                match command {
                    Some(text) => {
                        self.echo(s, text.trim())?;
                        self.run_command(s, text)
                    }
                    None => Ok(Flow::Go),
                }
            }
        }
    }

    /// Whether the lines read are rows for `\copy … from stdin` (the prompt says so).
    pub(crate) fn copying(&self) -> bool {
        self.copying.is_some()
    }

    /// A row for `\copy … from stdin`, or `\.`, which ends them and copies them in, all or nothing.
    fn copy_line(&mut self, s: &mut Session, line: &str) -> Result<Flow> {
        if line.trim_end_matches('\r') != "\\." {
            if let Some((_, rows)) = self.copying.as_mut() {
                rows.push_str(line.trim_end_matches('\r'));
                rows.push('\n');
            }
            return Ok(Flow::Go);
        }
        self.end_copy(s)
    }

    fn end_copy(&mut self, s: &mut Session) -> Result<Flow> {
        let Some((plan, rows)) = self.copying.take() else { return Ok(Flow::Go) };
        match command::copy::copy_in(s, &plan, &rows) {
            Ok(()) => Ok(Flow::Go),
            Err(e) => {
                let at = (!self.at_prompt).then_some((self.lineno, None));
                self.report(s, at, &crate::engine::error::message(&e));
                Ok(if self.bails(s) { Flow::Stop } else { Flow::Go })
            }
        }
    }

    /// A line inside an inactive branch: nothing in it runs but the conditional commands, and an
    /// `\if` or `\elif` there is not even evaluated (as in psql).
    fn skip(&mut self, s: &mut Session, line: &str) -> Result<Flow> {
        let text = line.trim();
        let (name, _) = command::words::split_name(text);
        match name {
            "\\if" => self.conds.push_ignored(),
            "\\elif" if !self.conds.evaluates(name) => {
                if let Err(e) = self.conds.apply(&command::Cond::Elif(Ok(false))) {
                    let at = (!self.at_prompt).then_some((self.lineno, None));
                    self.report(s, at, &e.to_string());
                    return Ok(if self.bails(s) { Flow::Stop } else { Flow::Go });
                }
            }
            "\\elif" | "\\else" | "\\endif" => return self.run_command(s, text),
            _ => {}
        }
        Ok(Flow::Go)
    }

    /// Handles every line of `text`, as if read one after another.
    pub(crate) fn text(&mut self, s: &mut Session, text: &str) -> Result<Flow> {
        for line in text.lines() {
            let flow = self.line(s, line)?;
            if flow != Flow::Go {
                return Ok(flow);
            }
        }
        Ok(Flow::Go)
    }

    /// End of input: what is left in the buffer runs, as sqlite3 runs it; an `\if` left open is
    /// an error (its block ends with the file, as in psql).
    pub(crate) fn finish(&mut self, s: &mut Session) -> Result<Flow> {
        // The end of the input ends `\copy … from stdin`'s rows too, as in psql.
        if self.copying.is_some() && self.end_copy(s)? == Flow::Stop {
            return Ok(Flow::Stop);
        }
        if self.conds.open() > 0 && !self.at_prompt {
            let open = self.conds.open();
            self.conds = conditional::Conditionals::default();
            let at = Some((self.lineno, None));
            self.report(s, at, &format!("{open} \\if block(s) without \\endif at the end of the input"));
            if self.bails(s) {
                return Ok(Flow::Stop);
            }
        }
        if is_blank(self.buffer.text()) {
            self.buffer.clear();
            return Ok(Flow::Go);
        }
        let (sql, first_line) = self.buffer.take();
        self.echo(s, echo_text(&sql))?;
        self.run_sql(s, &sql, first_line, None, false)
    }

    fn bails(&self, s: &Session) -> bool {
        s.settings.bail && !self.keep_going
    }

    fn run_complete(&mut self, s: &mut Session) -> Result<Flow> {
        // At the prompt a statement runs as soon as its line is entered, even with an unfinished
        // one after it; a script runs each complete buffer whole, as sqlite3 does (same
        // statements, same order, one `\once` for them all).
        // `.echo on` shows the whole chunk as read, trailing comment included (as sqlite3).
        let chunk = echo_text(self.buffer.text()).to_string();
        match self.buffer.take_complete(!self.at_prompt) {
            Some((sql, first_line)) => {
                self.echo(s, &chunk)?;
                self.run_sql(s, &sql, first_line, None, false)
            }
            None => Ok(Flow::Go),
        }
    }

    /// Runs SQL statements from line `first_line` on; reports each failure with its place.
    /// With `capture_last`, the last statement's rows are kept for `\chart`, not drawn.
    fn run_sql(
        &mut self,
        s: &mut Session,
        sql: &str,
        first_line: usize,
        format: Option<Format>,
        capture_last: bool,
    ) -> Result<Flow> {
        if self.at_prompt && !crate::engine::confirm::approve(s, sql) {
            return Ok(Flow::Declined);
        }
        // After an error the rest of the chunk (the lines read up to the one that completed a
        // statement) is dropped, -bail or not, as sqlite3 does; bail decides whether reading goes on.
        let failures = s.run_statements(sql, format, true, capture_last);
        for f in &failures {
            if matches!(&f.error, crate::engine::exec::ExecError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe) {
                return Err(anyhow::anyhow!(std::io::Error::from(std::io::ErrorKind::BrokenPipe)));
            }
            if self.at_prompt {
                self.report(s, None, &f.error.to_string());
            } else {
                let (line, col) = line_col(sql, crate::engine::diagnose::position(f).unwrap_or(f.offset));
                // One line: the message, then the statement's first line so the user sees which one failed.
                let msg = format!("{} (in: {})", f.error, statement_head(&f.statement));
                self.report(s, Some((first_line + line - 1, Some(col))), &msg);
            }
            // Under it: the line with a caret, and what a mistyped name probably meant.
            let base = if self.at_prompt { 1 } else { first_line };
            crate::engine::diagnose::print(&crate::engine::diagnose::explain(&s.conn, sql, f, base));
        }
        Ok(if !failures.is_empty() && self.bails(s) { Flow::Stop } else { Flow::Go })
    }

    /// Runs one command line and carries out what it asks for, all as one input (`\once`).
    fn run_command(&mut self, s: &mut Session, text: &str) -> Result<Flow> {
        let lineno = self.lineno;
        let (result, ended) = s.one_command(|s| {
            command::run(s, text).or_else(|e| misread(text, e)).and_then(|effect| self.apply(s, effect))
        });
        match result.and_then(|flow| ended.map(|()| flow).map_err(Into::into)) {
            Ok(flow) => Ok(flow),
            Err(e) if is_broken_pipe(&e) => Err(e),
            // `\o |head -1` stopped reading: the command's output ends there, quietly.
            Err(e) if crate::engine::output::any_program_gone(&e) => Ok(Flow::Go),
            Err(e) => {
                let at = (!self.at_prompt).then_some((lineno, None));
                self.report(s, at, &crate::engine::error::message(&e));
                Ok(if self.bails(s) { Flow::Stop } else { Flow::Go })
            }
        }
    }

    fn apply(&mut self, s: &mut Session, effect: Effect) -> Result<Flow> {
        match effect {
            Effect::Done => Ok(Flow::Go),
            Effect::Quit(status) => Ok(Flow::Quit(status)),
            Effect::RunFile(path) => self.run_file(s, &path),
            Effect::Edit(file) => self.edit(s, file.as_deref()),
            Effect::PrintBuffer => {
                let text = self.buffer_or_last(s);
                match text.trim_end() {
                    "" => writeln!(s.out, "query buffer is empty")?,
                    text => writeln!(s.out, "{}", crate::engine::render::escape_controls(text))?,
                }
                Ok(Flow::Go)
            }
            Effect::ClearBuffer => {
                self.buffer.clear();
                if self.at_prompt {
                    writeln!(s.out, "query buffer cleared")?;
                }
                Ok(Flow::Go)
            }
            Effect::RunBuffer { vertical, to } => {
                let (sql, first_line) = self.take_query(s)?;
                self.echo(s, sql.trim())?;
                let format = vertical.then_some(Format::Vertical);
                let Some(sink) = to else { return self.run_sql(s, &sql, first_line, format, false) };
                refuse_database(s, &sink)?;
                // `\g FILE`: this one result goes there, as with `\once`, and only it.
                anyhow::Context::with_context(s.out.once_to(&sink), || {
                    format!("cannot write to {}", sink_name(&sink))
                })?;
                let mark = s.out.once_mark();
                let flow = self.run_sql(s, &sql, first_line, format, false);
                let ended = s.out.end_once(mark);
                let flow = flow?;
                ended?;
                Ok(flow)
            }
            Effect::WriteBuffer(sink) => {
                let mut text = self.buffer_or_last(s);
                if is_blank(&text) {
                    bail!("nothing to write: the query buffer is empty");
                }
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                refuse_database(s, &sink)?;
                anyhow::Context::with_context(sink.send(&text), || format!("cannot write to {}", sink_name(&sink)))?;
                Ok(Flow::Go)
            }
            Effect::SetFromBuffer(prefix) => {
                let (sql, _) = self.take_query(s)?;
                s.last_sql = Some(sql.trim().to_string());
                command::store_one_row(s, &sql, &prefix)?;
                Ok(Flow::Go)
            }
            Effect::WatchBuffer(plan) => {
                let (sql, _) = self.take_query(s)?;
                s.last_sql = Some(sql.trim().to_string());
                command::watch_query(s, &sql, plan)?;
                Ok(Flow::Go)
            }
            // `SELECT … \chart`: the statement runs for its rows alone, then they are drawn; a bare
            // `\chart` draws the last result.
            Effect::Chart(request) => {
                if !is_blank(self.buffer.text()) {
                    let (sql, first_line) = self.buffer.take();
                    let errors = self.errors;
                    self.echo(s, sql.trim())?;
                    let flow = self.run_sql(s, &sql, first_line, None, true)?;
                    if flow != Flow::Go || self.errors > errors {
                        return Ok(flow);
                    }
                }
                command::chart::draw_last(s, &request)?;
                Ok(Flow::Go)
            }
            Effect::ExecEachValue => {
                let (sql, first_line) = self.take_query(s)?;
                s.last_sql = Some(sql.trim().to_string());
                for statement in command::statements_from(s, &sql)? {
                    let flow = self.run_sql(s, &statement, first_line, None, false)?;
                    if flow != Flow::Go {
                        return Ok(flow);
                    }
                }
                Ok(Flow::Go)
            }
            Effect::Crosstab(args) => {
                let (sql, _) = self.take_query(s)?;
                s.last_sql = Some(sql.trim().to_string());
                command::show_crosstab(s, &sql, &args)?;
                Ok(Flow::Go)
            }
            Effect::CopyFromInput(plan) => {
                self.copying = Some((plan, String::new()));
                Ok(Flow::Go)
            }
            Effect::Conditional(cond) => {
                self.conds.apply(&cond)?;
                Ok(Flow::Go)
            }
            Effect::RefreshCompletion { say } => {
                let snap = Snapshot::load(&s.conn, Parts::ALL);
                if say {
                    writeln!(s.out, "completion refreshed: {}", snap.summary())?;
                    s.out.flush()?;
                }
                self.completion = Some(Box::new(snap));
                Ok(Flow::Go)
            }
        }
    }

    /// Takes the query buffer (or the last query when it is empty) to run, with its first line.
    fn take_query(&mut self, s: &Session) -> Result<(String, usize)> {
        let (sql, first_line) = if self.buffer.is_empty() {
            (s.last_sql.clone().unwrap_or_default(), self.lineno)
        } else {
            self.buffer.take()
        };
        if is_blank(&sql) {
            bail!("nothing to run: the query buffer is empty");
        }
        Ok((sql, first_line))
    }

    /// The query buffer, or the last query when it is empty (what `\p`, `\e` and `\g` work on).
    fn buffer_or_last(&self, s: &Session) -> String {
        if self.buffer.is_empty() { s.last_sql.clone().unwrap_or_default() } else { self.buffer.text().to_string() }
    }

    /// `\i FILE`: the file's lines, in a buffer of their own; its errors count as ours.
    fn run_file(&mut self, s: &mut Session, path: &Path) -> Result<Flow> {
        let name = path.display().to_string();
        if self.depth >= MAX_DEPTH {
            bail!("cannot read {name}: scripts nest more than {MAX_DEPTH} deep (does it read itself?)");
        }
        let file = crate::engine::userfile::open_regular(path, "")?;
        let mut nested = Input::new(name, self.depth + 1, false, self.keep_going);
        let flow = nested.read(s, std::io::BufReader::new(file))?;
        self.errors += nested.errors;
        if let Some(snap) = nested.completion.take() {
            self.completion = Some(snap);
        }
        Ok(match flow {
            Flow::Quit(status) => Flow::Quit(status),
            _ if nested.errors > 0 && self.bails(s) => Flow::Stop,
            _ => Flow::Go,
        })
    }

    /// `\e [FILE]`: what the editor leaves becomes input, read line by line as a paste is.
    fn edit(&mut self, s: &mut Session, file: Option<&Path>) -> Result<Flow> {
        let text = if file.is_some() { String::new() } else { self.buffer_or_last(s) };
        let edited = command::shell::edit_text(s, &text, file)?;
        // An empty file is no instruction to drop the statement (psql keeps it too).
        if edited.trim().is_empty() {
            if !is_blank(&text) {
                s.warn("the editor returned an empty file: the query buffer is unchanged");
            }
            return Ok(Flow::Go);
        }
        self.buffer.clear();
        if self.at_prompt {
            self.edited = Some(edited.trim_end().to_string());
        }
        if s.settings.interactive {
            // What will run, as text: never a control character sent to the terminal.
            writeln!(s.out, "{}", crate::engine::render::escape_controls(edited.trim_end()))?;
        }
        let lineno = self.lineno;
        let flow = self.text(s, &edited);
        self.lineno = lineno;
        flow
    }

    /// `.echo on`: the input, as read, before it runs (as sqlite3 prints it).
    fn echo(&mut self, s: &mut Session, text: &str) -> Result<()> {
        if s.settings.echo && !self.at_prompt {
            // The bytes as read, not-UTF-8 ones included (as sqlite3 echoes them).
            s.out.write_all(&crate::engine::rawtext::encode(text))?;
            writeln!(s.out)?;
        }
        Ok(())
    }

    /// One failure, on one line of stderr: `error: FILE: line L, column C: message`.
    fn report(&mut self, s: &mut Session, at: Option<(usize, Option<usize>)>, msg: &str) {
        self.errors += 1;
        let place = at.map(|(line, col)| {
            let at = match col {
                Some(c) => format!("line {line}, column {c}"),
                None => format!("line {line}"),
            };
            if self.origin.is_empty() { at } else { format!("{}: {at}", self.origin) }
        });
        s.error(place.as_deref(), msg);
    }
}

/// A chunk of SQL as sqlite3's `.echo on` prints it: without the first line's indentation and the
/// final newline, everything else (trailing spaces, blank lines, comments) as read.
fn echo_text(buffer: &str) -> &str {
    let text = buffer.trim_start();
    text.strip_suffix('\n').unwrap_or(text)
}

/// The first line of a statement, shortened for an error message.
fn statement_head(statement: &str) -> String {
    const MAX: usize = 60;
    let first = statement.lines().next().unwrap_or("").trim();
    let mut head: String = first.chars().take(MAX).collect();
    if first.chars().count() > MAX || statement.trim_end().len() > first.len() {
        head.push('…');
    }
    head
}

/// A destination as messages name it: the file, or `|COMMAND`.
fn sink_name(sink: &crate::engine::output::Sink) -> String {
    match sink {
        crate::engine::output::Sink::File(path) => path.display().to_string(),
        crate::engine::output::Sink::Pipe(cmd) => format!("|{cmd}"),
    }
}

/// `\g FILE` and `\w FILE` never overwrite the open database (as `\o` does not).
fn refuse_database(s: &Session, sink: &crate::engine::output::Sink) -> Result<()> {
    match sink {
        crate::engine::output::Sink::File(path) => crate::engine::db::files::refuse_database_file(&s.conn, path),
        crate::engine::output::Sink::Pipe(_) => Ok(()),
    }
}

/// An `\if` or `\elif` that cannot be read (no expression: `\if` alone) still opens or moves its
/// block, as a false branch, as psql does: the lines it guards must not run.
fn misread(text: &str, e: anyhow::Error) -> Result<Effect> {
    let why = crate::engine::error::message(&e);
    match command::words::split_name(text).0 {
        "\\if" => Ok(Effect::Conditional(command::Cond::If(Err(why)))),
        "\\elif" => Ok(Effect::Conditional(command::Cond::Elif(Err(why)))),
        _ => Err(e),
    }
}
