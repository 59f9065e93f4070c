//! `citydx compare`, run as a user runs it: the real binary on copies of the
//! example profiles, and on Baoying given three yearly assessments (built
//! here from `profiles/baoying.json`). The JSON is parsed and its documented
//! shape and numbers checked, the Markdown's side-by-side table read row by
//! row, the HTML checked with the shared tag checker (`common/`). Every bad
//! input checks its message, its exit code, and that no file appeared.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::{Value, json};

fn compare_json(dir: &Path, args: &[&str], lang: &str) -> Value {
    let mut all = vec!["--lang", lang, "compare"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let text = ok(dir, &all);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{all:?}: {e}\n{text}"))
}

/// Baoying with three yearly assessments: the report's (2022), one a year
/// on with infrastructure's first stage in place and the economy set by the
/// assessor to 2.8 (2023), and one with infrastructure's second stage,
/// services' first and the economy's third in place, the override gone
/// (2024).
fn yearly_baoying() -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/baoying.json");
    let mut p: Value = serde_json::from_str(&fs::read_to_string(src).unwrap()).unwrap();
    let first = p["assessments"][0].clone();
    let mut second = first.clone();
    second["date"] = json!("2023-05-01");
    answer(
        second["answers"].as_object_mut().unwrap(),
        "infrastructure",
        1,
        "met",
    );
    second["overrides"] =
        json!({"economy": {"level": 2.8, "reason": "The new platform is live in two parks."}});
    let mut third = second.clone();
    third["date"] = json!("2024-05-01");
    third["overrides"] = json!({});
    let answers = third["answers"].as_object_mut().unwrap();
    answer(answers, "infrastructure", 2, "met");
    answer(answers, "services", 1, "met");
    answer(answers, "economy", 3, "met");
    p["assessments"] = json!([first, second, third]);
    p["updated"] = json!("2024-05-01T00:00:00Z");
    serde_json::to_string_pretty(&p).unwrap() + "\n"
}

/// The example profiles, Baoying with its three yearly assessments.
fn with_yearly_baoying() -> tempfile::TempDir {
    let dir = examples();
    fs::write(dir.path().join("baoying.json"), yearly_baoying()).unwrap();
    dir
}

fn row<'a>(j: &'a Value, domain: &str) -> &'a Value {
    j["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["domain"] == domain)
        .unwrap_or_else(|| panic!("no row {domain}"))
}

/// Checks the documented shape of a comparison's JSON.
fn check_shape(j: &Value, columns: usize, at: &str) {
    has_keys(
        j,
        &[
            "lang",
            "kind",
            "sort",
            "columns",
            "rows",
            "differing_entry_points",
        ],
        at,
    );
    let cols = j["columns"].as_array().unwrap();
    assert_eq!(cols.len(), columns, "{at}");
    for c in cols {
        has_keys(
            c,
            &[
                "profile",
                "name",
                "assessment",
                "date",
                "levels",
                "overridden",
                "targets",
                "matrix",
                "entry_points",
            ],
            at,
        );
        has_keys(&c["name"], &["zh", "en"], at);
        for field in ["levels", "overridden", "targets", "matrix"] {
            let mut domains = keys(&c[field]);
            domains.sort();
            let mut all = DOMAINS.to_vec();
            all.sort();
            assert_eq!(domains, all, "{at}: {field}");
        }
        for d in DOMAINS {
            let l = &c["levels"][d];
            assert!(
                l.is_null() || (0.0..=3.0).contains(&l.as_f64().unwrap()),
                "{at}"
            );
            assert!(c["overridden"][d].is_boolean(), "{at}");
            let t = &c["targets"][d];
            assert!(t.is_null() || (1..=3).contains(&t.as_u64().unwrap()));
            let m = c["matrix"][d].as_array().unwrap();
            assert_eq!(m.len(), 3, "{at}");
            assert!(m.iter().all(|x| x.is_null() || x.is_f64()));
        }
        for e in c["entry_points"].as_array().unwrap() {
            assert!(DOMAINS.contains(&e.as_str().unwrap()), "{at}: {e}");
        }
    }
    let rows = j["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 7, "{at}");
    let mut seen: Vec<&str> = rows.iter().map(|r| r["domain"].as_str().unwrap()).collect();
    seen.sort();
    let mut all = DOMAINS.to_vec();
    all.sort();
    assert_eq!(seen, all, "{at}: every domain once");
    for r in rows {
        has_keys(
            r,
            &["domain", "levels", "targets", "differences", "spread"],
            at,
        );
        for list in ["levels", "targets", "differences"] {
            assert_eq!(r[list].as_array().unwrap().len(), columns, "{at}: {list}");
        }
        // each row's levels are its columns' levels
        for (i, c) in cols.iter().enumerate() {
            assert_eq!(r["levels"][i], c["levels"][r["domain"].as_str().unwrap()]);
        }
    }
    for d in j["differing_entry_points"].as_array().unwrap() {
        has_keys(d, &["domain", "columns"], at);
        let with = d["columns"].as_array().unwrap();
        assert!(!with.is_empty() && with.len() < columns, "{at}: {d}");
        for i in with {
            let c = &cols[i.as_u64().unwrap() as usize];
            assert!(
                c["entry_points"].as_array().unwrap().contains(&d["domain"]),
                "{at}: {d}"
            );
        }
    }
}

#[test]
fn json_has_the_documented_shape_and_the_numbers_of_pinghu_and_shen_county() {
    let dir = examples();
    for lang in ["en", "zh"] {
        let j = compare_json(dir.path(), &["pinghu", "shen-county"], lang);
        check_shape(&j, 2, lang);
        assert_eq!(j["lang"], lang);
        assert_eq!(j["kind"], "cities");
        assert_eq!(j["sort"], "domain");
        let rows: Vec<&str> = j["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["domain"].as_str().unwrap())
            .collect();
        assert_eq!(rows, DOMAINS, "the report's order by default");
        let infra = row(&j, "infrastructure");
        // evidence before level (core::maturity): each stage counts by how
        // much of it is answered
        assert_eq!(infra["levels"], json!([3.0, 0.67]));
        assert_eq!(infra["differences"], json!([0.0, -2.33]));
        assert_eq!(infra["spread"], 2.33);
        assert_eq!(infra["targets"], json!([3, null]));
        let services = row(&j, "services");
        assert_eq!(services["levels"], json!([null, null]));
        assert!(services["spread"].is_null());
        // no baseline, no difference
        assert_eq!(row(&j, "economy")["differences"], json!([null, null]));
        assert_eq!(row(&j, "enablers")["differences"], json!([0.0, 0.13]));
        // the names in the language asked for, the ids in English
        let name = row(&j, "services")["name"].as_str().unwrap();
        assert_eq!(has_han(name), lang == "zh", "{name}");
        let c = &j["columns"];
        assert_eq!(c[0]["profile"], "pinghu");
        assert_eq!(c[0]["name"], json!({"zh": "平湖", "en": "Pinghu"}));
        assert_eq!(c[1]["profile"], "shen-county");
        assert_eq!(c[0]["assessment"], 1);
        assert_eq!(c[0]["date"], "2022-05-01");
        assert_eq!(c[0]["levels"]["infrastructure"], 3.0);
        assert_eq!(c[0]["overridden"]["infrastructure"], true);
        assert_eq!(c[0]["targets"]["infrastructure"], 3);
        assert_eq!(c[0]["matrix"]["infrastructure"], json!([1.0, 0.75, 0.83]));
        assert_eq!(c[1]["matrix"]["services"], json!([null, null, null]));
        // Shen County's one entry point is the economy; Pinghu's own target
        // (infrastructure) stands at the report's placement (迈入阶段三, an
        // override of 3.00), so its entry points are the engine's suggested
        // next stages of its assessed domains
        assert_eq!(c[0]["entry_points"], json!(["governance", "government"]));
        assert_eq!(c[1]["entry_points"], json!(["economy"]));
        assert_eq!(
            j["differing_entry_points"],
            json!([
                {"domain": "economy", "columns": [1]},
                {"domain": "governance", "columns": [0]},
                {"domain": "government", "columns": [0]}
            ])
        );
    }
    // the levels are those `show` gives
    let j = compare_json(dir.path(), &["suzhou", "pinghu", "kaifeng"], "en");
    check_shape(&j, 3, "three");
    for (i, id) in ["suzhou", "pinghu", "kaifeng"].iter().enumerate() {
        let show: Value = serde_json::from_str(&ok(dir.path(), &["show", id, "--json"])).unwrap();
        for d in show["domains"].as_array().unwrap() {
            assert_eq!(
                j["columns"][i]["levels"][d["id"].as_str().unwrap()],
                d["level"],
                "{id} {}",
                d["id"]
            );
        }
    }
}

#[test]
fn sorting_by_difference_puts_infrastructure_first() {
    let dir = examples();
    let j = compare_json(
        dir.path(),
        &["pinghu", "shen-county", "--sort", "difference"],
        "en",
    );
    check_shape(&j, 2, "sorted");
    assert_eq!(j["sort"], "difference");
    let rows = j["rows"].as_array().unwrap();
    assert_eq!(rows[0]["domain"], "infrastructure");
    // largest spread first, unknown spreads last
    let spreads: Vec<Option<f64>> = rows.iter().map(|r| r["spread"].as_f64()).collect();
    let known = spreads.iter().take_while(|s| s.is_some()).count();
    assert!(spreads[known..].iter().all(Option::is_none), "{spreads:?}");
    assert!(
        spreads[..known]
            .windows(2)
            .all(|w| w[0].unwrap() >= w[1].unwrap())
    );
    let md = ok(
        dir.path(),
        &["compare", "pinghu", "shen-county", "--sort", "difference"],
    );
    let table = domain_rows(&md, "Domain");
    assert_eq!(table[0][0], "Infrastructure");
    assert!(md.contains("Largest spread first"), "{md}");
    let md = ok(dir.path(), &["compare", "pinghu", "shen-county"]);
    assert_eq!(
        domain_rows(&md, "Domain")[0][0],
        "Livelihood & Services",
        "by domain by default"
    );
}

#[test]
fn markdown_has_the_side_by_side_table_with_seven_rows() {
    let dir = examples();
    let md = ok(dir.path(), &["compare", "pinghu", "shen-county"]);
    assert!(
        md.starts_with("# Comparison: Pinghu and Shen County\n"),
        "{md}"
    );
    assert!(
        md.contains("\n| Domain | Pinghu | Shen County | Spread |\n|---|---|---|---:|\n"),
        "{md}"
    );
    let rows = domain_rows(&md, "Domain");
    assert_eq!(rows.len(), 7);
    assert!(rows.iter().all(|r| r.len() == 4), "{rows:?}");
    let infra = rows.iter().find(|r| r[0] == "Infrastructure").unwrap();
    assert_eq!(
        infra[1..],
        ["3.00* → 3", "0.67 (-2.33)", "2.33"].map(String::from)
    );
    let economy = rows.iter().find(|r| r[0] == "Industry & Economy").unwrap();
    assert_eq!(
        economy[1..],
        ["not assessed", "2.00* → 3", "-"].map(String::from)
    );
    let enablers = rows
        .iter()
        .find(|r| r[0] == "Enablers (Leadership & Policy)")
        .unwrap();
    assert_eq!(
        enablers[1..],
        ["1.05 → 3", "1.18 (+0.13)", "0.13"].map(String::from)
    );
    for heading in [
        "## Compared",
        "## The seven domains side by side",
        "## Each one's 7 x 3 matrix",
        "### Pinghu",
        "### Shen County",
        "## Entry points",
        "### Where the entry points differ",
    ] {
        assert!(md.contains(&format!("\n{heading}\n")), "{heading}");
    }
    assert!(!md.contains("## Timeline"), "only over time");
    // each one's matrix, the target in words
    let pinghu = &md[md.find("### Pinghu").unwrap()..];
    let matrix = domain_rows(pinghu, "Domain");
    assert_eq!(matrix.len(), 7);
    let infra = matrix.iter().find(|r| r[0] == "Infrastructure").unwrap();
    assert_eq!(
        infra[1..],
        ["100%", "75%", "83% [target]"].map(String::from)
    );
    // Pinghu's entry points rest on suggested targets: marked, and the
    // mark explained
    assert!(md.contains(
        "- **Pinghu**: Governance & Operations† and Government Efficiency†\n- **Shen County**: Industry & Economy\n"
    ));
    assert!(md.contains("\n† rests on a target the advice suggests, not the city's own"));
    assert!(
        md.contains("- Governance & Operations: an entry point for Pinghu†, not for Shen County\n")
    );
    assert!(md.contains("- Industry & Economy: an entry point for Shen County, not for Pinghu\n"));

    let zh = ok(
        dir.path(),
        &["--lang", "zh", "compare", "pinghu", "shen-county"],
    );
    assert!(zh.starts_with("# 比较：平湖和莘县\n"), "{zh}");
    let rows = domain_rows(&zh, "领域");
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[0][..3],
        ["民生与服务", "未评估", "未评估"].map(String::from)
    );
    assert_eq!(
        rows[5][1..],
        ["3.00* → 3", "0.67 (-2.33)", "2.33"].map(String::from)
    );
    assert!(
        zh.contains("产业与经济：是莘县的切入点，不是平湖的切入点"),
        "{zh}"
    );
}

#[test]
fn html_is_well_formed_self_contained_and_printable() {
    let dir = with_yearly_baoying();
    let six = [
        "pinghu",
        "shen-county",
        "suzhou",
        "fukuoka",
        "kaifeng",
        "baoying",
    ];
    for lang in ["en", "zh"] {
        for (args, columns) in [(six.to_vec(), 6), (vec!["baoying", "--assessments"], 3)] {
            let mut all = vec!["--lang", lang, "compare"];
            all.extend(&args);
            all.extend(["--format", "html"]);
            let html = ok(dir.path(), &all);
            check_well_formed(&html);
            assert!(html.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{lang}\">")));
            for banned in ["<script", "<link", "src=", "href=", "url(", "@import"] {
                assert!(!html.contains(banned), "{args:?} {lang}: {banned}");
            }
            assert!(html.contains("@page { size: A4; margin: 15mm }"));
            assert!(html.contains("tr { break-inside: avoid"));
            // the side-by-side table: a column per city, seven rows, the
            // level written out beside each bar
            let side = &html[html.find("<table class=\"side\">").unwrap()..];
            let side = &side[..side.find("</table>").unwrap()];
            assert_eq!(side.matches("<tr>").count(), 8, "header and 7 rows");
            assert_eq!(side.matches("<td class=\"level").count(), 7 * columns);
            for cell in side.split("<td class=\"level").skip(1) {
                if cell.contains("class=\"bar\"") {
                    assert!(
                        cell.starts_with("\">") && cell[2..3].parse::<u8>().is_ok(),
                        "a bar without its number: {cell}"
                    );
                }
            }
            // each one's matrix, the target in words as well as in bold
            assert_eq!(html.matches("<table class=\"matrix\">").count(), columns);
            let mark = if lang == "zh" { "[目标]" } else { "[target]" };
            assert_eq!(
                html.matches(" target\">").count(),
                html.matches(&format!(" {mark}</td>")).count(),
            );
            assert!(html.matches(" target\">").count() >= 1);
            if lang == "en" {
                assert!(html.contains("Livelihood &amp; Services"));
                assert!(!html.contains("Livelihood & Services"));
            }
        }
    }
    // every text from a profile is escaped
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/pinghu.json");
    let mut tricky: Value = serde_json::from_str(&fs::read_to_string(src).unwrap()).unwrap();
    tricky["id"] = json!("tricky");
    tricky["city"]["name"] = json!({"zh": "怪<县>", "en": "Tricky & <Co> \"Ltd\""});
    fs::write(
        dir.path().join("tricky.json"),
        serde_json::to_string_pretty(&tricky).unwrap(),
    )
    .unwrap();
    let html = ok(
        dir.path(),
        &["compare", "tricky", "suzhou", "--format", "html"],
    );
    check_well_formed(&html);
    assert!(!html.contains("<Co>") && !html.contains("<县>"));
    assert!(
        html.contains(
            "<title>Comparison: Tricky &amp; &lt;Co&gt; &quot;Ltd&quot; and Suzhou</title>"
        ),
        "{html}"
    );
    let md = ok(dir.path(), &["compare", "tricky", "suzhou"]);
    assert!(
        md.contains("| Domain | Tricky & \\<Co> \"Ltd\" | Suzhou | Spread |"),
        "{md}"
    );
    // no timeline for cities
    let html = ok(
        dir.path(),
        &["compare", "pinghu", "shen-county", "--format", "html"],
    );
    assert!(!html.contains("<section class=\"timeline\">"));
    assert!(html.contains("<section class=\"compare-radar\">"));
    assert!(html.contains(
        "<li>Industry &amp; Economy: an entry point for Shen County, not for Pinghu</li>"
    ));
}

#[test]
fn the_timeline_of_three_yearly_assessments_comes_in_order() {
    let dir = with_yearly_baoying();
    ok(dir.path(), &["validate"]);
    let j = compare_json(dir.path(), &["baoying", "--assessments"], "en");
    check_shape(&j, 3, "timeline");
    assert_eq!(j["kind"], "timeline");
    let cols = j["columns"].as_array().unwrap();
    assert_eq!(
        cols.iter()
            .map(|c| c["assessment"].clone())
            .collect::<Vec<_>>(),
        [json!(1), json!(2), json!(3)]
    );
    assert_eq!(
        cols.iter().map(|c| c["date"].clone()).collect::<Vec<_>>(),
        [
            json!("2022-05-01"),
            json!("2023-05-01"),
            json!("2024-05-01")
        ]
    );
    assert!(cols.iter().all(|c| c["profile"] == "baoying"));
    let economy = row(&j, "economy");
    // the third assessment meets all of stage 3 on full evidence, and
    // stage 1's two answers are partly: stage 3 fills only stage 1's
    // unanswered indicators, never over its answers (maturity rule 4), so
    // the computed level is 2.1 where the second assessment's override
    // said 2.8 (the first assessment carries the report's placement as an
    // override)
    assert_eq!(economy["levels"], json!([2.0, 2.8, 2.1]));
    assert_eq!(economy["differences"], json!([0.0, 0.8, 0.1]));
    assert_eq!(economy["spread"], 0.8);
    assert_eq!(cols[1]["overridden"]["economy"], true);
    assert_eq!(cols[2]["overridden"]["economy"], false);
    let infra = row(&j, "infrastructure");
    assert_eq!(infra["levels"], json!([null, 1.0, 2.0]));
    assert_eq!(
        infra["differences"],
        json!([null, null, null]),
        "no baseline"
    );
    assert_eq!(infra["spread"], 1.0);
    assert_eq!(row(&j, "services")["levels"], json!([null, null, 1.0]));
    // by difference: infrastructure moved most (1.0 to 2.0), then economy
    // (its override, 2.8, against 2.1 computed the year after: spread 0.8)
    let sorted = compare_json(
        dir.path(),
        &["baoying", "--assessments", "--sort", "difference"],
        "en",
    );
    let order: Vec<&str> = sorted["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["domain"].as_str().unwrap())
        .collect();
    assert_eq!(order[..2], ["infrastructure", "economy"]);

    let md = ok(dir.path(), &["compare", "baoying", "--assessments"]);
    assert!(md.starts_with("# Baoying (宝应县) over time\n"), "{md}");
    assert!(
        md.contains("\n| Domain | 2022-05-01 | 2023-05-01 | 2024-05-01 | Spread |\n"),
        "{md}"
    );
    let rows = domain_rows(&md, "Domain");
    assert_eq!(rows.len(), 7);
    let economy = rows.iter().find(|r| r[0] == "Industry & Economy").unwrap();
    assert_eq!(
        economy[1..],
        ["2.00* → 3", "2.80* → 3 (+0.80)", "2.10 → 3 (+0.10)", "0.80"].map(String::from)
    );
    let timeline = &md[md.find("\n## Timeline\n").expect("a timeline")..];
    let timeline = &timeline[..timeline.find("\n## Each one").unwrap()];
    assert!(
        timeline.contains("- **Industry & Economy**: 2022-05-01 2.00* → 2023-05-01 2.80* → 2024-05-01 2.10 (change +0.10)\n"),
        "{timeline}"
    );
    assert!(
        timeline.contains("- **Infrastructure**: 2022-05-01 - → 2023-05-01 1.00 → 2024-05-01 2.00 (change +1.00)\n"),
        "{timeline}"
    );
    // the assessor's level of 2023 was not carried to 2024: the change is
    // said to be no change in the city (issue 15)
    assert!(
        timeline.contains("Industry & Economy: at 2023-05-01 the level was the assessor's (2.80*), not carried over to 2024-05-01"),
        "{timeline}"
    );
    assert_eq!(
        timeline.matches("not carried over to").count(),
        1,
        "{timeline}"
    );
    assert!(
        // (governance holds one answer: Baoying's big-screen command centre,
        // shown in use only in part)
        timeline.contains("Not assessed at any date: Environment & Low Carbon, Government Efficiency and Enablers (Leadership & Policy)."),
        "{timeline}"
    );
    for heading in ["### 2022-05-01", "### 2023-05-01", "### 2024-05-01"] {
        assert!(md.contains(&format!("\n{heading}\n")), "{heading}");
    }

    let zh = ok(
        dir.path(),
        &["--lang", "zh", "compare", "baoying", "--assessments"],
    );
    assert!(
        zh.starts_with("# 宝应县（Baoying）：历次评估比较\n"),
        "{zh}"
    );
    assert!(
        zh.contains(
            "- **产业与经济**：2022-05-01 2.00* → 2023-05-01 2.80* → 2024-05-01 2.10（变化 +0.10）\n"
        ),
        "{zh}"
    );
    assert!(
        zh.contains("产业与经济：2023-05-01 的水平为评估人所定（2.80*），未沿用到 2024-05-01"),
        "{zh}"
    );

    // the HTML draws one chart per domain with a level, the dates in order
    let html = ok(
        dir.path(),
        &["compare", "baoying", "--assessments", "--format", "html"],
    );
    check_well_formed(&html);
    // (economy, infrastructure and governance, which holds the use check)
    assert_eq!(html.matches("<figure class=\"timeline\">").count(), 4);
    let economy = &html[html.find("id=\"timeline-economy\"").unwrap()..];
    let economy = &economy[..economy.find("</figure>").unwrap()];
    let dates: Vec<usize> = ["2022-05-01", "2023-05-01", "2024-05-01"]
        .iter()
        .map(|d| economy.find(&format!(">{d}</text>")).unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{economy}");
    assert!(economy.contains(">2.80*</text>"));
    assert!(economy.contains("<polyline class=\"level\""));

    // cities: each at its latest assessment
    let j = compare_json(dir.path(), &["baoying", "pinghu"], "en");
    assert_eq!(j["columns"][0]["assessment"], 3);
    assert_eq!(j["columns"][0]["date"], "2024-05-01");
}

#[test]
fn every_format_speaks_both_languages() {
    let dir = examples();
    for format in ["md", "html", "json"] {
        let args = |lang: &'static str| {
            vec![
                "--lang",
                lang,
                "compare",
                "suzhou",
                "shen-county",
                "--format",
                format,
            ]
        };
        let en = ok(dir.path(), &args("en"));
        let zh = ok(dir.path(), &args("zh"));
        assert_ne!(en, zh);
        assert!(en.contains("Livelihood & Services") || en.contains("Livelihood &amp; Services"));
        assert!(zh.contains("民生与服务"), "{format}");
        if format != "json" {
            assert!(en.contains("The seven domains side by side"), "{format}");
            assert!(zh.contains("七个领域对比"), "{format}");
            assert!(!zh.contains("side by side"), "{format}");
            assert!(en.contains("Shen County") && zh.contains("莘县"));
        }
    }
    // the default format is Markdown
    assert_eq!(
        ok(dir.path(), &["compare", "suzhou", "shen-county"]),
        ok(
            dir.path(),
            &["compare", "suzhou", "shen-county", "--format", "md"]
        )
    );
}

#[test]
fn dash_o_writes_the_file_atomically_and_says_where() {
    let dir = examples();
    let out_dir = tempfile::tempdir().unwrap();
    for (format, name) in [("md", "Markdown"), ("html", "HTML"), ("json", "JSON")] {
        let path = out_dir.path().join(format!("cmp.{format}"));
        let p = path.to_str().unwrap();
        let args = ["compare", "pinghu", "shen-county", "--format", format];
        let mut with_o = args.to_vec();
        with_o.extend(["-o", p]);
        let printed = ok(dir.path(), &with_o);
        assert_eq!(
            printed,
            format!("Wrote the {name} comparison to {}\n", path.display())
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), ok(dir.path(), &args));
    }
    // replacing a file, in Chinese
    let path = out_dir.path().join("cmp.md");
    fs::write(&path, "old").unwrap();
    let printed = ok(
        dir.path(),
        &[
            "--lang",
            "zh",
            "compare",
            "pinghu",
            "shen-county",
            "--output",
            path.to_str().unwrap(),
        ],
    );
    assert!(printed.starts_with("Markdown比较已写入 "), "{printed}");
    assert!(fs::read_to_string(&path).unwrap().starts_with("# 比较："));
    let mut names: Vec<String> = fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["cmp.html", "cmp.json", "cmp.md"],
        "no temporary left"
    );
}

#[test]
fn bad_inputs_give_a_clear_message_the_right_exit_code_and_no_file() {
    let dir = examples();
    let empty = serde_json::to_string_pretty(&json!({
        "schema_version": 1,
        "id": "emptyville",
        "city": {"name": {"zh": "空城", "en": "Emptyville"}, "country": "CN"},
        "assessments": [],
        "created": "2025-01-01T00:00:00Z",
        "updated": "2025-01-01T00:00:00Z"
    }))
    .unwrap();
    fs::write(dir.path().join("emptyville.json"), empty + "\n").unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("cmp.md");
    let t = target.to_str().unwrap();
    let seven = [
        "compare",
        "aizuwakamatsu",
        "baoying",
        "fukuoka",
        "kaifeng",
        "kashiwa-no-ha",
        "pengshui",
        "pinghu",
        "-o",
        t,
    ];
    let cases: Vec<(Vec<&str>, i32, Vec<&str>)> = vec![
        (
            vec!["compare", "pinghu", "-o", t],
            2,
            vec![
                "compare takes 2 to 6 profile ids; 1 given",
                "add --assessments",
            ],
        ),
        (
            seven.to_vec(),
            2,
            vec!["compare takes 2 to 6 profile ids; 7 given"],
        ),
        (
            vec!["compare", "pinghu", "suzhou", "--assessments", "-o", t],
            2,
            vec!["compare --assessments takes one profile id", "2 given"],
        ),
        (
            vec!["compare", "pinghu", "pinghu", "-o", t],
            2,
            vec!["profile id \"pinghu\" is given twice"],
        ),
        (vec!["compare"], 2, vec!["<ID>"]),
        (
            vec!["compare", "pinghu", "suzhou", "--sort", "size", "-o", t],
            2,
            vec!["invalid value 'size'", "domain, difference"],
        ),
        (
            vec!["compare", "pinghu", "suzhou", "--format", "pdf", "-o", t],
            2,
            vec!["invalid value 'pdf'"],
        ),
        (
            vec!["compare", "pinghu", "--assessments", "-o", t],
            1,
            vec!["profile \"pinghu\" has 1 assessment; comparing it over time needs at least 2"],
        ),
        (
            vec!["compare", "pinghu", "nobody", "-o", t],
            1,
            vec!["no profile \"nobody\""],
        ),
        (
            vec!["compare", "pinghu", "../suzhou", "-o", t],
            1,
            vec!["invalid profile id"],
        ),
        (
            vec!["compare", "pinghu", "emptyville", "-o", t],
            1,
            vec!["profile \"emptyville\" has no assessment yet"],
        ),
        (
            vec!["compare", "emptyville", "--assessments", "-o", t],
            1,
            vec!["profile \"emptyville\" has no assessment yet"],
        ),
    ];
    for (args, code, needles) in cases {
        let before = snapshot(out_dir.path());
        let err = fails_cleanly(dir.path(), &args, code, &needles);
        if code == 2 {
            // clap's form: the message on its first line; the number of ids
            // is checked after parsing, and says so in the same form, with
            // the subcommand's usage
            let first = err.lines().next().unwrap();
            assert!(first.starts_with("error: "), "{args:?}: {err}");
            if needles[0].contains("given") {
                assert!(first.contains(needles[0]), "{args:?}: {err}");
                assert!(err.contains("\nUsage: citydx compare "), "{args:?}: {err}");
            }
        }
        assert_eq!(snapshot(out_dir.path()), before, "{args:?} wrote something");
        assert!(!target.exists());
    }
    // -o naming a folder: refused, the folder untouched
    let before = snapshot(out_dir.path());
    let err = fails_cleanly(
        dir.path(),
        &[
            "compare",
            "pinghu",
            "suzhou",
            "-o",
            out_dir.path().to_str().unwrap(),
        ],
        1,
        &["is a folder; give a file name"],
    );
    assert!(err.contains(out_dir.path().to_str().unwrap()), "{err}");
    assert_eq!(snapshot(out_dir.path()), before);
    // a .json in the profiles folder would be taken for a profile
    fails_cleanly(
        dir.path(),
        &[
            "compare",
            "pinghu",
            "suzhou",
            "--format",
            "json",
            "-o",
            dir.path().join("cmp.json").to_str().unwrap(),
        ],
        1,
        &["cmp.json: inside the profiles folder"],
    );
    // six is the most, and works
    ok(
        dir.path(),
        &[
            "compare",
            "aizuwakamatsu",
            "baoying",
            "fukuoka",
            "kaifeng",
            "kashiwa-no-ha",
            "pengshui",
        ],
    );
}

/// The comparison's radar: every column on one chart, each line with its
/// own colour, dash pattern and point shape (readable printed in black and
/// white), named in the legend; cities and a city over time alike, in both
/// languages.
#[test]
fn the_comparison_html_puts_every_column_on_one_radar() {
    let dir = with_yearly_baoying();
    for lang in ["en", "zh"] {
        for (args, columns) in [
            (
                vec![
                    "compare",
                    "pinghu",
                    "shen-county",
                    "suzhou",
                    "--format",
                    "html",
                ],
                3,
            ),
            (
                vec!["compare", "baoying", "--assessments", "--format", "html"],
                3,
            ),
        ] {
            let mut args = args.clone();
            args.extend(["--lang", lang]);
            let html = ok(dir.path(), &args);
            check_well_formed(&html);
            let start = html
                .find("<figure class=\"compare-radar\">")
                .expect("a radar");
            let end = start + html[start..].find("</figure>").unwrap();
            let radar = &html[start..end];
            assert_eq!(radar.matches("<svg").count(), 1, "one chart");
            let lines: Vec<&str> = radar
                .split("<polygon class=\"column\"")
                .skip(1)
                .map(|rest| &rest[..rest.find("/>").unwrap()])
                .collect();
            assert_eq!(lines.len(), columns, "{radar}");
            let attr = |line: &str, name: &str| {
                line.split(&format!("{name}=\""))
                    .nth(1)
                    .map(|v| v[..v.find('"').unwrap()].to_string())
                    .unwrap_or_default()
            };
            let colours: std::collections::BTreeSet<String> =
                lines.iter().map(|l| attr(l, "stroke")).collect();
            let dashes: std::collections::BTreeSet<String> =
                lines.iter().map(|l| attr(l, "stroke-dasharray")).collect();
            assert_eq!(colours.len(), columns, "a colour each");
            assert_eq!(
                dashes.len(),
                columns,
                "a line pattern each (black and white)"
            );
            // seven points per line, each line's shape its own
            let series: Vec<&str> = radar.split("<g class=\"series\">").skip(1).collect();
            assert_eq!(series.len(), columns);
            let shapes: std::collections::BTreeSet<&str> = series
                .iter()
                .map(|g| {
                    let after = &g[g.find("/>").unwrap() + 2..].trim_start();
                    &after[..after.find(' ').unwrap()]
                })
                .collect();
            assert_eq!(shapes.len(), columns, "{shapes:?}");
            // the legend names every column
            assert_eq!(radar.matches("class=\"key\"").count(), columns);
        }
    }
}
