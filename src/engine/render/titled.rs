//! psql's table title (`\C TITLE`, `\pset title`): one line above a result, around any human
//! format's renderer, so no renderer needs to know about titles.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::{Renderer, escape_controls};

pub struct Titled<'a> {
    inner: Box<dyn Renderer + 'a>,
    title: String,
}

impl<'a> Titled<'a> {
    pub fn wrap(inner: Box<dyn Renderer + 'a>, title: &str) -> Box<dyn Renderer + 'a> {
        Box::new(Titled { inner, title: escape_controls(title) })
    }
}

impl Renderer for Titled<'_> {
    fn begin(&mut self, out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        writeln!(out, "{}", self.title)?;
        self.inner.begin(out, columns)
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        self.inner.row(out, row)
    }

    fn full(&self) -> bool {
        self.inner.full()
    }

    fn end(&mut self, out: &mut dyn Write, total: Option<u64>) -> io::Result<()> {
        self.inner.end(out, total)
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::render::titled::*;
    use crate::engine::render::{RenderContext, TableRenderer, rendered};

    #[test]
    fn the_title_comes_first_escaped() {
        let mut r = Titled::wrap(Box::new(TableRenderer::new(RenderContext::plain())), "Talks\x1b[31m");
        let out = rendered(r.as_mut(), &["id"], &[vec![ValueRef::Integer(1)]]);
        assert!(out.starts_with("Talks\\e[31m\n+----+\n"), "{out}");
    }
}
