//! The interview: the seven domains on the left; on the right the stage
//! being walked (its description, its indicators, the selected one in
//! full), or the domain's summary; or the 7 x 3 matrix.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

use super::super::app::{EditTarget, Editor, Interview, SUMMARY_FIELDS, SUMMARY_PAGE, View};
use super::super::theme::{Theme, answer_mark};
use super::highlight;
use super::paint::{bar, boxed, put, put_spans, put_wrapped, wrap, wrapped_height};
use crate::core::framework::{DomainId, STAGES};
use crate::core::maturity::{REACHED, domain_maturity};
use crate::core::{Lang, framework};
use crate::text::{UiStrings, fill, pad, percent, strings, width};

const SIDE_W: u16 = 28;

pub fn draw(buf: &mut Buffer, area: Rect, iv: &Interview, lang: Lang, s: &UiStrings, theme: Theme) {
    if iv.view == View::Matrix {
        draw_matrix(buf, area, iv, lang, s, theme);
        return;
    }
    if iv.view == View::Advice {
        super::advice::draw(buf, area, iv, lang, s, theme);
        return;
    }
    let side = Rect::new(area.x, area.y, SIDE_W, area.height);
    let main = Rect::new(area.x + SIDE_W, area.y, area.width - SIDE_W, area.height);
    draw_domains(buf, side, iv, lang, s, theme);
    if iv.page >= SUMMARY_PAGE {
        draw_summary(buf, main, iv, lang, s, theme);
    } else {
        draw_stage(buf, main, iv, lang, s, theme);
    }
}

fn level_text(level: Option<f64>) -> String {
    level
        .map(|l| format!("{l:.1}"))
        .unwrap_or_else(|| "-".into())
}

fn draw_domains(
    buf: &mut Buffer,
    area: Rect,
    iv: &Interview,
    lang: Lang,
    s: &UiStrings,
    theme: Theme,
) {
    let inner = boxed(buf, area, s.domains_title, theme, false);
    let fw = framework();
    let mut y = inner.y;
    for (i, domain) in DomainId::ALL.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let m = domain_maturity(fw.domain(*domain), iv.assessment());
        let current = i == iv.domain;
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
        let mark = if p == iv.page { ">" } else { " " };
        put(
            buf,
            inner.x,
            y,
            &format!("{mark} {label}"),
            inner.width,
            if p == iv.page {
                theme.key()
            } else {
                theme.dim()
            },
        );
        y += 1;
    }
}

fn draw_stage(
    buf: &mut Buffer,
    area: Rect,
    iv: &Interview,
    lang: Lang,
    s: &UiStrings,
    theme: Theme,
) {
    let fw = framework();
    let domain = fw.domain(iv.domain_id());
    let stage = &domain.stages[iv.page];
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
    let editor_rows = if iv.editor.is_some() { 4 } else { 0 };
    let bottom = inner.bottom().saturating_sub(editor_rows);
    // the stage in one sentence
    y += put_wrapped(
        buf,
        Rect::new(inner.x, y, inner.width, 3),
        stage.summary.get(lang),
        theme.dim(),
    );
    y += 1;
    let answers = &iv.assessment().answers;
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
    let selected = stage.indicators.get(iv.selected);
    let answer_text = selected.and_then(|i| answers.get(&i.id)).map(|answer| {
        let mut line = fill(s.answer_line, &[&strings(lang).answer(answer.value)]);
        if let Some(note) = &answer.note {
            line.push_str(&fill(s.note_line, &[note]));
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
        } else if answer.and_then(|a| a.note.as_ref()).is_some() {
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
            if i == iv.selected {
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
    if let Some(editor) = &iv.editor {
        draw_editor(
            buf,
            Rect::new(inner.x, bottom, inner.width, editor_rows),
            editor,
            s,
            lang,
            theme,
        );
    }
}

fn editor_title(editor: &Editor, s: &UiStrings, lang: Lang) -> String {
    match &editor.target {
        EditTarget::Note(id) => {
            // "Services · Stage 2 · 1", as the list shows it, not the id
            let place = framework()
                .indicator(id)
                .map(|r| {
                    let n = r.domain.stages[usize::from(r.level) - 1]
                        .indicators
                        .iter()
                        .position(|i| i.id == *id)
                        .map(|p| p + 1)
                        .unwrap_or(0);
                    format!(
                        "{} · {} · {n}",
                        r.domain.short_name.get(lang),
                        s.stage_label(r.level)
                    )
                })
                .unwrap_or_else(|| id.clone());
            fill(s.editor_note, &[&place])
        }
        EditTarget::PhaseOwner(n) => fill(s.editor_phase_owner, &[n]),
        EditTarget::PhaseStart(n) => fill(s.editor_phase_start, &[n]),
        EditTarget::PhaseEnd(n) => fill(s.editor_phase_end, &[n]),
        EditTarget::ExportPath => s.editor_export.to_string(),
        EditTarget::TargetStage => s.field_target_stage.to_string(),
        EditTarget::Horizon => s.field_horizon.to_string(),
        EditTarget::Importance => s.field_importance.to_string(),
        EditTarget::OverrideLevel => s.editor_override_level.to_string(),
        EditTarget::OverrideReason => s.editor_override_reason.to_string(),
    }
}

pub(super) fn draw_editor(
    buf: &mut Buffer,
    area: Rect,
    editor: &Editor,
    s: &UiStrings,
    lang: Lang,
    theme: Theme,
) {
    let inner = boxed(buf, area, &editor_title(editor, s, lang), theme, true);
    if inner.height == 0 {
        return;
    }
    let input = &editor.input;
    let chars: Vec<char> = input.text.chars().collect();
    let cols = inner.width.saturating_sub(1) as usize;
    let start = input.scroll_start(cols);
    let shown: String = chars[start..].iter().collect();
    put(buf, inner.x, inner.y, &shown, inner.width, Style::new());
    let before: String = chars[start..input.cursor.min(chars.len())].iter().collect();
    let cx = inner.x + width(&before) as u16;
    let under = chars
        .get(input.cursor)
        .map(|c| c.to_string())
        .unwrap_or_else(|| " ".into());
    put(
        buf,
        cx,
        inner.y,
        &under,
        inner.right().saturating_sub(cx),
        theme.selected(),
    );
    if inner.height > 1 {
        let (text, style) = match &editor.error {
            Some(error) => (error.as_str(), theme.error()),
            None => (s.editor_hint, theme.dim()),
        };
        put(buf, inner.x, inner.y + 1, text, inner.width, style);
    }
}

fn draw_summary(
    buf: &mut Buffer,
    area: Rect,
    iv: &Interview,
    lang: Lang,
    s: &UiStrings,
    theme: Theme,
) {
    let fw = framework();
    let domain_id = iv.domain_id();
    let domain = fw.domain(domain_id);
    let title = format!("{} · {}", domain.short_name.get(lang), s.domain_summary);
    let inner = boxed(buf, area, &title, theme, true);
    let editor_rows = if iv.editor.is_some() { 4 } else { 0 };
    let bottom = inner.bottom().saturating_sub(editor_rows);
    let a = iv.assessment();
    let m = domain_maturity(domain, a);
    let mut y = inner.y;
    // how the level comes about
    let computed = match m.computed {
        Some(level) => fill(
            s.computed_level,
            &[&format!("{level:.2}"), &m.stages_reached()],
        ),
        None => s.not_assessed_long.to_string(),
    };
    put(buf, inner.x, y, &computed, inner.width, theme.heading());
    y += 1;
    for (i, score) in m.stage_scores.iter().enumerate() {
        let label = s.stage_label(i as u8 + 1);
        put(buf, inner.x + 2, y, &pad(label, 10), 10, theme.dim());
        match score {
            Some(score) => {
                bar(buf, inner.x + 13, y, 20, *score, theme);
                let reached = if *score >= REACHED { s.reached } else { "" };
                put(
                    buf,
                    inner.x + 35,
                    y,
                    &format!("{:>4} {reached}", percent(*score)),
                    inner.width.saturating_sub(35),
                    theme.heading(),
                );
            }
            None => {
                put(
                    buf,
                    inner.x + 13,
                    y,
                    s.no_scored_answer,
                    inner.width.saturating_sub(13),
                    theme.dim(),
                );
            }
        }
        y += 1;
    }
    y += 1;
    let target = a.targets.get(&domain_id);
    let values = [
        target
            .map(|t| t.stage.to_string())
            .unwrap_or_else(|| "-".into()),
        target
            .map(|t| fill(s.years, &[&t.horizon_years]))
            .unwrap_or_else(|| "-".into()),
        a.importance
            .get(&domain_id)
            .map(|i| format!("{i} / 5"))
            .unwrap_or_else(|| "-".into()),
        a.overrides
            .get(&domain_id)
            .map(|o| format!("{:.2} · {}", o.level, o.reason))
            .unwrap_or_else(|| s.no_override.to_string()),
    ];
    for (i, field) in SUMMARY_FIELDS.iter().enumerate() {
        if y >= bottom {
            break;
        }
        let label = match field {
            EditTarget::TargetStage => s.field_target_stage,
            EditTarget::Horizon => s.field_horizon,
            EditTarget::Importance => s.field_importance,
            _ => s.field_override,
        };
        put(buf, inner.x, y, &pad(label, 22), 22, theme.heading());
        let style = if i == 0 { theme.target() } else { Style::new() };
        put(
            buf,
            inner.x + 23,
            y,
            &values[i],
            inner.width.saturating_sub(23),
            style,
        );
        if i == iv.selected {
            highlight(buf, inner, y, theme);
        }
        y += 1;
    }
    y += 1;
    if y < bottom {
        let used = put_wrapped(
            buf,
            Rect::new(inner.x, y, inner.width, bottom - y),
            s.summary_help,
            theme.dim(),
        );
        y += used + 1;
    }
    // the target stage's description, so the official sees what it means
    // (a hand-edited profile may hold a stage outside 1 to 3: then there
    // is nothing to describe)
    if let Some(t) = target
        && y < bottom
        && let Some(stage) = domain.stages.get(usize::from(t.stage).wrapping_sub(1))
    {
        let text = fill(s.target_means, &[&t.stage, &stage.summary.get(lang)]);
        let rows = wrapped_height(&text, inner.width);
        put_wrapped(
            buf,
            Rect::new(inner.x, y, inner.width, rows.min(bottom - y)),
            &text,
            theme.dim(),
        );
    }
    if let Some(editor) = &iv.editor {
        draw_editor(
            buf,
            Rect::new(inner.x, bottom, inner.width, editor_rows),
            editor,
            s,
            lang,
            theme,
        );
    }
}

fn draw_matrix(
    buf: &mut Buffer,
    area: Rect,
    iv: &Interview,
    lang: Lang,
    s: &UiStrings,
    theme: Theme,
) {
    let fw = framework();
    let inner = boxed(buf, area, s.title_matrix, theme, true);
    let a = iv.assessment();
    let name_w: u16 = 17;
    let cell_w = inner.width.saturating_sub(name_w + 16) / 3;
    let mut y = inner.y;
    put(
        buf,
        inner.x,
        y,
        &pad(s.col_domain, name_w as usize),
        name_w,
        theme.heading(),
    );
    for level in 1..=STAGES {
        let name = fw.stage(level).map(|st| st.short.get(lang)).unwrap_or("");
        let x = inner.x + name_w + (u16::from(level) - 1) * cell_w;
        put(
            buf,
            x,
            y,
            s.stage_label(level),
            cell_w.saturating_sub(1),
            theme.heading(),
        );
        put(buf, x, y + 1, name, cell_w.saturating_sub(1), theme.dim());
    }
    put(
        buf,
        inner.x + name_w + 3 * cell_w,
        y,
        s.col_level_target,
        16,
        theme.heading(),
    );
    y += 2;
    for (row, domain_id) in DomainId::ALL.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let domain = fw.domain(*domain_id);
        let m = domain_maturity(domain, a);
        let target = a.targets.get(domain_id).map(|t| t.stage);
        put(
            buf,
            inner.x,
            y,
            domain.short_name.get(lang),
            name_w - 1,
            theme.heading(),
        );
        for (i, score) in m.stage_scores.iter().enumerate() {
            let x = inner.x + name_w + i as u16 * cell_w;
            let is_target = target == Some(i as u8 + 1);
            let pct = score
                .map(|sc| format!("{:>4}", percent(sc)))
                .unwrap_or_else(|| "  - ".into());
            let text = if is_target {
                format!("[{pct}]")
            } else {
                format!(" {pct} ")
            };
            let style = if is_target {
                theme.target()
            } else {
                Style::new()
            };
            put(buf, x, y, &text, 7, style);
            let bar_w = cell_w.saturating_sub(9);
            if let Some(sc) = score {
                bar(buf, x + 7, y, bar_w, *sc, theme);
            }
        }
        let level = m
            .level()
            .map(|l| format!("{l:.2}{}", if m.overridden.is_some() { "*" } else { "" }))
            .unwrap_or_else(|| "-".into());
        let goal = target.map(|t| format!(" -> {t}")).unwrap_or_default();
        put(
            buf,
            inner.x + name_w + 3 * cell_w,
            y,
            &format!("{level}{goal}"),
            16,
            theme.heading(),
        );
        if row == iv.matrix_row {
            highlight(buf, inner, y, theme);
        }
        y += 2;
    }
    if y < inner.bottom() {
        let legend_rows = wrap(s.matrix_legend, inner.width as usize).len() as u16;
        let ly = inner.bottom().saturating_sub(legend_rows);
        put_wrapped(
            buf,
            Rect::new(inner.x, ly.max(y), inner.width, inner.bottom() - ly.max(y)),
            s.matrix_legend,
            theme.dim(),
        );
    }
}
