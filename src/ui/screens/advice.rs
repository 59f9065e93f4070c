//! The gap and the entry points: on the overview, the ranked entry points
//! with bars, all seven domains (now -> target, gap) and the warnings, with
//! the selected domain's detail beside them (why, what changes per aspect,
//! focus items, cases, operating model, the score's parts); on the plan,
//! the phases with their moves, owners and dates. Enter on a phase edits
//! its owner, then its start and end; o exports the report.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{bar, boxed, highlight, put, put_wrapped, wrap};
use super::super::keys::{Action, Binding, CTRL_C, DOWN, ENTER, HELP, Key, LANG, UP, bind};
use super::Screen;
use super::editor::{self, Edit, EditTarget, Editor};
use super::matrix::Matrix;
use super::open::Open;
use super::walk::{self, Walk};
use crate::core::Lang;
use crate::core::advice::{Advice, DomainAdvice, advise};
use crate::core::framework::{DomainId, framework};
use crate::core::ops::{Op, PlanField};
use crate::text::advice as words;
use crate::text::{UiStrings, fill, pad};

use Action as A;
use Key::{Char as C, Code};

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
    bind!(ENTER, A::Select, key_edit_phase, hint_edit),
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
    pub tab: AdviceTab,
    /// The selected domain (overview, 0 to 6) or phase (plan).
    pub row: usize,
    /// How far the selected domain's detail is scrolled.
    pub scroll: u16,
    pub editor: Option<Editor>,
    /// Whether the detail shows the sources of the reasons and warnings
    /// (`i`).
    pub sources: bool,
    /// The walk to go back to.
    pub walk: Walk,
}

/// Opens the advice on `open`, on its first entry point.
pub fn show(open: Box<Open>, walk: Walk) -> Screen {
    let advice = advise(framework(), &open.profile.city, open.assessment());
    let row = advice
        .entry_points
        .first()
        .map(|e| e.domain.index())
        .unwrap_or(0);
    let view = AdviceView {
        advice,
        tab: AdviceTab::Overview,
        row,
        scroll: 0,
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
    let phases = view.advice.plan.len();
    let rows = match view.tab {
        AdviceTab::Overview => 7,
        AdviceTab::Plan => phases,
    };
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
        A::Up => {
            view.row = view.row.saturating_sub(1);
            view.scroll = 0;
        }
        A::Down => {
            view.row = (view.row + 1).min(rows.saturating_sub(1));
            view.scroll = 0;
        }
        A::PageDown => view.scroll = view.scroll.saturating_add(5),
        A::PageUp => view.scroll = view.scroll.saturating_sub(5),
        A::NextField | A::PrevField => {
            view.tab = match view.tab {
                AdviceTab::Overview => AdviceTab::Plan,
                AdviceTab::Plan => AdviceTab::Overview,
            };
            view.row = 0;
            view.scroll = 0;
        }
        A::Select if view.tab == AdviceTab::Plan && phases > 0 => {
            let number = view.row.min(phases - 1) + 1;
            let owner = view.advice.plan[number - 1].owner.clone();
            view.editor = open
                .writable(cx)
                .then(|| Editor::new(EditTarget::PhaseOwner(number), owner));
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
                        view.advice = advise(framework(), &open.profile.city, open.assessment());
                        let save = open.save();
                        return (Screen::Advice(open, view), vec![save]);
                    }
                    Err(e) => cx.refuse(&e.message(cx.lang)),
                }
            }
        }
        A::Export => {
            let base = format!("{}-{}-report", open.profile.id, open.assessment().date);
            view.editor = Some(Editor::new(EditTarget::ExportPath, base));
        }
        _ => {}
    }
    (Screen::Advice(open, view), vec![])
}

/// Applies the editor's text: a phase's owner or dates (then the next of
/// them), or where to export; on a bad value the editor stays open with
/// the reason.
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
    let (EditTarget::PhaseOwner(n) | EditTarget::PhaseStart(n) | EditTarget::PhaseEnd(n)) = target
    else {
        view.editor = None;
        return vec![];
    };
    if open.read_only.is_some() {
        view.editor = None;
        return vec![];
    }
    let computed = view.advice.plan.get(n - 1).cloned();
    let date = || -> Result<Option<NaiveDate>, String> {
        if text.is_empty() {
            Ok(None)
        } else {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| s.error_date.to_string())
        }
    };
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
                .or(computed.as_ref().map(|p| p.start));
            match (start, end) {
                (Some(start), Some(end)) if end < start => {
                    Err(s.error_end_before_start.to_string())
                }
                _ => Ok(PlanField::End(end)),
            }
        }),
    };
    let op = field.map(|field| Op::SetPlan {
        assessment: open.assessment_id(),
        phase: n as u32,
        field,
    });
    let result = op.and_then(|op| open.apply(op, lang));
    match result {
        Ok(save) => {
            view.editor = None;
            view.advice = advise(framework(), &open.profile.city, open.assessment());
            // owner, then start, then end: one field after another
            let next = match target {
                EditTarget::PhaseOwner(n) => Some((EditTarget::PhaseStart(n), true)),
                EditTarget::PhaseStart(n) => Some((EditTarget::PhaseEnd(n), false)),
                _ => None,
            };
            if let Some((next, start)) = next {
                let phase = view.advice.plan.get(n - 1);
                let value = phase.map(|p| if start { p.start } else { p.end });
                view.editor = Some(Editor::new(
                    next,
                    value.map(|d| d.to_string()).unwrap_or_default(),
                ));
            }
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

pub fn draw(buf: &mut Buffer, area: Rect, open: &Open, view: &AdviceView, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let advice = &view.advice;
    let tabs = match view.tab {
        AdviceTab::Overview => format!("[{}]  {}", s.tab_overview, s.tab_plan),
        AdviceTab::Plan => format!("{}  [{}]", s.tab_overview, s.tab_plan),
    };
    let editor_rows = if view.editor.is_some() {
        editor::ROWS
    } else {
        0
    };
    let body = Rect::new(
        area.x,
        area.y,
        area.width,
        area.height.saturating_sub(editor_rows),
    );
    match view.tab {
        AdviceTab::Overview => {
            let left_w = (area.width * 11 / 20).clamp(40, 70);
            let left = Rect::new(body.x, body.y, left_w, body.height);
            let right = Rect::new(body.x + left_w, body.y, body.width - left_w, body.height);
            let title = format!("{} · {tabs}", s.title_advice);
            let inner = boxed(buf, left, &title, theme, true);
            let total = super::matrix::voices_total(open, cx);
            draw_overview(buf, inner, view, advice, total.as_deref(), cx);
            let domain = DomainId::ALL[view.row.min(6)];
            let inner = boxed(
                buf,
                right,
                framework().domain(domain).short_name.get(lang),
                theme,
                false,
            );
            let mut lines = detail(advice, domain, cx);
            // how much of the domain is not agreed yet, or rests on one voice
            if let Some(line) = super::matrix::voices_line(open.assessment(), domain, cx) {
                lines.insert(1.min(lines.len()), (line, theme.error()));
            }
            if view.sources {
                lines.splice(
                    3.min(lines.len())..3.min(lines.len()),
                    sources(advice, domain, cx),
                );
            }
            draw_lines(buf, inner, &lines, view.scroll);
        }
        AdviceTab::Plan => {
            let title = format!("{} · {tabs}", s.title_advice);
            let inner = boxed(buf, body, &title, theme, true);
            draw_plan(buf, inner, view, advice, cx);
        }
    }
    if let Some(editor) = &view.editor {
        editor::draw(
            buf,
            Rect::new(area.x, body.bottom(), area.width, editor_rows),
            editor,
            cx,
        );
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
    advice: &Advice,
    voices_total: Option<&str>,
    cx: &Ctx,
) {
    let Ctx { lang, s, theme, .. } = *cx;
    let fw = framework();
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
    if advice.entry_points.is_empty() {
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
    for ep in &advice.entry_points {
        let d = &advice.domains[ep.domain.index()];
        let x = inner.x + 1;
        put(
            buf,
            x,
            y,
            &format!("{} {}", ep.rank, fw.domain(ep.domain).short_name.get(lang)),
            name_w + 2,
            theme.title(),
        );
        bar(buf, x + name_w + 3, y, 10, d.score / 100.0, theme);
        let tail = format!("{:>3.0} {}->{}", d.score, level(d.current), ep.next_target);
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
    for (i, d) in advice.domains.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let entry = advice.entry_points.iter().any(|e| e.domain == d.id);
        let mark = if entry { "*" } else { " " };
        let target = match (d.target, &d.suggested_target) {
            (Some(t), _) => format!("-> {}", t.stage),
            (None, Some(sg)) => format!("-> {} {}", sg.stage, s.suggested_mark),
            (None, None) => "   ".into(),
        };
        let gap = d.gap.map(|g| format!("({g:.1})")).unwrap_or_default();
        let evidence = format!("{}/{}", d.answered, d.total);
        let line = format!(
            "{mark}{} {:>4} {:>5} {target} {gap}",
            pad(fw.domain(d.id).short_name.get(lang), name_w as usize),
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
    if y < inner.bottom() && !advice.warnings.is_empty() {
        put(
            buf,
            inner.x,
            y,
            &format!("{} ({})", s.section_warnings, advice.warnings.len()),
            inner.width,
            theme.error(),
        );
        y += 1;
        let mut lines = vec![];
        for w in &advice.warnings {
            let text = words::warning(w, &advice.short_resources, lang);
            for (k, line) in wrap(&text, inner.width.saturating_sub(2) as usize)
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
fn detail(advice: &Advice, domain: DomainId, cx: &Ctx) -> Vec<(String, Style)> {
    let Ctx { lang, s, theme, .. } = *cx;
    let fw = framework();
    let dom = fw.domain(domain);
    let d: &DomainAdvice = &advice.domains[domain.index()];
    let mut out: Vec<(String, Style)> = vec![];
    let head = |t: String, out: &mut Vec<(String, Style)>| {
        out.push((String::new(), Style::new()));
        out.push((t, theme.title()));
    };
    out.push((dom.name.get(lang).to_string(), theme.heading()));
    out.push((
        fill(s.detail_score, &[&format!("{:.0}", d.score)]),
        theme.heading(),
    ));
    for part in &d.score_parts {
        out.push((
            format!(
                "  {:>4.1}  {} ({:.2} x {})",
                part.points,
                words::factor(part.factor, lang),
                part.value,
                part.weight
            ),
            theme.dim(),
        ));
    }
    if let Some(sg) = &d.suggested_target {
        out.push((
            fill(s.detail_suggested, &[&sg.stage, &sg.horizon_years]),
            theme.title(),
        ));
    }
    match advice.entry_points.iter().find(|e| e.domain == domain) {
        Some(ep) => {
            head(format!("{} · {}", ep.rank, s.detail_why), &mut out);
            for r in &ep.reasons {
                out.push((format!("- {}", words::reason(r, lang)), Style::new()));
            }
            let from = ep.changes.first().map(|c| c.from).unwrap_or(0);
            head(fill(s.detail_changes, &[&from, &ep.next_target]), &mut out);
            for c in &ep.changes {
                let Some(aspect) = dom.aspects.iter().find(|a| a.id == c.aspect) else {
                    continue;
                };
                out.push((aspect.name.get(lang).to_string(), theme.heading()));
                let from_text = if c.from == 0 {
                    s.not_yet_stage_1.to_string()
                } else {
                    dom.stages
                        .get(usize::from(c.from) - 1)
                        .and_then(|stage| stage.aspects.get(&c.aspect))
                        .map(|t| t.get(lang).to_string())
                        .unwrap_or_default()
                };
                // (a stage outside 1 to 3, from a hand-edited target, has no text)
                let to_text = dom
                    .stages
                    .get(usize::from(c.to).wrapping_sub(1))
                    .and_then(|stage| stage.aspects.get(&c.aspect))
                    .map(|t| t.get(lang))
                    .unwrap_or("");
                out.push((
                    format!(
                        "  {}",
                        fill(s.label_value, &[&stage_text(s, c.from), &from_text])
                    ),
                    theme.dim(),
                ));
                out.push((
                    format!(
                        "  {}",
                        fill(s.label_value, &[&s.stage_label(c.to), &to_text])
                    ),
                    Style::new(),
                ));
            }
            head(s.detail_model.to_string(), &mut out);
            out.push((
                fill(
                    s.label_value,
                    &[
                        &words::model_name(ep.operating_model, lang),
                        &words::model_reason(ep.model_reason, lang),
                    ],
                ),
                Style::new(),
            ));
            if !ep.cases.is_empty() {
                head(s.detail_cases.to_string(), &mut out);
                if ep.exact_cases == 0 {
                    out.push((words::no_exact_case(lang).to_string(), theme.dim()));
                }
                for id in &ep.cases {
                    if let Some(c) = fw.cases.iter().find(|c| &c.id == id) {
                        out.push((
                            format!(
                                "{} ({}) {} -> {}",
                                c.city.get(lang),
                                c.country,
                                c.from,
                                c.to
                            ),
                            theme.heading(),
                        ));
                        out.push((format!("  {}", c.summary.get(lang)), theme.dim()));
                    }
                }
            }
            let pre: Vec<String> = advice
                .prerequisites
                .iter()
                .filter(|p| p.for_domains.contains(&domain))
                .map(|p| format!("- {}", words::prerequisite(p, lang)))
                .collect();
            if !pre.is_empty() {
                head(s.detail_prerequisites.to_string(), &mut out);
                out.extend(pre.into_iter().map(|p| (p, Style::new())));
            }
        }
        None => {
            out.push((String::new(), Style::new()));
            let why = d
                .not_entry
                .map(|n| words::not_entry(n, &advice.short_resources, lang))
                .unwrap_or_else(|| s.detail_not_entry.to_string());
            out.push((why, theme.dim()));
        }
    }
    if domain == DomainId::Enablers {
        let to = advice.enablers.first().map(|c| c.to).unwrap_or(1);
        head(fill(s.detail_enablers, &[&to]), &mut out);
        out.extend(enablers_package(advice, lang, s));
    }
    head(s.detail_focus.to_string(), &mut out);
    for f in &dom.focus_items {
        out.push((format!("- {}", f.get(lang)), Style::new()));
    }
    out
}

/// The sources of the selected domain's reasons and of the warnings that
/// name it: each the document and quote (with its English rendering), or
/// citydx's own convention with why.
fn sources(advice: &Advice, domain: DomainId, cx: &Ctx) -> Vec<(String, Style)> {
    let Ctx { lang, s, theme, .. } = *cx;
    let mut out = vec![
        (String::new(), Style::new()),
        (s.detail_sources.to_string(), theme.title()),
    ];
    let mut n = 0;
    if let Some(ep) = advice.entry_points.iter().find(|e| e.domain == domain) {
        for r in &ep.reasons {
            n += 1;
            out.push((format!("[{n}] {}", words::reason(r, lang)), theme.heading()));
            out.push((
                format!("  {}", words::source_note(&r.rule().source(), lang)),
                theme.dim(),
            ));
        }
    }
    for w in advice
        .warnings
        .iter()
        .filter(|w| w.domains.contains(&domain))
    {
        n += 1;
        out.push((
            format!(
                "[{n}] ! {}",
                words::warning(w, &advice.short_resources, lang)
            ),
            theme.heading(),
        ));
        out.push((
            format!("  {}", words::source_note(&w.code.rule().source(), lang)),
            theme.dim(),
        ));
    }
    out
}

/// The enablers package: each enabler aspect and what it looks like at the
/// stage the plan needs, one bullet each.
fn enablers_package(advice: &Advice, lang: Lang, s: &UiStrings) -> Vec<(String, Style)> {
    let enablers = framework().domain(DomainId::Enablers);
    advice
        .enablers
        .iter()
        .filter_map(|c| {
            let aspect = enablers.aspects.iter().find(|a| a.id == c.aspect)?;
            let text = enablers
                .stages
                .get(usize::from(c.to).wrapping_sub(1))
                .and_then(|stage| stage.aspects.get(&c.aspect))
                .map(|t| t.get(lang))
                .unwrap_or("");
            let line = fill(s.label_value, &[&aspect.name.get(lang), &text]);
            Some((format!("- {line}"), Style::new()))
        })
        .collect()
}

/// Wraps `lines` into `area`, skipping the first `scroll` rows.
fn draw_lines(buf: &mut Buffer, area: Rect, lines: &[(String, Style)], scroll: u16) {
    let rows: Vec<(String, Style)> = lines
        .iter()
        .flat_map(|(text, style)| {
            // keep the indent, and hang a bullet's continuation lines
            let indent = (text.len() - text.trim_start().len()).min(4);
            let hang = if text.trim_start().starts_with("- ") {
                2
            } else {
                0
            };
            let width = (area.width as usize).saturating_sub(indent + hang);
            let body = text.trim_start();
            let mut rows = vec![];
            for (k, l) in wrap(body, width).into_iter().enumerate() {
                let lead = if k == 0 { indent } else { indent + hang };
                rows.push((format!("{}{l}", " ".repeat(lead)), *style));
            }
            rows
        })
        .collect();
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

fn draw_plan(buf: &mut Buffer, inner: Rect, view: &AdviceView, advice: &Advice, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let fw = framework();
    let mut y = inner.y;
    if advice.plan.is_empty() {
        put(buf, inner.x, y, s.no_plan, inner.width, theme.dim());
        return;
    }
    // keep the selected phase in view
    let mut heights: Vec<u16> = advice
        .plan
        .iter()
        .map(|p| {
            p.moves.len() as u16 + 3 + p.moves.iter().map(|m| m.work.len() as u16).sum::<u16>()
        })
        .collect();
    heights.iter_mut().for_each(|h| *h = (*h).max(3));
    let mut first = 0;
    while first < view.row && heights[first..=view.row].iter().sum::<u16>() > inner.height {
        first += 1;
    }
    for (i, phase) in advice.plan.iter().enumerate().skip(first) {
        if y >= inner.bottom() {
            break;
        }
        let title = fill(s.phase_title, &[&phase.number, &phase.start, &phase.end]);
        put(buf, inner.x, y, &title, inner.width, theme.title());
        if i == view.row {
            highlight(buf, inner, y, theme);
        }
        y += 1;
        let owner = if phase.owner.is_empty() {
            s.phase_no_owner.to_string()
        } else {
            fill(s.phase_owner, &[&phase.owner])
        };
        put(
            buf,
            inner.x + 2,
            y,
            &owner,
            inner.width.saturating_sub(2),
            theme.dim(),
        );
        y += 1;
        for m in &phase.moves {
            if y >= inner.bottom() {
                break;
            }
            let pre = if m.prerequisite {
                format!(" {}", s.phase_prerequisite)
            } else {
                String::new()
            };
            let line = format!(
                "- {}: {} -> {}{pre}",
                fw.domain(m.domain).name.get(lang),
                stage_text(s, m.from),
                s.stage_label(m.to),
            );
            put(
                buf,
                inner.x + 2,
                y,
                &line,
                inner.width.saturating_sub(2),
                Style::new(),
            );
            y += 1;
            // the work: each indicator not met yet, with its outcome
            for w in &m.work {
                if y >= inner.bottom() {
                    break;
                }
                let outcome = if !w.outcome.is_empty() {
                    w.outcome.clone()
                } else if let Some(o) = w
                    .outcomes
                    .first()
                    .and_then(|id| fw.outcomes.iter().find(|o| &o.id == id))
                {
                    o.measure.get(lang).to_string()
                } else {
                    s.plan_outcome_to_fill.to_string()
                };
                let text = fw
                    .indicator(&w.indicator)
                    .map(|r| r.indicator.text.get(lang))
                    .unwrap_or(&w.indicator);
                put(
                    buf,
                    inner.x + 4,
                    y,
                    &format!("{} [{outcome}] {text}", s.plan_work),
                    inner.width.saturating_sub(4),
                    theme.dim(),
                );
                y += 1;
            }
        }
        y += 1;
    }
    // below the phases, with room: the prerequisites and the enablers package
    let mut lines: Vec<(String, Style)> = vec![];
    if !advice.prerequisites.is_empty() {
        lines.push((s.detail_prerequisites.to_string(), theme.title()));
        for p in &advice.prerequisites {
            lines.push((format!("- {}", words::prerequisite(p, lang)), Style::new()));
        }
        lines.push((String::new(), Style::new()));
    }
    let to = advice.enablers.first().map(|c| c.to).unwrap_or(1);
    lines.push((fill(s.detail_enablers, &[&to]), theme.title()));
    lines.extend(enablers_package(advice, lang, s));
    if y < inner.bottom() {
        draw_lines(
            buf,
            Rect::new(inner.x, y, inner.width, inner.bottom() - y),
            &lines,
            0,
        );
    }
}
