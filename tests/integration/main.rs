//! One integration-test binary: every test runs the real `talkcli` binary, in a fresh HOME.
// Tests, not the shell: their diagnostics go straight to stderr.
#![allow(clippy::disallowed_macros, clippy::disallowed_methods)]

mod util;

mod bounds;
mod bundled_file;
mod charts;
mod command_completion;
mod commands;
mod compat;
mod completion;
mod config;
mod confirm;
mod data;
mod diagnose;
mod differential;
mod differential_bytes;
mod differential_cli;
mod docs;
mod evil;
mod explore;
mod faults;
mod formats;
mod human_output;
mod import;
mod input;
mod interrupts;
mod messages;
mod named_queries;
mod private_files;
mod prompt;
mod psql_display;
mod psql_habits;
mod regression;
mod render;
mod repl;
mod safety;
mod scripts;
mod talk_commands;
mod userdata;
mod wide;
mod workbench;
mod workbench_pty;
