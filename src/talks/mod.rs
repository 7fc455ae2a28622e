//! The talks pack: the bundled catalogue and its upgrades, the pyvideo importer, the talk
//! shortcuts, search ranking, accent folding, favorites, title links and the talk values
//! completion offers.

/// An event's series as SQL over `events e`: the catalogue's series (from the event slugs and
/// titles), else, for an event imported without one, its name without the year (`PyCon US 2016` →
/// `PyCon US`). One definition, so every command groups editions alike.
macro_rules! series_of_event {
    () => {
        "coalesce((SELECT s.name FROM series s WHERE s.id = e.series_id), trim(replace(e.name, CAST(e.year AS TEXT), '')))"
    };
}

pub(crate) mod catalogue;
pub(crate) mod compare;
pub(crate) mod favorites;
pub(crate) mod import_command;
pub(crate) mod notes;
pub(crate) mod open_link;
pub(crate) mod person_names;
pub(crate) mod plan;
pub(crate) mod progress;
pub(crate) mod pyvideo;
pub(crate) mod row_talks;
pub(crate) mod search;
pub(crate) mod search_rank;
pub(crate) mod shortcuts;
pub(crate) mod similar;
pub(crate) mod speaker_candidates;
pub(crate) mod talk_card;
pub(crate) mod title_links;
pub(crate) mod trend;
pub(crate) mod unaccent;
pub(crate) mod watchlist;

use crate::engine::command::Pack;
use crate::engine::command::value_source::{Shape, Source};
use crate::engine::db::Opened;

/// The bundled talk database as the engine's home database.
pub(crate) fn open_home(read_only: bool) -> anyhow::Result<Opened> {
    let opened = catalogue::open_bundled(read_only)?;
    Ok(Opened { conn: opened.conn, path: opened.path, warning: opened.warning })
}

/// The talks pack's registration: the shortcuts, search, favorites and links, the `unaccent`
/// function their SQL uses, and the talk values completion offers (speakers, tags, events, titles,
/// write-ups, kinds).
pub static PACK: Pack = Pack {
    topics: &[
        ("Talks", &[shortcuts::COMMANDS]),
        ("Search", &[search::COMMANDS]),
        ("Favorites", &[favorites::COMMANDS, notes::COMMANDS]),
        (
            "Explore and plan what to watch",
            &[
                similar::COMMANDS,
                trend::COMMANDS,
                compare::COMMANDS,
                watchlist::COMMANDS,
                plan::COMMANDS,
                progress::COMMANDS,
            ],
        ),
        ("Import and export", &[import_command::COMMANDS]),
        ("Charts, facets and links", &[open_link::COMMANDS]),
    ],
    functions: unaccent::register,
    unsupported: |_| None,
    words: None,
    sources: SOURCES,
    contents: catalogue_contents,
};

/// Each speaker's name with their number of talks: what the `speakers` source reads, and what
/// the one-shot `--complete` reads of the names the index finds. A count per speaker through the
/// `talk_speakers_speaker` index (0.08 s for 200,000 speakers of a million talks, where grouping
/// the join took 0.55 s).
pub(crate) const SPEAKERS_WITH_TALK_COUNTS: &str =
    "SELECT s.name, (SELECT count(*) FROM talk_speakers ts WHERE ts.speaker_id = s.id) FROM speakers s";

/// The talk values command arguments complete to, each read on the prompt's background
/// connection and read again only when its fingerprint moves.
static SOURCES: &[Source] = &[
    Source {
        name: "speakers",
        label: "speaker",
        table: "speakers",
        print: "SELECT count(*), coalesce(max(id), 0) + (SELECT count(*) FROM talk_speakers),
                CAST(total(length(name)) AS INTEGER) FROM speakers",
        read: SPEAKERS_WITH_TALK_COUNTS,
        shape: Shape::Counted("talk"),
    },
    Source {
        name: "tags",
        label: "tag",
        table: "tags",
        print: "SELECT count(*), coalesce(max(id), 0), CAST(total(length(name)) AS INTEGER) FROM tags",
        read: "SELECT name FROM tags",
        shape: Shape::Names,
    },
    Source {
        name: "events",
        label: "event",
        table: "events",
        print: "SELECT count(*), coalesce(max(id), 0), CAST(total(length(name) + year) AS INTEGER) FROM events",
        // Event names, then years, each once: `\talks 2016` and `\talks PyCon US 2016`.
        read: "SELECT name FROM (SELECT name, year FROM events UNION SELECT CAST(year AS TEXT), year FROM events)
               ORDER BY year, length(name), name",
        shape: Shape::Ordered,
    },
    Source {
        name: "titles",
        label: "talk",
        table: "talks",
        print: "SELECT count(*), coalesce(max(id), 0), CAST(total(length(title)) AS INTEGER) FROM talks",
        read: "SELECT id, title FROM talks",
        shape: Shape::Titled,
    },
    Source {
        name: "writeups",
        label: "write-up",
        table: "writeups",
        print: "SELECT count(*), coalesce(max(id), 0), CAST(total(length(title)) AS INTEGER) FROM writeups",
        read: "SELECT id, title FROM writeups ORDER BY id",
        shape: Shape::Numbered,
    },
    Source { name: "kinds", label: "value", table: "", print: "", read: "", shape: Shape::Fixed(shortcuts::KINDS) },
];

/// Most rows the start-up line counts: counting a million talks would cost the first prompt
/// 15 ms; past this it says "more than".
const COUNT_CAP: i64 = 50_000;

/// "425 talks from 3 events", when the database has the catalogue's tables.
fn catalogue_contents(conn: &rusqlite::Connection) -> Option<String> {
    let count = |table: &str| {
        let sql = format!("select count(*) from (select 1 from main.{table} limit {})", COUNT_CAP + 1);
        conn.query_row(&sql, [], |r| r.get::<_, i64>(0)).ok()
    };
    let talks = count("talks")?;
    let events = count("events")?;
    let n = |n: i64, one: &str, many: &str| {
        let word = if n == 1 { one } else { many };
        let more = if n > COUNT_CAP { "more than " } else { "" };
        format!("{more}{} {word}", crate::engine::sql::group_thousands(n.clamp(0, COUNT_CAP).unsigned_abs()))
    };
    Some(format!("{} from {}", n(talks, "talk", "talks"), n(events, "event", "events")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_catalogue_says_how_many_talks_and_events() {
        let conn = rusqlite::Connection::open_in_memory().expect("memory");
        assert_eq!(crate::talks::catalogue_contents(&conn), None, "not the catalogue's tables");
        conn.execute_batch("create table talks(id); create table events(id); insert into events values (1);")
            .expect("tables");
        assert_eq!(crate::talks::catalogue_contents(&conn).as_deref(), Some("0 talks from 1 event"));
        conn.execute_batch("with recursive n(i) as (select 1 union all select i + 1 from n limit 50001) insert into talks select i from n;").expect("rows");
        let said = crate::talks::catalogue_contents(&conn);
        assert_eq!(said.as_deref(), Some("more than 50,000 talks from 1 event"), "counting stops there");
    }

    #[test]
    fn every_command_has_help_with_an_example() {
        for (_, slices) in crate::talks::PACK.topics {
            for c in slices.iter().flat_map(|s| s.iter()) {
                assert!(!c.summary.is_empty() && c.help.contains("Example"), "{} lacks an example", c.name);
            }
        }
    }
}
