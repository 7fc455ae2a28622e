//! One integration-test binary: every test runs the real `talkcli` binary, in a fresh HOME.

mod util;

mod data;
mod formats;
mod regression;
mod repl;
mod scripts;
