//! SQL text handling that needs no database: tokens, statement boundaries, completeness, and the
//! one home of quoting and REAL formatting.

pub(crate) mod lexer;
pub(crate) mod number;
pub(crate) mod quote;
pub(crate) mod split;

pub use crate::engine::sql::split::{complete_len, is_complete, line_col, split};
