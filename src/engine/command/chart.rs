//! `\chart`: draws the last result (or the query the line ends, `SELECT … \chart`) as bars, a
//! histogram, a line or sparklines. Picking the data and the look happens here; drawing is
//! `crate::engine::chart`'s.

use std::io::Write;

use anyhow::{Result, bail};

use crate::engine::chart::{self, DEFAULT_TOP, Kind, Look, Request};
use crate::engine::command::{Arg, Command, Effect, Handler, Invocation, Offer};
use crate::engine::session::Session;
use crate::engine::settings::Format;
use crate::engine::style::Palette;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\chart",
    aliases: &[],
    args: &[
        Arg::Optional(&[Arg::Word(&["hbar", "bar", "hist", "line", "spark"])]),
        Arg::Optional(&[Arg::Words("OPTIONS", Offer::ChartOptions)]),
    ],
    summary: "draw the last result as bars, a histogram, a line or sparklines",
    help: "Charts the last result, or the query the line ends with (SELECT … \\chart, as psql's \\g).\nThe first text column labels the bars, the numeric columns are the series; with no text\ncolumn, the first of several numeric columns labels them (select year, count(*) …).\n\n  hbar             horizontal bars, value at the end (the default)\n  bar              vertical columns, one small chart per series\n  hist [COL] [N]   histogram of one numeric column in N equal bins\n  line             a line over the rows, in order\n  spark            one sparkline per series\n\nOptions: --label COL, --value COL (repeatable), --top N (most labels, default 30),\n--width N (default: the terminal's, 80 in a pipe), --ascii (also: setting chart_style).\nNULL values are skipped and counted under the chart; several series get colours on a\nterminal and letters without colour; in a .md file (\\o notes.md) the chart is fenced.\n\nExamples:\n  select year, count(*) from talk_overview group by year \\chart\n  select kind, count(*) as talks, avg(minutes) as minutes from talk_overview group by kind \\chart bar\n  select minutes from talk_overview \\chart hist minutes 12\n  \\chart spark --width 60",
    shows: &[],
    run: Handler::Asks(chart),
}];

/// Options of `\chart` other than the kind, for completion.
pub const OPTIONS: &[&str] = &["--label", "--value", "--top", "--width", "--ascii"];

/// What `\chart`'s words ask for.
#[derive(Debug, PartialEq)]
pub struct Parsed {
    request: Request,
    width: Option<usize>,
    top: Option<usize>,
    ascii: bool,
}

fn whole(option: &str, value: Option<&String>, min: usize, max: usize) -> Result<usize> {
    let Some(value) = value else { bail!("{option} needs a value: {option} N") };
    match value.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => bail!("{option} must be a whole number from {min} to {max}, not '{value}'"),
    }
}

pub(crate) fn parse(args: &[String]) -> Result<Parsed> {
    let mut words = args.iter().peekable();
    let kind = match words.peek() {
        Some(w) if !w.starts_with("--") => match Kind::parse(w) {
            Some(k) => {
                words.next();
                k
            }
            None => bail!("unknown chart kind '{w}' (expected one of: {})", chart::KINDS.join(", ")),
        },
        _ => Kind::HBar,
    };
    let mut p = Parsed {
        request: Request { kind, label: None, values: Vec::new(), bins: None },
        width: None,
        top: None,
        ascii: false,
    };
    let mut positional = Vec::new();
    while let Some(w) = words.next() {
        let (name, inline) = match w.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (w.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| words.next().cloned());
        match name {
            "--ascii" => p.ascii = true,
            "--width" => p.width = Some(whole("--width", value().as_ref(), 20, 1000)?),
            "--top" => p.top = Some(whole("--top", value().as_ref(), 1, 10_000)?),
            "--label" => p.request.label = Some(value().ok_or_else(|| anyhow::anyhow!("--label needs a column name"))?),
            "--value" => {
                let v = value().ok_or_else(|| anyhow::anyhow!("--value needs a column name"))?;
                p.request.values.extend(v.split(',').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()));
            }
            o if o.starts_with("--") => bail!("unknown option {o} (options: {})", OPTIONS.join(", ")),
            _ => positional.push(w.clone()),
        }
    }
    match (kind, positional.as_slice()) {
        (_, []) => {}
        (Kind::Hist, [col]) => p.request.values = vec![col.clone()],
        (Kind::Hist, [col, bins]) => {
            p.request.values = vec![col.clone()];
            p.request.bins = Some(whole("BINS", Some(bins), 1, chart::MAX_BINS)?);
        }
        (Kind::Hist, _) => bail!("usage: \\chart hist [COLUMN] [BINS]"),
        (_, [extra, ..]) => {
            bail!("unexpected '{extra}': name columns with --label COL and --value COL")
        }
    }
    Ok(p)
}

/// Checks the words, then asks the input layer to run the query the line ends (if any) for its
/// rows; `draw_last` draws them.
fn chart(_: &mut Session, inv: &Invocation) -> Result<Effect> {
    Ok(Effect::Chart(Box::new(parse(&inv.args)?)))
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

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn kinds_options_and_columns_parse() {
        let p = parse(&words("bar --width 60 --top 5 --ascii --label kind --value talks,minutes")).expect("parses");
        assert_eq!(p.request.kind, Kind::Bar);
        assert_eq!((p.width, p.top, p.ascii), (Some(60), Some(5), true));
        assert_eq!(p.request.label.as_deref(), Some("kind"));
        assert_eq!(p.request.values, ["talks", "minutes"]);
        let p = parse(&words("hist minutes 12")).expect("parses");
        assert_eq!((p.request.values.clone(), p.request.bins), (vec!["minutes".to_string()], Some(12)));
        assert_eq!(parse(&words("--width=40")).expect("parses").width, Some(40));
        assert_eq!(parse(&[]).expect("parses").request.kind, Kind::HBar);
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
        let err = |s: &str| parse(&words(s)).expect_err(s).to_string();
        assert_eq!(err("pie"), "unknown chart kind 'pie' (expected one of: hbar, bar, hist, line, spark)");
        assert_eq!(err("bar --width 5"), "--width must be a whole number from 20 to 1000, not '5'");
        assert_eq!(err("bar --width"), "--width needs a value: --width N");
        assert_eq!(err("hist minutes 0"), "BINS must be a whole number from 1 to 200, not '0'");
        assert_eq!(err("hist a b c"), "usage: \\chart hist [COLUMN] [BINS]");
        assert_eq!(err("bar talks"), "unexpected 'talks': name columns with --label COL and --value COL");
        assert_eq!(err("--colour"), "unknown option --colour (options: --label, --value, --top, --width, --ascii)");
    }
}
