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
    AT_THE_DESK, Action, Binding, CONSULTANT, CTRL_C, DOWN, ENTER, EVERYONE, HELP, INVITED, Key,
    LANG, LEFT, RIGHT, UP, bind,
};
use super::editor::{self, Edit, EditTarget, Editor};
use super::matrix::Matrix;
use super::open::Open;
use super::summary::{SUMMARY_FIELDS, SUMMARY_PAGE};
use super::{Screen, advice, consensus};
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
    Binding {
        keys: &[C('N')],
        action: A::ViewNote,
        label: |s| s.ev.key_view_note,
        hint: None,
        roles: EVERYONE,
    },
    bind!(all: ENTER, A::Select, key_confirm_carried),
    bind!(all: UP, A::Up, key_up),
    bind!(all: DOWN, A::Down, key_down),
    bind!(all: LEFT, A::Left, key_prev_stage),
    bind!(all: RIGHT, A::Right, key_next_stage),
    bind!(all: &[C(']')], A::NextDomain, key_next_domain),
    bind!(all: &[C('[')], A::PrevDomain, key_prev_domain),
    Binding {
        keys: &[C('g')],
        action: A::NextUnanswered,
        label: |s| s.w.key_next_unanswered,
        hint: None,
        roles: EVERYONE,
    },
    Binding {
        keys: &[C('U')],
        action: A::NextUnknown,
        label: |s| s.w.key_next_unknown,
        hint: None,
        roles: EVERYONE,
    },
    Binding {
        keys: &[C('C')],
        action: A::NextUnconfirmed,
        label: |s| s.w.key_next_unconfirmed,
        hint: None,
        roles: EVERYONE,
    },
    Binding {
        keys: &[C('s')],
        action: A::ConfirmStage,
        label: |s| s.w.key_confirm_stage,
        hint: None,
        roles: CONSULTANT,
    },
    Binding {
        keys: &[C('S')],
        action: A::ConfirmDomain,
        label: |s| s.w.key_confirm_domain,
        hint: None,
        roles: CONSULTANT,
    },
    Binding {
        keys: &[C('A')],
        action: A::Assessments,
        label: |s| s.w.key_assessments,
        hint: None,
        roles: CONSULTANT,
    },
    Binding {
        keys: &[C('P')],
        action: A::EditProfile,
        label: |s| s.w.key_profile,
        hint: None,
        roles: CONSULTANT,
    },
    bind!(&[C('m')], A::Matrix, key_matrix, hint_matrix),
    bind!(&[C('r')], A::Advice, key_advice, hint_advice),
    Binding {
        keys: &[C('v')],
        action: A::NextVoice,
        label: |s| s.key_answering,
        hint: None,
        roles: AT_THE_DESK,
    },
    bind!(&[C('c')], A::Consensus, key_consensus),
    Binding {
        keys: &[C('I')],
        action: A::Invite,
        label: |s| s.w.key_invite,
        hint: None,
        roles: CONSULTANT,
    },
    bind!(all: HELP, A::Help, key_help, hint_help),
    bind!(all: &[C('w')], A::StageInfo, key_stage_info),
    bind!(all: LANG, A::SwitchLanguage, key_language),
    Binding {
        keys: &[C('q'), Code(KeyCode::Esc)],
        action: A::Quit,
        label: |s| s.key_home,
        hint: Some(|s| s.hint_home),
        roles: AT_THE_DESK,
    },
    // over SSH, leaving the walk ends the session
    Binding {
        keys: &[C('q'), Code(KeyCode::Esc)],
        action: A::Quit,
        label: |s| s.key_leave,
        hint: Some(|s| s.hint_leave),
        roles: INVITED,
    },
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

    /// The next place after this one (in the framework's order, coming
    /// round after the last) whose indicator `wanted` picks.
    pub fn next_where(&self, wanted: impl Fn(&str) -> bool) -> Option<Walk> {
        let fw = framework();
        let mut all: Vec<(usize, usize, usize, &str)> = vec![];
        for (d, domain) in DomainId::ALL.iter().enumerate() {
            for (p, stage) in fw.domain(*domain).stages.iter().enumerate() {
                for (i, indicator) in stage.indicators.iter().enumerate() {
                    all.push((d, p, i, indicator.id.as_str()));
                }
            }
        }
        let here = (self.domain, self.page, self.selected);
        let start = all
            .iter()
            .position(|(d, p, i, _)| (*d, *p, *i) > here)
            .unwrap_or(0);
        (0..all.len())
            .map(|k| all[(start + k) % all.len()])
            .find(|(_, _, _, id)| wanted(id))
            .map(|(domain, page, selected, _)| Walk {
                domain,
                page,
                selected,
                ..Walk::default()
            })
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
        A::Assessments => {
            let selected = open.assessment;
            (
                Screen::Assessments(
                    open,
                    Box::new(super::assessments::Chooser {
                        selected,
                        back: walk,
                        confirming: false,
                        export: None,
                        error: None,
                    }),
                ),
                vec![],
            )
        }
        A::Advice => (advice::show(open, walk), vec![]),
        A::Consensus => (consensus::show(open, walk), vec![]),
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
        A::NextVoice => {
            open.next_answering(cx.role);
            (at(open, walk), vec![])
        }
        // the invitation form: the respondent answering now chosen
        A::Invite => {
            if open.assessment().respondents.is_empty() {
                cx.status.error = Some(crate::text::fill(
                    cx.s.w.invite_no_respondents,
                    &[&open.profile.id],
                ));
                return (at(open, walk), vec![]);
            }
            (super::invite::from_walk(open, walk), vec![])
        }
        A::EditNote => {
            if open.writable(cx)
                && let Some(id) = walk.selected_indicator()
            {
                let answer = open.assessment().answers.get(id);
                let note = match open.answering_respondent() {
                    // a respondent's own note, on their own answer
                    Some(r) => match answer.and_then(|a| a.voices.get(&r.id)) {
                        Some(voice) => Some(voice.note.clone().unwrap_or_default()),
                        None => {
                            cx.status.error = Some(fill(cx.s.note_needs_voice, &[&r.name]));
                            None
                        }
                    },
                    None => Some(
                        answer
                            .and_then(|a| a.note_in(cx.lang))
                            .unwrap_or_default()
                            .to_string(),
                    ),
                };
                if let Some(note) = note {
                    walk.editor = Some(Editor::new(EditTarget::Note(id.to_string()), note));
                }
            }
            (at(open, walk), vec![])
        }
        A::NextUnanswered | A::NextUnknown | A::NextUnconfirmed => {
            let a = open.assessment();
            let (found, none) = match action {
                A::NextUnanswered => (
                    walk.next_where(|id| !a.answers.contains_key(id)),
                    cx.s.w.none_unanswered,
                ),
                A::NextUnknown => (
                    walk.next_where(|id| {
                        a.answers
                            .get(id)
                            .is_some_and(|x| x.value == AnswerValue::Unknown)
                    }),
                    cx.s.w.none_unknown,
                ),
                _ => (
                    walk.next_where(|id| a.answers.get(id).is_some_and(|x| x.carried_over)),
                    cx.s.w.none_unconfirmed,
                ),
            };
            match found {
                Some(place) => walk = place,
                None => cx.status.info = Some(none.to_string()),
            }
            (at(open, walk), vec![])
        }
        A::ConfirmStage | A::ConfirmDomain => {
            let effects = confirm_many(&mut open, &walk, cx, action == A::ConfirmStage);
            (at(open, walk), effects)
        }
        A::EditProfile => {
            let screen = super::form::edit(open, Some(walk), cx);
            (screen, vec![])
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

/// Confirms every carried-over answer of the stage shown (or of the whole
/// domain), in one operation.
fn confirm_many(open: &mut Open, walk: &Walk, cx: &mut Cx<'_>, stage: bool) -> Vec<Effect> {
    if !open.writable(cx) {
        return vec![];
    }
    let domain = walk.domain_id();
    let stage = (stage && walk.page < SUMMARY_PAGE).then(|| walk.page as u8 + 1);
    let prefix = match stage {
        Some(n) => format!("{}.s{n}.", domain.as_str()),
        None => format!("{}.", domain.as_str()),
    };
    let count = open
        .assessment()
        .answers
        .iter()
        .filter(|(id, a)| a.carried_over && id.starts_with(&prefix))
        .count();
    if count == 0 {
        cx.status.info = Some(cx.s.w.none_unconfirmed.to_string());
        return vec![];
    }
    let op = Op::ConfirmAnswers {
        assessment: open.assessment_id(),
        domain,
        stage,
    };
    match open.apply(op, cx.lang) {
        Ok(save) => {
            cx.status.info = Some(fill(cx.s.w.confirmed_many, &[&count]));
            vec![save]
        }
        Err(error) => {
            cx.status.error = Some(error);
            vec![]
        }
    }
}

/// Answers the selected indicator and moves on.
fn answer(open: &mut Open, walk: &mut Walk, cx: &mut Cx<'_>, value: AnswerValue) -> Vec<Effect> {
    let Some(id) = walk.selected_indicator() else {
        return vec![];
    };
    let op = match open.answering_respondent() {
        // a respondent's own answer: a voice
        Some(r) => Op::SetVoice {
            assessment: open.assessment_id(),
            indicator: id.to_string(),
            respondent: r.id.clone(),
            value,
            note: None,
            at: cx.now,
        },
        // a respondent at the keys answers as a respondent, never for the
        // assessment, once there are respondents to choose from
        None if cx.role.is_respondent() && !open.assessment().respondents.is_empty() => {
            cx.status.error = Some(cx.s.choose_who.to_string());
            return vec![];
        }
        // the assessor: the agreed answer, as always
        None => Op::SetAnswer {
            assessment: open.assessment_id(),
            indicator: id.to_string(),
            value,
        },
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
            let voice = open.answering_respondent().and_then(|r| {
                let answer = open.assessment().answers.get(&id)?;
                answer.voices.get(&r.id).map(|v| (r.id.clone(), v.value))
            });
            let op = match voice {
                // a respondent's note goes with their answer (a blank one
                // removes it)
                Some((respondent, value)) => Op::SetVoice {
                    assessment: open.assessment_id(),
                    indicator: id,
                    respondent,
                    value,
                    note: Some(text.to_string()),
                    at: None,
                },
                // through the core: a note kept in both languages gets the
                // text in the interface's language
                None => Op::SetNote {
                    assessment: open.assessment_id(),
                    indicator: id,
                    lang: cx.lang,
                    note: (!text.is_empty()).then(|| text.to_string()),
                },
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
    // a note's editor takes the window's whole width at its foot
    let note = walk.editor.as_ref().filter(|e| e.multi_line());
    let note_rows = note.map_or(0, |e| e.rows(area.height));
    let upper = Rect::new(area.x, area.y, area.width, area.height - note_rows);
    let (side, main) = split(upper);
    draw_domains(buf, side, open, walk, cx);
    draw_stage(buf, main, open, walk, cx);
    if let Some(editor) = note {
        let foot = Rect::new(area.x, upper.bottom(), area.width, note_rows);
        editor::draw(buf, foot, editor, cx);
    }
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
        // a respondent sees its own domains, and no level
        if cx.scope.is_some_and(|scope| !scope[i]) {
            continue;
        }
        let m = domain_maturity(fw.domain(*domain), open.assessment());
        let current = i == walk.domain;
        let marker = if current { ">" } else { " " };
        let name_w = inner.width.saturating_sub(11) as usize;
        let line = format!(
            "{marker}{} {:>5} {:>3}",
            pad(fw.domain(*domain).short_name.get(lang), name_w),
            format!("{}/{}", m.answered, m.total),
            if cx.scope.is_some() {
                String::new()
            } else {
                level_text(m.level())
            },
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
        .chain(cx.scope.is_none().then(|| s.domain_summary.to_string()))
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
    // a one-line editor at the stage's foot (a note's is drawn by `draw`)
    let one_line = walk.editor.as_ref().filter(|e| !e.multi_line());
    let editor_rows = one_line.map_or(0, |e| e.rows(inner.height));
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
    let respondents = &open.assessment().respondents;
    // "[y]+1. ", and with respondents one mark per voice and whether they
    // disagree: "(y)+ yn.! 1. "
    let voice_w = consensus::marks_width(respondents.len());
    let mark_w = 7u16 + voice_w;
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
    let mut answer_text = selected.and_then(|i| answers.get(&i.id)).map(|answer| {
        let mut line = fill(s.answer_line, &[&strings(lang).answer(answer.value)]);
        line.push_str(&consensus::voices_text(answer, respondents, cx));
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
        let value = answer.map(|a| a.value).unwrap_or(AnswerValue::Unknown);
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
                let mut spans = vec![
                    Span::styled(consensus::answer_mark_of(answer), theme.answer(value)),
                    Span::raw(note),
                ];
                if voice_w > 0 {
                    spans.push(Span::raw(" "));
                    spans.push(Span::styled(
                        consensus::voice_marks(answer, respondents),
                        theme.dim(),
                    ));
                    spans.push(Span::styled(
                        consensus::standing_mark(answer),
                        theme.error(),
                    ));
                    spans.push(Span::raw(" "));
                }
                spans.push(Span::raw(format!("{}. ", i + 1)));
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
        // the selected indicator, its answer and note, then its aspect at
        // this stage. A long indicator never hides the answer line: the
        // indicator keeps three rows at most of what the answer needs (a
        // long note is cut with "..", and read whole with N)
        let indicator_rows = wrapped_height(indicator.text.get(lang), room.width).min(3);
        let answer_rows = answer_text
            .as_ref()
            .map_or(0, |t| wrapped_height(t, room.width))
            .min(room.height.saturating_sub(indicator_rows).max(3))
            .min(room.height.saturating_sub(1));
        let mut top = Rect {
            height: room.height - answer_rows,
            ..room
        };
        write(indicator.text.get(lang), theme.heading(), &mut top);
        room.y = top.y;
        room.height = top.height + answer_rows;
        if let Some(text) = answer_text.take() {
            let mut line = Rect {
                height: answer_rows,
                ..room
            };
            write(&text, theme.ok(), &mut line);
            room.y = line.y;
            room.height -= answer_rows - line.height;
        }
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
    if let Some(editor) = one_line {
        editor::draw(
            buf,
            Rect::new(inner.x, bottom, inner.width, editor_rows),
            editor,
            cx,
        );
    }
}
