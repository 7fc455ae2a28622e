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
    /// The tables the statement names, in order: where its columns' declared types come from.
    pub tables: Vec<String>,
}

/// Decides what the cursor at byte `cursor` of `buf` wants.
pub fn analyze(buf: &str, cursor: usize, snap: &Snapshot) -> SqlContext {
    let toks = tokenize(buf);
    let (mut ctx, typing) = match word_at_cursor(&toks, buf, cursor) {
        AtCursor::Word(ctx, typing) => (ctx, typing),
        AtCursor::Done(done) => return done,
    };
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
    Statement::new(buf, &all, nb, snap, &sc).decide(&mut ctx.want);
    ctx.tables = sc.refs.iter().filter_map(|r| r.table.clone()).collect();
    ctx
}

/// What is at the cursor.
enum AtCursor {
    /// The word being typed (where the replaced text starts, the typed prefix, an open quote) and
    /// the start of its token, if any: the statement decides what may replace it.
    Word(SqlContext, Option<usize>),
    /// The finished answer: nothing completes here (a string, a comment, a number), or a file
    /// name's string was completed.
    Done(SqlContext),
}

fn word_at_cursor(toks: &[Token], buf: &str, cursor: usize) -> AtCursor {
    let mut ctx =
        SqlContext { start: cursor, prefix: String::new(), quoted: false, want: Want::default(), tables: Vec::new() };
    let mut typing: Option<usize> = None;
    for t in toks {
        if !(t.start < cursor && cursor <= t.end) {
            continue;
        }
        let inside = cursor < t.end || t.unterminated;
        match t.kind {
            // `ATTACH '|`, `VACUUM INTO '|`: the string is a file's name.
            Kind::String if inside && file_string(toks, t, buf) => {
                let typed = &buf[t.start + 1..cursor];
                ctx.start = t.start + 1;
                ctx.prefix = typed.to_string();
                // Inside an SQL string a quote is written twice.
                let found = paths::candidates(&typed.replace("''", "'"));
                ctx.want.objects.push((ItemKind::File, found.iter().map(|f| f.replace('\'', "''")).collect()));
                return AtCursor::Done(ctx);
            }
            Kind::String | Kind::BlockComment if inside => return AtCursor::Done(ctx),
            Kind::LineComment | Kind::Number | Kind::Param => return AtCursor::Done(ctx),
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
            Kind::QuotedIdent => return AtCursor::Done(ctx),
            _ => {}
        }
    }
    AtCursor::Word(ctx, typing)
}

/// The statement under the cursor, its scopes and the tables visible from the cursor: each
/// method below decides one kind of place, in the order `decide` asks them.
struct Statement<'a> {
    buf: &'a str,
    /// Its tokens without trivia and without the word being typed.
    all: &'a [Token],
    /// How many of them come before the cursor.
    nb: usize,
    snap: &'a Snapshot,
    sc: &'a Scopes,
    /// The table references of the cursor's scope and the scopes around it.
    visible: Vec<&'a Ref>,
}

impl<'a> Statement<'a> {
    fn new(buf: &'a str, all: &'a [Token], nb: usize, snap: &'a Snapshot, sc: &'a Scopes) -> Self {
        let mut chain = vec![sc.cursor_group];
        while let Some(&g) = chain.last() {
            if g == 0 {
                break;
            }
            chain.push(sc.parent[g]);
        }
        let visible = sc.refs.iter().filter(|r| chain.contains(&r.group)).collect();
        Statement { buf, all, nb, snap, sc, visible }
    }

    /// The token `k` places before the cursor (1: the one just before).
    fn back(&self, k: usize) -> Option<Token> {
        self.nb.checked_sub(k).map(|i| self.all[i])
    }

    fn columns_of(&self, name: &str) -> Vec<String> {
        match self.sc.ctes.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some((_, cols)) => cols.clone(),
            None => self.snap.table(name).map(|t| t.columns.clone()).unwrap_or_default(),
        }
    }

    fn ref_columns(&self, r: &Ref) -> Vec<String> {
        match (&r.table, r.derived) {
            (Some(t), _) => self.columns_of(t),
            (None, Some(g)) => self.sc.select_names(self.all, self.buf, g),
            (None, None) => Vec::new(),
        }
    }

    /// The reference an alias or table name `q` names.
    fn resolve(&self, q: &str) -> Option<&'a Ref> {
        let visible = &self.visible;
        visible
            .iter()
            .find(|r| r.alias.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(q)))
            .or_else(|| visible.iter().find(|r| r.table.as_deref().is_some_and(|t| t.eq_ignore_ascii_case(q))))
            .copied()
    }

    fn fill_expression(&self, want: &mut Want) {
        fill_expression(want, &self.visible, &|r| self.ref_columns(r));
    }

    /// Asks each kind of place in turn; the first that knows decides. Where none knows what may
    /// follow, nothing is offered rather than every keyword.
    fn decide(&self, want: &mut Want) {
        let buf = self.buf;
        let prev = self.back(1);
        if prev.is_some_and(|p| is_punct(&p, buf, ".")) {
            return self.after_dot(want);
        }
        // What the statement's leading keywords decide (`ALTER TABLE t |`, `DROP VIEW |`, …).
        if let Some(decided) = statements::decide(&self.all[..self.nb], buf, self.snap) {
            *want = decided;
            return;
        }
        if prev.is_some_and(|p| is_word(&p, buf, "AS")) {
            return;
        }
        // `FROM t INDEXED BY |`: one of the indexes.
        if prev.is_some_and(|p| is_word(&p, buf, "BY")) && self.back(2).is_some_and(|p| is_word(&p, buf, "INDEXED")) {
            want.objects.push((ItemKind::Index, self.snap.indexes.iter().map(|(_, n)| n.clone()).collect()));
            return;
        }
        // Words only certain words follow (`ORDER` → BY, `LEFT` → JOIN), whatever the clause.
        if let Some(list) = prev
            .and_then(|p| upper_keyword(&p, buf))
            .and_then(|w| grammar::after_word(&w, self.back(2).and_then(|b| upper_keyword(&b, buf)).as_deref()))
        {
            want.keyword_list = list.to_vec();
            return;
        }
        if self.sc.cursor_group != 0 && self.in_brackets(want) {
            return;
        }
        if self.walk_clause(want) {
            return;
        }
        if self.sc.cursor_group != 0 {
            self.fill_expression(want);
            // Right after a bracket that is not a function's (`in (|`, `exists (|`, `from (|`): a
            // sub-select may begin there.
            let op = self.sc.opener[self.sc.cursor_group];
            let all = self.all;
            if self.nb == op + 1
                && op.checked_sub(1).is_none_or(|b| !is_ident(&all[b], buf) || is_keyword(all[b].text(buf)))
            {
                want.keyword_list.extend(["SELECT", "WITH", "VALUES"]);
            }
        } else if self.nb == 0 {
            want.starters = true;
        }
    }

    /// `alias.` / `table.`: that table's columns only; `bk.` / `temp.`: that database's tables.
    fn after_dot(&self, want: &mut Want) {
        let (buf, snap) = (self.buf, self.snap);
        let Some(q) = self.back(2).filter(|q| q.kind == Kind::Word || q.kind == Kind::QuotedIdent) else { return };
        let q = ident_text(&q, buf);
        let is_alias = self.visible.iter().any(|r| r.alias.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(&q)));
        if !is_alias && snap.is_schema(&q) && snap.table(&q).is_none() {
            want.schema = Some(if q.eq_ignore_ascii_case("temp") { "temp".into() } else { q.to_ascii_lowercase() });
            want.tables = true;
            want.views = true;
            return;
        }
        want.columns = match self.resolve(&q) {
            Some(r) => self.ref_columns(r),
            // In a trigger, `NEW.` and `OLD.` are rows of the table after its ON.
            None if ["new", "old"].iter().any(|w| w.eq_ignore_ascii_case(&q))
                && self.all.first().is_some_and(|f| is_word(f, buf, "CREATE")) =>
            {
                self.sc.refs.first().map(|r| self.ref_columns(r)).unwrap_or_default()
            }
            None => self.columns_of(&q),
        };
    }

    /// Inside parentheses: `USING (` and `INSERT INTO t (` decide by what precedes the bracket.
    /// True when that decided.
    fn in_brackets(&self, want: &mut Want) -> bool {
        let (buf, all, sc) = (self.buf, self.all, self.sc);
        let group = sc.cursor_group;
        let op = sc.opener[group];
        let before = |k: usize| op.checked_sub(k).map(|i| all[i]);
        if before(1).is_some_and(|t| is_word(&t, buf, "USING")) {
            let joined: Vec<&&Ref> = self.visible.iter().filter(|r| r.at < op && r.group == sc.parent[group]).collect();
            if let Some((right, left)) = joined.split_last() {
                let right_cols = self.ref_columns(right);
                let left_cols: Vec<String> = left.iter().flat_map(|r| self.ref_columns(r)).collect();
                want.columns =
                    right_cols.into_iter().filter(|c| left_cols.iter().any(|l| l.eq_ignore_ascii_case(c))).collect();
            }
            return true;
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
        let Some(t) = into_table else { return false };
        // Columns already listed are not offered again.
        let listed: Vec<String> = (op + 1..all.len())
            .filter(|&i| sc.group_of[i] == group && is_ident(&all[i], buf))
            .map(|i| ident_text(&all[i], buf))
            .collect();
        want.columns =
            self.columns_of(&t).into_iter().filter(|c| !listed.iter().any(|l| l.eq_ignore_ascii_case(c))).collect();
        true
    }

    /// A complete value just before the cursor (`select title |`, `where kind |`): what may
    /// follow a value then. `select * |`, `select t.* |`: a star column is a value too, not a
    /// multiplication.
    fn after_value(&self) -> bool {
        let buf = self.buf;
        let prev = self.back(1);
        let star_column = prev.is_some_and(|p| is_punct(&p, buf, "*"))
            && self.back(2).is_some_and(|b| {
                is_punct(&b, buf, ",")
                    || is_punct(&b, buf, ".")
                    || ["SELECT", "DISTINCT", "ALL"].iter().any(|w| is_word(&b, buf, w))
            });
        star_column
            || prev.is_some_and(|p| match p.kind {
                Kind::Word => !is_keyword(p.text(buf)) || ["NULL", "TRUE", "FALSE"].iter().any(|w| is_word(&p, buf, w)),
                Kind::QuotedIdent | Kind::Number | Kind::String | Kind::Param => true,
                _ => is_punct(&p, buf, ")"),
            })
    }

    /// Walks back to the nearest keyword that decides the clause and lets it decide. True when
    /// one did.
    fn walk_clause(&self, want: &mut Want) -> bool {
        let (buf, all, sc) = (self.buf, self.all, self.sc);
        let group = sc.cursor_group;
        let after_value = self.after_value();
        let mut since_kw = 0;
        let mut since_comma: Option<usize> = None;
        let mut assigned = false;
        let mut k = self.nb;
        while k > 0 {
            k -= 1;
            if sc.group_of[k] != group || (group != 0 && k == sc.opener[group]) {
                break;
            }
            let t = all[k];
            // A bracket before the cursor (`count(*)`, `using (id)`, `(select …) sub`) is one value.
            if is_punct(&t, buf, ")")
                && let Some(d) = (1..sc.parent.len()).find(|&d| sc.closer[d] == k)
            {
                k = sc.opener[d];
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
                    return true;
                }
                // `ON CONFLICT (id) |`.
                "CONFLICT" if since_kw > 0 => {
                    want.keyword_list = vec!["DO", "WHERE"];
                    return true;
                }
                // `… VALUES (…) |`: more rows, or what ends the INSERT or the compound.
                "VALUES" if after_value && since_kw > 0 => {
                    let insert = (0..k).any(|j| is_word(&all[j], buf, "INSERT") || is_word(&all[j], buf, "REPLACE"));
                    want.keyword_list =
                        if insert { &["ON CONFLICT", "RETURNING"][..] } else { grammar::AFTER_VALUES }.to_vec();
                    return true;
                }
                _ => {}
            }
            if TABLE_KEYWORDS.contains(&kw) {
                self.after_table_keyword(want, kw, k, since_comma.unwrap_or(since_kw));
                return true;
            }
            if COLUMN_KEYWORDS.contains(&kw) {
                // `WHERE a LIKE 'x' |`: the clause decides what follows, not the operator.
                if after_value && since_kw > 0 && grammar::OPERATORS.contains(&kw) {
                    since_kw += 1;
                    continue;
                }
                self.after_column_keyword(want, kw, k, since_kw, after_value, assigned);
                return true;
            }
            since_kw += 1;
        }
        false
    }

    /// In a FROM, JOIN, INTO or UPDATE: a table right after the keyword (`after` words since),
    /// else what follows a table.
    fn after_table_keyword(&self, want: &mut Want, kw: &str, k: usize, after: usize) {
        let (buf, all, sc) = (self.buf, self.all, self.sc);
        if after == 0 {
            want.tables = true;
            want.views = kw != "INTO" && kw != "UPDATE";
            want.ctes = sc.ctes.iter().map(|(n, _)| n.clone()).collect();
            if kw == "JOIN" {
                // Tables related by foreign keys first, and each whole with its condition.
                let present: Vec<(String, String)> = self
                    .visible
                    .iter()
                    .filter(|r| r.at < k)
                    .filter_map(|r| Some((r.table.clone()?, r.alias.clone().or_else(|| r.table.clone())?)))
                    .collect();
                let (related, whole) = grammar::joins(self.snap, &present, &taken_names(&self.visible));
                want.joins = whole;
                want.related = related;
            }
        } else if after <= 2 {
            want.keyword_list = match kw {
                "JOIN" => grammar::AFTER_JOIN_TABLE,
                "UPDATE" => grammar::AFTER_UPDATE_TABLE,
                "INTO" => grammar::AFTER_INSERT_TABLE,
                "FROM" if (0..k).any(|j| sc.group_of[j] == sc.cursor_group && is_word(&all[j], buf, "DELETE")) => {
                    grammar::AFTER_DELETE_TABLE
                }
                _ => grammar::AFTER_FROM_TABLE,
            }
            .to_vec();
        }
    }

    /// In a clause of expressions (SELECT, WHERE, ON, SET …): what may follow a value, or an
    /// expression's columns and functions.
    fn after_column_keyword(
        &self,
        want: &mut Want,
        kw: &str,
        k: usize,
        since_kw: usize,
        after_value: bool,
        assigned: bool,
    ) {
        let (buf, all) = (self.buf, self.all);
        if after_value && since_kw > 0 && (kw != "SET" || assigned) {
            let before = k.checked_sub(1).and_then(|j| upper_keyword(&all[j], buf));
            let dml = all
                .first()
                .and_then(|t| upper_keyword(t, buf))
                .is_some_and(|w| ["INSERT", "REPLACE", "UPDATE", "DELETE", "WITH"].contains(&w.as_str()));
            want.keyword_list = after_value_keywords(kw, before.as_deref(), dml);
            return;
        }
        if kw == "ON" && since_kw == 0 {
            // `JOIN talk_speakers ts ON |`: the condition the foreign keys give, first.
            if let Some((last, earlier)) = self.visible.iter().filter(|r| r.at < k).collect::<Vec<_>>().split_last()
                && let Some(t) = &last.table
            {
                let a = last.alias.clone().unwrap_or_else(|| t.clone());
                want.joins = earlier
                    .iter()
                    .filter_map(|r| {
                        let o = r.table.as_ref()?;
                        grammar::condition(self.snap, t, &a, o, r.alias.as_deref().unwrap_or(o))
                    })
                    .collect();
            }
        }
        if kw == "ON" {
            want.aliases = self.visible.iter().filter_map(|r| r.alias.clone().or_else(|| r.table.clone())).collect();
        }
        if kw == "SET" && !assigned {
            // `UPDATE t SET |`: a column to assign, nothing else.
            want.columns = self.visible.iter().flat_map(|r| self.ref_columns(r)).collect();
            return;
        }
        self.fill_expression(want);
        if kw == "SELECT" || kw == "DISTINCT" {
            want.keyword_list.extend(grammar::SELECT_START);
        }
    }
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
