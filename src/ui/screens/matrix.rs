//! The 7 x 3 matrix: every domain's share of each stage, its level and its
//! target; Enter walks the selected domain.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{bar, boxed, highlight, put, put_wrapped, wrap};
use super::super::keys::{Action, Binding, CTRL_C, DOWN, ENTER, HELP, Key, LANG, UP, bind};
use super::open::Open;
use super::walk::{self, Walk};
use super::{Screen, advice};
use crate::core::framework;
use crate::core::framework::{DomainId, STAGES};
use crate::core::maturity::domain_maturity;
use crate::core::profile::Assessment;
use crate::core::voices::{domain_voices, rests_on_one_voice};
use crate::text::{fill, pad, percent, width};
use ratatui::style::Style;

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    bind!(ENTER, A::Select, key_open_domain, hint_walk),
    bind!(&[C('m'), Code(KeyCode::Esc)], A::Back, key_back, hint_back),
    bind!(&[C('r')], A::Advice, key_advice, hint_advice),
    bind!(all: HELP, A::Help, key_help, hint_help),
    bind!(all: LANG, A::SwitchLanguage, key_language),
    bind!(all: &[C('q')], A::Quit, key_home, hint_home),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// The selected row (a domain), and the walk to go back to.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub row: usize,
    pub walk: Walk,
}

pub fn update(
    open: Box<Open>,
    mut matrix: Matrix,
    _cx: &mut Cx<'_>,
    action: Option<Action>,
) -> (Screen, Vec<Effect>) {
    match action {
        Some(A::Quit) => return (Screen::Home, vec![Effect::Close, Effect::List]),
        Some(A::Advice) => return (advice::show(open, matrix.walk), vec![]),
        Some(A::Up) => matrix.row = matrix.row.saturating_sub(1),
        Some(A::Down) => matrix.row = (matrix.row + 1).min(6),
        Some(A::Select) => {
            return (walk::at(open, Walk::at_domain(matrix.row)), vec![]);
        }
        Some(A::Back) => return (walk::at(open, matrix.walk), vec![]),
        _ => {}
    }
    (Screen::Matrix(open, matrix), vec![])
}

pub fn draw(buf: &mut Buffer, area: Rect, open: &Open, matrix: &Matrix, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let fw = framework();
    let inner = boxed(buf, area, s.title_matrix, theme, true);
    let a = open.assessment();
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
    // the stages' short names, or where one does not fit, the shortest
    // forms of all three (`Tech-driven`, `技术驱动`): never cut when those fit
    let short = |level| fw.stage(level).map(|st| st.short.get(lang)).unwrap_or("");
    let all_fit = (1..=STAGES).all(|level| width(short(level)) < usize::from(cell_w));
    for level in 1..=STAGES {
        let name = if all_fit {
            short(level)
        } else {
            s.stage_tiny(level)
        };
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
            // the override's mark takes a column of its own, so levels
            // and targets line up with or without it
            .map(|l| format!("{l:.2}{}", if m.overridden.is_some() { "*" } else { " " }))
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
        if row == matrix.row {
            highlight(buf, inner, y, theme);
        }
        // under the domain: its answers "unknown" (not yet asked is not
        // counted), how much of it is not agreed yet, and whether it rests
        // mostly on one voice (only with voices)
        let unknown = (m.unknown > 0).then(|| fill(s.ev.matrix_unknown, &[&m.unknown]));
        let line: Vec<String> = unknown
            .into_iter()
            .chain(voices_line(a, *domain_id, cx))
            .collect();
        if !line.is_empty() {
            let line = line.join(s.sep_groups);
            put(buf, inner.x + 1, y + 1, &line, inner.width - 1, theme.dim());
        }
        y += 2;
    }
    // the whole assessment's answers not agreed yet, and merge disputes
    if let Some(total) = voices_total(open, cx) {
        let legend_rows = wrap(s.matrix_legend, inner.width as usize).len() as u16;
        let end = inner.bottom().saturating_sub(legend_rows);
        if y < end {
            put_wrapped(
                buf,
                Rect::new(inner.x, y, inner.width, end - y),
                &total,
                theme.error(),
            );
        }
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

/// A domain's answers not agreed yet and whether it rests mostly on one
/// voice, in a few words; `None` when there is nothing to say.
pub fn voices_line(a: &Assessment, domain: DomainId, cx: &Ctx) -> Option<String> {
    let fw = framework();
    let counts = domain_voices(fw, a, domain);
    let one = rests_on_one_voice(fw, a, domain);
    let mut parts = Vec::new();
    if counts.provisional > 0 {
        parts.push(fill(
            cx.s.voices_domain,
            &[&counts.provisional, &counts.disputed],
        ));
    }
    if one {
        parts.push(cx.s.one_voice.to_string());
    }
    (!parts.is_empty()).then(|| parts.join(cx.s.sep_groups))
}

/// The assessment's answers not agreed yet and the merge disputes, in one
/// sentence; `None` when there are none.
pub fn voices_total(open: &Open, cx: &Ctx) -> Option<String> {
    let fw = framework();
    let a = open.assessment();
    let (mut provisional, mut disputed) = (0, 0);
    for d in DomainId::ALL {
        let c = domain_voices(fw, a, d);
        provisional += c.provisional;
        disputed += c.disputed;
    }
    let mut parts = Vec::new();
    if provisional > 0 {
        parts.push(fill(cx.s.voices_total, &[&provisional, &disputed]));
    }
    if !open.profile.disputes.is_empty() {
        parts.push(fill(cx.s.merge_total, &[&open.profile.disputes.len()]));
    }
    let gap = if cx.lang == crate::core::Lang::Zh {
        ""
    } else {
        " "
    };
    (!parts.is_empty()).then(|| parts.join(gap))
}
