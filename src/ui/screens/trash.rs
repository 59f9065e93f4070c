//! The trash, inside the tool: the profiles moved there whole and the
//! assessments deleted from a profile, newest first; Enter puts the
//! selected one back (a profile to its file, never over another; an
//! assessment into its profile, through the core, among the others by
//! date). The runtime reads and restores; this screen only asks.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{boxed, highlight, put, put_wrapped};
use super::super::keys::{
    Action, Binding, CONSULTANT, CTRL_C, DOWN, ENTER, HELP, Key, LANG, UP, bind,
};
use super::Screen;
use crate::store::{TrashItem, TrashKind};
use crate::text::fill;

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    Binding {
        keys: ENTER,
        action: A::Select,
        label: |s| s.w.key_restore,
        hint: Some(|s| s.w.hint_restore),
        roles: CONSULTANT,
    },
    bind!(HELP, A::Help, key_help, hint_help),
    bind!(LANG, A::SwitchLanguage, key_language),
    bind!(&[C('q'), Code(KeyCode::Esc)], A::Quit, key_home, hint_home),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

#[derive(Debug, Clone, Default)]
pub struct TrashView {
    pub items: Vec<TrashItem>,
    pub selected: usize,
    pub loaded: bool,
}

/// The trash screen, its list asked for.
pub fn show() -> (Screen, Vec<Effect>) {
    (Screen::Trash(Box::default()), vec![Effect::ListTrash])
}

/// The list arrived.
pub fn listed(view: &mut TrashView, items: Vec<TrashItem>) {
    view.items = items;
    view.loaded = true;
    view.selected = view.selected.min(view.items.len().saturating_sub(1));
}

pub fn update(
    mut view: Box<TrashView>,
    cx: &mut Cx<'_>,
    action: Option<Action>,
) -> (Screen, Vec<Effect>) {
    let n = view.items.len();
    match action {
        Some(A::Up) => view.selected = view.selected.saturating_sub(1),
        Some(A::Down) => view.selected = (view.selected + 1).min(n.saturating_sub(1)),
        Some(A::Select) => {
            if let Some(item) = view.items.get(view.selected) {
                return (
                    Screen::Trash(view.clone()),
                    vec![
                        Effect::Restore(Box::new(item.clone())),
                        Effect::ListTrash,
                        Effect::List,
                    ],
                );
            }
        }
        Some(A::Quit) => return (Screen::Home, vec![Effect::List]),
        _ => {}
    }
    let _ = cx;
    (Screen::Trash(view), vec![])
}

/// A trashed file's time (`20261203T081500...`) as people read it.
fn when(stamp: &str) -> String {
    let d = stamp.get(..15).unwrap_or(stamp);
    match (
        d.get(..4),
        d.get(4..6),
        d.get(6..8),
        d.get(9..11),
        d.get(11..13),
    ) {
        (Some(y), Some(m), Some(day), Some(h), Some(min)) => format!("{y}-{m}-{day} {h}:{min}"),
        _ => stamp.to_string(),
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, view: &TrashView, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let inner = boxed(buf, area, s.w.title_trash, theme, true);
    let mut y = inner.y;
    y += put_wrapped(
        buf,
        Rect::new(inner.x, y, inner.width, 2),
        s.w.trash_intro,
        theme.dim(),
    );
    if !view.loaded {
        put(buf, inner.x, y, s.loading, inner.width, theme.dim());
        return;
    }
    if view.items.is_empty() {
        put(buf, inner.x, y, s.w.trash_empty, inner.width, theme.dim());
        return;
    }
    let rows = inner.bottom().saturating_sub(y) as usize;
    let first = view.selected.saturating_sub(rows.saturating_sub(1));
    for (i, item) in view.items.iter().enumerate().skip(first).take(rows) {
        let name = item.name.get(lang);
        let line = match &item.kind {
            TrashKind::Profile => fill(
                s.w.trash_profile_row,
                &[&name, &item.profile, &when(&item.when)],
            ),
            TrashKind::Assessment { date, number, .. } => fill(
                s.w.trash_assessment_row,
                &[&name, number, date, &when(&item.when)],
            ),
        };
        put(buf, inner.x, y, &line, inner.width, theme.heading());
        if i == view.selected {
            highlight(buf, inner, y, theme);
        }
        y += 1;
    }
}
