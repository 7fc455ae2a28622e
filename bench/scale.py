#!/usr/bin/env python3
"""Scale benchmark: talkcli's talk shortcuts must answer at the prompt within the issue's targets on
the bundled catalogue (21,715 talks) and on a synthetic catalogue of 1,000,000 talks (200,000
speakers, 5,000 tags; bench/gen_catalogue.sh), beside the sqlite3 shell where it has an equivalent.

How it is measured (the method, and why it is honest):
  * "At the prompt" is what a user waits for. talkcli runs in a pseudo-terminal of 120 x 40 (pager
    off; the catalogue opened with --db, or the bundled one in a fresh HOME); the command is typed,
    then the time runs from Enter until the next prompt has been drawn: parsing, every query the
    command runs (resolving an event or series, the page, counting a search's matches), drawing its
    first screen (the row limit, 1,000 rows) and the prompt. Nothing is subtracted, and start-up is
    not in it (the process already runs). One warm-up run, then the median of RUNS. Beside it the
    CPU the process spent per run (every thread: a big \search ranks on both cores at once; clock
    ticks of 10 ms, averaged over the runs).
  * sqlite3 beside it: the same round trip in the sqlite3 shell in the same terminal, for the
    nearest SQL (the page talkcli shows, with the same LIMIT; sqlite3 has no accent folding, so
    \speaker's equivalent uses the trigram index directly). What is not SQL (resolving names,
    the table, title links, the count line) has no sqlite3 counterpart.
  * One-shot `talkcli --complete TEXT`: a new process, wall time to its exit, start-up included
    (a shell's completion script waits for all of it), beside sqlite3 listing 100 names that
    contain the text.
  * The machine is shared (2 cores, other builds running): the load average is printed with the
    figures; wall times under load are noisy, CPU times much less.
Targets (issue 24): every shortcut on the bundled catalogue <= 50 ms; on the million \talks YEAR,
\speaker NAME, \tag NAME <= 50 ms, \search WORD with 100,000+ matches <= 100 ms, --complete
'\speaker Ann' <= 100 ms.

Sections (all by default; name some to run only those):
  million   the shortcuts on bench/out/million.db (30 events, one a year: 33,333 talks a year) and
            on bench/out/million-600.db (the same million over 600 events: a year's 33,333 talks
            come from 20 events)
  complete  one-shot --complete '\\speaker TEXT' on the million
  bundled   every shortcut on the bundled catalogue
  prompt    first prompt, prompt back after a write and after DDL (vs sqlite3)
  tab       Tab at the prompt end to end, and the engine bench (cargo bench --bench complete)

Usage: bench/scale.py [RUNS] [million] [complete] [bundled] [prompt] [tab]   (needs sqlite3; the catalogues
are generated once in bench/out/)
"""

import fcntl
import os
import pty
import resource
import select
import shutil
import statistics
import struct
import subprocess
import sys
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
DB = os.path.join(OUT, "million.db")
TALKCLI = os.path.join(ROOT, "target", "release", "talkcli")
SQLITE3 = shutil.which("sqlite3")
ARGS = [a for a in sys.argv[1:] if not a.isdigit()]
RUNS = next((int(a) for a in sys.argv[1:] if a.isdigit()), 5)
SECTIONS = ARGS or ["million", "complete", "bundled", "prompt", "tab"]
DB600 = os.path.join(OUT, "million-600.db")
COLS, LINES = 120, 40
HOME = os.path.join(OUT, "home")
ENV = dict(os.environ, HOME=HOME, NO_COLOR="1", TERM="xterm-256color")
for k in list(ENV):
    if k.startswith("XDG_") or k in ("PAGER", "EDITOR"):
        ENV.pop(k)


def read_until(fd, marker, timeout=30.0, after_newline=False):
    """Reads until `marker` shows (after the first newline when `after_newline`)."""
    buf = b""
    end = time.perf_counter() + timeout

    def seen():
        start = buf.find(b"\n") if after_newline else 0
        return start >= 0 and marker in buf[start:]

    while not seen():
        left = end - time.perf_counter()
        r, _, _ = select.select([fd], [], [], max(left, 0))
        if not r:
            raise TimeoutError(f"no {marker!r} in {buf[-200:]!r}")
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            raise TimeoutError(f"terminal closed before {marker!r}: {buf[-200:]!r}")
        if not chunk:
            raise TimeoutError(f"terminal closed before {marker!r}")
        buf += chunk
    return buf


class Term:
    """A program in a pseudo-terminal."""

    def __init__(self, argv, prompt):
        self.prompt = prompt
        self.start = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLS, 0, 0))
            os.execve(argv[0], argv, ENV)
        read_until(self.fd, prompt)
        self.first_prompt = time.perf_counter() - self.start

    def roundtrip(self, line):
        """Seconds from Enter to the next prompt."""
        os.write(self.fd, line.encode())
        # Let the line editor echo the text before timing the Enter.
        time.sleep(0.05)
        while select.select([self.fd], [], [], 0.02)[0]:
            os.read(self.fd, 65536)
        t = time.perf_counter()
        os.write(self.fd, b"\r")
        # The line editor may draw the line (prompt included) again on Enter, to drop a hint:
        # the prompt that counts is the one after the command's first line of output.
        read_until(self.fd, self.prompt, after_newline=True)
        return time.perf_counter() - t

    def cpu(self):
        """CPU seconds (user+sys) the program has used so far (clock-tick resolution)."""
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def cpu_ns(self, main_only=False):
        """CPU nanoseconds the program's live threads (or its main thread) have used so far
        (schedstat: no tick rounding; a thread that ended no longer counts)."""
        total = 0
        for task in [str(self.pid)] if main_only else os.listdir(f"/proc/{self.pid}/task"):
            try:
                with open(f"/proc/{self.pid}/task/{task}/schedstat") as f:
                    total += int(f.read().split()[0])
            except OSError:
                pass
        return total

    def drain(self, quiet=0.05):
        """Reads until nothing more arrives for `quiet` seconds; returns what came."""
        out = b""
        while select.select([self.fd], [], [], quiet)[0]:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        return out

    def settle(self, timeout=60.0):
        """Waits until the program stops using CPU (a background load finished)."""
        end = time.perf_counter() + timeout
        last = self.cpu_ns()
        while time.perf_counter() < end:
            self.drain(0.2)
            now = self.cpu_ns()
            if now - last < 2_000_000:
                return
            last = now

    def tab(self, text, clear, at_once=False, until=None):
        """Types `text`, presses Tab: (seconds to the first byte of the answer, or until `until`
        shows, CPU ns spent, the answer). Then `clear` empties the line. `at_once` sends text
        and Tab together (faster than anyone types) and times from there."""
        if not at_once:
            os.write(self.fd, text.encode())
            self.drain()
        # The prompt's thread answers Tab; a background read (after DDL) may come and go.
        cpu = self.cpu_ns(main_only=True)
        t = time.perf_counter()
        os.write(self.fd, (text.encode() if at_once else b"") + b"\t")
        if until is None:
            if not select.select([self.fd], [], [], 30)[0]:
                raise TimeoutError(f"no answer to Tab after {text!r}")
            first = time.perf_counter() - t
            answer = self.drain(0.1)
        else:
            answer = read_until(self.fd, until)
            first = time.perf_counter() - t
            answer += self.drain(0.1)
        cpu = self.cpu_ns(main_only=True) - cpu
        os.write(self.fd, clear)
        if clear == b"\x03":
            read_until(self.fd, self.prompt)
        self.drain()
        return first, cpu, answer

    def close(self, quit_cmd):
        try:
            os.write(self.fd, quit_cmd.encode() + b"\r")
        except OSError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def talkcli_term(db=None):
    # -y: DROP asks "Run it?" at the prompt otherwise.
    # The prompt names the database file (`million> `).
    db = db or DB
    prompt = os.path.splitext(os.path.basename(db))[0].encode() + b"> "
    return Term([TALKCLI, "-y", "--db", db], prompt)


def sqlite3_term(db=None):
    return Term([SQLITE3, db or DB], b"sqlite> ")


def cpu_of(argv):
    """Wall and CPU seconds of one run (stdout to /dev/null)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(argv, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_pair(samples):
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def header(title):
    load = os.getloadavg()
    print(f"\n{title} (load average {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f})")
    print(f"{'case':<60} {'talkcli':>8} {'cpu':>6} {'sqlite3':>8} {'ratio':>6} {'target':>6}  (ms)")


def row(name, talk, sqlite=None, target=None, cpu=None):
    ratio = f"{talk / sqlite:6.2f}" if sqlite else "     -"
    sq = f"{sqlite * 1e3:8.1f}" if sqlite else "       -"
    tg = f"{target * 1e3:6.0f}" if target else "     -"
    cp = f"{cpu * 1e3:6.0f}" if cpu is not None else "     -"
    ok = "" if target is None else ("ok" if talk <= target else "OVER")
    print(f"{name:<60} {talk * 1e3:8.1f} {cp} {sq} {ratio} {tg}  {ok}", flush=True)


def at_prompt(term, cmd, before=None):
    """Median seconds from Enter to the prompt back, and CPU seconds a run, after a warm-up.
    `before` runs (untimed) ahead of each run: the search a \\facets counts."""
    times = []
    if before:
        term.roundtrip(before)
    term.roundtrip(cmd)
    cpu = 0.0
    for _ in range(RUNS):
        if before:
            term.roundtrip(before)
        cpu0 = term.cpu()
        times.append(term.roundtrip(cmd))
        cpu += term.cpu() - cpu0
    return statistics.median(times), cpu / RUNS


def settle(term):
    """Lets the completion values (a million titles) load on their thread after the first prompt,
    or their CPU time is counted against the first command."""
    term.roundtrip("\\pset pager off")
    term.settle()


def compare(title, db, cases):
    """`cases`: (label, talkcli command, sqlite3 SQL or None, target seconds or None, command run
    untimed before each run or None)."""
    header(title)
    t = talkcli_term(db) if db else Term([TALKCLI, "-y"], b"talks> ")
    settle(t)
    s = sqlite3_term(db or bundled_db())
    for label, cmd, sql, target, before in cases:
        wall, cpu = at_prompt(t, cmd, before)
        sq = at_prompt(s, " ".join(sql.split()))[0] if sql else None
        row(label, wall, sq, target, cpu)
    t.close("\\q")
    s.close(".quit")


def bundled_db():
    """The bundled database, made in HOME by a first run."""
    subprocess.run([TALKCLI, "-e", "select 1"], env=ENV, stdout=subprocess.DEVNULL, check=True)
    return os.path.join(HOME, ".local", "share", "talkcli", "talks.db")


# The SQL talkcli runs for a page of a year's talks (events resolved first), as sqlite3 runs it.
TALKS_YEAR_SQL = """SELECT o.id, o.title, o.kind, o.year, o.speakers, o.minutes FROM talk_overview o
 JOIN talks t ON t.id = o.id JOIN events e ON e.id = t.event_id WHERE e.year = {year}
 ORDER BY e.year, e.id, t.recorded, t.title LIMIT 1000;"""
SPEAKER_SQL = """SELECT s.name AS speaker, e.year, t.id, t.title, t.kind FROM speakers s
 JOIN talk_speakers ts ON ts.speaker_id = s.id JOIN talks t ON t.id = ts.talk_id JOIN events e ON e.id = t.event_id
 WHERE s.id IN (SELECT rowid FROM speaker_names WHERE speaker_names MATCH '"{text}"')
 ORDER BY s.name, e.year, t.title LIMIT 1000;"""
TAG_SQL = """SELECT o.id, o.title, o.year, o.speakers FROM tags g JOIN talk_tags tt ON tt.tag_id = g.id
 JOIN talk_overview o ON o.id = tt.talk_id WHERE g.name = '{tag}' ORDER BY o.year, o.title LIMIT 1000;"""
SEARCH_SQL = """SELECT t.id, t.title, e.year FROM (SELECT rowid AS id, bm25(talk_search) AS score FROM talk_search
 WHERE talk_search MATCH '{word}' ORDER BY 2, 1 LIMIT 50) b JOIN talks t ON t.id = b.id
 JOIN events e ON e.id = t.event_id ORDER BY b.score, b.id;
 SELECT count(*) FROM talk_search WHERE talk_search MATCH '{word}';"""
FACETS_SQL = """SELECT e.year, count(*) FROM talks t JOIN events e ON e.id = t.event_id
 WHERE t.id IN (SELECT rowid FROM talk_search WHERE talk_search MATCH '{word}') GROUP BY 1 ORDER BY 2 DESC LIMIT 10;"""
CHART_SQL = "select year, count(*) from talk_overview group by year;"


def million():
    for db, slug in [(DB, "synth-2017"), (DB600, "synth-2017-1")]:
        n = "30 events" if db == DB else "600 events"
        cases = [
            ("\\talks 2017 (first page of 33,333)", "\\talks 2017", TALKS_YEAR_SQL.format(year=2017), 0.050, None),
            (f"\\talks {slug} (an exact slug)", f"\\talks {slug}", None, 0.050, None),
            ("\\speaker lukasz dvorak 17 (accents folded)", "\\speaker lukasz dvorak 17",
             SPEAKER_SQL.format(text="lukasz dvorak 17"), 0.050, None),
            ("\\speaker cannon 1234", "\\speaker cannon 1234", SPEAKER_SQL.format(text="cannon 1234"), 0.050, None),
            ("\\tag wheels-11 (400 talks)", "\\tag wheels-11", TAG_SQL.format(tag="wheels-11"), 0.050, None),
            ("\\search ada (125,000 matches)", "\\search ada", SEARCH_SQL.format(word="ada"), 0.100, None),
            ("\\search fast (62,500 matches)", "\\search fast", SEARCH_SQL.format(word="fast"), 0.100, None),
            ("\\search ada --page 40", "\\search ada --page 40", None, 0.100, None),
            ("\\facets year kind after \\search ada", "\\facets year kind", FACETS_SQL.format(word="ada"), None,
             "\\search ada"),
            ("\\events", "\\events", None, 0.050, None),
        ]
        compare(f"1,000,000 talks over {n}: at the prompt", db, cases)


def complete_section():
    header("1,000,000 talks: one-shot --complete (new process, start-up included)")
    base = median_pair([cpu_of([TALKCLI, "--db", DB, "-e", "select 1"]) for _ in range(RUNS)])
    sq_base = median_pair([cpu_of([SQLITE3, DB, "select 1"]) for _ in range(RUNS)])
    row("start + select 1", base[0], sq_base[0], None, base[1])
    for text, like, target in [("Ann", "ann", 0.100), ("lukasz", "lukasz", 0.100), ("Ad", "ad", None),
                               ("zzqx", "zzqx", None)]:
        cmd = [TALKCLI, "--db", DB, "--complete", f"\\speaker {text}"]
        wall, cpu = median_pair([cpu_of(cmd) for _ in range(RUNS)])
        lines = subprocess.run(cmd, env=ENV, capture_output=True).stdout.count(b"\n")
        sql = f"SELECT name FROM speakers WHERE name LIKE '%{like}%' ORDER BY name LIMIT 100"
        sq = median_pair([cpu_of([SQLITE3, DB, sql]) for _ in range(RUNS)])
        row(f"--complete '\\speaker {text}' ({lines} names)", wall, sq[0], target, cpu)


def bundled():
    cases = [
        ("\\talks 2017", "\\talks 2017", TALKS_YEAR_SQL.format(year=2017), 0.050, None),
        ("\\talks pycon-us 2019 (a series and a year)", "\\talks pycon-us 2019", None, 0.050, None),
        ("\\talks europython (a series: every year)", "\\talks europython", None, 0.050, None),
        ("\\talks pycon-us-2018 (an exact slug)", "\\talks pycon-us-2018", None, 0.050, None),
        ("\\speaker hettinger", "\\speaker hettinger", SPEAKER_SQL.format(text="hettinger"), 0.050, None),
        ("\\speaker lukasz (accents folded)", "\\speaker lukasz", SPEAKER_SQL.format(text="lukasz"), 0.050, None),
        ("\\tag django", "\\tag django", TAG_SQL.format(tag="django"), 0.050, None),
        ("\\search python", "\\search python", SEARCH_SQL.format(word="python"), 0.050, None),
        ("\\search python --page 3", "\\search python --page 3", None, 0.050, None),
        ("\\search \"grok the gil\"", "\\search \"grok the gil\"", None, 0.050, None),
        ("\\facets year kind after \\search python", "\\facets year kind", FACETS_SQL.format(word="python"),
         0.050, "\\search python"),
        ("\\events", "\\events", None, 0.050, None),
        ("\\events 2019", "\\events 2019", None, 0.050, None),
        ("\\events pycon-us", "\\events pycon-us", None, 0.050, None),
        ("\\tags", "\\tags", None, 0.050, None),
        ("\\chart by year", "select year, count(*) from talk_overview group by year \\chart", CHART_SQL, 0.050,
         None),
    ]
    compare("Bundled catalogue: at the prompt", None, cases)


def prompt_section():
    header("First prompt and the prompt back")
    starts, sq_starts = [], []
    for _ in range(RUNS):
        t = talkcli_term()
        starts.append(t.first_prompt)
        t.close("\\q")
        s = sqlite3_term()
        sq_starts.append(s.first_prompt)
        s.close(".quit")
    row("first prompt (pseudo-terminal)", statistics.median(starts), statistics.median(sq_starts), 0.020)
    # The same on the bundled database (made in HOME by a first run).
    home_db = bundled_db()
    starts, sq_starts = [], []
    for _ in range(RUNS):
        t = Term([TALKCLI], b"talks> ")
        starts.append(t.first_prompt)
        t.close("\\q")
        s = Term([SQLITE3, home_db], b"sqlite> ")
        sq_starts.append(s.first_prompt)
        s.close(".quit")
    row("first prompt, bundled database", statistics.median(starts), statistics.median(sq_starts), 0.020)

    t, s = talkcli_term(), sqlite3_term()
    for term in (t, s):
        term.roundtrip("CREATE TABLE IF NOT EXISTS bench_notes(id INTEGER PRIMARY KEY, body TEXT);")
    writes = [t.roundtrip(f"INSERT INTO bench_notes(body) VALUES ('note {i}');") for i in range(RUNS)]
    sq_writes = [s.roundtrip(f"INSERT INTO bench_notes(body) VALUES ('note {i}');") for i in range(RUNS)]
    row("prompt back after an INSERT (no schema change)", statistics.median(writes), statistics.median(sq_writes), 0.020)
    ddl = [t.roundtrip(f"CREATE TABLE bench_t{i}(x); DROP TABLE bench_t{i};") for i in range(RUNS)]
    sq_ddl = [s.roundtrip(f"CREATE TABLE bench_s{i}(x); DROP TABLE bench_s{i};") for i in range(RUNS)]
    row("prompt back after CREATE + DROP TABLE", statistics.median(ddl), statistics.median(sq_ddl))
    for term in (t, s):
        term.roundtrip("DROP TABLE bench_notes;")
    t.close("\\q")
    s.close(".quit")


TAB_CASES = [
    "\\speaker gui",
    "\\speaker lukasz",
    "\\talk fast dic",
    "\\tag whe",
    "select * from talks t join ",
    "select * from talks t join talk_speakers ts on ",
    "select * from talks where ",
    "select title from talks order ",
]


def tab_row(name, samples, sqlite=None):
    """Mean and worst of (seconds, cpu ns) samples against the 10 ms mean / 20 ms worst target."""
    mean = statistics.mean(s[0] for s in samples)
    worst = max(s[0] for s in samples)
    cpu = statistics.mean(s[1] for s in samples) / 1e9
    ok = "ok" if mean <= 0.010 and worst <= 0.020 else "OVER"
    sq = f"{statistics.mean(s[0] for s in sqlite) * 1e3:8.1f}" if sqlite else "       -"
    print(f"{name:<52} {mean * 1e3:8.1f} {worst * 1e3:8.1f} {cpu * 1e3:8.2f} {sq}  10/20  {ok}")


def tabs(n):
    """Tab at the prompt, end to end in a pseudo-terminal: the prefix is typed, then Tab; timed to
    the first byte of the answer (the completion or the list echoed, or the bell), with the CPU
    the process spent on it. Each line is then dropped with Ctrl-C (a list may be showing)."""
    print(f"\nTab in the pseudo-terminal, {n} each: wall mean, worst; CPU of the prompt's thread, mean (ms)")
    print(f"{'prefix':<52} {'mean':>8} {'worst':>8} {'cpu':>8} {'sqlite3':>8} target")
    # sqlite3 has no SQL completion (Tab rings the bell): its Tab is the floor of a round trip.
    s = sqlite3_term()
    floor = [s.tab("select * from talks where ", b"\x15") for _ in range(n)]
    s.close(".quit")
    t = talkcli_term()
    t.settle()
    for prefix in TAB_CASES:
        samples = [t.tab(prefix, b"\x03") for _ in range(n)]
        tab_row(repr(prefix), samples, floor if prefix.startswith("select * from talks where") else None)
    # Right after DDL: the prompt is back while the schema is read in the background; a Tab
    # waits for that read and offers the new table (the time is until its whole name shows).
    # Typed at once with the prompt's return (the worst case), and after 50 ms of typing.
    created, at_once, typed = [], [], []
    for i in range(2 * n):
        name = f"bench_fresh_{i}_zq"
        created.append(t.roundtrip(f"CREATE TABLE {name}(x);"))
        # Timed until the whole name shows: the completion, not the echo of what was typed.
        first, cpu, _ = t.tab(f"select * from bench_fresh_{i}_z", b"\x03", at_once=i % 2 == 0, until=name.encode())
        (at_once if i % 2 == 0 else typed).append((first, cpu))
        t.roundtrip(f"DROP TABLE {name};")
        t.settle()
    # The same typed at once with no DDL before: what echoing the text itself costs.
    base = [t.tab("select * from talk_overvi", b"\x03", at_once=True, until=b"talk_overview") for _ in range(n)]
    row("prompt back after CREATE TABLE", statistics.median(created), None, 0.020)
    tab_row("text+Tab sent at once, no DDL before (baseline)", base)
    tab_row("Tab after CREATE TABLE, text+Tab sent with the prompt", at_once)
    tab_row("Tab after CREATE TABLE, 50 ms later", typed)
    t.close("\\q")


def main():
    if not SQLITE3:
        print("bench: sqlite3 not found (apt install sqlite3)", file=sys.stderr)
        return 2
    os.makedirs(HOME, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    for db, events in [(DB, "30"), (DB600, "600")]:
        if not os.path.exists(db):
            subprocess.run([os.path.join(ROOT, "bench", "gen_catalogue.sh"), db, "1000000", events], cwd=ROOT, check=True)
    print(f"{RUNS} runs each, medians; terminal {COLS} x {LINES}")
    if "million" in SECTIONS:
        million()
    if "complete" in SECTIONS:
        complete_section()
    if "bundled" in SECTIONS:
        bundled()
    if "prompt" in SECTIONS:
        prompt_section()
    if "tab" in SECTIONS:
        tabs(max(20, RUNS))
        print("\nTab on this catalogue, engine only (cargo bench --bench complete):", flush=True)
        env = dict(os.environ, TALKCLI_BENCH_DB=DB)
        return subprocess.run(["cargo", "bench", "--quiet", "--bench", "complete"], cwd=ROOT, env=env).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
