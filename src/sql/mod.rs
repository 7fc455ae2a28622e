//! SQL text handling that needs no database: tokens, statement boundaries, completeness.

pub mod lexer;
pub mod split;

pub use split::{is_complete, line_col, split};
