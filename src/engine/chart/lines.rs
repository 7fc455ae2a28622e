//! Line charts (points joined by dots on a grid with a value axis) and sparklines (one line of
//! eighth blocks per series). More points than columns are averaged into buckets, with a note.

use crate::engine::chart::{Data, Look, dim_line, fit, fmt_num, footer, legend, marker, pad, pad_left};

/// Sparkline levels, lowest to highest.
const LEVELS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
const ASCII_LEVELS: [&str; 8] = ["_", ".", "-", "~", "=", "+", "*", "#"];
/// Rows of a line chart.
const HEIGHT: usize = 10;

/// Averages `values` into `buckets` groups of consecutive points (NULLs left out of averages);
/// the label of a bucket is that of its first point.
fn bucket(labels: &[String], values: &[Option<f64>], buckets: usize) -> (Vec<String>, Vec<Option<f64>>) {
    let n = values.len();
    if n <= buckets || buckets == 0 {
        return (labels.to_vec(), values.to_vec());
    }
    let mut out_labels = Vec::with_capacity(buckets);
    let mut out = Vec::with_capacity(buckets);
    for b in 0..buckets {
        let (from, to) = (b * n / buckets, ((b + 1) * n / buckets).max(b * n / buckets + 1));
        let got: Vec<f64> = values[from..to].iter().flatten().copied().collect();
        out_labels.push(labels[from].clone());
        out.push((!got.is_empty()).then(|| got.iter().sum::<f64>() / got.len() as f64));
    }
    (out_labels, out)
}

fn range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values.fold(None, |acc, v| Some(acc.map_or((v, v), |(lo, hi): (f64, f64)| (lo.min(v), hi.max(v)))))
}

/// One line per series: `name  ▁▃█▅  min 3  max 190`, then the first and last label.
pub(super) fn spark(data: &mut Data, look: &Look) -> String {
    let name_w = data
        .series
        .iter()
        .map(|s| crate::engine::render::display_width(&s.name))
        .max()
        .unwrap_or(0)
        .min(look.width / 4);
    let mut out = String::new();
    let mut bucketed = 0;
    for (i, s) in data.series.iter().enumerate() {
        let Some((lo, hi)) = range(s.values.iter().flatten().copied()) else { continue };
        let stats = format!("min {}  max {}", fmt_num(lo), fmt_num(hi));
        let room = look.width.saturating_sub(name_w + 4 + stats.len()).max(8);
        let (_, values) = bucket(&data.labels, &s.values, room);
        if values.len() < s.values.len() {
            bucketed = s.values.len();
        }
        let levels = if look.ascii { ASCII_LEVELS } else { LEVELS };
        let line: String = values
            .iter()
            .map(|v| match v {
                None => " ",
                Some(v) if hi > lo => levels[(((v - lo) / (hi - lo)) * 7.0).round() as usize],
                Some(_) => levels[3],
            })
            .collect();
        let name = crate::engine::render::escape_controls(&fit(&s.name, name_w.max(1), look.ascii));
        out.push_str(&format!(
            "{}  {}  {}\n",
            pad(&name, name_w),
            look.palette.series(i, &line),
            look.palette.paint(crate::engine::style::Role::Dim, &stats)
        ));
    }
    if let (Some(first), Some(last)) = (data.labels.first(), data.labels.last()) {
        let span = format!("{} {first} → {last}, {} points", data.label_name, data.labels.len());
        out.push_str(&dim_line(look, &span));
    }
    if bucketed > 0 {
        data.notes.push(format!("{bucketed} points averaged to fit the width"));
    }
    out.push_str(&footer(data, look));
    out
}

/// A line chart: value axis on the left (top, middle, bottom), points joined by dots, labels
/// under the axis where they fit without touching.
pub(super) fn line(data: &mut Data, look: &Look) -> String {
    let Some((lo, hi)) = range(data.series.iter().flat_map(|s| s.values.iter().flatten().copied())) else {
        return footer(data, look);
    };
    let mid = (lo + hi) / 2.0;
    let ticks = [fmt_num(hi), fmt_num(mid), fmt_num(lo)];
    let axis_w = ticks.iter().map(String::len).max().unwrap_or(1);
    let plot_w = look.width.saturating_sub(axis_w + 1).max(4);
    let n = data.labels.len();
    let mut labels = data.labels.clone();
    let mut series: Vec<Vec<Option<f64>>> = Vec::new();
    for s in &data.series {
        let (l, v) = bucket(&data.labels, &s.values, plot_w);
        labels = l;
        series.push(v);
    }
    if labels.len() < n {
        data.notes.push(format!("{n} points averaged into {} columns to fit the width", labels.len()));
    }
    let points = labels.len();
    let x_of = |i: usize| if points <= 1 { 0 } else { (i * (plot_w - 1) + (points - 1) / 2) / (points - 1) };
    let row_of =
        |v: f64| if hi > lo { (((v - lo) / (hi - lo)) * (HEIGHT - 1) as f64).round() as usize } else { HEIGHT / 2 };
    let mut grid: Vec<Vec<Option<(usize, bool)>>> = vec![vec![None; plot_w]; HEIGHT];
    for (si, values) in series.iter().enumerate() {
        let known: Vec<(usize, f64)> = values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).collect();
        for pair in known.windows(2) {
            let ((i, a), (j, b)) = (pair[0], pair[1]);
            let (xa, xb) = (x_of(i), x_of(j));
            for x in xa + 1..xb {
                let v = a + (b - a) * (x - xa) as f64 / (xb - xa) as f64;
                if let Some(cell) = grid[row_of(v)].get_mut(x).filter(|c| c.is_none()) {
                    *cell = Some((si, false));
                }
            }
        }
        for (i, v) in known {
            grid[row_of(v)][x_of(i)] = Some((si, true));
        }
    }
    let count = series.len();
    let mut out = legend(data, look);
    for r in (0..HEIGHT).rev() {
        let label = if r == HEIGHT - 1 {
            &ticks[0]
        } else if r == (HEIGHT - 1) / 2 && hi > lo {
            &ticks[1]
        } else if r == 0 {
            &ticks[2]
        } else {
            ""
        };
        let tick = match (label.is_empty(), look.ascii) {
            (false, true) => "+",
            (false, false) => "┤",
            (true, true) => "|",
            (true, false) => "│",
        };
        let mut line = format!("{}{tick}", pad_left(label, axis_w));
        for cell in &grid[r] {
            match cell {
                None => line.push(' '),
                Some((si, point)) => {
                    let glyph = match (point, marker(look, *si, count), look.ascii) {
                        (true, Some(m), _) => m.to_string(),
                        (true, None, true) => "*".into(),
                        (true, None, false) => "●".into(),
                        (false, _, true) => ".".into(),
                        (false, _, false) => "·".into(),
                    };
                    line.push_str(&look.palette.series(*si, &glyph));
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let (corner, rule) = if look.ascii { ("+", "-") } else { ("└", "─") };
    out.push_str(&format!("{}{corner}{}\n", " ".repeat(axis_w), rule.repeat(plot_w)));
    out.push_str(format!("{} {}", " ".repeat(axis_w), axis_labels(&labels, plot_w, look.ascii, x_of)).trim_end());
    out.push('\n');
    out.push_str(&footer(data, look));
    out
}

/// Labels under a line chart: the first and last always, others at their point where they keep
/// a space from both neighbours.
fn axis_labels(labels: &[String], width: usize, ascii: bool, x_of: impl Fn(usize) -> usize) -> String {
    let Some(last_label) = labels.last() else { return String::new() };
    let last = fit(last_label, width / 2, ascii);
    let last_x = width.saturating_sub(crate::engine::render::display_width(&last));
    let mut line = String::new();
    let mut used = 0;
    for (i, label) in labels.iter().enumerate().take(labels.len().saturating_sub(1)) {
        let x = x_of(i);
        let text = fit(label, 12.min(width / 2).max(1), ascii);
        let end = x + crate::engine::render::display_width(&text);
        if (used > 0 && x < used + 2) || end + 2 > last_x {
            continue;
        }
        line.push_str(&" ".repeat(x - used));
        line.push_str(&text);
        used = end;
    }
    if labels.len() == 1 || last_x >= used + 2 || used == 0 {
        line.push_str(&" ".repeat(last_x.saturating_sub(used)));
        line.push_str(&last);
    }
    line
}
