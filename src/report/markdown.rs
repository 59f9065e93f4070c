//! The report as Markdown, for pasting into a proposal: headings, bullet
//! lists and pipe tables (CommonMark with the GFM table extension).

use std::fmt::Write;

use super::model::{ChangeView, Model};
use super::{level, percent, points, weight};
use crate::core::framework::DomainId;
use crate::core::framework::STAGES;
use crate::text::{fill, strings};

/// Text from a profile or the framework on one line, inert: no line
/// breaks, no raw HTML, no live Markdown. Every character that can open an
/// inline construct (emphasis `*` `_` `~`, code `` ` ``, links and images
/// `[` `]`, autolinks and HTML `<`, escapes `\`, and an `&` that could
/// start an entity) is backslash-escaped, so `[x](javascript:...)` shows as typed and links
/// nowhere; a bidirectional override or isolate (U+202A to U+202E, U+2066
/// to U+2069) is shown as its code point, never applied.
pub(super) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut last = ' ';
    while let Some(c) = chars.next() {
        let before = std::mem::replace(&mut last, c);
        match c {
            '\r' | '\n' => out.push(' '),
            // the override mark after a number ("2.80*") can only close
            // emphasis, and every `*` that could open one is escaped
            '*' if before.is_ascii_digit() && chars.peek().is_none_or(|n| !n.is_alphanumeric()) => {
                out.push(c)
            }
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            c if crate::text::is_bidi_control(c) => {
                let _ = write!(out, "(U+{:04X})", c as u32);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A table cell on one line: `|` would end the cell. Cells hold citydx's
/// own text (numbers, framework names, marks such as `[target]` and `*`);
/// text from a profile is made inert with [`inline`] before it is put in
/// a cell.
pub(super) fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '|' => out.push_str("\\|"),
            c if crate::text::is_bidi_control(c) => {
                let _ = write!(out, "(U+{:04X})", c as u32);
            }
            _ => out.push(c),
        }
    }
    out
}

pub(super) fn table(
    out: &mut String,
    header: &[String],
    align_right: &[bool],
    rows: &[Vec<String>],
) {
    let head: Vec<String> = header.iter().map(|h| cell(h)).collect();
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let rule: Vec<&str> = align_right
        .iter()
        .map(|r| if *r { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

fn change_line(out: &mut String, c: &ChangeView, colon: &str) {
    let _ = writeln!(
        out,
        "- **{}**{colon}{} → {}",
        inline(&c.name),
        inline(&c.from_display),
        inline(&c.to_text)
    );
}

pub fn render(m: &Model) -> String {
    let r = m.words();
    let s = strings(m.lang);
    let colon = r.colon;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&m.title()));
    let _ = writeln!(out, "{}\n", s.framework_title);

    let _ = writeln!(out, "## {}\n", r.section_city);
    let p = &m.profile;
    let _ = writeln!(
        out,
        "- **{}**{colon}{}",
        r.label_name,
        inline(&p.display_name)
    );
    let _ = writeln!(
        out,
        "- **{}**{colon}{}",
        r.label_country,
        inline(&m.or_unknown(&p.country_name))
    );
    let _ = writeln!(
        out,
        "- **{}**{colon}{}",
        r.label_region,
        inline(&m.or_unknown(&p.region))
    );
    let _ = writeln!(
        out,
        "- **{}**{colon}{}",
        m.population_label(),
        m.population_text()
    );
    if let Some(size) = &p.size_class {
        let _ = writeln!(out, "- **{}**{colon}{}", r.label_size, inline(size));
    }
    let _ = writeln!(
        out,
        "- **{}**{colon}{}",
        r.label_specialties,
        m.specialties_text()
    );
    let _ = writeln!(
        out,
        "- **{}**{colon}{}\n",
        r.label_resources,
        m.constraints_text()
    );

    let _ = writeln!(out, "## {}\n", r.section_assessment);
    let Some(a) = &m.assessment else {
        let _ = writeln!(out, "{}\n", r.no_assessment);
        let _ = writeln!(out, "---\n\n{}", m.footer());
        return out;
    };
    let _ = writeln!(out, "- {}", fill(r.assessment_number, &[&a.number, &a.of]));
    let _ = writeln!(out, "- **{}**{colon}{}", r.label_date, a.date);
    let _ = writeln!(
        out,
        "- **{}**{colon}{}",
        r.label_interviewer,
        inline(&m.or_unknown(&a.interviewer))
    );
    let respondents: Vec<String> = a
        .respondents
        .iter()
        .map(|x| inline(&m.respondent_text(x)))
        .collect();
    let _ = writeln!(
        out,
        "- **{}**{colon}{}\n",
        r.label_respondents,
        if respondents.is_empty() {
            r.none.to_string()
        } else {
            respondents.join("; ")
        }
    );

    // The seven domains.
    let _ = writeln!(out, "## {}\n", r.section_domains);
    let rows: Vec<Vec<String>> = m
        .domains
        .iter()
        .map(|d| {
            vec![
                d.name.clone(),
                m.level_text(d),
                m.target_text(d.target),
                d.gap.map(level).unwrap_or_else(|| r.no_value.into()),
                d.importance
                    .map(|i| i.to_string())
                    .unwrap_or_else(|| r.no_value.into()),
                points(d.score),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            r.col_domain.into(),
            r.col_level.into(),
            r.col_target.into(),
            r.col_gap.into(),
            r.col_importance.into(),
            r.col_score.into(),
        ],
        &[false, true, false, true, true, true],
        &rows,
    );
    // why the other domains are not entry points
    for d in &m.domains {
        // a suggestion not ranked is said once, in its suggested line below
        if let Some((_, why)) = d
            .not_entry
            .as_ref()
            .filter(|_| d.suggested_target.is_none())
        {
            let _ = writeln!(out, "- {}{}{}", inline(&d.name), r.colon, inline(why));
        }
    }
    // the engine's suggested targets, marked as such, with their note
    {
        let notes = m.notes();
        let n = m.note(&notes, &crate::core::sources::Rule::Suggestion.source());
        for line in m.suggested_lines() {
            let _ = writeln!(out, "- {} [{n}]", inline(&line));
        }
    }
    out.push('\n');
    for d in m.domains.iter().filter(|d| d.overridden.is_some()) {
        let o = d.overridden.as_ref().expect("filtered");
        let computed = o
            .computed
            .map(level)
            .unwrap_or_else(|| r.not_assessed.into());
        let note = fill(r.override_note, &[&d.name, &computed, &o.reason]);
        // (a line starting with "* " would be a bullet: `inline` escapes
        // the `*`)
        let _ = writeln!(out, "{}\n", inline(&note));
    }
    let _ = writeln!(out, "{}\n", r.not_assessed_note);
    let _ = writeln!(out, "{}\n", inline(&m.evidence_text()));
    if m.has_voices {
        voices_section(&mut out, m);
    }

    // The matrix.
    let _ = writeln!(out, "## {}\n", r.section_matrix);
    let _ = writeln!(out, "{}\n", r.matrix_intro);
    let mut header = vec![r.col_domain.to_string()];
    header.extend((1..=STAGES).map(|st| fill(r.col_stage, &[&st])));
    let rows: Vec<Vec<String>> = m
        .domains
        .iter()
        .map(|d| {
            let mut row = vec![d.name.clone()];
            for (i, share) in d.stage_scores.iter().enumerate() {
                let mut text = share.map(percent).unwrap_or_else(|| r.no_score.into());
                if d.target.is_some_and(|t| usize::from(t.stage) == i + 1) {
                    text.push(' ');
                    text.push_str(r.target_mark);
                }
                row.push(text);
            }
            row
        })
        .collect();
    table(&mut out, &header, &[false, true, true, true], &rows);

    // Entry points.
    let notes = m.notes();
    let aw = crate::text::advice::report_words(m.lang);
    let mark = |source: &crate::core::sources::Source| format!(" [{}]", m.note(&notes, source));
    let _ = writeln!(out, "## {}\n", r.section_entry_points);
    if m.entry_points.is_empty() {
        let _ = writeln!(out, "{}\n", r.no_entry_points);
    }
    for e in &m.entry_points {
        let _ = writeln!(
            out,
            "### {}\n",
            inline(&fill(r.entry_title, &[&e.rank, &e.name]))
        );
        let _ = writeln!(out, "{}\n", inline(&m.aim_text(e)));
        let _ = writeln!(out, "**{}**\n", r.label_reasons);
        for reason in &e.reasons {
            let _ = writeln!(out, "- {}{}", inline(&reason.text), mark(&reason.source));
        }
        out.push('\n');
        let _ = writeln!(out, "**{}**\n", m.changes_title(e));
        let _ = writeln!(out, "{}\n", r.changes_note);
        if let Some(case) = &e.own_case {
            let _ = writeln!(out, "{}\n", inline(&fill(r.own_case, &[case])));
        }
        for c in &e.changes {
            change_line(&mut out, c, colon);
        }
        out.push('\n');
        let _ = writeln!(
            out,
            "**{}**{colon}{}\n",
            r.label_focus,
            inline(&crate::text::advice::list(&e.focus_items, m.lang))
        );
        let _ = writeln!(out, "**{}**\n", r.label_cases);
        if e.cases.is_empty() {
            let _ = writeln!(out, "{}", r.empty);
        } else if e.exact_cases == 0 {
            let none = if e.own_case.is_some() {
                crate::text::advice::no_exact_case_besides_own(m.lang)
            } else {
                crate::text::advice::no_exact_case(m.lang)
            };
            let _ = writeln!(out, "{none}\n");
        }
        for c in &e.cases {
            let _ = writeln!(out, "- {}", inline(&m.case_text(c)));
        }
        out.push('\n');
        model_lines(
            &mut out,
            r.label_model,
            &e.operating_model,
            colon,
            m,
            &notes,
        );
        let rows: Vec<Vec<String>> = e
            .score_parts
            .iter()
            .map(|p| {
                vec![
                    p.name.to_string(),
                    format!("{:.2}", p.value),
                    weight(p.weight),
                    points(p.points),
                ]
            })
            .collect();
        let _ = writeln!(
            out,
            "**{}**{}\n",
            fill(r.label_score, &[&points(e.score)]),
            mark(&crate::core::sources::Rule::Weights.source())
        );
        table(
            &mut out,
            &[
                r.col_factor.into(),
                r.col_value.into(),
                r.col_weight.into(),
                r.col_points.into(),
            ],
            &[false, true, true, true],
            &rows,
        );
    }

    // Every domain's score in parts.
    let _ = writeln!(out, "## {}\n", r.section_scores);
    let _ = writeln!(
        out,
        "{} {}{}\n",
        r.scores_intro,
        aw.weights_convention,
        mark(&crate::core::sources::Rule::Weights.source())
    );
    if let Some(first) = m.domains.first() {
        let mut header = vec![r.col_domain.to_string()];
        header.extend(first.score_parts.iter().map(|p| {
            format!(
                "{}{}",
                p.header,
                m.paren(&format!("× {}", weight(p.weight)))
            )
        }));
        header.push(r.col_total.to_string());
        let rows: Vec<Vec<String>> = m
            .domains
            .iter()
            .map(|d| {
                let mut row = vec![d.name.clone()];
                row.extend(d.score_parts.iter().map(|p| {
                    if p.suggested {
                        format!("{} {}", points(p.points), aw.suggested_gap_mark)
                    } else {
                        points(p.points)
                    }
                }));
                row.push(points(d.score));
                row
            })
            .collect();
        let mut right = vec![false];
        right.extend(std::iter::repeat_n(true, header.len() - 1));
        table(&mut out, &header, &right, &rows);
        if m.domains
            .iter()
            .any(|d| d.score_parts.iter().any(|p| p.suggested))
        {
            let _ = writeln!(out, "{}\n", inline(aw.suggested_gap_note));
        }
    }

    let _ = writeln!(out, "## {}\n", r.section_prerequisites);
    if m.prerequisites.is_empty() {
        let _ = writeln!(out, "{}", r.empty);
    }
    for p in &m.prerequisites {
        let _ = writeln!(out, "- {}", inline(&p.text));
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", aw.section_supports);
    let _ = writeln!(out, "{}\n", aw.supports_intro);
    if m.supports.is_empty() {
        let _ = writeln!(out, "{}", r.empty);
    }
    for sp in &m.supports {
        let _ = writeln!(out, "- {}", inline(&sp.text));
        for (_, text, source) in &sp.ways {
            let _ = writeln!(out, "  - {}{}", inline(text), mark(source));
        }
        if !sp.first_text.is_empty() {
            let label = if sp.action == "assess_first" {
                aw.label_assess_first
            } else {
                aw.label_first
            };
            let _ = writeln!(out, "  - {label}");
            for text in &sp.first_text {
                let _ = writeln!(out, "    - {}", inline(text));
            }
        }
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", r.section_warnings);
    if m.warnings.is_empty() {
        let _ = writeln!(out, "{}", r.empty);
    }
    for w in &m.warnings {
        let _ = writeln!(out, "- {}{}", inline(&w.message), mark(&w.source));
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", r.section_enablers);
    let _ = writeln!(out, "{}\n", fill(r.enablers_intro, &[&m.enablers_to]));
    for c in &m.enablers {
        let _ = writeln!(
            out,
            "- **{}**{}{colon}{}",
            inline(&c.name),
            m.paren(&m.change_span(c)),
            inline(&c.to_text)
        );
    }
    out.push('\n');

    if m.timeline.is_some() {
        let _ = writeln!(out, "## {}\n\n{}\n", r.section_timeline, r.timeline_intro);
        let dates: Vec<String> = m.timeline_headings();
        let _ = writeln!(out, "| {} | {} |", r.col_domain, dates.join(" | "));
        let _ = writeln!(out, "|---|{}", "---:|".repeat(dates.len()));
        for row in m.timeline_rows() {
            let _ = writeln!(out, "| {} |", row.join(" | "));
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n", r.section_plan);
    if m.plan.is_empty() {
        let _ = writeln!(out, "{}\n", r.no_plan);
    }
    for phase in &m.plan {
        let _ = writeln!(
            out,
            "### {}\n",
            fill(r.phase_title, &[&phase.number, &phase.start, &phase.end])
        );
        let owner = if phase.owner.trim().is_empty() {
            r.owner_unset.to_string()
        } else {
            inline(&phase.owner)
        };
        let _ = writeln!(out, "- **{}**{colon}{}", r.label_owner, owner);
        for c in &phase.checks {
            let _ = writeln!(out, "- {}{}", inline(&c.text), mark(&c.source));
            for item in &c.items {
                let _ = writeln!(out, "  - {}", inline(item));
            }
        }
        for mv in &phase.moves {
            let name = match mv.model.mix_text(m.lang) {
                Some(mix) => format!("{}{}{mix}", mv.model.name, r.colon),
                None => mv.model.name.to_string(),
            };
            let mut line = fill(aw.move_model, &[&m.move_text(mv), &name]);
            if mv.prerequisite {
                if m.lang == crate::core::Lang::En {
                    line.push(' ');
                }
                line.push_str(m.support_mark(mv));
            }
            let _ = writeln!(out, "- {}", inline(&line));
            for detail in m.move_details(mv) {
                let _ = writeln!(out, "  - {}", inline(&detail));
            }
        }
        out.push('\n');
    }
    if let Some(remark) = m.long_horizon_text() {
        let source = crate::core::sources::Rule::LongHorizon.source();
        let _ = writeln!(out, "{}{}\n", inline(&remark), mark(&source));
    }

    // the consultant's notes on moves no longer in the plan: never dropped
    if !m.orphans.is_empty() {
        let _ = writeln!(out, "## {}\n\n{}\n", aw.section_orphans, aw.orphans_intro);
        for o in &m.orphans {
            let _ = writeln!(out, "- {}", inline(&o.text));
        }
        out.push('\n');
    }

    if !notes.is_empty() {
        let _ = writeln!(out, "## {}\n\n{}\n", aw.section_notes, aw.notes_intro);
        for (i, source) in notes.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. {}",
                i + 1,
                inline(&crate::text::advice::source_note(source, m.lang))
            );
        }
        out.push('\n');
    }

    let _ = writeln!(
        out,
        "**{}**{colon}{}\n",
        r.label_reference_scale,
        inline(&m.reference_scale())
    );
    let _ = writeln!(out, "---\n\n{}", m.footer());
    if !m.answers.is_empty() {
        let _ = writeln!(out, "## {}\n\n{}\n", r.section_answers, r.answers_intro);
        let mut current: Option<(DomainId, u8)> = None;
        for a in &m.answers {
            if current != Some((a.domain, a.stage)) {
                current = Some((a.domain, a.stage));
                let _ = writeln!(
                    out,
                    "\n### {} · {}\n",
                    inline(&a.domain_name),
                    m.stage_text(a.stage)
                );
            }
            let carried = if a.carried_over {
                m.paren(r.answer_carried)
            } else {
                String::new()
            };
            let note = a
                .note
                .as_deref()
                .map(|n| format!(" — {}", inline(n)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{}**{carried}{colon}{}{note}",
                a.value_text,
                inline(&a.text)
            );
        }
        out.push('\n');
    }
    if m.has_voices {
        differed_section(&mut out, m);
    }
    out
}

/// The voices per domain: respondents who answered, provisional answers,
/// disputes open and settled; the domains resting mostly on one voice;
/// how many answers each respondent gave.
fn voices_section(out: &mut String, m: &Model) {
    let vw = crate::text::report_voices::strings(m.lang);
    let r = m.words();
    let _ = writeln!(out, "## {}\n", vw.section_voices);
    let _ = writeln!(out, "{}\n", vw.voices_intro);
    let rows: Vec<Vec<String>> = m
        .domains
        .iter()
        .map(|d| {
            let c = &d.voices.counts;
            vec![
                d.name.clone(),
                c.respondents.to_string(),
                c.provisional.to_string(),
                c.disputed.to_string(),
                c.settled.to_string(),
            ]
        })
        .collect();
    table(
        out,
        &[
            r.col_domain.into(),
            vw.col_respondents.into(),
            vw.col_provisional.into(),
            vw.col_open.into(),
            vw.col_settled.into(),
        ],
        &[false, true, true, true, true],
        &rows,
    );
    for d in &m.domains {
        if let Some(main) = &d.voices.main {
            let _ = writeln!(out, "- {}", inline(&main.text));
        }
    }
    let given: Vec<String> = m
        .respondents
        .iter()
        .map(|x| fill(vw.answered_by, &[&inline(&x.name), &x.answered]))
        .collect();
    if !given.is_empty() {
        let _ = writeln!(
            out,
            "\n**{}**{}{}",
            vw.label_answered_by,
            r.colon,
            given.join(if m.lang == crate::core::Lang::Zh {
                "；"
            } else {
                "; "
            })
        );
    }
    out.push('\n');
}

/// The appendix: every indicator whose voices differed, each voice with
/// its note and date, and the answer counted.
fn differed_section(out: &mut String, m: &Model) {
    let vw = crate::text::report_voices::strings(m.lang);
    let any = m.domains.iter().any(|d| !d.voices.differed.is_empty());
    if !any {
        return;
    }
    let _ = writeln!(out, "## {}\n\n{}\n", vw.section_differed, vw.differed_intro);
    for d in m.domains.iter().filter(|d| !d.voices.differed.is_empty()) {
        let _ = writeln!(out, "### {}\n", inline(&d.name));
        for x in &d.voices.differed {
            let counted = if x.provisional {
                fill(vw.provisional, &[&x.value_text])
            } else {
                fill(vw.agreed, &[&x.value_text])
            };
            let status = match x.status {
                "open" => vw.status_open,
                "settled" => vw.status_settled,
                _ => vw.status_differ,
            };
            let _ = writeln!(
                out,
                "- **{}** ({}, {}){}{}; {}",
                inline(&x.text),
                x.indicator,
                m.stage_text(x.stage),
                m.words().colon,
                status,
                counted
            );
            if let (Some(by), Some(why)) = (&x.settled_by, &x.settled_reason) {
                let _ = writeln!(out, "  - {}", inline(&fill(vw.settled, &[by, why])));
            }
            for v in &x.voices {
                let note = v
                    .note
                    .as_deref()
                    .map(|n| format!(" — {}", inline(n)))
                    .unwrap_or_default();
                let at =
                    v.at.map(|t| format!(" ({})", fill(vw.given_on, &[&t.date_naive()])))
                        .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  - {}{}**{}**{at}{note}",
                    inline(&v.name),
                    m.words().colon,
                    v.value_text
                );
            }
        }
        out.push('\n');
    }
}

/// An operating model: its name and why with its note, then the financing
/// options with theirs, and the tool's own caution where one applies.
fn model_lines(
    out: &mut String,
    label: &str,
    model: &super::model::ModelView,
    colon: &str,
    m: &Model,
    notes: &[crate::core::sources::Source],
) {
    let _ = writeln!(
        out,
        "**{}**{colon}{}{colon}{} [{}]\n",
        label,
        model.name,
        model.why,
        m.note(notes, &model.source)
    );
    let options: Vec<String> = model
        .financing
        .iter()
        .map(|f| format!("{} [{}]", f.text, m.note(notes, &f.source)))
        .collect();
    if let Some(mix) = model.mix_text(m.lang) {
        let _ = writeln!(out, "- {}", inline(&crate::text::capitalise(&mix)));
    }
    let text = crate::text::advice::financing_line(&options, m.lang);
    let _ = writeln!(out, "- {}", inline(&text));
    if let Some((caution, source)) = &model.caution {
        let _ = writeln!(out, "- {} [{}]", inline(caution), m.note(notes, source));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_to_one_line_and_one_cell() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(cell(&inline("<b>|")), "\\<b>\\|");
        assert_eq!(inline("<script>"), "\\<script>");
    }

    #[test]
    fn user_text_carries_no_live_markdown_links_or_direction_overrides() {
        assert_eq!(
            inline("[x](javascript:alert(1)) *bold* `code` <b>"),
            "\\[x\\](javascript:alert(1)) \\*bold\\* \\`code\\` \\<b>"
        );
        assert_eq!(inline("R&D &amp; A & B"), "R\\&D \\&amp; A & B");
        assert_eq!(inline("2.80* and *x*"), "2.80* and \\*x\\*");
        assert_eq!(inline("1*2*3"), "1\\*2\\*3");
        assert_eq!(inline("a\u{202E}b\u{2066}c"), "a(U+202E)b(U+2066)c");
        assert_eq!(cell("a | b"), "a \\| b");
    }
}
