//! One integration-test binary: every test runs the real `talkcli` binary, in a fresh HOME.

mod util;

mod commands;
mod completion;
mod config;
mod confirm;
mod data;
mod docs;
mod formats;
mod named_queries;
mod regression;
mod repl;
mod scripts;
mod talk_commands;
// mod command_completion; — written for issue 4, needs `talkcli --complete` (issue 3): the lead
// enables it at merge time.
mod import;
mod userdata;
