//! The yes/no questions: before a profile goes to the trash, before
//! leaving changes not yet saved, before an export replaces files.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use super::super::app::Effect;
use super::super::ctx::Ctx;
use super::super::draw::paint::{boxed, clear, put_wrapped, wrap};
use super::super::keys::{Action, Binding, CTRL_C, Key, bind};
use super::home::Home;
use crate::text::fill;

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(
        &[C('y'), Code(KeyCode::Enter)],
        A::Confirm,
        key_yes,
        key_yes
    ),
    bind!(&[C('n'), Code(KeyCode::Esc)], A::Deny, key_no, key_no),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// A key on the question about trashing `id`: `None` when it is answered.
pub fn update(id: &str, home: &mut Home, action: Option<Action>) -> Option<Vec<Effect>> {
    match action {
        Some(A::Confirm) => {
            home.marked.remove(id);
            Some(vec![Effect::Trash(id.to_string()), Effect::List])
        }
        Some(A::Deny) => Some(vec![]),
        _ => None,
    }
}

pub fn draw(buf: &mut Buffer, body: Rect, id: &str, name: &str, cx: &Ctx) {
    draw_question(buf, body, &fill(cx.s.confirm_trash, &[&name, &id]), cx);
}

/// Any yes/no question, in a box over the screen.
pub fn draw_question(buf: &mut Buffer, body: Rect, text: &str, cx: &Ctx) {
    let s = cx.s;
    let rows = wrap(text, body.width.saturating_sub(4) as usize).len() as u16 + 2;
    let popup = Rect::new(
        body.x,
        body.y + body.height / 3,
        body.width,
        rows.min(body.height),
    );
    clear(buf, popup);
    let inner = boxed(buf, popup, s.confirm_title, cx.theme, true);
    put_wrapped(buf, inner, text, cx.theme.heading());
}
