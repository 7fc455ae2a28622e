//! Backslash and dot commands: their names at the start of input, then their arguments by the
//! kind the registry declares (tables, files, formats, speakers, tags, talk titles, …).

use crate::engine::command::{self, ArgKind};
use crate::engine::complete::name_index::{Names, fold};
use crate::engine::complete::{Candidate, Completion, ItemKind, Parts, Pool, Snapshot, Style, format_candidate, paths};
use crate::engine::settings::Format;

fn command_names() -> impl Iterator<Item = &'static str> {
    command::all().flat_map(|c| c.names()).filter(|n| n.starts_with(['\\', '.']))
}

/// The command a name calls: any spelling, and `\speaker+` (the form that shows its SQL) as
/// `\speaker`.
fn find(name: &str) -> Option<&'static command::Command> {
    command::find(name).or_else(|| command::find(name.strip_suffix('+')?))
}

/// The values `--complete TEXT` needs: those of the argument a command line ends in.
pub(super) fn parts_for(text: &str) -> Parts {
    let t = text.trim_start();
    if !t.starts_with(['\\', '.']) {
        return Parts::NONE;
    }
    let name = t.split_whitespace().next().unwrap_or("");
    match find(name).map(|c| c.arg_kind) {
        Some(ArgKind::Speaker) => Parts { speakers: true, ..Parts::NONE },
        Some(ArgKind::Tag) => Parts { tags: true, ..Parts::NONE },
        Some(ArgKind::Event) => Parts { events: true, ..Parts::NONE },
        Some(ArgKind::Title) => Parts { titles: true, ..Parts::NONE },
        Some(ArgKind::Writeup) => Parts { writeups: true, ..Parts::NONE },
        _ => Parts::NONE,
    }
}

/// A backslash or dot command: its name at the start of input, then its arguments by kind.
pub(super) fn complete_command(buf: &str, cursor: usize, snap: &Snapshot, limit: usize) -> Completion {
    let lead = buf.len() - buf.trim_start().len();
    let name_end = buf[lead..].find(char::is_whitespace).map_or(buf.len(), |n| lead + n);
    if cursor <= name_end {
        let mut pool = Pool::new(&buf[lead..cursor]);
        let noted = command::all()
            .flat_map(|c| c.names().map(move |n| (n, Some(c.summary))))
            .filter(|(n, _)| n.starts_with(['\\', '.']));
        pool.add_noted(ItemKind::Command, Style::Verbatim, noted);
        return pool.finish(lead, limit);
    }
    match find(&buf[lead..name_end]) {
        Some(cmd) => complete_argument(cmd.arg_kind, cmd.args, &buf[..cursor], name_end, snap, limit),
        None => Completion::empty(cursor),
    }
}

/// The argument of a command whose name ends at `name_end` of `line` (which ends at the cursor),
/// completed by the command's argument kind and synopsis.
pub fn complete_argument(
    kind: ArgKind,
    synopsis: &'static str,
    line: &str,
    name_end: usize,
    snap: &Snapshot,
    limit: usize,
) -> Completion {
    let cursor = line.len();
    let mut typed = &line[name_end..];
    let word = typed.rsplit(char::is_whitespace).next().unwrap_or("");
    if word.starts_with('#') && !snap.result_handles.is_empty() {
        return handles(&snap.result_handles, word, cursor - word.len(), limit);
    }
    if kind == ArgKind::Event && synopsis.contains("--kind") {
        if let Some(c) = complete_kind_option(typed, cursor, limit) {
            return c;
        }
        // `\talks --kind keynote 20…`: the event value is what follows the option.
        typed = skip_kind_option(typed);
    }

    // Names with spaces (speakers, events, tags, titles) take the whole rest of the line.
    let rest = typed.trim_start();
    let start = cursor - rest.len();
    let (prefix, force) = match rest.strip_prefix(['\'', '"']) {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let v = &snap.values;
    match kind {
        ArgKind::Speaker => return from_names(&v.speakers, ItemKind::Speaker, prefix, force, start, limit),
        ArgKind::Tag => return from_names(&v.tags, ItemKind::Tag, prefix, force, start, limit),
        ArgKind::Title => return titles(&v.titles, prefix, force, start, limit),
        ArgKind::Writeup => return writeups(&v.writeups, prefix, start, limit),
        ArgKind::Event => {
            let mut pool = Pool::new(prefix);
            pool.add(ItemKind::Event, Style::Arg { force }, v.events.iter().map(String::as_str));
            return pool.finish(start, limit);
        }
        _ => {}
    }

    let word = typed.rsplit(char::is_whitespace).next().unwrap_or("");
    let start = cursor - word.len();
    let before: Vec<&str> = typed[..typed.len() - word.len()].split_whitespace().collect();
    let mut pool = Pool::new(word);
    let names: Vec<String>;
    let ident = Style::Ident { force: false };
    match kind {
        ArgKind::Table => {
            pool.add(ItemKind::Table, ident, snap.tables.iter().filter(|t| !t.is_view).map(|t| t.name.as_str()));
            pool.add(ItemKind::View, ident, snap.tables.iter().filter(|t| t.is_view).map(|t| t.name.as_str()));
            // `\dt bk.*`, `\d temp.scratch`: qualified names of the other databases' objects.
            names = snap
                .tables
                .iter()
                .filter(|t| t.schema != "main" && word.contains('.'))
                .map(|t| format!("{}.{}", t.schema, t.name))
                .collect();
            pool.add(ItemKind::Table, Style::Verbatim, names.iter().map(String::as_str));
        }
        ArgKind::Format => pool.add(
            ItemKind::Value,
            Style::Verbatim,
            Format::ALL.iter().map(|(_, n)| *n).chain(Format::ALIASES.iter().map(|(n, _)| *n)),
        ),
        ArgKind::Command => pool.add(ItemKind::Command, Style::Verbatim, command_names()),
        // `\chart`, `\facets`: kinds and options, and the columns of the last result.
        ArgKind::Chart => {
            names = command::chart_candidates(synopsis, &snap.result_columns);
            pool.add(ItemKind::Value, Style::Arg { force: false }, names.iter().map(String::as_str));
        }
        ArgKind::NamedQuery => {
            pool.add(ItemKind::Value, Style::Arg { force: false }, snap.named_queries.iter().map(String::as_str))
        }
        // Literal choices from the synopsis (`[on|off]`); without any, SQL help topics (`\\h`).
        ArgKind::Keyword if synopsis_words(synopsis).next().is_some() => {
            pool.add(ItemKind::Keyword, Style::Verbatim, synopsis_words(synopsis))
        }
        ArgKind::Keyword => pool.add(ItemKind::Keyword, Style::Verbatim, command::help_topics()),
        // `\import pyvideo [--skip-bad] DIR…` or `\import csv FILE TABLE`.
        ArgKind::Setting if before.is_empty() => pool.add_noted(
            ItemKind::Value,
            Style::Verbatim,
            command::pset_names().map(|n| (n, crate::engine::config::find_key(n).ok().map(|k| k.doc))),
        ),
        // `\pset overflow |`: the values the setting takes.
        ArgKind::Setting if before.len() == 1 => {
            names = setting_values(before[0]);
            pool.add(ItemKind::Value, Style::Verbatim, names.iter().map(String::as_str));
        }
        ArgKind::Import if before.is_empty() => pool.add(ItemKind::Keyword, Style::Verbatim, ["pyvideo", "csv"]),
        ArgKind::Import if before[0] == "csv" && before.len() == 2 => {
            pool.add(ItemKind::Table, ident, snap.tables.iter().filter(|t| !t.is_view).map(|t| t.name.as_str()))
        }
        ArgKind::Import if before[0] == "csv" && before.len() > 2 => return Completion::empty(cursor),
        ArgKind::File | ArgKind::Import => {
            // A path may be quoted and hold spaces (`"dir with space/"`): the word under the
            // cursor is the quoted whole, read as the command will read it.
            let (at, path, force) = path_word(typed);
            let mut pool = Pool::new(&path);
            if kind == ArgKind::Import && word.starts_with('-') {
                pool.add(ItemKind::Keyword, Style::Verbatim, ["--skip-bad"]);
            }
            names = paths::candidates(&path);
            pool.add(ItemKind::File, Style::Path { force }, names.iter().map(String::as_str));
            return pool.finish(name_end + at, limit);
        }
        _ => return Completion::empty(cursor),
    }
    pool.finish(start, limit)
}

/// The values a setting of config.toml takes, from its declaration: `on`/`off` for a switch, the
/// quoted choices its doc names (`"truncate" … or "wrap"`), the formats for `format`.
fn setting_values(name: &str) -> Vec<String> {
    let Some(key) = crate::engine::config::KEYS.iter().find(|k| k.name == name) else { return Vec::new() };
    if key.default == "true" || key.default == "false" {
        return vec!["on".into(), "off".into()];
    }
    if key.name == "format" {
        return Format::ALL.iter().map(|(_, n)| n.to_string()).collect();
    }
    let mut out: Vec<String> = Vec::new();
    for (i, part) in key.doc.split('"').enumerate() {
        let word = i % 2 == 1 && !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if word && !out.iter().any(|o| o == part) {
            out.push(part.to_string());
        }
    }
    out
}

/// The last word of a command line's arguments, shell-style: where it begins in `typed`, its text
/// without quotes (an open quote may be left unclosed), and whether it was quoted.
fn path_word(typed: &str) -> (usize, String, bool) {
    let (mut start, mut text, mut quoted) = (typed.len(), String::new(), false);
    let mut quote: Option<char> = None;
    let mut chars = typed.char_indices().peekable();
    let mut in_word = false;
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                if let Some((_, e)) = chars.next() {
                    text.push(e);
                }
            }
            (Some(_), c) => text.push(c),
            (None, c) if c.is_whitespace() => in_word = false,
            (None, c) => {
                if !in_word {
                    (start, in_word, quoted) = (i, true, false);
                    text.clear();
                }
                if c == '"' || c == '\'' {
                    (quote, quoted) = (Some(c), true);
                } else {
                    text.push(c);
                }
            }
        }
    }
    if !in_word {
        return (typed.len(), String::new(), false);
    }
    (start, text, quoted)
}

/// Candidates from an indexed set of names, accent- and case-insensitive.
fn from_names(set: &Names, kind: ItemKind, typed: &str, force: bool, start: usize, limit: usize) -> Completion {
    let found = set.search(typed, limit);
    let style = Style::Arg { force };
    let candidates: Vec<Candidate> = found
        .best
        .iter()
        .map(|&i| Candidate { text: format_candidate(set.name(i), style), kind, note: talks_of(set, kind, i) })
        .collect();
    // The shared prefix as it would be inserted: quoted when every match must be (the prefix
    // itself holds a space), as written when none is quoted.
    let common = found.common.and_then(|c| {
        let quoted = force || crate::engine::complete::arg_needs_quotes(&c);
        let text = format_candidate(&c, style);
        if quoted {
            Some(text.strip_suffix('"').map(str::to_string).unwrap_or(text))
        } else {
            candidates.iter().all(|x| !x.text.starts_with('"')).then_some(text)
        }
    });
    Completion { start, total: found.total.max(candidates.len()), candidates, common }
}

/// Beside a speaker, how many talks they gave (their number in the set; -1 when not known).
fn talks_of(set: &Names, kind: ItemKind, i: u32) -> Option<String> {
    let n = u64::try_from(set.id(i)).ok().filter(|_| kind == ItemKind::Speaker)?;
    Some(format!("{} {}", crate::engine::sql::group_thousands(n), if n == 1 { "talk" } else { "talks" }))
}

/// `\talk`: titles (the id beside each); a number is a talk's id (its title beside it).
fn titles(set: &Names, typed: &str, force: bool, start: usize, limit: usize) -> Completion {
    if let Ok(id) = typed.trim().parse::<i64>() {
        let candidates: Vec<Candidate> = set
            .find_id(id)
            .map(|i| Candidate { text: id.to_string(), kind: ItemKind::Talk, note: Some(set.name(i).to_string()) })
            .into_iter()
            .collect();
        return Completion { start, total: candidates.len(), candidates, common: None };
    }
    let mut c = from_names(set, ItemKind::Talk, typed, force, start, limit);
    for (cand, &i) in c.candidates.iter_mut().zip(&set.search(typed, limit).best) {
        cand.note = Some(set.id(i).to_string());
    }
    c
}

/// Row handles of the last result (`\talk #3`), each with its title beside it, in row order.
fn handles(all: &[(String, String)], typed: &str, start: usize, limit: usize) -> Completion {
    let matching: Vec<&(String, String)> = all.iter().filter(|(h, _)| h.starts_with(typed)).collect();
    let candidates: Vec<Candidate> = matching
        .iter()
        .take(limit)
        .map(|(h, label)| Candidate { text: h.clone(), kind: ItemKind::Talk, note: Some(label.clone()) })
        .collect();
    Completion { start, total: matching.len(), candidates, common: None }
}

/// `\writeup`: ids with their titles; typed letters match the titles.
fn writeups(all: &[(i64, String)], typed: &str, start: usize, limit: usize) -> Completion {
    let key = fold(typed.trim());
    let candidates: Vec<Candidate> = all
        .iter()
        .filter(|(id, title)| id.to_string().starts_with(&key) || fold(title).contains(&key))
        .take(limit)
        .map(|(id, title)| Candidate { text: id.to_string(), kind: ItemKind::Writeup, note: Some(title.clone()) })
        .collect();
    Completion { start, total: candidates.len(), candidates, common: None }
}

/// `\talks` takes `--kind KIND` beside its event: the option after a dash or after the event,
/// and the kinds after the option. `None` when the cursor is on the event value.
fn complete_kind_option(typed: &str, cursor: usize, limit: usize) -> Option<Completion> {
    let word = typed.rsplit(char::is_whitespace).next().unwrap_or("");
    let before: Vec<&str> = typed[..typed.len() - word.len()].split_whitespace().collect();
    let mut pool = Pool::new(word);
    if before.last().is_some_and(|w| *w == "--kind") {
        pool.add(ItemKind::Value, Style::Verbatim, command::pack_values("--kind"));
    } else if word.starts_with('-') || (word.is_empty() && !before.is_empty() && !before.contains(&"--kind")) {
        pool.add(ItemKind::Keyword, Style::Verbatim, std::iter::once("--kind"));
    } else {
        return None;
    }
    Some(pool.finish(cursor - word.len(), limit))
}

/// `typed` without a leading `--kind KIND`, so the event after it completes as a value.
fn skip_kind_option(typed: &str) -> &str {
    let Some(rest) = typed.trim_start().strip_prefix("--kind") else { return typed };
    let rest = rest.trim_start();
    match rest.find(char::is_whitespace) {
        Some(n) => &rest[n..],
        None => typed,
    }
}

/// The literal choices in an argument synopsis: `[on|off|auto]` gives on, off, auto.
fn synopsis_words(args: &str) -> impl Iterator<Item = &str> {
    args.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'))
        .filter(|w| !w.is_empty() && w.starts_with(|c: char| c.is_ascii_lowercase()))
}
