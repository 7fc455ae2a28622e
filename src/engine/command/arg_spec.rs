//! A command's arguments, declared once as typed pieces. The synopsis (`usage:` lines, `\?`, the
//! man page, the reference), the arity check every command gets before its handler runs, and what
//! completion offers at each position all derive from the declaration.

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
    /// Chart options and the columns of the last result (`\chart bar ⇥`).
    ChartOptions,
    /// A value set a pack registers by name (`speakers`, `events`): its names may hold spaces,
    /// so from where the value starts the rest of the line is the typed prefix.
    Source(&'static str),
}

/// One piece of a command's arguments.
#[derive(Debug)]
pub enum Arg {
    /// A value the user supplies, shown by its name in the synopsis (`FILE`).
    Value(&'static str, Offer),
    /// One of these literal words (`on|off`).
    Word(&'static [&'static str]),
    /// An option without a value; options may come anywhere on the line (`--indent`).
    Flag(&'static str),
    /// An option with a value (`--kind KIND`).
    Opt(&'static str, &'static str, Offer),
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
        Arg::Value(name, _) | Arg::Text(name, _) | Arg::Words(name, _) => name.to_string(),
        Arg::Word(words) => words.join("|"),
        Arg::Flag(flag) => flag.to_string(),
        Arg::Opt(flag, name, _) => format!("{flag} {name}"),
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
    leaves(args, &mut |a| {
        if let Arg::Value(_, v) | Arg::Text(_, v) | Arg::Words(_, v) | Arg::Opt(_, _, v) = a {
            out.push(*v);
        }
    });
    out
}

/// The options the declaration names anywhere: (flag, the kind of its value if it takes one).
fn options(args: &'static [Arg]) -> Vec<(&'static str, Option<Offer>)> {
    let mut out = Vec::new();
    leaves(args, &mut |a| match a {
        Arg::Flag(f) => out.push((*f, None)),
        Arg::Opt(f, _, v) => out.push((*f, Some(*v))),
        _ => {}
    });
    out
}

/// How many words the declaration accepts, at least and at most (`None`: no limit), counting an
/// option with its value. Free text and pack values (names with spaces) have no upper limit.
pub fn arity(args: &[Arg]) -> (usize, Option<usize>) {
    args.iter().map(count).fold((0, Some(0)), |(lo, hi), (l, h)| (lo + l, hi.zip(h).map(|(a, b)| a + b)))
}

fn count(a: &Arg) -> (usize, Option<usize>) {
    match a {
        Arg::Value(_, Offer::Source(_)) | Arg::Text(..) | Arg::Words(..) => (1, None),
        Arg::Value(..) | Arg::Word(_) => (1, Some(1)),
        Arg::Flag(_) => (0, Some(1)),
        Arg::Opt(..) => (0, Some(2)),
        Arg::Optional(inner) => (0, arity(inner).1),
        Arg::Many(inner) => (arity(inner).0, None),
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
                    out.push(Expect::Value { offer: *v, start: cursor });
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
    let unused: Vec<&'static str> = opts.iter().map(|(f, _)| *f).filter(|f| !used.contains(f)).collect();
    if !unused.is_empty() {
        out.push(Expect::Flags(unused));
    }
    out.dedup();
    out
}

/// The pieces still to match: this slice, then what follows it.
struct Rest<'r> {
    args: &'static [Arg],
    /// `Many`'s repeat: after the slice, the same slice may come again.
    again: bool,
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
                Some(r) if r.again => {
                    // One more round of `Many` (at the cursor: what it would take, once), or on
                    // to what follows it.
                    if words.is_empty() {
                        self.walk(r.next, r.args, words, out);
                    } else {
                        let again = Rest { args: r.args, again: true, next: r.next };
                        self.walk(Some(&again), r.args, words, out);
                    }
                    self.walk(r.next, &[], words, out);
                }
                Some(r) => self.walk(r.next, r.args, words, out),
                None => {}
            };
        };
        let then = Rest { args: tail, again: false, next };
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
                let again = Rest { args: inner, again: true, next: Some(&then) };
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

#[cfg(test)]
mod tests {
    use crate::engine::command::arg_spec::*;

    static TALKS: &[Arg] = &[
        Arg::Optional(&[Arg::Value("EVENT|SERIES", Offer::Source("events"))]),
        Arg::Optional(&[Arg::Value("YEAR", Offer::Free)]),
        Arg::Optional(&[Arg::Opt("--kind", "KIND", Offer::Source("kinds"))]),
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
