//! The questionnaire as a spreadsheet (xlsx): written with rust_xlsxwriter,
//! read back with calamine. Pure: bytes in, bytes or rows out.
//!
//! Layout (the import relies on it):
//! - sheet 1, the questions (`Questionnaire` / `问卷`): row 1 the headings
//!   (Id, Domain, Stage, Indicator, Answer, Note), then one row per
//!   indicator; only the answer (E) and note (F) cells are unlocked, the
//!   answer cells hold a list validation of the five answers in the file's
//!   language, and the sheet is protected (no password: protection guards
//!   against slips, not against a determined user, so the import checks
//!   every cell anyway);
//! - sheet 2, the instructions, protected;
//! - sheet 3, `citydx`, hidden and protected: what the file is for, as
//!   key and value rows (`format`, `version`, `profile`, `assessment`,
//!   `respondent`, `token`, `lang`, `issued`).

use std::io::Cursor;

use chrono::{DateTime, Utc};
use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};

use crate::core::Lang;
use crate::core::framework::{DomainId, framework};
use crate::core::profile::{Assessment, Profile};
use crate::core::questionnaire::{ANSWERS, Claim, SheetRow, asked};
use crate::text::questionnaire::{QuestionnaireStrings, strings};
use crate::text::{fill, strings as words};

/// The hidden sheet's name, in every language.
pub const META_SHEET: &str = "citydx";
/// What the hidden sheet's `format` says.
pub const FORMAT_NAME: &str = "citydx-questionnaire";
pub const FORMAT_VERSION: &str = "1";
/// The number of columns the questions sheet uses (A to F).
pub const COLUMNS: u16 = 6;
pub const ANSWER_COL: u16 = 4;
pub const NOTE_COL: u16 = 5;

/// Everything a questionnaire is written from.
pub struct Spec<'a> {
    pub profile: &'a Profile,
    pub assessment: usize,
    pub respondent: &'a str,
    pub token: &'a str,
    pub lang: Lang,
    pub domains: &'a [DomainId],
    pub issued: DateTime<Utc>,
}

fn headings(s: &QuestionnaireStrings) -> [&'static str; COLUMNS as usize] {
    [
        s.col_id,
        s.col_domain,
        s.col_stage,
        s.col_indicator,
        s.col_answer,
        s.col_note,
    ]
}

/// The workbook's bytes, and how many questions it asks.
pub fn write(spec: &Spec) -> Result<(Vec<u8>, usize), XlsxError> {
    let s = strings(spec.lang);
    let w = words(spec.lang);
    let fw = framework();
    let assessment: &Assessment = &spec.profile.assessments[spec.assessment];
    let respondent = assessment
        .respondent(spec.respondent)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    let ids = asked(fw, spec.domains);

    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xD9E1F2));
    let locked = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let open = Format::new()
        .set_unlocked()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xFFF2CC));
    let protection = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };

    let sheet = book.add_worksheet();
    sheet.set_name(s.sheet_questions)?;
    for (col, text) in headings(s).iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *text, &head)?;
    }
    for (i, id) in ids.iter().enumerate() {
        let row = i as u32 + 1;
        let Some(found) = fw.indicator(id) else {
            continue;
        };
        let voice = assessment
            .answers
            .get(id)
            .and_then(|a| a.voices.get(spec.respondent));
        sheet.write_string_with_format(row, 0, id, &locked)?;
        sheet.write_string_with_format(row, 1, found.domain.name.get(spec.lang), &locked)?;
        sheet.write_string_with_format(row, 2, fill(s.stage, &[&found.level]), &locked)?;
        sheet.write_string_with_format(row, 3, found.indicator.text.get(spec.lang), &locked)?;
        match voice {
            Some(v) => sheet.write_string_with_format(row, ANSWER_COL, w.answer(v.value), &open)?,
            None => sheet.write_blank(row, ANSWER_COL, &open)?,
        };
        let note = voice.and_then(|v| match &v.note_text {
            Some(t) if !t.is_blank() => Some(t.get(spec.lang).to_string()),
            _ => v.note.clone(),
        });
        match note {
            Some(n) => sheet.write_string_with_format(row, NOTE_COL, n, &open)?,
            None => sheet.write_blank(row, NOTE_COL, &open)?,
        };
    }
    if !ids.is_empty() {
        let list: Vec<&str> = ANSWERS.iter().map(|v| w.answer(*v)).collect();
        let validation = DataValidation::new()
            .allow_list_strings(&list)?
            .set_error_title(s.invalid_title)?
            .set_error_message(s.invalid_message)?
            .set_input_title(s.prompt_title)?
            .set_input_message(s.prompt_message)?;
        sheet.add_data_validation(1, ANSWER_COL, ids.len() as u32, ANSWER_COL, &validation)?;
    }
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 16)?;
    sheet.set_column_width(2, 9)?;
    sheet.set_column_width(3, 60)?;
    sheet.set_column_width(4, 16)?;
    sheet.set_column_width(5, 40)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.protect_with_options(&protection);

    let sheet = book.add_worksheet();
    sheet.set_name(s.sheet_instructions)?;
    instructions(sheet, spec, s, &respondent, assessment)?;
    sheet.protect_with_options(&protection);

    let meta = book.add_worksheet();
    meta.set_name(META_SHEET)?;
    let a_id = assessment.id.as_str();
    let issued = spec
        .issued
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let rows: [(&str, &str); 8] = [
        ("format", FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("profile", &spec.profile.id),
        ("assessment", a_id),
        ("respondent", spec.respondent),
        ("token", spec.token),
        ("lang", spec.lang.code()),
        ("issued", &issued),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        meta.write_string(i as u32, 0, *k)?;
        meta.write_string(i as u32, 1, *v)?;
    }
    meta.set_hidden(true);
    meta.protect();
    let bytes = book.save_to_buffer()?;
    Ok((bytes, ids.len()))
}

fn instructions(
    sheet: &mut Worksheet,
    spec: &Spec,
    s: &QuestionnaireStrings,
    respondent: &str,
    assessment: &Assessment,
) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_column_width(0, 100)?;
    let city = spec.profile.city.name.get(spec.lang);
    sheet.write_string_with_format(0, 0, fill(s.title, &[&city]), &title)?;
    sheet.write_string(
        1,
        0,
        fill(
            s.for_whom,
            &[&respondent, &(spec.assessment + 1), &assessment.date],
        ),
    )?;
    let mut row = 3;
    for line in s.instructions {
        sheet.write_string_with_format(row, 0, *line, &wrap)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, s.answers_title, &bold)?;
    for line in s.answer_help {
        row += 1;
        sheet.write_string_with_format(row, 0, line, &wrap)?;
    }
    Ok(())
}

/// Why a file cannot be read as a questionnaire at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookProblem {
    /// Its content unpacks to more than the limit.
    UnpackedTooLarge(u64),
    /// Not an xlsx calamine reads: the cause.
    NotXlsx(String),
    /// No `citydx` sheet.
    NotOurs,
    /// The `citydx` sheet lacks a key (or says another format).
    MetaMissing(&'static str),
    MetaFormula,
    /// Row 1 of the questions is not the six headings.
    ColumnsMoved,
}

/// The largest a questionnaire's content may unpack to (its zip entries'
/// sizes, as the zip directory gives them), checked before it is parsed.
pub const MAX_UNPACKED_BYTES: u64 = 32 * 1024 * 1024;

/// A questionnaire read back: what it says it is for, its language, and
/// its rows (empty rows left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    pub claim: Claim,
    pub lang: Option<Lang>,
    pub rows: Vec<SheetRow>,
}

fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::Error(e) => format!("#{e:?}"),
        other => other.to_string(),
    }
}

/// Reads a questionnaire's bytes.
pub fn read(bytes: &[u8]) -> Result<Book, BookProblem> {
    use calamine::{Reader, Xlsx};
    // the unpacked size, from the zip directory, before anything is parsed
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| BookProblem::NotXlsx(e.to_string()))?;
    let mut unpacked: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| BookProblem::NotXlsx(e.to_string()))?;
        unpacked = unpacked.saturating_add(entry.size());
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(BookProblem::UnpackedTooLarge(MAX_UNPACKED_BYTES));
    }
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| BookProblem::NotXlsx(e.to_string()))?;
    let names = book.sheet_names();
    if !names.iter().any(|n| n == META_SHEET) {
        return Err(BookProblem::NotOurs);
    }
    // the hidden sheet
    let meta = book
        .worksheet_range(META_SHEET)
        .map_err(|e| BookProblem::NotXlsx(e.to_string()))?;
    let formulas = book
        .worksheet_formula(META_SHEET)
        .map_err(|e| BookProblem::NotXlsx(e.to_string()))?;
    if formulas.used_cells().any(|(_, _, f)| !f.trim().is_empty()) {
        return Err(BookProblem::MetaFormula);
    }
    let value = |key: &'static str| -> Result<String, BookProblem> {
        meta.rows()
            .find(|r| r.first().map(cell_text).as_deref() == Some(key))
            .and_then(|r| r.get(1).map(cell_text))
            .filter(|v| !v.is_empty())
            .ok_or(BookProblem::MetaMissing(key))
    };
    if value("format")? != FORMAT_NAME {
        return Err(BookProblem::MetaMissing("format"));
    }
    let claim = Claim {
        profile: value("profile")?,
        assessment: value("assessment")?,
        respondent: value("respondent")?,
        token: value("token")?,
    };
    let lang = value("lang").ok().and_then(|l| match l.as_str() {
        "en" => Some(Lang::En),
        "zh" => Some(Lang::Zh),
        _ => None,
    });
    // the questions: by name in either language, else the first sheet
    let sheet = names
        .iter()
        .find(|n| {
            [Lang::En, Lang::Zh]
                .iter()
                .any(|l| strings(*l).sheet_questions == n.as_str())
        })
        .or_else(|| names.first())
        .cloned()
        .ok_or(BookProblem::NotOurs)?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| BookProblem::NotXlsx(e.to_string()))?;
    let formulas = book
        .worksheet_formula(&sheet)
        .map_err(|e| BookProblem::NotXlsx(e.to_string()))?;
    let merged = book
        .merge_cells_by_sheet_name(&sheet)
        .map_err(|e| BookProblem::NotXlsx(e.to_string()))?;
    let at =
        |r: u32, c: u32| -> String { range.get_value((r, c)).map(cell_text).unwrap_or_default() };
    // row 1: the six headings, in either language
    let header: Vec<String> = (0..u32::from(COLUMNS)).map(|c| at(0, c)).collect();
    let fits = [Lang::En, Lang::Zh].iter().any(|l| {
        headings(strings(*l))
            .iter()
            .zip(&header)
            .all(|(a, b)| a == b)
    });
    let header_merged = merged.iter().any(|d| d.start.0 == 0);
    if !fits || header_merged {
        return Err(BookProblem::ColumnsMoved);
    }
    let end = range.end().unwrap_or((0, 0));
    let formula_at = |r: u32, c: u32| {
        formulas
            .get_value((r, c))
            .is_some_and(|f| !f.trim().is_empty())
    };
    let mut rows = vec![];
    for r in 1..=end.0 {
        let cells: Vec<String> = (0..=end.1.max(u32::from(COLUMNS) - 1))
            .map(|c| at(r, c))
            .collect();
        let formula = (0..=end.1.max(u32::from(COLUMNS) - 1)).any(|c| formula_at(r, c));
        if cells.iter().all(String::is_empty) && !formula {
            continue;
        }
        rows.push(SheetRow {
            row: r + 1,
            indicator: cells[0].clone(),
            answer: cells[usize::from(ANSWER_COL)].clone(),
            note: cells[usize::from(NOTE_COL)].clone(),
            formula,
            merged: merged.iter().any(|d| d.start.0 <= r && r <= d.end.0),
            stray: cells[usize::from(COLUMNS)..].iter().any(|c| !c.is_empty()),
        });
    }
    Ok(Book { claim, lang, rows })
}
