//! Command-line options, parsed with clap and turned into `Settings`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
    #[arg(long, value_name = "PATH", global = true)]
    pub db: Option<PathBuf>,

    /// Open the database read-only: every write fails with one clear error.
    #[arg(long)]
    pub readonly: bool,

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

    /// Without a subcommand talkcli opens the prompt (or runs -e/-f/stdin).
    #[command(subcommand)]
    pub command: Option<Sub>,
}

#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Import outside data into the database (one transaction per import).
    #[command(subcommand)]
    Import(ImportCmd),
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Event folders in pyvideo/data's layout (<event>/category.json, <event>/videos/*.json), or a folder of them.
    Pyvideo {
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Import the good files, list the bad ones, instead of rolling everything back.
        #[arg(long)]
        skip_bad: bool,
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
  talkcli import pyvideo ~/pyvideo-data/pycon-us-2018   add a conference from pyvideo/data
  talkcli import csv ratings.csv --table ratings";

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

impl Cli {
    pub fn settings(&self) -> Settings {
        let mut s = Settings::default();
        if let Some(f) = self.format {
            s.format = f;
        }
        s.bail = !self.keep_going;
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
