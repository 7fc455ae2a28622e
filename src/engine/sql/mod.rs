//! SQL text handling that needs no database: tokens, statement boundaries, completeness, and the
//! one home of quoting and REAL formatting.

pub mod lexer;
pub mod number;
pub mod quote;
pub mod split;

pub use crate::engine::sql::split::{complete_len, is_complete, line_col, split};
