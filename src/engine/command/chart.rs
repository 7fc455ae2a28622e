//! `\chart`: draws the last result (or the query the line ends, `SELECT … \chart`) as bars, a
//! histogram, a line or sparklines. Picking the data and the look happens here; drawing is
//! `crate::engine::chart`'s.

use std::io::Write;

use anyhow::{Result, bail};

use crate::engine::chart::{self, DEFAULT_TOP, Kind, Look, Request};
use crate::engine::command::arg_spec::Bound;
use crate::engine::command::{Arg, Command, Effect, Handler, Invocation, Offer, Within};
use crate::engine::session::Session;
use crate::engine::settings::Format;
use crate::engine::style::Palette;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\chart",
    aliases: &[],
    args: &[
        Arg::Optional(&[Arg::Either(&[
            &[Arg::Word(&["hbar", "bar", "line", "spark"])],
            &[
                Arg::Word(&["hist"]),
                Arg::Optional(&[
                    Arg::Value("COLUMN", Offer::Columns),
                    Arg::Optional(&[Arg::Int("BINS", "BINS", Within(1, chart::MAX_BINS as i64))]),
                ]),
            ],
        ])]),
        Arg::Optional(&[Arg::Opt("--label", &Arg::Value("COL", Offer::Columns))]),
        Arg::Optional(&[Arg::Many(&[Arg::Opt("--value", &Arg::Value("COL", Offer::Columns))])]),
        Arg::Optional(&[Arg::Opt("--top", &Arg::Int("N", "--top", Within(1, 10_000)))]),
        Arg::Optional(&[Arg::Opt("--width", &Arg::Int("N", "--width", Within(20, 1000)))]),
        Arg::Optional(&[Arg::Flag("--ascii")]),
    ],
    summary: "draw the last result as bars, a histogram, a line or sparklines",
    help: "Charts the last result, or the query the line ends with (SELECT … \\chart, as psql's \\g).\nThe first text column labels the bars, the numeric columns are the series; with no text\ncolumn, the first of several numeric columns labels them (select year, count(*) …).\n\n  hbar             horizontal bars, value at the end (the default)\n  bar              vertical columns, one small chart per series\n  hist [COL] [N]   histogram of one numeric column in N equal bins\n  line             a line over the rows, in order\n  spark            one sparkline per series\n\nOptions: --label COL, --value COL (repeatable), --top N (most labels, default 30),\n--width N (default: the terminal's, 80 in a pipe), --ascii (also: setting chart_style).\nNULL values are skipped and counted under the chart; several series get colours on a\nterminal and letters without colour; in a .md file (\\o notes.md) the chart is fenced.\n\nExamples:\n  select year, count(*) from talk_overview group by year \\chart\n  select kind, count(*) as talks, avg(minutes) as minutes from talk_overview group by kind \\chart bar\n  select minutes from talk_overview \\chart hist minutes 12\n  \\chart spark --width 60",
    shows: &[],
    run: Handler::Asks(chart),
}];

/// What `\chart`'s words ask for.
#[derive(Debug, PartialEq)]
pub struct Parsed {
    request: Request,
    width: Option<usize>,
    top: Option<usize>,
    ascii: bool,
}

/// Horizontal bars of the `values` columns, labelled by `label`: the chart other commands draw
/// (`\\trend`).
pub(crate) fn bars(label: &str, values: Vec<String>) -> Parsed {
    let request = Request { kind: Kind::HBar, label: Some(label.to_string()), values, bins: None };
    Parsed { request, width: None, top: None, ascii: false }
}

pub(crate) fn parse(b: &Bound) -> Result<Parsed> {
    let named = chart::KINDS.iter().copied().find(|k| b.has(k));
    let kind = named.and_then(Kind::parse).unwrap_or(Kind::HBar);
    let mut values: Vec<String> = b.all("COLUMN").map(str::to_string).collect();
    for v in b.all("--value") {
        values.extend(v.split(',').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()));
    }
    Ok(Parsed {
        request: Request { kind, label: b.get("--label").map(str::to_string), values, bins: b.count("BINS") },
        width: b.count("--width"),
        top: b.count("--top"),
        ascii: b.has("--ascii"),
    })
}

/// Checks the words, then asks the input layer to run the query the line ends (if any) for its
/// rows; `draw_last` draws them.
fn chart(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    Ok(Effect::Chart(Box::new(parse(&inv.bound)?)))
}

/// Draws the last result as `parsed` asks.
pub(crate) fn draw_last(s: &mut Session, parsed: &Parsed) -> Result<()> {
    let Some(result) = s.last_result.as_ref() else {
        bail!(
            "nothing to chart yet: run a query first, or end one with \\chart (select kind, count(*) from talks group by kind \\chart)"
        );
    };
    let to_terminal = s.out.is_terminal();
    let markdown = s.settings.format == Format::Markdown
        || s.out
            .file_path()
            .and_then(|p| p.extension())
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    let look = Look {
        width: parsed.width.or(s.out.width().map(usize::from)).unwrap_or(80).max(20),
        ascii: parsed.ascii || s.settings.chart_ascii,
        palette: Palette::themed(s.settings.paints(to_terminal) && !markdown, s.settings.theme),
        markdown,
        top: parsed.top.unwrap_or(DEFAULT_TOP),
        null_marker: s.settings.null_marker.clone(),
    };
    let text = chart::draw(result, &parsed.request, &look).map_err(|e| anyhow::anyhow!(e))?;
    s.paged(|s| {
        s.out.write_all(text.as_bytes())?;
        Ok(s.out.flush()?)
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::command::chart::*;

    /// The words bound as the dispatcher binds them, then read.
    fn parsed(s: &str) -> Result<Parsed> {
        let words: Vec<String> = s.split_whitespace().map(str::to_string).collect();
        let usage = COMMANDS[0].usage();
        let b = crate::engine::command::arg_spec::bind(COMMANDS[0].args, &words, false)
            .map_err(|m| anyhow::anyhow!(m.message(&usage)))?;
        parse(&b)
    }

    #[test]
    fn kinds_options_and_columns_parse() {
        let p = parsed("bar --width 60 --top 5 --ascii --label kind --value talks,minutes").expect("parses");
        assert_eq!(p.request.kind, Kind::Bar);
        assert_eq!((p.width, p.top, p.ascii), (Some(60), Some(5), true));
        assert_eq!(p.request.label.as_deref(), Some("kind"));
        assert_eq!(p.request.values, ["talks", "minutes"]);
        let p = parsed("hist minutes 12").expect("parses");
        assert_eq!((p.request.values.clone(), p.request.bins), (vec!["minutes".to_string()], Some(12)));
        assert_eq!(parsed("--width=40").expect("parses").width, Some(40));
        assert_eq!(parsed("").expect("parses").request.kind, Kind::HBar);
    }

    #[test]
    fn chart_and_facet_commands_declare_help() {
        let mine =
            [COMMANDS, crate::engine::command::facets_command::COMMANDS, crate::engine::command::summarize::COMMANDS];
        for c in mine.into_iter().flatten() {
            assert!(!c.summary.is_empty() && c.help.contains("Example"), "{} lacks an example", c.name);
        }
    }

    #[test]
    fn bad_words_get_one_line_each() {
        let err = |s: &str| parsed(s).expect_err(s).to_string();
        let usage = COMMANDS[0].usage();
        assert_eq!(err("pie"), format!("'pie' is none of: hbar, bar, line, spark, hist; {usage}"));
        assert_eq!(err("bar --width 5"), "--width must be a whole number from 20 to 1000, not '5'");
        assert_eq!(err("bar --width"), format!("--width needs a value; {usage}"));
        assert_eq!(err("bar --width x"), "--width must be a whole number from 20 to 1000, not 'x'");
        assert_eq!(err("hist minutes 0"), "BINS must be a whole number from 1 to 200, not '0'");
        assert_eq!(err("hist a b c"), "BINS must be a whole number from 1 to 200, not 'b'");
        assert_eq!(err("hist a 5 c"), format!("{usage} (extra argument: \"c\")"));
        assert_eq!(err("bar talks"), format!("{usage} (extra argument: \"talks\")"));
        assert_eq!(
            err("--colour"),
            "unknown option --colour (options: --label COL, --value COL, --top N, --width N, --ascii)"
        );
    }
}
