//! Command-line options, parsed with clap and turned into `Settings`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::engine::settings::{Format, Settings};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// An interactive SQL shell over a database of conference talks (the whole pyvideo.org catalogue).
#[derive(Debug, Parser)]
#[command(name = "talkcli", version, disable_version_flag = true, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Open this SQLite file instead of the bundled talk database (created empty if missing).
    #[arg(long, value_name = "PATH", conflicts_with = "database")]
    pub db: Option<PathBuf>,

    /// The database file, as sqlite3 takes it: `talkcli other.db` is `talkcli --db other.db`.
    #[arg(value_name = "DATABASE")]
    pub database: Option<PathBuf>,

    /// SQL to run after DATABASE, as with sqlite3 (`talkcli other.db "select 1"`): the same as -e.
    #[arg(value_name = "SQL", requires = "database")]
    pub sql: Vec<String>,

    /// Open the database read-only: every write fails with one clear error.
    #[arg(long)]
    pub readonly: bool,

    /// Run SQL (several statements and commands allowed) and exit.
    #[arg(short = 'e', long = "execute", value_name = "SQL", allow_hyphen_values = true)]
    pub execute: Vec<String>,

    /// Run the statements in FILE and exit (not with -e or trailing SQL: give one script).
    #[arg(short = 'f', long = "file", value_name = "FILE", conflicts_with_all = ["execute", "sql"])]
    pub file: Option<PathBuf>,

    /// Output format (sqlite3's names such as line and tabs work too; box to a pipe or file is
    /// sqlite3's own box layout, on a terminal talkcli's table).
    #[arg(long, value_name = "NAME", ignore_case = true)]
    pub format: Option<Format>,

    /// When to colour output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Keep running a script after an error (exit status is still 1).
    #[arg(long = "continue")]
    pub keep_going: bool,

    /// Stop a script at its first error (the default); --bail=false is --continue.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub bail: Option<bool>,

    /// Most rows a table shows on a terminal (pipes and files get every row).
    #[arg(long, value_name = "N", value_parser = parse_row_limit)]
    pub row_limit: Option<usize>,

    /// Run the commands in FILE first, instead of ~/.config/talkcli/talkclirc.
    #[arg(long = "init", value_name = "FILE")]
    pub init: Option<PathBuf>,

    /// Start the prompt without the one-line greeting (psql's -q; the config file's less_chatty).
    #[arg(short = 'q', long = "quiet")]
    pub quiet: bool,

    /// Never ask: at the prompt, run DROP and DELETE/UPDATE without WHERE without the question, and
    /// roll back a transaction left open when quitting or switching databases (with a warning).
    #[arg(short = 'y', long = "yes")]
    pub yes: bool,

    /// Print the completions Tab would offer at the end of TEXT, one per line (at most 100, best
    /// first), and exit.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub complete: Option<String>,

    /// Print version.
    // Not clap's own flag, which prints the version whatever follows: `-V extra` is a usage error.
    #[arg(short = 'V', long, exclusive = true)]
    pub version: bool,

    #[command(subcommand)]
    pub command: Option<Commands>,

    /// sqlite3's single-dash options, read before clap (`sqlite3::options`).
    #[arg(skip)]
    pub sqlite3: crate::sqlite3::options::Sqlite3Options,
}

/// Tasks other than opening the shell.
#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Print a shell completion script for bash, zsh, fish, elvish or powershell.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `talkcli man | man -l -`.
    Man,
    /// Print docs/reference.md, generated from the command registry and these options.
    #[command(hide = true)]
    Reference,
    /// Import outside data into the database (one transaction per import).
    Import(ImportArgs),
}

/// `talkcli import [--db PATH] pyvideo|csv …`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Import into this SQLite file instead of the bundled talk database (also accepted before `import`).
    #[arg(long, value_name = "PATH", global = true)]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub what: ImportCmd,
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Event folders in pyvideo/data's layout (<event>/category.json, <event>/videos/*.json), or a folder of them.
    Pyvideo {
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Import the good files and fields, list the bad ones, instead of importing nothing.
        #[arg(long)]
        skip_bad: bool,
        /// Add the catalogue tables to a database that holds other tables and no talk catalogue.
        #[arg(long)]
        into_existing: bool,
    },
    /// A CSV file with a header row into an existing or new table.
    Csv {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The table to fill (created with the header's columns when missing).
        #[arg(long, value_name = "NAME")]
        table: String,
    },
}

const EXAMPLES: &str = "Examples:
  talkcli                                   open the prompt on the bundled talks
  talkcli -e 'select title from talks limit 3'
  talkcli < script.sql                      run a script as the sqlite3 shell would
  talkcli --db other.db -e '.tables'
  talkcli completions bash > ~/.local/share/bash-completion/completions/talkcli
  talkcli import pyvideo ~/pyvideo-data/pycon-us-2018   add a conference from pyvideo/data
  talkcli import csv ratings.csv --table ratings

Settings: ~/.config/talkcli/config.toml (TALKCLI_CONFIG overrides); startup commands: ~/.config/talkcli/talkclirc.
Exit status: 0 ok, 1 SQL or command error, 2 usage error, 130 interrupted.";

/// The clap command with the help's closing section: sqlite3's options, then the examples.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command().after_help(format!("{}\n{EXAMPLES}", crate::sqlite3::options::help_section()))
}

/// Parses the command line: sqlite3's options first (a usage error is returned as its one line),
/// then clap, which prints its own usage errors and exits with status 2.
pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Cli, String> {
    use clap::{CommandFactory, FromArgMatches};
    let (args, sqlite3) = crate::sqlite3::options::rewrite(join_bail_value(args))?;
    // The help's sqlite3 section is written out only when the help is shown, not on every start.
    let matches = match Cli::command().try_get_matches_from(args.clone()) {
        Ok(m) => m,
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => command().get_matches_from(args),
        Err(e) => e.exit(),
    };
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    cli.sqlite3 = sqlite3;
    Ok(cli)
}

/// The options and subcommands shell completion offers: clap_complete lists hidden subcommands
/// (the internal `reference`), so they are left out here.
pub fn completion_command() -> clap::Command {
    use clap::CommandFactory;
    let full = Cli::command();
    let mut cmd = clap::Command::new("talkcli")
        .version(env!("CARGO_PKG_VERSION"))
        .disable_version_flag(true)
        .args(full.get_arguments().cloned());
    if let Some(about) = full.get_about() {
        cmd = cmd.about(about.clone());
    }
    for sub in full.get_subcommands().filter(|s| !s.is_hide_set()) {
        cmd = cmd.subcommand(sub.clone());
    }
    cmd
}

/// The command line with `--bail true|false` (a space, as `--bail BOOL` reads in the reference)
/// joined into `--bail=…`, so the word is the option's value and not a database file named
/// `false`. `--bail` before anything else (`--bail my.db`) stays the bare flag.
pub fn join_bail_value(args: impl IntoIterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    // Options whose next word is their value: a `--bail` there is that value, not the option.
    use crate::sqlite3::options::TAKES_VALUE;
    let mut out: Vec<std::ffi::OsString> = Vec::new();
    let mut args = args.into_iter().peekable();
    let mut after_dashes = false;
    while let Some(arg) = args.next() {
        let is_value = out.last().and_then(|p| p.to_str()).is_some_and(|p| TAKES_VALUE.contains(&p));
        after_dashes |= arg == "--" && !is_value;
        if arg == "--bail"
            && !is_value
            && !after_dashes
            && let Some(word) = args.next_if(|w| w == "true" || w == "false")
        {
            let mut joined = std::ffi::OsString::from("--bail=");
            joined.push(word);
            out.push(joined);
            continue;
        }
        out.push(arg);
    }
    out
}

/// A row limit of at least 1, as the config file's `row_limit` requires.
fn parse_row_limit(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("expected a whole number of at least 1, got {s}")),
    }
}

impl Cli {
    pub fn settings(&self) -> Settings {
        let mut s = Settings::default();
        self.apply(&mut s);
        s
    }

    /// The database path given by `--db` or as the first positional argument.
    pub fn db_path(&self) -> Option<&std::path::Path> {
        let import_db = match &self.command {
            Some(Commands::Import(args)) => args.db.as_deref(),
            _ => None,
        };
        import_db.or(self.db.as_deref()).or(self.database.as_deref())
    }

    /// SQL to run, from -e and from the trailing positional arguments, in that order.
    pub fn scripts(&self) -> impl Iterator<Item = &String> {
        self.execute.iter().chain(&self.sql)
    }

    /// Lays the options given on the command line over `s` (which holds the config file's values).
    pub fn apply(&self, s: &mut Settings) {
        if let Some(f) = self.format {
            s.format = f;
        }
        // Only when given, so `.bail` in the rc file stands unless the command line says otherwise.
        if let Some(b) = self.bail {
            s.bail = b;
        } else if self.keep_going {
            s.bail = false;
        }
        if let Some(n) = self.row_limit {
            s.row_limit = n;
        }
        if self.readonly {
            s.read_only = true;
        }
        if self.quiet {
            s.less_chatty = true;
        }
        if self.yes {
            s.destructive_warning = false;
            s.assume_yes = true;
        }
    }

    pub fn color_choice(&self) -> &'static str {
        match self.color {
            ColorChoice::Auto => "auto",
            ColorChoice::Always => "always",
            ColorChoice::Never => "never",
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::*;
    use crate::engine::settings::Format;

    /// The pre-parsers' list of options whose next word is their value is clap's: every one, and
    /// no other (`--bail`'s value is optional and joined with `=`).
    #[test]
    fn the_options_that_take_a_value_are_the_ones_clap_declares() {
        use clap::CommandFactory;
        let mut clap: Vec<String> = Cli::command()
            .get_arguments()
            .filter(|a| !a.is_positional() && a.get_action().takes_values())
            .filter(|a| a.get_num_args().is_none_or(|n| n.min_values() > 0))
            .flat_map(|a| {
                let short = a.get_short().map(|c| format!("-{c}"));
                let long = a.get_long().map(|l| format!("--{l}"));
                short.into_iter().chain(long)
            })
            .collect();
        clap.sort();
        let mut ours: Vec<String> = crate::sqlite3::options::TAKES_VALUE.iter().map(|s| s.to_string()).collect();
        ours.sort();
        assert_eq!(ours, clap);
    }

    #[test]
    fn options_win_over_the_config_file() {
        let mut s = Settings { format: Format::Vertical, destructive_warning: true, ..Settings::default() };
        Cli::parse_from(["talkcli", "--format", "csv", "-y", "--continue"]).apply(&mut s);
        assert_eq!(s.format, Format::Csv);
        assert!(!s.destructive_warning && !s.bail);
        let mut s = Settings { format: Format::Vertical, ..Settings::default() };
        Cli::parse_from(["talkcli"]).apply(&mut s);
        assert_eq!(s.format, Format::Vertical, "an option not given leaves the file's value");
        assert!(s.destructive_warning);
    }

    #[test]
    fn bail_takes_a_spaced_value() {
        let joined = |args: &[&str]| -> Vec<String> {
            join_bail_value(args.iter().map(std::ffi::OsString::from))
                .into_iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(joined(&["talkcli", "--bail", "false", "x.db"]), ["talkcli", "--bail=false", "x.db"]);
        assert_eq!(joined(&["talkcli", "--bail", "my.db"]), ["talkcli", "--bail", "my.db"]);
        assert_eq!(joined(&["talkcli", "-e", "--bail", "false"]), ["talkcli", "-e", "--bail", "false"]);
        assert_eq!(joined(&["talkcli", "--", "--bail", "true"]), ["talkcli", "--", "--bail", "true"]);
        let cli = Cli::parse_from(join_bail_value(["talkcli", "--bail", "false"].map(std::ffi::OsString::from)));
        assert_eq!((cli.bail, cli.database), (Some(false), None));
    }
}
