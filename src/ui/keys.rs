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
    /// Home: unmark every profile marked for comparison.
    UnmarkAll,
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
    /// Edit the selected field of a domain's summary (target, horizon,
    /// importance, override).
    EditField,
    /// The advice: show the sources of the selected reasons.
    Sources,
    /// The advice: accept a suggested target.
    AcceptSuggestion,
    /// The walk: jump to the next unanswered, unknown or carried-over
    /// (not yet confirmed) indicator.
    NextUnanswered,
    NextUnknown,
    NextUnconfirmed,
    /// The walk: confirm the carried-over answers of the stage, or of the
    /// domain.
    ConfirmStage,
    ConfirmDomain,
    /// The city's assessments (view, export, edit, delete).
    Assessments,
    /// Edit the city's profile.
    EditProfile,
    /// The trash (restore).
    TrashScreen,
    /// Home: who is connected to the served interview.
    ConnectedScreen,
    /// The interview: invite the respondent answering now to answer over
    /// SSH (`citydx serve`).
    Invite,
    /// Who is connected: revoke the selected invitation.
    Revoke,
    /// Home: show the profiles' ids.
    ShowIds,
    /// Delete (the selected assessment).
    Delete,
    /// The interview: the next one answering (a respondent, the assessor).
    NextVoice,
    /// The consensus view: the disagreements to settle.
    Consensus,
    /// A merge dispute: keep this version's value.
    KeepOurs,
    /// A merge dispute: take the other version's value.
    TakeTheirs,
    /// The interview: the stage being walked, in full.
    StageInfo,
    /// A note: a line break (Alt-Enter, Ctrl-J); Enter in a one-line
    /// editor.
    NewLine,
    /// The interview: the selected indicator's note, in full.
    ViewNote,
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
    /// Typing in a one-line editor (a field).
    Editor,
    /// Typing a note (several lines).
    NoteEditor,
    /// A yes/no question.
    Confirm,
    Help,
    /// The gap and the entry points: the overview.
    Advice,
    /// The advice's plan tab.
    AdvicePlan,
    /// A stage in full, over the interview.
    Stage,
    /// The selected indicator's note in full, over the interview.
    Note,
    /// Cities side by side, or a city over time.
    Compare,
    /// The country list over the profile form.
    CountryPicker,
    /// An assessment's date, interviewer and respondents (and reassessing).
    Details,
    /// The assessments of a city.
    Assessments,
    /// The trash.
    Trash,
    /// Who is connected (`citydx serve`).
    Connected,
    /// The invitation form.
    Invite,
    /// An invitation made, shown until dismissed.
    Invited,
    /// The disagreements among the voices, and merge disputes, to settle.
    Consensus,
}

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// Alt and a key (Alt-Enter: ESC then CR).
    Alt(KeyCode),
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && event.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            Key::Code(code) => event.code == code,
            Key::Alt(code) => event.code == code && event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// How the key is written for people: plain ASCII, no arrows (they are
    /// ambiguous-width glyphs in East Asian terminals).
    pub fn label(self) -> String {
        self.label_in(crate::text::ui(crate::core::Lang::En))
    }

    /// [`Key::label`] in the language of `s`: the arrows are named in it;
    /// the other names are the legends printed on the keys themselves
    /// (Enter, Esc, Tab, PgUp, Ctrl), the same on a Chinese keyboard.
    pub fn label_in(self, s: &UiStrings) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Alt(code) => format!("Alt-{}", Key::Code(code).label_in(s)),
            Key::Code(code) => match code {
                KeyCode::Up => s.keyname_up.into(),
                KeyCode::Down => s.keyname_down.into(),
                KeyCode::Left => s.keyname_left.into(),
                KeyCode::Right => s.keyname_right.into(),
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

/// Who may use a key: the consultant running the assessment, or a
/// respondent answering their own part (who may move, answer, edit their
/// own note, ask for help, switch the language and quit; nothing else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Consultant,
    /// A respondent at the keyboard where citydx runs (the consultant
    /// hands it over): answers as one of the assessment's respondents,
    /// switching with `v`, and goes back to the list.
    Respondent,
    /// A respondent invited to a served interview (`citydx serve`): answers
    /// only as itself, on its invited domains; leaving the walk ends its
    /// session.
    Invited,
}

impl Role {
    /// A respondent of either kind: answers as a respondent, never for the
    /// assessment.
    pub fn is_respondent(self) -> bool {
        self != Role::Consultant
    }
}

/// The consultant only.
pub const CONSULTANT: &[Role] = &[Role::Consultant];
/// Everyone.
pub const EVERYONE: &[Role] = &[Role::Consultant, Role::Respondent, Role::Invited];
/// Whoever is at the keyboard where citydx runs (not an invited respondent
/// over SSH): choosing who answers, and going back to the list.
pub const AT_THE_DESK: &[Role] = &[Role::Consultant, Role::Respondent];
/// An invited respondent only.
pub const INVITED: &[Role] = &[Role::Invited];

/// One line of the key list.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The words for the action, in the current language.
    pub label: fn(&UiStrings) -> &'static str,
    /// The short word shown in the hint line, for the keys worth showing
    /// there (the help shows every binding).
    pub hint: Option<fn(&UiStrings) -> &'static str>,
    /// Who may use it.
    pub roles: &'static [Role],
}

impl Binding {
    pub fn keys_label(&self, s: &UiStrings) -> String {
        self.keys
            .iter()
            .map(|k| k.label_in(s))
            .collect::<Vec<_>>()
            .join("/")
    }

    pub fn allows(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// The bindings of `table` that `role` may use (what its help and hint
/// line show, and the only keys that act for it).
pub fn for_role(table: &'static [Binding], role: Role) -> impl Iterator<Item = &'static Binding> {
    table.iter().filter(move |b| b.allows(role))
}

/// A binding for the consultant only: `bind!(keys, action, label[, hint])`;
/// `bind!(all: keys, action, label[, hint])` for everyone.
macro_rules! bind {
    (all: $keys:expr, $action:expr, $label:ident) => {
        $crate::ui::keys::Binding {
            keys: $keys,
            action: $action,
            label: |s| s.$label,
            hint: None,
            roles: $crate::ui::keys::EVERYONE,
        }
    };
    (all: $keys:expr, $action:expr, $label:ident, $hint:ident) => {
        $crate::ui::keys::Binding {
            keys: $keys,
            action: $action,
            label: |s| s.$label,
            hint: Some(|s| s.$hint),
            roles: $crate::ui::keys::EVERYONE,
        }
    };
    ($keys:expr, $action:expr, $label:ident) => {
        $crate::ui::keys::Binding {
            keys: $keys,
            action: $action,
            label: |s| s.$label,
            hint: None,
            roles: $crate::ui::keys::CONSULTANT,
        }
    };
    ($keys:expr, $action:expr, $label:ident, $hint:ident) => {
        $crate::ui::keys::Binding {
            keys: $keys,
            action: $action,
            label: |s| s.$label,
            hint: Some(|s| s.$hint),
            roles: $crate::ui::keys::CONSULTANT,
        }
    };
}
pub(crate) use bind;

// Keys that mean the same on every screen.
pub const UP: &[Key] = &[Key::Code(KeyCode::Up), Key::Char('k')];
pub const DOWN: &[Key] = &[Key::Code(KeyCode::Down), Key::Char('j')];
pub const LEFT: &[Key] = &[Key::Code(KeyCode::Left), Key::Char('h')];
pub const RIGHT: &[Key] = &[Key::Code(KeyCode::Right), Key::Char('l')];
pub const ENTER: &[Key] = &[Key::Code(KeyCode::Enter)];
pub const ESC: &[Key] = &[Key::Code(KeyCode::Esc)];
pub const HELP: &[Key] = &[Key::Char('?')];
pub const LANG: &[Key] = &[Key::Char('L')];
pub const CTRL_C: &[Key] = &[Key::Ctrl('c')];

/// The key list of a mode: each screen declares its own.
pub fn bindings(mode: Mode) -> &'static [Binding] {
    use super::screens::{
        advice, assessments, compare, confirm, connected, consensus, details, editor, form, help,
        home, invite, matrix, note, stage, summary, trash, walk,
    };
    match mode {
        Mode::Home => home::KEYS,
        Mode::HomeFilter => home::FILTER_KEYS,
        Mode::Form => form::KEYS,
        Mode::Interview => walk::KEYS,
        Mode::DomainSummary => summary::KEYS,
        Mode::Matrix => matrix::KEYS,
        Mode::Editor => editor::KEYS,
        Mode::NoteEditor => editor::NOTE_KEYS,
        Mode::Confirm => confirm::KEYS,
        Mode::Help => help::KEYS,
        Mode::Advice => advice::KEYS,
        Mode::AdvicePlan => advice::PLAN_KEYS,
        Mode::Stage => stage::KEYS,
        Mode::Note => note::KEYS,
        Mode::Compare => compare::KEYS,
        Mode::CountryPicker => form::PICKER_KEYS,
        Mode::Details => details::KEYS,
        Mode::Assessments => assessments::KEYS,
        Mode::Trash => trash::KEYS,
        Mode::Connected => connected::KEYS,
        Mode::Invite => invite::KEYS,
        Mode::Invited => invite::RESULT_KEYS,
        Mode::Consensus => consensus::KEYS,
    }
}

/// Every mode, for whoever must go through them all.
pub const MODES: [Mode; 23] = [
    Mode::Home,
    Mode::HomeFilter,
    Mode::Form,
    Mode::Interview,
    Mode::DomainSummary,
    Mode::Matrix,
    Mode::Editor,
    Mode::NoteEditor,
    Mode::Confirm,
    Mode::Help,
    Mode::Advice,
    Mode::AdvicePlan,
    Mode::Stage,
    Mode::Note,
    Mode::Compare,
    Mode::CountryPicker,
    Mode::Details,
    Mode::Assessments,
    Mode::Trash,
    Mode::Consensus,
    Mode::Connected,
    Mode::Invite,
    Mode::Invited,
];

/// The action a key means in a mode, if any (for the consultant).
pub fn action(mode: Mode, event: &KeyEvent) -> Option<Action> {
    action_as(mode, Role::Consultant, event)
}

/// The action a key means in a mode for `role`: a key the role may not
/// use means nothing. (A key may have one binding per role, as q has: back
/// to the list at the desk, leaving the session over SSH.)
pub fn action_as(mode: Mode, role: Role, event: &KeyEvent) -> Option<Action> {
    let mut bound = bindings(mode)
        .iter()
        .filter(|b| b.keys.iter().any(|k| k.matches(event)))
        .peekable();
    let found = bound
        .peek()
        .is_some()
        .then(|| bound.find(|b| b.allows(role)));
    match found {
        Some(b) => b.map(|b| b.action),
        // Ctrl-J is a line feed: where it is not a key of its own (a
        // note's line break), it is Enter, as some terminals send it
        None if Key::Ctrl('j').matches(event) => action_as(
            mode,
            role,
            &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        ),
        None => None,
    }
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
            Mode::AdvicePlan,
            Mode::Compare,
            Mode::CountryPicker,
            Mode::Details,
            Mode::Assessments,
            Mode::Trash,
            Mode::Consensus,
            Mode::Connected,
            Mode::Invite,
            Mode::Invited,
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
        // the invitation form: letters type (a key file's path)
        for c in ['q', 'x', 'n', 'y', '?', 'L'] {
            assert_eq!(action(Mode::Invite, &key(KeyCode::Char(c))), None);
        }
    }

    #[test]
    fn a_respondent_has_only_their_own_keys() {
        let forbidden = [
            Action::NewProfile,
            Action::NewAssessment,
            Action::Trash,
            Action::AddExamples,
            Action::Export,
            Action::Compare,
            Action::Timeline,
            Action::Advice,
            Action::Matrix,
            Action::EditField,
            Action::Delete,
            Action::Assessments,
            Action::EditProfile,
            Action::TrashScreen,
            Action::ConnectedScreen,
            Action::Invite,
            Action::Revoke,
            Action::ConfirmStage,
            Action::ConfirmDomain,
            // settling is the consultant's
            Action::Consensus,
            Action::KeepOurs,
            Action::TakeTheirs,
        ];
        for mode in MODES {
            for b in for_role(bindings(mode), Role::Respondent) {
                assert!(!forbidden.contains(&b.action), "{mode:?}: {:?}", b.action);
            }
        }
        // the consultant keeps them all
        let all: Vec<Action> = MODES
            .iter()
            .flat_map(|&m| for_role(bindings(m), Role::Consultant))
            .map(|b| b.action)
            .collect();
        for a in forbidden {
            assert!(all.contains(&a), "{a:?}");
        }
        // what a respondent may do, while answering
        let answering: Vec<Action> = for_role(bindings(Mode::Interview), Role::Respondent)
            .map(|b| b.action)
            .collect();
        for a in [
            Action::Up,
            Action::Down,
            Action::Left,
            Action::Right,
            Action::Answer(AnswerValue::Met),
            Action::EditNote,
            Action::NextVoice,
            Action::Help,
            Action::SwitchLanguage,
            Action::Quit,
            Action::ForceQuit,
        ] {
            assert!(answering.contains(&a), "{a:?}");
        }
        // in the consensus view, an answer key settles: not theirs
        assert!(
            for_role(bindings(Mode::Consensus), Role::Respondent)
                .all(|b| !matches!(b.action, Action::Answer(_))),
        );
        // and the keys they may not use do nothing for them
        let m = key(KeyCode::Char('m'));
        assert_eq!(action(Mode::Interview, &m), Some(Action::Matrix));
        assert_eq!(action_as(Mode::Interview, Role::Respondent, &m), None);
        let enter = key(KeyCode::Enter);
        assert_eq!(
            action_as(Mode::DomainSummary, Role::Respondent, &enter),
            None
        );
        for c in ['n', 'd', 'e', 'c'] {
            assert_eq!(
                action_as(Mode::Home, Role::Respondent, &key(KeyCode::Char(c))),
                None
            );
        }
        assert_eq!(
            action_as(Mode::Editor, Role::Respondent, &enter),
            Some(Action::Select),
            "a respondent saves their note"
        );
    }

    #[test]
    fn an_invited_respondent_answers_as_itself_and_leaves() {
        // everything a respondent at the desk may not do, nor may one
        // invited over SSH
        for mode in MODES {
            for b in for_role(bindings(mode), Role::Invited) {
                assert!(
                    for_role(bindings(mode), Role::Respondent).any(|r| r.action == b.action),
                    "{mode:?}: {:?}",
                    b.action
                );
            }
        }
        let walk: Vec<&Binding> = for_role(bindings(Mode::Interview), Role::Invited).collect();
        // it answers only as itself: no switching who answers
        assert!(walk.iter().all(|b| b.action != Action::NextVoice));
        let v = key(KeyCode::Char('v'));
        assert_eq!(action_as(Mode::Interview, Role::Invited, &v), None);
        assert_eq!(
            action_as(Mode::Interview, Role::Respondent, &v),
            Some(Action::NextVoice)
        );
        // q leaves the interview, and its help says so, not "back to the list"
        let s = crate::text::ui(crate::core::lang::Lang::En);
        let quit: Vec<&&Binding> = walk.iter().filter(|b| b.action == Action::Quit).collect();
        assert_eq!(quit.len(), 1);
        assert_eq!((quit[0].label)(s), s.key_leave);
        assert_eq!(
            action_as(Mode::Interview, Role::Invited, &key(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
        assert!(
            walk.iter()
                .any(|b| b.action == Action::Answer(AnswerValue::Met))
        );
    }
}
