//! A comparison as one self-contained HTML page, built like the report's:
//! no network, no scripts, the style inline, every tag closed and every text
//! escaped (it also parses as XML), printable on A4. Colour is never the
//! only signal: each level is written out beside its bar, each matrix cell
//! shows its percentage and the target in words, each timeline chart its
//! values and, under it, the same timeline in a sentence.

use std::fmt::Write;

use super::super::html::{
    Html, MatrixRow, R, STYLE, at, esc, matrix_table, point, points_attr, radar_rings,
};
use super::{CompareModel, Kind, RowView};
use crate::core::framework::{DomainId, STAGES};
use crate::report::model::domain_name;
use crate::text::{fill, strings};

/// What the comparison adds to the report's style.
const COMPARE_STYLE: &str = r#"
table.side td.level { white-space: nowrap }
table.side td.level .diff { display: block; font-size: 8.5pt; color: #333 }
table.side td.level .bar { display: block; height: 2mm; margin-top: 0.8mm; border: 1px solid #888; background: #fff }
table.side td.level .bar .fill { display: block; height: 100%; background: #6baed6 }
table.columns td, table.columns th { white-space: normal }
div.matrix-of { break-inside: avoid; page-break-inside: avoid }
section.timeline > p { break-after: avoid; page-break-after: avoid }
div.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(80mm, 1fr)); gap: 0 6mm }
figure.timeline { margin: 1mm 0 3mm; break-inside: avoid; page-break-inside: avoid }
figure.timeline svg { display: block; width: 100%; height: auto }
figure.timeline figcaption { font-size: 9pt; color: #333 }
figure.compare-radar { margin: 2mm 0; break-inside: avoid; page-break-inside: avoid }
figure.compare-radar svg { display: block; width: 100%; max-width: 150mm; height: auto; margin: 0 auto }
figure.compare-radar figcaption { font-size: 9pt; color: #333 }
"#;

/// Each column's line on the radar: a colour, a dash pattern and a point
/// shape of its own, so that six lines are told apart printed in black and
/// white (the pattern and the shape), not by colour alone.
const RADAR_STYLES: [(&str, &str, Marker); 6] = [
    ("#1f4e9e", "", Marker::Circle),
    ("#c0392b", "8 4", Marker::Square),
    ("#1e7b3c", "2 3", Marker::Triangle),
    ("#6c3483", "10 3 2 3", Marker::Diamond),
    ("#b9770e", "4 2", Marker::Cross),
    ("#1a1a1a", "12 3 2 3 2 3", Marker::Ring),
];

#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
    Ring,
}

/// A point's shape at (x, y), in `colour`.
fn marker(shape: Marker, x: f64, y: f64, colour: &str) -> String {
    match shape {
        Marker::Circle => {
            format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"{colour}\"/>")
        }
        Marker::Square => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"5.6\" height=\"5.6\" fill=\"{colour}\"/>",
            x - 2.8,
            y - 2.8
        ),
        Marker::Triangle => format!(
            "<polygon points=\"{x:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"{colour}\"/>",
            y - 3.8,
            x - 3.4,
            y + 2.6,
            x + 3.4,
            y + 2.6
        ),
        Marker::Diamond => format!(
            "<polygon points=\"{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}\" fill=\"{colour}\"/>",
            y - 3.8,
            x + 3.8,
            y + 3.8,
            x - 3.8
        ),
        Marker::Cross => format!(
            "<path d=\"M{:.1},{:.1} L{:.1},{:.1} M{:.1},{:.1} L{:.1},{:.1}\" stroke=\"{colour}\" stroke-width=\"1.8\" fill=\"none\"/>",
            x - 3.2,
            y - 3.2,
            x + 3.2,
            y + 3.2,
            x - 3.2,
            y + 3.2,
            x + 3.2,
            y - 3.2
        ),
        Marker::Ring => format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.2\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"1.6\"/>"
        ),
    }
}

/// Every column (a city, or an assessment over time) on one radar chart,
/// the seven domains as axes, stages 1 to 3 as rings; the legend names each
/// line with its pattern and shape; a domain a column has not assessed is
/// drawn at 0 and named under the chart.
fn radar(h: &mut Html, m: &CompareModel) {
    let r = m.words();
    let domains = DomainId::ALL;
    let n = domains.len();
    let short = |d: DomainId| {
        m.rows
            .iter()
            .find(|row| row.domain == d)
            .map(|row| row.short_name.clone())
            .unwrap_or_else(|| domain_name(d, m.lang).to_string())
    };
    let legend_rows = m.columns.len().div_ceil(2);
    let height = 260.0 + 16.0 * legend_rows as f64;
    h.raw("<figure class=\"compare-radar\">\n");
    let _ = writeln!(
        h.out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-215 -130 430 {height:.0}\" role=\"img\" aria-labelledby=\"compare-radar-title\">"
    );
    let _ = writeln!(
        h.out,
        "<title id=\"compare-radar-title\">{}</title>",
        esc(r.compare_radar_title)
    );
    radar_rings(h, n, "#bbb");
    for (i, d) in domains.iter().enumerate() {
        let (x, y) = point(i, n, f64::from(STAGES));
        let _ = writeln!(
            h.out,
            "<line class=\"axis\" x1=\"0\" y1=\"0\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#bbb\" stroke-width=\"0.8\"/>"
        );
        let (lx, ly) = at(i, n, R * 1.1);
        let anchor = if lx > 8.0 {
            "start"
        } else if lx < -8.0 {
            "end"
        } else {
            "middle"
        };
        let dy = if ly < -R * 0.9 {
            -2.0
        } else if ly > R * 0.5 {
            8.0
        } else {
            3.5
        };
        let _ = writeln!(
            h.out,
            "<text class=\"label\" x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"10\" fill=\"#1a1a1a\">{}</text>",
            ly + dy,
            esc(&short(*d))
        );
    }
    let mut missing = vec![];
    for (k, c) in m.columns.iter().enumerate() {
        let (colour, dash, shape) = RADAR_STYLES[k % RADAR_STYLES.len()];
        let values: Vec<f64> = c.levels.iter().map(|l| l.unwrap_or(0.0)).collect();
        let gaps: Vec<String> = domains
            .iter()
            .zip(&c.levels)
            .filter(|(_, l)| l.is_none())
            .map(|(d, _)| short(*d))
            .collect();
        if !gaps.is_empty() {
            missing.push(format!(
                "{}{}{}",
                c.heading,
                r.colon,
                crate::text::advice::list(&gaps, m.lang)
            ));
        }
        let dash_attr = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let _ = writeln!(
            h.out,
            "<g class=\"series\"><polygon class=\"column\" points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash_attr}/>",
            points_attr(&values)
        );
        for (i, v) in values.iter().enumerate() {
            let (x, y) = point(i, n, *v);
            h.raw(&marker(shape, x, y, colour));
            h.raw("\n");
        }
        h.raw("</g>\n");
        // the legend: two entries a row, under the chart
        let lx = if k % 2 == 0 { -200.0 } else { 10.0 };
        let ly = 140.0 + 16.0 * (k / 2) as f64;
        let _ = writeln!(
            h.out,
            "<line class=\"key\" x1=\"{lx:.0}\" y1=\"{ly:.0}\" x2=\"{:.0}\" y2=\"{ly:.0}\" stroke=\"{colour}\" stroke-width=\"2\"{dash_attr}/>",
            lx + 28.0
        );
        h.raw(&marker(shape, lx + 14.0, ly, colour));
        let _ = writeln!(
            h.out,
            "\n<text x=\"{:.0}\" y=\"{:.1}\" font-size=\"10\" fill=\"#1a1a1a\">{}</text>",
            lx + 34.0,
            ly + 3.5,
            esc(&c.heading)
        );
    }
    h.raw("</svg>\n");
    if !missing.is_empty() {
        let _ = writeln!(
            h.out,
            "<figcaption>{}</figcaption>",
            esc(&fill(
                r.compare_radar_not_assessed,
                &[&missing.join(if m.lang == crate::core::Lang::Zh {
                    "；"
                } else {
                    "; "
                })]
            ))
        );
    }
    h.raw("</figure>\n");
}

/// The level cell of the side-by-side table: level and target, the
/// difference to the first column, and a bar (the numbers say the same).
fn level_cell(h: &mut Html, m: &CompareModel, row: &RowView, i: usize) {
    let na = if row.levels[i].is_none() { " na" } else { "" };
    let _ = write!(
        h.out,
        "<td class=\"level{na}\">{}",
        esc(&m.level_target(row, i))
    );
    if let Some(d) = m.difference(row, i) {
        let _ = write!(h.out, "<span class=\"diff\">({})</span>", esc(&d));
    }
    if let Some(l) = row.levels[i] {
        let width = (l.clamp(0.0, f64::from(STAGES)) / f64::from(STAGES) * 100.0).round();
        let _ = write!(
            h.out,
            "<span class=\"bar\" aria-hidden=\"true\"><span class=\"fill\" style=\"width: {width}%\"></span></span>"
        );
    }
    h.raw("</td>");
}

fn side_by_side(h: &mut Html, m: &CompareModel) {
    let r = m.words();
    h.raw("<table class=\"side\">\n<thead><tr>");
    let _ = write!(h.out, "<th scope=\"col\">{}</th>", esc(r.col_domain));
    for c in &m.columns {
        let _ = write!(h.out, "<th scope=\"col\">{}</th>", esc(&c.heading));
    }
    let _ = write!(
        h.out,
        "<th scope=\"col\" class=\"num\">{}</th>",
        esc(r.col_spread)
    );
    h.raw("</tr></thead>\n<tbody>\n");
    for row in &m.rows {
        let _ = write!(h.out, "<tr><th scope=\"row\">{}</th>", esc(&row.name));
        for i in 0..m.columns.len() {
            level_cell(h, m, row, i);
        }
        let _ = writeln!(h.out, "<td class=\"num\">{}</td></tr>", esc(&m.spread(row)));
    }
    h.raw("</tbody>\n</table>\n");
}

fn matrix(h: &mut Html, m: &CompareModel, c: &super::ColumnView) {
    let rows: Vec<MatrixRow> = DomainId::ALL
        .iter()
        .map(|&d| MatrixRow {
            name: domain_name(d, m.lang),
            cells: (0..STAGES as usize)
                .map(|st| {
                    let is_target = c.targets[d.index()].is_some_and(|t| usize::from(t) == st + 1);
                    (c.matrix[d.index()][st], m.matrix_cell(c, d, st), is_target)
                })
                .collect(),
            last: None,
        })
        .collect();
    matrix_table(h, m.words(), None, &rows);
}

// The timeline chart, in the SVG's units: the levels 0 to 3 from BOTTOM up
// to TOP, the assessments evenly from LEFT to LEFT + the plot's width (at
// least PLOT_W, more with many assessments), the dates below.
const PLOT_W: f64 = 200.0;
const STEP_MIN: f64 = 40.0;
const LEFT: f64 = 60.0;
const MARGIN: f64 = 45.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 84.0;

fn y_of(level: f64) -> f64 {
    BOTTOM - (BOTTOM - TOP) * level.clamp(0.0, f64::from(STAGES)) / f64::from(STAGES)
}

/// Each assessment's place on the time axis, and the plot's width. Evenly
/// spaced: the dates are written under them, and labels never collide.
fn x_positions(n: usize) -> (Vec<f64>, f64) {
    if n < 2 {
        return (vec![LEFT + PLOT_W / 2.0; n], PLOT_W);
    }
    let width = PLOT_W.max(STEP_MIN * (n - 1) as f64);
    let step = width / (n - 1) as f64;
    ((0..n).map(|i| LEFT + step * i as f64).collect(), width)
}

/// One domain's levels over time: a line through the known levels (broken
/// where a level is unknown), each point labelled with its value, the
/// dates below (on two alternating rows when they are close).
fn timeline_chart(h: &mut Html, m: &CompareModel, row: &RowView) {
    let r = m.words();
    let (xs, plot_w) = x_positions(m.columns.len());
    let step = plot_w / (m.columns.len().max(2) - 1) as f64;
    let two_rows = step < 75.0;
    let width = LEFT + plot_w + MARGIN;
    let height = if two_rows { 124.0 } else { 110.0 };
    let id = format!("timeline-{}", row.domain.as_str());
    h.raw("<figure class=\"timeline\">\n");
    let _ = writeln!(
        h.out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}\">"
    );
    let _ = writeln!(
        h.out,
        "<title id=\"{id}\">{}</title>",
        esc(&fill(r.timeline_chart, &[&row.name]))
    );
    for stage in 0..=STAGES {
        let y = y_of(f64::from(stage));
        let _ = writeln!(
            h.out,
            "<line class=\"grid\" x1=\"24\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#bbb\" stroke-width=\"0.8\"/>\n<text x=\"18\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">{stage}</text>",
            width - 20.0,
            y + 4.0
        );
    }
    // the line, in pieces between unknown levels
    let mut pieces: Vec<Vec<String>> = vec![vec![]];
    for (i, level) in row.levels.iter().enumerate() {
        match level {
            Some(l) => pieces.last_mut().expect("never empty").push(format!(
                "{:.1},{:.1}",
                xs[i],
                y_of(*l)
            )),
            None => pieces.push(vec![]),
        }
    }
    for p in pieces.iter().filter(|p| p.len() >= 2) {
        let _ = writeln!(
            h.out,
            "<polyline class=\"level\" points=\"{}\" fill=\"none\" stroke=\"#2171b5\" stroke-width=\"2\"/>",
            p.join(" ")
        );
    }
    for (i, c) in m.columns.iter().enumerate() {
        let x = xs[i];
        match row.levels[i] {
            Some(l) => {
                let y = y_of(l);
                let _ = writeln!(
                    h.out,
                    "<circle class=\"dot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"#2171b5\"/>\n<text class=\"value\" x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>",
                    y - 7.0,
                    esc(&m.level_or(row, i, r.no_value))
                );
            }
            None => {
                let _ = writeln!(
                    h.out,
                    "<text class=\"value na\" x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">{}</text>",
                    BOTTOM - 5.0,
                    esc(r.no_value)
                );
            }
        }
        let y = if two_rows && i % 2 == 1 { 116.0 } else { 102.0 };
        let _ = writeln!(
            h.out,
            "<text class=\"date\" x=\"{x:.1}\" y=\"{y}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>",
            esc(&c.heading)
        );
    }
    h.raw("</svg>\n");
    let _ = writeln!(
        h.out,
        "<figcaption><strong>{}</strong>{}{}</figcaption>",
        esc(&row.name),
        esc(r.colon),
        esc(&m.timeline_text(row))
    );
    h.raw("</figure>\n");
}

pub fn render(m: &CompareModel) -> String {
    let r = m.words();
    let mut h = Html { out: String::new() };
    let _ = writeln!(
        h.out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n<style>{STYLE}{COMPARE_STYLE}</style>\n</head>\n<body>",
        m.lang.code(),
        esc(&m.title()),
    );
    h.raw("<header>\n");
    h.el("h1", "", &m.title());
    h.el("p", "framework", strings(m.lang).framework_title);
    h.el("p", "", m.intro());
    h.raw("</header>\n");

    h.raw("<section class=\"compared\">\n");
    h.el("h2", "", r.section_compared);
    let rows: Vec<Vec<String>> = m
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                (i + 1).to_string(),
                c.display_name.clone(),
                c.profile.clone(),
                m.assessment_text(c),
                c.date.to_string(),
            ]
        })
        .collect();
    h.table(
        "columns",
        &[
            r.col_number.into(),
            r.col_city.into(),
            strings(m.lang).col_id.into(),
            r.col_assessment.into(),
            r.label_date.into(),
        ],
        &[false, false, false, false, false],
        &rows,
    );
    h.raw("</section>\n");

    h.raw("<section class=\"side-by-side\">\n");
    h.el("h2", "", r.section_side_by_side);
    h.el("p", "", m.sort_note());
    side_by_side(&mut h, m);
    h.el("p", "note", &m.cells_note());
    h.raw("</section>\n");

    h.raw("<section class=\"compare-radar\">\n");
    h.el("h2", "", r.section_compare_radar);
    h.el("p", "", r.compare_radar_intro);
    radar(&mut h, m);
    h.raw("</section>\n");

    if m.kind == Kind::Timeline {
        h.raw("<section class=\"timeline\">\n");
        h.el("h2", "", r.section_timeline);
        h.el("p", "", r.timeline_intro);
        h.raw("<div class=\"charts\">\n");
        let (shown, _) = m.timeline_rows();
        for row in shown {
            timeline_chart(&mut h, m, row);
        }
        h.raw("</div>\n");
        for note in m.override_dropped_texts() {
            h.el("p", "note", &note);
        }
        if let Some(never) = m.timeline_never_text() {
            h.el("p", "", &never);
        }
        h.raw("</section>\n");
    }

    h.raw("<section class=\"matrices\">\n");
    h.el("h2", "", r.section_matrices);
    h.el("p", "", r.matrix_intro);
    for c in &m.columns {
        h.raw("<div class=\"matrix-of\">\n");
        h.el("h3", "", &c.heading);
        matrix(&mut h, m, c);
        h.raw("</div>\n");
    }
    let _ = writeln!(
        h.out,
        "<p class=\"legend\">{}: <span class=\"swatch s-none\">{}</span><span class=\"swatch s-low\">{}</span><span class=\"swatch s-mid\">{}</span><span class=\"swatch s-reached\">{}</span></p>",
        esc(r.legend_title),
        esc(r.legend_none),
        esc(r.legend_low),
        esc(r.legend_mid),
        esc(r.legend_reached)
    );
    h.raw("</section>\n");

    h.raw("<section class=\"entry-points\">\n");
    h.el("h2", "", r.section_compare_entry_points);
    h.el("p", "", r.compare_entry_intro);
    h.raw("<ul class=\"entry-points\">\n");
    for c in &m.columns {
        let _ = writeln!(
            h.out,
            "<li><strong>{}</strong>{}{}</li>",
            esc(&c.heading),
            esc(r.colon),
            esc(&m.entry_points_text(c))
        );
    }
    h.raw("</ul>\n");
    if let Some(legend) = m.suggested_legend() {
        h.el("p", "legend", legend);
    }
    h.el("h3", "", r.section_differ);
    let items: Vec<String> = m.differing.iter().map(|d| m.differ_text(d)).collect();
    h.list("differ", &items, r.differ_none);
    h.raw("</section>\n");

    h.el("footer", "", &m.footer());
    h.raw("</body>\n</html>\n");
    h.out
}
