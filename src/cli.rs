//! Command-line options, parsed with clap and turned into `Settings`.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::settings::{Format, Settings};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// An interactive SQL shell over a database of PyCon US talks.
#[derive(Debug, Parser)]
#[command(name = "talkcli", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Open this SQLite file instead of the bundled talk database (created empty if missing).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Run SQL (several statements and commands allowed) and exit.
    #[arg(short = 'e', long = "execute", value_name = "SQL")]
    pub execute: Vec<String>,

    /// Run the statements in FILE and exit.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Output format: table, vertical, csv, tsv, json, jsonl, markdown, html.
    #[arg(long, value_name = "NAME", value_parser = parse_format)]
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
    #[arg(long, value_name = "N")]
    pub row_limit: Option<usize>,
}

const EXAMPLES: &str = "Examples:
  talkcli                                   open the prompt on the bundled talks
  talkcli -e 'select title from talks limit 3'
  talkcli < script.sql                      run a script as the sqlite3 shell would
  talkcli --db other.db -e '.tables'";

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

impl Cli {
    pub fn settings(&self) -> Settings {
        let mut s = Settings::default();
        if let Some(f) = self.format {
            s.format = f;
        }
        s.bail = self.bail.unwrap_or(!self.keep_going);
        if let Some(n) = self.row_limit {
            s.row_limit = n;
        }
        s
    }

    pub fn color_choice(&self) -> &'static str {
        match self.color {
            ColorChoice::Auto => "auto",
            ColorChoice::Always => "always",
            ColorChoice::Never => "never",
        }
    }
}
