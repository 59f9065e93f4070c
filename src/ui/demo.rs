//! Ready-made interface states built from the example profiles, for the
//! screen tests and the render benchmark (and anyone who wants to see a
//! screen without a terminal).

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::app::{App, Msg};
use super::draw::render;
use super::runtime::entry_of;
use super::theme::Theme;
use crate::core::Lang;
use crate::core::examples::EXAMPLES;
use crate::core::profile::Profile;
use crate::store::Loaded;

/// The date every demo state takes as today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// An example profile by id (see `core::examples`).
pub fn example(id: &str) -> Profile {
    let (_, text) = EXAMPLES
        .iter()
        .find(|(i, _)| *i == id)
        .unwrap_or(&EXAMPLES[0]);
    Profile::from_json(text).expect("the examples are checked by the test suite")
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The home screen listing the nine example cities.
pub fn home(lang: Lang) -> App {
    let mut app = App::new(lang, today());
    let entries = EXAMPLES
        .iter()
        .map(|(id, _)| {
            entry_of(&Loaded {
                profile: example(id),
                path: format!("{id}.json").into(),
                read_only: None,
                fingerprint: None,
            })
        })
        .collect();
    app.update(Msg::Listed {
        entries,
        skipped: vec![],
        folder: "/data/profiles".into(),
    });
    app
}

/// The interview of example `id`, as opened from home.
pub fn opened(lang: Lang, id: &str) -> App {
    let mut app = home(lang);
    app.update(Msg::Opened {
        profile: Box::new(example(id)),
        read_only: None,
        new_assessment: false,
        draft: None,
    });
    app
}

/// The three respondents of [`voices_profile`], in order: 康立 Kang Li
/// (the big data bureau), 王芳 Wang Fang (civil affairs), 赵敏 Zhao Min
/// (a logistics firm).
pub const VOICE_IDS: [&str; 3] = [
    "0b7f3c6e-1a2b-4c3d-8e4f-000000000001",
    "0b7f3c6e-1a2b-4c3d-8e4f-000000000002",
    "0b7f3c6e-1a2b-4c3d-8e4f-000000000003",
];

/// Pinghu's example with three respondents and the assessor answering the
/// first services indicators: agreement, two open disagreements (met
/// against not met; a scored answer against unknown), one answer settled
/// among disagreeing voices, one the assessor agreed, and a dispute a merge
/// left on the services target.
pub fn voices_profile() -> Profile {
    use crate::core::merge::Dispute;
    use crate::core::ops::Op;
    use crate::core::profile::{AnswerValue::*, OrganisationType, Respondent};
    let mut p = example("pinghu");
    let a = p
        .assessments
        .last()
        .map(|a| a.id.clone())
        .unwrap_or_default();
    let people = [
        ("康立", "局长", OrganisationType::Government, "大数据局"),
        ("王芳", "科长", OrganisationType::Government, "民政局"),
        ("赵敏", "经理", OrganisationType::Enterprise, "平湖物流"),
    ];
    let mut ops = vec![];
    for (id, (name, role, org, org_name)) in VOICE_IDS.iter().zip(people) {
        let mut r = Respondent::new(id.to_string(), name, role, org);
        r.organisation_name = org_name.into();
        ops.push(Op::AddRespondent {
            assessment: a.clone(),
            respondent: r,
        });
    }
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z")
        .map(|t| t.to_utc())
        .ok();
    let voice = |ind: &str, r: usize, value, note: Option<&str>| Op::SetVoice {
        assessment: a.clone(),
        indicator: ind.into(),
        respondent: VOICE_IDS[r].into(),
        value,
        note: note.map(str::to_string),
        at,
    };
    ops.extend([
        voice("services.s1.department_apps", 0, Met, None),
        voice("services.s1.department_apps", 1, Met, None),
        voice("services.s1.department_apps", 2, Partly, None),
        voice("services.s1.sector_apps", 0, Met, Some("各局都有自己的APP")),
        voice("services.s1.sector_apps", 1, NotMet, Some("只有两个领域有")),
        voice("services.s1.sector_apps", 2, Partly, None),
        voice("services.s1.online_application", 0, Met, None),
        voice(
            "services.s1.online_application",
            2,
            Unknown,
            Some("从未用过"),
        ),
        voice("services.s1.mobile_access", 0, Partly, None),
        Op::SetAnswer {
            assessment: a.clone(),
            indicator: "services.s1.mobile_access".into(),
            value: Met,
        },
        voice("services.s2.one_stop_platform", 0, Met, None),
        voice("services.s2.one_stop_platform", 1, NotMet, None),
        Op::Settle {
            assessment: a.clone(),
            indicator: "services.s2.one_stop_platform".into(),
            value: Partly,
            by: "李伟".into(),
            reason: "服务大厅现场所见：约半数服务".into(),
        },
        Op::SetTarget {
            assessment: a.clone(),
            domain: crate::core::framework::DomainId::Services,
            stage: Some(2),
        },
    ]);
    p.apply_all(&ops)
        .expect("the voices of the demo profile apply");
    p.disputes.push(Dispute {
        assessment: Some(a),
        field: "targets/services/stage".into(),
        ours: serde_json::json!(2),
        theirs: serde_json::json!(3),
    });
    p
}

/// The interview of [`voices_profile`], as opened from home.
pub fn with_voices(lang: Lang) -> App {
    let mut app = home(lang);
    app.update(Msg::Opened {
        profile: Box::new(voices_profile()),
        read_only: None,
        new_assessment: false,
        draft: None,
    });
    app
}

/// Six example cities, the most a comparison takes.
pub const SIX_CITIES: [&str; 6] = [
    "baoying",
    "shen-county",
    "pinghu",
    "kaifeng",
    "fukuoka",
    "suzhou",
];

/// The comparison of the example profiles `ids`, as opened from home.
pub fn compared(lang: Lang, ids: &[&str]) -> App {
    let mut app = home(lang);
    app.update(Msg::ForCompare {
        profiles: ids.iter().map(|id| example(id)).collect(),
        timeline: false,
    });
    app
}

/// The state after `keys`, typed one by one.
pub fn after(mut app: App, keys: &str) -> App {
    for c in keys.chars() {
        app.update(ch(c));
    }
    app
}

/// The screen of `app` drawn into a fresh buffer.
pub fn buffer(app: &App, width: u16, height: u16, theme: Theme) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    render(&mut buf, area, app, theme);
    buf
}

/// The screen as text, one line per row, wide characters counted once.
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let buf = buffer(app, width, height, Theme::PLAIN);
    let mut out = String::new();
    for y in 0..height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = crate::text::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One of each screen, as the render benchmarks draw them: home, the form
/// with its errors showing, the interview, level and target, matrix, help,
/// advice, plan and comparison.
pub fn screens(lang: Lang) -> Vec<(&'static str, App)> {
    let mut form = after(home(lang), "n");
    form.update(key(KeyCode::Enter));
    vec![
        ("home", home(lang)),
        ("form", form),
        ("interview", after(opened(lang, "pinghu"), "]lj")),
        ("summary", after(opened(lang, "kashiwa-no-ha"), "lll")),
        ("matrix", after(opened(lang, "pinghu"), "m")),
        ("help", after(opened(lang, "pinghu"), "?")),
        ("advice", after(opened(lang, "shen-county"), "r")),
        ("plan", {
            let mut app = after(opened(lang, "pengshui"), "r");
            app.update(key(KeyCode::Tab));
            app
        }),
        ("compare", after(compared(lang, &SIX_CITIES), "s")),
        ("interview_voices", after(with_voices(lang), "jv")),
        ("consensus", after(with_voices(lang), "c")),
    ]
}
