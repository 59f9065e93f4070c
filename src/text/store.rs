//! The store's messages in both languages: its errors ([`StoreError`]),
//! the reasons a profile opens read-only ([`ReadOnly`]) and who holds a
//! profile ([`Holder`]). English is also what `Display` gives. A cause that
//! comes from the operating system or the JSON parser is printed as it
//! came, after citydx's own translated sentence.

use super::fill;
use crate::core::Lang;
use crate::core::profile::SCHEMA_VERSION;
use crate::store::{ExportRefusal, Holder, ReadOnly, StoreError};

pub struct StoreStrings {
    pub folder: &'static str,
    pub bad_id: &'static str,
    pub not_found: &'static str,
    pub io: &'static str,
    pub too_large: &'static str,
    pub not_utf8: &'static str,
    pub parse: &'static str,
    pub invalid: &'static str,
    pub more_problems: &'static str,
    pub exists: &'static str,
    pub locked: &'static str,
    pub read_only: &'static str,
    pub cannot_lock: &'static str,
    pub linked: &'static str,
    pub changed: &'static str,
    pub kept: &'static str,
    pub wont_replace: &'static str,
    pub too_large_to_save: &'static str,
    pub reserved_id: &'static str,
    pub name_not_id: &'static str,
    pub export: &'static str,
    /// An operation the core refused.
    pub edit: &'static str,
    pub export_in_folder: &'static str,
    pub export_not_regular: &'static str,
    pub export_folder: &'static str,
    pub export_no_folder: &'static str,
    /// The interface's settings file (`store::settings`).
    pub settings_unreadable: &'static str,
    pub settings_broken: &'static str,
    pub settings_unwritten: &'static str,
    pub ro_newer: &'static str,
    pub ro_symlink: &'static str,
    pub ro_held: &'static str,
    pub ro_not_writable: &'static str,
    pub ro_write_protected: &'static str,
    pub ro_id_mismatch: &'static str,
    pub ro_cannot_lock: &'static str,
    pub holder: &'static str,
    pub another_process: &'static str,
    /// citydx's own causes inside an error (English beginning, then its
    /// wording in this language); what follows such a beginning is the
    /// operating system's.
    pub causes: &'static [(&'static str, &'static str)],
}

const CAUSES_EN: &[(&str, &str)] = &[];

const CAUSES_ZH: &[(&str, &str)] = &[
    ("is a file, not a folder", "是文件，不是文件夹"),
    (
        "does not exist (create it, or leave out --dir and CITYDX_PROFILES to use the default folder)",
        "不存在（请先创建，或不用 --dir 和 CITYDX_PROFILES，使用默认文件夹）",
    ),
    (
        "the environment variable HOME is unset, empty or not an absolute path, so there is no default profiles folder; set HOME, or use --dir or CITYDX_PROFILES",
        "环境变量 HOME 未设置、为空或不是绝对路径，因此没有默认档案文件夹；请设置 HOME，或使用 --dir 或 CITYDX_PROFILES",
    ),
    (
        "no home folder to put the default profiles folder in; use --dir",
        "没有可放默认档案文件夹的主目录；请使用 --dir",
    ),
    ("cannot create it: ", "无法创建："),
    (
        "the file name is not valid UTF-8 text; not read (rename the file)",
        "文件名不是有效的 UTF-8 文本；未读取（请改名）",
    ),
    (
        "is not a regular profile file (a folder, a pipe or a device?); not written",
        "不是普通的档案文件（文件夹、管道或设备？）；未写入",
    ),
    ("cannot save: ", "无法保存："),
    (
        "cannot reserve space for the journal: ",
        "无法为修改日志预留空间：",
    ),
    ("cannot write the journal: ", "无法写入修改日志："),
    ("cannot clear the journal: ", "无法清空修改日志："),
    (
        "cannot keep a copy in the trash: ",
        "无法在回收站保留副本：",
    ),
    (
        "cannot keep the version-1 file before migrating it: ",
        "迁移前无法保留第 1 版文件：",
    ),
    (
        "changed on disk since this session read it; not overwritten, and this session's version could not be kept beside it: ",
        "本会话读取后文件已在磁盘上被修改；未覆盖，且本会话的版本无法另存在旁边：",
    ),
    ("cannot move to the trash: ", "无法移到回收站："),
    ("cannot restore from the trash: ", "无法从回收站恢复："),
    ("cannot read the trash: ", "无法读取回收站："),
    ("cannot write: ", "无法写入："),
    (
        "is not a regular file or folder of citydx's own (a pipe, a device?); not used",
        "不是 citydx 自己的普通文件或文件夹（管道或设备？）；未使用",
    ),
    ("cannot keep the draft: ", "无法保存草稿："),
    ("cannot drop the draft: ", "无法删除草稿："),
    ("is a folder, not a profile file", "是文件夹，不是档案文件"),
    (
        "is not a regular file (a pipe or a device?); not read",
        "不是普通文件（管道或设备？）；未读取",
    ),
    ("the file is empty", "文件为空"),
    (
        "written by a newer citydx (schema version ",
        "由更新版本的 citydx 写入，本程序无法读取（架构版本 ",
    ),
];

pub const EN: StoreStrings = StoreStrings {
    folder: "profiles folder {}: {}",
    bad_id: "invalid profile id {}: {}",
    not_found: "no profile {} in {}",
    io: "{}: {}",
    too_large: "{}: file is {} bytes, more than the {} bytes a profile may have; not read",
    not_utf8: "{}: not valid UTF-8 text (first bad byte at offset {})",
    parse: "{}: line {}, column {}: {}",
    invalid: "{}: {}{}",
    more_problems: " (and {} more problems)",
    exists: "profile {} already exists at {}; use --force to replace it",
    locked: "{}: held by {}; open it read-only or wait until that session ends",
    read_only: "{}: {}; not written",
    cannot_lock: "{}: cannot lock {}: {}",
    linked: "{}: is a symbolic link, or a hard link with other names; citydx never follows links for its own bookkeeping folders and files (remove the link)",
    changed: "{}: changed on disk since this session read it; not overwritten: this session's version is kept as {}",
    kept: "{}: this session's version of {}, kept after that file changed on disk; compare the two, merge by hand, then remove this file",
    wont_replace: "{}: the file on disk does not parse ({}); citydx never replaces a file it cannot read; not written",
    too_large_to_save: "{}: the profile would be {} bytes, more than the {} bytes citydx reads; not written",
    name_not_id: "{}: the file name is not a profile id; the profile in it is {}: rename the file to {}.json",
    reserved_id: "profile id {} is a reserved device name on Windows (con, prn, aux, nul, com1-9, lpt1-9), and profiles folders are shared with Windows users; choose another id",
    export: "{}: {}; not written",
    edit: "{}: {}; not written",
    export_in_folder: "inside the profiles folder {} (where it could be taken for a profile or replace citydx's own files); write it elsewhere",
    export_not_regular: "exists and is not a regular file (a device or a pipe); citydx replaces only regular files",
    export_folder: "is a folder; give a file name",
    export_no_folder: "writing it needs an existing folder: {}",
    settings_unreadable: "settings ignored (language from the locale): {} cannot be read ({})",
    settings_broken: "settings ignored (language from the locale): {} is not citydx's settings file ({})",
    settings_unwritten: "the language chosen is not remembered: settings file {} not written ({})",
    ro_newer: "written by a newer citydx (schema version {}; this one knows {})",
    ro_symlink: "a symbolic link, which citydx never writes through",
    ro_held: "held by {}",
    ro_not_writable: "the folder or the file is not writable",
    ro_write_protected: "the file is write-protected (its owner-write permission is off); citydx does not write it",
    ro_id_mismatch: "its id is {} but its file name says {}; rename the file to {}.json, or fix the id",
    ro_cannot_lock: "the profile cannot be locked: {}",
    holder: "process {} on {} since {}",
    another_process: "another process",
    causes: CAUSES_EN,
};

pub const ZH: StoreStrings = StoreStrings {
    folder: "档案文件夹 {}：{}",
    bad_id: "档案编号 {} 无效：{}",
    not_found: "{1} 中没有档案 {0}",
    io: "{}：{}",
    too_large: "{}：文件有 {} 字节，超过档案上限 {} 字节；未读取",
    not_utf8: "{}：不是有效的 UTF-8 文本（第一个错误字节在偏移 {}）",
    parse: "{}：第 {} 行第 {} 列：{}",
    invalid: "{}：{}{}",
    more_problems: "（另有 {} 个问题）",
    exists: "档案 {} 已存在：{}；要替换请加 --force",
    locked: "{}：被{}占用；可只读打开，或等该会话结束",
    read_only: "{}：{}；未写入",
    cannot_lock: "{}：无法锁定 {}：{}",
    linked: "{}：是符号链接，或有其他名字的硬链接；citydx 从不通过链接使用自己的记录文件夹和文件（请删除该链接）",
    changed: "{}：本会话读取后文件已在磁盘上被修改；未覆盖：本会话的版本另存为 {}",
    kept: "{}：{} 在磁盘上被修改后保留下来的本会话版本；请比较两者、手工合并，然后删除此文件",
    wont_replace: "{}：磁盘上的文件无法解析（{}）；citydx 从不替换无法读取的文件；未写入",
    too_large_to_save: "{}：档案将有 {} 字节，超过 citydx 能读取的 {} 字节；未写入",
    name_not_id: "{}：文件名不是档案编号；其中的档案是 {}：请把文件改名为 {}.json",
    reserved_id: "档案编号 {} 是 Windows 保留的设备名（con、prn、aux、nul、com1-9、lpt1-9），而档案文件夹会与 Windows 用户共享；请换一个编号",
    export: "{}：{}；未写入",
    edit: "{}：{}；未写入",
    export_in_folder: "位于档案文件夹 {} 内（可能被当作档案，或替换 citydx 自己的文件）；请写到别处",
    export_not_regular: "已存在且不是普通文件（设备或管道）；citydx 只替换普通文件",
    export_folder: "是文件夹；请给出文件名",
    export_no_folder: "写入需要已存在的文件夹：{}",
    settings_unreadable: "已忽略设置（语言按区域设置）：设置文件 {} 无法读取（{}）",
    settings_broken: "已忽略设置（语言按区域设置）：{} 不是 citydx 的设置文件（{}）",
    settings_unwritten: "未能记住所选语言：设置文件 {} 未写入（{}）",
    ro_newer: "由更新版本的 citydx 写入（架构版本 {}；本程序支持 {}）",
    ro_symlink: "是符号链接，citydx 从不通过链接写入",
    ro_held: "被{}占用",
    ro_not_writable: "文件夹或文件不可写",
    ro_write_protected: "文件已写保护（所有者写权限已关闭）；citydx 不写入它",
    ro_id_mismatch: "其编号为 {}，但文件名是 {}；请把文件改名为 {}.json，或修正编号",
    ro_cannot_lock: "无法锁定该档案：{}",
    holder: "进程 {}（主机 {}，自 {} 起）",
    another_process: "另一个进程",
    causes: CAUSES_ZH,
};

pub fn store_strings(lang: Lang) -> &'static StoreStrings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// `cause` in `lang`: citydx's own beginning translated, the operating
/// system's or the parser's rest as it came.
pub fn cause(cause: &str, lang: Lang) -> String {
    for (en, local) in store_strings(lang).causes {
        if let Some(rest) = cause.strip_prefix(en) {
            return format!("{local}{rest}");
        }
    }
    cause.to_string()
}

/// `fill` that also understands `{0}`, `{1}` (a language that puts the
/// arguments in another order).
fn fill_at(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    if !template.contains("{0}") {
        return fill(template, args);
    }
    let mut out = template.to_string();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), &arg.to_string());
    }
    out
}

impl Holder {
    /// "process N on HOST since ..." in `lang`; the host name escaped (a
    /// hand-written record may hold anything).
    pub fn message(&self, lang: Lang) -> String {
        fill(
            store_strings(lang).holder,
            &[
                &self.pid,
                &super::one_line(&self.host),
                &self.since.format("%Y-%m-%d %H:%M:%S UTC"),
            ],
        )
    }
}

fn holder_text(holder: &Option<Holder>, lang: Lang) -> String {
    holder
        .as_ref()
        .map(|h| h.message(lang))
        .unwrap_or_else(|| store_strings(lang).another_process.to_string())
}

impl ReadOnly {
    /// Why the profile is read-only, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let s = store_strings(lang);
        match self {
            ReadOnly::NewerSchema(v) => fill(s.ro_newer, &[v, &SCHEMA_VERSION]),
            ReadOnly::Symlink => s.ro_symlink.to_string(),
            ReadOnly::Held(holder) => fill(s.ro_held, &[&holder_text(holder, lang)]),
            ReadOnly::NotWritable => s.ro_not_writable.to_string(),
            ReadOnly::WriteProtected => s.ro_write_protected.to_string(),
            ReadOnly::IdMismatch { file, id } => fill(
                s.ro_id_mismatch,
                &[&format!("{id:?}"), &format!("{file:?}"), id],
            ),
            ReadOnly::CannotLock(c) => fill(s.ro_cannot_lock, &[&cause(c, lang)]),
        }
    }
}

impl ExportRefusal {
    pub fn message(&self, lang: Lang) -> String {
        let s = store_strings(lang);
        match self {
            ExportRefusal::InProfilesFolder(dir) => fill(s.export_in_folder, &[&dir.display()]),
            ExportRefusal::NotRegular => s.export_not_regular.to_string(),
            ExportRefusal::Folder => s.export_folder.to_string(),
            ExportRefusal::NoFolder(c) => fill(s.export_no_folder, &[c]),
        }
    }
}

impl StoreError {
    /// The error in `lang`, in one line: citydx's own sentence translated,
    /// an operating-system or JSON-parser cause after it as it came.
    pub fn message(&self, lang: Lang) -> String {
        let s = store_strings(lang);
        let c = |text: &str| cause(text, lang);
        match self {
            StoreError::Folder { path, cause } => fill(s.folder, &[&path.display(), &c(cause)]),
            StoreError::BadId { input, why } => {
                fill(s.bad_id, &[&format!("{input:?}"), &why.message(lang)])
            }
            StoreError::NotFound { id, dir } => {
                fill_at(s.not_found, &[&format!("{id:?}"), &dir.display()])
            }
            StoreError::Io { path, cause } => fill(s.io, &[&path.display(), &c(cause)]),
            StoreError::TooLarge { path, size, limit } => {
                fill(s.too_large, &[&path.display(), size, limit])
            }
            StoreError::NotUtf8 { path, offset } => fill(s.not_utf8, &[&path.display(), offset]),
            StoreError::Parse {
                path,
                line,
                column,
                cause,
            } => fill(s.parse, &[&path.display(), line, column, cause]),
            StoreError::Invalid { path, problems } => {
                let more = if problems.len() > 1 {
                    fill(s.more_problems, &[&(problems.len() - 1)])
                } else {
                    String::new()
                };
                let first = problems
                    .first()
                    .map(|p| p.message(lang))
                    .unwrap_or_default();
                fill(s.invalid, &[&path.display(), &first, &more])
            }
            StoreError::Exists { id, path } => {
                fill(s.exists, &[&format!("{id:?}"), &path.display()])
            }
            StoreError::Locked { path, holder } => {
                fill(s.locked, &[&path.display(), &holder_text(holder, lang)])
            }
            StoreError::ReadOnly { path, reason } => {
                fill(s.read_only, &[&path.display(), &reason.message(lang)])
            }
            StoreError::CannotLock {
                path,
                profile,
                cause,
            } => fill(s.cannot_lock, &[&path.display(), &profile.display(), cause]),
            StoreError::Linked { path } => fill(s.linked, &[&path.display()]),
            StoreError::Changed { path, kept } => {
                fill(s.changed, &[&path.display(), &kept.display()])
            }
            StoreError::Kept { path, of } => fill(s.kept, &[&path.display(), &of.display()]),
            StoreError::WontReplace { path, cause } => {
                fill(s.wont_replace, &[&path.display(), &c(cause)])
            }
            StoreError::TooLargeToSave { path, size, limit } => {
                fill(s.too_large_to_save, &[&path.display(), size, limit])
            }
            StoreError::ReservedId { id } => fill(s.reserved_id, &[&format!("{id:?}")]),
            StoreError::NameNotId { path, id } => {
                fill(s.name_not_id, &[&path.display(), &format!("{id:?}"), id])
            }
            StoreError::Export { path, why } => {
                fill(s.export, &[&path.display(), &why.message(lang)])
            }
            StoreError::Edit { path, error } => {
                fill(s.edit, &[&path.display(), &error.message(lang)])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_cause_the_store_writes_itself_is_worded_in_chinese() {
        // the store's own sentences inside a cause ("cannot save: ...") are
        // citydx's words: each has its Chinese; what follows is the OS's
        let sources = [
            include_str!("../store/mod.rs"),
            include_str!("../store/journal.rs"),
            include_str!("../store/fsx.rs"),
            include_str!("../store/lock.rs"),
            include_str!("../store/index.rs"),
        ];
        let mut prefixes = vec![];
        for text in sources {
            for (at, _) in text.match_indices("\"cannot ") {
                let rest = &text[at + 1..];
                let literal =
                    rest[..rest.find('"').unwrap_or(rest.len())].replace("{version}", "1");
                let end = literal.find('{').unwrap_or(literal.len());
                let prefix = literal[..end].trim_end_matches(": ");
                prefixes.push(format!("{prefix}: "));
            }
        }
        assert!(prefixes.len() >= 8, "{prefixes:?}");
        for prefix in prefixes {
            let worded = cause(&format!("{prefix}No space left on device"), Lang::Zh);
            assert!(
                !worded.starts_with("cannot"),
                "no Chinese for the cause {prefix:?}"
            );
        }
    }

    use super::*;
    use std::path::PathBuf;

    fn has_latin_words(s: &str) -> bool {
        // ids, paths, numbers and abbreviations aside, no English words
        s.split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() > 3 && !["citydx", "force", "json", "Windows"].contains(&w))
    }

    #[test]
    fn every_store_message_is_worded_in_chinese() {
        let p = PathBuf::from("/p/x.json");
        let errors = vec![
            StoreError::Folder {
                path: p.clone(),
                cause: "is a file, not a folder".into(),
            },
            StoreError::BadId {
                input: "A".into(),
                why: crate::core::id::IdError::Empty,
            },
            StoreError::NotFound {
                id: "x".into(),
                dir: p.clone(),
            },
            StoreError::Io {
                path: p.clone(),
                cause: "the file is empty".into(),
            },
            StoreError::TooLarge {
                path: p.clone(),
                size: 9,
                limit: 8,
            },
            StoreError::NotUtf8 {
                path: p.clone(),
                offset: 3,
            },
            StoreError::Exists {
                id: "x".into(),
                path: p.clone(),
            },
            StoreError::Locked {
                path: p.clone(),
                holder: None,
            },
            StoreError::ReadOnly {
                path: p.clone(),
                reason: ReadOnly::WriteProtected,
            },
            StoreError::ReadOnly {
                path: p.clone(),
                reason: ReadOnly::IdMismatch {
                    file: "a".into(),
                    id: "b".into(),
                },
            },
            StoreError::Linked { path: p.clone() },
            StoreError::Changed {
                path: p.clone(),
                kept: p.clone(),
            },
            StoreError::Kept {
                path: p.clone(),
                of: p.clone(),
            },
            StoreError::TooLargeToSave {
                path: p.clone(),
                size: 9,
                limit: 8,
            },
            StoreError::ReservedId { id: "con".into() },
            StoreError::NameNotId {
                path: p.clone(),
                id: "x".into(),
            },
            StoreError::Export {
                path: p.clone(),
                why: ExportRefusal::InProfilesFolder(p.clone()),
            },
            StoreError::Export {
                path: p.clone(),
                why: ExportRefusal::NotRegular,
            },
            StoreError::Export {
                path: p.clone(),
                why: ExportRefusal::Folder,
            },
        ];
        for e in &errors {
            let zh = e.message(Lang::Zh);
            assert!(!has_latin_words(&zh), "English in {zh:?}");
            assert_eq!(e.message(Lang::En), e.to_string());
        }
        for r in [
            ReadOnly::NewerSchema(9),
            ReadOnly::Symlink,
            ReadOnly::Held(None),
            ReadOnly::NotWritable,
            ReadOnly::WriteProtected,
        ] {
            assert!(
                !has_latin_words(&r.message(Lang::Zh)),
                "{}",
                r.message(Lang::Zh)
            );
            assert_eq!(r.message(Lang::En), r.to_string());
        }
        // the OS cause follows the translated sentence, as it came
        let e = StoreError::Io {
            path: p.clone(),
            cause: "cannot save: No space left on device (os error 28)".into(),
        };
        assert_eq!(
            e.message(Lang::Zh),
            "/p/x.json：无法保存：No space left on device (os error 28)"
        );
    }

    #[test]
    fn a_holder_is_worded_in_both_languages_and_escaped() {
        let h = Holder {
            pid: 7,
            host: "h\u{1b}]0;x\u{7}".into(),
            since: chrono::DateTime::from_timestamp(0, 0).unwrap(),
        };
        let zh = ReadOnly::Held(Some(h.clone())).message(Lang::Zh);
        assert!(zh.starts_with("被进程 7（主机 h\\u{1b}]0;x\\u{7}"), "{zh}");
        assert!(!h.message(Lang::En).contains('\u{1b}'));
    }
}
