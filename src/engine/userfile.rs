//! Files that hold the user's data or steer talkcli: read only when they are regular files of a
//! sane size, written whole or not at all, readable by the user only, and changed by one process
//! at a time.
//!
//! Why each rule: a FIFO or a device (`/dev/zero`) named as a config, script or import file would
//! hang talkcli or grow it without end; a write cut short by a crash or a full disk must leave the
//! previous file, never half of one; two talkcli processes saving at once must not lose either
//! save; and history, named queries and the database are private.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

use anyhow::{Context, Result};

/// Size limits, with the words error messages use.
pub(crate) const CONFIG_CAP: u64 = 1 << 20;
pub(crate) const JSON_CAP: u64 = 64 << 20;
pub(crate) const CSV_CAP: u64 = 1 << 30;
pub(crate) const HISTORY_CAP: u64 = 64 << 20;
pub(crate) const NAMED_CAP: u64 = 16 << 20;
/// What `\e` reads back from the editor's file: far more than anyone types.
pub(crate) const EDIT_CAP: u64 = 16 << 20;

/// Mode of every file talkcli creates for the user's data.
pub(crate) const PRIVATE: u32 = 0o600;

fn size_words(bytes: u64) -> String {
    if bytes >= 1 << 30 { format!("{} GiB", bytes >> 30) } else { format!("{} MiB", bytes >> 20) }
}

/// Opens `path` for reading when it is a regular file (after following symlinks) or `/dev/null`
/// (which reads as empty: `--init /dev/null` is how to skip the rc file). The open never blocks,
/// so a FIFO is refused instead of waiting for a writer. The error is the problem alone
/// (`it is a device, not a regular file`), for callers to put the file's name before.
pub(crate) fn open_checked(path: &Path) -> Result<File, Problem> {
    let file = crate::engine::unix::open_nonblocking(path).map_err(Problem::Io)?;
    let kind = file.metadata().map_err(Problem::Io)?.file_type();
    if kind.is_file() || is_dev_null(path) {
        // Reads from here on may wait as usual (a file on a slow disk is not a FIFO).
        let _ = crate::engine::unix::set_blocking(&file);
        return Ok(file);
    }
    use std::os::unix::fs::FileTypeExt;
    Err(Problem::NotRegular(if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "something else"
    }))
}

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum Problem {
    Io(io::Error),
    NotRegular(&'static str),
    TooLarge { len: Option<u64>, cap: u64 },
}

impl Problem {
    pub(crate) fn is_not_found(&self) -> bool {
        matches!(self, Problem::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Io(e) => write!(f, "{e}"),
            Problem::NotRegular(is) => write!(f, "it is {is}, not a regular file"),
            Problem::TooLarge { len: Some(len), cap } => {
                write!(f, "it is too large ({len} bytes; the limit is {})", size_words(*cap))
            }
            Problem::TooLarge { len: None, cap } => write!(f, "it is too large (the limit is {})", size_words(*cap)),
        }
    }
}

impl std::error::Error for Problem {}

/// The whole of a regular file of at most `cap` bytes.
pub(crate) fn read_checked(path: &Path, cap: u64) -> Result<Vec<u8>, Problem> {
    let file = open_checked(path)?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > cap {
        return Err(Problem::TooLarge { len: Some(len), cap });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // The file may grow while it is read: stop at the cap all the same.
    file.take(cap + 1).read_to_end(&mut bytes).map_err(Problem::Io)?;
    if bytes.len() as u64 > cap {
        return Err(Problem::TooLarge { len: None, cap });
    }
    Ok(bytes)
}

/// `open_checked` with the file named: `cannot open x.sql: it is a pipe (FIFO), not a regular file`
/// (`what`, when not empty, says what the file is for: `cannot open init file x: …`).
pub(crate) fn open_regular(path: &Path, what: &str) -> Result<File> {
    let what = if what.is_empty() { String::new() } else { format!("{what} ") };
    open_checked(path).map_err(|p| anyhow::anyhow!("cannot open {what}{}: {p}", path.display()))
}

/// `read_checked` with the file named.
pub(crate) fn read_regular(path: &Path, what: &str, cap: u64) -> Result<Vec<u8>> {
    read_checked(path, cap).map_err(|p| anyhow::anyhow!("cannot read {what} {}: {p}", path.display()))
}

fn is_dev_null(path: &Path) -> bool {
    path.canonicalize().is_ok_and(|p| p == Path::new("/dev/null"))
}

/// Creates `dir` (and its parents) when missing; a directory talkcli creates is the user's only.
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

/// Creates `path` empty, user-only, failing if it exists.
pub(crate) fn create_private(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).mode(PRIVATE).open(path)
}

/// Replaces `path` with `bytes` atomically: written to a user-only temporary file beside it,
/// flushed to disk, then renamed over it. A crash or a full disk leaves the old file whole. A
/// symlink at `path` (a dotfiles repository's link) stays: the file it points to is replaced.
/// Temporary files a killed talkcli left beside it are removed.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = follow_links(path);
    if target != path
        && let (Some(dir), Some(name)) = (path.parent(), path.file_name())
    {
        // Beside the link too: saves made before it was a link left them there.
        remove_stale_temporaries(dir, &format!(".{}.tmp-", name.to_string_lossy()));
    }
    let path = &target;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_private_dir(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.tmp-");
    remove_stale_temporaries(dir, &prefix);
    let tmp = dir.join(format!("{prefix}{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let written = (|| -> io::Result<()> {
        let mut f = create_private(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself reaches the disk with the directory.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot save {}", path.display()));
    }
    Ok(())
}

/// The file a chain of symlinks at `path` ends at (`path` itself when it is none); a dangling
/// link gives the missing file it names, to be created there.
pub(crate) fn follow_links(path: &Path) -> std::path::PathBuf {
    let mut at = path.to_path_buf();
    // As the kernel's own limit on links followed: a loop ends instead of spinning.
    for _ in 0..40 {
        match std::fs::read_link(&at) {
            Ok(target) => {
                let base = at.parent().map(Path::to_path_buf).unwrap_or_default();
                at = if target.is_absolute() { target } else { base.join(target) };
            }
            Err(_) => break,
        }
    }
    at
}

/// Removes `PREFIX<pid>` files in `dir` whose process is gone (a crash or kill -9 mid-save).
fn remove_stale_temporaries(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(pid) = file.to_str().and_then(|f| f.strip_prefix(prefix)).and_then(|p| p.parse::<i32>().ok()) else {
            continue;
        };
        let gone = pid > 0 && !crate::engine::unix::process_alive(pid);
        if gone {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// An exclusive lock on the directory that holds `path`, held until dropped: read-modify-write of
/// a shared file under it never loses another process's change. Locking the directory (flock on
/// its descriptor) leaves no lock file behind.
pub(crate) struct Lock {
    _dir: File,
}

pub(crate) fn lock(path: &Path) -> Result<Lock> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_private_dir(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let handle = File::open(dir).with_context(|| format!("cannot open {}", dir.display()))?;
    handle.lock().with_context(|| format!("cannot lock {}", dir.display()))?;
    Ok(Lock { _dir: handle })
}

#[cfg(test)]
/// True when `path` exists with permissions for its owner only.
pub fn is_private(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 == 0)
}

#[cfg(test)]
mod tests {
    use crate::engine::userfile::*;

    #[test]
    fn only_regular_files_and_dev_null_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = format!("{:#}", read_regular(Path::new("/dev/zero"), "config file", CONFIG_CAP).expect_err("device"));
        assert_eq!(err, "cannot read config file /dev/zero: it is a device, not a regular file");
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().expect("utf8")).expect("cstring");
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = format!("{:#}", read_regular(&fifo, "script", CONFIG_CAP).expect_err("fifo"));
        assert!(err.ends_with("it is a pipe (FIFO), not a regular file"), "{err}");
        let err = format!("{:#}", read_regular(dir.path(), "script", CONFIG_CAP).expect_err("dir"));
        assert!(err.contains("directory"), "{err}");
        assert!(read_regular(Path::new("/dev/null"), "rc file", CONFIG_CAP).expect("null").is_empty());
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'x'; 2 << 20]).expect("write");
        let err = format!("{:#}", read_regular(&big, "config file", CONFIG_CAP).expect_err("too big"));
        assert!(err.ends_with("it is too large (2097152 bytes; the limit is 1 MiB)"), "{err}");
    }

    #[test]
    fn atomic_writes_are_private_and_replace_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("sub/store.json");
        write_atomic(&p, b"one").expect("write");
        write_atomic(&p, b"two").expect("write");
        assert_eq!(std::fs::read(&p).expect("read"), b"two");
        assert!(is_private(&p));
        let left: Vec<_> = std::fs::read_dir(p.parent().expect("dir")).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
