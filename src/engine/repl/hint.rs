//! Inline hints: while a backslash command is typed, its arguments and purpose in dim text
//! (`\speaker NAME — talks given by a speaker`); otherwise the newest history entry that starts
//! with the line, fish-style, accepted with →.

use rustyline::hint::Hint;

use crate::engine::command::{self, Command};

/// A hint and what → inserts: the rest of a command name (never the synopsis after it), or the
/// rest of a history entry (all its lines, though only the first is shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TalkHint {
    pub display: String,
    pub accept: Option<String>,
}

impl TalkHint {
    /// The rest of a history entry. A multi-line entry shows its first line and `…`, so the hint
    /// stays on the prompt's row.
    pub fn history(rest: &str) -> TalkHint {
        let display = match rest.split_once('\n') {
            Some((first, _)) => format!("{first} …"),
            None => rest.to_string(),
        };
        TalkHint { display, accept: Some(rest.to_string()) }
    }
}

impl Hint for TalkHint {
    fn display(&self) -> &str {
        &self.display
    }

    fn completion(&self) -> Option<&str> {
        self.accept.as_deref()
    }
}

fn synopsis(c: &Command) -> String {
    if c.args.is_empty() { format!(" — {}", c.summary) } else { format!(" {} — {}", c.synopsis(), c.summary) }
}

/// The hint for a command line with the cursor at its end, if it is one.
pub fn command_hint(line: &str) -> Option<TalkHint> {
    let t = line.trim_start();
    if !t.starts_with(['\\', '.']) {
        return None;
    }
    match t.find(char::is_whitespace) {
        None => {
            if let Some(c) = command::find(t) {
                return Some(TalkHint { display: synopsis(c), accept: None });
            }
            let lower = t.to_ascii_lowercase();
            let mut matches = command::all()
                .flat_map(|c| c.names().map(move |n| (c, n)))
                .filter(|(_, n)| n.to_ascii_lowercase().starts_with(&lower));
            let (c, name) = matches.next()?;
            if matches.any(|(other, _)| !std::ptr::eq(other, c)) {
                return None;
            }
            let rest = &name[t.len()..];
            // Accepting a command that takes arguments also types the space before them, so the
            // next word does not run into the name (`\speakerfern`).
            let accept = if c.args.is_empty() { rest.to_string() } else { format!("{rest} ") };
            Some(TalkHint { display: format!("{rest}{}", synopsis(c)), accept: Some(accept) })
        }
        Some(end) if t[end..].trim().is_empty() => {
            let c = command::find(&t[..end])?;
            let s = synopsis(c);
            // The line already ends in a space: drop the synopsis' own leading one.
            Some(TalkHint { display: s[1..].to_string(), accept: None })
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::repl::hint::*;

    #[test]
    fn half_typed_and_whole_commands_show_arguments_and_purpose() {
        let h = command_hint("\\refr").expect("unique prefix");
        assert_eq!(h.display, "esh — reload the tables, columns and talk names that Tab completes");
        assert_eq!(h.completion(), Some("esh"));
        let h = command_hint("\\dt").expect("exact name");
        assert_eq!(h.display, " [PATTERN] — list tables (and views), optionally matching a pattern");
        assert_eq!(h.completion(), None);
        assert_eq!(
            command_hint("\\dt ").map(|h| h.display).as_deref(),
            Some("[PATTERN] — list tables (and views), optionally matching a pattern")
        );
        assert!(command_hint("\\dt ta").is_none(), "no hint once arguments are typed");
        assert!(command_hint("select").is_none());
        assert!(command_hint("\\zz").is_none());
        let h = command_hint("\\spe").expect("unique prefix of a command with an argument");
        assert_eq!(h.completion(), Some("aker "), "accepting types the space before NAME");
    }

    #[test]
    fn multi_line_history_shows_one_line_and_accepts_all() {
        let h = TalkHint::history(" 1,\n2;");
        assert_eq!(h.display(), " 1, …");
        assert_eq!(h.completion(), Some(" 1,\n2;"));
    }
}
