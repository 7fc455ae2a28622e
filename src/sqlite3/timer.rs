//! What the sqlite3 shell prints about each input it ran: `.timer on`'s `Run Time:` line and
//! `.changes on`'s counts. The session prints them after each input; the dot commands only turn
//! them on, so this sits below both.

/// What `.timer` measures from: the wall clock and the process's CPU times.
pub(crate) struct TimerStart {
    wall: std::time::Instant,
    cpu: Option<(f64, f64)>,
}

/// User and system CPU seconds this process has used.
fn cpu_times() -> Option<(f64, f64)> {
    // SAFETY: getrusage fills the zeroed struct it is given and reads nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &raw mut usage) } != 0 {
        return None;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Some((secs(usage.ru_utime), secs(usage.ru_stime)))
}

pub(crate) fn start() -> TimerStart {
    TimerStart { wall: std::time::Instant::now(), cpu: cpu_times() }
}

/// sqlite3's `Run Time: real 0.001 user 0.000512 sys 0.000000` since `start`.
pub(crate) fn line(start: &TimerStart) -> String {
    let real = start.wall.elapsed().as_secs_f64();
    let (user, sys) = match (start.cpu, cpu_times()) {
        (Some((u0, s0)), Some((u1, s1))) => (u1 - u0, s1 - s0),
        _ => (0.0, 0.0),
    };
    format!("Run Time: real {real:.3} user {user:.6} sys {sys:.6}")
}

/// The line `.changes on` prints after an input that ran without error.
pub(crate) fn changes(conn: &rusqlite::Connection) -> String {
    // SAFETY: the handle is the live connection's; both calls only read counters.
    let (n, total) = unsafe {
        (rusqlite::ffi::sqlite3_changes64(conn.handle()), rusqlite::ffi::sqlite3_total_changes64(conn.handle()))
    };
    format!("changes: {n}   total_changes: {total}")
}
