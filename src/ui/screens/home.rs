//! The home screen: the profiles, a filter, and a preview of the selected
//! city's seven domains. Its state lives in `App`, so the marks, the
//! filter, the sort and the selection survive a visit to another screen.

use std::collections::BTreeSet;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{bar, boxed, highlight, put, put_wrapped};
use super::super::input::TextInput;
use super::super::keys::{Action, Binding, CTRL_C, DOWN, ENTER, ESC, HELP, Key, LANG, UP, bind};
use super::compare::MAX_COMPARED;
use super::{Overlay, Screen, View, form::Form};
use crate::core::framework::DomainId;
use crate::core::summary::ProfileSummary;
use crate::core::{Lang, framework};
use crate::text::collate::NameKey;
use crate::text::{fill, pad};

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(all: UP, A::Up, key_up),
    bind!(all: DOWN, A::Down, key_down),
    bind!(ENTER, A::Select, key_open, hint_open),
    bind!(&[C('n')], A::NewProfile, key_new_profile, hint_new),
    bind!(
        &[C('a')],
        A::NewAssessment,
        key_new_assessment,
        hint_reassess
    ),
    bind!(&[C('/')], A::Filter, key_filter, hint_filter),
    bind!(&[C('s')], A::Sort, key_sort),
    bind!(&[C(' ')], A::Mark, key_mark),
    bind!(&[C('u')], A::UnmarkAll, key_unmark_all),
    bind!(&[C('c')], A::Compare, key_compare, hint_compare),
    bind!(&[C('t')], A::Timeline, key_timeline),
    bind!(&[C('r')], A::Advice, key_advice_home, hint_advice),
    bind!(&[C('d')], A::Trash, key_trash),
    Binding {
        keys: &[C('T')],
        action: A::TrashScreen,
        label: |s| s.w.key_trash_screen,
        hint: None,
        roles: super::super::keys::CONSULTANT,
    },
    Binding {
        keys: &[C('W')],
        action: A::ConnectedScreen,
        label: |s| s.w.key_connected,
        hint: None,
        roles: super::super::keys::CONSULTANT,
    },
    Binding {
        keys: &[C('p')],
        action: A::EditProfile,
        label: |s| s.w.key_edit_profile,
        hint: None,
        roles: super::super::keys::CONSULTANT,
    },
    Binding {
        keys: &[C('i')],
        action: A::ShowIds,
        label: |s| s.w.key_show_ids,
        hint: None,
        roles: super::super::keys::CONSULTANT,
    },
    bind!(&[C('e')], A::AddExamples, key_add_examples),
    bind!(all: HELP, A::Help, key_help, hint_help),
    bind!(all: LANG, A::SwitchLanguage, key_language),
    bind!(all: &[C('q')], A::Quit, key_quit, hint_quit),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// Typing a filter.
pub const FILTER_KEYS: &[Binding] = &[
    bind!(ENTER, A::Select, key_filter_done, hint_keep),
    bind!(ESC, A::Back, key_filter_clear, hint_clear),
    bind!(&[Code(KeyCode::Up)], A::Up, key_up),
    bind!(&[Code(KeyCode::Down)], A::Down, key_down),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// A profile as the home screen lists it.
pub type Entry = ProfileSummary;

/// How the home list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Name,
    Updated,
    Progress,
}

#[derive(Debug, Default)]
pub struct Home {
    pub entries: Vec<Entry>,
    pub skipped: Vec<String>,
    pub folder: String,
    pub loaded: bool,
    pub filter: TextInput,
    pub filtering: bool,
    pub sort: Option<Sort>,
    /// Index into the visible list.
    pub selected: usize,
    pub marked: BTreeSet<String>,
    /// Each profile's id shown beside its name (`i`).
    pub show_ids: bool,
    /// The entries whose name another entry has too (in either language):
    /// allowed, but shown with their ids so they are told apart.
    same_name: BTreeSet<usize>,
    /// The visible list (indices into `entries`, filtered and sorted),
    /// computed once per change, never per frame or per key elsewhere.
    shown: Vec<usize>,
    /// Per entry: what the filter searches, and how the names sort (pinyin
    /// for Chinese, natural order without case otherwise).
    search: Vec<String>,
    names: [Vec<NameKey>; 2],
    /// What `shown` was computed for: language, filter, sort, entries.
    shown_for: Option<(Lang, String, Sort, usize)>,
    entries_version: usize,
}

impl Home {
    /// Replaces the entries (a new listing).
    pub fn set_entries(&mut self, entries: Vec<Entry>) {
        self.search = entries.iter().map(|e| e.search_key()).collect();
        self.names = [Lang::En, Lang::Zh].map(|lang| {
            entries
                .iter()
                .map(|e| NameKey::new(e.name.get(lang)))
                .collect()
        });
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        self.same_name.clear();
        for (i, e) in entries.iter().enumerate() {
            for name in [&e.name.zh, &e.name.en] {
                let key = name.trim().to_lowercase();
                if key.is_empty() {
                    continue;
                }
                if let Some(&j) = seen.get(&key) {
                    self.same_name.extend([i, j]);
                } else {
                    seen.insert(key, i);
                }
            }
        }
        self.entries = entries;
        self.entries_version += 1;
    }

    /// Whether another profile has this entry's name.
    pub fn has_same_name(&self, index: usize) -> bool {
        self.same_name.contains(&index)
    }

    /// Every profile's id and name (for the new-profile form's warning).
    pub fn names(&self) -> Vec<(String, crate::core::lang::Text)> {
        self.entries
            .iter()
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect()
    }

    /// Recomputes the visible list if what it depends on changed.
    pub fn refresh(&mut self, lang: Lang) {
        let needle = self.filter.trimmed().to_lowercase();
        let sort = self.sort.unwrap_or(Sort::Name);
        let key = (lang, needle, sort, self.entries_version);
        if self.shown_for.as_ref() == Some(&key) {
            return;
        }
        let needle = &key.1;
        let mut shown: Vec<usize> = (0..self.entries.len())
            .filter(|&i| needle.is_empty() || self.search[i].contains(needle.as_str()))
            .collect();
        let e = &self.entries;
        match sort {
            Sort::Name => {
                let names = &self.names[usize::from(lang == Lang::Zh)];
                shown.sort_by(|&a, &b| names[a].cmp(&names[b]).then(e[a].id.cmp(&e[b].id)))
            }
            Sort::Updated => {
                shown.sort_by(|&a, &b| e[b].updated.cmp(&e[a].updated).then(e[a].id.cmp(&e[b].id)))
            }
            Sort::Progress => {
                let share = |x: &Entry| x.answered * 1000 / x.total.max(1);
                shown.sort_by(|&a, &b| share(&e[b]).cmp(&share(&e[a])).then(e[a].id.cmp(&e[b].id)))
            }
        }
        self.shown = shown;
        self.shown_for = Some(key);
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// Indices into `entries` after the filter and the sort (as of the last
    /// update).
    pub fn visible(&self, _lang: Lang) -> &[usize] {
        &self.shown
    }

    pub fn selected_entry(&self, lang: Lang) -> Option<&Entry> {
        self.visible(lang)
            .get(self.selected)
            .map(|&i| &self.entries[i])
    }

    /// A new listing arrived: marks of profiles gone are dropped.
    pub fn listed(
        &mut self,
        entries: Vec<Entry>,
        skipped: Vec<String>,
        folder: String,
        lang: Lang,
    ) {
        self.set_entries(entries);
        self.skipped = skipped;
        self.folder = folder;
        self.loaded = true;
        let ids: BTreeSet<String> = self.entries.iter().map(|e| e.id.clone()).collect();
        self.marked.retain(|id| ids.contains(id));
        self.clamp(lang);
    }

    fn clamp(&mut self, lang: Lang) {
        let n = self.visible(lang).len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }
}

pub fn update(
    home: &mut Home,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> (Screen, Vec<Effect>) {
    let effects = if home.filtering {
        on_filter(home, cx, action, key);
        vec![]
    } else {
        match action {
            Some(A::TrashScreen) => return super::trash::show(),
            Some(A::ConnectedScreen) => return super::connected::show(),
            Some(action) => match on_home(home, cx, action) {
                Ok(effects) => effects,
                Err(form) => return (Screen::Form(form), vec![]),
            },
            None => vec![],
        }
    };
    (Screen::Home, effects)
}

/// A key on the list; `Err` with the form to go to.
fn on_home(home: &mut Home, cx: &mut Cx<'_>, action: Action) -> Result<Vec<Effect>, Box<Form>> {
    let lang = cx.lang;
    let n = home.visible(lang).len();
    let selected = home.selected_entry(lang).cloned();
    let open = |id: String, new_assessment| vec![Effect::Open { id, new_assessment }];
    match action {
        A::Up => home.selected = home.selected.saturating_sub(1),
        A::Down => home.selected = (home.selected + 1).min(n.saturating_sub(1)),
        A::Select => {
            if let Some(e) = selected {
                return Ok(open(e.id, false));
            }
        }
        A::Advice => {
            if let Some(e) = selected {
                *cx.pending_view = Some(View::Advice);
                return Ok(open(e.id, false));
            }
        }
        A::NewAssessment => {
            if let Some(e) = selected {
                return Ok(open(e.id, true));
            }
        }
        A::EditProfile => {
            if let Some(e) = selected {
                *cx.pending_view = Some(View::Profile);
                return Ok(open(e.id, false));
            }
        }
        A::ShowIds => home.show_ids = !home.show_ids,
        A::NewProfile => {
            let ids = home.entries.iter().map(|e| e.id.clone()).collect();
            return Err(Box::new(Form::new(ids).with_names(home.names())));
        }
        A::Filter => home.filtering = true,
        A::Sort => {
            home.sort = Some(match home.sort.unwrap_or(Sort::Name) {
                Sort::Name => Sort::Updated,
                Sort::Updated => Sort::Progress,
                Sort::Progress => Sort::Name,
            });
            home.selected = 0;
        }
        A::Mark => {
            if let Some(e) = selected {
                if !home.marked.remove(&e.id) {
                    home.marked.insert(e.id);
                }
                home.selected = (home.selected + 1).min(n.saturating_sub(1));
            }
        }
        A::UnmarkAll => {
            let count = home.marked.len();
            home.marked.clear();
            cx.status.info = Some(fill(cx.s.unmarked_all, &[&count]));
        }
        A::Trash => {
            if let Some(e) = selected {
                let name = e.name.get(lang).to_string();
                *cx.overlay = Some(Overlay::ConfirmTrash { id: e.id, name });
            }
        }
        A::AddExamples => return Ok(vec![Effect::AddExamples, Effect::List]),
        A::Compare => {
            let n = home.marked.len();
            if !(2..=MAX_COMPARED).contains(&n) {
                cx.status.error = Some(fill(cx.s.error_compare_marks, &[&n]));
                return Ok(vec![]);
            }
            // in the list's order, so the first column is the first marked in view
            let ids: Vec<String> = home
                .visible(lang)
                .iter()
                .map(|&i| home.entries[i].id.clone())
                .filter(|id| home.marked.contains(id))
                .collect();
            return Ok(vec![Effect::LoadForCompare {
                ids,
                timeline: false,
            }]);
        }
        A::Timeline => {
            if let Some(e) = selected {
                if e.assessments < 2 {
                    cx.status.error = Some(fill(cx.s.error_timeline, &[&e.id]));
                    return Ok(vec![]);
                }
                return Ok(vec![Effect::LoadForCompare {
                    ids: vec![e.id],
                    timeline: true,
                }]);
            }
        }
        A::Quit => {
            *cx.quit = true;
            return Ok(vec![Effect::Quit]);
        }
        _ => {}
    }
    Ok(vec![])
}

fn on_filter(home: &mut Home, cx: &Cx<'_>, action: Option<Action>, key: &KeyEvent) {
    match action {
        Some(A::Select) => home.filtering = false,
        Some(A::Back) => {
            home.filtering = false;
            home.filter = TextInput::default();
        }
        Some(A::Up) => home.selected = home.selected.saturating_sub(1),
        Some(A::Down) => home.selected += 1,
        _ => {
            if home.filter.handle(key) {
                home.selected = 0;
            }
        }
    }
    home.clamp(cx.lang);
}

pub fn draw(buf: &mut Buffer, area: Rect, home: &Home, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
    let list_w = (area.width * 11 / 20).max(40);
    let list_area = Rect::new(area.x, area.y, list_w, area.height);
    let preview_area = Rect::new(area.x + list_w, area.y, area.width - list_w, area.height);
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
            if home.show_ids || home.has_same_name(index) {
                name = format!("{name} [{}]", e.id);
            }
            if home.has_same_name(index) && !home.show_ids {
                name = format!("{name} {}", s.w.same_name_mark);
            }
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
    draw_preview(buf, preview_area, home.selected_entry(lang), cx);
}

fn draw_preview(buf: &mut Buffer, area: Rect, entry: Option<&Entry>, cx: &Ctx) {
    let Ctx { lang, s, theme, .. } = *cx;
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
    // the country by its name in the interface's language (ISO table)
    let country = crate::core::country::name(&e.country, cx.lang).unwrap_or(&e.country);
    let mut place: Vec<String> = [e.region_in(cx.lang).to_string(), country.to_string()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect();
    if let Some(p) = e.population {
        place.push(fill(
            s.population_short,
            &[&crate::text::population(p, lang)],
        ));
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
