//! The text editor the interview views open at their foot: a note (several
//! lines: Alt-Enter or Ctrl-J breaks the line, Enter saves), or one line
//! for a summary field, a phase's owner or dates, where to export. The
//! view that opens it owns it and decides what a saved text means.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::ctx::Ctx;
use super::super::draw::paint::{boxed, put};
use super::super::input::TextInput;
use super::super::keys::{Action, Binding, CTRL_C, ENTER, ESC, EVERYONE, Key, bind};
use crate::core::framework;
use crate::core::profile::AnswerValue;
use crate::text::{fill, width};

pub const KEYS: &[Binding] = &[
    bind!(all: ENTER, Action::Select, key_save_text, hint_save),
    bind!(all: ESC, Action::Back, key_cancel, hint_cancel),
    bind!(all: CTRL_C, Action::ForceQuit, key_quit_keep_draft, hint_quit_draft),
];

/// A note's editor: the one-line keys and the line break (first, so that
/// Alt-Enter is not Enter).
pub const NOTE_KEYS: &[Binding] = &[
    Binding {
        keys: &[Key::Alt(KeyCode::Enter), Key::Ctrl('j')],
        action: Action::NewLine,
        label: |s| s.ev.key_new_line,
        hint: Some(|s| s.ev.hint_new_line),
        roles: EVERYONE,
    },
    bind!(all: ENTER, Action::Select, key_save_text, hint_save),
    bind!(all: ESC, Action::Back, key_cancel, hint_cancel),
    bind!(all: CTRL_C, Action::ForceQuit, key_quit_keep_draft, hint_quit_draft),
];

/// What a one-line editor is editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    Note(String),
    PhaseOwner(usize),
    PhaseStart(usize),
    PhaseEnd(usize),
    /// A move of the plan: its owner, start and end (kept per move).
    MoveOwner(MoveRef),
    MoveStart(MoveRef),
    MoveEnd(MoveRef),
    /// The measurable outcome of one piece of a move's work (an indicator).
    Outcome(MoveRef, String),
    /// Where to write the report: a path without extension.
    ExportPath,
    TargetStage,
    Horizon,
    Importance,
    OverrideLevel,
    OverrideReason,
    /// Why `value` is the agreed answer of the indicator (the consensus
    /// view).
    SettleReason(String, AnswerValue),
}

/// A move of the plan, as the profile keys it: the domain and the stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoveRef {
    pub domain: crate::core::framework::DomainId,
    pub from: u8,
    pub to: u8,
}

impl MoveRef {
    /// "Economy 1 -> 2", in `lang`.
    pub fn label(&self, lang: crate::core::Lang) -> String {
        let name = crate::core::framework::framework()
            .domain(self.domain)
            .short_name
            .get(lang);
        format!("{name} {} -> {}", self.from, self.to)
    }
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub target: EditTarget,
    pub input: TextInput,
    pub error: Option<String>,
    /// The text as it was saved: Esc asks before dropping anything else.
    pub original: String,
}

/// What a key did to the editor.
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    /// Esc: the text is dropped.
    Cancel,
    /// Enter: the text, for the view to apply.
    Submit(String),
    /// The text changed.
    Typed,
    Nothing,
}

impl Editor {
    pub fn new(target: EditTarget, text: impl Into<String>) -> Editor {
        let text = text.into();
        Editor {
            target,
            input: TextInput::new(text.clone()),
            error: None,
            original: text,
        }
    }

    /// Whether the editor holds several lines (a note).
    pub fn multi_line(&self) -> bool {
        matches!(self.target, EditTarget::Note(_))
    }

    /// Whether the text differs from the saved one (Esc asks first).
    pub fn changed(&self) -> bool {
        self.input.text != self.original
    }

    /// The rows the editor takes at the foot of a view `available` rows
    /// high: a note takes half of it (at least 8 rows, where there are).
    pub fn rows(&self, available: u16) -> u16 {
        if self.multi_line() {
            (available / 2).max(8).min(available)
        } else {
            ROWS.min(available)
        }
    }

    pub fn handle(&mut self, action: Option<Action>, key: &KeyEvent) -> Edit {
        let multi = self.multi_line();
        match action {
            Some(Action::Back) => Edit::Cancel,
            Some(Action::NewLine) if multi => {
                self.input.newline();
                self.error = None;
                Edit::Typed
            }
            Some(Action::Select | Action::NewLine) => Edit::Submit(self.input.text.clone()),
            None if multi && matches!(key.code, KeyCode::Up | KeyCode::Down) => {
                self.input
                    .vertical(if key.code == KeyCode::Up { -1 } else { 1 });
                Edit::Nothing
            }
            _ if self.input.handle(key) => {
                self.error = None;
                Edit::Typed
            }
            _ => Edit::Nothing,
        }
    }
}

/// The rows the editor takes at the foot of a view.
pub const ROWS: u16 = 4;

fn title(editor: &Editor, cx: &Ctx) -> String {
    let (s, lang) = (cx.s, cx.lang);
    match &editor.target {
        EditTarget::Note(id) => {
            // "Services · Stage 2 · 1", as the list shows it, not the id
            let place = framework()
                .indicator(id)
                .map(|r| {
                    let n = r.domain.stages[usize::from(r.level) - 1]
                        .indicators
                        .iter()
                        .position(|i| i.id == *id)
                        .map(|p| p + 1)
                        .unwrap_or(0);
                    format!(
                        "{} · {} · {n}",
                        r.domain.short_name.get(lang),
                        s.stage_label(r.level)
                    )
                })
                .unwrap_or_else(|| id.clone());
            fill(s.editor_note, &[&place])
        }
        EditTarget::PhaseOwner(n) => fill(s.editor_phase_owner, &[n]),
        EditTarget::PhaseStart(n) => fill(s.editor_phase_start, &[n]),
        EditTarget::PhaseEnd(n) => fill(s.editor_phase_end, &[n]),
        EditTarget::MoveOwner(m) => fill(s.editor_move_owner, &[&m.label(lang)]),
        EditTarget::MoveStart(m) => fill(s.editor_move_start, &[&m.label(lang)]),
        EditTarget::MoveEnd(m) => fill(s.editor_move_end, &[&m.label(lang)]),
        EditTarget::Outcome(_, id) => {
            let text = framework()
                .indicator(id)
                .map(|r| r.indicator.text.get(lang).to_string())
                .unwrap_or_else(|| id.clone());
            fill(s.editor_outcome, &[&text])
        }
        EditTarget::ExportPath => s.editor_export.to_string(),
        EditTarget::TargetStage => s.field_target_stage.to_string(),
        EditTarget::Horizon => s.field_horizon.to_string(),
        EditTarget::Importance => s.field_importance.to_string(),
        EditTarget::OverrideLevel => s.editor_override_level.to_string(),
        EditTarget::OverrideReason => s.editor_override_reason.to_string(),
        EditTarget::SettleReason(_, value) => fill(
            s.editor_settle,
            &[&crate::text::strings(lang).answer(*value)],
        ),
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, editor: &Editor, cx: &Ctx) {
    let (s, theme) = (cx.s, cx.theme);
    let inner = boxed(buf, area, &title(editor, cx), theme, true);
    if inner.height == 0 {
        return;
    }
    if editor.multi_line() {
        let text_rows = if inner.height > 1 {
            inner.height - 1
        } else {
            inner.height
        };
        draw_lines(
            buf,
            Rect::new(inner.x, inner.y, inner.width, text_rows),
            &editor.input,
            cx,
        );
        if inner.height > 1 {
            let (text, style) = match &editor.error {
                Some(error) => (error.as_str(), theme.error()),
                None => (s.ev.note_editor_hint, theme.dim()),
            };
            put(buf, inner.x, inner.bottom() - 1, text, inner.width, style);
        }
        return;
    }
    let input = &editor.input;
    let chars: Vec<char> = input.text.chars().collect();
    let cols = inner.width.saturating_sub(1) as usize;
    let start = input.scroll_start(cols);
    let shown: String = chars[start..].iter().collect();
    put(buf, inner.x, inner.y, &shown, inner.width, Style::new());
    let before: String = chars[start..input.cursor.min(chars.len())].iter().collect();
    let cx = inner.x + width(&before) as u16;
    let under = input.at_cursor().unwrap_or(" ");
    put(
        buf,
        cx,
        inner.y,
        under,
        inner.right().saturating_sub(cx),
        theme.selected(),
    );
    if inner.height > 1 {
        let (text, style) = match &editor.error {
            Some(error) => (error.as_str(), theme.error()),
            None => (s.editor_hint, theme.dim()),
        };
        put(buf, inner.x, inner.y + 1, text, inner.width, style);
    }
}

/// The rows of a multi-line text `cols` wide: each (first, end) in
/// characters, the line break itself in neither; a line longer than
/// `cols` goes on in the next row.
pub fn text_rows(text: &str, cols: usize) -> Vec<(usize, usize)> {
    use unicode_width::UnicodeWidthChar;
    let chars: Vec<char> = text.chars().collect();
    let mut rows = vec![];
    let (mut start, mut used) = (0, 0);
    for (i, c) in chars.iter().enumerate() {
        if *c == '\n' {
            rows.push((start, i));
            (start, used) = (i + 1, 0);
            continue;
        }
        let w = c.width().unwrap_or(0);
        if used + w > cols && i > start {
            rows.push((start, i));
            (start, used) = (i, 0);
        }
        used += w;
    }
    rows.push((start, chars.len()));
    rows
}

/// A multi-line input in `area`, wrapped, scrolled so that the cursor's
/// row is in view.
fn draw_lines(buf: &mut Buffer, area: Rect, input: &TextInput, cx: &Ctx) {
    if area.height == 0 || area.width < 2 {
        return;
    }
    let chars: Vec<char> = input.text.chars().collect();
    // a column kept free for the cursor at a full row's end
    let rows = text_rows(&input.text, area.width as usize - 1);
    let cursor = input.cursor.min(chars.len());
    let at = rows
        .iter()
        .rposition(|(start, _)| *start <= cursor)
        .unwrap_or(0);
    let height = area.height as usize;
    let top = (at + 1).saturating_sub(height);
    for (k, (start, end)) in rows.iter().skip(top).take(height).enumerate() {
        let line: String = chars[*start..*end].iter().collect();
        put(
            buf,
            area.x,
            area.y + k as u16,
            &line,
            area.width,
            Style::new(),
        );
    }
    let (start, _) = rows[at];
    let before: String = chars[start..cursor].iter().collect();
    let x = area.x + (width(&before) as u16).min(area.width - 1);
    let y = area.y + (at - top) as u16;
    let under = match input.at_cursor() {
        Some("\n") | None => " ",
        Some(g) => g,
    };
    put(
        buf,
        x,
        y,
        under,
        area.right().saturating_sub(x),
        cx.theme.selected(),
    );
}
