//! Every screen drawn with each painter (ratatui's `Block` and citydx's
//! hand-made boxes, `Theme::painter`), alternating in the same run, so the
//! machine's drift touches both alike: 41 rounds, each drawing the screen
//! 200 times with one painter then 200 times with the other (the order
//! swapped every round); the medians per draw, and how much the widgets
//! cost over the hand-made painter. The README's Performance holds the
//! figures; a screen where the widgets cost more than 15% keeps the
//! hand-made painter.
//!
//! Run: `cargo bench --bench painters`.

use std::hint::black_box;
use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use citydx::core::Lang;
use citydx::ui::app::App;
use citydx::ui::demo::{home, screens};
use citydx::ui::draw::render;
use citydx::ui::theme::{Painter, Theme};

const ROUNDS: usize = 41;
const DRAWS: u32 = 200;

/// Microseconds per draw (and diff against the frame before).
fn time(app: &App, area: Rect, previous: &Buffer, painter: Painter) -> f64 {
    let theme = Theme {
        painter,
        ..Theme::PLAIN
    };
    let mut buf = Buffer::empty(area);
    let start = Instant::now();
    for _ in 0..DRAWS {
        buf.reset();
        render(&mut buf, area, black_box(app), theme);
        black_box(previous.diff(&buf).len());
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(DRAWS)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    // (cargo bench passes --bench; a filter narrows the screens)
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    println!(
        "{:<22} {:>10} {:>10} {:>8}",
        "screen", "handmade", "widgets", "cost"
    );
    for lang in [Lang::En, Lang::Zh] {
        for (name, app) in screens(lang) {
            for (w, h) in [(80u16, 24u16), (200, 50)] {
                let id = format!("{name}/{}/{w}x{h}", lang.code());
                if filter.as_ref().is_some_and(|f| !id.contains(f.as_str())) {
                    continue;
                }
                let area = Rect::new(0, 0, w, h);
                let mut previous = Buffer::empty(area);
                render(&mut previous, area, &home(lang), Theme::PLAIN);
                // warm up both
                time(&app, area, &previous, Painter::Handmade);
                time(&app, area, &previous, Painter::Widgets);
                let (mut handmade, mut widgets) = (vec![], vec![]);
                for round in 0..ROUNDS {
                    if round % 2 == 0 {
                        handmade.push(time(&app, area, &previous, Painter::Handmade));
                        widgets.push(time(&app, area, &previous, Painter::Widgets));
                    } else {
                        widgets.push(time(&app, area, &previous, Painter::Widgets));
                        handmade.push(time(&app, area, &previous, Painter::Handmade));
                    }
                }
                let (hm, wd) = (median(handmade), median(widgets));
                println!(
                    "{id:<22} {hm:>8.1}µs {wd:>8.1}µs {:>+7.1}%",
                    (wd / hm - 1.0) * 100.0
                );
            }
        }
    }
}
