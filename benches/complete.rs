//! Per-Tab latency of the completion engine on a large synthetic snapshot: 1,000 tables of 20
//! columns and 200,000 speaker names. Run with `cargo bench --bench complete`; every case must
//! stay under 10 ms per Tab (the run fails otherwise).
// A benchmark, not the shell: its report goes straight to stderr.
#![allow(clippy::disallowed_macros, clippy::disallowed_methods)]

use std::time::{Duration, Instant};

use talkcli::Names;
use talkcli::{Options, Parts, Set, Snapshot, Table, Values, complete};

const BUDGET: Duration = Duration::from_millis(10);
const WORST: Duration = Duration::from_millis(20);
const ROUNDS: usize = 200;

fn snapshot() -> Snapshot {
    let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"];
    let tables = (0..1000)
        .map(|t| Table {
            schema: "main".to_string(),
            name: format!("{}_{}_{t:04}", words[t % 10], words[(t / 10) % 10]),
            is_view: t % 50 == 0,
            columns: (0..20).map(|c| format!("{}_col_{c:02}", words[(t + c) % 10])).collect(),
            types: (0..20).map(|c| if c % 2 == 0 { "TEXT" } else { "INTEGER" }.to_string()).collect(),
        })
        .collect::<Vec<Table>>();
    // Every table counted: the list's descriptions are part of what a Tab costs.
    let rows =
        tables.iter().map(|t| ((t.schema.clone(), t.name.clone()), format!("{} rows", t.columns.len()))).collect();
    let first = ["Ada", "Brett", "Carol", "Dmitri", "Émilie", "Farah", "Guido", "Hynek", "Ines", "Jacob"];
    let last = ["Lovelace", "Cannon", "Willing", "Batchelder", "Rossum", "Schlawack", "Montani", "Kaplan-Moss"];
    let speakers = Names::with_ids(
        (0..200_000).map(|i| format!("{} {} {i}", first[i % 10], last[(i / 10) % 8])).collect(),
        (0..200_000).map(|i| i % 7).collect(),
    );
    let functions = ["count", "sum", "max", "min", "lower", "upper", "substr", "coalesce", "json_extract"]
        .map(String::from)
        .to_vec();
    let mut values = Values::default();
    values.put("speakers", Set::Names(speakers));
    Snapshot { tables, rows, functions, values, ..Snapshot::default() }
}

/// Mean and worst time of one Tab, over `ROUNDS` runs.
fn time(mut tab: impl FnMut() -> usize) -> (Duration, Duration, usize) {
    let mut worst = Duration::ZERO;
    let mut total = Duration::ZERO;
    let mut n = 0;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        n = std::hint::black_box(tab());
        let d = t.elapsed();
        total += d;
        worst = worst.max(d);
    }
    (total / ROUNDS as u32, worst, n)
}

/// Tab on a real catalogue (`TALKCLI_BENCH_DB=bench/out/million.db`, see bench/scale.py): the
/// snapshot as the prompt loads it, then the contexts a user meets.
fn on_database(path: &str) -> bool {
    let Ok(conn) = rusqlite::Connection::open(path) else {
        eprintln!("cannot open {path}");
        return true;
    };
    let t = Instant::now();
    let snap = Snapshot::load(&conn, Parts::ALL);
    println!(
        "snapshot of {path}: {} speakers, {} tags, {} titles, read in {:.0} ms (in the background at the prompt)",
        snap.values.count("speakers"),
        snap.values.count("tags"),
        snap.values.count("titles"),
        t.elapsed().as_secs_f64() * 1e3
    );
    let cases = [
        "\\speaker ",
        "\\speaker gui",
        "\\speaker lukasz",
        "\\speaker langa",
        "\\speaker hnk sch",
        "\\speaker zzqqxx",
        "\\tag whe",
        "\\talk fast dic",
        "\\talk 283",
        "\\talks 20",
        "select * from talks t join ",
        "select * from talks t join talk_speakers ts on ",
        "select * from talks where ",
        "select title from talks order ",
    ];
    let mut failed = false;
    for text in cases {
        let (mean, worst, n) = time(|| complete(text, text.len(), &snap, &Options::default()).candidates.len());
        let ok = mean < BUDGET && worst < WORST;
        failed |= !ok;
        println!(
            "{:<52} mean {:>7.3} ms  worst {:>7.3} ms  {:>5} candidates  {}",
            format!("{text:?}"),
            mean.as_secs_f64() * 1e3,
            worst.as_secs_f64() * 1e3,
            n,
            if ok { "ok" } else { "OVER BUDGET" }
        );
    }
    failed
}

fn main() {
    // The talks pack registers the value sources (speakers, …) the snapshot holds.
    talkcli::install_packs();
    if let Ok(path) = std::env::var("TALKCLI_BENCH_DB") {
        if on_database(&path) {
            std::process::exit(1);
        }
        return;
    }
    let snap = snapshot();
    let sql: &[(&str, &str)] = &[
        ("tables after FROM, prefix", "select * from del"),
        ("tables after FROM, fuzzy", "select * from dlt"),
        (
            "columns of 3 joined tables (FROM after cursor)",
            "select ec from alpha_alpha_0000 a join bravo_alpha_0001 b on a.x = b.x join charlie_alpha_0002 c using (x)",
        ),
        ("alias. columns", "select * from alpha_alpha_0000 a where a."),
        ("statement start", "se"),
        ("keyword/column mix, empty prefix", "select * from golf_golf_0066 where "),
        ("ALTER TABLE, empty prefix (tables only)", "alter table "),
        ("CREATE INDEX ON t(, unlisted columns", "create index i on alpha_alpha_0000(alpha_col_00, "),
        ("CREATE TABLE column type, long statement", "create table t(a integer primary key, b text not null, c "),
    ];
    let mut failed = false;
    let mut report = |name: &str, (mean, worst, n): (Duration, Duration, usize)| {
        let ok = mean < BUDGET && worst < WORST;
        failed |= !ok;
        println!(
            "{:<52} mean {:>7.3} ms  worst {:>7.3} ms  {:>5} candidates  {}",
            name,
            mean.as_secs_f64() * 1e3,
            worst.as_secs_f64() * 1e3,
            n,
            if ok { "ok" } else { "OVER BUDGET" }
        );
    };
    let snap = &snap;
    for (name, text) in sql {
        let cursor = if name.starts_with("columns") { "select ec".len() } else { text.len() };
        report(name, time(|| complete(text, cursor, snap, &Options::default()).candidates.len()));
    }
    let speaker = |line: &'static str| move || complete(line, line.len(), snap, &Options::default()).candidates.len();
    report("200k speakers, empty prefix", time(speaker("\\speaker ")));
    report("200k speakers, prefix 'gui'", time(speaker("\\speaker gui")));
    report("200k speakers, word start 'batch'", time(speaker("\\speaker batch")));
    report("200k speakers, fuzzy 'hnk sch' (full scan)", time(speaker("\\speaker hnk sch")));
    report("200k speakers, no match (full scan)", time(speaker("\\speaker zzqqxx")));
    report("200k speakers, accents 'emilie can'", time(speaker("\\speaker emilie can")));
    if failed {
        eprintln!("some cases exceed {} ms mean or {} ms worst per Tab", BUDGET.as_millis(), WORST.as_millis());
        std::process::exit(1);
    }
}
