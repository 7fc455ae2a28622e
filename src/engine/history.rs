//! The history file, in rustyline's format (`#V2`, then one entry a line with `\n` and `\\`
//! escaped), read and written here rather than by rustyline so that one bad line costs only that
//! line: rustyline stops loading at the first byte that is not UTF-8 and then saves nothing more.
//!
//! Every save takes an exclusive lock, reads the file as it is now (so lines another talkcli
//! session added meanwhile stay), adds the entry, keeps the newest `max` entries and replaces the
//! file atomically, user-only. Lines that cannot be read are carried over byte for byte: history is
//! never thrown away because of them.

use std::path::Path;

use anyhow::Result;

use crate::engine::userfile;

const V2: &[u8] = b"#V2";

/// What loading found: the entries, oldest first, and how many lines could not be read.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub entries: Vec<String>,
    pub skipped: usize,
}

/// Reads the history at `path`; a missing file is empty history.
pub fn load(path: &Path) -> Result<Loaded> {
    let bytes = match userfile::read_checked(path, userfile::HISTORY_CAP) {
        Ok(b) => b,
        Err(p) if p.is_not_found() => return Ok(Loaded::default()),
        Err(p) => anyhow::bail!("cannot read history {}: {p}", path.display()),
    };
    let (v2, lines) = split(&bytes);
    let mut loaded = Loaded::default();
    for line in lines {
        if line.is_empty() {
            continue;
        }
        let entry = std::str::from_utf8(line).ok().and_then(|s| if v2 { unescape(s) } else { Some(s.to_string()) });
        match entry {
            Some(e) => loaded.entries.push(e),
            None => loaded.skipped += 1,
        }
    }
    Ok(loaded)
}

/// Whether the file is in the escaped format, and its lines after the header.
fn split(bytes: &[u8]) -> (bool, Vec<&[u8]>) {
    let mut lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    match lines.first() {
        Some(first) if *first == V2 => (true, lines.split_off(1)),
        _ => (false, lines),
    }
}

fn escape(entry: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(entry.len());
    for b in entry {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(*b),
        }
    }
    out
}

fn unescape(line: &str) -> Option<String> {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                'n' => out.push('\n'),
                '\\' => out.push('\\'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

static FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// True the first time it is asked in this process: a failed save is said once a session.
pub(crate) fn first_failure() -> bool {
    !FAILED.swap(true, std::sync::atomic::Ordering::Relaxed)
}

/// Adds `entry` to the history file, keeping its newest `max` entries (see the module comment).
pub fn append(path: &Path, entry: &str, max: usize) -> Result<()> {
    let _lock = userfile::lock(path)?;
    let bytes = match userfile::read_checked(path, userfile::HISTORY_CAP) {
        Ok(b) => b,
        Err(p) if p.is_not_found() => Vec::new(),
        // A file that cannot be read is not overwritten: saving it would lose it.
        Err(p) => anyhow::bail!("cannot read history {}: {p}", path.display()),
    };
    let (v2, old) = split(&bytes);
    let mut lines: Vec<Vec<u8>> =
        old.into_iter().filter(|l| !l.is_empty()).map(|l| if v2 { l.to_vec() } else { escape(l) }).collect();
    lines.push(escape(entry.as_bytes()));
    let keep = lines.len().saturating_sub(max.max(1));
    let mut out = Vec::with_capacity(bytes.len() + entry.len() + 8);
    out.extend_from_slice(V2);
    out.push(b'\n');
    for line in &lines[keep..] {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    userfile::write_atomic(path, &out)
}

#[cfg(test)]
mod tests {
    use crate::engine::history::*;

    #[test]
    fn an_unreadable_line_is_skipped_and_kept_in_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("history");
        std::fs::write(&p, b"#V2\nselect 1;\nbad \xff byte\nselect\\n2;\n").expect("write");
        let loaded = load(&p).expect("load");
        assert_eq!(loaded, Loaded { entries: vec!["select 1;".into(), "select\n2;".into()], skipped: 1 });
        append(&p, "select 'a\\b';", 10).expect("append");
        assert_eq!(std::fs::read(&p).expect("read"), b"#V2\nselect 1;\nbad \xff byte\nselect\\n2;\nselect 'a\\\\b';\n");
        assert!(userfile::is_private(&p));
        append(&p, "x", 2).expect("append");
        assert_eq!(load(&p).expect("load").entries, ["select 'a\\b';", "x"]);
    }

    #[test]
    fn a_legacy_file_is_read_and_converted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("history");
        std::fs::write(&p, b"select 1;\nselect '\\';\n").expect("write");
        assert_eq!(load(&p).expect("load").entries, ["select 1;", "select '\\';"]);
        append(&p, "y", 10).expect("append");
        assert_eq!(load(&p).expect("load").entries, ["select 1;", "select '\\';", "y"]);
    }
}
