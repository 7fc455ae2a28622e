//! The prompt's text: which database is open, whether it is read-only, whether a transaction is
//! open. The `prompt` setting is a template with `%` placeholders (psql style); this module fills
//! it from plain facts, so it is testable without a terminal or a connection.

/// The default template: `talks> `, `talks*> ` inside a transaction, `talks(ro)> ` read-only,
/// `notes> ` for another database file.
pub const DEFAULT: &str = "%d%r%x> ";

/// What the prompt can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct State<'a> {
    /// Short name of the database (`talks`, `notes`).
    pub name: &'a str,
    /// Full path or description.
    pub path: &'a str,
    pub in_transaction: bool,
    pub read_only: bool,
}

/// Fills `template`. An unknown `%c` is kept as typed, so a typo shows rather than vanishes.
pub(crate) fn render(template: &str, state: &State<'_>) -> String {
    let mut out = String::with_capacity(template.len() + state.name.len());
    let mut chars = template.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('d') => out.push_str(state.name),
            Some('f') => out.push_str(state.path),
            Some('x') if state.in_transaction => out.push('*'),
            Some('r') if state.read_only => out.push_str("(ro)"),
            Some('x' | 'r') => {}
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    // Control characters in a file name or template must not reach the terminal raw; a newline
    // would break the line editor's idea of where the prompt ends.
    crate::engine::render::escape_controls(&out).replace('\n', "\\n")
}

/// The prompt for `session` now.
pub(crate) fn text(session: &crate::engine::session::Session) -> String {
    let template = session.settings.prompt.as_deref().unwrap_or(DEFAULT);
    let name = session.db_name();
    let state = State {
        name: &name,
        path: &session.db_label,
        in_transaction: !session.conn.is_autocommit(),
        read_only: session.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false),
    };
    render(template, &state)
}

/// The prompt inside an inactive `\if` branch, where nothing typed runs: psql's `@` in place of
/// the usual mark (`talks@> `), or in front when the template has no `> ` end.
pub(crate) fn inactive(prompt: &str) -> String {
    match prompt.strip_suffix("> ") {
        Some(head) => format!("{head}@> "),
        None => format!("@{prompt}"),
    }
}

/// Checks a template for the config file and `\pset`: every `%` must start a known placeholder.
pub fn validate(template: &str) -> Result<(), String> {
    let mut chars = template.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            match chars.next() {
                Some('d' | 'f' | 'x' | 'r' | '%') => {}
                Some(other) => return Err(format!("unknown prompt placeholder %{other} (known: %d %f %x %r %%)")),
                None => return Err("the prompt ends with a lone % (write %% for a percent sign)".into()),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::engine::prompt::*;

    fn state(name: &str, tx: bool, ro: bool) -> State<'_> {
        State { name, path: "/data/x.db", in_transaction: tx, read_only: ro }
    }

    #[test]
    fn the_default_prompt_shows_each_state() {
        assert_eq!(render(DEFAULT, &state("talks", false, false)), "talks> ");
        assert_eq!(render(DEFAULT, &state("talks", true, false)), "talks*> ");
        assert_eq!(render(DEFAULT, &state("talks", false, true)), "talks(ro)> ");
        assert_eq!(render(DEFAULT, &state("notes", true, true)), "notes(ro)*> ");
    }

    #[test]
    fn an_inactive_branch_shows_an_at_sign() {
        assert_eq!(inactive("talks> "), "talks@> ");
        assert_eq!(inactive("talks*> "), "talks*@> ");
        assert_eq!(inactive("sql$ "), "@sql$ ");
    }

    #[test]
    fn placeholders_and_unknown_percent_signs() {
        assert_eq!(render("%f %% %q %", &state("n", false, false)), "/data/x.db % %q %");
        assert_eq!(render("%d\x1b[31m\n> ", &state("n", false, false)), "n\\e[31m\\n> ");
        assert!(validate("%d%x> ").is_ok());
        assert!(validate("100%% %d> ").is_ok());
        assert!(validate("%q> ").unwrap_err().contains("%q"));
        assert!(validate("db %").is_err());
    }
}
