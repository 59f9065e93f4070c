//! Issue 12's faults, each reproduced first against the real binary or the
//! store's API: nothing is lost, nothing outside the profiles folder
//! changes, and the message names the real cause.

#![cfg(unix)]

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
                let err = store.save_draft(&id, "typed").unwrap_err().to_string();
                assert!(err.contains("symbolic link"), "{err}");
                fs::write(outside.path().join(format!("{id}.json")), "planted").unwrap();
                assert_eq!(
                    store.load_draft(&id),
                    None,
                    "a draft is not read through a link"
                );
                fs::remove_file(outside.path().join(format!("{id}.json"))).unwrap();
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

/// Runs citydx with its data segment limited to `mb` megabytes.
fn citydx_limited(dir: &Path, args: &[&str], mb: u64) -> Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(bin());
    cmd.arg("--dir")
        .arg(dir)
        .args(args)
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let limit = mb * 1024 * 1024;
    // SAFETY: setrlimit is async-signal-safe; nothing else runs in the child.
    unsafe {
        cmd.pre_exec(move || {
            let r = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_DATA, &r) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("run citydx")
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
    let out = citydx_limited(
        dir.path(),
        &["import", "--force", src.to_str().unwrap()],
        200,
    );
    assert!(out.status.success(), "import: {}", stderr(&out));
    let out = citydx_limited(dir.path(), &["list"], 200);
    assert!(out.status.success(), "list: {}", stderr(&out));
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
