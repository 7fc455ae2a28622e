//! The speaker names a one-shot `--complete '\speaker TEXT'` needs: read through the trigram index
//! of folded names (`speaker_names`, see schema.sql), only those that contain TEXT, instead of
//! all 200,000 of a big catalogue sorted and indexed for one answer. Used only when that answer is
//! the one the whole list gives (`Names::answered_by`); otherwise the caller reads every name.

use rusqlite::Connection;

use crate::engine::complete::matcher::Pattern;
use crate::engine::complete::name_index::{Answer, Names, SCAN_LIMIT, fold};

/// The names containing the text that follows the command word, or `None` when they would not
/// answer as all names do (text shorter than a trigram, no prefix or word-start match and fewer
/// than `limit` names containing it, a `#N` handle) or the database has no index of names.
pub(crate) fn narrowed(conn: &Connection, text: &str, limit: usize) -> Option<Names> {
    let line = text.trim_start();
    let rest = line.find(char::is_whitespace).map_or("", |n| line[n..].trim_start());
    // As the completer reads the argument: an opening quote is not part of the name.
    let typed = rest.strip_prefix(['\'', '"']).unwrap_or(rest);
    let key = fold(typed);
    if key.chars().count() < 3 || typed.starts_with('#') || !indexed(conn) {
        return None;
    }
    // Each name with its number of talks, as the `speakers` value source reads them all.
    let sql = format!(
        "{} WHERE s.name IS NOT NULL AND s.id IN (
           SELECT rowid FROM speaker_names WHERE speaker_names MATCH ?1
           UNION ALL SELECT id FROM speaker_names_other)",
        crate::talks::SPEAKERS_WITH_TALK_COUNTS
    );
    let phrase = format!("\"{}\"", key.replace('"', "\"\""));
    let mut stmt = conn.prepare(&sql).ok()?;
    let rows: Vec<(String, i64)> =
        stmt.query_map([phrase], |r| Ok((r.get(0)?, r.get(1)?))).ok()?.collect::<Result<_, _>>().ok()?;
    let (names, counts) = rows.into_iter().unzip();
    let names = Names::with_ids(names, counts);
    match names.answered_by(typed) {
        Answer::Prefix => Some(names),
        // The whole list has a word index only up to SCAN_LIMIT names.
        Answer::WordStart => {
            let all: i64 = conn.query_row("SELECT count(*) FROM speakers", [], |r| r.get(0)).ok()?;
            (usize::try_from(all).ok()? <= SCAN_LIMIT).then_some(names)
        }
        // The scan ranks substrings (tiers 0 to 2) before subsequences (tier 3): with `limit`
        // substrings the best `limit` are among the names read, in the same order.
        Answer::Scan => {
            let pattern = Pattern::new(&key);
            let substrings = names.iter().filter(|n| pattern.score(&fold(n)).is_some_and(|s| s >> 24 <= 2)).count();
            let all: i64 = conn.query_row("SELECT count(*) FROM speakers", [], |r| r.get(0)).ok()?;
            (substrings >= limit && usize::try_from(all).ok()? <= SCAN_LIMIT).then_some(names)
        }
    }
}

/// Whether `main` has the index and its table of unfoldable names, and no `temp` table hides its
/// speakers.
fn indexed(conn: &Connection) -> bool {
    let sql = "SELECT (SELECT count(*) FROM main.sqlite_schema WHERE name IN ('speaker_names', 'speaker_names_other', 'speakers')) = 3
               AND NOT EXISTS (SELECT 1 FROM temp.sqlite_schema WHERE name = 'speakers' COLLATE NOCASE)";
    conn.query_row(sql, [], |r| r.get(0)).unwrap_or(false)
}
