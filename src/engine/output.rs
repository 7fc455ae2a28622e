//! Where results go: stdout (buffered), a pager, or a file chosen with `\o`/`\once`. One of the two
//! places that know about terminals: it decides whether output is a terminal, how big it is, and
//! when a result is tall enough to page.
//!
//! Paging follows bat's shape: output of one statement is held until it is taller than the screen;
//! then `$PAGER` (or `less -FRXS`) is started and everything, held and following, goes to it. A
//! pager that cannot start costs one warning line and output goes to stdout.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};

mod hyperlinks;
mod pager;
mod plain;
mod scroll;

pub use crate::engine::output::hyperlinks::terminal_supports_hyperlinks;
pub use crate::engine::output::pager::pager_command;
use crate::engine::output::scroll::WideLines;

/// Most bytes kept to reprint should the pager fail.
const COPY_CAP: usize = 4 << 20;

pub enum Target {
    Stdout(BufWriter<Stdout>),
    File(BufWriter<File>),
    /// `\o |CMD`, `.once |CMD`: a program reading our output on its stdin.
    Pipe(Box<PipeTarget>),
}

/// Where one command sends text or a result: a file (`~` expanded) or a program (`|COMMAND`), as
/// the arguments of `\g`, `\w`, `\o` and `\once` are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sink {
    File(std::path::PathBuf),
    Pipe(String),
}

impl Sink {
    /// Reads a command's raw argument: `|COMMAND`, or one FILE (an already unquoted word).
    pub fn parse(rest: &str, word: Option<&str>) -> Option<Sink> {
        match rest.trim().strip_prefix('|') {
            Some(cmd) => Some(Sink::Pipe(cmd.trim().to_string())),
            None => word.map(|w| Sink::File(crate::engine::paths::expand_home(w))),
        }
    }

    /// Writes `text` to the file (truncating it) or to the program's input, waiting for it.
    pub fn send(&self, text: &str) -> io::Result<()> {
        match self {
            Sink::File(path) => std::fs::write(path, text),
            Sink::Pipe(command) => {
                let mut out = Output::stdout();
                out.to_pipe(command)?;
                out.write_all(text.as_bytes())?;
                out.to_stdout()
            }
        }
    }
}

/// A program started with `sh -c` that output goes to; it is waited for when output moves on.
pub struct PipeTarget {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    command: String,
}

/// The paging state of one statement's output.
enum Paging {
    Off,
    /// Holding output until it proves taller than the screen.
    Holding {
        buf: Vec<u8>,
        lines: usize,
        height: usize,
        command: String,
        /// `\pset wide scroll`: output with a line wider than the screen goes to the pager
        /// (`scroll_command`) however short it is.
        wide: Option<WideLines>,
    },
    Piping {
        child: Child,
        stdin: BufWriter<ChildStdin>,
        /// What the pager was given, to print instead if it fails (`None` once past `COPY_CAP`:
        /// a pager that read that much works).
        copy: Option<Vec<u8>>,
        /// For a pager that would show escape codes as text: takes them out.
        plain: Option<plain::Stripper>,
    },
    /// The pager quit before we finished: the rest is dropped.
    Closed {
        child: Child,
    },
}

pub struct Output {
    target: Target,
    /// The file `\o`/`\once` writes to, if any (charts turn Markdown-safe in `.md` files).
    file: Option<std::path::PathBuf>,
    stdout_is_terminal: bool,
    /// Standard output is a pipe or socket (`| head -1`), not a file or terminal.
    stdout_is_pipe: bool,
    /// `\once`: back to stdout when the next command or statement input finishes. Each `\once`
    /// gets a new number, so the input that set it does not also end it.
    once: Option<u64>,
    onces: u64,
    /// `--color always`: pagers other than less get the escape codes too.
    colour_in_any_pager: bool,
    /// `\once` (not `.once`): a command that writes nothing (`\T json`) leaves it for the next.
    once_waits: bool,
    /// Something was written since the `\once` began.
    once_wrote: bool,
    /// Where output went before a `\once`, to go back to when it ends.
    kept: Option<Target>,
    /// The file a `\once` writes to, while it is in force.
    once_file: Option<std::path::PathBuf>,
    paging: Paging,
    /// Results begun and not yet ended: a command paged as a whole (`\d+`, `\talk`) runs queries
    /// whose own results are part of its output, paged with it.
    results: usize,
}

impl Output {
    pub fn stdout() -> Self {
        let stdout = io::stdout();
        let stdout_is_terminal = stdout.is_terminal();
        let stdout_is_pipe = crate::engine::unix::is_pipe(&stdout);
        Output {
            target: Target::Stdout(BufWriter::with_capacity(64 * 1024, stdout)),
            file: None,
            stdout_is_terminal,
            stdout_is_pipe,
            once: None,
            onces: 0,
            colour_in_any_pager: false,
            once_waits: false,
            once_wrote: false,
            kept: None,
            once_file: None,
            paging: Paging::Off,
            results: 0,
        }
    }

    /// Sends output to `path` (truncating it) until `to_stdout` is called.
    /// Whether results go to stdout (not to a file set with `\o`).
    pub fn is_stdout(&self) -> bool {
        matches!(self.target, Target::Stdout(_))
    }

    // "to" as in "send output to": a redirection, not a conversion.
    #[allow(clippy::wrong_self_convention)]
    pub fn to_file(&mut self, path: &Path) -> io::Result<()> {
        let file = File::create(path)?;
        self.replace_target(Target::File(BufWriter::new(file)))?;
        self.file = Some(path.to_path_buf());
        Ok(())
    }

    /// Sends output to `command` (run with `sh -c`, reading its stdin) until `to_stdout` is called.
    // "to" as in "send output to": a redirection, not a conversion.
    #[allow(clippy::wrong_self_convention)]
    pub fn to_pipe(&mut self, command: &str) -> io::Result<()> {
        let pipe = self.start_program(command)?;
        self.replace_target(pipe)
    }

    /// Starts `command` with its stdin as a target.
    fn start_program(&mut self, command: &str) -> io::Result<Target> {
        if command.trim().is_empty() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "no command after |"));
        }
        // The program runs after our output so far: flush it first so the two never interleave.
        self.flush_leaving()?;
        let mut child = Command::new("sh").arg("-c").arg(command).stdin(Stdio::piped()).spawn()?;
        let Some(stdin) = child.stdin.take() else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other("the command has no stdin"));
        };
        Ok(Target::Pipe(Box::new(PipeTarget { child, stdin: BufWriter::new(stdin), command: command.to_string() })))
    }

    /// Switches to `target` for good, closing the old one (and one a `\once` kept): a program is
    /// given end-of-input and waited for (its failure is reported as an error).
    fn replace_target(&mut self, target: Target) -> io::Result<()> {
        let flushed = self.flush_leaving();
        let old = std::mem::replace(&mut self.target, target);
        self.once = None;
        self.once_file = None;
        self.file = None;
        let kept = self.kept.take().map_or(Ok(()), close_target);
        flushed.and(close_target(old)).and(kept)
    }

    /// Sends the whole output of the next command or SQL input only to `path`.
    pub fn once_to_file(&mut self, path: &Path) -> io::Result<()> {
        let file = File::create(path)?;
        self.start_once(Target::File(BufWriter::new(file)))?;
        self.once_file = Some(path.to_path_buf());
        Ok(())
    }

    /// Sends the whole output of the next command or SQL input only to `command`.
    pub fn once_to_pipe(&mut self, command: &str) -> io::Result<()> {
        let pipe = self.start_program(command)?;
        self.start_once(pipe)
    }

    /// Sends the whole output of the next command or SQL input to stdout (sqlite3's `.once stdout`).
    pub fn once_to_stdout(&mut self) -> io::Result<()> {
        self.start_once(Target::Stdout(BufWriter::with_capacity(64 * 1024, io::stdout())))
    }

    /// Where output goes, as sqlite3's `.show` names it: `stdout`, the file, or `|COMMAND`.
    pub fn describe(&self) -> String {
        match (&self.target, &self.file) {
            (Target::Stdout(_), _) => "stdout".to_string(),
            (Target::Pipe(p), _) => format!("|{}", p.command),
            (Target::File(_), Some(path)) => path.display().to_string(),
            (Target::File(_), None) => "file".to_string(),
        }
    }

    /// Sends the whole output of the next input only to `sink`.
    pub fn once_to(&mut self, sink: &Sink) -> io::Result<()> {
        match sink {
            Sink::File(path) => self.once_to_file(path),
            Sink::Pipe(command) => self.once_to_pipe(command),
        }
    }

    /// Puts `target` in place for one input, keeping the target in force (the screen, or what
    /// `\o` chose) to go back to.
    fn start_once(&mut self, target: Target) -> io::Result<()> {
        let flushed = self.flush_leaving();
        let previous = std::mem::replace(&mut self.target, target);
        // A `\once` replacing another keeps the first one's way back.
        let closed = if self.kept.is_none() {
            self.kept = Some(previous);
            Ok(())
        } else {
            close_target(previous)
        };
        self.onces += 1;
        self.once = Some(self.onces);
        (self.once_waits, self.once_wrote) = (false, false);
        self.once_file = None;
        flushed.and(closed)
    }

    /// Whether a pager other than less gets colour and links (`--color always`); by default it
    /// gets the text without escape codes, which it would show raw.
    pub fn colour_in_any_pager(&mut self, on: bool) {
        self.colour_in_any_pager = on;
    }

    /// psql users' `\once`: it captures the next result, so a command that writes nothing (a
    /// setting such as `\T json`) does not use it up. (sqlite3's `.once` ends with any input.)
    pub fn once_waits_for_output(&mut self) {
        self.once_waits = self.once.is_some();
    }

    /// Like `end_once`, after a command: a waiting `\once` the command wrote nothing to stays.
    pub fn end_once_after_command(&mut self, mark: Option<u64>) -> io::Result<()> {
        if self.once_waits && !self.once_wrote {
            return Ok(());
        }
        self.end_once(mark)
    }

    /// Which `\once` is in force, if any: taken before running one input, handed to `end_once`.
    pub fn once_mark(&self) -> Option<u64> {
        self.once
    }

    /// Ends the `\once` that was in force before an input ran (not one that input set): output
    /// goes back to where it went before.
    pub fn end_once(&mut self, mark: Option<u64>) -> io::Result<()> {
        if mark.is_none() || self.once != mark {
            return Ok(());
        }
        let flushed = self.flush_leaving();
        let back =
            self.kept.take().unwrap_or_else(|| Target::Stdout(BufWriter::with_capacity(64 * 1024, io::stdout())));
        let once = std::mem::replace(&mut self.target, back);
        self.once = None;
        self.once_file = None;
        flushed.and(close_target(once))
    }

    // "to" as in "send output to": a redirection, not a conversion.
    #[allow(clippy::wrong_self_convention)]
    pub fn to_stdout(&mut self) -> io::Result<()> {
        self.replace_target(Target::Stdout(BufWriter::with_capacity(64 * 1024, io::stdout())))
    }

    /// Every file output may go to now: `\o FILE`'s (kept under a `\once`) and the `\once` file.
    pub fn files(&self) -> Vec<&Path> {
        self.file.as_deref().into_iter().chain(self.once_file.as_deref()).collect()
    }

    /// The file output goes to (`\o FILE`), if any.
    pub fn file_path(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Whether to draw OSC 8 hyperlinks: only on a terminal, as the `hyperlinks` setting says
    /// (`auto`: when the terminal is known to support them).
    pub fn links(&self, setting: crate::engine::settings::Hyperlinks) -> bool {
        use crate::engine::settings::Hyperlinks;
        self.is_terminal()
            && match setting {
                Hyperlinks::On => true,
                Hyperlinks::Off => false,
                Hyperlinks::Auto => terminal_supports_hyperlinks(),
            }
    }

    /// Writes `text` to standard output, wherever `\o` sends results (psql's `\echo`).
    pub fn write_to_screen(&mut self, text: &str) -> io::Result<()> {
        if self.is_stdout() {
            self.write_all(text.as_bytes())?;
            return self.flush();
        }
        self.flush()?;
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()
    }

    /// Writes a status line (`Time: …`, `Output format is …`, a notice): into the output when it
    /// is the terminal, else to stderr, so it never mixes with data going to a pipe or a file.
    pub fn status(&mut self, line: &str) -> io::Result<()> {
        if self.is_terminal() {
            writeln!(self, "{line}")?;
            return self.flush();
        }
        self.flush()?;
        writeln!(crate::engine::error::writer().lock(), "{line}")
    }

    /// True when output lands on a terminal a person reads.
    pub fn is_terminal(&self) -> bool {
        matches!(self.target, Target::Stdout(_)) && self.stdout_is_terminal
    }

    /// True when output goes to a pipe (a program reading it, `| head`, `\o |cmd`) that may stop
    /// reading early: tables are then drawn as their rows arrive.
    pub fn is_pipe(&self) -> bool {
        match self.target {
            Target::Pipe(_) => true,
            Target::Stdout(_) => self.stdout_is_pipe && !self.stdout_is_terminal,
            Target::File(_) => false,
        }
    }

    /// Width of the terminal output goes to, if it goes to one.
    pub fn width(&self) -> Option<u16> {
        if !self.is_terminal() {
            return None;
        }
        terminal_size::terminal_size().map(|(w, _)| w.0)
    }

    /// Starts one statement's output: with a pager command, output on a terminal that grows taller
    /// than the screen goes through it. `command` is `None` when paging is off.
    pub fn begin_result(&mut self, command: Option<String>) {
        self.results += 1;
        if self.results > 1 {
            return;
        }
        // Checked in this order so scripts writing to a pipe never ask the terminal its size.
        let Some(command) = command.filter(|_| self.is_terminal()) else { return };
        if let Some((_, h)) = terminal_size::terminal_size() {
            self.paging = Paging::Holding { buf: Vec::new(), lines: 0, height: usize::from(h.0), command, wide: None };
        }
    }

    /// After `begin_result`: output with a line wider than the terminal is paged with
    /// the pager, told to scroll sideways (a table drawn at full width for `\pset wide scroll`).
    pub fn scroll_wide_lines(&mut self) {
        let width = terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
        if let (Paging::Holding { wide, .. }, Some(width)) = (&mut self.paging, width) {
            *wide = Some(WideLines::new(width));
        }
    }

    /// Ends one statement's output: held output is printed and a pager is waited for. (`\once`
    /// ends with the whole input, in `end_once`.)
    pub fn end_result(&mut self) -> io::Result<()> {
        self.results = self.results.saturating_sub(1);
        if self.results > 0 {
            return Ok(());
        }
        match std::mem::replace(&mut self.paging, Paging::Off) {
            Paging::Off => {}
            Paging::Holding { buf, wide: Some(w), command, .. } if w.seen => {
                self.start_pager(&scroll::scroll_command(&command), buf)?;
                if let Paging::Piping { mut child, stdin, copy, .. } = std::mem::replace(&mut self.paging, Paging::Off)
                {
                    let _ = stdin.into_inner().map(drop);
                    self.check_pager(&mut child, copy)?;
                }
            }
            Paging::Holding { buf, .. } => self.target_write(&buf)?,
            Paging::Piping { mut child, stdin, copy, .. } => {
                // A pager that quit early is not an error; one that failed gets its text printed.
                let _ = stdin.into_inner().map(drop);
                self.check_pager(&mut child, copy)?;
            }
            Paging::Closed { mut child } => {
                let _ = child.wait();
            }
        }
        self.flush()
    }

    /// Flushes output that is leaving its target: a program that stopped reading is no error here.
    fn flush_leaving(&mut self) -> io::Result<()> {
        match self.flush() {
            Err(e) if is_program_gone(&e) => Ok(()),
            other => other,
        }
    }

    fn target_write(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.target {
            Target::Stdout(w) => w.write_all(buf),
            Target::File(w) => w.write_all(buf).map_err(|e| drop_unwritten(w, e)),
            // A program that stops reading (`head -1`) is not an error, but what was writing to it
            // stops (see `ProgramGone`).
            Target::Pipe(p) => match p.stdin.write_all(buf) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(program_gone()),
                other => other,
            },
        }
    }
}

/// After a failed write to a file (a full disk), what is still buffered is dropped: the failure is
/// reported once, not again by every later flush of the same bytes.
fn drop_unwritten(w: &mut BufWriter<File>, e: io::Error) -> io::Error {
    if let Ok(file) = w.get_ref().try_clone() {
        let old = std::mem::replace(w, BufWriter::new(file));
        let _ = old.into_parts();
    }
    e
}

/// Closes a target that output leaves: a program gets end-of-input and is waited for.
fn close_target(target: Target) -> io::Result<()> {
    match target {
        Target::Pipe(pipe) => pipe.close(),
        Target::File(mut w) => w.flush(),
        Target::Stdout(mut w) => w.flush(),
    }
}

impl PipeTarget {
    /// Ends the program's input and waits for it; a failing program is an error naming it.
    fn close(self) -> io::Result<()> {
        let PipeTarget { mut child, stdin, command } = self;
        let flushed = match stdin.into_inner() {
            Ok(w) => {
                drop(w);
                Ok(())
            }
            Err(e) if e.error().kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(io::Error::new(e.error().kind(), e.error().to_string())),
        };
        let status = child.wait()?;
        flushed?;
        if status.success() {
            Ok(())
        } else {
            Err(io::Error::other(format!("the output command '{command}' failed ({status})")))
        }
    }
}

impl Drop for Output {
    /// A program still reading output at exit gets end-of-input and is waited for, so its
    /// output (a clipboard tool, `jq`) is complete before talkcli's prompt or exit.
    fn drop(&mut self) {
        if matches!(self.target, Target::Pipe(_)) || matches!(self.kept, Some(Target::Pipe(_))) {
            let _ = self.to_stdout();
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.once_wrote |= self.once.is_some() && !buf.is_empty();
        match &mut self.paging {
            Paging::Off => self.target_write(buf),
            Paging::Holding { buf: held, lines, height, command, wide } => {
                held.extend_from_slice(buf);
                *lines += buf.iter().filter(|&&b| b == b'\n').count();
                if let Some(w) = wide {
                    w.watch(buf);
                }
                // Leave a line for the prompt that follows.
                if *lines + 1 >= *height {
                    let scroll = wide.as_ref().is_some_and(|w| w.seen);
                    let command = std::mem::take(command);
                    let command = if scroll { scroll::scroll_command(&command) } else { command };
                    let held = std::mem::take(held);
                    self.paging = Paging::Off;
                    self.start_pager(&command, held)?;
                }
                Ok(())
            }
            Paging::Piping { stdin, copy, plain, .. } => {
                if let Some(c) = copy {
                    c.extend_from_slice(buf);
                    if c.len() > COPY_CAP {
                        *copy = None;
                    }
                }
                let mut stripped = Vec::new();
                let buf = match plain {
                    Some(p) => {
                        p.strip(buf, &mut stripped);
                        &stripped[..]
                    }
                    None => buf,
                };
                match stdin.write_all(buf) {
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                        if let Paging::Piping { mut child, copy, .. } = std::mem::replace(&mut self.paging, Paging::Off)
                        {
                            // Quit by the user: drop the rest. Failed: the rest is printed.
                            if !self.check_pager(&mut child, copy)? {
                                self.paging = Paging::Closed { child };
                            }
                        }
                        Ok(())
                    }
                    other => other,
                }
            }
            Paging::Closed { .. } => Ok(()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.paging {
            Paging::Holding { .. } | Paging::Closed { .. } => Ok(()),
            Paging::Piping { stdin, .. } => match stdin.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            },
            Paging::Off => match &mut self.target {
                Target::Stdout(w) => w.flush(),
                Target::File(w) => w.flush().map_err(|e| drop_unwritten(w, e)),
                Target::Pipe(p) => match p.stdin.flush() {
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(program_gone()),
                    other => other,
                },
            },
        }
    }
}

/// Why writing to `\o |cmd`'s program failed when it stopped reading (`head -1`): the statement or
/// command writing stops quietly, and the session goes on (standard output closing ends it).
#[derive(Debug)]
pub struct ProgramGone;

impl std::fmt::Display for ProgramGone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the output program stopped reading")
    }
}

impl std::error::Error for ProgramGone {}

fn program_gone() -> io::Error {
    io::Error::other(ProgramGone)
}

/// True when `err` is a write to an output program that stopped reading.
pub fn is_program_gone(err: &io::Error) -> bool {
    err.get_ref().is_some_and(|e| e.is::<ProgramGone>())
}

/// True when `err` (or anything it wraps) is a write to an output program that stopped reading.
pub fn any_program_gone(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(is_program_gone)
            || e.downcast_ref::<crate::engine::error::ExecError>()
                .is_some_and(|x| matches!(x, crate::engine::error::ExecError::Io(io) if is_program_gone(io)))
            || e.is::<ProgramGone>()
    })
}

/// True when `err` (or anything it wraps) is a closed pipe: the reader went away, not our failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<crate::engine::exec::ExecError>().is_some_and(
                |x| matches!(x, crate::engine::exec::ExecError::Io(io) if io.kind() == io::ErrorKind::BrokenPipe),
            )
    })
}
