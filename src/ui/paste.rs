//! Pasted text: routed to the text field being edited, never run as keys.
//!
//! A paste (bracketed paste, parsed by the session) goes to the active text
//! input: the note editor keeps its line breaks, a one-line field (the home
//! filter, the new-profile form's text fields, the interview's one-line
//! editors) gets a space for each. Outside a text field a paste changes
//! nothing and says so on the status line; a paste over
//! [`PASTE_CAP`](super::session::PASTE_CAP) bytes is refused whole, never
//! cut.

use super::app::{App, Effect, Screen};
use super::session::PASTE_CAP;
use crate::text::{fill, ui};

impl App {
    /// A paste: into the active text input, whole, or refused with a
    /// message (no text field, or over the cap). A note's draft is written
    /// by the session's draft timer, as for typed text.
    pub fn paste(&mut self, text: String) -> Vec<Effect> {
        if text.len() > PASTE_CAP {
            self.paste_refused(text.len());
            return vec![];
        }
        self.status.info = None;
        let limit = self.text_limit;
        let Some((input, multi_line)) = self.text_input_mut() else {
            self.status.info = Some(ui(self.lang).paste_not_editing.to_string());
            return vec![];
        };
        // within the text limit (a served respondent's), whole or not at all
        let before = input.clone();
        input.paste(&text, multi_line);
        if let Some(limit) = limit
            && input.text.len() > limit
            && input.text.len() > before.text.len()
        {
            *input = before;
            self.text_limit_reached(limit);
            return vec![];
        }
        // what typing into each field also does
        let (lang, today) = (self.lang, self.today);
        match &mut self.screen {
            Screen::Home => self.home.selected = 0,
            Screen::Form(form) => form.after_typing(lang, today),
            screen => {
                if let Some(editor) = screen.editor_mut() {
                    editor.error = None;
                }
            }
        }
        self.home.refresh(self.lang);
        vec![]
    }

    /// A paste of `bytes` bytes, over the cap, refused whole: nothing
    /// changes but the status line.
    pub fn paste_refused(&mut self, bytes: usize) {
        self.status.info = None;
        self.status.error = Some(fill(ui(self.lang).paste_too_large, &[&bytes, &PASTE_CAP]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Lang;
    use crate::ui::app::Msg;
    use crate::ui::screens::form::FieldKind;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn app() -> App {
        App::new(
            Lang::En,
            chrono::NaiveDate::from_ymd_opt(2025, 5, 1).unwrap(),
        )
    }

    fn key(app: &mut App, c: char) {
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }

    #[test]
    fn outside_a_text_field_a_paste_changes_nothing_and_says_so() {
        let mut app = app();
        assert!(app.paste("q\ry".into()).is_empty());
        assert!(!app.quit);
        assert!(!app.home.filtering);
        assert_eq!(
            app.status.info.as_deref(),
            Some(ui(Lang::En).paste_not_editing)
        );
    }

    #[test]
    fn a_paste_into_the_filter_is_one_line() {
        let mut app = app();
        key(&mut app, '/');
        assert!(app.home.filtering);
        app.paste("Ping\rhu".into());
        assert_eq!(app.home.filter.text, "Ping hu");
        assert!(app.status.info.is_none());
    }

    #[test]
    fn a_paste_over_the_cap_is_refused_whole() {
        let mut app = app();
        key(&mut app, '/');
        app.paste("x".repeat(PASTE_CAP + 1));
        assert_eq!(app.home.filter.text, "");
        let error = app.status.error.clone().unwrap_or_default();
        assert!(error.contains(&(PASTE_CAP + 1).to_string()), "{error}");
    }

    #[test]
    fn a_paste_into_the_form_goes_to_the_focused_text_field() {
        let mut app = app();
        key(&mut app, 'n');
        let Screen::Form(form) = &app.screen else {
            panic!("no form: {:?}", app.screen);
        };
        let focus = form.focus;
        app.paste("Test\r\nCounty".into());
        let Screen::Form(form) = &app.screen else {
            unreachable!()
        };
        let FieldKind::Text(input) = &form.fields[focus].kind else {
            panic!("the first field is text")
        };
        assert_eq!(input.text, "Test County");
    }
}
