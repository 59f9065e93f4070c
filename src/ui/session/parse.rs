//! Terminal input bytes to keys and pastes.
//!
//! The session reads a byte stream (a local terminal, later an SSH
//! channel) and parses it here into crossterm's `KeyEvent`s, so the rest of
//! the interface is unchanged. Own code rather than a crate: crossterm's
//! parser is private, termwiz's brings a terminal-capability stack the
//! interface does not use, and the paste rules below (a cap, pastes split
//! over many reads, an end marker inside the pasted text) need control of
//! the paste framing, which no parser offers.
//!
//! What is understood: printable UTF-8 (a character split across reads
//! waits for its other bytes), Enter (CR; LF is Ctrl-J), Tab, Shift-Tab, Backspace
//! (DEL or BS), Esc, Alt-key (ESC then the key), Ctrl-letters, the arrows,
//! Home, End, Insert, Delete, PgUp, PgDn and F1 to F12 in their CSI and
//! SS3 forms with xterm's modifier parameter, CSI u keys (`ESC [ code ; mods
//! u`), and bracketed paste. Mouse, focus and other reports are skipped.
//!
//! Input arrives in bursts: what one read-until-drained got. An escape
//! sequence is never split by a terminal across its writes, so a lone ESC at
//! the end of a burst is the Esc key; an unfinished CSI or SS3 sequence, or
//! an unfinished UTF-8 character, waits for the next burst.
//!
//! ## Pastes
//! A paste is the text between `ESC[200~` and `ESC[201~`, kept whole
//! however many bursts it takes. A paste over [`PASTE_CAP`] bytes is not
//! kept (its size is counted, its text dropped) and is reported as
//! [`Parsed::PasteTooLarge`], to be refused whole, never cut.
//!
//! A pasted text may itself hold the end marker (a terminal that does not
//! filter it sends `ESC[200~ first ESC[201~ rest ESC[201~`). The rule, so
//! that `rest` never runs as keys:
//! 1. Everything up to the first end marker is pasted text.
//! 2. Bytes that arrive in the same burst after a paste's end marker are
//!    pasted text too (joined to that paste, markers dropped): a terminal
//!    writes a paste in one go, and no one types a key within the same read.
//! 3. A burst that holds an end marker with no paste open is pasted text up
//!    to that marker (the rest of a paste whose first part came in an
//!    earlier burst): it is delivered as a paste, the marker dropped.
//!
//! What this cannot catch: the rest of such a paste arriving in a later
//! burst without its trailing marker, which no terminal sends. What it
//! costs: a key typed so soon after a paste that the same read takes both
//! (the reader thread descheduled on a loaded machine) becomes pasted text:
//! shown in the field, never run.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

/// The largest paste taken, in bytes of UTF-8 text (64 KiB: over 21,000
/// Chinese characters, far under the 8 MB profile limit). A larger paste is
/// refused whole.
pub const PASTE_CAP: usize = 64 * 1024;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// An escape sequence longer than this without its final byte is noise,
/// and dropped.
const MAX_SEQUENCE: usize = 64;

/// One thing the user did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    Key(KeyEvent),
    Paste(String),
    /// A paste of this many bytes, over [`PASTE_CAP`]: refused whole.
    PasteTooLarge(usize),
}

#[derive(Debug, Default)]
struct OpenPaste {
    text: Vec<u8>,
    /// Bytes pasted, kept or not.
    total: usize,
}

impl OpenPaste {
    fn push(&mut self, bytes: &[u8]) {
        self.total += bytes.len();
        if self.total <= PASTE_CAP {
            self.text.extend_from_slice(bytes);
        } else {
            self.text = Vec::new();
        }
    }

    fn finish(self) -> Parsed {
        if self.total > PASTE_CAP {
            Parsed::PasteTooLarge(self.total)
        } else {
            Parsed::Paste(String::from_utf8_lossy(&self.text).into_owned())
        }
    }
}

/// The parser: feed it each burst of bytes, get what they mean.
#[derive(Debug, Default)]
pub struct InputParser {
    /// Bytes of an unfinished sequence or character.
    pending: Vec<u8>,
    paste: Option<OpenPaste>,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `bytes` without any paste marker.
fn without_markers(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(PASTE_START) || rest.starts_with(PASTE_END) {
            i += PASTE_END.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

impl InputParser {
    pub fn new() -> InputParser {
        InputParser::default()
    }

    /// Whether a paste has begun and not yet ended.
    pub fn in_paste(&self) -> bool {
        self.paste.is_some()
    }

    /// Parses one burst: everything one read-until-drained got.
    pub fn feed(&mut self, burst: &[u8]) -> Vec<Parsed> {
        let mut out = vec![];
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(burst);
        let mut at = 0;
        // rule 3: the tail of a paste begun in an earlier burst
        if self.paste.is_none()
            && let Some(end) = find(&data, PASTE_END)
            && find(&data[..end], PASTE_START).is_none()
        {
            let mut paste = OpenPaste::default();
            paste.push(&data[..end]);
            at = end + PASTE_END.len();
            self.paste = Some(paste);
            self.end_paste(&data[at..], &mut out);
            return out;
        }
        while at < data.len() {
            if let Some(paste) = &mut self.paste {
                let rest = &data[at..];
                match find(rest, PASTE_END) {
                    Some(end) => {
                        paste.push(&rest[..end]);
                        self.end_paste(&rest[end + PASTE_END.len()..], &mut out);
                        return out;
                    }
                    None => {
                        // keep a tail that may be the start of the marker
                        let keep = (PASTE_END.len() - 1).min(rest.len());
                        let split = rest.len() - keep;
                        paste.push(&rest[..split]);
                        self.pending = rest[split..].to_vec();
                        return out;
                    }
                }
            }
            match self.parse_one(&data[at..]) {
                Step::Done(used, parsed) => {
                    at += used;
                    out.extend(parsed);
                }
                Step::PasteStart(used) => {
                    at += used;
                    self.paste = Some(OpenPaste::default());
                }
                Step::NeedMore => {
                    if data.len() - at > MAX_SEQUENCE {
                        // noise: drop its first byte and go on
                        at += 1;
                        continue;
                    }
                    self.pending = data[at..].to_vec();
                    return out;
                }
            }
        }
        out
    }

    /// Ends the open paste; `rest` (what followed its end marker in the
    /// same burst) is pasted text too (rule 2).
    fn end_paste(&mut self, rest: &[u8], out: &mut Vec<Parsed>) {
        let Some(mut paste) = self.paste.take() else {
            return;
        };
        if !rest.is_empty() {
            paste.push(&without_markers(rest));
        }
        out.push(paste.finish());
    }

    fn parse_one(&self, data: &[u8]) -> Step {
        let first = data[0];
        match first {
            0x1b => self.parse_escape(data),
            b'\r' => done(1, key(KeyCode::Enter, KeyModifiers::NONE)),
            // LF is Ctrl-J (a note's line break; Enter elsewhere, see
            // `keys::action_as`)
            b'\n' => done(1, key(KeyCode::Char('j'), KeyModifiers::CONTROL)),
            b'\t' => done(1, key(KeyCode::Tab, KeyModifiers::NONE)),
            0x7f | 0x08 => done(1, key(KeyCode::Backspace, KeyModifiers::NONE)),
            0x00 => done(1, key(KeyCode::Char(' '), KeyModifiers::CONTROL)),
            0x01..=0x1a => done(
                1,
                key(
                    KeyCode::Char(char::from(first - 1 + b'a')),
                    KeyModifiers::CONTROL,
                ),
            ),
            0x1c..=0x1f => done(
                1,
                key(
                    KeyCode::Char(char::from(first - 0x1c + b'4')),
                    KeyModifiers::CONTROL,
                ),
            ),
            _ => match utf8_char(data) {
                Utf8::Char(c, used) => done(used, char_key(c, KeyModifiers::NONE)),
                Utf8::Invalid => Step::Done(1, vec![]),
                Utf8::NeedMore => Step::NeedMore,
            },
        }
    }

    fn parse_escape(&self, data: &[u8]) -> Step {
        let Some(&second) = data.get(1) else {
            // a lone ESC at the end of a burst is the Esc key
            return done(1, key(KeyCode::Esc, KeyModifiers::NONE));
        };
        match second {
            b'[' => parse_csi(data),
            b'O' => match data.get(2) {
                None => Step::NeedMore,
                Some(&c) => {
                    let code = match c {
                        b'A' => Some(KeyCode::Up),
                        b'B' => Some(KeyCode::Down),
                        b'C' => Some(KeyCode::Right),
                        b'D' => Some(KeyCode::Left),
                        b'H' => Some(KeyCode::Home),
                        b'F' => Some(KeyCode::End),
                        b'M' => Some(KeyCode::Enter),
                        b'P'..=b'S' => Some(KeyCode::F(c - b'P' + 1)),
                        _ => None,
                    };
                    Step::Done(
                        3,
                        code.map(|code| Parsed::Key(key(code, KeyModifiers::NONE)))
                            .into_iter()
                            .collect(),
                    )
                }
            },
            // ESC ESC: the first is Esc
            0x1b => done(1, key(KeyCode::Esc, KeyModifiers::NONE)),
            _ => {
                // Alt and the key that follows
                match self.parse_one(&data[1..]) {
                    Step::Done(used, parsed) => Step::Done(
                        used + 1,
                        parsed
                            .into_iter()
                            .map(|p| match p {
                                Parsed::Key(mut k) => {
                                    k.modifiers |= KeyModifiers::ALT;
                                    Parsed::Key(k)
                                }
                                other => other,
                            })
                            .collect(),
                    ),
                    other => other,
                }
            }
        }
    }
}

enum Step {
    /// Bytes used, and what they meant (possibly nothing).
    Done(usize, Vec<Parsed>),
    PasteStart(usize),
    NeedMore,
}

fn done(used: usize, event: KeyEvent) -> Step {
    Step::Done(used, vec![Parsed::Key(event)])
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

/// A character key as crossterm reports it: an upper-case letter carries
/// Shift.
fn char_key(c: char, modifiers: KeyModifiers) -> KeyEvent {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), modifiers | shift)
}

enum Utf8 {
    Char(char, usize),
    Invalid,
    NeedMore,
}

fn utf8_char(data: &[u8]) -> Utf8 {
    let len = match data[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Utf8::Invalid,
    };
    if data.len() < len {
        // only wait if what is there so far can still be valid
        return if data[1..].iter().all(|b| b & 0xc0 == 0x80) {
            Utf8::NeedMore
        } else {
            Utf8::Invalid
        };
    }
    match std::str::from_utf8(&data[..len]) {
        Ok(s) => Utf8::Char(s.chars().next().unwrap_or('\u{fffd}'), len),
        Err(_) => Utf8::Invalid,
    }
}

/// xterm's modifier parameter (1 + bits: Shift 1, Alt 2, Ctrl 4).
fn modifiers(param: u16) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

fn parse_csi(data: &[u8]) -> Step {
    // ESC [ parameters (0x30-0x3f) intermediates (0x20-0x2f) final (0x40-0x7e)
    let mut end = 2;
    loop {
        match data.get(end) {
            None => return Step::NeedMore,
            Some(0x20..=0x3f) => end += 1,
            Some(0x40..=0x7e) => break,
            // not a sequence: drop the ESC [ and read on
            Some(_) => return Step::Done(2, vec![]),
        }
    }
    let used = end + 1;
    let final_byte = data[end];
    let params_text = std::str::from_utf8(&data[2..end]).unwrap_or("");
    if params_text.starts_with(['<', '?', '>', '=']) {
        // mouse, or a reply to a query: not a key
        return Step::Done(used, vec![]);
    }
    // each parameter may have sub-parameters after ':' (CSI u); the first
    // value of each is what counts here
    let params: Vec<u16> = params_text
        .split(';')
        .map(|p| p.split(':').next().unwrap_or("").parse().unwrap_or(0))
        .collect();
    let param = |i: usize| params.get(i).copied().unwrap_or(0);
    let mods = modifiers(param(1));
    let code = match final_byte {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'Z' => return done(used, key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        b'P'..=b'S' => KeyCode::F(final_byte - b'P' + 1),
        b'~' => match param(0) {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            n @ 11..=15 => KeyCode::F((n - 10) as u8),
            n @ 17..=21 => KeyCode::F((n - 11) as u8),
            n @ 23..=24 => KeyCode::F((n - 12) as u8),
            200 => return Step::PasteStart(used),
            // a stray end of paste (its start was never seen): nothing
            _ => return Step::Done(used, vec![]),
        },
        b'u' => return csi_u(used, param(0), mods),
        _ => return Step::Done(used, vec![]),
    };
    done(used, key(code, mods))
}

/// A key in the "CSI u" form: its Unicode code point and modifiers.
fn csi_u(used: usize, code: u16, mods: KeyModifiers) -> Step {
    let code = match code {
        13 => KeyCode::Enter,
        9 if mods.contains(KeyModifiers::SHIFT) => {
            return done(used, key(KeyCode::BackTab, mods));
        }
        9 => KeyCode::Tab,
        27 => KeyCode::Esc,
        127 | 8 => KeyCode::Backspace,
        c => match char::from_u32(u32::from(c)) {
            Some(c) if !c.is_control() => {
                return done(used, char_key(c, mods));
            }
            _ => return Step::Done(used, vec![]),
        },
    };
    done(used, key(code, mods))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(parsed: &[Parsed]) -> Vec<(KeyCode, KeyModifiers)> {
        parsed
            .iter()
            .map(|p| match p {
                Parsed::Key(k) => (k.code, k.modifiers),
                other => panic!("not a key: {other:?}"),
            })
            .collect()
    }

    fn one(bytes: &[u8]) -> (KeyCode, KeyModifiers) {
        let parsed = InputParser::new().feed(bytes);
        let k = keys(&parsed);
        assert_eq!(k.len(), 1, "{bytes:?}: {parsed:?}");
        k[0]
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    #[test]
    fn arrows_home_end_pages_in_every_form() {
        for (bytes, code) in [
            (&b"\x1b[A"[..], KeyCode::Up),
            (b"\x1b[B", KeyCode::Down),
            (b"\x1b[C", KeyCode::Right),
            (b"\x1b[D", KeyCode::Left),
            (b"\x1bOA", KeyCode::Up),
            (b"\x1bOD", KeyCode::Left),
            (b"\x1b[H", KeyCode::Home),
            (b"\x1b[F", KeyCode::End),
            (b"\x1bOH", KeyCode::Home),
            (b"\x1bOF", KeyCode::End),
            (b"\x1b[1~", KeyCode::Home),
            (b"\x1b[7~", KeyCode::Home),
            (b"\x1b[4~", KeyCode::End),
            (b"\x1b[8~", KeyCode::End),
            (b"\x1b[5~", KeyCode::PageUp),
            (b"\x1b[6~", KeyCode::PageDown),
            (b"\x1b[2~", KeyCode::Insert),
            (b"\x1b[3~", KeyCode::Delete),
            (b"\x1bOP", KeyCode::F(1)),
            (b"\x1b[15~", KeyCode::F(5)),
            (b"\x1b[24~", KeyCode::F(12)),
        ] {
            assert_eq!(one(bytes), (code, NONE), "{bytes:?}");
        }
        assert_eq!(one(b"\x1b[1;5C"), (KeyCode::Right, CTRL));
        assert_eq!(one(b"\x1b[1;3A"), (KeyCode::Up, ALT));
        assert_eq!(one(b"\x1b[5;2~"), (KeyCode::PageUp, SHIFT));
    }

    #[test]
    fn enter_tab_backtab_backspace_and_controls() {
        assert_eq!(one(b"\r"), (KeyCode::Enter, NONE));
        assert_eq!(one(b"\n"), (KeyCode::Char('j'), CTRL));
        assert_eq!(one(b"\x1b\r"), (KeyCode::Enter, ALT));
        assert_eq!(one(b"\t"), (KeyCode::Tab, NONE));
        assert_eq!(one(b"\x1b[Z"), (KeyCode::BackTab, SHIFT));
        assert_eq!(one(b"\x7f"), (KeyCode::Backspace, NONE));
        assert_eq!(one(b"\x08"), (KeyCode::Backspace, NONE));
        assert_eq!(one(b"\x03"), (KeyCode::Char('c'), CTRL));
        assert_eq!(one(b"\x15"), (KeyCode::Char('u'), CTRL));
        assert_eq!(one(b"\x01"), (KeyCode::Char('a'), CTRL));
        assert_eq!(one(b"\x1a"), (KeyCode::Char('z'), CTRL));
        assert_eq!(one(b"q"), (KeyCode::Char('q'), NONE));
        assert_eq!(one(b"L"), (KeyCode::Char('L'), SHIFT));
        assert_eq!(one(b"?"), (KeyCode::Char('?'), NONE));
    }

    #[test]
    fn esc_alone_and_alt_keys() {
        assert_eq!(one(b"\x1b"), (KeyCode::Esc, NONE));
        assert_eq!(one(b"\x1bq"), (KeyCode::Char('q'), ALT));
        assert_eq!(one(b"\x1b\x03"), (KeyCode::Char('c'), CTRL | ALT));
        let parsed = InputParser::new().feed(b"\x1b\x1b");
        assert_eq!(
            keys(&parsed),
            vec![(KeyCode::Esc, NONE), (KeyCode::Esc, NONE)]
        );
        // Esc pressed, then a key in a later read: two keys
        let mut p = InputParser::new();
        assert_eq!(keys(&p.feed(b"\x1b")), vec![(KeyCode::Esc, NONE)]);
        assert_eq!(keys(&p.feed(b"j")), vec![(KeyCode::Char('j'), NONE)]);
    }

    #[test]
    fn csi_u_keys() {
        assert_eq!(one(b"\x1b[99;5u"), (KeyCode::Char('c'), CTRL));
        assert_eq!(one(b"\x1b[13u"), (KeyCode::Enter, NONE));
        assert_eq!(one(b"\x1b[27u"), (KeyCode::Esc, NONE));
        assert_eq!(one(b"\x1b[9;2u"), (KeyCode::BackTab, SHIFT));
        assert_eq!(one(b"\x1b[24179u"), (KeyCode::Char('平'), NONE));
    }

    #[test]
    fn utf8_split_across_reads_waits_for_its_bytes() {
        let text = "平湖 🌏é";
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            let mut p = InputParser::new();
            let mut got = keys(&p.feed(&bytes[..cut]));
            got.extend(keys(&p.feed(&bytes[cut..])));
            let chars: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
            assert_eq!(
                got.iter().map(|k| k.0).collect::<Vec<_>>(),
                chars,
                "cut at {cut}"
            );
        }
        // every byte in its own read
        let mut p = InputParser::new();
        let got: Vec<_> = bytes.iter().flat_map(|b| keys(&p.feed(&[*b]))).collect();
        assert_eq!(got.len(), text.chars().count());
    }

    #[test]
    fn a_sequence_split_across_reads_is_one_key() {
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b[1;").is_empty());
        assert_eq!(keys(&p.feed(b"5A")), vec![(KeyCode::Up, CTRL)]);
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1bO").is_empty());
        assert_eq!(keys(&p.feed(b"B")), vec![(KeyCode::Down, NONE)]);
    }

    #[test]
    fn invalid_bytes_and_noise_never_panic_nor_stick() {
        let mut p = InputParser::new();
        assert!(p.feed(b"\xff\xfe").is_empty());
        assert!(p.feed(b"\x1b[<0;3;4M").is_empty(), "mouse report");
        assert!(p.feed(b"\x1b[I").is_empty(), "focus");
        assert_eq!(keys(&p.feed(b"\xe5x")), vec![(KeyCode::Char('x'), NONE)]);
        let mut long = b"\x1b[".to_vec();
        long.extend(std::iter::repeat_n(b'1', 100));
        long.push(b'j');
        let got = p.feed(&long);
        assert!(!p.in_paste());
        assert!(p.pending.len() <= MAX_SEQUENCE, "{}", p.pending.len());
        let _ = got;
    }

    fn paste_of(bytes: &[u8]) -> Vec<u8> {
        let mut v = PASTE_START.to_vec();
        v.extend_from_slice(bytes);
        v.extend_from_slice(PASTE_END);
        v
    }

    #[test]
    fn a_paste_is_one_event_with_its_text_verbatim() {
        let text = "line one\rline two 第二行\r\nq y n x\x1b[A";
        let parsed = InputParser::new().feed(&paste_of(text.as_bytes()));
        assert_eq!(parsed, vec![Parsed::Paste(text.to_string())]);
    }

    #[test]
    fn keys_before_and_after_a_paste_in_separate_reads_stay_keys() {
        let mut p = InputParser::new();
        let mut bytes = b"j".to_vec();
        bytes.extend(paste_of(b"abc"));
        assert_eq!(
            p.feed(&bytes),
            vec![
                Parsed::Key(key(KeyCode::Char('j'), NONE)),
                Parsed::Paste("abc".into())
            ]
        );
        assert_eq!(keys(&p.feed(b"k")), vec![(KeyCode::Char('k'), NONE)]);
    }

    #[test]
    fn a_large_paste_over_many_reads_arrives_whole() {
        let text: String = "证据第一行\n".repeat(1500);
        let bytes = paste_of(text.as_bytes());
        // reads of awkward sizes, cutting markers and characters (the
        // start marker comes whole: a lone ESC ending a read is Esc)
        let start = PASTE_START.len();
        for size in [1, 7, 1024, 4095] {
            let mut p = InputParser::new();
            let mut got = p.feed(&bytes[..start]);
            for chunk in bytes[start..].chunks(size) {
                got.extend(p.feed(chunk));
            }
            assert_eq!(got, vec![Parsed::Paste(text.clone())], "reads of {size}");
        }
    }

    #[test]
    fn a_paste_over_the_cap_is_refused_whole_and_memory_stays_bounded() {
        let text = vec![b'a'; PASTE_CAP + 1];
        let mut p = InputParser::new();
        let mut got = vec![];
        for chunk in paste_of(&text).chunks(4096) {
            got.extend(p.feed(chunk));
            let held = p.paste.as_ref().map_or(0, |o| o.text.len());
            assert!(held <= PASTE_CAP);
        }
        assert_eq!(got, vec![Parsed::PasteTooLarge(PASTE_CAP + 1)]);
        // exactly at the cap: taken
        let text = vec![b'a'; PASTE_CAP];
        assert_eq!(
            InputParser::new().feed(&paste_of(&text)),
            vec![Parsed::Paste("a".repeat(PASTE_CAP))]
        );
        // and keys work after it
        assert_eq!(keys(&p.feed(b"q")), vec![(KeyCode::Char('q'), NONE)]);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_in_any_reads_never_panic_and_hold_little(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400),
            cuts in proptest::collection::vec(0usize..400, 0..8),
        ) {
            let mut p = InputParser::new();
            let mut cuts = cuts;
            cuts.push(bytes.len());
            cuts.sort_unstable();
            let mut at = 0;
            for cut in cuts {
                let cut = cut.min(bytes.len());
                if cut > at {
                    p.feed(&bytes[at..cut]);
                    at = cut;
                }
                proptest::prop_assert!(p.pending.len() <= MAX_SEQUENCE + PASTE_END.len());
            }
        }

        #[test]
        fn a_paste_cut_anywhere_after_its_start_is_the_same_paste(
            text in r"[a-z 平湖证据\r\n\x1b\[AB~0-9]{0,200}",
            cuts in proptest::collection::vec(0usize..260, 0..6),
        ) {
            // a paste holding no end marker of its own
            proptest::prop_assume!(!text.contains("\x1b[201~"));
            let bytes = paste_of(text.as_bytes());
            let mut p = InputParser::new();
            let mut got = p.feed(&bytes[..PASTE_START.len()]);
            let mut at = PASTE_START.len();
            let mut cuts = cuts;
            cuts.push(bytes.len());
            cuts.sort_unstable();
            for cut in cuts {
                let cut = cut.clamp(at, bytes.len());
                got.extend(p.feed(&bytes[at..cut]));
                at = cut;
            }
            proptest::prop_assert_eq!(got, vec![Parsed::Paste(text.clone())]);
        }
    }

    #[test]
    fn an_end_marker_inside_the_pasted_text_never_lets_the_rest_run_as_keys() {
        // what a terminal that does not filter the marker sends
        let inner = "first\x1b[201~qyyn\rx";
        let bytes = paste_of(inner.as_bytes());
        let got = InputParser::new().feed(&bytes);
        assert_eq!(got, vec![Parsed::Paste("firstqyyn\rx".into())]);

        // the same, the rest arriving in a later read (rule 3)
        let cut = PASTE_START.len() + "first".len() + PASTE_END.len();
        let mut p = InputParser::new();
        let mut got = p.feed(&bytes[..cut]);
        assert_eq!(got, vec![Parsed::Paste("first".into())]);
        got = p.feed(&bytes[cut..]);
        assert_eq!(got, vec![Parsed::Paste("qyyn\rx".into())]);
        // keys after that are keys again
        assert_eq!(keys(&p.feed(b"j")), vec![(KeyCode::Char('j'), NONE)]);
    }
}
