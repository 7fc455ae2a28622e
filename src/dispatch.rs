//! What to do with one complete piece of input: a backslash command, or SQL statements run in
//! order. The REPL and the script runner both come through here, so input means the same thing
//! typed or scripted.

use crate::command;
use crate::exec::ExecError;
use crate::session::Session;
use crate::sql::{is_complete, split};

/// True when typed or scripted text is ready to run: a command line, or complete SQL.
pub fn input_is_complete(text: &str) -> bool {
    command::is_command(text) || is_complete(text)
}

/// A statement that failed: where it started (byte offset in the input) and why.
#[derive(Debug)]
pub struct Failure {
    pub offset: usize,
    pub error: ExecError,
}

/// Runs every statement in `sql`, in order. With `bail`, stops at the first failure; otherwise
/// runs on. Returns the failures.
pub fn run_sql(session: &mut Session, sql: &str, bail: bool) -> Vec<Failure> {
    let mut failures = Vec::new();
    if !sql.trim().is_empty() {
        session.last_sql = Some(sql.trim().to_string());
    }
    for st in split(sql) {
        if let Err(error) = session.run_sql(st.text) {
            let broken_pipe = matches!(&error, ExecError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe);
            failures.push(Failure { offset: st.offset, error });
            if bail || broken_pipe {
                break;
            }
        }
    }
    failures
}
