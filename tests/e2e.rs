//! End-to-end tests of the terminal interface: the real binary in a
//! pseudo-terminal, its output parsed by a terminal emulator (vt100), keys
//! typed as a terminal would send them, and the profiles checked on disk.
//!
//! Every wait is bounded; a session that is still running when its test
//! ends is stopped (hang-up, then kill).

#[path = "support/tmpfs.rs"]
mod tmpfs;
use tmpfs::Tmpfs;

use std::fs::File;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use serde_json::Value;

use citydx::core::framework;
use citydx::core::framework::DomainId;

const BIN: &str = env!("CARGO_BIN_EXE_citydx");

/// How long a screen or a file may take to show what a test waits for. Far
/// more than it takes, so that a busy machine never fails a test; a test
/// that fails waits this long once, then shows the screen.
const WAIT: Duration = Duration::from_secs(10);

/// The bound on "exits within about a second" after a hang-up or a signal.
const EXIT_BOUND: Duration = Duration::from_secs(3);

/// Keys as a terminal sends them.
const ENTER: &str = "\r";
const TAB: &str = "\t";
const CTRL_C: &str = "\x03";
const CTRL_U: &str = "\x15";

/// Process creation is serialised: `openpty` makes its descriptors
/// close-on-exec only after creating them, so a process started by another
/// test in between would inherit (and hold open) this test's terminal.
static SPAWN: Mutex<()> = Mutex::new(());

fn spawn_lock() -> MutexGuard<'static, ()> {
    SPAWN.lock().unwrap_or_else(|e| e.into_inner())
}

/// One run of the binary in a pseudo-terminal.
struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote to the terminal, counted.
    bytes: Arc<AtomicUsize>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Keys go here (a copy of the master: portable-pty's own writer
    /// types a newline and an end-of-file when dropped, which a closing
    /// terminal does not).
    writer: Option<File>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    stop_reader: Arc<AtomicBool>,
    /// The terminal settings before the program started.
    initial_termios: String,
    /// Processes to kill at the end if still there (a grandchild).
    strays: Vec<u32>,
}

struct Spawn<'a> {
    program: &'a str,
    args: Vec<String>,
    cols: u16,
    rows: u16,
    env: Vec<(&'a str, &'a str)>,
}

impl<'a> Spawn<'a> {
    /// citydx on folder `dir` in language `lang`, in a `cols` x `rows`
    /// terminal.
    fn citydx(dir: &Path, lang: &str, cols: u16, rows: u16) -> Spawn<'a> {
        Spawn {
            program: BIN,
            args: citydx_args(dir, lang),
            cols,
            rows,
            env: vec![],
        }
    }

    fn start(self) -> Session {
        let size = PtySize {
            rows: self.rows,
            cols: self.cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let mut cmd = CommandBuilder::new(self.program);
        cmd.args(&self.args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        for name in ["CITYDX_PROFILES", "LC_ALL", "LC_MESSAGES", "NO_COLOR"] {
            cmd.env_remove(name);
        }
        // never the tester's own settings (a test choosing a language with
        // L gives its own folder)
        cmd.env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("citydx-e2e-settings"),
        );
        for (name, value) in &self.env {
            cmd.env(name, value);
        }
        cmd.cwd(std::env::temp_dir());
        let guard = spawn_lock();
        let pair = native_pty_system().openpty(size).expect("openpty");
        let initial_termios = format!("{:?}", pair.master.get_termios());
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        // Only the child keeps the terminal's other side open: when it
        // ends, reading the master ends.
        drop(pair.slave);
        let master = pair.master;
        let raw = master.as_raw_fd().expect("the master's descriptor");
        // SAFETY: the descriptor is open for as long as `master` lives; it
        // is only borrowed here to duplicate it (close-on-exec).
        let master_fd = unsafe { BorrowedFd::borrow_raw(raw) };
        let read_fd = master_fd.try_clone_to_owned().expect("dup the master");
        let writer = File::from(master_fd.try_clone_to_owned().expect("dup the master"));
        drop(guard);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(self.rows),
            nonzero(self.cols),
            0,
        )));
        let stop_reader = Arc::new(AtomicBool::new(false));
        let bytes = Arc::new(AtomicUsize::new(0));
        let reader = spawn_reader(
            read_fd,
            Arc::clone(&parser),
            Arc::clone(&stop_reader),
            Arc::clone(&bytes),
        );
        Session {
            parser,
            bytes,
            master: Some(master),
            writer: Some(writer),
            child,
            reader: Some(reader),
            stop_reader,
            initial_termios,
            strays: vec![],
        }
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size above 0")
}

fn citydx_args(dir: &Path, lang: &str) -> Vec<String> {
    vec![
        "--dir".into(),
        dir.display().to_string(),
        "--lang".into(),
        lang.into(),
    ]
}

/// Drains the master into the parser until the other side closes or the
/// session asks it to stop (to close the terminal, every copy of the master
/// must be closed, this one included).
fn spawn_reader(
    fd: OwnedFd,
    parser: Arc<Mutex<vt100::Parser>>,
    stop: Arc<AtomicBool>,
    bytes: Arc<AtomicUsize>,
) -> JoinHandle<()> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    thread::spawn(move || {
        let file = File::from(fd);
        let mut buf = [0u8; 16 * 1024];
        let tick = Timespec {
            tv_sec: 0,
            tv_nsec: 20_000_000,
        };
        while !stop.load(Ordering::SeqCst) {
            let ready = {
                let mut fds = [PollFd::new(&file, PollFlags::IN)];
                match poll(&mut fds, Some(&tick)) {
                    Ok(_) => !fds[0].revents().is_empty(),
                    Err(rustix::io::Errno::INTR) => false,
                    Err(_) => break,
                }
            };
            if !ready {
                continue;
            }
            match (&file).read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    bytes.fetch_add(n, Ordering::SeqCst);
                    lock(&parser).process(&buf[..n]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // EIO: every descriptor of the terminal's other side closed.
                Err(_) => break,
            }
        }
    })
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Session {
    /// The bytes written so far, once the output has been quiet for a while
    /// (so a frame being sent is counted whole).
    fn settled_bytes(&self) -> usize {
        let mut last = self.bytes.load(Ordering::SeqCst);
        let deadline = Instant::now() + WAIT;
        loop {
            thread::sleep(Duration::from_millis(300));
            let now = self.bytes.load(Ordering::SeqCst);
            if now == last || Instant::now() > deadline {
                return now;
            }
            last = now;
        }
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    fn screen(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    fn alternate_screen(&self) -> bool {
        lock(&self.parser).screen().alternate_screen()
    }

    fn cursor_hidden(&self) -> bool {
        lock(&self.parser).screen().hide_cursor()
    }

    /// Types `keys` (no waiting: the program reads and handles every key
    /// in order).
    fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer
            .write_all(keys.as_bytes())
            .expect("type into the pty");
        writer.flush().expect("flush the pty");
    }

    /// Waits until the screen shows `text`; panics with the screen after
    /// the timeout, or at once when the program has ended without showing it.
    fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on the screen"), |screen| {
            screen.contains(text)
        })
    }

    fn wait_until(&mut self, what: &str, mut ok: impl FnMut(&str) -> bool) -> String {
        let start = Instant::now();
        let mut exited = None;
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if exited.is_some() || start.elapsed() > WAIT {
                panic!(
                    "waited {:.1} s for {what}; the program {}; the screen:\n{}",
                    start.elapsed().as_secs_f64(),
                    match &exited {
                        Some(status) => format!("exited with {status:?}"),
                        None => "is still running".into(),
                    },
                    screen
                );
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // One more look once the last output is read.
                self.join_reader(Duration::from_secs(2));
                exited = Some(status);
                continue;
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Polls the child until it exits or `timeout` passes.
    fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if start.elapsed() > timeout {
                return None;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits for the exit and for the last output to be parsed.
    fn expect_exit(&mut self) -> ExitStatus {
        match self.wait_exit(WAIT) {
            Some(status) => {
                self.join_reader(Duration::from_secs(3));
                status
            }
            None => panic!(
                "the program did not exit within {WAIT:?}; the screen:\n{}",
                self.screen()
            ),
        }
    }

    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        lock(&self.parser)
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Whether the terminal's settings are those from before the program
    /// started (raw mode off).
    fn termios_restored(&self) -> bool {
        let now = format!(
            "{:?}",
            self.master
                .as_ref()
                .expect("the terminal is open")
                .get_termios()
        );
        now == self.initial_termios
    }

    /// Lets the reader finish on its own (end of output), else stops it.
    fn join_reader(&mut self, within: Duration) {
        let Some(reader) = self.reader.take() else {
            return;
        };
        let start = Instant::now();
        while !reader.is_finished() && start.elapsed() < within {
            thread::sleep(Duration::from_millis(10));
        }
        self.stop_reader.store(true, Ordering::SeqCst);
        let _ = reader.join();
    }

    /// Closes the terminal as a window closing or a connection dropping
    /// does: every descriptor of the master side is closed, nothing is
    /// typed. Returns when.
    fn close_terminal(&mut self) -> Instant {
        self.stop_reader.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        drop(self.writer.take());
        drop(self.master.take());
        Instant::now()
    }

    /// Sends a signal to the program.
    fn signal(&self, name: &str) {
        send_signal(name, self.pid());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            // a hang-up, then a kill after a short grace period
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        for &pid in &self.strays {
            if is_citydx(pid) {
                try_signal("KILL", pid);
            }
        }
        self.stop_reader.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

fn send_signal(name: &str, pid: u32) {
    assert!(try_signal(name, pid), "kill -{name} {pid} failed");
}

/// `kill -NAME PID`; whether it was delivered.
fn try_signal(name: &str, pid: u32) -> bool {
    let _guard = spawn_lock();
    Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether `pid` is (still) a citydx process, so that a stray is never
/// mistaken for a recycled pid.
fn is_citydx(pid: u32) -> bool {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|c| String::from_utf8_lossy(&c).contains("citydx"))
        .unwrap_or(false)
}

/// Field 7 of /proc/PID/stat: the controlling terminal (0: none).
fn controlling_tty(pid: u32) -> Option<i64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // the command name is in parentheses and may hold spaces
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split(' ').nth(4)?.parse().ok()
}

// ---- files ----

fn folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn example_file(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(format!("{id}.json"))
}

/// A folder holding one example profile.
fn folder_with(id: &str) -> tempfile::TempDir {
    let dir = folder();
    std::fs::copy(example_file(id), dir.path().join(format!("{id}.json"))).expect("copy");
    dir
}

/// Where the draft of a note in profile `id`'s latest assessment is kept
/// (`.drafts/<id>.<assessment id>.json`). The id is read from the file: a
/// version-1 file's ids are derived from it, the same before and after it
/// is first saved.
fn draft_path_of(dir: &Path, id: &str) -> PathBuf {
    let text = std::fs::read_to_string(dir.join(format!("{id}.json"))).expect("the profile");
    let profile = citydx::core::profile::Profile::from_json(&text).expect("it parses");
    let assessment = &profile.assessments.last().expect("an assessment").id;
    dir.join(".drafts").join(format!("{id}.{assessment}.json"))
}

/// Whether any draft of profile `id` is kept.
fn any_draft_of(dir: &Path, id: &str) -> bool {
    std::fs::read_dir(dir.join(".drafts")).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&format!("{id}.")) && name.ends_with(".json")
        })
    })
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// Polls `path` until its JSON satisfies `ok`; panics with the last
/// content after the timeout.
fn wait_json(path: &Path, what: &str, mut ok: impl FnMut(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let json = read_json(path);
        if let Some(json) = &json
            && ok(json)
        {
            return json.clone();
        }
        if start.elapsed() > WAIT {
            panic!(
                "waited {WAIT:?} for {what} in {}; it holds:\n{}",
                path.display(),
                json.map(|j| serde_json::to_string_pretty(&j).unwrap_or_default())
                    .unwrap_or_else(|| "(nothing that parses)".into())
            );
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// The answers of the latest assessment.
fn answers(profile: &Value) -> &serde_json::Map<String, Value> {
    profile["assessments"]
        .as_array()
        .and_then(|a| a.last())
        .and_then(|a| a["answers"].as_object())
        .expect("an assessment with answers")
}

fn answer_value<'a>(profile: &'a Value, id: &str) -> &'a str {
    answers(profile)
        .get(id)
        .and_then(|a| a["value"].as_str())
        .unwrap_or("unknown")
}

fn answer_note<'a>(profile: &'a Value, id: &str) -> Option<&'a str> {
    answers(profile).get(id).and_then(|a| a["note"].as_str())
}

/// The indicator ids of a domain's stage (0-based).
fn stage_ids(domain: DomainId, stage: usize) -> Vec<String> {
    framework().domain(domain).stages[stage]
        .indicators
        .iter()
        .map(|i| i.id.clone())
        .collect()
}

/// What an answer key stores.
fn value_of(key: char) -> &'static str {
    match key {
        'y' => "met",
        'p' => "partly",
        'n' => "not_met",
        'x' => "not_applicable",
        'u' => "unknown",
        other => panic!("not an answer key: {other}"),
    }
}

/// Runs the command line (not the interface) on `dir`.
fn cli(dir: &Path, args: &[&str]) -> std::process::Output {
    let guard = spawn_lock();
    let child = Command::new(BIN)
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("CITYDX_PROFILES")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run citydx");
    drop(guard);
    child.wait_with_output().expect("citydx's output")
}

// ---- the tests ----

#[test]
fn create_a_city_answer_a_domain_with_notes_set_a_target_and_quit() {
    let dir = folder();
    let mut s = Spawn::citydx(dir.path(), "en", 120, 40).start();
    s.wait_for("No profiles yet");
    assert!(
        s.alternate_screen(),
        "the interface runs on the alternate screen"
    );
    assert!(!s.termios_restored(), "the interface runs in raw mode");

    // the form: Chinese name, English name, (id derived), country, region,
    // population
    s.send("n");
    s.wait_for("New city profile");
    s.send("测试县");
    s.send(TAB);
    s.send("Test County");
    s.send(&TAB.repeat(4));
    s.send("250000");
    s.wait_for("250000");
    s.send(ENTER);
    let path = dir.path().join("test-county.json");
    wait_json(&path, "the new profile", |_| true);
    s.wait_for("Stage 1");

    // services, every stage: (key, note) per indicator, in order
    let plan: [&[(char, Option<&str>)]; 3] = [
        &[
            ('y', Some("在服务大厅看到自助终端")),
            ('p', None),
            ('n', None),
            ('x', None),
        ],
        &[
            ('y', None),
            ('y', Some("Seen in the city app, 2026")),
            ('p', None),
            ('x', None),
            ('n', None),
        ],
        &[
            ('p', None),
            ('n', None),
            ('x', None),
            ('y', None),
            ('n', Some("规划中 planned")),
        ],
    ];
    let mut expected: Vec<(String, char, Option<&str>)> = vec![];
    for (stage, keys) in plan.iter().enumerate() {
        let ids = stage_ids(DomainId::Services, stage);
        assert_eq!(
            ids.len(),
            keys.len(),
            "services stage {} has {} indicators (src/core/data/domains/services.json)",
            stage + 1,
            ids.len()
        );
        for (id, (key, note)) in ids.iter().zip(keys.iter()) {
            if let Some(note) = note {
                // a note first (the selection stays), then the answer
                // (the selection moves on)
                s.send("e");
                s.wait_for("Note for");
                s.send(note);
                s.wait_for(note);
                s.send(ENTER);
            }
            s.send(&key.to_string());
            expected.push((id.clone(), *key, *note));
        }
        let so_far = expected.clone();
        wait_json(&path, &format!("the answers of stage {}", stage + 1), |p| {
            so_far
                .iter()
                .all(|(id, key, _)| answer_value(p, id) == value_of(*key))
        });
    }
    // after stage 3 the walk is on the domain's summary
    s.wait_for("Level and target");
    s.send("2");
    wait_json(&path, "the target", |p| {
        p["assessments"][0]["targets"]["services"]["stage"] == 2
    });
    s.send("q");
    s.wait_for("City profiles");
    s.wait_for("Test County");
    s.send("q");
    let status = s.expect_exit();
    assert!(status.success(), "exit status {status:?}");

    let profile = read_json(&path).expect("test-county.json parses");
    assert_eq!(profile["id"], "test-county");
    assert_eq!(profile["city"]["name"]["zh"], "测试县");
    assert_eq!(profile["city"]["name"]["en"], "Test County");
    assert_eq!(profile["city"]["population"], 250000);
    assert_eq!(profile["assessments"].as_array().map(Vec::len), Some(1));
    for (id, key, note) in &expected {
        assert_eq!(answer_value(&profile, id), value_of(*key), "{id}");
        assert_eq!(answer_note(&profile, id), *note, "note of {id}");
    }
    let services: usize = (0..3)
        .map(|st| stage_ids(DomainId::Services, st).len())
        .sum();
    assert_eq!(expected.len(), services);
    assert_eq!(
        answers(&profile).len(),
        services,
        "only services answered: {:?}",
        answers(&profile).keys().collect::<Vec<_>>()
    );
    let target = &profile["assessments"][0]["targets"]["services"];
    assert_eq!(target["stage"], 2, "{target}");
    assert_eq!(target["horizon_years"], 3, "the default horizon: {target}");
    assert!(
        !any_draft_of(dir.path(), "test-county"),
        "no draft left once the notes are saved"
    );

    // the terminal is as it was
    assert!(!s.alternate_screen(), "still on the alternate screen");
    assert!(!s.cursor_hidden(), "the cursor is still hidden");
    assert!(
        !s.screen().contains("City profiles"),
        "the interface is still on the screen:\n{}",
        s.screen()
    );
    assert!(s.termios_restored(), "raw mode was not turned off");
}

/// Opens pinghu (the only or the filtered profile) in `s` and returns the
/// indicators the walk starts on.
fn open_pinghu(s: &mut Session, filter: bool) -> Vec<String> {
    if filter {
        s.send("/");
        s.send("pinghu");
        s.wait_until("the list filtered to Pinghu", |screen| {
            screen.contains("/pinghu") && screen.contains("Pinghu") && !screen.contains("Suzhou")
        });
        s.send(ENTER);
    } else {
        s.wait_for("Pinghu");
    }
    s.send(ENTER);
    s.wait_for("Stage 1");
    // Pinghu's first domain with open questions is services; the walk
    // starts on its first stage.
    s.wait_for(">Services");
    stage_ids(DomainId::Services, 0)
}

/// Types `keys` as answers to `ids` and waits until they are on disk.
fn answer(s: &mut Session, path: &Path, ids: &[String], keys: &str) -> Vec<(String, char)> {
    let given: Vec<(String, char)> = ids.iter().cloned().zip(keys.chars()).collect();
    let before = read_json(path).expect("the profile parses");
    for (id, key) in &given {
        assert_ne!(
            answer_value(&before, id),
            value_of(*key),
            "{id} must change for the test to see it"
        );
    }
    s.send(keys);
    let want = given.clone();
    wait_json(path, "the answers", |p| {
        want.iter()
            .all(|(id, key)| answer_value(p, id) == value_of(*key))
    });
    given
}

fn assert_answers(path: &Path, given: &[(String, char)]) {
    let profile = read_json(path).expect("the profile parses after the session");
    for (id, key) in given {
        assert_eq!(answer_value(&profile, id), value_of(*key), "{id}");
    }
}

/// The rest of a hang-up test, with pinghu open in `s`: answers three
/// indicators, starts a note on the fourth, closes the terminal; then the
/// process must end within the bound, with the answers and the note's
/// draft on disk and the profile free for the next session. `pid` is
/// citydx's process.
fn hang_up_keeps_everything(how: &str, mut s: Session, dir: &Path, pid: u32, ids: &[String]) {
    let path = dir.join("pinghu.json");
    let given = answer(&mut s, &path, &ids[..3], "ypx");
    let text = "cut off mid-note 断线";
    s.send("e");
    s.wait_for("Note for");
    s.send(CTRL_U);
    s.send(text);
    s.wait_for(text);

    let closed = s.close_terminal();
    let status = s.wait_exit(EXIT_BOUND);
    let took = closed.elapsed();
    let gone = !is_citydx(pid);
    eprintln!(
        "{how}: citydx ended {:.0} ms after the terminal closed (status {status:?})",
        took.as_secs_f64() * 1000.0
    );
    assert!(
        status.is_some() && gone,
        "{how}: citydx (pid {pid}) still running {EXIT_BOUND:?} after the terminal closed"
    );
    assert!(
        status.as_ref().is_some_and(ExitStatus::success),
        "{how}: {status:?}"
    );
    assert_answers(&path, &given);
    let draft = read_json(&draft_path_of(dir, "pinghu"))
        .unwrap_or_else(|| panic!("{how}: the note being typed was not kept"));
    assert_eq!(draft["text"], text, "{how}: {draft}");
    assert_eq!(draft["indicator"], ids[3].as_str(), "{how}: {draft}");

    // no lock is left behind: its file may stay, but `import` (which
    // refuses a profile another process holds) goes through
    assert!(
        dir.join(".locks/pinghu.lock").exists(),
        "{how}: no lock file"
    );
    let copy_dir = folder();
    let copy = copy_dir.path().join("pinghu.json");
    std::fs::copy(&path, &copy).expect("copy the profile");
    let out = cli(dir, &["import", copy.to_str().unwrap(), "--force"]);
    assert!(
        out.status.success(),
        "{how}: import --force refused: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_answers(&path, &given);
}

#[test]
fn closing_the_terminal_mid_domain_keeps_every_answer_and_the_process_exits() {
    let dir = folder();
    let mut s = Spawn::citydx(dir.path(), "en", 120, 40).start();
    s.wait_for("No profiles yet");
    s.send("e");
    s.wait_for("Added 9 example cities.");
    let ids = open_pinghu(&mut s, true);
    let pid = s.pid();
    hang_up_keeps_everything("closing the terminal", s, dir.path(), pid, &ids);
}

#[test]
fn hang_up_under_a_shell_that_does_not_pass_sighup() {
    // The shell ignores SIGHUP and setsid runs citydx in a session of its
    // own, without a controlling terminal, its input and output still the
    // pty: when the terminal closes, the kernel's SIGHUP goes to the shell's
    // session (which ignores it), never to citydx. `-w` keeps setsid there,
    // waiting, so that its exit status is citydx's.
    let setsid = Command::new("setsid").arg("--version").output();
    assert!(
        setsid.is_ok_and(|o| o.status.success()),
        "this test needs setsid (util-linux) to start citydx without a controlling terminal"
    );
    let dir = folder_with("pinghu");
    let mut args = vec![
        "-c".to_string(),
        r#"trap "" HUP; exec setsid -w "$0" "$@""#.to_string(),
        BIN.to_string(),
    ];
    args.extend(citydx_args(dir.path(), "en"));
    let mut s = Spawn {
        program: "sh",
        args,
        cols: 120,
        rows: 40,
        env: vec![],
    }
    .start();
    let ids = open_pinghu(&mut s, false);

    // citydx's pid, from its lock
    let holder =
        read_json(&dir.path().join(".locks/pinghu.lock")).expect("the lock names its holder");
    let pid = holder["pid"].as_u64().expect("a pid") as u32;
    s.strays.push(pid);
    assert_ne!(
        pid,
        s.pid(),
        "citydx runs under setsid, not as the pty's child"
    );
    assert!(is_citydx(pid), "pid {pid} is citydx");
    assert_eq!(
        controlling_tty(pid),
        Some(0),
        "citydx must have no controlling terminal, so that no SIGHUP can reach it"
    );
    hang_up_keeps_everything("hang-up without SIGHUP", s, dir.path(), pid, &ids);
}

/// Opens pinghu, answers its first indicator, starts a note on the second
/// and types `text` without Enter; then `stop` ends the session. Checks the
/// answer and the draft on disk, then that a new session offers the draft
/// again, and that Enter saves it as the note.
fn draft_survives(how: &str, text: &str, stop: impl FnOnce(&mut Session)) {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    let draft_path = draft_path_of(dir.path(), "pinghu");
    let mut s = Spawn::citydx(dir.path(), "en", 120, 40).start();
    let ids = open_pinghu(&mut s, false);
    let original_note = read_json(&path).and_then(|p| answer_note(&p, &ids[1]).map(str::to_string));
    let given = answer(&mut s, &path, &ids[..1], "y");
    s.send("e");
    s.wait_for("Note for");
    // the note's present text goes; the new one is typed in its place
    s.send(CTRL_U);
    s.send(text);
    s.wait_for(text);
    let sent = Instant::now();
    stop(&mut s);
    let status = s.wait_exit(EXIT_BOUND);
    eprintln!(
        "{how}: citydx ended {:.0} ms after it (status {status:?})",
        sent.elapsed().as_secs_f64() * 1000.0
    );
    let status = status.unwrap_or_else(|| panic!("{how}: still running after {EXIT_BOUND:?}"));
    assert!(status.success(), "{how}: {status:?}");
    s.join_reader(Duration::from_secs(3));
    assert!(
        !s.alternate_screen(),
        "{how}: the terminal was not restored"
    );
    assert!(s.termios_restored(), "{how}: raw mode was not turned off");
    drop(s);

    assert_answers(&path, &given);
    let draft = read_json(&draft_path)
        .unwrap_or_else(|| panic!("{how}: no draft at {}", draft_path.display()));
    assert_eq!(draft["text"], text, "{how}: {draft}");
    assert_eq!(draft["profile"], "pinghu", "{how}: {draft}");
    assert_eq!(draft["indicator"], ids[1].as_str(), "{how}: {draft}");
    let profile = read_json(&path).expect("the profile parses");
    assert_eq!(
        answer_note(&profile, &ids[1]),
        original_note.as_deref(),
        "{how}: the note is unchanged until the draft is saved"
    );

    // the next session offers it again
    let mut s = Spawn::citydx(dir.path(), "en", 120, 40).start();
    s.wait_for("Pinghu");
    s.send(ENTER);
    s.wait_for("kept as a draft");
    s.wait_for(text);
    s.wait_for("Note for");
    s.send(ENTER);
    wait_json(&path, "the note from the draft", |p| {
        answer_note(p, &ids[1]) == Some(text)
    });
    // the draft is dropped once the save that holds the note succeeded
    // (just after the profile is written)
    let start = Instant::now();
    while draft_path.exists() && start.elapsed() < WAIT {
        thread::sleep(Duration::from_millis(10));
    }
    assert!(
        !draft_path.exists(),
        "{how}: the draft is dropped once saved"
    );
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    let status = s.expect_exit();
    assert!(status.success(), "{how}: {status:?}");
    assert_answers(&path, &given);
}

#[test]
fn sigterm_and_sighup_mid_note_keep_answers_and_the_draft() {
    draft_survives("SIGTERM", "half a sentence 半句话", |s| s.signal("TERM"));
    draft_survives("SIGHUP", "typed before the hang-up 挂断前", |s| {
        s.signal("HUP")
    });
}

#[test]
fn ctrl_c_mid_note_keeps_the_draft() {
    draft_survives("Ctrl-C", "cut short by Ctrl-C 中断", |s| s.send(CTRL_C));
}

/// A session on pinghu killed with SIGKILL after an answer and half a
/// note: returns its pid, the answer, the note's indicator and text.
fn killed_mid_note(dir: &Path) -> (u32, Vec<(String, char)>, String, &'static str) {
    let path = dir.join("pinghu.json");
    let text = "typed before kill -9 强制结束";
    let mut s = Spawn::citydx(dir, "en", 120, 40).start();
    let ids = open_pinghu(&mut s, false);
    let given = answer(&mut s, &path, &ids[..1], "p");
    s.send("e");
    s.wait_for("Note for");
    s.send(CTRL_U);
    s.send(text);
    s.wait_for(text);
    // the draft is written within a second of the last change
    wait_json(&draft_path_of(dir, "pinghu"), "the draft", |d| {
        d["text"] == text
    });
    let pid = s.pid();
    s.signal("KILL");
    let status = s.wait_exit(EXIT_BOUND).expect("a SIGKILL ends the process");
    assert!(!status.success(), "{status:?}");
    (pid, given, ids[1].clone(), text)
}

#[test]
fn kill_9_mid_note_loses_nothing_and_the_next_session_takes_over() {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    let (pid, given, indicator, text) = killed_mid_note(dir.path());
    assert_answers(&path, &given);
    let draft = read_json(&draft_path_of(dir.path(), "pinghu")).expect("the draft is kept");
    assert_eq!(draft["text"], text, "{draft}");
    assert_eq!(draft["indicator"], indicator.as_str(), "{draft}");
    let lock = read_json(&dir.path().join(".locks/pinghu.lock")).expect("the lock record stays");
    assert_eq!(lock["pid"], pid, "{lock}");

    let mut s = Spawn::citydx(dir.path(), "en", 120, 40).start();
    s.wait_for("Pinghu");
    s.send(ENTER);
    s.wait_for(&format!("Took over this profile from process {pid}"));
    s.wait_for(text);
    assert!(!s.screen().contains("READ-ONLY"), "{}", s.screen());
    s.send(ENTER);
    wait_json(&path, "the note from the draft", |p| {
        answer_note(p, &indicator) == Some(text)
    });
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
    assert_answers(&path, &given);
}

#[test]
fn kill_9_mid_note_the_next_session_says_the_note_is_a_draft() {
    let dir = folder_with("pinghu");
    let (_, _, _, text) = killed_mid_note(dir.path());
    let mut s = Spawn::citydx(dir.path(), "en", 120, 40).start();
    s.wait_for("Pinghu");
    s.send(ENTER);
    s.wait_for(text);
    s.wait_for("Took over this profile");
    s.wait_for("kept as a draft");
}

#[test]
fn tiny_windows_show_the_size_message_and_never_crash() {
    let dir = folder_with("pinghu");
    let mut s = Spawn::citydx(dir.path(), "en", 20, 10).start();
    s.wait_for("Window too small");
    // keys while the window is too small do nothing (they could not be
    // seen): move, switch the language twice, open the help, quit
    s.send("jkLL?q");
    thread::sleep(Duration::from_millis(300));
    assert!(s.alive(), "ended at 20 x 10:\n{}", s.screen());
    s.wait_for("Window too small");

    s.resize(1, 1);
    thread::sleep(Duration::from_millis(300));
    s.send("jk??jq");
    thread::sleep(Duration::from_millis(500));
    assert!(s.alive(), "ended at 1 x 1");

    // back to a usable size: the home screen as it was, no help opened
    s.resize(80, 24);
    s.wait_for("City profiles");
    assert!(
        !s.screen().contains("Help: City profiles"),
        "{}",
        s.screen()
    );
    s.wait_for("Pinghu");
    assert!(!s.screen().contains("Window too small"), "{}", s.screen());
    s.send("q");
    let status = s.expect_exit();
    assert!(status.success(), "{status:?}");

    // in Chinese, one column short of the minimum, then just enough
    let mut s = Spawn::citydx(dir.path(), "zh", 79, 24).start();
    s.wait_for("窗口太小");
    s.wait_for("79 x 24");
    s.resize(80, 24);
    s.wait_for("城市档案");
    s.wait_for("平湖");
    s.resize(2, 2);
    s.send("j");
    s.resize(80, 23);
    s.wait_for("窗口太小");
    // only Ctrl-C acts while the window is too small
    s.send(CTRL_C);
    let status = s.expect_exit();
    assert!(status.success(), "{status:?}");
}

#[test]
fn two_sessions_on_one_profile() {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    let mut first = Spawn::citydx(dir.path(), "en", 120, 40).start();
    let ids = open_pinghu(&mut first, false);
    // the first session holds the lock once its file names it
    let lock_file = dir.path().join(".locks/pinghu.lock");
    let first_pid = first.pid();
    wait_json(&lock_file, "the first session's lock", |h| {
        h["pid"] == first_pid
    });

    let mut second = Spawn::citydx(dir.path(), "en", 120, 40).start();
    second.wait_for("Pinghu");
    second.send(ENTER);
    second.wait_for(&format!("READ-ONLY: held by process {first_pid}"));
    let before = std::fs::read(&path).expect("read the profile");
    second.send("y");
    second.wait_for("Not changed: this profile is read-only");
    // a note and another answer, then the help as a marker: once it shows,
    // every key before it has been handled
    second.send("ex?");
    second.wait_for("Help: Interview");
    second.send("?");
    second.wait_until("the help closed", |screen| {
        !screen.contains("Help: Interview")
    });
    assert_eq!(
        std::fs::read(&path).expect("read the profile"),
        before,
        "a read-only session changed the file"
    );
    assert!(!any_draft_of(dir.path(), "pinghu"));

    first.send("q");
    first.wait_for("City profiles");
    first.send("q");
    let status = first.expect_exit();
    assert!(status.success(), "{status:?}");
    assert_eq!(std::fs::read(&path).expect("read the profile"), before);

    let mut third = Spawn::citydx(dir.path(), "en", 120, 40).start();
    let ids3 = open_pinghu(&mut third, false);
    assert_eq!(ids, ids3);
    assert!(!third.screen().contains("READ-ONLY"), "{}", third.screen());
    let given = answer(&mut third, &path, &ids[..1], "y");
    third.send("q");
    third.wait_for("City profiles");
    third.send("q");
    assert!(third.expect_exit().success());
    assert_answers(&path, &given);

    second.send("q");
    second.wait_for("City profiles");
    second.send("q");
    assert!(second.expect_exit().success());
    assert_answers(&path, &given);
}

#[test]
fn no_terminal_gives_a_clear_error() {
    let dir = folder();
    let guard = spawn_lock();
    let child = Command::new(BIN)
        .arg("--dir")
        .arg(dir.path())
        .args(["--lang", "en"])
        .env_remove("CITYDX_PROFILES")
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run citydx");
    drop(guard);
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(!stderr.to_lowercase().contains("panic"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout: {:?}", out.stdout);

    let mut s = Spawn {
        env: vec![("TERM", "dumb")],
        ..Spawn::citydx(dir.path(), "en", 120, 40)
    }
    .start();
    let status = s.expect_exit();
    assert_eq!(status.exit_code(), 1, "{status:?}\n{}", s.screen());
    let screen = s.screen();
    assert!(screen.contains("TERM=dumb"), "{screen}");
    assert!(!screen.to_lowercase().contains("panic"), "{screen}");
    assert!(!s.alternate_screen(), "TERM=dumb must not switch screens");
}

/// What crosses a slow link: nothing for a key that changes nothing, under
/// 1 KB for an answer at 120 x 40, under 8 KB for a whole new frame at
/// 200 x 50 (counted on the pseudo-terminal; deterministic, not timed).
#[test]
fn the_terminal_gets_only_what_changed() {
    let dir = folder_with("pinghu");
    let mut s = Spawn::citydx(dir.path(), "en", 120, 40).start();
    s.wait_for("Pinghu");
    s.send(ENTER);
    s.wait_for("Interview");
    let before = s.settled_bytes();
    // a key bound to nothing here: the frame does not change
    s.send("Z");
    let after = s.settled_bytes();
    assert_eq!(
        after - before,
        0,
        "an unchanged frame wrote {} bytes",
        after - before
    );
    s.send("y");
    s.wait_for("saved");
    let answered = s.settled_bytes() - after;
    eprintln!("one answer key at 120 x 40: {answered} bytes");
    assert!(
        answered > 0 && answered < 1024,
        "{answered} bytes for one answer"
    );
    let before = s.settled_bytes();
    s.resize(200, 50);
    s.wait_for("Interview");
    let full = s.settled_bytes() - before;
    eprintln!("a whole new frame at 200 x 50: {full} bytes");
    assert!(
        full > 1000 && full < 8 * 1024,
        "{full} bytes for a full redraw"
    );
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    s.expect_exit();
}

// ---- input faults: pastes, signals, the time zone ----

const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";

/// `text` as a terminal in bracketed-paste mode sends it (line breaks as
/// CR, as terminals send them).
fn pasted(text: &str) -> String {
    format!("{PASTE_START}{}{PASTE_END}", text.replace('\n', "\r"))
}

/// Every answer's value of the latest assessment.
fn values(profile: &Value) -> Vec<(String, String)> {
    answers(profile)
        .iter()
        .map(|(id, a)| (id.clone(), a["value"].as_str().unwrap_or("").to_string()))
        .collect()
}

/// Asserts that no answer changed value between `before` and `after`
/// (an indicator given only a note is "unknown").
fn assert_no_answer_given(before: &Value, after: &Value) {
    let old: std::collections::BTreeMap<_, _> = values(before).into_iter().collect();
    for (id, value) in values(after) {
        match old.get(&id) {
            Some(was) => assert_eq!(&value, was, "{id} was answered by a paste"),
            None => assert_eq!(value, "unknown", "{id} was answered by a paste"),
        }
    }
}

/// pinghu open in the note editor of its first indicator, emptied.
fn note_editor_on_pinghu(dir: &Path) -> (Session, String) {
    let mut s = Spawn::citydx(dir, "en", 120, 40).start();
    let ids = open_pinghu(&mut s, false);
    s.send("e");
    s.wait_for("Note for");
    s.send(CTRL_U);
    (s, ids[0].clone())
}

#[test]
fn a_10000_character_paste_lands_whole_in_the_note_and_answers_nothing() {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    let before = read_json(&path).unwrap();
    let (mut s, id) = note_editor_on_pinghu(dir.path());
    // lines of evidence, Chinese and answer keys (y p n x q) among them
    let mut text = String::new();
    let mut n = 0;
    while text.chars().count() < 10_000 {
        n += 1;
        text.push_str(&format!(
            "第{n}行：市民服务 APP 已上线 y p n x q; evidence line {n}\n"
        ));
    }
    let mut text: String = text.chars().take(9_995).collect();
    text.push_str("。END尾");
    assert_eq!(text.chars().count(), 10_000);
    // over ten times the 1,024 bytes crossterm read per wake-up
    assert!(
        text.contains('\n') && text.len() > 10 * 1024,
        "{}",
        text.len()
    );
    s.send(&pasted(&text));
    // the whole paste shows without another key (its end, at the cursor)
    s.wait_for("END尾");
    assert!(s.screen().contains("Note for"), "{}", s.screen());
    s.send(ENTER);
    let after = wait_json(&path, "the pasted note", |p| {
        answer_note(p, &id).is_some_and(|note| note.chars().count() > 9_000)
    });
    assert_eq!(answer_note(&after, &id), Some(text.as_str()));
    assert_no_answer_given(&before, &after);
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
}

#[test]
fn a_long_note_typed_over_many_lines_at_80_by_24_saves_with_its_line_breaks() {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    let before = read_json(&path).unwrap();
    let mut s = Spawn::citydx(dir.path(), "en", 80, 24).start();
    let ids = open_pinghu(&mut s, false);
    s.send("e");
    s.wait_for("Note for");
    s.send(CTRL_U);
    // sixteen lines, more than the editor shows: Ctrl-J (LF) and Alt-Enter
    // (ESC CR) break them in turn; a line as wide as the window fits
    let lines: Vec<String> = (1..=16)
        .map(|n| {
            format!(
                "line {n:02} of the evidence, seen at the service hall; wide: {}",
                "w".repeat(6)
            )
        })
        .collect();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            s.send(if n % 2 == 1 { "\n" } else { "\x1b\r" });
        }
        s.send(line);
        s.wait_for(&line[..8]);
    }
    let screen = s.wait_for(&lines[15]);
    assert!(screen.contains("Note for"), "still editing:\n{screen}");
    assert!(
        !screen.contains("line 01"),
        "scrolled to the cursor:\n{screen}"
    );
    assert!(screen.contains("line 15"), "{screen}");
    assert!(screen.contains("Alt-Enter"), "the hint says how:\n{screen}");
    s.send(ENTER);
    let want = lines.join("\n");
    let after = wait_json(&path, "the note with its lines", |p| {
        answer_note(p, &ids[0]).is_some_and(|n| n.contains("line 16"))
    });
    assert_eq!(answer_note(&after, &ids[0]), Some(want.as_str()));
    assert_no_answer_given(&before, &after);
    // the whole note, read at 80 x 24 with N: a page down reaches its end
    s.wait_until("the editor closed", |screen| !screen.contains("Note for"));
    s.send("N");
    s.wait_for(&lines[0]);
    s.wait_for("(more below)");
    s.send("\x1b[6~");
    let end = s.wait_for(&lines[15]);
    assert!(!end.contains("(more below)"), "at the end:\n{end}");
    s.send("\x1b");
    s.wait_until("the viewer closed", |screen| !screen.contains(&lines[15]));
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
}

#[test]
fn esc_in_a_changed_note_asks_before_dropping_it() {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    let before = std::fs::read(&path).unwrap();
    let mut s = Spawn::citydx(dir.path(), "en", 80, 24).start();
    open_pinghu(&mut s, false);
    // unchanged: Esc closes at once
    s.send("e");
    s.wait_for("Note for");
    s.send("\x1b");
    s.wait_until("the editor closed", |screen| !screen.contains("Note for"));
    // changed: Esc asks; n keeps the text
    s.send("e");
    s.wait_for("Note for");
    s.send("kept for now\nsecond line");
    s.wait_for("second line");
    s.send("\x1b");
    s.wait_for("Drop the changes");
    s.send("n");
    s.wait_until("back in the editor", |screen| {
        !screen.contains("Drop the changes") && screen.contains("second line")
    });
    s.send("\x1b");
    s.wait_for("Drop the changes");
    s.send("y");
    s.wait_until("the editor closed", |screen| {
        !screen.contains("Note for") && !screen.contains("Drop the changes")
    });
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was saved");
    assert!(!any_draft_of(dir.path(), "pinghu"), "the draft is given up");
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_paste_outside_an_editor_changes_nothing_and_says_so() {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    let mut s = Spawn::citydx(dir.path(), "en", 120, 40).start();
    s.wait_for("Pinghu");
    // on the home screen: q would quit, Enter would open
    s.send(&pasted("q\n"));
    s.wait_for("Nothing was pasted");
    assert!(s.alive());
    open_pinghu(&mut s, false);
    let before = std::fs::read(&path).unwrap();
    s.send(&pasted("yyyypnx\nqq"));
    s.wait_for("Nothing was pasted");
    assert!(s.screen().contains("Stage 1"), "{}", s.screen());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the paste changed the file"
    );
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_paste_over_the_cap_is_refused_whole_with_a_message() {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    let before = read_json(&path).unwrap();
    let (mut s, id) = note_editor_on_pinghu(dir.path());
    s.send("kept");
    s.wait_for("kept");
    let big = "证据 evidence\n".repeat(5_000);
    assert!(big.len() > citydx::ui::session::PASTE_CAP);
    let bytes = big.replace('\n', "\r").len();
    s.send(&pasted(&big));
    s.wait_for(&format!("the pasted text is {bytes} bytes"));
    s.send(ENTER);
    let after = wait_json(&path, "the note typed", |p| {
        answer_note(p, &id) == Some("kept")
    });
    assert_no_answer_given(&before, &after);
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
}

#[test]
fn an_end_of_paste_marker_inside_a_paste_does_not_run_the_rest_as_keys() {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    let before = read_json(&path).unwrap();
    let (mut s, id) = note_editor_on_pinghu(dir.path());
    // what a terminal that does not filter the marker sends: the rest
    // would be Enter (saving the note) and then answer keys
    s.send(&format!(
        "{PASTE_START}start{PASTE_END}yyyy\rpnxEND{PASTE_END}"
    ));
    // the line break is kept: two rows of the note's editor
    s.wait_for("pnxEND");
    assert!(s.screen().contains("startyyyy"), "{}", s.screen());
    assert!(s.screen().contains("Note for"), "{}", s.screen());
    s.send(ENTER);
    let after = wait_json(&path, "the pasted note", |p| {
        answer_note(p, &id) == Some("startyyyy\npnxEND")
    });
    assert_no_answer_given(&before, &after);
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
}

#[test]
fn two_thousand_window_signals_in_a_row_are_not_a_hang_up() {
    let dir = folder_with("pinghu");
    let mut s = Spawn::citydx(dir.path(), "en", 120, 40).start();
    s.wait_for("Pinghu");
    let pid = s.pid() as libc::pid_t;
    for i in 0..2_000 {
        // SAFETY: kill(2) on the child's pid, which is alive (checked below)
        assert_eq!(unsafe { libc::kill(pid, libc::SIGWINCH) }, 0);
        // keys keep the loop turning (and polling for a hang-up)
        if i % 100 == 0 {
            s.send(if i % 200 == 0 { "j" } else { "k" });
        }
    }
    assert!(s.alive(), "citydx ended on SIGWINCH");
    s.send(ENTER);
    s.wait_for("Stage 1");
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
    s.join_reader(WAIT);
    assert!(s.termios_restored(), "raw mode left on");
    assert!(!s.alternate_screen(), "still on the alternate screen");
}

#[test]
fn tz_naming_a_device_is_not_read_and_the_clock_falls_back_to_utc() {
    let dir = folder_with("pinghu");
    // 4 GB of address space: reading /dev/zero whole would fail in it
    let mut spawn = Spawn::citydx(dir.path(), "en", 120, 40);
    let mut args = vec![
        "-c".to_string(),
        "ulimit -v 4000000 && exec \"$0\" \"$@\"".to_string(),
        BIN.to_string(),
    ];
    args.extend(spawn.args);
    spawn.program = "sh";
    spawn.args = args;
    spawn.env = vec![("TZ", "/dev/zero")];
    let mut s = spawn.start();
    s.wait_for("TZ=/dev/zero: not a regular time-zone file; times are shown in UTC.");
    s.wait_for("Pinghu");
    // nothing was read without limit (reading /dev/zero took gigabytes up
    // to the address-space limit, then fell back)
    let status = std::fs::read_to_string(format!("/proc/{}/status", s.pid())).unwrap();
    let peak_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status");
    eprintln!("TZ=/dev/zero: peak resident memory {peak_kb} kB");
    assert!(peak_kb < 200 * 1024, "{peak_kb} kB");
    // a save shows its time (in UTC)
    s.send(ENTER);
    s.wait_for("Stage 1");
    s.send("y");
    s.wait_for("saved");
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
    s.join_reader(WAIT);
    assert!(s.termios_restored(), "raw mode left on");
}

#[test]
fn a_paste_into_the_filter_or_a_form_field_is_one_line() {
    let dir = folder_with("pinghu");
    let mut s = Spawn::citydx(dir.path(), "en", 120, 40).start();
    s.wait_for("Pinghu");
    s.send("/");
    // a line break would be Enter (ending the filter), q would quit
    s.send(&pasted("ping\nq"));
    s.wait_for("/ping q");
    // (Esc and a key in one read are Alt and the key, as in crossterm)
    s.send("\x1b");
    s.wait_until("the filter cleared", |screen| !screen.contains("/ping"));
    s.send("n");
    s.wait_for("New city profile");
    s.send(&pasted("测试县\n第二行"));
    s.wait_for("测试县 第二行");
    assert!(s.screen().contains("New city profile"), "{}", s.screen());
    s.send("\x1b");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
    // nothing was created
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
}

#[test]
fn answers_given_on_a_full_disk_survive_kill_9_and_are_saved_when_reopened() {
    let Some(disk) = Tmpfs::new(4096) else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let dir = disk.0.path();
    let path = dir.join("pinghu.json");
    std::fs::copy(example_file("pinghu"), &path).expect("copy");
    let mut s = Spawn::citydx(dir, "en", 120, 40).start();
    let ids = open_pinghu(&mut s, false);
    let before = read_json(&path).expect("parses");
    assert_ne!(answer_value(&before, &ids[0]), "partly");
    // the disk fills up while the profile is open
    let mut filler = File::create(dir.join("filler")).expect("filler");
    let block = vec![1u8; 4096];
    while filler.write_all(&block).is_ok() {}
    drop(filler);
    s.send("p");
    s.wait_for("1 change(s) not saved yet");
    s.wait_for("No space left on device");
    s.signal("KILL");
    s.wait_exit(EXIT_BOUND).expect("a SIGKILL ends the process");
    drop(s);
    assert_ne!(
        answer_value(&read_json(&path).expect("parses"), &ids[0]),
        "partly"
    );

    // space again; the next session replays the journal
    std::fs::remove_file(dir.join("filler")).expect("free");
    let mut s = Spawn::citydx(dir, "en", 120, 40).start();
    s.wait_for("Pinghu");
    s.send(ENTER);
    s.wait_for("recovered from the journal");
    wait_json(&path, "the answer from the journal", |p| {
        answer_value(p, &ids[0]) == "partly"
    });
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
}

// ---- the consultant's working day: correct anything, reassess ----

#[test]
fn edit_a_profile_from_home_at_80x24() {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    let mut s = Spawn::citydx(dir.path(), "en", 80, 24).start();
    s.wait_for("Pinghu");
    s.send("p");
    s.wait_for("Edit profile: Pinghu");
    // the English name
    s.send(TAB);
    s.send(CTRL_U);
    s.send("Pinghu City");
    s.wait_for("Pinghu City");
    // the country from the list, by typing its name
    s.send(TAB);
    s.send("japan");
    s.wait_for("JP  Japan");
    s.send(ENTER);
    s.wait_for("Japan (JP)");
    // the population
    s.send(TAB);
    s.send(TAB);
    s.send(CTRL_U);
    s.send("40万");
    s.wait_for("40万");
    s.send(ENTER);
    let saved = wait_json(&path, "the edited profile", |p| {
        p["city"]["country"] == "JP"
            && p["city"]["population"] == 400_000
            && p["city"]["name"]["en"] == "Pinghu City"
    });
    assert_eq!(saved["city"]["name"]["zh"], "平湖", "the other name kept");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
}

#[test]
fn reassess_with_a_date_at_80x24() {
    let dir = folder_with("baoying");
    let path = dir.path().join("baoying.json");
    let before = read_json(&path).expect("the example parses");
    let mut s = Spawn::citydx(dir.path(), "en", 80, 24).start();
    s.wait_for("Baoying");
    s.send("a");
    let screen = s.wait_for("New assessment of Baoying");
    assert!(screen.contains("Carried over:"), "{screen}");
    assert!(screen.contains("Not carried:"), "{screen}");
    // nothing is made until Enter
    assert_eq!(
        read_json(&path).unwrap()["assessments"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    s.send(CTRL_U);
    s.send("2027-03-01");
    s.send(TAB);
    s.send(CTRL_U);
    s.send("Wang Fang");
    s.wait_for("Wang Fang");
    s.send(ENTER);
    let saved = wait_json(&path, "the new assessment", |p| {
        p["assessments"].as_array().map(Vec::len) == Some(2)
    });
    let new = &saved["assessments"][1];
    assert_eq!(new["date"], "2027-03-01");
    assert_eq!(new["interviewer"], "Wang Fang");
    let old = before["assessments"][0]["answers"].as_object().unwrap();
    let carried = new["answers"].as_object().unwrap();
    assert_eq!(
        carried.len(),
        old.len(),
        "every answer carried, unknown ones too"
    );
    assert!(carried.values().all(|a| a["carried_over"] == true));
    // (the status line wraps the message beside the progress)
    s.wait_for("Assessment 2 started on");
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
}

#[test]
fn delete_and_restore_an_assessment_at_80x24() {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    let mut s = Spawn::citydx(dir.path(), "en", 80, 24).start();
    s.wait_for("Pinghu");
    // a stray a, then Enter: a second assessment
    s.send("a");
    s.wait_for("New assessment of Pinghu");
    s.send(ENTER);
    let two = wait_json(&path, "the second assessment", |p| {
        p["assessments"].as_array().map(Vec::len) == Some(2)
    });
    let stray = two["assessments"][1]["id"].as_str().unwrap().to_string();
    s.wait_for("Stage");
    // deleted from the assessments list, after a question
    s.send("A");
    s.wait_for("Assessments of Pinghu");
    s.send("d");
    s.wait_for("kept in the trash");
    s.send("y");
    let one = wait_json(&path, "the assessment deleted", |p| {
        p["assessments"].as_array().map(Vec::len) == Some(1)
    });
    let original = read_json(&example_file("pinghu")).unwrap();
    assert_eq!(
        one["assessments"], original["assessments"],
        "the profile's assessments are as they were"
    );
    let kept: Vec<String> = std::fs::read_dir(dir.path().join("trash"))
        .expect("the trash")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("pinghu.assessment-{stray}.")))
        .collect();
    assert_eq!(kept.len(), 1, "kept in the trash");
    // restored from the trash screen
    s.send("q");
    s.wait_for("Stage");
    s.send("q");
    s.wait_for("City profiles");
    s.send("T");
    s.wait_for("assessment  Pinghu");
    s.send(ENTER);
    let restored = wait_json(&path, "the assessment restored", |p| {
        p["assessments"].as_array().map(Vec::len) == Some(2)
    });
    assert_eq!(restored["assessments"][1]["id"], stray.as_str());
    s.wait_for("restored");
    s.wait_for("The trash holds no profile or assessment to restore");
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
}

#[test]
fn two_respondents_answer_differently_and_the_consensus_view_settles_it() {
    let dir = folder_with("pinghu");
    let path = dir.path().join("pinghu.json");
    // respondents prepared from the command line, as a consultant would
    for name in ["Kang Li", "Wang Fang"] {
        let out = cli(dir.path(), &["respondent", "add", "pinghu", "--name", name]);
        assert!(out.status.success(), "{out:?}");
    }
    let before = read_json(&path).expect("the profile");
    let respondents = before["assessments"].as_array().unwrap().last().unwrap()["respondents"]
        .as_array()
        .unwrap()
        .clone();
    let id_of = |name: &str| {
        respondents
            .iter()
            .find(|r| r["name"] == name)
            .and_then(|r| r["id"].as_str())
            .unwrap()
            .to_string()
    };
    let (kang, wang) = (id_of("Kang Li"), id_of("Wang Fang"));
    let mut s = Spawn::citydx(dir.path(), "en", 80, 24).start();
    let ids = open_pinghu(&mut s, false);
    let ind = ids[0].clone();
    s.wait_for("answering: the assessor (v)");
    // Kang Li says met
    s.send("v");
    s.wait_for("answering: Kang Li (v)");
    s.send("y");
    let voice = |p: &Value, who: &str| -> Option<String> {
        answers(p).get(&ind)?["voices"][who]["value"]
            .as_str()
            .map(str::to_string)
    };
    wait_json(&path, "Kang Li's voice", |p| {
        voice(p, &kang).as_deref() == Some("met")
    });
    // Wang Fang, on the same indicator, says not met
    s.send("k");
    s.send("v");
    s.wait_for("answering: Wang Fang (v)");
    s.send("n");
    let p = wait_json(&path, "Wang Fang's voice", |p| {
        voice(p, &wang).as_deref() == Some("not_met")
    });
    let a = &answers(&p)[&ind];
    assert_eq!(a["provisional"], true, "{a}");
    assert_eq!(a["value"], "not_met", "the lower middle of met and not met");
    assert!(
        a["voices"][&kang]["at"].is_string(),
        "when it was given: {a}"
    );
    // the marks: one per voice, and the disagreement
    let screen = s.wait_for("(n)");
    assert!(screen.contains("yn!"), "{screen}");
    // the consensus view: settle on partly, with a reason
    s.send("c");
    s.wait_for("Disagreements: 1 open");
    s.wait_for("Kang Li: met");
    s.send("p");
    s.wait_for("Why the agreed answer is: partly");
    s.send("two of five sectors");
    s.send(ENTER);
    let p = wait_json(&path, "the settled answer", |p| {
        answers(p)
            .get(&ind)
            .is_some_and(|a| a["settled_reason"] == "two of five sectors")
    });
    let a = &answers(&p)[&ind];
    assert_eq!(a["value"], "partly", "{a}");
    assert!(a.get("provisional").is_none(), "agreed: {a}");
    assert_eq!(
        a["settled_by"],
        p["assessments"].as_array().unwrap().last().unwrap()["interviewer"],
        "settled by the interviewer: {a}"
    );
    assert_eq!(a["voices"][&kang]["value"], "met");
    assert_eq!(a["voices"][&wang]["value"], "not_met");
    s.wait_for("Disagreements: 0 open");
    s.send("q");
    s.wait_for("Pinghu");
    s.send("q");
    assert!(s.expect_exit().success());
}

/// The language chosen with `L` is remembered in the settings file under
/// `XDG_CONFIG_HOME` and used by the next run without `--lang`; `--lang`
/// still wins; a broken file is said on the status line and ignored.
#[test]
fn the_language_chosen_with_l_is_remembered_between_runs() {
    let dir = folder_with("pinghu");
    let config = tempfile::tempdir().unwrap();
    let config_home = config.path().display().to_string();
    let settings = config.path().join("citydx/settings.json");
    let spawn = |lang: Option<&str>| {
        let mut args = vec!["--dir".to_string(), dir.path().display().to_string()];
        if let Some(lang) = lang {
            args.extend(["--lang".to_string(), lang.to_string()]);
        }
        Spawn {
            program: BIN,
            args,
            cols: 80,
            rows: 24,
            env: vec![("XDG_CONFIG_HOME", config_home.as_str())],
        }
        .start()
    };

    // an English locale, nothing remembered: English; L switches and is
    // written down at once
    let mut s = spawn(None);
    s.wait_for("City profiles");
    assert!(!settings.exists());
    s.send("L");
    s.wait_for("城市档案");
    let written = wait_json(&settings, "the settings file", |v| v["lang"] == "zh");
    assert_eq!(written["lang"], "zh");
    s.send("q");
    s.expect_exit();

    // the next run, without --lang, starts in Chinese
    let mut s = spawn(None);
    s.wait_for("城市档案");
    s.send("q");
    s.expect_exit();

    // --lang comes first (and the command line's outputs ignore the file)
    let mut s = spawn(Some("en"));
    s.wait_for("City profiles");
    s.send("q");
    s.expect_exit();
    let listed = Command::new(BIN)
        .arg("--dir")
        .arg(dir.path())
        .arg("list")
        .env("XDG_CONFIG_HOME", config.path())
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("CITYDX_PROFILES")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(out.contains("pinghu"), "{out}");
    assert!(!out.contains("平湖"), "the list follows the locale: {out}");

    // a broken file: reported on the status line, the locale's language,
    // and the interface works; a key clears the message
    std::fs::write(&settings, "{\"lang\": ").unwrap();
    let mut s = spawn(None);
    let screen = s.wait_for("settings ignored");
    assert!(screen.contains("City profiles"), "{screen}");
    s.send("j");
    s.wait_until("the message cleared", |screen| {
        !screen.contains("settings ignored")
    });
    // choosing again replaces it with a good one
    s.send("L");
    s.wait_for("城市档案");
    wait_json(&settings, "the settings file rewritten", |v| {
        v["lang"] == "zh"
    });
    s.send("q");
    s.expect_exit();
}

/// The advice's plan at 80 x 24: PgDn moves a page at a time, and the end of
/// the list (the whole enablers package, down to standards) is reachable,
/// the "more below" line gone there (issue 15).
#[test]
fn the_plan_scrolls_to_its_end_at_80x24() {
    const PGDN: &str = "\x1b[6~";
    let dir = folder_with("suzhou");
    let mut s = Spawn::citydx(dir.path(), "en", 80, 24).start();
    s.wait_for("Suzhou");
    s.send("r");
    s.wait_for("Entry points");
    s.send(TAB);
    s.wait_for("Phase 1:");
    let first = s.wait_for("more below");
    s.send(PGDN);
    let mut screen = s.screen();
    for _ in 0..50 {
        if screen != first {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
        screen = s.screen();
    }
    assert_ne!(screen, first, "a page key moves the plan");
    for _ in 0..30 {
        s.send(PGDN);
    }
    let end = s.wait_for("Standards");
    for aspect in ["Data security", "Standards"] {
        assert!(end.contains(aspect), "{end}");
    }
    assert!(!end.contains("more below"), "{end}");
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
}

/// An export never replaces a file without asking: the second export of the
/// same name asks, `n` keeps the file as it was, `y` replaces it (issue 15).
#[test]
fn an_export_asks_before_replacing_a_file_at_80x24() {
    let dir = folder_with("pinghu");
    let out = tempfile::tempdir().unwrap();
    let base = out.path().join("pinghu-report");
    let md = out.path().join("pinghu-report.md");
    let mut s = Spawn::citydx(dir.path(), "en", 80, 24).start();
    s.wait_for("Pinghu");
    s.send("r");
    s.wait_for("Entry points");
    let export = |s: &mut Session| {
        s.send("o");
        s.wait_for("pinghu-");
        s.send(CTRL_U);
        s.send(base.to_str().unwrap());
        s.send(ENTER);
    };
    export(&mut s);
    s.wait_for("Report written");
    let first = std::fs::read_to_string(&md).expect("the report written");
    assert!(first.contains("Pinghu"), "{first}");
    std::fs::write(&md, "MINE").unwrap();
    // the same name again: asked, and n keeps the file
    export(&mut s);
    s.wait_for("would be replaced");
    s.send("n");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(std::fs::read_to_string(&md).unwrap(), "MINE");
    // and y replaces it
    export(&mut s);
    s.wait_for("would be replaced");
    s.send("y");
    wait_for_file(&md, |text| text.contains("Pinghu"));
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    assert!(s.expect_exit().success());
}

fn wait_for_file(path: &Path, ok: impl Fn(&str) -> bool) {
    let start = std::time::Instant::now();
    while start.elapsed() < WAIT {
        if std::fs::read_to_string(path).is_ok_and(|t| ok(&t)) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{path:?} never became what was expected");
}
