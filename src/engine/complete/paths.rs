//! File-path candidates for `\i`, `.read`, `\o`: the entries of the directory typed so far.

use std::path::PathBuf;

/// Every entry of the directory part of `typed` (`~/` expanded for reading, kept as typed in the
/// result), with `/` after directories. Hidden files only when the name part starts with a dot.
pub fn candidates(typed: &str) -> Vec<String> {
    let (dir_part, name_part) = match typed.rfind('/') {
        Some(n) => typed.split_at(n + 1),
        None => ("", typed),
    };
    let dir: PathBuf = if dir_part.is_empty() {
        PathBuf::from(".")
    } else if let Some(rest) = dir_part.strip_prefix("~/") {
        std::env::var_os("HOME").map_or_else(|| PathBuf::from(dir_part), |h| PathBuf::from(h).join(rest))
    } else {
        PathBuf::from(dir_part)
    };
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if name.starts_with('.') && !name_part.starts_with('.') {
                return None;
            }
            let slash = if e.file_type().ok()?.is_dir() { "/" } else { "" };
            Some(format!("{dir_part}{name}{slash}"))
        })
        .collect();
    out.sort();
    out
}
