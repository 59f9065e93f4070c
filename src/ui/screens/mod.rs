//! One module per screen. Each owns its state, its key table (`KEYS`), its
//! update (the screen handed in by value and the next screen handed back,
//! with the effects) and its draw. This module only routes.
//!
//! - `home`: the profiles (its state lives in `App`, so marks, filter, sort
//!   and selection survive a visit elsewhere).
//! - `form`: the new-profile form.
//! - `open`: the profile the interview views share (profile, assessment,
//!   read-only reason); the views are `walk` (the stage pages), `summary`
//!   (a domain's level and target), `matrix` (7 x 3) and `advice`.
//! - `compare`: cities side by side, or one city over time.
//! - `details`: an assessment's date, interviewer and respondents (asked
//!   when reassessing, editable after); `assessments`: the city's
//!   assessments (view, export, edit, delete); `trash`: restore a profile
//!   or an assessment.
//! - overlays and parts: `help`, `confirm`, `editor` (the one-line text
//!   editor the interview views open).

pub mod advice;
pub mod assessments;
pub mod compare;
pub mod confirm;
pub mod connected;
pub mod consensus;
pub mod details;
pub mod editor;
pub mod form;
pub mod help;
pub mod home;
pub mod invite;
pub mod matrix;
pub mod note;
pub mod open;
pub mod stage;
pub mod summary;
pub mod trash;
pub mod walk;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::app::Effect;
use super::ctx::{Ctx, Cx};
use super::input::TextInput;
use super::keys::{Action, Mode};
pub use advice::{AdviceTab, AdviceView, PlanItem, PlanLine};
pub use compare::{CompareView, MAX_COMPARED};
pub use consensus::ConsensusView;
pub use editor::{EditTarget, Editor, MoveRef};
pub use form::Form;
pub use home::{Entry, Home, Sort};
pub use matrix::Matrix;
pub use open::Open;
pub use summary::{DEFAULT_HORIZON_YEARS, SUMMARY_FIELDS, SUMMARY_PAGE};
pub use walk::Walk;

/// The screen shown. Adding a screen: a module with its state, `KEYS`,
/// `update` and `draw`, a variant here, a `Mode` in `keys`, and one line in
/// each `match` below.
#[derive(Debug)]
pub enum Screen {
    Home,
    Form(Box<Form>),
    /// A stage page of the walk through the indicators.
    Walk(Box<Open>, Walk),
    /// A domain's last page: level, target, importance, override.
    Summary(Box<Open>, Walk),
    Matrix(Box<Open>, Matrix),
    Advice(Box<Open>, Box<AdviceView>),
    Compare(Box<CompareView>),
    /// An assessment's date, interviewer and respondents; a reassessment.
    Details(Box<Open>, Box<details::Details>),
    /// The city's assessments.
    Assessments(Box<Open>, Box<assessments::Chooser>),
    Trash(Box<trash::TrashView>),
    /// Who is connected to the served interview.
    Connected(Box<connected::ConnectedView>),
    /// The invitation form, and the invitation made.
    Invite(Box<invite::InviteForm>),
    /// The disagreements among the voices, and merge disputes, to settle.
    Consensus(Box<Open>, Box<ConsensusView>),
}

/// Which view of an open profile is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The stage pages and the domain summaries.
    Walk,
    Matrix,
    /// The gap and the entry points (the engine's advice).
    Advice,
    /// The profile form over the city's facts (asked for from home).
    Profile,
}

/// What is drawn over the screen.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help {
        mode: Mode,
        scroll: usize,
    },
    ConfirmTrash {
        id: String,
        name: String,
    },
    /// Quitting or closing with changes not yet saved: the key that asked.
    ConfirmLeave {
        key: ratatui::crossterm::event::KeyEvent,
    },
    /// A stage in full, over the interview (`S`).
    Stage {
        domain: crate::core::framework::DomainId,
        stage: usize,
        scroll: usize,
    },
    /// Esc in an editor whose text changed: drop the changes? (The key
    /// that asked goes to the editor on yes.)
    ConfirmDiscard {
        key: ratatui::crossterm::event::KeyEvent,
    },
    /// The selected indicator's note in full, over the interview (`N`).
    Note {
        indicator: String,
        scroll: usize,
        measure: note::Measure,
    },
    /// Revoke an invitation (who is connected): its user, and whose it is.
    ConfirmRevoke {
        user: String,
        who: String,
    },
    /// An export would replace existing files.
    ConfirmReplace {
        export: Box<super::app::Effect>,
        existing: Vec<String>,
    },
}

impl Screen {
    /// The key map in force (without overlays).
    pub fn mode(&self, home: &Home) -> Mode {
        match self {
            Screen::Home if home.filtering => Mode::HomeFilter,
            Screen::Home => Mode::Home,
            Screen::Form(form) if form.picker.is_some() => Mode::CountryPicker,
            Screen::Form(_) => Mode::Form,
            Screen::Details(..) => Mode::Details,
            Screen::Assessments(_, chooser) => assessments::mode(chooser),
            Screen::Trash(_) => Mode::Trash,
            Screen::Connected(_) => Mode::Connected,
            Screen::Invite(form) if form.result.is_some() => Mode::Invited,
            Screen::Invite(_) => Mode::Invite,
            _ if self.editor().is_some_and(|e| e.multi_line()) => Mode::NoteEditor,
            _ if self.editor().is_some() => Mode::Editor,
            Screen::Compare(_) => Mode::Compare,
            Screen::Walk(..) => Mode::Interview,
            Screen::Summary(..) => Mode::DomainSummary,
            Screen::Matrix(..) => Mode::Matrix,
            Screen::Advice(_, view) if view.tab == AdviceTab::Plan => Mode::AdvicePlan,
            Screen::Advice(..) => Mode::Advice,
            Screen::Consensus(..) => Mode::Consensus,
        }
    }

    /// Whether the hint for `action` applies to what is drawn in `body`
    /// now (the key table lists every key; a hint for a key that would do
    /// nothing here is left out: paging when every column fits).
    pub fn hint_applies(&self, action: Action, body: ratatui::layout::Rect) -> bool {
        match (self, action) {
            (Screen::Compare(view), Action::Left | Action::Right) => {
                !view.all_columns_fit(body.width)
            }
            _ => true,
        }
    }

    /// The open profile, on the interview views.
    pub fn open(&self) -> Option<&Open> {
        match self {
            Screen::Walk(o, _) | Screen::Summary(o, _) | Screen::Matrix(o, _) => Some(o),
            Screen::Advice(o, _)
            | Screen::Details(o, _)
            | Screen::Assessments(o, _)
            | Screen::Consensus(o, _) => Some(o),
            Screen::Form(form) => match &form.mode {
                form::FormMode::Edit { open, .. } => Some(open),
                form::FormMode::New => None,
            },
            Screen::Invite(form) => form.open(),
            _ => None,
        }
    }

    pub fn open_mut(&mut self) -> Option<&mut Open> {
        match self {
            Screen::Walk(o, _) | Screen::Summary(o, _) | Screen::Matrix(o, _) => Some(o),
            Screen::Advice(o, _)
            | Screen::Details(o, _)
            | Screen::Assessments(o, _)
            | Screen::Consensus(o, _) => Some(o),
            Screen::Form(form) => match &mut form.mode {
                form::FormMode::Edit { open, .. } => Some(open),
                form::FormMode::New => None,
            },
            Screen::Invite(form) => form.open_mut(),
            _ => None,
        }
    }

    /// The place in the walk (kept while the matrix or the advice is shown).
    pub fn walk(&self) -> Option<&Walk> {
        match self {
            Screen::Walk(_, w) | Screen::Summary(_, w) => Some(w),
            Screen::Matrix(_, m) => Some(&m.walk),
            Screen::Advice(_, a) => Some(&a.walk),
            Screen::Consensus(_, c) => Some(&c.walk),
            _ => None,
        }
    }

    /// The view of the open profile shown, if any.
    pub fn view(&self) -> Option<View> {
        match self {
            Screen::Walk(..) | Screen::Summary(..) | Screen::Consensus(..) => Some(View::Walk),
            Screen::Matrix(..) => Some(View::Matrix),
            Screen::Advice(..) => Some(View::Advice),
            _ => None,
        }
    }

    /// The one-line editor open on an interview view.
    pub fn editor(&self) -> Option<&Editor> {
        match self {
            Screen::Walk(_, w) | Screen::Summary(_, w) => w.editor.as_ref(),
            Screen::Advice(_, a) => a.editor.as_ref(),
            Screen::Consensus(_, c) => c.editor.as_ref(),
            Screen::Compare(view) => view.editor.as_ref(),
            _ => None,
        }
    }

    pub fn editor_mut(&mut self) -> Option<&mut Editor> {
        match self {
            Screen::Walk(_, w) | Screen::Summary(_, w) => w.editor.as_mut(),
            Screen::Advice(_, a) => a.editor.as_mut(),
            Screen::Consensus(_, c) => c.editor.as_mut(),
            Screen::Compare(view) => view.editor.as_mut(),
            _ => None,
        }
    }

    /// The text input keys type into, on this screen, and whether it holds
    /// several lines (a note). (The home filter is `Home`'s; see
    /// `App::text_input_mut`.)
    pub fn text_input_mut(&mut self) -> Option<(&mut TextInput, bool)> {
        if let Screen::Form(form) = self {
            if form.picker.is_some() {
                return form.picker.as_mut().map(|p| (&mut p.filter, false));
            }
            return form.focused_input_mut().map(|input| (input, false));
        }
        if let Screen::Invite(form) = self {
            return form.focused_input_mut().map(|input| (input, false));
        }
        if let Screen::Details(_, details) = self {
            return details.input_mut().map(|input| (input, false));
        }
        if let Screen::Assessments(_, chooser) = self {
            return chooser.export.as_mut().map(|input| (input, false));
        }
        let editor = self.editor_mut()?;
        let multi_line = matches!(editor.target, EditTarget::Note(_));
        Some((&mut editor.input, multi_line))
    }

    /// The screen's update: the screen in, the next screen out.
    pub fn update(
        self,
        home: &mut Home,
        cx: &mut Cx<'_>,
        action: Option<Action>,
        key: &KeyEvent,
    ) -> (Screen, Vec<Effect>) {
        match self {
            Screen::Home => home::update(home, cx, action, key),
            Screen::Form(form) => form::update(form, cx, action, key),
            Screen::Walk(open, walk) => walk::update(open, walk, cx, action, key),
            Screen::Summary(open, walk) => summary::update(open, walk, cx, action, key),
            Screen::Matrix(open, matrix) => matrix::update(open, matrix, cx, action),
            Screen::Advice(open, view) => advice::update(open, view, cx, action, key),
            Screen::Compare(view) => compare::update(view, cx, action, key),
            Screen::Details(open, details) => details::update(open, details, cx, action, key),
            Screen::Assessments(open, chooser) => {
                assessments::update(open, chooser, cx, action, key)
            }
            Screen::Trash(view) => trash::update(view, cx, action),
            Screen::Connected(view) => connected::update(view, home, cx, action),
            Screen::Invite(form) => invite::update(form, cx, action, key),
            Screen::Consensus(open, view) => consensus::update(open, view, cx, action, key),
        }
    }

    /// The title in the header.
    pub fn title(&self, cx: &Ctx) -> String {
        let s = cx.s;
        match self {
            Screen::Home => s.title_home.to_string(),
            Screen::Form(form) => match &form.mode {
                form::FormMode::New => s.title_form.to_string(),
                form::FormMode::Edit { open, .. } => {
                    fill_title(s.w.title_profile_edit, open.profile.city.name.get(cx.lang))
                }
            },
            Screen::Details(open, details) => details::title(open, details, cx),
            Screen::Assessments(open, _) => assessments::title(open, cx),
            Screen::Trash(_) => s.w.title_trash.to_string(),
            Screen::Connected(_) => s.w.title_connected.to_string(),
            Screen::Invite(_) => s.w.title_invite.to_string(),
            Screen::Compare(view) => view.title(cx),
            Screen::Walk(open, _) | Screen::Summary(open, _) => open.title(s.title_interview, cx),
            Screen::Matrix(open, _) => open.title(s.title_matrix, cx),
            Screen::Advice(open, _) => open.title(s.title_advice, cx),
            Screen::Consensus(open, _) => open.title(s.title_consensus, cx),
        }
    }

    /// Draws the screen's body.
    pub fn draw(&self, buf: &mut Buffer, area: Rect, home: &Home, cx: &Ctx) {
        match self {
            Screen::Home => home::draw(buf, area, home, cx),
            Screen::Form(form) => form::draw(buf, area, form, cx),
            Screen::Walk(open, walk) => walk::draw(buf, area, open, walk, cx),
            Screen::Summary(open, walk) => summary::draw(buf, area, open, walk, cx),
            Screen::Matrix(open, matrix) => matrix::draw(buf, area, open, matrix, cx),
            Screen::Advice(open, view) => advice::draw(buf, area, open, view, cx),
            Screen::Compare(view) => compare::draw(buf, area, view, cx),
            Screen::Details(open, details) => details::draw(buf, area, open, details, cx),
            Screen::Assessments(open, chooser) => assessments::draw(buf, area, open, chooser, cx),
            Screen::Trash(view) => trash::draw(buf, area, view, cx),
            Screen::Connected(view) => connected::draw(buf, area, view, cx),
            Screen::Invite(form) => invite::draw(buf, area, form, cx),
            Screen::Consensus(open, view) => consensus::draw(buf, area, open, view, cx),
        }
    }
}

fn fill_title(template: &str, name: &str) -> String {
    crate::text::fill(template, &[&name])
}
