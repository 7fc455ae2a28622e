-- Schema of talkcli's bundled database.
--
-- Two kinds of tables live here:
--   * catalogue tables (events, talks, speakers, talk_speakers, tags, talk_tags, writeups, mentions,
--     projects, writeup_projects, talk_search) are rebuilt from the bundled seed when a newer talkcli
--     ships newer data; events and talks a user imported (ids from 1,000,000 up) are kept (see db.rs);
--   * user tables (favorites, notes) belong to the user and are never touched by a refresh. They refer to
--     talks by id, and seed ids are stable across data versions.
-- Every statement is idempotent (IF NOT EXISTS) so the file can be applied to an existing database.

CREATE TABLE IF NOT EXISTS events (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE CHECK (length(slug) > 0),   -- pyvideo folder name, e.g. pycon-us-2016
    name       TEXT NOT NULL CHECK (length(name) > 0),          -- PyCon US 2016
    year       INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    city       TEXT,
    start_date TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    end_date   TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
    url        TEXT,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);

CREATE TABLE IF NOT EXISTS talks (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    slug       TEXT NOT NULL CHECK (length(slug) > 0),          -- file name in the pyvideo folder, or ours
    title      TEXT NOT NULL CHECK (length(title) > 0),
    kind       TEXT NOT NULL DEFAULT 'talk'
               CHECK (kind IN ('talk', 'keynote', 'tutorial', 'lightning', 'other')),
    recorded   TEXT CHECK (recorded IS NULL OR date(recorded) = recorded),
    duration   INTEGER CHECK (duration IS NULL OR duration >= 0), -- seconds
    video_url  TEXT,
    slides_url TEXT,
    -- 1 when the talk comes from the pyvideo catalogue; 0 when only a write-up names it
    in_catalogue INTEGER NOT NULL DEFAULT 1 CHECK (in_catalogue IN (0, 1)),
    -- the source's description text, for the user's own search; only imports fill it (data version 2)
    description TEXT,
    UNIQUE (event_id, slug)
);
CREATE INDEX IF NOT EXISTS talks_event ON talks(event_id);
CREATE INDEX IF NOT EXISTS talks_title ON talks(title COLLATE NOCASE);

CREATE TABLE IF NOT EXISTS speakers (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0)
);

CREATE TABLE IF NOT EXISTS talk_speakers (
    talk_id    INTEGER NOT NULL REFERENCES talks(id) ON DELETE CASCADE,
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 1),          -- billing order, 1 first
    PRIMARY KEY (talk_id, speaker_id),
    UNIQUE (talk_id, position)
);
CREATE INDEX IF NOT EXISTS talk_speakers_speaker ON talk_speakers(speaker_id);

CREATE TABLE IF NOT EXISTS tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0)
);

CREATE TABLE IF NOT EXISTS talk_tags (
    talk_id INTEGER NOT NULL REFERENCES talks(id) ON DELETE CASCADE,
    tag_id  INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (talk_id, tag_id)
);
CREATE INDEX IF NOT EXISTS talk_tags_tag ON talk_tags(tag_id);

-- The attendee write-ups the project grew from: facts about them only, no prose.
CREATE TABLE IF NOT EXISTS writeups (
    id        INTEGER PRIMARY KEY,
    title     TEXT NOT NULL CHECK (length(title) > 0),
    author    TEXT,                                             -- NULL where the post does not say
    published TEXT CHECK (published IS NULL OR date(published) = published),
    site      TEXT,
    event_id  INTEGER REFERENCES events(id),                    -- the edition it reports on
    source    TEXT NOT NULL UNIQUE                              -- seed file it was read from
);

-- Which write-up covers which talk, with a short takeaway in our own words.
CREATE TABLE IF NOT EXISTS mentions (
    writeup_id INTEGER NOT NULL REFERENCES writeups(id) ON DELETE CASCADE,
    talk_id    INTEGER NOT NULL REFERENCES talks(id) ON DELETE CASCADE,
    takeaway   TEXT NOT NULL CHECK (length(takeaway) > 0),
    PRIMARY KEY (writeup_id, talk_id)
);
CREATE INDEX IF NOT EXISTS mentions_talk ON mentions(talk_id);

-- Libraries, tools and sprint projects the write-ups name.
CREATE TABLE IF NOT EXISTS projects (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
    url  TEXT
);

CREATE TABLE IF NOT EXISTS writeup_projects (
    writeup_id INTEGER NOT NULL REFERENCES writeups(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('sprint', 'library', 'tool')),
    note       TEXT,                                            -- our words, short
    PRIMARY KEY (writeup_id, project_id, role)
);
CREATE INDEX IF NOT EXISTS writeup_projects_project ON writeup_projects(project_id);

-- User tables: never touched by a catalogue refresh.
CREATE TABLE IF NOT EXISTS favorites (
    talk_id  INTEGER PRIMARY KEY,
    added_at TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE IF NOT EXISTS notes (
    id         INTEGER PRIMARY KEY,
    talk_id    INTEGER NOT NULL,
    body       TEXT NOT NULL CHECK (length(body) > 0),
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS notes_talk ON notes(talk_id);

-- One talk a row: what most queries want.
CREATE VIEW IF NOT EXISTS talk_overview AS
SELECT t.id,
       t.title,
       t.kind,
       e.name  AS event,
       e.year  AS year,
       t.recorded,
       t.duration / 60 AS minutes,
       (SELECT group_concat(name, ', ') FROM (
            SELECT s.name FROM talk_speakers ts JOIN speakers s ON s.id = ts.speaker_id
            WHERE ts.talk_id = t.id ORDER BY ts.position)) AS speakers,
       (SELECT group_concat(name, ', ') FROM (
            SELECT g.name FROM talk_tags tt JOIN tags g ON g.id = tt.tag_id
            WHERE tt.talk_id = t.id ORDER BY g.name)) AS tags,
       (SELECT count(*) FROM mentions m WHERE m.talk_id = t.id) AS mentions,
       t.video_url
FROM talks t JOIN events e ON e.id = t.event_id;

-- Full-text index over what people search for. Rebuilt from the tables after every load or import
-- (see db.rs), rowid = talks.id.
CREATE VIRTUAL TABLE IF NOT EXISTS talk_search USING fts5(
    title, speakers, tags, takeaways,
    tokenize = 'unicode61 remove_diacritics 2'
);
