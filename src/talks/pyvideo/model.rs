//! What a pyvideo folder holds once read and checked: an event, its talks, and the problems found.
//! Reading (`read.rs`) and checking (`parse.rs`) both speak these types.

/// One event folder, read and checked.
pub(super) struct Event {
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) year: Option<i64>,
    pub(super) start_date: Option<String>,
    /// Not in pyvideo's own files; the bundled catalogue's source adds it with `city`.
    pub(super) end_date: Option<String>,
    pub(super) city: Option<String>,
    pub(super) url: Option<String>,
    pub(super) talks: Vec<Talk>,
}

/// One video file, read and checked.
pub(super) struct Talk {
    pub(super) slug: String,
    pub(super) title: String,
    pub(super) speakers: Vec<String>,
    pub(super) recorded: Option<String>,
    pub(super) duration: Option<i64>,
    pub(super) tags: Vec<String>,
    pub(super) video_url: Option<String>,
    pub(super) slides_url: Option<String>,
    /// The other related URLs (schedule pages, repositories …), label and URL, in the file's order.
    pub(super) related: Vec<(String, String)>,
    /// The language code as pyvideo gives it (`eng`, `spa` …).
    pub(super) language: Option<String>,
    pub(super) description: Option<String>,
}

/// A problem with one file: `pycon-x/videos/y.json: speakers: expected a list of strings`.
pub(super) struct Bad {
    pub(super) file: String,
    pub(super) problem: String,
}
