#!/usr/bin/env python3
"""Times the exploring commands of issue 25 on the bundled catalogue, and what `_` costs after a
100,000-row result. Usage: cargo build --release && python3 bench/explore.py [RUNS [CATALOGUE.db]]
(CATALOGUE.db: another talk database to time the commands on, e.g. the whole pyvideo catalogue;
it is copied first, since the bench marks talks watched.)

A command's time at the prompt is measured inside one process, without talkcli's start: the
same `-e` script is run with the command once and 21 times, and the difference is divided by 20
(median of RUNS runs each), in CPU time (user + system). `_` is timed the same way: a 100,000-row query drawn to a pipe, and
the same query followed by `select count(*) from _`; the difference is what making `_` costs
(the query run again into a temp table, then counted), compared with the query's own time."""

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
TALKCLI = os.path.join(ROOT, "target", "release", "talkcli")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
CATALOGUE = sys.argv[2] if len(sys.argv) > 2 else None
HOME = os.path.join(OUT, "explore-home")
ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": HOME, "NO_COLOR": "1"}
COMMANDS = ["\\similar 283", "\\trend asyncio testing", "\\compare 2016 2017", "\\plan 3h"]
TARGET_MS = 50.0
BIG_QUERY = "select id, name, score * 2 as doubled from t where id % 10 <> 0 order by name"


def run(args, script):
    """CPU time (user + system) of one run: on a shared machine, wall time mostly measures the
    other processes."""
    child = subprocess.Popen([TALKCLI, *args, "-e", script], env=ENV, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        sys.exit(f"bench: talkcli failed on {script[:60]!r}")
    return usage.ru_utime + usage.ru_stime


def median(args, script):
    return statistics.median(run(args, script) for _ in range(RUNS))


def per_command(args, once, prefix=""):
    """Seconds one `once` takes inside a process: (21 runs - 1 run) / 20."""
    one = median(args, prefix + once)
    many = median(args, prefix + "\n".join([once] * 21))
    return (many - one) / 20


def main():
    if not os.path.exists(TALKCLI):
        sys.exit("bench: build first: cargo build --release")
    shutil.rmtree(HOME, ignore_errors=True)
    os.makedirs(HOME)
    talks = []
    if CATALOGUE:
        copy = os.path.join(HOME, "catalogue.db")
        shutil.copyfile(CATALOGUE, copy)
        talks = ["--db", copy]
    # The bundled database is made on the first run; some watch history makes \plan and
    # \progress do their real work.
    subprocess.run([TALKCLI, *talks, "-e", "\\queue add 283\n\\watched 141 5\n\\watched 7 4"], env=ENV,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    count = subprocess.run([TALKCLI, *talks, "-e", ".mode list\nselect count(*) from talks"], env=ENV, check=True,
                           capture_output=True, text=True).stdout.strip()
    print(f"on {count} talks\n{'command':28} {'ms':>8}  target")
    for c in COMMANDS:
        ms = per_command(talks, c) * 1000
        print(f"{c:28} {ms:8.1f}  <= {TARGET_MS:.0f} ms {'ok' if ms <= TARGET_MS else 'OVER'}")

    big = os.path.join(OUT, "explore-100k.db")
    if not os.path.exists(big):
        conn = sqlite3.connect(big)
        conn.executescript("""CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL);
            WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 111112)
            INSERT INTO t SELECT x, 'name ' || (x * 7919 % 111112), x * 0.25 FROM c;""")
        conn.close()
    db = ["--db", big]
    rows = sqlite3.connect(big).execute(f"select count(*) from ({BIG_QUERY})").fetchone()[0]
    # Both inside one process, 11 times over: the query drawn to a pipe, and the query followed by
    # a statement that names _ (which makes it).
    query = per_command(db, f"{BIG_QUERY};")
    pair = per_command(db, f"{BIG_QUERY};\nselect count(*) from _;")
    cost = pair - query
    print(f"\n_ after a {rows:,}-row result (median of {RUNS} runs)")
    print(f"  the query, its rows drawn as a table to a pipe: {query * 1000:8.1f} ms")
    print(f"  making _ and counting it (select count(*) from _): {cost * 1000:8.1f} ms"
          f"  = {cost / query:.2f}x the query's time (target <= 1.5x)")

if __name__ == "__main__":
    main()
