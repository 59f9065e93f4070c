//! Who is connected (`citydx serve`): every respondent's live session (its
//! invitation, profile, domains, from where, since when and how far it has
//! got) and the invitations still open. Refreshed every second while
//! shown; the session core reads them from the server, this screen only
//! asks and draws.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{boxed, highlight, put, put_wrapped};
use super::super::keys::{Action, Binding, CONSULTANT, CTRL_C, DOWN, HELP, Key, LANG, UP, bind};
use super::super::screens::Overlay;
use super::Screen;
use super::home::Home;
use crate::text::fill;

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    Binding {
        keys: &[C('n'), C('I')],
        action: A::Invite,
        label: |s| s.w.key_invite_new,
        hint: Some(|s| s.w.hint_invite_new),
        roles: CONSULTANT,
    },
    Binding {
        keys: &[C('x')],
        action: A::Revoke,
        label: |s| s.w.key_revoke,
        hint: Some(|s| s.w.hint_revoke),
        roles: CONSULTANT,
    },
    bind!(HELP, A::Help, key_help, hint_help),
    bind!(LANG, A::SwitchLanguage, key_language),
    bind!(&[C('q'), Code(KeyCode::Esc)], A::Quit, key_home, hint_home),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// One line of the screen: a live session, or an invitation not in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectedRow {
    /// The invitation's user name.
    pub user: String,
    /// The respondent's name (its id when the profile does not name it).
    pub respondent: String,
    pub profile: String,
    /// The domains' short names, in the session's language order.
    pub domains: Vec<crate::core::framework::DomainId>,
    /// A live session: from where, since when, answered of total.
    pub live: Option<Live>,
    /// An invitation: when it expires, and whether it can still be used.
    pub expires: DateTime<Utc>,
    pub usable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Live {
    pub from: String,
    pub since: DateTime<Utc>,
    pub answered: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Default)]
pub struct ConnectedView {
    pub rows: Vec<ConnectedRow>,
    pub selected: usize,
    pub loaded: bool,
    /// Where this process serves the interview (`citydx serve`), and its
    /// host key's fingerprint.
    pub serving: Option<(u16, String)>,
}

/// The screen, its list asked for.
pub fn show() -> (Screen, Vec<Effect>) {
    (
        Screen::Connected(Box::default()),
        vec![Effect::ListConnected],
    )
}

/// The list arrived.
pub fn listed(view: &mut ConnectedView, rows: Vec<ConnectedRow>, serving: Option<(u16, String)>) {
    view.rows = rows;
    view.serving = serving;
    view.loaded = true;
    view.selected = view.selected.min(view.rows.len().saturating_sub(1));
}

pub fn update(
    mut view: Box<ConnectedView>,
    home: &Home,
    cx: &mut Cx<'_>,
    action: Option<Action>,
) -> (Screen, Vec<Effect>) {
    let n = view.rows.len();
    match action {
        Some(A::Up) => view.selected = view.selected.saturating_sub(1),
        Some(A::Down) => view.selected = (view.selected + 1).min(n.saturating_sub(1)),
        Some(A::Quit) => return (Screen::Home, vec![Effect::List]),
        // the form, for any profile of the folder (the one selected on
        // home first)
        Some(A::Invite) => {
            if home.entries.is_empty() {
                cx.status.error = Some(cx.s.w.invite_no_profile.to_string());
            } else {
                let selected = home.selected_entry(cx.lang).map(|e| e.id.clone());
                let profiles: Vec<_> = home
                    .entries
                    .iter()
                    .map(|e| (e.id.clone(), e.name.clone()))
                    .collect();
                let at = selected
                    .and_then(|id| profiles.iter().position(|(p, _)| *p == id))
                    .unwrap_or(0);
                return super::invite::from_connected(profiles, at);
            }
        }
        Some(A::Revoke) => match view.rows.get(view.selected) {
            Some(row) if row.usable => {
                *cx.overlay = Some(Overlay::ConfirmRevoke {
                    user: row.user.clone(),
                    who: row.respondent.clone(),
                });
            }
            Some(_) => cx.status.error = Some(cx.s.w.revoke_closed.to_string()),
            None => {}
        },
        _ => {}
    }
    (Screen::Connected(view), vec![])
}

pub fn draw(buf: &mut Buffer, area: Rect, view: &ConnectedView, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let inner = boxed(buf, area, s.w.title_connected, theme, true);
    let mut y = inner.y;
    if !view.loaded {
        put(buf, inner.x, y, s.loading, inner.width, theme.dim());
        return;
    }
    let Some((port, fingerprint)) = &view.serving else {
        put_wrapped(buf, inner, s.w.not_serving, theme.dim());
        return;
    };
    let serving = fill(s.w.serving_line, &[port, fingerprint]);
    put(buf, inner.x, y, &serving, inner.width, theme.dim());
    y += 1;
    let live = view.rows.iter().filter(|r| r.live.is_some()).count();
    put(
        buf,
        inner.x,
        y,
        &fill(s.w.connected_count, &[&live, &(view.rows.len() - live)]),
        inner.width,
        theme.heading(),
    );
    y += 2;
    if view.rows.is_empty() {
        put_wrapped(
            buf,
            Rect::new(inner.x, y, inner.width, inner.bottom().saturating_sub(y)),
            s.w.no_invitations,
            theme.dim(),
        );
        return;
    }
    let fw = crate::core::framework::framework();
    let rows = inner.bottom().saturating_sub(y) as usize;
    let first = view.selected.saturating_sub(rows.saturating_sub(1));
    for (i, row) in view.rows.iter().enumerate().skip(first).take(rows) {
        let domains = if row.domains.len() == crate::core::framework::DomainId::ALL.len() {
            s.w.all_domains.to_string()
        } else {
            row.domains
                .iter()
                .map(|d| fw.domain(*d).short_name.get(lang))
                .collect::<Vec<_>>()
                .join(s.w.domain_sep)
        };
        let line = match &row.live {
            Some(live) => fill(
                s.w.connected_row,
                &[
                    &row.respondent,
                    &row.profile,
                    &domains,
                    &live.answered,
                    &live.total,
                    &live.from,
                    &live.since.format("%H:%M"),
                    &row.user,
                ],
            ),
            None => fill(
                if row.usable {
                    s.w.invited_row
                } else {
                    s.w.invitation_closed_row
                },
                &[
                    &row.respondent,
                    &row.profile,
                    &domains,
                    &row.expires.format("%Y-%m-%d %H:%M"),
                    &row.user,
                ],
            ),
        };
        let style = if row.live.is_some() {
            theme.title()
        } else if row.usable {
            theme.heading()
        } else {
            theme.dim()
        };
        put(buf, inner.x, y, &line, inner.width, style);
        if i == view.selected {
            highlight(buf, inner, y, theme);
        }
        y += 1;
    }
}
