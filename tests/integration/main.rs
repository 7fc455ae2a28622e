//! One integration-test binary: every test runs the real `talkcli` binary, in a fresh HOME.

mod util;

mod config;
mod confirm;
mod data;
mod docs;
mod regression;
mod repl;
mod scripts;
