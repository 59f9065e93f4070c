//! `citydx report`, run as a user runs it: the real binary on copies of the
//! example profiles and on small hand-made ones, in a temporary folder. The
//! JSON is parsed and its documented fields checked, the Markdown's domain
//! table read row by row, the HTML checked for well-formedness with a small
//! tag-balance checker (in `common/`, shared with `tests/compare.rs`) and
//! for its SVG radar chart. Every bad input checks its one-line message, its
//! exit code, and that no file appeared.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use citydx::core::framework;
use common::*;
use serde_json::{Value, json};

fn report_json(dir: &Path, id: &str, lang: &str) -> Value {
    let text = ok(dir, &["--lang", lang, "report", id, "--format", "json"]);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{id} {lang}: {e}\n{text}"))
}

fn profile(id: &str, name: (&str, &str), city_extra: Value, assessments: Vec<Value>) -> String {
    let mut city = json!({
        "name": {"zh": name.0, "en": name.1},
        "country": "CN",
        "region": "Test Province",
        "population": 250000,
        "specialties": [],
        "constraints": {"funding": "medium", "talent": "medium", "technology": "medium"}
    });
    for (k, v) in city_extra.as_object().unwrap() {
        city[k] = v.clone();
    }
    let p = json!({
        "schema_version": 1,
        "id": id,
        "city": city,
        "assessments": assessments,
        "created": "2025-01-01T00:00:00Z",
        "updated": "2025-01-01T00:00:00Z"
    });
    serde_json::to_string_pretty(&p).unwrap() + "\n"
}

fn assessment(
    date: &str,
    answers: serde_json::Map<String, Value>,
    targets: Value,
    importance: Value,
) -> Value {
    json!({
        "date": date,
        "interviewer": "Li Ming",
        "respondents": [
            {"name": "Wang Fang", "role": "Director", "organisation": "government"},
            {"name": "Zhao Lei", "role": "CTO", "organisation": "enterprise"}
        ],
        "answers": answers,
        "targets": targets,
        "importance": importance,
        "overrides": {}
    })
}

/// A city with resources to spare, four domains below their targets,
/// infrastructure and enablers strong enough to carry them.
fn rich_city() -> String {
    let mut a = serde_json::Map::new();
    for st in 1..=2 {
        answer(&mut a, "infrastructure", st, "met");
        answer(&mut a, "enablers", st, "met");
    }
    answer(&mut a, "services", 1, "met");
    answer(&mut a, "economy", 1, "met");
    answer(&mut a, "governance", 1, "partly");
    answer(&mut a, "environment", 1, "met");
    answer(&mut a, "government", 1, "met");
    answer(&mut a, "government", 2, "met");
    profile(
        "richville",
        ("富市", "Richville"),
        json!({"specialties": ["manufacturing"], "constraints": {"funding": "high", "talent": "medium", "technology": "high"}}),
        vec![assessment(
            "2025-03-01",
            a,
            json!({
                "services": {"stage": 3, "horizon_years": 4},
                "economy": {"stage": 2, "horizon_years": 3},
                "governance": {"stage": 2, "horizon_years": 1},
                "environment": {"stage": 2, "horizon_years": 5}
            }),
            json!({"services": 5, "economy": 4, "governance": 3, "environment": 2}),
        )],
    )
}

/// A city with one assessment and not a single answer or target.
fn bare_city() -> String {
    profile(
        "bareville",
        ("空县", "Bareville"),
        json!({"population": null}),
        vec![assessment(
            "2025-03-01",
            serde_json::Map::new(),
            json!({}),
            json!({}),
        )],
    )
}

fn folder_with(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (id, text) in files {
        fs::write(dir.path().join(format!("{id}.json")), text).unwrap();
    }
    dir
}

/// Checks the whole documented shape of a report's JSON.
fn check_shape(j: &Value, at: &str) {
    has_keys(
        j,
        &[
            "profile",
            "assessment",
            "domains",
            "entry_points",
            "prerequisites",
            "warnings",
            "enablers",
            "plan",
        ],
        at,
    );
    has_keys(
        &j["profile"],
        &[
            "id",
            "name",
            "country",
            "region",
            "population",
            "specialties",
            "constraints",
        ],
        at,
    );
    has_keys(&j["profile"]["name"], &["zh", "en"], at);
    has_keys(
        &j["profile"]["constraints"],
        &["funding", "talent", "technology"],
        at,
    );
    has_keys(
        &j["assessment"],
        &["number", "date", "interviewer", "respondents"],
        at,
    );
    let domains = j["domains"].as_array().unwrap();
    assert_eq!(
        domains
            .iter()
            .map(|d| d["id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        DOMAINS,
        "{at}"
    );
    for d in domains {
        has_keys(
            d,
            &[
                "id",
                "current",
                "target",
                "horizon_years",
                "gap",
                "importance",
                "score",
                "score_parts",
            ],
            at,
        );
        assert!(d["current"].is_null() || d["current"].is_f64(), "{at}: {d}");
        let parts = d["score_parts"].as_array().unwrap();
        assert_eq!(parts.len(), 5, "{at}");
        let mut sum = 0.0;
        for p in parts {
            has_keys(p, &["factor", "value", "weight", "points"], at);
            sum += p["points"].as_f64().unwrap();
        }
        let score = d["score"].as_f64().unwrap();
        assert!(
            (sum - score).abs() < 0.05,
            "{at}: parts {sum} vs score {score}"
        );
        assert!((0.0..=100.0).contains(&score));
    }
    let entry_points = j["entry_points"].as_array().unwrap();
    let mut last_score = f64::MAX;
    for (i, e) in entry_points.iter().enumerate() {
        has_keys(
            e,
            &[
                "domain",
                "rank",
                "next_target",
                "reasons",
                "changes",
                "cases",
                "operating_model",
            ],
            at,
        );
        assert_eq!(e["rank"], i + 1, "{at}: ranks run 1, 2, ...");
        let score = domains.iter().find(|d| d["id"] == e["domain"]).unwrap()["score"]
            .as_f64()
            .unwrap();
        assert!(score <= last_score, "{at}: entry points out of rank order");
        last_score = score;
        assert_ne!(e["domain"], "enablers", "{at}");
        let reasons = e["reasons"].as_array().unwrap();
        assert!(!reasons.is_empty(), "{at}");
        for r in reasons {
            has_keys(r, &["code", "text"], at);
            assert!(!r["text"].as_str().unwrap().is_empty());
            assert!(r["code"].as_str().unwrap().is_ascii());
        }
        // every reason again, with its rule and source
        let detail = e["reasons_detail"].as_array().unwrap();
        assert_eq!(detail.len(), reasons.len(), "{at}");
        for (d, r) in detail.iter().zip(reasons) {
            has_keys(d, &["rule", "text", "source"], at);
            assert_eq!(d["text"], r["text"]);
            check_source(&d["source"], &j["lang"], at);
        }
        check_source(&e["operating_model"]["source"], &j["lang"], at);
        let changes = e["changes"].as_array().unwrap();
        assert!(!changes.is_empty(), "{at}");
        for c in changes {
            has_keys(c, &["aspect", "from", "to", "from_text", "to_text"], at);
            assert_eq!(c["from_text"].is_null(), c["from"] == 0, "{at}: {c}");
            assert!(!c["to_text"].as_str().unwrap().is_empty());
        }
        for c in e["cases"].as_array().unwrap() {
            has_keys(c, &["id", "city", "country", "from", "to", "summary"], at);
        }
        has_keys(&e["operating_model"], &["id", "name", "why"], at);
        assert!(
            ["government_led", "public_private", "market_led"]
                .contains(&e["operating_model"]["id"].as_str().unwrap())
        );
    }
    for p in j["prerequisites"].as_array().unwrap() {
        has_keys(p, &["domain", "current", "needed", "for", "text"], at);
        assert!(["infrastructure", "enablers"].contains(&p["domain"].as_str().unwrap()));
    }
    for w in j["warnings"].as_array().unwrap() {
        has_keys(w, &["code", "message", "domains", "source"], at);
        check_source(&w["source"], &j["lang"], at);
        assert!(
            [
                "stage_skipping",
                "showcase_risk",
                "targets_met",
                "thin_evidence",
                "enablers_missing",
                "infrastructure_prerequisite",
                "not_assessed",
                "no_targets"
            ]
            .contains(&w["code"].as_str().unwrap()),
            "{at}: {w}"
        );
    }
    let enablers = j["enablers"].as_array().unwrap();
    assert_eq!(enablers.len(), 6, "{at}: every enabler aspect");
    for c in enablers {
        has_keys(c, &["aspect", "name", "from", "to", "text"], at);
    }
    for (i, phase) in j["plan"].as_array().unwrap().iter().enumerate() {
        has_keys(phase, &["number", "domains", "owner", "start", "end"], at);
        assert_eq!(phase["number"], i + 1);
        assert!(phase["start"].as_str().unwrap() <= phase["end"].as_str().unwrap());
        for m in phase["domains"].as_array().unwrap() {
            has_keys(m, &["domain", "from", "to", "prerequisite"], at);
            let (from, to) = (m["from"].as_u64().unwrap(), m["to"].as_u64().unwrap());
            assert!(to > from, "{at}: a move goes up");
            if to > from + 1 {
                // a jump: only where the advice explains it as allowed
                let ep = j["entry_points"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|e| e["domain"] == m["domain"]);
                let explained = ep.is_some_and(|e| {
                    e["reasons"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|r| r["code"] == "leap")
                });
                assert!(explained, "{at}: a jump without its reason: {m}");
            }
        }
    }
}

#[test]
fn json_of_every_example_has_the_documented_shape_in_both_languages() {
    let dir = examples();
    for id in EXAMPLES {
        for lang in ["en", "zh"] {
            let at = format!("{id} --lang {lang}");
            let j = report_json(dir.path(), id, lang);
            check_shape(&j, &at);
            assert_eq!(j["profile"]["id"], id);
            assert_eq!(j["assessment"]["number"], 1);
            assert_eq!(j["lang"], lang);
            // texts in the chosen language, codes in English
            let domain_name = j["domains"][0]["name"].as_str().unwrap();
            assert_eq!(has_han(domain_name), lang == "zh", "{at}: {domain_name}");
            for w in j["warnings"].as_array().unwrap() {
                let message = w["message"].as_str().unwrap();
                assert_eq!(has_han(message), lang == "zh", "{at}: {message}");
                assert!(!has_han(w["code"].as_str().unwrap()));
            }
            for e in j["entry_points"].as_array().unwrap() {
                for r in e["reasons"].as_array().unwrap() {
                    assert_eq!(has_han(r["text"].as_str().unwrap()), lang == "zh");
                }
                assert_eq!(
                    has_han(e["operating_model"]["why"].as_str().unwrap()),
                    lang == "zh"
                );
            }
        }
    }
}

#[test]
fn json_follows_the_example_cities() {
    let dir = examples();
    // Pinghu: the report places its infrastructure in stage 3 (迈入阶段三);
    // the answers it supports compute 2.24 (evidence before level), so the
    // profile holds the placement as an override of 3.00 with the quote.
    // Its target of 3 is then reached: no gap, not an entry point.
    let j = report_json(dir.path(), "pinghu", "en");
    let infra = &j["domains"][5];
    assert_eq!(infra["id"], "infrastructure");
    assert_eq!(infra["current"], 3.0);
    assert_eq!(infra["override"]["computed"], 2.24);
    assert!(
        infra["override"]["reason"]
            .as_str()
            .unwrap()
            .contains("平湖市数字化迈入阶段三")
    );
    assert_eq!(infra["target"], 3);
    assert_eq!(infra["gap"], 0.0);
    assert_eq!(infra["evidence"]["scored"], 7);
    assert_eq!(infra["evidence"]["total"], 12);
    assert_eq!(infra["not_entry"]["code"], "target_reached");
    // Shen County: short of funding and talent, so one entry point: the
    // economy, with its agriculture named.
    let j = report_json(dir.path(), "shen-county", "en");
    let eps = j["entry_points"].as_array().unwrap();
    assert_eq!(eps.len(), 1, "{eps:?}");
    assert_eq!(eps[0]["domain"], "economy");
    let specialty = eps[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "specialty")
        .expect("a specialty reason");
    assert!(specialty["text"].as_str().unwrap().contains("Agriculture"));
    assert_eq!(j["profile"]["constraints"]["funding"], "low");
    assert_eq!(j["profile"]["specialties"], json!(["agriculture"]));
    let not_assessed = j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "not_assessed")
        .unwrap();
    assert!(
        not_assessed["domains"]
            .as_array()
            .unwrap()
            .contains(&json!("services"))
    );
}

#[test]
fn entry_points_come_ranked_with_their_reasons_changes_and_cases() {
    let dir = folder_with(&[("richville", rich_city())]);
    let j = report_json(dir.path(), "richville", "en");
    check_shape(&j, "richville");
    let eps = j["entry_points"].as_array().unwrap();
    // resources to spare: up to three entry points
    assert_eq!(eps.len(), 3, "{eps:#?}");
    let ranked: Vec<&str> = eps.iter().map(|e| e["domain"].as_str().unwrap()).collect();
    // services: gap 2, importance 5; economy: gap 1, importance 4 and the
    // specialty; governance: gap 1.5, importance 3; environment last.
    assert_eq!(ranked, ["services", "economy", "governance"]);
    let services = &eps[0];
    assert_eq!(
        services["next_target"], 3,
        "no start-small: the target itself"
    );
    let codes: Vec<&str> = services["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    // a jump from 1 to 3 with enablers and infrastructure in place and
    // time enough: allowed, explained and planned as one move
    assert_eq!(codes, ["gap", "importance", "common", "attention", "leap"]);
    let changes = services["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 3, "every aspect of services");
    assert!(changes.iter().all(|c| c["from"] == 1 && c["to"] == 3));
    // the change's texts are the framework's stage descriptions
    let fw = framework();
    let def = &fw.domains[0];
    assert_eq!(
        changes[0]["to_text"],
        def.stages[2].aspects[changes[0]["aspect"].as_str().unwrap()].en
    );
    assert_eq!(
        changes[0]["from_text"],
        def.stages[0].aspects[changes[0]["aspect"].as_str().unwrap()].en
    );
    assert!(
        services["cases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "suzhou_services")
    );
    let economy = &eps[1];
    // by kind of project: the specialty chain's shared platform, set up with
    // government guidance, is quasi-public in the report's county cases
    assert_eq!(economy["operating_model"]["id"], "public_private");
    assert_eq!(economy["operating_model"]["kind"], "quasi_public");
    assert!(
        economy["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "specialty"
                && r["text"].as_str().unwrap().contains("Manufacturing"))
    );
    // governance: from 0.5 to stage 2 within a year skips stage 1
    let skipping = j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "stage_skipping")
        .expect("stage skipping");
    assert_eq!(skipping["domains"], json!(["governance"]));
    let md = ok(dir.path(), &["report", "richville"]);
    assert!(
        md.contains("| Governance & Operations | 0.50 | stage 2 in 1 year | 1.50 | 3 |"),
        "{md}"
    );
    assert!(md.contains("\n### 1. Livelihood & Services\n"));
    assert!(md.contains("\n### 2. Industry & Economy\n"));
    assert!(md.contains("\n### 3. Governance & Operations\n"));
    // a plan with phases, dates from the assessment's date
    let plan = j["plan"].as_array().unwrap();
    assert!(!plan.is_empty());
    assert_eq!(plan[0]["start"], "2025-03-01");
    assert!(plan[0]["owner"].is_null(), "no owner set yet");
}

#[test]
fn a_profile_missing_answers_still_reports_what_is_not_assessed() {
    let dir = folder_with(&[("bareville", bare_city())]);
    let j = report_json(dir.path(), "bareville", "en");
    check_shape(&j, "bareville");
    assert!(
        j["domains"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["current"].is_null())
    );
    assert!(j["entry_points"].as_array().unwrap().is_empty());
    assert!(j["plan"].as_array().unwrap().is_empty());
    let codes: Vec<&str> = j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["not_assessed", "no_targets"]);
    assert_eq!(j["warnings"][0]["domains"], json!(DOMAINS));
    assert!(j["profile"]["population"].is_null());
    // every enabler aspect from "not assessed" to stage 1
    assert!(
        j["enablers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["from"] == 0 && c["to"] == 1)
    );

    let md = ok(dir.path(), &["report", "bareville"]);
    let rows = domain_rows(&md, "Domain");
    assert_eq!(rows.len(), 7);
    assert!(rows.iter().all(|r| r[1] == "not assessed"), "{rows:?}");
    assert!(
        md.contains("Not assessed: Livelihood & Services, Industry & Economy"),
        "{md}"
    );
    assert!(md.contains("No domain has a target yet"), "{md}");
    assert!(md.contains("- **Urban population**: not known"), "{md}");
    let md = ok(dir.path(), &["--lang", "zh", "report", "bareville"]);
    assert!(
        domain_rows(&md, "领域").iter().all(|r| r[1] == "未评估"),
        "{md}"
    );
    assert!(md.contains("未评估：民生与服务"), "{md}");

    let html = ok(dir.path(), &["report", "bareville", "--format", "html"]);
    check_well_formed(&html);
    assert!(html.contains("Not assessed, drawn at 0"), "{html}");
    assert_eq!(html.matches("<polygon").count(), 2);
}

#[test]
fn markdown_has_the_seven_domains_table_with_pinghus_levels() {
    let dir = examples();
    let md = ok(dir.path(), &["report", "pinghu"]);
    assert!(md.starts_with("# Digital transformation assessment: Pinghu (平湖)\n"));
    assert!(
        md.contains("\n| Domain | Level today | Target | Gap | Importance | Score |\n|---|---:|---|---:|---:|---:|\n"),
        "{md}"
    );
    let rows = domain_rows(&md, "Domain");
    assert_eq!(rows.len(), 7);
    let level = |name: &str| {
        rows.iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("no row {name}: {rows:?}"))
            .clone()
    };
    assert_eq!(level("Livelihood & Services")[1], "not assessed");
    assert_eq!(level("Industry & Economy")[1], "not assessed");
    // evidence before level: each stage counts by the share of it answered
    assert_eq!(level("Governance & Operations")[1], "1.29");
    assert_eq!(level("Environment & Low Carbon")[1], "not assessed");
    assert_eq!(level("Government Efficiency")[1], "1.72");
    let infra = level("Infrastructure");
    assert_eq!(
        infra[1..5],
        ["3.00*", "stage 3 in 3 years", "0.00", "5"].map(String::from)
    );
    assert_eq!(level("Enablers (Leadership & Policy)")[1], "1.05");
    for row in &rows {
        assert_eq!(row.len(), 6, "{row:?}");
    }
    // every section is there
    for heading in [
        "## The city",
        "## The assessment",
        "## The seven domains",
        "## The 7 x 3 matrix",
        "## Entry points, in rank order",
        "## How the scores are made",
        "## Prerequisites",
        "## Warnings",
        "## The enablers package",
        "## The plan",
    ] {
        assert!(md.contains(&format!("\n{heading}\n")), "{heading}");
    }
    // the matrix marks the target in words
    let matrix = domain_rows(&md[md.find("## The 7 x 3 matrix").unwrap()..], "Domain");
    let infra = matrix.iter().find(|r| r[0] == "Infrastructure").unwrap();
    assert_eq!(
        infra[1..],
        ["100%", "75%", "83% [target]"].map(String::from)
    );

    let zh = ok(dir.path(), &["--lang", "zh", "report", "pinghu"]);
    assert!(
        zh.starts_with("# 数字化转型评估报告：平湖（Pinghu）\n"),
        "{zh}"
    );
    let rows = domain_rows(&zh, "领域");
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[0][..2], ["民生与服务", "未评估"].map(String::from));
    assert_eq!(
        rows[5][..3],
        ["基础设施", "3.00*", "阶段三（3 年内）"].map(String::from)
    );
}

#[test]
fn markdown_gives_entry_points_cases_model_scores_and_plan() {
    let dir = examples();
    let md = ok(dir.path(), &["report", "shen-county"]);
    let entry = &md[md
        .find("### 1. Industry & Economy")
        .expect("economy ranks first")..];
    assert!(
        entry.contains("Today 2.00; aim first at stage 3"),
        "{entry}"
    );
    // every reason with its numbered note
    assert!(entry.contains("- The city rates this domain 5 of 5 in importance. [2]"));
    assert!(entry.contains("**What changes, aspect by aspect (Stage 2 → Stage 3)**"));
    // the city is never its own case; Baoying made 1 -> 2, no case 2 -> 3
    assert!(!entry.contains("- Shen County (China)"), "{entry}");
    assert!(
        entry.contains("- Baoying (China), stage 1 → 2: "),
        "{entry}"
    );
    assert!(
        entry.contains("Besides the report's own case on this city (above), no case in the report made exactly this move"),
        "{entry}"
    );
    assert!(
        entry.contains("- Pengshui (China), at stage 1: "),
        "{entry}"
    );
    // Shen County's own case sets the model (seed 001: 通过政府购买服务方式),
    // and the move's mixed work is named, not outvoted
    assert!(
        entry.contains("**Operating model**: Public-private: the city's own case"),
        "{entry}"
    );
    assert!(
        entry.contains("- The work by the model each item calls for: "),
        "{entry}"
    );
    assert!(
        entry.contains("| gap to target | 0.33 | 40 | 13.3 |"),
        "{entry}"
    );
    // its stages to add are not answered: assess first, then build what is
    // missing alongside (the supporting track says the same)
    assert!(md.contains(
        "- Infrastructure: needed at stage 2 (today 0.7) to carry Industry & Economy; the answers do not cover enough of it yet to say how far it stands there: assess first (see the supporting track), complete what is in place in part, then build only what is missing, alongside the entry point."
    ));
    assert!(!md.contains("before building anything"), "{md}");
    // the supports run alongside the entry point's first step, not before
    // (the report places Shen County at stage 2: its move is 2 -> 3,
    // one phase over its horizon, the supports in it)
    assert!(md.contains("### Phase 1: 2022-05-01 to 2027-05-01"), "{md}");
    assert!(!md.contains("### Phase 2"), "{md}");
    let phase1 = &md[md.find("### Phase 1").unwrap()..];
    assert!(
        phase1.contains("- Industry & Economy: stage 2 → 3 (Public-private: the work by the model each item calls for: "),
        "{phase1}"
    );
    assert!(!phase1.contains("today 1.79"), "{phase1}");
    // Shen County's infrastructure stage 2 has no scored answer (0 of 5):
    // assessed first, never built, so no infrastructure move in the plan
    assert!(!phase1.contains("- Infrastructure: "), "{phase1}");
    assert!(md.contains("## Supporting track"), "{md}");
    assert!(
        md.contains(
            "- Infrastructure (today 0.7) rests on too few answers in the stages it stands on or must add"
        ),
        "{md}"
    );
    assert!(md.contains("## Sources"), "{md}");
    assert!(
        md.contains("“莘县的经验是，坚持需求导向，通过政府购买服务方式”"),
        "{md}"
    );
    assert!(md.contains("citydx's own convention: "), "{md}");
    assert!(md.contains("- **Owner**: not set"));

    // stage 0: "not yet at stage 1"
    let mut a = serde_json::Map::new();
    for st in 1..=2 {
        answer(&mut a, "infrastructure", st, "met");
        answer(&mut a, "enablers", st, "met");
    }
    answer(&mut a, "services", 1, "not_met");
    let low = profile(
        "lowville",
        ("低县", "Lowville"),
        json!({"constraints": {"funding": "low", "talent": "medium", "technology": "medium"}}),
        vec![assessment(
            "2025-03-01",
            a,
            json!({"services": {"stage": 3, "horizon_years": 6}}),
            json!({"services": 5}),
        )],
    );
    let dir = folder_with(&[("lowville", low)]);
    let md = ok(dir.path(), &["report", "lowville"]);
    // only funding short: not "start small" (that needs all three short),
    // but a narrow first scenario, and the target itself
    assert!(md.contains("Today 0.00; aim first at stage 3"), "{md}");
    assert!(md.contains("(not yet at stage 1 → Stage 3)"), "{md}");
    assert!(
        md.contains("- **Who provides**: not yet at stage 1 → "),
        "{md}"
    );
    assert!(
        md.contains("- Funding is short: begin inside this domain with one narrow scenario, a pain point or bottleneck residents or firms feel, and widen from there. ["),
        "{md}"
    );
    assert!(!md.contains("start small"), "{md}");
}

#[test]
fn the_tag_checker_catches_what_it_should() {
    let good = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/></head><body><p>A &amp; B</p></body></html>\n";
    check_well_formed(good);
    for bad in [
        "<!DOCTYPE html>\n<html><body><p>open</body></html>",
        "<!DOCTYPE html>\n<html><body><p>A & B</p></body></html>",
        "<!DOCTYPE html>\n<html><body><p>a > b</p></body></html>",
        "<!DOCTYPE html>\n<html><meta charset=\"utf-8\"></html>",
        "<!DOCTYPE html>\n<html><p title=\"a<b\">x</p></html>",
        "<!DOCTYPE html>\n<html></html><html></html>",
    ] {
        let caught = std::panic::catch_unwind(|| check_well_formed(bad));
        assert!(caught.is_err(), "not caught: {bad}");
    }
}

#[test]
fn html_is_well_formed_self_contained_printable_and_holds_the_radar() {
    let dir = examples();
    for id in EXAMPLES {
        for lang in ["en", "zh"] {
            let html = ok(
                dir.path(),
                &["--lang", lang, "report", id, "--format", "html"],
            );
            check_well_formed(&html);
            assert!(html.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{lang}\">")));
            assert!(html.contains("<meta charset=\"utf-8\"/>"));
            // self-contained: no scripts, nothing fetched
            for banned in ["<script", "<link", "src=", "href=", "url(", "@import"] {
                assert!(!html.contains(banned), "{id} {lang}: {banned}");
            }
            assert_eq!(html.matches("http").count(), 1, "only the SVG namespace");
            // A4, nothing split across pages
            assert!(html.contains("@page { size: A4; margin: 15mm }"));
            assert!(html.contains("tr { break-inside: avoid"));
            assert!(html.contains("figure.radar { margin: 2mm 0; break-inside: avoid"));
            // the radar: 7 axes, rings at 1, 2, 3, two polygons, short names
            let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
            assert_eq!(svg.matches("class=\"axis\"").count(), 7, "{id}");
            assert_eq!(svg.matches("class=\"ring\"").count(), 3, "{id}");
            assert_eq!(svg.matches("<polygon").count(), 2, "{id}");
            assert!(svg.contains("<polygon class=\"current\""));
            assert!(svg.contains("<polygon class=\"target\""));
            for polygon in svg.split("<polygon").skip(1) {
                let points = polygon.split("points=\"").nth(1).unwrap();
                let points = &points[..points.find('"').unwrap()];
                assert_eq!(points.split(' ').count(), 7, "{id}: {points}");
            }
            let lang_code = if lang == "zh" {
                citydx::core::Lang::Zh
            } else {
                citydx::core::Lang::En
            };
            for d in &framework().domains {
                let short = d.short_name.get(lang_code).replace('&', "&amp;");
                assert!(svg.contains(&format!(">{short}")), "{id} {lang}: {short}");
            }
            // the matrix: 7 rows, 3 stage cells each, target in words
            let matrix = &html[html.find("<table class=\"matrix\">").unwrap()..];
            let matrix = &matrix[..matrix.find("</table>").unwrap()];
            assert_eq!(matrix.matches("<tr>").count(), 8, "header and 7 rows");
            assert_eq!(matrix.matches("<td class=\"cell ").count(), 21);
            let mark = if lang == "zh" { "[目标]" } else { "[target]" };
            assert_eq!(
                matrix.matches(" target\">").count(),
                matrix.matches(mark).count(),
                "{id}: every target cell says so in text"
            );
            // escaped text
            if lang == "en" {
                assert!(html.contains("Livelihood &amp; Services"));
                assert!(!html.contains("Livelihood & Services"));
            }
        }
    }
    // Pinghu's matrix and radar
    let html = ok(dir.path(), &["report", "pinghu", "--format", "html"]);
    assert!(
        html.contains("<td class=\"cell s-reached target\">83% [target]</td>"),
        "{html}"
    );
    assert!(html.contains("<td class=\"cell s-none\">no answers</td>"));
    assert!(html.contains("Not assessed, drawn at 0: Livelihood &amp; Services, Industry &amp; Economy and Environment &amp; Low Carbon."));
}

#[test]
fn html_escapes_every_text_from_the_profile() {
    let mut a = assessment("2025-03-01", serde_json::Map::new(), json!({}), json!({}));
    a["interviewer"] = json!("O'Neil & <Partners> \"Ltd\"");
    a["respondents"] =
        json!([{"name": "A<script>alert(1)</script>", "role": "x|y", "organisation": "citizen"}]);
    a["overrides"] = json!({"services": {"level": 1.5, "reason": "Seen on site: 1 < 2 & \"ok\""}});
    let text = profile(
        "tricky",
        ("怪<县>", "Tricky & <Co>"),
        json!({"region": "\"Quoted\" 'region'"}),
        vec![a],
    );
    let dir = folder_with(&[("tricky", text)]);
    let html = ok(dir.path(), &["report", "tricky", "--format", "html"]);
    check_well_formed(&html);
    assert!(!html.contains("<script"));
    assert!(
        html.contains("O&#39;Neil &amp; &lt;Partners&gt; &quot;Ltd&quot;"),
        "{html}"
    );
    assert!(html.contains(
        "<title>Digital transformation assessment: Tricky &amp; &lt;Co&gt; (怪&lt;县&gt;)</title>"
    ));
    assert!(html.contains("Seen on site: 1 &lt; 2 &amp; &quot;ok&quot;"));
    // the override shows as such
    assert!(html.contains("<td class=\"num\">1.50*</td>"), "{html}");
    let md = ok(dir.path(), &["report", "tricky"]);
    assert!(md.contains("| Livelihood & Services | 1.50* |"), "{md}");
    assert!(md.contains("A\\<script>"), "no raw HTML in the Markdown");
    let j = report_json(dir.path(), "tricky", "en");
    assert_eq!(
        j["domains"][0]["override"]["reason"],
        "Seen on site: 1 < 2 & \"ok\""
    );
    assert_eq!(j["assessment"]["respondents"][0]["role"], "x|y");
}

#[test]
fn every_format_speaks_both_languages() {
    let dir = examples();
    for format in ["md", "html", "json"] {
        let en = ok(
            dir.path(),
            &["--lang", "en", "report", "suzhou", "--format", format],
        );
        let zh = ok(
            dir.path(),
            &["--lang", "zh", "report", "suzhou", "--format", format],
        );
        assert_ne!(en, zh);
        let heading_en = [
            "The seven domains",
            "Entry points, in rank order",
            "The enablers package",
        ];
        let heading_zh = ["七个领域", "切入点（按排名）", "发展保障"];
        if format != "json" {
            for h in heading_en {
                assert!(en.contains(h), "{format}: {h}");
                assert!(!zh.contains(h), "{format}: {h} in Chinese");
            }
            for h in heading_zh {
                assert!(zh.contains(h), "{format}: {h}");
            }
        }
        assert!(en.contains("Livelihood & Services") || en.contains("Livelihood &amp; Services"));
        assert!(zh.contains("民生与服务"));
        assert!(
            zh.contains("城市的目标是在 5 年内达到阶段三"),
            "{format}: a reason in Chinese"
        );
        assert!(
            en.contains("The city aims at stage 3 within 5 years"),
            "{format}"
        );
    }
    // the locale picks the language when --lang is not given
    let out = Command::new(env!("CARGO_BIN_EXE_citydx"))
        .args(["--dir", dir.path().to_str().unwrap(), "report", "suzhou"])
        .env_remove("CITYDX_PROFILES")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("## 七个领域"));
}

#[test]
fn the_default_is_markdown_of_the_latest_assessment_and_n_picks_another() {
    let mut first = serde_json::Map::new();
    answer(&mut first, "services", 1, "partly");
    let mut second = serde_json::Map::new();
    answer(&mut second, "services", 1, "met");
    answer(&mut second, "services", 2, "met");
    let text = profile(
        "twice",
        ("两次", "Twice"),
        json!({}),
        vec![
            assessment(
                "2024-01-01",
                first,
                json!({"services": {"stage": 2, "horizon_years": 3}}),
                json!({}),
            ),
            assessment(
                "2025-06-01",
                second,
                json!({"services": {"stage": 3, "horizon_years": 3}}),
                json!({}),
            ),
        ],
    );
    let dir = folder_with(&[("twice", text)]);
    let md = ok(dir.path(), &["report", "twice"]);
    assert_eq!(md, ok(dir.path(), &["report", "twice", "--format", "md"]));
    assert_eq!(
        md,
        ok(dir.path(), &["report", "twice", "--assessment", "2"])
    );
    assert!(
        md.contains("- Assessment 2 of 2\n- **Date**: 2025-06-01"),
        "{md}"
    );
    let old = ok(dir.path(), &["report", "twice", "--assessment", "1"]);
    assert!(
        old.contains("- Assessment 1 of 2\n- **Date**: 2024-01-01"),
        "{old}"
    );
    assert!(
        old.contains("| Livelihood & Services | 0.50 | stage 2 in 3 years | 1.50 |"),
        "{old}"
    );
    let j = serde_json::from_str::<Value>(&ok(
        dir.path(),
        &["report", "twice", "--assessment", "1", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(j["assessment"]["number"], 1);
    assert_eq!(j["assessment"]["date"], "2024-01-01");
}

#[test]
fn dash_o_writes_the_file_atomically_and_says_where() {
    let dir = examples();
    let out_dir = tempfile::tempdir().unwrap();
    for (format, ext) in [("md", "md"), ("html", "html"), ("json", "json")] {
        let path = out_dir.path().join(format!("pinghu.{ext}"));
        let printed = ok(
            dir.path(),
            &[
                "report",
                "pinghu",
                "--format",
                format,
                "-o",
                path.to_str().unwrap(),
            ],
        );
        let name = match format {
            "md" => "Markdown",
            "html" => "HTML",
            _ => "JSON",
        };
        assert_eq!(
            printed,
            format!("Wrote the {name} report to {}\n", path.display())
        );
        let written = fs::read_to_string(&path).unwrap();
        assert_eq!(
            written,
            ok(dir.path(), &["report", "pinghu", "--format", format])
        );
    }
    // replacing a file works, and leaves no temporary file behind
    let path = out_dir.path().join("pinghu.md");
    fs::write(&path, "old").unwrap();
    ok(
        dir.path(),
        &[
            "--lang",
            "zh",
            "report",
            "pinghu",
            "-o",
            path.to_str().unwrap(),
        ],
    );
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .starts_with("# 数字化转型评估报告")
    );
    let mut names: Vec<String> = fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["pinghu.html", "pinghu.json", "pinghu.md"]);
    let printed = ok(
        dir.path(),
        &[
            "--lang",
            "zh",
            "report",
            "pinghu",
            "--output",
            out_dir.path().join("p.md").to_str().unwrap(),
        ],
    );
    assert!(printed.starts_with("Markdown报告已写入 "), "{printed}");
}

#[test]
fn bad_inputs_give_one_line_the_right_exit_code_and_no_file() {
    let dir = examples();
    let empty = profile("emptyville", ("空城", "Emptyville"), json!({}), vec![]);
    fs::write(dir.path().join("emptyville.json"), empty).unwrap();
    let bad = assessment(
        "2025-03-01",
        serde_json::Map::new(),
        json!({"services": {"stage": 9, "horizon_years": 3}}),
        json!({}),
    );
    let invalid = profile("badville", ("坏县", "Badville"), json!({}), vec![bad]);
    fs::write(dir.path().join("badville.json"), invalid).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("report.md");
    let t = target.to_str().unwrap();
    let missing_folder = out_dir.path().join("no/such/folder.md");
    let cases: Vec<(Vec<&str>, i32, Vec<&str>)> = vec![
        (
            vec!["report", "nobody", "-o", t],
            1,
            vec!["no profile \"nobody\""],
        ),
        (
            vec!["report", "../pinghu", "-o", t],
            1,
            vec!["invalid profile id"],
        ),
        (
            vec!["report", "pinghu", "--assessment", "0", "-o", t],
            1,
            vec!["--assessment counts from 1"],
        ),
        (
            vec!["report", "pinghu", "--assessment", "2", "-o", t],
            1,
            vec!["has 1 assessment(s); there is no assessment 2"],
        ),
        (
            vec!["report", "emptyville", "-o", t],
            1,
            vec!["profile \"emptyville\" has no assessment yet"],
        ),
        (
            vec!["report", "badville", "-o", t],
            1,
            vec![
                "profile \"badville\": assessments[1].targets.services.stage is 9, not 1 to 3",
                "citydx validate",
            ],
        ),
        (
            vec!["report", "pinghu", "--format", "bad", "-o", t],
            2,
            vec!["invalid value 'bad'", "md, html, json"],
        ),
        (
            vec!["report", "pinghu", "--assessment", "x"],
            2,
            vec!["invalid value 'x'"],
        ),
        (vec!["report"], 2, vec!["<ID>"]),
        (
            vec!["report", "pinghu", "-o", missing_folder.to_str().unwrap()],
            1,
            vec!["writing", "no/such/folder.md"],
        ),
    ];
    for (args, code, needles) in cases {
        let before = snapshot(out_dir.path());
        fails_cleanly(dir.path(), &args, code, &needles);
        assert_eq!(snapshot(out_dir.path()), before, "{args:?} wrote something");
        assert!(!target.exists());
    }
    // -o pointing at a folder: refused, the folder untouched
    let before = snapshot(out_dir.path());
    let err = fails_cleanly(
        dir.path(),
        &["report", "pinghu", "-o", out_dir.path().to_str().unwrap()],
        1,
        &["is a folder; give a file name"],
    );
    assert!(err.contains(out_dir.path().to_str().unwrap()), "{err}");
    assert_eq!(snapshot(out_dir.path()), before);
    // a .json report in the profiles folder would be taken for a profile
    fails_cleanly(
        dir.path(),
        &[
            "report",
            "pinghu",
            "--format",
            "json",
            "-o",
            dir.path().join("pinghu.json").to_str().unwrap(),
        ],
        1,
        &["pinghu.json: inside the profiles folder"],
    );
    // and the same with the folder given as the profiles folder itself
    fails_cleanly(
        dir.path(),
        &["report", "pinghu", "-o", dir.path().to_str().unwrap()],
        1,
        &["is a folder"],
    );
}

#[test]
fn a_city_assessed_twice_gets_its_timeline_in_every_format() {
    use citydx::core::framework::DomainId;
    use citydx::core::profile::{Override, Profile};
    let dir = examples();
    let path = dir.path().join("baoying.json");
    let mut p = Profile::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut next =
        p.assessments[0].carried_forward(chrono::NaiveDate::from_ymd_opt(2023, 5, 1).unwrap());
    next.overrides.insert(
        DomainId::Economy,
        Override {
            level: 2.8,
            reason: "a year on".into(),
            reason_text: None,
        },
    );
    p.assessments.push(next);
    std::fs::write(&path, p.to_json()).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["report", "baoying", "--format", "json"])).unwrap();
    assert_eq!(
        json["timeline"]["dates"],
        serde_json::json!(["2022-05-01", "2023-05-01"])
    );
    let economy = &json["timeline"]["domains"][1];
    assert_eq!(economy["id"], "economy");
    assert_eq!(economy["levels"], serde_json::json!([2.0, 2.8]));
    assert_eq!(economy["overridden"], serde_json::json!([true, true]));
    let md = ok(dir.path(), &["report", "baoying"]);
    assert!(md.contains("## Timeline"), "{md}");
    assert!(
        md.contains("| Industry & Economy | 2.00* | 2.80* |"),
        "{md}"
    );
    let zh = ok(
        dir.path(),
        &["--lang", "zh", "report", "baoying", "--format", "html"],
    );
    check_well_formed(&zh);
    assert!(zh.contains("时间线"));
    // the first assessment's report has no timeline yet
    let first: serde_json::Value = serde_json::from_str(&ok(
        dir.path(),
        &["report", "baoying", "--format", "json", "--assessment", "1"],
    ))
    .unwrap();
    assert!(first["timeline"].is_null());
    // two assessments on the same day are told apart by their number
    let mut p = Profile::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let same_day = p.assessments[1].carried_forward(p.assessments[1].date);
    p.assessments.push(same_day);
    std::fs::write(&path, p.to_json()).unwrap();
    let md = ok(dir.path(), &["report", "baoying"]);
    assert!(
        md.contains("| 2022-05-01 | 2023-05-01 (#2) | 2023-05-01 (#3) |"),
        "{md}"
    );
}

#[test]
fn the_report_carries_the_answers_and_their_notes_as_evidence() {
    let dir = examples();
    let json: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["report", "pinghu", "--format", "json"])).unwrap();
    let answers = json["answers"].as_array().unwrap();
    let met = answers
        .iter()
        .find(|a| a["id"] == "infrastructure.s3.shared_sensing_pool")
        .expect("a known answer of Pinghu's");
    assert_eq!(met["value"], "met");
    assert_eq!(met["stage"], 3);
    // the note in the report's language (schema 2: the example's notes
    // are kept in both languages, no longer packed as "English / 中文")
    let note = met["note"].as_str().unwrap();
    assert!(!note.is_empty() && note.is_ascii(), "{note}");
    let zh: serde_json::Value = serde_json::from_str(&ok(
        dir.path(),
        &["--lang", "zh", "report", "pinghu", "--format", "json"],
    ))
    .unwrap();
    let zh_note = zh["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "infrastructure.s3.shared_sensing_pool")
        .and_then(|a| a["note"].as_str())
        .unwrap();
    assert!(!zh_note.is_ascii() && zh_note != note, "{zh_note}");
    let md = ok(dir.path(), &["report", "pinghu"]);
    assert!(md.contains("## Answers and evidence"));
    assert!(md.contains(note), "the note is in the Markdown");
    let html = ok(
        dir.path(),
        &["--lang", "zh", "report", "pinghu", "--format", "html"],
    );
    check_well_formed(&html);
    assert!(html.contains("回答与佐证"));
}

/// A source as the report JSON gives it: a document with its quote (and,
/// in English, its rendering), or the tool's own convention with why.
fn check_source(s: &Value, lang: &Value, at: &str) {
    has_keys(
        s,
        &["document", "quote", "rendering", "convention", "why"],
        at,
    );
    if s["convention"] == true {
        assert!(s["document"].is_null() && s["quote"].is_null(), "{at}: {s}");
        assert!(!s["why"].as_str().unwrap().is_empty(), "{at}: {s}");
    } else {
        assert!(!s["document"].as_str().unwrap().is_empty(), "{at}: {s}");
        assert!(!s["quote"].as_str().unwrap().is_ascii(), "{at}: {s}");
        assert_eq!(s["rendering"].is_null(), lang == "zh", "{at}: {s}");
    }
}

#[test]
fn every_reason_and_warning_has_a_numbered_source_note_in_markdown_and_html() {
    let dir = examples();
    for id in EXAMPLES {
        for lang in ["en", "zh"] {
            let md = ok(dir.path(), &["--lang", lang, "report", id]);
            let j = report_json(dir.path(), id, lang);
            let notes_heading = if lang == "en" {
                "\n## Sources\n"
            } else {
                "\n## 依据\n"
            };
            let at = md
                .find(notes_heading)
                .unwrap_or_else(|| panic!("{id} {lang}: no notes"));
            let notes: Vec<&str> = md[at..]
                .lines()
                .take_while(|l| !l.starts_with("---"))
                .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
                .collect();
            assert!(!notes.is_empty(), "{id} {lang}");
            // every reason line and warning line ends with a note that exists
            let mut marked = 0;
            for e in j["entry_points"].as_array().unwrap() {
                for r in e["reasons"].as_array().unwrap() {
                    let text = r["text"].as_str().unwrap();
                    let line = md
                        .lines()
                        .find(|l| {
                            l.starts_with("- ") && l.contains(text.split('\n').next().unwrap())
                        })
                        .unwrap_or_else(|| panic!("{id} {lang}: {text}"));
                    let n: usize = line
                        .rsplit('[')
                        .next()
                        .and_then(|x| x.trim_end_matches(']').parse().ok())
                        .unwrap_or_else(|| panic!("{id} {lang}: no note: {line}"));
                    assert!(n >= 1 && n <= notes.len(), "{id} {lang}: {line}");
                    marked += 1;
                }
            }
            for w in j["warnings"].as_array().unwrap() {
                let text = w["message"].as_str().unwrap();
                assert!(
                    md.lines()
                        .any(|l| l.starts_with("- ") && l.contains(text) && l.ends_with(']')),
                    "{id} {lang}: {text}"
                );
                marked += 1;
            }
            assert!(marked > 0, "{id} {lang}");
            // in Chinese the notes quote the Chinese and render no English
            if lang == "zh" {
                assert!(!md.contains("World Economic Forum and Tencent"), "{id}");
            }
            let html = ok(
                dir.path(),
                &["--lang", lang, "report", id, "--format", "html"],
            );
            assert!(html.contains("<ol class=\"notes\">"), "{id} {lang}");
            assert_eq!(
                html.matches("<li id=\"note-").count(),
                notes.len(),
                "{id} {lang}: the same notes"
            );
            assert!(
                html.matches("<sup class=\"note\">").count() >= marked,
                "{id} {lang}"
            );
        }
    }
}

#[test]
fn reports_give_the_size_class_the_assumptions_and_the_ccid_reference_scale() {
    let dir = examples();
    // Kashiwa-no-ha's figure is the whole area's; its funding an assumption
    let path = dir.path().join("kashiwa-no-ha.json");
    let mut p: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    p["city"]["population_kind"] = json!("total");
    p["city"]["assumed"] = json!(["constraints.funding"]);
    fs::write(&path, serde_json::to_string_pretty(&p).unwrap()).unwrap();
    let md = ok(dir.path(), &["--lang", "en", "report", "kashiwa-no-ha"]);
    assert!(md.contains("Population (whole area"), "{md}");
    assert!(md.contains("- **Size class**: "), "{md}");
    assert!(
        md.contains("(assumed for this example, not from a source)"),
        "{md}"
    );
    assert!(md.contains("60-70 points, 62 cities"), "{md}");
    let zh = ok(dir.path(), &["--lang", "zh", "report", "kashiwa-no-ha"]);
    assert!(zh.contains("（本示例的假设，并非出自资料）"), "{zh}");
    assert!(zh.contains("参照尺度"), "{zh}");
    let json: Value = serde_json::from_str(&ok(
        dir.path(),
        &["report", "kashiwa-no-ha", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["profile"]["assumed"], json!(["constraints.funding"]));
    assert!(
        json["profile"]["size_class_text"].is_string(),
        "{}",
        json["profile"]
    );
    // a Chinese city by its urban resident population: the State Council class
    let md = ok(dir.path(), &["--lang", "en", "report", "shen-county"]);
    assert!(md.contains("- **Urban population**: "), "{md}");
    let html = ok(
        dir.path(),
        &["--lang", "en", "report", "pinghu", "--format", "html"],
    );
    check_well_formed(&html);
    assert!(
        html.contains("Reference scale"),
        "the CCID scale in the HTML"
    );
}

#[test]
fn each_move_of_the_plan_lists_its_owner_dates_owners_and_work_in_markdown_and_html() {
    // issue 14, point 9: the concrete plan in every format, the
    // consultant's edits kept per move
    let dir = examples();
    let path = dir.path().join("suzhou.json");
    let mut profile: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    profile["assessments"][0]["plan_moves"] = json!({
        "services:1-2": {
            "owner": "民政局",
            "start": "2023-01-01",
            "end": "2024-06-30",
            "outcomes": {"services.s2.feedback_channel": "replies within 5 days"}
        }
    });
    fs::write(&path, serde_json::to_string_pretty(&profile).unwrap()).unwrap();
    let report = report_json(dir.path(), "suzhou", "en");
    let moves: Vec<&Value> = report["plan"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["domains"].as_array().unwrap())
        .collect();
    assert!(
        moves
            .iter()
            .any(|m| !m["work"].as_array().unwrap().is_empty())
    );
    for format in ["md", "html"] {
        let out = ok(dir.path(), &["report", "suzhou", "--format", format]);
        let heading = if format == "md" {
            "## The plan"
        } else {
            "<h2>The plan</h2>"
        };
        let plan = &out[out.find(heading).expect(heading)..];
        assert!(plan.contains("民政局"), "{format}");
        assert!(plan.contains("Dates: 2023-01-01 to 2024-06-30"), "{format}");
        assert!(plan.contains("Outcome: replies within 5 days"), "{format}");
        assert!(plan.contains("Suggested owners: "), "{format}");
        // every piece of every move's work is there
        for m in &moves {
            for w in m["work"].as_array().unwrap() {
                let text = w["text"].as_str().unwrap();
                let shown = if format == "html" {
                    text.replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;")
                        .replace('"', "&quot;")
                        .replace('\'', "&#39;")
                } else {
                    text.to_string()
                };
                assert!(plan.contains(&shown), "{format}: {text}");
            }
        }
        if format == "html" {
            check_well_formed(&out);
            assert!(out.contains("<ul class=\"work\">"));
        }
    }
}

// ---- several voices (issue 16) ----

use citydx::core::ops::Op;
use citydx::core::profile::{AnswerValue, OrganisationType, Profile, Respondent};

const WANG: &str = "11111111-1111-4111-8111-111111111111";
const ZHAO: &str = "22222222-2222-4222-8222-222222222222";
const SUN: &str = "33333333-3333-4333-8333-333333333333";

/// A hand-made city interviewed with three respondents and the assessor:
/// in government, an open dispute (met against not met), a one-step
/// difference, a settled dispute and an answer the assessor gave alone;
/// economy resting on Wang alone; one answer by Sun in services.
fn voices_city() -> (String, Profile) {
    let text = profile(
        "voices-city",
        ("多声市", "Voices City"),
        json!({}),
        vec![assessment(
            "2025-03-01",
            serde_json::Map::new(),
            json!({"government": {"stage": 2, "horizon_years": 3}}),
            json!({"government": 4}),
        )],
    );
    let mut p = Profile::from_json(&text).unwrap();
    let a = p.assessments[0].id.clone();
    p.assessments[0].respondents.clear();
    for (id, name, org) in [
        (WANG, "Wang Fang", OrganisationType::Government),
        (ZHAO, "Zhao Lei", OrganisationType::Enterprise),
        (SUN, "Sun Li", OrganisationType::Citizen),
    ] {
        p.apply(&Op::AddRespondent {
            assessment: a.clone(),
            respondent: Respondent::new(id.into(), name, "", org),
        })
        .unwrap();
    }
    let gov = indicators("government", 1);
    let eco = indicators("economy", 1);
    let svc = indicators("services", 1);
    let at = |h: u32| Some(format!("2025-03-0{h}T10:00:00Z").parse().unwrap());
    let voice = |ind: &str, who: &str, value, note: Option<&str>| Op::SetVoice {
        assessment: a.clone(),
        indicator: ind.into(),
        respondent: who.into(),
        value,
        note: note.map(str::to_string),
        at: at(2),
    };
    use AnswerValue::*;
    let mut ops = vec![
        voice(&gov[0], WANG, Met, Some("the data platform is shared")),
        voice(&gov[0], ZHAO, NotMet, Some("we never got access")),
        voice(&gov[0], SUN, Met, None),
        voice(&gov[1], WANG, Met, None),
        voice(&gov[1], ZHAO, Partly, None),
        voice(&gov[2], WANG, Met, None),
        voice(&gov[2], ZHAO, NotMet, None),
        Op::Settle {
            assessment: a.clone(),
            indicator: gov[2].clone(),
            value: Partly,
            by: "Li Ming".into(),
            reason: "seen on site: two bureaus of five".into(),
        },
        Op::SetAnswer {
            assessment: a.clone(),
            indicator: indicators("government", 2)[0].clone(),
            value: Met,
        },
        voice(&svc[0], SUN, Partly, None),
    ];
    for ind in &eco[..3] {
        ops.push(voice(ind, WANG, Met, None));
    }
    p.apply_all(&ops).unwrap();
    (p.to_json(), p)
}

#[test]
fn reports_show_the_voices_per_domain_and_where_they_differed() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = voices_city();
    fs::write(dir.path().join("voices-city.json"), &text).unwrap();
    let gov = indicators("government", 1);

    let v = report_json(dir.path(), "voices-city", "en");
    let respondents = v["respondents"].as_array().unwrap();
    let given: Vec<(&str, u64)> = respondents
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["answered"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        given,
        [("Wang Fang", 6), ("Zhao Lei", 3), ("Sun Li", 2)],
        "{respondents:?}"
    );
    assert_eq!(respondents[0]["respondent_id"], WANG);
    let domain = |id: &str| {
        v["domains"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .unwrap()
            .clone()
    };
    let g = domain("government");
    assert_eq!(
        g["voices"],
        json!({"respondents": 3, "provisional": 2, "disputes_open": 1, "disputes_settled": 1, "main_voice": null})
    );
    let disputed = g["disputed"].as_array().unwrap();
    let rows: Vec<(&str, &str, &str)> = disputed
        .iter()
        .map(|x| {
            (
                x["indicator"].as_str().unwrap(),
                x["status"].as_str().unwrap(),
                x["value"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (gov[0].as_str(), "open", "met"),
            (gov[1].as_str(), "differ", "partly"),
            (gov[2].as_str(), "settled", "partly"),
        ]
    );
    assert_eq!(disputed[2]["settled_by"], "Li Ming");
    assert_eq!(disputed[0]["provisional"], true);
    let voices = disputed[0]["voices"].as_array().unwrap();
    assert_eq!(voices.len(), 3);
    assert_eq!(voices[1]["name"], "Zhao Lei");
    assert_eq!(voices[1]["value"], "not_met");
    assert_eq!(voices[1]["note"], "we never got access");
    assert_eq!(voices[1]["at"], "2025-03-02T10:00:00Z");
    let e = domain("economy");
    assert_eq!(e["voices"]["main_voice"]["respondent_id"], WANG);
    assert_eq!(e["voices"]["main_voice"]["alone"], 3);
    assert_eq!(e["voices"]["main_voice"]["answered"], 3);
    assert!(
        e["voices"]["main_voice"]["text"]
            .as_str()
            .unwrap()
            .contains("rests mostly on one voice: Wang Fang alone gave 3 of its 3 answers"),
        "{}",
        e["voices"]["main_voice"]
    );
    assert_eq!(domain("services")["voices"]["respondents"], 1);
    assert_eq!(domain("environment")["disputed"], json!([]));

    // Markdown: the voices table, the one-voice sentence, the appendix
    let md = ok(dir.path(), &["--lang", "en", "report", "voices-city"]);
    let rows = domain_rows(&md, "Domain | Respondents");
    let gov_row = rows
        .iter()
        .find(|r| r[0] == "Government Efficiency")
        .unwrap();
    assert_eq!(gov_row[1..], ["3", "2", "1", "1"], "{md}");
    assert!(
        md.contains("- Industry & Economy rests mostly on one voice"),
        "{md}"
    );
    assert!(
        md.contains("**Answers given**: Wang Fang: 6; Zhao Lei: 3; Sun Li: 2"),
        "{md}"
    );
    let appendix = &md[md.find("## Where the voices differed").expect("appendix")..];
    assert!(
        appendix.contains(&format!(
            "({}, Stage 1): dispute open; provisional: met",
            gov[0]
        )),
        "{appendix}"
    );
    assert!(
        appendix.contains("  - Zhao Lei: **not met** (on 2025-03-02) — we never got access"),
        "{appendix}"
    );
    assert!(
        appendix.contains("  - settled by Li Ming: seen on site: two bureaus of five"),
        "{appendix}"
    );
    assert!(
        appendix.contains("one step apart; provisional: partly"),
        "{appendix}"
    );
    assert!(
        !appendix.contains(&indicators("government", 2)[0]),
        "the assessor's own answer had no voices to differ"
    );

    // Chinese, and the HTML
    let zh = ok(dir.path(), &["--lang", "zh", "report", "voices-city"]);
    assert!(zh.contains("## 多方意见"), "{zh}");
    assert!(zh.contains("## 各方意见不同之处"), "{zh}");
    assert!(zh.contains("仅由Wang Fang给出"), "{zh}");
    assert!(zh.contains("分歧未议定"), "{zh}");
    for lang in ["en", "zh"] {
        let html = ok(
            dir.path(),
            &["--lang", lang, "report", "voices-city", "--format", "html"],
        );
        check_well_formed(&html);
        assert!(html.contains("<section class=\"voices\">"));
        assert!(html.contains("<section class=\"differed\">"));
        assert!(html.contains("we never got access"));
    }
}

#[test]
fn reports_without_voices_say_nothing_of_them() {
    let dir = examples();
    for lang in ["en", "zh"] {
        let md = ok(dir.path(), &["--lang", lang, "report", "pinghu"]);
        assert!(
            !md.contains("## Voices") && !md.contains("## 多方意见"),
            "{md}"
        );
        let html = ok(
            dir.path(),
            &["--lang", lang, "report", "pinghu", "--format", "html"],
        );
        assert!(!html.contains("class=\"voices\"") && !html.contains("class=\"differed\""));
        let v = report_json(dir.path(), "pinghu", lang);
        for d in v["domains"].as_array().unwrap() {
            assert_eq!(d["disputed"], json!([]));
            assert_eq!(d["voices"]["main_voice"], Value::Null);
            assert_eq!(d["voices"]["provisional"], 0);
        }
    }
}

#[test]
fn a_city_with_its_own_case_reads_the_case_not_the_general_stage_text() {
    // Pengshui's case has the county government working with an internet
    // company; the report's general stage 1 says government is not yet a
    // driver. The entry point shows the case and, for the stage the city
    // stands at, points to it instead of the general line.
    let dir = examples();
    let md = ok(dir.path(), &["report", "pengshui"]);
    let entry = &md[md.find("### 1. Industry & Economy").unwrap()
        ..md.find("**Cases in the report**").unwrap()];
    assert!(
        entry.contains("The report's own case on this city: Pengshui, a Miao and Tujia"),
        "{entry}"
    );
    assert!(
        !entry.contains("government is not yet one of the drivers"),
        "{entry}"
    );
    assert!(
        entry.contains("- **Who drives**: Today (stage 1, see the report's case on this county above) → Government and firms now drive"),
        "{entry}"
    );
    let zh = ok(dir.path(), &["--lang", "zh", "report", "pengshui"]);
    assert!(zh.contains("报告中关于本城市的案例：彭水是"), "{zh}");
    assert!(zh.contains("现状（阶段一，见上文本县案例） → "), "{zh}");
    // an entry point without a case of the city's own keeps the general
    // description (Pinghu's government efficiency); its governance reads its
    // own case (seed 000: 城市治理多跨场景, 一屏协同指挥调度)
    let md = ok(dir.path(), &["report", "pinghu"]);
    let gov = &md[md.find("### 1. Governance & Operations").unwrap()
        ..md.find("### 2. Government Efficiency").unwrap()];
    assert!(
        gov.contains("The report's own case on this city: Pinghu's departments"),
        "{gov}"
    );
    assert!(
        gov.contains("- **Who governs**: Today (stage 1 per the answers; the report's case on this city above gives it no stage)"),
        "{gov}"
    );
    let efficiency = &md[md.find("### 2. Government Efficiency").unwrap()..];
    let efficiency = &efficiency[..efficiency.find("**Cases in the report**").unwrap()];
    assert!(
        !efficiency.contains("The report's own case on this city"),
        "{efficiency}"
    );
    assert!(
        efficiency.contains("- **Internal collaboration**: Internal collaboration is weak"),
        "{efficiency}"
    );
    // Aizuwakamatsu's own case is under its services entry point: public
    // services were its way in (seed 000: 以公共服务的便利化提供为切入点)
    let md = ok(dir.path(), &["report", "aizuwakamatsu"]);
    let entry = &md[md.find("### 1. Livelihood & Services").unwrap()
        ..md.find("**Cases in the report**").unwrap()];
    assert!(
        entry.contains(
            "The report's own case on this city: After the 2011 Great East Japan Earthquake"
        ),
        "{entry}"
    );
    // a case that moves the city past its level's stage says so (Fukuoka
    // 1.50, its case stage 1 to 2)
    let md = ok(dir.path(), &["report", "fukuoka"]);
    assert!(
        md.contains(
            "Today (stage 1, stage 2 under way: see the report's case on this city above) → "
        ),
        "{md}"
    );
    let zh = ok(dir.path(), &["--lang", "zh", "report", "fukuoka"]);
    assert!(
        zh.contains("现状（阶段一，阶段二推进中，见上文本市案例） → "),
        "{zh}"
    );
    // the JSON keeps the general description in from_text
    let j: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["report", "pengshui", "--format", "json"])).unwrap();
    assert!(
        j["entry_points"][0]["changes"][0]["from_text"]
            .as_str()
            .unwrap()
            .contains("government is not yet one of the drivers")
    );
}

#[test]
fn a_japanese_citys_advice_names_no_chinese_office_county_or_app() {
    // The framework's wording names China's party secretary, a county's
    // operating company and the mini-program; a city elsewhere reads
    // neutral wording (the report's cases and the sources keep theirs).
    let dir = examples();
    let china_only = [
        "party secretary",
        "county head",
        "in a county",
        "mini-program",
        "mini program",
        "(another city's practice: Shen County's)",
        "书记",
        "县域可由",
        "小程序",
        "（其他城市的做法：莘县）",
    ];
    for id in ["fukuoka", "kashiwa-no-ha", "aizuwakamatsu"] {
        for (lang, sources) in [("en", "## Sources"), ("zh", "## 依据")] {
            let md = ok(dir.path(), &["--lang", lang, "report", id]);
            // the sources quote the documents as they are
            let from = md.find(sources).unwrap();
            let to = from + md[from..].find("\n## ").unwrap() + 1;
            let body = format!("{}{}", &md[..from], &md[to..]);
            for line in body.lines() {
                // a case of the report is told as it happened
                if line.starts_with("- Suzhou (China)") || line.starts_with("- 宿州（中国）")
                {
                    continue;
                }
                for w in china_only {
                    assert!(!line.contains(w), "{id} {lang}: {w}: {line}");
                }
            }
        }
    }
    // a city in China keeps the framework's wording
    let md = ok(dir.path(), &["report", "shen-county"]);
    assert!(md.contains("party secretary"), "{md}");
}

#[test]
fn outcomes_credit_their_document_and_a_citys_own_figure_is_its_baseline() {
    // review 4: Pengshui's outcomes are its tourism figures, not a farm's;
    // Kashiwa-no-ha's 11% is in place, to extend, not a target; every
    // figure names its document, in every format
    let dir = examples();
    let md = ok(dir.path(), &["report", "pengshui"]);
    assert!(
        md.lines()
            .filter(|l| l.contains("Outcome:"))
            .all(|l| !l.contains("60% of water") && !l.contains("farm prices")),
        "{md}"
    );
    assert!(
        md.contains("Visitors received and total tourism revenue (baseline, the report's case on this city: 30.28 million visitors"),
        "{md}"
    );
    let md = ok(dir.path(), &["report", "kashiwa-no-ha"]);
    let line = md
        .lines()
        .find(|l| l.contains("Energy monitoring, home energy management"))
        .unwrap();
    assert!(
        line.contains("In place in part per the report's case on this city")
            && line.contains(
                "baseline, the report's case on this city: the energy management system saves 11%"
            ),
        "{line}"
    );
    let zh = ok(dir.path(), &["--lang", "zh", "report", "kashiwa-no-ha"]);
    assert!(zh.contains("据报告中本地案例已部分实现"), "{zh}");
    // Suzhou's open-data item: the report's own next step for the city, the
    // measure with no borrowed figure (not London's 700 datasets)
    let md = ok(dir.path(), &["report", "suzhou"]);
    assert!(!md.contains("London Datastore"), "{md}");
    assert!(
        md.contains("Outcome: Datasets opened to the public (count), the report's next step for this city: from data shared inside government to open data (no figure given, none borrowed; source: Shaping the Future of Small and Medium-sized Cities"),
        "{md}"
    );
    let zh = ok(dir.path(), &["--lang", "zh", "report", "suzhou"]);
    assert!(!zh.contains("伦敦数据仓库"), "{zh}");
    assert!(
        zh.contains("成效指标：向社会开放的数据集数量，即报告所述本市下一步“从政府内部数据共享到对外开放”（报告未给出数据，不借用其他城市数据，见《"),
        "{zh}"
    );
    // Fukuoka's medical savings measure its health platform, not proactive
    // services (that outcome is to be set with the city)
    let md = ok(dir.path(), &["report", "fukuoka"]);
    let line = md
        .lines()
        .find(|l| l.contains("offers services proactively to eligible people"))
        .unwrap();
    assert!(
        !line.contains("400 million") && line.contains("Outcome: to be set with the city"),
        "{line}"
    );
    let html = ok(dir.path(), &["report", "suzhou", "--format", "html"]);
    assert!(html.contains(
        "no figure given, none borrowed; source: Shaping the Future of Small and Medium-sized Cities"
    ));
    // JSON: each outcome's source, and whether the first is the city's own
    for id in EXAMPLES {
        let j = report_json(dir.path(), id, "en");
        for phase in j["plan"].as_array().unwrap() {
            for mv in phase["domains"].as_array().unwrap() {
                for w in mv["work"].as_array().unwrap() {
                    assert!(w["own_figure"].is_boolean(), "{id}");
                    for o in w["outcomes"].as_array().unwrap() {
                        assert!(
                            !o["source"]["document"].as_str().unwrap().is_empty()
                                && !o["source"]["quote"].as_str().unwrap().is_empty(),
                            "{id}: {o}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn specialty_counties_at_stage_two_are_given_stage_three_and_their_own_next_step() {
    let dir = examples();
    for (id, own) in [
        ("shen-county", "value-added services"),
        ("baoying", "agri-tourism culture"),
    ] {
        let md = ok(dir.path(), &["report", id]);
        let entry = &md[md.find("### 1. Industry & Economy").unwrap()
            ..md.find("**Cases in the report**").unwrap()];
        // not its own stage 1 -> 2 case as its next step
        assert!(!entry.contains("first IoT and blockchain"), "{id}: {entry}");
        let effect = entry
            .lines()
            .find(|l| l.starts_with("- **The effect**"))
            .unwrap();
        // the effect is stage 3's as the report gives it, ending there;
        // the cross-sector links and the own next step are said once, in
        // the specialty reason (review 5: they were repeated in the effect)
        assert!(
            effect.starts_with(
                "- **The effect**: Today (stage 2, see the report's case on this county above) → "
            ) && effect.ends_with("people can work flexibly across the region.")
                && !effect.contains(own),
            "{id}: {effect}"
        );
        let reason = entry
            .lines()
            .find(|l| l.starts_with("- It is the city's specific domain"))
            .unwrap();
        assert!(
            reason.contains("cross-sector") && reason.contains(own),
            "{id}: {reason}"
        );
        let zh = ok(dir.path(), &["--lang", "zh", "report", id]);
        assert!(zh.contains("现状（阶段二，见上文本县案例） → "), "{id}");
        assert!(!zh.contains("见上文报告中关于本城市的案例"), "{id}");
    }
    // Baoying's bonsai warning names industry and economy, where its
    // big-screen command centre is
    let md = ok(dir.path(), &["report", "baoying"]);
    assert!(
        md.contains("- Industry & Economy: risk of the \"bonsai\" pattern: \"build big screens, put on a showcase, hook up systems\""),
        "{md}"
    );
    let zh = ok(dir.path(), &["--lang", "zh", "report", "baoying"]);
    assert!(zh.contains("即“建大屏、做展示、接系统”，短期内形成可“参观”、可“上报”的素材"));
    assert!(!zh.contains("供参观"));
}

#[test]
fn every_numbered_note_is_referenced_and_the_zh_reads_without_machine_chains() {
    let dir = examples();
    for id in EXAMPLES {
        for lang in ["en", "zh"] {
            let md = ok(dir.path(), &["--lang", lang, "report", id]);
            let start = md
                .find("\n## Sources\n")
                .or_else(|| md.find("\n## 依据\n"))
                .expect("the notes");
            let end = md[start + 1..]
                .find("\n## ")
                .map_or(md.len(), |e| start + 1 + e);
            let notes = &md[start..end];
            let body = format!("{}{}", &md[..start], &md[end..]);
            for line in notes.lines() {
                let Some((n, _)) = line.split_once(". ") else {
                    continue;
                };
                if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() {
                    assert!(
                        body.contains(&format!("[{n}]")) || body.contains(&format!("\\[{n}\\]")),
                        "{id} {lang}: note {n} is never referenced"
                    );
                }
            }
            if lang == "zh" {
                for bad in [
                    "]和",
                    "““",
                    "””",
                    "：见上文",
                    "供参观",
                    "（调研关注度排名第",
                ] {
                    assert!(!md.contains(bad), "{id}: {bad}");
                }
            }
        }
    }
}

/// Review 5: no line of an entry point's section repeats, and no sentence of
/// it is said twice (Shen County's stage-3 path was said in the reason, the
/// "what is digitised" aspect and again in "the effect"; Pengshui had two
/// start-small bullets; Kaifeng one outcome on two items), for every
/// example city in both languages.
#[test]
fn no_line_or_sentence_repeats_within_an_entry_point_section() {
    let dir = examples();
    for id in EXAMPLES {
        for lang in ["en", "zh"] {
            let md = ok(dir.path(), &["--lang", lang, "report", id]);
            let mut sections: Vec<Vec<&str>> = vec![];
            let mut inside = false;
            for line in md.lines() {
                if line.starts_with("## ") {
                    inside = false;
                } else if let Some(rest) = line.strip_prefix("### ") {
                    inside = rest.chars().next().is_some_and(|c| c.is_ascii_digit());
                    if inside {
                        sections.push(vec![]);
                    }
                } else if inside && !line.trim().is_empty() {
                    sections.last_mut().unwrap().push(line);
                }
            }
            assert!(!sections.is_empty(), "{id} {lang}: no entry point");
            for lines in &sections {
                let mut seen = std::collections::BTreeSet::new();
                for line in lines {
                    assert!(seen.insert(*line), "{id} {lang}: line repeated: {line}");
                }
                let mut sentences = std::collections::BTreeMap::new();
                for line in lines {
                    for s in line
                        .split([':', '：'])
                        .flat_map(|p| p.split(". ").flat_map(|p| p.split('。')))
                        .map(|s| s.trim_start_matches(['-', ' ', '*']).trim())
                        .filter(|s| s.chars().count() >= 40)
                    {
                        if let Some(first) = sentences.insert(s.to_string(), *line) {
                            panic!("{id} {lang}: said twice: {s}\n{first}\n{line}");
                        }
                    }
                }
            }
        }
    }
}

/// Review 5: an entry point resting on a suggested target gives the
/// suggestion's horizon in `horizon_years` (a number, never `null`), while
/// `target` stays the city's own (`null`).
#[test]
fn json_horizon_years_of_a_suggested_entry_point_is_the_suggestions() {
    let dir = examples();
    let j = report_json(dir.path(), "pinghu", "en");
    let entries = j["entry_points"].as_array().unwrap();
    assert!(!entries.is_empty());
    for e in entries {
        assert_eq!(e["suggested"], true, "{e}");
        assert!(e["target"].is_null(), "{e}");
        let domain = e["domain"].as_str().unwrap();
        let d = j["domains"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == domain || d["domain"] == domain)
            .unwrap_or_else(|| panic!("{domain}"));
        let years = d["suggested_target"]["horizon_years"].as_u64().unwrap();
        assert_eq!(e["horizon_years"].as_u64(), Some(years), "{e}");
    }
}

/// Review 5: Suzhou's plan lists each move once, in the phase where it
/// starts; the government-efficiency move, which runs on into phase 2, says
/// so; no phase heading starts after a move inside it.
#[test]
fn plan_phasing_suzhou_a_move_once_where_it_starts_and_across_phases_said() {
    let dir = examples();
    for (lang, across) in [("en", ", across phases 1-2)"), ("zh", "，跨第 1、2 期）")] {
        let md = ok(dir.path(), &["--lang", lang, "report", "suzhou"]);
        let plan = &md[md.find("\n### ").unwrap()..];
        let mut phase_start = String::new();
        let mut moves = std::collections::BTreeSet::new();
        for line in plan.lines() {
            if line.starts_with("## ") {
                break;
            }
            if let Some(h) = line.strip_prefix("### ") {
                // "Phase 1: 2022-05-01 to ..." / "第 1 期：2022-05-01 至 ..."
                if let Some(i) = h.find("20") {
                    phase_start = h[i..i + 10].to_string();
                }
                continue;
            }
            if !line.starts_with("- ") || phase_start.is_empty() {
                continue;
            }
            if let Some(i) = line.find("runs ").or_else(|| line.find("实施时间：")) {
                let at = line[i..].find("20").unwrap() + i;
                let start = &line[at..at + 10];
                assert!(
                    start >= phase_start.as_str(),
                    "{lang}: {line} in {phase_start}"
                );
            }
            if line.contains("→") && !line.contains("**") {
                assert!(moves.insert(line.to_string()), "{lang}: twice: {line}");
            }
        }
        assert!(md.contains(across), "{lang}:\n{plan}");
    }
}

#[test]
fn a_countys_answers_read_the_whole_county_as_its_plan_does() {
    let dir = examples();
    let j = report_json(dir.path(), "shen-county", "zh");
    let texts: Vec<&str> = j["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["text"].as_str())
        .collect();
    assert!(texts.iter().any(|t| t.contains("全县")), "{texts:?}");
    assert!(texts.iter().all(|t| !t.contains("全市")), "{texts:?}");
    // a city keeps 全市
    let j = report_json(dir.path(), "suzhou", "zh");
    assert!(
        j["answers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["text"].as_str().is_some_and(|t| t.contains("全市")))
    );
}
