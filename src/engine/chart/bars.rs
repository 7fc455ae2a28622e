//! Bar charts: horizontal bars (one line per label and series, value at the end) and vertical
//! columns (one small chart per series, values on top, labels underneath that never overlap).

use crate::engine::chart::{Data, Look, dim_line, fit, fmt_num, footer, keep_top, legend, marker, pad, pad_left};

/// Left-to-right eighth blocks: index n draws n/8 of a cell.
const EIGHTHS: [&str; 9] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];
/// Bottom-up eighth blocks for columns.
const RISING: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
/// Rows of a column chart.
const HEIGHT: usize = 10;

/// A bar `cells` long growing right from zero (eighth precision, or whole `#` in ASCII).
fn right_bar(cells: f64, ascii: bool) -> String {
    if ascii {
        return "#".repeat(cells.round() as usize);
    }
    let eighths = ((cells * 8.0).round() as usize).max(1);
    format!("{}{}", "█".repeat(eighths / 8), EIGHTHS[eighths % 8])
}

/// A bar `cells` long growing left from zero, right-aligned in `room` (half-cell precision: the
/// only left-growing partial block is the right half).
fn left_bar(cells: f64, room: usize, ascii: bool) -> String {
    let halves = ((cells * 2.0).round() as usize).max(1).min(room * 2);
    let (full, half) = (halves / 2, halves % 2 == 1);
    let (fill, part) = if ascii { ("#", "#") } else { ("█", "▐") };
    let bar = format!("{}{}", if half { part } else { "" }, fill.repeat(full));
    pad_left(&bar, room)
}

/// Horizontal bars: `label  ████▍ 42`, bars left of a zero axis for negative values.
pub(super) fn hbar(data: &mut Data, look: &Look) -> String {
    keep_top(data, look.top, "labels", false);
    let count = data.series.len();
    let all: Vec<f64> = data.series.iter().flat_map(|s| s.values.iter().flatten().copied()).collect();
    let lo = all.iter().copied().fold(0.0_f64, f64::min);
    let hi = all.iter().copied().fold(0.0_f64, f64::max);
    let value_w = all.iter().map(|v| fmt_num(*v).len()).max().unwrap_or(1);
    let longest = data.labels.iter().map(|l| crate::engine::render::display_width(l)).max().unwrap_or(0);
    let label_w = longest.min((look.width / 3).max(6));
    let mark_w = if marker(look, 0, count).is_some() { 2 } else { 0 };
    let axis = usize::from(lo < 0.0);
    let area = look.width.saturating_sub(label_w + 2 + mark_w + 1 + value_w + axis).max(4);
    let unit = if hi - lo > 0.0 { area as f64 / (hi - lo) } else { 0.0 };
    let neg_w = if lo < 0.0 { (-lo * unit).round() as usize } else { 0 };

    let mut out = String::new();
    if count == 1 {
        let title = format!("{} by {}", data.series[0].name, data.label_name);
        out.push_str(&dim_line(look, &crate::engine::render::escape_controls(&title)));
    } else {
        out.push_str(&legend(data, look));
    }
    for (row, label) in data.labels.iter().enumerate() {
        let mut first = true;
        for (i, s) in data.series.iter().enumerate() {
            let Some(v) = s.values[row] else { continue };
            let shown = if first { fit(label, label_w, look.ascii) } else { String::new() };
            first = false;
            let mut line = format!("{}  ", pad(&shown, label_w));
            if let Some(m) = marker(look, i, count) {
                line.push(m);
                line.push(' ');
            }
            let paint = |bar: &str| look.palette.series(i, bar);
            if lo < 0.0 {
                let left = if v < 0.0 { left_bar(-v * unit, neg_w, look.ascii) } else { " ".repeat(neg_w) };
                line.push_str(&paint(&left));
                line.push_str(if look.ascii { "|" } else { "│" });
            }
            if v > 0.0 {
                line.push_str(&paint(&right_bar(v * unit, look.ascii)));
            }
            line.push(' ');
            line.push_str(&fmt_num(v));
            out.push_str(line.trim_end_matches(' '));
            out.push('\n');
        }
    }
    out.push_str(&footer(data, look));
    out
}

/// Vertical columns, one small chart per series (so series never hide each other).
pub(super) fn columns(data: &mut Data, look: &Look) -> String {
    if data.series.iter().flat_map(|s| s.values.iter().flatten()).any(|v| *v < 0.0) {
        data.notes.insert(0, "negative values: drawn as horizontal bars, left of zero (columns start at zero)".into());
        return hbar(data, look);
    }
    // Each series is its own small chart with its own scale: series of different units
    // (counts, minutes) stay readable.
    let tops: Vec<f64> =
        data.series.iter().map(|s| s.values.iter().flatten().copied().fold(0.0_f64, f64::max)).collect();
    let axis_w = tops.iter().map(|t| fmt_num(*t).len()).max().unwrap_or(1);
    let avail = look.width.saturating_sub(axis_w + 1).max(2);
    // Each column needs at least one cell and one space.
    if data.labels.len() > avail / 2 {
        keep_top(data, avail / 2, "columns", true);
    }
    let n = data.labels.len().max(1);
    let cw = (avail / n).saturating_sub(1).clamp(1, 8);
    let mut out = String::new();
    let several = data.series.len() > 1;
    for (i, s) in data.series.iter().enumerate() {
        let title = if several { look.palette.series(i, &s.name) } else { s.name.clone() };
        let title = format!("{} by {}", title, data.label_name);
        out.push_str(&if several { format!("{title}\n") } else { dim_line(look, &title) });
        out.push_str(&column_chart(&data.labels, &s.values, tops[i], cw, axis_w, i, look));
    }
    out.push_str(&footer(data, look));
    if data.labels.len() > 1 && skipped_labels(&data.labels, cw, avail) > 0 {
        out.push_str(&dim_line(look, "some labels are left out so none overlap; \\chart hbar shows each"));
    }
    out
}

/// How many labels the label line leaves out for lack of room.
fn skipped_labels(labels: &[String], cw: usize, avail: usize) -> usize {
    x_labels(labels, cw, avail, false).1
}

/// The line of labels under the columns: each starts under its column, cut to fit, and is left
/// out when it would touch the previous one. Returns the line and how many were left out.
fn x_labels(labels: &[String], cw: usize, avail: usize, ascii: bool) -> (String, usize) {
    let mut line = String::new();
    let mut used = 0;
    let mut skipped = 0;
    for (i, label) in labels.iter().enumerate() {
        let x = i * (cw + 1);
        if x < used + usize::from(used > 0) || x >= avail {
            skipped += 1;
            continue;
        }
        // Wide columns cut each label to the column; narrow ones let a label run on and leave
        // out the ones it would touch.
        let room = if cw >= 4 { cw } else { (avail - x).min(12) };
        let text = fit(label, room, ascii);
        line.push_str(&" ".repeat(x - used));
        line.push_str(&text);
        used = x + crate::engine::render::display_width(&text);
    }
    (line, skipped)
}

fn column_chart(
    labels: &[String],
    values: &[Option<f64>],
    top: f64,
    cw: usize,
    axis_w: usize,
    series: usize,
    look: &Look,
) -> String {
    let scale = if top > 0.0 { (HEIGHT * 8) as f64 / top } else { 0.0 };
    let eighths: Vec<Option<usize>> =
        values.iter().map(|v| v.map(|v| ((v * scale).round() as usize).max(usize::from(v > 0.0)))).collect();
    let avail = labels.len() * (cw + 1);
    let mut out = String::new();
    // One row above the plot, for the value of the tallest column.
    for r in (0..=HEIGHT).rev() {
        let axis_label = match r {
            r if r == HEIGHT - 1 => fmt_num(top),
            0 => "0".to_string(),
            _ => String::new(),
        };
        let tick = match (r == HEIGHT, axis_label.is_empty(), look.ascii) {
            (true, _, _) => " ",
            (_, false, true) => "+",
            (_, false, false) => "┤",
            (_, true, true) => "|",
            (_, true, false) => "│",
        };
        let mut line = format!("{}{tick}", pad_left(&axis_label, axis_w));
        let mut col = 0;
        for (i, e) in eighths.iter().enumerate() {
            let x = i * (cw + 1);
            if col > x {
                continue; // a value text above spilled over here
            }
            line.push_str(&" ".repeat(x - col));
            col = x;
            let Some(e) = *e else { continue };
            let fill = e.saturating_sub(r * 8).min(8);
            let value_row = e.div_ceil(8).max(1);
            if fill > 0 && r < HEIGHT {
                let glyph = if look.ascii { if fill >= 4 { "#" } else { " " } } else { RISING[fill] };
                line.push_str(&look.palette.series(series, &glyph.repeat(cw)));
                col += cw;
            } else if r == value_row {
                let text = values[i].map(fmt_num).unwrap_or_default();
                if text.len() <= cw && x + text.len() <= avail {
                    line.push_str(&text);
                    col += text.len();
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let (corner, rule) = if look.ascii { ("+", "-") } else { ("└", "─") };
    out.push_str(&format!("{}{corner}{}\n", " ".repeat(axis_w), rule.repeat(avail.saturating_sub(1))));
    let (line, _) = x_labels(labels, cw, avail, look.ascii);
    out.push_str(format!("{} {}\n", " ".repeat(axis_w), line).trim_end());
    out.push('\n');
    out
}
