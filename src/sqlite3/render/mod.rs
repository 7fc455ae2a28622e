//! The sqlite3 shell's own output modes, byte for byte: list, quote and insert; line; the columnar
//! modes (`.mode box|table|column|markdown` with sqlite3's widths); html as sqlite3 writes it.

pub(crate) mod columnar;
pub(crate) mod html;
pub(crate) mod line;
pub(crate) mod list;

use crate::engine::render::{RenderContext, Renderer, sep};
use crate::engine::settings::Format;

/// The renderer for `format` when the sqlite3 pack draws it, else `ctx` back for the engine.
pub(crate) fn renderer(format: Format, ctx: RenderContext) -> Result<Box<dyn Renderer>, Box<RenderContext>> {
    Ok(match format {
        Format::Table | Format::Box | Format::Markdown if ctx.columnar.is_some() => {
            Box::new(columnar::ColumnarRenderer::new(ctx))
        }
        Format::Line => Box::new(line::LineRenderer::new(ctx.to_terminal).with_null(&ctx.list_null)),
        Format::List => Box::new(
            list::list(ctx.headers, sep(&ctx.col_separator, "|"), sep(&ctx.row_separator, "\n"))
                .with_null(&ctx.list_null),
        ),
        Format::Quote => Box::new(list::quote(ctx.headers)),
        Format::Insert => Box::new(list::InsertRenderer::new(ctx.headers, &ctx.insert_table)),
        Format::Html if ctx.sqlite3_mode => Box::new(html::Sqlite3HtmlRenderer::new(ctx.headers, &ctx.list_null)),
        _ => return Err(Box::new(ctx)),
    })
}
