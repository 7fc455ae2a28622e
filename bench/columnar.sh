#!/usr/bin/env bash
# sqlite3's `.mode box` on a large result, to a pipe: talkcli against the sqlite3 shell in the same
# run, wall time and peak memory (max RSS) with their ratios. Both must keep every row before
# drawing (column widths), so memory is the figure to watch.
# Usage: bench/columnar.sh [ROWS] (default 1000000; 4 columns)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
bin=${TALKCLI:-target/release/talkcli}
[ -x "$bin" ] || cargo build --release -q
work=$(mktemp -d /tmp/columnar-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
q="with recursive c(i) as (select 1 union all select i + 1 from c where i < $rows)
select i as id, 'name ' || i as name, i * 0.5 as half, case when i % 7 = 0 then null else hex(i) end as code from c;"
printf '.mode box\n%s\n' "$q" >"$work/q.sql"
measure() { # label command…: prints seconds and max RSS in KiB
    local label=$1
    shift
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" <"$work/q.sql" >"$work/out.$label" 2>/dev/null
    tail -1 "$work/t"
}
read -r ts tk < <(measure talkcli env HOME="$work" "$bin" :memory:)
read -r ss sk < <(measure sqlite3 sqlite3 :memory:)
cmp -s "$work/out.talkcli" "$work/out.sqlite3" && same=identical || same=DIFFERENT
python3 - "$rows" "$ts" "$tk" "$ss" "$sk" "$same" <<'PY'
import sys
rows, ts, tk, ss, sk, same = sys.argv[1], *map(float, sys.argv[2:6]), sys.argv[6]
print(f".mode box, {rows} rows x 4 columns to a pipe (output {same})")
print(f"  talkcli {ts:.2f} s, {tk/1024:.0f} MiB peak | sqlite3 {ss:.2f} s, {sk/1024:.0f} MiB peak")
print(f"  ratio talkcli/sqlite3: time {ts/ss:.2f}x, memory {tk/sk:.2f}x")
PY
