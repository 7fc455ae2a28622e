//! `talkcli_profile(x, …)`: an SQL aggregate that profiles columns in the same scan as SQLite's
//! own min/max/count, for `\summarize`. It returns a JSON array, per column: the distinct count (exact up to
//! `EXACT_LIMIT` values, then a HyperLogLog estimate, ~1-2% error, as DuckDB's approx_unique), the
//! storage classes seen, and for numbers the average and the quartiles.
//!
//! Quartiles are discrete: the value at position ⌊p·(n−1)⌋ of the sorted numbers (0-based), so
//! they are always values the column holds.

use std::collections::HashSet;

use rusqlite::Connection;
use rusqlite::functions::{Aggregate, Context, FunctionFlags};
use rusqlite::types::ValueRef;

/// Distinct values counted exactly before switching to an estimate.
pub const EXACT_LIMIT: usize = 100_000;
/// HyperLogLog registers (2^14: standard error 1.04/√16384 ≈ 0.8%).
const REGISTERS: usize = 1 << 14;

#[derive(Default)]
pub struct Profile {
    exact: HashSet<u64>,
    hll: Option<Vec<u8>>,
    numbers: Vec<f64>,
    all_integers: bool,
    /// integer, real, text, blob seen.
    seen: [bool; 4],
}

/// FNV-1a over the bytes, then a SplitMix64 finish so every bit is mixed (HyperLogLog needs it).
fn hash(tag: u8, bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(tag);
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

impl Profile {
    fn add_hash(&mut self, h: u64) {
        if let Some(regs) = &mut self.hll {
            let idx = (h >> 50) as usize; // top 14 bits pick the register
            let rank = ((h << 14) | (1 << 13)).leading_zeros() as u8 + 1;
            regs[idx] = regs[idx].max(rank);
            return;
        }
        self.exact.insert(h);
        if self.exact.len() > EXACT_LIMIT {
            let mut regs = vec![0u8; REGISTERS];
            for h in self.exact.drain() {
                let idx = (h >> 50) as usize;
                let rank = ((h << 14) | (1 << 13)).leading_zeros() as u8 + 1;
                regs[idx] = regs[idx].max(rank);
            }
            self.hll = Some(regs);
        }
    }

    fn add(&mut self, v: ValueRef<'_>) {
        match v {
            ValueRef::Null => {}
            ValueRef::Integer(i) => {
                self.seen[0] = true;
                self.numbers.push(i as f64);
                self.add_hash(hash(1, &i.to_le_bytes()));
            }
            ValueRef::Real(r) => {
                self.seen[1] = true;
                self.all_integers = false;
                self.numbers.push(r);
                // SQL's DISTINCT holds 2 and 2.0 equal.
                let h = if r.fract() == 0.0 && r.abs() < 9e15 {
                    hash(1, &(r as i64).to_le_bytes())
                } else {
                    hash(2, &r.to_le_bytes())
                };
                self.add_hash(h);
            }
            ValueRef::Text(t) => {
                self.seen[2] = true;
                self.add_hash(hash(3, t));
            }
            ValueRef::Blob(b) => {
                self.seen[3] = true;
                self.add_hash(hash(4, b));
            }
        }
    }

    fn distinct(&self) -> u64 {
        let Some(regs) = &self.hll else { return self.exact.len() as u64 };
        let m = REGISTERS as f64;
        let sum: f64 = regs.iter().map(|&r| 2f64.powi(-i32::from(r))).sum();
        let alpha = 0.7213 / (1.0 + 1.079 / m);
        let estimate = alpha * m * m / sum;
        let zeros = regs.iter().filter(|&&r| r == 0).count();
        let estimate = if estimate <= 2.5 * m && zeros > 0 { m * (m / zeros as f64).ln() } else { estimate };
        estimate.round() as u64
    }

    /// The profile as JSON text.
    fn json(mut self) -> String {
        let names = ["integer", "real", "text", "blob"];
        let types: Vec<&str> = names.iter().zip(self.seen).filter(|(_, s)| *s).map(|(n, _)| *n).collect();
        let mut out = format!("{{\"distinct\":{},\"types\":\"{}\"", self.distinct(), types.join("/"));
        // Numbers only when the column holds nothing but numbers: an average of text is noise.
        if !self.numbers.is_empty() && !self.seen[2] && !self.seen[3] {
            let n = self.numbers.len();
            let avg = self.numbers.iter().sum::<f64>() / n as f64;
            let num = |v: f64| if self.all_integers { format!("{}", v as i64) } else { json_real(v) };
            let mut q = Vec::new();
            for p in [0.25, 0.5, 0.75] {
                let k = (p * (n - 1) as f64).floor() as usize;
                let (_, v, _) = self.numbers.select_nth_unstable_by(k, f64::total_cmp);
                q.push(num(*v));
            }
            out.push_str(&format!(",\"avg\":{},\"q\":[{}]", json_real(avg), q.join(",")));
        }
        out.push('}');
        out
    }
}

fn json_real(v: f64) -> String {
    if v.is_finite() { format!("{v:?}") } else { "null".into() }
}

struct ProfileFn;

/// One profile per argument: `talkcli_profile(a, b, c)` profiles three columns in one call per
/// row (a call per column per row would cost more than the work itself).
impl Aggregate<Vec<Profile>, Option<String>> for ProfileFn {
    fn init(&self, ctx: &mut Context<'_>) -> rusqlite::Result<Vec<Profile>> {
        Ok((0..ctx.len()).map(|_| Profile { all_integers: true, ..Profile::default() }).collect())
    }

    fn step(&self, ctx: &mut Context<'_>, acc: &mut Vec<Profile>) -> rusqlite::Result<()> {
        for (i, p) in acc.iter_mut().enumerate() {
            p.add(ctx.get_raw(i));
        }
        Ok(())
    }

    /// A JSON array with one profile object per argument.
    fn finalize(&self, _: &mut Context<'_>, acc: Option<Vec<Profile>>) -> rusqlite::Result<Option<String>> {
        Ok(acc.map(|ps| format!("[{}]", ps.into_iter().map(Profile::json).collect::<Vec<_>>().join(","))))
    }
}

/// Registers `talkcli_profile(X, …)` on `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_aggregate_function(
        "talkcli_profile",
        -1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        ProfileFn,
    )
}

#[cfg(test)]
mod tests {
    use crate::engine::chart::stats::*;

    #[test]
    fn exact_then_estimated_distinct_counts() {
        let mut p = Profile { all_integers: true, ..Profile::default() };
        for i in 0..1000 {
            p.add(ValueRef::Integer(i % 10));
            p.add(ValueRef::Real((i % 10) as f64));
        }
        assert_eq!(p.distinct(), 10, "2 and 2.0 are one value");
        let mut p = Profile::default();
        for i in 0..1_000_000i64 {
            p.add(ValueRef::Integer(i));
        }
        let d = p.distinct() as f64;
        assert!((d - 1e6).abs() / 1e6 < 0.03, "estimate {d} within 3%");
    }
}
