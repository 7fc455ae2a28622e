//! The sqlite3 shell's `fsdir(PATH [, DIR])` table (a file or a folder and everything under it,
//! depth first, in the order the folder lists them: `name`, `mode`, `mtime`, `data` — a file's
//! bytes, a link's target) and `lsmode(MODE)` (`drwxr-xr-x`). Safe mode refuses fsdir.

use std::borrow::Cow;
use std::ffi::{CStr, c_int};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use rusqlite::functions::FunctionFlags;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::vtab::{Context, Filters, IndexConstraintOp, IndexInfo, Module, VTab, VTabConnection, VTabCursor};
use rusqlite::{Connection, Error, ffi};

const S_IFMT: u32 = 0o170000;
const S_IFDIR: u32 = 0o040000;
const S_IFLNK: u32 = 0o120000;
const S_IFREG: u32 = 0o100000;

/// The hidden columns that take fsdir's arguments.
const COLUMN_PATH: c_int = 4;
const COLUMN_DIR: c_int = 5;

pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    const MODULE: Module<FsDirTab> = Module::eponymous_only_module();
    conn.create_module(c"fsdir", &MODULE, None)?;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("lsmode", 1, flags, |ctx| Ok(ls_mode(ctx.get::<Option<i64>>(0)?.unwrap_or(0) as u32)))
}

/// `ls -l`'s first column for a `st_mode`.
fn ls_mode(mode: u32) -> String {
    let kind = match mode & S_IFMT {
        S_IFLNK => 'l',
        S_IFREG => '-',
        S_IFDIR => 'd',
        _ => '?',
    };
    let mut s = String::from(kind);
    for shift in [6, 3, 0] {
        let m = mode >> shift;
        s.push(if m & 4 != 0 { 'r' } else { '-' });
        s.push(if m & 2 != 0 { 'w' } else { '-' });
        s.push(if m & 1 != 0 { 'x' } else { '-' });
    }
    s
}

fn fail(msg: String) -> Error {
    Error::ModuleError(msg)
}

#[repr(C)]
struct FsDirTab {
    base: ffi::sqlite3_vtab,
}

unsafe impl<'vtab> VTab<'vtab> for FsDirTab {
    type Aux = ();
    type Cursor = FsDirCursor;

    fn connect(
        _: &mut VTabConnection,
        _: Option<&()>,
        _: &[u8],
        _: &[u8],
        _: &[u8],
        _: &[&[u8]],
    ) -> rusqlite::Result<(Cow<'static, CStr>, Self)> {
        let schema = c"CREATE TABLE x(name,mode,mtime,data,path HIDDEN,dir HIDDEN)";
        Ok((Cow::Borrowed(schema), FsDirTab { base: ffi::sqlite3_vtab::default() }))
    }

    /// idx_num 0: no PATH (an error when run), 1: PATH, 2: PATH and DIR.
    fn best_index(&self, info: &mut IndexInfo) -> rusqlite::Result<bool> {
        let (mut path, mut dir) = (None, None);
        for (i, c) in info.constraints().enumerate() {
            if !c.is_usable() || c.operator() != IndexConstraintOp::SQLITE_INDEX_CONSTRAINT_EQ {
                continue;
            }
            match c.column() {
                COLUMN_PATH => path = Some(i),
                COLUMN_DIR => dir = Some(i),
                _ => {}
            }
        }
        let Some(path) = path else {
            info.set_idx_num(0);
            info.set_estimated_cost(1e9);
            return Ok(true);
        };
        let mut usage = info.constraint_usage(path);
        usage.set_argv_index(1);
        usage.set_omit(true);
        if let Some(dir) = dir {
            let mut usage = info.constraint_usage(dir);
            usage.set_argv_index(2);
            usage.set_omit(true);
            info.set_idx_num(2);
        } else {
            info.set_idx_num(1);
        }
        info.set_estimated_cost(10.0);
        Ok(true)
    }

    fn open(&'vtab mut self) -> rusqlite::Result<FsDirCursor> {
        Ok(FsDirCursor::default())
    }
}

/// One entry: its path and its metadata (of the link itself, not what it points to).
struct Entry {
    path: PathBuf,
    meta: std::fs::Metadata,
}

#[derive(Default)]
#[repr(C)]
struct FsDirCursor {
    base: ffi::sqlite3_vtab_cursor,
    /// Bytes of the path before the name (DIR and its slash).
    base_len: usize,
    current: Option<Entry>,
    /// The folders being listed, innermost last.
    open: Vec<std::fs::ReadDir>,
    rowid: i64,
}

impl FsDirCursor {
    fn entry(path: PathBuf) -> rusqlite::Result<Entry> {
        let meta =
            std::fs::symlink_metadata(&path).map_err(|_| fail(format!("cannot stat file: {}", path.display())))?;
        Ok(Entry { path, meta })
    }
}

unsafe impl VTabCursor for FsDirCursor {
    fn filter(&mut self, idx_num: c_int, _: Option<&str>, args: &Filters<'_>) -> rusqlite::Result<()> {
        self.open.clear();
        self.rowid = 1;
        if idx_num == 0 {
            return Err(fail("table function fsdir requires an argument".to_string()));
        }
        let Some(path) = args.get::<Option<String>>(0)? else {
            return Err(fail("table function fsdir requires a non-NULL argument".to_string()));
        };
        let (full, base_len) = match args.len() > 1 {
            true => match args.get::<Option<String>>(1)? {
                Some(dir) => (format!("{dir}/{path}"), dir.len() + 1),
                None => (path, 0),
            },
            false => (path, 0),
        };
        self.base_len = base_len;
        self.current = Some(Self::entry(PathBuf::from(full))?);
        Ok(())
    }

    fn next(&mut self) -> rusqlite::Result<()> {
        if let Some(e) = self.current.take()
            && e.meta.is_dir()
        {
            let list =
                std::fs::read_dir(&e.path).map_err(|_| fail(format!("cannot read directory: {}", e.path.display())))?;
            self.open.push(list);
        }
        self.rowid += 1;
        while let Some(list) = self.open.last_mut() {
            match list.next() {
                Some(Ok(d)) => {
                    self.current = Some(Self::entry(d.path())?);
                    return Ok(());
                }
                Some(Err(e)) => return Err(fail(format!("cannot read directory: {e}"))),
                None => {
                    self.open.pop();
                }
            }
        }
        Ok(())
    }

    fn eof(&self) -> bool {
        self.current.is_none()
    }

    fn column(&self, ctx: &mut Context, i: c_int) -> rusqlite::Result<()> {
        let Some(e) = &self.current else { return ctx.set_result(rusqlite::types::Null) };
        match i {
            0 => {
                let bytes = e.path.as_os_str().as_bytes();
                // The name's bytes as they are (a file name need not be UTF-8).
                ctx.set_result(ToSqlOutput::Borrowed(ValueRef::Text(bytes.get(self.base_len..).unwrap_or(bytes))))
            }
            1 => ctx.set_result(i64::from(e.meta.mode())),
            2 => ctx.set_result(e.meta.mtime()),
            3 if e.meta.is_dir() => ctx.set_result(rusqlite::types::Null),
            3 if e.meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&e.path).unwrap_or_default();
                ctx.set_result(ToSqlOutput::Borrowed(ValueRef::Text(target.as_os_str().as_bytes())))
            }
            3 => ctx.set_result(std::fs::read(&e.path).ok()),
            _ => ctx.set_result(rusqlite::types::Null),
        }
    }

    fn rowid(&self) -> rusqlite::Result<i64> {
        Ok(self.rowid)
    }
}
