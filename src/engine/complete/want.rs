//! What the cursor wants: the kinds of candidates a position accepts. The clause logic
//! (`context.rs`) and the statement grammar (`statements.rs`) both answer with one; the engine
//! (`mod.rs`) turns it into candidates.

use crate::engine::complete::ItemKind;
use crate::engine::complete::grammar::COLLATIONS;
use crate::engine::complete::snapshot::Snapshot;

/// The kinds of candidates the cursor position accepts. All empty means nothing is offered
/// (where only a new name or a literal can come).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Want {
    /// Only keywords that begin a statement.
    pub starters: bool,
    /// Only these keywords (what the grammar allows here).
    pub keyword_list: Vec<&'static str>,
    pub tables: bool,
    pub views: bool,
    pub functions: bool,
    pub aliases: Vec<String>,
    pub columns: Vec<String>,
    /// Names of common table expressions (`WITH name AS (…)`) usable as tables.
    pub ctes: Vec<String>,
    /// Whole joins or join conditions from foreign keys, offered first.
    pub joins: Vec<String>,
    /// Tables related by foreign keys to the statement's tables, offered before the others.
    pub related: Vec<String>,
    /// Other named objects: pragmas, indexes, triggers, databases, type names, collations.
    pub objects: Vec<(ItemKind, Vec<String>)>,
    /// Tables of this database only (`bk.`).
    pub schema: Option<String>,
}

impl Want {
    /// Only these keywords.
    pub(crate) fn keywords(list: &[&'static str]) -> Want {
        Want { keyword_list: list.to_vec(), ..Want::default() }
    }

    /// Nothing at all: a new name or a literal comes here.
    pub(crate) fn nothing() -> Want {
        Want::default()
    }

    /// Adds named objects of one kind.
    pub(crate) fn with(mut self, kind: ItemKind, names: Vec<String>) -> Want {
        self.objects.push((kind, names));
        self
    }
}

/// Tables (not views) of the databases a plain name reaches, and the attached databases.
pub(crate) fn tables() -> Want {
    Want { tables: true, ..Want::default() }
}

/// Every database the connection has: main, temp and the attached ones.
pub(crate) fn databases(snap: &Snapshot) -> Vec<String> {
    let mut all = vec!["main".to_string(), "temp".to_string()];
    all.extend(snap.schemas.iter().filter(|s| *s != "main" && *s != "temp").cloned());
    all
}

/// Indexes of main and temp (an attached one is reached through its database's name).
pub(crate) fn indexes(snap: &Snapshot) -> Vec<String> {
    snap.indexes.iter().filter(|(s, _)| s == "main" || s == "temp").map(|(_, n)| n.clone()).collect()
}

pub(crate) fn collations() -> Vec<String> {
    COLLATIONS.iter().map(|c| c.to_string()).collect()
}

/// The columns of `schema.name` (or `name` as SQLite resolves it).
pub(crate) fn columns(snap: &Snapshot, name: &(Option<String>, String)) -> Vec<String> {
    snap.table_in(name.0.as_deref(), &name.1).map(|t| t.columns.clone()).unwrap_or_default()
}
