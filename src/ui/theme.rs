//! Styles and symbols. Nothing depends on colour: every state also shows
//! in text (`[y]`, `*`, brackets), so NO_COLOR and 16-colour terminals read
//! the same. Only the 16 basic colours are used; with `ascii`, borders are
//! plain `+ - |` for terminals or locales without UTF-8.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::core::profile::AnswerValue;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
    /// How bordered panels are painted.
    pub painter: Painter,
}

/// How bordered panels are painted: with ratatui's `Block`, with citydx's
/// own painter (`paint::handmade`), or as measured, screen by screen (the
/// default). Both painters give the same cells (a unit test compares
/// them); `cargo bench --bench painters` draws every screen with each,
/// alternating in one run, and the README's Performance gives the figures:
/// a screen where `Block` cost more than 15% keeps the hand-made painter
/// (`paint::boxed`), the others use `Block` (`paint::block_panel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Painter {
    /// Each screen's measured choice.
    Measured,
    /// ratatui's `Block` everywhere (for the benchmark).
    Widgets,
    /// The hand-made painter everywhere (for the benchmark).
    Handmade,
}

impl Painter {
    pub const DEFAULT: Painter = Painter::Measured;
}

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    pub const PLAIN: Theme = Theme {
        color: true,
        ascii: false,
        painter: Painter::DEFAULT,
    };

    /// The theme the environment asks for: NO_COLOR (any non-empty value)
    /// turns colour off; a locale that is not UTF-8 gets ASCII borders.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Theme {
        let no_color = get("NO_COLOR").is_some_and(|v| !v.is_empty());
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .filter_map(|name| get(name))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let utf8 = locale.is_empty() || locale.contains("utf-8") || locale.contains("utf8");
        Theme {
            color: !no_color,
            ascii: !utf8,
            painter: Painter::DEFAULT,
        }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn border(self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn banner(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn answer(self, value: AnswerValue) -> Style {
        match value {
            AnswerValue::Met => self.fg(Color::Green),
            AnswerValue::Partly => self.fg(Color::Yellow),
            AnswerValue::NotMet => self.fg(Color::Red),
            AnswerValue::NotApplicable => self.dim(),
            AnswerValue::Unknown => Style::new(),
        }
    }

    /// A bar's filled part: reverse video, so it shows without colour and
    /// needs no block glyph (those are ambiguous-width in CJK terminals).
    pub fn bar(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::REVERSED)
    }

    pub fn target(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
}

/// The one-letter mark of an answer, as typed.
pub fn answer_mark(value: AnswerValue) -> &'static str {
    match value {
        AnswerValue::Met => "[y]",
        AnswerValue::Partly => "[p]",
        AnswerValue::NotMet => "[n]",
        AnswerValue::NotApplicable => "[x]",
        // asked, the answer not known (not yet asked is `[ ]`)
        AnswerValue::Unknown => "[?]",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn no_color_turns_colour_off_and_keeps_meaning() {
        let theme = Theme::from_env(env(&[("NO_COLOR", "1"), ("LANG", "en_US.UTF-8")]));
        assert!(!theme.color && !theme.ascii);
        assert_eq!(theme.answer(AnswerValue::Met), Style::new());
        assert!(theme.selected().add_modifier.contains(Modifier::REVERSED));
        assert!(theme.bar().add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn a_locale_without_utf8_gets_ascii_borders() {
        assert!(Theme::from_env(env(&[("LANG", "C")])).ascii);
        assert!(Theme::from_env(env(&[("LC_ALL", "en_US.ISO-8859-1")])).ascii);
        assert!(!Theme::from_env(env(&[("LANG", "zh_CN.UTF-8")])).ascii);
        assert_eq!(
            Theme::from_env(env(&[("LANG", "C")])).border().top_left,
            "+"
        );
    }
}
