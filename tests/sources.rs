//! Every quote the advice cites is in its source document.
//!
//! The source documents (the seeds) are not part of the repository: they sit
//! in a `shared/seeds` folder beside the checkout (CI has it). When the
//! folder is there, each quote of `core::sources` must be found in the
//! document it names, after normalising both sides: traditional characters
//! to simplified (an explicit table of exactly the characters the quotes
//! need, kept here), the capture's bracketed pronunciation marks removed,
//! punctuation to full width, quotation marks to one form, whitespace
//! removed. Without the folder the test says so and checks nothing else.

use std::path::PathBuf;

use citydx::core::sources::{Document, Rule, Source};

/// Traditional -> simplified, for the characters the quotes of the
/// traditional-character seeds (000, 004) need.
const T2S: &[(char, char)] = &[
    ('會', '会'),
    ('聯', '联'),
    ('啟', '启'),
    ('項', '项'),
    ('臺', '台'),
    ('創', '创'),
    ('積', '积'),
    ('識', '识'),
    ('權', '权'),
    ('來', '来'),
    ('個', '个'),
    ('優', '优'),
    ('內', '内'),
    ('則', '则'),
    ('劃', '划'),
    ('動', '动'),
    ('務', '务'),
    ('勢', '势'),
    ('匯', '汇'),
    ('協', '协'),
    ('單', '单'),
    ('場', '场'),
    ('學', '学'),
    ('實', '实'),
    ('寬', '宽'),
    ('對', '对'),
    ('導', '导'),
    ('從', '从'),
    ('慮', '虑'),
    ('撐', '撑'),
    ('擇', '择'),
    ('據', '据'),
    ('數', '数'),
    ('業', '业'),
    ('構', '构'),
    ('標', '标'),
    ('機', '机'),
    ('決', '决'),
    ('況', '况'),
    ('濟', '济'),
    ('為', '为'),
    ('無', '无'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('異', '异'),
    ('發', '发'),
    ('礎', '础'),
    ('約', '约'),
    ('級', '级'),
    ('統', '统'),
    ('經', '经'),
    ('綜', '综'),
    ('與', '与'),
    ('舉', '举'),
    ('蓋', '盖'),
    ('術', '术'),
    ('規', '规'),
    ('該', '该'),
    ('設', '设'),
    ('論', '论'),
    ('議', '议'),
    ('護', '护'),
    ('買', '买'),
    ('資', '资'),
    ('購', '购'),
    ('較', '较'),
    ('輔', '辅'),
    ('輕', '轻'),
    ('轉', '转'),
    ('這', '这'),
    ('進', '进'),
    ('運', '运'),
    ('過', '过'),
    ('適', '适'),
    ('選', '选'),
    ('遺', '遗'),
    ('邁', '迈'),
    ('開', '开'),
    ('關', '关'),
    ('階', '阶'),
    ('領', '领'),
    ('類', '类'),
    ('驅', '驱'),
    ('體', '体'),
];

fn seeds_dir() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // the checkout beside `shared/` (CI, the main work tree), or a git
    // worktree one level further down
    [
        manifest.join("../shared/seeds"),
        manifest.join("../../shared/seeds"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // a pronunciation mark: "(shù)" right after a character
        if c == '(' {
            let end = chars[i + 1..].iter().position(|&x| x == ')');
            if let Some(len) = end
                && len > 0
                && chars[i + 1..i + 1 + len]
                    .iter()
                    .all(|x| x.is_alphabetic() && !is_cjk(*x))
            {
                i += len + 2;
                continue;
            }
        }
        i += 1;
        if c.is_whitespace() {
            continue;
        }
        let c = match c {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '(' => '（',
            ')' => '）',
            '?' => '？',
            '!' => '！',
            '"' | '“' => '”',
            '‘' => '’',
            c => T2S
                .iter()
                .find(|(t, _)| *t == c)
                .map(|(_, s)| *s)
                .unwrap_or(c),
        };
        out.push(c);
    }
    out
}

fn is_cjk(c: char) -> bool {
    ('\u{2e80}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c)
}

fn seed_files(document: Document) -> &'static [&'static str] {
    match document {
        Document::WefReport => &["000_", "001_"],
        Document::CountyArticle => &["002_"],
        Document::PracticesArticle => &["003_"],
        Document::CcidRanking => &["004_"],
    }
}

#[test]
fn normalising_removes_pronunciations_and_maps_the_characters() {
    assert_eq!(
        normalise("數(shù)字化轉(zhuǎn)型, 階段三"),
        "数字化转型，阶段三"
    );
    assert_eq!(normalise("“盆景”"), "”盆景”");
}

#[test]
fn every_quote_is_in_the_document_it_names() {
    let Some(dir) = seeds_dir() else {
        eprintln!("shared/seeds not found beside the checkout: quotes not checked");
        return;
    };
    let files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            (name, normalise(&text))
        })
        .collect();
    let mut missing = vec![];
    let mut checked = 0;
    for rule in Rule::ALL {
        let Source::Cited {
            document, quote, ..
        } = rule.source()
        else {
            continue;
        };
        let quote = normalise(quote);
        let found = files.iter().any(|(name, text)| {
            seed_files(document).iter().any(|p| name.starts_with(p)) && text.contains(&quote)
        });
        checked += 1;
        if !found {
            missing.push(format!("{}: {quote}", rule.id()));
        }
    }
    assert!(checked >= 20, "{checked}");
    assert!(
        missing.is_empty(),
        "quotes not in their document: {missing:#?}"
    );
}
