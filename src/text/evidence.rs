//! The words of long evidence: the multi-line note editor, the question
//! before dropping an edit, the note viewer, and unknown answers counted
//! on their own. One table per language; `UiStrings::ev` points at the
//! one in use.

#[derive(Debug)]
pub struct EvidenceStrings {
    pub title_note_editor: &'static str,
    pub title_note_help: &'static str,
    pub key_new_line: &'static str,
    pub hint_new_line: &'static str,
    pub note_editor_hint: &'static str,
    pub confirm_discard: &'static str,
    pub key_view_note: &'static str,
    pub hint_view_note: &'static str,
    pub title_note_viewer: &'static str,
    pub note_viewer_empty: &'static str,
    pub note_viewer_hint: &'static str,
    pub key_close_viewer: &'static str,
    pub key_page_up: &'static str,
    pub key_page_down: &'static str,
    pub note_more_below: &'static str,
    /// ", 3 unknown" after the answered count.
    pub unknown_count: &'static str,
    /// The matrix: a domain's answers "unknown".
    pub matrix_unknown: &'static str,
}

pub const EN: EvidenceStrings = EvidenceStrings {
    title_note_editor: "Editing a note",
    title_note_help: "A note in full",
    key_new_line: "new line (in a note)",
    hint_new_line: "new line",
    note_editor_hint: "Enter: save · Alt-Enter/Ctrl-J: new line · Esc: cancel",
    confirm_discard: "Drop the changes to this text? y: drop them · n: keep editing",
    key_view_note: "read the note in full",
    hint_view_note: "read note",
    title_note_viewer: "Note: {}",
    note_viewer_empty: "No note for this indicator.",
    note_viewer_hint: "Up/Down PgUp/PgDn: scroll · Esc: close",
    key_close_viewer: "close",
    key_page_up: "a page up",
    key_page_down: "a page down",
    note_more_below: "(more below)",
    unknown_count: ", {} unknown",
    matrix_unknown: "[?] {} unknown",
};

pub const ZH: EvidenceStrings = EvidenceStrings {
    title_note_editor: "编辑备注",
    title_note_help: "完整备注",
    key_new_line: "换行（备注中）",
    hint_new_line: "换行",
    note_editor_hint: "Enter：保存 · Alt-Enter/Ctrl-J：换行 · Esc：取消",
    confirm_discard: "放弃对这段文字的修改？y：放弃 · n：继续编辑",
    key_view_note: "查看完整备注",
    hint_view_note: "看备注",
    title_note_viewer: "备注：{}",
    note_viewer_empty: "该指标没有备注。",
    note_viewer_hint: "上/下 PgUp/PgDn：滚动 · Esc：关闭",
    key_close_viewer: "关闭",
    key_page_up: "上翻一页",
    key_page_down: "下翻一页",
    note_more_below: "（下面还有）",
    unknown_count: "，{} 项未知",
    matrix_unknown: "[?] {} 项未知",
};
