//! What SQLite's grammar lets follow where: the clauses after a table, the words that may start
//! or continue an expression, and joins suggested from foreign keys with aliases in the user's
//! style.

use crate::engine::complete::snapshot::{ForeignKey, Snapshot};

/// Pragmas whose argument is a table name (`PRAGMA table_info(t)`; the `pragma_table_info('t')`
/// function form takes a string, where nothing is completed).
pub const PRAGMAS_ON_TABLES: &[&str] = &["table_info", "table_xinfo", "index_list", "foreign_key_list"];

/// Keywords after which a table name comes.
pub const TABLE_KEYWORDS: &[&str] = &["FROM", "JOIN", "INTO", "UPDATE", "TABLE"];
/// Keywords after which an expression (columns, functions) comes.
pub const COLUMN_KEYWORDS: &[&str] = &[
    "SELECT",
    "WHERE",
    "BY",
    "HAVING",
    "SET",
    "ON",
    "AND",
    "OR",
    "NOT",
    "WHEN",
    "THEN",
    "ELSE",
    "CASE",
    "DISTINCT",
    "RETURNING",
    "LIKE",
    "GLOB",
    "IN",
    "IS",
    "BETWEEN",
    "LIMIT",
    "OFFSET",
    "VALUES",
    "MATCH",
    "REGEXP",
];
/// Keywords that end a FROM list.
pub const CLAUSE_ENDS: &[&str] = &[
    "WHERE",
    "GROUP",
    "ORDER",
    "HAVING",
    "LIMIT",
    "ON",
    "USING",
    "SET",
    "VALUES",
    "SELECT",
    "UNION",
    "EXCEPT",
    "INTERSECT",
    "WINDOW",
    "RETURNING",
];

/// After a table in `FROM`: what may come next.
pub const AFTER_FROM_TABLE: &[&str] = &[
    "JOIN",
    "LEFT JOIN",
    "INNER JOIN",
    "CROSS JOIN",
    "NATURAL JOIN",
    "WHERE",
    "GROUP BY",
    "ORDER BY",
    "LIMIT",
    "UNION",
    "UNION ALL",
    "EXCEPT",
    "INTERSECT",
    "WINDOW",
    "AS",
];
/// After the table of a `JOIN`.
pub const AFTER_JOIN_TABLE: &[&str] =
    &["ON", "USING", "AS", "JOIN", "LEFT JOIN", "WHERE", "GROUP BY", "ORDER BY", "LIMIT"];
/// After a join's `USING (…)` or `ON` condition.
pub const AFTER_JOIN_CONSTRAINT: &[&str] =
    &["JOIN", "LEFT JOIN", "INNER JOIN", "CROSS JOIN", "WHERE", "GROUP BY", "ORDER BY", "LIMIT"];
/// After the rows of a `VALUES` that is a query of its own.
pub const AFTER_VALUES: &[&str] = &["UNION", "UNION ALL", "EXCEPT", "INTERSECT", "ORDER BY", "LIMIT"];
/// Operators written as words: after `a LIKE 'x'` the clause around decides what follows.
pub const OPERATORS: &[&str] = &["AND", "OR", "NOT", "LIKE", "GLOB", "IN", "IS", "BETWEEN", "MATCH", "REGEXP"];
/// After `UPDATE t`, `INSERT INTO t`, `DELETE FROM t`.
pub const AFTER_UPDATE_TABLE: &[&str] = &["SET", "AS"];
pub const AFTER_INSERT_TABLE: &[&str] = &["VALUES", "SELECT", "DEFAULT VALUES", "AS"];
pub const AFTER_DELETE_TABLE: &[&str] = &["WHERE", "RETURNING", "AS"];
/// Words that may begin an expression (beside columns and functions).
pub const EXPRESSION_START: &[&str] =
    &["NOT", "EXISTS", "CASE", "CAST", "NULL", "TRUE", "FALSE", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP"];
/// The select list may also begin with these.
pub const SELECT_START: &[&str] = &["DISTINCT", "ALL"];
/// After a complete value inside an expression: operators written as words, and clause ends.
pub const AFTER_VALUE: &[&str] = &[
    "AND", "OR", "NOT", "IS", "IS NOT", "IN", "LIKE", "GLOB", "BETWEEN", "COLLATE", "ESCAPE", "MATCH", "REGEXP",
    "ISNULL", "NOTNULL",
];
/// After a value in the select list.
pub const AFTER_SELECT_VALUE: &[&str] = &["AS", "FROM"];
/// After a value in `WHERE`: the clauses that may follow.
pub const AFTER_CONDITION: &[&str] = &["GROUP BY", "ORDER BY", "LIMIT", "UNION", "RETURNING"];
/// After a value in `HAVING`.
pub const AFTER_HAVING: &[&str] = &["ORDER BY", "LIMIT", "WINDOW", "UNION"];
/// After a value in `ORDER BY`.
pub const AFTER_ORDER_VALUE: &[&str] = &["ASC", "DESC", "NULLS FIRST", "NULLS LAST", "LIMIT", "COLLATE"];
/// After a value in `GROUP BY`.
pub const AFTER_GROUP_VALUE: &[&str] = &["HAVING", "ORDER BY", "LIMIT", "WINDOW"];
/// After `LIMIT n`.
pub const AFTER_LIMIT_VALUE: &[&str] = &["OFFSET"];

/// Pragmas whose argument is an index name.
pub const PRAGMAS_ON_INDEXES: &[&str] = &["index_info", "index_xinfo"];

/// Pragmas that are switched on or off (`PRAGMA foreign_keys = ON`).
const BOOLEAN_PRAGMAS: &[&str] = &[
    "automatic_index",
    "case_sensitive_like",
    "cell_size_check",
    "checkpoint_fullfsync",
    "defer_foreign_keys",
    "foreign_keys",
    "fullfsync",
    "ignore_check_constraints",
    "legacy_alter_table",
    "query_only",
    "read_uncommitted",
    "recursive_triggers",
    "reverse_unordered_selects",
    "trusted_schema",
    "writable_schema",
];

/// The values a pragma takes after `=` or in brackets, where SQLite names them.
pub fn pragma_values(name: &str) -> &'static [&'static str] {
    let name = name.to_ascii_lowercase();
    match name.as_str() {
        "journal_mode" => &["DELETE", "TRUNCATE", "PERSIST", "MEMORY", "WAL", "OFF"],
        "synchronous" => &["OFF", "NORMAL", "FULL", "EXTRA"],
        "temp_store" => &["DEFAULT", "FILE", "MEMORY"],
        "locking_mode" => &["NORMAL", "EXCLUSIVE"],
        "auto_vacuum" => &["NONE", "FULL", "INCREMENTAL"],
        "secure_delete" => &["ON", "OFF", "FAST"],
        "wal_checkpoint" => &["PASSIVE", "FULL", "RESTART", "TRUNCATE"],
        n if BOOLEAN_PRAGMAS.contains(&n) => &["ON", "OFF"],
        _ => &[],
    }
}
/// SQLite's built-in collating sequences.
pub const COLLATIONS: &[&str] = &["BINARY", "NOCASE", "RTRIM"];
/// The type names that give SQLite's column affinities.
pub const TYPE_NAMES: &[&str] = &["INTEGER", "TEXT", "REAL", "BLOB", "NUMERIC"];
/// Virtual table modules the bundled SQLite has.
pub const MODULES: &[&str] = &["fts5", "fts4", "fts3", "rtree"];
/// `INSERT OR …`, `UPDATE OR …`.
pub const CONFLICT_ACTIONS: &[&str] = &["REPLACE", "IGNORE", "ABORT", "FAIL", "ROLLBACK"];
/// What a query may begin with (`CREATE VIEW v AS |`, `EXPLAIN |`).
pub const QUERY_START: &[&str] = &["SELECT", "WITH", "VALUES"];
/// After `WITH c AS (…)`: the statement the common table expressions serve.
pub const AFTER_CTES: &[&str] = &["SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "VALUES"];
/// `CREATE |`.
pub const CREATE_WHAT: &[&str] =
    &["TABLE", "VIEW", "INDEX", "UNIQUE INDEX", "TRIGGER", "VIRTUAL TABLE", "TEMP", "TEMPORARY"];
/// `ALTER TABLE t |`.
pub const ALTER_ACTIONS: &[&str] = &["RENAME TO", "RENAME COLUMN", "ADD COLUMN", "DROP COLUMN"];
/// Constraints a column definition may carry, each after the type or another constraint.
pub const COLUMN_CONSTRAINTS: &[&str] = &[
    "PRIMARY KEY",
    "NOT NULL",
    "UNIQUE",
    "CHECK",
    "DEFAULT",
    "COLLATE",
    "REFERENCES",
    "GENERATED ALWAYS AS",
    "CONSTRAINT",
];
/// Where a table's body may hold a constraint instead of a column.
pub const TABLE_CONSTRAINTS: &[&str] = &["CONSTRAINT", "PRIMARY KEY", "UNIQUE", "CHECK", "FOREIGN KEY"];
/// After `REFERENCES t [(cols)]`.
pub const FOREIGN_KEY_CLAUSE: &[&str] =
    &["ON DELETE", "ON UPDATE", "MATCH", "DEFERRABLE", "NOT DEFERRABLE", "INITIALLY DEFERRED"];
/// After `ON DELETE` / `ON UPDATE` in a foreign key.
pub const FOREIGN_KEY_ACTIONS: &[&str] = &["SET NULL", "SET DEFAULT", "CASCADE", "RESTRICT", "NO ACTION"];
/// After `DEFAULT`: the values that are words.
pub const DEFAULT_VALUES: &[&str] = &["NULL", "TRUE", "FALSE", "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME"];
/// After a `CREATE TABLE`'s closing bracket.
pub const TABLE_OPTIONS: &[&str] = &["WITHOUT ROWID", "STRICT"];
/// `CREATE TRIGGER name |`.
pub const TRIGGER_TIMES: &[&str] = &["BEFORE", "AFTER", "INSTEAD OF", "INSERT", "UPDATE", "DELETE"];
pub const TRIGGER_EVENTS: &[&str] = &["INSERT", "UPDATE", "DELETE"];
/// The statements a trigger's body may hold.
pub const TRIGGER_BODY: &[&str] = &["INSERT", "UPDATE", "DELETE", "SELECT", "REPLACE", "WITH"];

/// What may follow a complete value in the clause `kw` opened; `before` is the word before `kw`
/// (`ORDER` or `GROUP` before `BY`), `dml` whether the statement writes (only then `RETURNING`).
pub fn after_value_keywords(kw: &str, before: Option<&str>, dml: bool) -> Vec<&'static str> {
    let clause: &[&str] = match kw {
        "SELECT" | "DISTINCT" => AFTER_SELECT_VALUE,
        "BY" => &[],
        "LIMIT" => AFTER_LIMIT_VALUE,
        "WHERE" | "AND" | "OR" | "NOT" => AFTER_CONDITION,
        "HAVING" => AFTER_HAVING,
        "ON" => AFTER_JOIN_CONSTRAINT,
        "SET" => &["WHERE", "FROM", "RETURNING"],
        "RETURNING" => &["AS"],
        "CASE" => &["WHEN"],
        "WHEN" => &["THEN"],
        "THEN" => &["WHEN", "ELSE", "END"],
        "ELSE" => &["END"],
        _ => &[],
    };
    let mut list: Vec<&'static str> = clause.iter().copied().filter(|w| dml || *w != "RETURNING").collect();
    if kw == "BY" {
        match before {
            Some("ORDER") => list.extend(AFTER_ORDER_VALUE),
            Some("GROUP") => list.extend(AFTER_GROUP_VALUE),
            // `OVER (PARTITION BY x |`
            Some("PARTITION") => list.push("ORDER BY"),
            _ => {
                list.extend(AFTER_ORDER_VALUE);
                list.extend(AFTER_GROUP_VALUE);
            }
        }
    }
    if kw != "LIMIT" {
        list.extend(AFTER_VALUE);
    }
    list
}

/// Words only certain words may follow, whatever the clause (`ORDER` → `BY`, `LEFT` → `JOIN`);
/// `before` is the word before `word`. `Some(&[])`: nothing that can be offered (`OVER (`).
pub fn after_word(word: &str, before: Option<&str>) -> Option<&'static [&'static str]> {
    Some(match (word, before) {
        ("ORDER" | "GROUP" | "PARTITION" | "INDEXED", _) => &["BY"],
        ("LEFT" | "RIGHT" | "FULL", _) => &["JOIN", "OUTER JOIN"],
        ("NATURAL", _) => &["JOIN", "LEFT JOIN", "INNER JOIN", "CROSS JOIN", "RIGHT JOIN", "FULL JOIN"],
        ("INNER" | "CROSS" | "OUTER", _) => &["JOIN"],
        ("UNION", _) => &["SELECT", "ALL", "VALUES"],
        ("ALL", Some("UNION")) | ("INTERSECT" | "EXCEPT", _) => &["SELECT", "VALUES"],
        ("NULLS", _) => &["FIRST", "LAST"],
        ("ASC" | "DESC", _) => &["NULLS FIRST", "NULLS LAST", "LIMIT"],
        ("CONFLICT", Some("ON")) => &["DO"],
        ("DO", _) => &["NOTHING", "UPDATE SET"],
        ("UPDATE", Some("DO")) => &["SET"],
        ("NOTHING", _) | ("VALUES", Some("DEFAULT")) => &["RETURNING"],
        ("DEFAULT", _) => &["VALUES"],
        ("OVER" | "FILTER" | "USING", _) => &[],
        _ => return None,
    })
}

/// The alias pgcli would give `table`: the first letter of each `_`-separated word
/// (`talk_speakers` → `ts`), lower case, with a number added when `taken` has it already.
pub fn alias_for(table: &str, taken: &[String]) -> String {
    let base: String = table
        .split(['_', ' '])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let base = if base.is_empty() { "t".to_string() } else { base };
    let free =
        |a: &str| !taken.iter().any(|t| t.eq_ignore_ascii_case(a)) && !crate::engine::complete::keywords::is_keyword(a);
    if free(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}{n}")).find(|a| free(a)).unwrap_or(base)
}

/// A foreign key's target columns: named, or the target table's primary key (`id` when the
/// snapshot does not say, as SQLite's `REFERENCES t` means the primary key).
fn target_cols(fk: &ForeignKey, snap: &Snapshot) -> Vec<String> {
    if !fk.to_cols.is_empty() {
        return fk.to_cols.clone();
    }
    let has_id = snap.table(&fk.to).is_some_and(|t| t.columns.iter().any(|c| c.eq_ignore_ascii_case("id")));
    vec![if has_id { "id".to_string() } else { "rowid".to_string() }]
}

/// The condition joining `new` (as `new_alias`) to `old` (as `old_alias`) by a foreign key
/// between them, either way round.
pub fn condition(snap: &Snapshot, new: &str, new_alias: &str, old: &str, old_alias: &str) -> Option<String> {
    let eq = |a: &str, ac: &[String], b: &str, bc: &[String]| -> String {
        ac.iter().zip(bc).map(|(x, y)| format!("{a}.{x} = {b}.{y}")).collect::<Vec<_>>().join(" AND ")
    };
    for fk in &snap.foreign_keys {
        if fk.from.eq_ignore_ascii_case(new) && fk.to.eq_ignore_ascii_case(old) {
            return Some(eq(new_alias, &fk.from_cols, old_alias, &target_cols(fk, snap)));
        }
        if fk.from.eq_ignore_ascii_case(old) && fk.to.eq_ignore_ascii_case(new) {
            return Some(eq(new_alias, &target_cols(fk, snap), old_alias, &fk.from_cols));
        }
    }
    None
}

/// Tables related by a foreign key to any of `present` (table, alias-or-name), each with the
/// whole join text: `talk_speakers ts ON ts.talk_id = t.id`. Returns (related names, joins).
pub fn joins(snap: &Snapshot, present: &[(String, String)], taken: &[String]) -> (Vec<String>, Vec<String>) {
    let mut related = Vec::new();
    let mut whole = Vec::new();
    for t in &snap.tables {
        if t.is_view || (t.schema != "main" && t.schema != "temp") {
            continue;
        }
        let alias = alias_for(&t.name, taken);
        for (table, alias_old) in present {
            if let Some(cond) = condition(snap, &t.name, &alias, table, alias_old) {
                if !related.contains(&t.name) {
                    related.push(t.name.clone());
                }
                whole.push(format!("{} {alias} ON {cond}", t.name));
            }
        }
    }
    (related, whole)
}

#[cfg(test)]
mod tests {
    use crate::engine::complete::grammar::*;

    #[test]
    fn aliases_take_first_letters_and_never_clash() {
        assert_eq!(alias_for("talk_speakers", &[]), "ts");
        assert_eq!(alias_for("speakers", &["t".into()]), "s");
        assert_eq!(alias_for("talks", &["t".into()]), "t2");
        assert_eq!(alias_for("only_names", &["on".into()]), "on2", "never a keyword");
    }
}
