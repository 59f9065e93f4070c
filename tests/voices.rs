//! Several voices from the command line: `respondent add | list | remove`,
//! and teams merging through real `git` (`git-setup`, `merge-driver`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use citydx::core::framework;
use citydx::core::ops::Op;
use citydx::core::profile::{AnswerValue, Profile};
use citydx::store::{LockOutcome, Store};

const SAMPLE: &str = r#"{
  "schema_version": 1,
  "id": "testville",
  "city": {
    "name": {"zh": "测试县", "en": "Testville"},
    "country": "CN",
    "population": 120000,
    "constraints": {"funding": "low", "talent": "medium", "technology": "high"}
  },
  "assessments": [
    {"date": "2024-03-01", "interviewer": "Test", "answers": {}},
    {"date": "2025-03-01", "interviewer": "Test", "answers": {},
     "targets": {"services": {"stage": 2, "horizon_years": 3}}}
  ],
  "created": "2025-03-01T00:00:00Z",
  "updated": "2025-03-01T00:00:00Z"
}
"#;

fn citydx_in(cwd: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citydx"))
        .current_dir(cwd)
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("CITYDX_PROFILES")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run citydx")
}

fn citydx(dir: &Path, args: &[&str]) -> Output {
    citydx_in(dir, dir, args)
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn folder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("profiles");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("testville.json"), SAMPLE).unwrap();
    (tmp, dir)
}

fn load(dir: &Path) -> Profile {
    Profile::from_json(&fs::read_to_string(dir.join("testville.json")).unwrap()).unwrap()
}

/// The respondents `respondent list --json` prints: (id, name).
fn listed(dir: &Path, extra: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["respondent", "list", "testville", "--json"];
    args.extend_from_slice(extra);
    let o = citydx(dir, &args);
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["respondents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let keys: Vec<&str> = r.as_object().unwrap().keys().map(|k| k.as_str()).collect();
            assert_eq!(
                keys,
                ["id", "name", "organisation", "organisation_name", "role"]
            );
            (
                r["id"].as_str().unwrap().to_string(),
                r["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Takes testville's lock. (Another test thread's child process may hold
/// a copy of the lock's handle for the instant between its fork and its
/// exec: the lock is then tried again.)
fn take_lock(store: &Store) -> citydx::store::ProfileLock {
    for _ in 0..200 {
        if let LockOutcome::Acquired { lock, .. } = store.lock("testville").unwrap() {
            return lock;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("testville stays locked");
}

/// Records a respondent's answer through the store, as the interface does.
fn answer(dir: &Path, respondent: &str, indicator: &str, value: AnswerValue) {
    let store = Store::open(dir).unwrap();
    let lock = take_lock(&store);
    let profile = store.load("testville").unwrap().profile;
    let op = Op::SetVoice {
        assessment: profile.assessments.last().unwrap().id.clone(),
        indicator: indicator.into(),
        respondent: respondent.into(),
        value,
        note: Some(format!("said by {respondent}")),
        at: Some(chrono::Utc::now()),
    };
    store
        .apply("testville", &[op], &lock, chrono::Utc::now())
        .unwrap();
}

fn indicators() -> Vec<String> {
    framework().domains[0].stages[0]
        .indicators
        .iter()
        .map(|i| i.id.clone())
        .collect()
}

#[test]
fn respondents_are_added_listed_and_removed_on_the_latest_assessment() {
    let (_tmp, dir) = folder();
    let o = citydx(
        &dir,
        &[
            "respondent",
            "add",
            "testville",
            "--name",
            "Kang Wei",
            "--org",
            "Big Data Bureau",
            "--role",
            "Director",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("added respondent Kang Wei"), "{}", out(&o));
    let o = citydx(
        &dir,
        &[
            "respondent",
            "add",
            "testville",
            "--name",
            "Li",
            "--kind",
            "citizen",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let p = load(&dir);
    assert_eq!(p.schema_version, 2);
    let latest = &p.assessments[1];
    assert_eq!(latest.respondents.len(), 2);
    assert!(p.assessments[0].respondents.is_empty(), "only the latest");
    assert_eq!(latest.respondents[0].organisation_name, "Big Data Bureau");
    assert_eq!(latest.respondents[0].role, "Director");
    assert_eq!(
        serde_json::to_value(latest.respondents[1].organisation).unwrap(),
        "citizen"
    );
    let list = listed(&dir, &[]);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].0, latest.respondents[0].id);
    // --assessment by number
    let o = citydx(
        &dir,
        &[
            "respondent",
            "add",
            "testville",
            "--name",
            "Zhao",
            "--assessment",
            "1",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(listed(&dir, &["--assessment", "1"]).len(), 1);
    // the text listing, in Chinese too
    let o = citydx(&dir, &["--lang", "zh", "respondent", "list", "testville"]);
    assert!(
        out(&o).contains("姓名") && out(&o).contains("Big Data Bureau (政府)"),
        "{}",
        out(&o)
    );
    // remove by name, without answers
    let o = citydx(&dir, &["respondent", "remove", "testville", "Li"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(listed(&dir, &[]).len(), 1);
    // by id
    let id = list[0].0.clone();
    let o = citydx(&dir, &["respondent", "remove", "testville", &id]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(listed(&dir, &[]).is_empty());
    let o = citydx(&dir, &["respondent", "list", "testville"]);
    assert!(out(&o).contains("no respondent"), "{}", out(&o));
}

#[test]
fn a_respondent_with_answers_is_removed_only_with_force_and_kept_in_the_trash() {
    let (_tmp, dir) = folder();
    let o = citydx(&dir, &["respondent", "add", "testville", "--name", "Kang"]);
    assert!(o.status.success(), "{}", err(&o));
    let id = listed(&dir, &[])[0].0.clone();
    let ind = &indicators()[0];
    answer(&dir, &id, ind, AnswerValue::Met);
    let before = fs::read(dir.join("testville.json")).unwrap();
    let o = citydx(&dir, &["respondent", "remove", "testville", "Kang"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("has 1 answer(s)") && err(&o).contains("--force"),
        "{}",
        err(&o)
    );
    assert_eq!(
        fs::read(dir.join("testville.json")).unwrap(),
        before,
        "untouched"
    );
    let o = citydx(
        &dir,
        &["--lang", "zh", "respondent", "remove", "testville", "Kang"],
    );
    assert!(err(&o).contains("条回答"), "{}", err(&o));
    let o = citydx(
        &dir,
        &["respondent", "remove", "testville", "Kang", "--force"],
    );
    assert!(o.status.success(), "{}", err(&o));
    let p = load(&dir);
    assert!(p.assessments[1].respondents.is_empty());
    assert!(
        !p.assessments[1].answers.contains_key(ind.as_str()),
        "its only voice went"
    );
    // the trash holds the profile as it was
    let kept: Vec<PathBuf> = fs::read_dir(dir.join("trash"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("respondent-removed"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(fs::read(&kept[0]).unwrap(), before);
    assert!(
        out(&o).contains(&kept[0].display().to_string()),
        "{}",
        out(&o)
    );
}

#[test]
fn bad_respondent_input_is_refused_with_one_line_and_nothing_written() {
    let (_tmp, dir) = folder();
    for name in ["Wang", "Wang"] {
        assert!(
            citydx(&dir, &["respondent", "add", "testville", "--name", name])
                .status
                .success()
        );
    }
    let before = fs::read(dir.join("testville.json")).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["respondent", "add", "testville", "--name", "a\u{1b}[2Jb"],
            "control character",
        ),
        (
            &["respondent", "add", "testville", "--name", "  "],
            "needs a name",
        ),
        (
            &["respondent", "remove", "testville", "Wang"],
            "2 respondents are named \"Wang\"",
        ),
        (
            &["respondent", "remove", "testville", "Nobody"],
            "no respondent in this assessment",
        ),
        (
            &["respondent", "list", "testville", "--assessment", "7"],
            "there is no assessment 7",
        ),
    ];
    for (args, expected) in cases {
        let o = citydx(&dir, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let e = err(&o);
        assert!(e.contains(expected), "{args:?}: {e}");
        assert_eq!(e.trim_end().lines().count(), 1, "{e}");
        assert!(!e.contains('\u{1b}'), "no raw escape: {e}");
        assert_eq!(fs::read(dir.join("testville.json")).unwrap(), before);
    }
    let o = citydx(
        &dir,
        &[
            "--lang",
            "zh",
            "respondent",
            "add",
            "testville",
            "--name",
            " ",
        ],
    );
    assert!(err(&o).contains("受访者须有名称"), "{}", err(&o));
    // a profile without an assessment, and one a newer citydx wrote
    let empty = SAMPLE.replace("\"testville\"", "\"empty\"");
    let empty = format!(
        "{}  \"assessments\": [],\n{}",
        &empty[..empty.find("  \"assessments\"").unwrap()],
        &empty[empty.find("  \"created\"").unwrap()..]
    );
    fs::write(dir.join("empty.json"), &empty).unwrap();
    let o = citydx(&dir, &["respondent", "add", "empty", "--name", "Kang"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("has no assessment yet"), "{}", err(&o));
    assert_eq!(fs::read_to_string(dir.join("empty.json")).unwrap(), empty);
    let newer = SAMPLE
        .replace("\"testville\"", "\"newer\"")
        .replace("\"schema_version\": 1", "\"schema_version\": 3");
    fs::write(dir.join("newer.json"), &newer).unwrap();
    let o = citydx(&dir, &["respondent", "add", "newer", "--name", "Kang"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("newer citydx"), "{}", err(&o));
    assert_eq!(fs::read_to_string(dir.join("newer.json")).unwrap(), newer);
}

// ---- git ----------------------------------------------------------------

fn git(cwd: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(cwd)
        .args(args)
        .env("HOME", std::env::temp_dir())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Consultant")
        .env("GIT_AUTHOR_EMAIL", "c@example.org")
        .env("GIT_COMMITTER_NAME", "Consultant")
        .env("GIT_COMMITTER_EMAIL", "c@example.org")
        .output()
        .expect("run git")
}

fn git_ok(cwd: &Path, args: &[&str]) -> String {
    let o = git(cwd, args);
    assert!(o.status.success(), "git {args:?}: {}{}", out(&o), err(&o));
    out(&o)
}

/// A bare origin holding testville (schema 2, git-setup committed), and
/// two clones of it, each set up.
fn team() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    git_ok(
        root,
        &[
            "-c",
            "init.defaultBranch=main",
            "init",
            "--bare",
            "origin.git",
        ],
    );
    git_ok(root, &["clone", "origin.git", "seed"]);
    let seed = root.join("seed");
    fs::write(seed.join("testville.json"), SAMPLE).unwrap();
    let o = citydx(&seed, &["git-setup"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains(".gitattributes"), "{}", out(&o));
    // the first save writes schema 2 (the version-1 copy goes to the
    // trash, which git ignores)
    let o = citydx(
        &seed,
        &["respondent", "add", "testville", "--name", "Assessor"],
    );
    assert!(o.status.success(), "{}", err(&o));
    git_ok(&seed, &["add", "-A"]);
    let status = git_ok(&seed, &["status", "--short"]);
    assert!(
        !status.contains("trash") && !status.contains(".locks"),
        "{status}"
    );
    git_ok(&seed, &["commit", "-qm", "testville"]);
    git_ok(&seed, &["push", "-q", "origin", "HEAD:main"]);
    let mut clones = Vec::new();
    for name in ["alice", "bob"] {
        git_ok(root, &["clone", "-q", "origin.git", name]);
        let clone = root.join(name);
        let o = citydx(&clone, &["git-setup"]);
        assert!(o.status.success(), "{}", err(&o));
        clones.push(clone);
    }
    let bob = clones.pop().unwrap();
    let alice = clones.pop().unwrap();
    (tmp, alice, bob)
}

/// One interview in `clone`: a new respondent answering `values`.
fn interview(clone: &Path, name: &str, values: &[AnswerValue]) -> String {
    let o = citydx(clone, &["respondent", "add", "testville", "--name", name]);
    assert!(o.status.success(), "{}", err(&o));
    let id = listed(clone, &[])
        .into_iter()
        .find(|(_, n)| n == name)
        .unwrap()
        .0;
    for (ind, value) in indicators().iter().zip(values) {
        answer(clone, &id, ind, *value);
    }
    git_ok(clone, &["commit", "-qam", &format!("interview {name}")]);
    id
}

#[test]
fn two_consultants_interviews_merge_through_git_pull() {
    use AnswerValue::*;
    let (_tmp, alice, bob) = team();
    let attributes = fs::read_to_string(alice.join(".gitattributes")).unwrap();
    assert!(attributes.contains("*.json merge=citydx"));
    let driver = git_ok(&alice, &["config", "merge.citydx.driver"]);
    assert!(driver.contains(env!("CARGO_BIN_EXE_citydx")), "{driver}");
    let kang = interview(&alice, "Kang", &[Met, Met, Partly]);
    git_ok(&alice, &["push", "-q", "origin", "HEAD:main"]);
    let wang = interview(&bob, "Wang", &[NotMet, Met]);
    // a plain merge
    let o = git(&bob, &["pull", "--no-rebase", "-q", "origin", "main"]);
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    let p = load(&bob);
    let a = p.assessments.last().unwrap();
    let names: Vec<&str> = a.respondents.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Assessor", "Wang", "Kang"]);
    let ind = indicators();
    let first = &a.answers[&ind[0]];
    assert_eq!(first.voices.len(), 2);
    assert!(first.voices.contains_key(&kang) && first.voices.contains_key(&wang));
    assert_eq!((first.value, first.provisional), (NotMet, true));
    assert!(first.voices_disagree(), "met against not met");
    assert_eq!(a.answers[&ind[1]].value, Met);
    assert_eq!(a.answers[&ind[2]].voices.len(), 1);
    assert!(p.disputes.is_empty(), "{:?}", p.disputes);
    assert!(p.problems().is_empty(), "{:?}", p.problems());
    let text = fs::read_to_string(bob.join("testville.json")).unwrap();
    assert!(!text.contains("<<<<<<<"));
    assert!(citydx(&bob, &["validate"]).status.success());
    git_ok(&bob, &["push", "-q", "origin", "HEAD:main"]);

    // a rebase: alice interviews again, on her old base, and pulls --rebase
    let zhao = interview(&alice, "Zhao", &[Partly]);
    let o = git(&alice, &["pull", "--rebase", "-q", "origin", "main"]);
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    let p = load(&alice);
    let a = p.assessments.last().unwrap();
    assert_eq!(a.respondents.len(), 4);
    let first = &a.answers[&ind[0]];
    assert_eq!(first.voices.len(), 3);
    assert!(first.voices.contains_key(&zhao));
    assert_eq!(first.value, Partly, "median of met, not met, partly");
    assert!(p.disputes.is_empty(), "{:?}", p.disputes);
    assert_eq!(git_ok(&alice, &["status", "--porcelain"]).trim(), "");
}

#[test]
fn two_different_agreed_answers_are_kept_as_a_dispute() {
    let (_tmp, alice, bob) = team();
    let ind = indicators()[0].clone();
    for (clone, value) in [(&alice, AnswerValue::Met), (&bob, AnswerValue::NotMet)] {
        let store = Store::open(clone).unwrap();
        let lock = take_lock(&store);
        let p = store.load("testville").unwrap().profile;
        let op = Op::SetAnswer {
            assessment: p.assessments[1].id.clone(),
            indicator: ind.clone(),
            value,
        };
        store
            .apply("testville", &[op], &lock, chrono::Utc::now())
            .unwrap();
        drop(lock);
        git_ok(clone, &["commit", "-qam", "agreed"]);
    }
    git_ok(&alice, &["push", "-q", "origin", "HEAD:main"]);
    let o = git(&bob, &["pull", "--no-rebase", "-q", "origin", "main"]);
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    let p = load(&bob);
    assert_eq!(
        p.assessments[1].answer(&ind),
        AnswerValue::NotMet,
        "ours in place"
    );
    assert_eq!(p.disputes.len(), 1);
    assert_eq!(p.disputes[0].theirs, "met");
    assert_eq!(p.disputes[0].ours, "not_met");
}

#[test]
fn an_unmergeable_side_leaves_ours_keeps_theirs_beside_and_validate_names_markers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let base = dir.join("base");
    let ours = dir.join("ours");
    let theirs = dir.join("theirs");
    fs::write(&base, SAMPLE).unwrap();
    fs::write(&ours, SAMPLE).unwrap();
    let newer = SAMPLE.replace("\"schema_version\": 1", "\"schema_version\": 9");
    fs::write(&theirs, &newer).unwrap();
    let args = [
        "merge-driver",
        base.to_str().unwrap(),
        ours.to_str().unwrap(),
        theirs.to_str().unwrap(),
        "testville.json",
    ];
    let o = citydx(dir, &args);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("newer citydx (schema version 9)"),
        "{}",
        err(&o)
    );
    assert_eq!(
        fs::read_to_string(&ours).unwrap(),
        SAMPLE,
        "ours left in place"
    );
    assert_eq!(
        fs::read_to_string(dir.join("testville.json.theirs")).unwrap(),
        newer
    );
    // a side that does not parse
    fs::write(&theirs, "{ not json").unwrap();
    let o = citydx(dir, &args);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("their version does not parse"),
        "{}",
        err(&o)
    );
    // merged: exit 0, written into ours
    fs::write(&theirs, SAMPLE.replace("120000", "130000")).unwrap();
    let o = citydx(dir, &args);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        Profile::from_json(&fs::read_to_string(&ours).unwrap())
            .unwrap()
            .city
            .population,
        Some(130000)
    );
    // validate names conflict markers
    let (_t, folder) = folder();
    let conflicted = SAMPLE.replacen(
        "    \"population\": 120000,\n",
        "<<<<<<< HEAD\n    \"population\": 120000,\n=======\n    \"population\": 130000,\n>>>>>>> theirs\n",
        1,
    );
    fs::write(folder.join("testville.json"), conflicted).unwrap();
    let o = citydx(&folder, &["validate"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("git conflict markers (<<<<<<< at line 7)"),
        "{}",
        err(&o)
    );
    let o = citydx(&folder, &["--lang", "zh", "validate"]);
    assert!(err(&o).contains("git 冲突标记"), "{}", err(&o));
    // git-setup outside a repository
    let o = citydx_in(dir, dir, &["git-setup"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("not inside a git repository"),
        "{}",
        err(&o)
    );
}

#[test]
fn merging_an_example_with_itself_changes_no_byte() {
    use citydx::core::merge::{MergeOutcome, merge};
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let mut seen = 0;
    for entry in fs::read_dir(examples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let bytes = fs::read(&path).unwrap();
        for base in [&bytes[..], b""] {
            match merge(base, &bytes, &bytes) {
                MergeOutcome::Merged {
                    bytes: out,
                    disputes,
                } => {
                    assert_eq!(disputes, 0, "{}", path.display());
                    assert!(out == bytes, "{} changed", path.display());
                }
                other => panic!("{}: {other:?}", path.display()),
            }
        }
        seen += 1;
    }
    assert!(seen >= 5, "{seen} examples");
}
