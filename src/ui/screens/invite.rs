//! The invitation form (the consultant's screen of `citydx serve`): the
//! profile (from who is connected: any in the folder; from the walk: the
//! one open), one of its respondents, the domains (each toggled, all by
//! default), the expiry (days, or hours as `12h`: `citydx invite
//! --expires`'s rules, through its parser) and a public key file or
//! nothing (a code). Enter hands the invitation to the runtime
//! ([`Effect::Invite`]), which makes it through the store's
//! `InviteBook::invite`, the function `citydx invite` calls; the result
//! (user, the code once, the `ssh` command, the host key's fingerprint)
//! stays on the screen until dismissed. Nothing here reads a file: the
//! respondents and the result arrive by message.

use chrono::{DateTime, Duration, Utc};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{boxed, put, put_wrapped};
use super::super::input::TextInput;
use super::super::keys::{Action, Binding, CTRL_C, ESC, Key, bind};
use super::Screen;
use super::open::Open;
use super::walk::Walk;
use crate::core::framework::{DomainId, framework};
use crate::core::lang::Text;
use crate::store::invites;
use crate::text::{fill, pad, width};

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(
        &[Code(KeyCode::Tab), Code(KeyCode::Down)],
        A::NextField,
        key_next_field,
        hint_next
    ),
    bind!(
        &[Code(KeyCode::BackTab), Code(KeyCode::Up)],
        A::PrevField,
        key_prev_field,
        hint_previous
    ),
    bind!(&[Code(KeyCode::Left)], A::Left, key_choice_left),
    bind!(&[Code(KeyCode::Right)], A::Right, key_choice_right),
    Binding {
        keys: &[C(' ')],
        action: A::Toggle,
        label: |s| s.key_toggle,
        hint: Some(|s| s.w.hint_tick),
        roles: super::super::keys::CONSULTANT,
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        action: A::Select,
        label: |s| s.w.key_invite_make,
        hint: Some(|s| s.w.hint_invite_make),
        roles: super::super::keys::CONSULTANT,
    },
    bind!(ESC, A::Back, key_cancel, hint_cancel),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// The invitation made, on the screen until dismissed.
pub const RESULT_KEYS: &[Binding] = &[
    Binding {
        keys: &[Code(KeyCode::Enter), Code(KeyCode::Esc), C('q')],
        action: A::Back,
        label: |s| s.w.key_invite_done,
        hint: Some(|s| s.w.hint_done),
        roles: super::super::keys::CONSULTANT,
    },
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// A field of the form, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Profile,
    Respondent,
    /// One of the seven domains (by `DomainId::index`).
    Domain(usize),
    Expires,
    Key,
}

const FIELDS: [Field; 11] = [
    Field::Profile,
    Field::Respondent,
    Field::Domain(0),
    Field::Domain(1),
    Field::Domain(2),
    Field::Domain(3),
    Field::Domain(4),
    Field::Domain(5),
    Field::Domain(6),
    Field::Expires,
    Field::Key,
];

/// Where the form goes back to.
#[derive(Debug)]
pub enum Back {
    Connected,
    Walk(Box<Open>, Walk),
}

/// An invitation made, as the runtime reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invited {
    pub user: String,
    pub profile: String,
    pub respondent: String,
    /// Empty: every domain.
    pub domains: Vec<DomainId>,
    /// The code, grouped: shown this once.
    pub code: Option<String>,
    /// A key invitation: the key's type.
    pub key_kind: Option<String>,
    pub expires: DateTime<Utc>,
    /// The command line to hand the respondent.
    pub ssh: String,
    /// The host key's fingerprint.
    pub fingerprint: String,
}

#[derive(Debug)]
pub struct InviteForm {
    pub back: Back,
    /// The profiles to choose from: (id, name); one when from the walk.
    pub profiles: Vec<(String, Text)>,
    pub profile: usize,
    /// The chosen profile's respondents (id, name); `None` while read.
    pub respondents: Option<Vec<(String, String)>>,
    pub respondent: usize,
    /// Chosen domains, by `DomainId::index`.
    pub domains: [bool; 7],
    /// Days, or hours as `12h`.
    pub expires: TextInput,
    /// A public key file; empty: a code.
    pub key: TextInput,
    pub focus: usize,
    /// The form's one error, and the field it belongs to (if one).
    pub error: Option<(Option<Field>, String)>,
    /// Sent, waiting for the result.
    pub sent: bool,
    pub result: Option<Box<Invited>>,
}

impl InviteForm {
    fn new(back: Back, profiles: Vec<(String, Text)>, profile: usize) -> InviteForm {
        InviteForm {
            back,
            profiles,
            profile,
            respondents: None,
            respondent: 0,
            domains: [true; 7],
            expires: TextInput::new(invites::DEFAULT_EXPIRY.num_days().to_string()),
            key: TextInput::default(),
            focus: 0,
            error: None,
            sent: false,
            result: None,
        }
    }

    pub fn field(&self) -> Field {
        FIELDS[self.focus]
    }

    pub fn profile_id(&self) -> &str {
        self.profiles
            .get(self.profile)
            .map(|(id, _)| id.as_str())
            .unwrap_or_default()
    }

    /// The profile open in the walk, if the form came from there.
    pub fn open(&self) -> Option<&Open> {
        match &self.back {
            Back::Walk(open, _) => Some(open),
            Back::Connected => None,
        }
    }

    pub fn open_mut(&mut self) -> Option<&mut Open> {
        match &mut self.back {
            Back::Walk(open, _) => Some(open),
            Back::Connected => None,
        }
    }

    /// The text input focused, if the field is one.
    pub fn focused_input_mut(&mut self) -> Option<&mut TextInput> {
        match self.field() {
            Field::Expires => Some(&mut self.expires),
            Field::Key => Some(&mut self.key),
            _ => None,
        }
    }

    /// The respondents of `profile` arrived (or why they could not be read).
    pub fn respondents_read(&mut self, profile: &str, read: Result<Vec<(String, String)>, String>) {
        if profile != self.profile_id() {
            return;
        }
        match read {
            Ok(list) => {
                self.respondent = self.respondent.min(list.len().saturating_sub(1));
                self.respondents = Some(list);
            }
            Err(why) => {
                self.respondents = Some(vec![]);
                self.error = Some((Some(Field::Profile), why));
            }
        }
    }

    /// The invitation was made.
    pub fn made(&mut self, invited: Invited) {
        self.sent = false;
        self.error = None;
        self.result = Some(Box::new(invited));
    }

    /// It was not (a bad key file, the invitations file): one line.
    pub fn failed(&mut self, why: String) {
        self.sent = false;
        let field = why_field(&why, &self.key);
        self.error = Some((field, why));
    }

    /// The respondent's name, by id.
    pub fn name_of(&self, respondent: &str) -> String {
        self.respondents
            .iter()
            .flatten()
            .find(|(id, _)| id == respondent)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| respondent.to_string())
    }

    /// Checks the fields: the invitation to make, or the first field
    /// that is wrong with why (in the language of `cx`).
    fn check(&self, cx: &Cx<'_>) -> Result<Effect, (Field, String)> {
        let s = cx.s;
        let respondent = match &self.respondents {
            None => return Err((Field::Respondent, s.w.invite_reading.to_string())),
            Some(list) => match list.get(self.respondent) {
                Some((id, _)) => id.clone(),
                None => {
                    return Err((
                        Field::Respondent,
                        fill(s.w.invite_no_respondents, &[&self.profile_id()]),
                    ));
                }
            },
        };
        let chosen: Vec<DomainId> = DomainId::ALL
            .iter()
            .copied()
            .filter(|d| self.domains[d.index()])
            .collect();
        if chosen.is_empty() {
            return Err((Field::Domain(0), s.w.invite_no_domain.to_string()));
        }
        let Some(expires) = expiry(&self.expires.text) else {
            return Err((
                Field::Expires,
                fill(s.w.invite_bad_expiry, &[&invites::MAX_EXPIRY.num_days()]),
            ));
        };
        let key = self.key.trimmed();
        Ok(Effect::Invite {
            profile: self.profile_id().to_string(),
            respondent,
            // every domain: none named, as `citydx invite` without --domains
            domains: if chosen.len() == DomainId::ALL.len() {
                vec![]
            } else {
                chosen
            },
            expires,
            key: (!key.is_empty()).then(|| std::path::PathBuf::from(key)),
        })
    }
}

/// The expiry typed: a number of days, or `citydx invite --expires`'s
/// `Nh` / `Nd`, read by its parser (the same bounds).
pub fn expiry(typed: &str) -> Option<Duration> {
    let typed = typed.trim();
    if !typed.is_empty() && typed.chars().all(|c| c.is_ascii_digit()) {
        invites::parse_expiry(&format!("{typed}d"))
    } else {
        invites::parse_expiry(typed)
    }
}

/// A failure that names the key file belongs by the key field.
fn why_field(why: &str, key: &TextInput) -> Option<Field> {
    let file = key.trimmed();
    (!file.is_empty() && why.contains(file)).then_some(Field::Key)
}

/// The form for respondents of the folder's profiles (from who is
/// connected): the profile selected on home first; its respondents asked for.
pub fn from_connected(profiles: Vec<(String, Text)>, selected: usize) -> (Screen, Vec<Effect>) {
    let form = InviteForm::new(Back::Connected, profiles, selected);
    let effects = vec![Effect::LoadInvitees {
        profile: form.profile_id().to_string(),
    }];
    (Screen::Invite(Box::new(form)), effects)
}

/// The form for a respondent of the assessment open in the walk: the one
/// answering now chosen, else the first.
pub fn from_walk(open: Box<Open>, walk: Walk) -> Screen {
    let profiles = vec![(open.profile.id.clone(), open.profile.city.name.clone())];
    let respondents: Vec<(String, String)> = open
        .assessment()
        .respondents
        .iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
    let answering = open.answering_respondent().map(|r| r.id.clone());
    let mut form = InviteForm::new(Back::Walk(open, walk), profiles, 0);
    form.respondent = answering
        .and_then(|id| respondents.iter().position(|(r, _)| *r == id))
        .unwrap_or(0);
    form.respondents = Some(respondents);
    Screen::Invite(Box::new(form))
}

fn leave(form: InviteForm) -> (Screen, Vec<Effect>) {
    match form.back {
        Back::Connected => super::connected::show(),
        Back::Walk(open, walk) => (Screen::Walk(open, walk), vec![]),
    }
}

pub fn update(
    mut form: Box<InviteForm>,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> (Screen, Vec<Effect>) {
    if form.result.is_some() {
        return match action {
            Some(A::Back) => leave(*form),
            _ => (Screen::Invite(form), vec![]),
        };
    }
    let n = FIELDS.len();
    let mut effects = vec![];
    match (action, form.field()) {
        (Some(A::Back), _) => return leave(*form),
        (Some(A::NextField), _) => form.focus = (form.focus + 1) % n,
        (Some(A::PrevField), _) => form.focus = (form.focus + n - 1) % n,
        (Some(A::Select), _) if !form.sent => match form.check(cx) {
            Ok(effect) => {
                form.error = None;
                form.sent = true;
                effects.push(effect);
            }
            Err((field, why)) => {
                form.focus = FIELDS.iter().position(|f| *f == field).unwrap_or(0);
                form.error = Some((Some(field), why));
            }
        },
        (Some(A::Left | A::Right | A::Toggle), Field::Profile) if form.profiles.len() > 1 => {
            let len = form.profiles.len();
            form.profile = if action == Some(A::Left) {
                (form.profile + len - 1) % len
            } else {
                (form.profile + 1) % len
            };
            form.respondents = None;
            form.respondent = 0;
            form.error = None;
            effects.push(Effect::LoadInvitees {
                profile: form.profile_id().to_string(),
            });
        }
        (Some(A::Left | A::Right | A::Toggle), Field::Respondent) => {
            let len = form.respondents.as_ref().map_or(0, Vec::len);
            if len > 0 {
                form.respondent = if action == Some(A::Left) {
                    (form.respondent + len - 1) % len
                } else {
                    (form.respondent + 1) % len
                };
            }
        }
        (Some(A::Toggle), Field::Domain(i)) => form.domains[i] = !form.domains[i],
        (_, Field::Expires | Field::Key) => {
            if let Some(input) = form.focused_input_mut() {
                input.handle(key);
            }
        }
        _ => {}
    }
    (Screen::Invite(form), effects)
}

pub fn draw(buf: &mut Buffer, area: Rect, form: &InviteForm, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let inner = boxed(buf, area, s.w.title_invite, theme, true);
    if let Some(invited) = &form.result {
        draw_result(buf, inner, form, invited, cx);
        return;
    }
    let labels = [
        s.w.field_invite_profile,
        s.w.field_invite_respondent,
        s.w.field_invite_domains,
        s.w.field_invite_expires,
        s.w.field_invite_key,
    ];
    let column = labels.iter().map(|l| width(l)).max().unwrap_or(0) as u16 + 2;
    let value_x = inner.x + column;
    let value_w = inner.width.saturating_sub(column);
    let mut y = inner.y;
    let bottom = inner.bottom();
    let focused = form.field();
    let label = |buf: &mut Buffer, y: u16, text: &str, on: bool| {
        let style = if on { theme.heading() } else { theme.dim() };
        put(buf, inner.x, y, &pad(text, column as usize), column, style);
    };
    // the focused field is marked with `>` (seen without colours too)
    let choice = |text: &str, on: bool| {
        if on {
            format!("> {text}  <- ->")
        } else {
            format!("  {text}")
        }
    };
    let mark = |on: bool| if on { ">" } else { " " };
    let style_of = |on: bool| if on { theme.selected() } else { theme.title() };
    // the profile
    if y < bottom {
        let on = focused == Field::Profile;
        label(buf, y, s.w.field_invite_profile, on);
        let shown = form
            .profiles
            .get(form.profile)
            .map(|(id, name)| {
                let name = name.get(lang);
                if name.is_empty() || name == id {
                    id.clone()
                } else {
                    fill(s.w.invite_profile_name, &[&name, id])
                }
            })
            .unwrap_or_default();
        let text = if form.profiles.len() > 1 {
            choice(&shown, on)
        } else {
            format!("{} {shown}", mark(on))
        };
        put(buf, value_x, y, &text, value_w, style_of(on));
        y += 1;
    }
    // the respondent
    if y < bottom {
        let on = focused == Field::Respondent;
        label(buf, y, s.w.field_invite_respondent, on);
        let (text, style) = match &form.respondents {
            None => (format!("{} {}", mark(on), s.w.invite_reading), theme.dim()),
            Some(list) => match list.get(form.respondent) {
                Some((_, name)) => (choice(name, on), style_of(on)),
                None => (
                    format!(
                        "{} {}",
                        mark(on),
                        fill(s.w.invite_no_respondents, &[&form.profile_id()])
                    ),
                    theme.dim(),
                ),
            },
        };
        put(buf, value_x, y, &text, value_w, style);
        y += 1;
    }
    // the domains, one a line
    for d in DomainId::ALL {
        if y >= bottom {
            break;
        }
        let i = d.index();
        let on = focused == Field::Domain(i);
        if i == 0 {
            label(
                buf,
                y,
                s.w.field_invite_domains,
                matches!(focused, Field::Domain(_)),
            );
        }
        let tick = if form.domains[i] { "[x]" } else { "[ ]" };
        let text = format!(
            "{} {tick} {}",
            mark(on),
            framework().domain(d).name.get(lang)
        );
        put(buf, value_x, y, &text, value_w, style_of(on));
        y += 1;
    }
    // the expiry
    if y < bottom {
        let on = focused == Field::Expires;
        label(buf, y, s.w.field_invite_expires, on);
        put(buf, value_x, y, mark(on), 1, theme.heading());
        let box_w = 8u16.min(value_w.saturating_sub(2));
        let at = Rect::new(value_x + 2, y, box_w, 1);
        super::form::draw_input(buf, at, &form.expires, on, "", theme);
        let hint = fill(s.w.invite_expires_hint, &[&invites::MAX_EXPIRY.num_days()]);
        put(
            buf,
            value_x + 2 + box_w + 1,
            y,
            &hint,
            value_w.saturating_sub(box_w + 3),
            theme.dim(),
        );
        y += 1;
    }
    // the key
    if y < bottom {
        let on = focused == Field::Key;
        label(buf, y, s.w.field_invite_key, on);
        put(buf, value_x, y, mark(on), 1, theme.heading());
        let at = Rect::new(value_x + 2, y, value_w.saturating_sub(2), 1);
        super::form::draw_input(buf, at, &form.key, on, s.w.invite_key_placeholder, theme);
        y += 1;
    }
    // the error, one line under the fields
    if let Some((_, why)) = &form.error
        && y + 1 < bottom
    {
        put_wrapped(
            buf,
            Rect::new(inner.x, y + 1, inner.width, bottom - y - 1),
            why,
            theme.error(),
        );
    }
}

fn draw_result(buf: &mut Buffer, inner: Rect, form: &InviteForm, invited: &Invited, cx: &Ctx) {
    let Ctx { lang, theme, .. } = *cx;
    let t = crate::text::invite::strings(lang);
    let domains = if invited.domains.is_empty() {
        t.all_domains.to_string()
    } else {
        invited
            .domains
            .iter()
            .map(|d| framework().domain(*d).name.get(lang).to_string())
            .collect::<Vec<_>>()
            .join(cx.s.w.domain_sep)
    };
    let heading = fill(
        t.made,
        &[
            &form.name_of(&invited.respondent),
            &invited.respondent,
            &invited.profile,
            &domains,
        ],
    );
    let mut y = inner.y;
    y += put_wrapped(
        buf,
        Rect::new(inner.x, y, inner.width, inner.height),
        &heading,
        theme.heading(),
    );
    y += 1;
    let labels = [
        t.label_user,
        t.label_code,
        t.label_key,
        t.label_expires,
        t.label_connect,
        t.label_fingerprint,
    ];
    let column = labels.iter().map(|l| width(l)).max().unwrap_or(0) + 1;
    let mut lines: Vec<(&str, String, ratatui::style::Style)> =
        vec![(t.label_user, invited.user.clone(), theme.title())];
    match (&invited.code, &invited.key_kind) {
        (Some(code), _) => lines.push((
            t.label_code,
            format!("{code}  {}", t.code_once),
            theme.title(),
        )),
        (None, Some(kind)) => lines.push((t.label_key, fill(t.key_login, &[kind]), theme.title())),
        (None, None) => {}
    }
    lines.push((
        t.label_expires,
        invited.expires.format("%Y-%m-%d %H:%M UTC").to_string(),
        theme.title(),
    ));
    lines.push((t.label_connect, invited.ssh.clone(), theme.title()));
    lines.push((
        t.label_fingerprint,
        invited.fingerprint.clone(),
        theme.title(),
    ));
    for (label, value, style) in lines {
        if y >= inner.bottom() {
            return;
        }
        let text = format!("  {}{value}", pad(label, column));
        y += put_wrapped(
            buf,
            Rect::new(inner.x, y, inner.width, inner.bottom() - y),
            &text,
            style,
        );
    }
    if y + 1 < inner.bottom() {
        put_wrapped(
            buf,
            Rect::new(inner.x, y + 1, inner.width, inner.bottom() - y - 1),
            &format!("  {}", t.fingerprint_hint),
            theme.dim(),
        );
    }
}
