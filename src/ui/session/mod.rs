//! The session core: one person's interface, not tied to a process or a
//! terminal.
//!
//! ```text
//!  input bytes ──► parse ──► App::update / App::paste ──► effects ──► Store
//!  resize ───────►  (window size)                          (lock held here)
//!  tick ─────────►  background listings, the draft timer
//!  frame() ◄──────  draw::render into a buffer, only the changed cells as bytes
//! ```
//!
//! A [`Session`] owns an [`App`], a [`Store`] and the lock of the profile
//! it edits; it has its own window size, language, theme and [`Clock`].
//! It reads nothing process-wide: no environment variable, no terminal
//! size, no global input reader, no signal flag. Whoever drives it (the
//! local terminal in `runtime`, later an SSH channel) gives it bytes and
//! sizes and sends its frames. A panic inside a session is caught at its
//! entry points and ends that session only ([`End::Failed`]); its lock is
//! released.
//!
//! - `parse`: bytes to keys and pastes (bracketed paste, its cap and rules).
//! - `effects`: the state's effects carried out through the store.
//!
//! ## The note's draft
//! A note being typed is written as a draft on a timer, not at every key:
//! at most [`DRAFT_INTERVAL`] after the text first differs from what was
//! last written, only while it differs, and once more when the session
//! shuts down. A kill loses at most that interval of typing. A note
//! submitted keeps its draft until the save that writes it succeeded.
//!
//! ## Nothing lost while saving fails
//! Each save effect carries the operations applied since the last one.
//! The profile is written with `Store::save_checked` against the
//! fingerprint of what this session last read or wrote; when that fails,
//! the operations not on disk go to the profile's journal
//! (`store::journal`, its space reserved when the profile was opened)
//! before anything else happens. A failed save is tried again on the tick, waiting
//! [`RETRY_FIRST`], then twice as long each time up to [`RETRY_MOST`];
//! the state knows how many changes are not on disk (`App::unsaved`) and
//! asks before q leaves them. A success clears the journal; a kill leaves
//! it, and the next opening of the profile replays it. A file changed on
//! disk is never overwritten: this session's version is kept beside it and
//! the profile turns read-only here, with both names on the banner.

mod effects;
mod parse;

use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use chrono::SubsecRound;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

pub use parse::{InputParser, PASTE_CAP, Parsed};

use super::app::{App, Draft, Effect, Msg};
use super::clock::Clock;
use super::draw;
use super::theme::Theme;
use crate::core::Lang;
use crate::core::ops::Op;
use crate::core::profile::Profile;
use crate::store::shared::{SharedProfile, SharedProfiles};
use crate::store::{DraftKey, Fingerprint, Journal, ProfileLock, Store};

/// The longest a typed note waits before its draft is written.
pub const DRAFT_INTERVAL: Duration = Duration::from_secs(1);

/// After a failed save, the first wait before it is tried again; each
/// failure doubles it, up to [`RETRY_MOST`].
pub const RETRY_FIRST: Duration = Duration::from_secs(1);
pub const RETRY_MOST: Duration = Duration::from_secs(30);

/// What a session starts with.
pub struct SessionConfig {
    pub lang: Lang,
    pub theme: Theme,
    /// The window, in columns and rows.
    pub width: u16,
    pub height: u16,
    pub clock: Box<dyn Clock>,
}

/// What a session may do, enforced where its effects are carried out
/// (default deny), not only in the keys it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Everything: the consultant.
    Full,
    /// A respondent served over SSH: the walk of `scope`'s domains of one
    /// profile, answering as that respondent only.
    Respondent(Scope),
}

/// What a respondent's session reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub profile: String,
    pub respondent: String,
    /// The domains invited to (never empty: an invitation for every
    /// domain lists them all).
    pub domains: Vec<crate::core::framework::DomainId>,
}

/// A session in a serving process: its profiles are held by the process
/// ([`SharedProfiles`]), one owner per profile for every session.
struct Served {
    profiles: Arc<SharedProfiles>,
    /// The profile open, and the generation of it this session last saw.
    open: Option<(Arc<SharedProfile>, u64)>,
    /// The progress generation this session last took in.
    progress_seen: u64,
    /// This session's number in the process (its progress report's key).
    number: u64,
    /// When the others' progress was last taken in.
    refreshed: Option<Instant>,
}

/// What the server tells the consultant's session of who is connected
/// (`citydx serve`): its live sessions and invitations, as rows.
pub trait ConnectedSource: Send + Sync {
    fn rows(&self) -> Vec<super::screens::connected::ConnectedRow>;
    /// Where the server listens and its host key's fingerprint, as the
    /// respondents are told them.
    /// (the port, the fingerprint)
    fn serving(&self) -> (u16, String);
    /// The invitations file the server reads at every login: the
    /// consultant's screen makes and revokes invitations in it through
    /// the store's functions, the same as `citydx invite`.
    fn invitations(&self) -> crate::store::invites::InviteBook;
    /// Ends the live sessions on invitation `user` (just revoked), each
    /// told why, its answers and draft kept; how many there were.
    fn end_sessions(&self, user: &str) -> usize;
}

/// The others' progress and the profile's changes are taken in at most
/// this often.
pub const REFRESH_EVERY: Duration = Duration::from_secs(1);

/// Why a session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// The user quit (q from home, Ctrl-C).
    Quit,
    /// A panic inside the session, caught: its message.
    Failed(String),
}

/// Where the backend writes a frame, taken out whole after each draw.
#[derive(Debug, Clone, Default)]
struct FrameBytes(Arc<std::sync::Mutex<Vec<u8>>>);

impl FrameBytes {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl io::Write for FrameBytes {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Work done off the session's thread (a listing), reported back.
struct Background {
    generation: u64,
    /// The result, or the message of a panic while working.
    msg: Result<Msg, String>,
}

/// What a caught panic said.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

/// One session: see the module doc.
pub struct Session {
    app: App,
    store: Store,
    lock: Option<ProfileLock>,
    theme: Theme,
    area: Rect,
    clock: Box<dyn Clock>,
    parser: InputParser,
    /// Frames are drawn here; their bytes are taken out by [`Session::frame`].
    terminal: Terminal<CrosstermBackend<FrameBytes>>,
    frame_bytes: FrameBytes,
    last_frame: Option<Buffer>,
    dirty: bool,
    listed: bool,
    list_generation: u64,
    background_tx: Sender<Background>,
    background_rx: Receiver<Background>,
    waker: Option<Arc<dyn Fn() + Send + Sync>>,
    /// The draft as last written (or found) on disk.
    draft_written: Option<Draft>,
    /// When the draft must be written, while it differs from that.
    draft_due: Option<Instant>,
    end: Option<End>,
    /// The last writes were done.
    shut: bool,
    /// The journal of the profile held.
    journal: Option<Journal>,
    /// The profile file as this session last read or wrote it.
    fingerprint: Option<Fingerprint>,
    /// The profile as it must be written, while a save has failed.
    unsaved: Option<Box<Profile>>,
    /// How many operations it holds that are not on disk.
    unsaved_ops: usize,
    /// Operations the journal could not take yet.
    unjournaled: Vec<Op>,
    /// Drafts whose notes are in the unsaved profile: dropped once saved.
    drafts_after_save: Vec<DraftKey>,
    /// When the failed save is tried again, and the wait after that.
    retry_due: Option<Instant>,
    retry_wait: Duration,
    /// A language chosen with `L` since the driver last asked
    /// ([`Session::take_lang_chosen`]).
    lang_chosen: Option<Lang>,
    access: Access,
    served: Option<Served>,
    /// A respondent's last place in its domains (domain, page, selected):
    /// where a key that left them leads back to.
    scope_place: Option<(usize, usize, usize)>,
    /// The server's list of who is connected (the consultant's session of
    /// `citydx serve`), and when it was last asked.
    connected: Option<Arc<dyn ConnectedSource>>,
    connected_at: Option<Instant>,
}

impl Session {
    pub fn new(store: Store, config: SessionConfig) -> Session {
        let area = Rect::new(0, 0, config.width, config.height);
        let frame_bytes = FrameBytes::default();
        let terminal = Terminal::with_options(
            CrosstermBackend::new(frame_bytes.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .expect("a terminal over a buffer cannot fail to start");
        let (background_tx, background_rx) = mpsc::channel();
        Session {
            app: App::new(config.lang, config.clock.today()),
            store,
            lock: None,
            theme: config.theme,
            area,
            clock: config.clock,
            parser: InputParser::new(),
            terminal,
            frame_bytes,
            last_frame: None,
            dirty: true,
            listed: false,
            list_generation: 0,
            background_tx,
            background_rx,
            waker: None,
            draft_written: None,
            draft_due: None,
            end: None,
            shut: false,
            journal: None,
            fingerprint: None,
            unsaved: None,
            unsaved_ops: 0,
            unjournaled: vec![],
            drafts_after_save: vec![],
            retry_due: None,
            retry_wait: RETRY_FIRST,
            lang_chosen: None,
            access: Access::Full,
            served: None,
            scope_place: None,
            connected: None,
            connected_at: None,
        }
    }

    /// A session of a serving process: profiles are opened through
    /// `profiles` (one owner per profile), and `access` says what it may
    /// do. A respondent's session opens its profile at once and shows
    /// only the walk of its domains.
    pub fn served(
        store: Store,
        config: SessionConfig,
        profiles: Arc<SharedProfiles>,
        access: Access,
        number: u64,
    ) -> Session {
        let mut session = Session::new(store, config);
        if let Access::Respondent(scope) = &access {
            session.app.role = super::keys::Role::Invited;
            let mut shown = [false; 7];
            for domain in &scope.domains {
                shown[domain.index()] = true;
            }
            session.app.scope = Some(shown);
        }
        session.access = access;
        session.served = Some(Served {
            profiles,
            open: None,
            progress_seen: 0,
            number,
            refreshed: None,
        });
        session
    }

    /// The server's list of who is connected, for the consultant's screen.
    pub fn set_connected_source(&mut self, source: Arc<dyn ConnectedSource>) {
        self.connected = Some(source);
    }

    /// What this session may do.
    pub fn access(&self) -> &Access {
        &self.access
    }

    /// The most bytes a text field may hold in this session (a served
    /// respondent's: `citydx serve --note-size`).
    pub fn set_text_limit(&mut self, bytes: usize) {
        self.app.text_limit = Some(bytes);
    }

    /// Called (from another thread) when background work has finished and
    /// [`Session::tick`] has something to take in.
    pub fn set_waker(&mut self, wake: impl Fn() + Send + Sync + 'static) {
        self.waker = Some(Arc::new(wake));
    }

    /// The state, for a status line shown before the first key, or tests.
    pub fn app(&self) -> &App {
        &self.app
    }

    pub fn app_mut(&mut self) -> &mut App {
        self.dirty = true;
        &mut self.app
    }

    /// The language last chosen with `L`, once: the driver decides
    /// whether to remember it (the local one writes it to the settings
    /// file; a session served to someone else keeps it to itself).
    pub fn take_lang_chosen(&mut self) -> Option<Lang> {
        self.lang_chosen.take()
    }

    /// Why the session ended, once it has.
    pub fn ended(&self) -> Option<&End> {
        self.end.as_ref()
    }

    /// The window's size, as the session last heard it.
    pub fn area(&self) -> Rect {
        self.area
    }

    /// Runs `f` with panics caught: a panic ends this session only.
    fn guarded<T: Default>(&mut self, f: impl FnOnce(&mut Session) -> T) -> T {
        if self.end.is_some() {
            return T::default();
        }
        match catch_unwind(AssertUnwindSafe(|| f(self))) {
            Ok(value) => value,
            Err(payload) => {
                self.end = Some(End::Failed(panic_message(payload.as_ref())));
                // the profile is free for the next session at once
                self.lock = None;
                T::default()
            }
        }
    }

    /// Bytes the terminal sent: one read burst (see `parse` for why the
    /// bursts matter to pastes).
    pub fn input(&mut self, bytes: &[u8]) {
        self.guarded(|s| {
            for parsed in s.parser.feed(bytes) {
                s.handle(parsed);
                s.enforce_scope();
                if s.app.quit {
                    s.end = Some(End::Quit);
                    break;
                }
            }
            s.watch_draft();
            s.show_export_folder();
        })
    }

    /// While the export's path is typed, the status line shows the folder
    /// the reports will be written in (a relative path is the process's
    /// working folder's).
    fn show_export_folder(&mut self) {
        let Some(editor) = self.app.screen.editor() else {
            return;
        };
        if editor.target != super::app::EditTarget::ExportPath {
            return;
        }
        let typed = std::path::Path::new(editor.input.text.trim());
        let parent = typed.parent().unwrap_or(std::path::Path::new(""));
        let folder = match std::env::current_dir() {
            Ok(cwd) => cwd.join(parent),
            Err(_) => parent.to_path_buf(),
        };
        let folder = folder.canonicalize().unwrap_or(folder);
        self.app.status.info = Some(crate::text::fill(
            crate::text::ui(self.app.lang).export_folder,
            &[&folder.display()],
        ));
    }

    fn handle(&mut self, parsed: Parsed) {
        self.dirty = true;
        match parsed {
            Parsed::Key(key) => {
                // While the window is too small to show what a key does,
                // keys do nothing (but Ctrl-C still quits).
                let too_small =
                    self.area.width < draw::MIN_WIDTH || self.area.height < draw::MIN_HEIGHT;
                let quit =
                    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
                if too_small && !quit {
                    return;
                }
                self.app.now = Some(self.clock.now().trunc_subsecs(0));
                let effects = self.app.update(Msg::Key(key));
                self.execute(effects);
            }
            Parsed::Paste(text) => {
                let effects = self.app.paste(text);
                self.execute(effects);
            }
            Parsed::PasteTooLarge(bytes) => self.app.paste_refused(bytes),
        }
    }

    /// The window changed size: the next frame repaints it whole.
    pub fn resize(&mut self, width: u16, height: u16) {
        let area = Rect::new(0, 0, width, height);
        if area != self.area {
            self.area = area;
            self.last_frame = None;
            self.dirty = true;
        }
    }

    /// The next frame repaints the whole window (the frames before it
    /// were dropped on their way).
    pub fn repaint(&mut self) {
        self.last_frame = None;
        self.dirty = true;
    }

    /// Takes in background results and writes the draft when due. Call it
    /// on every wake-up and at least by [`Session::deadline`].
    pub fn tick(&mut self) {
        self.guarded(|s| {
            while let Ok(done) = s.background_rx.try_recv() {
                let msg = match done.msg {
                    Ok(msg) => msg,
                    Err(what) => {
                        s.end = Some(End::Failed(what));
                        s.lock = None;
                        return;
                    }
                };
                if done.generation == s.list_generation {
                    let effects = s.app.update(msg);
                    s.execute(effects);
                    s.dirty = true;
                }
            }
            if s.draft_due.is_some_and(|due| s.clock.instant() >= due) {
                s.write_draft();
            }
            if s.retry_due.is_some_and(|due| s.clock.instant() >= due) {
                s.retry_save();
            }
            s.refresh_shared();
            // who is connected, every second while shown
            if matches!(s.app.screen, super::app::Screen::Connected(_))
                && s.connected_at
                    .is_none_or(|at| s.clock.instant().duration_since(at) >= REFRESH_EVERY)
            {
                s.connected_at = Some(s.clock.instant());
                s.execute(vec![Effect::ListConnected]);
                s.dirty = true;
            }
            s.enforce_scope();
            s.watch_draft();
        })
    }

    /// When [`Session::tick`] must next run (the draft timer, the next try
    /// of a failed save), if ever.
    pub fn deadline(&self) -> Option<Instant> {
        // a served session takes in the others' changes when there are any
        // (it is woken for them), at most once a second
        let refresh = self
            .served
            .as_ref()
            .filter(|s| {
                s.open.as_ref().is_some_and(|(shared, seen)| {
                    shared.generation() != *seen || shared.progress_generation() != s.progress_seen
                })
            })
            .and_then(|s| s.refreshed)
            .map(|at| at + REFRESH_EVERY);
        let connected = matches!(self.app.screen, super::app::Screen::Connected(_))
            .then(|| self.connected_at.map(|at| at + REFRESH_EVERY))
            .flatten();
        [self.draft_due, self.retry_due, refresh, connected]
            .into_iter()
            .flatten()
            .min()
    }

    /// A respondent's session shows only the walk of its domains, answering
    /// as its respondent: whatever a key did, the state is brought back
    /// within that (the effects are refused besides, in `allowed`).
    fn enforce_scope(&mut self) {
        let Access::Respondent(scope) = &self.access else {
            return;
        };
        if !self.listed {
            return;
        }
        use super::app::Screen;
        // the walk moves on to a domain's summary after its last answer:
        // a respondent goes on to its next invited domain instead (or
        // stays on the last stage when there is none)
        if let Screen::Summary(..) = &self.app.screen {
            let Screen::Summary(open, walk) = std::mem::replace(&mut self.app.screen, Screen::Home)
            else {
                unreachable!()
            };
            let all = crate::core::framework::DomainId::ALL;
            let next = (walk.domain + 1..all.len()).find(|&i| scope.domains.contains(&all[i]));
            let walk = match next {
                Some(i) => super::app::Walk::at_domain(i),
                None => {
                    let mut last = walk;
                    last.page = crate::core::framework::STAGES as usize - 1;
                    last.selected = last.page_indicators().len().saturating_sub(1);
                    last
                }
            };
            self.app.screen = Screen::Walk(open, walk);
        }
        match &mut self.app.screen {
            Screen::Walk(open, walk) => {
                if open.assessment().respondent(&scope.respondent).is_some() {
                    open.answering = Some(scope.respondent.clone());
                } else {
                    open.read_only = Some(crate::text::fill(
                        crate::text::ui(self.app.lang).not_allowed_here,
                        &[],
                    ));
                }
                if !scope.domains.contains(&walk.domain_id())
                    && let Some((domain, page, selected)) = self.scope_place
                {
                    let all = crate::core::framework::DomainId::ALL;
                    let allowed = |i: usize| scope.domains.contains(&all[i]);
                    // on to the next invited domain the way the key went,
                    // else back where it was
                    let onward = if walk.domain > domain {
                        (walk.domain..all.len()).find(|&i| allowed(i))
                    } else {
                        (0..=walk.domain).rev().find(|&i| allowed(i))
                    };
                    match onward {
                        Some(i) => *walk = super::app::Walk::at_domain(i),
                        None => {
                            walk.domain = domain;
                            walk.page = page;
                            walk.selected = selected;
                        }
                    }
                }
                if !scope.domains.contains(&walk.domain_id()) {
                    let all = crate::core::framework::DomainId::ALL;
                    // the next invited domain after it, round the list
                    let next = (1..=all.len())
                        .map(|k| (walk.domain + k) % all.len())
                        .find(|&i| scope.domains.contains(&all[i]));
                    if let Some(i) = next {
                        *walk = super::app::Walk::at_domain(i);
                    }
                }
                // the stages only: the domain's summary shows its level
                walk.page = walk.page.min(crate::core::framework::STAGES as usize - 1);
                self.scope_place = Some((walk.domain, walk.page, walk.selected));
            }
            // anything else (home after leaving the walk): the session ends
            _ => {
                self.app.quit = true;
                self.end = Some(End::Quit);
            }
        }
    }

    /// Operations not yet saved to disk (kept in the journal).
    pub fn unsaved(&self) -> usize {
        self.unsaved_ops
    }

    /// Tries the failed save again: the journal first, then the profile.
    fn retry_save(&mut self) {
        self.retry_due = None;
        let _ = self.write_journal_now();
        let (_, msg) = self.attempt_save();
        self.dirty = true;
        let effects = self.app.update(msg);
        self.execute(effects);
    }

    /// Appends the operations not yet in the journal.
    pub(super) fn write_journal_now(&mut self) -> Result<(), crate::store::StoreError> {
        if self.unjournaled.is_empty() {
            return Ok(());
        }
        match &mut self.journal {
            Some(journal) => {
                journal.append(&self.unjournaled)?;
                self.unjournaled.clear();
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Starts the draft timer when the note differs from what is on disk.
    fn watch_draft(&mut self) {
        let pending = self.app.pending_draft();
        if pending.is_none() {
            // no note open: a saved or dropped note cleared its draft
            self.draft_written = None;
            self.draft_due = None;
        } else if pending != self.draft_written {
            if self.draft_due.is_none() {
                self.draft_due = Some(self.clock.instant() + DRAFT_INTERVAL);
            }
        } else {
            self.draft_due = None;
        }
    }

    fn write_draft(&mut self) {
        self.draft_due = None;
        let Some(draft) = self.app.pending_draft() else {
            return;
        };
        match self.save_draft(&draft) {
            Ok(()) => self.draft_written = Some(draft),
            Err(error) => {
                let effects = self.app.update(Msg::SaveFailed(error));
                self.execute(effects);
            }
        }
    }

    /// The next frame's bytes: only the cells that changed since the last
    /// frame, wrapped in synchronized output so a slow link never shows
    /// half a frame; empty when nothing changed. The first frame (and the
    /// first after a resize) clears and paints the whole window: output
    /// that was on its way while the window changed size may have landed
    /// garbled, and a diff against it would never mend it.
    pub fn frame(&mut self) -> Vec<u8> {
        self.guarded(|s| {
            if !s.dirty {
                return vec![];
            }
            s.dirty = false;
            // a respondent's session opens its profile before its first frame
            if !s.listed
                && let Access::Respondent(scope) = &s.access
            {
                s.listed = true;
                let id = scope.profile.clone();
                s.execute(vec![Effect::Open {
                    id,
                    new_assessment: false,
                }]);
                s.enforce_scope();
            }
            let bytes = s.draw().unwrap_or_default();
            // the folder is read once the first frame is out, so nothing
            // competes with it
            if !s.listed {
                s.listed = true;
                s.execute(vec![Effect::List]);
            }
            bytes
        })
    }

    fn draw(&mut self) -> io::Result<Vec<u8>> {
        let area = self.area;
        let mut next = Buffer::empty(area);
        draw::render(&mut next, area, &self.app, self.theme);
        if self.theme.ascii {
            ascii_only(&mut next);
        }
        if self.last_frame.as_ref() == Some(&next) {
            return Ok(vec![]);
        }
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        if self.last_frame.is_none() {
            // (`resize` clears the screen and forgets the last frame
            // without asking the terminal where its cursor is)
            self.terminal.resize(area)?;
        }
        self.terminal
            .draw(|frame| *frame.buffer_mut() = next.clone())?;
        queue!(self.terminal.backend_mut(), EndSynchronizedUpdate)?;
        self.last_frame = Some(next);
        Ok(self.frame_bytes.take())
    }

    /// Last writes before the session goes: the note being typed, then the
    /// lock is released. Runs however the session ends (even after a
    /// caught panic, when the state may still hold the note).
    pub fn shutdown(&mut self) {
        if std::mem::replace(&mut self.shut, true) {
            return;
        }
        let _ = catch_unwind(AssertUnwindSafe(|| {
            if let Some(draft) = self.app.pending_draft()
                && Some(&draft) != self.draft_written.as_ref()
            {
                let _ = self.save_draft(&draft);
            }
            // one last try; what still fails stays in the journal
            if self.unsaved.is_some() {
                let _ = self.write_journal_now();
                let _ = self.attempt_save();
            }
            self.close_shared();
        }));
        self.lock = None;
    }

    /// Carries out effects, feeding each result back to the state.
    fn execute(&mut self, effects: Vec<Effect>) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            for msg in self.perform_effect(effect) {
                queue.extend(self.app.update(msg));
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// A session can move to the thread that serves its connection.
const _: fn() = || {
    fn send<T: Send>() {}
    send::<Session>();
};

/// A terminal whose locale is not UTF-8 (the theme's `ascii`: borders are
/// ASCII too) is never sent UTF-8 it did not ask for: every other character
/// of the frame is shown as `?`, one per column it takes, so the layout
/// stays as drawn (the command line escapes such text as `\u{..}`).
fn ascii_only(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        let symbol = cell.symbol();
        if !symbol.is_ascii() {
            let wide = unicode_width::UnicodeWidthStr::width(symbol) >= 2;
            cell.set_symbol(if wide { "??" } else { "?" });
        }
    }
}
