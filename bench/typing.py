#!/usr/bin/env python3
"""Types one long SQL line into talkcli (colour on) and into the sqlite3 shell, each in a real
pseudo-terminal of 80x24, and prints how long the echo takes and how much CPU each keystroke
costs, with the ratio talkcli/sqlite3.

Two ways of typing, both without bracketed paste (as an old terminal delivers a paste, or a user
types):
  burst  the whole line written at once; time until the end of the line is echoed.
  keys   one key at a time, waiting for its echo; CPU time the shell spent on each key
         (from /proc/PID/task/*/schedstat, nanoseconds), max and mean.

Usage: bench/typing.py [LENGTH] (default 8000). Needs target/release/talkcli (bench/run.sh
builds it) and sqlite3 (Debian: apt install sqlite3).
"""

import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TALKCLI = os.path.join(ROOT, "target", "release", "talkcli")
SQLITE3 = shutil.which("sqlite3")
LENGTH = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
MARKER = "zz_end_marker"
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|[\r\n\x07\x08]")


def line_of(length):
    """`select 1+1+…+1 as zz_end_marker` of about `length` characters."""
    head = "select "
    tail = "1 as " + MARKER
    body = "1+" * max(0, (length - len(head) - len(tail)) // 2)
    return head + body + tail


class Shell:
    def __init__(self, argv, env, prompt):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.seen = b""
        self.wait_for(prompt.encode(), 60)
        self.seen = b""

    def read(self, timeout):
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            return False
        self.seen = (self.seen + data)[-131072:]
        return True

    def wait_for(self, text, timeout):
        """Waits until `text` shows at the end of the output. Only the tail is searched (the last
        repaint holds the end of the line), and spaces are ignored: readline wraps a long line by
        writing a space and a carriage return."""
        end = time.monotonic() + timeout
        text = text.replace(b" ", b"")
        fresh = True
        while True:
            if fresh and text in ESCAPES.sub(b"", self.seen[-8192:]).replace(b" ", b""):
                return
            if time.monotonic() > end:
                tail = ESCAPES.sub(b"", self.seen[-8192:])[-80:]
                raise SystemExit(f"bench: timed out waiting for {text!r}; the screen ends {tail!r}")
            fresh = self.read(0.05)
            while fresh and self.read(0):
                pass

    def cpu_ns(self):
        total = 0
        for task in os.listdir(f"/proc/{self.proc.pid}/task"):
            try:
                with open(f"/proc/{self.proc.pid}/task/{task}/schedstat") as f:
                    total += int(f.read().split()[0])
            except OSError:
                pass
        return total

    def idle(self):
        """Waits until the shell has no more output for a moment and sleeps in the kernel."""
        while self.read(0.002):
            pass
        for _ in range(200):
            with open(f"/proc/{self.proc.pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
            if state != "R":
                return
            self.read(0.001)

    def write(self, data):
        view = memoryview(data)
        while view:
            _, w, _ = select.select([], [self.master], [], 0.05)
            if w:
                n = os.write(self.master, view[:4096])
                view = view[n:]
            self.read(0)

    def close(self):
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        os.close(self.master)


def burst(shell, line):
    started = time.monotonic()
    shell.write(line.encode())
    shell.wait_for(MARKER.encode(), 600)
    return time.monotonic() - started


def keys(shell, line):
    costs = []
    for ch in line:
        before = shell.cpu_ns()
        shell.write(ch.encode())
        shell.idle()
        costs.append(shell.cpu_ns() - before)
    shell.wait_for(MARKER.encode(), 60)
    return costs


def run(name, argv, env, prompt, line):
    print(f"bench: {name}: typing {len(line)} characters at once, then one at a time", file=sys.stderr)
    shell = Shell(argv, env, prompt)
    try:
        took = burst(shell, line)
    finally:
        shell.close()
    shell = Shell(argv, env, prompt)
    try:
        costs = keys(shell, line)
    finally:
        shell.close()
    return name, took, max(costs) / 1e6, sum(costs) / len(costs) / 1e6


def main():
    if not os.path.exists(TALKCLI):
        raise SystemExit("bench: build talkcli first: cargo build --release")
    if not SQLITE3:
        raise SystemExit("bench: sqlite3 not found (apt install sqlite3)")
    line = line_of(LENGTH)
    home = tempfile.mkdtemp(prefix="talkcli-typing-")
    env = {"HOME": home, "PATH": os.environ.get("PATH", ""), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    db = os.path.join(home, "empty.db")
    results = [
        run("talkcli", [TALKCLI, "--color", "always", "--db", db], env, "empty> ", line),  # the prompt names the file
        run("sqlite3", [SQLITE3, db], env, "sqlite> ", line),
    ]
    shutil.rmtree(home, ignore_errors=True)
    print(f"one line of {len(line)} characters typed into an 80x24 terminal (colour on for talkcli)")
    print(f"{'shell':<8} {'burst echo s':>12} {'max key ms':>11} {'mean key ms':>12}")
    for name, took, worst, mean in results:
        print(f"{name:<8} {took:>12.3f} {worst:>11.3f} {mean:>12.4f}")
    t, s = results
    print(
        f"ratio talkcli/sqlite3: burst {t[1] / s[1]:.1f}x, max key {t[2] / max(s[2], 1e-6):.1f}x, "
        f"mean key {t[3] / max(s[3], 1e-6):.1f}x"
    )
    print(f"targets: burst <= 1 s ({'met' if t[1] <= 1 else 'NOT met'}), "
          f"max key <= 5 ms ({'met' if t[2] <= 5 else 'NOT met'})")


if __name__ == "__main__":
    main()
