//! Writing checked pyvideo data with prepared statements inside the import's transaction, matching
//! existing rows on natural keys so that a repeated import changes nothing.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OptionalExtension, params};

use crate::engine::import::progress::Progress;
use crate::talks::catalogue as db;
use crate::talks::person_names::{Spellings, is_placeholder_speaker, person_key, tag_name};
use crate::talks::pyvideo::Report;
use crate::talks::pyvideo::model::{Event, Talk};
use crate::talks::pyvideo::rules::{
    PREFERRED_SPELLINGS, UPLOAD_DATE_DAYS, date_of_day, day_number, infer_kind, series_key, series_of,
};

/// Prepared statements over one transaction.
pub(super) struct Writer<'c> {
    conn: &'c Connection,
    speaker_ids: HashMap<String, i64>,
    tag_ids: HashMap<String, i64>,
    /// Series by `series_key` of their slug and of their name.
    series_ids: HashMap<String, i64>,
    next_event_id: i64,
    next_talk_id: i64,
}

impl<'c> Writer<'c> {
    pub(super) fn new(conn: &'c Connection) -> Result<Self> {
        let mut speaker_ids = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name FROM speakers ORDER BY id")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            speaker_ids.entry(person_key(&name)).or_insert(id);
        }
        let mut tag_ids = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name FROM tags")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            tag_ids.entry(tag_name(&name)).or_insert(id);
        }
        let mut series_ids = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, slug, name FROM series ORDER BY id")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))? {
            let (id, slug, name) = row?;
            series_ids.entry(series_key(&slug)).or_insert(id);
            series_ids.entry(series_key(&name)).or_insert(id);
        }
        let next = |table: &str| -> Result<i64> {
            let max: i64 = conn.query_row(&format!("SELECT coalesce(max(id), 0) FROM {table}"), [], |r| r.get(0))?;
            Ok((max + 1).max(db::IMPORT_ID_BASE))
        };
        Ok(Writer {
            conn,
            speaker_ids,
            tag_ids,
            series_ids,
            next_event_id: next("events")?,
            next_talk_id: next("talks")?,
        })
    }

    /// The series of an event, made when new. Newer events name a new series: they are visited
    /// newest first, so `djangocon-2010` (DjangoCon US 2010) joins `djangocon-us`.
    pub(super) fn add_series(&mut self, events: &[Event]) -> Result<()> {
        let mut order: Vec<&Event> = events.iter().collect();
        order.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.slug.cmp(&b.slug)));
        for ev in order {
            let (slug, name) = series_of(&ev.slug, &ev.name);
            let (by_slug, by_name) = (series_key(&slug), series_key(&name));
            if self.series_ids.contains_key(&by_name) || self.series_ids.contains_key(&by_slug) {
                let id = self.series_ids.get(&by_name).or_else(|| self.series_ids.get(&by_slug)).copied();
                if let Some(id) = id {
                    self.series_ids.entry(by_name).or_insert(id);
                    self.series_ids.entry(by_slug).or_insert(id);
                }
                continue;
            }
            self.conn
                .prepare_cached("INSERT INTO series (slug, name) VALUES (?1, ?2) ON CONFLICT (slug) DO NOTHING")?
                .execute([&slug, &name])?;
            let id: i64 =
                self.conn.prepare_cached("SELECT id FROM series WHERE slug = ?1")?.query_row([&slug], |r| r.get(0))?;
            self.series_ids.insert(by_name, id);
            self.series_ids.insert(by_slug, id);
        }
        Ok(())
    }

    fn series_id(&self, ev: &Event) -> Option<i64> {
        let (slug, name) = series_of(&ev.slug, &ev.name);
        self.series_ids.get(&series_key(&name)).or_else(|| self.series_ids.get(&series_key(&slug))).copied()
    }

    /// Adds every person not yet in the database, spelled as most files spell them.
    pub(super) fn add_speakers(&mut self, events: &[Event]) -> Result<()> {
        let mut spellings = Spellings::default();
        for s in events.iter().flat_map(|e| &e.talks).flat_map(|t| &t.speakers) {
            if !is_placeholder_speaker(s) && !self.speaker_ids.contains_key(&person_key(s)) {
                spellings.add(s);
            }
        }
        let mut new: Vec<(String, String)> = spellings
            .canonical()
            .into_iter()
            .map(|(key, name)| match PREFERRED_SPELLINGS.iter().find(|(k, _)| *k == key) {
                Some((_, preferred)) => (key, preferred.to_string()),
                None => (key, name),
            })
            .collect();
        new.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()).then(a.1.cmp(&b.1)));
        let mut insert =
            self.conn.prepare_cached("INSERT INTO speakers (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")?;
        let mut find = self.conn.prepare_cached("SELECT id FROM speakers WHERE name = ?1")?;
        for (key, name) in new {
            // The NOCASE unique index may already hold this name in another case under a different key
            // (it folds ASCII case only, person keys fold more, so this is rare).
            let id = if insert.execute([&name])? == 1 {
                self.conn.last_insert_rowid()
            } else {
                find.query_row([&name], |r| r.get::<_, i64>(0))?
            };
            self.speaker_ids.insert(key, id);
        }
        Ok(())
    }

    fn tag_id(&mut self, name: &str) -> Result<i64> {
        if let Some(id) = self.tag_ids.get(name) {
            return Ok(*id);
        }
        self.conn.prepare_cached("INSERT INTO tags (name) VALUES (?1)")?.execute([name])?;
        let id = self.conn.last_insert_rowid();
        self.tag_ids.insert(name.to_string(), id);
        Ok(id)
    }

    pub(super) fn write_event(&mut self, ev: &Event, report: &mut Report, progress: &Progress) -> Result<()> {
        let series = self.series_id(ev);
        let existing = self
            .conn
            .prepare_cached("SELECT id, start_date, end_date FROM events WHERE slug = ?1")?
            .query_row([&ev.slug], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
            })
            .optional()?;
        let (event_id, start, end) = match existing {
            Some((id, start, end)) => {
                // Keep facts the source does not carry (city, dates) as they are.
                self.conn
                    .prepare_cached(
                        "UPDATE events SET name = ?2, url = coalesce(?3, url), series_id = coalesce(series_id, ?4)
                         WHERE id = ?1 AND (name IS NOT ?2 OR (?3 IS NOT NULL AND url IS NOT ?3)
                           OR (series_id IS NULL AND ?4 IS NOT NULL))",
                    )?
                    .execute(params![id, ev.name, ev.url, series])?;
                (id, start, end)
            }
            None => {
                let Some(year) = ev.year else {
                    bail!(
                        "{}/category.json: cannot tell the event's year (no year in the folder name or title, no recorded dates)",
                        ev.slug
                    );
                };
                let id = self.next_event_id;
                self.next_event_id += 1;
                self.conn
                    .prepare_cached(
                        "INSERT INTO events (id, slug, name, year, city, start_date, end_date, url, series_id)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    )?
                    .execute(params![
                        id,
                        ev.slug,
                        ev.name,
                        year,
                        ev.city,
                        ev.start_date,
                        ev.end_date,
                        ev.url,
                        series
                    ])?;
                (id, ev.start_date.clone(), ev.end_date.clone())
            }
        };
        let window = recorded_window(ev, start.as_deref(), end.as_deref());
        for talk in &ev.talks {
            // Ctrl-C at the prompt: stop between talks (the import's transaction is rolled back).
            if crate::engine::interrupt::pending() {
                anyhow::bail!("interrupted: nothing was imported");
            }
            self.write_talk(event_id, &ev.slug, talk, window.as_ref(), report)
                .with_context(|| format!("{}/videos/{}.json", ev.slug, talk.slug))?;
            progress.inc();
        }
        Ok(())
    }

    fn write_talk(
        &mut self,
        event_id: i64,
        event_slug: &str,
        t: &Talk,
        window: Option<&(String, String)>,
        report: &mut Report,
    ) -> Result<()> {
        // Upload dates (outside the event) say nothing about when the talk was given.
        let recorded = t.recorded.clone().filter(|d| window.is_none_or(|(lo, hi)| lo <= d && d <= hi));
        let kind = infer_kind(event_slug, &t.slug, &t.title, t.duration, &t.speakers);
        let existing = self
            .conn
            .prepare_cached("SELECT id FROM talks WHERE event_id = ?1 AND slug = ?2")?
            .query_row(params![event_id, t.slug], |r| r.get::<_, i64>(0))
            .optional()?;
        // One statement for a new talk and a known one (`?12`): a known talk keeps its event and
        // slug, a missing description keeps the one it has, and an unchanged row is not written.
        let id = existing.unwrap_or(self.next_talk_id);
        let changed = self
            .conn
            .prepare_cached(
                "INSERT INTO talks (id, event_id, slug, title, kind, recorded, duration, video_url, slides_url,
                                    description, language, in_catalogue)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1)
                 ON CONFLICT (id) DO UPDATE SET title = excluded.title, kind = excluded.kind,
                        recorded = excluded.recorded, duration = excluded.duration, video_url = excluded.video_url,
                        slides_url = excluded.slides_url, description = coalesce(excluded.description, description),
                        language = excluded.language, in_catalogue = 1
                 WHERE ?12 AND (title IS NOT excluded.title OR kind IS NOT excluded.kind
                   OR recorded IS NOT excluded.recorded OR duration IS NOT excluded.duration OR video_url IS NOT excluded.video_url
                   OR slides_url IS NOT excluded.slides_url
                   OR (excluded.description IS NOT NULL AND description IS NOT excluded.description)
                   OR language IS NOT excluded.language OR in_catalogue IS NOT 1)",
            )?
            .execute(params![
                id,
                event_id,
                t.slug,
                t.title,
                kind,
                recorded,
                t.duration,
                t.video_url,
                t.slides_url,
                t.description,
                t.language,
                existing.is_some()
            ])?;
        if existing.is_some() {
            let links_changed = self.write_links(id, t, false)?;
            if changed > 0 || links_changed {
                report.updated_talks += 1;
            }
            return Ok(());
        }
        // A new talk's id is past every id in use; were it taken, the row stays as it was
        // (`?12` is false) and the import stops rather than count a talk it did not write.
        if changed != 1 {
            anyhow::bail!("talk id {id} is already taken; nothing was imported");
        }
        self.next_talk_id += 1;
        report.new_talks += 1;
        let talk_id = id;
        self.write_links(talk_id, t, true)?;
        Ok(())
    }

    /// Makes the talk's speakers (billing order) and tags those of the file; true when they changed.
    fn write_links(&mut self, talk_id: i64, t: &Talk, new: bool) -> Result<bool> {
        let mut speaker_ids = Vec::new();
        // A set beside the list: a file may name 100,000 speakers, and a list scan each would be
        // quadratic.
        let mut seen = std::collections::HashSet::new();
        for s in &t.speakers {
            if is_placeholder_speaker(s) {
                continue;
            }
            let id = *self.speaker_ids.get(&person_key(s)).context("speaker missing from the import's list")?;
            if seen.insert(id) {
                speaker_ids.push(id);
            }
        }
        let mut tag_ids = Vec::new();
        for g in &t.tags {
            tag_ids.push(self.tag_id(g)?);
        }
        tag_ids.sort_unstable();
        tag_ids.dedup();
        if !new {
            let old_speakers: Vec<i64> = self
                .conn
                .prepare_cached("SELECT speaker_id FROM talk_speakers WHERE talk_id = ?1 ORDER BY position")?
                .query_map([talk_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let old_tags: Vec<i64> = self
                .conn
                .prepare_cached("SELECT tag_id FROM talk_tags WHERE talk_id = ?1 ORDER BY tag_id")?
                .query_map([talk_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let old_related: Vec<(String, String)> = self
                .conn
                .prepare_cached(
                    "SELECT coalesce(label, ''), url FROM related_urls WHERE talk_id = ?1 ORDER BY position",
                )?
                .query_map([talk_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            if old_speakers == speaker_ids && old_tags == tag_ids && old_related == t.related {
                return Ok(false);
            }
            self.conn.prepare_cached("DELETE FROM talk_speakers WHERE talk_id = ?1")?.execute([talk_id])?;
            self.conn.prepare_cached("DELETE FROM talk_tags WHERE talk_id = ?1")?.execute([talk_id])?;
            self.conn.prepare_cached("DELETE FROM related_urls WHERE talk_id = ?1")?.execute([talk_id])?;
        }
        let mut ins = self
            .conn
            .prepare_cached("INSERT INTO talk_speakers (talk_id, speaker_id, position) VALUES (?1, ?2, ?3)")?;
        for (pos, sid) in speaker_ids.iter().enumerate() {
            ins.execute(params![talk_id, sid, pos as i64 + 1])?;
        }
        let mut ins = self.conn.prepare_cached("INSERT INTO talk_tags (talk_id, tag_id) VALUES (?1, ?2)")?;
        for gid in &tag_ids {
            ins.execute(params![talk_id, gid])?;
        }
        let mut ins = self.conn.prepare_cached(
            "INSERT INTO related_urls (talk_id, position, label, url) VALUES (?1, ?2, nullif(?3, ''), ?4)",
        )?;
        for (pos, (label, url)) in t.related.iter().enumerate() {
            ins.execute(params![talk_id, pos as i64 + 1, label, url])?;
        }
        Ok(true)
    }
}

/// The dates a talk of this event can have been recorded on: the event's own dates when known,
/// else a week either side of the middle recorded date (most files carry the real date; upload
/// dates come weeks later).
fn recorded_window(ev: &Event, start: Option<&str>, end: Option<&str>) -> Option<(String, String)> {
    if let (Some(s), Some(e)) = (start, end) {
        return Some((s.to_string(), e.to_string()));
    }
    let mut days: Vec<i64> = ev.talks.iter().filter_map(|t| day_number(t.recorded.as_deref()?)).collect();
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let mid = days[days.len() / 2];
    Some((date_of_day(mid - UPLOAD_DATE_DAYS), date_of_day(mid + UPLOAD_DATE_DAYS)))
}
