//! The interface's state and its one update function.
//!
//! Data flows one way: a key becomes an [`Action`] (see `keys`), `update`
//! changes the state and returns [`Effect`]s; the runtime carries them out
//! through the store and reports back with a [`Msg`]; then the screen is
//! drawn from the state. Nothing here touches a file, the terminal or the
//! clock, so every transition is tested by feeding messages in.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::form::{Form, FormOutcome};
use super::input::TextInput;
use super::keys::{Action, Mode, action};
use crate::core::advice::{Advice, advise};
use crate::core::compare::{Comparison, SortBy, compare_assessments, compare_profiles};
use crate::core::framework::{DomainId, STAGES};
use crate::core::maturity::progress;
use crate::core::profile::{
    AnswerValue, Assessment, MAX_HORIZON_YEARS, Override, PhaseEdit, Profile, Target,
};
use crate::core::summary::ProfileSummary;
use crate::core::{Lang, framework};
use crate::text::{fill, ui};

/// A profile as the home screen lists it.
pub type Entry = ProfileSummary;

/// How the home list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Name,
    Updated,
    Progress,
}

#[derive(Debug, Default)]
pub struct Home {
    pub entries: Vec<Entry>,
    pub skipped: Vec<String>,
    pub folder: String,
    pub loaded: bool,
    pub filter: TextInput,
    pub filtering: bool,
    pub sort: Option<Sort>,
    /// Index into the visible list.
    pub selected: usize,
    pub marked: BTreeSet<String>,
    /// The visible list (indices into `entries`, filtered and sorted),
    /// computed once per change, never per frame or per key elsewhere.
    shown: Vec<usize>,
    /// Per entry: what the filter searches, and the lower-case names.
    search: Vec<String>,
    names: [Vec<String>; 2],
    /// What `shown` was computed for: language, filter, sort, entries.
    shown_for: Option<(Lang, String, Sort, usize)>,
    entries_version: usize,
}

impl Home {
    /// Replaces the entries (a new listing).
    pub fn set_entries(&mut self, entries: Vec<Entry>) {
        self.search = entries.iter().map(|e| e.search_key()).collect();
        self.names = [Lang::En, Lang::Zh].map(|lang| {
            entries
                .iter()
                .map(|e| e.name.get(lang).to_lowercase())
                .collect()
        });
        self.entries = entries;
        self.entries_version += 1;
    }

    /// Recomputes the visible list if what it depends on changed.
    pub fn refresh(&mut self, lang: Lang) {
        let needle = self.filter.trimmed().to_lowercase();
        let sort = self.sort.unwrap_or(Sort::Name);
        let key = (lang, needle, sort, self.entries_version);
        if self.shown_for.as_ref() == Some(&key) {
            return;
        }
        let needle = &key.1;
        let mut shown: Vec<usize> = (0..self.entries.len())
            .filter(|&i| needle.is_empty() || self.search[i].contains(needle.as_str()))
            .collect();
        let e = &self.entries;
        match sort {
            Sort::Name => {
                let names = &self.names[usize::from(lang == Lang::Zh)];
                shown.sort_by(|&a, &b| names[a].cmp(&names[b]).then(e[a].id.cmp(&e[b].id)))
            }
            Sort::Updated => {
                shown.sort_by(|&a, &b| e[b].updated.cmp(&e[a].updated).then(e[a].id.cmp(&e[b].id)))
            }
            Sort::Progress => {
                let share = |x: &Entry| x.answered * 1000 / x.total.max(1);
                shown.sort_by(|&a, &b| share(&e[b]).cmp(&share(&e[a])).then(e[a].id.cmp(&e[b].id)))
            }
        }
        self.shown = shown;
        self.shown_for = Some(key);
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// Indices into `entries` after the filter and the sort (as of the last
    /// update).
    pub fn visible(&self, _lang: Lang) -> &[usize] {
        &self.shown
    }

    pub fn selected_entry(&self, lang: Lang) -> Option<&Entry> {
        self.visible(lang)
            .get(self.selected)
            .map(|&i| &self.entries[i])
    }
}

/// What a one-line editor is editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    Note(String),
    PhaseOwner(usize),
    PhaseStart(usize),
    PhaseEnd(usize),
    /// Where to write the report: a path without extension.
    ExportPath,
    TargetStage,
    Horizon,
    Importance,
    OverrideLevel,
    OverrideReason,
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub target: EditTarget,
    pub input: TextInput,
    pub error: Option<String>,
}

/// The fields of a domain's summary page, in order.
pub const SUMMARY_FIELDS: [EditTarget; 4] = [
    EditTarget::TargetStage,
    EditTarget::Horizon,
    EditTarget::Importance,
    EditTarget::OverrideLevel,
];

/// Pages of a domain: its three stages, then its summary.
pub const SUMMARY_PAGE: usize = STAGES as usize;

/// Horizon given to a new target until the consultant sets one.
pub const DEFAULT_HORIZON_YEARS: u8 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Walk,
    Matrix,
    /// The gap and the entry points (the engine's advice).
    Advice,
}

/// The two tabs of the advice view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdviceTab {
    Overview,
    Plan,
}

/// An open assessment.
#[derive(Debug, Clone)]
pub struct Interview {
    pub profile: Profile,
    pub assessment: usize,
    pub read_only: Option<String>,
    pub domain: usize,
    /// 0 to 2: the stages; 3: the domain's summary.
    pub page: usize,
    /// The selected indicator, or summary field.
    pub selected: usize,
    pub view: View,
    pub matrix_row: usize,
    pub editor: Option<Editor>,
    /// An override level waiting for its reason.
    pub pending_override: Option<f64>,
    /// The engine's advice, computed when the advice view opens and after
    /// every change made in it (not on every frame).
    pub advice: Option<Advice>,
    pub advice_tab: AdviceTab,
    /// The selected domain (overview, 0 to 6) or phase (plan).
    pub advice_row: usize,
    /// How far the selected domain's detail is scrolled.
    pub advice_scroll: u16,
}

impl Interview {
    pub fn new(profile: Profile, assessment: usize, read_only: Option<String>) -> Interview {
        Interview {
            profile,
            assessment,
            read_only,
            domain: 0,
            page: 0,
            selected: 0,
            view: View::Walk,
            matrix_row: 0,
            editor: None,
            pending_override: None,
            advice: None,
            advice_tab: AdviceTab::Overview,
            advice_row: 0,
            advice_scroll: 0,
        }
    }

    /// Opens the advice view, computing the advice.
    pub fn show_advice(&mut self) {
        self.view = View::Advice;
        self.refresh_advice();
        // start on the first entry point, if any
        if let Some(first) = self.advice.as_ref().and_then(|a| a.entry_points.first()) {
            self.advice_row = first.domain.index();
        }
        self.advice_scroll = 0;
    }

    pub fn refresh_advice(&mut self) {
        self.advice = Some(advise(framework(), &self.profile.city, self.assessment()));
    }

    pub fn assessment(&self) -> &Assessment {
        &self.profile.assessments[self.assessment]
    }

    fn assessment_mut(&mut self) -> &mut Assessment {
        &mut self.profile.assessments[self.assessment]
    }

    pub fn domain_id(&self) -> DomainId {
        DomainId::ALL[self.domain]
    }

    /// The indicator ids of the page being walked (empty on the summary).
    pub fn page_indicators(&self) -> Vec<&'static str> {
        if self.page >= SUMMARY_PAGE {
            return Vec::new();
        }
        framework().domain(self.domain_id()).stages[self.page]
            .indicators
            .iter()
            .map(|i| i.id.as_str())
            .collect()
    }

    pub fn selected_indicator(&self) -> Option<&'static str> {
        self.page_indicators().get(self.selected).copied()
    }

    pub fn progress(&self) -> (usize, usize) {
        progress(framework(), self.assessment())
    }
}

/// Cities side by side, or one city over time.
#[derive(Debug, Clone)]
pub struct CompareView {
    pub comparison: Comparison,
    pub sort: SortBy,
    /// The first column shown (columns page when they do not all fit).
    pub first: usize,
    /// The 7 x 3 matrix of each column instead of the bars.
    pub matrices: bool,
    /// One city's assessments rather than several cities.
    pub timeline: bool,
}

/// The most profiles compared at once.
pub const MAX_COMPARED: usize = 6;

#[derive(Debug)]
pub enum Screen {
    Home,
    Form(Box<Form>),
    Interview(Box<Interview>),
    Compare(Box<CompareView>),
}

#[derive(Debug, Clone)]
pub enum Overlay {
    Help { mode: Mode, scroll: usize },
    ConfirmTrash { id: String, name: String },
}

/// The status line: when the last save happened, and any error in full.
#[derive(Debug, Default, Clone)]
pub struct Status {
    pub saved_at: Option<String>,
    pub error: Option<String>,
    pub info: Option<String>,
}

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
}

impl Draft {
    /// Where the store keeps it.
    pub fn key(&self) -> crate::store::DraftKey {
        crate::store::DraftKey::new(&self.profile, &self.assessment_id, None)
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
    Info(String),
    /// Profiles loaded (read-only) for a comparison or a timeline.
    ForCompare {
        profiles: Vec<Profile>,
        timeline: bool,
    },
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
    Save(Box<Profile>),
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
    /// Read these profiles, without locking them, to compare them.
    LoadForCompare {
        ids: Vec<String>,
        timeline: bool,
    },
    Quit,
}

#[derive(Debug)]
pub struct App {
    pub lang: Lang,
    pub today: NaiveDate,
    pub screen: Screen,
    pub home: Home,
    pub overlay: Option<Overlay>,
    pub status: Status,
    pub quit: bool,
    /// The view to show once the profile being opened arrives.
    pub pending_view: Option<View>,
}

impl App {
    pub fn new(lang: Lang, today: NaiveDate) -> App {
        App {
            lang,
            today,
            screen: Screen::Home,
            home: Home::default(),
            overlay: None,
            status: Status::default(),
            quit: false,
            pending_view: None,
        }
    }

    /// The key map in force.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help { .. }) => return Mode::Help,
            Some(Overlay::ConfirmTrash { .. }) => return Mode::Confirm,
            None => {}
        }
        match &self.screen {
            Screen::Home if self.home.filtering => Mode::HomeFilter,
            Screen::Home => Mode::Home,
            Screen::Form(_) => Mode::Form,
            Screen::Compare(_) => Mode::Compare,
            Screen::Interview(iv) if iv.editor.is_some() => Mode::Editor,
            Screen::Interview(iv) if iv.view == View::Matrix => Mode::Matrix,
            Screen::Interview(iv) if iv.view == View::Advice => Mode::Advice,
            Screen::Interview(iv) if iv.page >= SUMMARY_PAGE => Mode::DomainSummary,
            Screen::Interview(_) => Mode::Interview,
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let effects = self.step(msg);
        self.home.refresh(self.lang);
        effects
    }

    fn step(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => self.on_key(key),
            Msg::Listed {
                entries,
                skipped,
                folder,
            } => {
                self.home.set_entries(entries);
                self.home.skipped = skipped;
                self.home.folder = folder;
                self.home.loaded = true;
                let ids: BTreeSet<String> =
                    self.home.entries.iter().map(|e| e.id.clone()).collect();
                self.home.marked.retain(|id| ids.contains(id));
                self.clamp_home();
                vec![]
            }
            Msg::Opened {
                profile,
                read_only,
                new_assessment,
                draft,
            } => self.on_opened(*profile, read_only, new_assessment, draft),
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
                if let Screen::Interview(iv) = &mut self.screen {
                    iv.profile.updated = at;
                }
                self.status.saved_at = Some(label);
                self.status.error = None;
                vec![]
            }
            Msg::SaveFailed(error) => {
                self.status.error = Some(error);
                vec![]
            }
            Msg::Info(info) => {
                self.status.info = Some(info);
                vec![]
            }
            Msg::ForCompare { profiles, timeline } => {
                let refs: Vec<&Profile> = profiles.iter().collect();
                let comparison = if timeline {
                    match refs.first() {
                        Some(p) => compare_assessments(framework(), p),
                        None => return vec![],
                    }
                } else {
                    compare_profiles(framework(), &refs)
                };
                if comparison.columns.len() < 2 {
                    self.status.error = Some(ui(self.lang).error_compare_need_two.to_string());
                    return vec![];
                }
                self.screen = Screen::Compare(Box::new(CompareView {
                    comparison,
                    sort: SortBy::Domain,
                    first: 0,
                    matrices: false,
                    timeline,
                }));
                vec![]
            }
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let mode = self.mode();
        let action = action(mode, &key);
        if action == Some(Action::ForceQuit) {
            self.quit = true;
            return vec![Effect::Quit];
        }
        if action != Some(Action::Help) && mode != Mode::Help {
            self.status.info = None;
        }
        match mode {
            Mode::Help => self.on_help(action),
            Mode::Confirm => self.on_confirm(action),
            Mode::Home => self.on_home(action),
            Mode::HomeFilter => self.on_filter(action, &key),
            Mode::Form => self.on_form(action, &key),
            Mode::Interview | Mode::DomainSummary | Mode::Matrix | Mode::Advice => {
                self.on_interview(mode, action, &key)
            }
            Mode::Editor => self.on_editor(action, &key),
            Mode::Compare => self.on_compare(action),
        }
    }

    fn common(&mut self, mode: Mode, action: Action) -> bool {
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help { mode, scroll: 0 });
                true
            }
            Action::SwitchLanguage => {
                self.lang = self.lang.other();
                true
            }
            _ => false,
        }
    }

    fn on_help(&mut self, action: Option<Action>) -> Vec<Effect> {
        if let Some(Overlay::Help { scroll, .. }) = &mut self.overlay {
            match action {
                Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                Some(Action::Down) => *scroll += 1,
                Some(Action::Back) => self.overlay = None,
                _ => {}
            }
        }
        vec![]
    }

    fn on_confirm(&mut self, action: Option<Action>) -> Vec<Effect> {
        let Some(Overlay::ConfirmTrash { id, .. }) = self.overlay.clone() else {
            return vec![];
        };
        match action {
            Some(Action::Confirm) => {
                self.overlay = None;
                self.home.marked.remove(&id);
                vec![Effect::Trash(id), Effect::List]
            }
            Some(Action::Deny) => {
                self.overlay = None;
                vec![]
            }
            _ => vec![],
        }
    }

    fn clamp_home(&mut self) {
        let n = self.home.visible(self.lang).len();
        self.home.selected = self.home.selected.min(n.saturating_sub(1));
    }

    fn on_home(&mut self, action: Option<Action>) -> Vec<Effect> {
        let Some(action) = action else {
            return vec![];
        };
        if self.common(Mode::Home, action) {
            return vec![];
        }
        let n = self.home.visible(self.lang).len();
        let selected = self.home.selected_entry(self.lang).cloned();
        match action {
            Action::Up => self.home.selected = self.home.selected.saturating_sub(1),
            Action::Down => self.home.selected = (self.home.selected + 1).min(n.saturating_sub(1)),
            Action::Select => {
                if let Some(e) = selected {
                    return vec![Effect::Open {
                        id: e.id,
                        new_assessment: false,
                    }];
                }
            }
            Action::Advice => {
                if let Some(e) = selected {
                    self.pending_view = Some(View::Advice);
                    return vec![Effect::Open {
                        id: e.id,
                        new_assessment: false,
                    }];
                }
            }
            Action::NewAssessment => {
                if let Some(e) = selected {
                    return vec![Effect::Open {
                        id: e.id,
                        new_assessment: true,
                    }];
                }
            }
            Action::NewProfile => {
                let ids = self.home.entries.iter().map(|e| e.id.clone()).collect();
                self.screen = Screen::Form(Box::new(Form::new(ids)));
            }
            Action::Filter => self.home.filtering = true,
            Action::Sort => {
                self.home.sort = Some(match self.home.sort.unwrap_or(Sort::Name) {
                    Sort::Name => Sort::Updated,
                    Sort::Updated => Sort::Progress,
                    Sort::Progress => Sort::Name,
                });
                self.home.selected = 0;
            }
            Action::Mark => {
                if let Some(e) = selected {
                    if !self.home.marked.remove(&e.id) {
                        self.home.marked.insert(e.id);
                    }
                    self.home.selected = (self.home.selected + 1).min(n.saturating_sub(1));
                }
            }
            Action::Trash => {
                if let Some(e) = selected {
                    let name = e.name.get(self.lang).to_string();
                    self.overlay = Some(Overlay::ConfirmTrash { id: e.id, name });
                }
            }
            Action::AddExamples => return vec![Effect::AddExamples, Effect::List],
            Action::Compare => {
                let n = self.home.marked.len();
                if !(2..=MAX_COMPARED).contains(&n) {
                    self.status.error = Some(fill(ui(self.lang).error_compare_marks, &[&n]));
                    return vec![];
                }
                // in the list's order, so the first column is the first marked in view
                let ids: Vec<String> = self
                    .home
                    .visible(self.lang)
                    .iter()
                    .map(|&i| self.home.entries[i].id.clone())
                    .filter(|id| self.home.marked.contains(id))
                    .collect();
                return vec![Effect::LoadForCompare {
                    ids,
                    timeline: false,
                }];
            }
            Action::Timeline => {
                if let Some(e) = selected {
                    if e.assessments < 2 {
                        self.status.error = Some(fill(ui(self.lang).error_timeline, &[&e.id]));
                        return vec![];
                    }
                    return vec![Effect::LoadForCompare {
                        ids: vec![e.id],
                        timeline: true,
                    }];
                }
            }
            Action::Quit => {
                self.quit = true;
                return vec![Effect::Quit];
            }
            _ => {}
        }
        vec![]
    }

    fn on_compare(&mut self, action: Option<Action>) -> Vec<Effect> {
        let Some(action) = action else {
            return vec![];
        };
        if self.common(Mode::Compare, action) {
            return vec![];
        }
        let Screen::Compare(view) = &mut self.screen else {
            return vec![];
        };
        let n = view.comparison.columns.len();
        match action {
            Action::Sort => {
                view.sort = match view.sort {
                    SortBy::Domain => SortBy::Difference,
                    SortBy::Difference => SortBy::Domain,
                }
            }
            Action::Left | Action::PageUp => view.first = view.first.saturating_sub(1),
            Action::Right | Action::PageDown => {
                view.first = (view.first + 1).min(n.saturating_sub(1))
            }
            Action::Matrix => view.matrices = !view.matrices,
            Action::Quit | Action::Back => {
                self.screen = Screen::Home;
                return vec![Effect::List];
            }
            _ => {}
        }
        vec![]
    }

    fn on_filter(&mut self, action: Option<Action>, key: &KeyEvent) -> Vec<Effect> {
        match action {
            Some(Action::Select) => self.home.filtering = false,
            Some(Action::Back) => {
                self.home.filtering = false;
                self.home.filter = TextInput::default();
            }
            Some(Action::Up) => self.home.selected = self.home.selected.saturating_sub(1),
            Some(Action::Down) => self.home.selected += 1,
            _ => {
                if self.home.filter.handle(key) {
                    self.home.selected = 0;
                }
            }
        }
        self.clamp_home();
        vec![]
    }

    fn on_form(&mut self, action: Option<Action>, key: &KeyEvent) -> Vec<Effect> {
        let Screen::Form(form) = &mut self.screen else {
            return vec![];
        };
        match form.handle(action, key, self.today, self.lang) {
            FormOutcome::Stay => vec![],
            FormOutcome::Cancel => {
                self.screen = Screen::Home;
                vec![]
            }
            FormOutcome::Submit(profile) => vec![Effect::Create(profile)],
        }
    }

    fn on_opened(
        &mut self,
        mut profile: Profile,
        read_only: Option<String>,
        new_assessment: bool,
        draft: Option<Draft>,
    ) -> Vec<Effect> {
        let mut effects = vec![];
        let writable = read_only.is_none();
        if writable && (new_assessment || profile.assessments.is_empty()) {
            let assessment = match profile.assessments.last() {
                Some(previous) => previous.carried_forward(self.today),
                None => Assessment::new(self.today, ""),
            };
            profile.assessments.push(assessment);
            effects.push(Effect::Save(Box::new(profile.clone())));
        }
        if profile.assessments.is_empty() {
            self.status.error = Some(fill(ui(self.lang).no_assessment_read_only, &[&profile.id]));
            return effects;
        }
        let index = profile.assessments.len() - 1;
        let mut iv = Interview::new(profile, index, read_only);
        // Start where the work is: the first domain with an unanswered question.
        if let Some(first_open) = DomainId::ALL.iter().position(|d| {
            let m = crate::core::maturity::domain_maturity(framework().domain(*d), iv.assessment());
            m.answered < m.total
        }) {
            iv.domain = first_open;
        }
        if let Some(draft) = draft.filter(|d| d.profile == iv.profile.id && writable)
            && let Some(found) = framework().indicator(&draft.indicator)
            && let Some(at) = iv.profile.assessment_index(&draft.assessment_id)
        {
            iv.assessment = at;
            iv.domain = found.domain.id.index();
            iv.page = found.level as usize - 1;
            iv.selected = iv
                .page_indicators()
                .iter()
                .position(|id| *id == draft.indicator)
                .unwrap_or(0);
            iv.editor = Some(Editor {
                target: EditTarget::Note(draft.indicator.clone()),
                input: TextInput::new(draft.text),
                error: None,
            });
            let resumed = ui(self.lang).draft_resumed;
            self.status.info = Some(match self.status.info.take() {
                Some(notice) => format!("{notice} {resumed}"),
                None => resumed.to_string(),
            });
        }
        if self.pending_view.take() == Some(View::Advice) && iv.editor.is_none() {
            iv.show_advice();
        }
        self.status.error = None;
        self.screen = Screen::Interview(Box::new(iv));
        effects
    }

    fn on_interview(&mut self, mode: Mode, action: Option<Action>, key: &KeyEvent) -> Vec<Effect> {
        let Some(action) = action else {
            if mode == Mode::DomainSummary {
                return self.summary_digit(key);
            }
            return vec![];
        };
        if self.common(mode, action) {
            return vec![];
        }
        let lang = self.lang;
        let Screen::Interview(iv) = &mut self.screen else {
            return vec![];
        };
        if action == Action::Quit {
            self.screen = Screen::Home;
            return vec![Effect::Close, Effect::List];
        }
        if action == Action::Advice {
            iv.show_advice();
            return vec![];
        }
        if mode == Mode::Advice {
            return self.on_advice(action);
        }
        if mode == Mode::Matrix {
            match action {
                Action::Up => iv.matrix_row = iv.matrix_row.saturating_sub(1),
                Action::Down => iv.matrix_row = (iv.matrix_row + 1).min(6),
                Action::Select => {
                    iv.domain = iv.matrix_row;
                    iv.page = 0;
                    iv.selected = 0;
                    iv.view = View::Walk;
                }
                Action::Back => iv.view = View::Walk,
                _ => {}
            }
            return vec![];
        }
        let rows = if iv.page >= SUMMARY_PAGE {
            SUMMARY_FIELDS.len()
        } else {
            iv.page_indicators().len()
        };
        match action {
            Action::Up => iv.selected = iv.selected.saturating_sub(1),
            Action::Down => iv.selected = (iv.selected + 1).min(rows.saturating_sub(1)),
            Action::Left => {
                if iv.page > 0 {
                    iv.page -= 1;
                    iv.selected = 0;
                } else if iv.domain > 0 {
                    iv.domain -= 1;
                    iv.page = SUMMARY_PAGE;
                    iv.selected = 0;
                }
            }
            Action::Right => {
                if iv.page < SUMMARY_PAGE {
                    iv.page += 1;
                    iv.selected = 0;
                } else if iv.domain < 6 {
                    iv.domain += 1;
                    iv.page = 0;
                    iv.selected = 0;
                }
            }
            Action::NextDomain => {
                iv.domain = (iv.domain + 1) % 7;
                iv.page = 0;
                iv.selected = 0;
            }
            Action::PrevDomain => {
                iv.domain = (iv.domain + 6) % 7;
                iv.page = 0;
                iv.selected = 0;
            }
            Action::Matrix => {
                iv.matrix_row = iv.domain;
                iv.view = View::Matrix;
            }
            Action::Answer(value) => return self.answer(value),
            Action::EditNote => {
                if let Some(reason) = &iv.read_only {
                    self.status.error = Some(fill(ui(lang).read_only_refused, &[reason]));
                    return vec![];
                }
                if let Some(id) = iv.selected_indicator() {
                    let note = iv
                        .assessment()
                        .answers
                        .get(id)
                        .and_then(|a| a.note_in(self.lang))
                        .unwrap_or_default()
                        .to_string();
                    iv.editor = Some(Editor {
                        target: EditTarget::Note(id.to_string()),
                        input: TextInput::new(note),
                        error: None,
                    });
                }
            }
            Action::Select if iv.page < SUMMARY_PAGE => {
                let carried = iv
                    .selected_indicator()
                    .and_then(|id| iv.assessment().answers.get(id))
                    .is_some_and(|a| a.carried_over);
                if carried {
                    let value = iv.selected_indicator().map(|id| iv.assessment().answer(id));
                    if let Some(value) = value {
                        return self.answer(value);
                    }
                }
            }
            Action::Select if iv.page >= SUMMARY_PAGE => {
                if let Some(reason) = &iv.read_only {
                    self.status.error = Some(fill(ui(lang).read_only_refused, &[reason]));
                    return vec![];
                }
                let target = SUMMARY_FIELDS[iv.selected.min(SUMMARY_FIELDS.len() - 1)].clone();
                let domain = iv.domain_id();
                let a = iv.assessment();
                let current = match target {
                    EditTarget::TargetStage => a.targets.get(&domain).map(|t| t.stage.to_string()),
                    EditTarget::Horizon => {
                        a.targets.get(&domain).map(|t| t.horizon_years.to_string())
                    }
                    EditTarget::Importance => a.importance.get(&domain).map(|i| i.to_string()),
                    EditTarget::OverrideLevel => {
                        a.overrides.get(&domain).map(|o| format!("{}", o.level))
                    }
                    _ => None,
                };
                iv.editor = Some(Editor {
                    target,
                    input: TextInput::new(current.unwrap_or_default()),
                    error: None,
                });
            }
            _ => {}
        }
        vec![]
    }

    fn on_advice(&mut self, action: Action) -> Vec<Effect> {
        let lang = self.lang;
        let Screen::Interview(iv) = &mut self.screen else {
            return vec![];
        };
        let phases = iv.advice.as_ref().map(|a| a.plan.len()).unwrap_or(0);
        let rows = match iv.advice_tab {
            AdviceTab::Overview => 7,
            AdviceTab::Plan => phases,
        };
        match action {
            Action::Up => {
                iv.advice_row = iv.advice_row.saturating_sub(1);
                iv.advice_scroll = 0;
            }
            Action::Down => {
                iv.advice_row = (iv.advice_row + 1).min(rows.saturating_sub(1));
                iv.advice_scroll = 0;
            }
            Action::PageDown => iv.advice_scroll = iv.advice_scroll.saturating_add(5),
            Action::PageUp => iv.advice_scroll = iv.advice_scroll.saturating_sub(5),
            Action::NextField | Action::PrevField => {
                iv.advice_tab = match iv.advice_tab {
                    AdviceTab::Overview => AdviceTab::Plan,
                    AdviceTab::Plan => AdviceTab::Overview,
                };
                iv.advice_row = 0;
                iv.advice_scroll = 0;
            }
            Action::Select if iv.advice_tab == AdviceTab::Plan && phases > 0 => {
                if let Some(reason) = &iv.read_only {
                    self.status.error = Some(fill(ui(lang).read_only_refused, &[reason]));
                    return vec![];
                }
                let number = iv.advice_row.min(phases - 1) + 1;
                let owner = iv
                    .advice
                    .as_ref()
                    .map(|a| a.plan[number - 1].owner.clone())
                    .unwrap_or_default();
                iv.editor = Some(Editor {
                    target: EditTarget::PhaseOwner(number),
                    input: TextInput::new(owner),
                    error: None,
                });
            }
            Action::Matrix => {
                iv.matrix_row = iv.advice_row.min(6);
                iv.view = View::Matrix;
            }
            Action::Export => {
                let base = format!("{}-{}-report", iv.profile.id, iv.assessment().date);
                iv.editor = Some(Editor {
                    target: EditTarget::ExportPath,
                    input: TextInput::new(base),
                    error: None,
                });
            }
            Action::Back => iv.view = View::Walk,
            _ => {}
        }
        vec![]
    }

    /// A digit on the summary page sets the selected small field at once.
    fn summary_digit(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let KeyCode::Char(c) = key.code else {
            return vec![];
        };
        let Some(digit) = c.to_digit(10) else {
            return vec![];
        };
        let Screen::Interview(iv) = &self.screen else {
            return vec![];
        };
        let field = SUMMARY_FIELDS[iv.selected.min(SUMMARY_FIELDS.len() - 1)].clone();
        if !matches!(field, EditTarget::TargetStage | EditTarget::Importance) {
            return vec![];
        }
        self.apply_field(field, &digit.to_string())
    }

    fn answer(&mut self, value: AnswerValue) -> Vec<Effect> {
        let lang = self.lang;
        let Screen::Interview(iv) = &mut self.screen else {
            return vec![];
        };
        if let Some(reason) = &iv.read_only {
            self.status.error = Some(fill(ui(lang).read_only_refused, &[reason]));
            return vec![];
        }
        let Some(id) = iv.selected_indicator() else {
            return vec![];
        };
        let answers = &mut iv.assessment_mut().answers;
        match answers.get_mut(id) {
            Some(answer) => {
                answer.value = value;
                answer.carried_over = false;
            }
            None => {
                answers.insert(
                    id.to_string(),
                    crate::core::profile::Answer::new(value, None),
                );
            }
        }
        // Move on: the next indicator, or the next page after the last one.
        let count = iv.page_indicators().len();
        if iv.selected + 1 < count {
            iv.selected += 1;
        } else {
            iv.page += 1;
            iv.selected = 0;
        }
        vec![Effect::Save(Box::new(iv.profile.clone()))]
    }

    fn on_editor(&mut self, action: Option<Action>, key: &KeyEvent) -> Vec<Effect> {
        let Screen::Interview(iv) = &mut self.screen else {
            return vec![];
        };
        let Some(editor) = &mut iv.editor else {
            return vec![];
        };
        let target = editor.target.clone();
        match action {
            Some(Action::Back) => {
                iv.editor = None;
                iv.pending_override = None;
                if let EditTarget::Note(_) = target {
                    return vec![Effect::ClearDraft(crate::store::DraftKey::new(
                        &iv.profile.id,
                        &iv.assessment().id,
                        None,
                    ))];
                }
                vec![]
            }
            Some(Action::Select) => {
                let text = editor.input.text.clone();
                self.apply_field(target, &text)
            }
            _ => {
                if editor.input.handle(key) {
                    editor.error = None;
                    if let EditTarget::Note(indicator) = &target {
                        return vec![Effect::SaveDraft(Draft {
                            profile: iv.profile.id.clone(),
                            assessment: iv.assessment,
                            assessment_id: iv.profile.assessments[iv.assessment].id.clone(),
                            indicator: indicator.clone(),
                            text: editor.input.text.clone(),
                        })];
                    }
                }
                vec![]
            }
        }
    }

    /// Sets a field of the open assessment from text; on a bad value the
    /// editor stays open with the reason.
    fn apply_field(&mut self, target: EditTarget, text: &str) -> Vec<Effect> {
        let lang = self.lang;
        let s = ui(self.lang);
        let Screen::Interview(iv) = &mut self.screen else {
            return vec![];
        };
        if iv.read_only.is_some() && target != EditTarget::ExportPath {
            iv.editor = None;
            return vec![];
        }
        let domain = iv.domain_id();
        let text = text.trim();
        let number = |max: u32| -> Result<Option<u8>, String> {
            if text.is_empty() {
                return Ok(None);
            }
            // "5", "5 years", "5年": the number is what counts
            let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
            let rest = text[digits.len()..].trim().to_lowercase();
            let unit_ok = ["", "y", "yr", "yrs", "year", "years", "年"].contains(&rest.as_str());
            let digits = if unit_ok { digits } else { String::new() };
            match digits.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => Ok(Some(n as u8)),
                _ => Err(fill(s.error_number_range, &[&1, &max])),
            }
        };
        let mut effects = vec![];
        let result: Result<(), String> = match &target {
            EditTarget::Note(id) => {
                // through the core's operation: a note kept in both
                // languages gets the text in the interface's language
                let op = crate::core::ops::Op::SetNote {
                    assessment: iv.profile.assessments[iv.assessment].id.clone(),
                    indicator: id.clone(),
                    lang,
                    note: (!text.is_empty()).then(|| text.to_string()),
                };
                match iv.profile.apply(&op) {
                    Ok(()) => {
                        effects.push(Effect::ClearDraft(crate::store::DraftKey::new(
                            &iv.profile.id,
                            &iv.profile.assessments[iv.assessment].id,
                            None,
                        )));
                        Ok(())
                    }
                    Err(e) => Err(e.message(lang)),
                }
            }
            EditTarget::PhaseOwner(n) | EditTarget::PhaseStart(n) | EditTarget::PhaseEnd(n) => {
                let n = *n;
                let computed = iv.advice.as_ref().and_then(|a| a.plan.get(n - 1)).cloned();
                let a = &mut iv.profile.assessments[iv.assessment];
                let edit = a
                    .plan
                    .entry(n.to_string())
                    .or_insert_with(PhaseEdit::default);
                let date = || -> Result<Option<NaiveDate>, String> {
                    if text.is_empty() {
                        Ok(None)
                    } else {
                        NaiveDate::parse_from_str(text, "%Y-%m-%d")
                            .map(Some)
                            .map_err(|_| s.error_date.to_string())
                    }
                };
                let result = match &target {
                    EditTarget::PhaseOwner(_) => {
                        edit.owner = text.to_string();
                        Ok(())
                    }
                    EditTarget::PhaseStart(_) => date().map(|d| edit.start = d),
                    _ => date().and_then(|d| {
                        let start = edit.start.or(computed.as_ref().map(|p| p.start));
                        match (start, d) {
                            (Some(start), Some(end)) if end < start => {
                                Err(s.error_end_before_start.to_string())
                            }
                            _ => {
                                edit.end = d;
                                Ok(())
                            }
                        }
                    }),
                };
                // an empty edit is no edit
                let empty = edit.owner.is_empty()
                    && edit.start.is_none()
                    && edit.end.is_none()
                    && edit.extra.is_empty();
                if empty {
                    a.plan.remove(&n.to_string());
                }
                result
            }
            EditTarget::ExportPath => {
                if text.is_empty() {
                    Err(s.error_export_path.to_string())
                } else {
                    iv.editor = None;
                    return vec![Effect::Export {
                        profile: Box::new(iv.profile.clone()),
                        assessment: iv.assessment,
                        base: text.to_string(),
                    }];
                }
            }
            EditTarget::TargetStage => number(u32::from(STAGES)).map(|stage| {
                let a = &mut iv.profile.assessments[iv.assessment];
                match stage {
                    None => {
                        a.targets.remove(&domain);
                    }
                    Some(stage) => {
                        let horizon = a
                            .targets
                            .get(&domain)
                            .map(|t| t.horizon_years)
                            .unwrap_or(DEFAULT_HORIZON_YEARS);
                        a.targets.insert(domain, Target::new(stage, horizon));
                    }
                }
            }),
            EditTarget::Horizon => number(u32::from(MAX_HORIZON_YEARS)).and_then(|years| {
                let a = &mut iv.profile.assessments[iv.assessment];
                match (a.targets.get_mut(&domain), years) {
                    (Some(t), Some(years)) => {
                        t.horizon_years = years;
                        Ok(())
                    }
                    (Some(_), None) => Err(fill(s.error_number_range, &[&1, &MAX_HORIZON_YEARS])),
                    (None, _) => Err(s.error_target_first.to_string()),
                }
            }),
            EditTarget::Importance => number(5).map(|importance| {
                let a = &mut iv.profile.assessments[iv.assessment];
                match importance {
                    None => a.importance.remove(&domain),
                    Some(i) => a.importance.insert(domain, i),
                };
            }),
            EditTarget::OverrideLevel => {
                if text.is_empty() {
                    iv.profile.assessments[iv.assessment]
                        .overrides
                        .remove(&domain);
                    Ok(())
                } else {
                    match text.replace(',', ".").parse::<f64>() {
                        Ok(level) if (0.0..=f64::from(STAGES)).contains(&level) => {
                            iv.pending_override = Some(level);
                            let reason = iv.profile.assessments[iv.assessment]
                                .overrides
                                .get(&domain)
                                .map(|o| o.reason.clone())
                                .unwrap_or_default();
                            iv.editor = Some(Editor {
                                target: EditTarget::OverrideReason,
                                input: TextInput::new(reason),
                                error: None,
                            });
                            return vec![];
                        }
                        _ => Err(s.error_level_range.to_string()),
                    }
                }
            }
            EditTarget::OverrideReason => {
                if text.is_empty() {
                    Err(s.error_reason_required.to_string())
                } else if let Some(level) = iv.pending_override.take() {
                    iv.profile.assessments[iv.assessment].overrides.insert(
                        domain,
                        Override {
                            level,
                            reason: text.to_string(),
                        },
                    );
                    Ok(())
                } else {
                    Ok(())
                }
            }
        };
        match result {
            Ok(()) => {
                iv.editor = None;
                if iv.view == View::Advice {
                    iv.refresh_advice();
                    // owner, then start, then end: one field after another
                    let next = match target {
                        EditTarget::PhaseOwner(n) => Some((EditTarget::PhaseStart(n), n, true)),
                        EditTarget::PhaseStart(n) => Some((EditTarget::PhaseEnd(n), n, false)),
                        _ => None,
                    };
                    if let Some((next, n, start)) = next {
                        let phase = iv.advice.as_ref().and_then(|a| a.plan.get(n - 1));
                        let value = phase.map(|p| if start { p.start } else { p.end });
                        iv.editor = Some(Editor {
                            target: next,
                            input: TextInput::new(value.map(|d| d.to_string()).unwrap_or_default()),
                            error: None,
                        });
                    }
                }
                effects.push(Effect::Save(Box::new(iv.profile.clone())));
            }
            Err(error) => match &mut iv.editor {
                Some(editor) => editor.error = Some(error),
                None => self.status.error = Some(error),
            },
        }
        effects
    }

    /// Called by the runtime before it exits, however it exits: what must
    /// still be written. Answers are saved as they are given, so only the
    /// note being typed is left, and it is already kept as a draft.
    pub fn pending_draft(&self) -> Option<Draft> {
        let Screen::Interview(iv) = &self.screen else {
            return None;
        };
        match &iv.editor {
            Some(Editor {
                target: EditTarget::Note(indicator),
                input,
                ..
            }) if iv.read_only.is_none() => Some(Draft {
                profile: iv.profile.id.clone(),
                assessment: iv.assessment,
                assessment_id: iv.assessment().id.clone(),
                indicator: indicator.clone(),
                text: input.text.clone(),
            }),
            _ => None,
        }
    }
}
