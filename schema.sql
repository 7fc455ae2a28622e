-- Schema of talkcli's bundled database.
--
-- Two kinds of tables live here:
--   * catalogue tables (events, talks, speakers, talk_speakers, tags, talk_tags, writeups, mentions,
--     projects, writeup_projects, talk_search) are rebuilt from the bundled seed when a newer talkcli
--     ships newer data; events and talks a user imported (ids from 1,000,000 up) are kept (see db.rs);
--   * user tables (favorites, notes) belong to the user and are never touched by a refresh. They refer to
--     talks by id, and seed ids are stable across data versions.
-- Every statement is idempotent (IF NOT EXISTS) so the file can be applied to an existing database.

-- A conference or meetup across its editions: PyCon US, EuroPython, DjangoCon US … (data version 5).
CREATE TABLE IF NOT EXISTS series (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE CHECK (length(slug) > 0),         -- pycon-us: the editions' folder name up to the year
    name TEXT NOT NULL CHECK (length(name) > 0)                 -- PyCon US: the editions' title up to the year
);

CREATE TABLE IF NOT EXISTS events (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE CHECK (length(slug) > 0),   -- pyvideo folder name, e.g. pycon-us-2016
    name       TEXT NOT NULL CHECK (length(name) > 0),          -- PyCon US 2016
    year       INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    city       TEXT,
    start_date TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    end_date   TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
    url        TEXT,
    series_id  INTEGER REFERENCES series(id),                  -- data version 5
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX IF NOT EXISTS events_year ON events(year);
CREATE INDEX IF NOT EXISTS events_series ON events(series_id);

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
    language   TEXT,                                            -- pyvideo's code: eng, spa, jpn … (data version 5)
    UNIQUE (event_id, slug)
);
CREATE INDEX IF NOT EXISTS talks_event ON talks(event_id);
CREATE INDEX IF NOT EXISTS talks_title ON talks(title COLLATE NOCASE);
-- \talks YEAR reads its first page in this order, without sorting the year (data version 3).
CREATE INDEX IF NOT EXISTS talks_event_recorded ON talks(event_id, recorded, title);

-- The talk's other links (schedule page, repository, conference slides …), in the source's order (data version 5).
CREATE TABLE IF NOT EXISTS related_urls (
    talk_id  INTEGER NOT NULL REFERENCES talks(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    label    TEXT,
    url      TEXT NOT NULL CHECK (length(url) > 0),
    PRIMARY KEY (talk_id, position)
);

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

-- Speaker names folded for \speaker: the accented Latin letters written as their ASCII (as
-- `unaccent` does), in plain SQL so any SQLite can maintain it (data version 3). In steps: one
-- expression of 176 calls overflows SQLite's parser. Plain ASCII names (most of them) skip the
-- steps (data version 4: the calls made an import of 16,000 new speakers a second slower).
CREATE VIEW IF NOT EXISTS speaker_folded(id, folded) AS
WITH f0(id, f) AS (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name,'À','A'),'Á','A'),'Â','A'),'Ã','A'),'Ä','A'),'Å','A'),'Æ','AE'),'Ç','C'),'È','E'),'É','E'),'Ê','E'),'Ë','E'),'Ì','I'),'Í','I'),'Î','I'),'Ï','I') FROM speakers WHERE name GLOB '*[^ -~]*'),
     f1(id, f) AS (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f,'Ñ','N'),'Ò','O'),'Ó','O'),'Ô','O'),'Õ','O'),'Ö','O'),'Ø','O'),'Ù','U'),'Ú','U'),'Û','U'),'Ü','U'),'Ý','Y'),'ß','ss'),'à','a'),'á','a'),'â','a') FROM f0),
     f2(id, f) AS (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f,'ã','a'),'ä','a'),'å','a'),'æ','ae'),'ç','c'),'è','e'),'é','e'),'ê','e'),'ë','e'),'ì','i'),'í','i'),'î','i'),'ï','i'),'ñ','n'),'ò','o'),'ó','o') FROM f1),
     f3(id, f) AS (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f,'ô','o'),'õ','o'),'ö','o'),'ø','o'),'ù','u'),'ú','u'),'û','u'),'ü','u'),'ý','y'),'ÿ','y'),'Ā','A'),'ā','a'),'Ă','A'),'ă','a'),'Ą','A'),'ą','a') FROM f2),
     f4(id, f) AS (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f,'Ć','C'),'ć','c'),'Ĉ','C'),'ĉ','c'),'Ċ','C'),'ċ','c'),'Č','C'),'č','c'),'Ď','D'),'ď','d'),'Đ','D'),'đ','d'),'Ē','E'),'ē','e'),'Ĕ','E'),'ĕ','e') FROM f3),
     f5(id, f) AS (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f,'Ė','E'),'ė','e'),'Ę','E'),'ę','e'),'Ě','E'),'ě','e'),'Ĝ','G'),'ĝ','g'),'Ğ','G'),'ğ','g'),'Ġ','G'),'ġ','g'),'Ģ','G'),'ģ','g'),'Ĥ','H'),'ĥ','h') FROM f4),
     f6(id, f) AS (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f,'Ĩ','I'),'ĩ','i'),'Ī','I'),'ī','i'),'Ĭ','I'),'ĭ','i'),'Į','I'),'į','i'),'İ','I'),'ı','i'),'Ĳ','IJ'),'ĳ','ij'),'Ĵ','J'),'ĵ','j'),'Ķ','K'),'ķ','k') FROM f5),
     f7(id, f) AS (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f,'Ĺ','L'),'ĺ','l'),'Ļ','L'),'ļ','l'),'Ľ','L'),'ľ','l'),'Ł','L'),'ł','l'),'Ń','N'),'ń','n'),'Ņ','N'),'ņ','n'),'Ň','N'),'ň','n'),'Ō','O'),'ō','o') FROM f6),
     f8(id, f) AS (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f,'Ŏ','O'),'ŏ','o'),'Ő','O'),'ő','o'),'Œ','OE'),'œ','oe'),'Ŕ','R'),'ŕ','r'),'Ŗ','R'),'ŗ','r'),'Ř','R'),'ř','r'),'Ś','S'),'ś','s'),'Ŝ','S'),'ŝ','s') FROM f7),
     f9(id, f) AS (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f,'Ş','S'),'ş','s'),'Š','S'),'š','s'),'Ţ','T'),'ţ','t'),'Ť','T'),'ť','t'),'Ũ','U'),'ũ','u'),'Ū','U'),'ū','u'),'Ŭ','U'),'ŭ','u'),'Ů','U'),'ů','u') FROM f8),
     f10(id, f) AS (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f,'Ű','U'),'ű','u'),'Ų','U'),'ų','u'),'Ŵ','W'),'ŵ','w'),'Ŷ','Y'),'ŷ','y'),'Ÿ','Y'),'Ź','Z'),'ź','z'),'Ż','Z'),'ż','z'),'Ž','Z'),'ž','z'),'ſ','s') FROM f9)
SELECT id, name FROM speakers WHERE name NOT GLOB '*[^ -~]*'
UNION ALL SELECT id, f FROM f10;

-- A trigram index over the folded names: `\speaker lukasz` is an index lookup, not a scan of every
-- name. rowid = speakers.id. Names whose fold still holds other letters (another script, a
-- combining accent) are listed in speaker_names_other and checked one by one. Kept by the triggers
-- below; rebuilt with the search index (see db.rs).
CREATE VIRTUAL TABLE IF NOT EXISTS speaker_names USING fts5(name, tokenize = 'trigram');
CREATE TABLE IF NOT EXISTS speaker_names_other (id INTEGER PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS speakers_index_insert AFTER INSERT ON speakers BEGIN
    INSERT INTO speaker_names (rowid, name) SELECT id, folded FROM speaker_folded WHERE id = new.id;
    INSERT OR IGNORE INTO speaker_names_other (id)
        SELECT id FROM speaker_folded WHERE id = new.id AND folded GLOB '*[^ -~]*';
END;
CREATE TRIGGER IF NOT EXISTS speakers_index_delete AFTER DELETE ON speakers BEGIN
    DELETE FROM speaker_names WHERE rowid = old.id;
    DELETE FROM speaker_names_other WHERE id = old.id;
END;
CREATE TRIGGER IF NOT EXISTS speakers_index_update AFTER UPDATE OF id, name ON speakers BEGIN
    DELETE FROM speaker_names WHERE rowid = old.id;
    DELETE FROM speaker_names_other WHERE id = old.id;
    INSERT INTO speaker_names (rowid, name) SELECT id, folded FROM speaker_folded WHERE id = new.id;
    INSERT OR IGNORE INTO speaker_names_other (id)
        SELECT id FROM speaker_folded WHERE id = new.id AND folded GLOB '*[^ -~]*';
END;

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
       t.video_url,
       (SELECT name FROM series WHERE id = e.series_id) AS series,
       t.language
FROM talks t JOIN events e ON e.id = t.event_id;

-- Full-text index over what people search for. Rebuilt from the tables after every load or import
-- (see db.rs), rowid = talks.id.
CREATE VIRTUAL TABLE IF NOT EXISTS talk_search USING fts5(
    title, speakers, tags, takeaways,
    tokenize = 'unicode61 remove_diacritics 2'
);
