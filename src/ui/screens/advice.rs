//! The gap and the entry points, drawn from the reports' model
//! ([`Model::for_screen`]), so the screen and the reports word the advice
//! alike. On the overview: the ranked entry points with bars, all seven
//! domains (now -> target, evidence, gap) and the warnings, with the
//! selected domain's detail beside them (why, what changes per aspect, the
//! supporting track, cases, operating model with its financing, the
//! score's parts; `i` adds the sources). On the plan: one scrolling list of
//! the phases, their moves (with owners, dates and the work, each piece with
//! its outcome), the supporting track and the enablers package. Enter edits
//! the selected phase (owner, start, end), move (owner, start, end: kept
//! per move) or piece of work (its outcome); o exports the report.
//!
//! The plan is drawn with ratatui's `List` (its state keeps the selected
//! line in view); the overview's columns with the shared painter.

use std::cell::{Cell, RefCell};

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Text};
use ratatui::widgets::{List, ListItem, ListState, StatefulWidget};

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{bar, block_panel, highlight, put, put_wrapped, wrap};
use super::super::keys::{Action, Binding, CTRL_C, DOWN, ENTER, HELP, Key, LANG, UP, bind};
use super::Screen;
use super::editor::{self, Edit, EditTarget, Editor, MoveRef};
use super::matrix::Matrix;
use super::open::Open;
use super::walk::{self, Walk};
use crate::core::Lang;
use crate::core::advice::{Advice, advise};
use crate::core::framework::{DomainId, framework};
use crate::core::ops::{MoveField, Op, PlanField};
use crate::core::profile::Profile;
use crate::report::model::{ChangeView, Model, ModelView};
use crate::text::advice as words;
use crate::text::{UiStrings, fill, pad};

use Action as A;
use Key::{Char as C, Code};

/// The overview's keys (no Enter: nothing there is edited in place).
pub const KEYS: &[Binding] = &[
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    bind!(
        &[Code(KeyCode::Tab), Code(KeyCode::BackTab)],
        A::NextField,
        key_switch_tab,
        hint_switch_tab
    ),
    bind!(
        &[Code(KeyCode::PageDown), C(' ')],
        A::PageDown,
        key_scroll_down
    ),
    bind!(&[Code(KeyCode::PageUp)], A::PageUp, key_scroll_up),
    bind!(&[C('o')], A::Export, key_export, hint_export),
    bind!(all: &[C('i')], A::Sources, key_sources, hint_sources),
    bind!(&[C('a')], A::AcceptSuggestion, key_accept, hint_accept),
    bind!(&[C('m')], A::Matrix, key_matrix, hint_matrix),
    bind!(&[Code(KeyCode::Esc)], A::Back, key_back_to_interview),
    bind!(all: HELP, A::Help, key_help, hint_help),
    bind!(all: LANG, A::SwitchLanguage, key_language),
    bind!(all: &[C('q')], A::Quit, key_home, hint_home),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// The plan tab's keys: Enter edits the selected line; the sources and
/// the suggested targets belong to the overview.
pub const PLAN_KEYS: &[Binding] = &[
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    bind!(
        &[Code(KeyCode::Tab), Code(KeyCode::BackTab)],
        A::NextField,
        key_switch_tab,
        hint_switch_tab
    ),
    bind!(
        &[Code(KeyCode::PageDown), C(' ')],
        A::PageDown,
        key_scroll_down
    ),
    bind!(&[Code(KeyCode::PageUp)], A::PageUp, key_scroll_up),
    bind!(ENTER, A::Select, key_edit_phase, hint_edit),
    bind!(&[C('o')], A::Export, key_export, hint_export),
    bind!(&[C('m')], A::Matrix, key_matrix, hint_matrix),
    bind!(&[Code(KeyCode::Esc)], A::Back, key_back_to_interview),
    bind!(all: HELP, A::Help, key_help, hint_help),
    bind!(all: LANG, A::SwitchLanguage, key_language),
    bind!(all: &[C('q')], A::Quit, key_home, hint_home),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// The two tabs of the advice view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdviceTab {
    Overview,
    Plan,
}

#[derive(Debug, Clone)]
pub struct AdviceView {
    /// The engine's advice, computed when the view opens and after every
    /// change made in it (not on every frame).
    pub advice: Advice,
    /// What the screen says, in English and in Chinese: the reports' model
    /// of that advice, built with it (so `L` needs no rebuild).
    models: Box<[Model; 2]>,
    pub tab: AdviceTab,
    /// The selected domain (overview, 0 to 6).
    pub row: usize,
    /// How far the selected domain's detail is scrolled.
    pub scroll: u16,
    /// The selected line of the plan (a phase, a move, a piece of work, or
    /// a line of the supporting track or the enablers package).
    pub plan_row: usize,
    /// The plan's first line shown and the rows the last frame had: the
    /// list's state, kept by drawing (the selected line stays in view; a
    /// page key moves by what one frame shows).
    plan_offset: Cell<usize>,
    plan_page: Cell<u16>,
    /// Wrapped text kept between frames (wrapping it anew every frame cost
    /// more than the rest of the frame): the detail's rows, and the plan's
    /// rows item by item, for the state, language, width and theme they
    /// were made for; emptied by every change.
    detail_rows: RefCell<Wrapped>,
    plan_rows: RefCell<Wrapped>,
    pub editor: Option<Editor>,
    /// Whether the detail shows the sources of the reasons and warnings
    /// (`i`).
    pub sources: bool,
    /// The walk to go back to.
    pub walk: Walk,
}

impl AdviceView {
    /// The model in `lang`.
    pub fn model(&self, lang: Lang) -> &Model {
        &self.models[lang_index(lang)]
    }

    /// The plan's lines, each with what Enter edits there.
    pub fn plan_lines(&self, lang: Lang) -> Vec<PlanLine> {
        plan_lines(self.model(lang), crate::text::ui(lang))
    }

    /// Computes the advice and its models again, after an edit.
    fn refresh(&mut self, open: &Open) {
        let (advice, models) = compute(open);
        self.advice = advice;
        self.models = models;
        self.detail_rows.take();
        self.plan_rows.take();
    }
}

/// Rows wrapped for one key (see [`AdviceView::detail_rows`]).
#[derive(Debug, Clone, Default)]
struct Wrapped {
    key: Option<WrapKey>,
    rows: Vec<Vec<(String, Style)>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct WrapKey {
    lang: Lang,
    width: u16,
    theme: crate::ui::theme::Theme,
    domain: usize,
    sources: bool,
}

impl Wrapped {
    /// The rows for `key`, made by `make` when the key changed.
    fn get(
        cell: &RefCell<Wrapped>,
        key: WrapKey,
        make: impl FnOnce() -> Vec<Vec<(String, Style)>>,
    ) -> std::cell::Ref<'_, Vec<Vec<(String, Style)>>> {
        if cell.borrow().key != Some(key) {
            let rows = make();
            *cell.borrow_mut() = Wrapped {
                key: Some(key),
                rows,
            };
        }
        std::cell::Ref::map(cell.borrow(), |w| &w.rows)
    }
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Zh => 1,
    }
}

fn compute(open: &Open) -> (Advice, Box<[Model; 2]>) {
    let profile: &Profile = &open.profile;
    let advice = advise(framework(), &profile.city, open.assessment());
    let model = |lang| Model::for_screen(profile, open.assessment, &advice, lang);
    let models = Box::new([model(Lang::En), model(Lang::Zh)]);
    (advice, models)
}

/// Opens the advice on `open`, on its first entry point.
pub fn show(open: Box<Open>, walk: Walk) -> Screen {
    let (advice, models) = compute(&open);
    let row = advice
        .entry_points
        .first()
        .map(|e| e.domain.index())
        .unwrap_or(0);
    let view = AdviceView {
        advice,
        models,
        tab: AdviceTab::Overview,
        row,
        scroll: 0,
        plan_row: 0,
        plan_offset: Cell::new(0),
        plan_page: Cell::new(10),
        detail_rows: RefCell::default(),
        plan_rows: RefCell::default(),
        editor: None,
        sources: false,
        walk,
    };
    Screen::Advice(open, Box::new(view))
}

pub fn update(
    mut open: Box<Open>,
    mut view: Box<AdviceView>,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> (Screen, Vec<Effect>) {
    if let Some(editor) = &mut view.editor {
        let effects = match editor.handle(action, key) {
            Edit::Cancel => {
                view.editor = None;
                vec![]
            }
            Edit::Submit(text) => {
                let target = editor.target.clone();
                apply(&mut open, &mut view, target, &text, cx.s, cx.lang)
            }
            Edit::Typed | Edit::Nothing => vec![],
        };
        return (Screen::Advice(open, view), effects);
    }
    let Some(action) = action else {
        return (Screen::Advice(open, view), vec![]);
    };
    let plan = view.plan_lines(cx.lang);
    match action {
        A::Quit => return (Screen::Home, vec![Effect::Close, Effect::List]),
        A::Back => return (walk::at(open, view.walk), vec![]),
        A::Matrix => {
            let matrix = Matrix {
                row: view.row.min(6),
                walk: view.walk,
            };
            return (Screen::Matrix(open, matrix), vec![]);
        }
        A::Up if view.tab == AdviceTab::Plan => view.plan_row = view.plan_row.saturating_sub(1),
        A::Down if view.tab == AdviceTab::Plan => {
            view.plan_row = (view.plan_row + 1).min(plan.len().saturating_sub(1));
        }
        A::PageDown | A::PageUp if view.tab == AdviceTab::Plan => {
            view.plan_row = page(
                &plan,
                view.plan_row,
                view.plan_page.get(),
                action == A::PageDown,
            );
        }
        A::Up => {
            view.row = view.row.saturating_sub(1);
            view.scroll = 0;
        }
        A::Down => {
            view.row = (view.row + 1).min(6);
            view.scroll = 0;
        }
        A::PageDown => view.scroll = view.scroll.saturating_add(5),
        A::PageUp => view.scroll = view.scroll.saturating_sub(5),
        A::NextField | A::PrevField => {
            view.tab = match view.tab {
                AdviceTab::Overview => AdviceTab::Plan,
                AdviceTab::Plan => AdviceTab::Overview,
            };
            view.scroll = 0;
        }
        A::Select if view.tab == AdviceTab::Plan => {
            let item = plan.get(view.plan_row).map(|l| l.item.clone());
            let model = view.model(cx.lang);
            let editor = match item {
                Some(PlanItem::Phase(n)) => {
                    let owner = model.plan[n - 1].owner.clone();
                    Some(Editor::new(EditTarget::PhaseOwner(n), owner))
                }
                Some(PlanItem::Move(m)) => {
                    let owner = find_move(model, m)
                        .map(|mv| mv.owner.clone())
                        .unwrap_or_default();
                    Some(Editor::new(EditTarget::MoveOwner(m), owner))
                }
                Some(PlanItem::Work(m, indicator)) => {
                    let outcome = find_move(model, m)
                        .and_then(|mv| mv.work.iter().find(|w| w.indicator == indicator))
                        .map(|w| w.outcome.clone())
                        .unwrap_or_default();
                    Some(Editor::new(EditTarget::Outcome(m, indicator), outcome))
                }
                Some(PlanItem::Info) | None => {
                    cx.status.info = Some(cx.s.plan_nothing_to_edit.to_string());
                    None
                }
            };
            if editor.is_some() && open.writable(cx) {
                view.editor = editor;
            }
        }
        A::Sources => view.sources = !view.sources,
        A::AcceptSuggestion if view.tab == AdviceTab::Overview => {
            let domain = DomainId::ALL[view.row.min(6)];
            let suggestion = view.advice.domains[domain.index()].suggested_target.clone();
            if let Some(suggested) = suggestion
                && open.writable(cx)
            {
                let assessment = open.assessment_id();
                let ops = [
                    Op::SetTarget {
                        assessment: assessment.clone(),
                        domain,
                        stage: Some(suggested.stage),
                    },
                    Op::SetHorizon {
                        assessment,
                        domain,
                        years: suggested.horizon_years,
                    },
                ];
                match open.profile.apply_all(&ops) {
                    Ok(()) => {
                        view.refresh(&open);
                        let save = open.save();
                        return (Screen::Advice(open, view), vec![save]);
                    }
                    Err(e) => cx.refuse(&e.message(cx.lang)),
                }
            }
        }
        A::Export => {
            // the assessment's number in the name: two of the same day
            // never write over each other's report
            let base = format!(
                "{}-{}-assessment-{}-report",
                open.profile.id,
                open.assessment().date,
                open.assessment + 1
            );
            view.editor = Some(Editor::new(EditTarget::ExportPath, base));
        }
        _ => {}
    }
    (Screen::Advice(open, view), vec![])
}

/// The line a page key lands on: as many lines on as one frame shows.
fn page(lines: &[PlanLine], from: usize, rows: u16, down: bool) -> usize {
    let rows = usize::from(rows.max(1));
    let mut at = from.min(lines.len().saturating_sub(1));
    let mut passed = 0;
    loop {
        let next = if down {
            if at + 1 >= lines.len() {
                return at;
            }
            at + 1
        } else {
            if at == 0 {
                return 0;
            }
            at - 1
        };
        passed += lines[next.min(at)].text.len().max(1);
        at = next;
        if passed >= rows {
            return at;
        }
    }
}

fn find_move(model: &Model, m: MoveRef) -> Option<&crate::report::model::MoveView> {
    model
        .plan
        .iter()
        .flat_map(|p| &p.moves)
        .find(|mv| mv.domain == m.domain && mv.from == m.from && mv.to == m.to)
}

/// Applies the editor's text: a phase's or a move's owner or dates (then
/// the next of them), a piece of work's outcome, or where to export; on a
/// bad value the editor stays open with the reason.
fn apply(
    open: &mut Open,
    view: &mut AdviceView,
    target: EditTarget,
    text: &str,
    s: &UiStrings,
    lang: Lang,
) -> Vec<Effect> {
    let text = text.trim();
    if target == EditTarget::ExportPath {
        if text.is_empty() {
            if let Some(editor) = &mut view.editor {
                editor.error = Some(s.error_export_path.to_string());
            }
            return vec![];
        }
        view.editor = None;
        return vec![Effect::Export {
            profile: Box::new(open.profile.clone()),
            assessment: open.assessment,
            base: text.to_string(),
        }];
    }
    if open.read_only.is_some() {
        view.editor = None;
        return vec![];
    }
    let date = || -> Result<Option<NaiveDate>, String> {
        if text.is_empty() {
            Ok(None)
        } else {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| s.error_date.to_string())
        }
    };
    let before = |start: Option<NaiveDate>, end: Option<NaiveDate>| match (start, end) {
        (Some(start), Some(end)) if end < start => Err(s.error_end_before_start.to_string()),
        _ => Ok(end),
    };
    let model = view.model(lang);
    let assessment = open.assessment_id();
    let op: Result<Op, String> = match &target {
        EditTarget::PhaseOwner(n) | EditTarget::PhaseStart(n) | EditTarget::PhaseEnd(n) => {
            let n = *n;
            let field = match &target {
                EditTarget::PhaseOwner(_) => Ok(PlanField::Owner(text.to_string())),
                EditTarget::PhaseStart(_) => date().map(PlanField::Start),
                _ => date().and_then(|end| {
                    // the phase's start as shown: the consultant's, else the plan's
                    let start = open
                        .assessment()
                        .plan
                        .get(&n.to_string())
                        .and_then(|e| e.start)
                        .or(model.plan.get(n - 1).map(|p| p.start));
                    before(start, end).map(PlanField::End)
                }),
            };
            field.map(|field| Op::SetPlan {
                assessment,
                phase: n as u32,
                field,
            })
        }
        EditTarget::MoveOwner(m) | EditTarget::MoveStart(m) | EditTarget::MoveEnd(m) => {
            let field = match &target {
                EditTarget::MoveOwner(_) => Ok(MoveField::Owner(text.to_string())),
                EditTarget::MoveStart(_) => date().map(MoveField::Start),
                _ => date().and_then(|end| {
                    before(find_move(model, *m).and_then(|mv| mv.start), end).map(MoveField::End)
                }),
            };
            field.map(|field| Op::SetMovePlan {
                assessment,
                domain: m.domain,
                from: m.from,
                to: m.to,
                field,
            })
        }
        EditTarget::Outcome(m, indicator) => Ok(Op::SetMovePlan {
            assessment,
            domain: m.domain,
            from: m.from,
            to: m.to,
            field: MoveField::Outcome {
                indicator: indicator.clone(),
                text: text.to_string(),
            },
        }),
        _ => {
            view.editor = None;
            return vec![];
        }
    };
    match op.and_then(|op| open.apply(op, lang)) {
        Ok(save) => {
            view.refresh(open);
            // owner, then start, then end: one field after another
            let model = view.model(lang);
            let next = match target {
                EditTarget::PhaseOwner(n) => {
                    let start = model.plan.get(n - 1).map(|p| p.start.to_string());
                    Some(Editor::new(
                        EditTarget::PhaseStart(n),
                        start.unwrap_or_default(),
                    ))
                }
                EditTarget::PhaseStart(n) => {
                    let end = model.plan.get(n - 1).map(|p| p.end.to_string());
                    Some(Editor::new(
                        EditTarget::PhaseEnd(n),
                        end.unwrap_or_default(),
                    ))
                }
                EditTarget::MoveOwner(m) => {
                    let start = find_move(model, m).and_then(|mv| mv.start);
                    Some(Editor::new(
                        EditTarget::MoveStart(m),
                        start.map(|d| d.to_string()).unwrap_or_default(),
                    ))
                }
                EditTarget::MoveStart(m) => {
                    let end = find_move(model, m).and_then(|mv| mv.end);
                    Some(Editor::new(
                        EditTarget::MoveEnd(m),
                        end.map(|d| d.to_string()).unwrap_or_default(),
                    ))
                }
                _ => None,
            };
            view.editor = next;
            // the save carries the operation, for the journal
            vec![save]
        }
        Err(error) => {
            if let Some(editor) = &mut view.editor {
                editor.error = Some(error);
            }
            vec![]
        }
    }
}

/// What Enter edits on a line of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanItem {
    /// A phase (its number): owner, start, end.
    Phase(usize),
    /// A move: owner, start, end, kept per move.
    Move(MoveRef),
    /// A piece of a move's work (an indicator): its outcome.
    Work(MoveRef, String),
    /// A line to read: the supporting track, the enablers package.
    Info,
}

/// How a line of the plan is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Title,
    Heading,
    Plain,
    Dim,
}

/// One selectable line of the plan: what it edits, and its text (one or
/// more lines before wrapping, each with its indent).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLine {
    pub item: PlanItem,
    pub text: Vec<(u16, String, Tone)>,
}

/// The plan as lines: each phase, its moves and their work, then the
/// supporting track and the enablers package.
fn plan_lines(m: &Model, s: &UiStrings) -> Vec<PlanLine> {
    let lang = m.lang;
    let aw = words::report_words(lang);
    let mut out: Vec<PlanLine> = vec![];
    let line = |item, text: Vec<(u16, String, Tone)>| PlanLine { item, text };
    if m.plan.is_empty() {
        out.push(line(
            PlanItem::Info,
            vec![(0, s.no_plan.to_string(), Tone::Dim)],
        ));
    }
    for phase in &m.plan {
        let owner = if phase.owner.is_empty() {
            s.phase_no_owner.to_string()
        } else {
            fill(s.phase_owner, &[&phase.owner])
        };
        out.push(line(
            PlanItem::Phase(phase.number),
            vec![
                (
                    0,
                    fill(s.phase_title, &[&phase.number, &phase.start, &phase.end]),
                    Tone::Title,
                ),
                (2, owner, Tone::Dim),
            ],
        ));
        // the phase's checks (nothing to edit on them)
        for c in &phase.checks {
            let mut text = vec![(2, format!("- {}", c.text), Tone::Plain)];
            text.extend(c.items.iter().map(|i| (4, i.clone(), Tone::Dim)));
            out.push(line(PlanItem::Info, text));
        }
        for mv in &phase.moves {
            let at = MoveRef {
                domain: mv.domain,
                from: mv.from,
                to: mv.to,
            };
            let mark = if m.own_target_support(mv) {
                s.phase_own_target
            } else {
                s.phase_prerequisite
            };
            let pre = match (mv.prerequisite, lang) {
                (false, _) => String::new(),
                (true, Lang::Zh) => mark.to_string(),
                (true, Lang::En) => format!(" {mark}"),
            };
            // (the reports' wording: stage 1 not assessed rather than "not
            // yet", the assess-first step, the move's own span)
            let from = if mv.from == 0 && m.stage1_under_way(mv.domain) {
                aw.stage1_under_way
            } else if mv.from == 0 && mv.from_unassessed {
                aw.stage1_unassessed
            } else {
                stage_text(s, mv.from)
            };
            let mut span = format!("{from} -> {}", s.stage_label(mv.to));
            if mv.assess_first {
                span.push_str(aw.move_assess_first);
            }
            if mv.own_span {
                let runs = crate::text::advice::move_runs(
                    lang,
                    mv.planned_start,
                    mv.planned_end,
                    mv.across,
                );
                span.push_str(&match lang {
                    Lang::Zh => format!("（{runs}）"),
                    Lang::En => format!(" ({runs})"),
                });
            }
            span.push_str(&pre);
            let head = format!(
                "- {} · {}",
                fill(s.label_value, &[&mv.name, &span]),
                mv.model.name,
            );
            let owner = if mv.owner.is_empty() {
                let owners: Vec<&str> = mv.owners.iter().map(|(_, t)| *t).collect();
                words::owners_line(&owners, lang)
            } else {
                fill(s.phase_owner, &[&mv.owner])
            };
            let mut text = vec![(2, head, Tone::Plain), (4, owner, Tone::Dim)];
            if mv.start.is_some() || mv.end.is_some() {
                let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or("-".into());
                text.push((
                    4,
                    fill(s.plan_move_dates, &[&date(mv.start), &date(mv.end)]),
                    Tone::Dim,
                ));
            }
            out.push(line(PlanItem::Move(at), text));
            // the work: each indicator not met yet, with its outcome (and the
            // model it calls for, where the items differ from the move's)
            let per_item = mv.work.iter().any(|w| w.model.0 != mv.model.id);
            for w in &mv.work {
                let outcome = if !w.outcome.is_empty() {
                    w.outcome.clone()
                } else if let Some(o) = w.outcomes.first() {
                    o.measure.clone()
                } else {
                    s.plan_outcome_to_fill.to_string()
                };
                let label = if w.confirm {
                    s.plan_confirm
                } else if w.partly {
                    aw.screen_partly
                } else {
                    s.plan_work
                };
                let model = if per_item {
                    words::item_model(w.model.1, lang)
                } else {
                    String::new()
                };
                out.push(line(
                    PlanItem::Work(at, w.indicator.clone()),
                    vec![(
                        4,
                        format!("{label} [{outcome}] {}{model}", w.text),
                        Tone::Dim,
                    )],
                ));
            }
        }
    }
    // the consultant's notes on moves no longer in the plan: shown, not lost
    if !m.orphans.is_empty() {
        out.push(line(
            PlanItem::Info,
            vec![
                (0, String::new(), Tone::Plain),
                (0, aw.section_orphans.to_string(), Tone::Title),
                (0, aw.orphans_intro.to_string(), Tone::Dim),
            ],
        ));
        for o in &m.orphans {
            out.push(line(
                PlanItem::Info,
                vec![(0, format!("- {}", o.text), Tone::Plain)],
            ));
        }
    }
    if !m.supports.is_empty() {
        out.push(line(
            PlanItem::Info,
            vec![
                (0, String::new(), Tone::Plain),
                (0, aw.section_supports.to_string(), Tone::Title),
            ],
        ));
        for sp in &m.supports {
            let mut text = vec![(0, format!("- {}", sp.text), Tone::Plain)];
            for (_, way, _) in &sp.ways {
                text.push((2, format!("- {way}"), Tone::Dim));
            }
            out.push(line(PlanItem::Info, text));
        }
    }
    out.push(line(
        PlanItem::Info,
        vec![
            (0, String::new(), Tone::Plain),
            (0, fill(s.detail_enablers, &[&m.enablers_to]), Tone::Title),
        ],
    ));
    for c in &m.enablers {
        out.push(line(
            PlanItem::Info,
            vec![(0, enabler_line(c, s), Tone::Plain)],
        ));
    }
    out
}

/// One aspect of the enablers package: what it looks like at the stage the
/// plan needs, or that it is in place already.
fn enabler_line(c: &ChangeView, s: &UiStrings) -> String {
    if c.in_place {
        format!("- {}", fill(s.aspect_in_place, &[&c.name]))
    } else {
        format!("- {}", fill(s.label_value, &[&c.name, &c.to_text]))
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, open: &Open, view: &AdviceView, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let model = view.model(lang);
    let tabs = match view.tab {
        AdviceTab::Overview => format!("[{}]  {}", s.tab_overview, s.tab_plan),
        AdviceTab::Plan => format!("{}  [{}]", s.tab_overview, s.tab_plan),
    };
    let editor_rows = if view.editor.is_some() {
        editor::ROWS
    } else {
        0
    };
    let [body, foot] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(editor_rows)]).areas(area);
    match view.tab {
        AdviceTab::Overview => {
            let left_w = (area.width * 11 / 20).clamp(40, 70);
            let [left, right] =
                Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]).areas(body);
            let title = format!("{} · {tabs}", s.title_advice);
            let inner = block_panel(buf, left, &title, theme, true);
            let total = super::matrix::voices_total(open, cx);
            draw_overview(buf, inner, view, model, total.as_deref(), cx);
            let domain = DomainId::ALL[view.row.min(6)];
            let inner = block_panel(
                buf,
                right,
                &model.domains[domain.index()].short_name,
                theme,
                false,
            );
            let key = WrapKey {
                lang,
                width: inner.width,
                theme,
                domain: domain.index(),
                sources: view.sources,
            };
            let rows = Wrapped::get(&view.detail_rows, key, || {
                let mut lines = detail(model, domain, cx);
                // how much of the domain is not agreed yet, or rests on one voice
                if let Some(line) = super::matrix::voices_line(open.assessment(), domain, cx) {
                    lines.insert(1.min(lines.len()), (line, theme.error()));
                }
                if view.sources {
                    lines.splice(
                        3.min(lines.len())..3.min(lines.len()),
                        sources(model, domain, cx),
                    );
                }
                vec![wrap_lines(&lines, inner.width)]
            });
            draw_rows(buf, inner, &rows[0], view.scroll);
        }
        AdviceTab::Plan => {
            let title = format!("{} · {tabs}", s.title_advice);
            let inner = block_panel(buf, body, &title, theme, true);
            draw_plan(buf, inner, view, model, cx);
        }
    }
    if let Some(editor) = &view.editor {
        editor::draw(buf, foot, editor, cx);
    }
}

/// "Stage 2", or "not yet at stage 1" for stage 0.
fn stage_text(s: &UiStrings, stage: u8) -> &'static str {
    if stage == 0 {
        s.not_yet_stage_1
    } else {
        s.stage_label(stage)
    }
}

fn level(x: Option<f64>) -> String {
    x.map(|l| format!("{l:.1}")).unwrap_or_else(|| "-".into())
}

fn draw_overview(
    buf: &mut Buffer,
    inner: Rect,
    view: &AdviceView,
    model: &Model,
    voices_total: Option<&str>,
    cx: &Ctx,
) {
    let Ctx { s, theme, .. } = *cx;
    let mut y = inner.y;
    let name_w = 15u16;
    put(
        buf,
        inner.x,
        y,
        s.section_entry_points,
        inner.width,
        theme.heading(),
    );
    y += 1;
    if model.entry_points.is_empty() {
        put(
            buf,
            inner.x + 1,
            y,
            s.no_entry_points,
            inner.width,
            theme.dim(),
        );
        y += 1;
    }
    for ep in &model.entry_points {
        let d = &model.domains[ep.domain.index()];
        let x = inner.x + 1;
        put(
            buf,
            x,
            y,
            &format!("{} {}", ep.rank, d.short_name),
            name_w + 2,
            theme.title(),
        );
        bar(buf, x + name_w + 3, y, 10, ep.score / 100.0, theme);
        let mut tail = format!(
            "{:>3.0} {}->{}",
            ep.score,
            level(ep.current),
            ep.next_target
        );
        if ep.suggested {
            tail.push(' ');
            tail.push_str(s.suggested_mark);
        }
        put(
            buf,
            x + name_w + 14,
            y,
            &tail,
            inner.right().saturating_sub(x + name_w + 14),
            theme.heading(),
        );
        y += 1;
    }
    y += 1;
    put(
        buf,
        inner.x,
        y,
        s.section_domains,
        inner.width,
        theme.heading(),
    );
    y += 1;
    for (i, d) in model.domains.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let entry = model.entry_points.iter().any(|e| e.domain == d.id);
        let mark = if entry { "*" } else { " " };
        let target = match (d.target, &d.suggested_target) {
            // the city's own target reached, the next one suggested beside it
            (Some(t), Some(sg)) => format!("-> {}, {} {}", t.stage, sg.stage, s.suggested_mark),
            (Some(t), None) => format!("-> {}", t.stage),
            (None, Some(sg)) => format!("-> {} {}", sg.stage, s.suggested_mark),
            (None, None) => "   ".into(),
        };
        let gap = d.gap.map(|g| format!("({g:.1})")).unwrap_or_default();
        let evidence = format!("{}/{}", d.answered, d.total);
        let line = format!(
            "{mark}{} {:>4} {:>5} {target} {gap}",
            pad(&d.short_name, name_w as usize),
            level(d.current),
            evidence,
        );
        put(buf, inner.x, y, &line, inner.width, theme.heading());
        if i == view.row {
            highlight(buf, inner, y, theme);
        }
        y += 1;
    }
    y += 1;
    // answers not agreed yet: the levels above may still move
    if let Some(total) = voices_total
        && y < inner.bottom()
    {
        let room = Rect::new(inner.x, y, inner.width, (inner.bottom() - y).min(2));
        y += put_wrapped(buf, room, total, theme.error()) + 1;
    }
    if y < inner.bottom() && !model.warnings.is_empty() {
        put(
            buf,
            inner.x,
            y,
            &format!("{} ({})", s.section_warnings, model.warnings.len()),
            inner.width,
            theme.error(),
        );
        y += 1;
        let mut lines = vec![];
        for w in &model.warnings {
            for (k, line) in wrap(&w.message, inner.width.saturating_sub(2) as usize)
                .into_iter()
                .enumerate()
            {
                lines.push(format!("{}{line}", if k == 0 { "! " } else { "  " }));
            }
        }
        let room = inner.bottom().saturating_sub(y) as usize;
        let cut = lines.len() > room;
        for (k, line) in lines.iter().take(room).enumerate() {
            let text = if cut && k + 1 == room {
                format!("{} ..", line.trim_end())
            } else {
                line.clone()
            };
            put(buf, inner.x, y, &text, inner.width, theme.dim());
            y += 1;
        }
    }
}

/// The lines of the detail, before wrapping: text and style.
fn detail(model: &Model, domain: DomainId, cx: &Ctx) -> Vec<(String, Style)> {
    let Ctx { lang, s, theme, .. } = *cx;
    let fw = framework();
    let d = &model.domains[domain.index()];
    let mut out: Vec<(String, Style)> = vec![];
    let head = |t: String, out: &mut Vec<(String, Style)>| {
        out.push((String::new(), Style::new()));
        out.push((t, theme.title()));
    };
    out.push((d.name.clone(), theme.heading()));
    out.push((
        fill(s.detail_score, &[&format!("{:.0}", d.score)]),
        theme.heading(),
    ));
    for part in &d.score_parts {
        out.push((
            format!(
                "  {:>4.1}  {} ({:.2} x {})",
                part.points, part.name, part.value, part.weight
            ),
            theme.dim(),
        ));
    }
    out.push((s.detail_weights.to_string(), theme.dim()));
    if let Some(sg) = &d.suggested_target {
        out.push((
            fill(s.detail_suggested, &[&sg.stage, &sg.horizon_years]),
            theme.title(),
        ));
    }
    match model.entry_points.iter().find(|e| e.domain == domain) {
        Some(ep) => {
            head(format!("{} · {}", ep.rank, s.detail_why), &mut out);
            // an entry point resting on a suggestion says so first
            if let (true, Some(t)) = (ep.suggested, ep.working) {
                out.push((
                    fill(s.detail_entry_suggested, &[&t.stage, &t.horizon_years]),
                    theme.title(),
                ));
            }
            for r in &ep.reasons {
                out.push((format!("- {}", r.text), Style::new()));
            }
            head(
                fill(s.detail_changes, &[&ep.from, &ep.next_target]),
                &mut out,
            );
            if let Some(case) = &ep.own_case {
                out.push((fill(model.words().own_case, &[case]), theme.dim()));
            }
            for c in &ep.changes {
                out.push((c.name.clone(), theme.heading()));
                let from = match &c.from_text {
                    Some(text) if !c.own_case => {
                        fill(s.label_value, &[&stage_text(s, c.from), text])
                    }
                    _ => c.from_display.clone(),
                };
                out.push((format!("  {from}"), theme.dim()));
                out.push((
                    format!(
                        "  {}",
                        fill(s.label_value, &[&s.stage_label(c.to), &c.to_text])
                    ),
                    Style::new(),
                ));
            }
            let supports: Vec<_> = model
                .supports
                .iter()
                .filter(|sp| sp.for_domains.contains(&domain))
                .collect();
            if !supports.is_empty() {
                head(s.detail_supports.to_string(), &mut out);
                for sp in supports {
                    out.push((format!("- {}", sp.text), Style::new()));
                    for (_, way, _) in &sp.ways {
                        out.push((format!("  - {way}"), theme.dim()));
                    }
                }
            }
            head(s.detail_model.to_string(), &mut out);
            model_lines(&ep.operating_model, s, lang, &mut out, theme.dim());
            if !ep.cases.is_empty() {
                head(s.detail_cases.to_string(), &mut out);
                if ep.exact_cases == 0 {
                    let none = if ep.own_case.is_some() {
                        words::no_exact_case_besides_own(lang)
                    } else {
                        words::no_exact_case(lang)
                    };
                    out.push((none.to_string(), theme.dim()));
                }
                for c in &ep.cases {
                    let line = if c.no_stage {
                        fill(s.detail_case_no_stage, &[&c.city, &c.country, &c.to])
                    } else {
                        format!("{} ({}) {} -> {}", c.city, c.country, c.from, c.to)
                    };
                    out.push((line, theme.heading()));
                    out.push((format!("  {}", c.summary), theme.dim()));
                }
            }
        }
        None => {
            out.push((String::new(), Style::new()));
            let why = d
                .not_entry
                .as_ref()
                .map(|(_, text)| text.clone())
                .unwrap_or_else(|| s.detail_not_entry.to_string());
            out.push((why, theme.dim()));
        }
    }
    if domain == DomainId::Enablers {
        head(fill(s.detail_enablers, &[&model.enablers_to]), &mut out);
        for c in &model.enablers {
            out.push((enabler_line(c, s), Style::new()));
        }
    }
    head(s.detail_focus.to_string(), &mut out);
    for f in &fw.domain(domain).focus_items {
        out.push((format!("- {}", f.get(lang)), Style::new()));
    }
    out
}

/// An operating model: its name and why, the financing the seeds give for
/// it, and the tool's own caution where one applies.
fn model_lines(
    m: &ModelView,
    s: &UiStrings,
    lang: Lang,
    out: &mut Vec<(String, Style)>,
    dim: Style,
) {
    out.push((fill(s.label_value, &[&m.name, &m.why]), Style::new()));
    if !m.financing.is_empty() {
        let options: Vec<String> = m.financing.iter().map(|f| f.text.to_string()).collect();
        out.push((format!("- {}", words::financing_line(&options, lang)), dim));
    }
    if let Some((caution, _)) = &m.caution {
        out.push((format!("- {caution}"), dim));
    }
}

/// The sources of the selected domain's reasons and of the warnings that
/// name it: each the document and quote (with its English rendering), or
/// citydx's own convention with why.
fn sources(model: &Model, domain: DomainId, cx: &Ctx) -> Vec<(String, Style)> {
    let Ctx { lang, s, theme, .. } = *cx;
    let mut out = vec![
        (String::new(), Style::new()),
        (s.detail_sources.to_string(), theme.title()),
    ];
    let mut n = 0;
    if let Some(ep) = model.entry_points.iter().find(|e| e.domain == domain) {
        for r in &ep.reasons {
            n += 1;
            out.push((format!("[{n}] {}", r.text), theme.heading()));
            out.push((
                format!("  {}", words::source_note(&r.source, lang)),
                theme.dim(),
            ));
        }
    }
    for w in model
        .warnings
        .iter()
        .filter(|w| w.domains.contains(&domain))
    {
        n += 1;
        out.push((format!("[{n}] ! {}", w.message), theme.heading()));
        out.push((
            format!("  {}", words::source_note(&w.source, lang)),
            theme.dim(),
        ));
    }
    // the score shown above the reasons: its weights are the tool's own
    n += 1;
    out.push((
        format!("[{n}] {}", s.detail_weights_source),
        theme.heading(),
    ));
    out.push((
        format!(
            "  {}",
            words::source_note(&crate::core::sources::Rule::Weights.source(), lang)
        ),
        theme.dim(),
    ));
    out
}

/// `lines` wrapped to `width`.
fn wrap_lines(lines: &[(String, Style)], width: u16) -> Vec<(String, Style)> {
    lines
        .iter()
        .flat_map(|(text, style)| {
            // keep the indent, and hang a bullet's continuation lines
            let indent = (text.len() - text.trim_start().len()).min(4);
            wrap_hanging(text.trim_start(), indent, width)
                .into_iter()
                .map(move |l| (l, *style))
        })
        .collect()
}

/// Draws wrapped `rows` into `area`, skipping the first `scroll` rows.
fn draw_rows(buf: &mut Buffer, area: Rect, rows: &[(String, Style)], scroll: u16) {
    let scroll = (scroll as usize).min(rows.len().saturating_sub(1));
    let room = area.height as usize;
    let more = rows.len() > scroll + room;
    for (k, (text, style)) in rows.iter().skip(scroll).take(room).enumerate() {
        let y = area.y + k as u16;
        let text = if more && k + 1 == room {
            format!("{} ..", text.trim_end())
        } else {
            text.clone()
        };
        put(buf, area.x, y, &text, area.width, *style);
    }
}

/// `body` wrapped to `width` after `indent` spaces, a bullet's
/// continuation lines hung under its text.
fn wrap_hanging(body: &str, indent: usize, width: u16) -> Vec<String> {
    let hang = if body.starts_with("- ") { 2 } else { 0 };
    let room = (width as usize).saturating_sub(indent + hang);
    wrap(body, room)
        .into_iter()
        .enumerate()
        .map(|(k, l)| {
            let lead = if k == 0 { indent } else { indent + hang };
            format!("{}{l}", " ".repeat(lead))
        })
        .collect()
}

/// The plan: one list of lines (ratatui's `List`, whose state keeps the
/// selected line in view), the last row saying when more follows.
fn draw_plan(buf: &mut Buffer, inner: Rect, view: &AdviceView, model: &Model, cx: &Ctx) {
    let Ctx { s, theme, .. } = *cx;
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let style = |tone: Tone| match tone {
        Tone::Title => theme.title(),
        Tone::Heading => theme.heading(),
        Tone::Plain => Style::new(),
        Tone::Dim => theme.dim(),
    };
    let key = WrapKey {
        lang: model.lang,
        width: inner.width,
        theme,
        domain: 0,
        sources: false,
    };
    let wrapped = Wrapped::get(&view.plan_rows, key, || {
        plan_lines(model, s)
            .iter()
            .map(|l| {
                l.text
                    .iter()
                    .flat_map(|(indent, text, tone)| {
                        let text = crate::text::printable(text).into_owned();
                        wrap_hanging(&text, *indent as usize, inner.width)
                            .into_iter()
                            .map(move |row| (row, style(*tone)))
                    })
                    .collect()
            })
            .collect()
    });
    let heights: Vec<usize> = wrapped.iter().map(Vec::len).collect();
    let items: Vec<ListItem> = wrapped
        .iter()
        .map(|rows| {
            let rows: Vec<Line> = rows
                .iter()
                .map(|(row, style)| Line::styled(row.as_str(), *style))
                .collect();
            ListItem::new(Text::from(rows))
        })
        .collect();
    let total: usize = heights.iter().sum();
    let room = if total > inner.height as usize {
        inner.height.saturating_sub(1)
    } else {
        inner.height
    };
    view.plan_page.set(room);
    let [list_area, more_row] =
        Layout::vertical([Constraint::Length(room), Constraint::Fill(1)]).areas(inner);
    let selected = view.plan_row.min(heights.len().saturating_sub(1));
    let mut state = ListState::default()
        .with_offset(view.plan_offset.get())
        .with_selected(Some(selected));
    List::new(items)
        .highlight_style(theme.selected())
        .render(list_area, buf, &mut state);
    view.plan_offset.set(state.offset());
    if room < inner.height {
        let shown: usize = heights.iter().skip(state.offset()).sum();
        let more = shown > room as usize;
        let text = if more { s.plan_more_below } else { "" };
        put(
            buf,
            more_row.x,
            more_row.y,
            text,
            more_row.width,
            theme.dim(),
        );
    }
}
