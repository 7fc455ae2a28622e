//! File arguments as a shell would have read them: `~` and `~/x` are the home directory. Every
//! command that takes a file (`\i`, `\o`, `\once`, `\w`, `\e`, `\g`, `.read`, `.open`, `.import`,
//! `\backup`) goes through here, so they all agree.

use std::path::PathBuf;

use anyhow::{Context, Result};

/// `$XDG_DATA_HOME/talkcli`, else `~/.local/share/talkcli`.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        let p = PathBuf::from(xdg);
        if p.is_absolute() {
            return Ok(p.join("talkcli"));
        }
    }
    let home = std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .context("cannot find the data directory: HOME is not set")?;
    Ok(PathBuf::from(home).join(".local/share/talkcli"))
}

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
    use crate::engine::paths::*;

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
