//! `citydx serve` started as a process, and an in-process SSH client
//! (russh) to drive it: shared by `tests/serve_limits.rs` and
//! `benches/serve.rs`.
//!
//! The server runs on a free loopback port with its own profiles folder
//! and data folder (`XDG_DATA_HOME`: host key, invitations, log); every
//! wait is bounded.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

use citydx::store::invites::{InviteBook, NewInvitation};
use russh::client::{self, KeyboardInteractiveAuthResponse as Kbd};
use russh::{Channel, ChannelMsg};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

pub const WAIT: Duration = Duration::from_secs(20);

/// A server on a free loopback port, killed when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub root: tempfile::TempDir,
    pub output: Arc<Mutex<String>>,
}

impl Server {
    /// Copies of the examples `profiles` (id, respondents to add) and a
    /// server with `flags` on them.
    pub fn start(bin: &Path, profiles: &[(&str, usize)], flags: &[&str]) -> Server {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("profiles");
        std::fs::create_dir_all(&dir).unwrap();
        for (id, respondents) in profiles {
            std::fs::copy(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("profiles/{id}.json")),
                dir.join(format!("{id}.json")),
            )
            .unwrap();
            for n in 1..=*respondents {
                let added = Command::new(bin)
                    .args(["--dir", dir.to_str().unwrap(), "respondent", "add", id])
                    .args(["--name", &format!("Respondent {n}")])
                    .output()
                    .unwrap();
                assert!(added.status.success(), "{added:?}");
            }
        }
        let mut child = Command::new(bin)
            .args(["--dir", dir.to_str().unwrap(), "--lang", "en", "serve"])
            .args(["--listen", "127.0.0.1:0"])
            .args(flags)
            .env("XDG_DATA_HOME", root.path().join("data"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = Arc::new(Mutex::new(String::new()));
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut port = None;
        let deadline = Instant::now() + WAIT;
        while port.is_none() {
            assert!(Instant::now() < deadline, "the server did not say its port");
            let mut line = String::new();
            if stdout.read_line(&mut line).unwrap() == 0 {
                let mut err = String::new();
                let _ = child.stderr.take().unwrap().read_to_string(&mut err);
                panic!("the server ended: {err}");
            }
            output.lock().unwrap().push_str(&line);
            if let Some(at) = line.find("127.0.0.1:") {
                port = line[at + 10..]
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
                    .and_then(|p| p.parse().ok());
            }
        }
        for pipe in [
            Box::new(stdout) as Box<dyn BufRead + Send>,
            Box::new(BufReader::new(child.stderr.take().unwrap())),
        ] {
            let output = output.clone();
            thread::spawn(move || {
                for line in pipe.lines().map_while(Result::ok) {
                    output.lock().unwrap().push_str(&(line + "\n"));
                }
            });
        }
        Server {
            child,
            port: port.unwrap(),
            root,
            output,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn profiles(&self) -> PathBuf {
        self.root.path().join("profiles")
    }

    pub fn data(&self) -> PathBuf {
        self.root.path().join("data").join("citydx")
    }

    pub fn book(&self) -> InviteBook {
        InviteBook::at(self.data().join("invitations.json"))
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.data().join("serve.log")).unwrap_or_default()
    }

    pub fn profile(&self, id: &str) -> Value {
        let text = std::fs::read_to_string(self.profiles().join(format!("{id}.json"))).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    /// The respondents of the latest assessment of `profile`.
    pub fn respondents(&self, profile: &str) -> Vec<String> {
        let p = self.profile(profile);
        p["assessments"].as_array().unwrap().last().unwrap()["respondents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    }

    /// A code invitation for `respondent` (every domain when `domains` is
    /// empty): its user name and code.
    pub fn invite(&self, profile: &str, respondent: &str, domains: &[&str]) -> (String, String) {
        let (invitation, code) = self
            .book()
            .create(
                NewInvitation {
                    profile: profile.into(),
                    respondent: respondent.into(),
                    domains: domains.iter().map(|d| d.to_string()).collect(),
                    ..NewInvitation::default()
                },
                chrono::Utc::now(),
            )
            .expect("an invitation");
        (invitation.user, code.expect("a code"))
    }

    /// The server's resident memory, in kB (VmRSS).
    pub fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .expect("VmRSS")
    }

    /// The server's CPU time so far (user + system), in clock ticks.
    pub fn cpu_ticks(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap();
        // the fields after the command name (which may hold spaces)
        let rest = &stat[stat.rfind(')').unwrap() + 2..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        // utime and stime are fields 14 and 15 of the whole line
        fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
    }

    /// The server's threads.
    pub fn threads(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/task", self.pid()))
            .map(|d| d.count())
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits (bounded) until `ok`.
pub fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !ok() {
        assert!(Instant::now() < deadline, "waited for {what}");
        thread::sleep(Duration::from_millis(50));
    }
}

/// A client that trusts the server's key (a fresh one per test).
pub struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

pub type Handle = client::Handle<Trusting>;

pub fn config() -> Arc<client::Config> {
    Arc::new(client::Config {
        nodelay: true,
        ..Default::default()
    })
}

pub async fn connect(port: u16) -> Result<Handle, russh::Error> {
    client::connect(config(), ("127.0.0.1", port), Trusting).await
}

/// Keyboard-interactive with `code` for every prompt: whether logged in.
pub async fn log_in(handle: &mut Handle, user: &str, code: &str) -> Result<bool, russh::Error> {
    let mut reply = handle
        .authenticate_keyboard_interactive_start(user, None)
        .await?;
    for _ in 0..4 {
        match reply {
            Kbd::Success => return Ok(true),
            Kbd::Failure { .. } => return Ok(false),
            Kbd::InfoRequest { prompts, .. } => {
                let answers = prompts.iter().map(|_| code.to_string()).collect();
                reply = handle
                    .authenticate_keyboard_interactive_respond(answers)
                    .await?;
            }
        }
    }
    Ok(false)
}

/// A pty of `cols` × `rows` and the shell: the interview.
pub async fn open_shell(
    handle: &Handle,
    cols: u32,
    rows: u32,
) -> Result<Channel<client::Msg>, russh::Error> {
    let channel = handle.channel_open_session().await?;
    channel
        .request_pty(false, "xterm-256color", cols, rows, 0, 0, &[])
        .await?;
    channel.request_shell(false).await?;
    Ok(channel)
}

/// Connected, logged in, the interview open.
pub async fn interview(
    port: u16,
    user: &str,
    code: &str,
    cols: u32,
    rows: u32,
) -> (Handle, Channel<client::Msg>) {
    let mut handle = connect(port).await.expect("connected");
    assert!(
        log_in(&mut handle, user, code).await.expect("auth"),
        "{user} not let in"
    );
    let channel = open_shell(&handle, cols, rows).await.expect("a shell");
    (handle, channel)
}

/// What a session's terminal shows: its bytes parsed by vt100.
pub struct Screen {
    pub parser: vt100::Parser,
    pub bytes: Vec<u8>,
    pub closed: bool,
}

impl Screen {
    pub fn new(cols: u16, rows: u16) -> Screen {
        Screen {
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(rows).unwrap(),
                std::num::NonZeroU16::new(cols).unwrap(),
                0,
            ),
            bytes: vec![],
            closed: false,
        }
    }

    pub fn contents(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads the channel until `ok` holds of the screen (or `wait`
    /// passes, or the channel closes): whether it held.
    pub async fn read_until(
        &mut self,
        channel: &mut Channel<client::Msg>,
        wait: Duration,
        ok: impl Fn(&Screen) -> bool,
    ) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        while !ok(self) {
            if self.closed {
                return false;
            }
            match tokio::time::timeout_at(deadline, channel.wait()).await {
                Err(_) => return false,
                Ok(None) | Ok(Some(ChannelMsg::Close)) | Ok(Some(ChannelMsg::Eof)) => {
                    self.closed = true
                }
                Ok(Some(ChannelMsg::Data { data })) => {
                    self.parser.process(&data);
                    self.bytes.extend_from_slice(&data);
                }
                Ok(Some(_)) => {}
            }
        }
        true
    }

    /// Reads until `text` shows (panics after `WAIT`).
    pub async fn wait_for(&mut self, channel: &mut Channel<client::Msg>, text: &str) {
        let shown = self
            .read_until(channel, WAIT, |s| s.contents().contains(text))
            .await;
        assert!(
            shown,
            "waited for {text:?}; the screen:\n{}",
            self.contents()
        );
    }
}

/// A stream whose reading can be paused: a client that stops reading
/// (its window is never adjusted while paused), while it still writes.
pub struct Pausable {
    inner: tokio::net::TcpStream,
    pub paused: Arc<Pause>,
}

#[derive(Default)]
pub struct Pause {
    on: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl Pause {
    pub fn set(&self, on: bool) {
        self.on.store(on, Ordering::SeqCst);
        if !on && let Some(w) = self.waker.lock().unwrap().take() {
            w.wake();
        }
    }
}

impl Pausable {
    pub async fn connect(port: u16) -> std::io::Result<(Pausable, Arc<Pause>)> {
        let inner = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
        inner.set_nodelay(true)?;
        let paused = Arc::new(Pause::default());
        Ok((
            Pausable {
                inner,
                paused: paused.clone(),
            },
            paused,
        ))
    }
}

impl AsyncRead for Pausable {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.paused.on.load(Ordering::SeqCst) {
            *self.paused.waker.lock().unwrap() = Some(cx.waker().clone());
            // (set again after storing the waker: a resume in between wakes)
            if self.paused.on.load(Ordering::SeqCst) {
                return Poll::Pending;
            }
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Pausable {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The cursor positions a frame addresses (`ESC [ row ; col H`), 1-based.
pub fn addressed(bytes: &[u8]) -> Vec<(u32, u32)> {
    let mut found = vec![];
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == 0x1b && bytes[i + 1] == b'[' {
            let mut j = i + 2;
            let mut params = String::new();
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b';') {
                params.push(bytes[j] as char);
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'H' {
                let mut parts = params.split(';');
                let row = parts.next().and_then(|p| p.parse().ok()).unwrap_or(1);
                let col = parts.next().and_then(|p| p.parse().ok()).unwrap_or(1);
                found.push((row, col));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    found
}
