//! The key list: for each mode of the interface, which keys do what. The
//! same table turns keys into actions, feeds the status bar's hints and
//! the help overlay, so help can never drift from the keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::profile::AnswerValue;
use crate::text::UiStrings;

/// What the user means by a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Select,
    Back,
    NextField,
    PrevField,
    Toggle,
    Answer(AnswerValue),
    EditNote,
    NextDomain,
    PrevDomain,
    Matrix,
    Help,
    SwitchLanguage,
    Quit,
    ForceQuit,
    Filter,
    Sort,
    Mark,
    NewProfile,
    NewAssessment,
    Trash,
    AddExamples,
    Confirm,
    Deny,
    Advice,
    Compare,
    Timeline,
    Export,
}

/// A mode: one key map each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Home,
    /// Typing a filter on the home screen.
    HomeFilter,
    Form,
    Interview,
    /// The last page of a domain: level, override, target, importance.
    DomainSummary,
    Matrix,
    /// Typing in a one-line editor (a note, a field).
    Editor,
    /// A yes/no question.
    Confirm,
    Help,
    /// The gap and the entry points.
    Advice,
    /// Cities side by side, or a city over time.
    Compare,
}

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && event.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            Key::Code(code) => event.code == code,
        }
    }

    /// How the key is written for people: plain ASCII, no arrows (they are
    /// ambiguous-width glyphs in East Asian terminals).
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Code(code) => match code {
                KeyCode::Up => "Up".into(),
                KeyCode::Down => "Down".into(),
                KeyCode::Left => "Left".into(),
                KeyCode::Right => "Right".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                other => format!("{other:?}"),
            },
        }
    }
}

/// One line of the key list.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The words for the action, in the current language.
    pub label: fn(&UiStrings) -> &'static str,
    /// The short word shown in the hint line, for the keys worth showing
    /// there (the help shows every binding).
    pub hint: Option<fn(&UiStrings) -> &'static str>,
}

impl Binding {
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("/")
    }
}

use Action as A;
use Key::{Char as C, Code, Ctrl};

macro_rules! bind {
    ($keys:expr, $action:expr, $label:ident) => {
        Binding {
            keys: $keys,
            action: $action,
            label: |s| s.$label,
            hint: None,
        }
    };
    ($keys:expr, $action:expr, $label:ident, $hint:ident) => {
        Binding {
            keys: $keys,
            action: $action,
            label: |s| s.$label,
            hint: Some(|s| s.$hint),
        }
    };
}

const UP: &[Key] = &[Code(KeyCode::Up), C('k')];
const DOWN: &[Key] = &[Code(KeyCode::Down), C('j')];
const LEFT: &[Key] = &[Code(KeyCode::Left), C('h')];
const RIGHT: &[Key] = &[Code(KeyCode::Right), C('l')];
const ENTER: &[Key] = &[Code(KeyCode::Enter)];
const ESC: &[Key] = &[Code(KeyCode::Esc)];
const HELP: &[Key] = &[C('?')];
const LANG: &[Key] = &[C('L')];
const CTRL_C: &[Key] = &[Ctrl('c')];

const HOME: &[Binding] = &[
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    bind!(ENTER, A::Select, key_open, hint_open),
    bind!(&[C('n')], A::NewProfile, key_new_profile, hint_new),
    bind!(
        &[C('a')],
        A::NewAssessment,
        key_new_assessment,
        hint_reassess
    ),
    bind!(&[C('/')], A::Filter, key_filter, hint_filter),
    bind!(&[C('s')], A::Sort, key_sort),
    bind!(&[C(' ')], A::Mark, key_mark),
    bind!(&[C('c')], A::Compare, key_compare, hint_compare),
    bind!(&[C('t')], A::Timeline, key_timeline),
    bind!(&[C('r')], A::Advice, key_advice_home, hint_advice),
    bind!(&[C('d')], A::Trash, key_trash),
    bind!(&[C('e')], A::AddExamples, key_add_examples),
    bind!(HELP, A::Help, key_help, hint_help),
    bind!(LANG, A::SwitchLanguage, key_language),
    bind!(&[C('q')], A::Quit, key_quit, hint_quit),
    bind!(CTRL_C, A::ForceQuit, key_quit),
];

const HOME_FILTER: &[Binding] = &[
    bind!(ENTER, A::Select, key_filter_done, hint_keep),
    bind!(ESC, A::Back, key_filter_clear, hint_clear),
    bind!(&[Code(KeyCode::Up)], A::Up, key_up),
    bind!(&[Code(KeyCode::Down)], A::Down, key_down),
    bind!(CTRL_C, A::ForceQuit, key_quit),
];

const FORM: &[Binding] = &[
    bind!(
        &[Code(KeyCode::Tab), Code(KeyCode::Down)],
        A::NextField,
        key_next_field,
        hint_next
    ),
    bind!(
        &[Code(KeyCode::BackTab), Code(KeyCode::Up)],
        A::PrevField,
        key_prev_field,
        hint_previous
    ),
    bind!(&[Code(KeyCode::Left)], A::Left, key_choice_left),
    bind!(&[Code(KeyCode::Right)], A::Right, key_choice_right),
    bind!(&[C(' ')], A::Toggle, key_toggle),
    bind!(ENTER, A::Select, key_save_form, hint_save),
    bind!(ESC, A::Back, key_cancel, hint_cancel),
    bind!(CTRL_C, A::ForceQuit, key_quit),
];

const INTERVIEW: &[Binding] = &[
    bind!(&[C('y')], A::Answer(AnswerValue::Met), key_met, key_met),
    bind!(
        &[C('p')],
        A::Answer(AnswerValue::Partly),
        key_partly,
        key_partly
    ),
    bind!(
        &[C('n')],
        A::Answer(AnswerValue::NotMet),
        key_not_met,
        key_not_met
    ),
    bind!(
        &[C('x')],
        A::Answer(AnswerValue::NotApplicable),
        key_not_applicable,
        hint_na
    ),
    bind!(&[C('u')], A::Answer(AnswerValue::Unknown), key_unknown),
    bind!(&[C('e')], A::EditNote, key_note, hint_note),
    bind!(ENTER, A::Select, key_confirm_carried),
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    bind!(LEFT, A::Left, key_prev_stage),
    bind!(RIGHT, A::Right, key_next_stage),
    bind!(&[C(']')], A::NextDomain, key_next_domain),
    bind!(&[C('[')], A::PrevDomain, key_prev_domain),
    bind!(&[C('m')], A::Matrix, key_matrix, hint_matrix),
    bind!(&[C('r')], A::Advice, key_advice, hint_advice),
    bind!(HELP, A::Help, key_help, hint_help),
    bind!(LANG, A::SwitchLanguage, key_language),
    bind!(&[C('q'), Code(KeyCode::Esc)], A::Quit, key_home, hint_home),
    bind!(CTRL_C, A::ForceQuit, key_quit),
];

const DOMAIN_SUMMARY: &[Binding] = &[
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    bind!(ENTER, A::Select, key_edit_field, hint_edit),
    bind!(LEFT, A::Left, key_prev_stage),
    bind!(RIGHT, A::Right, key_next_stage),
    bind!(&[C(']')], A::NextDomain, key_next_domain, hint_next_domain),
    bind!(&[C('[')], A::PrevDomain, key_prev_domain),
    bind!(&[C('m')], A::Matrix, key_matrix, hint_matrix),
    bind!(&[C('r')], A::Advice, key_advice, hint_advice),
    bind!(HELP, A::Help, key_help, hint_help),
    bind!(LANG, A::SwitchLanguage, key_language),
    bind!(&[C('q'), Code(KeyCode::Esc)], A::Quit, key_home, hint_home),
    bind!(CTRL_C, A::ForceQuit, key_quit),
];

const MATRIX: &[Binding] = &[
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    bind!(ENTER, A::Select, key_open_domain, hint_walk),
    bind!(&[C('m'), Code(KeyCode::Esc)], A::Back, key_back, hint_back),
    bind!(&[C('r')], A::Advice, key_advice, hint_advice),
    bind!(HELP, A::Help, key_help, hint_help),
    bind!(LANG, A::SwitchLanguage, key_language),
    bind!(&[C('q')], A::Quit, key_home, hint_home),
    bind!(CTRL_C, A::ForceQuit, key_quit),
];

const ADVICE: &[Binding] = &[
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    bind!(
        &[Code(KeyCode::Tab), Code(KeyCode::BackTab)],
        A::NextField,
        key_switch_tab,
        hint_switch_tab
    ),
    bind!(
        &[Code(KeyCode::PageDown), C(' ')],
        A::PageDown,
        key_scroll_down
    ),
    bind!(&[Code(KeyCode::PageUp)], A::PageUp, key_scroll_up),
    bind!(ENTER, A::Select, key_edit_phase, hint_edit),
    bind!(&[C('o')], A::Export, key_export, hint_export),
    bind!(&[C('m')], A::Matrix, key_matrix, hint_matrix),
    bind!(&[Code(KeyCode::Esc)], A::Back, key_back_to_interview),
    bind!(HELP, A::Help, key_help, hint_help),
    bind!(LANG, A::SwitchLanguage, key_language),
    bind!(&[C('q')], A::Quit, key_home, hint_home),
    bind!(CTRL_C, A::ForceQuit, key_quit),
];

const COMPARE: &[Binding] = &[
    bind!(&[C('s')], A::Sort, key_compare_sort, hint_sort),
    bind!(LEFT, A::Left, key_columns_left),
    bind!(RIGHT, A::Right, key_columns_right, hint_columns),
    bind!(&[C('m')], A::Matrix, key_compare_matrix, hint_matrix),
    bind!(HELP, A::Help, key_help, hint_help),
    bind!(LANG, A::SwitchLanguage, key_language),
    bind!(&[C('q'), Code(KeyCode::Esc)], A::Quit, key_home, hint_home),
    bind!(CTRL_C, A::ForceQuit, key_quit),
];

const EDITOR: &[Binding] = &[
    bind!(ENTER, A::Select, key_save_text, hint_save),
    bind!(ESC, A::Back, key_cancel, hint_cancel),
    bind!(CTRL_C, A::ForceQuit, key_quit_keep_draft, hint_quit_draft),
];

const CONFIRM: &[Binding] = &[
    bind!(
        &[C('y'), Code(KeyCode::Enter)],
        A::Confirm,
        key_yes,
        key_yes
    ),
    bind!(&[C('n'), Code(KeyCode::Esc)], A::Deny, key_no, key_no),
    bind!(CTRL_C, A::ForceQuit, key_quit),
];

const HELP_KEYS: &[Binding] = &[
    bind!(
        &[C('?'), Code(KeyCode::Esc), C('q')],
        A::Back,
        key_close_help,
        hint_close
    ),
    bind!(UP, A::Up, key_up, hint_scroll_up),
    bind!(DOWN, A::Down, key_down, hint_scroll_down),
    bind!(CTRL_C, A::ForceQuit, key_quit),
];

/// The key list of a mode.
pub fn bindings(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Home => HOME,
        Mode::HomeFilter => HOME_FILTER,
        Mode::Form => FORM,
        Mode::Interview => INTERVIEW,
        Mode::DomainSummary => DOMAIN_SUMMARY,
        Mode::Matrix => MATRIX,
        Mode::Editor => EDITOR,
        Mode::Confirm => CONFIRM,
        Mode::Help => HELP_KEYS,
        Mode::Advice => ADVICE,
        Mode::Compare => COMPARE,
    }
}

/// The action a key means in a mode, if any.
pub fn action(mode: Mode, event: &KeyEvent) -> Option<Action> {
    bindings(mode)
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_same_keys_mean_the_same_everywhere() {
        for mode in [
            Mode::Interview,
            Mode::DomainSummary,
            Mode::Matrix,
            Mode::Home,
        ] {
            assert_eq!(
                action(mode, &key(KeyCode::Char('?'))),
                Some(Action::Help),
                "{mode:?}"
            );
            assert_eq!(
                action(mode, &key(KeyCode::Char('L'))),
                Some(Action::SwitchLanguage)
            );
            assert_eq!(action(mode, &key(KeyCode::Char('q'))), Some(Action::Quit));
            assert_eq!(action(mode, &key(KeyCode::Char('k'))), Some(Action::Up));
            assert_eq!(action(mode, &key(KeyCode::Down)), Some(Action::Down));
        }
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [
            Mode::Home,
            Mode::HomeFilter,
            Mode::Form,
            Mode::Interview,
            Mode::DomainSummary,
            Mode::Matrix,
            Mode::Editor,
            Mode::Confirm,
            Mode::Help,
            Mode::Advice,
            Mode::Compare,
        ] {
            assert_eq!(action(mode, &ctrl_c), Some(Action::ForceQuit), "{mode:?}");
        }
    }

    #[test]
    fn answer_keys_answer() {
        let m = Mode::Interview;
        assert_eq!(
            action(m, &key(KeyCode::Char('y'))),
            Some(Action::Answer(AnswerValue::Met))
        );
        assert_eq!(
            action(m, &key(KeyCode::Char('p'))),
            Some(Action::Answer(AnswerValue::Partly))
        );
        assert_eq!(
            action(m, &key(KeyCode::Char('n'))),
            Some(Action::Answer(AnswerValue::NotMet))
        );
        assert_eq!(
            action(m, &key(KeyCode::Char('x'))),
            Some(Action::Answer(AnswerValue::NotApplicable))
        );
        assert_eq!(
            action(m, &key(KeyCode::Char('u'))),
            Some(Action::Answer(AnswerValue::Unknown))
        );
        assert_eq!(
            action(m, &key(KeyCode::Char(']'))),
            Some(Action::NextDomain)
        );
    }

    #[test]
    fn typing_modes_leave_letters_to_the_text() {
        for c in ['q', 'y', 'j', '?', 'L', ' '] {
            assert_eq!(action(Mode::Editor, &key(KeyCode::Char(c))), None);
            assert_eq!(action(Mode::HomeFilter, &key(KeyCode::Char(c))), None);
        }
        // in the form, letters type; Space toggles only on choice fields (the
        // form decides), arrows up/down move between fields
        assert_eq!(action(Mode::Form, &key(KeyCode::Char('q'))), None);
        assert_eq!(
            action(Mode::Form, &key(KeyCode::Tab)),
            Some(Action::NextField)
        );
    }
}
