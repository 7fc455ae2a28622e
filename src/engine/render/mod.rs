//! Result renderers: one file per output format, all behind one streaming trait.
//!
//! A renderer receives the column names, then each row as borrowed SQLite values, then the end.
//! Streaming formats write every row at once; the table buffers what it must to size its columns.
//! Nothing here knows about terminals beyond the width it is handed.
mod csv_tsv;
pub(crate) mod delimited;
pub(crate) mod explain;
mod html;
mod json;
mod markdown;
mod table;
mod text;
mod titled;
mod vertical;

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::settings::{Columnar, ColumnarMode, Expanded, Format, Overflow, Settings, TableStyle, Wide};
use crate::engine::sql::number;
use crate::engine::style::Palette;

pub use crate::engine::render::csv_tsv::{csv_with, tsv_with};
pub use crate::engine::render::explain::{BytecodeRenderer, PlanRenderer, PlanRow, plan_tree};
pub use crate::engine::render::html::HtmlRenderer;
pub use crate::engine::render::json::{JsonRenderer, JsonlRenderer};
pub use crate::engine::render::markdown::MarkdownRenderer;
pub use crate::engine::render::table::TableRenderer;
pub use crate::engine::render::text::{
    display_width, escape_controls, hanging, push_escaped, split_at_width, truncate,
};
pub use crate::engine::render::titled::Titled;
pub use crate::engine::render::vertical::VerticalRenderer;

/// What a renderer needs to know about where its output goes.
#[derive(Debug, Clone)]
pub struct RenderContext {
    pub null_marker: String,
    pub palette: Palette,
    /// Terminal width to fit tables into; `None` when writing to a pipe or file.
    pub width: Option<u16>,
    /// Output goes to a terminal: formats that keep sqlite3's bytes elsewhere escape controls.
    pub to_terminal: bool,
    /// Most rows a table shows; `None` for no limit.
    pub row_limit: Option<usize>,
    /// Output goes to a pipe: a table is drawn in batches as its rows arrive (see `table.rs`), so
    /// a reader that stops early (`| head -1`) stops the query, even an endless one.
    pub stream: bool,
    /// ASCII or Unicode box rules for tables.
    pub style: TableStyle,
    /// What a table does with a cell too wide for the terminal.
    pub overflow: Overflow,
    /// `\x auto`: a table whose rows do not fit the width is drawn as vertical records instead.
    pub auto_vertical: bool,
    /// With `auto_vertical`, how a table wider than the terminal is shown (`\pset wide`).
    pub wide: Wide,
    /// Widest a text value is shown in a table or records on a terminal (0: no maximum).
    pub max_field_width: usize,
    /// `.headers`: column names in csv, tsv, list, quote and insert.
    pub headers: bool,
    /// `.separator` (and `.mode` as sqlite3 sets it): the column and row separators of list, csv
    /// and tsv; `None` is the format's own (`|`, `,`, tab; newline).
    pub col_separator: Option<String>,
    pub row_separator: Option<String>,
    /// sqlite3's `.nullvalue`: NULL in list, csv and tsv (empty by default).
    pub list_null: String,
    /// The format was chosen with sqlite3's `.mode`: json prints nothing for an empty result.
    pub sqlite3_mode: bool,
    /// The table `insert` names.
    pub insert_table: String,
    /// sqlite3's columnar layout for table, box and markdown results (see `columnar_for`).
    pub columnar: Option<Columnar>,
    /// `.width`: sqlite3's column widths for its columnar modes.
    pub widths: Vec<i64>,
    /// psql's `\t`: tables and records without column names.
    pub tuples_only: bool,
    /// The row-count line under tables and records (psql's `\pset footer`, off with `\t`).
    pub footer: bool,
    /// psql's `\pset border` (0, 1 or 2) for tables (2 by default, as pgcli frames them).
    pub border: u8,
    /// psql's `\pset border` as the user set it, `None` when never set: vertical records follow it
    /// (unset, they are pgcli's `-[ RECORD 1 ]-----`), and HTML makes it the border attribute.
    pub border_set: Option<u8>,
}

impl RenderContext {
    pub fn from_settings(settings: &Settings, to_terminal: bool, width: Option<u16>) -> Self {
        RenderContext {
            null_marker: settings.null_marker.clone(),
            palette: Palette::themed(settings.paints(to_terminal), settings.theme),
            width: if to_terminal { width } else { None },
            to_terminal,
            row_limit: to_terminal.then_some(settings.row_limit),
            stream: false,
            style: settings.table_style,
            overflow: settings.overflow,
            auto_vertical: settings.expanded == Expanded::Auto,
            // Scrolling needs the pager; without it a wide table is fitted.
            wide: if settings.wide == Wide::Scroll && !settings.pager { Wide::Fit } else { settings.wide },
            max_field_width: settings.max_field_width,
            headers: settings.headers && !settings.tuples_only,
            col_separator: settings.col_separator.clone(),
            row_separator: settings.row_separator.clone(),
            list_null: settings.list_null.clone(),
            sqlite3_mode: settings.sqlite3_mode,
            insert_table: settings.insert_table.clone(),
            columnar: columnar_for(settings, to_terminal),
            widths: settings.widths.clone(),
            tuples_only: settings.tuples_only,
            footer: settings.footer && !settings.tuples_only,
            border: settings.border.unwrap_or(2),
            border_set: settings.border,
        }
    }

    #[cfg(test)]
    /// A context for tests and plain output: no colour, no width, no limit.
    pub fn plain() -> Self {
        RenderContext {
            null_marker: "<null>".to_string(),
            palette: Palette::new(false),
            width: None,
            to_terminal: false,
            row_limit: None,
            stream: false,
            style: TableStyle::Ascii,
            overflow: Overflow::Truncate,
            auto_vertical: false,
            wide: Wide::Fit,
            max_field_width: 0,
            headers: true,
            col_separator: None,
            row_separator: None,
            list_null: String::new(),
            sqlite3_mode: false,
            insert_table: "table".to_string(),
            columnar: None,
            widths: Vec::new(),
            tuples_only: false,
            footer: true,
            border: 2,
            border_set: None,
        }
    }
}

/// Whether a result is drawn in sqlite3's columnar layout: after `.mode box|table|column|markdown`
/// (sqlite3's way of choosing them) while that format is still the one in use, and for the box
/// format written to a pipe or file, as `sqlite3 -box` draws it. `\T table`, `\T box` on a
/// terminal and `\T markdown` keep talkcli's own drawing.
fn columnar_for(settings: &Settings, to_terminal: bool) -> Option<Columnar> {
    match settings.columnar {
        Some(c) if settings.sqlite3_mode && c.mode.format() == settings.format => Some(c),
        _ if settings.format == Format::Box && !to_terminal => {
            Some(Columnar { mode: ColumnarMode::Box, wrap: 0, word_wrap: false, quote: false })
        }
        _ => None,
    }
}

pub trait Renderer {
    fn begin(&mut self, out: &mut dyn Write, columns: &[String]) -> io::Result<()>;
    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()>;
    /// True once the renderer shows no more rows (its row limit is reached): the caller may stop
    /// stepping a read-only query instead of counting every row of a huge result.
    fn full(&self) -> bool {
        false
    }
    /// Called once after the last row; `total` counts every row the query produced, `None` when
    /// stepping stopped early once the renderer was full.
    fn end(&mut self, out: &mut dyn Write, total: Option<u64>) -> io::Result<()>;
    /// Called instead of `end` when a step failed after some rows: a renderer holding rows back
    /// may show them (sqlite3's columnar modes print what they gathered before the error, as
    /// sqlite3 does); the others show nothing more.
    fn failed(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// How a pack decorates one result its command asked for (the talks pack's title links): the
/// renderer wrapped with what it needs from the connection, NULL shown as given.
pub type Decorator = for<'a> fn(Box<dyn Renderer + 'a>, &'a rusqlite::Connection, &str) -> Box<dyn Renderer + 'a>;

/// A pack's renderers: the renderer for `format` in `ctx` when the pack draws it, else `ctx` back.
pub type PackRenderers = fn(Format, RenderContext) -> Result<Box<dyn Renderer>, Box<RenderContext>>;

static PACK_RENDERERS: std::sync::OnceLock<Vec<PackRenderers>> = std::sync::OnceLock::new();

/// Registers the packs' renderers, once per process (see `crate::install_packs`).
pub fn install(renderers: Vec<PackRenderers>) {
    let _ = PACK_RENDERERS.set(renderers);
}

/// The renderer for a format: a pack's when one draws it (sqlite3's byte-exact modes), else the
/// engine's own.
pub fn renderer_for(format: Format, ctx: RenderContext) -> Box<dyn Renderer> {
    #[cfg(test)]
    crate::install_packs();
    let mut ctx = ctx;
    for pack in PACK_RENDERERS.get().map(Vec::as_slice).unwrap_or_default() {
        match pack(format, ctx) {
            Ok(renderer) => return renderer,
            Err(back) => ctx = *back,
        }
    }
    match format {
        Format::Table => Box::new(TableRenderer::new(ctx)),
        // A box is framed whatever psql's border says (which is the aligned table's).
        Format::Box => Box::new(TableRenderer::new(RenderContext { style: TableStyle::Unicode, border: 2, ..ctx })),
        Format::Vertical => Box::new(VerticalRenderer::new(ctx)),
        Format::Csv => Box::new(
            csv_with(ctx.headers, sep(&ctx.col_separator, ","), sep(&ctx.row_separator, "\n"))
                .with_null(&ctx.list_null),
        ),
        Format::Tsv => Box::new(
            tsv_with(ctx.headers, sep(&ctx.col_separator, "\t"), sep(&ctx.row_separator, "\n"))
                .with_null(&ctx.list_null),
        ),
        Format::Json => Box::new(JsonRenderer::new().sqlite3(ctx.sqlite3_mode)),
        Format::Jsonl => Box::new(JsonlRenderer::new()),
        Format::Markdown => Box::new(MarkdownRenderer::new(ctx)),
        Format::Html => Box::new(HtmlRenderer::new(ctx)),
        // Drawn by the sqlite3 pack, which every build installs; a plain table otherwise.
        Format::Line | Format::List | Format::Quote | Format::Insert => Box::new(TableRenderer::new(ctx)),
    }
}

/// A separator the user set, else the format's own.
pub(crate) fn sep<'a>(set: &'a Option<String>, default: &'a str) -> &'a str {
    set.as_deref().unwrap_or(default)
}

/// The footer under a table or records: `N rows`, or how many were shown of how many (`more not
/// counted` when the total was not counted) and how to see more, then `note` on its own line.
/// Each line fits `width`, so `less -S` never cuts it.
pub fn footer(total: Option<u64>, shown: u64, note: Option<&str>, width: Option<u16>) -> String {
    let noun = |n: u64| if n == 1 { "row" } else { "rows" };
    let hint = " (\\pset row_limit N shows more)";
    let n = crate::engine::sql::group_thousands;
    // One wording for every human format (tables, records, `\x`).
    let (count, more) = match total {
        Some(t) if t <= shown => (format!("{} {}", n(t), noun(t)), ""),
        Some(t) => (format!("{} of {} rows shown", n(shown), n(t)), hint),
        None => (format!("{} {} shown; more not counted", n(shown), noun(shown)), hint),
    };
    let fit = |line: String, short: &str| match width.map(usize::from) {
        Some(w) if display_width(&line) > w => truncate(if display_width(short) <= w { short } else { &line }, w),
        _ => line,
    };
    let mut text = fit(format!("{count}{more}"), &count);
    if let Some(note) = note {
        text.push('\n');
        text.push_str(&fit(format!("({note})"), "(shown as records)"));
    }
    text
}

/// Writes an integer in decimal without going through `fmt` (the hot path of machine formats).
pub fn write_int(out: &mut dyn Write, v: i64) -> io::Result<()> {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let neg = v < 0;
    let mut n = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if neg {
        out.write_all(b"-")?;
    }
    out.write_all(&buf[i..])
}

/// Writes a REAL as SQLite prints it (`sql::number`), without allocating.
pub fn write_real(out: &mut dyn Write, v: f64) -> io::Result<()> {
    let mut buf = [0u8; 50];
    out.write_all(number::real_bytes(v, 17, &mut buf))
}

/// Text of a value for human formats, with control characters made visible so data can never
/// drive the terminal. Newlines stay: tables show them as multi-line cells.
pub fn display_text(v: ValueRef<'_>, null_marker: &str) -> String {
    match v {
        ValueRef::Null => null_marker.to_string(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => number::format_real(r, 17),
        ValueRef::Text(t) => escape_controls(&String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("x'{}'", hex(b)),
    }
}

/// Lower-case hex digits of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// What a renderer writes for `cols` and `rows`, as text: the harness of the renderer unit tests.
#[cfg(test)]
pub(crate) fn rendered(r: &mut dyn Renderer, cols: &[&str], rows: &[Vec<ValueRef<'_>>]) -> String {
    let mut out = Vec::new();
    let cols: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
    r.begin(&mut out, &cols).expect("begin");
    for row in rows {
        r.row(&mut out, row).expect("row");
    }
    r.end(&mut out, Some(rows.len() as u64)).expect("end");
    String::from_utf8(out).expect("utf8")
}

#[cfg(test)]
mod tests {
    use crate::engine::render::*;

    #[test]
    fn reals_print_as_sqlite_prints_them() {
        let conn = rusqlite::Connection::open_in_memory().expect("memory db");
        for v in [
            1.0,
            0.1,
            0.1 + 0.2,
            2.5,
            -3.75,
            1e15,
            1e16,
            1e17,
            1.5e17,
            123456.789,
            1e-5,
            0.0001,
            1.0 / 3.0,
            6.02e23,
            -0.5,
            100.0,
            1e300,
            2.5e-300,
        ] {
            let sqlite: String = conn.query_row("SELECT CAST(?1 AS TEXT)", [v], |r| r.get(0)).expect("cast");
            assert_eq!(number::format_real(v, 17), sqlite, "value {v:e}");
        }
    }

    #[test]
    fn integers_and_reals_write_without_fmt() {
        for v in [0, 7, -1, 10, i64::MIN, i64::MAX, 1234567890] {
            let mut out = Vec::new();
            write_int(&mut out, v).expect("write");
            assert_eq!(String::from_utf8(out).expect("utf8"), v.to_string());
        }
        let mut out = Vec::new();
        write_real(&mut out, 0.1 + 0.2).expect("write");
        assert_eq!(out, number::format_real(0.1 + 0.2, 17).as_bytes());
    }

    #[test]
    fn null_is_the_marker_and_empty_stays_empty() {
        assert_eq!(display_text(ValueRef::Null, "<null>"), "<null>");
        assert_eq!(display_text(ValueRef::Text(b""), "<null>"), "");
        assert_eq!(display_text(ValueRef::Blob(&[0, 255]), "<null>"), "x'00ff'");
    }
}
