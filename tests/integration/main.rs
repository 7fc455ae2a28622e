//! One integration-test binary: every test runs the real `talkcli` binary, in a fresh HOME.

mod util;

mod data;
mod import;
mod regression;
mod repl;
mod scripts;
mod userdata;
