#!/usr/bin/env python3
"""Scale benchmark: a catalogue of 1,000,000 talks (200,000 speakers, 5,000 tags, 30 events, made
by bench/gen_catalogue.sh) must stay interactive. Measures, beside the sqlite3 shell where it has
an equivalent:

  * time to the first prompt (in a pseudo-terminal), talkcli vs sqlite3;
  * the prompt back after a write that changes no schema, and after DDL, talkcli vs sqlite3;
  * the talk shortcuts typed at the prompt (first page of \\talks YEAR, \\speaker, \\search), Enter to
    the prompt back, with the process's CPU time;
  * the talk shortcuts (\\speaker, \\tag, \\search, \\talks YEAR) run with -e (every row printed);
  * `--complete` on a speaker prefix (bounded output);
  * Tab at the prompt, end to end in the pseudo-terminal (first byte of the answer, CPU), per
    context, and at once after CREATE TABLE (the new table must be offered);
  * Tab in the engine only: `cargo bench --bench complete` with TALKCLI_BENCH_DB pointing at the
    catalogue.

Usage: bench/scale.py [RUNS]   (needs sqlite3; the catalogue is generated once in bench/out/)
Wall times on a loaded machine are noisy: CPU time (user+sys) is printed beside them.
"""

import os
import pty
import resource
import select
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
DB = os.path.join(OUT, "million.db")
TALKCLI = os.path.join(ROOT, "target", "release", "talkcli")
SQLITE3 = shutil.which("sqlite3")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
HOME = os.path.join(OUT, "home")
ENV = dict(os.environ, HOME=HOME, NO_COLOR="1", TERM="xterm-256color")
for k in list(ENV):
    if k.startswith("XDG_") or k in ("PAGER", "EDITOR"):
        ENV.pop(k)


def read_until(fd, marker, timeout=30.0):
    buf = b""
    end = time.perf_counter() + timeout
    while marker not in buf:
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
        read_until(self.fd, self.prompt)
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


def talkcli_term():
    # -y: DROP asks "Run it?" at the prompt otherwise.
    # The prompt names the database file (`million> `).
    prompt = os.path.splitext(os.path.basename(DB))[0].encode() + b"> "
    return Term([TALKCLI, "-y", "--db", DB], prompt)


def sqlite3_term():
    return Term([SQLITE3, DB], b"sqlite> ")


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


def row(name, talk, sqlite=None, target=None):
    ratio = f"{talk / sqlite:6.2f}" if sqlite else "     -"
    sq = f"{sqlite * 1e3:8.1f}" if sqlite else "       -"
    tg = f"{target * 1e3:6.0f}" if target else "     -"
    ok = "" if target is None else ("ok" if talk <= target else "OVER")
    print(f"{name:<52} {talk * 1e3:8.1f} {sq} {ratio} {tg}  {ok}")


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
    if not os.path.exists(DB):
        subprocess.run([os.path.join(ROOT, "bench", "gen_catalogue.sh"), DB], cwd=ROOT, check=True)
    talks = subprocess.run([SQLITE3, DB, "select count(*) from talks"], capture_output=True, text=True).stdout.strip()
    print(f"catalogue: {DB} ({talks} talks); {RUNS} runs, medians")
    print(f"{'case':<52} {'talkcli':>8} {'sqlite3':>8} {'ratio':>6} {'target':>6}  (ms)")

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
    bundled = os.path.join(HOME, ".local", "share", "talkcli", "talks.db")
    subprocess.run([TALKCLI, "-e", "select 1"], env=ENV, stdout=subprocess.DEVNULL, check=True)
    starts, sq_starts = [], []
    for _ in range(RUNS):
        t = Term([TALKCLI], b"talks> ")
        starts.append(t.first_prompt)
        t.close("\\q")
        s = Term([SQLITE3, bundled], b"sqlite> ")
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

    # The shortcuts typed at the prompt: Enter to the prompt back, with the first page only (the
    # row limit) drawn in the terminal. The target is the answer's time (wall); CPU is printed
    # beside it, the mean over the runs (the clock ticks are 10 ms), and can be higher: \search
    # ranks a big match set on several cores at once.
    t = talkcli_term()
    t.roundtrip("\\pset pager off")
    # The completion values (a million titles) load on a thread after the first prompt: let that
    # finish, or its CPU time is counted against the first shortcut.
    time.sleep(5)
    for name, cmd in [
        ("\\talks 2020 at the prompt (first page of 33,333)", "\\talks 2020"),
        ("\\speaker lukasz dvorak 17 at the prompt", "\\speaker lukasz dvorak 17"),
        ("\\search fast at the prompt (62,500 matches)", "\\search fast"),
    ]:
        cpu0 = t.cpu()
        times = [t.roundtrip(cmd) for _ in range(RUNS)]
        cpu = (t.cpu() - cpu0) / RUNS
        row(f"{name}, wall", statistics.median(times), None, 0.050)
        row(f"{name}, cpu", cpu)
    t.close("\\q")

    cases = [
        ("\\speaker langa 5", "\\speaker Langa 5"),
        ("\\speaker lukasz dvorak 17 (accents)", "\\speaker lukasz dvorak 17"),
        ("\\tag wheels-11", "\\tag wheels-11"),
        ("\\search lukasz", "\\search lukasz"),
        ("\\search fast (62,500 matches)", "\\search fast"),
    ]
    base = median_pair([cpu_of([TALKCLI, "--db", DB, "-e", "select 1"]) for _ in range(RUNS)])
    sq_base = median_pair([cpu_of([SQLITE3, DB, "select 1"]) for _ in range(RUNS)])
    row("start + select 1, wall", base[0], sq_base[0])
    row("start + select 1, cpu", base[1], sq_base[1])
    for name, cmd in cases:
        wall, cpu = median_pair([cpu_of([TALKCLI, "--db", DB, "-e", cmd]) for _ in range(RUNS)])
        row(f"{name}, wall", wall, None, 0.050)
        row(f"{name}, cpu", cpu)
    # Every row of a year printed (no target: the target is the first page, above).
    wall, cpu = median_pair([cpu_of([TALKCLI, "--db", DB, "-e", "\\talks 2020"]) for _ in range(RUNS)])
    row("\\talks 2020, all 33,333 rows printed, wall", wall)
    row("\\talks 2020, all 33,333 rows printed, cpu", cpu)
    wall, cpu = median_pair([cpu_of([TALKCLI, "--db", DB, "--complete", "\\speaker Ann"]) for _ in range(RUNS)])
    out = subprocess.run([TALKCLI, "--db", DB, "--complete", "\\speaker Ann"], env=ENV, capture_output=True).stdout
    n = out.count(b"\n")
    row(f"--complete '\\speaker Ann' ({n} lines), wall", wall)
    row("--complete '\\speaker Ann', cpu", cpu)

    tabs(max(20, RUNS))

    print("\nTab on this catalogue, engine only (cargo bench --bench complete):", flush=True)
    env = dict(os.environ, TALKCLI_BENCH_DB=DB)
    return subprocess.run(["cargo", "bench", "--quiet", "--bench", "complete"], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
