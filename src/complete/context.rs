//! What the cursor wants, decided from the tokens of the statement under it: keywords, tables,
//! the columns of the tables that statement names (wherever its FROM is), aliases, functions.
//!
//! Only the statement under the cursor counts; parentheses nest scopes, so a sub-select sees its
//! own tables and those of the selects around it, never a sibling's.

use super::Snapshot;
use super::grammar::{self, CLAUSE_ENDS, COLUMN_KEYWORDS, TABLE_KEYWORDS, after_value_keywords};
use super::keywords::is_keyword;
use super::statements;
use super::tokens::{ident_text, is_ident, is_punct, is_word, upper_keyword};
pub use super::want::Want;
use crate::sql::lexer::{Kind, Token, tokenize};

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

/// A table named in the statement: `FROM talks t`, `JOIN speakers`, a derived `(SELECT …) sub`.
#[derive(Debug, Clone)]
struct Ref {
    table: Option<String>,
    alias: Option<String>,
    group: usize,
    /// Index of its first token in the statement's token list.
    at: usize,
    /// For `(SELECT …) alias`: the group of the sub-select, whose select list names the columns.
    derived: Option<usize>,
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

    // Parenthesis groups: each `(` opens a scope whose parent is the scope around it.
    let mut group_of = vec![0usize; all.len()];
    let mut parent = vec![0usize];
    let mut opener = vec![usize::MAX];
    let mut closer = vec![usize::MAX];
    let mut derived = vec![false];
    let mut refs: Vec<Ref> = Vec::new();
    #[derive(Clone, Copy, PartialEq)]
    enum Expect {
        Nothing,
        Table,
        Alias,
    }
    // `CREATE INDEX i ON t`, `CREATE TRIGGER … ON t`: that first ON names a table, which a WHERE
    // or WHEN after it sees.
    let head_on = all.first().filter(|t| is_word(t, buf, "CREATE")).and_then(|_| {
        let on = all.iter().position(|t| is_word(t, buf, "ON"))?;
        all[..on].iter().any(|t| is_word(t, buf, "INDEX") || is_word(t, buf, "TRIGGER")).then_some(on)
    });
    let mut expect = vec![Expect::Nothing];
    let mut list = vec![false];
    let mut stack = vec![0usize];
    let mut cursor_group = 0;
    let mut i = 0;
    while i < all.len() {
        if i == nb {
            cursor_group = *stack.last().unwrap_or(&0);
        }
        let g = *stack.last().unwrap_or(&0);
        let t = all[i];
        group_of[i] = g;
        if is_punct(&t, buf, "(") {
            let child = parent.len();
            parent.push(g);
            opener.push(i);
            closer.push(usize::MAX);
            derived.push(expect[g] == Expect::Table);
            expect.push(Expect::Nothing);
            list.push(false);
            if expect[g] == Expect::Table {
                expect[g] = Expect::Nothing;
            }
            stack.push(child);
            i += 1;
            continue;
        }
        if is_punct(&t, buf, ")") {
            if stack.len() > 1 {
                let closed = stack.pop().unwrap_or(0);
                closer[closed] = i;
                let g = *stack.last().unwrap_or(&0);
                group_of[i] = g;
                if derived[closed] {
                    refs.push(Ref { table: None, alias: None, group: g, at: opener[closed], derived: Some(closed) });
                    expect[g] = Expect::Alias;
                }
            }
            i += 1;
            continue;
        }
        match expect[g] {
            Expect::Table if is_ident(&t, buf) => {
                let mut name = ident_text(&t, buf);
                // `main.talks`: the table is after the dot.
                if all.get(i + 1).is_some_and(|d| is_punct(d, buf, "."))
                    && let Some(n) = all.get(i + 2).filter(|n| is_ident(n, buf))
                {
                    name = ident_text(n, buf);
                    if nb == i + 1 || nb == i + 2 {
                        cursor_group = g;
                    }
                    group_of[i + 1] = g;
                    group_of[i + 2] = g;
                    i += 2;
                }
                refs.push(Ref { table: Some(name), alias: None, group: g, at: i, derived: None });
                expect[g] = Expect::Alias;
                i += 1;
                continue;
            }
            // `UPDATE OR IGNORE t`: the table is after the conflict action.
            Expect::Table if is_word(&t, buf, "OR") => {
                i += 2;
                continue;
            }
            Expect::Alias if is_word(&t, buf, "AS") => {
                i += 1;
                continue;
            }
            Expect::Alias if is_ident(&t, buf) => {
                if let Some(r) = refs.iter_mut().rev().find(|r| r.group == g) {
                    r.alias = Some(ident_text(&t, buf));
                }
                expect[g] = Expect::Nothing;
                i += 1;
                continue;
            }
            _ => expect[g] = Expect::Nothing,
        }
        if let Some(kw) = upper_keyword(&t, buf) {
            match kw.as_str() {
                "FROM" => {
                    expect[g] = Expect::Table;
                    list[g] = true;
                }
                "JOIN" | "INTO" | "UPDATE" | "TABLE" => expect[g] = Expect::Table,
                "ON" if head_on == Some(i) => expect[g] = Expect::Table,
                k if CLAUSE_ENDS.contains(&k) => list[g] = false,
                _ => {}
            }
        } else if is_punct(&t, buf, ",") && list[g] {
            expect[g] = Expect::Table;
        }
        i += 1;
    }
    if nb == all.len() {
        cursor_group = *stack.last().unwrap_or(&0);
    }

    let mut chain = vec![cursor_group];
    while let Some(&g) = chain.last() {
        if g == 0 {
            break;
        }
        chain.push(parent[g]);
    }
    let visible: Vec<&Ref> = refs.iter().filter(|r| chain.contains(&r.group)).collect();

    // The names a sub-select's select list gives its columns: `x`, `t.x`, `expr AS x`, `expr x`.
    let select_names = |g: usize| -> Vec<String> {
        let direct: Vec<usize> = (0..all.len()).filter(|&i| group_of[i] == g && i != opener[g]).collect();
        let Some(sel) = direct.iter().position(|&i| is_word(&all[i], buf, "SELECT")) else { return Vec::new() };
        let mut names = Vec::new();
        let mut last: Option<usize> = None;
        for &i in &direct[sel + 1..] {
            let t = &all[i];
            let end = upper_keyword(t, buf).is_some_and(|w| w == "FROM" || CLAUSE_ENDS.contains(&w.as_str()));
            if end || is_punct(t, buf, ",") {
                if let Some(l) = last.take().filter(|&l| is_ident(&all[l], buf)) {
                    names.push(ident_text(&all[l], buf));
                }
                if end {
                    break;
                }
                continue;
            }
            last = Some(i);
        }
        if let Some(l) = last.filter(|&l| is_ident(&all[l], buf)) {
            names.push(ident_text(&all[l], buf));
        }
        names
    };
    // Common table expressions: `name [(cols)] AS [[NOT] MATERIALIZED] (select)`.
    let mut ctes: Vec<(String, Vec<String>)> = Vec::new();
    for c in 1..parent.len() {
        let mut j = opener[c];
        while j > 0 && (is_word(&all[j - 1], buf, "MATERIALIZED") || is_word(&all[j - 1], buf, "NOT")) {
            j -= 1;
        }
        if j < 2 || !is_word(&all[j - 1], buf, "AS") {
            continue;
        }
        let k = j - 2;
        if is_ident(&all[k], buf) {
            ctes.push((ident_text(&all[k], buf), select_names(c)));
        } else if let Some(d) = (1..parent.len()).find(|&d| closer[d] == k)
            && let Some(n) = opener[d].checked_sub(1).filter(|&n| is_ident(&all[n], buf))
        {
            let cols = (0..all.len())
                .filter(|&i| group_of[i] == d && i != opener[d] && is_ident(&all[i], buf))
                .map(|i| ident_text(&all[i], buf))
                .collect();
            ctes.push((ident_text(&all[n], buf), cols));
        }
    }
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
    if prev.is_some_and(|p| ["ORDER", "GROUP", "PARTITION"].iter().any(|w| is_word(&p, buf, w))) {
        want.keyword_list = vec!["BY"];
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
    let after_value = prev.is_some_and(|p| match p.kind {
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
            } else {
                want.keywords = true;
            }
            return ctx;
        }
        if COLUMN_KEYWORDS.contains(&kw) {
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
            if after_value && since_kw > 0 && since_comma.is_none() {
                want.keyword_list = after_value_keywords(kw);
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
    } else if nb == 0 {
        want.starters = true;
    } else {
        want.keywords = true;
    }
    ctx
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
