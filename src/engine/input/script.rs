//! Reading a whole source (`-f FILE`, stdin, `-e TEXT`, the rc file, `\i FILE`) line by line into
//! the input layer. Scripts never go through the line editor.

use std::io::BufRead;

use anyhow::Result;

use crate::engine::input::{Flow, Input};
use crate::engine::session::Session;

/// How reading a source ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ended {
    /// Failures reported while it ran.
    pub(crate) errors: usize,
    /// `\q` asked to leave talkcli.
    pub(crate) quit: Option<crate::engine::exit::Quit>,
}

/// Runs every statement and command read from `input`. `origin` names the input in messages
/// (empty for stdin and -e). With `keep_going` (the rc file), errors never stop it.
pub(crate) fn run_script(session: &mut Session, input: impl BufRead, origin: &str, keep_going: bool) -> Result<Ended> {
    let mut reader = Input::new(origin.to_string(), 0, false, keep_going);
    let flow = reader.read(session, input)?;
    let quit = match flow {
        Flow::Quit(status) => Some(status),
        _ => None,
    };
    Ok(Ended { errors: reader.errors, quit })
}

impl Input {
    /// Reads `input` to its end (or to a stop or a quit).
    pub(super) fn read(&mut self, s: &mut Session, mut input: impl BufRead) -> Result<Flow> {
        let mut raw = Vec::new();
        loop {
            raw.clear();
            let n = input.read_until(b'\n', &mut raw).map_err(|e| {
                anyhow::anyhow!("cannot read {}: {e}", if self.origin.is_empty() { "input" } else { &self.origin })
            })?;
            if n == 0 {
                return self.finish(s);
            }
            if raw.last() == Some(&b'\n') {
                raw.pop();
                if raw.last() == Some(&b'\r') {
                    raw.pop();
                }
            }
            // Bytes that are not UTF-8 are kept (escaped, see `rawtext`) and reach SQLite as
            // they are, as sqlite3 passes them.
            let line = crate::engine::rawtext::decode(&raw);
            let flow = self.line(s, &line)?;
            if flow != Flow::Go {
                return Ok(flow);
            }
        }
    }
}
