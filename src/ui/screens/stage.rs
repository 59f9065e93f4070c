//! A stage in full, over the interview (`w`): the domain's stage summary
//! whole (the stage page shows three rows of it, cut at 80 x 24), what the
//! stage means in general, and each aspect of the domain at that stage.
//! Scrolls; Esc, q or w closes it.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use super::super::ctx::Ctx;
use super::super::draw::paint::{boxed, clear, put, put_wrapped, wrap};
use super::super::keys::{Action, Binding, CTRL_C, DOWN, Key, UP, bind};
use super::Overlay;
use crate::core::framework::{DomainId, framework};
use crate::text::fill;

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(
        all: &[C('w'), Code(KeyCode::Esc), C('q')],
        A::Back,
        key_close_stage,
        hint_close
    ),
    bind!(all: UP, A::Up, key_up, hint_scroll_up),
    bind!(all: DOWN, A::Down, key_down, hint_scroll_down),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// A key on the stage in full: scroll, or close it (`None`).
pub fn update(overlay: Overlay, action: Option<Action>) -> Option<Overlay> {
    let Overlay::Stage {
        domain,
        stage,
        mut scroll,
    } = overlay
    else {
        return Some(overlay);
    };
    match action {
        Some(A::Up) => scroll = scroll.saturating_sub(1),
        Some(A::Down) => scroll = (scroll + 1).min(200),
        Some(A::Back) => return None,
        _ => {}
    }
    Some(Overlay::Stage {
        domain,
        stage,
        scroll,
    })
}

/// The lines shown, wrapped to `width`: the summary, the stage's meaning,
/// then each aspect at this stage.
pub fn lines(domain: DomainId, stage: usize, width: usize, cx: &Ctx) -> Vec<(String, bool)> {
    let (lang, s) = (cx.lang, cx.s);
    let fw = framework();
    let domain = fw.domain(domain);
    let Some(st) = domain.stages.get(stage) else {
        return vec![];
    };
    let mut out = vec![];
    let mut para = |text: &str, strong: bool| {
        out.extend(wrap(text, width).into_iter().map(|l| (l, strong)));
        out.push((String::new(), false));
    };
    para(st.summary.get(lang), true);
    if let Some(general) = fw.stage(st.level) {
        para(general.meaning.get(lang), false);
    }
    for aspect in &domain.aspects {
        if let Some(text) = st.aspects.get(&aspect.id) {
            para(
                &fill(s.label_value, &[&aspect.name.get(lang), &text.get(lang)]),
                false,
            );
        }
    }
    out.pop();
    out
}

pub fn draw(buf: &mut Buffer, body: Rect, domain: DomainId, stage: usize, scroll: usize, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let fw = framework();
    let d = fw.domain(domain);
    let Some(st) = d.stages.get(stage) else {
        return;
    };
    // Full width: a popup edge through a wide character garbles it.
    clear(buf, body);
    let name = fw.stage(st.level).map(|g| g.short.get(lang)).unwrap_or("");
    let title = format!(
        "{} · {}",
        d.short_name.get(lang),
        fill(s.stage_title, &[&s.stage_label(st.level), &name])
    );
    let inner = boxed(buf, body, &title, theme, true);
    let width = inner.width.saturating_sub(1) as usize;
    let all = lines(domain, stage, width, cx);
    let rows = usize::from(inner.height);
    // the last row says when more is below
    let scroll = scroll.min(all.len().saturating_sub(rows.saturating_sub(1)));
    let cut = all.len() > scroll + rows;
    let shown = if cut { rows.saturating_sub(1) } else { rows };
    for (k, (line, strong)) in all.iter().skip(scroll).take(shown).enumerate() {
        let style = if *strong {
            theme.heading()
        } else {
            theme.dim()
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
    if cut {
        let more = fill(s.stage_more_below, &[&(all.len() - scroll - shown)]);
        put_wrapped(
            buf,
            Rect::new(
                inner.x + 1,
                inner.bottom() - 1,
                inner.width.saturating_sub(1),
                1,
            ),
            &more,
            theme.key(),
        );
    }
}
