//! Switching the session to another database without restarting: sqlite3's `.open` and psql's
//! `\c`. The new connection is opened (and checked) first, so a file that cannot be opened leaves
//! the session on the database it had; an open transaction is settled before the switch.

use anyhow::{Context, Result, bail};
use rusqlite::Connection;

use crate::engine::command::{Arg, Command, Effect, Handler, Invocation, Offer};
use crate::engine::paths::expand_home;
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[
    Command {
        name: ".open",
        aliases: &[],
        args: &[
            Arg::Optional(&[Arg::Flag("--readonly")]),
            Arg::Optional(&[Arg::Flag("--new")]),
            Arg::Optional(&[Arg::Value("FILE", Offer::Files)]),
        ],
        summary: "switch to another SQLite file (created if missing), as sqlite3's .open",
        help: "Closes the current database and opens FILE, creating it when it does not exist, as sqlite3\ndoes. --readonly opens it read-only (so does starting talkcli with --readonly); --new starts\nFILE empty, deleting what it held. Without FILE, opens a new in-memory database. Completion\nfollows the new database. \\c with no FILE returns to the bundled talk database.\n\nExamples:\n  .open ~/notes.db\n  .open --readonly archive.db\n  .open --new scratch.db",
        shows: &[],
        run: Handler::Asks(open),
    },
    Command {
        name: "\\c",
        aliases: &["\\connect"],
        args: &[Arg::Optional(&[Arg::Value("FILE", Offer::Files)])],
        summary: "switch to another SQLite file; without FILE, back to the bundled talk database",
        help: "Opens FILE (created if missing) in place of the current database, as .open does. Without\nFILE, returns to the bundled talk database. With --readonly on the command line, every database\nopens read-only.\n\nExamples:\n  \\c ~/notes.db\n  \\c",
        shows: &[],
        run: Handler::Asks(connect),
    },
];

/// Which database to open next.
enum Target {
    Bundled,
    Memory,
    File { path: std::path::PathBuf, new: bool },
}

fn open(s: &mut Session, inv: &Invocation) -> Result<Effect> {
    let read_only = s.settings.read_only || inv.bound.has("--readonly");
    let new = inv.bound.has("--new");
    let file = inv.bound.get("FILE");
    if new && read_only {
        bail!(".open: --new and --readonly do not go together (a new database would stay empty)");
    }
    let target = match file {
        Some(f) => Target::File { path: expand_home(f), new },
        None if new => bail!(".open --new needs a FILE"),
        None => Target::Memory,
    };
    switch(s, target, read_only)
}

fn connect(s: &mut Session, inv: &Invocation) -> Result<Effect> {
    let target = match inv.bound.get("FILE") {
        None => Target::Bundled,
        Some(f) => Target::File { path: expand_home(f), new: false },
    };
    let read_only = s.settings.read_only;
    switch(s, target, read_only)
}

fn switch(s: &mut Session, target: Target, read_only: bool) -> Result<Effect> {
    if !crate::engine::transaction::settle(s, "switching database") {
        return Ok(Effect::Done);
    }
    let (conn, label, bundled) = match target {
        Target::Bundled => {
            let opened = crate::engine::db::open_home(read_only).context("cannot open the bundled talk database")?;
            if let Some(w) = &opened.warning {
                s.warn(w);
            }
            (opened.conn, opened.path.display().to_string(), true)
        }
        Target::Memory => {
            let conn = Connection::open_in_memory().context("cannot open an in-memory database")?;
            crate::engine::db::files::configure(&conn)?;
            (conn, ":memory:".to_string(), false)
        }
        Target::File { path, new } => {
            // Output going to the file would write over the database (the reverse of `\o` onto
            // an open database, which `\o` refuses).
            if let Some(out) = s.out.files().into_iter().find(|f| crate::engine::db::files::same_file(f, &path)) {
                bail!("output goes to {} (\\o): send it elsewhere before opening it as a database", out.display());
            }
            if new {
                start_empty(s, &path)?;
            }
            if read_only && !path.exists() && !path.to_string_lossy().starts_with("file:") {
                bail!("{} does not exist (a read-only database cannot be created)", path.display());
            }
            (crate::engine::db::files::open_file(&path, read_only)?, path.display().to_string(), false)
        }
    };
    crate::engine::command::register_functions(&conn).context("cannot register talkcli's SQL functions")?;
    crate::engine::interrupt::retarget(&conn);
    s.conn = conn;
    s.forget_last();
    // The old file's read-only connections (`\search` ranking) are closed with it.
    s.readers = Default::default();
    s.db_label = label;
    s.bundled = bundled;
    // At the prompt, say where we are now; scripts stay quiet, as sqlite3's .open is.
    if s.settings.interactive {
        let access = if read_only { " (read-only)" } else { "" };
        crate::engine::command::data::status(
            s,
            &format!("now on {}{access}", crate::engine::render::escape_controls(&s.db_label)),
        );
    }
    // Completion follows the new database.
    Ok(Effect::RefreshCompletion { say: false })
}

/// `--new`: removes FILE (and its journal files) so it opens empty, as sqlite3 does; never the
/// database in use, and never anything but a regular file.
fn start_empty(s: &Session, path: &std::path::Path) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(path) else { return Ok(()) };
    if !meta.is_file() {
        bail!("{} is not a regular file; .open --new leaves it alone", path.display());
    }
    let current = std::path::Path::new(&s.db_label);
    if let (Ok(a), Ok(b)) = (path.canonicalize(), current.canonicalize())
        && a == b
    {
        bail!("{} is the database open now; .open --new will not empty it", path.display());
    }
    std::fs::remove_file(path).with_context(|| format!("cannot empty {}", path.display()))?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    Ok(())
}
