//! `\chart`, `\facets`, `\summarize`, `\open` and terminal hyperlinks, through the real binary:
//! in pipes (80 columns, no links) and in a pseudo-terminal (its width, links when asked).

use crate::util::{Env, Pty};

/// Rows of a CSV result without its header, each split on commas (values here hold none).
fn csv_rows(env: &Env, sql: &str) -> Vec<Vec<String>> {
    let out = env.run(&["--format", "csv", "-e", sql], "");
    out.ok().lines().skip(1).map(|l| l.split(',').map(str::to_string).collect()).collect()
}

fn width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn sql_ending_in_chart_draws_bars_80_wide_in_a_pipe() {
    let env = Env::new();
    let counts = csv_rows(&env, "select year, count(*) from talk_overview group by year order by year");
    let out = env.sql("select year, count(*) as talks from talk_overview group by year order by year \\chart");
    let text = out.ok();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "talks by year", "{text}");
    assert_eq!(lines.len(), counts.len() + 1, "{text}");
    for (line, row) in lines[1..].iter().zip(&counts) {
        let bar = line.strip_prefix(&format!("{}  ", row[0])).expect("the year labels the bar");
        let bar = bar.strip_suffix(&format!(" {}", row[1])).expect("the count ends the bar");
        // A small count draws an eighth-block or nothing; every bar is made of blocks only.
        assert!(bar.chars().all(|c| "█▉▊▋▌▍▎▏".contains(c)), "{line}");
    }
    // The longest bar fills the 80 columns a pipe gets.
    assert_eq!(lines.iter().map(|l| width(l)).max(), Some(80), "{text}");
    assert!(!text.contains("year,"), "the rows themselves are not printed: {text}");
}

#[test]
fn the_last_result_charts_in_ascii_at_a_given_width() {
    let env = Env::new();
    let script = "select kind, count(*) as n from talks group by kind order by kind;\n\\chart bar --ascii --width 60\n\\chart spark\n";
    let out = env.run(&[], script);
    let text = out.ok();
    let chart: Vec<&str> = text.lines().skip_while(|l| !l.starts_with("n by kind")).collect();
    assert!(!chart.is_empty(), "{text}");
    let bar_part: Vec<&&str> = chart.iter().take_while(|l| !l.starts_with("n  ")).collect();
    assert!(bar_part.iter().all(|l| l.is_ascii() && width(l) <= 60), "{text}");
    assert!(bar_part.iter().any(|l| l.contains('#')), "{text}");
    assert!(text.contains("keynote  lightning") || text.contains("keynote"), "labels under the columns: {text}");
    assert!(chart.iter().any(|l| l.starts_with("n  ") && l.contains("min ") && l.contains("max ")), "{text}");
}

#[test]
fn bad_chart_input_gets_one_line_each() {
    let env = Env::new();
    let cases = [
        ("\\chart", "nothing to chart yet: run a query first"),
        ("select title from talks limit 3 \\chart", "nothing to chart: no numeric column in the last result (title)"),
        ("select 1 as n \\chart pie", "'pie' is none of: hbar, bar, line, spark, hist; usage: \\chart"),
        ("select 1 as n \\chart hist title", "no column title in the last result (columns: n)"),
        ("select 1 as n where 0 \\chart", "the last result has no rows to chart"),
        ("create table t(x) \\chart", "\\chart needs a query that returns rows"),
    ];
    for (input, want) in cases {
        let out = env.sql(input);
        let err = out.fails(1);
        assert_eq!(err.lines().count(), 1, "{input}: {err}");
        assert!(err.contains(want), "{input}: {err}");
    }
    // NULLs are skipped and counted, negatives drawn left of zero.
    let out = env.sql("select 'a' as l, 5 as v union all select 'b', -3 union all select 'c', null \\chart");
    let text = out.ok();
    assert!(text.contains("│ -3") && text.contains("1 NULL value skipped"), "{text}");
    // Thousands of labels: the top 30, and how many more.
    let out = env.sql(
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000) select 'x' || i as l, i as v from n \\chart",
    );
    let text = out.ok();
    assert!(text.lines().nth(1).is_some_and(|l| l.starts_with("x3000 ")), "{text}");
    assert!(text.contains("top 30 labels by v shown, and 2970 more (--top N shows more)"), "{text}");
}

#[test]
fn a_chart_in_a_markdown_file_is_fenced() {
    let env = Env::new();
    let script = "\\o chart.md\nselect year, count(*) as talks from talk_overview group by year \\chart\n\\o\n";
    env.run(&[], script).ok();
    let md = std::fs::read_to_string(env.path("chart.md")).expect("chart.md");
    assert!(md.starts_with("```text\ntalks by year\n") && md.ends_with("```\n"), "{md}");
    assert!(!md.contains('\x1b'));
}

#[test]
fn facets_count_each_listed_speaker_and_tag() {
    let env = Env::new();
    let out = env.sql("\\facets talk_overview speakers tags --top 4");
    let text = out.ok();
    let mut checked = 0;
    for line in text.lines().filter(|l| l.starts_with("  ") && !l.trim_start().starts_with('…')) {
        // "  NAME  ███ COUNT  SHARE%"
        let name = line.trim_start().split("  ").next().expect("name").to_string();
        let count: String = line.split_whitespace().rev().nth(1).expect("count").to_string();
        let expected = csv_rows(
            &env,
            &format!(
                "select (select count(*) from talk_speakers ts join speakers s on s.id = ts.speaker_id where s.name = '{n}')
                      + (select count(*) from talk_tags tt join tags g on g.id = tt.tag_id where g.name = '{n}') as n",
                n = name.replace('\'', "''")
            ),
        );
        assert_eq!(expected[0][0], count, "{name}: {line}");
        checked += 1;
    }
    assert_eq!(checked, 8, "four speakers and four tags: {text}");
    assert!(text.contains("each comma-separated value counted"), "{text}");
}

#[test]
fn facets_of_a_search_count_its_talks() {
    let env = Env::new();
    let script = "\\search python\n\\facets year kind\n";
    let text = env.run(&[], script).ok().to_string();
    let facets = &text[text.find("year (all ").expect("year facet")..];
    // Every match is counted, not only the 50 the page shows.
    let by_kind = csv_rows(
        &env,
        "select o.kind, count(*) from talk_overview o where o.id in
           (select rowid from talk_search where talk_search match 'python')
         group by o.kind order by 2 desc, 1",
    );
    let total = csv_rows(&env, "select count(*) from talk_search where talk_search match 'python'");
    for row in &by_kind {
        assert!(
            facets
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{} ", row[0])) && l.contains(&format!(" {}  ", row[1]))),
            "{} {} not in {facets}",
            row[0],
            row[1]
        );
    }
    assert!(facets.contains(&format!("kind (all {} matches of the search)", total[0][0])), "{facets}");
    // The footer groups thousands, as row counts do.
    let digits = &total[0][0];
    let grouped: String = digits
        .chars()
        .enumerate()
        .flat_map(|(i, c)| (i > 0 && (digits.len() - i).is_multiple_of(3)).then_some(',').into_iter().chain([c]))
        .collect();
    assert!(text.contains(&format!("50 of {grouped} matches, best first")), "{text}");
}

#[test]
fn summarize_agrees_with_sql() {
    let env = Env::new();
    let rows = csv_rows(&env, "\\summarize talks");
    let duration = rows.iter().find(|r| r[0] == "duration").expect("duration row");
    // column_name, column_type, min, max, distinct_values, avg, q25, q50, q75, count, null_pct
    let n: usize = csv_rows(&env, "select count(duration) from talks")[0][0].parse().expect("n");
    let at = |p: f64| {
        let k = (p * (n - 1) as f64).floor() as usize;
        csv_rows(
            &env,
            &format!("select duration from talks where duration is not null order by duration limit 1 offset {k}"),
        )[0][0]
            .clone()
    };
    let want = csv_rows(
        &env,
        "select min(duration), max(duration), count(distinct duration), round(avg(duration), 2), count(*),
                round(100.0 * (count(*) - count(duration)) / count(*), 1) from talks",
    );
    let w = &want[0];
    assert_eq!(duration[1], "INTEGER");
    assert_eq!(&duration[2..6], &w[0..4], "min, max, distinct, avg");
    assert_eq!(&duration[6..9], &[at(0.25), at(0.5), at(0.75)], "quartiles");
    assert_eq!(&duration[9..11], &w[4..6], "count, null %");
    let title = rows.iter().find(|r| r[0] == "title").expect("title row");
    assert_eq!(title[4], csv_rows(&env, "select count(distinct title) from talks")[0][0]);
    assert_eq!(title[5], "", "no average of text");
    let err = env.sql("\\summarize no_such_table").fails(1).to_string();
    assert!(err.contains("no table or view named no_such_table"), "{err}");
    let err = env.sql("\\summarize delete from talks").fails(1).to_string();
    assert!(err.contains("no table or view named delete from talks"), "{err}");
}

/// A fake browser on PATH that writes the link it was given to `opened` in HOME.
fn fake_browser(env: &Env) -> String {
    use std::os::unix::fs::PermissionsExt;
    let bin = env.path("bin");
    std::fs::create_dir_all(&bin).expect("bin dir");
    let script = bin.join("fakebrowser");
    std::fs::write(&script, format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", env.path("opened").display()))
        .expect("write script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default())
}

#[test]
fn open_hands_the_video_link_to_the_browser() {
    let env = Env::new();
    let path = fake_browser(&env);
    let url = csv_rows(&env, "select video_url from talks where id = 283")[0][0].clone();
    let out = env.run_env(&[("PATH", &path), ("BROWSER", "fakebrowser")], &["-e", "\\open 283"]);
    assert_eq!(out.ok(), format!("opening {url}\n"));
    let opened = env.path("opened");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !opened.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // The script may still be writing: wait for the whole link.
    while std::fs::read_to_string(&opened).unwrap_or_default() != url && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(std::fs::read_to_string(&opened).expect("the browser ran"), url);

    let no_slides = csv_rows(&env, "select id from talks where slides_url is null limit 1")[0][0].clone();
    let out =
        env.run_env(&[("PATH", &path), ("BROWSER", "fakebrowser")], &["-e", &format!("\\open {no_slides} slides")]);
    assert!(out.fails(1).contains(&format!("talk {no_slides} has no slides link")), "{}", out.stderr);
    let out = env.run_env(&[("PATH", "/nonexistent")], &["-e", "\\open 283"]);
    let err = out.fails(1);
    assert!(err.contains("no browser to open") && err.contains("set $BROWSER, or install xdg-open"), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert!(env.sql("\\open 999999").fails(1).contains("no talk with id 999999"));
}

const LINK: &str = "\x1b]8;;https://";

#[test]
fn pipes_never_get_hyperlinks() {
    let env = Env::new();
    std::fs::create_dir_all(env.path(".config/talkcli")).expect("config dir");
    std::fs::write(env.path(".config/talkcli/config.toml"), "hyperlinks = \"on\"\n").expect("config");
    let out = env.run_env(&[("TERM_PROGRAM", "WezTerm")], &["-e", "\\talk 283\n\\talks 2017\n\\search gil"]);
    assert!(!out.ok().contains('\x1b'), "{}", out.stdout);
}

#[test]
fn a_terminal_that_draws_links_gets_titles_linked_to_videos() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 160, 40, &[("TERM_PROGRAM", "WezTerm")], &[]);
    pty.line("\\talk 283");
    // The title, then the video field, each wrapped in a link to the video.
    pty.expect(LINK);
    pty.expect("\x1b\\Grok the GIL: Write Fast And Thread-Safe Python\x1b]8;;\x1b\\");
    pty.expect("video");
    pty.expect(LINK);
    pty.expect("talks> ");
    pty.line("\\search grok gil");
    pty.expect(LINK);
    pty.expect("\x1b\\Grok the GIL: Write Fast And Thread-Safe Python\x1b]8;;\x1b\\ |");
    pty.expect("talks> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn the_hyperlinks_setting_turns_links_off_and_on() {
    let env = Env::new();
    std::fs::create_dir_all(env.path(".config/talkcli")).expect("config dir");
    std::fs::write(env.path(".config/talkcli/config.toml"), "hyperlinks = \"off\"\n").expect("config");
    let mut pty = Pty::spawn_sized(&env, 120, 40, &[("TERM_PROGRAM", "WezTerm")], &[]);
    pty.line("\\talk 283");
    let seen = pty.expect("talks> ");
    assert!(!seen.contains("\x1b]8;"), "{seen:?}");
    pty.line("\\q");
    pty.wait_exit();

    // "on" draws links even where the terminal is not recognised; machine formats stay plain.
    std::fs::write(env.path(".config/talkcli/config.toml"), "hyperlinks = \"on\"\n").expect("config");
    let mut pty = Pty::spawn_sized(&env, 120, 40, &[], &[]);
    // One edition's keynotes: a page short enough that no pager starts at 40 rows.
    pty.line("\\talks \"PyCon US 2017\" --kind keynote");
    pty.expect(LINK);
    pty.expect("talks> ");
    pty.line("\\T csv");
    pty.expect("talks> ");
    pty.line("\\talks \"PyCon US 2017\" --kind keynote");
    let seen = pty.expect("talks> ");
    assert!(seen.contains("keynote") && !seen.contains("\x1b]8;"), "{seen:?}");
    pty.line("\\q");
    pty.wait_exit();
}

#[test]
fn charts_fit_the_terminal_and_complete_columns_of_the_last_result() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 60, 40, &[], &[]);
    let counts = csv_rows(&env, "select year, count(*) from talk_overview group by year order by 2 desc limit 1");
    pty.line("select year, count(*) as talks from talk_overview group by year \\chart --ascii");
    // 60 columns: 4 (year) + 2 + the largest bar + 1 + the count's digits.
    let bar = |cols: usize| "#".repeat(cols - 4 - 2 - 1 - counts[0][1].len());
    pty.expect(&format!("{}  {} {}", counts[0][0], bar(60), counts[0][1]));
    pty.expect("talks> ");
    pty.ready();
    // Tab completes a column of that result after --label.
    pty.send("\\chart hbar --ascii --label ye");
    pty.send("\t");
    pty.send(" --width 40\r");
    pty.expect(&format!("{}  {} {}", counts[0][0], bar(40), counts[0][1]));
    pty.expect("talks> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}

/// Every `$ talkcli -e "…"` capture in the how-to is what talkcli prints today (stdout, then
/// stderr) in a pipe.
#[test]
fn the_how_to_shows_real_output() {
    let env = Env::new();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/howto/look-at-the-catalogue.md");
    let doc = std::fs::read_to_string(path).expect("how-to");
    let mut checked = 0;
    for block in doc.split("```\n").skip(1).step_by(2) {
        let Some(rest) = block.strip_prefix("$ talkcli -e \"") else { continue };
        let (command, shown) = rest.split_once("\"\n").expect("a command line");
        // `true` stands in for the browser, so \open opens nothing.
        let out = env.run_env(&[("BROWSER", "true")], &["-e", command]);
        assert_eq!(format!("{}{}", out.stdout, out.stderr), shown, "{command}");
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} captures found");
}

#[test]
fn an_80_column_terminal_gets_coloured_bars_to_its_edge() {
    let env = Env::new();
    let mut pty = Pty::spawn_sized(&env, 80, 30, &[], &["--color", "always"]);
    let top = csv_rows(&env, "select year, count(*) from talk_overview group by year order by 2 desc limit 1");
    pty.line("select year, count(*) as talks from talk_overview group by year \\chart --ascii");
    // 80 = 4 (year) + 2 + the largest bar (painted) + 1 + the count's digits.
    let bar = "#".repeat(80 - 4 - 2 - 1 - top[0][1].len());
    pty.expect(&format!("{}  \x1b[36m{}\x1b[0m {}", top[0][0], bar, top[0][1]));
    pty.expect("talks> ");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
}
