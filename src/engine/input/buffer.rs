//! The query buffer: SQL read so far and not yet run, with the line it started on (for error
//! locations). Statements leave it as soon as they are complete; the unfinished rest stays for
//! the next line, `\p`, `\e`, `\g` or Ctrl-C.

use crate::engine::input::classify::is_blank;
use crate::engine::sql::complete_len;
use crate::engine::sql::lexer::tokenize;

#[derive(Debug, Default)]
pub(crate) struct QueryBuffer {
    text: String,
    /// Line number (in its source) of the buffer's first line.
    first_line: usize,
    /// Whether the buffer holds anything besides comments and whitespace (which alone never keep a
    /// continuation open once they are finished).
    meaningful: bool,
}

impl QueryBuffer {
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.meaningful = false;
    }

    /// Adds one line of SQL read at line `lineno` of its source. Returns the text dropped when
    /// the buffer turns out to hold only comments (a block comment over several lines): nothing
    /// runs, but `.echo on` shows it then, as sqlite3 does.
    pub(crate) fn push_line(&mut self, sql: &str, lineno: usize) -> Option<String> {
        if self.text.is_empty() {
            self.first_line = lineno;
        }
        self.text.push_str(sql);
        self.text.push('\n');
        if !self.meaningful {
            // Only while the buffer holds nothing but comments: short, so lexing it is cheap.
            let tokens = tokenize(&self.text);
            if tokens.iter().all(|t| t.is_trivia() && !t.unterminated) {
                let mut dropped = std::mem::take(&mut self.text);
                dropped.pop();
                self.clear();
                return Some(dropped);
            }
            self.meaningful = tokens.iter().any(|t| !t.is_trivia());
        }
        None
    }

    /// Takes the complete statements at the front of the buffer (with the line they start on),
    /// leaving the unfinished rest; `None` when no statement is complete yet. With `whole`, takes
    /// them only when nothing unfinished follows (as sqlite3 reads a script: one run per
    /// complete buffer).
    pub(crate) fn take_complete(&mut self, whole: bool) -> Option<(String, usize)> {
        let n = complete_len(&self.text);
        if n == 0 {
            return None;
        }
        let first_line = self.first_line;
        let rest = &self.text[n..];
        let rest_is_blank = is_blank(rest);
        if whole && !rest_is_blank {
            return None;
        }
        if rest_is_blank {
            let done = std::mem::take(&mut self.text);
            self.clear();
            return Some((done[..n].to_string(), first_line));
        }
        let skipped = rest.len() - rest.trim_start().len();
        self.first_line += self.text[..n + skipped].matches('\n').count();
        let rest = self.text[n + skipped..].to_string();
        let done = std::mem::replace(&mut self.text, rest);
        Some((done[..n].to_string(), first_line))
    }

    /// Takes everything (`\g`, end of input), with the line it starts on.
    pub(crate) fn take(&mut self) -> (String, usize) {
        let text = std::mem::take(&mut self.text);
        self.clear();
        (text, self.first_line)
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::input::buffer::*;

    #[test]
    fn complete_statements_leave_and_the_rest_stays() {
        let mut b = QueryBuffer::default();
        b.push_line("select 1; select 2; sel", 3);
        assert_eq!(b.take_complete(true), None, "a script runs the whole buffer once complete");
        assert_eq!(b.take_complete(false), Some(("select 1; select 2;".to_string(), 3)));
        assert_eq!(b.text(), "sel\n");
        b.push_line("ect 3;", 4);
        assert_eq!(b.take_complete(true), Some(("sel\nect 3;".to_string(), 3)));
        assert!(b.is_empty());
    }

    #[test]
    fn the_rest_keeps_its_line_number() {
        let mut b = QueryBuffer::default();
        b.push_line("select 1;", 1);
        b.push_line("", 2);
        b.push_line("select", 3);
        assert_eq!(b.take_complete(false), Some(("select 1;".to_string(), 1)));
        assert_eq!(b.take(), ("select\n".to_string(), 3));
    }

    #[test]
    fn comments_alone_keep_nothing_open() {
        let mut b = QueryBuffer::default();
        b.push_line("/* a", 1);
        assert!(!b.is_empty(), "an open comment continues");
        assert_eq!(b.push_line("b */", 2).as_deref(), Some("/* a\nb */"));
        assert!(b.is_empty());
        b.push_line("select 1; -- done", 3);
        assert!(b.take_complete(true).is_some());
        assert!(b.is_empty());
    }
}
