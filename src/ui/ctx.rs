//! What every screen is drawn with, and what every screen's update is
//! given: one small context instead of the same arguments on every
//! function.

use chrono::{DateTime, NaiveDate, Utc};

use super::keys::Role;
use super::screens::{Overlay, View};
use super::theme::Theme;
use crate::core::Lang;
use crate::text::{UiStrings, ui};

/// The drawing context: the language, its strings, the theme, today.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: Lang,
    pub s: &'static UiStrings,
    pub theme: Theme,
    pub today: NaiveDate,
    /// A respondent's session: the domains it may see (by
    /// `DomainId::index`); no level is shown in it.
    pub scope: Option<[bool; 7]>,
}

impl Ctx {
    pub fn new(lang: Lang, theme: Theme, today: NaiveDate) -> Ctx {
        Ctx {
            lang,
            s: ui(lang),
            theme,
            today,
            scope: None,
        }
    }
}

/// The status line: when the last save happened, and any error in full.
#[derive(Debug, Default, Clone)]
pub struct Status {
    pub saved_at: Option<String>,
    pub error: Option<String>,
    pub info: Option<String>,
}

/// What a screen's update may read and change beyond its own state: the
/// language, today, who is at the keys, the status line, the overlay, and
/// whether to quit. (The screen itself is handed over by value and handed
/// back, so a screen changes into another by returning it.)
pub struct Cx<'a> {
    pub lang: Lang,
    pub s: &'static UiStrings,
    pub today: NaiveDate,
    /// Now, when the runtime gave it (the time a voice is given).
    pub now: Option<DateTime<Utc>>,
    pub role: Role,
    pub status: &'a mut Status,
    pub overlay: &'a mut Option<Overlay>,
    pub quit: &'a mut bool,
    /// The view to show once the profile being opened arrives.
    pub pending_view: &'a mut Option<View>,
}

impl Cx<'_> {
    /// Says on the status line that a read-only profile refuses an edit.
    pub fn refuse(&mut self, reason: &str) {
        self.status.error = Some(crate::text::fill(self.s.read_only_refused, &[&reason]));
    }
}
