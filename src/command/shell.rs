//! Commands about the shell itself rather than the data: `\i`/`.read` (run a file), `\e` (edit the
//! last query in $VISUAL/$EDITOR and run it), `\!` (run a shell command), `\conninfo`/`.databases`
//! and `\s`/`.status` (what is open and how it is set up).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use anyhow::{Context, Result, bail};

use super::{ArgKind, Command, Effect, Handler, Invocation, find};
use crate::session::Session;

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\i",
        aliases: &[".read", "\\include"],
        args: "FILE",
        summary: "run the statements and commands in FILE",
        help: "Runs FILE as a script: statements and commands, in order. Errors name the file and line\n(FILE: line N), and stop the file unless talkcli runs with --continue.\n\nExamples:\n  \\i setup.sql\n  .read queries/report.sql",
        arg_kind: ArgKind::File,
        run: Handler::Asks(include),
    },
    Command {
        name: "\\e",
        aliases: &["\\edit"],
        args: "[FILE]",
        summary: "edit the query buffer (or the last query, or FILE) in $VISUAL/$EDITOR",
        help: "Opens the statement typed so far (with an empty buffer: the last SQL you ran) in your editor\n($VISUAL, else $EDITOR). When the editor exits successfully, what the file holds is read back as\ninput: complete statements run, an unfinished one waits in the buffer. With FILE, edits that\nfile and reads it back the same way.\n\nExamples:\n  \\e\n  \\e report.sql",
        arg_kind: ArgKind::File,
        run: Handler::Asks(edit),
    },
    Command {
        name: "\\!",
        aliases: &[".shell", ".system"],
        args: "COMMAND",
        summary: "run a shell command",
        help: "Runs COMMAND with sh -c; its output goes straight to the terminal. A command that fails makes\na script fail too.\n\nExamples:\n  \\! ls *.sql\n  \\! date",
        arg_kind: ArgKind::File,
        run: Handler::Acts(shell),
    },
    Command {
        name: "\\conninfo",
        aliases: &[".databases"],
        args: "",
        summary: "which database is open, with its access, transaction and talkcli's file paths",
        help: "Shows the open database file, whether it is writable, whether a transaction is open, the\nSQLite library version, the talk data version, and where the config, startup, data and history\nfiles are.\n\nExample:\n  \\conninfo",
        arg_kind: ArgKind::None,
        run: Handler::Acts(conninfo),
    },
    Command {
        name: "\\s",
        aliases: &[".status", ".show"],
        args: "",
        summary: "show the database, talkcli's file paths and every setting in force",
        help: "Shows what \\conninfo shows (database, access, transaction, paths) and then every setting in\nforce now, under the config file's names: format, expanded, table style, pager, prompt, …\n\nExample:\n  \\s",
        arg_kind: ArgKind::None,
        run: Handler::Acts(status),
    },
];

fn usage(name: &str) -> String {
    find(name).map_or_else(String::new, |c| c.usage())
}

fn include(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    let [path] = inv.args.as_slice() else {
        bail!("{}", usage("\\i"));
    };
    Ok(Effect::RunFile(crate::paths::expand_home(path)))
}

/// `$VISUAL`, else `$EDITOR`: a program and its own arguments.
fn editor() -> Result<Vec<String>> {
    let value = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().into_owned())
        .find(|v| !v.trim().is_empty())
        .context("no editor: set $VISUAL or $EDITOR")?;
    super::args::words(&value).map_err(|e| anyhow::anyhow!("cannot read $VISUAL/$EDITOR ({value}): {e}"))
}

/// A new file in the temp directory that no other process picked.
fn temp_sql_file(text: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir();
    for n in 0..100u32 {
        let path = dir.join(format!("talkcli-edit-{}-{n}.sql", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                f.write_all(text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot create a file in {}", dir.display())),
        }
    }
    bail!("cannot create a temporary file in {}", dir.display())
}

fn edit(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    match inv.args.as_slice() {
        [] => Ok(Effect::Edit(None)),
        [file] => Ok(Effect::Edit(Some(crate::paths::expand_home(file)))),
        _ => bail!("{}", usage("\\e")),
    }
}

/// Opens `text` (in a temporary file), or FILE when given, in the user's editor and returns what
/// the file holds once the editor exits successfully. The input layer reads it back as input.
pub(crate) fn edit_text(s: &mut Session, text: &str, file: Option<&Path>) -> Result<String> {
    let editor = editor()?;
    let (path, temporary) = match file {
        Some(file) => (file.to_path_buf(), false),
        None => {
            let mut text = text.to_string();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            (temp_sql_file(&text)?, true)
        }
    };
    let result = run_editor(s, &editor, &path);
    if temporary {
        let _ = std::fs::remove_file(&path);
    }
    result
}

fn run_editor(s: &mut Session, editor: &[String], path: &Path) -> Result<String> {
    let (program, args) = editor.split_first().context("no editor: set $VISUAL or $EDITOR")?;
    s.out.flush()?;
    let status = Process::new(program)
        .args(args)
        .arg(path)
        .status()
        .with_context(|| format!("cannot start editor {program}"))?;
    if !status.success() {
        bail!("editor {program} failed ({status}); nothing was run");
    }
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn shell(s: &mut Session, inv: &Invocation) -> Result<()> {
    if inv.rest.is_empty() {
        bail!("{}", usage("\\!"));
    }
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
        text.push_str(&crate::render::hanging(&lead, v, indent, width));
    }
    s.out.write_all(text.as_bytes())?;
    s.out.flush()?;
    Ok(())
}

fn conninfo(s: &mut Session, inv: &Invocation) -> Result<()> {
    if !inv.args.is_empty() {
        bail!("{}", usage("\\conninfo"));
    }
    let mut pairs = super::status::database_lines(s);
    pairs.extend(super::status::path_lines());
    print_pairs(s, &pairs)
}

fn status(s: &mut Session, inv: &Invocation) -> Result<()> {
    if !inv.args.is_empty() {
        bail!("{}", usage("\\s"));
    }
    let mut pairs = super::status::database_lines(s);
    pairs.extend(super::status::path_lines());
    pairs.extend(super::status::setting_lines(s));
    print_pairs(s, &pairs)
}
