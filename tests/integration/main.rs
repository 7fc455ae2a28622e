//! One integration-test binary: every test runs the real `talkcli` binary, in a fresh HOME.

mod util;

mod completion;
mod data;
mod regression;
mod repl;
mod scripts;
