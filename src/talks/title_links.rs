//! Terminal hyperlinks (OSC 8): the one function that writes them, and a renderer adapter that
//! makes talk titles in a table link to their video.
//!
//! Whether links are drawn at all is decided by `Output::links` (terminals only, never pipes or
//! files); this module only makes the bytes, and keeps them safe: the text goes through
//! `escape_controls` and the URL is percent-encoded down to printable ASCII, so neither can end
//! the escape early or smuggle in one of its own.

use std::io::{self, Write};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Statement};

use crate::engine::render::{Renderer, display_text, escape_controls};

/// `url` with every byte outside printable ASCII (and space, `\`) percent-encoded.
pub fn safe_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic() && b != b'\\' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `text` as a hyperlink to `url`: `ESC ] 8 ; ; URL ESC \ TEXT ESC ] 8 ; ; ESC \`.
pub fn hyperlink(url: &str, text: &str) -> String {
    format!("\x1b]8;;{}\x1b\\{}\x1b]8;;\x1b\\", safe_url(url), escape_controls(text).replace('\n', " "))
}

/// A hyperlink when `on`, else the text alone (made terminal-safe either way).
pub fn hyperlink_or_text(url: &str, text: &str, on: bool) -> String {
    if on { hyperlink(url, text) } else { escape_controls(text) }
}

/// Lines `drawn` by `render::hanging` (the first after `first`, the rest after `indent` spaces)
/// with the text of each line linked to `url`: a link per line, so wrapping never splits one.
pub fn link_lines(drawn: &str, first: &str, indent: usize, url: &str) -> String {
    let mut out = String::with_capacity(drawn.len() + 64);
    for (i, line) in drawn.split_inclusive('\n').enumerate() {
        let lead = if i == 0 { first.len() } else { indent };
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        match (body.get(..lead), body.get(lead..)) {
            (Some(head), Some(text)) if !text.is_empty() => {
                out.push_str(head);
                out.push_str(&hyperlink(url, text));
            }
            _ => out.push_str(body),
        }
        out.push_str(newline);
    }
    out
}

/// Wraps a renderer of talk rows (with an `id` and a `title` column): the rows are drawn as
/// usual, then each title, where it appears in full, becomes a link to that talk's video.
pub struct TitleLinks<'a> {
    inner: Box<dyn Renderer + 'a>,
    lookup: Statement<'a>,
    null_marker: String,
    columns: Option<(usize, usize)>,
    /// Each row's displayed title and its video URL.
    titles: Vec<(String, Option<String>)>,
    held: Vec<u8>,
}

/// `inner` wrapped to link titles; unchanged when the database has no `talks` table. The talks
/// pack's commands hand this to the session as the next result's decoration.
pub fn decorate<'a>(inner: Box<dyn Renderer + 'a>, conn: &'a Connection, null_marker: &str) -> Box<dyn Renderer + 'a> {
    match conn.prepare("SELECT video_url FROM talks WHERE id = ?1") {
        Ok(lookup) => Box::new(TitleLinks {
            inner,
            lookup,
            null_marker: null_marker.to_string(),
            columns: None,
            titles: Vec::new(),
            held: Vec::new(),
        }),
        Err(_) => inner,
    }
}

impl Renderer for TitleLinks<'_> {
    fn begin(&mut self, _: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        let find = |name: &str| columns.iter().position(|c| c.eq_ignore_ascii_case(name));
        self.columns = find("id").zip(find("title"));
        self.inner.begin(&mut self.held, columns)
    }

    fn row(&mut self, _: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if let Some((id, title)) = self.columns {
            let url = match row.get(id) {
                Some(ValueRef::Integer(id)) => {
                    self.lookup.query_row([id], |r| r.get::<_, Option<String>>(0)).ok().flatten()
                }
                _ => None,
            };
            let text = row.get(title).map(|v| display_text(*v, &self.null_marker)).unwrap_or_default();
            self.titles.push((text, url));
        }
        self.inner.row(&mut self.held, row)
    }

    fn full(&self) -> bool {
        self.inner.full()
    }

    fn end(&mut self, out: &mut dyn Write, total: Option<u64>) -> io::Result<()> {
        self.inner.end(&mut self.held, total)?;
        let text = String::from_utf8_lossy(&self.held);
        out.write_all(link_titles(&text, &self.titles).as_bytes())
    }

    fn failed(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.inner.failed(&mut self.held)?;
        out.write_all(&self.held)
    }
}

/// `drawn` with each title linked: titles are looked for in order, each on a line after the
/// previous one's, so a title is only ever linked on its own row. A title cut short to fit the
/// terminal is not found and stays plain.
fn link_titles(drawn: &str, titles: &[(String, Option<String>)]) -> String {
    let mut lines: Vec<String> = drawn.split_inclusive('\n').map(str::to_string).collect();
    // The header line names the columns; rows start after it.
    let mut next = 1.min(lines.len());
    for (title, url) in titles {
        let (Some(url), false) = (url, title.is_empty()) else { continue };
        let Some(at) = (next..lines.len()).find(|&i| lines[i].contains(title.as_str())) else { continue };
        lines[at] = lines[at].replacen(title.as_str(), &hyperlink(url, title), 1);
        next = at + 1;
    }
    lines.concat()
}

#[cfg(test)]
mod tests {
    use crate::talks::title_links::*;

    #[test]
    fn links_cannot_be_broken_out_of() {
        assert_eq!(hyperlink("https://x.org/a b", "Talk"), "\x1b]8;;https://x.org/a%20b\x1b\\Talk\x1b]8;;\x1b\\");
        let evil = hyperlink("https://x.org/\x1b]8;;evil\x07", "a\x1b]8;;https://evil\x1b\\b");
        // Exactly the two escapes of the link itself, and no BEL.
        assert_eq!(evil.matches('\x1b').count(), 4, "{evil:?}");
        assert!(!evil.contains('\x07'));
        assert!(evil.contains("%1B]8;;evil%07") && evil.contains("a\\e]8;;https://evil\\e\\b"), "{evil:?}");
        assert_eq!(safe_url("https://ex.org/é"), "https://ex.org/%C3%A9");
        assert_eq!(hyperlink_or_text("https://x", "t\x1b", false), "t\\e");
    }

    #[test]
    fn wrapped_lines_link_each_line_after_its_label() {
        let drawn = "  video    https://x.org/a-long\n             -path\n";
        let got = link_lines(drawn, "  video    ", 13, "u");
        assert_eq!(
            got,
            "  video    \x1b]8;;u\x1b\\https://x.org/a-long\x1b]8;;\x1b\\\n             \x1b]8;;u\x1b\\-path\x1b]8;;\x1b\\\n"
        );
    }

    #[test]
    fn titles_are_linked_on_their_own_rows() {
        let drawn = "| id | title |\n| 1 | Go |\n| 2 | Go Go |\n";
        let titles = vec![("Go".to_string(), Some("u1".to_string())), ("Go Go".to_string(), Some("u2".to_string()))];
        let got = link_titles(drawn, &titles);
        assert_eq!(
            got,
            "| id | title |\n| 1 | \x1b]8;;u1\x1b\\Go\x1b]8;;\x1b\\ |\n| 2 | \x1b]8;;u2\x1b\\Go Go\x1b]8;;\x1b\\ |\n"
        );
    }
}
