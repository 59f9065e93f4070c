//! The report as JSON. The shape is documented in the README ("Report
//! JSON") and stable: fields may be added, none renamed or removed. Texts
//! are in the report's language; codes and ids stay English.

use serde_json::{Value, json};

use super::model::{ChangeView, Model, ModelView, PartView};
use crate::core::Lang;
use crate::core::maturity::StageEvidence;

fn round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

fn opt2(x: Option<f64>) -> Value {
    x.map(|v| json!(round(v, 2))).unwrap_or(Value::Null)
}

fn parts(parts: &[PartView]) -> Value {
    parts
        .iter()
        .map(|p| {
            json!({
                "factor": p.factor,
                "name": p.name,
                "value": round(p.value, 4),
                "weight": p.weight,
                "points": round(p.points, 2),
                "suggested": p.suggested,
            })
        })
        .collect()
}

fn change(c: &ChangeView) -> Value {
    json!({
        "aspect": c.aspect,
        "name": c.name,
        "from": c.from,
        "to": c.to,
        "from_text": c.from_text,
        "to_text": c.to_text,
    })
}

fn evidence(e: &[StageEvidence; 3]) -> Value {
    let (scored, total) = e
        .iter()
        .fold((0, 0), |(s, t), x| (s + x.scored, t + x.applicable));
    json!({
        "scored": scored,
        "total": total,
        "stages": e.iter().enumerate().map(|(i, x)| json!({
            "stage": i + 1,
            "scored": x.scored,
            "total": x.applicable,
            "thin": x.is_thin(),
        })).collect::<Vec<_>>(),
    })
}

fn model(m: &ModelView, lang: Lang) -> Value {
    json!({
        "id": m.id,
        "name": m.name,
        "why": m.why,
        "source": m.source.json(lang),
        "kind": m.kind,
        "financing": m.financing.iter().map(|f| json!({
            "id": f.id,
            "text": f.text,
            "source": f.source.json(lang),
        })).collect::<Vec<_>>(),
        "caution": m.caution.as_ref().map(|(text, source)| json!({
            "text": text,
            "source": source.json(lang),
        })),
        "mix": m.mix.iter().map(|(id, name, items)| json!({
            "id": id,
            "name": name,
            "items": items,
        })).collect::<Vec<_>>(),
    })
}

pub fn value(m: &Model) -> Value {
    let p = &m.profile;
    let constraints: serde_json::Map<String, Value> = p
        .constraints
        .iter()
        .map(|c| (c.resource.to_string(), json!(c.level)))
        .collect();
    let profile = json!({
        "id": p.id,
        "name": {"zh": p.name.zh, "en": p.name.en},
        "country": p.country,
        "region": p.region,
        "population": p.population,
        "specialties": p.specialties.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        "constraints": constraints,
        "assumed": p.constraints.iter().filter(|c| c.assumed).map(|c| format!("constraints.{}", c.resource)).collect::<Vec<_>>(),
        "not_given": p.constraints.iter().filter(|c| !c.given).map(|c| format!("constraints.{}", c.resource)).collect::<Vec<_>>(),
        "size_class_text": p.size_class,
    });
    let assessment = m.assessment.as_ref().map(|a| {
        json!({
            "number": a.number,
            "of": a.of,
            "assessment_id": a.id,
            "date": a.date.to_string(),
            "interviewer": a.interviewer,
            "respondents": a.respondents.iter().map(|r| json!({
                "respondent_id": r.id,
                "name": r.name,
                "role": r.role,
                "organisation": r.organisation,
            })).collect::<Vec<_>>(),
        })
    });
    let domains: Vec<Value> = m
        .domains
        .iter()
        .map(|d| {
            json!({
                "id": d.id,
                "name": d.name,
                "current": opt2(d.current),
                "override": d.overridden.as_ref().map(|o| json!({
                    "level": round(o.level, 2),
                    "computed": opt2(o.computed),
                    "reason": o.reason,
                })),
                "stage_scores": d.stage_scores.iter().map(|s| opt2(*s)).collect::<Vec<_>>(),
                "target": d.target.map(|t| t.stage),
                "horizon_years": d.target.map(|t| t.horizon_years),
                "gap": opt2(d.gap),
                "importance": d.importance,
                "score": round(d.score, 2),
                "score_parts": parts(&d.score_parts),
                "answered": d.answered,
                "total": d.total,
                "unknown": d.unknown,
                "evidence": evidence(&d.evidence),
                "suggested_target": d.suggested_target.as_ref().map(|t| json!({
                    "stage": t.stage,
                    "horizon_years": t.horizon_years,
                    "reasons": t.reasons.iter().map(|(code, text)| json!({"code": code, "text": text})).collect::<Vec<_>>(),
                    "source": crate::core::sources::Rule::Suggestion.source().json(m.lang),
                })),
                "not_entry": d.not_entry.as_ref().map(|(code, text)| json!({"code": code, "text": text})),
                "voices": json!({
                    "respondents": d.voices.counts.respondents,
                    "provisional": d.voices.counts.provisional,
                    "disputes_open": d.voices.counts.disputed,
                    "disputes_settled": d.voices.counts.settled,
                    "main_voice": d.voices.main.as_ref().map(|v| json!({
                        "respondent_id": v.respondent_id,
                        "name": v.name,
                        "alone": v.alone,
                        "answered": v.answered,
                        "text": v.text,
                    })),
                }),
                "disputed": d.voices.differed.iter().map(|x| json!({
                    "indicator": x.indicator,
                    "stage": x.stage,
                    "text": x.text,
                    "value": x.value,
                    "status": x.status,
                    "provisional": x.provisional,
                    "settled_by": x.settled_by,
                    "settled_reason": x.settled_reason,
                    "voices": x.voices.iter().map(|v| json!({
                        "respondent_id": v.respondent_id,
                        "name": v.name,
                        "value": v.value,
                        "note": v.note,
                        "at": v.at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let entry_points: Vec<Value> = m
        .entry_points
        .iter()
        .map(|e| {
            json!({
                "domain": e.domain,
                "name": e.name,
                "rank": e.rank,
                "current": opt2(e.current),
                "next_target": e.next_target,
                "target": e.target.map(|t| t.stage),
                // the city's own horizon, or the suggestion's when the entry
                // point rests on one (`target` stays the city's own)
                "horizon_years": e.target.or(e.working).map(|t| t.horizon_years),
                "score": round(e.score, 2),
                "reasons": e.reasons.iter().map(|r| json!({"code": r.code, "text": r.text})).collect::<Vec<_>>(),
                "suggested": e.suggested,
                "reasons_detail": e.reasons.iter().map(|r| json!({
                    "rule": r.rule,
                    "text": r.text,
                    "source": r.source.json(m.lang),
                })).collect::<Vec<_>>(),
                "changes": e.changes.iter().map(change).collect::<Vec<_>>(),
                "focus_items": e.focus_items,
                "cases": e.cases.iter().map(|c| json!({
                    "id": c.id,
                    "city": c.city,
                    "country": c.country,
                    "from": c.from,
                    "to": c.to,
                    "no_stage": c.no_stage,
                    "summary": c.summary,
                })).collect::<Vec<_>>(),
                "exact_cases": e.exact_cases,
                "operating_model": model(&e.operating_model, m.lang),
            })
        })
        .collect();
    let prerequisites: Vec<Value> = m
        .prerequisites
        .iter()
        .map(|p| {
            json!({
                "domain": p.domain,
                "current": opt2(p.current),
                "needed": p.needed,
                "for": p.for_domains,
                "text": p.text,
            })
        })
        .collect();
    let warnings: Vec<Value> = m
        .warnings
        .iter()
        .map(|w| {
            json!({
                "code": w.code,
                "message": w.message,
                "domains": w.domains,
                "source": w.source.json(m.lang),
                "stages": w.stages.iter().map(|(d, stage, scored, total)| json!({
                    "domain": d,
                    "stage": stage,
                    "scored": scored,
                    "total": total,
                })).collect::<Vec<_>>(),
                "missing": w.missing,
                "unassessed": w.unassessed,
                "showcase": w.showcase.iter().map(|(basis, domains)| json!({
                    "basis": basis,
                    "domains": domains,
                })).collect::<Vec<_>>(),
                "display": w.display,
                "unoperated": w.unoperated,
                "check_phase": w.check_phase,
            })
        })
        .collect();
    let enablers: Vec<Value> = m
        .enablers
        .iter()
        .map(|c| {
            json!({
                "aspect": c.aspect,
                "name": c.name,
                "from": c.from,
                "to": c.to,
                "text": c.to_text,
                "assessed": c.assessed,
                "in_place": c.in_place,
                "partly": c.partly,
            })
        })
        .collect();
    let plan: Vec<Value> = m
        .plan
        .iter()
        .map(|phase| {
            json!({
                "number": phase.number,
                "domains": phase.moves.iter().map(|mv| json!({
                    "domain": mv.domain,
                    "name": mv.name,
                    "from": mv.from,
                    "to": mv.to,
                    "prerequisite": mv.prerequisite,
                    "assess_first": mv.assess_first,
                    "planned_start": mv.planned_start.to_string(),
                    "planned_end": mv.planned_end.to_string(),
                    "operating_model": model(&mv.model, m.lang),
                    "work": mv.work.iter().map(|w| json!({
                        "indicator": w.indicator,
                        "stage": w.stage,
                        "text": w.text,
                        "outcomes": w.outcomes.iter().map(|o| json!({
                            "id": o.id,
                            "measure": o.measure,
                            "example": o.example,
                            "source": {
                                "document": o.document,
                                "quote": o.quote,
                            },
                        })).collect::<Vec<_>>(),
                        "own_figure": w.own_figure,
                        "outcome": w.outcome,
                        "confirm": w.confirm,
                        "kind": w.kind,
                        "operating_model": json!({"id": w.model.0, "name": w.model.1}),
                        "partly": w.partly,
                    })).collect::<Vec<_>>(),
                    "owners": mv.owners.iter().map(|(id, text)| json!({
                        "id": id,
                        "text": text,
                    })).collect::<Vec<_>>(),
                    "edit": (!mv.owner.trim().is_empty() || mv.start.is_some() || mv.end.is_some())
                        .then(|| json!({
                            "owner": mv.owner,
                            "start": mv.start.map(|d| d.to_string()),
                            "end": mv.end.map(|d| d.to_string()),
                        })),
                })).collect::<Vec<_>>(),
                "checks": phase.checks.iter().map(|c| json!({
                    "domains": c.domains,
                    "indicators": c.indicators,
                    "text": c.text,
                    "items": c.items,
                    "source": c.source.json(m.lang),
                })).collect::<Vec<_>>(),
                "owner": (!phase.owner.trim().is_empty()).then(|| phase.owner.clone()),
                "start": phase.start.to_string(),
                "end": phase.end.to_string(),
            })
        })
        .collect();
    let supports: Vec<Value> = m
        .supports
        .iter()
        .map(|sp| {
            json!({
                "domain": sp.domain,
                "name": sp.name,
                "current": opt2(sp.current),
                "needed": sp.needed,
                "for": sp.for_domains,
                "starts_with": sp.starts_with,
                "action": sp.action,
                "text": sp.text,
                "ways": sp.ways.iter().map(|(id, text, source)| json!({
                    "id": id,
                    "text": text,
                    "source": source.json(m.lang),
                })).collect::<Vec<_>>(),
                "first": sp.first,
                "operating_model": model(&sp.model, m.lang),
            })
        })
        .collect();
    json!({
        "lang": m.lang.code(),
        "profile": profile,
        "assessment": assessment,
        "domains": domains,
        "entry_points": entry_points,
        "prerequisites": prerequisites,
        "supports": supports,
        "warnings": warnings,
        "score_convention": crate::core::sources::Rule::Weights.source().json(m.lang),
        "enablers": enablers,
        "plan": plan,
        "plan_orphans": m.orphans.iter().map(|o| json!({
            "key": o.note.key,
            "domain": o.note.domain,
            "from": o.note.from,
            "to": o.note.to,
            "phase": o.note.phase,
            "owner": o.note.owner,
            "start": o.note.start.map(|d| d.to_string()),
            "end": o.note.end.map(|d| d.to_string()),
            "outcomes": o.note.outcomes.iter().map(|(indicator, outcome)| json!({
                "indicator": indicator,
                "outcome": outcome,
            })).collect::<Vec<_>>(),
            "text": o.text,
        })).collect::<Vec<_>>(),
        "long_horizon": m.long_horizon,
        "respondents": m.respondents.iter().map(|r| json!({
            "respondent_id": r.id,
            "name": r.name,
            "organisation": r.organisation,
            "answered": r.answered,
        })).collect::<Vec<_>>(),
        "answers": m.answers.iter().map(|a| json!({
            "id": a.id,
            "domain": a.domain,
            "stage": a.stage,
            "value": a.value,
            "text": a.text,
            "note": a.note,
            "carried_over": a.carried_over,
        })).collect::<Vec<_>>(),
        "timeline": m.timeline.as_ref().map(|t| json!({
            "dates": t.columns.iter().map(|c| c.date.to_string()).collect::<Vec<_>>(),
            "domains": t.rows.iter().map(|row| json!({
                "id": row.domain,
                "levels": row.levels.iter().map(|l| l.map(|v| round(v, 2))).collect::<Vec<_>>(),
                "overridden": t.columns.iter().map(|c| c.overridden[row.domain.index()]).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })),
    })
}

pub fn render(m: &Model) -> String {
    let mut text = serde_json::to_string_pretty(&value(m)).unwrap_or_default();
    text.push('\n');
    text
}
