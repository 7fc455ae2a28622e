//! The rules that turn pyvideo facts into catalogue values: session kinds, the talk's own slides,
//! dates and years. The bundled catalogue is generated with these very rules (`catalogue.rs`), so
//! re-importing its editions gives the same rows.

use crate::talks::person_names::{fold_spaces, is_placeholder_speaker};

/// A recorded session longer than this (seconds) that is not a keynote or lightning block is a tutorial.
pub(super) const TUTORIAL_MIN_SECONDS: i64 = 5400;

/// A `recorded` date this many days away from the middle of an event's dates is an upload date.
/// Conferences run about a week and a half with tutorials and sprints, so the middle date of the
/// files is at most about a week from either end.
pub(super) const UPLOAD_DATE_DAYS: i64 = 7;

/// Sessions the title/duration rules cannot classify, keyed by (event slug, file name). 2014's
/// files carry no durations and every `recorded` date is 04-11..13 (the tutorial days were 04-09/10),
/// so its three-hour tutorials are listed by file.
pub(super) const KIND_OVERRIDES: &[(&str, &str, &str)] = &[
    ("pycon-us-2016", "guido-van-rossum-python-language-pycon-2016", "keynote"),
    ("pycon-us-2016", "partial-harry-percival-python-bootcamp-pycon-2016", "tutorial"),
];
pub(super) const TUTORIALS_2014: &[&str] = &[
    "0-to-00111100-with-web2py",
    "bayesian-statistics-made-simple-0",
    "beyond-defaults-creating-polished-visualizations",
    "build-your-own-pidoorbell-learn-home-automatio",
    "contribute-with-me-getting-started-with-open-sou-0",
    "data-wrangling-for-kaggle-data-science-competitio",
    "descriptors-and-metaclasses-understanding-and-u",
    "distributed-task-processing-using-celery",
    "diving-deeper-into-machine-learning-with-scikit-l",
    "django-for-web-designers-and-front-end-developers",
    "dynamics-and-control-with-python",
    "exploring-machine-learning-with-scikit-learn",
    "faster-python-programs-through-optimization-1",
    "flask-by-example",
    "generators-the-final-frontier",
    "getting-started-with-django-a-crash-course",
    "hands-on-intro-to-python-for-beginning-programmer",
    "hands-on-with-pydata-how-to-build-a-minimal",
    "how-to-formulate-a-science-problem-and-analyze",
    "improving-automated-testing-with-pytest",
    "introduction-to-game-programming",
    "introduction-to-sqlalchemy-0",
    "introduction-to-web-and-data-scraping-with-pyt",
    "ipython-in-depth-high-productivity-interactive-a-1",
    "lets-learn-twisted-python",
    "mining-social-web-apis-with-ipython-notebook",
    "mrjob-snakes-on-a-hadoop",
    "postgresql-proficiency-for-python-people",
    "python-32-web-development-with-pyramid",
    "python-epiphanies-1",
    "python-for-social-scientists",
    "search-101-an-introduction-to-information-retrie",
    "shiny-lets-be-bad-guys-exploiting-and-mitigati-2",
    "tdd-for-web-applications-from-scratch",
];

/// People's own spellings where the most frequent one in the files is not it, keyed by person key.
pub(super) const PREFERRED_SPELLINGS: &[(&str, &str)] = &[("jake vanderplas", "Jake VanderPlas")];

/// Per-event slide collections: not the slides of one talk.
pub(super) const GENERIC_SLIDE_URLS: &[&str] =
    &["https://github.com/pycon/2016-slides", "https://speakerdeck.com/pycon2016", "https://speakerdeck.com/pycon2017"];

/// The first plausible four-digit year in `s`.
pub(super) fn year_of(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let w = &b[i..i + 4];
        let boundary = (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if boundary && w.iter().all(u8::is_ascii_digit) {
            let y: i64 = std::str::from_utf8(w).ok()?.parse().ok()?;
            (1990..=2100).contains(&y).then_some(y)
        } else {
            None
        }
    })
}

/// The series an event belongs to, from its folder name and title: (slug, name). The name is the
/// title up to its year (`PyCon US 2019` → `PyCon US`), the slug the folder name up to its year
/// (`pycon-us-2019` → `pycon-us`, `depy2015` → `depy`); an event without a year is its own series.
/// Events of one series that pyvideo files under different folder names (`djangocon-2015`,
/// `djangocon-us-2016`) share the name: `series_key` of it is what joins them.
pub(crate) fn series_of(slug: &str, title: &str) -> (String, String) {
    let cut = |s: &str| -> String {
        let at = year_at(s).unwrap_or(s.len());
        s[..at].trim_end_matches(|c: char| !c.is_alphanumeric()).to_string()
    };
    let (slug_part, name_part) = (cut(slug), cut(title));
    let slug_part = if slug_part.is_empty() { slug.to_string() } else { slug_part };
    let name_part = if name_part.is_empty() { fold_spaces(title) } else { fold_spaces(&name_part) };
    (slug_part, name_part)
}

/// A series name or slug reduced to what identifies it: lower-case ASCII letters and digits,
/// other runs as one `-` (`PyCon US`, `pycon-us` and `Pycon  us` are all `pycon-us`).
pub(crate) fn series_key(s: &str) -> String {
    let folded = crate::talks::person_names::person_key(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Where the first plausible four-digit year in `s` starts.
fn year_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find(|&i| {
        let w = &b[i..i + 4];
        let boundary = (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        boundary
            && w.iter().all(u8::is_ascii_digit)
            && std::str::from_utf8(w)
                .ok()
                .and_then(|y| y.parse::<i64>().ok())
                .is_some_and(|y| (1990..=2100).contains(&y))
    })
}

/// The talk's own slide deck among its related URLs: a `Slides` label, a speakerdeck/slideshare
/// deck or a PDF, never a per-event collection.
pub(super) fn pick_slides_url(related: &[(String, String)]) -> Option<String> {
    for (label, url) in related {
        let url = url.trim();
        let low = url.to_lowercase();
        if url.is_empty() || url.ends_with("...") || GENERIC_SLIDE_URLS.contains(&low.trim_end_matches('/')) {
            continue;
        }
        if label.to_lowercase().contains("slide") {
            return Some(url.to_string());
        }
        let rest = low.strip_prefix("https://").or_else(|| low.strip_prefix("http://")).unwrap_or("");
        let rest = rest.strip_prefix("www.").unwrap_or(rest);
        for host in ["speakerdeck.com/", "slideshare.net/"] {
            if let Some(path) = rest.strip_prefix(host) {
                let mut parts = path.split('/');
                let user = parts.next().unwrap_or("");
                let deck = parts.next().unwrap_or("").split(['?', '#']).next().unwrap_or("");
                if !user.is_empty() && !deck.is_empty() {
                    return Some(url.to_string());
                }
            }
        }
        if low.split('?').next().unwrap_or("").ends_with(".pdf") {
            return Some(url.to_string());
        }
    }
    None
}

fn has_word(haystack: &str, word: &str) -> bool {
    haystack.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(word))
}

/// keynote / lightning / other from the title, tutorial from a long duration (or, when the source
/// has no durations, from the words tutorial/workshop), talk otherwise.
pub(super) fn infer_kind(
    event: &str,
    slug: &str,
    title: &str,
    duration: Option<i64>,
    speakers: &[String],
) -> &'static str {
    if let Some((_, _, kind)) = KIND_OVERRIDES.iter().find(|(e, s, _)| *e == event && *s == slug) {
        return kind;
    }
    let words: Vec<String> =
        title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let lower = words.join(" ");
    if words.windows(2).any(|w| w[0] == "lightning" && (w[1] == "talk" || w[1] == "talks")) {
        return "lightning";
    }
    if has_word(title, "keynote") {
        return "keynote";
    }
    let t = fold_spaces(title).to_lowercase();
    let other_prefixes = [
        "opening statement",
        "opening address",
        "closing address",
        "welcome to pycon",
        "final remarks",
        "panel discussion",
    ];
    if other_prefixes.iter().any(|p| t.starts_with(p))
        || t == "thank you"
        || t == "python software foundation"
        || has_word(title, "awards")
    {
        return "other";
    }
    if !speakers.is_empty() && speakers.iter().all(|s| is_placeholder_speaker(s)) {
        return "other";
    }
    if event == "pycon-us-2014" && TUTORIALS_2014.contains(&slug) {
        return "tutorial";
    }
    match duration {
        Some(d) if d > TUTORIAL_MIN_SECONDS => "tutorial",
        Some(_) => "talk",
        None if lower.contains("tutorial") || lower.contains("workshop") => "tutorial",
        None => "talk",
    }
}

/// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic without a date crate.
pub(super) fn day_number(date: &str) -> Option<i64> {
    let (y, m, d): (i64, i64, i64) =
        (date.get(..4)?.parse().ok()?, date.get(5..7)?.parse().ok()?, date.get(8..10)?.parse().ok()?);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

pub(super) fn date_of_day(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use crate::talks::pyvideo::rules::*;

    #[test]
    fn kinds_follow_the_generator_rules() {
        let none: &[String] = &[];
        let various = ["Various speakers".to_string()];
        let cases: &[(&str, Option<i64>, &[String], &str)] = &[
            ("Lightning Talks", Some(3600), none, "lightning"),
            ("Friday Lightning talk session", None, none, "lightning"),
            ("Keynote", Some(7000), none, "keynote"),
            ("Opening Statements", None, none, "other"),
            ("PSF Community Service Awards", None, none, "other"),
            ("Room 1 morning", Some(9000), &various, "other"),
            ("Bootcamp", Some(10_000), none, "tutorial"),
            ("Intro to parsing", Some(1800), none, "talk"),
            ("Parsing workshop", None, none, "tutorial"),
            ("Parsing workshop", Some(1800), none, "talk"),
            ("Thank you", None, none, "other"),
        ];
        for (title, duration, speakers, want) in cases {
            assert_eq!(infer_kind("x-2020", "f", title, *duration, speakers), *want, "{title}");
        }
        assert_eq!(infer_kind("pycon-us-2014", "flask-by-example", "Flask by Example", None, none), "tutorial");
    }

    #[test]
    fn events_form_series() {
        let cases = [
            ("pycon-us-2019", "PyCon US 2019", "pycon-us", "PyCon US"),
            ("depy2015", "DePy 2015", "depy", "DePy"),
            ("djangocon-2010", "DjangoCon US 2010", "djangocon", "DjangoCon US"),
            (
                "en-attendant-pyconfr-2020-2021",
                "En attendant la PyConFr (2020-2021)",
                "en-attendant-pyconfr",
                "En attendant la PyConFr",
            ),
            ("chipy", "ChiPy", "chipy", "ChiPy"),
            ("python_porto", "Python Porto", "python_porto", "Python Porto"),
        ];
        for (slug, title, want_slug, want_name) in cases {
            assert_eq!(series_of(slug, title), (want_slug.to_string(), want_name.to_string()), "{slug}");
        }
        assert_eq!(series_key("PyCon  US"), "pycon-us");
        assert_eq!(series_key("Montréal-Python"), "montreal-python");
        assert_eq!(series_key("code::dive"), "code-dive");
    }

    #[test]
    fn dates_and_years() {
        use crate::talks::pyvideo::parse::is_real_date;
        assert!(is_real_date("2016-06-01") && is_real_date("2016-02-29"));
        assert!(!is_real_date("2016-13-01") && !is_real_date("2017-02-29") && !is_real_date("soon"));
        assert_eq!(year_of("pycon-us-2017"), Some(2017));
        assert_eq!(year_of("pycon-20170"), None);
        assert_eq!(year_of("europython"), None);
        for d in ["1970-01-01", "2000-02-29", "2016-06-05", "2024-12-31"] {
            assert_eq!(date_of_day(day_number(d).expect("date")), d);
        }
        assert_eq!(day_number("2016-06-05").expect("d") - day_number("2016-05-28").expect("d"), 8);
    }

    #[test]
    fn slides_are_the_talks_own_deck() {
        let r = |l: &str, u: &str| (l.to_string(), u.to_string());
        assert_eq!(pick_slides_url(&[r("", "https://speakerdeck.com/pycon2016")]), None);
        assert_eq!(
            pick_slides_url(&[r("", "https://github.com/PyCon/2016-slides"), r("", "https://example.org/deck.pdf")]),
            Some("https://example.org/deck.pdf".into())
        );
        assert_eq!(pick_slides_url(&[r("Slides", "https://example.org/x")]), Some("https://example.org/x".into()));
        assert_eq!(
            pick_slides_url(&[r("", "https://www.slideshare.net/someone/my-deck")]),
            Some("https://www.slideshare.net/someone/my-deck".into())
        );
        assert_eq!(pick_slides_url(&[r("", "https://example.org/blog")]), None);
    }
}
