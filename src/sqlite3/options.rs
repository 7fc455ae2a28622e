//! The sqlite3 shell's single-dash options (`-csv`, `-header`, `-cmd SQL` …), read before clap sees
//! the command line. clap alone would take `-header` for `-h eader` and `-echo` for `-e cho`, so
//! every word that is one of sqlite3's options is taken out here, with sqlite3's meaning, and the
//! rest is left for clap. One table lists the options; help and the tests read it too.

use std::ffi::OsString;

/// What one of sqlite3's options does in talkcli.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An output mode (`.mode NAME`, with the separators sqlite3's option sets).
    Mode(&'static str),
    Header(bool),
    Separator,
    Newline,
    NullValue,
    Echo,
    Eqp {
        full: bool,
    },
    Cmd,
    /// The same as one of talkcli's own options, given as these words to clap.
    Talkcli(&'static str),
    Batch,
    Interactive,
    Version,
    Safe,
    NoFollow,
    /// Not supported: refused in one line, saying what it is.
    Refused(&'static str),
}

/// One of sqlite3's options: its name without the dash, the argument it takes, its help line.
struct Opt {
    name: &'static str,
    arg: &'static str,
    help: &'static str,
    kind: Kind,
}

const fn opt(name: &'static str, arg: &'static str, help: &'static str, kind: Kind) -> Opt {
    Opt { name, arg, help, kind }
}

/// sqlite3 3.40's options (its `-help`, and the few it accepts without listing them).
const OPTIONS: &[Opt] = &[
    opt("A", "ARGS...", "not supported (sqlite3's archive mode)", Kind::Refused("archive mode, .archive")),
    opt("append", "", "not supported (sqlite3's append VFS)", Kind::Refused("append VFS")),
    opt("ascii", "", "set output mode to 'ascii'", Kind::Mode("ascii")),
    opt("bail", "", "stop after hitting an error (talkcli's default)", Kind::Talkcli("--bail=true")),
    opt("batch", "", "force batch I/O: read standard input as a script", Kind::Batch),
    opt("box", "", "set output mode to 'box'", Kind::Mode("box")),
    opt("column", "", "set output mode to 'column'", Kind::Mode("column")),
    opt("cmd", "COMMAND", "run \"COMMAND\" before reading stdin", Kind::Cmd),
    opt("csv", "", "set output mode to 'csv'", Kind::Mode("csv")),
    opt("deserialize", "", "not supported (sqlite3_deserialize)", Kind::Refused("sqlite3_deserialize()")),
    opt("echo", "", "print inputs before execution", Kind::Echo),
    opt("eqp", "", "show each statement's query plan (.eqp on)", Kind::Eqp { full: false }),
    opt("eqpfull", "", "show each statement's plan and bytecode (.eqp full)", Kind::Eqp { full: true }),
    opt("init", "FILENAME", "read/process named file (the same as --init)", Kind::Talkcli("--init")),
    opt("header", "", "turn headers on", Kind::Header(true)),
    opt("noheader", "", "turn headers off", Kind::Header(false)),
    opt("help", "", "show this message", Kind::Talkcli("--help")),
    opt("html", "", "set output mode to HTML", Kind::Mode("html")),
    opt("interactive", "", "force interactive I/O", Kind::Interactive),
    opt("json", "", "set output mode to 'json'", Kind::Mode("json")),
    opt("line", "", "set output mode to 'line'", Kind::Mode("line")),
    opt("list", "", "set output mode to 'list'", Kind::Mode("list")),
    opt("lookaside", "SIZE N", "not supported (memory tuning)", Kind::Refused("lookaside memory")),
    opt("markdown", "", "set output mode to 'markdown'", Kind::Mode("markdown")),
    opt("maxsize", "N", "not supported (for -deserialize)", Kind::Refused("-deserialize size")),
    opt("memtrace", "", "not supported (memory tracing)", Kind::Refused("memory tracing")),
    opt("mmap", "N", "not supported (mmap size)", Kind::Refused("mmap size")),
    opt("newline", "SEP", "set output row separator. Default: '\\n'", Kind::Newline),
    opt("nofollow", "", "refuse to open symbolic links to database files", Kind::NoFollow),
    opt("nonce", "STRING", "not supported (safe-mode escape nonce)", Kind::Refused("safe-mode nonce")),
    opt("nullvalue", "TEXT", "set text string for NULL values. Default ''", Kind::NullValue),
    opt("pagecache", "SIZE N", "not supported (memory tuning)", Kind::Refused("page cache memory")),
    opt("quote", "", "set output mode to 'quote'", Kind::Mode("quote")),
    opt("readonly", "", "open the database read-only (the same as --readonly)", Kind::Talkcli("--readonly")),
    opt("safe", "", "enable safe-mode: no files, programs or ATTACH (see .safe)", Kind::Safe),
    opt("separator", "SEP", "set output column separator. Default: '|'", Kind::Separator),
    opt("stats", "", "not supported (memory statistics)", Kind::Refused("memory statistics")),
    opt("table", "", "set output mode to 'table'", Kind::Mode("table")),
    opt("tabs", "", "set output mode to 'tabs'", Kind::Mode("tabs")),
    opt("version", "", "show SQLite version (talkcli's own: --version)", Kind::Version),
    opt("vfs", "NAME", "not supported (another VFS)", Kind::Refused("choice of VFS")),
    opt("zip", "", "not supported (ZIP archives)", Kind::Refused("ZIP archive mode")),
];

/// talkcli's options whose next word is their value (it is never read as an option here, nor as
/// `--bail`'s value by the command line's other pre-parser).
pub(crate) const TAKES_VALUE: &[&str] =
    &["-e", "--execute", "-f", "--file", "--db", "--format", "--color", "--row-limit", "--init", "--complete"];

/// talkcli's long options: `--NAME` stays talkcli's even where sqlite3 has a `-NAME`.
const TALKCLI_LONG: &[&str] = &["readonly", "bail", "init", "version", "help"];

/// Subcommands: the words after one are theirs.
const SUBCOMMANDS: &[&str] = &["completions", "man", "reference", "import", "help"];

/// One setting or command from the command line, applied in the order given (as sqlite3 does),
/// after the startup file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `.mode NAME` with the separators sqlite3's `-NAME` option sets.
    Mode(&'static str),
    Headers(bool),
    Separator(String),
    Newline(String),
    NullValue(String),
    Echo,
    Eqp {
        full: bool,
    },
    /// `-cmd`: a command or SQL run before the script.
    Cmd(String),
}

/// What sqlite3's options on the command line asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sqlite3Options {
    pub steps: Vec<Step>,
    /// `-interactive` (true) or `-batch` (false), whichever came last.
    pub interactive: Option<bool>,
    /// `-version`: print the SQLite library's version and exit.
    pub sqlite_version: bool,
    pub safe: bool,
    pub nofollow: bool,
    /// One of sqlite3's options was given: the command line is a sqlite3 user's, and output starts
    /// from sqlite3's defaults (list mode, no header line), so `talkcli -csv db "…"`,
    /// `talkcli -header db "…"` and `talkcli -bail db < script` print what sqlite3 prints.
    pub sqlite3_defaults: bool,
}

/// The command line with sqlite3's options taken out (and those talkcli has too given in talkcli's
/// spelling), and what they asked for; or the one-line usage error.
pub fn rewrite(args: impl IntoIterator<Item = OsString>) -> Result<(Vec<OsString>, Sqlite3Options), String> {
    let mut args = args.into_iter();
    let mut out: Vec<OsString> = args.next().into_iter().collect();
    let mut opts = Sqlite3Options::default();
    let mut positionals = 0usize;
    let mut after_dashes = false;
    while let Some(arg) = args.next() {
        let Some(word) = arg.to_str().map(str::to_owned) else {
            // SQL after the database name keeps its bytes (see `rawtext`); a file name is a path.
            out.push(if positionals > 0 { sql_text(&arg) } else { arg });
            positionals += 1;
            continue;
        };
        if after_dashes {
            if positionals == 0 && word.starts_with('-') {
                return Err(looks_like_option(&word));
            }
            out.push(if positionals > 0 { sql_text(&arg) } else { arg });
            positionals += 1;
            continue;
        }
        if word == "--" {
            after_dashes = true;
            out.push(arg);
            continue;
        }
        if TAKES_VALUE.contains(&word.as_str()) {
            let value = args.next();
            let is_sql = matches!(word.as_str(), "-e" | "--execute");
            out.push(arg);
            out.extend(value.map(|v| if is_sql { sql_text(&v) } else { v }));
            continue;
        }
        if positionals == 0 && SUBCOMMANDS.contains(&word.as_str()) {
            out.push(arg);
            out.extend(args);
            break;
        }
        if let Some(o) = sqlite3_option(&word) {
            if positionals >= 2 {
                return Err(format!("option {word} comes after the SQL; give options before the SQL to run"));
            }
            opts.sqlite3_defaults = true;
            take(o, &word, &mut args, &mut out, &mut opts)?;
            continue;
        }
        if is_unknown_option(&word) {
            return Err(format!("unknown option: {word} (sqlite3's options and talkcli's are listed by --help)"));
        }
        if word == "-" {
            return Err(looks_like_option(&word));
        }
        if !word.starts_with('-') {
            positionals += 1;
        }
        out.push(if positionals > 1 { sql_text(&arg) } else { arg });
    }
    Ok((out, opts))
}

/// An argument holding SQL, as text that keeps any bytes that are not UTF-8 (see `rawtext`), so
/// clap takes it and SQLite gets its bytes as sqlite3 passes them.
fn sql_text(arg: &OsString) -> OsString {
    use std::os::unix::ffi::OsStrExt;
    crate::engine::rawtext::decode(arg.as_bytes()).into_owned().into()
}

fn looks_like_option(word: &str) -> String {
    format!("database name {word} looks like an option; write ./{word} for a file of that name")
}

/// `-NAME`, or `--NAME` where talkcli has no long option of that name, for one of sqlite3's options.
fn sqlite3_option(word: &str) -> Option<&'static Opt> {
    let name = match word.strip_prefix("--") {
        Some(long) if TALKCLI_LONG.contains(&long) => return None,
        Some(long) => long,
        None => word.strip_prefix('-')?,
    };
    OPTIONS.iter().find(|o| o.name == name)
}

/// A single-dash word of letters longer than one of talkcli's short options (`-ye`, `-heder`):
/// never read as a cluster of short flags or as `-e` with its value attached.
fn is_unknown_option(word: &str) -> bool {
    let Some(rest) = word.strip_prefix('-') else { return false };
    !rest.starts_with('-') && rest.len() > 1 && rest.starts_with(|c: char| c.is_ascii_alphabetic())
}

/// Reads one of sqlite3's options (and its arguments) into `opts` or `out`.
fn take(
    o: &Opt,
    word: &str,
    args: &mut impl Iterator<Item = OsString>,
    out: &mut Vec<OsString>,
    opts: &mut Sqlite3Options,
) -> Result<(), String> {
    let mut value = |what: &str| -> Result<String, String> {
        let v = args.next().ok_or_else(|| format!("option {word} needs an argument ({what})"))?;
        v.into_string().map_err(|_| format!("the argument of {word} is not valid UTF-8"))
    };
    let step = match o.kind {
        Kind::Mode(name) => Step::Mode(name),
        Kind::Header(on) => Step::Headers(on),
        Kind::Separator | Kind::Newline => {
            let sep = value(o.arg)?;
            if sep.is_empty() {
                return Err(format!("option {word} needs a non-empty separator"));
            }
            if o.kind == Kind::Separator { Step::Separator(sep) } else { Step::Newline(sep) }
        }
        Kind::NullValue => Step::NullValue(value(o.arg)?),
        Kind::Echo => Step::Echo,
        Kind::Eqp { full } => Step::Eqp { full },
        Kind::Cmd => {
            let v = args.next().ok_or_else(|| format!("option {word} needs an argument ({})", o.arg))?;
            Step::Cmd(sql_text(&v).into_string().unwrap_or_default())
        }
        Kind::Talkcli(spelling) => {
            out.push(spelling.into());
            if !o.arg.is_empty() {
                out.push(value(o.arg)?.into());
            }
            return Ok(());
        }
        Kind::Batch | Kind::Interactive => {
            opts.interactive = Some(o.kind == Kind::Interactive);
            return Ok(());
        }
        Kind::Version => {
            opts.sqlite_version = true;
            return Ok(());
        }
        Kind::Safe => {
            opts.safe = true;
            return Ok(());
        }
        Kind::NoFollow => {
            opts.nofollow = true;
            return Ok(());
        }
        Kind::Refused(what) => return Err(format!("option {word} is not supported by talkcli (sqlite3's {what})")),
    };
    opts.steps.push(step);
    Ok(())
}

/// Carries out the steps in order on `session` (after the startup file, as sqlite3 does): settings
/// as `.mode`, `.headers` … set them, `-cmd` text run as a script. Returns how it ended.
pub(crate) fn apply(
    session: &mut crate::engine::session::Session,
    steps: &[Step],
) -> anyhow::Result<crate::engine::input::Ended> {
    let mut ended = crate::engine::input::Ended { errors: 0, quit: None };
    for step in steps {
        let set = &mut session.settings;
        match step {
            Step::Mode(name) => {
                let kept = (set.col_separator.clone(), set.row_separator.clone());
                let headers = set.headers;
                crate::engine::command::run(session, &format!(".mode {name}"))?;
                let set = &mut session.settings;
                // The option sets the mode only (`.mode column` would turn the header on).
                set.headers = headers;
                // The separators sqlite3's option sets, which are not always `.mode`'s: -csv
                // keeps the row separator (a newline), the plain mode options keep both.
                let some = |v: &str| Some(v.to_string());
                (set.col_separator, set.row_separator) = match *name {
                    "csv" => (some(","), kept.1),
                    "quote" => (some(","), some("\n")),
                    "ascii" => (some("\u{1f}"), some("\u{1e}")),
                    "tabs" => (some("\t"), some("\n")),
                    _ => kept,
                };
            }
            Step::Headers(on) => (set.headers, set.headers_set) = (*on, true),
            Step::Separator(sep) => set.col_separator = Some(sep.clone()),
            Step::Newline(sep) => set.row_separator = Some(sep.clone()),
            Step::NullValue(text) => {
                set.list_null = text.clone();
                set.null_marker = text.clone();
            }
            Step::Echo => set.echo = true,
            Step::Eqp { full } => (set.eqp, set.eqp_full) = (true, *full),
            Step::Cmd(text) => {
                let run = crate::engine::input::run_script(
                    session,
                    std::io::Cursor::new(crate::engine::rawtext::encode(text)),
                    "",
                    false,
                )?;
                ended.errors += run.errors;
                ended.quit = run.quit;
                if run.quit.is_some() || (run.errors > 0 && session.settings.bail) {
                    break;
                }
            }
        }
    }
    Ok(ended)
}

/// What the help says about sqlite3's options as a group.
pub const HELP_INTRO: &str = "sqlite3's options (one dash or two, before or after DATABASE, with sqlite3's meaning;
any of them starts output from sqlite3's list mode without a header line)";

/// Each option as spelled in help (`-cmd COMMAND`) with its help line.
pub fn spelled() -> impl Iterator<Item = (String, &'static str)> {
    OPTIONS.iter().map(|o| {
        let left = if o.arg.is_empty() { format!("-{}", o.name) } else { format!("-{} {}", o.name, o.arg) };
        (left, o.help)
    })
}

/// The `--help` section listing sqlite3's options, from the table.
pub fn help_section() -> String {
    let mut s = format!("{HELP_INTRO}:\n");
    for (left, help) in spelled() {
        s.push_str(&format!("  {left:<21} {help}\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::options::*;

    fn rw(args: &[&str]) -> Result<(Vec<String>, Sqlite3Options), String> {
        let args = std::iter::once("talkcli").chain(args.iter().copied()).map(OsString::from);
        rewrite(args).map(|(a, o)| (a.into_iter().skip(1).map(|s| s.to_string_lossy().into_owned()).collect(), o))
    }

    #[test]
    fn sqlite3_options_are_taken_out_in_order_before_or_after_the_database() {
        let (args, o) = rw(&["-csv", "db", "-header", "-separator", ";", "select 1"]).expect("parses");
        assert_eq!(args, ["db", "select 1"]);
        assert_eq!(o.steps, [Step::Mode("csv"), Step::Headers(true), Step::Separator(";".into())]);
        let (args, o) =
            rw(&["--json", "-echo", "-cmd", ".mode box", "-bail", "-readonly", "-init", "f", "db"]).expect("ok");
        assert_eq!(args, ["--bail=true", "--readonly", "--init", "f", "db"]);
        assert_eq!(o.steps, [Step::Mode("json"), Step::Echo, Step::Cmd(".mode box".into())]);
        let (_, o) = rw(&["-batch", "-interactive", "-version", "-safe", "-nofollow"]).expect("ok");
        assert_eq!((o.interactive, o.sqlite_version, o.safe, o.nofollow), (Some(true), true, true, true));
    }

    #[test]
    fn talkcli_options_and_their_values_are_left_alone() {
        let (args, o) = rw(&["-e", "-csv", "--format", "json", "-y", "--readonly", "--help", "x.db"]).expect("ok");
        assert_eq!(args, ["-e", "-csv", "--format", "json", "-y", "--readonly", "--help", "x.db"]);
        assert!(o.steps.is_empty());
        let (args, _) = rw(&["import", "csv", "-header", "--table", "t"]).expect("ok");
        assert_eq!(args, ["import", "csv", "-header", "--table", "t"]);
    }

    #[test]
    fn bad_options_are_one_line_naming_them() {
        let err = |a: &[&str]| rw(a).expect_err("must fail");
        assert!(err(&["-heder", "db"]).contains("unknown option: -heder"));
        assert!(err(&["db", "-cmd"]).contains("option -cmd needs an argument"));
        assert!(err(&["-separator", "", "db"]).contains("-separator needs a non-empty separator"));
        assert!(err(&["db", "select 1", "-csv"]).contains("-csv comes after the SQL"));
        assert!(err(&["--", "-x"]).contains("database name -x looks like an option"));
        assert!(err(&["-"]).contains("database name - looks like an option"));
        assert!(err(&["-zip", "a.zip"]).contains("option -zip is not supported"));
        assert!(err(&["-ye"]).contains("unknown option: -ye"));
        for o in OPTIONS {
            assert!(!err(&["db", "select 1", &format!("-{}", o.name)]).is_empty());
        }
    }

    #[test]
    fn help_lists_every_option() {
        let help = help_section();
        for o in OPTIONS {
            assert!(help.contains(&format!("  -{}", o.name)), "{}", o.name);
        }
    }
}
