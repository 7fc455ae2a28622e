//! Whether the terminal draws OSC 8 hyperlinks, told by the variables known terminals set.

/// Whether the terminal talkcli runs in draws OSC 8 hyperlinks, judged once from the environment.
pub fn terminal_supports_hyperlinks() -> bool {
    static SUPPORTED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SUPPORTED.get_or_init(|| hyperlinks_from_env(|name| std::env::var(name).ok()))
}

/// Terminals known to draw OSC 8 links, told by the variables they set. Unknown terminals get
/// none: a terminal that does not understand OSC 8 may print its bytes.
fn hyperlinks_from_env(var: impl Fn(&str) -> Option<String>) -> bool {
    let term = var("TERM").unwrap_or_default();
    if term == "dumb" {
        return false;
    }
    if let Some(program) = var("TERM_PROGRAM")
        && ["iTerm.app", "WezTerm", "vscode", "Hyper", "ghostty", "Tabby", "rio"].contains(&program.as_str())
    {
        return true;
    }
    if var("VTE_VERSION").and_then(|v| v.parse::<u32>().ok()).is_some_and(|v| v >= 5000) {
        return true;
    }
    if ["WT_SESSION", "KONSOLE_VERSION", "KITTY_WINDOW_ID", "DOMTERM"].iter().any(|v| var(v).is_some()) {
        return true;
    }
    ["kitty", "alacritty", "foot", "wezterm", "ghostty"].iter().any(|t| term.contains(t))
}

#[cfg(test)]
mod tests {
    use crate::engine::output::hyperlinks::hyperlinks_from_env;

    fn with(vars: &[(&str, &str)]) -> bool {
        hyperlinks_from_env(|name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn known_terminals_get_links_and_others_do_not() {
        assert!(with(&[("TERM", "xterm-256color"), ("TERM_PROGRAM", "WezTerm")]));
        assert!(with(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7200")]));
        assert!(with(&[("TERM", "xterm-kitty")]));
        assert!(!with(&[("TERM", "xterm-256color"), ("VTE_VERSION", "4800")]));
        assert!(!with(&[("TERM", "xterm-256color")]));
        assert!(!with(&[("TERM", "dumb"), ("TERM_PROGRAM", "WezTerm")]));
    }
}
