#!/usr/bin/env python3
"""Times `\\summarize talks` on a generated 1,000,000-talk table against the sqlite3 shell running
the closest plain-SQL summary it can (min, max, count(DISTINCT), avg and NULL count of every
column, no quartiles), and prints medians with the ratio talkcli/sqlite3. Target: talkcli at most
2 s. Exit status 1 when the target is missed. Usage: bench/summarize.py [RUNS]"""

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
TALKCLI = os.path.join(ROOT, "target", "release", "talkcli")
SQLITE3 = shutil.which("sqlite3")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
HOME = os.path.join(OUT, "home")
ENV = dict(os.environ, HOME=HOME, XDG_DATA_HOME=os.path.join(HOME, ".local", "share"), NO_COLOR="1")
COLUMNS = ["id", "title", "kind", "event_id", "recorded", "duration", "video_url", "slides_url"]


def build():
    os.makedirs(HOME, exist_ok=True)
    db = os.path.join(OUT, "talks1m.db")
    if not os.path.exists(db):
        sql = """CREATE TABLE talks(id INTEGER PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL,
            event_id INTEGER, recorded TEXT, duration INTEGER, video_url TEXT, slides_url TEXT);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
        INSERT INTO talks SELECT i, 'Talk number ' || i || ' about ' || (i % 997),
            CASE i % 5 WHEN 0 THEN 'keynote' WHEN 1 THEN 'talk' WHEN 2 THEN 'tutorial'
                       WHEN 3 THEN 'lightning' ELSE 'other' END,
            i % 300, date('2010-01-01', '+' || (i % 4000) || ' days'),
            CASE WHEN i % 7 = 0 THEN NULL ELSE 300 + (i * 7919) % 3600 END,
            'https://example.org/v/' || i,
            CASE WHEN i % 3 = 0 THEN 'https://slides.example/' || i END
        FROM n;"""
        subprocess.run([SQLITE3, db, sql], check=True)
    return db


def median_time(argv):
    """Median wall time and median CPU time (user + sys) of RUNS runs."""
    times, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, env=ENV, check=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), statistics.median(cpus)


def main():
    if SQLITE3 is None:
        sys.exit("bench: sqlite3 not found (apt install sqlite3)")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    db = build()
    plain = ", ".join(
        f"min({c}), max({c}), count(DISTINCT {c}), avg({c}), count(*) - count({c})" for c in COLUMNS
    )
    ours, ours_cpu = median_time([TALKCLI, "--db", db, "-e", "\\summarize talks"])
    theirs, theirs_cpu = median_time([SQLITE3, db, f"SELECT {plain} FROM talks"])
    print(f"{'case (1,000,000 talks x 8 columns)':<40} {'talkcli':>8} {'sqlite3':>8} {'ratio':>6} {'target':>8}")
    print(f"{'summarize, wall time':<40} {ours:>7.3f}s {theirs:>7.3f}s {ours / theirs:>6.2f} {'<= 2 s':>8}")
    print(f"{'summarize, CPU time (user + sys)':<40} {ours_cpu:>7.3f}s {theirs_cpu:>7.3f}s {ours_cpu / theirs_cpu:>6.2f}")
    sys.exit(0 if ours <= 2.0 else 1)


if __name__ == "__main__":
    main()
