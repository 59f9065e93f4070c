//! Time to the first frame: citydx's home screen with the example profiles
//! against a minimal ratatui program that draws one bordered paragraph
//! (examples/minimal_frame.rs), both measured by this harness in the same
//! run, alternating, in a 120 x 40 pseudo-terminal: from spawning the
//! process to its first frame on the parsed screen.
//!
//! Run: `cargo bench --bench first_frame` (it builds the example first).

use std::io::{Read, Write};
use std::num::NonZero;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const RUNS: usize = 25;

fn first_frame(program: &Path, args: &[&str], expect: &str) -> Duration {
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
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        NonZero::new(40).unwrap(),
        NonZero::new(120).unwrap(),
        0,
    )));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&parser);
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
        }
    });
    let shown = loop {
        if parser.lock().unwrap().screen().contents().contains(expect) {
            break start.elapsed();
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("{} showed no {expect:?}", program.display());
        }
        std::thread::sleep(Duration::from_micros(100));
    };
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
    let (mut ours, mut base) = (vec![], vec![]);
    for _ in 0..RUNS {
        base.push(first_frame(&minimal, &[], "first frame"));
        ours.push(first_frame(
            citydx,
            &["--dir", dir, "--lang", "en"],
            "City profiles",
        ));
    }
    let (o, b) = (median(ours), median(base));
    println!(
        "first frame, median of {RUNS}: citydx home {:.2} ms, minimal ratatui program {:.2} ms, ratio {:.2}",
        o.as_secs_f64() * 1e3,
        b.as_secs_f64() * 1e3,
        o.as_secs_f64() / b.as_secs_f64()
    );
}
