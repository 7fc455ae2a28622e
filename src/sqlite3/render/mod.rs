//! The sqlite3 shell's own output modes, byte for byte: list, quote and insert; line; html; the
//! columnar modes; EXPLAIN drawn as it draws it.

pub mod columnar;
pub mod explain;
pub mod html;
pub mod line;
pub mod list;
