//! Charts drawn as text: bars, histograms, lines and sparklines of a query result, in any terminal
//! and in pipes. Pure functions from rows to lines of text; the `\chart` command picks the data
//! and the width, and this module never looks at a terminal.
//!
//! Unicode block elements give bars eighth-of-a-cell precision; `ascii` draws with `#`, `*` and
//! `|` instead. Several series are told apart by colour when the palette paints, else by letters.

mod bars;
pub(crate) mod facet_counts;
mod hist;
mod lines;
pub(crate) mod stats;

use rusqlite::types::Value;

use crate::engine::capture::Captured;
use crate::engine::style::Palette;

pub use crate::engine::chart::hist::MAX_BINS;

/// The kinds of chart, in the order help and completion list them.
pub const KINDS: &[&str] = &["hbar", "bar", "hist", "line", "spark"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Horizontal bars, one line per label (the default: labels of any length fit).
    HBar,
    /// Vertical columns.
    Bar,
    Hist,
    Line,
    Spark,
}

impl Kind {
    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name.to_ascii_lowercase().as_str() {
            "hbar" => Kind::HBar,
            "bar" => Kind::Bar,
            "hist" | "histogram" => Kind::Hist,
            "line" => Kind::Line,
            "spark" | "sparkline" => Kind::Spark,
            _ => return None,
        })
    }
}

/// How the chart looks: width, characters, colour.
#[derive(Debug, Clone)]
pub struct Look {
    pub width: usize,
    pub ascii: bool,
    pub palette: Palette,
    /// Wrap the chart in a fenced block, for Markdown files.
    pub markdown: bool,
    /// Most labels drawn before "and N more".
    pub top: usize,
    /// Shown for NULL labels.
    pub null_marker: String,
}

impl Look {
    #[cfg(test)]
    pub fn plain(width: usize) -> Look {
        Look {
            width,
            ascii: false,
            palette: Palette::new(false),
            markdown: false,
            top: DEFAULT_TOP,
            null_marker: "<null>".into(),
        }
    }
}

/// Labels drawn by default before the rest are summed up as "and N more".
pub const DEFAULT_TOP: usize = 30;

/// What to chart: which columns, which kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub kind: Kind,
    pub label: Option<String>,
    pub values: Vec<String>,
    /// `hist COLUMN [BINS]`.
    pub bins: Option<usize>,
}

/// One numeric column.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// Labels and the series drawn against them.
#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    pub label_name: String,
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    /// Notes for the footer (NULLs skipped, labels left out, rows not kept).
    pub notes: Vec<String>,
}

/// Draws `request` over `result`: the chart's lines, or one line saying why not.
pub fn draw(result: &Captured, request: &Request, look: &Look) -> Result<String, String> {
    if result.columns.is_empty() {
        return Err("the last result has no columns to chart".into());
    }
    if result.rows.is_empty() {
        return Err("the last result has no rows to chart".into());
    }
    let mut body = match request.kind {
        Kind::Hist => hist::draw(result, request, look)?,
        kind => {
            let mut data = select(result, request, look)?;
            match kind {
                Kind::HBar => bars::hbar(&mut data, look),
                Kind::Bar => bars::columns(&mut data, look),
                Kind::Line => lines::line(&mut data, look),
                _ => lines::spark(&mut data, look),
            }
        }
    };
    if let Some(note) = result.capped_note() {
        body.push_str(&dim_line(look, &note));
    }
    Ok(if look.markdown { format!("```text\n{body}```\n") } else { body })
}

/// True when every non-NULL value of column `i` is a number (and there is at least one).
fn is_numeric(result: &Captured, i: usize) -> bool {
    let mut any = false;
    for row in &result.rows {
        match row.get(i) {
            Some(Value::Integer(_) | Value::Real(_)) => any = true,
            Some(Value::Null) | None => {}
            _ => return false,
        }
    }
    any
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Integer(i) => Some(*i as f64),
        Value::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

/// The column called `name`, or one line naming the columns there are.
fn column(result: &Captured, name: &str) -> Result<usize, String> {
    result
        .column(name)
        .ok_or_else(|| format!("no column {name} in the last result (columns: {})", result.columns.join(", ")))
}

/// Picks the label column and the series: the first text column labels, the numeric columns are
/// series; with no text column, the first of several numeric columns labels (`year, count(*)`).
fn select(result: &Captured, request: &Request, look: &Look) -> Result<Data, String> {
    let ncols = result.columns.len();
    let numeric: Vec<bool> = (0..ncols).map(|i| is_numeric(result, i)).collect();
    let label = match &request.label {
        Some(name) => Some(column(result, name)?),
        None if !request.values.is_empty() => {
            let chosen: Vec<usize> = request.values.iter().map(|v| column(result, v)).collect::<Result<_, _>>()?;
            (0..ncols).find(|i| !chosen.contains(i))
        }
        None => (0..ncols).find(|&i| !numeric[i]).or_else(|| (numeric.iter().filter(|n| **n).count() > 1).then_some(0)),
    };
    let series_cols: Vec<usize> = if request.values.is_empty() {
        (0..ncols).filter(|&i| numeric[i] && Some(i) != label).collect()
    } else {
        request.values.iter().map(|v| column(result, v)).collect::<Result<_, _>>()?
    };
    if series_cols.is_empty() {
        return Err(format!(
            "nothing to chart: no numeric column in the last result ({}); chart a count, e.g. select kind, count(*) from talks group by kind \\chart",
            result.columns.join(", ")
        ));
    }
    if let Some(&bad) = series_cols.iter().find(|&&i| !numeric[i]) {
        return Err(format!("column {} is not numeric; a series needs numbers", result.columns[bad]));
    }
    let labels: Vec<String> = result
        .rows
        .iter()
        .enumerate()
        .map(|(n, row)| match label.and_then(|l| row.get(l)) {
            Some(Value::Null) => look.null_marker.clone(),
            Some(v) => label_text(v),
            None => (n + 1).to_string(),
        })
        .collect();
    let series: Vec<Series> = series_cols
        .iter()
        .map(|&i| Series {
            name: result.columns[i].clone(),
            values: result.rows.iter().map(|row| row.get(i).and_then(number)).collect(),
        })
        .collect();
    let infinite: usize = series_cols
        .iter()
        .map(|&i| result.rows.iter().filter(|r| matches!(r.get(i), Some(Value::Real(v)) if v.is_infinite())).count())
        .sum();
    let nulls: usize = series.iter().map(|s| s.values.iter().filter(|v| v.is_none()).count()).sum::<usize>() - infinite;
    let mut notes = Vec::new();
    if nulls > 0 {
        notes.push(format!("{nulls} NULL {} skipped", if nulls == 1 { "value" } else { "values" }));
    }
    if let Some(note) = infinite_note(infinite) {
        notes.push(note);
    }
    let label_name = label.map_or_else(|| "row".to_string(), |l| result.columns[l].clone());
    Ok(Data { label_name: crate::engine::render::escape_controls(&label_name), labels, series, notes })
}

/// `2 infinite values (Inf) skipped`: a bar cannot be infinitely long, and they are not NULLs.
fn infinite_note(n: usize) -> Option<String> {
    (n > 0).then(|| format!("{n} infinite {} (Inf) skipped", if n == 1 { "value" } else { "values" }))
}

/// A label's text, made safe for a terminal and kept to one line.
fn label_text(v: &Value) -> String {
    let text = match v {
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => fmt_num(*r),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => format!("x'{}'", crate::engine::render::hex(b)),
        Value::Null => String::new(),
    };
    crate::engine::render::escape_controls(&text).replace('\n', " ")
}

/// A number as a chart shows it: whole numbers as they are, others with at most two decimals,
/// huge ones in exponent form (`1e308` written out is 309 digits: no room left for a bar).
pub fn fmt_num(v: f64) -> String {
    // As SQLite names them.
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Inf".into() } else { "-Inf".into() };
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    if v.abs() >= 1e15 {
        let s = format!("{v:.2e}");
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        return format!("{}e{exp}", mantissa.trim_end_matches('0').trim_end_matches('.'));
    }
    let s = if v.abs() >= 1.0 { format!("{v:.2}") } else { format!("{v:.3}") };
    let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    if s == "-0" { "0".into() } else { s }
}

/// Keeps at most `top` labels: the largest by the first series (largest first, or in result order
/// with `in_order`), with a note saying how many were left out.
fn keep_top(data: &mut Data, top: usize, what: &str, in_order: bool) {
    let n = data.labels.len();
    if n <= top {
        return;
    }
    let first = &data.series[0].values;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (first[a].unwrap_or(f64::NEG_INFINITY), first[b].unwrap_or(f64::NEG_INFINITY));
        y.total_cmp(&x).then(a.cmp(&b))
    });
    order.truncate(top);
    if in_order {
        order.sort_unstable();
    }
    data.labels = order.iter().map(|&i| data.labels[i].clone()).collect();
    for s in &mut data.series {
        s.values = order.iter().map(|&i| s.values[i]).collect();
    }
    data.notes.push(format!(
        "top {top} {what} by {} shown, and {} more (--top N shows more)",
        data.series[0].name,
        n - top
    ));
}

/// Text cut to `width` columns with `…` (`.` when drawing in ASCII).
fn fit(text: &str, width: usize, ascii: bool) -> String {
    let w = crate::engine::render::display_width(text);
    if w <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push(if ascii { '.' } else { '…' });
    out
}

/// `text` padded with spaces to `width` columns (left-aligned).
fn pad(text: &str, width: usize) -> String {
    let w = crate::engine::render::display_width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// `text` right-aligned in `width` columns.
fn pad_left(text: &str, width: usize) -> String {
    let w = crate::engine::render::display_width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

/// `text` dimmed, then a newline (outside the colour, so the next line starts clean).
fn dim_line(look: &Look, text: &str) -> String {
    format!("{}\n", look.palette.paint(crate::engine::style::Role::Dim, text))
}

/// The footer: one dim line per note.
fn footer(data: &Data, look: &Look) -> String {
    data.notes.iter().map(|n| dim_line(look, n)).collect()
}

/// How series `i` is told apart: its colour when painting, else a letter before it.
fn marker(look: &Look, i: usize, count: usize) -> Option<char> {
    (count > 1 && !look.palette.enabled).then(|| (b'a' + (i % 26) as u8) as char)
}

/// A legend line when there are several series: colour swatches, or letters.
fn legend(data: &Data, look: &Look) -> String {
    if data.series.len() < 2 {
        return String::new();
    }
    let swatch = if look.ascii { "#" } else { "█" };
    let parts: Vec<String> = data
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = crate::engine::render::escape_controls(&s.name);
            match marker(look, i, data.series.len()) {
                Some(m) => format!("{m} = {name}"),
                None => format!("{} {name}", look.palette.series(i, swatch)),
            }
        })
        .collect();
    format!("{}\n", parts.join("   "))
}

#[cfg(test)]
mod tests;
