//! The consensus view: the indicators whose voices disagree (by the rule of
//! `core::voices`), and the disputes a merge left in the profile, one after
//! another; each voice with its note beside the selected one, and the
//! agreed answer recorded with a reason (`y p n x u`, then the reason in
//! the editor: `Op::Settle`). A merge dispute on another field is settled
//! by keeping this version's value (`o`) or taking the other's (`t`):
//! `Op::ResolveDispute`.
//!
//! Also the small marks the interview draws for the voices (one per
//! respondent, whether they disagree, a provisional answer in brackets of
//! its own), kept here beside the view they lead to.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::Effect;
use super::super::ctx::{Ctx, Cx};
use super::super::draw::paint::{block_panel, highlight, put, put_wrapped};
use super::super::keys::{Action, Binding, CTRL_C, DOWN, HELP, Key, LANG, UP, bind};
use super::super::theme::answer_mark;
use super::Screen;
use super::editor::{self, Edit, EditTarget, Editor};
use super::open::Open;
use super::walk::{self, Walk};
use crate::core::framework;
use crate::core::merge::Dispute;
use crate::core::ops::Op;
use crate::core::profile::{Answer, AnswerValue, Respondent};
use crate::core::voices::Standing;
use crate::text::{fill, pad, strings};

use Action as A;
use Key::{Char as C, Code};

pub const KEYS: &[Binding] = &[
    bind!(UP, A::Up, key_up),
    bind!(DOWN, A::Down, key_down),
    bind!(
        &[C('y')],
        A::Answer(AnswerValue::Met),
        key_settle_met,
        hint_settle
    ),
    bind!(&[C('p')], A::Answer(AnswerValue::Partly), key_settle_partly),
    bind!(
        &[C('n')],
        A::Answer(AnswerValue::NotMet),
        key_settle_not_met
    ),
    bind!(
        &[C('x')],
        A::Answer(AnswerValue::NotApplicable),
        key_settle_na
    ),
    bind!(
        &[C('u')],
        A::Answer(AnswerValue::Unknown),
        key_settle_unknown
    ),
    bind!(&[C('o')], A::KeepOurs, key_keep_ours, hint_keep_ours),
    bind!(&[C('t')], A::TakeTheirs, key_take_theirs, hint_take_theirs),
    bind!(&[C('c'), Code(KeyCode::Esc)], A::Back, key_back, hint_back),
    bind!(all: HELP, A::Help, key_help, hint_help),
    bind!(all: LANG, A::SwitchLanguage, key_language),
    bind!(all: &[C('q')], A::Quit, key_home, hint_home),
    bind!(all: CTRL_C, A::ForceQuit, key_quit),
];

/// The selected item, the reason being typed, and the walk to go back to.
#[derive(Debug, Clone)]
pub struct ConsensusView {
    pub selected: usize,
    pub editor: Option<Editor>,
    pub walk: Walk,
}

/// One thing to settle.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// An indicator whose voices disagree, or whose agreed answer two
    /// merged versions set differently.
    Indicator(&'static str),
    /// A merge dispute on another field (index into the profile's
    /// `disputes`).
    Merge(usize),
}

/// The merge dispute on the agreed answer of `indicator`, if any (index).
fn answer_dispute(open: &Open, indicator: &str) -> Option<usize> {
    let id = open.assessment().id.as_str();
    let prefix = format!("answers/{indicator}/");
    open.profile.disputes.iter().position(|d| {
        d.assessment.as_deref() == Some(id)
            && (d.field.starts_with(&prefix) || d.field == format!("answers/{indicator}"))
    })
}

/// Whether a dispute belongs to the open assessment (or to the profile).
fn ours(open: &Open, d: &Dispute) -> bool {
    d.assessment.is_none() || d.assessment.as_deref() == Some(open.assessment().id.as_str())
}

/// What there is to settle, in the framework's order, then the other
/// merge disputes.
pub fn items(open: &Open) -> Vec<Item> {
    let a = open.assessment();
    let mut out = Vec::new();
    for domain in &framework().domains {
        for stage in &domain.stages {
            for indicator in &stage.indicators {
                let id = indicator.id.as_str();
                let disagree = a.answers.get(id).is_some_and(Answer::voices_disagree);
                if disagree || answer_dispute(open, id).is_some() {
                    out.push(Item::Indicator(id));
                }
            }
        }
    }
    let answer_fields: Vec<usize> = out
        .iter()
        .filter_map(|i| match i {
            Item::Indicator(id) => answer_dispute(open, id),
            Item::Merge(_) => None,
        })
        .collect();
    for (i, d) in open.profile.disputes.iter().enumerate() {
        if ours(open, d) && !answer_fields.contains(&i) && !d.field.starts_with("answers/") {
            out.push(Item::Merge(i));
        }
    }
    // a dispute on an answer to an indicator this framework does not know
    for (i, d) in open.profile.disputes.iter().enumerate() {
        if ours(open, d)
            && d.field.starts_with("answers/")
            && !answer_fields.contains(&i)
            && !out.contains(&Item::Merge(i))
        {
            out.push(Item::Merge(i));
        }
    }
    out
}

/// Whether an item is still open: voices disagreeing with no agreed
/// answer, or a merge dispute not settled.
fn is_open(open: &Open, item: &Item) -> bool {
    match item {
        Item::Indicator(id) => {
            answer_dispute(open, id).is_some()
                || open
                    .assessment()
                    .answers
                    .get(*id)
                    .is_some_and(|a| a.standing() == Standing::Disputed)
        }
        Item::Merge(_) => true,
    }
}

/// The consensus view of `open`, on the first open item.
pub fn show(open: Box<Open>, walk: Walk) -> Screen {
    let all = items(&open);
    let selected = all.iter().position(|i| is_open(&open, i)).unwrap_or(0);
    Screen::Consensus(
        open,
        Box::new(ConsensusView {
            selected,
            editor: None,
            walk,
        }),
    )
}

/// Who settles: the assessment's interviewer, else "the assessor".
fn settler(open: &Open, cx: &Cx<'_>) -> String {
    let who = open.assessment().interviewer.trim();
    if who.is_empty() {
        cx.s.the_assessor.to_string()
    } else {
        who.to_string()
    }
}

pub fn update(
    mut open: Box<Open>,
    mut view: Box<ConsensusView>,
    cx: &mut Cx<'_>,
    action: Option<Action>,
    key: &KeyEvent,
) -> (Screen, Vec<Effect>) {
    if let Some(editor) = &mut view.editor {
        let effects = match editor.handle(action, key) {
            Edit::Cancel => {
                view.editor = None;
                vec![]
            }
            Edit::Submit(text) => {
                let effects = settle(&mut open, editor, cx, &text);
                if !effects.is_empty() {
                    view.editor = None;
                    // on to the next open one
                    let all = items(&open);
                    if let Some(next) = (view.selected + 1..all.len())
                        .chain(0..view.selected)
                        .find(|&i| is_open(&open, &all[i]))
                    {
                        view.selected = next;
                    }
                }
                effects
            }
            Edit::Typed | Edit::Nothing => vec![],
        };
        return (Screen::Consensus(open, view), effects);
    }
    let all = items(&open);
    let item = all.get(view.selected).cloned();
    let mut effects = vec![];
    match action {
        Some(A::Up) => view.selected = view.selected.saturating_sub(1),
        Some(A::Down) => view.selected = (view.selected + 1).min(all.len().saturating_sub(1)),
        Some(A::Back) => return (walk::at(open, view.walk), vec![]),
        Some(A::Quit) => return (Screen::Home, vec![Effect::Close, Effect::List]),
        Some(A::Answer(value)) => match item {
            Some(Item::Indicator(id)) if open.writable(cx) => {
                view.editor = Some(Editor::new(
                    EditTarget::SettleReason(id.to_string(), value),
                    String::new(),
                ));
            }
            _ => {}
        },
        Some(A::KeepOurs | A::TakeTheirs) if open.writable(cx) => {
            let at = match item {
                Some(Item::Merge(i)) => Some(i),
                Some(Item::Indicator(id)) => answer_dispute(&open, id),
                None => None,
            };
            if let Some(dispute) = at.and_then(|i| open.profile.disputes.get(i)).cloned() {
                let op = Op::ResolveDispute {
                    assessment: dispute.assessment.clone(),
                    field: dispute.field.clone(),
                    take_theirs: action == Some(A::TakeTheirs),
                };
                match open.apply(op, cx.lang) {
                    Ok(save) => {
                        cx.status.info = Some(fill(cx.s.dispute_resolved, &[&dispute.field]));
                        effects.push(save);
                        let left = items(&open).len();
                        view.selected = view.selected.min(left.saturating_sub(1));
                    }
                    Err(error) => cx.status.error = Some(error),
                }
            }
        }
        _ => {}
    }
    (Screen::Consensus(open, view), effects)
}

/// Records the agreed answer with `reason` (and settles a merge dispute on
/// that answer): the save, or nothing with the reason shown in the editor.
fn settle(open: &mut Open, editor: &mut Editor, cx: &mut Cx<'_>, reason: &str) -> Vec<Effect> {
    let EditTarget::SettleReason(indicator, value) = editor.target.clone() else {
        return vec![];
    };
    if open.read_only.is_some() {
        return vec![];
    }
    let mut ops = vec![Op::Settle {
        assessment: open.assessment_id(),
        indicator: indicator.clone(),
        value,
        by: settler(open, cx),
        reason: reason.to_string(),
    }];
    if let Some(d) = answer_dispute(open, &indicator).and_then(|i| open.profile.disputes.get(i)) {
        // the agreed answer is in place: the dispute is settled by it
        ops.push(Op::ResolveDispute {
            assessment: d.assessment.clone(),
            field: d.field.clone(),
            take_theirs: false,
        });
    }
    match open.profile.apply_all(&ops) {
        Ok(()) => {
            cx.status.info = Some(fill(cx.s.settled_info, &[&strings(cx.lang).answer(value)]));
            vec![open.save_ops(ops, None)]
        }
        Err(e) => {
            editor.error = Some(e.message(cx.lang));
            vec![]
        }
    }
}

// ---- marks, shared with the interview ----

/// The most voices marked one by one; more are shown as `+`.
const MAX_MARKS: usize = 6;

/// The columns the voice marks take beside an indicator: none without
/// respondents; else a space, one per voice, the standing mark, a space.
pub fn marks_width(respondents: usize) -> u16 {
    if respondents == 0 {
        0
    } else {
        (respondents.min(MAX_MARKS) + usize::from(respondents > MAX_MARKS) + 3) as u16
    }
}

/// An answer's key letter (`y p n x u`), `.` for no voice.
fn letter(value: Option<AnswerValue>) -> char {
    match value {
        Some(AnswerValue::Met) => 'y',
        Some(AnswerValue::Partly) => 'p',
        Some(AnswerValue::NotMet) => 'n',
        Some(AnswerValue::NotApplicable) => 'x',
        Some(AnswerValue::Unknown) => 'u',
        None => '.',
    }
}

/// One letter per respondent, in their order: their answer to this
/// indicator, `.` where they gave none.
pub fn voice_marks(answer: Option<&Answer>, respondents: &[Respondent]) -> String {
    let mut out: String = respondents
        .iter()
        .take(MAX_MARKS)
        .map(|r| letter(answer.and_then(|a| a.voices.get(&r.id)).map(|v| v.value)))
        .collect();
    if respondents.len() > MAX_MARKS {
        out.push('+');
    }
    out
}

/// `!` voices that disagree with no answer agreed; `=` agreed among
/// disagreeing voices; else a space.
pub fn standing_mark(answer: Option<&Answer>) -> &'static str {
    match answer.map(Answer::standing) {
        Some(Standing::Disputed) => "!",
        Some(Standing::Settled) => "=",
        _ => " ",
    }
}

/// The answer's mark: `[y]` agreed (or the only answer), `(y)` provisional.
/// `[?]` answered unknown, `[ ]` not yet asked.
pub fn answer_mark_of(answer: Option<&Answer>) -> String {
    let Some(value) = answer.map(|a| a.value) else {
        return "[ ]".to_string();
    };
    let mark = answer_mark(value);
    if answer.is_some_and(|a| a.provisional) {
        format!("({})", &mark[1..2])
    } else {
        mark.to_string()
    }
}

/// The voices of an answer in words, for the interview's detail line:
/// each respondent's answer, then provisional, disputed or who agreed it.
/// Empty without voices.
pub fn voices_text(answer: &Answer, respondents: &[Respondent], cx: &Ctx) -> String {
    if answer.voices.is_empty() {
        return String::new();
    }
    let (s, words) = (cx.s, strings(cx.lang));
    let each: Vec<String> = respondents
        .iter()
        .filter_map(|r| {
            let v = answer.voices.get(&r.id)?;
            Some(fill(s.voice_item, &[&r.name, &words.answer(v.value)]))
        })
        .collect();
    let mut out = fill(s.voices_line, &[&each.join(s.sep_items)]);
    match answer.standing() {
        Standing::Provisional => out.push_str(s.provisional_line),
        Standing::Disputed => {
            out.push_str(s.provisional_line);
            out.push_str(s.disputed_line);
        }
        Standing::Settled | Standing::Agreed => {
            if let (Some(by), Some(why)) = (&answer.settled_by, &answer.settled_reason) {
                out.push_str(&fill(s.settled_line, &[by, why]));
            }
        }
        Standing::Plain => {}
    }
    out
}

// ---- drawing ----

/// An indicator as the lists name it: "Economy 2.3".
fn place(id: &str, cx: &Ctx) -> String {
    framework()
        .indicator(id)
        .map(|r| {
            let n = r.domain.stages[usize::from(r.level) - 1]
                .indicators
                .iter()
                .position(|i| i.id == id)
                .map(|p| p + 1)
                .unwrap_or(0);
            format!("{} {}.{n}", r.domain.short_name.get(cx.lang), r.level)
        })
        .unwrap_or_else(|| id.to_string())
}

/// A merge dispute's value in words.
fn value_text(value: &serde_json::Value, cx: &Ctx) -> String {
    match value {
        serde_json::Value::Null => cx.s.consensus_removed.to_string(),
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, open: &Open, view: &ConsensusView, cx: &Ctx) {
    let Ctx { s, theme, .. } = *cx;
    let (side, main) = walk::split(area);
    let all = items(open);
    let open_count = all.iter().filter(|i| is_open(open, i)).count();
    let list = block_panel(
        buf,
        side,
        &fill(s.consensus_list, &[&open_count]),
        theme,
        false,
    );
    let respondents = &open.assessment().respondents;
    let answers = &open.assessment().answers;
    // the list, scrolled to keep the selected one in sight
    let rows = list.height as usize;
    let first = view.selected.saturating_sub(rows.saturating_sub(1));
    for (n, item) in all.iter().enumerate().skip(first).take(rows) {
        let y = list.y + (n - first) as u16;
        let mark = if is_open(open, item) { "!" } else { "=" };
        let line = match item {
            Item::Indicator(id) => {
                let answer = answers.get(*id);
                let marks = voice_marks(answer, respondents);
                let name_w = (list.width as usize).saturating_sub(crate::text::width(&marks) + 6);
                format!(
                    "{mark}{} {} {marks}",
                    pad(&place(id, cx), name_w),
                    answer_mark_of(answer)
                )
            }
            Item::Merge(i) => {
                let field = open
                    .profile
                    .disputes
                    .get(*i)
                    .map(|d| d.field.as_str())
                    .unwrap_or("");
                format!("{mark}{field}")
            }
        };
        put(buf, list.x, y, &line, list.width, Style::new());
        if n == view.selected {
            highlight(buf, list, y, theme);
        }
    }
    let Some(item) = all.get(view.selected) else {
        let inner = block_panel(buf, main, s.title_consensus, theme, true);
        put_wrapped(buf, inner, s.consensus_empty, theme.dim());
        return;
    };
    let title = match item {
        Item::Indicator(id) => place(id, cx),
        Item::Merge(_) => s.title_consensus.to_string(),
    };
    let inner = block_panel(buf, main, &title, theme, true);
    let editor_rows = if view.editor.is_some() {
        editor::ROWS
    } else {
        0
    };
    let bottom = inner.bottom().saturating_sub(editor_rows);
    let mut room = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        bottom.saturating_sub(inner.y),
    );
    let mut write = |text: &str, style: Style, room: &mut Rect| {
        let used = put_wrapped(buf, *room, text, style);
        room.y += used;
        room.height = room.height.saturating_sub(used);
    };
    let words = strings(cx.lang);
    let dispute = match item {
        Item::Indicator(id) => answer_dispute(open, id),
        Item::Merge(i) => Some(*i),
    }
    .and_then(|i| open.profile.disputes.get(i));
    if let Item::Indicator(id) = item {
        if let Some(found) = framework().indicator(id) {
            write(
                found.indicator.text.get(cx.lang),
                theme.heading(),
                &mut room,
            );
        }
        let answer = answers.get(*id);
        // each voice, with its note
        for r in respondents {
            let Some(voice) = answer.and_then(|a| a.voices.get(&r.id)) else {
                continue;
            };
            let who = if r.organisation_name.is_empty() {
                r.name.clone()
            } else {
                fill(s.voice_who, &[&r.name, &r.organisation_name])
            };
            let mut line = format!(
                "{} {}",
                letter(Some(voice.value)),
                fill(s.voice_item, &[&who, &words.answer(voice.value)])
            );
            if let Some(note) = &voice.note {
                line.push_str(&fill(s.voice_note, &[note]));
            }
            write(&line, theme.answer(voice.value), &mut room);
        }
        if let Some(answer) = answer {
            let mut now = fill(s.consensus_now, &[&words.answer(answer.value)]);
            if answer.provisional {
                now.push_str(s.consensus_provisional);
            }
            write(&now, theme.ok(), &mut room);
            if let (Some(by), Some(why)) = (&answer.settled_by, &answer.settled_reason) {
                let line = fill(s.settled_line, &[by, why]);
                write(line.trim_start(), theme.ok(), &mut room);
            }
        }
    }
    if let Some(d) = dispute {
        write(
            &fill(s.consensus_merge, &[&d.field]),
            theme.error(),
            &mut room,
        );
        write(
            &fill(s.consensus_ours, &[&value_text(&d.ours, cx)]),
            Style::new(),
            &mut room,
        );
        write(
            &fill(s.consensus_theirs, &[&value_text(&d.theirs, cx)]),
            Style::new(),
            &mut room,
        );
        write(s.consensus_merge_howto, theme.dim(), &mut room);
    }
    if matches!(item, Item::Indicator(_)) {
        write(s.consensus_howto, theme.dim(), &mut room);
    }
    if let Some(editor) = &view.editor {
        editor::draw(
            buf,
            Rect::new(inner.x, bottom, inner.width, editor_rows),
            editor,
            cx,
        );
    }
}
