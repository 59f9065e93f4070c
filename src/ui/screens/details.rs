//! An assessment's own date, interviewer and respondents: asked when a
//! city is reassessed (`a`: the date, today by default; what is carried
//! over and what is not, with the previous assessment's overrides offered
//! one by one), and editable afterwards (from the assessments list). Every
//! change is an operation of the core; Esc on a reassessment starts
//! nothing, so a stray `a` costs nothing.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{boxed, put, put_wrapped};
use super::super::input::TextInput;
use super::super::keys::{Action, Binding, CONSULTANT, CTRL_C, ENTER, ESC, Key, bind};
use super::form::ORGANISATIONS;
use super::open::{Open, first_open_domain};
use super::walk::{self, Walk};
use super::{Screen, assessments};
use crate::core::Lang;
use crate::core::framework::DomainId;
use crate::core::ops::Op;
use crate::core::profile::{AnswerValue, Respondent};
use crate::text::{fill, pad, strings, width};

use Action as A;
use Key::Code;

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
        key_prev_field
    ),
    bind!(&[Code(KeyCode::Left)], A::Left, key_choice_left),
    bind!(&[Code(KeyCode::Right)], A::Right, key_choice_right),
    Binding {
        keys: &[Key::Char(' ')],
        action: A::Toggle,
        label: |s| s.w.key_carry_override,
        hint: None,
        roles: CONSULTANT,
    },
    Binding {
        keys: ENTER,
        action: A::Select,
        label: |s| s.w.key_details_save,
        hint: Some(|s| s.hint_save),
        roles: CONSULTANT,
    },
    bind!(ESC, A::Back, key_cancel, hint_cancel),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// What the details are for.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// A new assessment, carried from the open one (the latest).
    Reassess,
    /// The assessment with this id, and the walk to return to.
    Edit { assessment: String },
}

/// One respondent's line: name (blank: removed), role, organisation.
#[derive(Debug, Clone)]
pub struct Row {
    /// The respondent's id when there is one (carried or existing).
    pub id: Option<String>,
    pub name: TextInput,
    pub role: TextInput,
    pub organisation: usize,
}

/// Where the focus is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Date,
    Interviewer,
    Name(usize),
    Role(usize),
    Organisation(usize),
    Override(usize),
}

#[derive(Debug, Clone)]
pub struct Details {
    pub purpose: Purpose,
    pub date: TextInput,
    pub interviewer: TextInput,
    pub rows: Vec<Row>,
    /// The previous assessment's overrides, and whether each is carried.
    pub overrides: Vec<(DomainId, bool)>,
    pub focus: usize,
    pub error: Option<String>,
    /// The place in the walk to come back to (editing).
    pub back: Walk,
}

/// New respondents a reassessment or an edit offers beside the others.
pub const NEW_ROWS: usize = 2;

impl Details {
    fn from_assessment(
        open: &Open,
        at: usize,
        purpose: Purpose,
        date: NaiveDate,
        back: Walk,
        lang: Lang,
    ) -> Details {
        let a = &open.profile.assessments[at];
        let mut rows: Vec<Row> = a
            .respondents
            .iter()
            .map(|r| Row {
                id: Some(r.id.clone()),
                name: TextInput::new(r.name.clone()),
                role: TextInput::new(r.role.clone()),
                organisation: ORGANISATIONS
                    .iter()
                    .position(|o| *o == r.organisation)
                    .unwrap_or(0),
            })
            .collect();
        for _ in 0..NEW_ROWS {
            rows.push(Row {
                id: None,
                name: TextInput::default(),
                role: TextInput::default(),
                organisation: 0,
            });
        }
        let overrides = if purpose == Purpose::Reassess {
            a.overrides.keys().map(|d| (*d, false)).collect()
        } else {
            Vec::new()
        };
        Details {
            purpose,
            date: TextInput::new(date.to_string()),
            interviewer: TextInput::new(a.interviewer_in(lang)),
            rows,
            overrides,
            focus: 0,
            error: None,
            back,
        }
    }

    /// A reassessment of the open profile, dated `today`.
    pub fn reassess(open: &Open, today: NaiveDate, lang: Lang) -> Details {
        let last = open.profile.assessments.len() - 1;
        Details::from_assessment(open, last, Purpose::Reassess, today, Walk::default(), lang)
    }

    /// Editing the open profile's assessment at `at`.
    pub fn edit(open: &Open, at: usize, back: Walk, lang: Lang) -> Details {
        let a = &open.profile.assessments[at];
        let purpose = Purpose::Edit {
            assessment: a.id.clone(),
        };
        Details::from_assessment(open, at, purpose, a.date, back, lang)
    }

    pub fn stops(&self) -> Vec<Stop> {
        let mut stops = vec![Stop::Date, Stop::Interviewer];
        for i in 0..self.rows.len() {
            stops.extend([Stop::Name(i), Stop::Role(i), Stop::Organisation(i)]);
        }
        stops.extend((0..self.overrides.len()).map(Stop::Override));
        stops
    }

    pub fn stop(&self) -> Stop {
        self.stops()[self.focus.min(self.stops().len() - 1)]
    }

    /// The text input with the focus, if it is one.
    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self.stop() {
            Stop::Date => Some(&mut self.date),
            Stop::Interviewer => Some(&mut self.interviewer),
            Stop::Name(i) => Some(&mut self.rows[i].name),
            Stop::Role(i) => Some(&mut self.rows[i].role),
            Stop::Organisation(_) | Stop::Override(_) => None,
        }
    }

    /// The operations the details mean, for the profile in `open`: for a
    /// reassessment, the new assessment (with `new_id`) first. `Err` with
    /// the reason in `lang`.
    pub fn ops(&self, open: &Open, new_id: &str, lang: Lang) -> Result<Vec<Op>, String> {
        let s = crate::text::ui(lang);
        let date = NaiveDate::parse_from_str(self.date.trimmed(), "%Y-%m-%d")
            .map_err(|_| fill("{}: {}", &[&s.w.field_date, &s.w.error_date]))?;
        let interviewer = self.interviewer.trimmed().to_string();
        let mut ops = vec![];
        let (id, before) = match &self.purpose {
            Purpose::Reassess => {
                let last = open
                    .profile
                    .assessments
                    .last()
                    .expect("a reassessment has one");
                // assessments are kept oldest first
                if date < last.date {
                    return Err(fill(s.w.error_date_before_last, &[&last.date]));
                }
                ops.push(Op::NewAssessment {
                    id: new_id.to_string(),
                    date,
                    interviewer: String::new(),
                    carry_from: Some(last.id.clone()),
                });
                (new_id.to_string(), last)
            }
            Purpose::Edit { assessment } => {
                let a = open.profile.assessment(assessment).ok_or_else(|| {
                    crate::core::ops::EditError::NoSuchAssessment(assessment.clone()).message(lang)
                })?;
                if a.date != date {
                    ops.push(Op::SetAssessmentDate {
                        assessment: assessment.clone(),
                        date,
                    });
                }
                (assessment.clone(), a)
            }
        };
        if interviewer != before.interviewer_in(lang).trim() {
            ops.push(Op::SetInterviewer {
                assessment: id.clone(),
                lang: before.interviewer_text.is_some().then_some(lang),
                text: interviewer,
            });
        }
        for row in &self.rows {
            let name = row.name.trimmed();
            let role = row.role.trimmed();
            let organisation = ORGANISATIONS[row.organisation];
            match &row.id {
                Some(rid) => {
                    let Some(was) = before.respondent(rid) else {
                        continue;
                    };
                    if name.is_empty() {
                        let voiced = before.answers.values().any(|a| a.voices.contains_key(rid));
                        if voiced && self.purpose != Purpose::Reassess {
                            return Err(fill(s.w.error_respondent_has_voices, &[&was.name]));
                        }
                        ops.push(Op::RemoveRespondent {
                            assessment: id.clone(),
                            respondent: rid.clone(),
                        });
                    } else if name != was.name
                        || role != was.role
                        || organisation != was.organisation
                    {
                        let mut changed = was.clone();
                        changed.name = name.to_string();
                        changed.role = role.to_string();
                        changed.organisation = organisation;
                        ops.push(Op::EditRespondent {
                            assessment: id.clone(),
                            respondent: changed,
                        });
                    }
                }
                None if !name.is_empty() => ops.push(Op::AddRespondent {
                    assessment: id.clone(),
                    respondent: Respondent::new(
                        crate::core::uid::new_uid(),
                        name,
                        role,
                        organisation,
                    ),
                }),
                None => {
                    if !role.is_empty() {
                        return Err(s.error_respondent_name.to_string());
                    }
                }
            }
        }
        for (domain, carried) in &self.overrides {
            if *carried {
                ops.push(Op::CarryOverride {
                    assessment: id.clone(),
                    from: before.id.clone(),
                    domain: *domain,
                });
            }
        }
        // the whole set through the core on a copy: a refusal names its cause
        let mut probe = open.profile.clone();
        probe.apply_all(&ops).map_err(|e| e.message(lang))?;
        Ok(ops)
    }
}

/// The details screen for a reassessment of the open profile.
pub fn reassess(open: Box<Open>, cx: &Cx<'_>) -> Screen {
    let details = Details::reassess(&open, cx.today, cx.lang);
    Screen::Details(open, Box::new(details))
}

pub fn update(
    open: Box<Open>,
    mut details: Box<Details>,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> (Screen, Vec<Effect>) {
    let n = details.stops().len();
    match action {
        Some(A::NextField) => details.focus = (details.focus + 1) % n,
        Some(A::PrevField) => details.focus = (details.focus + n - 1) % n,
        Some(A::Back) => {
            return match details.purpose {
                // nothing was started: home again, the profile closed
                Purpose::Reassess => (Screen::Home, vec![Effect::Close, Effect::List]),
                Purpose::Edit { assessment } => {
                    let at = open
                        .profile
                        .assessment_index(&assessment)
                        .unwrap_or(open.assessment);
                    (assessments::show_at(open, details.back.clone(), at), vec![])
                }
            };
        }
        Some(A::Select) => return submit(open, details, cx),
        Some(A::Left | A::Right | A::Toggle) => {
            let step = if action == Some(A::Left) {
                ORGANISATIONS.len() - 1
            } else {
                1
            };
            match details.stop() {
                Stop::Organisation(i) => {
                    let row = &mut details.rows[i];
                    row.organisation = (row.organisation + step) % ORGANISATIONS.len();
                }
                Stop::Override(i) if action == Some(A::Toggle) => {
                    details.overrides[i].1 = !details.overrides[i].1;
                }
                _ => {
                    if let Some(input) = details.input_mut() {
                        input.handle(key);
                    }
                }
            }
        }
        _ => {
            if let Some(input) = details.input_mut()
                && input.handle(key)
            {
                details.error = None;
            }
        }
    }
    (Screen::Details(open, details), vec![])
}

fn submit(
    mut open: Box<Open>,
    mut details: Box<Details>,
    cx: &mut Cx<'_>,
) -> (Screen, Vec<Effect>) {
    if !open.writable(cx) {
        return (Screen::Details(open, details), vec![]);
    }
    let new_id = crate::core::uid::new_uid();
    let ops = match details.ops(&open, &new_id, cx.lang) {
        Ok(ops) => ops,
        Err(error) => {
            details.error = Some(error);
            return (Screen::Details(open, details), vec![]);
        }
    };
    if let Err(e) = open.profile.apply_all(&ops) {
        details.error = Some(e.message(cx.lang));
        return (Screen::Details(open, details), vec![]);
    }
    let save = open.save_ops(ops, None);
    match details.purpose {
        Purpose::Reassess => {
            open.assessment = open.profile.assessments.len() - 1;
            let a = open.assessment();
            cx.status.info = Some(fill(
                cx.s.w.reassessed,
                &[
                    &open.profile.assessments.len(),
                    &a.date,
                    &a.carried_over_count(),
                ],
            ));
            let walk = Walk::at_domain(first_open_domain(&open));
            (walk::at(open, walk), vec![save])
        }
        Purpose::Edit { assessment } => {
            cx.status.info = Some(cx.s.w.details_saved.to_string());
            // the date may have moved it among the others: it stays selected
            let at = open
                .profile
                .assessment_index(&assessment)
                .unwrap_or(open.assessment);
            (
                assessments::show_at(open, details.back.clone(), at),
                vec![save],
            )
        }
    }
}

// ---- drawing ----

const LABEL_W: u16 = 18;

pub fn title(open: &Open, details: &Details, cx: &Ctx) -> String {
    match &details.purpose {
        Purpose::Reassess => fill(
            cx.s.w.title_reassess,
            &[&open.profile.city.name.get(cx.lang)],
        ),
        Purpose::Edit { assessment } => {
            let n = open
                .profile
                .assessment_index(assessment)
                .map_or(0, |i| i + 1);
            fill(cx.s.w.title_details, &[&n])
        }
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, open: &Open, details: &Details, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let words = strings(lang);
    let inner = boxed(buf, area, &title(open, details, cx), theme, true);
    let mut y = inner.y;
    let intro = match details.purpose {
        Purpose::Reassess => s.w.details_intro_new,
        Purpose::Edit { .. } => s.w.details_intro_edit,
    };
    y += put_wrapped(
        buf,
        Rect::new(inner.x, y, inner.width, 2),
        intro,
        theme.dim(),
    );
    let stop = details.stop();
    let value_x = inner.x + LABEL_W;
    let value_w = inner.width.saturating_sub(LABEL_W);
    let label = |buf: &mut Buffer, y: u16, text: &str, focused: bool| {
        let style = if focused {
            theme.title()
        } else {
            theme.heading()
        };
        put(
            buf,
            inner.x,
            y,
            &pad(text, LABEL_W as usize),
            LABEL_W,
            style,
        );
    };
    let input = |buf: &mut Buffer, x: u16, y: u16, w: u16, t: &TextInput, focused: bool| {
        // unfocused, a field shows its start; focused, the cursor's part
        let from = if focused {
            t.scroll_start(w as usize)
        } else {
            0
        };
        let shown: String = t.text.chars().skip(from).collect();
        put(buf, x, y, &shown, w, Style::new());
        if focused {
            let before: String = t
                .text
                .chars()
                .skip(from)
                .take(t.cursor.saturating_sub(from))
                .collect();
            let cx = x + width(&before) as u16;
            if cx < x + w {
                put(
                    buf,
                    cx,
                    y,
                    t.at_cursor().unwrap_or(" "),
                    2,
                    theme.selected(),
                );
            }
        }
    };
    label(buf, y, s.w.field_date, stop == Stop::Date);
    input(
        buf,
        value_x,
        y,
        value_w.min(12),
        &details.date,
        stop == Stop::Date,
    );
    y += 1;
    label(buf, y, s.field_interviewer, stop == Stop::Interviewer);
    input(
        buf,
        value_x,
        y,
        value_w,
        &details.interviewer,
        stop == Stop::Interviewer,
    );
    y += 1;
    let name_w = value_w * 2 / 5;
    let role_w = value_w / 3;
    for (i, row) in details.rows.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let text = if row.id.is_some() {
            fill(s.field_respondent, &[&(i + 1)])
        } else {
            s.w.field_new_respondent.to_string()
        };
        let focused =
            matches!(stop, Stop::Name(j) | Stop::Role(j) | Stop::Organisation(j) if j == i);
        label(buf, y, &text, focused);
        input(
            buf,
            value_x,
            y,
            name_w.saturating_sub(1),
            &row.name,
            stop == Stop::Name(i),
        );
        if row.name.text.is_empty() && stop != Stop::Name(i) {
            put(
                buf,
                value_x,
                y,
                s.field_name_placeholder,
                name_w.saturating_sub(1),
                theme.dim(),
            );
        }
        input(
            buf,
            value_x + name_w + 1,
            y,
            role_w.saturating_sub(1),
            &row.role,
            stop == Stop::Role(i),
        );
        let org = format!("<{}>", words.organisation(ORGANISATIONS[row.organisation]));
        let style = if stop == Stop::Organisation(i) {
            theme.selected()
        } else {
            Style::new()
        };
        let x = value_x + name_w + role_w + 2;
        put(buf, x, y, &org, inner.right().saturating_sub(x), style);
        y += 1;
    }
    if let Some(error) = &details.error
        && y < inner.bottom()
    {
        y += put_wrapped(
            buf,
            Rect::new(inner.x, y, inner.width, inner.bottom() - y),
            error,
            theme.error(),
        );
    }
    if details.purpose != Purpose::Reassess || y >= inner.bottom() {
        return;
    }
    // what is carried over, and what is not
    let last = open
        .profile
        .assessments
        .last()
        .expect("a reassessment has one");
    let unknown = last
        .answers
        .values()
        .filter(|a| a.value == AnswerValue::Unknown)
        .count();
    let carried = format!(
        "{}{}",
        s.w.carried_heading,
        fill(s.w.carried_summary, &[&last.answers.len(), &unknown])
    );
    let not = format!("{}{}", s.w.not_carried_heading, s.w.not_carried_summary);
    y += put_wrapped(
        buf,
        Rect::new(inner.x, y, inner.width, inner.bottom().saturating_sub(y)),
        &not,
        theme.heading(),
    );
    if details.overrides.is_empty() && y < inner.bottom() {
        put(buf, inner.x, y, s.w.no_overrides, inner.width, theme.dim());
        y += 1;
    }
    let fw = crate::core::framework();
    for (i, (domain, carried)) in details.overrides.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let o = &last.overrides[domain];
        let mark = if *carried { "[x]" } else { "[ ]" };
        let line = fill(
            s.w.override_line,
            &[
                &mark,
                &format!("{} {:.1}", fw.domain(*domain).short_name.get(lang), o.level),
                &o.reason_in(lang),
            ],
        );
        let style = if stop == Stop::Override(i) {
            theme.selected()
        } else {
            Style::new()
        };
        put(buf, inner.x, y, &line, inner.width, style);
        y += 1;
    }
    // what is carried last: the overrides to choose stay in view
    if y < inner.bottom() {
        put_wrapped(
            buf,
            Rect::new(inner.x, y, inner.width, inner.bottom() - y),
            &carried,
            theme.heading(),
        );
    }
}
