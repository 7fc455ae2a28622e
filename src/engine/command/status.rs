//! What `\s` and `\conninfo` report: every setting in force, where talkcli keeps its files, and the
//! database that is open. Plain (name, value) pairs; the commands lay them out.

use crate::engine::session::Session;

fn on_off(b: bool) -> String {
    if b { "on" } else { "off" }.to_string()
}

fn path_or_none(p: Option<std::path::PathBuf>) -> String {
    p.map_or_else(|| "(none: HOME is not set)".to_string(), |p| p.display().to_string())
}

/// The open database: file, access, transaction, SQLite and data versions.
pub(crate) fn database_lines(s: &Session) -> Vec<(&'static str, String)> {
    let read_only = s.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
    let version: i64 = s.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap_or(0);
    let name = if s.bundled { format!("{} (the bundled talk database)", s.db_label) } else { s.db_label.clone() };
    vec![
        ("database", name),
        ("access", if read_only { "read-only" } else { "read/write" }.to_string()),
        ("transaction", if s.conn.is_autocommit() { "none" } else { "open (COMMIT or ROLLBACK)" }.to_string()),
        ("sqlite", rusqlite::version().to_string()),
        ("data version", version.to_string()),
    ]
}

/// Where talkcli's own files are.
pub(crate) fn path_lines() -> Vec<(&'static str, String)> {
    let data = crate::engine::paths::data_dir().ok();
    let rc = crate::engine::config::config_dir().map(|d| d.join("talkclirc"));
    vec![
        ("config file", path_or_none(crate::engine::config::config_path())),
        ("startup file", path_or_none(rc)),
        ("data directory", path_or_none(data.clone())),
        ("history file", path_or_none(data.map(|d| d.join("history")))),
    ]
}

/// Every setting in force now: each key of config.toml under its own name (as `\pset` shows it),
/// then what only the command line or commands set.
pub(crate) fn setting_lines(s: &Session) -> Vec<(&'static str, String)> {
    let st = &s.settings;
    let mut lines: Vec<(&'static str, String)> =
        crate::engine::config::KEYS.iter().map(|k| (k.name, (k.show)(st))).collect();
    let separator = |sep: &Option<String>, default: &str| sep.clone().unwrap_or_else(|| default.to_string());
    lines.extend([
        ("colour", on_off(st.color)),
        ("headers", on_off(st.headers)),
        ("separator", format!("{:?} {:?}", separator(&st.col_separator, "|"), separator(&st.row_separator, "\n"))),
        ("on error", if st.bail { "stop" } else { "continue" }.to_string()),
        ("echo", on_off(st.echo)),
        ("asks", if st.assume_yes { "never (-y)" } else { "at the prompt" }.to_string()),
        ("read-only", on_off(st.read_only)),
        ("interactive", on_off(st.interactive)),
        ("variables", s.vars.len().to_string()),
    ]);
    lines
}
