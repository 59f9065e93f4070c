//! The new-profile form: every city field of the profile, the interviewer
//! and the respondents. Tab and Shift-Tab move between fields; Enter checks
//! the whole form and, when it is sound, hands a new profile to the runtime.
//! Nothing is saved while a field is wrong; each error sits by its field.

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone, Utc};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{boxed, put};
use super::super::input::TextInput;
use super::super::keys::{Action, Binding, CTRL_C, ENTER, ESC, Key, bind};
use super::super::theme::Theme;
use super::Screen;
use crate::core::Lang;
use crate::core::id::{check_id, derive_id};
use crate::core::lang::Text;
use crate::core::profile::{
    Assessment, City, Constraints, Extra, Level, OrganisationType, Profile, Respondent, Specialty,
};
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

/// A key on the form: the form itself, home again, or a profile to create.
pub fn update(
    mut form: Box<Form>,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> (Screen, Vec<Effect>) {
    match form.handle(action, key, cx.today, cx.lang) {
        FormOutcome::Stay => (Screen::Form(form), vec![]),
        FormOutcome::Cancel => (Screen::Home, vec![]),
        FormOutcome::Submit(profile) => (Screen::Form(form), vec![Effect::Create(profile)]),
    }
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
    Specialties,
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
            FieldId::Specialties => s.field_specialties.into(),
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
}

pub enum FormOutcome {
    Stay,
    Cancel,
    Submit(Box<Profile>),
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
            text(FieldId::Country),
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
        }
    }

    pub fn field(&self, id: FieldId) -> &Field {
        self.fields
            .iter()
            .find(|f| f.id == id)
            .expect("every field id is in the form")
    }

    fn text(&self, id: FieldId) -> &str {
        match &self.field(id).kind {
            FieldKind::Text(input) => input.trimmed(),
            _ => "",
        }
    }

    fn choice(&self, id: FieldId) -> usize {
        match &self.field(id).kind {
            FieldKind::Choice { index, .. } => *index,
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
            self.check(lang, today);
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
            country: self.text(FieldId::Country).to_string(),
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
        match self.check(lang, today) {
            Some(profile) => FormOutcome::Submit(Box::new(profile)),
            None => FormOutcome::Stay,
        }
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
fn draw_input(
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
    let inner = boxed(buf, area, s.title_form, theme, true);
    let mut y = inner.y;
    put(buf, inner.x, y, s.form_intro, inner.width, theme.dim());
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
                    FieldKind::Multi { .. } => {}
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
                let options: Vec<&str> = LEVELS.iter().map(|l| words.level(*l)).collect();
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
}
