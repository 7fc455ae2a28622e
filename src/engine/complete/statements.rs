//! What a statement's first keywords decide: after `ALTER TABLE t ` only its actions, after
//! `DROP VIEW ` views, after `BEGIN ` the transaction kinds, after `DETACH ` the attached
//! databases. Each statement's grammar (SQLite's, as sqlite.org/lang.html draws it) is walked
//! over the tokens before the cursor; where the walk runs out is what the cursor wants.
//!
//! `None` leaves the position to the clause logic in `context.rs` (a query, a WHERE, a trigger's
//! body); an empty `Want` offers nothing, where only a new name or a literal can come.

use crate::engine::complete::create;
use crate::engine::complete::grammar::{
    AFTER_CTES, AFTER_UPDATE_TABLE, ALTER_ACTIONS, CONFLICT_ACTIONS, PRAGMAS_ON_INDEXES, PRAGMAS_ON_TABLES,
    pragma_values,
};
use crate::engine::complete::keywords::STARTERS;
use crate::engine::complete::walk::{Phrase, Tok, Walk, is_kw, is_punct};
use crate::engine::complete::want::{Want, collations, columns, databases, indexes, tables};
use crate::engine::complete::{ItemKind, Snapshot};
use crate::engine::sql::lexer::Token;

/// What the statement in `toks` (its tokens before the cursor, without the word being typed)
/// wants at the cursor, when its leading keywords decide it.
pub(super) fn decide(toks: &[Token], buf: &str, snap: &Snapshot) -> Option<Want> {
    let mut w = Walk::new(toks, buf);
    if w.kw("EXPLAIN") {
        let starters = || STARTERS.iter().copied().filter(|s| *s != "EXPLAIN");
        if w.end() {
            return Some(Want::keywords(&std::iter::once("QUERY PLAN").chain(starters()).collect::<Vec<_>>()));
        }
        if w.kw("QUERY") {
            if w.end() {
                return Some(Want::keywords(&["PLAN"]));
            }
            if !w.kw("PLAN") {
                return Some(Want::nothing());
            }
            if w.end() {
                return Some(Want::keywords(&starters().collect::<Vec<_>>()));
            }
        }
    }
    let Some(Tok::Kw(first)) = w.rest().first().cloned() else { return None };
    w.i += 1;
    let s = Statement { w, snap };
    match first.as_str() {
        "PRAGMA" => Some(s.pragma()),
        "DROP" => Some(s.drop()),
        "ALTER" => Some(s.alter()),
        "CREATE" => create::create(s.w, snap),
        "BEGIN" => Some(s.begin()),
        "COMMIT" | "END" => Some(s.then(&["TRANSACTION"])),
        "ROLLBACK" => Some(s.rollback()),
        "RELEASE" => Some(s.then(&["SAVEPOINT"])),
        "SAVEPOINT" => Some(Want::nothing()),
        "VACUUM" => Some(s.vacuum()),
        "REINDEX" | "ANALYZE" => Some(s.reindex(first == "REINDEX")),
        "ATTACH" => Some(s.attach()),
        "DETACH" => Some(s.detach()),
        "INSERT" | "REPLACE" => s.insert(first == "REPLACE"),
        "UPDATE" => s.update(),
        "DELETE" => s.w.end().then(|| Want::keywords(&["FROM"])),
        "WITH" => s.with(),
        _ => None,
    }
}

struct Statement<'a> {
    w: Walk,
    snap: &'a Snapshot,
}

impl Statement<'_> {
    /// `COMMIT |` → TRANSACTION: one optional word, then nothing.
    fn then(&self, words: &[&'static str]) -> Want {
        if self.w.end() { Want::keywords(words) } else { Want::nothing() }
    }

    /// `PRAGMA |` → pragmas; `PRAGMA table_info(|` → tables and views; `index_info(|` → indexes.
    fn pragma(mut self) -> Want {
        if self.w.end() {
            return Want::nothing().with(ItemKind::Pragma, self.snap.pragmas.clone());
        }
        let Some((_, name)) = self.w.name() else { return Want::nothing() };
        // `PRAGMA journal_mode = |` and `PRAGMA journal_mode(|`: the values it takes.
        if self.w.punct("=") {
            return self.then(pragma_values(&name));
        }
        if !self.w.punct("(") || !self.w.end() {
            return Want::nothing();
        }
        let is = |list: &[&str]| list.iter().any(|p| p.eq_ignore_ascii_case(&name));
        if is(PRAGMAS_ON_TABLES) {
            Want { tables: true, views: true, ..Want::default() }
        } else if is(PRAGMAS_ON_INDEXES) {
            Want::nothing().with(ItemKind::Index, indexes(self.snap))
        } else {
            Want::keywords(pragma_values(&name))
        }
    }

    /// `DROP |` → what can be dropped; `DROP VIEW [IF EXISTS] |` → views, and so on.
    fn drop(mut self) -> Want {
        if self.w.end() {
            return Want::keywords(&["TABLE", "VIEW", "INDEX", "TRIGGER"]);
        }
        let Some(what) = self.w.any_kw(&["TABLE", "VIEW", "INDEX", "TRIGGER"]) else { return Want::nothing() };
        let objects = || match what.as_str() {
            "TABLE" => tables(),
            "VIEW" => Want { views: true, ..Want::default() },
            "INDEX" => {
                Want::nothing().with(ItemKind::Index, self.snap.indexes.iter().map(|(_, n)| n.clone()).collect())
            }
            _ => Want::nothing().with(ItemKind::Trigger, self.snap.triggers.iter().map(|(_, n)| n.clone()).collect()),
        };
        if self.w.end() {
            return Want { keyword_list: vec!["IF EXISTS"], ..objects() };
        }
        match self.w.phrase("IF EXISTS") {
            Phrase::Cut(rest) => Want::keywords(&[rest]),
            Phrase::Whole if self.w.end() => objects(),
            _ => Want::nothing(),
        }
    }

    /// `ALTER TABLE t RENAME TO|RENAME COLUMN|ADD COLUMN|DROP COLUMN …`.
    fn alter(mut self) -> Want {
        if self.w.end() {
            return Want::keywords(&["TABLE"]);
        }
        if !self.w.kw("TABLE") {
            return Want::nothing();
        }
        if self.w.end() {
            return tables();
        }
        let Some(table) = self.w.name() else { return Want::nothing() };
        if self.w.end() {
            return Want::keywords(ALTER_ACTIONS);
        }
        let cols = columns(self.snap, &table);
        let w = &mut self.w;
        if w.kw("RENAME") {
            if w.end() {
                return Want { columns: cols, keyword_list: vec!["TO", "COLUMN"], ..Want::default() };
            }
            if w.kw("TO") {
                return Want::nothing();
            }
            let named = w.kw("COLUMN");
            if w.end() && named {
                return Want { columns: cols, ..Want::default() };
            }
            if w.name().is_some() && w.end() {
                return Want::keywords(&["TO"]);
            }
            return Want::nothing();
        }
        if w.kw("ADD") {
            if w.end() {
                return Want::keywords(&["COLUMN"]);
            }
            w.kw("COLUMN");
            // A new column's name, then its type and constraints as in CREATE TABLE.
            if w.end() || w.name().is_none() {
                return Want::nothing();
            }
            return create::column_def(w.rest(), &[], self.snap).unwrap_or_default();
        }
        if w.kw("DROP") {
            if w.end() {
                return Want { columns: cols, keyword_list: vec!["COLUMN"], ..Want::default() };
            }
            if w.kw("COLUMN") && w.end() {
                return Want { columns: cols, ..Want::default() };
            }
        }
        Want::nothing()
    }

    /// `BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] [TRANSACTION]`.
    fn begin(mut self) -> Want {
        if self.w.end() {
            return Want::keywords(&["DEFERRED", "IMMEDIATE", "EXCLUSIVE", "TRANSACTION"]);
        }
        if self.w.any_kw(&["DEFERRED", "IMMEDIATE", "EXCLUSIVE"]).is_some() {
            return self.then(&["TRANSACTION"]);
        }
        Want::nothing()
    }

    /// `ROLLBACK [TRANSACTION] [TO [SAVEPOINT] name]`.
    fn rollback(mut self) -> Want {
        if self.w.end() {
            return Want::keywords(&["TRANSACTION", "TO SAVEPOINT"]);
        }
        let w = &mut self.w;
        if w.kw("TRANSACTION") && w.end() {
            return Want::keywords(&["TO SAVEPOINT"]);
        }
        if w.kw("TO") && w.end() {
            return Want::keywords(&["SAVEPOINT"]);
        }
        Want::nothing()
    }

    /// `VACUUM [database] [INTO file]`.
    fn vacuum(mut self) -> Want {
        if self.w.end() {
            return Want::keywords(&["INTO"]).with(ItemKind::Schema, databases(self.snap));
        }
        if self.w.name().is_some() && self.w.end() {
            return Want::keywords(&["INTO"]);
        }
        Want::nothing()
    }

    /// `REINDEX [collation|table|index|database]`, `ANALYZE [table|index|database]`.
    fn reindex(self, collations_too: bool) -> Want {
        if !self.w.end() {
            return Want::nothing();
        }
        let mut want = tables().with(ItemKind::Index, indexes(self.snap)).with(ItemKind::Schema, databases(self.snap));
        if collations_too {
            want = want.with(ItemKind::Collation, collations());
        }
        want
    }

    /// `ATTACH [DATABASE] 'file' AS name`: the file is a string (nothing to offer), then AS.
    fn attach(mut self) -> Want {
        if self.w.end() {
            return Want::keywords(&["DATABASE"]);
        }
        self.w.kw("DATABASE");
        let rest = self.w.rest();
        if rest.is_empty() || rest.iter().any(|t| is_kw(Some(t), "AS")) || is_punct(rest.last(), "||") {
            return Want::nothing();
        }
        Want::keywords(&["AS"])
    }

    /// `DETACH [DATABASE] name`: an attached database (main and temp cannot be detached).
    fn detach(mut self) -> Want {
        let attached = || self.snap.schemas.iter().filter(|s| *s != "main" && *s != "temp").cloned().collect();
        if self.w.end() {
            return Want::keywords(&["DATABASE"]).with(ItemKind::Schema, attached());
        }
        if self.w.kw("DATABASE") && self.w.end() {
            return Want::nothing().with(ItemKind::Schema, attached());
        }
        Want::nothing()
    }

    /// `INSERT [OR action] INTO`, `REPLACE INTO`; from INTO on the clause logic knows the table.
    fn insert(mut self, replace: bool) -> Option<Want> {
        let w = &mut self.w;
        if !replace {
            if w.end() {
                return Some(Want::keywords(&["INTO", "OR"]));
            }
            if w.kw("OR") {
                if w.end() {
                    return Some(Want::keywords(CONFLICT_ACTIONS));
                }
                if w.any_kw(CONFLICT_ACTIONS).is_none() {
                    return Some(Want::nothing());
                }
            }
        }
        if w.end() {
            return Some(Want::keywords(&["INTO"]));
        }
        if w.kw("INTO") { None } else { Some(Want::nothing()) }
    }

    /// `UPDATE OR action t`: the clause logic cannot see past the `OR`, so the table and the
    /// words just after it are decided here.
    fn update(mut self) -> Option<Want> {
        let w = &mut self.w;
        if !w.kw("OR") {
            return None;
        }
        if w.end() {
            return Some(Want::keywords(CONFLICT_ACTIONS));
        }
        if w.any_kw(CONFLICT_ACTIONS).is_none() {
            return Some(Want::nothing());
        }
        if w.end() {
            return Some(tables());
        }
        w.name()?;
        if w.end() {
            return Some(Want::keywords(AFTER_UPDATE_TABLE));
        }
        if w.kw("AS") && w.end() {
            // The alias is a new name.
            return Some(Want::nothing());
        }
        if w.name().is_some() && w.end() {
            return Some(Want::keywords(&["SET"]));
        }
        None
    }

    /// `WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (query), … statement`.
    fn with(mut self) -> Option<Want> {
        let w = &mut self.w;
        if w.end() {
            return Some(Want::keywords(&["RECURSIVE"]));
        }
        w.kw("RECURSIVE");
        loop {
            // A new name: nothing to offer.
            if w.end() || w.name().is_none() {
                return Some(Want::nothing());
            }
            if w.end() {
                return Some(Want::keywords(&["AS"]));
            }
            if w.punct("(") {
                // Its columns' names are new too.
                if !w.group().1 {
                    return Some(Want::nothing());
                }
                if w.end() {
                    return Some(Want::keywords(&["AS"]));
                }
            }
            if !w.kw("AS") {
                return Some(Want::nothing());
            }
            if w.end() {
                return Some(Want::keywords(&["MATERIALIZED", "NOT MATERIALIZED"]));
            }
            let not = w.kw("NOT");
            if w.end() {
                return Some(Want::keywords(&["MATERIALIZED"]));
            }
            if !w.kw("MATERIALIZED") && not {
                return Some(Want::nothing());
            }
            if w.end() || !w.punct("(") {
                return Some(Want::nothing());
            }
            if !w.group().1 {
                // Inside the common table expression's query.
                return None;
            }
            if w.end() {
                return Some(Want::keywords(AFTER_CTES));
            }
            if !w.punct(",") {
                return None;
            }
        }
    }
}
