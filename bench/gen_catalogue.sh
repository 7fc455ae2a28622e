#!/bin/sh
# Generates a synthetic talk catalogue with talkcli's schema: by default 1,000,000 talks,
# 200,000 speakers, 5,000 tags and 30 events, one a year 1995-2024, so each year holds 33,333
# talks (names are made up; a few carry accents, so accent-insensitive lookups are exercised).
# EVENTS (a multiple of 30) spreads the talks over more events, EVENTS / 30 a year: with 600 a
# year's 33,333 talks come from 20 events, as the real catalogue's years come from many.
# Usage: bench/gen_catalogue.sh OUT.db [TALKS] [EVENTS]
# Needs the sqlite3 shell (Debian: apt install sqlite3). Takes a minute or two for 1M talks.
set -eu
cd "$(dirname "$0")/.."
out=${1:?usage: bench/gen_catalogue.sh OUT.db [TALKS]}
talks=${2:-1000000}
events=${3:-30}
[ $((events % 30)) -eq 0 ] && [ "$events" -gt 0 ] || { echo "gen_catalogue: EVENTS must be a multiple of 30" >&2; exit 2; }
speakers=$((talks / 5))
command -v sqlite3 >/dev/null || { echo "gen_catalogue: sqlite3 not found (apt install sqlite3)" >&2; exit 2; }
rm -f "$out" "$out-wal" "$out-shm"
# The data version talkcli stamps (talks/catalogue), so the file counts as current.
version=$(sed -n 's/^pub const DATA_VERSION: i64 = \([0-9]*\);/\1/p' src/talks/catalogue/mod.rs)
{
  cat schema.sql
  cat <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE w(i INTEGER PRIMARY KEY, first TEXT, last TEXT, word TEXT, noun TEXT);
INSERT INTO w VALUES
 (0,'Ada','Lovelace','Fast','Dictionaries'),(1,'Brett','Cannon','Practical','Generators'),
 (2,'Carol','Willing','Modern','Decorators'),(3,'Dmitri','Batchelder','Async','Packaging'),
 (4,'Émilie','Rossum','Testable','Type Hints'),(5,'Farah','Schlawack','Beautiful','Metaclasses'),
 (6,'Guido','Montani','Robust','Descriptors'),(7,'Hynek','Kaplan','Pythonic','Iterators'),
 (8,'Inès','Langa','Readable','Closures'),(9,'Jacob','Núñez','Scalable','Coroutines'),
 (10,'Łukasz','Dvořák','Simple','Dataclasses'),(11,'Mariana','Østergaard','Secure','Wheels'),
 (12,'Ned','Hastings','Efficient','Databases'),(13,'Olga','Jiryu','Clean','Notebooks'),
 (14,'Paul','Zhang','Concurrent','Web APIs'),(15,'Quinn','Okafor','Reliable','Pipelines');
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT $events),
  e(x, y, n) AS (SELECT x, 1995 + (x - 1) % 30, 1 + (x - 1) / 30 FROM c)
INSERT INTO events(id, slug, name, year, city, start_date, end_date)
SELECT x, 'synth-' || y || iif($events = 30, '', '-' || n), 'SynthCon ' || y || iif($events = 30, '', ' #' || n),
       y, 'City ' || x, y || '-05-01', y || '-05-09' FROM e;
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT $speakers)
INSERT INTO speakers(id, name)
SELECT x, (SELECT first FROM w WHERE i = x % 16) || ' ' || (SELECT last FROM w WHERE i = (x / 16) % 16) || ' ' || x FROM c;
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5000)
INSERT INTO tags(id, name)
SELECT x, lower((SELECT noun FROM w WHERE i = x % 16)) || '-' || x FROM c;
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT $talks)
INSERT INTO talks(id, event_id, slug, title, kind, recorded, duration)
SELECT x, 1 + x % $events, 'talk-' || x,
       (SELECT word FROM w WHERE i = x % 16) || ' ' || (SELECT noun FROM w WHERE i = (x / 16) % 16) || ' ' || x,
       CASE x % 20 WHEN 0 THEN 'keynote' WHEN 1 THEN 'tutorial' WHEN 2 THEN 'lightning' ELSE 'talk' END,
       (1995 + x % 30) || '-05-0' || (1 + x % 9), 600 + x % 2400 FROM c;
INSERT INTO talk_speakers(talk_id, speaker_id, position) SELECT id, 1 + id % $speakers, 1 FROM talks;
INSERT INTO talk_speakers(talk_id, speaker_id, position)
  SELECT id, 1 + (id * 7 + 3) % $speakers, 2 FROM talks WHERE id % 4 = 0 AND (id * 7 + 3) % $speakers <> id % $speakers;
INSERT INTO talk_tags(talk_id, tag_id) SELECT id, 1 + id % 5000 FROM talks;
INSERT INTO talk_tags(talk_id, tag_id) SELECT id, 1 + (id * 13) % 5000 FROM talks WHERE (id * 13) % 5000 <> id % 5000;
INSERT INTO writeups(id, title, author, published, site, source)
  VALUES (1, 'Notes from SynthCon', 'A. Writer', '2020-06-01', 'example.org', 'synthetic');
INSERT INTO mentions(writeup_id, talk_id, takeaway) SELECT 1, id, 'synthetic takeaway ' || id FROM talks WHERE id % 1000 = 0;
SQL
  # The search index exactly as talkcli fills it.
  sed -n '/^pub const REBUILD_SEARCH: &str = "/,/^";/p' src/talks/catalogue/mod.rs | sed '1d;$d'
  echo "PRAGMA user_version = $version; COMMIT; PRAGMA journal_mode = WAL; ANALYZE;"
} | sqlite3 "$out"
echo "generated $out: $talks talks, $speakers speakers, 5000 tags, $events events"
