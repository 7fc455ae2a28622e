//! An HTML `<table>`, as `sqlite3 -html` would print it but with a header row and escaped data.
//! Rows stream.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::{RenderContext, Renderer, display_text, escape_controls};

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
        // psql's `\pset border N`, once set, is the table's border attribute, as psql writes it.
        match self.ctx.border_set {
            Some(border) => write!(out, "<table border=\"{border}\">\n<tr>")?,
            None => out.write_all(b"<table>\n<tr>")?,
        }
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

#[cfg(test)]
mod tests {
    use crate::engine::render::html::*;

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
    fn a_border_set_with_pset_is_the_border_attribute() {
        let mut r = HtmlRenderer::new(RenderContext { border_set: Some(0), ..RenderContext::plain() });
        let out = crate::engine::render::rendered(&mut r, &["n"], &[vec![ValueRef::Integer(1)]]);
        assert!(out.starts_with("<table border=\"0\">\n<tr><th>n</th></tr>\n"), "{out}");
    }
}
