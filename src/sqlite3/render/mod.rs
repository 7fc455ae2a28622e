//! The sqlite3 shell's own output modes, byte for byte: list, quote and insert; line; the
//! columnar modes; EXPLAIN drawn as it draws it.

pub mod columnar;
pub mod explain;
pub mod line;
pub mod list;
