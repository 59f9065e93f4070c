//! What the tests of the command line share: running the real binary on a
//! folder, reading its outputs, checking that a failure changed nothing,
//! reading a Markdown table, and a small checker that the HTML is well
//! formed. Used by `tests/report.rs` and `tests/compare.rs`; each test
//! crate uses only some of it.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use citydx::core::framework;
use serde_json::{Value, json};

pub const EXAMPLES: [&str; 9] = [
    "aizuwakamatsu",
    "baoying",
    "fukuoka",
    "kaifeng",
    "kashiwa-no-ha",
    "pengshui",
    "pinghu",
    "shen-county",
    "suzhou",
];

pub const DOMAINS: [&str; 7] = [
    "services",
    "economy",
    "governance",
    "environment",
    "government",
    "infrastructure",
    "enablers",
];

pub fn citydx(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citydx"))
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("CITYDX_PROFILES")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run citydx")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `args` and expects success, returning stdout.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let out = citydx(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: exit {:?}, stderr {}",
        out.status.code(),
        stderr(&out)
    );
    assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Every file under `dir` (lock records aside) with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == ".locks") {
                continue;
            }
            if path.is_dir() {
                files.insert(path.clone(), b"<dir>".to_vec());
                stack.push(path);
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// Runs `args`, expects failure with `code` and a single stderr line holding
/// every one of `needles`, and checks that nothing in `dir` changed.
pub fn fails_cleanly(dir: &Path, args: &[&str], code: i32, needles: &[&str]) -> String {
    let before = snapshot(dir);
    let out = citydx(dir, args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: stderr {err}");
    assert!(out.stdout.is_empty(), "{args:?}: printed {}", stdout(&out));
    for needle in needles {
        assert!(err.contains(needle), "{args:?}: {needle:?} not in {err:?}");
    }
    if code == 1 {
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert_eq!(snapshot(dir), before, "{args:?} changed the folder");
    err
}

/// A folder with copies of the example profiles.
pub fn examples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    for id in EXAMPLES {
        let name = format!("{id}.json");
        fs::copy(src.join(&name), dir.path().join(&name)).unwrap();
    }
    dir
}

/// The ids of a domain's indicators at `stage`.
pub fn indicators(domain: &str, stage: usize) -> Vec<String> {
    framework()
        .domains
        .iter()
        .find(|d| d.id.as_str() == domain)
        .unwrap()
        .stages[stage - 1]
        .indicators
        .iter()
        .map(|i| i.id.clone())
        .collect()
}

/// Answers every indicator of `domain` at `stage` with `value`.
pub fn answer(
    answers: &mut serde_json::Map<String, Value>,
    domain: &str,
    stage: usize,
    value: &str,
) {
    for id in indicators(domain, stage) {
        answers.insert(id, json!({ "value": value }));
    }
}

pub fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

pub fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(|k| k.as_str())
        .collect();
    k.sort();
    k
}

pub fn has_keys(v: &Value, wanted: &[&str], at: &str) {
    let present = keys(v);
    for w in wanted {
        assert!(present.contains(w), "{at}: no {w:?} in {present:?}");
    }
}

/// The cells of the Markdown table whose header starts with `first`.
pub fn domain_rows(md: &str, first: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = md.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("| {first} |")))
        .unwrap_or_else(|| panic!("no table headed {first:?} in\n{md}"));
    assert!(lines[at + 1].starts_with("|---"), "{}", lines[at + 1]);
    lines[at + 2..]
        .iter()
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// A small checker for the HTML: every tag closed in order (void elements
/// written as `<x/>`), one root, attributes quoted, every `&` an entity,
/// no raw `<` or `>` in text or attribute values.
pub fn check_well_formed(html: &str) {
    let entity = |rest: &str| {
        ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
            .iter()
            .any(|e| rest.starts_with(e))
    };
    let check_text = |text: &str, at: usize| {
        for (i, c) in text.char_indices() {
            match c {
                '&' => assert!(
                    entity(&text[i..]),
                    "bare & at {}: {:?}",
                    at + i,
                    &text[i..(i + 20).min(text.len())]
                ),
                '>' => panic!("raw > in text at {}: {:?}", at + i, &text[..(i + 1)]),
                _ => {}
            }
        }
    };
    let rest = html
        .strip_prefix("<!DOCTYPE html>\n")
        .expect("starts with the doctype");
    let offset = html.len() - rest.len();
    let bytes = rest.as_bytes();
    let mut stack: Vec<String> = vec![];
    let mut roots = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            let end = rest[i..].find('<').map(|n| i + n).unwrap_or(rest.len());
            let text = &rest[i..end];
            if stack.is_empty() {
                assert!(text.trim().is_empty(), "text outside the root: {text:?}");
            } else if stack.last().is_some_and(|t| t == "style") {
                assert!(!text.contains("</"), "style");
            } else {
                check_text(text, offset + i);
            }
            i = end;
            continue;
        }
        // a tag: find its end, honouring quoted attribute values
        let mut j = i + 1;
        let mut quote: Option<u8> = None;
        while j < bytes.len() {
            match (quote, bytes[j]) {
                (None, b'"') | (None, b'\'') => quote = Some(bytes[j]),
                (Some(q), c) if c == q => quote = None,
                (Some(_), b'<') => panic!("raw < in an attribute at {}", offset + j),
                (Some(_), b'&') => assert!(
                    entity(&rest[j..]),
                    "bare & in an attribute at {}",
                    offset + j
                ),
                (None, b'>') => break,
                (None, b'<') => panic!("< inside a tag at {}", offset + j),
                _ => {}
            }
            j += 1;
        }
        assert!(j < bytes.len(), "unterminated tag at {}", offset + i);
        let inner = &rest[i + 1..j];
        if let Some(name) = inner.strip_prefix('/') {
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(
                open,
                name.trim(),
                "</{name}> closes <{open}> at {}",
                offset + i
            );
        } else {
            let self_closing = inner.ends_with('/');
            let name: String = inner
                .trim_end_matches('/')
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap()
                .to_string();
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                "bad tag name {name:?} at {}",
                offset + i
            );
            // attributes: name="value" pairs
            let attrs = inner[name.len()..].trim_end_matches('/');
            let mut quotes = 0;
            for c in attrs.chars() {
                if c == '"' {
                    quotes += 1;
                }
            }
            assert!(quotes % 2 == 0, "unbalanced quotes in <{inner}>");
            if stack.is_empty() {
                roots += 1;
                assert_eq!(name, "html", "the root is <html>");
            }
            if !self_closing {
                stack.push(name);
            }
        }
        i = j + 1;
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
    assert_eq!(roots, 1);
}
