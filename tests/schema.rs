//! Profile schema 2 (issue 11): the migration of version-1 files on the
//! examples and on the files today's release writes, a newer version read
//! only, ids that never collide, the trash copy kept once before the first
//! save, and drafts kept per assessment.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value;

use citydx::core::advice::advise;
use citydx::core::examples::EXAMPLES;
use citydx::core::framework;
use citydx::core::lang::Lang;
use citydx::core::maturity::assessment_status;
use citydx::core::migrate::{read, schema_version_of};
use citydx::core::ops::Op;
use citydx::core::profile::{OrganisationType, Profile, Respondent, SCHEMA_VERSION};
use citydx::core::uid::{is_uid, new_uid};
use citydx::store::{DraftKey, LockOutcome, Store};

fn golden_profiles() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/profiles");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(p).unwrap())
        })
        .collect()
}

/// Every key path of a JSON value with its leaf value, e.g.
/// `assessments[0].answers.economy.s1.x.note`.
fn leaves(value: &Value, at: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                leaves(v, format!("{at}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{at}[{i}]"), out);
            }
        }
        leaf => out.push((at, leaf.clone())),
    }
}

/// Checks that `after` holds every leaf of `before` with the same value,
/// but for the version, and returns the leaves it added.
fn nothing_lost(before: &str, after: &str) -> Vec<String> {
    let before: Value = serde_json::from_str(before).unwrap();
    let after: Value = serde_json::from_str(after).unwrap();
    let mut old = vec![];
    leaves(&before, String::new(), &mut old);
    let mut new = vec![];
    leaves(&after, String::new(), &mut new);
    let new_map: std::collections::BTreeMap<_, _> = new.iter().cloned().collect();
    for (path, value) in &old {
        // the written form leaves out a default (`"carried_over": false`)
        let default = matches!(value, Value::Bool(false) | Value::Null);
        if path == ".schema_version" || (default && !new_map.contains_key(path)) {
            continue;
        }
        assert_eq!(new_map.get(path), Some(value), "{path} changed or lost");
    }
    let old_paths: BTreeSet<_> = old.iter().map(|(p, _)| p.clone()).collect();
    new.into_iter()
        .map(|(p, _)| p)
        .filter(|p| !old_paths.contains(p))
        .collect()
}

#[test]
fn every_release_file_migrates_with_nothing_lost_and_the_same_levels_and_advice() {
    let files = golden_profiles();
    assert!(files.len() >= 10);
    for (name, text) in files {
        assert_eq!(schema_version_of(text.as_bytes()), Some(1), "{name}");
        let (p, note) = read(text.as_bytes()).unwrap();
        assert_eq!(note.migrated_from, Some(1), "{name}");
        assert_eq!(p.schema_version, SCHEMA_VERSION);
        assert!(p.problems().is_empty(), "{name}: {:?}", p.problems());
        let written = p.to_json();
        let added = nothing_lost(&text, &written);
        for path in &added {
            assert!(
                path.ends_with("].id"),
                "{name}: the migration added {path}, not an id"
            );
        }
        assert!(!added.is_empty());
        // ids: lowercase UUIDs, distinct
        let ids: BTreeSet<&str> = p.assessments.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), p.assessments.len());
        assert!(ids.iter().all(|id| is_uid(id)));
        // levels and advice as the release gave them
        let old: Profile = serde_json::from_str(&text).unwrap();
        for (a, b) in old.assessments.iter().zip(&p.assessments) {
            assert_eq!(
                format!("{:?}", assessment_status(framework(), a)),
                format!("{:?}", assessment_status(framework(), b)),
                "{name}: levels moved"
            );
            assert_eq!(
                serde_json::to_value(advise(framework(), &old.city, a)).unwrap(),
                serde_json::to_value(advise(framework(), &p.city, b)).unwrap(),
                "{name}: advice moved"
            );
        }
        // the migrated text reads back as itself, not migrated again
        let (again, note) = read(written.as_bytes()).unwrap();
        assert_eq!(note.migrated_from, None);
        assert_eq!(again, p, "{name}");
    }
}

#[test]
fn every_example_round_trips_with_both_languages_kept() {
    for (id, text) in EXAMPLES {
        let p = Profile::from_json(text).unwrap();
        let written = p.to_json();
        nothing_lost(text, &written);
        let again = Profile::from_json(&written).unwrap();
        assert_eq!(again, p, "{id}");
        for a in &p.assessments {
            for (indicator, answer) in &a.answers {
                if let Some(t) = &answer.note_text {
                    assert!(
                        !t.en.trim().is_empty() && !t.zh.trim().is_empty(),
                        "{id} {indicator}: a language is missing"
                    );
                    assert_eq!(answer.note_in(Lang::En), Some(t.en.as_str()));
                    assert_eq!(answer.note_in(Lang::Zh), Some(t.zh.as_str()));
                }
            }
        }
    }
}

/// ASCII punctuation in Chinese text to full width (a comma or colon between
/// two digits stays).
fn full_width(zh: &str) -> String {
    let chars: Vec<char> = zh.chars().collect();
    let digit = |i: Option<&char>| i.is_some_and(|c| c.is_ascii_digit());
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_digits = i > 0 && digit(chars.get(i - 1)) && digit(chars.get(i + 1));
            match c {
                ',' if !between_digits => '，',
                ':' if !between_digits => '：',
                ';' => '；',
                '(' => '（',
                ')' => '）',
                '!' => '！',
                '?' => '？',
                c => c,
            }
        })
        .collect()
}

#[test]
fn the_packed_notes_of_the_release_examples_split_into_what_the_examples_hold() {
    let examples: std::collections::BTreeMap<&str, Profile> = EXAMPLES
        .iter()
        .map(|(id, text)| (*id, Profile::from_json(text).unwrap()))
        .collect();
    let mut compared = 0;
    for (name, text) in golden_profiles() {
        let old = Profile::from_json(&text).unwrap();
        for (a, assessment) in old.assessments.iter().enumerate() {
            for (indicator, answer) in &assessment.answers {
                let Some(note) = &answer.note else { continue };
                let (en, zh) = citydx::core::migrate::split_packed(note)
                    .unwrap_or_else(|| panic!("{name} {indicator}: not packed: {note}"));
                assert_eq!(format!("{en} / {zh}"), *note, "nothing lost");
                // the example shipped today holds the same two halves (where
                // its English is still the release's)
                let now = examples
                    .get(name.as_str())
                    .and_then(|p| p.assessments.get(a))
                    .and_then(|x| x.answers.get(indicator));
                if let Some(now) = now.filter(|n| n.note.as_deref() == Some(en.as_str())) {
                    let t = now.note_text.as_ref().expect("note_text");
                    // the examples' Chinese moved to full-width punctuation
                    // since the release (issue 13); the words are the same
                    assert_eq!(
                        (t.en.as_str(), t.zh.clone()),
                        (en.as_str(), full_width(&zh))
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 500, "only {compared} notes compared");
}

#[test]
fn a_newer_file_opens_read_only_with_the_reason_even_when_its_shape_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = &golden_profiles()[0];
    let newer = text
        .replacen("\"schema_version\": 1", "\"schema_version\": 3", 1)
        .replacen(
            "\"population\": ",
            "\"population\": {\"v3\": true}, \"old_population\": ",
            1,
        );
    let id = serde_json::from_str::<Value>(text).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = dir.path().join(format!("{id}.json"));
    fs::write(&path, &newer).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let loaded = store.load(&id).unwrap();
    let reason = loaded.read_only.expect("read-only").to_string();
    assert!(
        reason.contains("newer citydx") && reason.contains("schema version 3"),
        "{reason}"
    );
    // and it is never written
    let LockOutcome::Acquired { lock, .. } = store.lock(&id).unwrap() else {
        panic!("not locked");
    };
    let e = store.save(&loaded.profile, &lock).unwrap_err().to_string();
    assert!(e.contains("schema version 3"), "{e}");
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
    // listed, not skipped, and shown by the command line with the reason
    drop(lock);
    let list = json_of(&citydx(dir.path(), &["list", "--json"]));
    assert_eq!(list["skipped"].as_array().unwrap().len(), 0, "{list}");
    assert!(
        list["profiles"][0]["read_only"]
            .as_str()
            .unwrap()
            .contains("schema version 3"),
        "{list}"
    );
    let show = json_of(&citydx(dir.path(), &["show", &id, "--json"]));
    assert!(
        show["read_only"]
            .as_str()
            .unwrap()
            .contains("schema version 3")
    );
    let mut p = loaded.profile.clone();
    let a = p
        .assessments
        .first()
        .map(|a| a.id.clone())
        .unwrap_or_default();
    let refused = p.apply(&Op::ClearOverride {
        assessment: a,
        domain: citydx::core::DomainId::Services,
    });
    assert!(refused.is_err());
}

#[test]
fn the_first_save_keeps_the_version_1_file_in_the_trash_once() {
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = golden_profiles()
        .into_iter()
        .find(|(n, _)| n == "pinghu")
        .unwrap();
    let path = dir.path().join("pinghu.json");
    fs::write(&path, &text).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let loaded = store.load("pinghu").unwrap();
    assert!(loaded.read_only.is_none());
    let LockOutcome::Acquired { lock, .. } = store.lock("pinghu").unwrap() else {
        panic!("not locked");
    };
    let mut p = loaded.profile;
    let a = p.assessments[0].id.clone();
    p.apply(&Op::SetImportance {
        assessment: a.clone(),
        domain: citydx::core::DomainId::Economy,
        importance: Some(2),
    })
    .unwrap();
    store.save(&p, &lock).unwrap();
    store.save(&p, &lock).unwrap();
    let on_disk = fs::read_to_string(&path).unwrap();
    assert_eq!(schema_version_of(on_disk.as_bytes()), Some(2));
    assert!(on_disk.contains(&a), "the ids are written");
    // (the trash's own .gitignore aside)
    let trash: Vec<PathBuf> = fs::read_dir(dir.path().join("trash"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert_eq!(trash.len(), 1, "{trash:?}");
    let name = trash[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("pinghu.schema-v1."), "{name}");
    assert_eq!(
        fs::read_to_string(&trash[0]).unwrap(),
        text,
        "kept as it was"
    );
    // a version-2 file is not copied
    assert_eq!(store.keep_before_migration(&path).unwrap(), None);
}

#[test]
fn drafts_are_kept_per_assessment_and_voice() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (a, b, r) = (new_uid(), new_uid(), new_uid());
    let first = DraftKey::new("pinghu", &a, None);
    let second = DraftKey::new("pinghu", &b, None);
    let voice = DraftKey::new("pinghu", &a, Some(&r));
    store.save_draft(&first, "one").unwrap();
    store.save_draft(&second, "two").unwrap();
    store.save_draft(&voice, "three").unwrap();
    store
        .save_draft(&DraftKey::new("baoying", &a, None), "other")
        .unwrap();
    assert!(dir.path().join(format!(".drafts/pinghu.{a}.json")).exists());
    assert!(
        dir.path()
            .join(format!(".drafts/pinghu.{a}.{r}.json"))
            .exists()
    );
    assert_eq!(store.load_draft(&second).as_deref(), Some("two"));
    let all: BTreeSet<(DraftKey, String)> = store.drafts_of("pinghu").into_iter().collect();
    let want: BTreeSet<(DraftKey, String)> = [
        (first.clone(), "one".to_string()),
        (second.clone(), "two".to_string()),
        (voice.clone(), "three".to_string()),
    ]
    .into_iter()
    .collect();
    assert_eq!(all, want);
    store.clear_draft(&first).unwrap();
    assert!(store.load_draft(&first).is_none());
    assert_eq!(store.load_draft(&voice).as_deref(), Some("three"));
    // an id that could leave the folder is refused
    assert!(
        store
            .save_draft(&DraftKey::new("pinghu", "../x", None), "x")
            .is_err()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Many assessments and respondents created apart (each on its own
    /// copy, as two consultants would) never share an id, and merging them
    /// into one profile is accepted by the checks.
    #[test]
    fn ids_created_apart_never_collide(copies in 2usize..6, each in 1usize..40) {
        let base = Profile::from_json(EXAMPLES[0].1).unwrap();
        let mut seen = BTreeSet::new();
        for a in &base.assessments {
            seen.insert(a.id.clone());
        }
        let mut merged = base.clone();
        for _ in 0..copies {
            let mut copy = base.clone();
            for n in 0..each {
                let id = new_uid();
                copy.apply(&Op::NewAssessment {
                    id: id.clone(),
                    date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                    interviewer: format!("consultant {n}"),
                    carry_from: None,
                })
                .unwrap();
                let r = Respondent::new(new_uid(), "R", "", OrganisationType::Citizen);
                prop_assert!(seen.insert(r.id.clone()));
                copy.apply(&Op::AddRespondent { assessment: id.clone(), respondent: r }).unwrap();
                prop_assert!(seen.insert(id));
            }
            merged.assessments.extend(copy.assessments.into_iter().skip(base.assessments.len()));
        }
        prop_assert!(merged.problems().is_empty(), "{:?}", merged.problems());
    }
}

fn citydx(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_citydx"))
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap()
}

fn json_of(out: &std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_command_line_names_an_assessment_by_number_id_or_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = golden_profiles()
        .into_iter()
        .find(|(n, _)| n == "pinghu-timeline")
        .unwrap();
    let id = serde_json::from_str::<Value>(&text).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    fs::write(dir.path().join(format!("{id}.json")), &text).unwrap();
    let before = fs::read_to_string(dir.path().join(format!("{id}.json"))).unwrap();
    let first = json_of(&citydx(
        dir.path(),
        &["show", &id, "--assessment", "1", "--json"],
    ));
    let first_id = first["assessment"]["assessment_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(is_uid(&first_id));
    // the id of a version-1 file is the same from one run to the next, and
    // the listing (read from an outline of the file) gives the latest's
    let latest = json_of(&citydx(dir.path(), &["show", &id, "--json"]));
    let latest_id = latest["assessment"]["assessment_id"].as_str().unwrap();
    assert_ne!(latest_id, first_id);
    let list = json_of(&citydx(dir.path(), &["list", "--json"]));
    assert_eq!(list["profiles"][0]["latest_assessment_id"], latest_id);
    for which in [
        first_id.as_str(),
        &first_id[..8],
        &first_id[..13].to_uppercase(),
    ] {
        let by_id = json_of(&citydx(
            dir.path(),
            &["show", &id, "--assessment", which, "--json"],
        ));
        assert_eq!(by_id, first, "{which}");
        let report = json_of(&citydx(
            dir.path(),
            &["report", &id, "--format", "json", "--assessment", which],
        ));
        assert_eq!(report["assessment"]["number"], 1);
        assert_eq!(report["assessment"]["assessment_id"], first_id.as_str());
    }
    for (which, says) in [
        ("0", "counts from 1"),
        ("9", "there is no assessment 9"),
        ("ffffffff", "no assessment whose id starts with"),
    ] {
        let out = citydx(dir.path(), &["show", &id, "--assessment", which]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{which}: {err}");
        assert!(err.contains(says), "{which}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // not a number nor an id: a usage error
    let out = citydx(dir.path(), &["show", &id, "--assessment", "abc"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 8 characters"));
    // reading never writes: the file is still version 1
    assert_eq!(
        fs::read_to_string(dir.path().join(format!("{id}.json"))).unwrap(),
        before
    );
}

#[test]
fn the_store_applies_operations_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = golden_profiles()
        .into_iter()
        .find(|(n, _)| n == "baoying")
        .unwrap();
    let path = dir.path().join("baoying.json");
    fs::write(&path, &text).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let LockOutcome::Acquired { lock, .. } = store.lock("baoying").unwrap() else {
        panic!("not locked");
    };
    let a = store.load("baoying").unwrap().profile.assessments[0]
        .id
        .clone();
    let now = chrono::Utc::now();
    let bad = store.apply(
        "baoying",
        &[
            Op::SetImportance {
                assessment: a.clone(),
                domain: citydx::core::DomainId::Economy,
                importance: Some(3),
            },
            Op::SetOverride {
                assessment: a.clone(),
                domain: citydx::core::DomainId::Economy,
                level: 2.0,
                reason: String::new(),
            },
        ],
        &lock,
        now,
    );
    let e = bad.unwrap_err().to_string();
    assert!(
        e.contains("baoying.json") && e.contains("needs a reason"),
        "{e}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "nothing written");
    let saved = store
        .apply(
            "baoying",
            &[Op::SetImportance {
                assessment: a.clone(),
                domain: citydx::core::DomainId::Economy,
                importance: Some(3),
            }],
            &lock,
            now,
        )
        .unwrap();
    let on_disk = store.load("baoying").unwrap().profile;
    assert_eq!(on_disk, saved);
    assert_eq!(
        on_disk.assessments[0].importance[&citydx::core::DomainId::Economy],
        3
    );
    assert_eq!(
        on_disk.assessments[0].id, a,
        "the migrated id is the one written"
    );
}

#[cfg(unix)]
#[test]
fn a_link_in_the_trash_is_never_read_when_the_version_1_file_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = golden_profiles()
        .into_iter()
        .find(|(n, _)| n == "kaifeng")
        .unwrap();
    let path = dir.path().join("kaifeng.json");
    fs::write(&path, &text).unwrap();
    fs::create_dir(dir.path().join("trash")).unwrap();
    // a link named like a kept copy, to a device that never ends
    std::os::unix::fs::symlink(
        "/dev/zero",
        dir.path().join("trash/kaifeng.schema-v1.x.json"),
    )
    .unwrap();
    let store = Store::open(dir.path()).unwrap();
    let kept = store.keep_before_migration(&path).unwrap().expect("a copy");
    assert_eq!(fs::read_to_string(kept).unwrap(), text);
}
