//! `CREATE TABLE|VIEW|INDEX|TRIGGER|VIRTUAL TABLE`: what each position of SQLite's CREATE
//! statements takes: the objects they name (`ON |` a table, `REFERENCES t(|` its columns), the
//! words that may follow (a column's type, then its constraints), and nothing where a new name
//! comes.

use crate::engine::complete::grammar::{
    AFTER_VALUE, COLUMN_CONSTRAINTS, CONFLICT_ACTIONS, CREATE_WHAT, DEFAULT_VALUES, FOREIGN_KEY_ACTIONS,
    FOREIGN_KEY_CLAUSE, MODULES, QUERY_START, TABLE_CONSTRAINTS, TABLE_OPTIONS, TRIGGER_BODY, TRIGGER_EVENTS,
    TRIGGER_TIMES, TYPE_NAMES,
};
use crate::engine::complete::walk::{Phrase, Tok, Walk, is_kw, is_punct, names, open_bracket, split_commas};
use crate::engine::complete::want::{Want, collations, columns, tables};
use crate::engine::complete::{ItemKind, Snapshot};

/// After `CREATE`; `None` leaves a query (`CREATE VIEW v AS SELECT …`, a trigger's body) to the
/// clause logic.
pub(super) fn create(mut w: Walk, snap: &Snapshot) -> Option<Want> {
    if w.end() {
        return Some(Want::keywords(CREATE_WHAT));
    }
    let temp = w.any_kw(&["TEMP", "TEMPORARY"]).is_some();
    if temp && w.end() {
        return Some(Want::keywords(&["TABLE", "VIEW", "TRIGGER"]));
    }
    let unique = !temp && w.kw("UNIQUE");
    if unique && w.end() {
        return Some(Want::keywords(&["INDEX"]));
    }
    let virtual_ = !temp && !unique && w.kw("VIRTUAL");
    if virtual_ && w.end() {
        return Some(Want::keywords(&["TABLE"]));
    }
    let allowed: &[&str] = match (unique, virtual_) {
        (true, _) => &["INDEX"],
        (_, true) => &["TABLE"],
        _ if temp => &["TABLE", "VIEW", "TRIGGER"],
        _ => &["TABLE", "VIEW", "INDEX", "TRIGGER"],
    };
    let Some(what) = w.any_kw(allowed) else { return Some(Want::nothing()) };
    match w.phrase("IF NOT EXISTS") {
        Phrase::Cut(rest) => return Some(Want::keywords(&[rest])),
        Phrase::Broken => return Some(Want::nothing()),
        Phrase::Absent | Phrase::Whole => {}
    }
    // The new object's name: nothing to offer.
    if w.end() || w.name().is_none() {
        return Some(Want::nothing());
    }
    match what.as_str() {
        "TABLE" if virtual_ => Some(virtual_table(w)),
        "TABLE" => table(w, snap),
        "VIEW" => view(w),
        "INDEX" => index(w, snap),
        _ => trigger(w),
    }
}

/// `CREATE TABLE t (column type constraints, …, table constraints) [options]` or `AS query`.
fn table(mut w: Walk, snap: &Snapshot) -> Option<Want> {
    if w.end() {
        return Some(Want::keywords(&["AS"]));
    }
    if w.kw("AS") {
        return w.end().then(|| Want::keywords(QUERY_START));
    }
    if !w.punct("(") {
        return Some(Want::nothing());
    }
    let (inner, closed) = w.group();
    if !closed {
        return body(&inner, snap);
    }
    let rest = w.rest();
    Some(if rest.is_empty() || is_punct(rest.last(), ",") {
        Want::keywords(TABLE_OPTIONS)
    } else if is_kw(rest.last(), "WITHOUT") {
        Want::keywords(&["ROWID"])
    } else {
        Want::nothing()
    })
}

/// Inside a table's brackets: a new column's name (nothing) or a table constraint; after a
/// column's name its type and constraints.
fn body(inner: &[Tok], snap: &Snapshot) -> Option<Want> {
    let items = split_commas(inner);
    let (cur, before) = items.split_last()?;
    let defined: Vec<String> = before
        .iter()
        .filter_map(|it| match it.first() {
            Some(Tok::Name(n)) => Some(n.clone()),
            _ => None,
        })
        .collect();
    match cur.first() {
        None => Some(Want::keywords(TABLE_CONSTRAINTS)),
        Some(Tok::Name(_)) => column_def(&cur[1..], &defined, snap),
        Some(Tok::Kw(_)) => table_constraint(cur, &defined, snap),
        _ => Some(Want::nothing()),
    }
}

/// After a column's name (in CREATE TABLE or ALTER TABLE … ADD COLUMN): `rest` is what follows
/// it up to the cursor; `defined` the table's columns before it.
pub(super) fn column_def(rest: &[Tok], defined: &[String], snap: &Snapshot) -> Option<Want> {
    if let Some(j) = open_bracket(rest) {
        return bracket(&rest[..j], &rest[j + 1..], defined, snap);
    }
    if rest.is_empty() {
        return Some(
            Want::keywords(COLUMN_CONSTRAINTS).with(ItemKind::Type, TYPE_NAMES.iter().map(|t| t.to_string()).collect()),
        );
    }
    Some(after_constraint(&flatten(rest), true))
}

/// `[CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols) | CHECK (expr) | FOREIGN KEY (cols)
/// REFERENCES t (cols) …`.
fn table_constraint(cur: &[Tok], defined: &[String], snap: &Snapshot) -> Option<Want> {
    let mut c = cur;
    if is_kw(c.first(), "CONSTRAINT") {
        match c.len() {
            1 => return Some(Want::nothing()),
            2 => return Some(Want::keywords(&["PRIMARY KEY", "UNIQUE", "CHECK", "FOREIGN KEY"])),
            _ => c = &c[2..],
        }
    }
    if let Some(j) = open_bracket(c) {
        return bracket(&c[..j], &c[j + 1..], defined, snap);
    }
    let flat = flatten(c);
    let head = |k: &str| is_kw(flat.first(), k);
    Some(match flat.as_slice() {
        [Tok::Kw(k)] if k == "PRIMARY" || k == "FOREIGN" => Want::keywords(&["KEY"]),
        [_, Tok::Punct(p)] | [_, _, Tok::Punct(p)] if p == ")" && (head("PRIMARY") || head("UNIQUE")) => {
            Want::keywords(&["ON CONFLICT"])
        }
        [_, _, Tok::Punct(p)] if p == ")" && head("FOREIGN") => Want::keywords(&["REFERENCES"]),
        _ if head("CHECK") || is_kw(flat.last(), "KEY") || is_kw(flat.last(), "UNIQUE") => Want::nothing(),
        _ => after_constraint(&flat, false),
    })
}

/// The cursor is inside a bracket that opens after `before`; `inside` is what it holds so far.
fn bracket(before: &[Tok], inside: &[Tok], defined: &[String], snap: &Snapshot) -> Option<Want> {
    let listed = names(inside);
    let unlisted = |cols: Vec<String>| -> Vec<String> {
        cols.into_iter().filter(|c| !listed.iter().any(|l| l.eq_ignore_ascii_case(c))).collect()
    };
    let n = before.len();
    if n >= 2
        && is_kw(before.get(n - 2), "REFERENCES")
        && let Some(Tok::Name(t)) = before.last()
    {
        return Some(Want { columns: unlisted(columns(snap, &(None, t.clone()))), ..Want::default() });
    }
    if is_kw(before.last(), "KEY") || is_kw(before.last(), "UNIQUE") {
        return Some(Want { columns: unlisted(defined.to_vec()), ..Want::default() });
    }
    if ["CHECK", "AS", "DEFAULT"].iter().any(|k| is_kw(before.last(), k)) {
        // An expression: the clause logic offers functions and the words that begin one.
        return None;
    }
    // A type's size (`VARCHAR(10)`).
    Some(Want::nothing())
}

/// The tokens with each closed bracket's contents left out (its `)` stays, to say one was
/// there): what follows a bracket never depends on what is inside it.
fn flatten(toks: &[Tok]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    for t in toks {
        match t {
            Tok::Punct(p) if p == "(" => depth += 1,
            Tok::Punct(p) if p == ")" => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(t.clone());
                }
            }
            _ if depth == 0 => out.push(t.clone()),
            _ => {}
        }
    }
    out
}

/// What may follow the constraint words in `flat` (brackets flattened); `column` adds the
/// constraints a column may carry next.
fn after_constraint(flat: &[Tok], column: bool) -> Want {
    let last = flat.last();
    let prev = flat.len().checked_sub(2).and_then(|i| flat.get(i));
    let starts = ["PRIMARY", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "CONSTRAINT"];
    let in_foreign_key = flat
        .iter()
        .rev()
        .find_map(|t| match t {
            Tok::Kw(k) if starts.contains(&k.as_str()) => Some(k == "REFERENCES"),
            _ => None,
        })
        .unwrap_or(false);
    let more = |list: &[&'static str]| -> Want {
        let mut all = list.to_vec();
        if column {
            all.extend(COLUMN_CONSTRAINTS.iter().filter(|c| !(is_kw(prev, "CONSTRAINT") && **c == "CONSTRAINT")));
        }
        Want::keywords(&all)
    };
    let Some(Tok::Kw(k)) = last else {
        return if in_foreign_key {
            more(FOREIGN_KEY_CLAUSE)
        } else if is_punct(last, ")") && is_kw(prev, "AS") {
            more(&["STORED", "VIRTUAL"])
        } else {
            more(&[])
        };
    };
    match k.as_str() {
        "PRIMARY" | "FOREIGN" => Want::keywords(&["KEY"]),
        "KEY" => more(&["ASC", "DESC", "AUTOINCREMENT", "ON CONFLICT"]),
        "ASC" | "DESC" => more(&["AUTOINCREMENT", "ON CONFLICT"]),
        "NOT" if in_foreign_key => Want::keywords(&["DEFERRABLE"]),
        "NOT" => Want::keywords(&["NULL"]),
        "NULL" if is_kw(prev, "SET") => more(FOREIGN_KEY_CLAUSE),
        "NULL" | "UNIQUE" => more(&["ON CONFLICT"]),
        "COLLATE" => Want::nothing().with(ItemKind::Collation, collations()),
        "REFERENCES" => tables(),
        "DEFAULT" if is_kw(prev, "SET") => more(FOREIGN_KEY_CLAUSE),
        "DEFAULT" => Want::keywords(DEFAULT_VALUES),
        "GENERATED" => Want::keywords(&["ALWAYS AS"]),
        "ALWAYS" => Want::keywords(&["AS"]),
        "ON" if in_foreign_key => Want::keywords(&["DELETE", "UPDATE"]),
        "ON" => Want::keywords(&["CONFLICT"]),
        "CONFLICT" => Want::keywords(CONFLICT_ACTIONS),
        "DELETE" | "UPDATE" if is_kw(prev, "ON") => Want::keywords(FOREIGN_KEY_ACTIONS),
        "SET" => Want::keywords(&["NULL", "DEFAULT"]),
        "NO" => Want::keywords(&["ACTION"]),
        "DEFERRABLE" => more(&["INITIALLY DEFERRED", "INITIALLY IMMEDIATE"]),
        "INITIALLY" => Want::keywords(&["DEFERRED", "IMMEDIATE"]),
        "CHECK" | "AS" | "CONSTRAINT" | "MATCH" => Want::nothing(),
        _ if in_foreign_key => more(FOREIGN_KEY_CLAUSE),
        _ => more(&[]),
    }
}

/// `CREATE VIEW v [(cols)] AS query`.
fn view(mut w: Walk) -> Option<Want> {
    if w.punct("(") && !w.group().1 {
        return Some(Want::nothing());
    }
    if w.end() {
        return Some(Want::keywords(&["AS"]));
    }
    if !w.kw("AS") {
        return Some(Want::nothing());
    }
    w.end().then(|| Want::keywords(QUERY_START))
}

/// `CREATE VIRTUAL TABLE v USING module(args)`.
fn virtual_table(mut w: Walk) -> Want {
    if w.end() {
        return Want::keywords(&["USING"]);
    }
    if w.kw("USING") && w.end() {
        return Want::nothing().with(ItemKind::Module, MODULES.iter().map(|m| m.to_string()).collect());
    }
    Want::nothing()
}

/// `CREATE INDEX i ON t (column [COLLATE c] [ASC|DESC], …) [WHERE expr]`.
fn index(mut w: Walk, snap: &Snapshot) -> Option<Want> {
    if w.end() {
        return Some(Want::keywords(&["ON"]));
    }
    if !w.kw("ON") {
        return Some(Want::nothing());
    }
    if w.end() {
        return Some(tables());
    }
    let Some(table) = w.name() else { return Some(Want::nothing()) };
    if w.end() || !w.punct("(") {
        return Some(Want::nothing());
    }
    let (inner, closed) = w.group();
    if closed {
        // The WHERE's expression is the clause logic's, which sees the table after ON.
        return w.end().then(|| Want::keywords(&["WHERE"]));
    }
    let items = split_commas(&inner);
    let (cur, before) = items.split_last()?;
    if open_bracket(cur).is_some() {
        return None;
    }
    let listed: Vec<String> = before.iter().flat_map(|it| names(it)).collect();
    Some(match cur {
        [] => Want {
            columns: columns(snap, &table)
                .into_iter()
                .filter(|c| !listed.iter().any(|l| l.eq_ignore_ascii_case(c)))
                .collect(),
            ..Want::default()
        },
        [Tok::Name(_)] => Want::keywords(&["ASC", "DESC", "COLLATE"]),
        [Tok::Name(_), Tok::Kw(k)] if k == "COLLATE" => Want::nothing().with(ItemKind::Collation, collations()),
        [Tok::Name(_), Tok::Kw(k), Tok::Name(_)] if k == "COLLATE" => Want::keywords(&["ASC", "DESC"]),
        _ => Want::nothing(),
    })
}

/// `CREATE TRIGGER t [BEFORE|AFTER|INSTEAD OF] DELETE|INSERT|UPDATE [OF cols] ON table
/// [FOR EACH ROW] [WHEN expr] BEGIN statements; END`.
fn trigger(mut w: Walk) -> Option<Want> {
    if w.end() {
        return Some(Want::keywords(TRIGGER_TIMES));
    }
    let mut instead = false;
    if w.kw("INSTEAD") {
        if w.end() {
            return Some(Want::keywords(&["OF"]));
        }
        if !w.kw("OF") {
            return Some(Want::nothing());
        }
        instead = true;
    } else {
        w.any_kw(&["BEFORE", "AFTER"]);
    }
    if w.end() {
        return Some(Want::keywords(TRIGGER_EVENTS));
    }
    match w.any_kw(TRIGGER_EVENTS).as_deref() {
        Some("UPDATE") => {
            if w.end() {
                return Some(Want::keywords(&["OF", "ON"]));
            }
            if w.kw("OF") {
                // The table comes later, so its columns are not known yet.
                loop {
                    if w.end() || w.name().is_none() {
                        return Some(Want::nothing());
                    }
                    if w.end() {
                        return Some(Want::keywords(&["ON"]));
                    }
                    if !w.punct(",") {
                        break;
                    }
                }
            }
        }
        Some(_) if w.end() => return Some(Want::keywords(&["ON"])),
        Some(_) => {}
        None => return Some(Want::nothing()),
    }
    if !w.kw("ON") {
        return Some(Want::nothing());
    }
    if w.end() {
        // INSTEAD OF triggers are for views, the others for tables.
        return Some(if instead { Want { views: true, ..Want::default() } } else { tables() });
    }
    if w.name().is_none() {
        return Some(Want::nothing());
    }
    if w.end() {
        return Some(Want::keywords(&["FOR EACH ROW", "WHEN", "BEGIN"]));
    }
    match w.phrase("FOR EACH ROW") {
        Phrase::Cut(rest) => return Some(Want::keywords(&[rest])),
        Phrase::Broken => return Some(Want::nothing()),
        Phrase::Whole if w.end() => return Some(Want::keywords(&["WHEN", "BEGIN"])),
        Phrase::Absent | Phrase::Whole => {}
    }
    let in_body = if w.kw("WHEN") {
        let cond = w.i;
        if !w.skip_to("BEGIN") {
            // The condition is an expression, the clause logic's; after a value in it, BEGIN too.
            let (last, cond) = (w.t.last(), &w.t[cond..]);
            let value = matches!(last, Some(Tok::Name(_) | Tok::Lit))
                || is_punct(last, ")")
                || ["NULL", "TRUE", "FALSE"].iter().any(|k| is_kw(last, k));
            return (value && !cond.is_empty() && open_bracket(cond).is_none())
                .then(|| Want::keywords(&[&["BEGIN"], AFTER_VALUE].concat()));
        }
        true
    } else {
        w.kw("BEGIN")
    };
    if !in_body {
        return Some(Want::nothing());
    }
    // The body's statements are the clause logic's.
    w.end().then(|| Want::keywords(TRIGGER_BODY))
}
