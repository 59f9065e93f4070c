//! The gap and the entry points: on the overview, the ranked entry points
//! with bars, all seven domains (now -> target, gap) and the warnings, with
//! the selected domain's detail beside them (why, what changes per aspect,
//! focus items, cases, operating model, the score's parts); on the plan,
//! the phases with their moves, owners and dates.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::{AdviceTab, Interview};
use super::super::theme::Theme;
use super::highlight;
use super::paint::{bar, boxed, put, wrap};
use crate::core::Lang;
use crate::core::advice::{Advice, DomainAdvice};
use crate::core::framework::{DomainId, framework};
use crate::text::advice as words;
use crate::text::{UiStrings, fill, pad};

pub fn draw(buf: &mut Buffer, area: Rect, iv: &Interview, lang: Lang, s: &UiStrings, theme: Theme) {
    let Some(advice) = &iv.advice else {
        return;
    };
    let tabs = match iv.advice_tab {
        AdviceTab::Overview => format!("[{}]  {}", s.tab_overview, s.tab_plan),
        AdviceTab::Plan => format!("{}  [{}]", s.tab_overview, s.tab_plan),
    };
    let editor_rows = if iv.editor.is_some() { 4 } else { 0 };
    let body = Rect::new(
        area.x,
        area.y,
        area.width,
        area.height.saturating_sub(editor_rows),
    );
    match iv.advice_tab {
        AdviceTab::Overview => {
            let left_w = (area.width * 11 / 20).clamp(40, 70);
            let left = Rect::new(body.x, body.y, left_w, body.height);
            let right = Rect::new(body.x + left_w, body.y, body.width - left_w, body.height);
            let title = format!("{} · {tabs}", s.title_advice);
            let inner = boxed(buf, left, &title, theme, true);
            draw_overview(buf, inner, iv, advice, lang, s, theme);
            let domain = DomainId::ALL[iv.advice_row.min(6)];
            let inner = boxed(
                buf,
                right,
                framework().domain(domain).short_name.get(lang),
                theme,
                false,
            );
            let lines = detail(advice, domain, lang, s, theme);
            draw_lines(buf, inner, &lines, iv.advice_scroll);
        }
        AdviceTab::Plan => {
            let title = format!("{} · {tabs}", s.title_advice);
            let inner = boxed(buf, body, &title, theme, true);
            draw_plan(buf, inner, iv, advice, lang, s, theme);
        }
    }
    if let Some(editor) = &iv.editor {
        super::interview::draw_editor(
            buf,
            Rect::new(area.x, body.bottom(), area.width, editor_rows),
            editor,
            s,
            lang,
            theme,
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
    iv: &Interview,
    advice: &Advice,
    lang: Lang,
    s: &UiStrings,
    theme: Theme,
) {
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
        let target = d
            .target
            .map(|t| format!("-> {}", t.stage))
            .unwrap_or_else(|| "   ".into());
        let gap = d.gap.map(|g| format!("({g:.1})")).unwrap_or_default();
        let line = format!(
            "{mark}{} {:>4} {target} {gap}",
            pad(fw.domain(d.id).short_name.get(lang), name_w as usize),
            level(d.current),
        );
        put(buf, inner.x, y, &line, inner.width, theme.heading());
        if i == iv.advice_row {
            highlight(buf, inner, y, theme);
        }
        y += 1;
    }
    y += 1;
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
fn detail(
    advice: &Advice,
    domain: DomainId,
    lang: Lang,
    s: &UiStrings,
    theme: Theme,
) -> Vec<(String, Style)> {
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

fn draw_plan(
    buf: &mut Buffer,
    inner: Rect,
    iv: &Interview,
    advice: &Advice,
    lang: Lang,
    s: &UiStrings,
    theme: Theme,
) {
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
        .map(|p| p.moves.len() as u16 + 3)
        .collect();
    heights.iter_mut().for_each(|h| *h = (*h).max(3));
    let mut first = 0;
    while first < iv.advice_row && heights[first..=iv.advice_row].iter().sum::<u16>() > inner.height
    {
        first += 1;
    }
    for (i, phase) in advice.plan.iter().enumerate().skip(first) {
        if y >= inner.bottom() {
            break;
        }
        let title = fill(s.phase_title, &[&phase.number, &phase.start, &phase.end]);
        put(buf, inner.x, y, &title, inner.width, theme.title());
        if i == iv.advice_row {
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
