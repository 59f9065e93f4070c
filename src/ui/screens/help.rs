//! The help overlay: every key of the mode it was opened from (those the
//! person at the keys may use), from the same table as the hint line.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use super::super::ctx::Ctx;
use super::super::draw::paint::{boxed, clear, put, put_wrapped};
use super::super::keys::{
    Action, Binding, CTRL_C, DOWN, Key, Mode, Role, UP, bind, bindings, for_role,
};
use super::Overlay;
use crate::text::{UiStrings, fill, width};

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(
        all: &[C('?'), Code(KeyCode::Esc), C('q')],
        A::Back,
        key_close_help,
        hint_close
    ),
    bind!(all: UP, A::Up, key_up, hint_scroll_up),
    bind!(all: DOWN, A::Down, key_down, hint_scroll_down),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// A key on the help: scroll, or close it (`None`).
pub fn update(overlay: Overlay, action: Option<Action>) -> Option<Overlay> {
    let Overlay::Help { mode, mut scroll } = overlay else {
        return Some(overlay);
    };
    match action {
        Some(A::Up) => scroll = scroll.saturating_sub(1),
        Some(A::Down) => scroll = (scroll + 1).min(bindings(mode).len().saturating_sub(1)),
        Some(A::Back) => return None,
        _ => {}
    }
    Some(Overlay::Help { mode, scroll })
}

pub fn draw(buf: &mut Buffer, body: Rect, mode: Mode, scroll: usize, role: Role, cx: &Ctx) {
    let Ctx { s, theme, .. } = *cx;
    // Full width: a popup edge through a wide character garbles it.
    let area = Rect::new(body.x, body.y, body.width, body.height);
    clear(buf, area);
    let title = fill(s.help_title, &[&mode_name(mode, s)]);
    let inner = boxed(buf, area, &title, theme, true);
    let rows: Vec<(String, &str)> = for_role(bindings(mode), role)
        .map(|b| (b.keys_label(s), (b.label)(s)))
        .collect();
    let key_w = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0) as u16 + 2;
    let mut y = inner.y;
    let intro = if role == Role::Invited {
        s.help_intro_invited
    } else {
        s.help_intro
    };
    let intro_rows = put_wrapped(buf, inner, intro, theme.dim());
    y += intro_rows + 1;
    // scrolled no further than the last key at the bottom
    let room = usize::from(inner.bottom().saturating_sub(y));
    let scroll = scroll.min(rows.len().saturating_sub(room));
    for (shown, (keys, label)) in rows.iter().skip(scroll).enumerate() {
        if y >= inner.bottom() {
            break;
        }
        // cut: the last row says so, and how to see the rest
        let left = rows.len() - scroll - shown;
        if y + 1 == inner.bottom() && left > 1 {
            put(
                buf,
                inner.x + 1,
                y,
                &fill(s.help_more_below, &[&left]),
                inner.width.saturating_sub(1),
                theme.dim(),
            );
            y += 1;
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
    // Beside the 7 x 3 matrix, the CCID levels as another institute's
    // reference scale (issue 13).
    if mode == Mode::Matrix && y + 1 < inner.bottom() {
        let gap = if cx.lang == crate::core::Lang::Zh {
            ""
        } else {
            " "
        };
        let text = format!(
            "{}{gap}{}",
            s.help_reference_scale,
            crate::text::ccid_line(cx.lang)
        );
        let rest = Rect::new(
            inner.x + 1,
            y + 1,
            inner.width.saturating_sub(1),
            inner.bottom() - y - 1,
        );
        put_wrapped(buf, rest, &text, theme.dim());
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
        Mode::NoteEditor => s.ev.title_note_editor,
        Mode::Confirm => s.confirm_title,
        Mode::Help => s.key_help,
        Mode::Advice => s.title_advice,
        Mode::AdvicePlan => s.tab_plan,
        Mode::Stage => s.title_stage,
        Mode::Note => s.ev.title_note_help,
        Mode::Compare => s.title_compare,
        Mode::CountryPicker => s.w.title_country_picker,
        Mode::Details => s.w.hint_details,
        Mode::Assessments => s.w.hint_assessments,
        Mode::Trash => s.w.title_trash,
        Mode::Connected => s.w.title_connected,
        Mode::Invite | Mode::Invited => s.w.title_invite,
        Mode::Consensus => s.title_consensus,
    }
}
