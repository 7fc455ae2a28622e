//! The talks pack: the bundled catalogue and its upgrades, the pyvideo importer, the talk
//! shortcuts, search ranking, accent folding, favorites, title links and the talk values
//! completion offers.

pub mod catalogue;
pub mod favorites;
pub mod names;
pub mod open_link;
pub mod pyvideo;
pub mod search;
pub mod search_rank;
pub mod shortcut_sql;
pub mod shortcuts;
pub mod talk_card;
pub mod title_links;
pub mod unaccent;
