//! `citydx serve` under load (issue 17): the release server binary with
//! 5 profiles (copies of examples, 10 respondents added to each) and 50
//! invitations (one per respondent, every domain); 50 sessions at 80 x 24
//! on loopback, driven by an in-process SSH client (russh: keyboard-
//! interactive with the code, a pty, the shell).
//!
//! Measured: per answer key (`y` and `n` in turn on one indicator, every
//! 500 ms per session for ~30 s, each followed 250 ms later by Up, back
//! to that indicator; the sessions' keys spread over each 500 ms; a
//! respondent's session ends when the last indicator of a domain is
//! answered, so the walk is not run to its end) the time from the key sent
//! to the first data received after it (the frame: the answer is saved
//! before the frame is drawn); bytes per key; the server's RSS (VmRSS)
//! before any session, with 50 idle sessions and under load; its CPU
//! over 10 s with no session and with 50 idle sessions (its live threads'
//! run time, from schedstat), and under load (utime + stime).
//! For comparison, the bytes per answer key of the same walk drawn by
//! the session core in this process (`ui::session::Session`).
//!
//! Run: `cargo bench --bench serve`. Targets: p95 < 20 ms, < 4 MB per
//! session, idle sessions cost nothing but keepalives.

#[path = "../tests/support/ssh.rs"]
mod ssh;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use ssh::{Screen, Server};
use tokio::sync::{Barrier, Semaphore, watch};

const BIN: &str = env!("CARGO_BIN_EXE_citydx");
const PROFILES: [&str; 5] = ["pinghu", "baoying", "kaifeng", "pengshui", "shen-county"];
const PER_PROFILE: usize = 10;
const SESSIONS: usize = PROFILES.len() * PER_PROFILE;
const KEY_EVERY: Duration = Duration::from_millis(500);
const KEYS: usize = 60;
const LOGGING_IN: usize = 8;
const IDLE_WINDOW: Duration = Duration::from_secs(10);

/// What one session measured under load.
#[derive(Default)]
struct Measured {
    /// Key sent → first data after it.
    latencies: Vec<Duration>,
    /// Bytes of that first data.
    first_bytes: Vec<usize>,
    /// All bytes received until the next key.
    bytes: Vec<usize>,
    /// Keys no data followed within 250 ms (counted in `latencies` as
    /// 250 ms).
    silent: usize,
    /// Data received while idle: when, how many bytes.
    idle: Vec<(Instant, usize)>,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn mean(v: &[usize]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<usize>() as f64 / v.len() as f64
    }
}

fn ticks_per_second() -> f64 {
    // SAFETY: sysconf has no preconditions
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 { t as f64 } else { 100.0 }
}

/// CPU time so far (ns, `/proc/PID/task/TID/schedstat`) of the server's
/// live threads: its session threads (`session-N`) and the others. (The
/// process's utime + stime also takes in, when they end, what threads
/// that have ended spent: tokio's blocking threads, which checked the
/// codes at login, end after 10 s idle and would be counted then.)
fn thread_cpu_ns(server: &Server) -> (u64, u64) {
    let mut sessions = 0;
    let mut others = 0;
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{}/task", server.pid())) else {
        return (0, 0);
    };
    for task in tasks.flatten() {
        let name = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        let ns = std::fs::read_to_string(task.path().join("schedstat"))
            .ok()
            .and_then(|s| {
                s.split_whitespace()
                    .next()
                    .and_then(|n| n.parse::<u64>().ok())
            })
            .unwrap_or(0);
        if name.starts_with("session-") {
            sessions += ns;
        } else {
            others += ns;
        }
    }
    (sessions, others)
}

/// The CPU of the server's live threads over `window`: ms per second,
/// session threads and others.
fn live_cpu_over(server: &Server, window: Duration) -> (f64, f64) {
    let from = thread_cpu_ns(server);
    std::thread::sleep(window);
    let to = thread_cpu_ns(server);
    let per_s = |ns: u64| ns as f64 / 1e6 / window.as_secs_f64();
    (
        per_s(to.0.saturating_sub(from.0)),
        per_s(to.1.saturating_sub(from.1)),
    )
}

/// Bytes per answer key of the session core in this process: the same
/// walk (pinghu, a respondent, every domain) at 80 x 24.
fn local_bytes_per_key() -> f64 {
    use citydx::core::framework::DomainId;
    use citydx::store::Store;
    use citydx::store::shared::SharedProfiles;
    use citydx::ui::clock::LocalClock;
    use citydx::ui::session::{Access, Scope, Session, SessionConfig};
    use citydx::ui::theme::Theme;

    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/pinghu.json"),
        dir.path().join("pinghu.json"),
    )
    .unwrap();
    let added = std::process::Command::new(BIN)
        .args(["--dir", dir.path().to_str().unwrap()])
        .args(["respondent", "add", "pinghu", "--name", "Respondent 1"])
        .output()
        .unwrap();
    assert!(added.status.success(), "{added:?}");
    let text = std::fs::read_to_string(dir.path().join("pinghu.json")).unwrap();
    let profile: serde_json::Value = serde_json::from_str(&text).unwrap();
    let respondent = profile["assessments"].as_array().unwrap().last().unwrap()["respondents"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let store = Store::open(dir.path()).unwrap();
    let mut session = Session::served(
        store.clone(),
        SessionConfig {
            lang: citydx::core::Lang::En,
            // as the server makes it from the client's TERM
            theme: Theme::from_env(|n| (n == "TERM").then(|| "xterm-256color".to_string())),
            width: 80,
            height: 24,
            clock: Box::new(LocalClock::from_env().0),
        },
        SharedProfiles::new(store),
        Access::Respondent(Scope {
            profile: "pinghu".into(),
            respondent,
            domains: DomainId::ALL.to_vec(),
        }),
        1,
    );
    let first = session.frame();
    assert!(!first.is_empty());
    let mut sizes = vec![];
    for key in 0..KEYS {
        session.input(if key % 2 == 0 { b"y" } else { b"n" });
        session.tick();
        sizes.push(session.frame().len());
        session.input(b"\x1b[A");
        session.tick();
        session.frame();
    }
    session.shutdown();
    mean(&sizes)
}

/// One session: logged in and shown its walk, idle until told, then a
/// key every 500 ms (starting at `offset` into the first interval).
async fn session(
    port: u16,
    user: String,
    code: String,
    offset: Duration,
    logged_in: Arc<Barrier>,
    logging_in: Arc<Semaphore>,
    mut go: watch::Receiver<bool>,
) -> Measured {
    // a few at once: the server serves 16 connections logging in at most
    let permit = logging_in.acquire().await.unwrap();
    let (handle, mut channel) = ssh::interview(port, &user, &code, 80, 24).await;
    drop(permit);
    let mut screen = Screen::new(80, 24);
    screen.wait_for(&mut channel, "Stage").await;
    logged_in.wait().await;
    let mut m = Measured::default();
    // idle: read whatever comes until told to go
    loop {
        tokio::select! {
            msg = channel.wait() => match msg {
                Some(ChannelMsg::Data { data }) => m.idle.push((Instant::now(), data.len())),
                Some(ChannelMsg::Eof | ChannelMsg::Close) | None => panic!("{user}: closed while idle"),
                _ => {}
            },
            _ = go.changed() => break,
        }
    }
    tokio::time::sleep(offset).await;
    let mut next = tokio::time::Instant::now();
    for key in 0..KEYS {
        // y and n in turn on one indicator: each changes its answer (a
        // save); the walk moves on after an answer, Up brings it back
        let answer: &[u8] = if key % 2 == 0 { b"y" } else { b"n" };
        let sent = Instant::now();
        channel.data_bytes(answer.to_vec()).await.unwrap();
        let back = next + KEY_EVERY / 2;
        next += KEY_EVERY;
        let mut first = None;
        let mut bytes = 0;
        for (until, measured) in [(back, true), (next, false)] {
            loop {
                match tokio::time::timeout_at(until, channel.wait()).await {
                    Err(_) => break,
                    Ok(Some(ChannelMsg::Data { data })) => {
                        screen.parser.process(&data);
                        if !measured {
                            continue;
                        }
                        if first.is_none() {
                            first = Some(sent.elapsed());
                            m.first_bytes.push(data.len());
                        }
                        bytes += data.len();
                    }
                    Ok(Some(ChannelMsg::Eof | ChannelMsg::Close)) | Ok(None) => {
                        panic!(
                            "{user}: closed under load at key {key}; the screen:\n{}",
                            screen.contents()
                        )
                    }
                    Ok(Some(_)) => {}
                }
            }
            if measured {
                channel.data_bytes(b"\x1b[A".to_vec()).await.unwrap();
            }
        }
        match first {
            Some(latency) => {
                m.latencies.push(latency);
                m.bytes.push(bytes);
            }
            None => {
                // no frame within 250 ms: counted at 250 ms (a lower bound)
                m.latencies.push(KEY_EVERY / 2);
                m.silent += 1;
            }
        }
    }
    let _ = handle
        .disconnect(russh::Disconnect::ByApplication, "", "en")
        .await;
    m
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is taken
    let setup = Instant::now();
    let profiles: Vec<(&str, usize)> = PROFILES.iter().map(|p| (*p, PER_PROFILE)).collect();
    let server = Server::start(Path::new(BIN), &profiles, &[]);
    let mut invited = vec![];
    for profile in PROFILES {
        let respondents = server.respondents(profile);
        // the ones added (the example's own come first)
        for r in &respondents[respondents.len() - PER_PROFILE..] {
            invited.push(server.invite(profile, r, &[]));
        }
    }
    eprintln!(
        "set up: {} profiles, {} invitations in {:.1} s",
        PROFILES.len(),
        invited.len(),
        setup.elapsed().as_secs_f64()
    );
    std::thread::sleep(Duration::from_millis(500));
    let rss_before = server.rss_kb();
    let threads_before = server.threads();
    let cpu_none = live_cpu_over(&server, IDLE_WINDOW);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let logged_in = Arc::new(Barrier::new(SESSIONS + 1));
    let (go, go_rx) = watch::channel(false);
    let logging_in = Arc::new(Semaphore::new(LOGGING_IN));
    let port = server.port;
    let tasks: Vec<_> = {
        let _guard = runtime.enter();
        invited
            .iter()
            .enumerate()
            .map(|(i, (user, code))| {
                let offset = KEY_EVERY * i as u32 / SESSIONS as u32;
                runtime.spawn(session(
                    port,
                    user.clone(),
                    code.clone(),
                    offset,
                    logged_in.clone(),
                    logging_in.clone(),
                    go_rx.clone(),
                ))
            })
            .collect()
    };
    // the client runs on its own thread; this one measures
    let client = std::thread::spawn(move || {
        runtime.block_on(async {
            let mut all = vec![];
            for t in tasks {
                all.push(t.await.unwrap());
            }
            all
        })
    });
    let login = Instant::now();
    // (the barrier is waited on from a small runtime of this thread)
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(logged_in.wait());
    let login_took = login.elapsed();
    std::thread::sleep(Duration::from_secs(2));
    let rss_idle = server.rss_kb();
    let threads_idle = server.threads();
    let idle_from = Instant::now();
    let cpu_idle = live_cpu_over(&server, IDLE_WINDOW);
    let idle_to = Instant::now();

    let load = Instant::now();
    let cpu_load_start = server.cpu_ticks();
    go.send(true).unwrap();
    let mut rss_load = 0;
    while !client.is_finished() {
        rss_load = rss_load.max(server.rss_kb());
        std::thread::sleep(Duration::from_millis(250));
    }
    let load_took = load.elapsed();
    let cpu_load = (server.cpu_ticks() - cpu_load_start) as f64 / ticks_per_second() * 1000.0
        / load_took.as_secs_f64();
    let measured = client.join().unwrap();

    let mut latencies: Vec<Duration> = measured
        .iter()
        .flat_map(|m| m.latencies.iter().copied())
        .collect();
    latencies.sort();
    let first_bytes: Vec<usize> = measured
        .iter()
        .flat_map(|m| m.first_bytes.iter().copied())
        .collect();
    let bytes: Vec<usize> = measured
        .iter()
        .flat_map(|m| m.bytes.iter().copied())
        .collect();
    let silent: usize = measured.iter().map(|m| m.silent).sum();
    let in_window = |at: &Instant| *at >= idle_from && *at <= idle_to;
    let idle_bytes: usize = measured
        .iter()
        .flat_map(|m| {
            m.idle
                .iter()
                .filter(|(at, _)| in_window(at))
                .map(|(_, n)| n)
        })
        .sum();
    let idle_frames: usize = measured
        .iter()
        .map(|m| m.idle.iter().filter(|(at, _)| in_window(at)).count())
        .sum();
    let local = local_bytes_per_key();
    let per_session_kb = (rss_idle.saturating_sub(rss_before)) as f64 / SESSIONS as f64;

    println!();
    println!(
        "citydx serve: {SESSIONS} sessions at 80 x 24 on loopback, a key every {} ms for {:.1} s (release build)",
        KEY_EVERY.as_millis(),
        load_took.as_secs_f64()
    );
    println!("| measure | value | target |");
    println!("|---|---|---|");
    println!(
        "| answer keys measured | {} ({} with no frame within 250 ms: counted as 250 ms) | |",
        latencies.len(),
        silent
    );
    println!(
        "| key → frame, p50 / p95 / p99 | {} / {} / {} (max {}) | p95 < 20 ms |",
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.95)),
        ms(percentile(&latencies, 0.99)),
        ms(latencies.last().copied().unwrap_or_default())
    );
    println!(
        "| bytes per answer key: the frame (first data after the key) | {:.0} B | |",
        mean(&first_bytes)
    );
    println!(
        "| bytes per answer key: all received in the 250 ms after it | {:.0} B | |",
        mean(&bytes)
    );
    println!("| bytes per answer key, the session core in-process (same walk) | {local:.0} B | |");
    println!(
        "| server RSS: no session / 50 idle / under load (peak) | {:.1} / {:.1} / {:.1} MB | |",
        rss_before as f64 / 1024.0,
        rss_idle as f64 / 1024.0,
        rss_load as f64 / 1024.0
    );
    println!(
        "| memory per session ((idle − none) / {SESSIONS}) | {:.0} kB | < 4 MB |",
        per_session_kb
    );
    println!("| server threads: no session / 50 idle | {threads_before} / {threads_idle} | |");
    println!(
        "| server CPU over {} s (live threads): no session / 50 idle sessions | {:.3} / {:.3} ms per s (session threads {:.3}, others {:.3}) | idle costs nothing but keepalives |",
        IDLE_WINDOW.as_secs(),
        cpu_none.0 + cpu_none.1,
        cpu_idle.0 + cpu_idle.1,
        cpu_idle.0,
        cpu_idle.1
    );
    println!(
        "| data to the 50 idle sessions in those {} s (besides keepalives) | {idle_bytes} B in {idle_frames} messages | |",
        IDLE_WINDOW.as_secs()
    );
    println!("| server CPU under load | {cpu_load:.0} ms per s | |");
    println!(
        "| {SESSIONS} logins ({LOGGING_IN} at once) to their first frame | {:.2} s | |",
        login_took.as_secs_f64()
    );
}
