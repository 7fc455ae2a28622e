//! What a command asks the input layer to do once it has run: commands never call back up into
//! the reader that called them (no `\i` running a script from inside a command), they return one
//! of these and `input/` carries it out.

use std::path::PathBuf;

pub use crate::engine::output::Sink;

/// What happens after a command ran.
#[derive(Debug, Default)]
pub enum Effect {
    /// Nothing more: the command did its work.
    #[default]
    Done,
    /// Stop reading input and leave talkcli.
    Quit(crate::engine::exit::Quit),
    /// Run FILE as a script (`\i`).
    RunFile(PathBuf),
    /// Open the query buffer (or, when it is empty, the last query; or FILE) in the editor and
    /// read what it holds back as input (`\e`).
    Edit(Option<PathBuf>),
    /// Print the query buffer (`\p`).
    PrintBuffer,
    /// Empty the query buffer (`\r`).
    ClearBuffer,
    /// Run the query buffer (or the last query when it is empty) now (`\g`), in vertical
    /// records when `vertical` (`\gx`, `\G`), its output to `to` when given (`\g FILE`,
    /// `\g |COMMAND`).
    RunBuffer { vertical: bool, to: Option<Sink> },
    /// Write the query buffer (or the last query) to a file or program, keeping it (`\w`).
    WriteBuffer(Sink),
    /// Run the query buffer (or the last query) and store its one row as variables whose names
    /// start with this prefix (`\gset`).
    SetFromBuffer(String),
    /// Run the query buffer (or the last query) again and again (`\watch`).
    WatchBuffer(WatchPlan),
    /// Run the query buffer for its rows (when it holds SQL), then chart the last result
    /// (`\chart`, `SELECT … \chart`).
    Chart(Box<crate::engine::command::chart::Parsed>),
    /// Run the query buffer (or the last query), then each value of its result as a statement
    /// (`\gexec`).
    ExecEachValue,
    /// Run the query buffer (or the last query) and show its result pivoted, with these column
    /// choices, each with whether it was quoted (`\crosstabview`).
    Crosstab(Vec<(String, bool)>),
    /// `\copy … from stdin`: the lines that follow, up to `\.`, are the rows for this table.
    CopyFromInput(Box<crate::engine::command::copy::CopyIn>),
    /// `\if`, `\elif`, `\else`, `\endif`: the input layer keeps the branches.
    Conditional(Cond),
    /// Reload what completion knows now (`\refresh`, `.open`), saying what it holds when `say`;
    /// the input layer loads it, so commands never depend on completion.
    RefreshCompletion { say: bool },
}

/// What `\watch` was asked for: every how many seconds, and how many runs (`None`: until Ctrl-C).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WatchPlan {
    pub every: f64,
    pub count: Option<u64>,
}

/// One conditional command (`\if EXPR`, `\elif EXPR`, `\else`, `\endif`): an expression's value,
/// or why it could not be read (the branch is then false, as in psql, and the error is said).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cond {
    If(Result<bool, String>),
    Elif(Result<bool, String>),
    Else,
    Endif,
}
