//! A comparison as Markdown (CommonMark with GFM tables), for pasting into a
//! proposal.

use std::fmt::Write;

use super::super::markdown::{inline, table};
use super::{CompareModel, Kind};
use crate::core::framework::{DomainId, STAGES};
use crate::text::{fill, strings};

pub fn render(m: &CompareModel) -> String {
    let r = m.words();
    let colon = r.colon;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&m.title()));
    let _ = writeln!(out, "{}\n", strings(m.lang).framework_title);
    let _ = writeln!(out, "{}\n", m.intro());

    // What is compared.
    let _ = writeln!(out, "## {}\n", r.section_compared);
    let rows: Vec<Vec<String>> = m
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                (i + 1).to_string(),
                inline(&c.display_name),
                inline(&c.profile),
                m.assessment_text(c),
                c.date.to_string(),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            r.col_number.into(),
            r.col_city.into(),
            strings(m.lang).col_id.into(),
            r.col_assessment.into(),
            r.label_date.into(),
        ],
        &[true, false, false, false, false],
        &rows,
    );

    // Side by side.
    let _ = writeln!(out, "## {}\n", r.section_side_by_side);
    let _ = writeln!(out, "{}\n", m.sort_note());
    let mut header = vec![r.col_domain.to_string()];
    header.extend(m.columns.iter().map(|c| inline(&c.heading)));
    header.push(r.col_spread.to_string());
    let mut right = vec![false];
    right.extend(std::iter::repeat_n(false, m.columns.len()));
    right.push(true);
    let rows: Vec<Vec<String>> = m
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![row.name.clone()];
            cells.extend((0..m.columns.len()).map(|i| m.cell(row, i)));
            cells.push(m.spread(row));
            cells
        })
        .collect();
    table(&mut out, &header, &right, &rows);
    let _ = writeln!(out, "{}\n", inline(&m.cells_note()));

    // The timeline.
    if m.kind == Kind::Timeline {
        let _ = writeln!(out, "## {}\n", r.section_timeline);
        let _ = writeln!(out, "{}\n", r.timeline_intro);
        let (shown, _) = m.timeline_rows();
        for row in shown {
            let _ = writeln!(
                out,
                "- **{}**{colon}{}",
                inline(&row.name),
                inline(&m.timeline_text(row))
            );
        }
        out.push('\n');
        for note in m.override_dropped_texts() {
            let _ = writeln!(out, "{}\n", inline(&note));
        }
        if let Some(never) = m.timeline_never_text() {
            let _ = writeln!(out, "{}\n", inline(&never));
        }
    }

    // Each one's matrix.
    let _ = writeln!(out, "## {}\n", r.section_matrices);
    let _ = writeln!(out, "{}\n", r.matrix_intro);
    let mut header = vec![r.col_domain.to_string()];
    header.extend((1..=STAGES).map(|st| fill(r.col_stage, &[&st])));
    for c in &m.columns {
        let _ = writeln!(out, "### {}\n", inline(&c.heading));
        let rows: Vec<Vec<String>> = DomainId::ALL
            .iter()
            .map(|d| {
                let mut row = vec![crate::report::model::domain_name(*d, m.lang)];
                row.extend((0..STAGES as usize).map(|st| m.matrix_cell(c, *d, st)));
                row
            })
            .collect();
        table(&mut out, &header, &[false, true, true, true], &rows);
    }

    // Entry points.
    let _ = writeln!(out, "## {}\n", r.section_compare_entry_points);
    let _ = writeln!(out, "{}\n", r.compare_entry_intro);
    for c in &m.columns {
        let _ = writeln!(
            out,
            "- **{}**{colon}{}",
            inline(&c.heading),
            inline(&m.entry_points_text(c))
        );
    }
    out.push('\n');
    if let Some(legend) = m.suggested_legend() {
        let _ = writeln!(out, "{}\n", inline(legend));
    }
    let _ = writeln!(out, "### {}\n", r.section_differ);
    if m.differing.is_empty() {
        let _ = writeln!(out, "{}\n", r.differ_none);
    } else {
        for d in &m.differing {
            let _ = writeln!(out, "- {}", inline(&m.differ_text(d)));
        }
        out.push('\n');
    }

    let _ = writeln!(out, "---\n\n{}", m.footer());
    out
}
