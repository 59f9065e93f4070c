//! The interface's state and its one update function.
//!
//! Data flows one way: a key becomes an [`Action`] (see `keys`), `update`
//! hands it to the screen shown (each screen is a module of `screens`,
//! with its own key table, update and draw) and returns [`Effect`]s; the
//! runtime carries them out through the store and reports back with a
//! [`Msg`]; then the screen is drawn from the state. Nothing here touches a
//! file, the terminal or the clock, so every transition is tested by
//! feeding messages in.
//!
//! `App` keeps what outlives a screen: the language, who is at the keys,
//! the home list, the screen, the overlay and the status line; and routes.

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::KeyEvent;

use super::ctx::Cx;
use super::input::TextInput;
use super::keys::{Action, Mode, Role, action_as};
use super::screens::{assessments, compare, confirm, help, note, open, stage, trash};
use crate::core::Lang;
use crate::core::ops::Op;
use crate::core::profile::Profile;

pub use super::ctx::Status;
pub use super::screens::{
    AdviceTab, AdviceView, CompareView, ConsensusView, DEFAULT_HORIZON_YEARS, EditTarget, Editor,
    Entry, Home, MAX_COMPARED, Matrix, MoveRef, Open, Overlay, PlanItem, PlanLine, SUMMARY_FIELDS,
    SUMMARY_PAGE, Screen, Sort, View, Walk,
};

/// A note being typed, kept on disk so that nothing typed is lost.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    pub profile: String,
    pub assessment: usize,
    /// The assessment's id: a draft belongs to it, not to a position.
    #[serde(default)]
    pub assessment_id: String,
    pub indicator: String,
    pub text: String,
    /// The respondent whose note it is (by id); `None`: the assessment's
    /// own note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
}

impl Draft {
    /// Where the store keeps it.
    pub fn key(&self) -> crate::store::DraftKey {
        crate::store::DraftKey::new(
            &self.profile,
            &self.assessment_id,
            self.respondent.as_deref(),
        )
    }
}

/// What the runtime reports back.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Listed {
        entries: Vec<Entry>,
        skipped: Vec<String>,
        folder: String,
    },
    Opened {
        profile: Box<Profile>,
        read_only: Option<String>,
        new_assessment: bool,
        draft: Option<Draft>,
    },
    OpenFailed(String),
    CreateFailed(String),
    Saved {
        at: DateTime<Utc>,
        label: String,
    },
    SaveFailed(String),
    /// The open profile can no longer be written by this session (it
    /// changed on disk): the banner saying why, until it is reopened.
    ReadOnly(String),
    /// An export would replace these existing files: ask first.
    ExportWouldReplace {
        export: Box<Effect>,
        existing: Vec<String>,
    },
    Info(String),
    /// A problem to show on the status line (a settings file that could
    /// not be read or written): said, and nothing else changes.
    Problem(String),
    /// Profiles loaded (read-only) for a comparison or a timeline.
    ForCompare {
        profiles: Vec<Profile>,
        timeline: bool,
    },
    /// The profile was kept in the trash (at `kept`) before `assessment`
    /// is deleted from it.
    AssessmentTrashed {
        assessment: String,
        kept: String,
    },
    /// What the trash holds that can be restored.
    TrashListed(Vec<crate::store::TrashItem>),
    /// Who is connected, and the invitations; whether this process serves.
    ConnectedListed {
        rows: Vec<super::screens::connected::ConnectedRow>,
        /// Where this process serves the interview, and its host key.
        serving: Option<(u16, String)>,
    },
    /// A profile's respondents (id, name) for the invitation form, or why
    /// they could not be read.
    Invitees {
        profile: String,
        respondents: Result<Vec<(String, String)>, String>,
    },
    /// An invitation was made.
    Invited(Box<super::screens::invite::Invited>),
    /// An invitation could not be made: why, in one line.
    InviteFailed(String),
    /// The open profile as its owner holds it now, with every session's
    /// changes (a served session): taken in, the place on screen kept.
    Refreshed(Box<Profile>),
}

/// What the state asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    List,
    Open {
        id: String,
        new_assessment: bool,
    },
    Create(Box<Profile>),
    /// Save the open profile: `profile` is the state to write, `ops` the
    /// operations applied to it since the last save effect (the session
    /// journals them before writing), `draft` a draft to drop once the
    /// save has succeeded (the note it held is in `ops`).
    Save {
        profile: Box<Profile>,
        ops: Vec<Op>,
        draft: Option<crate::store::DraftKey>,
    },
    SaveDraft(Draft),
    ClearDraft(crate::store::DraftKey),
    Close,
    Trash(String),
    AddExamples,
    /// Write the assessment's report in every format to `base` + extension.
    Export {
        profile: Box<Profile>,
        assessment: usize,
        base: String,
    },
    /// Write the comparison's report (cities side by side, or a city over
    /// time) in every format to `base` + extension, in the screen's order.
    ExportComparison {
        comparison: Box<crate::core::compare::Comparison>,
        timeline: bool,
        sort: crate::core::compare::SortBy,
        base: String,
    },
    /// The same export, asked about and confirmed: existing files are
    /// replaced.
    ExportReplacing(Box<Effect>),
    /// Read these profiles, without locking them, to compare them.
    LoadForCompare {
        ids: Vec<String>,
        timeline: bool,
    },
    /// Keep the open profile (as `profile` holds it) in the trash, then
    /// report back, so that `assessment` can be deleted from it.
    TrashAssessment {
        profile: Box<Profile>,
        assessment: String,
    },
    /// List what the trash holds.
    ListTrash,
    /// List who is connected to the served interview, and the invitations.
    ListConnected,
    /// Invite a respondent of a profile to answer over SSH (the
    /// invitation form; `citydx serve` only), through the store function
    /// `citydx invite` calls.
    Invite {
        profile: String,
        respondent: String,
        /// Empty: every domain.
        domains: Vec<crate::core::framework::DomainId>,
        expires: chrono::Duration,
        /// The respondent's public key file; `None`: a code.
        key: Option<std::path::PathBuf>,
    },
    /// Revoke the invitation of user `user` (who is connected).
    Revoke {
        user: String,
    },
    /// Read the respondents of a profile's latest assessment for the
    /// invitation form (the copy the server holds, else the file).
    LoadInvitees {
        profile: String,
    },
    /// Restore a profile or an assessment from the trash.
    Restore(Box<crate::store::TrashItem>),
    /// The interface's language was chosen with `L`: the local driver
    /// remembers it for the next run (the session core writes no
    /// settings; a session served to someone else remembers nothing).
    RememberLang(Lang),
    Quit,
}

#[derive(Debug)]
pub struct App {
    pub lang: Lang,
    pub today: NaiveDate,
    /// Now, as the runtime last set it (before each key): when a voice is
    /// given. `None` in tests that do not set it (the voice has no time).
    pub now: Option<DateTime<Utc>>,
    /// Who is at the keys: only the keys of this role act, and only they
    /// are shown in the help and the hint line.
    pub role: Role,
    pub screen: Screen,
    pub home: Home,
    pub overlay: Option<Overlay>,
    pub status: Status,
    pub quit: bool,
    /// The view to show once the profile being opened arrives.
    pub pending_view: Option<View>,
    /// Operations on the open profile not yet saved to disk (kept in the
    /// journal); set by the session. Quitting or closing asks while any.
    pub unsaved: usize,
    /// A respondent's session: the domains it may see (by
    /// `DomainId::index`); set by the session, `None` for the consultant.
    pub scope: Option<[bool; 7]>,
    /// The most bytes a text field may hold: set for an invited
    /// respondent's session (`citydx serve --note-size`), so that one
    /// client cannot fill the shared profile; `None` at the desk.
    pub text_limit: Option<usize>,
}

impl App {
    pub fn new(lang: Lang, today: NaiveDate) -> App {
        App {
            lang,
            today,
            now: None,
            role: Role::Consultant,
            screen: Screen::Home,
            home: Home::default(),
            overlay: None,
            status: Status::default(),
            quit: false,
            pending_view: None,
            unsaved: 0,
            scope: None,
            text_limit: None,
        }
    }

    /// The key map in force.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(
                Overlay::ConfirmTrash { .. }
                | Overlay::ConfirmLeave { .. }
                | Overlay::ConfirmDiscard { .. }
                | Overlay::ConfirmReplace { .. }
                | Overlay::ConfirmRevoke { .. },
            ) => Mode::Confirm,
            Some(Overlay::Stage { .. }) => Mode::Stage,
            Some(Overlay::Note { .. }) => Mode::Note,
            None => self.screen.mode(&self.home),
        }
    }

    /// The text input keys type into now (the home filter, a form field,
    /// an editor), and whether it holds several lines (a note); `None`
    /// outside a text field or under an overlay. (For pastes.)
    pub fn text_input_mut(&mut self) -> Option<(&mut TextInput, bool)> {
        if self.overlay.is_some() {
            return None;
        }
        match &mut self.screen {
            Screen::Home if self.home.filtering => Some((&mut self.home.filter, false)),
            screen => screen.text_input_mut(),
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let effects = self.step(msg);
        self.home.refresh(self.lang);
        effects
    }

    /// What a screen's update is given besides its own state.
    fn cx(&mut self) -> Cx<'_> {
        Cx {
            lang: self.lang,
            s: crate::text::ui(self.lang),
            today: self.today,
            now: self.now,
            role: self.role,
            status: &mut self.status,
            overlay: &mut self.overlay,
            quit: &mut self.quit,
            pending_view: &mut self.pending_view,
        }
    }

    fn step(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => self.on_key_within_limit(key),
            Msg::Listed {
                entries,
                skipped,
                folder,
            } => {
                self.home.listed(entries, skipped, folder, self.lang);
                vec![]
            }
            Msg::Opened {
                profile,
                read_only,
                new_assessment,
                draft,
            } => {
                let (screen, effects) =
                    open::opened(*profile, read_only, new_assessment, draft, &mut self.cx());
                if let Some(screen) = screen {
                    self.screen = screen;
                }
                effects
            }
            Msg::OpenFailed(error) => {
                self.pending_view = None;
                self.status.error = Some(error);
                vec![]
            }
            Msg::CreateFailed(error) => {
                if let Screen::Form(form) = &mut self.screen {
                    form.error = Some(error.clone());
                }
                self.status.error = Some(error);
                vec![]
            }
            Msg::Saved { at, label } => {
                if let Some(open) = self.screen.open_mut() {
                    open.profile.updated = at;
                }
                self.status.saved_at = Some(label);
                self.status.error = None;
                vec![]
            }
            Msg::SaveFailed(error) => {
                self.status.error = Some(error);
                vec![]
            }
            Msg::ReadOnly(reason) => {
                if let Some(open) = self.screen.open_mut() {
                    open.read_only = Some(reason.clone());
                }
                self.status.error = Some(reason);
                vec![]
            }
            Msg::ExportWouldReplace { export, existing } => {
                self.overlay = Some(Overlay::ConfirmReplace { export, existing });
                vec![]
            }
            Msg::Info(info) => {
                self.status.info = Some(info);
                vec![]
            }
            Msg::Problem(problem) => {
                self.status.error = Some(problem);
                vec![]
            }
            Msg::ForCompare { profiles, timeline } => {
                if let Some(screen) = compare::open(&profiles, timeline, &mut self.cx()) {
                    self.screen = screen;
                }
                vec![]
            }
            Msg::AssessmentTrashed { assessment, kept } => {
                let screen = std::mem::replace(&mut self.screen, Screen::Home);
                let (screen, effects) =
                    assessments::deleted(screen, &assessment, &kept, &mut self.cx());
                self.screen = screen;
                effects
            }
            Msg::ConnectedListed { rows, serving } => {
                if let Screen::Connected(view) = &mut self.screen {
                    super::screens::connected::listed(view, rows, serving);
                }
                vec![]
            }
            Msg::Refreshed(profile) => {
                if let Some(open) = self.screen.open_mut()
                    && open.profile.id == profile.id
                {
                    let assessment = open.assessment().id.clone();
                    open.profile = *profile;
                    open.assessment = open
                        .profile
                        .assessment_index(&assessment)
                        .unwrap_or(open.profile.assessments.len().saturating_sub(1));
                }
                vec![]
            }
            Msg::Invitees {
                profile,
                respondents,
            } => {
                if let Screen::Invite(form) = &mut self.screen {
                    form.respondents_read(&profile, respondents);
                }
                vec![]
            }
            Msg::Invited(invited) => {
                if let Screen::Invite(form) = &mut self.screen {
                    form.made(*invited);
                }
                vec![]
            }
            Msg::InviteFailed(why) => match &mut self.screen {
                Screen::Invite(form) => {
                    form.failed(why);
                    vec![]
                }
                _ => {
                    self.status.error = Some(why);
                    vec![]
                }
            },
            Msg::TrashListed(items) => {
                if let Screen::Trash(view) = &mut self.screen {
                    trash::listed(view, items);
                }
                vec![]
            }
        }
    }

    /// A key, with the text limit kept: a key that would take the text
    /// being edited past [`App::text_limit`] is undone and said so.
    fn on_key_within_limit(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(limit) = self.text_limit else {
            return self.on_key(key);
        };
        let before = self.text_input_mut().map(|(input, _)| input.clone());
        let effects = self.on_key(key);
        if let (Some(before), Some((input, _))) = (before, self.text_input_mut())
            && input.text.len() > limit
            && input.text.len() > before.text.len()
        {
            *input = before;
            self.text_limit_reached(limit);
        }
        effects
    }

    /// Text refused at the limit: nothing changes but the status line.
    pub fn text_limit_reached(&mut self, limit: usize) {
        self.status.info = None;
        self.status.error = Some(crate::text::fill(
            crate::text::ui(self.lang).text_limit_reached,
            &[&limit],
        ));
    }

    /// A key: what it means in the mode in force for whoever is at the
    /// keys, then the overlay or the screen acts on it.
    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let mode = self.mode();
        let action = action_as(mode, self.role, &key);
        if action == Some(Action::ForceQuit) {
            self.quit = true;
            return vec![Effect::Quit];
        }
        // the user acts again: the last notice and the last error go (an
        // error that persists, a save still failing, comes back with the
        // next retry; a read-only profile keeps its banner)
        if action != Some(Action::Help) && mode != Mode::Help {
            self.status.info = None;
            self.status.error = None;
        }
        if let Some(overlay) = self.overlay.take() {
            return match overlay {
                Overlay::Help { .. } => {
                    self.overlay = help::update(overlay, action);
                    vec![]
                }
                Overlay::Stage { .. } => {
                    self.overlay = stage::update(overlay, action);
                    vec![]
                }
                Overlay::Note { .. } => {
                    self.overlay = note::update(overlay, action);
                    vec![]
                }
                Overlay::ConfirmLeave { key } => match action {
                    // leave all the same: the journal keeps the changes
                    Some(Action::Confirm) => self.on_screen_key(Some(Action::Quit), &key),
                    Some(Action::Deny) => vec![],
                    _ => {
                        self.overlay = Some(Overlay::ConfirmLeave { key });
                        vec![]
                    }
                },
                // drop the edit: the editor gets its Esc
                Overlay::ConfirmDiscard { key } => match action {
                    Some(Action::Confirm) => self.on_screen_key(Some(Action::Back), &key),
                    Some(Action::Deny) => vec![],
                    _ => {
                        self.overlay = Some(Overlay::ConfirmDiscard { key });
                        vec![]
                    }
                },
                Overlay::ConfirmReplace { export, existing } => match action {
                    Some(Action::Confirm) => vec![Effect::ExportReplacing(export)],
                    Some(Action::Deny) => vec![],
                    _ => {
                        self.overlay = Some(Overlay::ConfirmReplace { export, existing });
                        vec![]
                    }
                },
                Overlay::ConfirmRevoke { user, who } => match action {
                    Some(Action::Confirm) => vec![Effect::Revoke { user }, Effect::ListConnected],
                    Some(Action::Deny) => vec![],
                    _ => {
                        self.overlay = Some(Overlay::ConfirmRevoke { user, who });
                        vec![]
                    }
                },
                Overlay::ConfirmTrash { ref id, .. } => {
                    match confirm::update(id, &mut self.home, action) {
                        Some(effects) => effects,
                        None => {
                            self.overlay = Some(overlay);
                            vec![]
                        }
                    }
                }
            };
        }
        // the same everywhere they are bound
        match action {
            Some(Action::Help) => {
                self.overlay = Some(Overlay::Help { mode, scroll: 0 });
                return vec![];
            }
            // the stage being walked, in full, over the interview
            Some(Action::StageInfo) => {
                if let Screen::Walk(_, walk) = &self.screen
                    && walk.page < crate::core::framework::STAGES as usize
                {
                    self.overlay = Some(Overlay::Stage {
                        domain: walk.domain_id(),
                        stage: walk.page,
                        scroll: 0,
                    });
                }
                return vec![];
            }
            // the selected indicator's note in full, over the interview
            Some(Action::ViewNote) => {
                if let Screen::Walk(_, walk) = &self.screen
                    && let Some(indicator) = walk.selected_indicator()
                {
                    self.overlay = Some(Overlay::Note {
                        indicator: indicator.to_string(),
                        scroll: 0,
                        measure: Default::default(),
                    });
                }
                return vec![];
            }
            Some(Action::SwitchLanguage) => {
                self.lang = self.lang.other();
                return vec![Effect::RememberLang(self.lang)];
            }
            // Esc in an editor whose text changed asks before dropping it
            Some(Action::Back)
                if matches!(mode, Mode::Editor | Mode::NoteEditor)
                    && self.screen.editor().is_some_and(|e| e.changed()) =>
            {
                self.overlay = Some(Overlay::ConfirmDiscard { key });
                return vec![];
            }
            // changes not yet on disk: say so and ask before leaving
            Some(Action::Quit) if self.unsaved > 0 => {
                self.overlay = Some(Overlay::ConfirmLeave { key });
                return vec![];
            }
            _ => {}
        }
        self.on_screen_key(action, &key)
    }

    /// The screen shown acts on a key.
    fn on_screen_key(&mut self, action: Option<Action>, key: &KeyEvent) -> Vec<Effect> {
        let screen = std::mem::replace(&mut self.screen, Screen::Home);
        let mut home = std::mem::take(&mut self.home);
        let (screen, effects) = screen.update(&mut home, &mut self.cx(), action, key);
        self.home = home;
        self.screen = screen;
        effects
    }

    /// Called by the runtime before it exits, however it exits: what must
    /// still be written. Answers are saved as they are given, so only the
    /// note being typed is left, and it is already kept as a draft.
    pub fn pending_draft(&self) -> Option<Draft> {
        let open = self.screen.open()?;
        match self.screen.editor() {
            Some(Editor {
                target: EditTarget::Note(indicator),
                input,
                ..
            }) if open.read_only.is_none() => Some(Draft {
                profile: open.profile.id.clone(),
                assessment: open.assessment,
                assessment_id: open.assessment().id.clone(),
                indicator: indicator.clone(),
                text: input.text.clone(),
                respondent: open.answering_respondent().map(|r| r.id.clone()),
            }),
            _ => None,
        }
    }
}
