//! Time to the first frame: citydx's home screen with the example profiles
//! against a minimal ratatui program that draws one bordered paragraph
//! (examples/minimal_frame.rs), both measured by this harness in the same
//! run, alternating, in a 120 x 40 pseudo-terminal: from spawning the
//! process to its first frame on the parsed screen, and to the frame that
//! shows the example profiles listed (the listing runs after the first
//! frame, on a thread).
//!
//! Run: `cargo bench --bench first_frame` (it builds the example first).

use std::io::{Read, Write};
use std::num::NonZero;
use std::path::Path;
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const RUNS: usize = 101;

/// The time from spawning `program` until each text of `expect` is on
/// the screen, in order.
fn first_frame(program: &Path, args: &[&str], expect: &[&str]) -> Vec<Duration> {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    // The reader parses the output and notes when each text first shows;
    // the harness thread only waits, so it takes no core from the program.
    let mut parser = vt100::Parser::new(NonZero::new(40).unwrap(), NonZero::new(120).unwrap(), 0);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (tx, rx) = mpsc::channel();
    let wanted: Vec<String> = expect.iter().map(|t| t.to_string()).collect();
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        let mut next = 0;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            let screen = parser.screen().contents();
            while next < wanted.len() && screen.contains(&wanted[next]) {
                let _ = tx.send(start.elapsed());
                next += 1;
            }
        }
    });
    let shown: Vec<Duration> = expect
        .iter()
        .map(|text| {
            rx.recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| {
                    let _ = child.kill();
                    panic!("{} showed no {text:?}", program.display())
                })
        })
        .collect();
    let mut writer = pty.master.take_writer().unwrap();
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let quit_by = Instant::now() + Duration::from_secs(5);
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > quit_by {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    shown
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--example", "minimal_frame"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    let minimal =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/examples/minimal_frame");
    let citydx = Path::new(env!("CARGO_BIN_EXE_citydx"));
    let profiles = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let dir = profiles.to_str().unwrap();
    let (mut frame, mut listed, mut base) = (vec![], vec![], vec![]);
    for _ in 0..RUNS {
        base.push(first_frame(&minimal, &[], &["first frame"])[0]);
        let times = first_frame(
            citydx,
            &["--dir", dir, "--lang", "en"],
            &["City profiles", "Pinghu"],
        );
        frame.push(times[0]);
        listed.push(times[1]);
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (f, l, b) = (median(frame), median(listed), median(base));
    println!(
        "median of {RUNS}: minimal ratatui program {:.2} ms; citydx home, first frame {:.2} ms (ratio {:.2}), with the nine example profiles listed {:.2} ms (ratio {:.2})",
        ms(b),
        ms(f),
        ms(f) / ms(b),
        ms(l),
        ms(l) / ms(b)
    );
}
