//! Histograms: one numeric column cut into equal-width bins, counted, and drawn as horizontal bars
//! labelled with each bin's range (`[10, 20)`, the last one closed).

use rusqlite::types::Value;

use crate::engine::capture::Captured;
use crate::engine::chart::{Data, Look, Request, Series, bars, column, fmt_num, is_numeric, number};

/// Most bins a histogram may have.
pub const MAX_BINS: usize = 200;

/// The default number of bins for `n` values (Sturges' rule, at most 20).
pub fn bins_for(n: usize) -> usize {
    let mut bins = 1;
    while (1usize << (bins - 1)) < n.max(1) {
        bins += 1;
    }
    bins.clamp(1, 20)
}

pub(super) fn draw(result: &Captured, request: &Request, look: &Look) -> Result<String, String> {
    let col = match request.values.first() {
        Some(name) => column(result, name)?,
        None => (0..result.columns.len()).find(|&i| is_numeric(result, i)).ok_or_else(|| {
            format!("nothing to chart: no numeric column in the last result ({})", result.columns.join(", "))
        })?,
    };
    let name = crate::engine::render::escape_controls(&result.columns[col]);
    if !is_numeric(result, col) {
        return Err(format!("hist needs a numeric column; {name} holds text or no numbers"));
    }
    let values: Vec<f64> = result.rows.iter().filter_map(|r| r.get(col).and_then(number)).collect();
    let nulls = result.rows.iter().filter(|r| matches!(r.get(col), Some(Value::Null))).count();
    let infinite = result.rows.iter().filter(|r| matches!(r.get(col), Some(Value::Real(v)) if v.is_infinite())).count();
    let bins = request.bins.unwrap_or_else(|| bins_for(values.len())).clamp(1, MAX_BINS);
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let bins = if hi > lo { bins } else { 1 };
    // Divided before subtracting: `hi - lo` overflows to infinity for ±1e308.
    let width = if hi > lo { hi / bins as f64 - lo / bins as f64 } else { 1.0 };
    let mut counts = vec![0u64; bins];
    for v in &values {
        let i = ((v / width - lo / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    let labels: Vec<String> = (0..bins)
        .map(|i| {
            let (a, b) = (lo + width * i as f64, if i + 1 == bins { hi } else { lo + width * (i + 1) as f64 });
            let close = if i + 1 == bins { ']' } else { ')' };
            format!("[{}, {}{close}", fmt_num(a), fmt_num(b))
        })
        .collect();
    let mut notes =
        vec![format!("{} values of {name} in {bins} {}", values.len(), if bins == 1 { "bin" } else { "bins" })];
    if nulls > 0 {
        notes.push(format!("{nulls} NULL {} skipped", if nulls == 1 { "value" } else { "values" }));
    }
    if let Some(note) = crate::engine::chart::infinite_note(infinite) {
        notes.push(note);
    }
    let mut data = Data {
        label_name: name,
        labels,
        series: vec![Series { name: "count".into(), values: counts.iter().map(|c| Some(*c as f64)).collect() }],
        notes,
    };
    let look = Look { top: look.top.max(bins), ..look.clone() };
    Ok(bars::hbar(&mut data, &look))
}
