//! A command's arguments, declared once as typed pieces. The synopsis (`usage:` lines, `\?`, the
//! man page, the reference), the check every command line gets before its handler runs (each word
//! bound to the piece it fills, numbers and on|off read), and what completion offers at each
//! position all derive from the declaration.

/// What completion offers for a value the user supplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Nothing to offer: free text, numbers.
    Free,
    /// Tables and views of every attached database.
    Tables,
    Files,
    /// Output formats and their aliases.
    Formats,
    /// Command names (`\? \dt`).
    Commands,
    /// SQL help topics (`\h select`).
    HelpTopics,
    NamedQueries,
    /// Keys of the settings file (`\pset NAME`), each with its doc.
    Settings,
    /// The values the setting named by the word before takes (`\pset overflow ⇥`).
    SettingValues,
    /// The columns of the last result (`\facets`).
    Columns,
    /// A value set a pack registers by name (`speakers`, `events`): its names may hold spaces,
    /// so from where the value starts the rest of the line is the typed prefix.
    Source(&'static str),
}

/// One piece of a command's arguments.
#[derive(Debug)]
pub enum Arg {
    /// A value the user supplies, shown by its name in the synopsis (`FILE`).
    Value(&'static str, Offer),
    /// A whole number within bounds, shown by its name (`YEAR`); a word that is not one is
    /// refused with the second field's words (`year must be a number, not 'x'`).
    Int(&'static str, &'static str, Within),
    /// `on|off`; psql's and sqlite3's other spellings (true/false, yes/no, 1/0) are read too.
    Bool,
    /// One of these literal words (`on|off`).
    Word(&'static [&'static str]),
    /// An option without a value; options may come anywhere on the line (`--indent`).
    Flag(&'static str),
    /// An option with a value (`--kind KIND`): the value is a `Value`, `Int` or `Bool`.
    Opt(&'static str, &'static Arg),
    /// `[…]`
    Optional(&'static [Arg]),
    /// `X…`: one or more.
    Many(&'static [Arg]),
    /// `a | b`: one of these sequences.
    Either(&'static [&'static [Arg]]),
    /// Any number of words, shown by one name (`\h [KEYWORD]`: `\h create table`).
    Words(&'static str, Offer),
    /// The raw rest of the line, spaces and quotes as typed (`\search`, `\echo`, `\!`): a command
    /// that has one takes free text.
    Text(&'static str, Offer),
}

/// The synopsis of `args`, e.g. `[EVENT|SERIES] [YEAR] [--kind KIND]`.
pub fn synopsis(args: &[Arg]) -> String {
    args.iter().map(piece).collect::<Vec<_>>().join(" ")
}

fn piece(a: &Arg) -> String {
    match a {
        Arg::Value(name, _) | Arg::Text(name, _) | Arg::Words(name, _) | Arg::Int(name, ..) => name.to_string(),
        Arg::Bool => ON_OFF.to_string(),
        Arg::Word(words) => words.join("|"),
        Arg::Flag(flag) => flag.to_string(),
        Arg::Opt(flag, value) => format!("{flag} {}", piece(value)),
        Arg::Optional(inner) => format!("[{}]", synopsis(inner)),
        Arg::Many(inner) => format!("{}…", synopsis(inner)),
        Arg::Either(alts) => {
            // `--split|--whole` when each choice is one piece, `set NAME | list` otherwise.
            let single = alts.iter().all(|alt| alt.len() == 1 && !matches!(alt[0], Arg::Optional(_)));
            let parts: Vec<String> = alts.iter().map(|alt| synopsis(alt)).collect();
            let glued = parts.iter().all(|p| !p.starts_with('|'));
            parts.join(if single && glued { "|" } else { " | " })
        }
    }
}

/// Calls `f` with every piece of the declaration that is not a group, inside groups too.
fn leaves<'a>(args: &'a [Arg], f: &mut impl FnMut(&'a Arg)) {
    for a in args {
        match a {
            Arg::Optional(inner) | Arg::Many(inner) => leaves(inner, f),
            Arg::Either(alts) => alts.iter().for_each(|alt| leaves(alt, f)),
            leaf => f(leaf),
        }
    }
}

/// Whether the line's arguments are free text (some piece is `Text`).
pub fn takes_text(args: &[Arg]) -> bool {
    let mut text = false;
    leaves(args, &mut |a| text |= matches!(a, Arg::Text(..)));
    text
}

/// Every value kind the declaration names, options' values included.
pub fn values(args: &[Arg]) -> Vec<Offer> {
    let mut out = Vec::new();
    leaves(args, &mut |a| match a {
        Arg::Value(_, v) | Arg::Text(_, v) | Arg::Words(_, v) => out.push(*v),
        Arg::Opt(_, value) => out.push(offer(value)),
        Arg::Int(..) => out.push(Offer::Free),
        _ => {}
    });
    out
}

/// What completion offers for an option's value.
fn offer(value: &Arg) -> Offer {
    match value {
        Arg::Value(_, v) => *v,
        _ => Offer::Free,
    }
}

/// The options the declaration names anywhere: (flag, its value's piece if it takes one).
fn options(args: &'static [Arg]) -> Vec<(&'static str, Option<&'static Arg>)> {
    let mut out = Vec::new();
    leaves(args, &mut |a| match a {
        Arg::Flag(f) => out.push((*f, None)),
        Arg::Opt(f, v) => out.push((*f, Some(*v))),
        _ => {}
    });
    out
}

/// The options that may be given more than once (inside a `Many`: `\\chart --value COL…`).
fn repeatable(args: &'static [Arg]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for a in args {
        match a {
            Arg::Many(inner) => out.extend(options(inner).into_iter().map(|(f, _)| f)),
            Arg::Optional(inner) => out.extend(repeatable(inner)),
            Arg::Either(alts) => alts.iter().for_each(|alt| out.extend(repeatable(alt))),
            _ => {}
        }
    }
    out
}

/// Each option as the synopsis shows it (`--top N`, `--split`).
fn options_synopsis(args: &[Arg]) -> Vec<String> {
    let mut out = Vec::new();
    leaves(args, &mut |a| {
        if matches!(a, Arg::Flag(_) | Arg::Opt(..)) {
            out.push(piece(a));
        }
    });
    out
}

/// How many words besides options the declaration accepts, at least and at most (`None`: no
/// limit); options float and are bound apart. Free text and pack values (names with spaces)
/// have no upper limit.
pub fn arity(args: &[Arg]) -> (usize, Option<usize>) {
    args.iter().map(count).fold((0, Some(0)), |(lo, hi), (l, h)| (lo + l, hi.zip(h).map(|(a, b)| a + b)))
}

fn count(a: &Arg) -> (usize, Option<usize>) {
    match a {
        Arg::Value(_, Offer::Source(_)) | Arg::Text(..) | Arg::Words(..) => (1, None),
        Arg::Value(..) | Arg::Word(_) | Arg::Int(..) | Arg::Bool => (1, Some(1)),
        Arg::Flag(_) | Arg::Opt(..) => (0, Some(0)),
        Arg::Optional(inner) => (0, arity(inner).1),
        // A repeat of pieces that take no word takes none however often it comes.
        Arg::Many(inner) => {
            let (lo, hi) = arity(inner);
            (lo, hi.filter(|h| *h == 0))
        }
        Arg::Either(alts) => {
            let counts: Vec<_> = alts.iter().map(|alt| arity(alt)).collect();
            let lo = counts.iter().map(|c| c.0).min().unwrap_or(0);
            let hi = counts.iter().try_fold(0, |m, c| c.1.map(|h| m.max(h)));
            (lo, hi)
        }
    }
}

/// What may come at the cursor, found by walking the declaration over the words before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// A value of this kind, starting at byte `start` of the text (a pack's names and free text
    /// start where the value began, which may be several words back).
    Value {
        offer: Offer,
        start: usize,
    },
    Words(&'static [&'static str]),
    /// Options not yet given.
    Flags(Vec<&'static str>),
}

/// A word of the typed arguments: where it starts and its text.
pub type Word<'a> = (usize, &'a str);

/// What may come next after the complete `words`, with the word under the cursor at `cursor`.
pub fn expect(args: &'static [Arg], words: &[Word], cursor: usize) -> Vec<Expect> {
    let opts = options(args);
    // Options float: take them (and their values) out first, wherever they stand.
    let mut plain: Vec<Word> = Vec::new();
    let mut used: Vec<&str> = Vec::new();
    let mut i = 0;
    let mut out = Vec::new();
    while i < words.len() {
        let w = words[i].1;
        match opts.iter().find(|(f, _)| *f == w) {
            Some((f, Some(v))) => {
                used.push(f);
                if i + 1 == words.len() {
                    // `--kind ⇥`: the option's value is what comes at the cursor.
                    out.push(match v {
                        Arg::Bool => Expect::Words(&["on", "off"]),
                        v => Expect::Value { offer: offer(v), start: cursor },
                    });
                    return out;
                }
                i += 2;
            }
            Some((f, None)) => {
                used.push(f);
                i += 1;
            }
            None => {
                plain.push(words[i]);
                i += 1;
            }
        }
    }
    // The walk goes a few calls deep per word: a line of thousands of words gets no
    // suggestions rather than a deep stack.
    if plain.len() > MAX_WORDS {
        return out;
    }
    let walker = Walker { cursor, steps: std::cell::Cell::new(0) };
    walker.walk(None, args, &plain, &mut out);
    let again = repeatable(args);
    let unused: Vec<&'static str> =
        opts.iter().map(|(f, _)| *f).filter(|f| !used.contains(f) || again.contains(f)).collect();
    if !unused.is_empty() {
        out.push(Expect::Flags(unused));
    }
    out.dedup();
    out
}

/// The pieces still to match: this slice, then what follows it.
struct Rest<'r> {
    args: &'static [Arg],
    /// `Many`'s repeat, with how many words were left when its round began: after the slice,
    /// the same slice may come again if the round took a word.
    again: Option<usize>,
    next: Option<&'r Rest<'r>>,
}

struct Walker {
    cursor: usize,
    steps: std::cell::Cell<usize>,
}

/// Most steps one walk takes: declarations are a few pieces deep, lines a few words long.
const STEPS: usize = 20_000;

/// Most words before the cursor a walk follows.
const MAX_WORDS: usize = 500;

/// Most steps one binding takes: a pack's name may run over every word of a long line, each
/// length tried once (`\\talks` with 3,000 words takes 18,000), and a line no command could mean
/// is refused rather than walked for ever.
const BIND_STEPS: usize = 2_000_000;

/// Most words a line binds: a repeat of one-word values (`.print`, `\\import pyvideo DIR…`) takes
/// its words in a loop, so only a line no command could mean is refused.
const MAX_BOUND: usize = 1_000_000;

impl Walker {
    /// Matches `words` against `args` then `next`; at the end of the words, records what the
    /// pieces could take next.
    fn walk(&self, next: Option<&Rest>, args: &'static [Arg], words: &[Word], out: &mut Vec<Expect>) {
        // A repeat of pieces that may all be left out would go round without taking a word.
        self.steps.set(self.steps.get() + 1);
        if self.steps.get() > STEPS {
            return;
        }
        let Some((first, tail)) = args.split_first() else {
            return match next {
                Some(r) if r.again.is_some() => {
                    // One more round of `Many` (at the cursor: what it would take, once), or on
                    // to what follows it. A round that took no word would go round for ever.
                    let progress = r.again.is_some_and(|left| words.len() < left);
                    if progress && words.is_empty() {
                        self.walk(r.next, r.args, words, out);
                    } else if progress {
                        let again = Rest { args: r.args, again: Some(words.len()), next: r.next };
                        self.walk(Some(&again), r.args, words, out);
                    }
                    self.walk(r.next, &[], words, out);
                }
                Some(r) => self.walk(r.next, r.args, words, out),
                None => {}
            };
        };
        let then = Rest { args: tail, again: None, next };
        let at = |w: Option<&Word>| w.map_or(self.cursor, |w| w.0);
        match first {
            Arg::Value(_, values @ Offer::Source(_)) => {
                out.push(Expect::Value { offer: *values, start: at(words.first()) });
                // The value may also have been one word, with more pieces after it.
                if !words.is_empty() {
                    self.walk(Some(&then), &[], &words[1..], out);
                }
            }
            Arg::Value(_, values) => match words.split_first() {
                None => out.push(Expect::Value { offer: *values, start: self.cursor }),
                Some((_, rest)) => self.walk(Some(&then), &[], rest, out),
            },
            Arg::Int(..) => match words.split_first() {
                None => out.push(Expect::Value { offer: Offer::Free, start: self.cursor }),
                Some((_, rest)) => self.walk(Some(&then), &[], rest, out),
            },
            Arg::Bool => match words.split_first() {
                None => out.push(Expect::Words(&["on", "off"])),
                Some((w, rest)) if on_off(w.1).is_some() => self.walk(Some(&then), &[], rest, out),
                Some(_) => {}
            },
            Arg::Text(_, values) => {
                out.push(Expect::Value { offer: *values, start: at(words.first()) });
            }
            Arg::Words(_, values) => {
                // Each word is a value of its own (`\chart bar --width 60 ⇥`), any number of them.
                out.push(Expect::Value { offer: *values, start: self.cursor });
            }
            Arg::Word(choices) => match words.split_first() {
                None => out.push(Expect::Words(choices)),
                Some((w, rest)) if choices.iter().any(|c| c.eq_ignore_ascii_case(w.1)) => {
                    self.walk(Some(&then), &[], rest, out)
                }
                Some(_) => {}
            },
            // Options were taken out before the walk.
            Arg::Flag(_) | Arg::Opt(..) => self.walk(Some(&then), &[], words, out),
            Arg::Optional(inner) => {
                self.walk(Some(&then), inner, words, out);
                self.walk(Some(&then), &[], words, out);
            }
            Arg::Many(inner) => {
                let again = Rest { args: inner, again: Some(words.len() + 1), next: Some(&then) };
                self.walk(Some(&again), inner, words, out);
            }
            Arg::Either(alts) => {
                for alt in alts.iter() {
                    self.walk(Some(&then), alt, words, out);
                }
            }
        }
    }
}

/// The smallest and largest whole number an `Arg::Int` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Within(pub i64, pub i64);

/// Any whole number.
pub const ANY: Within = Within(i64::MIN, i64::MAX);

/// `word` as a whole number within `within`.
fn whole(word: &str, what: &'static str, within: Within) -> Result<i64, Misfit> {
    match word.parse::<i64>() {
        Ok(n) if (within.0..=within.1).contains(&n) => Ok(n),
        _ => Err(Misfit::NotANumber(what, word.to_string(), within)),
    }
}

/// The synopsis of `Arg::Bool`, and the key its value is bound under.
pub const ON_OFF: &str = "on|off";

/// A boolean word as psql and sqlite3 read one.
pub fn on_off(word: &str) -> Option<bool> {
    match word.to_ascii_lowercase().as_str() {
        "on" | "true" | "yes" | "1" => Some(true),
        "off" | "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// What a command line gave for each piece of its declaration, keyed by the piece: a value by its
/// name (`FILE`), an option by its flag (`--kind`), a literal word by the word as declared
/// (`auto`), on|off by [`ON_OFF`] (as `on` or `off`). Handlers read these instead of the words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bound(Vec<(&'static str, String)>);

impl Bound {
    /// The value bound to `key`; of an option given twice, the last, as command lines read.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| *k == key).map(|(_, v)| v.as_str())
    }

    /// Every value bound to `key`, in the order given (`DIR…`).
    pub fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(k, _)| *k == key).map(|(_, v)| v.as_str())
    }

    /// Which of `keys` was given last (`--quote` or `--noquote`: the last one wins, as on any
    /// command line).
    pub fn last_of(&self, keys: &[&'static str]) -> Option<&'static str> {
        self.0.iter().rev().find_map(|(k, _)| keys.iter().find(|key| *key == k).copied())
    }

    /// Whether the option or literal word `key` was given.
    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| *k == key)
    }

    /// The on|off given, if any.
    pub fn on_off(&self) -> Option<bool> {
        self.get(ON_OFF).map(|v| v == "on")
    }

    /// Every whole number bound to `key`, in order (checked when bound).
    pub fn ints<'a>(&'a self, key: &'a str) -> impl Iterator<Item = i64> + 'a {
        self.all(key).filter_map(|v| v.parse().ok())
    }

    /// The value of a piece the declaration requires (bound whenever the handler runs).
    pub fn need(&self, key: &str) -> anyhow::Result<&str> {
        self.get(key).ok_or_else(|| anyhow::anyhow!("internal error: no {key} was bound"))
    }

    /// The whole number bound to `key` (checked when bound).
    pub fn int(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(|v| v.parse().ok())
    }

    /// The whole number bound to `key` as a count; `None` when not given or negative.
    pub fn count(&self, key: &str) -> Option<usize> {
        self.int(key).and_then(|n| usize::try_from(n).ok())
    }
}

/// Why a line's words do not fit its declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misfit {
    /// Too few or too many words, or a word none of the pieces takes: the usage line says it.
    Usage,
    /// `--bogus` where the command has options, none of them that: (the word, the options).
    UnknownOption(String, String),
    /// An `Arg::Int` given something else: (what the number is, the word, its bounds).
    NotANumber(&'static str, String, Within),
    /// A word where only certain words may stand: (the word, those words).
    NotOneOf(String, Vec<&'static str>),
    /// An option given without its value.
    NeedsValue(&'static str),
    /// A word after every piece was filled.
    Extra(String),
    /// More words than a line binds (`MAX_BOUND`).
    TooMany(usize),
    /// An option that does not go with the rest of the line (`\\import csv --skip-bad`, or both
    /// of `--split|--whole`).
    Misplaced(&'static str),
}

impl Misfit {
    /// The one line the user sees, with the command's `usage` line.
    pub fn message(&self, usage: &str) -> String {
        match self {
            Misfit::Usage => usage.to_string(),
            Misfit::UnknownOption(w, options) => format!("unknown option {w} (options: {options})"),
            Misfit::NotANumber(what, w, ANY) => format!("{what} must be a number, not '{w}'"),
            Misfit::NotANumber(what, w, Within(min, max)) => {
                format!("{what} must be a whole number from {min} to {max}, not '{w}'")
            }
            Misfit::NotOneOf(w, words) => format!("'{w}' is none of: {}; {usage}", words.join(", ")),
            Misfit::NeedsValue(flag) => format!("{flag} needs a value; {usage}"),
            Misfit::Extra(w) => format!("{usage} (extra argument: \"{w}\")"),
            Misfit::TooMany(n) => format!("{n} words are more than a command takes; {usage}"),
            Misfit::Misplaced(flag) => format!("{flag} does not go with the rest of the line; {usage}"),
        }
    }
}

/// Binds `words` to the pieces of `args`: options wherever they stand, then the other words in
/// order, trying each way the declaration allows until one takes every word (and every option
/// given belongs to that way: `\\import csv --skip-bad` is refused). With `one_dash` (sqlite3's
/// dot commands), an option may also be spelt with one dash (`-indent`), any word starting with
/// a dash is an option, and `--opt=value` is not split, as sqlite3 reads them.
pub fn bind(args: &'static [Arg], words: &[String], one_dash: bool) -> Result<Bound, Misfit> {
    let opts = options(args);
    let known = |w: &str| opts.iter().find(|(f, _)| *f == w).copied();
    let mut bound = Vec::new();
    let mut given: Vec<&'static str> = Vec::new();
    let mut plain: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let (flag, inline) = match w.split_once('=') {
            Some((f, v)) if !one_dash && f.starts_with("--") => (f, Some(v)),
            _ => (w, None),
        };
        // sqlite3 reads `-indent` as `--indent` and `--v` as `-v`.
        let dashes = flag.len() - flag.trim_start_matches('-').len();
        let dashed = (one_dash && dashes == 1).then(|| format!("-{flag}"));
        let undashed = if one_dash && dashes == 2 { &flag[1..] } else { "" };
        let option = known(flag).or_else(|| dashed.as_deref().and_then(known)).or_else(|| known(undashed));
        match option {
            Some((f, Some(piece))) => {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        words.get(i).ok_or(Misfit::NeedsValue(f))?.as_str()
                    }
                };
                bound.push((f, read(piece, value)?.1));
                given.push(f);
            }
            Some((f, None)) if inline.is_none() => {
                bound.push((f, String::new()));
                given.push(f);
            }
            _ if !opts.is_empty() && (w.starts_with("--") || (one_dash && w.starts_with('-'))) => {
                return Err(Misfit::UnknownOption(w.to_string(), options_synopsis(args).join(", ")));
            }
            _ => plain.push(w),
        }
        i += 1;
    }
    if plain.len() > MAX_BOUND {
        return Err(Misfit::TooMany(plain.len()));
    }
    // Two of a pack's values side by side (`\\compare A B`) could split a line of names many ways:
    // each is then one word (quote a name with spaces); one alone may run over several.
    let mut sources = 0;
    leaves(args, &mut |a| sources += usize::from(matches!(a, Arg::Value(_, Offer::Source(_)))));
    let binder = Binder {
        words: &plain,
        given,
        spans: sources <= 1,
        steps: std::cell::Cell::new(0),
        worst: std::cell::RefCell::new((0, Misfit::Usage)),
    };
    let mut passed = Vec::new();
    if binder.walk(None, args, 0, &mut bound, &mut passed) {
        Ok(Bound(bound))
    } else {
        Err(binder.worst.into_inner().1)
    }
}

/// Most words what follows can take (options aside): the rest of each slice, and any `Many`
/// still repeating.
fn most_after(then: &Then) -> Option<usize> {
    let here = arity(then.args).1?;
    let again = if then.again.is_some() { arity(then.args).1.filter(|m| *m == 0)? } else { 0 };
    let rest = then.next.map_or(Some(0), most_after)?;
    Some(here + again + rest)
}

/// What `word` binds as when `one` is a piece that takes one word (a value, a whole number,
/// on|off or a literal word): its key and value, or why it does not fit.
fn read(one: &Arg, word: &str) -> Result<(&'static str, String), Misfit> {
    match one {
        Arg::Value(name, _) => Ok((name, word.to_string())),
        Arg::Int(name, what, within) => whole(word, what, *within).map(|_| (*name, word.to_string())),
        Arg::Bool => match on_off(word) {
            Some(b) => Ok((ON_OFF, if b { "on" } else { "off" }.to_string())),
            None => Err(Misfit::NotOneOf(word.to_string(), vec!["on", "off"])),
        },
        Arg::Word(choices) => match choices.iter().find(|c| c.eq_ignore_ascii_case(word)) {
            Some(choice) => Ok((choice, word.to_string())),
            None => Err(Misfit::NotOneOf(word.to_string(), choices.to_vec())),
        },
        _ => Err(Misfit::Usage),
    }
}

/// The pieces still to bind: this slice, then what follows it.
struct Then<'r> {
    args: &'static [Arg],
    /// `Many`'s repeat, from the word its round began at: another round only after progress.
    again: Option<usize>,
    next: Option<&'r Then<'r>>,
}

struct Binder<'w> {
    words: &'w [&'w str],
    /// The options given: each must be one the way that binds passes.
    given: Vec<&'static str>,
    /// Whether a pack's value may run over several words.
    spans: bool,
    steps: std::cell::Cell<usize>,
    /// The failure that got furthest, for the message.
    worst: std::cell::RefCell<(usize, Misfit)>,
}

type Slots = Vec<(&'static str, String)>;

/// Which of two failures at one word says more: a word of the wrong kind, then a word too many.
fn rank(m: &Misfit) -> u8 {
    match m {
        Misfit::Usage => 0,
        Misfit::Extra(_) => 1,
        _ => 2,
    }
}

impl Binder<'_> {
    fn fail(&self, at: usize, why: Misfit) -> bool {
        let mut worst = self.worst.borrow_mut();
        let (far, ref mut now) = *worst;
        match (now, why) {
            // Every word that could have stood here, for the message.
            (Misfit::NotOneOf(_, seen), Misfit::NotOneOf(_, more)) if far == at => {
                let new: Vec<_> = more.into_iter().filter(|m| !seen.contains(m)).collect();
                seen.extend(new);
            }
            (now, why) if at > far || (at == far && rank(&why) > rank(now)) => *worst = (at, why),
            _ => {}
        }
        false
    }

    /// `Many` of a piece that takes one word (`inner`): the longest run of words it takes that
    /// lets `then` bind the rest, tried from the longest down.
    fn repeat_one(
        &self,
        inner: &'static [Arg],
        then: &Then,
        i: usize,
        out: &mut Slots,
        passed: &mut Vec<&'static str>,
    ) -> bool {
        let Some(one) = inner.first() else { return false };
        let run = self.words[i.min(self.words.len())..].iter().take_while(|w| read(one, w).is_ok()).count();
        let mark = out.len();
        for n in (1..=run).rev() {
            out.truncate(mark);
            out.extend(self.words[i..i + n].iter().filter_map(|w| read(one, w).ok()));
            if self.walk(Some(then), &[], i + n, out, passed) {
                return true;
            }
        }
        out.truncate(mark);
        // Why the first word that is not one failed, for the message.
        self.walk(Some(then), inner, i + run, out, passed);
        out.truncate(mark);
        false
    }

    /// Binds the words from `i` to `args` then `next`; true when every word found a piece and
    /// every option given is one of those `passed` on the way.
    fn walk(
        &self,
        next: Option<&Then>,
        args: &'static [Arg],
        i: usize,
        out: &mut Slots,
        passed: &mut Vec<&'static str>,
    ) -> bool {
        self.steps.set(self.steps.get() + 1);
        if self.steps.get() > BIND_STEPS {
            return false;
        }
        let Some((first, tail)) = args.split_first() else {
            return match next {
                Some(t) => match t.again {
                    Some(from) => {
                        (i > from && i < self.words.len() && {
                            let again = Then { args: t.args, again: Some(i), next: t.next };
                            self.walk(Some(&again), t.args, i, out, passed)
                        }) || self.walk(t.next, &[], i, out, passed)
                    }
                    None => self.walk(t.next, t.args, i, out, passed),
                },
                None => match (self.words.get(i), self.given.iter().find(|g| !passed.contains(g))) {
                    (Some(w), _) => self.fail(i, Misfit::Extra(w.to_string())),
                    (None, Some(g)) => self.fail(i, Misfit::Misplaced(g)),
                    (None, None) => true,
                },
            };
        };
        let then = Then { args: tail, again: None, next };
        let word = self.words.get(i).copied();
        // Binds `n` words from `i` as `key` (joined by spaces), then the rest.
        let take = |key: &'static str, n: usize, value: String, out: &mut Slots, passed: &mut Vec<&'static str>| {
            let mark = out.len();
            out.push((key, value));
            self.walk(Some(&then), &[], i + n, out, passed) || {
                out.truncate(mark);
                false
            }
        };
        match first {
            // A pack's names may hold spaces: the shortest run of words that lets the rest bind.
            // Lengths that would leave the rest more words than it can take are not tried: a line of
            // 100,000 words is bound in one try, not 100,000.
            Arg::Value(name, Offer::Source(_)) if self.spans => {
                let left = self.words.len().saturating_sub(i);
                let least = most_after(&then).map_or(1, |most| left.saturating_sub(most).max(1));
                (least..=left).any(|n| take(name, n, self.words[i..i + n].join(" "), out, passed))
                    || self.fail(i, Misfit::Usage)
            }
            one @ (Arg::Value(..) | Arg::Int(..) | Arg::Bool | Arg::Word(_)) => match word.map(|w| read(one, w)) {
                Some(Ok((key, value))) => take(key, 1, value, out, passed),
                Some(Err(why)) => self.fail(i, why),
                None => self.fail(i, Misfit::Usage),
            },
            Arg::Words(name, _) | Arg::Text(name, _) => {
                let mark = out.len();
                out.extend(self.words[i.min(self.words.len())..].iter().map(|w| (*name, w.to_string())));
                out.len() > mark && self.walk(Some(&then), &[], self.words.len(), out, passed) || {
                    out.truncate(mark);
                    self.fail(i, Misfit::Usage)
                }
            }
            // Options were bound before the walk; passing one here allows it on this way.
            Arg::Flag(f) | Arg::Opt(f, _) => {
                passed.push(f);
                let bound = self.walk(Some(&then), &[], i, out, passed);
                passed.pop();
                bound
            }
            Arg::Optional(inner) => {
                self.walk(Some(&then), inner, i, out, passed) || self.walk(Some(&then), &[], i, out, passed)
            }
            // A repeat of one-word values takes the longest run that lets the rest bind, in a
            // loop: a line of thousands of words must not go thousands of calls deep.
            Arg::Many(inner @ [Arg::Value(..) | Arg::Int(..) | Arg::Word(_) | Arg::Bool]) => {
                self.repeat_one(inner, &then, i, out, passed)
            }
            Arg::Many(inner) => {
                let again = Then { args: inner, again: Some(i), next: Some(&then) };
                self.walk(Some(&again), inner, i, out, passed)
            }
            // `--quote|--noquote`: either may be given, both too (the handler takes the last).
            Arg::Either(alts) if alts.iter().all(|alt| matches!(alt, [Arg::Flag(_)])) => {
                let mark = passed.len();
                passed.extend(alts.iter().filter_map(|alt| match alt {
                    [Arg::Flag(f)] => Some(*f),
                    _ => None,
                }));
                let bound = self.walk(Some(&then), &[], i, out, passed);
                passed.truncate(mark);
                bound
            }
            Arg::Either(alts) => alts.iter().any(|alt| self.walk(Some(&then), alt, i, out, passed)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::command::arg_spec::*;

    static TALKS: &[Arg] = &[
        Arg::Optional(&[Arg::Value("EVENT|SERIES", Offer::Source("events"))]),
        Arg::Optional(&[Arg::Value("YEAR", Offer::Free)]),
        Arg::Optional(&[Arg::Opt("--kind", &Arg::Value("KIND", Offer::Source("kinds")))]),
    ];
    static IMPORT: &[Arg] = &[Arg::Either(&[
        &[
            Arg::Word(&["pyvideo"]),
            Arg::Optional(&[Arg::Flag("--skip-bad")]),
            Arg::Many(&[Arg::Value("DIR", Offer::Files)]),
        ],
        &[Arg::Word(&["csv"]), Arg::Value("FILE", Offer::Files), Arg::Value("TABLE", Offer::Tables)],
    ])];

    fn words(s: &str) -> Vec<Word<'_>> {
        let mut out = Vec::new();
        let mut at = 0;
        for w in s.split(' ') {
            if !w.is_empty() {
                out.push((at, w));
            }
            at += w.len() + 1;
        }
        out
    }

    fn bound(args: &'static [Arg], line: &str) -> Result<Bound, Misfit> {
        let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        bind(args, &words, false)
    }

    #[test]
    fn words_bind_to_the_pieces_they_fill() {
        let b = bound(TALKS, "PyCon US 2017 --kind keynote").expect("binds");
        assert_eq!(b.get("EVENT|SERIES"), Some("PyCon US"), "a pack's name takes the fewest words that fit");
        assert_eq!((b.get("YEAR"), b.get("--kind")), (Some("2017"), Some("keynote")));
        let b = bound(TALKS, "--kind=talk 2016").expect("options float, with = too");
        assert_eq!((b.get("EVENT|SERIES"), b.get("--kind")), (Some("2016"), Some("talk")));
        let b = bound(IMPORT, "pyvideo a b --skip-bad").expect("binds");
        assert!(b.has("pyvideo") && b.has("--skip-bad") && !b.has("csv"));
        assert_eq!(b.all("DIR").collect::<Vec<_>>(), ["a", "b"]);
        let b = bound(IMPORT, "CSV f.csv t").expect("literal words in any case");
        assert_eq!((b.get("FILE"), b.get("TABLE")), (Some("f.csv"), Some("t")));
    }

    #[test]
    fn numbers_and_booleans_are_read_before_the_handler_runs() {
        static ARGS: &[Arg] =
            &[Arg::Optional(&[Arg::Bool]), Arg::Optional(&[Arg::Opt("--top", &Arg::Int("N", "--top", ANY))])];
        for (word, on) in [("on", true), ("YES", true), ("1", true), ("off", false), ("false", false), ("0", false)] {
            assert_eq!(bound(ARGS, word).expect(word).on_off(), Some(on), "{word}");
        }
        assert_eq!(bound(ARGS, "").expect("nothing").on_off(), None);
        assert_eq!(bound(ARGS, "--top 5").expect("int").int("--top"), Some(5));
        assert_eq!(bound(ARGS, "--top x"), Err(Misfit::NotANumber("--top", "x".into(), ANY)));
        assert_eq!(bound(ARGS, "--top"), Err(Misfit::NeedsValue("--top")));
        assert_eq!(bound(ARGS, "maybe"), Err(Misfit::NotOneOf("maybe".into(), vec!["on", "off"])));
        assert_eq!(bound(ARGS, "on off"), Err(Misfit::Extra("off".into())));
        assert_eq!(bound(ARGS, "--bogus"), Err(Misfit::UnknownOption("--bogus".into(), "--top N".into())));
    }

    #[test]
    fn options_belong_to_the_way_that_binds_and_the_last_of_a_repeat_wins() {
        assert_eq!(bound(IMPORT, "csv --skip-bad f t"), Err(Misfit::Misplaced("--skip-bad")));
        static SPLIT: &[Arg] = &[
            Arg::Value("COL", Offer::Free),
            Arg::Optional(&[Arg::Either(&[&[Arg::Flag("--split")], &[Arg::Flag("--whole")]])]),
            Arg::Optional(&[Arg::Opt("--top", &Arg::Int("N", "--top", Within(1, 10)))]),
        ];
        let b = bound(SPLIT, "a --split --whole --split").expect("either of a pair, as often as given");
        assert_eq!(b.last_of(&["--split", "--whole"]), Some("--split"));
        assert_eq!(bound(SPLIT, "a --top 2 --top 3").expect("binds").int("--top"), Some(3));
        assert_eq!(bound(SPLIT, "a --top 11"), Err(Misfit::NotANumber("--top", "11".into(), Within(1, 10))));
        assert_eq!(
            Misfit::NotANumber("--top", "11".into(), Within(1, 10)).message("usage"),
            "--top must be a whole number from 1 to 10, not '11'"
        );
    }

    #[test]
    fn a_packs_name_takes_only_the_lengths_that_leave_the_rest_enough() {
        let b = bound(TALKS, "2017 PyCon US").expect("binds");
        assert_eq!((b.get("EVENT|SERIES"), b.get("YEAR")), (Some("2017 PyCon"), Some("US")));
        // All of a long line is one name: tried once, not once per length (STEPS would run out).
        let wall = vec!["w"; 100_000].join(" ");
        assert_eq!(bound(TALKS, &wall).expect("binds").get("EVENT|SERIES").map(str::len), Some(wall.len() - 2));
    }

    #[test]
    fn a_long_repeat_binds_in_a_loop() {
        static PRINT: &[Arg] = &[Arg::Optional(&[Arg::Many(&[Arg::Value("TEXT", Offer::Free)])])];
        let many = vec!["w"; 200_000].join(" ");
        assert_eq!(bound(PRINT, &many).expect("binds").all("TEXT").count(), 200_000);
        static WIDTHS: &[Arg] =
            &[Arg::Many(&[Arg::Int("N", "each width", Within(-9, 9))]), Arg::Value("LAST", Offer::Free)];
        let b = bound(WIDTHS, "1 -2 3 x").expect("the longest run that lets the rest bind");
        assert_eq!((b.ints("N").collect::<Vec<_>>(), b.get("LAST")), (vec![1, -2, 3], Some("x")));
        assert_eq!(bound(WIDTHS, "10 x"), Err(Misfit::NotANumber("each width", "10".into(), Within(-9, 9))));
    }

    #[test]
    fn two_of_a_packs_values_are_one_word_each() {
        static TWO: &[Arg] = &[Arg::Value("A", Offer::Source("events")), Arg::Value("B", Offer::Source("events"))];
        let b = bound(TWO, "pycon-2016 pycon-2017").expect("binds");
        assert_eq!((b.get("A"), b.get("B")), (Some("pycon-2016"), Some("pycon-2017")));
        assert_eq!(bound(TWO, "PyCon US 2017"), Err(Misfit::Extra("2017".into())));
        let quoted = vec!["PyCon US 2016".to_string(), "PyCon US 2017".to_string()];
        assert_eq!(bind(TWO, &quoted, false).expect("quoted").get("B"), Some("PyCon US 2017"));
    }

    #[test]
    fn a_misfit_names_every_word_that_could_stand_there() {
        let err = bound(IMPORT, "json f t").expect_err("no json");
        assert_eq!(err, Misfit::NotOneOf("json".into(), vec!["pyvideo", "csv"]));
        assert_eq!(err.message("usage: \\import …"), "'json' is none of: pyvideo, csv; usage: \\import …");
        assert_eq!(bound(IMPORT, "csv f"), Err(Misfit::Usage), "too few words");
    }

    #[test]
    fn dot_commands_take_options_with_one_dash() {
        static ARGS: &[Arg] =
            &[Arg::Optional(&[Arg::Flag("--indent")]), Arg::Optional(&[Arg::Value("N", Offer::Free)])];
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert!(bind(ARGS, &words("-indent"), true).expect("one dash").has("--indent"));
        assert_eq!(bind(ARGS, &words("-"), true), Err(Misfit::UnknownOption("-".into(), "--indent".into())));
        static SHORT: &[Arg] = &[Arg::Optional(&[Arg::Flag("-v")]), Arg::Value("FILE", Offer::Files)];
        assert!(bind(SHORT, &words("--v f"), true).expect("two dashes").has("-v"), "sqlite3 reads --v as -v");
        assert!(bind(ARGS, &words("---indent"), true).is_err(), "three dashes are no spelling of --indent");
        // As sqlite3 reads a dot command that has options: a word with a dash is one of them.
        assert_eq!(bind(ARGS, &words("-8"), true), Err(Misfit::UnknownOption("-8".into(), "--indent".into())));
        assert_eq!(
            bind(ARGS, &words("--indent=1"), true),
            Err(Misfit::UnknownOption("--indent=1".into(), "--indent".into()))
        );
        static WIDTHS: &[Arg] = &[Arg::Many(&[Arg::Int("N", "each width", ANY)])];
        assert_eq!(bind(WIDTHS, &words("-8 3"), true).expect("numbers").ints("N").collect::<Vec<_>>(), [-8, 3]);
        let b = bind(ARGS, &words("-indent"), false).expect("a value");
        assert_eq!(b.get("N"), Some("-indent"), "backslash commands spell options in full");
    }

    #[test]
    fn a_repeat_that_takes_no_word_ends() {
        // Options float, so a repeated option takes no word in the walk: neither walk may loop.
        static ARGS: &[Arg] =
            &[Arg::Optional(&[Arg::Many(&[Arg::Opt("--value", &Arg::Value("COL", Offer::Columns))])])];
        let b = bound(ARGS, "--value a --value b").expect("binds");
        assert_eq!(b.all("--value").collect::<Vec<_>>(), ["a", "b"]);
        // Completion's walk ends too (it overflowed the stack before a round had to take a word).
        let typed = "--value a ";
        // And a repeatable option is offered again.
        assert_eq!(expect(ARGS, &words(typed), typed.len()), [Expect::Flags(vec!["--value"])]);
    }

    #[test]
    fn the_synopsis_reads_as_written() {
        assert_eq!(synopsis(TALKS), "[EVENT|SERIES] [YEAR] [--kind KIND]");
        assert_eq!(synopsis(IMPORT), "pyvideo [--skip-bad] DIR… | csv FILE TABLE");
        let flags: &[Arg] = &[Arg::Optional(&[Arg::Either(&[&[Arg::Flag("--split")], &[Arg::Flag("--whole")]])])];
        assert_eq!(synopsis(flags), "[--split|--whole]");
    }

    #[test]
    fn arity_counts_optional_repeated_and_alternative_pieces() {
        assert_eq!(arity(&[]), (0, Some(0)));
        assert_eq!(arity(TALKS), (0, None), "an event name may hold spaces");
        assert_eq!(arity(IMPORT), (2, None));
        let on_off: &[Arg] = &[Arg::Optional(&[Arg::Word(&["on", "off"])])];
        assert_eq!(arity(on_off), (0, Some(1)));
        // Options float and are bound apart: they count no word.
        let flagged: &[Arg] = &[Arg::Optional(&[Arg::Flag("--x")]), Arg::Value("A", Offer::Free)];
        assert_eq!(arity(flagged), (1, Some(1)));
    }

    #[test]
    fn the_walk_finds_what_comes_at_the_cursor() {
        let got = expect(IMPORT, &[], 8);
        assert!(got.contains(&Expect::Words(&["pyvideo"])) && got.contains(&Expect::Words(&["csv"])), "{got:?}");
        let typed = "csv data.csv ";
        let got = expect(IMPORT, &words(typed), typed.len());
        assert_eq!(got[0], Expect::Value { offer: Offer::Tables, start: typed.len() });
        let typed = "pyvideo a b ";
        let got = expect(IMPORT, &words(typed), typed.len());
        assert!(got.iter().any(|e| matches!(e, Expect::Value { offer: Offer::Files, .. })), "{got:?}");
        assert!(got.contains(&Expect::Flags(vec!["--skip-bad"])), "{got:?}");
        // A pack's names run to the cursor from where they began.
        let typed = "PyCon US ";
        let got = expect(TALKS, &words(typed), typed.len());
        assert!(got.contains(&Expect::Value { offer: Offer::Source("events"), start: 0 }), "{got:?}");
        let typed = "2017 --kind ";
        let got = expect(TALKS, &words(typed), typed.len());
        assert_eq!(got, [Expect::Value { offer: Offer::Source("kinds"), start: typed.len() }]);
    }
}
