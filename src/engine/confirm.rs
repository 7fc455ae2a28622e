//! The destructive-statement warning: statements that drop things, or delete or update every row,
//! are recognised from their tokens (so strings and comments never fool it) and, typed at the
//! prompt, run only after a "y". Scripts never ask; `-y` and the `destructive_warning` setting
//! turn the question off.

use std::io::{self, BufRead, Write};

use crate::engine::session::Session;
use crate::engine::sql::lexer::{Kind, tokenize};
use crate::engine::sql::split;
use crate::engine::style::Role;

/// Why each statement in `sql` is destructive, one phrase per destructive statement, in order.
pub fn destructive(sql: &str) -> Vec<String> {
    split(sql).iter().filter_map(|st| classify(st.text)).collect()
}

/// The words of one statement (as written) with the paren depth they sit at; `schema.name` is one
/// word.
fn words(sql: &str) -> Vec<(&str, usize)> {
    let mut depth = 0usize;
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let (mut after_word, mut after_dot) = (false, false);
    for t in tokenize(sql).iter().filter(|t| !t.is_trivia()) {
        let text = t.text(sql);
        match t.kind {
            Kind::Word | Kind::QuotedIdent => {
                match spans.last_mut() {
                    Some(last) if after_dot => last.1 = t.end,
                    _ => spans.push((t.start, t.end, depth)),
                }
                (after_word, after_dot) = (true, false);
                continue;
            }
            Kind::Punct if text == "." && after_word => {
                (after_word, after_dot) = (false, true);
                continue;
            }
            Kind::Punct if text == "(" => depth += 1,
            Kind::Punct if text == ")" => depth = depth.saturating_sub(1),
            _ => {}
        }
        (after_word, after_dot) = (false, false);
    }
    spans.into_iter().map(|(start, end, depth)| (&sql[start..end], depth)).collect()
}

/// Why the single statement `sql` is destructive, or `None`.
pub fn classify(sql: &str) -> Option<String> {
    let all = words(sql);
    let top: Vec<&str> = all.iter().filter(|(_, d)| *d == 0).map(|(w, _)| *w).collect();
    let is = |w: &str, kw: &str| w.eq_ignore_ascii_case(kw);
    let first = *top.first()?;
    // After a WITH clause the statement's verb is the first top-level verb; the CTE bodies are in
    // parentheses and so never at the top level.
    let verb_at = if is(first, "WITH") {
        top.iter()
            .position(|w| ["SELECT", "INSERT", "REPLACE", "UPDATE", "DELETE", "VALUES"].iter().any(|k| is(w, k)))?
    } else {
        0
    };
    let verb = top[verb_at].to_ascii_uppercase();
    let rest = &top[verb_at + 1..];
    let has = |kw: &str| rest.iter().any(|w| is(w, kw));
    // The word after the first `kw` in `rest`.
    let after = |kw: &str| rest.iter().skip_while(|w| !is(w, kw)).nth(1).copied().unwrap_or("");
    match verb.as_str() {
        "DROP" => {
            // DROP {TABLE|VIEW|INDEX|TRIGGER} [IF EXISTS] [schema.]name
            let kind = rest.first().map_or(String::new(), |k| k.to_ascii_lowercase());
            let name = rest.iter().skip(1).find(|w| !is(w, "IF") && !is(w, "EXISTS")).copied().unwrap_or("");
            Some(format!("drops {kind} {name}").trim_end().to_string())
        }
        "DELETE" if !has("WHERE") => Some(format!("deletes every row of {}", after("FROM"))),
        "UPDATE" if !has("WHERE") => {
            // UPDATE [OR action] name SET …
            let table = match rest {
                [or, _, name, ..] if is(or, "OR") => *name,
                [name, ..] => *name,
                [] => "",
            };
            Some(format!("updates every row of {table}"))
        }
        "ALTER" if has("DROP") => {
            let table = rest.get(1).copied().unwrap_or("");
            let column = match after("DROP") {
                c if is(c, "COLUMN") => after("COLUMN"),
                c => c,
            };
            Some(format!("drops column {column} of {table}"))
        }
        _ => None,
    }
}

/// Asks before running destructive input typed at the prompt. True means run it; on no, the
/// caller says what did not run (in a paste, lines before it have run: only it knows).
pub fn approve(session: &mut Session, input: &str) -> bool {
    if !session.settings.interactive || !session.settings.destructive_warning {
        return true;
    }
    let reasons = destructive(input);
    if reasons.is_empty() {
        return true;
    }
    let _ = session.out.flush();
    let head = session.err_palette.paint(Role::Error, "warning:");
    let mut err = crate::engine::error::writer();
    // The reasons name tables from the user's SQL: shown safe, on one line.
    let _ = writeln!(err, "{head} {}", crate::engine::error::one_line(&format!("this {}.", reasons.join(", and "))));
    ask("Run it? [y/N] ").is_some_and(|a| is_yes(&a))
}

/// `cancelled: …`, after a no: what did and did not run, on stderr.
pub fn cancelled(session: &mut Session, what: &str) {
    let _ = session.out.flush();
    crate::engine::error::status(&session.err_palette, &format!("cancelled: {what}"));
}

/// One line from the person at the terminal. A line editor of its own (not the prompt's, whose
/// validator wants SQL) so Ctrl-C and Ctrl-D mean "no" rather than ending talkcli.
pub(crate) fn ask(question: &str) -> Option<String> {
    match rustyline::DefaultEditor::new() {
        Ok(mut editor) => editor.readline(question).ok(),
        Err(_) => {
            let mut err = crate::engine::error::writer();
            let _ = write!(err, "{question}");
            let _ = err.flush();
            let mut answer = String::new();
            io::stdin().lock().read_line(&mut answer).ok().map(|_| answer)
        }
    }
}

fn is_yes(answer: &str) -> bool {
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

#[cfg(test)]
mod tests {
    use crate::engine::confirm::*;

    #[test]
    fn destructive_statements_are_recognised() {
        let cases: &[(&str, Option<&str>)] = &[
            ("DROP TABLE favorites", Some("drops table favorites")),
            ("drop table if exists t;", Some("drops table t")),
            ("drop view talk_overview", Some("drops view talk_overview")),
            ("DROP INDEX i", Some("drops index i")),
            ("drop table main.favorites", Some("drops table main.favorites")),
            ("delete from main . \"t\"", Some("deletes every row of main . \"t\"")),
            ("delete from t", Some("deletes every row of t")),
            ("DELETE FROM \"my table\" RETURNING *", Some("deletes every row of \"my table\"")),
            ("update t set x = 1", Some("updates every row of t")),
            ("update or replace t set x = 1", Some("updates every row of t")),
            ("ALTER TABLE t DROP COLUMN c", Some("drops column c of t")),
            ("alter table t drop c", Some("drops column c of t")),
            ("with old as (select id from t where y < 3) delete from t", Some("deletes every row of t")),
            // Not destructive: a WHERE at the top level, or nothing that removes data.
            ("delete from t where id = 3", None),
            ("DELETE FROM t WHERE id IN (SELECT id FROM u)", None),
            ("update t set x = 1 where id = 2", None),
            ("with x as (select 1) delete from t where id in x", None),
            ("select * from t", None),
            ("insert into t values (1)", None),
            ("alter table t rename to u", None),
            ("alter table t add column c", None),
            ("create trigger tr after insert on t begin delete from u; end", None),
            ("explain delete from t", None),
            ("select 'drop table t'", None),
            ("-- drop table t\nselect 1", None),
            ("", None),
        ];
        for (sql, want) in cases {
            assert_eq!(classify(sql).as_deref(), *want, "{sql}");
        }
    }

    #[test]
    fn a_where_inside_a_subquery_does_not_count() {
        assert_eq!(
            classify("update t set x = (select max(y) from u where u.id = t.id)").as_deref(),
            Some("updates every row of t")
        );
        assert_eq!(classify("delete from t returning (select 1 where 1)").as_deref(), Some("deletes every row of t"));
    }

    #[test]
    fn every_destructive_statement_of_an_input_is_listed() {
        assert_eq!(
            destructive("select 1; drop table a; delete from b where x; delete from c;"),
            ["drops table a", "deletes every row of c"]
        );
        assert!(destructive("select 'delete from t';").is_empty());
    }

    #[test]
    fn only_yes_means_yes() {
        for a in ["y\n", "Y", " yes \n", "YES"] {
            assert!(is_yes(a), "{a:?}");
        }
        for a in ["", "\n", "n", "no", "yep", "y y"] {
            assert!(!is_yes(a), "{a:?}");
        }
    }
}
