//! Drawing each screen: the state drawn into a buffer, then the diff
//! against the previous frame (what ratatui sends to the terminal), at
//! 80 x 24, 200 x 50 and 200 x 60, in English and Chinese, for every
//! screen: home, form, interview, level and target, matrix, help, advice,
//! plan and comparison.
//!
//! Run: `cargo bench --bench render`. Figures are in the README.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::hint::black_box;

use citydx::core::Lang;
use citydx::ui::app::App;
use citydx::ui::demo::{SIX_CITIES, after, compared, home, key, opened, with_voices};
use citydx::ui::draw::render;
use citydx::ui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

fn screens(lang: Lang) -> Vec<(&'static str, App)> {
    // the form with its errors showing
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
        ("interview_voices", after(with_voices(lang), "jv")),
        ("consensus", after(with_voices(lang), "c")),
    ]
}

fn bench(c: &mut Criterion) {
    for lang in [Lang::En, Lang::Zh] {
        for (name, app) in screens(lang) {
            for (w, h) in [(80u16, 24u16), (200, 50), (200, 60)] {
                let area = Rect::new(0, 0, w, h);
                // the frame before: the home screen, so the diff has work to do
                let mut previous = Buffer::empty(area);
                render(&mut previous, area, &home(lang), Theme::PLAIN);
                let id = format!("{name}/{}/{w}x{h}", lang.code());
                c.bench_function(&id, |b| {
                    let mut buf = Buffer::empty(area);
                    b.iter(|| {
                        buf.reset();
                        render(&mut buf, area, black_box(&app), Theme::PLAIN);
                        black_box(previous.diff(&buf).len())
                    })
                });
            }
        }
    }
}

// Criterion compares each run with the last one saved: a change beyond 15%
// (and beyond chance) is reported as "Performance has regressed" (or
// improved); smaller changes, which a shared machine makes on its own, as
// "within noise threshold".
criterion_group! {
    name = benches;
    config = Criterion::default().noise_threshold(0.15);
    targets = bench
}
criterion_main!(benches);
