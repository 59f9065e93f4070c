//! The new-profile form: one line per field (respondents: one line each),
//! errors beside their field.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::form::{FieldId, FieldKind, Form, LEVELS, ORGANISATIONS};
use super::super::input::TextInput;
use super::super::theme::Theme;
use super::paint::{boxed, put};
use crate::core::Lang;
use crate::core::profile::Specialty;
use crate::text::{UiStrings, fill, pad, strings, width};

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
            let under = chars
                .get(input.cursor)
                .map(|c| c.to_string())
                .unwrap_or_else(|| " ".into());
            put(buf, cx, y, &under, x + cols - cx, theme.selected());
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

pub fn draw(buf: &mut Buffer, area: Rect, form: &Form, lang: Lang, s: &UiStrings, theme: Theme) {
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
