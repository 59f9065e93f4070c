//! Low-level painting: text placed by display width, wrapped without ever
//! splitting a wide character, and clipped to the buffer, so no size and no
//! text can make drawing panic.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

use super::super::theme::{Painter, Theme};
use crate::text::{truncate, width};

/// Writes `text` at (x, y), cut to `max` columns and to the buffer.
pub fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, max: u16, style: Style) -> u16 {
    let area = buf.area;
    if y < area.y || y >= area.bottom() || x >= area.right() || x < area.x {
        return 0;
    }
    let room = max.min(area.right() - x) as usize;
    // a profile's text may hold control characters: shown, never sent
    let text = crate::text::printable(text);
    // (most text fits: then it is written as it is, without a copy)
    let fitted = if width(&text) <= room {
        text
    } else {
        std::borrow::Cow::Owned(truncate(&text, room))
    };
    if fitted.is_ascii() {
        put_ascii(buf, x, y, &fitted, room, style)
    } else {
        let (end, _) = buf.set_stringn(x, y, &fitted, room, style);
        end - x
    }
}

/// What `Buffer::set_stringn` does for ASCII text (one cell per printable
/// byte, control bytes skipped), without segmenting it into graphemes: most
/// of what a screen shows in English (the README's Performance says by how
/// much this is faster).
fn put_ascii(buf: &mut Buffer, x: u16, y: u16, text: &str, room: usize, style: Style) -> u16 {
    let mut used = 0u16;
    for byte in text.bytes().filter(|b| !b.is_ascii_control()) {
        if usize::from(used) >= room {
            break;
        }
        if let Some(cell) = buf.cell_mut((x + used, y)) {
            cell.set_char(char::from(byte)).set_style(style);
        }
        used += 1;
    }
    used
}

/// Writes spans one after another on one line, clipped to `max` columns.
pub fn put_spans(buf: &mut Buffer, x: u16, y: u16, spans: &[Span<'_>], max: u16) -> u16 {
    let mut used = 0u16;
    for span in spans {
        if used >= max {
            break;
        }
        used += put(buf, x + used, y, &span.content, max - used, span.style);
    }
    used
}

/// Fills a line of `area` with `style` (for selection bars).
pub fn fill_line(buf: &mut Buffer, area: Rect, y: u16, style: Style) {
    let line = Rect::new(area.x, y, area.width, 1).intersection(buf.area);
    buf.set_style(line, style);
}

/// Splits `text` into lines of at most `width` columns (at least 2), by
/// the Unicode line-breaking rules (UAX #14, through `textwrap`): Latin
/// words wrap at spaces, Chinese between two characters but never before
/// closing or after opening punctuation; a word longer than a line is cut
/// by character. Never splits a character; lines keep no trailing spaces.
pub fn wrap(text: &str, width_limit: usize) -> Vec<String> {
    let options = textwrap::Options::new(width_limit.max(2))
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .break_words(true);
    text.split('\n')
        .flat_map(|paragraph| {
            let lines = textwrap::wrap(paragraph, &options);
            let n = lines.len().max(1);
            lines
                .into_iter()
                .map(|l| l.trim_end().to_string())
                .chain(std::iter::repeat_n(String::new(), 1))
                .take(n)
        })
        .collect()
}

/// Writes wrapped text into `area` from its top; returns the rows used.
/// When the text needs more rows than `area` has, the last row ends in
/// `..` so a reader knows there is more.
pub fn put_wrapped(buf: &mut Buffer, area: Rect, text: &str, style: Style) -> u16 {
    let lines = wrap(text, area.width as usize);
    let rows = (area.height as usize).min(lines.len());
    for (i, line) in lines.iter().take(rows).enumerate() {
        let y = area.y + i as u16;
        if i + 1 == rows && rows < lines.len() {
            // the line plus " ..", cut to the width (ending in ".." then too)
            let cut = truncate(&format!("{line} .."), area.width as usize);
            put(buf, area.x, y, &cut, area.width, style);
        } else {
            put(buf, area.x, y, line, area.width, style);
        }
    }
    rows as u16
}

/// The rows `text` needs at `width` columns.
pub fn wrapped_height(text: &str, width: u16) -> u16 {
    wrap(text, width as usize).len() as u16
}

/// [`boxed`] with ratatui's `Block`.
pub fn block(buf: &mut Buffer, area: Rect, title: &str, theme: Theme, focused: bool) -> Rect {
    use ratatui::widgets::{Block, Borders, Widget};
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height < 2 {
        return Rect::new(area.x, area.y, 0, 0);
    }
    let style = if focused {
        theme.title()
    } else {
        theme.heading()
    };
    let title = crate::text::printable(title);
    let cut = truncate(&title, area.width.saturating_sub(4) as usize);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(ratatui::text::Line::from(Span::styled(
            format!(" {cut} "),
            style,
        )));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// A bordered panel with a title, on a screen where ratatui's `Block` cost
/// more than 15% in the painters benchmark (the README's Performance): the
/// hand-made painter unless the theme forces `Block`. Returns its inner
/// area; the same cells either way.
pub fn boxed(buf: &mut Buffer, area: Rect, title: &str, theme: Theme, focused: bool) -> Rect {
    match theme.painter {
        Painter::Widgets => block(buf, area, title, theme, focused),
        Painter::Handmade | Painter::Measured => handmade(buf, area, title, theme, focused),
    }
}

/// [`boxed`] on a screen where `Block` stayed within 15% of the hand-made
/// painter (the advice and plan, the consensus view): ratatui's `Block`
/// unless the theme forces the hand-made painter.
pub fn block_panel(buf: &mut Buffer, area: Rect, title: &str, theme: Theme, focused: bool) -> Rect {
    match theme.painter {
        Painter::Handmade => handmade(buf, area, title, theme, focused),
        Painter::Widgets | Painter::Measured => block(buf, area, title, theme, focused),
    }
}

/// A bordered box with a title, painted cell by cell: ratatui's `Block`
/// first restyles every cell of its area, for a box whose inside is drawn
/// over anyway.
pub fn handmade(buf: &mut Buffer, area: Rect, title: &str, theme: Theme, focused: bool) -> Rect {
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height < 2 {
        return Rect::new(area.x, area.y, 0, 0);
    }
    let style = if focused {
        theme.title()
    } else {
        theme.heading()
    };
    let set = theme.border();
    let (left, right) = (area.left(), area.right() - 1);
    let (top, bottom) = (area.top(), area.bottom() - 1);
    let mut line = |x: u16, y: u16, symbol: &str| {
        buf[(x, y)].set_symbol(symbol);
    };
    for x in left + 1..right {
        line(x, top, set.horizontal_top);
        line(x, bottom, set.horizontal_bottom);
    }
    for y in top + 1..bottom {
        line(left, y, set.vertical_left);
        line(right, y, set.vertical_right);
    }
    line(left, top, set.top_left);
    line(right, top, set.top_right);
    line(left, bottom, set.bottom_left);
    line(right, bottom, set.bottom_right);
    let title = truncate(title, area.width.saturating_sub(4) as usize);
    put(
        buf,
        left + 1,
        top,
        &format!(" {title} "),
        area.width - 2,
        style,
    );
    Rect::new(left + 1, top + 1, area.width - 2, area.height - 2)
}

/// A bar of `cells` columns, `share` (0 to 1) of it filled.
pub fn bar(buf: &mut Buffer, x: u16, y: u16, cells: u16, share: f64, theme: Theme) {
    let filled = ((share.clamp(0.0, 1.0) * f64::from(cells)).round()) as u16;
    let full = if theme.color { ' ' } else { '#' };
    for i in 0..cells {
        let Some(cell) = x.checked_add(i).and_then(|cx| buf.cell_mut((cx, y))) else {
            break;
        };
        if i < filled {
            cell.set_char(full).set_style(theme.bar());
        } else {
            cell.set_char('.').set_style(theme.dim());
        }
    }
}

/// Marks a row as selected (the screens' selection bar).
pub fn highlight(buf: &mut Buffer, area: Rect, y: u16, theme: Theme) {
    fill_line(buf, area, y, theme.selected());
}

/// Empties `area` (under a popup).
pub fn clear(buf: &mut Buffer, area: Rect) {
    use ratatui::widgets::{Clear, Widget};
    // (ratatui's Clear indexes every cell of the area: keep it inside)
    Clear.render(area.intersection(buf.area), buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_english_at_spaces_and_chinese_anywhere() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        let zh = wrap("统一的城市服务平台一站式接入", 10);
        assert!(zh.iter().all(|l| width(l) <= 10), "{zh:?}");
        assert_eq!(zh.concat(), "统一的城市服务平台一站式接入");
        let long = wrap("abcdefghijklmnop", 5);
        assert!(long.iter().all(|l| width(l) <= 5), "{long:?}");
        assert_eq!(long.concat(), "abcdefghijklmnop");
    }

    #[test]
    fn chinese_punctuation_never_starts_a_line() {
        let text = "政府与企业共同推动，政府引导建立特色产业互联网平台，把城市内特色产业链的企业和客户连接起来。";
        for w in 6..40 {
            for line in wrap(text, w) {
                assert!(width(&line) <= w, "{w}: {line}");
                let first = line.chars().next().unwrap_or('x');
                assert!(!"，。、；：！？）》”".contains(first), "{w}: {line}");
                let last = line.chars().last().unwrap_or('x');
                assert!(!"（《“".contains(last), "{w}: {line}");
            }
            assert_eq!(wrap(text, w).concat(), text);
        }
        assert_eq!(wrap("平台（试点）", 6), vec!["平台", "（试", "点）"]);
    }

    #[test]
    fn never_panics_at_tiny_widths() {
        for w in 0..4 {
            let lines = wrap("平湖 Pinghu 感智汇 🙂 x", w);
            assert!(lines.iter().all(|l| width(l) <= w.max(2)), "{w}: {lines:?}");
        }
    }

    #[test]
    fn both_painters_draw_what_ratatuis_block_draws() {
        use ratatui::text::Line;
        use ratatui::widgets::{Block, Borders, Widget};
        for theme in [
            Theme::PLAIN,
            Theme {
                color: false,
                ascii: true,
                painter: Painter::Handmade,
            },
            Theme {
                painter: Painter::Handmade,
                ..Theme::PLAIN
            },
            Theme {
                color: false,
                ascii: true,
                painter: Painter::Widgets,
            },
        ] {
            for (w, h, title) in [
                (30, 5, "民生与服务 · 第一阶段"),
                (12, 3, "a long title"),
                (2, 2, "x"),
            ] {
                let area = Rect::new(1, 1, w, h);
                let mut ours = Buffer::empty(Rect::new(0, 0, w + 2, h + 2));
                let mut theirs = ours.clone();
                let inner = boxed(&mut ours, area, title, theme, true);
                let cut = truncate(title, usize::from(w.saturating_sub(4)));
                let block = Block::new()
                    .borders(Borders::ALL)
                    .border_set(theme.border())
                    .title(Line::from(Span::styled(format!(" {cut} "), theme.title())));
                assert_eq!(inner, block.inner(area));
                block.render(area, &mut theirs);
                assert_eq!(ours, theirs, "{w} x {h}");
            }
        }
    }

    #[test]
    fn ascii_is_written_as_set_stringn_writes_it() {
        let style = Style::new().fg(ratatui::style::Color::Red);
        for text in ["", "plain", "tab\there", "line\nbreak", "  spaced  ", "x"] {
            for room in [0, 1, 3, 8, 20] {
                let mut ours = Buffer::empty(Rect::new(0, 0, 12, 1));
                let mut theirs = ours.clone();
                let used = put_ascii(&mut ours, 2, 0, text, room, style);
                let (end, _) = theirs.set_stringn(2, 0, text, room, style);
                assert_eq!(ours, theirs, "{text:?} in {room}");
                assert_eq!(used, end - 2, "{text:?} in {room}");
            }
        }
    }

    #[test]
    fn put_clips_to_the_buffer() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        put(&mut buf, 0, 0, "民生与服务", 10, Style::new());
        put(&mut buf, 2, 0, "民", 10, Style::new());
        put(&mut buf, 5, 5, "x", 10, Style::new());
        let mut one = Buffer::empty(Rect::new(0, 0, 1, 1));
        put(&mut one, 0, 0, "民", 1, Style::new());
    }
}
