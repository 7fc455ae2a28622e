//! The pager: which program (the setting, `$PAGER`, else `less -FRXS`), starting it with what
//! was held, and printing instead, with one warning, when it is missing or fails.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::engine::error::Level;
use crate::engine::output::{Output, Paging};
use crate::engine::style::Palette;

/// The pager used when neither `\pager CMD` nor `$PAGER` names one: quit if one screen, keep
/// colours, no screen clearing, chop long lines.
pub const DEFAULT_PAGER: &str = "less -FRXS";

/// Set once a missing pager has been reported, so it is reported once a session.
static PAGER_WARNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

impl Output {
    /// Starts the pager and hands it what was held; on failure, warns once and prints instead.
    pub(super) fn start_pager(&mut self, command: &str, held: Vec<u8>) -> io::Result<()> {
        self.flush()?;
        // `sh -c` would start even when the pager does not exist, so look for it first.
        let program = command.split_whitespace().next().unwrap_or("");
        if !program_exists(program) {
            if !PAGER_WARNED.swap(true, std::sync::atomic::Ordering::Relaxed) {
                let program = crate::engine::render::escape_controls(program);
                crate::engine::error::say(
                    &Palette::new(false),
                    Level::Warning,
                    None,
                    &format!("cannot start pager '{program}': not found; printing instead"),
                );
            }
            return self.target_write(&held);
        }
        let mut pager = Command::new("sh");
        pager.arg("-c").arg(command).stdin(Stdio::piped());
        // talkcli always writes UTF-8; without a UTF-8 locale (a bare `env -i`, cron, some ssh
        // sessions) less would show `…` as `<E2><80><A6>` and cut the widened lines.
        if std::env::var_os("LESSCHARSET").is_none() {
            pager.env("LESSCHARSET", "utf-8");
        }
        if let Some(less) = less_env(program, std::env::var("LESS").ok().as_deref()) {
            pager.env("LESS", less);
        }
        let spawned = pager.spawn();
        match spawned {
            Ok(mut child) => match child.stdin.take() {
                Some(stdin) => {
                    self.paging = Paging::Piping {
                        child,
                        stdin: BufWriter::with_capacity(64 * 1024, stdin),
                        copy: Some(Vec::new()),
                        plain: (!is_less(program) && !self.colour_in_any_pager).then(Default::default),
                    };
                    self.write_all(&held)
                }
                None => {
                    let _ = child.kill();
                    let _ = child.wait();
                    self.target_write(&held)
                }
            },
            Err(e) => {
                let command = crate::engine::render::escape_controls(command);
                crate::engine::error::say(
                    &Palette::new(false),
                    Level::Warning,
                    None,
                    &format!("cannot start pager '{command}': {e}; printing instead"),
                );
                self.target_write(&held)
            }
        }
    }

    /// Waits for a pager that stopped reading. When it failed (non-zero exit: `\pager false`, a
    /// bad option), warns once and prints what it was given; returns true then, and output goes on
    /// to the screen. A pager that exits cleanly was quit by the user: false.
    pub(super) fn check_pager(&mut self, child: &mut Child, copy: Option<Vec<u8>>) -> io::Result<bool> {
        let status = match child.wait() {
            Ok(status) if status.success() => return Ok(false),
            Ok(status) => status.to_string(),
            Err(e) => e.to_string(),
        };
        if !PAGER_WARNED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            crate::engine::error::say(
                &Palette::new(false),
                Level::Warning,
                None,
                &format!("the pager failed ({status}); printing instead"),
            );
        }
        if let Some(copy) = copy {
            self.target_write(&copy)?;
        }
        Ok(true)
    }
}

/// `LESS` for a `less` pager whose `LESS` lacks `R`: the user's options plus `-R`, so colours show
/// as colours rather than raw escape codes (as pgcli and git do). `None` leaves `LESS` alone.
fn less_env(program: &str, current: Option<&str>) -> Option<String> {
    if !is_less(program) {
        return None;
    }
    match current.map(str::trim).filter(|c| !c.is_empty()) {
        None => Some("-R".to_string()),
        Some(c) if c.contains(['R', 'r']) => None,
        Some(c) => Some(format!("{c} -R")),
    }
}

/// Whether the pager is less, which shows colour (with `R`, which talkcli makes sure of).
pub(super) fn is_less(program: &str) -> bool {
    Path::new(program).file_name().is_some_and(|n| n == "less")
}

/// True when `program` is a path to a file, or a name found on `$PATH`.
fn program_exists(program: &str) -> bool {
    if program.is_empty() {
        return false;
    }
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// The pager command: the setting, else `$PAGER`, else `less -FRXS`.
pub fn pager_command(setting: Option<&str>) -> String {
    if let Some(cmd) = setting.filter(|c| !c.trim().is_empty()) {
        return cmd.to_string();
    }
    match std::env::var("PAGER") {
        Ok(p) if !p.trim().is_empty() => p,
        _ => DEFAULT_PAGER.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::output::pager::less_env;

    #[test]
    fn less_gets_r_unless_less_has_it() {
        assert_eq!(less_env("less", None).as_deref(), Some("-R"));
        assert_eq!(less_env("/usr/bin/less", Some("")).as_deref(), Some("-R"));
        assert_eq!(less_env("less", Some("-S")).as_deref(), Some("-S -R"));
        assert_eq!(less_env("less", Some("FRX")), None);
        assert_eq!(less_env("less", Some("-r")), None);
        assert_eq!(less_env("more", None), None);
        assert_eq!(less_env("lesser", None), None);
    }
}
