//! What the commands print: text for people, JSON for programs. The JSON
//! shapes are documented in the README and stay stable.

use serde_json::{Value, json};

use crate::core::framework::DomainId;
use crate::core::maturity::{DomainStatus, assessment_status, progress};
use crate::core::{Lang, framework};
use crate::store::{Loaded, Store, SummaryListing};
use crate::text::{Strings, fill, group_digits, pad, strings, width};

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn opt_level(x: Option<f64>) -> Value {
    x.map(|v| json!(round2(v))).unwrap_or(Value::Null)
}

/// `list --json`, serialized straight from the summaries (no JSON tree in
/// between: ten thousand profiles stay small).
#[derive(serde::Serialize)]
pub struct ListJson<'a> {
    profiles: Vec<ListedProfile<'a>>,
    skipped: Vec<Skipped<'a>>,
}

#[derive(serde::Serialize)]
struct ListedProfile<'a> {
    id: &'a str,
    name: &'a crate::core::Text,
    country: &'a str,
    region: &'a str,
    population: Option<u64>,
    specialties: &'a [crate::core::profile::Specialty],
    assessments: usize,
    latest_assessment: Option<String>,
    answered: usize,
    total: usize,
    levels: std::collections::BTreeMap<&'static str, Option<f64>>,
    read_only: Option<&'a str>,
    updated: chrono::DateTime<chrono::Utc>,
}

#[derive(serde::Serialize)]
struct Skipped<'a> {
    error: &'a str,
}

pub fn list_json(listing: &SummaryListing) -> ListJson<'_> {
    let profiles = listing
        .summaries
        .iter()
        .map(|p| ListedProfile {
            id: &p.id,
            name: &p.name,
            country: &p.country,
            region: &p.region,
            population: p.population,
            specialties: &p.specialties,
            assessments: p.assessments,
            latest_assessment: p.latest_assessment.map(|d| d.to_string()),
            answered: p.answered,
            total: p.total,
            levels: if p.assessments > 0 {
                DomainId::ALL
                    .iter()
                    .map(|d| (d.as_str(), p.levels[d.index()].map(round2)))
                    .collect()
            } else {
                Default::default()
            },
            read_only: p.read_only.as_deref(),
            updated: p.updated,
        })
        .collect();
    let skipped = listing
        .skipped
        .iter()
        .map(|e| Skipped { error: e })
        .collect();
    ListJson { profiles, skipped }
}

/// Lays out rows in columns by display width.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let line = |cells: Vec<String>| {
        let n = cells.len();
        let mut out = String::new();
        for (i, cell) in cells.into_iter().enumerate() {
            if i + 1 == n {
                out.push_str(&cell);
            } else {
                out.push_str(&pad(&cell, widths[i]));
                out.push_str("  ");
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        out.push_str(&line(row.clone()));
    }
    out
}

pub fn list_text(store: &Store, listing: &SummaryListing, lang: Lang) -> String {
    let s = strings(lang);
    let mut out = String::new();
    if listing.summaries.is_empty() {
        out.push_str(&fill(s.no_profiles, &[&store.dir().display()]));
        out.push('\n');
    } else {
        let rows: Vec<Vec<String>> = listing
            .summaries
            .iter()
            .map(|p| {
                let mut name = p.name.get(lang).to_string();
                if p.read_only.is_some() {
                    name.push_str(&format!(" ({})", s.read_only));
                }
                vec![
                    p.id.clone(),
                    name,
                    p.country.clone(),
                    p.population
                        .map(group_digits)
                        .unwrap_or_else(|| s.none.into()),
                    p.assessments.to_string(),
                    p.latest_assessment
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| s.none.into()),
                    format!("{}/{}", p.answered, p.total),
                ]
            })
            .collect();
        out.push_str(&table(
            &[
                s.col_id,
                s.col_city,
                s.col_country,
                s.col_population,
                s.col_assessments,
                s.col_latest,
                s.col_progress,
            ],
            &rows,
        ));
    }
    if !listing.skipped.is_empty() {
        out.push_str(&fill(s.skipped_files, &[&listing.skipped.len()]));
        out.push('\n');
        for e in &listing.skipped {
            out.push_str(&format!("  {e}\n"));
        }
    }
    out
}

fn level_text(s: &Strings, status: &DomainStatus) -> String {
    match status.maturity.level() {
        None => s.not_assessed.to_string(),
        Some(level) => {
            let mark = if status.maturity.overridden.is_some() {
                "*"
            } else {
                ""
            };
            format!("{level:.2}{mark}")
        }
    }
}

pub fn show_json(loaded: &Loaded, index: Option<usize>) -> Value {
    let fw = framework();
    let p = &loaded.profile;
    let assessment = index.and_then(|i| p.assessments.get(i));
    let domains: Vec<Value> = assessment
        .map(|a| {
            assessment_status(fw, a)
                .iter()
                .map(|st| {
                    let m = &st.maturity;
                    json!({
                        "id": m.domain,
                        "level": opt_level(m.level()),
                        "computed": opt_level(m.computed),
                        "override": m.overridden.as_ref().map(|o| json!({"level": o.level, "reason": o.reason})),
                        "stage": m.stage(),
                        "stage_scores": m.stage_scores.iter().map(|s| opt_level(*s)).collect::<Vec<_>>(),
                        "target": st.target.map(|t| t.stage),
                        "horizon_years": st.target.map(|t| t.horizon_years),
                        "gap": opt_level(st.gap()),
                        "importance": st.importance,
                        "answered": m.answered,
                        "total": m.total,
                        "evidence": crate::core::maturity::evidence_json(m),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    json!({
        "id": p.id,
        "name": p.city.name,
        "read_only": loaded.read_only.as_ref().map(|r| r.to_string()),
        "assessment": assessment.map(|a| json!({
            "number": index.map(|i| i + 1),
            "of": p.assessments.len(),
            "date": a.date.to_string(),
            "interviewer": a.interviewer,
        })),
        "domains": domains,
    })
}

pub fn show_text(loaded: &Loaded, index: Option<usize>, lang: Lang) -> String {
    let s = strings(lang);
    let fw = framework();
    let p = &loaded.profile;
    let mut out = String::new();
    let other = p.city.name.get(lang.other());
    let name = p.city.name.get(lang);
    out.push_str(name);
    if other != name {
        out.push_str(&format!(" ({other})"));
    }
    let place: Vec<&str> = [p.city.region.as_str(), p.city.country.as_str()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect();
    if !place.is_empty() {
        out.push_str(&format!(" · {}", place.join(", ")));
    }
    if let Some(pop) = p.city.population {
        out.push_str(&format!(" · {} {}", s.population, group_digits(pop)));
    }
    if let Some(reason) = &loaded.read_only {
        out.push_str(&format!(" · {}: {reason}", s.read_only));
    }
    out.push('\n');
    let Some(a) = index.and_then(|i| p.assessments.get(i)) else {
        out.push_str(s.no_assessment);
        out.push('\n');
        return out;
    };
    let (answered, total) = progress(fw, a);
    out.push_str(&format!(
        "{} · {} · {} {} · {} {answered}/{total}\n\n",
        fill(
            s.assessment_of,
            &[&(index.unwrap_or(0) + 1), &p.assessments.len()]
        ),
        a.date,
        s.interviewer,
        if a.interviewer.is_empty() {
            s.none
        } else {
            &a.interviewer
        },
        s.answered,
    ));
    let statuses = assessment_status(fw, a);
    let rows: Vec<Vec<String>> = statuses
        .iter()
        .map(|st| {
            vec![
                fw.domain(st.maturity.domain).name.get(lang).to_string(),
                level_text(s, st),
                st.target
                    .map(|t| format!("{} ({}{})", t.stage, t.horizon_years, s.years_suffix))
                    .unwrap_or_else(|| s.none.into()),
                st.gap()
                    .map(|g| format!("{g:.2}"))
                    .unwrap_or_else(|| s.none.into()),
                st.importance
                    .map(|i| i.to_string())
                    .unwrap_or_else(|| s.none.into()),
                format!("{}/{}", st.maturity.answered, st.maturity.total),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            s.col_domain,
            s.col_level,
            s.col_target,
            s.col_gap,
            s.col_importance,
            s.col_progress,
        ],
        &rows,
    ));
    for st in &statuses {
        if let Some(o) = &st.maturity.overridden {
            let domain = fw.domain(st.maturity.domain).name.get(lang);
            out.push_str(&fill(
                s.override_mark_note,
                &[&format!("{domain}: {}", o.reason)],
            ));
            out.push('\n');
        }
    }
    out
}

pub fn framework_text(lang: Lang) -> String {
    let s = strings(lang);
    let fw = framework();
    let mut out = format!("{}\n\n{}\n", s.framework_title, s.stages_title);
    for stage in &fw.stages {
        out.push_str(&format!(
            "  {}\n    {}\n",
            stage.name.get(lang),
            stage.meaning.get(lang)
        ));
    }
    out.push_str(&format!("\n{}\n", s.method_title));
    for (i, step) in fw.method.iter().enumerate() {
        out.push_str(&format!(
            "  {}. {}: {}\n",
            i + 1,
            step.name.get(lang),
            step.description.get(lang)
        ));
    }
    for domain in &fw.domains {
        out.push_str(&format!(
            "\n== {} ({}) · {} {}\n{}\n",
            domain.name.get(lang),
            domain.id,
            s.attention_rank,
            domain.attention_rank,
            domain.summary.get(lang)
        ));
        let focus: Vec<&str> = domain.focus_items.iter().map(|f| f.get(lang)).collect();
        out.push_str(&format!("{}: {}\n", s.focus_title, focus.join("; ")));
        for stage in &domain.stages {
            let name = fw
                .stage(stage.level)
                .map(|st| st.name.get(lang))
                .unwrap_or("");
            out.push_str(&format!("\n  {name}\n  {}\n", stage.summary.get(lang)));
            for aspect in &domain.aspects {
                if let Some(text) = stage.aspects.get(&aspect.id) {
                    out.push_str(&format!(
                        "    - {}: {}\n",
                        aspect.name.get(lang),
                        text.get(lang)
                    ));
                }
            }
            out.push_str(&format!("    {}:\n", s.indicators_title));
            for indicator in &stage.indicators {
                out.push_str(&format!(
                    "      [{}] {}\n",
                    indicator.id,
                    indicator.text.get(lang)
                ));
            }
        }
    }
    out.push_str(&format!("\n{}\n", s.principles_title));
    for p in &fw.principles {
        out.push_str(&format!(
            "  - {}: {}\n",
            p.name.get(lang),
            p.description.get(lang)
        ));
    }
    out.push_str(&format!("\n{}\n", s.challenges_title));
    let mut challenges: Vec<_> = fw.challenges.iter().collect();
    challenges.sort_by_key(|c| c.rank);
    for c in challenges {
        out.push_str(&format!(
            "  {}. {}: {}\n",
            c.rank,
            c.name.get(lang),
            c.description.get(lang)
        ));
    }
    out.push_str(&format!("\n{}\n", s.failure_patterns_title));
    for f in &fw.failure_patterns {
        out.push_str(&format!(
            "  - {}: {} → {}\n",
            f.name.get(lang),
            f.description.get(lang),
            f.remedy.get(lang)
        ));
    }
    out.push_str(&format!("\n{}\n", s.cases_title));
    for c in &fw.cases {
        out.push_str(&format!(
            "  - {} ({}), {} {}→{}: {}\n",
            c.city.get(lang),
            c.country,
            fw.domain(c.domain).name.get(lang),
            c.from,
            c.to,
            c.summary.get(lang)
        ));
    }
    out
}
