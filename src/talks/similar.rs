//! `\similar ID|#n`: the talks most like one talk, each with its reason. Evidence, weighed:
//! - title words the two share, each worth its rarity among titles, ln(talks / titles holding it),
//!   read from the FTS5 index's own vocabulary (so `the` and `python` count for little);
//! - tags they share, each worth its rarity the same way;
//! - a speaker they share (3 points: the strongest single sign);
//! - the same event series (half a point, only for talks already similar otherwise).

use std::collections::HashMap;

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use crate::engine::command::shortcut_sql::{self, require_tables};
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::session::Session;
use crate::talks::row_talks;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\similar",
    aliases: &[],
    args: &[Arg::Value("ID|#N", Offer::Source("titles"))],
    summary: "the talks most like one talk: shared rare title words, tags, speakers, series — with why",
    help: "Lists the ten talks most like this one (an id or a row handle), each with its reason. Shared\ntitle words and tags count by their rarity (a word few titles hold counts most), a shared\nspeaker counts 3, the same event series half a point. \\similar+ shows the SQL it runs.\n\nExamples:\n  \\similar 283\n  \\similar #2\n  \\similar+ 283",
    shows: &[
        ("word rarity", VOCAB_SQL),
        ("talks sharing a word", WORD_SQL),
        ("talks sharing a tag", TAG_SQL),
        ("talks sharing a speaker", SPEAKER_SQL),
        ("talks of the same series", SERIES_SQL),
        ("result", RESULT_SQL),
    ],
    run: Handler::Acts(similar),
}];

/// How many titles hold a word (?1), from the index's vocabulary (`temp.talk_title_vocab`).
const VOCAB_SQL: &str = "SELECT doc FROM temp.talk_title_vocab WHERE term = ?1 AND col = 'title'";

const WORD_SQL: &str = "SELECT rowid FROM talk_search WHERE talk_search MATCH ?1 AND rowid <> ?2 LIMIT 2000";

const TAG_SQL: &str = "
SELECT other.talk_id, g.name, (SELECT count(*) FROM talk_tags n WHERE n.tag_id = g.id) AS talks
FROM talk_tags mine
JOIN tags g ON g.id = mine.tag_id
JOIN talk_tags other ON other.tag_id = mine.tag_id AND other.talk_id <> mine.talk_id
WHERE mine.talk_id = ?1";

const SPEAKER_SQL: &str = "
SELECT other.talk_id, s.name
FROM talk_speakers mine
JOIN speakers s ON s.id = mine.speaker_id
JOIN talk_speakers other ON other.speaker_id = mine.speaker_id AND other.talk_id <> mine.talk_id
WHERE mine.talk_id = ?1";

const SERIES_SQL: &str = concat!(
    "
SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id
WHERE ",
    series_of_event!(),
    " = (SELECT ",
    series_of_event!(),
    " FROM talks t JOIN events e ON e.id = t.event_id WHERE t.id = ?1) AND t.id <> ?1"
);

/// The chosen talks (?1: a JSON array of [id, why]).
const RESULT_SQL: &str = "
SELECT o.id, o.title, o.year, o.speakers, j.value ->> 1 AS why
FROM json_each(?1) j
JOIN talk_overview o ON o.id = j.value ->> 0
ORDER BY j.key";

/// How many talks `\similar` lists.
const SHOWN: usize = 10;

/// What makes one talk like the asked one.
#[derive(Default)]
struct Evidence {
    score: f64,
    speakers: Vec<String>,
    tags: Vec<String>,
    words: Vec<String>,
    series: bool,
}

impl Evidence {
    fn why(&self) -> String {
        let mut parts = Vec::new();
        if !self.speakers.is_empty() {
            parts.push(format!("same speaker ({})", self.speakers.join(", ")));
        }
        if !self.tags.is_empty() {
            parts.push(format!("tags: {}", self.tags.join(", ")));
        }
        if !self.words.is_empty() {
            parts.push(format!("words: {}", self.words.join(", ")));
        }
        if self.series {
            parts.push("same series".to_string());
        }
        parts.join(" · ")
    }
}

/// The distinct words of a title as the index's tokenizer sees them (lower case, accents
/// removed), three letters or more.
fn title_words(title: &str) -> Vec<String> {
    let folded = crate::talks::unaccent::unaccent(title).to_lowercase();
    let mut words: Vec<String> = Vec::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()) {
        if w.chars().count() >= 3 && !words.iter().any(|x| x == w) {
            words.push(w.to_string());
        }
    }
    words
}

fn similar(s: &mut Session, inv: &Invocation) -> Result<()> {
    let target = inv.bound.need("ID|#N")?;
    require_tables(s, "\\similar", &["talks", "talk_overview", "talk_search", "talk_tags", "talk_speakers"])?;
    let id = row_talks::talk_id(s, target)?;
    let title: Option<String> = s
        .conn
        .query_row("SELECT title FROM talks WHERE id = ?1", [id], |r| crate::engine::exec::text(r, 0))
        .optional()?;
    let Some(title) = title else { bail!("no talk with id {id}") };
    let total: f64 = s.conn.query_row("SELECT count(*) FROM talks", [], |r| r.get::<_, i64>(0))? as f64;
    let rarity = |n: f64| (total / n.max(1.0)).ln().max(0.0);
    let mut found: HashMap<i64, Evidence> = HashMap::new();

    s.conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.talk_title_vocab USING fts5vocab(main, talk_search, 'col')",
    )?;
    for word in title_words(&title) {
        let params = [Value::Text(word.clone())];
        shortcut_sql::show(s, inv, VOCAB_SQL, &params)?;
        let titles: Option<i64> = s.conn.query_row(VOCAB_SQL, [&word], |r| r.get(0)).optional()?;
        // A word in one title in twenty or more says little about a talk.
        let Some(titles) = titles.filter(|n| (*n as f64) * 20.0 <= total.max(20.0) && *n > 1) else { continue };
        let weight = rarity(titles as f64);
        let phrase = Value::Text(format!("title : \"{}\"", word.replace('"', "\"\"")));
        let params = [phrase, Value::Integer(id)];
        shortcut_sql::show(s, inv, WORD_SQL, &params)?;
        let mut st = s.conn.prepare_cached(WORD_SQL)?;
        let ids: Vec<i64> =
            st.query_map(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for other in ids {
            let e = found.entry(other).or_default();
            e.score += weight;
            e.words.push(word.clone());
        }
    }
    shortcut_sql::show(s, inv, TAG_SQL, &[Value::Integer(id)])?;
    let mut st = s.conn.prepare(TAG_SQL)?;
    let tags: Vec<(i64, String, i64)> = st
        .query_map([id], |r| Ok((r.get(0)?, crate::engine::exec::text(r, 1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    drop(st);
    for (other, tag, n) in tags {
        let e = found.entry(other).or_default();
        e.score += rarity(n as f64);
        e.tags.push(tag);
    }
    shortcut_sql::show(s, inv, SPEAKER_SQL, &[Value::Integer(id)])?;
    let mut st = s.conn.prepare(SPEAKER_SQL)?;
    let shared: Vec<(i64, String)> =
        st.query_map([id], |r| Ok((r.get(0)?, crate::engine::exec::text(r, 1)?)))?.collect::<rusqlite::Result<_>>()?;
    drop(st);
    for (other, name) in shared {
        let e = found.entry(other).or_default();
        e.score += 3.0;
        e.speakers.push(name);
    }
    // With one series in the database (PyCon US alone), it tells no talk from another.
    let series: i64 =
        s.conn.query_row(concat!("SELECT count(DISTINCT ", series_of_event!(), ") FROM events e"), [], |r| r.get(0))?;
    if series > 1 {
        same_series(s, inv, id, &mut found)?;
    }
    let mut ranked: Vec<(i64, Evidence)> = found.into_iter().collect();
    // Best first; equals by id, highest first, so the order never depends on the hash map.
    ranked.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(b.0.cmp(&a.0)));
    ranked.truncate(SHOWN);
    if ranked.is_empty() {
        bail!("no talk shares a rare title word, a tag or a speaker with {id} {title}");
    }
    let json: Vec<serde_json::Value> = ranked.iter().map(|(id, e)| serde_json::json!([id, e.why()])).collect();
    let json = Value::Text(serde_json::Value::Array(json).to_string());
    s.decorate_next = Some(crate::talks::title_links::decorate);
    shortcut_sql::run(s, inv, RESULT_SQL, &[json])?;
    Ok(())
}

/// Half a point, and the reason, for talks already found that belong to the same series.
fn same_series(s: &mut Session, inv: &Invocation, id: i64, found: &mut HashMap<i64, Evidence>) -> Result<()> {
    shortcut_sql::show(s, inv, SERIES_SQL, &[Value::Integer(id)])?;
    let mut st = s.conn.prepare(SERIES_SQL)?;
    let same: Vec<i64> = st.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for other in same {
        if let Some(e) = found.get_mut(&other) {
            e.score += 0.5;
            e.series = true;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::talks::similar::*;

    #[test]
    fn title_words_fold_like_the_index() {
        assert_eq!(title_words("Grok the GIL: the GIL, Écrit"), vec!["grok", "the", "gil", "ecrit"]);
    }

    #[test]
    fn reasons_read_as_one_line() {
        let e = Evidence {
            score: 1.0,
            speakers: vec!["Ned Batchelder".into()],
            tags: vec!["asyncio".into(), "gil".into()],
            words: vec![],
            series: true,
        };
        assert_eq!(e.why(), "same speaker (Ned Batchelder) · tags: asyncio, gil · same series");
    }
}
