//! Ready-made interface states built from the example profiles, for the
//! screen tests and the render benchmark (and anyone who wants to see a
//! screen without a terminal).

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::app::{App, Msg};
use super::draw::render;
use super::runtime::entry_of;
use super::theme::Theme;
use crate::core::Lang;
use crate::core::examples::EXAMPLES;
use crate::core::profile::Profile;
use crate::store::Loaded;

/// The date every demo state takes as today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// An example profile by id (see `core::examples`).
pub fn example(id: &str) -> Profile {
    let (_, text) = EXAMPLES
        .iter()
        .find(|(i, _)| *i == id)
        .unwrap_or(&EXAMPLES[0]);
    Profile::from_json(text).expect("the examples are checked by the test suite")
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The home screen listing the nine example cities.
pub fn home(lang: Lang) -> App {
    let mut app = App::new(lang, today());
    let entries = EXAMPLES
        .iter()
        .map(|(id, _)| {
            entry_of(&Loaded {
                profile: example(id),
                path: format!("{id}.json").into(),
                read_only: None,
                fingerprint: None,
            })
        })
        .collect();
    app.update(Msg::Listed {
        entries,
        skipped: vec![],
        folder: "/data/profiles".into(),
    });
    app
}

/// The interview of example `id`, as opened from home.
pub fn opened(lang: Lang, id: &str) -> App {
    let mut app = home(lang);
    app.update(Msg::Opened {
        profile: Box::new(example(id)),
        read_only: None,
        new_assessment: false,
        draft: None,
    });
    app
}

/// Six example cities, the most a comparison takes.
pub const SIX_CITIES: [&str; 6] = [
    "baoying",
    "shen-county",
    "pinghu",
    "kaifeng",
    "fukuoka",
    "suzhou",
];

/// The comparison of the example profiles `ids`, as opened from home.
pub fn compared(lang: Lang, ids: &[&str]) -> App {
    let mut app = home(lang);
    app.update(Msg::ForCompare {
        profiles: ids.iter().map(|id| example(id)).collect(),
        timeline: false,
    });
    app
}

/// The state after `keys`, typed one by one.
pub fn after(mut app: App, keys: &str) -> App {
    for c in keys.chars() {
        app.update(ch(c));
    }
    app
}

/// The screen of `app` drawn into a fresh buffer.
pub fn buffer(app: &App, width: u16, height: u16, theme: Theme) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    render(&mut buf, area, app, theme);
    buf
}

/// The screen as text, one line per row, wide characters counted once.
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let buf = buffer(app, width, height, Theme::PLAIN);
    let mut out = String::new();
    for y in 0..height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = crate::text::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One of each screen, as the render benchmarks draw them: home, the form
/// with its errors showing, the interview, level and target, matrix, help,
/// advice, plan and comparison.
pub fn screens(lang: Lang) -> Vec<(&'static str, App)> {
    let mut form = after(home(lang), "n");
    form.update(key(KeyCode::Enter));
    vec![
        ("home", home(lang)),
        ("form", form),
        ("interview", after(opened(lang, "pinghu"), "]lj")),
        ("summary", after(opened(lang, "kashiwa-no-ha"), "lll")),
        ("matrix", after(opened(lang, "pinghu"), "m")),
        ("help", after(opened(lang, "pinghu"), "?")),
        ("advice", after(opened(lang, "shen-county"), "r")),
        ("plan", {
            let mut app = after(opened(lang, "pengshui"), "r");
            app.update(key(KeyCode::Tab));
            app
        }),
        ("compare", after(compared(lang, &SIX_CITIES), "s")),
    ]
}
