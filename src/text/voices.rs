//! The words of the respondent, merge and git commands (`src/cli/voices.rs`),
//! in both languages.

use crate::core::Lang;

pub struct VoicesStrings {
    /// Respondent added: name, id, profile, assessment number.
    pub added: &'static str,
    /// Respondent removed: name, id.
    pub removed: &'static str,
    /// Removed with answers: the trash copy's path.
    pub kept_in_trash: &'static str,
    /// No respondent yet in the assessment.
    pub no_respondents: &'static str,
    /// Profile has no assessment: profile id.
    pub no_assessment: &'static str,
    /// A name with control characters.
    pub name_control: &'static str,
    /// A blank name.
    pub name_blank: &'static str,
    /// No respondent matches: what was given.
    pub no_match: &'static str,
    /// Several respondents match a name: the name, how many.
    pub several_match: &'static str,
    /// Remove refused: name, how many answers.
    pub has_answers: &'static str,
    /// The profile is held by another process: profile id.
    pub locked: &'static str,
    /// git-setup: not in a git repository: the folder.
    pub not_git: &'static str,
    /// git-setup done: the binary, the .gitattributes path.
    pub git_setup_done: &'static str,
    /// git-setup: git failed: the cause.
    pub git_failed: &'static str,
    /// merge-driver: merged with n disputes: path, n.
    pub merged: &'static str,
    /// merge-driver: cannot merge: path, cause, where theirs was kept.
    pub cannot_merge: &'static str,
    /// A side that does not parse: which side, cause.
    pub side_unreadable: &'static str,
    /// A side of a newer schema: which side, version.
    pub side_newer: &'static str,
    /// A side over the size limit: which side, limit in bytes.
    pub side_too_large: &'static str,
    pub side_base: &'static str,
    pub side_ours: &'static str,
    pub side_theirs: &'static str,
    /// Column heads of `respondent list`.
    pub col_name: &'static str,
    pub col_organisation: &'static str,
    pub col_role: &'static str,
    /// `validate`: a file with git's conflict markers: path, line.
    pub conflict_markers: &'static str,
}

const EN: VoicesStrings = VoicesStrings {
    added: "added respondent {} ({}) to {}, assessment {}",
    removed: "removed respondent {} ({})",
    kept_in_trash: "the profile as it was, with that respondent's answers, is kept in {}",
    no_respondents: "no respondent in this assessment yet (add one with `citydx respondent add`)",
    no_assessment: "profile {} has no assessment yet; start one with `a` on the home screen",
    name_control: "the name {} holds a control character; type the name without it",
    name_blank: "a respondent needs a name (--name)",
    no_match: "no respondent in this assessment has the id or the name {} (`citydx respondent list` shows them)",
    several_match: "{} respondents are named {}; give the id instead (`citydx respondent list` shows them)",
    has_answers: "respondent {} has {} answer(s) in this assessment; add --force to remove them too (the profile as it was is kept in the trash)",
    locked: "profile {} is open for editing elsewhere; close it there and try again",
    not_git: "{} is not inside a git repository (run `git init` first, or run git-setup in the repository)",
    git_setup_done: "citydx is now git's merge driver for profiles in this clone ({}); commit {} so that every clone has it, and run `citydx git-setup` once in each clone",
    git_failed: "git failed: {}",
    merged: "merged {} ({} dispute(s) to settle)",
    cannot_merge: "cannot merge {}: {}; ours is left in place, theirs is kept in {}",
    side_unreadable: "{} does not parse ({})",
    side_newer: "{} was written by a newer citydx (schema version {})",
    side_too_large: "{} is larger than the profile limit of {} bytes",
    side_base: "the common ancestor",
    side_ours: "our version",
    side_theirs: "their version",
    col_name: "Name",
    col_organisation: "Organisation",
    col_role: "Role",
    conflict_markers: "{}: holds git conflict markers (<<<<<<< at line {}): an unfinished merge; run `citydx git-setup`, then merge again, or resolve it by hand",
};

const ZH: VoicesStrings = VoicesStrings {
    added: "已添加受访者 {}（{}）到 {} 的第 {} 次评估",
    removed: "已删除受访者 {}（{}）",
    kept_in_trash: "删除前的档案（含该受访者的回答）保存在 {}",
    no_respondents: "本次评估还没有受访者（用 `citydx respondent add` 添加）",
    no_assessment: "档案 {} 还没有评估；请在主界面按 `a` 开始一次评估",
    name_control: "名称 {} 含有控制字符；请去掉后重新输入",
    name_blank: "受访者须有名称（--name）",
    no_match: "本次评估中没有 id 或名称为 {} 的受访者（`citydx respondent list` 可列出）",
    several_match: "有 {} 位受访者名为 {}；请改用 id（`citydx respondent list` 可列出）",
    has_answers: "受访者 {} 在本次评估中有 {} 条回答；加 --force 可一并删除（删除前的档案保存在回收站）",
    locked: "档案 {} 正在别处编辑；请先在那里关闭后重试",
    not_git: "{} 不在 git 仓库中（请先运行 `git init`，或在仓库中运行 git-setup）",
    git_setup_done: "本克隆中 git 已用 citydx 合并档案（{}）；请提交 {}，使每个克隆都有此设置，并在每个克隆中运行一次 `citydx git-setup`",
    git_failed: "git 运行失败：{}",
    merged: "已合并 {}（待议定的分歧 {} 处）",
    cannot_merge: "无法合并 {}：{}；保留我方版本，对方版本保存在 {}",
    side_unreadable: "{}无法解析（{}）",
    side_newer: "{}由较新版本的 citydx 写入（schema 版本 {}）",
    side_too_large: "{}超过档案大小上限 {} 字节",
    side_base: "共同祖先版本",
    side_ours: "我方版本",
    side_theirs: "对方版本",
    col_name: "姓名",
    col_organisation: "机构",
    col_role: "职务",
    conflict_markers: "{}：含有 git 冲突标记（第 {} 行为 <<<<<<<），合并尚未完成；请运行 `citydx git-setup` 后重新合并，或手动解决",
};

pub fn strings(lang: Lang) -> &'static VoicesStrings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}
