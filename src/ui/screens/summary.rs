//! A domain's summary, the last page of its walk: how its level comes
//! about, the consultant's override with its reason, the target stage and
//! horizon, the importance. Enter edits the selected field; a digit sets
//! the target or the importance at once.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{bar, boxed, highlight, put, put_wrapped, wrapped_height};
use super::super::keys::{
    Action, Binding, CTRL_C, DOWN, ENTER, HELP, Key, LANG, LEFT, RIGHT, Role, UP, bind,
};
use super::Screen;
use super::editor::{self, Edit, EditTarget, Editor};
use super::open::Open;
use super::walk::{self, Walk, draw_domains, split};
use crate::core::framework;
use crate::core::framework::STAGES;
use crate::core::maturity::{REACHED, domain_maturity};
use crate::core::ops::Op;
use crate::core::profile::MAX_HORIZON_YEARS;
use crate::text::{fill, pad, percent};
use ratatui::style::Style;

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(all: UP, A::Up, key_up),
    bind!(all: DOWN, A::Down, key_down),
    bind!(ENTER, A::EditField, key_edit_field, hint_edit),
    bind!(all: LEFT, A::Left, key_prev_stage),
    bind!(all: RIGHT, A::Right, key_next_stage),
    bind!(all: &[C(']')], A::NextDomain, key_next_domain, hint_next_domain),
    bind!(all: &[C('[')], A::PrevDomain, key_prev_domain),
    bind!(&[C('m')], A::Matrix, key_matrix, hint_matrix),
    bind!(&[C('r')], A::Advice, key_advice, hint_advice),
    bind!(all: HELP, A::Help, key_help, hint_help),
    bind!(all: LANG, A::SwitchLanguage, key_language),
    bind!(all: &[C('q'), Code(KeyCode::Esc)], A::Quit, key_home, hint_home),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// The fields of a domain's summary page, in order.
pub const SUMMARY_FIELDS: [EditTarget; 4] = [
    EditTarget::TargetStage,
    EditTarget::Horizon,
    EditTarget::Importance,
    EditTarget::OverrideLevel,
];

/// Pages of a domain: its three stages, then its summary.
pub const SUMMARY_PAGE: usize = STAGES as usize;

/// Horizon given to a new target until the consultant sets one.
pub const DEFAULT_HORIZON_YEARS: u8 = 3;

pub fn update(
    mut open: Box<Open>,
    mut walk: Walk,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> (Screen, Vec<Effect>) {
    let field = SUMMARY_FIELDS[walk.selected.min(SUMMARY_FIELDS.len() - 1)].clone();
    if let Some(editor) = &mut walk.editor {
        let effects = match editor.handle(action, key) {
            Edit::Cancel => {
                walk.editor = None;
                walk.pending_override = None;
                vec![]
            }
            Edit::Submit(text) => {
                let target = editor.target.clone();
                apply(&mut open, &mut walk, cx, target, &text)
            }
            Edit::Typed | Edit::Nothing => vec![],
        };
        return (walk::at(open, walk), effects);
    }
    let Some(action) = action else {
        // a digit sets the target stage or the importance at once
        let digit = match key.code {
            KeyCode::Char(c) => c.to_digit(10),
            _ => None,
        };
        let effects = match digit {
            Some(digit)
                if cx.role == Role::Consultant
                    && matches!(field, EditTarget::TargetStage | EditTarget::Importance) =>
            {
                apply(&mut open, &mut walk, cx, field, &digit.to_string())
            }
            _ => vec![],
        };
        return (walk::at(open, walk), effects);
    };
    if action != A::EditField {
        return walk::shared(open, walk, action);
    }
    if open.writable(cx) {
        let domain = walk.domain_id();
        let a = open.assessment();
        let current = match field {
            EditTarget::TargetStage => a.targets.get(&domain).map(|t| t.stage.to_string()),
            EditTarget::Horizon => a.targets.get(&domain).map(|t| t.horizon_years.to_string()),
            EditTarget::Importance => a.importance.get(&domain).map(|i| i.to_string()),
            EditTarget::OverrideLevel => a.overrides.get(&domain).map(|o| format!("{}", o.level)),
            _ => None,
        };
        walk.editor = Some(Editor::new(field, current.unwrap_or_default()));
    }
    (walk::at(open, walk), vec![])
}

/// Sets a field of the open assessment from text; on a bad value the
/// editor stays open with the reason (or, for a digit typed without an
/// editor, the status line says it).
fn apply(
    open: &mut Open,
    walk: &mut Walk,
    cx: &mut Cx<'_>,
    target: EditTarget,
    text: &str,
) -> Vec<Effect> {
    let s = cx.s;
    if open.read_only.is_some() {
        walk.editor = None;
        return vec![];
    }
    let domain = walk.domain_id();
    let text = text.trim();
    let number = |max: u32| -> Result<Option<u8>, String> {
        if text.is_empty() {
            return Ok(None);
        }
        // "5", "5 years", "5年": the number is what counts
        let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = text[digits.len()..].trim().to_lowercase();
        let unit_ok = ["", "y", "yr", "yrs", "year", "years", "年"].contains(&rest.as_str());
        let digits = if unit_ok { digits } else { String::new() };
        match digits.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Ok(Some(n as u8)),
            _ => Err(fill(s.error_number_range, &[&1, &max])),
        }
    };
    // The text is read here (a number, "5 years", "5年"); the rules (1 to
    // 3, 1 to 30, 1 to 5, 0.0 to 3.0 with a reason) are the core's, the
    // same `validate` checks.
    let assessment = open.assessment_id();
    // the horizon in years ("3") or as the year aimed at ("2028"): both
    // kept, the year as the target's own (carried as it is to the next
    // assessment)
    if target == EditTarget::Horizon {
        let year = text
            .trim_end_matches('年')
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|y| *y >= 1000);
        let ops = match year {
            Some(year) => {
                let assessed = open.assessment().date.year();
                let years = i32::from(year) - assessed;
                if !(1..=i32::from(MAX_HORIZON_YEARS)).contains(&years) {
                    let error = fill(
                        s.w.error_target_year,
                        &[&(assessed + 1), &(assessed + i32::from(MAX_HORIZON_YEARS))],
                    );
                    if let Some(editor) = &mut walk.editor {
                        editor.error = Some(error);
                    }
                    return vec![];
                }
                vec![
                    Op::SetHorizon {
                        assessment: assessment.clone(),
                        domain,
                        years: years as u8,
                    },
                    Op::SetTargetYear {
                        assessment: assessment.clone(),
                        domain,
                        year: Some(year),
                    },
                ]
            }
            None => {
                let had_year = open
                    .assessment()
                    .targets
                    .get(&domain)
                    .is_some_and(|t| t.target_year.is_some());
                match number(u32::from(MAX_HORIZON_YEARS)) {
                    Ok(Some(years)) => {
                        let mut ops = vec![Op::SetHorizon {
                            assessment: assessment.clone(),
                            domain,
                            years,
                        }];
                        // the years now say when: a year set before goes
                        if had_year {
                            ops.push(Op::SetTargetYear {
                                assessment: assessment.clone(),
                                domain,
                                year: None,
                            });
                        }
                        ops
                    }
                    _ => {
                        if let Some(editor) = &mut walk.editor {
                            editor.error =
                                Some(fill(s.error_number_range, &[&1, &MAX_HORIZON_YEARS]));
                        }
                        return vec![];
                    }
                }
            }
        };
        return match open.profile.apply_all(&ops) {
            Ok(()) => {
                walk.editor = None;
                vec![open.save_ops(ops, None)]
            }
            Err(e) => {
                let error = e.message(cx.lang);
                match &mut walk.editor {
                    Some(editor) => editor.error = Some(error),
                    None => cx.status.error = Some(error),
                }
                vec![]
            }
        };
    }
    let op: Result<Op, String> = match &target {
        EditTarget::TargetStage => number(u32::from(STAGES)).map(|stage| Op::SetTarget {
            assessment,
            domain,
            stage,
        }),
        EditTarget::Horizon => number(u32::from(MAX_HORIZON_YEARS)).and_then(|years| match years {
            Some(years) => Ok(Op::SetHorizon {
                assessment,
                domain,
                years,
            }),
            None => Err(fill(s.error_number_range, &[&1, &MAX_HORIZON_YEARS])),
        }),
        EditTarget::Importance => number(5).map(|importance| Op::SetImportance {
            assessment,
            domain,
            importance,
        }),
        EditTarget::OverrideLevel => {
            if text.is_empty() {
                Ok(Op::ClearOverride { assessment, domain })
            } else {
                match text.replace(',', ".").parse::<f64>() {
                    Ok(level) if (0.0..=f64::from(STAGES)).contains(&level) => {
                        // the reason next, in its own editor
                        walk.pending_override = Some(level);
                        let reason = open
                            .assessment()
                            .overrides
                            .get(&domain)
                            .map(|o| o.reason.clone())
                            .unwrap_or_default();
                        walk.editor = Some(Editor::new(EditTarget::OverrideReason, reason));
                        return vec![];
                    }
                    _ => Err(s.error_level_range.to_string()),
                }
            }
        }
        EditTarget::OverrideReason => match walk.pending_override {
            Some(level) => Ok(Op::SetOverride {
                assessment,
                domain,
                level,
                reason: text.to_string(),
            }),
            None => {
                walk.editor = None;
                return vec![];
            }
        },
        _ => {
            walk.editor = None;
            return vec![];
        }
    };
    let result = op.and_then(|op| open.apply(op, cx.lang));
    match result {
        Ok(save) => {
            walk.editor = None;
            walk.pending_override = None;
            vec![save]
        }
        Err(error) => {
            match &mut walk.editor {
                Some(editor) => editor.error = Some(error),
                None => cx.status.error = Some(error),
            }
            vec![]
        }
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, open: &Open, walk: &Walk, cx: &Ctx) {
    let (side, main) = split(area);
    draw_domains(buf, side, open, walk, cx);
    draw_summary(buf, main, open, walk, cx);
}

pub(super) fn draw_summary(buf: &mut Buffer, area: Rect, open: &Open, walk: &Walk, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let fw = framework();
    let domain_id = walk.domain_id();
    let domain = fw.domain(domain_id);
    let title = format!("{} · {}", domain.short_name.get(lang), s.domain_summary);
    let inner = boxed(buf, area, &title, theme, true);
    let editor_rows = if walk.editor.is_some() {
        editor::ROWS
    } else {
        0
    };
    let bottom = inner.bottom().saturating_sub(editor_rows);
    let a = open.assessment();
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
    // the domain's progress, unknown answers counted on their own
    let mut progress = fill(s.progress, &[&m.answered, &m.total]);
    if m.unknown > 0 {
        progress.push_str(&fill(s.ev.unknown_count, &[&m.unknown]));
    }
    put(
        buf,
        inner.x + 2,
        y,
        &progress,
        inner.width.saturating_sub(2),
        theme.dim(),
    );
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
            .map(|t| match t.target_year {
                Some(year) => fill(s.w.years_to, &[&t.horizon_years, &year]),
                None => fill(s.years, &[&t.horizon_years]),
            })
            .unwrap_or_else(|| "-".into()),
        a.importance
            .get(&domain_id)
            .map(|i| format!("{i} / 5"))
            .unwrap_or_else(|| "-".into()),
        a.overrides
            .get(&domain_id)
            .map(|o| format!("{:.2} · {}", o.level, o.reason_in(cx.lang)))
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
        if i == walk.selected {
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
    if let Some(editor) = &walk.editor {
        editor::draw(
            buf,
            Rect::new(inner.x, bottom, inner.width, editor_rows),
            editor,
            cx,
        );
    }
}
