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
  * Tab itself: `cargo bench --bench complete` with TALKCLI_BENCH_DB pointing at the catalogue.

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
    # row limit) drawn in the terminal. CPU is the mean over the runs (the clock ticks are 10 ms).
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
        row(f"{name}, cpu", cpu, None, 0.050)
    t.close("\\q")

    cases = [
        ("\\speaker langa 5", "\\speaker Langa 5"),
        ("\\speaker lukasz dvorak 17 (accents)", "\\speaker lukasz dvorak 17"),
        ("\\tag wheels-11", "\\tag wheels-11"),
        ("\\search lukasz", "\\search lukasz"),
        ("\\search fast (62,500 matches)", "\\search fast"),
        ("\\talks 2020 (33,333 talks)", "\\talks 2020"),
    ]
    base = median_pair([cpu_of([TALKCLI, "--db", DB, "-e", "select 1"]) for _ in range(RUNS)])
    sq_base = median_pair([cpu_of([SQLITE3, DB, "select 1"]) for _ in range(RUNS)])
    row("start + select 1, wall", base[0], sq_base[0])
    row("start + select 1, cpu", base[1], sq_base[1])
    for name, cmd in cases:
        wall, cpu = median_pair([cpu_of([TALKCLI, "--db", DB, "-e", cmd]) for _ in range(RUNS)])
        row(f"{name}, wall", wall, None, 0.050)
        row(f"{name}, cpu", cpu, None, 0.050)
    wall, cpu = median_pair([cpu_of([TALKCLI, "--db", DB, "--complete", "\\speaker Ann"]) for _ in range(RUNS)])
    out = subprocess.run([TALKCLI, "--db", DB, "--complete", "\\speaker Ann"], env=ENV, capture_output=True).stdout
    n = out.count(b"\n")
    row(f"--complete '\\speaker Ann' ({n} lines), wall", wall)
    row("--complete '\\speaker Ann', cpu", cpu)

    print("\nTab on this catalogue (cargo bench --bench complete):", flush=True)
    env = dict(os.environ, TALKCLI_BENCH_DB=DB)
    return subprocess.run(["cargo", "bench", "--quiet", "--bench", "complete"], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
