//! The rustyline helper: completion, hints, highlighting and validation hooks for the prompt.

use rustyline::{Completer, Helper, Highlighter, Hinter, Validator};

#[derive(Helper, Completer, Hinter, Highlighter, Validator, Default)]
pub struct TalkHelper {}
