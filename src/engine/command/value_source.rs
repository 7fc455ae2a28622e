//! What a pack declares for completion to offer after its commands: a source of values (pgcli's
//! refreshers), read by the engine's completion on its background connection.

/// How a source's rows are read and matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `SELECT name`: names matched accent- and case-insensitively, prefix, word start or
    /// anywhere.
    Names,
    /// `SELECT name, n`: names as above, each with a count shown beside it (`12 talks`), the
    /// count's noun given.
    Counted(&'static str),
    /// `SELECT id, name`: names as above with an id beside each; a number typed is an id.
    Titled,
    /// `SELECT name`: kept in the order read, matched by prefix.
    Ordered,
    /// `SELECT id, name`: ids listed in order with their names; typed letters match the names.
    Numbered,
    /// A fixed list, read from no table.
    Fixed(&'static [&'static str]),
}

/// One value source a pack registers.
#[derive(Debug)]
pub struct Source {
    /// What declarations call it (`speakers`).
    pub name: &'static str,
    /// The word the candidate list shows beside each value (`speaker`).
    pub label: &'static str,
    /// Read only when `main` or `temp` has a table of this name (empty for `Fixed`).
    pub table: &'static str,
    /// Rows, highest id and total length: a reload reads again only when this moved.
    pub print: &'static str,
    pub read: &'static str,
    pub shape: Shape,
}
