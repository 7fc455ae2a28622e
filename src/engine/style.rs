//! The one colour palette. Every coloured byte talkcli prints is chosen here, so NO_COLOR,
//! `--color` and themes are honoured in one place.

use nu_ansi_term::{Color, Style};

/// Roles a piece of text can play on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Keyword,
    String,
    Number,
    Comment,
    Identifier,
    Command,
    Error,
    Hint,
    Dim,
    Header,
    Null,
    Bracket,
}

/// Colours for a dark or a light terminal background (setting `theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Dark,
    Light,
}

/// A palette that is either live or plain (no escape codes at all).
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub enabled: bool,
    pub theme: Theme,
}

impl Palette {
    /// A palette in the default (dark) theme.
    pub fn new(enabled: bool) -> Self {
        Palette { enabled, theme: Theme::Dark }
    }

    pub fn themed(enabled: bool, theme: Theme) -> Self {
        Palette { enabled, theme }
    }

    pub fn style(&self, role: Role) -> Style {
        match self.theme {
            Theme::Dark => Self::dark(role),
            Theme::Light => Self::light(role),
        }
    }

    /// Bright colours that read well on a dark background.
    fn dark(role: Role) -> Style {
        match role {
            Role::Keyword => Color::Blue.bold(),
            Role::String => Style::new().fg(Color::Green),
            Role::Number => Style::new().fg(Color::Magenta),
            Role::Comment => Style::new().fg(Color::DarkGray).italic(),
            Role::Identifier => Style::new(),
            Role::Command => Color::Cyan.bold(),
            Role::Error => Color::Red.bold(),
            Role::Hint | Role::Dim | Role::Null => Style::new().fg(Color::DarkGray),
            Role::Header => Style::new().bold(),
            Role::Bracket => Color::Yellow.bold().underline(),
        }
    }

    /// Deeper colours (256-colour indices) for a light background, where yellow and grey fade out.
    fn light(role: Role) -> Style {
        match role {
            Role::Keyword => Color::Fixed(19).bold(),
            Role::String => Style::new().fg(Color::Fixed(22)),
            Role::Number => Style::new().fg(Color::Fixed(90)),
            Role::Comment => Style::new().fg(Color::Fixed(242)).italic(),
            Role::Identifier => Style::new(),
            Role::Command => Color::Fixed(24).bold(),
            Role::Error => Color::Fixed(124).bold(),
            Role::Hint | Role::Dim | Role::Null => Style::new().fg(Color::Fixed(244)),
            Role::Header => Style::new().bold(),
            Role::Bracket => Color::Fixed(130).bold().underline(),
        }
    }

    /// `text` in the colour of chart series `index` (distinct hues, cycling), or unchanged when
    /// colour is off.
    pub fn series(&self, index: usize, text: &str) -> String {
        const DARK: [Color; 6] = [Color::Cyan, Color::Yellow, Color::Magenta, Color::Green, Color::Blue, Color::Red];
        const LIGHT: [u8; 6] = [25, 130, 90, 28, 19, 124];
        if !self.enabled {
            return text.to_string();
        }
        let color = match self.theme {
            Theme::Dark => DARK[index % DARK.len()],
            Theme::Light => Color::Fixed(LIGHT[index % LIGHT.len()]),
        };
        Style::new().fg(color).paint(text).to_string()
    }

    /// `text` painted in `role`, or unchanged when colour is off.
    pub fn paint(&self, role: Role, text: &str) -> String {
        if self.enabled { self.style(role).paint(text).to_string() } else { text.to_string() }
    }
}

/// Colour decision for a stream: `--color always|never|auto`, NO_COLOR, and whether it is a terminal.
pub fn color_enabled(choice: &str, is_terminal: bool) -> bool {
    match choice {
        "always" => true,
        "never" => false,
        _ => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::style::*;

    #[test]
    fn plain_palette_adds_no_escapes() {
        assert_eq!(Palette::new(false).paint(Role::Keyword, "SELECT"), "SELECT");
        assert!(Palette::new(true).paint(Role::Keyword, "SELECT").contains('\x1b'));
    }

    #[test]
    fn themes_differ_but_both_colour_every_visible_role() {
        let (dark, light) = (Palette::themed(true, Theme::Dark), Palette::themed(true, Theme::Light));
        assert_ne!(dark.paint(Role::Keyword, "SELECT"), light.paint(Role::Keyword, "SELECT"));
        for role in [Role::Keyword, Role::String, Role::Number, Role::Comment, Role::Error, Role::Dim, Role::Bracket] {
            assert!(light.paint(role, "x").contains('\x1b'), "{role:?}");
        }
        assert_eq!(Palette::themed(false, Theme::Light).paint(Role::Keyword, "SELECT"), "SELECT");
    }

    #[test]
    fn explicit_choice_beats_detection() {
        assert!(color_enabled("always", false));
        assert!(!color_enabled("never", true));
        assert!(!color_enabled("auto", false));
    }
}
