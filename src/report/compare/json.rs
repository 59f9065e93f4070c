//! A comparison as JSON. The shape is documented in the README ("Compare
//! JSON") and stable: fields may be added, none renamed or removed. Levels,
//! differences, spreads and shares are rounded to two decimals; domain names
//! are in the output's language, ids and codes stay English.

use serde_json::{Map, Value, json};

use super::{CompareModel, sort_code};
use crate::core::framework::DomainId;

fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    // no "-0.0"
    if r == 0.0 { 0.0 } else { r }
}

fn opt2(x: Option<f64>) -> Value {
    x.map(|v| json!(round2(v))).unwrap_or(Value::Null)
}

/// `{domain: f(domain)}` over the seven domains.
fn per_domain(f: impl Fn(usize) -> Value) -> Value {
    let map: Map<String, Value> = DomainId::ALL
        .iter()
        .map(|d| (d.as_str().to_string(), f(d.index())))
        .collect();
    Value::Object(map)
}

pub fn value(m: &CompareModel) -> Value {
    let columns: Vec<Value> = m
        .columns
        .iter()
        .map(|c| {
            json!({
                "profile": c.profile,
                "name": {"zh": c.name.zh, "en": c.name.en},
                "assessment": c.assessment,
                "assessment_id": c.assessment_id,
                "date": c.date.to_string(),
                "levels": per_domain(|i| opt2(c.levels[i])),
                "overridden": per_domain(|i| json!(c.overridden[i])),
                "targets": per_domain(|i| json!(c.targets[i])),
                "matrix": per_domain(|i| c.matrix[i].iter().map(|s| opt2(*s)).collect()),
                "entry_points": c.entry_points,
                "suggested_entry_points": c.suggested_entry_points,
            })
        })
        .collect();
    let rows: Vec<Value> = m
        .rows
        .iter()
        .map(|r| {
            json!({
                "domain": r.domain,
                "name": r.name,
                "levels": r.levels.iter().map(|l| opt2(*l)).collect::<Vec<_>>(),
                "targets": r.targets,
                "differences": r.differences.iter().map(|d| opt2(*d)).collect::<Vec<_>>(),
                "spread": opt2(r.spread),
            })
        })
        .collect();
    let differing: Vec<Value> = m
        .differing
        .iter()
        .map(|d| json!({"domain": d.domain, "columns": d.columns}))
        .collect();
    json!({
        "lang": m.lang.code(),
        "kind": m.kind.code(),
        "sort": sort_code(m.sort),
        "columns": columns,
        "rows": rows,
        "differing_entry_points": differing,
    })
}

pub fn render(m: &CompareModel) -> String {
    let mut text = serde_json::to_string_pretty(&value(m)).unwrap_or_default();
    text.push('\n');
    text
}
