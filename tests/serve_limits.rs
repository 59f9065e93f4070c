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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_costs_a_bounded_queue_then_gets_a_whole_repaint() {
    // the queue: one whole frame at 200 x 60 (about 18 kB) and a diff or two
    let (server, invited) = serve(1, &["--frame-queue", "21000"]);
    let (user, code) = &invited[0];
    let (stream, pause) = Pausable::connect(server.port).await.unwrap();
    let mut handle = russh::client::connect_stream(config(), stream, Trusting)
        .await
        .unwrap();
    assert!(log_in(&mut handle, user, code).await.unwrap());
    let (cols, rows) = (200u32, 60u32);
    let mut channel = open_shell(&handle, cols, rows).await.unwrap();
    let mut screen = Screen::new(cols as u16, rows as u16);
    screen.wait_for(&mut channel, "Stage").await;
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
        for i in 0..batch {
            // (the last at the full width)
            let w = if i % 2 == 1 { cols } else { cols - 1 };
            channel.window_change(w, rows, 0, 0).await.unwrap();
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        quiet(&server).await;
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
    // still not reading: answers, each frame a diff of the one before
    // (an item's mark, the count) that no later frame draws again; with
    // a queue of one whole frame and a diff or two, some are dropped
    for _ in 0..10 {
        channel.data_bytes(b"y".to_vec()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    quiet(&server).await;
    // (a drop at the last frame is mended at the session's next wake-up)
    tokio::time::sleep(Duration::from_millis(1500)).await;
    // reading again: what arrives must leave the screen as the server
    // has it (after a dropped queue, the next frame is whole, not a diff
    // of frames the client never got)
    pause.set(false);
    screen
        .read_until(&mut channel, Duration::from_secs(3), |_| false)
        .await;
    assert!(
        screen.contents().contains("10/100 answered"),
        "{}",
        screen.contents()
    );
    // every cell as the server has it (its text, colours and attributes);
    // the cursor is hidden, so where it rests is not compared
    let cells = |screen: &vt100::Screen| {
        let mut all = vec![];
        for r in 0..rows as u16 {
            for c in 0..cols as u16 {
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
    };
    let shown = cells(screen.parser.screen());
    // the server's own picture: a whole frame, forced by two resizes
    let seen = screen.bytes.len();
    channel.window_change(cols - 1, rows, 0, 0).await.unwrap();
    channel.window_change(cols, rows, 0, 0).await.unwrap();
    screen
        .read_until(&mut channel, Duration::from_secs(3), |_| false)
        .await;
    let after = &screen.bytes[seen..];
    let last_clear = after
        .windows(4)
        .rposition(|w| w == b"\x1b[2J")
        .expect("a whole frame after the resizes");
    let mut fresh = Screen::new(cols as u16, rows as u16);
    fresh.parser.process(&after[last_clear..]);
    assert!(
        shown == cells(fresh.parser.screen()),
        "after reading again, the screen differs from the server's:\n{}\nthe server's:\n{}",
        screen.contents(),
        fresh.contents()
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
