//! The walk through the indicators: the seven domains on the left; on the
//! right the stage being walked (its description, its indicators, the
//! selected one in full). A domain's last page, its summary, is `summary`;
//! both share the place in the walk ([`Walk`]) and the moves.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{
    boxed, highlight, put, put_spans, put_wrapped, wrap, wrapped_height,
};
use super::super::keys::{
    Action, Binding, CTRL_C, DOWN, ENTER, HELP, Key, LANG, LEFT, RIGHT, UP, bind,
};
use super::super::theme::answer_mark;
use super::editor::{self, Edit, EditTarget, Editor};
use super::matrix::Matrix;
use super::open::Open;
use super::summary::{SUMMARY_FIELDS, SUMMARY_PAGE};
use super::{Screen, advice};
use crate::core::framework;
use crate::core::framework::{DomainId, STAGES};
use crate::core::maturity::domain_maturity;
use crate::core::ops::Op;
use crate::core::profile::AnswerValue;
use crate::text::{fill, pad, strings};

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(all: &[C('y')], A::Answer(AnswerValue::Met), key_met, key_met),
    bind!(all: &[C('p')], A::Answer(AnswerValue::Partly), key_partly, key_partly),
    bind!(all: &[C('n')], A::Answer(AnswerValue::NotMet), key_not_met, key_not_met),
    bind!(all: &[C('x')], A::Answer(AnswerValue::NotApplicable), key_not_applicable, hint_na),
    bind!(all: &[C('u')], A::Answer(AnswerValue::Unknown), key_unknown),
    bind!(all: &[C('e')], A::EditNote, key_note, hint_note),
    bind!(all: ENTER, A::Select, key_confirm_carried),
    bind!(all: UP, A::Up, key_up),
    bind!(all: DOWN, A::Down, key_down),
    bind!(all: LEFT, A::Left, key_prev_stage),
    bind!(all: RIGHT, A::Right, key_next_stage),
    bind!(all: &[C(']')], A::NextDomain, key_next_domain),
    bind!(all: &[C('[')], A::PrevDomain, key_prev_domain),
    bind!(&[C('m')], A::Matrix, key_matrix, hint_matrix),
    bind!(&[C('r')], A::Advice, key_advice, hint_advice),
    bind!(all: HELP, A::Help, key_help, hint_help),
    bind!(all: &[C('S')], A::StageInfo, key_stage_info),
    bind!(all: LANG, A::SwitchLanguage, key_language),
    bind!(all: &[C('q'), Code(KeyCode::Esc)], A::Quit, key_home, hint_home),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// The place in the walk, and the editor open at the foot of the page.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    pub domain: usize,
    /// 0 to 2: the stages; 3: the domain's summary.
    pub page: usize,
    /// The selected indicator, or summary field.
    pub selected: usize,
    pub editor: Option<Editor>,
    /// An override level waiting for its reason (summary page).
    pub pending_override: Option<f64>,
}

impl Walk {
    /// The walk at the start of a domain.
    pub fn at_domain(domain: usize) -> Walk {
        Walk {
            domain,
            ..Walk::default()
        }
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

    fn go(&mut self, domain: usize, page: usize) {
        self.domain = domain;
        self.page = page;
        self.selected = 0;
    }

    /// Moves; true if `action` was a move.
    fn step(&mut self, action: Action) -> bool {
        let rows = if self.page >= SUMMARY_PAGE {
            SUMMARY_FIELDS.len()
        } else {
            self.page_indicators().len()
        };
        match action {
            A::Up => self.selected = self.selected.saturating_sub(1),
            A::Down => self.selected = (self.selected + 1).min(rows.saturating_sub(1)),
            A::Left if self.page > 0 => self.go(self.domain, self.page - 1),
            A::Left if self.domain > 0 => self.go(self.domain - 1, SUMMARY_PAGE),
            A::Right if self.page < SUMMARY_PAGE => self.go(self.domain, self.page + 1),
            A::Right if self.domain < 6 => self.go(self.domain + 1, 0),
            A::Left | A::Right => {}
            A::NextDomain => self.go((self.domain + 1) % 7, 0),
            A::PrevDomain => self.go((self.domain + 6) % 7, 0),
            _ => return false,
        }
        true
    }
}

/// The walk's screen for where it is: a stage page or the summary.
pub fn at(open: Box<Open>, walk: Walk) -> Screen {
    if walk.page >= SUMMARY_PAGE {
        Screen::Summary(open, walk)
    } else {
        Screen::Walk(open, walk)
    }
}

/// What the stage pages and the summary share: moving, and leaving for
/// the matrix, the advice or home.
pub(super) fn shared(open: Box<Open>, mut walk: Walk, action: Action) -> (Screen, Vec<Effect>) {
    match action {
        A::Quit => (Screen::Home, vec![Effect::Close, Effect::List]),
        A::Advice => (advice::show(open, walk), vec![]),
        A::Matrix => (
            Screen::Matrix(
                open,
                Matrix {
                    row: walk.domain,
                    walk,
                },
            ),
            vec![],
        ),
        _ => {
            walk.step(action);
            (at(open, walk), vec![])
        }
    }
}

pub fn update(
    mut open: Box<Open>,
    mut walk: Walk,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> (Screen, Vec<Effect>) {
    if let Some(editor) = &mut walk.editor {
        let effects = on_note(&mut open, editor, cx, action, key);
        if effects
            .iter()
            .any(|e| matches!(e, Effect::ClearDraft(_) | Effect::Save { .. }))
        {
            walk.editor = None;
        }
        return (at(open, walk), effects);
    }
    let Some(action) = action else {
        return (at(open, walk), vec![]);
    };
    match action {
        A::Answer(value) => {
            let effects = answer(&mut open, &mut walk, cx, value);
            (at(open, walk), effects)
        }
        A::EditNote => {
            if open.writable(cx)
                && let Some(id) = walk.selected_indicator()
            {
                let note = open
                    .assessment()
                    .answers
                    .get(id)
                    .and_then(|a| a.note_in(cx.lang))
                    .unwrap_or_default()
                    .to_string();
                walk.editor = Some(Editor::new(EditTarget::Note(id.to_string()), note));
            }
            (at(open, walk), vec![])
        }
        A::Select => {
            // Enter confirms an answer carried over from the last assessment.
            let carried = walk
                .selected_indicator()
                .and_then(|id| open.assessment().answers.get(id))
                .filter(|a| a.carried_over)
                .map(|a| a.value);
            let effects = match carried {
                Some(_) => confirm(&mut open, &mut walk, cx),
                None => vec![],
            };
            (at(open, walk), effects)
        }
        _ => shared(open, walk, action),
    }
}

/// Answers the selected indicator and moves on.
fn answer(open: &mut Open, walk: &mut Walk, cx: &mut Cx<'_>, value: AnswerValue) -> Vec<Effect> {
    let Some(id) = walk.selected_indicator() else {
        return vec![];
    };
    let op = Op::SetAnswer {
        assessment: open.assessment_id(),
        indicator: id.to_string(),
        value,
    };
    apply_and_move_on(open, walk, cx, op)
}

/// Confirms the carried-over answer of the selected indicator and moves on.
fn confirm(open: &mut Open, walk: &mut Walk, cx: &mut Cx<'_>) -> Vec<Effect> {
    let Some(id) = walk.selected_indicator() else {
        return vec![];
    };
    let op = Op::ConfirmAnswer {
        assessment: open.assessment_id(),
        indicator: id.to_string(),
    };
    apply_and_move_on(open, walk, cx, op)
}

fn apply_and_move_on(open: &mut Open, walk: &mut Walk, cx: &mut Cx<'_>, op: Op) -> Vec<Effect> {
    if !open.writable(cx) {
        return vec![];
    }
    let save = match open.apply(op, cx.lang) {
        Ok(save) => save,
        Err(error) => {
            cx.status.error = Some(error);
            return vec![];
        }
    };
    // Move on: the next indicator, or the next page after the last one.
    let count = walk.page_indicators().len();
    if walk.selected + 1 < count {
        walk.selected += 1;
    } else {
        walk.page += 1;
        walk.selected = 0;
    }
    vec![save]
}

/// A key in the note editor: the draft kept on every change, the note set
/// on Enter. Returns `ClearDraft` (given up) or a `Save` that drops the
/// draft once it has succeeded, when the editor closes.
fn on_note(
    open: &mut Open,
    editor: &mut Editor,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> Vec<Effect> {
    let EditTarget::Note(id) = editor.target.clone() else {
        return vec![];
    };
    match editor.handle(action, key) {
        Edit::Cancel => vec![Effect::ClearDraft(open.draft_key())],
        Edit::Submit(text) => {
            if open.read_only.is_some() {
                return vec![Effect::ClearDraft(open.draft_key())];
            }
            let text = text.trim();
            // through the core: a note kept in both languages gets the text
            // in the interface's language
            let op = Op::SetNote {
                assessment: open.assessment_id(),
                indicator: id,
                lang: cx.lang,
                note: (!text.is_empty()).then(|| text.to_string()),
            };
            // the draft is dropped only once the note is on disk
            match open.profile.apply(&op).map_err(|e| e.message(cx.lang)) {
                Ok(()) => vec![open.save_ops(vec![op], Some(open.draft_key()))],
                Err(error) => {
                    editor.error = Some(error);
                    vec![]
                }
            }
        }
        // a note's draft is written by the session's timer
        // (`App::pending_draft`), not at every key
        Edit::Typed | Edit::Nothing => vec![],
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, open: &Open, walk: &Walk, cx: &Ctx) {
    let (side, main) = split(area);
    draw_domains(buf, side, open, walk, cx);
    draw_stage(buf, main, open, walk, cx);
}

const SIDE_W: u16 = 28;

/// The domains column and the page beside it.
pub(super) fn split(area: Rect) -> (Rect, Rect) {
    let side = Rect::new(area.x, area.y, SIDE_W, area.height);
    let main = Rect::new(area.x + SIDE_W, area.y, area.width - SIDE_W, area.height);
    (side, main)
}

fn level_text(level: Option<f64>) -> String {
    level
        .map(|l| format!("{l:.1}"))
        .unwrap_or_else(|| "-".into())
}

pub(super) fn draw_domains(buf: &mut Buffer, area: Rect, open: &Open, walk: &Walk, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let inner = boxed(buf, area, s.domains_title, theme, false);
    let fw = framework();
    let mut y = inner.y;
    for (i, domain) in DomainId::ALL.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let m = domain_maturity(fw.domain(*domain), open.assessment());
        let current = i == walk.domain;
        let marker = if current { ">" } else { " " };
        let name_w = inner.width.saturating_sub(11) as usize;
        let line = format!(
            "{marker}{} {:>5} {:>3}",
            pad(fw.domain(*domain).short_name.get(lang), name_w),
            format!("{}/{}", m.answered, m.total),
            level_text(m.level()),
        );
        put(
            buf,
            inner.x,
            y,
            &line,
            inner.width,
            if current {
                theme.title()
            } else {
                theme.heading()
            },
        );
        if current {
            highlight(buf, inner, y, theme);
        }
        y += 1;
    }
    y += 1;
    // Where this domain's walk is: stage pages and the summary.
    let pages: Vec<String> = (1..=STAGES)
        .map(|l| s.stage_label(l).to_string())
        .chain(std::iter::once(s.domain_summary.to_string()))
        .collect();
    for (p, label) in pages.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let mark = if p == walk.page { ">" } else { " " };
        put(
            buf,
            inner.x,
            y,
            &format!("{mark} {label}"),
            inner.width,
            if p == walk.page {
                theme.key()
            } else {
                theme.dim()
            },
        );
        y += 1;
    }
}

pub(super) fn draw_stage(buf: &mut Buffer, area: Rect, open: &Open, walk: &Walk, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let fw = framework();
    let domain = fw.domain(walk.domain_id());
    let stage = &domain.stages[walk.page];
    let stage_name = fw
        .stage(stage.level)
        .map(|st| st.short.get(lang))
        .unwrap_or("");
    let title = format!(
        "{} · {}",
        domain.short_name.get(lang),
        fill(s.stage_title, &[&s.stage_label(stage.level), &stage_name])
    );
    let inner = boxed(buf, area, &title, theme, true);
    let mut y = inner.y;
    let editor_rows = if walk.editor.is_some() {
        editor::ROWS
    } else {
        0
    };
    let bottom = inner.bottom().saturating_sub(editor_rows);
    // the stage in one sentence
    y += put_wrapped(
        buf,
        Rect::new(inner.x, y, inner.width, 3),
        stage.summary.get(lang),
        theme.dim(),
    );
    y += 1;
    let answers = &open.assessment().answers;
    let mark_w = 7u16; // "[y]+1. "
    let text_w = inner.width.saturating_sub(mark_w) as usize;
    let wrapped: Vec<Vec<String>> = stage
        .indicators
        .iter()
        .map(|i| wrap(i.text.get(lang), text_w))
        .collect();
    let aspects: Vec<String> = domain
        .aspects
        .iter()
        .filter_map(|a| {
            stage
                .aspects
                .get(&a.id)
                .map(|t| fill(s.label_value, &[&a.name.get(lang), &t.get(lang)]))
        })
        .collect();
    let selected = stage.indicators.get(walk.selected);
    let answer_text = selected.and_then(|i| answers.get(&i.id)).map(|answer| {
        let mut line = fill(s.answer_line, &[&strings(lang).answer(answer.value)]);
        if let Some(note) = answer.note_in(cx.lang) {
            line.push_str(&fill(s.note_line, &[&note]));
        }
        if answer.carried_over {
            line.push_str(s.carried_line);
        }
        line
    });
    // With room enough, every indicator in full and every aspect of the
    // stage; else one line per indicator and the selected one in full.
    let roomy_rows: u16 = wrapped.iter().map(|w| w.len() as u16).sum::<u16>()
        + 1
        + aspects
            .iter()
            .map(|a| wrapped_height(a, inner.width))
            .sum::<u16>()
        + 1
        + answer_text
            .as_ref()
            .map(|t| wrapped_height(t, inner.width))
            .unwrap_or(0);
    let roomy = y + roomy_rows <= bottom;
    for (i, indicator) in stage.indicators.iter().enumerate() {
        if y >= bottom {
            break;
        }
        let answer = answers.get(&indicator.id);
        let value = answer
            .map(|a| a.value)
            .unwrap_or(crate::core::profile::AnswerValue::Unknown);
        // ~ carried over and not yet confirmed; + has a note
        let note = if answer.is_some_and(|a| a.carried_over) {
            "~"
        } else if answer.is_some_and(|a| a.has_note()) {
            "+"
        } else {
            " "
        };
        let lines: Vec<String> = if roomy {
            wrapped[i].clone()
        } else {
            vec![indicator.text.get(lang).to_string()]
        };
        for (k, line) in lines.iter().enumerate() {
            if y >= bottom {
                break;
            }
            if k == 0 {
                let spans = [
                    Span::styled(answer_mark(value), theme.answer(value)),
                    Span::raw(note),
                    Span::raw(format!("{}. ", i + 1)),
                ];
                put_spans(buf, inner.x, y, &spans, mark_w);
            }
            put(
                buf,
                inner.x + mark_w,
                y,
                line,
                inner.width.saturating_sub(mark_w),
                Style::new(),
            );
            if i == walk.selected {
                highlight(buf, inner, y, theme);
            }
            y += 1;
        }
    }
    y += 1;
    let mut room = Rect::new(inner.x, y, inner.width, bottom.saturating_sub(y));
    let mut write = |text: &str, style: Style, room: &mut Rect| {
        let used = put_wrapped(buf, *room, text, style);
        room.y += used;
        room.height = room.height.saturating_sub(used);
    };
    if roomy {
        for aspect in &aspects {
            write(aspect, theme.dim(), &mut room);
        }
    } else if let Some(indicator) = selected {
        // the selected indicator in full, its aspect at this stage
        write(indicator.text.get(lang), theme.heading(), &mut room);
        let aspect = domain.aspects.iter().find(|a| a.id == indicator.aspect);
        if let (Some(aspect), Some(text)) = (aspect, stage.aspects.get(&indicator.aspect)) {
            let line = fill(s.label_value, &[&aspect.name.get(lang), &text.get(lang)]);
            write(&line, theme.dim(), &mut room);
        }
    }
    if let Some(text) = &answer_text {
        if roomy {
            room.y += 1;
            room.height = room.height.saturating_sub(1);
        }
        write(text, theme.ok(), &mut room);
    }
    if let Some(editor) = &walk.editor {
        editor::draw(
            buf,
            Rect::new(inner.x, bottom, inner.width, editor_rows),
            editor,
            cx,
        );
    }
}
