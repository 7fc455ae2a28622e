//! A progress bar on stderr for long imports; invisible for short ones and when stderr is not a
//! terminal (the caller decides that), so scripts and tests see only the summary line.

use indicatif::{ProgressBar, ProgressStyle};

/// Imports with fewer files than this finish too fast for a bar to help.
const MIN_FILES: u64 = 300;

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(enabled: bool, total: u64, what: &str) -> Self {
        if !enabled || total < MIN_FILES {
            return Progress { bar: None };
        }
        let bar = ProgressBar::new(total);
        if let Ok(style) = ProgressStyle::with_template("{msg:8} {wide_bar} {pos}/{len}") {
            bar.set_style(style);
        }
        bar.set_message(what.to_string());
        Progress { bar: Some(bar) }
    }

    /// Starts the next step with its own count, on the same bar.
    pub fn phase(&self, what: &str, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_message(what.to_string());
            bar.set_length(total);
            bar.set_position(0);
        }
    }

    pub fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// An import that fails part-way must not leave a half-drawn bar above its error line.
impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
