//! What the commands print: text for people, JSON for programs. The JSON
//! shapes are documented in the README and stay stable.

use serde_json::{Value, json};

use crate::core::framework::{DomainId, SourceRef};
use crate::core::maturity::{DomainStatus, assessment_status, progress};
use crate::core::size::{PopulationKind, size_class};
use crate::core::{Lang, framework};
use crate::store::{Loaded, Store, SummaryListing};
use crate::text::{Strings, fill, group_digits, one_line, pad, strings, width};

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
    latest_assessment_id: Option<&'a str>,
    answered: usize,
    total: usize,
    /// Questions answered "unknown" (not in `answered`).
    unknown: usize,
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
            latest_assessment_id: p.latest_assessment_id.as_deref(),
            answered: p.answered,
            total: p.total,
            unknown: p.unknown,
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
                // one line per profile, whatever a name holds
                let mut name = one_line(p.name.get(lang)).into_owned();
                if p.read_only.is_some() {
                    name.push_str(&match lang {
                        Lang::Zh => format!("（{}）", s.read_only),
                        Lang::En => format!(" ({})", s.read_only),
                    });
                }
                vec![
                    p.id.clone(),
                    name,
                    one_line(&p.country).into_owned(),
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
        for e in &listing.skipped_errors {
            out.push_str(&format!("  {}\n", one_line(&e.message(lang))));
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

/// The kind of the profile's population figure: the urban resident
/// population (城区常住人口) unless the profile says it is a total.
fn population_kind(profile: &crate::core::profile::Profile) -> PopulationKind {
    profile
        .city
        .population_kind
        .unwrap_or(PopulationKind::UrbanResident)
}

/// `size_class` of `show --json`: `null` without a population, else the
/// scheme, the class (or `null`) and why there is none.
fn size_json(p: &crate::core::profile::Profile) -> Value {
    let Some(pop) = p.city.population else {
        return Value::Null;
    };
    let kind = population_kind(p);
    match size_class(framework(), pop, kind, &p.city.country) {
        None => Value::Null,
        Some(r) => json!({
            "scheme": r.scheme.id,
            "class": r.class.ok().map(|c| c.id.clone()),
            "name": r.class.ok().map(|c| &c.name),
            "reason": r.class.err().map(|e| e.as_str()),
            "population_kind": kind.as_str(),
            "text": {
                "zh": crate::text::size_text(&r, Lang::Zh),
                "en": crate::text::size_text(&r, Lang::En),
            },
        }),
    }
}

pub fn show_json(loaded: &Loaded, index: Option<usize>, lang: Lang) -> Value {
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
                        "unknown": m.unknown,
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
        "size_class": size_json(p),
        "assessment": assessment.map(|a| json!({
            "number": index.map(|i| i + 1),
            "of": p.assessments.len(),
            "assessment_id": a.id,
            "date": a.date.to_string(),
            "interviewer": a.interviewer_in(lang),
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
    // Chinese punctuation in Chinese, English in English
    let (open, close, comma) = match lang {
        Lang::Zh => ("（", "）", "，"),
        Lang::En => (" (", ")", ", "),
    };
    if other != name {
        out.push_str(&format!("{open}{other}{close}"));
    }
    let country = crate::core::country::name(&p.city.country, lang).unwrap_or(&p.city.country);
    let place: Vec<&str> = [p.city.region_in(lang), country]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect();
    if !place.is_empty() {
        out.push_str(&format!(" · {}", place.join(comma)));
    }
    if let Some(pop) = p.city.population {
        out.push_str(&format!(" · {} {}", s.population, group_digits(pop)));
        if let Some(r) = size_class(fw, pop, population_kind(p), &p.city.country) {
            out.push_str(&format!(
                " · {}{}",
                s.size_label,
                crate::text::size_text(&r, lang)
            ));
        }
    }
    if let Some(reason) = &loaded.read_only {
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        out.push_str(&format!(
            " · {}{colon}{}",
            s.read_only,
            reason.message(lang)
        ));
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
        if a.interviewer_in(lang).is_empty() {
            s.none
        } else {
            a.interviewer_in(lang)
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
                st.maturity
                    .evidence
                    .iter()
                    .map(|e| format!("{}/{}", e.scored, e.applicable))
                    .collect::<Vec<_>>()
                    .join(" "),
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
            s.col_evidence,
        ],
        &rows,
    ));
    out.push_str(&fill(
        s.evidence_note,
        &[&format!(
            "{:.0}",
            crate::core::maturity::FULL_EVIDENCE * 100.0
        )],
    ));
    out.push('\n');
    for st in &statuses {
        if let Some(o) = &st.maturity.overridden {
            let domain = fw.domain(st.maturity.domain).name.get(lang);
            out.push_str(&fill(
                s.override_mark_note,
                &[&format!("{domain}: {}", o.reason_in(lang))],
            ));
            out.push('\n');
        }
    }
    out
}

/// " [source: title]" when the item comes from another document than the
/// WEF report the framework is built on; empty otherwise.
fn credit(s: &Strings, source: &SourceRef, lang: Lang) -> String {
    match source.document.as_deref() {
        Some(doc) if doc != "wef_2022" => {
            let title = framework()
                .source(doc)
                .map(|d| d.title.get(lang))
                .unwrap_or(doc);
            let title = match lang {
                Lang::Zh => format!("《{title}》"),
                Lang::En => title.to_string(),
            };
            match lang {
                Lang::Zh => format!("（{}）", fill(s.source_label, &[&title])),
                Lang::En => format!(" ({})", fill(s.source_label, &[&title])),
            }
        }
        _ => String::new(),
    }
}

fn stage_name(lang: Lang, level: u8) -> &'static str {
    if level == 0 {
        crate::text::ui(lang).not_yet_stage_1
    } else {
        crate::text::ui(lang).stage_label(level)
    }
}

pub fn framework_text(lang: Lang) -> String {
    let s = strings(lang);
    let fw = framework();
    let sep = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    let list_sep = match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    };
    let (lp, rp, comma) = match lang {
        Lang::Zh => ("（", "）", "，"),
        Lang::En => (" (", ")", ", "),
    };
    let mut out = format!("{}\n\n{}\n", s.framework_title, s.sources_title);
    for doc in &fw.sources {
        let date = doc
            .date
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        out.push_str(&match lang {
            Lang::Zh => format!(
                "  [{}] 《{}》，{}{}\n",
                doc.id,
                doc.title.zh,
                doc.author.zh,
                date.replace(", ", "，")
            ),
            Lang::En => format!("  [{}] {}, {}{date}\n", doc.id, doc.title.en, doc.author.en),
        });
    }
    out.push_str(&format!("\n{}\n", s.stages_title));
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
            "  {}. {}{sep}{}\n",
            i + 1,
            step.name.get(lang),
            step.description.get(lang)
        ));
    }
    for domain in &fw.domains {
        out.push_str(&format!(
            "\n== {}{lp}{}{rp} · {} {}\n{}\n",
            domain.name.get(lang),
            domain.id,
            s.attention_rank,
            domain.attention_rank,
            domain.summary.get(lang)
        ));
        let focus: Vec<String> = domain
            .focus_items
            .iter()
            .zip(&domain.focus_ranks)
            .map(|(f, rank)| {
                let tied = domain.focus_ranks.iter().filter(|r| *r == rank).count() > 1;
                format!(
                    "{rank}. {}{}",
                    f.get(lang),
                    if tied { s.tie_mark } else { "" }
                )
            })
            .collect();
        out.push_str(&format!("{}{sep}{}\n", s.focus_title, focus.join(list_sep)));
        for stage in &domain.stages {
            let name = fw
                .stage(stage.level)
                .map(|st| st.name.get(lang))
                .unwrap_or("");
            out.push_str(&format!("\n  {name}\n  {}\n", stage.summary.get(lang)));
            for aspect in &domain.aspects {
                if let Some(text) = stage.aspects.get(&aspect.id) {
                    out.push_str(&format!(
                        "    - {}{sep}{}\n",
                        aspect.name.get(lang),
                        text.get(lang)
                    ));
                }
            }
            out.push_str(&format!("    {}{sep}\n", s.indicators_title));
            for indicator in &stage.indicators {
                out.push_str(&format!(
                    "      [{}] {}\n",
                    indicator.id,
                    indicator.text.get(lang)
                ));
                if let Some(note) = indicator
                    .source
                    .as_ref()
                    .filter(|src| src.convention)
                    .and_then(|src| src.note.as_ref())
                {
                    out.push_str(&format!(
                        "        ({})\n",
                        fill(s.convention_label, &[&note.get(lang)])
                    ));
                }
            }
        }
    }
    out.push_str(&format!("\n{}\n", s.principles_title));
    for p in &fw.principles {
        out.push_str(&format!(
            "  - {}{sep}{}\n",
            p.name.get(lang),
            p.description.get(lang)
        ));
    }
    out.push_str(&format!(
        "\n{}\n  {}\n",
        s.challenges_title, s.challenges_ranked_title
    ));
    let mut ranked: Vec<_> = fw.challenges.iter().filter(|c| c.rank.is_some()).collect();
    ranked.sort_by_key(|c| c.rank);
    for c in ranked {
        out.push_str(&format!(
            "  {}. {}{sep}{}\n",
            c.rank.unwrap_or_default(),
            c.name.get(lang),
            c.description.get(lang)
        ));
    }
    out.push_str(&format!("  {}\n", s.challenges_unranked_title));
    for c in fw.challenges.iter().filter(|c| c.rank.is_none()) {
        let order = c
            .summary_order
            .map(|n| format!("{lp}{}{rp}", fill(s.summary_order_label, &[&n])))
            .unwrap_or_default();
        out.push_str(&format!(
            "  - {}{order}{sep}{}\n",
            c.name.get(lang),
            c.description.get(lang)
        ));
    }
    out.push_str(&format!("  {}\n", s.facets_title));
    for f in &fw.challenge_facets {
        out.push_str(&format!(
            "  - {}{sep}{}\n",
            f.name.get(lang),
            f.description.get(lang)
        ));
    }
    out.push_str(&format!("\n{}\n", s.failure_patterns_title));
    for f in &fw.failure_patterns {
        out.push_str(&format!(
            "  - {}{sep}{} → {}{}\n",
            f.name.get(lang),
            f.description.get(lang),
            f.remedy.get(lang),
            credit(s, &f.source, lang)
        ));
    }
    out.push_str(&format!("\n{}\n", s.specialties_title));
    for sp in &fw.specialties {
        let cases: Vec<String> = sp
            .cases
            .iter()
            .filter_map(|id| fw.cases.iter().find(|c| &c.id == id))
            .map(|c| c.city.get(lang).to_string())
            .collect();
        let drawn = if cases.is_empty() {
            String::new()
        } else {
            format!("{lp}{}{rp}", fill(s.drawn_from, &[&cases.join(list_sep)]))
        };
        out.push_str(&format!(
            "  - {}{lp}{}{rp}{sep}{}{drawn}\n",
            sp.name.get(lang),
            sp.id,
            sp.path.get(lang)
        ));
    }
    out.push_str(&format!("\n{}\n", s.operating_models_title));
    for m in &fw.operating_models {
        out.push_str(&format!(
            "  - {}{lp}{}{rp}{sep}{}{}\n    {}{sep}{}\n",
            m.name.get(lang),
            m.id,
            m.description.get(lang),
            credit(s, &m.source, lang),
            s.fits_label,
            m.fits.get(lang)
        ));
    }
    out.push_str(&format!("\n{}\n", s.county_title));
    for p in &fw.county_practice {
        out.push_str(&format!(
            "  - {}{lp}{}{rp}{sep}{}\n    「{}」{}\n",
            p.name.get(lang),
            p.id,
            p.description.get(lang),
            p.source.quote.as_deref().unwrap_or_default(),
            credit(s, &p.source, lang)
        ));
    }
    out.push_str(&format!("\n{}\n", s.cases_title));
    for c in &fw.cases {
        let country = crate::core::country::name(&c.country, lang).unwrap_or(&c.country);
        out.push_str(&format!(
            "  - {}{lp}{}{rp}{comma}{} {}{sep}{}\n",
            c.city.get(lang),
            country,
            fw.domain(c.domain).name.get(lang),
            if c.from == c.to {
                fill(s.stage_at, &[&stage_name(lang, c.from)])
            } else {
                fill(
                    s.stage_arrow,
                    &[&stage_name(lang, c.from), &stage_name(lang, c.to)],
                )
            },
            c.summary.get(lang)
        ));
    }
    out.push_str(&format!("\n{}\n", s.outcomes_title));
    for o in &fw.outcomes {
        out.push_str(&format!(
            "  - [{}] {} · {}{sep}{}{}\n",
            o.id,
            fw.domain(o.domain).short_name.get(lang),
            o.measure.get(lang),
            o.example.get(lang),
            credit(s, &o.source, lang)
        ));
    }
    let ccid = &fw.ccid_scale;
    out.push_str(&format!(
        "\n{}{sep}{}{}\n  {}\n",
        s.ccid_title,
        ccid.name.get(lang),
        credit(s, &ccid.source, lang),
        ccid.note.get(lang)
    ));
    for level in &ccid.levels {
        let points = match level.max {
            Some(max) => fill(s.points, &[&format!("{}-{max}", level.min)]),
            None => fill(s.points_up, &[&level.min]),
        };
        out.push_str(&format!(
            "  - {}{lp}{points}{comma}{}{rp}{sep}{}\n",
            level.name.get(lang),
            fill(s.cities_count, &[&level.cities]),
            level.description.get(lang)
        ));
    }
    let areas: Vec<String> = ccid
        .areas
        .iter()
        .map(|a| match &a.examples {
            Some(ex) => format!(
                "{}{lp}{}{rp}",
                a.name.get(lang),
                fill(s.ccid_examples, &[&ex.get(lang)])
            ),
            None => a.name.get(lang).to_string(),
        })
        .collect();
    out.push_str(&format!("  {}\n", areas.join(list_sep)));
    let weakest = ccid
        .areas
        .iter()
        .find(|a| a.id == ccid.weakest_area)
        .map(|a| a.name.get(lang))
        .unwrap_or(&ccid.weakest_area);
    out.push_str(&format!(
        "  {}{sep}{}\n",
        fill(s.ccid_weakest, &[&weakest]),
        ccid.finding.get(lang)
    ));
    out.push_str(&format!("\n{}\n", s.size_title));
    for scheme in &fw.city_size {
        let classes: Vec<String> = scheme
            .classes
            .iter()
            .map(|c| {
                // Chinese counts people in 万 (10,000), as the report does.
                let n = |x: u64| match lang {
                    Lang::Zh if x.is_multiple_of(10_000) => format!("{}万", x / 10_000),
                    _ => group_digits(x),
                };
                let range = if c.min == 0 {
                    fill(s.under, &[&n(c.max)])
                } else {
                    format!("{}-{}", n(c.min), n(c.max))
                };
                format!("{} {range}", c.name.get(lang))
            })
            .collect();
        out.push_str(&format!(
            "  - {}{sep}{}\n",
            scheme.name.get(lang),
            classes.join(list_sep)
        ));
    }
    out
}
