//! The assessments of the open city, oldest first: any of them viewed in
//! the interview (and from there its matrix and advice), exported, its
//! date, interviewer and respondents edited, or deleted (asked first; the
//! profile as it was kept in the trash, so the assessment can be restored
//! from the trash screen). Deleting the assessment a stray `a` just made
//! gives back the profile as it was.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{boxed, highlight, put, put_wrapped};
use super::super::input::TextInput;
use super::super::keys::{
    Action, Binding, CONSULTANT, CTRL_C, DOWN, ENTER, HELP, Key, LANG, UP, bind,
};
use super::Screen;
use super::confirm::draw_question;
use super::details::Details;
use super::open::{Open, first_open_domain};
use super::walk::{self, Walk};
use crate::core::framework;
use crate::core::maturity::progress;
use crate::core::ops::Op;
use crate::text::fill;

use Action as A;
use Key::{Char as C, Code};

const fn consultant(
    keys: &'static [Key],
    action: Action,
    label: fn(&crate::text::UiStrings) -> &'static str,
    hint: Option<fn(&crate::text::UiStrings) -> &'static str>,
) -> Binding {
    Binding {
        keys,
        action,
        label,
        hint,
        roles: CONSULTANT,
    }
}

pub const KEYS: &[Binding] = &[
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    consultant(
        ENTER,
        A::Select,
        |s| s.w.key_view_assessment,
        Some(|s| s.w.hint_view),
    ),
    consultant(
        &[C('e')],
        A::EditField,
        |s| s.w.key_edit_details,
        Some(|s| s.w.hint_details),
    ),
    consultant(
        &[C('o')],
        A::Export,
        |s| s.w.key_export_assessment,
        Some(|s| s.hint_export),
    ),
    consultant(
        &[C('d')],
        A::Delete,
        |s| s.w.key_delete_assessment,
        Some(|s| s.w.hint_delete),
    ),
    bind!(HELP, A::Help, key_help, hint_help),
    bind!(LANG, A::SwitchLanguage, key_language),
    consultant(
        &[C('q'), Code(KeyCode::Esc)],
        A::Quit,
        |s| s.w.key_back_to_walk,
        Some(|s| s.hint_back),
    ),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

#[derive(Debug, Clone)]
pub struct Chooser {
    pub selected: usize,
    /// The walk to return to.
    pub back: Walk,
    /// Asking before deleting the selected assessment.
    pub confirming: bool,
    /// Where to export the selected assessment, while it is typed.
    pub export: Option<TextInput>,
    pub error: Option<String>,
}

/// The list, on the assessment shown.
pub fn show(open: Box<Open>, back: Walk, _cx: &Cx<'_>) -> Screen {
    let selected = open.assessment;
    show_at(open, back, selected)
}

/// The list, on the assessment at `selected`.
pub fn show_at(open: Box<Open>, back: Walk, selected: usize) -> Screen {
    Screen::Assessments(
        open,
        Box::new(Chooser {
            selected,
            back,
            confirming: false,
            export: None,
            error: None,
        }),
    )
}

/// The key map: the list, the question before deleting, or the export path.
pub fn mode(chooser: &Chooser) -> super::super::keys::Mode {
    use super::super::keys::Mode;
    if chooser.confirming {
        Mode::Confirm
    } else if chooser.export.is_some() {
        Mode::Editor
    } else {
        Mode::Assessments
    }
}

pub fn update(
    mut open: Box<Open>,
    mut chooser: Box<Chooser>,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> (Screen, Vec<Effect>) {
    let n = open.profile.assessments.len();
    if chooser.confirming {
        match action {
            Some(A::Confirm) => {
                chooser.confirming = false;
                let Some(a) = open.profile.assessments.get(chooser.selected) else {
                    return (Screen::Assessments(open, chooser), vec![]);
                };
                let op = Op::DeleteAssessment {
                    assessment: a.id.clone(),
                };
                // refused (the only one) before anything is written
                let mut probe = open.profile.clone();
                if let Err(e) = probe.apply(&op) {
                    chooser.error = Some(e.message(cx.lang));
                    return (Screen::Assessments(open, chooser), vec![]);
                }
                // the runtime keeps the profile as it is in the trash, then
                // the deletion comes back as `deleted`
                return (
                    Screen::Assessments(open.clone(), chooser),
                    vec![Effect::TrashAssessment {
                        profile: Box::new(open.profile.clone()),
                        assessment: a.id.clone(),
                    }],
                );
            }
            Some(A::Deny) => chooser.confirming = false,
            _ => {}
        }
        return (Screen::Assessments(open, chooser), vec![]);
    }
    if let Some(input) = &mut chooser.export {
        match action {
            Some(A::Back) => chooser.export = None,
            Some(A::Select) => {
                let base = input.trimmed().to_string();
                if base.is_empty() {
                    chooser.error = Some(cx.s.error_export_path.to_string());
                } else {
                    chooser.export = None;
                    chooser.error = None;
                    return (
                        Screen::Assessments(open.clone(), chooser.clone()),
                        vec![Effect::Export {
                            profile: Box::new(open.profile.clone()),
                            assessment: chooser.selected,
                            base,
                        }],
                    );
                }
            }
            _ => {
                input.handle(key);
            }
        }
        return (Screen::Assessments(open, chooser), vec![]);
    }
    let Some(action) = action else {
        return (Screen::Assessments(open, chooser), vec![]);
    };
    chooser.error = None;
    match action {
        A::Up => chooser.selected = chooser.selected.saturating_sub(1),
        A::Down => chooser.selected = (chooser.selected + 1).min(n.saturating_sub(1)),
        A::Select => {
            let changed = open.assessment != chooser.selected;
            open.assessment = chooser.selected.min(n - 1);
            let walk = if changed {
                Walk::at_domain(first_open_domain(&open))
            } else {
                chooser.back.clone()
            };
            if open.assessment + 1 < n {
                let a = open.assessment();
                cx.status.info = Some(fill(
                    cx.s.w.viewing_older,
                    &[&(open.assessment + 1), &n, &a.date],
                ));
            }
            return (walk::at(open, walk), vec![]);
        }
        A::EditField if open.writable(cx) => {
            let details = Details::edit(&open, chooser.selected, chooser.back.clone(), cx.lang);
            return (Screen::Details(open, Box::new(details)), vec![]);
        }
        A::Export => {
            let a = &open.profile.assessments[chooser.selected];
            let base = format!(
                "{}-{}-{}-report",
                open.profile.id,
                a.date,
                chooser.selected + 1
            );
            chooser.export = Some(TextInput::new(base));
        }
        A::Delete if open.writable(cx) => chooser.confirming = true,
        A::Quit => {
            let back = chooser.back.clone();
            return (walk::at(open, back), vec![]);
        }
        _ => {}
    }
    (Screen::Assessments(open, chooser), vec![])
}

/// The runtime kept the profile in the trash (at `kept`): the assessment
/// is deleted through the core and the profile saved.
pub fn deleted(
    screen: Screen,
    assessment: &str,
    kept: &str,
    cx: &mut Cx<'_>,
) -> (Screen, Vec<Effect>) {
    let Screen::Assessments(mut open, mut chooser) = screen else {
        return (screen, vec![]);
    };
    let shown = open.assessment().id.clone();
    let op = Op::DeleteAssessment {
        assessment: assessment.to_string(),
    };
    let save = match open.apply(op, cx.lang) {
        Ok(save) => save,
        Err(e) => {
            chooser.error = Some(e);
            return (Screen::Assessments(open, chooser), vec![]);
        }
    };
    let n = open.profile.assessments.len();
    open.assessment = open.profile.assessment_index(&shown).unwrap_or(n - 1);
    chooser.selected = chooser.selected.min(n - 1);
    if shown == assessment {
        chooser.back = Walk::at_domain(first_open_domain(&open));
    }
    cx.status.info = Some(fill(cx.s.w.assessment_deleted, &[&kept]));
    (Screen::Assessments(open, chooser), vec![save])
}

pub fn title(open: &Open, cx: &Ctx) -> String {
    fill(
        cx.s.w.title_assessments,
        &[&open.profile.city.name.get(cx.lang)],
    )
}

pub fn draw(buf: &mut Buffer, area: Rect, open: &Open, chooser: &Chooser, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let inner = boxed(buf, area, &title(open, cx), theme, true);
    let mut y = inner.y;
    y += put_wrapped(
        buf,
        Rect::new(inner.x, y, inner.width, 2),
        s.w.assessments_intro,
        theme.dim(),
    );
    let fw = framework();
    let rows = inner.bottom().saturating_sub(y + 2) as usize;
    let first = chooser.selected.saturating_sub(rows.saturating_sub(1));
    for (i, a) in open
        .profile
        .assessments
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
    {
        let (answered, total) = progress(fw, a);
        let mark = if i == open.assessment {
            format!(" {}", s.w.assessment_open_mark)
        } else {
            String::new()
        };
        let line = fill(
            s.w.assessment_row,
            &[
                &(i + 1),
                &a.date,
                &mark,
                &answered,
                &total,
                &a.carried_over_count(),
                &a.interviewer_in(lang),
            ],
        );
        put(buf, inner.x, y, &line, inner.width, theme.heading());
        if i == chooser.selected {
            highlight(buf, inner, y, theme);
        }
        y += 1;
    }
    let foot = inner.bottom().saturating_sub(2);
    if let Some(error) = &chooser.error {
        put_wrapped(
            buf,
            Rect::new(inner.x, foot, inner.width, 2),
            error,
            theme.error(),
        );
    }
    if let Some(input) = &chooser.export {
        let prompt = fill(s.w.export_prompt, &[&(chooser.selected + 1)]);
        put(buf, inner.x, foot, &prompt, inner.width, theme.heading());
        put(
            buf,
            inner.x,
            foot + 1,
            &input.text,
            inner.width,
            theme.selected(),
        );
    }
    if chooser.confirming
        && let Some(a) = open.profile.assessments.get(chooser.selected)
    {
        let text = fill(
            s.w.confirm_delete_assessment,
            &[
                &(chooser.selected + 1),
                &open.profile.city.name.get(lang),
                &a.date,
            ],
        );
        draw_question(buf, area, &text, cx);
    }
}
