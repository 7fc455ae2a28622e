//! An open transaction when the session ends or switches database: typed at the prompt, the user
//! chooses to commit, roll back or stay; scripts and `-y` roll back, with one warning line, so
//! nothing is committed that the user did not ask to commit and nothing is lost silently.

use std::io::Write;

use crate::engine::session::Session;

/// What to do with an open transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Choice {
    Commit,
    RollBack,
    Stay,
}

/// The answer typed to the question; anything unclear means stay (nothing is lost).
pub(crate) fn parse_choice(answer: &str) -> Choice {
    match answer.trim().to_ascii_lowercase().as_str() {
        "c" | "commit" => Choice::Commit,
        "r" | "rollback" | "roll back" => Choice::RollBack,
        _ => Choice::Stay,
    }
}

/// Ends an open transaction before `action` (e.g. "quitting"). True when the caller may go on;
/// false when the user chose to stay (or the commit failed, which is reported).
pub(crate) fn settle(session: &mut Session, action: &str) -> bool {
    if session.conn.is_autocommit() {
        return true;
    }
    let choice = if session.settings.interactive && !session.settings.assume_yes {
        session.warn(&format!("a transaction is open ({action})."));
        crate::engine::confirm::ask("Commit, roll back, or stay? [c/r/S] ").map_or(Choice::Stay, |a| parse_choice(&a))
    } else {
        Choice::RollBack
    };
    let sql = match choice {
        Choice::Stay => {
            note(session, "staying: nothing changed");
            return false;
        }
        Choice::Commit => "COMMIT",
        Choice::RollBack => "ROLLBACK",
    };
    match session.conn.execute_batch(sql) {
        Ok(()) if choice == Choice::Commit => {
            note(session, "transaction committed");
            true
        }
        // Rolled back: say so, and why, so nothing is lost silently.
        Ok(()) => {
            session.warn(&format!("the open transaction was rolled back ({action}, no COMMIT)"));
            true
        }
        Err(e) => {
            session.error(None, &format!("{sql} failed: {}", crate::engine::error::sql_error_message(&e)));
            false
        }
    }
}

/// A dimmed status line on stderr: what happened, not a problem.
fn note(session: &mut Session, msg: &str) {
    let _ = session.out.flush();
    crate::engine::error::status(&session.err_palette, msg);
}

/// Runs `f` in a `BEGIN IMMEDIATE` transaction (or inside the user's open one): the check and the
/// write see the same database, and a busy database is waited for before the check, not after.
pub(crate) fn immediately<T>(s: &mut Session, f: impl FnOnce(&mut Session) -> anyhow::Result<T>) -> anyhow::Result<T> {
    let own = s.conn.is_autocommit();
    if own {
        s.conn.execute_batch("BEGIN IMMEDIATE").map_err(crate::engine::error::explain)?;
    }
    let result = f(s);
    if own {
        if result.is_ok() {
            s.conn.execute_batch("COMMIT").map_err(crate::engine::error::explain)?;
        } else {
            let _ = s.conn.execute_batch("ROLLBACK");
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use crate::engine::transaction::*;

    #[test]
    fn only_clear_answers_leave() {
        assert_eq!(parse_choice("c\n"), Choice::Commit);
        assert_eq!(parse_choice(" COMMIT "), Choice::Commit);
        assert_eq!(parse_choice("r"), Choice::RollBack);
        for a in ["", "s", "\n", "yes", "cr"] {
            assert_eq!(parse_choice(a), Choice::Stay, "{a:?}");
        }
    }
}
