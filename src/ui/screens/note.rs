//! The selected indicator's note in full, over the interview (`N`): the
//! indicator, its answer, the note with its line breaks, and each
//! respondent's own note. Scrolls by line and by page; Esc, q or `N`
//! closes it. (The stage page shows the note only as far as it fits.)

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use super::super::ctx::Ctx;
use super::super::draw::paint::{boxed, clear, put, wrap};
use super::super::keys::{Action, Binding, CTRL_C, DOWN, EVERYONE, Key, UP, bind};
use super::{Open, Overlay};
use crate::core::framework::framework;
use crate::text::{fill, strings};

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    Binding {
        keys: &[C('N'), Code(KeyCode::Esc), C('q')],
        action: A::Back,
        label: |s| s.ev.key_close_viewer,
        hint: Some(|s| s.hint_close),
        roles: EVERYONE,
    },
    bind!(all: UP, A::Up, key_up, hint_scroll_up),
    bind!(all: DOWN, A::Down, key_down, hint_scroll_down),
    Binding {
        keys: &[Code(KeyCode::PageUp)],
        action: A::PageUp,
        label: |s| s.ev.key_page_up,
        hint: None,
        roles: EVERYONE,
    },
    Binding {
        keys: &[Code(KeyCode::PageDown), C(' ')],
        action: A::PageDown,
        label: |s| s.ev.key_page_down,
        hint: None,
        roles: EVERYONE,
    },
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// What the last drawing measured: the rows a page holds and the furthest
/// the text scrolls (the keys move by these).
#[derive(Debug, Clone, Default)]
pub struct Measure {
    pub page: Cell<usize>,
    pub max_scroll: Cell<usize>,
}

/// A key on the note in full: scroll, or close it (`None`).
pub fn update(overlay: Overlay, action: Option<Action>) -> Option<Overlay> {
    let Overlay::Note {
        indicator,
        mut scroll,
        measure,
    } = overlay
    else {
        return Some(overlay);
    };
    let page = measure.page.get().max(1);
    let max = measure.max_scroll.get();
    match action {
        Some(A::Up) => scroll = scroll.saturating_sub(1),
        Some(A::Down) => scroll += 1,
        Some(A::PageUp) => scroll = scroll.saturating_sub(page),
        Some(A::PageDown) => scroll += page,
        Some(A::Back) => return None,
        _ => {}
    }
    Some(Overlay::Note {
        indicator,
        scroll: scroll.min(max),
        measure,
    })
}

/// The lines shown, wrapped to `width`, and whether each is a heading:
/// the indicator, its answer, the note, each respondent's note.
pub fn lines(open: &Open, indicator: &str, width: usize, cx: &Ctx) -> Vec<(String, bool)> {
    let (lang, s) = (cx.lang, cx.s);
    let mut out = vec![];
    let mut para = |text: &str, strong: bool| {
        out.extend(wrap(text, width).into_iter().map(|l| (l, strong)));
        out.push((String::new(), false));
    };
    if let Some(found) = framework().indicator(indicator) {
        para(found.indicator.text.get(lang), true);
    }
    let a = open.assessment();
    let answer = a.answers.get(indicator);
    let value = answer
        .map(|x| x.value)
        .unwrap_or(crate::core::profile::AnswerValue::Unknown);
    para(&fill(s.answer_line, &[&strings(lang).answer(value)]), true);
    match answer.and_then(|x| x.note_in(lang)) {
        Some(note) => para(note, false),
        None => para(s.ev.note_viewer_empty, false),
    }
    for r in &a.respondents {
        let voice = answer.and_then(|x| x.voices.get(&r.id));
        if let Some(note) = voice
            .and_then(|v| v.note.as_deref())
            .filter(|n| !n.is_empty())
        {
            para(&r.name, true);
            para(note, false);
        }
    }
    out.pop();
    out
}

pub fn draw(
    buf: &mut Buffer,
    body: Rect,
    open: &Open,
    indicator: &str,
    scroll: usize,
    measure: &Measure,
    cx: &Ctx,
) {
    let Ctx { s, theme, .. } = *cx;
    // Full width: a popup edge through a wide character garbles it.
    clear(buf, body);
    let title = fill(s.ev.title_note_viewer, &[&place(indicator, cx)]);
    let inner = boxed(buf, body, &title, theme, true);
    if inner.height == 0 {
        return;
    }
    let width = inner.width.saturating_sub(1) as usize;
    let all = lines(open, indicator, width, cx);
    // the last row says when more is below
    let rows = usize::from(inner.height).saturating_sub(1).max(1);
    let max = all.len().saturating_sub(rows);
    measure.page.set(rows);
    measure.max_scroll.set(max);
    let scroll = scroll.min(max);
    for (k, (line, strong)) in all.iter().skip(scroll).take(rows).enumerate() {
        let style = if *strong {
            theme.heading()
        } else {
            ratatui::style::Style::new()
        };
        put(
            buf,
            inner.x + 1,
            inner.y + k as u16,
            line,
            inner.width.saturating_sub(1),
            style,
        );
    }
    if inner.height > 1 {
        let foot = if scroll < max {
            format!("{}  {}", s.ev.note_more_below, s.ev.note_viewer_hint)
        } else {
            s.ev.note_viewer_hint.to_string()
        };
        put(
            buf,
            inner.x + 1,
            inner.bottom() - 1,
            &foot,
            inner.width.saturating_sub(1),
            theme.key(),
        );
    }
}

/// "Services · Stage 1 · 2", as the list shows it.
fn place(id: &str, cx: &Ctx) -> String {
    framework()
        .indicator(id)
        .map(|r| {
            let n = r.domain.stages[usize::from(r.level) - 1]
                .indicators
                .iter()
                .position(|i| i.id == *id)
                .map_or(0, |p| p + 1);
            format!(
                "{} · {} · {n}",
                r.domain.short_name.get(cx.lang),
                cx.s.stage_label(r.level)
            )
        })
        .unwrap_or_else(|| id.to_string())
}
