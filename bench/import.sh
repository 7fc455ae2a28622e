#!/bin/sh
# Benchmark: import 10,000 synthetic pyvideo files (100 events x 100 talks) into an empty database.
# The goal in issue 6 is under 2 s on the development machine. Not a test: run it by hand.
#
#   bench/import.sh            # builds the release binary, generates bench/out/pyvideo once, times 3 runs
#   FILES=50000 bench/import.sh
set -eu
cd "$(dirname "$0")/.."
FILES=${FILES:-10000}
OUT=bench/out
DATA=$OUT/pyvideo-$FILES
cargo build --release --quiet
if [ ! -d "$DATA" ]; then
    python3 - "$DATA" "$FILES" <<'PY'
import json, os, random, sys
out, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(6)
first = ["Ada", "Bea", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jon", "José", "Zoë"]
last = ["Quill", "Ortiz", "Moreau", "Ng", "Park", "Lund", "Ito", "Weiss", "Chen", "Bell", "Núñez"]
words = ["fast", "async", "typed", "data", "web", "tests", "maps", "parsers", "packaging", "graphs"]
per_event = 100
for e in range(total // per_event):
    slug = f"benchconf-{2000 + e % 50}-{e:03d}"
    os.makedirs(f"{out}/{slug}/videos")
    json.dump({"title": f"Bench Conf {e}"}, open(f"{out}/{slug}/category.json", "w"))
    for t in range(per_event):
        n = rng.randint(1, 3)
        speakers = [f"{rng.choice(first)}  {rng.choice(last)}{rng.randint(0, 400)}" for _ in range(n)]
        title = " ".join(rng.choice(words) for _ in range(4)).capitalize()
        if t % 25 == 0:
            title = "Keynote"
        d = {"title": title, "speakers": speakers, "recorded": f"{2000 + e % 50}-05-{10 + t % 5:02d}",
             "description": "Synthetic benchmark text.", "duration": rng.choice([1500, 1800, 2700, 10800]),
             "tags": rng.sample(words, 2), "videos": [{"type": "youtube", "url": f"https://example.org/{e}/{t}"}]}
        json.dump(d, open(f"{out}/{slug}/videos/talk-{t:03d}.json", "w"))
PY
fi
echo "$(find "$DATA" -name '*.json' -path '*/videos/*' | wc -l) video files in $DATA"
# A clean environment and a throwaway HOME: the developer's config, XDG dirs and TALKCLI_* stay out.
mkdir -p "$OUT/home"
talkcli() { env -i PATH="$PATH" HOME="$PWD/$OUT/home" ./target/release/talkcli "$@"; }
for run in 1 2 3; do
    rm -f "$OUT/bench.db" "$OUT/bench.db-wal" "$OUT/bench.db-shm"
    start=$(date +%s.%N)
    talkcli import pyvideo "$DATA" --db "$OUT/bench.db"
    end=$(date +%s.%N)
    echo "run $run: $(echo "$end - $start" | bc) s wall"
done
echo "re-import of the same files (nothing changes):"
talkcli import pyvideo "$DATA" --db "$OUT/bench.db"
