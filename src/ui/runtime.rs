//! The local driver: connects one [`Session`] to this process's terminal.
//!
//! The session core (`session`) does the interface; this file does only
//! what belongs to a process and its terminal: raw mode, the alternate
//! screen, bracketed paste, the signals, the hang-up watch, the panic hook
//! that restores the terminal, the time zone, and the process's exit.
//!
//! ```text
//!  stdin ─► reader thread (poll + read until drained) ─┐
//!  SIGWINCH ─► signal thread ──────────────────────────┼─► loop ─► Session
//!  a listing done ─► the session's waker ──────────────┘     │
//!  stdout ◄── one write per frame ◄───────────────────────────┘
//! ```
//!
//! Input is read here, not by crossterm: crossterm's reader takes 1,024
//! bytes per wake-up and is edge-triggered (crossterm #1057), so a longer
//! paste stopped part-way until the next key. Every byte waiting is read
//! before the session sees the burst.
//!
//! Ways a session ends, and what each does:
//! - q from home, Ctrl-C anywhere: the normal exit.
//! - SIGTERM, SIGHUP, SIGINT, SIGQUIT: a flag, checked in the loop, then the
//!   normal exit.
//! - The terminal goes away (a dropped SSH connection, even under a shell
//!   that does not pass SIGHUP on): the reader sees the hang-up, and the
//!   loop also polls the terminal for one every tick, and exits without
//!   touching it. A signal interrupting that poll (EINTR) is retried, never
//!   taken for a hang-up.
//! - A panic in the session: caught by the session; the terminal is
//!   restored and the process ends with the message (exit status 1).
//! - A kill -9: nothing runs, and little is lost: every answer is saved
//!   when given, and a note being typed is kept as a draft within
//!   `DRAFT_INTERVAL` (one second) of its last change.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use ratatui::crossterm::cursor;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;

use super::app::{Entry, Msg};
use super::clock::LocalClock;
use super::session::{Access, End, Session, SessionConfig};
use super::theme::Theme;
use crate::core::summary::summarize;
use crate::core::{Lang, framework};
use crate::store::{Loaded, Store, settings};
use crate::text::{fill, ui};

/// How often the loop wakes without input to check signals and the terminal.
const TICK: Duration = Duration::from_millis(200);

/// The most read into one burst before it is handed on (a flood of input
/// is parsed in pieces of this size).
const MAX_BURST: usize = 1024 * 1024;

/// What wakes the loop.
enum Wake {
    /// A burst of input bytes.
    Input(Vec<u8>),
    /// The terminal's input ended or failed.
    Gone,
    /// SIGWINCH.
    Resize,
    /// The session's background work finished.
    Session,
}

/// Why the loop ended.
#[derive(Debug, PartialEq, Eq)]
enum Stop {
    Quit,
    Signal,
    TerminalGone,
    Failed(String),
}

/// Runs the interface on `store` until the user quits or the session ends.
/// Its language: `explicit` (`--lang`), else the one remembered in the
/// settings file (chosen with `L` in an earlier run), else `locale`'s.
pub fn run(store: Store, explicit: Option<Lang>, locale: Lang) -> Result<()> {
    run_in_terminal(store, explicit, locale, None)?;
    // The input thread may be stuck in a read that never returns (a gone
    // terminal): leave without waiting for it.
    std::process::exit(0);
}

/// The consultant's interface of `citydx serve`: the same interface, its
/// profiles held by the server's owners (so a respondent's answers show
/// live), with the screen of who is connected. Returns when the
/// consultant quits, for the server to stop.
pub fn run_served(
    store: Store,
    explicit: Option<Lang>,
    locale: Lang,
    profiles: Arc<crate::store::shared::SharedProfiles>,
    connected: Arc<dyn crate::ui::session::ConnectedSource>,
) -> Result<()> {
    run_in_terminal(store, explicit, locale, Some((profiles, connected)))
}

type Served = (
    Arc<crate::store::shared::SharedProfiles>,
    Arc<dyn crate::ui::session::ConnectedSource>,
);

fn run_in_terminal(
    store: Store,
    explicit: Option<Lang>,
    locale: Lang,
    served: Option<Served>,
) -> Result<()> {
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
    let settings_path = settings::settings_path();
    let (lang, settings_problem) = match (explicit, &settings_path) {
        (Some(lang), _) => (lang, None),
        (None, None) => (locale, None),
        (None, Some(path)) => match settings::load_settings(path) {
            Ok(remembered) => (
                settings::interface_lang(None, remembered.lang, locale),
                None,
            ),
            // reported on the status line, and ignored
            Err(e) => (locale, Some(e.message(locale))),
        },
    };
    let theme = Theme::from_env(|name| std::env::var(name).ok());
    // before raw mode: a time zone that cannot be read safely is not read
    let (clock, tz_problem) = LocalClock::from_env();
    let tz_message = tz_problem.map(|p| p.message(lang));
    if let Some(message) = &tz_message {
        eprintln!("citydx: {message}");
    }
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
    let (tx, rx) = mpsc::channel();
    watch_resizes(tx.clone()).context("cannot watch for signals")?;
    let area = window_area().context("cannot read the window's size")?;

    // The terminal is restored on every exit, a panic included.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous_hook(info);
    }));
    enable_raw_mode().context("cannot put the terminal in raw mode")?;
    if let Err(e) = execute!(
        io::stdout(),
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    ) {
        restore_terminal();
        return Err(e).context("cannot set up the terminal");
    }

    spawn_reader(tx.clone());
    let config = SessionConfig {
        lang,
        theme,
        width: area.width,
        height: area.height,
        clock: Box::new(clock),
    };
    let mut session = match served {
        Some((profiles, connected)) => {
            let mut session = Session::served(store, config, profiles, Access::Full, 0);
            session.set_connected_source(connected);
            session
        }
        None => Session::new(store, config),
    };
    let waker = tx.clone();
    session.set_waker(move || {
        let _ = waker.send(Wake::Session);
    });
    if let Some(message) = tz_message {
        let effects = session.app_mut().update(Msg::Info(message));
        debug_assert!(effects.is_empty());
    }
    if let Some(message) = settings_problem {
        let effects = session.app_mut().update(Msg::Problem(message));
        debug_assert!(effects.is_empty());
    }
    let end = event_loop(&mut session, &rx, &stop, settings_path.as_deref());
    session.shutdown();
    if end != Stop::TerminalGone {
        restore_terminal();
    }
    if let Stop::Failed(what) = &end {
        eprintln!("citydx: {}", fill(ui(lang).session_failed, &[what]));
        std::process::exit(1);
    }
    Ok(())
}

fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
}

fn event_loop(
    session: &mut Session,
    rx: &Receiver<Wake>,
    stop: &AtomicBool,
    settings_path: Option<&std::path::Path>,
) -> Stop {
    loop {
        if stop.load(Ordering::Relaxed) {
            return Stop::Signal;
        }
        session.tick();
        match session.ended() {
            Some(End::Quit) => return Stop::Quit,
            Some(End::Failed(what)) => return Stop::Failed(what.clone()),
            None => {}
        }
        let frame = session.frame();
        if let Some(End::Failed(what)) = session.ended() {
            return Stop::Failed(what.clone());
        }
        if write_all(&frame).is_err() {
            return Stop::TerminalGone;
        }
        let wait = session
            .deadline()
            .map_or(TICK, |due| due.saturating_duration_since(Instant::now()))
            .min(TICK);
        let first = match rx.recv_timeout(wait) {
            Ok(wake) => Some(wake),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Stop::TerminalGone,
        };
        if terminal_gone() {
            return Stop::TerminalGone;
        }
        // A resize can go unreported (signals coalesce): the size is also
        // checked on every turn of the loop (an ioctl, no I/O).
        match window_area() {
            Ok(area) => session.resize(area.width, area.height),
            Err(_) => return Stop::TerminalGone,
        }
        // Everything already waiting is handled before the next draw, so a
        // burst of resizes or keys gives one frame.
        for wake in first.into_iter().chain(rx.try_iter()) {
            match wake {
                Wake::Gone => return Stop::TerminalGone,
                Wake::Input(bytes) => session.input(&bytes),
                Wake::Resize | Wake::Session => {}
            }
            remember_lang(session, settings_path);
            if session.ended().is_some() {
                break;
            }
        }
    }
}

/// The language chosen with `L`, if any since the last call, written to
/// the settings file; a failure is said on the status line, never fatal.
fn remember_lang(session: &mut Session, settings_path: Option<&std::path::Path>) {
    let (Some(lang), Some(path)) = (session.take_lang_chosen(), settings_path) else {
        return;
    };
    if let Err(e) = settings::remember_lang(path, lang) {
        let effects = session.app_mut().update(Msg::Problem(e.message(lang)));
        debug_assert!(effects.is_empty());
    }
}

/// Writes a frame to the terminal in one write where it can (the standard
/// output's own buffer is 1 KB and flushes at line ends: a frame went out
/// in a dozen writes, as many packets over SSH).
fn write_all(mut bytes: &[u8]) -> io::Result<()> {
    let out = rustix::stdio::stdout();
    while !bytes.is_empty() {
        match rustix::io::write(out, bytes) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(rustix::io::Errno::INTR) => {}
            Err(rustix::io::Errno::AGAIN) => {
                // a terminal left non-blocking by another program: wait
                // until it takes more, rather than spin
                use rustix::event::{PollFd, PollFlags, Timespec, poll};
                let mut fds = [PollFd::new(&out, PollFlags::OUT)];
                let second = Timespec {
                    tv_sec: 1,
                    tv_nsec: 0,
                };
                // (a hang-up ends the wait, and the next write fails)
                match poll(&mut fds, Some(&second)) {
                    Ok(_) | Err(rustix::io::Errno::INTR) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// SIGWINCH wakes the loop, which then reads the size.
fn watch_resizes(tx: Sender<Wake>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([signal_hook::consts::SIGWINCH])?;
    std::thread::spawn(move || {
        for _ in signals.forever() {
            if tx.send(Wake::Resize).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// Reads the terminal: waits for input, then reads everything waiting (up
/// to [`MAX_BURST`]) and hands it on as one burst.
fn spawn_reader(tx: Sender<Wake>) {
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match wait_readable(None) {
                Readiness::Interrupted => continue,
                Readiness::Gone => {
                    let _ = tx.send(Wake::Gone);
                    return;
                }
                Readiness::Idle | Readiness::Readable => {}
            }
            let mut burst = Vec::new();
            loop {
                match rustix::io::read(rustix::stdio::stdin(), &mut buf[..]) {
                    Ok(0) => {
                        let _ = tx.send(Wake::Input(burst));
                        let _ = tx.send(Wake::Gone);
                        return;
                    }
                    Ok(n) => burst.extend_from_slice(&buf[..n]),
                    Err(rustix::io::Errno::INTR) => continue,
                    Err(rustix::io::Errno::AGAIN) => break,
                    Err(_) => {
                        let _ = tx.send(Wake::Input(burst));
                        let _ = tx.send(Wake::Gone);
                        return;
                    }
                }
                if burst.len() >= MAX_BURST {
                    break;
                }
                // drained when nothing more is waiting right now
                match wait_readable(Some(Duration::ZERO)) {
                    Readiness::Readable => {}
                    Readiness::Interrupted => {}
                    Readiness::Idle | Readiness::Gone => break,
                }
            }
            if !burst.is_empty() && tx.send(Wake::Input(burst)).is_err() {
                return;
            }
        }
    });
}

enum Readiness {
    Readable,
    Idle,
    /// A hang-up, or an error on the terminal.
    Gone,
    /// A signal interrupted the wait: not a hang-up; ask again.
    Interrupted,
}

/// Polls standard input once (`None`: without a time limit).
fn wait_readable(timeout: Option<Duration>) -> Readiness {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = rustix::stdio::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let limit = timeout.map(|t| Timespec {
        tv_sec: t.as_secs() as i64,
        tv_nsec: i64::from(t.subsec_nanos()),
    });
    match poll(&mut fds, limit.as_ref()) {
        Ok(0) => Readiness::Idle,
        Ok(_) => {
            let revents = fds[0].revents();
            if revents.contains(PollFlags::IN) {
                // data first: what was typed before a hang-up is read
                Readiness::Readable
            } else if revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                Readiness::Gone
            } else {
                Readiness::Idle
            }
        }
        Err(rustix::io::Errno::INTR) => Readiness::Interrupted,
        Err(_) => Readiness::Gone,
    }
}

/// Whether the terminal has hung up: a pseudo-terminal whose other side
/// closed reports POLLHUP (or an error) on our side. A poll interrupted by
/// a signal is asked again: only a real hang-up counts.
fn terminal_gone() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = rustix::stdio::stdin();
    let zero = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    loop {
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        match poll(&mut fds, Some(&zero)) {
            Ok(_) => {
                return fds[0]
                    .revents()
                    .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL);
            }
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return true,
        }
    }
}

/// The window's size, as an area at the origin.
fn window_area() -> io::Result<Rect> {
    let size = rustix::termios::tcgetwinsize(rustix::stdio::stdout())?;
    Ok(Rect::new(0, 0, size.ws_col, size.ws_row))
}

/// A listed profile as the home screen shows it.
pub fn entry_of(loaded: &Loaded) -> Entry {
    summarize(
        framework(),
        &loaded.profile,
        loaded.read_only.as_ref().map(|r| r.to_string()),
    )
}
