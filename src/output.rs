//! Where results go: stdout (buffered) or a file chosen with `\o`. One of the two places that know
//! about terminals: it decides whether output is a terminal and how wide it is, once.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::path::Path;

pub enum Target {
    Stdout(BufWriter<Stdout>),
    File(BufWriter<File>),
}

pub struct Output {
    target: Target,
    stdout_is_terminal: bool,
}

impl Output {
    pub fn stdout() -> Self {
        let stdout = io::stdout();
        let stdout_is_terminal = stdout.is_terminal();
        Output { target: Target::Stdout(BufWriter::with_capacity(64 * 1024, stdout)), stdout_is_terminal }
    }

    /// Sends output to `path` (truncating it) until `to_stdout` is called.
    pub fn to_file(&mut self, path: &Path) -> io::Result<()> {
        let file = File::create(path)?;
        self.flush()?;
        self.target = Target::File(BufWriter::new(file));
        Ok(())
    }

    pub fn to_stdout(&mut self) -> io::Result<()> {
        self.flush()?;
        self.target = Target::Stdout(BufWriter::with_capacity(64 * 1024, io::stdout()));
        Ok(())
    }

    /// True when output lands on a terminal a person reads.
    pub fn is_terminal(&self) -> bool {
        matches!(self.target, Target::Stdout(_)) && self.stdout_is_terminal
    }

    /// Width of the terminal output goes to, if it goes to one.
    pub fn width(&self) -> Option<u16> {
        if !self.is_terminal() {
            return None;
        }
        terminal_size::terminal_size().map(|(w, _)| w.0)
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.target {
            Target::Stdout(w) => w.write(buf),
            Target::File(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.target {
            Target::Stdout(w) => w.write_all(buf),
            Target::File(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Stdout(w) => w.flush(),
            Target::File(w) => w.flush(),
        }
    }
}

/// True when `err` (or anything it wraps) is a closed pipe: the reader went away, not our failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<crate::exec::ExecError>()
                .is_some_and(|x| matches!(x, crate::exec::ExecError::Io(io) if io.kind() == io::ErrorKind::BrokenPipe))
    })
}
