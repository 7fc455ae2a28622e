//! What the cursor wants: the kinds of candidates a position accepts. The clause logic
//! (`context.rs`) and the statement grammar (`statements.rs`) both answer with one; the engine
//! (`mod.rs`) turns it into candidates.

use super::ItemKind;

/// The kinds of candidates the cursor position accepts. All empty means nothing is offered
/// (where only a new name or a literal can come).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Want {
    /// Only keywords that begin a statement.
    pub starters: bool,
    /// Any keyword (where the grammar is not narrowed down).
    pub keywords: bool,
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
