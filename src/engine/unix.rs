//! The Unix calls talkcli makes, in one place. talkcli runs on Unix-like systems (Linux, macOS):
//! file modes, FIFOs, signals and `getrusage` are what it needs from the system beyond std.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Whether process `pid` still runs (signal 0 checks without sending anything).
pub(crate) fn process_alive(pid: i32) -> bool {
    // SAFETY: signal 0 only checks that the process exists; it sends nothing.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Whether `fd` is a pipe or a socket.
pub(crate) fn is_pipe(fd: &impl AsRawFd) -> bool {
    // SAFETY: fstat fills a zeroed stat for a descriptor we hold; a failure leaves it unused.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::fstat(fd.as_raw_fd(), &mut st) } == 0;
    ok && matches!(st.st_mode & libc::S_IFMT, libc::S_IFIFO | libc::S_IFSOCK)
}

/// Opens `path` for reading without ever blocking on the open (a FIFO with no writer would) and
/// without making a terminal device the controlling one.
pub(crate) fn open_nonblocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY).open(path)
}

/// Makes reads from `file` wait as usual again.
pub(crate) fn set_blocking(file: &File) -> io::Result<()> {
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this File owns; flags only.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Why `dir` cannot take writes, when the system can say: a read-only mount, no permission, a
/// full disk.
pub(crate) fn dir_problem(dir: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: `c` is a valid NUL-terminated path; access() and statvfs() only read it.
    if unsafe { libc::access(c.as_ptr(), libc::W_OK) } != 0 {
        return match io::Error::last_os_error().raw_os_error() {
            Some(libc::EROFS) => Some("its directory is on a read-only file system"),
            Some(libc::EACCES | libc::EPERM) => Some("you may not write in its directory"),
            _ => None,
        };
    }
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: as above; `st` is a properly sized out-parameter.
    if unsafe { libc::statvfs(c.as_ptr(), &raw mut st) } == 0 && st.f_bavail == 0 {
        return Some("the disk is full");
    }
    None
}

/// User and system CPU seconds this process has used.
pub(crate) fn cpu_times() -> Option<(f64, f64)> {
    // SAFETY: getrusage fills the zeroed struct it is given and reads nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &raw mut usage) } != 0 {
        return None;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Some((secs(usage.ru_utime), secs(usage.ru_stime)))
}
