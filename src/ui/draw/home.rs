//! The home screen: the profiles, a filter, and a preview of the selected
//! city's seven domains.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::super::app::{App, Entry, Sort};
use super::super::theme::Theme;
use super::highlight;
use super::paint::{bar, boxed, put, put_wrapped};
use crate::core::framework::DomainId;
use crate::core::{Lang, framework};
use crate::text::{UiStrings, fill, group_digits, pad};

pub fn draw(buf: &mut Buffer, area: Rect, app: &App, s: &UiStrings, theme: Theme) {
    let lang = app.lang;
    let list_w = (area.width * 11 / 20).max(40);
    let list_area = Rect::new(area.x, area.y, list_w, area.height);
    let preview_area = Rect::new(area.x + list_w, area.y, area.width - list_w, area.height);
    let home = &app.home;
    let sort = match home.sort.unwrap_or(Sort::Name) {
        Sort::Name => s.sort_name,
        Sort::Updated => s.sort_updated,
        Sort::Progress => s.sort_progress,
    };
    let count = if home.filter.text.is_empty() {
        home.entries.len().to_string()
    } else {
        format!("{}/{}", home.visible(lang).len(), home.entries.len())
    };
    let title = fill(s.home_list_title, &[&count, &sort]);
    let inner = boxed(buf, list_area, &title, theme, true);
    let mut top = inner.y;
    if home.filtering || !home.filter.text.is_empty() {
        let cursor = if home.filtering { "_" } else { "" };
        put(
            buf,
            inner.x,
            top,
            &format!("/{}{cursor}", home.filter.text),
            inner.width,
            theme.key(),
        );
        top += 1;
    }
    let mut bottom = inner.bottom();
    if !home.skipped.is_empty() {
        bottom = bottom.saturating_sub(1);
        put(
            buf,
            inner.x,
            bottom,
            &fill(s.skipped_files, &[&home.skipped.len()]),
            inner.width,
            theme.error(),
        );
    }
    if !home.loaded {
        put(buf, inner.x, top, s.loading, inner.width, theme.dim());
    } else if home.entries.is_empty() {
        let text = fill(s.empty_folder, &[&home.folder]);
        put_wrapped(
            buf,
            Rect::new(inner.x, top, inner.width, bottom.saturating_sub(top)),
            &text,
            theme.heading(),
        );
    } else {
        let visible = home.visible(lang);
        if visible.is_empty() {
            put(buf, inner.x, top, s.no_match, inner.width, theme.dim());
        }
        let rows = bottom.saturating_sub(top) as usize;
        let first = home.selected.saturating_sub(rows.saturating_sub(1));
        for (row, &index) in visible.iter().enumerate().skip(first).take(rows) {
            let y = top + (row - first) as u16;
            let e = &home.entries[index];
            let mark = if home.marked.contains(&e.id) {
                "*"
            } else {
                " "
            };
            let progress = format!("{:>3}/{}", e.answered, e.total);
            let date = e
                .latest_assessment
                .map(|d| d.to_string())
                .unwrap_or_default();
            let name_w = inner.width.saturating_sub(2 + 1 + 10 + 1 + 7) as usize;
            let mut name = e.name.get(lang).to_string();
            if e.read_only.is_some() {
                name = format!("{name} ({})", s.read_only_short);
            }
            let line = format!("{mark} {} {:>10} {:>7}", pad(&name, name_w), date, progress);
            put(buf, inner.x, y, &line, inner.width, theme.heading());
            if row == home.selected {
                highlight(buf, inner, y, theme);
            }
        }
    }
    draw_preview(buf, preview_area, home.selected_entry(lang), lang, s, theme);
}

fn draw_preview(
    buf: &mut Buffer,
    area: Rect,
    entry: Option<&Entry>,
    lang: Lang,
    s: &UiStrings,
    theme: Theme,
) {
    let inner = boxed(buf, area, s.preview_title, theme, false);
    let Some(e) = entry else {
        return;
    };
    let mut y = inner.y;
    let other = e.name.get(lang.other());
    let name = e.name.get(lang);
    let title = if other != name {
        format!("{name} {other}")
    } else {
        name.to_string()
    };
    put(buf, inner.x, y, &title, inner.width, theme.title());
    y += 1;
    let mut place: Vec<String> = [e.region_in(lang).to_string(), e.country.clone()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect();
    if let Some(p) = e.population {
        place.push(fill(s.population_short, &[&group_digits(p)]));
    }
    put(
        buf,
        inner.x,
        y,
        &place.join(" · "),
        inner.width,
        theme.dim(),
    );
    y += 1;
    let latest = e
        .latest_assessment
        .map(|d| d.to_string())
        .unwrap_or_else(|| "-".into());
    put(
        buf,
        inner.x,
        y,
        &fill(s.preview_assessments, &[&e.assessments, &latest]),
        inner.width,
        theme.dim(),
    );
    y += 2;
    put(buf, inner.x, y, s.col_domain, 16, theme.heading());
    put(
        buf,
        inner.x + 17,
        y,
        s.col_level_target,
        inner.width.saturating_sub(17),
        theme.heading(),
    );
    y += 1;
    let fw = framework();
    for (i, domain) in DomainId::ALL.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let name = fw.domain(*domain).short_name.get(lang);
        put(buf, inner.x, y, name, 16, theme.heading());
        let bar_x = inner.x + 17;
        match e.levels[i] {
            Some(level) => {
                bar(buf, bar_x, y, 8, level / 3.0, theme);
                let mark = if e.overridden[i] { "*" } else { "" };
                put(
                    buf,
                    bar_x + 9,
                    y,
                    &format!("{level:.1}{mark}"),
                    4,
                    theme.heading(),
                );
            }
            None => {
                put(buf, bar_x, y, s.not_assessed_short, 12, theme.dim());
            }
        }
        if let Some(target) = e.targets[i] {
            let text = fill(s.target_arrow, &[&target]);
            put(
                buf,
                bar_x + 13,
                y,
                &text,
                inner.right().saturating_sub(bar_x + 13),
                theme.target(),
            );
        }
        y += 1;
    }
}
