//! The test harness: a fresh HOME per test, the real binary, and a real pseudo-terminal.
//!
//! Every process a test starts goes through `neutral`: the environment is cleared (no `XDG_*`,
//! `TALKCLI_*`, `EDITOR`, `VISUAL`, `PAGER` of the developer's leaks in) and HOME is the test's own.

use std::io::Write;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_talkcli");

/// Clears `cmd`'s environment down to PATH, sets HOME to `home` and runs it there: nothing the
/// developer has set (XDG dirs, TALKCLI_*, EDITOR, VISUAL, PAGER, …) reaches the process.
pub fn neutral<'c>(cmd: &'c mut Command, home: &Path) -> &'c mut Command {
    cmd.env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .current_dir(home)
}

/// The path of an outside tool (`sqlite3`, `man`) a test compares against. Missing: None with a
/// note, so a developer without it can still run the suite — but when `CI` is set (`.ci/run`
/// sets it) a missing tool fails the test instead of letting it pass without checking anything.
#[track_caller]
pub fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "{name} is not installed, and CI is set: this test must run in CI");
        eprintln!("note: {name} is not installed; this check is skipped (it fails when CI is set)");
    }
    found
}

/// A throwaway user: its own HOME, so settings and history start from nothing.
pub struct Env {
    pub home: tempfile::TempDir,
}

/// The bundled database as the binary's own first run builds it, made once per build of the
/// binary: every `Env::new()` starts from a copy, as a user's second run would, instead of
/// spending most of the suite's time building the 21,715-talk catalogue again. Tests of the first
/// run itself use `Env::first_run()`. It lives in cargo's temporary folder for tests, named after
/// the binary it came from; copies from older binaries are removed.
fn built_catalogue() -> &'static Path {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("first-run-catalogue");
        let meta = std::fs::metadata(BIN).expect("the binary");
        let stamp = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        let key = format!("{}-{}", stamp.map_or(0, |d| d.as_nanos()), meta.len());
        let db = root.join(&key).join("talks.db");
        if db.is_file() {
            return db;
        }
        std::fs::create_dir_all(&root).expect("cargo's test folder");
        for old in std::fs::read_dir(&root).expect("list").flatten() {
            let _ = std::fs::remove_dir_all(old.path());
        }
        let home = tempfile::tempdir_in(&root).expect("template HOME");
        let out = neutral(&mut Command::new(BIN), home.path())
            .args(["-e", "select count(*) from talks"])
            .stdin(Stdio::null())
            .output()
            .expect("run talkcli");
        assert!(out.status.success(), "first run failed: {}", String::from_utf8_lossy(&out.stderr));
        let built = home.path().join(".local/share/talkcli/talks.db");
        assert!(built.is_file(), "the first run built no {}", built.display());
        let dir = tempfile::tempdir_in(&root).expect("catalogue dir");
        std::fs::rename(&built, dir.path().join("talks.db")).expect("keep the catalogue");
        // Build, then rename: a second test process building at once keeps its own.
        let kept = dir.keep();
        match std::fs::rename(&kept, root.join(&key)) {
            Ok(()) => db,
            Err(_) => kept.join("talks.db"),
        }
    })
}

impl Env {
    /// A user whose bundled database is already built (a copy of the first run's), with no
    /// settings file and no history yet.
    pub fn new() -> Self {
        let env = Env::first_run();
        let dir = env.data_dir();
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(&dir).expect("data dir");
        std::fs::copy(built_catalogue(), dir.join("talks.db")).expect("copy the built catalogue");
        env
    }

    /// A user who has never run talkcli: an empty HOME.
    pub fn first_run() -> Self {
        Env { home: tempfile::tempdir().expect("temp HOME") }
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.home().join(".local/share/talkcli")
    }

    /// A path inside the temp HOME for test files.
    pub fn path(&self, name: &str) -> PathBuf {
        self.home().join(name)
    }

    /// The binary with this HOME and a neutral environment.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(BIN);
        neutral(&mut c, self.home()).env("TERM", "dumb");
        c
    }

    /// Runs with `args`, feeding `stdin`.
    pub fn run(&self, args: &[&str], stdin: &str) -> Run {
        let mut child = self
            .cmd()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn talkcli");
        let mut input = child.stdin.take().expect("stdin");
        input.write_all(stdin.as_bytes()).expect("write stdin");
        drop(input);
        Run::from(child.wait_with_output().expect("wait talkcli"))
    }

    /// Runs with `args` and extra environment variables, no stdin.
    pub fn run_env(&self, vars: &[(&str, &str)], args: &[&str]) -> Run {
        let mut cmd = self.cmd();
        cmd.envs(vars.iter().copied()).args(args).stdin(Stdio::null());
        Run::from(cmd.output().expect("run talkcli"))
    }

    /// `talkcli -e SQL`.
    pub fn sql(&self, sql: &str) -> Run {
        self.run(&["-e", sql], "")
    }
}

/// What a run printed and how it exited.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            code: o.status.code(),
        }
    }
}

impl Run {
    /// Asserts exit 0 and an empty stderr, and returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, Some(0), "expected success\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        assert!(self.stderr.is_empty(), "unexpected stderr:\n{}", self.stderr);
        &self.stdout
    }

    /// Asserts a failure with status `code` and returns stderr.
    #[track_caller]
    pub fn fails(&self, code: i32) -> &str {
        assert_eq!(self.code, Some(code), "expected exit {code}\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        &self.stderr
    }
}

/// The value cells of every table's body rows (after the header rule, before the bottom rule),
/// trimmed, for all tables in `out` in order.
pub fn table_rows(out: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut rules = 0;
    for line in out.lines() {
        if line.starts_with("+-") {
            rules = (rules + 1) % 3;
        } else if line.starts_with("| ") && rules == 2 {
            rows.push(line.trim_matches('|').split(" | ").map(|c| c.trim().to_string()).collect());
        }
    }
    rows
}

/// A shell (`sh`, `bash`) with the neutral environment, for tests that need shell syntax around
/// talkcli (umask, pipes, `timeout`).
pub fn neutral_shell(env: &Env, shell: &str) -> Command {
    let mut cmd = Command::new(shell);
    neutral(&mut cmd, env.home()).env("TERM", "dumb");
    cmd
}

/// A talkcli REPL in a real pseudo-terminal.
pub struct Pty {
    pub session: rexpect::session::PtySession,
    /// What the terminal showed before the first prompt (the start-up line).
    pub start: String,
}

impl Pty {
    pub fn spawn(env: &Env, args: &[&str]) -> Pty {
        Pty::spawn_cmd(env, Command::new(BIN), args)
    }

    /// talkcli in a terminal with extra environment variables (e.g. `EDITOR`).
    pub fn spawn_env(env: &Env, vars: &[(&str, &std::ffi::OsStr)], args: &[&str]) -> Pty {
        let mut cmd = Command::new(BIN);
        cmd.envs(vars.iter().copied());
        Pty::spawn_cmd(env, cmd, args)
    }

    /// talkcli in a terminal of `cols`×`rows` (set with stty before it starts), with extra
    /// environment variables.
    pub fn spawn_sized(env: &Env, cols: u16, rows: u16, vars: &[(&str, &str)], args: &[&str]) -> Pty {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(format!("stty cols {cols} rows {rows} && exec \"$0\" \"$@\"")).arg(BIN);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        Pty::spawn_cmd(env, cmd, args)
    }

    fn spawn_cmd(env: &Env, mut cmd: Command, args: &[&str]) -> Pty {
        let vars: Vec<(std::ffi::OsString, std::ffi::OsString)> =
            cmd.get_envs().filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned()))).collect();
        neutral(&mut cmd, env.home())
            .env("TERM", "xterm-256color")
            .env("COLUMNS", "120")
            .env("LINES", "40")
            .envs(vars)
            .args(args);
        let session = rexpect::session::spawn_command(cmd, Some(10_000)).expect("spawn talkcli in a pty");
        let mut pty = Pty { session, start: String::new() };
        // The prompt names the database (`talks> `, `notes> `): wait for its end.
        pty.start = pty.expect("> ");
        pty
    }

    /// Waits for `text` to appear; fails the test after the timeout.
    #[track_caller]
    pub fn expect(&mut self, text: &str) -> String {
        match self.session.exp_string(text) {
            Ok(before) => before,
            Err(e) => panic!("did not see {text:?} in the terminal: {e}"),
        }
    }

    /// Waits until talkcli's line editor reads keys again: the terminal is in raw mode (no canonical
    /// input, no echo), which rustyline sets before it draws the prompt and clears while a line runs.
    /// Keys sent before that could be flushed with the mode change; this waits on the terminal's own
    /// state, never on the clock.
    #[track_caller]
    pub fn ready(&mut self) {
        use std::os::fd::AsRawFd;
        let file = self.session.process().get_file_handle().expect("the pty's master side");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            // SAFETY: tcgetattr fills the zeroed termios for a descriptor that `file` keeps open.
            let mut t: libc::termios = unsafe { std::mem::zeroed() };
            let got = unsafe { libc::tcgetattr(file.as_raw_fd(), &raw mut t) };
            assert_eq!(got, 0, "cannot read the terminal's mode");
            if t.c_lflag & (libc::ICANON | libc::ECHO) == 0 {
                return;
            }
            assert!(std::time::Instant::now() < deadline, "the prompt did not come back within 10 s");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    /// Waits for the line editor's next read to start (after Ctrl-C or Enter): rustyline turns
    /// bracketed paste on as it enters raw mode for a new line, and the prompt follows.
    #[track_caller]
    pub fn next_prompt(&mut self) {
        self.expect("\u{1b}[?2004h");
        self.expect("> ");
        self.ready();
    }

    /// Reads what the terminal shows for at most `wait`: true as soon as `text` appears, false
    /// when it has not by then (for a key that may need sending again, never to pass a test).
    pub fn expect_within(&mut self, text: &str, wait: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + wait;
        let mut seen = String::new();
        while std::time::Instant::now() < deadline {
            match self.session.try_read() {
                Some(c) => {
                    seen.push(c);
                    if seen.ends_with(text) {
                        return true;
                    }
                }
                None => std::thread::sleep(std::time::Duration::from_millis(2)),
            }
        }
        false
    }

    /// Sends Ctrl-C every `every` until `text` shows: for a statement whose start the terminal
    /// does not show (a Ctrl-C that lands before a statement starts is forgotten by design).
    #[track_caller]
    pub fn interrupt_until(&mut self, text: &str, every: std::time::Duration) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            self.ctrl('c');
            if self.expect_within(text, every) {
                return;
            }
            assert!(std::time::Instant::now() < deadline, "Ctrl-C never brought {text:?}");
        }
    }

    pub fn send(&mut self, text: &str) {
        self.session.send(text).expect("send to pty");
        self.session.flush().expect("flush pty");
    }

    pub fn line(&mut self, text: &str) {
        self.send(text);
        self.send("\r");
    }

    pub fn ctrl(&mut self, c: char) {
        self.session.send_control(c).expect("send control key");
    }

    /// Waits for the process to end and returns its exit status code.
    #[track_caller]
    pub fn wait_exit(&mut self) -> i32 {
        self.session.exp_eof().expect("talkcli did not exit");
        match self.session.process().wait() {
            Ok(rexpect::process::WaitStatus::Exited(_, code)) => code,
            other => panic!("unexpected exit: {other:?}"),
        }
    }
}

/// Every process a test starts goes through `neutral` (or `Env::cmd`/`Pty`, which use it), so no
/// test sees the developer's XDG dirs, TALKCLI_* settings, EDITOR, VISUAL or PAGER.
#[test]
fn every_process_a_test_starts_gets_a_neutral_environment() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration");
    let mut bare = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("list tests") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|n| n == "util.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read test file");
        for (i, line) in text.lines().enumerate() {
            // `kill -INT PID` reads no user files; `cargo package` needs the developer's cargo set-up.
            let exempt = ["Command::new(\"kill\")", "Command::new(cargo)"].iter().any(|e| line.contains(e));
            if line.contains("Command::new(") && !line.contains("neutral(") && !exempt {
                bare.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(bare.is_empty(), "processes started without util::neutral:\n{}", bare.join("\n"));

    // And neutral really clears what a developer's shell may carry.
    let home = tempfile::tempdir().expect("home");
    let mut cmd = Command::new("env");
    for var in ["XDG_CONFIG_HOME", "XDG_DATA_HOME", "TALKCLI_FORMAT", "EDITOR", "VISUAL", "PAGER"] {
        cmd.env(var, "/developer/own");
    }
    let out = neutral(&mut cmd, home.path()).output().expect("run env");
    let seen = String::from_utf8_lossy(&out.stdout);
    assert!(!seen.contains("/developer/own"), "{seen}");
    assert!(seen.lines().any(|l| l == format!("HOME={}", home.path().display())), "{seen}");
}
