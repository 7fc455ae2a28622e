//! Talk shortcuts, full-text search and favorites through the binary, over the bundled data.

use crate::util::{Env, table_rows};

#[test]
fn talks_of_a_year_and_kind() {
    let env = Env::new();
    let out = env.sql("\\talks pycon-us-2017 --kind=keynote").ok().to_string();
    let rows = table_rows(&out);
    assert!(rows.len() >= 2, "{out}");
    assert!(rows.iter().all(|r| r[2] == "keynote" && r[3] == "2017"), "{out}");
    let mut ids: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    ids.sort_by_key(|id| id.parse::<i64>().expect("id"));
    let expected = env.sql("select id from talks where event_id = 3 and kind = 'keynote' order by id;");
    assert_eq!(table_rows(expected.ok()).concat(), ids);
    // The same edition by its whole name, or by series and year, and --kind …
    let by_name = env.sql("\\talks 'PyCon US 2017' --kind KEYNOTE").ok().to_string();
    assert_eq!(table_rows(&by_name), rows);
    let by_series = env.sql("\\talks 'pycon us' 2017 --kind keynote").ok().to_string();
    assert_eq!(table_rows(&by_series), rows);
    // Unquoted, in any order, the option anywhere: the words are the name and the year.
    for line in [
        "\\talks PyCon US 2017 --kind keynote",
        "\\talks 2017 PyCon US --kind keynote",
        "\\talks --kind keynote 2017 PyCon US",
    ] {
        assert_eq!(table_rows(env.sql(line).ok()), rows, "{line}");
    }
    // A bare year names every event of that year.
    let year = env.sql("\\talks 2017 --kind keynote").ok().to_string();
    let year = table_rows(&year);
    assert!(year.iter().all(|r| r[2] == "keynote" && r[3] == "2017"), "{out}");
    assert!(rows.iter().all(|r| year.contains(r)), "{out}");
    let all =
        "select count(*) from talks t join events e on e.id = t.event_id where e.year = 2017 and t.kind = 'keynote';";
    assert_eq!(year.len().to_string(), table_rows(env.sql(all).ok())[0][0]);
}

#[test]
fn talks_without_arguments_covers_every_edition() {
    let env = Env::new();
    // Tab-separated: some titles hold ` | `, which a table cell cannot tell apart.
    let out = env.sql(".mode tabs\n\\talks").ok().to_string();
    let rows: Vec<Vec<&str>> = out.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 6), "{out}");
    let years: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[3]).collect();
    let expected =
        env.sql(".mode tabs\nselect distinct e.year from talks t join events e on e.id = t.event_id order by 1;");
    assert_eq!(years.into_iter().collect::<Vec<_>>(), expected.ok().lines().skip(1).collect::<Vec<_>>());
    let all = table_rows(env.sql("select count(*) from talks;").ok())[0][0].clone();
    assert_eq!(rows.len().to_string(), all);
}

#[test]
fn talks_errors() {
    let env = Env::new();
    let err = env.sql("\\talks 1999").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: no event matches '1999' (see \\events)");
    let err = env.sql("\\talks 2016 --kind workshop").fails(1).to_string();
    assert_eq!(
        err.trim_end(),
        "error: line 1: unknown kind 'workshop' (expected one of: keynote, talk, tutorial, lightning, other)"
    );
    let err = env.sql("\\talks 2016 2017").fails(1).to_string();
    assert!(err.contains("name one event or series and at most one year"), "{err}");
    let err = env.sql("\\talks 2016 --bogus").fails(1).to_string();
    assert!(err.contains("unknown option --bogus (options: --kind KIND)"), "{err}");
}

#[test]
fn talks_plus_prints_the_sql_with_its_parameters() {
    let env = Env::new();
    let out = env.sql("\\talks+ pycon-us-2014 --kind tutorial").ok().to_string();
    assert!(
        out.starts_with(
            "SELECT o.id, o.title, o.kind, o.year, o.speakers, o.minutes\nFROM events e\nCROSS JOIN talks t"
        ),
        "{out}"
    );
    // ?1: the events the words name (PyCon US 2014 is event 1).
    assert!(out.contains("-- ?1 = '[1]'\n-- ?2 = 'tutorial'\n"), "{out}");
    assert!(table_rows(&out).iter().all(|r| r[2] == "tutorial"), "{out}");
    // A year names every event of that year.
    let out = env.sql("\\talks+ 2014").ok().to_string();
    let ids = env.sql("select json_group_array(id) from (select id from events where year = 2014 order by id);");
    assert!(out.contains(&format!("-- ?1 = '{}'\n-- ?2 = NULL\n", table_rows(ids.ok())[0][0])), "{out}");
    // `+` only exists for commands that show SQL.
    let err = env.sql("\\dt+").fails(1).to_string();
    assert!(err.contains("unknown command \\dt+"), "{err}");
}

#[test]
fn talk_card_shows_both_writeups_takeaways() {
    let env = Env::new();
    let out = env.sql("\\talk 283").ok().to_string();
    assert!(out.starts_with("Grok the GIL: Write Fast And Thread-Safe Python\n"), "{out}");
    assert!(out.contains("speakers   A. Jesse Jiryu Davis"), "{out}");
    assert!(out.contains("event      PyCon US 2017, 2017-05-19"), "{out}");
    assert!(out.contains("video      https://www.youtube.com/"), "{out}");
    assert!(out.contains("duration   42 min"), "{out}");
    assert!(out.contains("[2] Lessons from Pycon 2017 (2017-05-22)"), "{out}");
    assert!(out.contains("[5] Notes from Pycon 2017"), "{out}");
    // Both takeaways, word for word as stored.
    let takeaways = env.sql("select takeaway from mentions where talk_id = 283 order by writeup_id;").ok().to_string();
    let takeaways = table_rows(&takeaways);
    assert_eq!(takeaways.len(), 2);
    for t in takeaways {
        assert!(out.contains(&t[0]), "missing takeaway {:?} in\n{out}", t[0]);
    }
}

#[test]
fn talk_by_title_and_its_errors() {
    let env = Env::new();
    let out = env.sql("\\talk grok the gil").ok().to_string();
    assert!(out.starts_with("Grok the GIL"), "{out}");
    let out = env.sql("\\talk machete-mode").ok().to_string();
    assert!(out.contains("Ned Batchelder") && out.contains("[4] PyCon 2016: There and Back Again"), "{out}");
    let err = env.sql("\\talk python").fails(1).to_string();
    assert!(err.starts_with("error: line 1: ") && err.contains(" talks match 'python': "), "{err}");
    assert!(err.contains("give the id"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let err = env.sql("\\talk 999999").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: no talk with id 999999");
    let err = env.sql("\\talk zzzqqq").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: no talk title contains 'zzzqqq' (try \\search zzzqqq)");
    let err = env.sql("\\talk").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: usage: \\talk ID|TITLE|#N");
}

#[test]
fn talk_plus_shows_both_queries() {
    let env = Env::new();
    let out = env.sql("\\talk+ 283").ok().to_string();
    let card = out.find("FROM talk_overview o").expect("card sql");
    let takeaways = out.find("FROM mentions m").expect("takeaway sql");
    let title = out.find("Grok the GIL").expect("card");
    assert!(card < takeaways && takeaways < title, "{out}");
    assert_eq!(out.matches("-- ?1 = 283").count(), 2, "{out}");
}

#[test]
fn speaker_is_partial_and_case_insensitive() {
    let env = Env::new();
    let out = env.sql("\\speaker batchelder").ok().to_string();
    let rows = table_rows(&out);
    assert!(
        rows.contains(&vec![
            "Ned Batchelder".into(),
            "2016".into(),
            "243".into(),
            "Machete-mode debugging: Hacking your way out of a tight spot".into(),
            "talk".into()
        ]),
        "{out}"
    );
    assert!(rows.iter().all(|r| r[0] == "Ned Batchelder"), "{out}");
}

#[test]
fn speaker_ignores_accents_both_ways() {
    let env = Env::new();
    let out = env.sql("\\speaker lukasz").ok().to_string();
    let rows = table_rows(&out);
    assert!(rows.iter().all(|r| r[0].starts_with("Łukasz ") || r[0].starts_with("Lukasz ")), "{out}");
    assert!(out.contains("Łukasz Langa") && out.contains("Lukasz Kakol"), "{out}");
    let out = env.sql("\\speaker łukasz").ok().to_string();
    assert_eq!(table_rows(&out), rows);
    let out = env.sql("\\speaker PEREZ").ok().to_string();
    assert!(out.contains("Fernando Pérez") && out.contains("Guillermo Pérez"), "{out}");
    let out = env.sql("\\speaker 'jérôme'").ok().to_string();
    assert!(out.contains("Jérôme Petazzoni"), "{out}");
    let err = env.sql("\\speaker nobody-at-all").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: no speaker's name contains 'nobody-at-all'");
}

#[test]
fn search_ranks_and_highlights() {
    let env = Env::new();
    let out = env.sql("\\search gil").ok().to_string();
    let rows = table_rows(&out);
    let grok = rows.iter().find(|r| r[1].starts_with("Grok the GIL")).expect("Grok the GIL found");
    assert_eq!(grok[0], "283");
    assert!(rows.iter().all(|r| r[3].to_lowercase().contains("[gil]")), "every snippet marks the match: {out}");
    assert!(!out.contains('\x1b'), "no escapes when colour is off");
}

#[test]
fn search_phrases_prefixes_and_columns() {
    let env = Env::new();
    let out = env.sql("\\search \"grok the gil\"").ok().to_string();
    let rows = table_rows(&out);
    assert_eq!(rows.len(), 1, "{out}");
    assert_eq!(rows[0][3], "[Grok the GIL]: Write Fast And Thread-Safe Python");
    let out = env.sql("\\search dict*").ok().to_string();
    assert!(out.contains("[Dictionaries]") && out.contains("[dictionary]"), "{out}");
    let out = env.sql("\\search speakers:batchelder").ok().to_string();
    assert!(out.contains("Machete-mode") && out.contains("[Batchelder]"), "{out}");
}

#[test]
fn a_malformed_search_is_one_clear_error() {
    let env = Env::new();
    // Text FTS5 refuses is searched for as its words: an unbalanced quote, an unknown column.
    let out = env.sql("\\search \"grok the").ok().to_string();
    assert!(out.contains("[Grok] [the] GIL"), "{out}");
    let out = env.sql("\\search lukasz").ok().to_string();
    assert!(out.contains("Łukasz Langa"), "accents are folded both ways: {out}");
    let out = env.sql("\\search nocolumn:x").ok().to_string();
    assert!(out.ends_with("0 matches\n"), "{out}");
    let run = env.sql("\\search *");
    assert_eq!(
        run.fails(1).trim_end(),
        "error: line 1: bad search query: nothing to search for; search words, \"a phrase\", prefix*, AND/OR/NOT, or column:word"
    );
    assert!(run.stdout.is_empty(), "nothing drawn before the error: {}", run.stdout);
    env.sql("\\search").fails(1);
}

#[test]
fn tags_and_tag() {
    let env = Env::new();
    let out = env.sql("\\tags").ok().to_string();
    let rows = table_rows(&out);
    assert!(!rows.is_empty(), "{out}");
    let counts: Vec<i64> = rows.iter().map(|r| r[1].parse().expect("count")).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most used first: {out}");
    let (name, count) = (&rows[0][0], counts[0]);
    let out = env.sql(&format!("\\tag '{}'", name.to_uppercase())).ok().to_string();
    assert_eq!(table_rows(&out).len() as i64, count, "{out}");
    let err = env.sql("\\tag no-such-tag-here").fails(1).to_string();
    assert!(err.starts_with("error: line 1: no tag named 'no-such-tag-here'"), "{err}");
    // A near miss gets a suggestion.
    let typo = format!("{}x", name.to_lowercase());
    let err = env.sql(&format!("\\tag '{typo}'")).fails(1).to_string();
    assert!(err.contains(&format!("did you mean {name}?")), "{err}");
}

#[test]
fn events_and_writeups() {
    let env = Env::new();
    let out = env.sql("\\events").ok().to_string();
    let rows = table_rows(&out);
    let events = table_rows(env.sql("select count(*) from events;").ok())[0][0].clone();
    assert_eq!(rows.len().to_string(), events, "{out}");
    let pycon = rows.iter().find(|r| r[0] == "2").expect("event 2");
    assert_eq!(pycon[..5], ["2", "PyCon US 2016", "PyCon US", "2016", "Portland"]);
    let total: i64 = rows.iter().map(|r| r[7].parse::<i64>().expect("count")).sum();
    let all = table_rows(env.sql("select count(*) from talks;").ok())[0][0].clone();
    assert_eq!(total.to_string(), all);

    let out = env.sql("\\writeups").ok().to_string();
    let rows = table_rows(&out);
    assert_eq!(rows.len(), 5, "{out}");
    assert_eq!(rows[0][..3], ["1", "PyCon US 2017 Wrapup", "Dustin J. Mitchell"]);
}

#[test]
fn writeup_lists_the_talks_it_covers() {
    let env = Env::new();
    let out = env.sql("\\writeup 2").ok().to_string();
    assert!(out.starts_with("Lessons from Pycon 2017 (2017-05-22)\n"), "{out}");
    let rows = table_rows(&out);
    assert!(rows.iter().any(|r| r[0] == "283" && r[3].contains("GIL")), "{out}");
    let expected = table_rows(env.sql("select count(*) from mentions where writeup_id = 2;").ok());
    assert_eq!(rows.len().to_string(), expected[0][0]);
    assert_eq!(env.sql("\\writeup 99").fails(1).trim_end(), "error: line 1: no write-up with id 99 (see \\writeups)");
    let err = env.sql("\\writeup two").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: write-up id must be a number, not 'two'");
}

#[test]
fn random_shows_a_card_from_the_year_asked() {
    let env = Env::new();
    for _ in 0..3 {
        let out = env.sql("\\random 2014").ok().to_string();
        let id = out.lines().find_map(|l| l.strip_prefix("  id         ")).expect("id line");
        let year =
            env.sql(&format!("select e.year from talks t join events e on e.id = t.event_id where t.id = {id};"));
        assert_eq!(table_rows(year.ok()), [["2014"]], "{out}");
    }
    let err = env.sql("\\random 1999").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: no talks from 1999");
}

#[test]
fn favorites_are_added_listed_and_removed() {
    let env = Env::new();
    // What \fav did is reported on stderr; stdout carries only the \favs table.
    let run = env.run(&[], "\\fav 283\n\\fav 243\n\\fav 283\n\\favs\n");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let said = &run.stderr;
    assert!(said.contains("added 283 Grok the GIL: Write Fast And Thread-Safe Python to your favorites"), "{said}");
    assert!(said.contains("283 Grok the GIL: Write Fast And Thread-Safe Python is already a favorite"), "{said}");
    let out = run.stdout.clone();
    assert!(!out.contains("favorite"), "{out}");
    let mut ids: Vec<String> = table_rows(&out).into_iter().map(|r| r[0].clone()).collect();
    ids.sort();
    assert_eq!(ids, ["243", "283"]);
    // Kept in the database, across runs.
    let out = env.sql("select talk_id from favorites order by talk_id;").ok().to_string();
    assert_eq!(table_rows(&out), [["243"], ["283"]]);
    let run = env.sql("\\unfav 283");
    assert_eq!((run.code, run.stdout.as_str()), (Some(0), ""), "{}", run.stderr);
    assert!(run.stderr.contains("removed 283 Grok the GIL"), "{}", run.stderr);
    let out = env.sql("\\favs").ok().to_string();
    assert_eq!(table_rows(&out).len(), 1);
    assert_eq!(table_rows(&out)[0][0], "243");
}

#[test]
fn favorites_errors() {
    let env = Env::new();
    assert_eq!(env.sql("\\fav 999999").fails(1).trim_end(), "error: line 1: no talk with id 999999");
    assert_eq!(env.sql("\\unfav 283").fails(1).trim_end(), "error: line 1: talk 283 is not a favorite");
    assert_eq!(
        env.sql("\\fav abc").fails(1).trim_end(),
        "error: line 1: talk id must be a number or a row handle (#3), not 'abc'"
    );
    let out = env.sql("select count(*) from favorites;").ok().to_string();
    assert_eq!(table_rows(&out), [["0"]]);
}

#[test]
fn shortcuts_on_another_database_say_what_is_missing() {
    let env = Env::new();
    let db = env.path("plain.db");
    let db = db.to_str().expect("utf8");
    let err = env.run(&["--db", db, "-e", "\\fav 1"], "").fails(1).to_string();
    assert_eq!(
        err.trim_end(),
        "error: line 1: this database has no favorites table (needed by \\fav); open the bundled talk database, without --db"
    );
    for cmd in ["\\talk 1", "\\search gil", "\\speaker ned", "\\tags", "\\events"] {
        let err = env.run(&["--db", db, "-e", cmd], "").fails(1).to_string();
        assert!(err.contains("this database has no ") && err.lines().count() == 1, "{cmd}: {err}");
    }
}

/// `\search` failed on natural text (`it's`, `c++`, `-gil`, `gil AND`) with FTS5 syntax errors,
/// even though the `\talk` not-found error suggests `\search TEXT`.
#[test]
fn search_takes_natural_text_word_by_word() {
    let env = Env::new();
    let ids = |query: &str| -> Vec<String> {
        let run = env.sql(query);
        table_rows(run.ok()).into_iter().map(|r| r[0].clone()).collect()
    };
    let gil = ids("\\search gil");
    assert!(gil.contains(&"283".to_string()), "{gil:?}");
    assert_eq!(ids("\\search -gil"), gil);
    assert!(ids("\\search gil AND").contains(&"283".to_string()));
    let out = env.sql("\\search it's").ok().to_string();
    assert!(!table_rows(&out).is_empty() && out.to_lowercase().contains("[it's]"), "{out}");
    let out = env.sql("\\search c++").ok().to_string();
    assert!(!table_rows(&out).is_empty() && out.contains("[C]"), "{out}");
    // A trailing * stays a prefix search in the word-by-word form.
    let dict = ids("\\search dict*");
    assert!(dict.len() > 1, "{dict:?}");
    assert_eq!(ids("\\search -dict*"), dict);
    // What \talk suggests now works.
    let err = env.sql("\\talk c++ zzzqqq").fails(1).to_string();
    assert!(err.contains("try \\search c++ zzzqqq"), "{err}");
    env.sql("\\search c++ zzzqqq").ok();
}

/// `\tag lightning talks` was a usage error unless quoted, while `\speaker` and `\talk` take
/// several words.
#[test]
fn tag_takes_the_rest_of_the_line() {
    let env = Env::new();
    let quoted = env.sql("\\tag 'lightning talks'").ok().to_string();
    assert!(!table_rows(&quoted).is_empty(), "{quoted}");
    assert_eq!(env.sql("\\tag lightning talks").ok(), quoted);
    assert_eq!(env.sql("\\tag  Lightning   Talks ").ok(), quoted);
    let err = env.sql("\\tag lightning walks").fails(1).to_string();
    assert_eq!(err.trim_end(), "error: line 1: no tag named 'lightning walks' — did you mean lightning talks?");
    assert_eq!(env.sql("\\tag").fails(1).trim_end(), "error: line 1: usage: \\tag NAME");
}

/// Every example in the help of the read-only shortcuts runs on the bundled data: help that shows
/// a failing command (`\tag python`, a tag the data lacks) teaches the wrong thing.
#[test]
fn help_examples_of_the_shortcuts_run_on_the_bundled_data() {
    let env = Env::new();
    let names = [
        "\\talks",
        "\\talk",
        "\\speaker",
        "\\search",
        "\\tags",
        "\\tag",
        "\\events",
        "\\writeups",
        "\\writeup",
        "\\random",
        "\\h",
        "\\d",
        "\\dt",
        "\\dv",
        "\\di",
        ".schema",
    ];
    for name in names {
        talkcli::install_packs();
        let cmd = talkcli::find_command(name).unwrap_or_else(|| panic!("{name} is not in the registry"));
        let examples: Vec<&str> = cmd
            .help
            .lines()
            .skip_while(|l| !l.starts_with("Example"))
            .skip(1)
            .map(|l| l.trim())
            .filter(|l| l.starts_with('\\') || l.starts_with('.'))
            .map(|l| l.split("  ").next().unwrap_or(l).trim())
            .collect();
        assert!(!examples.is_empty(), "{name} has no examples in its help");
        for example in examples {
            // A row handle (`\\talk #3`) names a row of the result before it.
            let script = if example.contains(" #") { format!("\\talks 2016\n{example}") } else { example.to_string() };
            let run = env.sql(&script);
            assert_eq!(run.code, Some(0), "example `{example}` of {name} failed: {}", run.stderr);
            assert!(!run.stdout.trim().is_empty(), "example `{example}` of {name} printed nothing");
        }
    }
}

/// `\search` showed 50 rows with no way to see the rest: `--limit` and `--page` walk every match,
/// the line under the table counts them all and says which page, and `\facets` after a later page
/// still counts every match.
#[test]
fn search_pages_through_every_match() {
    let env = Env::new();
    let ids = |out: &str| -> Vec<String> { table_rows(out).into_iter().map(|r| r[0].clone()).collect() };
    let total: usize = env
        .run(&["-csv", "-noheader"], "select count(*) from talk_search where talk_search match 'python';")
        .ok()
        .trim()
        .parse()
        .expect("a count");
    assert!(total > 1000, "{total}");
    let grouped = |n: usize| {
        let d = n.to_string();
        d.chars()
            .enumerate()
            .flat_map(|(i, c)| (i > 0 && (d.len() - i).is_multiple_of(3)).then_some(',').into_iter().chain([c]))
            .collect::<String>()
    };
    let first = env.sql("\\search python").ok().to_string();
    let pages = total.div_ceil(50);
    assert!(
        first.ends_with(&format!(
            "50 of {} matches, best first (page 1 of {pages}; --page 2 for more)\n",
            grouped(total)
        )),
        "{first}"
    );
    // Two pages of 20 are the first 40 of one page of 40, in the same order.
    let forty = ids(env.sql("\\search python --limit 40").ok());
    let one = ids(env.sql("\\search python --limit 20").ok());
    let two = env.sql("\\search --page=2 python --limit 20").ok().to_string();
    assert_eq!(forty.len(), 40);
    assert_eq!([one, ids(&two)].concat(), forty);
    assert!(
        two.ends_with(&format!(
            "21–40 of {} matches, best first (page 2 of {}; --page 3 for more)\n",
            grouped(total),
            total.div_ceil(20)
        )),
        "{two}"
    );
    // The last page holds what is left and offers no next.
    let last = env.sql(&format!("\\search python --page {pages}")).ok().to_string();
    assert_eq!(ids(&last).len(), total - (pages - 1) * 50);
    assert!(
        last.ends_with(&format!("of {} matches, best first (page {pages} of {pages})\n", grouped(total))),
        "{last}"
    );
    // \facets after a later page counts every match.
    let facets = env.run(&["-e", "\\search python --page 3", "-e", "\\facets kind"], "").ok().to_string();
    assert!(facets.contains(&format!("kind (all {total} matches of the search)")), "{facets}");
    // A few matches on one page: the count alone.
    let few = env.sql("\\search \"grok the gil\"").ok().to_string();
    let n = ids(&few).len();
    assert!(few.ends_with(&format!("{n} {}\n", if n == 1 { "match" } else { "matches" })), "{few}");
}

#[test]
fn search_paging_errors_are_one_line() {
    let env = Env::new();
    let cases = [
        ("\\search python --limit 0", "--limit must be a whole number from 1 to 1000, not '0'"),
        ("\\search python --limit -3", "--limit must be a whole number from 1 to 1000, not '-3'"),
        ("\\search python --limit 5000", "--limit must be a whole number from 1 to 1000, not '5000'"),
        ("\\search python --limit ten", "--limit must be a whole number from 1 to 1000, not 'ten'"),
        ("\\search python --page 0", "--page must be a whole number 1 or more, not '0'"),
        (
            "\\search python --page 99999999999999999999",
            "--page must be a whole number 1 or more, not '99999999999999999999'",
        ),
        ("\\search python --page", "--page needs a number (\\search WORDS --page 2)"),
        ("\\search zzqqxv --page 2", "no talk matches zzqqxv"),
        ("\\search --limit 5", "usage: \\search WORDS [--limit N] [--page N]"),
    ];
    for (cmd, want) in cases {
        let run = env.sql(cmd);
        assert_eq!(run.fails(1).trim_end(), format!("error: line 1: {want}"), "{cmd}");
        assert!(run.stdout.is_empty(), "{cmd}: {}", run.stdout);
    }
    let run = env.sql("\\search \"grok the gil\" --page 9");
    let err = run.fails(1).trim_end().to_string();
    assert!(err.starts_with("error: line 1: page 9 is past the end: ") && err.ends_with(" of 50"), "{err}");
    let err = env.sql("\\search gil --top 3").fails(1).to_string();
    assert!(err.starts_with("error: line 1: \\search has no option --top"), "{err}");
    // Inside a phrase the option is a word: searched, not taken.
    env.sql("\\search \"python --page 2\"").ok();
}
