//! What the shell reports after each input it ran, in the sqlite3 shell's words: `.timer on`'s
//! `Run Time:` line and `.changes on`'s counts, as status lines. The session prints them; the
//! sqlite3 pack's dot commands only turn them on.

/// What `.timer` measures from: the wall clock and the process's CPU times.
pub(crate) struct TimerStart {
    wall: std::time::Instant,
    cpu: Option<(f64, f64)>,
}

pub(crate) fn start() -> TimerStart {
    TimerStart { wall: std::time::Instant::now(), cpu: crate::engine::unix::cpu_times() }
}

/// sqlite3's `Run Time: real 0.001 user 0.000512 sys 0.000000` since `start`.
pub(crate) fn line(start: &TimerStart) -> String {
    let real = start.wall.elapsed().as_secs_f64();
    let (user, sys) = match (start.cpu, crate::engine::unix::cpu_times()) {
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
