//! Issue 12's faults, each reproduced first against the real binary or the
//! store's API: nothing is lost, nothing outside the profiles folder
//! changes, and the message names the real cause.

#![cfg(unix)]

#[path = "support/tmpfs.rs"]
mod tmpfs;
use tmpfs::Tmpfs;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{SubsecRound, Utc};
use citydx::core::examples::EXAMPLES;
use citydx::core::profile::Profile;
use citydx::store::{LockOutcome, ProfileLock, Store, StoreError, load_file};

/// The binary under test; `CITYDX_TEST_BIN` runs these tests against
/// another build (an older one, to see each fault reproduced).
fn bin() -> String {
    std::env::var("CITYDX_TEST_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_citydx").into())
}

fn example(id: &str) -> &'static str {
    EXAMPLES
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, t)| *t)
        .expect("an example")
}

/// A folder holding the first example city; its id.
fn folder() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (id, text) = EXAMPLES[0];
    fs::write(dir.path().join(format!("{id}.json")), text).unwrap();
    (dir, id.to_string())
}

fn citydx(dir: &Path, args: &[&str]) -> Output {
    citydx_env(dir, args, &[])
}

fn citydx_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(bin());
    cmd.arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("CITYDX_PROFILES")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run citydx")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every entry under `dir` with its kind, mode and bytes (links as their
/// target), to prove nothing changed.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read the folder") {
            let path = entry.expect("an entry").path();
            let meta = fs::symlink_metadata(&path).expect("stat");
            let mut record = format!("mode {:o}: ", meta.permissions().mode()).into_bytes();
            if meta.file_type().is_symlink() {
                record.extend(
                    fs::read_link(&path)
                        .unwrap()
                        .into_os_string()
                        .into_encoded_bytes(),
                );
            } else if meta.is_dir() {
                stack.push(path.clone());
                record.extend_from_slice(b"folder");
            } else if meta.is_file() {
                record.extend(fs::read(&path).expect("read"));
            } else {
                record.extend_from_slice(b"special");
            }
            files.insert(path, record);
        }
    }
    files
}

fn lock(store: &Store, id: &str) -> ProfileLock {
    match store.lock(id).expect("lock") {
        LockOutcome::Acquired { lock, .. } => lock,
        LockOutcome::Held(h) => panic!("held by {h:?}"),
    }
}

fn failed_with(out: &Output, what: &str, needles: &[&str]) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{what}: {err}");
    assert_eq!(err.lines().count(), 1, "{what}: not one line: {err:?}");
    for n in needles {
        assert!(err.contains(n), "{what}: {n:?} not in {err:?}");
    }
    err
}

// ---- 2: a clock behind the profile's `created` never blocks a save ----

#[test]
fn a_profile_created_in_the_future_still_saves() {
    let (dir, id) = folder();
    let store = Store::open(dir.path()).unwrap();
    let mut profile = store.load(&id).unwrap().profile;
    // a colleague's clock a day ahead, then this machine saves "now"
    profile.created = Utc::now().trunc_subsecs(0) + chrono::Duration::days(1);
    profile.updated = profile.created;
    let l = lock(&store, &id);
    store.save(&profile, &l).expect("first save");
    profile.updated = Utc::now().trunc_subsecs(0);
    profile.city.region = "changed".into();
    store
        .save(&profile, &l)
        .expect("a save with updated < created");
    let back = load_file(&dir.path().join(format!("{id}.json"))).unwrap();
    assert_eq!(back.profile.city.region, "changed", "nothing lost");
    assert!(back.profile.updated >= back.profile.created);
    assert!(
        back.profile.problems().is_empty(),
        "{:?}",
        back.profile.problems()
    );
    let out = citydx(dir.path(), &["validate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // a file whose stamps disagree (written on a machine whose clock was
    // behind) is valid, reports, and saves
    let mut value: serde_json::Value = serde_json::from_str(example(&id)).unwrap();
    value["created"] = "2030-01-01T00:00:00Z".into();
    value["updated"] = "2025-01-01T00:00:00Z".into();
    fs::write(dir.path().join(format!("{id}.json")), value.to_string()).unwrap();
    let out = citydx(dir.path(), &["validate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = citydx(dir.path(), &["report", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let profile = store.load(&id).unwrap().profile;
    store.save(&profile, &l).expect("saves");
    let back = store.load(&id).unwrap().profile;
    assert!(back.updated >= back.created);
}

// ---- 3: an edit made on disk during a session is never overwritten ----

#[test]
fn an_outside_edit_is_kept_and_this_sessions_version_set_beside_it() {
    let (dir, id) = folder();
    let store = Store::open(dir.path()).unwrap();
    let loaded = store.load(&id).unwrap();
    let fp = loaded.fingerprint.clone().expect("a fingerprint");
    let l = lock(&store, &id);
    let path = dir.path().join(format!("{id}.json"));
    // the session saves once: it gets the new fingerprint
    let mut mine = loaded.profile.clone();
    mine.city.region = "mine 1".into();
    let fp = store
        .save_checked(&mine, &l, Some(&fp))
        .expect("unchanged file saves");
    // someone edits the file by hand, same size and within the same second
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("mine 1", "hers 1");
    fs::write(&path, &theirs).unwrap();
    mine.city.region = "mine 2".into();
    let err = store.save_checked(&mine, &l, Some(&fp)).unwrap_err();
    let StoreError::Changed { path: p, kept } = &err else {
        panic!("not Changed: {err}");
    };
    assert_eq!(p, &path);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "the outside edit stays"
    );
    let kept_text = fs::read_to_string(kept).unwrap();
    assert!(
        kept_text.contains("mine 2"),
        "this session's version is kept"
    );
    let kept_name = kept.file_name().unwrap().to_str().unwrap();
    assert!(
        kept_name.starts_with(&format!("{id}.json.kept-")),
        "{kept_name}"
    );
    assert!(!kept_name.ends_with(".json"));
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(kept_name), "{message}");
    // listing reports the kept file
    let out = citydx(dir.path(), &["list"]);
    assert!(stdout(&out).contains(kept_name), "{}", stdout(&out));
}

#[test]
fn a_file_that_no_longer_parses_is_never_replaced() {
    let (dir, id) = folder();
    let store = Store::open(dir.path()).unwrap();
    let loaded = store.load(&id).unwrap();
    let l = lock(&store, &id);
    let path = dir.path().join(format!("{id}.json"));
    fs::write(&path, "{ broken").unwrap();
    // with a fingerprint: changed, kept beside
    let err = store
        .save_checked(&loaded.profile, &l, loaded.fingerprint.as_ref())
        .unwrap_err();
    assert!(matches!(err, StoreError::Changed { .. }), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "{ broken");
    // the plain save (no fingerprint) refuses too
    let err = store.save(&loaded.profile, &l).unwrap_err();
    assert!(err.to_string().contains("does not parse"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "{ broken");
}

// ---- 4: -o never writes inside the profiles folder nor over a non-file ----

#[test]
fn report_output_refuses_the_profiles_folder_and_special_files() {
    let (dir, id) = folder();
    let store = Store::open(dir.path()).unwrap();
    drop(lock(&store, &id)); // makes .locks/ID.lock
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path(), outside.path().join("link")).unwrap();
    let fifo = outside.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let before = snapshot(dir.path());
    let before_out = snapshot(outside.path());
    let lock_file = dir.path().join(".locks").join(format!("{id}.lock"));
    let sub = dir.path().join(".locks").join("..").join("x.md");
    let via_link = outside.path().join("link").join("report.md");
    let plain = dir.path().join("report.md");
    for (target, why) in [
        (lock_file.as_path(), "inside the profiles folder"),
        (sub.as_path(), "inside the profiles folder"),
        (via_link.as_path(), "inside the profiles folder"),
        (plain.as_path(), "inside the profiles folder"),
        (fifo.as_path(), "not a regular file"),
    ] {
        for cmd in [
            vec!["report", id.as_str(), "-o"],
            vec!["compare", id.as_str(), "--assessments", "-o"],
        ] {
            let mut args = cmd.clone();
            let t = target.to_str().unwrap();
            args.push(t);
            let out = citydx(dir.path(), &args);
            failed_with(&out, &format!("{args:?}"), &[why]);
        }
    }
    assert_eq!(
        snapshot(dir.path()),
        before,
        "nothing in the folder changed"
    );
    assert_eq!(
        snapshot(outside.path()),
        before_out,
        "nothing outside changed"
    );
    // a device (made here, not the system's /dev/null)
    if Command::new("mknod")
        .arg(outside.path().join("null"))
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success())
    {
        let dev = outside.path().join("null");
        let out = citydx(dir.path(), &["report", &id, "-o", dev.to_str().unwrap()]);
        failed_with(&out, "device", &["not a regular file"]);
        assert!(!fs::symlink_metadata(&dev).unwrap().is_file());
    }
    // a regular file outside is replaced
    let ok = outside.path().join("r.md");
    fs::write(&ok, "old").unwrap();
    let out = citydx(dir.path(), &["report", &id, "-o", ok.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_ne!(fs::read_to_string(&ok).unwrap(), "old");
    // the store's own check, as the interface calls it
    assert!(store.check_export_path(&lock_file).is_err());
    assert!(store.check_export_path(&ok).is_ok());
}

// ---- 5: trash names never collide ----

#[test]
fn trashing_the_same_id_twice_in_a_second_keeps_both() {
    let (dir, id) = folder();
    let store = Store::open(dir.path()).unwrap();
    let first = store.load(&id).unwrap().profile;
    let l = lock(&store, &id);
    let a = store.trash(&id, &l).unwrap();
    let mut second = first.clone();
    second.city.region = "second".into();
    store.save(&second, &l).unwrap();
    let b = store.trash(&id, &l).unwrap();
    assert_ne!(a, b);
    assert_eq!(
        load_file(&a).unwrap().profile,
        first,
        "the first trashed copy stays"
    );
    assert_eq!(load_file(&b).unwrap().profile.city.region, "second");
}

#[test]
fn the_trash_offers_profiles_and_deleted_assessments_and_restores_without_replacing() {
    use citydx::core::ops::Op;
    use citydx::store::{TrashKind, parse_trash_name};
    let (dir, id) = folder();
    let store = Store::open(dir.path()).unwrap();
    let mut profile = store.load(&id).unwrap().profile;
    let l = lock(&store, &id);
    // a second assessment, kept in the trash, then deleted
    let second = citydx::core::uid::new_uid();
    profile
        .apply(&Op::NewAssessment {
            id: second.clone(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            interviewer: String::new(),
            carry_from: Some(profile.assessments[0].id.clone()),
        })
        .unwrap();
    let kept = store
        .keep_in_trash(&profile, &format!("assessment-{second}"), &l)
        .unwrap();
    let name = kept.file_name().unwrap().to_str().unwrap().to_string();
    assert_eq!(
        parse_trash_name(&name).map(|(a, p, _)| (a, p)),
        Some((Some(second.clone()), id.clone()))
    );
    profile
        .apply(&Op::DeleteAssessment {
            assessment: second.clone(),
        })
        .unwrap();
    store.save(&profile, &l).unwrap();
    let items = store.trash_items().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(
        matches!(&items[0].kind, TrashKind::Assessment { id: a, number: 2, .. } if *a == second)
    );
    // restored into the profile: no longer offered
    let copy = store.trashed_profile(&items[0].file).unwrap();
    let restore = Op::RestoreAssessment {
        assessment: Box::new(copy.assessment(&second).unwrap().clone()),
    };
    let now = Utc::now();
    let saved = store.apply(&id, &[restore], &l, now).unwrap();
    assert_eq!(saved.assessments[1].id, second);
    assert!(store.trash_items().unwrap().is_empty());
    assert!(
        kept.exists(),
        "the copy stays: nothing in the trash is deleted"
    );
    // a profile trashed whole comes back to its name
    let trashed = store.trash(&id, &l).unwrap();
    drop(l);
    let items = store.trash_items().unwrap();
    assert!(
        matches!(items[..], [ref item] if item.kind == TrashKind::Profile && item.profile == id)
    );
    let file = trashed.file_name().unwrap().to_str().unwrap().to_string();
    // never over a profile of that id
    fs::write(dir.path().join(format!("{id}.json")), example(&id)).unwrap();
    assert!(matches!(
        store.restore_profile(&file),
        Err(StoreError::Exists { .. })
    ));
    assert!(trashed.exists(), "nothing moved");
    assert_eq!(
        fs::read_to_string(dir.path().join(format!("{id}.json"))).unwrap(),
        example(&id)
    );
    fs::remove_file(dir.path().join(format!("{id}.json"))).unwrap();
    store.restore_profile(&file).unwrap();
    assert!(!trashed.exists());
    assert_eq!(store.load(&id).unwrap().profile.assessments.len(), 2);
    // other trashed files are not offered, and names outside the rule are refused
    for other in [
        "x.schema-v1.20261203T010203.5.json",
        "x.respondent-removed.20261203T010203.5.json",
        "../x.20261203T010203.json",
        "notes.txt",
    ] {
        assert!(parse_trash_name(other).is_none(), "{other}");
    }
    assert!(store.restore_profile("../escape.json").is_err());
}

// ---- 6: bookkeeping paths are never followed through links ----

#[test]
fn linked_bookkeeping_folders_are_refused_and_nothing_outside_changes() {
    for name in [".locks", ".drafts", "trash", ".cache"] {
        let (dir, id) = folder();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("keep"), "precious").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join(name)).unwrap();
        let before = snapshot(outside.path());
        let store = Store::open(dir.path()).unwrap();
        match name {
            ".locks" => {
                let err = store.lock(&id).unwrap_err().to_string();
                assert!(err.contains("symbolic link"), "{err}");
                let out = citydx(
                    dir.path(),
                    &[
                        "import",
                        "--force",
                        &format!("{}/{id}.json", dir.path().display()),
                    ],
                );
                failed_with(&out, "import", &["symbolic link"]);
            }
            ".drafts" => {
                let key = citydx::store::DraftKey::new(&id, "a1b2c3d4", None);
                let err = store.save_draft(&key, "typed").unwrap_err().to_string();
                assert!(err.contains("symbolic link"), "{err}");
                fs::write(
                    outside.path().join(format!("{id}.a1b2c3d4.json")),
                    "planted",
                )
                .unwrap();
                assert_eq!(
                    store.load_draft(&key),
                    None,
                    "a draft is not read through a link"
                );
                fs::remove_file(outside.path().join(format!("{id}.a1b2c3d4.json"))).unwrap();
            }
            "trash" => {
                let l = lock(&store, &id);
                let err = store.trash(&id, &l).unwrap_err().to_string();
                assert!(err.contains("symbolic link"), "{err}");
                assert!(dir.path().join(format!("{id}.json")).exists(), "not moved");
            }
            _ => {
                let listing = store.summaries().unwrap();
                assert_eq!(listing.summaries.len(), 1, "listing still works");
            }
        }
        assert_eq!(
            snapshot(outside.path()),
            before,
            "{name}: nothing outside changed"
        );
    }
}

#[test]
fn a_lock_file_linked_outside_is_never_truncated() {
    let (dir, id) = folder();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    fs::create_dir(dir.path().join(".locks")).unwrap();
    std::os::unix::fs::symlink(
        &victim,
        dir.path().join(".locks").join(format!("{id}.lock")),
    )
    .unwrap();
    let out = citydx(
        dir.path(),
        &[
            "import",
            "--force",
            &format!("{}/{id}.json", dir.path().display()),
        ],
    );
    failed_with(&out, "import", &["symbolic link"]);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    // nor through a hard link (same file system)
    let lock_path = dir.path().join(".locks").join(format!("{id}.lock"));
    fs::remove_file(&lock_path).unwrap();
    let inside_victim = dir.path().join("victim.txt");
    fs::write(&inside_victim, "precious").unwrap();
    fs::hard_link(&inside_victim, &lock_path).unwrap();
    let out = citydx(
        dir.path(),
        &[
            "import",
            "--force",
            &format!("{}/{id}.json", dir.path().display()),
        ],
    );
    failed_with(&out, "import through a hard link", &["hard link"]);
    assert_eq!(fs::read_to_string(&inside_victim).unwrap(), "precious");
    // and one linked to /dev/zero is not read
    let lock_path = dir.path().join(".locks").join(format!("{id}.lock"));
    fs::remove_file(&lock_path).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &lock_path).unwrap();
    let out = citydx(
        dir.path(),
        &[
            "import",
            "--force",
            &format!("{}/{id}.json", dir.path().display()),
        ],
    );
    failed_with(&out, "import /dev/zero lock", &["symbolic link"]);
}

/// Runs citydx and returns its output and its peak resident memory
/// (bytes, from wait4 on that one process; a plain fork, asked for by a
/// `pre_exec` hook, so the peak starts from this process's memory at the
/// fork, not its lifetime peak). A memory limit would not show the fault:
/// std's reading gives up on an allocation that fails, quietly.
fn citydx_measured(dir: &Path, args: &[&str]) -> (Output, u64) {
    use std::io::Read;
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    let mut cmd = Command::new(bin());
    cmd.arg("--dir")
        .arg(dir)
        .args(args)
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: the hook does nothing, so it is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| Ok(()));
    }
    #[allow(clippy::zombie_processes)]
    let mut child = cmd.spawn().expect("start citydx");
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
        status: std::process::ExitStatus::from_raw(status),
        stdout: out,
        stderr: err,
    };
    (output, usage.ru_maxrss as u64 * 1024)
}

#[test]
fn a_huge_sparse_lock_or_cache_file_is_not_read_into_memory() {
    let (dir, id) = folder();
    fs::create_dir(dir.path().join(".locks")).unwrap();
    fs::create_dir(dir.path().join(".cache")).unwrap();
    for f in [
        dir.path().join(".locks").join(format!("{id}.lock")),
        dir.path().join(".cache").join("summaries.json"),
    ] {
        let file = fs::File::create(&f).unwrap();
        file.set_len(1 << 30).unwrap();
    }
    let src = dir.path().join(format!("{id}.json"));
    // (1 GB files, 100 MB allowed: the program itself takes under 20 MB)
    let limit = 100 << 20;
    let (out, peak) = citydx_measured(dir.path(), &["import", "--force", src.to_str().unwrap()]);
    assert!(out.status.success(), "import: {}", stderr(&out));
    assert!(peak < limit, "import took {} MB", peak >> 20);
    let (out, peak) = citydx_measured(dir.path(), &["list"]);
    assert!(out.status.success(), "list: {}", stderr(&out));
    assert!(peak < limit, "list took {} MB", peak >> 20);
    assert!(stdout(&out).contains(&id));
}

// ---- 8: a save never writes what the store would refuse to read ----

#[test]
fn an_import_that_would_pretty_print_over_the_limit_is_refused() {
    let (dir, id) = folder();
    let path = dir.path().join(format!("{id}.json"));
    let old = fs::read(&path).unwrap();
    // compact: about 3 MB; pretty-printed: about 10 MB
    let mut value: serde_json::Value = serde_json::from_str(example(&id)).unwrap();
    value["padding"] = serde_json::Value::Array(vec![serde_json::json!([0]); 700_000]);
    let compact = serde_json::to_string(&value).unwrap();
    assert!(compact.len() < 4 << 20, "{}", compact.len());
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("big.json");
    fs::write(&file, &compact).unwrap();
    let out = citydx(dir.path(), &["import", "--force", file.to_str().unwrap()]);
    failed_with(&out, "import", &["bytes", "8388608"]);
    assert_eq!(fs::read(&path).unwrap(), old, "the old file is kept");
    let out = citydx(dir.path(), &["list"]);
    assert!(stdout(&out).contains(&id));
}

#[allow(dead_code)]
fn profile_of(dir: &Path, id: &str) -> Profile {
    load_file(&dir.join(format!("{id}.json"))).unwrap().profile
}

// ---- 10: a file whose id is not its file name ----

#[test]
fn a_file_whose_id_differs_from_its_name_is_named_and_never_acted_on_by_id() {
    let (dir, id) = folder();
    let real = dir.path().join(format!("{id}.json"));
    let other = dir.path().join("copy.json");
    fs::write(&other, example(&id)).unwrap();
    let out = citydx(dir.path(), &["list", "--json"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed: serde_json::Value = serde_json::from_str(&text).unwrap();
    let ids: Vec<&str> = listed["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec!["copy", id.as_str()],
        "listed once each, under its file's name"
    );
    assert!(text.contains("but its file name says"), "{text}");
    let out = citydx(dir.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("copy.json: its id is"),
        "{}",
        stderr(&out)
    );
    // opened read-only with the mismatch named; trashing acts on that file
    let store = Store::open(dir.path()).unwrap();
    let loaded = store.load("copy").unwrap();
    let reason = loaded.read_only.expect("read-only").to_string();
    assert!(reason.contains("its file name says \"copy\""), "{reason}");
    let l = lock(&store, "copy");
    store.trash("copy", &l).unwrap();
    assert!(real.exists(), "the real profile is untouched");
    assert!(!other.exists());
}

// ---- 11: a write-protected profile ----

#[test]
fn a_write_protected_profile_opens_read_only_and_import_force_refuses_it() {
    let (dir, id) = folder();
    let path = dir.path().join(format!("{id}.json"));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let loaded = store.load(&id).unwrap();
    let reason = loaded.read_only.clone().expect("read-only").to_string();
    assert!(reason.contains("write-protected"), "{reason}");
    let src = tempfile::tempdir().unwrap();
    let changed = src.path().join("x.json");
    fs::write(
        &changed,
        example(&id).replace("\"region\": \"", "\"region\": \"X"),
    )
    .unwrap();
    let before = snapshot(dir.path());
    let out = citydx(
        dir.path(),
        &["import", "--force", changed.to_str().unwrap()],
    );
    failed_with(&out, "import --force", &["write-protected"]);
    let l = lock(&store, &id);
    let err = store.save(&loaded.profile, &l).unwrap_err().to_string();
    assert!(err.contains("write-protected"), "{err}");
    drop(l);
    // (the lock file is the only thing that may appear)
    let mut after = snapshot(dir.path());
    after.retain(|p, _| !p.starts_with(dir.path().join(".locks")));
    assert_eq!(after, before);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
    let out = citydx(dir.path(), &["list"]);
    assert!(stdout(&out).contains("read-only"), "{}", stdout(&out));
}

// ---- 12: the real cause, and group permissions ----

#[test]
fn a_full_disk_is_named_as_the_read_only_cause() {
    let Some(fs_) = Tmpfs::new(256) else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let dir = fs_.0.path();
    let (id, text) = EXAMPLES[0];
    fs::write(dir.join(format!("{id}.json")), text).unwrap();
    // fill the disk
    let mut filler = fs::File::create(dir.join("filler")).unwrap();
    let block = vec![1u8; 4096];
    while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    drop(filler);
    let before = fs::read(dir.join(format!("{id}.json"))).unwrap();
    let store = Store::open(dir).unwrap();
    let err = store.lock(id).unwrap_err();
    let reason = err.read_only_reason().to_string();
    assert!(reason.contains("No space left on device"), "{reason}");
    assert!(!reason.contains("not writable"), "{reason}");
    let out = citydx(
        dir,
        &[
            "import",
            "--force",
            dir.join(format!("{id}.json")).to_str().unwrap(),
        ],
    );
    failed_with(&out, "import on a full disk", &["No space left on device"]);
    assert_eq!(fs::read(dir.join(format!("{id}.json"))).unwrap(), before);
}

#[test]
fn a_group_shared_folder_gives_group_permissions() {
    let (dir, id) = folder();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o2775)).unwrap();
    let existing = dir.path().join(format!("{id}.json"));
    fs::set_permissions(&existing, fs::Permissions::from_mode(0o644)).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let l = lock(&store, &id);
    let loaded = store.load(&id).unwrap();
    let fp = store
        .save_checked(&loaded.profile, &l, loaded.fingerprint.as_ref())
        .unwrap();
    assert_eq!(
        fs::metadata(&existing).unwrap().permissions().mode() & 0o777,
        0o664,
        "a profile saved in a shared folder opens up to the group"
    );
    // and the next save still finds the file as this session left it
    store.save_checked(&loaded.profile, &l, Some(&fp)).unwrap();
    let mut profile = store.load(&id).unwrap().profile;
    profile.id = "newtown".into();
    let nl = lock(&store, "newtown");
    store.save(&profile, &nl).unwrap();
    store
        .save_draft(
            &citydx::store::DraftKey::new(&id, "a1b2c3d4", None),
            "typed",
        )
        .unwrap();
    store.summaries().unwrap();
    let mode = |p: PathBuf| fs::metadata(&p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(dir.path().join("newtown.json")), 0o664);
    for d in [".locks", ".drafts", ".cache"] {
        assert_eq!(mode(dir.path().join(d)), 0o775, "{d}");
    }
    assert_eq!(
        mode(dir.path().join(".locks").join(format!("{id}.lock"))),
        0o664
    );
    assert_eq!(
        mode(
            dir.path()
                .join(".drafts")
                .join(format!("{id}.a1b2c3d4.json"))
        ),
        0o664
    );
    store.trash(&id, &l).unwrap();
    assert_eq!(mode(dir.path().join("trash")), 0o775);
    // the command line too: an import into a shared folder
    let (shared, id2) = folder();
    fs::set_permissions(shared.path(), fs::Permissions::from_mode(0o2775)).unwrap();
    let src = tempfile::tempdir().unwrap();
    let f = src.path().join("n.json");
    fs::write(
        &f,
        example(&id2).replace(&format!("\"id\": \"{id2}\""), "\"id\": \"newcity\""),
    )
    .unwrap();
    let out = citydx(shared.path(), &["import", f.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(shared.path().join("newcity.json")), 0o664);
    assert_eq!(mode(shared.path().join(".locks")), 0o775);
    assert_eq!(
        mode(shared.path().join(".locks").join("newcity.lock")),
        0o664
    );
    // a private folder keeps private permissions
    let (dir, id) = folder();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let store = Store::open(dir.path()).unwrap();
    drop(lock(&store, &id));
    assert_eq!(mode(dir.path().join(".locks")), 0o755);
    assert_eq!(
        mode(dir.path().join(".locks").join(format!("{id}.lock"))),
        0o644
    );
}

// ---- 13: control characters never reach the terminal ----

#[test]
fn file_names_and_lock_records_reach_the_terminal_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let (dir, id) = folder();
    let evil = dir.path().join("a\x1b]0;owned\x07b\nc.json");
    fs::write(&evil, "{").unwrap();
    let non_utf8 = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"caf\xe9.json"));
    fs::write(&non_utf8, example(&id)).unwrap();
    // a name with a line break
    let mut value: serde_json::Value = serde_json::from_str(example(&id)).unwrap();
    value["city"]["name"]["en"] = "Two\nLines".into();
    value["id"] = "twolines".into();
    fs::write(dir.path().join("twolines.json"), value.to_string()).unwrap();
    for args in [vec!["validate"], vec!["list"], vec!["list", "--json"]] {
        let out = citydx(dir.path(), &args);
        let all = [out.stdout.clone(), out.stderr.clone()].concat();
        assert!(
            !all.contains(&0x1b) && !all.contains(&0x07),
            "{args:?}: {}",
            String::from_utf8_lossy(&all)
        );
        let text = String::from_utf8_lossy(&all);
        assert!(
            text.contains("caf\\xe9.json") || text.contains("caf\\\\xe9.json"),
            "{args:?}: non-UTF-8 name not reported: {text}"
        );
        if args == ["list"] {
            assert!(!text.contains("Two\nLines"), "{text}");
        }
    }
    // a hand-written lock record with an escape in its host name
    fs::create_dir(dir.path().join(".locks")).unwrap();
    fs::write(
        dir.path().join(".locks").join(format!("{id}.lock")),
        r#"{"pid":1,"host":"h\u001b]52;c;aGk=\u0007x","since":"2025-01-01T00:00:00Z"}"#,
    )
    .unwrap();
    let store = Store::open(dir.path()).unwrap();
    let LockOutcome::Acquired {
        took_over: Some(h), ..
    } = store.lock(&id).unwrap()
    else {
        panic!("not taken over");
    };
    let shown = h.to_string();
    assert!(
        !shown.contains('\x1b') && !shown.contains('\x07'),
        "{shown:?}"
    );
}

// ---- 14: pipes and the environment ----

#[test]
fn a_closed_pipe_ends_quietly_and_validate_still_checks_every_file() {
    let (dir, _id) = folder();
    for (id, text) in EXAMPLES.iter().skip(1) {
        fs::write(dir.path().join(format!("{id}.json")), text).unwrap();
    }
    fs::write(dir.path().join("zzz.json"), "{").unwrap();
    for (args, code) in [
        (vec!["list", "--json"], 0),
        (vec!["list"], 0),
        (vec!["validate"], 1),
    ] {
        let mut child = Command::new(bin())
            .arg("--dir")
            .arg(dir.path())
            .args(&args)
            .env("LANG", "C.UTF-8")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // the reader leaves at once, as `| head -0` would
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}

#[test]
fn an_empty_profiles_variable_or_a_bad_home_is_refused_by_name() {
    let run = |env: &[(&str, Option<&str>)]| {
        let mut cmd = Command::new(bin());
        cmd.arg("list").stdin(Stdio::null());
        for (k, v) in env {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        cmd.output().unwrap()
    };
    let out = run(&[("CITYDX_PROFILES", Some(""))]);
    failed_with(&out, "empty CITYDX_PROFILES", &["CITYDX_PROFILES", "empty"]);
    let scratch = tempfile::tempdir().unwrap();
    for home in [None, Some(""), Some("relative/home")] {
        let mut cmd = Command::new(bin());
        cmd.arg("list")
            .current_dir(scratch.path())
            .env_remove("CITYDX_PROFILES")
            .env_remove("XDG_DATA_HOME");
        match home {
            Some(h) => cmd.env("HOME", h),
            None => cmd.env_remove("HOME"),
        };
        let out = cmd.output().unwrap();
        failed_with(&out, &format!("HOME={home:?}"), &["HOME"]);
        assert_eq!(
            fs::read_dir(scratch.path()).unwrap().count(),
            0,
            "nothing created"
        );
    }
}

#[test]
fn windows_reserved_ids_are_refused_for_new_profiles_and_warned_about() {
    let (dir, id) = folder();
    let src = tempfile::tempdir().unwrap();
    for reserved in ["con", "nul", "aux", "prn", "com1", "lpt9"] {
        let f = src.path().join(format!("{reserved}.json"));
        let text = example(&id).replace(
            &format!("\"id\": \"{id}\""),
            &format!("\"id\": \"{reserved}\""),
        );
        fs::write(&f, text).unwrap();
        let out = citydx(dir.path(), &["import", f.to_str().unwrap()]);
        failed_with(&out, reserved, &["reserved", reserved]);
        assert!(!dir.path().join(format!("{reserved}.json")).exists());
    }
    // one already there opens, with a warning
    let text = example(&id).replace(&format!("\"id\": \"{id}\""), "\"id\": \"aux\"");
    fs::write(dir.path().join("aux.json"), text).unwrap();
    let out = citydx(dir.path(), &["validate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("reserved"), "{}", stderr(&out));
    assert!(Store::open(dir.path()).unwrap().load("aux").is_ok());
}

// ---- 15: Markdown is inert, and a non-UTF-8 terminal gets no raw UTF-8 ----

#[test]
fn markdown_reports_carry_no_live_markdown_links_or_direction_overrides() {
    let (dir, id) = folder();
    let mut value: serde_json::Value = serde_json::from_str(example(&id)).unwrap();
    value["city"]["name"]["en"] =
        "[x](javascript:alert(1)) *bold* `c` <b>hi</b> a|b \u{202E}evil".into();
    fs::write(dir.path().join(format!("{id}.json")), value.to_string()).unwrap();
    let out = citydx(dir.path(), &["--lang", "en", "report", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(!md.contains("[x](javascript"), "a live link: {md}");
    assert!(md.contains("\\[x\\](javascript"), "{md}");
    assert!(!md.contains(" *bold*") && !md.contains(" `c`"), "{md}");
    let raw_tag = md
        .match_indices('<')
        .any(|(i, _)| i == 0 || md.as_bytes()[i - 1] != b'\\');
    assert!(!raw_tag, "raw HTML: {md}");
    assert!(!md.contains('\u{202E}'), "a direction override");
    let out = citydx(dir.path(), &["compare", &id, "--assessments"]);
    // (one assessment: refused, but never with the raw override)
    assert!(!stderr(&out).contains('\u{202E}'));
}

/// Runs citydx on a pseudo-terminal (util-linux `script`) with `lang` as
/// the locale; what the terminal received.
fn on_terminal(dir: &Path, args: &str, lang: &str) -> Option<Vec<u8>> {
    let out = Command::new("script")
        .args(["-qec"])
        .arg(format!("{} --dir {} {args}", bin(), dir.display()))
        .arg("/dev/null")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

#[test]
fn a_terminal_without_a_utf8_locale_gets_no_raw_utf8() {
    let (dir, id) = folder();
    for args in [
        "--lang zh list".to_string(),
        format!("--lang zh show {id}"),
        "--lang zh validate".into(),
    ] {
        let Some(raw) = on_terminal(dir.path(), &args, "C") else {
            eprintln!("skipped: no `script` to make a terminal");
            return;
        };
        assert!(
            raw.is_ascii(),
            "{args}: raw UTF-8 sent: {}",
            String::from_utf8_lossy(&raw)
        );
        assert!(
            String::from_utf8_lossy(&raw).contains("\\u{"),
            "{args}: escaped"
        );
        let utf8 = on_terminal(dir.path(), &args, "C.UTF-8").unwrap();
        assert!(!utf8.is_ascii(), "{args}: a UTF-8 terminal gets UTF-8");
    }
    // a pipe gets UTF-8 whatever the locale
    let out = citydx_env(dir.path(), &["--lang", "zh", "list"], &[("LANG", "C")]);
    assert!(!out.stdout.is_ascii());
}

// ---- issue 10: the store's messages in the chosen language ----

#[test]
fn store_errors_and_read_only_reasons_are_printed_in_chinese() {
    let (dir, id) = folder();
    let lock_file = dir.path().join(".locks").join(format!("{id}.lock"));
    for (args, zh) in [
        (
            vec!["--lang", "zh", "show", "nosuch"],
            "中没有档案 \"nosuch\"",
        ),
        (
            vec![
                "--lang",
                "zh",
                "report",
                id.as_str(),
                "-o",
                lock_file.to_str().unwrap(),
            ],
            "位于档案文件夹",
        ),
    ] {
        let out = citydx(dir.path(), &args);
        let err = failed_with(&out, &format!("{args:?}"), &[zh]);
        assert!(
            !err.contains("no profile") && !err.contains("inside the"),
            "{err}"
        );
    }
    fs::set_permissions(
        dir.path().join(format!("{id}.json")),
        fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    let out = citydx(dir.path(), &["--lang", "zh", "validate"]);
    assert!(stderr(&out).contains("文件已写保护"), "{}", stderr(&out));
    // list's skipped files too, from the cache as well as fresh
    fs::write(dir.path().join("empty.json"), "").unwrap();
    for _ in 0..2 {
        let out = citydx(dir.path(), &["--lang", "zh", "list"]);
        let text = stdout(&out);
        assert!(text.contains("empty.json：文件为空"), "{text}");
        let out = citydx(dir.path(), &["--lang", "en", "list"]);
        assert!(stdout(&out).contains("empty.json: the file is empty"));
    }
}
