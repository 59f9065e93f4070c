//! The profile form: new (every city field of the profile, the interviewer
//! and the respondents), or editing an open profile's city facts (names,
//! country, region, population and its kind, specialties and their detail,
//! constraints), each change an operation of the core. Tab and Shift-Tab
//! move between fields; Enter checks the whole form and, when it is sound,
//! hands a new profile (or the operations) to the runtime. Nothing is saved
//! while a field is wrong; each error sits by its field. The country is
//! chosen from the ISO list (type to filter), never typed as free text.

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone, Utc};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{boxed, highlight, put};
use super::super::input::TextInput;
use super::super::keys::{Action, Binding, CTRL_C, ENTER, ESC, Key, bind};
use super::super::theme::Theme;
use super::Screen;
use super::open::Open;
use super::walk::{self, Walk};
use crate::core::Lang;
use crate::core::country::{self, Country};
use crate::core::id::{check_id, derive_id};
use crate::core::lang::Text;
use crate::core::ops::{CityField, Op, Resource};
use crate::core::profile::PopulationKind;
use crate::core::profile::{
    Assessment, City, Constraints, Extra, Level, OrganisationType, Profile, Respondent, Specialty,
};
use crate::text::collate::NameKey;
use crate::text::{UiStrings, fill, pad, strings, ui, width};

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
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
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// Choosing the country: typing filters the list.
pub const PICKER_KEYS: &[Binding] = &[
    Binding {
        keys: &[Code(KeyCode::Up)],
        action: A::Up,
        label: |s| s.key_up,
        hint: None,
        roles: super::super::keys::CONSULTANT,
    },
    Binding {
        keys: &[Code(KeyCode::Down)],
        action: A::Down,
        label: |s| s.key_down,
        hint: None,
        roles: super::super::keys::CONSULTANT,
    },
    Binding {
        keys: ENTER,
        action: A::Select,
        label: |s| s.w.key_pick_country,
        hint: Some(|s| s.w.hint_pick),
        roles: super::super::keys::CONSULTANT,
    },
    Binding {
        keys: ESC,
        action: A::Back,
        label: |s| s.w.key_pick_cancel,
        hint: Some(|s| s.hint_cancel),
        roles: super::super::keys::CONSULTANT,
    },
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// A key on the form: the form itself, home again, a profile to create,
/// or (editing) the operations saved and the view it came from.
pub fn update(
    mut form: Box<Form>,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> (Screen, Vec<Effect>) {
    if form.picker.is_some() {
        form.on_picker(action, key, cx.lang);
        return (Screen::Form(form), vec![]);
    }
    match form.handle(action, key, cx.today, cx.lang) {
        FormOutcome::Stay => (Screen::Form(form), vec![]),
        FormOutcome::Cancel => match form.mode {
            FormMode::New => (Screen::Home, vec![]),
            FormMode::Edit { open, back } => leave_edit(open, back, vec![]),
        },
        FormOutcome::Submit(profile) => (Screen::Form(form), vec![Effect::Create(profile)]),
        FormOutcome::Edited(ops) => {
            let FormMode::Edit { mut open, back } = form.mode else {
                return (Screen::Home, vec![]);
            };
            if ops.is_empty() {
                cx.status.info = Some(cx.s.w.profile_unchanged.to_string());
                return leave_edit(open, back, vec![]);
            }
            if let Err(e) = open.profile.apply_all(&ops) {
                cx.status.error = Some(e.message(cx.lang));
                form.mode = FormMode::Edit { open, back };
                return (Screen::Form(form), vec![]);
            }
            cx.status.info = Some(fill(cx.s.w.profile_saved, &[&ops.len()]));
            let save = open.save_ops(ops, None);
            leave_edit(open, back, vec![save])
        }
    }
}

/// Back where the edit was opened: the interview, or home (closing the
/// profile opened for the edit).
fn leave_edit(
    open: Box<Open>,
    back: Option<Walk>,
    mut effects: Vec<Effect>,
) -> (Screen, Vec<Effect>) {
    match back {
        Some(w) => (walk::at(open, w), effects),
        None => {
            effects.extend([Effect::Close, Effect::List]);
            (Screen::Home, effects)
        }
    }
}

/// Editing an open profile's city facts, from the interview (`back`) or
/// from home (`None`).
pub fn edit(open: Box<Open>, back: Option<Walk>, cx: &mut Cx<'_>) -> Screen {
    if !open.writable(cx) {
        return match back {
            Some(w) => walk::at(open, w),
            None => Screen::Home,
        };
    }
    Screen::Form(Box::new(Form::editing(open, back, cx.lang)))
}

/// How many respondents the form offers.
pub const RESPONDENT_ROWS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    NameZh,
    NameEn,
    Id,
    Country,
    Region,
    Population,
    PopulationKind,
    Specialties,
    SpecialtyZh,
    SpecialtyEn,
    Funding,
    Talent,
    Technology,
    Interviewer,
    RespondentName(usize),
    RespondentRole(usize),
    RespondentOrg(usize),
}

impl FieldId {
    pub fn label(self, s: &UiStrings) -> String {
        match self {
            FieldId::NameZh => s.field_name_zh.into(),
            FieldId::NameEn => s.field_name_en.into(),
            FieldId::Id => s.field_id.into(),
            FieldId::Country => s.field_country.into(),
            FieldId::Region => s.field_region.into(),
            FieldId::Population => s.field_population.into(),
            FieldId::PopulationKind => s.w.field_population_kind.into(),
            FieldId::Specialties => s.field_specialties.into(),
            FieldId::SpecialtyZh => s.w.field_specialty_zh.into(),
            FieldId::SpecialtyEn => s.w.field_specialty_en.into(),
            FieldId::Funding => s.field_funding.into(),
            FieldId::Talent => s.field_talent.into(),
            FieldId::Technology => s.field_technology.into(),
            FieldId::Interviewer => s.field_interviewer.into(),
            FieldId::RespondentName(i) => fill(s.field_respondent, &[&(i + 1)]),
            FieldId::RespondentRole(_) => s.field_role.into(),
            FieldId::RespondentOrg(_) => s.field_organisation.into(),
        }
    }
}

/// A population as people write it: 350000, 350,000, 35万, 1.2万.
pub fn parse_population(text: &str) -> Option<u64> {
    let text = text.trim().replace([',', '_', ' ', '，'], "");
    let (number, factor) = match text.strip_suffix('万') {
        Some(n) => (n.to_string(), 10_000.0),
        None => (text, 1.0),
    };
    if factor == 1.0 {
        return number.parse::<u64>().ok();
    }
    let value: f64 = number.parse().ok()?;
    (value.is_finite() && value >= 0.0 && value * factor < 1e15)
        .then(|| (value * factor).round() as u64)
}

pub const LEVELS: [Level; 3] = [Level::Low, Level::Medium, Level::High];
/// What the population counts: not said, urban residents, the whole area.
pub const POPULATION_KINDS: [Option<PopulationKind>; 3] = [
    None,
    Some(PopulationKind::UrbanResident),
    Some(PopulationKind::Total),
];
pub const ORGANISATIONS: [OrganisationType; 4] = [
    OrganisationType::Government,
    OrganisationType::Enterprise,
    OrganisationType::Research,
    OrganisationType::Citizen,
];

#[derive(Debug, Clone)]
pub enum FieldKind {
    Text(TextInput),
    /// One of a fixed list: the index into it.
    Choice {
        index: usize,
        len: usize,
    },
    /// The specialties: which are chosen, and the one under the cursor.
    Multi {
        chosen: BTreeSet<Specialty>,
        cursor: usize,
    },
    /// The country: an ISO 3166-1 code chosen from the list (empty: none),
    /// or the free text an older file holds, kept until one is chosen.
    Country {
        code: String,
    },
}

/// The country list open over the form: the filter typed, the selected row.
#[derive(Debug, Clone, Default)]
pub struct Picker {
    pub filter: TextInput,
    pub selected: usize,
}

impl Picker {
    /// The countries whose code, name in either language or ISO name
    /// holds the filter (case ignored), by name in `lang`.
    pub fn matches(&self, lang: Lang) -> Vec<&'static Country> {
        let needle = self.filter.trimmed().to_lowercase();
        let mut found: Vec<&'static Country> = country::countries()
            .iter()
            .filter(|c| {
                needle.is_empty()
                    || c.code.eq_ignore_ascii_case(&needle)
                    || c.name.en.to_lowercase().contains(&needle)
                    || c.name.zh.contains(&needle)
                    || c.aliases.iter().any(|a| a.to_lowercase().contains(&needle))
            })
            .collect();
        // an exact code or name first, then by name in the language
        let exact = |c: &Country| {
            !(c.code.eq_ignore_ascii_case(&needle)
                || c.name.en.eq_ignore_ascii_case(&needle)
                || c.name.zh == needle)
        };
        found.sort_by_cached_key(|c| (exact(c), NameKey::new(c.name.get(lang))));
        found
    }
}

/// A form's purpose: a new profile, or editing the open one.
#[derive(Debug, Clone)]
pub enum FormMode {
    New,
    /// The open profile, and the walk to return to (`None`: home).
    Edit {
        open: Box<Open>,
        back: Option<Walk>,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub id: FieldId,
    pub kind: FieldKind,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    existing_ids: BTreeSet<String>,
    /// The other profiles' names, to warn about a name already used.
    existing_names: Vec<(String, Text)>,
    pub mode: FormMode,
    /// The country list, while it is open.
    pub picker: Option<Picker>,
}

pub enum FormOutcome {
    Stay,
    Cancel,
    Submit(Box<Profile>),
    /// The edit's operations (none when nothing changed).
    Edited(Vec<Op>),
}

impl Form {
    pub fn new(existing_ids: BTreeSet<String>) -> Form {
        let text = |id| Field {
            id,
            kind: FieldKind::Text(TextInput::default()),
            error: None,
        };
        let choice = |id, index, len| Field {
            id,
            kind: FieldKind::Choice { index, len },
            error: None,
        };
        let mut fields = vec![
            text(FieldId::NameZh),
            text(FieldId::NameEn),
            text(FieldId::Id),
            Field {
                id: FieldId::Country,
                kind: FieldKind::Country {
                    code: String::new(),
                },
                error: None,
            },
            text(FieldId::Region),
            text(FieldId::Population),
            Field {
                id: FieldId::Specialties,
                kind: FieldKind::Multi {
                    chosen: BTreeSet::new(),
                    cursor: 0,
                },
                error: None,
            },
            choice(FieldId::Funding, 1, 3),
            choice(FieldId::Talent, 1, 3),
            choice(FieldId::Technology, 1, 3),
            text(FieldId::Interviewer),
        ];
        for i in 0..RESPONDENT_ROWS {
            fields.push(text(FieldId::RespondentName(i)));
            fields.push(text(FieldId::RespondentRole(i)));
            fields.push(choice(FieldId::RespondentOrg(i), 0, ORGANISATIONS.len()));
        }
        Form {
            fields,
            focus: 0,
            error: None,
            existing_ids,
            existing_names: Vec::new(),
            mode: FormMode::New,
            picker: None,
        }
    }

    /// The new-profile form, told the other profiles' names so that a
    /// name already used is warned about (allowed: two towns may share one).
    pub fn with_names(mut self, names: Vec<(String, Text)>) -> Form {
        self.existing_names = names;
        self
    }

    /// The form over an open profile's city facts, as they are.
    pub fn editing(open: Box<Open>, back: Option<Walk>, lang: Lang) -> Form {
        let city = &open.profile.city;
        let text = |id, value: &str| Field {
            id,
            kind: FieldKind::Text(TextInput::new(value)),
            error: None,
        };
        let choice = |id, index, len| Field {
            id,
            kind: FieldKind::Choice { index, len },
            error: None,
        };
        let level = |l: Level| LEVELS.iter().position(|x| *x == l).unwrap_or(1);
        let detail = |l: Lang| {
            city.specialty_detail
                .as_ref()
                .map(|t| exact(t, l).to_string())
                .unwrap_or_default()
        };
        let fields = vec![
            text(FieldId::NameZh, &city.name.zh),
            text(FieldId::NameEn, &city.name.en),
            Field {
                id: FieldId::Country,
                kind: FieldKind::Country {
                    code: city.country.clone(),
                },
                error: None,
            },
            text(FieldId::Region, city.region_in(lang)),
            text(
                FieldId::Population,
                &city.population.map(|p| p.to_string()).unwrap_or_default(),
            ),
            choice(
                FieldId::PopulationKind,
                POPULATION_KINDS
                    .iter()
                    .position(|k| *k == city.population_kind)
                    .unwrap_or(0),
                POPULATION_KINDS.len(),
            ),
            Field {
                id: FieldId::Specialties,
                kind: FieldKind::Multi {
                    chosen: city.specialties.iter().copied().collect(),
                    cursor: 0,
                },
                error: None,
            },
            text(FieldId::SpecialtyZh, &detail(Lang::Zh)),
            text(FieldId::SpecialtyEn, &detail(Lang::En)),
            choice(FieldId::Funding, level(city.constraints.funding), 3),
            choice(FieldId::Talent, level(city.constraints.talent), 3),
            choice(FieldId::Technology, level(city.constraints.technology), 3),
        ];
        Form {
            fields,
            focus: 0,
            error: None,
            existing_ids: BTreeSet::new(),
            existing_names: Vec::new(),
            mode: FormMode::Edit { open, back },
            picker: None,
        }
    }

    pub fn is_edit(&self) -> bool {
        matches!(self.mode, FormMode::Edit { .. })
    }

    /// The country field's code (or an older file's free text).
    pub fn country(&self) -> &str {
        match self.fields.iter().find(|f| f.id == FieldId::Country) {
            Some(Field {
                kind: FieldKind::Country { code },
                ..
            }) => code,
            _ => "",
        }
    }

    /// A key while the country list is open.
    fn on_picker(&mut self, action: Option<Action>, key: &KeyEvent, lang: Lang) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        let n = picker.matches(lang).len();
        match action {
            Some(A::Up) => picker.selected = picker.selected.saturating_sub(1),
            Some(A::Down) => picker.selected = (picker.selected + 1).min(n.saturating_sub(1)),
            Some(A::Back) => self.picker = None,
            Some(A::Select) => {
                if let Some(chosen) = picker.matches(lang).get(picker.selected) {
                    let code = chosen.code.clone();
                    if let Some(Field {
                        kind: FieldKind::Country { code: slot },
                        error,
                        ..
                    }) = self.fields.iter_mut().find(|f| f.id == FieldId::Country)
                    {
                        *slot = code;
                        *error = None;
                    }
                    self.picker = None;
                }
            }
            _ => {
                if picker.filter.handle(key) {
                    picker.selected = 0;
                }
            }
        }
    }

    /// Another profile with the same name in either language, if any: its id.
    pub fn same_name(&self) -> Option<&str> {
        let zh = self.text(FieldId::NameZh);
        let en = self.text(FieldId::NameEn);
        self.existing_names
            .iter()
            .find(|(_, n)| {
                (!zh.is_empty() && n.zh.trim() == zh)
                    || (!en.is_empty() && n.en.trim().eq_ignore_ascii_case(en))
            })
            .map(|(id, _)| id.as_str())
    }

    pub fn field(&self, id: FieldId) -> &Field {
        self.fields
            .iter()
            .find(|f| f.id == id)
            .expect("every field id is in the form")
    }

    fn text(&self, id: FieldId) -> &str {
        match self.fields.iter().find(|f| f.id == id).map(|f| &f.kind) {
            Some(FieldKind::Text(input)) => input.trimmed(),
            _ => "",
        }
    }

    fn choice(&self, id: FieldId) -> usize {
        match self.fields.iter().find(|f| f.id == id).map(|f| &f.kind) {
            Some(FieldKind::Choice { index, .. }) => *index,
            _ => 0,
        }
    }

    /// The id the profile will get: the one typed, else one derived from the
    /// English name.
    /// The text input with the focus, if the focused field is text.
    pub fn focused_input_mut(&mut self) -> Option<&mut TextInput> {
        match &mut self.fields.get_mut(self.focus)?.kind {
            FieldKind::Text(input) => Some(input),
            _ => None,
        }
    }

    pub fn derived_id(&self) -> Option<String> {
        let typed = self.text(FieldId::Id);
        if typed.is_empty() {
            derive_id(self.text(FieldId::NameEn))
        } else {
            Some(typed.to_string())
        }
    }

    pub fn handle(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        today: NaiveDate,
        lang: Lang,
    ) -> FormOutcome {
        let n = self.fields.len();
        let field = &mut self.fields[self.focus];
        match (action, &mut field.kind) {
            (Some(Action::NextField), _) => self.focus = (self.focus + 1) % n,
            (Some(Action::PrevField), _) => self.focus = (self.focus + n - 1) % n,
            (Some(Action::Back), _) => return FormOutcome::Cancel,
            (Some(Action::Select), _) => return self.submit(today, lang),
            (Some(Action::Left), FieldKind::Choice { index, len }) => {
                *index = (*index + *len - 1) % *len
            }
            (Some(Action::Right), FieldKind::Choice { index, len }) => *index = (*index + 1) % *len,
            (Some(Action::Toggle), FieldKind::Choice { index, len }) => {
                *index = (*index + 1) % *len
            }
            (Some(Action::Left), FieldKind::Multi { cursor, .. }) => {
                *cursor = (*cursor + Specialty::ALL.len() - 1) % Specialty::ALL.len()
            }
            (Some(Action::Right), FieldKind::Multi { cursor, .. }) => {
                *cursor = (*cursor + 1) % Specialty::ALL.len()
            }
            (Some(Action::Toggle), FieldKind::Multi { chosen, cursor }) => {
                let s = Specialty::ALL[*cursor];
                if !chosen.remove(&s) {
                    chosen.insert(s);
                }
            }
            (_, FieldKind::Text(input)) => {
                input.handle(key);
            }
            // the country is chosen from the list: Space or typing opens it
            (Some(Action::Toggle), FieldKind::Country { .. }) => {
                self.picker = Some(Picker::default());
            }
            (None, FieldKind::Country { .. }) => {
                let mut picker = Picker::default();
                if picker.filter.handle(key) {
                    self.picker = Some(picker);
                } else if key.code == KeyCode::Backspace || key.code == KeyCode::Delete {
                    // Backspace clears the country
                    if let FieldKind::Country { code } = &mut self.fields[self.focus].kind {
                        code.clear();
                    }
                }
            }
            _ => {}
        }
        self.after_typing(lang, today);
        FormOutcome::Stay
    }

    /// Once the form has shown errors, they follow the typing (or a
    /// paste): fixed ones go, others stay, without moving the cursor.
    pub fn after_typing(&mut self, lang: Lang, today: NaiveDate) {
        if self.error.is_some() {
            let focus = self.focus;
            if self.is_edit() {
                self.edit_ops(lang);
            } else {
                self.check(lang, today);
            }
            self.focus = focus;
        }
    }

    /// Checks every field; marks each bad one (in `lang`), and returns the
    /// profile when all are sound.
    pub fn check(&mut self, lang: Lang, today: NaiveDate) -> Option<Profile> {
        let s = ui(lang);
        for f in &mut self.fields {
            f.error = None;
        }
        self.error = None;
        let mut errors: Vec<(FieldId, String)> = vec![];
        let name = Text::new(self.text(FieldId::NameZh), self.text(FieldId::NameEn));
        if name.is_blank() {
            errors.push((FieldId::NameZh, s.error_name_required.into()));
        }
        let id = self.derived_id();
        match &id {
            None => errors.push((FieldId::Id, s.error_id_needed.into())),
            Some(id) => {
                if check_id(id).is_err() {
                    errors.push((FieldId::Id, s.error_id_needed.into()));
                } else if self.existing_ids.contains(id) {
                    errors.push((FieldId::Id, fill(s.error_id_taken, &[id])));
                }
            }
        }
        let population = self.text(FieldId::Population);
        let population = if population.is_empty() {
            None
        } else {
            match parse_population(population) {
                Some(n) => Some(n),
                None => {
                    errors.push((FieldId::Population, s.error_population.into()));
                    None
                }
            }
        };
        let mut respondents = vec![];
        for i in 0..RESPONDENT_ROWS {
            let name = self.text(FieldId::RespondentName(i));
            let role = self.text(FieldId::RespondentRole(i));
            if name.is_empty() && !role.is_empty() {
                errors.push((FieldId::RespondentName(i), s.error_respondent_name.into()));
            }
            if !name.is_empty() {
                respondents.push(Respondent::new(
                    crate::core::uid::new_uid(),
                    name,
                    role,
                    ORGANISATIONS[self.choice(FieldId::RespondentOrg(i))],
                ));
            }
        }
        if !errors.is_empty() {
            let first = errors[0].0;
            for (id, error) in errors {
                if let Some(f) = self.fields.iter_mut().find(|f| f.id == id) {
                    f.error.get_or_insert(error);
                }
            }
            self.focus = self.fields.iter().position(|f| f.id == first).unwrap_or(0);
            self.error = Some(s.error_form.into());
            return None;
        }
        let specialties = match &self.field(FieldId::Specialties).kind {
            FieldKind::Multi { chosen, .. } => chosen.iter().copied().collect(),
            _ => vec![],
        };
        let city = City {
            name,
            country: self.country().to_string(),
            region: self.text(FieldId::Region).to_string(),
            region_text: None,
            population,
            population_kind: None,
            specialties,
            specialty_detail: None,
            constraints: Constraints {
                funding: LEVELS[self.choice(FieldId::Funding)],
                talent: LEVELS[self.choice(FieldId::Talent)],
                technology: LEVELS[self.choice(FieldId::Technology)],
                unset: [false; 3],
            },
            assumed: Vec::new(),
            extra: Extra::new(),
        };
        // The runtime stamps the real time when it creates the file.
        let epoch = Utc.timestamp_opt(0, 0).single().unwrap_or_default();
        let mut profile = Profile::new(id.unwrap_or_default(), city, epoch);
        let mut assessment = Assessment::new(today, self.text(FieldId::Interviewer));
        assessment.respondents = respondents;
        profile.assessments.push(assessment);
        Some(profile)
    }

    fn submit(&mut self, today: NaiveDate, lang: Lang) -> FormOutcome {
        if self.is_edit() {
            return match self.edit_ops(lang) {
                Some(ops) => FormOutcome::Edited(ops),
                None => FormOutcome::Stay,
            };
        }
        match self.check(lang, today) {
            Some(profile) => FormOutcome::Submit(Box::new(profile)),
            None => FormOutcome::Stay,
        }
    }

    /// Editing: the operations that take the profile from what it was to
    /// what the form says (only the fields that changed), checked by the
    /// core on a copy; `None`, with each bad field marked, when one is
    /// wrong.
    pub fn edit_ops(&mut self, lang: Lang) -> Option<Vec<Op>> {
        let FormMode::Edit { open, .. } = &self.mode else {
            return None;
        };
        let s = ui(lang);
        let before = open.profile.city.clone();
        let mut probe = open.profile.clone();
        for f in &mut self.fields {
            f.error = None;
        }
        self.error = None;
        let mut errors: Vec<(FieldId, String)> = vec![];
        let mut ops: Vec<(FieldId, Op)> = vec![];
        let city = |field| Op::SetCity { field };
        for (id, l) in [(FieldId::NameZh, Lang::Zh), (FieldId::NameEn, Lang::En)] {
            let text = self.text(id);
            if text != exact(&before.name, l).trim() {
                ops.push((
                    id,
                    city(CityField::Name {
                        lang: l,
                        text: text.to_string(),
                    }),
                ));
            }
        }
        if self.text(FieldId::NameZh).is_empty() && self.text(FieldId::NameEn).is_empty() {
            errors.push((FieldId::NameZh, s.error_name_required.into()));
        }
        let country = self.country().to_string();
        if country != before.country {
            ops.push((FieldId::Country, city(CityField::Country(country))));
        }
        let region = self.text(FieldId::Region);
        if region != before.region_in(lang).trim() {
            let lang = before.region_text.is_some().then_some(lang);
            ops.push((
                FieldId::Region,
                city(CityField::Region {
                    lang,
                    text: region.to_string(),
                }),
            ));
        }
        let population = self.text(FieldId::Population);
        let population = if population.is_empty() {
            Some(None)
        } else {
            parse_population(population).map(Some)
        };
        match population {
            None => errors.push((FieldId::Population, s.error_population.into())),
            Some(p) if p != before.population => {
                ops.push((FieldId::Population, city(CityField::Population(p))))
            }
            Some(_) => {}
        }
        let kind = POPULATION_KINDS[self.choice(FieldId::PopulationKind)];
        if kind != before.population_kind {
            ops.push((
                FieldId::PopulationKind,
                city(CityField::PopulationKind(kind)),
            ));
        }
        if let FieldKind::Multi { chosen, .. } = &self.field(FieldId::Specialties).kind {
            let chosen: Vec<Specialty> = Specialty::ALL
                .iter()
                .filter(|s| chosen.contains(s))
                .copied()
                .collect();
            let mut was = before.specialties.clone();
            was.sort_by_key(|s| Specialty::ALL.iter().position(|x| x == s));
            if chosen != was {
                ops.push((FieldId::Specialties, city(CityField::Specialties(chosen))));
            }
        }
        for (id, l) in [
            (FieldId::SpecialtyZh, Lang::Zh),
            (FieldId::SpecialtyEn, Lang::En),
        ] {
            let text = self.text(id);
            let was = before
                .specialty_detail
                .as_ref()
                .map(|t| exact(t, l).trim().to_string())
                .unwrap_or_default();
            if text != was {
                ops.push((
                    id,
                    city(CityField::SpecialtyDetail {
                        lang: l,
                        text: text.to_string(),
                    }),
                ));
            }
        }
        for (id, resource, was) in [
            (
                FieldId::Funding,
                Resource::Funding,
                before.constraints.funding,
            ),
            (FieldId::Talent, Resource::Talent, before.constraints.talent),
            (
                FieldId::Technology,
                Resource::Technology,
                before.constraints.technology,
            ),
        ] {
            let level = LEVELS[self.choice(id)];
            if level != was {
                ops.push((id, city(CityField::Constraint { resource, level })));
            }
        }
        // each through the core, so its own refusal sits by its field
        for (id, op) in &ops {
            if let Err(e) = probe.apply(op) {
                errors.push((*id, e.message(lang)));
            }
        }
        if !errors.is_empty() {
            let first = errors[0].0;
            for (id, error) in errors {
                if let Some(f) = self.fields.iter_mut().find(|f| f.id == id) {
                    f.error.get_or_insert(error);
                }
            }
            self.focus = self.fields.iter().position(|f| f.id == first).unwrap_or(0);
            self.error = Some(s.error_form.into());
            return None;
        }
        Some(ops.into_iter().map(|(_, op)| op).collect())
    }
}

/// A text in `lang` exactly, without falling back to the other language.
fn exact(t: &Text, lang: Lang) -> &str {
    match lang {
        Lang::En => &t.en,
        Lang::Zh => &t.zh,
    }
}

// ---- drawing ----

const LABEL_W: u16 = 18;

fn specialty_name(specialty: Specialty, lang: Lang) -> &'static str {
    crate::core::framework()
        .specialties
        .iter()
        .find(|s| s.id == specialty.as_str())
        .map(|s| s.name.get(lang))
        .unwrap_or(specialty.as_str())
}

/// The visible part of a text input at `cols` columns, with the cursor
/// shown as a reversed cell when focused.
/// `at`: the one-row area the input is shown in.
pub(super) fn draw_input(
    buf: &mut Buffer,
    at: Rect,
    input: &TextInput,
    focused: bool,
    placeholder: &str,
    theme: Theme,
) {
    let (x, y, cols) = (at.x, at.y, at.width);
    let chars: Vec<char> = input.text.chars().collect();
    // scroll so the cursor stays visible
    let start = input.scroll_start(cols as usize);
    let shown: String = chars[start..].iter().collect();
    if input.text.is_empty() && !placeholder.is_empty() {
        let gap = u16::from(focused);
        put(
            buf,
            x + gap,
            y,
            placeholder,
            cols.saturating_sub(gap),
            theme.dim(),
        );
    } else {
        put(buf, x, y, &shown, cols, Style::new());
    }
    if focused {
        let before: String = chars[start..input.cursor.min(chars.len())].iter().collect();
        let cx = x + width(&before) as u16;
        if cx < x + cols {
            let under = input.at_cursor().unwrap_or(" ");
            put(buf, cx, y, under, x + cols - cx, theme.selected());
        }
    }
}

fn choice_line(options: &[&str], index: usize) -> String {
    options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            if i == index {
                format!("[{o}]")
            } else {
                format!(" {o} ")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn draw(buf: &mut Buffer, area: Rect, form: &Form, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let words = strings(lang);
    let (title, intro) = match &form.mode {
        FormMode::New => (s.title_form.to_string(), s.form_intro.to_string()),
        FormMode::Edit { open, .. } => (
            fill(s.w.title_profile_edit, &[&open.profile.city.name.get(lang)]),
            fill(s.w.profile_edit_intro, &[&open.profile.id]),
        ),
    };
    let inner = boxed(buf, area, &title, theme, true);
    let mut y = inner.y;
    match form.same_name() {
        Some(other) if form.error.is_none() => put(
            buf,
            inner.x,
            y,
            &fill(s.w.same_name_warning, &[&other]),
            inner.width,
            theme.error(),
        ),
        _ => put(buf, inner.x, y, &intro, inner.width, theme.dim()),
    };
    y += 1;
    let value_x = inner.x + LABEL_W;
    let value_w = inner.width.saturating_sub(LABEL_W);
    let mut i = 0;
    while i < form.fields.len() {
        if y >= inner.bottom().saturating_sub(1) {
            break;
        }
        let field = &form.fields[i];
        let focused = form.focus == i;
        let label_style = if focused {
            theme.title()
        } else {
            theme.heading()
        };
        if let FieldId::RespondentName(_) = field.id {
            // name, role and organisation on one line
            put(
                buf,
                inner.x,
                y,
                &pad(&field.id.label(s), LABEL_W as usize),
                LABEL_W,
                label_style,
            );
            let name_w = value_w * 2 / 5;
            let role_w = value_w / 3;
            for (k, (x, w)) in [
                (value_x, name_w),
                (value_x + name_w + 1, role_w),
                (
                    value_x + name_w + role_w + 2,
                    value_w.saturating_sub(name_w + role_w + 2),
                ),
            ]
            .into_iter()
            .enumerate()
            {
                let sub = &form.fields[i + k];
                let sub_focused = form.focus == i + k;
                match &sub.kind {
                    FieldKind::Text(input) => {
                        let placeholder = if k == 0 {
                            s.field_name_placeholder
                        } else {
                            s.field_role
                        };
                        draw_input(
                            buf,
                            Rect::new(x, y, w.saturating_sub(1), 1),
                            input,
                            sub_focused,
                            placeholder,
                            theme,
                        );
                    }
                    FieldKind::Choice { index, .. } => {
                        let org = words.organisation(ORGANISATIONS[*index]);
                        let text = format!("<{org}>");
                        put(
                            buf,
                            x,
                            y,
                            &text,
                            w,
                            if sub_focused {
                                theme.selected()
                            } else {
                                Style::new()
                            },
                        );
                    }
                    FieldKind::Multi { .. } | FieldKind::Country { .. } => {}
                }
            }
            y += 1;
            i += 3;
            continue;
        }
        put(
            buf,
            inner.x,
            y,
            &pad(&field.id.label(s), LABEL_W as usize),
            LABEL_W,
            label_style,
        );
        let error_w = if field.error.is_some() {
            value_w.saturating_sub(22)
        } else {
            0
        };
        let cols = value_w.saturating_sub(error_w + 1);
        match &field.kind {
            FieldKind::Text(input) => {
                let placeholder = match field.id {
                    FieldId::Id => form
                        .derived_id()
                        .map(|id| fill(s.field_id_derived, &[&id]))
                        .unwrap_or_default(),
                    FieldId::Population => s.field_optional.to_string(),
                    _ => String::new(),
                };
                draw_input(
                    buf,
                    Rect::new(value_x, y, cols, 1),
                    input,
                    focused,
                    &placeholder,
                    theme,
                );
            }
            FieldKind::Choice { index, .. } => {
                let options: Vec<&str> = if field.id == FieldId::PopulationKind {
                    vec![s.w.kind_unsaid, s.w.kind_urban, s.w.kind_total]
                } else {
                    LEVELS.iter().map(|l| words.level(*l)).collect()
                };
                let text = choice_line(&options, *index);
                put(
                    buf,
                    value_x,
                    y,
                    &text,
                    cols,
                    if focused { theme.title() } else { Style::new() },
                );
            }
            FieldKind::Multi { chosen, cursor } => {
                // all six on two lines, the cursor's one reversed
                let mut x = value_x;
                let mut row = y;
                for (k, sp) in Specialty::ALL.iter().enumerate() {
                    let mark = if chosen.contains(sp) { "[x]" } else { "[ ]" };
                    let text = format!("{mark} {}", specialty_name(*sp, lang));
                    let w = width(&text) as u16 + 2;
                    if x + w > value_x + cols && x > value_x {
                        row += 1;
                        x = value_x;
                    }
                    let style = if focused && k == *cursor {
                        theme.selected()
                    } else {
                        Style::new()
                    };
                    put(
                        buf,
                        x,
                        row,
                        &text,
                        (value_x + cols).saturating_sub(x),
                        style,
                    );
                    x += w;
                }
                y = row;
            }
            FieldKind::Country { code } => {
                let text = if code.is_empty() {
                    s.w.country_none.to_string()
                } else {
                    match country::by_code(code).filter(|_| code.len() == 2) {
                        Some(c) => format!("{} ({})", c.name.get(lang), c.code),
                        // an older file's free text: kept, and said so
                        None => fill(s.w.country_free_text, &[&code]),
                    }
                };
                let style = if focused {
                    theme.selected()
                } else {
                    Style::new()
                };
                let end = value_x + put(buf, value_x, y, &text, cols, style);
                if focused {
                    put(
                        buf,
                        end + 1,
                        y,
                        s.w.country_hint,
                        (value_x + cols).saturating_sub(end + 1),
                        theme.dim(),
                    );
                }
            }
        }
        if let Some(error) = &field.error {
            put(buf, value_x + cols + 1, y, error, error_w, theme.error());
        }
        y += 1;
        i += 1;
    }
    if let Some(error) = &form.error {
        // errors of fields on respondent lines have no room beside them
        let extra: Vec<&str> = form
            .fields
            .iter()
            .filter(|f| matches!(f.id, FieldId::RespondentName(_)))
            .filter_map(|f| f.error.as_deref())
            .collect();
        let text = if extra.is_empty() {
            error.clone()
        } else {
            format!("{error} {}", extra.join(" "))
        };
        put(
            buf,
            inner.x,
            inner.bottom().saturating_sub(1),
            &text,
            inner.width,
            theme.error(),
        );
    }
    if let Some(picker) = &form.picker {
        draw_picker(buf, inner, picker, cx);
    }
}

/// The country list over the lower part of the form: the filter, then the
/// matching countries, the selected one highlighted.
fn draw_picker(buf: &mut Buffer, inner: Rect, picker: &Picker, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let top = inner.y + 2;
    let area = Rect::new(
        inner.x,
        top,
        inner.width,
        inner.bottom().saturating_sub(top),
    );
    if area.height < 4 {
        return;
    }
    super::super::draw::paint::clear(buf, area);
    let list = boxed(buf, area, s.w.title_country_picker, theme, true);
    let found = picker.matches(lang);
    put(
        buf,
        list.x,
        list.y,
        s.w.country_filter,
        list.width,
        theme.heading(),
    );
    let label_w = width(s.w.country_filter) as u16 + 1;
    draw_input(
        buf,
        Rect::new(
            list.x + label_w,
            list.y,
            list.width.saturating_sub(label_w),
            1,
        ),
        &picker.filter,
        true,
        "",
        theme,
    );
    let rows = list.height.saturating_sub(1) as usize;
    if found.is_empty() {
        put(buf, list.x, list.y + 1, s.no_match, list.width, theme.dim());
        return;
    }
    let first = picker.selected.saturating_sub(rows.saturating_sub(1));
    for (row, c) in found.iter().enumerate().skip(first).take(rows) {
        let y = list.y + 1 + (row - first) as u16;
        // in Chinese the Chinese name alone; in English both (the filter
        // finds either)
        let line = match lang {
            Lang::En => format!("{}  {}  {}", c.code, c.name.en, c.name.zh),
            Lang::Zh => format!("{}  {}", c.code, c.name.get(lang)),
        };
        put(buf, list.x, y, &line, list.width, Style::new());
        if row == picker.selected {
            highlight(buf, list, y, theme);
        }
    }
}
