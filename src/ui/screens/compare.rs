//! Cities side by side, or one city over time: per domain a bar per
//! column, or each column's 7 x 3 matrix; columns page when they do not
//! all fit.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{bar, boxed, put, put_wrapped};
use super::super::keys::{Action, Binding, CTRL_C, HELP, Key, LANG, LEFT, RIGHT, bind};
use super::Screen;
use super::editor::{self, Edit, EditTarget, Editor};
use crate::core::Lang;
use crate::core::compare::{Comparison, SortBy, compare_assessments, compare_profiles};
use crate::core::framework::{DomainId, STAGES, framework};
use crate::core::profile::Profile;
use crate::report::compare::{ColumnView, CompareModel, Kind};
use crate::text::advice::domains as domain_list;
use crate::text::{fill, pad, width};

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(&[C('s')], A::Sort, key_compare_sort, hint_sort),
    bind!(LEFT, A::Left, key_columns_left),
    bind!(RIGHT, A::Right, key_columns_right, hint_columns),
    bind!(&[C('m')], A::Matrix, key_compare_matrix, hint_matrix),
    bind!(&[C('o')], A::Export, key_export_comparison, hint_export),
    bind!(all: HELP, A::Help, key_help, hint_help),
    bind!(all: LANG, A::SwitchLanguage, key_language),
    bind!(all: &[C('q'), Code(KeyCode::Esc)], A::Quit, key_home, hint_home),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// The most profiles compared at once.
pub const MAX_COMPARED: usize = 6;

/// Cities side by side, or one city over time.
#[derive(Debug, Clone)]
pub struct CompareView {
    pub comparison: Comparison,
    pub sort: SortBy,
    /// The first column shown (columns page when they do not all fit).
    pub first: usize,
    /// The 7 x 3 matrix of each column instead of the bars.
    pub matrices: bool,
    /// One city's assessments rather than several cities.
    pub timeline: bool,
    /// The export's path being typed (`o`).
    pub editor: Option<Editor>,
}

impl CompareView {
    /// The header's title.
    pub fn title(&self, cx: &Ctx) -> String {
        if self.timeline {
            format!(
                "{} · {}",
                cx.s.title_timeline,
                self.model(cx.lang)
                    .columns
                    .first()
                    .map(|c| c.name.get(cx.lang).to_string())
                    .unwrap_or_default()
            )
        } else {
            cx.s.title_compare.to_string()
        }
    }
}

/// The profiles to compare arrived: the comparison, if there are two
/// columns to compare.
pub fn open(profiles: &[Profile], timeline: bool, cx: &mut Cx<'_>) -> Option<Screen> {
    let refs: Vec<&Profile> = profiles.iter().collect();
    let comparison = if timeline {
        compare_assessments(framework(), refs.first()?)
    } else {
        compare_profiles(framework(), &refs)
    };
    if comparison.columns.len() < 2 {
        cx.status.error = Some(cx.s.error_compare_need_two.to_string());
        return None;
    }
    Some(Screen::Compare(Box::new(CompareView {
        comparison,
        sort: SortBy::Domain,
        first: 0,
        matrices: false,
        timeline,
        editor: None,
    })))
}

pub fn update(
    mut view: Box<CompareView>,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> (Screen, Vec<Effect>) {
    if let Some(editor) = &mut view.editor {
        let effects = match editor.handle(action, key) {
            Edit::Cancel => {
                view.editor = None;
                vec![]
            }
            Edit::Submit(text) => {
                let base = text.trim().to_string();
                if base.is_empty() {
                    editor.error = Some(cx.s.error_export_path.to_string());
                    vec![]
                } else {
                    view.editor = None;
                    vec![Effect::ExportComparison {
                        comparison: Box::new(view.comparison.clone()),
                        timeline: view.timeline,
                        sort: view.sort,
                        base,
                    }]
                }
            }
            Edit::Typed | Edit::Nothing => vec![],
        };
        return (Screen::Compare(view), effects);
    }
    let n = view.comparison.columns.len();
    match action {
        Some(A::Export) => {
            view.editor = Some(Editor::new(
                EditTarget::ExportPath,
                view.export_name(cx.today),
            ));
        }
        Some(A::Sort) => {
            view.sort = match view.sort {
                SortBy::Domain => SortBy::Difference,
                SortBy::Difference => SortBy::Domain,
            }
        }
        Some(A::Left | A::PageUp) => view.first = view.first.saturating_sub(1),
        Some(A::Right | A::PageDown) => view.first = (view.first + 1).min(n.saturating_sub(1)),
        Some(A::Matrix) => view.matrices = !view.matrices,
        Some(A::Quit | A::Back) => return (Screen::Home, vec![Effect::List]),
        _ => {}
    }
    (Screen::Compare(view), vec![])
}

const NAME_W: u16 = 16;
const COL_W: u16 = 13;
const SPREAD_W: u16 = 6;
/// A column of the matrix view: three cells of six (`[ 83%]`) and a gap.
const MATRIX_W: u16 = 19;

impl CompareView {
    /// The model the compare reports are drawn from, in `lang` and this
    /// view's order: the screen lays it out, the model words it.
    pub fn model(&self, lang: Lang) -> CompareModel {
        let kind = if self.timeline {
            Kind::Timeline
        } else {
            Kind::Cities
        };
        CompareModel::new(&self.comparison, kind, self.sort, lang)
    }
}

impl CompareView {
    /// The export's default name: the cities' ids (or the city's, over
    /// time) and the day.
    pub fn export_name(&self, today: chrono::NaiveDate) -> String {
        let ids: Vec<&str> = self
            .comparison
            .columns
            .iter()
            .map(|c| c.profile.as_str())
            .collect();
        if self.timeline {
            let id = ids.first().copied().unwrap_or("city");
            format!("{id}-over-time-{today}-report")
        } else {
            format!("compare-{}-{today}-report", ids.join("-"))
        }
    }

    /// How many columns a body `inner_width` wide shows at once.
    pub fn per_page(&self, inner_width: u16) -> usize {
        if self.matrices {
            (inner_width.saturating_sub(NAME_W) / MATRIX_W).max(1) as usize
        } else {
            (inner_width.saturating_sub(NAME_W + SPREAD_W) / COL_W).max(1) as usize
        }
    }

    /// Whether every column fits in a body `body_width` wide (its box
    /// included): then there is nothing to page, and the hint says none.
    pub fn all_columns_fit(&self, body_width: u16) -> bool {
        self.comparison.columns.len() <= self.per_page(body_width.saturating_sub(2))
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, view: &CompareView, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    // the export's path, typed below the comparison
    let area = match &view.editor {
        Some(editor) => {
            let rows = editor::ROWS.min(area.height);
            let foot = Rect::new(area.x, area.bottom() - rows, area.width, rows);
            editor::draw(buf, foot, editor, cx);
            Rect::new(area.x, area.y, area.width, area.height - rows)
        }
        None => area,
    };
    let model = view.model(lang);
    let sort = match view.sort {
        SortBy::Domain => s.compare_sorted_domain,
        SortBy::Difference => s.compare_sorted_difference,
    };
    let title = if view.timeline {
        s.title_timeline
    } else {
        s.title_compare
    };
    let inner = boxed(buf, area, &format!("{title} · {sort}"), theme, true);
    let cols = &model.columns;
    let per_page = view.per_page(inner.width);
    let first = view.first.min(cols.len().saturating_sub(1));
    let shown: Vec<(usize, &ColumnView)> =
        cols.iter().enumerate().skip(first).take(per_page).collect();
    let mut y = inner.y;
    // column headings; columns take the room there is (up to 24 wide)
    let col_w = if view.matrices {
        MATRIX_W
    } else {
        let room = inner.width.saturating_sub(NAME_W + SPREAD_W);
        (room / shown.len().max(1) as u16).clamp(COL_W, 24)
    };
    for (k, (_, c)) in shown.iter().enumerate() {
        let x = inner.x + NAME_W + k as u16 * col_w;
        put(buf, x, y, &c.heading, col_w - 1, theme.title());
    }
    if !view.matrices {
        put(
            buf,
            inner.x + NAME_W + shown.len() as u16 * col_w,
            y,
            s.compare_spread,
            SPREAD_W,
            theme.heading(),
        );
    }
    y += 1;
    if view.matrices {
        for (k, _) in shown.iter().enumerate() {
            let x = inner.x + NAME_W + k as u16 * col_w;
            let labels: Vec<String> = (1..=STAGES)
                .map(|l| {
                    // right-aligned by display width (一 takes two columns)
                    let mark = s.stage_label(l).chars().last().unwrap_or(' ').to_string();
                    format!("{}{mark}", " ".repeat(5usize.saturating_sub(width(&mark))))
                })
                .collect();
            put(buf, x, y, &labels.join(" "), col_w - 1, theme.dim());
        }
        y += 1;
    }
    for row in &model.rows {
        if y + 1 >= inner.bottom() {
            break;
        }
        put(
            buf,
            inner.x,
            y,
            &pad(&row.short_name, NAME_W as usize - 1),
            NAME_W - 1,
            theme.heading(),
        );
        for (k, (i, c)) in shown.iter().enumerate() {
            let x = inner.x + NAME_W + k as u16 * col_w;
            if view.matrices {
                put(
                    buf,
                    x,
                    y,
                    &model.compact_matrix(c, row.domain),
                    col_w - 1,
                    Style::new(),
                );
                continue;
            }
            let text = model.compact_cell(row, *i);
            put(buf, x, y, &text, col_w - 1, theme.heading());
            // difference to the first column, for the others
            if let Some((diff, value)) = model.compact_difference(row, *i) {
                let style = if value > 0.0 {
                    theme.ok()
                } else if value < 0.0 {
                    theme.error()
                } else {
                    theme.dim()
                };
                let w = text.chars().count() as u16;
                put(buf, x + w + 1, y, &diff, col_w.saturating_sub(w + 2), style);
            }
            if let Some(l) = row.levels[*i] {
                bar(buf, x, y + 1, col_w - 2, l / f64::from(STAGES), theme);
            }
        }
        if !view.matrices {
            let x = inner.x + NAME_W + shown.len() as u16 * col_w;
            put(
                buf,
                x,
                y,
                &model.compact_spread(row),
                SPREAD_W,
                theme.target(),
            );
        }
        y += if view.matrices { 1 } else { 2 };
    }
    // where the entry points differ, and the paging note
    let mut notes = vec![];
    let mark = crate::text::advice::report_words(lang).suggested_gap_mark;
    if cols.len() > per_page {
        notes.push(fill(
            s.compare_more,
            &[&(first + 1), &(first + shown.len()), &cols.len()],
        ));
    }
    if model.differing.is_empty() {
        let common: Vec<DomainId> = cols
            .first()
            .map(|c| c.entry_points.clone())
            .unwrap_or_default();
        if !common.is_empty() {
            // the same domains, marked per column where one rests on a
            // suggested target: the marks then need the columns' names
            let marked: Vec<String> = cols
                .iter()
                .filter(|c| !c.suggested_entry_points.is_empty())
                .map(|c| {
                    fill(
                        s.paren,
                        &[&c.heading, &domain_list(&c.suggested_entry_points, lang)],
                    )
                })
                .collect();
            let mut note = fill(s.compare_same, &[&domain_list(&common, lang)]);
            if !marked.is_empty() {
                note.push_str(&fill(s.compare_suggested, &[&marked.join(s.sep_groups)]));
            }
            notes.push(note);
        }
    } else {
        let parts: Vec<String> = model
            .differing
            .iter()
            .map(|d| {
                // a column whose entry point here rests on a suggested
                // target carries the mark the legend explains
                let with: Vec<String> = d
                    .columns
                    .iter()
                    .map(|&i| {
                        if cols[i].suggested_entry_points.contains(&d.domain) {
                            format!("{}{mark}", cols[i].heading)
                        } else {
                            cols[i].heading.clone()
                        }
                    })
                    .collect();
                let short = model
                    .rows
                    .iter()
                    .find(|r| r.domain == d.domain)
                    .map(|r| r.short_name.as_str())
                    .unwrap_or(&d.name);
                fill(s.paren, &[&short, &with.join(s.sep_items)])
            })
            .collect();
        notes.push(fill(s.compare_differ, &[&parts.join(s.sep_groups)]));
        if model.suggested_legend().is_some() {
            notes.push(fill(s.compare_suggested_legend, &[&mark]));
        }
    }
    // over time: a change that is only an assessor's level not carried over
    notes.extend(model.override_dropped_texts());
    let text = notes.join("\n");
    if y < inner.bottom() {
        put_wrapped(
            buf,
            Rect::new(inner.x, y, inner.width, inner.bottom() - y),
            &text,
            theme.dim(),
        );
    }
}
