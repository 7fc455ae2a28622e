//! Exit statuses, as documented in the README: one home, so the engine (Ctrl-C in a script, a
//! failed import) and the binary agree.

pub const OK: i32 = 0;
pub const SQL_ERROR: i32 = 1;
pub const USAGE: i32 = 2;
pub const INTERRUPTED: i32 = 130;

/// Each status with its meaning, for `--help`'s neighbours: the man page and the reference.
pub const MEANINGS: &[(i32, &str)] = &[
    (OK, "everything ran"),
    (SQL_ERROR, "an SQL error, a failed command, or a file that could not be opened or read"),
    (USAGE, "a usage error: unknown option or bad option value"),
    (INTERRUPTED, "interrupted (Ctrl-C) while running a script"),
];

/// `\q` asked to leave talkcli: with the status it named (`\q 3`), or the usual one for how the
/// run went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quit {
    Usual,
    With(i32),
}

impl Quit {
    /// The exit status: the one asked for, else `usual`.
    pub fn status(self, usual: i32) -> i32 {
        match self {
            Quit::Usual => usual,
            Quit::With(code) => code,
        }
    }
}
