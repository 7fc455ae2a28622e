//! SQL text handling that needs no database: tokens, statement boundaries, completeness.

pub mod lexer;
pub mod split;

pub use crate::engine::sql::split::{complete_len, is_complete, line_col, split};
