//! HTML: talkcli's `<table>` (`\\T html`: a header row, escaped data, numbers right-aligned), and
//! sqlite3's html mode byte for byte (`.mode html`, `-html`: `<TR>` rows, no `<table>`). Rows stream.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use super::delimited::{c_str, scalar};
use super::{RenderContext, Renderer, display_text, escape_controls};

pub struct HtmlRenderer {
    ctx: RenderContext,
}

impl HtmlRenderer {
    pub fn new(ctx: RenderContext) -> Self {
        HtmlRenderer { ctx }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl Renderer for HtmlRenderer {
    fn begin(&mut self, out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        out.write_all(b"<table>\n<tr>")?;
        for c in columns {
            write!(out, "<th>{}</th>", escape(&escape_controls(c)))?;
        }
        out.write_all(b"</tr>\n")
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        out.write_all(b"<tr>")?;
        for v in row {
            let align = if matches!(v, ValueRef::Integer(_) | ValueRef::Real(_)) { " align=\"right\"" } else { "" };
            write!(out, "<td{align}>{}</td>", escape(&display_text(*v, &self.ctx.null_marker)))?;
        }
        out.write_all(b"</tr>\n")
    }

    fn end(&mut self, out: &mut dyn Write, _total: Option<u64>) -> io::Result<()> {
        out.write_all(b"</table>\n")
    }
}

/// sqlite3's `.mode html`: a `<TR>` per row, one `<TD>` line per value, the header (when on) as
/// `<TH>` before the first row; values as sqlite3 prints a column (a C string), NULL as `.nullvalue`.
pub struct Sqlite3HtmlRenderer {
    header: bool,
    columns: Vec<String>,
    null: String,
}

impl Sqlite3HtmlRenderer {
    pub fn new(headers: bool, null: &str) -> Self {
        Sqlite3HtmlRenderer { header: headers, columns: Vec::new(), null: null.to_string() }
    }
}

/// sqlite3's `output_html_string`: the five markup characters as entities, bytes otherwise as they are.
fn sqlite3_escaped(out: &mut dyn Write, text: &[u8]) -> io::Result<()> {
    for part in text.split_inclusive(|b| b"<&>\"'".contains(b)) {
        let (body, entity): (&[u8], &[u8]) = match part.split_last() {
            Some((b'<', body)) => (body, b"&lt;"),
            Some((b'&', body)) => (body, b"&amp;"),
            Some((b'>', body)) => (body, b"&gt;"),
            Some((b'"', body)) => (body, b"&quot;"),
            Some((b'\'', body)) => (body, b"&#39;"),
            _ => (part, b""),
        };
        out.write_all(body)?;
        out.write_all(entity)?;
    }
    Ok(())
}

impl Renderer for Sqlite3HtmlRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if std::mem::take(&mut self.header) {
            out.write_all(b"<TR>")?;
            for c in &self.columns {
                out.write_all(b"<TH>")?;
                sqlite3_escaped(out, &crate::rawtext::encode(c))?;
                out.write_all(b"</TH>\n")?;
            }
            out.write_all(b"</TR>\n")?;
        }
        out.write_all(b"<TR>")?;
        for v in row {
            out.write_all(b"<TD>")?;
            match v {
                ValueRef::Null => sqlite3_escaped(out, self.null.as_bytes())?,
                v => scalar(out, *v, |out, t| sqlite3_escaped(out, c_str(t)))?,
            }
            out.write_all(b"</TD>\n")?;
        }
        out.write_all(b"</TR>\n")
    }

    fn end(&mut self, _out: &mut dyn Write, _total: Option<u64>) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        let mut r = HtmlRenderer::new(RenderContext::plain());
        let mut out = Vec::new();
        r.begin(&mut out, &["a<b".into(), "n".into()]).expect("begin");
        r.row(&mut out, &[ValueRef::Text(b"<script>&'\""), ValueRef::Integer(3)]).expect("row");
        r.row(&mut out, &[ValueRef::Null, ValueRef::Real(0.5)]).expect("row");
        r.end(&mut out, Some(2)).expect("end");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "<table>\n<tr><th>a&lt;b</th><th>n</th></tr>\n\
             <tr><td>&lt;script&gt;&amp;&#39;&quot;</td><td align=\"right\">3</td></tr>\n\
             <tr><td>&lt;null&gt;</td><td align=\"right\">0.5</td></tr>\n</table>\n"
        );
    }

    #[test]
    fn sqlite3_html_is_sqlite3s_bytes() {
        let mut r = Sqlite3HtmlRenderer::new(true, "N");
        let mut out = Vec::new();
        r.begin(&mut out, &["a<b".into(), "n".into()]).expect("begin");
        r.row(&mut out, &[ValueRef::Text(b"<x>&'\"\xe9"), ValueRef::Null]).expect("row");
        r.row(&mut out, &[ValueRef::Blob(b"ab\0cd"), ValueRef::Real(1e20)]).expect("row");
        assert_eq!(
            out,
            b"<TR><TH>a&lt;b</TH>\n<TH>n</TH>\n</TR>\n<TR><TD>&lt;x&gt;&amp;&#39;&quot;\xe9</TD>\n<TD>N</TD>\n</TR>\n\
              <TR><TD>ab</TD>\n<TD>1.0e+20</TD>\n</TR>\n"
        );
    }
}
