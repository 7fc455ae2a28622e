//! What `\s` and `\conninfo` report: every setting in force, where talkcli keeps its files, and the
//! database that is open. Plain (name, value) pairs; the commands lay them out.

use crate::session::Session;
use crate::settings::Expanded;

fn on_off(b: bool) -> String {
    if b { "on" } else { "off" }.to_string()
}

/// A setting's value as the config file spells it (`ascii`, `truncate`, `dark`).
fn spelled(value: impl std::fmt::Debug) -> String {
    format!("{value:?}").to_ascii_lowercase()
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
    let data = crate::db::data_dir().ok();
    let rc = crate::config::config_dir().map(|d| d.join("talkclirc"));
    vec![
        ("config file", path_or_none(crate::config::config_path())),
        ("startup file", path_or_none(rc)),
        ("data directory", path_or_none(data.clone())),
        ("history file", path_or_none(data.map(|d| d.join("history")))),
    ]
}

/// Every setting in force now, with the config file's names where it has one.
pub(crate) fn setting_lines(s: &Session) -> Vec<(&'static str, String)> {
    let st = &s.settings;
    let expanded = match st.expanded {
        Expanded::Off => "off",
        Expanded::On => "on",
        Expanded::Auto => "auto",
    };
    let pager = match (&st.pager, &st.pager_command) {
        (false, _) => "off".to_string(),
        (true, cmd) => format!("on: {}", crate::output::pager_command(cmd.as_deref())),
    };
    let separator = |sep: &Option<String>, default: &str| sep.clone().unwrap_or_else(|| default.to_string());
    vec![
        ("format", st.format.name().to_string()),
        ("expanded", expanded.to_string()),
        ("table_style", spelled(st.table_style)),
        ("overflow", spelled(st.overflow)),
        ("null_marker", st.null_marker.clone()),
        ("row_limit", st.row_limit.to_string()),
        ("timing", on_off(st.timing)),
        ("pager", pager),
        ("colour", on_off(st.color)),
        ("theme", spelled(st.theme)),
        ("headers", on_off(st.headers)),
        ("separator", format!("{:?} {:?}", separator(&st.col_separator, "|"), separator(&st.row_separator, "\n"))),
        ("edit_mode", st.edit_mode.name().to_string()),
        ("keyword_case", spelled(st.keyword_case)),
        ("history_size", st.history_size.to_string()),
        ("destructive_warning", on_off(st.destructive_warning && !st.assume_yes)),
        ("prompt", st.prompt.clone().unwrap_or_else(|| crate::prompt::DEFAULT.to_string())),
        ("on error", if st.bail { "stop" } else { "continue" }.to_string()),
        ("echo", on_off(st.echo)),
        ("read-only", on_off(st.read_only)),
        ("interactive", on_off(st.interactive)),
        ("variables", s.vars.len().to_string()),
    ]
}
