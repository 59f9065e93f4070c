//! Ten thousand profiles: builds a folder of 10,000 realistic profiles (the
//! example cities, renamed, with every answer varied), then measures, on
//! the release binary:
//! - `citydx list --json`: wall time and peak memory, with no summary cache
//!   (every file parsed) and with the cache the first run left;
//! - the home screen in a pseudo-terminal: time to the first frame, and to
//!   the list filled in, with the files in the page cache and (when run as
//!   root, which may empty it) with the page cache dropped.
//!
//! Run: `cargo bench --bench scale` (a few minutes; figures in the README).
//! Not a test: nothing here can fail on a slow machine, it only reports.

use std::io::Read;
use std::num::NonZero;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use citydx::core::examples::EXAMPLES;
use citydx::core::profile::{AnswerValue, Profile};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// How many profiles: 10,000, or CITYDX_BENCH_PROFILES for a quick run.
fn profiles() -> usize {
    std::env::var("CITYDX_BENCH_PROFILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// A small deterministic generator, so every run builds the same folder.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn build_folder(dir: &Path) -> u64 {
    let bases: Vec<Profile> = EXAMPLES
        .iter()
        .map(|(_, t)| Profile::from_json(t).unwrap())
        .collect();
    let values = [
        AnswerValue::Met,
        AnswerValue::Partly,
        AnswerValue::NotMet,
        AnswerValue::NotApplicable,
        AnswerValue::Unknown,
    ];
    let mut rng = Lcg(7);
    let mut bytes = 0;
    for i in 0..profiles() {
        let mut p = bases[i % bases.len()].clone();
        p.id = format!("{}-{i:05}", p.id);
        p.city.name.en = format!("{} {i}", p.city.name.en);
        p.city.name.zh = format!("{}{i}", p.city.name.zh);
        for answer in p.assessments[0].answers.values_mut() {
            answer.value = values[(rng.next() % 5) as usize];
        }
        let text = p.to_json();
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("{}.json", p.id)), text).unwrap();
    }
    bytes
}

/// Runs `citydx` with `args`; wall time and the child's peak resident memory.
fn run(dir: &Path, args: &[&str]) -> (Duration, u64) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_citydx"))
        .arg("--dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Peak RSS of the largest child waited for so far, in KiB; each run is
    // no smaller than the last, so runs are measured in increasing order.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    (elapsed, usage.ru_maxrss as u64)
}

/// Time until the home screen first shows, until it lists `count`, and
/// from a filter keystroke to the filtered list.
fn home(dir: &Path, count: usize) -> (Duration, Duration, Duration) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_citydx"));
    cmd.args(["--dir", dir.to_str().unwrap(), "--lang", "en"]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        NonZero::new(40).unwrap(),
        NonZero::new(120).unwrap(),
        0,
    )));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
        }
    });
    let mut wait = |text: &str| loop {
        if parser.lock().unwrap().screen().contents().contains(text) {
            return start.elapsed();
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("no {text:?} after 60 s");
        }
        std::thread::sleep(Duration::from_micros(200));
    };
    let first = wait("City profiles");
    let filled = wait(&format!("Profiles ({count})"));
    let mut writer = pty.master.take_writer().unwrap();
    // one keystroke of a filter: "/" opens it, "7" filters
    writer.write_all(b"/").unwrap();
    writer.flush().unwrap();
    wait("/_");
    let typed = start.elapsed();
    writer.write_all(b"7").unwrap();
    writer.flush().unwrap();
    let filtered = wait(&format!("/{count})")) - typed;
    // Enter keeps the filter, q quits ("\x1bq" would read as Alt-q)
    let _ = writer.write_all(b"\rq");
    let _ = writer.flush();
    let quit_by = Instant::now() + Duration::from_secs(5);
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > quit_by {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    (first, filled, filtered)
}

use std::io::Write;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` lists no criterion benchmarks here
    }
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let bytes = build_folder(dir.path());
    println!(
        "built {} profiles, {:.0} MB, in {:.1} s",
        profiles(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    // Python's json module merely parsing the same files, for scale, and
    // the listing with no summary cache, alternating, three times each
    // (medians: a shared machine's figures vary from run to run)
    let python = || {
        Command::new("python3")
            .arg("-c")
            .arg("import json,os,sys,time\nd=sys.argv[1]\nt=time.perf_counter()\nfor n in os.listdir(d):\n  if n.endswith('.json'):\n    json.load(open(os.path.join(d,n),encoding='utf-8'))\nprint(time.perf_counter()-t)")
            .arg(dir.path())
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse::<f64>().ok())
            .map(Duration::from_secs_f64)
    };
    let (mut pythons, mut colds, mut cold_rss) = (vec![], vec![], 0);
    for _ in 0..3 {
        if let Some(t) = python() {
            pythons.push(t);
        }
        let _ = std::fs::remove_dir_all(dir.path().join(".cache"));
        let (t, rss) = run(dir.path(), &["list", "--json"]);
        colds.push(t);
        cold_rss = rss;
    }
    let cold = median(colds);
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    if pythons.is_empty() {
        println!("python3 not available: no comparison");
    } else {
        let python = median(pythons);
        println!(
            "python3 json.load of every file:           {:>7.0} ms (median of 3)",
            ms(python)
        );
        println!(
            "list --json, no cache:                      {:>7.0} ms (median of 3), {:.2} of Python's, peak {:>5.1} MB",
            ms(cold),
            cold.as_secs_f64() / python.as_secs_f64(),
            cold_rss as f64 / 1024.0
        );
    }
    let (warm, warm_rss) = run(dir.path(), &["list", "--json"]);
    println!(
        "list --json, with the cache:               {:>7.0} ms, peak {:>5.1} MB (max of all runs)",
        ms(warm),
        warm_rss as f64 / 1024.0
    );
    let (first, filled, filtered) = home(dir.path(), profiles());
    println!(
        "home screen: first frame {:.0} ms, list filled {:.0} ms (cache warm); a filter keystroke {:.1} ms",
        ms(first),
        ms(filled),
        ms(filtered)
    );
    let cold_home = |what: &str| {
        if drop_page_cache() {
            let (first, filled, _) = home(dir.path(), profiles());
            println!(
                "home screen, page cache dropped: first frame {:.0} ms, list filled {:.0} ms ({what})",
                ms(first),
                ms(filled)
            );
        } else {
            println!("home screen, page cache dropped: not measured (dropping it needs root)");
        }
    };
    std::fs::remove_dir_all(dir.path().join(".cache")).unwrap();
    let (first, filled, _) = home(dir.path(), profiles());
    println!(
        "home screen: first frame {:.0} ms, list filled {:.0} ms (no summary cache)",
        ms(first),
        ms(filled)
    );
    // (that listing wrote the summary cache again)
    cold_home("summary cache on disk");
    std::fs::remove_dir_all(dir.path().join(".cache")).unwrap();
    cold_home("no summary cache: every file read from the disk");
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Empties the kernel's page cache (and its cache of folders and inodes),
/// so files are read from the disk again; false when that is not allowed.
fn drop_page_cache() -> bool {
    Command::new("sync").status().is_ok_and(|s| s.success())
        && std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}
