//! A one-line text input: the text, a cursor, and the keys that edit it.
//! The cursor counts characters, never bytes, so Chinese input is safe;
//! it moves and deletes by grapheme (what a reader takes for one
//! character: a letter with its combining accent, an emoji with its
//! variation selector, a flag), never splitting one.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
}

impl TextInput {
    pub fn new(text: impl Into<String>) -> TextInput {
        let text = text.into();
        let cursor = text.chars().count();
        TextInput { text, cursor }
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map(|(i, _)| i)
            .unwrap_or(self.text.len())
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts a line break at the cursor (a multi-line input's Alt-Enter
    /// or Ctrl-J).
    pub fn newline(&mut self) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, '\n');
        self.cursor += 1;
    }

    /// The cursor's line and column (in characters) in a multi-line text.
    fn line_col(&self) -> (usize, usize) {
        let before: Vec<char> = self.text.chars().take(self.cursor).collect();
        let line = before.iter().filter(|c| **c == '\n').count();
        let col = before.iter().rev().take_while(|c| **c != '\n').count();
        (line, col)
    }

    /// Moves the cursor to the line above (`-1`) or below (`1`), at the
    /// same column or the line's end; `false` when there is no such line.
    pub fn vertical(&mut self, step: isize) -> bool {
        let (line, col) = self.line_col();
        let lines: Vec<usize> = self.text.split('\n').map(|l| l.chars().count()).collect();
        let Some(target) = line.checked_add_signed(step).filter(|l| *l < lines.len()) else {
            return false;
        };
        let start: usize = lines[..target].iter().map(|n| n + 1).sum();
        self.cursor = start + col.min(lines[target]);
        true
    }

    /// Inserts pasted text at the cursor, in one step. In a multi-line
    /// input line breaks are kept (a terminal sends them as CR, CR LF or
    /// LF; each becomes one LF); in a one-line input each becomes a space.
    /// A tab becomes a space; other control characters are dropped.
    pub fn paste(&mut self, text: &str, multi_line: bool) {
        let mut clean = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' | '\n' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    clean.push(if multi_line { '\n' } else { ' ' });
                }
                '\t' => clean.push(' '),
                c if c.is_control() => {}
                c => clean.push(c),
            }
        }
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Where the grapheme before the cursor starts, in characters.
    fn previous_grapheme(&self) -> usize {
        let before = &self.text[..self.byte_at(self.cursor)];
        let start = before.grapheme_indices(true).next_back().map(|(i, _)| i);
        start.map_or(0, |i| before[..i].chars().count())
    }

    /// Where the grapheme after the cursor ends, in characters.
    fn next_grapheme(&self) -> usize {
        let after = &self.text[self.byte_at(self.cursor)..];
        self.cursor
            + after
                .graphemes(true)
                .next()
                .map_or(0, |g| g.chars().count())
    }

    /// The grapheme under the cursor, if the cursor is not at the end.
    pub fn at_cursor(&self) -> Option<&str> {
        self.text[self.byte_at(self.cursor)..]
            .graphemes(true)
            .next()
    }

    /// Removes the characters `from..to`.
    fn remove(&mut self, from: usize, to: usize) {
        let (a, b) = (self.byte_at(from), self.byte_at(to));
        self.text.replace_range(a..b, "");
    }

    pub fn backspace(&mut self) {
        let start = self.previous_grapheme();
        self.remove(start, self.cursor);
        self.cursor = start;
    }

    pub fn delete(&mut self) {
        self.remove(self.cursor, self.next_grapheme());
    }

    pub fn left(&mut self) {
        self.cursor = self.previous_grapheme();
    }

    pub fn right(&mut self) {
        self.cursor = self.next_grapheme();
    }

    /// Applies an editing key; `false` when the key is not an editing key.
    pub fn handle(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.chars().count(),
            KeyCode::Char(_) if ctrl => return false,
            KeyCode::Char(c) => self.insert(c),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.chars().count(),
            _ => return false,
        }
        true
    }

    /// The first character shown when the input is drawn `cols` columns
    /// wide with the cursor in view: the first from which the text up to
    /// the cursor is narrower than `cols`. Linear in the text: a long
    /// pasted note is drawn again at every key (searching from the start,
    /// measuring each candidate, took 2.7 s a key for 10,000 characters in
    /// a debug build).
    pub fn scroll_start(&self, cols: usize) -> usize {
        use unicode_width::UnicodeWidthChar;
        let chars: Vec<char> = self.text.chars().collect();
        let cursor = self.cursor.min(chars.len());
        let mut start = cursor;
        let mut used = 0;
        while start > 0 {
            let w = chars[start - 1].width().unwrap_or(0);
            if used + w >= cols {
                break;
            }
            used += w;
            start -= 1;
        }
        // a string's width may differ from its characters' (an emoji
        // with a modifier, a variation selector): measured exactly
        let fits = |from: usize| {
            crate::text::width(&chars[from..cursor].iter().collect::<String>()) < cols
        };
        while start > 0 && fits(start - 1) {
            start -= 1;
        }
        while start < cursor && !fits(start) {
            start += 1;
        }
        start
    }

    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_chinese_by_character() {
        let mut input = TextInput::new("平湖");
        input.handle(&key(KeyCode::Left));
        input.handle(&key(KeyCode::Char('市')));
        assert_eq!(input.text, "平市湖");
        input.handle(&key(KeyCode::Backspace));
        input.handle(&key(KeyCode::Backspace));
        assert_eq!(input.text, "湖");
        assert_eq!(input.cursor, 0);
        input.handle(&key(KeyCode::Backspace));
        input.handle(&key(KeyCode::Delete));
        assert_eq!(input.text, "");
        input.handle(&key(KeyCode::Delete));
    }

    #[test]
    fn a_paste_keeps_line_breaks_only_where_the_input_has_lines() {
        let pasted = "one\rtwo\r\nthree\nfour\tfive\x1b[A六";
        let mut note = TextInput::new("ab");
        note.left();
        note.paste(pasted, true);
        assert_eq!(note.text, "aone\ntwo\nthree\nfour five[A六b");
        assert_eq!(
            note.cursor,
            1 + "one\ntwo\nthree\nfour five[A六".chars().count()
        );
        let mut line = TextInput::default();
        line.paste(pasted, false);
        assert_eq!(line.text, "one two three four five[A六");
        assert_eq!(line.cursor, line.text.chars().count());
    }

    #[test]
    fn scroll_start_is_the_first_character_that_keeps_the_cursor_in_view() {
        // what the drawing did before, measuring every candidate
        fn slow(input: &TextInput, cols: usize) -> usize {
            let chars: Vec<char> = input.text.chars().collect();
            let mut start = 0;
            while start < input.cursor
                && crate::text::width(&chars[start..input.cursor].iter().collect::<String>())
                    >= cols
            {
                start += 1;
            }
            start
        }
        for text in [
            "",
            "abc",
            "平湖市数字化转型",
            "line\none\n\n二行 x",
            "a平b湖c",
            "x❤️y👍🏽z\u{301}é",
        ] {
            let n = text.chars().count();
            for cursor in 0..=n {
                for cols in 0..12 {
                    let input = TextInput {
                        text: text.to_string(),
                        cursor,
                    };
                    assert_eq!(
                        input.scroll_start(cols),
                        slow(&input, cols),
                        "{text:?} cursor {cursor} cols {cols}"
                    );
                }
            }
        }
    }

    #[test]
    fn line_breaks_and_moves_between_lines() {
        let mut input = TextInput::new("第一行 one");
        input.newline();
        input.paste("two", false);
        assert_eq!(input.text, "第一行 one\ntwo");
        assert!(input.vertical(-1));
        assert_eq!(input.cursor, 3, "the same column on the line above");
        assert!(!input.vertical(-1), "no line above the first");
        input.cursor = 7;
        assert!(input.vertical(1));
        assert_eq!(
            input.cursor,
            input.text.chars().count(),
            "the shorter line's end"
        );
        assert!(!input.vertical(1));
    }

    #[test]
    fn ctrl_u_clears_and_other_controls_are_not_text() {
        let mut input = TextInput::new("abc");
        assert!(input.handle(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        assert_eq!(input.text, "");
        assert!(!input.handle(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        assert!(!input.handle(&key(KeyCode::Enter)));
    }

    #[test]
    fn moves_and_deletes_by_grapheme() {
        // e + combining acute, heart + variation selector, a flag
        let text = "ae\u{301}\u{2764}\u{fe0f}\u{1f1e8}\u{1f1f3}z";
        let mut input = TextInput::new(text);
        assert_eq!(input.cursor, text.chars().count());
        let mut stops = vec![input.cursor];
        while input.cursor > 0 {
            input.handle(&key(KeyCode::Left));
            stops.push(input.cursor);
        }
        assert_eq!(stops, [8, 7, 5, 3, 1, 0], "one step per grapheme");
        input.handle(&key(KeyCode::Right));
        input.handle(&key(KeyCode::Right));
        assert_eq!(input.at_cursor(), Some("\u{2764}\u{fe0f}"));
        input.handle(&key(KeyCode::Backspace));
        assert_eq!(
            input.text, "a\u{2764}\u{fe0f}\u{1f1e8}\u{1f1f3}z",
            "the accent goes with its letter"
        );
        input.handle(&key(KeyCode::Delete));
        assert_eq!(
            input.text, "a\u{1f1e8}\u{1f1f3}z",
            "the selector goes with its heart"
        );
        input.handle(&key(KeyCode::Right));
        assert_eq!(input.at_cursor(), Some("z"));
        input.handle(&key(KeyCode::Right));
        input.handle(&key(KeyCode::Right));
        assert_eq!((input.cursor, input.at_cursor()), (4, None));
        input.handle(&key(KeyCode::Char('\u{301}')));
        assert_eq!(input.text, "a\u{1f1e8}\u{1f1f3}z\u{301}");
        input.handle(&key(KeyCode::Backspace));
        assert_eq!(
            input.text, "a\u{1f1e8}\u{1f1f3}",
            "a typed accent joins its letter"
        );
    }
}
