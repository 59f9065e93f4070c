//! `citydx serve`: the interview served over SSH, and nothing else.
//!
//! ```text
//!  TCP ─► russh (key exchange, strict kex) ─► Conn (auth, channel requests)
//!                                               │ bytes, sizes
//!                                               ▼
//!                     one thread per session: ui::session::Session (role: respondent)
//!                                               │ operations          │ frames
//!                                               ▼                     ▼
//!                     store::shared (one owner per profile)     Outbox ─► the client
//! ```
//!
//! Access is by invitation ([`Gate`]): a code typed at a keyboard-
//! interactive prompt, or the respondent's own key. A respondent's session
//! may have only its own voices saved (`Session::allowed`); every request
//! the server does not serve (exec, subsystem, forwarding, agent, X11) is
//! refused and logged.

pub mod gate;
pub mod limits;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use russh::keys::ssh_key::{HashAlg, LineEnding, PrivateKey, private::Ed25519Keypair};
use russh::server::{Auth, Handler, Msg as SshMsg, Session as SshSession};
use russh::{Channel, ChannelId, MethodKind, MethodSet};
use tokio::sync::Notify;

pub use limits::Limits;

use crate::core::Lang;
use crate::core::framework::DomainId;
use crate::store::Store;
use crate::store::shared::SharedProfiles;
use crate::text::{fill, serve::serve as words};
use crate::ui::clock::LocalClock;
use crate::ui::screens::connected::{ConnectedRow, Live};
use crate::ui::session::{Access, ConnectedSource, Scope, Session, SessionConfig};
use crate::ui::theme::Theme;

/// Who an invitation lets in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guest {
    pub user: String,
    pub profile: String,
    pub respondent: String,
    pub domains: Vec<DomainId>,
    pub expires: chrono::DateTime<chrono::Utc>,
}

/// What the invitations say of a login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admission {
    Accepted(Guest),
    /// Refused: why, for the log (never the code or the key), and whether
    /// the user name belongs to an invitation (an unknown one is logged
    /// as unknown, not as typed).
    Refused {
        why: String,
        known: bool,
    },
}

/// The invitations, as the server asks them.
pub trait Gate: Send + Sync + 'static {
    fn check_code(&self, user: &str, code: &str) -> Admission;
    fn check_key(&self, user: &str, key_openssh: &str) -> Admission;
    /// Every invitation: who, until when, and whether it can be used
    /// (not expired, revoked or burnt).
    fn invitations(&self) -> Vec<(Guest, chrono::DateTime<chrono::Utc>, bool)>;
    /// When the invitations last changed: they are read for revoked ones
    /// only when this changes.
    fn modified(&self) -> Option<std::time::SystemTime>;
    /// The user names of the revoked invitations (`None` when the
    /// invitations cannot be read: nothing is ended on a failed read).
    fn revoked(&self) -> Option<Vec<String>>;
}

/// Where the server writes who came and what they were told.
pub trait Journal: Send + Sync + 'static {
    fn event(&self, from: &str, user: Option<&str>, event: &str);
}

/// How the server runs.
pub struct Options {
    pub listen: SocketAddr,
    pub public: bool,
    pub limits: Limits,
    pub lang: Lang,
    /// The folder of the host key (the platform's data folder).
    pub data_dir: std::path::PathBuf,
}

/// The host key: read, or made (Ed25519) on first use; with its SHA-256
/// fingerprint, which is also written beside it for `citydx invite`.
pub fn host_key(data_dir: &std::path::Path) -> Result<(PrivateKey, String, bool)> {
    let (text, made) = crate::store::hostkey::load_or_create(data_dir, || {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| e.to_string())?;
        let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
        key.to_openssh(LineEnding::LF)
            .map(|t| t.to_string())
            .map_err(|e| e.to_string())
    })?;
    let path = data_dir.join(crate::store::hostkey::HOST_KEY_FILE);
    let key = PrivateKey::from_openssh(text.as_bytes())
        .with_context(|| format!("{}: not an OpenSSH private key", path.display()))?;
    let fingerprint = key.public_key().fingerprint(HashAlg::Sha256).to_string();
    crate::store::hostkey::write_fingerprint(data_dir, &fingerprint)?;
    Ok((key, fingerprint, made))
}

/// What every connection shares.
struct Shared {
    gate: Arc<dyn Gate>,
    journal: Arc<dyn Journal>,
    profiles: Arc<SharedProfiles>,
    store: Store,
    limits: Limits,
    lang: Lang,
    unauthenticated: AtomicUsize,
    sessions: AtomicUsize,
    /// Live sessions per invitation (by user name).
    live: Mutex<HashMap<String, usize>>,
    /// Authentication failures in the current minute.
    failures: Mutex<(Instant, usize)>,
    /// Every session's line to its thread, to tell them the server stops.
    stops: Mutex<Vec<std_mpsc::Sender<Event>>>,
    next_session: AtomicU64,
    /// The live sessions, by number.
    registry: Mutex<std::collections::BTreeMap<u64, LiveEntry>>,
}

impl Shared {
    /// One more failure; whether the overall rate is exceeded.
    fn failed(&self) -> bool {
        let mut f = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if now.duration_since(f.0) > Duration::from_secs(60) {
            *f = (now, 0);
        }
        f.1 += 1;
        f.1 > self.limits.auth_failures_per_minute
    }

    fn over_failure_rate(&self) -> bool {
        let f = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        Instant::now().duration_since(f.0) <= Duration::from_secs(60)
            && f.1 >= self.limits.auth_failures_per_minute
    }
}

/// What a session's thread is told.
enum Event {
    Input(Vec<u8>),
    Resize(u16, u16),
    /// The connection is gone.
    Hangup,
    /// The server stops.
    Stop,
    /// The consultant revoked the session's invitation.
    Revoked,
    /// Background work finished.
    Wake,
}

/// Frames on their way to one client: bounded; when the client stops
/// reading, the queue is dropped and the next frame is a whole one.
struct Outbox {
    queue: Mutex<OutboxState>,
    ready: Notify,
}

#[derive(Default)]
struct OutboxState {
    chunks: std::collections::VecDeque<Vec<u8>>,
    bytes: usize,
    closed: bool,
}

impl Outbox {
    /// Queues a frame; `false` when it would take the queue over `limit`:
    /// then the queue is dropped and so is the frame (the session must
    /// repaint whole). A frame onto an empty queue is always kept, however
    /// large (a whole window is bounded by the window limit), so a client
    /// gets whole frames even under a small limit.
    fn push(&self, bytes: Vec<u8>, limit: usize) -> bool {
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        let kept = q.chunks.is_empty() || q.bytes + bytes.len() <= limit;
        if !kept {
            q.chunks.clear();
            q.bytes = 0;
        } else {
            q.bytes += bytes.len();
            q.chunks.push_back(bytes);
        }
        drop(q);
        self.ready.notify_one();
        kept
    }

    fn close(&self) {
        self.queue.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        self.ready.notify_one();
    }

    /// The next chunk, or `None` once closed and empty.
    async fn next(&self) -> Option<Vec<u8>> {
        loop {
            {
                let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(chunk) = q.chunks.pop_front() {
                    q.bytes -= chunk.len();
                    return Some(chunk);
                }
                if q.closed {
                    return None;
                }
            }
            self.ready.notified().await;
        }
    }
}

/// One connection.
struct Conn {
    shared: Arc<Shared>,
    peer: String,
    /// Counted among the unauthenticated until it logs in or goes.
    counted: bool,
    guest: Option<Guest>,
    channel: Option<ChannelId>,
    term: Option<String>,
    size: (u16, u16),
    /// The client's LANG (or LC_ALL, LC_CTYPE), when sent: never set in
    /// the process environment.
    env: Vec<(String, String)>,
    to_session: Option<std_mpsc::Sender<Event>>,
    input: Option<limits::Bucket>,
    /// Set once logged in (the login timer reads it).
    authed: Arc<std::sync::atomic::AtomicBool>,
}

impl Conn {
    fn log(&self, user: Option<&str>, event: &str) {
        self.shared.journal.event(&self.peer, user, event);
    }

    fn admitted(&mut self, user: &str, admission: Admission, how: &str) -> Auth {
        match admission {
            Admission::Accepted(guest) => {
                let mut live = self.shared.live.lock().unwrap_or_else(|e| e.into_inner());
                if live.get(&guest.user).copied().unwrap_or(0)
                    >= self.shared.limits.sessions_per_invitation
                {
                    drop(live);
                    self.log(Some(&guest.user), "refused: a session is already live");
                    return Auth::reject();
                }
                if self.shared.sessions.load(Ordering::Acquire) >= self.shared.limits.sessions {
                    drop(live);
                    self.log(Some(&guest.user), "refused: too many sessions");
                    return Auth::reject();
                }
                *live.entry(guest.user.clone()).or_default() += 1;
                drop(live);
                self.shared.sessions.fetch_add(1, Ordering::AcqRel);
                self.log(Some(&guest.user), &format!("accepted {how}"));
                self.uncount();
                self.guest = Some(guest);
                self.authed.store(true, Ordering::Release);
                Auth::Accept
            }
            Admission::Refused { why, known } => {
                // a name no invitation has is logged as unknown: people
                // type codes into the wrong field
                self.log(known.then_some(user), &format!("refused: {why}"));
                self.shared.failed();
                Auth::reject()
            }
        }
    }

    fn uncount(&mut self) {
        if std::mem::replace(&mut self.counted, false) {
            self.shared.unauthenticated.fetch_sub(1, Ordering::AcqRel);
        }
    }

    fn refuse(&self, session: &mut SshSession, channel: ChannelId, what: &str) {
        self.log(
            self.guest.as_ref().map(|g| g.user.as_str()),
            &format!("refused: {what}"),
        );
        let _ = session.channel_failure(channel);
    }

    /// Starts the respondent's session on its own thread.
    fn start(&mut self, handle: russh::server::Handle, channel: ChannelId) -> Result<(), String> {
        let Some(guest) = self.guest.clone() else {
            return Err("not logged in".into());
        };
        let get = |name: &str| {
            self.env
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .or_else(|| (name == "TERM").then(|| self.term.clone()).flatten())
        };
        let lang = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|n| get(n))
            .find(|v| !v.is_empty())
            .map(|v| {
                if v.starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                }
            })
            .unwrap_or(self.shared.lang);
        let theme = Theme::from_env(get);
        let (width, height) = self.size;
        let number = self.shared.next_session.fetch_add(1, Ordering::AcqRel);
        let mut session = Session::served(
            self.shared.store.clone(),
            SessionConfig {
                lang,
                theme,
                width,
                height,
                clock: Box::new(LocalClock::from_env().0),
            },
            self.shared.profiles.clone(),
            Access::Respondent(Scope {
                profile: guest.profile.clone(),
                respondent: guest.respondent.clone(),
                domains: guest.domains.clone(),
            }),
            number,
        );
        session.set_text_limit(self.shared.limits.note_bytes);
        let (tx, rx) = std_mpsc::channel();
        let wake = tx.clone();
        session.set_waker(move || {
            let _ = wake.send(Event::Wake);
        });
        self.shared
            .stops
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx.clone());
        self.to_session = Some(tx);
        let outbox = Arc::new(Outbox {
            queue: Mutex::new(OutboxState::default()),
            ready: Notify::new(),
        });
        // the writer: frames to the client, then the channel closed
        let out = outbox.clone();
        tokio::spawn(async move {
            while let Some(chunk) = out.next().await {
                if handle.data(channel, chunk).await.is_err() {
                    break;
                }
            }
            let _ = handle.exit_status_request(channel, 0).await;
            let _ = handle.eof(channel).await;
            let _ = handle.close(channel).await;
        });
        self.shared
            .registry
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(
                number,
                LiveEntry {
                    guest: guest.clone(),
                    from: self.peer.clone(),
                    since: chrono::Utc::now(),
                    expires: guest.expires,
                    to_session: self.to_session.clone(),
                },
            );
        let shared = self.shared.clone();
        let user = guest.user.clone();
        let peer = self.peer.clone();
        std::thread::Builder::new()
            .name(format!("session-{number}"))
            .stack_size(256 * 1024)
            .spawn(move || {
                run_session(&mut session, &rx, &outbox, &shared);
                session.shutdown();
                drop(session);
                outbox.close();
                leave(&shared, &user);
                shared
                    .registry
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(&number);
                shared.sessions.fetch_sub(1, Ordering::AcqRel);
                shared.journal.event(&peer, Some(&user), "session ended");
            })
            .map_err(|e| e.to_string())?;
        Ok(())
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.uncount();
        match &self.to_session {
            Some(tx) => {
                let _ = tx.send(Event::Hangup);
            }
            None => {
                // logged in but never started a session
                if let Some(guest) = &self.guest {
                    leave(&self.shared, &guest.user);
                    self.shared.sessions.fetch_sub(1, Ordering::AcqRel);
                }
            }
        }
    }
}

/// One live session of invitation `user` fewer.
fn leave(shared: &Shared, user: &str) {
    let mut live = shared.live.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(n) = live.get_mut(user) {
        *n = n.saturating_sub(1);
        if *n == 0 {
            live.remove(user);
        }
    }
}

/// A session's thread: input in, frames out, until it ends, the
/// connection goes or the server stops.
fn run_session(
    session: &mut Session,
    rx: &std_mpsc::Receiver<Event>,
    outbox: &Outbox,
    shared: &Shared,
) {
    // whether a whole repaint is owed (frames were dropped)
    let send = |session: &mut Session| -> bool {
        let frame = session.frame();
        if !frame.is_empty() && !outbox.push(frame, shared.limits.frame_queue) {
            // the client stopped reading: the queue was dropped; the next
            // frame is the whole window (which an empty queue always takes)
            session.repaint();
            return true;
        }
        false
    };
    let mut owed = send(session);
    // idle: no input for `limits.idle` (keepalive replies do not count)
    let mut last_input = Instant::now();
    loop {
        if session.ended().is_some() {
            // ended before the walk could open (the profile gone, held
            // elsewhere): the respondent is told why, not just cut off
            let app = session.app();
            if app.screen.open().is_none()
                && let Some(error) = &app.status.error
            {
                let told = format!(
                    "\x1b[?1049l\x1b[?25h\r\n{}\r\n",
                    fill(words(app.lang).cannot_start, &[error])
                );
                outbox.push(told.into_bytes(), usize::MAX);
            }
            return;
        }
        if last_input.elapsed() >= shared.limits.idle {
            let lang = session.app().lang;
            let told = format!("\x1b[?1049l\x1b[?25h\r\n{}\r\n", words(lang).told_idle);
            session.shutdown();
            outbox.push(told.into_bytes(), usize::MAX);
            return;
        }
        // asleep until an event, the session's own deadline or the idle
        // limit: an idle session costs nothing but the keepalives
        let idle_left = shared.limits.idle.saturating_sub(last_input.elapsed());
        let mut wait = session
            .deadline()
            .map(|at| at.saturating_duration_since(Instant::now()))
            .unwrap_or(idle_left)
            .min(idle_left);
        if owed {
            // the whole window goes out soon, not at the next key
            wait = wait.min(REPAINT_AFTER);
        }
        match rx.recv_timeout(wait) {
            Ok(Event::Input(bytes)) => {
                last_input = Instant::now();
                session.input(&bytes);
            }
            Ok(Event::Resize(w, h)) => session.resize(w, h),
            Ok(Event::Wake) | Err(std_mpsc::RecvTimeoutError::Timeout) => {}
            Ok(Event::Hangup) | Err(std_mpsc::RecvTimeoutError::Disconnected) => return,
            Ok(event @ (Event::Stop | Event::Revoked)) => {
                let words = words(session.app().lang);
                let why = if matches!(event, Event::Stop) {
                    words.told_stopping
                } else {
                    words.told_revoked
                };
                let told = format!("\x1b[?1049l\x1b[?25h\r\n{why}\r\n");
                session.shutdown();
                outbox.push(told.into_bytes(), usize::MAX);
                return;
            }
        }
        session.tick();
        owed = send(session);
    }
}

/// How often the invitations are read for revoked ones while sessions
/// are live.
const REVOKED_EVERY: Duration = Duration::from_secs(2);

/// Ends the live sessions whose invitation is among `revoked` (each once:
/// a session told goes from the registry as it ends); how many.
fn end_revoked(shared: &Shared, revoked: &[String]) -> usize {
    let registry = shared.registry.lock().unwrap_or_else(|e| e.into_inner());
    registry
        .values()
        .filter(|entry| revoked.contains(&entry.guest.user))
        .filter_map(|entry| entry.to_session.as_ref())
        .filter(|tx| tx.send(Event::Revoked).is_ok())
        .count()
}

/// After frames were dropped, how soon the whole window is sent.
const REPAINT_AFTER: Duration = Duration::from_millis(200);

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(Auth::Reject {
            proceed_with_methods: Some(methods()),
            partial_success: false,
        })
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        if self.shared.over_failure_rate() {
            self.log(None, "refused: too many failures");
            return Ok(Auth::reject());
        }
        let Some(mut response) = response else {
            // the same prompt for every user name, invited or not
            return Ok(Auth::Partial {
                name: "citydx".into(),
                instructions: "".into(),
                prompts: vec![(words(self.shared.lang).code_prompt.into(), false)].into(),
            });
        };
        let code = response
            .next()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        // the invitations file is read (and a failure written) under its
        // lock: off the network threads
        let gate = self.shared.gate.clone();
        let name = user.to_string();
        let admission = tokio::task::spawn_blocking(move || gate.check_code(&name, &code))
            .await
            .unwrap_or(Admission::Refused {
                why: "check failed".into(),
                known: false,
            });
        Ok(self.admitted(user, admission, "code"))
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        _offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(Auth::Accept)
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        let line = key.public_key.to_openssh().unwrap_or_default();
        let gate = self.shared.gate.clone();
        let name = user.to_string();
        let admission = tokio::task::spawn_blocking(move || gate.check_key(&name, &line))
            .await
            .unwrap_or(Admission::Refused {
                why: "check failed".into(),
                known: false,
            });
        Ok(self.admitted(user, admission, "key"))
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<SshMsg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if self.guest.is_some() && self.channel.is_none() {
            self.channel = Some(channel.id());
            reply.accept().await;
        } else {
            self.log(
                self.guest.as_ref().map(|g| g.user.as_str()),
                "refused: a second channel",
            );
            drop(reply);
        }
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<SshMsg>,
        _host: &str,
        _port: u32,
        _from: &str,
        _from_port: u32,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.log(
            self.guest.as_ref().map(|g| g.user.as_str()),
            "refused: port forwarding (direct-tcpip)",
        );
        drop(reply);
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        width: u32,
        height: u32,
        _pw: u32,
        _ph: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel {
            self.refuse(session, channel, "pty on an unknown channel");
            return Ok(());
        }
        self.term = Some(term.chars().take(64).collect());
        self.size = self.shared.limits.clamp_window(width, height);
        let _ = session.channel_success(channel);
        Ok(())
    }

    async fn env_request(
        &mut self,
        _channel: ChannelId,
        name: &str,
        value: &str,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        // the locale only, kept for this session
        if ["LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES"].contains(&name) && self.env.len() < 8 {
            self.env
                .push((name.to_string(), value.chars().take(64).collect()));
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel || self.to_session.is_some() {
            self.refuse(session, channel, "a second shell");
            return Ok(());
        }
        match self.start(session.handle(), channel) {
            Ok(()) => {
                let _ = session.channel_success(channel);
            }
            Err(why) => {
                let text = fill(words(self.shared.lang).cannot_start, &[&why]);
                let _ = session.data(channel, format!("{text}\r\n").into_bytes());
                let _ = session.channel_failure(channel);
                let _ = session.close(channel);
            }
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.refuse(session, channel, "exec");
        let _ = session.close(channel);
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        let name: String = name.chars().take(32).collect();
        self.refuse(session, channel, &format!("subsystem {name}"));
        let _ = session.close(channel);
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.refuse(session, channel, "x11 forwarding");
        Ok(())
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.log(
            self.guest.as_ref().map(|g| g.user.as_str()),
            "refused: agent forwarding",
        );
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.log(
            self.guest.as_ref().map(|g| g.user.as_str()),
            "refused: remote port forwarding",
        );
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _path: &str,
        _session: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.log(
            self.guest.as_ref().map(|g| g.user.as_str()),
            "refused: socket forwarding",
        );
        Ok(false)
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        width: u32,
        height: u32,
        _pw: u32,
        _ph: u32,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if Some(channel) == self.channel {
            self.size = self.shared.limits.clamp_window(width, height);
            if let Some(tx) = &self.to_session {
                let _ = tx.send(Event::Resize(self.size.0, self.size.1));
            }
        }
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel {
            return Ok(());
        }
        let now = Instant::now();
        let limits = &self.shared.limits;
        let bucket = self
            .input
            .get_or_insert_with(|| limits::Bucket::new(limits.input_rate, limits.input_burst, now));
        let passed = bucket.take(data.len(), now);
        if let (Some(tx), true) = (&self.to_session, passed > 0) {
            let _ = tx.send(Event::Input(data[..passed].to_vec()));
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if let Some(tx) = &self.to_session {
            let _ = tx.send(Event::Hangup);
        }
        Ok(())
    }
}

fn methods() -> MethodSet {
    let mut set = MethodSet::empty();
    set.push(MethodKind::KeyboardInteractive);
    set.push(MethodKind::PublicKey);
    set
}

/// Whether `addr` stays on this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Serves until Ctrl-C or SIGTERM. Prints the address and the host key's
/// fingerprint first (`ready` is told the address bound, for tests).
pub fn run(
    store: Store,
    options: Options,
    gate: Arc<dyn Gate>,
    journal: Arc<dyn Journal>,
    foreground: Option<Foreground>,
    mut out: impl std::io::Write,
) -> Result<()> {
    let s = words(options.lang);
    if !is_loopback(&options.listen) && !options.public {
        bail!(fill(s.needs_public, &[&options.listen]));
    }
    let (key, fingerprint, made) = host_key(&options.data_dir)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let limits = options.limits.clone();
    let config = Arc::new(russh::server::Config {
        server_id: russh::SshId::Standard("SSH-2.0-citydx".into()),
        methods: methods(),
        auth_rejection_time: Duration::from_secs(1),
        auth_rejection_time_initial: Some(Duration::from_secs(0)),
        keys: vec![key],
        max_auth_attempts: 6,
        // (a backstop: keepalive replies count as activity to russh; the
        // session's own idle limit counts input only)
        inactivity_timeout: Some(limits.idle * 2),
        keepalive_interval: Some(limits.keepalive),
        keepalive_max: 2,
        nodelay: true,
        // messages russh queues per channel for a client that stops
        // reading (its default, 100, let a stalled client hold megabytes of
        // frames besides the frame queue)
        channel_buffer_size: 8,
        ..Default::default()
    });
    let shared = Arc::new(Shared {
        gate,
        journal,
        profiles: SharedProfiles::new(store.clone()),
        store,
        limits,
        lang: options.lang,
        unauthenticated: AtomicUsize::new(0),
        sessions: AtomicUsize::new(0),
        live: Mutex::new(HashMap::new()),
        failures: Mutex::new((Instant::now(), 0)),
        stops: Mutex::new(vec![]),
        next_session: AtomicU64::new(1),
        registry: Mutex::new(Default::default()),
    });
    let (listener, bound) = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.listen)
            .await
            .map_err(|e| anyhow::anyhow!(fill(s.cannot_listen, &[&options.listen, &e])))?;
        let bound = listener.local_addr()?;
        Ok::<_, anyhow::Error>((listener, bound))
    })?;
    if made {
        let path = options.data_dir.join(crate::store::hostkey::HOST_KEY_FILE);
        writeln!(out, "{}", fill(s.key_made, &[&path.display()]))?;
    }
    if !is_loopback(&bound) {
        writeln!(out, "{}", fill(s.public_warning, &[&bound]))?;
    }
    writeln!(out, "{}", fill(s.serving, &[&bound, &fingerprint]))?;
    writeln!(out, "{}", s.how_to_stop)?;
    out.flush()?;
    // a session whose invitation is revoked (on the consultant's screen or
    // by `citydx invite revoke` in another process) ends, told why: the
    // invitations are looked at every REVOKED_EVERY while any session is
    // live, and read only when the file changed (an idle server reads
    // nothing)
    let watching = {
        let shared = shared.clone();
        runtime.spawn(async move {
            let mut seen = None;
            loop {
                tokio::time::sleep(REVOKED_EVERY).await;
                if shared.sessions.load(Ordering::Acquire) == 0 {
                    continue;
                }
                let modified = shared.gate.modified();
                if modified != seen
                    && let Some(revoked) = shared.gate.revoked()
                {
                    end_revoked(&shared, &revoked);
                    seen = modified;
                }
            }
        })
    };
    // the listener, until a signal or the consultant's interface ends
    let stop = Arc::new(Notify::new());
    let listening = {
        let shared = shared.clone();
        let stop = stop.clone();
        runtime.spawn(async move {
            let signal = stop_signal();
            tokio::pin!(signal);
            loop {
                tokio::select! {
                    _ = &mut signal => break,
                    _ = stop.notified() => break,
                    accepted = listener.accept() => {
                        let Ok((stream, peer)) = accepted else { continue };
                        accept(&shared, &config, stream, peer);
                    }
                }
            }
        })
    };
    let ended = match foreground {
        Some(interface) => {
            let panel: Arc<dyn ConnectedSource> = Arc::new(Panel {
                shared: shared.clone(),
                port: bound.port(),
                fingerprint: fingerprint.clone(),
                book: crate::store::invites::InviteBook::at(
                    options.data_dir.join(crate::store::invites::INVITES_FILE),
                ),
            });
            let ended = interface(shared.profiles.clone(), panel);
            stop.notify_one();
            ended
        }
        None => Ok(()),
    };
    runtime.block_on(async {
        let _ = listening.await;
        watching.abort();
        let senders = std::mem::take(&mut *shared.stops.lock().unwrap_or_else(|e| e.into_inner()));
        writeln!(out, "{}", fill(s.stopping, &[&senders.len()]))?;
        for tx in &senders {
            let _ = tx.send(Event::Stop);
        }
        // every session's last writes, then their goodbyes sent
        let deadline = Instant::now() + Duration::from_secs(5);
        while shared.sessions.load(Ordering::Acquire) > 0 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        writeln!(out, "{}", s.stopped)?;
        Ok::<(), anyhow::Error>(())
    })?;
    runtime.shutdown_timeout(Duration::from_secs(1));
    ended
}

/// The consultant's interface in the foreground: given the profiles the
/// server holds and its list of who is connected; returns when the
/// consultant quits.
pub type Foreground =
    Box<dyn FnOnce(Arc<SharedProfiles>, Arc<dyn ConnectedSource>) -> Result<()> + Send>;

/// Who is connected, for the consultant's screen.
struct Panel {
    shared: Arc<Shared>,
    port: u16,
    fingerprint: String,
    /// The invitations file the gate reads at every login.
    book: crate::store::invites::InviteBook,
}

impl ConnectedSource for Panel {
    fn serving(&self) -> (u16, String) {
        (self.port, self.fingerprint.clone())
    }

    fn invitations(&self) -> crate::store::invites::InviteBook {
        self.book.clone()
    }

    fn end_sessions(&self, user: &str) -> usize {
        end_revoked(&self.shared, &[user.to_string()])
    }

    fn rows(&self) -> Vec<ConnectedRow> {
        let live: Vec<(u64, LiveEntry)> = self
            .shared
            .registry
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        // progress as the profiles' owners hold it, by session number
        let mut progress = HashMap::new();
        for held in self.shared.profiles.held() {
            for (number, p) in held.progress() {
                progress.insert(number, (p.answered, p.total));
            }
        }
        // the names from the copy held when a session holds the profile;
        // read from disk only for the others (once per profile a listing)
        let mut names: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let mut name_of = |profile: &str, respondent: &str| -> String {
            names
                .entry(profile.to_string())
                .or_insert_with(|| {
                    self.shared
                        .profiles
                        .respondents(profile, Lang::En)
                        .unwrap_or_default()
                })
                .iter()
                .find(|(id, _)| id == respondent)
                .map(|(_, name)| name.clone())
                .unwrap_or_else(|| respondent.to_string())
        };
        let mut rows = vec![];
        let mut live_users = std::collections::HashSet::new();
        for (number, entry) in &live {
            live_users.insert(entry.guest.user.clone());
            let (answered, total) = progress.get(number).copied().unwrap_or((0, 0));
            rows.push(ConnectedRow {
                user: entry.guest.user.clone(),
                respondent: name_of(&entry.guest.profile, &entry.guest.respondent),
                profile: entry.guest.profile.clone(),
                domains: entry.guest.domains.clone(),
                live: Some(Live {
                    from: entry.from.clone(),
                    since: entry.since,
                    answered,
                    total,
                }),
                expires: entry.expires,
                usable: true,
            });
        }
        for (guest, expires, usable) in self.shared.gate.invitations() {
            if live_users.contains(&guest.user) {
                continue;
            }
            rows.push(ConnectedRow {
                respondent: name_of(&guest.profile, &guest.respondent),
                user: guest.user,
                profile: guest.profile,
                domains: guest.domains,
                live: None,
                expires,
                usable,
            });
        }
        rows
    }
}

/// A live session, for the consultant's screen.
#[derive(Debug, Clone)]
struct LiveEntry {
    guest: Guest,
    from: String,
    since: chrono::DateTime<chrono::Utc>,
    expires: chrono::DateTime<chrono::Utc>,
    /// The session's line to its thread (to end it when its invitation is
    /// revoked).
    to_session: Option<std_mpsc::Sender<Event>>,
}

/// Ctrl-C or SIGTERM.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = match signal(SignalKind::terminate()) {
            Ok(term) => term,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// One connection: counted while not logged in, given the login time.
fn accept(
    shared: &Arc<Shared>,
    config: &Arc<russh::server::Config>,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
) {
    let peer = peer.to_string();
    if shared.unauthenticated.load(Ordering::Acquire) >= shared.limits.unauthenticated {
        shared
            .journal
            .event(&peer, None, "refused: too many connections logging in");
        drop(stream);
        return;
    }
    shared.unauthenticated.fetch_add(1, Ordering::AcqRel);
    let _ = stream.set_nodelay(true);
    let authed = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let conn = Conn {
        shared: shared.clone(),
        peer: peer.clone(),
        counted: true,
        guest: None,
        channel: None,
        term: None,
        size: (80, 24),
        env: vec![],
        to_session: None,
        input: None,
        authed: authed.clone(),
    };
    let config = config.clone();
    let shared = shared.clone();
    let login_time = shared.limits.login_time;
    tokio::spawn(async move {
        let running =
            match tokio::time::timeout(login_time, russh::server::run_stream(config, stream, conn))
                .await
            {
                Ok(Ok(running)) => running,
                _ => return,
            };
        let handle = running.handle();
        // not logged in within the time: closed
        tokio::pin!(running);
        tokio::select! {
            _ = &mut running => {}
            _ = tokio::time::sleep(login_time) => {
                if !authed.load(Ordering::Acquire) {
                    shared.journal.event(&peer, None, "closed: not logged in in time");
                    let _ = handle
                        .disconnect(
                            russh::Disconnect::ByApplication,
                            "login time over".into(),
                            "".into(),
                        )
                        .await;
                }
                let _ = running.await;
            }
        }
    });
}
