//! The report as one self-contained HTML page: no network, no scripts, the
//! style inline, every tag closed and every text escaped (it also parses as
//! XML). The 7 x 3 matrix is a shaded table and the levels a radar chart in
//! inline SVG; neither relies on colour alone (each cell shows its
//! percentage and the target in words; the two polygons differ in line).
//! It prints on A4: `@page`, nothing wider than the page, no table row or
//! chart split across pages.

use std::f64::consts::PI;
use std::fmt::Write;

use super::model::{ChangeView, DomainView, Model};
use super::{level, percent, points, weight};
use crate::core::framework::{DomainId, STAGES};
use crate::text::{fill, strings};

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

pub(super) const STYLE: &str = r#"
@page { size: A4; margin: 15mm }
* { box-sizing: border-box }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact }
body { font-family: "Helvetica Neue", Arial, "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 10.5pt; line-height: 1.45; color: #1a1a1a; background: #fff;
  max-width: 180mm; margin: 0 auto; padding: 8mm 4mm }
@media print { body { max-width: none; padding: 0 } }
h1 { font-size: 18pt; margin: 0 0 2mm }
h2 { font-size: 13.5pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5px solid #444; break-after: avoid; page-break-after: avoid }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; page-break-after: avoid }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; page-break-after: avoid }
p, li { overflow-wrap: break-word }
.framework { color: #444; margin: 0 0 4mm }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 0 }
dl.facts dt { font-weight: bold }
dl.facts dd { margin: 0; overflow-wrap: break-word }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; font-size: 9.5pt }
thead { display: table-header-group }
tr { break-inside: avoid; page-break-inside: avoid }
th, td { border: 1px solid #888; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: break-word }
th { background: #e8e8e8 }
td.num, th.num { text-align: right; white-space: nowrap }
td.na { color: #555; font-style: italic }
table.matrix td.cell { text-align: center; white-space: nowrap }
table.matrix td.target { border: 2.5px solid #000; font-weight: bold }
.s-none { background: #f2f2f2; color: #555; font-style: italic }
.s-low { background: #f7fbff }
.s-mid { background: #c6dbef }
.s-reached { background: #6baed6 }
.legend { font-size: 9pt; color: #333 }
.legend span.swatch { display: inline-block; border: 1px solid #888; padding: 0 2mm; margin: 0 1mm }
figure.radar { margin: 2mm 0; break-inside: avoid; page-break-inside: avoid }
figure.radar svg { display: block; width: 100%; max-width: 125mm; height: auto; margin: 0 auto }
figure.radar figcaption { font-size: 9pt; color: #333 }
section.entry + section.entry { border-top: 1px solid #bbb; margin-top: 4mm }
table.scores th[scope="row"] { white-space: nowrap }
html[lang="zh"] .s-none, html[lang="zh"] td.na { font-style: normal }
.aim { margin: 1mm 0 }
ul { margin: 1mm 0 2mm; padding-left: 6mm }
li { margin: 0.5mm 0 }
ul.changes li, ul.warnings li, ul.prerequisites li { break-inside: avoid; page-break-inside: avoid }
.from { color: #333 }
.arrow { font-weight: bold; padding: 0 1mm }
ul.warnings li { border-left: 3px solid #b35900; padding-left: 2mm; list-style: none; margin-left: -6mm }
.phase { break-inside: avoid; page-break-inside: avoid }
.mark { font-weight: bold }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 1px solid #888; font-size: 8.5pt; color: #444 }
"#;

pub(super) struct Html {
    pub(super) out: String,
}

/// `<sup>` link to note `n`.
fn note_mark(n: usize) -> String {
    format!(" <sup class=\"note\">[{n}]</sup>")
}

impl Html {
    pub(super) fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// `<tag class="..">escaped text</tag>` on one line.
    pub(super) fn el(&mut self, tag: &str, class: &str, text: &str) {
        if class.is_empty() {
            let _ = writeln!(self.out, "<{tag}>{}</{tag}>", esc(text));
        } else {
            let _ = writeln!(self.out, "<{tag} class=\"{class}\">{}</{tag}>", esc(text));
        }
    }

    pub(super) fn fact(&mut self, term: &str, value: &str) {
        let _ = writeln!(self.out, "<dt>{}</dt><dd>{}</dd>", esc(term), esc(value));
    }

    /// A list whose items each end with a note mark linking to its source
    /// (`[n]`, see the Sources section).
    pub(super) fn noted_list(&mut self, class: &str, items: &[(String, usize)], empty: &str) {
        if items.is_empty() {
            self.el("p", "", empty);
            return;
        }
        let _ = writeln!(self.out, "<ul class=\"{class}\">");
        for (item, note) in items {
            let _ = writeln!(self.out, "<li>{}{}</li>", esc(item), note_mark(*note));
        }
        self.raw("</ul>\n");
    }

    pub(super) fn list(&mut self, class: &str, items: &[String], empty: &str) {
        if items.is_empty() {
            self.el("p", "", empty);
            return;
        }
        let _ = writeln!(self.out, "<ul class=\"{class}\">");
        for item in items {
            let _ = writeln!(self.out, "<li>{}</li>", esc(item));
        }
        self.raw("</ul>\n");
    }

    /// A table; `right` marks the numeric columns.
    pub(super) fn table(
        &mut self,
        class: &str,
        header: &[String],
        right: &[bool],
        rows: &[Vec<String>],
    ) {
        let _ = writeln!(self.out, "<table class=\"{class}\">\n<thead><tr>");
        for (i, h) in header.iter().enumerate() {
            let cls = if right.get(i).copied().unwrap_or(false) {
                " class=\"num\""
            } else {
                ""
            };
            let _ = write!(self.out, "<th scope=\"col\"{cls}>{}</th>", esc(h));
        }
        self.raw("</tr></thead>\n<tbody>\n");
        for row in rows {
            self.raw("<tr>");
            for (i, c) in row.iter().enumerate() {
                if i == 0 {
                    let _ = write!(self.out, "<th scope=\"row\">{}</th>", esc(c));
                } else if right.get(i).copied().unwrap_or(false) {
                    let _ = write!(self.out, "<td class=\"num\">{}</td>", esc(c));
                } else {
                    let _ = write!(self.out, "<td>{}</td>", esc(c));
                }
            }
            self.raw("</tr>\n");
        }
        self.raw("</tbody>\n</table>\n");
    }
}

fn change_item(h: &mut Html, c: &ChangeView, colon: &str) {
    let _ = writeln!(
        h.out,
        "<li><strong>{}</strong>{colon}<span class=\"from\">{}</span><span class=\"arrow\">→</span>{}</li>",
        esc(&c.name),
        esc(&c.from_display),
        esc(&c.to_text)
    );
}

/// The shading class of a stage's share.
pub(super) fn shade(share: Option<f64>) -> &'static str {
    match share {
        None => "s-none",
        Some(x) if x >= crate::core::maturity::REACHED - 1e-9 => "s-reached",
        Some(x) if x >= 0.25 => "s-mid",
        Some(_) => "s-low",
    }
}

/// One row of a 7 x 3 matrix table: the domain, then per stage its share
/// (for the shade), the cell's text and whether it is the target stage, and
/// an optional last cell (class, text).
pub(super) struct MatrixRow {
    pub name: String,
    pub cells: Vec<(Option<f64>, String, bool)>,
    pub last: Option<(String, String)>,
}

/// The 7 x 3 matrix as a table, the one writer for every report.
pub(super) fn matrix_table(
    h: &mut Html,
    r: &crate::text::report::ReportStrings,
    last_header: Option<&str>,
    rows: &[MatrixRow],
) {
    h.raw("<table class=\"matrix\">\n<thead><tr>");
    let _ = write!(h.out, "<th scope=\"col\">{}</th>", esc(r.col_domain));
    for st in 1..=STAGES {
        let _ = write!(
            h.out,
            "<th scope=\"col\" class=\"num\">{}</th>",
            esc(&fill(r.col_stage, &[&st]))
        );
    }
    if let Some(last) = last_header {
        let _ = write!(h.out, "<th scope=\"col\">{}</th>", esc(last));
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for row in rows {
        let _ = write!(h.out, "<tr><th scope=\"row\">{}</th>", esc(&row.name));
        for (share, text, is_target) in &row.cells {
            let class = if *is_target {
                format!("cell {} target", shade(*share))
            } else {
                format!("cell {}", shade(*share))
            };
            let _ = write!(h.out, "<td class=\"{class}\">{}</td>", esc(text));
        }
        match &row.last {
            Some((class, text)) => {
                let _ = writeln!(h.out, "<td class=\"{class}\">{}</td></tr>", esc(text));
            }
            None => h.raw("</tr>\n"),
        }
    }
    h.raw("</tbody>\n</table>\n");
}

fn matrix(h: &mut Html, m: &Model) {
    let r = m.words();
    let rows: Vec<MatrixRow> = m
        .domains
        .iter()
        .map(|d| MatrixRow {
            name: d.name.clone(),
            cells: d
                .stage_scores
                .iter()
                .enumerate()
                .map(|(i, share)| {
                    let is_target = d.target.is_some_and(|t| usize::from(t.stage) == i + 1);
                    let mut text = share.map(percent).unwrap_or_else(|| r.no_score.into());
                    if is_target {
                        text.push(' ');
                        text.push_str(r.target_mark);
                    }
                    (*share, text, is_target)
                })
                .collect(),
            last: Some((
                if d.current.is_none() { "num na" } else { "num" }.to_string(),
                m.level_text(d),
            )),
        })
        .collect();
    matrix_table(h, r, Some(r.col_level), &rows);
    let _ = writeln!(
        h.out,
        "<p class=\"legend\">{}: <span class=\"swatch s-none\">{}</span><span class=\"swatch s-low\">{}</span><span class=\"swatch s-mid\">{}</span><span class=\"swatch s-reached\">{}</span></p>",
        esc(r.legend_title),
        esc(r.legend_none),
        esc(r.legend_low),
        esc(r.legend_mid),
        esc(r.legend_reached)
    );
}

/// Radius of the chart's outer ring (stage 3), in the SVG's units.
pub(super) const R: f64 = 100.0;

/// Where axis `i` of `n` is at `radius` from the centre; the first axis
/// points up, the others follow clockwise.
pub(super) fn at(i: usize, n: usize, radius: f64) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    (radius * angle.cos(), radius * angle.sin())
}

/// A level (0 to 3, clamped) on axis `i` of `n`.
pub(super) fn point(i: usize, n: usize, value: f64) -> (f64, f64) {
    at(
        i,
        n,
        R * value.clamp(0.0, f64::from(STAGES)) / f64::from(STAGES),
    )
}

/// A radar's rings at stages 1, 2 and 3, each with its label, for `n`
/// axes (the single-city and the comparison radar alike).
pub(super) fn radar_rings(h: &mut Html, n: usize, stroke: &str) {
    for ring in 1..=STAGES {
        let d: Vec<String> = (0..n)
            .map(|i| {
                let (x, y) = point(i, n, f64::from(ring));
                format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" })
            })
            .collect();
        let _ = writeln!(
            h.out,
            "<path class=\"ring\" d=\"{} Z\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"0.8\"/>",
            d.join(" ")
        );
        let (_, y) = point(0, n, f64::from(ring));
        let _ = writeln!(
            h.out,
            "<text class=\"ring-label\" x=\"3\" y=\"{:.1}\" font-size=\"8\" fill=\"#555\">{ring}</text>",
            y + 9.0
        );
    }
}

pub(super) fn points_attr(values: &[f64]) -> String {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = point(i, values.len(), *v);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the radar draws for a domain: today (0 when not assessed) and the
/// target (today's level when there is none).
fn radar_values(d: &DomainView) -> (f64, f64) {
    let current = d.current.unwrap_or(0.0);
    let target = d.target.map(|t| f64::from(t.stage)).unwrap_or(current);
    (current, target)
}

fn radar(h: &mut Html, m: &Model) {
    let r = m.words();
    let n = m.domains.len();
    if n == 0 {
        return;
    }
    let (current, target): (Vec<f64>, Vec<f64>) = m.domains.iter().map(radar_values).unzip();
    h.raw("<figure class=\"radar\">\n");
    let _ = writeln!(
        h.out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-215 -130 430 285\" role=\"img\" aria-labelledby=\"radar-title\">"
    );
    let _ = writeln!(
        h.out,
        "<title id=\"radar-title\">{}</title>",
        esc(r.radar_title)
    );
    radar_rings(h, n, "#999");
    for (i, d) in m.domains.iter().enumerate() {
        let (x, y) = point(i, n, f64::from(STAGES));
        let _ = writeln!(
            h.out,
            "<line class=\"axis\" x1=\"0\" y1=\"0\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#999\" stroke-width=\"0.8\"/>"
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
        let mark = if d.current.is_none() { " *" } else { "" };
        let _ = writeln!(
            h.out,
            "<text class=\"label\" x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"10\" fill=\"#1a1a1a\">{}{mark}</text>",
            ly + dy,
            esc(&d.short_name)
        );
    }
    let _ = writeln!(
        h.out,
        "<polygon class=\"current\" points=\"{}\" fill=\"#2171b5\" fill-opacity=\"0.25\" stroke=\"#2171b5\" stroke-width=\"2\"/>",
        points_attr(&current)
    );
    for (i, v) in current.iter().enumerate() {
        let (x, y) = point(i, n, *v);
        let _ = writeln!(
            h.out,
            "<circle class=\"dot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.5\" fill=\"#2171b5\"/>"
        );
    }
    let _ = writeln!(
        h.out,
        "<polygon class=\"target\" points=\"{}\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
        points_attr(&target)
    );
    // legend: line style, not only colour
    let _ = writeln!(
        h.out,
        "<line class=\"key\" x1=\"-200\" y1=\"140\" x2=\"-176\" y2=\"140\" stroke=\"#2171b5\" stroke-width=\"2\"/>\n<text x=\"-170\" y=\"143.5\" font-size=\"10\" fill=\"#1a1a1a\">{}</text>",
        esc(r.radar_current)
    );
    let _ = writeln!(
        h.out,
        "<line class=\"key\" x1=\"10\" y1=\"140\" x2=\"34\" y2=\"140\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n<text x=\"40\" y=\"143.5\" font-size=\"10\" fill=\"#1a1a1a\">{}</text>",
        esc(r.radar_target)
    );
    h.raw("</svg>\n");
    let not_assessed = m.not_assessed();
    let no_target: Vec<DomainId> = m
        .domains
        .iter()
        .filter(|d| d.target.is_none())
        .map(|d| d.id)
        .collect();
    let mut notes = vec![];
    if !not_assessed.is_empty() {
        notes.push(format!(
            "* {}",
            fill(r.radar_not_assessed, &[&m.domain_list(&not_assessed)])
        ));
    }
    if !no_target.is_empty() {
        notes.push(fill(r.radar_no_target, &[&m.domain_list(&no_target)]));
    }
    if !notes.is_empty() {
        let _ = writeln!(
            h.out,
            "<figcaption>{}</figcaption>",
            notes
                .iter()
                .map(|n| esc(n))
                .collect::<Vec<_>>()
                .join("<br/>")
        );
    }
    h.raw("</figure>\n");
}

pub fn render(m: &Model) -> String {
    let r = m.words();
    let s = strings(m.lang);
    let colon = esc(r.colon);
    let mut h = Html { out: String::new() };
    let _ = writeln!(
        h.out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>",
        m.lang.code(),
        esc(&m.title()),
        STYLE
    );
    h.raw("<header>\n");
    h.el("h1", "", &m.title());
    h.el("p", "framework", s.framework_title);
    h.raw("</header>\n");

    h.raw("<section class=\"city\">\n");
    h.el("h2", "", r.section_city);
    h.raw("<dl class=\"facts\">\n");
    let p = &m.profile;
    h.fact(r.label_name, &p.display_name);
    h.fact(r.label_country, &m.or_unknown(&p.country_name));
    h.fact(r.label_region, &m.or_unknown(&p.region));
    h.fact(m.population_label(), &m.population_text());
    if let Some(size) = &p.size_class {
        h.fact(r.label_size, size);
    }
    h.fact(r.label_specialties, &m.specialties_text());
    h.fact(r.label_resources, &m.constraints_text());
    h.raw("</dl>\n</section>\n");

    h.raw("<section class=\"assessment\">\n");
    h.el("h2", "", r.section_assessment);
    let Some(a) = &m.assessment else {
        h.el("p", "", r.no_assessment);
        h.raw("</section>\n");
        h.el("footer", "", &m.footer());
        h.raw("</body>\n</html>\n");
        return h.out;
    };
    h.el("p", "", &fill(r.assessment_number, &[&a.number, &a.of]));
    h.raw("<dl class=\"facts\">\n");
    h.fact(r.label_date, &a.date.to_string());
    h.fact(r.label_interviewer, &m.or_unknown(&a.interviewer));
    let respondents: Vec<String> = a.respondents.iter().map(|x| m.respondent_text(x)).collect();
    h.fact(
        r.label_respondents,
        &if respondents.is_empty() {
            r.none.to_string()
        } else {
            respondents.join("; ")
        },
    );
    h.raw("</dl>\n</section>\n");

    // The seven domains.
    h.raw("<section class=\"domains\">\n");
    h.el("h2", "", r.section_domains);
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
    h.table(
        "domains",
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
    // the engine's suggested targets, marked as such, with their note
    let suggested = m.suggested_lines();
    if !suggested.is_empty() {
        let n = m.note(&m.notes(), &crate::core::sources::Rule::Suggestion.source());
        let items: Vec<(String, usize)> = suggested.into_iter().map(|l| (l, n)).collect();
        h.noted_list("suggested", &items, "");
    }
    for d in m.domains.iter().filter(|d| d.overridden.is_some()) {
        let o = d.overridden.as_ref().expect("filtered");
        let computed = o
            .computed
            .map(level)
            .unwrap_or_else(|| r.not_assessed.into());
        h.el(
            "p",
            "note",
            &fill(r.override_note, &[&d.name, &computed, &o.reason]),
        );
    }
    h.el("p", "note", r.not_assessed_note);
    h.el("p", "note", &m.evidence_text());
    h.raw("</section>\n");
    if m.has_voices {
        voices_section(&mut h, m);
    }

    h.raw("<section class=\"matrix\">\n");
    h.el("h2", "", r.section_matrix);
    h.el("p", "", r.matrix_intro);
    matrix(&mut h, m);
    h.raw("</section>\n");

    h.raw("<section class=\"radar\">\n");
    h.el("h2", "", r.section_radar);
    radar(&mut h, m);
    h.raw("</section>\n");

    // Entry points.
    let notes = m.notes();
    let aw = crate::text::advice::report_words(m.lang);
    let note = |source: &crate::core::sources::Source| m.note(&notes, source);
    h.raw("<section class=\"entry-points\">\n");
    h.el("h2", "", r.section_entry_points);
    if m.entry_points.is_empty() {
        h.el("p", "", r.no_entry_points);
    }
    for e in &m.entry_points {
        let _ = writeln!(
            h.out,
            "<section class=\"entry\" id=\"entry-{}\">",
            e.domain.as_str()
        );
        h.el("h3", "", &fill(r.entry_title, &[&e.rank, &e.name]));
        h.el("p", "aim", &m.aim_text(e));
        h.el("h4", "", r.label_reasons);
        let reasons: Vec<(String, usize)> = e
            .reasons
            .iter()
            .map(|x| (x.text.clone(), note(&x.source)))
            .collect();
        h.noted_list("reasons", &reasons, r.empty);
        h.el("h4", "", &m.changes_title(e));
        h.el("p", "note", r.changes_note);
        if let Some(case) = &e.own_case {
            h.el("p", "own-case", &fill(r.own_case, &[case]));
        }
        h.raw("<ul class=\"changes\">\n");
        for c in &e.changes {
            change_item(&mut h, c, &colon);
        }
        h.raw("</ul>\n");
        h.el("h4", "", r.label_focus);
        h.el("p", "", &crate::text::advice::list(&e.focus_items, m.lang));
        h.el("h4", "", r.label_cases);
        if !e.cases.is_empty() && e.exact_cases == 0 {
            h.el(
                "p",
                "",
                if e.own_case.is_some() {
                    crate::text::advice::no_exact_case_besides_own(m.lang)
                } else {
                    crate::text::advice::no_exact_case(m.lang)
                },
            );
        }
        let cases: Vec<String> = e.cases.iter().map(|c| m.case_text(c)).collect();
        h.list("cases", &cases, r.empty);
        h.el("h4", "", r.label_model);
        let om = &e.operating_model;
        let _ = writeln!(
            h.out,
            "<p><strong>{}</strong>{colon}{}{}</p>",
            esc(om.name),
            esc(om.why),
            note_mark(note(&om.source))
        );
        let options: Vec<String> = om
            .financing
            .iter()
            .map(|f| format!("{}{}", esc(f.text), note_mark(note(&f.source))))
            .collect();
        if let Some(mix) = om.mix_text(m.lang) {
            h.el("p", "mix", &crate::text::capitalise(&mix));
        }
        // the options are escaped already: the line is assembled from them
        let _ = writeln!(
            h.out,
            "<p class=\"financing\">{}</p>",
            crate::text::advice::financing_line(&options, m.lang)
        );
        if let Some((caution, source)) = &om.caution {
            let _ = writeln!(
                h.out,
                "<p class=\"note\">{}{}</p>",
                esc(caution),
                note_mark(note(source))
            );
        }
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
        // the weights are the tool's own: a note says so
        h.raw(&format!(
            "<h4>{}{}</h4>\n",
            esc(&fill(r.label_score, &[&points(e.score)])),
            note_mark(note(&crate::core::sources::Rule::Weights.source()))
        ));
        h.table(
            "parts",
            &[
                r.col_factor.into(),
                r.col_value.into(),
                r.col_weight.into(),
                r.col_points.into(),
            ],
            &[false, true, true, true],
            &rows,
        );
        h.raw("</section>\n");
    }
    h.raw("</section>\n");

    h.raw("<section class=\"scores\">\n");
    h.el("h2", "", r.section_scores);
    h.raw(&format!(
        "<p>{} {}{}</p>\n",
        esc(r.scores_intro),
        esc(aw.weights_convention),
        note_mark(note(&crate::core::sources::Rule::Weights.source()))
    ));
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
                // short names: the factor columns need the width
                let mut row = vec![d.short_name.clone()];
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
        h.table("scores", &header, &right, &rows);
        if m.domains
            .iter()
            .any(|d| d.score_parts.iter().any(|p| p.suggested))
        {
            h.el("p", "note", aw.suggested_gap_note);
        }
    }
    h.raw("</section>\n");

    h.raw("<section class=\"prerequisites\">\n");
    h.el("h2", "", r.section_prerequisites);
    let items: Vec<String> = m.prerequisites.iter().map(|p| p.text.clone()).collect();
    h.list("prerequisites", &items, r.empty);
    h.raw("</section>\n");

    h.raw("<section class=\"supports\">\n");
    h.el("h2", "", aw.section_supports);
    h.el("p", "", aw.supports_intro);
    if m.supports.is_empty() {
        h.el("p", "", r.empty);
    }
    for sp in &m.supports {
        h.el("p", "", &sp.text);
        let ways: Vec<(String, usize)> = sp
            .ways
            .iter()
            .map(|(_, text, source)| (text.clone(), note(source)))
            .collect();
        h.raw("<ul class=\"ways\">\n");
        for (text, n) in &ways {
            let mark = if *n > 0 { note_mark(*n) } else { String::new() };
            let _ = writeln!(h.out, "<li>{}{mark}</li>", esc(text));
        }
        if !sp.first_text.is_empty() {
            let label = if sp.action == "assess_first" {
                aw.label_assess_first
            } else {
                aw.label_first
            };
            let _ = writeln!(h.out, "<li>{}\n<ol class=\"first\">", esc(label));
            for text in &sp.first_text {
                let _ = writeln!(h.out, "<li>{}</li>", esc(text));
            }
            h.raw("</ol></li>\n");
        }
        h.raw("</ul>\n");
    }
    h.raw("</section>\n");

    h.raw("<section class=\"warnings\">\n");
    h.el("h2", "", r.section_warnings);
    let items: Vec<(String, usize)> = m
        .warnings
        .iter()
        .map(|w| (w.message.clone(), note(&w.source)))
        .collect();
    h.noted_list("warnings", &items, r.empty);
    h.raw("</section>\n");

    h.raw("<section class=\"enablers\">\n");
    h.el("h2", "", r.section_enablers);
    h.el("p", "", &fill(r.enablers_intro, &[&m.enablers_to]));
    h.raw("<ul class=\"changes\">\n");
    for c in &m.enablers {
        let _ = writeln!(
            h.out,
            "<li><strong>{}</strong>{}{colon}{}</li>",
            esc(&c.name),
            esc(&m.paren(&m.change_span(c))),
            esc(&c.to_text)
        );
    }
    h.raw("</ul>\n</section>\n");

    if m.timeline.is_some() {
        h.raw("<section class=\"timeline\">\n");
        h.el("h2", "", r.section_timeline);
        h.el("p", "", r.timeline_intro);
        let mut header = vec![r.col_domain.to_string()];
        header.extend(m.timeline_headings());
        let right: Vec<bool> = (0..header.len()).map(|i| i > 0).collect();
        h.table("timeline", &header, &right, &m.timeline_rows());
        h.raw("</section>\n");
    }

    h.raw("<section class=\"plan\">\n");
    h.el("h2", "", r.section_plan);
    if m.plan.is_empty() {
        h.el("p", "", r.no_plan);
    }
    for phase in &m.plan {
        h.raw("<div class=\"phase\">\n");
        h.el(
            "h3",
            "",
            &fill(r.phase_title, &[&phase.number, &phase.start, &phase.end]),
        );
        let owner = if phase.owner.trim().is_empty() {
            r.owner_unset.to_string()
        } else {
            phase.owner.clone()
        };
        let _ = writeln!(
            h.out,
            "<p><strong>{}</strong>{colon}{}</p>\n<ul class=\"moves\">",
            esc(r.label_owner),
            esc(&owner)
        );
        for c in &phase.checks {
            let n = note(&c.source);
            let mark = if n > 0 { note_mark(n) } else { String::new() };
            let _ = write!(h.out, "<li class=\"check\">{}{mark}", esc(&c.text));
            h.raw("\n<ul class=\"work\">\n");
            for item in &c.items {
                let _ = writeln!(h.out, "<li>{}</li>", esc(item));
            }
            h.raw("</ul></li>\n");
        }
        for mv in &phase.moves {
            let name = match mv.model.mix_text(m.lang) {
                Some(mix) => format!("{}{}{mix}", mv.model.name, r.colon),
                None => mv.model.name.to_string(),
            };
            let line = fill(aw.move_model, &[&m.move_text(mv), &name]);
            let _ = write!(h.out, "<li>{}", esc(&line));
            if mv.prerequisite {
                let _ = write!(
                    h.out,
                    " <span class=\"mark\">{}</span>",
                    esc(m.support_mark(mv))
                );
            }
            h.raw("\n<ul class=\"work\">\n");
            for detail in m.move_details(mv) {
                let _ = writeln!(h.out, "<li>{}</li>", esc(&detail));
            }
            h.raw("</ul></li>\n");
        }
        h.raw("</ul>\n</div>\n");
    }
    if let Some(remark) = m.long_horizon_text() {
        let n = note(&crate::core::sources::Rule::LongHorizon.source());
        let mark = if n > 0 { note_mark(n) } else { String::new() };
        let _ = writeln!(h.out, "<p class=\"remark\">{}{mark}</p>", esc(&remark));
    }
    h.raw("</section>\n");

    // the consultant's notes on moves no longer in the plan: never dropped
    if !m.orphans.is_empty() {
        h.raw("<section class=\"orphans\">\n");
        h.el("h2", "", aw.section_orphans);
        h.el("p", "", aw.orphans_intro);
        let items: Vec<String> = m.orphans.iter().map(|o| o.text.clone()).collect();
        h.list("orphans", &items, "");
        h.raw("</section>\n");
    }

    if !notes.is_empty() {
        h.raw("<section class=\"notes\">\n");
        h.el("h2", "", aw.section_notes);
        h.el("p", "", aw.notes_intro);
        h.raw("<ol class=\"notes\">\n");
        for (i, source) in notes.iter().enumerate() {
            let _ = writeln!(
                h.out,
                "<li id=\"note-{}\">{}</li>",
                i + 1,
                esc(&crate::text::advice::source_note(source, m.lang))
            );
        }
        h.raw("</ol>\n</section>\n");
    }

    if !m.answers.is_empty() {
        h.raw("<section class=\"answers\">\n");
        h.el("h2", "", r.section_answers);
        h.el("p", "", r.answers_intro);
        let mut current = None;
        for a in &m.answers {
            if current != Some((a.domain, a.stage)) {
                if current.is_some() {
                    h.raw("</ul>\n");
                }
                current = Some((a.domain, a.stage));
                h.el(
                    "h3",
                    "",
                    &format!("{} · {}", a.domain_name, m.stage_text(a.stage)),
                );
                h.raw("<ul>\n");
            }
            let carried = if a.carried_over {
                esc(&m.paren(r.answer_carried))
            } else {
                String::new()
            };
            let note = a
                .note
                .as_deref()
                .map(|n| format!(" — <em>{}</em>", esc(n)))
                .unwrap_or_default();
            let _ = writeln!(
                h.out,
                "<li><strong class=\"{}\">{}</strong>{carried}{colon}{}{note}</li>",
                a.value,
                esc(a.value_text),
                esc(&a.text)
            );
        }
        h.raw("</ul>\n</section>\n");
    }
    if m.has_voices {
        differed_section(&mut h, m);
    }

    h.raw("<section class=\"reference\">\n");
    h.el("h2", "", r.label_reference_scale);
    h.el("p", "", &m.reference_scale());
    h.raw("</section>\n");
    h.el("footer", "", &m.footer());
    h.raw("</body>\n</html>\n");
    h.out
}

/// The voices per domain (see the Markdown's `voices_section`).
fn voices_section(h: &mut Html, m: &Model) {
    let vw = crate::text::report_voices::strings(m.lang);
    let r = m.words();
    h.raw("<section class=\"voices\">\n");
    h.el("h2", "", vw.section_voices);
    h.el("p", "", vw.voices_intro);
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
    h.table(
        "voices",
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
            h.el("p", "note", &main.text);
        }
    }
    let given: Vec<String> = m
        .respondents
        .iter()
        .map(|x| fill(vw.answered_by, &[&x.name, &x.answered]))
        .collect();
    if !given.is_empty() {
        h.raw("<dl class=\"facts\">\n");
        let sep = if m.lang == crate::core::Lang::Zh {
            "；"
        } else {
            "; "
        };
        h.fact(vw.label_answered_by, &given.join(sep));
        h.raw("</dl>\n");
    }
    h.raw("</section>\n");
}

/// The appendix of the indicators whose voices differed.
fn differed_section(h: &mut Html, m: &Model) {
    let vw = crate::text::report_voices::strings(m.lang);
    let colon = esc(m.words().colon);
    if m.domains.iter().all(|d| d.voices.differed.is_empty()) {
        return;
    }
    h.raw("<section class=\"differed\">\n");
    h.el("h2", "", vw.section_differed);
    h.el("p", "", vw.differed_intro);
    for d in m.domains.iter().filter(|d| !d.voices.differed.is_empty()) {
        h.el("h3", "", &d.name);
        h.raw("<ul>\n");
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
            let _ = write!(
                h.out,
                "<li><strong>{}</strong> ({}, {}){colon}{}; <span class=\"{}\">{}</span>\n<ul>\n",
                esc(&x.text),
                esc(&x.indicator),
                esc(&m.stage_text(x.stage)),
                esc(status),
                x.value,
                esc(&counted)
            );
            if let (Some(by), Some(why)) = (&x.settled_by, &x.settled_reason) {
                h.el("li", "", &fill(vw.settled, &[by, why]));
            }
            for v in &x.voices {
                let note = v
                    .note
                    .as_deref()
                    .map(|n| format!(" — <em>{}</em>", esc(n)))
                    .unwrap_or_default();
                let at =
                    v.at.map(|t| format!(" ({})", esc(&fill(vw.given_on, &[&t.date_naive()]))))
                        .unwrap_or_default();
                let _ = writeln!(
                    h.out,
                    "<li>{}{colon}<strong class=\"{}\">{}</strong>{at}{note}</li>",
                    esc(&v.name),
                    v.value,
                    esc(v.value_text)
                );
            }
            h.raw("</ul></li>\n");
        }
        h.raw("</ul>\n");
    }
    h.raw("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            esc("Livelihood & Services <b>\"x\" 'y'"),
            "Livelihood &amp; Services &lt;b&gt;&quot;x&quot; &#39;y&#39;"
        );
    }

    #[test]
    fn the_radar_puts_stage_3_on_the_outer_ring_and_the_first_axis_up() {
        let (x, y) = point(0, 7, 3.0);
        assert!(x.abs() < 1e-9 && (y + R).abs() < 1e-9);
        let (x, y) = point(3, 7, 0.0);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9);
        // beyond the scale is clamped
        assert_eq!(point(2, 7, 9.0), point(2, 7, 3.0));
    }
}
