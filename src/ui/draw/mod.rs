//! Drawing: the state in, a frame out, no side effects. This module draws
//! what is around every screen (the header, a read-only banner, the status
//! line, the hint line) and hands the body to the screen (each screen
//! draws itself, in `screens`); `paint` holds the shared painting helpers.
//! Below 80 x 24 the whole screen is a request for a larger window; at any
//! size down to 0 x 0 nothing panics (every write is clipped by `paint`).

pub mod paint;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;

use super::app::{App, Overlay, Screen};
use super::ctx::Ctx;
use super::keys::{Action, Mode, Role, bindings, for_role};
use super::screens::{confirm, help, note, stage};
use super::theme::Theme;
use crate::text::{UiStrings, fill, ui, width};
use paint::{fill_line, put, put_spans, put_wrapped, wrap};

/// The smallest window the interface is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The fewest columns the status line's message keeps, however long the
/// progress on its right.
const STATUS_LEFT_MIN: u16 = 24;
/// The most rows the status line grows to, to show a message in full.
const STATUS_ROWS_MAX: u16 = 4;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: Theme) {
    let area = frame.area();
    render(frame.buffer_mut(), area, app, theme);
}

/// Draws the whole screen into `buf`.
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: Theme) {
    let area = area.intersection(buf.area);
    let mut cx = Ctx::new(app.lang, theme, app.today);
    cx.scope = app.scope;
    let s = cx.s;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(buf, area, s, theme);
        return;
    }
    // A read-only profile says why on a row of its own, in full.
    let banner = app
        .screen
        .open()
        .and_then(|open| open.read_only.as_ref())
        .map(|reason| fill(s.read_only_banner, &[reason]));
    let banner_rows = banner
        .as_ref()
        .map(|b| (wrap(b, area.width as usize).len() as u16).min(2))
        .unwrap_or(0);
    let status_rows = status_height(app, area.width);
    let [header, rows, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banner_rows),
        Constraint::Fill(1),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    if let Some(banner) = &banner {
        for y in rows.top()..rows.bottom() {
            fill_line(buf, rows, y, theme.banner());
        }
        put_wrapped(buf, rows, banner, theme.banner());
    }
    draw_header(buf, header, app, &cx);
    // (the help covers the whole body: what is under it is not drawn)
    let covered = matches!(
        app.overlay,
        Some(Overlay::Help { .. } | Overlay::Stage { .. } | Overlay::Note { .. })
    );
    if !covered {
        app.screen.draw(buf, body, &app.home, &cx);
    }
    draw_status(buf, status, app, s, theme);
    // a hint for a key that does nothing on the screen as drawn is left
    // out (paging when every column fits)
    let applies = |action| app.overlay.is_some() || app.screen.hint_applies(action, body);
    draw_hints(buf, hints, app.mode(), app.role, s, theme, &applies);
    match &app.overlay {
        Some(Overlay::Help { mode, scroll }) => {
            help::draw(buf, body, *mode, *scroll, app.role, &cx)
        }
        Some(Overlay::Stage {
            domain,
            stage,
            scroll,
        }) => stage::draw(buf, body, *domain, *stage, *scroll, &cx),
        Some(Overlay::ConfirmTrash { id, name }) => confirm::draw(buf, body, id, name, &cx),
        Some(Overlay::ConfirmLeave { .. }) => {
            confirm::draw_question(buf, body, &fill(s.confirm_leave, &[&app.unsaved]), &cx)
        }
        Some(Overlay::Note {
            indicator,
            scroll,
            measure,
        }) => {
            if let Some(open) = app.screen.open() {
                note::draw(buf, body, open, indicator, *scroll, measure, &cx)
            }
        }
        Some(Overlay::ConfirmDiscard { .. }) => {
            confirm::draw_question(buf, body, s.ev.confirm_discard, &cx)
        }
        Some(Overlay::ConfirmRevoke { user, who }) => {
            confirm::draw_question(buf, body, &fill(s.w.confirm_revoke, &[who, user]), &cx)
        }
        Some(Overlay::ConfirmReplace { existing, .. }) => confirm::draw_question(
            buf,
            body,
            &fill(s.confirm_replace, &[&existing.join(", ")]),
            &cx,
        ),
        None => {}
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

fn draw_header(buf: &mut Buffer, area: Rect, app: &App, cx: &Ctx) {
    // Who is answering, on the right, whenever the assessment has
    // respondents; the title gives way to it.
    let who = app
        .screen
        .open()
        .and_then(|open| open.answering_label(cx.s))
        .map(|label| match app.screen {
            // where v switches, it says so (an invited respondent answers
            // only as itself)
            Screen::Walk(..) if app.role != Role::Invited => {
                format!(" {label}{} ", cx.s.answering_key)
            }
            _ => format!(" {label} "),
        });
    let who_w = who.as_deref().map(width).unwrap_or(0) as u16;
    put_spans(
        buf,
        area.x,
        area.y,
        &[
            Span::styled(" citydx ", cx.theme.title()),
            Span::styled(app.screen.title(cx), cx.theme.heading()),
        ],
        area.width.saturating_sub(who_w),
    );
    if let Some(who) = &who {
        put(
            buf,
            area.right().saturating_sub(who_w),
            area.y,
            who,
            who_w,
            cx.theme.key(),
        );
    }
}

/// The status line's right part: the progress and when the last save
/// happened.
fn status_right(app: &App, s: &UiStrings) -> String {
    let mut right = String::new();
    if let Some(open) = app.screen.open() {
        let (answered, total) = match app.scope {
            // a respondent's own questions only
            Some(scope) => crate::core::framework::framework()
                .indicators()
                .filter(|r| scope[r.domain.id.index()])
                .fold((0, 0), |(a, t), r| {
                    let done = open.assessment().answer(&r.indicator.id).is_answered();
                    (a + usize::from(done), t + 1)
                }),
            None => open.progress(),
        };
        right.push_str(&fill(s.progress, &[&answered, &total]));
        // unknown answers counted on their own: "19/100 answered, 3 unknown"
        // (left out while an error is shown, to leave it the room to be
        // read whole; it comes back with the next key)
        let unknown = open.unknown();
        if unknown > 0 && app.status.error.is_none() {
            right.push_str(&fill(s.ev.unknown_count, &[&unknown]));
        }
        let carried = open.assessment().carried_over_count();
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
    right
}

/// The columns left of the right part for the message: never under it.
fn status_left_width(columns: u16, right: &str) -> u16 {
    let right_w = width(right) as u16;
    let gap = if right_w > 0 { 2 } else { 0 };
    columns
        .saturating_sub(right_w + gap + 1)
        .max(STATUS_LEFT_MIN)
        .min(columns)
}

/// The status line grows (up to [`STATUS_ROWS_MAX`] rows) so an error or
/// a notice is shown in full beside the progress, never under it.
fn status_height(app: &App, columns: u16) -> u16 {
    let s = ui(app.lang);
    let error = app
        .status
        .error
        .as_ref()
        .map(|e| fill(s.error_prefix, &[e]));
    match error.or(app.status.info.clone()) {
        Some(text) => {
            let left = status_left_width(columns, &status_right(app, s));
            (wrap(&text, left as usize).len() as u16).clamp(1, STATUS_ROWS_MAX)
        }
        None => 1,
    }
}

fn draw_status(buf: &mut Buffer, area: Rect, app: &App, s: &UiStrings, theme: Theme) {
    let right = status_right(app, s);
    let right_w = width(&right) as u16;
    let left_w = status_left_width(area.width, &right);
    // the progress on the first row, right-aligned, in the columns the
    // message leaves (cut there on a very narrow window, never over it)
    let right_x = area
        .right()
        .saturating_sub(right_w + 1)
        .max(area.x + left_w + 1);
    put(
        buf,
        right_x,
        area.y,
        &right,
        area.right().saturating_sub(right_x + 1),
        theme.dim(),
    );
    // The message on the left, in full: wrapped over the rows it needs.
    let left = Rect::new(area.x, area.y, left_w, area.height);
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

/// The hint line: the mode's most used keys (those the person at the keys
/// may use), from the same key list as the help. The last column stays empty (a wide character there trips
/// ratatui's diff).
fn draw_hints(
    buf: &mut Buffer,
    area: Rect,
    mode: Mode,
    role: Role,
    s: &UiStrings,
    theme: Theme,
    applies: &dyn Fn(Action) -> bool,
) {
    let mut spans = Vec::new();
    for binding in for_role(bindings(mode), role) {
        if let Some(hint) = binding.hint
            && applies(binding.action)
        {
            spans.push(Span::styled(binding.keys[0].label_in(s), theme.key()));
            spans.push(Span::styled(format!(" {}  ", hint(s)), theme.dim()));
        }
    }
    put_spans(buf, area.x, area.y, &spans, area.width.saturating_sub(1));
}
