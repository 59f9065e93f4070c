//! Merging two versions of one profile made apart from a common ancestor
//! (git's three-way merge): a pure function on the three versions' bytes.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A field two sides changed to different values: both are kept, ours in
/// place and both here, to settle later. `assessment` is the assessment's
/// id when the field is one of an assessment's; `field` is its path inside
/// the assessment (or the profile), keys joined with `/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<String>,
    pub field: String,
    /// Our side's value (`null`: ours removed it).
    pub ours: Value,
    /// Their side's value (`null`: theirs removed it).
    pub theirs: Value,
}

use super::migrate::{read, schema_version_of};
use super::profile::{Answer, Profile, SCHEMA_VERSION};

/// Largest version merged, in bytes: the store's profile limit.
pub const MAX_MERGE_BYTES: usize = 8 * 1024 * 1024;

/// One of the three versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Base,
    Ours,
    Theirs,
}

/// Why the versions could not be merged.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeFailure {
    TooLarge(Side),
    /// A side that does not parse, with the parser's cause.
    Unreadable(Side, String),
    /// A side written by a newer citydx.
    Newer(Side, u32),
}

/// What [`merge`] gives.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeOutcome {
    /// The merged profile's file text, and how many new disputes it holds.
    Merged {
        bytes: Vec<u8>,
        disputes: usize,
    },
    Failed(MergeFailure),
}

fn parse(bytes: &[u8], side: Side) -> Result<Value, MergeFailure> {
    if bytes.len() > MAX_MERGE_BYTES {
        return Err(MergeFailure::TooLarge(side));
    }
    if let Some(v) = schema_version_of(bytes).filter(|v| *v > SCHEMA_VERSION) {
        return Err(MergeFailure::Newer(side, v));
    }
    let (profile, _) = read(bytes).map_err(|e| MergeFailure::Unreadable(side, e.to_string()))?;
    serde_json::to_value(&profile).map_err(|e| MergeFailure::Unreadable(side, e.to_string()))
}

/// Merges `ours` and `theirs`, two versions of one profile made apart from
/// `base` (empty when they have no common ancestor), field by field:
/// - a field only one side changed takes that side's value;
/// - assessments, and an assessment's respondents, match by id (never by
///   position): one added on either side is kept; one removed on one side
///   and unchanged on the other is removed; one removed on one side and
///   changed on the other is kept, with a dispute;
/// - respondents' voices merge answer by answer: different respondents'
///   voices never conflict; a provisional answer is recomputed from the
///   merged voices;
/// - two different agreed answers for one indicator, or two different
///   values of any other field (targets, importance, overrides, plan, city
///   facts), keep ours in place and both sides in `disputes`;
/// - clocks never pick a winner (`updated` becomes the later of the two,
///   `created` the earlier: they are the file's own bookkeeping).
///
/// Pure: no file, no lock, no clock.
pub fn merge(base: &[u8], ours: &[u8], theirs: &[u8]) -> MergeOutcome {
    let go = || -> Result<(Vec<u8>, usize), MergeFailure> {
        let base = if base.len() <= MAX_MERGE_BYTES && base.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            Some(parse(base, Side::Base)?)
        };
        let ours = parse(ours, Side::Ours)?;
        let theirs = parse(theirs, Side::Theirs)?;
        let mut m = Merger::default();
        let merged = m.profile(base.as_ref(), &ours, &theirs);
        let mut profile: Profile = serde_json::from_value(merged)
            .map_err(|e| MergeFailure::Unreadable(Side::Ours, e.to_string()))?;
        let new = m.disputes.len();
        for d in m.disputes {
            if !profile.disputes.contains(&d) {
                profile.disputes.push(d);
            }
        }
        Ok((profile.to_json().into_bytes(), new))
    };
    match go() {
        Ok((bytes, disputes)) => MergeOutcome::Merged { bytes, disputes },
        Err(e) => MergeOutcome::Failed(e),
    }
}

#[derive(Default)]
struct Merger {
    disputes: Vec<Dispute>,
    /// The assessment being merged.
    assessment: Option<String>,
}

fn key<'a>(v: Option<&'a Value>, k: &str) -> Option<&'a Value> {
    v.and_then(|v| v.get(k))
}

fn join(path: &str, k: &str) -> String {
    if path.is_empty() {
        k.to_string()
    } else {
        format!("{path}/{k}")
    }
}

impl Merger {
    fn dispute(&mut self, field: &str, ours: Option<&Value>, theirs: Option<&Value>) {
        self.disputes.push(Dispute {
            assessment: self.assessment.clone(),
            field: field.to_string(),
            ours: ours.cloned().unwrap_or(Value::Null),
            theirs: theirs.cloned().unwrap_or(Value::Null),
        });
    }

    /// The three-way merge of one value; `atomic`: never merged inside.
    fn value(
        &mut self,
        path: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
        atomic: bool,
    ) -> Option<Value> {
        if o == t {
            return o.cloned();
        }
        if b == o {
            return t.cloned();
        }
        if b == t {
            return o.cloned();
        }
        if !atomic
            && let (Some(Value::Object(_)), Some(Value::Object(_))) = (o, t)
            && b.is_none_or(Value::is_object)
        {
            return Some(self.object(path, b, o, t, |m, p, _, b, o, t| m.value(p, b, o, t, false)));
        }
        // both changed it, differently: ours stays, both are recorded
        self.dispute(path, o, t);
        o.cloned()
    }

    /// Merges every key of three objects with `each`.
    fn object(
        &mut self,
        path: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
        mut each: impl FnMut(
            &mut Merger,
            &str,
            &str,
            Option<&Value>,
            Option<&Value>,
            Option<&Value>,
        ) -> Option<Value>,
    ) -> Value {
        let mut keys: Vec<&String> = Vec::new();
        for side in [o, t, b] {
            if let Some(Value::Object(map)) = side {
                for k in map.keys() {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
        }
        let mut out = Map::new();
        for k in keys {
            if let Some(v) = each(self, &join(path, k), k, key(b, k), key(o, k), key(t, k)) {
                out.insert(k.clone(), v);
            }
        }
        Value::Object(out)
    }

    /// Lists of things with an `id`, matched by id: ours' order, then
    /// theirs' new ones.
    fn by_id(
        &mut self,
        path: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
        mut item: impl FnMut(&mut Merger, Option<&Value>, &Value, &Value) -> Value,
    ) -> Value {
        let list = |v: Option<&Value>| -> Vec<Value> {
            v.and_then(Value::as_array).cloned().unwrap_or_default()
        };
        let id_of = |v: &Value| {
            v.get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let (bl, ol, tl) = (list(b), list(o), list(t));
        let find = |l: &[Value], id: &str| l.iter().find(|v| id_of(v) == id).cloned();
        let mut ids: Vec<String> = Vec::new();
        for v in ol.iter().chain(tl.iter()) {
            let id = id_of(v);
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let mut out = Vec::new();
        for id in ids {
            let (bi, oi, ti) = (find(&bl, &id), find(&ol, &id), find(&tl, &id));
            match (oi, ti) {
                (Some(oi), Some(ti)) => out.push(item(self, bi.as_ref(), &oi, &ti)),
                (Some(kept), None) | (None, Some(kept)) => match &bi {
                    // removed on one side, unchanged on the other
                    Some(bi) if *bi == kept => {}
                    // removed on one side, changed on the other: kept
                    Some(_) => {
                        let field = join(path, &id);
                        let ours_side = find(&ol, &id).is_some();
                        let (mo, mt) = if ours_side {
                            (Some(&kept), None)
                        } else {
                            (None, Some(&kept))
                        };
                        let summary = serde_json::json!({"id": id});
                        self.dispute(&field, mo.map(|_| &summary), mt.map(|_| &summary));
                        out.push(kept);
                    }
                    // added on one side
                    None => out.push(kept),
                },
                (None, None) => {}
            }
        }
        Value::Array(out)
    }

    fn profile(&mut self, b: Option<&Value>, o: &Value, t: &Value) -> Value {
        self.object("", b, Some(o), Some(t), |m, path, k, b, o, t| match k {
            "assessments" => Some(m.by_id(path, b, o, t, |m, b, o, t| m.assessment(b, o, t))),
            "disputes" => {
                // a dispute one side settled (removed) stays settled
                let of = |v: Option<&Value>| -> Vec<Value> {
                    v.and_then(Value::as_array).cloned().unwrap_or_default()
                };
                let (bl, ol, tl) = (of(b), of(o), of(t));
                let mut all: Vec<Value> = Vec::new();
                for d in ol.iter().chain(tl.iter()) {
                    let kept = (ol.contains(d) && tl.contains(d)) || !bl.contains(d);
                    if kept && !all.contains(d) {
                        all.push(d.clone());
                    }
                }
                Some(Value::Array(all))
            }
            "updated" => o.or(t).map(|_| later(o, t, true)),
            "created" => o.or(t).map(|_| later(o, t, false)),
            "schema_version" => o.cloned(),
            _ => m.value(path, b, o, t, false),
        })
    }

    fn assessment(&mut self, b: Option<&Value>, o: &Value, t: &Value) -> Value {
        let before = self.assessment.replace(
            o.get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        );
        let out = self.object("", b, Some(o), Some(t), |m, path, k, b, o, t| match k {
            "respondents" => Some(m.by_id(path, b, o, t, |m, b, o, t| {
                let id = o.get("id").and_then(Value::as_str).unwrap_or("");
                m.value(&join("respondents", id), b, Some(o), Some(t), false)
                    .unwrap_or(Value::Null)
            })),
            "answers" => {
                Some(m.object(path, b, o, t, |m, path, _, b, o, t| m.answer(path, b, o, t)))
            }
            _ => m.value(path, b, o, t, false),
        });
        self.assessment = before;
        out
    }

    fn answer(
        &mut self,
        path: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        let (Some(ov), Some(tv)) = (o, t) else {
            return self.value(path, b, o, t, true);
        };
        let provisional = |v: &Value| {
            v.get("provisional")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        let both_provisional = provisional(ov) && provisional(tv);
        let agreed_o = !provisional(ov);
        let agreed_t = !provisional(tv);
        let merged = self.object(path, b, o, t, |m, p, k, b, o, t| match k {
            "voices" => Some(m.object(p, b, o, t, |m, p, _, b, o, t| m.value(p, b, o, t, true))),
            // decided below
            "value" | "provisional" => o.or(t).cloned(),
            _ => m.value(p, b, o, t, false),
        });
        let mut answer: Answer = match serde_json::from_value(merged.clone()) {
            Ok(a) => a,
            Err(_) => return Some(merged),
        };
        let vp = join(path, "value");
        if both_provisional {
            answer.provisional = true;
            answer.value = answer.provisional_value();
        } else if agreed_o && agreed_t {
            let value = self.value(&vp, key(b, "value"), key(o, "value"), key(t, "value"), true);
            if let Some(v) = value.and_then(|v| serde_json::from_value(v).ok()) {
                answer.value = v;
            }
            answer.provisional = false;
        } else {
            // one side agreed an answer; the other only added voices
            let agreed = if agreed_o { ov } else { tv };
            if let Some(v) = agreed
                .get("value")
                .and_then(|v| serde_json::from_value(v.clone()).ok())
            {
                answer.value = v;
            }
            answer.provisional = false;
        }
        serde_json::to_value(&answer).ok()
    }
}

/// The later (or earlier) of two times written in the same form.
fn later(o: Option<&Value>, t: Option<&Value>, latest: bool) -> Value {
    let parse = |v: Option<&Value>| {
        v.and_then(|v| serde_json::from_value::<chrono::DateTime<chrono::Utc>>(v.clone()).ok())
    };
    match (parse(o), parse(t)) {
        (Some(x), Some(y)) => {
            let pick = if latest { x.max(y) } else { x.min(y) };
            serde_json::to_value(pick).unwrap_or(Value::Null)
        }
        _ => o.or(t).cloned().unwrap_or(Value::Null),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::framework::DomainId;
    use crate::core::ops::{EditError, Op};
    use crate::core::profile::{AnswerValue, OrganisationType, Respondent};
    use crate::core::uid::new_uid;
    use AnswerValue::*;

    /// The sample profile with two respondents; (profile, assessment, ids).
    fn base() -> (Profile, String, Vec<String>) {
        let mut p = Profile::from_json(crate::core::profile::tests::sample_json()).unwrap();
        let a = p.assessments[0].id.clone();
        let mut ids = Vec::new();
        for name in ["Kang", "Wang"] {
            let r = Respondent::new(new_uid(), name, "", OrganisationType::Government);
            ids.push(r.id.clone());
            p.apply(&Op::AddRespondent {
                assessment: a.clone(),
                respondent: r,
            })
            .unwrap();
        }
        (p, a, ids)
    }

    fn voice(a: &str, ind: &str, r: &str, value: AnswerValue) -> Op {
        Op::SetVoice {
            assessment: a.into(),
            indicator: ind.into(),
            respondent: r.into(),
            value,
            note: None,
            at: None,
        }
    }

    fn merged(b: &Profile, o: &Profile, t: &Profile) -> (Profile, usize) {
        match merge(
            b.to_json().as_bytes(),
            o.to_json().as_bytes(),
            t.to_json().as_bytes(),
        ) {
            MergeOutcome::Merged { bytes, disputes } => {
                (Profile::from_json_bytes(&bytes).unwrap(), disputes)
            }
            MergeOutcome::Failed(f) => panic!("{f:?}"),
        }
    }

    #[test]
    fn different_respondents_voices_merge_cleanly() {
        let (b, a, r) = base();
        let ind = "economy.s3.q";
        let mut o = b.clone();
        o.apply(&voice(&a, ind, &r[0], Met)).unwrap();
        let mut t = b.clone();
        t.apply(&voice(&a, ind, &r[1], NotMet)).unwrap();
        t.apply(&voice(&a, "economy.s3.w", &r[1], Partly)).unwrap();
        let (m, disputes) = merged(&b, &o, &t);
        assert_eq!(disputes, 0);
        assert!(m.disputes.is_empty());
        let x = &m.assessments[0].answers[ind];
        assert_eq!(x.voices.len(), 2);
        assert_eq!((x.value, x.provisional), (NotMet, true), "recomputed");
        assert_eq!(m.assessments[0].answers["economy.s3.w"].value, Partly);
        // the same the other way round (a rebase swaps the sides)
        let (n, _) = merged(&b, &t, &o);
        assert_eq!(n.assessments[0].answers, m.assessments[0].answers);
    }

    #[test]
    fn two_different_agreed_answers_are_a_dispute_with_ours_in_place() {
        let (b, a, _) = base();
        let set = |p: &mut Profile, v| {
            p.apply(&Op::SetAnswer {
                assessment: a.clone(),
                indicator: "economy.s2.y".into(),
                value: v,
            })
            .unwrap()
        };
        let (mut o, mut t) = (b.clone(), b.clone());
        set(&mut o, Met);
        set(&mut t, NotMet);
        let (m, disputes) = merged(&b, &o, &t);
        assert_eq!(disputes, 1);
        assert_eq!(m.assessments[0].answer("economy.s2.y"), Met);
        let d = &m.disputes[0];
        assert_eq!(d.assessment.as_deref(), Some(a.as_str()));
        assert_eq!(d.field, "answers/economy.s2.y/value");
        assert_eq!(
            (d.ours.as_str(), d.theirs.as_str()),
            (Some("met"), Some("not_met"))
        );
        // one side's change alone is taken, whichever side made it
        let (m, disputes) = merged(&b, &b, &t);
        assert_eq!(
            (disputes, m.assessments[0].answer("economy.s2.y")),
            (0, NotMet)
        );
    }

    #[test]
    fn other_fields_changed_on_both_sides_are_disputes_clocks_never_pick() {
        let (b, a, _) = base();
        let mut o = b.clone();
        let mut t = b.clone();
        o.apply(&Op::SetTarget {
            assessment: a.clone(),
            domain: DomainId::Economy,
            stage: Some(3),
        })
        .unwrap();
        t.apply(&Op::SetTarget {
            assessment: a.clone(),
            domain: DomainId::Economy,
            stage: Some(1),
        })
        .unwrap();
        o.city.population = Some(1);
        t.city.population = Some(2);
        // theirs is later: that changes nothing
        t.updated = o.updated + chrono::Duration::days(1);
        o.apply(&Op::SetImportance {
            assessment: a.clone(),
            domain: DomainId::Services,
            importance: Some(2),
        })
        .unwrap();
        let (m, disputes) = merged(&b, &o, &t);
        assert_eq!(disputes, 2, "{:?}", m.disputes);
        assert_eq!(m.city.population, Some(1));
        assert_eq!(m.assessments[0].targets[&DomainId::Economy].stage, 3);
        assert_eq!(m.assessments[0].importance[&DomainId::Services], 2);
        assert_eq!(m.updated, t.updated, "the later of the two");
        let fields: Vec<&str> = m.disputes.iter().map(|d| d.field.as_str()).collect();
        assert!(fields.contains(&"city/population"), "{fields:?}");
        assert!(fields.contains(&"targets/economy/stage"), "{fields:?}");
        // the disputes survive a second merge, once
        let (again, _) = merged(&m, &m, &m);
        assert_eq!(again.disputes, m.disputes);
        // one settled on one side stays settled
        let mut settled = m.clone();
        settled.disputes.remove(0);
        let (after, _) = merged(&m, &m, &settled);
        assert_eq!(after.disputes, settled.disputes);
    }

    #[test]
    fn a_dispute_is_resolved_keeping_ours_or_taking_theirs() {
        let (b, a, _) = base();
        let (mut o, mut t) = (b.clone(), b.clone());
        for (p, stage) in [(&mut o, 3), (&mut t, 1)] {
            p.apply(&Op::SetTarget {
                assessment: a.clone(),
                domain: DomainId::Economy,
                stage: Some(stage),
            })
            .unwrap();
        }
        o.city.population = Some(1);
        t.city.population = None;
        let (m, _) = merged(&b, &o, &t);
        assert_eq!(m.disputes.len(), 2, "{:?}", m.disputes);
        let resolve = |field: &str, assessment: Option<&str>, take_theirs| Op::ResolveDispute {
            assessment: assessment.map(str::to_string),
            field: field.into(),
            take_theirs,
        };
        // theirs taken: the target's stage becomes 1, the dispute goes
        let mut p = m.clone();
        p.apply(&resolve("targets/economy/stage", Some(&a), true))
            .unwrap();
        assert_eq!(p.assessments[0].targets[&DomainId::Economy].stage, 1);
        assert_eq!(p.disputes.len(), 1);
        // theirs removed the population: taking theirs removes it
        p.apply(&resolve("city/population", None, true)).unwrap();
        assert_eq!((p.city.population, p.disputes.len()), (None, 0));
        // ours kept: nothing but the list changes
        let mut q = m.clone();
        q.apply(&resolve("city/population", None, false)).unwrap();
        assert_eq!(q.city, m.city);
        assert_eq!(q.disputes.len(), 1);
        // a dispute that is not there, or an assessment's that is not given
        assert_eq!(
            q.apply(&resolve("city/population", None, false)),
            Err(EditError::NoSuchDispute("city/population".into()))
        );
        assert!(
            q.apply(&resolve("targets/economy/stage", None, false))
                .is_err()
        );
        // a value the profile refuses is not taken, and nothing changes
        let mut bad = m.clone();
        bad.disputes[0].theirs = serde_json::json!("not a stage");
        let before = bad.clone();
        let field = bad.disputes[0].field.clone();
        let assessment = bad.disputes[0].assessment.clone();
        assert_eq!(
            bad.apply(&resolve(&field, assessment.as_deref(), true)),
            Err(EditError::CannotTakeTheirs(field.clone()))
        );
        assert_eq!(bad, before);
    }

    #[test]
    fn assessments_and_respondents_match_by_id() {
        let (b, a, r) = base();
        let mut o = b.clone();
        let mut t = b.clone();
        let (x, y) = (new_uid(), new_uid());
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        for (p, id) in [(&mut o, &x), (&mut t, &y)] {
            p.apply(&Op::NewAssessment {
                id: id.clone(),
                date: day,
                interviewer: String::new(),
                carry_from: None,
            })
            .unwrap();
        }
        t.apply(&Op::RemoveRespondent {
            assessment: a.clone(),
            respondent: r[1].clone(),
        })
        .unwrap();
        let fresh = Respondent::new(new_uid(), "Zhao", "", OrganisationType::Research);
        o.apply(&Op::AddRespondent {
            assessment: a.clone(),
            respondent: fresh.clone(),
        })
        .unwrap();
        let (m, disputes) = merged(&b, &o, &t);
        assert_eq!(disputes, 0);
        let ids: Vec<&str> = m.assessments.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, [a.as_str(), x.as_str(), y.as_str()]);
        let names: Vec<&str> = m.assessments[0]
            .respondents
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        // (the sample's own Kang, then ours)
        assert_eq!(names, ["Kang", "Kang", "Zhao"], "Wang removed, Zhao added");
        // removed on one side, changed on the other: kept, disputed
        let mut o2 = b.clone();
        o2.assessments.clear();
        let mut t2 = b.clone();
        t2.apply(&voice(&a, "economy.s3.q", &r[0], Met)).unwrap();
        let (m, disputes) = merged(&b, &o2, &t2);
        assert_eq!(disputes, 1);
        assert_eq!(m.assessments.len(), 1);
        assert_eq!(m.assessments[0].answers["economy.s3.q"].voices.len(), 1);
    }

    #[test]
    fn an_empty_base_a_newer_side_and_a_broken_side() {
        let (b, a, r) = base();
        let mut t = b.clone();
        t.apply(&voice(&a, "economy.s3.q", &r[0], Met)).unwrap();
        let text = |p: &Profile| p.to_json().into_bytes();
        match merge(b"", &text(&b), &text(&t)) {
            MergeOutcome::Merged { bytes, .. } => {
                let m = Profile::from_json_bytes(&bytes).unwrap();
                assert_eq!(m.assessments[0].answers["economy.s3.q"].voices.len(), 1);
            }
            other => panic!("{other:?}"),
        }
        match merge(&text(&b), &text(&b), &text(&b)) {
            MergeOutcome::Merged { bytes, disputes } => {
                assert_eq!(
                    (bytes, disputes),
                    (text(&b), 0),
                    "nothing to do: the same bytes"
                )
            }
            other => panic!("{other:?}"),
        }
        let newer = b
            .to_json()
            .replace("\"schema_version\": 2", "\"schema_version\": 3");
        assert_eq!(
            merge(&text(&b), &text(&b), newer.as_bytes()),
            MergeOutcome::Failed(MergeFailure::Newer(Side::Theirs, 3))
        );
        let conflicted = format!("<<<<<<< HEAD\n{}", b.to_json());
        assert!(matches!(
            merge(&text(&b), conflicted.as_bytes(), &text(&b)),
            MergeOutcome::Failed(MergeFailure::Unreadable(Side::Ours, _))
        ));
        let huge = vec![b' '; MAX_MERGE_BYTES + 1];
        assert_eq!(
            merge(&huge, &text(&b), &text(&b)),
            MergeOutcome::Failed(MergeFailure::TooLarge(Side::Base))
        );
    }

    #[test]
    fn the_limit_is_the_stores() {
        assert_eq!(MAX_MERGE_BYTES as u64, crate::store::MAX_PROFILE_BYTES);
    }
}
