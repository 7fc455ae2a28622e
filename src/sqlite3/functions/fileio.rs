//! The sqlite3 shell's `readfile(PATH)` (the file's bytes as a blob, NULL when it cannot be read)
//! and `writefile(PATH, DATA [, MODE [, MTIME]])` (writes DATA, creating missing parent folders,
//! and returns the bytes written; a MODE of a folder or a symbolic link makes one). Safe mode
//! refuses both (see `safe_mode`).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Error};

/// `st_mode`'s file-type bits.
const S_IFMT: i64 = 0o170000;
const S_IFDIR: i64 = 0o040000;
const S_IFLNK: i64 = 0o120000;

pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    // Direct-only, as sqlite3 registers them: never from a view, trigger or schema default.
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY;
    conn.create_scalar_function("readfile", 1, flags, |ctx| {
        let Some(path) = path(ctx)? else { return Ok(None) };
        Ok(std::fs::read(path).ok())
    })?;
    for n_arg in 2..=4 {
        conn.create_scalar_function("writefile", n_arg, flags, write)?;
    }
    Ok(())
}

/// The PATH argument (its bytes as they are), or None for NULL.
fn path(ctx: &Context<'_>) -> rusqlite::Result<Option<std::path::PathBuf>> {
    use std::os::unix::ffi::OsStrExt;
    Ok(match ctx.get_raw(0) {
        ValueRef::Null => None,
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(Path::new(std::ffi::OsStr::from_bytes(t)).to_path_buf()),
        ValueRef::Integer(n) => Some(n.to_string().into()),
        ValueRef::Real(r) => Some(crate::engine::sql::number::format_real(r, 15).into()),
    })
}

fn failed(what: &str, path: &Path) -> Error {
    Error::UserFunctionError(format!("failed to {what}: {}", path.display()).into())
}

fn write(ctx: &Context<'_>) -> rusqlite::Result<Option<i64>> {
    let Some(path) = path(ctx)? else { return Ok(None) };
    let mode = if ctx.len() >= 3 { ctx.get::<Option<i64>>(2)?.unwrap_or(0) } else { 0 };
    let data: Vec<u8> = match ctx.get_raw(1) {
        ValueRef::Null => Vec::new(),
        ValueRef::Text(t) | ValueRef::Blob(t) => t.to_vec(),
        ValueRef::Integer(n) => n.to_string().into_bytes(),
        ValueRef::Real(r) => crate::engine::sql::number::format_real(r, 15).into_bytes(),
    };
    let with_parents = |f: &dyn Fn() -> std::io::Result<()>| {
        f().or_else(|e| match (e.kind(), path.parent()) {
            (std::io::ErrorKind::NotFound, Some(parent)) if !parent.as_os_str().is_empty() => {
                std::fs::create_dir_all(parent).and_then(|()| f())
            }
            _ => Err(e),
        })
    };
    let written = match mode & S_IFMT {
        S_IFLNK => {
            let target = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&data);
            with_parents(&|| std::os::unix::fs::symlink(target, &path)).map_err(|_| failed("create symlink", &path))?;
            None
        }
        S_IFDIR => {
            let made = with_parents(&|| match std::fs::create_dir(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
                other => other,
            });
            made.map_err(|_| failed("create directory", &path))?;
            let perms = std::fs::Permissions::from_mode((mode & 0o777) as u32);
            std::fs::set_permissions(&path, perms).map_err(|_| failed("create directory", &path))?;
            None
        }
        _ => {
            with_parents(&|| std::fs::write(&path, &data)).map_err(|_| failed("write file", &path))?;
            if mode != 0 {
                let perms = std::fs::Permissions::from_mode((mode & 0o777) as u32);
                std::fs::set_permissions(&path, perms).map_err(|_| failed("write file", &path))?;
            }
            Some(data.len() as i64)
        }
    };
    if ctx.len() == 4 {
        let secs = ctx.get::<i64>(3)?;
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(u64::try_from(secs).unwrap_or(0));
        let set = std::fs::File::options().write(true).open(&path).and_then(|f| f.set_modified(when));
        set.map_err(|_| failed("update modification time", &path))?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::functions::fileio::*;

    #[test]
    fn write_then_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = Connection::open_in_memory().expect("db");
        register(&conn).expect("register");
        let file = dir.path().join("sub/dir/f.bin");
        let file = file.to_str().expect("utf-8");
        let n: i64 = conn.query_row("select writefile(?1, x'00ff41')", [file], |r| r.get(0)).expect("write");
        assert_eq!(n, 3);
        let back: Vec<u8> = conn.query_row("select readfile(?1)", [file], |r| r.get(0)).expect("read");
        assert_eq!(back, b"\0\xffA");
        let missing: Option<Vec<u8>> =
            conn.query_row("select readfile('/nonexistent/x')", [], |r| r.get(0)).expect("q");
        assert_eq!(missing, None);
        let folder = dir.path().join("made");
        let folder = folder.to_str().expect("utf-8");
        conn.query_row("select writefile(?1, null, 16877)", [folder], |r| r.get::<_, Option<i64>>(0)).expect("mkdir");
        assert!(Path::new(folder).is_dir());
    }
}
