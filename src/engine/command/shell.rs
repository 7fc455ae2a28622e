//! Commands about the shell itself rather than the data: `\i`/`.read` (run a file), `\e` (edit the
//! last query in $PSQL_EDITOR/$EDITOR/$VISUAL and run it), `\!` (run a shell command), `\conninfo`/`.databases`
//! and `\s`/`.status` (what is open and how it is set up).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use anyhow::{Context, Result, bail};

use crate::engine::command::{Arg, Command, Effect, Handler, Invocation, Offer};
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\i",
        aliases: &[".read", "\\include"],
        args: &[Arg::Value("FILE", Offer::Files)],
        summary: "run the statements and commands in FILE",
        help: "Runs FILE as a script: statements and commands, in order. Errors name the file and line\n(FILE: line N), and stop the file unless talkcli runs with --continue.\n\nExamples:\n  \\i setup.sql\n  .read queries/report.sql",
        shows: &[],
        run: Handler::Asks(include),
    },
    Command {
        name: "\\e",
        aliases: &["\\edit"],
        args: &[Arg::Optional(&[Arg::Value("FILE", Offer::Files)])],
        summary: "edit the query buffer (or the last query, or FILE) in $EDITOR",
        help: "Opens the statement typed so far (with an empty buffer: the last SQL you ran) in your editor\n($PSQL_EDITOR, else $EDITOR, else $VISUAL, else editor or vi). When the editor exits\nsuccessfully, what the file holds is read back as input: complete statements run, an unfinished\none waits in the buffer; an empty file or a failed editor leaves the buffer as it was. History\nkeeps the edited SQL. With FILE, edits that file and reads it back the same way.\n\nExamples:\n  \\e\n  \\e report.sql",
        shows: &[],
        run: Handler::Asks(edit),
    },
    Command {
        name: "\\!",
        aliases: &[".shell", ".system"],
        args: &[Arg::Text("COMMAND", Offer::Files)],
        summary: "run a shell command",
        help: "Runs COMMAND with sh -c; its output goes straight to the terminal. A command that fails makes\na script fail too.\n\nExamples:\n  \\! ls *.sql\n  \\! date",
        shows: &[],
        run: Handler::Acts(shell),
    },
    Command {
        name: "\\conninfo",
        aliases: &[],
        args: &[],
        summary: "which database is open, with its access, transaction and talkcli's file paths",
        help: "Shows the open database file, whether it is writable, whether a transaction is open, the\nSQLite library version, the talk data version, and where the config, startup, data and history\nfiles are.\n\nExample:\n  \\conninfo",
        shows: &[],
        run: Handler::Acts(conninfo),
    },
    Command {
        name: "\\status",
        aliases: &[".status"],
        args: &[],
        summary: "show the database, talkcli's file paths and every setting in force",
        help: "Shows what \\conninfo shows (database, access, transaction, paths) and then every setting in\nforce now, under the config file's names: format, expanded, table style, pager, prompt, …\n(psql's \\s prints the history.)\n\nExample:\n  \\status",
        shows: &[],
        run: Handler::Acts(status),
    },
];

fn include(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    let path = inv.bound.need("FILE")?;
    Ok(Effect::RunFile(crate::engine::paths::expand_home(path)))
}

/// The editor, as psql finds it: `$PSQL_EDITOR`, else `$EDITOR`, else `$VISUAL`, else `editor`
/// (Debian's alternative) or `vi` on PATH; a program and its own arguments.
fn editor() -> Result<Vec<String>> {
    let set = ["PSQL_EDITOR", "EDITOR", "VISUAL"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().into_owned())
        .find(|v| !v.trim().is_empty());
    let value = match set {
        Some(v) => v,
        None => ["editor", "vi"]
            .iter()
            .find(|p| on_path(p))
            .map(|p| p.to_string())
            .context("no editor: set $EDITOR (no editor or vi on PATH either)")?,
    };
    crate::engine::command::words::words(&value)
        .map_err(|e| anyhow::anyhow!("cannot read the editor's command ({value}): {e}"))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// A user-only file in a new private directory (mode 0700, unpredictable name), so nobody else can
/// read the query or put their own file in its place. Both go when the returned guard is dropped.
fn temp_sql_file(text: &str) -> Result<(tempfile::TempDir, PathBuf)> {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::Builder::new()
        .prefix("talkcli-edit-")
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir()
        .context("cannot create a temporary directory")?;
    let path = dir.path().join("query.sql");
    let mut f =
        crate::engine::userfile::create_private(&path).with_context(|| format!("cannot create {}", path.display()))?;
    f.write_all(text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
    Ok((dir, path))
}

fn edit(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    Ok(Effect::Edit(inv.bound.get("FILE").map(crate::engine::paths::expand_home)))
}

/// Opens `text` (in a temporary file), or FILE when given, in the user's editor and returns what
/// the file holds once the editor exits successfully. The input layer reads it back as input.
pub(crate) fn edit_text(s: &mut Session, text: &str, file: Option<&Path>) -> Result<String> {
    let editor = editor()?;
    let (_temporary, path) = match file {
        Some(file) => {
            // A FIFO or a device would hang the read-back or never end: refused before editing.
            if std::fs::symlink_metadata(file).is_ok() {
                crate::engine::userfile::open_regular(file, "")?;
            }
            (None, file.to_path_buf())
        }
        None => {
            let mut text = text.to_string();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            let (dir, path) = temp_sql_file(&text)?;
            (Some(dir), path)
        }
    };
    run_editor(s, &editor, &path)
}

fn run_editor(s: &mut Session, editor: &[String], path: &Path) -> Result<String> {
    let (program, args) = editor.split_first().context("no editor: set $EDITOR")?;
    s.out.flush()?;
    let status = Process::new(program)
        .args(args)
        .arg(path)
        .status()
        .with_context(|| format!("cannot start editor {program}"))?;
    if !status.success() {
        bail!("editor {program} failed ({status}); nothing was run");
    }
    let bytes = crate::engine::userfile::read_regular(path, "the edited file", crate::engine::userfile::EDIT_CAP)?;
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("cannot read {}: it is not UTF-8 text", path.display()))
}

fn shell(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.out.flush()?;
    let status = Process::new("sh").arg("-c").arg(&inv.rest).status().context("cannot start sh")?;
    if !status.success() {
        match status.code() {
            Some(code) => bail!("shell command exited with status {code}"),
            None => bail!("shell command was killed ({status})"),
        }
    }
    Ok(())
}

/// `name: value` lines, names padded to one column.
fn print_pairs(s: &mut Session, pairs: &[(&str, String)]) -> Result<()> {
    let indent = pairs.iter().map(|(k, _)| k.len() + 2).max().unwrap_or(0);
    let width = s.out.width().map(usize::from);
    let mut text = String::new();
    for (k, v) in pairs {
        // Values (the database path) wrap under themselves, escaped: a file name is data too.
        let lead = format!("{:<indent$}", format!("{k}:"));
        text.push_str(&crate::engine::render::hanging(&lead, v, indent, width));
    }
    s.out.write_all(text.as_bytes())?;
    s.out.flush()?;
    Ok(())
}

fn conninfo(s: &mut Session, _: &Invocation) -> Result<()> {
    let mut pairs = crate::engine::command::status::database_lines(s);
    pairs.extend(crate::engine::command::status::path_lines());
    print_pairs(s, &pairs)
}

fn status(s: &mut Session, _: &Invocation) -> Result<()> {
    let mut pairs = crate::engine::command::status::database_lines(s);
    pairs.extend(crate::engine::command::status::path_lines());
    pairs.extend(crate::engine::command::status::setting_lines(s));
    print_pairs(s, &pairs)
}
