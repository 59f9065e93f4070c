//! The session core without a terminal: sessions driven from byte streams
//! in one process, their frames read back with a terminal emulator (vt100),
//! their effects checked on disk.

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
        let clock = TestClock::new();
        let session = Session::new(
            Store::open(dir).unwrap(),
            SessionConfig {
                lang,
                theme: Theme::from_env(|_| None),
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
