//! The session core without a terminal: sessions driven from byte streams
//! in one process, their frames read back with a terminal emulator (vt100),
//! their effects checked on disk.

#[path = "support/tmpfs.rs"]
mod tmpfs;
use tmpfs::Tmpfs;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use citydx::core::Lang;
use citydx::core::examples::EXAMPLES;
use citydx::core::profile::{AnswerValue, Profile};
use citydx::store::Store;
use citydx::ui::app::{Open, Screen, Walk};
use citydx::ui::clock::Clock;
use citydx::ui::session::{DRAFT_INTERVAL, End, PASTE_CAP, Session, SessionConfig};
use citydx::ui::theme::Theme;

/// A clock that moves only when told.
#[derive(Clone)]
struct TestClock {
    instant: Arc<Mutex<Instant>>,
}

impl TestClock {
    fn new() -> TestClock {
        TestClock {
            instant: Arc::new(Mutex::new(Instant::now())),
        }
    }

    fn advance(&self, by: Duration) {
        *self.instant.lock().unwrap() += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap()
    }
    fn today(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(2030, 1, 2).unwrap()
    }
    fn label(&self, at: DateTime<Utc>) -> String {
        at.format("%H:%M:%S").to_string()
    }
    fn instant(&self) -> Instant {
        *self.instant.lock().unwrap()
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

fn folder_with(ids: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (id, text) in EXAMPLES {
        if ids.contains(&id) {
            std::fs::write(dir.path().join(format!("{id}.json")), text).unwrap();
        }
    }
    dir
}

/// A session and the terminal it draws on.
struct Driven {
    session: Session,
    screen: vt100::Parser,
    clock: TestClock,
}

impl Driven {
    fn new(dir: &Path, lang: Lang, width: u16, height: u16) -> Driven {
        Driven::with_theme(dir, lang, width, height, Theme::from_env(|_| None))
    }

    fn with_theme(dir: &Path, lang: Lang, width: u16, height: u16, theme: Theme) -> Driven {
        let clock = TestClock::new();
        let session = Session::new(
            Store::open(dir).unwrap(),
            SessionConfig {
                lang,
                theme,
                width,
                height,
                clock: Box::new(clock.clone()),
            },
        );
        let mut driven = Driven {
            session,
            screen: vt100::Parser::new(nonzero(height), nonzero(width), 0),
            clock,
        };
        driven.show();
        driven
    }

    /// Sends the session's next frame to its terminal.
    fn show(&mut self) -> String {
        self.session.tick();
        let bytes = self.session.frame();
        self.screen.process(&bytes);
        self.screen.screen().contents()
    }

    fn send(&mut self, bytes: &[u8]) -> String {
        self.session.input(bytes);
        self.show()
    }

    /// Ticks until the folder has been listed (bounded).
    fn wait_listed(&mut self) -> String {
        let start = Instant::now();
        while !self.session.app().home.loaded {
            assert!(start.elapsed() < Duration::from_secs(10), "never listed");
            std::thread::sleep(Duration::from_millis(5));
            self.session.tick();
        }
        self.show()
    }

    fn open(&mut self, id: &str) -> String {
        self.send(b"/");
        self.send(id.as_bytes());
        self.send(b"\r");
        let screen = self.send(b"\r");
        assert!(
            self.session.app().screen.open().is_some(),
            "{id} not opened:\n{screen}"
        );
        screen
    }

    fn selected_indicator(&self) -> String {
        match &self.session.app().screen {
            Screen::Walk(_, walk) => walk.selected_indicator().unwrap().to_string(),
            _ => panic!("not in an interview"),
        }
    }
}

fn answer_on_disk(dir: &Path, id: &str, indicator: &str) -> AnswerValue {
    let text = std::fs::read_to_string(dir.join(format!("{id}.json"))).unwrap();
    let profile = Profile::from_json(&text).unwrap();
    profile.assessments.last().unwrap().answer(indicator)
}

#[test]
fn two_sessions_in_one_process_each_with_its_own_size_and_language() {
    let dir = folder_with(&["pinghu", "suzhou", "kaifeng"]);
    let mut en = Driven::new(dir.path(), Lang::En, 80, 24);
    let mut zh = Driven::new(dir.path(), Lang::Zh, 120, 40);

    let home_en = en.wait_listed();
    let home_zh = zh.wait_listed();
    assert!(home_en.contains("City profiles"), "{home_en}");
    assert!(home_zh.contains("城市档案"), "{home_zh}");
    assert!(!home_zh.contains("City profiles"), "{home_zh}");
    // each drew at its own size: the 80-column frame never reached column
    // 80, the 120-column one did
    let widest = |d: &Driven| {
        d.screen
            .screen()
            .rows(0, d.screen.screen().size().1.get())
            .map(|r| r.trim_end().chars().count())
            .max()
            .unwrap()
    };
    assert!(widest(&en) <= 80);
    assert!(widest(&zh) > 80, "{home_zh}");

    // both open a different profile and answer an indicator, in turns
    let iv_en = en.open("pinghu");
    let iv_zh = zh.open("suzhou");
    assert!(iv_en.contains("Stage 1"), "{iv_en}");
    assert!(iv_zh.contains("阶段"), "{iv_zh}");
    let pinghu = en.selected_indicator();
    let suzhou = zh.selected_indicator();
    let before_en = answer_on_disk(dir.path(), "pinghu", &pinghu);
    let before_zh = answer_on_disk(dir.path(), "suzhou", &suzhou);
    let key_en = if before_en == AnswerValue::Met {
        b"n"
    } else {
        b"y"
    };
    let key_zh = if before_zh == AnswerValue::Met {
        b"n"
    } else {
        b"y"
    };
    let after_en = en.send(key_en);
    let after_zh = zh.send(key_zh);
    let want = |k: &[u8]| {
        if k == b"y" {
            AnswerValue::Met
        } else {
            AnswerValue::NotMet
        }
    };
    assert_eq!(answer_on_disk(dir.path(), "pinghu", &pinghu), want(key_en));
    assert_eq!(answer_on_disk(dir.path(), "suzhou", &suzhou), want(key_zh));
    // the status line says when, in each one's language, by its own clock
    assert!(after_en.contains("03:04:05"), "{after_en}");
    assert!(after_zh.contains("03:04:05"), "{after_zh}");
    assert!(after_zh.contains("已保存"), "{after_zh}");

    // a resize of one leaves the other alone
    en.session.resize(100, 30);
    en.screen.screen_mut().set_size(nonzero(30), nonzero(100));
    let resized = en.show();
    assert!(resized.contains("Stage 1"), "{resized}");
    assert_eq!(zh.session.area().width, 120);

    // q back home and q again: the English session ends, the other goes on
    en.send(b"q");
    en.send(b"q");
    assert_eq!(en.session.ended(), Some(&End::Quit));
    let still = zh.send(b"j");
    assert!(still.contains("阶段"), "{still}");
    assert!(zh.session.ended().is_none());
}

#[test]
fn a_panic_in_one_session_ends_that_session_only_and_frees_its_profile() {
    let dir = folder_with(&["pinghu", "kaifeng"]);
    let mut other = Driven::new(dir.path(), Lang::En, 80, 24);
    other.wait_listed();
    other.open("pinghu");

    let mut broken = Driven::new(dir.path(), Lang::En, 80, 24);
    broken.wait_listed();
    broken.open("kaifeng");
    // a state no key can make: an assessment that does not exist
    let profile = match &broken.session.app().screen {
        Screen::Walk(open, _) => open.profile.clone(),
        _ => unreachable!(),
    };
    broken.session.app_mut().screen = Screen::Walk(
        Box::new(Open {
            profile,
            assessment: 99,
            read_only: None,
            answering: None,
        }),
        Walk::default(),
    );
    broken.show();
    assert!(
        matches!(broken.session.ended(), Some(End::Failed(_))),
        "{:?}",
        broken.session.ended()
    );
    // once ended, it does nothing more
    assert!(broken.session.frame().is_empty());

    // the other session goes on, and kaifeng is free for a new one
    let screen = other.send(b"j");
    assert!(screen.contains("Stage 1"), "{screen}");
    let mut next = Driven::new(dir.path(), Lang::En, 80, 24);
    next.wait_listed();
    let screen = next.open("kaifeng");
    assert!(!screen.contains("READ-ONLY"), "{screen}");
    match &next.session.app().screen {
        Screen::Walk(open, _) => assert!(open.read_only.is_none(), "{:?}", open.read_only),
        _ => unreachable!(),
    }
}

#[test]
fn the_draft_is_written_on_the_timer_not_at_every_key() {
    let dir = folder_with(&["pinghu"]);
    let mut s = Driven::new(dir.path(), Lang::En, 120, 40);
    s.wait_listed();
    s.open("pinghu");
    // kept per profile and assessment id
    let assessment = s.session.app().screen.open().unwrap().assessment_id();
    let draft = dir.path().join(format!(".drafts/pinghu.{assessment}.json"));
    s.send(b"e");
    s.send(b"\x15");
    for c in "typed 逐字".chars() {
        s.send(c.to_string().as_bytes());
        assert!(!draft.exists(), "a draft written at a key");
    }
    let due = s
        .session
        .deadline()
        .expect("the timer runs while the note differs");
    assert!(due <= s.clock.instant() + DRAFT_INTERVAL);
    s.clock.advance(DRAFT_INTERVAL);
    s.show();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&draft).expect("written on time")).unwrap();
    assert_eq!(written["text"], "typed 逐字");
    // nothing new typed: the timer stops
    assert_eq!(s.session.deadline(), None);
    // a paste starts it again, and the draft follows
    s.send(b"\x1b[200~ and pasted\r\xe7\xb2\x98\xe8\xb4\xb4\x1b[201~");
    assert!(s.session.deadline().is_some());
    s.clock.advance(DRAFT_INTERVAL);
    s.show();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&draft).unwrap()).unwrap();
    assert_eq!(written["text"], "typed 逐字 and pasted\n粘贴");
    // Enter saves the note and the draft goes
    s.send(b"\r");
    assert!(!draft.exists());
    assert_eq!(s.session.deadline(), None);
}

#[test]
fn pastes_land_in_the_field_being_edited_and_never_act_as_keys() {
    let dir = folder_with(&["pinghu"]);
    let path = dir.path().join("pinghu.json");
    let mut s = Driven::new(dir.path(), Lang::En, 120, 40);
    s.wait_listed();
    // on the home screen, outside the filter: nothing but a message
    let screen = s.send(b"\x1b[200~q\r\x1b[201~");
    assert!(s.session.ended().is_none());
    assert!(screen.contains("Nothing was pasted"), "{screen}");
    s.open("pinghu");
    let before = std::fs::read(&path).unwrap();
    let screen = s.send(b"\x1b[200~yyyypnx\rq\x1b[201~");
    assert!(screen.contains("Nothing was pasted"), "{screen}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "a paste answered");
    // over the cap, in the note editor: refused whole
    s.send(b"e\x15keep");
    let mut big = b"\x1b[200~".to_vec();
    big.extend(std::iter::repeat_n(b'y', PASTE_CAP + 10));
    big.extend(b"\x1b[201~");
    for chunk in big.chunks(4096) {
        s.session.input(chunk);
    }
    let screen = s.show();
    assert!(
        screen.contains(&format!("{} bytes", PASTE_CAP + 10)),
        "{screen}"
    );
    match &s.session.app().screen {
        Screen::Walk(_, walk) => assert_eq!(walk.editor.as_ref().unwrap().input.text, "keep"),
        _ => unreachable!(),
    }
}

// ---- nothing lost while saving fails (issue 12, item 1) ----

/// The operations a journal holds (its records, up to the zeros).
fn journaled(dir: &Path, id: &str) -> Vec<serde_json::Value> {
    let bytes = std::fs::read(dir.join(format!(".journal/{id}.jsonl"))).unwrap();
    let end = bytes.iter().position(|b| *b == 0).unwrap_or(bytes.len());
    String::from_utf8_lossy(&bytes[..end])
        .lines()
        .flat_map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            record["ops"].as_array().unwrap().clone()
        })
        .collect()
}

#[test]
fn answers_given_on_a_full_disk_are_journaled_retried_and_saved_when_space_returns() {
    let Some(disk) = Tmpfs::new(4096) else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let dir = disk.path();
    let (id, text) = EXAMPLES.iter().find(|(id, _)| *id == "pinghu").unwrap();
    std::fs::write(dir.join(format!("{id}.json")), text).unwrap();
    let mut s = Driven::new(dir, Lang::En, 120, 40);
    s.wait_listed();
    s.open(id);
    let assessment = s.session.app().screen.open().unwrap().assessment_id();
    let draft = dir.join(format!(".drafts/{id}.{assessment}.json"));
    // the note is typed and kept as a draft before the disk fills
    s.send(b"e\x15kept through a full disk");
    s.clock.advance(DRAFT_INTERVAL);
    s.show();
    assert!(draft.exists());
    disk.fill();
    let before = std::fs::read(dir.join(format!("{id}.json"))).unwrap();

    // Enter on the note, then three answers: every save fails
    let noted = s.selected_indicator();
    let screen = s.send(b"\r");
    assert!(screen.contains("No space left on device"), "{screen}");
    assert!(draft.exists(), "the draft went before its note was saved");
    let mut answered = vec![];
    for _ in 0..3 {
        answered.push(s.selected_indicator());
        s.send(b"p");
    }
    assert_eq!(
        std::fs::read(dir.join(format!("{id}.json"))).unwrap(),
        before
    );
    assert_eq!(s.session.unsaved(), 4);
    // each operation is in the journal, written in the space reserved
    let ops = journaled(dir, id);
    assert_eq!(ops.len(), 4, "{ops:?}");
    assert_eq!(ops[0]["op"], "set_note");
    assert_eq!(ops[3]["op"], "set_answer");
    let screen = s.show();
    assert!(screen.contains("4 change(s) not saved yet"), "{screen}");

    // q says so and asks; n stays
    let screen = s.send(b"q");
    assert!(screen.contains("not saved to disk yet"), "{screen}");
    s.send(b"n");
    assert!(s.session.app().screen.open().is_some());

    // retried on the tick, with a growing wait, while the disk stays full
    let first = s.session.deadline().expect("a retry is due") - s.clock.instant();
    s.clock.advance(first);
    s.show();
    let second = s.session.deadline().expect("still due") - s.clock.instant();
    assert!(second > first, "{first:?} then {second:?}");
    assert_eq!(s.session.unsaved(), 4);

    // space again: the next try writes it all, then the draft and the
    // journal go
    disk.free();
    s.clock.advance(Duration::from_secs(60));
    let screen = s.show();
    assert!(screen.contains("saved 03:04:05"), "{screen}");
    assert_eq!(s.session.unsaved(), 0);
    for indicator in &answered {
        assert_eq!(answer_on_disk(dir, id, indicator), AnswerValue::Partly);
    }
    let saved =
        Profile::from_json(&std::fs::read_to_string(dir.join(format!("{id}.json"))).unwrap())
            .unwrap();
    assert_eq!(
        saved.assessments.last().unwrap().answers[&noted]
            .note
            .as_deref(),
        Some("kept through a full disk")
    );
    assert!(!draft.exists());
    assert!(journaled(dir, id).is_empty());
    // q now leaves without asking
    s.send(b"q");
    assert!(s.session.app().screen.open().is_none());
}

#[test]
fn a_session_gone_while_the_disk_is_full_leaves_a_journal_the_next_opening_replays() {
    let Some(disk) = Tmpfs::new(4096) else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let dir = disk.path();
    let (id, text) = EXAMPLES.iter().find(|(id, _)| *id == "pinghu").unwrap();
    std::fs::write(dir.join(format!("{id}.json")), text).unwrap();
    let mut s = Driven::new(dir, Lang::En, 120, 40);
    s.wait_listed();
    s.open(id);
    disk.fill();
    let indicator = s.selected_indicator();
    s.send(b"p");
    assert_eq!(s.session.unsaved(), 1);
    // Ctrl-C cannot ask: it quits, and the journal keeps the answer
    s.send(b"\x03");
    assert_eq!(s.session.ended(), Some(&End::Quit));
    drop(s);
    assert_eq!(journaled(dir, id).len(), 1);
    assert_ne!(answer_on_disk(dir, id, &indicator), AnswerValue::Partly);

    disk.free();
    let mut next = Driven::new(dir, Lang::En, 120, 40);
    next.wait_listed();
    let screen = next.open(id);
    assert!(screen.contains("recovered from the journal"), "{screen}");
    assert_eq!(answer_on_disk(dir, id, &indicator), AnswerValue::Partly);
    assert!(journaled(dir, id).is_empty());
    assert_eq!(next.session.unsaved(), 0);
}

#[test]
fn a_journal_that_no_longer_applies_is_kept_and_named() {
    let dir = folder_with(&["pinghu"]);
    std::fs::create_dir(dir.path().join(".journal")).unwrap();
    // an answer to an assessment the file does not have
    std::fs::write(
        dir.path().join(".journal/pinghu.jsonl"),
        "{\"ops\":[{\"op\":\"set_answer\",\"assessment\":\"0badc0de-0000-4000-8000-000000000000\",\"indicator\":\"gov.1.1\",\"value\":\"met\"}]}\n",
    )
    .unwrap();
    let before = std::fs::read(dir.path().join("pinghu.json")).unwrap();
    let mut s = Driven::new(dir.path(), Lang::En, 160, 40);
    s.wait_listed();
    s.open("pinghu");
    let error = s.session.app().status.error.clone().unwrap_or_default();
    assert!(error.contains("no longer applies"), "{error}");
    let kept: Vec<_> = std::fs::read_dir(dir.path().join(".journal"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("pinghu.jsonl.kept-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(error.contains(&kept[0]), "{error}");
    assert_eq!(
        std::fs::read(dir.path().join("pinghu.json")).unwrap(),
        before
    );
    // and the profile is writable, with a fresh journal
    assert!(s.session.app().screen.open().unwrap().read_only.is_none());
}

// ---- an edit on disk while the session holds the profile (item 3) ----

#[test]
fn an_edit_on_disk_is_never_overwritten_and_the_profile_turns_read_only() {
    let dir = folder_with(&["pinghu"]);
    let path = dir.path().join("pinghu.json");
    let mut s = Driven::new(dir.path(), Lang::En, 200, 40);
    s.wait_listed();
    s.open("pinghu");
    // someone edits the file by hand meanwhile
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("\"pinghu\"", "\"pinghu\" ", 1);
    std::fs::write(&path, &edited).unwrap();
    s.send(b"p");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("pinghu.json.kept-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    // this session's version, with the answer, is the kept one
    assert!(Profile::from_json(&std::fs::read_to_string(&kept[0]).unwrap()).is_ok());
    let banner = s
        .session
        .app()
        .screen
        .open()
        .unwrap()
        .read_only
        .clone()
        .expect("read-only now");
    assert!(banner.contains(&path.display().to_string()), "{banner}");
    assert!(banner.contains(&kept[0].display().to_string()), "{banner}");
    // further answers are refused, the file stays as edited
    s.send(b"y");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    assert_eq!(s.session.unsaved(), 0);
}

// ---- every message in both languages (issue 10) ----

/// ASCII words of 3 letters or more in `text`.
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_string)
        .collect()
}

#[test]
fn a_chinese_session_names_held_and_write_protected_profiles_in_chinese() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with(&["pinghu", "suzhou"]);
    let store = Store::open(dir.path()).unwrap();
    let _held = match store.lock("pinghu").unwrap() {
        citydx::store::LockOutcome::Acquired { lock, .. } => lock,
        _ => panic!("not locked"),
    };
    let protected = dir.path().join("suzhou.json");
    std::fs::set_permissions(&protected, std::fs::Permissions::from_mode(0o444)).unwrap();
    let host = gethostname_string();
    for id in ["pinghu", "suzhou"] {
        let mut s = Driven::new(dir.path(), Lang::Zh, 200, 40);
        s.wait_listed();
        s.open(id);
        let banner = s
            .session
            .app()
            .screen
            .open()
            .unwrap()
            .read_only
            .clone()
            .expect("read-only");
        let shown = banner
            .replace(&dir.path().display().to_string(), "")
            .replace(&host, "");
        // (UTC, an abbreviation, and the program's name are kept)
        let words: Vec<String> = english_words(&shown)
            .into_iter()
            .filter(|w| w != "UTC" && w != "citydx")
            .collect();
        assert!(words.is_empty(), "{id}: {words:?} in {banner}");
    }
}

fn gethostname_string() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default()
}

// ---- the interface's export (issue 10's one home, issue 15) ----

#[test]
fn the_export_shows_its_folder_asks_before_replacing_and_never_writes_in_the_profiles_folder() {
    let dir = folder_with(&["pinghu"]);
    let out = tempfile::tempdir().unwrap();
    let mut s = Driven::new(dir.path(), Lang::En, 160, 40);
    s.wait_listed();
    s.open("pinghu");
    s.send(b"r");
    s.send(b"o");
    s.send(b"\x15");
    let base = out.path().join("report");
    let screen = s.send(base.to_str().unwrap().as_bytes());
    let folder = out.path().canonicalize().unwrap();
    assert!(
        screen.contains(&format!("Reports are written in {}", folder.display())),
        "{screen}"
    );
    s.send(b"\r");
    let md = out.path().join("report.md");
    assert!(md.exists() && out.path().join("report.html").exists());
    // again, over a file changed meanwhile: it asks; n keeps the file
    std::fs::write(&md, "mine").unwrap();
    s.send(b"o\x15");
    s.send(base.to_str().unwrap().as_bytes());
    let screen = s.send(b"\r");
    assert!(screen.contains("would be replaced"), "{screen}");
    s.send(b"n");
    assert_eq!(std::fs::read_to_string(&md).unwrap(), "mine");
    // y replaces
    s.send(b"o\x15");
    s.send(base.to_str().unwrap().as_bytes());
    s.send(b"\r");
    s.send(b"y");
    assert_ne!(std::fs::read_to_string(&md).unwrap(), "mine");
    // inside the profiles folder (a bookkeeping folder too): refused
    for inside in [dir.path().join("r"), dir.path().join(".drafts/r")] {
        s.send(b"o\x15");
        s.send(inside.to_str().unwrap().as_bytes());
        let screen = s.send(b"\r");
        assert!(screen.contains("profiles folder"), "{screen}");
        assert!(!inside.with_extension("md").exists());
    }
}

#[test]
fn the_journal_is_reserved_at_opening_and_never_followed_through_a_link() {
    // reserved: the file is there, JOURNAL_RESERVE bytes of zeros
    let dir = folder_with(&["pinghu"]);
    let mut s = Driven::new(dir.path(), Lang::En, 160, 40);
    s.wait_listed();
    s.open("pinghu");
    let journal = dir.path().join(".journal/pinghu.jsonl");
    let meta = std::fs::symlink_metadata(&journal).unwrap();
    assert!(meta.is_file());
    assert_eq!(meta.len(), citydx::store::JOURNAL_RESERVE);
    assert!(journaled(dir.path(), "pinghu").is_empty());
    drop(s);

    // a linked .journal: refused, the profile read-only, nothing written
    // where the link leads
    let dir = folder_with(&["pinghu"]);
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join(".journal")).unwrap();
    let mut s = Driven::new(dir.path(), Lang::En, 160, 40);
    s.wait_listed();
    s.open("pinghu");
    let reason = s
        .session
        .app()
        .screen
        .open()
        .unwrap()
        .read_only
        .clone()
        .expect("read-only");
    assert!(reason.contains(".journal"), "{reason}");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    // and a linked journal file, the same
    let dir = folder_with(&["pinghu"]);
    std::fs::create_dir(dir.path().join(".journal")).unwrap();
    let target = outside.path().join("victim");
    std::fs::write(&target, "untouched").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join(".journal/pinghu.jsonl")).unwrap();
    let mut s = Driven::new(dir.path(), Lang::En, 160, 40);
    s.wait_listed();
    s.open("pinghu");
    assert!(s.session.app().screen.open().unwrap().read_only.is_some());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "untouched");
}

#[test]
fn a_terminal_whose_locale_is_not_utf8_is_sent_no_utf8() {
    // issue 12, item 15: borders switch to ASCII, and so does every name
    let dir = folder_with(&["pinghu", "shen-county"]);
    let c_locale = Theme::from_env(|name| (name == "LANG").then(|| "C".to_string()));
    assert!(c_locale.ascii);
    let clock = TestClock::new();
    let mut session = Session::new(
        Store::open(dir.path()).unwrap(),
        SessionConfig {
            lang: Lang::Zh,
            theme: c_locale,
            width: 80,
            height: 24,
            clock: Box::new(clock.clone()),
        },
    );
    let mut all = session.frame();
    let start = Instant::now();
    while !session.app().home.loaded {
        assert!(start.elapsed() < Duration::from_secs(10), "never listed");
        std::thread::sleep(Duration::from_millis(5));
        session.tick();
    }
    all.extend(session.frame());
    session.input(b"\r");
    session.tick();
    all.extend(session.frame());
    assert!(all.len() > 1000, "frames were drawn");
    assert!(
        all.is_ascii(),
        "UTF-8 sent to a terminal that did not ask for it"
    );
    let mut screen = vt100::Parser::new(nonzero(24), nonzero(80), 0);
    screen.process(&all);
    let text = screen.screen().contents();
    // the Chinese title and names keep their columns, as ? marks
    assert!(text.contains("????"), "{text}");
    assert!(text.contains("100"), "{text}");
}

/// `L` in a session changes its language and hands the choice to its
/// driver; the session itself writes no settings (a session served to
/// someone else remembers nothing).
#[test]
fn a_session_hands_the_language_chosen_to_its_driver_and_writes_no_settings() {
    let dir = folder_with(&["pinghu"]);
    let mut d = Driven::new(dir.path(), Lang::En, 80, 24);
    d.wait_listed();
    assert_eq!(d.session.take_lang_chosen(), None);
    let screen = d.send(b"L");
    assert!(screen.contains("城市档案"), "{screen}");
    assert_eq!(d.session.take_lang_chosen(), Some(Lang::Zh));
    assert_eq!(d.session.take_lang_chosen(), None, "handed over once");
    d.send(b"L");
    assert_eq!(d.session.take_lang_chosen(), Some(Lang::En));
    // nothing new in the profiles folder
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(names, vec!["pinghu.json".to_string()]);
}

/// `o` on the comparison writes its report in the three formats, shows the
/// folder while the path is typed, and asks before replacing a file.
#[test]
fn the_comparison_is_exported_from_its_screen_and_never_replaces_unasked() {
    let dir = folder_with(&["pinghu", "shen-county"]);
    let out = tempfile::tempdir().unwrap();
    let mut s = Driven::new(dir.path(), Lang::En, 120, 40);
    s.wait_listed();
    s.send(b" ");
    s.send(b" ");
    let screen = s.send(b"c");
    assert!(screen.contains("Comparison"), "{screen}");
    s.send(b"o\x15");
    let base = out.path().join("both");
    let screen = s.send(base.to_str().unwrap().as_bytes());
    let folder = out.path().canonicalize().unwrap();
    assert!(
        screen.contains(&format!("Reports are written in {}", folder.display())),
        "{screen}"
    );
    let screen = s.send(b"\r");
    assert!(screen.contains("both.md"), "{screen}");
    let md = std::fs::read_to_string(out.path().join("both.md")).unwrap();
    assert!(md.contains("Pinghu") && md.contains("Shen County"), "{md}");
    let json = std::fs::read_to_string(out.path().join("both.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&json).unwrap();
    assert!(out.path().join("both.html").exists());
    // a file there now: asked, n keeps it
    std::fs::write(out.path().join("both.html"), "mine").unwrap();
    s.send(b"o\x15");
    s.send(base.to_str().unwrap().as_bytes());
    let screen = s.send(b"\r");
    assert!(screen.contains("would be replaced"), "{screen}");
    s.send(b"n");
    assert_eq!(
        std::fs::read_to_string(out.path().join("both.html")).unwrap(),
        "mine"
    );
}

/// A respondent's session (as `citydx serve` makes it) on pinghu, scoped
/// to services, answering as its first respondent; with that respondent's
/// id and another's.
fn respondent_session(dir: &Path) -> (Session, String, String, String) {
    use citydx::core::framework::DomainId;
    use citydx::store::shared::SharedProfiles;
    use citydx::ui::session::{Access, Scope};
    let ids = with_two_respondents(dir);
    let store = Store::open(dir).unwrap();
    let assessment = store
        .load("pinghu")
        .unwrap()
        .profile
        .assessments
        .last()
        .unwrap()
        .id
        .clone();
    let session = Session::served(
        store.clone(),
        SessionConfig {
            lang: Lang::En,
            theme: Theme::from_env(|_| None),
            width: 80,
            height: 24,
            clock: Box::new(TestClock::new()),
        },
        SharedProfiles::new(store),
        Access::Respondent(Scope {
            profile: "pinghu".into(),
            respondent: ids[0].clone(),
            domains: vec![DomainId::Services],
        }),
        1,
    );
    (session, ids[0].clone(), ids[1].clone(), assessment)
}

#[test]
fn a_respondents_session_may_have_only_its_own_voices_saved() {
    use citydx::core::ops::Op;
    use citydx::ui::app::Effect;
    let dir = folder_with(&["pinghu", "baoying"]);
    let (session, me, other, assessment) = respondent_session(dir.path());
    let profile = Box::new(
        Store::open(dir.path())
            .unwrap()
            .load("pinghu")
            .unwrap()
            .profile,
    );
    let voice = |respondent: &str, indicator: &str| Op::SetVoice {
        assessment: assessment.clone(),
        indicator: indicator.into(),
        respondent: respondent.into(),
        value: AnswerValue::Met,
        note: None,
        at: None,
    };
    let save = |ops: Vec<Op>| Effect::Save {
        profile: profile.clone(),
        ops,
        draft: None,
    };
    // its own voice on its own domain: carried out
    assert!(session.allowed(&save(vec![voice(&me, "services.s1.department_apps")])));
    assert!(session.allowed(&Effect::Open {
        id: "pinghu".into(),
        new_assessment: false
    }));
    assert!(session.allowed(&Effect::Quit));
    // everything else: refused, each on its own
    let refused = [
        (
            "another respondent's voice",
            save(vec![voice(&other, "services.s1.department_apps")]),
        ),
        (
            "a domain not invited to",
            save(vec![voice(&me, "economy.s1.leading_firm_systems")]),
        ),
        (
            "the agreed answer",
            save(vec![Op::SetAnswer {
                assessment: assessment.clone(),
                indicator: "services.s1.department_apps".into(),
                value: AnswerValue::Met,
            }]),
        ),
        ("nothing to save", save(vec![])),
        (
            "another profile",
            Effect::Open {
                id: "baoying".into(),
                new_assessment: false,
            },
        ),
        (
            "a new assessment",
            Effect::Open {
                id: "pinghu".into(),
                new_assessment: true,
            },
        ),
        ("the home list", Effect::List),
        ("a new profile", Effect::Create(profile.clone())),
        ("the trash", Effect::Trash("pinghu".into())),
        ("the examples", Effect::AddExamples),
        (
            "an export",
            Effect::Export {
                profile: profile.clone(),
                assessment: 0,
                base: "/tmp/x".into(),
            },
        ),
        (
            "a comparison",
            Effect::LoadForCompare {
                ids: vec!["pinghu".into(), "baoying".into()],
                timeline: false,
            },
        ),
        (
            "deleting an assessment",
            Effect::TrashAssessment {
                profile: profile.clone(),
                assessment: assessment.clone(),
            },
        ),
        ("the trash's list", Effect::ListTrash),
        ("who is connected", Effect::ListConnected),
        (
            "an invitation",
            Effect::Invite {
                profile: "pinghu".into(),
                respondent: me.clone(),
                domains: vec![],
                expires: chrono::Duration::days(7),
                key: None,
            },
        ),
        (
            "revoking an invitation",
            Effect::Revoke {
                user: "r-abcdefgh".into(),
            },
        ),
        (
            "the respondents to invite",
            Effect::LoadInvitees {
                profile: "pinghu".into(),
            },
        ),
        (
            "another respondent's draft",
            Effect::ClearDraft(citydx::store::DraftKey::new(
                "pinghu",
                &assessment,
                Some(&other),
            )),
        ),
    ];
    for (what, effect) in refused {
        assert!(!session.allowed(&effect), "{what} must be refused");
    }
}

#[test]
fn a_respondents_session_opens_on_its_walk_and_saves_its_voice_through_the_owner() {
    let dir = folder_with(&["pinghu"]);
    let (mut session, me, _, _) = respondent_session(dir.path());
    let _ = session.frame();
    assert!(matches!(session.app().screen, Screen::Walk(..)));
    session.input(b"y");
    let _ = session.frame();
    let saved = Store::open(dir.path())
        .unwrap()
        .load("pinghu")
        .unwrap()
        .profile;
    let answers = &saved.assessments.last().unwrap().answers;
    let mine: Vec<&String> = answers
        .iter()
        .filter(|(_, a)| a.voices.contains_key(&me))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert!(mine[0].starts_with("services."));
    // q leaves the walk: the session ends, nothing else is reachable
    session.input(b"q");
    assert_eq!(session.ended(), Some(&End::Quit));
}

#[test]
fn a_respondent_answering_a_domains_last_question_stays_in_the_walk() {
    let dir = folder_with(&["pinghu"]);
    let (mut session, me, _, _) = respondent_session(dir.path());
    let _ = session.frame();
    let questions = citydx::core::framework::framework()
        .domain(citydx::core::framework::DomainId::Services)
        .stages
        .iter()
        .map(|s| s.indicators.len())
        .sum::<usize>();
    // every question of its one domain, then one more key
    for _ in 0..questions {
        session.input(b"y");
        let _ = session.frame();
    }
    session.input(b"y");
    assert_eq!(session.ended(), None, "the session must not end");
    assert!(matches!(session.app().screen, Screen::Walk(..)));
    let saved = Store::open(dir.path())
        .unwrap()
        .load("pinghu")
        .unwrap()
        .profile;
    let mine = saved
        .assessments
        .last()
        .unwrap()
        .answers
        .values()
        .filter(|a| a.voices.contains_key(&me))
        .count();
    assert_eq!(mine, questions);
}

#[test]
fn an_invited_respondents_help_and_header_offer_only_what_it_may_do() {
    let dir = folder_with(&["pinghu"]);
    let (mut session, _, _, _) = respondent_session(dir.path());
    let mut screen = vt100::Parser::new(nonzero(40), nonzero(100), 0);
    let mut show = |session: &mut Session| {
        session.tick();
        screen.process(&session.frame());
        screen.screen().contents()
    };
    let walk = show(&mut session);
    // it answers as itself: the header names it, without the key to switch
    let header = walk.lines().next().unwrap();
    assert!(header.contains("answering: One"), "{header}");
    assert!(!header.contains("(v)"), "{header}");
    // the hint line says q leaves, not "list"
    let hints = walk.lines().last().unwrap();
    assert!(hints.contains("q leave"), "{hints}");
    session.input(b"?");
    let mut help = show(&mut session);
    assert!(help.contains("q or Ctrl-C leaves"), "{help}");
    // the whole list, scrolled to its end
    for _ in 0..30 {
        session.input(b"j");
        help.push_str(&show(&mut session));
    }
    assert!(help.contains("leave the interview"), "{help}");
    for absent in [
        "switch who is answering",
        "back to the list",
        "invite",
        "goes back",
    ] {
        assert!(!help.contains(absent), "{absent}: {help}");
    }
    // and v does nothing
    session.input(b"?v");
    let after = show(&mut session);
    assert!(after.lines().next().unwrap().contains("answering: One"));
}

#[test]
fn a_served_respondents_note_stops_at_the_note_size_limit() {
    let dir = folder_with(&["pinghu"]);
    let (mut session, me, _, _) = respondent_session(dir.path());
    session.set_text_limit(64);
    let mut screen = vt100::Parser::new(nonzero(24), nonzero(80), 0);
    let mut show = |session: &mut Session| {
        session.tick();
        screen.process(&session.frame());
        screen.screen().contents()
    };
    show(&mut session);
    // answer, then open the note on the same indicator
    session.input(b"y");
    show(&mut session);
    session.input(b"k");
    session.input(b"e");
    show(&mut session);
    // 100 typed characters: the first 64 are kept, the rest refused
    for _ in 0..100 {
        session.input(b"a");
    }
    let shown = show(&mut session);
    assert!(shown.contains("at most 64 bytes"), "{shown}");
    // a paste that would cross the limit is refused whole
    session.input(b"\x08\x08\x08\x08");
    session.input(b"\x1b[200~bbbbbbbbbb\x1b[201~");
    show(&mut session);
    session.input(b"\r");
    show(&mut session);
    let saved = Store::open(dir.path())
        .unwrap()
        .load("pinghu")
        .unwrap()
        .profile;
    let note = saved
        .assessments
        .last()
        .unwrap()
        .answers
        .values()
        .filter_map(|a| a.voices.get(&me))
        .find_map(|v| v.note.clone())
        .expect("the note is saved");
    assert_eq!(
        note,
        "a".repeat(60),
        "64 typed, 4 deleted, the paste refused"
    );
}

// ---- invitations from the consultant's screen (issue 17) ----

use citydx::store::invites::{AuthOutcome, InviteBook};
use citydx::ui::screens::connected::ConnectedRow;
use citydx::ui::session::ConnectedSource;

/// The server's side, as the consultant's session sees it: its
/// invitations file, and the rows made from it.
struct Served {
    book: InviteBook,
    /// The invitations whose live sessions were ended.
    ended: std::sync::Mutex<Vec<String>>,
}

impl ConnectedSource for Served {
    fn rows(&self) -> Vec<ConnectedRow> {
        self.book
            .list(None)
            .unwrap()
            .into_iter()
            .map(|i| ConnectedRow {
                usable: !i.revoked,
                domains: i.domain_ids(),
                user: i.user,
                respondent: i.respondent,
                profile: i.profile,
                live: None,
                expires: i.expires,
            })
            .collect()
    }
    fn serving(&self) -> (u16, String) {
        (2222, "SHA256:test".into())
    }
    fn invitations(&self) -> InviteBook {
        self.book.clone()
    }
    fn end_sessions(&self, user: &str) -> usize {
        // as if one session were live on every invitation
        self.ended.lock().unwrap().push(user.to_string());
        1
    }
}

/// Pinghu with two respondents ("One", "Two") in its latest assessment:
/// their ids.
fn with_two_respondents(dir: &Path) -> [String; 2] {
    use citydx::core::ops::Op;
    use citydx::core::profile::{OrganisationType, Respondent};
    let mut profile = Store::open(dir).unwrap().load("pinghu").unwrap().profile;
    let assessment = profile.assessments.last().unwrap().id.clone();
    let ids = [citydx::core::uid::new_uid(), citydx::core::uid::new_uid()];
    for (id, name) in ids.iter().zip(["One", "Two"]) {
        profile
            .apply(&Op::AddRespondent {
                assessment: assessment.clone(),
                respondent: Respondent::new(id.clone(), name, "", OrganisationType::Government),
            })
            .unwrap();
    }
    std::fs::write(
        dir.join("pinghu.json"),
        serde_json::to_string_pretty(&profile).unwrap(),
    )
    .unwrap();
    ids
}

/// An OpenSSH ed25519 public key line.
fn public_key_line() -> String {
    use base64::Engine;
    let mut blob = vec![];
    blob.extend_from_slice(&11u32.to_be_bytes());
    blob.extend_from_slice(b"ssh-ed25519");
    blob.extend_from_slice(&32u32.to_be_bytes());
    blob.extend_from_slice(&[7u8; 32]);
    format!(
        "ssh-ed25519 {} wang@laptop",
        base64::engine::general_purpose::STANDARD.encode(blob)
    )
}

const TAB: &[u8] = b"\t";
const UP: &[u8] = b"\x1b[A";
const CLEAR: &[u8] = b"\x15";

#[test]
fn the_consultants_form_makes_the_invitation_through_the_store_and_x_revokes_it() {
    let dir = folder_with(&["pinghu"]);
    let ids = with_two_respondents(dir.path());
    let data = tempfile::tempdir().unwrap();
    let book = InviteBook::at(data.path().join("invitations.json"));
    let mut d = Driven::new(dir.path(), Lang::En, 100, 30);
    let served = Arc::new(Served {
        book: book.clone(),
        ended: Default::default(),
    });
    d.session.set_connected_source(served.clone());
    d.wait_listed();
    d.send(b"W");
    // the form: pinghu's respondents read (the only profile)
    let shown = d.send(b"n");
    assert!(shown.contains("Invite a respondent"), "{shown}");
    assert!(shown.contains("One"), "{shown}");
    // the second respondent, services and economy only, three days
    d.send(TAB);
    d.send(b"\x1b[C");
    d.send(TAB);
    d.send(TAB);
    for _ in 2..7 {
        d.send(TAB);
        d.send(b" ");
    }
    d.send(TAB);
    d.send(CLEAR);
    d.send(b"3");
    let shown = d.send(b"\r");
    let made = book.list(Some("pinghu")).unwrap();
    assert_eq!(made.len(), 1, "{shown}");
    let invitation = &made[0];
    assert_eq!(invitation.respondent, ids[1]);
    assert_eq!(invitation.domains, ["services", "economy"]);
    assert_eq!(
        invitation.expires - invitation.created,
        chrono::Duration::days(3)
    );
    assert_eq!(invitation.kind(), "code");
    // the result: the user, the code once, the command, the fingerprint
    let code = match &d.session.app().screen {
        Screen::Invite(form) => form.result.as_ref().unwrap().code.clone().unwrap(),
        other => panic!("no result: {other:?}"),
    };
    for part in [
        invitation.user.as_str(),
        code.as_str(),
        &format!("ssh -p 2222 {}@", invitation.user),
        "SHA256:test",
    ] {
        assert!(shown.contains(part), "{part}:\n{shown}");
    }
    // the code shown is the one kept (as a hash)
    assert!(matches!(
        book.check_code(&invitation.user, &code, Utc::now())
            .unwrap(),
        AuthOutcome::Accepted(_)
    ));
    // dismissed: back to who is connected, listing it; x then y revokes it
    let shown = d.send(b"\r");
    assert!(shown.contains("0 connected, 1 more invited"), "{shown}");
    let shown = d.send(b"x");
    assert!(shown.contains("Revoke the invitation"), "{shown}");
    assert!(
        !book.find(&invitation.user).unwrap().unwrap().revoked,
        "not before y"
    );
    let shown = d.send(b"y");
    assert!(book.find(&invitation.user).unwrap().unwrap().revoked);
    assert!(shown.contains("revoked invitation"), "{shown}");
    // and a session live on it is ended, which the consultant is told
    assert_eq!(
        served.ended.lock().unwrap().as_slice(),
        [invitation.user.as_str()]
    );
    assert!(shown.contains("its live session"), "{shown}");
}

#[test]
fn a_bad_key_file_is_said_on_the_form_and_nothing_is_saved() {
    let dir = folder_with(&["pinghu"]);
    let ids = with_two_respondents(dir.path());
    let data = tempfile::tempdir().unwrap();
    let book = InviteBook::at(data.path().join("invitations.json"));
    let private = data.path().join("id_ed25519");
    std::fs::write(
        &private,
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----\n",
    )
    .unwrap();
    let public = data.path().join("id_ed25519.pub");
    std::fs::write(&public, public_key_line()).unwrap();
    let mut d = Driven::new(dir.path(), Lang::En, 120, 30);
    d.session.set_connected_source(Arc::new(Served {
        book: book.clone(),
        ended: Default::default(),
    }));
    d.wait_listed();
    d.send(b"W");
    d.send(b"n");
    // up from the first field: the key's
    d.send(UP);
    d.send(private.to_str().unwrap().as_bytes());
    let shown = d.send(b"\r");
    assert!(shown.contains("private key"), "{shown}");
    assert!(matches!(d.session.app().screen, Screen::Invite(_)));
    assert!(book.list(None).unwrap().is_empty(), "nothing saved");
    assert!(!data.path().join("invitations.json").exists());
    // the public one: a key invitation, no code
    d.send(CLEAR);
    d.send(public.to_str().unwrap().as_bytes());
    let shown = d.send(b"\r");
    let made = book.list(None).unwrap();
    assert_eq!(made.len(), 1, "{shown}");
    assert_eq!(made[0].kind(), "key");
    assert_eq!(made[0].respondent, ids[0]);
    assert!(made[0].domains.is_empty(), "every domain");
    assert_eq!(made[0].expires - made[0].created, chrono::Duration::days(7));
    assert!(shown.contains("ssh-ed25519"), "{shown}");
    assert!(!shown.contains("Code:"), "{shown}");
}

#[test]
fn a_respondents_session_reaches_neither_the_form_nor_revoking() {
    let dir = folder_with(&["pinghu"]);
    let (mut session, _, _, _) = respondent_session(dir.path());
    let data = tempfile::tempdir().unwrap();
    let book = InviteBook::at(data.path().join("invitations.json"));
    session.set_connected_source(Arc::new(Served {
        book: book.clone(),
        ended: Default::default(),
    }));
    let _ = session.frame();
    for keys in [&b"I"[..], b"\r", b"W", b"n", b"x", b"y"] {
        session.input(keys);
        let _ = session.frame();
        assert!(
            matches!(session.app().screen, Screen::Walk(..)),
            "{:?}",
            String::from_utf8_lossy(keys)
        );
        assert!(session.app().overlay.is_none());
    }
    assert!(book.list(None).unwrap().is_empty());
}
