//! sqlite3's html mode byte for byte (`.mode html`, `-html`): `<TR>` rows, no `<table>`.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::Renderer;
use crate::engine::render::delimited::{c_str, scalar};

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
                sqlite3_escaped(out, &crate::engine::rawtext::encode(c))?;
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
    use crate::sqlite3::render::html::*;

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
