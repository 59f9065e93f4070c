//! Golden files of the documented JSON outputs: `list --json`,
//! `show --json`, `report --format json` and `compare --format json`, for
//! the report's nine case cities (frozen in `tests/golden/profiles/`, so
//! that a change to the live examples in `profiles/` does not move them)
//! and one city assessed twice, in both languages.
//!
//! The README declares these shapes stable: every key a golden file holds
//! must still be there with the same value. A key may be added only when it
//! is listed in [`ADDED_KEYS`] (and documented in the README). A golden
//! file is rewritten only on purpose: `CITYDX_BLESS=1 cargo test --test
//! golden`, and the note of the change says why each value moved.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Keys added to the outputs since the golden files were taken, each
/// documented in the README's JSON sections. Nothing else may appear.
const ADDED_KEYS: &[&str] = &[
    // the plan's checks of a display-type capability already built (its use
    // and operation) and the showcase warning's pointer to its phase
    "checks",
    "check_phase",
    // profile schema 2 (issue 11): stable ids beside the positions
    "assessment_id",
    "latest_assessment_id",
    "respondent_id",
    // the city's size class (issue 13): an object in show, its one-line
    // reading in the report; the facts that are the example's assumption
    "size_class",
    "size_class_text",
    "assumed",
    // show --json and the report's domains[]: evidence per stage (issue 14)
    "evidence",
    // the report: each reason with its rule and source; each warning's
    // source, thin stages and what a jump lacks; the supporting track; the
    // operating model's source, kind of project, financing and caution, per
    // entry point and per plan move (issue 14)
    "reasons_detail",
    "source",
    "stages",
    "missing",
    "supports",
    "kind",
    "financing",
    "caution",
    "operating_model",
    // a target the engine suggests for a domain without the city's own, and
    // whether an entry point rests on one (issue 14, point 8)
    "suggested_target",
    "suggested",
    // the report: the entry-point score's weights are the tool's own
    // convention, with why (issue 14, point 1)
    "score_convention",
    // an operating model's mix of work by model when its items disagree
    // (issue 14, point 6)
    "mix",
    "items",
    // the plan's moves: the work (indicators not met, with outcomes), the
    // owners suggested by operating model and the consultant's edit of the
    // move (issue 14, point 9)
    "work",
    "owners",
    "edit",
    // showcase_risk's patterns and indicators (issue 14, point 7)
    "showcase",
    "display",
    "unoperated",
    // the enablers package: each aspect from its own answers, whether that
    // rests on answers, and whether it is already in place (issue 15)
    "assessed",
    "in_place",
    // stage_skipping: the supports it lacks that are not assessed yet (the
    // review of the example cities)
    "unassessed",
    // a piece of a move's work with no answer yet: to confirm first
    "confirm",
    // the consultant's plan notes whose move or phase is no longer in the
    // plan, kept and shown (issue 14, fault 7)
    "plan_orphans",
    // compare and timeline: each column's entry points that rest on a
    // suggested target (issue 14, fault 3)
    "suggested_entry_points",
    // the plan's phasing and supports (review 4): a supporting move that is
    // all to confirm (a short first step), a piece of work or an enablers
    // aspect answered partly, the domains with a horizon over ten years, and
    // the resources the profile does not give
    "assess_first",
    "partly",
    "long_horizon",
    "not_given",
    // each plan move's own span, computed from the targets' horizons
    "planned_start",
    "planned_end",
    // whether a piece of work's first outcome is the city's own figure (a
    // baseline, not a benchmark); each outcome's `source` (issue 14, review 4)
    "own_figure",
    // several voices (issue 16): the report's respondents and how many
    // answers each gave; per domain, the voices' counts and the indicators
    // whose voices differed
    "respondents",
    "voices",
    "disputed",
    // answers "unknown" counted on their own, beside `answered` (issue 15,
    // long evidence): list --json per profile, show --json and the
    // report's domains[]
    "unknown",
    // a case the report gives no stage in its domain: its `from` and `to`
    // are citydx's reading (review 5)
    "no_stage",
];

const CITIES: [&str; 9] = [
    "aizuwakamatsu",
    "baoying",
    "fukuoka",
    "kaifeng",
    "kashiwa-no-ha",
    "pengshui",
    "pinghu",
    "shen-county",
    "suzhou",
];

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Every command whose output is held, with the golden file's name.
fn cases() -> Vec<(String, Vec<String>)> {
    let mut cases = vec![];
    for lang in ["en", "zh"] {
        let with = |name: String, args: &[&str]| {
            let mut all = vec!["--lang".to_string(), lang.to_string()];
            all.extend(args.iter().map(|a| a.to_string()));
            (format!("{lang}/{name}.json"), all)
        };
        cases.push(with("list".into(), &["list", "--json"]));
        for city in CITIES.iter().chain(["pinghu-timeline"].iter()) {
            cases.push(with(format!("show-{city}"), &["show", city, "--json"]));
            cases.push(with(
                format!("report-{city}"),
                &["report", city, "--format", "json"],
            ));
        }
        cases.push(with(
            "show-pinghu-timeline-1".into(),
            &["show", "pinghu-timeline", "--assessment", "1", "--json"],
        ));
        cases.push(with(
            "compare-two".into(),
            &["compare", "pinghu", "shen-county", "--format", "json"],
        ));
        cases.push(with(
            "compare-six".into(),
            &[
                "compare",
                "suzhou",
                "fukuoka",
                "pengshui",
                "shen-county",
                "baoying",
                "kaifeng",
                "--sort",
                "difference",
                "--format",
                "json",
            ],
        ));
        cases.push(with(
            "compare-timeline".into(),
            &[
                "compare",
                "pinghu-timeline",
                "--assessments",
                "--format",
                "json",
            ],
        ));
    }
    cases
}

fn run(args: &[String]) -> String {
    // a copy of the frozen profiles, so a run that migrates or writes
    // anything never touches the golden folder itself
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(golden_dir().join("profiles")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_citydx"))
        .arg("--dir")
        .arg(dir.path())
        .args(args)
        .env_remove("CITYDX_PROFILES")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run citydx");
    assert!(
        out.status.success(),
        "citydx {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Where `new` departs from `old`: a key of `old` missing or changed, or a
/// key of `new` that is neither in `old` nor allowed.
fn departures(old: &Value, new: &Value, at: &str, out: &mut Vec<String>) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            for (key, value) in o {
                match n.get(key) {
                    Some(v) => departures(value, v, &format!("{at}.{key}"), out),
                    None => out.push(format!("{at}.{key}: missing")),
                }
            }
            for key in n.keys() {
                if !o.contains_key(key) && !ADDED_KEYS.contains(&key.as_str()) {
                    out.push(format!("{at}.{key}: added, and not in ADDED_KEYS"));
                }
            }
        }
        (Value::Array(o), Value::Array(n)) => {
            if o.len() != n.len() {
                out.push(format!("{at}: {} items, was {}", n.len(), o.len()));
            }
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                departures(a, b, &format!("{at}[{i}]"), out);
            }
        }
        _ => {
            if old != new {
                out.push(format!("{at}: {new} (was {old})"));
            }
        }
    }
}

#[test]
fn documented_json_outputs_keep_every_key_and_value() {
    let bless = std::env::var_os("CITYDX_BLESS").is_some();
    let mut failures = vec![];
    for (name, args) in cases() {
        let text = run(&args);
        let path = golden_dir().join("out").join(&name);
        if bless {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &text).unwrap();
            continue;
        }
        let golden = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (CITYDX_BLESS=1 writes it)", path.display()));
        if ADDED_KEYS.is_empty() {
            if golden != text {
                failures.push(format!("{name}: not byte-identical"));
            }
            continue;
        }
        let old: Value = serde_json::from_str(&golden).unwrap();
        let new: Value = serde_json::from_str(&text).unwrap();
        let mut found = vec![];
        departures(&old, &new, "", &mut found);
        failures.extend(found.into_iter().take(5).map(|f| format!("{name}: {f}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_comparison_of_keys_finds_what_it_must() {
    let old: Value = serde_json::json!({"a": 1, "b": [1, {"c": 2}]});
    let mut found = vec![];
    departures(
        &old,
        &serde_json::json!({"a": 1, "b": [1, {"c": 3}]}),
        "",
        &mut found,
    );
    assert_eq!(found, vec![".b[1].c: 3 (was 2)"]);
    found.clear();
    departures(
        &old,
        &serde_json::json!({"b": [1, {"c": 2}], "d": 0}),
        "",
        &mut found,
    );
    assert_eq!(
        found,
        vec![".a: missing", ".d: added, and not in ADDED_KEYS"]
    );
}
