//! File arguments as a shell would have read them: `~` and `~/x` are the home directory. Every
//! command that takes a file (`\i`, `\o`, `\once`, `\w`, `\e`, `\g`, `.read`, `.open`, `.import`,
//! `\backup`) goes through here, so they all agree.

use std::path::PathBuf;

/// `~` → `$HOME`, `~/x` → `$HOME/x`; anything else (including `~user`) as written.
pub(crate) fn expand_home(p: &str) -> PathBuf {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    match (p, home) {
        ("~", Some(home)) => PathBuf::from(home),
        (p, Some(home)) if p.starts_with("~/") => PathBuf::from(home).join(&p[2..]),
        (p, _) => PathBuf::from(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_leading_tilde_is_home() {
        let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) else { return };
        let home = PathBuf::from(home);
        assert_eq!(expand_home("~"), home);
        assert_eq!(expand_home("~/a/b.sql"), home.join("a/b.sql"));
        assert_eq!(expand_home("a/~/b"), PathBuf::from("a/~/b"));
        assert_eq!(expand_home("~user/x"), PathBuf::from("~user/x"));
        assert_eq!(expand_home("/tmp/x"), PathBuf::from("/tmp/x"));
    }
}
