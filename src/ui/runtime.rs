//! The runtime: owns the terminal, the store and the profile's lock; turns
//! terminal events into messages, carries out the state's effects, draws.
//!
//! Ways a session ends, and what each does:
//! - q from home, Ctrl-C anywhere: the normal exit.
//! - SIGTERM, SIGHUP, SIGINT, SIGQUIT: a flag, checked in the loop, then the
//!   normal exit.
//! - The terminal goes away (a dropped SSH connection, even under a shell
//!   that does not pass SIGHUP on): crossterm 0.29's reader may then spin
//!   without returning (crossterm #793), so the loop polls the terminal for
//!   a hang-up itself every tick and exits without touching it.
//! - A kill -9: nothing runs, and nothing is lost either, because every
//!   answer is saved when given and a note being typed is kept as a draft at
//!   every keystroke.

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use chrono::{Local, SubsecRound, Utc};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute, queue};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::app::{App, Draft, Effect, Entry, Msg};
use super::draw;
use super::theme::Theme;
use crate::core::examples::EXAMPLES;
use crate::core::profile::Profile;
use crate::core::summary::summarize;
use crate::core::{Lang, framework};
use crate::store::{Loaded, LockOutcome, ProfileLock, ReadOnly, Store};
use crate::text::{fill, ui};

/// How often the loop wakes without input to check signals and the terminal.
const TICK: Duration = Duration::from_millis(200);

enum Input {
    Event(Event),
    /// The terminal's input ended or failed.
    Gone,
    /// A listing read in the background, with its generation (a newer
    /// listing makes an older one stale).
    Listed(u64, Msg),
}

/// Why the loop ended.
#[derive(Debug, PartialEq, Eq)]
enum End {
    Quit,
    Signal,
    TerminalGone,
}

/// Runs the interface on `store` until the user quits or the session ends.
pub fn run(store: Store, lang: Lang) -> Result<()> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        bail!(
            "the interface needs a terminal, and standard input or output is not one; the commands work without one (citydx --help)"
        );
    }
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        bail!(
            "TERM=dumb: this terminal cannot draw the interface; set TERM (for example xterm-256color) or use the commands (citydx --help)"
        );
    }
    let theme = Theme::from_env(|name| std::env::var(name).ok());
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot watch for signals")?;
    }

    // The terminal is restored on every exit, a panic included.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous_hook(info);
    }));
    enable_raw_mode().context("cannot put the terminal in raw mode")?;
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen, cursor::Hide).context("cannot set up the terminal")?;
    // A frame leaves in one write (the standard output's own buffer holds
    // 1 KB: a frame went out in a dozen writes, as many packets over SSH).
    // The viewport is fixed and resized by the loop, which asks the size
    // with one ioctl; ratatui's automatic resizing asks crossterm, which
    // opens /dev/tty for every frame.
    let frames = io::BufWriter::with_capacity(64 * 1024, io::stdout());
    let viewport = Viewport::Fixed(window_area().context("cannot read the window's size")?);
    let terminal =
        Terminal::with_options(CrosstermBackend::new(frames), TerminalOptions { viewport });
    let mut terminal = match terminal {
        Ok(t) => t,
        Err(e) => {
            restore_terminal();
            return Err(e).context("cannot set up the terminal");
        }
    };

    let (tx, rx) = mpsc::channel();
    let events = tx.clone();
    std::thread::spawn(move || {
        loop {
            match event::read() {
                Ok(event) => {
                    if events.send(Input::Event(event)).is_err() {
                        break;
                    }
                }
                Err(_) => {
                    let _ = events.send(Input::Gone);
                    break;
                }
            }
        }
    });

    let today = Local::now().date_naive();
    let mut runtime = Runtime {
        store,
        lock: None,
        app: App::new(lang, today),
        tx: tx.clone(),
        list_generation: 0,
    };
    let end = runtime.event_loop(&mut terminal, &rx, &stop, theme);
    runtime.shutdown();
    if end != End::TerminalGone {
        restore_terminal();
    }
    // The input thread may be stuck in a read that never returns (a gone
    // terminal): leave without waiting for it.
    std::process::exit(0);
}

fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), LeaveAlternateScreen, cursor::Show);
}

/// Whether the terminal has hung up: a pseudo-terminal whose other side
/// closed reports POLLHUP (or an error) on our side.
#[cfg(unix)]
fn terminal_gone() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = rustix::stdio::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let zero = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    match poll(&mut fds, Some(&zero)) {
        Ok(_) => fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(_) => true,
    }
}

#[cfg(not(unix))]
fn terminal_gone() -> bool {
    false
}

struct Runtime {
    store: Store,
    lock: Option<ProfileLock>,
    app: App,
    /// Where background work (listings) reports back.
    tx: mpsc::Sender<Input>,
    list_generation: u64,
}

impl Runtime {
    fn event_loop<W: Write>(
        &mut self,
        terminal: &mut Terminal<CrosstermBackend<W>>,
        rx: &Receiver<Input>,
        stop: &AtomicBool,
        theme: Theme,
    ) -> End {
        let mut dirty = true;
        let mut listed = false;
        let mut last_frame: Option<Buffer> = None;
        loop {
            if stop.load(Ordering::Relaxed) {
                return End::Signal;
            }
            if self.app.quit {
                return End::Quit;
            }
            if dirty {
                if draw_frame(terminal, &self.app, theme, &mut last_frame).is_err() {
                    return End::TerminalGone;
                }
                dirty = false;
                // the folder is read once the first frame is out, so nothing
                // competes with it
                if !listed {
                    listed = true;
                    self.execute(vec![Effect::List]);
                }
            }
            let first = match rx.recv_timeout(TICK) {
                Ok(input) => Some(input),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return End::TerminalGone,
            };
            if terminal_gone() {
                return End::TerminalGone;
            }
            // A resize can go unreported: crossterm drops the window-size
            // signal when a key arrives in the same instant. So the size is
            // also checked on every turn of the loop (an ioctl, no I/O).
            if let (Some(last), Ok(area)) = (&last_frame, window_area())
                && last.area != area
            {
                last_frame = None;
                dirty = true;
            }
            // Everything already waiting is handled before the next draw,
            // so a burst of resizes or keys gives one frame.
            for input in first.into_iter().chain(rx.try_iter()) {
                match input {
                    Input::Gone => return End::TerminalGone,
                    Input::Event(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                        // While the window is too small to show what a key
                        // does, keys do nothing (but Ctrl-C still quits).
                        let too_small = window_area().is_ok_and(|area| {
                            area.width < draw::MIN_WIDTH || area.height < draw::MIN_HEIGHT
                        });
                        let quit = key.code == KeyCode::Char('c')
                            && key.modifiers.contains(KeyModifiers::CONTROL);
                        if too_small && !quit {
                            continue;
                        }
                        let effects = self.app.update(Msg::Key(key));
                        self.execute(effects);
                        dirty = true;
                    }
                    Input::Event(Event::Resize(..)) => {
                        last_frame = None;
                        dirty = true;
                    }
                    Input::Listed(generation, msg) => {
                        if generation == self.list_generation {
                            let effects = self.app.update(msg);
                            self.execute(effects);
                            dirty = true;
                        }
                    }
                    Input::Event(_) => {}
                }
                if self.app.quit {
                    break;
                }
            }
        }
    }

    /// Carries out effects, feeding each result back to the state.
    fn execute(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            for msg in self.perform(effect) {
                queue.extend(self.app.update(msg));
            }
        }
    }

    fn perform(&mut self, effect: Effect) -> Vec<Msg> {
        let s = ui(self.app.lang);
        match effect {
            Effect::List => {
                // Read in the background: the first frame and the keyboard
                // never wait for a large folder.
                self.list_generation += 1;
                let generation = self.list_generation;
                let store = self.store.clone();
                let tx = self.tx.clone();
                std::thread::spawn(move || {
                    let msg = match store.summaries() {
                        Ok(listing) => Msg::Listed {
                            entries: listing.summaries,
                            skipped: listing.skipped,
                            folder: store.dir().display().to_string(),
                        },
                        Err(e) => Msg::OpenFailed(e.to_string()),
                    };
                    let _ = tx.send(Input::Listed(generation, msg));
                });
                vec![]
            }
            Effect::Open { id, new_assessment } => {
                self.lock = None;
                let loaded = match self.store.load(&id) {
                    Ok(loaded) => loaded,
                    Err(e) => return vec![Msg::OpenFailed(e.to_string())],
                };
                let mut msgs = vec![];
                let read_only = match loaded.read_only {
                    Some(reason) => Some(reason.to_string()),
                    None => match self.store.lock(&id) {
                        Ok(LockOutcome::Acquired { lock, took_over }) => {
                            self.lock = Some(lock);
                            if let Some(holder) = took_over {
                                msgs.push(Msg::Info(fill(ui(self.app.lang).took_over, &[&holder])));
                            }
                            None
                        }
                        Ok(LockOutcome::Held(holder)) => Some(ReadOnly::Held(holder).to_string()),
                        Err(_) => Some(ReadOnly::NotWritable.to_string()),
                    },
                };
                let draft = read_only
                    .is_none()
                    .then(|| self.store.drafts_of(&id).into_iter().next())
                    .flatten()
                    .and_then(|(_, text)| serde_json::from_str::<Draft>(&text).ok());
                // after any notice, which the opened profile may add to
                msgs.push(Msg::Opened {
                    profile: Box::new(loaded.profile),
                    read_only,
                    new_assessment,
                    draft,
                });
                msgs
            }
            Effect::Create(mut profile) => {
                let now = Utc::now().trunc_subsecs(0);
                profile.created = now;
                profile.updated = now;
                match self.store.exists(&profile.id) {
                    Ok(false) => {}
                    Ok(true) => {
                        return vec![Msg::CreateFailed(fill(s.error_id_taken, &[&profile.id]))];
                    }
                    Err(e) => return vec![Msg::CreateFailed(e.to_string())],
                }
                self.lock = None;
                let lock = match self.store.lock(&profile.id) {
                    Ok(LockOutcome::Acquired { lock, .. }) => lock,
                    Ok(LockOutcome::Held(holder)) => {
                        return vec![Msg::CreateFailed(ReadOnly::Held(holder).to_string())];
                    }
                    Err(e) => return vec![Msg::CreateFailed(e.to_string())],
                };
                match self.store.save(&profile, &lock) {
                    Ok(_) => {
                        self.lock = Some(lock);
                        vec![
                            Msg::Opened {
                                profile,
                                read_only: None,
                                new_assessment: false,
                                draft: None,
                            },
                            saved(now),
                        ]
                    }
                    Err(e) => vec![Msg::CreateFailed(e.to_string())],
                }
            }
            Effect::Save(mut profile) => {
                let Some(lock) = &self.lock else {
                    return vec![Msg::SaveFailed(format!(
                        "{}: not saved, this session does not hold the profile",
                        profile.id
                    ))];
                };
                let now = Utc::now().trunc_subsecs(0);
                profile.updated = now;
                match self.store.save(&profile, lock) {
                    Ok(_) => vec![saved(now)],
                    Err(e) => vec![Msg::SaveFailed(e.to_string())],
                }
            }
            Effect::SaveDraft(draft) => {
                let text = serde_json::to_string(&draft).unwrap_or_default();
                match self.store.save_draft(&draft.key(), &text) {
                    Ok(()) => vec![],
                    Err(e) => vec![Msg::SaveFailed(e.to_string())],
                }
            }
            Effect::ClearDraft(key) => match self.store.clear_draft(&key) {
                Ok(()) => vec![],
                Err(e) => vec![Msg::SaveFailed(e.to_string())],
            },
            Effect::Close => {
                self.lock = None;
                vec![]
            }
            Effect::Trash(id) => {
                let result = match self.store.lock(&id) {
                    Ok(LockOutcome::Acquired { lock, .. }) => {
                        self.store.trash(&id, &lock).map_err(|e| e.to_string())
                    }
                    Ok(LockOutcome::Held(holder)) => Err(ReadOnly::Held(holder).to_string()),
                    Err(e) => Err(e.to_string()),
                };
                match result {
                    Ok(to) => vec![Msg::Info(fill(ui(self.app.lang).trashed, &[&to.display()]))],
                    Err(e) => vec![Msg::OpenFailed(e)],
                }
            }
            Effect::AddExamples => {
                let mut added = 0;
                for (id, text) in EXAMPLES {
                    if self.store.exists(id).unwrap_or(true) {
                        continue;
                    }
                    let Ok(profile) = Profile::from_json(text) else {
                        continue;
                    };
                    if let Ok(LockOutcome::Acquired { lock, .. }) = self.store.lock(id) {
                        match self.store.save(&profile, &lock) {
                            Ok(_) => added += 1,
                            Err(e) => return vec![Msg::SaveFailed(e.to_string())],
                        }
                    }
                }
                vec![Msg::Info(fill(ui(self.app.lang).examples_added, &[&added]))]
            }
            Effect::Export {
                profile,
                assessment,
                base,
            } => {
                let s = ui(self.app.lang);
                let base = std::path::PathBuf::from(base);
                let folder = match base.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => std::path::PathBuf::from("."),
                };
                // never next to the profiles: a .json there would be taken
                // for a profile (or replace one)
                let same = |a: &std::path::Path, b: &std::path::Path| match (
                    a.canonicalize(),
                    b.canonicalize(),
                ) {
                    (Ok(a), Ok(b)) => a == b,
                    _ => false,
                };
                if same(&folder, self.store.dir()) {
                    return vec![Msg::SaveFailed(fill(
                        s.error_export_folder,
                        &[&folder.display()],
                    ))];
                }
                let mut written = vec![];
                for format in crate::report::Format::ALL {
                    let mut path = base.clone().into_os_string();
                    path.push(".");
                    path.push(format.extension());
                    let path = std::path::PathBuf::from(path);
                    let text = crate::report::render(format, &profile, assessment, self.app.lang);
                    if let Err(e) = crate::store::atomic::write_atomic(&path, text.as_bytes()) {
                        return vec![Msg::SaveFailed(format!("{}: {e}", path.display()))];
                    }
                    written.push(path);
                }
                // where, once and in full: /folder/name.md, .html, .json
                let first = written
                    .first()
                    .map(|p| p.canonicalize().unwrap_or_else(|_| p.clone()))
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let rest: Vec<String> = crate::report::Format::ALL[1..]
                    .iter()
                    .map(|f| format!(".{}", f.extension()))
                    .collect();
                let where_ = format!("{first}, {}", rest.join(", "));
                vec![Msg::Info(fill(s.exported, &[&where_]))]
            }
            Effect::LoadForCompare { ids, timeline } => {
                let mut profiles = vec![];
                for id in ids {
                    match self.store.load(&id) {
                        Ok(loaded) => profiles.push(loaded.profile),
                        Err(e) => return vec![Msg::OpenFailed(e.to_string())],
                    }
                }
                vec![Msg::ForCompare { profiles, timeline }]
            }
            Effect::Quit => vec![],
        }
    }

    /// Last writes before the process ends: the note being typed (already
    /// kept at every keystroke; written once more in case the last write
    /// failed), then the lock is released.
    fn shutdown(&mut self) {
        if let Some(draft) = self.app.pending_draft() {
            let text = serde_json::to_string(&draft).unwrap_or_default();
            let _ = self.store.save_draft(&draft.key(), &text);
        }
        self.lock = None;
    }
}

fn saved(at: chrono::DateTime<Utc>) -> Msg {
    Msg::Saved {
        at,
        label: at.with_timezone(&Local).format("%H:%M:%S").to_string(),
    }
}

/// The window's size, as an area at the origin.
#[cfg(unix)]
fn window_area() -> io::Result<Rect> {
    let size = rustix::termios::tcgetwinsize(rustix::stdio::stdout())?;
    Ok(Rect::new(0, 0, size.ws_col, size.ws_row))
}

#[cfg(not(unix))]
fn window_area() -> io::Result<Rect> {
    let (width, height) = ratatui::crossterm::terminal::size()?;
    Ok(Rect::new(0, 0, width, height))
}

/// One frame, wrapped in synchronized output so a slow link never shows
/// half a frame; ratatui sends only the cells that changed, and a frame
/// that equals the last one sent writes nothing at all (not even the
/// synchronization markers).
fn draw_frame<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    app: &App,
    theme: Theme,
    last: &mut Option<Buffer>,
) -> io::Result<()> {
    let area = window_area()?;
    let mut next = Buffer::empty(area);
    draw::render(&mut next, area, app, theme);
    if last.as_ref() == Some(&next) {
        return Ok(());
    }
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    if last.is_none() {
        // At the start and after a resize the whole screen is sent again:
        // output that was on its way while the window changed size may have
        // landed garbled, and a diff against it would never mend it.
        // (`resize` clears the screen and forgets the last frame without
        // asking the terminal where its cursor is, as `clear` would.)
        terminal.resize(area)?;
    }
    terminal.draw(|frame| *frame.buffer_mut() = next.clone())?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    *last = Some(next);
    Ok(())
}

/// A listed profile as the home screen shows it.
pub fn entry_of(loaded: &Loaded) -> Entry {
    summarize(
        framework(),
        &loaded.profile,
        loaded.read_only.as_ref().map(|r| r.to_string()),
    )
}
