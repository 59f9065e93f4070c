//! The command line, run as a user runs it: the real binary, a temporary
//! profiles folder. Every bad input checks its one-line message, its exit
//! code, and that no file in the folder changed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use citydx::store::{LockOutcome, Store};

const SAMPLE: &str = r#"{
  "schema_version": 1,
  "id": "testville",
  "city": {
    "name": {"zh": "测试县", "en": "Testville"},
    "country": "CN",
    "region": "Nowhere",
    "population": 120000,
    "specialties": ["agriculture"],
    "constraints": {"funding": "low", "talent": "medium", "technology": "high"},
    "future_field": {"kept": true}
  },
  "assessments": [
    {
      "date": "2025-03-01",
      "interviewer": "Test",
      "respondents": [{"name": "Wang", "role": "Director", "organisation": "government"}],
      "answers": {},
      "targets": {"services": {"stage": 2, "horizon_years": 3}},
      "importance": {"services": 5},
      "overrides": {}
    }
  ],
  "created": "2025-03-01T00:00:00Z",
  "updated": "2025-03-01T00:00:00Z"
}
"#;

fn citydx(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citydx"))
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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir` with its bytes, citydx's own bookkeeping (lock
/// records, drafts, the summary cache) aside.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path
                .file_name()
                .is_some_and(|n| n == ".locks" || n == ".drafts" || n == ".cache")
            {
                continue;
            }
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else if meta.file_type().is_symlink() {
                files.insert(
                    path.clone(),
                    fs::read_link(&path)
                        .unwrap()
                        .into_os_string()
                        .into_encoded_bytes(),
                );
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn folder_with_sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("testville.json"), SAMPLE).unwrap();
    dir
}

/// Runs `args`, expects failure with `code` and a single stderr line holding
/// every one of `needles`, and checks that the folder did not change.
fn fails_cleanly(dir: &Path, args: &[&str], code: i32, needles: &[&str]) -> String {
    let before = snapshot(dir);
    let out = citydx(dir, args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: stderr {err}");
    for needle in needles {
        assert!(err.contains(needle), "{args:?}: {needle:?} not in {err:?}");
    }
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert_eq!(snapshot(dir), before, "{args:?} changed the folder");
    err
}

#[test]
fn list_shows_profiles_and_skips_bad_files_without_touching_them() {
    let dir = folder_with_sample();
    fs::write(
        dir.path().join("broken.json"),
        "{\n  \"schema_version\": 1,\n  oops\n}\n",
    )
    .unwrap();
    let before = snapshot(dir.path());
    let out = citydx(dir.path(), &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("testville") && text.contains("Testville"),
        "{text}"
    );
    assert!(text.contains("1 file(s) skipped"), "{text}");
    assert!(text.contains("broken.json: line 3, column 3"), "{text}");
    assert_eq!(snapshot(dir.path()), before);

    let out = citydx(dir.path(), &["list", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["profiles"][0]["id"], "testville");
    assert_eq!(json["profiles"][0]["name"]["zh"], "测试县");
    assert_eq!(json["profiles"][0]["assessments"], 1);
    assert_eq!(json["profiles"][0]["answered"], 0);
    assert!(json["profiles"][0]["levels"]["services"].is_null());
    assert_eq!(json["skipped"].as_array().unwrap().len(), 1);
}

#[test]
fn list_in_chinese_aligns_by_display_width() {
    let dir = folder_with_sample();
    let out = citydx(dir.path(), &["--lang", "zh", "list"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("编号"), "{text}");
    assert!(lines[1].contains("测试县"), "{text}");
    // the country column starts at the same display column on both lines
    let col = |line: &str, needle: &str| {
        let at = line.find(needle).unwrap();
        unicode_width::UnicodeWidthStr::width(&line[..at])
    };
    assert_eq!(col(lines[0], "国家"), col(lines[1], "CN"), "{text}");
}

#[test]
fn show_gives_level_target_and_gap_per_domain() {
    let dir = folder_with_sample();
    let out = citydx(dir.path(), &["show", "testville", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let domains = json["domains"].as_array().unwrap();
    assert_eq!(domains.len(), 7);
    assert_eq!(domains[0]["id"], "services");
    assert_eq!(domains[0]["target"], 2);
    assert!(domains[0]["level"].is_null(), "no answers: not assessed");
    assert!(domains[0]["gap"].is_null());
    let text = stdout(&citydx(dir.path(), &["show", "testville"]));
    assert!(
        text.contains("Livelihood & Services") && text.contains("not assessed"),
        "{text}"
    );
    let zh = stdout(&citydx(dir.path(), &["--lang", "zh", "show", "testville"]));
    assert!(zh.contains("民生与服务") && zh.contains("未评估"), "{zh}");
}

#[test]
fn show_gives_each_domains_evidence_by_stage_beside_its_level() {
    // issue 14, point 2: scored answers over applicable indicators, per
    // stage, in the text as in `show --json`'s `evidence`
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/shen-county.json");
    fs::copy(&src, dir.path().join("shen-county.json")).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&citydx(dir.path(), &["show", "shen-county", "--json"]).stdout)
            .unwrap();
    let text = stdout(&citydx(dir.path(), &["show", "shen-county"]));
    assert!(text.contains("Evidence by stage"), "{text}");
    for (d, def) in json["domains"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&citydx::core::framework().domains)
    {
        let cells: Vec<String> = d["evidence"]["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| format!("{}/{}", e["scored"], e["total"]))
            .collect();
        let name = def.name.get(citydx::core::Lang::En);
        let row = text.lines().find(|l| l.starts_with(name)).unwrap();
        assert!(row.trim_end().ends_with(&cells.join(" ")), "{row}");
    }
    assert!(
        text.contains("3/5 6/6 0/5"),
        "the economy's evidence: {text}"
    );
    let zh = stdout(&citydx(
        dir.path(),
        &["--lang", "zh", "show", "shen-county"],
    ));
    assert!(
        zh.contains("各阶段证据") && zh.contains("3/5 6/6 0/5"),
        "{zh}"
    );
}

#[test]
fn show_refuses_ids_that_could_leave_the_folder() {
    let dir = folder_with_sample();
    let long = "a".repeat(1000);
    for id in [
        "../testville",
        "/etc/passwd",
        "a/b",
        "..",
        "Testville",
        long.as_str(),
    ] {
        fails_cleanly(dir.path(), &["show", id], 1, &["invalid profile id"]);
    }
    fails_cleanly(
        dir.path(),
        &["show", "nobody"],
        1,
        &["no profile \"nobody\""],
    );
    fails_cleanly(
        dir.path(),
        &["show", "testville", "--assessment", "3"],
        1,
        &["has 1 assessment(s); there is no assessment 3"],
    );
}

#[test]
fn usage_errors_exit_2_and_a_missing_folder_is_named() {
    let dir = folder_with_sample();
    fails_cleanly(dir.path(), &["frobnicate"], 2, &["unrecognized subcommand"]);
    fails_cleanly(
        dir.path(),
        &["--lang", "fr", "list"],
        2,
        &["invalid value 'fr'"],
    );
    let missing = dir.path().join("nope");
    let out = citydx(&missing, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nope") && stderr(&out).contains("does not exist"),
        "{}",
        stderr(&out)
    );
    assert!(!missing.exists());
}

#[test]
fn framework_is_complete_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, name) in [("en", "Livelihood & Services"), ("zh", "民生与服务")] {
        let out = citydx(dir.path(), &["--lang", lang, "framework", "--json"]);
        assert!(out.status.success());
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["domains"].as_array().unwrap().len(), 7);
        assert_eq!(json["domains"][0]["name"], name);
        assert_eq!(json["domains"][6]["stages"].as_array().unwrap().len(), 3);
        let text = stdout(&citydx(dir.path(), &["--lang", lang, "framework"]));
        assert!(text.contains(name));
    }
}

#[test]
fn validate_names_every_bad_file_and_exits_1() {
    let dir = folder_with_sample();
    fs::write(dir.path().join("empty.json"), "").unwrap();
    fs::write(
        dir.path().join("range.json"),
        SAMPLE
            .replace("\"stage\": 2", "\"stage\": 7")
            .replace("testville", "range"),
    )
    .unwrap();
    let before = snapshot(dir.path());
    let out = citydx(dir.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("empty.json: the file is empty"), "{err}");
    assert!(
        err.contains("range.json: targets")
            || err.contains("range.json: assessments[1].targets.services.stage is 7"),
        "{err}"
    );
    assert!(
        stdout(&out).contains("3 file(s) checked, 2 bad."),
        "{}",
        stdout(&out)
    );
    assert_eq!(snapshot(dir.path()), before);

    let good = folder_with_sample();
    let out = citydx(good.path(), &["validate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = citydx(
        good.path(),
        &[
            "validate",
            good.path().join("testville.json").to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
}

#[test]
fn import_adds_a_profile_and_keeps_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("in.json");
    fs::write(&file, SAMPLE).unwrap();
    let out = citydx(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let saved = fs::read_to_string(dir.path().join("testville.json")).unwrap();
    assert!(
        saved.contains("\"future_field\"") && saved.ends_with("}\n"),
        "{saved}"
    );
    // the saved file is canonical: importing it again is a no-op in content
    let again = tempfile::tempdir().unwrap();
    fs::write(src.path().join("saved.json"), &saved).unwrap();
    citydx(
        again.path(),
        &["import", src.path().join("saved.json").to_str().unwrap()],
    );
    assert_eq!(
        fs::read_to_string(again.path().join("testville.json")).unwrap(),
        saved
    );
}

#[test]
fn import_refuses_to_overwrite_unless_forced() {
    let dir = folder_with_sample();
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("in.json");
    fs::write(&file, SAMPLE.replace("\"Test\"", "\"Someone else\"")).unwrap();
    fails_cleanly(
        dir.path(),
        &["import", file.to_str().unwrap()],
        1,
        &["profile \"testville\" already exists", "--force"],
    );
    let out = citydx(dir.path(), &["import", "--force", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        fs::read_to_string(dir.path().join("testville.json"))
            .unwrap()
            .contains("Someone else")
    );
}

#[test]
fn import_never_overwrites_a_file_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("testville.json"), "{ not json").unwrap();
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("in.json");
    fs::write(&file, SAMPLE).unwrap();
    fails_cleanly(
        dir.path(),
        &["import", "--force", file.to_str().unwrap()],
        1,
        &["testville.json: line 1, column 3"],
    );
}

#[test]
fn import_reports_bad_input_with_file_line_and_column() {
    let dir = folder_with_sample();
    let src = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "syntax.json",
            b"{\n  \"schema_version\": 1,\n  \"id\": \"x\"\n  \"city\": {}\n}".to_vec(),
            vec!["syntax.json: line 4, column 3", "expected"],
        ),
        (
            "types.json",
            SAMPLE.replace("120000", "\"many\"").into_bytes(),
            vec!["types.json: line 8", "invalid type"],
        ),
        (
            "value.json",
            SAMPLE.replace("\"low\"", "\"tiny\"").into_bytes(),
            vec!["value.json: line", "unknown variant `tiny`"],
        ),
        (
            "dup.json",
            SAMPLE
                .replace(
                    "\"id\": \"testville\",",
                    "\"id\": \"testville\", \"id\": \"other\",",
                )
                .into_bytes(),
            vec!["dup.json: line", "duplicate field `id`"],
        ),
        (
            "utf8.json",
            [b"{\"a\": \"".as_slice(), &[0xff, 0xfe], b"\"}"].concat(),
            vec!["utf8.json: not valid UTF-8", "offset 7"],
        ),
        (
            "empty.json",
            Vec::new(),
            vec!["empty.json: the file is empty"],
        ),
        (
            "deep.json",
            SAMPLE
                .replacen(
                    "{",
                    &format!(
                        "{{\"nested\": {}{},",
                        "[".repeat(100_000),
                        "]".repeat(100_000)
                    ),
                    1,
                )
                .into_bytes(),
            vec!["deep.json: line 1", "recursion limit"],
        ),
        (
            "range.json",
            SAMPLE
                .replace("\"horizon_years\": 3", "\"horizon_years\": 0")
                .replace("testville", "range")
                .into_bytes(),
            vec!["range.json: assessments[1].targets.services.horizon_years is 0"],
        ),
        (
            "badid.json",
            SAMPLE
                .replace("\"id\": \"testville\"", "\"id\": \"../evil\"")
                .into_bytes(),
            vec!["invalid profile id \"../evil\""],
        ),
        (
            "newer.json",
            SAMPLE
                .replace("\"schema_version\": 1", "\"schema_version\": 99")
                .replace("testville", "newer")
                .into_bytes(),
            vec!["written by a newer citydx (schema version 99"],
        ),
    ];
    for (name, bytes, needles) in cases {
        let file = src.path().join(name);
        fs::write(&file, bytes).unwrap();
        let err = fails_cleanly(dir.path(), &["import", file.to_str().unwrap()], 1, &needles);
        assert_eq!(err.lines().count(), 1, "{name}: not one line: {err}");
    }
    let folder = src.path().join("folder.json");
    fs::create_dir(&folder).unwrap();
    fails_cleanly(
        dir.path(),
        &["import", folder.to_str().unwrap()],
        1,
        &["folder.json: is a folder"],
    );
    fails_cleanly(
        dir.path(),
        &["import", "/no/such/file.json"],
        1,
        &["/no/such/file.json: No such file"],
    );
}

#[test]
fn a_huge_file_is_refused_by_its_size_without_being_read() {
    let dir = folder_with_sample();
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("huge.json");
    let f = fs::File::create(&file).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap(); // sparse: 100 MB
    fails_cleanly(
        dir.path(),
        &["import", file.to_str().unwrap()],
        1,
        &["huge.json: file is 104857600 bytes, more than the 8388608 bytes"],
    );
    fs::rename(&file, dir.path().join("huge.json")).unwrap();
    let before = snapshot(dir.path());
    let out = citydx(dir.path(), &["list"]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("huge.json: file is 104857600 bytes"),
        "{}",
        stdout(&out)
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[cfg(unix)]
#[test]
fn a_symlink_is_read_only_and_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("elsewhere.json");
    fs::write(&target, SAMPLE).unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("testville.json")).unwrap();
    let out = citydx(dir.path(), &["show", "testville"]);
    assert!(
        stdout(&out).contains("read-only: a symbolic link"),
        "{}",
        stdout(&out)
    );
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("in.json");
    fs::write(&file, SAMPLE.replace("\"Test\"", "\"Changed\"")).unwrap();
    fails_cleanly(
        dir.path(),
        &["import", "--force", file.to_str().unwrap()],
        1,
        &["a symbolic link, which citydx never writes through"],
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), SAMPLE);
}

#[test]
fn a_newer_schema_lists_as_read_only() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("testville.json"),
        SAMPLE.replace("\"schema_version\": 1", "\"schema_version\": 3"),
    )
    .unwrap();
    let out = citydx(dir.path(), &["list"]);
    assert!(
        stdout(&out).contains("Testville (read-only)"),
        "{}",
        stdout(&out)
    );
    let out = citydx(dir.path(), &["show", "testville", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["read_only"]
            .as_str()
            .unwrap()
            .contains("schema version 3")
    );
}

#[test]
fn a_held_profile_names_its_holder_and_is_not_written() {
    let dir = folder_with_sample();
    let store = Store::open(dir.path()).unwrap();
    let LockOutcome::Acquired { lock, .. } = store.lock("testville").unwrap() else {
        panic!("could not lock");
    };
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("in.json");
    fs::write(&file, SAMPLE).unwrap();
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let pid = std::process::id().to_string();
    fails_cleanly(
        dir.path(),
        &["import", "--force", file.to_str().unwrap()],
        1,
        &["held by process", &pid, &host],
    );
    drop(lock);
    let out = citydx(dir.path(), &["import", "--force", file.to_str().unwrap()]);
    assert!(out.status.success(), "after release: {}", stderr(&out));
}

#[test]
fn a_lock_left_by_a_dead_process_is_taken_over() {
    let dir = folder_with_sample();
    let locks = dir.path().join(".locks");
    fs::create_dir(&locks).unwrap();
    // A record without a live lock: what a process killed with -9 leaves.
    fs::write(
        locks.join("testville.lock"),
        r#"{"pid":999999,"host":"gone","since":"2025-01-01T00:00:00Z"}"#,
    )
    .unwrap();
    let store = Store::open(dir.path()).unwrap();
    match store.lock("testville").unwrap() {
        LockOutcome::Acquired { took_over, .. } => {
            assert_eq!(took_over.unwrap().host, "gone");
        }
        LockOutcome::Held(h) => panic!("stale lock not taken over: {h:?}"),
    }
}

#[test]
fn import_reads_a_profile_from_standard_input() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_citydx"))
        .arg("--dir")
        .arg(dir.path())
        .args(["import", "/dev/stdin"])
        .env_remove("CITYDX_PROFILES")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(SAMPLE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("testville.json").exists());
}

#[test]
fn show_names_the_country_and_the_size_class_in_the_chosen_language() {
    let dir = folder_with_sample();
    let out = citydx(dir.path(), &["show", "testville", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let size = &json["size_class"];
    assert_eq!(size["scheme"], "cn_2014", "{size}");
    assert_eq!(size["class"], "small_2", "{size}");
    assert_eq!(size["name"]["zh"], "Ⅱ型小城市");
    assert_eq!(size["population_kind"], "urban_resident");
    assert!(size["reason"].is_null());
    let en = stdout(&citydx(dir.path(), &["show", "testville"]));
    assert!(
        en.contains("China") && en.contains("Small city, type II"),
        "{en}"
    );
    let zh = stdout(&citydx(dir.path(), &["--lang", "zh", "show", "testville"]));
    assert!(
        zh.contains("中国") && zh.contains("规模：Ⅱ型小城市"),
        "{zh}"
    );
    // Outside the classes: a class of none, with the reason.
    fs::write(
        dir.path().join("big.json"),
        SAMPLE
            .replace("\"population\": 120000", "\"population\": 2000000")
            .replace("testville", "big"),
    )
    .unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&citydx(dir.path(), &["show", "big", "--json"]).stdout).unwrap();
    assert!(json["size_class"]["class"].is_null());
    assert_eq!(json["size_class"]["reason"], "above_classes");
}

#[test]
fn framework_text_holds_specialties_operating_models_and_the_other_sources() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, needles) in [
        (
            "en",
            [
                "Paths by industry specialty",
                "Operating models",
                "Shaping the Future of Small and Medium-sized Cities: A Framework for Digital Transformation",
                "Unit digitisation",
                "Not ranked by the survey",
                "3. Smart manufacturing (tied)",
            ],
        ),
        (
            "zh",
            [
                "按特色产业的转型路径",
                "运营模式",
                "重塑中小城市的未来：数字化转型的框架与路径",
                "单元数字化",
                "调研未排名的挑战",
                "3. 智能制造（并列）",
            ],
        ),
    ] {
        let text = stdout(&citydx(dir.path(), &["--lang", lang, "framework"]));
        for needle in needles {
            assert!(text.contains(needle), "{lang}: no {needle}");
        }
        for s in [
            "agriculture",
            "government_led",
            "market_led",
            "local_operating_company",
        ] {
            assert!(text.contains(s), "{lang}: no {s}");
        }
        let json: serde_json::Value = serde_json::from_slice(
            &citydx(dir.path(), &["--lang", lang, "framework", "--json"]).stdout,
        )
        .unwrap();
        let unranked = json["challenges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["rank"].is_null())
            .count();
        assert!(unranked >= 5, "{lang}: {unranked} unranked");
        assert_eq!(json["ccid_scale"]["levels"].as_array().unwrap().len(), 3);
        assert_eq!(json["sources"].as_array().unwrap().len(), 4);
    }
}

#[test]
fn the_chinese_framework_text_holds_no_english_but_ids_and_abbreviations() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(&citydx(dir.path(), &["--lang", "zh", "framework"]));
    // Ids are printed in [..] or （..）: those brackets are left out, then
    // every Latin word left must be one of the report's own abbreviations.
    const ALLOWED: [&str; 9] = [
        "APP", "KPI", "ICT", "OECD", "IOC", "ERP", "AR", "AEMS", "OPTIN",
    ];
    let is_id = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
    };
    let mut kept = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(['[', '（']) {
        let open = rest[at..].chars().next().unwrap();
        let close = if open == '[' { ']' } else { '）' };
        let inner_start = at + open.len_utf8();
        match rest[inner_start..].find(close) {
            Some(end) if is_id(&rest[inner_start..inner_start + end]) => {
                kept.push_str(&rest[..at]);
                rest = &rest[inner_start + end + close.len_utf8()..];
            }
            _ => {
                kept.push_str(&rest[..inner_start]);
                rest = &rest[inner_start..];
            }
        }
    }
    kept.push_str(rest);
    let words: Vec<&str> = kept
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1)
        .collect();
    assert!(!words.is_empty(), "the abbreviations are there");
    for w in words {
        assert!(ALLOWED.contains(&w), "English in Chinese: {w}");
    }
}

#[test]
fn validate_warns_about_a_free_text_country_and_plan_dates_but_passes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = SAMPLE
        .replace("\"country\": \"CN\"", "\"country\": \"China\"")
        .replace(
            "\"overrides\": {}",
            "\"overrides\": {},\n      \"plan_moves\": {\"services:1-2\": {\"start\": \"2031-01-01\"}}",
        );
    assert!(text.contains("\"China\"") && text.contains("plan_moves"));
    fs::write(dir.path().join("testville.json"), text).unwrap();
    let out = citydx(dir.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("city.country: \"China\" is not an ISO 3166-1 code"),
        "{err}"
    );
    assert!(
        err.contains("beyond the target's horizon (the end of 2028)"),
        "{err}"
    );
}
