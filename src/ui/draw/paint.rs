//! Low-level painting: text placed by display width, wrapped without ever
//! splitting a wide character, and clipped to the buffer, so no size and no
//! text can make drawing panic.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthChar;

use super::super::theme::Theme;
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
    let cut = truncate(&text, room);
    let (end, _) = buf.set_stringn(x, y, &cut, room, style);
    end - x
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

/// Chinese punctuation that must not start a line (it stays with the
/// character before it).
fn closes(c: char) -> bool {
    "，。、；：！？）」』》】〕”’…·%".contains(c)
}

/// Chinese punctuation that must not end a line (it goes with the
/// character after it).
fn opens(c: char) -> bool {
    "（「『《【〔“‘".contains(c)
}

/// Splits `text` into lines of at most `width` columns. Latin words wrap at
/// spaces; Chinese may wrap between two characters, except before closing
/// or after opening punctuation; a word longer than a line is cut by
/// character. Never splits a character.
pub fn wrap(text: &str, width_limit: usize) -> Vec<String> {
    let limit = width_limit.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut word = String::new();
        for c in paragraph.chars() {
            let w = c.width().unwrap_or(0);
            let word_is_opening = word.chars().count() == 1 && word.chars().all(opens);
            if c == ' ' {
                place(&mut lines, &mut line, &mut word, limit);
                word.push(' ');
            } else if w >= 2 && !closes(c) && !word_is_opening {
                place(&mut lines, &mut line, &mut word, limit);
                word.push(c);
            } else if w < 2
                && !word.is_empty()
                && word
                    .chars()
                    .last()
                    .is_some_and(|l| l.width().unwrap_or(0) >= 2)
                && !closes(c)
            {
                // Latin text straight after Chinese starts a new word
                place(&mut lines, &mut line, &mut word, limit);
                word.push(c);
            } else {
                word.push(c);
            }
        }
        place(&mut lines, &mut line, &mut word, limit);
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Puts `word` on `line`, starting a new line first if it does not fit.
fn place(lines: &mut Vec<String>, line: &mut String, word: &mut String, limit: usize) {
    if word.is_empty() {
        return;
    }
    if width(line) + width(word) > limit {
        // (a line of nothing but spaces is dropped, not kept in front of a
        // word it leaves no room for)
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
        }
        line.clear();
        *word = word.trim_start().to_string();
    }
    while width(word) > limit {
        // a word wider than a line: cut it by character
        let mut head = String::new();
        let mut rest = String::new();
        for c in word.chars() {
            if rest.is_empty() && width(&head) + c.width().unwrap_or(0) <= limit {
                head.push(c);
            } else {
                rest.push(c);
            }
        }
        if head.is_empty() {
            break;
        }
        lines.push(head);
        *word = rest;
    }
    line.push_str(word);
    word.clear();
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

/// A bordered box with a title; returns its inner area.
pub fn boxed(buf: &mut Buffer, area: Rect, title: &str, theme: Theme, focused: bool) -> Rect {
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height < 2 {
        return Rect::new(area.x, area.y, 0, 0);
    }
    let style = if focused {
        theme.title()
    } else {
        theme.heading()
    };
    let title = truncate(title, area.width.saturating_sub(4) as usize);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Line::from(Span::styled(format!(" {title} "), style)));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// A bar of `cells` columns, `share` (0 to 1) of it filled.
pub fn bar(buf: &mut Buffer, x: u16, y: u16, cells: u16, share: f64, theme: Theme) {
    let filled = ((share.clamp(0.0, 1.0) * f64::from(cells)).round()) as u16;
    let empty = ".";
    for i in 0..cells {
        if i < filled {
            put(
                buf,
                x + i,
                y,
                if theme.color { " " } else { "#" },
                1,
                theme.bar(),
            );
        } else {
            put(buf, x + i, y, empty, 1, theme.dim());
        }
    }
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
                assert!(!closes(first), "{w}: line starts with {first}: {line}");
                let last = line.chars().last().unwrap_or('x');
                assert!(!opens(last), "{w}: line ends with {last}: {line}");
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
    fn put_clips_to_the_buffer() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        put(&mut buf, 0, 0, "民生与服务", 10, Style::new());
        put(&mut buf, 2, 0, "民", 10, Style::new());
        put(&mut buf, 5, 5, "x", 10, Style::new());
        let mut one = Buffer::empty(Rect::new(0, 0, 1, 1));
        put(&mut one, 0, 0, "民", 1, Style::new());
    }
}
