//! The sqlite3 shell's own output modes, byte for byte: list, quote and insert; line; the
//! columnar modes; EXPLAIN drawn as it draws it.

pub(crate) mod columnar;
pub(crate) mod explain;
pub(crate) mod line;
pub(crate) mod list;
