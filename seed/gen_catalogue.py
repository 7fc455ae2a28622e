#!/usr/bin/env python3
"""Generate seed/catalogue.sql from a pyvideo data extract.

Usage (from the repository root):

    python3 seed/gen_catalogue.py [PYVIDEO_DIR] [-o OUTPUT]

PYVIDEO_DIR defaults to ../shared/data/pyvideo (relative to the repository root) and must hold the event
folders pycon-us-2014, pycon-us-2016 and pycon-us-2017, each with category.json and videos/*.json.
OUTPUT defaults to seed/catalogue.sql next to this script.

Only facts are copied (titles, speakers, dates, durations, URLs, tags); the `description` and `summary`
prose of the source files is never written out. The output is deterministic: running the tool twice on
the same input gives byte-identical files. Standard library only.
"""

import argparse
import collections
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(HERE)
DEFAULT_SRC = os.path.join(REPO_ROOT, "..", "shared", "data", "pyvideo")
DEFAULT_OUT = os.path.join(HERE, "catalogue.sql")

# Event facts that category.json does not carry. Dates span tutorials to the last sprint day.
EVENTS = [
    # id, slug, year, city, start_date, end_date, fallback url
    (1, "pycon-us-2014", 2014, "Montréal", "2014-04-09", "2014-04-17", "https://us.pycon.org/2014/"),
    (2, "pycon-us-2016", 2016, "Portland", "2016-05-28", "2016-06-05", "https://us.pycon.org/2016/"),
    (3, "pycon-us-2017", 2017, "Portland", "2017-05-17", "2017-05-25", "https://us.pycon.org/2017/"),
]

# Speakers listed with this name are placeholders, not people.
PLACEHOLDER_SPEAKERS = {"various speakers"}

# When spellings of one person differ, the most frequent wins; these override it (the person's own spelling).
PREFERRED_SPELLING = {
    "jake vanderplas": "Jake VanderPlas",
}

# Session kinds the rules below cannot see from title/duration alone, keyed by (event slug, file slug).
KIND_OVERRIDES = {
    # Guido's 2016 keynote is titled just "Python Language".
    ("pycon-us-2016", "guido-van-rossum-python-language-pycon-2016"): "keynote",
    # A tutorial of which only a part was recorded (so the duration is short).
    ("pycon-us-2016", "partial-harry-percival-python-bootcamp-pycon-2016"): "tutorial",
}

# 2014 files carry no durations and their `recorded` dates are 2014-04-11..13 for every file, tutorials
# included (the tutorial days were 04-09/10), so neither can spot the tutorials. These are the 2014 files
# that are three-hour tutorial sessions: each describes itself as a tutorial/workshop/hands-on class or is
# a known PyCon 2014 tutorial.
TUTORIALS_2014 = {
    "0-to-00111100-with-web2py",
    "bayesian-statistics-made-simple-0",
    "beyond-defaults-creating-polished-visualizations",
    "build-your-own-pidoorbell-learn-home-automatio",
    "contribute-with-me-getting-started-with-open-sou-0",
    "data-wrangling-for-kaggle-data-science-competitio",
    "descriptors-and-metaclasses-understanding-and-u",
    "distributed-task-processing-using-celery",
    "diving-deeper-into-machine-learning-with-scikit-l",
    "django-for-web-designers-and-front-end-developers",
    "dynamics-and-control-with-python",
    "exploring-machine-learning-with-scikit-learn",
    "faster-python-programs-through-optimization-1",
    "flask-by-example",
    "generators-the-final-frontier",
    "getting-started-with-django-a-crash-course",
    "hands-on-intro-to-python-for-beginning-programmer",
    "hands-on-with-pydata-how-to-build-a-minimal",
    "how-to-formulate-a-science-problem-and-analyze",
    "improving-automated-testing-with-pytest",
    "introduction-to-game-programming",
    "introduction-to-sqlalchemy-0",
    "introduction-to-web-and-data-scraping-with-pyt",
    "ipython-in-depth-high-productivity-interactive-a-1",
    "lets-learn-twisted-python",
    "mining-social-web-apis-with-ipython-notebook",
    "mrjob-snakes-on-a-hadoop",
    "postgresql-proficiency-for-python-people",
    "python-32-web-development-with-pyramid",
    "python-epiphanies-1",
    "python-for-social-scientists",
    "search-101-an-introduction-to-information-retrie",
    "shiny-lets-be-bad-guys-exploiting-and-mitigati-2",
    "tdd-for-web-applications-from-scratch",
}

# A recorded session longer than this (seconds) that is not a keynote or lightning block is a tutorial.
# Talks and keynotes stay under ~75 minutes; several tutorials were cut at 100-120 minutes.
TUTORIAL_MIN_SECONDS = 5400

RE_LIGHTNING = re.compile(r"\blightning\s+talks?\b", re.I)
RE_KEYNOTE = re.compile(r"\bkeynote\b", re.I)
RE_OTHER = re.compile(
    r"^(opening statements?|opening address|closing address|welcome to pycon|final remarks|thank you$)"
    r"|\bawards\b|^panel discussion\b|^python software foundation$",
    re.I,
)

# Generic per-event slide collections: not the slides of one talk.
GENERIC_SLIDE_URLS = {
    "https://github.com/pycon/2016-slides",
    "https://speakerdeck.com/pycon2016",
    "https://speakerdeck.com/pycon2017",
}


def fold_spaces(s):
    return " ".join(s.split())


def person_key(name):
    """Key under which spellings of one name are the same person: case- and accent-insensitive."""
    k = unicodedata.normalize("NFKD", fold_spaces(name).casefold())
    return "".join(c for c in k if not unicodedata.combining(c))


def sql_str(v):
    if v is None:
        return "NULL"
    if isinstance(v, int):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


def comment_safe(s):
    return s.replace("\n", " ").replace("\r", " ")


def pick_video_url(videos):
    urls = [(v.get("type"), v.get("url")) for v in videos or [] if v.get("url")]
    for typ, url in urls:
        if typ == "youtube":
            return url
    return urls[0][1] if urls else None


def pick_slides_url(related):
    for r in related or []:
        if isinstance(r, dict):
            url, label = r.get("url") or "", r.get("label") or ""
        else:
            url, label = r, ""
        url = url.strip()
        if not url or url.endswith("...") or url.rstrip("/").lower() in GENERIC_SLIDE_URLS:
            continue
        low = url.lower()
        if "slide" in label.lower():
            return url
        m = re.match(r"https?://(www\.)?(speakerdeck\.com|slideshare\.net)/([^/]+)/([^/?#]+)", low)
        if m:
            return url
        if low.split("?")[0].endswith(".pdf"):
            return url
    return None


def infer_kind(event_slug, slug, title, duration, speakers):
    if (event_slug, slug) in KIND_OVERRIDES:
        return KIND_OVERRIDES[(event_slug, slug)]
    if RE_LIGHTNING.search(title):
        return "lightning"
    if RE_KEYNOTE.search(title):
        return "keynote"
    if RE_OTHER.search(title):
        return "other"
    if speakers and all(s.casefold() in PLACEHOLDER_SPEAKERS for s in speakers):
        return "other"  # e.g. Education Summit room recordings
    if event_slug == "pycon-us-2014" and slug in TUTORIALS_2014:
        return "tutorial"
    if duration is not None and duration > TUTORIAL_MIN_SECONDS:
        return "tutorial"
    return "talk"


def load(src):
    events, talks = [], []
    for eid, eslug, year, city, start, end, url in EVENTS:
        folder = os.path.join(src, eslug)
        with open(os.path.join(folder, "category.json"), encoding="utf-8") as f:
            cat = json.load(f)
        events.append(dict(id=eid, slug=eslug, name=fold_spaces(cat["title"]), year=year, city=city,
                           start=start, end=end, url=cat.get("url") or url))
        vdir = os.path.join(folder, "videos")
        for fn in sorted(os.listdir(vdir)):
            if not fn.endswith(".json"):
                continue
            with open(os.path.join(vdir, fn), encoding="utf-8") as f:
                d = json.load(f)
            talks.append(dict(event=eid, event_slug=eslug, start=start, end=end,
                              source=f"{eslug}/videos/{fn}", slug=fn[:-len(".json")], data=d))
    return events, talks


def generate(src):
    events, talks = load(src)
    known = {(t["event_slug"], t["slug"]) for t in talks}
    missing = sorted(k for k in list(KIND_OVERRIDES) + [("pycon-us-2014", s) for s in TUTORIALS_2014]
                     if k not in known)
    if missing:
        raise SystemExit(f"kind overrides name files that do not exist: {missing}")

    # Speakers: one row per person.
    spellings = collections.defaultdict(collections.Counter)
    for t in talks:
        for s in t["data"].get("speakers") or []:
            n = fold_spaces(s)
            if n and n.casefold() not in PLACEHOLDER_SPEAKERS:
                spellings[person_key(n)][n] += 1
    canonical = {}
    for key, counter in spellings.items():
        # Most frequent spelling; ties go to the one with accents, then upper case letters, then sort order.
        best = sorted(counter.items(),
                      key=lambda kv: (-kv[1], -sum(ord(c) > 127 for c in kv[0]),
                                      -sum(c.isupper() for c in kv[0]), kv[0]))[0][0]
        canonical[key] = PREFERRED_SPELLING.get(key, best)
    speaker_names = sorted(set(canonical.values()), key=lambda n: (n.casefold(), n))
    speaker_id = {n: i for i, n in enumerate(speaker_names, 1)}

    # Tags: lower case, trimmed, de-duplicated.
    def norm_tag(tag):
        return fold_spaces(tag).lower()
    tag_names = sorted({norm_tag(g) for t in talks for g in t["data"].get("tags") or [] if norm_tag(g)})
    tag_id = {n: i for i, n in enumerate(tag_names, 1)}

    out = []
    w = out.append
    w("-- talkcli seed: the pyvideo catalogue of PyCon US 2014, 2016 and 2017.")
    w("-- GENERATED by seed/gen_catalogue.py from the pyvideo/data extract (CC0 1.0); do not edit by hand.")
    w("-- Only facts are copied (titles, speakers, dates, durations, URLs, tags); no description/summary prose.")
    w("-- Ids are stable: events by year, talks by event then file name, speakers and tags by name.")
    w("")
    w("-- events ---------------------------------------------------------------------------------------")
    for e in events:
        w(f"-- {e['slug']}/category.json (city, dates: conference facts, tutorials to last sprint day)")
        w("INSERT INTO events (id, slug, name, year, city, start_date, end_date, url) VALUES ("
          + ", ".join(sql_str(x) for x in (e["id"], e["slug"], e["name"], e["year"], e["city"],
                                           e["start"], e["end"], e["url"])) + ");")
    w("")
    w(f"-- speakers ({len(speaker_names)}) -----------------------------------------------------------------")
    for n in speaker_names:
        w(f"INSERT INTO speakers (id, name) VALUES ({speaker_id[n]}, {sql_str(n)});")
    w("")
    w(f"-- tags ({len(tag_names)}) ---------------------------------------------------------------------------")
    for n in tag_names:
        w(f"INSERT INTO tags (id, name) VALUES ({tag_id[n]}, {sql_str(n)});")
    w("")
    w(f"-- talks ({len(talks)}), each followed by its speakers (billing order) and tags ------------------")
    stats = collections.Counter()
    for tid, t in enumerate(talks, 1):
        d = t["data"]
        title = fold_spaces(d["title"])
        raw_speakers = [fold_spaces(s) for s in d.get("speakers") or []]
        duration = d.get("duration")
        if not isinstance(duration, int) or isinstance(duration, bool) or duration < 0:
            duration = None
        kind = infer_kind(t["event_slug"], t["slug"], title, duration, raw_speakers)
        recorded = d.get("recorded") or None
        note = ""
        if recorded is not None:
            recorded = str(recorded)[:10]
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", recorded):
                note, recorded = f" (recorded {d.get('recorded')!r} unparsable -> NULL)", None
            elif not (t["start"] <= recorded <= t["end"]):
                note = f" (recorded {recorded} is after the event, an upload date -> NULL)"
                recorded = None
                stats["recorded_nulled"] += 1
        w("")
        w(f"-- {t['source']}{comment_safe(note)}")
        w("INSERT INTO talks (id, event_id, slug, title, kind, recorded, duration, video_url, slides_url, "
          "in_catalogue) VALUES ("
          + ", ".join(sql_str(x) for x in (tid, t["event"], t["slug"], title, kind, recorded, duration,
                                           pick_video_url(d.get("videos")),
                                           pick_slides_url(d.get("related_urls")), 1)) + ");")
        stats[kind] += 1
        seen, pos = set(), 0
        for s in raw_speakers:
            if not s or s.casefold() in PLACEHOLDER_SPEAKERS:
                continue
            sid = speaker_id[canonical[person_key(s)]]
            if sid in seen:
                continue
            seen.add(sid)
            pos += 1
            w(f"INSERT INTO talk_speakers (talk_id, speaker_id, position) VALUES ({tid}, {sid}, {pos});")
        tseen = set()
        for g in d.get("tags") or []:
            g = norm_tag(g)
            if g and g not in tseen:
                tseen.add(g)
                w(f"INSERT INTO talk_tags (talk_id, tag_id) VALUES ({tid}, {tag_id[g]});")
    w("")
    return "\n".join(out), dict(events=len(events), talks=len(talks), speakers=len(speaker_names),
                                tags=len(tag_names), **stats)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", nargs="?", default=DEFAULT_SRC, help="pyvideo folder (default: %(default)s)")
    ap.add_argument("-o", "--output", default=DEFAULT_OUT, help="output file (default: %(default)s)")
    args = ap.parse_args(argv)
    sql, stats = generate(args.src)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(sql)
    print(f"wrote {args.output}: " + ", ".join(f"{k}={v}" for k, v in sorted(stats.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
