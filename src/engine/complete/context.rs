//! What the cursor wants, decided from the tokens of the statement under it: keywords, tables,
//! the columns of the tables that statement names (wherever its FROM is), aliases, functions.
//!
//! Only the statement under the cursor counts; parentheses nest scopes (`scope.rs`), so a
//! sub-select sees its own tables and those of the selects around it, never a sibling's. What a
//! statement's leading keywords decide (`ALTER TABLE t |`, `BEGIN |`) is `statements.rs`'s; this
//! file keeps the clauses: FROM lists, expressions, joins, what follows a value. Where neither
//! knows what may follow, nothing is offered rather than every keyword.

use crate::engine::complete::grammar::{self, COLUMN_KEYWORDS, TABLE_KEYWORDS, after_value_keywords};
use crate::engine::complete::keywords::is_keyword;
use crate::engine::complete::paths;
use crate::engine::complete::scope::{self, Ref, Scopes};
use crate::engine::complete::statements;
use crate::engine::complete::tokens::{ident_text, is_ident, is_punct, is_word, upper_keyword};
pub use crate::engine::complete::want::Want;
use crate::engine::complete::{ItemKind, Snapshot};
use crate::engine::sql::lexer::{Kind, Token, tokenize};

/// The word being completed and what may replace it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlContext {
    /// Byte offset where the replaced text begins.
    pub start: usize,
    /// The typed text to match, without an opening quote.
    pub prefix: String,
    /// The user opened a `"` quote: candidates come back quoted.
    pub quoted: bool,
    pub want: Want,
}

/// Decides what the cursor at byte `cursor` of `buf` wants.
pub fn analyze(buf: &str, cursor: usize, snap: &Snapshot) -> SqlContext {
    let toks = tokenize(buf);
    let mut ctx = SqlContext { start: cursor, prefix: String::new(), quoted: false, want: Want::default() };
    let mut typing: Option<usize> = None;
    for t in &toks {
        if !(t.start < cursor && cursor <= t.end) {
            continue;
        }
        let inside = cursor < t.end || t.unterminated;
        match t.kind {
            // `ATTACH '|`, `VACUUM INTO '|`: the string is a file's name.
            Kind::String if inside && file_string(&toks, t, buf) => {
                let typed = &buf[t.start + 1..cursor];
                ctx.start = t.start + 1;
                ctx.prefix = typed.to_string();
                // Inside an SQL string a quote is written twice.
                let found = paths::candidates(&typed.replace("''", "'"));
                ctx.want.objects.push((ItemKind::File, found.iter().map(|f| f.replace('\'', "''")).collect()));
                return ctx;
            }
            Kind::String | Kind::BlockComment if inside => return ctx,
            Kind::LineComment | Kind::Number | Kind::Param => return ctx,
            Kind::Word => {
                ctx.start = t.start;
                ctx.prefix = buf[t.start..cursor].to_string();
                typing = Some(t.start);
            }
            Kind::QuotedIdent if inside => {
                ctx.start = t.start;
                ctx.prefix = buf[t.start + 1..cursor].to_string();
                ctx.quoted = true;
                typing = Some(t.start);
            }
            Kind::QuotedIdent => return ctx,
            _ => {}
        }
    }

    // The statement under the cursor: between the `;` before the word and the `;` after it.
    let lo =
        toks.iter().rev().filter(|t| t.kind == Kind::Semi && t.end <= ctx.start).map(|t| t.end).next().unwrap_or(0);
    let hi = toks.iter().find(|t| t.kind == Kind::Semi && t.start >= cursor).map_or(buf.len(), |t| t.start);
    let all: Vec<Token> = toks
        .into_iter()
        .filter(|t| t.start >= lo && t.end <= hi && !t.is_trivia() && Some(t.start) != typing)
        .collect();
    let nb = all.iter().take_while(|t| t.end <= ctx.start).count();

    let sc = scope::scan(&all, nb, buf);
    let Scopes { group_of, parent, opener, closer, refs, ctes, .. } = &sc;
    let cursor_group = sc.cursor_group;
    let mut chain = vec![cursor_group];
    while let Some(&g) = chain.last() {
        if g == 0 {
            break;
        }
        chain.push(parent[g]);
    }
    let visible: Vec<&Ref> = refs.iter().filter(|r| chain.contains(&r.group)).collect();

    let select_names = |g: usize| sc.select_names(&all, buf, g);
    let columns_of = |name: &str| -> Vec<String> {
        match ctes.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some((_, cols)) => cols.clone(),
            None => snap.table(name).map(|t| t.columns.clone()).unwrap_or_default(),
        }
    };
    let ref_columns = |r: &Ref| -> Vec<String> {
        match (&r.table, r.derived) {
            (Some(t), _) => columns_of(t),
            (None, Some(g)) => select_names(g),
            (None, None) => Vec::new(),
        }
    };
    let resolve = |q: &str| -> Option<&Ref> {
        visible
            .iter()
            .find(|r| r.alias.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(q)))
            .or_else(|| visible.iter().find(|r| r.table.as_deref().is_some_and(|t| t.eq_ignore_ascii_case(q))))
            .copied()
    };

    let want = &mut ctx.want;
    let prev = nb.checked_sub(1).map(|p| all[p]);
    let back = |k: usize| nb.checked_sub(k).map(|i| all[i]);

    // `alias.` / `table.`: that table's columns only; `bk.` / `temp.`: that database's tables.
    if let Some(p) = prev
        && is_punct(&p, buf, ".")
    {
        if let Some(q) = back(2).filter(|q| q.kind == Kind::Word || q.kind == Kind::QuotedIdent) {
            let q = ident_text(&q, buf);
            let is_alias = visible.iter().any(|r| r.alias.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(&q)));
            if !is_alias && snap.is_schema(&q) && snap.table(&q).is_none() {
                want.schema = Some(if q.eq_ignore_ascii_case("temp") { "temp".into() } else { q.to_ascii_lowercase() });
                want.tables = true;
                want.views = true;
            } else {
                want.columns = match resolve(&q) {
                    Some(r) => ref_columns(r),
                    // In a trigger, `NEW.` and `OLD.` are rows of the table after its ON.
                    None if ["new", "old"].iter().any(|w| w.eq_ignore_ascii_case(&q))
                        && all.first().is_some_and(|f| is_word(f, buf, "CREATE")) =>
                    {
                        refs.first().map(ref_columns).unwrap_or_default()
                    }
                    None => columns_of(&q),
                };
            }
        }
        return ctx;
    }
    // What the statement's leading keywords decide (`ALTER TABLE t |`, `DROP VIEW |`, …).
    if let Some(decided) = statements::decide(&all[..nb], buf, snap) {
        *want = decided;
        return ctx;
    }
    if prev.is_some_and(|p| is_word(&p, buf, "AS")) {
        return ctx;
    }
    // `FROM t INDEXED BY |`: one of the indexes.
    if prev.is_some_and(|p| is_word(&p, buf, "BY")) && back(2).is_some_and(|p| is_word(&p, buf, "INDEXED")) {
        want.objects.push((ItemKind::Index, snap.indexes.iter().map(|(_, n)| n.clone()).collect()));
        return ctx;
    }
    // Words only certain words follow (`ORDER` → BY, `LEFT` → JOIN), whatever the clause.
    if let Some(list) = prev
        .and_then(|p| upper_keyword(&p, buf))
        .and_then(|w| grammar::after_word(&w, back(2).and_then(|b| upper_keyword(&b, buf)).as_deref()))
    {
        want.keyword_list = list.to_vec();
        return ctx;
    }

    // Inside parentheses: `USING (` and `INSERT INTO t (` decide by what precedes the bracket.
    if cursor_group != 0 {
        let op = opener[cursor_group];
        let before = |k: usize| op.checked_sub(k).map(|i| all[i]);
        if before(1).is_some_and(|t| is_word(&t, buf, "USING")) {
            let joined: Vec<&&Ref> = visible.iter().filter(|r| r.at < op && r.group == parent[cursor_group]).collect();
            if let Some((right, left)) = joined.split_last() {
                let right_cols = ref_columns(right);
                let left_cols: Vec<String> = left.iter().flat_map(|r| ref_columns(r)).collect();
                want.columns =
                    right_cols.into_iter().filter(|c| left_cols.iter().any(|l| l.eq_ignore_ascii_case(c))).collect();
            }
            return ctx;
        }
        let into_table = match (before(1), before(2), before(3), before(4)) {
            (Some(n), Some(k), ..) if is_ident(&n, buf) && is_word(&k, buf, "INTO") => Some(ident_text(&n, buf)),
            (Some(n), Some(d), _, Some(k))
                if is_ident(&n, buf) && is_punct(&d, buf, ".") && is_word(&k, buf, "INTO") =>
            {
                Some(ident_text(&n, buf))
            }
            _ => None,
        };
        if let Some(t) = into_table {
            // Columns already listed are not offered again.
            let listed: Vec<String> = (op + 1..all.len())
                .filter(|&i| group_of[i] == cursor_group && is_ident(&all[i], buf))
                .map(|i| ident_text(&all[i], buf))
                .collect();
            want.columns =
                columns_of(&t).into_iter().filter(|c| !listed.iter().any(|l| l.eq_ignore_ascii_case(c))).collect();
            return ctx;
        }
    }

    // A complete value just before the cursor (`select title |`, `where kind |`): what may follow.
    // `select * |`, `select t.* |`: a star column is a value too, not a multiplication.
    let star_column = prev.is_some_and(|p| is_punct(&p, buf, "*"))
        && back(2).is_some_and(|b| {
            is_punct(&b, buf, ",")
                || is_punct(&b, buf, ".")
                || ["SELECT", "DISTINCT", "ALL"].iter().any(|w| is_word(&b, buf, w))
        });
    let after_value = star_column
        || prev.is_some_and(|p| match p.kind {
            Kind::Word => !is_keyword(p.text(buf)) || ["NULL", "TRUE", "FALSE"].iter().any(|w| is_word(&p, buf, w)),
            Kind::QuotedIdent | Kind::Number | Kind::String | Kind::Param => true,
            _ => is_punct(&p, buf, ")"),
        });

    // Walk back to the nearest keyword that decides the clause.
    let mut since_kw = 0;
    let mut since_comma: Option<usize> = None;
    let mut assigned = false;
    let mut k = nb;
    while k > 0 {
        k -= 1;
        if group_of[k] != cursor_group || (cursor_group != 0 && k == opener[cursor_group]) {
            break;
        }
        let t = all[k];
        // A bracket before the cursor (`count(*)`, `using (id)`, `(select …) sub`) is one value.
        if is_punct(&t, buf, ")")
            && let Some(d) = (1..parent.len()).find(|&d| closer[d] == k)
        {
            k = opener[d];
            since_kw += 1;
            continue;
        }
        // `main.talks` is one name.
        if is_punct(&t, buf, ".") {
            k = k.saturating_sub(1);
            continue;
        }
        if is_punct(&t, buf, ",") && since_comma.is_none() {
            since_comma = Some(since_kw);
        }
        if is_punct(&t, buf, "=") && since_comma.is_none() {
            assigned = true;
        }
        let Some(kw) = upper_keyword(&t, buf).filter(|w| is_keyword(w)) else {
            since_kw += 1;
            continue;
        };
        let kw = kw.as_str();
        match kw {
            // `FROM talks AS t`: the alias counts as the table's.
            "AS" => continue,
            "USING" if since_kw > 0 => {
                want.keyword_list = grammar::AFTER_JOIN_CONSTRAINT.to_vec();
                return ctx;
            }
            // `ON CONFLICT (id) |`.
            "CONFLICT" if since_kw > 0 => {
                want.keyword_list = vec!["DO", "WHERE"];
                return ctx;
            }
            // `… VALUES (…) |`: more rows, or what ends the INSERT or the compound.
            "VALUES" if after_value && since_kw > 0 => {
                let insert = (0..k).any(|j| is_word(&all[j], buf, "INSERT") || is_word(&all[j], buf, "REPLACE"));
                want.keyword_list =
                    if insert { &["ON CONFLICT", "RETURNING"][..] } else { grammar::AFTER_VALUES }.to_vec();
                return ctx;
            }
            _ => {}
        }
        if TABLE_KEYWORDS.contains(&kw) {
            let after = since_comma.unwrap_or(since_kw);
            if after == 0 {
                want.tables = true;
                want.views = kw != "INTO" && kw != "UPDATE";
                want.ctes = ctes.iter().map(|(n, _)| n.clone()).collect();
                if kw == "JOIN" {
                    // Tables related by foreign keys first, and each whole with its condition.
                    let present: Vec<(String, String)> = visible
                        .iter()
                        .filter(|r| r.at < k)
                        .filter_map(|r| Some((r.table.clone()?, r.alias.clone().or_else(|| r.table.clone())?)))
                        .collect();
                    let (related, whole) = grammar::joins(snap, &present, &taken_names(&visible));
                    want.joins = whole;
                    want.related = related;
                }
            } else if after <= 2 {
                want.keyword_list = match kw {
                    "JOIN" => grammar::AFTER_JOIN_TABLE,
                    "UPDATE" => grammar::AFTER_UPDATE_TABLE,
                    "INTO" => grammar::AFTER_INSERT_TABLE,
                    "FROM" if (0..k).any(|j| group_of[j] == cursor_group && is_word(&all[j], buf, "DELETE")) => {
                        grammar::AFTER_DELETE_TABLE
                    }
                    _ => grammar::AFTER_FROM_TABLE,
                }
                .to_vec();
            }
            return ctx;
        }
        if COLUMN_KEYWORDS.contains(&kw) {
            // `WHERE a LIKE 'x' |`: the clause decides what follows, not the operator.
            if after_value && since_kw > 0 && grammar::OPERATORS.contains(&kw) {
                since_kw += 1;
                continue;
            }
            if after_value && since_kw > 0 && (kw != "SET" || assigned) {
                let before = k.checked_sub(1).and_then(|j| upper_keyword(&all[j], buf));
                let dml = all
                    .first()
                    .and_then(|t| upper_keyword(t, buf))
                    .is_some_and(|w| ["INSERT", "REPLACE", "UPDATE", "DELETE", "WITH"].contains(&w.as_str()));
                want.keyword_list = after_value_keywords(kw, before.as_deref(), dml);
                return ctx;
            }
            if kw == "ON" && since_kw == 0 {
                // `JOIN talk_speakers ts ON |`: the condition the foreign keys give, first.
                if let Some((last, earlier)) = visible.iter().filter(|r| r.at < k).collect::<Vec<_>>().split_last()
                    && let Some(t) = &last.table
                {
                    let a = last.alias.clone().unwrap_or_else(|| t.clone());
                    want.joins = earlier
                        .iter()
                        .filter_map(|r| {
                            let o = r.table.as_ref()?;
                            grammar::condition(snap, t, &a, o, r.alias.as_deref().unwrap_or(o))
                        })
                        .collect();
                }
            }
            if kw == "ON" {
                want.aliases = visible.iter().filter_map(|r| r.alias.clone().or_else(|| r.table.clone())).collect();
            }
            if kw == "SET" && !assigned {
                // `UPDATE t SET |`: a column to assign, nothing else.
                want.columns = visible.iter().flat_map(|r| ref_columns(r)).collect();
                return ctx;
            }
            fill_expression(want, &visible, &ref_columns);
            if kw == "SELECT" || kw == "DISTINCT" {
                want.keyword_list.extend(grammar::SELECT_START);
            }
            return ctx;
        }
        since_kw += 1;
    }
    if cursor_group != 0 {
        fill_expression(want, &visible, &ref_columns);
        // Right after a bracket that is not a function's (`in (|`, `exists (|`, `from (|`): a
        // sub-select may begin there.
        let op = opener[cursor_group];
        if nb == op + 1 && op.checked_sub(1).is_none_or(|b| !is_ident(&all[b], buf) || is_keyword(all[b].text(buf))) {
            want.keyword_list.extend(["SELECT", "WITH", "VALUES"]);
        }
    } else if nb == 0 {
        want.starters = true;
    }
    // Anything else: nothing the grammar knows to follow, so nothing rather than every keyword.
    ctx
}

/// Whether the string `s` names a file: `ATTACH [DATABASE] '…'` or `VACUUM … INTO '…'`.
fn file_string(toks: &[Token], s: &Token, buf: &str) -> bool {
    let before: Vec<&Token> = toks.iter().filter(|t| t.end <= s.start && !t.is_trivia()).collect();
    let stmt = before.iter().rposition(|t| t.kind == Kind::Semi).map_or(0, |i| i + 1);
    let (first, prev) = (before.get(stmt), before.last());
    first.is_some_and(|f| is_word(f, buf, "ATTACH") && before.len() - stmt <= 2)
        || (first.is_some_and(|f| is_word(f, buf, "VACUUM")) && prev.is_some_and(|p| is_word(p, buf, "INTO")))
}

/// Names already used for tables in the statement (aliases and table names), which a new alias
/// must not repeat.
fn taken_names(visible: &[&Ref]) -> Vec<String> {
    visible.iter().flat_map(|r| [r.alias.clone(), r.table.clone()]).flatten().collect()
}

/// Where an expression goes: the columns of the tables in scope, functions, and the words that
/// may begin an expression (never statement keywords).
fn fill_expression(want: &mut Want, visible: &[&Ref], ref_columns: &dyn Fn(&Ref) -> Vec<String>) {
    let mut cols: Vec<String> = Vec::new();
    for r in visible {
        for c in ref_columns(r) {
            if !cols.iter().any(|x| x.eq_ignore_ascii_case(&c)) {
                cols.push(c);
            }
        }
    }
    want.columns = cols;
    want.functions = true;
    want.keyword_list = grammar::EXPRESSION_START.to_vec();
}
