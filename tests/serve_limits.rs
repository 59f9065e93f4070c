//! Every limit of `citydx serve` (src/serve/limits.rs), one test each,
//! against the real binary with small flag values, driven by an
//! in-process SSH client (russh) or a bare TCP connection. (Sessions per
//! invitation are tested in tests/serve.rs.)

#[path = "support/ssh.rs"]
mod ssh;

use std::path::Path;
use std::time::{Duration, Instant};

use russh::Disconnect;
use ssh::*;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

const BIN: &str = env!("CARGO_BIN_EXE_citydx");

/// A server on pinghu with `respondents` added, and one invitation (every
/// domain) for each.
fn serve(respondents: usize, flags: &[&str]) -> (Server, Vec<(String, String)>) {
    let server = Server::start(Path::new(BIN), &[("pinghu", respondents)], flags);
    let invited = server
        .respondents("pinghu")
        .iter()
        .take(respondents)
        .map(|r| server.invite("pinghu", r, &[]))
        .collect();
    (server, invited)
}

/// The first bytes the server sends on a bare connection: its banner, or
/// nothing when it closes the connection first.
async fn banner(stream: &mut TcpStream) -> String {
    let mut buf = [0u8; 256];
    match tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf)).await {
        Ok(Ok(n)) => String::from_utf8_lossy(&buf[..n]).into_owned(),
        Ok(Err(_)) => String::new(),
        Err(_) => "(nothing within 5 s)".into(),
    }
}

async fn tcp(port: u16) -> TcpStream {
    TcpStream::connect(("127.0.0.1", port)).await.unwrap()
}

/// Reads until the connection ends (EOF or error): how long it took, or
/// `None` when it was still open after `wait`.
async fn closed_within(stream: &mut TcpStream, wait: Duration) -> Option<Duration> {
    let start = Instant::now();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some(start.elapsed()),
            Ok(Ok(_)) => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_not_yet_logged_in_are_limited_and_logged_in_ones_do_not_count() {
    let (server, invited) = serve(1, &["--max-unauthenticated", "2"]);
    let mut held = vec![];
    for _ in 0..2 {
        let mut stream = tcp(server.port).await;
        let said = banner(&mut stream).await;
        assert!(said.starts_with("SSH-2.0-citydx"), "{said:?}");
        held.push(stream);
    }
    // a third while two are logging in: closed at once, no banner
    let mut third = tcp(server.port).await;
    let said = banner(&mut third).await;
    assert!(said.is_empty(), "a third connection was served: {said:?}");
    wait_until("the refusal in the log", || {
        server
            .log()
            .contains("refused: too many connections logging in")
    });
    // one goes: a new one is served again
    drop(held.pop());
    let mut served = false;
    for _ in 0..50 {
        let mut again = tcp(server.port).await;
        if banner(&mut again).await.starts_with("SSH-2.0-citydx") {
            held.push(again);
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(served, "no connection served after one left");
    // a connection that logs in no longer counts
    drop(held.pop());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (user, code) = &invited[0];
    let (_handle, _channel) = interview(server.port, user, code, 80, 24).await;
    let mut after = tcp(server.port).await;
    let said = banner(&mut after).await;
    assert!(
        said.starts_with("SSH-2.0-citydx"),
        "one logging in and one logged in: a second one logging in refused: {said:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_not_logged_in_within_the_login_time_is_closed() {
    let (server, invited) = serve(1, &["--login-time", "2"]);
    // bare TCP: the banner, then nothing
    let mut bare = tcp(server.port).await;
    assert!(banner(&mut bare).await.starts_with("SSH-2.0-citydx"));
    let took = closed_within(&mut bare, Duration::from_secs(10))
        .await
        .expect("a silent connection still open after 10 s");
    assert!(took <= Duration::from_secs(5), "closed after {took:?}");
    // an SSH client through key exchange, never logging in
    let start = Instant::now();
    let idle = connect(server.port).await.unwrap();
    while !idle.is_closed() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "an SSH connection not logged in still open after 10 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(1500) && took <= Duration::from_secs(5),
        "closed after {took:?} (login time 2 s)"
    );
    assert!(
        server.log().contains("closed: not logged in in time"),
        "{}",
        server.log()
    );
    // logged in: the login time no longer applies
    let (user, code) = &invited[0];
    let (handle, mut channel) = interview(server.port, user, code, 80, 24).await;
    let mut screen = Screen::new(80, 24);
    screen.wait_for(&mut channel, "Stage").await;
    screen
        .read_until(&mut channel, Duration::from_secs(5), |s| s.closed)
        .await;
    assert!(
        !screen.closed && !handle.is_closed(),
        "a logged-in session closed by the login time"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_in_total_are_limited_and_a_place_freed_is_taken() {
    let (server, invited) = serve(3, &["--max-sessions", "2"]);
    let mut first = interview(server.port, &invited[0].0, &invited[0].1, 80, 24).await;
    let _second = interview(server.port, &invited[1].0, &invited[1].1, 80, 24).await;
    let mut third = connect(server.port).await.unwrap();
    assert!(
        !log_in(&mut third, &invited[2].0, &invited[2].1)
            .await
            .unwrap(),
        "a third session let in over --max-sessions 2"
    );
    assert!(server.log().contains("refused: too many sessions"));
    // the first leaves: the third gets in
    let mut screen = Screen::new(80, 24);
    screen.wait_for(&mut first.1, "Stage").await;
    first
        .0
        .disconnect(Disconnect::ByApplication, "", "en")
        .await
        .unwrap();
    drop(first);
    wait_until("the first session ended", || {
        server.log().contains("session ended")
    });
    let mut third = connect(server.port).await.unwrap();
    assert!(
        log_in(&mut third, &invited[2].0, &invited[2].1)
            .await
            .unwrap(),
        "the place freed was not taken"
    );
}

/// A session with no input: closed after `--idle`, when keepalives are
/// rarer than the idle time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_without_input_is_closed_after_the_idle_time() {
    let (server, invited) = serve(1, &["--idle", "2", "--keepalive", "60"]);
    let (user, code) = &invited[0];
    let (_handle, mut channel) = interview(server.port, user, code, 80, 24).await;
    let mut screen = Screen::new(80, 24);
    screen.wait_for(&mut channel, "Stage").await;
    let start = Instant::now();
    screen
        .read_until(&mut channel, Duration::from_secs(10), |s| s.closed)
        .await;
    assert!(screen.closed, "an idle session still open after 10 s");
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(1500) && took <= Duration::from_secs(5),
        "closed after {took:?} (idle 2 s)"
    );
    wait_until("the session ended", || {
        server.log().contains("session ended")
    });
}

/// The same with keepalives more frequent than the idle time (as by
/// default: keepalive 15 s, idle 1 h): the client's replies to keepalives
/// must not count as input.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_without_input_is_closed_even_while_keepalives_are_answered() {
    let (_server, invited) = serve(1, &["--idle", "3", "--keepalive", "1"]);
    let (user, code) = &invited[0];
    let (_handle, mut channel) = interview(_server.port, user, code, 80, 24).await;
    let mut screen = Screen::new(80, 24);
    screen.wait_for(&mut channel, "Stage").await;
    screen
        .read_until(&mut channel, Duration::from_secs(8), |s| s.closed)
        .await;
    assert!(
        screen.closed,
        "a session with no input for 8 s still open (idle 3 s, keepalive 1 s)"
    );
}

/// The longest run of `x` in a profile file (a pasted note).
fn longest_x_run(server: &Server) -> usize {
    let text = std::fs::read_to_string(server.profiles().join("pinghu.json")).unwrap();
    text.split(|c| c != 'x').map(str::len).max().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_30_kb_paste_passes_whole_and_a_larger_one_is_cut_at_the_burst() {
    // the default burst (32 KiB); a trickle after it; notes allowed past
    // the burst (the default --note-size, 4096 bytes, would refuse these
    // pastes whole: a_served_respondents_note_stops_at_the_note_size_limit)
    let (server, invited) = serve(2, &["--input-rate", "64", "--note-size", "65536"]);
    // 30 KiB into the note of the first indicator: all of it saved
    let (_a, mut channel) = interview(server.port, &invited[0].0, &invited[0].1, 80, 24).await;
    let mut screen = Screen::new(80, 24);
    screen.wait_for(&mut channel, "Stage").await;
    let paste = |n: usize| format!("\x1b[200~{}\x1b[201~", "x".repeat(n));
    // answered first (the walk moves on), back to it, its note
    channel.data_bytes(b"y".to_vec()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    channel.data_bytes(b"\x1b[A".to_vec()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    channel.data_bytes(b"e".to_vec()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    channel
        .data_bytes(paste(30 * 1024).into_bytes())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    channel.data_bytes(b"\r".to_vec()).await.unwrap();
    wait_until("the 30 KiB note on disk", || {
        longest_x_run(&server) == 30 * 1024
    });
    // 40 KiB: what is over the burst is dropped (with the paste's end);
    // the end sent later closes what passed
    let (_b, mut channel) = interview(server.port, &invited[1].0, &invited[1].1, 80, 24).await;
    let mut screen = Screen::new(80, 24);
    screen.wait_for(&mut channel, "Stage").await;
    // answered first (the walk moves on), back to it, its note
    channel.data_bytes(b"y".to_vec()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    channel.data_bytes(b"\x1b[A".to_vec()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    channel.data_bytes(b"e".to_vec()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    channel
        .data_bytes(paste(40 * 1024).into_bytes())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    channel.data_bytes(b"\x1b[201~".to_vec()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    channel.data_bytes(b"\r".to_vec()).await.unwrap();
    let start = Instant::now();
    let mut saved = 30 * 1024;
    while saved == 30 * 1024 && start.elapsed() < WAIT {
        tokio::time::sleep(Duration::from_millis(100)).await;
        saved = longest_x_run(&server);
    }
    assert!(
        saved > 30 * 1024 && saved <= 32 * 1024,
        "a 40 KiB paste: {saved} bytes saved (burst 32 KiB)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_window_is_served_within_the_largest_window() {
    let (server, invited) = serve(1, &["--max-width", "100", "--max-height", "30"]);
    let (user, code) = &invited[0];
    let (_handle, mut channel) = interview(server.port, user, code, 65535, 65535).await;
    let mut screen = Screen::new(100, 30);
    screen.wait_for(&mut channel, "Stage").await;
    // a resize to the same: still bounded
    channel.window_change(65535, 65535, 0, 0).await.unwrap();
    channel.window_change(65534, 65534, 0, 0).await.unwrap();
    screen
        .read_until(&mut channel, Duration::from_secs(2), |_| false)
        .await;
    let at = addressed(&screen.bytes);
    assert!(!at.is_empty(), "no cursor addressing seen");
    let rows = at.iter().map(|p| p.0).max().unwrap();
    let cols = at.iter().map(|p| p.1).max().unwrap();
    assert!(
        rows <= 30 && cols <= 100,
        "addressed row {rows}, column {cols}"
    );
    // the window is that size, not smaller
    assert_eq!(rows, 30, "the bottom row drawn");
}

/// Waits (bounded) until the server has used no CPU for 400 ms.
async fn quiet(server: &Server) {
    let start = Instant::now();
    loop {
        let before = server.cpu_ticks();
        tokio::time::sleep(Duration::from_millis(400)).await;
        if server.cpu_ticks() == before || start.elapsed() > WAIT {
            return;
        }
    }
}

/// A client whose reading can be paused ([`Pausable`]), logged in, its
/// interview open at `cols` x `rows` (as asked: the server clamps it) and
/// drawn (`screen` at `shown_cols` x `shown_rows`).
async fn pausable_interview(
    server: &Server,
    (user, code): &(String, String),
    (cols, rows): (u32, u32),
    (shown_cols, shown_rows): (u16, u16),
) -> (
    Handle,
    russh::Channel<russh::client::Msg>,
    std::sync::Arc<Pause>,
    Screen,
) {
    let (stream, pause) = Pausable::connect(server.port).await.unwrap();
    let mut handle = russh::client::connect_stream(config(), stream, Trusting)
        .await
        .unwrap();
    assert!(log_in(&mut handle, user, code).await.unwrap());
    let mut channel = open_shell(&handle, cols, rows).await.unwrap();
    let mut screen = Screen::new(shown_cols, shown_rows);
    screen.wait_for(&mut channel, "Stage").await;
    (handle, channel, pause, screen)
}

/// Every cell of a screen (its text, colours and attributes) and whether
/// the cursor is hidden (where it rests is not compared: it is hidden).
type Cells = (
    Vec<Option<(String, vt100::Color, vt100::Color, bool, bool, bool, bool)>>,
    bool,
);

fn cells(screen: &vt100::Screen) -> Cells {
    let (rows, cols) = screen.size();
    let mut all = vec![];
    for r in 0..rows.get() {
        for c in 0..cols.get() {
            all.push(screen.cell(r, c).map(|cell| {
                (
                    cell.contents().to_string(),
                    cell.fgcolor(),
                    cell.bgcolor(),
                    cell.bold(),
                    cell.italic(),
                    cell.underline(),
                    cell.inverse(),
                )
            }));
        }
    }
    (all, screen.hide_cursor())
}

/// The server's own picture of the session: a whole frame, forced by two
/// resizes (one column less, then back), parsed on a fresh screen.
async fn servers_picture(
    channel: &mut russh::Channel<russh::client::Msg>,
    screen: &mut Screen,
    cols: u32,
    rows: u32,
) -> Screen {
    let seen = screen.bytes.len();
    channel.window_change(cols - 1, rows, 0, 0).await.unwrap();
    channel.window_change(cols, rows, 0, 0).await.unwrap();
    screen
        .read_until(channel, Duration::from_secs(3), |_| false)
        .await;
    let after = &screen.bytes[seen..];
    let last_clear = after
        .windows(4)
        .rposition(|w| w == b"\x1b[2J")
        .expect("a whole frame after the resizes");
    let mut fresh = Screen::new(cols as u16, rows as u16);
    fresh.parser.process(&after[last_clear..]);
    fresh
}

/// While the client does not read, `n` resizes (each a whole frame,
/// alternately one column less; the last at `cols`), then the server
/// left to finish: past what russh and the sockets hold, the session's
/// writer is blocked and the frame queue is in use.
async fn resizes_not_read(
    server: &Server,
    channel: &russh::Channel<russh::client::Msg>,
    n: usize,
    cols: u32,
    rows: u32,
) {
    for i in 0..n {
        let w = if i % 2 == 1 { cols } else { cols - 1 };
        channel.window_change(w, rows, 0, 0).await.unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    quiet(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_costs_a_bounded_queue() {
    // the queue: one whole frame at 200 x 60 (about 18 kB) and a diff or
    // two; keepalives rarer than the test (a client that does not read
    // answers none: two unanswered would end it, after ~15 s without input)
    let (server, invited) = serve(1, &["--frame-queue", "21000", "--keepalive", "60"]);
    let (cols, rows) = (200u32, 60u32);
    let (_handle, mut channel, pause, mut screen) = pausable_interview(
        &server,
        &invited[0],
        (cols, rows),
        (cols as u16, rows as u16),
    )
    .await;
    // how big a whole frame is here
    let before = screen.bytes.len();
    channel.window_change(cols - 1, rows, 0, 0).await.unwrap();
    screen
        .read_until(&mut channel, Duration::from_millis(800), |_| false)
        .await;
    let whole = screen.bytes.len() - before;
    assert!(whole > 4096, "a whole frame of {whole} bytes");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_before = server.rss_kb();
    // the client stops reading; every resize is a whole frame. Past the
    // queue and what russh holds (its channel to the connection,
    // the client's window), the server's memory must stop growing: a
    // second batch of frames, as large as the first, adds (almost) nothing.
    pause.set(true);
    let batch = 200usize;
    let mut rss = vec![];
    for _ in 0..2 {
        resizes_not_read(&server, &channel, batch, cols, rows).await;
        rss.push(server.rss_kb());
    }
    let batch_kb = (batch * whole / 1024) as u64;
    let second_kb = rss[1].saturating_sub(rss[0]);
    eprintln!(
        "whole frame {whole} B; two batches of {batch} frames ({batch_kb} kB each) not read; \
         server RSS {} kB before, {} kB after the first, {} kB after the second",
        rss_before, rss[0], rss[1]
    );
    assert!(
        second_kb < batch_kb / 4,
        "the server grew {second_kb} kB more for a second {batch_kb} kB of frames not read"
    );
    // still not reading: answers, each frame a diff of the one before;
    // some are dropped with the queue. (Whether a dropped diff is mended
    // by a whole repaint is shown by the next test, whose queue makes the
    // drop certain; here the later frames redraw what the dropped ones
    // drew.)
    for _ in 0..10 {
        channel.data_bytes(b"y".to_vec()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    quiet(&server).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    // reading again: what arrives must leave the screen as the server
    // has it
    pause.set(false);
    screen
        .read_until(&mut channel, Duration::from_secs(3), |_| false)
        .await;
    assert!(
        screen.contents().contains("10/100 answered"),
        "{}",
        screen.contents()
    );
    let shown = cells(screen.parser.screen());
    let fresh = servers_picture(&mut channel, &mut screen, cols, rows).await;
    assert!(
        shown == cells(fresh.parser.screen()),
        "after reading again, the screen differs from the server's:\n{}\nthe server's:\n{}",
        screen.contents(),
        fresh.contents()
    );
}

/// A diff frame dropped after the last whole frame was queued leaves the
/// client's screen wrong until a whole frame follows: the session must
/// repaint whole after a drop (`session.repaint()` in src/serve/mod.rs).
/// The queue here is the smallest (1024 bytes): a whole frame (18 kB at
/// 200 x 60) is taken onto an empty queue, and nothing after it; two
/// diffs only when both are small. Whichever frame the queue holds when
/// the keys come (a whole frame, or none), a diff that no later frame
/// draws again is dropped: the first answer's (the domain's count), the
/// domain switch, or the answer after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_diff_dropped_for_a_client_that_stops_reading_is_mended_by_a_whole_repaint() {
    // (keepalives rarer than the test, as above)
    let (server, invited) = serve(1, &["--frame-queue", "1024", "--keepalive", "60"]);
    let (cols, rows) = (200u32, 60u32);
    let (_handle, mut channel, pause, mut screen) = pausable_interview(
        &server,
        &invited[0],
        (cols, rows),
        (cols as u16, rows as u16),
    )
    .await;
    // the next domain's first stage drawn over this one's, and back, as
    // diffs: each larger than the queue, so it cannot follow another frame
    for (key, shown) in [(b"]", "Economy · Stage 1"), (b"[", "Services · Stage 1")] {
        let before = screen.bytes.len();
        channel.data_bytes(key.to_vec()).await.unwrap();
        screen.wait_for(&mut channel, shown).await;
        screen
            .read_until(&mut channel, Duration::from_millis(500), |_| false)
            .await;
        let diff = screen.bytes.len() - before;
        assert!(
            diff > 1024 && !screen.bytes[before..].windows(4).any(|w| w == b"\x1b[2J"),
            "a domain switch: a diff of {diff} bytes (the queue: 1024)"
        );
    }
    // the client stops reading, until the session's writer is blocked
    pause.set(true);
    resizes_not_read(&server, &channel, 300, cols, rows).await;
    // three keys, each its own frame (and time for a repaint owed after a
    // drop, 200 ms): Services' first indicator met, the next domain, its
    // first indicator not met
    for key in [b"y", b"]", b"n"] {
        channel.data_bytes(key.to_vec()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    quiet(&server).await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    // reading again: everything the server sent, parsed in order
    pause.set(false);
    screen
        .read_until(&mut channel, Duration::from_secs(3), |_| false)
        .await;
    let text = screen.contents();
    // the answers and the domain shown: Services' count, Economy's
    // first indicator not met (the mark and the voice), the count
    for expected in [
        "│ Services         1/14",
        "│>Economy          1/16",
        "┌ Economy · Stage 1",
        "(n)  n  1. Leading firms",
        "2/100 answered",
    ] {
        assert!(
            text.contains(expected),
            "after reading again, no {expected:?}:\n{text}"
        );
    }
    let shown = cells(screen.parser.screen());
    let fresh = servers_picture(&mut channel, &mut screen, cols, rows).await;
    assert!(
        shown == cells(fresh.parser.screen()),
        "after reading again, the screen differs from the server's:\n{text}\nthe server's:\n{}",
        fresh.contents()
    );
}

/// `keys` sent one by one, 5 ms apart (a frame each).
async fn keys(channel: &russh::Channel<russh::client::Msg>, keys: &[&[u8]]) {
    for key in keys {
        channel.data_bytes(key.to_vec()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// A client at the largest window (65535 x 65535 asked, 500 x 200
/// served: a whole frame of about 115 kB) that stops reading and goes on
/// typing, with the default limits (a frame queue of 256 KiB): the
/// server's memory levels off, and what reaches the client when it reads
/// again is a small part of what was drawn (the rest dropped, not held),
/// ending on the server's screen. Keys in batches, a frame each (answers,
/// moves, a domain switch, the help opened and closed); the server's
/// VmRSS after each batch. (Keepalives are made rare here: a client that
/// does not read answers none, and by default is cut off once it has also
/// sent nothing for about 15 s.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_at_the_largest_window_that_stops_reading_and_keeps_typing_costs_bounded_memory() {
    let (server, invited) = serve(1, &["--keepalive", "60"]);
    let (cols, rows) = (500u32, 200u32);
    let (_handle, mut channel, pause, mut screen) = pausable_interview(
        &server,
        &invited[0],
        (65535, 65535),
        (cols as u16, rows as u16),
    )
    .await;
    let round: &[&[u8]] = &[
        b"y", b"\x1b[A", b"n", b"\x1b[A", b"]", b"?", b"?", b"[", b"?", b"?",
    ];
    // one round read, as a warm-up and to measure its frames
    screen
        .read_until(&mut channel, Duration::from_millis(500), |_| false)
        .await;
    let whole = screen.bytes.len();
    let at = addressed(&screen.bytes);
    assert_eq!(
        (at.iter().map(|p| p.0).max(), at.iter().map(|p| p.1).max()),
        (Some(rows), Some(cols)),
        "not the largest window"
    );
    keys(&channel, round).await;
    quiet(&server).await;
    screen
        .read_until(&mut channel, Duration::from_millis(500), |_| false)
        .await;
    let round_bytes = screen.bytes.len() - whole;
    quiet(&server).await;
    let rss_before = server.rss_kb();
    pause.set(true);
    // first more than russh and the sockets take (the client's window is
    // 2 MB): whole frames, by resizes; then the keys' frames meet the queue
    let filled = 80;
    resizes_not_read(&server, &channel, filled, cols, rows).await;
    let rss_filled = server.rss_kb();
    let (batches, rounds) = (4, 10);
    let batch_kb = round_bytes * rounds / 1024;
    let drawn_kb = filled * whole / 1024 + batches * batch_kb;
    let mut rss = vec![];
    for _ in 0..batches {
        for _ in 0..rounds {
            keys(&channel, round).await;
        }
        quiet(&server).await;
        rss.push(server.rss_kb());
    }
    let sent = round.len() * rounds;
    // reading again: a fraction of the frames drawn, and the screen as the
    // server has it
    let stalled = screen.bytes.len();
    pause.set(false);
    screen
        .read_until(&mut channel, Duration::from_secs(3), |_| false)
        .await;
    let received_kb = (screen.bytes.len() - stalled) / 1024;
    eprintln!(
        "500 x 200: a whole frame {whole} B, a round of {} keys {round_bytes} B of frames; \
         {filled} whole frames then {batches} batches of {sent} keys not read ({batch_kb} kB \
         of frames each; {drawn_kb} kB in all); server RSS {rss_before} kB before, \
         {rss_filled} kB after the whole frames, then {rss:?} kB; {received_kb} kB received \
         on reading again",
        round.len(),
    );
    let shown = cells(screen.parser.screen());
    let fresh = servers_picture(&mut channel, &mut screen, cols, rows).await;
    assert!(
        shown == cells(fresh.parser.screen()),
        "after reading again, the screen differs from the server's"
    );
    assert!(
        received_kb < drawn_kb / 2,
        "{received_kb} kB received of {drawn_kb} kB of frames drawn: the frames were held, not \
         dropped"
    );
    let grown = rss
        .iter()
        .chain([&rss_filled])
        .max()
        .unwrap()
        .saturating_sub(rss_before);
    // the queue (256 KiB), russh's 8 messages to the connection (a whole
    // frame each at most: 8 x 115 kB), its buffers to the socket (up to
    // the client's window, 2 MB) and the allocator's slack: measured 6 to
    // 10 MB (debug build); bounded at three times that, whatever the
    // number of frames
    assert!(
        grown < 32 * 1024,
        "a client at 500 x 200 not reading grew the server by {grown} kB ({rss_filled} kB after \
         the whole frames, {rss:?} kB after each batch of keys, {rss_before} kB before)"
    );
    // levelled off: the last batch adds almost nothing
    let last = rss[batches - 1].saturating_sub(rss[batches - 2]);
    assert!(
        last < 2 * 1024,
        "the last batch of {sent} keys not read grew the server by {last} kB ({rss:?} kB)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authentication_failures_over_the_rate_refuse_even_the_right_code() {
    let (server, invited) = serve(1, &["--auth-failures-per-minute", "3"]);
    let (user, code) = &invited[0];
    // the right code works
    let mut ok = connect(server.port).await.unwrap();
    assert!(log_in(&mut ok, user, code).await.unwrap());
    ok.disconnect(Disconnect::ByApplication, "", "en")
        .await
        .unwrap();
    drop(ok);
    // three failures (names no invitation has, so none is burnt)
    for n in 0..3 {
        let mut wrong = connect(server.port).await.unwrap();
        assert!(
            !log_in(&mut wrong, &format!("r-nobody{n}"), "AAAA-AAAA-AAAA")
                .await
                .unwrap()
        );
    }
    // then the right code is refused too, for the rest of the minute
    let mut late = connect(server.port).await.unwrap();
    assert!(
        !log_in(&mut late, user, code).await.unwrap(),
        "the right code let in over --auth-failures-per-minute 3"
    );
    assert!(
        server.log().contains("refused: too many failures"),
        "{}",
        server.log()
    );
}

/// A whole frame larger than `--frame-queue` (here 200 x 60: about 18 kB,
/// against a 16 KiB queue) must still reach the client. (At 500 x 200, the
/// largest window by default, the walk's whole frame is about 115 kB.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_frame_larger_than_the_frame_queue_still_arrives() {
    let (server, invited) = serve(1, &["--frame-queue", "16384"]);
    let (user, code) = &invited[0];
    let (_handle, mut channel) = interview(server.port, user, code, 200, 60).await;
    let mut screen = Screen::new(200, 60);
    let shown = screen
        .read_until(&mut channel, Duration::from_secs(5), |s| {
            s.contents().contains("Stage")
        })
        .await;
    assert!(
        shown,
        "no frame within 5 s ({} bytes received)",
        screen.bytes.len()
    );
}
