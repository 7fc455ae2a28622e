//! Backslash and dot commands: their names at the start of input, then their arguments as each
//! command's typed declaration says (tables, files, formats, a pack's sources of names, …).

use crate::engine::command::arg_spec::{self, Arg, Expect, Offer};
use crate::engine::command::{self};
use crate::engine::complete::name_index::{Names, fold};
use crate::engine::complete::sources::{self, Set, Shape};
use crate::engine::complete::{Candidate, Completion, ItemKind, Parts, Pool, Snapshot, Style, format_candidate, paths};
use crate::engine::settings::Format;
use crate::engine::sql::counted;

fn command_names() -> impl Iterator<Item = &'static str> {
    command::all().flat_map(|c| c.names()).filter(|n| n.starts_with(['\\', '.']))
}

/// The command a name calls: any spelling, and `\speaker+` (the form that shows its SQL) as
/// `\speaker`.
fn find(name: &str) -> Option<&'static command::Command> {
    command::find(name).or_else(|| command::find(name.strip_suffix('+')?))
}

/// The values `--complete TEXT` needs: the sources the command TEXT starts with declares.
pub(super) fn parts_for(text: &str) -> Parts {
    let t = text.trim_start();
    if !t.starts_with(['\\', '.']) {
        return Parts::NONE;
    }
    let name = t.split_whitespace().next().unwrap_or("");
    let offers = find(name).map(|c| arg_spec::values(c.args)).unwrap_or_default();
    offers.iter().fold(Parts::NONE, |parts, offer| match offer {
        Offer::Source(source) => parts.with(Parts::of(source)),
        _ => parts,
    })
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
        Some(cmd) => complete_argument(cmd.args, &buf[..cursor], name_end, snap, limit),
        None => Completion::empty(cursor),
    }
}

/// The argument of a command whose name ends at `name_end` of `line` (which ends at the cursor):
/// the declaration, walked over the words typed, says what may come at the cursor.
pub(super) fn complete_argument(
    args: &'static [Arg],
    line: &str,
    name_end: usize,
    snap: &Snapshot,
    limit: usize,
) -> Completion {
    let cursor = line.len();
    let typed = &line[name_end..];
    let word = typed.rsplit(char::is_whitespace).next().unwrap_or("");
    if word.starts_with('#') && !snap.result_handles.is_empty() {
        return handles(&snap.result_handles, word, cursor - word.len(), limit);
    }
    let (words, partial) = split(line, name_end);
    let expects = arg_spec::expect(args, &words, partial);
    // A value that depends on the word before it (`\pset overflow ⇥`).
    let previous = words.last().map(|w| w.1);
    // What starts furthest back first (a speaker's name of several words), then what starts at
    // the word under the cursor.
    let mut starts: Vec<usize> = expects.iter().map(|e| start_of(e, partial)).collect();
    starts.sort_unstable();
    starts.dedup();
    for start in starts {
        let here: Vec<&Expect> = expects.iter().filter(|e| start_of(e, partial) == start).collect();
        let found = offer(&here, line, (start, partial), previous, snap, limit);
        if !found.candidates.is_empty() {
            return found;
        }
    }
    Completion::empty(cursor)
}

fn start_of(e: &Expect, partial: usize) -> usize {
    match e {
        Expect::Value { start, .. } => *start,
        _ => partial,
    }
}

/// The complete words after the command's name (each with where it starts in `line`), and
/// where the word under the cursor starts. Quotes group (a backslash escapes the next character
/// inside double quotes), and an open quote runs to the end.
fn split(line: &str, name_end: usize) -> (Vec<(usize, &str)>, usize) {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut chars = line[name_end..].char_indices();
    while let Some((i, c)) = chars.next() {
        let at = name_end + i;
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(_), _) => {}
            (None, c) if c.is_whitespace() => {
                if let Some(s) = start.take() {
                    words.push((s, &line[s..at]));
                }
            }
            (None, c) => {
                start.get_or_insert(at);
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
            }
        }
    }
    (words, start.unwrap_or(line.len()))
}

/// The candidates of the expectations that start at `start`; `partial` is where the word under
/// the cursor starts, and `previous` the complete word before it.
fn offer(
    here: &[&Expect],
    line: &str,
    (start, partial): (usize, usize),
    previous: Option<&str>,
    snap: &Snapshot,
    limit: usize,
) -> Completion {
    let rest = &line[start..];
    let (prefix, force) = match rest.strip_prefix(['\'', '"']) {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let flags: Vec<&'static str> = here
        .iter()
        .filter_map(|e| match e {
            Expect::Flags(f) => Some(f.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    let offers: Vec<Offer> = here
        .iter()
        .filter_map(|e| match e {
            Expect::Value { offer, .. } => Some(*offer),
            _ => None,
        })
        .collect();
    // A dash asks for an option (`\talks -⇥`), before any name that holds one.
    let word = rest.rsplit(char::is_whitespace).next().unwrap_or("");
    if word.starts_with('-') && !flags.is_empty() {
        let mut pool = Pool::new(word);
        pool.add(ItemKind::Keyword, Style::Verbatim, flags.iter().copied());
        let found = pool.finish(line.len() - word.len(), limit);
        if !found.candidates.is_empty() {
            return found;
        }
    }
    // A pack's source of names answers alone: its names hold spaces and have their own ranking.
    for o in &offers {
        if let Offer::Source(name) = o
            && let Some(c) = source(name, snap, prefix, force, start, limit)
            && !c.candidates.is_empty()
        {
            return c;
        }
    }
    if offers.contains(&Offer::Files) {
        // A path may be quoted and hold spaces (`"dir with space/"`): the word under the
        // cursor is the quoted whole, read as the command will read it.
        let (path, force) = unquote(&line[partial..]);
        let mut pool = Pool::new(&path);
        if path.starts_with('-') {
            pool.add(ItemKind::Keyword, Style::Verbatim, flags.iter().copied());
        }
        let names = paths::candidates(&path);
        pool.add(ItemKind::File, Style::Path { force }, names.iter().map(String::as_str));
        return pool.finish(partial, limit);
    }
    let mut pool = Pool::new(rest);
    let ident = Style::Ident { force: false };
    let mut owned: Vec<String> = Vec::new();
    let mut noted: Vec<(&str, Option<&str>)> = Vec::new();
    for e in here {
        if let Expect::Words(choices) = e {
            pool.add(ItemKind::Keyword, Style::Verbatim, choices.iter().copied());
        }
    }
    for o in &offers {
        match o {
            Offer::Tables => {
                pool.add(ItemKind::Table, ident, snap.tables.iter().filter(|t| !t.is_view).map(|t| t.name.as_str()));
                pool.add(ItemKind::View, ident, snap.tables.iter().filter(|t| t.is_view).map(|t| t.name.as_str()));
                // `\dt bk.*`, `\d temp.scratch`: qualified names of the other databases' objects.
                owned.extend(
                    snap.tables
                        .iter()
                        .filter(|t| t.schema != "main" && rest.contains('.'))
                        .map(|t| format!("{}.{}", t.schema, t.name)),
                );
            }
            Offer::Formats => pool.add(
                ItemKind::Value,
                Style::Verbatim,
                Format::ALL.iter().map(|(_, n)| *n).chain(Format::ALIASES.iter().map(|(n, _)| *n)),
            ),
            Offer::Commands => pool.add(ItemKind::Command, Style::Verbatim, command_names()),
            Offer::HelpTopics => pool.add(ItemKind::Keyword, Style::Verbatim, command::help_topics()),
            Offer::NamedQueries => {
                pool.add(ItemKind::Value, Style::Arg { force: false }, snap.named_queries.iter().map(String::as_str))
            }
            Offer::Settings => {
                noted.extend(command::pset_names().map(|n| (n, crate::engine::config::find_key(n).ok().map(|k| k.doc))))
            }
            Offer::SettingValues => owned.extend(previous.map(setting_values).unwrap_or_default()),
            Offer::Columns => owned.extend(snap.result_columns.iter().cloned()),
            Offer::Files | Offer::Free | Offer::Source(_) => {}
        }
    }
    pool.add_noted(ItemKind::Value, Style::Verbatim, noted);
    pool.add(ItemKind::Value, Style::Arg { force: false }, owned.iter().map(String::as_str));
    // Options when asked for with a dash, or when nothing else fits here (`\talks 2016 ⇥`).
    if rest.starts_with('-') || (rest.is_empty() && pool.is_empty()) {
        pool.add(ItemKind::Keyword, Style::Verbatim, flags.iter().copied());
    }
    pool.finish(start, limit)
}

/// Candidates from the registered source `name`, by its shape; `None` for an unknown source.
fn source(name: &str, snap: &Snapshot, typed: &str, force: bool, start: usize, limit: usize) -> Option<Completion> {
    let src = sources::all().iter().find(|s| s.name == name)?;
    let kind = ItemKind::Named(src.label);
    Some(match (src.shape, snap.values.set(name)) {
        (Shape::Fixed(words), _) => {
            let mut pool = Pool::new(typed);
            pool.add(ItemKind::Value, Style::Verbatim, words.iter().copied());
            pool.finish(start, limit)
        }
        (Shape::Titled, Set::Names(set)) => titles(set, kind, typed, force, start, limit),
        (Shape::Counted(noun), Set::Names(set)) => {
            from_names(set, kind, (typed, force), start, limit, |n| u64::try_from(n).ok().map(|n| counted(n, noun)))
        }
        (_, Set::Names(set)) => from_names(set, kind, (typed, force), start, limit, |_| None),
        (_, Set::Pairs(pairs)) => numbered(pairs, kind, typed, start, limit),
        (_, Set::List(list)) => {
            let mut pool = Pool::new(typed);
            pool.add(kind, Style::Arg { force }, list.iter().map(String::as_str));
            pool.finish(start, limit)
        }
        (_, Set::Empty) => Completion::empty(start),
    })
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

/// The word under the cursor as the command will read it: quotes removed (an open one may be left
/// unclosed, a backslash escapes inside double quotes), and whether any part was quoted.
fn unquote(word: &str) -> (String, bool) {
    let (mut text, mut quoted) = (String::new(), false);
    let mut quote: Option<char> = None;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => text.extend(chars.next()),
            (Some(_), c) => text.push(c),
            (None, '"' | '\'') => (quote, quoted) = (Some(c), true),
            (None, c) => text.push(c),
        }
    }
    (text, quoted)
}

/// Candidates from an indexed set of names, accent- and case-insensitive, each with the note
/// `note` makes of the number kept beside its name (a title's id, a speaker's talk count).
fn from_names(
    set: &Names,
    kind: ItemKind,
    (typed, force): (&str, bool),
    start: usize,
    limit: usize,
    note: impl Fn(i64) -> Option<String>,
) -> Completion {
    let found = set.search(typed, limit);
    let style = Style::Arg { force };
    let candidates: Vec<Candidate> = found
        .best
        .iter()
        .map(|&i| Candidate { text: format_candidate(set.name(i), style), kind, note: note(set.id(i)) })
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

/// `\talk`: titles (the id beside each); a number is a talk's id (its title beside it).
fn titles(set: &Names, kind: ItemKind, typed: &str, force: bool, start: usize, limit: usize) -> Completion {
    // A number alone is an id; a number and more (`\open 283 ⇥`) is not a title being typed.
    if !typed.trim_start().contains(char::is_whitespace)
        && let Ok(id) = typed.trim().parse::<i64>()
    {
        let candidates: Vec<Candidate> = set
            .find_id(id)
            .map(|i| Candidate { text: id.to_string(), kind, note: Some(set.name(i).to_string()) })
            .into_iter()
            .collect();
        return Completion { start, total: candidates.len(), candidates, common: None };
    }
    from_names(set, kind, (typed, force), start, limit, |id| Some(id.to_string()))
}

/// Row handles of the last result (`\talk #3`), each with its title beside it, in row order.
fn handles(all: &[(String, String)], typed: &str, start: usize, limit: usize) -> Completion {
    let matching: Vec<&(String, String)> = all.iter().filter(|(h, _)| h.starts_with(typed)).collect();
    let candidates: Vec<Candidate> = matching
        .iter()
        .take(limit)
        .map(|(h, label)| Candidate { text: h.clone(), kind: ItemKind::Row, note: Some(label.clone()) })
        .collect();
    Completion { start, total: matching.len(), candidates, common: None }
}

/// Ids with their names (`\writeup`); typed letters match the names.
fn numbered(all: &[(i64, String)], kind: ItemKind, typed: &str, start: usize, limit: usize) -> Completion {
    let key = fold(typed.trim());
    let candidates: Vec<Candidate> = all
        .iter()
        .filter(|(id, title)| id.to_string().starts_with(&key) || fold(title).contains(&key))
        .take(limit)
        .map(|(id, title)| Candidate { text: id.to_string(), kind, note: Some(title.clone()) })
        .collect();
    Completion { start, total: candidates.len(), candidates, common: None }
}
