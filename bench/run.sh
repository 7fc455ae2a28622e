#!/bin/sh
# Builds talkcli in release mode and compares it with the sqlite3 shell (Debian: apt install sqlite3).
# Inputs are generated in bench/out/ (gitignored). Usage: bench/run.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 not found (apt install sqlite3)" >&2; exit 2; }
cargo build --release --quiet
python3 bench/compare.py "${1:-5}"
exec python3 bench/typing.py
