//! Robustness against the real binary: a profile saved again and again
//! while the process is killed with SIGKILL at random moments, and hostile
//! or broken input that tests/cli.rs does not already cover (a folder that
//! cannot be written, NUL in an id, a symbolic link leading out of the
//! folder, a FIFO or a device named like a profile, a 100 MB file that is
//! valid JSON). Each bad input checks its one-line message, its exit code
//! and that no file changed.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use citydx::core::examples::EXAMPLES;
use citydx::core::framework;
use citydx::core::profile::{Answer, AnswerValue, Profile};
use citydx::store::{Store, StoreError, load_file};

const BIN: &str = env!("CARGO_BIN_EXE_citydx");

const SAMPLE: &str = r#"{
  "schema_version": 1,
  "id": "testville",
  "city": {
    "name": {"zh": "测试县", "en": "Testville"},
    "country": "CN",
    "region": "Nowhere",
    "population": 120000,
    "specialties": ["agriculture"],
    "constraints": {"funding": "low", "talent": "medium", "technology": "high"}
  },
  "assessments": [
    {
      "date": "2025-03-01",
      "interviewer": "Test",
      "respondents": [{"name": "Wang", "role": "Director", "organisation": "government"}],
      "answers": {"services.s1.online_services": {"value": "met", "note": "seen"}},
      "targets": {"services": {"stage": 2, "horizon_years": 3}},
      "importance": {"services": 5},
      "overrides": {}
    }
  ],
  "created": "2025-03-01T00:00:00Z",
  "updated": "2025-03-01T00:00:00Z"
}
"#;

/// Process creation is serialised: `openpty` makes its descriptors
/// close-on-exec only after creating them, so a process started by another
/// test in between would inherit (and hold open) the terminal of the
/// interface test below.
static SPAWN: Mutex<()> = Mutex::new(());

fn spawn_lock() -> MutexGuard<'static, ()> {
    SPAWN.lock().unwrap_or_else(|e| e.into_inner())
}

/// Who runs citydx: this process's user, or another one (to test a folder
/// this user cannot write when this user is root, whom permissions do not
/// stop).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum As {
    Me,
    Nobody,
}

const NOBODY: u32 = 65534;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn command(dir: &Path, args: &[&str], who: As) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("CITYDX_PROFILES")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if who == As::Nobody {
        cmd.uid(NOBODY).gid(NOBODY);
    }
    cmd
}

fn spawn(mut cmd: Command) -> Child {
    let _guard = spawn_lock();
    cmd.spawn().expect("start citydx")
}

fn citydx_as(dir: &Path, args: &[&str], who: As) -> Output {
    spawn(command(dir, args, who))
        .wait_with_output()
        .expect("run citydx")
}

fn citydx(dir: &Path, args: &[&str]) -> Output {
    citydx_as(dir, args, As::Me)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every entry under `dir` (hidden ones included unless `bookkeeping` is
/// false, which leaves out citydx's locks, drafts and summary cache) with
/// its bytes, its link target, or its kind.
fn snapshot_with(dir: &Path, bookkeeping: bool) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read the folder") {
            let path = entry.expect("an entry").path();
            if !bookkeeping
                && path
                    .file_name()
                    .is_some_and(|n| n == ".locks" || n == ".drafts" || n == ".cache")
            {
                continue;
            }
            let meta = fs::symlink_metadata(&path).expect("stat");
            let mode = meta.permissions().mode();
            let mut record = format!("mode {mode:o}: ").into_bytes();
            if meta.is_dir() {
                stack.push(path.clone());
                record.extend_from_slice(b"folder");
            } else if meta.file_type().is_symlink() {
                record.extend(
                    fs::read_link(&path)
                        .expect("read the link")
                        .into_os_string()
                        .into_encoded_bytes(),
                );
            } else if meta.is_file() {
                record.extend(fs::read(&path).expect("read the file"));
            } else {
                record.extend_from_slice(b"special file");
            }
            files.insert(path, record);
        }
    }
    files
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot_with(dir, false)
}

/// Expects `out` to have failed with `code` and a single stderr line
/// holding every one of `needles`, and no panic.
fn failed(out: &Output, what: &str, code: i32, needles: &[&str]) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{what}: stderr {err}");
    assert_eq!(err.lines().count(), 1, "{what}: not one line: {err:?}");
    for needle in needles {
        assert!(err.contains(needle), "{what}: {needle:?} not in {err:?}");
    }
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{what}: {err}"
    );
    err
}

fn succeeded(out: &Output, what: &str) -> String {
    assert!(out.status.success(), "{what}: {}", stderr(out));
    stdout(out)
}

fn write_file(path: &Path, text: &str) {
    fs::write(path, text).expect("write a file");
}

fn example_text(id: &str) -> &'static str {
    EXAMPLES
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, text)| *text)
        .expect("an example")
}

// ---- nothing lost: SIGKILL while saving ----

/// Two versions of one profile, each a few hundred kilobytes (every
/// indicator answered with a long note), differing in every note: a file
/// that mixed the two would be neither.
fn two_big_versions() -> [String; 2] {
    let base = Profile::from_json(example_text("pinghu")).expect("the example parses");
    let ids: Vec<String> = framework()
        .indicators()
        .map(|r| r.indicator.id.clone())
        .collect();
    ["A", "B"].map(|tag| {
        let mut p = base.clone();
        let a = p.assessments.last_mut().expect("an assessment");
        a.interviewer = format!("version {tag}");
        for (n, id) in ids.iter().enumerate() {
            let value = [AnswerValue::Met, AnswerValue::Partly, AnswerValue::NotMet][n % 3];
            let note = format!("{tag}{n} 平湖 evidence, seen on site; ").repeat(90);
            a.answers
                .insert(id.clone(), Answer::new(value, Some(format!("{note}{tag}"))));
        }
        p.to_json()
    })
}

fn temp_files(dir: &Path) -> usize {
    fs::read_dir(dir)
        .expect("read the folder")
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".citydx-") && name.ends_with(".tmp")
        })
        .count()
}

/// A small, seedable generator (xorshift64*), so that a failing run can be
/// repeated with CITYDX_CRASH_SEED.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Where a kill landed, told by what it left.
#[derive(Debug, Default)]
struct Landed {
    /// The process had finished on its own before the kill.
    completed: usize,
    /// Killed before the temporary file existed: the old version, nothing left.
    before: usize,
    /// Killed while the temporary file was being written or synced: the old
    /// version, and a temporary file left behind.
    during: usize,
    /// Killed after the rename (syncing the folder, printing, exiting): the
    /// new version.
    after: usize,
}

impl Landed {
    fn kills(&self) -> usize {
        self.before + self.during + self.after
    }
}

#[test]
fn sigkill_at_random_moments_leaves_the_old_or_the_new_version() {
    const MIN_KILLS: usize = 200;
    const MIN_MID_WRITE: usize = 20;
    const MAX_KILLS: usize = 600;
    const BUDGET: Duration = Duration::from_secs(40);

    let work = tempfile::tempdir().expect("a temporary folder");
    let dir = work.path().join("profiles");
    fs::create_dir(&dir).expect("create the profiles folder");
    let versions = two_big_versions();
    assert_ne!(versions[0], versions[1]);
    let files: Vec<PathBuf> = ["a.json", "b.json"]
        .iter()
        .zip(&versions)
        .map(|(name, text)| {
            let path = work.path().join(name);
            write_file(&path, text);
            path
        })
        .collect();
    let import = |v: usize| {
        command(
            &dir,
            &["import", "--force", files[v].to_str().unwrap()],
            As::Me,
        )
    };
    let profile = dir.join("pinghu.json");
    let which = |bytes: &[u8]| versions.iter().position(|v| v.as_bytes() == bytes);

    // The first version in place, then the time one full save takes.
    succeeded(
        &spawn(import(0)).wait_with_output().unwrap(),
        "first import",
    );
    let mut current = 0;
    let mut full = vec![];
    for _ in 0..5 {
        current = 1 - current;
        let start = Instant::now();
        let out = spawn(import(current)).wait_with_output().unwrap();
        full.push(start.elapsed());
        succeeded(&out, "a timed import");
        assert_eq!(which(&fs::read(&profile).unwrap()), Some(current));
    }
    full.sort();
    let typical = full[full.len() / 2].as_secs_f64();

    let seed = std::env::var("CITYDX_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        })
        | 1;
    let mut rng = Rng(seed);
    // Where the write happens moves with the machine's load: a third of the
    // delays are spread evenly over the whole run (0 to 1.2 times a full
    // save), the rest jitter around an estimate of the write's moment that
    // each outcome nudges (later after a kill before it, earlier after one
    // past it).
    let mut aim = 0.85 * typical;
    let mut landed = Landed::default();
    let mut leftovers = 0;
    let start = Instant::now();
    let mut n = 0usize;
    while landed.kills() < MAX_KILLS
        && (landed.kills() < MIN_KILLS || landed.during < MIN_MID_WRITE)
        && (start.elapsed() < BUDGET || landed.kills() < MIN_KILLS)
    {
        n += 1;
        let next = 1 - current;
        let spread = rng.unit() < 1.0 / 3.0;
        let delay = if spread {
            rng.unit() * 1.2 * typical
        } else {
            (aim + (rng.unit() - 0.5) * 0.3 * typical).max(0.0)
        };
        let temps_before = temp_files(&dir);
        let mut child = spawn(import(next));
        thread::sleep(Duration::from_secs_f64(delay));
        let _ = child.kill(); // SIGKILL; harmless if it has already exited
        let status = child.wait().expect("wait for the import");
        let killed = status.signal() == Some(libc::SIGKILL);
        if !killed {
            assert!(
                status.success(),
                "an import ended on its own and failed: {status:?}"
            );
        }

        let bytes = fs::read(&profile).expect("the profile is still there");
        let now = which(&bytes).unwrap_or_else(|| {
            panic!(
                "kill {n} after {:.2} ms left a profile that is neither version ({} bytes, starts {:?})",
                delay * 1000.0,
                bytes.len(),
                String::from_utf8_lossy(&bytes[..bytes.len().min(80)])
            )
        });
        // It also loads through the store, sound.
        let loaded = load_file(&profile).expect("the profile loads after a kill");
        assert!(loaded.profile.problems().is_empty());
        assert!(loaded.read_only.is_none());

        let temps_after = temp_files(&dir);
        let outcome = match (killed, now == next, temps_after > temps_before) {
            (false, true, _) => &mut landed.completed,
            (false, false, _) => panic!("an import succeeded but the profile is the old version"),
            (true, true, _) => &mut landed.after,
            (true, false, true) => &mut landed.during,
            (true, false, false) => &mut landed.before,
        };
        *outcome += 1;
        if !spread {
            if !killed || now == next {
                aim -= 0.05 * typical;
            } else if temps_after == temps_before {
                aim += 0.05 * typical;
            }
            aim = aim.clamp(0.0, 1.5 * typical);
        }
        leftovers = temps_after;
        current = now;

        // Now and then: the folder lists as one sound profile, and a save
        // that is not interrupted succeeds (no lock left behind blocks it).
        if n.is_multiple_of(25) {
            check_folder_after_kills(&dir, &import, &mut current, &which);
        }
    }
    check_folder_after_kills(&dir, &import, &mut current, &which);

    let summary = format!(
        "crash test: {} SIGKILLs in {} runs ({:.1} s; a full save takes {:.1} ms; seed {seed}): \
         {} before the write, {} during it, {} after the rename; {} runs finished first; \
         {} temporary files left, ignored by listing\n",
        landed.kills(),
        n,
        start.elapsed().as_secs_f64(),
        typical * 1000.0,
        landed.before,
        landed.during,
        landed.after,
        landed.completed,
        leftovers,
    );
    // Straight to the standard error, past the test harness's capture, so
    // that CI's log shows where the kills landed.
    let _ = std::io::stderr().write_all(summary.as_bytes());
    assert!(landed.kills() >= MIN_KILLS, "{summary}");
    assert!(
        landed.during >= 1,
        "no kill landed while the file was written: {summary}"
    );
}

/// `citydx list` shows exactly the one profile (leftover temporary files
/// are not taken for profiles), `validate` finds nothing wrong, and an
/// import run to its end succeeds.
fn check_folder_after_kills(
    dir: &Path,
    import: &dyn Fn(usize) -> Command,
    current: &mut usize,
    which: &dyn Fn(&[u8]) -> Option<usize>,
) {
    let out = citydx(dir, &["list", "--json"]);
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("list --json prints JSON");
    assert!(out.status.success(), "{}", stderr(&out));
    let profiles = json["profiles"].as_array().expect("profiles");
    assert_eq!(profiles.len(), 1, "{json}");
    assert_eq!(profiles[0]["id"], "pinghu");
    assert_eq!(json["skipped"].as_array().map(Vec::len), Some(0), "{json}");
    let text = succeeded(&citydx(dir, &["list"]), "list");
    assert_eq!(text.lines().count(), 2, "a header and one profile: {text}");
    succeeded(&citydx(dir, &["validate"]), "validate");
    let next = 1 - *current;
    succeeded(
        &spawn(import(next)).wait_with_output().unwrap(),
        "an import after the kills",
    );
    assert_eq!(
        which(&fs::read(dir.join("pinghu.json")).unwrap()),
        Some(next)
    );
    *current = next;
}

// ---- a profiles folder that cannot be written ----

/// Makes `path` and everything under it writable again when dropped, so
/// that the temporary folder can be removed even by a user other than root.
struct Restore(PathBuf);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o755));
    }
}

/// Whether `who` can create a file in `dir` (checked by trying, as that
/// user).
fn can_write(dir: &Path, who: As) -> bool {
    let probe = dir.join("probe.tmp");
    let mut cmd = Command::new("sh");
    cmd.args(["-c", "echo > \"$1\"", "sh"])
        .arg(&probe)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if who == As::Nobody {
        cmd.uid(NOBODY).gid(NOBODY);
    }
    let wrote = spawn(cmd).wait().is_ok_and(|s| s.success());
    let _ = fs::remove_file(&probe);
    wrote
}

/// A folder holding testville, made read-only (mode 555), and the user to
/// run citydx as so that it really cannot write there: this user, or, for
/// root (whom modes do not stop), the unprivileged user `nobody`. `None`
/// when no such user can be had here.
fn unwritable_folder() -> Option<(tempfile::TempDir, Restore, As)> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_file(&dir.path().join("testville.json"), SAMPLE);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod 555");
    let restore = Restore(dir.path().to_path_buf());
    let who = if is_root() { As::Nobody } else { As::Me };
    if who == As::Nobody {
        let mut cmd = Command::new(BIN);
        cmd.arg("--version").uid(NOBODY).gid(NOBODY);
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        if !spawn(cmd).wait().is_ok_and(|s| s.success()) {
            eprintln!("skipped: user nobody cannot run {BIN}");
            return None;
        }
    }
    if can_write(dir.path(), who) {
        eprintln!("skipped: cannot make a folder unwritable for {who:?} here");
        return None;
    }
    Some((dir, restore, who))
}

/// A folder other users can read, holding `files`.
fn readable_sources(files: &[(&str, String)]) -> tempfile::TempDir {
    let src = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in files {
        write_file(&src.path().join(name), text);
    }
    fs::set_permissions(src.path(), fs::Permissions::from_mode(0o755)).expect("chmod 755");
    src
}

#[test]
fn an_unwritable_folder_refuses_imports_clearly_and_still_reads() {
    let Some((dir, _restore, who)) = unwritable_folder() else {
        return;
    };
    let dir = dir.path();
    let src = readable_sources(&[
        ("new.json", SAMPLE.replace("testville", "newtown")),
        ("changed.json", SAMPLE.replace("\"Test\"", "\"Changed\"")),
    ]);
    let before = snapshot_with(dir, true);
    let new = src.path().join("new.json");
    let changed = src.path().join("changed.json");
    let dir_text = dir.display().to_string();
    for (what, args) in [
        ("import", vec!["import", new.to_str().unwrap()]),
        (
            "import --force",
            vec!["import", "--force", changed.to_str().unwrap()],
        ),
    ] {
        let out = citydx_as(dir, &args, who);
        failed(
            &out,
            what,
            1,
            &[&dir_text, "cannot lock", "Permission denied"],
        );
        assert_eq!(
            snapshot_with(dir, true),
            before,
            "{what} changed the folder"
        );
    }
    let report = dir.join("testville.md");
    let out = citydx_as(
        dir,
        &["report", "testville", "-o", report.to_str().unwrap()],
        who,
    );
    failed(
        &out,
        "report -o",
        1,
        &["testville.md", "inside the profiles folder"],
    );
    // Reading still works, and writes nothing (not even the summary cache).
    let text = succeeded(&citydx_as(dir, &["list"], who), "list");
    assert!(
        text.contains("testville") && text.contains("Testville"),
        "{text}"
    );
    let text = succeeded(&citydx_as(dir, &["show", "testville"], who), "show");
    assert!(text.contains("Livelihood & Services"), "{text}");
    succeeded(&citydx_as(dir, &["validate"], who), "validate");
    succeeded(&citydx_as(dir, &["report", "testville"], who), "report");
    assert_eq!(
        snapshot_with(dir, true),
        before,
        "reading changed the folder"
    );
}

/// `.locks` is a file where citydx keeps its lock folder: locking fails for
/// every profile, as in a folder that cannot be written, whoever runs it.
fn folder_with_a_locks_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_file(&dir.path().join("testville.json"), SAMPLE);
    write_file(&dir.path().join("pinghu.json"), example_text("pinghu"));
    write_file(&dir.path().join(".locks"), "not a folder\n");
    dir
}

#[test]
fn a_lock_folder_that_cannot_be_made_refuses_imports_clearly() {
    let dir = folder_with_a_locks_file();
    let dir = dir.path();
    let src = tempfile::tempdir().expect("a temporary folder");
    let new = src.path().join("new.json");
    write_file(&new, &SAMPLE.replace("testville", "newtown"));
    let changed = src.path().join("changed.json");
    write_file(&changed, &SAMPLE.replace("\"Test\"", "\"Changed\""));
    let before = snapshot_with(dir, true);
    for (what, args, lock) in [
        ("import", vec!["import", new.to_str().unwrap()], "newtown"),
        (
            "import --force",
            vec!["import", "--force", changed.to_str().unwrap()],
            "testville",
        ),
    ] {
        let out = citydx(dir, &args);
        failed(
            &out,
            what,
            1,
            &[
                &format!("{}/.locks: ", dir.display()),
                &format!("cannot lock {}", dir.join(format!("{lock}.json")).display()),
                "Not a directory",
            ],
        );
        assert_eq!(
            snapshot_with(dir, true),
            before,
            "{what} changed the folder"
        );
    }
    let text = succeeded(&citydx(dir, &["list"]), "list");
    assert!(
        text.contains("Testville") && text.contains("Pinghu"),
        "{text}"
    );
    succeeded(&citydx(dir, &["show", "testville"]), "show");
    assert_eq!(fs::read(dir.join(".locks")).unwrap(), b"not a folder\n");
}

// ---- the interface on a folder it cannot write ----

mod tui {
    use super::*;
    use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

    const WAIT: Duration = Duration::from_secs(10);

    /// The real binary in a 120 x 40 pseudo-terminal, its screen parsed.
    pub struct Tui {
        parser: Arc<Mutex<vt100::Parser>>,
        child: Box<dyn portable_pty::Child + Send + Sync>,
        writer: Box<dyn Write + Send>,
        _master: Box<dyn MasterPty + Send>,
    }

    impl Tui {
        /// citydx on `dir` in English, as `who`.
        pub fn start(dir: &Path, who: As) -> Tui {
            let citydx = [BIN, "--dir", dir.to_str().unwrap(), "--lang", "en"];
            let mut cmd = if who == As::Nobody {
                // setpriv (util-linux) drops to nobody and runs citydx in
                // its place.
                let mut cmd = CommandBuilder::new("setpriv");
                cmd.args([
                    &format!("--reuid={NOBODY}"),
                    &format!("--regid={NOBODY}"),
                    "--clear-groups",
                ]);
                cmd.args(citydx);
                cmd
            } else {
                let mut cmd = CommandBuilder::new(BIN);
                cmd.args(&citydx[1..]);
                cmd
            };
            cmd.env("TERM", "xterm-256color");
            cmd.env("LANG", "en_US.UTF-8");
            for name in ["CITYDX_PROFILES", "LC_ALL", "LC_MESSAGES", "NO_COLOR"] {
                cmd.env_remove(name);
            }
            cmd.cwd(std::env::temp_dir());
            let (size_rows, size_cols) = (40, 120);
            let guard = spawn_lock();
            let pair = native_pty_system()
                .openpty(PtySize {
                    rows: size_rows,
                    cols: size_cols,
                    pixel_width: 0,
                    pixel_height: 0,
                })
                .expect("openpty");
            let child = pair.slave.spawn_command(cmd).expect("start in the pty");
            drop(pair.slave);
            drop(guard);
            let mut reader = pair.master.try_clone_reader().expect("a reader");
            let writer = pair.master.take_writer().expect("a writer");
            let parser = Arc::new(Mutex::new(vt100::Parser::new(
                NonZeroU16::new(size_rows).unwrap(),
                NonZeroU16::new(size_cols).unwrap(),
                0,
            )));
            let screen = Arc::clone(&parser);
            thread::spawn(move || {
                let mut buf = [0u8; 16 * 1024];
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    screen
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .process(&buf[..n]);
                }
            });
            Tui {
                parser,
                child,
                writer,
                _master: pair.master,
            }
        }

        pub fn screen(&self) -> String {
            self.parser
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .screen()
                .contents()
        }

        pub fn send(&mut self, keys: &str) {
            self.writer.write_all(keys.as_bytes()).expect("type");
            self.writer.flush().expect("flush");
        }

        pub fn wait_for(&mut self, text: &str) -> String {
            let start = Instant::now();
            loop {
                let screen = self.screen();
                if screen.contains(text) {
                    return screen;
                }
                let ended = matches!(self.child.try_wait(), Ok(Some(_)));
                if ended || start.elapsed() > WAIT {
                    thread::sleep(Duration::from_millis(200));
                    panic!(
                        "{text:?} not on the screen (the program {}):\n{}",
                        if ended { "ended" } else { "still runs" },
                        self.screen()
                    );
                }
                thread::sleep(Duration::from_millis(20));
            }
        }

        pub fn expect_exit(&mut self) -> portable_pty::ExitStatus {
            let start = Instant::now();
            loop {
                if let Ok(Some(status)) = self.child.try_wait() {
                    return status;
                }
                assert!(start.elapsed() < WAIT, "did not exit:\n{}", self.screen());
                thread::sleep(Duration::from_millis(20));
            }
        }
    }

    impl Drop for Tui {
        fn drop(&mut self) {
            if let Ok(None) = self.child.try_wait() {
                let _ = self.child.kill();
                let _ = self.child.wait();
            }
        }
    }
}

/// Opens `id` in the interface on `dir` and checks it is read-only, with
/// the reason on the banner, refuses an answer, and quits cleanly.
fn interface_opens_read_only(dir: &Path, who: As, name: &str) {
    let before = snapshot(dir);
    let mut s = tui::Tui::start(dir, who);
    s.wait_for(name);
    s.send("/");
    s.send(&name.to_lowercase());
    s.send("\r");
    s.send("\r");
    let screen = s.wait_for("READ-ONLY");
    // the real cause, not a guess ("not writable" was shown for a full disk)
    assert!(
        screen.contains("READ-ONLY: the profile cannot be locked: ")
            && (screen.contains("Not a directory") || screen.contains("Permission denied")),
        "{screen}"
    );
    s.send("y");
    s.wait_for("Not changed: this profile is read-only");
    s.send("q");
    s.wait_for("City profiles");
    s.send("q");
    let status = s.expect_exit();
    assert!(status.success(), "{status:?}\n{}", s.screen());
    assert_eq!(
        snapshot(dir),
        before,
        "a read-only session changed the folder"
    );
}

#[test]
fn the_interface_opens_a_profile_read_only_when_it_cannot_lock() {
    let dir = folder_with_a_locks_file();
    interface_opens_read_only(dir.path(), As::Me, "Testville");
    assert_eq!(
        fs::read(dir.path().join(".locks")).unwrap(),
        b"not a folder\n"
    );
}

#[test]
fn the_interface_opens_a_profile_read_only_in_an_unwritable_folder() {
    if is_root() && Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: no setpriv to run the interface as another user than root");
        return;
    }
    let Some((dir, _restore, who)) = unwritable_folder() else {
        return;
    };
    let before = snapshot_with(dir.path(), true);
    interface_opens_read_only(dir.path(), who, "Testville");
    assert_eq!(snapshot_with(dir.path(), true), before);
}

// ---- NUL ----

#[test]
fn nul_in_an_id_is_refused_everywhere() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_file(&dir.path().join("testville.json"), SAMPLE);
    let before = snapshot_with(dir.path(), true);
    let store = Store::open(dir.path()).expect("open the store");
    for id in [
        "a\0b",
        "\0",
        "testville\0",
        "\0testville",
        "testville\0.json",
    ] {
        let is_bad_id = |e: &StoreError| {
            matches!(e, StoreError::BadId { input, .. } if input == id)
                && e.to_string().starts_with("invalid profile id")
        };
        let e = store.path_of(id).expect_err("a NUL id has no path");
        assert!(is_bad_id(&e), "{e}");
        assert!(is_bad_id(&store.exists(id).expect_err("exists")));
        assert!(is_bad_id(&store.load(id).expect_err("load")));
        assert!(is_bad_id(&store.lock(id).expect_err("lock")));
        let key = citydx::store::DraftKey::new(id, "a1", None);
        assert!(is_bad_id(&store.save_draft(&key, "x").expect_err("draft")));
        assert!(store.load_draft(&key).is_none());
        assert!(is_bad_id(&store.clear_draft(&key).expect_err("clear")));
        assert!(store.drafts_of(id).is_empty());
    }
    // a path with NUL is an error naming it, not a panic
    let e = load_file(Path::new("a\0b.json")).expect_err("no such path");
    assert!(matches!(e, StoreError::Io { .. }), "{e}");
    assert_eq!(snapshot_with(dir.path(), true), before);

    // NUL can reach citydx inside a file: an id with NUL is refused by import
    let src = tempfile::tempdir().expect("a temporary folder");
    let file = src.path().join("nul.json");
    write_file(
        &file,
        &SAMPLE.replace("\"id\": \"testville\"", "\"id\": \"test\\u0000ville\""),
    );
    let out = citydx(dir.path(), &["import", "--force", file.to_str().unwrap()]);
    failed(&out, "import", 1, &["invalid profile id \"test\\0ville\""]);
    let out = citydx(dir.path(), &["validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("id \"test\\0ville\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot_with(dir.path(), true), before);
}

// ---- symbolic links ----

#[test]
fn a_symlink_to_a_file_outside_lists_read_only_and_is_never_written() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let outside = tempfile::tempdir().expect("a temporary folder");
    let target = outside.path().join("elsewhere.json");
    write_file(&target, SAMPLE);
    let target_before = snapshot_with(outside.path(), true);
    std::os::unix::fs::symlink(&target, dir.path().join("testville.json")).expect("symlink");
    let before = snapshot(dir.path());

    let text = succeeded(&citydx(dir.path(), &["list"]), "list");
    assert!(text.contains("Testville (read-only)"), "{text}");
    let out = citydx(dir.path(), &["list", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["profiles"][0]["id"], "testville");
    assert!(
        json["profiles"][0]["read_only"]
            .as_str()
            .is_some_and(|r| r.contains("symbolic link")),
        "{json}"
    );
    let text = succeeded(&citydx(dir.path(), &["show", "testville"]), "show");
    assert!(
        text.contains("read-only: a symbolic link") && text.contains("Livelihood & Services"),
        "{text}"
    );
    succeeded(&citydx(dir.path(), &["report", "testville"]), "report");
    let out = citydx(dir.path(), &["validate"]);
    succeeded(&out, "validate");
    assert!(
        stderr(&out).contains("a symbolic link, which citydx never writes through"),
        "{}",
        stderr(&out)
    );

    let src = tempfile::tempdir().expect("a temporary folder");
    let file = src.path().join("in.json");
    write_file(&file, &SAMPLE.replace("\"Test\"", "\"Changed\""));
    let out = citydx(dir.path(), &["import", "--force", file.to_str().unwrap()]);
    failed(
        &out,
        "import --force",
        1,
        &[
            "testville.json",
            "a symbolic link, which citydx never writes through",
        ],
    );
    let out = citydx(dir.path(), &["import", file.to_str().unwrap()]);
    failed(&out, "import", 1, &["already exists", "--force"]);

    assert_eq!(snapshot(dir.path()), before, "the folder changed");
    assert_eq!(
        snapshot_with(outside.path(), true),
        target_before,
        "the file outside changed"
    );
}

#[test]
fn dangling_and_looping_symlinks_are_skipped_with_why() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_file(&dir.path().join("testville.json"), SAMPLE);
    let link = |to: &Path, name: &str| {
        std::os::unix::fs::symlink(to, dir.path().join(name)).expect("symlink")
    };
    link(Path::new("/nonexistent/citydx/x.json"), "dangling.json");
    link(&dir.path().join("loop.json"), "loop.json");
    link(Path::new("/"), "root.json");
    let before = snapshot(dir.path());
    let out = citydx(dir.path(), &["list"]);
    let text = succeeded(&out, "list");
    assert!(text.contains("Testville"), "{text}");
    assert!(text.contains("3 file(s) skipped"), "{text}");
    assert!(text.contains("dangling.json: No such file"), "{text}");
    assert!(
        text.contains("loop.json: Too many levels of symbolic links"),
        "{text}"
    );
    assert!(text.contains("root.json: is a folder"), "{text}");
    let out = citydx(dir.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("4 file(s) checked, 3 bad."),
        "{}",
        stdout(&out)
    );
    let out = citydx(dir.path(), &["show", "loop"]);
    failed(&out, "show loop", 1, &["loop.json", "Too many levels"]);
    assert_eq!(snapshot(dir.path()), before);
}

// ---- FIFOs and devices named like profiles ----

/// Runs citydx, killing it if it has not ended within `limit`; `None` when
/// it had to be killed.
fn run_bounded(dir: &Path, args: &[&str], limit: Duration) -> Option<Output> {
    let mut child = spawn(command(dir, args, As::Me));
    let start = Instant::now();
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            return Some(child.wait_with_output().expect("output"));
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let ok = spawn({
        let mut cmd = Command::new("mkfifo");
        cmd.arg(path);
        cmd
    })
    .wait()
    .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo {}", path.display());
}

// Opening a FIFO blocks until something writes to it: `load_file`
// (src/store/mod.rs) used to open every `*.json` it was given, so `list`,
// `validate`, `show` and the home screen's background listing waited
// forever. It now refuses anything that is not a regular file unread.
#[test]
fn a_fifo_named_like_a_profile_does_not_hang_listing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_file(&dir.path().join("testville.json"), SAMPLE);
    mkfifo(&dir.path().join("pipe.json"));
    let before = snapshot(dir.path());
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["validate"],
        &["show", "pipe"],
    ] {
        let out = run_bounded(dir.path(), args, Duration::from_secs(5))
            .unwrap_or_else(|| panic!("citydx {args:?} hung on a FIFO named pipe.json"));
        assert!(stdout(&out).contains("pipe.json") || stderr(&out).contains("pipe.json"));
    }
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn devices_named_like_profiles_are_skipped_without_hanging() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_file(&dir.path().join("testville.json"), SAMPLE);
    // an endless device and an empty one, through links (making device
    // nodes needs privileges a test should not count on)
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.json")).expect("symlink");
    std::os::unix::fs::symlink("/dev/null", dir.path().join("null.json")).expect("symlink");
    let before = snapshot(dir.path());
    let out = run_bounded(dir.path(), &["list"], Duration::from_secs(20))
        .expect("citydx list hung on a device named zero.json");
    let text = succeeded(&out, "list");
    assert!(text.contains("Testville"), "{text}");
    assert!(text.contains("2 file(s) skipped"), "{text}");
    // neither is read at all: not regular files
    for name in ["zero.json", "null.json"] {
        assert!(
            text.contains(&format!("{name}: is not a regular file")),
            "{text}"
        );
    }
    let out = run_bounded(dir.path(), &["show", "zero"], Duration::from_secs(20))
        .expect("citydx show hung on /dev/zero");
    failed(&out, "show zero", 1, &["zero.json", "not read"]);
    assert_eq!(snapshot(dir.path()), before);
}

// ---- a 100 MB file that is valid JSON ----

/// This process's resident memory now, in bytes (VmRSS).
fn own_rss() -> u64 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kb| kb * 1024)
}

/// Runs citydx and returns its output, its peak memory (resident set,
/// bytes, from wait4 on that one process) and this process's resident
/// memory when it started it. The child is made by a plain fork (a
/// `pre_exec` hook asks for one), whose peak starts from the parent's
/// resident memory at the fork; a vfork would hand it the parent's
/// lifetime peak instead.
fn run_measured(dir: &Path, args: &[&str]) -> (Output, u64, u64) {
    let mut cmd = command(dir, args, As::Me);
    // SAFETY: the hook does nothing, so it is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| Ok(()));
    }
    let parent = own_rss();
    // (waited for with wait4 below, which std's Child does not know of)
    #[allow(clippy::zombie_processes)]
    let mut child = spawn(cmd);
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; both pointers are
    // valid for writes for the duration of the call.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let mut out = Vec::new();
    let mut err = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    child.stderr.take().unwrap().read_to_end(&mut err).unwrap();
    let output = Output {
        status: ExitStatus::from_raw(status),
        stdout: out,
        stderr: err,
    };
    (output, usage.ru_maxrss as u64 * 1024, parent)
}

/// A profile named `id` whose last field, unknown to citydx and so kept,
/// is a string of `size` - (the rest) bytes: a file of exactly `size`
/// bytes, every one of them valid JSON. Written in pieces, never held.
fn write_padded_profile(path: &Path, id: &str, size: usize) {
    let head = SAMPLE
        .replace("testville", id)
        .trim_end()
        .trim_end_matches('}')
        .to_string()
        + ",\n  \"padding\": \"";
    let tail = "\"\n}\n";
    let mut file = std::io::BufWriter::new(fs::File::create(path).expect("create"));
    file.write_all(head.as_bytes()).unwrap();
    let mut left = size - head.len() - tail.len();
    let chunk = [b'x'; 64 * 1024];
    while left > 0 {
        let n = left.min(chunk.len());
        file.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    file.write_all(tail.as_bytes()).unwrap();
    file.flush().unwrap();
    assert_eq!(fs::metadata(path).unwrap().len(), size as u64);
}

#[test]
fn a_100_mb_profile_of_valid_json_is_refused_by_its_size_without_being_read() {
    const SIZE: usize = 100 * 1024 * 1024;
    const MEMORY_BOUND: u64 = 48 * 1024 * 1024;
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_file(&dir.path().join("testville.json"), SAMPLE);
    let src = tempfile::tempdir().expect("a temporary folder");

    // The same file at a size under the limit is a sound profile, imported:
    // the big one is refused for its size alone.
    let small = src.path().join("small.json");
    write_padded_profile(&small, "small", 64 * 1024);
    let small_dir = tempfile::tempdir().expect("a temporary folder");
    succeeded(
        &citydx(small_dir.path(), &["import", small.to_str().unwrap()]),
        "import of the same profile at 64 KB",
    );
    let kept = fs::read_to_string(small_dir.path().join("small.json")).unwrap();
    assert!(
        kept.contains("\"padding\": \"xxx"),
        "the unknown field is kept"
    );

    let file = src.path().join("huge.json");
    write_padded_profile(&file, "huge", SIZE);
    fs::hard_link(&file, dir.path().join("huge.json")).expect("link it into the folder");
    // (the snapshot holds the 100 MB file's length, not its bytes)
    let stamp = |dir: &Path| -> Vec<(PathBuf, u64)> {
        let mut v: Vec<(PathBuf, u64)> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().is_none_or(|n| n != ".cache"))
            .map(|p| {
                let len = fs::metadata(&p).unwrap().len();
                (p, len)
            })
            .collect();
        v.sort();
        v
    };
    let before = stamp(dir.path());
    let testville = fs::read(dir.path().join("testville.json")).unwrap();
    let message = "huge.json: file is 104857600 bytes, more than the 8388608 bytes a profile may have; not read";

    let cases: [(&str, Vec<&str>); 5] = [
        ("import", vec!["import", file.to_str().unwrap()]),
        ("validate FILE", vec!["validate", file.to_str().unwrap()]),
        ("show", vec!["show", "huge"]),
        ("report", vec!["report", "huge"]),
        ("list", vec!["list"]),
    ];
    for (what, args) in cases {
        let (out, peak, parent) = run_measured(dir.path(), &args);
        if what == "list" {
            let text = succeeded(&out, what);
            assert!(
                text.contains("Testville") && text.contains(message),
                "{text}"
            );
        } else if what == "validate FILE" {
            assert_eq!(out.status.code(), Some(1));
            assert!(stderr(&out).contains(message), "{}", stderr(&out));
        } else {
            failed(&out, what, 1, &[message]);
        }
        // The peak counts from the test's own memory at the fork.
        let bound = MEMORY_BOUND.max(parent + 16 * 1024 * 1024);
        assert!(
            peak < bound && bound < SIZE as u64,
            "{what}: peak memory {} MB (the test itself had {} MB): the file was read",
            peak / (1024 * 1024),
            parent / (1024 * 1024)
        );
    }
    assert_eq!(stamp(dir.path()), before);
    assert_eq!(
        fs::read(dir.path().join("testville.json")).unwrap(),
        testville
    );
}

// ---- control characters in a profile's text ----

/// A value the schema does not know, holding a line break and a terminal
/// command: the error quoting it stays on one line and sends no control
/// character to the terminal (src/store/mod.rs, parse_cause).
#[test]
fn a_parse_error_quoting_the_file_stays_one_line_without_control_characters() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_file(&dir.path().join("testville.json"), SAMPLE);
    let src = tempfile::tempdir().expect("a temporary folder");
    let file = src.path().join("evil.json");
    write_file(
        &file,
        &SAMPLE
            .replace(
                "\"value\": \"met\"",
                "\"value\": \"met\\n\\u001b[2J\\u0007\"",
            )
            .replace("testville", "evil"),
    );
    let before = snapshot_with(dir.path(), true);
    let out = citydx(dir.path(), &["import", file.to_str().unwrap()]);
    let err = failed(
        &out,
        "import",
        1,
        &[
            "evil.json: line",
            "unknown variant `met\\n\\u{1b}[2J\\u{7}`",
        ],
    );
    assert!(!err.trim_end().contains(char::is_control), "{err:?}");
    assert_eq!(snapshot_with(dir.path(), true), before);
    fs::copy(&file, dir.path().join("evil.json")).expect("copy");
    let out = citydx(dir.path(), &["list"]);
    let text = succeeded(&out, "list");
    assert!(text.contains("evil.json: line"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

/// The names and places of a profile printed by `list`, `show` and
/// `report` used to reach the terminal as they were: control characters in
/// them (an escape sequence that sets the window title, clears the screen,
/// or writes the clipboard with OSC 52) were sent to it. They are now shown
/// escaped (tests/properties.rs checks the same of every drawn cell).
#[test]
fn list_and_show_send_no_control_characters_from_a_profile() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_file(
        &dir.path().join("testville.json"),
        &SAMPLE
            .replace("\"Testville\"", "\"Test\\u001b]0;owned\\u0007ville\"")
            .replace("\"Nowhere\"", "\"No\\u001b[2Jwhere\"")
            .replace("\"Test\"", "\"T\\u001b]52;c;aGk=\\u0007\""),
    );
    for args in [
        &["list"][..],
        &["show", "testville"],
        &["report", "testville"],
    ] {
        let out = citydx(dir.path(), args);
        let text = succeeded(&out, &format!("{args:?}"));
        assert!(
            !text.contains(|c: char| c.is_control() && c != '\n'),
            "{args:?} printed a control character: {text:?}"
        );
    }
}
