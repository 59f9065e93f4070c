//! Drawing: the state in, a frame out, no side effects. Below 80 x 24 the
//! whole screen is a request for a larger window; at any size down to 0 x 0
//! nothing panics (every write is clipped by `paint`).

mod advice;
mod compare;
mod form;
mod home;
mod interview;
pub mod paint;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::app::{App, Overlay, Screen};
use super::keys::{Mode, bindings};
use super::theme::Theme;
use crate::text::{UiStrings, fill, ui, width};
use paint::{boxed, fill_line, put, put_spans, put_wrapped, wrap};

/// The smallest window the interface is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Columns kept on the status line's right for progress and save time.
const STATUS_RIGHT_W: u16 = 34;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: Theme) {
    let area = frame.area();
    render(frame.buffer_mut(), area, app, theme);
}

/// Draws the whole screen into `buf`.
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: Theme) {
    let area = area.intersection(buf.area);
    let s = ui(app.lang);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(buf, area, s, theme);
        return;
    }
    let header = Rect::new(area.x, area.y, area.width, 1);
    // A read-only profile says why on a row of its own, in full.
    let banner = match &app.screen {
        Screen::Interview(iv) => iv
            .read_only
            .as_ref()
            .map(|reason| fill(s.read_only_banner, &[reason])),
        _ => None,
    };
    let banner_rows = banner
        .as_ref()
        .map(|b| (wrap(b, area.width as usize).len() as u16).min(2))
        .unwrap_or(0);
    let status_rows = status_height(app, area.width);
    let body = Rect::new(
        area.x,
        area.y + 1 + banner_rows,
        area.width,
        area.height.saturating_sub(2 + banner_rows + status_rows),
    );
    let status = Rect::new(area.x, body.bottom(), area.width, status_rows);
    let hints = Rect::new(area.x, status.bottom(), area.width, 1);
    if let Some(banner) = &banner {
        let rows = Rect::new(area.x, area.y + 1, area.width, banner_rows);
        for y in rows.top()..rows.bottom() {
            fill_line(buf, rows, y, theme.banner());
        }
        put_wrapped(buf, rows, banner, theme.banner());
    }
    draw_header(buf, header, app, s, theme);
    // (the help covers the whole body: what is under it is not drawn)
    let covered = matches!(app.overlay, Some(Overlay::Help { .. }));
    match &app.screen {
        _ if covered => {}
        Screen::Home => home::draw(buf, body, app, s, theme),
        Screen::Form(form) => form::draw(buf, body, form, app.lang, s, theme),
        Screen::Interview(iv) => interview::draw(buf, body, iv, app.lang, s, theme),
        Screen::Compare(view) => compare::draw(buf, body, view, app.lang, s, theme),
    }
    draw_status(buf, status, app, s, theme);
    draw_hints(buf, hints, app.mode(), s, theme);
    match &app.overlay {
        Some(Overlay::Help { mode, scroll }) => draw_help(buf, body, *mode, *scroll, s, theme),
        Some(Overlay::ConfirmTrash { id, name }) => {
            let text = fill(s.confirm_trash, &[name, id]);
            let rows = wrap(&text, body.width.saturating_sub(4) as usize).len() as u16 + 2;
            let popup = Rect::new(
                body.x,
                body.y + body.height / 3,
                body.width,
                rows.min(body.height),
            );
            clear(buf, popup);
            let inner = boxed(buf, popup, s.confirm_title, theme, true);
            put_wrapped(buf, inner, &text, theme.heading());
        }
        None => {}
    }
}

fn clear(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.reset();
            }
        }
    }
}

fn too_small(buf: &mut Buffer, area: Rect, s: &UiStrings, theme: Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let lines = [
        s.too_small.to_string(),
        fill(
            s.too_small_size,
            &[&area.width, &area.height, &MIN_WIDTH, &MIN_HEIGHT],
        ),
        s.too_small_need.to_string(),
    ];
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, line) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let w = width(line) as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        put(
            buf,
            x,
            y,
            line,
            area.right() - x,
            if i == 0 {
                theme.error()
            } else {
                theme.heading()
            },
        );
    }
}

fn draw_header(buf: &mut Buffer, area: Rect, app: &App, s: &UiStrings, theme: Theme) {
    let title = match &app.screen {
        Screen::Home => s.title_home.to_string(),
        Screen::Form(_) => s.title_form.to_string(),
        Screen::Compare(view) if view.timeline => format!(
            "{} · {}",
            s.title_timeline,
            view.comparison
                .columns
                .first()
                .map(|c| c.name.get(app.lang))
                .unwrap_or("")
        ),
        Screen::Compare(_) => s.title_compare.to_string(),
        Screen::Interview(iv) => {
            let view = match iv.view {
                super::app::View::Matrix => s.title_matrix,
                super::app::View::Advice => s.title_advice,
                super::app::View::Walk => s.title_interview,
            };
            let a = iv.assessment();
            format!(
                "{view} · {} · {} · {}",
                iv.profile.city.name.get(app.lang),
                a.date,
                fill(
                    s.assessment_number,
                    &[&(iv.assessment + 1), &iv.profile.assessments.len()]
                )
            )
        }
    };
    put_spans(
        buf,
        area.x,
        area.y,
        &[
            Span::styled(" citydx ", theme.title()),
            Span::styled(title, theme.heading()),
        ],
        area.width,
    );
}

/// The status line grows to three rows so an error or a notice is shown in
/// full.
fn status_height(app: &App, columns: u16) -> u16 {
    let error = app
        .status
        .error
        .as_ref()
        .map(|e| fill(ui(app.lang).error_prefix, &[e]));
    match error.or(app.status.info.clone()) {
        Some(text) => {
            (wrap(&text, columns.saturating_sub(STATUS_RIGHT_W) as usize).len() as u16).clamp(1, 3)
        }
        None => 1,
    }
}

fn draw_status(buf: &mut Buffer, area: Rect, app: &App, s: &UiStrings, theme: Theme) {
    let mut right = String::new();
    if let Screen::Interview(iv) = &app.screen {
        let (answered, total) = iv.progress();
        right.push_str(&fill(s.progress, &[&answered, &total]));
        let carried = iv.assessment().carried_over_count();
        if carried > 0 {
            right.push_str(" · ");
            right.push_str(&fill(s.to_confirm, &[&carried]));
        }
    }
    if let Some(at) = &app.status.saved_at {
        if !right.is_empty() {
            right.push_str(" · ");
        }
        right.push_str(&fill(s.saved_at, &[at]));
    }
    let right_w = width(&right) as u16;
    put(
        buf,
        area.right().saturating_sub(right_w + 1),
        area.y,
        &right,
        right_w,
        theme.dim(),
    );
    // The message on the left, in full: wrapped over up to three rows.
    let left = Rect::new(
        area.x,
        area.y,
        area.width.saturating_sub(STATUS_RIGHT_W),
        area.height,
    );
    if let Some(error) = &app.status.error {
        put_wrapped(buf, left, &fill(s.error_prefix, &[error]), theme.error());
    } else if let Some(info) = &app.status.info {
        put_wrapped(buf, left, info, theme.ok());
    } else if let Screen::Home = app.screen
        && !app.home.marked.is_empty()
    {
        put_wrapped(
            buf,
            left,
            &fill(s.marked_count, &[&app.home.marked.len()]),
            theme.dim(),
        );
    }
}

/// The hint line: the mode's most used keys, from the same key list as the
/// help. The last column stays empty (a wide character there trips
/// ratatui's diff).
fn draw_hints(buf: &mut Buffer, area: Rect, mode: Mode, s: &UiStrings, theme: Theme) {
    let mut spans = Vec::new();
    for binding in bindings(mode) {
        if let Some(hint) = binding.hint {
            spans.push(Span::styled(binding.keys[0].label(), theme.key()));
            spans.push(Span::styled(format!(" {}  ", hint(s)), theme.dim()));
        }
    }
    put_spans(buf, area.x, area.y, &spans, area.width.saturating_sub(1));
}

fn draw_help(buf: &mut Buffer, body: Rect, mode: Mode, scroll: usize, s: &UiStrings, theme: Theme) {
    // Full width: a popup edge through a wide character garbles it.
    let area = Rect::new(body.x, body.y, body.width, body.height);
    clear(buf, area);
    let title = fill(s.help_title, &[&mode_name(mode, s)]);
    let inner = boxed(buf, area, &title, theme, true);
    let rows: Vec<(String, &str)> = bindings(mode)
        .iter()
        .map(|b| (b.keys_label(), (b.label)(s)))
        .collect();
    let key_w = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0) as u16 + 2;
    let mut y = inner.y;
    let intro_rows = put_wrapped(buf, inner, s.help_intro, theme.dim());
    y += intro_rows + 1;
    let scroll = scroll.min(rows.len().saturating_sub(1));
    for (keys, label) in rows.iter().skip(scroll) {
        if y >= inner.bottom() {
            break;
        }
        put(buf, inner.x + 1, y, keys, key_w, theme.key());
        put(
            buf,
            inner.x + 1 + key_w,
            y,
            label,
            inner.width.saturating_sub(key_w + 1),
            theme.heading(),
        );
        y += 1;
    }
}

pub fn mode_name(mode: Mode, s: &UiStrings) -> &str {
    match mode {
        Mode::Home | Mode::HomeFilter => s.title_home,
        Mode::Form => s.title_form,
        Mode::Interview => s.title_interview,
        Mode::DomainSummary => s.domain_summary,
        Mode::Matrix => s.title_matrix,
        Mode::Editor => s.title_editor,
        Mode::Confirm => s.confirm_title,
        Mode::Help => s.key_help,
        Mode::Advice => s.title_advice,
        Mode::Compare => s.title_compare,
    }
}

/// Selected-row helper shared by the screens.
pub fn highlight(buf: &mut Buffer, area: Rect, y: u16, theme: Theme) {
    fill_line(buf, area, y, theme.selected());
}
