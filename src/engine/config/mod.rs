//! The settings file (`~/.config/talkcli/config.toml`) and the startup commands file (`talkclirc`).
//!
//! Every key is declared once in `KEYS` (name, default, comment, how it sets `Settings`): the file
//! written on first run, the parser and the reference all read that table, so they cannot disagree.
//! A bad value or an unknown key costs one warning line and that key's default, never the start.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use toml::Value;

use crate::engine::settings::Settings;

mod keys;
pub use crate::engine::config::keys::{KEYS, Key};

/// The text of a fresh config file: every key at its default, each with its comment.
pub fn default_file() -> String {
    let mut out = String::from(
        "# talkcli settings. Every setting is listed at its default; change a value and restart talkcli\n\
         # (or try one for a session first: \\pset NAME VALUE at the prompt).\n\
         # Command-line options (--format, --color, -y …) win over this file.\n",
    );
    for k in KEYS {
        out.push_str(&format!("\n# {}\n{} = {}\n", k.doc, k.name, k.default));
    }
    out
}

/// `$XDG_CONFIG_HOME/talkcli`, else `~/.config/talkcli`.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(xdg).join("talkcli"));
    }
    std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| PathBuf::from(h).join(".config/talkcli"))
}

/// The settings file: `$TALKCLI_CONFIG`, else `config.toml` in the config directory.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TALKCLI_CONFIG").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    config_dir().map(|d| d.join("config.toml"))
}

/// True when TALKCLI_CONFIG names the settings file.
fn explicit_path() -> bool {
    std::env::var_os("TALKCLI_CONFIG").is_some_and(|v| !v.is_empty())
}

/// The commands run at start: `--init FILE`, else `talkclirc` in the config directory when it exists.
/// `Err` when an explicit `--init` file does not exist.
pub fn rc_path(init: Option<&Path>) -> anyhow::Result<Option<PathBuf>> {
    match init {
        // Not `is_file`: `--init /dev/null` is the way to start with no startup commands.
        Some(p) if p.exists() && !p.is_dir() => Ok(Some(p.to_path_buf())),
        Some(p) if p.is_dir() => anyhow::bail!("cannot open init file {}: it is a directory", p.display()),
        Some(p) => anyhow::bail!("cannot open init file {}: no such file", p.display()),
        None => Ok(config_dir().map(|d| d.join("talkclirc")).filter(|p| p.is_file())),
    }
}

/// Loads the settings file into `settings` (writing the default file first when there is none) and
/// returns the warnings to print, one line each.
pub fn load(settings: &mut Settings) -> Vec<String> {
    let Some(path) = config_path() else {
        return Vec::new();
    };
    // Only a regular file of sane size: a FIFO or /dev/zero named here must not hang or swell talkcli.
    let text = match crate::engine::userfile::read_checked(&path, crate::engine::userfile::CONFIG_CAP) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                return vec![format!(
                    "cannot read {}: it is not UTF-8 text; using the default settings",
                    path.display()
                )];
            }
        },
        // A file named by TALKCLI_CONFIG is the user's to create: never make directories or a
        // default file at an arbitrary path, just say it is missing.
        Err(p) if p.is_not_found() && explicit_path() => {
            return vec![format!("{} does not exist (TALKCLI_CONFIG); using the default settings", path.display())];
        }
        Err(p) if p.is_not_found() => {
            // A read-only or odd HOME must not stop talkcli: the defaults are already in place.
            let _ = write_default(&path);
            return Vec::new();
        }
        Err(p) => return vec![format!("cannot read {}: {p}; using the default settings", path.display())],
    };
    apply_text(&text, &path.display().to_string(), settings)
}

/// Applies the TOML `text` (named `origin` in warnings) to `settings`, key by key. Each key is
/// read on its own line(s), so a syntax error, a duplicate, an unknown key or a bad value costs
/// only that key: one warning naming the file, the line and the key.
pub fn apply_text(text: &str, origin: &str, settings: &mut Settings) -> Vec<String> {
    let (entries, mut warnings) = entries(text, origin);
    let mut seen: Vec<&str> = Vec::new();
    let duplicated: Vec<&str> = entries
        .iter()
        .filter_map(|(_, name, _)| {
            if seen.contains(&name.as_str()) {
                Some(name.as_str())
            } else {
                seen.push(name);
                None
            }
        })
        .collect();
    for (line, name, value) in &entries {
        let key = KEYS.iter().find(|k| k.name == name);
        if duplicated.contains(&name.as_str()) {
            // Which of two values was meant cannot be told: the key keeps its default.
            if entries.iter().rev().find(|e| e.1 == *name).is_some_and(|e| e.0 == *line) {
                let default = key.map_or("", |k| k.default);
                warnings.push(format!("{origin}: line {line}: duplicate key '{name}'; using the default {default}"));
            }
            continue;
        }
        match key {
            Some(key) => {
                if let Err(why) = (key.apply)(settings, value) {
                    warnings.push(format!("{origin}: line {line}: {name}: {why}; using the default {}", key.default));
                }
            }
            None => {
                warnings.push(format!("{origin}: line {line}: unknown setting '{name}'{}; ignored", suggestion(name)))
            }
        }
    }
    warnings.sort_by_key(|w| warning_line(w));
    warnings
}

/// Most lines one value may span (a multi-line string or array).
const MAX_VALUE_LINES: usize = 50;

/// The `(line, key, value)` entries of `text` in order, each parsed on its own (with the lines a
/// multi-line value needs), and a warning for each line that does not parse.
fn entries(text: &str, origin: &str) -> (Vec<(usize, String, Value)>, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let (mut out, mut warnings) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if t.is_empty() || t.starts_with('#') {
            i += 1;
            continue;
        }
        let parsed = (i + 1..=(i + MAX_VALUE_LINES).min(lines.len()))
            .find_map(|end| lines[i..end].join("\n").parse::<toml::Table>().ok().map(|t| (end, t)));
        match parsed {
            Some((end, table)) => {
                out.extend(table.into_iter().map(|(k, v)| (i + 1, k, v)));
                i = end;
            }
            None => {
                let msg = match lines[i].parse::<toml::Table>() {
                    Err(e) => e.message().trim_end().replace('\n', " "),
                    Ok(_) => "cannot be read".to_string(),
                };
                let key = t.split('=').next().map(str::trim).filter(|k| !k.is_empty() && t.contains('='));
                let key = key.map(|k| format!("{k}: ")).unwrap_or_default();
                warnings.push(format!("{origin}: line {}: {key}{msg}; ignored", i + 1));
                i += 1;
            }
        }
    }
    (out, warnings)
}

/// The line number a warning names, to list warnings in file order.
fn warning_line(w: &str) -> usize {
    w.split(": line ").nth(1).and_then(|r| r.split(':').next()).and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// `\pset NAME VALUE`: sets one key from text typed at the prompt, with the file's validation and
/// messages. The text is read as the key's kind of value (a string needs no quotes; `on`/`off`
/// also work for true/false). On error nothing changes.
pub fn set_key(settings: &mut Settings, name: &str, text: &str) -> Result<&'static Key, String> {
    let key = find_key(name)?;
    let value = if key.default.starts_with('"') {
        let t = text.trim();
        let unquoted = t.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(t);
        Value::String(unquoted.to_string())
    } else {
        let t = match text.trim().to_ascii_lowercase().as_str() {
            "on" | "yes" => "true".to_string(),
            "off" | "no" => "false".to_string(),
            other => other.to_string(),
        };
        // `x = …` parses any TOML value; what is not one is kept as a string for the message.
        match format!("x = {t}").parse::<toml::Table>() {
            Ok(mut table) => table.remove("x").unwrap_or(Value::String(t)),
            Err(_) => Value::String(text.trim().to_string()),
        }
    };
    let mut changed = settings.clone();
    (key.apply)(&mut changed, &value).map_err(|why| format!("{name}: {why}"))?;
    *settings = changed;
    Ok(key)
}

/// The key called `name`, or the message for an unknown one.
pub fn find_key(name: &str) -> Result<&'static Key, String> {
    KEYS.iter().find(|k| k.name == name).ok_or_else(|| format!("unknown setting '{name}'{}", suggestion(name)))
}

/// ` (did you mean theme?)` for a near miss.
fn suggestion(name: &str) -> String {
    // The one "did you mean" rule (`title` is not a typo of `theme`).
    let near = crate::engine::diagnose::similar::nearest(name, KEYS.iter().map(|k| k.name));
    if near.is_empty() { String::new() } else { format!(" (did you mean {}?)", near.join(" or ")) }
}

/// Writes the default file at `path` unless something is there already. The text goes to a
/// temporary file first and is linked into place, so a reader never sees half a file and two
/// first runs at once cannot overwrite each other.
fn write_default(path: &Path) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // The config names the pager and the rc file run at start-up: the user's only, whatever
    // the umask.
    crate::engine::userfile::create_private_dir(dir)?;
    let tmp = dir.join(format!(".config.toml.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let result = (|| {
        let mut f = crate::engine::userfile::create_private(&tmp)?;
        f.write_all(default_file().as_bytes())?;
        f.sync_all()?;
        match fs::hard_link(&tmp, path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
            // File systems without hard links: a rename is still atomic, only not exclusive.
            Err(_) if !path.exists() => fs::rename(&tmp, path),
            other => other,
        }
    })();
    let _ = fs::remove_file(&tmp);
    result
}

#[cfg(test)]
mod tests {
    use crate::engine::config::*;
    use crate::engine::settings::{EditMode, Expanded, Format, KeywordCase, TableStyle, Theme};

    fn applied(text: &str) -> (Settings, Vec<String>) {
        let mut s = Settings::default();
        let w = apply_text(text, "cfg.toml", &mut s);
        (s, w)
    }

    #[test]
    fn the_default_file_parses_to_the_default_settings() {
        let (s, w) = applied(&default_file());
        assert!(w.is_empty(), "{w:?}");
        let d = Settings::default();
        assert_eq!(format!("{s:?}"), format!("{d:?}"));
        for k in KEYS {
            assert!(default_file().contains(&format!("\n{} = {}\n", k.name, k.default)), "{}", k.name);
        }
    }

    #[test]
    fn every_value_is_applied() {
        let (s, w) = applied(
            "edit_mode = \"vi\"\nkeyword_case = \"lower\"\nformat = \"csv\"\ntable_style = \"unicode\"\n\
             null_marker = \"NULL\"\nrow_limit = 5\npager = \"most\"\nexpanded = \"auto\"\ntiming = true\n\
             theme = \"light\"\nhistory_size = 50\ndestructive_warning = false\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(s.edit_mode, EditMode::Vi);
        assert_eq!(s.keyword_case, KeywordCase::Lower);
        assert_eq!(s.format, Format::Csv);
        assert_eq!(s.table_style, TableStyle::Unicode);
        assert_eq!(s.null_marker, "NULL");
        assert_eq!(s.row_limit, 5);
        assert_eq!((s.pager, s.pager_command.as_deref()), (true, Some("most")));
        assert_eq!(s.expanded, Expanded::Auto);
        assert!(s.timing);
        assert_eq!(s.theme, Theme::Light);
        assert_eq!(s.history_size, 50);
        assert!(!s.destructive_warning);
        assert!(!applied("pager = \"off\"").0.pager);
    }

    #[test]
    fn bad_values_keep_the_default_and_name_the_key() {
        let cases = [
            ("edit_mode = \"nano\"", "edit_mode: expected one of \"emacs\", \"vi\", got \"nano\""),
            ("row_limit = 0", "row_limit: expected a whole number of at least 1, got 0"),
            ("row_limit = \"ten\"", "row_limit: expected a whole number of at least 1, got \"ten\""),
            ("history_size = 2000000", "history_size: expected a whole number from 1 to 1000000, got 2000000"),
            ("timing = \"yes\"", "timing: expected true or false, got \"yes\""),
            ("format = \"xml\"", "format: unknown format 'xml'"),
            ("null_marker = 3", "null_marker: expected a string, got 3"),
            ("pager = \"\"", "pager: expected \"auto\", \"off\" or a command"),
            ("history_size = -1", "history_size: expected a whole number"),
            ("theme = \"blue\"", "theme: expected one of \"dark\", \"light\""),
        ];
        for (text, want) in cases {
            let (s, w) = applied(text);
            assert_eq!(w.len(), 1, "{text}: {w:?}");
            assert!(w[0].starts_with("cfg.toml: line 1: ") && w[0].contains(want), "{text}: {}", w[0]);
            assert!(w[0].contains("using the default"), "{}", w[0]);
            let d = Settings::default();
            assert_eq!((s.edit_mode, s.row_limit, s.format, s.theme), (d.edit_mode, d.row_limit, d.format, d.theme));
        }
    }

    #[test]
    fn one_bad_key_does_not_spoil_the_others() {
        let (s, w) = applied("row_limit = \"many\"\ntheme = \"light\"\n");
        assert_eq!(w.len(), 1);
        assert_eq!(s.theme, Theme::Light);
        assert_eq!(s.row_limit, 1000);
    }

    #[test]
    fn unknown_keys_are_named_with_a_suggestion() {
        let (_, w) = applied("colour_theme = \"dark\"\nthem = \"light\"\n");
        assert_eq!(
            w,
            [
                "cfg.toml: line 1: unknown setting 'colour_theme'; ignored",
                "cfg.toml: line 2: unknown setting 'them' (did you mean theme?); ignored"
            ]
        );
    }

    #[test]
    fn a_duplicate_key_costs_only_that_key() {
        let (s, w) = applied("theme = \"light\"\ntiming = true\nrow_limit = 5\ntiming = false\n");
        assert_eq!(w, ["cfg.toml: line 4: duplicate key 'timing'; using the default false"]);
        assert_eq!((s.theme, s.row_limit, s.timing), (Theme::Light, 5, false), "the other keys apply");
    }

    #[test]
    fn a_syntax_error_costs_only_its_line() {
        let (s, w) = applied("timing = true\nrow_limit = = 3\ntheme = \"light\"\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("cfg.toml: line 2: row_limit: ") && w[0].ends_with("; ignored"), "{}", w[0]);
        assert!(s.timing && s.theme == Theme::Light, "the keys around it apply");
        assert_eq!(s.row_limit, 1000);
    }

    #[test]
    fn a_value_may_span_lines() {
        let (s, w) = applied("prompt = \"\"\"\n\\\\d> \"\"\"\ntiming = true\n");
        assert!(w.is_empty(), "{w:?}");
        assert!(s.timing);
        assert_eq!(s.prompt.as_deref(), Some("\\d> "));
    }
}
