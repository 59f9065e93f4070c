//! `citydx questionnaire export | import`, run as a user runs it: the real
//! binary on a copy of an example profile with three respondents. The
//! workbook is checked in its XML (a list validation on every answer cell,
//! sheet protection, answer and note cells unlocked, the hidden sheet) and
//! read back with calamine; the respondent's edits are made in the sheet's
//! XML, as a spreadsheet program saves them (inline strings, formulas,
//! merged cells); every refusal checks its message and that nothing else
//! changed.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use citydx::core::framework;
use citydx::core::ops::Op;
use citydx::core::profile::{AnswerValue, Profile};
use common::*;
use serde_json::Value;

struct Setup {
    profiles: tempfile::TempDir,
    work: tempfile::TempDir,
    /// Wang, Zhao, Sun: their ids.
    ids: Vec<String>,
}

impl Setup {
    fn dir(&self) -> &Path {
        self.profiles.path()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.work.path().join(name)
    }

    fn profile(&self) -> Profile {
        Profile::from_json(&fs::read_to_string(self.dir().join("pinghu.json")).unwrap()).unwrap()
    }

    fn export(&self, who: usize, name: &str, extra: &[&str]) -> PathBuf {
        let path = self.file(name);
        let mut args = vec![
            "questionnaire",
            "export",
            "pinghu",
            "--respondent",
            &self.ids[who],
            "-o",
            path.to_str().unwrap(),
        ];
        args.extend(extra);
        ok(self.dir(), &args);
        path
    }

    fn import(&self, path: &Path) -> (Option<i32>, String, String) {
        let out = citydx(
            self.dir(),
            &["questionnaire", "import", path.to_str().unwrap()],
        );
        (out.status.code(), stdout(&out), stderr(&out))
    }
}

fn setup() -> Setup {
    let profiles = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    for id in ["pinghu", "shen-county"] {
        fs::copy(
            src.join(format!("{id}.json")),
            profiles.path().join(format!("{id}.json")),
        )
        .unwrap();
    }
    for (name, kind) in [
        ("Wang Fang", "government"),
        ("Zhao Lei", "enterprise"),
        ("Sun Li", "citizen"),
    ] {
        ok(
            profiles.path(),
            &[
                "respondent",
                "add",
                "pinghu",
                "--name",
                name,
                "--kind",
                kind,
            ],
        );
    }
    let list: Value = serde_json::from_str(&ok(
        profiles.path(),
        &["respondent", "list", "pinghu", "--json"],
    ))
    .unwrap();
    let ids = list["respondents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    Setup {
        profiles,
        work: tempfile::tempdir().unwrap(),
        ids,
    }
}

fn government() -> Vec<String> {
    (1..=3).flat_map(|s| indicators("government", s)).collect()
}

/// The entries of an xlsx (a zip), by name.
fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).unwrap();
            let mut bytes = vec![];
            e.read_to_end(&mut bytes).unwrap();
            (e.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn entry(path: &Path, name: &str) -> String {
    let (_, bytes) = entries(path).into_iter().find(|(n, _)| n == name).unwrap();
    String::from_utf8(bytes).unwrap()
}

/// A copy of `src` at `dst` with entry `name` edited by `f`.
fn edit(src: &Path, dst: &Path, name: &str, f: impl Fn(String) -> String) {
    let mut out = zip::ZipWriter::new(fs::File::create(dst).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, bytes) in entries(src) {
        out.start_file(n.as_str(), options).unwrap();
        if n == name {
            out.write_all(f(String::from_utf8(bytes).unwrap()).as_bytes())
                .unwrap();
        } else {
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap();
}

/// The cell element `r` of a sheet's XML: its start and end.
fn cell_span(xml: &str, r: &str) -> (usize, usize) {
    let start = xml
        .find(&format!("<c r=\"{r}\""))
        .unwrap_or_else(|| panic!("no cell {r}"));
    let rest = &xml[start..];
    let open_end = rest.find('>').unwrap();
    let end = if rest[..open_end].ends_with('/') {
        open_end + 1
    } else {
        rest.find("</c>").unwrap() + 4
    };
    (start, start + end)
}

/// The style index of cell `r`.
fn style_of(xml: &str, r: &str) -> usize {
    let (a, b) = cell_span(xml, r);
    let cell = &xml[a..b];
    let s = cell.find(" s=\"").unwrap() + 4;
    cell[s..s + cell[s..].find('"').unwrap()].parse().unwrap()
}

/// Cell `r` set to `inner` (an element's content and type).
fn set(xml: String, r: &str, kind: &str, inner: &str) -> String {
    let (a, b) = cell_span(&xml, r);
    let style = style_of(&xml, r);
    format!(
        "{}<c r=\"{r}\" s=\"{style}\"{kind}>{inner}</c>{}",
        &xml[..a],
        &xml[b..]
    )
}

/// Cell `r` holding the typed text `text`.
fn typed(xml: String, r: &str, text: &str) -> String {
    set(
        xml,
        r,
        " t=\"inlineStr\"",
        &format!("<is><t>{text}</t></is>"),
    )
}

const SHEET: &str = "xl/worksheets/sheet1.xml";
const META: &str = "xl/worksheets/sheet3.xml";
const STRINGS: &str = "xl/sharedStrings.xml";

#[test]
fn the_workbook_lists_the_five_answers_on_every_answer_cell_and_locks_the_rest() {
    let s = setup();
    let gov = government();
    for (lang, five, sheets) in [
        (
            "en",
            "\"met,partly,not met,not applicable,unknown\"",
            ["Questionnaire", "Instructions", "citydx"],
        ),
        (
            "zh",
            "\"符合,部分符合,不符合,不适用,未知\"",
            ["问卷", "填写说明", "citydx"],
        ),
    ] {
        let path = s.file(&format!("q-{lang}.xlsx"));
        let out = ok(
            s.dir(),
            &[
                "--lang",
                lang,
                "questionnaire",
                "export",
                "pinghu",
                "--respondent",
                "Wang Fang",
                "--domains",
                "government",
                "-o",
                path.to_str().unwrap(),
            ],
        );
        assert!(out.contains(&gov.len().to_string()), "{out}");
        let sheet = entry(&path, SHEET);
        let last = gov.len() + 1;
        // one list validation covering every answer cell, and nothing else
        assert_eq!(sheet.matches("<dataValidation ").count(), 1, "{sheet}");
        let dv = &sheet[sheet.find("<dataValidation ").unwrap()..];
        assert!(dv.contains("type=\"list\""), "{dv}");
        assert!(dv.contains(&format!("sqref=\"E2:E{last}\"")), "{dv}");
        assert!(dv.contains(&format!("<formula1>{five}</formula1>")), "{dv}");
        // protection on every sheet; the citydx sheet hidden
        for n in 1..=3 {
            let x = entry(&path, &format!("xl/worksheets/sheet{n}.xml"));
            assert!(x.contains("<sheetProtection sheet=\"1\""), "sheet {n}");
        }
        let workbook = entry(&path, "xl/workbook.xml");
        assert!(
            workbook.contains("name=\"citydx\" sheetId=\"3\" state=\"hidden\""),
            "{workbook}"
        );
        // answer and note cells unlocked, every other cell locked
        let styles = entry(&path, "xl/styles.xml");
        let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
        let xf: Vec<&str> = xfs.split("<xf ").skip(1).collect();
        let unlocked = |i: usize| xf[i].contains("locked=\"0\"");
        for row in 2..=last {
            for col in ["E", "F"] {
                assert!(
                    unlocked(style_of(&sheet, &format!("{col}{row}"))),
                    "{col}{row}"
                );
            }
            for col in ["A", "B", "C", "D"] {
                assert!(
                    !unlocked(style_of(&sheet, &format!("{col}{row}"))),
                    "{col}{row}"
                );
            }
        }
        // read back with calamine
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(book.sheet_names(), sheets);
        let range = book.worksheet_range(sheets[0]).unwrap();
        let ids: Vec<String> = range.rows().skip(1).map(|r| r[0].to_string()).collect();
        assert_eq!(ids, gov);
        assert!(range.rows().skip(1).all(|r| r[4] == Data::Empty));
        let meta = book.worksheet_range("citydx").unwrap();
        let token = meta
            .rows()
            .find(|r| r[0] == Data::String("token".into()))
            .map(|r| r[1].to_string())
            .unwrap();
        // the token is recorded in the profile, for Wang
        let p = s.profile();
        let q = &p.assessments[0].questionnaires[&token];
        assert_eq!(q.respondent, s.ids[0]);
        assert_eq!(q.domains, [citydx::core::DomainId::Government]);
    }
    // the profile with its tokens is a valid one
    let out = ok(s.dir(), &["validate"]);
    assert!(out.contains("0 bad"), "{out}");
}

#[test]
fn answers_come_back_as_the_respondents_voice_and_disagreement_shows() {
    let s = setup();
    let gov = government();
    let wang = s.export(0, "wang.xlsx", &["--domains", "government"]);
    let filled = s.file("wang-filled.xlsx");
    edit(&wang, &filled, SHEET, |x| {
        let x = typed(x, "E2", "met");
        let x = typed(x, "F2", "the shared data platform");
        // a Chinese word in an English file reads as well
        typed(x, "E3", "部分符合")
    });
    let (code, out, err) = s.import(&filled);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains(&format!(
            "rows read: 2 changed, 0 unchanged, {} left blank, 0 refused, 0 in conflict",
            gov.len() - 2
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("row 2 ({}): met (new)", gov[0])),
        "{out}"
    );
    let p = s.profile();
    let a = &p.assessments[0];
    let v = &a.answers[&gov[0]].voices[&s.ids[0]];
    assert_eq!(v.value, AnswerValue::Met);
    assert_eq!(v.note.as_deref(), Some("the shared data platform"));
    assert_eq!(
        a.answers[&gov[1]].voices[&s.ids[0]].value,
        AnswerValue::Partly
    );
    let token = a.questionnaires.keys().next().unwrap();
    assert!(a.questionnaires[token].last_import.is_some());

    // the same file again: nothing changes
    let before = snapshot(s.dir());
    let (code, out, _) = s.import(&filled);
    assert_eq!(code, Some(0));
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(snapshot(s.dir()), before);

    // on an indicator the assessment has no agreed answer for, Wang says
    // met (the file edited again) and Zhao the opposite: an open dispute
    let free = gov
        .iter()
        .position(|id| {
            p.assessments[0]
                .answers
                .get(id)
                .is_none_or(|a| a.value == AnswerValue::Unknown)
        })
        .expect("an indicator without an answer");
    edit(&wang, &s.file("wang-again.xlsx"), SHEET, |x| {
        let x = typed(x, "E2", "met");
        let x = typed(x, "F2", "the shared data platform");
        let x = typed(x, "E3", "部分符合");
        typed(x, &format!("E{}", free + 2), "met")
    });
    let (code, out, _) = s.import(&s.file("wang-again.xlsx"));
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("1 changed, 2 unchanged"), "{out}");
    let zhao = s.export(1, "zhao.xlsx", &[]);
    let row = framework()
        .indicators()
        .position(|r| r.indicator.id == gov[free])
        .unwrap()
        + 2;
    edit(&zhao, &s.file("zhao-filled.xlsx"), SHEET, |x| {
        typed(x, &format!("E{row}"), "not met")
    });
    let (code, out, _) = s.import(&s.file("zhao-filled.xlsx"));
    assert_eq!(code, Some(0), "{out}");
    let report: Value =
        serde_json::from_str(&ok(s.dir(), &["report", "pinghu", "--format", "json"])).unwrap();
    let g = report["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "government")
        .unwrap();
    let d = g["disputed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["indicator"] == gov[free].as_str())
        .expect("the disputed indicator");
    assert_eq!(d["status"], "open");
    assert_eq!(d["value"], "not_met", "the lower of met and not met");
    assert_eq!(g["voices"]["disputes_open"], 1);
}

#[test]
fn a_later_answer_given_in_the_interface_is_a_conflict_and_stays() {
    let s = setup();
    let gov = government();
    let path = s.export(0, "wang.xlsx", &["--domains", "government"]);
    // after the export, Wang answers in the interface (an operation saved)
    let mut p = s.profile();
    let later = chrono::Utc::now() + chrono::Duration::seconds(5);
    p.apply(&Op::SetVoice {
        assessment: p.assessments[0].id.clone(),
        indicator: gov[0].clone(),
        respondent: s.ids[0].clone(),
        value: AnswerValue::Met,
        note: None,
        at: Some(later),
    })
    .unwrap();
    fs::write(s.dir().join("pinghu.json"), p.to_json()).unwrap();
    edit(&path, &s.file("filled.xlsx"), SHEET, |x| {
        let x = typed(x, "E2", "not met");
        typed(x, "E3", "met")
    });
    let (code, out, _) = s.import(&s.file("filled.xlsx"));
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("1 changed"), "{out}");
    assert!(out.contains("1 in conflict"), "{out}");
    assert!(
        out.contains(&format!(
            "conflict  row 2 ({}): Wang Fang answered met in the interface on",
            gov[0]
        )),
        "{out}"
    );
    assert!(out.contains("the file's not met is left out"), "{out}");
    let p = s.profile();
    assert_eq!(
        p.assessments[0].answers[&gov[0]].voices[&s.ids[0]].value,
        AnswerValue::Met,
        "the later answer stays"
    );
    assert_eq!(
        p.assessments[0].answers[&gov[1]].voices[&s.ids[0]].value,
        AnswerValue::Met
    );
}

#[test]
fn formulas_merged_cells_stray_values_and_unknown_answers_are_refused_row_by_row() {
    let s = setup();
    let gov = government();
    let path = s.export(0, "wang.xlsx", &["--domains", "government"]);
    let bad = s.file("bad.xlsx");
    edit(&path, &bad, SHEET, |x| {
        let x = typed(x, "E2", "partly");
        let x = set(
            x,
            "E3",
            " t=\"str\"",
            "<f>CONCAT(\"me\",\"t\")</f><v>met</v>",
        );
        let x = typed(x, "E4", "met");
        let x = typed(x, "E5", "yes");
        let x = typed(x, "E6", "met");
        let x = typed(x, "A6", "government.s9.none");
        let x = typed(x, "F7", "met");
        let x = x.replace(
            "<row r=\"8\" spans=\"1:6\">",
            "<row r=\"8\" spans=\"1:7\"><c r=\"G8\" t=\"inlineStr\"><is><t>met</t></is></c>",
        );
        // (G after F: move the cell to the row's end)
        let x = {
            let g = "<c r=\"G8\" t=\"inlineStr\"><is><t>met</t></is></c>";
            let x = x.replacen(g, "", 1);
            let at = x.find("<row r=\"9\"").unwrap();
            let end = x[..at].rfind("</row>").unwrap();
            format!("{}{g}{}", &x[..end], &x[end..])
        };
        let x = typed(x, "E8", "met");
        x.replace(
            "<dataValidations",
            "<mergeCells count=\"1\"><mergeCell ref=\"E4:F4\"/></mergeCells><dataValidations",
        )
    });
    let (code, out, err) = s.import(&bad);
    assert_eq!(code, Some(1), "{out}{err}");
    for needle in [
        format!("row 3 ({}): a formula", gov[1]),
        format!("row 4 ({}): merged cells", gov[2]),
        format!("row 5 ({}): \"yes\" is not one of the five answers", gov[3]),
        "row 6 (government.s9.none): not an indicator of the framework".to_string(),
        format!(
            "row 7 ({}): a value outside the answer and note columns",
            gov[5]
        ),
        format!(
            "row 8 ({}): a value outside the answer and note columns",
            gov[6]
        ),
        "1 changed".to_string(),
        "6 refused".to_string(),
    ] {
        assert!(out.contains(&needle), "{needle:?} not in\n{out}");
    }
    let p = s.profile();
    let a = &p.assessments[0];
    assert_eq!(
        a.answers[&gov[0]].voices[&s.ids[0]].value,
        AnswerValue::Partly
    );
    for refused in &gov[1..7] {
        assert!(
            a.answers
                .get(refused)
                .is_none_or(|x| !x.voices.contains_key(&s.ids[0])),
            "{refused}"
        );
    }
}

#[test]
fn files_that_are_not_good_questionnaires_are_refused_whole() {
    let s = setup();
    let path = s.export(0, "wang.xlsx", &["--domains", "government"]);
    let arg = |p: &Path| p.to_str().unwrap().to_string();
    let refuse = |file: &Path, needles: &[&str]| {
        fails_cleanly(
            s.dir(),
            &["questionnaire", "import", &arg(file)],
            1,
            needles,
        )
    };
    // 50 MB: refused by its size, before it is read
    let big = s.file("big.xlsx");
    fs::File::create(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    refuse(
        &big,
        &["big.xlsx: not imported", "52428800 bytes", "not read"],
    );
    // small, but unpacking to 40 MB: refused from the zip directory
    let bomb = s.file("bomb.xlsx");
    edit(&path, &bomb, "xl/sharedStrings.xml", |x| {
        x.replace("</sst>", &format!("<!--{}--></sst>", " ".repeat(40 << 20)))
    });
    assert!(fs::metadata(&bomb).unwrap().len() < 1 << 20);
    refuse(&bomb, &["unpacks to more than 33554432 bytes"]);
    // not a spreadsheet at all
    let junk = s.file("junk.xlsx");
    fs::write(&junk, "name,answer\n").unwrap();
    refuse(&junk, &["not a spreadsheet citydx can read"]);
    // a spreadsheet, but not a questionnaire
    let other = s.file("other.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "hello").unwrap();
    book.save(&other).unwrap();
    refuse(&other, &["not a citydx questionnaire"]);
    // a token never issued
    let p = s.profile();
    let token = p.assessments[0]
        .questionnaires
        .keys()
        .next()
        .unwrap()
        .clone();
    let forged = s.file("forged.xlsx");
    edit(&path, &forged, STRINGS, |x| {
        x.replace(&token, "00000000-0000-4000-8000-000000000000")
    });
    refuse(&forged, &["never issued by this profile"]);
    // a file for another respondent
    let swapped = s.file("swapped.xlsx");
    edit(&path, &swapped, STRINGS, |x| {
        x.replace(&s.ids[0], &s.ids[1])
    });
    refuse(
        &swapped,
        &["it was issued to Wang Fang, not to the respondent the file names"],
    );
    // a file for another profile
    let elsewhere = s.file("elsewhere.xlsx");
    edit(&path, &elsewhere, STRINGS, |x| {
        x.replace("<t>pinghu</t>", "<t>shen-county</t>")
    });
    refuse(
        &elsewhere,
        &["its token was issued by profile pinghu, but the file says it is for shen-county"],
    );
    // a formula in the hidden sheet
    let tampered = s.file("tampered.xlsx");
    edit(&path, &tampered, META, |x| {
        let at = x.find("<c r=\"B2\"").unwrap();
        let (a, b) = cell_span(&x, "B2");
        assert_eq!(a, at);
        format!(
            "{}<c r=\"B2\" t=\"str\"><f>\"1\"</f><v>1</v></c>{}",
            &x[..a],
            &x[b..]
        )
    });
    refuse(&tampered, &["holds a formula"]);
    // columns renamed
    let moved = s.file("moved.xlsx");
    edit(&path, &moved, STRINGS, |x| {
        x.replace("<t>Answer</t>", "<t>Reply</t>")
    });
    refuse(&moved, &["columns of its sheet"]);
    // a deleted respondent's questionnaire
    ok(s.dir(), &["respondent", "remove", "pinghu", &s.ids[0]]);
    refuse(&path, &["no longer in the assessment"]);
}

#[test]
fn export_keeps_to_the_export_rules() {
    let s = setup();
    let inside = s.dir().join("q.xlsx");
    fails_cleanly(
        s.dir(),
        &[
            "questionnaire",
            "export",
            "pinghu",
            "--respondent",
            "Wang Fang",
            "-o",
            inside.to_str().unwrap(),
        ],
        1,
        &["inside the profiles folder"],
    );
    let path = s.export(0, "q.xlsx", &[]);
    let bytes = fs::read(&path).unwrap();
    fails_cleanly(
        s.dir(),
        &[
            "questionnaire",
            "export",
            "pinghu",
            "--respondent",
            "Wang Fang",
            "-o",
            path.to_str().unwrap(),
        ],
        1,
        &["already exists", "--force"],
    );
    assert_eq!(fs::read(&path).unwrap(), bytes, "not replaced");
    s.export(0, "q.xlsx", &["--force"]);
    assert_ne!(fs::read(&path).unwrap(), bytes, "replaced with --force");
    fails_cleanly(
        s.dir(),
        &[
            "questionnaire",
            "export",
            "pinghu",
            "--respondent",
            "Nobody",
            "-o",
            s.file("n.xlsx").to_str().unwrap(),
        ],
        1,
        &["no respondent in this assessment has the id or the name \"Nobody\""],
    );
    fails_cleanly(
        s.dir(),
        &[
            "--lang",
            "zh",
            "questionnaire",
            "export",
            "pinghu",
            "--respondent",
            "Wang Fang",
            "--domains",
            "government,roads",
            "-o",
            s.file("n.xlsx").to_str().unwrap(),
        ],
        1,
        &["\"roads\" 不是领域"],
    );
    assert!(!s.file("n.xlsx").exists());
}

#[test]
fn two_consultants_issuing_questionnaires_merge_cleanly() {
    use citydx::core::merge::{MergeOutcome, merge};
    let s = setup();
    let base = fs::read(s.dir().join("pinghu.json")).unwrap();
    s.export(0, "a.xlsx", &[]);
    let ours = fs::read(s.dir().join("pinghu.json")).unwrap();
    fs::write(s.dir().join("pinghu.json"), &base).unwrap();
    s.export(1, "b.xlsx", &[]);
    let theirs = fs::read(s.dir().join("pinghu.json")).unwrap();
    let MergeOutcome::Merged { bytes, disputes } = merge(&base, &ours, &theirs) else {
        panic!("did not merge");
    };
    assert_eq!(disputes, 0);
    let merged = Profile::from_json(std::str::from_utf8(&bytes).unwrap()).unwrap();
    let issued: Vec<&str> = merged.assessments[0]
        .questionnaires
        .values()
        .map(|q| q.respondent.as_str())
        .collect();
    assert_eq!(issued.len(), 2);
    assert!(issued.contains(&s.ids[0].as_str()) && issued.contains(&s.ids[1].as_str()));
}

#[test]
fn libreoffice_opens_the_questionnaire_when_installed() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        println!(
            "note: LibreOffice (soffice) is not installed; the headless conversion check is skipped"
        );
        return;
    };
    let s = setup();
    let path = s.export(0, "q.xlsx", &[]);
    let out = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "csv", "--outdir"])
        .arg(s.work.path())
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = fs::read_to_string(s.file("q.csv")).unwrap();
    assert!(
        csv.starts_with("Id,Domain,Stage,Indicator,Answer,Note"),
        "{csv}"
    );
}
