//! psql's own commands, with psql's meanings: a daily psql user's `\t`, `\C`, `\H`, `\a`, `\s`,
//! `\dT`, `\setenv`, `\getenv`, `\qecho`, `\warn` and `\errverbose` do what they do in psql. The
//! psql commands talkcli does not implement are listed here too, so they answer in one line and
//! change nothing instead of looking like a typo of something else.

use std::io::Write;

use anyhow::{Context, Result, bail};

use crate::engine::command::{Arg, Command, Cond, Effect, Handler, Invocation, Offer};
use crate::engine::render::escape_controls;
use crate::engine::session::{Query, Session};
use crate::engine::settings::Format;

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\t",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Bool])],
        summary: "tuples only (psql): rows without column names and footer; without an argument, toggles",
        help: "Prints query results without the column names and without the row-count footer, as psql's \\t\ndoes; \\pset tuples_only is the same setting.\n\nExamples:\n  \\t\n  \\t on\n  select title from talks limit 3;",
        shows: &[],
        run: Handler::Acts(tuples_only),
    },
    Command {
        name: "\\C",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Text("TITLE", Offer::Free)])],
        summary: "title printed above each table (psql); without TITLE, removes it",
        help: "Sets a title line printed above the results of table, box, vertical, list and markdown output,\nas psql's \\C and \\pset title do. Without TITLE, the title is removed.\n\nExamples:\n  \\C Talks of 2017\n  \\C",
        shows: &[],
        run: Handler::Acts(title),
    },
    Command {
        name: "\\H",
        aliases: &[],
        args: &[],
        summary: "toggle HTML output (psql): html, or back to aligned tables",
        help: "Switches results to HTML tables, or, when they already are, back to aligned tables, as psql's\n\\H does.\n\nExample:\n  \\H",
        shows: &[],
        run: Handler::Acts(html_toggle),
    },
    Command {
        name: "\\a",
        aliases: &[],
        args: &[],
        summary: "toggle aligned and unaligned output (psql): tables, or |-separated lines",
        help: "Switches between aligned tables and unaligned output (fields separated by | or \\pset\nfieldsep, one row a line), as psql's \\a does.\n\nExample:\n  \\a",
        shows: &[],
        run: Handler::Acts(aligned_toggle),
    },
    Command {
        name: "\\s",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Value("FILE", Offer::Files)])],
        summary: "print the command history, or write it to FILE (psql)",
        help: "Prints the lines typed at the prompt, oldest first, as psql's \\s does; with FILE, writes them\nthere instead. \\status shows the database and settings.\n\nExamples:\n  \\s\n  \\s ~/talkcli-history.txt",
        shows: &[],
        run: Handler::Acts(history),
    },
    Command {
        name: "\\dT",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Value("PATTERN", Offer::Free)])],
        summary: "list the data types columns are declared with, with SQLite's affinity for each (psql)",
        help: "Lists the declared column types in use, the type affinity SQLite gives each, and how many\ncolumns use it. SQLite has no user-defined types; PATTERN may use * and ? wildcards.\n\nExamples:\n  \\dT\n  \\dT int*",
        shows: &[],
        run: Handler::Acts(data_types),
    },
    Command {
        name: "\\setenv",
        aliases: &[],
        args: &[Arg::Value("NAME", Offer::Free), Arg::Optional(&[Arg::Value("VALUE", Offer::Free)])],
        summary: "set an environment variable for programs talkcli starts; without VALUE, unset it (psql)",
        help: "Sets (or, without VALUE, removes) an environment variable that the pager, the editor, \\! and\n|COMMAND outputs see, as psql's \\setenv does.\n\nExamples:\n  \\setenv PAGER 'less -S'\n  \\setenv LESS",
        shows: &[],
        run: Handler::Acts(setenv),
    },
    Command {
        name: "\\getenv",
        aliases: &[],
        args: &[Arg::Value("VARNAME", Offer::Free), Arg::Value("ENVNAME", Offer::Free)],
        summary: "store an environment variable's value in a variable (psql)",
        help: "Sets the variable VARNAME (used in SQL as :VARNAME) to the value of the environment variable\nENVNAME, as psql's \\getenv does; an unset ENVNAME leaves VARNAME unchanged.\n\nExample:\n  \\getenv home HOME\n  \\echo :home",
        shows: &[],
        run: Handler::Acts(getenv),
    },
    Command {
        name: "\\qecho",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Flag("-n")]), Arg::Optional(&[Arg::Text("TEXT…", Offer::Free)])],
        summary: "print TEXT where results go (into \\o's file), as psql's \\qecho",
        help: "Like \\echo, but writes to the query output: the file or program set with \\o, else the\nscreen.\n\nExamples:\n  \\o report.txt\n  \\qecho Talks of 2017\n  select title from talks where year = 2017;",
        shows: &[],
        run: Handler::Acts(qecho),
    },
    Command {
        name: "\\warn",
        aliases: &[],
        args: &[Arg::Optional(&[Arg::Flag("-n")]), Arg::Optional(&[Arg::Text("TEXT…", Offer::Free)])],
        summary: "print TEXT to standard error, as psql's \\warn",
        help: "Like \\echo, but writes to standard error, so a script's messages stay out of its data.\n\nExample:\n  \\warn exporting talks…",
        shows: &[],
        run: Handler::Acts(warn),
    },
    Command {
        name: "\\if",
        aliases: &[],
        args: &[Arg::Text("EXPR", Offer::Free)],
        summary: "run the lines up to \\elif, \\else or \\endif only when EXPR is true (psql)",
        help: "Starts a conditional block, as psql's \\if: EXPR is a boolean after variables are replaced (true,\nfalse, on, off, yes, no, 1, 0); any other value is an error and counts as false. Blocks nest;\ninside a branch that does not run, nothing runs (at the prompt, the prompt shows @). Each file\nrun with \\i keeps its own blocks and must close them.\n\nExample:\n  select count(*) > 0 as has_favs from favorites \\gset\n  \\if :has_favs\n    \\favs\n  \\else\n    \\echo no favorites yet\n  \\endif",
        shows: &[],
        run: Handler::Asks(cond_if),
    },
    Command {
        name: "\\elif",
        aliases: &[],
        args: &[Arg::Text("EXPR", Offer::Free)],
        summary: "the next branch of an \\if block, run when no earlier one ran and EXPR is true (psql)",
        help: "As psql's \\elif: evaluated only when no earlier branch of the block ran.\n\nExample:\n  \\if :a\n  \\elif :b\n  \\endif",
        shows: &[],
        run: Handler::Asks(cond_elif),
    },
    Command {
        name: "\\else",
        aliases: &[],
        args: &[],
        summary: "the last branch of an \\if block, run when no earlier one ran (psql)",
        help: "As psql's \\else.\n\nExample:\n  \\if :a\n  \\else\n  \\endif",
        shows: &[],
        run: Handler::Asks(cond_else),
    },
    Command {
        name: "\\endif",
        aliases: &[],
        args: &[],
        summary: "end an \\if block (psql)",
        help: "As psql's \\endif.\n\nExample:\n  \\if :a\n  \\endif",
        shows: &[],
        run: Handler::Asks(cond_endif),
    },
    Command {
        name: "\\errverbose",
        aliases: &[],
        args: &[],
        summary: "show the most recent error again, in full, on stderr (psql)",
        help: "Repeats the last error message, with where it happened and the statement that failed, as\npsql's \\errverbose does.\n\nExample:\n  select * from nope;\n  \\errverbose",
        shows: &[],
        run: Handler::Acts(errverbose),
    },
];

/// A psql command talkcli does not implement (so it is neither a typo nor another command), with
/// what to use instead when talkcli has something close.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("\\l", "\\conninfo shows the open database, .databases the attached ones"),
    ("\\list", "\\conninfo shows the open database, .databases the attached ones"),
    ("\\dn", ".databases lists the attached databases (SQLite's schemas)"),
    ("\\du", ""),
    ("\\dg", ""),
    ("\\dp", ""),
    ("\\z", ""),
    ("\\df", "select name from pragma_function_list lists the functions"),
    ("\\ds", ""),
    ("\\dx", ""),
    ("\\dE", ""),
    ("\\dm", ""),
    ("\\dD", ""),
    ("\\dc", ""),
    ("\\dC", ""),
    ("\\dd", ""),
    ("\\do", ""),
    ("\\dO", ""),
    ("\\dP", ""),
    ("\\dy", ""),
    ("\\dA", ""),
    ("\\db", ""),
    ("\\dF", ""),
    ("\\dl", ""),
    ("\\dL", ""),
    ("\\dX", ""),
    ("\\sf", ""),
    ("\\sv", ".schema NAME prints a view's CREATE statement"),
    ("\\ef", ""),
    ("\\ev", ""),
    ("\\encoding", "SQLite text is UTF-8"),
    ("\\password", ""),
    ("\\prompt", ""),
    ("\\gdesc", ""),
    ("\\bind", ""),
    ("\\ir", "\\i FILE runs a file"),
    ("\\include_relative", "\\i FILE runs a file"),
    ("\\lo_export", ""),
    ("\\lo_import", ""),
    ("\\lo_list", ""),
    ("\\lo_unlink", ""),
    ("\\copyright", ""),
    ("\\startpipeline", ""),
    ("\\endpipeline", ""),
    ("\\syncpipeline", ""),
];

/// `\NAME is a psql command talkcli does not support`, for a psql command with no declaration.
pub(crate) fn unsupported(name: &str) -> Option<String> {
    let (n, instead) = UNSUPPORTED.iter().find(|(n, _)| *n == name)?;
    Some(if instead.is_empty() {
        format!("{n} is a psql command talkcli does not support")
    } else {
        format!("{n} is a psql command talkcli does not support; {instead}")
    })
}

/// Says a change at the prompt, as psql does; scripts stay quiet.
fn say(s: &mut Session, msg: &str) -> Result<()> {
    if s.settings.interactive {
        s.out.status(msg)?;
    }
    Ok(())
}

fn tuples_only(s: &mut Session, inv: &Invocation) -> Result<()> {
    s.settings.tuples_only = inv.bound.on_off().unwrap_or(!s.settings.tuples_only);
    let state = if s.settings.tuples_only { "on" } else { "off" };
    say(s, &format!("Tuples only is {state}."))
}

fn title(s: &mut Session, inv: &Invocation) -> Result<()> {
    let text = inv.free_text();
    s.settings.title = (!text.is_empty()).then_some(text);
    match s.settings.title.clone() {
        Some(t) => say(s, &format!("Title is \"{}\".", escape_controls(&t))),
        None => say(s, "Title is unset."),
    }
}

/// Sets the format as psql's `\pset format` would, separators back to the format's own.
pub(crate) fn set_format(s: &mut Session, format: Format) {
    s.settings.format = format;
    s.settings.format_alias = None;
    s.settings.sqlite3_mode = false;
    s.settings.columnar = None;
}

fn html_toggle(s: &mut Session, _: &Invocation) -> Result<()> {
    let to = if s.settings.format == Format::Html { Format::Table } else { Format::Html };
    set_format(s, to);
    say(s, &format!("Output format is {}.", if to == Format::Html { "html" } else { "aligned" }))
}

fn aligned_toggle(s: &mut Session, _: &Invocation) -> Result<()> {
    let to = if s.settings.format == Format::Table { Format::List } else { Format::Table };
    set_format(s, to);
    say(s, &format!("Output format is {}.", if to == Format::List { "unaligned" } else { "aligned" }))
}

fn history(s: &mut Session, inv: &Invocation) -> Result<()> {
    let path = crate::engine::paths::data_dir()?.join("history");
    let entries = crate::engine::history::load(&path)?.entries;
    let mut text = String::new();
    for e in &entries {
        text.push_str(e);
        text.push('\n');
    }
    match inv.bound.get("FILE") {
        None => {
            s.out.write_all(escape_controls(&text).as_bytes())?;
            s.out.flush()?;
        }
        Some(file) => {
            let file = crate::engine::paths::expand_home(file);
            crate::engine::db::files::refuse_database_file(&s.conn, &file)?;
            std::fs::write(&file, text).with_context(|| format!("cannot write {}", file.display()))?;
            say(s, &format!("Wrote history to file \"{}\".", escape_controls(&file.display().to_string())))?;
        }
    }
    Ok(())
}

/// The affinity SQLite gives a declared type (the rules of "Determination Of Column Affinity").
const AFFINITY_SQL: &str = "CASE
    WHEN upper(type) LIKE '%INT%' THEN 'INTEGER'
    WHEN upper(type) LIKE '%CHAR%' OR upper(type) LIKE '%CLOB%' OR upper(type) LIKE '%TEXT%' THEN 'TEXT'
    WHEN type = '' OR upper(type) LIKE '%BLOB%' THEN 'BLOB'
    WHEN upper(type) LIKE '%REAL%' OR upper(type) LIKE '%FLOA%' OR upper(type) LIKE '%DOUB%' THEN 'REAL'
    ELSE 'NUMERIC' END";

fn data_types(s: &mut Session, inv: &Invocation) -> Result<()> {
    let pattern = inv.bound.get("PATTERN").map_or_else(|| "%".to_string(), |p| p.replace('*', "%").replace('?', "_"));
    let sql = format!(
        "SELECT type, {AFFINITY_SQL} AS affinity, count(*) AS columns
         FROM (SELECT p.type AS type FROM sqlite_schema m, pragma_table_info(m.name) p
               WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\')
         WHERE type LIKE ?1 GROUP BY type ORDER BY type"
    );
    s.run(Query::new(&sql).params(&[&pattern]))?;
    Ok(())
}

/// A name the environment can hold: not empty, no `=` and no NUL.
fn env_name(name: &str) -> Result<()> {
    if name.is_empty() || name.contains(['=', '\0']) {
        bail!("invalid environment variable name '{}'", escape_controls(name));
    }
    Ok(())
}

fn setenv(_: &mut Session, inv: &Invocation) -> Result<()> {
    let name = inv.bound.need("NAME")?;
    env_name(name)?;
    match inv.bound.get("VALUE") {
        None => {
            // SAFETY: only this thread reads the environment on purpose (to start the pager, the
            // editor and shell commands). The background readers (completion, search) run small
            // read-only queries; SQLite looks at TMPDIR only to make a temporary file, which they
            // do not need — a rare race that psql's own \setenv shares.
            unsafe { std::env::remove_var(name) };
        }
        Some(value) => {
            if value.contains('\0') {
                bail!("an environment variable cannot hold a NUL character");
            }
            // SAFETY: as above.
            unsafe { std::env::set_var(name, value) };
        }
    }
    Ok(())
}

fn getenv(s: &mut Session, inv: &Invocation) -> Result<()> {
    let (var, env) = (inv.bound.need("VARNAME")?, inv.bound.need("ENVNAME")?);
    if !crate::engine::vars::valid_name(var) {
        bail!(
            "invalid variable name '{}': use letters, digits and _ (not starting with a digit)",
            escape_controls(var)
        );
    }
    env_name(env)?;
    if let Some(value) = std::env::var_os(env) {
        s.vars.set(var, crate::engine::vars::from_text(&value.to_string_lossy()));
    }
    Ok(())
}

/// `\echo`'s words (variables interpolated) and whether a newline ends them (not after `-n`).
pub(super) fn echo_text(s: &Session, inv: &Invocation) -> Result<(String, bool)> {
    let mut words =
        crate::engine::vars::interpolate_words(&inv.rest, &s.vars).map_err(|e| anyhow::anyhow!("{}: {e}", inv.name))?;
    let newline = if words.first().is_some_and(|w| w == "-n") {
        words.remove(0);
        false
    } else {
        true
    };
    Ok((escape_controls(&words.join(" ")), newline))
}

fn qecho(s: &mut Session, inv: &Invocation) -> Result<()> {
    let (text, newline) = echo_text(s, inv)?;
    write!(s.out, "{text}{}", if newline { "\n" } else { "" })?;
    s.out.flush()?;
    Ok(())
}

fn warn(s: &mut Session, inv: &Invocation) -> Result<()> {
    let (text, newline) = echo_text(s, inv)?;
    s.out.flush()?;
    let mut err = crate::engine::error::writer().lock();
    write!(err, "{text}{}", if newline { "\n" } else { "" })?;
    err.flush()?;
    Ok(())
}

fn errverbose(s: &mut Session, _: &Invocation) -> Result<()> {
    s.out.flush()?;
    let text = s.last_error.clone().unwrap_or_else(|| "There is no previous error.".to_string());
    crate::engine::error::verbatim(&text);
    Ok(())
}

/// The value of `\if`'s or `\elif`'s expression: variables replaced, then one psql boolean.
fn condition(s: &Session, inv: &Invocation) -> std::result::Result<bool, String> {
    let words = crate::engine::vars::interpolate_words(&inv.rest, &s.vars).map_err(|e| format!("{}: {e}", inv.name))?;
    let text = words.join(" ");
    if text.is_empty() {
        return Err(format!("{}: missing the expression (true or false, on or off, yes or no, 1 or 0)", inv.name));
    }
    boolean(&text).ok_or_else(|| {
        format!(
            "{}: '{}' is not a boolean (true or false, on or off, yes or no, 1 or 0)",
            inv.name,
            escape_controls(&text)
        )
    })
}

fn cond_if(s: &mut Session, inv: &Invocation) -> Result<Effect> {
    Ok(Effect::Conditional(Cond::If(condition(s, inv))))
}

fn cond_elif(s: &mut Session, inv: &Invocation) -> Result<Effect> {
    Ok(Effect::Conditional(Cond::Elif(condition(s, inv))))
}

fn cond_else(_: &mut Session, _: &Invocation) -> Result<Effect> {
    Ok(Effect::Conditional(Cond::Else))
}

fn cond_endif(_: &mut Session, _: &Invocation) -> Result<Effect> {
    Ok(Effect::Conditional(Cond::Endif))
}

/// psql's boolean for `\if`: true/false, on/off, yes/no, 1/0, case-insensitive, and unique
/// prefixes (`t`, `f`, `y`, `n`; `o` alone is ambiguous).
pub(crate) fn boolean(text: &str) -> Option<bool> {
    let t = text.trim().to_ascii_lowercase();
    if t.is_empty() {
        return None;
    }
    let starts = |word: &str| word.starts_with(&t);
    match t.as_str() {
        "1" => Some(true),
        "0" => Some(false),
        "on" => Some(true),
        "off" | "of" => Some(false),
        _ if starts("true") || starts("yes") => Some(true),
        _ if starts("false") || starts("no") => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::command::psql::*;

    #[test]
    fn booleans_as_psql_reads_them() {
        for t in ["true", "T", "yes", "y", "on", "1", "tr"] {
            assert_eq!(boolean(t), Some(true), "{t}");
        }
        for f in ["false", "f", "no", "n", "off", "0", "OFF"] {
            assert_eq!(boolean(f), Some(false), "{f}");
        }
        for x in ["", "o", "maybe", "2", "truee"] {
            assert_eq!(boolean(x), None, "{x}");
        }
    }
}
