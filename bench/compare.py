#!/usr/bin/env python3
"""Runs talkcli and the sqlite3 shell on the same inputs and prints a table of median times
(and peak memory) with the ratio talkcli/sqlite3 and the target from issue 5."""

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
TALKCLI = os.path.join(ROOT, "target", "release", "talkcli")
SQLITE3 = shutil.which("sqlite3")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
HOME = os.path.join(OUT, "home")
# Only PATH from the caller: no XDG_*, TALKCLI_*, EDITOR, VISUAL or PAGER of the developer's reaches talkcli.
ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": HOME, "NO_COLOR": "1"}


def build_inputs():
    os.makedirs(HOME, exist_ok=True)
    inserts = os.path.join(OUT, "inserts.sql")
    if not os.path.exists(inserts):
        with open(inserts, "w") as f:
            f.write("BEGIN;\nCREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL, note TEXT);\n")
            for i in range(100_000):
                f.write(f"INSERT INTO t VALUES({i}, 'name {i}', {i * 0.25}, 'a note, with a comma');\n")
            f.write("COMMIT;\n")
    big = os.path.join(OUT, "big.db")
    if not os.path.exists(big):
        sql = """CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL, note TEXT);
        WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1000000)
        INSERT INTO t SELECT x, 'name ' || x, x * 0.25, CASE WHEN x % 7 = 0 THEN NULL ELSE 'note, "quoted" ' || (x % 100) END FROM c;"""
        subprocess.run([SQLITE3, big, sql], check=True)
    # First run creates the bundled database; later runs only open it.
    subprocess.run([TALKCLI, "-e", "select 1"], env=ENV, check=True, stdout=subprocess.DEVNULL)
    bundled = os.path.join(HOME, ".local", "share", "talkcli", "talks.db")
    return inserts, big, bundled


def timed(argv, stdin=None, fresh=None):
    """Median wall time of RUNS runs; `fresh` is a file removed before each run."""
    times = []
    for _ in range(RUNS):
        if fresh and os.path.exists(fresh):
            os.remove(fresh)
        stdin_f = open(stdin, "rb") if stdin else subprocess.DEVNULL
        start = time.perf_counter()
        subprocess.run(argv, stdin=stdin_f, stdout=subprocess.DEVNULL, env=ENV, check=True)
        times.append(time.perf_counter() - start)
        if stdin:
            stdin_f.close()
    return statistics.median(times)


def timed_pipe(argv):
    """Median wall time with stdout a pipe read to the end (as `| cat`)."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, env=ENV)
        while p.stdout.read(1 << 16):
            pass
        if p.wait() != 0:
            raise SystemExit(f"failed: {argv}")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed_tty(argv, cols=80, rows=24):
    """Median wall time with stdout a terminal of COLS x ROWS (a pty made by script(1))."""
    cmd = f"stty cols {cols} rows {rows}; exec " + " ".join(shlex.quote(a) for a in argv)
    return timed(["script", "-qec", cmd, "/dev/null"])


def peak_kib_pipe(argv):
    """Peak resident memory (KiB) with stdout a pipe read to the end."""
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=ENV)
    while p.stdout.read(1 << 16):
        pass
    err = p.stderr.read().decode()
    if p.wait() != 0:
        raise SystemExit(f"failed: {argv}")
    return int(err.strip().splitlines()[-1])


def peak_kib(argv):
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=ENV, check=True, text=True)
    return int(r.stderr.strip().splitlines()[-1])


def main():
    inserts, big, bundled = build_inputs()
    t_db = os.path.join(OUT, "ins_talkcli.db")
    s_db = os.path.join(OUT, "ins_sqlite3.db")
    csv_q = "select * from t"
    table_q = "select * from t limit 100000"
    # One cell of 600,000 characters in words, as a long description would be.
    cell_q = "select substr(replace(hex(zeroblob(150000)), '00', 'word '), 1, 600000) as big"
    cases = [
        ("start + select 1 (bundled db)", 2.0, "s",
         timed([TALKCLI, "-e", "select 1"]), timed([SQLITE3, bundled, "select 1"])),
        ("100,000 INSERTs from stdin, 1 txn", 1.3, "s",
         timed([TALKCLI, "--db", t_db], stdin=inserts, fresh=t_db), timed([SQLITE3, s_db], stdin=inserts, fresh=s_db)),
        ("1,000,000 rows x 4 cols to csv", 1.3, "s",
         timed([TALKCLI, "--db", big, "--format", "csv", "-e", csv_q]), timed([SQLITE3, "-csv", "-header", big, csv_q])),
        ("100,000 rows as a table to a pipe", 2.0, "s",
         timed_pipe([TALKCLI, "--db", big, "-e", table_q]), timed_pipe([SQLITE3, "-table", big, table_q])),
        ("1,000,000 rows as a table to a pipe", 1.0, "s",
         timed_pipe([TALKCLI, "--db", big, "-e", csv_q]), timed_pipe([SQLITE3, "-table", big, csv_q])),
        ("peak memory, 1,000,000-row table", 1.0, "MiB",
         peak_kib_pipe([TALKCLI, "--db", big, "-e", csv_q]) / 1024,
         peak_kib_pipe([SQLITE3, "-table", big, csv_q]) / 1024),
        ("600,000-char cell, table on an 80-col tty", 2.0, "s",
         timed_tty([TALKCLI, "--db", big, "-e", cell_q]), timed_tty([SQLITE3, "-table", big, cell_q])),
        ("peak memory, 1,000,000-row csv", 2.0, "MiB",
         peak_kib([TALKCLI, "--db", big, "--format", "csv", "-e", csv_q]) / 1024,
         peak_kib([SQLITE3, "-csv", "-header", big, csv_q]) / 1024),
    ]
    version = subprocess.run([SQLITE3, "--version"], capture_output=True, text=True).stdout.split()[0]
    print(f"talkcli (release) vs sqlite3 {version}; median of {RUNS} runs; {os.cpu_count()} CPUs")
    print(f"| {'case':<42} | {'talkcli':>10} | {'sqlite3':>10} | {'ratio':>5} | {'target':>6} |")
    print(f"|{'-' * 44}|{'-' * 12}|{'-' * 12}|{'-' * 7}|{'-' * 8}|")
    missed = 0
    for name, target, unit, ours, theirs in cases:
        ratio = ours / theirs
        ok = "ok" if ratio <= target else "MISSED"
        missed += ratio > target
        fmt = (lambda v: f"{v:.3f} s") if unit == "s" else (lambda v: f"{v:.1f} MiB")
        print(f"| {name:<42} | {fmt(ours):>10} | {fmt(theirs):>10} | {ratio:5.2f} | ≤{target:<4} {ok} |")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
