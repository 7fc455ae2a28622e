//! The scopes of the statement under the cursor: its bracket groups (each a scope whose parent
//! is the one around it), the tables each scope names (`FROM talks t`, `JOIN speakers`, a
//! derived `(SELECT …) sub`) and the common table expressions it defines.

use crate::engine::complete::grammar::CLAUSE_ENDS;
use crate::engine::complete::tokens::{ident_text, is_ident, is_punct, is_word, upper_keyword};
use crate::engine::sql::lexer::Token;

/// A table named in the statement: `FROM talks t`, `JOIN speakers`, a derived `(SELECT …) sub`.
#[derive(Debug, Clone)]
pub(super) struct Ref {
    pub(super) table: Option<String>,
    pub(super) alias: Option<String>,
    pub(super) group: usize,
    /// Index of its first token in the statement's token list.
    pub(super) at: usize,
    /// For `(SELECT …) alias`: the group of the sub-select, whose select list names the columns.
    pub(super) derived: Option<usize>,
}

/// The bracket groups of a statement's tokens; group 0 is the statement itself.
pub(super) struct Scopes {
    /// The group of each token.
    pub(super) group_of: Vec<usize>,
    pub(super) parent: Vec<usize>,
    /// Index of each group's `(` and `)` (`usize::MAX` while open, and for group 0).
    pub(super) opener: Vec<usize>,
    pub(super) closer: Vec<usize>,
    pub(super) refs: Vec<Ref>,
    /// The group the cursor (before token `nb`) is in.
    pub(super) cursor_group: usize,
    pub(super) ctes: Vec<(String, Vec<String>)>,
}

/// What the scan expects next in a scope.
#[derive(Clone, Copy, PartialEq)]
enum Expect {
    Nothing,
    Table,
    Alias,
}

/// `CREATE INDEX i ON t`, `CREATE TRIGGER … ON t`: that first ON names a table, which a WHERE or
/// WHEN after it sees. Its token's index.
fn create_head_on(all: &[Token], buf: &str) -> Option<usize> {
    all.first().filter(|t| is_word(t, buf, "CREATE")).and_then(|_| {
        let on = all.iter().position(|t| is_word(t, buf, "ON"))?;
        all[..on].iter().any(|t| is_word(t, buf, "INDEX") || is_word(t, buf, "TRIGGER")).then_some(on)
    })
}

/// A keyword that names a table next (`FROM`, `JOIN` …), starts a list of them (`FROM a, b`), or
/// ends one.
fn after_keyword(kw: &str, head_on: bool, expect: &mut Expect, list: &mut bool) {
    match kw {
        "FROM" => {
            *expect = Expect::Table;
            *list = true;
        }
        "JOIN" | "INTO" | "UPDATE" | "TABLE" => *expect = Expect::Table,
        "ON" if head_on => *expect = Expect::Table,
        k if CLAUSE_ENDS.contains(&k) => *list = false,
        _ => {}
    }
}

/// Scans `all`, the statement's tokens; the cursor is before token `nb`.
pub(super) fn scan(all: &[Token], nb: usize, buf: &str) -> Scopes {
    // Parenthesis groups: each `(` opens a scope whose parent is the scope around it.
    let mut group_of = vec![0usize; all.len()];
    let mut parent = vec![0usize];
    let mut opener = vec![usize::MAX];
    let mut closer = vec![usize::MAX];
    let mut derived = vec![false];
    let mut refs: Vec<Ref> = Vec::new();
    let head_on = create_head_on(all, buf);
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
            after_keyword(&kw, head_on == Some(i), &mut expect[g], &mut list[g]);
        } else if is_punct(&t, buf, ",") && list[g] {
            expect[g] = Expect::Table;
        }
        i += 1;
    }
    if nb == all.len() {
        cursor_group = *stack.last().unwrap_or(&0);
    }
    let mut sc = Scopes { group_of, parent, opener, closer, refs, cursor_group, ctes: Vec::new() };
    sc.ctes = sc.find_ctes(all, buf);
    sc
}

impl Scopes {
    /// The names a sub-select's select list gives its columns: `x`, `t.x`, `expr AS x`, `expr x`.
    // The names a sub-select's select list gives its columns: `x`, `t.x`, `expr AS x`, `expr x`.
    pub(super) fn select_names(&self, all: &[Token], buf: &str, g: usize) -> Vec<String> {
        let direct: Vec<usize> = (0..all.len()).filter(|&i| self.group_of[i] == g && i != self.opener[g]).collect();
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
    }

    /// Common table expressions: `name [(cols)] AS [[NOT] MATERIALIZED] (select)`, with their columns.
    fn find_ctes(&self, all: &[Token], buf: &str) -> Vec<(String, Vec<String>)> {
        let mut ctes: Vec<(String, Vec<String>)> = Vec::new();
        for c in 1..self.parent.len() {
            let mut j = self.opener[c];
            while j > 0 && (is_word(&all[j - 1], buf, "MATERIALIZED") || is_word(&all[j - 1], buf, "NOT")) {
                j -= 1;
            }
            if j < 2 || !is_word(&all[j - 1], buf, "AS") {
                continue;
            }
            let k = j - 2;
            if is_ident(&all[k], buf) {
                ctes.push((ident_text(&all[k], buf), self.select_names(all, buf, c)));
            } else if let Some(d) = (1..self.parent.len()).find(|&d| self.closer[d] == k)
                && let Some(n) = self.opener[d].checked_sub(1).filter(|&n| is_ident(&all[n], buf))
            {
                let cols = (0..all.len())
                    .filter(|&i| self.group_of[i] == d && i != self.opener[d] && is_ident(&all[i], buf))
                    .map(|i| ident_text(&all[i], buf))
                    .collect();
                ctes.push((ident_text(&all[n], buf), cols));
            }
        }
        ctes
    }
}
